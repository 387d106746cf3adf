//! Stage `raw` (ingest): encoding round trips through the library, and every
//! reject kind end to end through the binary, with the accounting rule
//! raw_documents + rejects = inputs.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use encoding_rs::{EUC_KR, UTF_16BE, UTF_16LE, UTF_8};
use welfare_awards::io::parquet::read_rows;
use welfare_awards::schema::{RawDocument, Reject, UtcMicros};
use welfare_awards::stages::ingest::{doc_id, ingest_input, IngestOptions, Ingested};

use crate::common;

const AT: UtcMicros = UtcMicros(1_767_225_600_000_000);

/// A short news-like text in KS X 1001 characters only (plain EUC-KR).
const KOREAN: &str = "\
[한빛일보=김나래 기자] 충청남도 홍성군은 보건복지부 주관 '2022년 지역복지사업 평가'에서 \
희망복지지원단 운영 분야 우수기관으로 선정돼 포상금 1천만원을 받았다고 3일 밝혔다.
군은 읍면 맞춤형복지팀과 함께 위기가구를 찾아 통합사례관리를 이어 온 점을 인정받았다.
ⓒ 한빛일보, 무단전재 및 재배포 금지";

/// The same kind of text with syllables only CP949 (UHC) encodes: 똠, 햏, 뷁.
const CP949_ONLY: &str = "\
동네 사랑방 '똠방' 운영진과 '햏' 봉사단이 복지관을 찾았다. 뷁 소리 나던 낡은 보일러도 고쳤다.
충청남도 홍성군은 '2022년 지역복지사업 평가'에서 민관협력 및 자원연계 분야 장려기관에 올랐다.
군은 봉사단과 함께 홀몸 어르신 가정 서른 곳을 돌며 난방 상태를 살피고 밑반찬을 전했다.";

fn utf16(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let little = encoding == UTF_16LE;
    let mut out = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        out.extend(if little { unit.to_le_bytes() } else { unit.to_be_bytes() });
    }
    out
}

