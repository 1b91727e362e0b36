//! The rules that join articles into sets of copies: those with the same long body, then
//! those alike in a band of their sketches or under one headline, compared in the order of
//! their days and contents so that the same articles make the same sets however the index
//! holds them.
//!
//! A join may be asked of only some of the articles (the `fresh` ones: new, changed, or
//! left by a copy that went): then only pairs holding a fresh article are compared, and only
//! the articles that share a bucket or a body with a fresh one are looked at, so the work
//! follows the change, not the archive.

use rustc_hash::{FxHashMap, FxHashSet};

use super::signature::{BANDS, ROWS, Signature, are_copies};

/// The estimated share of word bigrams two bodies must have in common to be copies of one
/// story (with the checks of [`super::are_copies`]). Chosen on generated copies of
/// Reuters-21578 stories (`examples/copies_curve.rs`, ten kinds of copy): joined
/// transitively, pairs of copies are found there with precision 0.962 and recall 0.925; at
/// 0.40, 0.946 and 0.927; at 0.50, 0.974 and 0.922.
pub const THRESHOLD: f64 = 0.45;

/// The most days a cluster of near copies spans, between its earliest and its latest
/// publication day: copies of a story, and its versions, appear within a day or two of each
/// other, while stories written to one template (a daily market report, a weekly dividend
/// notice) recur. Articles with the same long body are joined whatever their days.
pub const WINDOW_DAYS: i64 = 2;

/// Articles of one band bucket each newcomer is compared with: enough for copies, and a
/// bound on the work a template shared by thousands of articles can cause.
const BUCKET_CAP: usize = 8;

pub(super) const SECONDS_A_DAY: i64 = 86_400;

/// The articles a join looks at, each by its signature and publication time (seconds).
pub(super) struct Articles<'a> {
    /// The signatures, each once (copies in one segment share theirs).
    pub signatures: &'a [Signature],
    /// Each article's signature, as an index into `signatures`.
    pub signature_of: Vec<u32>,
    pub published: Vec<Option<i64>>,
}

impl Articles<'_> {
    fn len(&self) -> usize {
        self.signature_of.len()
    }

    fn signature(&self, article: usize) -> &Signature {
        &self.signatures[self.signature_of[article] as usize]
    }

    /// What orders an article among others: its publication time (undated last), then its
    /// body, headline and length. The joins depend on the order articles are met in (each is
    /// compared with the first few of its bucket, and a cluster joins only while it spans
    /// [`WINDOW_DAYS`]); the index holds articles in the order extraction's workers finished
    /// them, so that order must not be the index's.
    fn content_key(&self, article: usize) -> (i64, u64, u64, usize) {
        content_key(self.signature(article), self.published[article])
    }
}

/// What orders an article of this signature and publication time in content order
/// ([`Articles::content_key`]).
pub(super) fn content_key(signature: &Signature, published: Option<i64>) -> (i64, u64, u64, usize) {
    let published = published.unwrap_or(i64::MAX);
    (published, signature.exact, signature.title, signature.words)
}

/// What a join reached.
pub(super) enum Reached {
    /// Every article was compared: every set of `sets` is the join's.
    All,
    /// Only the fresh ones: these articles were joined (each set they are in holds
    /// whatever was joined to it before, too).
    Joined(Vec<usize>),
}

/// Joins into `sets` the copies among `articles` that involve a fresh one (`fresh[i]`; with
/// `fresh` all true, every pair), comparing articles in content order.
pub(super) fn join_copies(articles: &Articles, fresh: &[bool], sets: &mut DisjointSets) -> Reached {
    let all = fresh.iter().all(|&f| f);
    let mut join = Joiner {
        articles,
        fresh,
        sets,
        joined: (!all).then(Vec::new),
    };
    if all {
        join.all();
        Reached::All
    } else {
        join.fresh();
        Reached::Joined(join.joined.unwrap_or_default())
    }
}

/// A join under way: what it compares, and the articles it joined so far (when it joins
/// only the fresh ones).
struct Joiner<'a, 's> {
    articles: &'a Articles<'a>,
    fresh: &'a [bool],
    sets: &'s mut DisjointSets,
    joined: Option<Vec<usize>>,
}

