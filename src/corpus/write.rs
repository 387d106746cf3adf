//! Stores generated documents: encodes each page (UTF-8, UTF-8 with BOM,
//! CP949), gzips some files, groups records into JSONL files, and writes
//! `gold.jsonl` and `corpus.json`. Documents are generated and encoded in
//! parallel, chunk by chunk, and written in index order, so memory stays
//! bounded by one chunk and the output does not depend on the thread count.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;
use serde::Serialize;

use super::archive::{archive, warcinfo, Archived};
use super::award::{Gold, GoldAward};
use super::rng::Rng;
use super::{document, CorpusData, Document, Format, GenOptions, Kind, GENERATOR_VERSION};

/// Documents generated in parallel before they are written in order.
const CHUNK_DOCS: u64 = 512;
/// A JSONL file is closed once it holds this many bytes (before gzip);
/// well under the pipeline's default 20 MiB per-file limit.
const JSONL_FILE_BYTES: usize = 8_000_000;
const GZIP_SHARE_TXT: f64 = 0.08;
const GZIP_SHARE_JSONL: f64 = 0.25;
const BOM_SHARE: f64 = 0.02;
/// A web archive is closed once it holds this many bytes (compressed).
const ARCHIVE_FILE_BYTES: u64 = 256_000_000;

/// Counts of a written corpus (`OUT/corpus.json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CorpusSummary {
    pub generator_version: u32,
    pub seed: u64,
    pub format: String,
    pub size_requested: u64,
    pub documents: u64,
    pub award_documents: u64,
    pub near_miss_documents: u64,
    pub gold_awards: u64,
    pub files: u64,
    pub gzip_files: u64,
    pub cp949_documents: u64,
    /// Bytes of the stored pages before gzip (what ingest decodes).
    pub bytes_uncompressed: u64,
    /// Bytes of the files under `input/` (what a run reads from disk).
    pub bytes_on_disk: u64,
}

/// One line of `gold.jsonl`.
#[derive(Serialize)]
struct GoldLine<'a> {
    id: String,
    /// Path under the corpus directory, e.g. `input/000/000123.txt`.
    source_path: &'a str,
    /// 1-based line inside a JSONL file, or record number inside a web archive.
    source_line: Option<u64>,
    published: Option<String>,
    encoding: &'static str,
    awards: &'a [GoldAward],
    doc_prize_total_krw: Option<i64>,
    other_awards_mentioned: &'a [String],
    notes: &'a str,
}

/// One JSONL record, in the fields the ingest stage reads.
#[derive(Serialize)]
struct JsonRecord<'a> {
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    outlet: &'a str,
    text: &'a str,
}

/// A page encoded as the bytes of its own file.
struct EncodedFile {
    rel_path: String,
    bytes: Vec<u8>,
    uncompressed: usize,
    encoding: &'static str,
    gzip: bool,
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    // GzEncoder::new writes mtime 0 and no file name: byte-identical output.
    let mut enc = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::new(6));
    enc.write_all(bytes)?;
    Ok(enc.finish()?)
}

/// Encodes a page as a `.txt` file: CP949 for legacy pages (UTF-8 if a
/// character has no CP949 form), sometimes a BOM, sometimes gzip.
fn encode_txt(doc: &Document, seed: u64, rel_dir: &str) -> Result<EncodedFile> {
    let mut r = Rng::derive(seed, 2, doc.index);
    let mut encoding = "utf-8";
    let mut bytes = None;
    if doc.legacy {
        let (b, _, unmappable) = encoding_rs::EUC_KR.encode(&doc.text);
        if !unmappable {
            encoding = "cp949";
            bytes = Some(b.into_owned());
        }
    }
    let bytes = match bytes {
        Some(b) => b,
        None if r.chance(BOM_SHARE) => {
            let mut b = Vec::with_capacity(doc.text.len() + 3);
            b.extend_from_slice(b"\xEF\xBB\xBF");
            b.extend_from_slice(doc.text.as_bytes());
            b
        }
        None => doc.text.as_bytes().to_vec(),
    };
    let uncompressed = bytes.len();
    let gz = r.chance(GZIP_SHARE_TXT);
    let name = format!("{rel_dir}/{:06}.txt{}", doc.index, if gz { ".gz" } else { "" });
    let bytes = if gz { gzip(&bytes)? } else { bytes };
    Ok(EncodedFile { rel_path: name, bytes, uncompressed, encoding, gzip: gz })
}

/// How one generated document is stored.
enum Stored {
    File(EncodedFile),
    Record(String),
    Archived(Archived),
}

