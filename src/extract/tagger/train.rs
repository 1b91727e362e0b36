//! Training: averaged structured perceptrons, cross-validated for the second stage.

use std::ops::Range;
use std::time::Instant;

use super::*;

/// A stage's weights: emissions (`rows * NC`, row-major) and transitions.
#[derive(Clone)]
struct StageWeights {
    emissions: Vec<f32>,
    trans: Trans,
}

/// Which of a document's rows a stage trains on.
#[derive(Clone, Copy)]
enum StageRows {
    /// stage one's
    First,
    /// stage one's followed by stage two's, token by token
    Both,
}

/// One perceptron's weights and the sums that average them over its updates.
struct Learner {
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

impl Learner {
    /// A learner with every weight zero over `rows` rows.
    fn new(rows: usize) -> Learner {
        Learner {
            w: vec![0.0; rows * NC],
            u: vec![0.0; rows * NC],
            tw: vec![0.0; (NC + 1) * NC],
            tu: vec![0.0; (NC + 1) * NC],
            c: 1.0,
        }
    }

    /// The current transitions.
    fn trans(&self) -> Trans {
        Trans::new(self.tw[..NC * NC].to_vec(), self.tw[NC * NC..].to_vec())
    }

    /// Adds `d` to class `class` of each of `rows`.
    fn update_rows(&mut self, rows: &[u32], class: u8, d: f32) {
        let cd = self.c * d;
        for &r in rows {
            let idx = r as usize * NC + class as usize;
            self.w[idx] += d;
            self.u[idx] += cd;
        }
    }

    /// Adds `d` to the transition from `prev` (`None`: the sentence start) to `cur`.
    fn update_trans(&mut self, prev: Option<u8>, cur: u8, d: f32) {
        let idx = match prev {
            Some(p) => p as usize * NC + cur as usize,
            None => NC * NC + cur as usize,
        };
        self.tw[idx] += d;
        self.tu[idx] += self.c * d;
    }

    /// The weights averaged over every step so far.
    fn averaged(&self) -> StageWeights {
        let inv = 1.0 / self.c;
        let average = |w: &[f32], u: &[f32]| -> Vec<f32> {
            w.iter().zip(u).map(|(w, u)| w - u * inv).collect()
        };
        let t = average(&self.tw, &self.tu);
        StageWeights {
            emissions: average(&self.w, &self.u),
            trans: Trans::new(t[..NC * NC].to_vec(), t[NC * NC..].to_vec()),
        }
    }
}

/// Sums the emission weights `w` of each token's rows (`rows[off[i]..off[i + 1]]` for
/// token `i`) into `em`, `NC` per token.
fn emissions(w: &[f32], rows: &[u32], off: &[u32], em: &mut Vec<f32>) {
    let n = off.len() - 1;
    em.clear();
    em.resize(n * NC, 0.0);
    for i in 0..n {
        let e = &mut em[i * NC..(i + 1) * NC];
        for &r in &rows[off[i] as usize..off[i + 1] as usize] {
            let wr = &w[r as usize * NC..(r as usize + 1) * NC];
            for c in 0..NC {
                e[c] += wr[c];
            }
        }
    }
}

/// A featurized training document.
struct PreDoc {
    f: Feats,
    gold: Vec<u8>,
    sent: Vec<usize>,
}

/// Reusable decoding buffers.
#[derive(Default)]
struct DecodeBuf {
    em: Vec<f32>,
    hist: Vec<f32>,
    pred: Vec<u8>,
}

/// One perceptron step on the tokens `sentence` of a document (their rows `rows`, offsets
/// `off` and `gold` labels over the whole document): decodes them and, where the labels
/// are wrong, moves the weights towards the gold ones.
fn perceptron_step(
    l: &mut Learner,
    rows: &[u32],
    off: &[u32],
    gold: &[u8],
    sentence: Range<usize>,
    buf: &mut DecodeBuf,
) {
    let DecodeBuf { em, hist, pred } = buf;
    let (a, b) = (sentence.start, sentence.end);
    let n = b - a;
    if n == 0 {
        return;
    }
    emissions(&l.w, rows, &off[a..=b], em);
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

/// The xorshift generator that shuffles the documents.
struct Rng(u64);
impl Rng {
    /// The next number.
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// Shuffles `v` (Fisher–Yates).
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// What training one stage reads: the documents, which of them, the table size, the
/// options and the stage's rows.
#[derive(Clone, Copy)]
struct StageJob<'a> {
    docs: &'a [PreDoc],
    subset: &'a [usize],
    rows: usize,
    opts: &'a TrainOptions,
    stage: StageRows,
}

/// Trains one stage with `opts.seeds` shuffles in parallel and averages the weights;
/// `on_epoch` sees each epoch's learner when there is only one.
fn train_avg(job: StageJob, on_epoch: impl FnMut(usize, &Learner)) -> StageWeights {
    let opts = job.opts;
    if opts.seeds <= 1 {
        return train_stage(job, opts.seed, on_epoch).averaged();
    }
    let results: Vec<StageWeights> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..opts.seeds)
            .map(|k| {
                let seed = opts.seed.wrapping_add(k as u64);
                sc.spawn(move || train_stage(job, seed, |_, _| {}).averaged())
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("training thread"))
            .collect()
    });
    average(&results)
}

