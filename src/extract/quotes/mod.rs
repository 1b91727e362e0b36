//! Attributions: who said what, in a headline or a body. Direct quotes are found by their
//! quotation marks (one that runs over several paragraphs, or is split around its cue, is
//! one quote), then given the cue and source around them; lines a person's name and a
//! colon open ("Pompeo: …", a transcript's "PENCE: …") are that person's; reported speech
//! ("Mr Trump said he would ban TikTok", "according to officials, …") is found sentence by
//! sentence from the cue list ([`cues::VERBS`]). A source is resolved to the person,
//! company or organisation it names, or, for a pronoun or a role noun ("he", "the
//! company"), to the last one named before it.

pub mod cues;
mod direct;
mod indirect;
mod labelled;
mod marks;
mod source;

use crate::article::{EntityMention, Quote, Speaker, TextField};
use crate::extract::tokenize;

/// The most tokens from "called" to the quoted words it labels something with.
const LABEL_REACH: usize = 12;

/// The attributions of a body, in text order, with their speakers resolved against the
/// body's entity mentions; `sentences` are the body's ([`tokenize::tokenize`]).
pub fn find_quotes(
    body: &str,
    sentences: &[tokenize::Sentence],
    entities: &[EntityMention],
) -> Vec<Quote> {
    find_in(body, sentences, entities, TextField::Body)
}

/// The attributions of a headline, as [`find_quotes`] finds a body's: "Pompeo: TikTok Is
/// a Threat", "Trump Says He Will Ban TikTok".
pub fn find_headline_quotes(
    title: &str,
    sentences: &[tokenize::Sentence],
    entities: &[EntityMention],
) -> Vec<Quote> {
    find_in(title, sentences, entities, TextField::Title)
}

fn find_in(
    body: &str,
    sentences: &[tokenize::Sentence],
    entities: &[EntityMention],
    field: TextField,
) -> Vec<Quote> {
    let text = Text::read(body, sentences);
    let spans = marks::quoted(
        &text,
        match field {
            TextField::Title => marks::Marks::SingleToo,
            TextField::Body => marks::Marks::Double,
        },
    );
    let mut found = direct::attributions(&text, &spans);
    let lines = match field {
        TextField::Title => labelled::Lines::Headline,
        TextField::Body => labelled::Lines::Transcript,
    };
    for a in labelled::attributions(&text, lines, entities) {
        let (first, last) = a.parts[0];
        let quoted = |a: &Attribution| a.parts.iter().any(|p| p.0 <= last && first <= p.1);
        if !found.iter().any(quoted) {
            found.push(a);
        }
    }
    let mut used = vec![false; text.tokens.len()];
    for a in &found {
        a.mark_used(&mut used);
    }
    let mut quoted = vec![false; text.tokens.len()];
    for span in &spans {
        quoted[span.open..=span.last]
            .iter_mut()
            .for_each(|q| *q = true);
    }
    found.extend(indirect::attributions(&text, &used, &quoted));
    if field == TextField::Title && !body.chars().any(char::is_lowercase) {
        found.retain(|a| plainest(&text, a));
    }
    found.sort_by_key(|a| a.parts.first().map_or(0, |p| p.0));
    let mentions: Vec<&EntityMention> = entities.iter().filter(|e| e.field == field).collect();
    let mut context = source::Context {
        mentions: &mentions,
        article: entities,
        quoted: (found.iter().filter(|a| a.direct))
            .flat_map(|a| a.parts.iter().map(|&(first, last)| text.bytes(first, last)))
            .collect(),
        previous: None,
    };
    let mut quotes = Vec::with_capacity(found.len());
    for a in found {
        let quote = a.into_quote(&text, &context, field);
        if let Some(speaker) = &quote.speaker {
            context.previous = speaker.entity.clone();
        }
        quotes.push(quote);
    }
    quotes
}

/// Whether an attribution has one of the plainest cues ("says", "told", a colon): all a
/// headline in capitals is read for, since its names do not stand apart from the words
/// around them ("FED ADDS RESERVES", "CHRYSLER UNIT SELLS NOTES").
fn plainest(text: &Text, a: &Attribution) -> bool {
    a.cue.is_some_and(|(first, last)| {
        first == last
            && cues::in_list(
                &["says", "said", "say", "tells", "told", ":"],
                text.word(first),
            )
    })
}

/// A body as tokens, each with its sentence and paragraph.
pub(crate) struct Text<'a> {
    body: &'a str,
    tokens: Vec<Tok>,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    sentence: u32,
    paragraph: u32,
}

impl<'a> Text<'a> {
    fn read(body: &'a str, sentences: &[tokenize::Sentence]) -> Text<'a> {
        let mut tokens = Vec::new();
        let mut paragraph = 0;
        let mut last_end = 0;
        for (sentence, s) in sentences.iter().enumerate() {
            for &t in &s.tokens {
                if body[last_end..t.start].contains('\n') {
                    paragraph += 1;
                }
                last_end = t.end;
                tokens.push(Tok {
                    start: t.start,
                    end: t.end,
                    sentence: sentence as u32,
                    paragraph,
                });
            }
        }
        Text { body, tokens }
    }

    fn word(&self, i: usize) -> &'a str {
        let t = self.tokens[i];
        &self.body[t.start..t.end]
    }

    fn len(&self) -> usize {
        self.tokens.len()
    }

