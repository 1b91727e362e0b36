//! Paragraphs a source repeats across its files: the promotion, disclaimer or "about us"
//! line a site or a newsletter puts under every story, when each story is a file of its own.
//! (Within one file of many articles, [`super::boilerplate::strip_repeated`] finds them.)
//!
//! A short prose paragraph found verbatim in [`MIN_REPEATS`] or more files of one source is
//! boilerplate, by the rules `strip_repeated` uses (at most [`MAX_REPEATED_BYTES`], sentence
//! like), when those files are otherwise different stories: each must have at most half of
//! its paragraphs in common with other files of the source. Copies of one story share
//! most of their paragraphs, and theirs are the story, not boilerplate. Sources and paragraphs
//! are kept as 64-bit hashes: a [`Census`] counts them over a set of files, and the
//! [`Repeated`] set it finds is dropped from every body of that source.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use super::boilerplate::{MAX_REPEATED_BYTES, MIN_REPEATS, is_prose, paragraphs, separator};

/// The hash a source or a paragraph is kept as: the same in every run of one build.
fn key(text: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// One article as the census keeps it: its source and its paragraphs, each once, marked when
/// they could be boilerplate.
#[derive(Debug)]
struct Counted {
    source: u64,
    paragraphs: Vec<(u64, bool)>,
    /// The file it is in (a number in the census), so a file counts once.
    file: usize,
}

/// How many files of each source hold each paragraph.
#[derive(Debug, Default)]
pub struct Census {
    articles: Vec<Counted>,
    files: usize,
    counts: FxHashMap<(u64, u64), u32>,
}

impl Census {
    /// Count one file's articles, each with its source (`parse::source_key`).
    pub fn add_file<'a, S: AsRef<str>>(
        &mut self,
        articles: impl IntoIterator<Item = (S, &'a str)>,
    ) {
        let file = self.files;
        self.files += 1;
        let mut seen: FxHashSet<(u64, u64)> = FxHashSet::default();
        for (source, body) in articles {
            let source = key(source.as_ref());
            let mut paragraphs: Vec<(u64, bool)> = paragraphs(body)
                .map(|p| (key(p), p.len() <= MAX_REPEATED_BYTES && is_prose(p)))
                .collect();
            paragraphs.sort_unstable();
            paragraphs.dedup_by_key(|(p, _)| *p);
            seen.extend(paragraphs.iter().map(|&(p, _)| (source, p)));
            self.articles.push(Counted {
                source,
                paragraphs,
                file,
            });
        }
        for pair in seen {
            let count = self.counts.entry(pair).or_default();
            *count = count.saturating_add(1);
        }
    }

    /// Another census's files added to these.
    pub fn merge(mut self, mut other: Census) -> Census {
        if self.counts.len() < other.counts.len() {
            std::mem::swap(&mut self, &mut other);
        }
        for (pair, n) in other.counts {
            let count = self.counts.entry(pair).or_default();
            *count = count.saturating_add(n);
        }
        let offset = self.files;
        (self.articles).extend(other.articles.into_iter().map(|a| Counted {
            file: a.file + offset,
            ..a
        }));
        self.files += other.files;
        self
    }

    /// The boilerplate: each paragraph that could be, found in [`MIN_REPEATS`] or more files
    /// of its source that are otherwise stories of their own.
    pub fn repeated(&self) -> Repeated {
        let shared = |source: u64, p: u64| {
            self.counts.get(&(source, p)).copied().unwrap_or(0) as usize >= MIN_REPEATS
        };
        // (source, paragraph) → the files voting for it, each once.
        let mut votes: FxHashMap<(u64, u64), FxHashSet<usize>> = FxHashMap::default();
        for article in &self.articles {
            let common = (article.paragraphs.iter())
                .filter(|&&(p, _)| shared(article.source, p))
                .count();
            if common * 2 > article.paragraphs.len() {
                continue;
            }
            for &(p, candidate) in &article.paragraphs {
                if candidate && shared(article.source, p) {
                    votes
                        .entry((article.source, p))
                        .or_default()
                        .insert(article.file);
                }
            }
        }
        Repeated {
            pairs: (votes.into_iter())
                .filter(|(_, files)| files.len() >= MIN_REPEATS)
                .map(|(pair, _)| pair)
                .collect(),
        }
    }
}

/// Paragraphs known to be boilerplate of their source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Repeated {
    pairs: FxHashSet<(u64, u64)>,
}

