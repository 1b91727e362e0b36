//! How an article's quotes are stored: one stored value of the `quotes` field each, fields
//! joined by tabs: `t` for a quote in the title (else `b`, the body), `1` for a direct
//! quote (else `0`), the byte ranges in that field of its content's parts (`start-end`,
//! joined by commas), of its cue and of its source (empty when none), and the canonical
//! name and kind of the entity the source resolves to. What was said is read from the
//! stored title or body, so answers list quotes and hits carry them without reading the
//! article's file again or storing its words twice.

use crate::article::{EntityKind, Quote, TextField};

/// One quote as the index keeps it, read back with its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredQuote {
    /// What was said, without its quotation marks ([`Quote::text`]).
    pub text: String,
    pub direct: bool,
    pub cue: Option<String>,
    /// The source as written.
    pub speaker: Option<String>,
    /// The entity the source resolves to.
    pub entity: Option<(String, EntityKind)>,
}

impl StoredQuote {
    /// The name a `said:` query finds the quote by, as [`crate::article::Speaker::name`]
    /// gives it at index time: the entity's, else the source's.
    pub fn said_by(&self) -> Option<&str> {
        (self.entity.as_ref().map(|e| e.0.as_str())).or(self.speaker.as_deref())
    }

    /// Reads a value [`encode`] wrote, its words from the article's `title` or `body`;
    /// `None` for a value of another shape, or ranges the text does not hold.
    pub fn decode(value: &str, title: &str, body: &str) -> Option<StoredQuote> {
        let mut fields = value.split('\t');
        let mut next = || fields.next();
        let (field, body) = match next()? {
            "t" => (TextField::Title, title),
            "b" => (TextField::Body, body),
            _ => return None,
        };
        let direct = next()? == "1";
        let parts = (next()?.split(','))
            .map(range)
            .collect::<Option<Vec<_>>>()?;
        let cue = optional_range(next()?)?;
        let speaker = optional_range(next()?)?;
        let name = next()?;
        let kind = EntityKind::named(next()?);
        let slice = |r: (usize, usize)| body.get(r.0..r.1).map(str::to_string);
        if parts.iter().any(|&p| body.get(p.0..p.1).is_none()) {
            return None;
        }
        let quote = Quote {
            field,
            parts,
            direct,
            cue: None,
            speaker: None,
        };
        Some(StoredQuote {
            text: quote.text(body),
            direct,
            cue: cue.and_then(slice),
            speaker: speaker.and_then(slice),
            entity: kind
                .filter(|_| !name.is_empty())
                .map(|k| (name.to_string(), k)),
        })
    }
}

/// The stored value of a quote.
pub fn encode(quote: &Quote) -> String {
    let spell = |(start, end): (usize, usize)| format!("{start}-{end}");
    let parts: Vec<String> = quote.parts.iter().copied().map(spell).collect();
    let speaker = quote.speaker.as_ref();
    let (name, kind) = match speaker.and_then(|s| s.entity.as_ref()) {
        Some((name, kind)) => (name.replace(['\t', '\n', '\r'], " "), kind.as_str()),
        None => (String::new(), ""),
    };
    [
        match quote.field {
            TextField::Title => "t",
            TextField::Body => "b",
        }
        .to_string(),
        if quote.direct { "1" } else { "0" }.to_string(),
        parts.join(","),
        quote.cue.map(spell).unwrap_or_default(),
        speaker.map(|s| spell((s.start, s.end))).unwrap_or_default(),
        name,
        kind.to_string(),
    ]
    .join("\t")
}

fn range(text: &str) -> Option<(usize, usize)> {
    let (start, end) = text.split_once('-')?;
    Some((start.parse().ok()?, end.parse().ok()?))
}

/// An empty field (none), or a range; `None` for neither.
fn optional_range(text: &str) -> Option<Option<(usize, usize)>> {
    if text.is_empty() {
        Some(None)
    } else {
        range(text).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Speaker;

    #[test]
    fn a_stored_quote_reads_back_from_the_body() {
        let body =
            "\u{201c}We will not back down,\u{201d} Mr Pompeo told Fox.\n\n\u{201c}Never.\u{201d}";
        let at = |needle: &str| {
            let start = body.find(needle).unwrap();
            (start, start + needle.len())
        };
        let quote = Quote {
            field: TextField::Body,
            parts: vec![at("\u{201c}We will not back down,\u{201d}")],
            direct: true,
            cue: Some(at("told")),
            speaker: Some(Speaker {
                text: "Mr Pompeo".into(),
                start: at("Mr Pompeo").0,
                end: at("Mr Pompeo").1,
                entity: Some(("Mike Pompeo".into(), EntityKind::Person)),
            }),
        };
        let back = StoredQuote::decode(&encode(&quote), "", body).unwrap();
        let expected = StoredQuote {
            text: "We will not back down,".into(),
            direct: true,
            cue: Some("told".into()),
            speaker: Some("Mr Pompeo".into()),
            entity: Some(("Mike Pompeo".into(), EntityKind::Person)),
        };
        assert_eq!(back, expected);
        assert_eq!(back.said_by(), Some("Mike Pompeo"));
        assert_eq!(back.said_by(), quote.speaker.as_ref().map(|s| s.name()));
        let bare = Quote {
            field: TextField::Body,
            parts: vec![at("\u{201c}Never.\u{201d}")],
            direct: true,
            cue: None,
            speaker: None,
        };
        let back = StoredQuote::decode(&encode(&bare), "", body).unwrap();
        assert_eq!(
            (back.text.as_str(), back.cue, back.speaker),
            ("Never.", None, None)
        );
        assert_eq!(StoredQuote::decode(&encode(&quote), "", "short"), None);
        assert_eq!(StoredQuote::decode("no tabs", "", body), None);
        // A headline's quote reads back from the title.
        let title = "Okafor: Ferry Strike Is Over";
        let headline = Quote {
            field: TextField::Title,
            parts: vec![(8, title.len())],
            direct: false,
            cue: Some((6, 7)),
            speaker: None,
        };
        let back = StoredQuote::decode(&encode(&headline), title, body).unwrap();
        assert_eq!(
            (back.text.as_str(), back.cue.as_deref()),
            ("Ferry Strike Is Over", Some(":"))
        );
    }
}
