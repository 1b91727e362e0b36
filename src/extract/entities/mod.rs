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
}

/// Find and resolve the entities of an article's title and body.
pub fn find_entities(title: &str, body: &str) -> Names {
    let fields = [(TextField::Title, title), (TextField::Body, body)];
    let tokenized: Vec<(TextField, &str, Vec<Sentence>)> = fields
        .iter()
        .map(|&(field, text)| (field, text, split_datelines(text, tokenize(text))))
        .collect();
    let sentences: Vec<Vec<&str>> = tokenized
        .iter()
        .flat_map(|(_, text, sents)| {
            sents
                .iter()
                .map(move |s| s.tokens.iter().map(|t| &text[t.start..t.end]).collect())
        })
        .collect();
    let tagged = model().tag_document(&sentences);

    let mut found = Vec::new();
    let mut others = OthersFound::default();
    let mut tagged = tagged.into_iter();
    for (field, text, sents) in &tokenized {
        for sentence in sents {
            let spans = tagged.next().unwrap_or_default();
            let at = SentenceAt {
                text,
                toks: &sentence.tokens,
                spans: &spans.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>(),
            };
            let cut: Vec<Span> = (spans.iter())
                .flat_map(|span| {
                    let pieces = spans::pieces(&at, span.start, span.end);
                    (pieces.into_iter()).map(|(start, end)| Span {
                        start,
                        end,
                        ..*span
                    })
                })
                .collect();
            recognise_sentence(*field, &at, &cut, &mut found, &mut others);
        }
    }
    gazetteer_fallback(&tokenized, &mut found, &mut others);
    if !reports_sport(title, body) {
        places_stay_places(&mut found, title, body);
    }
    let other_mentions = others.take_repeats(&mut found, title, body);
    let mut distinct: Vec<String> = Vec::new();
    for mention in &other_mentions {
        if !distinct.contains(&mention.text) {
            distinct.push(mention.text.clone());
        }
    }
    let mut entities = resolve(found, gazetteer(), title, body);
    if is_title_case(title) && !body.trim().is_empty() {
        keep_headline_names_the_story_tells(&mut entities, body);
    }
    // Names joined by slashes are credits or pairs ("Imageplotter/REX/Shutterstock",
    // "Local/DPA/hc", "U.S./Japan"), not one name.
    entities.retain(|e| !e.text.contains('/'));
    Names {
        entities,
        others: distinct,
        other_mentions,
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
    let words = works::Words {
        text: at.text,
        toks: at.toks,
    };
    // A title run stands unless a tagged span straddles its edge; spans inside it are its.
    let titles: Vec<(usize, usize)> = works::title_runs(&words)
        .into_iter()
        .filter(|&(s, e)| {
            let straddles = |&(a, b): &(usize, usize)| a < e && s < b && !(s <= a && b <= e);
            let run: Vec<&str> = (s..e).map(|i| at.word(i)).collect();
            let name = &at.text[at.toks[s].start..at.toks[e - 1].end];
            let listed = gazetteer().get(name).is_some() || gazetteer().is_place(name);
            !at.spans.iter().any(straddles) && !nonentities::is_not_a_name(&run) && !listed
        })
        .collect();
    for &(from, to) in &titles {
        others.push(field, at, from, to, true);
    }
    // Where the last other name ended: a span it took in ("Atlanta" + "Games") is done.
    let mut covered = 0;
    for span in spans {
        let in_title = titles
            .iter()
            .any(|&(s, e)| s <= span.start && span.end <= e);
        if span.start < covered || in_title {
            continue;
        }
        match recognise(at, span) {
            Some(Recognition::Entity(from, to, kind)) => {
                found.push(found_at(field, at, from, to, kind))
            }
            Some(Recognition::Other { from, to, cued }) => {
                covered = to;
                others.push(field, at, from, to, cued);
            }
            None => {}
        }
    }
}

/// The other names found so far, and the keys of those a cue recognised (not only the
/// tagger), whose every mention in the article is an other name.
#[derive(Default)]
struct OthersFound {
    /// Each mention, and whether a cue recognised it.
    mentions: Vec<(OtherMention, bool)>,
    cued: FxHashSet<String>,
}

impl OthersFound {
    /// Record tokens `from..to` of a sentence as an other name.
    fn push(&mut self, field: TextField, at: &SentenceAt, from: usize, to: usize, cued: bool) {
        // A capitalised "The" inside a sentence opens the title it stands before ("and The
        // Lantern Keeper took five"); at a sentence's start it may be only the article.
        let from = if cued && from >= 2 && at.word(from - 1) == "The" {
            from - 1
        } else {
            from
        };
        let (start, end) = (at.toks[from].start, at.toks[to - 1].end);
        let text = crate::parse::squeeze(&at.text[start..end]);
        if cued {
            self.cued.insert(key(&text));
        }
        let mention = OtherMention {
            text,
            field,
            start,
            end,
        };
        self.mentions.push((mention, cued));
    }

    /// Where the title and body spell a name a cue recognised, as whole words.
    fn spelled_out(&self, title: &str, body: &str) -> Vec<OtherMention> {
        let mut names: Vec<&str> = (self.mentions.iter())
            .filter(|(_, cued)| *cued)
            .map(|(m, _)| m.text.as_str())
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
            let text = match f.field {
                TextField::Title => title,
                TextField::Body => body,
            };
            let name = crate::parse::squeeze(&text[f.start..f.end]);
            let repeat = self.cued.contains(&key(&name));
            if repeat {
                let mention = OtherMention {
                    text: name,
                    field: f.field,
                    start: f.start,
                    end: f.end,
                };
                self.mentions.push((mention, true));
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
        (self.mentions).retain(|(m, _)| !inside(m.field, m.start, m.end));
        (self.mentions).extend(spelled.into_iter().map(|m| (m, true)));
        let mut mentions: Vec<OtherMention> = self.mentions.into_iter().map(|(m, _)| m).collect();
        mentions.sort_by_key(|m| (m.field == TextField::Body, m.start, m.end));
        mentions.dedup_by_key(|m| (m.field, m.start, m.end));
        mentions
    }
}

/// A name the article also gives as a place is a place in all its mentions ("parts of Leeds
/// under water" and "officials from Leeds"); only in sports reports is a town's name often
/// its team's.
fn places_stay_places(found: &mut [Found], title: &str, body: &str) {
    let text = |f: &Found| match f.field {
        TextField::Title => &title[f.start..f.end],
        TextField::Body => &body[f.start..f.end],
    };
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

/// Sentences with a leading dateline ("GALWAY —", "LONDON, March 3 -") made a sentence of
/// their own, as the wire sets them apart: the tagger then reads the place as a dateline
/// and the story's first word as a sentence's first word.
fn split_datelines(text: &str, sentences: Vec<Sentence>) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(sentences.len());
    for mut sentence in sentences {
        match dateline_len(text, &sentence.tokens) {
            Some(n) if n < sentence.tokens.len() => {
                let rest = sentence.tokens.split_off(n);
                out.push(sentence);
                out.push(Sentence { tokens: rest });
            }
            _ => out.push(sentence),
        }
    }
    out
}

/// How many tokens a sentence's dateline takes, dash included: one to four words in
/// capitals, then optionally a comma and up to three words of date ("March 3"), then a dash
/// and a story in ordinary case.
fn dateline_len(text: &str, tokens: &[Token]) -> Option<usize> {
    let head = dateline_head(text, tokens)?;
    // a story follows in ordinary case ("SOCCER - JAPAN WIN" is a headline's topic)
    let story_follows =
        (tokens[head..].iter()).any(|t| text[t.start..t.end].chars().any(char::is_lowercase));
    story_follows.then_some(head)
}

/// How many tokens a dateline at the start of `tokens` takes, dash included, whatever
/// follows it (see [`dateline_len`]).
fn dateline_head(text: &str, tokens: &[Token]) -> Option<usize> {
    let word = |i: usize| tokens.get(i).map(|t| &text[t.start..t.end]);
    let is_capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    let is_dash = |w: &str| matches!(w, "—" | "–" | "-" | "--");
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
        while i < date + 3 && word(i + 1).is_some_and(|w| !is_dash(w) && w.len() <= 9) {
            i += 1;
        }
        i += 1;
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

/// A sentence of a field: its text, tokens and the tagger's spans (token ranges).
struct SentenceAt<'a> {
    text: &'a str,
    toks: &'a [Token],
    spans: &'a [(usize, usize)],
}

impl SentenceAt<'_> {
    fn word(&self, i: usize) -> &str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }
}

