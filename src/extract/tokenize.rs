//! Tokenization and sentence splitting of running news text.
//!
//! The output follows the CoNLL-2003 / Penn-Treebank conventions the tagger was trained on:
//! punctuation is split off, possessive and negative clitics become their own tokens
//! (`Trump's` -> `Trump` `'s`, also with the curly apostrophe), abbreviations and initials
//! (`U.S.`, `Mr.`, `Inc.`) stay whole, as do numbers (`1,000`, `3.5`), hyphenated words,
//! URLs and e-mail addresses. Sentences end at `.` `!` `?` (not after abbreviations or
//! initials), at blank lines that end paragraphs, and at single line breaks unless the next
//! line starts in lowercase: the parsers join the lines of wrapped prose with spaces and keep
//! a `\n` only where a line stands on its own (a table row, a name in a list, a headline), so
//! that no name runs across it. Tokens are byte offsets into the input.

/// One token: the byte range `start..end` of the input text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// One sentence: its tokens in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<Token>,
}

/// Abbreviations that keep their final period. Titles never end a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt", "Ft", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt",
    "Cpl", "Adm", "Cmdr", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Supt", "Det", "Insp",
    "Messrs", "Mme", "Mlle", "Fr", "Sr", "Jr", "No", "Nos", "vs", "Gens", "Reps", "Sens", "Brig",
    "Cdr", "Atty",
];

/// Abbreviations that may end a sentence.
const ABBREVS: &[&str] = &[
    "Inc", "Corp", "Co", "Ltd", "Bros", "Cos", "Plc", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs",
    "Fri", "Sat", "Sun", "etc", "Ave", "Blvd", "Rd", "Fig", "al", "approx", "est", "Dept", "Univ",
    "Assn", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
    "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "cf", "ca", "Ph", "Gov't", "Intl",
];

/// Words that typically open a sentence; after a sentence-final abbreviation such as
/// `Inc.` a following word from this list starts a new sentence.
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "In",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "However",
    "Meanwhile",
    "Some",
    "Many",
    "Most",
    "Other",
    "Also",
    "Shares",
    "Analysts",
    "Officials",
    "So",
    "Yet",
    "For",
    "What",
    "Who",
];

/// Tokenizes `text` into sentences of tokens (byte offsets into `text`).
pub fn tokenize(text: &str) -> Vec<Sentence> {
    let mut sentences = SentenceBuilder::default();
    let mut pieces: Vec<Token> = Vec::new();
    let mut i = 0;
    let mut newlines = 0;
    while i < text.len() {
        let c = char_at(text, i);
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            i += c.len_utf8();
            continue;
        }
        let spaced = i == 0 || newlines > 0 || text[..i].ends_with(char::is_whitespace);
        // a blank line ends a paragraph; a single line break ends a line that stands on its
        // own (headline, table row, name in a list) unless the next line continues in
        // lowercase
        if newlines >= 2 || newlines == 1 && !c.is_lowercase() {
            sentences.end_sentence();
        }
        newlines = 0;
        let start = i;
        i = chunk_end(text, i);
        pieces.clear();
        split_chunk(text, start, i, &mut pieces);
        for (k, &token) in pieces.iter().enumerate() {
            let attached = k > 0 || !spaced;
            sentences.push(&text[token.start..token.end], token, attached);
        }
    }
    sentences.finish()
}

