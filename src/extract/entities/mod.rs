//! Named entities: people, companies, organisations and places, each resolved to one
//! canonical name per article, and the other names kept out of those four kinds.
//!
//! Three steps, each in a file of its own:
//! 1. **Recognition** (here). The title and body are tokenized ([`super::tokenize`]) and
//!    tagged as one document by the trained tagger ([`super::tagger`]), which marks person,
//!    organisation, location and miscellaneous spans. A span's ends are repaired
//!    ([`spans`]: "Merrill Lynch and" → "Merrill Lynch and Co"); what names nothing is
//!    dropped ([`nonentities`]), though a nationality or a holiday among it is still an
//!    other name; works, awards, events, products and miscellaneous spans are set apart as
//!    [`Names::other_mentions`] ([`works`]: "the film X", "X won four Oscars", "the X
//!    Festival", a title in quotation marks), with titles the tagger left unmarked, and every
//!    other mention of a name so recognised follows it. Listed names the tagger left
//!    untagged, or tagged only in part, are added from the gazetteer.
//! 2. **Typing** ([`typing`]). A location is a place. An organisation is a company or an
//!    organisation by, in order: the built-in gazetteer, a central or development bank's name,
//!    its last word (a legal suffix such as "Ltd", or "Airlines" for a company; "Party",
//!    "Ministry", "University" for an organisation), and the words around its mentions in the
//!    article ("the company", "shares of", "CEO of", "telecom providers" against "the
//!    ministry", "officials"), summed over all of its mentions so that one article types a
//!    name once.
//! 3. **Resolution** ([`resolve`]). Titles and honorifics are not part of a name ("Mr Pompeo"
//!    is "Pompeo"); a lone surname ("Pompeo") resolves to the full name the article gives
//!    elsewhere ("Mike Pompeo"), unless two people share it; a "person" that is a known place
//!    and opens with no common name is a place; companies and places take their gazetteer's
//!    canonical form ("Bytedance Ltd" → "ByteDance", "U.S." → "United States"), and a company
//!    loses its legal form and the "and" before it ("Goldman, Sachs and Co" → "Goldman
//!    Sachs").

mod nonentities;
mod resolve;
mod spans;
mod typing;
mod works;

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use crate::article::{EntityKind, EntityMention, OtherMention, TextField};

use super::gazetteer::{gazetteer, key};
use super::tagger::{Kind, Model, Span};
use super::tokenize::{Sentence, Token, tokenize};
use resolve::{is_common_name, is_given_name, is_honorific, is_title, resolve};
use typing::{context_cue, name_evidence};

/// The trained tagger, compiled into the binary.
static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../../../data/ner.model"))
        .expect("the built-in tagger model is valid")
});

/// Whether a name is a country's, as written ("Japan") or as the gazetteer knows its short
/// form ("U.S.", "UK").
pub fn is_country(name: &str) -> bool {
    let canonical = gazetteer()
        .get(name)
        .filter(|e| e.kind == EntityKind::Place);
    nonentities::is_country(canonical.map_or(name, |e| e.canonical))
}

/// The tagger, loaded on first use.
pub fn model() -> &'static Model {
    &MODEL
}

/// What an article's title and body name: its entities of the four kinds, and the other
/// names kept out of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub entities: Vec<EntityMention>,
    /// Works, awards, events, products, nationality and party adjectives, holidays and the
    /// tagger's miscellaneous names ("Midnight Harbour" after "the film", "World Cup", "MP3",
    /// "French", "Labour Day"), distinct, in order of first mention.
    pub others: Vec<String>,
    /// Every mention of those names, with field and offsets, title first, in text order.
    pub other_mentions: Vec<OtherMention>,
    /// The title's and the body's sentences as recognition read them (a dateline one of
    /// its own), for the passes after it.
    pub title_sentences: Vec<Sentence>,
    pub body_sentences: Vec<Sentence>,
}

/// Find and resolve the entities of an article's title and body.
pub fn find_entities(title: &str, body: &str) -> Names {
    let fields = [
        FieldSentences::read(TextField::Title, title),
        FieldSentences::read(TextField::Body, body),
    ];
    let mut found = Vec::new();
    let mut others = OthersFound::default();
    recognise_tagged(&fields, &mut found, &mut others);
    gazetteer_fallback(&fields, &mut found, &mut others);
    let short_forms = resolve::company_short_forms(&found, title, body, gazetteer());
    short_names_fallback(&fields, &short_forms, &mut found, &others);
    let sport = reports_sport(title, body);
    if !sport {
        places_stay_places(&mut found, title, body);
    }
    let other_mentions = others.take_repeats(&mut found, title, body);
    let mut distinct: Vec<String> = Vec::new();
    for mention in &other_mentions {
        if !distinct.contains(&mention.text) {
            distinct.push(mention.text.clone());
        }
    }
    let mut entities = resolve(found, &short_forms, sport, gazetteer(), title, body);
    if is_title_case(title) && !body.trim().is_empty() {
        keep_headline_names_the_story_tells(&mut entities, body);
    }
    // Names joined by slashes are credits or pairs ("Imageplotter/REX/Shutterstock",
    // "Local/DPA/hc", "U.S./Japan"), not one name.
    entities.retain(|e| !e.text.contains('/'));
    let [title_sentences, body_sentences] = fields.map(|f| {
        (f.sentences.into_iter())
            .map(|s| Sentence { tokens: s.tokens })
            .collect()
    });
    Names {
        entities,
        others: distinct,
        other_mentions,
        title_sentences,
        body_sentences,
    }
}

/// One field of an article, tokenized into sentences with its datelines set apart.
struct FieldSentences<'a> {
    field: TextField,
    text: &'a str,
    sentences: Vec<FieldSentence>,
}

impl<'a> FieldSentences<'a> {
    /// Tokenize one field and set its datelines apart ([`split_datelines`]).
    fn read(field: TextField, text: &'a str) -> Self {
        FieldSentences {
            field,
            text,
            sentences: split_datelines(text, tokenize(text)),
        }
    }

    /// The words of each sentence, as the tagger reads them.
    fn words(&self) -> impl Iterator<Item = Vec<&'a str>> + '_ {
        (self.sentences.iter()).map(|s| {
            (s.tokens.iter())
                .map(|t| &self.text[t.start..t.end])
                .collect()
        })
    }
}

/// A sentence of a field, and whether it is a dateline standing alone ("GALWAY —").
struct FieldSentence {
    tokens: Vec<Token>,
    is_dateline: bool,
}

/// Tag the fields as one document and recognise each sentence's spans: entities go to
/// `found`, other names to `others`.
fn recognise_tagged(fields: &[FieldSentences], found: &mut Vec<Found>, others: &mut OthersFound) {
    let words: Vec<Vec<&str>> = fields.iter().flat_map(FieldSentences::words).collect();
    let mut tagged = model().tag_document(&words).into_iter();
    for field in fields {
        for sentence in &field.sentences {
            let spans = tagged.next().unwrap_or_default();
            let ranges: Vec<TokenRange> = (spans.iter())
                .map(|s| TokenRange {
                    from: s.start,
                    to: s.end,
                })
                .collect();
            let at = SentenceAt {
                text: field.text,
                toks: &sentence.tokens,
                spans: &ranges,
                is_dateline: sentence.is_dateline,
            };
            let cut: Vec<Span> = (spans.iter())
                .flat_map(|span| {
                    let person = span.kind == Kind::Per;
                    (spans::pieces(&at, span.start, span.end, person).into_iter()).map(|piece| {
                        Span {
                            start: piece.from,
                            end: piece.to,
                            ..*span
                        }
                    })
                })
                .flat_map(|piece| spans::at_office(&at, piece))
                .collect();
            recognise_sentence(field.field, &at, &cut, found, others);
        }
    }
}

