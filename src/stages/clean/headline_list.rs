//! A list of other articles' headlines above the article that lost its
//! header ("많이 본 뉴스") in the scrape: several headline-shaped lines, then
//! the article's own headline, then the body. The article's headline shares
//! its words with the lead; the listed ones share (almost) none.

use std::collections::HashSet;

use super::layout::{Fate, Kind, Page, Removed};
use super::text::char_len;
use crate::domain::hangul::is_syllable;

/// A list holds at least this many headlines.
const LIST_HEADLINES: usize = 3;
/// A headline is at least this long (characters).
const HEADLINE_CHARS: usize = 8;
/// The article's headline shares at least this part of its syllable pairs
/// with the lead.
const OWN_SHARE: f64 = 0.5;
/// A listed headline shares less than this part (a place name, "서울시")…
const OTHER_SHARE: f64 = 1.0 / 3.0;
/// …and the listed ones less than this part on average.
const OTHER_MEAN_SHARE: f64 = 0.2;
/// A body sentence is at least this long (characters).
const BODY_CHARS: usize = 25;
/// How many body sentences make the lead.
const LEAD_SENTENCES: usize = 2;

/// Drops such a list and makes the headline below it the page's headline.
pub fn mark(lines: &[String], page: &mut Page) {
    // A listed headline may end like a sentence ("… 늘린다"): the body
    // starts with a long one. The first listed ones may have been taken
    // for a masthead above the headline.
    let body = |i: usize| page.is_prose(lines, i) && char_len(&lines[i]) >= BODY_CHARS;
    let Some(first_body) = (0..lines.len()).find(|&i| body(i)) else { return };
    let candidates: Vec<usize> = (0..first_body)
        .filter(|&i| page.kinds[i] == Kind::Text && matches!(page.fates[i], Fate::Keep | Fate::Drop(Removed::Masthead)))
        .filter(|&i| char_len(&lines[i]) >= HEADLINE_CHARS)
        .collect();
    // Gate: room for a list and a headline.
    if candidates.len() <= LIST_HEADLINES {
        return;
    }
    let lead: HashSet<(char, char)> = (first_body..lines.len())
        .filter(|&i| body(i))
        .take(LEAD_SENTENCES)
        .flat_map(|i| syllable_pairs(&lines[i]))
        .collect();
    let share = |i: usize| {
        let pairs = syllable_pairs(&lines[i]);
        let shared = pairs.iter().filter(|p| lead.contains(p)).count();
        if pairs.is_empty() {
            0.0
        } else {
            shared as f64 / pairs.len() as f64
        }
    };
    let Some(k) = candidates.iter().position(|&i| share(i) >= OWN_SHARE) else { return };
    let listed: Vec<f64> = candidates[..k].iter().map(|&i| share(i)).collect();
    let mean = listed.iter().sum::<f64>() / listed.len().max(1) as f64;
    if listed.len() < LIST_HEADLINES || listed.iter().any(|&s| s >= OTHER_SHARE) || mean >= OTHER_MEAN_SHARE {
        return;
    }
    let listed = &candidates[..k];
    for &i in listed {
        page.fates[i] = Fate::Drop(Removed::OtherArticles);
    }
    page.headline = Some(candidates[k]);
}

/// Pairs of Hangul syllables written next to each other in a line.
fn syllable_pairs(line: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = line.chars().collect();
    chars.windows(2).filter(|w| is_syllable(w[0]) && is_syllable(w[1])).map(|w| (w[0], w[1])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::clean::{layout, lexicon::Lexicon, normalize};

    fn after_mark(text: &str) -> (Vec<String>, Option<String>) {
        let lines = normalize::normalized_lines(text);
        let mut page = layout::classify(&lines, Lexicon::get());
        mark(&lines, &mut page);
        let kept = (0..lines.len()).filter(|&i| page.fates[i] == Fate::Keep).map(|i| lines[i].clone()).collect();
        (kept, page.headline.map(|h| lines[h].clone()))
    }

    const HEADLINE: &str = "가람구, 지역복지사업 평가 2년 연속 최우수";
    const LEAD: &str = "가람구는 올해 지역복지사업 평가에서 2년 연속 최우수 기관으로 뽑혔다고 4일 밝혔다.";
    const SECOND: &str = "구는 위기가구를 이웃과 함께 찾는 돌봄단을 꾸려 높은 점수를 받았다.";

    #[test]
    fn listed_headlines_above_the_article_go() {
        let list =
            ["나람시, 새벽 버스 노선 두 개 늘린다", "다람군 축제에 관광객 몰려…주차난", "라람항 어획량 3년 만에 반등"];
        let text = format!("{}\n\n{HEADLINE}\n기사 읽어주기\n{LEAD}\n{SECOND}", list.join("\n\n"));
        let (kept, headline) = after_mark(&text);
        assert_eq!(kept, vec![HEADLINE, LEAD, SECOND]);
        assert_eq!(headline.as_deref(), Some(HEADLINE));
    }

    /// A headline and subheads the lead shares words with all stay, and so
    /// do fewer listed lines than a list holds.
    #[test]
    fn the_articles_own_headlines_stay() {
        let subheads = ["돌봄단과 함께 위기가구 찾아", "포상금은 복지 사각지대 발굴에", "2년 연속 최우수 기관"];
        let text = format!("{HEADLINE}\n{}\n{LEAD}\n{SECOND}", subheads.join("\n"));
        let (kept, headline) = after_mark(&text);
        assert_eq!(kept.len(), 6);
        assert_eq!(headline.as_deref(), Some(HEADLINE));
        let two = format!("나람시 새벽 버스 노선 확대\n라람항 어획량 3년 만에 반등\n{HEADLINE}\n{LEAD}");
        assert_eq!(after_mark(&two).0.len(), 4);
    }
}
