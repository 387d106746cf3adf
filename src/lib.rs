//! welfare-awards: a batch pipeline that turns scraped Korean news pages into
//! clean, analysis-ready Parquet tables of the Ministry of Health and
//! Welfare's 지역복지사업 평가 (regional welfare project evaluation) awards.
//!
//! Source → transforms → sink:
//! - [`io`] finds and reads inputs and reads/writes tables (the only file I/O),
//! - [`stages`] holds the five pure stage transforms (ingest, clean, extract,
//!   resolve, aggregate),
//! - [`schema`] defines every table once,
//! - [`domain`], [`regions`] and [`money`] hold the domain knowledge the stages use,
//! - [`report`] renders `OUT/report.html` from the stored tables,
//! - [`eval`] scores the stored award mentions against hand labels,
//! - [`pipeline`] wires stages to tables; [`ops`] makes runs incremental,
//!   locked, atomic and checked; [`cli`] is the command line.

pub mod cli;
pub mod config;
pub mod corpus;
pub mod domain;
pub mod eval;
pub mod io;
pub mod money;
pub mod ops;
pub mod pipeline;
pub mod regions;
pub mod report;
pub mod schema;
pub mod stages;
