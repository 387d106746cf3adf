//! Running the pipeline unattended, night after night, over a growing
//! archive: one run at a time ([`lock`]), only new inputs ([`state`]),
//! outputs published all-or-nothing from a staging directory ([`publish`]),
//! checked ([`data_tests`]) and described ([`manifest`]), with logs fit for a
//! terminal or for cron ([`log`]). [`crate::pipeline::run`] puts them together.

pub mod data_tests;
pub mod lock;
pub mod log;
pub mod manifest;
pub mod publish;
pub mod state;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// Environment variable naming a failpoint, for crash tests only:
/// `WELFARE_AWARDS_FAILPOINT=<name>[:<n>]` aborts the process (like `kill -9`:
/// no cleanup runs) the n-th time (default 1st) the named point is reached.
pub const FAILPOINT_ENV: &str = "WELFARE_AWARDS_FAILPOINT";

static FAILPOINT: OnceLock<Option<(String, u64)>> = OnceLock::new();
static FAILPOINT_HITS: AtomicU64 = AtomicU64::new(0);

/// A named point where a crash test may abort the process.
pub fn failpoint(name: &str) {
    let armed = FAILPOINT.get_or_init(|| {
        let spec = std::env::var(FAILPOINT_ENV).ok()?;
        let (point, n) = match spec.split_once(':') {
            Some((p, n)) => (p.to_string(), n.parse().ok()?),
            None => (spec, 1),
        };
        Some((point, n))
    });
    if let Some((point, n)) = armed {
        if point == name && FAILPOINT_HITS.fetch_add(1, Ordering::SeqCst) + 1 == *n {
            eprintln!("failpoint {name}:{n} reached: aborting");
            std::process::abort();
        }
    }
}
