//! Named entities by rules and gazetteers: people, companies, organisations and places, each
//! resolved to one canonical name per article.
//!
//! The recogniser works on runs of capitalised words ("Secretary of State Mike Pompeo",
//! "Bytedance Ltd"). A run is split at titles and honorifics ("US" | President | "Donald
//! Trump"), then each piece is typed: a name after a title or starting with a known given name
//! is a person; a gazetteer match is whatever the gazetteer says; a legal suffix makes a
//! company, a word like "Party" or "Ministry" an organisation. Pieces it cannot type are held
//! back until the whole article has been read: a lone "Pompeo" is a person once "Mike Pompeo"
//! has been seen, and is then reported under that canonical name, as are "Mr Pompeo" and
//! "Secretary Pompeo".

use std::collections::HashMap;

use crate::article::{EntityKind, EntityMention, TextField};

use super::gazetteer::{gazetteer, Gazetteer};

/// Find and resolve the entities of an article's title and body.
pub fn find_entities(title: &str, body: &str) -> Vec<EntityMention> {
    let g = gazetteer();
    let mut found = Vec::new();
    for (field, text) in [(TextField::Title, title), (TextField::Body, body)] {
        recognise(text, field, g, &mut found);
    }
    resolve(found, g, title, body)
}

/// A piece of text the recogniser found, typed or not yet.
#[derive(Debug, Clone)]
struct Candidate {
    field: TextField,
    start: usize,
    end: usize,
    kind: Option<EntityKind>,
    /// Canonical name when the gazetteer or a rule already knows it.
    canonical: Option<String>,
    /// Found right after a personal title or honorific ("Mr", "President").
    after_title: bool,
}

// ---------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    word: bool,
    cap: bool,
    sentence_start: bool,
}

/// Abbreviations that keep their trailing period.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Inc", "Ltd", "Corp", "Co", "Gov", "Sen", "Rep",
    "Gen", "Prof", "Mt", "Lt", "Col", "Capt", "Sgt", "Rev", "Bros", "Messrs", "Ft", "Adm", "No",
];

fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::new();
    let mut sentence_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            if c == '\n' {
                sentence_start = true;
            }
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
                let joins = match d {
                    '.' | '-' | '&' => next_is_alnum(text, j + d.len_utf8()),
                    '\'' | '’' => alnum_run(text, j + d.len_utf8()) >= 3,
                    _ => false,
                };
                if !joins {
                    break;
                }
                chars.next();
                end = j + d.len_utf8();
            }
            // A trailing period belongs to initials (`U.S.`) and known abbreviations (`Mr.`).
            let word = &text[i..end];
            if bytes.get(end) == Some(&b'.') && (ABBREVIATIONS.contains(&word) || is_initials(word))
            {
                end += 1;
                chars.next();
            }
            let word = &text[i..end];
            toks.push(Tok {
                start: i,
                end,
                word: true,
                cap: is_capitalised(word),
                sentence_start,
            });
            sentence_start = false;
        } else {
            toks.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                word: false,
                cap: false,
                sentence_start: false,
            });
            match c {
                '.' | '!' | '?' | '…' | ':' | ';' => sentence_start = true,
                // Opening quotes and brackets keep a pending sentence start.
                '“' | '"' | '‘' | '(' | '[' | '\'' | '—' | '–' | '-' => {}
                _ => sentence_start = false,
            }
        }
    }
    toks
}

