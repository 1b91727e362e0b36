//! Named-entity tagger (PER / ORG / LOC / MISC) for tokenized news text.
//!
//! The model is a two-stage structured averaged perceptron over BILOU tags with first-order
//! Viterbi decoding under BILOU transition constraints. Features are hashed into a fixed-size
//! weight table (no strings are built while tagging): word, lowercase word, word shape,
//! prefixes and suffixes, a ±2 window, capitalisation flags, headline (all-caps) context,
//! gazetteer matches (places, first and last names, company suffixes) and document-level
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
//! Gazetteers are stored inside the model file, so a model is self-contained. The file format
//! is a short header followed by a deflate stream holding the gazetteer texts and the nonzero
//! weights quantised to 16 bits.

#![allow(clippy::needless_range_loop)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};

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

// ---------------------------------------------------------------------------------------------
// Labels (BILOU)

const NC: usize = 17;
const O: u8 = 0;

fn label(kind: usize, pos: usize) -> u8 {
    (1 + kind * 4 + pos) as u8
}
fn kind_of(l: u8) -> usize {
    (l as usize - 1) / 4
}
fn pos_of(l: u8) -> usize {
    (l as usize - 1) % 4
}
const P_B: usize = 0;
const P_I: usize = 1;
const P_L: usize = 2;
const P_U: usize = 3;

fn allowed(prev: Option<u8>, cur: u8) -> bool {
    let open = |l: u8| l != O && (pos_of(l) == P_B || pos_of(l) == P_I);
    match prev {
        Some(p) if open(p) => {
            cur != O && kind_of(cur) == kind_of(p) && matches!(pos_of(cur), P_I | P_L)
        }
        _ => cur == O || matches!(pos_of(cur), P_B | P_U),
    }
}

fn can_end(l: u8) -> bool {
    l == O || matches!(pos_of(l), P_L | P_U)
}

fn spans_to_labels(n: usize, spans: &[Span], out: &mut Vec<u8>) {
    out.clear();
    out.resize(n, O);
    for s in spans {
        let k = s.kind.index();
        if s.end <= s.start || s.end > n {
            continue;
        }
        if s.end - s.start == 1 {
            out[s.start] = label(k, P_U);
        } else {
            out[s.start] = label(k, P_B);
            for l in &mut out[s.start + 1..s.end - 1] {
                *l = label(k, P_I);
            }
            out[s.end - 1] = label(k, P_L);
        }
    }
}

fn labels_to_spans(labels: &[u8]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        if l == O {
            open = None;
            continue;
        }
        let (k, p) = (kind_of(l), pos_of(l));
        let start = match open {
            Some((s, ok)) if ok == k && matches!(p, P_I | P_L) => s,
            _ => i,
        };
        if matches!(p, P_L | P_U) {
            spans.push(Span {
                start,
                end: i + 1,
                kind: Kind::ALL[k],
            });
            open = None;
        } else {
            open = Some((start, k));
        }
    }
    if let Some((s, k)) = open {
        spans.push(Span {
            start: s,
            end: labels.len(),
            kind: Kind::ALL[k],
        });
    }
    spans
}

// ---------------------------------------------------------------------------------------------
// Hashing

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn fnv(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(FNV_PRIME)
}

