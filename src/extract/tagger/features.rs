//! Featurization: the local features of stage one and the non-local ones stage two adds,
//! hashed into rows of the weight table by feature template.

use std::collections::HashMap;

use super::*;

/// Feature template ids. Each row of the weight table is found by hashing a template id
/// with a value ([`RowHasher::row`]), so the model's weights are stored by these numbers:
/// they, and the order features are emitted in, never change for a trained model.
mod template {
    /// Stage one: the word itself.
    pub(super) const BIAS: u64 = 1;
    pub(super) const WORD: u64 = 2;
    pub(super) const LOWER: u64 = 3;
    pub(super) const SHAPE: u64 = 4;
    /// Prefixes of one to four characters: `PREFIX + length - 1`.
    pub(super) const PREFIX: u64 = 5;
    /// Suffixes of one to four characters: `SUFFIX + length - 1`.
    pub(super) const SUFFIX: u64 = 9;
    /// Stage one: the ±2 window of words and shapes.
    pub(super) const PREV_LOWER: u64 = 13;
    pub(super) const NEXT_LOWER: u64 = 14;
    pub(super) const PREV2_LOWER: u64 = 15;
    pub(super) const NEXT2_LOWER: u64 = 16;
    pub(super) const PREV_SHAPE: u64 = 17;
    pub(super) const NEXT_SHAPE: u64 = 18;
    pub(super) const PREV2_SHAPE: u64 = 19;
    pub(super) const NEXT2_SHAPE: u64 = 20;
    pub(super) const PREV_AND_LOWER: u64 = 21;
    pub(super) const LOWER_AND_NEXT: u64 = 22;
    pub(super) const SHAPE_TRIGRAM: u64 = 23;
    /// Stage one: the token's place (sentence start, headline).
    pub(super) const SHAPE_AT_PLACE: u64 = 24;
    pub(super) const FLAGS_AT_PLACE: u64 = 25;
    /// Stage one: gazetteer marks.
    pub(super) const GAZ: u64 = 26;
    pub(super) const PREV_GAZ: u64 = 27;
    pub(super) const NEXT_GAZ: u64 = 28;
    pub(super) const GAZ_TRIGRAM: u64 = 29;
    /// Stage one: document evidence, length and conjunctions.
    pub(super) const DOC_CAPS: u64 = 30;
    pub(super) const LENGTH: u64 = 31;
    pub(super) const LOWER_AT_PLACE: u64 = 32;
    pub(super) const PREV_AND_SHAPE: u64 = 33;
    pub(super) const SHAPE_AND_NEXT: u64 = 34;
    pub(super) const RUN: u64 = 35;
    pub(super) const NEXT_BIGRAM: u64 = 36;
    pub(super) const PREV_BIGRAM: u64 = 37;
    pub(super) const SUFFIX3_AND_SHAPE: u64 = 38;
    /// Stage one: the words around the word's other occurrences in the document.
    pub(super) const OTHER_PREV: u64 = 40;
    pub(super) const OTHER_NEXT: u64 = 41;
    pub(super) const OTHER_PREV2: u64 = 42;
    pub(super) const OTHER_NEXT2: u64 = 43;
    /// Stage one: the document's opening word (its topic), for capitalised tokens.
    pub(super) const TOPIC_AND_GAZ: u64 = 45;
    pub(super) const TOPIC_AND_PREV: u64 = 46;
    /// Stage two: first-stage labels around the token.
    pub(super) const LABEL: u64 = 60;
    pub(super) const PREV_AND_LABEL: u64 = 61;
    pub(super) const LABEL_AND_NEXT: u64 = 62;
    pub(super) const LABEL_TRIGRAM: u64 = 63;
    /// Stage two: first-stage labels of the word's other occurrences ([`super::Summary`]).
    pub(super) const MAJORITY: u64 = 64;
    pub(super) const KINDS_SEEN: u64 = 65;
    pub(super) const BEST_LABEL: u64 = 66;
    pub(super) const MAJORITY_AND_LOWER: u64 = 67;
    /// A neighbour's majority with its label: `NEIGHBOUR_MAJORITY + offset + 1` for the
    /// offsets -1 and 1.
    pub(super) const NEIGHBOUR_MAJORITY: u64 = 68;
    pub(super) const TOPIC_AND_LABEL: u64 = 71;
    /// Stage one: word classes, at each grain (`CLASS + grain`), then the neighbours'.
    pub(super) const CLASS: u64 = 80;
    pub(super) const PREV_CLASS: u64 = 83;
    pub(super) const NEXT_CLASS: u64 = 84;
    pub(super) const CLASS_AND_CAPS: u64 = 85;
}

