//! Reading the index for the archive pass, and keeping the table beside it.

use std::collections::HashMap;
use std::path::Path;

use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, TERMINATED, Term};

use super::group::{self, Evidence, Name};
use super::names;
use super::table::{Entity, EntityTable, TABLE_FILE};
use crate::article::EntityKind;
use crate::error::{Error, Result};
use crate::index::MorgueIndex;
use crate::index::schema::{self, Fields};

/// The temp file a table is written to before it replaces the last (a name
/// `index::folder` knows as a temp file, removed if a run dies before the rename).
const TEMP_FILE: &str = ".tmpetable";

/// Build the table from the index's last commit and save it in the index folder. Called
/// by `morgue index` under its lock, after its last commit.
pub fn refresh(morgue: &MorgueIndex) -> Result<EntityTable> {
    let reader = morgue.index.reader()?;
    let opstamp = morgue.opstamp()?;
    let table = build(&reader.searcher(), &morgue.fields, &morgue.dir, opstamp)?;
    crate::index::save_table(
        &morgue.dir,
        TABLE_FILE,
        TEMP_FILE,
        table.to_tsv().as_bytes(),
    )?;
    Ok(table)
}

/// The table for a searcher: the saved one when it was built from the current commit, else
/// one built now (a run was killed between its commit and its table, or the folder is
/// read-only).
pub fn current(morgue: &MorgueIndex, searcher: &Searcher) -> Result<EntityTable> {
    match saved(morgue)? {
        Some(table) => Ok(table),
        None => build(searcher, &morgue.fields, &morgue.dir, morgue.opstamp()?),
    }
}

/// Whether the index folder holds a readable table built from the current commit.
pub fn is_saved(morgue: &MorgueIndex) -> Result<bool> {
    Ok(saved(morgue)?.is_some())
}

/// The saved table, if it is readable and was built from the current commit.
fn saved(morgue: &MorgueIndex) -> Result<Option<EntityTable>> {
    let opstamp = morgue.opstamp()?;
    Ok(EntityTable::load(&morgue.dir).filter(|table| table.opstamp == opstamp))
}

/// Build the table from what a searcher sees.
pub fn build(
    searcher: &Searcher,
    fields: &Fields,
    dir: &Path,
    opstamp: u64,
) -> Result<EntityTable> {
    let mut terms: Vec<(String, u64)> = term_counts(searcher, fields.entity, dir)?
        .into_iter()
        .collect();
    terms.sort();
    let names: Vec<Name> = terms
        .iter()
        .filter_map(|(term, n)| {
            let (kind, name) = term.split_once(':')?;
            Some(Name {
                kind: EntityKind::named(kind)?,
                name: name.to_string(),
                articles: *n,
            })
        })
        .collect();
    let evidence = IndexEvidence::read(searcher, fields, dir, &names)?;
    let groups = group::group(&names, &evidence);
    let mut entities = Vec::with_capacity(groups.len());
    for g in groups {
        let mut members = g.members.clone();
        members.sort_by_key(|&i| (i != g.display, i));
        let terms: Vec<String> = members
            .iter()
            .map(|&i| schema::entity_key(names[i].kind, &names[i].name))
            .collect();
        let articles = match members.as_slice() {
            [one] => names[*one].articles,
            _ => evidence.articles(&terms)?,
        };
        let other: u64 = members
            .iter()
            .map(|&i| evidence.other(&names[i].name))
            .sum();
        entities.push(Entity {
            kind: g.kind,
            name: names[g.display].name.clone(),
            articles,
            terms,
            excluded: other >= articles,
        });
    }
    Ok(EntityTable::new(entities, opstamp))
}

