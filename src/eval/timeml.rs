//! Evaluation of date extraction against TimeML-annotated corpora.
//!
//! Two formats are read:
//! * TempEval-3 `.tml` files (TimeBank, AQUAINT): inline `<TIMEX3>` tags inside
//!   `<TEXT>`, the document creation time in `<DCT>`;
//! * MEANTIME CAT XML files: `<token>` elements and `<TIMEX3>` markables that
//!   point at token ids; the text is rebuilt by joining tokens with spaces
//!   (a newline between sentences). MEANTIME annotates only the first
//!   sentences of each article, so the text stops after the last sentence
//!   that holds any markable.
//!
//! The extractor under test is a closure `(text, dct) -> [(start, end, value)]`
//! with byte offsets into `text`. Only gold `type="DATE"` expressions are
//! scored. A prediction that overlaps no gold DATE but does overlap another
//! gold TIMEX3 (TIME, DURATION, SET, or the document creation time written in
//! the text) is neither right nor wrong: it is counted as `ignored` and left
//! out of precision. Values are compared in one spelling (week numbers with
//! two digits: the corpora write both "2000-W7" and "2000-W07").

use chrono::NaiveDate;
use regex::Regex;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use super::{f1, ratio};

/// The extractor under test.
pub type Extractor<'a> = &'a dyn Fn(&str, Option<NaiveDate>) -> Vec<(usize, usize, String)>;

/// One annotated document.
#[derive(Debug, Clone)]
pub struct Doc {
    pub name: String,
    pub text: String,
    pub dct: Option<NaiveDate>,
    /// Gold TIMEX3 expressions found in the text.
    pub timexes: Vec<Timex>,
}

/// A gold temporal expression with byte offsets into [`Doc::text`].
#[derive(Debug, Clone)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
    /// The document creation time written in the text (MEANTIME).
    pub creation_time: bool,
}

impl Timex {
    fn scored(&self) -> bool {
        self.kind == "DATE" && !self.creation_time
    }
}

/// A gold DATE the extractor got wrong or missed.
#[derive(Debug, Clone)]
pub struct Miss {
    pub doc: String,
    pub text: String,
    pub gold: String,
    /// Values of overlapping predictions (empty when missed).
    pub predicted: Vec<String>,
    /// Up to 60 bytes of text on each side.
    pub context: String,
}

fn context(text: &str, s: usize, e: usize) -> String {
    let mut a = s.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (e + 60).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    text[a..b].replace('\n', " ")
}

/// Scores of one extractor on one corpus.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub corpus: String,
    pub docs: usize,
    /// Gold DATE expressions.
    pub gold: usize,
    /// Gold DATE expressions whose value is `PRESENT_REF`, `PAST_REF` or `FUTURE_REF`.
    pub gold_refs: usize,
    /// Predictions.
    pub predicted: usize,
    /// Predictions overlapping only non-DATE gold expressions.
    pub ignored: usize,
    /// Predictions overlapping a gold DATE.
    pub pred_matched: usize,
    /// Predictions overlapping a gold DATE and carrying its value.
    pub pred_value_ok: usize,
    /// Gold DATEs overlapped by a prediction.
    pub gold_matched: usize,
    /// Gold DATEs with a prediction of exactly the same extent.
    pub strict: usize,
    /// Gold DATEs overlapped by a prediction with exactly the gold value.
    pub value_ok: usize,
    /// Of `value_ok`, those with a `*_REF` gold value.
    pub value_ok_refs: usize,
    /// Gold DATEs matched by overlap but with no prediction of the right value,
    /// and missed ones.
    pub misses: Vec<Miss>,
    /// Predictions overlapping no gold expression: (doc, text, value).
    pub false_positives: Vec<(String, String, String)>,
}

