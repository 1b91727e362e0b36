//! Which extracted names are one entity: the rules of the archive pass, on names and
//! counts alone (no index), so that each rule is a table-driven test.
//!
//! The names arrive as the index holds them (`kind`, canonical name, articles) with the
//! evidence the articles recorded, and leave as groups, one per entity. In order:
//!
//! 1. **Spellings**: names of one kind with one [`names::variant_key`] are one (case,
//!    punctuation, plurals, legal forms, dangling "and").
//! 2. **One kind**: the same spelling under several kinds goes to the kind that has at least
//!    [`KIND_MAJORITY`] times the articles of the others together (a company and an
//!    organisation need only more).
//! 3. **Built-in lists**: a name the gazetteer knows joins its canonical form.
//! 4. **Word-by-word short forms** join their long form ("Lib Dem" → "Liberal Democrat").
//! 5. **Acronyms** join the long form they stand for: the one the archive's articles define
//!    ("European Community (EC)"), else the one whose initials they are and with which they
//!    share the most articles, when it clearly leads.
//! 6. **Surnames**: a lone surname joins the full name that dominates the archive for it
//!    ([`DOMINANCE`] times the next), and stays alone when two are close.
//!
//! 7. **Country-qualified forms**: an organisation named without its country joins the one
//!    named with it ("Agriculture Department" → "U.S. Agriculture Department") when that
//!    one dominates the others of its kind that end the same way.
//!
//! A group's display name is its gazetteer form, else (people) its most mentioned full name,
//! else its most mentioned name not written in capitals.

use rustc_hash::FxHashMap;

use super::names::{self, Forms};
use crate::article::EntityKind;
use crate::extract::gazetteer::gazetteer;

/// How many times its rivals' articles the leading candidate needs to win a surname or an
/// acronym.
pub const DOMINANCE: u64 = 3;

/// How many times the articles of the other kinds a spelling's main kind needs to take them.
pub const KIND_MAJORITY: u64 = 2;

/// Fewest articles an acronym must share with a long form to join it without a definition.
const MIN_TOGETHER: u64 = 2;

/// One name as the index holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub kind: EntityKind,
    pub name: String,
    pub articles: u64,
}

/// What articles recorded about names, summed over the archive.
pub trait Evidence {
    /// The long forms articles define acronym `short` (its folded letters) as, each a
    /// [`names::variant_key`] with the number of articles defining it so.
    fn definitions(&self, short: &str) -> Vec<(String, u64)>;
    /// Articles mentioning both names (indexes into the names given to [`group`]).
    fn together(&self, a: usize, b: usize) -> u64;
}

/// One entity: the names it was found under (indexes), its kind and display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub kind: EntityKind,
    /// The index of the name it is shown by.
    pub display: usize,
    pub members: Vec<usize>,
}

/// Union–find over name indexes.
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Sets {
        Sets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

/// Group names into entities, given the [`Forms`] of each.
pub fn group(names: &[Name], forms: &[Forms], evidence: &dyn Evidence) -> Vec<Group> {
    let mut sets = Sets::new(names.len());
    let keys: Vec<String> = forms.iter().map(|f| f.key.clone()).collect();
    let kinds = join_spellings(names, &keys, &mut sets);
    join_gazetteer_forms(names, &keys, &kinds, &mut sets);
    join_short_forms(names, &keys, &kinds, &mut sets);
    join_acronyms(names, forms, &keys, &kinds, evidence, &mut sets);
    join_surnames(names, forms, &kinds, &mut sets);
    join_country_forms(names, &kinds, &mut sets);
    collect(names, &mut sets)
}

/// Steps 1 and 2. Returns the kind each name counts as from here on.
fn join_spellings(names: &[Name], keys: &[String], sets: &mut Sets) -> Vec<EntityKind> {
    let mut by_key: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, key) in keys.iter().enumerate() {
        by_key.entry(key).or_default().push(i);
    }
    let mut kinds: Vec<EntityKind> = names.iter().map(|n| n.kind).collect();
    for same in by_key.values() {
        let mut per_kind: FxHashMap<EntityKind, u64> = FxHashMap::default();
        for &i in same {
            *per_kind.entry(names[i].kind).or_default() += names[i].articles;
        }
        let total: u64 = per_kind.values().sum();
        let (&main, &most) = per_kind
            .iter()
            .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
            .expect("a key has a name");
        let rest = total - most;
        let organisations = per_kind
            .keys()
            .all(|k| matches!(k, EntityKind::Company | EntityKind::Organization));
        let takes_all = rest == 0 || most >= KIND_MAJORITY * rest || (organisations && most > rest);
        let mut first_of: FxHashMap<EntityKind, usize> = FxHashMap::default();
        for &i in same {
            if takes_all {
                kinds[i] = main;
            }
            let first = *first_of.entry(kinds[i]).or_insert(i);
            sets.join(first, i);
        }
    }
    kinds
}

