//! Which names a change can reach: the names whose entity may differ once some names'
//! article counts or evidence changed, so that a run re-resolves those and keeps the rest
//! of the table as it was.
//!
//! Every rule of [`super::group`] decides a name's entity from the names it shares a
//! *class* with: its spellings (one [`names::variant_key`], which a built-in list's
//! canonical form joins), its word-by-word short forms (first three letters of each word),
//! acronyms and the initials they match (organisations only), a lone surname and the full
//! names ending in it (people only), a country-qualified name and the name without its
//! country, and the long forms articles define an acronym as. Names that share no class
//! never meet in a rule, so the names reached from the touched ones through classes,
//! together with every name of an entity they belonged to, group exactly as they would in
//! a pass over the whole archive.
//!
//! Classes are known by a hash of their key: two keys with one hash make one class, which
//! reaches more names than needed, never fewer.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::group::without_country;
use super::names::{self, Forms};
use crate::article::EntityKind;
use crate::extract::gazetteer::gazetteer;
use crate::index::schema;

/// What a class is keyed by.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Tag {
    /// A variant key (steps 1–3, and the long forms of acronyms).
    Key,
    /// The first three letters of each word of a key of several words (step 4).
    Short,
    /// An acronym's letters, and the initials of organisation names (step 5).
    Letters,
    /// A lone name and the surname of full names (step 6).
    Surname,
    /// A name without its country, and the names it may be (step 7).
    Country,
    /// A folded name, as `other:` evidence names it (whether an entity is left out).
    Fold,
    /// An entity of the last table.
    Entity,
}

fn class(tag: Tag, key: &str) -> u64 {
    let mut h = FxHasher::default();
    (tag, key).hash(&mut h);
    h.finish()
}

/// The members of one class, and whether a rule can join them.
#[derive(Default)]
struct Class {
    members: Vec<u32>,
    /// Whether reaching one member reaches the others: a class of surnames needs a lone
    /// name, one of letters an acronym, one of country forms both roles; `Fold` classes are
    /// entered only from evidence.
    joins: bool,
    /// For classes of two roles: which roles are present (bit 0, bit 1).
    roles: u8,
}

/// Names and the classes they share, built once for all the names a table and a run hold.
pub struct Classes {
    classes: FxHashMap<u64, Class>,
    /// Each name's classes.
    of_name: Vec<Vec<u64>>,
    /// Acronym classes (`Letters`) ↔ the long forms' classes (`Key`) articles define them as.
    defined: FxHashMap<u64, Vec<u64>>,
}