fn euc_kr(text: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = EUC_KR.encode(text);
    assert!(used == EUC_KR && !unmappable);
    bytes.into_owned()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn opts() -> IngestOptions {
    IngestOptions { max_bytes: 1 << 20, min_chars: 50 }
}

/// Ingests one file that must become exactly one document.
fn document(path: &str, bytes: &[u8]) -> RawDocument {
    match ingest_input(path, bytes, &opts(), AT).as_slice() {
        [Ingested::Document(doc)] => doc.clone(),
        other => panic!("{path}: expected one document, got {other:?}"),
    }
}

#[test]
fn cp949_round_trip_includes_characters_outside_euc_kr() {
    let bytes = euc_kr(CP949_ONLY);
    // Proof the input uses the UHC extension: some trail byte below 0xA1.
    let mut i = 0;
    let mut extension_pairs = 0;
    while i < bytes.len() {
        if bytes[i] >= 0x81 {
            extension_pairs += usize::from(bytes[i + 1] < 0xA1 || bytes[i] < 0xA1);
            i += 2;
        } else {
            i += 1;
        }
    }
    assert!(extension_pairs >= 3, "{extension_pairs}");
    let doc = document("in/cp949.txt", &bytes);
    assert_eq!(doc.text, CP949_ONLY);
    assert_eq!(doc.encoding, "EUC-KR");
    assert_eq!(doc.byte_len, bytes.len() as i64);
    assert_eq!(doc.doc_id, doc_id(CP949_ONLY));
}

#[test]
fn euc_kr_round_trip() {
    let bytes = euc_kr(KOREAN);
    // Plain EUC-KR: every byte of a two-byte character is in 0xA1..=0xFE.
    assert!(bytes.iter().all(|&b| b < 0x80 || b >= 0xA1));
    let doc = document("in/euc-kr.txt", &bytes);
    assert_eq!((doc.text.as_str(), doc.encoding.as_str()), (KOREAN, "EUC-KR"));
}

#[test]
fn utf16_round_trips_with_bom() {
    for encoding in [UTF_16LE, UTF_16BE] {
        let bytes = utf16(KOREAN, encoding);
        let doc = document("in/utf16.txt", &bytes);
        assert_eq!(doc.text, KOREAN, "{}", encoding.name());
        assert_eq!(doc.encoding, encoding.name());
        assert_eq!(doc.byte_len, bytes.len() as i64);
    }
}

#[test]
fn utf16_round_trips_without_bom() {
    for encoding in [UTF_16LE, UTF_16BE] {
        let bytes = utf16(KOREAN, encoding)[2..].to_vec();
        let doc = document("in/utf16-nobom.txt", &bytes);
        assert_eq!((doc.text.as_str(), doc.encoding.as_str()), (KOREAN, encoding.name()));
    }
}

#[test]
fn utf8_round_trips_with_and_without_bom() {
    let plain = document("in/plain.txt", KOREAN.as_bytes());
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(KOREAN.as_bytes());
    let bom = document("in/bom.txt", &with_bom);
    for doc in [&plain, &bom] {
        assert_eq!((doc.text.as_str(), doc.encoding.as_str()), (KOREAN, UTF_8.name()));
    }
    assert_eq!(plain.doc_id, bom.doc_id, "the BOM is not part of the text");
    assert_eq!(bom.byte_len, plain.byte_len + 3);
}

#[test]
fn gzip_round_trips_of_every_encoding() {
    let inputs = [
        (KOREAN.as_bytes().to_vec(), "UTF-8"),
        (euc_kr(CP949_ONLY), "EUC-KR"),
        (utf16(KOREAN, UTF_16LE), "UTF-16LE"),
        (utf16(KOREAN, UTF_16BE), "UTF-16BE"),
    ];
    for (inner, encoding) in inputs {
        let doc = document("in/article.txt.gz", &gzip(&inner));
        assert_eq!(doc.encoding, encoding);
        assert_eq!(doc.compression.as_deref(), Some("gzip"));
        assert_eq!(doc.byte_len, inner.len() as i64, "byte_len is measured after decompression");
        let expected = if encoding == "EUC-KR" { CP949_ONLY } else { KOREAN };
        assert_eq!(doc.text, expected);
    }
}

fn feed() -> String {
    let records = [
        serde_json::json!({
            "text": KOREAN, "url": "https://news.example/a/1", "title": "홍성군, 지역복지사업 평가 우수기관",
            "published": "2022-12-03", "outlet": "한빛일보",
        }),
        serde_json::json!({"text": CP949_ONLY, "title": null}),
    ];
    format!("{}\n\n{}\n", records[0], records[1])
}

#[test]
fn jsonl_round_trip_with_fields_and_line_numbers() {
    for (name, bytes) in [
        ("in/feed.jsonl", feed().into_bytes()),
        ("in/feed.ndjson", euc_kr(&feed())),
        ("in/feed.jsonl.gz", gzip(feed().as_bytes())),
    ] {
        let out = ingest_input(name, &bytes, &opts(), AT);
        let docs: Vec<&RawDocument> = out
            .iter()
            .map(|o| match o {
                Ingested::Document(d) => d,
                Ingested::Rejected(r) => panic!("{name}: {r:?}"),
            })
            .collect();
        assert_eq!(docs.len(), 2, "{name}: the blank line is not a record");
        assert_eq!((docs[0].source_line, docs[1].source_line), (Some(1), Some(3)));
        assert_eq!(docs[0].text, KOREAN);
        assert_eq!(docs[1].text, CP949_ONLY);
        assert_eq!(docs[0].url.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(docs[0].title.as_deref(), Some("홍성군, 지역복지사업 평가 우수기관"));
        assert_eq!(docs[0].published.as_deref(), Some("2022-12-03"));
        assert_eq!(docs[0].outlet.as_deref(), Some("한빛일보"));
        assert_eq!((docs[1].url.as_ref(), docs[1].title.as_ref()), (None, None));
    }
    let out = ingest_input("in/feed.ndjson", &euc_kr(&feed()), &opts(), AT);
    let Ingested::Document(doc) = &out[1] else { unreachable!() };
    assert_eq!(doc.encoding, "EUC-KR");
    let line = feed().lines().nth(2).unwrap().to_string();
    assert_eq!(doc.byte_len, euc_kr(&line).len() as i64, "byte_len is the record's own bytes");
}

/// Writes `bytes` to `dir/name`.
fn put(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// One input per reject kind (and a few documents) in a directory, run
/// through the real binary: every input is accounted for, with its reason.
#[cfg(unix)]
#[test]
fn every_reject_kind_ends_in_rejects_and_nothing_is_lost() {
    use std::os::unix::fs::symlink;

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    let out = tmp.path().join("out");
    std::fs::create_dir(&dir).unwrap();

    // Documents: 3 files + 2 JSONL records. Every input below is one record unless noted.
    put(&dir, "cp949.txt", euc_kr(CP949_ONLY));
    put(&dir, "utf16le.txt", utf16(KOREAN, UTF_16LE));
    put(&dir, "utf8.txt.gz", gzip(format!("{KOREAN}\n(gzip)").as_bytes()));
    // A copy of cp949.txt's text in UTF-8 (walked after it): duplicate.
    put(&dir, "z-copy.txt", CP949_ONLY);
    // 6 records: 2 documents, 2 malformed, 1 too short, 1 binary; 2 blank lines are not records.
    let good = serde_json::json!({"text": KOREAN.replace("홍성군", "예산군"), "outlet": "한빛일보"});
    let second = serde_json::json!({"text": KOREAN.replace("홍성군", "청양군")});
    let feed = format!(
        "{good}\n\n{{\"text\": 42}}\n{{\"text\": \"짧은 글\"}}\n{{\"text\": \"broken\n{{\"text\": \"{}\\u0000\"}}\n\n{second}\n",
        "가".repeat(80)
    );
    put(&dir, "feed.jsonl", feed);
    put(&dir, "empty.txt", "");
    put(&dir, "binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x1f\x15\xc4\x89");
    put(&dir, "short.txt", "짧은 알림: 내일 휴관합니다.");
    put(&dir, "large.txt", "가나다라마바사 ".repeat(1000)); // 22 000 bytes, over the 16 KiB limit below
    put(&dir, "bomb.txt.gz", gzip("지역복지 ".repeat(100_000).as_bytes())); // small file, 1.3 MB inflated
    let truncated = gzip(KOREAN.repeat(5).as_bytes());
    put(&dir, "truncated.txt.gz", &truncated[..truncated.len() / 2]);
    put(&dir, "report.pdf", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
    symlink(dir.join("loop.txt"), dir.join("loop.txt")).unwrap();
    let inputs = 4 + 6 + 7 + 2;

    let run = common::run_bin([
        "ingest".as_ref(),
        "--input".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--batch-id".as_ref(),
        "20260101T000000Z".as_ref(),
        "--max-file-bytes".as_ref(),
        "16384".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains(&format!("{inputs} records seen")), "{stderr}");

    let raw: Vec<RawDocument> = read_rows(&out.join("raw_documents")).unwrap();
    let rejects: Vec<Reject> = read_rows(&out.join("rejects")).unwrap();
    assert_eq!(raw.len() + rejects.len(), inputs, "raw {raw:#?}\nrejects {rejects:#?}");

    let mut by_reason: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for r in &rejects {
        let name = Path::new(&r.source_path).file_name().unwrap().to_string_lossy().into_owned();
        let name = match r.source_line {
            Some(line) => format!("{name}:{line}"),
            None => name,
        };
        by_reason.entry(r.reason.as_str()).or_default().push(name);
        assert!(r.message.len() >= 12, "message says what is wrong: {r:?}");
        assert!(stderr.contains(&format!("rejected {}: ", r.reason)), "{stderr}");
    }
    for names in by_reason.values_mut() {
        names.sort();
    }
    let expected: BTreeMap<&str, Vec<String>> = [
        ("binary", vec!["binary.txt", "feed.jsonl:6"]),
        ("corrupt_gzip", vec!["truncated.txt.gz"]),
        ("duplicate", vec!["z-copy.txt"]),
        ("empty", vec!["empty.txt"]),
        ("malformed_jsonl", vec!["feed.jsonl:3", "feed.jsonl:5"]),
        ("too_large", vec!["bomb.txt.gz", "large.txt"]),
        ("too_short", vec!["feed.jsonl:4", "short.txt"]),
        ("unreadable", vec!["dangling.txt", "loop.txt"]),
        ("unsupported_type", vec!["report.pdf"]),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(by_reason, expected);

    let mut docs: Vec<(String, Option<i64>, &str)> = raw
        .iter()
        .map(|d| {
            let name = Path::new(&d.source_path).file_name().unwrap().to_string_lossy().into_owned();
            (name, d.source_line, d.encoding.as_str())
        })
        .collect();
    docs.sort();
    let expected_docs = vec![
        ("cp949.txt".to_string(), None, "EUC-KR"),
        ("feed.jsonl".to_string(), Some(1), "UTF-8"),
        ("feed.jsonl".to_string(), Some(8), "UTF-8"),
        ("utf16le.txt".to_string(), None, "UTF-16LE"),
        ("utf8.txt.gz".to_string(), None, "UTF-8"),
    ];
    assert_eq!(docs, expected_docs);
    for doc in &raw {
        assert_eq!(doc.doc_id, doc_id(&doc.text));
        assert_eq!(doc.ingested_at.to_datetime().to_rfc3339(), "2026-01-01T00:00:00+00:00");
    }
    let text_of = |encoding: &str| raw.iter().find(|d| d.encoding == encoding).unwrap().text.clone();
    assert_eq!(text_of("UTF-16LE"), KOREAN);
    assert_eq!(text_of("EUC-KR"), CP949_ONLY);
    let by_message = |reason: &str| rejects.iter().find(|r| r.reason == reason).unwrap().message.clone();
    assert!(by_message("unsupported_type").contains(".pdf"));
    assert!(by_message("corrupt_gzip").contains("truncated"));
    assert!(by_message("unreadable").contains("symlink"));
}

/// Every line of the shipped bad samples is rejected for the reason its name says.
#[test]
fn sample_bad_inputs_are_rejected_for_their_reason() {
    let dir = common::repo_dir().join("data/sample/bad");
    let opts = IngestOptions::default();
    let mut reasons = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for outcome in ingest_input(&path.to_string_lossy(), &bytes, &opts, AT) {
            if let Ingested::Rejected(r) = outcome {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                reasons.insert((name, r.source_line), r.reason);
            }
        }
    }
    let got: Vec<(&str, &str)> = reasons.iter().map(|((name, _), reason)| (name.as_str(), reason.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("binary.txt", "binary"),
            ("empty.txt", "empty"),
            ("malformed.jsonl", "malformed_jsonl"),
            ("report.pdf", "unsupported_type"),
            ("too_short.txt", "too_short"),
            ("truncated.txt.gz", "corrupt_gzip"),
        ]
    );
}

/// The shipped sample feeds all decode to documents, in the encodings their names say.
#[test]
fn sample_feeds_decode() {
    let dir = common::repo_dir().join("data/sample/feeds");
    let opts = IngestOptions::default();
    let mut encodings = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for outcome in ingest_input(&path.to_string_lossy(), &bytes, &opts, AT) {
            match outcome {
                Ingested::Document(d) => {
                    assert!(d.text.contains("복지"), "{}", d.source_path);
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    *encodings.entry((name, d.encoding)).or_insert(0) += 1;
                }
                Ingested::Rejected(r) => panic!("sample feed rejected: {r:?}"),
            }
        }
    }
    let names: Vec<(&str, &str, i32)> = encodings.iter().map(|((n, e), c)| (n.as_str(), e.as_str(), *c)).collect();
    assert_eq!(
        names,
        vec![
            ("gyeongnam-cp949.txt", "EUC-KR", 1),
            ("jeonnam-utf16le.txt", "UTF-16LE", 1),
            ("newswire.jsonl", "UTF-8", 3),
            ("seoul.txt.gz", "UTF-8", 1),
        ]
    );
}
