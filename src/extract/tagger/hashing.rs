//! Hashing: 64-bit mixing of feature parts and the identity hasher for pre-hashed keys.

use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a's starting value.
pub(super) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's multiplier.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// One FNV-1a step: `h` with `x` mixed in.
#[inline]
pub(super) fn fnv(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(FNV_PRIME)
}

/// SplitMix64's finaliser: every bit of `z` reaches every bit of the result.
#[inline]
pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hash of the ordered pair `(a, b)`.
#[inline]
pub(super) fn combine(a: u64, b: u64) -> u64 {
    mix(a ^ b.rotate_left(17).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A hasher for keys that are hashes already: a `u64` hashes to itself.
#[derive(Default)]
pub(super) struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fnv(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
/// Builds [`IdHasher`]s, for hash maps keyed by hashes.
pub(super) type IdBuild = BuildHasherDefault<IdHasher>;

/// Hash of the lowercase form of a word.
pub(super) fn lower_hash(w: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in w.chars() {
        if c.is_ascii() {
            h = fnv(h, c.to_ascii_lowercase() as u64);
        } else {
            for l in c.to_lowercase() {
                h = fnv(h, l as u64);
            }
        }
    }
    h
}
