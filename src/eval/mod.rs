//! Measuring extraction on annotated corpora, through the same code path as `morgue extract`:
//! each annotated text goes through [`crate::extract::extract`] as the body of an article
//! whose publication date is the document's creation time. [`facets`] measures the entity
//! answers instead, through the same code path as `morgue index` and `morgue entities`.

pub mod conll;
pub mod facets;
pub mod html;
pub mod timeml;

use std::path::Path;

use chrono::NaiveDate;

use crate::article::TextField;
use crate::parse::RawArticle;

/// Dates found by the full extraction pipeline in `text`, as `(start, end, value)`.
pub fn pipeline_dates(text: &str, dct: Option<NaiveDate>) -> Vec<(usize, usize, String)> {
    let raw = RawArticle {
        body: text.to_string(),
        published: dct.map(|d| d.to_string()),
        ..RawArticle::default()
    };
    crate::extract::extract(Path::new("-"), raw)
        .dates
        .into_iter()
        .filter(|d| d.field == TextField::Body)
        .map(|d| (d.start, d.end, d.value))
        .collect()
}

/// Evaluate date extraction on each folder (TempEval-3 `.tml` or MEANTIME CAT `.xml`).
pub fn eval_dates(dirs: &[std::path::PathBuf]) -> Vec<Result<timeml::Report, String>> {
    dirs.iter()
        .map(|dir| {
            let tml = timeml::load_tempeval(dir);
            let (kind, docs) = if !tml.is_empty() {
                ("TempEval-3", tml)
            } else {
                ("MEANTIME", timeml::load_meantime(dir))
            };
            if docs.is_empty() {
                return Err(format!("{}: no .tml or CAT .xml documents", dir.display()));
            }
            Ok(timeml::evaluate(
                &format!("{kind} {}", dir.display()),
                &docs,
                &pipeline_dates,
            ))
        })
        .collect()
}

/// What an entity evaluation measured.
#[derive(Debug, Clone)]
pub struct EntityReport {
    pub file: String,
    pub docs: usize,
    pub tokens: usize,
    /// Counts per type: PER, ORG and LOC from the entities, MISC from the other names
    /// ([`crate::article::Article::other_mentions`]).
    pub evaluation: conll::Evaluation,
    pub seconds: f64,
}

impl std::fmt::Display for EntityReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::extract::tagger::Kind;
        writeln!(
            f,
            "{} ({} documents, {} tokens): exact span match through the extract pipeline",
            self.file, self.docs, self.tokens
        )?;
        let (per, org, loc, misc) = (Kind::Per, Kind::Org, Kind::Loc, Kind::Misc);
        f.write_str(&self.evaluation.table(&[
            (per.name(), &[per]),
            (org.name(), &[org]),
            (loc.name(), &[loc]),
            ("PER+ORG+LOC", &[per, org, loc]),
            (misc.name(), &[misc]),
        ]))?;
        write!(
            f,
            "speed: {:.0} tokens/s, {:.0} documents/s (one thread, whole extract pipeline)",
            self.tokens as f64 / self.seconds.max(1e-9),
            self.docs as f64 / self.seconds.max(1e-9)
        )
    }
}