impl Report {
    /// Precision by overlap.
    pub fn precision(&self) -> f64 {
        ratio(self.pred_matched, self.predicted - self.ignored)
    }
    /// Recall by overlap.
    pub fn recall(&self) -> f64 {
        ratio(self.gold_matched, self.gold)
    }
    /// Strict-extent precision.
    pub fn strict_precision(&self) -> f64 {
        ratio(self.strict, self.predicted - self.ignored)
    }
    /// Strict-extent recall.
    pub fn strict_recall(&self) -> f64 {
        ratio(self.strict, self.gold)
    }
    /// Gold DATEs overlapped by a prediction with the exact gold value, over all gold DATEs.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_ok, self.gold)
    }
    /// Predictions with the value of a gold DATE they overlap, over the
    /// predictions that count (those not only overlapping non-DATE timexes).
    pub fn value_precision(&self) -> f64 {
        ratio(self.pred_value_ok, self.predicted - self.ignored)
    }
    /// Gold DATEs overlapped by a prediction with their value, over all gold
    /// DATEs (the same as [`Report::value_accuracy`]).
    pub fn value_recall(&self) -> f64 {
        self.value_accuracy()
    }
    /// Value accuracy over the gold DATEs that were matched by overlap.
    pub fn value_accuracy_matched(&self) -> f64 {
        ratio(self.value_ok, self.gold_matched)
    }
    /// Value accuracy leaving out gold `*_REF` values and the predictions for them.
    pub fn value_accuracy_no_refs(&self) -> f64 {
        ratio(
            self.value_ok - self.value_ok_refs,
            self.gold - self.gold_refs,
        )
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (p, r) = (self.precision(), self.recall());
        let (sp, sr) = (self.strict_precision(), self.strict_recall());
        writeln!(f, "{} ({} docs)", self.corpus, self.docs)?;
        writeln!(
            f,
            "  gold DATE {:>5} (of which *_REF {})   predicted {:>5} (ignored: overlap non-DATE timex {})",
            self.gold, self.gold_refs, self.predicted, self.ignored
        )?;
        writeln!(f, "  {:<28} {:>7} {:>7} {:>7}", "", "P", "R", "F1")?;
        writeln!(
            f,
            "  {:<28} {:>7.3} {:>7.3} {:>7.3}",
            "extent (overlap)",
            p,
            r,
            f1(p, r)
        )?;
        writeln!(
            f,
            "  {:<28} {:>7.3} {:>7.3} {:>7.3}",
            "extent (strict)",
            sp,
            sr,
            f1(sp, sr)
        )?;
        let (vp, vr) = (self.value_precision(), self.value_recall());
        writeln!(
            f,
            "  {:<28} {:>7.3} {:>7.3} {:>7.3}",
            "value (overlap, exact value)",
            vp,
            vr,
            f1(vp, vr)
        )?;
        writeln!(
            f,
            "  value accuracy (all gold)    {:>7.3}   ({} / {})",
            self.value_accuracy(),
            self.value_ok,
            self.gold
        )?;
        writeln!(
            f,
            "  value accuracy (matched)     {:>7.3}   ({} / {})",
            self.value_accuracy_matched(),
            self.value_ok,
            self.gold_matched
        )?;
        writeln!(
            f,
            "  value accuracy (no *_REF)    {:>7.3}   ({} / {})",
            self.value_accuracy_no_refs(),
            self.value_ok - self.value_ok_refs,
            self.gold - self.gold_refs
        )
    }
}

/// A TIMEX3 value in one spelling: week numbers with two digits ("2000-W7"
/// and "2000-W07" name the same week).
fn canonical_value(value: &str) -> String {
    match value.split_once("-W") {
        Some((year, rest)) if year.len() == 4 => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 1 {
                format!("{year}-W0{rest}")
            } else {
                value.to_string()
            }
        }
        _ => value.to_string(),
    }
}

fn is_ref(v: &str) -> bool {
    matches!(v, "PRESENT_REF" | "PAST_REF" | "FUTURE_REF")
}

