//! The benchmark corpus generator (`welfare-awards gen-corpus`): the same
//! seed gives byte-identical files whatever the thread count, and the gold
//! labels agree with the pages they describe.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{run_bin, shared_dir};

fn gen(dir: &Path, size: &str, seed: u64, format: &str, threads: &str) {
    let out = run_bin([
        "gen-corpus",
        "--size",
        size,
        "--seed",
        &seed.to_string(),
        "--format",
        format,
        "--out",
        dir.to_str().unwrap(),
        "--threads",
        threads,
    ]);
    assert!(out.status.success(), "gen-corpus failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// Every file under `dir` (relative path → bytes).
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn gold(dir: &Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("gold.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("gold line is JSON"))
        .collect()
}

fn summary(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("corpus.json")).unwrap()).unwrap()
}

/// The decoded text of the page a gold line points to.
fn page_text(dir: &Path, g: &Value) -> String {
    let path = dir.join(g["source_path"].as_str().unwrap());
    let mut bytes = std::fs::read(&path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut plain).unwrap();
        bytes = plain;
    }
    let text = match g["encoding"].as_str().unwrap() {
        "cp949" => {
            assert!(std::str::from_utf8(&bytes).is_err(), "a CP949 page should not be valid UTF-8");
            let (t, _, bad) = encoding_rs::EUC_KR.decode(&bytes);
            assert!(!bad, "{} does not decode as CP949", path.display());
            t.into_owned()
        }
        _ => String::from_utf8(bytes).unwrap().trim_start_matches('\u{feff}').to_string(),
    };
    match g["source_line"].as_u64() {
        None => text,
        Some(n) => {
            let line = text.lines().nth(n as usize - 1).expect("source_line exists");
            let record: Value = serde_json::from_str(line).expect("JSONL record");
            for field in ["url", "title", "outlet", "text"] {
                assert!(record[field].is_string(), "record lacks {field}");
            }
            record["text"].as_str().unwrap().to_string()
        }
    }
}

/// Canonical category → the ways the generator writes it.
fn category_forms() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(crate::common::repo_dir().join("data/corpus/awards.toml")).unwrap();
    let doc: toml::Value = toml::from_str(&text).unwrap();
    doc["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let written = c["written"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_string()).collect();
            (c["canonical"].as_str().unwrap().to_string(), written)
        })
        .collect()
}

/// 시도 official name → the ways the generator writes it (data/corpus/regions.tsv).
fn sido_forms() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(crate::common::repo_dir().join("data/corpus/regions.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let mut forms = vec![cols[0].to_string()];
            forms.extend(cols[1].split(',').filter(|s| !s.is_empty()).map(String::from));
            (cols[0].to_string(), forms)
        })
        .collect()
}

#[test]
fn same_seed_gives_a_byte_identical_corpus_whatever_the_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (tmp.path().join("a"), tmp.path().join("b"), tmp.path().join("c"));
    gen(&a, "1500KB", 11, "txt", "2");
    gen(&b, "1500KB", 11, "txt", "1");
    gen(&c, "1500KB", 12, "txt", "2");
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.len() > 100, "expected hundreds of files, got {}", ta.len());
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(tb[path] == *bytes, "{} differs between two runs with the same seed", path.display());
    }
    assert_ne!(std::fs::read(a.join("gold.jsonl")).unwrap(), std::fs::read(c.join("gold.jsonl")).unwrap());
    // The size asked for is reached and barely exceeded.
    let s = summary(&a);
    let bytes = s["bytes_uncompressed"].as_u64().unwrap();
    assert!((1_500_000..1_600_000).contains(&bytes), "{bytes}");
}

