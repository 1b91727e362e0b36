//! Decoding: constrained Viterbi over BILOU labels.

use super::*;

/// The score of what cannot be.
const NEG: f32 = f32::NEG_INFINITY;

/// Transition scores of one stage.
#[derive(Clone)]
pub(super) struct Trans {
    /// score of label `c` after label `p` at `p * NC + c`
    pub(super) trans: Vec<f32>,
    /// score of each label opening a sentence
    pub(super) start: Vec<f32>,
    /// `trans` with minus infinity where BILOU forbids the transition
    masked: Vec<f32>,
}

impl Trans {
    /// Transitions from their scores, with the BILOU mask worked out.
    pub(super) fn new(trans: Vec<f32>, start: Vec<f32>) -> Trans {
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

/// Best BILOU labelling of a whole sentence of `n` tokens from their emissions.
pub(super) fn viterbi(em: &[f32], n: usize, tr: &Trans, hist: &mut Vec<f32>, out: &mut [u8]) {
    viterbi_span(em, n, tr, SpanEdges::SENTENCE, hist, out);
}

/// What lies either side of a span of tokens labelled together: the sentence's edge or an
/// O token.
#[derive(Clone, Copy)]
struct SpanEdges {
    /// the span follows an O token (else it opens the sentence)
    after_o: bool,
    /// the span precedes an O token (else it closes the sentence)
    before_o: bool,
}

impl SpanEdges {
    /// A span that is the whole sentence.
    const SENTENCE: SpanEdges = SpanEdges {
        after_o: false,
        before_o: false,
    };
}

/// Asks the processor to bring the cache lines of a weight row in, without waiting for them.
#[inline(always)]
pub(super) fn prefetch(row: &[i16]) {
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
pub(super) fn decode_candidates(
    ctx: &DocCtx,
    em: &[f32],
    tr: &Trans,
    hist: &mut Vec<f32>,
    out: &mut [u8],
) {
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
            let edges = SpanEdges {
                after_o: i > a,
                before_o: j < b,
            };
            viterbi_span(&em[i * NC..j * NC], j - i, tr, edges, hist, &mut out[i..j]);
            i = j;
        }
    }
}

/// Best BILOU labelling of `n` tokens from their emissions, into `out`; `edges` says what
/// lies before and after them. `hist` is working memory.
fn viterbi_span(
    em: &[f32],
    n: usize,
    tr: &Trans,
    edges: SpanEdges,
    hist: &mut Vec<f32>,
    out: &mut [u8],
) {
    if n == 0 {
        return;
    }
    forward(em, n, tr, edges.after_o, hist);
    out[n - 1] = best_last(&hist[(n - 1) * NC..], tr, edges.before_o);
    backtrack(hist, tr, &mut out[..n]);
}

/// Forward pass: every position's best score for each label, kept in `hist` for the way
/// back. Forbidden transitions score minus infinity, so each step is a dense max over all
/// label pairs (vectorised).
#[inline]
fn forward(em: &[f32], n: usize, tr: &Trans, after_o: bool, hist: &mut Vec<f32>) {
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
}

/// The best label a span may end on, from the last position's scores (`last`), with the
/// transition into O when an O token follows (`before_o`).
#[inline]
fn best_last(last: &[f32], tr: &Trans, before_o: bool) -> u8 {
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
    arg
}

/// Way back: from the last label of `out`, the first best predecessor of each chosen
/// label, found again in the forward scores `hist`.
#[inline]
fn backtrack(hist: &[f32], tr: &Trans, out: &mut [u8]) {
    for i in (1..out.len()).rev() {
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
