//! Quoted spans: the text between an opening and a closing quotation mark, outermost
//! only (a quote inside a quote stays in it). Curly marks say which way they face;
//! straight ones open when no quote is open and close otherwise. A quote still open at a
//! paragraph's end runs to it, and carries on in the next paragraph when that opens with a
//! quotation mark (the convention for a quote over several paragraphs).

use super::Text;

/// One quoted span in one paragraph, as tokens: the opening mark to the closing mark (or
/// the paragraph's last token when none closes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Quoted {
    pub open: usize,
    pub last: usize,
    /// Whether a closing mark ends it.
    pub closed: bool,
}

enum Mark {
    Opening,
    Closing,
    Straight,
}

/// Which quotation marks a text quotes with: a body's double ones, or a headline's single
/// ones too (a headline writes "Sanders Declares ‘Revolution’").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marks {
    Double,
    SingleToo,
}

fn mark(word: &str, marks: Marks) -> Option<Mark> {
    match word {
        "\u{201c}" | "\u{201e}" | "\u{ab}" | "``" => Some(Mark::Opening),
        "\u{201d}" | "\u{bb}" | "''" => Some(Mark::Closing),
        "\"" => Some(Mark::Straight),
        "\u{2018}" if marks == Marks::SingleToo => Some(Mark::Opening),
        "\u{2019}" if marks == Marks::SingleToo => Some(Mark::Closing),
        "'" if marks == Marks::SingleToo => Some(Mark::Straight),
        _ => None,
    }
}

/// The outermost quoted spans of a text, in order.
pub(super) fn quoted(text: &Text, marks: Marks) -> Vec<Quoted> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    for i in 0..text.len() {
        if depth > 0 && i > 0 && text.paragraph(i) != text.paragraph(i - 1) {
            spans.push(Quoted {
                open,
                last: i - 1,
                closed: false,
            });
            depth = 0;
        }
        let Some(mark) = mark(text.word(i), marks) else {
            continue;
        };
        let opens = match mark {
            Mark::Opening => true,
            // A closing mark set before a word, at no open quote, is one typed the wrong
            // way round ("”Fear. I am truly afraid …”").
            Mark::Closing => depth == 0 && opens_word(text, i),
            Mark::Straight => depth == 0,
        };
        if opens {
            if depth == 0 {
                open = i;
            }
            depth += 1;
        } else if depth > 0 {
            depth -= 1;
            if depth == 0 {
                spans.push(Quoted {
                    open,
                    last: i,
                    closed: true,
                });
            }
        }
    }
    if depth > 0 {
        spans.push(Quoted {
            open,
            last: text.len() - 1,
            closed: false,
        });
    }
    spans.retain(|q| q.last > q.open + 1 || !q.closed && q.last > q.open);
    spans
}

/// Whether the mark at token `i` stands before a word: white space (or the paragraph's
/// start) before it, and the next token touching it.
fn opens_word(text: &Text, i: usize) -> bool {
    let t = text.tokens[i];
    let spaced = i == 0
        || text.paragraph(i - 1) != text.paragraph(i)
        || text.body[..t.start].ends_with(char::is_whitespace);
    let touching = (text.tokens.get(i + 1))
        .is_some_and(|next| next.start == t.end && text.paragraph(i + 1) == text.paragraph(i));
    spaced && touching
}
