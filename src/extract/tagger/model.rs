//! Model: tagging with a trained model and its file format.

use std::cell::RefCell;
use std::io::{Read, Write};

use super::*;

/// Per-stage parameters; the emission weights live interleaved in [`Model::w`].
#[derive(Clone)]
pub(super) struct Stage {
    /// float weight = quantised * scale
    pub(super) scale: f32,
    pub(super) trans: Trans,
}

/// One stage as a model file holds it: quantised emission weights (`rows * NC`,
/// row-major) and the stage's other parameters.
pub(super) struct StagePart {
    pub(super) weights: Vec<i16>,
    pub(super) stage: Stage,
}

/// Quantises a stage's emission weights `w` to 16 bits, scaled by the largest, into a
/// [`StagePart`] with its transitions.
pub(super) fn quantize(w: &[f32], trans: Trans) -> StagePart {
    let max = w.iter().fold(0.0f32, |m, &x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let inv = 1.0 / scale;
    let weights = w
        .iter()
        .map(|&x| (x * inv).round().clamp(-32767.0, 32767.0) as i16)
        .collect();
    StagePart {
        weights,
        stage: Stage { scale, trans },
    }
}

/// The weight table is far bigger than the caches: tagging asks for the weights of the rows
/// this many ahead.
const AHEAD: usize = 80;

/// Writes the first [`NC`] sums of `acc`, scaled back to floats by `scale`, into `e`.
#[inline(always)]
fn write_scaled(acc: &[i32], scale: f32, e: &mut [f32]) {
    for c in 0..NC {
        e[c] = acc[c] as f32 * scale;
    }
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

/// Why a model file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a tagger model file")]
    NotAModel,
    #[error("model file corrupt: {0}")]
    Corrupt(std::io::Error),
    #[error("model file truncated")]
    Truncated,
    #[error("bad varint in model file")]
    BadVarint,
    #[error("{0}")]
    BadText(#[from] std::string::FromUtf8Error),
    #[error("bad hash size in model file")]
    BadHashSize,
    #[error("bad stage count in model file")]
    BadStageCount,
    #[error("weight index out of range in model file")]
    WeightOutOfRange,
}

/// The current format; models of [`MAGIC_V2`], which hold no word clusters, still load.
const MAGIC: &[u8; 8] = b"MNERMDL3";
/// The format before word clusters.
const MAGIC_V2: &[u8; 8] = b"MNERMDL2";

/// Writes a little-endian `u32`.
fn put_u32(out: &mut Vec<u8>, x: u32) {
    out.extend_from_slice(&x.to_le_bytes());
}
/// Writes a LEB128 varint.
fn put_varint(out: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

/// Reads a model file's body, failing on what is short or malformed.
struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}

impl Reader<'_> {
    /// The next `n` bytes.
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        if self.p + n > self.b.len() {
            return Err(ModelError::Truncated);
        }
        let s = &self.b[self.p..self.p + n];
        self.p += n;
        Ok(s)
    }
    /// A little-endian `u32`.
    fn u32(&mut self) -> Result<u32, ModelError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    /// A little-endian `f32`.
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
    /// A LEB128 varint of at most 64 bits.
    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut x = 0u64;
        let mut shift = 0;
        loop {
            let b = self.take(1)?[0];
            if shift > 63 {
                return Err(ModelError::BadVarint);
            }
            x |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(x);
            }
            shift += 7;
        }
    }
    /// A length-prefixed UTF-8 string.
    fn string(&mut self) -> Result<String, ModelError> {
        let n = self.u32()? as usize;
        Ok(String::from_utf8(self.take(n)?.to_vec())?)
    }

    /// The gazetteer texts; files without word clusters ([`MAGIC_V2`]) get none.
    fn gazetteers(&mut self, has_clusters: bool) -> Result<Gazetteers, ModelError> {
        Ok(Gazetteers {
            places: self.string()?,
            first_names: self.string()?,
            last_names: self.string()?,
            org_suffixes: self.string()?,
            clusters: if has_clusters {
                self.string()?
            } else {
                String::new()
            },
        })
    }

    /// One stage: its scale, transitions, and nonzero weights (gaps between their indices
    /// and zigzag values, as varints) into a table of `size` weights.
    fn stage(&mut self, size: usize) -> Result<StagePart, ModelError> {
        let scale = self.f32()?;
        let mut trans = vec![0.0; NC * NC];
        for t in &mut trans {
            *t = self.f32()?;
        }
        let mut start = vec![0.0; NC];
        for t in &mut start {
            *t = self.f32()?;
        }
        let nnz = self.u32()? as usize;
        let mut w = vec![0i16; size];
        let mut idx = 0usize;
        for k in 0..nnz {
            let gap = self.varint()? as usize;
            idx = if k == 0 { gap } else { idx.saturating_add(gap) };
            let z = self.varint()?;
            let v = ((z >> 1) as i64) ^ -((z & 1) as i64);
            if idx >= size {
                return Err(ModelError::WeightOutOfRange);
            }
            w[idx] = v as i16;
        }
        let trans = Trans::new(trans, start);
        Ok(StagePart {
            weights: w,
            stage: Stage { scale, trans },
        })
    }
}

