//! Furniture that only its neighbours give away, judged after the page
//! layout ([`super::layout`]): a page title above the headline it repeats,
//! a list of other headlines above or below the article ([`headline_list`]),
//! a summary box whose lines the body repeats, the headline above a listed
//! other article's stamp, the site's own name lines below the article
//! ("가람일보 - 새벽을 깨우는 신문", "가람일보TV") and the page's tail below the
//! closing copyright notice.

use super::headline_list;
use super::layout::{Fate, Kind, Page, Removed};
use super::lexicon::Lexicon;
use super::noise::{self, core};
use super::text::char_len;

/// A summary box holds at most this many lines.
const SUMMARY_LINES: usize = 5;
/// A summary line is repeated by the body when a later line holds its
/// first or its last this many characters.
const SUMMARY_EDGE_CHARS: usize = 20;
/// How many kept lines below a page title its headline may sit.
const TITLE_REACH: usize = 3;
/// What separates a page title from the site's name.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " :: ", " < "];
/// The site's name after a page title is at most this long (separator included).
const TITLE_TAIL_CHARS: usize = 20;
/// A title cut short keeps at least this many characters.
const CUT_TITLE_CHARS: usize = 8;
/// A line of the site's name is at most this long.
const OUTLET_LINE_CHARS: usize = 40;

/// Marks the furniture of this module on a classified page. `outlets` are
/// the names the page's copyright lines give.
pub fn mark(lines: &[String], page: &mut Page, lex: &Lexicon, outlets: &[String]) {
    mark_page_title(lines, page);
    headline_list::mark(lines, page);
    headline_list::mark_below(lines, page);
    mark_summary_boxes(lines, page, lex);
    mark_item_stamps(lines, page, lex);
    mark_outlet_lines(lines, page, outlets);
    mark_tail(lines, page, lex);
}

fn kept_text(page: &Page, i: usize) -> bool {
    page.kinds[i] == Kind::Text && page.fates[i] == Fate::Keep
}

/// A page title taken for the headline, while the headline itself follows
/// a few lines below: the title with the site's name ("가람구, 복지 평가
/// 우수상 | 가람뉴스"), or the same words above a header of short lines
/// (a search box, the site's region). The later line is the headline, the
/// title and the lines between are the masthead.
fn mark_page_title(lines: &[String], page: &mut Page) {
    let Some(h) = page.headline else { return };
    let later: Vec<usize> = (h + 1..lines.len()).filter(|&j| kept_text(page, j)).take(TITLE_REACH).collect();
    let with_site = later.iter().copied().find(|&j| {
        lines[h].strip_prefix(lines[j].as_str()).is_some_and(|tail| {
            TITLE_SEPARATORS.iter().any(|s| tail.starts_with(s)) && char_len(tail) <= TITLE_TAIL_CHARS
        })
    });
    // A repeat below short lines only: a subhead between is the article's.
    let header_line = |k: usize| !page.sentences[k] && char_len(&lines[k]) <= TITLE_TAIL_CHARS;
    let repeated = || {
        let j = later.iter().copied().find(|&j| repeats_title(&lines[h], &lines[j]))?;
        later.iter().take_while(|&&k| k < j).all(|&k| header_line(k)).then_some(j)
    };
    let Some(j) = with_site.or_else(repeated) else { return };
    for k in h..j {
        if kept_text(page, k) {
            page.fates[k] = Fate::Drop(Removed::Masthead);
            page.masthead.push(k);
        }
    }
    page.headline = Some(j);
}

/// Whether `headline` is `title`, or `title` is its start cut short with
/// dots ("가람구, 복지 평가 4년 .." above "가람구, 복지 평가 4년 연속 수상").
fn repeats_title(title: &str, headline: &str) -> bool {
    let stem = title.trim_end_matches(['.', '…']).trim_end();
    title == headline
        || (stem.len() < title.len()
            && char_len(stem) >= CUT_TITLE_CHARS
            && headline.starts_with(stem)
            && headline.len() > stem.len())
}

