//! Integration tests, one module per area, in one test binary (one link of
//! the large dependency graph instead of one per file).

mod aggregate;
mod clean;
mod cluster;
mod common;
mod corpus;
mod eval;
mod extract;
mod ingest;
mod interop;
mod ops;
mod rederive;
mod regions;
mod report;
mod spark;
mod warc;
