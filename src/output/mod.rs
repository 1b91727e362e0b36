//! Everything morgue prints. Only this module knows JSON: the domain types stay plain and the
//! shapes here are the scripting contract (documented in the README).

pub mod json;
mod printer;
pub mod text;

use std::io::{self, Write};

pub use printer::{Format, Layout, Printer};

/// Write one value as a JSON line.
pub fn write_json_line<W: Write, T: serde::Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    // `io::Error::from` keeps the kind of an I/O failure, so a closed pipe stays a closed pipe.
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// Records printed as JSON lines or CSV rows, optionally cut down to chosen columns.
///
/// Every record is a serialisable shape from [`json`]; CSV cells are its values, with lists
/// joined by `; `, nulls empty and nested objects as JSON text.
pub struct Records {
    csv: bool,
    /// The columns to print, in order; `None` prints whole JSON objects.
    columns: Option<Vec<String>>,
    header_written: bool,
}

impl Records {
    /// `csv` false prints JSON lines. CSV needs `columns`.
    pub fn new(csv: bool, columns: Option<Vec<String>>) -> Records {
        Records {
            csv,
            columns,
            header_written: false,
        }
    }

    /// Write the CSV header (once), even if no record follows.
    pub fn header<W: Write>(&mut self, out: &mut W) -> io::Result<()> {
        if self.csv && !self.header_written {
            self.header_written = true;
            if let Some(cols) = &self.columns {
                let cells: Vec<String> = cols.iter().map(|c| csv_cell(c)).collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
        Ok(())
    }

    pub fn write<W: Write, T: serde::Serialize>(
        &mut self,
        out: &mut W,
        value: &T,
    ) -> io::Result<()> {
        let Some(cols) = &self.columns else {
            return write_json_line(out, value);
        };
        let value = serde_json::to_value(value).map_err(io::Error::other)?;
        if self.csv {
            self.header(out)?;
            let cols = self.columns.as_ref().expect("columns");
            let cells: Vec<String> = cols
                .iter()
                .map(|c| csv_cell(&cell_text(value.get(c.as_str()))))
                .collect();
            writeln!(out, "{}", cells.join(","))
        } else {
            let mut picked = serde_json::Map::new();
            for c in cols {
                if let Some(v) = value.get(c.as_str()) {
                    picked.insert(c.clone(), v.clone());
                }
            }
            write_json_line(out, &picked)
        }
    }
}

fn cell_text(v: Option<&serde_json::Value>) -> String {
    use serde_json::Value;
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.iter().all(|i| i.is_string()) => items
            .iter()
            .filter_map(|i| i.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        Some(other) => other.to_string(),
    }
}

/// Quote a CSV cell when it holds a comma, quote or line break (RFC 4180).
pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells() {
        let check = |s: &str, want: &str| assert_eq!(csv_cell(s), want, "{s}");
        check("plain", "plain");
        check("a,b", "\"a,b\"");
        check("say \"hi\"", "\"say \"\"hi\"\"\"");
        check("two\nlines", "\"two\nlines\"");
    }

    #[test]
    fn records_pick_columns() {
        #[derive(serde::Serialize)]
        struct R {
            a: u32,
            b: Vec<&'static str>,
            c: Option<&'static str>,
        }
        let r = R {
            a: 1,
            b: vec!["x", "y,z"],
            c: None,
        };
        let mut out = Vec::new();
        let cols = Some(vec!["b".to_string(), "a".to_string(), "c".to_string()]);
        let mut csv = Records::new(true, cols.clone());
        csv.write(&mut out, &r).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "b,a,c\n\"x; y,z\",1,\n");
        let mut out = Vec::new();
        Records::new(false, Some(vec!["a".into()]))
            .write(&mut out, &r)
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\"a\":1}\n");
    }
}
