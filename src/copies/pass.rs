//! Finding the copies an index holds: after each run that changed it, every article's
//! signature is read from the `copy_sketch` fast column, articles that agree on a band of
//! the sketch are compared, and those at [`THRESHOLD`] or more are joined, transitively,
//! into clusters ([`super::join`]). The table is saved beside the commit it was built from.
//!
//! A run that added or changed a few articles does not join the whole archive again: the
//! clusters of the last table that are still whole are kept ([`super::carry`]), and only
//! the articles its run did not see (new or changed, known by an identity that merges do
//! not change) and the other members of clusters that lost one are compared, with the
//! first articles of the buckets they are in. A pass from scratch (the first run, `--full`,
//! or one where more than half the articles are fresh) compares every article, in the
//! order of their days and contents, so the same files make the same clusters however they
//! were indexed; a run that adds to a table keeps what the earlier runs joined.

use tantivy::index::SegmentId;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::carry::{Carried, SEEN_FILE, SEEN_TEMP_FILE, Seen, identity, signature_hash};
use super::join::{Articles, DisjointSets, Reached, content_key, join_copies};
use super::signature::{Signature, similarity};
use super::stories::Stories;
use super::table::{Cluster, CopyTable, EARLIER_FILE, Member, Place, TABLE_FILE, TEMP_FILE};
use crate::error::Result;
use crate::index::MorgueIndex;
use crate::index::schema::{self, Fields};

/// Build the table from the index's last commit and save it in the index folder, adding
/// to the table saved there unless `full`. Called by `morgue index` under its lock, after
/// its last commit.
pub fn refresh(morgue: &MorgueIndex, full: bool) -> Result<CopyTable> {
    let reader = morgue.index.reader()?;
    let earlier = if full { None } else { earlier(morgue) };
    let earlier = earlier.as_ref().map(|(table, seen)| (table, seen));
    let searcher = reader.searcher();
    let (table, items) = build(&searcher, &morgue.fields, morgue.opstamp()?, earlier)?;
    let seen = Seen::new(&table, &items);
    // What the run saw first, then the table: a table is read as earlier only with what
    // its own run saw (`Seen::load`).
    crate::index::save_table(&morgue.dir, SEEN_FILE, SEEN_TEMP_FILE, &seen.to_bytes())?;
    crate::index::save_table(&morgue.dir, TABLE_FILE, TEMP_FILE, &table.to_bytes())?;
    let earlier = morgue.dir.join(EARLIER_FILE);
    if earlier.exists() {
        std::fs::remove_file(&earlier).map_err(|e| crate::error::Error::io(earlier, e))?;
    }
    Ok(table)
}

/// The table for a searcher, with where its stories are in it: the saved table when it was
/// built from the searcher's commit and segments, else one built now (from scratch: a run
/// that is adding to the index will save its own).
pub fn current(morgue: &MorgueIndex, searcher: &Searcher) -> Result<(CopyTable, Stories)> {
    let opstamp = morgue.opstamp()?;
    if let Some(table) = CopyTable::load(&morgue.dir).filter(|table| table.opstamp == opstamp)
        && let Some(stories) = Stories::locate(&table, searcher)
    {
        return Ok((table, stories));
    }
    let (table, _) = build(searcher, &morgue.fields, opstamp, None)?;
    let stories = Stories::locate(&table, searcher).unwrap_or_default();
    Ok((table, stories))
}

/// The table saved in the index folder and what its run saw, when both are readable.
fn earlier(morgue: &MorgueIndex) -> Option<(CopyTable, Seen)> {
    let table = CopyTable::load(&morgue.dir)?;
    let seen = Seen::load(&morgue.dir, &table)?;
    Some((table, seen))
}

/// Whether the index folder holds a readable table built from the current commit.
pub fn is_saved(morgue: &MorgueIndex) -> Result<bool> {
    let opstamp = morgue.opstamp()?;
    Ok(CopyTable::load(&morgue.dir).is_some_and(|table| table.opstamp == opstamp))
}

