//! Notices addressed to the reader, in families (`ui.addressed` in
//! `data/clean/noise.toml`): a portal's note on an article's categories, a
//! reading aid's browser notice, a tip promo, a page's loading status, how
//! to work a font slider or a photo viewer. Such a notice is polite
//! (…니다, …세요) and names its family's topic and a cue only a notice
//! says ("하실 수", "누르시면"); news prose ends in …했다, and broadcast
//! prose, polite too, names the topic without the cue.

use super::lexicon::Lexicon;
use super::noise::Line;

/// A notice to the reader is at most this long.
const NOTICE_CHARS: usize = 300;

/// Whether a line is a notice of one of the families.
pub fn is_addressed_notice(line: &Line, lex: &Lexicon) -> bool {
    // Gate: short enough, and polite (its last bytes).
    if line.chars > NOTICE_CHARS || !is_polite_notice(line.text) {
        return false;
    }
    let m = lex.matchers();
    m.addressed.iter().any(|(topics, cues)| topics.is_in(line.text) && cues.as_ref().is_none_or(|c| c.is_in(line.text)))
}

/// Whether a line ends like a notice to the reader (…합니다, …주세요,
/// …하십시오, …바랍니다), not like news prose (…했다).
pub fn is_polite_notice(text: &str) -> bool {
    let end = without_closing_marks(text);
    end.ends_with("니다") || end.ends_with("세요") || end.ends_with("시오")
}

/// The line without the punctuation, quotes and brackets that close it.
pub fn without_closing_marks(text: &str) -> &str {
    text.trim_end_matches(['.', '!', '?', '…', '"', '\'', ')', ']', ' '])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(text: &str) -> bool {
        is_addressed_notice(&Line::new(text), Lexicon::get())
    }

    /// Each family's notices go; prose (and polite broadcast prose) with the
    /// same topic stays.
    #[test]
    fn notices_to_the_reader_by_family() {
        for line in [
            "이 글의 카테고리는 제공한 언론사가 정합니다.",
            "한 기사는 여러 카테고리에 함께 실릴 수 있습니다.",
            "듣기 기능은 가람 브라우저에서만 이용하실 수 있습니다.",
            "생활 속 궁금증도 좋습니다. 여러분의 제보를 기다립니다",
            "가람소식에 제보해 주세요.",
            "첫 화면이 로드 됐습니다.",
            "막대를 좌우로 움직이시면 글자 크기가 바뀝니다.",
            "두 손가락으로 사진을 확대해 보세요.",
        ] {
            assert!(notice(line), "notice kept: {line}");
        }
        for line in [
            "구는 복지 사업을 다섯 개 카테고리로 나눠 평가했다.",
            "구는 복지 사업을 다섯 개 카테고리로 나눴습니다.",
            "주민 제보로 위기가구 12곳을 찾았습니다.",
            "경찰은 목격자의 제보를 받고 있다고 밝혔다.",
            "구는 누리집을 모든 브라우저에서 열 수 있게 고쳤습니다.",
            "구는 글자 크기를 키운 안내서를 만들었습니다.",
            "사업 계획 로드맵이 나왔다.",
        ] {
            assert!(!notice(line), "prose dropped: {line}");
        }
    }
}
