//! The signature of one body: normalised words, their bigrams, a one-permutation MinHash
//! sketch and the band keys that make candidates of near copies.
//!
//! The sketch hashes every bigram once (one-permutation hashing, Li, Owen and Zhang 2012):
//! the hash picks a bin and the bin keeps the smallest value it sees, so the cost is one hash
//! per word whatever the number of bins. Bins no bigram fell into borrow from the next
//! filled bin to their right, mixed with the distance (rotation densification, Shrivastava
//! and Li 2014), so short bodies still compare bin by bin. Hashes are spelled out here, not
//! taken from the standard library, because signatures are stored in the index and must not
//! change between builds. Each bin keeps the low 8 bits of its minimum (b-bit MinHash, Li
//! and König 2010): two bins with different minima still agree one time in 256, which
//! [`similarity`] corrects for, and the sketch takes 128 bytes.

/// Bins of the MinHash sketch.
pub const BINS: usize = 128;
/// Bands the sketch is cut into for candidate lookup.
pub const BANDS: usize = 32;
/// Bins per band: two articles sharing a fraction `s` of their bigrams agree on a band
/// with probability `s^ROWS`, and become candidates with probability `1 - (1 - s^ROWS)^BANDS`
/// (0.5 at about `s` = 0.4, 0.98 at 0.6).
pub const ROWS: usize = BINS / BANDS;

/// What copies of a story are compared by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// A hash of the body's normalised words: equal for bodies that differ only in case,
    /// punctuation and spacing.
    pub exact: u64,
    /// The number of normalised words.
    pub words: usize,
    /// The MinHash sketch of the word bigrams: the low 8 bits of each bin's minimum.
    pub bins: [u8; BINS],
    /// The facts the text gives (its figures: words holding a digit), one bit of 128 each: copies of a story keep its facts, stories written to
    /// one template (dividends, bond issues, market reports) change them.
    pub facts: u128,
    /// The body's `exact` hash when the body has [`IDENTICAL_MIN_WORDS`] words or more, else
    /// 0: bodies that long and that alike are copies whatever their titles.
    pub body_exact: u64,
    /// For an article signed with its title (a short body: [`Signature::of_article`]), the
    /// title's words, one bit of 128 each; else 0. Briefs written to one template differ
    /// mostly in their titles ("Owens and Minor raises dividend", "Tultex sets dividend").
    pub title_words: u128,
    /// The people, companies and organisations the article names (their canonical names),
    /// one bit of 128 each: a template's stories (bond issues, dividends) name other
    /// issuers, copies of a story name its own.
    pub names: u128,
    /// Whether the text is mostly figures (a table of prices or rates): such texts written
    /// minutes apart are other snapshots, not copies, unless their words are the same.
    pub tabular: bool,
    /// A hash of the headline's normalised words when it has [`TITLE_MIN_WORDS`] or more,
    /// else 0: versions of a story filed under one headline (a first take and its extended
    /// rewrite, a story and its trimmed print version) are compared by how much of the
    /// shorter the longer holds ([`same_version`]).
    pub title: u64,
}

/// Bytes of a stored signature ([`Signature::to_bytes`]).
pub const STORED_LEN: usize = OLDER_STORED_LEN + 8;

/// Bytes of a signature stored before headlines were hashed: read with no headline.
const OLDER_STORED_LEN: usize = 4 + 8 + 16 + 8 + 16 + 16 + 1 + BINS;

/// Headlines of fewer words name no one story ("Obituaries", "Sports results").
pub const TITLE_MIN_WORDS: usize = 3;

/// The estimated share of the shorter text's word bigrams the longer must hold for two
/// articles under one headline to be versions of one story. Chosen on generated versions
/// (`examples/copies_curve.rs`): a story trimmed to a third, or extended to three times
/// its length, holds about all of the shorter's bigrams; other stories under one headline
/// (daily reports, template notices) share few of theirs, or other figures.
pub const CONTAINED: f64 = 0.7;