impl Joiner<'_, '_> {
    /// Every article compared with the others it shares a body or a bucket with: per band,
    /// the articles sorted by their key there, then by content, so that a run of one key is
    /// a bucket in content order.
    fn all(&mut self) {
        let articles = self.articles;
        let (order, rank) = in_content_order(articles);
        self.join_same_bodies(order.iter().map(|&article| {
            let body = articles.signature(article).body_exact;
            (body, article)
        }));
        let mut keyed: Vec<u64> = Vec::with_capacity(articles.len());
        let mut bucket = Vec::new();
        for band in 0..=BANDS {
            // In index order, each signature read in turn; sorted, in content order.
            keyed.clear();
            keyed.extend(
                (0..articles.len())
                    .zip(&rank)
                    .filter_map(|(article, &rank)| {
                        let key = band_key(articles.signature(article), band)?;
                        Some(u64::from(key) << 32 | u64::from(rank))
                    }),
            );
            keyed.sort_unstable();
            for entries in keyed.chunk_by(|a, b| a >> 32 == b >> 32) {
                bucket.clear();
                let at = |entry: &u64| order[(entry & u64::from(u32::MAX)) as usize];
                bucket.extend(entries.iter().map(at));
                self.join_bucket(&bucket);
            }
        }
    }

    /// Only the fresh articles compared: with the first articles of their buckets (those
    /// the whole join would compare them with) and with those of their bodies, found in one
    /// scan of every signature for the fresh ones' keys. A bucket is read whole only when a
    /// fresh article is among its first, since the bucket's later articles are compared
    /// with it. A fresh article with the long body of an old one joins that one's set and
    /// is compared no further: its buckets are the old one's, compared when it was fresh.
    fn fresh(&mut self) {
        let (articles, fresh) = (self.articles, self.fresh);
        let body = |article: usize| articles.signature(article).body_exact;
        // The fresh long bodies, each with the first article met that has it, and whether an
        // old article has it.
        let mut bodies: FxHashMap<u64, (Option<usize>, bool)> = (0..articles.len())
            .filter(|&article| fresh[article] && body(article) != 0)
            .map(|article| (body(article), (None, false)))
            .collect();
        for article in (0..articles.len()).filter(|&article| !fresh[article]) {
            if let Some((_, old)) = bodies.get_mut(&body(article)) {
                *old = true;
            }
        }
        let compared: Vec<bool> = (0..articles.len())
            .map(|article| fresh[article] && !bodies.get(&body(article)).is_some_and(|b| b.1))
            .collect();
        let mut keys: FxHashSet<u64> = FxHashSet::default();
        for article in (0..articles.len()).filter(|&article| compared[article]) {
            keys.extend(band_keys(articles.signature(article)));
        }
        let shared = SharedKeys::find(articles.signatures, &keys, &bodies);
        let mut buckets: FxHashMap<u64, Bucket> = (keys.into_iter())
            .map(|key| (key, Bucket::default()))
            .collect();
        for article in 0..articles.len() {
            let (band_keys, shares_body) = shared.of(articles.signature_of[article]);
            if !band_keys.is_empty() {
                let key = (articles.content_key(article), article);
                for band_key in band_keys {
                    let bucket = buckets.get_mut(band_key).expect("a fresh key");
                    bucket.offer(key);
                }
            }
            // The same long body, whatever the days: old articles of one body are joined.
            if shares_body && let Some((first, _)) = bodies.get_mut(&body(article)) {
                match *first {
                    Some(first) if fresh[first] || fresh[article] => self.join(first, article),
                    Some(_) => {}
                    None => *first = Some(article),
                }
            }
        }
        let mut whole: FxHashMap<u64, Vec<ContentKey>> = (buckets.iter())
            .filter(|(_, bucket)| bucket.offered > BUCKET_CAP)
            .filter(|(_, bucket)| bucket.head.iter().any(|&(_, article)| fresh[article]))
            .map(|(&key, _)| (key, Vec::new()))
            .collect();
        if !whole.is_empty() {
            for article in 0..articles.len() {
                for band_key in shared.of(articles.signature_of[article]).0 {
                    if let Some(members) = whole.get_mut(band_key) {
                        members.push((articles.content_key(article), article));
                    }
                }
            }
        }
        // Band by band as a whole join goes, each bucket in content order: a bucket read
        // whole, or of few articles, is compared as a whole join compares it; otherwise
        // each of its fresh articles is compared with its first.
        let mut later: FxHashMap<u64, Vec<ContentKey>> = FxHashMap::default();
        for article in (0..articles.len()).filter(|&article| compared[article]) {
            for key in band_keys(articles.signature(article)) {
                if !whole.contains_key(&key) && buckets[&key].offered > BUCKET_CAP {
                    let entry = later.entry(key).or_default();
                    entry.push((articles.content_key(article), article));
                }
            }
        }
        let mut buckets: Vec<(u64, Bucket)> = buckets.into_iter().collect();
        buckets.sort_unstable_by_key(|&(key, _)| key);
        let mut members = Vec::new();
        for (key, bucket) in buckets {
            if let Some(mut fresh) = later.remove(&key) {
                fresh.sort_unstable();
                for &(_, later) in &fresh {
                    for &(_, earlier) in &bucket.head {
                        self.compare(earlier, later);
                    }
                }
                continue;
            }
            let mut all = whole.remove(&key).unwrap_or(bucket.head);
            all.sort_unstable();
            members.clear();
            members.extend(all.iter().map(|&(_, article)| article));
            self.join_bucket(&members);
        }
    }

