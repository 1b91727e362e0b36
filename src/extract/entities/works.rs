//! Works, awards, events and products: names that are none of the four kinds, found from the
//! words in and around them.
//!
//! The cues, each a [`Cue`], read the word lists of `data/nonentities/works-and-events.txt`:
//!
//! | cue | example |
//! |---|---|
//! | [`Cue::AfterNoun`] | "the film Midnight Harbour", "her album \"Blue Lanterns\"" |
//! | [`Cue::Quoted`] | "she wrote \"Salt Road\"" |
//! | [`Cue::EventWord`] | "the Harbour Film Festival", "World Cup", "the Lisbon Games" |
//! | [`Cue::Product`] | "MP3", "iPod" |
//! | [`Cue::WonAwards`] | "Midnight Harbour won four Oscars" |
//! | [`Cue::TookSome`] | "…, and Blue Lanterns took five" (in a sentence about such awards) |
//! | [`Cue::Apposition`] | "Blue Lanterns, the band's third album," |
//!
//! [`work_cue`] judges a span the tagger marked; [`title_runs`] finds titles it left unmarked
//! (a capitalised run after a work noun, a capitalised title in quotation marks);
//! [`event_tail`] extends a marked span over the event words that follow it ("Cannes" +
//! "Film Festival").

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use super::super::gazetteer::{is_capitals, key};
use super::super::tokenize::Token;
use super::TokenRange;

const WORKS: &str = include_str!("../../../data/nonentities/works-and-events.txt");

/// The lines of one `[section]` of the list, as keys.
fn section(name: &str) -> FxHashSet<String> {
    let header = format!("[{name}]");
    WORKS
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.starts_with('#'))
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
}

static BEFORE: LazyLock<FxHashSet<String>> = LazyLock::new(|| section("before"));
/// The last words of the work nouns of two words ("carrier" of "aircraft carrier"): a few,
/// compared in turn, which costs the words of every sentence less than a hash.
static BEFORE_TAILS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut tails: Vec<String> = (BEFORE.iter())
        .filter_map(|noun| Some(noun.split_once(' ')?.1.to_string()))
        .collect();
    tails.sort();
    tails.dedup();
    tails
});

static PREFIX: LazyLock<FxHashSet<String>> = LazyLock::new(|| section("prefix"));
static LAST: LazyLock<FxHashSet<String>> = LazyLock::new(|| section("last"));
static WHOLE: LazyLock<FxHashSet<String>> = LazyLock::new(|| section("whole"));
static AWARD: LazyLock<FxHashSet<String>> = LazyLock::new(|| section("award"));
static VERB: LazyLock<FxHashSet<String>> = LazyLock::new(|| section("verb"));

/// Whether `word` ends a work noun of two words.
fn ends_two_word_noun(word: &str) -> bool {
    BEFORE_TAILS.iter().any(|tail| tail == word)
}

/// Whether a word, in capitals, is a prefix that opens a ship's name ("RMS").
fn is_ship_prefix(word: &str) -> bool {
    is_capitals(word) && PREFIX.contains(&key(word))
}

/// A ship's name without the prefix it opens with ("Titanic" of "RMS Titanic"), by which
/// stories name it again.
pub(super) fn without_ship_prefix(name: &str) -> Option<&str> {
    let (prefix, rest) = name.split_once(' ')?;
    is_ship_prefix(prefix).then_some(rest)
}

/// Words that open an apposition naming what the span is ("X, the band's album").
const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its", "our", "my"];
/// Words that may follow a work noun heading an apposition ("X, the film by …"), where a
/// noun after it would make the work noun a modifier ("X, the film distributor").
const AFTER_HEAD: &[&str] = &[
    "by",
    "from",
    "about",
    "of",
    "that",
    "which",
    "starring",
    "directed",
    "released",
    "in",
    "on",
    "with",
    "and",
    "was",
    "is",
    "set",
    "featuring",
    "for",
];
/// Words that may join the capitalised words of a title ("Salt of the Earth").
const CONNECTORS: &[&str] = &[
    "of", "the", "a", "an", "and", "in", "on", "to", "for", "de", "&",
];
/// Number words, for "took five".
const NUMBERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];
/// Verbs after which a person right after a work noun is its maker, not its title ("the
/// film Ana Costa made").
const MAKER_VERBS: &[&str] = &[
    "made", "makes", "directed", "directs", "wrote", "writes", "produced", "released", "recorded",
    "starred", "sang", "shot", "filmed", "has", "had",
];
/// The longest title [`title_runs`] takes, in tokens.
const MAX_TITLE: usize = 8;

