//! Small Korean writing helpers for the generator: particles that agree with
//! the preceding word (은/는, 이/가, ...), money written the way reporters
//! write it, and `{slot}` templates.

use anyhow::{bail, Result};

/// Final consonant (jongseong index, 0 = none) of the last pronounced
/// character of `word`; digits are read as Sino-Korean numbers.
fn final_consonant(word: &str) -> u32 {
    let last = word.chars().rev().find(|c| !matches!(c, '\'' | '"' | ')' | ' ' | '’' | '」' | '.'));
    match last {
        Some(c @ '가'..='힣') => (c as u32 - 0xAC00) % 28,
        // 영(ㅇ=21), 일(ㄹ=8), 이, 삼(ㅁ=16), 사, 오, 육(ㄱ=1), 칠(ㄹ), 팔(ㄹ), 구
        Some(d @ '0'..='9') => [21, 8, 0, 16, 0, 0, 1, 8, 8, 0][(d as u8 - b'0') as usize],
        _ => 0,
    }
}

/// The particle `josa` (given in either form, e.g. "은" or "는") in the form
/// that agrees with `word`. Unknown particles are returned unchanged.
pub fn particle(word: &str, josa: &str) -> &'static str {
    const PAIRS: [(&str, &str); 7] =
        [("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로"), ("이라고", "라고"), ("이다", "다")];
    let fc = final_consonant(word);
    for (with, without) in PAIRS {
        if josa == with || josa == without {
            // 으로 is 로 after ㄹ as after a vowel.
            let batchim = if with == "으로" { fc != 0 && fc != 8 } else { fc != 0 };
            return if batchim { with } else { without };
        }
    }
    match josa {
        "에" => "에",
        "의" => "의",
        "도" => "도",
        "에서" => "에서",
        _ => "",
    }
}

/// `word` followed by the agreeing form of `josa`.
#[cfg(test)]
fn with_particle(word: &str, josa: &str) -> String {
    let p = particle(word, josa);
    let p = if p.is_empty() { josa } else { p };
    format!("{word}{p}")
}

/// An amount of won as a reporter writes it: "2억 5천만원", "3천500만 원",
/// "1,500만원", "26억 원". `style` picks the spelling; the value is exact.
pub fn won(amount: i64, style: usize) -> String {
    let man = amount / 10_000;
    let eok = man / 10_000;
    let rest = man % 10_000;
    let unit = if style % 2 == 0 { "원" } else { " 원" };
    if amount % 10_000 != 0 {
        return format!("{}{unit}", group_thousands(amount));
    }
    if style >= 2 && eok == 0 {
        // "1,500만원" / "5000만 원"
        let n = if style >= 4 { rest.to_string() } else { group_thousands(rest) };
        return format!("{n}만{unit}");
    }
    let mut parts = Vec::new();
    if eok > 0 {
        parts.push(format!("{eok}억"));
    }
    if rest > 0 {
        let s = if rest % 1000 == 0 {
            format!("{}천만", rest / 1000)
        } else if rest > 1000 {
            format!("{}천{}만", rest / 1000, rest % 1000)
        } else {
            format!("{rest}만")
        };
        parts.push(s);
    }
    let sep = if style % 3 == 0 { " " } else { "" };
    format!("{}{unit}", parts.join(sep))
}

/// 1234567 → "1,234,567".
pub fn group_thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Fills a `{slot}` template into `out`. `{key}` asks `value` for a fresh
/// value of `key`; `{key:은}` writes the particle agreeing with the last
/// value written for `key`. Unknown keys are errors (the data files are
/// checked by tests).
pub fn fill(template: &str, out: &mut String, mut value: impl FnMut(&str) -> Option<String>) -> Result<()> {
    let mut last: Vec<(&str, String)> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else { bail!("unclosed slot in template {template:?}") };
        let inner = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        match inner.split_once(':') {
            Some((key, josa)) => {
                let Some((_, word)) = last.iter().rev().find(|(k, _)| *k == key) else {
                    bail!("particle for {key:?} before any value in template {template:?}")
                };
                let p = particle(word, josa);
                out.push_str(if p.is_empty() { josa } else { p });
            }
            None => {
                let Some(v) = value(inner) else { bail!("unknown slot {inner:?} in template {template:?}") };
                out.push_str(&v);
                last.push((inner, v));
            }
        }
    }
    out.push_str(rest);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_agree_with_the_word() {
        assert_eq!(with_particle("달서구", "은"), "달서구는");
        assert_eq!(with_particle("성주군", "는"), "성주군은");
        assert_eq!(with_particle("대상", "를"), "대상을");
        assert_eq!(with_particle("우수상", "가"), "우수상이");
        assert_eq!(with_particle("서울", "으로"), "서울로");
        assert_eq!(with_particle("부산", "로"), "부산으로");
        assert_eq!(with_particle("2천만원", "을"), "2천만원을");
        assert_eq!(with_particle("2023", "은"), "2023은");
        assert_eq!(with_particle("'희망복지지원단 운영'", "을"), "'희망복지지원단 운영'을");
    }

    #[test]
    fn money_is_written_exactly() {
        assert_eq!(won(250_000_000, 0), "2억 5천만원");
        assert_eq!(won(250_000_000, 1), "2억5천만 원");
        assert_eq!(won(35_000_000, 1), "3천500만 원");
        assert_eq!(won(10_000_000, 0), "1천만원");
        assert_eq!(won(15_000_000, 2), "1,500만원");
        assert_eq!(won(50_000_000, 5), "5000만 원");
        assert_eq!(won(2_600_000_000, 3), "26억 원");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn templates_fill_slots_and_particles() {
        let mut out = String::new();
        let mut n = 0;
        fill("{a}{a:은} {b}{b:을} 봤다", &mut out, |k| {
            n += 1;
            match k {
                "a" => Some("구청".into()),
                "b" => Some("바다".into()),
                _ => None,
            }
        })
        .unwrap();
        assert_eq!(out, "구청은 바다를 봤다");
        assert_eq!(n, 2);
        assert!(fill("{zzz}", &mut String::new(), |_| None).is_err());
        assert!(fill("{a:은}", &mut String::new(), |_| Some("x".into())).is_err());
        assert!(fill("{a", &mut String::new(), |_| Some("x".into())).is_err());
    }
}