fn next_is_alnum(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

fn alnum_run(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .count()
}

/// `U.S`, `U.K`, `A.B.C` (the trailing period is added by the caller).
fn is_initials(word: &str) -> bool {
    word.len() >= 3
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_ascii_digit() => word.chars().any(char::is_uppercase),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------
// Word lists

/// Capitalised function words that start sentences but never names.
const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "but",
    "or",
    "nor",
    "so",
    "yet",
    "if",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "onto",
    "to",
    "with",
    "without",
    "within",
    "after",
    "before",
    "since",
    "until",
    "while",
    "when",
    "where",
    "why",
    "how",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "whether",
    "though",
    "although",
    "because",
    "unless",
    "despite",
    "during",
    "over",
    "under",
    "between",
    "among",
    "about",
    "against",
    "through",
    "i",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "me",
    "us",
    "him",
    "her",
    "them",
    "my",
    "our",
    "your",
    "his",
    "its",
    "their",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "then",
    "now",
    "not",
    "no",
    "yes",
    "all",
    "any",
    "some",
    "many",
    "most",
    "more",
    "much",
    "few",
    "both",
    "each",
    "every",
    "other",
    "another",
    "such",
    "only",
    "also",
    "even",
    "just",
    "still",
    "already",
    "could",
    "would",
    "should",
    "will",
    "can",
    "may",
    "might",
    "must",
    "shall",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "however",
    "meanwhile",
    "instead",
    "indeed",
    "perhaps",
    "please",
    "read",
    "click",
    "thank",
    "thanks",
    "according",
    "asked",
    "said",
    "says",
    "like",
    "last",
    "next",
    "first",
    "one",
    "two",
    "three",
    "several",
    "new",
    "it's",
    "everybody",
    "everyone",
    "nobody",
    "someone",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "well",
    "oh",
    "let",
    "let's",
    "mr",
    "ms",
    "mrs",
];

const MONTHS_AND_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Nationality and group adjectives: capitalised, but not entities of the four kinds.
const DEMONYMS: &[&str] = &[
    "american",
    "americans",
    "chinese",
    "british",
    "french",
    "german",
    "germans",
    "russian",
    "russians",
    "japanese",
    "indian",
    "indians",
    "european",
    "europeans",
    "african",
    "asian",
    "canadian",
    "mexican",
    "italian",
    "spanish",
    "iranian",
    "israeli",
    "palestinian",
    "ukrainian",
    "korean",
    "australian",
    "brazilian",
    "turkish",
    "saudi",
    "arab",
    "muslim",
    "christian",
    "jewish",
    "western",
    "eastern",
    "northern",
    "southern",
    "english",
    "scottish",
    "irish",
    "welsh",
    "dutch",
    "swiss",
    "swedish",
    "polish",
    "greek",
    "democrat",
    "republican",
    "internet",
    "tv",
    "ceo",
    "covid",
    "covid-19",
    "god",
];

/// Personal titles and honorifics, longest first. `true` marks an honorific, which makes what
/// follows a person even when it is a single word.
const TITLES: &[(&str, bool)] = &[
    ("secretary of state", false),
    ("secretary of defense", false),
    ("secretary general", false),
    ("secretary-general", false),
    ("prime minister", false),
    ("vice president", false),
    ("vice-president", false),
    ("attorney general", false),
    ("chief executive officer", false),
    ("chief executive", false),
    ("foreign minister", false),
    ("finance minister", false),
    ("president-elect", false),
    ("president", false),
    ("secretary", false),
    ("minister", false),
    ("chancellor", false),
    ("premier", false),
    ("senator", false),
    ("sen.", false),
    ("sen", false),
    ("representative", false),
    ("rep.", false),
    ("congressman", false),
    ("congresswoman", false),
    ("governor", false),
    ("gov.", false),
    ("mayor", false),
    ("judge", false),
    ("colonel", false),
    ("captain", false),
    ("admiral", false),
    ("chairman", false),
    ("chairwoman", false),
    ("ceo", false),
    ("director", false),
    ("commissioner", false),
    ("ambassador", false),
    ("spokesman", false),
    ("spokeswoman", false),
    ("spokesperson", false),
    ("king", false),
    ("queen", false),
    ("prince", false),
    ("princess", false),
    ("pope", false),
    ("sheikh", false),
    ("archbishop", false),
    ("bishop", false),
    ("cardinal", false),
    ("coach", false),
    ("detective", false),
    ("inspector", false),
    ("professor", false),
    ("mr", true),
    ("mr.", true),
    ("mrs", true),
    ("mrs.", true),
    ("ms", true),
    ("ms.", true),
    ("miss", true),
    ("dr", true),
    ("dr.", true),
    ("prof.", true),
    ("sir", true),
    ("dame", true),
    ("lord", true),
    ("lady", true),
    ("rev.", true),
];

/// Lowercase words that may join capitalised ones inside a name ("Bank of America").
const CONNECTORS: &[&str] = &[
    "of", "de", "del", "della", "da", "du", "la", "le", "van", "von", "der", "den", "bin", "al",
    "&", "the", "for", "and",
];

const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "limited",
    "corp",
    "corp.",
    "co",
    "co.",
    "llc",
    "l.l.c.",
    "plc",
    "ag",
    "gmbh",
    "sa",
    "s.a.",
    "nv",
    "n.v.",
    "spa",
    "s.p.a.",
    "ab",
    "asa",
    "oyj",
    "kk",
    "pty",
    "lp",
    "llp",
    "se",
    "bv",
    "b.v.",
    "incorporated",
    "corporation",
];

