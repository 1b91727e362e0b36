//! Queries: morgue's query language ([`parser`]) compiled to tantivy queries (`compile`,
//! with `expand` turning prefixes and fuzzy words into the terms they match) and run
//! ([`search`], with `snippet` quoting the sentence that names an entity and `suggest`
//! respelling a query that matches nothing), and answers over
//! many articles at once ([`facets`]: entity counts, timelines, co-mentions; [`copies`]: the
//! clusters of copies and what differs in them; [`stats`]: the whole index in figures).

mod compile;
pub mod copies;
mod expand;
pub mod facets;
pub mod parser;
pub mod quotes;
pub mod search;
mod snippet;
pub mod stats;
mod suggest;

pub use parser::{QueryError, parse};
pub use search::{Archive, Hit, SearchResults, search};
pub use stats::{EntityCount, Stats, stats};