/// The character that starts at byte `i` of `text` (a space past its end).
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// Where the whitespace-free chunk that starts at byte `start` of `text` ends: at the next
/// whitespace character, or at the end of the text.
fn chunk_end(text: &str, start: usize) -> usize {
    let mut i = start;
    while i < text.len() {
        let c = char_at(text, i);
        if c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Whether the last token may have ended a sentence, and how surely.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum PendingBreak {
    /// No sentence end is pending.
    #[default]
    None,
    /// After an abbreviation that may end a sentence ("Inc."): a sentence starter
    /// ([`STARTERS`]) that follows opens a new sentence.
    Weak,
    /// After `.`, `!`, `?` or an ellipsis: a token that follows opens a new sentence unless it
    /// is lowercase or a comma, colon, semicolon or dash.
    Strong,
}

impl PendingBreak {
    /// The break a token leaves pending after it.
    fn after(word: &str) -> PendingBreak {
        if matches!(word, "." | "!" | "?" | "..." | "…")
            || word.chars().all(|c| c == '!' || c == '?')
        {
            PendingBreak::Strong
        } else if word.len() > 1 && word.ends_with('.') && may_end_sentence(&word[..word.len() - 1])
        {
            PendingBreak::Weak
        } else {
            PendingBreak::None
        }
    }

    /// Whether a pending break ends the sentence before `word`.
    fn breaks_before(self, word: &str) -> bool {
        match self {
            PendingBreak::None => false,
            PendingBreak::Weak => STARTERS.contains(&word),
            PendingBreak::Strong => {
                !first_char(word).is_lowercase() && !matches!(word, "," | ";" | ":" | "-" | "--")
            }
        }
    }
}

/// The sentences read so far, the one being read, and the break its last token left pending.
#[derive(Default)]
struct SentenceBuilder {
    sentences: Vec<Sentence>,
    current: Vec<Token>,
    pending: PendingBreak,
}

impl SentenceBuilder {
    /// Ends the sentence being read, if it holds a token.
    fn end_sentence(&mut self) {
        if !self.current.is_empty() {
            self.sentences.push(Sentence {
                tokens: std::mem::take(&mut self.current),
            });
        }
        self.pending = PendingBreak::None;
    }

    /// Adds one token, `word` as written; `attached` when no space comes before it. A closing
    /// quote or bracket attached to a sentence's end stays in that sentence; any other token
    /// after a pending break may open the next one.
    fn push(&mut self, word: &str, token: Token, attached: bool) {
        if self.pending != PendingBreak::None {
            if attached && is_closer(word) {
                self.current.push(token);
                return;
            }
            if self.pending.breaks_before(word) {
                self.end_sentence();
            }
            self.pending = PendingBreak::None;
        }
        self.current.push(token);
        self.pending = PendingBreak::after(word);
    }

    /// All the sentences, the last one included.
    fn finish(mut self) -> Vec<Sentence> {
        self.end_sentence();
        self.sentences
    }
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | "''" | ")" | "]" | "}" | "»")
}

/// Abbreviated given names of older copy ("Wm. Wrigley", "Alex. Brown and Sons"): a name
/// follows them, as it follows a title.
const GIVEN_NAMES: &[&str] = &[
    "Alex", "Benj", "Chas", "Edw", "Geo", "Jas", "Jno", "Jos", "Robt", "Saml", "Thos", "Wm",
];

fn may_end_sentence(stem: &str) -> bool {
    if TITLES.contains(&stem) || GIVEN_NAMES.contains(&stem) {
        return false;
    }
    // a single initial such as "J." does not end a sentence
    let mut chars = stem.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return !c.is_uppercase();
    }
    true
}

fn is_abbrev(stem: &str) -> bool {
    if stem.is_empty() {
        return false;
    }
    if TITLES.contains(&stem) || ABBREVS.contains(&stem) || GIVEN_NAMES.contains(&stem) {
        return true;
    }
    // initials: single letters separated by periods ("U.S", "e.g", "J", "a.m")
    let mut n = 0;
    for part in stem.split('.') {
        let mut cs = part.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_alphabetic() => n += 1,
            _ => return false,
        }
    }
    if n == 1 {
        stem.chars().next().is_some_and(|c| c.is_uppercase())
    } else {
        true
    }
}