const COMPANY_WORDS: &[&str] = &[
    "group",
    "holdings",
    "company",
    "bank",
    "airlines",
    "airways",
    "motors",
    "technologies",
    "technology",
    "systems",
    "industries",
    "pharmaceuticals",
    "energy",
    "partners",
    "capital",
    "media",
    "entertainment",
    "networks",
    "telecom",
    "communications",
    "electronics",
    "software",
    "labs",
    "enterprises",
    "ventures",
    "insurance",
    "securities",
    "brewing",
    "foods",
    "petroleum",
    "steel",
    "mining",
    "resources",
    "studios",
    "records",
    "airline",
    "motor",
    "chemicals",
    "bancorp",
    "financial",
    "investments",
    "logistics",
    "semiconductor",
];

const ORG_WORDS: &[&str] = &[
    "party",
    "committee",
    "commission",
    "council",
    "ministry",
    "department",
    "agency",
    "authority",
    "bureau",
    "office",
    "university",
    "college",
    "school",
    "institute",
    "foundation",
    "association",
    "union",
    "federation",
    "league",
    "court",
    "parliament",
    "assembly",
    "senate",
    "congress",
    "army",
    "navy",
    "police",
    "force",
    "forces",
    "guard",
    "board",
    "service",
    "organization",
    "organisation",
    "society",
    "church",
    "hospital",
    "fund",
    "centre",
    "center",
    "club",
    "academy",
    "administration",
    "tribunal",
    "cabinet",
    "government",
    "coalition",
    "movement",
    "front",
    "alliance",
    "brigade",
    "ministries",
];

fn lower(s: &str) -> String {
    s.to_lowercase().replace('’', "'")
}

/// A function word; an acronym in capitals (`US`, `IT`) is not one.
fn is_stopword(word: &str) -> bool {
    let acronym = word.chars().count() > 1 && !word.chars().any(char::is_lowercase);
    !acronym && in_list(STOPWORDS, word)
}

fn in_list(list: &[&str], word: &str) -> bool {
    let w = lower(word);
    list.contains(&w.as_str())
}

// ---------------------------------------------------------------------------------------
// Recognition

/// Whether a text is set in capitals (a wire headline): then case says nothing and only the
/// gazetteer is trusted.
fn is_shouting(text: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_uppercase() {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    upper > 8 && lower * 5 < upper
}

fn recognise(text: &str, field: TextField, g: &Gazetteer, out: &mut Vec<Candidate>) {
    let toks = tokenize(text);
    let shouting = is_shouting(text);
    let word = |t: &Tok| &text[t.start..t.end];
    let mut i = 0;
    while i < toks.len() {
        if !(toks[i].word && toks[i].cap) {
            i += 1;
            continue;
        }
        // Grow the run of capitalised words, with connectors between them.
        let mut run = vec![i];
        let mut j = i + 1;
        while j < toks.len() && !toks[j].sentence_start {
            let t = &toks[j];
            if t.word && t.cap {
                run.push(j);
                j += 1;
            } else if (t.word || word(t) == "&")
                && in_list(CONNECTORS, word(t))
                && toks
                    .get(j + 1)
                    .is_some_and(|n| n.word && n.cap && !n.sentence_start)
            {
                run.push(j);
                run.push(j + 1);
                j += 2;
            } else {
                break;
            }
        }
        i = j;
        let words: Vec<&str> = run.iter().map(|&k| word(&toks[k])).collect();
        let piece = Piece {
            text,
            toks: &toks,
            run: &run,
            words: &words,
            field,
        };
        if shouting {
            piece.gazetteer_only(g, out);
        } else {
            piece.split(g, out);
        }
    }
}

/// One run of capitalised words being typed.
struct Piece<'a> {
    text: &'a str,
    toks: &'a [Tok],
    run: &'a [usize],
    words: &'a [&'a str],
    field: TextField,
}