impl Repeated {
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// These and `other`'s.
    pub fn extend(&mut self, other: Repeated) {
        self.pairs.extend(other.pairs);
    }

    /// Drop the paragraphs of `source` known to be boilerplate from `body`, unless nothing
    /// would be left. Returns how many were dropped.
    pub fn strip(&self, source: &str, body: &mut String) -> usize {
        if self.pairs.is_empty() {
            return 0;
        }
        let source = key(source);
        let sep = separator(body);
        let (kept, gone): (Vec<&str>, Vec<&str>) =
            paragraphs(body).partition(|p| !self.pairs.contains(&(source, key(p))));
        if gone.is_empty() || kept.is_empty() {
            return 0;
        }
        let n = gone.len();
        *body = kept.join(sep);
        n
    }

    /// The set as a file holds it: 16 bytes a paragraph, little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut pairs: Vec<&(u64, u64)> = self.pairs.iter().collect();
        pairs.sort_unstable();
        let mut out = Vec::with_capacity(pairs.len() * 16);
        for (source, paragraph) in pairs {
            out.extend_from_slice(&source.to_le_bytes());
            out.extend_from_slice(&paragraph.to_le_bytes());
        }
        out
    }

    /// Read a file's set; `None` if it is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Repeated> {
        if !bytes.len().is_multiple_of(16) {
            return None;
        }
        let word = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
        let pairs = (bytes.chunks_exact(16))
            .map(|pair| (word(&pair[..8]), word(&pair[8..])))
            .collect();
        Some(Repeated { pairs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_repeated_across_files_of_a_source_are_found_and_dropped() {
        let promo = "Get the Harbour Gazette app for breaking news alerts.";
        let story = |i: usize| {
            format!(
                "Story {i} about the port and its ships.\n\nThe harbour master spoke on day \
                 {i}.\n\nBerth {i} reopens next week, the board said.\n\n{promo}"
            )
        };
        let mut census = Census::default();
        for i in 0..MIN_REPEATS - 2 {
            census.add_file([("gazette", story(i).as_str())]);
        }
        // A file holding the line twice counts once; another source does not count.
        census.add_file([
            ("gazette", story(9).as_str()),
            ("gazette", story(8).as_str()),
        ]);
        census.add_file([("other", story(7).as_str())]);
        assert!(census.repeated().is_empty());
        let mut more = Census::default();
        more.add_file([("gazette", story(5).as_str())]);
        let repeated = census.merge(more).repeated();
        assert_eq!(repeated.len(), 1);

        let mut body = story(20);
        assert_eq!(repeated.strip("gazette", &mut body), 1);
        assert!(body.ends_with("the board said."), "{body}");
        let mut other = story(21);
        assert_eq!(repeated.strip("other", &mut other), 0);
        // A body that is nothing but the line keeps it.
        let mut only = promo.to_string();
        assert_eq!(repeated.strip("gazette", &mut only), 0);
        assert_eq!(Repeated::from_bytes(&repeated.to_bytes()), Some(repeated));
        assert!(Repeated::from_bytes(&[1, 2, 3]).is_none());
    }

    #[test]
    fn the_paragraphs_copies_of_one_story_share_are_not_boilerplate() {
        let story = "The port closed on Monday.\n\nShips were diverted to other ports.\n\n\
                     Talks resume on Friday, the union said.";
        let mut census = Census::default();
        for i in 0..8 {
            let copy = format!("{story}\n\nPrinted by paper number {i} of the group.");
            census.add_file([("wire", copy.as_str())]);
        }
        assert!(census.repeated().is_empty());
    }
}
