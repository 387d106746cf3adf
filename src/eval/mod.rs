//! `welfare-awards eval`: scores a run's output against hand labels in the
//! dev-set format, and prints precision, recall and F1 with the errors by
//! kind. It is how a user checks the extractor on a sample of their own, and
//! the scorer of the seed and dev-set tests.
//!
//! - [`key`]: the key an award is judged by (eval_year, region code, field,
//!   grade), and an extracted award and a label as a report shows them;
//! - [`gold`]: the label files, and a label's key (its recipient as the
//!   region code valid in its year);
//! - [`output`]: the pages of an output directory (the I/O edge);
//! - [`score`]: the counts on the key;
//! - [`kinds`]: missed, spurious, and the one-component pairs (wrong year,
//!   grade, field, region);
//! - [`render`]: the report as text or JSON.
//!
//! It reads `schema`, `io` and `regions`; no stage and no run machinery.

pub mod gold;
pub mod key;
pub mod kinds;
pub mod output;
pub mod render;
pub mod score;

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

pub use gold::{GoldPage, Keyer};
pub use key::Found;
pub use kinds::ErrorKind;
pub use score::{score, Extracted, PageOutput, Score};

use crate::regions::RegionTable;

/// `welfare-awards eval` options.
#[derive(Debug, Clone, Args)]
pub struct EvalArgs {
    /// Gold labels, one JSON object a line in the dev-set format; repeatable. A line's `id`
    /// is the name stem of the input file it labels (`012` for articles/012.txt).
    #[arg(long, value_name = "GOLD.jsonl", required = true, num_args = 1..)]
    pub gold: Vec<PathBuf>,
    /// Output directory of a run over the labelled pages.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Leave out labels of rounds before this year.
    #[arg(long, value_name = "YEAR")]
    pub min_year: Option<i32>,
    /// The numbers only, no page, key or evidence (for pages kept back unread).
    #[arg(long)]
    pub summary_only: bool,
    /// Also awards found and found right per extraction rule.
    #[arg(long)]
    pub by_rule: bool,
    /// One JSON object on stdout instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Scores the output directory against the gold files with the embedded
/// region table.
pub fn evaluate(gold_files: &[PathBuf], out: &std::path::Path, min_year: Option<i32>) -> Result<Score> {
    let gold = gold::read_files(gold_files)?;
    let extracted = output::read(out)?;
    let keyer = Keyer::new(&RegionTable::embedded()?);
    Ok(score(&gold, &extracted, &keyer, min_year))
}

/// Runs `eval`: the report as printed.
pub fn run(args: &EvalArgs) -> Result<String> {
    let s = evaluate(&args.gold, &args.out, args.min_year)?;
    Ok(if args.json {
        format!("{}\n", serde_json::to_string_pretty(&render::json(&s, args.summary_only))?)
    } else {
        render::text(&s, render::TextOptions { summary_only: args.summary_only, by_rule: args.by_rule })
    })
}