/// Names by kind and variant key, for looking a form up.
fn index_by_key<'a>(
    keys: &'a [String],
    kinds: &[EntityKind],
) -> FxHashMap<(EntityKind, &'a str), usize> {
    let mut out = FxHashMap::default();
    for (i, key) in keys.iter().enumerate() {
        out.entry((kinds[i], key.as_str())).or_insert(i);
    }
    out
}

/// Step 3.
fn join_gazetteer_forms(names: &[Name], keys: &[String], kinds: &[EntityKind], sets: &mut Sets) {
    let g = gazetteer();
    let at = index_by_key(keys, kinds);
    for (i, n) in names.iter().enumerate() {
        let Some(entry) = g.get(&n.name) else {
            continue;
        };
        let canonical = names::variant_key(entry.canonical);
        if let Some(&j) = at.get(&(kinds[i], canonical.as_str())) {
            sets.join(i, j);
        }
    }
}

/// Step 4: within a kind, a name of two or more words each abbreviating the long form's
/// word joins the one long form it abbreviates (or the one with most articles, if it
/// dominates).
fn join_short_forms(names: &[Name], keys: &[String], kinds: &[EntityKind], sets: &mut Sets) {
    // Candidates share kind, word count and first letters.
    let mut buckets: FxHashMap<(EntityKind, String), Vec<usize>> = FxHashMap::default();
    for (i, key) in keys.iter().enumerate() {
        if key.contains(' ') {
            let letters: String = key.split(' ').filter_map(|w| w.chars().next()).collect();
            buckets.entry((kinds[i], letters)).or_default().push(i);
        }
    }
    for bucket in buckets.values().filter(|b| b.len() > 1) {
        for &short in bucket {
            let longs: Vec<(usize, u64)> = bucket
                .iter()
                .filter(|&&long| names::abbreviates_key(&keys[short], &keys[long]))
                .map(|&long| (long, names[long].articles))
                .collect();
            if let Some(long) = leader(&by_group(&longs, sets), 0) {
                sets.join(short, long);
            }
        }
    }
}

/// Step 5.
fn join_acronyms(
    names: &[Name],
    forms: &[Forms],
    keys: &[String],
    kinds: &[EntityKind],
    evidence: &dyn Evidence,
    sets: &mut Sets,
) {
    let organisation = |k: EntityKind| matches!(k, EntityKind::Company | EntityKind::Organization);
    let at = index_by_key(keys, kinds);
    let mut by_initials: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, f) in forms.iter().enumerate() {
        if organisation(kinds[i])
            && let Some(initials) = &f.initials
        {
            by_initials.entry(initials).or_default().push(i);
        }
    }
    for (i, n) in names.iter().enumerate() {
        if !organisation(kinds[i]) || !names::is_acronym(&n.name) {
            continue;
        }
        let letters = forms[i].letters.as_str();
        let defined: Vec<(usize, u64)> = evidence
            .definitions(letters)
            .into_iter()
            .filter_map(|(long, d)| {
                [EntityKind::Organization, EntityKind::Company]
                    .into_iter()
                    .find_map(|k| at.get(&(k, long.as_str())))
                    .map(|&j| (j, d))
            })
            .filter(|&(j, _)| j != i)
            .collect();
        let chosen = leader(&by_group(&defined, sets), 1).or_else(|| {
            let together: Vec<(usize, u64)> = by_initials
                .get(letters)?
                .iter()
                .map(|&j| (j, evidence.together(i, j)))
                .collect();
            leader(&by_group(&together, sets), MIN_TOGETHER)
        });
        if let Some(j) = chosen {
            sets.join(i, j);
        }
    }
}

