//! Named-entity tagger (PER / ORG / LOC / MISC) for tokenized news text.
//!
//! The model is a two-stage structured averaged perceptron over BILOU tags with first-order
//! Viterbi decoding under BILOU transition constraints. Features are hashed into a fixed-size
//! weight table (no strings are built while tagging): word, lowercase word, word shape,
//! prefixes and suffixes, a ±2 window, capitalisation flags, headline (all-caps) context,
//! gazetteer matches (places, first and last names, company suffixes), word clusters learnt
//! from unlabelled news text (the word's class at three grains, its neighbours' classes;
//! see [`clusters`]) and document-level
//! evidence (how the same word is capitalised elsewhere, the contexts of its other occurrences,
//! the document's opening word). The second stage adds non-local features from the first
//! stage's predictions over the whole document (how the same word was tagged elsewhere),
//! trained on cross-validated first-stage output. Each stage is the average of several
//! perceptrons trained with different shuffles.
//!
//! Tagging is allocation-free per token: feature ids are computed incrementally as 64-bit
//! hashes and mapped to rows of the weight table; both stages' weights for a row sit side by
//! side so one memory access serves both.
//!
//! Gazetteers and the cluster table are stored inside the model file, so a model is self-contained. The file format
//! is a short header followed by a deflate stream holding the gazetteer texts and the nonzero
//! weights quantised to 16 bits.
//!
//! One file per concern: `labels` (BILOU classes), `hashing`, `tokens` (per-token analysis),
//! `gazetteers`, `clusters`, `context` (the per-document analysis), `features` (the feature
//! templates), `decode` (Viterbi), `train` and `model` (tagging and the file format). This file holds the public types; [`train()`] and [`Model`] are re-exported here.

#![allow(clippy::needless_range_loop)]

mod clusters;
mod context;
mod decode;
mod features;
mod gazetteers;
mod hashing;
mod labels;
mod model;
mod tokens;
mod train;

use clusters::*;
use context::*;
use decode::*;
use features::*;
use gazetteers::*;
use hashing::*;
use labels::*;
use model::*;
use tokens::*;

pub use clusters::{ClusterOptions, learn as learn_clusters};
pub use model::{Model, ModelError};
pub use train::train;

/// Entity type.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Kind {
    Per,
    Org,
    Loc,
    Misc,
}

impl Kind {
    /// All kinds in label order.
    pub const ALL: [Kind; 4] = [Kind::Per, Kind::Org, Kind::Loc, Kind::Misc];

    /// Position in [`Kind::ALL`].
    pub fn index(self) -> usize {
        match self {
            Kind::Per => 0,
            Kind::Org => 1,
            Kind::Loc => 2,
            Kind::Misc => 3,
        }
    }

    /// CoNLL name: `PER`, `ORG`, `LOC` or `MISC`.
    pub fn name(self) -> &'static str {
        ["PER", "ORG", "LOC", "MISC"][self.index()]
    }

    /// Parses a CoNLL name.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "PER" => Some(Kind::Per),
            "ORG" => Some(Kind::Org),
            "LOC" => Some(Kind::Loc),
            "MISC" => Some(Kind::Misc),
            _ => None,
        }
    }
}

/// An entity mention: token indices `[start, end)` within a sentence.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// One training sentence: tokens and gold spans.
#[derive(Clone, Debug, Default)]
pub struct TrainSentence {
    pub tokens: Vec<String>,
    pub spans: Vec<Span>,
}

/// One training document.
#[derive(Clone, Debug, Default)]
pub struct TrainDoc {
    pub sentences: Vec<TrainSentence>,
}

/// Gazetteer texts, one entry per line (multi-word entries separated by spaces).
#[derive(Clone, Debug, Default)]
pub struct Gazetteers {
    pub places: String,
    pub first_names: String,
    pub last_names: String,
    pub org_suffixes: String,
    /// Word clusters learnt from unlabelled text ([`learn_clusters`]): a lowercase word and
    /// its classes, tab-separated, one word a line. Empty for none.
    pub clusters: String,
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data for each stage.
    pub epochs: usize,
    /// log2 of the number of rows in the hashed weight table.
    pub hash_bits: u32,
    /// Seed for the document shuffle.
    pub seed: u64,
    /// Each stage is trained this many times with different shuffles (seeds `seed`,
    /// `seed + 1`, ...) on parallel threads and the weights are averaged.
    pub seeds: usize,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Cross-validation folds used to produce first-stage predictions for the second stage;
    /// 0 or 1 trains a single-stage model.
    pub folds: usize,
    pub gazetteers: Gazetteers,
    /// Development documents scored after every epoch when `verbose` is set.
    pub dev: Vec<TrainDoc>,
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 20,
            hash_bits: 18,
            seed: 1,
            seeds: 5,
            min_count: 2,
            folds: 4,
            gazetteers: Gazetteers::default(),
            dev: Vec::new(),
            verbose: false,
        }
    }
}
