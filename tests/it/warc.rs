//! HTML pages and web archives (issue 14): the seeds and the dev set as
//! HTML pages, as HTML responses in a `.warc.gz` and as WET conversion
//! records give exactly the awards of their text files; every WARC reject
//! kind ends in `rejects` with its record's offset and nothing is lost; a
//! WARC file already read is not opened again, and a `kill -9` at any moment
//! leaves readable outputs that the next run completes.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde_json::Value;
use welfare_awards::corpus::html::{render_html, PageInfo};
use welfare_awards::corpus::warc::{gzip_member, http_request, http_response, RecordSpec, WarcWriter};
use welfare_awards::domain::Knowledge;
use welfare_awards::io::parquet::read_rows;
use welfare_awards::schema::{RawDocument, Reject, UtcMicros};
use welfare_awards::stages::clean::clean_document;
use welfare_awards::stages::extract::extract_document;
use welfare_awards::stages::ingest::{ingest_input, IngestOptions, Ingested};

use crate::common::{self, devset_files, seed_files, shared_dir};

const HTTP: &str = "application/http; msgtype=response";

fn crawl_start() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(0, 0, 0).unwrap()
}

fn documents(path: &str, bytes: &[u8]) -> Vec<RawDocument> {
    ingest_input(path, bytes, &IngestOptions::default(), UtcMicros(0))
        .into_iter()
        .map(|i| match i {
            Ingested::Document(d) => d,
            Ingested::Rejected(r) => panic!("{path}: rejected {} {}", r.reason, r.message),
        })
        .collect()
}

/// Every award mention of a document as compared: year, recipient,
/// category, grade, prize and evidence sentence.
fn awards(doc: &RawDocument, k: &Knowledge) -> Vec<String> {
    let clean = clean_document(doc);
    let mut out: Vec<String> = extract_document(&clean, k)
        .mentions
        .iter()
        .map(|m| {
            format!(
                "{} {} {:?} {} {:?} «{}»",
                m.eval_year, m.recipient_text, m.category, m.grade, m.prize_krw, m.evidence
            )
        })
        .collect();
    out.sort();
    out
}

/// A text page as an HTML page; CP949 pages are written in EUC-KR and say
/// so only in `<meta>`.
fn as_html(text: &str, cp949: bool, style: u64, name: &str) -> Vec<u8> {
    let url = format!("https://seeds.example/{name}");
    let charset = if cp949 { "euc-kr" } else { "utf-8" };
    let info = PageInfo { title: None, outlet: "시험일보", url: &url, published: None, charset, style };
    let html = render_html(text, &info);
    if cp949 {
        encoding_rs::EUC_KR.encode(&html).0.into_owned()
    } else {
        html.into_bytes()
    }
}

/// The seeds and the dev set: (name, decoded text, was CP949).
fn pages(shared: &Path) -> Vec<(String, String, bool)> {
    seed_files(shared)
        .into_iter()
        .chain(devset_files(shared))
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let doc = documents(&path.to_string_lossy(), &std::fs::read(&path).unwrap()).remove(0);
            (name, doc.text, doc.encoding == "EUC-KR")
        })
        .collect()
}

