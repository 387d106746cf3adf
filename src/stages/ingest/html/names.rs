//! How news pages name their parts, from `data/html/page_names.toml`
//! (embedded at build time): the tags, roles and class or id words of page
//! chrome, and the names of article bodies.

use std::sync::LazyLock;

use serde::Deserialize;

const PAGE_NAMES_TOML: &str = include_str!("../../../../data/html/page_names.toml");

/// The lists of `data/html/page_names.toml`.
#[derive(Debug, Deserialize)]
pub struct PageNames {
    pub chrome_tags: Vec<String>,
    pub chrome_roles: Vec<String>,
    pub chrome_words: Vec<String>,
    pub chrome_parts: Vec<String>,
    pub article_names: Vec<String>,
    pub article_subjects: Vec<String>,
    pub article_parts: Vec<String>,
}

static NAMES: LazyLock<PageNames> =
    LazyLock::new(|| toml::from_str(PAGE_NAMES_TOML).expect("data/html/page_names.toml parses"));

impl PageNames {
    pub fn get() -> &'static PageNames {
        &NAMES
    }

    fn has(list: &[String], item: &str) -> bool {
        list.iter().any(|x| x == item)
    }

    pub fn is_chrome_tag(&self, tag: &str) -> bool {
        Self::has(&self.chrome_tags, tag)
    }

    pub fn is_chrome_role(&self, role: &str) -> bool {
        Self::has(&self.chrome_roles, role)
    }

    /// Lowercased class and id names that mark the article body.
    pub fn is_article_name(&self, names: &str) -> bool {
        names.split_whitespace().any(|name| {
            let has_any = |words: &[String]| words.iter().any(|w| name.contains(w.as_str()));
            Self::has(&self.article_names, name) || (has_any(&self.article_subjects) && has_any(&self.article_parts))
        })
    }

    /// Lowercased class and id names made of chrome words ("gnb", "side-banner", "article_reply").
    pub fn is_chrome_name(&self, names: &str) -> bool {
        names.split_whitespace().flat_map(|name| name.split(['-', '_'])).any(|word| {
            Self::has(&self.chrome_words, word) || self.chrome_parts.iter().any(|p| word.contains(p.as_str()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_real_sites() {
        let n = PageNames::get();
        for body in ["dic_area", "article-view-content-div", "news_body_area", "articletxt", "x news_txt_wrap"] {
            assert!(n.is_article_name(body), "{body}");
        }
        for chrome in ["gnb", "side_banner", "article-comment", "right_ranking", "newsfooter"] {
            assert!(n.is_chrome_name(chrome), "{chrome}");
        }
        assert!(!n.is_chrome_name("header_logo article_view") && !n.is_article_name("wrap"));
        assert!(n.is_chrome_tag("nav") && n.is_chrome_role("navigation"));
    }
}