/// After a summary header ("세 줄 요약"), the next few text lines are the
/// summary. When the rest of the page repeats at least half of them, the
/// box goes (the body keeps its own copies); a summary the page does not
/// repeat is all the excerpt holds of the article, and stays.
fn mark_summary_boxes(lines: &[String], page: &mut Page, lex: &Lexicon) {
    let headers = &lex.matchers().summary_headers;
    for h in 0..lines.len() {
        if page.kinds[h] != Kind::Ui || !headers.has(core(&lines[h])) {
            continue;
        }
        let summary: Vec<usize> = (h + 1..lines.len())
            .filter(|&j| page.kinds[j] != Kind::Blank)
            .take_while(|&j| page.kinds[j] == Kind::Text)
            .take(SUMMARY_LINES)
            .collect();
        let rest = &lines[summary.last().map_or(h + 1, |&j| j + 1)..];
        let repeated = summary.iter().filter(|&&j| repeated_in(&lines[j], rest)).count();
        if repeated > 0 && repeated * 2 >= summary.len() {
            for j in summary {
                page.fates[j] = Fate::Drop(Removed::Duplicate);
            }
        }
    }
}

/// Whether a later line holds the start or the end of `line` (an excerpt
/// may cut the body's copy short, or a byline may open it).
fn repeated_in(line: &str, rest: &[String]) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let n = SUMMARY_EDGE_CHARS.min(chars.len());
    let head: String = chars[..n].iter().collect();
    let tail: String = chars[chars.len() - n..].iter().collect();
    rest.iter().any(|l| l.contains(head.as_str()) || l.contains(tail.as_str()))
}

/// A stamp under a listed other article ("온라인 기사 ( 2030.11.19 19:51 )")
/// takes the headline right above it along.
fn mark_item_stamps(lines: &[String], page: &mut Page, lex: &Lexicon) {
    let stamps = &lex.matchers().item_stamps;
    for i in 1..lines.len() {
        if page.kinds[i] != Kind::OtherArticle || !stamps.starts(&lines[i]) {
            continue;
        }
        let above = (0..i).rev().find(|&j| page.kinds[j] != Kind::Blank);
        if let Some(j) = above.filter(|&j| kept_text(page, j) && !page.sentences[j]) {
            page.fates[j] = Fate::Drop(Removed::OtherArticles);
        }
    }
}

/// The page's tail: below a copyright notice that follows the last body
/// sentence (it closes the article; a photo credit with a © sign inside
/// the body does not), the lines left are lists of other articles, menus
/// and footers, not article text. A line with an award
/// word ("대상", "선정") stays, in case a table of winners sits there.
fn mark_tail(lines: &[String], page: &mut Page, lex: &Lexicon) {
    let Some(last_body) = (0..lines.len()).rev().find(|&i| page.is_prose(lines, i)) else { return };
    let Some(closing) = (last_body..lines.len()).find(|&i| page.kinds[i] == Kind::Copyright) else { return };
    for i in closing + 1..lines.len() {
        if kept_text(page, i) && !noise::may_be_award_content(&lines[i], lex) {
            page.fates[i] = Fate::Drop(Removed::OtherArticles);
        }
    }
}

