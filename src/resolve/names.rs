//! The forms of one name: pure functions the archive pass compares names by.
//!
//! Each returns a key; two names with equal keys are taken for the same name. Keys are
//! lowercase ASCII-folded words joined by single spaces, so they compare across case
//! ("MOODY'S" and "Moody's"), accents and punctuation.

/// Words that do not count towards a name's initials ("Bank *of* Japan").
const LINK_WORDS: &[&str] = &["of", "the", "and", "for", "de", "du", "des", "la", "le"];

/// Legal forms and their joiners dropped from the end of a company's name before it is
/// compared ("Morgan Stanley and Co", "Moody's Investors Service Inc").
const LEGAL_TAILS: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "cos",
    "company",
    "companies",
    "ltd",
    "limited",
    "plc",
    "llc",
    "lp",
    "llp",
    "ag",
    "sa",
    "nv",
    "bv",
    "spa",
    "ab",
    "gmbh",
    "and",
];

/// The words of a name as the index's analyzer sees them: split at anything that is not a
/// letter or digit, lowercased, accents folded ("MOODY'S" → "moody", "s").
pub fn words(name: &str) -> Vec<String> {
    thread_local! {
        static ANALYZER: std::cell::RefCell<tantivy::tokenizer::TextAnalyzer> =
            std::cell::RefCell::new(crate::index::analyzer::words());
    }
    ANALYZER.with_borrow_mut(|analyzer| {
        let mut stream = analyzer.token_stream(name);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    })
}

/// The name's folded words joined by spaces: equal for case, accent and punctuation
/// variants ("MOODY'S" = "Moody's", "Goldman, Sachs" = "Goldman Sachs").
pub fn fold(name: &str) -> String {
    words(name).join(" ")
}

/// The key two spellings of one name share: [`fold`], with legal forms and dangling joiners
/// dropped from the end, and a plural last word made singular ("Liberal Democrats" =
/// "Liberal Democrat", "Goldman Sachs and Co" = "Goldman Sachs"). A name that would be
/// left with nothing keeps its folded form.
pub fn variant_key(name: &str) -> String {
    key_of(words(name))
}

fn key_of(mut w: Vec<String>) -> String {
    while w.len() > 1 && w.last().is_some_and(|l| LEGAL_TAILS.contains(&l.as_str())) {
        w.pop();
    }
    for word in &mut w {
        *word = american(word);
    }
    if w.len() > 1
        && let Some(last) = w.last_mut()
    {
        *last = singular(last);
    }
    w.join(" ")
}

/// A word with the British "-isation" spelled the American way, for comparison only
/// ("organisation" → "organization", "organisations" → "organizations").
fn american(word: &str) -> String {
    match word.find("isation") {
        Some(at) if at >= 3 => format!("{}ization{}", &word[..at], &word[at + 7..]),
        _ => word.to_string(),
    }
}

/// A plural noun's singular, for comparison only ("democrats" → "democrat"); words ending
/// in "ss", "us", "is" or shorter than four letters are left alone.
fn singular(word: &str) -> String {
    let n = word.len();
    if n < 4 || word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_string();
    }
    match word.strip_suffix('s') {
        Some(stem) => stem.to_string(),
        None => word.to_string(),
    }
}

/// Whether a name is written as an acronym: one token of 2 to 8 capitals (and digits or
/// dots), at least two of them letters ("EC", "USDA", "U.N.", "G7" is not: one letter).
pub fn is_acronym(name: &str) -> bool {
    let t = name.trim();
    if t.contains(' ') || t.len() > 10 {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && t.chars().next().is_some_and(char::is_alphanumeric)
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '&')
}

/// The acronym a name's words would make ("European Community" → "ec", "Bank of Japan" →
/// "bj"; "U.S. Agriculture Department" → "usad"), or `None` for a name of one word.
pub fn initials(name: &str) -> Option<String> {
    initials_of(&words(name))
}

fn initials_of(w: &[String]) -> Option<String> {
    let content: Vec<&String> = w
        .iter()
        .filter(|w| !LINK_WORDS.contains(&w.as_str()))
        .collect();
    if content.len() < 2 {
        return None;
    }
    Some(content.iter().filter_map(|w| w.chars().next()).collect())
}

/// An acronym's letters, folded ("U.S.D.A." → "usda").
pub fn acronym_letters(name: &str) -> String {
    words(name).concat()
}

/// The last word of a person's name, folded, when the name has more than one word.
pub fn surname(name: &str) -> Option<String> {
    surname_of(&words(name))
}

fn surname_of(w: &[String]) -> Option<String> {
    (w.len() > 1).then(|| w[w.len() - 1].clone())
}

/// Every form of one name the archive pass compares, from one pass of the analyzer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forms {
    /// [`fold`].
    pub fold: String,
    /// [`variant_key`].
    pub key: String,
    /// [`initials`].
    pub initials: Option<String>,
    /// [`surname`].
    pub surname: Option<String>,
    /// [`acronym_letters`].
    pub letters: String,
}