impl Classes {
    /// The classes of `names` (kind and canonical name, as `entity` terms hold them) and
    /// their `forms`, with `entities` (the names of each entity of the last table) and
    /// `definitions` (acronym letters and long form keys the archive's articles define).
    pub fn new(
        names: &[(EntityKind, &str)],
        forms: &[Forms],
        entities: &[Vec<usize>],
        definitions: &[(String, String)],
    ) -> Classes {
        // A name can count as any kind another spelling of it has (step 2).
        let mut kinds_of_key: FxHashMap<&str, u8> = FxHashMap::default();
        for ((kind, _), f) in names.iter().zip(forms) {
            *kinds_of_key.entry(&f.key).or_default() |= kind_bit(*kind);
        }
        let mut classes: FxHashMap<u64, Class> = FxHashMap::default();
        let mut of_name = Vec::with_capacity(names.len());
        let gazetteer = gazetteer();
        for (i, ((_, name), f)) in names.iter().zip(forms).enumerate() {
            let kinds = kinds_of_key[f.key.as_str()];
            let organisation =
                kinds & (kind_bit(EntityKind::Company) | kind_bit(EntityKind::Organization)) != 0;
            let person = kinds & kind_bit(EntityKind::Person) != 0;
            let mut mine: Vec<(u64, bool, u8)> = vec![(class(Tag::Key, &f.key), true, 0)];
            if let Some(entry) = gazetteer.get(name) {
                let canonical = names::variant_key(entry.canonical);
                mine.push((class(Tag::Key, &canonical), true, 0));
            }
            if f.key.contains(' ') {
                let short: Vec<&str> = f.key.split(' ').map(first_three).collect();
                mine.push((class(Tag::Short, &short.join(" ")), true, 0));
            }
            if organisation {
                if names::is_acronym(name) {
                    mine.push((class(Tag::Letters, &f.letters), true, 0));
                }
                if let Some(initials) = &f.initials {
                    mine.push((class(Tag::Letters, initials), false, 0));
                }
            }
            if person {
                if name.contains(' ') {
                    if let Some(s) = &f.surname {
                        mine.push((class(Tag::Surname, s), false, 0));
                    }
                } else {
                    mine.push((class(Tag::Surname, &f.fold), true, 0));
                }
            }
            if organisation {
                if let Some(rest) = without_country(name) {
                    mine.push((class(Tag::Country, &names::fold(rest)), false, 1));
                }
                if name.contains(' ') {
                    mine.push((class(Tag::Country, &f.fold), false, 2));
                }
            }
            mine.push((class(Tag::Fold, &f.fold), false, 0));
            let mut ids = Vec::with_capacity(mine.len());
            for (id, joins, role) in mine {
                let c = classes.entry(id).or_default();
                c.members.push(i as u32);
                c.joins |= joins;
                c.roles |= role;
                ids.push(id);
            }
            of_name.push(ids);
        }
        for (e, members) in entities.iter().enumerate() {
            let id = class(Tag::Entity, &e.to_string());
            let c = classes.entry(id).or_default();
            c.joins = true;
            for &i in members {
                c.members.push(i as u32);
                of_name[i].push(id);
            }
        }
        for c in classes.values_mut() {
            c.joins |= c.roles == 3;
        }
        let mut defined: FxHashMap<u64, Vec<u64>> = FxHashMap::default();
        for (letters, long) in definitions {
            let (a, k) = (class(Tag::Letters, letters), class(Tag::Key, long));
            defined.entry(a).or_default().push(k);
            defined.entry(k).or_default().push(a);
        }
        Classes {
            classes,
            of_name,
            defined,
        }
    }

    /// The names reached from `seeds` (indexes into the names given to [`Classes::new`]) and
    /// from the `evidence` terms a run touched, sorted.
    pub fn reach(&self, seeds: &[usize], evidence: &[&str]) -> Vec<usize> {
        let mut reached = vec![false; self.of_name.len()];
        let mut entered: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
        let mut names: Vec<usize> = Vec::new();
        let mut classes: Vec<u64> = Vec::new();
        for &i in seeds {
            if !reached[i] {
                reached[i] = true;
                names.push(i);
            }
        }
        for term in evidence {
            if let Some(rest) = term.strip_prefix(schema::EVIDENCE_ACRONYM)
                && let Some((letters, long)) = rest.split_once(schema::EVIDENCE_SEPARATOR)
            {
                classes.push(class(Tag::Letters, letters));
                classes.push(class(Tag::Key, long));
            } else if let Some(name) = term.strip_prefix(schema::EVIDENCE_OTHER) {
                classes.push(class(Tag::Fold, name));
            }
        }
        // Classes named by evidence are entered whether or not they join.
        for &id in &classes {
            entered.insert(id);
        }
        let mut out = Vec::new();
        loop {
            if let Some(id) = classes.pop() {
                if let Some(c) = self.classes.get(&id) {
                    for &m in &c.members {
                        let m = m as usize;
                        if !reached[m] {
                            reached[m] = true;
                            names.push(m);
                        }
                    }
                }
                for &other in self.defined.get(&id).into_iter().flatten() {
                    if entered.insert(other) {
                        classes.push(other);
                    }
                }
            } else if let Some(i) = names.pop() {
                out.push(i);
                for &id in &self.of_name[i] {
                    let joins = self.classes.get(&id).is_some_and(|c| c.joins);
                    if joins && entered.insert(id) {
                        classes.push(id);
                    }
                }
            } else {
                break;
            }
        }
        out.sort_unstable();
        out
    }
}