/// The share of a text's words that hold a digit above which it is a table.
const TABULAR_SHARE: f64 = 0.4;

/// The share of the names of the article that names fewer that the other must name too.
const NAMES_SHARED: f64 = 0.6;

/// Identical bodies of this many words (about 200 characters) are copies of one story.
pub const IDENTICAL_MIN_WORDS: usize = 30;

/// Facts both texts must give before they are compared ([`same_facts`]).
const FACTS_COMPARED: u32 = 1;
/// The share of the facts of the text with fewer that the other must give too.
const FACTS_SHARED: f64 = 0.9;
/// The share of the words of the shorter title the other must hold, for articles signed
/// with their titles: templates share a few title words too ("sets quarterly dividend").
const TITLE_SHARED: f64 = 0.75;

/// The lowercase words of a text: runs of letters and digits, everything else a separator;
/// each letter lowered on its own (a final sigma stays σ).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word.chars().flat_map(char::to_lowercase).collect())
}

impl Signature {
    /// The signature of a text: an article's body, or its title and body when the body
    /// alone is too short to tell one story from another ([`Signature::of_article`]).
    pub fn of(text: &str) -> Signature {
        let WordHashes {
            hashes: word_hashes,
            figures,
        } = word_hashes(text);
        let exact = fingerprint(&word_hashes);
        let mut bins = [EMPTY; BINS];
        let mut put = |shingle: u64| {
            let hash = mix(shingle);
            let bin = (((hash >> 32) * BINS as u64) >> 32) as usize;
            bins[bin] = bins[bin].min(hash as u32);
        };
        match word_hashes.as_slice() {
            [] => {}
            [only] => put(*only),
            _ => word_hashes
                .windows(2)
                .for_each(|pair| put(pair[0] ^ pair[1].rotate_left(23))),
        }
        densify(&mut bins);
        let facts = facts(text);
        let words = word_hashes.len();
        Signature {
            exact,
            words,
            bins: bins.map(|bin| bin as u8),
            facts,
            body_exact: if words >= IDENTICAL_MIN_WORDS {
                exact
            } else {
                0
            },
            title_words: 0,
            names: 0,
            tabular: figures as f64 > TABULAR_SHARE * words as f64,
            title: 0,
        }
    }

    /// One key a band (its [`ROWS`] bins side by side): articles with an equal key in the
    /// same band are candidate copies. Empty when the body has no words.
    pub fn band_keys(&self) -> Vec<u32> {
        if self.words == 0 {
            return Vec::new();
        }
        let key = |rows: &[u8]| rows.iter().fold(0, |key, &bin| key << 8 | u32::from(bin));
        self.bins.chunks(ROWS).map(key).collect()
    }

    /// The stored form: the word count (4 bytes) and the exact fingerprint (8 bytes), little
    /// endian, then the bins.
    pub fn to_bytes(&self) -> Vec<u8> {
        let words = u32::try_from(self.words).unwrap_or(u32::MAX);
        let mut bytes = Vec::with_capacity(STORED_LEN);
        bytes.extend_from_slice(&words.to_le_bytes());
        bytes.extend_from_slice(&self.exact.to_le_bytes());
        bytes.extend_from_slice(&self.facts.to_le_bytes());
        bytes.extend_from_slice(&self.body_exact.to_le_bytes());
        bytes.extend_from_slice(&self.title_words.to_le_bytes());
        bytes.extend_from_slice(&self.names.to_le_bytes());
        bytes.push(u8::from(self.tabular));
        bytes.extend_from_slice(&self.bins);
        bytes.extend_from_slice(&self.title.to_le_bytes());
        bytes
    }