use template as tp;

/// What a window position past the sentence's start hashes as, plus the distance.
const SENT_START: u64 = 0x0053_5441_5254;
/// What a window position past the sentence's end hashes as, plus the distance.
const SENT_END: u64 = 0x0045_4e44;
/// The gazetteer value of a window position outside the sentence.
const GAZ_OUTSIDE: u64 = 0x100;
/// The word class of a window position outside the sentence.
const CLASS_OUTSIDE: u64 = 0xffff;
/// At most this many other occurrences of a word lend it their contexts.
const MAX_OTHER_OCCURRENCES: usize = 6;

/// Maps (feature template, value hash) to a row of the weight table.
pub(super) struct RowHasher {
    pub(super) shift: u32,
}

impl RowHasher {
    /// The row of feature template `tmpl` with value `v`.
    #[inline]
    pub(super) fn row(&self, tmpl: u64, v: u64) -> u32 {
        (mix(v ^ tmpl.wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> self.shift) as u32
    }
}

/// Where a token's feature rows go: hashed by a [`RowHasher`] onto the end of a list.
struct RowSink<'a> {
    hasher: &'a RowHasher,
    rows: &'a mut Vec<u32>,
}

impl RowSink<'_> {
    /// Emits the row of feature `template` with value `value`.
    #[inline]
    fn add(&mut self, template: u64, value: u64) {
        self.rows.push(self.hasher.row(template, value));
    }
}

/// The token a feature function looks at: the document, the token and its sentence.
struct At<'a> {
    ctx: &'a DocCtx,
    /// the token's index in the document
    i: usize,
    t: &'a TokInfo,
    /// the token's sentence, `[start, end)` in the document
    start: usize,
    end: usize,
    /// 1 when the token opens its sentence
    first: u64,
    /// 1 when its sentence is set in capitals
    caps: u64,
}

