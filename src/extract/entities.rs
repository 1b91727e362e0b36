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

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use crate::article::{EntityKind, EntityMention, TextField};

use super::gazetteer::{Gazetteer, gazetteer, key};
use super::tagger::{Kind, Model};
use super::tokenize::{Sentence, tokenize};

/// The trained tagger, compiled into the binary.
static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../../data/ner.model"))
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

/// Personal titles that may open a tagged person span.
const TITLES: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "secretary",
    "senator",
    "sen.",
    "minister",
    "chancellor",
    "governor",
    "gov.",
    "mayor",
    "judge",
    "general",
    "gen.",
    "prof.",
    "professor",
    "rev.",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sheikh",
    "chairman",
    "ceo",
];

/// Common given names and surnames (US Census 1990 lists), lowercased.
static COMMON_NAMES: LazyLock<rustc_hash::FxHashSet<String>> = LazyLock::new(|| {
    include_str!("../../data/tagger/names-first.txt")
        .lines()
        .chain(include_str!("../../data/tagger/names-last.txt").lines())
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .collect()
});

fn is_common_name(word: &str) -> bool {
    COMMON_NAMES.contains(&word.to_lowercase())
}

/// Honorifics: what follows is a person's name.
fn is_honorific(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "mr" | "mr." | "mrs" | "mrs." | "ms" | "ms." | "dr" | "dr." | "sir" | "dame"
    )
}

fn is_title(word: &str) -> bool {
    let w = word.to_lowercase();
    TITLES.contains(&w.as_str())
}

/// Words near an organisation that say it is a company (+1) or not (−1).
const COMPANY_CUES: &[&str] = &[
    "company",
    "companies",
    "firm",
    "firms",
    "shares",
    "stock",
    "stocks",
    "shareholders",
    "investors",
    "maker",
    "makers",
    "manufacturer",
    "retailer",
    "carrier",
    "airline",
    "bank",
    "lender",
    "insurer",
    "brand",
    "products",
    "profit",
    "profits",
    "revenue",
    "revenues",
    "sales",
    "earnings",
    "acquire",
    "acquired",
    "acquisition",
    "bought",
    "buy",
    "buying",
    "merger",
    "takeover",
    "ceo",
    "subsidiary",
    "subsidiaries",
    "provider",
    "providers",
    "conglomerate",
    "startup",
    "start-up",
    "chipmaker",
    "automaker",
    "operator",
    "supplier",
    "suppliers",
    "customers",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "ltd",
    "plc",
    "listed",
    "nasdaq",
    "valuation",
    "billion",
    "dividend",
    "quarterly",
    "app",
    "platform",
];
const ORG_CUES: &[&str] = &[
    "ministry",
    "government",
    "party",
    "committee",
    "agency",
    "union",
    "council",
    "court",
    "university",
    "police",
    "army",
    "federation",
    "officials",
    "official",
    "department",
    "parliament",
    "senate",
    "lawmakers",
    "regulator",
    "commission",
    "authority",
    "members",
    "member",
    "delegates",
    "charity",
    "campaign",
    "group's",
    "minister",
    "spokesman",
    "chairman",
    "organisation",
    "organization",
    "league",
    "team",
    "club",
    "coach",
    "players",
];

/// Company evidence in the ±4 tokens around tokens `from..to`.
fn context_cue(text: &str, toks: &[super::tokenize::Token], from: usize, to: usize) -> i32 {
    let lo = from.saturating_sub(4);
    let hi = (to + 4).min(toks.len());
    let mut score = 0;
    for (i, t) in toks.iter().enumerate().take(hi).skip(lo) {
        if (from..to).contains(&i) {
            continue;
        }
        let w = text[t.start..t.end].to_lowercase();
        if COMPANY_CUES.contains(&w.as_str()) {
            score += 1;
        } else if ORG_CUES.contains(&w.as_str()) {
            score -= 1;
        }
    }
    score
}

/// Legal forms of companies.
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "limited",
    "corp",
    "corp.",
    "co",
    "co.",
    "llc",
    "plc",
    "ag",
    "gmbh",
    "sa",
    "s.a.",
    "nv",
    "n.v.",
    "spa",
    "s.p.a.",
    "ab",
    "asa",
    "oyj",
    "kk",
    "pty",
    "lp",
    "llp",
    "se",
    "bv",
    "b.v.",
    "incorporated",
    "corporation",
    "cos",
    "cos.",
];

/// Last words of company names.
const COMPANY_WORDS: &[&str] = &[
    "group",
    "holdings",
    "company",
    "airlines",
    "airways",
    "motors",
    "technologies",
    "technology",
    "systems",
    "industries",
    "pharmaceuticals",
    "energy",
    "partners",
    "capital",
    "media",
    "entertainment",
    "networks",
    "telecom",
    "communications",
    "electronics",
    "software",
    "labs",
    "enterprises",
    "ventures",
    "insurance",
    "securities",
    "brewing",
    "foods",
    "petroleum",
    "steel",
    "mining",
    "resources",
    "studios",
    "records",
    "airline",
    "chemicals",
    "bancorp",
    "financial",
    "investments",
    "logistics",
    "shipping",
    "motor",
    "semiconductor",
    "pharma",
    "bank",
    "builders",
    "engineering",
    "construction",
    "airport",
];

