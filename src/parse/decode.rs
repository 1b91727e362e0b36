//! Bytes to text, for every input format.
//!
//! Order of evidence: a byte-order mark, then (in HTML) a `<meta charset>` or
//! `http-equiv="content-type"` declaration in the first 4 KB, then UTF-8 when the bytes
//! validate, else Windows-1252 (the WHATWG default for Western pages, and what legacy
//! newswire files are). A declared legacy charset is overridden when the bytes are valid UTF-8
//! and contain multi-byte sequences: archived pages are often re-saved as UTF-8 while keeping
//! their original declaration. Never fails: undecodable bytes become U+FFFD.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How far into the document a charset declaration is looked for.
const SNIFF_LEN: usize = 4096;

/// Decode a file's bytes; `html` lets a `<meta charset>` declaration decide. Valid UTF-8 is
/// taken over without a copy.
pub fn decode(bytes: Vec<u8>, html: bool) -> String {
    match choose(&bytes, html) {
        Choice::Bom(enc, bom_len) => enc
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned(),
        Choice::Utf8 => String::from_utf8(bytes).unwrap_or_else(|e| {
            UTF_8
                .decode_without_bom_handling(e.as_bytes())
                .0
                .into_owned()
        }),
        Choice::Other(enc) => enc.decode_without_bom_handling(&bytes).0.into_owned(),
    }
}

/// Decode an HTML payload whose transport (an HTTP `Content-Type` header) named a charset:
/// a byte-order mark wins, then the transport label, then [`decode`]'s own evidence. As with
/// `<meta charset>`, a legacy label on bytes that are valid, non-ASCII UTF-8 is overridden.
pub fn decode_declared(bytes: Vec<u8>, label: Option<&str>) -> String {
    let declared = label.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    match declared {
        Some(enc) if Encoding::for_bom(&bytes).is_none() => {
            let utf8_ok = std::str::from_utf8(&bytes).is_ok();
            if enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE || (utf8_ok && !bytes.is_ascii())
            {
                decode(bytes, false)
            } else {
                enc.decode_without_bom_handling(&bytes).0.into_owned()
            }
        }
        _ => decode(bytes, true),
    }
}

enum Choice {
    Bom(&'static Encoding, usize),
    Utf8,
    Other(&'static Encoding),
}

fn choose(bytes: &[u8], html: bool) -> Choice {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Choice::Bom(enc, bom_len);
    }
    let declared = if html {
        sniff_meta_charset(&bytes[..bytes.len().min(SNIFF_LEN)]).map(|enc| {
            // A document that reaches the meta pre-scan is ASCII-compatible, so a UTF-16
            // label there is treated as UTF-8 (HTML spec, "prescan").
            if enc == UTF_16LE || enc == UTF_16BE {
                UTF_8
            } else {
                enc
            }
        })
    } else {
        None
    };
    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    match declared {
        Some(enc) if enc == UTF_8 => Choice::Utf8,
        // Pages re-saved as UTF-8 often keep their old declaration; a legacy multi-byte text
        // that also validates as UTF-8 is rare.
        Some(_) if utf8_ok && !bytes.is_ascii() => Choice::Utf8,
        Some(enc) => Choice::Other(enc),
        None if utf8_ok => Choice::Utf8,
        None => Choice::Other(WINDOWS_1252),
    }
}

/// Find a charset label in `<meta charset=…>` or
/// `<meta http-equiv="content-type" content="…; charset=…">` within `head`.
fn sniff_meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut pos = 0;
    while let Some(off) = memchr::memmem::find(&lower[pos..], b"<meta") {
        let start = pos + off;
        let end = memchr::memchr(b'>', &lower[start..])
            .map(|e| start + e)
            .unwrap_or(lower.len());
        let tag = &lower[start..end];
        if let Some(enc) = charset_in_tag(tag) {
            return Some(enc);
        }
        pos = end.max(start + 5);
        if pos >= lower.len() {
            break;
        }
    }
    None
}

fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let idx = memchr::memmem::find(tag, b"charset")?;
    let mut rest = &tag[idx + 7..];
    // skip whitespace, '=' and quotes
    while let Some((&b, tail)) = rest.split_first() {
        if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' {
            rest = tail;
        } else {
            break;
        }
    }
    let rest = rest.strip_prefix(b"=")?;
    let rest: &[u8] = {
        let mut r = rest;
        while let Some((&b, tail)) = r.split_first() {
            if b == b' ' || b == b'"' || b == b'\'' {
                r = tail;
            } else {
                break;
            }
        }
        r
    };
    let len = rest
        .iter()
        .position(|&b| {
            !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':' || b == b'.')
        })
        .unwrap_or(rest.len());
    if len == 0 {
        return None;
    }
    Encoding::for_label(&rest[..len])
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes() {
        let check =
            |bytes: &[u8], html: bool, want: &str| assert_eq!(decode(bytes.to_vec(), html), want);
        check("plain – utf8".as_bytes(), false, "plain – utf8");
        check(b"\xEF\xBB\xBFbom", false, "bom");
        check(b"\xFF\xFEh\0i\0", false, "hi");
        check(b"caf\xE9 \x93quoted\x94", false, "café “quoted”");
        check(
            b"<meta charset=\"windows-1252\"><p>\x93x\x94</p>",
            true,
            "<meta charset=\"windows-1252\"><p>“x”</p>",
        );
        // Re-saved as UTF-8 under an old declaration: the bytes win.
        check(
            "<meta charset=\"iso-8859-1\"><p>café</p>".as_bytes(),
            true,
            "<meta charset=\"iso-8859-1\"><p>café</p>",
        );
        check(b"bad \xC3 utf8 \xFF", false, "bad Ã utf8 ÿ");
    }
}
