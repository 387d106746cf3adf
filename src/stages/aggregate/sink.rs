//! Streams a polars query into a table's Parquet file with the declared
//! schema, and proves the result by reading the schema back.
//!
//! polars would write its own types (`u32` counts, view or large strings, all
//! columns nullable). Instead the query's columns are cast to the declared
//! types, the sink is given the declared nullability (it refuses a null in a
//! required column), and the file's `ARROW:schema` type hint is the declared
//! Arrow schema, as the `arrow` writer of the other tables stores it (plain
//! `string` and `list<string>` for pyarrow/pandas; the Parquet bytes of a
//! string are the same either way). The file is written under a temporary
//! name no reader globs and renamed into place only after
//! [`check_file_schema`] accepts it.

use std::fs::{self, File};
use std::path::Path;
use std::sync::Arc;

use anyhow::{anyhow, bail, Context, Result};
use arrow::datatypes::DataType as ArrowType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::{encode_arrow_schema, ARROW_SCHEMA_META_KEY};
use polars::prelude::{
    col, ArrowDataType, ArrowField, ArrowSchema, DataType, Engine, FileWriteFormat, KeyValueMetadata, LazyFrame,
    ParquetCompression, ParquetWriteOptions, PlRefPath, SinkDestination, SinkTarget, StatisticsOptions,
    UnifiedSinkArgs,
};

use polars::io::utils::sync_on_close::SyncOnCloseType;

use crate::schema::{type_name, ColumnDef, TableDef};

const PART: &str = "part-00000.parquet";

/// The polars type a declared column is computed as.
fn polars_type(column: &str, dt: &ArrowType) -> Result<DataType> {
    Ok(match dt {
        ArrowType::Utf8 => DataType::String,
        ArrowType::Int32 => DataType::Int32,
        ArrowType::Int64 => DataType::Int64,
        ArrowType::Float64 => DataType::Float64,
        ArrowType::Boolean => DataType::Boolean,
        ArrowType::Date32 => DataType::Date,
        ArrowType::List(item) => DataType::List(Box::new(polars_type(column, item.data_type())?)),
        other => bail!("{column}: no polars mapping for {other:?}"),
    })
}

/// The field polars writes for a declared column (polars exports strings as
/// large strings; the Parquet schema is the same).
fn polars_field(name: &str, dt: &ArrowType, nullable: bool) -> Result<ArrowField> {
    let dtype = match dt {
        ArrowType::Utf8 => ArrowDataType::LargeUtf8,
        ArrowType::Int32 => ArrowDataType::Int32,
        ArrowType::Int64 => ArrowDataType::Int64,
        ArrowType::Float64 => ArrowDataType::Float64,
        ArrowType::Boolean => ArrowDataType::Boolean,
        ArrowType::Date32 => ArrowDataType::Date32,
        ArrowType::List(item) => {
            ArrowDataType::LargeList(Box::new(polars_field(item.name(), item.data_type(), item.is_nullable())?))
        }
        other => bail!("{name}: no polars mapping for {other:?}"),
    };
    Ok(ArrowField::new(name.into(), dtype, nullable))
}

fn declared_polars_schema(def: &TableDef) -> Result<ArrowSchema> {
    def.columns
        .iter()
        .map(|c: &ColumnDef| polars_field(c.name, &c.data_type, c.nullable).map(|f| (f.name.clone(), f)))
        .collect()
}

/// Writes the result of `plan` as `dir/part-00000.parquet`, typed as `def`
/// declares. Returns the number of rows.
pub fn write_table(plan: LazyFrame, def: &TableDef, dir: &Path) -> Result<usize> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let tmp = dir.join(format!(".{PART}.tmp"));
    let final_path = dir.join(PART);

    let columns = def
        .columns
        .iter()
        .map(|c| Ok(col(c.name).strict_cast(polars_type(c.name, &c.data_type)?)))
        .collect::<Result<Vec<_>>>()?;
    let options = ParquetWriteOptions {
        compression: ParquetCompression::Zstd(None),
        statistics: StatisticsOptions::default(),
        arrow_schema: Some(Arc::new(declared_polars_schema(def)?)),
        key_value_metadata: Some(KeyValueMetadata::from_static(vec![(
            ARROW_SCHEMA_META_KEY.to_string(),
            encode_arrow_schema(&def.arrow_schema()),
        )])),
        ..Default::default()
    };
    let target = SinkTarget::Path(PlRefPath::try_from_path(&tmp)?);
    let sink_args = UnifiedSinkArgs { sync_on_close: SyncOnCloseType::All, ..Default::default() };
    let written = plan
        .select(columns)
        .sink(SinkDestination::File { target }, FileWriteFormat::Parquet(Arc::new(options)), sink_args)
        .and_then(|sink| sink.collect_with_engine(Engine::Streaming))
        .with_context(|| format!("computing {}", def.name))
        .and_then(|_| check_file_schema(&tmp, def));
    if written.is_err() {
        // Nothing half-written or mistyped is left for the next run to trip on.
        let _ = fs::remove_file(&tmp);
    }
    let rows = written?;
    fs::rename(&tmp, &final_path).with_context(|| format!("publishing {}", final_path.display()))?;
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