/// Scores `f` on already loaded documents.
pub fn evaluate(corpus: &str, docs: &[Doc], f: Extractor) -> Report {
    let mut r = Report {
        corpus: corpus.to_string(),
        docs: docs.len(),
        ..Report::default()
    };
    for doc in docs {
        let preds = f(&doc.text, doc.dct);
        r.predicted += preds.len();
        let overlaps = |s: usize, e: usize, t: &Timex| s < t.end && t.start < e;
        for (s, e, v) in &preds {
            let date = doc
                .timexes
                .iter()
                .any(|t| t.scored() && overlaps(*s, *e, t));
            if date {
                r.pred_matched += 1;
                let right = doc.timexes.iter().any(|t| {
                    t.scored()
                        && overlaps(*s, *e, t)
                        && canonical_value(&t.value) == canonical_value(v)
                });
                if right {
                    r.pred_value_ok += 1;
                }
            } else if doc.timexes.iter().any(|t| overlaps(*s, *e, t)) {
                r.ignored += 1;
            } else {
                let text = context(&doc.text, *s, *e);
                r.false_positives.push((doc.name.clone(), text, v.clone()));
            }
        }
        for t in doc.timexes.iter().filter(|t| t.scored()) {
            r.gold += 1;
            let refv = is_ref(&t.value);
            if refv {
                r.gold_refs += 1;
            }
            let hits: Vec<&(usize, usize, String)> =
                preds.iter().filter(|p| overlaps(p.0, p.1, t)).collect();
            if !hits.is_empty() {
                r.gold_matched += 1;
            }
            if hits.iter().any(|p| p.0 == t.start && p.1 == t.end) {
                r.strict += 1;
            }
            let gold_value = canonical_value(&t.value);
            if hits.iter().any(|p| canonical_value(&p.2) == gold_value) {
                r.value_ok += 1;
                if refv {
                    r.value_ok_refs += 1;
                }
            } else {
                r.misses.push(Miss {
                    doc: doc.name.clone(),
                    text: doc.text.get(t.start..t.end).unwrap_or("").to_string(),
                    gold: t.value.clone(),
                    predicted: hits.iter().map(|p| p.2.clone()).collect(),
                    context: context(&doc.text, t.start, t.end),
                });
            }
        }
    }
    r
}

/// Files under `dir` (recursively) whose name ends with `ext`, sorted.
pub fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().and_then(|x| x.to_str()) == Some(ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(pos) = rest.find(name) {
        let before_ok = pos == 0 || rest.as_bytes()[pos - 1].is_ascii_whitespace();
        let after = &rest[pos + name.len()..];
        let after_trim = after.trim_start();
        if before_ok && after_trim.starts_with('=') {
            let v = after_trim[1..].trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let body = &v[1..];
                let end = body.find(q)?;
                return Some(&body[..end]);
            }
        }
        rest = &rest[pos + name.len()..];
    }
    None
}

fn decode_entities(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        let table = [
            ("&amp;", "&"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&apos;", "'"),
        ];
        if let Some((ent, rep)) = table.iter().find(|(e, _)| tail.starts_with(e)) {
            out.push_str(rep);
            rest = &tail[ent.len()..];
        } else {
            out.push('&');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
}

/// Parses a date value such as `1998-01-08` or `19980108`.
pub fn parse_dct(v: &str) -> Option<NaiveDate> {
    let digits: String = v.chars().filter(|c| c.is_ascii_digit()).take(8).collect();
    if digits.len() < 8 {
        return None;
    }
    NaiveDate::parse_from_str(&digits, "%Y%m%d").ok()
}

/// Reads one TempEval-3 `.tml` document.
pub fn read_tml(name: &str, xml: &str) -> Doc {
    let dct = xml.find("<DCT>").and_then(|p| {
        let rest = &xml[p..];
        let end = rest.find("</DCT>").unwrap_or(rest.len());
        let seg = &rest[..end];
        let t = seg.find("<TIMEX3")?;
        let close = seg[t..].find('>')?;
        attr(&seg[t + 6..t + close], "value").and_then(parse_dct)
    });
    let body = match (xml.find("<TEXT>"), xml.find("</TEXT>")) {
        (Some(s), Some(e)) if e > s => &xml[s + 6..e],
        _ => "",
    };
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        decode_entities(&rest[..lt], &mut text);
        let tail = &rest[lt..];
        let gt = tail.find('>').unwrap_or(tail.len() - 1);
        let tag = &tail[1..gt];
        if let Some(attrs) = tag.strip_prefix("TIMEX3") {
            let kind = attr(attrs, "type").unwrap_or("").to_string();
            let value = attr(attrs, "value").unwrap_or("").to_string();
            open = Some((text.len(), kind, value));
        } else if tag.starts_with("/TIMEX3")
            && let Some((s, kind, value)) = open.take()
        {
            let (s, e) = trim_span(&text, s, text.len());
            timexes.push(Timex {
                start: s,
                end: e,
                kind,
                value,
                creation_time: false,
            });
        }
        rest = &tail[(gt + 1).min(tail.len())..];
    }
    decode_entities(rest, &mut text);
    Doc {
        name: name.to_string(),
        text,
        dct,
        timexes,
    }
}

fn trim_span(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let b = text.as_bytes();
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    (s, e)
}

static TOKEN_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<token\b([^>]*)>([^<]*)</token>"#).expect("token regex"));
static TIMEX_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)<TIMEX3\b([^>]*?)(/>|>(.*?)</TIMEX3>)"#).expect("timex regex")
});
static ANCHOR_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<token_anchor\s+t_id="(\d+)""#).expect("anchor regex"));