/// The mean of several perceptrons' weights.
fn average(results: &[StageWeights]) -> StageWeights {
    let inv = 1.0 / results.len() as f32;
    let mut w = vec![0.0f32; results[0].emissions.len()];
    let mut trans = vec![0.0; NC * NC];
    let mut start = vec![0.0; NC];
    for r in results {
        for (a, b) in w.iter_mut().zip(&r.emissions) {
            *a += b * inv;
        }
        for (a, b) in trans.iter_mut().zip(&r.trans.trans) {
            *a += b * inv;
        }
        for (a, b) in start.iter_mut().zip(&r.trans.start) {
            *a += b * inv;
        }
    }
    StageWeights {
        emissions: w,
        trans: Trans::new(trans, start),
    }
}

/// Trains one stage on the job's documents for `opts.epochs` epochs, shuffled from `seed`.
fn train_stage(job: StageJob, seed: u64, mut on_epoch: impl FnMut(usize, &Learner)) -> Learner {
    let mut l = Learner::new(job.rows);
    let mut order: Vec<usize> = job.subset.to_vec();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut buf = DecodeBuf::default();
    let mut combined_rows: Vec<u32> = Vec::new();
    let mut combined_off: Vec<u32> = Vec::new();
    for epoch in 0..job.opts.epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            let doc = &job.docs[d];
            let (rows, off): (&[u32], &[u32]) = match job.stage {
                StageRows::First => (&doc.f.rows1, &doc.f.off1),
                StageRows::Both => {
                    both_stages_rows(&doc.f, &mut combined_rows, &mut combined_off);
                    (&combined_rows, &combined_off)
                }
            };
            for k in 0..doc.sent.len() - 1 {
                let sentence = doc.sent[k]..doc.sent[k + 1];
                perceptron_step(&mut l, rows, off, &doc.gold, sentence, &mut buf);
            }
        }
        on_epoch(epoch, &l);
    }
    l
}

/// Each token's stage-one rows followed by its stage-two rows, into `rows` with their
/// offsets `off`.
fn both_stages_rows(f: &Feats, rows: &mut Vec<u32>, off: &mut Vec<u32>) {
    rows.clear();
    off.clear();
    off.push(0);
    for i in 0..f.off1.len() - 1 {
        rows.extend_from_slice(&f.rows1[f.off1[i] as usize..f.off1[i + 1] as usize]);
        rows.extend_from_slice(&f.rows2[f.off2[i] as usize..f.off2[i + 1] as usize]);
        off.push(rows.len() as u32);
    }
}