impl Forms {
    pub fn of(name: &str) -> Forms {
        let w = words(name);
        Forms {
            fold: w.join(" "),
            initials: initials_of(&w),
            surname: surname_of(&w),
            letters: w.concat(),
            key: key_of(w),
        }
    }
}

/// Whether `short` abbreviates `long` word by word: as many words, each of `short` a
/// prefix of the word of `long` in its place, at least one shorter and none under
/// three letters unless whole ("Lib Dem" → "Liberal Democrat", "Intl Paper" is not:
/// "intl" is no prefix of "international").
pub fn abbreviates(short: &str, long: &str) -> bool {
    abbreviates_key(&variant_key(short), &variant_key(long))
}

/// [`abbreviates`], on two names' [`variant_key`]s.
pub fn abbreviates_key(short: &str, long: &str) -> bool {
    let (s, l): (Vec<&str>, Vec<&str>) = (short.split(' ').collect(), long.split(' ').collect());
    if s.len() != l.len() || s.len() < 2 || s == l {
        return false;
    }
    s.iter()
        .zip(&l)
        .all(|(a, b)| a == b || (a.len() >= 3 && b.starts_with(a) && b.len() > a.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_meets_case_accents_and_punctuation() {
        for (a, b) in [
            ("MOODY'S", "Moody's"),
            ("Moody’s", "MOODY'S"),
            ("José Sarney", "Jose Sarney"),
            ("Goldman, Sachs", "Goldman Sachs"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} / {b}");
        }
        assert_ne!(fold("Reagan"), fold("Ronald Reagan"));
    }

    #[test]
    fn variants_share_a_key() {
        let same = [
            ("Liberal Democrats", "Liberal Democrat"),
            ("Goldman, Sachs and Co", "Goldman Sachs"),
            ("Morgan Stanley and", "Morgan Stanley"),
            ("Merrill Lynch and Co Inc", "Merrill Lynch"),
            ("Lib Dems", "Lib Dem"),
            (
                "International Coffee Organisation",
                "International Coffee Organization",
            ),
        ];
        for (a, b) in same {
            assert_eq!(variant_key(a), variant_key(b), "{a} / {b}");
        }
        let apart = [
            ("Co", "Inc"),
            ("Texas", "Texa"),
            ("Bank of Japan", "Bank of Korea"),
        ];
        for (a, b) in apart {
            assert_ne!(variant_key(a), variant_key(b), "{a} / {b}");
        }
        assert_eq!(variant_key("Co"), "co");
        assert_eq!(variant_key("Barclays"), "barclays");
        assert_eq!(variant_key("Lloyds Bank"), "lloyds bank");
    }

    #[test]
    fn acronyms_and_initials() {
        for (name, want) in [
            ("EC", true),
            ("USDA", true),
            ("U.N.", true),
            ("IBM", true),
            ("G7", false),
            ("Who", false),
            ("Reuter", false),
            ("OPEC's", false),
            ("New York", false),
        ] {
            assert_eq!(is_acronym(name), want, "{name}");
        }
        assert_eq!(initials("European Community").as_deref(), Some("ec"));
        assert_eq!(
            initials("International Business Machines").as_deref(),
            Some("ibm")
        );
        assert_eq!(initials("Bank of Japan").as_deref(), Some("bj"));
        assert_eq!(initials("Microsoft"), None);
        assert_eq!(acronym_letters("U.S.D.A."), "usda");
    }

    #[test]
    fn word_by_word_abbreviations() {
        assert!(abbreviates("Lib Dem", "Liberal Democrat"));
        assert!(abbreviates("Lib Dems", "Liberal Democrats"));
        assert!(abbreviates("Gen Electric", "General Electric"));
        assert!(!abbreviates("Liberal Democrat", "Liberal Democrat"));
        assert!(!abbreviates("Li Dem", "Liberal Democrat"));
        assert!(!abbreviates("Intl Paper", "International Paper"));
        assert!(!abbreviates("Lib", "Liberal"));
        assert!(!abbreviates("Lib Dem Party", "Liberal Democrat"));
    }

    #[test]
    fn forms_agree_with_each_function() {
        for name in [
            "Tony Blair",
            "U.S. Agriculture Department",
            "MOODY'S",
            "EC",
            "Lib Dems",
        ] {
            let f = Forms::of(name);
            assert_eq!(f.fold, fold(name));
            assert_eq!(f.key, variant_key(name));
            assert_eq!(f.initials, initials(name));
            assert_eq!(f.surname, surname(name));
            assert_eq!(f.letters, acronym_letters(name));
        }
    }

    #[test]
    fn surnames() {
        assert_eq!(surname("Tony Blair").as_deref(), Some("blair"));
        assert_eq!(surname("Blair"), None);
        assert_eq!(surname("Karl Otto Pöhl").as_deref(), Some("pohl"));
    }
}
