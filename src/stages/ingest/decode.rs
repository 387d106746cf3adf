//! Text encoding detection and decoding for one input's bytes.
//!
//! The accepted encodings are the four a Korean news archive holds in
//! practice: UTF-8, CP949 (a superset of EUC-KR; `encoding_rs` calls it
//! "EUC-KR"), UTF-16LE and UTF-16BE. Detection order:
//!
//! 1. A byte order mark (UTF-8, UTF-16LE, UTF-16BE) decides, and is removed.
//! 2. NUL bytes: text in a non-UTF-16 encoding never holds them, so a file
//!    with NULs is UTF-16 without a BOM (NULs on one side of the 2-byte code
//!    units, as ASCII in UTF-16 has) or it is binary.
//! 3. Valid UTF-8 (pure ASCII included) is UTF-8.
//! 4. Otherwise `chardetng`, told the text comes from `.kr`, guesses. A CP949
//!    guess is taken; then slightly damaged UTF-8 or slightly damaged CP949
//!    (which `chardetng` rules out at its first error). Any other guess
//!    (Shift_JIS, windows-1252, ...) is not an encoding this pipeline accepts.
//!
//! A decoding is accepted with at most one replacement character per
//! thousand (plus one, for a character cut at the end of a file): a single
//! broken byte must not lose an article, a wrong encoding must not pass as
//! text. Decoded text holding NUL or many control characters is binary.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, EUC_KR, UTF_16BE, UTF_16LE, UTF_8};

/// How many leading bytes `chardetng` looks at: enough to be sure, bounded
/// so a 20 MiB file costs no more than a small one.
const DETECT_PREFIX: usize = 1 << 20;

/// [`clean_korean_cp949`] takes a text with at least this many non-ASCII
/// characters, of which at least this share are Hangul syllables; anything
/// less Korean goes to `chardetng`.
const MIN_KOREAN_CHARS: usize = 16;
const MIN_HANGUL_PERCENT: usize = 70;

/// Text is binary when more than this share of its characters are control
/// characters (other than tab, line feed, vertical tab, form feed and carriage return).
const MAX_CONTROL_PERCENT: usize = 1;

/// The decoded text of one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded<'a> {
    /// One of UTF-8, EUC-KR (CP949), UTF-16LE, UTF-16BE.
    pub encoding: &'static Encoding,
    /// Length in bytes of the byte order mark that was removed (0 when none).
    pub bom_len: usize,
    /// The text without the byte order mark.
    pub text: Cow<'a, str>,
    /// Replacement characters (U+FFFD) put in for undecodable bytes.
    pub replaced: usize,
}

/// Why some bytes are not text, as a human-readable message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText(pub String);

/// Detects the encoding of `bytes` and decodes them (see the module doc).
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, NotText> {
    decode_checked(bytes, Check::Text)
}

/// [`decode`] for markup (an HTML page): the decoded page is not checked
/// for control characters (scripts may hold any), only the text taken from
/// it will be.
pub fn decode_markup(bytes: &[u8]) -> Result<Decoded<'_>, NotText> {
    decode_checked(bytes, Check::Markup)
}

/// Whether a decoding is checked to be text ([`check_text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Text,
    Markup,
}

fn decode_checked(bytes: &[u8], check: Check) -> Result<Decoded<'_>, NotText> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_as(encoding, bom_len, bytes, check)
            .map_err(|why| NotText(format!("starts with a {} byte order mark, but {why}", encoding.name())));
    }
    if let Some(first_nul) = memchr::memchr(0, bytes) {
        if let Some(encoding) = bomless_utf16(bytes) {
            if let Ok(decoded) = decode_as(encoding, 0, bytes, check) {
                return Ok(decoded);
            }
        }
        return Err(NotText(format!(
            "contains NUL bytes (the first at byte {first_nul}) and is not UTF-16 text: looks like a binary file"
        )));
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        if check == Check::Text {
            check_text(text).map_err(NotText)?;
        }
        return Ok(Decoded { encoding: UTF_8, bom_len: 0, text: Cow::Borrowed(text), replaced: 0 });
    }
    if let Some(decoded) = clean_korean_cp949(bytes) {
        return Ok(decoded);
    }
    let guess = guess_legacy(bytes);
    let mut failures = Vec::new();
    if guess == EUC_KR {
        match decode_as(EUC_KR, 0, bytes, check) {
            Ok(decoded) => return Ok(decoded),
            Err(why) => failures.push(format!("as EUC-KR, {why}")),
        }
    }
    // UTF-8 with a few broken sequences (a character cut at the end of a file).
    match decode_as(UTF_8, 0, bytes, check) {
        Ok(decoded) => return Ok(decoded),
        Err(why) => failures.push(format!("as UTF-8, {why}")),
    }
    // chardetng drops a candidate at its first error, so one broken byte
    // hides CP949. A CP949 decoding without errors, though, lost to a
    // better guess, and is not taken.
    if guess != EUC_KR {
        match decode_as(EUC_KR, 0, bytes, check) {
            Ok(decoded) if decoded.replaced > 0 => return Ok(decoded),
            Ok(_) => {}
            Err(why) => failures.push(format!("as EUC-KR, {why}")),
        }
    }
    let mut message = format!("is not UTF-8, UTF-16 or CP949/EUC-KR text (it looks most like {})", guess.name());
    if !failures.is_empty() {
        message = format!("{message}: {}", failures.join("; "));
    }
    Err(NotText(message))
}

