//! How text becomes index terms, on both sides: the index writes what these analyzers make
//! of each field, and queries look up what they make of a query's words.
//!
//! Every text field splits on non-alphanumerics, lowercases, folds accents and drops tokens
//! over 40 bytes ([`words`]). `title` and `body` then add, at the same position, each word's
//! English stem (Snowball's Porter2) behind [`STEM_MARK`] ([`forms`]): "phones" is indexed
//! as `phones` and `~phone`, "phone" as `phone` and `~phone`. Words as written are the plain
//! terms (what `=phones`, prefixes and fuzzy words search); a word in any form is its stem's
//! marked term ([`any_form`]), one term, so a word reads one posting list and a phrase is
//! one phrase. Two kinds of word get no marked term when they are their own stem: the words
//! Porter2 leaves alone (two letters or fewer, or no letter), and the commonest closed-class
//! words ([`FUNCTION_WORDS`]: "the", "and", "with"), a seventh of the words of news and the
//! longest posting lists, which a query rarely asks for in another form. A word in any form
//! whose stem is one of those is its stem's marked term or the stem as written. One field
//! holding both forms keeps one copy of the text, one pass of the tokenizer and one set of
//! snippets: the snippet generator, tokenizing a body with the same analyzer
//! ([`forms_finding`], which skips the stems no query term can be), highlights every form a
//! query matched. Names, bylines and sources are not stemmed: a name has one form.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// The analyzer of fields whose words are searched as written.
pub const WORDS: &str = "morgue";
/// The analyzer of `title` and `body`: each word as written and its stem. (The name changed
/// when every word's stem came to be written: an index of the earlier analyzer is another
/// version's, to be rebuilt.)
pub const FORMS: &str = "morgue_stems";

/// What starts the term of a stem in `title` and `body` (the tokenizer keeps letters and
/// digits only, so no word as written starts with it).
pub const STEM_MARK: char = '~';

/// The longest token kept, in bytes.
const LONGEST_TOKEN: usize = 40;

/// Words as written: split, lowercased, accents folded.
pub fn words() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_TOKEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// [`words`], each word then indexed as written and as `~stem` at the same position (but for
/// the words that are their own stem and get none: see the module's doc).
pub fn forms() -> TextAnalyzer {
    forms_stemming(BothForms {
        initials: None,
        kept: STEMS_KEPT,
    })
}

/// [`forms`] for finding the terms of a query in a text (its snippets): of the marked stems,
/// only those the query holds can match, and a Porter2 stem begins with its word's first
/// letter, so only the words beginning as one of `stems` does are stemmed. Each text is
/// tokenized once, so no stem is kept for later.
pub fn forms_finding<'a>(stems: impl IntoIterator<Item = &'a str>) -> TextAnalyzer {
    let initials = (stems.into_iter())
        .filter_map(|stem| stem.bytes().next().filter(u8::is_ascii))
        .fold(0u128, |mask, initial| mask | 1 << initial);
    forms_stemming(BothForms {
        initials: Some(initials),
        kept: 0,
    })
}

fn forms_stemming(both: BothForms) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_TOKEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(both)
        .build()
}