    /// Reads [`Self::to_bytes`], and signatures stored before headlines were hashed (with
    /// no headline); `None` for bytes of another length.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        let (bytes, title) = match bytes.len() {
            STORED_LEN => {
                let (older, title) = bytes.split_at(OLDER_STORED_LEN);
                (older, u64::from_le_bytes(title.try_into().ok()?))
            }
            OLDER_STORED_LEN => (bytes, 0),
            _ => return None,
        };
        let (words, rest) = bytes.split_at(4);
        let (exact, rest) = rest.split_at(8);
        let (facts, rest) = rest.split_at(16);
        let (body_exact, rest) = rest.split_at(8);
        let (title_words, rest) = rest.split_at(16);
        let (names, rest) = rest.split_at(16);
        let (tabular, bins) = rest.split_at(1);
        Some(Signature {
            words: u32::from_le_bytes(words.try_into().ok()?) as usize,
            exact: u64::from_le_bytes(exact.try_into().ok()?),
            facts: u128::from_le_bytes(facts.try_into().ok()?),
            body_exact: u64::from_le_bytes(body_exact.try_into().ok()?),
            title_words: u128::from_le_bytes(title_words.try_into().ok()?),
            names: u128::from_le_bytes(names.try_into().ok()?),
            tabular: tabular[0] == 1,
            bins: bins.try_into().ok()?,
            title,
        })
    }
}

/// The estimated share of word bigrams two bodies have in common (their Jaccard
/// similarity), from 0 to 1; 1 for equal normalised words.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    if a.exact == b.exact && a.words == b.words {
        return 1.0;
    }
    if a.words == 0 || b.words == 0 {
        return 0.0;
    }
    let equal = a.bins.iter().zip(&b.bins).filter(|(x, y)| x == y).count();
    // Bins with different minima agree by chance one time in 256.
    let chance = 1.0 / 256.0;
    ((equal as f64 / BINS as f64 - chance) / (1.0 - chance)).max(0.0)
}

/// The facts of a text, one bit of 128 each: its figures, the words holding a digit as
/// written between spaces without the punctuation around them (`7-3/8`, `1,000`, `1990`),
/// so that `7-3/8 pct` and `1-3/8 pct` differ.
fn facts(text: &str) -> u128 {
    text.split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| word.bytes().any(|b| b.is_ascii_digit()))
        .fold(0, |bits, word| bits | bit(word))
}

/// Whether two bodies are copies of one story: they share at least `threshold` of their
/// word bigrams (estimated) and pass [`copy_similarity`]'s checks; or they have the same
/// long body, or are versions of one story under one headline.
pub fn are_copies(a: &Signature, b: &Signature, threshold: f64) -> bool {
    copy_similarity(a, b) >= threshold
}

/// How alike two articles are as copies of one story, from 0 to 1: 1 for the same long
/// body and for versions under one headline ([`same_version`]); their estimated share of
/// bigrams when the checks pass (most of the facts and names of the one with fewer in the
/// other, and, for briefs, most of the shorter title's words); else 0. Tables of figures
/// are copies only word for word.
pub fn copy_similarity(a: &Signature, b: &Signature) -> f64 {
    if a.tabular || b.tabular {
        let word_for_word = a.exact == b.exact && a.words == b.words;
        return if word_for_word { 1.0 } else { 0.0 };
    }
    if same_body(a, b) {
        return 1.0;
    }
    if !(same_facts(a, b) && same_names(a, b)) {
        return 0.0;
    }
    if same_version(a, b) {
        return 1.0;
    }
    if same_title(a, b) {
        similarity(a, b)
    } else {
        0.0
    }
}

/// Whether two articles under one headline are versions of one story: at least one body
/// runs to [`SHORT_BODY`] words, and the longer holds at least [`CONTAINED`] of the
/// shorter's word bigrams (estimated). Facts and names are checked by [`copy_similarity`].
/// A brief can be the trimmed version of a story, but two briefs are never compared this
/// way: stories written to one template (a daily market report) open with the same
/// sentences under the same headline, and what tells them apart, their figures, comes
/// later, where neither brief reaches.
pub fn same_version(a: &Signature, b: &Signature) -> bool {
    let long = |s: &Signature| s.title_words == 0;
    a.title != 0 && a.title == b.title && (long(a) || long(b)) && containment(a, b) >= CONTAINED
}

