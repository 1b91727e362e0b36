//! Token analysis: shape flags, affixes and the other per-token facts features read.

use super::*;

/// Token flag: the first character is upper case.
pub(super) const F_INIT_CAP: u16 = 1;
/// Token flag: upper-case letters and no lower-case ones.
pub(super) const F_ALL_CAPS: u16 = 2;
/// Token flag: a digit somewhere.
pub(super) const F_HAS_DIGIT: u16 = 4;
/// Token flag: digits only.
const F_ALL_DIGIT: u16 = 8;
/// Token flag: a hyphen somewhere.
const F_HAS_HYPHEN: u16 = 16;
/// Token flag: a full stop somewhere.
const F_HAS_PERIOD: u16 = 32;
/// Token flag: a lower-case letter somewhere.
pub(super) const F_HAS_LOWER: u16 = 64;
/// Token flag: neither letters nor digits.
pub(super) const F_NO_ALNUM: u16 = 128;
/// Token flag: an upper-case letter somewhere.
pub(super) const F_HAS_UPPER: u16 = 256;
/// Token flag: upper- and lower-case letters, the first not upper case ("eBay").
const F_MIXED: u16 = 512;

/// What the features read of one token: hashes of the word, its lowercase form, its shape
/// and (for scored tokens) its affixes, with its flags (`F_*`) and length in characters.
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

impl TokInfo {
    /// The token's [`F_INIT_CAP`] and [`F_ALL_CAPS`] bits, as features read them.
    #[inline]
    pub(super) fn cap_bits(&self) -> u64 {
        (self.flags & (F_INIT_CAP | F_ALL_CAPS)) as u64
    }

    /// Whether the token is an all-caps word longer than one character.
    #[inline]
    pub(super) fn is_caps_word(&self) -> bool {
        self.flags & F_ALL_CAPS != 0 && self.len > 1
    }

    /// Whether the token is a capitalised word: upper- and lower-case letters, or an
    /// all-caps word ([`TokInfo::is_caps_word`]).
    #[inline]
    pub(super) fn is_capitalised(&self) -> bool {
        self.flags & F_HAS_UPPER != 0 && self.flags & F_HAS_LOWER != 0 || self.is_caps_word()
    }
}

/// The lowercase form of a character that hashes use (the first character of its
/// lowercase mapping).
#[inline]
fn lower_char(c: char) -> u64 {
    if c.is_ascii() {
        c.to_ascii_lowercase() as u64
    } else {
        c.to_lowercase().next().unwrap_or(c) as u64
    }
}

/// How many characters of each kind a word has.
#[derive(Default)]
struct CharCounts {
    chars: usize,
    upper: usize,
    lower: usize,
    digit: usize,
    alnum: usize,
}

impl CharCounts {
    /// Counts `c` and returns the character the word's shape writes for it: `X`, `x`, `d`,
    /// `a` (other letters) or the character itself; sets the hyphen and period flags.
    #[inline]
    fn shape_char(&mut self, c: char, flags: &mut u16) -> u64 {
        self.chars += 1;
        if c.is_uppercase() {
            self.upper += 1;
            self.alnum += 1;
            'X' as u64
        } else if c.is_lowercase() {
            self.lower += 1;
            self.alnum += 1;
            'x' as u64
        } else if c.is_numeric() {
            self.digit += 1;
            self.alnum += 1;
            'd' as u64
        } else if c.is_alphabetic() {
            self.alnum += 1;
            'a' as u64
        } else {
            if c == '-' {
                *flags |= F_HAS_HYPHEN;
            }
            if c == '.' {
                *flags |= F_HAS_PERIOD;
            }
            c as u64
        }
    }

    /// The flags that follow from the counts of the whole word; `init_cap` tells whether
    /// it starts with a capital.
    fn flags(&self, init_cap: bool) -> u16 {
        let mut flags = 0;
        let mut set = |flag: u16, on: bool| {
            if on {
                flags |= flag;
            }
        };
        set(F_ALL_CAPS, self.upper > 0 && self.lower == 0);
        set(F_HAS_UPPER, self.upper > 0);
        set(F_HAS_LOWER, self.lower > 0);
        set(F_MIXED, self.upper > 0 && self.lower > 0 && !init_cap);
        set(F_HAS_DIGIT, self.digit > 0);
        set(F_ALL_DIGIT, self.digit > 0 && self.digit == self.chars);
        set(F_NO_ALNUM, self.alnum == 0);
        flags
    }
}

/// Analyses a word: its hashes (word, lowercase, shape with runs of one character class
/// written once), flags and length. Affixes are left for [`affixes`].
pub(super) fn analyze(w: &str) -> TokInfo {
    let mut t = TokInfo {
        word: FNV_OFFSET,
        lower: FNV_OFFSET,
        shape: FNV_OFFSET,
        ..Default::default()
    };
    let mut last_shape = 0u64;
    let mut counts = CharCounts::default();
    for c in w.chars() {
        t.word = fnv(t.word, c as u64);
        t.lower = fnv(t.lower, lower_char(c));
        if counts.chars == 0 && c.is_uppercase() {
            t.flags |= F_INIT_CAP;
        }
        let sc = counts.shape_char(c, &mut t.flags);
        if sc != last_shape {
            t.shape = fnv(t.shape, sc);
            last_shape = sc;
        }
    }
    t.flags |= counts.flags(t.flags & F_INIT_CAP != 0);
    t.len = counts.chars.min(255) as u8;
    t
}

/// Fills in the hashes of a word's lowercase prefixes and suffixes of one to four characters,
/// needed only for the tokens the tagger scores.
pub(super) fn affixes(w: &str, t: &mut TokInfo) {
    let mut n = 0usize;
    let mut lows = [0u64; 4];
    let mut ph = FNV_OFFSET;
    for c in w.chars() {
        let lc = lower_char(c);
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
