//! Turn one file into raw articles: read it, decompress it, decode its bytes, and hand it to
//! the parser for its format. One module per input format.
//!
//! Parsers return what they could read plus warnings (a bad JSON line among good ones), and an
//! error only when nothing at all could be read.

mod decode;
pub mod html;
mod json;
mod sgml;
mod text;

use std::io::Read;
use std::path::Path;

pub use decode::decode;

use crate::error::{Error, Result};

/// Largest file morgue reads, after decompression. Larger files are refused with a message.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Longest article body kept; the rest of a longer one is dropped with a warning. (News
/// stories run to kilobytes; a body this long is a dump, not an article.)
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// Longest title kept, in bytes.
pub const MAX_TITLE_BYTES: usize = 2048;

/// The input formats morgue reads, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.txt`, `.text`, `.md`: optional `Key: value` header lines, then the story.
    Text,
    /// `.html`, `.htm`, `.xhtml`.
    Html,
    /// `.json` (one object or an array of objects) and `.jsonl`/`.ndjson` (one per line).
    Json,
    /// `.sgm`, `.sgml`: Reuters-style newswire, many `<REUTERS>` records per file.
    Sgml,
}

impl Format {
    /// The format a path's extension names; a trailing `.gz` is looked through.
    pub fn from_path(path: &Path) -> Option<Format> {
        // A name that is not UTF-8 still has an extension worth reading.
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "txt" | "text" | "md" | "markdown" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" | "jsonl" | "ndjson" => Format::Json,
            "sgm" | "sgml" => Format::Sgml,
            _ => return None,
        })
    }
}

/// An article as a parser found it: metadata still as text, nothing extracted yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// The record's key within a multi-article file (a line number, an SGML `NEWID`).
    pub record: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The publication date as written; [`crate::extract`] normalises it.
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub body: String,
}

/// What a parser read from one file.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<RawArticle>,
    /// Problems that lost part of the file but not all of it.
    pub warnings: Vec<String>,
}

/// Read, decompress and parse one file.
pub fn parse_file(path: &Path, format: Format) -> Result<Parsed> {
    parse_read(path, read(path)?, format)
}

/// The first half of [`parse_file`]: a file's bytes, gunzipped, within the size caps.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    read_capped(path)
}

/// The second half of [`parse_file`]: decode and parse the bytes [`read`] returned for `path`.
pub fn parse_read(path: &Path, bytes: Vec<u8>, format: Format) -> Result<Parsed> {
    parse_owned(bytes, format).map_err(|reason| Error::parse(path, reason))
}

/// Parse bytes already in memory (stdin for `morgue extract -`).
pub fn parse_bytes(bytes: &[u8], format: Format) -> std::result::Result<Parsed, String> {
    parse_owned(bytes.to_vec(), format)
}

fn parse_owned(bytes: Vec<u8>, format: Format) -> std::result::Result<Parsed, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".into());
    }
    if looks_binary(&bytes) {
        return Err("binary data, not text".into());
    }
    let text = decode(bytes, format == Format::Html);
    let parsed = match format {
        Format::Text => Parsed {
            articles: vec![text::parse(&text)],
            warnings: Vec::new(),
        },
        Format::Html => Parsed {
            articles: vec![html::parse(&text)],
            warnings: Vec::new(),
        },
        Format::Json => json::parse(&text)?,
        Format::Sgml => sgml::parse(&text),
    };
    let mut parsed = parsed;
    parsed.articles.retain(|a| !a.body.trim().is_empty());
    for a in &mut parsed.articles {
        if a.body.len() > MAX_BODY_BYTES {
            truncate_at_char(&mut a.body, MAX_BODY_BYTES);
            let at = a
                .record
                .as_ref()
                .map(|r| format!("record {r}: "))
                .unwrap_or_default();
            parsed.warnings.push(format!(
                "{at}body cut to its first {} MiB",
                MAX_BODY_BYTES >> 20
            ));
        }
        if let Some(t) = &mut a.title {
            truncate_at_char(t, MAX_TITLE_BYTES);
        }
    }
    if parsed.articles.is_empty() {
        let mut reason = String::from("no article text found");
        if let Some(w) = parsed.warnings.first() {
            reason.push_str(&format!(" ({w})"));
        }
        return Err(reason);
    }
    Ok(parsed)
}

fn read_capped(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let too_big = |what: &str| {
        Error::parse(
            path,
            format!("larger than the {} MiB limit{what}", MAX_FILE_BYTES >> 20),
        )
    };
    // Refuse an oversized plain file before reading a byte of it.
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if !gz && size > MAX_FILE_BYTES {
        return Err(too_big(""));
    }
    let mut reader: Box<dyn Read> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(
            file,
        )))
    } else {
        Box::new(file)
    };
    let mut bytes = Vec::with_capacity(if gz { 0 } else { size as usize });
    (&mut reader)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            if gz {
                Error::parse(path, format!("bad gzip data: {e}"))
            } else {
                Error::io(path, e)
            }
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(if gz {
            " once decompressed (a compression bomb?)"
        } else {
            ""
        }));
    }
    Ok(bytes)
}

/// NUL bytes in the first 8 KiB mean binary data (UTF-16 text starts with a BOM and is let
/// through).
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    memchr::memchr(0, head).is_some()
}

/// Cut a string to at most `max` bytes, at a character boundary.
fn truncate_at_char(s: &mut String, max: usize) {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
}

/// Collapse runs of whitespace inside a line and trim it.
pub(crate) fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `Some(trimmed)` unless the string is blank.
pub(crate) fn non_empty(s: impl AsRef<str>) -> Option<String> {
    let s = squeeze(s.as_ref());
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let check = |name: &str, want: Option<Format>| {
            assert_eq!(Format::from_path(Path::new(name)), want, "{name}")
        };
        check("a.txt", Some(Format::Text));
        check("a.MD", Some(Format::Text));
        check("a.html.gz", Some(Format::Html));
        check("x/y.jsonl", Some(Format::Json));
        check("reut2-000.sgm", Some(Format::Sgml));
        check("a.png", None);
        check("README", None);
        check("a.gz", None);
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(
            parse_bytes(b"  \n", Format::Text).unwrap_err(),
            "empty file"
        );
        assert_eq!(
            parse_bytes(b"abc\0def", Format::Text).unwrap_err(),
            "binary data, not text"
        );
    }

    #[test]
    fn gzip_is_read_and_truncated_gzip_reported() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"Title: Zipped\n\nA zipped story about Rome.")
            .unwrap();
        let data = enc.finish().unwrap();
        std::fs::write(&path, &data).unwrap();
        let parsed = parse_file(&path, Format::Text).unwrap();
        assert_eq!(parsed.articles[0].title.as_deref(), Some("Zipped"));

        std::fs::write(&path, &data[..data.len() / 2]).unwrap();
        let err = parse_file(&path, Format::Text).unwrap_err().to_string();
        assert!(err.contains("a.txt.gz") && err.contains("gzip"), "{err}");
    }
}