/// The estimated share of the shorter text's word bigrams that the longer holds: from the
/// estimated Jaccard similarity `j` of the two sets and their sizes `m` and `n`, the
/// intersection is `j (m + n) / (1 + j)`.
pub fn containment(a: &Signature, b: &Signature) -> f64 {
    let bigrams = |s: &Signature| s.words.saturating_sub(1).max(1) as f64;
    let (m, n) = (bigrams(a), bigrams(b));
    let j = similarity(a, b);
    (j * (m + n) / (1.0 + j) / m.min(n)).min(1.0)
}

/// Whether the article naming fewer people, companies and organisations names mostly ones
/// the other names too (always true when either names none).
pub fn same_names(a: &Signature, b: &Signature) -> bool {
    mostly_shared(a.names, b.names, 1, NAMES_SHARED)
}

/// Whether two articles signed with their titles share most of the words of the shorter
/// title (always true when either was signed by its body alone).
pub fn same_title(a: &Signature, b: &Signature) -> bool {
    a.title_words == 0
        || b.title_words == 0
        || mostly_shared(a.title_words, b.title_words, 1, TITLE_SHARED)
}

/// Whether two articles have the same body of [`IDENTICAL_MIN_WORDS`] words or more.
pub fn same_body(a: &Signature, b: &Signature) -> bool {
    a.body_exact != 0 && a.body_exact == b.body_exact
}

/// Whether the text with fewer facts gives mostly facts the other gives too (always true
/// when one gives fewer than [`FACTS_COMPARED`]).
pub fn same_facts(a: &Signature, b: &Signature) -> bool {
    mostly_shared(a.facts, b.facts, FACTS_COMPARED, FACTS_SHARED)
}

/// Whether the set with fewer bits (when it has at least `compared`) shares at least
/// `share` of them with the other; true for smaller sets.
fn mostly_shared(a: u128, b: u128, compared: u32, share: f64) -> bool {
    let fewer = a.count_ones().min(b.count_ones());
    fewer < compared || f64::from((a & b).count_ones()) >= share * f64::from(fewer)
}

/// One bit of 128 for a word.
fn bit(word: &str) -> u128 {
    1 << (stable_hash(word.as_bytes()) >> 57)
}

/// Bodies of fewer words are signed with their title: a brief written to a template
/// ("Qtly div 12 cts vs 10 cts prior. Pay April 1") says which story it is only there.
pub const SHORT_BODY: usize = 60;

impl Signature {
    /// The signature copies of an article are compared by: its body's, or its title's and
    /// body's when the body has fewer than [`SHORT_BODY`] words; with the canonical names of
    /// the people, companies and organisations it names.
    pub fn of_article<'a>(
        title: &str,
        body: &str,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Signature {
        let names = names
            .into_iter()
            .fold(0, |bits, name| bits | bit(&name.to_lowercase()));
        let title_hash = title_hash(title);
        let signature = Signature::of(body);
        if signature.words >= SHORT_BODY {
            return Signature {
                names,
                title: title_hash,
                ..signature
            };
        }
        Signature {
            body_exact: signature.body_exact,
            title_words: words(title).fold(0, |bits, word| bits | bit(&word)),
            names,
            title: title_hash,
            ..Signature::of(&format!("{title}\n\n{body}"))
        }
    }
}

/// The fingerprint of a headline's normalised words, as [`Signature::exact`] is of a
/// body's; 0 for fewer than [`TITLE_MIN_WORDS`].
fn title_hash(title: &str) -> u64 {
    let hashes = word_hashes(title).hashes;
    if hashes.len() < TITLE_MIN_WORDS {
        0
    } else {
        fingerprint(&hashes).max(1)
    }
}

