//! Built-in lists of names that decide an entity's kind and canonical name: well-known
//! companies and organisations with their variants, and the short forms of place names
//! ("US", "U.K."), and the tagger's list of place names. Files live in `data/` and are
//! compiled into the binary.
//!
//! A name the lists write only in capitals ("WHO", "US") matches only text in capitals, so a
//! sentence that opens with "Who" or "Us" names nothing.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

use crate::article::EntityKind;

const COMPANIES: &str = include_str!("../../data/companies.tsv");
const ORGANIZATIONS: &str = include_str!("../../data/organizations.tsv");
const PLACES: &str = include_str!("../../data/tagger/gazetteer-places.txt");
const PLACE_ABBREVIATIONS: &str = include_str!("../../data/place-abbreviations.tsv");

/// Short and dotted forms of place names that GeoNames does not list.
const PLACE_ALIASES: &[(&str, &str)] = &[
    ("US", "United States"),
    ("U.S.", "United States"),
    ("USA", "United States"),
    ("U.S.A.", "United States"),
    ("America", "United States"),
    ("United States of America", "United States"),
    ("UK", "United Kingdom"),
    ("U.K.", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("UAE", "United Arab Emirates"),
    ("Holland", "Netherlands"),
    ("the Netherlands", "Netherlands"),
    ("Soviet Union", "Soviet Union"),
    ("USSR", "Soviet Union"),
    ("Hong Kong", "Hong Kong"),
    ("Taiwan", "Taiwan"),
    ("Gaza", "Gaza"),
    ("West Bank", "West Bank"),
    ("Middle East", "Middle East"),
    ("Latin America", "Latin America"),
    ("Wall Street", "Wall Street"),
    ("Silicon Valley", "Silicon Valley"),
];

/// A gazetteer entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntityKind,
    pub canonical: &'static str,
}

pub struct Gazetteer {
    /// Lowercased name, words joined by one space → entry.
    names: FxHashMap<String, Entry>,
    /// The most words any name has.
    pub max_words: usize,
    /// Every name's leading words short of the whole name, keyed like `names`: a scan along
    /// a sentence stops when the words so far start no longer name.
    prefixes: FxHashSet<String>,
    /// Keys of names written only in capitals ("who" for "WHO").
    shouted: FxHashSet<String>,
}

/// The gazetteer, built once on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static G: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);
    &G
}

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut g = Gazetteer {
            names: FxHashMap::default(),
            max_words: 1,
            prefixes: Default::default(),
            shouted: Default::default(),
        };
        // Earlier lists win a name both hold.
        g.add_table(ORGANIZATIONS, EntityKind::Organization);
        g.add_table(COMPANIES, EntityKind::Company);
        g.add_abbreviations(PLACE_ABBREVIATIONS, EntityKind::Place);
        for (alias, canonical) in PLACE_ALIASES {
            g.add(
                alias,
                Entry {
                    kind: EntityKind::Place,
                    canonical,
                },
            );
        }
        g
    }

    /// A table's abbreviations only: each stands for the name before it, which the table
    /// does not add itself (the states are already places to the tagger, and listing their
    /// names would change how other names are typed: Georgia is also a country).
    fn add_abbreviations(&mut self, table: &'static str, kind: EntityKind) {
        for line in table
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut names = line.split('\t').map(str::trim);
            let canonical = names.next().unwrap_or_default();
            for alias in names.filter(|a| !a.is_empty()) {
                self.add(alias, Entry { kind, canonical });
            }
        }
    }

    fn add_table(&mut self, table: &'static str, kind: EntityKind) {
        for line in table.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut names = line.split('\t').map(str::trim);
            let canonical = names.next().unwrap_or_default();
            let entry = Entry { kind, canonical };
            self.add(canonical, entry);
            for alias in names.filter(|a| !a.is_empty()) {
                self.add(alias, entry);
            }
        }
    }

    fn add(&mut self, name: &str, entry: Entry) {
        let key = key(name);
        self.max_words = self.max_words.max(key.split(' ').count());
        // A possessive is its own token ("Poor" "'s"), so the words before it are a prefix.
        for (at, _) in key.match_indices(' ').chain(key.match_indices("'s")) {
            self.prefixes.insert(key[..at].to_string());
        }
        let known = self.names.contains_key(&key);
        if is_capitals(name) && !known {
            self.shouted.insert(key.clone());
        } else if !is_capitals(name) {
            self.shouted.remove(&key);
        }
        self.names.entry(key).or_insert(entry);
    }

    /// Whether a name written as `written` may match the entry under `key`: a name listed
    /// only in capitals needs capitals.
    fn case_fits(&self, key: &str, written: &str) -> bool {
        !self.shouted.contains(key) || is_capitals(written)
    }

    /// The longest name the leading words form, among the lengths `ok` accepts: its word
    /// count and entry. Words are single tokens (no whitespace).
    pub fn longest_match<'a>(
        &self,
        words: impl Iterator<Item = &'a str>,
        ok: impl Fn(usize) -> bool,
    ) -> Option<(usize, Entry)> {
        let mut k = String::new();
        let mut written = String::new();
        let mut best = None;
        for (i, word) in words.take(self.max_words).enumerate() {
            // A possessive token joins the word before it, as the lists write it.
            if i > 0 && !matches!(word, "'s" | "’s") {
                k.push(' ');
            }
            push_key(&mut k, word);
            written.push_str(word);
            if let Some(e) = self.names.get(&k)
                && self.case_fits(&k, &written)
                && ok(i + 1)
            {
                best = Some((i + 1, *e));
            }
            if !self.prefixes.contains(&k) {
                break;
            }
        }
        best
    }

    /// The entry for a name, matched case-insensitively with whitespace folded, except that
    /// a name listed only in capitals needs capitals.
    pub fn get(&self, name: &str) -> Option<Entry> {
        let k = key(name);
        self.names
            .get(&k)
            .filter(|_| self.case_fits(&k, name))
            .copied()
    }

    /// The entry for a name as someone types it into a query, where case never matters
    /// (`place:uk`).
    pub fn get_any_case(&self, name: &str) -> Option<Entry> {
        self.names.get(&key(name)).copied()
    }

    /// Whether a name is a place: a place short form here, or a name in the tagger's list of
    /// places.
    pub fn is_place(&self, name: &str) -> bool {
        static PLACE_KEYS: LazyLock<FxHashSet<String>> =
            LazyLock::new(|| PLACES.lines().map(key).filter(|k| !k.is_empty()).collect());
        self.get(name).is_some_and(|e| e.kind == EntityKind::Place)
            || PLACE_KEYS.contains(&key(name))
    }
}