/// The seeds as HTML pages (three layouts), as HTML responses of a
/// `.warc.gz` and as conversion records of a `.warc.wet.gz` give exactly the
/// award mentions of their text files.
#[test]
fn seeds_and_devset_as_html_warc_and_wet_give_the_awards_of_their_text() {
    let Some(shared) = shared_dir() else { return };
    let k = Knowledge::embedded().unwrap();
    let pages = pages(&shared);
    let expected: BTreeMap<String, Vec<String>> =
        pages.iter().map(|(name, text, _)| (name.clone(), awards(&RawDocument::from_text("d", text), &k))).collect();
    assert!(expected.values().map(Vec::len).sum::<usize>() > 100, "the pages state awards");

    let mut warc = WarcWriter::new(Vec::new(), "seeds.warc.gz", true, crawl_start());
    let mut wet = WarcWriter::new(Vec::new(), "seeds.warc.wet.gz", true, crawl_start());
    let mut euc_kr_pages = 0;
    for (i, (name, text, cp949)) in pages.iter().enumerate() {
        let html = as_html(text, *cp949, i as u64, name);
        let docs = documents(&format!("in/{name}.html"), &html);
        assert_eq!(awards(&docs[0], &k), expected[name], "{name} as an HTML page (layout {})", i % 3);
        if *cp949 {
            assert_eq!(docs[0].encoding, "EUC-KR", "{name}");
            euc_kr_pages += 1;
        }
        let uri = format!("https://seeds.example/{name}");
        let content_type = if *cp949 { "text/html" } else { "text/html; charset=utf-8" };
        warc.fetched(&uri, &http_response(200, "OK", content_type, &html)).unwrap();
        wet.write(&RecordSpec {
            warc_type: "conversion",
            target_uri: Some(&uri),
            content_type: "text/plain",
            block: text.as_bytes(),
        })
        .unwrap();
    }
    assert!(euc_kr_pages >= 2, "the dev set's CP949 pages are EUC-KR pages declared only in <meta>");
    for (path, bytes) in [("in/seeds.warc.gz", warc.into_inner()), ("in/seeds.warc.wet.gz", wet.into_inner())] {
        let docs = documents(path, &bytes);
        assert_eq!(docs.len(), pages.len(), "{path}");
        for doc in &docs {
            let name = doc.url.as_deref().unwrap().rsplit('/').next().unwrap();
            assert_eq!(awards(doc, &k), expected[name], "{name} in {path}");
            assert!(
                doc.record_offset.is_some()
                    && doc.warc_record_id.as_deref().is_some_and(|id| id.starts_with("<urn:uuid:"))
            );
        }
    }
}

/// One archive with a record of every kind, written record by record.
struct Crawl {
    w: WarcWriter<Vec<u8>>,
    /// (record number, reason or "document" or "counted").
    expected: Vec<(i64, &'static str)>,
}

impl Crawl {
    fn add(&mut self, warc_type: &str, uri: &str, content_type: &str, block: &[u8], outcome: &'static str) {
        let (n, _) = self.w.write(&RecordSpec { warc_type, target_uri: Some(uri), content_type, block }).unwrap();
        self.expected.push((n, outcome));
    }

