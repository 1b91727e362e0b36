//! Typing an organisation as a company or an organisation: legal forms and the last words
//! of names, and the words around its mentions.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use super::super::tokenize::Token;

/// Words near an organisation that say it is a company (+1) or not (−1).
pub(super) const COMPANY_CUES: &[&str] = &[
    "company",
    "companies",
    "firm",
    "firms",
    "shares",
    "stock",
    "stocks",
    "shareholders",
    "investors",
    "maker",
    "makers",
    "manufacturer",
    "retailer",
    "carrier",
    "airline",
    "bank",
    "lender",
    "insurer",
    "brand",
    "products",
    "profit",
    "profits",
    "revenue",
    "revenues",
    "sales",
    "earnings",
    "acquire",
    "acquired",
    "acquisition",
    "bought",
    "buy",
    "buying",
    "merger",
    "takeover",
    "ceo",
    "subsidiary",
    "subsidiaries",
    "provider",
    "providers",
    "conglomerate",
    "startup",
    "start-up",
    "chipmaker",
    "automaker",
    "operator",
    "supplier",
    "suppliers",
    "customers",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "ltd",
    "plc",
    "listed",
    "nasdaq",
    "valuation",
    "billion",
    "dividend",
    "quarterly",
    "app",
    "platform",
];
pub(super) const ORG_CUES: &[&str] = &[
    "ministry",
    "government",
    "party",
    "committee",
    "agency",
    "union",
    "council",
    "court",
    "university",
    "police",
    "army",
    "federation",
    "officials",
    "official",
    "department",
    "parliament",
    "senate",
    "lawmakers",
    "regulator",
    "commission",
    "authority",
    "members",
    "member",
    "delegates",
    "charity",
    "campaign",
    "group's",
    "minister",
    "spokesman",
    "chairman",
    "organisation",
    "organization",
    "league",
    "team",
    "club",
    "coach",
    "players",
];

/// Company evidence in the ±4 tokens around tokens `from..to`.
pub(super) fn context_cue(text: &str, toks: &[Token], from: usize, to: usize) -> i32 {
    let lo = from.saturating_sub(4);
    let hi = (to + 4).min(toks.len());
    let mut score = 0;
    for (i, t) in toks.iter().enumerate().take(hi).skip(lo) {
        if (from..to).contains(&i) {
            continue;
        }
        let w = text[t.start..t.end].to_lowercase();
        if COMPANY_CUES.contains(&w.as_str()) {
            score += 1;
        } else if ORG_CUES.contains(&w.as_str()) {
            score -= 1;
        }
    }
    score
}

/// Legal forms of companies ("Inc", "GmbH", "S.p.A."), lowercase, one a line: the list the
/// tagger's company-suffix features read (its model holds the same text).
const TAGGER_LEGAL_FORMS: &str = include_str!("../../../data/tagger/company-suffixes.txt");

/// Legal forms the entity rules take that the tagger's list lacks: "Ltd." with its period,
/// the plural "Cos", and short forms of older or foreign copy ("SpA", "Pty", "KK", "SE",
/// "BV").
const MORE_LEGAL_FORMS: &[&str] = &["ltd.", "cos", "cos.", "spa", "pty", "kk", "se", "bv"];

/// Forms of the tagger's list that the rules do not take, since English copy writes them for
/// other things: words ("as", "et", "private", and "company", which names keep: "Ford Motor
/// Company"), surnames ("Teo"), and abbreviations and acronyms that name something
/// themselves ("E.U.", "VAT", "APS", "NL", "SNC", "AE", "PT", "EE", "OG"). The tagger weighs
/// its features against the context; a rule takes a form as certain.
#[rustfmt::skip]
const NOT_LEGAL_FORMS_IN_COPY: &[&str] = &[
    // words and surnames
    "as", "et", "da", "private", "unlimited", "company", "teo",
    // abbreviations and acronyms
    "e.u.", "e.c.", "p.c.", "vat", "aps", "nl", "snc", "ae", "oe", "hb", "kb", "mb", "dat", "pt",
    "ee", "og", "uab", "pp", "ky", "ks", "kt", "sd", "stg", "cpt",
];

/// The one-word legal forms: the tagger's list ([`TAGGER_LEGAL_FORMS`]; the rules read a
/// name word by word, so its forms of several words count through their words) without
/// [`NOT_LEGAL_FORMS_IN_COPY`], and [`MORE_LEGAL_FORMS`].
static LEGAL_FORMS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    (TAGGER_LEGAL_FORMS.lines())
        .map(str::trim)
        .filter(|form| !form.is_empty() && !form.contains(' '))
        .filter(|form| !NOT_LEGAL_FORMS_IN_COPY.contains(form))
        .chain(MORE_LEGAL_FORMS.iter().copied())
        .collect()
});

