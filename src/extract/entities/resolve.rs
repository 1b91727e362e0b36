//! Resolution: titles, honorifics and common names, and the step that gives every span a
//! kind and a canonical name.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use crate::article::{EntityKind, EntityMention};

use super::super::gazetteer::{Gazetteer, key};
use super::nonentities::{is_country, is_public_bank};
use super::typing::{name_evidence, strip_generic_tail, strip_legal_suffix};
use super::{Found, Recognised};

/// Personal titles that may open a tagged person span.
pub(super) const TITLES: &[&str] = &[
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

/// Occupations written before a name like a title ("Singer Ana Costa", "Novelist Tom
/// Hale"); only taken off the front of a name of three words or more, since many are
/// surnames too.
const OCCUPATIONS: &[&str] = &[
    "actor",
    "actress",
    "author",
    "writer",
    "novelist",
    "poet",
    "playwright",
    "singer",
    "rapper",
    "songwriter",
    "composer",
    "pianist",
    "guitarist",
    "drummer",
    "comedian",
    "director",
    "filmmaker",
    "producer",
    "designer",
    "artist",
    "photographer",
    "chef",
    "coach",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "captain",
    "economist",
    "analyst",
    "lawyer",
    "attorney",
    "spokesman",
    "spokeswoman",
];

/// Whether a word is an occupation written like a title ([`OCCUPATIONS`]).
pub(super) fn is_occupation(word: &str) -> bool {
    OCCUPATIONS.contains(&word.to_lowercase().as_str())
}

/// Common given names and surnames (US Census 1990 lists), lowercased.
pub(super) static COMMON_NAMES: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    include_str!("../../../data/tagger/names-first.txt")
        .lines()
        .chain(include_str!("../../../data/tagger/names-last.txt").lines())
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .collect()
});

pub(super) fn is_common_name(word: &str) -> bool {
    COMMON_NAMES.contains(&word.to_lowercase())
}

/// Common given names (US Census 1990 list), lowercased.
static GIVEN_NAMES: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    include_str!("../../../data/tagger/names-first.txt")
        .lines()
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .collect()
});

/// Whether a word is a common given name ("Ana", "Clint").
pub(super) fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.contains(&word.to_lowercase())
}

/// Honorifics: what follows is a person's name.
pub(super) fn is_honorific(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "mr" | "mr." | "mrs" | "mrs." | "ms" | "ms." | "dr" | "dr." | "sir" | "dame"
    )
}

pub(super) fn is_title(word: &str) -> bool {
    let w = word.to_lowercase();
    TITLES.contains(&w.as_str())
}

/// An all-capitals name from a headline, in title case ("TRUMP" → "Trump").
pub(super) fn title_case_if_shouting(name: &str) -> String {
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
///
/// `short_forms` are the article's [`company_short_forms`].
pub(super) fn resolve(
    found: Vec<Found>,
    short_forms: &[(String, String)],
    sport: bool,
    g: &Gazetteer,
    title: &str,
    body: &str,
) -> Vec<EntityMention> {
    let name_of = |f: &Found| plain_name(f.text(title, body));
    let people = People::of(&found, name_of);
    let evidence = company_evidence(&found, name_of);
    let mut out = Vec::with_capacity(found.len());
    for f in &found {
        let name = name_of(f);
        let resolved = match short_form(&name, short_forms, &people, g) {
            Some(company) => Some((EntityKind::Company, company.to_string())),
            None => match f.kind {
                Recognised::Person => person(f, &name, &people, sport, g),
                Recognised::Place => Some(match g.get(&name) {
                    Some(e) => (e.kind, e.canonical.to_string()),
                    None => (EntityKind::Place, title_case_if_shouting(&name)),
                }),
                Recognised::Org => Some(organisation(&name, &evidence, g)),
            },
        };
        let Some((kind, canonical)) = resolved else {
            continue;
        };
        out.push(EntityMention {
            text: f.text(title, body).to_string(),
            kind,
            canonical,
            field: f.field,
            start: f.start,
            end: f.end,
        });
    }
    out
}

/// A name as written, its whitespace squeezed and without the brackets of a given name an
/// editor inserted ("(Tom) Seaver" is Tom Seaver).
fn plain_name(written: &str) -> String {
    let name = crate::parse::squeeze(written);
    match name.strip_prefix('(').and_then(|rest| rest.split_once(')')) {
        Some((given, rest)) => crate::parse::squeeze(&format!("{given} {rest}")),
        None => name,
    }
}

/// What one word, written alone, may stand for among the people an article names in full.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Known {
    /// The surname or given name of one full name.
    One(String),
    /// A word two full names share ("Yeltsin" of Boris and of Naina Yeltsin): a person still,
    /// but neither of them.
    Shared,
}

