//! Run settings: a TOML file under `pipelines/` merged with command-line
//! flags (flags win). Relative paths are taken from the current directory.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

/// The settings a TOML run configuration may hold. Every key is optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Input paths: directories, files or globs.
    pub input: Option<Vec<String>>,
    /// Output directory.
    pub out: Option<PathBuf>,
    /// Inputs larger than this many bytes are rejected as `too_large`.
    pub max_file_bytes: Option<u64>,
    /// Decoded texts shorter than this many non-space characters are rejected as `too_short`.
    pub min_text_chars: Option<usize>,
    /// Worker threads (0 or absent: one per core).
    pub threads: Option<usize>,
}

impl FileConfig {
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading config {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing config {}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors() {
        assert!(toml::from_str::<FileConfig>("inptu = [\"x\"]").is_err());
        let c: FileConfig = toml::from_str("input = [\"data/sample\"]\nout = \"out\"").unwrap();
        assert_eq!(c.input.unwrap(), vec!["data/sample".to_string()]);
    }

    #[test]
    fn shipped_configs_parse() {
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/pipelines")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                FileConfig::load(&path).unwrap();
            }
        }
    }
}
