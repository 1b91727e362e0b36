//! Finding the copies an index holds: after each run that changed it, every article's
//! signature is read from the `copy_sketch` fast column, articles that agree on a band of
//! the sketch are compared, and those at [`THRESHOLD`] or more are joined, transitively,
//! into clusters. The table is saved beside the commit it was built from. Articles are met
//! in the order of their days and contents, not of their places in the index, so the same
//! articles make the same clusters however they were indexed.
//!
//! The pass reads the whole index each time (about 150 bytes an article), as the entity pass
//! does, so a removed or changed article leaves its cluster with no bookkeeping.

use rustc_hash::FxHashMap;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::signature::{BANDS, ROWS, Signature, are_copies, similarity};
use super::stories::Stories;
use super::table::{Cluster, CopyTable, EARLIER_FILE, Member, Place, TABLE_FILE, TEMP_FILE};
use crate::error::Result;
use crate::index::MorgueIndex;
use crate::index::schema::{self, Fields};

/// The estimated share of word bigrams two bodies must have in common to be copies of one
/// story (with the checks of [`super::are_copies`]). Chosen on generated copies of
/// Reuters-21578 stories (`examples/copies_curve.rs`, ten kinds of copy): joined
/// transitively, pairs of copies are found there with precision 0.971 and recall 0.878; at
/// 0.40, 0.960 and 0.900; at 0.50, 0.981 and 0.841.
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
    let table = build(&reader.searcher(), &morgue.fields, morgue.opstamp()?)?;
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
    let table = build(searcher, &morgue.fields, morgue.opstamp()?)?;
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

/// What orders articles alike in everything else: path, record key length, record key.
type ArticleKey = (String, usize, String);

/// An article as the pass sees it.
struct Item {
    address: DocAddress,
    /// Index into the signatures read.
    signature: usize,
    /// Seconds since the epoch of its publication day, if it has one.
    published: Option<i64>,
}

/// Build the table from what a searcher sees.
pub fn build(searcher: &Searcher, fields: &Fields, opstamp: u64) -> Result<CopyTable> {
    let (mut items, signatures) = read_items(searcher)?;
    in_content_order(&mut items, &signatures);
    let sets = join_copies(&items, &signatures);
    // An article's path, then its record's key, shorter first so that numbered records
    // (a newswire file's stories) come in their numbers' order.
    let id = |address: DocAddress| -> tantivy::Result<ArticleKey> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            let value = doc.get_first(field).and_then(|v| v.as_str());
            value.unwrap_or_default().to_string()
        };
        let record = text(fields.record);
        Ok((text(fields.path), record.len(), record))
    };
    let mut clusters = Vec::new();
    for group in sets.groups().into_iter().filter(|group| group.len() > 1) {
        clusters.push(cluster(&items, &signatures, group, &id)?);
    }
    clusters.sort_by_key(|c| c.representative().place);
    let segments = (searcher.segment_readers().iter())
        .map(|reader| reader.segment_id())
        .collect();
    Ok(CopyTable::new(segments, clusters, opstamp))
}

/// Puts the items in an order their contents decide, not their places in the index: by
/// publication time, then by body, headline and length. The joins depend on the order the
/// pass meets articles in (each is compared with the first few of its bucket, and a
/// cluster joins only while it spans [`WINDOW_DAYS`]), and the index holds articles in the
/// order extraction's workers finished them: in index order, two runs over the same files
/// could cluster them differently.
fn in_content_order(items: &mut [Item], signatures: &[Signature]) {
    items.sort_by_cached_key(|item| {
        let signature = &signatures[item.signature];
        let published = item.published.unwrap_or(i64::MAX);
        (published, signature.exact, signature.title, signature.words)
    });
}