fn kind_bit(kind: EntityKind) -> u8 {
    1 << (kind as u8)
}

/// A word's first three characters (all of it when shorter): a word and every short form
/// [`names::abbreviates_key`] accepts for it begin alike.
fn first_three(word: &str) -> &str {
    match word.char_indices().nth(3) {
        Some((at, _)) => &word[..at],
        None => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    /// The names reached from `seeds` (by name) and `evidence`, by name.
    fn reached(
        names: &[(EntityKind, &str)],
        entities: &[&[&str]],
        seeds: &[&str],
        evidence: &[&str],
    ) -> Vec<String> {
        let at = |n: &str| names.iter().position(|(_, m)| *m == n).unwrap();
        let entities: Vec<Vec<usize>> = entities
            .iter()
            .map(|e| e.iter().map(|n| at(n)).collect())
            .collect();
        let definitions = [("usda".to_string(), "u s agriculture department".to_string())];
        let forms: Vec<Forms> = names.iter().map(|(_, n)| Forms::of(n)).collect();
        let classes = Classes::new(names, &forms, &entities, &definitions);
        let seeds: Vec<usize> = seeds.iter().map(|n| at(n)).collect();
        (classes.reach(&seeds, evidence).into_iter())
            .map(|i| names[i].1.to_string())
            .collect()
    }

    #[test]
    fn a_change_reaches_the_names_a_rule_weighs_it_against_and_no_others() {
        let names = [
            (Person, "Blair"),
            (Person, "Cherie Blair"),
            (Person, "Gordon Brown"),
            (Person, "Jane Smith"),
            (Person, "John Smith"),
            (Person, "Tony Blair"),
            (Organization, "Bank of Japan"),
            (Organization, "EC"),
            (Organization, "European Community"),
            (Organization, "Liberal Democrats"),
            (Organization, "Lib Dems"),
            (Organization, "U.S. Agriculture Department"),
            (Organization, "Agriculture Department"),
            (Organization, "USDA"),
            (Company, "MOODY'S"),
            (Company, "Moody's"),
        ];
        let cases: &[(&[&str], &[&str], &[&str])] = &[
            // A lone surname ties the full names ending in it.
            (
                &["Tony Blair"],
                &[],
                &["Blair", "Cherie Blair", "Tony Blair"],
            ),
            // Without one, full names with a surname in common do not meet.
            (&["John Smith"], &[], &["John Smith"]),
            (&["MOODY'S"], &[], &["MOODY'S", "Moody's"]),
            (&["Lib Dems"], &[], &["Liberal Democrats", "Lib Dems"]),
            // An acronym and the long forms whose initials it is.
            (&["EC"], &[], &["EC", "European Community"]),
            // A country-qualified name, the name without it, and the acronym defined as it.
            (
                &["Agriculture Department"],
                &[],
                &[
                    "U.S. Agriculture Department",
                    "Agriculture Department",
                    "USDA",
                ],
            ),
        ];
        for (seeds, evidence, want) in cases {
            let mut got = reached(&names, &[], seeds, evidence);
            let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "from {seeds:?}");
        }
        // An entity of the last table is reached whole.
        let mut got = reached(
            &names,
            &[&["Gordon Brown", "Bank of Japan"]],
            &["Gordon Brown"],
            &[],
        );
        got.sort();
        assert_eq!(got, ["Bank of Japan", "Gordon Brown"]);
        // Evidence alone: a definition, and a name found as a work.
        let definition = "acronym:usda\u{1f}u s agriculture department";
        let got = reached(&names, &[], &[], &[definition]);
        assert!(
            got.contains(&"USDA".to_string())
                && got.contains(&"U.S. Agriculture Department".to_string()),
            "{got:?}"
        );
        assert!(!got.contains(&"Bank of Japan".to_string()));
        assert_eq!(
            reached(&names, &[], &[], &["other:gordon brown"]),
            ["Gordon Brown"]
        );
    }
}