/// The people's full names by surname and by given name ([`key`]).
#[derive(Debug, Default)]
struct People {
    by_surname: FxHashMap<String, Known>,
    by_given: FxHashMap<String, Known>,
}

impl People {
    fn of(found: &[Found], name_of: impl Fn(&Found) -> String) -> People {
        let mut people = People::default();
        let note = |into: &mut FxHashMap<String, Known>, word: &str, name: &str| {
            into.entry(key(word))
                .and_modify(|v| {
                    if !matches!(v, Known::One(one) if one == name) {
                        *v = Known::Shared
                    }
                })
                .or_insert_with(|| Known::One(name.to_string()));
        };
        for f in found.iter().filter(|f| f.kind == Recognised::Person) {
            let name = title_case_if_shouting(&name_of(f));
            if let (Some((given, _)), Some((_, surname))) =
                (name.split_once(' '), name.rsplit_once(' '))
            {
                note(&mut people.by_surname, surname, &name);
                note(&mut people.by_given, given, &name);
            }
        }
        people
    }

    /// What a lone word stands for: the surname of a full name first, then the given name,
    /// unless the word is known only as a surname ("Baker" of a "Baker Lift" the tagger
    /// took for a person).
    fn lone(&self, word: &str) -> Option<&Known> {
        let surname_only = is_common_name(word) && !is_given_name(word);
        let word = key(word);
        let given = || (!surname_only).then(|| self.by_given.get(&word)).flatten();
        self.by_surname.get(&word).or_else(given)
    }
}

/// The company evidence of each organisation, by the [`key`] of its name without legal
/// form, summed over all its mentions (context and name), so that one article types a name
/// once: positive says company.
fn company_evidence(found: &[Found], name_of: impl Fn(&Found) -> String) -> FxHashMap<String, i32> {
    let mut evidence: FxHashMap<String, i32> = FxHashMap::default();
    for f in found.iter().filter(|f| f.kind == Recognised::Org) {
        let name = name_of(f);
        *evidence
            .entry(key(&strip_legal_suffix(&name).replace(", ", " ")))
            .or_default() += f.cue + name_evidence(&name);
    }
    evidence
}

/// The company a lone word stands for, whatever the tagger took it for, when the article
/// calls a company by it ("Magna International Inc" … "Magna was up 1/8"): never a country,
/// a name the lists know, or a word of a person's name the article gives in full.
fn short_form<'a>(
    name: &str,
    short_forms: &'a [(String, String)],
    people: &People,
    g: &Gazetteer,
) -> Option<&'a str> {
    if name.contains(' ') || short_forms.is_empty() {
        return None;
    }
    let word = key(name);
    let (_, company) = short_forms.iter().find(|(short, _)| *short == word)?;
    let other = is_country(name) || g.get(name).is_some() || people.lone(name).is_some();
    (!other).then_some(company.as_str())
}

