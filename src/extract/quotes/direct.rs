//! Direct quotes: quoted spans given the cue and source around them. A span's cue is
//! before it, in its sentence ("Mr Mnuchin told ABC TV: “…”"), or just after it ("“…,” a
//! TikTok spokesperson said"); a span that opens a sentence with no cue of its own carries
//! on the attributed quote of its paragraph (“…,” he said. “…”), or is introduced by the
//! paragraph before ("Caddell continued:"). A span inside a sentence that is not
//! introduced by a cue ("it “risks sending back information”, said Mr Mnuchin") is part of
//! reported speech, left to [`super::indirect`].

use super::marks::Quoted;
use super::{Attribution, Text, cues, source};

/// The fewest words a quote with no cue of its own must hold to stand as one: fewer are
/// a phrase set off in quotation marks ("so-called “experts”"), not a statement.
const BARE_MIN_WORDS: usize = 4;

/// The most tokens a cue may stand before its quote ("told the Fox News Channel: “…”").
const LEAD_GAP: usize = 6;

/// The most tokens between a quote and the cue after it ("“…,” Leonard Burman, director of
/// the Tax Policy Center, said").
const TRAIL_REACH: usize = 30;

/// The most tokens after a quote's trailing cue that only say when, where or to whom it
/// was said ("“…,” she told reporters on Sunday").
const TRAIL_TAIL: usize = 6;

/// A cue and the source found for it, as token ranges.
type CueAndSource = ((usize, usize), Option<(usize, usize)>);

/// What a quote's own sentence says of it.
#[derive(Debug, Clone)]
enum Cued {
    /// A cue, and the source when one is found.
    By {
        cue: (usize, usize),
        source: Option<(usize, usize)>,
    },
    /// None: it opens its sentence.
    Bare,
    /// None, and other words lead into it: part of reported speech.
    Partial,
    /// Part of reported speech whose cue follows the quote ("Both parties “saw Burma as
    /// …,” said Victor Cha"): the content runs from the sentence's start, token `start`.
    Within {
        start: usize,
        cue: (usize, usize),
        source: Option<(usize, usize)>,
    },
}

/// The direct quotes of a text, with their cues and sources.
pub(super) fn attributions(text: &Text, spans: &[Quoted]) -> Vec<Attribution> {
    let groups = chains(text, spans);
    let cued: Vec<Cued> = (0..groups.len())
        .map(|g| {
            let previous_last = g.checked_sub(1).map(|p| groups[p].last().unwrap().last);
            let next_open = groups.get(g + 1).map(|n| n[0].open);
            cued(text, &groups[g], previous_last, next_open)
        })
        .collect();
    let mut found: Vec<Attribution> = Vec::new();
    // The attribution each group went to.
    let mut home: Vec<Option<usize>> = vec![None; groups.len()];
    for (g, c) in cued.iter().enumerate() {
        if let Cued::Within { start, cue, source } = c {
            home[g] = Some(found.len());
            found.push(Attribution {
                parts: vec![(*start, groups[g].last().unwrap().last)],
                direct: false,
                cue: Some(*cue),
                source: *source,
            });
        }
        if let Cued::By { cue, source } = c {
            let parts = parts(&groups[g]);
            if let Some(same) = found.iter().position(|a| a.cue == Some(*cue)) {
                found[same].parts.extend(parts);
                home[g] = Some(same);
            } else {
                home[g] = Some(found.len());
                found.push(Attribution {
                    parts,
                    direct: true,
                    cue: Some(*cue),
                    source: *source,
                });
            }
        }
    }
    for (g, c) in cued.iter().enumerate() {
        if !matches!(c, Cued::Bare) {
            continue;
        }
        let paragraph = text.paragraph(groups[g][0].open);
        let in_paragraph =
            |h: usize| home[h].filter(|_| text.paragraph(groups[h][0].open) == paragraph);
        let before = (0..g).rev().find_map(in_paragraph);
        let after = (g + 1..groups.len()).find_map(in_paragraph);
        // A quote carries on another when it opens its sentence (perhaps after a few
        // words set off: "Instead, “…”"), or when it is the second
        // half of one split around its cue ("“…,” said an Iowa Democrat, “and …”"); one
        // introduced by other words ("my answer: “…”", "Mitt Romney -- “…” --") is not
        // that one's.
        let open = groups[g][0].open;
        let previous_last = g
            .checked_sub(1)
            .map_or(0, |p| groups[p].last().unwrap().last + 1);
        let opens = lead_in(text, sentence_start(text, open, previous_last), open);
        let split = |a: usize| {
            (found[a].cue).is_some_and(|cue| text.sentence(cue.1) == text.sentence(open))
        };
        let home = before
            .filter(|&a| opens || split(a))
            .or(after.filter(|_| opens));
        if let Some(a) = home {
            found[a].parts.extend(parts(&groups[g]));
            continue;
        }
        if words(text, &groups[g]) < BARE_MIN_WORDS {
            continue;
        }
        if let Some((cue, source)) = introduced(text, groups[g][0].open) {
            found.push(Attribution {
                parts: parts(&groups[g]),
                direct: true,
                cue: Some(cue),
                source,
            });
            continue;
        }
        // Opening its paragraph, carries on the quote of the paragraph before when that
        // one is a direct quote; else stands with no speaker.
        let open = groups[g][0].open;
        let opens_paragraph = open == 0 || text.paragraph(open - 1) != paragraph;
        let carried = (found.iter_mut()).filter(|a| a.direct).rfind(|a| {
            let last = a.parts.last().unwrap().1;
            opens_paragraph && text.paragraph(last) + 1 == paragraph
        });
        match carried {
            Some(a) => a.parts.extend(parts(&groups[g])),
            None => found.push(Attribution {
                parts: parts(&groups[g]),
                direct: true,
                cue: None,
                source: None,
            }),
        }
    }
    for a in &mut found {
        a.parts.sort_unstable();
    }
    found
}

