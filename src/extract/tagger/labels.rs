//! BILOU labels: the 17 classes, their transitions and the conversion to and from spans.

use super::*;

/// Number of classes: O, then B, I, L and U of each of the four kinds.
pub(super) const NC: usize = 17;
/// The class of a token outside every name.
pub(super) const O: u8 = 0;

/// The class of a kind's position (`P_*`).
pub(super) fn label(kind: usize, pos: usize) -> u8 {
    (1 + kind * 4 + pos) as u8
}
/// The kind of a class other than [`O`].
pub(super) fn kind_of(l: u8) -> usize {
    (l as usize - 1) / 4
}
/// The position (`P_*`) of a class other than [`O`].
fn pos_of(l: u8) -> usize {
    (l as usize - 1) % 4
}
/// Positions in a name: begin, inside, last, unit (a one-token name).
const P_B: usize = 0;
const P_I: usize = 1;
const P_L: usize = 2;
const P_U: usize = 3;

/// Whether BILOU lets class `cur` follow `prev` (`None`: the sentence start).
pub(super) fn allowed(prev: Option<u8>, cur: u8) -> bool {
    let open = |l: u8| l != O && (pos_of(l) == P_B || pos_of(l) == P_I);
    match prev {
        Some(p) if open(p) => {
            cur != O && kind_of(cur) == kind_of(p) && matches!(pos_of(cur), P_I | P_L)
        }
        _ => cur == O || matches!(pos_of(cur), P_B | P_U),
    }
}

/// Whether a sentence, or a run of tokens before an O, may end on class `l`.
pub(super) fn can_end(l: u8) -> bool {
    l == O || matches!(pos_of(l), P_L | P_U)
}

/// The classes of a sentence of `n` tokens with the given spans (those off it skipped).
pub(super) fn spans_to_labels(n: usize, spans: &[Span], out: &mut Vec<u8>) {
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

/// The spans a sentence's classes make.
pub(super) fn labels_to_spans(labels: &[u8]) -> Vec<Span> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