/// The terms `text` becomes in the fields searched as written, and in `title` and `body` for
/// its words as written.
pub fn word_terms(text: &str) -> Vec<String> {
    let mut analyzer = words();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// For each word of `text`, the terms of `title` and `body` that hold it in any form: its
/// stem's marked term and, when the stem is a word that is its own stem and gets no marked
/// term ("its" is indexed as `its` and `~it`, "it" as `it` alone), the stem as written.
pub fn any_form(text: &str) -> Vec<Vec<String>> {
    let stems = Stems::default();
    (word_terms(text).into_iter())
        .map(|word| {
            let stem = stems.of(&word).into_owned();
            let mut alternatives = vec![format!("{STEM_MARK}{stem}")];
            if stems.of(&stem) == stem && !marks_itself(&stem) {
                alternatives.push(stem);
            }
            alternatives
        })
        .collect()
}

/// The commonest closed-class words of English that Porter2 leaves as they are: determiners,
/// pronouns, prepositions, conjunctions and auxiliaries of three letters or more (shorter
/// words are never stemmed). They get no marked stem (see the module's doc). Sorted, for
/// the search.
pub const FUNCTION_WORDS: &[&str] = &[
    "about", "after", "again", "against", "all", "among", "amongst", "and", "are", "been", "below",
    "between", "both", "but", "can", "cannot", "could", "did", "down", "each", "either", "few",
    "for", "from", "further", "had", "has", "have", "her", "here", "herself", "him", "himself",
    "his", "how", "into", "itself", "just", "may", "might", "more", "most", "must", "myself",
    "neither", "nor", "not", "now", "off", "onto", "other", "our", "out", "over", "own", "per",
    "same", "shall", "she", "should", "some", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "too", "under", "until", "upon",
    "via", "was", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "will", "with", "within", "without", "would", "yet", "you", "your", "yourself",
];

/// Whether a word that is its own stem is indexed under its marked stem too.
fn marks_itself(word: &str) -> bool {
    may_change(word) && FUNCTION_WORDS.binary_search(&word).is_err()
}

/// The token filter behind [`forms`]: every token comes out as written, then again as its
/// marked stem unless it is its own stem and [`marks_itself`] says no.
#[derive(Clone, Copy)]
struct BothForms {
    /// The ASCII first bytes of the words to stem, one bit each (`None`: every word); a word
    /// beginning with any other byte is stemmed.
    initials: Option<u128>,
    /// How many words' stems to keep ([`STEMS_KEPT`]).
    kept: usize,
}

impl TokenFilter for BothForms {
    type Tokenizer<T: Tokenizer> = BothFormsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> BothFormsFilter<T> {
        BothFormsFilter {
            inner: tokenizer,
            initials: self.initials,
            stems: Stems {
                kept: self.kept,
                ..Stems::default()
            },
        }
    }
}

#[derive(Clone)]
struct BothFormsFilter<T> {
    inner: T,
    initials: Option<u128>,
    stems: Stems,
}

impl<T: Tokenizer> Tokenizer for BothFormsFilter<T> {
    type TokenStream<'a> = BothFormsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        BothFormsStream {
            tail: self.inner.token_stream(text),
            initials: self.initials,
            stems: &mut self.stems,
            stem_next: false,
            stem: String::new(),
        }
    }
}

struct BothFormsStream<'a, S> {
    tail: S,
    initials: Option<u128>,
    stems: &'a mut Stems,
    /// Whether the token just given out gets a marked stem, `stem` holding it.
    stem_next: bool,
    /// The marked stem of the token just given out (a buffer kept across tokens).
    stem: String,
}

