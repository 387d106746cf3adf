//! Reads what a run stored in OUT as pages to score: every document is the
//! page named by its input file's name stem (`articles/012.txt` is page
//! `012`), and holds the award mentions and stated totals of its documents.
//! A page whose text another page already holds (a `duplicate` reject, or a
//! clean document with `duplicate_of`) has that page's mentions.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Result};

use super::key::Found;
use super::score::{is_prize_total, Extracted, PageOutput};
use crate::io::out_dir::OutDir;
use crate::io::parquet::for_each_rows;
use crate::schema::{AwardMention, CleanDocument, DocFact, Reject, Table};

/// The page id of an input file: its name without directory and extension
/// (and without `.gz`: `012.txt.gz` is page `012`).
pub fn page_id(source_path: &str) -> String {
    let name = Path::new(source_path).file_name().map_or(source_path.into(), |n| n.to_string_lossy());
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    Path::new(name).file_stem().map_or(name.to_string(), |s| s.to_string_lossy().into_owned())
}

/// Reads the pages of an output directory. Fails when a table the scoring
/// needs is missing (OUT is not the output of a run).
pub fn read(out: &Path) -> Result<Extracted> {
    let out = OutDir::new(out);
    for table in [CleanDocument::NAME, AwardMention::NAME, DocFact::NAME] {
        if !out.table_dir(table).is_dir() {
            bail!(
                "{} is missing: is {} the output of a `welfare-awards run`?",
                out.table_dir(table).display(),
                out.root().display()
            );
        }
    }
    let mut page_of: BTreeMap<String, String> = BTreeMap::new();
    let mut copies: Vec<(String, String)> = Vec::new();
    let mut ex = Extracted::default();
    for_each_rows::<CleanDocument>(&out.table_dir(CleanDocument::NAME), |docs| {
        for d in docs {
            let page = page_id(&d.source_path);
            ex.pages.entry(page.clone()).or_default();
            if let Some(first) = d.duplicate_of {
                copies.push((page.clone(), first));
            }
            page_of.insert(d.doc_id, page);
        }
        Ok(())
    })?;
    for_each_rows::<AwardMention>(&out.table_dir(AwardMention::NAME), |mentions| {
        for m in &mentions {
            page_entry(&mut ex, &page_of, &m.doc_id).mentions.push(Found::of(m));
        }
        Ok(())
    })?;
    for_each_rows::<DocFact>(&out.table_dir(DocFact::NAME), |facts| {
        for f in facts.iter().filter(|f| is_prize_total(f)) {
            page_entry(&mut ex, &page_of, &f.doc_id).totals.push(f.value);
        }
        Ok(())
    })?;
    read_rejects(&out, &page_of, &mut ex, &mut copies)?;
    for (copy, first) in copies {
        let original = page_of.get(&first).filter(|p| **p != copy).and_then(|p| ex.pages.get(p)).cloned();
        if let Some(original) = original {
            let page = ex.pages.entry(copy).or_default();
            page.mentions.extend(original.mentions);
            page.totals.extend(original.totals);
        }
    }
    Ok(ex)
}

fn page_entry<'a>(ex: &'a mut Extracted, page_of: &BTreeMap<String, String>, doc_id: &str) -> &'a mut PageOutput {
    let page = page_of.get(doc_id).cloned().unwrap_or_else(|| format!("?{doc_id}"));
    ex.pages.entry(page).or_default()
}

/// Rejected files: a `duplicate` is a copy of the document its message
/// names; any other reason is kept to say why a labelled page is absent.
fn read_rejects(
    out: &OutDir,
    page_of: &BTreeMap<String, String>,
    ex: &mut Extracted,
    copies: &mut Vec<(String, String)>,
) -> Result<()> {
    let dir = out.table_dir(Reject::NAME);
    if !dir.is_dir() {
        return Ok(());
    }
    for_each_rows::<Reject>(&dir, |rejects| {
        for r in rejects {
            let page = page_id(&r.source_path);
            let named = r.message.split(|c: char| !c.is_ascii_alphanumeric()).find(|w| page_of.contains_key(*w));
            match named {
                Some(doc_id) if r.reason == "duplicate" => copies.push((page, doc_id.to_string())),
                _ => {
                    ex.rejected.entry(page).or_insert(r.reason);
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::page_id;

    #[test]
    fn a_page_is_its_file_name_stem() {
        assert_eq!(page_id("/pages/012.txt"), "012");
        assert_eq!(page_id("in/000/000341.txt.gz"), "000341");
        assert_eq!(page_id("a/news.2020.html"), "news.2020");
        assert_eq!(page_id("noext"), "noext");
    }
}
