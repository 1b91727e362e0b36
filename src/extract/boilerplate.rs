//! Text that travels with a story but is not news: comment policies, newsletter pitches,
//! "read more" links and copyright lines at the end of a body ([`strip_trailing`]); wire
//! sign-offs, staff and photo credits and copyright notices, line by line ([`classify`],
//! [`strip_credits`]); and paragraphs that a source repeats verbatim in many of its articles
//! ([`strip_repeated`]).

use regex::Regex;
use std::sync::LazyLock;

/// How many trailing paragraphs are examined.
const MAX_TRAILING: usize = 8;

static CUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bcomments?\s*(?::|policy|rules|section|are\ closed|have\ been\ closed)
      | \bour\ (?:comments|rules|community\ (?:guidelines|standards))\b
      | \breport\ (?:any\ |abusive\ )?comments\b
      | \b(?:sign\ up|subscribe)\ (?:for|to|now)\b
      | \b(?:our|free|daily|weekly|email)\ newsletters?\b
      | ^\s*read\ (?:more|the\ rules|next|also)\b
      | ^\s*(?:related|more\ on\ this|see\ also|recommended)\b
      | \ball\ rights\ reserved\b
      | ^\s*(?:©|\(c\)\ |copyright\b)
      | \bfollow\ us\ on\b
      | \bshare\ (?:this|on)\b
      | \bclick\ here\b
      | \b(?:terms\ of\ (?:use|service)|privacy\ policy|cookie\ policy)\b
      | ^\s*advertisement\s*$
    ",
    )
    .expect("boilerplate cues compile")
});

/// The body with trailing boilerplate paragraphs removed. Paragraphs are separated by blank
/// lines (or single newlines in files that use one line per paragraph).
pub fn strip_trailing(body: &str) -> &str {
    let mut end = body.trim_end().len();
    for _ in 0..MAX_TRAILING {
        let text = &body[..end];
        let start = text.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let paragraph = &text[start..];
        if paragraph.trim().is_empty() || !CUES.is_match(paragraph) {
            break;
        }
        if start == 0 {
            // Never strip a story down to nothing.
            break;
        }
        end = text[..start].trim_end().len();
    }
    &body[..end]
}

/// News agencies whose name, alone on the last line of a story, signs it off ("REUTER",
/// "(AP)", "AFP"), in the forms they sign with; matched ignoring case. The same names in
/// brackets after a dateline ("LONDON (Reuters) -") credit the wire, not the story.
pub const WIRE_AGENCIES: &[&str] = &[
    // Worldwide wires.
    "Reuters",
    "Reuter",
    "Associated Press",
    "AP",
    "Agence France-Presse",
    "Agence France Presse",
    "AFP",
    "United Press International",
    "UPI",
    "Bloomberg News",
    // National agencies, by the name or initials they sign with.
    "dpa",
    "ANSA",
    "EFE",
    "Europa Press",
    "Lusa",
    "ANP",
    "Belga",
    "APA",
    "SDA",
    "ATS",
    "NTB",
    "TT",
    "STT",
    "Ritzau",
    "PAP",
    "CTK",
    "MTI",
    "TASS",
    "Itar-Tass",
    "RIA Novosti",
    "Interfax",
    "Anadolu",
    "KUNA",
    "WAM",
    "MENA",
    "Kyodo",
    "Kyodo News",
    "Jiji",
    "Jiji Press",
    "Yonhap",
    "Xinhua",
    "PTI",
    "IANS",
    "ANI",
    "UNI",
    "APP",
    "Bernama",
    "Antara",
    "AAP",
    "Canadian Press",
    "CP",
    "Press Association",
    "PA",
    "Notimex",
    "Prensa Latina",
];

/// A line that travels with a story but is not news.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credit {
    /// A wire agency's name alone ("REUTER", "(AP)"): dropped at the end of a story only.
    SignOff,
    /// Who reported, wrote or edited the story: "Reporting by A and B; Editing by C".
    Staff,
    /// "Photo: X/Getty Images", "(Photo by X/AFP via Getty Images)", "Image caption …".
    Photo,
    /// "Copyright 2020 The X. All rights reserved.", "© 2019 …".
    Copyright,
    /// Nothing but control characters or their references (`&#3;`).
    Control,
}