/// What orders articles alike in everything else: path, record key length, record key.
type ArticleKey = (String, usize, String);

/// An article as the pass sees it.
pub(super) struct Item {
    pub address: DocAddress,
    /// Index into the signatures read.
    pub signature: usize,
    /// Seconds since the epoch of its publication day, if it has one.
    pub published: Option<i64>,
    /// What knows it from one run to the next ([`super::carry::identity`]).
    pub identity: u64,
}

/// Build the table from what a searcher sees, adding to `earlier` (a table of this index
/// built before, with what its run saw) when there is one; with the articles it saw.
fn build(
    searcher: &Searcher,
    fields: &Fields,
    opstamp: u64,
    earlier: Option<(&CopyTable, &Seen)>,
) -> Result<(CopyTable, Vec<Item>)> {
    let (mut items, signatures) = read_items(searcher)?;
    let segments: Vec<SegmentId> = (searcher.segment_readers().iter())
        .map(|reader| reader.segment_id())
        .collect();
    let mut carried = Carried::find(earlier, &items);
    if carried.mostly_fresh() {
        // From scratch, in the order a whole join meets articles in: the articles a bucket
        // holds then lie close together in every table the join reads.
        items.sort_by_cached_key(|item| content_key(&signatures[item.signature], item.published));
        carried = Carried::find(None, &items);
    }
    let articles = Articles {
        signatures: &signatures,
        signature_of: items.iter().map(|item| item.signature as u32).collect(),
        published: items.iter().map(|item| item.published).collect(),
    };
    let mut sets = DisjointSets::new(&articles.published);
    for (_, members) in &carried.clusters {
        for pair in members.windows(2) {
            sets.join(pair[0], pair[1]);
        }
    }
    // The sets the join reached, whole: what it joined and the carried clusters it joined
    // them to. The other carried clusters stand as they were.
    let mut clusters = Vec::new();
    let members = match join_copies(&articles, &carried.fresh, &mut sets) {
        Reached::All => (0..items.len()).collect(),
        Reached::Joined(joined) => {
            let reached: rustc_hash::FxHashSet<usize> =
                joined.iter().map(|&item| sets.root(item)).collect();
            let mut members = joined;
            for (cluster, items) in carried.clusters {
                if reached.contains(&sets.root(items[0])) {
                    members.extend(items);
                } else {
                    clusters.push(cluster);
                }
            }
            members
        }
    };
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
    for group in sets.groups_of(members) {
        clusters.push(cluster(&items, &signatures, group, &id)?);
    }
    clusters.sort_by_key(|c| c.representative().place);
    let table = CopyTable::new(segments, clusters, opstamp);
    Ok((table, items))
}

/// Every live article's address, publication day and signature, in index order (articles
/// with equal signatures in a segment share one).
fn read_items(searcher: &Searcher) -> tantivy::Result<(Vec<Item>, Vec<Signature>)> {
    let mut items = Vec::new();
    let mut signatures = Vec::new();
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let fast = reader.fast_fields();
        let Some(column) = fast.bytes(schema::COPY_SKETCH)? else {
            continue;
        };
        let base = signatures.len();
        let mut hashes = Vec::new();
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            signatures
                .push(Signature::from_bytes(stream.key()).unwrap_or_else(|| Signature::of("")));
            hashes.push(signature_hash(stream.key()));
        }
        let published = fast.date(schema::PUBLISHED)?;
        let sizes = fast.u64(schema::FILE_SIZE)?;
        let mtimes = fast.i64(schema::FILE_MTIME)?;
        for doc in reader.doc_ids_alive() {
            let Some(ord) = column.term_ords(doc).next() else {
                continue;
            };
            let signature = base + ord as usize;
            let published = published.first(doc).map(|day| day.into_timestamp_secs());
            let (size, mtime) = (sizes.first(doc), mtimes.first(doc));
            let file = (size.unwrap_or(0), mtime.unwrap_or(0));
            items.push(Item {
                address: DocAddress::new(segment as u32, doc),
                signature,
                published,
                identity: identity(hashes[ord as usize], published, file.0, file.1),
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