#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[inline]
fn combine(a: u64, b: u64) -> u64 {
    mix(a ^ b.rotate_left(17).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

#[derive(Default)]
struct IdHasher(u64);
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
type IdBuild = BuildHasherDefault<IdHasher>;

/// Hash of the lowercase form of a word.
fn lower_hash(w: &str) -> u64 {
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

// ---------------------------------------------------------------------------------------------
// Token analysis

const F_INIT_CAP: u16 = 1;
const F_ALL_CAPS: u16 = 2;
const F_HAS_DIGIT: u16 = 4;
const F_ALL_DIGIT: u16 = 8;
const F_HAS_HYPHEN: u16 = 16;
const F_HAS_PERIOD: u16 = 32;
const F_HAS_LOWER: u16 = 64;
const F_NO_ALNUM: u16 = 128;
const F_HAS_UPPER: u16 = 256;
const F_MIXED: u16 = 512;

#[derive(Clone, Copy, Default)]
struct TokInfo {
    word: u64,
    lower: u64,
    shape: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    flags: u16,
    len: u8,
}

fn analyze(w: &str) -> TokInfo {
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
fn affixes(w: &str, t: &mut TokInfo) {
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

// ---------------------------------------------------------------------------------------------
// Gazetteers

const G_PLACE_B: u8 = 1;
const G_PLACE_I: u8 = 2;
const G_PLACE_U: u8 = 4;
const G_FIRST: u8 = 8;
const G_LAST: u8 = 16;
const G_SUFFIX: u8 = 32;

struct Gaz {
    /// Place names ([`SEQ_ENTRY`], [`SEQ_PREFIX`]), and given names and surnames
    /// ([`NAME_FIRST`], [`NAME_LAST`]) in one table: a capitalised word costs one look-up.
    words: Sequences,
    place_max: usize,
    suffix: Sequences,
    suffix_max: usize,
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
    fn new(g: &Gazetteers) -> Gaz {
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
        }
    }

    /// Marks gazetteer matches for one sentence.
    fn mark(&self, info: &[TokInfo], out: &mut [u8]) {
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

// ---------------------------------------------------------------------------------------------
// Featurization

/// Per-document analysis shared by both stages.
#[derive(Default)]
struct DocCtx {
    info: Vec<TokInfo>,
    gaz: Vec<u8>,
    /// sentence start offsets into `info`, plus the total at the end
    sent: Vec<usize>,
    caps_sent: Vec<bool>,
    /// per token: evidence from elsewhere in the document, a small code
    doc_cap: Vec<u8>,
    /// capitalised-run position code per token
    run: Vec<u8>,
    /// lowercase hash of the document's first word (often a topic slug such as a sport)
    topic: u64,
    /// sentence index of each token
    sent_of: Vec<u32>,
    /// (lowercase hash, token index) of capitalised tokens, sorted
    occ: Vec<(u64, u32)>,
    /// per token: its group range in `occ` (empty when not capitalised)
    grp: Vec<(u32, u32)>,
    /// per token: whether it could be part of a name (see [`DocCtx::mark_candidates`]); the
    /// others are labelled O without being scored
    cand: Vec<bool>,
}

const SENT_START: u64 = 0x0053_5441_5254;
const SENT_END: u64 = 0x0045_4e44;

impl DocCtx {
    /// Analyses a document. Only candidate tokens get prefixes, suffixes and features; with
    /// `only_candidates` false (training) every token counts as one.
    fn build(&mut self, gaz: &Gaz, doc: &[Vec<&str>], only_candidates: bool) {
        self.info.clear();
        self.sent.clear();
        self.caps_sent.clear();
        for s in doc {
            self.sent.push(self.info.len());
            for w in s {
                self.info.push(analyze(w));
            }
            let toks = &self.info[self.sent[self.sent.len() - 1]..];
            let letters = toks
                .iter()
                .filter(|t| t.flags & F_HAS_UPPER != 0 || t.flags & F_HAS_LOWER != 0)
                .count();
            let caps = toks
                .iter()
                .filter(|t| t.flags & F_ALL_CAPS != 0 && t.len > 1)
                .count();
            self.caps_sent
                .push(letters >= 2 && caps * 10 >= letters * 6);
        }
        let total = self.info.len();
        self.sent.push(total);
        if only_candidates {
            self.mark_candidates(doc);
        } else {
            self.cand.clear();
            self.cand.resize(total, true);
        }
        for (i, w) in doc.iter().flatten().enumerate() {
            if self.cand[i] {
                affixes(w, &mut self.info[i]);
            }
        }
        self.topic = self.info.first().map_or(0, |t| t.lower);
        self.gaz.clear();
        self.gaz.resize(total, 0);
        for k in 0..doc.len() {
            let (a, b) = (self.sent[k], self.sent[k + 1]);
            gaz.mark(&self.info[a..b], &mut self.gaz[a..b]);
        }
        // capitalisation evidence: counts per lowercase form of (lowercase, title-case mid
        // sentence, all-caps mid sentence) occurrences in ordinary (non-headline) sentences
        // (only forms that are capitalised somewhere are ever looked up)
        let mut counts: HashMap<u64, [u16; 3], IdBuild> = HashMap::default();
        for t in &self.info {
            if t.flags & F_HAS_UPPER != 0 {
                counts.insert(t.lower, [0; 3]);
            }
        }
        let cls = |t: &TokInfo| -> Option<usize> {
            if t.flags & F_HAS_UPPER == 0 && t.flags & F_HAS_LOWER != 0 {
                Some(0)
            } else if t.flags & F_INIT_CAP != 0 && t.flags & F_HAS_LOWER != 0 {
                Some(1)
            } else if t.flags & F_ALL_CAPS != 0 && t.len > 1 {
                Some(2)
            } else {
                None
            }
        };
        for k in 0..doc.len() {
            if self.caps_sent[k] {
                continue;
            }
            for i in self.sent[k] + 1..self.sent[k + 1] {
                if let Some(c) = cls(&self.info[i])
                    && let Some(e) = counts.get_mut(&self.info[i].lower)
                {
                    e[c] = e[c].saturating_add(1);
                }
            }
        }
        self.doc_cap.clear();
        self.doc_cap.resize(total, 0);
        for k in 0..doc.len() {
            let caps = self.caps_sent[k];
            for i in self.sent[k]..self.sent[k + 1] {
                let t = &self.info[i];
                if t.flags & F_HAS_UPPER == 0 {
                    continue;
                }
                let mut c = counts.get(&t.lower).copied().unwrap_or([0; 3]);
                if !caps
                    && i > self.sent[k]
                    && let Some(own) = cls(t)
                {
                    c[own] = c[own].saturating_sub(1);
                }
                let code = (c[0] > 0) as u8 | ((c[1] > 0) as u8) << 1 | ((c[2] > 0) as u8) << 2;
                self.doc_cap[i] = 1 + code;
            }
        }
        // occurrences of the same capitalised word elsewhere in the document
        self.sent_of.clear();
        for k in 0..doc.len() {
            for _ in self.sent[k]..self.sent[k + 1] {
                self.sent_of.push(k as u32);
            }
        }
        self.occ.clear();
        for (i, t) in self.info.iter().enumerate() {
            if t.flags & F_HAS_UPPER != 0 && t.flags & F_HAS_LOWER != 0
                || t.flags & F_ALL_CAPS != 0 && t.len > 1
            {
                self.occ.push((t.lower, i as u32));
            }
        }
        self.occ.sort_unstable();
        self.grp.clear();
        self.grp.resize(total, (0, 0));
        let mut g = 0;
        while g < self.occ.len() {
            let mut e = g;
            while e < self.occ.len() && self.occ[e].0 == self.occ[g].0 {
                e += 1;
            }
            for q in g..e {
                self.grp[self.occ[q].1 as usize] = (g as u32, e as u32);
            }
            g = e;
        }
        // capitalised runs
        self.run.clear();
        self.run.resize(total, 0);
        for k in 0..doc.len() {
            let (a, b) = (self.sent[k], self.sent[k + 1]);
            let mut i = a;
            while i < b {
                if self.info[i].flags & F_INIT_CAP != 0 {
                    let mut j = i;
                    while j < b && self.info[j].flags & F_INIT_CAP != 0 {
                        j += 1;
                    }
                    let len = (j - i).min(4) as u8;
                    for p in i..j {
                        let pos = if j - i == 1 {
                            0
                        } else if p == i {
                            1
                        } else if p + 1 == j {
                            2
                        } else {
                            3
                        };
                        self.run[p] = 1 + pos + 4 * len;
                    }
                    i = j;
                } else {
                    i += 1;
                }
            }
        }
    }

    /// Marks the tokens the tagger scores. Names are capitalised: a token is scored when it
    /// has an upper-case letter, when it bridges capitalised words a token or two away on
    /// both sides ("Bank of England", "Edwin van der Sar"), or when it is a number,
    /// punctuation or a possessive next to one ("Schalke 04", "McDonald 's"). Everything
    /// else is O. On CoNLL-2003 this keeps 35% of the tokens and 99.9% of the tokens of
    /// person, organisation and place names.
    fn mark_candidates(&mut self, doc: &[Vec<&str>]) {
        let (info, cand) = (&self.info, &mut self.cand);
        cand.clear();
        cand.resize(info.len(), false);
        let mut base = 0;
        for s in doc {
            let n = s.len();
            let up = |j: isize| {
                j >= 0 && (j as usize) < n && info[base + j as usize].flags & F_HAS_UPPER != 0
            };
            for (i, w) in s.iter().enumerate() {
                let t = &info[base + i];
                let j = i as isize;
                let next_to_upper = up(j - 1) || up(j + 1);
                cand[base + i] = t.flags & F_HAS_UPPER != 0
                    || (up(j - 1) || up(j - 2)) && (up(j + 1) || up(j + 2))
                    || next_to_upper
                        && (t.flags & (F_HAS_DIGIT | F_NO_ALNUM) != 0
                            || w.eq_ignore_ascii_case("'s")
                            || *w == "\u{2019}s");
            }
            base += n;
        }
    }
}

/// Maps (feature template, value hash) to a row of the weight table.
struct RowHasher {
    shift: u32,
}

impl RowHasher {
    #[inline]
    fn row(&self, tmpl: u64, v: u64) -> u32 {
        (mix(v ^ tmpl.wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> self.shift) as u32
    }
}

/// Emits stage-one feature rows for token `i` of the document, which lies in sentence `k`.
fn local_features(h: &RowHasher, ctx: &DocCtx, k: usize, i: usize, out: &mut Vec<u32>) {
    let (a, b) = (ctx.sent[k], ctx.sent[k + 1]);
    let t = &ctx.info[i];
    let caps = ctx.caps_sent[k] as u64;
    let first = (i == a) as u64;
    let lw = |j: isize| -> u64 {
        let p = i as isize + j;
        if p < a as isize {
            SENT_START.wrapping_add((-j) as u64)
        } else if p >= b as isize {
            SENT_END.wrapping_add(j as u64)
        } else {
            ctx.info[p as usize].lower
        }
    };
    let sh = |j: isize| -> u64 {
        let p = i as isize + j;
        if p < a as isize {
            SENT_START.wrapping_add((-j) as u64)
        } else if p >= b as isize {
            SENT_END.wrapping_add(j as u64)
        } else {
            ctx.info[p as usize].shape
        }
    };
    let gz = |j: isize| -> u64 {
        let p = i as isize + j;
        if p < a as isize || p >= b as isize {
            0x100
        } else {
            ctx.gaz[p as usize] as u64
        }
    };
    out.push(h.row(1, 0));
    out.push(h.row(2, t.word));
    out.push(h.row(3, t.lower));
    out.push(h.row(4, t.shape));
    for q in 0..4 {
        out.push(h.row(5 + q as u64, t.pre[q]));
        out.push(h.row(9 + q as u64, t.suf[q]));
    }
    out.push(h.row(13, lw(-1)));
    out.push(h.row(14, lw(1)));
    out.push(h.row(15, lw(-2)));
    out.push(h.row(16, lw(2)));
    out.push(h.row(17, sh(-1)));
    out.push(h.row(18, sh(1)));
    out.push(h.row(19, sh(-2)));
    out.push(h.row(20, sh(2)));
    out.push(h.row(21, combine(lw(-1), t.lower)));
    out.push(h.row(22, combine(t.lower, lw(1))));
    out.push(h.row(23, combine(combine(sh(-1), t.shape), sh(1))));
    out.push(h.row(24, combine(t.shape, first | caps << 1)));
    out.push(h.row(25, (t.flags as u64) | first << 12 | caps << 13));
    let g = gz(0);
    out.push(h.row(26, g | (t.flags as u64 & 3) << 9 | caps << 11));
    out.push(h.row(27, gz(-1)));
    out.push(h.row(28, gz(1)));
    out.push(h.row(29, combine(gz(-1), combine(g, gz(1)))));
    out.push(h.row(
        30,
        ctx.doc_cap[i] as u64 | first << 8 | caps << 9 | (t.flags as u64 & 3) << 10,
    ));
    out.push(h.row(31, (t.len as u64).min(12) | (t.flags as u64 & 3) << 8));
    out.push(h.row(32, combine(t.lower, first | caps << 1)));
    out.push(h.row(33, combine(lw(-1), t.shape)));
    out.push(h.row(34, combine(t.shape, lw(1))));
    out.push(h.row(35, ctx.run[i] as u64 | first << 8 | caps << 9));
    out.push(h.row(36, combine(lw(1), lw(2))));
    out.push(h.row(37, combine(lw(-2), lw(-1))));
    out.push(h.row(38, combine(t.suf[2], t.shape)));
    if t.flags & F_HAS_UPPER != 0 {
        out.push(h.row(45, combine(ctx.topic, g & 7 | (t.flags as u64 & 3) << 3)));
        out.push(h.row(46, combine(ctx.topic, lw(-1))));
    }
    // context aggregation: neighbours of the other occurrences of this word in the document
    let (g0, g1) = ctx.grp[i];
    let mut seen = 0;
    for &(_, j) in &ctx.occ[g0 as usize..g1 as usize] {
        let j = j as usize;
        if j == i {
            continue;
        }
        let s = ctx.sent_of[j] as usize;
        let (sa, sb) = (ctx.sent[s], ctx.sent[s + 1]);
        if ctx.caps_sent[s] {
            continue;
        }
        let prev = if j > sa {
            ctx.info[j - 1].lower
        } else {
            SENT_START
        };
        let next = if j + 1 < sb {
            ctx.info[j + 1].lower
        } else {
            SENT_END
        };
        out.push(h.row(40, prev));
        out.push(h.row(41, next));
        let prev2 = if j > sa + 1 {
            ctx.info[j - 2].lower
        } else {
            SENT_START
        };
        let next2 = if j + 2 < sb {
            ctx.info[j + 2].lower
        } else {
            SENT_END
        };
        out.push(h.row(42, prev2));
        out.push(h.row(43, next2));
        seen += 1;
        if seen >= 6 {
            break;
        }
    }
}

/// Per-document statistics of first-stage labels by lowercase form.
#[derive(Default)]
struct Stage1Stats {
    counts: HashMap<u64, [u16; NC], IdBuild>,
    /// [`Stage1Stats::summary`] of every token, worked out once
    summaries: Vec<(u64, u64, u64)>,
}

impl Stage1Stats {
    fn build(&mut self, ctx: &DocCtx, labels: &[u8]) {
        self.counts.clear();
        for (t, &l) in ctx.info.iter().zip(labels) {
            if t.flags & F_HAS_UPPER == 0 {
                continue;
            }
            let e = self.counts.entry(t.lower).or_insert([0; NC]);
            e[l as usize] = e[l as usize].saturating_add(1);
        }
        let mut summaries = std::mem::take(&mut self.summaries);
        summaries.clear();
        summaries.extend(
            ctx.info
                .iter()
                .zip(labels)
                .map(|(t, &l)| self.summary(t, l)),
        );
        self.summaries = summaries;
    }

    /// How the other occurrences of this (capitalised) word in the document were labelled by
    /// the first stage: (majority kind index, 4 for O, 15 when there are none; bitmask of the
    /// kinds seen, bit 4 for O; most frequent full BILOU label).
    fn summary(&self, t: &TokInfo, own: u8) -> (u64, u64, u64) {
        if t.flags & F_HAS_UPPER == 0 {
            return (15, 0, 0);
        }
        let mut c = match self.counts.get(&t.lower) {
            Some(c) => *c,
            None => return (15, 0, 0),
        };
        c[own as usize] = c[own as usize].saturating_sub(1);
        let mut kinds = [0u32; 5];
        let mut best_label = 0usize;
        for l in 0..NC {
            if c[l] > c[best_label] {
                best_label = l;
            }
            if l == 0 {
                kinds[4] += c[l] as u32;
            } else {
                kinds[kind_of(l as u8)] += c[l] as u32;
            }
        }
        let total: u32 = kinds.iter().sum();
        if total == 0 {
            return (15, 0, 0);
        }
        let mut best = 4;
        let mut mask = 0u64;
        for (k, &n) in kinds.iter().enumerate() {
            if n > kinds[best] {
                best = k;
            }
            if n > 0 {
                mask |= 1 << k;
            }
        }
        (best as u64, mask, best_label as u64)
    }
}

fn stage2_features(
    h: &RowHasher,
    ctx: &DocCtx,
    st: &Stage1Stats,
    p1: &[u8],
    k: usize,
    i: usize,
    out: &mut Vec<u32>,
) {
    let (a, b) = (ctx.sent[k], ctx.sent[k + 1]);
    let pl = |j: isize| -> u64 {
        let p = i as isize + j;
        if p < a as isize || p >= b as isize {
            99
        } else {
            p1[p as usize] as u64
        }
    };
    let t = &ctx.info[i];
    let cap = (t.flags & 3) as u64;
    out.push(h.row(60, pl(0)));
    out.push(h.row(61, pl(-1) << 8 | pl(0)));
    out.push(h.row(62, pl(0) << 8 | pl(1)));
    out.push(h.row(63, pl(-1) << 16 | pl(0) << 8 | pl(1)));
    let (maj, mask, best_label) = st.summaries[i];
    out.push(h.row(64, maj | cap << 8));
    out.push(h.row(65, mask | cap << 8));
    out.push(h.row(66, best_label | cap << 8 | pl(0) << 16));
    out.push(h.row(67, combine(maj, t.lower)));
    out.push(h.row(71, combine(ctx.topic, pl(0))));
    for j in [-1isize, 1] {
        let p = i as isize + j;
        if p >= a as isize && p < b as isize {
            let p = p as usize;
            let (m, _, _) = st.summaries[p];
            out.push(h.row(68 + (j + 1) as u64, m | pl(j) << 8));
        }
    }
}

/// Featurized document: rows for every token, stage one then (optionally) stage two.
#[derive(Default)]
struct Feats {
    rows1: Vec<u32>,
    off1: Vec<u32>,
    rows2: Vec<u32>,
    off2: Vec<u32>,
}

/// Stage-one rows for the candidate tokens, the others getting none.
fn featurize1(h: &RowHasher, ctx: &DocCtx, f: &mut Feats) {
    f.rows1.clear();
    f.off1.clear();
    f.off1.push(0);
    for k in 0..ctx.sent.len() - 1 {
        for i in ctx.sent[k]..ctx.sent[k + 1] {
            if ctx.cand[i] {
                local_features(h, ctx, k, i, &mut f.rows1);
            }
            f.off1.push(f.rows1.len() as u32);
        }
    }
}

/// Stage-two rows for the candidate tokens, the others getting none.
fn featurize2(h: &RowHasher, ctx: &DocCtx, st: &Stage1Stats, p1: &[u8], f: &mut Feats) {
    f.rows2.clear();
    f.off2.clear();
    f.off2.push(0);
    for k in 0..ctx.sent.len() - 1 {
        for i in ctx.sent[k]..ctx.sent[k + 1] {
            if ctx.cand[i] {
                stage2_features(h, ctx, st, p1, k, i, &mut f.rows2);
            }
            f.off2.push(f.rows2.len() as u32);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding

#[derive(Clone)]
struct Trans {
    trans: Vec<f32>,
    start: Vec<f32>,
    /// `trans` with minus infinity where BILOU forbids the transition
    masked: Vec<f32>,
}

impl Trans {
    fn new(trans: Vec<f32>, start: Vec<f32>) -> Trans {
        let masked = (0..NC * NC)
            .map(|k| {
                let (p, c) = ((k / NC) as u8, (k % NC) as u8);
                if allowed(Some(p), c) {
                    trans[k]
                } else {
                    f32::NEG_INFINITY
                }
            })
            .collect();
        Trans {
            trans,
            start,
            masked,
        }
    }
}

fn viterbi(em: &[f32], n: usize, tr: &Trans, hist: &mut Vec<f32>, out: &mut [u8]) {
    viterbi_span(em, n, tr, false, false, hist, out);
}

/// Asks the processor to bring the cache lines of a weight row in, without waiting for them.
#[inline(always)]
fn prefetch(row: &[i16]) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let p = row.as_ptr() as *const i8;
        // SAFETY: a prefetch is only a hint; it never faults and reads nothing the program
        // sees. Both lines of the row (it may straddle two) are asked for.
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(p);
            _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(std::mem::size_of_val(row).min(64)));
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = row;
}

/// Labels every run of candidate tokens with [`viterbi_span`]; the other tokens are O.
/// `em` holds the emissions of the whole document, token by token.
fn decode_candidates(ctx: &DocCtx, em: &[f32], tr: &Trans, hist: &mut Vec<f32>, out: &mut [u8]) {
    for k in 0..ctx.sent.len() - 1 {
        let (a, b) = (ctx.sent[k], ctx.sent[k + 1]);
        let mut i = a;
        while i < b {
            if !ctx.cand[i] {
                out[i] = O;
                i += 1;
                continue;
            }
            let mut j = i;
            while j < b && ctx.cand[j] {
                j += 1;
            }
            viterbi_span(
                &em[i * NC..j * NC],
                j - i,
                tr,
                i > a,
                j < b,
                hist,
                &mut out[i..j],
            );
            i = j;
        }
    }
}

/// Best BILOU labelling of `n` tokens from their emissions. The span opens a sentence, or
/// follows an O token when `after_o`; it closes the sentence, or precedes an O token when
/// `before_o`.
fn viterbi_span(
    em: &[f32],
    n: usize,
    tr: &Trans,
    after_o: bool,
    before_o: bool,
    hist: &mut Vec<f32>,
    out: &mut [u8],
) {
    if n == 0 {
        return;
    }
    const NEG: f32 = f32::NEG_INFINITY;
    // Forward: every position's best scores, kept for the way back. Forbidden transitions
    // score minus infinity, so each step is a dense max over all label pairs (vectorised).
    hist.clear();
    hist.resize(n * NC, NEG);
    for c in 0..NC {
        if allowed(None, c as u8) {
            hist[c] = em[c]
                + if after_o {
                    tr.trans[O as usize * NC + c]
                } else {
                    tr.start[c]
                };
        }
    }
    for i in 1..n {
        let (done, rest) = hist.split_at_mut(i * NC);
        let score = &done[(i - 1) * NC..];
        let mut next = [NEG; NC];
        for (p, &sp) in score.iter().enumerate() {
            let row = &tr.masked[p * NC..(p + 1) * NC];
            for c in 0..NC {
                let s = sp + row[c];
                if s > next[c] {
                    next[c] = s;
                }
            }
        }
        for c in 0..NC {
            rest[c] = next[c] + em[i * NC + c];
        }
    }
    let last = &hist[(n - 1) * NC..];
    let mut best = NEG;
    let mut arg = 0u8;
    for c in 0..NC {
        let s = last[c]
            + if before_o {
                tr.trans[c * NC + O as usize]
            } else {
                0.0
            };
        if s > best && can_end(c as u8) {
            best = s;
            arg = c as u8;
        }
    }
    out[n - 1] = arg;
    // Back: the first best predecessor of each chosen label, found again.
    for i in (1..n).rev() {
        let c = out[i] as usize;
        let score = &hist[(i - 1) * NC..i * NC];
        let mut best = NEG;
        let mut arg = 0u8;
        for (p, &sp) in score.iter().enumerate() {
            let s = sp + tr.masked[p * NC + c];
            if s > best {
                best = s;
                arg = p as u8;
            }
        }
        out[i - 1] = arg;
    }
}

// ---------------------------------------------------------------------------------------------
// Training

struct Learner {
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

impl Learner {
    fn new(rows: usize) -> Learner {
        Learner {
            w: vec![0.0; rows * NC],
            u: vec![0.0; rows * NC],
            tw: vec![0.0; (NC + 1) * NC],
            tu: vec![0.0; (NC + 1) * NC],
            c: 1.0,
        }
    }

    fn emissions(&self, rows: &[u32], off: &[u32], em: &mut Vec<f32>) {
        let n = off.len() - 1;
        em.clear();
        em.resize(n * NC, 0.0);
        for i in 0..n {
            let e = &mut em[i * NC..(i + 1) * NC];
            for &r in &rows[off[i] as usize..off[i + 1] as usize] {
                let wr = &self.w[r as usize * NC..(r as usize + 1) * NC];
                for c in 0..NC {
                    e[c] += wr[c];
                }
            }
        }
    }

    fn trans(&self) -> Trans {
        Trans::new(self.tw[..NC * NC].to_vec(), self.tw[NC * NC..].to_vec())
    }

    fn update_rows(&mut self, rows: &[u32], class: u8, d: f32) {
        let cd = self.c * d;
        for &r in rows {
            let idx = r as usize * NC + class as usize;
            self.w[idx] += d;
            self.u[idx] += cd;
        }
    }

    fn update_trans(&mut self, prev: Option<u8>, cur: u8, d: f32) {
        let idx = match prev {
            Some(p) => p as usize * NC + cur as usize,
            None => NC * NC + cur as usize,
        };
        self.tw[idx] += d;
        self.tu[idx] += self.c * d;
    }

    fn averaged(&self) -> (Vec<f32>, Trans) {
        let inv = 1.0 / self.c;
        let w: Vec<f32> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| w - u * inv)
            .collect();
        let t: Vec<f32> = self
            .tw
            .iter()
            .zip(&self.tu)
            .map(|(w, u)| w - u * inv)
            .collect();
        (w, Trans::new(t[..NC * NC].to_vec(), t[NC * NC..].to_vec()))
    }
}

/// A featurized training document.
struct PreDoc {
    f: Feats,
    gold: Vec<u8>,
    sent: Vec<usize>,
    ctx_idx: usize,
}

/// Reusable decoding buffers.
#[derive(Default)]
struct DecodeBuf {
    em: Vec<f32>,
    hist: Vec<f32>,
    pred: Vec<u8>,
}

fn perceptron_step(
    l: &mut Learner,
    rows: &[u32],
    off: &[u32],
    gold: &[u8],
    (a, b): (usize, usize),
    buf: &mut DecodeBuf,
) {
    let DecodeBuf { em, hist, pred } = buf;
    let n = b - a;
    if n == 0 {
        return;
    }
    l.emissions(rows, &off[a..=b], em);
    let tr = l.trans();
    pred.clear();
    pred.resize(n, 0);
    viterbi(em, n, &tr, hist, pred);
    let g = &gold[a..b];
    if pred[..] != g[..] {
        for i in 0..n {
            if pred[i] != g[i] {
                let r = &rows[off[a + i] as usize..off[a + i + 1] as usize];
                l.update_rows(r, g[i], 1.0);
                l.update_rows(r, pred[i], -1.0);
            }
            let gp = if i == 0 { None } else { Some(g[i - 1]) };
            let pp = if i == 0 { None } else { Some(pred[i - 1]) };
            if gp != pp || g[i] != pred[i] {
                l.update_trans(gp, g[i], 1.0);
                l.update_trans(pp, pred[i], -1.0);
            }
        }
    }
    l.c += 1.0;
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains one stage with `opts.seeds` shuffles in parallel and averages the weights.
fn train_avg(
    docs: &[PreDoc],
    subset: &[usize],
    rows: usize,
    opts: &TrainOptions,
    stage2: bool,
    on_epoch: impl FnMut(usize, &Learner),
) -> (Vec<f32>, Trans) {
    if opts.seeds <= 1 {
        return train_stage(docs, subset, rows, opts, stage2, on_epoch).averaged();
    }
    let results: Vec<(Vec<f32>, Trans)> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..opts.seeds)
            .map(|k| {
                let o = TrainOptions {
                    seed: opts.seed.wrapping_add(k as u64),
                    dev: Vec::new(),
                    gazetteers: Gazetteers::default(),
                    ..opts.clone()
                };
                sc.spawn(move || train_stage(docs, subset, rows, &o, stage2, |_, _| {}).averaged())
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("training thread"))
            .collect()
    });
    let inv = 1.0 / results.len() as f32;
    let mut w = vec![0.0f32; results[0].0.len()];
    let mut trans = vec![0.0; NC * NC];
    let mut start = vec![0.0; NC];
    for (rw, rt) in &results {
        for (a, b) in w.iter_mut().zip(rw) {
            *a += b * inv;
        }
        for (a, b) in trans.iter_mut().zip(&rt.trans) {
            *a += b * inv;
        }
        for (a, b) in start.iter_mut().zip(&rt.start) {
            *a += b * inv;
        }
    }
    (w, Trans::new(trans, start))
}

/// Trains one stage on the given documents; `stage2` selects which rows are used.
fn train_stage(
    docs: &[PreDoc],
    subset: &[usize],
    rows: usize,
    opts: &TrainOptions,
    stage2: bool,
    mut on_epoch: impl FnMut(usize, &Learner),
) -> Learner {
    let mut l = Learner::new(rows);
    let mut order: Vec<usize> = subset.to_vec();
    let mut rng = Rng(opts.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut buf = DecodeBuf::default();
    let mut combined_rows: Vec<u32> = Vec::new();
    let mut combined_off: Vec<u32> = Vec::new();
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            let doc = &docs[d];
            let (rows, off): (&[u32], &[u32]) = if stage2 {
                combined_rows.clear();
                combined_off.clear();
                combined_off.push(0);
                let n = doc.f.off1.len() - 1;
                for i in 0..n {
                    combined_rows.extend_from_slice(
                        &doc.f.rows1[doc.f.off1[i] as usize..doc.f.off1[i + 1] as usize],
                    );
                    combined_rows.extend_from_slice(
                        &doc.f.rows2[doc.f.off2[i] as usize..doc.f.off2[i + 1] as usize],
                    );
                    combined_off.push(combined_rows.len() as u32);
                }
                (&combined_rows, &combined_off)
            } else {
                (&doc.f.rows1, &doc.f.off1)
            };
            for k in 0..doc.sent.len() - 1 {
                perceptron_step(
                    &mut l,
                    rows,
                    off,
                    &doc.gold,
                    (doc.sent[k], doc.sent[k + 1]),
                    &mut buf,
                );
            }
        }
        on_epoch(epoch, &l);
    }
    l
}

fn decode_doc(w: &[f32], tr: &Trans, rows: &[u32], off: &[u32], sent: &[usize], out: &mut Vec<u8>) {
    let n = off.len() - 1;
    out.clear();
    out.resize(n, 0);
    let mut em = vec![0.0f32; 0];
    let mut back = Vec::new();
    for k in 0..sent.len() - 1 {
        let (a, b) = (sent[k], sent[k + 1]);
        em.clear();
        em.resize((b - a) * NC, 0.0);
        for i in a..b {
            let e = &mut em[(i - a) * NC..(i - a + 1) * NC];
            for &r in &rows[off[i] as usize..off[i + 1] as usize] {
                let wr = &w[r as usize * NC..(r as usize + 1) * NC];
                for c in 0..NC {
                    e[c] += wr[c];
                }
            }
        }
        viterbi(&em, b - a, tr, &mut back, &mut out[a..b]);
    }
}

/// Trains a model on gold-annotated documents.
pub fn train(docs: &[TrainDoc], opts: &TrainOptions) -> Model {
    let bits = opts.hash_bits.clamp(10, 26);
    let rows = 1usize << bits;
    let h = RowHasher { shift: 64 - bits };
    let gaz = Gaz::new(&opts.gazetteers);
    let t0 = std::time::Instant::now();
    let mut ctxs: Vec<DocCtx> = Vec::with_capacity(docs.len());
    let mut pre: Vec<PreDoc> = Vec::with_capacity(docs.len());
    for (di, d) in docs.iter().enumerate() {
        let toks: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.as_str()).collect())
            .collect();
        let mut ctx = DocCtx::default();
        ctx.build(&gaz, &toks, false);
        let mut f = Feats::default();
        featurize1(&h, &ctx, &mut f);
        let mut gold = Vec::new();
        let mut tmp = Vec::new();
        for s in &d.sentences {
            spans_to_labels(s.tokens.len(), &s.spans, &mut tmp);
            gold.extend_from_slice(&tmp);
        }
        pre.push(PreDoc {
            f,
            gold,
            sent: ctx.sent.clone(),
            ctx_idx: di,
        });
        ctxs.push(ctx);
    }
    // feature count cut-off
    if opts.min_count > 1 {
        let mut cnt = vec![0u8; rows];
        for p in &pre {
            for &r in &p.f.rows1 {
                cnt[r as usize] = cnt[r as usize].saturating_add(1);
            }
        }
        let min = opts.min_count.min(255) as u8;
        for p in &mut pre {
            let mut rows1 = Vec::with_capacity(p.f.rows1.len());
            let mut off1 = vec![0u32];
            for i in 0..p.f.off1.len() - 1 {
                for &r in &p.f.rows1[p.f.off1[i] as usize..p.f.off1[i + 1] as usize] {
                    if cnt[r as usize] >= min {
                        rows1.push(r);
                    }
                }
                off1.push(rows1.len() as u32);
            }
            p.f.rows1 = rows1;
            p.f.off1 = off1;
        }
    }
    if opts.verbose {
        eprintln!(
            "featurized {} docs in {:.1}s",
            docs.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    let all: Vec<usize> = (0..docs.len()).collect();
    let dev_eval = |m: &Model| -> f64 {
        let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
        for d in &opts.dev {
            let toks: Vec<Vec<&str>> = d
                .sentences
                .iter()
                .map(|s| s.tokens.iter().map(|t| t.as_str()).collect())
                .collect();
            let pred = m.tag_document(&toks);
            for (s, p) in d.sentences.iter().zip(&pred) {
                ng += s.spans.len();
                np += p.len();
                tp += p.iter().filter(|x| s.spans.contains(x)).count();
            }
        }
        if tp == 0 {
            0.0
        } else {
            let (p, r) = (tp as f64 / np as f64, tp as f64 / ng as f64);
            2.0 * p * r / (p + r)
        }
    };
    let gazetteers = opts.gazetteers.clone();
    let make_model = |stages: Vec<(Vec<f32>, Trans)>| -> Model {
        let parts = stages
            .into_iter()
            .map(|(w, trans)| {
                let (q, scale) = quantize(&w);
                (q, Stage { scale, trans })
            })
            .collect();
        Model::assemble(bits, gazetteers.clone(), parts)
    };
    let verbose_dev = opts.verbose && !opts.dev.is_empty();
    let stage1 = train_avg(&pre, &all, rows, opts, false, |e, l| {
        if verbose_dev {
            let m = make_model(vec![l.averaged()]);
            eprintln!(
                "stage1 epoch {} dev F1 {:.4} ({:.1}s)",
                e + 1,
                dev_eval(&m),
                t0.elapsed().as_secs_f64()
            );
        }
    });
    if verbose_dev && opts.seeds > 1 {
        let m = make_model(vec![stage1.clone()]);
        eprintln!(
            "stage1 dev F1 {:.4} ({:.1}s)",
            dev_eval(&m),
            t0.elapsed().as_secs_f64()
        );
    }
    if opts.folds < 2 {
        return make_model(vec![stage1]);
    }
    // cross-validated first-stage predictions
    let mut p1: Vec<Vec<u8>> = vec![Vec::new(); docs.len()];
    for fold in 0..opts.folds {
        let train_ids: Vec<usize> = all
            .iter()
            .copied()
            .filter(|d| d % opts.folds != fold)
            .collect();
        let (w, tr) = train_avg(&pre, &train_ids, rows, opts, false, |_, _| {});
        for d in all.iter().copied().filter(|d| d % opts.folds == fold) {
            let p = &pre[d];
            decode_doc(&w, &tr, &p.f.rows1, &p.f.off1, &p.sent, &mut p1[d]);
        }
        if opts.verbose {
            eprintln!(
                "fold {} done ({:.1}s)",
                fold + 1,
                t0.elapsed().as_secs_f64()
            );
        }
    }
    let mut st = Stage1Stats::default();
    for (d, p) in pre.iter_mut().enumerate() {
        let ctx = &ctxs[p.ctx_idx];
        st.build(ctx, &p1[d]);
        featurize2(&h, ctx, &st, &p1[d], &mut p.f);
    }
    let stage1_q = quantize(&stage1.0);
    let stage2 = train_avg(&pre, &all, rows, opts, true, |e, l| {
        if verbose_dev {
            let (w, trans) = l.averaged();
            let (q, scale) = quantize(&w);
            let first = Stage {
                scale: stage1_q.1,
                trans: stage1.1.clone(),
            };
            let m = Model::assemble(
                bits,
                gazetteers.clone(),
                vec![(stage1_q.0.clone(), first), (q, Stage { scale, trans })],
            );
            eprintln!(
                "stage2 epoch {} dev F1 {:.4} ({:.1}s)",
                e + 1,
                dev_eval(&m),
                t0.elapsed().as_secs_f64()
            );
        }
    });
    let model = make_model(vec![stage1, stage2]);
    if verbose_dev && opts.seeds > 1 {
        eprintln!(
            "stage2 dev F1 {:.4} ({:.1}s)",
            dev_eval(&model),
            t0.elapsed().as_secs_f64()
        );
    }
    model
}

// ---------------------------------------------------------------------------------------------
// Model

/// Per-stage parameters; the emission weights live interleaved in [`Model::w`].
#[derive(Clone)]
struct Stage {
    /// float weight = quantised * scale
    scale: f32,
    trans: Trans,
}

fn quantize(w: &[f32]) -> (Vec<i16>, f32) {
    let max = w.iter().fold(0.0f32, |m, &x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let inv = 1.0 / scale;
    let q = w
        .iter()
        .map(|&x| (x * inv).round().clamp(-32767.0, 32767.0) as i16)
        .collect();
    (q, scale)
}

/// A trained tagger.
pub struct Model {
    bits: u32,
    gaz: Gaz,
    gazetteers: Gazetteers,
    stages: Vec<Stage>,
    /// quantised emission weights, laid out `[row][stage][class]` so that one memory access
    /// serves every stage
    w: Vec<i16>,
}

const MAGIC: &[u8; 8] = b"MNERMDL2";

fn put_u32(out: &mut Vec<u8>, x: u32) {
    out.extend_from_slice(&x.to_le_bytes());
}
fn put_varint(out: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        if self.p + n > self.b.len() {
            return Err("model file truncated".into());
        }
        let s = &self.b[self.p..self.p + n];
        self.p += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, String> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn varint(&mut self) -> Result<u64, String> {
        let mut x = 0u64;
        let mut shift = 0;
        loop {
            let b = self.take(1)?[0];
            if shift > 63 {
                return Err("bad varint in model file".into());
            }
            x |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(x);
            }
            shift += 7;
        }
    }
    fn string(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|e| e.to_string())
    }
}

impl Model {
    /// Loads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err("not a tagger model file".into());
        }
        let mut body = Vec::new();
        flate2::read::DeflateDecoder::new(&bytes[8..])
            .read_to_end(&mut body)
            .map_err(|e| format!("model file corrupt: {e}"))?;
        let mut r = Reader { b: &body, p: 0 };
        let bits = r.u32()?;
        if !(10..=26).contains(&bits) {
            return Err("bad hash size in model file".into());
        }
        let nstages = r.u32()? as usize;
        if nstages == 0 || nstages > 2 {
            return Err("bad stage count in model file".into());
        }
        let gazetteers = Gazetteers {
            places: r.string()?,
            first_names: r.string()?,
            last_names: r.string()?,
            org_suffixes: r.string()?,
        };
        let size = (1usize << bits) * NC;
        let mut stages = Vec::new();
        for _ in 0..nstages {
            let scale = r.f32()?;
            let mut trans = vec![0.0; NC * NC];
            for t in &mut trans {
                *t = r.f32()?;
            }
            let mut start = vec![0.0; NC];
            for t in &mut start {
                *t = r.f32()?;
            }
            let nnz = r.u32()? as usize;
            let mut w = vec![0i16; size];
            let mut idx = 0usize;
            for k in 0..nnz {
                let gap = r.varint()? as usize;
                idx = if k == 0 { gap } else { idx + gap };
                let z = r.varint()?;
                let v = ((z >> 1) as i64) ^ -((z & 1) as i64);
                if idx >= size {
                    return Err("weight index out of range in model file".into());
                }
                w[idx] = v as i16;
            }
            stages.push((
                w,
                Stage {
                    scale,
                    trans: Trans::new(trans, start),
                },
            ));
        }
        Ok(Model::assemble(bits, gazetteers, stages))
    }

    /// Serialises the model (compressed, nonzero quantised weights only).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        put_u32(&mut body, self.bits);
        put_u32(&mut body, self.stages.len() as u32);
        for s in [
            &self.gazetteers.places,
            &self.gazetteers.first_names,
            &self.gazetteers.last_names,
            &self.gazetteers.org_suffixes,
        ] {
            put_u32(&mut body, s.len() as u32);
            body.extend_from_slice(s.as_bytes());
        }
        let width = self.stages.len() * NC;
        for (si, st) in self.stages.iter().enumerate() {
            put_u32(&mut body, st.scale.to_bits());
            for &t in st.trans.trans.iter().chain(&st.trans.start) {
                put_u32(&mut body, t.to_bits());
            }
            let weights = self
                .w
                .chunks_exact(width)
                .flat_map(|row| row[si * NC..(si + 1) * NC].iter().copied());
            let nnz = weights.clone().filter(|&x| x != 0).count();
            put_u32(&mut body, nnz as u32);
            let mut last = 0usize;
            let mut first = true;
            for (i, x) in weights.enumerate() {
                if x != 0 {
                    put_varint(&mut body, if first { i } else { i - last } as u64);
                    first = false;
                    last = i;
                    let v = x as i64;
                    put_varint(&mut body, ((v << 1) ^ (v >> 63)) as u64);
                }
            }
        }
        let mut out = MAGIC.to_vec();
        let mut enc = flate2::write::DeflateEncoder::new(&mut out, flate2::Compression::best());
        enc.write_all(&body).expect("writing to memory");
        enc.finish().expect("writing to memory");
        out
    }

    /// Tags a whole document given as sentences of token strings; returns the spans of each
    /// sentence (token indices within that sentence).
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Span>> {
        thread_local! {
            // Working memory, kept between documents: most of it is sized by the longest
            // document seen, and allocating it afresh costs as much as a short article's tags.
            static SCRATCH: RefCell<(Scratch, Vec<u8>)> = RefCell::default();
        }
        SCRATCH.with_borrow_mut(|(scratch, labels)| {
            self.label_document(sentences, scratch, labels);
            (0..sentences.len())
                .map(|k| labels_to_spans(&labels[scratch.ctx.sent[k]..scratch.ctx.sent[k + 1]]))
                .collect()
        })
    }

    /// Prefetches the weights, from class column `column` on, of `rows[from..to]` (cut to
    /// the rows there are).
    fn prefetch_rows(&self, rows: &[u32], from: usize, to: usize, column: usize) {
        let width = self.stages.len() * NC;
        for &r in &rows[from.min(rows.len())..to.min(rows.len())] {
            prefetch(&self.w[r as usize * width + column..]);
        }
    }

    fn label_document(&self, sentences: &[Vec<&str>], s: &mut Scratch, labels: &mut Vec<u8>) {
        let h = RowHasher {
            shift: 64 - self.bits,
        };
        s.ctx.build(&self.gaz, sentences, true);
        featurize1(&h, &s.ctx, &mut s.f);
        let n = s.ctx.info.len();
        labels.clear();
        labels.resize(n, O);
        let nst = self.stages.len();
        let width = nst * NC;
        s.em.clear();
        s.em.resize(n * NC, 0.0);
        // stage-one features: one pass over the rows serves all stages
        s.acc2.clear();
        s.acc2.resize(if nst > 1 { n * NC } else { 0 }, 0);
        let scale = self.stages[0].scale;
        // The weight table is far bigger than the caches: ask for the rows a token or two ahead.
        const AHEAD: usize = 80;
        let rows1 = &s.f.rows1;
        self.prefetch_rows(rows1, 0, AHEAD, 0);
        for i in (0..n).filter(|&i| s.ctx.cand[i]) {
            let (from, to) = (s.f.off1[i] as usize, s.f.off1[i + 1] as usize);
            self.prefetch_rows(rows1, from + AHEAD, to + AHEAD, 0);
            let rows = &rows1[from..to];
            let e = &mut s.em[i * NC..(i + 1) * NC];
            if nst == 1 {
                let mut acc = [0i32; NC];
                for &r in rows {
                    let wr = &self.w[r as usize * NC..(r as usize + 1) * NC];
                    for c in 0..NC {
                        acc[c] += wr[c] as i32;
                    }
                }
                for c in 0..NC {
                    e[c] = acc[c] as f32 * scale;
                }
            } else {
                let mut acc = [0i32; 2 * NC];
                for &r in rows {
                    let wr = &self.w[r as usize * width..r as usize * width + 2 * NC];
                    for c in 0..2 * NC {
                        acc[c] += wr[c] as i32;
                    }
                }
                for c in 0..NC {
                    e[c] = acc[c] as f32 * scale;
                }
                s.acc2[i * NC..(i + 1) * NC].copy_from_slice(&acc[NC..]);
            }
        }
        decode_candidates(&s.ctx, &s.em, &self.stages[0].trans, &mut s.hist, labels);
        if nst > 1 {
            let st2 = &self.stages[1];
            s.stats.build(&s.ctx, labels);
            featurize2(&h, &s.ctx, &s.stats, labels, &mut s.f);
            let rows2 = &s.f.rows2;
            self.prefetch_rows(rows2, 0, AHEAD, NC);
            for i in (0..n).filter(|&i| s.ctx.cand[i]) {
                let (from, to) = (s.f.off2[i] as usize, s.f.off2[i + 1] as usize);
                self.prefetch_rows(rows2, from + AHEAD, to + AHEAD, NC);
                let mut acc = [0i32; NC];
                acc.copy_from_slice(&s.acc2[i * NC..(i + 1) * NC]);
                for &r in &rows2[from..to] {
                    let base = r as usize * width + NC;
                    let wr = &self.w[base..base + NC];
                    for c in 0..NC {
                        acc[c] += wr[c] as i32;
                    }
                }
                let e = &mut s.em[i * NC..(i + 1) * NC];
                for c in 0..NC {
                    e[c] = acc[c] as f32 * st2.scale;
                }
            }
            decode_candidates(&s.ctx, &s.em, &st2.trans, &mut s.hist, labels);
        }
    }

    /// Builds a model from per-stage quantised weights (each `rows * NC`, row-major).
    fn assemble(bits: u32, gazetteers: Gazetteers, parts: Vec<(Vec<i16>, Stage)>) -> Model {
        let rows = 1usize << bits;
        let nst = parts.len();
        let width = nst * NC;
        let mut w = vec![0i16; rows * width];
        for (si, (q, _)) in parts.iter().enumerate() {
            for r in 0..rows {
                w[r * width + si * NC..r * width + (si + 1) * NC]
                    .copy_from_slice(&q[r * NC..(r + 1) * NC]);
            }
        }
        Model {
            bits,
            gaz: Gaz::new(&gazetteers),
            gazetteers,
            stages: parts.into_iter().map(|(_, st)| st).collect(),
            w,
        }
    }
}

#[derive(Default)]
struct Scratch {
    acc2: Vec<i32>,
    ctx: DocCtx,
    f: Feats,
    stats: Stage1Stats,
    em: Vec<f32>,
    hist: Vec<f32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(text: &str) -> TrainSentence {
        // "Word/PER" marks a single-token mention; "A/B-ORG B/L-ORG" marks multi-token ones
        let mut tokens = Vec::new();
        let mut spans = Vec::new();
        let mut open = None;
        for (i, item) in text.split_whitespace().enumerate() {
            let (w, tag) = item.split_once('/').unwrap_or((item, ""));
            tokens.push(w.to_string());
            match tag.split_once('-') {
                Some(("B", _)) => open = Some(i),
                Some(("L", k)) => spans.push(Span {
                    start: open.take().unwrap_or(i),
                    end: i + 1,
                    kind: Kind::parse(k).unwrap(),
                }),
                _ if !tag.is_empty() => spans.push(Span {
                    start: i,
                    end: i + 1,
                    kind: Kind::parse(tag).unwrap(),
                }),
                _ => {}
            }
        }
        TrainSentence { tokens, spans }
    }

    fn tiny_docs() -> Vec<TrainDoc> {
        let lines = [
            "Alice/PER visited Paris/LOC on Monday .",
            "Acme/B-ORG Corp/L-ORG hired Bob/B-PER Jones/L-PER in Berlin/LOC .",
            "The German/MISC team beat Rovers/ORG .",
            "Carol/PER said Acme/B-ORG Corp/L-ORG will open in Madrid/LOC .",
            "Bob/B-PER Jones/L-PER flew to Paris/LOC with Alice/PER .",
            "Shares in Globex/B-ORG Inc/L-ORG rose in London/LOC .",
        ];
        lines
            .iter()
            .map(|l| TrainDoc {
                sentences: vec![sent(l)],
            })
            .collect()
    }

    fn tiny_model(folds: usize) -> Model {
        let opts = TrainOptions {
            epochs: 10,
            hash_bits: 14,
            min_count: 1,
            seeds: 2,
            folds,
            gazetteers: Gazetteers {
                places: "Paris\nNew York\n".into(),
                first_names: "Alice\nBob\n".into(),
                last_names: "Jones\n".into(),
                org_suffixes: "Corp\nInc\n".into(),
            },
            ..TrainOptions::default()
        };
        train(&tiny_docs(), &opts)
    }

    type Expected = (usize, usize, Kind);

    fn check(model: &Model, input: &str, expected: &[(usize, usize, Kind)]) {
        let toks: Vec<&str> = input.split_whitespace().collect();
        let got = model.tag_document(&[toks]);
        let got: Vec<(usize, usize, Kind)> =
            got[0].iter().map(|s| (s.start, s.end, s.kind)).collect();
        assert_eq!(got, expected, "input: {input}");
    }

    #[test]
    fn train_and_tag_round_trip() {
        use Kind::*;
        for folds in [0, 2] {
            let model = tiny_model(folds);
            let cases: &[(&str, &[Expected])] = &[
                (
                    "Alice visited Paris on Monday .",
                    &[(0, 1, Per), (2, 3, Loc)],
                ),
                (
                    "Acme Corp hired Bob Jones in Berlin .",
                    &[(0, 2, Org), (3, 5, Per), (6, 7, Loc)],
                ),
                ("", &[]),
            ];
            for (input, expected) in cases {
                check(&model, input, expected);
            }
        }
    }

    #[test]
    fn model_bytes_round_trip() {
        let model = tiny_model(2);
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes).expect("round trip");
        assert_eq!(back.to_bytes(), bytes);
        let doc: Vec<Vec<&str>> = vec![
            "Bob Jones flew to Madrid .".split(' ').collect(),
            "Carol said Globex Inc rose .".split(' ').collect(),
        ];
        assert_eq!(model.tag_document(&doc), back.tag_document(&doc));
        assert!(Model::from_bytes(b"garbage").is_err());
        assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }

    #[test]
    fn bilou_conversion() {
        let spans = vec![
            Span {
                start: 0,
                end: 1,
                kind: Kind::Per,
            },
            Span {
                start: 2,
                end: 5,
                kind: Kind::Org,
            },
            Span {
                start: 5,
                end: 7,
                kind: Kind::Org,
            },
        ];
        let mut labels = Vec::new();
        spans_to_labels(8, &spans, &mut labels);
        assert_eq!(labels_to_spans(&labels), spans);
        for (i, &l) in labels.iter().enumerate() {
            let prev = if i == 0 { None } else { Some(labels[i - 1]) };
            assert!(allowed(prev, l));
        }
    }

    #[test]
    fn shipped_model_loads() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/ner.model"));
        if let Ok(bytes) = bytes {
            let model = Model::from_bytes(&bytes).expect("shipped model loads");
            let doc: Vec<Vec<&str>> = vec![
                "Angela Merkel met Microsoft executives in Paris on Tuesday ."
                    .split(' ')
                    .collect(),
            ];
            let spans = &model.tag_document(&doc)[0];
            assert!(
                spans.contains(&Span {
                    start: 0,
                    end: 2,
                    kind: Kind::Per
                }),
                "{spans:?}"
            );
            assert!(
                spans.contains(&Span {
                    start: 3,
                    end: 4,
                    kind: Kind::Org
                }),
                "{spans:?}"
            );
            assert!(
                spans.contains(&Span {
                    start: 6,
                    end: 7,
                    kind: Kind::Loc
                }),
                "{spans:?}"
            );
        }
    }
}