/// Last words of organisation names.
const ORG_WORDS: &[&str] = &[
    "party",
    "committee",
    "commission",
    "council",
    "ministry",
    "department",
    "agency",
    "authority",
    "bureau",
    "office",
    "university",
    "college",
    "school",
    "institute",
    "foundation",
    "association",
    "union",
    "federation",
    "league",
    "court",
    "parliament",
    "assembly",
    "senate",
    "congress",
    "army",
    "navy",
    "police",
    "force",
    "forces",
    "guard",
    "board",
    "service",
    "organization",
    "organisation",
    "society",
    "church",
    "hospital",
    "fund",
    "centre",
    "center",
    "club",
    "academy",
    "administration",
    "tribunal",
    "cabinet",
    "government",
    "coalition",
    "movement",
    "alliance",
    "brigade",
    "treasury",
    "reserve",
];

/// A name with a trailing legal suffix removed ("Bytedance Ltd" → "Bytedance").
fn strip_legal_suffix(name: &str) -> &str {
    let mut name = name.trim_end_matches(',');
    loop {
        let Some((head, last)) = name.rsplit_once(' ') else {
            return name;
        };
        if LEGAL_SUFFIXES.contains(&last.to_lowercase().as_str()) {
            name = head.trim_end_matches(',').trim_end();
        } else {
            return name;
        }
    }
}

/// A name without trailing generic words ("ABC TV" → "ABC", "Huawei Technologies" →
/// "Huawei"), for gazetteer look-ups.
fn strip_generic_tail(name: &str) -> &str {
    let mut name = name;
    while let Some((head, last)) = name.rsplit_once(' ') {
        let last = last.to_lowercase();
        if COMPANY_WORDS.contains(&last.as_str())
            || matches!(
                last.as_str(),
                "tv" | "channel" | "network" | "radio" | "news"
            )
        {
            name = head;
        } else {
            break;
        }
    }
    name
}

/// Company (+) or organisation (−) evidence from the name alone.
fn name_evidence(name: &str) -> i32 {
    let words: Vec<String> = name.split(' ').map(|w| w.to_lowercase()).collect();
    let last = words.last().map(String::as_str).unwrap_or("");
    if words.len() > 1 && LEGAL_SUFFIXES.contains(&last) {
        return 10;
    }
    if words.len() > 1 && COMPANY_WORDS.contains(&last) {
        return 3;
    }
    if ORG_WORDS.contains(&last) {
        return -3;
    }
    0
}

/// An all-capitals name from a headline, in title case ("TRUMP" → "Trump").
fn title_case_if_shouting(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 4 || letters.iter().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Give every span a kind and a canonical name.
fn resolve(found: Vec<Found>, g: &Gazetteer, title: &str, body: &str) -> Vec<EntityMention> {
    let text_of = |f: &Found| match f.field {
        TextField::Title => &title[f.start..f.end],
        TextField::Body => &body[f.start..f.end],
    };
    let name_of = |f: &Found| crate::parse::squeeze(text_of(f));

    // People: full names by surname; a surname two people share resolves to neither.
    let mut by_surname: FxHashMap<String, Option<String>> = FxHashMap::default();
    for f in found.iter().filter(|f| f.kind == Recognised::Person) {
        let name = title_case_if_shouting(&name_of(f));
        if let Some((_, surname)) = name.rsplit_once(' ') {
            let surname = key(surname);
            by_surname
                .entry(surname)
                .and_modify(|v| {
                    if v.as_deref() != Some(name.as_str()) {
                        *v = None
                    }
                })
                .or_insert(Some(name.clone()));
        }
    }
    // Organisations: company or not, decided once per name over all its mentions.
    let mut evidence: FxHashMap<String, i32> = FxHashMap::default();
    for f in found.iter().filter(|f| f.kind == Recognised::Org) {
        let name = name_of(f);
        *evidence.entry(key(strip_legal_suffix(&name))).or_default() +=
            f.cue + name_evidence(&name);
    }

    let mut out = Vec::with_capacity(found.len());
    for f in &found {
        let name = name_of(f);
        let (kind, canonical) = match f.kind {
            Recognised::Person => {
                let name = title_case_if_shouting(&name);
                let full = (!name.contains(' '))
                    .then(|| by_surname.get(&key(&name)).cloned().flatten())
                    .flatten();
                match g.get(&name) {
                    // A "person" the gazetteer knows as a company ("Huawei" in a headline).
                    Some(e) if full.is_none() && e.kind != EntityKind::Place => {
                        (e.kind, e.canonical.to_string())
                    }
                    // A lone word that is no one's name in this article, follows no title,
                    // and is no common given name or surname is more likely a product or a
                    // nickname the tagger mistook ("Douyin").
                    _ if full.is_none()
                        && !name.contains(' ')
                        && !f.after_title
                        && !is_common_name(&name) =>
                    {
                        continue;
                    }
                    _ => (EntityKind::Person, full.unwrap_or(name)),
                }
            }
            Recognised::Place => match g.get(&name) {
                Some(e) => (e.kind, e.canonical.to_string()),
                None => (EntityKind::Place, title_case_if_shouting(&name)),
            },
            Recognised::Org => {
                let bare = strip_legal_suffix(&name);
                let known = g
                    .get(&name)
                    .or_else(|| g.get(bare))
                    .or_else(|| g.get(strip_generic_tail(bare)));
                match known {
                    Some(e) => (e.kind, e.canonical.to_string()),
                    None => {
                        let kind = if evidence.get(&key(bare)).copied().unwrap_or(0) > 0 {
                            EntityKind::Company
                        } else {
                            EntityKind::Organization
                        };
                        (kind, bare.to_string())
                    }
                }
            }
        };
        out.push(EntityMention {
            text: text_of(f).to_string(),
            kind,
            canonical,
            field: f.field,
            start: f.start,
            end: f.end,
        });
    }
    out
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
