//! Word clusters: words grouped by the words they follow, learnt from unlabelled news text.
//!
//! A tagger trained on one corpus knows only the words of that corpus. Clusters carry what
//! it learnt to words it never saw labelled: a surname, a town or a firm the training text
//! never named falls in the cluster of the names that occur in the same places ("said",
//! "shares of", "in"), and the tagger's weights for that cluster apply to it.
//!
//! [`learn`] is the predictive exchange algorithm (Uszkoreit and Brants, 2008): a word's
//! class is chosen to maximise the likelihood of the class bigram model
//! `P(w | v) = P(w | class(w)) · P(class(w) | v)` over the text, by moving one word at a time
//! to the class that raises it most, in order of frequency, until few words move. It runs
//! once for each requested number of classes (coarse to fine), so each word gets one class
//! per granularity, as prefixes of a Brown clustering's paths would give it. Everything is
//! deterministic: the same text and options give the same table, byte for byte.
//!
//! The table is text, one word a line: the lowercase word, then its class at each
//! granularity, separated by tabs ([`Clusters::parse`] reads it back).

use std::collections::HashMap;

use super::*;

/// Settings of [`learn`].
#[derive(Clone, Debug)]
pub struct ClusterOptions {
    /// Number of classes of each clustering, coarse to fine.
    pub sizes: Vec<usize>,
    /// Words seen fewer times than this get no class.
    pub min_count: u32,
    /// Most passes over the vocabulary per clustering.
    pub max_passes: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            sizes: vec![64, 256, 1024],
            min_count: 3,
            max_passes: 12,
        }
    }
}

/// The cluster table the tagger reads: a word's classes by its lowercase hash.
#[derive(Default)]
pub(super) struct Clusters {
    classes: HashMap<u64, [u16; GRAINS], IdBuild>,
}

/// Granularities a table holds (a table with fewer leaves the rest unknown).
pub(super) const GRAINS: usize = 3;

impl Clusters {
    /// Reads a table written by [`learn`]; lines that are not `word<TAB>class…` are skipped.
    pub(super) fn parse(text: &str) -> Clusters {
        let mut classes = HashMap::default();
        for line in text.lines() {
            let mut fields = line.split('\t');
            let Some(word) = fields.next().filter(|w| !w.is_empty()) else {
                continue;
            };
            let mut ids = [0u16; GRAINS];
            for (slot, field) in ids.iter_mut().zip(fields) {
                // 0 stands for "no class", so classes are stored one up
                *slot = field.parse::<u16>().map_or(0, |c| c.saturating_add(1));
            }
            classes.insert(analyze(word).lower, ids);
        }
        Clusters { classes }
    }

    /// A word's classes (one up, 0 where it has none) by its lowercase hash.
    #[inline]
    pub(super) fn of(&self, lower: u64) -> [u16; GRAINS] {
        self.classes.get(&lower).copied().unwrap_or_default()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }
}

/// The text as word ids: one id per distinct lowercase word kept, bigram counts between them.
struct Corpus {
    words: Vec<String>,
    counts: Vec<u64>,
    /// for each word, the words it follows and how often: `preds[starts[w]..starts[w + 1]]`
    starts: Vec<usize>,
    preds: Vec<(u32, u32)>,
}

/// Id of the sentence boundary (before the first word and after the last).
const BOUNDARY: u32 = 0;
/// Id every word seen fewer than `min_count` times shares.
const RARE: u32 = 1;

impl Corpus {
    /// Reads the sentences: the words seen at least `min_count` times (lowercase), and the
    /// counts of each word and of each pair of neighbours.
    fn new<S: AsRef<str>>(sentences: &[Vec<S>], min_count: u32) -> Corpus {
        let words = kept_words(sentences, min_count);
        let ids: HashMap<&str, u32> = (words.iter().enumerate())
            .skip(2)
            .map(|(i, w)| (w.as_str(), i as u32))
            .collect();
        let mut counts = vec![0u64; words.len()];
        let mut bigrams: HashMap<(u32, u32), u32> = HashMap::new();
        for sentence in sentences {
            let mut prev = BOUNDARY;
            let lowered = sentence.iter().map(|w| w.as_ref().to_lowercase());
            for id in lowered
                .map(|w| ids.get(w.as_str()).copied().unwrap_or(RARE))
                .chain([BOUNDARY])
            {
                counts[id as usize] += 1;
                *bigrams.entry((id, prev)).or_insert(0) += 1;
                prev = id;
            }
        }
        let mut pairs: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
        pairs.sort_unstable();
        let mut starts = vec![0usize; words.len() + 1];
        for &((w, _), _) in &pairs {
            starts[w as usize + 1] += 1;
        }
        for i in 0..words.len() {
            starts[i + 1] += starts[i];
        }
        let preds = pairs.into_iter().map(|((_, v), n)| (v, n)).collect();
        Corpus {
            words,
            counts,
            starts,
            preds,
        }
    }

