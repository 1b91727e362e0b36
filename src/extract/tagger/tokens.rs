//! Token analysis: shape flags, affixes and the other per-token facts features read.

use super::*;

pub(super) const F_INIT_CAP: u16 = 1;
pub(super) const F_ALL_CAPS: u16 = 2;
pub(super) const F_HAS_DIGIT: u16 = 4;
const F_ALL_DIGIT: u16 = 8;
const F_HAS_HYPHEN: u16 = 16;
const F_HAS_PERIOD: u16 = 32;
pub(super) const F_HAS_LOWER: u16 = 64;
pub(super) const F_NO_ALNUM: u16 = 128;
pub(super) const F_HAS_UPPER: u16 = 256;
const F_MIXED: u16 = 512;

#[derive(Clone, Copy, Default)]
pub(super) struct TokInfo {
    pub(super) word: u64,
    pub(super) lower: u64,
    pub(super) shape: u64,
    pub(super) pre: [u64; 4],
    pub(super) suf: [u64; 4],
    pub(super) flags: u16,
    pub(super) len: u8,
}

pub(super) fn analyze(w: &str) -> TokInfo {
    let mut t = TokInfo {
        word: FNV_OFFSET,
        lower: FNV_OFFSET,
        shape: FNV_OFFSET,
        ..Default::default()
    };
    let mut last_shape = 0u64;
    let mut n = 0usize;
    let mut upper = 0;
    let mut lower = 0;
    let mut digit = 0;
    let mut alnum = 0;
    for c in w.chars() {
        let lc = if c.is_ascii() {
            c.to_ascii_lowercase() as u64
        } else {
            c.to_lowercase().next().unwrap_or(c) as u64
        };
        t.word = fnv(t.word, c as u64);
        t.lower = fnv(t.lower, lc);
        let sc = if c.is_uppercase() {
            upper += 1;
            alnum += 1;
            'X' as u64
        } else if c.is_lowercase() {
            lower += 1;
            alnum += 1;
            'x' as u64
        } else if c.is_numeric() {
            digit += 1;
            alnum += 1;
            'd' as u64
        } else if c.is_alphabetic() {
            alnum += 1;
            'a' as u64
        } else {
            if c == '-' {
                t.flags |= F_HAS_HYPHEN;
            }
            if c == '.' {
                t.flags |= F_HAS_PERIOD;
            }
            c as u64
        };
        if sc != last_shape {
            t.shape = fnv(t.shape, sc);
            last_shape = sc;
        }
        if n == 0 && c.is_uppercase() {
            t.flags |= F_INIT_CAP;
        }
        n += 1;
    }
    if upper > 0 && lower == 0 {
        t.flags |= F_ALL_CAPS;
    }
    if upper > 0 {
        t.flags |= F_HAS_UPPER;
    }
    if lower > 0 {
        t.flags |= F_HAS_LOWER;
    }
    if upper > 0 && lower > 0 && t.flags & F_INIT_CAP == 0 {
        t.flags |= F_MIXED;
    }
    if digit > 0 {
        t.flags |= F_HAS_DIGIT;
    }
    if digit > 0 && digit == n {
        t.flags |= F_ALL_DIGIT;
    }
    if alnum == 0 {
        t.flags |= F_NO_ALNUM;
    }
    t.len = n.min(255) as u8;
    t
}

/// Fills in the hashes of a word's lowercase prefixes and suffixes of one to four characters,
/// needed only for the tokens the tagger scores.
pub(super) fn affixes(w: &str, t: &mut TokInfo) {
    let mut n = 0usize;
    let mut lows = [0u64; 4];
    let mut ph = FNV_OFFSET;
    for c in w.chars() {
        let lc = if c.is_ascii() {
            c.to_ascii_lowercase() as u64
        } else {
            c.to_lowercase().next().unwrap_or(c) as u64
        };
        if n < 4 {
            ph = fnv(ph, lc);
            t.pre[n] = ph;
        }
        lows[n % 4] = lc;
        n += 1;
    }
    for k in 0..4 {
        if k < n {
            let mut h = FNV_OFFSET;
            for j in (0..=k).rev() {
                h = fnv(h, lows[(n - 1 - j) % 4]);
            }
            t.suf[k] = h;
        } else {
            t.pre[k] = t.pre[n.saturating_sub(1).min(3)];
            t.suf[k] = FNV_OFFSET ^ 0x55;
        }
    }
}