/// Longest line, in bytes, that can be a credit: credits are short.
const MAX_CREDIT_BYTES: usize = 300;
/// Most words in a line that can be a copyright notice.
const MAX_COPYRIGHT_WORDS: usize = 40;

/// One or more agencies, joined by `/`, `,`, `&` or `and`, as a regex.
fn agencies_pattern() -> String {
    let one = WIRE_AGENCIES
        .iter()
        .map(|a| regex::escape(a).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    format!(r"(?:{one})(?:\s*(?:/|,|&|\band\b)\s*(?:{one}))*")
}

static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    let agencies = agencies_pattern();
    Regex::new(&format!(
        r"(?i)^(?:[-–—]+\s*)?\(?\s*{agencies}\s*\)?\s*[.…]*$"
    ))
    .expect("sign-off pattern compiles")
});

/// A sign-off run on after the last sentence of a story ("… rose. REUTER"), as the wire
/// writes it: an agency's name as listed or in capitals, or in brackets.
static RUN_ON_SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    let names = WIRE_AGENCIES
        .iter()
        .flat_map(|a| [regex::escape(a), regex::escape(&a.to_uppercase())])
        .collect::<Vec<_>>()
        .join("|");
    let agencies = agencies_pattern();
    Regex::new(&format!(
        r#"(?P<end>[.!?"”’])\s+(?:{names}|\(\s*(?i:{agencies})\s*\))[.…]*\s*$"#
    ))
    .expect("run-on sign-off pattern compiles")
});

/// `CITY, March 3 (Reuters) -` at the start of a story: the place and date, the credit.
static DATELINE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    let agencies = agencies_pattern();
    Regex::new(&format!(
        r"^(?P<place>[^\n()]{{0,80}}?)\s*\(\s*(?i:{agencies})\s*\)\s*(?P<dash>--?|–|—|:)"
    ))
    .expect("dateline pattern compiles")
});

/// Control characters, as themselves, as character references ("&#3;") or, at the end of a
/// line, in the caret notation a conversion left behind ("REUTER^M").
static CONTROLS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&#\d{1,3};|\p{Cc}|\^[MZ]\s*$").expect("control pattern compiles")
});

static PHOTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[(\[]?\s*(?:photo(?:graph)?s?|pictures?|pics?|images?)\s*
          (?: : | (?-u:\b)(?:by|credits?|copyright|caption|source|courtesy)(?-u:\b) )",
    )
    .expect("photo pattern compiles")
});

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[(\[]?\s*(?: © | \(c\)\s*(?:19|20)\d\d | copyright\s*(?:©|\(c\)|(?:19|20)\d\d) )
          | (?-u:\b)all\ rights\ reserved\W*$",
    )
    .expect("copyright pattern compiles")
});

/// What kind of credit a line is, if it is one. A line is a credit only when the whole of
/// it is: "Reuters reported that…" is news, "Reuters" alone is a sign-off.
pub fn classify(line: &str) -> Option<Credit> {
    if line.len() > MAX_CREDIT_BYTES || line.trim().is_empty() {
        return None;
    }
    let line = CONTROLS.replace_all(line, " ");
    let line = line.trim();
    if line.is_empty() {
        return Some(Credit::Control);
    }
    if SIGN_OFF.is_match(line) {
        Some(Credit::SignOff)
    } else if PHOTO.is_match(line) {
        Some(Credit::Photo)
    } else if COPYRIGHT.is_match(line) && line.split_whitespace().count() <= MAX_COPYRIGHT_WORDS {
        Some(Credit::Copyright)
    } else if staff(line).is_some() {
        Some(Credit::Staff)
    } else {
        None
    }
}

/// The start of a staff credit: who did what, "Reporting by", "Additional reporting by",
/// "Writing by", "Compiled by", "Editing by".
const STAFF_CUE_PATTERN: &str = r"(?i)(?:(?:additional|further|with(?:\s+additional)?)\s+)?(?P<role>reporting|reported|writing|written|compiled|editing|edited|research|contributing)\s+by(?-u:\b)";

static STAFF_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(STAFF_CUE_PATTERN).expect("staff pattern compiles"));

/// A staff cue at the start of a line: most lines are news, and this fails at once on them.
static STAFF_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("^(?:{STAFF_CUE_PATTERN})")).expect("staff pattern compiles")
});

static NAME_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,|;|&|(?-u:\b)and(?-u:\b))\s*").expect("separator pattern compiles")
});

