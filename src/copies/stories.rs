//! Stories, not files: where the clusters of a [`CopyTable`] are in a searcher, so that
//! answers can count each story once however many copies of it the archive holds.
//!
//! Counting by story counts an article that is in no cluster once, and a cluster once when
//! any of its members is counted, whichever members those are: a query that matches only
//! the copy that added a paragraph still counts its story. Only cluster members are looked
//! up, by their place in the index (`Place`), so no stored document is read: a bitmap per
//! segment says whether a document is in a cluster, and its sorted list which one.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::table::{CopyTable, Place};

/// What an answer counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Counting {
    /// Each story once: an article with its copies counts as one.
    #[default]
    Stories,
    /// Every article, copies included.
    Articles,
}

impl Counting {
    pub fn as_str(self) -> &'static str {
        match self {
            Counting::Stories => "stories",
            Counting::Articles => "articles",
        }
    }
}

/// A segment's clustered documents, each with the number of its cluster in the table.
#[derive(Debug, Default)]
pub struct Clustered {
    /// The clustered documents in order, with their cluster.
    docs: Vec<(DocId, u32)>,
    /// How a document's cluster is found.
    lookup: Lookup,
}

/// Where a segment keeps its documents' clusters: one slot a document when many are
/// clustered (an answer looks each matching document up, so that lookup must be cheap), a
/// bit a document and a search of the sorted list when few are.
#[derive(Debug)]
enum Lookup {
    /// A cluster number per document ([`NO_CLUSTER`] for none).
    Dense(Vec<u32>),
    /// One bit a document of the segment: in a cluster or not.
    Sparse(Vec<u64>),
}

impl Default for Lookup {
    fn default() -> Lookup {
        Lookup::Sparse(Vec::new())
    }
}

/// The slot of a document in no cluster.
const NO_CLUSTER: u32 = u32::MAX;

/// Below one clustered document in this many, a segment keeps bits and a sorted list: a
/// slot a document would then cost more memory than the list.
const DENSE_FROM: usize = 16;

impl Clustered {
    fn new(docs: Vec<(DocId, u32)>, max_doc: DocId) -> Clustered {
        let lookup = if docs.len() * DENSE_FROM >= max_doc as usize {
            let mut slots = vec![NO_CLUSTER; max_doc as usize];
            for &(doc, cluster) in &docs {
                slots[doc as usize] = cluster;
            }
            Lookup::Dense(slots)
        } else {
            let mut bits = vec![0u64; (max_doc as usize).div_ceil(64)];
            for &(doc, _) in &docs {
                bits[doc as usize / 64] |= 1 << (doc % 64);
            }
            Lookup::Sparse(bits)
        };
        Clustered { docs, lookup }
    }

    /// The cluster of a document of the segment, if it is in one.
    pub fn get(&self, doc: DocId) -> Option<u32> {
        match &self.lookup {
            Lookup::Dense(slots) => slots
                .get(doc as usize)
                .copied()
                .filter(|&c| c != NO_CLUSTER),
            Lookup::Sparse(bits) => {
                let word = bits.get(doc as usize / 64)?;
                if word & 1 << (doc % 64) == 0 {
                    return None;
                }
                let at = self.docs.binary_search_by_key(&doc, |&(d, _)| d).ok()?;
                Some(self.docs[at].1)
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The clustered documents with their clusters, in document order.
    pub fn iter(&self) -> impl Iterator<Item = (DocId, u32)> + '_ {
        self.docs.iter().copied()
    }
}

/// A set of clusters, by their numbers in the table: a bit each, so that an answer marking
/// the cluster of every match it counts pays a few nanoseconds a match.
#[derive(Debug, Clone, Default)]
pub struct ClusterSet {
    words: Vec<u64>,
}

impl ClusterSet {
    /// An empty set for the clusters of a table of `clusters`.
    pub fn new(clusters: usize) -> ClusterSet {
        ClusterSet {
            words: vec![0; clusters.div_ceil(64)],
        }
    }

    pub fn insert(&mut self, cluster: u32) {
        let (word, bit) = (cluster as usize / 64, cluster % 64);
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        self.words[word] |= 1 << bit;
    }

    /// Adds every cluster of `other`.
    pub fn extend(&mut self, other: &ClusterSet) {
        if other.words.len() > self.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        for (mine, theirs) in self.words.iter_mut().zip(&other.words) {
            *mine |= theirs;
        }
    }

    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }
}

/// A segment's clustered documents, shared with the collectors that read them.
pub type SegmentClusters = Arc<Clustered>;

/// The clusters of copies of a table, found in one searcher.
#[derive(Debug, Clone, Default)]
pub struct Stories {
    /// By segment ordinal; empty for segments without clustered documents.
    segments: Vec<SegmentClusters>,
    /// The searcher's ordinal of each segment of the table.
    ordinals: Vec<u32>,
    /// Clustered articles that stand behind another of their cluster.
    copies: u64,
    clusters: usize,
}

impl Stories {
    /// Where `table`'s members are in `searcher`; `None` when one of them is not there (a
    /// table built from other segments, or a member since deleted).
    pub fn locate(table: &CopyTable, searcher: &Searcher) -> Option<Stories> {
        let readers = searcher.segment_readers();
        let ordinal: FxHashMap<_, u32> = (readers.iter().enumerate())
            .map(|(ord, reader)| (reader.segment_id(), ord as u32))
            .collect();
        let mut segments: Vec<SegmentClusters> = (0..readers.len())
            .map(|_| SegmentClusters::default())
            .collect();
        let mut ordinals = Vec::with_capacity(table.segments().len());
        for (segment, docs) in table.segments().iter().zip(table.places()) {
            if docs.is_empty() {
                ordinals.push(u32::MAX);
                continue;
            }
            let ord = *ordinal.get(segment)?;
            let reader = &readers[ord as usize];
            let alive = |doc: DocId| {
                doc < reader.max_doc() && reader.alive_bitset().is_none_or(|a| a.is_alive(doc))
            };
            if !docs.iter().all(|&(doc, _)| alive(doc)) {
                return None;
            }
            segments[ord as usize] = Arc::new(Clustered::new(docs.clone(), reader.max_doc()));
            ordinals.push(ord);
        }
        Some(Stories {
            segments,
            ordinals,
            copies: table.copies() as u64,
            clusters: table.clusters().len(),
        })
    }

