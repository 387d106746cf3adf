//! Cheap looks at stored tables for the run's bookkeeping: row counts from
//! Parquet footers (no data read) and a few columns read by projection, so
//! the nightly checks do not load article texts.

use std::fs::File;
use std::path::Path;

use anyhow::{Context, Result};
use arrow::array::ArrayRef;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ProjectionMask;
use parquet::file::reader::{FileReader, SerializedFileReader};

use super::parquet::table_files;
use crate::schema::ColumnValue;

/// Rows of one Parquet file, from its footer.
pub fn file_rows(path: &Path) -> Result<u64> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader = SerializedFileReader::new(file).with_context(|| format!("reading footer of {}", path.display()))?;
    Ok(reader.metadata().file_metadata().num_rows().max(0) as u64)
}

/// Rows of every Parquet file under a table (or batch) directory.
pub fn dir_rows(dir: &Path) -> Result<u64> {
    table_files(dir)?.iter().map(|p| file_rows(p)).sum()
}

/// Number of visible Parquet files under a directory.
pub fn dir_files(dir: &Path) -> Result<usize> {
    Ok(table_files(dir)?.len())
}

/// The named columns of every file under `dir`, in file order, each column
/// decoded as `T` (`String`, `Option<i64>`, ...). Only those columns are read.
pub fn read_column<T: ColumnValue>(dir: &Path, column: &str) -> Result<Vec<T>> {
    let mut values = Vec::new();
    for path in table_files(dir)? {
        let file = File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)?;
        let index = builder
            .parquet_schema()
            .columns()
            .iter()
            .position(|c| c.path().string() == column)
            .with_context(|| format!("{}: no column {column}", path.display()))?;
        let mask = ProjectionMask::leaves(builder.parquet_schema(), [index]);
        for batch in builder.with_projection(mask).build()? {
            let batch = batch.with_context(|| format!("reading {}", path.display()))?;
            values.extend(
                T::from_array(batch.column(0).as_ref()).with_context(|| format!("{}.{column}", path.display()))?,
            );
        }
    }
    Ok(values)
}

/// Calls `each` with the named columns (in the order asked) of every
/// record batch of every file under `dir`, in file order: a whole column
/// is never in memory, only one batch of it.
pub fn for_each_batch(dir: &Path, columns: &[&str], mut each: impl FnMut(&[ArrayRef]) -> Result<()>) -> Result<()> {
    for path in table_files(dir)? {
        let file = File::open(&path).with_context(|| format!("opening {}", path.display()))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)?;
        let leaves = builder.parquet_schema().columns();
        let indices = columns
            .iter()
            .map(|column| {
                leaves
                    .iter()
                    .position(|c| c.path().string() == *column)
                    .with_context(|| format!("{}: no column {column}", path.display()))
            })
            .collect::<Result<Vec<usize>>>()?;
        // The projected batches hold the columns in file order.
        let mut in_file_order = indices.clone();
        in_file_order.sort_unstable();
        in_file_order.dedup();
        let mask = ProjectionMask::leaves(builder.parquet_schema(), in_file_order.iter().copied());
        for batch in builder.with_projection(mask).build()? {
            let batch = batch.with_context(|| format!("reading {}", path.display()))?;
            let arrays: Vec<ArrayRef> = indices
                .iter()
                .map(|i| batch.column(in_file_order.binary_search(i).expect("projected")).clone())
                .collect();
            each(&arrays).with_context(|| format!("reading {}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::parquet::write_rows;
    use crate::schema::{Reject, UtcMicros};

    #[test]
    fn counts_and_projected_columns_match_the_rows() {
        let dir = tempfile::tempdir().unwrap();
        let rows: Vec<Reject> = (0..50)
            .map(|i| Reject {
                source_path: format!("in/{i}.txt"),
                source_line: (i % 2 == 0).then_some(i),
                record_offset: None,
                reason: "empty".into(),
                message: "m".into(),
                byte_len: None,
                rejected_at: UtcMicros(0),
            })
            .collect();
        write_rows(&dir.path().join("batch=1"), rows[..20].to_vec()).unwrap();
        write_rows(&dir.path().join("batch=2"), rows[20..].to_vec()).unwrap();
        assert_eq!(dir_rows(dir.path()).unwrap(), 50);
        assert_eq!(dir_files(dir.path()).unwrap(), 2);
        let paths: Vec<String> = read_column(dir.path(), "source_path").unwrap();
        assert_eq!(paths, rows.iter().map(|r| r.source_path.clone()).collect::<Vec<_>>());
        let lines: Vec<Option<i64>> = read_column(dir.path(), "source_line").unwrap();
        assert_eq!(lines, rows.iter().map(|r| r.source_line).collect::<Vec<_>>());

        // The same, batch by batch, columns in the order asked.
        let (mut lines_by_batch, mut paths_by_batch) = (Vec::new(), Vec::new());
        for_each_batch(dir.path(), &["source_line", "source_path"], |columns| {
            lines_by_batch.extend(Option::<i64>::from_array(columns[0].as_ref())?);
            paths_by_batch.extend(String::from_array(columns[1].as_ref())?);
            Ok(())
        })
        .unwrap();
        assert_eq!((lines_by_batch, paths_by_batch), (lines, paths));
        assert!(for_each_batch(dir.path(), &["nope"], |_| Ok(())).is_err());
    }
}
