//! Training: averaged structured perceptrons, cross-validated for the second stage.

use super::*;

struct Learner {
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

impl Learner {
    pub(super) fn new(rows: usize) -> Learner {
        Learner {
            w: vec![0.0; rows * NC],
            u: vec![0.0; rows * NC],
            tw: vec![0.0; (NC + 1) * NC],
            tu: vec![0.0; (NC + 1) * NC],
            c: 1.0,
        }
    }

    pub(super) fn emissions(&self, rows: &[u32], off: &[u32], em: &mut Vec<f32>) {
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

    pub(super) fn trans(&self) -> Trans {
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
    pub(super) fn next(&mut self) -> u64 {
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
                clusters: String::new(),
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
}
