//! Run logging for people and for machines: progress bars (indicatif) when
//! stderr is a terminal, one plain line per event under cron, or one JSON
//! object per line with `--log-format json`. `--quiet` keeps warnings and
//! errors only. Everything goes to stderr; stdout stays free for data.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Map, Value};

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines (with progress bars on a terminal).
    #[default]
    Text,
    /// One JSON object per line: {"ts","level","event","msg",...fields}.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Info,
    Warn,
    Error,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }
}

/// The run's logger. Cheap to share across threads by reference.
#[derive(Debug)]
pub struct Log {
    format: LogFormat,
    min_level: Level,
    /// Present only for text logs on a terminal, not quiet.
    progress: Option<MultiProgress>,
    silent: bool,
}

impl Log {
    /// A logger writing to stderr; progress bars only when stderr is a terminal.
    pub fn new(format: LogFormat, quiet: bool) -> Self {
        let tty = std::io::stderr().is_terminal();
        let progress = (format == LogFormat::Text && !quiet && tty)
            .then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr()));
        Log { format, min_level: if quiet { Level::Warn } else { Level::Info }, progress, silent: false }
    }

    /// A logger that prints nothing (library callers and unit tests).
    pub fn silent() -> Self {
        Log { format: LogFormat::Text, min_level: Level::Error, progress: None, silent: true }
    }

    pub fn info(&self, event: &str, msg: impl AsRef<str>, fields: Value) {
        self.emit(Level::Info, event, msg.as_ref(), fields);
    }

    pub fn warn(&self, event: &str, msg: impl AsRef<str>, fields: Value) {
        self.emit(Level::Warn, event, msg.as_ref(), fields);
    }

    pub fn error(&self, event: &str, msg: impl AsRef<str>, fields: Value) {
        self.emit(Level::Error, event, msg.as_ref(), fields);
    }

    /// Prints a block of text for people (text format, not quiet) — e.g. the
    /// end-of-run summary; JSON logs carry the same facts in their events.
    pub fn text_block(&self, text: &str) {
        if self.silent || self.format != LogFormat::Text || self.min_level > Level::Info {
            return;
        }
        match &self.progress {
            Some(multi) => {
                let _ = multi.println(text);
            }
            None => eprintln!("{text}"),
        }
    }

    fn emit(&self, level: Level, event: &str, msg: &str, fields: Value) {
        if self.silent || level < self.min_level {
            return;
        }
        let ts = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
        let line = match self.format {
            LogFormat::Json => {
                let mut obj = Map::new();
                obj.insert("ts".into(), ts.into());
                obj.insert("level".into(), level.as_str().into());
                obj.insert("event".into(), event.into());
                obj.insert("msg".into(), msg.into());
                if let Value::Object(extra) = fields {
                    obj.extend(extra);
                }
                Value::Object(obj).to_string()
            }
            LogFormat::Text => {
                let mut line = format!("{ts} {:<5} {msg}", level.as_str().to_uppercase());
                // Scalars only: the message already says what nested values hold.
                if let Value::Object(extra) = fields {
                    for (k, v) in extra {
                        match v {
                            Value::String(s) => line.push_str(&format!(" {k}={s}")),
                            Value::Number(_) | Value::Bool(_) => line.push_str(&format!(" {k}={v}")),
                            _ => {}
                        }
                    }
                }
                line
            }
        };
        match &self.progress {
            Some(multi) => {
                let _ = multi.println(line);
            }
            None => {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(err, "{line}");
            }
        }
    }

    /// A progress counter for a stream of unknown length: position and rate
    /// (hidden unless on a terminal).
    pub fn counter(&self, label: &str) -> ProgressBar {
        match &self.progress {
            Some(multi) => {
                let bar = multi.add(ProgressBar::new_spinner());
                bar.set_style(
                    ProgressStyle::with_template("{prefix:>10} {spinner} {pos} {msg} ({elapsed}, {per_sec})")
                        .expect("valid template"),
                );
                bar.set_prefix(label.to_string());
                bar.enable_steady_tick(Duration::from_millis(120));
                bar
            }
            None => ProgressBar::hidden(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_and_silent_loggers_filter_levels() {
        let quiet = Log::new(LogFormat::Json, true);
        assert_eq!(quiet.min_level, Level::Warn);
        assert!(quiet.progress.is_none());
        let silent = Log::silent();
        assert!(silent.counter("x").is_hidden());
    }
}