/// Recognise the tagged spans of one sentence, and the titles it holds that the tagger left
/// unmarked: entities go to `found`, other names to `others`.
fn recognise_sentence(
    field: TextField,
    at: &SentenceAt,
    spans: &[Span],
    found: &mut Vec<Found>,
    others: &mut OthersFound,
) {
    let titles = untagged_titles(at);
    for &title in &titles {
        others.push(field, at, title, RecognisedBy::Cue);
    }
    // Where the last other name ended: a span it took in ("Atlanta" + "Games") is done.
    let mut covered = 0;
    for span in spans {
        let in_title = (titles.iter()).any(|t| t.from <= span.start && span.end <= t.to);
        if span.start < covered || in_title {
            continue;
        }
        match recognise(at, span) {
            Some(Recognition::Entity { range, kind }) => {
                found.push(found_at(field, at, range, kind))
            }
            Some(Recognition::Other { range, by }) => {
                covered = range.to;
                others.push(field, at, range, by);
            }
            None => {}
        }
    }
}

/// The titles of a sentence that the tagger left unmarked ([`works::title_runs`]), where no
/// tagged span straddles their edge (spans inside one are its) and they are names the lists
/// do not know.
fn untagged_titles(at: &SentenceAt) -> Vec<TokenRange> {
    let straddles = |run: &TokenRange, span: &TokenRange| {
        span.from < run.to && run.from < span.to && !(run.from <= span.from && span.to <= run.to)
    };
    (works::title_runs(&at.words()).into_iter())
        .filter(|run| {
            let words: Vec<&str> = (run.from..run.to).map(|i| at.word(i)).collect();
            let name = at.written(*run);
            let listed = gazetteer().get(name).is_some() || gazetteer().is_place(name);
            !at.spans.iter().any(|span| straddles(run, span))
                && !nonentities::is_not_a_name(&words)
                && !listed
        })
        .collect()
}

/// What recognised an other name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RecognisedBy {
    /// A cue ("the film", "won four Oscars", quotation marks): every mention of the name in
    /// the article is then an other name.
    Cue,
    /// Only the tagger (a miscellaneous span) or a rule that names no cue.
    Tagger,
}

/// One mention of an other name, and what recognised it.
struct OtherFound {
    mention: OtherMention,
    by: RecognisedBy,
}

impl OtherFound {
    /// Whether a cue recognised this mention.
    fn is_cued(&self) -> bool {
        self.by == RecognisedBy::Cue
    }

    /// Whether this mention is in `field` and overlaps its bytes `start..end`.
    fn overlaps(&self, field: TextField, start: usize, end: usize) -> bool {
        let m = &self.mention;
        m.field == field && m.start < end && start < m.end
    }
}

/// The other names found so far, and the keys of those a cue recognised (not only the
/// tagger), whose every mention in the article is an other name.
#[derive(Default)]
struct OthersFound {
    mentions: Vec<OtherFound>,
    cued: FxHashSet<String>,
}

impl OthersFound {
    /// Record the tokens `range` of a sentence as an other name.
    fn push(&mut self, field: TextField, at: &SentenceAt, range: TokenRange, by: RecognisedBy) {
        let cued = by == RecognisedBy::Cue;
        // A capitalised "The" inside a sentence opens the title it stands before ("and The
        // Lantern Keeper took five"); at a sentence's start it may be only the article.
        let from = if cued && range.from >= 2 && at.word(range.from - 1) == "The" {
            range.from - 1
        } else {
            range.from
        };
        let (start, end) = (at.toks[from].start, at.toks[range.to - 1].end);
        let text = crate::parse::squeeze(&at.text[start..end]);
        if cued {
            self.cued.insert(key(&text));
            if let Some(ship) = works::without_ship_prefix(&text) {
                self.cued.insert(key(ship));
            }
        }
        let mention = OtherMention {
            text,
            field,
            start,
            end,
        };
        self.mentions.push(OtherFound { mention, by });
    }

