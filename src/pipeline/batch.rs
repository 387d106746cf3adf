//! The batch a run adds: its id (a UTC timestamp, `--batch-id` or the start
//! time) and how a taken id is handled.

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDateTime, Utc};

use crate::io::out_dir::OutDir;
use crate::schema::{all_tables, Layout, UtcMicros};

/// Names one run's partition of the per-batch tables, and its start time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchId {
    /// `YYYYMMDDTHHMMSSZ` (UTC).
    pub id: String,
    pub started: UtcMicros,
}

impl BatchId {
    pub const FORMAT: &'static str = "%Y%m%dT%H%M%SZ";

    /// The batch named after the current UTC second.
    pub fn now() -> Self {
        let now = Utc::now();
        let id = now.format(Self::FORMAT).to_string();
        Self::parse(&id).expect("formatted batch id parses")
    }

    /// A batch id given by the user. It must be a UTC timestamp in
    /// `YYYYMMDDTHHMMSSZ` form, because `ingested_at` is derived from it (the
    /// data files hold no other clock value, so reruns are byte-identical).
    pub fn parse(id: &str) -> Result<Self> {
        let t = NaiveDateTime::parse_from_str(id, Self::FORMAT)
            .with_context(|| format!("batch id {id:?} is not a UTC timestamp like 20261123T020000Z"))?;
        let started = UtcMicros::from_datetime(DateTime::<Utc>::from_naive_utc_and_offset(t, Utc));
        Ok(BatchId { id: id.to_string(), started })
    }
}

/// `--batch-id` names a batch that already exists (a usage error: exit 2).
#[derive(Debug, thiserror::Error)]
#[error("batch {0} already exists in the output; choose another --batch-id, or use --full-refresh to rebuild")]
pub struct BatchIdTaken(pub String);

/// Whether any per-batch table of `out` has a partition `id`.
pub fn batch_exists(out: &OutDir, id: &str) -> bool {
    all_tables().iter().filter(|t| t.layout == Layout::PerBatch).any(|t| out.batch_dir(t.name, id).exists())
}

/// The batch this run will add, and whether it is taken. A default (clock)
/// id that is taken moves on to the next free second; a taken id given by
/// the user is reported (the run fails with [`BatchIdTaken`] once it finds
/// something new). A full refresh replaces every batch: nothing is taken.
pub fn choose_batch(out: &OutDir, wanted: &BatchId, given: bool, full_refresh: bool) -> Result<(BatchId, bool)> {
    if full_refresh || !batch_exists(out, &wanted.id) {
        return Ok((wanted.clone(), false));
    }
    if given {
        return Ok((wanted.clone(), true));
    }
    let mut t = wanted.started.to_datetime();
    loop {
        t += chrono::Duration::seconds(1);
        let id = t.format(BatchId::FORMAT).to_string();
        if !batch_exists(out, &id) {
            return BatchId::parse(&id).map(|b| (b, false));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_ids_must_be_utc_timestamps() {
        let b = BatchId::parse("20261123T020000Z").unwrap();
        assert_eq!(b.started.to_datetime().to_rfc3339(), "2026-11-23T02:00:00+00:00");
        assert!(BatchId::parse("nightly").is_err());
        assert!(BatchId::parse(&BatchId::now().id).is_ok());
    }

    #[test]
    fn a_taken_clock_id_moves_on_and_a_given_one_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutDir::new(dir.path());
        let wanted = BatchId::parse("20261123T020000Z").unwrap();
        assert_eq!(choose_batch(&out, &wanted, true, false).unwrap(), (wanted.clone(), false));
        std::fs::create_dir_all(out.batch_dir("rejects", &wanted.id)).unwrap();
        assert_eq!(choose_batch(&out, &wanted, true, false).unwrap(), (wanted.clone(), true));
        assert_eq!(choose_batch(&out, &wanted, false, true).unwrap(), (wanted.clone(), false));
        let (next, taken) = choose_batch(&out, &wanted, false, false).unwrap();
        assert_eq!((next.id.as_str(), taken), ("20261123T020001Z", false));
    }
}