/// Quoted spans chained into quotes: a span still open at its paragraph's end and a span
/// that opens the next paragraph are one quote.
fn chains(text: &Text, spans: &[Quoted]) -> Vec<Vec<Quoted>> {
    let mut groups: Vec<Vec<Quoted>> = Vec::new();
    for &span in spans {
        if let Some(group) = groups.last_mut() {
            let last = *group.last().unwrap();
            let opens_next = span.open == last.last + 1
                && text.paragraph(span.open) == text.paragraph(last.last) + 1;
            if !last.closed && opens_next {
                group.push(span);
                continue;
            }
        }
        groups.push(vec![span]);
    }
    groups
}

fn parts(group: &[Quoted]) -> Vec<(usize, usize)> {
    group.iter().map(|q| (q.open, q.last)).collect()
}

/// The words inside a quote's spans.
fn words(text: &Text, group: &[Quoted]) -> usize {
    (group.iter())
        .flat_map(|q| q.open..=q.last)
        .filter(|&i| text.word(i).chars().any(char::is_alphanumeric))
        .count()
}

/// What a quote's sentence says of it: the cue before it, else the cue after it.
fn cued(
    text: &Text,
    group: &[Quoted],
    previous_last: Option<usize>,
    next_open: Option<usize>,
) -> Cued {
    let first = group[0];
    let lead = lead(text, first, previous_last);
    match lead {
        Lead::Cue(cue, source) => return Cued::By { cue, source },
        Lead::Partial => {
            let last = *group.last().unwrap();
            // A cue that runs on into a clause of its own is that clause's ("On “The
            // Morning Show,” the nominee said she …").
            let own = |&(cue, _): &CueAndSource| {
                let end = sentence_end(text, cue.1);
                !runs_on(text, cue.1, end)
            };
            return match trail(text, last, next_open).filter(|c| last.closed && own(c)) {
                Some((cue, source)) => Cued::Within {
                    start: sentence_start(text, first.open, 0),
                    cue,
                    source,
                },
                None => Cued::Partial,
            };
        }
        Lead::Open => {}
    }
    let last = *group.last().unwrap();
    if last.closed
        && let Some((cue, source)) = trail(text, last, next_open)
    {
        return Cued::By { cue, source };
    }
    Cued::Bare
}

enum Lead {
    Cue((usize, usize), Option<(usize, usize)>),
    /// Nothing leads into the quote, or only a comma or a colon.
    Open,
    Partial,
}

