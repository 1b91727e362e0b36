//! The signature of one body: normalised words, their bigrams, a one-permutation MinHash
//! sketch and the band keys that make candidates of near copies.
//!
//! The sketch hashes every bigram once (one-permutation hashing, Li, Owen and Zhang 2012):
//! the hash picks a bin and the bin keeps the smallest value it sees, so the cost is one hash
//! per word whatever the number of bins. Bins no bigram fell into borrow from the next
//! filled bin to their right, mixed with the distance (rotation densification, Shrivastava
//! and Li 2014), so short bodies still compare bin by bin. Hashes are spelled out here, not
//! taken from the standard library, because signatures are stored in the index and must not
//! change between builds.

/// Bins of the MinHash sketch.
pub const BINS: usize = 128;
/// Bands the sketch is cut into for candidate lookup.
pub const BANDS: usize = 32;
/// Bins per band: two articles sharing a fraction `s` of their bigrams agree on a band
/// with probability `s^ROWS`, and become candidates with probability `1 - (1 - s^ROWS)^BANDS`
/// (0.5 at about `s` = 0.4, 0.98 at 0.6).
pub const ROWS: usize = BINS / BANDS;

/// What copies of a story are compared by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// A hash of the body's normalised words: equal for bodies that differ only in case,
    /// punctuation and spacing.
    pub exact: u64,
    /// The number of normalised words.
    pub words: usize,
    /// The MinHash sketch of the word bigrams.
    pub bins: [u32; BINS],
}

/// The lowercase words of a text: runs of letters and digits, everything else a separator.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

impl Signature {
    /// The signature of a body (a headline-only story passes its title).
    pub fn of(text: &str) -> Signature {
        let word_hashes: Vec<u64> = words(text)
            .map(|word| stable_hash(word.as_bytes()))
            .collect();
        let exact = word_hashes
            .iter()
            .fold(FNV_OFFSET, |hash, &word| mix(hash ^ word));
        let mut bins = [EMPTY; BINS];
        let mut put = |shingle: u64| {
            let hash = mix(shingle);
            let bin = (((hash >> 32) * BINS as u64) >> 32) as usize;
            bins[bin] = bins[bin].min(hash as u32);
        };
        match word_hashes.as_slice() {
            [] => {}
            [only] => put(*only),
            _ => word_hashes
                .windows(2)
                .for_each(|pair| put(pair[0] ^ pair[1].rotate_left(23))),
        }
        densify(&mut bins);
        Signature {
            exact,
            words: word_hashes.len(),
            bins,
        }
    }

    /// One key a band: articles with an equal key are candidate copies. Empty when the body
    /// has no words.
    pub fn band_keys(&self) -> Vec<u64> {
        if self.words == 0 {
            return Vec::new();
        }
        self.bins
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                rows.iter()
                    .fold(mix(band as u64 + 1), |key, &bin| mix(key ^ u64::from(bin)))
            })
            .collect()
    }
}

/// The estimated share of word bigrams two bodies have in common (their Jaccard
/// similarity), from 0 to 1; 1 for equal normalised words.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    if a.exact == b.exact && a.words == b.words {
        return 1.0;
    }
    if a.words == 0 || b.words == 0 {
        return 0.0;
    }
    let equal = a.bins.iter().zip(&b.bins).filter(|(x, y)| x == y).count();
    equal as f64 / BINS as f64
}

const EMPTY: u32 = u32::MAX;
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over bytes, then mixed: fixed across builds and platforms.
fn stable_hash(bytes: &[u8]) -> u64 {
    mix(bytes.iter().fold(FNV_OFFSET, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
    }))
}

/// The splitmix64 finaliser: every input bit moves about half of the output bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fills every empty bin from the next filled one to its right (wrapping around), mixed
/// with the distance so that borrowed values do not repeat the lender's.
fn densify(bins: &mut [u32; BINS]) {
    let Some(filled) = bins.iter().position(|&bin| bin != EMPTY) else {
        return;
    };
    let source = *bins;
    let mut lender = filled;
    // Walk right to left from the first filled bin, so each empty bin knows the nearest
    // filled bin to its right.
    for step in 1..=BINS {
        let bin = (filled + BINS - step) % BINS;
        if source[bin] != EMPTY {
            lender = bin;
            continue;
        }
        let distance = (lender + BINS - bin) % BINS;
        bins[bin] = mix(u64::from(source[lender]) ^ ((distance as u64) << 32)) as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The port of Rotterdam closed its container terminals on Monday after \
        dock workers walked out over pay. Union leaders said the strike would last three days \
        and warned of more action if talks failed. Shipping lines diverted vessels to Antwerp \
        and Hamburg, and freight rates rose sharply. The port authority said it regretted the \
        disruption and called for a quick return to negotiations with the employers.";

    #[test]
    fn equal_words_are_exact_copies() {
        let a = Signature::of(STORY);
        let b = Signature::of(&STORY.to_uppercase().replace(". ", ".\n\n"));
        assert_eq!(a.exact, b.exact);
        assert_eq!(similarity(&a, &b), 1.0);
        assert_eq!(a.band_keys(), b.band_keys());
    }

    #[test]
    fn an_edited_copy_stays_similar_and_another_story_does_not() {
        let story = Signature::of(STORY);
        let trimmed = Signature::of(&STORY[..STORY.len() * 2 / 3]);
        let other = Signature::of(
            "The central bank left interest rates unchanged on Thursday, saying inflation \
             had eased but wages were still rising faster than productivity in most sectors.",
        );
        let near = similarity(&story, &trimmed);
        assert!(near > 0.45, "trimmed copy: {near}");
        assert!(similarity(&story, &other) < 0.1);
        let shared = |a: &Signature, b: &Signature| {
            a.band_keys()
                .iter()
                .zip(b.band_keys())
                .filter(|(x, y)| **x == *y)
                .count()
        };
        assert!(shared(&story, &trimmed) > 0);
        assert_eq!(shared(&story, &other), 0);
    }

    #[test]
    fn short_and_empty_bodies() {
        let empty = Signature::of("  ... ");
        assert_eq!(empty.words, 0);
        assert!(empty.band_keys().is_empty());
        assert_eq!(similarity(&empty, &Signature::of(STORY)), 0.0);
        let one = Signature::of("Strike");
        assert_eq!(one.band_keys().len(), BANDS);
        assert_eq!(similarity(&one, &Signature::of("strike!")), 1.0);
        assert!(one.bins.iter().all(|&bin| bin != EMPTY));
    }

    #[test]
    fn signatures_do_not_change_between_builds() {
        // Stored in the index: a change here needs a new index format.
        let sig = Signature::of("Dock workers walked out.");
        assert_eq!(sig.words, 4);
        assert_eq!(sig.exact, 10_529_888_696_138_737_801);
        assert_eq!(sig.band_keys()[0], 448_398_668_184_755_811);
    }
}