/// Why a span names a work, an award, an event or a product; see the module guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    AfterNoun,
    Quoted,
    EventWord,
    Product,
    WonAwards,
    TookSome,
    Apposition,
    /// A ship's prefix opens the name ("RMS Titanic").
    Prefix,
}

impl Cue {
    /// Whether the cue holds for a span the built-in lists know as an entity (a quoted
    /// "UK" is still the United Kingdom), and for one the tagger called a person whose name
    /// opens with a given name (a person wins awards too).
    pub(super) fn holds_for(self, span: Standing) -> bool {
        match self {
            Cue::AfterNoun | Cue::EventWord | Cue::Product | Cue::Prefix => true,
            Cue::Quoted => !span.listed,
            Cue::WonAwards | Cue::TookSome | Cue::Apposition => !span.listed && !span.named_person,
        }
    }
}

/// What the lists and the tagger say of a span a cue points at.
#[derive(Debug, Clone, Copy)]
pub(super) struct Standing {
    /// The gazetteer knows the span as an entity or a place.
    pub listed: bool,
    /// The tagger called it a person, and its name opens with a common given name.
    pub named_person: bool,
}

/// A sentence's text and tokens, read word by word as keys.
pub(super) struct Words<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
}

impl Words<'_> {
    fn raw(&self, i: usize) -> &str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    fn key(&self, i: usize) -> String {
        key(self.raw(i))
    }

    /// Whether token `i` ends a work noun ([`BEFORE`]): one word, or two ("aircraft carrier").
    fn is_work_noun(&self, i: usize) -> bool {
        let word = self.key(i);
        BEFORE.contains(&word)
            || (i > 0
                && ends_two_word_noun(&word)
                && BEFORE.contains(&format!("{} {word}", self.key(i - 1))))
    }

    fn is_quote(&self, i: usize) -> bool {
        matches!(
            self.raw(i),
            "\"" | "“" | "”" | "‘" | "’" | "'" | "``" | "''"
        )
    }

    /// Whether tokens `open` and `close` are quotation marks that pair: `"…"`, `“…”`,
    /// `‘…’`, `'…'` (not `"…'`, where the last is a possessive's apostrophe).
    fn quotes(&self, open: usize, close: usize) -> bool {
        matches!(
            (self.raw(open), self.raw(close)),
            ("\"", "\"") | ("“", "”") | ("‘", "’") | ("'", "'") | ("``", "''") | ("''", "''")
        )
    }

    /// Whether token `close`, or the one after it past a comma or full stop inside the
    /// quotation (`"The Knot,"`), closes the quotation opened at token `open`.
    fn closes(&self, open: usize, close: usize) -> bool {
        let n = self.toks.len();
        let inside = close + 1 < n && matches!(self.raw(close), "," | ".");
        (close < n && self.quotes(open, close)) || (inside && self.quotes(open, close + 1))
    }

    fn is_capitalised(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn is_punctuation(&self, i: usize) -> bool {
        self.raw(i).chars().all(|c| !c.is_alphanumeric())
    }

    /// A number in digits or words ("5", "five").
    fn is_number(&self, i: usize) -> bool {
        let w = self.key(i);
        w.chars().all(|c| c.is_ascii_digit()) || NUMBERS.contains(&w.as_str())
    }

    /// Whether token `i` is past the sentence's end or punctuation.
    fn ends_clause(&self, i: usize) -> bool {
        i >= self.toks.len() || self.is_punctuation(i)
    }
}

