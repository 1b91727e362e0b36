//! A user's alias file: variants mapped to one canonical name, and names to drop.
//!
//! ```text
//! # One entity a line, tab-separated (shown here as →): the canonical name, then variants.
//! Mike Pompeo → Michael Pompeo → Michael R. Pompeo
//! # A kind in front limits the line to one kind: person, company, organization, place.
//! company:Alphabet → Google Inc → Alphabet Inc.
//! # A line starting with "!" drops every name on it (optionally of one kind: "!place:").
//! ! → Getty Images → AP Photo
//! ```
//!
//! Names match case-insensitively with whitespace folded, against both the name found in the
//! text and the canonical name morgue resolved it to. The file is read at the start of
//! `morgue index` (given with `--aliases FILE`, or `aliases.tsv` in the index folder); when
//! its contents change, the next run re-extracts every file.

use std::collections::HashMap;
use std::path::Path;

use crate::article::{EntityKind, EntityMention};
use crate::error::{Error, Result};

use super::gazetteer::key;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Rule {
    Rename(String),
    Drop,
}

/// Parsed alias rules.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    /// (kind it is limited to, normalised name) → rule.
    rules: HashMap<(Option<EntityKind>, String), Rule>,
    fingerprint: u64,
}

impl Aliases {
    /// Read an alias file.
    pub fn load(path: &Path) -> Result<Aliases> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Aliases::parse(&text).map_err(|reason| Error::parse(path, reason))
    }

    /// Parse alias rules; an error names the line.
    pub fn parse(text: &str) -> std::result::Result<Aliases, String> {
        let mut rules = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t').map(str::trim);
            let head = fields.next().unwrap_or_default();
            let names: Vec<&str> = fields.filter(|f| !f.is_empty()).collect();
            let (drop, head) = match head.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, head),
            };
            let (kind, canonical) = match head.split_once(':') {
                Some((k, name)) => match kind_named(k.trim()) {
                    Some(kind) => (Some(kind), name.trim()),
                    None => {
                        return Err(format!(
                            "line {}: unknown kind '{}' (person, company, organization, place)",
                            n + 1,
                            k.trim()
                        ));
                    }
                },
                None => (None, head.trim()),
            };
            if drop {
                if names.is_empty() && canonical.is_empty() {
                    return Err(format!(
                        "line {}: '!' needs names to drop after a tab",
                        n + 1
                    ));
                }
                for name in names
                    .iter()
                    .copied()
                    .chain((!canonical.is_empty()).then_some(canonical))
                {
                    rules.insert((kind, key(name)), Rule::Drop);
                }
            } else {
                if canonical.is_empty() {
                    return Err(format!(
                        "line {}: no canonical name before the first tab",
                        n + 1
                    ));
                }
                for name in names.iter().copied().chain(std::iter::once(canonical)) {
                    rules.insert((kind, key(name)), Rule::Rename(canonical.to_string()));
                }
            }
        }
        Ok(Aliases {
            rules,
            fingerprint: fnv1a(text.as_bytes()),
        })
    }

    /// A stable hash of the file's contents (0 without a file), recorded in the index so that
    /// a changed file triggers re-extraction.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Rename or drop mentions by the rules.
    pub fn apply(&self, mentions: &mut Vec<EntityMention>) {
        if self.rules.is_empty() {
            return;
        }
        mentions.retain_mut(|m| {
            let rule = [key(&m.canonical), key(&m.text)]
                .into_iter()
                .find_map(|name| {
                    self.rules
                        .get(&(Some(m.kind), name.clone()))
                        .or_else(|| self.rules.get(&(None, name)))
                });
            match rule {
                Some(Rule::Drop) => false,
                Some(Rule::Rename(to)) => {
                    m.canonical = to.clone();
                    true
                }
                None => true,
            }
        });
    }
}

fn kind_named(name: &str) -> Option<EntityKind> {
    EntityKind::named(&name.to_ascii_lowercase())
}

/// FNV-1a, 64 bits: stable across Rust versions, unlike the standard hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::TextField;

    fn mention(kind: EntityKind, text: &str, canonical: &str) -> EntityMention {
        EntityMention {
            text: text.into(),
            kind,
            canonical: canonical.into(),
            field: TextField::Body,
            start: 0,
            end: text.len(),
        }
    }

    #[test]
    fn renames_drops_and_kinds() {
        let aliases = Aliases::parse(
            "# comment\nMike Pompeo\tMichael Pompeo\ncompany:Alphabet\tGoogle\n!\tGetty Images\n!place:\tReading\n",
        )
        .unwrap();
        let mut m = vec![
            mention(EntityKind::Person, "Michael Pompeo", "Michael Pompeo"),
            mention(EntityKind::Company, "google", "Google"),
            mention(EntityKind::Organization, "Google", "Google"),
            mention(EntityKind::Company, "Getty Images", "Getty Images"),
            mention(EntityKind::Place, "Reading", "Reading"),
            mention(EntityKind::Person, "Reading", "Reading"),
        ];
        aliases.apply(&mut m);
        let got: Vec<(EntityKind, &str)> =
            m.iter().map(|m| (m.kind, m.canonical.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (EntityKind::Person, "Mike Pompeo"),
                (EntityKind::Company, "Alphabet"),
                (EntityKind::Organization, "Google"),
                (EntityKind::Person, "Reading"),
            ]
        );
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            Aliases::parse("ok\tfine\nanimal:Cat\tKitty\n").unwrap_err(),
            "line 2: unknown kind 'animal' (person, company, organization, place)"
        );
        assert!(
            Aliases::parse("\tvariant\n")
                .unwrap_err()
                .starts_with("line 1: no canonical")
        );
        assert_ne!(
            Aliases::parse("a\tb\n").unwrap().fingerprint(),
            Aliases::parse("a\tc\n").unwrap().fingerprint()
        );
    }
}
