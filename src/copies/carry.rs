//! What an earlier run's copy table still says of the index: the clusters all of whose
//! members are still there, and the articles the pass must compare anew.
//!
//! Places change when tantivy merges segments, so articles are known across runs by an
//! identity the index gives without reading stored fields: a hash of their signature,
//! publication day and file stamp (size and modification time). The pass saves beside its
//! table the identity of every article it saw and of every cluster member
//! ([`Seen`], `copies.seen`). On the next run an article whose identity was seen is not
//! fresh, wherever a merge moved it; an article changed or added since is. A cluster that
//! lost a member (changed or removed) is not kept: its other members are fresh too, since
//! the one that went may have been what joined them.

use std::path::Path;

use super::pass::Item;
use super::table::{Cluster, CopyTable, Place};

/// The file of what a copy table's run saw, in the index folder.
pub const SEEN_FILE: &str = "copies.seen";
/// Its temp file (a name `index::folder` knows as a temp file).
pub const SEEN_TEMP_FILE: &str = ".tmpcpseen";
const MAGIC: &[u8; 16] = b"morgue seen 1\n\0\0";

/// The identity of an article across runs: its signature's bytes (hashed once per
/// signature: `signature`), its publication time and its file's stamp. Spelled out (with
/// SplitMix64's finish) because it is saved and must not change between builds.
pub(super) fn identity(signature: u64, published: Option<i64>, size: u64, mtime: i64) -> u64 {
    let mut hash = signature;
    for word in [published.unwrap_or(i64::MIN) as u64, size, mtime as u64] {
        hash = finish(hash ^ word);
    }
    hash
}

/// A hash of a signature's bytes, eight at a time (the last few padded with zeros), and
/// their number.
pub(super) fn signature_hash(bytes: &[u8]) -> u64 {
    let start = finish(bytes.len() as u64);
    (bytes.chunks(8)).fold(start, |hash, chunk| {
        let mut word = [0; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        finish(hash ^ u64::from_le_bytes(word))
    })
}

fn finish(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What the run that built a copy table saw: the identities of its clusters' members, in
/// the table's order, and of every article, sorted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    /// The commit the table was built from.
    pub opstamp: u64,
    members: Vec<u64>,
    articles: Vec<u64>,
}

impl Seen {
    /// What a table built from `items` saw.
    pub(super) fn new(table: &CopyTable, items: &[Item]) -> Seen {
        let place = |item: &&Item| (item.address.segment_ord, item.address.doc_id);
        let mut in_place: Vec<&Item> = items.iter().collect();
        in_place.sort_unstable_by_key(place);
        let mut wanted: Vec<((u32, u32), usize)> = (table.clusters().iter())
            .flat_map(|cluster| cluster.members.iter())
            .map(|m| (m.place.segment, m.place.doc))
            .enumerate()
            .map(|(member, place)| (place, member))
            .collect();
        wanted.sort_unstable();
        let mut members = vec![0; wanted.len()];
        let mut walk = in_place.into_iter().peekable();
        for (at, member) in wanted {
            while walk.next_if(|item| place(item) < at).is_some() {}
            let item = walk.peek().filter(|item| place(item) == at);
            members[member] = item.expect("a member is an item").identity;
        }
        let mut articles: Vec<u64> = items.iter().map(|item| item.identity).collect();
        articles.sort_unstable();
        articles.dedup();
        Seen {
            opstamp: table.opstamp,
            members,
            articles,
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(40 + 8 * (self.members.len() + self.articles.len()));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.opstamp.to_le_bytes());
        for list in [&self.members, &self.articles] {
            out.extend_from_slice(&(list.len() as u64).to_le_bytes());
            list.iter()
                .for_each(|id| out.extend_from_slice(&id.to_le_bytes()));
        }
        out
    }

    /// Read a file of what a run saw; `None` if it is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Seen> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let mut words = rest
            .chunks_exact(8)
            .map(|w| u64::from_le_bytes(w.try_into().unwrap()));
        if rest.len() % 8 != 0 {
            return None;
        }
        let opstamp = words.next()?;
        let mut list = || -> Option<Vec<u64>> {
            let len = usize::try_from(words.next()?).ok()?;
            let list: Vec<u64> = words.by_ref().take(len).collect();
            (list.len() == len).then_some(list)
        };
        let (members, articles) = (list()?, list()?);
        (words.next().is_none() && articles.is_sorted()).then_some(Seen {
            opstamp,
            members,
            articles,
        })
    }

    /// What the run of the table saved in an index folder saw, if it is readable and of
    /// that table.
    pub fn load(dir: &Path, table: &CopyTable) -> Option<Seen> {
        let seen = Seen::from_bytes(&std::fs::read(dir.join(SEEN_FILE)).ok()?)?;
        let members: usize = table.clusters().iter().map(|c| c.members.len()).sum();
        (seen.opstamp == table.opstamp && seen.members.len() == members).then_some(seen)
    }
}

/// The earlier table's clusters still whole, and which articles are fresh.
pub(super) struct Carried {
    /// Each cluster still whole, its places where its members now are, with its members as
    /// items.
    pub clusters: Vec<(Cluster, Vec<usize>)>,
    /// Per item, whether the pass must compare it anew.
    pub fresh: Vec<bool>,
}

