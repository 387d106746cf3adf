//! Readers of page metadata: reporter names, byline prefixes of lead
//! sentences, outlet names from copyright lines, brackets and mastheads, and
//! headline tags. (Dates are read by [`super::dates`].)

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::Lexicon;
use super::text::{char_len, hangul_count};
use crate::domain::hangul::is_syllable;

/// "홍길동 기자" with a word boundary on both sides; group 1 is the name.
pub static REPORTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s\[(=|:·</])([가-힣]{2,4})\s?기자(?:$|[\s\])=|,·>:])").unwrap());

/// Gate: a match starts the line with '[' or '('.
static BRACKET_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\[([^\[\]]{1,40})\]|\(([^()]{1,40})\))\s*").unwrap());
/// Gate: a match holds '='.
static REPORTER_EQ: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([가-힣]{2,4})\s?기자\s*=\s*").unwrap());
static HEADLINE_TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\[([^\[\]]{1,20})\]\s*").unwrap());

/// Whether `text` starts with "홍길동 기자 =" ([`REPORTER_EQ`]). Gate: every match holds '='.
fn has_reporter_eq(text: &str) -> bool {
    text.contains('=') && REPORTER_EQ.is_match(text)
}

/// Reporter names in a byline line ("김아무 기자" → 김아무).
pub fn reporter_names(line: &str) -> Vec<String> {
    if !line.contains("기자") {
        return Vec::new();
    }
    REPORTER.captures_iter(line).map(|c| c[1].to_string()).collect()
}

/// Whether the line names a reporter ("홍길동 기자"): [`REPORTER`] matches.
/// Gate: every match holds "기자".
pub fn has_reporter(line: &str) -> bool {
    line.contains("기자") && REPORTER.is_match(line)
}

/// Whether a word looks like an outlet name (ends like 뉴스, 일보, 신문, ...).
pub fn looks_like_outlet(word: &str, lex: &Lexicon) -> bool {
    let n = char_len(word);
    (2..=20).contains(&n) && !word.contains("기자") && lex.outlets.suffixes.iter().any(|s| word.ends_with(s.as_str()))
}

/// The byline prefix of a lead sentence, split off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BylinePrefix {
    /// Byte offset where the sentence itself starts.
    pub rest_start: usize,
    pub reporter: Option<String>,
    pub outlet: Option<String>,
    /// The dateline place ("창녕" of "(창녕=가람뉴스)").
    pub place: Option<String>,
}

/// Recognizes a byline prefix at the start of a line: "[세계뉴스] 정서영 기자 = ",
/// "[아유경제=송예은 기자] ", "(브레이크뉴스인천 박상도 기자) ", "(서울=가람일보)
/// 홍길동 기자 = ", "[가람일보] ". Returns `None` when there is none, or when
/// nothing would remain.
pub fn byline_prefix(line: &str, known_outlets: &[String], lex: &Lexicon) -> Option<BylinePrefix> {
    let mut pos = 0;
    let mut reporter = None;
    let mut outlet = None;
    let mut place = None;
    // Gate: a bracket prefix opens the line.
    if let Some(caps) = line.starts_with(['[', '(']).then(|| BRACKET_PREFIX.captures(line)).flatten() {
        let content = caps.get(1).or_else(|| caps.get(2)).expect("one bracket group").as_str().trim();
        let after = &line[caps.get(0).expect("match").end()..];
        let is_outlet =
            looks_like_outlet(content, lex) && !content.contains(' ') || known_outlets.iter().any(|o| o == content);
        if content.contains("기자") || content.contains('=') || has_reporter_eq(after) || is_outlet {
            pos = caps.get(0).expect("match").end();
            reporter = reporter_names(content).into_iter().next();
            outlet = outlet_in_bracket(content, lex);
            place = dateline_place(content, outlet.as_deref());
        }
    }
    if let Some(caps) = line[pos..].contains('=').then(|| REPORTER_EQ.captures(&line[pos..])).flatten() {
        reporter = Some(caps[1].to_string());
        pos += caps.get(0).expect("match").end();
    }
    if pos == 0 || line[pos..].trim().is_empty() {
        return None;
    }
    Some(BylinePrefix { rest_start: pos, reporter, outlet, place })
}