/// One hash of a run of word hashes, in order: equal for texts with the same normalised
/// words.
fn fingerprint(word_hashes: &[u64]) -> u64 {
    (word_hashes.iter()).fold(FNV_OFFSET, |hash, &word| mix(hash ^ word))
}

const EMPTY: u32 = u32::MAX;
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A text's words as [`words`] gives them, each hashed as [`stable_hash`] would hash it,
/// and how many hold a digit.
struct WordHashes {
    hashes: Vec<u64>,
    figures: usize,
}

/// One pass over a text, with no string built for a word: the hashes of its lowercase
/// words (runs of letters and digits) and the number of words holding a digit.
fn word_hashes(text: &str) -> WordHashes {
    let mut out = WordHashes {
        hashes: Vec::with_capacity(text.len() / 6),
        figures: 0,
    };
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    let mut digit = false;
    let feed = |hash: u64, byte: u8| (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            hash = feed(hash, c.to_ascii_lowercase() as u8);
            digit |= c.is_ascii_digit();
        } else if !c.is_ascii() && c.is_alphanumeric() {
            let mut buf = [0; 4];
            for lower in c.to_lowercase() {
                hash = lower.encode_utf8(&mut buf).bytes().fold(hash, feed);
            }
        } else {
            if in_word {
                out.hashes.push(mix(hash));
                out.figures += usize::from(digit);
            }
            (hash, in_word, digit) = (FNV_OFFSET, false, false);
            continue;
        }
        in_word = true;
    }
    if in_word {
        out.hashes.push(mix(hash));
        out.figures += usize::from(digit);
    }
    out
}

/// FNV-1a over bytes, then mixed: fixed across builds and platforms.
fn stable_hash(bytes: &[u8]) -> u64 {
    mix(bytes.iter().fold(FNV_OFFSET, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
    }))
}

