//! The extractor study's pages: every seed and dev-set page (../shared) as
//! an HTML page in each of the three layouts of `corpus::html`, with the
//! text it was made from and this project's extraction of it.
//!
//! `cargo run --release --example render-pages -- OUT_DIR` writes
//! `OUT_DIR/pages/*.html`, `OUT_DIR/text/*.txt` (the page text: what a
//! perfect extractor returns), `OUT_DIR/own/*.txt` (our DOM rules) and
//! `OUT_DIR/noise.txt` (the chrome's text lines, one a line).

use std::path::{Path, PathBuf};

use welfare_awards::corpus::html::{render_html, PageInfo, COMMENTS, MOST_READ, SECTIONS};
use welfare_awards::schema::UtcMicros;
use welfare_awards::stages::ingest::{html, ingest_input, IngestOptions, Ingested};

fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).expect("usage: render-pages OUT_DIR"));
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let files: Vec<PathBuf> =
        text_files(&shared.join("seeds")).into_iter().chain(text_files(&shared.join("devset/articles"))).collect();
    assert!(!files.is_empty(), "no pages under {}", shared.display());
    for dir in ["pages", "text", "own"] {
        std::fs::create_dir_all(out.join(dir)).unwrap();
    }
    let (mut own_bytes, mut own_seconds) = (0usize, 0f64);
    for (i, path) in files.iter().enumerate() {
        let bytes = std::fs::read(path).unwrap();
        let Ingested::Document(doc) =
            ingest_input(&path.to_string_lossy(), &bytes, &IngestOptions::default(), UtcMicros(0)).remove(0)
        else {
            panic!("{} was rejected", path.display())
        };
        let stem = path.file_stem().unwrap().to_string_lossy();
        let prefix = if path.starts_with(shared.join("seeds")) { "seed" } else { "dev" };
        for layout in 0..3u64 {
            let name = format!("{prefix}-{stem}-L{layout}");
            let url = format!("https://study.example/{name}");
            let info = PageInfo {
                title: None,
                outlet: "시험일보",
                url: &url,
                published: None,
                charset: "utf-8",
                style: i as u64 * 3 + layout,
            };
            let page = render_html(&doc.text, &info);
            std::fs::write(out.join("pages").join(format!("{name}.html")), &page).unwrap();
            std::fs::write(out.join("text").join(format!("{name}.txt")), &doc.text).unwrap();
            let t = std::time::Instant::now();
            let own = html::extract(page.as_bytes(), None).expect("own extraction");
            own_seconds += t.elapsed().as_secs_f64();
            own_bytes += page.len();
            std::fs::write(out.join("own").join(format!("{name}.txt")), own.text).unwrap();
        }
    }
    let noise: Vec<&str> = MOST_READ
        .iter()
        .chain(COMMENTS.iter())
        .chain(SECTIONS.iter())
        .copied()
        .chain(["많이 본 뉴스", "로그인", "회원가입"])
        .collect();
    std::fs::write(out.join("noise.txt"), noise.join("\n") + "\n").unwrap();
    eprintln!("{} pages x 3 layouts -> {}", files.len(), out.display());
    let mb = own_bytes as f64 / 1e6;
    println!("own: {} pages, {mb:.1} MB in {own_seconds:.3} s ({:.1} MB/s)", files.len() * 3, mb / own_seconds);
}