fn is_url_or_email(s: &str) -> bool {
    if s.contains("://") || s.starts_with("www.") {
        return true;
    }
    if let Some(at) = s.find('@') {
        let (user, host) = (&s[..at], &s[at + 1..]);
        let host = host.trim_end_matches(|c: char| !c.is_alphanumeric());
        return !user.is_empty()
            && host.contains('.')
            && user.chars().last().is_some_and(|c| c.is_alphanumeric());
    }
    false
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

fn last_char(s: &str) -> char {
    s.chars().next_back().unwrap_or(' ')
}

/// How many bytes at the start of `s` are `byte`.
fn leading_run(s: &str, byte: u8) -> usize {
    s.bytes().take_while(|&x| x == byte).count()
}

/// How many bytes at the end of `s` are `byte`.
fn trailing_run(s: &str, byte: u8) -> usize {
    s.bytes().rev().take_while(|&x| x == byte).count()
}

/// Splits one whitespace-free chunk `text[s..e]` into tokens, appended to `out` in order:
/// opening punctuation, the word or words (clitics split off), closing punctuation.
fn split_chunk(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    if push_plain_word(text, s, e, out) {
        return;
    }
    if is_url_or_email(&text[s..e]) {
        split_url_or_email(text, s, e, out);
        return;
    }
    let a = split_opening(text, s, e, out);
    let mut tail: Vec<Token> = Vec::new();
    let b = split_closing(text, a, e, &mut tail);
    split_middle(text, a, b, out);
    out.extend(tail.iter().rev());
}

/// The common chunk, `text[s..e]` a plain ASCII word or a word and a comma: pushes its
/// tokens to `out` and says true; says false, pushing nothing, for any other chunk.
fn push_plain_word(text: &str, s: usize, e: usize, out: &mut Vec<Token>) -> bool {
    let bytes = &text.as_bytes()[s..e];
    let word_len = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let plain = word_len > 0
        && (word_len == bytes.len() || word_len + 1 == bytes.len() && bytes[word_len] == b',');
    if plain {
        out.push(Token {
            start: s,
            end: s + word_len,
        });
        if word_len < bytes.len() {
            out.push(Token {
                start: e - 1,
                end: e,
            });
        }
    }
    plain
}

/// A URL or e-mail address `text[s..e]`: pushes to `out` the quotes and brackets before it,
/// the address whole, and the punctuation after it.
fn split_url_or_email(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let (mut a, mut b) = (s, e);
    while a < b
        && matches!(
            first_char(&text[a..b]),
            '"' | '“' | '‘' | '\'' | '(' | '[' | '<'
        )
    {
        let l = first_char(&text[a..b]).len_utf8();
        out.push(Token {
            start: a,
            end: a + l,
        });
        a += l;
    }
    let mut tail: Vec<Token> = Vec::new();
    while a < b
        && matches!(
            last_char(&text[a..b]),
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '>' | '"' | '”' | '’' | '\''
        )
    {
        let l = last_char(&text[a..b]).len_utf8();
        tail.push(Token {
            start: b - l,
            end: b,
        });
        b -= l;
    }
    if a < b {
        out.push(Token { start: a, end: b });
    }
    out.extend(tail.iter().rev());
}

/// Pushes to `out` the punctuation marks that open `text[a..b]`, one token each (a run of
/// dashes or dots, ``` `` ``` and `''` as one); returns where the rest of the chunk starts.
fn split_opening(text: &str, mut a: usize, b: usize, out: &mut Vec<Token>) -> usize {
    while a < b {
        let Some(len) = opening_mark_len(&text[a..b]) else {
            break;
        };
        out.push(Token {
            start: a,
            end: a + len,
        });
        a += len;
    }
    a
}

/// The length of the punctuation mark that opens `w` and splits off it, or `None` when `w`
/// opens with a word, a negative number or a clitic (`'s`, `'90s`).
fn opening_mark_len(w: &str) -> Option<usize> {
    let c = first_char(w);
    let len = match c {
        '-' if w.starts_with("--") => leading_run(w, b'-'),
        '.' if w.starts_with("...") => leading_run(w, b'.'),
        '`' if w.starts_with("``") => 2,
        '\'' if w.starts_with("''") => 2,
        '\'' | '’' if is_clitic_or_decade(&w[c.len_utf8()..]) => return None,
        '\'' | '’' => c.len_utf8(),
        '-' if w[1..].starts_with(|c: char| c.is_ascii_digit()) => return None,
        '"' | '“' | '‘' | '(' | '[' | '{' | '<' | '`' | '«' | '—' | '–' | '-' | '…' | '*' | '$'
        | '£' | '€' | '¥' | '#' | '&' | ',' | ';' | ':' | '!' | '?' | '.' | ')' | ']' | '}'
        | '>' | '”' | '»' | '/' | '+' | '=' | '|' | '~' | '^' | '@' => c.len_utf8(),
        _ => return None,
    };
    Some(len)
}

/// Whether what follows an apostrophe, `rest`, is a clitic ("s", "re", "ll") or a decade
/// ("90", "90s") with nothing but punctuation after it.
fn is_clitic_or_decade(rest: &str) -> bool {
    let word_len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum();
    let word = &rest[..word_len];
    let only_punct_after = rest[word_len..].chars().all(|c| !c.is_alphanumeric());
    let clitic = matches!(
        word,
        "s" | "S" | "re" | "ve" | "ll" | "d" | "m" | "RE" | "VE" | "LL" | "D" | "M"
    );
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let decade = digits == 2 && (word.len() == 2 || &word[2..] == "s");
    only_punct_after && (clitic || decade)
}

/// Pushes to `tail`, last first, the punctuation marks that close `text[a..b]`; returns
/// where the rest of the chunk ends.
fn split_closing(text: &str, a: usize, mut b: usize, tail: &mut Vec<Token>) -> usize {
    while a < b {
        let Some(len) = closing_mark_len(&text[a..b]) else {
            break;
        };
        tail.push(Token {
            start: b - len,
            end: b,
        });
        b -= len;
    }
    b
}

/// The length of the punctuation mark that closes `w` and splits off it, or `None` when `w`
/// ends in a word, an abbreviation's period (`Inc.`, `U.S.`) or a lone apostrophe.
fn closing_mark_len(w: &str) -> Option<usize> {
    let c = last_char(w);
    let len = match c {
        '.' => {
            let dots = trailing_run(w, b'.');
            if dots >= 2 {
                dots
            } else if is_abbrev(&w[..w.len() - 1]) {
                return None;
            } else {
                1
            }
        }
        '\'' if w.ends_with("''") && w.len() > 2 => 2,
        '-' if w.ends_with("--") => trailing_run(w, b'-'),
        // keep "'s" and "o'" style clitics for the middle split
        '\'' | '’' if w.len() == c.len_utf8() => return None,
        '\'' | '’' => c.len_utf8(),
        '"' | '”' | '“' | ')' | ']' | '}' | '>' | '»' | ',' | ';' | ':' | '!' | '?' | '%' | '…'
        | '*' | '—' | '–' | '‘' | '(' | '[' | '-' | '/' | '+' | '=' | '|' => c.len_utf8(),
        _ => return None,
    };
    Some(len)
}

/// Splits the inside of a chunk, `text[a..b]`, at dashes, brackets, quotes and the marks that
/// never join words, and after a `$` before a digit; pushes the words (clitics split off)
/// and marks to `out`.
fn split_middle(text: &str, a: usize, b: usize, out: &mut Vec<Token>) {
    if a >= b {
        return;
    }
    let w = &text[a..b];
    let mut piece_start = a;
    let mut prev: Option<char> = None;
    let mut iter = w.char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        let pos = a + off;
        let next = iter.peek().map(|&(_, n)| n);
        let digits_around =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let hard = match c {
            '—' | '–' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '“' | '”' | ';' | '!' | '?'
            | '…' | '«' | '»' => true,
            ',' | ':' => !digits_around,
            '-' => next == Some('-') || prev == Some('-'),
            _ => false,
        };
        if hard {
            push_word(text, piece_start, pos, out);
            let mut end = pos + c.len_utf8();
            if c == '-' {
                while text[end..b].starts_with('-') {
                    end += 1;
                    iter.next();
                }
            }
            out.push(Token { start: pos, end });
            piece_start = end;
            prev = Some(c);
            continue;
        }
        if c == '$' && next.is_some_and(|n| n.is_ascii_digit()) {
            push_word(text, piece_start, pos + 1, out);
            piece_start = pos + 1;
        }
        prev = Some(c);
    }
    push_word(text, piece_start, b, out);
}

