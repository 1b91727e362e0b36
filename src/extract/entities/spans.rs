//! Span repair: where a tagged name starts and ends.
//!
//! The tagger sometimes stops a company name at "and" ("Merrill Lynch and" of "Merrill Lynch
//! and Co"), or starts it after one ("Poor's" of "Standard and Poor's"). A name never ends or
//! starts with a conjunction, comma or preposition; an organisation continued over "and" or
//! "&" into a legal form ("and Co") or into a capitalised word that no other span holds
//! ("Standard and Poor's") is one name.

use super::super::tagger::{Kind, Span};
use super::typing;
use super::{Recognised, SentenceAt, TokenRange};

/// Words a name never ends or starts with.
fn is_joiner(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "and" | "&" | "," | "of" | "for" | "the" | "in" | "on" | "at" | "to" | "or" | "by"
    )
}

fn is_and(word: &str) -> bool {
    matches!(word, "and" | "&")
}

/// Words that close a firm's name after "and" though they are no legal form: the founder's
/// heirs ("Alex. Brown and Sons").
const FAMILY_FIRM_ENDINGS: &[&str] = &["Sons", "Son"];

/// A legal form ([`typing::is_legal_form`]), or a family firm's ending
/// ([`FAMILY_FIRM_ENDINGS`]).
fn is_legal_form(word: &str) -> bool {
    typing::is_legal_form(&word.to_lowercase()) || FAMILY_FIRM_ENDINGS.contains(&word)
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether token `i` lies in no tagged span but the one at `from..to`.
fn is_free(at: &SentenceAt, i: usize, from: usize, to: usize) -> bool {
    !(at.spans.iter())
        .any(|span| span.from <= i && i < span.to && (span.to <= from || span.from >= to))
}

/// Lowercase words that may stand inside a name ("Bank of England", "Edwin van der Sar",
/// "Centre for Policy Studies"); any other lowercase word ("said", "met") ends one.
fn may_stand_inside(word: &str) -> bool {
    matches!(
        word,
        "of" | "the"
            | "and"
            | "for"
            | "on"
            | "in"
            | "at"
            | "upon"
            | "de"
            | "del"
            | "della"
            | "di"
            | "da"
            | "das"
            | "do"
            | "dos"
            | "du"
            | "des"
            | "van"
            | "von"
            | "der"
            | "den"
            | "ter"
            | "la"
            | "le"
            | "les"
            | "el"
            | "al"
            | "bin"
            | "ibn"
            | "y"
            | "e"
            | "und"
            | "zu"
            | "'s"
    )
}

/// Whether a word is written in lowercase letters only (no capital anywhere) and is long
/// enough to be a word of the sentence rather than a particle of a name ("v", "y").
fn is_lowercase_word(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !word.chars().any(char::is_uppercase)
}

/// A tagged span cut at the lowercase words no name holds: "The Bank said the Commission"
/// is "Bank" and "Commission", not one name; and at a bracket the span does not close
/// ("(Olympic champion Lindsay) Davenport", "Hizbollah (Party of God"). A name may hold a
/// closed pair ("Mladost (BJ)"). A span that a closing bracket cuts after an opening one
/// before it: a person's name holds the brackets of a given name an editor inserted ("(Tom)
/// Seaver"); any other such span loses the bracketed words, which qualify the name before
/// them ("Nikko Securities Co (Europe) Ltd").
pub(super) fn pieces(at: &SentenceAt, from: usize, to: usize, person: bool) -> Vec<TokenRange> {
    let mut out = Vec::new();
    let bracketed = (from > 0 && at.word(from - 1) == "(")
        .then(|| (from + 1..to).find(|&i| at.word(i) == ")"))
        .flatten();
    let inserted = bracketed.filter(|&i| person && i + 1 < to);
    let mut start = match (inserted, bracketed) {
        (Some(_), _) => from - 1,
        (None, Some(close)) => close + 1,
        (None, None) => from,
    };
    let mut open: Option<usize> = None;
    let mut unclosed = Vec::new();
    for i in start.max(from)..to {
        match at.word(i) {
            "(" => open = Some(i),
            ")" if open.is_some() => open = None,
            ")" if Some(i) != inserted => unclosed.push(i),
            _ => {}
        }
    }
    unclosed.extend(open);
    for i in start.max(from)..to {
        let word = at.word(i);
        if unclosed.contains(&i) || (is_lowercase_word(word) && !may_stand_inside(word)) {
            if i > start {
                out.push(TokenRange { from: start, to: i });
            }
            start = i + 1;
        }
    }
    if to > start {
        out.push(TokenRange { from: start, to });
    }
    out
}

/// Offices an organisation's name may run on into, before the name of who holds them.
fn is_office(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "director"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "chairman"
            | "chairwoman"
            | "president"
            | "minister"
            | "secretary"
            | "governor"
            | "commissioner"
            | "ambassador"
    )
}

