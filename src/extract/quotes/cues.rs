//! The words that attribute what was said: the cue list, and the small word classes the
//! source and content rules read around a cue.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// Verbs that attribute speech or writing, a stated view or stance ("praised", "blamed")
/// or a belief ("fears", "knew") to a source, in the forms news writes them: each verb's
/// forms but those that read as nouns more often than as verbs ("reports", "states",
/// "thought"). A cue is one of these, or the phrase "according to"; auxiliaries
/// before it ("has said", "had told") belong to the cue.
pub const VERBS: &[&str] = &[
    "accuse",
    "accused",
    "accuses",
    "acknowledge",
    "acknowledged",
    "acknowledges",
    "add",
    "added",
    "adding",
    "adds",
    "admit",
    "admits",
    "admitted",
    "agree",
    "agreed",
    "agrees",
    "announce",
    "announced",
    "announces",
    "argue",
    "argued",
    "argues",
    "arguing",
    "ask",
    "asked",
    "asking",
    "asks",
    "asserted",
    "asserts",
    "assured",
    "assures",
    "attacked",
    "believe",
    "believed",
    "believes",
    "blamed",
    "blames",
    "blasted",
    "cautioned",
    "cautions",
    "chant",
    "chanted",
    "chants",
    "cite",
    "cited",
    "cites",
    "citing",
    "claim",
    "claimed",
    "claiming",
    "claims",
    "commented",
    "complain",
    "complained",
    "complains",
    "concede",
    "conceded",
    "concedes",
    "conclude",
    "concluded",
    "concludes",
    "confirm",
    "confirmed",
    "confirms",
    "contend",
    "contended",
    "contends",
    "continued",
    "countered",
    "criticise",
    "criticised",
    "criticises",
    "criticize",
    "criticized",
    "criticizes",
    "declare",
    "declared",
    "declares",
    "decried",
    "decries",
    "defended",
    "defends",
    "demanded",
    "demands",
    "denied",
    "denies",
    "denounced",
    "denounces",
    "deny",
    "described",
    "describes",
    "disclosed",
    "dismissed",
    "dismisses",
    "doubted",
    "doubts",
    "echoed",
    "emphasised",
    "emphasises",
    "emphasized",
    "emphasizes",
    "estimated",
    "exclaimed",
    "expect",
    "expects",
    "explain",
    "explained",
    "explains",
    "expressed",
    "feared",
    "fears",
    "feel",
    "feels",
    "felt",
    "finds",
    "found",
    "hailed",
    "hinted",
    "hope",
    "hoped",
    "hopes",
    "implied",
    "indicated",
    "indicates",
    "insist",
    "insisted",
    "insists",
    "joked",
    "jokes",
    "knew",
    "know",
    "knows",
    "maintain",
    "maintained",
    "maintains",
    "mentioned",
    "mentions",
    "mocked",
    "muttered",
    "noted",
    "notes",
    "noting",
    "observed",
    "observes",
    "pledged",
    "pledges",
    "praised",
    "praises",
    "predict",
    "predicted",
    "predicts",
    "promised",
    "promises",
    "proposed",
    "proposes",
    "questioned",
    "quipped",
    "quips",
    "realised",
    "realized",
    "recall",
    "recalled",
    "recalls",
    "recognised",
    "recognized",
    "reiterated",
    "reiterates",
    "rejected",
    "rejects",
    "remarked",
    "reminded",
    "replied",
    "replies",
    "reported",
    "responded",
    "responds",
    "revealed",
    "reveals",
    "said",
    "sang",
    "say",
    "saying",
    "says",
    "screamed",
    "screams",
    "shout",
    "shouted",
    "shouts",
    "show",
    "showed",
    "shows",
    "signaled",
    "signalled",
    "sing",
    "sings",
    "slammed",
    "slams",
    "stated",
    "stressed",
    "stresses",
    "suggest",
    "suggested",
    "suggests",
    "tell",
    "telling",
    "tells",
    "testified",
    "testifies",
    "think",
    "thinks",
    "thought",
    "told",
    "tweeted",
    "urge",
    "urged",
    "urges",
    "vowed",
    "vows",
    "want",
    "wanted",
    "wants",
    "warn",
    "warned",
    "warning",
    "warns",
    "whispered",
    "wondered",
    "wonders",
    "worried",
    "worries",
    "writes",
    "writing",
    "wrote",
    "yell",
    "yelled",
    "yells",
];

/// Cues whose object is the one told, not what was said ("told reporters that …").
const TELLING: &[&str] = &[
    "tell", "telling", "tells", "told", "urged", "warned", "warning", "warns", "asked", "asks",
];

/// Auxiliaries and adverbs that stand between a source and its cue ("has also said").
const AUXILIARIES: &[&str] = &[
    "also",
    "again",
    "did",
    "does",
    "had",
    "has",
    "have",
    "just",
    "later",
    "once",
    "often",
    "previously",
    "recently",
    "repeatedly",
    "reportedly",
    "then",
    "would",
    "will",
    "still",
    "further",
    "earlier",
    "publicly",
    "privately",
    "flatly",
    "quickly",
    "simply",
];

