//! The entities mentioned together with one, by log-likelihood ratio, and the entity a
//! name asked for was taken to mean.

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::check_fast;
use super::entities::{Totals, co_counts};
use crate::article::EntityKind;
use crate::config::QueryOptions;
use crate::copies::{Counted, Counting};
use crate::error::Result;
use crate::query::Archive;
use crate::query::EntityCount;
use crate::resolve::{Entity, Pick};

/// An entity mentioned together with another, and how significant that is.
#[derive(Debug, Clone)]
pub struct Related {
    pub kind: EntityKind,
    pub name: String,
    /// Articles (or stories) mentioning both.
    pub together: u64,
    /// Articles (or stories) mentioning this entity at all.
    pub articles: u64,
    /// Dunning's log-likelihood ratio (G²) of the 2×2 table of articles: how unlikely this
    /// many co-mentions are if the two were mentioned independently.
    pub llr: f64,
    /// Pointwise mutual information, log2(P(both) / (P(a)·P(b))).
    pub pmi: f64,
    /// One article mentioning both.
    pub example: String,
}

/// The entity a name asked for was taken to mean.
#[derive(Debug, Clone)]
pub struct Picked {
    pub entity: EntityCount,
    /// The name as it was asked for.
    pub matched: String,
    /// Other entities the name could have meant, most mentioned first.
    pub alternatives: Vec<EntityCount>,
}

/// The entity an argument names, and what is mentioned with it.
#[derive(Debug, Clone)]
pub struct RelatedReport {
    pub picked: Picked,
    pub related: Vec<Related>,
    pub counted: Counted,
}

/// Settings of [`related`].
#[derive(Debug, Clone)]
pub struct RelatedOptions {
    /// Only related entities of this kind.
    pub kind: Option<EntityKind>,
    /// The kind of the entity named, when the name alone is ambiguous.
    pub of_kind: Option<EntityKind>,
    pub top: usize,
    /// Fewest co-mentions for an entity to be ranked (rare pairs make noisy statistics).
    pub min_count: u64,
    /// Whether the 2×2 tables count stories or articles.
    pub counting: Counting,
    /// Only the articles published on or after this day and on or before that one, and read
    /// from this file or below this folder: the 2×2 tables are of those.
    pub since: Option<chrono::NaiveDate>,
    pub until: Option<chrono::NaiveDate>,
    pub under: Option<std::path::PathBuf>,
}

/// What a [`Pick`] of the table stands for, with its name as asked, and the whole index's
/// counts of it and of its alternatives.
pub fn picked(totals: &Totals, pick: &Pick, matched: &str) -> Picked {
    Picked {
        entity: totals.count(pick.entity),
        matched: matched.to_string(),
        alternatives: pick
            .alternatives
            .iter()
            .map(|&id| totals.count(id))
            .collect(),
    }
}

/// The query for the articles mentioning an entity under any of its names.
pub fn entity_query(fields: &crate::index::Fields, entity: &Entity) -> Box<dyn Query> {
    let terms: Vec<(Occur, Box<dyn Query>)> = (entity.terms.iter())
        .map(|t| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(fields.entity, t),
                IndexRecordOption::Basic,
            ));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(terms))
}

/// Dunning's G² for a 2×2 contingency table of article counts.
fn llr(both: f64, a_only: f64, b_only: f64, neither: f64) -> f64 {
    let n = both + a_only + b_only + neither;
    let term = |o: f64, row: f64, col: f64| {
        let e = row * col / n;
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    let (a, b) = (both + a_only, b_only + neither);
    let (c, d) = (both + b_only, a_only + neither);
    2.0 * (term(both, a, c) + term(a_only, a, d) + term(b_only, b, c) + term(neither, b, d))
}

/// The entities mentioned together with `name`, ranked by log-likelihood ratio among those
/// mentioned more often with it than chance predicts. `None` if no entity has that name.
pub fn related(
    archive: &Archive,
    name: &str,
    options: &RelatedOptions,
) -> Result<Option<RelatedReport>> {
    check_fast(archive)?;
    let table = archive.table()?;
    let Some(pick) = table.pick(name, options.of_kind) else {
        return Ok(None);
    };
    let entity = table.get(pick.entity);
    let counting = options.counting;
    let limits = QueryOptions {
        since: options.since,
        until: options.until,
        under: options.under.clone(),
        ..QueryOptions::default()
    };
    let within = archive.compile_within(None, &limits)?;
    let of_entity = entity_query(&archive.fields(), entity);
    let query: Box<dyn Query> = match &within {
        Some(w) => Box::new(BooleanQuery::intersection(vec![of_entity, w.box_clone()])),
        None => of_entity,
    };
    let co = co_counts(archive, &*query, counting)?;
    let totals = Totals::within(archive, within.as_deref(), counting)?;
    let total = totals.all as f64;
    let with = co.docs as f64;
    let mut related: Vec<(Related, DocAddress)> = Vec::new();
    for (&id, &(together, example)) in &co.entities {
        let other = table.get(id);
        if id == pick.entity || other.excluded || together < options.min_count.max(1) {
            continue;
        }
        if options.kind.is_some_and(|k| k != other.kind) {
            continue;
        }
        let articles = totals.of(id).max(together);
        let (both, n_other) = (together as f64, articles as f64);
        let expected = with * n_other / total;
        if both <= expected {
            continue;
        }
        let g2 = llr(
            both,
            with - both,
            n_other - both,
            (total - with - n_other + both).max(0.0),
        );
        related.push((
            Related {
                kind: other.kind,
                name: other.name.clone(),
                together,
                articles,
                llr: g2,
                pmi: (both * total / (with * n_other)).log2(),
                example: String::new(),
            },
            example,
        ));
    }
    related.sort_by(|a, b| b.0.llr.total_cmp(&a.0.llr).then(a.0.name.cmp(&b.0.name)));
    related.truncate(options.top);
    let mut out = Vec::with_capacity(related.len());
    for (mut r, address) in related {
        r.example = archive.id_of(address)?;
        out.push(r);
    }
    let mut picked = picked(&totals, &pick, name);
    picked.entity.articles = co.docs;
    Ok(Some(RelatedReport {
        picked,
        related: out,
        counted: archive.stories()?.counted(counting),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_likelihood() {
        // Independent: G² is zero.
        assert!(llr(10.0, 90.0, 90.0, 810.0).abs() < 1e-9);
        // Strongly associated: large.
        assert!(llr(50.0, 10.0, 10.0, 930.0) > 100.0);
    }
}
