//! Copies of stories made to measure copy detection: from a story, versions as news
//! archives hold them (a new headline, a rewritten lead, paragraphs added, dropped or
//! reordered, another dateline or credit, the first half only), and the share of true and
//! false pairs found at each similarity threshold.
//!
//! The copies are generated, so every pair's truth is known; the stories they are made from
//! are real ones, so the words and the unrelated stories on the same topics (the hard
//! negatives: the other stories of the corpus) are real too.

use std::collections::HashMap;

use crate::copies::{BANDS, Signature, copy_similarity};

/// A story as the generator sees it: a headline and paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub title: String,
    pub paragraphs: Vec<String>,
}

impl Story {
    /// A story from an article's title and body (paragraphs split at blank lines).
    pub fn new(title: &str, body: &str) -> Story {
        let paragraphs = body
            .split("\n\n")
            .map(str::trim)
            .filter(|paragraph| !paragraph.is_empty())
            .map(str::to_string)
            .collect();
        Story {
            title: title.to_string(),
            paragraphs,
        }
    }

    /// The body: paragraphs joined by blank lines.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// Words, as whitespace separates them.
    pub fn word_count(&self) -> usize {
        self.paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum()
    }
}

/// The kinds of copy the generator makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    /// The same body under another headline.
    NewHeadline,
    /// The first paragraph rewritten: a third of its plain words dropped, its sentences
    /// reordered.
    RewrittenLead,
    /// One to three paragraphs of another story inserted.
    ParagraphsAdded,
    /// A third of the paragraphs after the first dropped.
    ParagraphsDropped,
    /// The paragraphs after the first shuffled.
    ParagraphsReordered,
    /// Another dateline before the first paragraph and a credit line after the last.
    DatelineAndCredit,
    /// The first half of the words only.
    TruncatedToHalf,
    /// A rewritten lead, paragraphs dropped and another credit: an edited version.
    Edited,
    /// The first third of the words only, under the same headline: a print version trimmed
    /// to fit, sharing about a third of its word bigrams with the story.
    TrimmedToThird,
    /// Paragraphs of another story appended until it is three times as long, under the same
    /// headline: a first take and the full story it grew into.
    ExtendedToThrice,
}

impl Edit {
    /// Every kind, in a fixed order.
    pub const ALL: [Edit; 10] = [
        Edit::NewHeadline,
        Edit::RewrittenLead,
        Edit::ParagraphsAdded,
        Edit::ParagraphsDropped,
        Edit::ParagraphsReordered,
        Edit::DatelineAndCredit,
        Edit::TruncatedToHalf,
        Edit::Edited,
        Edit::TrimmedToThird,
        Edit::ExtendedToThrice,
    ];
}

/// A small deterministic random source (splitmix64), so the same seed makes the same copies.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

const DATELINES: [&str; 4] = [
    "LONDON (Reuters) -",
    "NEW YORK, March 3 (AP) --",
    "PARIS (AFP) -",
    "WASHINGTON, Oct. 12 /PRNewswire/ --",
];
const CREDITS: [&str; 3] = [
    "Reporting by Anna Kowalski; Editing by Tom Heller",
    "Additional reporting by Sam Okafor in Lagos.",
    "Copyright 2020 The Associated Press. All rights reserved.",
];

/// A copy of `story` made by `edit`; `other` lends paragraphs to [`Edit::ParagraphsAdded`]
/// and words to [`Edit::ExtendedToThrice`].
pub fn copy(story: &Story, edit: Edit, other: &Story, rng: &mut Rng) -> Story {
    let mut copy = story.clone();
    match edit {
        Edit::NewHeadline => copy.title = format!("UPDATE 1-{}", story.title.to_lowercase()),
        Edit::RewrittenLead => rewrite_lead(&mut copy, rng),
        Edit::ParagraphsAdded => add_paragraphs(&mut copy, other, rng),
        Edit::ParagraphsDropped => drop_paragraphs(&mut copy, rng),
        Edit::ParagraphsReordered => {
            if copy.paragraphs.len() > 2 {
                rng.shuffle(&mut copy.paragraphs[1..]);
            }
        }
        Edit::DatelineAndCredit => change_dateline_and_credit(&mut copy, rng),
        Edit::TruncatedToHalf => truncate(&mut copy, 2),
        Edit::TrimmedToThird => truncate(&mut copy, 3),
        Edit::ExtendedToThrice => extend(&mut copy, other, 3, rng),
        Edit::Edited => {
            rewrite_lead(&mut copy, rng);
            drop_paragraphs(&mut copy, rng);
            change_dateline_and_credit(&mut copy, rng);
        }
    }
    copy
}