/// `bytes` in an encoding a page or server declared (a byte order mark of
/// that encoding is removed), within the replacement tolerance; `Err` says
/// why not. Markup: not checked for control characters ([`decode_markup`]).
pub fn decode_declared<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> Result<Decoded<'a>, String> {
    let bom_len = match Encoding::for_bom(bytes) {
        Some((bom, len)) if bom == encoding => len,
        Some(_) => return Err("a byte order mark of another encoding".into()),
        None => 0,
    };
    decode_as(encoding, bom_len, bytes, Check::Markup)
}

/// CP949 that decodes without a single error and reads as Korean: most of
/// its non-ASCII characters are Hangul syllables. Such bytes are what
/// `chardetng`, told the text comes from `.kr`, guesses as EUC-KR too; the
/// shortcut spares reading the whole file twice (detection is about a tenth
/// of the pipeline's CPU when it runs on every CP949 file, issue 7). Latin
/// text in a legacy code page almost never decodes cleanly as CP949 (an
/// accented letter followed by ASCII is not a valid CP949 pair), and when
/// it does, its characters are Hanja and symbols rather than Hangul.
fn clean_korean_cp949(bytes: &[u8]) -> Option<Decoded<'_>> {
    let text = EUC_KR.decode_without_bom_handling_and_without_replacement(bytes)?;
    let (mut non_ascii, mut hangul) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        hangul += usize::from(('\u{AC00}'..='\u{D7A3}').contains(&c));
    }
    let korean = non_ascii >= MIN_KOREAN_CHARS && hangul * 100 >= non_ascii * MIN_HANGUL_PERCENT;
    if !korean || check_text(&text).is_err() {
        return None;
    }
    Some(Decoded { encoding: EUC_KR, bom_len: 0, text, replaced: 0 })
}

/// `chardetng`'s guess among the legacy encodings, biased to Korean.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    let prefix = &bytes[..bytes.len().min(DETECT_PREFIX)];
    detector.feed(prefix, prefix.len() == bytes.len());
    detector.guess(Some(b"kr"), Utf8Detection::Deny)
}

/// UTF-16 without a byte order mark, recognised by where its NUL bytes sit:
/// ASCII characters (spaces, digits, punctuation, line breaks) put a NUL in
/// the high byte of their code unit, so in real text at least a tenth of the
/// units have one, and that side has at least three times the NULs of the
/// other (whose NULs come from syllables like 가 U+AC00, 관 U+AD00, 대 U+B300).
/// Random binary data has its NULs on both sides; the decoded text is checked
/// afterwards all the same.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 2 || bytes.len() % 2 != 0 {
        return None;
    }
    let (mut first, mut second) = (0usize, 0usize);
    for unit in bytes.chunks_exact(2) {
        first += usize::from(unit[0] == 0);
        second += usize::from(unit[1] == 0);
    }
    let units = bytes.len() / 2;
    let lopsided = |high: usize, low: usize| high * 10 >= units && low * 3 <= high;
    if lopsided(second, first) {
        Some(UTF_16LE)
    } else if lopsided(first, second) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decodes `bytes[bom_len..]` as `encoding`, within the replacement
