//! The pipeline's HTML parse (html5gum and its own tree), compiled from its sources.

#[path = "../../../../../../src/stages/ingest/html/content.rs"]
pub mod content;
#[path = "../../../../../../src/stages/ingest/html/dom.rs"]
pub mod dom;
#[path = "../../../../../../src/stages/ingest/html/names.rs"]
pub mod names;
#[path = "../../../../../../src/stages/ingest/html/tokens.rs"]
pub mod tokens;