    /// Joins each article of a long body to the first article with that body, whatever
    /// their days (`(body, article)`, in content order; a body of 0 is none).
    fn join_same_bodies(&mut self, articles: impl Iterator<Item = (u64, usize)>) {
        let mut first_with: FxHashMap<u64, usize> = FxHashMap::default();
        for (body, article) in articles {
            if body == 0 {
                continue;
            }
            match first_with.get(&body) {
                Some(&first) => self.join(first, article),
                None => {
                    first_with.insert(body, article);
                }
            }
        }
    }

    /// Compares each article of a bucket (articles in content order that share a band's
    /// key) with the first few before it, and joins the copies a fresh one is part of.
    fn join_bucket(&mut self, bucket: &[usize]) {
        if bucket.len() < 2 {
            return;
        }
        // Every article is compared with the bucket's head: the roots of its sets are looked
        // up once, and again only after a join.
        let head = &bucket[..bucket.len().min(BUCKET_CAP)];
        let mut roots = [0; BUCKET_CAP];
        let look_up = |sets: &mut DisjointSets, roots: &mut [usize; BUCKET_CAP]| {
            for (root, &article) in roots.iter_mut().zip(head) {
                *root = sets.root(article);
            }
        };
        look_up(self.sets, &mut roots);
        // Where the head's first fresh article is: an old article after it meets only old
        // ones, joined before.
        let first_fresh = head.iter().position(|&article| self.fresh[article]);
        for (at, &later) in bucket.iter().enumerate().skip(1) {
            if !self.fresh[later] && first_fresh.is_none_or(|first| first >= at) {
                continue;
            }
            let mut root = self.sets.root(later);
            for (k, &earlier) in head.iter().enumerate().take(at) {
                if (self.fresh[earlier] || self.fresh[later])
                    && roots[k] != root
                    && self.are_copies(earlier, later)
                {
                    self.join(earlier, later);
                    look_up(self.sets, &mut roots);
                    root = self.sets.root(later);
                }
            }
        }
    }

    /// Joins two articles that are copies, unless they are joined already.
    fn compare(&mut self, earlier: usize, later: usize) {
        if self.sets.root(earlier) != self.sets.root(later) && self.are_copies(earlier, later) {
            self.join(earlier, later);
        }
    }

    /// Whether two articles of different sets are copies of one story, and the set they
    /// would make spans [`WINDOW_DAYS`] at most.
    fn are_copies(&mut self, earlier: usize, later: usize) -> bool {
        let window = WINDOW_DAYS * SECONDS_A_DAY;
        // A set spans at least the days between any two of its members: the cheap check first.
        let near = match (
            self.articles.published[earlier],
            self.articles.published[later],
        ) {
            (Some(a), Some(b)) => a.abs_diff(b) <= window as u64,
            _ => true,
        };
        near && self.sets.would_span(earlier, later) <= window
            && are_copies(
                self.articles.signature(earlier),
                self.articles.signature(later),
                THRESHOLD,
            )
    }

