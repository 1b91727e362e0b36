//! Bytes to text: byte-order marks, HTML `<meta charset>`, UTF-8, and Windows-1252 as the
//! fallback for legacy files. Never fails: undecodable bytes become U+FFFD.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decode a file's bytes. `html` allows a `<meta charset>` in the first 4 KiB to decide.
/// Valid UTF-8 is taken over without a copy.
pub fn decode(bytes: Vec<u8>, html: bool) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom_len..])
            .0
            .into_owned();
    }
    if html {
        if let Some(enc) = meta_charset(&bytes[..bytes.len().min(4096)]) {
            if enc != UTF_8 {
                return enc.decode_without_bom_handling(&bytes).0.into_owned();
            }
        }
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => WINDOWS_1252
            .decode_without_bom_handling(e.as_bytes())
            .0
            .into_owned(),
    }
}

/// The encoding named by `charset=` in the head of an HTML page.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = memchr::memmem::find(&lower, b"charset=")? + b"charset=".len();
    let rest = &head[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    let enc = Encoding::for_label(&rest[..end])?;
    // A page that says UTF-16 in ASCII bytes is not UTF-16; trust UTF-8 then.
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    Some(enc)
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
        check(b"bad \xC3 utf8 \xFF", false, "bad Ã utf8 ÿ");
    }
}