    /// Appends a damaged record, gzipped.
    fn add_raw(&mut self, record: &[u8], outcome: &'static str) {
        let (n, _) = self.w.append(&gzip_member(record).unwrap()).unwrap();
        self.expected.push((n, outcome));
    }
}

fn article(n: u64) -> String {
    format!(
        "가람{n}군, 복지 소식\n\n가람{n}군은 주민 복지를 위해 올해 찾아가는 상담을 늘리고 위기가구를 빠르게 찾아내는 \
         체계를 갖췄다고 밝혔다. 군은 읍면 맞춤형복지팀과 함께 통합사례관리를 이어 가며 홀몸 어르신 가정 {n}곳을 \
         돌았다.\n\n홍길동 기자 hong@example.kr"
    )
}

fn page(n: u64) -> Vec<u8> {
    let url = format!("https://news.example/{n}");
    let info = PageInfo {
        title: Some("복지 소식"),
        outlet: "가람일보",
        url: &url,
        published: None,
        charset: "utf-8",
        style: n,
    };
    http_response(200, "OK", "text/html; charset=utf-8", render_html(&article(n), &info).as_bytes())
}

/// The bytes of a response record holding page `n` (to be damaged).
fn response_record(n: u64) -> Vec<u8> {
    let uri = format!("https://news.example/{n}");
    let spec = RecordSpec { warc_type: "response", target_uri: Some(&uri), content_type: HTTP, block: &page(n) };
    welfare_awards::corpus::warc::record_bytes(&spec, &format!("<urn:uuid:damaged-{n}>"), "2026-03-01T00:00:00Z")
}

fn every_kind_crawl() -> Crawl {
    let mut c = Crawl { w: WarcWriter::new(Vec::new(), "every-kind.warc.gz", true, crawl_start()), expected: vec![] };
    c.add("warcinfo", "", "application/warc-fields", b"software: test\r\n", "counted");
    c.add(
        "request",
        "https://news.example/1",
        "application/http; msgtype=request",
        &http_request("https://news.example/1"),
        "counted",
    );
    c.add("response", "https://news.example/1", HTTP, &page(1), "document");
    c.add(
        "metadata",
        "https://news.example/1",
        "application/warc-fields",
        b"outlink: https://news.example/\r\n",
        "counted",
    );
    c.add("conversion", "https://news.example/2", "text/plain", article(2).as_bytes(), "document");
    c.add("revisit", "https://news.example/1", HTTP, b"HTTP/1.1 304 Not Modified\r\n\r\n", "counted");
    c.add(
        "response",
        "https://news.example/a.jpg",
        HTTP,
        &http_response(200, "OK", "image/jpeg", b"\xFF\xD8\xFF\xE0\0\x10JFIF\0"),
        "not_html",
    );
    c.add(
        "response",
        "https://news.example/pdf",
        HTTP,
        &http_response(200, "OK", "application/pdf", b"%PDF-1.7"),
        "not_html",
    );
    c.add(
        "response",
        "https://news.example/gone",
        HTTP,
        &http_response(404, "Not Found", "text/html", b"<h1>404</h1>"),
        "http_status",
    );
    let mut bad_coding = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    bad_coding.extend(&gzip_member(&page(3)).unwrap()[..200]);
    c.add("response", "https://news.example/3", HTTP, &bad_coding, "undecodable");
    let mut binary = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>".to_vec();
    binary.extend((0..3000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8 | 0x80));
    c.add("response", "https://news.example/4", HTTP, &binary, "binary");
    // A digest that does not match: one byte of the block changed after writing.
    let mut tampered = response_record(5);
    let at = tampered.len() - 40;
    tampered[at] ^= 0x01;
    c.add_raw(&tampered, "bad_digest");
    // A Content-Length that lies (too long): the record is malformed, the next one is read.
    let mut liar = response_record(6);
    let text = String::from_utf8_lossy(&liar).into_owned();
    let from = text.find("Content-Length: ").unwrap() + 16;
    let len_end = from + text[from..].find('\r').unwrap();
    let longer = (text[from..len_end].parse::<usize>().unwrap() + 30).to_string();
    liar.splice(from..len_end, longer.bytes());
    c.add_raw(&liar, "malformed_warc");
    c.add("response", "https://news.example/7", HTTP, &page(7), "document");
    // A gzip bomb: a record that inflates far past the per-record limit.
    let bomb = vec![b' '; 3 << 20];
    c.add("resource", "https://news.example/bomb", "text/plain", &bomb, "too_large");
    c.add("conversion", "https://news.example/8", "text/plain", article(8).as_bytes(), "document");
    // Cut short by the end of the file.
    let cut = response_record(9);
    c.add_raw(&cut[..cut.len() / 2], "truncated_record");
    c
}

fn run_bin(inputs: &Path, out: &Path, batch: &str) -> std::process::Output {
    let output = common::run_bin([
        "run".as_ref(),
        "--input".as_ref(),
        inputs.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--batch-id".as_ref(),
        batch.as_ref(),
        "--max-file-bytes".as_ref(),
        "1048576".as_ref(),
        "--quiet".as_ref(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output
}

fn manifest(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("_manifest.json")).unwrap()).unwrap()
}

/// Reads the record at `offset` of a `.warc.gz` back: its gzip member starts there.
fn record_at(file: &[u8], offset: i64) -> String {
    let mut out = String::new();
    let _ = flate2::read::GzDecoder::new(&file[offset as usize..]).take(200).read_to_string(&mut out);
    out
}

/// Every record kind of a crawl, a file that is not a WARC and a `.wet`
/// without pages, through the binary: each response and conversion record
/// is a document or a reject with its reason, number and offset (the
/// offset reads the record back), the other types are counted by type in
/// the manifest; a second night opens nothing, and records appended to the
/// archive are the only new ones on the third.
#[test]
fn every_warc_record_is_accounted_for_and_read_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, out) = (tmp.path().join("in"), tmp.path().join("out"));
    std::fs::create_dir(&dir).unwrap();
    let crawl = every_kind_crawl();
    let bytes = crawl.w.into_inner();
    let archive = dir.join("every-kind.warc.gz");
    std::fs::write(&archive, &bytes).unwrap();
    std::fs::write(dir.join("fake.warc"), "<html><body>not an archive</body></html>").unwrap();
    std::fs::write(dir.join("info-only.warc"), "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
        .unwrap();
    for name in ["every-kind.warc.gz", "fake.warc", "info-only.warc"] {
        backdate(&dir.join(name));
    }
    run_bin(&dir, &out, "20260101T000000Z");

    let raw: Vec<RawDocument> = read_rows(&out.join("raw_documents")).unwrap();
    let rejects: Vec<Reject> = read_rows(&out.join("rejects")).unwrap();
    let mut got: Vec<(i64, String)> = raw
        .iter()
        .filter(|d| d.source_path.ends_with("every-kind.warc.gz"))
        .map(|d| (d.source_line.unwrap(), "document".to_string()))
        .chain(
            rejects
                .iter()
                .filter(|r| r.source_path.ends_with("every-kind.warc.gz"))
                .map(|r| (r.source_line.unwrap(), r.reason.clone())),
        )
        .collect();
    got.sort();
    let expected: Vec<(i64, String)> =
        crawl.expected.iter().filter(|(_, o)| *o != "counted").map(|(n, o)| (*n, o.to_string())).collect();
    assert_eq!(got, expected, "rejects: {rejects:#?}");
    for r in rejects.iter().filter(|r| r.source_path.ends_with("every-kind.warc.gz")) {
        let offset = r.record_offset.expect("a record's reject has its offset");
        assert!(record_at(&bytes, offset).starts_with("WARC/1.0"), "{r:?}");
        assert!(r.message.starts_with(&format!("record {} (", r.source_line.unwrap())), "{}", r.message);
    }
    for d in raw.iter().filter(|d| d.source_path.ends_with("every-kind.warc.gz")) {
        let record = record_at(&bytes, d.record_offset.unwrap());
        assert!(record.contains(d.warc_record_id.as_deref().unwrap()), "{record}");
        assert!(d.url.as_deref().unwrap().starts_with("https://news.example/"));
        assert_eq!(d.compression.as_deref(), Some("gzip"));
    }
    let by_file: BTreeMap<String, Vec<String>> = rejects
        .iter()
        .filter(|r| !r.source_path.ends_with("every-kind.warc.gz"))
        .map(|r| (Path::new(&r.source_path).file_name().unwrap().to_string_lossy().into_owned(), r.reason.clone()))
        .fold(BTreeMap::new(), |mut m, (f, r)| {
            m.entry(f).or_default().push(r);
            m
        });
    assert_eq!(by_file["fake.warc"], ["malformed_warc"]);
    assert_eq!(by_file["info-only.warc"], ["empty"]);

    let m = manifest(&out);
    let types = &m["inputs"]["warc_records"];
    let counted = |t: &str| types[t].as_u64().unwrap_or(0);
    assert_eq!(
        (counted("request"), counted("metadata"), counted("revisit"), counted("warcinfo")),
        (1, 1, 1, 2),
        "{types}"
    );
    // Every response and conversion record is a row (and the oversized resource).
    assert_eq!(counted("response") + counted("conversion") + counted("resource"), got.len() as u64, "{types}");
    assert_eq!(m["inputs"]["new"].as_u64().unwrap(), (raw.len() + rejects.len()) as u64);

    // Night 2: nothing changed, nothing is opened.
    run_bin(&dir, &out, "20260102T000000Z");
    let m = manifest(&out);
    assert_eq!((m["inputs"]["files_unchanged"].as_u64(), m["inputs"]["new"].as_u64()), (Some(3), Some(0)));
    assert!(m["inputs"].get("warc_records").is_none(), "no archive was read: {}", m["inputs"]);
    // Night 3: the crawl went on (a record appended after the cut one): only
    // the appended record is new (found after the cut record's bytes).
    let more = welfare_awards::corpus::warc::record_bytes(
        &RecordSpec {
            warc_type: "conversion",
            target_uri: Some("https://news.example/10"),
            content_type: "text/plain",
            block: article(10).as_bytes(),
        },
        "<urn:uuid:appended>",
        "2026-03-02T00:00:00Z",
    );
    let mut grown = bytes.clone();
    grown.extend(gzip_member(&more).unwrap());
    std::fs::write(&archive, &grown).unwrap();
    backdate(&archive);
    run_bin(&dir, &out, "20260103T000000Z");
    let m = manifest(&out);
    assert_eq!(
        (m["inputs"]["new"].as_u64(), m["inputs"]["documents_new"].as_u64()),
        (Some(1), Some(1)),
        "{}",
        m["inputs"]
    );
    assert_eq!(m["data_tests"]["failed"].as_u64(), Some(0));
}

/// Moves a file's mtime two minutes back, out of the racy window.
fn backdate(path: &Path) {
    let t = std::time::SystemTime::now() - Duration::from_secs(120);
    std::fs::File::options().write(true).open(path).unwrap().set_modified(t).unwrap();
}

/// One night's crawl: `n` pages as request + response + metadata records.
fn night_crawl(path: &Path, night: u64, n: u64) -> u64 {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut w = WarcWriter::new(Vec::new(), &name, true, crawl_start());
    for i in 0..n {
        let id = night * 10_000 + i;
        let uri = format!("https://news.example/{id}");
        w.fetched(&uri, &page(id)).unwrap();
    }
    std::fs::write(path, w.into_inner()).unwrap();
    backdate(path);
    n
}

/// `kill -9` at random moments of runs over growing web archives: the
/// outputs stay readable, the next run completes, and every page record is
/// one row (raw_documents + rejects = pages).
#[test]
fn killed_runs_over_web_archives_complete_on_the_next_run() {
    const NIGHTS: u64 = 6;
    let tmp = tempfile::tempdir().unwrap();
    let (input, out) = (tmp.path().join("in"), tmp.path().join("out"));
    std::fs::create_dir(&input).unwrap();
    let mut pages = night_crawl(&input.join("night-00.warc.gz"), 0, 3000);
    let t = Instant::now();
    run_bin(&input, &out, "20260101T000000Z");
    let window = t.elapsed().as_secs_f64();
    let mut rng = fastrand::Rng::with_seed(0x3A4C_2026);
    for night in 1..=NIGHTS {
        pages += night_crawl(&input.join(format!("night-{night:02}.warc.gz")), night, 1500);
        let batch = format!("202601{:02}T000000Z", night + 1);
        let mut child = Command::new(common::bin())
            .args(["run", "--quiet", "--batch-id", &batch, "--max-file-bytes", "1048576", "--input"])
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_secs_f64(rng.f64() * window));
        let _ = child.kill();
        child.wait().unwrap();
        let _: Vec<RawDocument> = read_rows(&out.join("raw_documents")).unwrap();
        run_bin(&input, &out, &batch);
        let raw: Vec<RawDocument> = read_rows(&out.join("raw_documents")).unwrap();
        let rejects: Vec<Reject> = read_rows(&out.join("rejects")).unwrap();
        assert_eq!((raw.len() + rejects.len()) as u64, pages, "night {night}: rejects {:?}", rejects.first());
        assert_eq!(manifest(&out)["status"], "ok");
    }
}

