//! Where each table lives inside an output directory.
//!
//! `OUT/<table>/` holds a table's Parquet files. Per-batch tables keep one
//! hive-style partition per run (`OUT/<table>/batch=<id>/part-00000.parquet`),
//! recomputed tables a single `OUT/<table>/part-00000.parquet`.

use std::path::{Path, PathBuf};

/// An output directory and the layout of the tables in it.
#[derive(Debug, Clone)]
pub struct OutDir {
    root: PathBuf,
}

impl OutDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        OutDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `OUT/<table>/`.
    pub fn table_dir(&self, table: &str) -> PathBuf {
        self.root.join(table)
    }

    /// `OUT/<table>/batch=<batch_id>/`.
    pub fn batch_dir(&self, table: &str, batch_id: &str) -> PathBuf {
        self.table_dir(table).join(format!("batch={batch_id}"))
    }

    /// Batch ids present in a per-batch table, sorted.
    pub fn batches(&self, table: &str) -> std::io::Result<Vec<String>> {
        let dir = self.table_dir(table);
        let mut ids = Vec::new();
        if !dir.exists() {
            return Ok(ids);
        }
        for entry in std::fs::read_dir(dir)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_prefix("batch=") {
                ids.push(id.to_string());
            }
        }
        ids.sort();
        Ok(ids)
    }
}
