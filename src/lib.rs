//! morgue: an offline search engine for news archives.
//!
//! The data flows through the modules in the order they are listed here:
//!
//! * [`crawl`] walks folders and picks up article files;
//! * [`parse`] turns one file (text, HTML, JSON, SGML newswire) into raw articles;
//! * [`extract`] finds people, companies, organisations, places and dates in each article;
//! * [`index`] writes articles into a tantivy index and keeps its schema;
//! * [`resolve`] maps, after each index run, every extracted name to one entity of the
//!   whole archive (the entity table every answer goes through);
//! * [`query`] parses morgue's query language and searches the index;
//! * [`output`] owns every serialisable shape (JSON lines) and the human printer.
//!
//! [`eval`] measures extraction against annotated corpora through the same code path.
//!
//! [`article`] holds the plain domain types shared by all stages, [`config`] the validated
//! settings the command line hands to the library.

pub mod article;
pub mod config;
pub mod copies;
pub mod crawl;
pub mod error;
pub mod eval;
pub mod extract;
pub mod fault;
pub mod index;
pub mod output;
pub mod parse;
pub mod query;
pub mod resolve;

pub use article::{Article, DateMention, EntityKind, EntityMention, TextField};
pub use error::{Error, Result};
