//! CoNLL-2003 reader and conlleval-style evaluation.
//!
//! Files have one token per line with four space-separated columns (`token POS chunk NER`);
//! blank lines separate sentences and `-DOCSTART-` lines separate documents. NER tags are
//! IOB1 (an `I-X` opens a new mention unless the previous token belongs to a mention of the
//! same type; `B-X` only separates two adjacent mentions of the same type); IOB2 files read
//! the same way. Only the token column and the NER column are used.

use super::ratio;
use crate::extract::tagger::{Kind, Span, TrainDoc, TrainSentence};

/// Converts IOB1 (or IOB2) tags to spans, as conlleval does.
pub fn iob_to_spans(tags: &[&str]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, Kind)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, kind) = match tag.split_once('-') {
            Some((p, k)) => (p, Kind::parse(k)),
            None => ("O", None),
        };
        let kind = match kind {
            Some(k) if prefix == "I" || prefix == "B" => k,
            _ => {
                if let Some((s, k)) = open.take() {
                    spans.push(Span {
                        start: s,
                        end: i,
                        kind: k,
                    });
                }
                continue;
            }
        };
        let continues = prefix == "I" && matches!(open, Some((_, k)) if k == kind);
        if !continues {
            if let Some((s, k)) = open.take() {
                spans.push(Span {
                    start: s,
                    end: i,
                    kind: k,
                });
            }
            open = Some((i, kind));
        }
    }
    if let Some((s, k)) = open {
        spans.push(Span {
            start: s,
            end: tags.len(),
            kind: k,
        });
    }
    spans
}

/// Parses CoNLL text into documents of sentences with gold spans.
pub fn parse(text: &str) -> Vec<TrainDoc> {
    let mut docs = Vec::new();
    let mut doc = TrainDoc::default();
    let mut tokens: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    fn flush(doc: &mut TrainDoc, tokens: &mut Vec<String>, tags: &mut Vec<String>) {
        if !tokens.is_empty() {
            let t: Vec<&str> = tags.iter().map(|s| s.as_str()).collect();
            let spans = iob_to_spans(&t);
            doc.sentences.push(TrainSentence {
                tokens: std::mem::take(tokens),
                spans,
            });
            tags.clear();
        }
    }
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut doc, &mut tokens, &mut tags);
            continue;
        }
        let mut cols = line.split_whitespace();
        let tok = cols.next().unwrap_or("");
        if tok == "-DOCSTART-" {
            flush(&mut doc, &mut tokens, &mut tags);
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let tag = line.split_whitespace().last().unwrap_or("O");
        tokens.push(tok.to_string());
        tags.push(tag.to_string());
    }
    flush(&mut doc, &mut tokens, &mut tags);
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Reads a CoNLL file.
pub fn read(path: &str) -> Result<Vec<TrainDoc>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    Ok(parse(&text))
}

/// Exact-match counts for one entity type (or overall).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        super::f1(self.precision(), self.recall())
    }
    fn add(&mut self, o: &Counts) {
        self.correct += o.correct;
        self.predicted += o.predicted;
        self.gold += o.gold;
    }
}

/// Per-type exact span-match evaluation.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    /// indexed by [`Kind::index`]
    pub per_kind: [Counts; 4],
}

impl Evaluation {
    /// Adds one sentence's gold and predicted spans.
    pub fn add(&mut self, gold: &[Span], pred: &[Span]) {
        for g in gold {
            self.per_kind[g.kind.index()].gold += 1;
        }
        for p in pred {
            let c = &mut self.per_kind[p.kind.index()];
            c.predicted += 1;
            if gold.contains(p) {
                c.correct += 1;
            }
        }
    }

    /// Totals over the given kinds.
    pub fn total(&self, kinds: &[Kind]) -> Counts {
        let mut t = Counts::default();
        for k in kinds {
            t.add(&self.per_kind[k.index()]);
        }
        t
    }

    /// A conlleval-like table.
    pub fn report(&self) -> String {
        let mut rows: Vec<(&str, &[Kind])> = Kind::ALL
            .iter()
            .map(|k| (k.name(), std::slice::from_ref(k)))
            .collect();
        rows.push(("overall", &Kind::ALL));
        rows.push(("PER+ORG+LOC", &[Kind::Per, Kind::Org, Kind::Loc]));
        self.table(&rows)
    }

    /// A table with a row per name, each summing the counts of its kinds.
    pub fn table(&self, rows: &[(&str, &[Kind])]) -> String {
        let mut s = format!(
            "{:<14} {:>9} {:>9} {:>9} {:>7} {:>7}\n",
            "type", "precision", "recall", "F1", "gold", "pred"
        );
        for (name, kinds) in rows {
            let c = self.total(kinds);
            s += &format!(
                "{:<14} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}\n",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Expected = (usize, usize, Kind);

    fn check(tags: &str, expected: &[(usize, usize, Kind)]) {
        let t: Vec<&str> = tags.split_whitespace().collect();
        let got: Vec<(usize, usize, Kind)> = iob_to_spans(&t)
            .iter()
            .map(|s| (s.start, s.end, s.kind))
            .collect();
        assert_eq!(got, expected, "tags: {tags}");
    }

    #[test]
    fn iob1_table() {
        use Kind::*;
        let cases: &[(&str, &[Expected])] = &[
            ("O O O", &[]),
            ("I-PER I-PER O", &[(0, 2, Per)]),
            ("I-PER B-PER", &[(0, 1, Per), (1, 2, Per)]),
            ("I-PER I-ORG", &[(0, 1, Per), (1, 2, Org)]),
            ("O I-LOC I-LOC I-LOC", &[(1, 4, Loc)]),
            ("B-MISC I-MISC O B-LOC", &[(0, 2, Misc), (3, 4, Loc)]),
            ("I-ORG O I-ORG", &[(0, 1, Org), (2, 3, Org)]),
            ("I-PER I-PER B-PER I-PER", &[(0, 2, Per), (2, 4, Per)]),
        ];
        for (tags, expected) in cases {
            check(tags, expected);
        }
    }

    #[test]
    fn parse_documents() {
        let text = "-DOCSTART- -X- -X- O\n\nAcme NNP I-NP I-ORG\nhired VBD I-VP O\nJo NNP I-NP I-PER\n\nYes UH O O\n\n-DOCSTART- -X- -X- O\n\nParis NNP I-NP I-LOC\n";
        let docs = parse(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].tokens, vec!["Acme", "hired", "Jo"]);
        assert_eq!(docs[0].sentences[0].spans.len(), 2);
        assert_eq!(
            docs[1].sentences[0].spans,
            vec![Span {
                start: 0,
                end: 1,
                kind: Kind::Loc
            }]
        );
    }

    #[test]
    fn evaluation_exact_match() {
        let g = [
            Span {
                start: 0,
                end: 2,
                kind: Kind::Per,
            },
            Span {
                start: 3,
                end: 4,
                kind: Kind::Loc,
            },
        ];
        let p = [
            Span {
                start: 0,
                end: 1,
                kind: Kind::Per,
            },
            Span {
                start: 3,
                end: 4,
                kind: Kind::Loc,
            },
        ];
        let mut e = Evaluation::default();
        e.add(&g, &p);
        let t = e.total(&Kind::ALL);
        assert_eq!((t.correct, t.predicted, t.gold), (1, 2, 2));
        assert!((t.f1() - 0.5).abs() < 1e-9);
    }
}