/// The words of the quote's sentence before its opening mark (back to the sentence's
/// start or the quote before), read for a cue that introduces the quote.
fn lead(text: &Text, quote: Quoted, previous_last: Option<usize>) -> Lead {
    let open = quote.open;
    let first = sentence_start(text, open, previous_last.map_or(0, |p| p + 1));
    if first == open {
        return Lead::Open;
    }
    let mut end = open - 1;
    let mut introduced = false;
    while end >= first && matches!(text.word(end), "," | ":" | "\u{2014}" | "-" | "--") {
        introduced = true;
        if end == first {
            return Lead::Open;
        }
        end -= 1;
    }
    // "said that “…”": reported speech quoting the words.
    if text.word(end).eq_ignore_ascii_case("that") {
        return Lead::Partial;
    }
    for i in (first..=end).rev() {
        let Some(cue_last) = text.cue_at(i) else {
            continue;
        };
        // "called it “reckless”" labels something: reported speech, not a quote.
        if cue_last > end || end - cue_last > LEAD_GAP || text.labels(i) {
            break;
        }
        let between = cue_last + 1..=end;
        // What it is said of ("says of Clinton, “…”").
        let of = introduced && text.word(cue_last + 1).eq_ignore_ascii_case("of");
        // "Said Ellis: “…”": a cue opening its sentence, its source after it.
        let inverted = i == first
            && introduced
            && source::after(text, cue_last, end).is_some_and(|s| s.1 == end);
        let fits = between.is_empty()
            || inverted
            || introduced && cues::is_telling(text.word(i))
            || of
            || between.clone().all(|j| cues::is_setting(text.word(j)))
            || introduced && on_occasion(text, between.clone());
        // Not set off by a comma or a colon, the quote is the speaker's whole sentence
        // ("He said “…”."), else part of one ("said “budget reforms” were needed").
        if !fits || !introduced && !ends_sentence(text, quote) {
            break;
        }
        let cue = text.with_auxiliaries(i, first, cue_last);
        let source = if text.is_according(cue) {
            source::after_according(text, cue_last, end)
        } else {
            source::before(text, cue.0, first).or_else(|| source::after(text, cue_last, end))
        };
        return Lead::Cue(cue, source);
    }
    if introduced {
        Lead::Open
    } else {
        Lead::Partial
    }
}

/// The most tokens set off before a quote that still opens its sentence ("For
/// African-Americans, on the other hand, “…”").
const LEAD_IN: usize = 7;

/// Whether the words `first..open` before a quote leave it opening its sentence: none, or
/// a few set off by a comma that hold no clause.
fn lead_in(text: &Text, first: usize, open: usize) -> bool {
    first == open
        || open - first <= LEAD_IN
            && text.word(open - 1) == ","
            && (first..open).all(|j| !opens_clause(text.word(j)) && text.cue_at(j).is_none())
}

/// Whether tokens `between` say where or when a cue was spoken, as a phrase opened by a
/// preposition and holding no clause ("saying during the debate last week, “…”").
fn on_occasion(text: &Text, mut between: std::ops::RangeInclusive<usize>) -> bool {
    let opens = between.next().is_some_and(|j| {
        cues::in_list(
            &["during", "at", "in", "on", "after", "before"],
            text.word(j),
        )
    });
    opens && between.all(|j| !cues::is_break(text.word(j)) && !opens_clause(text.word(j)))
}

/// The first token of the sentence (within its paragraph, and no earlier than token
/// `floor`) token `i` is in.
fn sentence_start(text: &Text, i: usize, floor: usize) -> usize {
    let mut first = i;
    while first > floor
        && text.paragraph(first - 1) == text.paragraph(i)
        && !cues::is_terminator(text.word(first - 1))
    {
        first -= 1;
    }
    first
}

/// Whether a quote ends its sentence: a closing mark after a full stop, or one before it,
/// or the paragraph's end.
fn ends_sentence(text: &Text, quote: Quoted) -> bool {
    if !quote.closed {
        return true;
    }
    let inside = quote.last > quote.open && cues::is_terminator(text.word(quote.last - 1));
    let next = quote.last + 1;
    inside
        || next >= text.len()
        || text.paragraph(next) != text.paragraph(quote.last)
        || cues::is_terminator(text.word(next))
}

