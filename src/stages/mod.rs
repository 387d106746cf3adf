//! The five stages, in pipeline order. Each is a pure transform from its
//! input rows to its output rows; reading and writing tables happens in
//! [`crate::io`] and [`crate::pipeline`]. A stage may use the stages before it
//! and the shared domain modules, never a stage after it.

pub mod aggregate;
pub mod clean;
pub mod extract;
pub mod ingest;
pub mod resolve;
