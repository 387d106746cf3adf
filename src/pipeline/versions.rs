//! The versions of the stages that derive a batch's tables from the table
//! before them: `clean` (clean_documents from raw_documents) and `extract`
//! (award_mentions and doc_facts from clean_documents, mentions resolved).
//! A version is a fingerprint of the stage's code and of the data files it
//! embeds (computed by `build.rs`, which lists them), so a change to either,
//! a word list alone included, is a new version. The state's ledger records
//! the versions that derived each batch; a run re-derives the batches an
//! older build derived ([`super::rederive`]).

use crate::ops::state::StageVersions;

/// Bump to re-derive every stored batch for a change in the clean stage's
/// output that its files do not show (a dependency's behaviour).
const CLEAN_EPOCH: u32 = 1;
/// The same for the extract stage.
const EXTRACT_EPOCH: u32 = 1;

/// The versions of the running build.
pub fn current() -> StageVersions {
    StageVersions {
        clean: Some(version(CLEAN_EPOCH, env!("WELFARE_CLEAN_INPUTS"))),
        extract: Some(version(EXTRACT_EPOCH, env!("WELFARE_EXTRACT_INPUTS"))),
    }
}

/// Twelve hex digits: enough to tell builds apart, short enough to read in a log line.
fn version(epoch: u32, files: &str) -> String {
    blake3::hash(format!("{epoch} {files}").as_bytes()).to_hex()[..12].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stages_have_distinct_known_versions() {
        let v = current();
        let (clean, extract) = (v.clean.unwrap(), v.extract.unwrap());
        assert_eq!((clean.len(), extract.len()), (12, 12));
        assert_ne!(clean, extract);
        assert_eq!(current().clean.unwrap(), clean, "stable within a build");
        assert_ne!(version(CLEAN_EPOCH + 1, env!("WELFARE_CLEAN_INPUTS")), clean, "an epoch bump is a new version");
    }
}
