//! Domain knowledge of the 지역복지사업 평가, loaded once from the data files
//! under `data/domain/`: categories (with aliases and years), grade words,
//! this program's names and other programs' names.

use anyhow::Result;

/// Everything the extractor knows about the program, loaded once.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {}

impl Knowledge {
    /// The knowledge shipped with the binary (`data/domain/`, embedded at build time).
    pub fn embedded() -> Result<Self> {
        // TODO(extract): loads data/domain/*.toml.
        Ok(Knowledge {})
    }
}