    /// Where the title and body spell a name a cue recognised, as whole words, a longer name
    /// before the shorter one it holds ("Titanic" of "RMS Titanic").
    fn spelled_out(&self, title: &str, body: &str) -> Vec<OtherMention> {
        let mut names: Vec<&str> = (self.mentions.iter())
            .filter(|o| o.is_cued())
            .map(|o| o.mention.text.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        let mut out = Vec::new();
        for (field, text) in [(TextField::Title, title), (TextField::Body, body)] {
            for name in &names {
                out.extend(word_matches(text, name).map(|start| OtherMention {
                    text: name.to_string(),
                    field,
                    start,
                    end: start + name.len(),
                }));
            }
        }
        let spans: Vec<(TextField, usize, usize)> =
            out.iter().map(|m| (m.field, m.start, m.end)).collect();
        out.retain(|m| {
            !(spans.iter()).any(|&(field, start, end)| {
                let longer = end - start > m.end - m.start;
                field == m.field && start <= m.start && m.end <= end && longer
            })
        });
        out
    }

    /// Move the entities that repeat a name a cue recognised ("Midnight Harbour won" after
    /// "the film Midnight Harbour") to the other names, and return those, in text order.
    fn take_repeats(
        mut self,
        found: &mut Vec<Found>,
        title: &str,
        body: &str,
    ) -> Vec<OtherMention> {
        found.retain(|f| {
            let name = crate::parse::squeeze(f.text(title, body));
            let repeat = self.cued.contains(&key(&name));
            if repeat {
                let mention = OtherMention {
                    text: name,
                    field: f.field,
                    start: f.start,
                    end: f.end,
                };
                let by = RecognisedBy::Cue;
                self.mentions.push(OtherFound { mention, by });
            }
            !repeat
        });
        // Every place the text spells a cued name is that name, however the tagger cut it
        // there ("Grey" and "Orchard" of "Grey Orchard").
        let spelled = self.spelled_out(title, body);
        let inside = |field: TextField, start: usize, end: usize| {
            (spelled.iter()).any(|o| o.field == field && o.start < end && start < o.end)
        };
        found.retain(|f| !inside(f.field, f.start, f.end));
        (self.mentions).retain(|o| !inside(o.mention.field, o.mention.start, o.mention.end));
        (self.mentions).extend(spelled.into_iter().map(|mention| OtherFound {
            mention,
            by: RecognisedBy::Cue,
        }));
        let mut mentions: Vec<OtherMention> =
            self.mentions.into_iter().map(|o| o.mention).collect();
        mentions.sort_by_key(|m| (m.field == TextField::Body, m.start, m.end));
        mentions.dedup_by_key(|m| (m.field, m.start, m.end));
        mentions
    }
}

/// A name the article also gives as a place is a place in all its mentions ("parts of Leeds
/// under water" and "officials from Leeds"); only in sports reports is a town's name often
/// its team's.
fn places_stay_places(found: &mut [Found], title: &str, body: &str) {
    let text = |f: &Found| f.text(title, body);
    let places: FxHashSet<String> = (found.iter())
        .filter(|f| f.kind == Recognised::Place)
        .map(|f| key(text(f)))
        .collect();
    for f in found.iter_mut() {
        if f.kind == Recognised::Org && places.contains(&key(text(f))) {
            f.kind = Recognised::Place;
        }
    }
}

/// Words only sports reports use much.
const SPORTS_WORDS: &[&str] = &[
    "match",
    "matches",
    "scored",
    "goal",
    "goals",
    "league",
    "cup",
    "striker",
    "midfielder",
    "goalkeeper",
    "coach",
    "innings",
    "wicket",
    "wickets",
    "halftime",
    "half-time",
    "soccer",
    "football",
    "rugby",
    "cricket",
    "tennis",
    "baseball",
    "basketball",
    "hockey",
    "squad",
    "championship",
    "tournament",
    "semifinal",
    "semi-final",
    "quarterfinal",
    "quarter-final",
    "playoff",
    "playoffs",
    "stadium",
    "fixtures",
    "standings",
    "seeded",
    "olympic",
    "olympics",
    "golf",
    "athletics",
    "cycling",
    "boxing",
    "motorracing",
    "skiing",
    "swimming",
    "sailing",
    "nba",
    "nfl",
    "nhl",
    "racing",
    "rowing",
    "badminton",
    "volleyball",
    "handball",
];

/// Whether an article reports sport: one of the words only sports reports use much
/// ([`SPORTS_WORDS`]) among its first three (a topic slug such as "SOCCER -"), or three of
/// them anywhere.
fn reports_sport(title: &str, body: &str) -> bool {
    let opening = (title.split_whitespace().chain(body.split_whitespace())).take(3);
    if opening
        .map(str::to_lowercase)
        .any(|w| SPORTS_WORDS.contains(&w.as_str()))
    {
        return true;
    }
    let words = (title.split(|c: char| !c.is_alphanumeric() && c != '-'))
        .chain(body.split(|c: char| !c.is_alphanumeric() && c != '-'));
    let mut seen = 0;
    for word in words.filter(|w| w.len() >= 3) {
        if SPORTS_WORDS.contains(&word.to_lowercase().as_str()) {
            seen += 1;
            if seen >= 3 {
                return true;
            }
        }
    }
    false
}

/// Sentences with a leading dateline ("GALWAY —", "LONDON, March 3 -": a [`dateline_head`]
/// a story follows) made a sentence of their own, as the wire sets them apart: the tagger then reads the place as a dateline
/// and the story's first word as a sentence's first word. Each sentence says whether it is a
/// dateline standing alone, so that the rules need not look again.
fn split_datelines(text: &str, sentences: Vec<Sentence>) -> Vec<FieldSentence> {
    let alone = |tokens: &[Token]| dateline_head(text, tokens) == Some(tokens.len());
    let mut out = Vec::with_capacity(sentences.len());
    for Sentence { mut tokens } in sentences {
        let head = dateline_head(text, &tokens);
        match head.filter(|&n| n < tokens.len() && story_follows(text, &tokens[n..])) {
            Some(n) => {
                let rest = tokens.split_off(n);
                let is_dateline = alone(&rest);
                out.push(FieldSentence {
                    tokens,
                    is_dateline: true,
                });
                out.push(FieldSentence {
                    tokens: rest,
                    is_dateline,
                });
            }
            None => out.push(FieldSentence {
                is_dateline: head == Some(tokens.len()),
                tokens,
            }),
        }
    }
    out
}

/// Whether the tokens after a dateline hold a word in ordinary case: a story follows ("SOCCER
/// - JAPAN WIN" is a headline's topic).
fn story_follows(text: &str, tokens: &[Token]) -> bool {
    (tokens.iter()).any(|t| text[t.start..t.end].chars().any(char::is_lowercase))
}

/// Where the story of a body starts: past a dateline at its start ("LONDON, March 3
/// (Reuters) -"), else at 0. The dateline says where and when the story was filed and by
/// which agency, which copies of one story need not share.
pub fn dateline_end(body: &str) -> usize {
    // A dateline opens the first line; a few words are enough to read it.
    let mut head = body.lines().next().unwrap_or_default();
    if head.len() > DATELINE_SCAN {
        let cut = (0..=DATELINE_SCAN)
            .rev()
            .find(|&at| head.is_char_boundary(at) && head[at..].starts_with(' '))
            .unwrap_or(0);
        head = &head[..cut];
    }
    let Some(sentence) = tokenize(head).into_iter().next() else {
        return 0;
    };
    let tokens = &sentence.tokens;
    match dateline_head(head, tokens) {
        Some(n) if n < tokens.len() && story_follows(head, &tokens[n..]) => tokens[n].start,
        _ => 0,
    }
}

/// How far into a body's first line [`dateline_end`] reads, in bytes.
const DATELINE_SCAN: usize = 120;

/// How many tokens a dateline at the start of `tokens` takes, dash included, whatever
/// follows it: one to four words in capitals, then optionally a comma and a state ("ILL."),
/// then optionally a comma and up to three words of date ("March 3"), then optionally the
/// agency in brackets or slashes ("(Reuters)", "/PRNewswire/"), then a dash. A story in
/// ordinary case follows a dateline ([`story_follows`]).
fn dateline_head(text: &str, tokens: &[Token]) -> Option<usize> {
    let word = |i: usize| tokens.get(i).map(|t| &text[t.start..t.end]);
    let is_capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    let is_dash = |w: &str| matches!(w, "—" | "–" | "-" | "--");
    let is_agency_word = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphanumeric)
    };
    let mut i = 0;
    while i < 4 && word(i).is_some_and(|w| is_capitals(w) && !is_dash(w)) {
        i += 1;
    }
    if i == 0 {
        return None;
    }
    // a state or country after a comma: "CHICAGO, ILL., March 3 -"
    if word(i) == Some(",") && word(i + 1).is_some_and(|w| is_capitals(w) && !is_dash(w)) {
        i += 2;
        if word(i) == Some(".") {
            i += 1;
        }
    }
    if word(i) == Some(",") {
        let date = i + 1;
        let in_date = |w: &str| !is_dash(w) && !matches!(w, "(" | "/") && w.len() <= 9;
        while i < date + 3 && word(i + 1).is_some_and(in_date) {
            i += 1;
        }
        i += 1;
    }
    // the agency: "(Reuters)", "(AP)", "/PRNewswire/"
    let close = match word(i) {
        Some("(") => Some(")"),
        Some("/") => Some("/"),
        _ => None,
    };
    if let Some(close) = close
        && let Some(n) = (i + 2..i + 5).find(|&at| word(at) == Some(close))
        && (i + 1..n).all(|at| word(at).is_some_and(is_agency_word))
    {
        i = n + 1;
    }
    word(i).is_some_and(is_dash).then_some(i + 1)
}

/// Whether a headline capitalises (nearly) every word, as title case and capitals do: four
/// in five of its words of four letters or more, and at least three of them.
fn is_title_case(title: &str) -> bool {
    let long: Vec<&str> = (title.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = (long.iter())
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    long.len() >= 3 && capitalised * 5 >= long.len() * 4
}

/// A headline in title case (or capitals) capitalises every word, so a capitalised run in it
/// is weak evidence of a name ("Students Vote to Add Fee"): a name found in such a title is
/// kept only when the body names the same entity, holds the same words, or the gazetteer
/// knows it.
fn keep_headline_names_the_story_tells(entities: &mut Vec<EntityMention>, body: &str) {
    let in_body: Vec<(EntityKind, String)> = (entities.iter())
        .filter(|e| e.field == TextField::Body)
        .map(|e| (e.kind, e.canonical.clone()))
        .collect();
    let body_words = key(body);
    entities.retain(|e| {
        e.field == TextField::Body
            || in_body
                .iter()
                .any(|(k, c)| *k == e.kind && *c == e.canonical)
            || contains_words(&body_words, &key(&e.text))
            || gazetteer().get_any_case(&e.text).is_some()
    });
}

/// Whether `words` (a [`key`]) holds `name` (another) at word boundaries.
fn contains_words(words: &str, name: &str) -> bool {
    !name.is_empty() && word_matches(words, name).next().is_some()
}

/// Where `text` holds `name` as whole words: the byte offsets of the matches that no letter
/// or digit touches on either side.
fn word_matches<'a>(text: &'a str, name: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(name)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// Tokens `from..to` of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TokenRange {
    from: usize,
    to: usize,
}

/// A sentence of a field: its text, tokens, the tagger's spans, and whether it is a
/// dateline standing alone.
struct SentenceAt<'a> {
    text: &'a str,
    toks: &'a [Token],
    spans: &'a [TokenRange],
    is_dateline: bool,
}

impl SentenceAt<'_> {
    fn word(&self, i: usize) -> &str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    /// The text of tokens `range`, as written.
    fn written(&self, range: TokenRange) -> &str {
        &self.text[self.toks[range.from].start..self.toks[range.to - 1].end]
    }

    /// The sentence read word by word, as the work rules read it.
    fn words(&self) -> works::Words<'_> {
        works::Words {
            text: self.text,
            toks: self.toks,
        }
    }
}

