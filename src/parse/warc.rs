//! WARC web-archive files (WARC/1.0 and 1.1, as written by Heritrix, wget and Common Crawl),
//! read one record at a time from any [`BufRead`], so a multi-gigabyte crawl is never held in
//! memory: the caller hands in a plain or gunzipping reader (a `.warc.gz` is one gzip member
//! per record, which a multi-member decoder reads as one stream).
//!
//! Each `response` record whose HTTP payload is HTML (status 2xx, `Content-Type: text/html`
//! or XHTML, or no content type and a body that opens like a page) is one article, and so is a `resource` record holding HTML directly. Other
//! records (`warcinfo`, `request`, `metadata`, images, redirects) are skipped. The HTTP layer
//! is undone here: chunked transfer coding, gzip or deflate content coding and the charset of
//! the `Content-Type` header. The page then goes through the HTML extractor; the record's
//! `WARC-Target-URI` is the url when the page names no canonical one, and its `WARC-Date` the
//! publication date when the page gives none.
//!
//! The record key is the record's position in the file (1 for the first record, counting
//! skipped ones), so `path#7` names the seventh record whatever its type.
//!
//! No record is trusted: header lines are capped in length, a record longer than
//! [`MAX_RECORD_BYTES`] is skipped with a warning, and reading stops with a warning after
//! [`MAX_WARC_BYTES`] of (decompressed) data (a compression bomb or a runaway file). A
//! record whose `Content-Length` is missing, not a number, runs past the end of a plain file
//! or past that limit, or does not end where the next record starts, is reported, and
//! reading goes on at the next line that starts with `WARC/1.`; the records before and after
//! it are kept. A record cut short by the end of the file ends it with a warning.

use std::io::{BufRead, Read};

use super::{RawArticle, non_empty};
use super::{decode, html};

/// Largest record whose payload is read; larger ones are skipped with a warning.
pub const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;
/// Most (decompressed) bytes read from one WARC file.
pub const MAX_WARC_BYTES: u64 = 16 * super::MAX_FILE_BYTES;
/// Longest header line accepted, in bytes.
const MAX_LINE: u64 = 64 * 1024;
/// Most header lines in one WARC or HTTP header block.
const MAX_HEADERS: usize = 512;

/// What a WARC file yielded. `size` is the file's length when it is known (a plain file): a
/// `Content-Length` running past it is then known to be wrong.
pub fn parse(reader: impl BufRead, size: Option<u64>) -> super::Parsed {
    let mut parsed = super::Parsed::default();
    let mut reader = Counted {
        inner: reader,
        read: 0,
    };
    let mut n = 0usize;
    // Whether the last record already warned that the next one must be searched for.
    let mut lost = false;
    loop {
        let found = match find_record(&mut reader) {
            Ok(found) => found,
            Err(e) => {
                parsed.warnings.push(format!("record {}: {e}", n + 1));
                break;
            }
        };
        if !lost && found.skipped > 0 {
            parsed.warnings.push(junk_warning(n, &found));
        }
        if !found.record {
            break;
        }
        n += 1;
        let step = match read_headers(&mut reader) {
            Ok(headers) => read_record(&mut reader, n, &headers, size, &mut parsed),
            Err(e) => {
                parsed.warnings.push(format!("record {n}: {e}"));
                Step::Lost
            }
        };
        match step {
            Step::Next => lost = false,
            Step::Lost => lost = true,
            Step::Stop => break,
        }
    }
    parsed
}

/// Where a record left the reader.
enum Step {
    /// At the record's end: the next one starts here.
    Next,
    /// Somewhere in the record (its length was wrong or missing; it warned): the next record
    /// is searched for.
    Lost,
    /// Nothing more can be read (it warned).
    Stop,
}

/// Whether a record's version line was found (and read), and how many bytes that are no
/// record were passed to reach it.
struct Found {
    record: bool,
    skipped: u64,
}

