//! Gazetteers: place, name and company-suffix lists matched against token sequences.

use std::collections::HashMap;

use super::*;

/// Gazetteer marks of a token: begins, continues or is a whole place name; a given name;
/// a surname; part of a company suffix.
const G_PLACE_B: u8 = 1;
const G_PLACE_I: u8 = 2;
const G_PLACE_U: u8 = 4;
const G_FIRST: u8 = 8;
const G_LAST: u8 = 16;
const G_SUFFIX: u8 = 32;

/// The gazetteers as hash tables over lowercase word sequences, with the word classes.
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

/// Hash of a word sequence's lowercase forms, and its length in words.
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
/// Flags of a sequence in [`Sequences`]: see above; [`NAME_FIRST`] and [`NAME_LAST`] mark
/// one-word given names and surnames.
const SEQ_ENTRY: u8 = 1;
const SEQ_PREFIX: u8 = 2;
const NAME_FIRST: u8 = 4;
const NAME_LAST: u8 = 8;

/// Loads a list of word sequences, one a line, and the most words one has.
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
    /// Loads the gazetteer texts.
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

    /// Marks gazetteer matches for one sentence: place names (`G_PLACE_*`, the longest
    /// from each capitalised word, skipped over), given names and surnames, and company
    /// suffixes on every word of theirs.
    pub(super) fn mark(&self, info: &[TokInfo], out: &mut [u8]) {
        out.fill(0);
        let mut i = 0;
        while i < info.len() {
            let found = if info[i].flags & F_HAS_UPPER != 0 {
                self.look_up_words(&info[i..])
            } else {
                WordMatch::default()
            };
            if found.place_len == 1 {
                out[i] |= G_PLACE_U;
            } else if found.place_len > 1 {
                out[i] |= G_PLACE_B;
                for o in &mut out[i + 1..i + found.place_len] {
                    *o |= G_PLACE_I;
                }
            }
            if found.names & NAME_FIRST != 0 {
                out[i] |= G_FIRST;
            }
            if found.names & NAME_LAST != 0 {
                out[i] |= G_LAST;
            }
            self.mark_suffixes(&info[i..], &mut out[i..]);
            i += found.place_len.max(1);
        }
    }

    /// What the word table holds for the words starting `info`: the longest place name
    /// and the name flags of the first word.
    fn look_up_words(&self, info: &[TokInfo]) -> WordMatch {
        let mut found = WordMatch::default();
        let mut h = SEQ_SEED;
        for (k, t) in info[..info.len().min(self.place_max)].iter().enumerate() {
            h = combine(h, t.lower);
            let flags = self.words.get(&h).copied().unwrap_or(0);
            if k == 0 {
                found.names = flags;
            }
            if flags & SEQ_ENTRY != 0 {
                found.place_len = k + 1;
            }
            if flags & SEQ_PREFIX == 0 {
                break;
            }
        }
        found
    }

    /// Marks [`G_SUFFIX`] on the words of each company suffix starting `info`.
    fn mark_suffixes(&self, info: &[TokInfo], out: &mut [u8]) {
        let mut h = SEQ_SEED;
        for (k, t) in info[..info.len().min(self.suffix_max)].iter().enumerate() {
            h = combine(h, t.lower);
            let found = self.suffix.get(&h).copied().unwrap_or(0);
            if found & SEQ_ENTRY != 0 {
                for o in &mut out[..k + 1] {
                    *o |= G_SUFFIX;
                }
            }
            if found & SEQ_PREFIX == 0 {
                break;
            }
        }
    }
}

/// What [`Gaz::look_up_words`] found from a word on.
#[derive(Default)]
struct WordMatch {
    /// words in the longest place name, 0 for none
    place_len: usize,
    /// the first word's [`NAME_FIRST`] and [`NAME_LAST`] flags (with the sequence flags)
    names: u8,
}
