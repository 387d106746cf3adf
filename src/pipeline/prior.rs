//! The incremental state earlier runs left, as a map or a reduce starts
//! from it: loaded, or rebuilt from the stored tables.

use anyhow::Result;
use serde_json::json;

use crate::io::out_dir::OutDir;
use crate::ops::log::Log;
use crate::ops::state::State;
use crate::schema::{RawDocument, Reject, Table};

/// The state of earlier runs: loaded, or rebuilt from the tables when it is
/// missing or does not describe the batches in OUT.
pub(super) fn load_state(out: &OutDir, full_refresh: bool, log: &Log) -> Result<(State, &'static str)> {
    if full_refresh {
        return Ok((State::default(), "fresh"));
    }
    let stored = State::load(out.root())?;
    if let Some(state) = &stored {
        if state.matches_tables(out)? {
            return Ok((stored.expect("checked"), "loaded"));
        }
    }
    let has_batches = !out.batches(RawDocument::NAME)?.is_empty() || !out.batches(Reject::NAME)?.is_empty();
    if stored.is_none() && !has_batches {
        return Ok((State::default(), "fresh"));
    }
    log.warn(
        "state_rebuilt",
        "the stored state is missing or does not match the batches in the output; rebuilding it from raw_documents and rejects (every input is read once more)",
        json!({}),
    );
    Ok((State::rebuild(out)?, "rebuilt"))
}
