//! Runs the candidate main-content extractors on the study's pages
//! (`render-pages`): `dom_smoothie` (a readability.js port) and
//! `trafilatura` (a go-trafilatura port). Writes `DIR/<extractor>/<page>.txt`
//! and prints each extractor's time.
//!
//! `cargo run --release -- DIR` (its own workspace: not built by `make`).

use std::path::Path;
use std::time::Instant;

fn smoothie(html: &str) -> String {
    let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    match dom_smoothie::Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse()) {
        Ok(article) => article.text_content.to_string(),
        Err(_) => String::new(),
    }
}

fn trafilatura(html: &str) -> String {
    trafilatura::extract(html, &trafilatura::Options::default()).map(|r| r.content_text).unwrap_or_default()
}

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).expect("usage: html-extractors DIR");
    let dir = Path::new(&dir);
    let mut pages: Vec<_> = std::fs::read_dir(dir.join("pages"))?.map(|e| e.unwrap().path()).collect();
    pages.sort();
    let extractors: [(&str, fn(&str) -> String); 2] = [("dom_smoothie", smoothie), ("trafilatura", trafilatura)];
    for (name, extract) in extractors {
        std::fs::create_dir_all(dir.join(name))?;
        let (mut bytes, t) = (0usize, Instant::now());
        for page in &pages {
            let html = std::fs::read_to_string(page)?;
            bytes += html.len();
            let text = extract(&html);
            let stem = page.file_stem().unwrap().to_string_lossy();
            std::fs::write(dir.join(name).join(format!("{stem}.txt")), text)?;
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "{name}: {} pages, {:.1} MB in {s:.2} s ({:.1} MB/s)",
            pages.len(),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / s
        );
    }
    Ok(())
}