/// Labels every sentence (`sent`, sentence starts and the total) of a document from its
/// rows with the given weights, into `out`.
fn decode_doc(w: &StageWeights, rows: &[u32], off: &[u32], sent: &[usize], out: &mut Vec<u8>) {
    out.clear();
    out.resize(off.len() - 1, 0);
    let mut em = Vec::new();
    let mut back = Vec::new();
    for k in 0..sent.len() - 1 {
        let (a, b) = (sent[k], sent[k + 1]);
        emissions(&w.emissions, rows, &off[a..=b], &mut em);
        viterbi(&em, b - a, &w.trans, &mut back, &mut out[a..b]);
    }
}

/// A document's sentences as token strings.
fn sentence_tokens(d: &TrainDoc) -> Vec<Vec<&str>> {
    (d.sentences.iter())
        .map(|s| s.tokens.iter().map(|t| t.as_str()).collect())
        .collect()
}

/// A document's gold BILOU labels, token by token.
fn gold_labels(d: &TrainDoc) -> Vec<u8> {
    let mut gold = Vec::new();
    let mut sentence = Vec::new();
    for s in &d.sentences {
        spans_to_labels(s.tokens.len(), &s.spans, &mut sentence);
        gold.extend_from_slice(&sentence);
    }
    gold
}

/// Analyses every document and works out its stage-one rows, scoring every token.
fn featurize_documents(docs: &[TrainDoc], h: &RowHasher, gaz: &Gaz) -> (Vec<DocCtx>, Vec<PreDoc>) {
    (docs.iter())
        .map(|d| {
            let mut ctx = DocCtx::default();
            ctx.build(gaz, &sentence_tokens(d), Scored::Every);
            let mut f = Feats::default();
            featurize1(h, &ctx, &mut f);
            let sent = ctx.sent.clone();
            let gold = gold_labels(d);
            (ctx, PreDoc { f, gold, sent })
        })
        .unzip()
}

/// Drops the stage-one rows seen fewer than `min_count` times (counted to 255) in all.
fn drop_rare_features(pre: &mut [PreDoc], rows: usize, min_count: u32) {
    let mut seen = vec![0u8; rows];
    for p in pre.iter() {
        for &r in &p.f.rows1 {
            seen[r as usize] = seen[r as usize].saturating_add(1);
        }
    }
    let min = min_count.min(255) as u8;
    for p in pre {
        let mut rows1 = Vec::with_capacity(p.f.rows1.len());
        let mut off1 = vec![0u32];
        for i in 0..p.f.off1.len() - 1 {
            for &r in &p.f.rows1[p.f.off1[i] as usize..p.f.off1[i + 1] as usize] {
                if seen[r as usize] >= min {
                    rows1.push(r);
                }
            }
            off1.push(rows1.len() as u32);
        }
        p.f.rows1 = rows1;
        p.f.off1 = off1;
    }
}

/// F1 of a model's spans against the gold ones of the development documents.
fn dev_f1(m: &Model, dev: &[TrainDoc]) -> f64 {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for d in dev {
        let pred = m.tag_document(&sentence_tokens(d));
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
}

/// One training run: its options, table size and clock, shared by its steps.
struct Run<'a> {
    opts: &'a TrainOptions,
    bits: u32,
    rows: usize,
    started: Instant,
    /// whether to report the development set's F1 as training goes
    verbose_dev: bool,
}