    /// The words `w` follows, with how often.
    fn preds(&self, w: usize) -> &[(u32, u32)] {
        &self.preds[self.starts[w]..self.starts[w + 1]]
    }
}

/// The words by id: [`BOUNDARY`], [`RARE`], then the lowercase words seen at least
/// `min_count` times, most frequent first, ties by spelling (the order words are visited in).
fn kept_words<S: AsRef<str>>(sentences: &[Vec<S>], min_count: u32) -> Vec<String> {
    let mut freq: HashMap<String, u64> = HashMap::new();
    for sentence in sentences {
        for word in sentence {
            *freq.entry(word.as_ref().to_lowercase()).or_insert(0) += 1;
        }
    }
    let mut kept: Vec<(String, u64)> = (freq.into_iter())
        .filter(|(_, n)| *n >= min_count as u64)
        .collect();
    kept.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut words = vec!["<s>".to_string(), "<rare>".to_string()];
    words.extend(kept.into_iter().map(|(w, _)| w));
    words
}

/// `x ln x`, from a table for the small counts that dominate.
struct XLogX(Vec<f64>);

impl XLogX {
    const TABLE: usize = 1 << 16;

    fn new() -> XLogX {
        XLogX((0..Self::TABLE).map(|x| Self::exact(x as u64)).collect())
    }

    fn exact(x: u64) -> f64 {
        if x == 0 {
            0.0
        } else {
            let x = x as f64;
            x * x.ln()
        }
    }

    #[inline]
    fn at(&self, x: u64) -> f64 {
        match self.0.get(x as usize) {
            Some(&v) => v,
            None => Self::exact(x),
        }
    }
}

/// One clustering of a corpus into a fixed number of classes.
struct Exchange<'a> {
    corpus: &'a Corpus,
    classes: usize,
    class_of: Vec<u32>,
    /// `follows[v * classes + c]`: how often a word of class `c` follows word `v`
    follows: Vec<u32>,
    /// how often a word of each class occurs
    class_counts: Vec<u64>,
    f: XLogX,
}