/// Pushes one word `text[a..b]` to `out`, with a clitic ('s, n't, 're, 've, 'll, 'd, 'm)
/// split off as a token of its own.
fn push_word(text: &str, a: usize, b: usize, out: &mut Vec<Token>) {
    if a >= b {
        return;
    }
    match clitic_cut(&text[a..b]) {
        Some(cut) => {
            out.push(Token {
                start: a,
                end: a + cut,
            });
            out.push(Token {
                start: a + cut,
                end: b,
            });
        }
        None => out.push(Token { start: a, end: b }),
    }
}

/// Where the clitic that ends `w` starts, with either apostrophe, if a letter or digit comes
/// before it ("Trump|'s", "does|n't").
fn clitic_cut(w: &str) -> Option<usize> {
    if !w.contains(['\'', '’']) {
        return None;
    }
    ['\'', '’']
        .into_iter()
        .find_map(|apos| apostrophe_clitic_cut(w, apos).or_else(|| negation_cut(w, apos)))
}

/// Where a clitic `'s`, `'re`, `'ve`, `'ll`, `'d` or `'m` (any case, written with `apos`)
/// that ends `w` starts, if a letter or digit comes before it.
fn apostrophe_clitic_cut(w: &str, apos: char) -> Option<usize> {
    let mut buf = [0u8; 8];
    for clitic in ["s", "re", "ve", "ll", "d", "m"] {
        let clitic_len = apos.len_utf8() + clitic.len();
        if w.len() <= clitic_len {
            continue;
        }
        let cut = w.len() - clitic_len;
        if !w.is_char_boundary(cut) {
            continue;
        }
        let apos_len = apos.encode_utf8(&mut buf).len();
        buf[apos_len..clitic_len].copy_from_slice(clitic.as_bytes());
        let pattern = std::str::from_utf8(&buf[..clitic_len]).unwrap_or("");
        if w[cut..].eq_ignore_ascii_case(pattern) && last_char(&w[..cut]).is_alphanumeric() {
            return Some(cut);
        }
    }
    None
}