/// What one tagged span turns out to be.
enum Recognition {
    /// Tokens `range` name an entity of this kind.
    Entity { range: TokenRange, kind: Recognised },
    /// Tokens `range` name something outside the four kinds.
    Other { range: TokenRange, by: RecognisedBy },
}

/// A tagged span on its way through the rules: its tokens `from..to` and the kind they look
/// like so far.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    from: usize,
    to: usize,
    kind: Recognised,
}

impl Candidate {
    fn range(self) -> TokenRange {
        TokenRange {
            from: self.from,
            to: self.to,
        }
    }

    fn len(self) -> usize {
        self.to - self.from
    }

    fn is(self, kind: Recognised) -> bool {
        self.kind == kind
    }

    /// An other name over the same tokens.
    fn other(self, by: RecognisedBy) -> Recognition {
        Recognition::Other {
            range: self.range(),
            by,
        }
    }
}

/// Decide what a tagged span is: a title the tagger took in dropped, its kind corrected,
/// its ends repaired, non-names dropped, works and miscellaneous names set apart.
fn recognise(at: &SentenceAt, span: &Span) -> Option<Recognition> {
    let kind = match span.kind {
        Kind::Misc => return Some(misc(&at.words(), span.start, span.end)),
        // A dateline names the place the story was filed from.
        _ if at.is_dateline => Recognised::Place,
        Kind::Per => Recognised::Person,
        Kind::Org => Recognised::Org,
        Kind::Loc => Recognised::Place,
    };
    let tagged = Candidate {
        from: span.start,
        to: span.end,
        kind,
    };
    let candidate = airline(at, retyped(at, without_leading_titles(at, tagged)));
    let (from, to) = spans::repair(at, candidate.from, candidate.to, candidate.kind);
    let candidate = Candidate {
        from,
        to,
        ..candidate
    };
    if let Some(other) = with_tail(at, candidate) {
        return Some(other);
    }
    let after_title = candidate.from > 0 && is_title(at.word(candidate.from - 1));
    let words: Vec<&str> = (candidate.from..candidate.to).map(|i| at.word(i)).collect();
    if nonentities::is_not_a_name(&words) && !(after_title && candidate.is(Recognised::Person)) {
        // A nationality or a holiday is none of the four kinds, but still a name.
        let other = nonentities::is_other_name(&words);
        return other.then_some(candidate.other(RecognisedBy::Tagger));
    }
    let candidate = without_office(at, candidate)?;
    if let Some(cue) = works::work_cue(&at.words(), candidate.from, candidate.to) {
        let name = at.written(candidate.range());
        let listed = gazetteer().get(name).is_some() || gazetteer().is_place(name);
        let named_person =
            candidate.is(Recognised::Person) && is_given_name(at.word(candidate.from));
        if cue.holds_for(works::Standing {
            listed,
            named_person,
        }) {
            return Some(candidate.other(RecognisedBy::Cue));
        }
    }
    Some(Recognition::Entity {
        range: candidate.range(),
        kind: candidate.kind,
    })
}

/// A candidate without the titles it opens with: a title the tagger took into a name
/// ("President Trump") is not part of it, and an honorific makes the rest a person whatever
/// the tagger thought; nor is an occupation a headline or a sentence opens with ("Singer Ana
/// Costa"), when a full name follows it. The candidate's end stays.
fn without_leading_titles(at: &SentenceAt, mut candidate: Candidate) -> Candidate {
    while candidate.len() > 1 && is_title(at.word(candidate.from)) {
        if is_honorific(at.word(candidate.from)) {
            candidate.kind = Recognised::Person;
        }
        if !candidate.is(Recognised::Person) {
            break;
        }
        candidate.from += 1;
    }
    let person = candidate.is(Recognised::Person);
    if person && candidate.len() > 2 && resolve::is_occupation(at.word(candidate.from)) {
        candidate.from += 1;
    }
    candidate
}

/// A candidate's kind as its words say it, its tokens unchanged: a firm named after its
/// founders, a country, a river, lake or mountain, an institution.
fn retyped(at: &SentenceAt, mut candidate: Candidate) -> Candidate {
    let Candidate { from, to, .. } = candidate;
    // A "person" that runs on over "and"/"&" into a legal form or "Sons" is a firm named
    // after its founders ("James Capel and Co", "Alex Brown and Sons").
    if candidate.is(Recognised::Person) && !after_honorific(at, from) && spans::names_a_firm(at, to)
    {
        candidate.kind = Recognised::Org;
    }
    // A country is a place, also when it acts ("the Philippines will offer creditors").
    if candidate.is(Recognised::Org) && nonentities::is_country(at.written(candidate.range())) {
        candidate.kind = Recognised::Place;
    }
    // A river, lake or mountain is a place ("River Aire", "Lake Geneva", "Snake River").
    if !candidate.is(Recognised::Place) && candidate.len() > 1 && names_a_feature(at, from, to) {
        candidate.kind = Recognised::Place;
    }
    // A "person" ending in an institution's or a firm's word is the institution or the
    // firm ("Reagan Administration", "Blair Government", "Reagan Communications"), unless
    // that word is a surname too ("Court", "Steel").
    let last = at.word(to - 1);
    if candidate.is(Recognised::Person)
        && candidate.len() > 1
        && (name_evidence(last) < 0 || typing::is_company_word(last))
        && !is_common_name(last)
    {
        candidate.kind = Recognised::Org;
    }
    candidate
}

/// A country after "Air" names an airline, and the airline's name takes "Air" in ("Air
/// France", "Air India"); any other candidate is left as it is.
fn airline(at: &SentenceAt, candidate: Candidate) -> Candidate {
    let Candidate { from, .. } = candidate;
    if !candidate.is(Recognised::Person)
        && from > 0
        && at.word(from - 1) == "Air"
        && nonentities::is_country(at.written(candidate.range()))
    {
        return Candidate {
            from: from - 1,
            kind: Recognised::Org,
            ..candidate
        };
    }
    candidate
}

/// The other name a candidate opens, if words after it make it an accord's ("the Louvre
/// accord", not for a person) or an event's ("Cannes Film Festival"): the other name ends
/// after those words.
fn with_tail(at: &SentenceAt, candidate: Candidate) -> Option<Recognition> {
    let words = at.words();
    let accord = (!candidate.is(Recognised::Person))
        .then(|| works::accord_tail(&words, candidate.to))
        .flatten();
    if let Some(to) = accord {
        return Some(Candidate { to, ..candidate }.other(RecognisedBy::Tagger));
    }
    let to = works::event_tail(&words, candidate.to)?;
    Some(Candidate { to, ..candidate }.other(RecognisedBy::Cue))
}

/// A candidate without the title of an office it ends in, or `None` when it is dropped: a
/// person's name never ends in one ("U.K. Chancellor"; titles that are also surnames,
/// "King", "Judge", may), nor does an organisation's: "Federal Reserve Chairman" names the
/// Federal Reserve, and "U.K. Chancellor" no organisation at all (the place is found from
/// the gazetteer). The candidate's start stays.
fn without_office(at: &SentenceAt, candidate: Candidate) -> Option<Candidate> {
    let office = matches!(
        at.word(candidate.to - 1).to_lowercase().as_str(),
        "chancellor" | "president" | "secretary" | "minister" | "governor" | "mayor" | "chairman"
    );
    if !office {
        return Some(candidate);
    }
    match candidate.kind {
        Recognised::Person => None,
        Recognised::Org if candidate.len() > 1 => {
            let shorter = Candidate {
                to: candidate.to - 1,
                ..candidate
            };
            (!gazetteer().is_place(at.written(shorter.range()))).then_some(shorter)
        }
        _ => Some(candidate),
    }
}

