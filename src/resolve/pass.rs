//! Reading the index for the archive pass, and keeping the table beside it.

use std::collections::HashMap;
use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::fastfield::AliveBitSet;
use tantivy::postings::TermInfo;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, InvertedIndexReader, Searcher, TERMINATED, Term};

use super::changes::Changes;
use super::group::{self, Evidence, Name};
use super::names::{self, Forms};
use super::reach;
use super::table::{Entity, EntityTable, TABLE_FILE};
use crate::article::EntityKind;
use crate::error::{Error, Result};
use crate::index::MorgueIndex;
use crate::index::schema::{self, Fields};

/// The temp file a table is written to before it replaces the last (a name
/// `index::folder` knows as a temp file, removed if a run dies before the rename).
const TEMP_FILE: &str = ".tmpetable";

/// Bring the table up to the index's last commit and save it in the index folder. Called
/// by `morgue index` under its lock, after its last commit, with what the run changed
/// (`None` after `--full`, or when the run found no table of the commit it started from).
/// Given changes, only the names they reach are resolved again; otherwise, or when they
/// reach most names, the table is built from the whole index.
pub fn refresh(morgue: &MorgueIndex, changes: Option<&Changes>) -> Result<Resolved> {
    let reader = morgue.index.reader()?;
    let searcher = reader.searcher();
    let opstamp = morgue.opstamp()?;
    let updated = match changes {
        Some(changes) => update(&searcher, &morgue.fields, &morgue.dir, changes, opstamp)?,
        None => None,
    };
    let (table, resolved) = match updated {
        Some(update) => update,
        None => {
            let table = build(&searcher, &morgue.fields, &morgue.dir, opstamp)?;
            let names = table.terms();
            (table, names)
        }
    };
    crate::index::save_table(
        &morgue.dir,
        TABLE_FILE,
        TEMP_FILE,
        table.to_tsv().as_bytes(),
    )?;
    Ok(Resolved {
        names: table.terms(),
        resolved,
    })
}

/// What an archive pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resolved {
    /// Names (`entity` terms) the table maps.
    pub names: usize,
    /// Names whose entity the pass worked out again: all of them when it read the whole
    /// index, else those the run's changes reach.
    pub resolved: usize,
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
    let forms: Vec<Forms> = names.iter().map(|n| Forms::of(&n.name)).collect();
    let groups = group::group(&names, &forms, &evidence);
    Ok(EntityTable::new(
        entities_of(&names, groups, &evidence)?,
        opstamp,
    ))
}

