//! The archive pass: after each index run, every extracted name is mapped to one entity of
//! the whole archive, and every answer goes through that map.
//!
//! One article knows too little to tell that "Blair" is Tony Blair, that "EC" is the
//! European Community or that "MOODY'S" is Moody's; the archive does. The pass reads only
//! what the index holds — the `entity` term dictionary (names and their article counts),
//! the `evidence` terms articles recorded (acronyms they define), and postings for
//! co-mentions — never the articles again. [`group`] holds the rules, on names and counts
//! alone; [`table`] the result, an [`EntityTable`], saved beside the index as
//! `entities.tsv` and stamped with the commit it was built from. A reader whose commit the
//! table does not match (a run killed between its commit and the table) builds the table
//! itself, so an answer never mixes two states of the index.

mod changes;
pub mod group;
pub mod names;
mod pass;
mod reach;
pub mod table;

pub use changes::Changes;
pub use pass::{Resolved, build, current, is_saved, refresh, term_counts};
pub use table::{Entity, EntityTable, Pick};
