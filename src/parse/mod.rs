//! Turn one file into raw articles: read it, decompress it, decode its bytes, and hand it to
//! the parser for its format. One module per input format.
//!
//! Parsers return what they could read plus warnings (a bad JSON line among good ones, gzip
//! data followed by junk), and an error only when nothing at all could be read. Only regular
//! files are read, checked on the opened handle: a FIFO, socket or device is refused, never
//! waited on.

mod decode;
pub mod html;
mod json;
mod sgml;
mod sniff;
mod text;
mod warc;

use std::fs::{File, FileType, Metadata};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

pub use decode::decode;
pub use sniff::guess as guess_format;

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
    /// `.warc` (and `.warc.gz`): web crawls; each HTML `response` record is an article.
    Warc,
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
            "warc" => Format::Warc,
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
    /// The language tag the source declares (`en`, `en-US`), when it declares one.
    pub language: Option<String>,
    pub body: String,
}

/// What a parser read from one file.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<RawArticle>,
    /// Problems that lost part of the file but not all of it.
    pub warnings: Vec<String>,
}

/// A file's bytes as [`read`] returned them, and what reading them lost.
#[derive(Debug, Default)]
pub struct FileBytes {
    pub bytes: Vec<u8>,
    /// Problems that lost part of the file but not all of it (junk after the gzip data).
    pub warnings: Vec<String>,
}

/// Read, decompress and parse one file. `format` is what the extension says; content that
/// clearly says otherwise (see `sniff`) wins. Gzip is recognised by its magic bytes.
pub fn parse_file(path: &Path, format: Format) -> Result<Parsed> {
    if format == Format::Warc {
        return parse_warc_file(path);
    }
    parse_read(path, read(path)?, format)
}

/// The first half of [`parse_file`] for every format but WARC (which streams): a file's
/// bytes, gunzipped, within the size caps.
pub fn read(path: &Path) -> Result<FileBytes> {
    read_capped(path)
}

/// The second half of [`parse_file`]: decode and parse the bytes [`read`] returned for `path`.
pub fn parse_read(path: &Path, bytes: FileBytes, format: Format) -> Result<Parsed> {
    let parsed = parse_owned(bytes.bytes, format);
    with_read_warnings(parsed, bytes.warnings).map_err(|reason| Error::parse(path, reason))
}

/// Parse bytes already in memory (stdin for `morgue extract -`), gunzipping them first if
/// they are gzip data.
pub fn parse_bytes(bytes: &[u8], format: Format) -> std::result::Result<Parsed, String> {
    if sniff::is_gzip(bytes) {
        let read = gunzip(bytes)?;
        return with_read_warnings(parse_owned(read.bytes, format), read.warnings);
    }
    parse_owned(bytes.to_vec(), format)
}

/// Put what reading lost before what parsing lost; when nothing could be parsed, the reason
/// says what reading lost too.
fn with_read_warnings(
    parsed: std::result::Result<Parsed, String>,
    warnings: Vec<String>,
) -> std::result::Result<Parsed, String> {
    if warnings.is_empty() {
        return parsed;
    }
    match parsed {
        Ok(mut parsed) => {
            parsed.warnings.splice(0..0, warnings);
            Ok(parsed)
        }
        Err(reason) => Err(format!("{reason} ({})", warnings.join("; "))),
    }
}

/// A WARC file is streamed record by record, never held whole in memory.
fn parse_warc_file(path: &Path) -> Result<Parsed> {
    let (file, meta) = open_regular(path)?;
    let mut buffered = BufReader::with_capacity(1 << 16, file);
    let gz = sniff::is_gzip(buffered.fill_buf().map_err(|e| Error::io(path, e))?);
    let parsed = if gz {
        warc::parse(
            BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(buffered)),
            None,
        )
    } else {
        warc::parse(buffered, Some(meta.len()))
    };
    finish(parsed).map_err(|reason| Error::parse(path, reason))
}

/// Open a file to read it, refusing anything but a regular file. The check is made on the
/// opened handle, so a file replaced by a FIFO after the walk is caught too; the open itself
/// does not wait for a FIFO's writer.
fn open_regular(path: &Path) -> Result<(File, Metadata)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a FIFO waits for a writer unless non-blocking; on a regular file the flag
        // changes nothing (reading one never waits).
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        // A socket cannot be opened at all; say what it is rather than why open failed.
        Err(e) => match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return Err(Error::parse(path, not_regular(&meta.file_type())));
            }
            _ => return Err(Error::io(path, e)),
        },
    };
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::parse(path, not_regular(&meta.file_type())));
    }
    Ok((file, meta))
}

