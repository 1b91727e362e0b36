//! Named entities: people, companies, organisations and places, each resolved to one
//! canonical name per article.
//!
//! Three steps:
//! 1. **Recognition.** The title and body are tokenized ([`super::tokenize`]) and tagged as one
//!    document by the trained tagger ([`super::tagger`]), which marks person, organisation,
//!    location and miscellaneous spans. Miscellaneous spans (nationalities, events) are not
//!    kept.
//! 2. **Typing.** A location is a place. An organisation is a company or an organisation by,
//!    in order: the built-in gazetteer, its last word (a legal suffix such as "Ltd", or
//!    "Airlines" for a company; "Party", "Ministry", "University" for an organisation), and
//!    the words around its mentions in the article ("the company", "shares of", "CEO of",
//!    "telecom providers" against "the ministry", "officials"), summed over all of its
//!    mentions so that one article types a name once.
//! 3. **Resolution.** Titles and honorifics are not part of a name ("Mr Pompeo" is "Pompeo");
//!    a lone surname ("Pompeo") resolves to the full name the article gives elsewhere ("Mike
//!    Pompeo"), unless two people share it; companies and places take their gazetteer's
//!    canonical form ("Bytedance Ltd" → "ByteDance", "U.S." → "United States").

mod resolve;
mod typing;

use std::sync::LazyLock;

use crate::article::{EntityKind, EntityMention, TextField};

use super::gazetteer::gazetteer;
use super::tagger::{Kind, Model};
use super::tokenize::{Sentence, tokenize};
use resolve::{is_honorific, is_title, resolve};
use typing::context_cue;

/// The trained tagger, compiled into the binary.
static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../../../data/ner.model"))
        .expect("the built-in tagger model is valid")
});

/// The tagger, loaded on first use.
pub fn model() -> &'static Model {
    &MODEL
}

/// Find and resolve the entities of an article's title and body.
pub fn find_entities(title: &str, body: &str) -> Vec<EntityMention> {
    let fields = [(TextField::Title, title), (TextField::Body, body)];
    let tokenized: Vec<(TextField, &str, Vec<Sentence>)> = fields
        .iter()
        .map(|&(field, text)| (field, text, tokenize(text)))
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
    let mut tagged = tagged.into_iter();
    for (field, text, sents) in &tokenized {
        for sentence in sents {
            let spans = tagged.next().unwrap_or_default();
            for span in spans {
                let kind = match span.kind {
                    Kind::Per => Recognised::Person,
                    Kind::Org => Recognised::Org,
                    Kind::Loc => Recognised::Place,
                    Kind::Misc => continue,
                };
                let toks = &sentence.tokens;
                let (mut from, to) = (span.start, span.end);
                let mut kind = kind;
                // A title the tagger took into a name ("President Trump") is not part of it,
                // and an honorific makes the rest a person whatever the tagger thought.
                while to - from > 1 && is_title(&text[toks[from].start..toks[from].end]) {
                    if is_honorific(&text[toks[from].start..toks[from].end]) {
                        kind = Recognised::Person;
                    }
                    if kind != Recognised::Person {
                        break;
                    }
                    from += 1;
                }
                let after_title = from > 0 && {
                    let prev = &toks[from - 1];
                    is_title(&text[prev.start..prev.end])
                };
                found.push(Found {
                    field: *field,
                    start: toks[from].start,
                    end: toks[to - 1].end,
                    after_title,
                    kind,
                    cue: if kind == Recognised::Org {
                        context_cue(text, toks, from, to)
                    } else {
                        0
                    },
                });
            }
        }
    }
    gazetteer_fallback(&tokenized, &mut found);
    resolve(found, gazetteer(), title, body)
}

/// Add the gazetteer's companies, organisations and place short forms that the tagger left
/// untagged ("Musical.ly", "MICROSOFT" in a headline). Only capitalised words count, and a
/// tagged span is never overridden.
fn gazetteer_fallback(tokenized: &[(TextField, &str, Vec<Sentence>)], found: &mut Vec<Found>) {
    let g = gazetteer();
    let mut extra = Vec::new();
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
                let hit = g.longest_match(words, |n| {
                    let (start, end) = (toks[i].start, toks[i + n - 1].end);
                    let capitalised = toks[i..i + n].iter().all(|t| {
                        let w = &text[t.start..t.end];
                        w.chars().next().is_some_and(|c| !c.is_lowercase())
                            || matches!(w, "of" | "and" | "the" | "de" | "&")
                    });
                    capitalised && !taken.iter().any(|&(s, e)| s < end && start < e)
                });
                match hit {
                    Some((n, entry)) => {
                        let (start, end, kind) = (toks[i].start, toks[i + n - 1].end, entry.kind);
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

    /// The (kind, text, canonical) of every mention in a body.
    fn check(body: &str, want: &[(EntityKind, &str, &str)]) {
        let got: Vec<(EntityKind, String, String)> = find_entities("", body)
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
            .iter()
            .map(|m| (m.kind, m.canonical.as_str()))
            .collect();
        assert!(names.contains(&(Company, "Microsoft")), "{names:?}");
    }
}