/// What one tagged span turns out to be.
enum Recognition {
    /// Tokens `from..to` name an entity of this kind.
    Entity(usize, usize, Recognised),
    /// Tokens `from..to` name something outside the four kinds; `cued` when a cue says so
    /// (not only the tagger).
    Other { from: usize, to: usize, cued: bool },
}

/// Decide what a tagged span is: a title the tagger took in dropped, its ends repaired,
/// non-names dropped, works and miscellaneous names set apart.
fn recognise(at: &SentenceAt, span: &Span) -> Option<Recognition> {
    let sentence = works::Words {
        text: at.text,
        toks: at.toks,
    };
    let mut kind = match span.kind {
        Kind::Per => Recognised::Person,
        Kind::Org => Recognised::Org,
        Kind::Loc => Recognised::Place,
        Kind::Misc => return Some(misc(&sentence, span.start, span.end)),
    };
    let (mut from, to) = (span.start, span.end);
    // A dateline names the place the story was filed from.
    if dateline_head(at.text, at.toks) == Some(at.toks.len()) {
        kind = Recognised::Place;
    }
    // A title the tagger took into a name ("President Trump") is not part of it, and an
    // honorific makes the rest a person whatever the tagger thought.
    while to - from > 1 && is_title(at.word(from)) {
        if is_honorific(at.word(from)) {
            kind = Recognised::Person;
        }
        if kind != Recognised::Person {
            break;
        }
        from += 1;
    }
    // Nor is an occupation a headline or a sentence opens with ("Singer Ana Costa"), when a
    // full name follows it.
    if kind == Recognised::Person && to - from > 2 && resolve::is_occupation(at.word(from)) {
        from += 1;
    }
    // A "person" that runs on over "and"/"&" into a legal form or "Sons" is a firm named
    // after its founders ("James Capel and Co", "Alex Brown and Sons").
    if kind == Recognised::Person && !after_honorific(at, from) && spans::names_a_firm(at, to) {
        kind = Recognised::Org;
    }
    // A country is a place, also when it acts ("the Philippines will offer creditors").
    let written = &at.text[at.toks[from].start..at.toks[to - 1].end];
    if kind == Recognised::Org && nonentities::is_country(written) {
        kind = Recognised::Place;
    }
    // A river, lake or mountain is a place ("River Aire", "Lake Geneva", "Snake River").
    if kind != Recognised::Place && to - from > 1 && names_a_feature(at, from, to) {
        kind = Recognised::Place;
    }
    // A "person" ending in an institution's word is the institution ("Reagan
    // Administration", "Blair Government"), unless that word is a surname too ("Court").
    let last = at.word(to - 1);
    if kind == Recognised::Person
        && to - from > 1
        && name_evidence(last) < 0
        && !is_common_name(last)
    {
        kind = Recognised::Org;
    }
    let (from, to) = spans::repair(at, from, to, kind == Recognised::Org);
    if let Some(end) = works::accord_tail(&sentence, to).filter(|_| kind != Recognised::Person) {
        return Some(Recognition::Other {
            from,
            to: end,
            cued: false,
        });
    }
    if let Some(end) = works::event_tail(&sentence, to) {
        return Some(Recognition::Other {
            from,
            to: end,
            cued: true,
        });
    }
    let after_title = from > 0 && is_title(at.word(from - 1));
    let words: Vec<&str> = (from..to).map(|i| at.word(i)).collect();
    if nonentities::is_not_a_name(&words) && !(after_title && kind == Recognised::Person) {
        // A nationality or a holiday is none of the four kinds, but still a name.
        let other = nonentities::is_other_name(&words);
        return other.then_some(Recognition::Other {
            from,
            to,
            cued: false,
        });
    }
    // A person's name never ends in the title of an office ("U.K. Chancellor"); titles that
    // are also surnames ("King", "Judge") may.
    let office = matches!(
        at.word(to - 1).to_lowercase().as_str(),
        "chancellor" | "president" | "secretary" | "minister" | "governor" | "mayor" | "chairman"
    );
    if kind == Recognised::Person && office {
        return None;
    }
    // Nor does an organisation's: "Federal Reserve Chairman" names the Federal Reserve, and
    // "U.K. Chancellor" no organisation at all (the place is found from the gazetteer).
    let (from, to) = if kind == Recognised::Org && office && to - from > 1 {
        if gazetteer().is_place(&at.text[at.toks[from].start..at.toks[to - 2].end]) {
            return None;
        }
        (from, to - 1)
    } else {
        (from, to)
    };
    if let Some(cue) = works::work_cue(&sentence, from, to) {
        let name = &at.text[at.toks[from].start..at.toks[to - 1].end];
        let listed = gazetteer().get(name).is_some() || gazetteer().is_place(name);
        let named_person = kind == Recognised::Person && is_given_name(at.word(from));
        if cue.holds_for(listed, named_person) {
            return Some(Recognition::Other {
                from,
                to,
                cued: true,
            });
        }
    }
    Some(Recognition::Entity(from, to, kind))
}