    fn join(&mut self, a: usize, b: usize) {
        if self.sets.root(a) != self.sets.root(b) {
            self.sets.join(a, b);
            if let Some(joined) = &mut self.joined {
                joined.extend([a, b]);
            }
        }
    }
}

/// The keys each signature shares with the fresh articles: their band keys, and whether
/// its body is one of theirs. Found once per signature, in turn, not once per article.
struct SharedKeys {
    /// Per signature, where its keys start in `keys` (and, one past, where they end).
    starts: Vec<u32>,
    keys: Vec<u64>,
    bodies: Vec<bool>,
}

impl SharedKeys {
    fn find<T>(
        signatures: &[Signature],
        keys: &FxHashSet<u64>,
        bodies: &FxHashMap<u64, T>,
    ) -> SharedKeys {
        let mut shared = SharedKeys {
            starts: Vec::with_capacity(signatures.len() + 1),
            keys: Vec::new(),
            bodies: Vec::with_capacity(signatures.len()),
        };
        for signature in signatures {
            shared.starts.push(shared.keys.len() as u32);
            shared
                .keys
                .extend(band_keys(signature).filter(|key| keys.contains(key)));
            shared
                .bodies
                .push(bodies.contains_key(&signature.body_exact));
        }
        shared.starts.push(shared.keys.len() as u32);
        shared
    }

    /// The band keys a signature shares, and whether it shares its body.
    fn of(&self, signature: u32) -> (&[u64], bool) {
        let at = signature as usize;
        let (start, end) = (self.starts[at] as usize, self.starts[at + 1] as usize);
        (&self.keys[start..end], self.bodies[at])
    }
}

/// What orders an article in content order: [`Articles::content_key`], then its number.
type ContentKey = ((i64, u64, u64, usize), usize);

/// What a join of fresh articles needs of a bucket one is in: its first articles in
/// content order, and how many it has.
#[derive(Default)]
struct Bucket {
    /// The first [`BUCKET_CAP`] articles offered, in content order.
    head: Vec<ContentKey>,
    /// How many articles were offered.
    offered: usize,
}

impl Bucket {
    fn offer(&mut self, key: ContentKey) {
        self.offered += 1;
        if self.head.len() < BUCKET_CAP || key < self.head[BUCKET_CAP - 1] {
            // Most buckets hold one article: room for one, then more as they come.
            if self.head.is_empty() {
                self.head.reserve_exact(1);
            }
            let at = self.head.partition_point(|&head| head < key);
            self.head.insert(at, key);
            self.head.truncate(BUCKET_CAP);
        }
    }
}

/// The articles in content order ([`Articles::content_key`]), and each article's rank in
/// that order.
fn in_content_order(articles: &Articles) -> (Vec<usize>, Vec<u32>) {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_cached_key(|&article| (articles.content_key(article), article));
    let mut rank = vec![0; articles.len()];
    for (at, &article) in order.iter().enumerate() {
        rank[article] = at as u32;
    }
    (order, rank)
}

