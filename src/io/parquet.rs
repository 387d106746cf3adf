//! Reading and writing stage tables as Parquet with the `arrow` + `parquet`
//! crates: streamed record batches, explicit schemas from [`crate::schema`],
//! zstd, dictionary-encoded strings and statistics on.
//!
//! A file is written through [`TempFile`] (a temporary name that no reader
//! globs, `.*.parquet.tmp`, renamed into place when complete), so a reader
//! never opens a half-written file.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use arrow::record_batch::RecordBatch;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::{EnabledStatistics, WriterProperties};

use super::atomic::TempFile;
use crate::schema::Table;

/// Rows per Arrow record batch handed to the writer, at most.
pub const BATCH_ROWS: usize = 8_192;
/// Rows per record batch when reading: stored articles are a few KB each,
/// so a batch is a few MB.
pub const READ_BATCH_ROWS: usize = 1_024;
/// A writer's buffered rows are handed over once they hold this many bytes:
/// 8,192 rows of whole articles would be ~330 MB per text table, and grew
/// with the article size (issue 7: peak RSS must not depend on the corpus).
pub const BATCH_BYTES: usize = 8 * 1024 * 1024;
/// Rows per Parquet row group (bounded, so memory stays bounded while writing).
pub const ROW_GROUP_ROWS: usize = 131_072;
/// A row group is also closed once its encoded data reaches this size, so a
/// writer holds at most this much per table whatever the row size: 131,072
/// pages of text would otherwise keep ~250 MB per text table in memory
/// (issue 7: peak RSS must not depend on the corpus size).
pub const ROW_GROUP_BYTES: usize = 48 * 1024 * 1024;

/// The writer settings every table shares.
pub fn writer_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).expect("valid zstd level")))
        .set_dictionary_enabled(true)
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        // A fixed creator string keeps files byte-identical across builds of the same version.
        .set_created_by(concat!("welfare-awards ", env!("CARGO_PKG_VERSION")).to_string())
        .build()
}

/// Streams rows of one table into one Parquet file.
pub struct TableWriter<T: Table> {
    writer: ArrowWriter<File>,
    buffer: Vec<T>,
    temp: TempFile,
    rows: usize,
    /// [`Table::row_bytes`] of the rows in `buffer`.
    buffered_bytes: usize,
}

impl<T: Table> TableWriter<T> {
    /// Starts `dir/<file_name>` (created on [`finish`](Self::finish)).
    pub fn create(dir: &Path, file_name: &str) -> Result<Self> {
        let (file, temp) = TempFile::create(&dir.join(file_name))?;
        let writer = ArrowWriter::try_new(file, T::schema(), Some(writer_properties()))?;
        Ok(TableWriter { writer, buffer: Vec::new(), temp, rows: 0, buffered_bytes: 0 })
    }

    pub fn push(&mut self, row: T) -> Result<()> {
        self.buffered_bytes += row.row_bytes();
        self.buffer.push(row);
        if self.buffer.len() >= BATCH_ROWS || self.buffered_bytes >= BATCH_BYTES {
            self.flush_buffer()?;
        }
        Ok(())
    }

    pub fn extend(&mut self, rows: impl IntoIterator<Item = T>) -> Result<()> {
        for row in rows {
            self.push(row)?;
        }
        Ok(())
    }

    fn flush_buffer(&mut self) -> Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let batch = T::to_batch(&self.buffer)?;
        self.writer.write(&batch).with_context(|| format!("writing {}", T::NAME))?;
        if self.writer.in_progress_size() >= ROW_GROUP_BYTES {
            self.writer.flush().with_context(|| format!("writing a row group of {}", T::NAME))?;
        }
        self.rows += self.buffer.len();
        self.buffer.clear();
        self.buffered_bytes = 0;
        Ok(())
    }

    /// Completes the file, fsyncs it and renames it into place. Returns the row count.
    pub fn finish(mut self) -> Result<usize> {
        self.flush_buffer()?;
        let file = self.writer.into_inner().with_context(|| format!("closing {}", T::NAME))?;
        self.temp.persist(file)?;
        Ok(self.rows)
    }
}

/// Writes `rows` as `dir/part-00000.parquet` (an empty table still gets a file,
/// so a reader's glob always finds the schema).
pub fn write_rows<T: Table>(dir: &Path, rows: impl IntoIterator<Item = T>) -> Result<usize> {
    let mut writer = TableWriter::<T>::create(dir, "part-00000.parquet")?;
    writer.extend(rows)?;
    writer.finish()
}