/// The companies of an article by the one word they are called by for short ([`key`]),
/// with their canonical names: the canonical name without its generic tail or
/// "International" ("Magna International Inc" → "magna", "Mercantile Bancorp Inc." →
/// "mercantile"). A word two companies share stands for neither.
pub(super) fn company_short_forms(
    found: &[Found],
    title: &str,
    body: &str,
    g: &Gazetteer,
) -> Vec<(String, String)> {
    let name_of = |f: &Found| plain_name(f.text(title, body));
    let mut evidence = None;
    let mut short_forms: Vec<(String, Option<String>)> = Vec::new();
    for f in found.iter().filter(|f| f.kind == Recognised::Org) {
        let name = name_of(f);
        // A name of one word is its own short form.
        if !name.contains(' ') {
            continue;
        }
        let evidence = evidence.get_or_insert_with(|| company_evidence(found, name_of));
        let (kind, canonical) = organisation(&name, evidence, g);
        let tail = strip_generic_tail(&canonical);
        let short = tail.strip_suffix(" International").unwrap_or(tail);
        if kind != EntityKind::Company || short.contains(' ') || short == canonical {
            continue;
        }
        let short = key(short);
        match short_forms.iter_mut().find(|(k, _)| *k == short) {
            Some((_, v)) if v.as_deref() != Some(canonical.as_str()) => *v = None,
            Some(_) => {}
            None => short_forms.push((short, Some(canonical))),
        }
    }
    (short_forms.into_iter())
        .filter_map(|(k, v)| Some((k, v?)))
        .collect()
}

/// An organisation span's kind and canonical name: the gazetteer's entry for the name as
/// written, without its legal form or without its generic tail; else the name without its
/// legal form, an organisation if it is a central or development bank or the evidence does
/// not say company.
fn organisation(
    name: &str,
    evidence: &FxHashMap<String, i32>,
    g: &Gazetteer,
) -> (EntityKind, String) {
    let bare = strip_legal_suffix(name);
    let known = g
        .get(name)
        .or_else(|| g.get(bare))
        .or_else(|| g.get(strip_generic_tail(bare)));
    if let Some(e) = known {
        return (e.kind, e.canonical.to_string());
    }
    let bare = bare.replace(", ", " ");
    let kind = if is_public_bank(&bare) {
        EntityKind::Organization
    } else if evidence.get(&key(&bare)).copied().unwrap_or(0) > 0 {
        EntityKind::Company
    } else {
        EntityKind::Organization
    };
    (kind, bare)
}

/// A person span's kind and canonical name, or `None` when it is dropped: a full name for a
/// lone surname or given name the article gives in full, a company or a place the lists
/// know the span as.
fn person(
    f: &Found,
    name: &str,
    people: &People,
    sport: bool,
    g: &Gazetteer,
) -> Option<(EntityKind, String)> {
    let name = title_case_if_shouting(name);
    let lone = (!name.contains(' ')).then(|| people.lone(&name)).flatten();
    let full = match lone {
        Some(Known::One(full)) => Some(full.clone()),
        _ => None,
    };
    // A word of two full names is someone's name here, though not whose.
    let someones = lone.is_some();
    let first = name.split(' ').next().unwrap_or_default();
    match g.get(&name) {
        // A "person" the gazetteer knows as a company ("Huawei" in a headline).
        Some(e) if !someones && e.kind != EntityKind::Place => {
            Some((e.kind, e.canonical.to_string()))
        }
        // A "person" that is a known place and opens with no common name
        // ("Latin America").
        _ if !someones && !f.after_title && !is_common_name(first) && g.is_place(&name) => {
            match g.get(&name) {
                Some(e) => Some((e.kind, e.canonical.to_string())),
                None => Some((EntityKind::Place, name)),
            }
        }
        // A "person" ending in a legal form is a company ("Drew Ltd").
        _ if name.contains(' ') && strip_legal_suffix(&name) != name => Some((
            EntityKind::Company,
            strip_legal_suffix(&name).replace(", ", " "),
        )),
        // A lone word that is no one's name in this article, follows no title,
        // and is no common given name or surname is more likely a product or a
        // nickname the tagger mistook ("Douyin"); but sports reports name players by
        // surname alone ("b Muralitharan").
        _ if !someones
            && !sport
            && !name.contains(' ')
            && !f.after_title
            && !is_common_name(&name) =>
        {
            None
        }
        _ => Some((EntityKind::Person, full.unwrap_or(name))),
    }
}
