//! Gazetteers: place, name and company-suffix lists matched against token sequences.

use std::collections::HashMap;

use super::*;

const G_PLACE_B: u8 = 1;
const G_PLACE_I: u8 = 2;
const G_PLACE_U: u8 = 4;
const G_FIRST: u8 = 8;
const G_LAST: u8 = 16;
const G_SUFFIX: u8 = 32;

pub(super) struct Gaz {
    /// Place names ([`SEQ_ENTRY`], [`SEQ_PREFIX`]), and given names and surnames
    /// ([`NAME_FIRST`], [`NAME_LAST`]) in one table: a capitalised word costs one look-up.
    pub(super) words: Sequences,
    place_max: usize,
    suffix: Sequences,
    suffix_max: usize,
    /// Word classes learnt from unlabelled text.
    pub(super) clusters: Clusters,
}

/// Where [`seq_hash`] and the scans over a sentence's words start.
const SEQ_SEED: u64 = 0x1234_5678;

fn seq_hash<'a>(words: impl Iterator<Item = &'a str>) -> (u64, usize) {
    let mut h = SEQ_SEED;
    let mut n = 0;
    for w in words {
        h = combine(h, lower_hash(w));
        n += 1;
    }
    (h, n)
}

/// Word sequences by [`seq_hash`]: [`SEQ_ENTRY`] when the sequence is on the list,
/// [`SEQ_PREFIX`] when a longer one on the list starts with it, so a scan along a sentence
/// stops as soon as nothing longer can match.
type Sequences = HashMap<u64, u8, IdBuild>;
const SEQ_ENTRY: u8 = 1;
const SEQ_PREFIX: u8 = 2;
const NAME_FIRST: u8 = 4;
const NAME_LAST: u8 = 8;

fn load_sequences(text: &str) -> (Sequences, usize) {
    let mut map = Sequences::default();
    let mut max = 0;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let mut h = SEQ_SEED;
        for (k, w) in words.iter().enumerate() {
            h = combine(h, lower_hash(w));
            let flag = if k + 1 == words.len() {
                SEQ_ENTRY
            } else {
                SEQ_PREFIX
            };
            *map.entry(h).or_insert(0) |= flag;
        }
        max = max.max(words.len());
    }
    (map, max)
}

impl Gaz {
    pub(super) fn new(g: &Gazetteers) -> Gaz {
        let (mut words, place_max) = load_sequences(&g.places);
        for (list, flag) in [(&g.first_names, NAME_FIRST), (&g.last_names, NAME_LAST)] {
            for line in list.lines() {
                let (h, n) = seq_hash(line.split_whitespace());
                if n > 0 {
                    *words.entry(h).or_insert(0) |= flag;
                }
            }
        }
        let (suffix, suffix_max) = load_sequences(&g.org_suffixes);
        Gaz {
            words,
            // at least one word: given names and surnames are looked up on the way
            place_max: place_max.clamp(1, 8),
            suffix,
            suffix_max: suffix_max.min(4),
            clusters: Clusters::parse(&g.clusters),
        }
    }

    /// Marks gazetteer matches for one sentence.
    pub(super) fn mark(&self, info: &[TokInfo], out: &mut [u8]) {
        let n = info.len();
        for o in out.iter_mut() {
            *o = 0;
        }
        let mut i = 0;
        while i < n {
            let mut best = 0;
            let mut names = 0;
            if info[i].flags & F_HAS_UPPER != 0 {
                let mut h = SEQ_SEED;
                for (k, t) in info[i..n.min(i + self.place_max)].iter().enumerate() {
                    h = combine(h, t.lower);
                    let found = self.words.get(&h).copied().unwrap_or(0);
                    if k == 0 {
                        names = found;
                    }
                    if found & SEQ_ENTRY != 0 {
                        best = k + 1;
                    }
                    if found & SEQ_PREFIX == 0 {
                        break;
                    }
                }
            }
            if best == 1 {
                out[i] |= G_PLACE_U;
            } else if best > 1 {
                out[i] |= G_PLACE_B;
                for o in &mut out[i + 1..i + best] {
                    *o |= G_PLACE_I;
                }
            }
            if names & NAME_FIRST != 0 {
                out[i] |= G_FIRST;
            }
            if names & NAME_LAST != 0 {
                out[i] |= G_LAST;
            }
            let mut h = SEQ_SEED;
            for (k, t) in info[i..n.min(i + self.suffix_max)].iter().enumerate() {
                h = combine(h, t.lower);
                let found = self.suffix.get(&h).copied().unwrap_or(0);
                if found & SEQ_ENTRY != 0 {
                    for o in &mut out[i..i + k + 1] {
                        *o |= G_SUFFIX;
                    }
                }
                if found & SEQ_PREFIX == 0 {
                    break;
                }
            }
            i += best.max(1);
        }
    }
}