/// A MEANTIME token id (`t_id`).
type TokenId = u64;

/// Reads one MEANTIME CAT XML document.
pub fn read_cat(name: &str, xml: &str) -> Doc {
    let sentence_of = token_sentences(xml);
    let (text, spans) = cat_text(xml, &sentence_of);
    let (mut timexes, first_sentences) = cat_timexes(xml, &sentence_of, &spans);
    let dct = flagged_creation_time(xml)
        .or_else(|| creation_from_dateline(&mut timexes, &first_sentences));
    Doc {
        name: name.to_string(),
        text,
        dct,
        timexes,
    }
}

/// Every `<token>` with its `t_id`, or 0 when it has none or it is not a number.
fn cat_tokens(xml: &str) -> impl Iterator<Item = (TokenId, regex::Captures<'_>)> {
    TOKEN_RE.captures_iter(xml).map(|c| {
        let attrs = c.get(1).map_or("", |m| m.as_str());
        let id = attr(attrs, "t_id")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        (id, c)
    })
}

/// The sentence number of every token.
fn token_sentences(xml: &str) -> HashMap<TokenId, u64> {
    cat_tokens(xml)
        .map(|(id, c)| {
            let attrs = c.get(1).map_or("", |m| m.as_str());
            let sentence = attr(attrs, "sentence").and_then(|v| v.parse().ok());
            (id, sentence.unwrap_or(0))
        })
        .collect()
}

/// The text of the annotated part of the document, one sentence a line, and each token's
/// byte span in it. Only the first sentences of each article are annotated: the text stops
/// after the last sentence that holds any markable.
fn cat_text(
    xml: &str,
    sentence_of: &HashMap<TokenId, u64>,
) -> (String, HashMap<TokenId, (usize, usize)>) {
    let markables = xml.find("<Markables").map_or("", |p| &xml[p..]);
    let last_annotated = ANCHOR_RE
        .captures_iter(markables)
        .filter_map(|a| a[1].parse::<TokenId>().ok())
        .filter_map(|id| sentence_of.get(&id).copied())
        .max()
        .unwrap_or(u64::MAX);
    let mut text = String::new();
    let mut spans = HashMap::new();
    let mut last_sentence = None;
    for (id, c) in cat_tokens(xml) {
        let sentence = sentence_of.get(&id).copied();
        if sentence.is_some_and(|s| s > last_annotated) {
            continue;
        }
        if !text.is_empty() {
            // Sentences go on separate lines, as paragraphs would.
            text.push(if sentence != last_sentence { '\n' } else { ' ' });
        }
        last_sentence = sentence;
        let start = text.len();
        decode_entities(c.get(2).map_or("", |m| m.as_str()), &mut text);
        spans.insert(id, (start, text.len()));
    }
    (text, spans)
}

/// The document's TIMEX3s that cover kept tokens, each with the sentence of its first
/// token (in the same order).
fn cat_timexes(
    xml: &str,
    sentence_of: &HashMap<TokenId, u64>,
    spans: &HashMap<TokenId, (usize, usize)>,
) -> (Vec<Timex>, Vec<Option<u64>>) {
    let mut timexes = Vec::new();
    let mut first_sentences = Vec::new();
    for c in TIMEX_RE.captures_iter(xml) {
        let attrs = c.get(1).map_or("", |m| m.as_str());
        let inner = c.get(3).map_or("", |m| m.as_str());
        let tokens: Vec<TokenId> = ANCHOR_RE
            .captures_iter(inner)
            .map(|a| a[1].parse().unwrap_or(0))
            .collect();
        let covered = tokens.iter().filter_map(|id| spans.get(id));
        let start = covered.clone().map(|&(s, _)| s).min().unwrap_or(usize::MAX);
        let end = covered.map(|&(_, e)| e).max().unwrap_or(0);
        if start < end {
            timexes.push(Timex {
                start,
                end,
                kind: attr(attrs, "type").unwrap_or("").to_string(),
                value: attr(attrs, "value").unwrap_or("").to_string(),
                creation_time: attr(attrs, "functionInDocument") == Some("CREATION_TIME"),
            });
            first_sentences.push(tokens.iter().find_map(|id| sentence_of.get(id).copied()));
        }
    }
    (timexes, first_sentences)
}

