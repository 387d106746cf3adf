//! Navigation and script leftovers of a page: skip links ("본문으로 이동",
//! "메뉴로 이동", "본문 건너뛰기") and the bare name of a script or a widget
//! ("fnSurvey", "loadAdSlot"). The targets and actions of skip links are in
//! `data/clean/noise.toml` (`ui.skip_targets`, `ui.skip_actions`).

use super::lexicon::Lexicon;

/// A skip link is at most this long (in bytes).
const SKIP_LINK_BYTES: usize = 60;
/// A script's name is at most this long (in bytes).
const SCRIPT_NAME_BYTES: usize = 40;

/// A skip link: every word a target (with 으로 / 로 or not) or an action,
/// a target and an action at least. A line moving something else ("본사로
/// 이동") names no target.
pub fn is_skip_link(core: &str, lex: &Lexicon) -> bool {
    // Gate: short, ending with an action's last syllable.
    if core.len() > SKIP_LINK_BYTES || !(core.ends_with("동") || core.ends_with("기")) {
        return false;
    }
    let m = lex.matchers();
    let (mut targets, mut actions) = (0, 0);
    let all = core.split(' ').filter(|w| !w.is_empty()).all(|w| {
        let target = [w.strip_suffix("으로"), w.strip_suffix("로"), Some(w)]
            .into_iter()
            .flatten()
            .any(|t| m.skip_targets.has(t));
        let action = m.skip_actions.has(w);
        targets += usize::from(target);
        actions += usize::from(action);
        target || action
    });
    all && targets > 0 && actions > 0
}

/// The name of a script or widget in camel case ("fnSurvey", "loadAdSlot"):
/// one word of ASCII letters and digits, opening with a small letter, with
/// a capital after it. English text has spaces; a brand alone on a line is
/// no article text either.
pub fn is_script_name(core: &str) -> bool {
    // Gate: short, opening with a small ASCII letter.
    if core.len() > SCRIPT_NAME_BYTES || !core.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    core.bytes().all(|b| b.is_ascii_alphanumeric()) && core.bytes().any(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_links_and_script_names() {
        let lex = Lexicon::get();
        for line in ["본문으로 이동", "메뉴로 이동", "주메뉴로 이동", "본문 건너뛰기", "검색 바로가기"]
        {
            assert!(is_skip_link(line, lex), "skip link kept: {line}");
        }
        for line in ["본사로 이동", "청사 이전으로 이동", "이동", "본문", "검색창 이동"] {
            assert!(!is_skip_link(line, lex), "body dropped: {line}");
        }
        for line in ["fnSurvey", "loadAdSlot2"] {
            assert!(is_script_name(line), "{line}");
        }
        for line in ["survey", "Survey", "ba ba black sheep", "iPhone 16 출시", "e-Mail"] {
            assert!(!is_script_name(line), "{line}");
        }
    }
}