/// Why a FIFO, socket, device or folder found where a file should be is not read.
pub(crate) fn not_regular(file_type: &FileType) -> String {
    let what = if file_type.is_dir() {
        "a folder"
    } else {
        special_kind(file_type)
    };
    format!(
        "{what}, not a regular file: not read (morgue reads only regular files; replace it \
         with one, or move it out of the folder)"
    )
}

#[cfg(unix)]
fn special_kind(file_type: &FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_char_device() {
        "a character device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &FileType) -> &'static str {
    "a special file"
}

fn parse_owned(bytes: Vec<u8>, format: Format) -> std::result::Result<Parsed, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".into());
    }
    let format = sniff::correct(format, &bytes);
    if format == Format::Warc {
        // Payloads may be binary (images); records are sorted out by their headers.
        return finish(warc::parse(&bytes[..], Some(bytes.len() as u64)));
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
        Format::Warc => unreachable!("WARC is parsed above"),
    };
    finish(parsed)
}

/// What every format shares once its records are read: credit lines dropped, a headline
/// with no text under it kept as its own text, empty records dropped, paragraphs repeated
/// across the records of one source dropped, over-long fields cut, and an error when
/// nothing is left.
fn finish(mut parsed: Parsed) -> std::result::Result<Parsed, String> {
    for a in &mut parsed.articles {
        strip_credits(a);
        if a.body.trim().is_empty()
            && let Some(title) = &a.title
        {
            a.body = title.clone();
        }
    }
    parsed.articles.retain(|a| !a.body.trim().is_empty());
    strip_repeated(&mut parsed.articles);
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

/// Drop sign-offs, staff, photo and copyright credits from an article's body
/// ([`crate::extract::boilerplate::strip_credits`]); the reporters credited become its byline
/// when it has none. A body of nothing but credits is kept when no title can stand for it.
fn strip_credits(article: &mut RawArticle) {
    let Some(stripped) = crate::extract::boilerplate::strip_credits(&article.body) else {
        return;
    };
    if stripped.body.is_empty() && article.title.is_none() {
        return;
    }
    article.body = stripped.body;
    if article.byline.is_none() && !stripped.reporters.is_empty() {
        article.byline = Some(stripped.reporters.join(", "));
    }
}

/// The source an article is grouped by when looking for the paragraphs a source repeats:
/// its site name, else its url's host.
fn named_source(article: &RawArticle) -> Option<String> {
    (article.source.as_deref().map(str::to_lowercase))
        .or_else(|| article.url.as_deref().and_then(url_host))
}

/// The source an article of the file at `path` is grouped by across files: its site name,
/// else its url's host, else the folder the file is in (a folder of one publisher's stories).
pub fn source_key(article: &RawArticle, path: &Path) -> String {
    named_source(article).unwrap_or_else(|| {
        let folder = path.parent().unwrap_or(Path::new(""));
        format!("folder:{}", folder.to_string_lossy())
    })
}

/// Whether files of this format hold one article each, so that the paragraphs a source
/// repeats show across files rather than within one (`extract::repeated`).
pub fn holds_one_article(format: Format) -> bool {
    matches!(format, Format::Text | Format::Html | Format::Json)
}

/// Corpus-level boilerplate within one file: the records of a JSON-lines export, an SGML
/// newswire file or a crawl, grouped by their source (site name, else the url's host).
fn strip_repeated(articles: &mut [RawArticle]) {
    let groups: Vec<String> = (articles.iter())
        .map(|a| named_source(a).unwrap_or_default())
        .collect();
    let mut bodies: Vec<String> = articles
        .iter_mut()
        .map(|a| std::mem::take(&mut a.body))
        .collect();
    crate::extract::boilerplate::strip_repeated(&mut bodies, |i| groups[i].as_str());
    for (a, body) in articles.iter_mut().zip(bodies) {
        a.body = body;
    }
}

/// `example.org` out of `https://www.Example.org/path`.
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

fn read_capped(path: &Path) -> Result<FileBytes> {
    let (file, meta) = open_regular(path)?;
    let mut file = BufReader::with_capacity(1 << 16, file);
    // Gzip by its magic bytes, so a compressed file without `.gz` in its name is read too.
    if sniff::is_gzip(file.fill_buf().map_err(|e| Error::io(path, e))?) {
        return gunzip(file).map_err(|reason| Error::parse(path, reason));
    }
    // Refuse an oversized plain file before reading a byte of it.
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(Error::parse(path, too_big("")));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may have grown since its size was read.
    if read_within(file, MAX_FILE_BYTES, &mut bytes).map_err(|e| Error::io(path, e))?
        == Within::OverCap
    {
        return Err(Error::parse(path, too_big("")));
    }
    Ok(FileBytes {
        bytes,
        warnings: Vec::new(),
    })
}

fn too_big(what: &str) -> String {
    format!("larger than the {} MiB limit{what}", MAX_FILE_BYTES >> 20)
}

/// Decompress gzip data, member by member, within [`MAX_FILE_BYTES`]. Members that
/// decompress whole (their checksum checked) are kept: data after them that is not gzip, or
/// a member that is cut short or corrupt, ends the data with a warning. Gzip data with no
/// whole member is an error.
fn gunzip(mut input: impl BufRead) -> std::result::Result<FileBytes, String> {
    let mut out = FileBytes::default();
    loop {
        let head = input
            .fill_buf()
            .map_err(|e| format!("bad gzip data: {e}"))?;
        if head.is_empty() {
            break;
        }
        if !out.bytes.is_empty() && head[0] != 0x1f {
            out.warnings.push(format!(
                "data after the gzip data ({} bytes decompressed) is not gzip; ignored",
                out.bytes.len()
            ));
            break;
        }
        let whole = out.bytes.len();
        let member = flate2::bufread::GzDecoder::new(&mut input);
        match read_within(member, MAX_FILE_BYTES, &mut out.bytes) {
            Ok(Within::Whole) => {}
            Ok(Within::OverCap) => {
                return Err(too_big(" once decompressed (a compression bomb?)"));
            }
            Err(e) if whole == 0 => return Err(format!("bad gzip data: {e}")),
            Err(e) => {
                out.bytes.truncate(whole);
                out.warnings.push(format!(
                    "the gzip data after the first {whole} bytes decompressed is broken ({e}); \
                     the rest is lost"
                ));
                break;
            }
        }
    }
    Ok(out)
}

/// How [`read_within`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Within {
    /// The input ended within the cap.
    Whole,
    /// The input runs past the cap: `out` holds one byte more than the cap, and the rest
    /// was not read.
    OverCap,
}