/// Where a negation `n't` (any case, written with `apos`) that ends `w` starts, if anything
/// comes before it.
fn negation_cut(w: &str, apos: char) -> Option<usize> {
    let nt_len = 1 + apos.len_utf8() + 1;
    if w.len() <= nt_len || !w.is_char_boundary(w.len() - nt_len) {
        return None;
    }
    let mut chars = w[w.len() - nt_len..].chars();
    let (n, ap, t) = (chars.next(), chars.next(), chars.next());
    let negation = matches!(n, Some('n' | 'N')) && ap == Some(apos) && matches!(t, Some('t' | 'T'));
    negation.then_some(w.len() - nt_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&[&str]]) {
        let got: Vec<Vec<&str>> = tokenize(input)
            .iter()
            .map(|s| s.tokens.iter().map(|t| &input[t.start..t.end]).collect())
            .collect();
        let want: Vec<Vec<&str>> = expected.iter().map(|s| s.to_vec()).collect();
        assert_eq!(got, want, "input: {input:?}");
    }

    #[test]
    fn tokenizer_table() {
        let cases: &[(&str, &[&[&str]])] = &[
            ("Trump's plan.", &[&["Trump", "'s", "plan", "."]]),
            ("Trump’s plan", &[&["Trump", "’s", "plan"]]),
            ("The players' union", &[&["The", "players", "'", "union"]]),
            ("It doesn't work", &[&["It", "does", "n't", "work"]]),
            ("They're here", &[&["They", "'re", "here"]]),
            (
                "Mr. Smith went to the U.S. on Monday.",
                &[&[
                    "Mr.", "Smith", "went", "to", "the", "U.S.", "on", "Monday", ".",
                ]],
            ),
            (
                "Acme Inc. said 1,000 jobs, or 3.5 percent, would go.",
                &[&[
                    "Acme", "Inc.", "said", "1,000", "jobs", ",", "or", "3.5", "percent", ",",
                    "would", "go", ".",
                ]],
            ),
            (
                "He said: “We won.” Then he left.",
                &[
                    &["He", "said", ":", "“", "We", "won", ".", "”"],
                    &["Then", "he", "left", "."],
                ],
            ),
            (
                "The deal—worth $5 million—closed.",
                &[&[
                    "The", "deal", "—", "worth", "$", "5", "million", "—", "closed", ".",
                ]],
            ),
            ("a well-known firm", &[&["a", "well-known", "firm"]]),
            (
                "prices rose 5% in C$10 terms",
                &[&["prices", "rose", "5", "%", "in", "C$", "10", "terms"]],
            ),
            (
                "Mail bob@example.com or see https://example.com/a?b=1.",
                &[&[
                    "Mail",
                    "bob@example.com",
                    "or",
                    "see",
                    "https://example.com/a?b=1",
                    ".",
                ]],
            ),
            (
                "J. R. Ewing arrived. He smiled!",
                &[
                    &["J.", "R.", "Ewing", "arrived", "."],
                    &["He", "smiled", "!"],
                ],
            ),
            (
                "FOOTBALL - RESULTS\n\nLeeds won 2-1 (Smith 10).",
                &[
                    &["FOOTBALL", "-", "RESULTS"],
                    &["Leeds", "won", "2-1", "(", "Smith", "10", ")", "."],
                ],
            ),
            (
                "\"Why?\" he asked.",
                &[&["\"", "Why", "?", "\"", "he", "asked", "."]],
            ),
            (
                "It sold to Acme Corp. The deal closed.",
                &[
                    &["It", "sold", "to", "Acme", "Corp."],
                    &["The", "deal", "closed", "."],
                ],
            ),
            (
                "In the '90s, rock -- and roll",
                &[&["In", "the", "'90s", ",", "rock", "--", "and", "roll"]],
            ),
            (
                "Markets rally\nStocks rose on Monday in Tokyo",
                &[
                    &["Markets", "rally"],
                    &["Stocks", "rose", "on", "Monday", "in", "Tokyo"],
                ],
            ),
            (
                "The central bank raised its main lending rate by a quarter point and said\nit would keep watching prices",
                &[&[
                    "The", "central", "bank", "raised", "its", "main", "lending", "rate", "by",
                    "a", "quarter", "point", "and", "said", "it", "would", "keep", "watching",
                    "prices",
                ]],
            ),
            (
                "Dmitri Kowal\nPoland won the gold .",
                &[&["Dmitri", "Kowal"], &["Poland", "won", "the", "gold", "."]],
            ),
            (
                "Nordby 2 Vik 1\nOla Lind scored twice for Nordby in the second half of the match",
                &[
                    &["Nordby", "2", "Vik", "1"],
                    &[
                        "Ola", "Lind", "scored", "twice", "for", "Nordby", "in", "the", "second",
                        "half", "of", "the", "match",
                    ],
                ],
            ),
            (
                "The harbour board met in the morning and again in the evening with Nordby\nHarbour",
                &[
                    &[
                        "The", "harbour", "board", "met", "in", "the", "morning", "and", "again",
                        "in", "the", "evening", "with", "Nordby",
                    ],
                    &["Harbour"],
                ],
            ),
            (
                "MARKETS RALLY\nTOKYO, Monday - Stocks rose",
                &[
                    &["MARKETS", "RALLY"],
                    &["TOKYO", ",", "Monday", "-", "Stocks", "rose"],
                ],
            ),
            (
                "O'Neill's team can't win at 5 p.m. The fans left.",
                &[
                    &[
                        "O'Neill", "'s", "team", "ca", "n't", "win", "at", "5", "p.m.",
                    ],
                    &["The", "fans", "left", "."],
                ],
            ),
            (
                "Sales hit\u{a0}$1.5 billion (up 2%).\r\n\r\nNext year",
                &[
                    &[
                        "Sales", "hit", "$", "1.5", "billion", "(", "up", "2", "%", ")", ".",
                    ],
                    &["Next", "year"],
                ],
            ),
            (
                "‘Quiet’ Jones’ dog",
                &[&["‘", "Quiet", "’", "Jones", "’", "dog"]],
            ),
            ("", &[]),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let text = "Zürich’s “Straße” — élan… 42€.";
        for s in tokenize(text) {
            for t in s.tokens {
                assert!(t.start < t.end);
                let _ = &text[t.start..t.end];
            }
        }
    }
}