impl Model {
    /// Loads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let has_clusters = match bytes.get(..8) {
            Some(magic) if magic == MAGIC => true,
            Some(magic) if magic == MAGIC_V2 => false,
            _ => return Err(ModelError::NotAModel),
        };
        let mut body = Vec::new();
        flate2::read::DeflateDecoder::new(&bytes[8..])
            .read_to_end(&mut body)
            .map_err(ModelError::Corrupt)?;
        let mut r = Reader { b: &body, p: 0 };
        let bits = r.u32()?;
        if !(10..=26).contains(&bits) {
            return Err(ModelError::BadHashSize);
        }
        let nstages = r.u32()? as usize;
        if nstages == 0 || nstages > 2 {
            return Err(ModelError::BadStageCount);
        }
        let gazetteers = r.gazetteers(has_clusters)?;
        let size = (1usize << bits) * NC;
        let stages = (0..nstages)
            .map(|_| r.stage(size))
            .collect::<Result<Vec<_>, _>>()?;
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
            &self.gazetteers.clusters,
        ] {
            put_u32(&mut body, s.len() as u32);
            body.extend_from_slice(s.as_bytes());
        }
        for si in 0..self.stages.len() {
            self.write_stage(si, &mut body);
        }
        let mut out = MAGIC.to_vec();
        let mut enc = flate2::write::DeflateEncoder::new(&mut out, flate2::Compression::best());
        enc.write_all(&body).expect("writing to memory");
        enc.finish().expect("writing to memory");
        out
    }

    /// Writes stage `si`: its scale, transitions, and nonzero weights (the gap to each from
    /// the one before as a varint, then its value zigzagged).
    fn write_stage(&self, si: usize, body: &mut Vec<u8>) {
        let st = &self.stages[si];
        put_u32(body, st.scale.to_bits());
        for &t in st.trans.trans.iter().chain(&st.trans.start) {
            put_u32(body, t.to_bits());
        }
        let width = self.stages.len() * NC;
        let weights = (self.w.chunks_exact(width))
            .flat_map(|row| row[si * NC..(si + 1) * NC].iter().copied());
        let nnz = weights.clone().filter(|&x| x != 0).count();
        put_u32(body, nnz as u32);
        let mut last = 0usize;
        let mut first = true;
        for (i, x) in weights.enumerate() {
            if x != 0 {
                put_varint(body, if first { i } else { i - last } as u64);
                first = false;
                last = i;
                let v = x as i64;
                put_varint(body, ((v << 1) ^ (v >> 63)) as u64);
            }
        }
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

    /// Labels every token of a document (BILOU classes into `labels`), with `s` as working
    /// memory: stage one's emissions and decoding, then, for a two-stage model, stage two's
    /// on top of stage one's labels.
    fn label_document(&self, sentences: &[Vec<&str>], s: &mut Scratch, labels: &mut Vec<u8>) {
        let h = RowHasher {
            shift: 64 - self.bits,
        };
        s.ctx.build(&self.gaz, sentences, Scored::Candidates);
        featurize1(&h, &s.ctx, &mut s.f);
        let n = s.ctx.info.len();
        labels.clear();
        labels.resize(n, O);
        s.em.clear();
        s.em.resize(n * NC, 0.0);
        if self.stages.len() == 1 {
            self.single_stage_emissions(s);
        } else {
            self.first_stage_emissions(s);
        }
        decode_candidates(&s.ctx, &s.em, &self.stages[0].trans, &mut s.hist, labels);
        if self.stages.len() > 1 {
            s.stats.build(&s.ctx, labels);
            featurize2(&h, &s.ctx, &s.stats, labels, &mut s.f);
            self.second_stage_emissions(s);
            decode_candidates(&s.ctx, &s.em, &self.stages[1].trans, &mut s.hist, labels);
        }
    }

    /// Sums the weights at column `column` on of `rows` into `acc`, `K` classes wide.
    #[inline(always)]
    fn add_rows<const K: usize>(&self, rows: &[u32], column: usize, acc: &mut [i32; K]) {
        let width = self.stages.len() * NC;
        for &r in rows {
            let base = r as usize * width + column;
            let wr = &self.w[base..base + K];
            for c in 0..K {
                acc[c] += wr[c] as i32;
            }
        }
    }

    /// A single-stage model's emissions of the candidate tokens, into `s.em`.
    fn single_stage_emissions(&self, s: &mut Scratch) {
        let scale = self.stages[0].scale;
        let rows1 = &s.f.rows1;
        self.prefetch_rows(rows1, 0, AHEAD, 0);
        for i in (0..s.ctx.info.len()).filter(|&i| s.ctx.cand[i]) {
            let (from, to) = (s.f.off1[i] as usize, s.f.off1[i + 1] as usize);
            self.prefetch_rows(rows1, from + AHEAD, to + AHEAD, 0);
            let mut acc = [0i32; NC];
            self.add_rows(&rows1[from..to], 0, &mut acc);
            write_scaled(&acc[..NC], scale, &mut s.em[i * NC..(i + 1) * NC]);
        }
    }

    /// A two-stage model's first-stage emissions of the candidate tokens, into `s.em`. One
    /// pass over stage one's rows serves both stages (their weights sit side by side):
    /// stage two's sums over them are kept in `s.acc2`.
    fn first_stage_emissions(&self, s: &mut Scratch) {
        let n = s.ctx.info.len();
        s.acc2.clear();
        s.acc2.resize(n * NC, 0);
        let scale = self.stages[0].scale;
        let rows1 = &s.f.rows1;
        self.prefetch_rows(rows1, 0, AHEAD, 0);
        for i in (0..n).filter(|&i| s.ctx.cand[i]) {
            let (from, to) = (s.f.off1[i] as usize, s.f.off1[i + 1] as usize);
            self.prefetch_rows(rows1, from + AHEAD, to + AHEAD, 0);
            let mut acc = [0i32; 2 * NC];
            self.add_rows(&rows1[from..to], 0, &mut acc);
            write_scaled(&acc[..NC], scale, &mut s.em[i * NC..(i + 1) * NC]);
            s.acc2[i * NC..(i + 1) * NC].copy_from_slice(&acc[NC..]);
        }
    }

    /// Stage two's emissions of the candidate tokens, into `s.em`: its weights of stage
    /// one's rows (`s.acc2`) plus those of its own rows.
    fn second_stage_emissions(&self, s: &mut Scratch) {
        let scale = self.stages[1].scale;
        let rows2 = &s.f.rows2;
        self.prefetch_rows(rows2, 0, AHEAD, NC);
        for i in (0..s.ctx.info.len()).filter(|&i| s.ctx.cand[i]) {
            let (from, to) = (s.f.off2[i] as usize, s.f.off2[i + 1] as usize);
            self.prefetch_rows(rows2, from + AHEAD, to + AHEAD, NC);
            let mut acc = [0i32; NC];
            acc.copy_from_slice(&s.acc2[i * NC..(i + 1) * NC]);
            self.add_rows(&rows2[from..to], NC, &mut acc);
            write_scaled(&acc[..NC], scale, &mut s.em[i * NC..(i + 1) * NC]);
        }
    }

    /// Builds a model from its stages, interleaving their weights row by row.
    pub(super) fn assemble(bits: u32, gazetteers: Gazetteers, parts: Vec<StagePart>) -> Model {
        let rows = 1usize << bits;
        let width = parts.len() * NC;
        let mut w = vec![0i16; rows * width];
        for (si, part) in parts.iter().enumerate() {
            for r in 0..rows {
                w[r * width + si * NC..r * width + (si + 1) * NC]
                    .copy_from_slice(&part.weights[r * NC..(r + 1) * NC]);
            }
        }
        Model {
            bits,
            gaz: Gaz::new(&gazetteers),
            gazetteers,
            stages: parts.into_iter().map(|part| part.stage).collect(),
            w,
        }
    }
}

/// Working memory for tagging a document.
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

    #[test]
    fn load_errors_keep_their_messages() {
        let err = |bytes: &[u8]| Model::from_bytes(bytes).err().map(|e| e.to_string());
        assert_eq!(err(b"garbage").as_deref(), Some("not a tagger model file"));
        let mut short = MAGIC.to_vec();
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(&[1, 2]).expect("write to memory");
        short.extend(z.finish().expect("finish in memory"));
        assert_eq!(err(&short).as_deref(), Some("model file truncated"));
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
