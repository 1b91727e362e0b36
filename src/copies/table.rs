//! The copy table: the clusters of copies an index holds, saved beside the commit they were
//! found in (`copies.bin`). A member is named by its place in the index (segment and
//! document), not by its article id: answers find clusters from the documents they collect
//! without reading stored fields, and read an id only for what they print.
//!
//! The file holds, little-endian: a magic line, the commit's opstamp, the segments (as uuid
//! text), the clusters (each its members, representative first: segment number, document,
//! similarity, exact), and per segment its clustered documents in order with their cluster,
//! the lookup answers use, so that loading it builds nothing.

use std::path::Path;

use tantivy::DocId;
use tantivy::index::SegmentId;

/// The table's file in the index folder.
pub const TABLE_FILE: &str = "copies.bin";
/// The table file of an earlier version (text, naming members by article id): morgue's own,
/// removed when a table is saved.
pub const EARLIER_FILE: &str = "copies.tsv";
/// The temp file a table is written through (a name `index::folder` knows as a temp file).
pub const TEMP_FILE: &str = ".tmpcopies";
/// The file's format and the rules its clusters were joined by: changed with either, so
/// that a table joined by other rules reads as none and the next run joins from scratch.
const MAGIC: &[u8; 16] = b"morgue copies 3\n";

/// Where an article is in the index: a segment of the table's list and its document there.
/// A segment never changes once written, so this holds for as long as the segment does
/// (until a later run merges it away, and that run builds a new table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Place {
    /// The segment's number in [`CopyTable::segments`].
    pub segment: u32,
    pub doc: DocId,
}

/// One article of a cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub place: Place,
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
    pub fn representative(&self) -> &Member {
        &self.members[0]
    }
}

/// Every cluster of two or more articles, and where each member is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CopyTable {
    /// The commit the table was built from.
    pub opstamp: u64,
    segments: Vec<SegmentId>,
    clusters: Vec<Cluster>,
    /// Per segment, its clustered documents in order, each with its cluster's number.
    places: Vec<Vec<(DocId, u32)>>,
}

impl CopyTable {
    /// A table of `clusters` (each of two or more members, the representative first) whose
    /// places number `segments`.
    pub fn new(segments: Vec<SegmentId>, clusters: Vec<Cluster>, opstamp: u64) -> CopyTable {
        let mut places = vec![Vec::new(); segments.len()];
        for (number, cluster) in clusters.iter().enumerate() {
            for member in &cluster.members {
                places[member.place.segment as usize].push((member.place.doc, number as u32));
            }
        }
        for docs in &mut places {
            docs.sort_unstable();
        }
        CopyTable {
            opstamp,
            segments,
            clusters,
            places,
        }
    }

    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }

    /// The segments places are numbered in.
    pub fn segments(&self) -> &[SegmentId] {
        &self.segments
    }

    /// Segment by segment, the clustered documents in order with their cluster's number.
    pub fn places(&self) -> &[Vec<(DocId, u32)>] {
        &self.places
    }

    /// Articles that are copies standing behind a representative.
    pub fn copies(&self) -> usize {
        self.clusters.iter().map(|c| c.members.len() - 1).sum()
    }

    /// The table as its file holds it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let members: usize = self.clusters.iter().map(|c| c.members.len()).sum();
        let mut out = Vec::with_capacity(64 + self.segments.len() * 36 + members * 21);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.opstamp.to_le_bytes());
        let u32 = |out: &mut Vec<u8>, n: usize| out.extend_from_slice(&(n as u32).to_le_bytes());
        u32(&mut out, self.segments.len());
        for segment in &self.segments {
            out.extend_from_slice(segment.uuid_string().as_bytes());
        }
        u32(&mut out, self.clusters.len());
        for cluster in &self.clusters {
            u32(&mut out, cluster.members.len());
            for m in &cluster.members {
                u32(&mut out, m.place.segment as usize);
                u32(&mut out, m.place.doc as usize);
                out.extend_from_slice(&m.similarity.to_le_bytes());
                out.push(u8::from(m.exact));
            }
        }
        for docs in &self.places {
            u32(&mut out, docs.len());
            for &(doc, cluster) in docs {
                u32(&mut out, doc as usize);
                u32(&mut out, cluster as usize);
            }
        }
        out
    }

    /// Read a table file; `None` if it is not one (another format, or cut short).
    pub fn from_bytes(bytes: &[u8]) -> Option<CopyTable> {
        let mut r = Reader { bytes };
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let opstamp = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
        let segments = (0..r.u32()?)
            .map(|_| {
                let text = std::str::from_utf8(r.take(32)?).ok()?;
                SegmentId::from_uuid_string(text).ok()
            })
            .collect::<Option<Vec<_>>>()?;
        let mut clusters = Vec::new();
        for _ in 0..r.u32()? {
            let members = (0..r.u32()?)
                .map(|_| {
                    let place = Place {
                        segment: r.u32()?,
                        doc: r.u32()?,
                    };
                    let similarity = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
                    let exact = r.take(1)?[0] == 1;
                    (place.segment < segments.len() as u32).then_some(Member {
                        place,
                        similarity,
                        exact,
                    })
                })
                .collect::<Option<Vec<_>>>()?;
            clusters.push(Cluster { members });
        }
        let places = (0..segments.len())
            .map(|_| (0..r.u32()?).map(|_| Some((r.u32()?, r.u32()?))).collect())
            .collect::<Option<Vec<Vec<_>>>>()?;
        let valid = r.bytes.is_empty()
            && (places.iter().flatten()).all(|&(_, c)| (c as usize) < clusters.len());
        valid.then_some(CopyTable {
            opstamp,
            segments,
            clusters,
            places,
        })
    }

    /// The table saved in an index folder, if there is a readable one.
    pub fn load(dir: &Path) -> Option<CopyTable> {
        CopyTable::from_bytes(&std::fs::read(dir.join(TABLE_FILE)).ok()?)
    }
}

/// Reads a table file's fields in turn.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.bytes.len() < n {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(segment: u32, doc: DocId, similarity: f32, exact: bool) -> Member {
        Member {
            place: Place { segment, doc },
            similarity,
            exact,
        }
    }

    #[test]
    fn a_table_reads_back_what_it_wrote() {
        let segments = vec![SegmentId::generate_random(), SegmentId::generate_random()];
        let table = CopyTable::new(
            segments,
            vec![
                Cluster {
                    members: vec![member(1, 9, 1.0, true), member(0, 4, 1.0, true)],
                },
                Cluster {
                    members: vec![member(0, 7, 1.0, true), member(0, 2, 0.625, false)],
                },
            ],
            42,
        );
        assert_eq!(table.places()[0], vec![(2, 1), (4, 0), (7, 1)]);
        assert_eq!(table.places()[1], vec![(9, 0)]);
        assert_eq!(table.copies(), 2);
        let bytes = table.to_bytes();
        assert_eq!(CopyTable::from_bytes(&bytes).unwrap(), table);
        // Cut short, or of another kind: not a table (answers build it again).
        assert!(CopyTable::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        assert!(CopyTable::from_bytes(b"# morgue copies 1\topstamp\t3\n").is_none());
        // Joined by the rules before briefs could be versions of a story: joined again.
        let mut earlier_rules = bytes.clone();
        earlier_rules[..MAGIC.len()].copy_from_slice(b"morgue copies 2\n");
        assert!(CopyTable::from_bytes(&earlier_rules).is_none());
        let mut bad = bytes.clone();
        let at = bad.len() - 4;
        bad[at] = 9; // a place naming a cluster that does not exist
        assert!(CopyTable::from_bytes(&bad).is_none());
    }
}