/// The day of the TIMEX3 flagged as the creation time (the last one, if several), which
/// usually covers no token.
fn flagged_creation_time(xml: &str) -> Option<NaiveDate> {
    let flagged = TIMEX_RE.captures_iter(xml).filter_map(|c| {
        let attrs = c.get(1).map_or("", |m| m.as_str());
        (attr(attrs, "functionInDocument") == Some("CREATION_TIME")).then_some(attrs)
    });
    flagged
        .last()
        .and_then(|attrs| parse_dct(attr(attrs, "value").unwrap_or("")))
}

/// A few files do not flag the creation time: it is the full date written on the line
/// after the title (sentence 1). Marks that TIMEX3 as the creation time and returns its day.
fn creation_from_dateline(
    timexes: &mut [Timex],
    first_sentences: &[Option<u64>],
) -> Option<NaiveDate> {
    timexes
        .iter_mut()
        .zip(first_sentences)
        .filter(|(t, sentence)| **sentence == Some(1) && t.kind == "DATE" && t.value.len() == 10)
        .find_map(|(t, _)| {
            let day = parse_dct(&t.value)?;
            t.creation_time = true;
            Some(day)
        })
}

fn load(dir: &Path, ext: &str, read: fn(&str, &str) -> Doc) -> Vec<Doc> {
    files_with_ext(dir, ext)
        .into_iter()
        .filter_map(|p| {
            let xml = std::fs::read_to_string(&p).ok()?;
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some(read(&name, &xml))
        })
        .collect()
}

/// Loads all `.tml` files under `dir`.
pub fn load_tempeval(dir: &Path) -> Vec<Doc> {
    load(dir, "tml", read_tml)
}

/// Loads all MEANTIME `.xml` files under `dir`.
pub fn load_meantime(dir: &Path) -> Vec<Doc> {
    load(dir, "xml", read_cat)
        .into_iter()
        .filter(|d| !d.text.is_empty())
        .collect()
}

/// Scores `f` on the TempEval-3 `.tml` files under `dir`.
pub fn eval_tempeval(dir: &Path, f: Extractor) -> Report {
    evaluate(&dir.display().to_string(), &load_tempeval(dir), f)
}

/// Scores `f` on the MEANTIME CAT XML files under `dir`.
pub fn eval_meantime(dir: &Path, f: Extractor) -> Report {
    evaluate(&dir.display().to_string(), &load_meantime(dir), f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tml_offsets() {
        let xml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2001-02-03" functionInDocument="CREATION_TIME">20010203</TIMEX3></DCT>
<TEXT>A &amp; B met <TIMEX3 tid="t1" type="DATE" value="2001-02-02">yesterday</TIMEX3>.</TEXT></TimeML>"#;
        let d = read_tml("x", xml);
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(2001, 2, 3));
        assert_eq!(d.text, "A & B met yesterday.");
        let t = &d.timexes[0];
        assert_eq!(&d.text[t.start..t.end], "yesterday");
        let f = |_: &str, _: Option<NaiveDate>| vec![(10, 19, "2001-02-02".to_string())];
        let r = evaluate("x", &[d], &f);
        assert_eq!((r.gold, r.value_ok, r.strict), (1, 1, 1));
        assert_eq!((r.pred_value_ok, r.value_precision()), (1, 1.0));
    }

    #[test]
    fn week_values_compare_in_one_spelling() {
        assert_eq!(canonical_value("2000-W7"), "2000-W07");
        assert_eq!(canonical_value("2000-W7-WE"), "2000-W07-WE");
        assert_eq!(canonical_value("2000-W07"), "2000-W07");
        assert_eq!(canonical_value("1989-WXX"), "1989-WXX");
        assert_eq!(canonical_value("PRESENT_REF"), "PRESENT_REF");
    }

    #[test]
    fn cat_offsets() {
        let xml = r#"<Document><token t_id="1" sentence="0">Sales</token><token t_id="2" sentence="0">fell</token>
<token t_id="3" sentence="0">Monday</token>
<Markables><TIMEX3 m_id="9" type="DATE" value="2008-03-03"><token_anchor t_id="3"/></TIMEX3>
<TIMEX3 m_id="1" type="DATE" value="2008-03-04" functionInDocument="CREATION_TIME"/></Markables></Document>"#;
        let d = read_cat("x", xml);
        assert_eq!(d.text, "Sales fell Monday");
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(2008, 3, 4));
        assert_eq!(d.timexes.len(), 1);
        assert_eq!(&d.text[d.timexes[0].start..d.timexes[0].end], "Monday");
    }
}
