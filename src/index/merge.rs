//! Which segments to merge. Small segments (a commit's or a memory flush's worth) are gathered
//! into segments of at most [`TARGET_DOCS`] documents, and bigger ones are left alone. A merge
//! never holds more than that many documents, so its memory is the same whether the archive
//! holds a thousand articles or ten million; segments stay few enough (about five per million
//! articles) that whole-index aggregations, which visit every segment, stay fast.

use tantivy::index::SegmentMeta;
use tantivy::indexer::{MergeCandidate, MergePolicy};

/// The most documents a merge produces.
pub const TARGET_DOCS: u32 = 200_000;
/// A group of small segments is merged once it has this many, even if it is not full.
const MAX_GROUP: usize = 8;

/// The merge policy of every morgue index writer.
#[derive(Debug, Clone, Copy, Default)]
pub struct BoundedMerges;

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let live: Vec<u32> = segments.iter().map(SegmentMeta::num_docs).collect();
        plan(&live, TARGET_DOCS)
            .into_iter()
            .map(|group| MergeCandidate(group.into_iter().map(|i| segments[i].id()).collect()))
            .collect()
    }
}

/// Groups of segments (indexes into `live`, their live document counts) to merge, each
/// totalling at most `target` documents. Only segments under half the target take part
/// (a big segment that deletions have halved becomes small again). Smallest first, a group
/// is closed when the next segment would overflow it or when it has [`MAX_GROUP`]
/// segments; a group of one, or an unfinished last group, waits for more segments.
pub fn plan(live: &[u32], target: u32) -> Vec<Vec<usize>> {
    let mut small: Vec<usize> = (0..live.len()).filter(|&i| live[i] < target / 2).collect();
    small.sort_by_key(|&i| (live[i], i));
    let mut groups = Vec::new();
    let mut group: Vec<usize> = Vec::new();
    let mut total = 0u64;
    for i in small {
        let docs = u64::from(live[i]);
        if total + docs > u64::from(target) {
            if group.len() >= 2 {
                groups.push(std::mem::take(&mut group));
            }
            // Sorted by size: a segment that overflows a group of one overflows any group.
            group.clear();
            total = 0;
        }
        group.push(i);
        total += docs;
        if group.len() == MAX_GROUP {
            groups.push(std::mem::take(&mut group));
            total = 0;
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(groups: &[Vec<usize>], live: &[u32]) -> Vec<u64> {
        groups
            .iter()
            .map(|g| g.iter().map(|&i| u64::from(live[i])).sum())
            .collect()
    }

    #[test]
    fn flushes_are_gathered_up_to_the_target() {
        // Twenty flushes of 30,000 documents: groups of six (180,000), two left waiting.
        let live = vec![30_000; 20];
        let groups = plan(&live, 200_000);
        assert_eq!(sizes(&groups, &live), vec![180_000, 180_000, 180_000]);
        let merged: usize = groups.iter().map(Vec::len).sum();
        assert_eq!(merged, 18);
    }

    #[test]
    fn big_segments_are_left_alone_and_no_merge_overflows() {
        let live = vec![150_000, 99_999, 100_000, 5, 7, 60_000, 50_000, 45_000, 1];
        let groups = plan(&live, 200_000);
        for g in &groups {
            assert!(g.len() >= 2);
            assert!(!g.contains(&0) && !g.contains(&2), "{groups:?}");
        }
        assert!(sizes(&groups, &live).iter().all(|&s| s <= 200_000));
        // The smallest go first: 1, 5, 7, 45,000, 50,000, 60,000 make 155,013.
        assert_eq!(sizes(&groups, &live), vec![155_013]);
    }

    #[test]
    fn many_tiny_segments_merge_eight_at_a_time() {
        let live = vec![10; 17];
        let groups = plan(&live, 200_000);
        assert_eq!(groups.len(), 2);
        assert!(groups.iter().all(|g| g.len() == 8));
    }

    #[test]
    fn a_lone_small_segment_waits() {
        assert!(plan(&[10], 200_000).is_empty());
        assert!(plan(&[], 200_000).is_empty());
        assert!(plan(&[150_000, 160_000], 200_000).is_empty());
    }
}