/// What is said about bytes that are no WARC record, found after record `n`.
fn junk_warning(n: usize, found: &Found) -> String {
    match (n, found.record) {
        (0, false) => "not a WARC file (no WARC/1.x version line)".to_string(),
        (0, true) => format!(
            "{} bytes before the first record are not WARC; skipped",
            found.skipped
        ),
        (_, false) => format!(
            "after record {n}: the rest of the file ({} bytes) is no WARC record (a wrong \
             Content-Length?); skipped",
            found.skipped
        ),
        (_, true) => format!(
            "after record {n}: {} bytes that are no WARC record (a wrong Content-Length?) \
             skipped to the next WARC/1. line",
            found.skipped
        ),
    }
}

/// Read blank lines up to the next version line (`WARC/1.x`), and that line. Anything else is passed over
/// line by line, and counted, until a line starts with `WARC/1.`: that is how reading
/// recovers from a record whose `Content-Length` was wrong.
fn find_record(reader: &mut Counted<impl BufRead>) -> Result<Found, String> {
    let mut skipped = 0;
    let mut line = Vec::new();
    loop {
        if reader.read > MAX_WARC_BYTES {
            return Err(past_limit());
        }
        let before = reader.read;
        line.clear();
        reader
            .take(MAX_LINE)
            .read_until(b'\n', &mut line)
            .map_err(|e| e.to_string())?;
        if line.is_empty() {
            return Ok(Found {
                record: false,
                skipped,
            });
        }
        if !line.ends_with(b"\n") {
            // Not a version line, however it goes on.
            reader.skip_until(b'\n').map_err(|e| e.to_string())?;
        } else if line.starts_with(b"WARC/1.") || skipped == 0 && line.starts_with(b"WARC/") {
            return Ok(Found {
                record: true,
                skipped,
            });
        }
        if skipped > 0 || !line.trim_ascii().is_empty() {
            skipped += reader.read - before;
        }
    }
}

fn past_limit() -> String {
    format!(
        "stopped at {} MiB of decompressed data (a compression bomb?)",
        MAX_WARC_BYTES >> 20
    )
}

/// Read record `n`'s block, whose headers were just read, and the article it holds; the
/// reader ends at the block's end (or wherever reading stopped).
fn read_record(
    reader: &mut Counted<impl BufRead>,
    n: usize,
    headers: &[(String, String)],
    size: Option<u64>,
    parsed: &mut super::Parsed,
) -> Step {
    let length = match trusted_length(headers, reader.read, size) {
        Ok(length) => length,
        Err(why) => {
            parsed
                .warnings
                .push(format!("record {n}: {why}; skipped to the next record"));
            return Step::Lost;
        }
    };
    let holds = Holds::of(headers);
    if holds == Holds::Other || length > MAX_RECORD_BYTES {
        if holds != Holds::Other {
            parsed.warnings.push(format!(
                "record {n}: {} MiB record skipped (the limit is {} MiB)",
                length >> 20,
                MAX_RECORD_BYTES >> 20
            ));
        }
        return skip_block(reader, length, n, parsed);
    }
    let block = match read_block(reader, length) {
        Ok(block) => block,
        Err(why) => return stop(parsed, n, &why),
    };
    match holds.page(block) {
        // A page with no main text is no story: a crawl holds many (indexes, galleries).
        Ok(Some(page)) => {
            let article = article(n, headers, page);
            if !article.body.trim().is_empty() {
                parsed.articles.push(article);
            }
        }
        Ok(None) => {}
        Err(e) => parsed.warnings.push(format!("record {n}: {e}")),
    }
    Step::Next
}

/// What a record holds, by its `WARC-Type` and `Content-Type`.
#[derive(Debug, PartialEq, Eq)]
enum Holds {
    /// An HTTP response (a `response` record of `application/http`).
    Response,
    /// An HTML page stored as it is (a `resource` record), in this charset.
    Page { charset: Option<String> },
    /// Nothing that is read (`warcinfo`, `request`, `metadata`, images).
    Other,
}

