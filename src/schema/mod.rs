//! Every table the pipeline writes, defined once: the row struct, its Arrow
//! schema and the one-line meaning of each column all come from the
//! [`tables!`] invocation below. `welfare-awards schema` prints this, the README
//! table reference is generated from it, and the writers refuse any batch that
//! does not match it.
//!
//! Contract (stable): each table is a directory `OUT/<table>/` of Parquet
//! files. Per-batch tables keep one partition per run, `batch=<id>/`.
//! Money is Int64 won, years Int32, dates Date32, timestamps UTC microseconds,
//! codes Utf8.

pub mod column;
pub mod ids;

use std::fmt::Write as _;

use anyhow::{anyhow, Context, Result};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::record_batch::RecordBatch;
use chrono::NaiveDate;

pub use column::{ColumnValue, HeapBytes, UtcMicros};
pub use ids::RejectReason;

/// How a table's files are laid out under `OUT/<table>/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One partition directory `batch=<id>/` per run that added rows.
    PerBatch,
    /// Recomputed from all batches on every run: plain files, replaced whole.
    Recomputed,
}

/// One column of a table, as documented.
#[derive(Debug, Clone)]
pub struct ColumnDef {
    pub name: &'static str,
    pub data_type: DataType,
    pub nullable: bool,
    pub doc: &'static str,
}

/// One table, as documented.
#[derive(Debug, Clone)]
pub struct TableDef {
    pub name: &'static str,
    pub doc: &'static str,
    pub layout: Layout,
    pub columns: Vec<ColumnDef>,
}

impl TableDef {
    pub fn arrow_schema(&self) -> SchemaRef {
        let fields: Vec<Field> =
            self.columns.iter().map(|c| Field::new(c.name, c.data_type.clone(), c.nullable)).collect();
        std::sync::Arc::new(Schema::new(fields))
    }
}

/// A row struct that is stored as a table.
pub trait Table: Sized + Send + Sync {
    const NAME: &'static str;
    fn def() -> TableDef;
    fn schema() -> SchemaRef {
        Self::def().arrow_schema()
    }
    fn to_batch(rows: &[Self]) -> Result<RecordBatch>;
    fn from_batch(batch: &RecordBatch) -> Result<Vec<Self>>;
    /// Approximate memory of one row: the struct plus its text.
    fn row_bytes(&self) -> usize;
}