/// Written in capitals: at least two letters, none of them lower case ("WHO", "U.S.").
pub fn is_capitals(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && name.chars().all(|c| !c.is_lowercase())
}

/// Lowercase, words joined by single spaces, curly apostrophes straightened.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        push_key(&mut out, word);
    }
    out
}

/// Appends one word's key form: lowercase, curly apostrophes straightened.
fn push_key(out: &mut String, word: &str) {
    for c in word.chars() {
        match c {
            '’' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let g = gazetteer();
        let check = |name: &str, want: Option<(EntityKind, &str)>| {
            assert_eq!(g.get(name).map(|e| (e.kind, e.canonical)), want, "{name}")
        };
        check("Bytedance", Some((EntityKind::Company, "ByteDance")));
        check("U.S.", Some((EntityKind::Place, "United States")));
        check(
            "Chinese  Communist Party",
            Some((EntityKind::Organization, "Chinese Communist Party")),
        );
        check("Fox News Channel", Some((EntityKind::Company, "Fox News")));
        check("McDonald’s", Some((EntityKind::Company, "McDonald's")));
        check("Nowhere Special", None);
    }

    #[test]
    fn a_name_listed_in_capitals_needs_capitals() {
        let g = gazetteer();
        let check = |name: &str, want: Option<&str>| {
            assert_eq!(g.get(name).map(|e| e.canonical), want, "{name}")
        };
        check("WHO", Some("World Health Organization"));
        check("Who", None);
        check("who", None);
        check(
            "World Health Organization",
            Some("World Health Organization"),
        );
        check("US", Some("United States"));
        check("Us", None);
        check("Fed", Some("Federal Reserve"));
        let words = ["Who", "said"];
        assert_eq!(g.longest_match(words.into_iter(), |_| true), None);
        let words = ["Standard", "and", "Poor", "'s", "Corp"];
        assert_eq!(
            g.longest_match(words.into_iter(), |_| true)
                .map(|(n, e)| (n, e.canonical)),
            Some((4, "Standard & Poor's"))
        );
        let words = ["WHO", "said"];
        assert_eq!(
            g.longest_match(words.into_iter(), |_| true)
                .map(|(n, e)| (n, e.canonical)),
            Some((1, "World Health Organization"))
        );
    }

    #[test]
    fn places_from_the_tagger_list() {
        let g = gazetteer();
        for (name, want) in [
            ("Latin America", true),
            ("Rotterdam", true),
            ("Microsoft", false),
            ("Anna Lindqvist", false),
        ] {
            assert_eq!(g.is_place(name), want, "{name}");
        }
    }
}