/// The last table brought up to what a searcher sees after `changes`: the names they reach
/// resolved again (how many is returned beside it), the other entities kept. `None` when
/// they reach more than half the names, which a pass over the whole index resolves faster.
fn update(
    searcher: &Searcher,
    fields: &Fields,
    dir: &Path,
    changes: &Changes,
    opstamp: u64,
) -> Result<Option<(EntityTable, usize)>> {
    let last = &changes.last;
    // Every name the last table or the run holds, in term order as `build` sees them.
    let mut terms: Vec<&str> = (last.entities().iter())
        .flat_map(|e| e.terms.iter().map(String::as_str))
        .chain(changes.entities.iter().map(String::as_str))
        .filter(|t| parse_term(t).is_some())
        .collect();
    terms.sort_unstable();
    terms.dedup();
    let position: FxHashMap<&str, usize> = terms.iter().enumerate().map(|(i, t)| (*t, i)).collect();
    let named: Vec<(EntityKind, &str)> = terms.iter().filter_map(|t| parse_term(t)).collect();
    let entities: Vec<Vec<usize>> = (last.entities().iter())
        .map(|e| {
            e.terms
                .iter()
                .filter_map(|t| position.get(t.as_str()).copied())
                .collect()
        })
        .collect();
    let definitions = read_definitions(searcher, fields.evidence, dir)?;
    let pairs: Vec<(String, String)> = (definitions.iter())
        .flat_map(|(short, longs)| longs.iter().map(|(long, _)| (short.clone(), long.clone())))
        .collect();
    let mut forms: Vec<Forms> = named.iter().map(|(_, n)| Forms::of(n)).collect();
    let classes = reach::Classes::new(&named, &forms, &entities, &pairs);
    let seeds: Vec<usize> = (changes.entities.iter())
        .filter_map(|t| position.get(t.as_str()).copied())
        .collect();
    let evidence: Vec<&str> = changes.evidence.iter().map(String::as_str).collect();
    let reached = classes.reach(&seeds, &evidence);
    if reached.len() * 2 > terms.len() {
        return Ok(None);
    }
    let mut names = Vec::with_capacity(reached.len());
    let mut names_forms = Vec::with_capacity(reached.len());
    for &i in &reached {
        let articles = live_count(searcher, fields.entity, terms[i], dir)?;
        if articles > 0 {
            let (kind, name) = named[i];
            names.push(Name {
                kind,
                name: name.to_string(),
                articles,
            });
            names_forms.push(std::mem::take(&mut forms[i]));
        }
    }
    let evidence = IndexEvidence {
        others: None,
        ..IndexEvidence::new(searcher, fields, dir, &names, definitions)
    };
    let groups = group::group(&names, &names_forms, &evidence);
    let reached: FxHashSet<&str> = reached.iter().map(|&i| terms[i]).collect();
    let mut out: Vec<Entity> = (last.entities().iter())
        .filter(|e| !e.terms.iter().any(|t| reached.contains(t.as_str())))
        .cloned()
        .collect();
    out.extend(entities_of(&names, groups, &evidence)?);
    Ok(Some((EntityTable::new(out, opstamp), reached.len())))
}

/// The kind and name of an `entity` term.
fn parse_term(term: &str) -> Option<(EntityKind, &str)> {
    let (kind, name) = term.split_once(':')?;
    Some((EntityKind::named(kind)?, name))
}

/// The table's entities for `groups` of `names`.
fn entities_of(
    names: &[Name],
    groups: Vec<group::Group>,
    evidence: &IndexEvidence,
) -> Result<Vec<Entity>> {
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
            .sum::<Result<u64>>()?;
        entities.push(Entity {
            kind: g.kind,
            name: names[g.display].name.clone(),
            articles,
            terms,
            excluded: other >= articles,
        });
    }
    Ok(entities)
}

/// Live documents per term of a raw-string field, over all segments.
pub fn term_counts(searcher: &Searcher, field: Field, dir: &Path) -> Result<HashMap<String, u64>> {
    term_counts_from(searcher, field, dir, "")
}