/// An organisation's span that runs on over an office into its holder's name ("Central
/// Bank Governor Jaafar Hussein", "Traffic Control Administration Director Branko
/// Bilbija") is the organisation and the person; the office is neither. The organisation's
/// name must end as one does ("Bank", "Administration": not "American President Lines"),
/// and the holder's be a few capitalised words with no legal form or firm's word. Any other
/// span is left whole.
pub(super) fn at_office(at: &SentenceAt, span: Span) -> Vec<Span> {
    if span.kind != Kind::Org {
        return vec![span];
    }
    let firm_or_body =
        |word: &str| typing::name_evidence(word) != 0 || typing::is_company_word(word);
    let holder = (span.start + 1..span.end.saturating_sub(1)).find(|&i| {
        let name = i + 1..span.end;
        is_office(at.word(i))
            && firm_or_body(at.word(i - 1))
            && name.len() <= 4
            && name
                .clone()
                .all(|j| is_capitalised(at.word(j)) && !is_legal_form(at.word(j)))
            && !firm_or_body(at.word(span.end - 1))
    });
    match holder {
        Some(office) => vec![
            Span {
                end: office,
                ..span
            },
            Span {
                start: office + 1,
                kind: Kind::Per,
                ..span
            },
        ],
        None => vec![span],
    }
}

/// The repaired token range of a span `from..to` of this kind; only an organisation takes
/// the continuations over "and".
pub(super) fn repair(at: &SentenceAt, from: usize, to: usize, kind: Recognised) -> (usize, usize) {
    let (mut from, mut to) = (from, to);
    if kind == Recognised::Org {
        to = extend_right(at, from, to);
        from = extend_left(at, from, to);
    }
    while to - from > 1 && is_joiner(at.word(to - 1)) {
        to -= 1;
    }
    while to - from > 1 && matches!(at.word(from), "and" | "&" | "," | "of") {
        from += 1;
    }
    (from, to)
}

/// Whether a span ending before token `to` is followed by "and"/"&" and a legal form or
/// "Sons" ("James Capel" + "and Co"): the name of a firm, whatever the tagger made of it.
pub(super) fn names_a_firm(at: &SentenceAt, to: usize) -> bool {
    to + 1 < at.toks.len() && is_and(at.word(to)) && is_legal_form(at.word(to + 1))
}

/// "Merrill Lynch" + "and Co", "Goldman, Sachs and" + "Co": over "and"/"&" into a legal
/// form, or into a free capitalised word when the tagger took the "and" itself or a legal
/// form or "'s" follows the word.
fn extend_right(at: &SentenceAt, from: usize, mut to: usize) -> usize {
    let n = at.toks.len();
    loop {
        let took_and = is_and(at.word(to - 1));
        let next = if took_and {
            to
        } else if to + 1 < n && is_and(at.word(to)) {
            to + 1
        } else {
            return to;
        };
        if next >= n || !is_free(at, next, from, to) {
            return to;
        }
        let word = at.word(next);
        let closed =
            next + 1 < n && (is_legal_form(at.word(next + 1)) || at.word(next + 1) == "'s");
        if !(is_legal_form(word) || (is_capitalised(word) && (took_and || closed))) {
            return to;
        }
        to = next + 1;
        while to < n && is_legal_form(at.word(to)) {
            to += 1;
        }
    }
}

/// "Standard and" + "Poor's": a free capitalised word and "and"/"&" before an organisation
/// that ends in a legal form or is followed by "'s".
fn extend_left(at: &SentenceAt, from: usize, to: usize) -> usize {
    if from < 2 || !is_and(at.word(from - 1)) {
        return from;
    }
    let word = at.word(from - 2);
    let closed = is_legal_form(at.word(to - 1))
        || (to < at.toks.len() && at.word(to) == "'s")
        || at.word(to - 1) == "'s";
    if closed && is_capitalised(word) && !is_joiner(word) && is_free(at, from - 2, from, to) {
        from - 2
    } else {
        from
    }
}