/// Step 6: lone person names join the full name (by group) that dominates their surname.
fn join_surnames(names: &[Name], forms: &[Forms], kinds: &[EntityKind], sets: &mut Sets) {
    let mut by_surname: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, f) in forms.iter().enumerate() {
        if kinds[i] == EntityKind::Person
            && let Some(s) = &f.surname
        {
            by_surname.entry(s).or_default().push(i);
        }
    }
    for (i, n) in names.iter().enumerate() {
        if kinds[i] != EntityKind::Person || n.name.contains(' ') {
            continue;
        }
        let Some(full) = by_surname.get(forms[i].fold.as_str()) else {
            continue;
        };
        let weighted: Vec<(usize, u64)> = full.iter().map(|&j| (j, names[j].articles)).collect();
        let weighted = by_group(&weighted, sets);
        if let Some(j) = leader(&weighted, 1) {
            sets.join(i, j);
        }
    }
}

/// Step 7: organisations and companies named without their country join the one named with
/// it that dominates ("Agriculture Department" → "U.S. Agriculture Department"); "Finance
/// Ministry" beside several countries' stays alone.
fn join_country_forms(names: &[Name], kinds: &[EntityKind], sets: &mut Sets) {
    let institution = |i: usize| matches!(kinds[i], EntityKind::Organization | EntityKind::Company);
    let mut by_rest: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, n) in names.iter().enumerate() {
        if let Some(rest) = without_country(&n.name).filter(|_| institution(i)) {
            by_rest.entry(names::fold(rest)).or_default().push(i);
        }
    }
    for (i, n) in names.iter().enumerate() {
        if !institution(i) || !n.name.contains(' ') {
            continue;
        }
        let Some(longer) = by_rest.get(&names::fold(&n.name)) else {
            continue;
        };
        let weighted: Vec<(usize, u64)> = (longer.iter())
            .filter(|&&j| kinds[j] == kinds[i])
            .map(|&j| (j, names[j].articles))
            .collect();
        let weighted = by_group(&weighted, sets);
        if let Some(j) = leader(&weighted, 1) {
            sets.join(i, j);
        }
    }
}

/// A name without the country it opens with ("U.S. Agriculture Department" → "Agriculture
/// Department"), when it opens with one and more follows.
pub(super) fn without_country(name: &str) -> Option<&str> {
    let words: Vec<(usize, &str)> = name.match_indices(' ').collect();
    for &(at, _) in words.iter().take(2).rev() {
        if crate::extract::entities::is_country(&name[..at]) {
            return Some(&name[at + 1..]);
        }
    }
    None
}

/// Candidates compared as whole entities, not spellings: weights summed by group, each
/// group stood for by its heaviest candidate.
fn by_group(weighted: &[(usize, u64)], sets: &mut Sets) -> Vec<(usize, u64)> {
    let mut per_group: FxHashMap<usize, (usize, u64, u64)> = FxHashMap::default();
    for &(j, w) in weighted {
        let e = per_group.entry(sets.find(j)).or_insert((j, 0, w));
        e.1 += w;
        if w > e.2 {
            (e.0, e.2) = (j, w);
        }
    }
    per_group
        .into_values()
        .map(|(j, total, _)| (j, total))
        .collect()
}

/// The candidate whose weight is at least `min` and [`DOMINANCE`] times every other's.
fn leader(weighted: &[(usize, u64)], min: u64) -> Option<usize> {
    let mut ranked = weighted.to_vec();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let &(c, best) = ranked.first()?;
    let second = ranked.get(1).map_or(0, |r| r.1);
    (best >= min.max(1) && best >= DOMINANCE * second && best > second).then_some(c)
}

