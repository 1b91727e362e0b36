//! The entity table: every name the index holds, mapped to one entity of the archive.
//!
//! Saved as `entities.tsv` in the index folder: a header line `# morgue entities 1`,
//! `opstamp`, then the stamp; then one entity a line (fields separated by tabs, shown here
//! as `→`):
//!
//! ```text
//! person → Tony Blair → 158 → - → person:Tony Blair → person:Blair
//! ```
//!
//! kind, display name, articles (distinct, over all its names), `x` if it is left out of the
//! entity answers (else `-`), then the `entity` terms it was found under. The stamp is the
//! commit the table was built from.

use std::path::Path;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::names;
use crate::article::EntityKind;
use crate::index::schema::entity_key;

/// The file name in the index folder.
pub const TABLE_FILE: &str = "entities.tsv";

const HEADER: &str = "# morgue entities 1\topstamp\t";

/// One entity of the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub kind: EntityKind,
    /// The name it is shown by.
    pub name: String,
    /// Articles mentioning it under any of its names.
    pub articles: u64,
    /// The `entity` terms (`kind:Name`) it was found under, its own first.
    pub terms: Vec<String>,
    /// Left out of entity answers (counted, but not a person, company, organisation or
    /// place).
    pub excluded: bool,
}

impl Entity {
    /// Its id in answers: the `entity` term of its display name.
    pub fn id(&self) -> String {
        entity_key(self.kind, &self.name)
    }

    /// The other names it was found under.
    pub fn aliases(&self) -> impl Iterator<Item = &str> {
        self.terms
            .iter()
            .filter_map(|t| t.split_once(':').map(|(_, n)| n))
            .filter(move |n| *n != self.name)
    }
}

/// The entity a typed or bare name picked, and the others it could have meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub entity: usize,
    /// Other entities the name matched, most articles first (at most five).
    pub alternatives: Vec<usize>,
}

/// Every indexed name's entity.
#[derive(Debug, Clone, Default)]
pub struct EntityTable {
    entities: Vec<Entity>,
    /// `entity` term → entity.
    by_term: FxHashMap<String, usize>,
    /// (kind, folded name) → entities with a name of that folded form; built on first use
    /// (entity filters need it, counts do not).
    by_fold: OnceLock<FxHashMap<(EntityKind, String), Vec<usize>>>,
    /// The commit it was built from.
    pub opstamp: u64,
}

impl EntityTable {
    pub fn new(mut entities: Vec<Entity>, opstamp: u64) -> EntityTable {
        entities.sort_by(|a, b| {
            (a.kind, std::cmp::Reverse(a.articles), &a.name, &a.terms).cmp(&(
                b.kind,
                std::cmp::Reverse(b.articles),
                &b.name,
                &b.terms,
            ))
        });
        let mut by_term = FxHashMap::default();
        for (i, e) in entities.iter().enumerate() {
            for term in &e.terms {
                by_term.insert(term.clone(), i);
            }
        }
        EntityTable {
            entities,
            by_term,
            by_fold: OnceLock::new(),
            opstamp,
        }
    }

    fn by_fold(&self) -> &FxHashMap<(EntityKind, String), Vec<usize>> {
        self.by_fold.get_or_init(|| {
            let mut by_fold: FxHashMap<(EntityKind, String), Vec<usize>> = FxHashMap::default();
            for (i, e) in self.entities.iter().enumerate() {
                for term in &e.terms {
                    if let Some((_, name)) = term.split_once(':') {
                        let ids = by_fold.entry((e.kind, names::fold(name))).or_default();
                        if !ids.contains(&i) {
                            ids.push(i);
                        }
                    }
                }
            }
            by_fold
        })
    }

    /// How many `entity` terms it maps.
    pub fn terms(&self) -> usize {
        self.by_term.len()
    }