/// Every Parquet file under a table directory, sorted by path (hidden and
/// temporary files excluded).
pub fn table_files(table_dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    if !table_dir.exists() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(table_dir).sort_by_file_name() {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && name.starts_with('.') {
            continue;
        }
        if entry.file_type().is_file() && name.ends_with(".parquet") {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Reads record batches of one file, checking its schema against the table's.
pub fn read_file_batches<T: Table>(path: &Path) -> Result<Vec<RecordBatch>> {
    let mut batches = Vec::new();
    for_each_file_batch::<T>(path, |batch| {
        batches.push(batch);
        Ok(())
    })?;
    Ok(batches)
}

/// Hands the record batches of one file to `f` one at a time (schema
/// checked against the table's), so a reader holds one batch, not the file.
fn for_each_file_batch<T: Table>(path: &Path, mut f: impl FnMut(RecordBatch) -> Result<()>) -> Result<()> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)?.with_batch_size(READ_BATCH_ROWS).build()?;
    let expected = T::schema();
    for batch in reader {
        let batch = batch.with_context(|| format!("reading {}", path.display()))?;
        for field in expected.fields() {
            match batch.schema().field_with_name(field.name()) {
                Ok(found) if found.data_type() == field.data_type() => {}
                Ok(found) => bail!(
                    "{}: column {} is {:?}, the contract says {:?}",
                    path.display(),
                    field.name(),
                    found.data_type(),
                    field.data_type()
                ),
                Err(_) => bail!("{}: missing column {}", path.display(), field.name()),
            }
        }
        f(batch)?;
    }
    Ok(())
}

/// Streams the rows of one Parquet file to `f` in slices of at most
/// [`READ_BATCH_ROWS`] rows.
pub fn for_each_file_rows<T: Table>(path: &Path, mut f: impl FnMut(Vec<T>) -> Result<()>) -> Result<()> {
    for_each_file_batch::<T>(path, |batch| f(T::from_batch(&batch)?))
}

/// Streams the rows of a table directory (all files, in path order) to `f`
/// in slices of at most [`READ_BATCH_ROWS`] rows: memory stays bounded
/// whatever the size of the stored table.
pub fn for_each_rows<T: Table>(table_dir: &Path, mut f: impl FnMut(Vec<T>) -> Result<()>) -> Result<()> {
    for path in table_files(table_dir)? {
        for_each_file_rows::<T>(&path, &mut f)?;
    }
    Ok(())
}

/// Reads every row of a table directory (all batches, in path order).
pub fn read_rows<T: Table>(table_dir: &Path) -> Result<Vec<T>> {
    let mut rows = Vec::new();
    for path in table_files(table_dir)? {
        for batch in read_file_batches::<T>(&path)? {
            rows.extend(T::from_batch(&batch)?);
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::schema::{Reject, UtcMicros};

    fn reject(i: i64) -> Reject {
        Reject {
            source_path: format!("in/{i}.txt"),
            source_line: None,
            record_offset: None,
            reason: "empty".into(),
            message: "file is empty".into(),
            byte_len: Some(0),
            rejected_at: UtcMicros(0),
        }
    }

    #[test]
    fn written_rows_read_back_identically() {
        let dir = tempfile::tempdir().unwrap();
        let rows: Vec<Reject> = (0..20_000).map(reject).collect();
        assert_eq!(write_rows(dir.path(), rows.clone()).unwrap(), 20_000);
        assert_eq!(read_rows::<Reject>(dir.path()).unwrap(), rows);
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("part-00000.parquet")]);
    }

    #[test]
    fn empty_table_still_has_a_file() {
        let dir = tempfile::tempdir().unwrap();
        write_rows::<Reject>(dir.path(), Vec::new()).unwrap();
        assert_eq!(table_files(dir.path()).unwrap().len(), 1);
        assert!(read_rows::<Reject>(dir.path()).unwrap().is_empty());
    }

    #[test]
    fn same_rows_give_byte_identical_files() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let rows: Vec<Reject> = (0..100).map(reject).collect();
        write_rows(a.path(), rows.clone()).unwrap();
        write_rows(b.path(), rows).unwrap();
        let fa = fs::read(a.path().join("part-00000.parquet")).unwrap();
        let fb = fs::read(b.path().join("part-00000.parquet")).unwrap();
        assert_eq!(fa, fb);
    }
}