/// Evaluate entity mentions on a CoNLL-2003 file. Each document's sentences are joined into
/// an article body (tokens by spaces, sentences by blank lines) and run through
/// [`crate::extract::extract`]; every mention is mapped back to the CoNLL tokens it covers.
pub fn eval_entities(path: &Path) -> Result<EntityReport, String> {
    use crate::article::EntityKind;
    use crate::extract::tagger::{Kind, Span};

    let docs = conll::read(&path.to_string_lossy())?;
    let mut evaluation = conll::Evaluation::default();
    let mut tokens = 0usize;
    let mut seconds = 0f64;
    for doc in &docs {
        // Build the body and remember where each token sits.
        let mut body = String::new();
        let mut where_tok: Vec<Vec<(usize, usize)>> = Vec::new();
        for sentence in &doc.sentences {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            let mut spans = Vec::with_capacity(sentence.tokens.len());
            for (i, tok) in sentence.tokens.iter().enumerate() {
                if i > 0 {
                    body.push(' ');
                }
                spans.push((body.len(), body.len() + tok.len()));
                body.push_str(tok);
            }
            tokens += sentence.tokens.len();
            where_tok.push(spans);
        }
        let started = std::time::Instant::now();
        let raw = RawArticle {
            body: body.clone(),
            ..RawArticle::default()
        };
        let article = crate::extract::extract(Path::new("-"), raw);
        seconds += started.elapsed().as_secs_f64();
        // Predictions per sentence, as token spans.
        let mut predicted: Vec<Vec<Span>> = vec![Vec::new(); doc.sentences.len()];
        let mut unaligned = 0usize;
        for m in article
            .entities
            .iter()
            .filter(|m| m.field == TextField::Body)
        {
            let kind = match m.kind {
                EntityKind::Person => Kind::Per,
                EntityKind::Company | EntityKind::Organization => Kind::Org,
                EntityKind::Place => Kind::Loc,
            };
            let aligned = where_tok.iter().enumerate().find_map(|(si, toks)| {
                let start = toks.iter().position(|&(s, _)| s == m.start)?;
                let end = toks.iter().position(|&(_, e)| e == m.end)?;
                (end >= start).then_some((si, start, end + 1))
            });
            match aligned {
                Some((si, start, end)) => predicted[si].push(Span { start, end, kind }),
                // A mention that does not start and end on token edges can match nothing;
                // count it as a wrong prediction in the first sentence.
                None => {
                    unaligned += 1;
                    predicted[0].push(Span {
                        start: usize::MAX,
                        end: usize::MAX,
                        kind,
                    });
                }
            }
        }
        let _ = unaligned;
        push_misc_predictions(&article, &where_tok, &mut predicted);
        for (sentence, pred) in doc.sentences.iter().zip(&predicted) {
            evaluation.add(&sentence.spans, pred);
        }
    }
    Ok(EntityReport {
        file: path.display().to_string(),
        docs: docs.len(),
        tokens,
        evaluation,
        seconds,
    })
}

/// Add the article's other names in the body (works, events, nationalities: CoNLL's MISC)
/// to the predictions of each sentence, as the CoNLL tokens they cover (`where_tok`: each
/// sentence's token offsets in the body). A mention off token edges is a wrong prediction.
fn push_misc_predictions(
    article: &crate::article::Article,
    where_tok: &[Vec<(usize, usize)>],
    predicted: &mut [Vec<crate::extract::tagger::Span>],
) {
    use crate::extract::tagger::{Kind, Span};
    let body = (article.other_mentions.iter()).filter(|m| m.field == TextField::Body);
    for m in body {
        let aligned = where_tok.iter().enumerate().find_map(|(si, toks)| {
            let start = toks.iter().position(|&(s, _)| s == m.start)?;
            let end = toks.iter().position(|&(_, e)| e == m.end)?;
            (end >= start).then_some((si, start, end + 1))
        });
        let (si, start, end) = aligned.unwrap_or((0, usize::MAX, usize::MAX));
        if let Some(sentence) = predicted.get_mut(si) {
            sentence.push(Span {
                start,
                end,
                kind: Kind::Misc,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, OtherMention};
    use crate::extract::tagger::{Kind, Span};

    #[test]
    fn other_names_are_predicted_as_misc_on_the_tokens_they_cover() {
        // "The World Cup began ." then "Norwegian fans sang ." as a body of two sentences.
        let where_tok = vec![
            vec![(0, 3), (4, 9), (10, 13), (14, 19), (20, 21)],
            vec![(23, 32), (33, 37), (38, 42), (43, 44)],
        ];
        let other = |start, end| OtherMention {
            text: String::new(),
            field: TextField::Body,
            start,
            end,
        };
        let article = Article {
            other_mentions: vec![other(4, 13), other(23, 32), other(5, 13)],
            ..Article::default()
        };
        let mut predicted = vec![Vec::new(), Vec::new()];
        push_misc_predictions(&article, &where_tok, &mut predicted);
        let misc = |start, end| Span {
            start,
            end,
            kind: Kind::Misc,
        };
        assert_eq!(
            predicted,
            [
                vec![misc(1, 3), misc(usize::MAX, usize::MAX)],
                vec![misc(0, 1)]
            ]
        );
    }
}
