//! The pipeline's edges: finding and reading inputs, and reading and writing
//! tables. Stages never touch the file system; only this module and
//! [`crate::pipeline`] do.

pub mod atomic;
pub mod columns;
pub mod computed;
pub mod input;
pub mod out_dir;
pub mod parquet;