    /// The clustered documents of one segment, `None` if it has none.
    pub fn in_segment(&self, segment: SegmentOrdinal) -> Option<SegmentClusters> {
        let clustered = self.segments.get(segment as usize)?;
        (!clustered.is_empty()).then(|| clustered.clone())
    }

    /// The number of the cluster the article at `address` is in, if it has copies.
    pub fn cluster_at(&self, address: DocAddress) -> Option<u32> {
        self.segments
            .get(address.segment_ord as usize)?
            .get(address.doc_id)
    }

    /// Where a member of the table is in the searcher.
    pub fn address(&self, place: Place) -> DocAddress {
        DocAddress::new(self.ordinals[place.segment as usize], place.doc)
    }

    /// Articles that are copies standing behind another article of their story.
    pub fn copies(&self) -> u64 {
        self.copies
    }

    /// Clusters of two or more articles.
    pub fn clusters(&self) -> usize {
        self.clusters
    }

    /// The stories among `articles` articles that hold every cluster whole (the index).
    pub fn of_index(&self, articles: u64) -> u64 {
        articles.saturating_sub(self.copies)
    }

    /// What an answer counting as `counting` says counted.
    pub fn counted(&self, counting: Counting) -> Counted {
        Counted {
            counting,
            clusters: self.clusters,
            copies: self.copies,
        }
    }

    /// The clusters to count by for `counting`: none when counting articles.
    pub fn for_counting(&self, counting: Counting) -> Option<&Stories> {
        (counting == Counting::Stories).then_some(self)
    }
}

/// What an answer counted, with the archive's copies, for saying so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub counting: Counting,
    /// The archive's clusters of copies.
    pub clusters: usize,
    /// The articles in them that stand behind another of their story.
    pub copies: u64,
}

/// How many articles, and how many stories, a set of matches holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub articles: usize,
    pub stories: usize,
}

impl Tally {
    pub fn of(&self, counting: Counting) -> usize {
        match counting {
            Counting::Stories => self.stories,
            Counting::Articles => self.articles,
        }
    }
}

/// Counts the matches of a query in articles and in stories.
pub struct StoryCount<'a> {
    pub stories: &'a Stories,
}

/// One segment's count of matches: articles, those in no cluster, and the clusters matched.
pub struct SegmentStoryCount {
    clusters: Option<SegmentClusters>,
    tally: SegmentTally,
}

/// What a segment counted, for [`SegmentTally::merge`].
#[derive(Default)]
pub struct SegmentTally {
    articles: usize,
    /// Matches in no cluster.
    alone: usize,
    seen: ClusterSet,
}

impl SegmentTally {
    /// The tally of every segment's counts: a cluster matched in several counts once.
    pub fn merge(tallies: impl IntoIterator<Item = SegmentTally>) -> Tally {
        let mut seen = ClusterSet::default();
        let mut tally = Tally::default();
        for segment in tallies {
            tally.articles += segment.articles;
            tally.stories += segment.alone;
            seen.extend(&segment.seen);
        }
        tally.stories += seen.len();
        tally
    }
}

impl SegmentStoryCount {
    /// A count for the segment `segment` of `stories`' searcher.
    pub fn new(stories: &Stories, segment: SegmentOrdinal) -> SegmentStoryCount {
        let clusters = stories.in_segment(segment);
        let seen = match clusters {
            Some(_) => ClusterSet::new(stories.clusters()),
            None => ClusterSet::default(),
        };
        SegmentStoryCount {
            clusters,
            tally: SegmentTally {
                seen,
                ..SegmentTally::default()
            },
        }
    }