/// tolerance, and checks the result is text.
fn decode_as<'a>(
    encoding: &'static Encoding,
    bom_len: usize,
    bytes: &'a [u8],
    check: Check,
) -> Result<Decoded<'a>, String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    let mut replaced = 0;
    if had_errors {
        let chars = text.chars().count();
        replaced = text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
        if replaced > 1 + chars / 1000 {
            return Err(format!("{replaced} of {chars} characters do not decode"));
        }
    }
    if check == Check::Text {
        check_text(&text)?;
    }
    Ok(Decoded { encoding, bom_len, text, replaced })
}

/// Checks decoded text does not look like binary data: no NUL characters,
/// and at most [`MAX_CONTROL_PERCENT`] of control characters.
///
/// Works on the UTF-8 bytes (it runs on every input, issue 7): a character
/// starts at every byte that is not a continuation byte (`10xxxxxx`), and
/// the control characters (`char::is_control`: U+0000-U+001F, U+007F-U+009F)
/// are the bytes below 0x20, the byte 0x7F, and the pairs `C2 80`-`C2 9F`.
pub fn check_text(text: &str) -> Result<(), String> {
    let bytes = text.as_bytes();
    if let Some(at_byte) = memchr::memchr(0, bytes) {
        let at = text[..at_byte].chars().count();
        return Err(format!("holds NUL characters (the first at character {at}): looks like binary data"));
    }
    // Simple counting loops that the compiler vectorizes; C1 controls are
    // rare, so their lead byte is searched for instead.
    let chars = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let c0 = bytes.iter().filter(|&&b| (b < 0x20 && !(0x09..=0x0D).contains(&b)) || b == 0x7F).count();
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|next| (0x80..=0x9F).contains(next)))
        .count();
    let controls = c0 + c1;
    if controls * 100 > chars * MAX_CONTROL_PERCENT {
        return Err(format!("has {controls} control characters among {chars}: looks like binary data"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOREAN: &str = "보건복지부 주관 지역복지사업 평가에서 우수기관으로 선정됐다. 포상금은 1천만원이다.\n";

    fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom.then_some(0xFEFF_u16).into_iter().chain(text.encode_utf16());
        for u in units {
            out.extend(if little_endian { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn byte_order_marks_decide_and_are_removed() {
        let mut utf8 = b"\xEF\xBB\xBF".to_vec();
        utf8.extend(KOREAN.as_bytes());
        let d = decode(&utf8).unwrap();
        assert_eq!((d.encoding, d.bom_len, d.text.as_ref()), (UTF_8, 3, KOREAN));

        let bytes = utf16(KOREAN, true, true);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.encoding, d.bom_len, d.text.as_ref()), (UTF_16LE, 2, KOREAN));
        let bytes = utf16(KOREAN, false, true);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.encoding, d.bom_len, d.text.as_ref()), (UTF_16BE, 2, KOREAN));
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_bytes() {
        let bytes = utf16(KOREAN, true, false);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.encoding, d.text.as_ref()), (UTF_16LE, KOREAN));
        let bytes = utf16(KOREAN, false, false);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.encoding, d.text.as_ref()), (UTF_16BE, KOREAN));
    }

    #[test]
    fn cp949_is_detected_including_its_extension_characters() {
        // 똠 and 햏 are outside KS X 1001: only CP949 (UHC) encodes them.
        let text = "똠방각하 햏님이 복지관을 찾았다. 지역복지사업 평가 결과 우수 지자체로 뽑혔다.";
        let (bytes, _, unmappable) = EUC_KR.encode(text);
        assert!(!unmappable);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.encoding, d.text.as_ref()), (EUC_KR, text));
    }

    #[test]
    fn one_broken_character_is_tolerated_but_a_wrong_encoding_is_not() {
        let mut bytes = KOREAN.repeat(20).into_bytes();
        bytes.truncate(bytes.len() - 3); // cut the last line break, full stop and one byte of 다
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.replaced, 1);

        // Shift_JIS Japanese is neither UTF-8 nor CP949.
        let japanese = "これは日本語の文章です。".repeat(10);
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&japanese);
        let err = decode(&sjis).unwrap_err();
        assert!(err.0.contains("is not UTF-8, UTF-16 or CP949/EUC-KR"), "{}", err.0);
    }

    #[test]
    fn slightly_damaged_cp949_is_still_cp949() {
        let text = "지역복지사업 평가에서 희망복지지원단 운영 분야 최우수기관에 올랐다. ".repeat(30);
        let (bytes, _, _) = EUC_KR.encode(&text);
        let mut bytes = bytes.into_owned();
        bytes[40] = 0xFF; // one broken lead byte
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, EUC_KR);
        assert!(d.replaced >= 1 && d.replaced <= 2, "{}", d.replaced);
        // Damage everywhere is not tolerated.
        for b in bytes.iter_mut().step_by(7) {
            *b = 0xFF;
        }
        assert!(decode(&bytes).is_err());
    }

    #[test]
    fn binary_data_is_not_text() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
        assert!(decode(png).unwrap_err().0.contains("NUL bytes"));
        let controls: Vec<u8> = (0..400u32).map(|i| if i % 10 == 0 { 0x07 } else { b'a' }).collect();
        assert!(decode(&controls).unwrap_err().0.contains("control characters"));
        // A UTF-16 BOM in front of NUL-holding units decodes to NUL characters.
        let mut utf32ish = vec![0xFF, 0xFE, 0, 0];
        utf32ish.extend(utf16("abc", true, false));
        assert!(decode(&utf32ish).unwrap_err().0.contains("byte order mark"));
    }

    /// The definition `check_text` implements on bytes.
    fn check_text_by_chars(text: &str) -> Result<(usize, usize), usize> {
        if let Some(at) = text.chars().position(|c| c == '\0') {
            return Err(at);
        }
        let controls =
            text.chars().filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r')).count();
        Ok((controls, text.chars().count()))
    }

    proptest::proptest! {
        #[test]
        fn check_text_counts_characters_and_controls_like_chars_does(
            text in "(\\PC|[\u{0}-\u{1F}\u{7F}-\u{9F}\u{C0}-\u{FF}가-힣])*"
        ) {
            match (check_text(&text), check_text_by_chars(&text)) {
                (Err(msg), Err(at)) => proptest::prop_assert!(msg.contains(&format!("character {at})")), "{}", msg),
                (Ok(()), Ok((controls, chars))) => proptest::prop_assert!(controls * 100 <= chars * MAX_CONTROL_PERCENT),
                (Err(msg), Ok((controls, chars))) => {
                    proptest::prop_assert!(controls * 100 > chars * MAX_CONTROL_PERCENT, "{}", msg);
                    proptest::prop_assert!(msg.contains(&format!("has {controls} control characters among {chars}")), "{}", msg);
                }
                (Ok(()), Err(at)) => proptest::prop_assert!(false, "NUL at {} missed", at),
            }
        }
    }

    #[test]
    fn clean_korean_cp949_takes_the_shortcut_and_other_legacy_text_does_not() {
        let text = "지역복지사업 평가에서 희망복지지원단 운영 분야 최우수기관에 올랐다. (주)가람 ABC 123";
        let (bytes, _, _) = EUC_KR.encode(text);
        let d = clean_korean_cp949(&bytes).expect("clean Korean CP949");
        assert_eq!((d.encoding, d.text.as_ref(), d.replaced), (EUC_KR, text, 0));
        // Too little Korean to be sure: chardetng decides.
        let (few, _, _) = EUC_KR.encode("Seoul 서울 report");
        assert!(clean_korean_cp949(&few).is_none());
        // Hanja and symbols are CP949 but not Hangul.
        let hanja_text = "大韓民國地域福祉事業評價※".repeat(3);
        let (hanja, _, _) = EUC_KR.encode(&hanja_text);
        assert!(clean_korean_cp949(&hanja).is_none());
        // Latin-1 French: not valid CP949 pairs.
        let french = "Élève évalué, déjà récompensé à Séoul. ".repeat(5);
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&french);
        assert!(clean_korean_cp949(&latin).is_none());
        assert_ne!(decode(&latin).map(|d| d.encoding).ok(), Some(EUC_KR));
        // One broken byte: no shortcut, but still CP949 through chardetng.
        let mut broken = EUC_KR.encode(&text.repeat(40)).0.into_owned();
        broken[30] = 0xFF;
        assert!(clean_korean_cp949(&broken).is_none());
        assert_eq!(decode(&broken).unwrap().encoding, EUC_KR);
    }

    #[test]
    fn control_characters_in_small_numbers_are_text() {
        let text = format!("{}\u{1b}[0m", "가".repeat(200));
        assert!(check_text(&text).is_ok());
        assert!(check_text("a\0b").is_err());
    }
}
