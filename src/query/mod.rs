//! Queries: morgue's query language ([`parser`]) compiled to tantivy queries and run
//! ([`search`]).

pub mod parser;
pub mod search;

pub use parser::{QueryError, parse};
pub use search::{Hit, SearchResults, search};