/// A span the tagger marked miscellaneous: an other name, taking in the event words after
/// it ("Olympic" + "Games"), and cued when a cue agrees.
fn misc(words: &works::Words, from: usize, to: usize) -> Recognition {
    let tail = works::event_tail(words, to);
    let to = tail.unwrap_or(to);
    // A holiday is known by its words: no listed name takes part of it ("Labour" of "Labour
    // Day").
    let written = &words.text[words.toks[from].start..words.toks[to - 1].end];
    let cued = tail.is_some()
        || works::work_cue(words, from, to).is_some()
        || nonentities::is_holiday(written);
    Recognition::Other {
        range: TokenRange { from, to },
        by: if cued {
            RecognisedBy::Cue
        } else {
            RecognisedBy::Tagger
        },
    }
}

/// Whether tokens `from..to` name a river, lake, sea or mountain by its head word.
fn names_a_feature(at: &SentenceAt, from: usize, to: usize) -> bool {
    let first = matches!(at.word(from), "River" | "Lake" | "Mount" | "Mt." | "Loch");
    let last = matches!(
        at.word(to - 1),
        "River" | "Lake" | "Sea" | "Ocean" | "Mountains" | "Strait" | "Canal"
    );
    first || last
}

/// Whether the word before token `from` is an honorific ("Mr").
fn after_honorific(at: &SentenceAt, from: usize) -> bool {
    from > 0 && is_honorific(at.word(from - 1))
}

/// The [`Found`] for tokens `range` of a sentence.
fn found_at(field: TextField, at: &SentenceAt, range: TokenRange, kind: Recognised) -> Found {
    let TokenRange { from, to } = range;
    Found {
        field,
        start: at.toks[from].start,
        end: at.toks[to - 1].end,
        after_title: from > 0 && is_title(at.word(from - 1)),
        kind,
        cue: if kind == Recognised::Org {
            context_cue(at.text, at.toks, from, to)
        } else {
            0
        },
    }
}

/// Add the gazetteer's companies, organisations and place short forms that the tagger left
/// untagged ("Musical.ly", "MICROSOFT" in a headline), or tagged only in part, outside the
/// other names a cue recognised (it takes in those only the tagger found). Only
/// capitalised words count, and a tagged span is cut only where it runs into a listed name
/// over "and".
fn gazetteer_fallback(fields: &[FieldSentences], found: &mut Vec<Found>, others: &mut OthersFound) {
    let mut listed = ListedNames::default();
    for field in fields {
        let scan = ListedScan {
            field: field.field,
            text: field.text,
            taken: (found.iter())
                .filter(|f| f.field == field.field)
                .map(|f| (f.start, f.end))
                .collect(),
            others,
        };
        for sentence in &field.sentences {
            scan.sentence(&sentence.tokens, &mut listed);
        }
    }
    listed.merge_into(found, others);
}

/// Add the one-word `short` names of the article's companies
/// ([`resolve::company_short_forms`]) where the tagger left them untagged ("Mercantile
/// Bancorp Inc." … "grab Mercantile or Commerce"), outside every other span and name; never
/// a country or a word of a person's name.
fn short_names_fallback(
    fields: &[FieldSentences],
    short: &[(String, String)],
    found: &mut Vec<Found>,
    others: &OthersFound,
) {
    if short.is_empty() {
        return;
    }
    let [title, body] = [fields[0].text, fields[1].text];
    let person_words: Vec<&str> = (found.iter())
        .filter(|f| f.kind == Recognised::Person)
        .flat_map(|f| f.text(title, body).split_whitespace())
        .collect();
    let mut extra = Vec::new();
    for field in fields {
        for t in field.sentences.iter().flat_map(|s| &s.tokens) {
            let word = &field.text[t.start..t.end];
            let taken = |s: usize, e: usize| s < t.end && t.start < e;
            if word.starts_with(char::is_uppercase)
                && short.iter().any(|(k, _)| word.eq_ignore_ascii_case(k))
                && !nonentities::is_country(word)
                && !person_words.iter().any(|p| p.eq_ignore_ascii_case(word))
                && !found
                    .iter()
                    .any(|f| f.field == field.field && taken(f.start, f.end))
                && !others
                    .mentions
                    .iter()
                    .any(|o| o.overlaps(field.field, t.start, t.end))
            {
                extra.push(Found {
                    field: field.field,
                    start: t.start,
                    end: t.end,
                    kind: Recognised::Org,
                    cue: 0,
                    after_title: false,
                });
            }
        }
    }
    found.extend(extra);
    found.sort_by_key(|f| (f.field == TextField::Body, f.start));
}

/// The listed names the gazetteer fallback found, and where they cut tagged spans.
#[derive(Default)]
struct ListedNames {
    names: Vec<Found>,
    cuts: Vec<Cut>,
}

/// Where a tagged span that runs over "and" into a listed name ("Moody's and Standard" +
/// "Poor's") is cut: a span of `field` across `listed_start` (where the listed name starts)
/// ends at `end` (before the "and").
struct Cut {
    field: TextField,
    listed_start: usize,
    end: usize,
}

impl ListedNames {
    /// Cut the tagged spans that run into a listed name, drop those a listed name holds and
    /// the tagger's miscellaneous spans it overlaps, and add the listed names to `found`.
    fn merge_into(self, found: &mut Vec<Found>, others: &mut OthersFound) {
        for f in found.iter_mut() {
            let cut = self.cuts.iter().find(|c| {
                c.field == f.field
                    && f.start < c.end
                    && c.end < c.listed_start
                    && c.listed_start < f.end
            });
            if let Some(cut) = cut {
                f.end = cut.end;
            }
        }
        let extra = self.names;
        found.retain(|f| {
            !extra
                .iter()
                .any(|x| x.field == f.field && x.start <= f.start && f.end <= x.end)
        });
        // A listed name takes in the tagger's miscellaneous spans it covers.
        others
            .mentions
            .retain(|o| o.is_cued() || !extra.iter().any(|x| o.overlaps(x.field, x.start, x.end)));
        found.extend(extra);
        found.sort_by_key(|f| (f.field == TextField::Body, f.start));
    }
}

/// One field as the gazetteer fallback reads it: its text, the byte ranges of the spans
/// found in it, and the other names recognised so far.
struct ListedScan<'a> {
    field: TextField,
    text: &'a str,
    taken: Vec<(usize, usize)>,
    others: &'a OthersFound,
}