/// Lowercase words a name or a place in a credit may hold ("Luis de Souza in Rio de Janeiro").
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "der", "di", "dos", "du", "el", "la", "le",
    "of", "the", "ter", "van", "von", "y",
];
/// Lowercase words that credit a desk, not a person ("Reuters staff"): such a name is not
/// taken for the byline.
const DESK_WORDS: &[&str] = &[
    "bureau",
    "correspondents",
    "desk",
    "newsroom",
    "reporters",
    "staff",
];

/// Most words in one credited name, or in the place after its "in".
const MAX_NAME_WORDS: usize = 6;

/// The reporters a staff credit line names, when the whole line is a staff credit: one or
/// more cues, each followed by names ("A and B", "A in London, B"). Editors are not
/// reporters; a desk ("Reuters staff") or a wire is not a person.
fn staff(line: &str) -> Option<Vec<String>> {
    let line = line
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']', '.', ' ']);
    if !STAFF_OPENING.is_match(line) {
        return None;
    }
    let cues: Vec<regex::Captures> = STAFF_CUE.captures_iter(line).collect();
    let mut reporters = Vec::new();
    for (i, cue) in cues.iter().enumerate() {
        let from = cue.get(0)?.end();
        let to = cues
            .get(i + 1)
            .and_then(|next| next.get(0))
            .map_or(line.len(), |m| m.start());
        let names = credited_names(&line[from..to])?;
        let role = cue["role"].to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "reporting" | "reported" | "writing" | "written" | "compiled" | "contributing"
        ) {
            reporters.extend(names.into_iter().filter(|n| is_person(n)));
        }
    }
    Some(reporters)
}

/// The names after one cue, each without its place ("Jane Smith in London"); `None` unless
/// every part looks like a name.
fn credited_names(segment: &str) -> Option<Vec<String>> {
    let segment = segment
        .trim()
        .trim_end_matches([';', ',', '-', '–', '—', '|', ' ']);
    let segment = segment.strip_suffix(" and").unwrap_or(segment);
    let mut names = Vec::new();
    for item in NAME_SEPARATOR.split(segment).map(str::trim) {
        if item.is_empty() {
            continue;
        }
        let (name, place) = item.split_once(" in ").unwrap_or((item, ""));
        if !looks_like_name(name) || !(place.is_empty() || looks_like_name(place)) {
            return None;
        }
        names.push(name.trim().to_string());
    }
    (!names.is_empty()).then_some(names)
}

/// A few words, capitalised but for name particles and desk words.
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let capitalised = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c))
    };
    (1..=MAX_NAME_WORDS).contains(&words.len())
        && words.iter().any(|w| capitalised(w))
        && words
            .iter()
            .all(|w| capitalised(w) || NAME_PARTICLES.contains(w) || DESK_WORDS.contains(w))
}

/// A credited name that is a person's: not a desk, not a wire.
fn is_person(name: &str) -> bool {
    !name.split_whitespace().any(|w| DESK_WORDS.contains(&w)) && !SIGN_OFF.is_match(name)
}

/// A body without its credit lines, and the reporters they named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stripped {
    pub body: String,
    pub reporters: Vec<String>,
}