macro_rules! tables {
    ($(
        $(#[doc = $tdoc:literal])*
        $name:ident => $table:literal, $layout:ident {
            $( $(#[doc = $cdoc:literal])* $field:ident : $ty:ty ),* $(,)?
        }
    )*) => {
        $(
            $(#[doc = $tdoc])*
            #[derive(Debug, Clone, PartialEq)]
            pub struct $name {
                $( $(#[doc = $cdoc])* pub $field: $ty, )*
            }

            impl Table for $name {
                const NAME: &'static str = $table;

                fn def() -> TableDef {
                    TableDef {
                        name: $table,
                        doc: concat!($($tdoc),*),
                        layout: Layout::$layout,
                        columns: vec![$(
                            ColumnDef {
                                name: stringify!($field),
                                data_type: <$ty as ColumnValue>::data_type(),
                                nullable: <$ty as ColumnValue>::NULLABLE,
                                doc: concat!($($cdoc),*),
                            }
                        ),*],
                    }
                }

                fn to_batch(rows: &[Self]) -> Result<RecordBatch> {
                    let columns = vec![
                        $( <$ty as ColumnValue>::to_array(rows.iter().map(|r| &r.$field)) ),*
                    ];
                    RecordBatch::try_new(Self::schema(), columns)
                        .with_context(|| format!("building a {} batch", $table))
                }

                fn row_bytes(&self) -> usize {
                    std::mem::size_of::<Self>() $( + HeapBytes::heap_bytes(&self.$field) )*
                }

                fn from_batch(batch: &RecordBatch) -> Result<Vec<Self>> {
                    $(
                        let column = batch
                            .column_by_name(stringify!($field))
                            .ok_or_else(|| anyhow!("{}: missing column {}", $table, stringify!($field)))?;
                        #[allow(unused_mut)]
                        let mut $field = <$ty as ColumnValue>::from_array(column.as_ref())
                            .with_context(|| format!("{}.{}", $table, stringify!($field)))?
                            .into_iter();
                    )*
                    let rows = (0..batch.num_rows())
                        .map(|_| Self { $( $field: $field.next().expect("column length"), )* })
                        .collect();
                    Ok(rows)
                }
            }
        )*

        /// Every table, in pipeline order.
        pub fn all_tables() -> Vec<TableDef> {
            vec![$( $name::def() ),*]
        }
    };
}

tables! {
    /// Stage 1: every input file or JSONL record that decoded to text, with provenance.
    RawDocument => "raw_documents", PerBatch {
        /// Stable content hash: blake3 of the decoded text, 32 hex characters.
        doc_id: String,
        /// The input file, as found by walking the --input paths (for a web archive, the WARC file).
        source_path: String,
        /// 1-based line number inside a JSONL file, or record number inside a WARC file; null for whole-file inputs.
        source_line: Option<i64>,
        /// Byte offset of the WARC record in its file (in a .warc.gz, of the gzip member it starts in: what WARC indexes store); null for other inputs.
        record_offset: Option<i64>,
        /// `WARC-Record-ID` of the record (e.g. <urn:uuid:...>); null for other inputs.
        warc_record_id: Option<String>,
        /// Detected text encoding (UTF-8, EUC-KR for CP949/EUC-KR, UTF-16LE, UTF-16BE, or the charset an HTML page declares).
        encoding: String,
        /// Outer compression of the file ("gzip"), or null.
        compression: Option<String>,
        /// Size in bytes of the record before decoding (after decompression; for HTML, of the page).
        byte_len: i64,
        /// JSONL `url` field; for HTML, WARC-Target-URI, else the canonical link or og:url.
        url: Option<String>,
        /// JSONL `title` field; for HTML, og:title, else JSON-LD headline or <title>.
        title: Option<String>,
        /// JSONL `published` field, or the HTML page's article:published_time, <meta name=date> or JSON-LD datePublished, as given, unparsed (clean_documents.published_date is the parsed date). Never a crawl date (WARC-Date).
        published: Option<String>,
        /// JSONL `outlet` field; for HTML, og:site_name.
        outlet: Option<String>,
        /// The decoded text (BOM removed, otherwise unchanged); for HTML, the main content's text, one block per line.
        text: String,
        /// Start time of the batch that ingested the record (UTC).
        ingested_at: UtcMicros,
    }

    /// Stage 1: every input that could not become a document, with the reason.
    Reject => "rejects", PerBatch {
        /// The input file.
        source_path: String,
        /// 1-based line number inside a JSONL file, or record number inside a WARC file; null for whole-file rejects.
        source_line: Option<i64>,
        /// Byte offset of the WARC record in its file (as in raw_documents); null for other inputs.
        record_offset: Option<i64>,
        /// Reason code: empty | binary | too_short | too_large | unreadable | malformed_jsonl | corrupt_gzip | duplicate | unsupported_type | not_html | http_status | truncated_record | bad_digest | malformed_warc | undecodable.
        reason: String,
        /// Human-readable explanation.
        message: String,
        /// Size in bytes when known.
        byte_len: Option<i64>,
        /// Start time of the batch that saw the input (UTC).
        rejected_at: UtcMicros,
    }

    /// Stage 2: one cleaned document per distinct doc_id, page noise removed, metadata extracted.
    CleanDocument => "clean_documents", PerBatch {
        /// Content hash, as in raw_documents.
        doc_id: String,
        /// Input file of the document (provenance).
        source_path: String,
        /// Source URL when the input gave one.
        url: Option<String>,
        /// Headline.
        title: Option<String>,
        /// The article's own publication date: the JSONL `published` field, else the date the page labels as its first publication (입력, 등록, 승인, 송고, date, Posted), else an unlabelled byline, dateline or print-stamp date, else a revision date (수정, Updated); the first publication wins over a revision. Never a crawl date, a related-list date, an event date in the body or a URL date.
        published_date: Option<NaiveDate>,
        /// The month of publication, "YYYY-MM": the month of published_date, else of a feed's `published` field that gives only a year and month ("2021-12"), else of a labelled stamp on the page that does ("date 2020-12"). The extractor infers an article's year from it when published_date is null.
        published_month: Option<String>,
        /// News outlet name.
        outlet: Option<String>,
        /// Reporter name(s), without the 기자 suffix.
        reporter: Option<String>,
        /// Section or breadcrumb line of the page (e.g. 대구•경북), else the place of the lead's dateline; a context hint for the resolver.
        section: Option<String>,
        /// Article text without page noise, NFC-normalized; all later character offsets refer to it.
        clean_text: String,
        /// An appended English translation, kept apart from clean_text.
        translation_text: Option<String>,
        /// How many input lines cleaning removed.
        removed_line_count: i64,
        /// doc_id of an earlier document with the same clean_text, else null.
        duplicate_of: Option<String>,
    }

    /// Stage 3: every award of the 지역복지사업 평가 stated in a document, with its evidence and region resolution.
    AwardMention => "award_mentions", PerBatch {
        /// Unique id of the mention: doc_id and its ordinal.
        mention_id: String,
        /// Document the mention was read from.
        doc_id: String,
        /// Year of the evaluation round.
        eval_year: i32,
        /// stated (written in the text) or inferred (from the publication date).
        year_source: String,
        /// Recipient exactly as written, e.g. 달서구.
        recipient_text: String,
        /// sido | sigungu, or null when unknown.
        recipient_level_hint: Option<String>,
        /// The 시도 written right before the recipient name, if any (e.g. 광주 in 광주 남구).
        sido_context: Option<String>,
        /// Other places (시도 and 시군구 names) the article names, for context-aware resolution.
        doc_places: Vec<String>,
        /// Canonical category name; for a field outside the list that the article quotes as a field, its name as written (equal to category_text); null when the text names none, or one outside the list unquoted.
        category: Option<String>,
        /// Category as written.
        category_text: Option<String>,
        /// 대상 | 최우수 | 우수 | 장려 | 선정.
        grade: String,
        /// 1 (대상) to 5 (선정).
        grade_rank: i32,
        /// Prize in won attributed to this single award, else null.
        prize_krw: Option<i64>,
        /// The program name as written (지역복지사업 평가, 복지행정상, ...).
        program: String,
        /// The sentence stating the award.
        evidence: String,
        /// Start of the evidence, in characters into clean_text.
        evidence_start: i64,
        /// End (exclusive) of the evidence, in characters into clean_text.
        evidence_end: i64,
        /// Which extraction pattern fired.
        rule: String,
        /// Extraction confidence, 0 to 1.
        confidence: f64,
        /// Publication date of the document, if known.
        published_date: Option<NaiveDate>,
        /// Date the region code must be valid on: publication date if in or just after the eval year, else Dec 31 of it.
        announced_on: NaiveDate,
        /// resolved | ambiguous | unknown.
        resolve_status: String,
        /// 10-digit 법정동코드 of the recipient, null unless resolved.
        region_code: Option<String>,
        /// Candidate codes when ambiguous.
        region_candidates: Vec<String>,
    }

    /// Stage 3: document-level facts that are not one award (stated totals and counts).
    DocFact => "doc_facts", PerBatch {
        /// Document the fact was read from.
        doc_id: String,
        /// prize_total_krw | award_count | national_prize_total_krw | national_institution_count.
        fact: String,
        /// The value (won for money facts, a count otherwise).
        value: i64,
        /// Evaluation year the fact refers to, when known.
        eval_year: Option<i32>,
        /// The sentence stating it.
        evidence: String,
        /// Start of the evidence, in characters into clean_text.
        evidence_start: i64,
        /// End (exclusive) of the evidence, in characters into clean_text.
        evidence_end: i64,
    }

    /// Stage 4: one row per distinct award (eval_year, region_code, category, grade) across all documents.
    Award => "awards", Recomputed {
        /// Stable id: hash of the award key.
        award_id: String,
        /// Year of the evaluation round.
        eval_year: i32,
        /// 10-digit 법정동코드 valid for the award date.
        region_code: String,
        /// 2-digit 시도 code.
        sido_code: String,
        /// 5-digit 시군구 code; null for a 시도 award.
        sigungu_code: Option<String>,
        /// Official 시도 name at the time of the award.
        sido_name: String,
        /// Official 시군구 name at the time of the award; null for a 시도 award.
        sigungu_name: Option<String>,
        /// ISO 3166-2 code of the 시도 (e.g. KR-11).
        iso_3166_2: Option<String>,
        /// sido | sigungu | gu.
        level: String,
        /// Canonical category, a field outside the list as the article quoted it (see award_mentions.category), or null.
        category: Option<String>,
        /// 대상 | 최우수 | 우수 | 장려 | 선정.
        grade: String,
        /// 1 (대상) to 5 (선정).
        grade_rank: i32,
        /// Prize in won when the evidence agrees on one amount, else null.
        prize_krw: Option<i64>,
        /// True when mentions state different amounts (none is chosen).
        prize_conflict: bool,
        /// Every distinct amount stated by the mentions.
        prize_candidates: Vec<i64>,
        /// True when documents state this (year, region, field) with other
        /// grades too: this row's grade is the one most documents state.
        grade_conflict: bool,
        /// The other grades stated for this (year, region, field), best first.
        grade_alternatives: Vec<String>,
        /// Number of mentions (documents x statements) of this award.
        mention_count: i64,
        /// Documents that state the award, sorted.
        doc_ids: Vec<String>,
        /// Earliest publication date among those documents.
        first_published: Option<NaiveDate>,
        /// One evidence sentence (from the earliest document).
        evidence: String,
        /// Document the evidence sentence comes from.
        evidence_doc_id: String,
        /// Outlet, URL or file of the evidence document.
        source: Option<String>,
    }

    /// Stage 4: the region dimension (시도 and 시군구 codes with validity), for joins and maps.
    Region => "regions", Recomputed {
        /// 10-digit 법정동코드.
        region_code: String,
        /// sido | sigungu | gu (일반구).
        level: String,
        /// 2-digit 시도 code.
        sido_code: String,
        /// 5-digit 시군구 code; null for a 시도.
        sigungu_code: Option<String>,
        /// Official 시도 name.
        sido_name: String,
        /// Official 시군구 name; null for a 시도.
        sigungu_name: Option<String>,
        /// First day the code is valid.
        valid_from: Option<NaiveDate>,
        /// First day the code is no longer valid; null while valid.
        valid_to: Option<NaiveDate>,
        /// Code this one replaced, if recorded.
        predecessor_code: Option<String>,
        /// Code that replaced this one, if any.
        successor_code: Option<String>,
        /// ISO 3166-2 code of the 시도.
        iso_3166_2: Option<String>,
    }

    /// Stage 5: awards per province and year.
    AggAwardsByProvince => "agg_awards_by_province", Recomputed {
        /// Year of the evaluation round.
        eval_year: i32,
        /// 2-digit 시도 code.
        sido_code: String,
        /// 시도 name.
        sido_name: String,
        /// ISO 3166-2 code of the 시도.
        iso_3166_2: Option<String>,
        /// All awards in the province (시도 itself and its 시군구).
        awards_total: i64,
        /// Awards of grade 대상.
        grade_daesang: i64,
        /// Awards of grade 최우수.
        grade_choeusu: i64,
        /// Awards of grade 우수.
        grade_usu: i64,
        /// Awards of grade 장려.
        grade_jangnyeo: i64,
        /// Awards of grade 선정.
        grade_seonjeong: i64,
        /// Awards won by 시군구 of the province.
        sigungu_awards: i64,
        /// Awards won by the 시도 government itself.
        sido_awards: i64,
        /// Sum of per-award prizes that are known (document totals excluded).
        prize_krw_known_sum: i64,
        /// Awards with a known per-award prize.
        awards_with_prize: i64,
    }

    /// Stage 5: prize money per year, with the national totals stated in articles kept apart.
    AggPrizeByYear => "agg_prize_by_year", Recomputed {
        /// Year of the evaluation round.
        eval_year: i32,
        /// Distinct awards in the year.
        awards_total: i64,
        /// Awards with a known per-award prize.
        awards_with_prize: i64,
        /// Sum of known per-award prizes.
        prize_krw_known_sum: i64,
        /// National prize total stated in an article (e.g. 총 26억원), if any.
        stated_national_prize_krw: Option<i64>,
        /// Document stating that total.
        stated_national_prize_doc_id: Option<String>,
        /// National count of awarded institutions stated in an article (e.g. 122개 기관), if any.
        stated_institution_count: Option<i64>,
        /// Document stating that count.
        stated_institution_count_doc_id: Option<String>,
    }

    /// Stage 5: awards per category and year.
    AggAwardsByCategoryYear => "agg_awards_by_category_year", Recomputed {
        /// Canonical category; null for awards with no category.
        category: Option<String>,
        /// Year of the evaluation round.
        eval_year: i32,
        /// All awards.
        awards_total: i64,
        /// Awards of grade 대상.
        grade_daesang: i64,
        /// Awards of grade 최우수.
        grade_choeusu: i64,
        /// Awards of grade 우수.
        grade_usu: i64,
        /// Awards of grade 장려.
        grade_jangnyeo: i64,
        /// Awards of grade 선정.
        grade_seonjeong: i64,
    }

    /// Stage 5: recipients across all years.
    AggTopRecipients => "agg_top_recipients", Recomputed {
        /// 10-digit 법정동코드.
        region_code: String,
        /// 시도 name.
        sido_name: String,
        /// 시군구 name; null for a 시도.
        sigungu_name: Option<String>,
        /// sido | sigungu | gu.
        level: String,
        /// Distinct awards.
        awards: i64,
        /// Sum of grade points (대상 4, 최우수 3, 우수 2, 장려 1, 선정 1).
        grade_points: i64,
        /// Number of distinct years with an award.
        years_active: i64,
        /// First award year.
        first_year: i32,
        /// Last award year.
        last_year: i32,
        /// Distinct categories won, sorted.
        categories: Vec<String>,
    }
}

impl RawDocument {
    /// A UTF-8 document holding only its id and text (source `<doc_id>.txt`,
    /// ingested at the epoch, every optional column empty): the starting
    /// point of fixtures and tools.
    pub fn from_text(doc_id: &str, text: &str) -> Self {
        RawDocument {
            doc_id: doc_id.to_string(),
            source_path: format!("{doc_id}.txt"),
            source_line: None,
            record_offset: None,
            warc_record_id: None,
            encoding: "UTF-8".into(),
            compression: None,
            byte_len: text.len() as i64,
            url: None,
            title: None,
            published: None,
            outlet: None,
            text: text.to_string(),
            ingested_at: UtcMicros(0),
        }
    }
}

impl CleanDocument {
    /// A document holding only its id and clean text (source `<doc_id>.txt`,
    /// every other column empty): the starting point of fixtures and tools.
    pub fn from_text(doc_id: &str, clean_text: &str) -> Self {
        CleanDocument {
            doc_id: doc_id.to_string(),
            source_path: format!("{doc_id}.txt"),
            url: None,
            title: None,
            published_date: None,
            published_month: None,
            outlet: None,
            reporter: None,
            section: None,
            clean_text: clean_text.to_string(),
            translation_text: None,
            removed_line_count: 0,
            duplicate_of: None,
        }
    }
}

/// Looks a table up by name.
pub fn table(name: &str) -> Option<TableDef> {
    all_tables().into_iter().find(|t| t.name == name)
}

/// Short, DuckDB-like spelling of an Arrow type for documentation.
pub fn type_name(dt: &DataType) -> String {
    match dt {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "string".into(),
        DataType::Int32 => "int32".into(),
        DataType::Int64 => "int64".into(),
        DataType::Float64 => "float64".into(),
        DataType::Boolean => "bool".into(),
        DataType::Date32 => "date32".into(),
        DataType::Timestamp(_, _) => "timestamp[us, UTC]".into(),
        DataType::List(f) | DataType::LargeList(f) => format!("list<{}>", type_name(f.data_type())),
        other => format!("{other:?}"),
    }
}

/// The table reference as Markdown (the README embeds exactly this).
pub fn markdown_reference() -> String {
    let mut out = String::new();
    for t in all_tables() {
        let layout = match t.layout {
            Layout::PerBatch => "one `batch=<id>/` partition per run",
            Layout::Recomputed => "recomputed from all batches every run",
        };
        let _ = writeln!(out, "### `{}`\n\n{} ({layout})\n", t.name, t.doc.trim());
        let _ = writeln!(out, "| column | type | null | meaning |\n|---|---|---|---|");
        for c in &t.columns {
            let null = if c.nullable { "yes" } else { "no" };
            let _ = writeln!(out, "| `{}` | {} | {null} | {} |", c.name, type_name(&c.data_type), c.doc.trim());
        }
        out.push('\n');
    }
    out
}

/// The table reference as JSON: `{"tables": [{"name", "doc", "layout",
/// "columns": [{"name", "type", "nullable", "doc"}]}]}`, types spelled as in
/// the Markdown reference (`string`, `int64`, `list<string>`, ...).
pub fn json_reference() -> String {
    let tables: Vec<serde_json::Value> = all_tables()
        .iter()
        .map(|t| {
            let columns: Vec<serde_json::Value> = t
                .columns
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "name": c.name,
                        "type": type_name(&c.data_type),
                        "nullable": c.nullable,
                        "doc": c.doc.trim(),
                    })
                })
                .collect();
            let layout = match t.layout {
                Layout::PerBatch => "per_batch",
                Layout::Recomputed => "recomputed",
            };
            serde_json::json!({ "name": t.name, "doc": t.doc.trim(), "layout": layout, "columns": columns })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "tables": tables })).expect("JSON of plain values")
}

/// The table reference as plain text, for the terminal.
pub fn text_reference() -> String {
    let mut out = String::new();
    for t in all_tables() {
        let _ = writeln!(out, "{}  — {}", t.name, t.doc.trim());
        for c in &t.columns {
            let null = if c.nullable { "?" } else { " " };
            let _ = writeln!(out, "  {:<34} {:<20}{null} {}", c.name, type_name(&c.data_type), c.doc.trim());
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_documented_columns() {
        for t in all_tables() {
            assert!(!t.doc.trim().is_empty(), "{} has no doc", t.name);
            for c in &t.columns {
                assert!(!c.doc.trim().is_empty(), "{}.{} has no doc", t.name, c.name);
            }
        }
    }

    #[test]
    fn contract_types_hold() {
        for t in all_tables() {
            for c in &t.columns {
                if c.name.ends_with("_krw") && !c.name.contains("candidates") {
                    assert_eq!(c.data_type, DataType::Int64, "{}.{} money must be int64", t.name, c.name);
                }
                if c.name == "eval_year" {
                    assert_eq!(c.data_type, DataType::Int32, "{}.{}", t.name, c.name);
                }
                if c.name.ends_with("_code") {
                    assert_eq!(c.data_type, DataType::Utf8, "{}.{} codes are strings", t.name, c.name);
                }
            }
        }
    }

    #[test]
    fn rows_round_trip_through_arrow() {
        let row = Reject {
            source_path: "a.txt".into(),
            source_line: Some(3),
            record_offset: Some(1234),
            reason: "empty".into(),
            message: "file is empty".into(),
            byte_len: None,
            rejected_at: UtcMicros(1_700_000_000_000_000),
        };
        let batch = Reject::to_batch(std::slice::from_ref(&row)).unwrap();
        assert_eq!(batch.schema(), Reject::schema());
        assert_eq!(Reject::from_batch(&batch).unwrap(), vec![row]);
    }
}