/// Live documents per term of a raw-string field, over all segments.
pub fn term_counts(searcher: &Searcher, field: Field, dir: &Path) -> Result<HashMap<String, u64>> {
    // Keyed by bytes, so a key seen in an earlier segment costs no allocation.
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream().map_err(|e| Error::io(dir, e))?;
        let alive = segment.alive_bitset();
        while terms.advance() {
            let info = terms.value();
            let n = match alive {
                None => u64::from(info.doc_freq),
                Some(bits) => {
                    let mut postings = inverted
                        .read_postings_from_terminfo(info, IndexRecordOption::Basic)
                        .map_err(|e| Error::io(dir, e))?;
                    let mut n = 0u64;
                    let mut doc = postings.doc();
                    while doc != TERMINATED {
                        n += u64::from(bits.is_alive(doc));
                        doc = postings.advance();
                    }
                    n
                }
            };
            if n == 0 {
                continue;
            }
            match counts.get_mut(terms.key()) {
                Some(c) => *c += n,
                None => {
                    counts.insert(terms.key().to_vec(), n);
                }
            }
        }
    }
    Ok(counts
        .into_iter()
        .map(|(k, n)| (String::from_utf8_lossy(&k).into_owned(), n))
        .collect())
}

/// What the index's `evidence` terms say, and co-mentions from its postings.
struct IndexEvidence<'a> {
    searcher: &'a Searcher,
    entity: Field,
    dir: &'a Path,
    /// The `entity` term of each name given to the rules.
    terms: Vec<String>,
    /// Acronym letters → (long form key, articles defining it).
    definitions: HashMap<String, Vec<(String, u64)>>,
    /// Folded name → articles that found it as a name of no kind.
    others: HashMap<String, u64>,
}

impl<'a> IndexEvidence<'a> {
    fn read(
        searcher: &'a Searcher,
        fields: &Fields,
        dir: &'a Path,
        names: &[Name],
    ) -> Result<IndexEvidence<'a>> {
        let mut definitions: HashMap<String, Vec<(String, u64)>> = HashMap::new();
        let mut others = HashMap::new();
        for (term, n) in term_counts(searcher, fields.evidence, dir)? {
            if let Some(rest) = term.strip_prefix(schema::EVIDENCE_ACRONYM)
                && let Some((short, long)) = rest.split_once(schema::EVIDENCE_SEPARATOR)
            {
                definitions
                    .entry(short.to_string())
                    .or_default()
                    .push((long.to_string(), n));
            } else if let Some(name) = term.strip_prefix(schema::EVIDENCE_OTHER) {
                *others.entry(name.to_string()).or_default() += n;
            }
        }
        Ok(IndexEvidence {
            searcher,
            entity: fields.entity,
            dir,
            terms: names
                .iter()
                .map(|n| schema::entity_key(n.kind, &n.name))
                .collect(),
            definitions,
            others,
        })
    }

    fn other(&self, name: &str) -> u64 {
        self.others.get(&names::fold(name)).copied().unwrap_or(0)
    }

    /// The live documents of each segment holding any of `terms`, sorted.
    fn docs(&self, terms: &[&str]) -> Result<Vec<Vec<DocId>>> {
        let mut out = Vec::new();
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(self.entity)?;
            let alive = segment.alive_bitset();
            let mut docs = Vec::new();
            for term in terms {
                let term = Term::from_field_text(self.entity, term);
                let Some(mut postings) = inverted
                    .read_postings(&term, IndexRecordOption::Basic)
                    .map_err(|e| Error::io(self.dir, e))?
                else {
                    continue;
                };
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if alive.is_none_or(|bits| bits.is_alive(doc)) {
                        docs.push(doc);
                    }
                    doc = postings.advance();
                }
            }
            docs.sort_unstable();
            docs.dedup();
            out.push(docs);
        }
        Ok(out)
    }

    /// Articles mentioning any of `terms`.
    fn articles(&self, terms: &[String]) -> Result<u64> {
        let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
        Ok(self.docs(&terms)?.iter().map(|d| d.len() as u64).sum())
    }
}

impl Evidence for IndexEvidence<'_> {
    fn definitions(&self, short: &str) -> Vec<(String, u64)> {
        self.definitions.get(short).cloned().unwrap_or_default()
    }

    fn together(&self, a: usize, b: usize) -> u64 {
        let (Ok(a), Ok(b)) = (self.docs(&[&self.terms[a]]), self.docs(&[&self.terms[b]])) else {
            return 0;
        };
        a.iter()
            .zip(&b)
            .map(|(a, b)| a.iter().filter(|d| b.binary_search(d).is_ok()).count() as u64)
            .sum()
    }
}