/// Read `reader` (a file, a gzip member, an HTTP content decoder) to its end onto `out`,
/// but never past `cap` bytes in `out` in all (what it held before counts): the one size
/// cap every read of untrusted data goes through. An error leaves in `out` what was read
/// before it (never more than the cap).
fn read_within(reader: impl Read, cap: u64, out: &mut Vec<u8>) -> std::io::Result<Within> {
    let room = (cap + 1).saturating_sub(out.len() as u64);
    reader.take(room).read_to_end(out)?;
    Ok(if out.len() as u64 > cap {
        Within::OverCap
    } else {
        Within::Whole
    })
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
        check("crawl-00001.warc.gz", Some(Format::Warc));
        check("a.WARC", Some(Format::Warc));
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

    proptest::proptest! {
        /// No parser panics on arbitrary bytes, whatever format they are claimed to be, and
        /// whatever a format's opening looks like.
        #[test]
        fn parsers_never_panic(
            opening in 0usize..6,
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..1024),
        ) {
            let openings: [&[u8]; 6] = [
                b"",
                b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n",
                b"<!DOCTYPE html><html>",
                b"{\"text\": ",
                b"<REUTERS NEWID=\"1\"><BODY>",
                &[0x1f, 0x8b],
            ];
            let mut input = openings[opening].to_vec();
            input.extend(bytes);
            for format in [Format::Text, Format::Html, Format::Json, Format::Sgml, Format::Warc] {
                let _ = parse_bytes(&input, format);
            }
        }
    }

    #[test]
    fn gzip_is_read_and_truncated_gzip_reported() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.gz");
        let gzip = |text: &[u8]| {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            enc.write_all(text).unwrap();
            enc.finish().unwrap()
        };
        let data = gzip(b"Title: Zipped\n\nA zipped story about Rome.");
        std::fs::write(&path, &data).unwrap();
        let parsed = parse_file(&path, Format::Text).unwrap();
        assert_eq!(parsed.articles[0].title.as_deref(), Some("Zipped"));
        assert_eq!(parsed.warnings, Vec::<String>::new());

        // Nothing decompresses: an error.
        std::fs::write(&path, &data[..10]).unwrap();
        let err = parse_file(&path, Format::Text).unwrap_err().to_string();
        assert!(err.contains("a.txt.gz: bad gzip data"), "{err}");

        // A second member cut short: the first is kept.
        let mut two = data.clone();
        let second = gzip(b"More text about Rome and its seven hills.");
        two.extend_from_slice(&second[..second.len() - 4]);
        let parsed = parse_bytes(&two, Format::Text).unwrap();
        assert_eq!(parsed.articles[0].body, "A zipped story about Rome.");
        assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
        assert!(
            parsed.warnings[0]
                .starts_with("the gzip data after the first 41 bytes decompressed is broken ("),
            "{:?}",
            parsed.warnings
        );
    }
}
