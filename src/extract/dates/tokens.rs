//! The scanner: a text split once into word, number and punctuation tokens,
//! each word looked up in the lexicon.

use super::lexicon::{self, Lex};

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Num,
    Punct,
}

/// One token with its byte span.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: Kind,
    /// The word's meaning (`Lex::Other` for numbers, punctuation and unknown words).
    pub(super) lex: Lex,
    /// Number value (saturating) for numbers; the byte for ASCII punctuation
    /// (curly apostrophes map to `'`, dashes to `-`), 0 for other non-ASCII punctuation.
    pub(super) n: u32,
    /// Digit count for numbers; for words [`CAP`] and [`ALLCAPS`].
    pub(super) flags: u8,
}

/// Word flag: the first letter is upper case.
pub(super) const CAP: u8 = 1;
/// Word flag: every letter is upper case (and there are at least two).
pub(super) const ALLCAPS: u8 = 2;

/// Splits `text` into tokens, appended to `out`; whitespace is dropped.
pub(super) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let byte = bytes[pos];
        if byte.is_ascii_whitespace() {
            pos += 1;
        } else if byte.is_ascii_alphabetic()
            || (byte >= 0x80 && char_at(text, pos).is_some_and(|ch| ch.is_alphabetic()))
        {
            pos = word(text, pos, out);
        } else if byte.is_ascii_digit() {
            pos = number(bytes, pos, out);
        } else if byte < 0x80 {
            out.push(Tok {
                start: pos,
                end: pos + 1,
                kind: Kind::Punct,
                lex: Lex::Other,
                n: byte as u32,
                flags: 0,
            });
            pos += 1;
        } else {
            pos = non_ascii_punct(text, pos, out);
        }
    }
}

/// The word starting at `start`; returns the byte after it.
fn word(text: &str, start: usize, out: &mut Vec<Tok>) -> usize {
    let bytes = text.as_bytes();
    let mut pos = start;
    let mut ascii = true;
    let mut upper = 0usize;
    let mut letters = 0usize;
    while pos < bytes.len() {
        let byte = bytes[pos];
        if byte.is_ascii_alphabetic() {
            letters += 1;
            if byte.is_ascii_uppercase() {
                upper += 1;
            }
            pos += 1;
        } else if byte >= 0x80 {
            match char_at(text, pos) {
                Some(ch) if ch.is_alphabetic() => {
                    ascii = false;
                    pos += ch.len_utf8();
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    let lex = if ascii {
        lexicon::lookup(&bytes[start..pos])
    } else {
        Lex::Other
    };
    let mut flags = 0;
    if bytes[start].is_ascii_uppercase() {
        flags |= CAP;
    }
    if upper == letters && letters > 1 {
        flags |= ALLCAPS;
    }
    out.push(Tok {
        start,
        end: pos,
        kind: Kind::Word,
        lex,
        n: 0,
        flags,
    });
    pos
}

/// The run of digits starting at `start`; returns the byte after it.
fn number(bytes: &[u8], start: usize, out: &mut Vec<Tok>) -> usize {
    let mut pos = start;
    let mut value: u32 = 0;
    while pos < bytes.len() && bytes[pos].is_ascii_digit() {
        value = value
            .saturating_mul(10)
            .saturating_add((bytes[pos] - b'0') as u32);
        pos += 1;
    }
    out.push(Tok {
        start,
        end: pos,
        kind: Kind::Num,
        lex: Lex::Other,
        n: value,
        flags: (pos - start).min(255) as u8,
    });
    pos
}

/// A non-ASCII character that is not a letter at `start` (skipped when it is
/// whitespace); returns the byte after it.
fn non_ascii_punct(text: &str, start: usize, out: &mut Vec<Tok>) -> usize {
    let ch = char_at(text, start).unwrap_or('\u{fffd}');
    let len = ch.len_utf8().max(1);
    if !ch.is_whitespace() {
        let n = match ch {
            '\u{2019}' | '\u{2018}' => b'\'' as u32,
            '\u{2013}' | '\u{2014}' => b'-' as u32,
            _ => 0,
        };
        out.push(Tok {
            start,
            end: start + len,
            kind: Kind::Punct,
            lex: Lex::Other,
            n,
            flags: 0,
        });
    }
    start + len
}

/// The character starting at byte `pos`, if `pos` is a character boundary.
fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|rest| rest.chars().next())
}
