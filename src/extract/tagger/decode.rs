//! Decoding: constrained Viterbi over BILOU labels.

use super::*;

#[derive(Clone)]
pub(super) struct Trans {
    pub(super) trans: Vec<f32>,
    pub(super) start: Vec<f32>,
    /// `trans` with minus infinity where BILOU forbids the transition
    masked: Vec<f32>,
}

impl Trans {
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

pub(super) fn viterbi(em: &[f32], n: usize, tr: &Trans, hist: &mut Vec<f32>, out: &mut [u8]) {
    viterbi_span(em, n, tr, false, false, hist, out);
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