impl<S: TokenStream> TokenStream for BothFormsStream<'_, S> {
    fn advance(&mut self) -> bool {
        if self.stem_next {
            self.stem_next = false;
            let text = &mut self.tail.token_mut().text;
            text.clear();
            text.push_str(&self.stem);
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let word = &self.tail.token().text;
        let wanted = match (self.initials, word.bytes().next()) {
            (Some(initials), Some(first)) if first.is_ascii() => initials & 1 << first != 0,
            _ => true,
        };
        self.stem_next = wanted && (self.stems).marked(word, &mut self.stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The English stemmer, with the marked stems of the first words seen: news repeats its
/// words (the commonest come early), and a lookup costs a fraction of a stemming.
#[derive(Clone)]
struct Stems {
    stemmer: frostem::Stemmer,
    /// Each word's marked stem, or none when it gets none.
    seen: FxHashMap<Box<str>, Option<Box<str>>>,
    /// How many words' stems to keep; later words are stemmed each time.
    kept: usize,
}

/// How many words' stems the index's analyzer keeps.
const STEMS_KEPT: usize = 100_000;

/// Porter2 leaves words of two letters or fewer as they are, and words without letters.
fn may_change(word: &str) -> bool {
    word.len() > 2 && word.bytes().any(|b| b.is_ascii_alphabetic())
}

impl Default for Stems {
    fn default() -> Stems {
        Stems {
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            seen: FxHashMap::default(),
            kept: STEMS_KEPT,
        }
    }
}

impl Stems {
    /// The stem of `word` (lowercase).
    fn of<'w>(&self, word: &'w str) -> Cow<'w, str> {
        if may_change(word) {
            self.stemmer.stem(word)
        } else {
            Cow::Borrowed(word)
        }
    }

    /// Writes `word`'s marked stem into `out` unless it gets none; whether it does.
    fn marked(&mut self, word: &str, out: &mut String) -> bool {
        if let Some(marked) = self.seen.get(word) {
            if let Some(marked) = marked {
                out.clear();
                out.push_str(marked);
            }
            return marked.is_some();
        }
        let stem = self.of(word);
        let marks = stem != word || marks_itself(word);
        if marks {
            out.clear();
            out.push(STEM_MARK);
            out.push_str(&stem);
        }
        if self.seen.len() < self.kept {
            let marked = marks.then(|| out.as_str().into());
            self.seen.insert(word.into(), marked);
        }
        marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(String, usize, std::ops::Range<usize>)> {
        tokens(&mut forms(), text)
    }

    fn tokens(
        analyzer: &mut TextAnalyzer,
        text: &str,
    ) -> Vec<(String, usize, std::ops::Range<usize>)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from..t.offset_to));
        }
        out
    }

    #[test]
    fn each_word_is_indexed_as_written_and_as_its_stem() {
        assert_eq!(
            all("Mobile phone PHONES in the 2 oils"),
            [
                ("mobile".to_string(), 0, 0..6),
                ("~mobil".to_string(), 0, 0..6),
                ("phone".to_string(), 1, 7..12),
                ("~phone".to_string(), 1, 7..12),
                ("phones".to_string(), 2, 13..19),
                ("~phone".to_string(), 2, 13..19),
                // Too short to stem, and a function word: as written only.
                ("in".to_string(), 3, 20..22),
                ("the".to_string(), 4, 23..26),
                ("2".to_string(), 5, 27..28),
                ("oils".to_string(), 6, 29..33),
                ("~oil".to_string(), 6, 29..33),
            ]
        );
    }

    #[test]
    fn any_form_of_a_word_is_its_marked_stem_or_the_stem_as_a_word() {
        assert_eq!(any_form("phones"), [["~phone"]]);
        assert_eq!(any_form("phone"), [["~phone"]]);
        assert_eq!(any_form("Happiness"), [["~happi"]]);
        assert_eq!(any_form("happy"), any_form("happiness"));
        assert_eq!(any_form("banned"), any_form("ban"));
        // Stems that get no marked term of their own are searched as written too.
        assert_eq!(any_form("its"), [["~it", "it"]]);
        assert_eq!(any_form("the"), [["~the", "the"]]);
        assert_eq!(any_form("1987"), [["~1987", "1987"]]);
        assert_eq!(word_terms("Café Pompeo's"), ["cafe", "pompeo", "s"]);
    }

    #[test]
    fn finding_a_query_stems_only_the_words_that_begin_as_its_stems() {
        let text = "Mobile phones, cheaper tariffs and Ōsaka's dealers";
        let found = tokens(&mut forms_finding(["phone", "tariff"]), text);
        let every = all(text);
        // Every word as written, and the stems of words beginning with p or t only.
        let kept: Vec<_> = (every.into_iter())
            .filter(|(t, ..)| !t.starts_with(STEM_MARK) || t[1..].starts_with(['p', 't']))
            .collect();
        assert_eq!(found, kept);
        assert!(found.iter().any(|(t, ..)| t == "~tariff"));
        assert!(
            !found
                .iter()
                .any(|(t, ..)| t == "~cheaper" || t == "~dealer")
        );
        // The rule rests on this: a stem begins with its word's first letter, Porter2's
        // irregular words included.
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        for word in [
            "skies",
            "dying",
            "lying",
            "tying",
            "idly",
            "gently",
            "ugly",
            "early",
            "only",
            "singly",
            "news",
            "yesterday",
            "happiness",
            "generously",
            "ascertained",
        ] {
            let stem = stemmer.stem(word);
            assert_eq!(stem.chars().next(), word.chars().next(), "{word} → {stem}");
        }
    }

    #[test]
    fn the_stems_kept_are_the_stems() {
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        let mut stems = Stems::default();
        let mut out = String::new();
        for round in 0..2 {
            for i in 0..(STEMS_KEPT + 10) {
                // Four letters from the number, then a suffix Porter2 takes off.
                let letters: String = (0..4)
                    .map(|k| char::from(b'a' + (i / 26usize.pow(k) % 26) as u8))
                    .collect();
                let word = format!("{letters}ings");
                let want = stemmer.stem(&word);
                assert_ne!(want, word);
                assert!(stems.marked(&word, &mut out), "{round} {word}");
                assert_eq!(out, format!("{STEM_MARK}{want}"), "{round}");
            }
        }
        assert_eq!(stems.seen.len(), STEMS_KEPT);
        assert!(!stems.marked("to", &mut out) && !stems.marked("1987", &mut out));
        assert!(!stems.marked("the", &mut out) && !stems.marked("with", &mut out));
        assert!(stems.marked("oil", &mut out) && out == "~oil");
    }

    #[test]
    fn function_words_are_sorted_and_their_own_stems() {
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        assert!(FUNCTION_WORDS.is_sorted());
        for word in FUNCTION_WORDS {
            assert!(may_change(word), "{word} is never stemmed");
            assert_eq!(stemmer.stem(word), *word);
            assert!(!marks_itself(word));
        }
        assert!(marks_itself("oil") && !marks_itself("to"));
    }
}
