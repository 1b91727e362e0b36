//! Resolution: titles, honorifics and common names, and the step that gives every span a
//! kind and a canonical name.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use crate::article::{EntityKind, EntityMention};

use super::super::gazetteer::{Gazetteer, key};
use super::nonentities::is_public_bank;
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
pub(super) fn resolve(
    found: Vec<Found>,
    g: &Gazetteer,
    title: &str,
    body: &str,
) -> Vec<EntityMention> {
    let name_of = |f: &Found| crate::parse::squeeze(f.text(title, body));
    let by_surname = people_by_surname(&found, name_of);
    let evidence = company_evidence(&found, name_of);
    let mut out = Vec::with_capacity(found.len());
    for f in &found {
        let name = name_of(f);
        let (kind, canonical) = match f.kind {
            Recognised::Person => match person(f, &name, &by_surname, g) {
                Some(resolved) => resolved,
                None => continue,
            },
            Recognised::Place => match g.get(&name) {
                Some(e) => (e.kind, e.canonical.to_string()),
                None => (EntityKind::Place, title_case_if_shouting(&name)),
            },
            Recognised::Org => organisation(&name, &evidence, g),
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

/// The people's full names by surname ([`key`]): a surname two people share resolves to
/// neither (`None`).
fn people_by_surname(
    found: &[Found],
    name_of: impl Fn(&Found) -> String,
) -> FxHashMap<String, Option<String>> {
    let mut by_surname: FxHashMap<String, Option<String>> = FxHashMap::default();
    for f in found.iter().filter(|f| f.kind == Recognised::Person) {
        let name = title_case_if_shouting(&name_of(f));
        if let Some((_, surname)) = name.rsplit_once(' ') {
            by_surname
                .entry(key(surname))
                .and_modify(|v| {
                    if v.as_deref() != Some(name.as_str()) {
                        *v = None
                    }
                })
                .or_insert(Some(name.clone()));
        }
    }
    by_surname
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
/// lone surname the article gives in full, a company or a place the lists know the span as.
fn person(
    f: &Found,
    name: &str,
    by_surname: &FxHashMap<String, Option<String>>,
    g: &Gazetteer,
) -> Option<(EntityKind, String)> {
    let name = title_case_if_shouting(name);
    let full = (!name.contains(' '))
        .then(|| by_surname.get(&key(&name)).cloned().flatten())
        .flatten();
    let first = name.split(' ').next().unwrap_or_default();
    match g.get(&name) {
        // A "person" the gazetteer knows as a company ("Huawei" in a headline).
        Some(e) if full.is_none() && e.kind != EntityKind::Place => {
            Some((e.kind, e.canonical.to_string()))
        }
        // A "person" that is a known place and opens with no common name
        // ("Latin America").
        _ if full.is_none() && !f.after_title && !is_common_name(first) && g.is_place(&name) => {
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
        // nickname the tagger mistook ("Douyin").
        _ if full.is_none() && !name.contains(' ') && !f.after_title && !is_common_name(&name) => {
            None
        }
        _ => Some((EntityKind::Person, full.unwrap_or(name))),
    }
}