/// The cue by which tokens `from..to` name a work, an award, an event or a product, if any.
pub(super) fn work_cue(words: &Words, from: usize, to: usize) -> Option<Cue> {
    let span = key(&words.text[words.toks[from].start..words.toks[to - 1].end]);
    let quoted = from > 0 && words.closes(from - 1, to);
    let before = from
        .checked_sub(if quoted { 2 } else { 1 })
        .is_some_and(|i| words.is_work_noun(i));
    if before && !made_by(words, to) {
        Some(Cue::AfterNoun)
    } else if to - from >= 2 && is_ship_prefix(words.raw(from)) {
        Some(Cue::Prefix)
    } else if quoted {
        Some(Cue::Quoted)
    } else if ends_in_event_word(words, from, to) {
        Some(Cue::EventWord)
    } else if WHOLE.contains(&span) {
        Some(Cue::Product)
    } else if won_awards(words, to) {
        Some(Cue::WonAwards)
    } else if took_some(words, to) {
        Some(Cue::TookSome)
    } else if apposition(words, to) {
        Some(Cue::Apposition)
    } else {
        None
    }
}

/// Whether a span ends in an event or award word: its last two words, or its last word when
/// it has more than one ("World Cup", "Film Festival", "Grand Prix").
fn ends_in_event_word(words: &Words, from: usize, to: usize) -> bool {
    let last = words.key(to - 1);
    let last_two = (to - from >= 2).then(|| format!("{} {last}", words.key(to - 2)));
    (to - from >= 2 && LAST.contains(&last)) || last_two.is_some_and(|w| LAST.contains(&w))
}

/// Whether the span is followed by a verb its maker did ("the film Ana Costa made").
fn made_by(words: &Words, to: usize) -> bool {
    to < words.toks.len() && MAKER_VERBS.contains(&words.key(to).as_str())
}

/// "X won four Oscars": a winning verb right after the span, then within four words (and no
/// punctuation) an arts award.
fn won_awards(words: &Words, to: usize) -> bool {
    let n = words.toks.len();
    if to >= n || !VERB.contains(&words.key(to)) {
        return false;
    }
    (to + 1..n.min(to + 6))
        .take_while(|&i| !words.is_punctuation(i))
        .any(|i| AWARD.contains(&words.key(i)))
}

/// "…, and Y took five": a winning verb and a number closing the clause, in a sentence that
/// names an arts award.
fn took_some(words: &Words, to: usize) -> bool {
    let n = words.toks.len();
    to + 1 < n
        && VERB.contains(&words.key(to))
        && words.is_number(to + 1)
        && words.ends_clause(to + 2)
        && (0..n).any(|i| AWARD.contains(&words.key(i)))
}

/// "X, the band's third album": a comma, a determiner, up to three words (a possessive, an
/// ordinal, an adjective), and a work noun that ends the apposition.
fn apposition(words: &Words, to: usize) -> bool {
    let n = words.toks.len();
    if to + 2 >= n || words.raw(to) != "," || !DETERMINERS.contains(&words.key(to + 1).as_str()) {
        return false;
    }
    for i in to + 2..n.min(to + 6) {
        let w = words.key(i);
        if words.is_work_noun(i) {
            return words.ends_clause(i + 1) || AFTER_HEAD.contains(&words.key(i + 1).as_str());
        }
        let modifier = w == "'s" || words.is_number(i) || w.chars().all(char::is_lowercase);
        if !modifier || CONNECTORS.contains(&w.as_str()) || AFTER_HEAD.contains(&w.as_str()) {
            return false;
        }
    }
    false
}

/// Where a span ending at token `to` would end if it took in the capitalised words after it
/// that end in an event word ("Cannes" + "Film Festival", "Atlanta" + "Games").
pub(super) fn event_tail(words: &Words, to: usize) -> Option<usize> {
    let n = words.toks.len();
    let mut end = to;
    while end < n && end < to + 3 && words.is_capitalised(end) && !is_capitals(words.raw(end)) {
        end += 1;
    }
    let last_two =
        (end >= to + 2).then(|| format!("{} {}", words.key(end - 2), words.key(end - 1)));
    let event = end > to
        && (LAST.contains(&words.key(end - 1)) || last_two.is_some_and(|w| LAST.contains(&w)));
    event.then_some(end)
}

/// Where a place's or organisation's name ending at token `to` ends with the accord it
/// names ("the Louvre accord", "the Oslo accords", "the Warsaw Pact"): such a name names
/// the accord, not the place.
pub(super) fn accord_tail(words: &Words, to: usize) -> Option<usize> {
    let word = (to < words.toks.len()).then(|| words.key(to))?;
    matches!(
        word.as_str(),
        "accord" | "accords" | "pact" | "treaty" | "protocol"
    )
    .then_some(to + 1)
}