/// Drop the lines of a body that are credits ([`classify`]): at its end, every credit and
/// sign-off after the last line of news, and a sign-off run on after its last sentence
/// ("… rose. REUTER"); elsewhere staff, photo and copyright credits and
/// control-only lines (a wire's name alone mid-story stays). A wire's credit after the
/// opening dateline ("LONDON, March 3 (Reuters) -") is dropped and the dateline kept.
/// `None` when nothing is dropped; the body may be left empty.
pub fn strip_credits(body: &str) -> Option<Stripped> {
    let lines: Vec<&str> = body.lines().collect();
    let mut kinds: Vec<Option<Credit>> = lines.iter().map(|l| classify(l)).collect();
    let news_end = lines
        .iter()
        .zip(&kinds)
        .rposition(|(line, kind)| kind.is_none() && !line.trim().is_empty())
        .map_or(0, |i| i + 1);
    for kind in &mut kinds[..news_end] {
        if *kind == Some(Credit::SignOff) {
            *kind = None;
        }
    }
    // The last line of news without a sign-off run on after its last sentence.
    let run_on = news_end.checked_sub(1).and_then(|last| {
        let found = RUN_ON_SIGN_OFF.captures(lines[last])?;
        Some((last, found.name("end")?.end()))
    });
    let mut reporters: Vec<String> = Vec::new();
    let mut kept = String::with_capacity(body.len());
    let mut last_blank = true;
    for (i, (line, kind)) in lines.iter().zip(&kinds).enumerate() {
        let line = match run_on {
            Some((last, keep)) if last == i => &line[..keep],
            _ => line,
        };
        match kind {
            Some(Credit::Staff) => {
                for name in staff(line.trim()).unwrap_or_default() {
                    if !reporters.contains(&name) {
                        reporters.push(name);
                    }
                }
            }
            Some(_) => {}
            None if line.trim().is_empty() && last_blank => {}
            None => {
                last_blank = line.trim().is_empty();
                kept.push_str(line);
                kept.push('\n');
            }
        }
    }
    let dropped = kinds.iter().any(Option::is_some) || run_on.is_some();
    let (kept, dateline) = match without_dateline_credit(kept.trim_end()) {
        Some(rest) => (rest, true),
        None => (kept.trim_end().to_string(), false),
    };
    (dropped || dateline).then_some(Stripped {
        body: kept,
        reporters,
    })
}

/// Most words in a dateline before its wire credit.
const MAX_DATELINE_WORDS: usize = 8;

/// The body without the wire credit after its opening dateline, when it has one.
fn without_dateline_credit(body: &str) -> Option<String> {
    let found = DATELINE_CREDIT.captures(body)?;
    let place = found["place"].trim();
    let rest = &body[found.get(0)?.end()..];
    if place.is_empty() {
        return Some(rest.trim_start().to_string());
    }
    // A place and a date: a few words, each capitalised or a number ("Calif., March 3").
    let words: Vec<&str> = place.split_whitespace().collect();
    let dateline_word = |w: &&str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    if words.len() > MAX_DATELINE_WORDS || !words.iter().all(dateline_word) {
        return None;
    }
    Some(format!("{place} {}{rest}", &found["dash"]))
}

/// A paragraph found verbatim in this many articles of one source is boilerplate.
pub const MIN_REPEATS: usize = 5;
/// Longest paragraph, in bytes, that can be taken for boilerplate: taglines, promotions,
/// disclaimers and bylines are short; a long paragraph repeated is a syndicated story.
pub const MAX_REPEATED_BYTES: usize = 400;
/// Fewest words in a paragraph that can be taken for boilerplate.
const MIN_WORDS: usize = 5;

/// Drop, from a set of articles held together (the records of one multi-article file),
/// every short paragraph that appears verbatim in at least [`MIN_REPEATS`] articles of the
/// same group. `group` names an article's source (site name, host); articles are only
/// compared within their group. An article that would be left empty keeps its body as it
/// was. Returns how many paragraphs were dropped.
///
/// Paragraphs are the blocks between blank lines, or lines when a body has no blank line.
/// Deterministic: the result depends only on the set of articles, not on their order.
pub fn strip_repeated<K: Eq + std::hash::Hash>(
    bodies: &mut [String],
    group: impl Fn(usize) -> K,
) -> usize {
    use std::collections::{HashMap, HashSet};
    if bodies.len() < MIN_REPEATS {
        return 0;
    }
    // (group, paragraph) -> how many articles hold it.
    let mut counts: HashMap<(K, &str), usize> = HashMap::new();
    for (i, body) in bodies.iter().enumerate() {
        let mut seen: HashSet<&str> = HashSet::new();
        for p in paragraphs(body) {
            if p.len() <= MAX_REPEATED_BYTES && is_prose(p) && seen.insert(p) {
                *counts.entry((group(i), p)).or_default() += 1;
            }
        }
    }
    let mut repeated: HashMap<K, HashSet<String>> = HashMap::new();
    for ((k, p), n) in counts {
        if n >= MIN_REPEATS {
            repeated.entry(k).or_default().insert(p.to_string());
        }
    }
    if repeated.is_empty() {
        return 0;
    }
    let mut dropped = 0;
    for (i, body) in bodies.iter_mut().enumerate() {
        let sep = separator(body);
        let Some(lines) = repeated.get(&group(i)) else {
            continue;
        };
        let mut kept: Vec<&str> = Vec::new();
        let mut gone = 0;
        for p in paragraphs(body) {
            if lines.contains(p) {
                gone += 1;
            } else {
                kept.push(p);
            }
        }
        if gone > 0 && !kept.is_empty() {
            *body = kept.join(sep);
            dropped += gone;
        }
    }
    dropped
}

