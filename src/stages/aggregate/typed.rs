//! Turns the result of a polars query into an Arrow batch typed exactly as
//! a table is declared, for [`crate::io`] to write.
//!
//! polars computes; the file is written by the same `arrow` writer, with the
//! same settings, as every other table. polars' own Parquet writer cannot
//! meet the contract: it names list items `element` where the contract (and
//! the project's reader) says `item`, and it stores large or view strings.
//! So the query's columns are cast to the declared types (counts come out of
//! polars as `u32`) and the frame is moved column by column into an Arrow
//! batch of the declared schema (which refuses a null in a required column).

use std::sync::Arc;

use anyhow::{bail, Context, Result};
use arrow::array::{ArrayRef, Int32Array, Int64Array, ListBuilder, StringArray, StringBuilder};
use arrow::datatypes::{DataType as ArrowType, Field};
use arrow::record_batch::RecordBatch;
use polars::prelude::{col, DataType, LazyFrame, Series};

use crate::schema::TableDef;

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

/// Computes `plan` as a batch typed as `def` declares.
pub fn to_batch(plan: LazyFrame, def: &TableDef) -> Result<RecordBatch> {
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
    RecordBatch::try_new(schema.clone(), arrays).with_context(|| format!("building {}", def.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{AggPrizeByYear, Table};
    use polars::df;
    use polars::prelude::IntoLazy;

    #[test]
    fn polars_output_is_cast_to_the_declaration() {
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
        let batch = to_batch(frame.lazy(), &def).unwrap();
        assert_eq!(batch.schema(), def.arrow_schema());
        let rows = AggPrizeByYear::from_batch(&batch).unwrap();
        assert_eq!((rows[0].eval_year, rows[0].awards_total), (2023, 3));
        assert_eq!(rows[0].stated_national_prize_doc_id.as_deref(), Some("d1"));
    }

    #[test]
    fn a_null_in_a_required_column_is_an_error() {
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
        assert!(to_batch(frame.lazy(), &def).is_err());
    }
}