/// A span the tagger marked miscellaneous: an other name, taking in the event words after
/// it ("Olympic" + "Games"), and cued when a cue agrees.
fn misc(words: &works::Words, from: usize, to: usize) -> Recognition {
    let tail = works::event_tail(words, to);
    let to = tail.unwrap_or(to);
    Recognition::Other {
        from,
        to,
        cued: tail.is_some() || works::work_cue(words, from, to).is_some(),
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

/// The [`Found`] for tokens `from..to` of a sentence.
fn found_at(field: TextField, at: &SentenceAt, from: usize, to: usize, kind: Recognised) -> Found {
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
fn gazetteer_fallback(
    tokenized: &[(TextField, &str, Vec<Sentence>)],
    found: &mut Vec<Found>,
    others: &mut OthersFound,
) {
    let g = gazetteer();
    let mut extra = Vec::new();
    let mut cuts = Vec::new();
    for (field, text, sents) in tokenized {
        let taken: Vec<(usize, usize)> = found
            .iter()
            .filter(|f| f.field == *field)
            .map(|f| (f.start, f.end))
            .collect();
        for sentence in sents {
            let toks = &sentence.tokens;
            let mut i = 0;
            while i < toks.len() {
                let word = &text[toks[i].start..toks[i].end];
                if !word.chars().next().is_some_and(char::is_uppercase) {
                    i += 1;
                    continue;
                }
                let words = toks[i..].iter().map(|t| &text[t.start..t.end]);
                // Where a tagged span that runs into this name over "and" would end.
                let cut = (i >= 2
                    && matches!(&text[toks[i - 1].start..toks[i - 1].end], "and" | "&"))
                .then(|| toks[i - 2].end);
                let hit = g.longest_match(words, |n| {
                    let (start, end) = (toks[i].start, toks[i + n - 1].end);
                    let capitalised = toks[i..i + n].iter().all(|t| {
                        let w = &text[t.start..t.end];
                        w.chars().next().is_some_and(|c| !c.is_lowercase())
                            || matches!(w, "of" | "and" | "the" | "de" | "&" | "on" | "for")
                    });
                    // A longer listed name may take in tagged spans ("Tariffs" of "General
                    // Agreement on Tariffs and Trade"), and the end of one that runs into it
                    // over "and" ("Moody's and Standard" + "Poor's"); it cuts no other.
                    let in_cued = |(o, cued): &(OtherMention, bool)| {
                        *cued && o.field == *field && o.start < end && start < o.end
                    };
                    capitalised
                        && !others.mentions.iter().any(in_cued)
                        && taken
                            .iter()
                            .filter(|&&(s, e)| s < end && start < e)
                            .all(|&(s, e)| {
                                (start <= s && e <= end && (s, e) != (start, end))
                                    || (s < start && e <= end && cut.is_some())
                            })
                });
                match hit {
                    Some((n, entry)) => {
                        let (start, end, kind) = (toks[i].start, toks[i + n - 1].end, entry.kind);
                        if let Some(cut) = cut {
                            cuts.push((*field, start, cut));
                        }
                        extra.push(Found {
                            field: *field,
                            start,
                            end,
                            kind: match kind {
                                EntityKind::Place => Recognised::Place,
                                EntityKind::Person => Recognised::Person,
                                _ => Recognised::Org,
                            },
                            cue: 0,
                            after_title: false,
                        });
                        i += n;
                    }
                    None => i += 1,
                }
            }
        }
    }
    for f in found.iter_mut() {
        if let Some(&(_, _, cut)) = cuts
            .iter()
            .find(|&&(field, at, cut)| field == f.field && f.start < cut && cut < at && at < f.end)
        {
            f.end = cut;
        }
    }
    found.retain(|f| {
        !extra
            .iter()
            .any(|x| x.field == f.field && x.start <= f.start && f.end <= x.end)
    });
    // A listed name takes in the tagger's miscellaneous spans it covers.
    others.mentions.retain(|(o, cued)| {
        *cued
            || !extra
                .iter()
                .any(|x| x.field == o.field && x.start < o.end && o.start < x.end)
    });
    found.extend(extra);
    found.sort_by_key(|f| (f.field == TextField::Body, f.start));
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
        ];
        for (text, want) in cases {
            let tokens = &tokenize(text)[0].tokens;
            assert_eq!(dateline_len(text, tokens), want, "{text}");
        }
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