/// A signature's keys in every band, each with its band.
fn band_keys(signature: &Signature) -> impl Iterator<Item = u64> + '_ {
    (0..=BANDS).filter_map(move |band| {
        let key = band_key(signature, band)?;
        Some((band as u64) << 32 | u64::from(key))
    })
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

    /// The sets of two or more of `items`, each in item order, the sets in order of their
    /// first items. Sets are complete only when `items` holds every member of them.
    pub(super) fn groups_of(&mut self, items: impl IntoIterator<Item = usize>) -> Vec<Vec<usize>> {
        let mut by_root: Vec<(u32, u32)> = (items.into_iter())
            .map(|item| (self.root(item) as u32, item as u32))
            .collect();
        by_root.sort_unstable();
        by_root.dedup();
        let mut groups: Vec<Vec<usize>> = (by_root.chunk_by(|a, b| a.0 == b.0))
            .filter(|set| set.len() > 1)
            .map(|set| set.iter().map(|&(_, item)| item as usize).collect())
            .collect();
        groups.sort_unstable();
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

    /// Texts of 120 words of letters only (words with figures are facts, which copies keep):
    /// `name`'s story as filed on `day`, one word changed a day.
    fn story(name: &str, day: usize) -> String {
        let letters = |n: usize| -> String {
            let pair = |n: usize| ["ka", "lo", "mi", "nu", "pe", "ri", "so", "tu"][n % 8];
            format!("{}{}{}", pair(n), pair(n / 8), pair(n / 64))
        };
        let mut words: Vec<String> = (0..120).map(|k| format!("{name}{}", letters(k))).collect();
        words[day * 7] = format!("update{}", letters(day));
        words.join(" ")
    }

    /// The sets `fresh` joins among texts filed on the given days, by text number, the
    /// earlier sets given as joined already.
    fn sets(
        texts: &[(String, i64)],
        order: &[usize],
        earlier: &[Vec<usize>],
        fresh: &[usize],
    ) -> Vec<Vec<usize>> {
        let signatures: Vec<Signature> = texts.iter().map(|(t, _)| Signature::of(t)).collect();
        // An article's place in `order` is its place in the index.
        let articles = Articles {
            signatures: &signatures,
            signature_of: order.iter().map(|&text| text as u32).collect(),
            published: (order.iter())
                .map(|&text| Some(texts[text].1 * SECONDS_A_DAY))
                .collect(),
        };
        let at = |text: usize| order.iter().position(|&t| t == text).unwrap();
        let mut sets = DisjointSets::new(&articles.published);
        for set in earlier {
            for pair in set.windows(2) {
                sets.join(at(pair[0]), at(pair[1]));
            }
        }
        let mut is_fresh = vec![fresh.is_empty(); order.len()];
        for &text in fresh {
            is_fresh[at(text)] = true;
        }
        join_copies(&articles, &is_fresh, &mut sets);
        let mut groups: Vec<Vec<usize>> = (sets.groups_of(0..order.len()).into_iter())
            .map(|group| {
                let mut texts: Vec<usize> = group.into_iter().map(|a| order[a]).collect();
                texts.sort();
                texts
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
        let mut texts = Vec::new();
        for name in ["harbour", "rail"] {
            for day in 0..4 {
                texts.push((story(name, day), day as i64));
            }
        }
        texts.push((story("orchard", 0), 0));
        let forward: Vec<usize> = (0..texts.len()).collect();
        let want = sets(&texts, &forward, &[], &[]);
        // Each story splits at the window: the first three days, and the fourth.
        assert_eq!(want, vec![vec![0, 1, 2], vec![4, 5, 6]]);
        let mut order = forward.clone();
        for round in 0..24 {
            order.rotate_left(round % 5 + 1);
            order.swap(round % 9, (round * 4 + 3) % 9);
            assert_eq!(sets(&texts, &order, &[], &[]), want, "{order:?}");
        }
        order.reverse();
        assert_eq!(sets(&texts, &order, &[], &[]), want, "{order:?}");
    }

    #[test]
    fn fresh_articles_join_the_sets_already_made_and_old_ones_are_not_compared_again() {
        let texts: Vec<(String, i64)> = vec![
            (story("harbour", 0), 0),
            (story("harbour", 1), 1),
            (story("rail", 0), 0),
            (story("rail", 1), 0),
            (story("harbour", 2), 1),
            (story("orchard", 0), 5),
        ];
        let order: Vec<usize> = (0..texts.len()).collect();
        // A fresh copy joins its story's set; another story stays apart.
        let joined = sets(&texts, &order, &[vec![0, 1]], &[4, 5]);
        assert_eq!(joined, vec![vec![0, 1, 4]]);
        // The two rail copies are old and not fresh: not compared, so not joined here (a
        // whole pass would join them).
        assert_eq!(sets(&texts, &order, &[], &[]).len(), 2);
        // A fresh article alone finds the old copy of its story.
        assert_eq!(sets(&texts, &order, &[], &[3]), vec![vec![2, 3]]);
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
        assert_eq!(sets.groups_of(0..5), vec![vec![1, 2, 3]]);
        // Of some items only: a set is what of it was asked for.
        assert_eq!(sets.groups_of([3, 2, 0, 4]), vec![vec![2, 3]]);
    }
}