/// Rewrites the lead as an editor would: drops a third of its plain words (the lowercase
/// ones; names and figures stay, as they do in a rewrite) and moves its last sentence first.
/// A plain word beside a name or figure stays too: an editor does not run two names into
/// one ("the Agriculture Department and the Commodity Credit Corporation").
fn rewrite_lead(story: &mut Story, rng: &mut Rng) {
    let Some(lead) = story.paragraphs.first_mut() else {
        return;
    };
    let plain = |word: &str| {
        word.chars()
            .all(|c| c.is_lowercase() || c.is_ascii_punctuation())
    };
    let mut sentences: Vec<String> = lead
        .split_inclusive(". ")
        .map(|sentence| {
            let words: Vec<&str> = sentence.split_whitespace().collect();
            let beside_a_name = |at: usize| {
                let name =
                    |at: Option<usize>| at.and_then(|at| words.get(at)).is_some_and(|w| !plain(w));
                name(at.checked_sub(1)) || name(Some(at + 1))
            };
            let kept = (words.iter().enumerate())
                .filter(|&(at, word)| !plain(word) || beside_a_name(at) || rng.below(3) != 0);
            kept.map(|(_, word)| *word).collect::<Vec<_>>().join(" ")
        })
        .filter(|sentence| !sentence.is_empty())
        .collect();
    if !sentences.is_empty() {
        sentences.rotate_right(1);
    }
    *lead = sentences.join(" ");
}

/// Inserts one to three paragraphs of `other` at random places after the lead.
fn add_paragraphs(story: &mut Story, other: &Story, rng: &mut Rng) {
    if other.paragraphs.is_empty() {
        return;
    }
    for _ in 0..1 + rng.below(3) {
        let paragraph = other.paragraphs[rng.below(other.paragraphs.len())].clone();
        let at = 1 + rng.below(story.paragraphs.len().max(1));
        story
            .paragraphs
            .insert(at.min(story.paragraphs.len()), paragraph);
    }
}

/// Drops a third of the paragraphs after the lead (at least one when there are two).
fn drop_paragraphs(story: &mut Story, rng: &mut Rng) {
    let later = story.paragraphs.len().saturating_sub(1);
    for _ in 0..(later / 3).max(usize::from(later > 0)) {
        let at = 1 + rng.below(story.paragraphs.len() - 1);
        story.paragraphs.remove(at);
    }
}

fn change_dateline_and_credit(story: &mut Story, rng: &mut Rng) {
    if let Some(lead) = story.paragraphs.first_mut() {
        *lead = format!("{} {lead}", DATELINES[rng.below(DATELINES.len())]);
    }
    story
        .paragraphs
        .push(CREDITS[rng.below(CREDITS.len())].to_string());
}

/// Appends new paragraphs until the story is `times` as long as it was: the words of
/// `other`'s paragraphs, shuffled within each, so that what the extension adds is written
/// nowhere else (another story's paragraphs as they stand would make it a copy of that
/// story too).
fn extend(story: &mut Story, other: &Story, times: usize, rng: &mut Rng) {
    let wanted = story.word_count() * times;
    let lent = other.paragraphs.iter().filter(|p| !p.trim().is_empty());
    for paragraph in lent.cycle().take(1000) {
        if story.word_count() >= wanted {
            break;
        }
        let mut words: Vec<&str> = paragraph.split_whitespace().collect();
        rng.shuffle(&mut words);
        story.paragraphs.push(words.join(" "));
    }
}

