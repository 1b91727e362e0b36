//! The best stories a query matches, in one pass over its matches: each segment keeps the
//! best-ranked member of every cluster it matched and the best-ranked articles in no
//! cluster; the segments' picks are then merged, one member a story, and the page cut from
//! the top. The tally of articles and stories comes with it, from the same pass.
//!
//! Widening a window of plain top hits until it holds enough distinct stories would read
//! the matches once per widening, and an archive whose best hits are one story printed
//! fifty times needs several.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::stories::{SegmentClusters, Stories, Tally};
use crate::index::schema;

/// What ranks the stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    Score,
    Newest,
    Oldest,
}

/// A match's place in the ranking: higher first. The score, or the publication day in
/// seconds (negated for oldest first); undated articles come last.
type Key = f64;

/// The `wanted` best stories of a query's matches, each as its best-ranked member, best
/// first, with the tally of matching articles and stories.
pub struct TopStories<'a> {
    pub stories: &'a Stories,
    pub rank: Rank,
    pub wanted: usize,
}

/// One segment's picks: the best articles in no cluster, the best member of each cluster.
pub struct SegmentTopStories {
    segment: SegmentOrdinal,
    clusters: Option<SegmentClusters>,
    days: Option<Column<DateTime>>,
    rank: Rank,
    wanted: usize,
    alone: Vec<(Key, DocId)>,
    /// The key below which an article in no cluster can no longer make the page.
    floor: Key,
    best: FxHashMap<u32, (Key, DocId)>,
    articles: usize,
    alone_matches: usize,
}

/// What a segment hands on: its picks (in no cluster; cluster by cluster) and its counts.
pub struct Picks {
    alone: Vec<(Key, DocAddress)>,
    best: Vec<(u32, Key, DocAddress)>,
    articles: usize,
    alone_matches: usize,
}

/// Better first: the higher key, then the earlier place in the index.
fn better(a: &(Key, DocAddress), b: &(Key, DocAddress)) -> Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

impl Collector for TopStories<'_> {
    type Fruit = (Vec<(Key, DocAddress)>, Tally);
    type Child = SegmentTopStories;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTopStories> {
        let days = match self.rank {
            Rank::Score => None,
            Rank::Newest | Rank::Oldest => Some(reader.fast_fields().date(schema::PUBLISHED)?),
        };
        Ok(SegmentTopStories {
            segment,
            clusters: self.stories.in_segment(segment),
            days,
            rank: self.rank,
            wanted: self.wanted.max(1),
            alone: Vec::new(),
            floor: f64::NEG_INFINITY,
            best: FxHashMap::default(),
            articles: 0,
            alone_matches: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.rank == Rank::Score
    }

    fn merge_fruits(&self, fruits: Vec<Picks>) -> tantivy::Result<Self::Fruit> {
        let mut tally = Tally::default();
        let mut best: FxHashMap<u32, (Key, DocAddress)> = FxHashMap::default();
        let mut page: Vec<(Key, DocAddress)> = Vec::new();
        for picks in fruits {
            tally.articles += picks.articles;
            tally.stories += picks.alone_matches;
            page.extend(picks.alone);
            for (cluster, key, address) in picks.best {
                let pick = (key, address);
                best.entry(cluster)
                    .and_modify(|kept| {
                        if better(&pick, kept) == Ordering::Less {
                            *kept = pick;
                        }
                    })
                    .or_insert(pick);
            }
        }
        tally.stories += best.len();
        page.extend(best.into_values());
        page.sort_by(better);
        page.truncate(self.wanted);
        Ok((page, tally))
    }
}

impl SegmentTopStories {
    fn key(&self, doc: DocId, score: Score) -> Key {
        let day = |days: &Option<Column<DateTime>>| {
            let first = days.as_ref().and_then(|d| d.first(doc));
            first.map(|day| day.into_timestamp_secs() as f64)
        };
        match self.rank {
            Rank::Score => f64::from(score),
            Rank::Newest => day(&self.days).unwrap_or(f64::NEG_INFINITY),
            Rank::Oldest => day(&self.days).map_or(f64::NEG_INFINITY, |secs| -secs),
        }
    }

    /// Keep the `wanted` best articles in no cluster once twice as many are held, and raise
    /// the floor to the last of them.
    fn prune(&mut self) {
        let wanted = self.wanted;
        let by = |a: &(Key, DocId), b: &(Key, DocId)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        self.alone.select_nth_unstable_by(wanted - 1, by);
        self.alone.truncate(wanted);
        self.floor = (self.alone.iter().map(|a| a.0)).fold(f64::INFINITY, f64::min);
    }
}

impl SegmentCollector for SegmentTopStories {
    type Fruit = Picks;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.articles += 1;
        let key = self.key(doc, score);
        let cluster = (self.clusters.as_ref()).and_then(|clustered| clustered.get(doc));
        let Some(cluster) = cluster else {
            self.alone_matches += 1;
            if key >= self.floor {
                self.alone.push((key, doc));
                if self.alone.len() >= 2 * self.wanted {
                    self.prune();
                }
            }
            return;
        };
        // Documents arrive in order, so an equal key never displaces the earlier member.
        self.best
            .entry(cluster)
            .and_modify(|kept| {
                if key > kept.0 {
                    *kept = (key, doc);
                }
            })
            .or_insert((key, doc));
    }

    fn harvest(self) -> Picks {
        let at = |doc| DocAddress::new(self.segment, doc);
        Picks {
            alone: self
                .alone
                .iter()
                .map(|&(key, doc)| (key, at(doc)))
                .collect(),
            best: (self.best.iter())
                .map(|(&cluster, &(key, doc))| (cluster, key, at(doc)))
                .collect(),
            articles: self.articles,
            alone_matches: self.alone_matches,
        }
    }
}