#[test]
fn gold_labels_agree_with_the_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("txt");
    gen(&dir, "6MB", 3, "txt", "2");
    let s = summary(&dir);
    let docs = s["documents"].as_u64().unwrap() as f64;
    let award_share = s["award_documents"].as_u64().unwrap() as f64 / docs;
    assert!((0.018..0.045).contains(&award_share), "award share {award_share}");
    assert!(s["cp949_documents"].as_u64().unwrap() > 0, "no CP949 page");
    assert!(s["gzip_files"].as_u64().unwrap() > 0, "no gzip file");

    let forms = category_forms();
    let sido_forms = sido_forms();
    let labels = gold(&dir);
    let mut awards = 0;
    let mut shapes = BTreeMap::new();
    for g in &labels {
        let text = page_text(&dir, g);
        *shapes.entry(g["notes"].as_str().unwrap().split(';').next().unwrap().to_string()).or_insert(0) += 1;
        if g["notes"].as_str().unwrap().contains("year implied") {
            assert!(g["published"].is_string(), "an implied year needs a published date");
        }
        for a in g["awards"].as_array().unwrap() {
            awards += 1;
            let year = a["eval_year"].as_i64().unwrap();
            let published_year = g["published"].as_str().map(|p| p[..4].parse::<i64>().unwrap());
            assert!(text.contains(&year.to_string()) || published_year == Some(year), "year {year} not stated");
            let full = a["recipient_full"].as_str().unwrap();
            let level = a["level"].as_str().unwrap();
            let name = full.split(' ').next_back().unwrap();
            if level == "sigungu" {
                assert!(text.contains(name), "{full} not named in {}", g["source_path"]);
            } else {
                assert_eq!(level, "sido");
                assert!(sido_forms[full].iter().any(|f| text.contains(f.as_str())), "{full} not named");
            }
            let category = a["category"].as_str().expect("generated awards have a category");
            assert!(forms[category].iter().any(|f| text.contains(f.as_str())), "{category} not written");
            let grade = a["grade"].as_str().unwrap();
            assert!(["대상", "최우수", "우수", "장려"].contains(&grade));
            assert!(text.contains(grade));
            if let Some(prize) = a["prize_krw"].as_i64() {
                assert!(prize > 0 && prize % 1_000_000 == 0, "{prize}");
            }
        }
        if g["awards"].as_array().unwrap().is_empty() {
            assert!(g["notes"].as_str().unwrap().starts_with("near miss"));
        }
    }
    assert!(awards > 100, "only {awards} gold awards");
    for shape in ["single winner", "one recipient, several categories", "province roundup", "national list"] {
        assert!(shapes.contains_key(shape), "no {shape:?} article in {shapes:?}");
    }
}

#[test]
fn jsonl_corpus_has_records_and_legacy_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("jsonl");
    gen(&dir, "12MB", 5, "jsonl", "2");
    let labels = gold(&dir);
    assert!(labels.iter().any(|g| g["source_line"].is_u64()));
    for g in &labels {
        let text = page_text(&dir, g);
        for a in g["awards"].as_array().unwrap() {
            let name = a["recipient_full"].as_str().unwrap().split(' ').next_back().unwrap();
            assert!(a["level"] == "sido" || text.contains(name));
        }
    }
    let files = tree(&dir.join("input"));
    assert!(files.keys().any(|p| p.to_string_lossy().ends_with(".jsonl")));
    assert!(files.keys().any(|p| p.starts_with("legacy")), "CP949 pages go to input/legacy/");
}

#[test]
fn refuses_to_overwrite_and_rejects_bad_sizes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    gen(&dir, "200KB", 1, "txt", "1");
    let again = run_bin(["gen-corpus", "--size", "200KB", "--out", dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a corpus"));
    let bad = run_bin(["gen-corpus", "--size", "lots", "--out", tmp.path().join("d").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
}

/// The recipients the generator uses are real 시군구, valid over the years it
/// generates, and unambiguous by name (checked against the official table).
#[test]
fn recipients_are_real_unambiguous_regions() {
    let Some(shared) = shared_dir() else { return };
    let table = std::fs::read_to_string(shared.join("reference/regions/sido_sigungu_temporal.csv")).unwrap();
    let mut rows = table.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (level, sido, sigungu, created, deleted) =
        (col("level"), col("sido_name"), col("sigungu_name"), col("created_20250807"), col("deleted_20250807"));
    // sigungu name → 시도 names having a 시군구 of that name alive during 2016–2025.
    let mut alive: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in rows {
        let c: Vec<&str> = row.split(',').collect();
        if c.len() <= deleted || c[level] != "sigungu" {
            continue;
        }
        let del_ok = c[deleted].is_empty() || c[deleted] > "2025-12-31";
        let cre_ok = c[created].is_empty() || c[created] <= "2016-01-01";
        if del_ok && cre_ok {
            alive.entry(c[sigungu].to_string()).or_default().push(c[sido].to_string());
        }
    }
    let regions = std::fs::read_to_string(crate::common::repo_dir().join("data/corpus/regions.tsv")).unwrap();
    for line in regions.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        for name in cols[3].split(',') {
            let sidos = alive.get(name).unwrap_or_else(|| panic!("{name} is not a 시군구 alive 2016–2025"));
            assert_eq!(sidos, &vec![cols[0].to_string()], "{name} is ambiguous or in another 시도");
        }
    }
}