impl Run<'_> {
    /// Seconds since the run started.
    fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// A model of the given stages, quantised.
    fn model(&self, stages: Vec<StageWeights>) -> Model {
        let parts = (stages.into_iter())
            .map(|s| quantize(&s.emissions, s.trans))
            .collect();
        Model::assemble(self.bits, self.opts.gazetteers.clone(), parts)
    }

    /// Reports the development set's F1 of `stages` after the step `what`.
    fn report_dev(&self, what: &str, stages: Vec<StageWeights>) {
        let f1 = dev_f1(&self.model(stages), &self.opts.dev);
        eprintln!("{what} dev F1 {f1:.4} ({:.1}s)", self.elapsed());
    }

    /// Trains on the stage's rows of all documents.
    fn stage_job<'a>(
        &'a self,
        pre: &'a [PreDoc],
        all: &'a [usize],
        stage: StageRows,
    ) -> StageJob<'a> {
        StageJob {
            docs: pre,
            subset: all,
            rows: self.rows,
            opts: self.opts,
            stage,
        }
    }

    /// Stage one, trained on every document.
    fn first_stage(&self, pre: &[PreDoc], all: &[usize]) -> StageWeights {
        let job = self.stage_job(pre, all, StageRows::First);
        let stage1 = train_avg(job, |e, l| {
            if self.verbose_dev {
                self.report_dev(&format!("stage1 epoch {}", e + 1), vec![l.averaged()]);
            }
        });
        if self.verbose_dev && self.opts.seeds > 1 {
            self.report_dev("stage1", vec![stage1.clone()]);
        }
        stage1
    }

    /// Stage one's labels of every document, each from a stage one trained on the folds
    /// without it.
    fn cross_validated_labels(&self, pre: &[PreDoc], all: &[usize]) -> Vec<Vec<u8>> {
        let folds = self.opts.folds;
        let mut labels: Vec<Vec<u8>> = vec![Vec::new(); pre.len()];
        for fold in 0..folds {
            let train_ids: Vec<usize> = all.iter().copied().filter(|d| d % folds != fold).collect();
            let w = train_avg(self.stage_job(pre, &train_ids, StageRows::First), |_, _| {});
            for d in all.iter().copied().filter(|d| d % folds == fold) {
                let p = &pre[d];
                decode_doc(&w, &p.f.rows1, &p.f.off1, &p.sent, &mut labels[d]);
            }
            if self.opts.verbose {
                eprintln!("fold {} done ({:.1}s)", fold + 1, self.elapsed());
            }
        }
        labels
    }

    /// Stage two, trained on every document's rows of both stages.
    fn second_stage(&self, pre: &[PreDoc], all: &[usize], stage1: &StageWeights) -> StageWeights {
        let job = self.stage_job(pre, all, StageRows::Both);
        train_avg(job, |e, l| {
            if self.verbose_dev {
                let what = format!("stage2 epoch {}", e + 1);
                self.report_dev(&what, vec![stage1.clone(), l.averaged()]);
            }
        })
    }
}

/// Trains a model on gold-annotated documents.
pub fn train(docs: &[TrainDoc], opts: &TrainOptions) -> Model {
    let bits = opts.hash_bits.clamp(10, 26);
    let run = Run {
        opts,
        bits,
        rows: 1usize << bits,
        started: Instant::now(),
        verbose_dev: opts.verbose && !opts.dev.is_empty(),
    };
    let h = RowHasher { shift: 64 - bits };
    let (ctxs, mut pre) = featurize_documents(docs, &h, &Gaz::new(&opts.gazetteers));
    if opts.min_count > 1 {
        drop_rare_features(&mut pre, run.rows, opts.min_count);
    }
    if opts.verbose {
        eprintln!("featurized {} docs in {:.1}s", docs.len(), run.elapsed());
    }
    let all: Vec<usize> = (0..docs.len()).collect();
    let stage1 = run.first_stage(&pre, &all);
    if opts.folds < 2 {
        return run.model(vec![stage1]);
    }
    let p1 = run.cross_validated_labels(&pre, &all);
    let mut st = Stage1Stats::default();
    for ((p, ctx), labels) in pre.iter_mut().zip(&ctxs).zip(&p1) {
        st.build(ctx, labels);
        featurize2(&h, ctx, &st, labels, &mut p.f);
    }
    let stage2 = run.second_stage(&pre, &all, &stage1);
    let model = run.model(vec![stage1, stage2]);
    if run.verbose_dev && opts.seeds > 1 {
        let f1 = dev_f1(&model, &opts.dev);
        eprintln!("stage2 dev F1 {f1:.4} ({:.1}s)", run.elapsed());
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
