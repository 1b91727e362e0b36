//! Copies of a story: the same wire story printed by several outlets, an updated or trimmed
//! version, a story filed twice.
//!
//! Every article gets a [`Signature`] of its body: an exact fingerprint of its normalised
//! words, and a MinHash sketch of its word bigrams whose bins estimate how much two bodies
//! share (their Jaccard similarity). Near copies are found without comparing every pair:
//! the sketch is cut into [`BANDS`] bands, and two articles that agree on a whole band are
//! candidates ([`Signature::band_keys`]); a candidate pair is a copy when its estimated
//! similarity reaches the threshold.

mod signature;

pub use signature::{BANDS, BINS, ROWS, Signature, similarity, words};
