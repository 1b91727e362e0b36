//! Finding the copies an index holds: after each run that changed it, every article's
//! signature is read from the `copy_sketch` fast column, articles that agree on a band of
//! the sketch are compared, and those at [`THRESHOLD`] or more are joined, transitively,
//! into clusters. The table is saved beside the commit it was built from.
//!
//! The pass reads the whole index each time (about 150 bytes an article), as the entity pass
//! does, so a removed or changed article leaves its cluster with no bookkeeping.

use rustc_hash::FxHashMap;
use tantivy::{DocAddress, Searcher};

use super::signature::{BANDS, ROWS, Signature, are_copies, similarity};
use super::stories::Stories;
use super::table::{Cluster, CopyTable, EARLIER_FILE, Member, Place, TABLE_FILE, TEMP_FILE};
use crate::error::Result;
use crate::index::MorgueIndex;
use crate::index::schema;

/// The estimated share of word bigrams two bodies must have in common to be copies of one
/// story (with the checks of [`super::are_copies`]). Chosen on generated copies of
/// Reuters-21578 stories (`examples/copies_curve.rs`, ten kinds of copy): joined
/// transitively, pairs of copies are found there with precision 0.972 and recall 0.862; at
/// 0.40, 0.960 and 0.886; at 0.50, 0.981 and 0.825.
pub const THRESHOLD: f64 = 0.45;

/// The most days a cluster of near copies spans, between its earliest and its latest
/// publication day: copies of a story, and its versions, appear within a day or two of each
/// other, while stories written to one template (a daily market report, a weekly dividend
/// notice) recur. Articles with the same long body are joined whatever their days.
pub const WINDOW_DAYS: i64 = 2;

/// Articles of one band bucket each newcomer is compared with: enough for copies, and a
/// bound on the work a template shared by thousands of articles can cause.
const BUCKET_CAP: usize = 8;

/// Build the table from the index's last commit and save it in the index folder. Called by
/// `morgue index` under its lock, after its last commit.
pub fn refresh(morgue: &MorgueIndex) -> Result<CopyTable> {
    let reader = morgue.index.reader()?;
    let table = build(&reader.searcher(), morgue.opstamp()?)?;
    crate::index::save_table(&morgue.dir, TABLE_FILE, TEMP_FILE, &table.to_bytes())?;
    let earlier = morgue.dir.join(EARLIER_FILE);
    if earlier.exists() {
        std::fs::remove_file(&earlier).map_err(|e| crate::error::Error::io(earlier, e))?;
    }
    Ok(table)
}

/// The table for a searcher, with where its stories are in it: the saved table when it was
/// built from the searcher's commit and segments, else one built now.
pub fn current(morgue: &MorgueIndex, searcher: &Searcher) -> Result<(CopyTable, Stories)> {
    if let Some(table) = saved(morgue)?
        && let Some(stories) = Stories::locate(&table, searcher)
    {
        return Ok((table, stories));
    }
    let table = build(searcher, morgue.opstamp()?)?;
    let stories = Stories::locate(&table, searcher).unwrap_or_default();
    Ok((table, stories))
}

/// Whether the index folder holds a readable table built from the current commit.
pub fn is_saved(morgue: &MorgueIndex) -> Result<bool> {
    Ok(saved(morgue)?.is_some())
}

fn saved(morgue: &MorgueIndex) -> Result<Option<CopyTable>> {
    let opstamp = morgue.opstamp()?;
    Ok(CopyTable::load(&morgue.dir).filter(|table| table.opstamp == opstamp))
}

/// An article as the pass sees it.
struct Item {
    address: DocAddress,
    /// Index into the signatures read.
    signature: usize,
    /// Seconds since the epoch of its publication day, if it has one.
    published: Option<i64>,
}

/// Build the table from what a searcher sees.
pub fn build(searcher: &Searcher, opstamp: u64) -> Result<CopyTable> {
    let (items, signatures) = read_items(searcher)?;
    let signature = |item: usize| &signatures[items[item].signature];
    let days: Vec<Option<i64>> = items.iter().map(|item| item.published).collect();
    let mut sets = DisjointSets::new(&days);
    join_same_bodies(&items, &signatures, &mut sets);
    // Per band, the items sorted by their key there: a run of one key is a bucket, in item
    // order, and each item is compared with the first few before it. One more "band" is
    // the headline, for versions of a story too unlike to share a band.
    let mut keyed: Vec<u64> = Vec::with_capacity(items.len());
    for band in 0..=BANDS {
        keyed.clear();
        keyed.extend((0..items.len()).filter_map(|item| {
            let key = band_key(signature(item), band)?;
            Some(u64::from(key) << 32 | item as u64)
        }));
        keyed.sort_unstable();
        for bucket in keyed.chunk_by(|a, b| a >> 32 == b >> 32) {
            for (at, &item) in bucket.iter().enumerate().skip(1) {
                let item = (item & u64::from(u32::MAX)) as usize;
                for &earlier in &bucket[..at.min(BUCKET_CAP)] {
                    let earlier = (earlier & u64::from(u32::MAX)) as usize;
                    if sets.root(earlier) != sets.root(item)
                        && sets.would_span(earlier, item) <= WINDOW_DAYS * SECONDS_A_DAY
                        && are_copies(signature(earlier), signature(item), THRESHOLD)
                    {
                        sets.join(earlier, item);
                    }
                }
            }
        }
    }
    let mut clusters: Vec<Cluster> = (sets.groups().into_iter())
        .filter(|group| group.len() > 1)
        .map(|group| cluster(&items, &signatures, group))
        .collect();
    clusters.sort_by_key(|c| c.representative().place);
    let segments = (searcher.segment_readers().iter())
        .map(|reader| reader.segment_id())
        .collect();
    Ok(CopyTable::new(segments, clusters, opstamp))
}