fn store(doc: &Document, seed: u64, format: Format) -> Result<Stored> {
    match format {
        Format::Txt => Ok(Stored::File(encode_txt(doc, seed, &format!("input/{:03}", doc.index / 1000))?)),
        Format::Warc | Format::Wet => Ok(Stored::Archived(archive(doc, seed, format == Format::Wet)?)),
        Format::Jsonl if doc.legacy => Ok(Stored::File(encode_txt(doc, seed, "input/legacy")?)),
        Format::Jsonl => {
            let record = JsonRecord {
                url: &doc.url,
                title: &doc.title,
                published: doc
                    .published
                    .filter(|_| doc.index % 10 < 7)
                    .map(|p| format!("{}+09:00", p.format("%Y-%m-%dT%H:%M:%S"))),
                outlet: &doc.outlet,
                text: &doc.text,
            };
            let mut line = serde_json::to_string(&record)?;
            line.push('\n');
            Ok(Stored::Record(line))
        }
    }
}

/// The JSONL file being filled.
struct OpenJsonl {
    rel_path: String,
    out: Box<dyn Write>,
    bytes: usize,
    lines: u64,
}

/// The web archive being filled.
struct OpenArchive {
    rel_path: String,
    out: BufWriter<File>,
    bytes: u64,
    records: u64,
}

struct CorpusWriter<'a> {
    root: &'a Path,
    seed: u64,
    format: Format,
    gold: BufWriter<File>,
    jsonl: Option<OpenJsonl>,
    jsonl_files: u64,
    archive: Option<OpenArchive>,
    summary: CorpusSummary,
}

impl CorpusWriter<'_> {
    fn write_file(&mut self, f: &EncodedFile) -> Result<()> {
        let path = self.root.join(&f.rel_path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        fs::write(&path, &f.bytes).with_context(|| format!("writing {}", path.display()))?;
        self.summary.files += 1;
        self.summary.gzip_files += u64::from(f.gzip);
        self.summary.bytes_on_disk += f.bytes.len() as u64;
        self.summary.bytes_uncompressed += f.uncompressed as u64;
        Ok(())
    }

    fn close_jsonl(&mut self) -> Result<()> {
        if let Some(mut open) = self.jsonl.take() {
            open.out.flush()?;
            drop(open.out);
            let size = fs::metadata(self.root.join(&open.rel_path))?.len();
            self.summary.bytes_on_disk += size;
        }
        Ok(())
    }

    /// Appends a record; returns (file, 1-based line).
    fn write_record(&mut self, line: &str) -> Result<(String, u64)> {
        if self.jsonl.as_ref().is_some_and(|j| j.bytes >= JSONL_FILE_BYTES) {
            self.close_jsonl()?;
        }
        if self.jsonl.is_none() {
            let k = self.jsonl_files;
            self.jsonl_files += 1;
            let gz = Rng::derive(self.seed, 3, k).chance(GZIP_SHARE_JSONL);
            let rel_path = format!("input/crawl-{k:05}.jsonl{}", if gz { ".gz" } else { "" });
            let path = self.root.join(&rel_path);
            fs::create_dir_all(path.parent().expect("input dir"))?;
            let file = BufWriter::new(File::create(&path).with_context(|| format!("creating {}", path.display()))?);
            let out: Box<dyn Write> =
                if gz { Box::new(GzEncoder::new(file, Compression::new(6))) } else { Box::new(file) };
            self.summary.files += 1;
            self.summary.gzip_files += u64::from(gz);
            self.jsonl = Some(OpenJsonl { rel_path, out, bytes: 0, lines: 0 });
        }
        let open = self.jsonl.as_mut().expect("open jsonl file");
        open.out.write_all(line.as_bytes())?;
        open.bytes += line.len();
        open.lines += 1;
        self.summary.bytes_uncompressed += line.len() as u64;
        Ok((open.rel_path.clone(), open.lines))
    }

    fn close_archive(&mut self) -> Result<()> {
        if let Some(mut open) = self.archive.take() {
            open.out.flush()?;
        }
        Ok(())
    }

    /// Appends a document's records to the open archive (opening the next
    /// when it is full); returns (file, number of the page record).
    fn write_archived(&mut self, a: &Archived) -> Result<(String, u64)> {
        if self.archive.as_ref().is_some_and(|o| o.bytes >= ARCHIVE_FILE_BYTES) {
            self.close_archive()?;
        }
        if self.archive.is_none() {
            let suffix = if self.format == Format::Wet { "warc.wet.gz" } else { "warc.gz" };
            let rel_path = format!("input/crawl-{:05}.{suffix}", self.summary.files);
            let path = self.root.join(&rel_path);
            fs::create_dir_all(path.parent().expect("input dir"))?;
            let mut out = BufWriter::new(File::create(&path).with_context(|| format!("creating {}", path.display()))?);
            let info = warcinfo(&rel_path)?;
            out.write_all(&info)?;
            self.summary.files += 1;
            self.summary.gzip_files += 1;
            self.summary.bytes_on_disk += info.len() as u64;
            self.archive = Some(OpenArchive { rel_path, out, bytes: info.len() as u64, records: 1 });
        }
        let open = self.archive.as_mut().expect("open archive");
        let page = open.records + a.page as u64 + 1;
        for (_, member) in &a.members {
            open.out.write_all(member)?;
            open.bytes += member.len() as u64;
            self.summary.bytes_on_disk += member.len() as u64;
        }
        open.records += a.members.len() as u64;
        self.summary.bytes_uncompressed += a.uncompressed as u64;
        Ok((open.rel_path.clone(), page))
    }

    /// Bytes the size target counts: pages before gzip, archives as written.
    fn size(&self) -> u64 {
        match self.format {
            Format::Warc | Format::Wet => self.summary.bytes_on_disk,
            Format::Txt | Format::Jsonl => self.summary.bytes_uncompressed,
        }
    }

    fn add(&mut self, doc: &Document, stored: Stored) -> Result<()> {
        let (path, line, encoding) = match stored {
            Stored::Archived(a) => {
                let (path, n) = self.write_archived(&a)?;
                (path, Some(n), a.encoding)
            }
            Stored::File(f) => {
                self.write_file(&f)?;
                (f.rel_path, None, f.encoding)
            }
            Stored::Record(line) => {
                let (path, n) = self.write_record(&line)?;
                (path, Some(n), "utf-8")
            }
        };
        self.summary.documents += 1;
        self.summary.cp949_documents += u64::from(encoding == "cp949");
        match doc.kind {
            Kind::Award => self.summary.award_documents += 1,
            Kind::NearMiss => self.summary.near_miss_documents += 1,
            Kind::Ordinary => {}
        }
        if let Some(gold) = &doc.gold {
            self.summary.gold_awards += gold.awards.len() as u64;
            write_gold(&mut self.gold, doc, gold, &path, line, encoding)?;
        }
        Ok(())
    }
}