impl ListedScan<'_> {
    fn word(&self, t: &Token) -> &str {
        &self.text[t.start..t.end]
    }

    /// Find the listed names of one sentence, left to right, longest first; the scan goes
    /// on after each name it takes.
    fn sentence(&self, toks: &[Token], listed: &mut ListedNames) {
        let g = gazetteer();
        let mut i = 0;
        while i < toks.len() {
            if !self.word(&toks[i]).starts_with(char::is_uppercase) {
                i += 1;
                continue;
            }
            let words = toks[i..].iter().map(|t| self.word(t));
            // Where a tagged span that runs into this name over "and" would end.
            let cut =
                (i >= 2 && matches!(self.word(&toks[i - 1]), "and" | "&")).then(|| toks[i - 2].end);
            let Some((n, entry)) = g.longest_match(words, |n| self.may_take(&toks[i..i + n], cut))
            else {
                i += 1;
                continue;
            };
            // A listed name the next word makes a holiday of is the holiday ("Labour Day").
            let with_next = toks
                .get(i + n)
                .map(|next| &self.text[toks[i].start..next.end]);
            if with_next.is_some_and(nonentities::is_holiday) {
                i += n + 1;
                continue;
            }
            let (start, end) = (toks[i].start, toks[i + n - 1].end);
            if let Some(cut) = cut {
                listed.cuts.push(Cut {
                    field: self.field,
                    listed_start: start,
                    end: cut,
                });
            }
            listed.names.push(Found {
                field: self.field,
                start,
                end,
                kind: match entry.kind {
                    EntityKind::Place => Recognised::Place,
                    EntityKind::Person => Recognised::Person,
                    _ => Recognised::Org,
                },
                cue: 0,
                after_title: false,
            });
            i += n;
        }
    }

    /// Whether the tokens `name` may be a listed name: capitalised words (or the small
    /// words names hold), outside the other names a cue recognised. A longer listed name
    /// may take in tagged spans ("Tariffs" of "General Agreement on Tariffs and Trade"), and
    /// the end of one that runs into it over "and" (`cut`, "Moody's and Standard" +
    /// "Poor's"); it cuts no other.
    fn may_take(&self, name: &[Token], cut: Option<usize>) -> bool {
        let (start, end) = (name[0].start, name[name.len() - 1].end);
        let capitalised = name.iter().all(|t| {
            let w = self.word(t);
            w.chars().next().is_some_and(|c| !c.is_lowercase())
                || matches!(w, "of" | "and" | "the" | "de" | "&" | "on" | "for")
        });
        let in_cued = |o: &OtherFound| o.is_cued() && o.overlaps(self.field, start, end);
        capitalised
            && !self.others.mentions.iter().any(in_cued)
            && (self.taken.iter())
                .filter(|&&(s, e)| s < end && start < e)
                .all(|&(s, e)| {
                    (start <= s && e <= end && (s, e) != (start, end))
                        || (s < start && e <= end && cut.is_some())
                })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Recognised {
    Person,
    Org,
    Place,
}

/// A span the tagger found.
#[derive(Debug, Clone)]
struct Found {
    field: TextField,
    start: usize,
    end: usize,
    kind: Recognised,
    /// Context evidence for an organisation: positive says company, negative organisation.
    cue: i32,
    /// Right after a personal title or honorific ("Mr", "President").
    after_title: bool,
}

impl Found {
    /// The span's text, as written in the title or the body.
    fn text<'a>(&self, title: &'a str, body: &'a str) -> &'a str {
        match self.field {
            TextField::Title => &title[self.start..self.end],
            TextField::Body => &body[self.start..self.end],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn institutions_firms_and_abbreviated_given_names() {
        use EntityKind::*;
        check_names(&[
            (
                "Officials of the Reagan Administration said talks would resume.",
                &[(Organization, "Reagan Administration")],
            ),
            (
                "Shares of Norbancorp rose 2 dlrs.",
                &[(Company, "Norbancorp")],
            ),
            (
                "The offering is managed by Alex. Brown and Sons Inc.",
                &[(Company, "Alex. Brown and Sons")],
            ),
            (
                "Mrs Margaret Court won the title.",
                &[(Person, "Margaret Court")],
            ),
            (
                "The Philippines will offer its creditors a new plan.",
                &[(Place, "Philippines")],
            ),
            ("The Bank said the Commission would act.", &[]),
            ("Ministers stood by the Louvre accord on Monday.", &[]),
            (
                "The River Aire burst its banks near Kirkstall.",
                &[(Place, "River Aire"), (Place, "Kirkstall")],
            ),
        ]);
    }

    #[test]
    fn datelines_are_capitals_then_a_dash() {
        let cases = [
            ("GALWAY — Floods closed the road.", Some(2)),
            ("LONDON, March 3 - The pound rose.", Some(5)),
            ("NEW YORK -- Stocks fell.", Some(3)),
            ("OAK BROOK, ILL., March 26 - Freedom Federal said.", Some(9)),
            ("WASHINGTON, Jan. 5 — Talks began.", Some(5)),
            ("NATO said on Monday it would act.", None),
            ("London - the pound rose.", None),
            ("GDP rose 2 pct.", None),
            ("SOCCER - JAPAN GET LUCKY WIN .", None),
            ("LONDON (Reuters) - Showers continued.", Some(5)),
            ("NEW YORK, March 3 (AP) -- Shares rose.", Some(9)),
            ("WASHINGTON, Oct. 12 /PRNewswire/ -- Sales fell.", Some(8)),
            ("PARIS (the capital) - it rained.", None),
        ];
        for (text, want) in cases {
            let whole = tokenize(text)[0].tokens.len();
            let first = &split_datelines(text, tokenize(text))[0];
            let split = first.is_dateline && first.tokens.len() < whole;
            assert_eq!(split.then_some(first.tokens.len()), want, "{text}");
        }
    }

    #[test]
    fn a_story_starts_past_its_dateline() {
        for (body, story) in [
            (
                "LONDON (Reuters) - Showers continued.\n\nMore.",
                "Showers continued.",
            ),
            ("NEW YORK, March 3 (AP) -- Shares rose.", "Shares rose."),
            (
                "WASHINGTON, Oct. 12 /PRNewswire/ -- Sales fell.",
                "Sales fell.",
            ),
            (
                "Showers continued in the cocoa zone.",
                "Showers continued in the cocoa zone.",
            ),
            (
                "SOCCER - JAPAN GET LUCKY WIN",
                "SOCCER - JAPAN GET LUCKY WIN",
            ),
            ("", ""),
        ] {
            let at = dateline_end(body);
            assert!(
                body[at..].starts_with(story),
                "{body:?} → {:?}",
                &body[at..]
            );
        }
        // Only the first line's opening is read.
        let long = format!("{} LONDON - not a dateline.", "word ".repeat(40));
        assert_eq!(dateline_end(&long), 0);
        assert_eq!(dateline_end(&"É".repeat(200)), 0);
    }

    /// The (kind, text, canonical) of every mention in a body.
    fn check(body: &str, want: &[(EntityKind, &str, &str)]) {
        let got: Vec<(EntityKind, String, String)> = find_entities("", body)
            .entities
            .into_iter()
            .map(|m| {
                assert_eq!(&body[m.start..m.end], m.text);
                (m.kind, m.text, m.canonical)
            })
            .collect();
        let want: Vec<(EntityKind, String, String)> = want
            .iter()
            .map(|(k, t, c)| (*k, t.to_string(), c.to_string()))
            .collect();
        assert_eq!(got, want, "in {body:?}");
    }

    use EntityKind::*;

    #[test]
    fn a_title_case_headline_keeps_only_the_names_its_story_tells() {
        let found = find_entities(
            "Harbour Students Vote to Add Fee for Ferry Repairs, Says Mayor Alice Brandt",
            "Students at Harbour College voted on Tuesday for a new fee, Alice Brandt said.",
        );
        let names: Vec<(TextField, &str)> = found
            .entities
            .iter()
            .map(|m| (m.field, m.canonical.as_str()))
            .collect();
        assert!(
            !names
                .iter()
                .any(|(f, n)| *f == TextField::Title && n.contains("Fee")),
            "{names:?}"
        );
        let told = find_entities(
            "Alice Brandt wins harbour vote",
            "Mayor Alice Brandt won the vote on Tuesday.",
        );
        assert!(
            told.entities
                .iter()
                .any(|m| m.field == TextField::Title && m.canonical == "Alice Brandt"),
            "{:?}",
            told.entities
        );
        let credit = find_entities(
            "",
            "Photograph: Imageplotter/REX/Shutterstock While Labour met.",
        );
        assert!(
            !credit.entities.iter().any(|m| m.text.contains('/')),
            "{:?}",
            credit.entities
        );
    }

    #[test]
    fn state_abbreviations_wire_names_legal_forms_and_a_lone_international() {
        check(
            "Prices rose in Sacramento, Calif., on Monday, a Reuter survey showed.",
            &[
                (Place, "Sacramento", "Sacramento"),
                (Place, "Calif.", "California"),
                (Company, "Reuter", "Reuters"),
            ],
        );
        check(
            "Shares of Resorts International rose, while International said it would sell.",
            &[(Company, "Resorts International", "Resorts International")],
        );
        // A "person" running on into "and Co" is a firm named after its founders.
        check(
            "The shares were placed by James Capel and Co on Monday.",
            &[(Company, "James Capel", "James Capel")],
        );
        // A "person" ending in a legal form is a company.
        check(
            "Shares were placed by Drew Ltd, a London broker, on Monday.",
            &[(Company, "Drew Ltd", "Drew"), (Place, "London", "London")],
        );
    }

    #[test]
    fn honorifics_possessives_and_surnames() {
        check(
            "Foreign Secretary Anna Lindqvist met reporters. Mr Lindqvist’s aides said Lindqvist was tired.",
            &[
                (Person, "Anna Lindqvist", "Anna Lindqvist"),
                (Person, "Lindqvist", "Anna Lindqvist"),
                (Person, "Lindqvist", "Anna Lindqvist"),
            ],
        );
        check(
            "Trump's aides met. President Donald Trump spoke in the U.S. capital.",
            &[
                (Person, "Trump", "Donald Trump"),
                (Person, "Donald Trump", "Donald Trump"),
                (Place, "U.S.", "United States"),
            ],
        );
    }

    #[test]
    fn a_lone_name_of_someone_named_in_full_is_a_person() {
        // A surname two people share is still someone's: kept, though not resolved.
        check(
            "Boris Volkov visited his wife Irina Volkov in hospital. Volkov said she was well.",
            &[
                (Person, "Boris Volkov", "Boris Volkov"),
                (Person, "Irina Volkov", "Irina Volkov"),
                (Person, "Volkov", "Volkov"),
            ],
        );
        // A given name alone stands for the one full name it opens.
        check(
            "Tanvir Qadir won the final in Karachi. Tanvir said the court was slow.",
            &[
                (Person, "Tanvir Qadir", "Tanvir Qadir"),
                (Place, "Karachi", "Karachi"),
                (Person, "Tanvir", "Tanvir Qadir"),
            ],
        );
    }

    #[test]
    fn a_sports_report_names_its_players_by_surname_alone() {
        let body = "CRICKET - HOSTS WIN BY FIVE WICKETS.\n\nDid not bat: Okonkwo-Ladd. \
                    Bowling: Tembekar 10-1-45-2, Okonkwo-Ladd 9-0-51-1.";
        let got = names(body);
        for player in ["Okonkwo-Ladd", "Tembekar"] {
            assert!(
                got.contains(&(Person, player.to_string())),
                "{player}: {got:?}"
            );
        }
    }

    #[test]
    fn a_company_is_one_company_under_its_short_name() {
        // Tagged a place or left untagged, the word a company is called by is the company.
        let body = "Halden Industries Ltd said profit rose. Halden shares rose 2 pct, and \
                    analysts said investors would grab Halden or Coreva.";
        let got: Vec<(EntityKind, String)> = names(body)
            .into_iter()
            .filter(|(_, c)| c.starts_with("Halden"))
            .collect();
        assert_eq!(got, vec![(Company, "Halden Industries".to_string()); 3]);
        // Not when the word is a country, or a person's name the article gives in full.
        assert!(names("Japan Airlines flew to Japan.").contains(&(Place, "Japan".to_string())));
        check(
            "Orla Brennan founded Brennan Holdings. Brennan said sales grew.",
            &[
                (Person, "Orla Brennan", "Orla Brennan"),
                (Company, "Brennan Holdings", "Brennan Holdings"),
                (Person, "Brennan", "Orla Brennan"),
            ],
        );
    }

    #[test]
    fn airlines_firms_and_bracketed_given_names() {
        check_names(&[
            (
                "Workers at Air India went on strike in Mumbai.",
                &[(Company, "Air India"), (Place, "Mumbai")],
            ),
            (
                "Investors backed Brady Energy after its chief resigned.",
                &[(Company, "Brady Energy")],
            ),
            // An editor's bracketed given name is part of the name, and no name runs over a
            // bracket it does not close.
            (
                "He saw (Tom) Seaver pitch in New York.",
                &[(Person, "Tom Seaver"), (Place, "New York")],
            ),
            // An office between a body's name and its holder's is neither.
            (
                "The rate will hold, Harwell Central Bank Governor Aldo Ferrante said.",
                &[
                    (Organization, "Harwell Central Bank"),
                    (Person, "Aldo Ferrante"),
                ],
            ),
            // Bracketed words that qualify a firm's name are no name of their own.
            (
                "The bonds are priced at par, Tarvos Securities Co (Europe) Ltd said.",
                &[(Company, "Tarvos Securities")],
            ),
        ]);
        // A firm's possessive is not part of its name.
        check(
            "Fenwick & Lowe Co said on Monday that Fenwick & Lowe's profits fell.",
            &[
                (Company, "Fenwick & Lowe Co", "Fenwick & Lowe"),
                (Company, "Fenwick & Lowe", "Fenwick & Lowe"),
            ],
        );
        for (_, name) in names("We like Seles, (Olympic champion Marta) Kovac and Mary Lund.") {
            assert!(!name.contains(['(', ')']), "{name}");
        }
    }

    #[test]
    fn companies_versus_organisations() {
        check(
            "Its owner, Bytedance Ltd, is talking to Microsoft, the company said, while the Finance Ministry objected.",
            &[
                (Company, "Bytedance Ltd", "ByteDance"),
                (Company, "Microsoft", "Microsoft"),
                (Organization, "Finance Ministry", "Finance Ministry"),
            ],
        );
        check(
            "Shares of Nordvik Foods rose after the Harbour Workers Union agreed a deal.",
            &[
                (Company, "Nordvik Foods", "Nordvik Foods"),
                (
                    Organization,
                    "Harbour Workers Union",
                    "Harbour Workers Union",
                ),
            ],
        );
    }

    #[test]
    fn may_the_month_is_not_a_name_but_theresa_may_is() {
        check(
            "Prime Minister Theresa May said in May that talks would resume.",
            &[(Person, "Theresa May", "Theresa May")],
        );
    }

    #[test]
    fn all_caps_headlines() {
        let found = find_entities("PORT OF ROTTERDAM HALTS WORK AS MICROSOFT WAITS", "");
        let names: Vec<(EntityKind, &str)> = found
            .entities
            .iter()
            .map(|m| (m.kind, m.canonical.as_str()))
            .collect();
        assert!(names.contains(&(Company, "Microsoft")), "{names:?}");
    }

    /// The canonical names of each kind that a body yields, as (kind, canonical) pairs.
    fn names(body: &str) -> Vec<(EntityKind, String)> {
        find_entities("", body)
            .entities
            .into_iter()
            .map(|m| (m.kind, m.canonical))
            .collect()
    }

    /// Each sentence yields exactly the (kind, canonical) pairs listed.
    fn check_names(table: &[(&str, &[(EntityKind, &str)])]) {
        for (body, want) in table {
            let want: Vec<(EntityKind, String)> =
                want.iter().map(|(k, c)| (*k, c.to_string())).collect();
            assert_eq!(names(body), want, "in {body:?}");
        }
    }

    #[test]
    fn question_and_function_words_are_not_acronyms() {
        check_names(&[
            ("Who said the talks would fail?", &[]),
            (
                "Who will pay? The WHO said it would.",
                &[(Organization, "World Health Organization")],
            ),
            ("Us and them, said the singer.", &[]),
        ]);
    }

    #[test]
    fn holidays_and_named_days_are_not_names() {
        check_names(&[
            ("Shops will close over Easter, traders said.", &[]),
            ("Trading resumes after Good Friday and Easter Monday.", &[]),
            ("Payment is due May One.", &[]),
            // A listed name the next word makes a holiday of names no party.
            ("Markets close on Monday for Labour Day.", &[]),
        ]);
    }

    #[test]
    fn currencies_units_and_table_headings_are_not_names() {
        check_names(&[
            ("It raised 50 mln N.Z. Dlrs from the sale.", &[]),
            ("The issue of 200 mln H.K. Dlrs was priced at par.", &[]),
            (
                "Nine Mths\nShr 1.20 vs 1.10\nRevs 40.1 mln vs 38.2 mln",
                &[],
            ),
            ("Year Shr 2.40 vs 2.10\nAvg shrs 10.2 mln", &[]),
        ]);
    }

    #[test]
    fn economic_indicators_are_not_organisations() {
        check_names(&[
            ("GNP rose 2.1 pct in the quarter, while GDP fell.", &[]),
            ("The CPI rose 0.3 pct in Norway.", &[(Place, "Norway")]),
        ]);
    }

    #[test]
    fn nationality_and_party_adjectives_are_not_names() {
        check_names(&[
            ("West German officials met in Bonn.", &[(Place, "Bonn")]),
            (
                "Republican senators objected, and Democratic leaders agreed.",
                &[],
            ),
            ("French and Italian farmers protested.", &[]),
        ]);
    }

    #[test]
    fn generic_head_words_alone_are_not_names() {
        check_names(&[
            ("The Bank said rates would stay.", &[]),
            ("The Commission said the Community would act.", &[]),
            ("The House voted, and the Federal authorities agreed.", &[]),
            ("The Central Bank cut rates.", &[]),
            (
                "The Federal Reserve kept rates.",
                &[(Organization, "Federal Reserve")],
            ),
        ]);
    }

    #[test]
    fn central_and_development_banks_are_organisations() {
        check_names(&[
            (
                "The Bank of Japan intervened.",
                &[(Organization, "Bank of Japan")],
            ),
            (
                "The Reserve Bank of Australia raised its cash rate.",
                &[(Organization, "Reserve Bank of Australia")],
            ),
            (
                "The Inter-American Development Bank lent money to Peru.",
                &[
                    (Organization, "Inter-American Development Bank"),
                    (Place, "Peru"),
                ],
            ),
        ]);
    }

    #[test]
    fn a_place_tagged_as_a_person_is_a_place() {
        check_names(&[(
            "Latin America owes 400 billion dlrs, Paul Volcker told Jose Sarney.",
            &[
                (Place, "Latin America"),
                (Person, "Paul Volcker"),
                (Person, "Jose Sarney"),
            ],
        )]);
    }

    #[test]
    fn trailing_conjunctions_and_legal_forms_are_not_part_of_a_name() {
        check_names(&[
            (
                "Shares were placed by Merrill Lynch and sold on.",
                &[(Company, "Merrill Lynch")],
            ),
            (
                "The lead manager is Goldman, Sachs and Co, dealers said.",
                &[(Company, "Goldman Sachs")],
            ),
            (
                "The offering is led by Morgan Stanley and Co Inc.",
                &[(Company, "Morgan Stanley")],
            ),
            (
                "Standard and Poor's Corp downgraded the debt of Acme Inc.",
                &[(Company, "Standard & Poor's"), (Company, "Acme")],
            ),
            (
                "Talks on the General Agreement on Tariffs and Trade resume.",
                &[(Organization, "General Agreement on Tariffs and Trade")],
            ),
            (
                "It is rated AA by Standard and Poor's and AAA by Moody's.",
                &[(Company, "Standard & Poor's"), (Company, "Moody's")],
            ),
            ("The U.K. Chancellor spoke.", &[(Place, "United Kingdom")]),
            (
                "Mervyn King, the governor, spoke.",
                &[(Person, "Mervyn King")],
            ),
            (
                "Standard and Poor's said it may cut the rating.",
                &[(Company, "Standard & Poor's")],
            ),
        ]);
    }

    #[test]
    fn works_awards_events_and_products_are_others() {
        check_names(&[
            ("The film Midnight Harbour won three Oscars.", &[]),
            ("Her new album Blue Lanterns sold well.", &[]),
            (
                "Singer Ana Costa wrote the novel \"Salt Road\" before the World Cup.",
                &[(Person, "Ana Costa")],
            ),
            (
                "The Cannes Film Festival opened as Apple sold more iPod and MP3 players.",
                &[(Company, "Apple")],
            ),
        ]);
    }

    /// The other names of a body, as their texts, each checked against its offsets.
    fn other_names(body: &str) -> Vec<String> {
        (find_entities("", body).other_mentions.into_iter())
            .map(|m| {
                assert_eq!(crate::parse::squeeze(&body[m.start..m.end]), m.text);
                m.text
            })
            .collect()
    }

    /// A sentence, the entities it leaves and the other names it yields.
    type WorkCase<'a> = (&'a str, &'a [(EntityKind, &'a str)], &'a [&'a str]);

    #[test]
    fn each_work_cue_keeps_a_name_out_of_the_four_kinds() {
        // (sentence, the entities left, the other names found)
        let table: &[WorkCase] = &[
            (
                "Midnight Harbour won four Oscars, and The Lantern Keeper took five.",
                &[],
                &["Midnight Harbour", "Oscars", "The Lantern Keeper"],
            ),
            (
                "Million Dollar Baby won four Oscars, and The Aviator took five.",
                &[],
                &["Million Dollar Baby", "Oscars", "The Aviator"],
            ),
            (
                "Salt Road, the band's third album, sold well in Lisbon.",
                &[(Place, "Lisbon")],
                &["Salt Road"],
            ),
            (
                "The film Grey Orchard opened on Friday.",
                &[],
                &["Grey Orchard"],
            ),
            (
                "Ana Costa sang \"Midnight Harbour\" at the Lisbon Jazz Festival.",
                &[(Person, "Ana Costa")],
                &["Midnight Harbour", "Lisbon Jazz Festival"],
            ),
            (
                "Tickets for the Harbour Music Awards sold out.",
                &[],
                &["Harbour Music Awards"],
            ),
            (
                "She ran at the Atlanta Games and the Sydney Olympics.",
                &[],
                &["Atlanta Games", "Sydney Olympics"],
            ),
            (
                "Norway beat Brazil in the Nordic Cup final.",
                &[(Place, "Norway"), (Place, "Brazil")],
                &["Nordic Cup"],
            ),
            (
                "Exports went to \"Norway\" and \"UK\", it said.",
                &[(Place, "Norway"), (Place, "United Kingdom")],
                &[],
            ),
            (
                "Ana Costa won two Oscars for her role.",
                &[(Person, "Ana Costa")],
                &["Oscars"],
            ),
        ];
        for (body, entities, others) in table {
            let want: Vec<(EntityKind, String)> =
                entities.iter().map(|(k, c)| (*k, c.to_string())).collect();
            assert_eq!(names(body), want, "entities in {body:?}");
            assert_eq!(other_names(body), *others, "others in {body:?}");
        }
    }

    #[test]
    fn ships_are_other_names() {
        let body = "The aircraft carrier Harold Benton sailed into the Gulf. \
                    The Harold Benton carries 70 jets, the navy said.";
        assert!(
            names(body).iter().all(|(k, _)| *k != Person),
            "{:?}",
            names(body)
        );
        assert_eq!(other_names(body), ["Harold Benton", "Harold Benton"]);
        assert_eq!(
            other_names("The RMS Aurelia sank in 1912."),
            ["RMS Aurelia"]
        );
        // Named again without its prefix, a ship is still no entity.
        let body = "Divers reached the RMS Aurelia on Monday. Aurelia sank in 1912.";
        assert!(names(body).is_empty(), "{:?}", names(body));
        assert_eq!(other_names(body), ["RMS Aurelia", "Aurelia"]);
    }

    #[test]
    fn every_mention_of_a_recognised_work_is_an_other_name() {
        let body = "The film Grey Orchard opened on Friday. Grey Orchard is set in Oslo.";
        assert_eq!(names(body), [(Place, "Oslo".to_string())]);
        assert_eq!(other_names(body), ["Grey Orchard", "Grey Orchard"]);
    }

    #[test]
    fn names_kept_out_of_the_four_kinds_are_recorded_once() {
        let names = find_entities(
            "The film Midnight Harbour",
            "The film Midnight Harbour opened before the World Cup. Midnight Harbour won.",
        );
        assert_eq!(names.others[..2], ["Midnight Harbour", "World Cup"]);
        assert_eq!(
            names
                .others
                .iter()
                .filter(|n| *n == "Midnight Harbour")
                .count(),
            1
        );
    }
}