/// Below the article body, a short line that opens with the site's own
/// name is its masthead, tagline or channel promo, not article text.
fn mark_outlet_lines(lines: &[String], page: &mut Page, outlets: &[String]) {
    if outlets.is_empty() {
        return;
    }
    let Some(first_body) = (0..lines.len()).find(|&i| kept_text(page, i) && page.sentences[i]) else {
        return;
    };
    for i in first_body + 1..lines.len() {
        let opens_with_outlet = outlets.iter().any(|o| lines[i].starts_with(o.as_str()));
        if opens_with_outlet && kept_text(page, i) && !page.sentences[i] && char_len(&lines[i]) <= OUTLET_LINE_CHARS {
            page.fates[i] = Fate::Drop(Removed::Masthead);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::clean::{layout, normalize};

    fn kept(text: &str, outlets: &[&str]) -> Vec<String> {
        let lines = normalize::normalized_lines(text);
        let lex = Lexicon::get();
        let mut page = layout::classify(&lines, lex);
        let outlets: Vec<String> = outlets.iter().map(|o| o.to_string()).collect();
        mark(&lines, &mut page, lex, &outlets);
        (0..lines.len()).filter(|&i| page.fates[i] == Fate::Keep).map(|i| lines[i].clone()).collect()
    }

    const LEAD: &str = "가람구는 올해 지역복지사업 평가에서 우수상을 받았다고 4일 밝혔다.";
    const SECOND: &str = "구는 포상금 3천만원을 복지 사각지대 발굴에 쓸 계획이다.";

    #[test]
    fn a_summary_box_the_body_repeats_goes() {
        let text = format!(
            "가람구, 복지 평가 우수상\n세 줄 요약\n{LEAD}\n{SECOND}\n요약 문장은 인공지능이 자동으로 뽑았습니다. 본문 전체 읽기를 권장합니다.\n(가람=가람통신) 홍길동 기자 = {LEAD}\n{SECOND}"
        );
        let lines = kept(&text, &[]);
        assert_eq!(lines.iter().filter(|l| l.ends_with(SECOND)).count(), 1);
        assert!(lines.last().is_some_and(|l| l == SECOND));
        assert!(lines.iter().any(|l| l.starts_with("(가람=가람통신)")));
        // A summary that is all the excerpt holds stays.
        let alone = format!("가람구, 복지 평가 우수상\n3줄 요약\n{LEAD}\n{SECOND}");
        assert_eq!(kept(&alone, &[]), vec!["가람구, 복지 평가 우수상", LEAD, SECOND]);
    }

    #[test]
    fn a_page_title_above_its_headline_goes() {
        let text = format!("가람구, 복지 평가 우수상 | 가람소식\n전남가람군\n가람구, 복지 평가 우수상\n{LEAD}");
        assert_eq!(kept(&text, &[]), vec!["가람구, 복지 평가 우수상", LEAD]);
    }

    #[test]
    fn a_page_title_repeated_below_a_short_header_goes_with_it() {
        let headline = "가람구, 복지 평가 우수상";
        let subhead = "주민과 함께 만든 돌봄 체계로 높은 점수";
        let text = format!("{headline}\n검색 입력폼\n가람\n{headline}\n{subhead}\n가람구\n{LEAD}");
        assert_eq!(kept(&text, &[]), vec![headline, subhead, "가람구", LEAD]);
        // A title cut short with dots above the whole headline.
        let text = format!("가람구, 복지 평가 ..\n지역\n{headline}\n{LEAD}");
        assert_eq!(kept(&text, &[]), vec![headline, LEAD]);
        let text = format!("나람군, 복지 평가 ..\n{headline}\n{LEAD}");
        assert_eq!(kept(&text, &[]), vec!["나람군, 복지 평가 ..", headline, LEAD]);
        // A subhead between the title and its repeat is the article's: both stay.
        let text = format!("{headline}\n{subhead}\n{headline}\n{LEAD}");
        assert_eq!(kept(&text, &[]), vec![headline, subhead, headline, LEAD]);
    }

    #[test]
    fn a_listed_article_under_the_body_goes_with_its_stamp() {
        let text = format!("{LEAD}\n{SECOND}\n홍길동 기자 hong@example.kr\n나람시-다람군, 광역 버스 노선 협의\n온라인 기사 ( 2031.03.04 10:00 )");
        assert_eq!(kept(&text, &[]), vec![LEAD, SECOND]);
    }

    #[test]
    fn the_tail_below_the_closing_copyright_goes() {
        let text = format!(
            "가람구, 복지 평가 우수상\n{LEAD}\n{SECOND}\n[ⓒ 가람뉴스. 무단전재 금지]\n정치일반\n나람시장, 새해 기자회견 이후 처음\n가람뉴스 / 31.03.04\n다람군, 우수기관 선정\n경기남부"
        );
        assert_eq!(kept(&text, &[]), vec!["가람구, 복지 평가 우수상", LEAD, SECOND, "다람군, 우수기관 선정"]);
        // A photo credit with a © sign inside the body closes nothing.
        let credit = format!("가람구, 복지 평가 우수상\n{LEAD}\nⓒ가람뉴스\n■ 향후 계획\n{SECOND}\n구청장은 \"앞으로도");
        let all = vec!["가람구, 복지 평가 우수상", LEAD, "■ 향후 계획", SECOND, "구청장은 \"앞으로도"];
        assert_eq!(kept(&credit, &[]), all);
    }

    #[test]
    fn the_sites_own_name_lines_below_the_body_go() {
        let text =
            format!("가람구, 복지 평가 우수상\n{LEAD}\n{SECOND}\n가람일보 - 새벽을 깨우는 신문, GARAM\n가람일보TV");
        assert_eq!(kept(&text, &["가람일보"]), vec!["가람구, 복지 평가 우수상", LEAD, SECOND]);
        let subhead = "가람일보 선정 올해의 복지 인물은 누구일까";
        assert_eq!(kept(&format!("{subhead}\n{LEAD}"), &["가람일보"]), vec![subhead, LEAD]);
    }
}