/// The groups, each with its kind (the one with most articles among its members) and
/// display name.
fn collect(names: &[Name], sets: &mut Sets) -> Vec<Group> {
    let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..names.len() {
        members.entry(sets.find(i)).or_default().push(i);
    }
    let mut out: Vec<Group> = members
        .into_values()
        .map(|m| {
            let mut per_kind: FxHashMap<EntityKind, u64> = FxHashMap::default();
            for &i in &m {
                *per_kind.entry(names[i].kind).or_default() += names[i].articles;
            }
            let kind = per_kind
                .into_iter()
                .max_by_key(|&(k, n)| (n, std::cmp::Reverse(k)))
                .map(|(k, _)| k)
                .expect("a group has a member");
            Group {
                kind,
                display: display(names, &m, kind),
                members: m,
            }
        })
        .collect();
    out.sort_by_key(|g| g.members[0]);
    out
}

/// The member a group is shown by.
fn display(names: &[Name], members: &[usize], kind: EntityKind) -> usize {
    let g = gazetteer();
    let rank = |i: usize| {
        let n = &names[i];
        let canonical = g.get(&n.name).is_some_and(|e| e.canonical == n.name);
        let full_name = kind == EntityKind::Person && n.name.contains(' ');
        let shouting = !names::is_acronym(&n.name)
            && n.name.chars().filter(|c| c.is_alphabetic()).count() > 3
            && !n.name.chars().any(char::is_lowercase);
        (
            n.kind == kind,
            canonical,
            full_name,
            !shouting,
            n.articles,
            std::cmp::Reverse(n.name.len()),
        )
    };
    *members
        .iter()
        .max_by(|&&a, &&b| rank(a).cmp(&rank(b)).then(b.cmp(&a)))
        .expect("a group has a member")
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    /// Evidence given as lists: definitions (short, long key, articles) and co-mentions by
    /// name.
    struct Given<'a> {
        names: &'a [Name],
        defined: &'a [(&'a str, &'a str, u64)],
        together: &'a [(&'a str, &'a str, u64)],
    }

    impl Evidence for Given<'_> {
        fn definitions(&self, short: &str) -> Vec<(String, u64)> {
            (self.defined.iter())
                .filter(|d| d.0 == short)
                .map(|d| (d.1.to_string(), d.2))
                .collect()
        }
        fn together(&self, a: usize, b: usize) -> u64 {
            let (a, b) = (&self.names[a].name, &self.names[b].name);
            (self.together.iter())
                .filter(|t| (t.0 == a && t.1 == b) || (t.0 == b && t.1 == a))
                .map(|t| t.2)
                .sum()
        }
    }

    /// Each case: the names with their articles, the evidence, and the entities wanted as
    /// "kind:Display = member, member" strings, sorted.
    fn check(
        names: &[(EntityKind, &str, u64)],
        defined: &[(&str, &str, u64)],
        together: &[(&str, &str, u64)],
        want: &[&str],
    ) {
        let names: Vec<Name> = names
            .iter()
            .map(|&(kind, name, articles)| Name {
                kind,
                name: name.to_string(),
                articles,
            })
            .collect();
        let evidence = Given {
            names: &names,
            defined,
            together,
        };
        let forms: Vec<Forms> = names.iter().map(|n| Forms::of(&n.name)).collect();
        let mut got: Vec<String> = group(&names, &forms, &evidence)
            .iter()
            .map(|g| {
                let mut members: Vec<&str> =
                    g.members.iter().map(|&i| names[i].name.as_str()).collect();
                members.sort();
                format!(
                    "{}:{} = {}",
                    g.kind,
                    names[g.display].name,
                    members.join(", ")
                )
            })
            .collect();
        got.sort();
        let mut want = want.to_vec();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn spellings_of_one_name_are_one() {
        check(
            &[
                (Organization, "Moody's", 40),
                (Organization, "MOODY'S", 12),
                (Organization, "Liberal Democrats", 30),
                (Organization, "Liberal Democrat", 8),
                (Company, "Goldman, Sachs and", 5),
                (Company, "Goldman Sachs", 20),
            ],
            &[],
            &[],
            &[
                "company:Goldman Sachs = Goldman Sachs, Goldman, Sachs and",
                "organization:Liberal Democrats = Liberal Democrat, Liberal Democrats",
                "organization:Moody's = MOODY'S, Moody's",
            ],
        );
    }

    #[test]
    fn a_spelling_takes_the_kind_the_archive_mostly_gives_it() {
        check(
            &[
                (Organization, "Chelsea", 30),
                (Place, "Chelsea", 10),
                (Place, "Washington", 50),
                (Person, "Washington", 30),
                (Company, "Moody's", 10),
                (Organization, "Moody's", 9),
            ],
            &[],
            &[],
            &[
                "company:Moody's = Moody's, Moody's",
                "organization:Chelsea = Chelsea, Chelsea",
                "person:Washington = Washington",
                "place:Washington = Washington",
            ],
        );
    }

    #[test]
    fn short_forms_join_their_long_form() {
        check(
            &[
                (Organization, "Liberal Democrats", 30),
                (Organization, "Liberal Democrat", 25),
                (Organization, "Lib Dems", 10),
                (Organization, "Lib Dem", 4),
            ],
            &[],
            &[],
            // Two spellings of the long form are one candidate, not rivals.
            &[
                "organization:Liberal Democrats = Lib Dem, Lib Dems, Liberal Democrat, Liberal Democrats",
            ],
        );
    }

    #[test]
    fn acronyms_join_what_articles_define_them_as_or_their_initials() {
        check(
            &[
                (Organization, "EC", 300),
                (Organization, "European Community", 200),
                (Organization, "European Commission", 20),
                (Organization, "USDA", 90),
                (Organization, "U.S. Agriculture Department", 80),
                (Company, "IBM", 60),
                (Company, "International Business Machines", 15),
                (Organization, "ABC", 5),
                (Organization, "Arab Banking Corp", 3),
                (Organization, "Asian Bowling Council", 3),
            ],
            &[("usda", "u s agriculture department", 4)],
            &[
                ("EC", "European Community", 150),
                ("EC", "European Commission", 12),
                ("IBM", "International Business Machines", 14),
                ("ABC", "Arab Banking Corp", 1),
                ("ABC", "Asian Bowling Council", 1),
            ],
            &[
                "company:IBM = IBM, International Business Machines",
                "organization:ABC = ABC",
                "organization:Arab Banking Corp = Arab Banking Corp",
                "organization:Asian Bowling Council = Asian Bowling Council",
                "organization:EC = EC, European Community",
                "organization:European Commission = European Commission",
                "organization:USDA = U.S. Agriculture Department, USDA",
            ],
        );
    }

    #[test]
    fn an_institution_without_its_country_joins_the_one_with_it() {
        check(
            &[
                (Organization, "U.S. Agriculture Department", 300),
                (Organization, "Agriculture Department", 50),
                (Organization, "Finance Ministry", 190),
                (Organization, "Japan Finance Ministry", 40),
                (Organization, "France Finance Ministry", 30),
                (Organization, "Stock Exchange", 20),
                (Organization, "New York Stock Exchange", 140),
            ],
            &[],
            &[],
            &[
                "organization:U.S. Agriculture Department = Agriculture Department, U.S. Agriculture Department",
                "organization:Finance Ministry = Finance Ministry",
                "organization:Japan Finance Ministry = Japan Finance Ministry",
                "organization:France Finance Ministry = France Finance Ministry",
                "organization:Stock Exchange = Stock Exchange",
                "organization:New York Stock Exchange = New York Stock Exchange",
            ],
        );
    }

    #[test]
    fn a_surname_joins_the_full_name_that_dominates_it() {
        check(
            &[
                (Person, "Blair", 21),
                (Person, "Tony Blair", 154),
                (Person, "Cherie Blair", 9),
                (Person, "Baker", 40),
                (Person, "James Baker", 60),
                (Person, "Howard Baker", 30),
                (Person, "Reagan", 500),
                (Person, "Ronald Reagan", 80),
            ],
            &[],
            &[],
            &[
                "person:Baker = Baker",
                "person:Howard Baker = Howard Baker",
                "person:James Baker = James Baker",
                "person:Ronald Reagan = Reagan, Ronald Reagan",
                "person:Tony Blair = Blair, Tony Blair",
                "person:Cherie Blair = Cherie Blair",
            ],
        );
    }
}