    fn paragraph(&self, i: usize) -> u32 {
        self.tokens[i].paragraph
    }

    /// The runs of tokens that share a `key` (their sentence, their paragraph), as
    /// `(first, last)` ranges in text order.
    fn runs(&self, key: fn(&Self, usize) -> u32) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut first = 0;
        std::iter::from_fn(move || {
            if first >= self.len() {
                return None;
            }
            let mut last = first;
            while last + 1 < self.len() && key(self, last + 1) == key(self, first) {
                last += 1;
            }
            let run = (first, last);
            first = last + 1;
            Some(run)
        })
    }

    fn sentence(&self, i: usize) -> u32 {
        self.tokens[i].sentence
    }

    /// Whether token `i` starts with an upper-case letter (or a digit: "3M").
    fn capitalised(&self, i: usize) -> bool {
        self.word(i)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    /// The byte range of tokens `first..=last`.
    fn bytes(&self, first: usize, last: usize) -> (usize, usize) {
        (self.tokens[first].start, self.tokens[last].end)
    }

    /// The cue that starts at token `i`, as the index of its last token: "according to"
    /// or a verb of [`cues::VERBS`].
    fn cue_at(&self, i: usize) -> Option<usize> {
        let word = self.word(i);
        if word.eq_ignore_ascii_case("according")
            && i + 1 < self.len()
            && self.word(i + 1).eq_ignore_ascii_case("to")
        {
            return Some(i + 1);
        }
        // "called for", "pointed to": a verb and the particle it speaks with.
        let phrasal = i + 1 < self.len() && cues::is_phrasal(word, self.word(i + 1));
        if !phrasal && !cues::is_verb(word) && !self.labels(i) {
            return None;
        }
        // After a determiner, the word is a noun ("the show", "a showing", "the continued
        // withdrawals"), a cue only when it takes a clause ("his claim that …").
        let takes_clause = i + 1 < self.len() && self.word(i + 1).eq_ignore_ascii_case("that");
        let noun = i > 0
            && !takes_clause
            && cues::in_list(
                &[
                    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your",
                ],
                self.word(i - 1),
            );
        (!noun).then_some(if phrasal { i + 1 } else { i })
    }

    /// Whether token `i` is "called" (or "calls", "calling") naming what something is in
    /// the source's quoted words: "Bush called Trump “unhinged”".
    fn labels(&self, i: usize) -> bool {
        let word = self.word(i);
        let called = word.len() >= 5
            && word.as_bytes()[0].eq_ignore_ascii_case(&b'c')
            && cues::in_list(&["called", "calls", "calling"], word);
        if !called {
            return false;
        }
        let quoting = (i + 1..self.len().min(i + LABEL_REACH))
            .take_while(|&j| self.sentence(j) == self.sentence(i))
            .any(|j| cues::is_mark(self.word(j)));
        // "They called him a political opportunist": someone calling someone something,
        // not a thing called by a name ("a group called …").
        let by_someone = i > 0
            && (self.capitalised(i - 1) || cues::is_pronoun(self.word(i - 1)))
            && i + 2 < self.len()
            && cues::in_list(
                &["him", "her", "them", "it", "me", "us", "you"],
                self.word(i + 1),
            );
        quoting || by_someone
    }

    /// Whether token `i` ends its sentence: a full stop, question or exclamation mark not
    /// followed by a comma or a closing bracket ("Mitch McConnell, R-Ky., said").
    fn ends_at(&self, i: usize) -> bool {
        cues::is_terminator(self.word(i))
            && (i + 1 >= self.len() || !matches!(self.word(i + 1), "," | ")"))
    }

    /// A cue `first..=last` widened back over the auxiliaries before it ("has said"), no
    /// further than `floor`.
    fn with_auxiliaries(&self, first: usize, floor: usize, last: usize) -> (usize, usize) {
        let mut start = first;
        while start > floor
            && matches!(
                self.word(start - 1).to_ascii_lowercase().as_str(),
                "has" | "have" | "had"
            )
        {
            start -= 1;
        }
        (start, last)
    }

    fn is_according(&self, cue: (usize, usize)) -> bool {
        self.word(cue.0).eq_ignore_ascii_case("according")
    }
}

/// An attribution as token ranges: its content's parts, its cue and its source (each
/// `first..=last`).
#[derive(Debug, Clone)]
pub(crate) struct Attribution {
    parts: Vec<(usize, usize)>,
    direct: bool,
    cue: Option<(usize, usize)>,
    source: Option<(usize, usize)>,
}

impl Attribution {
    fn mark_used(&self, used: &mut [bool]) {
        let ranges = self.parts.iter().chain(&self.cue).chain(&self.source);
        for &(first, last) in ranges {
            used[first..=last].iter_mut().for_each(|u| *u = true);
        }
    }

    fn into_quote(self, text: &Text, context: &source::Context, field: TextField) -> Quote {
        let speaker = self.source.map(|(first, last)| {
            let (start, end) = text.bytes(first, last);
            Speaker {
                text: text.body[start..end].to_string(),
                start,
                end,
                entity: source::resolve(text, (first, last), context),
            }
        });
        Quote {
            field,
            parts: (self.parts.iter())
                .map(|&(first, last)| text.bytes(first, last))
                .collect(),
            direct: self.direct,
            cue: self.cue.map(|(first, last)| text.bytes(first, last)),
            speaker,
        }
    }
}

#[cfg(test)]
mod tests;
