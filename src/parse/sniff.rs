//! The format a file's content shows, for files whose extension lies.
//!
//! The extension stays the default: the content overrides it only when its first bytes
//! clearly say something else — a `WARC/1.x` version line, a Reuters `<REUTERS` record or
//! `lewis.dtd` doctype, an HTML doctype or `<html>` root, or JSON that parses (the whole file,
//! or its first line for JSON lines). Gzip is recognised by its magic bytes, whatever the
//! name, when the file is read. Bytes with no name at all (standard input) get a first
//! guess from [`guess`], which [`correct`] then checks like any extension.

use super::Format;

/// How much of the start of a file is looked at.
const HEAD: usize = 1024;

/// The gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// The format to claim for bytes that came with no file name: JSON when they open with a
/// bracket, SGML when a `<REUTERS` tag shows in the first 512 bytes, HTML when they open with
/// markup, else text.
pub fn guess(bytes: &[u8]) -> Format {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start();
    if head.starts_with('{') || head.starts_with('[') {
        Format::Json
    } else if head.contains("<reuters") {
        Format::Sgml
    } else if head.starts_with('<') {
        Format::Html
    } else {
        Format::Text
    }
}

/// The format to parse `bytes` as, given the one the extension named.
pub fn correct(claimed: Format, bytes: &[u8]) -> Format {
    // UTF-16 files are text of some kind; their bytes are not compared as ASCII here.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return claimed;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + HEAD)];
    let lower = head.to_ascii_lowercase();
    if lower.starts_with(b"warc/1.") {
        Format::Warc
    } else if is_sgml_newswire(&lower) {
        Format::Sgml
    } else if is_html(&lower) {
        Format::Html
    } else if (lower.starts_with(b"{") || lower.starts_with(b"["))
        && (claimed == Format::Json || is_json(&bytes[start..]))
    {
        Format::Json
    } else {
        // Nothing clear: trust the extension, except that a file named JSON that does not
        // even start like JSON is read as text.
        match claimed {
            Format::Json if !(lower.starts_with(b"{") || lower.starts_with(b"[")) => Format::Text,
            other => other,
        }
    }
}

fn is_sgml_newswire(lower: &[u8]) -> bool {
    lower.starts_with(b"<reuters")
        || (lower.starts_with(b"<!doctype lewis")
            && memchr::memmem::find(lower, b"<reuters").is_some())
}

fn is_html(lower: &[u8]) -> bool {
    let lower = if lower.starts_with(b"<?xml") {
        // XHTML: look past the XML declaration.
        match memchr::memchr(b'>', lower) {
            Some(i) => lower[i + 1..].trim_ascii_start(),
            None => return false,
        }
    } else {
        lower
    };
    let lower = if lower.starts_with(b"<!--") {
        match memchr::memmem::find(lower, b"-->") {
            Some(i) => lower[i + 3..].trim_ascii_start(),
            None => return false,
        }
    } else {
        lower
    };
    [b"<!doctype html".as_slice(), b"<html", b"<head", b"<body"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// The whole text, or its first line, is a JSON value.
fn is_json(bytes: &[u8]) -> bool {
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or(bytes);
    serde_json::from_slice::<serde::de::IgnoredAny>(first_line).is_ok()
        || serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_with_no_name_get_a_first_guess() {
        let check =
            |bytes: &str, want: Format| assert_eq!(guess(bytes.as_bytes()), want, "{bytes:?}");
        check("  {\"title\": \"A\"}", Format::Json);
        check("[1, 2]", Format::Json);
        check(
            "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">",
            Format::Sgml,
        );
        check("<p>A fragment</p>", Format::Html);
        check("Title: A\n\nStory.", Format::Text);
    }

    #[test]
    fn content_overrides_a_lying_extension() {
        let check = |claimed: Format, bytes: &str, want: Format| {
            assert_eq!(correct(claimed, bytes.as_bytes()), want, "{bytes:?}")
        };
        // Agreeing or unclear content keeps the extension's choice.
        check(Format::Text, "Title: A\n\nStory.", Format::Text);
        check(Format::Text, "[Reuters] said on Monday", Format::Text);
        check(Format::Html, "<p>A fragment</p>", Format::Html);
        check(
            Format::Sgml,
            "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\">",
            Format::Sgml,
        );
        // Disagreeing content wins.
        check(
            Format::Text,
            "\u{feff}  <!DOCTYPE html><html><p>x</p>",
            Format::Html,
        );
        check(
            Format::Text,
            "<?xml version=\"1.0\"?>\n<html xmlns=\"x\">",
            Format::Html,
        );
        check(Format::Text, "<!-- saved --> <html>", Format::Html);
        check(
            Format::Text,
            "{\"title\": \"A\", \"text\": \"B\"}",
            Format::Json,
        );
        check(
            Format::Text,
            "{\"text\": \"a\"}\n{\"text\": \"b\"}\n",
            Format::Json,
        );
        check(
            Format::Html,
            "<REUTERS NEWID=\"7\"><BODY>x</BODY></REUTERS>",
            Format::Sgml,
        );
        check(
            Format::Json,
            "WARC/1.0\r\nWARC-Type: warcinfo\r\n",
            Format::Warc,
        );
        check(Format::Html, "WARC/1.1\r\n", Format::Warc);
        check(Format::Json, "Plain words about a vote.", Format::Text);
        check(Format::Json, "<html><body>x</body></html>", Format::Html);
        // Braces that are not JSON stay text.
        check(Format::Text, "{draft} notes on the budget", Format::Text);
    }
}