/// Words no source runs across: a clause starts or ends there.
const CLAUSE_WORDS: &[&str] = &[
    "after", "although", "and", "as", "because", "before", "but", "how", "if", "or", "since", "so",
    "than", "that", "though", "until", "what", "when", "where", "whether", "which", "while", "who",
    "whom", "why", "said", "says", "is", "was", "are", "were", "to", "of", "in", "on", "for",
    "with", "at", "by", "from",
];

/// The stems of the cue verbs whose object is what or whom they speak of ("accus" for
/// accuse, accused, accuses).
const OBJECT_STEMS: &[&str] = &[
    "accus", "attack", "blame", "blast", "cit", "critici", "defend", "deni", "deny", "denounc",
    "describ", "dismiss", "express", "hail", "mock", "prais", "question", "reject", "remind",
    "slam", "tell", "told", "urg",
];

/// Finite verbs no source holds: a phrase with one after a cue is the cue's clause.
const FINITE_VERBS: &[&str] = &[
    "am", "are", "can", "could", "did", "do", "does", "had", "has", "have", "is", "may", "might",
    "must", "shall", "should", "was", "were", "will", "would",
];

/// Pronouns that can be a source, and what they refer back to.
pub const PERSON_PRONOUNS: &[&str] = &["he", "she"];
pub const THING_PRONOUNS: &[&str] = &["it"];
pub const OTHER_PRONOUNS: &[&str] = &["they", "we", "i", "you"];

/// Nouns that make a source of an anonymous one or of an entity named before ("a
/// spokeswoman", "officials", "the company").
pub const ROLE_NOUNS: &[&str] = &[
    "administration",
    "agency",
    "aide",
    "aides",
    "analyst",
    "analysts",
    "attorney",
    "authorities",
    "bank",
    "campaign",
    "candidate",
    "chairman",
    "chief",
    "committee",
    "company",
    "critics",
    "department",
    "economist",
    "economists",
    "executive",
    "experts",
    "firm",
    "government",
    "governor",
    "group",
    "lawyer",
    "lawyers",
    "leader",
    "leaders",
    "minister",
    "ministry",
    "nominee",
    "official",
    "officials",
    "organisation",
    "organization",
    "party",
    "police",
    "president",
    "prosecutors",
    "report",
    "representative",
    "researchers",
    "secretary",
    "senator",
    "source",
    "sources",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "statement",
    "study",
    "survey",
    "poll",
    "polls",
    "supporters",
    "voters",
    "witnesses",
    "mayor",
];

/// Role nouns that refer back to the last company named ("the company said").
pub const COMPANY_NOUNS: &[&str] = &["company", "firm", "bank", "group"];
/// Role nouns that refer back to the last organisation named ("the ministry said").
pub const ORGANIZATION_NOUNS: &[&str] = &[
    "administration",
    "agency",
    "campaign",
    "committee",
    "department",
    "government",
    "ministry",
    "organisation",
    "organization",
    "party",
];
/// Role nouns that refer back to the last person named ("the senator said").
pub const PERSON_NOUNS: &[&str] = &[
    "candidate",
    "chairman",
    "governor",
    "mayor",
    "minister",
    "nominee",
    "president",
    "senator",
];

/// Words between a cue and its content that say when or where it was said ("said on
/// Sunday", "said in a statement"), with the days of the week ([`WEEKDAYS`]).
const SETTING_WORDS: &[&str] = &[
    "on",
    "last",
    "this",
    "earlier",
    "late",
    "later",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "previously",
    "also",
    "again",
    "repeatedly",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "in",
    "a",
    "an",
    "the",
    "statement",
    "interview",
    "email",
    "e-mail",
    "letter",
    "speech",
    "tweet",
    "release",
    "post",
    "conference",
    "call",
    "news",
    "press",
    "briefing",
    "publicly",
    "privately",
    "flatly",
    "simply",
];

/// Whether `word` is in `list`, in any case.
pub fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Days of the week: with the months, they name no source ("on Saturday saying"); they say
/// when something was said ("said on Sunday").
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub fn is_weekday(word: &str) -> bool {
    in_list(&WEEKDAYS, word)
}

/// Words that say when something was said, with a weekday ("on Sunday", "last week",
/// "Thursday evening").
pub fn is_time(word: &str) -> bool {
    is_weekday(word)
        || in_list(
            &[
                "week",
                "month",
                "year",
                "night",
                "morning",
                "afternoon",
                "evening",
                "weekend",
            ],
            word,
        )
}

pub fn is_calendar(word: &str) -> bool {
    is_weekday(word) || in_list(&crate::extract::timestamp::MONTH_NAMES, word)
}

/// Whether a cue is a participle hanging on its clause's subject ("…, saying").
pub fn is_participle(word: &str) -> bool {
    word.len() > 4 && word.to_ascii_lowercase().ends_with("ing")
}