/// A sentence-like paragraph: at least [`MIN_WORDS`] words, three of them lowercase
/// words. Table rows ("Nine mths", "MTH LAST HIGH LOW"), dates ("Pay April 15") and short
/// stock phrases ("Terms were not disclosed.") repeat in newswire because they are news
/// in a fixed form, not boilerplate.
pub(super) fn is_prose(p: &str) -> bool {
    let mut words = 0;
    let mut lower = 0;
    for w in p.split_whitespace() {
        words += 1;
        if w.chars().any(char::is_lowercase)
            && w.trim_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .all(char::is_alphabetic)
        {
            lower += 1;
        }
        if words >= MIN_WORDS && lower >= 3 {
            return true;
        }
    }
    false
}

/// How a body separates its paragraphs.
pub(super) fn separator(body: &str) -> &'static str {
    if body.contains("\n\n") { "\n\n" } else { "\n" }
}

/// A body's paragraphs, trimmed, blank ones left out.
pub(super) fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    body.split(separator(body))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_repeated_across_a_source_are_dropped() {
        let promo = "Get the Harbour Gazette app for breaking news alerts.";
        let mut bodies: Vec<String> = (0..6)
            .map(|i| format!("Story number {i} about the port.\n\n{promo}\n\nA closing line {i}."))
            .collect();
        // Another source carries the same line fewer times: it stays there.
        bodies.push(format!("Other paper story.\n\n{promo}"));
        // An article that is nothing but the repeated line keeps it.
        bodies.push(promo.to_string());
        let groups = |i: usize| if i == 6 { "other" } else { "gazette" };
        let dropped = strip_repeated(&mut bodies, groups);
        assert_eq!(dropped, 6);
        assert_eq!(
            bodies[0],
            "Story number 0 about the port.\n\nA closing line 0."
        );
        assert_eq!(bodies[6], format!("Other paper story.\n\n{promo}"));
        assert_eq!(bodies[7], promo);

        // Table rows and stock phrases repeat in newswire as news: they stay.
        let mut wire: Vec<String> = (0..9)
            .map(|i| {
                format!("Shr {i} cts vs 1 ct\nNine mths\nPay April 15\nTerms were not disclosed.")
            })
            .collect();
        assert_eq!(strip_repeated(&mut wire, |_| ()), 0);

        // Fewer articles than the threshold: nothing is touched.
        let mut few: Vec<String> = (0..4).map(|i| format!("S{i}.\n{promo}")).collect();
        assert_eq!(strip_repeated(&mut few, |_| ()), 0);
    }

    #[test]
    fn lines_are_classified() {
        use Credit::*;
        let check = |line: &str, want: Option<Credit>| assert_eq!(classify(line), want, "{line:?}");
        for sign_off in [
            "REUTER",
            " Reuter",
            "Reuters",
            "(AP)",
            "AP",
            "- AFP",
            "(AFP)",
            "UPI.",
            "dpa",
            "ANSA",
            "Kyodo",
            "Xinhua",
            "PTI",
            "IANS",
            "EFE",
            "AP/Reuters",
            "(Reuters and AFP)",
            "Reuter &#3;",
            "Reuter\u{3}",
            "REUTER^M",
            "— Associated Press",
        ] {
            check(sign_off, Some(SignOff));
        }
        for staff in [
            "Reporting by Jane Smith and Tom Brown; Editing by Alan Grey",
            "(Reporting by Jane Smith in London, additional reporting by Luis de Souza in Rio de Janeiro; Editing by C. Fox)",
            "Additional reporting by Sean Walsh in Dublin",
            "Writing by Karl Olsen; Editing by Ruth Hale.",
            "Compiled by Reuters staff",
            "Editing by Mark O'Neill & Ann Lee",
        ] {
            check(staff, Some(Staff));
        }
        for photo in [
            "Photo: Mary Keane/Getty Images",
            "(Photo by Ian West/AFP via Getty Images)",
            "Picture: Tom Hall",
            "Image copyright Getty Images",
            "Image caption The minister arrives in Leeds",
            "Photograph: Sean Smith/The Guardian",
        ] {
            check(photo, Some(Photo));
        }
        for copyright in [
            "Copyright 2020 The Harbour Gazette. All rights reserved.",
            "© 2019 Coastal Courier",
            "(c) 2001 Reuters Limited",
            "All rights reserved.",
        ] {
            check(copyright, Some(Copyright));
        }
        check("&#3;", Some(Control));
        check(" \u{3} ", Some(Control));
        for news in [
            "",
            "   ",
            "Reuters reported that the talks had stalled.",
            "The AP said it would appeal.",
            "Reporting by the BBC revealed the leak.",
            "Reporting by Jane Smith showed the council had known for years.",
            "Copyright law changed today.",
            "(c) the third option, a new bridge",
            "Photos of the flood were shared widely.",
            "Images from the probe reached Earth on Monday.",
            "Reuters Holdings said profit rose.",
            "The deal left all rights reserved to the club until 2030.",
        ] {
            check(news, None);
        }
    }

    #[test]
    fn credit_lines_are_stripped() {
        let check = |body: &str, want: Option<(&str, &[&str])>| {
            let got = strip_credits(body);
            let got = got.as_ref().map(|s| {
                (
                    s.body.as_str(),
                    s.reporters.iter().map(String::as_str).collect::<Vec<_>>(),
                )
            });
            let want = want.map(|(b, r)| (b, r.to_vec()));
            assert_eq!(got, want, "{body:?}");
        };
        check(
            "LONDON, March 3 (Reuters) - The pound rose.\n\nDealers were calm.\n\nReporting by Jane Smith and Tom Brown in London; Editing by Alan Grey\n\nREUTER\n&#3;",
            Some((
                "LONDON, March 3 - The pound rose.\n\nDealers were calm.",
                &["Jane Smith", "Tom Brown"],
            )),
        );
        check(
            "Shr 11 cts vs nine cts\nNote: period ended January 31.\nREUTER\n Reuter\n\u{3}",
            Some((
                "Shr 11 cts vs nine cts\nNote: period ended January 31.",
                &[],
            )),
        );
        // Credits mid-story go wherever they are; a wire's name alone mid-story stays.
        check(
            "Rain fell.\n\nPhoto: Tom Hall\n\nAP\n\nRivers rose.\n\n© 2019 Coastal Courier",
            Some(("Rain fell.\n\nAP\n\nRivers rose.", &[])),
        );
        check("(Reuters) - Oil rose.", Some(("Oil rose.", &[])));
        check(
            "WASHINGTON (AP) — A storm hit.",
            Some(("WASHINGTON — A storm hit.", &[])),
        );
        check("REUTER", Some(("", &[])));
        check(
            "Compiled by Reuters staff\n\nOil rose.",
            Some(("Oil rose.", &[])),
        );
        check(
            "Turnover 212.7 mln\nNote - Fin div pay May 27. REUTER\n",
            Some(("Turnover 212.7 mln\nNote - Fin div pay May 27.", &[])),
        );
        check("Talks ended. (AFP)", Some(("Talks ended.", &[])));
        check(
            "“We won,” he said.” AFP",
            Some(("“We won,” he said.”", &[])),
        );
        check(
            "Bond stocks fell.\n\nReuter...",
            Some(("Bond stocks fell.", &[])),
        );
        // Nothing to drop.
        check("The deal was put to AP", None);
        check("He said. Reuters Holdings rose", None);
        check(
            "Reuters reported that oil rose.\n\nTraders agreed (Reuters) - or not.",
            None,
        );
        check("The talks (AP) - stalled.", None);
    }

    #[test]
    fn trailing_blocks_are_cut() {
        let check = |body: &str, want: &str| assert_eq!(strip_trailing(body), want);
        check(
            "Rates rose.\n\nBanks declined to comment.\n\nSign up for our daily newsletter.\n\nRead more: rates",
            "Rates rose.\n\nBanks declined to comment.",
        );
        check(
            "The vote passed.\nComments: Our rules\nWe want our comments to be civil.\nPlease report any comments that break our rules.",
            "The vote passed.",
        );
        check(
            "Copyright law changed today.",
            "Copyright law changed today.",
        );
        check(
            "Story.\n\nThe newsletter editor resigned on Monday after a row.",
            "Story.\n\nThe newsletter editor resigned on Monday after a row.",
        );
    }
}