/// Keeps the first part of the words, one in `parts`, cut inside a paragraph if need be.
fn truncate(story: &mut Story, parts: usize) {
    let mut left = story.word_count() / parts;
    let mut kept = Vec::new();
    for paragraph in &story.paragraphs {
        if left == 0 {
            break;
        }
        let words: Vec<&str> = paragraph.split_whitespace().take(left).collect();
        left -= words.len();
        kept.push(words.join(" "));
    }
    story.paragraphs = kept;
}

/// One generated corpus: the stories and copies, and for each the story it was made from.
#[derive(Debug, Default)]
pub struct Corpus {
    pub stories: Vec<Story>,
    /// The index of the original each story is a version of (itself for originals).
    pub original: Vec<usize>,
    /// The edit that made each copy (`None` for originals).
    pub edit: Vec<Option<Edit>>,
}

/// The stories that are not near copies of an earlier one (estimated similarity under
/// `below`), so that only the generated copies are copies.
pub fn unlike_each_other(stories: Vec<Story>, below: f64) -> Vec<Story> {
    let signatures: Vec<Signature> = stories
        .iter()
        .map(|s| signature(&s.title, &s.body()))
        .collect();
    let near = candidate_pairs(&signatures)
        .into_iter()
        .filter(|&(_, _, similar)| similar >= below);
    let dropped: std::collections::HashSet<usize> = near.map(|(_, later, _)| later).collect();
    stories
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !dropped.contains(i))
        .map(|(_, story)| story)
        .collect()
}

/// Every original, plus one copy of each kind of the first `copied` originals.
pub fn corpus(originals: Vec<Story>, copied: usize, seed: u64) -> Corpus {
    let mut rng = Rng::new(seed);
    let count = originals.len();
    let mut corpus = Corpus::default();
    for (i, story) in originals.iter().enumerate().take(copied) {
        for edit in Edit::ALL {
            let other = &originals[(i + 1 + rng.below(count.max(2) - 1)) % count];
            corpus.stories.push(copy(story, edit, other, &mut rng));
            corpus.original.push(i);
            corpus.edit.push(Some(edit));
        }
    }
    for (i, story) in originals.into_iter().enumerate() {
        corpus.stories.push(story);
        corpus.original.push(i);
        corpus.edit.push(None);
    }
    corpus
}

/// Pair counts at one threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Point {
    pub threshold: f64,
    /// Pairs of versions of one story found.
    pub true_pairs: usize,
    /// Pairs of different stories found.
    pub false_pairs: usize,
    /// Pairs of versions of one story there are.
    pub all_true: usize,
    /// The same counts over clusters (the found pairs joined transitively): pairs of
    /// versions of one story in one cluster, and pairs of different stories in one.
    pub true_in_cluster: usize,
    pub false_in_cluster: usize,
}

