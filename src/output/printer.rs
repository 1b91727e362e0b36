//! The one output path of the commands: a [`Printer`] owns the writer and the [`Layout`]
//! (`--format`, `--fields`), and commands hand it shapes instead of choosing a format
//! themselves.

use std::io::{self, Write};

use super::Records;

/// How answers are printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: aligned, highlighted on a terminal.
    Text,
    /// One JSON object per line.
    Json,
    /// Comma-separated values under a header row.
    Csv,
}

/// A format and, for records, the columns printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub format: Format,
    /// The columns of each record, in order (the CSV header); `None` prints whole JSON
    /// objects.
    pub columns: Option<Vec<String>>,
}

impl Layout {
    /// Whole records: text, or one JSON object per line.
    pub fn whole(format: Format) -> Layout {
        Layout {
            format,
            columns: None,
        }
    }

    /// A table of rows: whole objects as JSON lines, or as CSV under the header `columns`.
    pub fn table(format: Format, columns: &[&str]) -> Layout {
        Layout {
            format,
            columns: (format == Format::Csv)
                .then(|| columns.iter().map(|c| c.to_string()).collect()),
        }
    }
}

/// Prints each answer in its layout: text through the printer the command names, records
/// as JSON lines or CSV rows of the serialisable shapes of [`super::json`].
pub struct Printer<W: Write> {
    out: W,
    format: Format,
    records: Records,
}

impl<W: Write> Printer<W> {
    /// A printer writing to `out` in `layout`.
    pub fn new(out: W, layout: Layout) -> Printer<W> {
        Printer {
            out,
            format: layout.format,
            records: Records::new(layout.format == Format::Csv, layout.columns),
        }
    }

    /// The format answers are printed in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The CSV header (once), even if no record follows; nothing in the other formats.
    pub fn header(&mut self) -> io::Result<()> {
        self.records.header(&mut self.out)
    }

    /// Print one answer: `text` writes it for people; otherwise each of `rows` is a record
    /// (after the CSV header, if it is not out yet).
    pub fn print<T, I>(
        &mut self,
        text: impl FnOnce(&mut W) -> io::Result<()>,
        rows: I,
    ) -> io::Result<()>
    where
        T: serde::Serialize,
        I: IntoIterator<Item = T>,
    {
        if self.format == Format::Text {
            return text(&mut self.out);
        }
        self.header()?;
        for row in rows {
            self.records.write(&mut self.out, &row)?;
        }
        Ok(())
    }

    /// Push what is buffered out (before a message on stderr, or between batches).
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Row {
        name: &'static str,
        count: u32,
    }

    fn printed(layout: Layout, rows: Vec<Row>) -> String {
        let mut out = Vec::new();
        let mut printer = Printer::new(&mut out, layout);
        printer
            .print(|out| writeln!(out, "{} rows", rows.len()), rows.iter())
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn one_answer_in_each_format() {
        let rows = || {
            vec![Row {
                name: "a,b",
                count: 2,
            }]
        };
        let columns = ["name", "count"];
        assert_eq!(
            printed(Layout::table(Format::Text, &columns), rows()),
            "1 rows\n"
        );
        assert_eq!(
            printed(Layout::table(Format::Json, &columns), rows()),
            "{\"name\":\"a,b\",\"count\":2}\n"
        );
        assert_eq!(
            printed(Layout::table(Format::Csv, &columns), rows()),
            "name,count\n\"a,b\",2\n"
        );
        assert_eq!(
            printed(Layout::table(Format::Csv, &columns), Vec::new()),
            "name,count\n"
        );
    }
}
