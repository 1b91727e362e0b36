//! Queries: morgue's query language ([`parser`]) compiled to tantivy queries and run
//! ([`search`]), and answers over many articles at once ([`facets`]: entity counts,
//! timelines, co-mentions).

pub mod facets;
pub mod parser;
pub mod search;

pub use parser::{QueryError, parse};
pub use search::{Archive, Hit, SearchResults, search};