impl<'a> Exchange<'a> {
    /// Starts with the words dealt out over the classes in order of frequency; the boundary
    /// and the rare words keep a class of their own.
    fn new(corpus: &'a Corpus, classes: usize) -> Exchange<'a> {
        let classes = classes.max(3);
        let class_of: Vec<u32> = (0..corpus.words.len())
            .map(|w| match w {
                0 | 1 => w as u32,
                _ => (2 + (w - 2) % (classes - 2)) as u32,
            })
            .collect();
        let mut follows = vec![0u32; corpus.words.len() * classes];
        let mut class_counts = vec![0u64; classes];
        for (w, &c) in class_of.iter().enumerate() {
            class_counts[c as usize] += corpus.counts[w];
            for &(v, n) in corpus.preds(w) {
                follows[v as usize * classes + c as usize] += n;
            }
        }
        Exchange {
            corpus,
            classes,
            class_of,
            follows,
            class_counts,
            f: XLogX::new(),
        }
    }

    /// Moves `w`'s counts into or out of class `c`.
    fn shift(&mut self, w: usize, c: usize, add: bool) {
        let n = self.corpus.counts[w];
        if add {
            self.class_counts[c] += n;
        } else {
            self.class_counts[c] -= n;
        }
        for &(v, k) in self.corpus.preds(w) {
            let cell = &mut self.follows[v as usize * self.classes + c];
            *cell = if add { *cell + k } else { *cell - k };
        }
    }

    /// The class that gives `w` (taken out of every class) the highest likelihood.
    fn best_class(&self, w: usize, gains: &mut [f64]) -> usize {
        let f = &self.f;
        let n = self.corpus.counts[w];
        for (c, gain) in gains.iter_mut().enumerate() {
            let total = self.class_counts[c];
            *gain = f.at(total) - f.at(total + n);
        }
        for &(v, k) in self.corpus.preds(w) {
            let row = &self.follows[v as usize * self.classes..][..self.classes];
            for (gain, &have) in gains.iter_mut().zip(row) {
                let have = have as u64;
                *gain += f.at(have + k as u64) - f.at(have);
            }
        }
        let mut best = 2;
        for c in 3..self.classes {
            if gains[c] > gains[best] {
                best = c;
            }
        }
        best
    }

    /// One pass over the words, most frequent first; returns how many changed class.
    fn pass(&mut self) -> usize {
        let mut gains = vec![0f64; self.classes];
        let mut moved = 0;
        for w in 2..self.corpus.words.len() {
            let old = self.class_of[w] as usize;
            self.shift(w, old, false);
            let new = self.best_class(w, &mut gains);
            // stay put unless the new class is strictly better
            let new = if gains[new] > gains[old] { new } else { old };
            self.shift(w, new, true);
            if new != old {
                self.class_of[w] = new as u32;
                moved += 1;
            }
        }
        moved
    }
}

/// Learns clusters from tokenized sentences and returns the table as text (see the module
/// documentation). `progress` hears of each pass: (classes, pass, words moved).
pub fn learn<S: AsRef<str>>(
    sentences: &[Vec<S>],
    opts: &ClusterOptions,
    mut progress: impl FnMut(usize, usize, usize),
) -> String {
    let corpus = Corpus::new(sentences, opts.min_count);
    let vocabulary = corpus.words.len() - 2;
    let mut classes_of: Vec<Vec<u32>> = Vec::new();
    for &size in opts.sizes.iter().take(GRAINS) {
        let mut exchange = Exchange::new(&corpus, size + 2);
        for pass in 0..opts.max_passes {
            let moved = exchange.pass();
            progress(size, pass + 1, moved);
            // settled when fewer than one word in a thousand moves
            if moved * 1000 <= vocabulary {
                break;
            }
        }
        classes_of.push(exchange.class_of);
    }
    let mut out = String::new();
    for (w, word) in corpus.words.iter().enumerate().skip(2) {
        if word.contains(['\t', '\n']) {
            continue;
        }
        out.push_str(word);
        for classes in &classes_of {
            out.push('\t');
            out.push_str(&(classes[w] - 2).to_string());
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> Vec<Vec<String>> {
        let mut sentences = Vec::new();
        let people = ["smith", "jones", "brown", "taylor"];
        let towns = ["paris", "london", "berlin", "madrid"];
        for round in 0..20 {
            for (k, p) in people.iter().enumerate() {
                let town = towns[(k + round) % towns.len()];
                for s in [
                    format!("mr {p} said on monday"),
                    format!("he flew to {town} on friday"),
                    format!("officials in {town} said {p} left"),
                ] {
                    sentences.push(s.split(' ').map(str::to_string).collect());
                }
            }
        }
        sentences
    }

    fn table(sentences: &[Vec<String>]) -> HashMap<String, Vec<u32>> {
        let opts = ClusterOptions {
            sizes: vec![4, 8],
            min_count: 2,
            max_passes: 20,
        };
        let out = learn(sentences, &opts, |_, _, _| {});
        out.lines()
            .map(|l| {
                let mut f = l.split('\t');
                let w = f.next().unwrap().to_string();
                (w, f.map(|c| c.parse().unwrap()).collect())
            })
            .collect()
    }

    #[test]
    fn words_of_the_same_contexts_share_a_class() {
        let t = table(&text());
        for grain in 0..2 {
            let of = |w: &str| t[w][grain];
            assert_eq!(of("smith"), of("jones"), "people, grain {grain}");
            assert_eq!(of("jones"), of("taylor"), "people, grain {grain}");
            assert_eq!(of("paris"), of("berlin"), "towns, grain {grain}");
            assert_eq!(of("monday"), of("friday"), "days, grain {grain}");
            assert_ne!(of("smith"), of("paris"), "grain {grain}");
        }
    }

    #[test]
    fn learning_is_deterministic_and_skips_rare_words() {
        let mut sentences = text();
        sentences.push(vec!["once".to_string(), "only".to_string()]);
        let opts = ClusterOptions {
            sizes: vec![4],
            min_count: 2,
            max_passes: 5,
        };
        let a = learn(&sentences, &opts, |_, _, _| {});
        let b = learn(&sentences, &opts, |_, _, _| {});
        assert_eq!(a, b);
        assert!(!a.lines().any(|l| l.starts_with("once\t")));
    }

    #[test]
    fn a_table_reads_back_by_lowercase_hash() {
        let clusters = Clusters::parse("paris\t3\t17\nbad line\n\nlondon\t3\n");
        assert_eq!(clusters.of(analyze("Paris").lower), [4, 18, 0]);
        assert_eq!(clusters.of(analyze("LONDON").lower), [4, 0, 0]);
        assert_eq!(clusters.of(analyze("Madrid").lower), [0, 0, 0]);
        assert!(!clusters.is_empty());
    }
}
