//! The copy table: the clusters of copies an index holds, saved beside the commit they were
//! found in (`copies.tsv`), and looked up by article id.

use std::collections::HashMap;
use std::path::Path;

/// The table's file in the index folder.
pub const TABLE_FILE: &str = "copies.tsv";
/// The temp file a table is written through (a name `index::folder` knows as a temp file).
pub const TEMP_FILE: &str = ".tmpcopies";
const HEADER: &str = "# morgue copies 1\topstamp\t";

/// One article of a cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The article id (`path` or `path#record`).
    pub id: String,
    /// Its estimated similarity to the cluster's representative (1 for the representative).
    pub similarity: f32,
    /// Whether its words are the representative's, to case, punctuation and spacing.
    pub exact: bool,
}

/// Articles that are copies of one story, the representative first: the earliest
/// published, else the longest.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub members: Vec<Member>,
}

impl Cluster {
    /// The cluster's id: its representative's article id.
    pub fn id(&self) -> &str {
        &self.members[0].id
    }

    pub fn representative(&self) -> &Member {
        &self.members[0]
    }
}

/// Every cluster of two or more articles, and where each member is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CopyTable {
    /// The commit the table was built from.
    pub opstamp: u64,
    clusters: Vec<Cluster>,
    /// Article id → (cluster, position in it).
    by_id: HashMap<String, (usize, usize)>,
}

impl CopyTable {
    /// A table of `clusters` (each of two or more members, the representative first).
    pub fn new(clusters: Vec<Cluster>, opstamp: u64) -> CopyTable {
        let mut by_id = HashMap::new();
        for (c, cluster) in clusters.iter().enumerate() {
            for (m, member) in cluster.members.iter().enumerate() {
                by_id.insert(member.id.clone(), (c, m));
            }
        }
        CopyTable {
            opstamp,
            clusters,
            by_id,
        }
    }

    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }

    /// The cluster an article is in, if it has copies.
    pub fn cluster_of(&self, id: &str) -> Option<&Cluster> {
        self.by_id.get(id).map(|&(c, _)| &self.clusters[c])
    }

    /// Whether an article is a copy of another that stands for their cluster.
    pub fn is_copy(&self, id: &str) -> bool {
        self.by_id.get(id).is_some_and(|&(_, m)| m > 0)
    }

    /// Articles that are copies standing behind a representative.
    pub fn copies(&self) -> usize {
        self.clusters.iter().map(|c| c.members.len() - 1).sum()
    }

    /// The table as its file holds it: a header with the commit, then one line a member,
    /// `cluster id, member id, similarity, exact (x or -)`.
    pub fn to_tsv(&self) -> String {
        let mut out = format!("{HEADER}{}\n", self.opstamp);
        for cluster in &self.clusters {
            for member in &cluster.members {
                let exact = if member.exact { "x" } else { "-" };
                out.push_str(&format!(
                    "{}\t{}\t{:.3}\t{exact}\n",
                    cluster.id(),
                    member.id,
                    member.similarity
                ));
            }
        }
        out
    }

    /// Read a table file's text; `None` if it is not one. Ids hold no tab or newline: they
    /// are lossless path text (`index::path_key`) and a record key.
    pub fn from_tsv(text: &str) -> Option<CopyTable> {
        let mut lines = text.lines();
        let opstamp = lines.next()?.strip_prefix(HEADER)?.parse().ok()?;
        let mut clusters: Vec<Cluster> = Vec::new();
        for line in lines {
            let mut fields = line.split('\t');
            let cluster = fields.next()?;
            let member = Member {
                id: fields.next()?.to_string(),
                similarity: fields.next()?.parse().ok()?,
                exact: fields.next()? == "x",
            };
            match clusters.last_mut() {
                Some(last) if last.id() == cluster => last.members.push(member),
                _ => clusters.push(Cluster {
                    members: vec![member],
                }),
            }
        }
        Some(CopyTable::new(clusters, opstamp))
    }

    /// The table saved in an index folder, if there is a readable one.
    pub fn load(dir: &Path) -> Option<CopyTable> {
        let text = std::fs::read_to_string(dir.join(TABLE_FILE)).ok()?;
        CopyTable::from_tsv(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: &str, similarity: f32, exact: bool) -> Member {
        Member {
            id: id.to_string(),
            similarity,
            exact,
        }
    }

    #[test]
    fn a_table_reads_back_what_it_wrote() {
        let table = CopyTable::new(
            vec![
                Cluster {
                    members: vec![member("/a/1.txt", 1.0, true), member("/a/2.txt", 1.0, true)],
                },
                Cluster {
                    members: vec![
                        member("/b.sgm#7", 1.0, true),
                        member("/b.sgm#9", 0.625, false),
                    ],
                },
            ],
            42,
        );
        let back = CopyTable::from_tsv(&table.to_tsv()).unwrap();
        assert_eq!(back, table);
        assert_eq!(back.cluster_of("/b.sgm#9").unwrap().id(), "/b.sgm#7");
        assert!(back.is_copy("/b.sgm#9"));
        assert!(!back.is_copy("/b.sgm#7"));
        assert!(back.cluster_of("/c.txt").is_none());
        assert_eq!(back.copies(), 2);
        assert!(CopyTable::from_tsv("# morgue entities 1\topstamp\t3\n").is_none());
    }
}
