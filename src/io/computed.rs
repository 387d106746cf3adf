//! The edges of the computed tables (`agg_*`): lazy polars scans of stored
//! tables as their input, and their batches written as Parquet files whose
//! schema is read back and checked against the declaration before the file
//! is put in place.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use arrow::datatypes::DataType as ArrowType;
use arrow::record_batch::RecordBatch;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use polars::prelude::{concat, HiveOptions, LazyFrame, PlRefPath, ScanArgsParquet, UnionArgs};

use super::atomic::TempFile;
use super::out_dir::OutDir;
use super::parquet::{table_files, writer_properties};
use crate::schema::{type_name, TableDef};

const PART: &str = "part-00000.parquet";

/// A lazy scan of every Parquet file of a stored table (all `batch=`
/// partitions of a per-batch table). The files are listed with
/// [`table_files`], so a half-written `.*.tmp` file is never read.
pub fn scan_table(out: &OutDir, table: &str) -> Result<LazyFrame> {
    let dir = out.table_dir(table);
    let files: Vec<PathBuf> = table_files(&dir)?;
    if files.is_empty() {
        bail!("{table} has no Parquet files in {}: run the earlier stages first", dir.display());
    }
    let scans = files
        .iter()
        .map(|path| {
            let path = PlRefPath::try_from_path(path)?;
            // The files are listed already; a `batch=<id>` directory must not
            // become a column (polars would also try to parse the id as a date).
            let args = ScanArgsParquet { hive_options: HiveOptions::new_disabled(), ..Default::default() };
            LazyFrame::scan_parquet(path, args)
        })
        .collect::<polars::prelude::PolarsResult<Vec<_>>>()
        .with_context(|| format!("scanning {}", dir.display()))?;
    Ok(concat(scans, UnionArgs::default())?)
}

/// Writes `batch` as `dir/part-00000.parquet` once the written file's schema
/// is the one `def` declares. Returns the number of rows.
pub fn write_checked(dir: &Path, def: &TableDef, batch: &RecordBatch) -> Result<usize> {
    // Dropped on an error, the temporary file goes: nothing half-written or
    // mistyped is left for the next run to trip on.
    let (file, temp) = TempFile::create(&dir.join(PART))?;
    let mut writer = ArrowWriter::try_new(file, batch.schema(), Some(writer_properties()))?;
    writer.write(batch).with_context(|| format!("writing {}", temp.tmp_path().display()))?;
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

    fn reject() -> Reject {
        Reject {
            source_path: "a".into(),
            source_line: None,
            record_offset: None,
            reason: "empty".into(),
            message: "empty".into(),
            byte_len: None,
            rejected_at: UtcMicros(0),
        }
    }

    #[test]
    fn a_file_of_another_table_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        write_rows(dir.path(), vec![reject()]).unwrap();
        let err = check_file_schema(&dir.path().join(PART), &AggTopRecipients::def()).unwrap_err();
        assert!(err.to_string().contains("columns"), "{err}");
        assert_eq!(check_file_schema(&dir.path().join(PART), &Reject::def()).unwrap(), 1);
    }

    #[test]
    fn a_batch_that_is_not_the_declared_table_publishes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let batch = Reject::to_batch(&[reject()]).unwrap();
        assert!(write_checked(dir.path(), &AggTopRecipients::def(), &batch).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no file, no temporary file");
        assert_eq!(write_checked(dir.path(), &Reject::def(), &batch).unwrap(), 1);
        assert_eq!(crate::io::parquet::read_rows::<Reject>(dir.path()).unwrap(), vec![reject()]);
    }
}
