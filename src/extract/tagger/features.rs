//! Featurization: document context, local features and the second stage's non-local ones.

use std::collections::HashMap;

use super::*;

/// Per-document analysis shared by both stages.
#[derive(Default)]
pub(super) struct DocCtx {
    pub(super) info: Vec<TokInfo>,
    pub(super) gaz: Vec<u8>,
    /// word classes of each token ([`Clusters`]), one up, 0 for none; empty when the model
    /// has no clusters
    clusters: Vec<[u16; GRAINS]>,
    /// sentence start offsets into `info`, plus the total at the end
    pub(super) sent: Vec<usize>,
    caps_sent: Vec<bool>,
    /// per token: evidence from elsewhere in the document, a small code
    doc_cap: Vec<u8>,
    /// capitalised-run position code per token
    pub(super) run: Vec<u8>,
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
    pub(super) cand: Vec<bool>,
}

const SENT_START: u64 = 0x0053_5441_5254;
const SENT_END: u64 = 0x0045_4e44;

impl DocCtx {
    /// Analyses a document. Only candidate tokens get prefixes, suffixes and features; with
    /// `only_candidates` false (training) every token counts as one.
    pub(super) fn build(&mut self, gaz: &Gaz, doc: &[Vec<&str>], only_candidates: bool) {
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
        self.clusters.clear();
        if !gaz.clusters.is_empty() {
            (self.clusters).extend(self.info.iter().map(|t| gaz.clusters.of(t.lower)));
        }
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
pub(super) struct RowHasher {
    pub(super) shift: u32,
}

impl RowHasher {
    #[inline]
    pub(super) fn row(&self, tmpl: u64, v: u64) -> u32 {
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
    if !ctx.clusters.is_empty() {
        cluster_features(h, ctx, a, b, i, first, out);
    }
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

/// Word-class features of token `i` in the sentence `[a, b)`: its class at each grain, the
/// classes of its neighbours, and its class with its capitalisation.
fn cluster_features(
    h: &RowHasher,
    ctx: &DocCtx,
    a: usize,
    b: usize,
    i: usize,
    first: u64,
    out: &mut Vec<u32>,
) {
    const OUTSIDE: u64 = 0xffff;
    let class = |p: usize, grain: usize| -> u64 {
        if (a..b).contains(&p) {
            ctx.clusters[p][grain] as u64
        } else {
            OUTSIDE
        }
    };
    let own = ctx.clusters[i];
    for (grain, &c) in own.iter().enumerate() {
        out.push(h.row(80 + grain as u64, c as u64));
    }
    out.push(h.row(83, class(i.wrapping_sub(1), 1)));
    out.push(h.row(84, class(i + 1, 1)));
    let caps = ctx.info[i].flags as u64 & 3;
    out.push(h.row(85, (own[1] as u64) << 3 | caps | first << 2));
}

/// Per-document statistics of first-stage labels by lowercase form.
#[derive(Default)]
pub(super) struct Stage1Stats {
    counts: HashMap<u64, [u16; NC], IdBuild>,
    /// [`Stage1Stats::summary`] of every token, worked out once
    summaries: Vec<(u64, u64, u64)>,
}

impl Stage1Stats {
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
pub(super) struct Feats {
    pub(super) rows1: Vec<u32>,
    pub(super) off1: Vec<u32>,
    pub(super) rows2: Vec<u32>,
    pub(super) off2: Vec<u32>,
}

/// Stage-one rows for the candidate tokens, the others getting none.
pub(super) fn featurize1(h: &RowHasher, ctx: &DocCtx, f: &mut Feats) {
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
pub(super) fn featurize2(h: &RowHasher, ctx: &DocCtx, st: &Stage1Stats, p1: &[u8], f: &mut Feats) {
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