fn write_gold(
    out: &mut impl Write,
    doc: &Document,
    gold: &Gold,
    path: &str,
    line: Option<u64>,
    encoding: &'static str,
) -> Result<()> {
    let record = GoldLine {
        id: format!("{:06}", doc.index),
        source_path: path,
        source_line: line,
        published: doc.published.map(|p| p.format("%Y-%m-%d").to_string()),
        encoding,
        awards: &gold.awards,
        doc_prize_total_krw: gold.doc_prize_total_krw,
        other_awards_mentioned: &gold.other_awards_mentioned,
        notes: &gold.notes,
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Generates and writes a whole corpus into `opts.out` (which must not
/// already hold one). Returns the counts also written to `corpus.json`.
pub fn write_corpus(opts: &GenOptions, data: &CorpusData) -> Result<CorpusSummary> {
    let root = opts.out.as_path();
    if root.join("input").exists() || root.join("corpus.json").exists() {
        bail!("{} already holds a corpus; remove it or choose another --out", root.display());
    }
    fs::create_dir_all(root).with_context(|| format!("creating {}", root.display()))?;
    let gold = BufWriter::new(File::create(root.join("gold.jsonl")).context("creating gold.jsonl")?);
    let mut w = CorpusWriter {
        root,
        seed: opts.seed,
        format: opts.format,
        gold,
        jsonl: None,
        jsonl_files: 0,
        archive: None,
        summary: CorpusSummary {
            generator_version: GENERATOR_VERSION,
            seed: opts.seed,
            format: opts.format.as_str().into(),
            size_requested: opts.size_bytes,
            ..Default::default()
        },
    };
    let mut next = 0u64;
    'outer: loop {
        let chunk: Vec<Result<(Document, Stored)>> = (next..next + CHUNK_DOCS)
            .into_par_iter()
            .map(|i| {
                let doc = document(data, opts.seed, i)?;
                let stored = store(&doc, opts.seed, opts.format)?;
                Ok((doc, stored))
            })
            .collect();
        for item in chunk {
            let (doc, stored) = item?;
            w.add(&doc, stored)?;
            if w.size() >= opts.size_bytes {
                break 'outer;
            }
        }
        next += CHUNK_DOCS;
    }
    w.close_jsonl()?;
    w.close_archive()?;
    w.gold.flush()?;
    let summary = w.summary.clone();
    let json = serde_json::to_string_pretty(&summary)?;
    fs::write(root.join("corpus.json"), json + "\n").context("writing corpus.json")?;
    Ok(summary)
}
