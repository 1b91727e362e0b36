//! Everything morgue prints. Only this module knows JSON: the domain types stay plain and the
//! shapes here are the scripting contract (documented in the README).

pub mod json;
pub mod text;

use std::io::{self, Write};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: aligned, highlighted on a terminal.
    Text,
    /// One JSON object per line.
    Json,
}

/// Write one value as a JSON line.
pub fn write_json_line<W: Write, T: serde::Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    // `io::Error::from` keeps the kind of an I/O failure, so a closed pipe stays a closed pipe.
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}