    /// Counts a matching document; its cluster, if it is in one.
    pub fn count(&mut self, doc: DocId) -> Option<u32> {
        self.tally.articles += 1;
        let cluster = (self.clusters.as_ref()).and_then(|clustered| clustered.get(doc));
        match cluster {
            Some(cluster) => self.tally.seen.insert(cluster),
            None => self.tally.alone += 1,
        }
        cluster
    }

    pub fn tally(self) -> SegmentTally {
        self.tally
    }
}

impl Collector for StoryCount<'_> {
    type Fruit = Tally;
    type Child = SegmentStoryCount;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentStoryCount> {
        Ok(SegmentStoryCount::new(self.stories, segment))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentTally>) -> tantivy::Result<Tally> {
        Ok(SegmentTally::merge(fruits))
    }
}

impl SegmentCollector for SegmentStoryCount {
    type Fruit = SegmentTally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.count(doc);
    }

    fn harvest(self) -> SegmentTally {
        self.tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copies::table::{Cluster, Member};
    use tantivy::index::SegmentId;
    use tantivy::schema::{STRING, Schema};
    use tantivy::{Index, TantivyDocument};

    /// A searcher over one segment of `docs` documents.
    fn searcher(docs: usize) -> Searcher {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("id", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for n in 0..docs {
            let mut doc = TantivyDocument::default();
            doc.add_text(field, n.to_string());
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        index.reader().unwrap().searcher()
    }

    fn table(segment: SegmentId, clusters: &[&[DocId]]) -> CopyTable {
        let member = |doc| Member {
            place: Place { segment: 0, doc },
            similarity: 1.0,
            exact: true,
        };
        let clusters = (clusters.iter())
            .map(|docs| Cluster {
                members: docs.iter().map(|&d| member(d)).collect(),
            })
            .collect();
        CopyTable::new(vec![segment], clusters, 1)
    }

    #[test]
    fn cluster_sets_count_each_cluster_once() {
        let mut a = ClusterSet::new(100);
        for c in [3, 3, 64, 99] {
            a.insert(c);
        }
        let mut b = ClusterSet::default();
        b.insert(3);
        b.insert(200);
        assert_eq!((a.len(), b.len()), (3, 2));
        a.extend(&b);
        assert_eq!(a.len(), 4);
        assert!(ClusterSet::new(10).is_empty() && !a.is_empty());
    }

    #[test]
    fn dense_and_sparse_lookups_find_the_same_clusters() {
        let docs: Vec<(DocId, u32)> = (0..300).step_by(3).map(|d| (d, d / 7)).collect();
        for (kept, dense) in [(docs.len(), true), (10, false)] {
            let clustered = Clustered::new(docs[..kept].to_vec(), 300);
            assert_eq!(matches!(clustered.lookup, Lookup::Dense(_)), dense);
            for doc in 0..310 {
                let want = docs[..kept]
                    .iter()
                    .find(|&&(d, _)| d == doc)
                    .map(|&(_, c)| c);
                assert_eq!(clustered.get(doc), want, "{doc} dense {dense}");
            }
        }
    }

    #[test]
    fn stories_are_found_where_the_table_says_or_not_at_all() {
        let searcher = searcher(200);
        let segment = searcher.segment_readers()[0].segment_id();
        let stories = Stories::locate(&table(segment, &[&[3, 150], &[70, 5, 199]]), &searcher)
            .expect("every member is there");
        let at = |doc| stories.cluster_at(DocAddress::new(0, doc));
        assert_eq!(
            (at(3), at(150), at(70), at(5), at(199)),
            (Some(0), Some(0), Some(1), Some(1), Some(1))
        );
        assert_eq!((at(4), at(0), at(198), at(500)), (None, None, None, None));
        assert_eq!(
            (stories.clusters(), stories.copies(), stories.of_index(200)),
            (2, 3, 197)
        );
        let matches = (0..200).collect::<Vec<DocId>>();
        let mut counter = StoryCount { stories: &stories }
            .for_segment(0, &searcher.segment_readers()[0])
            .unwrap();
        for &doc in &matches {
            counter.collect(doc, 0.0);
        }
        let tally = StoryCount { stories: &stories }
            .merge_fruits(vec![counter.harvest()])
            .unwrap();
        assert_eq!(
            tally,
            Tally {
                articles: 200,
                stories: 197
            }
        );
        // A table of another segment, or naming a document the segment lacks, is not used.
        assert!(
            Stories::locate(&table(SegmentId::generate_random(), &[&[1, 2]]), &searcher).is_none()
        );
        assert!(Stories::locate(&table(segment, &[&[1, 200]]), &searcher).is_none());
    }
}