/// The items joined into sets of copies: those with the same long body, then those alike
/// in a band of their sketches or under one headline.
fn join_copies(items: &[Item], signatures: &[Signature]) -> DisjointSets {
    let signature = |item: usize| &signatures[items[item].signature];
    let days: Vec<Option<i64>> = items.iter().map(|item| item.published).collect();
    let mut sets = DisjointSets::new(&days);
    join_same_bodies(items, signatures, &mut sets);
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
    sets
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
/// undated article after every dated one), then the longest, then the first by `id` (path
/// and record), so that the cluster's id does not depend on where the index put its copies;
/// the others by day, length and contents.
fn cluster(
    items: &[Item],
    signatures: &[Signature],
    mut group: Vec<usize>,
    id: &dyn Fn(DocAddress) -> tantivy::Result<ArticleKey>,
) -> tantivy::Result<Cluster> {
    let rank = |&item: &usize| {
        let published = items[item].published.unwrap_or(i64::MAX);
        let signature = &signatures[items[item].signature];
        let content = (signature.exact, signature.title);
        (published, std::cmp::Reverse(signature.words), content)
    };
    group.sort_by_key(rank);
    // The first place, between articles alike in day and length, goes by id: the only
    // stored fields read, so only where the first place is tied.
    let alike = |item: &usize| {
        let (published, words, _) = rank(item);
        (published, words)
    };
    let tied = (group.iter())
        .take_while(|item| alike(item) == alike(&group[0]))
        .count();
    if tied > 1 {
        let mut by_id = (group[..tied].iter())
            .map(|&item| Ok((id(items[item].address)?, item)))
            .collect::<tantivy::Result<Vec<_>>>()?;
        by_id.sort();
        for (slot, (_, item)) in group.iter_mut().zip(by_id) {
            *slot = item;
        }
    }
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
    Ok(Cluster { members })
}

const SECONDS_A_DAY: i64 = 86_400;

/// Union–find over items, with path halving, keeping each set's earliest and latest
/// publication time.
pub(crate) struct DisjointSets {
    /// Each item's parent (u32: half the memory a lookup walks).
    parent: Vec<u32>,
    /// For each root, the earliest and latest time of its dated members.
    span: Vec<Option<(i64, i64)>>,
}

impl DisjointSets {
    /// One set for each item, dated by `times` (seconds; `None` for undated items).
    pub(crate) fn new(times: &[Option<i64>]) -> DisjointSets {
        let items = u32::try_from(times.len()).expect("an index holds fewer than 2^32 articles");
        DisjointSets {
            parent: (0..items).collect(),
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
        while self.parent[item] as usize != item {
            self.parent[item] = self.parent[self.parent[item] as usize];
            item = self.parent[item] as usize;
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
        self.parent[child] = root as u32;
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

    /// The sets of copies the pass makes of `items`, each as its members' addresses.
    fn joined(mut items: Vec<Item>, signatures: &[Signature]) -> Vec<Vec<DocAddress>> {
        in_content_order(&mut items, signatures);
        let sets = join_copies(&items, signatures);
        let mut groups: Vec<Vec<DocAddress>> = (sets.groups().into_iter())
            .map(|group| {
                let mut members: Vec<DocAddress> =
                    group.into_iter().map(|item| items[item].address).collect();
                members.sort();
                members
            })
            .collect();
        groups.sort();
        groups
    }

    #[test]
    fn the_copies_joined_do_not_depend_on_where_the_index_put_the_articles() {
        // A story filed on four days running, each day's version a copy of the others:
        // a cluster spans two days at most, so which articles join depends on the order
        // the pass meets them in. Two stories of the kind, and one alone.
        // Words of letters only: words with figures are facts, which copies keep.
        let letters = |n: usize| -> String {
            let pair = |n: usize| ["ka", "lo", "mi", "nu", "pe", "ri", "so", "tu"][n % 8];
            format!("{}{}{}", pair(n), pair(n / 8), pair(n / 64))
        };
        let story = |name: &str, day: usize| {
            let mut words: Vec<String> =
                (0..120).map(|k| format!("{name}{}", letters(k))).collect();
            words[day * 7] = format!("update{}", letters(day));
            words.join(" ")
        };
        let mut texts = Vec::new();
        for name in ["harbour", "rail"] {
            for day in 0..4 {
                texts.push((story(name, day), day as i64));
            }
        }
        texts.push((story("orchard", 0), 0));
        let signatures: Vec<Signature> = texts.iter().map(|(t, _)| Signature::of(t)).collect();
        let items = |order: &[usize]| -> Vec<Item> {
            // An article's address names it; its place in the vector is the index order.
            (order.iter())
                .map(|&text| Item {
                    address: DocAddress::new(0, text as u32),
                    signature: text,
                    published: Some(texts[text].1 * SECONDS_A_DAY),
                })
                .collect()
        };
        let forward: Vec<usize> = (0..texts.len()).collect();
        let want = joined(items(&forward), &signatures);
        // Each story splits at the window: the first three days, and the fourth.
        assert_eq!(want.len(), 5, "{want:?}");
        let mut order = forward.clone();
        for round in 0..24 {
            order.rotate_left(round % 5 + 1);
            order.swap(round % 9, (round * 4 + 3) % 9);
            assert_eq!(joined(items(&order), &signatures), want, "{order:?}");
        }
        order.reverse();
        assert_eq!(joined(items(&order), &signatures), want, "{order:?}");
    }

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
