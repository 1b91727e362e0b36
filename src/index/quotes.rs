//! How an article's quotes are stored: one stored value of the `quotes` field each, fields
//! joined by tabs (`direct`, cue, source, canonical name, kind, what was said), so that
//! answers can list quotes and hits carry them without reading the article's file again.

use crate::article::{EntityKind, Quote};

/// One quote as the index keeps it.
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
    /// The stored form of a body's quote.
    pub fn of(quote: &Quote, body: &str) -> StoredQuote {
        let speaker = quote.speaker.as_ref();
        StoredQuote {
            text: quote.text(body),
            direct: quote.direct,
            cue: quote
                .cue
                .and_then(|(s, e)| body.get(s..e))
                .map(str::to_string),
            speaker: speaker.map(|s| s.text.clone()),
            entity: speaker.and_then(|s| s.entity.clone()),
        }
    }

    /// The name a `said:` query finds the quote by: the entity's, else the source's.
    pub fn said_by(&self) -> Option<&str> {
        (self.entity.as_ref().map(|e| e.0.as_str())).or(self.speaker.as_deref())
    }

    /// The stored value.
    pub fn encode(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let or_empty = |s: Option<&str>| s.map(clean).unwrap_or_default();
        let (name, kind) = match &self.entity {
            Some((name, kind)) => (clean(name), kind.as_str()),
            None => (String::new(), ""),
        };
        [
            if self.direct { "1" } else { "0" }.to_string(),
            or_empty(self.cue.as_deref()),
            or_empty(self.speaker.as_deref()),
            name,
            kind.to_string(),
            clean(&self.text),
        ]
        .join("\t")
    }

    /// Reads [`Self::encode`]; `None` for a value of another shape.
    pub fn decode(value: &str) -> Option<StoredQuote> {
        let mut fields = value.splitn(6, '\t');
        let mut next = || fields.next();
        let direct = next()? == "1";
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let cue = some(next()?);
        let speaker = some(next()?);
        let name = next()?;
        let kind = EntityKind::named(next()?);
        let text = next()?.to_string();
        Some(StoredQuote {
            text,
            direct,
            cue,
            speaker,
            entity: kind
                .filter(|_| !name.is_empty())
                .map(|k| (name.to_string(), k)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_quote_reads_back_as_written() {
        let quote = StoredQuote {
            text: "We will\tnot back down".into(),
            direct: true,
            cue: Some("told".into()),
            speaker: Some("Mr Pompeo".into()),
            entity: Some(("Mike Pompeo".into(), EntityKind::Person)),
        };
        let back = StoredQuote::decode(&quote.encode()).unwrap();
        assert_eq!(back.text, "We will not back down");
        assert_eq!(back.entity, quote.entity);
        assert_eq!(
            (back.direct, back.cue, back.speaker),
            (true, quote.cue, quote.speaker)
        );
        let bare = StoredQuote {
            text: "Home again.".into(),
            direct: true,
            cue: None,
            speaker: None,
            entity: None,
        };
        assert_eq!(StoredQuote::decode(&bare.encode()), Some(bare));
        assert_eq!(StoredQuote::decode("no tabs"), None);
    }
}
