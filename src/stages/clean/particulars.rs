//! The site's and the programme's own particulars around an article: a
//! contact field ("▷ 전화 : 02-000-0000", "카카오톡 : @가람뉴스", an empty
//! "대표전화 : "), the street address of a footer, a broadcast's air time
//! ("평일 오전 7시 10분") and its presenter ("아나운서 가람이"). The words are
//! in `data/clean/noise.toml` (`ui.contact_labels`, `ui.schedule_words`,
//! `ui.presenter_roles`); this module holds their shapes: a label and a
//! value without prose, an address without a verb, a schedule of times only.

use super::lexicon::Lexicon;
use super::noise::{Line, BULLETS};
use super::text::{char_len, hangul_count};

/// A contact field is at most this long.
const CONTACT_CHARS: usize = 60;
/// A contact value has at most this many Hangul syllables (a street address).
const CONTACT_VALUE_HANGUL: usize = 16;
/// A footer's street address is at most this long, in at most this many words.
const ADDRESS_CHARS: usize = 60;
const ADDRESS_WORDS: usize = 8;
/// A schedule or presenter line is at most this long (in bytes).
const SCHEDULE_BYTES: usize = 60;
/// An air time names at least this many schedule words ("평일 오전").
const SCHEDULE_WORDS: usize = 2;

/// One of the particulars of this module.
pub fn is_particular(line: &Line, lex: &Lexicon) -> bool {
    if line.sentence {
        return false;
    }
    let core = line.text.trim_start_matches(|c: char| BULLETS.contains(&c) || c == '•' || c == ' ').trim_end();
    is_contact_field(core, line.chars, lex)
        || is_street_address(core, line.chars, lex)
        || is_air_time(core, lex)
        || is_presenter(core, lex)
}

/// "전화 : 02-000-0000": a contact label, a colon and a value with few
/// Hangul syllables (or none: the label of an emptied field).
fn is_contact_field(core: &str, chars: usize, lex: &Lexicon) -> bool {
    // Gate: short, a colon, opening with a label's first character.
    if chars > CONTACT_CHARS || !core.contains(':') || !lex.matchers().contact_labels.starts(core) {
        return false;
    }
    lex.ui.contact_labels.iter().any(|label| {
        let value = core.strip_prefix(label.as_str()).and_then(|rest| rest.trim_start().strip_prefix(':'));
        value.is_some_and(|v| hangul_count(v) <= CONTACT_VALUE_HANGUL)
    })
}

/// "가람광역시 나람구 다람로94(라람동 1-2)": opens with a province or a
/// region's name and holds a road with its number ("다람로94", "다람길 12").
fn is_street_address(core: &str, chars: usize, lex: &Lexicon) -> bool {
    // Gate: short, holding a digit.
    if chars > ADDRESS_CHARS || !core.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = core.split(' ').filter(|w| !w.is_empty()).collect();
    let Some(first) = words.first() else { return false };
    let ui = &lex.ui;
    let top = ui.address_top_endings.iter().any(|e| first.ends_with(e.as_str()) && char_len(first) > char_len(e))
        || lex.matchers().region_names.has(first);
    let road = |k: usize| {
        // The old lot address may follow in brackets ("다람로94(라람동 1-2)").
        let w = words[k].split('(').next().unwrap_or_default();
        let name_end = w.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
        let numbered_here = name_end.len() < w.len();
        let numbered_next = words.get(k + 1).is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        ui.road_endings.iter().any(|e| name_end.ends_with(e.as_str())) && (numbered_here || numbered_next)
    };
    top && words.len() <= ADDRESS_WORDS && (1..words.len()).any(road)
}

/// "평일 오전 7시 10분": schedule words (two at least: "오전 7시" alone may
/// be a line of the body) and clock times only.
fn is_air_time(core: &str, lex: &Lexicon) -> bool {
    // Gate: short, ending with a time unit.
    if core.len() > SCHEDULE_BYTES || !(core.ends_with('시') || core.ends_with('분')) {
        return false;
    }
    let schedule = &lex.matchers().schedule_words;
    let (mut words, mut times) = (0, 0);
    let all = core.split(' ').filter(|w| !w.is_empty()).all(|w| {
        let time = is_clock_time(w);
        times += usize::from(time);
        words += usize::from(!time);
        time || schedule.has(w)
    });
    all && words >= SCHEDULE_WORDS && times > 0
}

/// "7시", "10분", "7시10분", "07:10".
fn is_clock_time(word: &str) -> bool {
    let rest = word.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < word.len() && matches!(rest, "시" | "분" | "시반" | "시간") || {
        let (h, m) = word.split_once('시').or_else(|| word.split_once(':')).unwrap_or(("", ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        digits(h) && digits(m.trim_end_matches('분'))
    }
}

/// "아나운서 가람이", "앵커 홍길동": a presenter's role and one name.
fn is_presenter(core: &str, lex: &Lexicon) -> bool {
    // Gate: short, two words.
    let Some((role, name)) = core.split_once(' ').filter(|_| core.len() <= SCHEDULE_BYTES) else { return false };
    let syllables = hangul_count(name);
    lex.matchers().presenter_roles.has(role) && (2..=4).contains(&syllables) && syllables == char_len(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn particular(text: &str) -> bool {
        is_particular(&Line::new(text), Lexicon::get())
    }

    #[test]
    fn contact_fields_and_street_addresses() {
        for line in [
            "▷ 전화 : 02-000-0000, 1111",
            "카카오톡 : @가람소식",
            "  • 대표전화 : ",
            "이메일 : desk@example.kr",
            "주소 : 가람시 나람로 12, 3층",
            "  • 가람광역시 나람구 다람로94(라람동 1-2)",
            "가람도 나람군 다람길 7",
        ] {
            assert!(particular(line), "particular kept: {line}");
        }
        for line in [
            "문의 : 가람구 복지정책과 02-000-0000",
            "전화 상담 창구를 새로 열었다",
            "카카오톡 : 가람구 복지 상담 채널에서 누구나 쉽게 위기가구를 알리고 도움을 받는 방법을 안내한다",
            "가람광역시 나람구, 다람로 정비 사업 1위",
            "가람구는 나람로 12에 복지관을 열었다고 밝혔다.",
            "가람광역시 나람구 복지 평가 우수",
        ] {
            assert!(!particular(line), "body dropped: {line}");
        }
    }

    #[test]
    fn air_times_and_presenters() {
        for line in ["평일 오전 7시 10분", "매주 토요일 오후 6시", "아나운서 가람이", "앵커 홍길동"]
        {
            assert!(particular(line), "particular kept: {line}");
        }
        for line in [
            "평일 오전 9시부터 오후 6시까지 상담 창구를 연다.",
            "오전 7시",
            "2시",
            "아나운서 출신 구청장이 상을 받았다",
            "진행 상황",
        ] {
            assert!(!particular(line), "body dropped: {line}");
        }
    }
}