impl Point {
    pub fn precision(&self) -> f64 {
        let found = self.true_pairs + self.false_pairs;
        if found == 0 {
            1.0
        } else {
            self.true_pairs as f64 / found as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.all_true == 0 {
            1.0
        } else {
            self.true_pairs as f64 / self.all_true as f64
        }
    }

    /// Precision of the pairs that share a cluster.
    pub fn cluster_precision(&self) -> f64 {
        let found = self.true_in_cluster + self.false_in_cluster;
        if found == 0 {
            1.0
        } else {
            self.true_in_cluster as f64 / found as f64
        }
    }

    /// Recall of the pairs that share a cluster.
    pub fn cluster_recall(&self) -> f64 {
        if self.all_true == 0 {
            1.0
        } else {
            self.true_in_cluster as f64 / self.all_true as f64
        }
    }
}

/// The cluster of each of `count` items when `pairs` are joined transitively (union–find);
/// a cluster is named by its smallest member.
pub fn clusters(count: usize, pairs: impl IntoIterator<Item = (usize, usize)>) -> Vec<usize> {
    let mut sets = crate::copies::join::DisjointSets::new(&vec![None; count]);
    for (a, b) in pairs {
        sets.join(a, b);
    }
    (0..count).map(|item| sets.root(item)).collect()
}

/// Pairs of items that share a cluster, split by whether they share an original:
/// (true pairs, false pairs).
fn cluster_pairs(cluster: &[usize], original: &[usize]) -> (usize, usize) {
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for (item, &c) in cluster.iter().enumerate() {
        members.entry(c).or_default().push(original[item]);
    }
    let mut counts = (0, 0);
    for originals in members.values() {
        let mut per_original: HashMap<usize, usize> = HashMap::new();
        for &o in originals {
            *per_original.entry(o).or_default() += 1;
        }
        let n = originals.len();
        let same: usize = per_original.values().map(|&k| k * (k - 1) / 2).sum();
        counts.0 += same;
        counts.1 += n * (n - 1) / 2 - same;
    }
    counts
}

/// The signature `morgue index` gives an article of this title and body, through the
/// extract code path (the names it holds come from extraction).
pub fn signature(title: &str, body: &str) -> Signature {
    let raw = crate::parse::RawArticle {
        title: Some(title.to_string()),
        body: body.to_string(),
        ..Default::default()
    };
    crate::copies::article_signature(&crate::extract::extract(std::path::Path::new("-"), raw))
}

/// The candidate pairs of a set of signatures (sharing a band key), each with its estimated
/// similarity.
pub fn candidate_pairs(signatures: &[Signature]) -> Vec<(usize, usize, f64)> {
    // Band keys, and (as bands `BANDS` and one more) the long bodies' fingerprints and the
    // headlines.
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, signature) in signatures.iter().enumerate() {
        for (band, key) in signature.band_keys().into_iter().enumerate() {
            buckets.entry((band, u64::from(key))).or_default().push(i);
        }
        for (band, key) in [(BANDS, signature.body_exact), (BANDS + 1, signature.title)] {
            if key != 0 {
                buckets.entry((band, key)).or_default().push(i);
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = buckets
        .values()
        .flat_map(|members| {
            members
                .iter()
                .enumerate()
                .flat_map(move |(at, &a)| members[at + 1..].iter().map(move |&b| (a, b)))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|(a, b)| (a, b, copy_similarity(&signatures[a], &signatures[b])))
        .collect()
}

/// Precision and recall of copy pairs over `thresholds`: a pair is found when it is a
/// candidate and its similarity reaches the threshold.
pub fn curve(corpus: &Corpus, thresholds: &[f64]) -> Vec<Point> {
    let signatures: Vec<Signature> = corpus
        .stories
        .iter()
        .map(|story| signature(&story.title, &story.body()))
        .collect();
    let pairs = candidate_pairs(&signatures);
    let mut versions: HashMap<usize, usize> = HashMap::new();
    for &original in &corpus.original {
        *versions.entry(original).or_default() += 1;
    }
    let all_true = versions.values().map(|&n| n * (n - 1) / 2).sum();
    thresholds
        .iter()
        .map(|&threshold| {
            let mut point = Point {
                threshold,
                all_true,
                ..Point::default()
            };
            let found = pairs
                .iter()
                .filter(|&&(_, _, similar)| similar >= threshold);
            for &(a, b, _) in found.clone() {
                if corpus.original[a] == corpus.original[b] {
                    point.true_pairs += 1;
                } else {
                    point.false_pairs += 1;
                }
            }
            let cluster = clusters(corpus.stories.len(), found.map(|&(a, b, _)| (a, b)));
            (point.true_in_cluster, point.false_in_cluster) =
                cluster_pairs(&cluster, &corpus.original);
            point
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up story: paragraphs of made-up words, with a topic phrase shared by every
    /// third story.
    fn story(n: usize) -> Story {
        const SYLLABLES: [&str; 12] = [
            "ka", "lo", "mi", "ter", "son", "vel", "dra", "pen", "rus", "ach", "bo", "nit",
        ];
        let mut rng = Rng::new(n as u64 + 100);
        let mut word = || (0..3).map(|_| SYLLABLES[rng.below(12)]).collect::<String>();
        let topic = ["port strike", "rate decision", "grain harvest"][n % 3];
        let paragraphs = (0..6)
            .map(|_| {
                let words: Vec<String> = (0..25).map(|_| word()).collect();
                format!("The {topic} {}.", words.join(" "))
            })
            .collect();
        Story {
            title: format!("Story {n} on the {topic}"),
            paragraphs,
        }
    }

    #[test]
    fn every_edit_changes_what_it_says() {
        let original = story(1);
        let mut rng = Rng::new(7);
        for edit in Edit::ALL {
            let copy = copy(&original, edit, &story(2), &mut rng);
            assert_ne!(copy, original, "{edit:?}");
            let same_body = copy.body() == original.body();
            assert_eq!(same_body, edit == Edit::NewHeadline, "{edit:?}");
        }
        let half = copy(&original, Edit::TruncatedToHalf, &story(2), &mut rng);
        assert_eq!(half.word_count(), original.word_count() / 2);
        let third = copy(&original, Edit::TrimmedToThird, &story(2), &mut rng);
        assert_eq!(third.word_count(), original.word_count() / 3);
        let thrice = copy(&original, Edit::ExtendedToThrice, &story(2), &mut rng);
        assert!(thrice.word_count() >= 3 * original.word_count());
        assert_eq!(thrice.paragraphs[..6], original.paragraphs[..]);
        assert_eq!(thrice.title, original.title);
        let dropped = copy(&original, Edit::ParagraphsDropped, &story(2), &mut rng);
        assert_eq!(dropped.paragraphs.len(), 5);
        assert_eq!(dropped.paragraphs[0], original.paragraphs[0]);
    }

    #[test]
    fn a_rewritten_lead_keeps_names_apart() {
        let story = Story::new(
            "Grain credits extended",
            "The Agriculture Department and the Commodity Credit Corporation said on Monday \
             that they would extend export credits for wheat. Officials in the capital said \
             more would follow.\n\nShipments start in May.",
        );
        let mut dropped = 0;
        for seed in 0..40 {
            let copied = copy(&story, Edit::RewrittenLead, &story, &mut Rng::new(seed));
            let lead = &copied.paragraphs[0];
            assert!(lead.contains("Department and the Commodity"), "{lead}");
            dropped += usize::from(!lead.contains("would extend export"));
        }
        // Plain words away from names still go.
        assert!(dropped > 10, "{dropped}");
    }

    #[test]
    fn the_same_seed_makes_the_same_corpus() {
        let originals: Vec<Story> = (0..5).map(story).collect();
        let a = corpus(originals.clone(), 3, 11);
        let b = corpus(originals, 3, 11);
        assert_eq!(a.stories, b.stories);
        assert_eq!(a.stories.len(), 3 * Edit::ALL.len() + 5);
    }

    #[test]
    fn copies_are_found_and_other_stories_are_not() {
        let originals: Vec<Story> = (0..30).map(story).collect();
        let corpus = corpus(originals, 10, 3);
        let [loose, strict] = curve(&corpus, &[0.3, 0.99])[..] else {
            unreachable!()
        };
        let versions = Edit::ALL.len() + 1;
        assert_eq!(loose.all_true, 10 * versions * (versions - 1) / 2);
        assert!(loose.recall() > 0.8, "{loose:?}");
        assert!(loose.precision() > 0.95, "{loose:?}");
        assert!(strict.recall() < loose.recall());
        assert!(loose.cluster_recall() >= loose.recall());
    }

    #[test]
    fn clusters_join_pairs_transitively() {
        let cluster = clusters(5, [(3, 1), (1, 4)]);
        assert_eq!(cluster, vec![0, 1, 2, 1, 1]);
        // Items 1, 3, 4 in one cluster: of originals 1, 1, 2 → one true pair, two false.
        assert_eq!(cluster_pairs(&cluster, &[0, 1, 2, 1, 2]), (1, 2));
    }
}