/// The cue after a closed quote, in the words up to its sentence's end: "said X" or "X
/// said".
fn trail(text: &Text, quote: Quoted, next_open: Option<usize>) -> Option<CueAndSource> {
    let paragraph = text.paragraph(quote.last);
    let ceiling = next_open.unwrap_or(text.len()).min(text.len());
    let mut start = quote.last + 1;
    if start + 1 < ceiling
        && text.paragraph(start + 1) == paragraph
        && cues::is_credit_dash(text.word(start))
        && text.capitalised(start + 1)
    {
        let end = (start + 1..ceiling)
            .take_while(|&i| text.paragraph(i) == paragraph && !cues::is_break(text.word(i)))
            .last()?;
        return Some(((start, start), source::after(text, start, end)));
    }
    while start < ceiling && matches!(text.word(start), "," | "\u{2014}" | "--") {
        start += 1;
    }
    if start >= ceiling || text.paragraph(start) != paragraph {
        return None;
    }
    let full_stop = quote.last > quote.open && text.word(quote.last - 1) == ".";
    if full_stop && text.capitalised(start) && text.cue_at(start).is_none() {
        return None;
    }
    let mut end = start;
    while end + 1 < ceiling && text.paragraph(end + 1) == paragraph && !text.ends_at(end) {
        end += 1;
    }
    let mut bracket = false;
    for i in start..=end.min(start + TRAIL_REACH) {
        let word = text.word(i);
        // "Sen. Claire McCaskill (D-Mo.) said"
        bracket = match word {
            "(" => true,
            ")" => false,
            _ => bracket,
        };
        if bracket || word == ")" {
            continue;
        }
        if text.ends_at(i) || cues::is_mark(word) || word == ";" {
            return None;
        }
        let Some(cue_last) = text.cue_at(i) else {
            continue;
        };
        if i == start {
            return Some(((i, cue_last), source::after(text, cue_last, end)));
        }
        let source = source::before(text, i, start)?;
        // A cue past a clause of other words is that clause's ("“…” on Sunday that Mr
        // Trump had …, and he accused"), not the quote's.
        if (start..source.0).any(|j| opens_clause(text.word(j))) {
            return None;
        }
        // A title or a phrase in quotation marks inside a sentence is not what a cue that
        // runs on into a clause of its own says ("On “This Week,” Carson admitted that
        // …"); a short answer that opens its sentence is ("“Absolutely,” he said when
        // asked …").
        let inside = sentence_start(text, quote.open, 0) != quote.open;
        let short = inside
            && (quote.open..=quote.last)
                .filter(|&j| text.word(j).chars().any(char::is_alphanumeric))
                .count()
                < BARE_MIN_WORDS;
        if short && runs_on(text, cue_last, end) {
            return None;
        }
        return Some((
            text.with_auxiliaries(i, source.1 + 1, cue_last),
            Some(source),
        ));
    }
    None
}

/// The last token of the sentence token `i` is in, less its closing punctuation.
fn sentence_end(text: &Text, i: usize) -> usize {
    let mut end = i;
    while end + 1 < text.len() && text.sentence(end + 1) == text.sentence(i) {
        end += 1;
    }
    while end > i && (cues::is_terminator(text.word(end)) || cues::is_mark(text.word(end))) {
        end -= 1;
    }
    end
}

/// Whether the words after a cue, to the sentence's `end`, are a clause of its own rather
/// than when, where or to whom it was said.
fn runs_on(text: &Text, cue_last: usize, end: usize) -> bool {
    let next = cue_last + 1;
    next <= end
        && (text.word(next).eq_ignore_ascii_case("that")
            || !matches!(text.word(next), "," | "(")
                && end - cue_last > TRAIL_TAIL
                && (next..=end).any(|j| !cues::is_setting(text.word(j))))
}

/// Whether a word between a quote and a cue after it starts a clause of its own.
fn opens_clause(word: &str) -> bool {
    cues::is_finite(word)
        || cues::in_list(
            &["that", "when", "while", "because", "if", "after", "before"],
            word,
        )
}

/// The cue and source of the paragraph before the one opening at token `open`, when that
/// paragraph ends by introducing what follows ("Caddell continued:").
fn introduced(text: &Text, open: usize) -> Option<CueAndSource> {
    let end = open.checked_sub(1)?;
    if text.word(end) != ":" || text.paragraph(end) + 1 != text.paragraph(open) {
        return None;
    }
    let sentence = text.sentence(end);
    let mut first = end;
    while first > 0 && text.sentence(first - 1) == sentence {
        first -= 1;
    }
    (first..end).rev().find_map(|i| {
        let cue_last = text.cue_at(i)?;
        (cue_last + 1 == end).then(|| {
            let cue = text.with_auxiliaries(i, first, cue_last);
            (cue, source::before(text, cue.0, first))
        })
    })
}
