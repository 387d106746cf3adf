//! Region codes (법정동코드) at the 시도, 시군구 and 일반구 levels, with the
//! dates each code was valid, and the resolver that maps a recipient as
//! written in an article to the code valid on the award date.
//!
//! - [`table`]: the temporal table, embedded from `data/reference/regions.csv`;
//! - [`import`]: builds that file from the official downloads
//!   (`welfare-awards reference import-regions`);
//! - [`aliases`]: short and older forms of names (`data/reference/region_aliases.*.csv`);
//! - [`resolver`]: name + date + article context → code, or ambiguous/unknown.

pub mod aliases;
pub mod import;
pub mod resolver;
pub mod table;

pub use resolver::{DocumentContext, Query, Resolution, ResolveStatus, Resolver, SidoMention};
pub use table::{Level, RegionRecord, RegionTable};