    /// Entities, by kind, most articles first.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn get(&self, id: usize) -> &Entity {
        &self.entities[id]
    }

    /// The entity an `entity` term belongs to.
    pub fn of_term(&self, term: &str) -> Option<usize> {
        self.by_term.get(term).copied()
    }

    /// The name a stored canonical name is shown by (itself when the table lacks it).
    pub fn display<'a>(&'a self, kind: EntityKind, name: &'a str) -> &'a str {
        match self.of_term(&entity_key(kind, name)) {
            Some(id) => &self.entities[id].name,
            None => name,
        }
    }

    /// The entities of `kind` with a name whose folded form is `folded` (words joined by
    /// spaces, as [`names::fold`] makes them).
    pub fn named(&self, kind: EntityKind, folded: &str) -> &[usize] {
        self.by_fold()
            .get(&(kind, folded.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// The entity a typed or bare name means: one with a name equal to it (folded), the most
    /// mentioned if several, else the most mentioned with a name containing its words in
    /// order ("pompeo" → Mike Pompeo).
    pub fn pick(&self, name: &str, kind: Option<EntityKind>) -> Option<Pick> {
        let want = names::words(name);
        if want.is_empty() {
            return None;
        }
        let mut candidates: Vec<(bool, u64, usize)> = Vec::new();
        for (i, e) in self.entities.iter().enumerate() {
            if kind.is_some_and(|k| k != e.kind) || e.excluded {
                continue;
            }
            let mut best: Option<bool> = None;
            for term in &e.terms {
                let have = names::words(term.split_once(':').map_or(term.as_str(), |t| t.1));
                if have == want {
                    best = Some(true);
                    break;
                }
                if have.windows(want.len()).any(|w| w == want.as_slice()) {
                    best = Some(false);
                }
            }
            if let Some(exact) = best {
                candidates.push((exact, e.articles, i));
            }
        }
        candidates.sort_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)).then(a.2.cmp(&b.2)));
        let (&(_, _, entity), rest) = candidates.split_first()?;
        Some(Pick {
            entity,
            alternatives: rest.iter().take(5).map(|c| c.2).collect(),
        })
    }

    /// The table as its file holds it.
    pub fn to_tsv(&self) -> String {
        let mut out = format!("{HEADER}{}\n", self.opstamp);
        for e in &self.entities {
            let flag = if e.excluded { "x" } else { "-" };
            out.push_str(&format!("{}\t{}\t{}\t{flag}", e.kind, e.name, e.articles));
            for t in &e.terms {
                out.push('\t');
                out.push_str(t);
            }
            out.push('\n');
        }
        out
    }

    /// Read a table file's text; `None` if it is not one.
    pub fn from_tsv(text: &str) -> Option<EntityTable> {
        let mut lines = text.lines();
        let opstamp = lines.next()?.strip_prefix(HEADER)?.parse().ok()?;
        let mut entities = Vec::new();
        for line in lines {
            let mut f = line.split('\t');
            let kind = EntityKind::named(f.next()?)?;
            let name = f.next()?.to_string();
            let articles = f.next()?.parse().ok()?;
            let excluded = f.next()? == "x";
            let terms: Vec<String> = f.map(str::to_string).collect();
            entities.push(Entity {
                kind,
                name,
                articles,
                terms,
                excluded,
            });
        }
        Some(EntityTable::new(entities, opstamp))
    }

    /// The table saved in an index folder, if there is a readable one.
    pub fn load(dir: &Path) -> Option<EntityTable> {
        let text = std::fs::read_to_string(dir.join(TABLE_FILE)).ok()?;
        EntityTable::from_tsv(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(kind: EntityKind, name: &str, articles: u64, terms: &[&str]) -> Entity {
        Entity {
            kind,
            name: name.to_string(),
            articles,
            terms: terms.iter().map(|t| t.to_string()).collect(),
            excluded: false,
        }
    }

    fn sample() -> EntityTable {
        EntityTable::new(
            vec![
                entity(
                    EntityKind::Person,
                    "Tony Blair",
                    158,
                    &["person:Tony Blair", "person:Blair"],
                ),
                entity(
                    EntityKind::Person,
                    "Cherie Blair",
                    9,
                    &["person:Cherie Blair"],
                ),
                entity(EntityKind::Company, "Blair Ltd", 2, &["company:Blair Ltd"]),
                entity(
                    EntityKind::Place,
                    "United Kingdom",
                    600,
                    &["place:United Kingdom", "place:Britain"],
                ),
            ],
            7,
        )
    }

    #[test]
    fn names_pick_their_entity_and_say_what_else_matched() {
        let t = sample();
        let name = |p: Pick| t.get(p.entity).name.clone();
        let pick = t.pick("blair", None).unwrap();
        assert_eq!(t.get(pick.entity).name, "Tony Blair");
        let others: Vec<&str> = pick
            .alternatives
            .iter()
            .map(|&i| t.get(i).name.as_str())
            .collect();
        assert_eq!(others, vec!["Cherie Blair", "Blair Ltd"]);
        assert_eq!(name(t.pick("BRITAIN", None).unwrap()), "United Kingdom");
        assert_eq!(
            name(t.pick("blair", Some(EntityKind::Company)).unwrap()),
            "Blair Ltd"
        );
        assert!(t.pick("brown", None).is_none());
        assert_eq!(t.display(EntityKind::Person, "Blair"), "Tony Blair");
        assert_eq!(t.display(EntityKind::Person, "Nobody"), "Nobody");
        let uk = t.of_term("place:Britain").unwrap();
        assert_eq!(t.named(EntityKind::Place, "britain"), &[uk]);
        assert_eq!(t.get(uk).aliases().collect::<Vec<_>>(), vec!["Britain"]);
    }

    #[test]
    fn the_file_form_reads_back() {
        let t = sample();
        let back = EntityTable::from_tsv(&t.to_tsv()).unwrap();
        assert_eq!(back.entities(), t.entities());
        assert_eq!(back.opstamp, 7);
        assert!(EntityTable::from_tsv("not a table\n").is_none());
        assert!(EntityTable::from_tsv(&format!("{HEADER}1\nperson\tX\tmany\t-\n")).is_none());
    }
}