/// Whether a word, in lowercase, is a legal form of companies ("ltd", "inc.").
pub(super) fn is_legal_form(lowercase: &str) -> bool {
    LEGAL_FORMS.contains(lowercase)
}

/// Last words of company names.
pub(super) const COMPANY_WORDS: &[&str] = &[
    "group",
    "holdings",
    "company",
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
    "markets",
    "brewing",
    "foods",
    "petroleum",
    "steel",
    "mining",
    "resources",
    "studios",
    "records",
    "airline",
    "chemicals",
    "bancorp",
    "financial",
    "investments",
    "logistics",
    "shipping",
    "motor",
    "semiconductor",
    "pharma",
    "bank",
    "builders",
    "engineering",
    "construction",
    "airport",
];

/// Last words of organisation names.
pub(super) const ORG_WORDS: &[&str] = &[
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
    "alliance",
    "brigade",
    "treasury",
    "reserve",
];

/// A name with a trailing legal suffix and the "and" before it removed ("Bytedance Ltd" →
/// "Bytedance", "Morgan Stanley and Co" → "Morgan Stanley"), unless only generic words would
/// be left ("Commodity Credit Corporation").
pub(super) fn strip_legal_suffix(name: &str) -> &str {
    let full = name.trim_end_matches(',');
    let mut name = full;
    while let Some((head, last)) = name.rsplit_once(' ') {
        let last = last.to_lowercase();
        let and = name != full && matches!(last.as_str(), "and" | "&");
        if !(is_legal_form(&last) || and) {
            break;
        }
        name = head.trim_end_matches(',').trim_end();
    }
    let words: Vec<&str> = name.split(' ').collect();
    if name != full && super::nonentities::is_not_a_name(&words) {
        full
    } else {
        name
    }
}

/// A name without trailing generic words ("ABC TV" → "ABC", "Huawei Technologies" →
/// "Huawei"), for gazetteer look-ups.
pub(super) fn strip_generic_tail(name: &str) -> &str {
    let mut name = name;
    while let Some((head, last)) = name.rsplit_once(' ') {
        let last = last.to_lowercase();
        if COMPANY_WORDS.contains(&last.as_str())
            || matches!(
                last.as_str(),
                "tv" | "channel" | "network" | "radio" | "news"
            )
        {
            name = head;
        } else {
            break;
        }
    }
    name
}

/// Whether a word is one a company's name ends in ("Communications", "Holdings").
pub(super) fn is_company_word(word: &str) -> bool {
    COMPANY_WORDS.contains(&word.to_lowercase().as_str())
}

/// Company (+) or organisation (−) evidence from the name alone.
pub(super) fn name_evidence(name: &str) -> i32 {
    let words: Vec<String> = name.split(' ').map(|w| w.to_lowercase()).collect();
    let last = words.last().map(String::as_str).unwrap_or("");
    if words.len() > 1 && is_legal_form(last) {
        return 10;
    }
    if words.len() > 1 && COMPANY_WORDS.contains(&last) {
        return 3;
    }
    // an airline named for its country ("Air France"), as sure as a legal form
    if words.len() > 1 && words[0] == "air" && super::nonentities::is_country(&words[1..].join(" "))
    {
        return 10;
    }
    // one word ending in a legal form or "group" ("Citicorp", "Norbancorp", "Citigroup")
    if words.len() == 1
        && ["corp", "group"]
            .iter()
            .any(|s| last.len() > 5 && last.ends_with(s))
    {
        return 3;
    }
    if ORG_WORDS.contains(&last) {
        return -3;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the tagger's list holds `form` as a line of its own.
    fn in_tagger_list(form: &str) -> bool {
        TAGGER_LEGAL_FORMS.lines().any(|line| line.trim() == form)
    }

    #[test]
    fn legal_forms_are_the_tagger_list_less_the_words_of_copy() {
        for form in ["ltd", "inc.", "oy", "kgaa", "l.p.", "gmbh", "ltd.", "cos"] {
            assert!(is_legal_form(form), "{form}");
        }
        for form in ["as", "company", "e.u.", "pty ltd", "sons", ""] {
            assert!(!is_legal_form(form), "{form}");
        }
        // each list names what the other does not
        for form in NOT_LEGAL_FORMS_IN_COPY {
            assert!(in_tagger_list(form), "{form} is not in the tagger's list");
        }
        for form in MORE_LEGAL_FORMS {
            assert!(
                !in_tagger_list(form),
                "{form} is in the tagger's list already"
            );
        }
    }
}