impl<'a> At<'a> {
    /// Token `i` of the document, which lies in sentence `k`.
    #[inline]
    fn new(ctx: &'a DocCtx, k: usize, i: usize) -> At<'a> {
        let (start, end) = (ctx.sent[k], ctx.sent[k + 1]);
        At {
            ctx,
            i,
            t: &ctx.info[i],
            start,
            end,
            first: (i == start) as u64,
            caps: ctx.caps_sent[k] as u64,
        }
    }

    /// The document index of the token `offset` away, when it is in the sentence.
    #[inline]
    fn inside(&self, offset: isize) -> Option<usize> {
        let p = self.i as isize + offset;
        (p >= self.start as isize && p < self.end as isize).then_some(p as usize)
    }

    /// `fact` of the token `offset` away, or where the sentence's edge is when the token
    /// is past it ([`SENT_START`] or [`SENT_END`] plus the distance).
    #[inline]
    fn window(&self, offset: isize, fact: impl Fn(&TokInfo) -> u64) -> u64 {
        let p = self.i as isize + offset;
        if p < self.start as isize {
            SENT_START.wrapping_add((-offset) as u64)
        } else if p >= self.end as isize {
            SENT_END.wrapping_add(offset as u64)
        } else {
            fact(&self.ctx.info[p as usize])
        }
    }

    /// Lowercase hash of the token `offset` away ([`At::window`]).
    #[inline]
    fn lower(&self, offset: isize) -> u64 {
        self.window(offset, |t| t.lower)
    }

    /// Shape hash of the token `offset` away ([`At::window`]).
    #[inline]
    fn shape(&self, offset: isize) -> u64 {
        self.window(offset, |t| t.shape)
    }

    /// Gazetteer marks of the token `offset` away, [`GAZ_OUTSIDE`] past the sentence.
    #[inline]
    fn gaz(&self, offset: isize) -> u64 {
        self.inside(offset)
            .map_or(GAZ_OUTSIDE, |p| self.ctx.gaz[p] as u64)
    }
}

/// Emits stage-one feature rows for token `i` of the document, which lies in sentence `k`,
/// template by template in the fixed order the model's weights assume.
fn local_features(h: &RowHasher, ctx: &DocCtx, k: usize, i: usize, out: &mut Vec<u32>) {
    let at = At::new(ctx, k, i);
    let mut sink = RowSink {
        hasher: h,
        rows: out,
    };
    word_features(&at, &mut sink);
    window_features(&at, &mut sink);
    gazetteer_features(&at, &mut sink);
    evidence_features(&at, &mut sink);
    if !ctx.clusters.is_empty() {
        cluster_features(&at, &mut sink);
    }
    if at.t.flags & F_HAS_UPPER != 0 {
        topic_features(&at, &mut sink);
    }
    other_occurrence_features(&at, &mut sink);
}

/// The word itself: a bias, its word, lowercase and shape hashes, its prefixes and
/// suffixes.
#[inline]
fn word_features(at: &At, out: &mut RowSink) {
    let t = at.t;
    out.add(tp::BIAS, 0);
    out.add(tp::WORD, t.word);
    out.add(tp::LOWER, t.lower);
    out.add(tp::SHAPE, t.shape);
    for q in 0..4 {
        out.add(tp::PREFIX + q as u64, t.pre[q]);
        out.add(tp::SUFFIX + q as u64, t.suf[q]);
    }
}

/// The ±2 window: neighbouring words and shapes, word bigrams with the token, the shape
/// trigram; then the shape and flags with the token's place (sentence start, headline).
#[inline]
fn window_features(at: &At, out: &mut RowSink) {
    let t = at.t;
    out.add(tp::PREV_LOWER, at.lower(-1));
    out.add(tp::NEXT_LOWER, at.lower(1));
    out.add(tp::PREV2_LOWER, at.lower(-2));
    out.add(tp::NEXT2_LOWER, at.lower(2));
    out.add(tp::PREV_SHAPE, at.shape(-1));
    out.add(tp::NEXT_SHAPE, at.shape(1));
    out.add(tp::PREV2_SHAPE, at.shape(-2));
    out.add(tp::NEXT2_SHAPE, at.shape(2));
    out.add(tp::PREV_AND_LOWER, combine(at.lower(-1), t.lower));
    out.add(tp::LOWER_AND_NEXT, combine(t.lower, at.lower(1)));
    let shapes = combine(combine(at.shape(-1), t.shape), at.shape(1));
    out.add(tp::SHAPE_TRIGRAM, shapes);
    out.add(
        tp::SHAPE_AT_PLACE,
        combine(t.shape, at.first | at.caps << 1),
    );
    let flags = (t.flags as u64) | at.first << 12 | at.caps << 13;
    out.add(tp::FLAGS_AT_PLACE, flags);
}

/// Gazetteer marks of the token (with its capitalisation and headline) and its neighbours.
#[inline]
fn gazetteer_features(at: &At, out: &mut RowSink) {
    let own = at.gaz(0);
    out.add(tp::GAZ, own | at.t.cap_bits() << 9 | at.caps << 11);
    out.add(tp::PREV_GAZ, at.gaz(-1));
    out.add(tp::NEXT_GAZ, at.gaz(1));
    out.add(
        tp::GAZ_TRIGRAM,
        combine(at.gaz(-1), combine(own, at.gaz(1))),
    );
}

/// The document's capitalisation evidence, the length, and conjunctions of the word, its
/// shape and suffix with its place and neighbours, and its capitalised run.
#[inline]
fn evidence_features(at: &At, out: &mut RowSink) {
    let (t, first, caps) = (at.t, at.first, at.caps);
    let doc_caps = at.ctx.doc_cap[at.i] as u64 | first << 8 | caps << 9 | t.cap_bits() << 10;
    out.add(tp::DOC_CAPS, doc_caps);
    out.add(tp::LENGTH, (t.len as u64).min(12) | t.cap_bits() << 8);
    out.add(tp::LOWER_AT_PLACE, combine(t.lower, first | caps << 1));
    out.add(tp::PREV_AND_SHAPE, combine(at.lower(-1), t.shape));
    out.add(tp::SHAPE_AND_NEXT, combine(t.shape, at.lower(1)));
    out.add(tp::RUN, at.ctx.run[at.i] as u64 | first << 8 | caps << 9);
    out.add(tp::NEXT_BIGRAM, combine(at.lower(1), at.lower(2)));
    out.add(tp::PREV_BIGRAM, combine(at.lower(-2), at.lower(-1)));
    out.add(tp::SUFFIX3_AND_SHAPE, combine(t.suf[2], t.shape));
}

/// Word-class features: the token's class at each grain, the classes of its neighbours,
/// and its class with its capitalisation.
#[inline]
fn cluster_features(at: &At, out: &mut RowSink) {
    let clusters = &at.ctx.clusters;
    let class = |p: usize, grain: usize| -> u64 {
        if (at.start..at.end).contains(&p) {
            clusters[p][grain] as u64
        } else {
            CLASS_OUTSIDE
        }
    };
    let own = clusters[at.i];
    for (grain, &c) in own.iter().enumerate() {
        out.add(tp::CLASS + grain as u64, c as u64);
    }
    out.add(tp::PREV_CLASS, class(at.i.wrapping_sub(1), 1));
    out.add(tp::NEXT_CLASS, class(at.i + 1, 1));
    let caps = at.t.cap_bits();
    out.add(
        tp::CLASS_AND_CAPS,
        (own[1] as u64) << 3 | caps | at.first << 2,
    );
}

/// The document's opening word (often its topic) with the token's place-name gazetteer
/// marks and capitalisation, and with the word before it.
#[inline]
fn topic_features(at: &At, out: &mut RowSink) {
    let topic = at.ctx.topic;
    out.add(
        tp::TOPIC_AND_GAZ,
        combine(topic, at.gaz(0) & 7 | at.t.cap_bits() << 3),
    );
    out.add(tp::TOPIC_AND_PREV, combine(topic, at.lower(-1)));
}

/// Context aggregation: the words one and two either side of the word's other
/// occurrences in the document (outside headlines, up to [`MAX_OTHER_OCCURRENCES`]).
#[inline]
fn other_occurrence_features(at: &At, out: &mut RowSink) {
    let ctx = at.ctx;
    let group = ctx.grp[at.i];
    let mut seen = 0;
    for &(_, j) in &ctx.occ[group.start as usize..group.end as usize] {
        let j = j as usize;
        if j == at.i {
            continue;
        }
        let s = ctx.sent_of[j] as usize;
        if ctx.caps_sent[s] {
            continue;
        }
        let near = |offset: isize| -> u64 {
            let p = j as isize + offset;
            if p < ctx.sent[s] as isize {
                SENT_START
            } else if p >= ctx.sent[s + 1] as isize {
                SENT_END
            } else {
                ctx.info[p as usize].lower
            }
        };
        out.add(tp::OTHER_PREV, near(-1));
        out.add(tp::OTHER_NEXT, near(1));
        out.add(tp::OTHER_PREV2, near(-2));
        out.add(tp::OTHER_NEXT2, near(2));
        seen += 1;
        if seen >= MAX_OTHER_OCCURRENCES {
            break;
        }
    }
}

/// How the other occurrences of a (capitalised) word in the document were labelled by the
/// first stage.
#[derive(Clone, Copy)]
pub(super) struct Summary {
    /// the kind most of them are (its index, 4 for O); 15 when there are none
    majority: u64,
    /// bitmask of the kinds seen, bit 4 for O
    kinds: u64,
    /// the most frequent full BILOU label
    label: u64,
}

impl Summary {
    /// The summary of a word with no other occurrences (or not capitalised).
    const NONE: Summary = Summary {
        majority: 15,
        kinds: 0,
        label: 0,
    };
}

/// Per-document statistics of first-stage labels by lowercase form.
#[derive(Default)]
pub(super) struct Stage1Stats {
    counts: HashMap<u64, [u16; NC], IdBuild>,
    /// [`Stage1Stats::summary`] of every token, worked out once
    summaries: Vec<Summary>,
}

impl Stage1Stats {
    /// Counts the first-stage `labels` of the document's capitalised words and summarises
    /// each token's other occurrences.
    pub(super) fn build(&mut self, ctx: &DocCtx, labels: &[u8]) {
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

    /// How the other occurrences of this word (labelled `own` itself) were labelled by the
    /// first stage.
    fn summary(&self, t: &TokInfo, own: u8) -> Summary {
        if t.flags & F_HAS_UPPER == 0 {
            return Summary::NONE;
        }
        let mut c = match self.counts.get(&t.lower) {
            Some(c) => *c,
            None => return Summary::NONE,
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
            return Summary::NONE;
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
        Summary {
            majority: best as u64,
            kinds: mask,
            label: best_label as u64,
        }
    }
}

/// The label the first stage gave a position outside the sentence.
const LABEL_OUTSIDE: u64 = 99;

/// Emits stage-two feature rows for token `i` of the document, which lies in sentence `k`:
/// the first-stage labels `p1` around it, the summary of the word's other occurrences
/// ([`Summary`]) and its neighbours'.
fn stage2_features(
    h: &RowHasher,
    ctx: &DocCtx,
    st: &Stage1Stats,
    p1: &[u8],
    k: usize,
    i: usize,
    out: &mut Vec<u32>,
) {
    let at = At::new(ctx, k, i);
    let mut out = RowSink {
        hasher: h,
        rows: out,
    };
    let label =
        |offset: isize| -> u64 { at.inside(offset).map_or(LABEL_OUTSIDE, |p| p1[p] as u64) };
    let cap = at.t.cap_bits();
    out.add(tp::LABEL, label(0));
    out.add(tp::PREV_AND_LABEL, label(-1) << 8 | label(0));
    out.add(tp::LABEL_AND_NEXT, label(0) << 8 | label(1));
    out.add(
        tp::LABEL_TRIGRAM,
        label(-1) << 16 | label(0) << 8 | label(1),
    );
    let own = st.summaries[i];
    out.add(tp::MAJORITY, own.majority | cap << 8);
    out.add(tp::KINDS_SEEN, own.kinds | cap << 8);
    out.add(tp::BEST_LABEL, own.label | cap << 8 | label(0) << 16);
    out.add(tp::MAJORITY_AND_LOWER, combine(own.majority, at.t.lower));
    out.add(tp::TOPIC_AND_LABEL, combine(ctx.topic, label(0)));
    for offset in [-1isize, 1] {
        if let Some(p) = at.inside(offset) {
            let majority = st.summaries[p].majority;
            let template = tp::NEIGHBOUR_MAJORITY + (offset + 1) as u64;
            out.add(template, majority | label(offset) << 8);
        }
    }
}

/// Featurized document: rows for every token, stage one then (optionally) stage two.
#[derive(Default)]
pub(super) struct Feats {
    pub(super) rows1: Vec<u32>,
    pub(super) off1: Vec<u32>,
    pub(super) rows2: Vec<u32>,
    pub(super) off2: Vec<u32>,
}

/// Rows for the candidate tokens, the others getting none: `features(k, i, rows)` emits
/// those of token `i`, in sentence `k`, onto `rows`; `off` gets each token's end.
#[inline]
fn featurize(
    ctx: &DocCtx,
    rows: &mut Vec<u32>,
    off: &mut Vec<u32>,
    mut features: impl FnMut(usize, usize, &mut Vec<u32>),
) {
    rows.clear();
    off.clear();
    off.push(0);
    for k in 0..ctx.sentence_count() {
        for i in ctx.sentence(k) {
            if ctx.cand[i] {
                features(k, i, rows);
            }
            off.push(rows.len() as u32);
        }
    }
}

/// Stage-one rows for the candidate tokens, the others getting none.
pub(super) fn featurize1(h: &RowHasher, ctx: &DocCtx, f: &mut Feats) {
    featurize(ctx, &mut f.rows1, &mut f.off1, |k, i, rows| {
        local_features(h, ctx, k, i, rows)
    });
}

/// Stage-two rows for the candidate tokens (from the first stage's labels `p1` and their
/// statistics `st`), the others getting none.
pub(super) fn featurize2(h: &RowHasher, ctx: &DocCtx, st: &Stage1Stats, p1: &[u8], f: &mut Feats) {
    featurize(ctx, &mut f.rows2, &mut f.off2, |k, i, rows| {
        stage2_features(h, ctx, st, p1, k, i, rows)
    });
}
