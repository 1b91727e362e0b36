//! What an index run changed, as the archive pass sees it: the `entity` and `evidence`
//! terms of every article the run added or removed. A name none of those articles holds
//! kept its article count, and so did everything the archive knows of it, which lets the
//! pass re-resolve only the names around the touched ones (see [`super::reach`]).

use rustc_hash::FxHashSet;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocSet, Searcher, TERMINATED, TantivyDocument, Term};

use super::table::EntityTable;
use crate::index::schema::{self, Fields};

/// The terms of the articles a run added or removed, and the entity table of the commit it
/// started from.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// The table built from the commit the run started from: the changes are relative to it.
    pub last: EntityTable,
    /// `entity` terms (`kind:Name`).
    pub entities: FxHashSet<String>,
    /// `evidence` terms (`acronym:…`, `other:…`).
    pub evidence: FxHashSet<String>,
}

impl Changes {
    /// Changes relative to the commit table `last` was built from.
    pub fn since(last: EntityTable) -> Changes {
        Changes {
            last,
            ..Changes::default()
        }
    }

    /// Note the terms of a document about to be added.
    pub fn add_document(&mut self, doc: &TantivyDocument, fields: &Fields) {
        for (field, into) in [
            (fields.entity, &mut self.entities),
            (fields.evidence, &mut self.evidence),
        ] {
            for term in doc.get_all(field).filter_map(|v| v.as_str()) {
                if !into.contains(term) {
                    into.insert(term.to_string());
                }
            }
        }
    }

    /// Note the terms of every document of file `path` in `searcher` (the commit before the
    /// run), about to be deleted. Read from fast columns: the documents are not loaded.
    pub fn remove_file(
        &mut self,
        searcher: &Searcher,
        fields: &Fields,
        path: &str,
    ) -> tantivy::Result<()> {
        let key = Term::from_field_text(fields.path, path);
        for segment in searcher.segment_readers() {
            let Some(mut postings) = segment
                .inverted_index(fields.path)?
                .read_postings(&key, IndexRecordOption::Basic)?
            else {
                continue;
            };
            let mut docs = Vec::new();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                docs.push(doc);
                doc = postings.advance();
            }
            for (name, into) in [
                (schema::ENTITY, &mut self.entities),
                (schema::EVIDENCE, &mut self.evidence),
            ] {
                let Some(column) = segment.fast_fields().str(name)? else {
                    continue;
                };
                let mut ords: Vec<u64> = docs.iter().flat_map(|&d| column.term_ords(d)).collect();
                ords.sort_unstable();
                ords.dedup();
                column.dictionary().sorted_ords_to_term_cb(&ords, |term| {
                    into.insert(String::from_utf8_lossy(term).into_owned());
                })?;
            }
        }
        Ok(())
    }
}
