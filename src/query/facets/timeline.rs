//! Article (or story) counts over publication time, from the `published` fast column.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Query;
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::copies::{Counted, Counting, SegmentClusters, Stories};
use crate::error::Result;
use crate::index::schema;
use crate::query::Archive;

/// Time buckets of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
    Year,
}

/// One bucket of a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// The first day of the bucket.
    pub start: NaiveDate,
    /// `2020-08-02`, `2020-W31`, `2020-08` or `2020`.
    pub label: String,
    pub articles: u64,
}

/// Article (or story) counts per bucket, oldest first (empty buckets are left out), and the
/// number of matching articles (or stories) with no publication date.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub buckets: Vec<Bucket>,
    pub undated: u64,
    pub counted: Counted,
}

/// Days since the epoch → articles, and the undated articles.
type Days = (HashMap<i64, u64>, u64);

/// Counts matches per publication day; with stories, a cluster of copies once, on the
/// earliest day of its members collected (undated if none of them has a day).
struct DayCollector<'a> {
    stories: Option<&'a Stories>,
}

struct DaySegmentCollector {
    column: Column<DateTime>,
    clusters: Option<SegmentClusters>,
    days: HashMap<i64, u64>,
    /// Cluster → its earliest day so far (`None`: only undated members yet).
    clustered: FxHashMap<u32, Option<i64>>,
    undated: u64,
}

impl Collector for DayCollector<'_> {
    type Fruit = Days;
    type Child = DaySegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<DaySegmentCollector> {
        Ok(DaySegmentCollector {
            column: reader.fast_fields().date(schema::PUBLISHED)?,
            clusters: self.stories.and_then(|s| s.in_segment(segment)),
            days: HashMap::new(),
            clustered: FxHashMap::default(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentDays>) -> tantivy::Result<Days> {
        let mut days: HashMap<i64, u64> = HashMap::new();
        let mut clustered: FxHashMap<u32, Option<i64>> = FxHashMap::default();
        let mut undated = 0;
        for fruit in fruits {
            undated += fruit.undated;
            for (day, n) in fruit.days {
                *days.entry(day).or_default() += n;
            }
            for (cluster, day) in fruit.clustered {
                let earliest = clustered.entry(cluster).or_insert(day);
                *earliest = earlier(*earliest, day);
            }
        }
        for day in clustered.into_values() {
            match day {
                Some(day) => *days.entry(day).or_default() += 1,
                None => undated += 1,
            }
        }
        Ok((days, undated))
    }
}

/// What one segment counted.
struct SegmentDays {
    days: HashMap<i64, u64>,
    clustered: FxHashMap<u32, Option<i64>>,
    undated: u64,
}

/// The earlier of two days, a day before none.
fn earlier(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (one, None) | (None, one) => one,
    }
}

impl SegmentCollector for DaySegmentCollector {
    type Fruit = SegmentDays;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let day = (self.column.first(doc)).map(|d| d.into_timestamp_secs().div_euclid(86_400));
        if let Some(cluster) = self
            .clusters
            .as_ref()
            .and_then(|clustered| clustered.get(doc))
        {
            let earliest = self.clustered.entry(cluster).or_insert(day);
            *earliest = earlier(*earliest, day);
            return;
        }
        match day {
            Some(day) => *self.days.entry(day).or_default() += 1,
            None => self.undated += 1,
        }
    }

    fn harvest(self) -> SegmentDays {
        SegmentDays {
            days: self.days,
            clustered: self.clustered,
            undated: self.undated,
        }
    }
}

/// Article (or story) counts per `interval` over the documents `query` matches.
pub fn timeline(
    archive: &Archive,
    query: &dyn Query,
    interval: Interval,
    counting: Counting,
) -> Result<Timeline> {
    let counted = archive.stories()?.counted(counting);
    let stories = archive.stories()?.for_counting(counting);
    let (days, undated) = archive
        .searcher()
        .search(query, &DayCollector { stories })?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    let mut buckets: HashMap<NaiveDate, u64> = HashMap::new();
    for (day, n) in days {
        let date = epoch + Duration::days(day);
        *buckets.entry(bucket_start(date, interval)).or_default() += n;
    }
    let mut buckets: Vec<Bucket> = buckets
        .into_iter()
        .map(|(start, articles)| Bucket {
            start,
            label: bucket_label(start, interval),
            articles,
        })
        .collect();
    buckets.sort_by_key(|b| b.start);
    Ok(Timeline {
        buckets,
        undated,
        counted,
    })
}

fn bucket_start(d: NaiveDate, interval: Interval) -> NaiveDate {
    match interval {
        Interval::Day => d,
        Interval::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        Interval::Month => d.with_day(1).expect("day 1 exists"),
        Interval::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).expect("1 January exists"),
    }
}

fn bucket_label(start: NaiveDate, interval: Interval) -> String {
    match interval {
        Interval::Day => start.format("%Y-%m-%d").to_string(),
        Interval::Week => {
            let w = start.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        Interval::Month => start.format("%Y-%m").to_string(),
        Interval::Year => start.format("%Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let check = |day: &str, interval, start: &str, label: &str| {
            let s = bucket_start(d(day), interval);
            assert_eq!(s, d(start), "{day}");
            assert_eq!(bucket_label(s, interval), label, "{day}");
        };
        check("2020-08-02", Interval::Day, "2020-08-02", "2020-08-02");
        check("2020-08-02", Interval::Week, "2020-07-27", "2020-W31");
        check("2021-01-01", Interval::Week, "2020-12-28", "2020-W53");
        check("2020-08-31", Interval::Month, "2020-08-01", "2020-08");
        check("2020-08-31", Interval::Year, "2020-01-01", "2020");
    }
}