/// Titles the tagger left unmarked, as token ranges: a capitalised run right after a work
/// noun ("the film Midnight Harbour"), or a capitalised title alone in quotation marks (of
/// two words or more unless a work noun comes before it). Not in a sentence in capitals.
pub(super) fn title_runs(words: &Words) -> Vec<TokenRange> {
    let n = words.toks.len();
    let in_capitals = (0..n).all(|i| !words.raw(i).chars().any(char::is_lowercase));
    let mut runs = Vec::new();
    if in_capitals {
        return runs;
    }
    let mut i = 0;
    while i < n {
        // Work nouns are written in lower case: no other word needs its key.
        let raw = words.raw(i);
        let after_noun = raw.starts_with(char::is_lowercase)
            && (BEFORE.contains(raw) || (ends_two_word_noun(raw) && words.is_work_noun(i)));
        let quote_at = if after_noun { i + 1 } else { i };
        let quoted = quote_at < n && words.is_quote(quote_at);
        let start = if quoted { quote_at + 1 } else { i + 1 };
        let run = (after_noun || quoted)
            .then(|| capitalised_run(words, start))
            .flatten();
        let closed = |end: usize| words.closes(quote_at, end);
        match run {
            Some(end) if quoted && closed(end) && (after_noun || end - start >= 2) => {
                runs.push(TokenRange {
                    from: start,
                    to: end,
                });
                i = if words.quotes(quote_at, end) {
                    end + 1
                } else {
                    end + 2
                };
            }
            Some(end) if after_noun && !quoted && !made_by(words, end) => {
                runs.push(TokenRange {
                    from: start,
                    to: end,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    runs
}

/// The end of the run of capitalised words (joined by [`CONNECTORS`]) that starts at
/// `start`, if a capitalised word starts it.
fn capitalised_run(words: &Words, start: usize) -> Option<usize> {
    let n = words.toks.len();
    let mut end = start;
    let mut i = start;
    while i < n && i < start + MAX_TITLE {
        let number = end > start && words.raw(i).chars().all(|c| c.is_ascii_digit());
        if words.is_capitalised(i) || number {
            i += 1;
            end = i;
        } else if end > start && CONNECTORS.contains(&words.key(i).as_str()) {
            i += 1;
        } else {
            break;
        }
    }
    (end > start).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens of a sentence whose tokens are separated by single spaces.
    fn tokens(sentence: &str) -> Vec<Token> {
        let mut toks = Vec::new();
        let mut at = 0;
        for w in sentence.split(' ') {
            toks.push(Token {
                start: at,
                end: at + w.len(),
            });
            at += w.len() + 1;
        }
        toks
    }

    /// The token range of the first occurrence of `span` (words joined by single spaces).
    /// Runs `check` on a sentence split at its spaces, as [`Words`] and their tokens.
    fn with_words<R>(sentence: &str, check: impl FnOnce(&Words, &[Token]) -> R) -> R {
        let toks = tokens(sentence);
        let words = Words {
            text: sentence,
            toks: &toks,
        };
        check(&words, &toks)
    }

    fn range(sentence: &str, span: &str) -> (usize, usize) {
        let words: Vec<&str> = sentence.split(' ').collect();
        let want: Vec<&str> = span.split(' ').collect();
        let from = (0..words.len())
            .find(|&i| words[i..].starts_with(&want))
            .unwrap_or_else(|| panic!("{span:?} not in {sentence:?}"));
        (from, from + want.len())
    }

    #[test]
    fn each_cue_on_a_marked_span() {
        use Cue::*;
        // (sentence, span, the cue expected)
        let table: &[(&str, &str, Option<Cue>)] = &[
            (
                "the film Midnight Harbour opened",
                "Midnight Harbour",
                Some(AfterNoun),
            ),
            (
                "his album Blue Lanterns sold",
                "Blue Lanterns",
                Some(AfterNoun),
            ),
            (
                "the novel \" Salt Road \" sold",
                "Salt Road",
                Some(AfterNoun),
            ),
            ("the film Ana Costa made", "Ana Costa", None),
            (
                "she wrote \" Salt Road \" in Lisbon",
                "Salt Road",
                Some(Quoted),
            ),
            ("“ Salt Road ” sold", "Salt Road", Some(Quoted)),
            ("\" Acme Foods ' shares rose", "Acme Foods", None),
            ("before the World Cup began", "World Cup", Some(EventWord)),
            (
                "at the Cannes Film Festival today",
                "Cannes Film Festival",
                Some(EventWord),
            ),
            ("the Lisbon Games opened", "Lisbon Games", Some(EventWord)),
            (
                "after the Harbour Awards",
                "Harbour Awards",
                Some(EventWord),
            ),
            (
                "it won three Academy Awards",
                "Academy Awards",
                Some(EventWord),
            ),
            ("it won three Oscars", "Oscars", None),
            ("sales of MP3 players", "MP3", Some(Product)),
            ("the iPod sold", "iPod", Some(Product)),
            (
                "Midnight Harbour won four Oscars .",
                "Midnight Harbour",
                Some(WonAwards),
            ),
            (
                "Blue Lanterns picked up two Grammys .",
                "Blue Lanterns",
                Some(WonAwards),
            ),
            ("Acme Foods won a contract .", "Acme Foods", None),
            (
                "Midnight Harbour won four Oscars , and Blue Lanterns took five .",
                "Blue Lanterns",
                Some(TookSome),
            ),
            ("Acme Foods took five , traders said .", "Acme Foods", None),
            (
                "Blue Lanterns , the band 's third album , sold",
                "Blue Lanterns",
                Some(Apposition),
            ),
            (
                "Salt Road , a novel by Ana Costa",
                "Salt Road",
                Some(Apposition),
            ),
            (
                "Acme Foods , the film distributor , said",
                "Acme Foods",
                None,
            ),
            ("Ana Costa , the star of the film , said", "Ana Costa", None),
            ("Ana Costa , the film 's director , said", "Ana Costa", None),
            ("the firm Acme Foods said", "Acme Foods", None),
            ("Anna Costa said", "Anna Costa", None),
        ];
        for (sentence, span, want) in table {
            let (from, to) = range(sentence, span);
            let got = with_words(sentence, |words, _| work_cue(words, from, to));
            assert_eq!(got, *want, "{span:?} in {sentence:?}");
        }
    }

    #[test]
    fn titles_the_tagger_left_unmarked() {
        // (sentence, the titles found)
        let table: &[(&str, &[&str])] = &[
            ("the film Midnight Harbour opened", &["Midnight Harbour"]),
            (
                "her new album Salt of the Earth sold",
                &["Salt of the Earth"],
            ),
            ("she read \" Salt Road \" aloud", &["Salt Road"]),
            ("the song \" Harbour \" played", &["Harbour"]),
            ("he said \" Yes \" twice", &[]),
            (
                "she wrote \" The Knot , \" then \" Harbour 166 . \"",
                &["The Knot", "Harbour 166"],
            ),
            ("he said \" Yes , \" twice", &[]),
            ("the film industry grew", &[]),
            ("the film Ana Costa made", &[]),
            ("THE FILM \" SALT ROAD \" OPENED", &[]),
        ];
        for (sentence, want) in table {
            let got: Vec<&str> = with_words(sentence, |words, toks| {
                (title_runs(words).into_iter())
                    .map(|run| &sentence[toks[run.from].start..toks[run.to - 1].end])
                    .collect()
            });
            assert_eq!(got, *want, "in {sentence:?}");
        }
    }

    #[test]
    fn event_words_after_a_marked_span() {
        // (sentence, the marked span, the span with its event words)
        let table: &[(&str, &str, Option<&str>)] = &[
            (
                "at the Cannes Film Festival today",
                "Cannes",
                Some("Cannes Film Festival"),
            ),
            ("the Atlanta Games opened", "Atlanta", Some("Atlanta Games")),
            ("the Lisbon Cup final", "Lisbon", Some("Lisbon Cup")),
            ("Lisbon Port said", "Lisbon", None),
            ("in Lisbon on Monday", "Lisbon", None),
            ("the Lisbon Open Market Committee met", "Lisbon", None),
        ];
        for (sentence, span, want) in table {
            let (from, to) = range(sentence, span);
            let got = with_words(sentence, |words, toks| {
                event_tail(words, to).map(|end| &sentence[toks[from].start..toks[end - 1].end])
            });
            assert_eq!(got, *want, "in {sentence:?}");
        }
    }
}
