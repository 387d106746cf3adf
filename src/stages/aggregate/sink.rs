//! Writes the result of a polars query as a table's Parquet file, typed
//! exactly as declared, and proves it by reading the schema back.
//!
//! polars computes; the file is written by the same `arrow` writer, with the
//! same settings, as every other table. polars' own Parquet writer cannot
//! meet the contract: it names list items `element` where the contract (and
//! the project's reader) says `item`, and it stores large or view strings.
//! So the query's columns are cast to the declared types (counts come out of
//! polars as `u32`), the frame is moved column by column into an Arrow batch
//! of the declared schema (which refuses a null in a required column), and
//! the file is written under a temporary name that no reader globs, checked
//! by [`check_file_schema`], then renamed into place.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::{anyhow, bail, Context, Result};
use arrow::array::{ArrayRef, Int32Array, Int64Array, ListBuilder, StringArray, StringBuilder};
use arrow::datatypes::{DataType as ArrowType, Field};
use arrow::record_batch::RecordBatch;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use polars::prelude::{col, DataType, LazyFrame, Series};

use crate::io::atomic::TempFile;
use crate::io::parquet::writer_properties;
use crate::schema::{type_name, TableDef};

const PART: &str = "part-00000.parquet";

/// The polars type a declared column is computed as.
fn polars_type(column: &str, dt: &ArrowType) -> Result<DataType> {
    Ok(match dt {
        ArrowType::Utf8 => DataType::String,
        ArrowType::Int32 => DataType::Int32,
        ArrowType::Int64 => DataType::Int64,
        ArrowType::List(item) => DataType::List(Box::new(polars_type(column, item.data_type())?)),
        other => bail!("{column}: aggregates have no {other:?} column type"),
    })
}

/// One polars column, already cast to the declared type, as an Arrow array.
fn to_arrow(series: &Series, field: &Field) -> Result<ArrayRef> {
    let array: ArrayRef = match field.data_type() {
        ArrowType::Utf8 => Arc::new(series.str()?.iter().collect::<StringArray>()),
        ArrowType::Int32 => Arc::new(series.i32()?.iter().collect::<Int32Array>()),
        ArrowType::Int64 => Arc::new(series.i64()?.iter().collect::<Int64Array>()),
        ArrowType::List(item) if item.data_type() == &ArrowType::Utf8 => {
            let mut lists = ListBuilder::new(StringBuilder::new()).with_field(item.clone());
            for row in series.list()?.series_iter() {
                match row {
                    Some(values) => {
                        for value in values.str()?.iter() {
                            lists.values().append_option(value);
                        }
                        lists.append(true);
                    }
                    None => lists.append(false),
                }
            }
            Arc::new(lists.finish())
        }
        other => bail!("{}: aggregates have no {other:?} column type", field.name()),
    };
    Ok(array)
}

/// Computes `plan` and writes it as `dir/part-00000.parquet`, typed as `def`
/// declares. Returns the number of rows.
pub fn write_table(plan: LazyFrame, def: &TableDef, dir: &Path) -> Result<usize> {
    let columns = def
        .columns
        .iter()
        .map(|c| Ok(col(c.name).strict_cast(polars_type(c.name, &c.data_type)?)))
        .collect::<Result<Vec<_>>>()?;
    let frame = plan.select(columns).collect().with_context(|| format!("computing {}", def.name))?;
    let schema = def.arrow_schema();
    let arrays = schema
        .fields()
        .iter()
        .map(|f| to_arrow(frame.column(f.name())?.as_materialized_series(), f))
        .collect::<Result<Vec<_>>>()
        .with_context(|| format!("converting {}", def.name))?;
    let batch = RecordBatch::try_new(schema.clone(), arrays).with_context(|| format!("building {}", def.name))?;

    // Dropped on an error, the temporary file goes: nothing half-written or
    // mistyped is left for the next run to trip on.
    let (file, temp) = TempFile::create(&dir.join(PART))?;
    let mut writer = ArrowWriter::try_new(file, batch.schema(), Some(writer_properties()))?;
    writer.write(&batch).with_context(|| format!("writing {}", temp.tmp_path().display()))?;
    let file = writer.into_inner()?;
    let rows = check_file_schema(temp.tmp_path(), def)?;
    temp.persist(file)?;
    Ok(rows)
}