/// The splitmix64 finaliser: every input bit moves about half of the output bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fills every empty bin from the next filled one to its right (wrapping around), mixed
/// with the distance so that borrowed values do not repeat the lender's.
fn densify(bins: &mut [u32; BINS]) {
    let Some(filled) = bins.iter().position(|&bin| bin != EMPTY) else {
        return;
    };
    let source = *bins;
    let mut lender = filled;
    // Walk right to left from the first filled bin, so each empty bin knows the nearest
    // filled bin to its right.
    for step in 1..=BINS {
        let bin = (filled + BINS - step) % BINS;
        if source[bin] != EMPTY {
            lender = bin;
            continue;
        }
        let distance = (lender + BINS - bin) % BINS;
        bins[bin] = mix(u64::from(source[lender]) ^ ((distance as u64) << 32)) as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The port of Rotterdam closed its container terminals on Monday after \
        dock workers walked out over pay. Union leaders said the strike would last three days \
        and warned of more action if talks failed. Shipping lines diverted vessels to Antwerp \
        and Hamburg, and freight rates rose sharply. The port authority said it regretted the \
        disruption and called for a quick return to negotiations with the employers.";

    #[test]
    fn equal_words_are_exact_copies() {
        let a = Signature::of(STORY);
        let b = Signature::of(&STORY.to_uppercase().replace(". ", ".\n\n"));
        assert_eq!(a.exact, b.exact);
        assert_eq!(similarity(&a, &b), 1.0);
        assert_eq!(a.band_keys(), b.band_keys());
    }

    #[test]
    fn an_edited_copy_stays_similar_and_another_story_does_not() {
        let story = Signature::of(STORY);
        let trimmed = Signature::of(&STORY[..STORY.len() * 2 / 3]);
        let other = Signature::of(
            "The central bank left interest rates unchanged on Thursday, saying inflation \
             had eased but wages were still rising faster than productivity in most sectors.",
        );
        let near = similarity(&story, &trimmed);
        assert!(near > 0.45, "trimmed copy: {near}");
        assert!(similarity(&story, &other) < 0.1);
        let shared = |a: &Signature, b: &Signature| {
            a.band_keys()
                .iter()
                .zip(b.band_keys())
                .filter(|(x, y)| **x == *y)
                .count()
        };
        assert!(shared(&story, &trimmed) > 0);
        assert_eq!(shared(&story, &other), 0);
    }

    #[test]
    fn stories_on_one_template_with_other_figures_are_not_copies() {
        let dividend = |company: &str, cents: u32, day: u32| {
            Signature::of(&format!(
                "{company} said its board declared a quarterly dividend of {cents} cts a share, \
                 payable April {day} to shareholders of record on March {}. The company paid \
                 {} cts a share in the previous quarter.",
                day + 14,
                cents - 2
            ))
        };
        let a = dividend("Owens and Minor Inc", 12, 1);
        let b = dividend("Meridian Bancorp Inc", 31, 3);
        assert!(similarity(&a, &b) > 0.45, "{}", similarity(&a, &b));
        assert!(!same_facts(&a, &b));
        assert!(!are_copies(&a, &b, 0.45));
        assert!(are_copies(
            &a,
            &dividend("Owens and Minor Inc", 12, 1),
            0.45
        ));
    }

    /// [`STORY`] and more of it: about 200 words, so that a third of it is no brief.
    fn long_story() -> String {
        format!(
            "{STORY}\n\nEconomists estimated that each day of the stoppage would cut growth, \
             because most of the region's exports of machinery and chemicals leave through the \
             container quays. The transport minister said she would meet both sides on \
             Wednesday but ruled out emergency legislation, and said a settlement had to come \
             from the table. At the terminal gates, pickets handed leaflets to lorry drivers \
             and asked them to turn back. Police said the protest was peaceful and that no \
             arrests had been made. The last strike at the port lasted eleven days and ended \
             with an agreement that expired in January. Employers say wage costs at the port \
             have risen faster than at its rivals on the coast since then, and that the union's \
             demands would push shipping lines towards cheaper terminals abroad. The union \
             replied that its members had accepted two years of real pay cuts."
        )
    }

    #[test]
    fn versions_under_one_headline_are_compared_by_what_the_shorter_holds() {
        let title = "Dock strike closes the port of Rotterdam";
        let sign = |title: &str, body: &str| Signature::of_article(title, body, []);
        let story = long_story();
        let words: Vec<&str> = story.split_whitespace().collect();
        let third = words[..words.len() / 3].join(" ");
        let (long, short) = (sign(title, &story), sign(title, &third));
        assert!(
            similarity(&long, &short) < 0.45,
            "{}",
            similarity(&long, &short)
        );
        assert!(containment(&long, &short) >= CONTAINED);
        assert!(same_version(&long, &short));
        assert!(are_copies(&long, &short, 0.45));
        // Under another headline, or one too short to name a story, it is too unlike.
        let retitled = sign("Dockers walk out at Rotterdam", &third);
        assert!(!are_copies(&long, &retitled, 0.45));
        let (bare, bare_third) = (sign("Strike", &story), sign("Strike", &third));
        assert_eq!(bare.title, 0);
        assert!(!are_copies(&bare, &bare_third, 0.45));
        // A brief under the headline, a first take of the story, is a version of it; two
        // briefs are not compared by containment.
        let (brief, shorter) = (
            sign(title, &words[..40].join(" ")),
            sign(title, &words[..25].join(" ")),
        );
        assert!(similarity(&long, &brief) < 0.45);
        assert!(same_version(&long, &brief));
        assert!(are_copies(&long, &brief, 0.45));
        assert!(containment(&brief, &shorter) >= CONTAINED);
        assert!(!same_version(&brief, &shorter));
        // Nor is a brief of another story filed under its headline.
        let elsewhere = sign(
            title,
            "Ferry services to Harwich and Hull ran as normal on Monday, the operators said, \
             and passengers were advised to check departure times before travelling to the \
             terminal because of queues of lorries on the approach roads.",
        );
        assert!(!same_version(&long, &elsewhere));
        // A report written to one template each day holds its opening, not its figures.
        let report = |ships: u32, boxes: &str| {
            let body = format!(
                "The port authority publishes its daily traffic report for shipping lines, \
                 forwarders, hauliers and the harbour pilots, with the vessels handled at the \
                 container quays, the bulk terminals and the ferry berths, and the state of \
                 the approach channel, the locks and the bridges over the inner harbour. \
                 Vessels handled: {ships}. Containers moved: {boxes}. Lock delays: {} minutes.",
                ships % 7 + 5
            );
            sign("Port traffic report", &body)
        };
        let (monday, tuesday) = (report(212, "31,450"), report(198, "28,905"));
        assert!(containment(&monday, &tuesday) >= CONTAINED);
        assert!(!are_copies(&monday, &tuesday, 0.45));
    }

    #[test]
    fn signatures_stored_before_headlines_read_without_one() {
        let signature = Signature::of_article("Dock strike closes the port", STORY, []);
        assert_ne!(signature.title, 0);
        let bytes = signature.to_bytes();
        let older = Signature::from_bytes(&bytes[..OLDER_STORED_LEN]).expect("older length");
        assert_eq!(older.title, 0);
        assert_eq!(
            Signature {
                title: 0,
                ..signature
            },
            older
        );
    }

    #[test]
    fn tables_of_figures_are_copies_only_word_for_word() {
        let table = |close: &str| {
            Signature::of(&format!(
                "WHEAT MAY7 287 1/2 UP 1 1/4 JUL7 273 1/2 UP 3/4 SEP7 274 UP 1 DEC7 {close} UP 1 \
                 CORN MAY7 158 UP 1/4 JUL7 161 1/2 UP 1/2 SEP7 164 UNCH DEC7 171 OFF 1/4"
            ))
        };
        let (ten, eleven) = (table("279"), table("279 1/2"));
        assert!(ten.tabular);
        assert!(!are_copies(&ten, &eleven, 0.45));
        assert!(are_copies(&ten, &table("279"), 0.45));
    }

    #[test]
    fn short_and_empty_bodies() {
        let empty = Signature::of("  ... ");
        assert_eq!(empty.words, 0);
        assert!(empty.band_keys().is_empty());
        assert_eq!(similarity(&empty, &Signature::of(STORY)), 0.0);
        let one = Signature::of("Strike");
        assert_eq!(one.band_keys().len(), BANDS);
        assert_eq!(similarity(&one, &Signature::of("strike!")), 1.0);
        let bytes = one.to_bytes();
        assert_eq!(bytes.len(), STORED_LEN);
        assert_eq!(Signature::from_bytes(&bytes), Some(one));
        assert_eq!(Signature::from_bytes(&bytes[1..]), None);
    }

    #[test]
    fn words_are_hashed_as_their_lowercase_spelling() {
        let text = "Zürich's ÉCOLE, 7-3/8 pct; ΟΔΥΣΣΕΥΣ ok";
        let hashed = word_hashes(text);
        let expected: Vec<u64> = words(text).map(|w| stable_hash(w.as_bytes())).collect();
        assert_eq!(hashed.hashes, expected);
        assert_eq!(hashed.figures, 3);
    }

    #[test]
    fn signatures_do_not_change_between_builds() {
        // Stored in the index: a change here needs a new index format.
        let sig = Signature::of("Dock workers walked out.");
        assert_eq!(sig.words, 4);
        assert_eq!(sig.exact, 10_529_888_696_138_737_801);
        assert_eq!(sig.band_keys()[0], 3_191_940_136);
        assert_eq!(title_hash("Dock workers walked out"), sig.exact);
        assert_eq!(title_hash("Dock workers"), 0);
    }
}