/// An `.html` file, a gzipped `.htm.gz`, a `.txt` holding HTML source and a
/// JSONL record with an `html` field are all pages: their main content is
/// the text, and the page's metadata fills url, title, date and outlet (a
/// date the page states beats the dates in its text).
#[test]
fn html_files_html_in_txt_and_jsonl_html_fields_are_pages() {
    let url = "https://news.example/view/77";
    let published = NaiveDate::from_ymd_opt(2023, 12, 7).unwrap().and_hms_opt(9, 30, 0).unwrap();
    let info = PageInfo {
        title: Some("가람군 복지 소식"),
        outlet: "가람일보",
        url,
        published: Some(published),
        charset: "utf-8",
        style: 0,
    };
    let text = format!("{}\n\n입력 2020.01.02 10:00", article(77));
    let html = render_html(&text, &info);
    let gz = gzip_member(html.as_bytes()).unwrap();
    let line = serde_json::json!({ "html": html, "outlet": "피드일보" }).to_string();
    for (path, bytes) in
        [("a.html", html.as_bytes()), ("b.htm.gz", &gz[..]), ("c.txt", html.as_bytes()), ("d.jsonl", line.as_bytes())]
    {
        let docs = documents(path, bytes);
        let doc = &docs[0];
        assert!(
            doc.text.starts_with("가람77군, 복지 소식\n\n가람77군은") && !doc.text.contains("많이 본"),
            "{path}: {}",
            doc.text
        );
        assert_eq!((doc.url.as_deref(), doc.title.as_deref()), (Some(url), Some("가람군 복지 소식")), "{path}");
        let outlet = if path.ends_with("jsonl") { "피드일보" } else { "가람일보" };
        assert_eq!(doc.outlet.as_deref(), Some(outlet), "{path}: the record's own field wins");
        let clean = clean_document(doc);
        assert_eq!(clean.published_date, Some(published.date()), "{path}");
    }
}