impl Carried {
    /// What an earlier table, and what its run saw, still hold of `items` (a searcher's
    /// articles); with no earlier table, nothing, and every article fresh.
    pub(super) fn find(earlier: Option<(&CopyTable, &Seen)>, items: &[Item]) -> Carried {
        let Some((table, seen)) = earlier else {
            return Carried {
                clusters: Vec::new(),
                fresh: vec![true; items.len()],
            };
        };
        // The items by identity (articles alike in everything share one: any will do), and
        // the earlier ones in the same order, walked together.
        let mut by_identity: Vec<(u64, usize)> = (items.iter().enumerate())
            .map(|(at, item)| (item.identity, at))
            .collect();
        by_identity.sort_unstable();
        let mut fresh = vec![true; items.len()];
        let mut known = seen.articles.iter().peekable();
        for &(identity, item) in &by_identity {
            while known.next_if(|&&id| id < identity).is_some() {}
            fresh[item] = known.peek() != Some(&&identity);
        }
        // Each earlier member's item: members of one identity take its items in turn.
        let mut wanted: Vec<(u64, usize)> = (seen.members.iter().enumerate())
            .map(|(member, &identity)| (identity, member))
            .collect();
        wanted.sort_unstable();
        let mut item_of = vec![None; wanted.len()];
        let mut at = 0;
        for (identity, member) in wanted {
            while by_identity.get(at).is_some_and(|&(id, _)| id < identity) {
                at += 1;
            }
            if let Some(&(id, item)) = by_identity.get(at)
                && id == identity
            {
                item_of[member] = Some(item);
                at += 1;
            }
        }
        let mut carried = Carried {
            clusters: Vec::new(),
            fresh,
        };
        let mut members = item_of.into_iter();
        for cluster in table.clusters() {
            let found: Vec<Option<usize>> = members.by_ref().take(cluster.members.len()).collect();
            if found.iter().all(Option::is_some) {
                let found: Vec<usize> = found.into_iter().flatten().collect();
                let mut cluster = cluster.clone();
                for (member, &item) in cluster.members.iter_mut().zip(&found) {
                    member.place = Place {
                        segment: items[item].address.segment_ord,
                        doc: items[item].address.doc_id,
                    };
                }
                carried.clusters.push((cluster, found));
            } else {
                for item in found.into_iter().flatten() {
                    carried.fresh[item] = true;
                }
            }
        }
        carried
    }

    /// Whether so much is fresh that joining everything afresh costs less than joining the
    /// fresh articles to the rest.
    pub(super) fn mostly_fresh(&self) -> bool {
        2 * self.fresh.iter().filter(|&&f| f).count() > self.fresh.len()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::DocAddress;
    use tantivy::index::SegmentId;

    use super::*;
    use crate::copies::table::Member;

    fn item(segment: u32, doc: u32, identity: u64) -> Item {
        Item {
            address: DocAddress::new(segment, doc),
            signature: 0,
            published: None,
            identity,
        }
    }

    fn cluster(places: &[(u32, u32)]) -> Cluster {
        Cluster {
            members: (places.iter())
                .map(|&(segment, doc)| Member {
                    place: Place { segment, doc },
                    similarity: 1.0,
                    exact: true,
                })
                .collect(),
        }
    }

    #[test]
    fn articles_are_known_by_identity_wherever_a_merge_moved_them() {
        let segments = vec![SegmentId::generate_random(), SegmentId::generate_random()];
        // Two segments of three articles, of identities 10 to 15.
        let before: Vec<Item> = (0..6)
            .map(|n| item(n / 3, n % 3, 10 + u64::from(n)))
            .collect();
        let table = CopyTable::new(
            segments,
            vec![cluster(&[(0, 1), (1, 0)]), cluster(&[(0, 2), (1, 2)])],
            7,
        );
        let seen = Seen::new(&table, &before);
        assert_eq!(Seen::from_bytes(&seen.to_bytes()), Some(seen.clone()));
        assert_eq!(Seen::from_bytes(&seen.to_bytes()[..30]), None);
        // Merged into one segment, the article of identity 15 changed (now 25), and one
        // added (26).
        let after: Vec<Item> = ([26, 14, 13, 12, 25, 11, 10].into_iter().enumerate())
            .map(|(doc, identity)| item(0, doc as u32, identity))
            .collect();
        let carried = Carried::find(Some((&table, &seen)), &after);
        // The first cluster is whole, where the merge put it.
        assert_eq!(carried.clusters.len(), 1);
        assert_eq!(carried.clusters[0].1, vec![5, 2]);
        let places: Vec<Place> = (carried.clusters[0].0.members.iter())
            .map(|m| m.place)
            .collect();
        assert_eq!(
            places,
            [Place { segment: 0, doc: 5 }, Place { segment: 0, doc: 2 }]
        );
        // Fresh: the added and the changed article, and what the changed one left behind.
        assert_eq!(
            carried.fresh,
            vec![true, false, false, true, true, false, false]
        );
        assert!(!carried.mostly_fresh());
        // With no earlier table, everything is fresh.
        let carried = Carried::find(None, &after);
        assert!(carried.mostly_fresh() && carried.clusters.is_empty());
    }

    #[test]
    fn an_identity_is_the_same_from_build_to_build() {
        // Worked out by hand from SplitMix64's finish.
        assert_eq!(signature_hash(b"copy"), 0xaf9e_39b1_710d_efb9);
        assert_eq!(identity(1, Some(2), 3, 4), 0x0145_252f_60b5_cac2);
    }
}