/// The outlet named in a dateline bracket: "아유경제=송예은 기자" → 아유경제,
/// "서울=가람일보" → 가람일보, "가람뉴스 홍길동 기자" → 가람뉴스.
pub fn outlet_in_bracket(content: &str, lex: &Lexicon) -> Option<String> {
    let parts: Vec<String> = content
        .split('=')
        .map(|p| REPORTER.replace_all(&format!(" {p} "), " ").trim().to_string())
        .filter(|p| char_len(p) >= 2 && !p.contains(' ') && !p.contains("기자"))
        .collect();
    // The part shaped like an outlet name, else the longer part (a dateline
    // place is a short word: "(가람뉴스이야기=서천)").
    parts
        .iter()
        .find(|p| looks_like_outlet(p, lex))
        .or_else(|| parts.iter().filter(|p| char_len(p) >= 3).max_by_key(|p| char_len(p)))
        .cloned()
}

/// The place of a dateline bracket: the short Hangul word beside the outlet
/// ("서울=가람일보" → 서울, "가람이야기=서천" → 서천).
pub fn dateline_place(content: &str, outlet: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = content.split('=').map(str::trim).collect();
    if parts.len() != 2 {
        return None;
    }
    parts
        .into_iter()
        .find(|p| {
            Some(*p) != outlet && (2..=4).contains(&char_len(p)) && p.chars().all(is_syllable) && !p.contains("기자")
        })
        .map(str::to_string)
}

/// The outlet named in a copyright line ("[ⓒ 가람뉴스. 무단전재-재배포 금지]",
/// "<저작권자(c) 가람일보, 무단 전재-재배포 금지>", "가람뉴스(www.x.kr), 무단전재 ...").
pub fn outlet_from_copyright(line: &str) -> Option<String> {
    let mut s = line.to_string();
    for marker in ["Copyright", "COPYRIGHT", "copyright", "저작권자", "ⓒ", "©", "(c)", "(C)"] {
        if s.contains(marker) {
            s = s.replace(marker, " ");
        }
    }
    let s = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '[' | ']' | '(' | ')' | ':'));
    let mut end = s.len();
    for stop in ["(", ",", ". ", "|", " - ", "무단", "All rights", "all rights", " 저작", "<", ">", "]"] {
        if let Some(i) = s.find(stop) {
            end = end.min(i);
        }
    }
    let name = s[..end].trim().trim_end_matches(['.', ' ']).trim();
    let words = name.split(' ').count();
    ((2..=20).contains(&char_len(name)) && words <= 2 && !name.contains('@')).then(|| name.to_string())
}

/// An outlet named in a byline / dateline line ("[가람일보 2013-11-28 09:10]",
/// "가람일보 김아무 기자", "가람일보 | 승인 ...").
pub fn outlet_in_meta_line(line: &str, lex: &Lexicon) -> Option<String> {
    line.split(|c: char| c.is_whitespace() || matches!(c, '|' | '[' | ']' | '(' | ')' | '<' | '>'))
        .find(|w| looks_like_outlet(w, lex) && hangul_count(w) >= 2)
        .map(str::to_string)
}

/// A title without a trailing outlet name ("가람구, 대상 - 가람일보",
/// "가람구, 대상 | 가람일보" → "가람구, 대상").
pub fn strip_title_outlet<'a>(title: &'a str, known_outlets: &[String], lex: &Lexicon) -> &'a str {
    for sep in [" - ", " | ", " :: ", " < ", " : "] {
        if let Some(i) = title.rfind(sep) {
            let tail = title[i + sep.len()..].trim().trim_end_matches('>').trim();
            let outletish =
                known_outlets.iter().any(|o| o == tail) || (looks_like_outlet(tail, lex) && !tail.contains(' '));
            if outletish && i > 0 {
                return title[..i].trim_end();
            }
        }
    }
    title
}