/// An award article of the map/reduce tests as an HTML page response.
fn award_page(n: u64) -> Vec<u8> {
    let url = format!("https://awards.example/{n}");
    let info = PageInfo { title: None, outlet: "가람일보", url: &url, published: None, charset: "utf-8", style: n };
    http_response(200, "OK", "text/html; charset=utf-8", render_html(&crate::ops::article(n), &info).as_bytes())
}

/// A web archive of `padding` metadata records, then the fetches
/// (request and response) of the award pages `pages`.
fn write_archive(path: &Path, gzip: bool, padding: usize, pages: &[u64]) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut w = WarcWriter::new(Vec::new(), &name, gzip, crawl_start());
    for i in 0..padding {
        let block = format!("fetchTimeMs: {i}\r\n");
        let spec = RecordSpec {
            warc_type: "metadata",
            target_uri: Some("https://awards.example/"),
            content_type: "application/warc-fields",
            block: block.as_bytes(),
        };
        w.write(&spec).unwrap();
    }
    for &n in pages {
        w.fetched(&format!("https://awards.example/{n}"), &award_page(n)).unwrap();
    }
    std::fs::write(path, w.into_inner()).unwrap();
}

/// Web archives through `map` and `reduce` in two shards, as a cluster
/// runs them, give the rows, counts (by record type too) and recomputed
/// tables of one `run`: each archive is read whole by the shard that owns
/// it (the first one in several parts, the chunk after it held back), and
/// a page archived in both shards is one document and one `duplicate`
/// reject, in the archive that comes second in input order.
#[test]
fn web_archives_mapped_in_two_shards_and_reduced_equal_one_run() {
    use crate::cluster::{assert_same_as_run, map, ok, reduce, run, BATCH};
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let padding = welfare_awards::stages::ingest::warc::PART_RECORDS + 100;
    // Positions 0 (shard 0), 1 (shard 1), 2 (shard 0), 3 and 4; then text files.
    write_archive(&input.join("a-long.warc.gz"), true, padding, &[1, 2]);
    write_archive(&input.join("b-copies.warc"), false, 0, &[3, 1, 4]);
    std::fs::write(input.join("c-every-kind.warc.gz"), every_kind_crawl().w.into_inner()).unwrap();
    let sample = common::repo_dir().join("data/sample/web");
    for name in ["crawl-2026-03.warc.gz", "crawl-2026-03.warc.wet.gz"] {
        std::fs::copy(sample.join(name), input.join(name)).unwrap();
    }
    crate::ops::write_articles(&input.join("d-texts"), 10..15);

    let whole = tmp.path().join("run");
    ok(run(&input, &whole), "run");
    let sharded = tmp.path().join("sharded");
    for shard in 0..2 {
        ok(map(&input, &sharded, shard, 2, "0", &[]), "map");
    }
    ok(reduce(&sharded, 2, &[]), "reduce");
    assert_same_as_run(&sharded, &whole);

    let inputs = &manifest(&sharded)["inputs"];
    assert!(inputs["warc_records"]["metadata"].as_u64() > Some(padding as u64), "{inputs:#}");
    // Each archive's rows are in the file of the shard that read it.
    let mut shard_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut duplicates = Vec::new();
    for shard in 0..2 {
        let part = format!("part-{shard:05}.parquet");
        let raw = sharded.join(format!("raw_documents/batch={BATCH}/{part}"));
        let rejects = sharded.join(format!("rejects/batch={BATCH}/{part}"));
        welfare_awards::io::parquet::for_each_file_rows::<RawDocument>(&raw, |rows| {
            rows.iter().for_each(|d| shard_of.entry(d.source_path.clone()).or_default().push(part.clone()));
            Ok(())
        })
        .unwrap();
        welfare_awards::io::parquet::for_each_file_rows::<Reject>(&rejects, |rows| {
            for r in rows {
                shard_of.entry(r.source_path.clone()).or_default().push(part.clone());
                if r.reason == "duplicate" {
                    duplicates.push((shard, r));
                }
            }
            Ok(())
        })
        .unwrap();
    }
    for (source, parts) in &shard_of {
        assert!(parts.iter().all(|p| *p == parts[0]), "{source} is in {parts:?}");
    }
    assert_eq!(shard_of.iter().filter(|(s, _)| s.ends_with("a-long.warc.gz")).count(), 1);
    assert_eq!(shard_of.iter().find(|(s, _)| s.ends_with("a-long.warc.gz")).unwrap().1[0], "part-00000.parquet");
    let [(shard, copy)] = &duplicates[..] else { panic!("one duplicate: {duplicates:?}") };
    assert!(*shard == 1 && copy.source_path.ends_with("b-copies.warc"), "{copy:?}");
    assert!(copy.source_line == Some(4) && copy.record_offset.is_some_and(|o| o > 0), "{copy:?}");
}
