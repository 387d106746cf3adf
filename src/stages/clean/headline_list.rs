//! A list of other articles' headlines that lost its header ("많이 본
//! 뉴스") in the scrape: above the article, several headline-shaped lines,
//! then the article's own headline, then the body; below it, a run of
//! items marked "- " closing the page. The article's headline shares its
//! words with the lead, a list of the body its words with the body; the
//! listed ones share (almost) none.

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
    let share = |i: usize| shared_part(&lines[i], &lead);
    let Some(k) = candidates.iter().position(|&i| share(i) >= OWN_SHARE) else { return };
    if !all_others(candidates[..k].iter().map(|&i| share(i))) {
        return;
    }
    let listed = &candidates[..k];
    for &i in listed {
        page.fates[i] = Fate::Drop(Removed::OtherArticles);
    }
    page.headline = Some(candidates[k]);
}

/// Drops a run of items marked "- " that closes the page below the body
/// (blank and chrome lines aside), when no item shares its words with the
/// body above: other articles' headlines. A list of the body (its awards,
/// its plans) shares them, and stays.
pub fn mark_below(lines: &[String], page: &mut Page) {
    let kept = |i: usize| page.kinds[i] == Kind::Text && page.fates[i] == Fate::Keep;
    let mut items = Vec::new();
    for i in (0..lines.len()).rev().filter(|&i| kept(i)) {
        if !lines[i].starts_with("- ") {
            break;
        }
        items.push(i);
    }
    // Gate: a list's length, and a body above it.
    let Some(&top) = items.last().filter(|_| items.len() >= LIST_HEADLINES) else { return };
    let body: HashSet<(char, char)> =
        (0..top).filter(|&i| page.is_prose(lines, i)).flat_map(|i| syllable_pairs(&lines[i])).collect();
    if body.is_empty() || !all_others(items.iter().map(|&i| shared_part(&lines[i], &body))) {
        return;
    }
    for i in items {
        page.fates[i] = Fate::Drop(Removed::OtherArticles);
    }
}

/// Whether shares of listed lines are those of other articles: enough of
/// them, none above [`OTHER_SHARE`], their mean below [`OTHER_MEAN_SHARE`].
fn all_others(shares: impl Iterator<Item = f64>) -> bool {
    let shares: Vec<f64> = shares.collect();
    let mean = shares.iter().sum::<f64>() / shares.len().max(1) as f64;
    shares.len() >= LIST_HEADLINES && shares.iter().all(|&s| s < OTHER_SHARE) && mean < OTHER_MEAN_SHARE
}

/// The part of a line's syllable pairs found in `pairs` (0 for a line without any).
fn shared_part(line: &str, pairs: &HashSet<(char, char)>) -> f64 {
    let own = syllable_pairs(line);
    let shared = own.iter().filter(|p| pairs.contains(p)).count();
    if own.is_empty() {
        0.0
    } else {
        shared as f64 / own.len() as f64
    }
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

    fn after_mark_below(text: &str) -> Vec<String> {
        let lines = normalize::normalized_lines(text);
        let mut page = layout::classify(&lines, Lexicon::get());
        mark_below(&lines, &mut page);
        (0..lines.len()).filter(|&i| page.fates[i] == Fate::Keep).map(|i| lines[i].clone()).collect()
    }

    /// Items of other articles closing the page go; a list of the body's
    /// own awards or plans stays, and so do fewer items than a list holds.
    #[test]
    fn listed_headlines_below_the_article_go() {
        let list = [
            "- 나람시, 새벽 버스 노선 두 개 늘린다",
            "- 다람군 축제에 관광객 몰려…주차난",
            "- 라람항 어획량 3년 만에 반등",
        ];
        let text = format!("{HEADLINE}\n{LEAD}\n{SECOND}\n{}\n댓글0", list.join("\n"));
        assert_eq!(after_mark_below(&text), vec![HEADLINE, LEAD, SECOND]);
        let own = ["- 위기가구 돌봄단 확대", "- 2년 연속 최우수 기관 포상금", "- 지역복지사업 평가 우수 사례 공유"];
        let text = format!("{HEADLINE}\n{LEAD}\n{SECOND}\n{}", own.join("\n"));
        assert_eq!(after_mark_below(&text).len(), 6);
        let text = format!("{HEADLINE}\n{LEAD}\n{SECOND}\n{}", list[..2].join("\n"));
        assert_eq!(after_mark_below(&text).len(), 5);
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