/// Joins the articles with the same long body, whatever their titles ([`super::same_body`]).
fn join_same_bodies(items: &[Item], signatures: &[Signature], sets: &mut DisjointSets) {
    let mut first_with: FxHashMap<u64, usize> = FxHashMap::default();
    for (item, at) in items.iter().enumerate() {
        let body = signatures[at.signature].body_exact;
        if body == 0 {
            continue;
        }
        match first_with.get(&body) {
            Some(&first) => sets.join(first, item),
            None => {
                first_with.insert(body, item);
            }
        }
    }
}

/// The key of one band of a signature, `None` for a body without words; past the last
/// band, a key of the headline (`None` for none: [`Signature::title`]).
fn band_key(signature: &Signature, band: usize) -> Option<u32> {
    if band == BANDS {
        return (signature.title != 0).then_some((signature.title >> 32) as u32);
    }
    (signature.words > 0).then(|| {
        let rows = &signature.bins[band * ROWS..(band + 1) * ROWS];
        rows.iter().fold(0, |key, &bin| key << 8 | u32::from(bin))
    })
}

/// Every live article's address, publication day and signature (articles with equal
/// signatures in a segment share one).
fn read_items(searcher: &Searcher) -> tantivy::Result<(Vec<Item>, Vec<Signature>)> {
    let mut items = Vec::new();
    let mut signatures = Vec::new();
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let fast = reader.fast_fields();
        let Some(column) = fast.bytes(schema::COPY_SKETCH)? else {
            continue;
        };
        let base = signatures.len();
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            signatures
                .push(Signature::from_bytes(stream.key()).unwrap_or_else(|| Signature::of("")));
        }
        let published = fast.date(schema::PUBLISHED)?;
        for doc in reader.doc_ids_alive() {
            let Some(ord) = column.term_ords(doc).next() else {
                continue;
            };
            items.push(Item {
                address: DocAddress::new(segment as u32, doc),
                signature: base + ord as usize,
                published: published.first(doc).map(|day| day.into_timestamp_secs()),
            });
        }
    }
    Ok((items, signatures))
}

/// A cluster of `group`'s items, the representative first: the earliest published (an
/// undated article after every dated one), then the longest, then the first in the index.
fn cluster(items: &[Item], signatures: &[Signature], mut group: Vec<usize>) -> Cluster {
    let rank = |&item: &usize| {
        let published = items[item].published.unwrap_or(i64::MAX);
        let words = signatures[items[item].signature].words;
        (published, std::cmp::Reverse(words), item)
    };
    group.sort_by_key(rank);
    let representative = &signatures[items[group[0]].signature];
    let members = group
        .into_iter()
        .map(|item| {
            let signature = &signatures[items[item].signature];
            let address = items[item].address;
            Member {
                place: Place {
                    segment: address.segment_ord,
                    doc: address.doc_id,
                },
                similarity: similarity(representative, signature) as f32,
                exact: signature == representative,
            }
        })
        .collect();
    Cluster { members }
}

const SECONDS_A_DAY: i64 = 86_400;

/// Union–find over items, with path halving, keeping each set's earliest and latest
/// publication time.
pub(crate) struct DisjointSets {
    parent: Vec<usize>,
    /// For each root, the earliest and latest time of its dated members.
    span: Vec<Option<(i64, i64)>>,
}

impl DisjointSets {
    /// One set for each item, dated by `times` (seconds; `None` for undated items).
    pub(crate) fn new(times: &[Option<i64>]) -> DisjointSets {
        DisjointSets {
            parent: (0..times.len()).collect(),
            span: times.iter().map(|t| t.map(|t| (t, t))).collect(),
        }
    }

    /// The seconds between the earliest and latest dated member of the set `a` and `b`
    /// would make together.
    fn would_span(&mut self, a: usize, b: usize) -> i64 {
        let (a, b) = (self.root(a), self.root(b));
        merged(self.span[a], self.span[b]).map_or(0, |(first, last)| last - first)
    }

    /// The set's root: its smallest item.
    pub(crate) fn root(&mut self, mut item: usize) -> usize {
        while self.parent[item] != item {
            self.parent[item] = self.parent[self.parent[item]];
            item = self.parent[item];
        }
        item
    }

    pub(crate) fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        let (root, child) = (a.min(b), a.max(b));
        self.span[root] = merged(self.span[a], self.span[b]);
        self.parent[child] = root;
    }

    /// The items of each set, in item order.
    fn groups(mut self) -> Vec<Vec<usize>> {
        let mut by_root: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for item in 0..self.parent.len() {
            let root = self.root(item);
            by_root.entry(root).or_default().push(item);
        }
        let mut groups: Vec<Vec<usize>> = by_root.into_values().collect();
        groups.sort();
        groups
    }
}

/// The span covering two spans (either may be absent).
fn merged(a: Option<(i64, i64)>, b: Option<(i64, i64)>) -> Option<(i64, i64)> {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
        (one, None) | (None, one) => one,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_join_transitively_and_keep_their_span() {
        let day = |d: i64| Some(d * SECONDS_A_DAY);
        let mut sets = DisjointSets::new(&[day(1), day(2), None, day(3), day(9)]);
        sets.join(3, 1);
        assert_eq!(sets.would_span(1, 2), SECONDS_A_DAY);
        assert_eq!(sets.would_span(0, 3), 2 * SECONDS_A_DAY);
        assert_eq!(sets.would_span(4, 3), 7 * SECONDS_A_DAY);
        sets.join(1, 2);
        assert_eq!(sets.root(2), 1);
        assert_eq!(sets.groups(), vec![vec![0], vec![1, 2, 3], vec![4]]);
    }
}