/// Live documents per term of a raw-string field that starts with `prefix`.
fn term_counts_from(
    searcher: &Searcher,
    field: Field,
    dir: &Path,
    prefix: &str,
) -> Result<HashMap<String, u64>> {
    // Keyed by bytes, so a key seen in an earlier segment costs no allocation.
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
    let io = |e| Error::io(dir, e);
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let dictionary = inverted.terms();
        let mut terms = match prefix_end(prefix) {
            Some(end) => dictionary.range().ge(prefix).lt(end).into_stream(),
            None => dictionary.stream(),
        }
        .map_err(io)?;
        let alive = segment.alive_bitset();
        while terms.advance() {
            let n = live(&inverted, terms.value(), alive).map_err(io)?;
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

/// The first key after every key starting with `prefix` (`None` for an empty prefix: no
/// bound).
fn prefix_end(prefix: &str) -> Option<Vec<u8>> {
    let mut end = prefix.as_bytes().to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

/// The live documents of one term of one segment.
fn live(
    inverted: &InvertedIndexReader,
    info: &TermInfo,
    alive: Option<&AliveBitSet>,
) -> std::io::Result<u64> {
    let Some(bits) = alive else {
        return Ok(u64::from(info.doc_freq));
    };
    let mut postings = inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
    let mut n = 0u64;
    let mut doc = postings.doc();
    while doc != TERMINATED {
        n += u64::from(bits.is_alive(doc));
        doc = postings.advance();
    }
    Ok(n)
}

/// Live documents holding one term of a raw-string field, over all segments.
fn live_count(searcher: &Searcher, field: Field, term: &str, dir: &Path) -> Result<u64> {
    let key = Term::from_field_text(field, term);
    let mut n = 0;
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        if let Some(info) = inverted
            .get_term_info(&key)
            .map_err(|e| Error::io(dir, e))?
        {
            n += live(&inverted, &info, segment.alive_bitset()).map_err(|e| Error::io(dir, e))?;
        }
    }
    Ok(n)
}

/// Acronym letters → (long form key, articles defining it), from the `evidence` terms.
type Definitions = HashMap<String, Vec<(String, u64)>>;

/// The acronyms the archive's articles define.
fn read_definitions(searcher: &Searcher, evidence: Field, dir: &Path) -> Result<Definitions> {
    let mut definitions = Definitions::new();
    for (term, n) in term_counts_from(searcher, evidence, dir, schema::EVIDENCE_ACRONYM)? {
        add_definition(&mut definitions, &term, n);
    }
    Ok(definitions)
}

fn add_definition(definitions: &mut Definitions, term: &str, n: u64) -> bool {
    let Some(rest) = term.strip_prefix(schema::EVIDENCE_ACRONYM) else {
        return false;
    };
    let Some((short, long)) = rest.split_once(schema::EVIDENCE_SEPARATOR) else {
        return false;
    };
    definitions
        .entry(short.to_string())
        .or_default()
        .push((long.to_string(), n));
    true
}

/// What the index's `evidence` terms say, and co-mentions from its postings.
struct IndexEvidence<'a> {
    searcher: &'a Searcher,
    entity: Field,
    evidence: Field,
    dir: &'a Path,
    /// The `entity` term of each name given to the rules.
    terms: Vec<String>,
    definitions: Definitions,
    /// Folded name → articles that found it as a name of no kind; `None`: looked up in the
    /// index for each name asked about.
    others: Option<HashMap<String, u64>>,
}

impl<'a> IndexEvidence<'a> {
    fn new(
        searcher: &'a Searcher,
        fields: &Fields,
        dir: &'a Path,
        names: &[Name],
        definitions: Definitions,
    ) -> IndexEvidence<'a> {
        IndexEvidence {
            searcher,
            entity: fields.entity,
            evidence: fields.evidence,
            dir,
            terms: names
                .iter()
                .map(|n| schema::entity_key(n.kind, &n.name))
                .collect(),
            definitions,
            others: Some(HashMap::new()),
        }
    }

    /// Every `evidence` term of the index, read once.
    fn read(
        searcher: &'a Searcher,
        fields: &Fields,
        dir: &'a Path,
        names: &[Name],
    ) -> Result<IndexEvidence<'a>> {
        let mut definitions = Definitions::new();
        let mut others = HashMap::new();
        for (term, n) in term_counts(searcher, fields.evidence, dir)? {
            if add_definition(&mut definitions, &term, n) {
                continue;
            }
            if let Some(name) = term.strip_prefix(schema::EVIDENCE_OTHER) {
                *others.entry(name.to_string()).or_default() += n;
            }
        }
        Ok(IndexEvidence {
            others: Some(others),
            ..IndexEvidence::new(searcher, fields, dir, names, definitions)
        })
    }

    /// Articles that found `name` as a name of no kind.
    fn other(&self, name: &str) -> Result<u64> {
        let folded = names::fold(name);
        match &self.others {
            Some(others) => Ok(others.get(&folded).copied().unwrap_or(0)),
            None => {
                let term = format!("{}{folded}", schema::EVIDENCE_OTHER);
                live_count(self.searcher, self.evidence, &term, self.dir)
            }
        }
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