impl Holds {
    fn of(headers: &[(String, String)]) -> Holds {
        let kind = header(headers, "warc-type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let content_type = header(headers, "content-type")
            .unwrap_or("")
            .to_ascii_lowercase();
        match kind.as_str() {
            "response" if content_type.starts_with("application/http") => Holds::Response,
            "resource" if is_html_type(&content_type) => Holds::Page {
                charset: charset(&content_type),
            },
            _ => Holds::Other,
        }
    }

    /// The HTML page in a record's block; `None` when it holds none (a response that is not
    /// a successful HTML page).
    fn page(self, block: Vec<u8>) -> Result<Option<Payload>, String> {
        match self {
            Holds::Response => http_payload(&block),
            Holds::Page { charset } => Ok(Some(Payload {
                charset,
                language: None,
                body: block,
            })),
            Holds::Other => Ok(None),
        }
    }
}

/// Pass over a block of `length` bytes unread; the reader ends after it.
fn skip_block(
    reader: &mut Counted<impl BufRead>,
    length: u64,
    n: usize,
    parsed: &mut super::Parsed,
) -> Step {
    match std::io::copy(&mut reader.by_ref().take(length), &mut std::io::sink()) {
        Ok(got) if got == length => Step::Next,
        Ok(_) => stop(parsed, n, "cut short"),
        Err(e) => stop(parsed, n, &e.to_string()),
    }
}

/// A block of `length` bytes (no more than [`MAX_RECORD_BYTES`]); an error when the input
/// ends before it does.
fn read_block(reader: &mut Counted<impl BufRead>, length: u64) -> Result<Vec<u8>, String> {
    let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
    match reader.by_ref().take(length).read_to_end(&mut block) {
        Ok(got) if got as u64 == length => Ok(block),
        Ok(_) => Err("cut short".to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// The record's `Content-Length`, unless it is missing, not a number, or cannot be right:
/// the record would end past the end of the file (`size`, when known) or past
/// [`MAX_WARC_BYTES`]. `at` is where the record's block starts.
fn trusted_length(headers: &[(String, String)], at: u64, size: Option<u64>) -> Result<u64, String> {
    let value = header(headers, "content-length").ok_or("no Content-Length")?;
    let length = value
        .parse::<u64>()
        .map_err(|_| format!("Content-Length {value:?} is not a number"))?;
    let end = at.saturating_add(length);
    if let Some(size) = size.filter(|size| end > *size) {
        return Err(format!(
            "Content-Length {length} runs past the end of the file ({size} bytes): the record \
             is cut short or its length is wrong"
        ));
    }
    if end > MAX_WARC_BYTES {
        return Err(format!(
            "Content-Length {length} would take the file past {} MiB of decompressed data (a \
             compression bomb, or a wrong length)",
            MAX_WARC_BYTES >> 20
        ));
    }
    Ok(length)
}

fn stop(parsed: &mut super::Parsed, n: usize, why: &str) -> Step {
    parsed.warnings.push(format!("record {n}: {why}"));
    Step::Stop
}

/// The article in record `n`'s HTML page.
fn article(n: usize, headers: &[(String, String)], page: Payload) -> RawArticle {
    let text = decode::decode_declared(page.body, page.charset.as_deref());
    let a = html::extract(&text);
    RawArticle {
        record: Some(n.to_string()),
        title: a.title,
        byline: a.byline,
        published: a
            .published
            .or_else(|| header(headers, "warc-date").and_then(non_empty)),
        source: a.site_name,
        url: a
            .url
            .or_else(|| header(headers, "warc-target-uri").and_then(target_uri)),
        language: a.language.or(page.language),
        body: a.body,
    }
}

/// A reader that counts the bytes it has handed out.
struct Counted<R> {
    inner: R,
    read: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.read += amt as u64;
        self.inner.consume(amt);
    }
}

/// One header line without its line ending, or `None` at the end of input.
fn read_line(reader: &mut impl BufRead) -> Result<Option<String>, String> {
    let mut line = Vec::new();
    reader
        .take(MAX_LINE)
        .read_until(b'\n', &mut line)
        .map_err(|e| e.to_string())?;
    if line.is_empty() {
        return Ok(None);
    }
    if !line.ends_with(b"\n") && line.len() as u64 >= MAX_LINE {
        return Err(format!("header line longer than {} KiB", MAX_LINE >> 10));
    }
    while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        line.pop();
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

/// The next line that is not blank (records are separated by blank lines).
fn next_nonblank_line(reader: &mut impl BufRead) -> Result<Option<String>, String> {
    loop {
        match read_line(reader)? {
            Some(l) if l.trim().is_empty() => continue,
            other => return Ok(other),
        }
    }
}

/// `Name: value` lines up to a blank line; names lowercased.
fn read_headers(reader: &mut impl BufRead) -> Result<Vec<(String, String)>, String> {
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        let Some(line) = read_line(reader)? else {
            return Err("cut short in its headers".into());
        };
        if line.is_empty() {
            return Ok(headers);
        }
        if headers.len() >= MAX_HEADERS {
            return Err(format!("more than {MAX_HEADERS} header lines"));
        }
        push_header(&mut headers, &line);
    }
}

/// Add one header line; a line starting with a space or tab continues the previous value.
fn push_header(headers: &mut Vec<(String, String)>, line: &str) {
    if line.starts_with([' ', '\t']) {
        if let Some((_, v)) = headers.last_mut() {
            v.push(' ');
            v.push_str(line.trim());
        }
    } else if let Some((name, value)) = line.split_once(':') {
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// `WARC-Target-URI` is written bare in WARC/1.1 and sometimes in `<…>` (WARC/1.0 drafts).
fn target_uri(v: &str) -> Option<String> {
    non_empty(v.trim().trim_start_matches('<').trim_end_matches('>'))
}

fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime == "text/html" || mime == "application/xhtml+xml"
}

/// The `charset=` parameter of a `Content-Type` value.
fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset"))
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// An HTML page taken out of an HTTP response.
struct Payload {
    charset: Option<String>,
    language: Option<String>,
    body: Vec<u8>,
}

/// The HTML page in an HTTP response block, `None` when the response is not a successful
/// HTML page.
fn http_payload(block: &[u8]) -> Result<Option<Payload>, String> {
    let mut reader = block;
    let status = next_nonblank_line(&mut reader)?.unwrap_or_default();
    if !status.starts_with("HTTP/") {
        return Err("response record without an HTTP status line".into());
    }
    let code = status.split_whitespace().nth(1).unwrap_or("");
    if !code.starts_with('2') {
        return Ok(None);
    }
    let headers = read_headers(&mut reader)?;
    let content_type = header(&headers, "content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    // A response without a Content-Type is taken when its body opens like an HTML page.
    let untyped = content_type.trim().is_empty();
    if !untyped && !is_html_type(&content_type) {
        return Ok(None);
    }
    let body = undo_codings(&headers, reader.to_vec())?;
    if untyped && super::sniff::correct(super::Format::Text, &body) != super::Format::Html {
        return Ok(None);
    }
    Ok(Some(Payload {
        charset: charset(&content_type),
        language: header(&headers, "content-language")
            .and_then(|l| l.split(',').next())
            .and_then(non_empty),
        body,
    }))
}

/// An HTTP body with its chunked transfer coding and its content coding (gzip or deflate)
/// undone, as the response `headers` declare them.
fn undo_codings(headers: &[(String, String)], mut body: Vec<u8>) -> Result<Vec<u8>, String> {
    let chunked = header(headers, "transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        // Crawlers often store the payload already de-chunked but keep the header; only
        // undo the coding when the body really starts with a chunk size.
        if let Some(plain) = dechunk(&body) {
            body = plain;
        }
    }
    let coding = header(headers, "content-encoding")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match coding.as_str() {
        "" | "identity" => Ok(body),
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), &body, "gzip"),
        // HTTP "deflate" is zlib-wrapped, but raw deflate is common in the wild.
        "deflate" => {
            inflate(flate2::read::ZlibDecoder::new(&body[..]), &body, "deflate").or_else(|_| {
                inflate(
                    flate2::read::DeflateDecoder::new(&body[..]),
                    &body,
                    "deflate",
                )
            })
        }
        other => Err(format!("unsupported content encoding {other:?}")),
    }
}

/// Decompress an HTTP body with the record cap. Crawlers may store the body already decoded
/// while keeping the header: a body that is not compressed at all is passed through.
fn inflate(decoder: impl Read, raw: &[u8], what: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match super::read_within(decoder, MAX_RECORD_BYTES, &mut out) {
        Ok(super::Within::OverCap) => Err(format!(
            "{what} payload larger than {} MiB once decompressed",
            MAX_RECORD_BYTES >> 20
        )),
        Ok(super::Within::Whole) => Ok(out),
        Err(_) if raw.trim_ascii_start().starts_with(b"<") => Ok(raw.to_vec()),
        Err(e) => Err(format!("bad {what} payload: {e}")),
    }
}

/// Undo chunked transfer coding; `None` when the body is not chunked after all.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let end = memchr::memchr(b'\n', body)?;
        let line = std::str::from_utf8(&body[..end]).ok()?.trim();
        let size = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        body = &body[end + 1..];
        if size == 0 {
            return Some(out);
        }
        if size > body.len() {
            // A cut-short last chunk: keep what is there.
            out.extend_from_slice(body);
            return Some(out);
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body.strip_prefix(b"\r\n").or(body.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One WARC record with the given type, extra headers and block.
    fn record(kind: &str, extra: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:0000>\r\n{extra}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn response(uri: &str, http_headers: &str, body: &[u8]) -> Vec<u8> {
        let mut block = format!("HTTP/1.1 200 OK\r\n{http_headers}\r\n").into_bytes();
        block.extend_from_slice(body);
        record(
            "response",
            &format!(
                "WARC-Target-URI: {uri}\r\nWARC-Date: 2021-03-04T05:06:07Z\r\nContent-Type: application/http; msgtype=response\r\n"
            ),
            &block,
        )
    }

    const PAGE: &str = "<html lang=\"fr\"><head><title>Harbour strike ends</title></head><body><article><h1>Harbour strike ends</h1><p>Dock workers in the harbour returned to work on Tuesday after a strike that lasted nine days, their union said.</p><p>The port authority said ships waiting offshore would be unloaded by the weekend.</p></article></body></html>";

    #[test]
    fn response_records_with_html_are_articles() {
        let mut warc = record(
            "warcinfo",
            "Content-Type: application/warc-fields\r\n",
            b"software: test\r\n",
        );
        warc.extend(record(
            "request",
            "Content-Type: application/http; msgtype=request\r\n",
            b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n",
        ));
        warc.extend(response(
            "http://example.org/harbour",
            "Content-Type: text/html; charset=utf-8\r\n",
            PAGE.as_bytes(),
        ));
        warc.extend(response(
            "http://example.org/logo.png",
            "Content-Type: image/png\r\n",
            b"\x89PNG\0\0",
        ));
        // Untyped responses: a page is taken, anything else is not.
        warc.extend(response("http://example.org/untyped", "", PAGE.as_bytes()));
        warc.extend(response(
            "http://example.org/robots.txt",
            "",
            b"User-agent: *\n",
        ));
        let parsed = parse(&warc[..], None);
        assert_eq!(parsed.warnings, Vec::<String>::new());
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[1].record.as_deref(), Some("5"));
        let a = &parsed.articles[0];
        assert_eq!(a.record.as_deref(), Some("3"));
        assert_eq!(a.title.as_deref(), Some("Harbour strike ends"));
        assert_eq!(a.url.as_deref(), Some("http://example.org/harbour"));
        assert_eq!(a.published.as_deref(), Some("2021-03-04T05:06:07Z"));
        assert_eq!(a.language.as_deref(), Some("fr"));
        assert!(a.body.contains("nine days"), "{}", a.body);
    }

    #[test]
    fn chunked_gzip_and_latin1_payloads_are_undone() {
        use std::io::Write;
        let page = "<html><body><article><p>Caf\u{e9} owners in the old town said the new parking rules had cut their trade by a third since spring.</p></article></body></html>";
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&latin1).unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = Vec::new();
        for part in gz.chunks(20) {
            chunked.extend(format!("{:x}\r\n", part.len()).into_bytes());
            chunked.extend_from_slice(part);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let warc = response(
            "http://example.org/cafe",
            "Content-Type: text/html; charset=ISO-8859-1\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked,
        );
        let parsed = parse(&warc[..], None);
        assert_eq!(parsed.warnings, Vec::<String>::new());
        assert!(parsed.articles[0].body.contains("Café owners"));
    }

    #[test]
    fn broken_records_keep_what_came_before() {
        let mut warc = response(
            "http://example.org/a",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        );
        warc.extend_from_slice(
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort",
        );
        let parsed = parse(&warc[..], None);
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.warnings, vec!["record 2: cut short".to_string()]);

        let parsed = parse(&b"hello world\n"[..], None);
        assert!(parsed.articles.is_empty());
        assert!(parsed.warnings[0].contains("not a WARC file"));
    }

    #[test]
    fn a_wrong_content_length_loses_only_its_record() {
        let page = |uri: &str| {
            let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
            let extra = format!("WARC-Target-URI: {uri}\r\nContent-Type: application/http\r\n");
            (extra, block)
        };
        let (extra, block) = page("http://example.org/bad");
        let cases = [
            (
                "x",
                "record 2: Content-Length \"x\" is not a number; skipped to the next record",
            ),
            ("60", "after record 2: "),
            (
                "99999999999999",
                "record 2: Content-Length 99999999999999 runs past the end of the file",
            ),
        ];
        for (length, warning) in cases {
            let (one, one_block) = page("http://example.org/one");
            let mut warc = record("response", &one, one_block.as_bytes());
            warc.extend(
                format!("WARC/1.0\r\nWARC-Type: response\r\n{extra}Content-Length: {length}\r\n\r\n{block}\r\n\r\n")
                    .into_bytes(),
            );
            let (three, three_block) = page("http://example.org/three");
            warc.extend(record("response", &three, three_block.as_bytes()));
            let parsed = parse(&warc[..], Some(warc.len() as u64));
            let last = parsed.articles.last().unwrap();
            assert_eq!(last.record.as_deref(), Some("3"), "{:?}", parsed.warnings);
            assert_eq!(last.url.as_deref(), Some("http://example.org/three"));
            assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
            assert!(
                parsed.warnings[0].starts_with(warning),
                "{:?}",
                parsed.warnings
            );
        }
    }

    #[test]
    fn never_panics_on_junk() {
        for junk in [
            &b"WARC/1.0\r\n"[..],
            b"WARC/1.0\r\nContent-Length: 5\r\nWARC-Type: response\r\n\r\nHTTP/",
            b"WARC/1.0\r\nContent-Length: -1\r\n\r\n",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 30\r\n\r\nHTTP/1.1 200\r\nTransfer-Encoding: chunked",
        ] {
            let _ = parse(junk, None);
        }
        // A crawl cut at any byte keeps the records before the cut.
        let mut warc = response(
            "http://example.org/a",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        );
        let first = warc.len();
        warc.extend(response(
            "http://example.org/b",
            "Content-Type: text/html\r\n",
            PAGE.as_bytes(),
        ));
        for cut in 0..warc.len() {
            let parsed = parse(&warc[..cut], None);
            let whole = usize::from(cut >= first - 4) + usize::from(cut >= warc.len() - 4);
            assert_eq!(parsed.articles.len(), whole, "cut at {cut}");
        }
        // A record claiming more than the whole-file limit is not read at all.
        let bomb = format!(
            "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: {}\r\n\r\n",
            MAX_WARC_BYTES
        );
        let parsed = parse(bomb.as_bytes(), None);
        assert!(
            parsed.warnings[0].contains("compression bomb, or a wrong length"),
            "{:?}",
            parsed.warnings
        );
        assert_eq!(dechunk(b"zz\r\n"), None);
        assert_eq!(dechunk(b"3\r\nabc\r\n0\r\n\r\n"), Some(b"abc".to_vec()));
    }
}