/// Words that open a noun phrase a source can be ("the letter", "his campaign").
pub fn is_determiner(word: &str) -> bool {
    in_list(
        &[
            "the", "a", "an", "his", "her", "their", "its", "this", "that", "one",
        ],
        word,
    )
}

/// Whether a token is a dash that sets words off ("--", an em or an en dash).
pub fn is_dash(word: &str) -> bool {
    matches!(word, "--" | "\u{2014}" | "\u{2013}")
}

/// Dashes that credit a quote to the name after them ("“…” ― Jorge Falcon").
pub fn is_credit_dash(word: &str) -> bool {
    matches!(word, "\u{2015}" | "\u{2014}" | "\u{2013}")
}

/// Whether a word is one of [`VERBS`] or the participle of one ("asserting" of
/// "asserted", "writing" of "writes"), in any case: looked up in a set made once, since
/// every token of every body is asked.
pub fn is_verb(word: &str) -> bool {
    static SET: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
        let participles = VERBS.iter().flat_map(|verb| {
            (["ed", "s", "es", "d"].iter())
                .filter_map(|end| verb.strip_suffix(end))
                .filter(|stem| stem.len() > 2)
                .map(|stem| format!("{stem}ing"))
        });
        VERBS
            .iter()
            .map(|v| v.to_string())
            .chain(participles)
            .collect()
    });
    if !(3..=12).contains(&word.len()) {
        return false;
    }
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        SET.contains(&word.to_ascii_lowercase())
    } else {
        SET.contains(word)
    }
}

pub fn is_telling(word: &str) -> bool {
    in_list(TELLING, word)
}

pub fn is_auxiliary(word: &str) -> bool {
    in_list(AUXILIARIES, word)
}

/// Whether a cue says how words were voiced ("sang", "chanting", "shouted"), a verb that
/// needs no words after it.
pub fn is_voicing(word: &str) -> bool {
    starts_with_any(
        word,
        &[
            "chant", "shout", "yell", "scream", "sang", "sing", "whisper", "mutter", "exclaim",
        ],
    )
}

/// Whether `word` starts with one of `stems`, in any case.
fn starts_with_any(word: &str, stems: &[&str]) -> bool {
    stems.iter().any(|stem| {
        (word.as_bytes().get(..stem.len())).is_some_and(|b| b.eq_ignore_ascii_case(stem.as_bytes()))
    })
}

/// Whether `verb` and `particle` are a cue of two words: a demand ("called for", "calls
/// on"), what a speaker points at ("pointed to", "referring to"), speaks of ("talked
/// about") or against ("warned against"), or will not do ("declined to", "refused to":
/// alone, "declined" is as often "fell").
pub fn is_phrasal(verb: &str, particle: &str) -> bool {
    let is = |word: &str| particle.eq_ignore_ascii_case(word);
    let stems: &[&str] = if is("for") {
        &["call", "push", "press", "argu"]
    } else if is("on") {
        &["call"]
    } else if is("out") {
        &["point"]
    } else if is("to") {
        &["point", "refer", "declin", "refus"]
    } else if is("about") {
        &[
            "talk", "spoke", "speak", "complain", "joke", "boast", "brag",
        ]
    } else if is("against") {
        &["warn", "argu", "rail", "spoke", "speak"]
    } else {
        return false;
    };
    verb.len() <= 9 && starts_with_any(verb, stems)
}

/// Whether a cue verb takes the one it speaks of as its object ("praised the budget"), so
/// that the words after it are never its source ("…, praised X" is no inversion).
pub fn takes_object(word: &str) -> bool {
    is_verb(word) && starts_with_any(word, OBJECT_STEMS)
}

/// Whether a word is a finite verb that only a clause holds ("had", "would", "is").
pub fn is_finite(word: &str) -> bool {
    in_list(FINITE_VERBS, word)
}

pub fn is_clause_word(word: &str) -> bool {
    in_list(CLAUSE_WORDS, word)
}

pub fn is_setting(word: &str) -> bool {
    in_list(SETTING_WORDS, word) || is_weekday(word)
}

pub fn is_pronoun(word: &str) -> bool {
    in_list(PERSON_PRONOUNS, word) || in_list(THING_PRONOUNS, word) || in_list(OTHER_PRONOUNS, word)
}

pub fn is_role_noun(word: &str) -> bool {
    in_list(ROLE_NOUNS, word)
}

/// Whether a token is a quotation mark.
pub fn is_mark(word: &str) -> bool {
    matches!(
        word,
        "\"" | "\u{201c}" | "\u{201d}" | "\u{201e}" | "\u{ab}" | "\u{bb}" | "``" | "''"
    )
}

/// Whether a token ends a sentence.
pub fn is_terminator(word: &str) -> bool {
    matches!(word, "." | "!" | "?" | "..." | "\u{2026}")
}

/// Whether a token is punctuation that ends a source or a clause.
pub fn is_break(word: &str) -> bool {
    is_mark(word)
        || is_terminator(word)
        || matches!(
            word,
            "," | ";" | ":" | "(" | ")" | "[" | "]" | "\u{2014}" | "\u{2013}" | "--" | "-"
        )
}