impl Piece<'_> {
    fn span(&self, from: usize, to: usize) -> (usize, usize) {
        (
            self.toks[self.run[from]].start,
            self.toks[self.run[to - 1]].end,
        )
    }

    fn push(
        &self,
        out: &mut Vec<Candidate>,
        from: usize,
        to: usize,
        kind: Option<EntityKind>,
        canonical: Option<String>,
        after_title: bool,
    ) {
        let (start, end) = self.span(from, to);
        out.push(Candidate {
            field: self.field,
            start,
            end,
            kind,
            canonical,
            after_title,
        });
    }

    /// The longest gazetteer entry that starts at word `from`, within `to`.
    fn gazetteer_at(
        &self,
        g: &Gazetteer,
        from: usize,
        to: usize,
    ) -> Option<(usize, super::gazetteer::Entry)> {
        let longest = g.max_words.min(to - from);
        (1..=longest).rev().find_map(|n| {
            let (s, e) = self.span(from, from + n);
            g.get(&self.text[s..e]).map(|entry| (from + n, entry))
        })
    }

    /// The longest title that starts at word `from`, as its end and whether it is an honorific.
    fn title_at(&self, from: usize, to: usize) -> Option<(usize, bool)> {
        for n in (1..=3.min(to - from)).rev() {
            let phrase = lower(&self.words[from..from + n].join(" "));
            if let Some(&(_, honorific)) = TITLES.iter().find(|(t, _)| *t == phrase) {
                return Some((from + n, honorific));
            }
        }
        None
    }

    fn gazetteer_only(&self, g: &Gazetteer, out: &mut Vec<Candidate>) {
        let mut k = 0;
        while k < self.words.len() {
            match self.gazetteer_at(g, k, self.words.len()) {
                Some((end, entry)) => {
                    self.push(
                        out,
                        k,
                        end,
                        Some(entry.kind),
                        Some(entry.canonical.into()),
                        false,
                    );
                    k = end;
                }
                None => k += 1,
            }
        }
    }

    fn split(&self, g: &Gazetteer, out: &mut Vec<Candidate>) {
        let n = self.words.len();
        let mut from = 0;
        // Function words that open a sentence are not part of a name.
        while from < n && (is_stopword(self.words[from]) || in_list(CONNECTORS, self.words[from])) {
            from += 1;
        }
        let mut start = from;
        let mut after_title = false;
        let mut k = from;
        while k < n {
            // A gazetteer name that starts here outranks a title reading ("General Motors").
            let gaz_end = self.gazetteer_at(g, k, n).map(|(e, _)| e).unwrap_or(k);
            match self.title_at(k, n) {
                Some((title_end, honorific)) if gaz_end <= title_end => {
                    self.type_piece(g, out, start, k, after_title);
                    after_title = true;
                    // What follows an honorific is a name even if it is one word.
                    let _ = honorific;
                    k = title_end;
                    start = k;
                }
                _ => k += 1,
            }
        }
        self.type_piece(g, out, start, n, after_title);
    }

    /// Type the words `[from, to)` of the run.
    fn type_piece(
        &self,
        g: &Gazetteer,
        out: &mut Vec<Candidate>,
        mut from: usize,
        mut to: usize,
        after_title: bool,
    ) {
        // Trim connectors, months, weekdays and demonyms at the edges.
        let edge =
            |w: &str| in_list(CONNECTORS, w) || in_list(MONTHS_AND_DAYS, w) || is_stopword(w);
        if after_title && from < to && in_list(CONNECTORS, self.words[from]) {
            // "Mayor of London": the title's domain, not a name.
            self.type_piece(g, out, from + 1, to, false);
            return;
        }
        while from < to && edge(self.words[from]) {
            from += 1;
        }
        while to > from
            && (in_list(CONNECTORS, self.words[to - 1])
                || in_list(MONTHS_AND_DAYS, self.words[to - 1]))
        {
            to -= 1;
        }
        if from >= to {
            return;
        }
        let words = &self.words[from..to];
        let whole = self.gazetteer_at(g, from, to).filter(|(e, _)| *e == to);
        let person_like = words.len() <= 4
            && words.iter().all(|w| is_capitalised(w))
            && !words.iter().any(|w| in_list(DEMONYMS, w));
        if after_title && person_like && whole.is_none_or(|(_, e)| e.kind == EntityKind::Person) {
            self.push(out, from, to, Some(EntityKind::Person), None, true);
            return;
        }
        if person_like
            && (2..=4).contains(&words.len())
            && g.is_first_name(words[0])
            && whole.is_none()
            && !in_list(ORG_WORDS, words[words.len() - 1])
            && !in_list(COMPANY_WORDS, words[words.len() - 1])
        {
            self.push(out, from, to, Some(EntityKind::Person), None, false);
            return;
        }
        // A name ending in "Council", "Shipping" or "Ltd" is one organisation or company, even
        // when it starts with a place ("Leeds City Council") or a known company ("Huawei
        // Technologies Co Ltd", which keeps the company's canonical name).
        let last = words[words.len() - 1];
        let org_like = words.len() >= 2
            && (in_list(ORG_WORDS, last)
                || in_list(COMPANY_WORDS, last)
                || in_list(LEGAL_SUFFIXES, last));
        if org_like && whole.is_none() {
            if let Some((end, entry)) = self.gazetteer_at(g, from, to) {
                let suffixes_only = self.words[end..to]
                    .iter()
                    .all(|w| in_list(COMPANY_WORDS, w) || in_list(LEGAL_SUFFIXES, w));
                if entry.kind != EntityKind::Place && suffixes_only {
                    self.push(
                        out,
                        from,
                        to,
                        Some(entry.kind),
                        Some(entry.canonical.into()),
                        false,
                    );
                    return;
                }
            }
            if !self.words[from..to].iter().any(|w| in_list(CONNECTORS, w)) {
                self.by_rules(out, from, to);
                return;
            }
        }
        // Gazetteer names inside the piece; the words between them are typed by rules.
        let mut k = from;
        let mut rest = from;
        while k < to {
            if let Some((end, entry)) = self.gazetteer_at(g, k, to) {
                // A legal suffix right after a gazetteer company is part of it.
                let mut end2 = end;
                if entry.kind == EntityKind::Company
                    && end < to
                    && in_list(LEGAL_SUFFIXES, self.words[end])
                {
                    end2 = end + 1;
                }
                self.by_rules(out, rest, k);
                self.push(
                    out,
                    k,
                    end2,
                    Some(entry.kind),
                    Some(entry.canonical.into()),
                    false,
                );
                k = end2;
                rest = k;
            } else {
                k += 1;
            }
        }
        self.by_rules(out, rest, to);
    }

    /// Type words no gazetteer knows, by their last word; hold back what rules cannot type.
    fn by_rules(&self, out: &mut Vec<Candidate>, mut from: usize, mut to: usize) {
        while from < to && (in_list(CONNECTORS, self.words[from]) || is_stopword(self.words[from]))
        {
            from += 1;
        }
        while to > from && in_list(CONNECTORS, self.words[to - 1]) {
            to -= 1;
        }
        if from >= to {
            return;
        }
        let words = &self.words[from..to];
        if words
            .iter()
            .all(|w| in_list(DEMONYMS, w) || in_list(MONTHS_AND_DAYS, w))
        {
            return;
        }
        let last = words[words.len() - 1];
        if in_list(LEGAL_SUFFIXES, last) && words.len() > 1 {
            let (s, _) = self.span(from, to - 1);
            let (_, e) = self.span(to - 2, to - 1);
            let name = super::super::parse::squeeze(&self.text[s..e]);
            self.push(out, from, to, Some(EntityKind::Company), Some(name), false);
        } else if in_list(COMPANY_WORDS, last) && words.len() > 1 {
            self.push(out, from, to, Some(EntityKind::Company), None, false);
        } else if in_list(ORG_WORDS, last) && words.len() > 1 {
            self.push(out, from, to, Some(EntityKind::Organization), None, false);
        } else {
            // Untyped: kept until the whole article is read, then resolved or dropped.
            self.push(out, from, to, None, None, false);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Resolution

/// Give every candidate a kind and a canonical name, or drop it.
fn resolve(found: Vec<Candidate>, g: &Gazetteer, title: &str, body: &str) -> Vec<EntityMention> {
    let text_of = |c: &Candidate| match c.field {
        TextField::Title => &title[c.start..c.end],
        TextField::Body => &body[c.start..c.end],
    };
    // Full names of people, by their last word; a surname two people share resolves to none.
    let mut by_surname: HashMap<String, Option<String>> = HashMap::new();
    for c in found.iter().filter(|c| c.kind == Some(EntityKind::Person)) {
        let name = super::super::parse::squeeze(text_of(c));
        let parts: Vec<&str> = name.split(' ').collect();
        if parts.len() >= 2 {
            let surname = lower(parts[parts.len() - 1]);
            by_surname
                .entry(surname)
                .and_modify(|v| {
                    if v.as_deref() != Some(name.as_str()) {
                        *v = None
                    }
                })
                .or_insert(Some(name.clone()));
        }
    }
    let mut out = Vec::with_capacity(found.len());
    for c in found {
        let text = text_of(&c);
        let name = super::super::parse::squeeze(text);
        let single = !name.contains(' ');
        let full_name = single
            .then(|| by_surname.get(&lower(&name)).cloned().flatten())
            .flatten();
        let (kind, canonical) = match c.kind {
            Some(EntityKind::Person) => (EntityKind::Person, full_name.unwrap_or(name)),
            Some(kind) => (kind, c.canonical.unwrap_or(name)),
            None => match full_name {
                Some(full) => (EntityKind::Person, full),
                None => match g.get(&name) {
                    Some(e) => (e.kind, e.canonical.to_string()),
                    None => continue,
                },
            },
        };
        let _ = c.after_title;
        out.push(EntityMention {
            text: text.to_string(),
            kind,
            canonical,
            field: c.field,
            start: c.start,
            end: c.end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (kind, text, canonical) of every mention in a body.
    fn check(body: &str, want: &[(EntityKind, &str, &str)]) {
        let got: Vec<(EntityKind, String, String)> = find_entities("", body)
            .into_iter()
            .map(|m| {
                assert_eq!(&body[m.start..m.end], m.text);
                (m.kind, m.text, m.canonical)
            })
            .collect();
        let want: Vec<(EntityKind, String, String)> = want
            .iter()
            .map(|(k, t, c)| (*k, t.to_string(), c.to_string()))
            .collect();
        assert_eq!(got, want, "in {body:?}");
    }

    use EntityKind::*;

    #[test]
    fn titles_honorifics_and_surnames() {
        check(
            "Foreign Secretary Anna Lindqvist met Mr Lindqvist’s aides. Lindqvist said no.",
            &[
                (Person, "Anna Lindqvist", "Anna Lindqvist"),
                (Person, "Lindqvist", "Anna Lindqvist"),
                (Person, "Lindqvist", "Anna Lindqvist"),
            ],
        );
        check(
            "US President Joe Biden spoke.",
            &[
                (Place, "US", "United States"),
                (Person, "Joe Biden", "Joe Biden"),
            ],
        );
    }

    #[test]
    fn companies_and_organisations() {
        check(
            "Its owner, Bytedance Ltd, and Acme Widgets Inc. met the Trade Committee.",
            &[
                (Company, "Bytedance Ltd", "ByteDance"),
                (Company, "Acme Widgets Inc.", "Acme Widgets"),
                (Organization, "Trade Committee", "Trade Committee"),
            ],
        );
        check(
            "General Motors cut jobs under the General Agreement, Senator Lee said.",
            &[
                (Company, "General Motors", "General Motors"),
                (Person, "Lee", "Lee"),
            ],
        );
    }

    #[test]
    fn names_ending_in_an_organisation_word_stay_whole() {
        check(
            "Leeds City Council met Huawei Technologies Co Ltd and the Dutch Dockworkers Union.",
            &[
                (Organization, "Leeds City Council", "Leeds City Council"),
                (Company, "Huawei Technologies Co Ltd", "Huawei"),
                (
                    Organization,
                    "Dutch Dockworkers Union",
                    "Dutch Dockworkers Union",
                ),
            ],
        );
    }

    #[test]
    fn ordinary_capitals_are_not_entities() {
        check(
            "The plan failed. Could it work? Chinese officials doubt it.",
            &[],
        );
        check("On Sunday in August, nothing.", &[]);
    }

    #[test]
    fn headlines_in_capitals_use_the_gazetteer() {
        check(
            "CHINA AND HUAWEI TALK TRADE",
            &[(Place, "CHINA", "China"), (Company, "HUAWEI", "Huawei")],
        );
    }
}