/// A headline without its leading section tag ("[가람경제_행정] 구, 대상" → "구, 대상").
pub fn strip_headline_tag<'a>(line: &'a str, known_outlets: &[String], lex: &Lexicon) -> &'a str {
    if let Some(caps) = HEADLINE_TAG.captures(line) {
        let tag = caps[1].trim();
        let outletish = tag.contains('_')
            || looks_like_outlet(tag.split(['_', ' ']).next().unwrap_or(tag), lex)
            || known_outlets.iter().any(|o| tag.starts_with(o.as_str()));
        let rest = &line[caps.get(0).expect("match").end()..];
        if outletish && !rest.trim().is_empty() {
            return rest;
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bracket and "기자 =" gates never hide a match.
    #[test]
    fn prefix_gates_never_hide_a_match() {
        let lines = super::super::noise::tests::tricky_lines();
        for line in lines.iter().flat_map(|l| [format!("[{l}"), format!("({l}"), l.clone()]) {
            assert!(line.starts_with(['[', '(']) || !BRACKET_PREFIX.is_match(&line), "{line:?}");
            assert_eq!(has_reporter_eq(&line), REPORTER_EQ.is_match(&line), "{line:?}");
        }
    }

    #[test]
    fn byline_prefixes_are_split_off() {
        let lex = Lexicon::get();
        let cases = [
            ("[가람뉴스] 홍길동 기자 = 구가 대상을 받았다.", "구가", Some("홍길동"), Some("가람뉴스")),
            ("[가람경제=김아무 기자] 서울 관악구는 밝혔다.", "서울", Some("김아무"), Some("가람경제")),
            ("(가람뉴스인천 박아무 기자) 계양구가 밝혔다.", "계양구가", Some("박아무"), Some("가람뉴스인천")),
            ("(서울=가람일보) 윤아무 기자 = 복지부는 밝혔다.", "복지부는", Some("윤아무"), Some("가람일보")),
            ("이아무 기자 = 군은 밝혔다.", "군은", Some("이아무"), None),
            ("(가람이야기=서천) 윤아무 기자 = 군은 밝혔다.", "군은", Some("윤아무"), Some("가람이야기")),
        ];
        for (line, rest_starts, reporter, outlet) in cases {
            let p = byline_prefix(line, &[], lex).unwrap_or_else(|| panic!("{line}"));
            assert!(line[p.rest_start..].starts_with(rest_starts), "{line}");
            assert_eq!(p.reporter.as_deref(), reporter, "{line}");
            assert_eq!(p.outlet.as_deref(), outlet, "{line}");
        }
        let place = |line: &str| byline_prefix(line, &[], lex).and_then(|p| p.place);
        assert_eq!(place("(서울=가람일보) 윤아무 기자 = 복지부는 밝혔다.").as_deref(), Some("서울"));
        assert_eq!(place("(가람이야기=서천) 윤아무 기자 = 군은 밝혔다.").as_deref(), Some("서천"));
        assert_eq!(place("[가람경제=김아무 기자] 서울 관악구는 밝혔다."), None);
        assert_eq!(byline_prefix("(재)복지재단은 상을 받았다.", &[], lex), None);
        assert_eq!(byline_prefix("[동정] 군수 일정", &[], lex), None);
        let known = vec!["가람매일".to_string()];
        assert!(byline_prefix("[가람매일] 광주 남구가 상을 받았다.", &known, lex).is_some());
    }

    #[test]
    fn outlets_from_copyright_lines() {
        let cases = [
            ("[ⓒ 가람뉴스. 무단전재-재배포 금지]", "가람뉴스"),
            ("<저작권자(c) 가람미디어신문, 무단 전재-재배포 금지>", "가람미디어신문"),
            ("ⓒ AU경제(http://www.example.kr/) 무단전재 및 재배포금지", "AU경제"),
            ("Copyright ⓒ 가람N. All rights reserved. 무단 전재 및 재배포 금지.", "가람N"),
            ("가람중앙뉴스(www.example.kr), 무단전재 및 수집, 재배포 금지", "가람중앙뉴스"),
            ("<가람산뉴스 무단전재 및 재배포 금지>", "가람산뉴스"),
            ("저작권자 © 가람일보 - 새벽을 깨우는 신문 무단전재 및 재배포 금지", "가람일보"),
        ];
        for (line, outlet) in cases {
            assert_eq!(outlet_from_copyright(line).as_deref(), Some(outlet), "{line}");
        }
    }

    #[test]
    fn reporters_and_headline_tags() {
        assert_eq!(reporter_names("기자명 오아무 기자 입력 2025.12.16"), vec!["오아무"]);
        assert_eq!(reporter_names("repoter : 송아무 기자 ( a@b.com )"), vec!["송아무"]);
        assert!(reporter_names("기자회견을 열었다").is_empty());
        let lex = Lexicon::get();
        assert_eq!(strip_headline_tag("[가람경제_행정] 관악구, 2관왕", &[], lex), "관악구, 2관왕");
        assert_eq!(strip_headline_tag("[단독] 관악구, 2관왕", &[], lex), "[단독] 관악구, 2관왕");
        assert_eq!(strip_title_outlet("가람구, 대상 - 가람일보", &[], lex), "가람구, 대상");
        assert_eq!(strip_title_outlet("가람구, 대상 | 가람N", &["가람N".to_string()], lex), "가람구, 대상");
        assert_eq!(strip_title_outlet("가람구 - 나람구 복지 협약", &[], lex), "가람구 - 나람구 복지 협약");
    }
}
