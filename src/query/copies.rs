//! Answers about copies of a story: the clusters of the archive, or of the articles a query
//! matches, each member with what differs from its cluster's representative.

use std::collections::HashSet;

use super::search::{Archive, Hit};
use crate::config::QueryOptions;
use crate::copies::{Cluster, words};
use crate::error::Result;

/// One cluster, its representative first.
#[derive(Debug, Clone)]
pub struct CopyReport {
    /// The cluster's id: its representative's article id.
    pub cluster: String,
    pub members: Vec<CopyMember>,
}

/// One article of a cluster, compared with the representative.
#[derive(Debug, Clone)]
pub struct CopyMember {
    pub id: String,
    pub title: String,
    pub published: Option<chrono::NaiveDate>,
    /// Estimated share of word bigrams it has in common with the representative.
    pub similarity: f32,
    /// Its words are the representative's.
    pub exact: bool,
    /// Its title is the representative's (to case and punctuation).
    pub same_title: bool,
    /// Paragraphs it has that the representative lacks, and the reverse.
    pub paragraphs_added: usize,
    pub paragraphs_dropped: usize,
}

/// Matches of a query read to find their clusters, at most.
const MATCHES_READ: usize = 10_000;

/// The clusters of the articles `query` matches, in the order of their best-placed match,
/// or (without a query) every cluster, largest first; at most `limit`.
pub fn clusters(archive: &Archive, query: Option<&str>, limit: usize) -> Result<Vec<CopyReport>> {
    let table = archive.copies()?;
    let chosen: Vec<&Cluster> = match query {
        None => {
            let mut all: Vec<&Cluster> = table.clusters().iter().collect();
            // Largest first, then in the table's order (of their representatives' places).
            all.sort_by_key(|c| std::cmp::Reverse(c.members.len()));
            all.into_iter().take(limit).collect()
        }
        Some(query) => {
            let options = QueryOptions {
                limit: MATCHES_READ,
                all_copies: true,
                snippets: false,
                ..QueryOptions::default()
            };
            let hits = archive.search(query, &options)?.hits;
            let mut chosen: Vec<&Cluster> = Vec::new();
            for hit in &hits {
                if let Some(cluster) = archive.cluster_at(hit.address)?
                    && !chosen.iter().any(|c| std::ptr::eq(*c, cluster))
                {
                    chosen.push(cluster);
                    if chosen.len() == limit {
                        break;
                    }
                }
            }
            chosen
        }
    };
    chosen.into_iter().map(|c| report(archive, c)).collect()
}

/// A cluster's members, each compared with the representative.
fn report(archive: &Archive, cluster: &Cluster) -> Result<CopyReport> {
    let mut articles: Vec<(f32, bool, Hit)> = Vec::with_capacity(cluster.members.len());
    for (member, address) in cluster.members.iter().zip(archive.members(cluster)?) {
        let hit = archive.article_at(address)?;
        articles.push((member.similarity, member.exact, hit));
    }
    let representative = articles.first().map(|(_, _, hit)| hit.clone());
    let cluster_id = representative
        .as_ref()
        .map_or_else(String::new, |r| r.id.clone());
    let members = articles
        .into_iter()
        .map(|(similarity, exact, hit)| {
            let (added, dropped) = match &representative {
                Some(rep) => paragraph_changes(&rep.snippet, &hit.snippet),
                None => (0, 0),
            };
            CopyMember {
                same_title: representative
                    .as_ref()
                    .is_some_and(|rep| normalised(&rep.title) == normalised(&hit.title)),
                id: hit.id,
                title: hit.title,
                published: hit.published,
                similarity,
                exact,
                paragraphs_added: added,
                paragraphs_dropped: dropped,
            }
        })
        .collect();
    Ok(CopyReport {
        cluster: cluster_id,
        members,
    })
}

/// A text's words, lowercase, one space apart.
fn normalised(text: &str) -> String {
    words(text).collect::<Vec<_>>().join(" ")
}

/// How many paragraphs of `copy` the representative's body lacks, and how many of its
/// paragraphs `copy` lacks, comparing paragraphs by their words.
fn paragraph_changes(representative: &str, copy: &str) -> (usize, usize) {
    let paragraphs = |body: &str| -> HashSet<String> {
        body.split("\n\n")
            .map(normalised)
            .filter(|p| !p.is_empty())
            .collect()
    };
    let (rep, copy) = (paragraphs(representative), paragraphs(copy));
    (copy.difference(&rep).count(), rep.difference(&copy).count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_compared_by_their_words() {
        let rep = "Dockers struck.\n\nShips waited.\n\nTalks failed.";
        let copy = "DOCKERS STRUCK!\n\nTalks failed.\n\nFruit ran short.";
        assert_eq!(paragraph_changes(rep, copy), (1, 1));
        assert_eq!(paragraph_changes(rep, rep), (0, 0));
    }
}