/// Reads the Arrow schema of a written Parquet file back (with the `parquet`
/// crate, as any Arrow reader sees it) and compares each column's name, type
/// and nullability to the declaration. Returns the file's row count.
pub fn check_file_schema(path: &Path, def: &TableDef) -> Result<usize> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let builder =
        ParquetRecordBatchReaderBuilder::try_new(file).with_context(|| format!("reading {}", path.display()))?;
    let found = builder.schema();
    let names = |fields: &arrow::datatypes::Fields| fields.iter().map(|f| f.name().clone()).collect::<Vec<_>>();
    let declared = def.arrow_schema();
    if names(found.fields()) != names(declared.fields()) {
        bail!(
            "{}: columns {:?}, but {} declares {:?}",
            path.display(),
            names(found.fields()),
            def.name,
            names(declared.fields())
        );
    }
    for (f, d) in found.fields().iter().zip(declared.fields()) {
        if f.data_type() != d.data_type() || f.is_nullable() != d.is_nullable() {
            let shown = |dt: &ArrowType, nullable: bool| {
                format!("{} ({dt:?}){}", type_name(dt), if nullable { " null" } else { " not null" })
            };
            return Err(anyhow!(
                "{}: column {} is {}, but {} declares {}",
                path.display(),
                f.name(),
                shown(f.data_type(), f.is_nullable()),
                def.name,
                shown(d.data_type(), d.is_nullable())
            ));
        }
    }
    Ok(builder.metadata().file_metadata().num_rows() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::parquet::write_rows;
    use crate::schema::{AggTopRecipients, Reject, Table, UtcMicros};
    use polars::df;
    use polars::prelude::IntoLazy;

    #[test]
    fn a_file_of_another_table_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let reject = Reject {
            source_path: "a".into(),
            source_line: None,
            reason: "empty".into(),
            message: "empty".into(),
            byte_len: None,
            rejected_at: UtcMicros(0),
        };
        write_rows(dir.path(), vec![reject]).unwrap();
        let err = check_file_schema(&dir.path().join(PART), &AggTopRecipients::def()).unwrap_err();
        assert!(err.to_string().contains("columns"), "{err}");
        assert_eq!(check_file_schema(&dir.path().join(PART), &Reject::def()).unwrap(), 1);
    }

    #[test]
    fn polars_output_is_cast_and_checked_against_the_declaration() {
        let dir = tempfile::tempdir().unwrap();
        let def = crate::schema::table("agg_prize_by_year").unwrap();
        // u32 counts and i32/i64 mixes, as group_by leaves them.
        let frame = df! {
            "eval_year" => [2023i64, 2024],
            "awards_total" => [3u32, 1],
            "awards_with_prize" => [1u32, 0],
            "prize_krw_known_sum" => [5_000_000i64, 0],
            "stated_national_prize_krw" => [Some(2_600_000_000i64), None],
            "stated_national_prize_doc_id" => [Some("d1"), None],
            "stated_institution_count" => [None::<i64>, None],
            "stated_institution_count_doc_id" => [None::<&str>, None],
        }
        .unwrap();
        assert_eq!(write_table(frame.lazy(), &def, dir.path()).unwrap(), 2);
        let rows: Vec<crate::schema::AggPrizeByYear> = crate::io::parquet::read_rows(dir.path()).unwrap();
        assert_eq!(rows[0].eval_year, 2023);
        assert_eq!(rows[0].stated_national_prize_doc_id.as_deref(), Some("d1"));
        assert!(!dir.path().join(format!(".{PART}.tmp")).exists());
    }

    #[test]
    fn a_null_in_a_required_column_is_an_error_and_publishes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let def = crate::schema::table("agg_prize_by_year").unwrap();
        let frame = df! {
            "eval_year" => [Some(2023i32), None],
            "awards_total" => [3i64, 1],
            "awards_with_prize" => [1i64, 0],
            "prize_krw_known_sum" => [5i64, 0],
            "stated_national_prize_krw" => [None::<i64>, None],
            "stated_national_prize_doc_id" => [None::<&str>, None],
            "stated_institution_count" => [None::<i64>, None],
            "stated_institution_count_doc_id" => [None::<&str>, None],
        }
        .unwrap();
        assert!(write_table(frame.lazy(), &def, dir.path()).is_err());
        assert!(!dir.path().join(PART).exists());
    }
}
