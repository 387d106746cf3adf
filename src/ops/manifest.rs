//! The run manifest, `OUT/_manifest.json`: what one run did, for the operator
//! and for monitoring. It is the only place run metadata (wall-clock times,
//! durations, the run id) is written; the data files hold none.
//! `OUT/_SUCCESS` is published after it when the run succeeded.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;

use super::data_tests::{DataTest, Status};
use super::state::{InputCounts, StageVersions};

pub const MANIFEST_FILE: &str = "_manifest.json";
pub const SUCCESS_FILE: &str = "_SUCCESS";

#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub run_id: String,
    /// ok | data_tests_warned | data_tests_failed.
    pub status: String,
    /// incremental | full_refresh.
    pub mode: String,
    /// The batch partition this run added, or null when nothing was new.
    pub batch_id: Option<String>,
    pub started_at: String,
    pub finished_at: String,
    pub seconds: f64,
    pub tool: Tool,
    /// How the incremental state was obtained: loaded | rebuilt | fresh.
    pub state: String,
    pub recovered: Recovery,
    /// Stored batches derived again because an older build had derived them.
    pub rederived: Vec<Rederived>,
    pub inputs: InputCounts,
    pub tables: BTreeMap<String, TableStats>,
    /// Wall seconds of each phase, in order (a map's phases summed over its shards).
    pub stages: Vec<StageTime>,
    /// Seconds spent inside each per-document stage, summed over worker threads.
    pub worker_seconds: BTreeMap<String, f64>,
    pub data_tests: DataTestSummary,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
    /// Fingerprint of the executable (version, size, mtime).
    pub build: String,
    /// The versions of the stages that derive the per-batch tables.
    pub stages: StageVersions,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Recovery {
    /// Interrupted runs whose committed outputs this run finished publishing.
    pub rolled_forward: Vec<String>,
    /// Interrupted runs whose uncommitted staging this run deleted.
    pub discarded: Vec<String>,
}

/// A stored batch whose tables this run derived again from the table before them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rederived {
    pub batch: String,
    /// The batch's tables written again, in pipeline order.
    pub tables: Vec<String>,
    /// Why: the stage versions that differ from this build's.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableStats {
    /// Rows in the table after the run.
    pub rows: u64,
    /// Rows this run's batch added (per-batch tables).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows_added: Option<u64>,
    /// Parquet files in the table.
    pub files: usize,
    /// added (new batch partition) | replaced | unchanged.
    pub published: String,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct StageTime {
    pub stage: String,
    pub seconds: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataTestSummary {
    /// fail | warn: what a failing test does to the run.
    pub on_failure: String,
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub results: Vec<DataTest>,
}

impl DataTestSummary {
    pub fn new(on_failure: &str, results: Vec<DataTest>) -> Self {
        let count = |s: Status| results.iter().filter(|t| t.status == s).count();
        DataTestSummary {
            on_failure: on_failure.to_string(),
            passed: count(Status::Pass),
            failed: count(Status::Fail),
            skipped: count(Status::Skip),
            results,
        }
    }

    pub fn failed_names(&self) -> Vec<String> {
        self.results.iter().filter(|t| t.status == Status::Fail).map(|t| t.name.clone()).collect()
    }
}

/// Measures consecutive phases of a run.
#[derive(Debug)]
pub struct Stopwatch {
    stages: Vec<StageTime>,
    current: Option<(String, Instant)>,
}

impl Default for Stopwatch {
    fn default() -> Self {
        Self::new()
    }
}

impl Stopwatch {
    pub fn new() -> Self {
        Stopwatch { stages: Vec::new(), current: None }
    }

    /// Ends the current phase (if any) and starts `name`.
    pub fn start(&mut self, name: &str) {
        self.stop();
        self.current = Some((name.to_string(), Instant::now()));
    }

    pub fn stop(&mut self) {
        if let Some((name, t)) = self.current.take() {
            let seconds = round_ms(t.elapsed().as_secs_f64());
            match self.stages.iter_mut().find(|s| s.stage == name) {
                Some(s) => s.seconds = round_ms(s.seconds + seconds),
                None => self.stages.push(StageTime { stage: name, seconds }),
            }
        }
    }

    /// Adds phases measured elsewhere (a map's), summing repeated names.
    pub fn add_stages(&mut self, stages: &[StageTime]) {
        self.stop();
        for s in stages {
            match self.stages.iter_mut().find(|t| t.stage == s.stage) {
                Some(t) => t.seconds = round_ms(t.seconds + s.seconds),
                None => self.stages.push(s.clone()),
            }
        }
    }

    pub fn finish(mut self) -> Vec<StageTime> {
        self.stop();
        self.stages
    }
}

/// Seconds to the millisecond, so the manifest stays readable.
pub fn round_ms(seconds: f64) -> f64 {
    (seconds * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwatch_accumulates_repeated_phases_in_order() {
        let mut w = Stopwatch::new();
        w.start("a");
        w.start("b");
        w.start("a");
        w.add_stages(&[StageTime { stage: "b".into(), seconds: 1.0 }, StageTime { stage: "c".into(), seconds: 2.0 }]);
        let stages = w.finish();
        assert_eq!(stages.iter().map(|s| s.stage.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert!(stages[1].seconds >= 1.0 && stages[2].seconds == 2.0);
    }
}
