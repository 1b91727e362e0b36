//! The best stories a query matches, in one pass over its matches: each segment keeps its
//! best-ranked stories, each as its best-ranked member (an article in no cluster is a story
//! of its own), and marks every cluster it matched; the segments' picks are then merged, one
//! member a story, and the page cut from the top. The tally of articles and stories comes
//! from the same pass.
//!
//! Widening a window of plain top hits until it holds enough distinct stories would read
//! the matches once per widening, and an archive whose best hits are one story printed
//! fifty times needs several. Here a match below the last story of a full page is only
//! counted: one bit for its cluster.

use std::cmp::Ordering;

use rustc_hash::FxHashSet;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::stories::{SegmentStoryCount, SegmentTally, Stories, Tally};
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

/// A story picked: its key, its member's place, and its cluster (`None`: in no cluster).
type Pick = (Key, DocAddress, Option<u32>);

/// The `wanted` best stories of a query's matches, each as its best-ranked member, best
/// first, with the tally of matching articles and stories.
pub struct TopStories<'a> {
    pub stories: &'a Stories,
    pub rank: Rank,
    pub wanted: usize,
}

/// One segment's work: its picks so far and its counts.
pub struct SegmentTopStories {
    segment: SegmentOrdinal,
    count: SegmentStoryCount,
    days: Option<Column<DateTime>>,
    rank: Rank,
    wanted: usize,
    picks: Vec<Pick>,
    /// The key a match must pass to make the page, once the picks have filled it.
    floor: Option<Key>,
}

/// What a segment hands on: its best stories and its counts.
pub struct SegmentPicks {
    picks: Vec<Pick>,
    tally: SegmentTally,
}

/// Better first: the higher key, then the earlier place in the index.
fn better(a: &Pick, b: &Pick) -> Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

/// The `wanted` best of `picks`, one a story, best first.
fn best_stories(picks: &mut Vec<Pick>, wanted: usize) {
    picks.sort_by(better);
    let mut kept = FxHashSet::default();
    picks.retain(|&(_, _, cluster)| cluster.is_none_or(|c| kept.insert(c)));
    picks.truncate(wanted);
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
            count: SegmentStoryCount::new(self.stories, segment),
            days,
            rank: self.rank,
            wanted: self.wanted.max(1),
            picks: Vec::new(),
            floor: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.rank == Rank::Score
    }

    fn merge_fruits(&self, fruits: Vec<SegmentPicks>) -> tantivy::Result<Self::Fruit> {
        let mut picks = Vec::new();
        let mut tallies = Vec::with_capacity(fruits.len());
        for fruit in fruits {
            picks.extend(fruit.picks);
            tallies.push(fruit.tally);
        }
        let tally = SegmentTally::merge(tallies);
        best_stories(&mut picks, self.wanted);
        let page = picks.into_iter().map(|(key, at, _)| (key, at)).collect();
        Ok((page, tally))
    }
}

impl SegmentTopStories {
    fn key(&self, doc: DocId, score: Score) -> Key {
        let day = || {
            let first = self.days.as_ref().and_then(|d| d.first(doc));
            first.map(|day| day.into_timestamp_secs() as f64)
        };
        match self.rank {
            Rank::Score => f64::from(score),
            Rank::Newest => day().unwrap_or(f64::NEG_INFINITY),
            Rank::Oldest => day().map_or(f64::NEG_INFINITY, |secs| -secs),
        }
    }
}

impl SegmentCollector for SegmentTopStories {
    type Fruit = SegmentPicks;

    fn collect(&mut self, doc: DocId, score: Score) {
        let cluster = self.count.count(doc);
        let key = self.key(doc, score);
        // Documents arrive in order: one that only ties the last story of a full page loses
        // to it.
        if self.floor.is_some_and(|floor| key <= floor) {
            return;
        }
        self.picks
            .push((key, DocAddress::new(self.segment, doc), cluster));
        if self.picks.len() >= 2 * self.wanted {
            best_stories(&mut self.picks, self.wanted);
            if self.picks.len() == self.wanted {
                self.floor = Some(self.picks[self.wanted - 1].0);
            }
        }
    }

    fn harvest(mut self) -> SegmentPicks {
        best_stories(&mut self.picks, self.wanted);
        SegmentPicks {
            picks: self.picks,
            tally: self.count.tally(),
        }
    }
}
