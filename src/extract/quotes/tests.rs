use std::path::Path;

use super::find_quotes;
use crate::article::{EntityKind, Quote};
use crate::parse::RawArticle;

/// One quote as read back: its content text, whether direct, its cue and speaker as
/// written.
type Read = (String, bool, Option<String>, Option<String>);

fn show(body: &str, q: &Quote) -> Read {
    (
        q.text(body),
        q.direct,
        q.cue.map(|(s, e)| body[s..e].to_string()),
        q.speaker.as_ref().map(|s| body[s.start..s.end].to_string()),
    )
}

/// The quotes of a body, read with no entity mentions.
fn read(body: &str) -> Vec<Read> {
    let sentences = crate::extract::tokenize::tokenize(body);
    (find_quotes(body, &sentences, &[]).iter())
        .map(|q| show(body, q))
        .collect()
}

fn quote(text: &str, direct: bool, cue: Option<&str>, speaker: Option<&str>) -> Read {
    (
        text.to_string(),
        direct,
        cue.map(str::to_string),
        speaker.map(str::to_string),
    )
}

/// Each quote of an article extracted in full, as its speaker's canonical name.
fn speakers(body: &str) -> Vec<Option<(String, EntityKind)>> {
    let raw = RawArticle {
        title: Some("Talks go on".into()),
        body: body.into(),
        ..RawArticle::default()
    };
    let article = crate::extract::extract(Path::new("-"), raw);
    (article.quotes.iter())
        .map(|q| q.speaker.as_ref().and_then(|s| s.entity.clone()))
        .collect()
}

/// The quotes of an article's headline, as their words and their speakers' canonical
/// names.
fn headline_quotes(title: &str, body: &str) -> Vec<(String, Option<String>)> {
    let raw = RawArticle {
        title: Some(title.into()),
        body: body.into(),
        ..RawArticle::default()
    };
    let article = crate::extract::extract(Path::new("-"), raw);
    (article.quotes.iter())
        .filter(|q| q.field == crate::article::TextField::Title)
        .map(|q| {
            let speaker = q.speaker.as_ref().and_then(|s| s.entity.clone());
            (q.text(&article.title), speaker.map(|e| e.0))
        })
        .collect()
}

#[test]
fn a_cue_after_the_quote_gives_its_speaker_before_or_after_it() {
    let body = "\u{201c}We will not back down,\u{201d} Ms Okafor told the Harbour Radio station.\n\n\
                \u{201c}The vote is close,\u{201d} said Councillor Dana Whitlow.";
    assert_eq!(
        read(body),
        [
            quote(
                "We will not back down,",
                true,
                Some("told"),
                Some("Ms Okafor")
            ),
            quote(
                "The vote is close,",
                true,
                Some("said"),
                Some("Councillor Dana Whitlow")
            ),
        ]
    );
}

#[test]
fn a_cue_before_the_quote_introduces_it() {
    let body = "Ms Okafor told reporters: \u{201c}Nobody here wants a strike.\u{201d}";
    assert_eq!(
        read(body),
        [quote(
            "Nobody here wants a strike.",
            true,
            Some("told"),
            Some("Ms Okafor")
        )]
    );
}

#[test]
fn a_quote_split_around_its_cue_is_one_quote() {
    let body = "\u{201c}We tried,\u{201d} she said, \u{201c}and we will try again.\u{201d}";
    let quotes = read(body);
    assert_eq!(
        quotes,
        [quote(
            "We tried, and we will try again.",
            true,
            Some("said"),
            Some("she")
        )]
    );
}

#[test]
fn a_quote_over_several_paragraphs_is_one_quote() {
    let body = "Mr Brandt said: \u{201c}The port has lost three contracts this year.\n\n\
                \u{201c}Without the new crane it will lose more.\u{201d}\n\nThe meeting ended.";
    let sentences = crate::extract::tokenize::tokenize(body);
    let quotes = find_quotes(body, &sentences, &[]);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0].parts.len(), 2);
    assert_eq!(
        show(body, &quotes[0]),
        quote(
            "The port has lost three contracts this year. Without the new crane it will lose more.",
            true,
            Some("said"),
            Some("Mr Brandt"),
        )
    );
}

#[test]
fn a_quote_inside_a_quote_stays_in_it() {
    let body =
        "\u{201c}They told us \u{201c}wait\u{201d} for a year,\u{201d} the union leader said.";
    assert_eq!(
        read(body),
        [quote(
            "They told us \u{201c}wait\u{201d} for a year,",
            true,
            Some("said"),
            Some("the union leader"),
        )]
    );
}

#[test]
fn a_quote_with_no_cue_has_no_speaker_and_a_phrase_in_marks_is_no_quote() {
    let body = "The crowd sang as the ferry left.\n\n\u{201c}Home again, home again, all of us.\u{201d}\n\n\
                Critics called the plan \u{201c}reckless\u{201d} at the time.";
    assert_eq!(
        read(body),
        [
            quote("Home again, home again, all of us.", true, None, None),
            // Reported speech, not a direct quote.
            quote(
                "the plan \u{201c}reckless\u{201d} at the time",
                false,
                Some("called"),
                Some("Critics")
            ),
        ]
    );
}

#[test]
fn a_quote_in_the_next_paragraph_carries_on_its_speaker() {
    let body = "\u{201c}The rail link is overdue,\u{201d} Mr Brandt said.\n\n\
                \u{201c}Everyone in the valley knows it, and has known it for years.\u{201d}";
    let quotes = read(body);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0].3.as_deref(), Some("Mr Brandt"));

    // Only a paragraph that opens with the quote carries one on.
    let body = "\u{201c}The rail link is overdue,\u{201d} Mr Brandt said.\n\n\
                The council has debated the plan for years, \u{201c}and will go on debating \
                it for years yet.\u{201d}";
    let quotes = read(body);
    assert_eq!(quotes.len(), 2, "{quotes:?}");
    assert_eq!(quotes[1].0, "and will go on debating it for years yet.");
    assert_eq!(quotes[1].3, None, "{quotes:?}");
}

#[test]
fn according_to_gives_the_source_after_it_on_either_side_of_the_content() {
    let body = "According to the harbour authority, the dredging will finish in May.\n\n\
                The ferry fares will rise by a fifth, according to Councillor Dana Whitlow.";
    assert_eq!(
        read(body),
        [
            quote(
                "the dredging will finish in May",
                false,
                Some("According to"),
                Some("the harbour authority"),
            ),
            quote(
                "The ferry fares will rise by a fifth",
                false,
                Some("according to"),
                Some("Councillor Dana Whitlow"),
            ),
        ]
    );
}

#[test]
fn reported_speech_is_read_after_its_cue_or_before_a_trailing_one() {
    let body = "Mr Brandt said on Tuesday that the crane would arrive in June.\n\n\
                The port will hire forty workers, the company said.\n\n\
                Ms Okafor told reporters the strike was over.";
    assert_eq!(
        read(body),
        [
            quote(
                "the crane would arrive in June",
                false,
                Some("said"),
                Some("Mr Brandt")
            ),
            quote(
                "The port will hire forty workers",
                false,
                Some("said"),
                Some("the company")
            ),
            quote(
                "the strike was over",
                false,
                Some("told"),
                Some("Ms Okafor")
            ),
        ]
    );
}

#[test]
fn a_name_credited_after_a_dash_is_the_speaker() {
    let body = "\u{201c}Best ferry crossing I have ever made.\u{201d} \u{2015} Jorge Almeida";
    assert_eq!(
        read(body),
        [quote(
            "Best ferry crossing I have ever made.",
            true,
            Some("\u{2015}"),
            Some("Jorge Almeida"),
        )]
    );
}

#[test]
fn a_closing_mark_typed_before_a_word_opens_a_quote() {
    let body = "\u{201d}The tide is turning for the port,\u{201d} Mr Brandt said.";
    assert_eq!(
        read(body),
        [quote(
            "The tide is turning for the port,",
            true,
            Some("said"),
            Some("Mr Brandt")
        )]
    );
}

#[test]
fn pronouns_and_role_nouns_resolve_to_the_speaker_or_entity_named_before() {
    let body = "Harbour Freight Ltd reported higher profits on Monday, chief executive \
                Margaret Okafor said.\n\n\
                \u{201c}We had a good year, but President Samuel Brandt's tariffs will hurt,\u{201d} \
                she said.\n\n\
                The company said it would open two depots.";
    let found = speakers(body);
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(
        found[0].as_ref().map(|e| e.0.as_str()),
        Some("Margaret Okafor")
    );
    assert_eq!(
        found[1].as_ref().map(|e| e.0.as_str()),
        Some("Margaret Okafor")
    );
    assert_eq!(found[2].as_ref().map(|e| e.1), Some(EntityKind::Company));
}

#[test]
fn a_source_set_off_by_commas_is_the_name_before_or_inside_them() {
    let body = "Karen Whitaker, whose house was flooded, said she had hoped to be home.\n\n\
                Its managing director, Gary Holroyd, said the depot was full.";
    assert_eq!(
        read(body),
        [
            quote(
                "she had hoped to be home",
                false,
                Some("said"),
                Some("Karen Whitaker")
            ),
            quote(
                "the depot was full",
                false,
                Some("said"),
                Some("Gary Holroyd")
            ),
        ]
    );
}

#[test]
fn a_participle_of_a_listed_verb_is_a_cue_whose_source_is_its_clauses_subject() {
    let body = "Mr Brandt hardly answered the question, asserting, \u{201c}Of course the depot will open.\u{201d}";
    assert_eq!(
        read(body),
        [quote(
            "Of course the depot will open.",
            true,
            Some("asserting"),
            Some("Mr Brandt")
        )]
    );
}

#[test]
fn each_clause_of_a_sentence_with_a_cue_of_its_own_is_an_attribution() {
    let body = "Mr Brandt said the crane was late and said the berth would open in June.\n\n\
                The mayor said the ferry would run again, adding that fares would stay low.\n\n\
                Ms Okafor, who said the strike was over, left early.\n\n\
                The union said wages had to rise, but the company said it could not pay.";
    assert_eq!(
        read(body),
        [
            quote("the crane was late", false, Some("said"), Some("Mr Brandt")),
            quote(
                "the berth would open in June",
                false,
                Some("said"),
                Some("Mr Brandt")
            ),
            quote(
                "the ferry would run again",
                false,
                Some("said"),
                Some("The mayor")
            ),
            quote(
                "fares would stay low",
                false,
                Some("adding"),
                Some("The mayor")
            ),
            quote("the strike was over", false, Some("said"), Some("who")),
            quote("wages had to rise", false, Some("said"), Some("The union")),
            quote("it could not pay", false, Some("said"), Some("the company")),
        ]
    );
}

#[test]
fn a_sentence_with_a_direct_quote_keeps_its_reported_speech_apart() {
    let body = "Ms Okafor said the talks had failed and told reporters: \u{201c}We go on \
                strike on Monday.\u{201d}\n\n\
                Her deputy criticised the plan and said the vote would be held on Friday.";
    assert_eq!(
        read(body),
        [
            quote(
                "the talks had failed",
                false,
                Some("said"),
                Some("Ms Okafor")
            ),
            quote(
                "We go on strike on Monday.",
                true,
                Some("told"),
                Some("Ms Okafor")
            ),
            quote(
                "the vote would be held on Friday",
                false,
                Some("said"),
                Some("Her deputy")
            ),
        ]
    );
}

#[test]
fn a_cue_set_in_the_middle_of_its_content_takes_both_sides() {
    let body = "The new bridge, Ms Okafor said, will open to traffic in March.\n\n\
                Fares will rise, the operator said, and the timetable will change.";
    let sentences = crate::extract::tokenize::tokenize(body);
    let quotes = find_quotes(body, &sentences, &[]);
    let parts: Vec<Vec<&str>> = (quotes.iter())
        .map(|q| q.parts.iter().map(|&(s, e)| &body[s..e]).collect())
        .collect();
    assert_eq!(
        parts,
        [
            vec!["The new bridge", "will open to traffic in March"],
            vec!["Fares will rise"]
        ]
    );
}

#[test]
fn a_text_that_ends_on_a_cue_is_read_to_its_end() {
    for body in [
        "Ms Okafor said the talks had failed and told",
        "The union said wages had to rise, but the company told",
        "Mr Brandt said",
        "\u{201c}The vote is close,\u{201d} said",
    ] {
        let _ = read(body);
    }
}

#[test]
fn words_quoted_after_said_that_are_reported_speech() {
    let body = "Ms Okafor said that \u{201c}the offer is an insult\u{201d} to every worker.\n\n\
                The mayor said in a statement that, \u{201c}the ferry will run again\u{201d}.";
    assert_eq!(
        read(body),
        [
            quote(
                "\u{201c}the offer is an insult\u{201d} to every worker",
                false,
                Some("said"),
                Some("Ms Okafor")
            ),
            quote(
                "\u{201c}the ferry will run again\u{201d}",
                false,
                Some("said"),
                Some("The mayor")
            ),
        ]
    );
}

#[test]
fn according_to_takes_any_noun_phrase_as_its_source() {
    let body = "About 140 households will spend Christmas away from home, according to figures \
                published by the city council.\n\n\
                Ferry fares rose by a tenth last year, according to federal statistics.";
    assert_eq!(
        read(body),
        [
            quote(
                "About 140 households will spend Christmas away from home",
                false,
                Some("according to"),
                Some("figures published by the city council")
            ),
            quote(
                "Ferry fares rose by a tenth last year",
                false,
                Some("according to"),
                Some("federal statistics")
            ),
        ]
    );
}

#[test]
fn a_quote_said_of_someone_and_each_form_of_a_cue_verb_are_read() {
    let body = "The mayor says of the council, \u{201c}They have never once asked us.\u{201d}\n\n\
                The operator denies the ferry will close before the spring.";
    assert_eq!(
        read(body),
        [
            quote(
                "They have never once asked us.",
                true,
                Some("says"),
                Some("The mayor")
            ),
            quote(
                "the ferry will close before the spring",
                false,
                Some("denies"),
                Some("The operator")
            ),
        ]
    );
}

#[test]
fn a_source_is_read_past_when_it_spoke_and_may_be_a_plain_plural() {
    let body = "Harbour master Dana Whitlow on Thursday evening said the berth was safe.\n\n\
                Several fishermen said the new quay was too short.\n\n\
                The march will go ahead, organisers say.";
    assert_eq!(
        read(body),
        [
            quote(
                "the berth was safe",
                false,
                Some("said"),
                Some("Harbour master Dana Whitlow")
            ),
            quote(
                "the new quay was too short",
                false,
                Some("said"),
                Some("Several fishermen")
            ),
            quote(
                "The march will go ahead",
                false,
                Some("say"),
                Some("organisers")
            ),
        ]
    );
}

#[test]
fn a_cue_word_after_a_determiner_is_a_noun() {
    let body = "When the show was over, the crew of the harbour ferry went home.\n\n\
                After a showing of the film, the mayor opened the new quay.";
    assert_eq!(read(body), []);
}

#[test]
fn called_with_quoted_words_labels_something_in_reported_speech() {
    let body = "Ms Okafor called the offer \u{201c}an insult to every worker\u{201d}.\n\n\
                A group called the Friends of the Ferry met on Monday.\n\n\
                Whitlow called him a careless steward of the harbour.";
    assert_eq!(
        read(body),
        [
            quote(
                "the offer \u{201c}an insult to every worker\u{201d}",
                false,
                Some("called"),
                Some("Ms Okafor")
            ),
            quote(
                "him a careless steward of the harbour",
                false,
                Some("called"),
                Some("Whitlow")
            ),
        ]
    );
}

#[test]
fn a_source_is_read_past_a_long_aside_and_never_holds_a_clause() {
    let cases = [
        (
            "Mr Halvorsen, who represents a district on the coast, said the harbour plan had failed.",
            ("the harbour plan had failed", "Mr Halvorsen"),
        ),
        (
            "Okafor, whose term at the port authority was cut short last spring because the \
             board was dissolved by the provincial government in a hurry, said she would run \
             again.",
            ("she would run again", "Okafor"),
        ),
        (
            "The mayor -- who has feuded with the council for months -- said she regretted the vote.",
            ("she regretted the vote", "The mayor"),
        ),
        (
            "The ferry was late again, she and another passenger said.",
            ("The ferry was late again", "she and another passenger"),
        ),
        (
            "The deal is dead, one of his aides said.",
            ("The deal is dead", "one of his aides"),
        ),
    ];
    for (body, (content, speaker)) in cases {
        assert_eq!(
            read(body),
            [quote(content, false, Some("said"), Some(speaker))],
            "{body}"
        );
    }
}

#[test]
fn a_share_of_people_is_a_source() {
    let body = "Nearly three-quarters of the voters said they feared higher fares, and more than \
                4 in 10 said the ferry should be free.";
    assert_eq!(
        read(body),
        [
            quote(
                "they feared higher fares",
                false,
                Some("said"),
                Some("Nearly three-quarters of the voters")
            ),
            quote(
                "the ferry should be free",
                false,
                Some("said"),
                Some("more than 4 in 10")
            ),
        ]
    );
}

#[test]
fn a_participle_cue_takes_the_sentences_subject_or_the_name_before_it() {
    let body = "Dana Whitlow, director of the Coastal Institute, praised the budget, saying the \
                harbour would reopen in May.\n\n\
                Footage shows Okafor saying during the debate last week, \u{201c}That makes me \
                smart.\u{201d}";
    assert_eq!(
        read(body),
        [
            quote(
                "the harbour would reopen in May",
                false,
                Some("saying"),
                Some("Dana Whitlow")
            ),
            quote("That makes me smart.", true, Some("saying"), Some("Okafor")),
        ]
    );
}

#[test]
fn a_question_put_to_the_one_quoted_has_no_source() {
    let body = "Asked during a radio debate why the ferry was late, Okafor said the engines had \
                failed.";
    assert_eq!(
        read(body),
        [
            quote("why the ferry was late", false, Some("Asked"), None),
            quote(
                "the engines had failed",
                false,
                Some("said"),
                Some("Okafor")
            ),
        ]
    );
}

#[test]
fn a_cue_is_the_quotes_only_when_nothing_else_claims_it() {
    // A title in marks is not what a cue that runs on says; a short answer opening its
    // sentence is.
    let body = "Speaking on \u{201c}Harbour Hour,\u{201d} Okafor admitted that the ferry contract \
                was late. \u{201c}Absolutely,\u{201d} she said when asked whether the strike was \
                over.";
    assert_eq!(
        read(body),
        [
            quote(
                "the ferry contract was late",
                false,
                Some("admitted"),
                Some("Okafor")
            ),
            quote("Absolutely,", true, Some("said"), Some("she")),
        ]
    );
    // A cue past a clause of other words is that clause's, and a cue inside quotation marks
    // is the quoted speaker's.
    let body = "Mr Kahn appeared on \u{201c}Harbour Hour\u{201d} on Sunday to say that the mayor \
                had misled voters, and he accused the council of hiding the accounts.\n\n\
                Okafor said Friday that the judge \u{201c}happens to be, we believe, \
                biased.\u{201d}";
    let found = read(body);
    assert!(
        found.iter().all(|q| q.0 != "Harbour Hour"),
        "a title is no quote: {found:?}"
    );
    assert!(
        found.iter().all(|q| q.2.as_deref() != Some("believe")),
        "{found:?}"
    );
    assert!(
        found.contains(&quote(
            "the judge \u{201c}happens to be, we believe, biased.\u{201d}",
            false,
            Some("said"),
            Some("Okafor")
        )),
        "{found:?}"
    );
}

#[test]
fn a_quote_carries_on_another_only_when_it_opens_its_sentence() {
    let body = "\u{201c}I never believed in ghosts,\u{201d} Okafor said. Her brother had to change \
                his answer: \u{201c}Of course I believe in them now.\u{201d}\n\n\
                \u{201c}The port must stay open,\u{201d} Whitlow said. Instead, \u{201c}the council \
                wants to sell it to a developer.\u{201d}";
    let found = read(body);
    assert_eq!(
        found,
        [
            quote(
                "I never believed in ghosts,",
                true,
                Some("said"),
                Some("Okafor")
            ),
            quote("Of course I believe in them now.", true, None, None),
            quote(
                "The port must stay open, the council wants to sell it to a developer.",
                true,
                Some("said"),
                Some("Whitlow")
            ),
        ]
    );
}

#[test]
fn a_headline_names_its_speaker_before_a_colon_only_when_the_article_names_that_person() {
    let headline = |title: &str| {
        headline_quotes(
            title,
            "Prime minister Dana Okafor met the unions on Monday.",
        )
    };
    assert_eq!(
        headline("Okafor: Talks With Unions Will Go On"),
        [(
            "Talks With Unions Will Go On".to_string(),
            Some("Dana Okafor".to_string())
        )]
    );
    assert_eq!(headline("Brexit: Talks With Unions Will Go On"), []);
    // A headline quotes in single marks.
    assert_eq!(
        headline("Okafor Warns \u{2018}Fares Will Rise Again\u{2019}"),
        [(
            "Fares Will Rise Again".to_string(),
            Some("Dana Okafor".to_string())
        )]
    );
    assert_eq!(headline("The Latest: Okafor Meets Unions"), []);
    assert_eq!(
        headline("Okafor Says Talks With Unions Will Go On"),
        [(
            "Talks With Unions Will Go On".to_string(),
            Some("Dana Okafor".to_string())
        )]
    );
}

#[test]
fn a_verb_and_its_particle_are_one_cue() {
    let body = "The union called for a ban on night shifts. Okafor declined to comment on the \
                talks. Loans declined 114 mln dlrs to 65.89 billion dlrs in the week. Whitlow \
                pointed out that fares had doubled since May.";
    assert_eq!(
        read(body),
        [
            quote(
                "a ban on night shifts",
                false,
                Some("called for"),
                Some("The union")
            ),
            quote(
                "comment on the talks",
                false,
                Some("declined to"),
                Some("Okafor")
            ),
            quote(
                "fares had doubled since May",
                false,
                Some("pointed out"),
                Some("Whitlow")
            ),
        ]
    );
}

#[test]
fn a_headline_in_capitals_is_read_for_its_plainest_cues_only() {
    let headline = |title: &str| {
        let found = headline_quotes(title, "The Federal Reserve added reserves on Tuesday.");
        found.into_iter().map(|(text, _)| text).collect::<Vec<_>>()
    };
    assert_eq!(
        headline("SHULTZ SAYS NO RESIGNATION OVER IRAN REPORT"),
        ["NO RESIGNATION OVER IRAN REPORT"]
    );
    assert!(headline("FED ADDS RESERVES VIA CUSTOMER REPURCHASES").is_empty());
    assert!(headline("CHRYSLER UNIT SELLS NOTES AT 7-5/8 PCT").is_empty());
}

#[test]
fn a_trailing_cue_is_read_past_where_when_and_to_whom_it_was_said() {
    let body = "The talks failed, Okafor said in her interview with the Harbour Courier. Fares \
                will rise, Whitlow told reporters on Monday. At the rally, Okafor told \
                supporters to vote early in the new ballot.";
    assert_eq!(
        read(body),
        [
            quote("The talks failed", false, Some("said"), Some("Okafor")),
            quote("Fares will rise", false, Some("told"), Some("Whitlow")),
            quote(
                "vote early in the new ballot",
                false,
                Some("told"),
                Some("Okafor")
            ),
        ]
    );
}

#[test]
fn a_cue_inside_the_content_or_after_a_title_does_not_end_it() {
    let body = "During the long talks, Okafor said, most workers have come to believe the port \
                will close.\n\n\
                On Monday\u{2019}s episode of \u{201c}The Harbour Hour,\u{201d} the former mayor \
                and current party leader said she wanted to speak \u{201c}directly to the \
                workers\u{201d} and let them know that \u{201c}the port is theirs.\u{201d}";
    assert_eq!(
        read(body),
        [
            quote(
                "During the long talks most workers have come to believe the port will close",
                false,
                Some("said"),
                Some("Okafor")
            ),
            quote(
                "she wanted to speak \u{201c}directly to the workers\u{201d} and let them know \
                 that \u{201c}the port is theirs.\u{201d}",
                false,
                Some("said"),
                Some("current party leader")
            ),
        ]
    );
}

#[test]
fn a_cue_may_open_its_sentence_before_its_source_and_chanting_is_a_cue() {
    let body = "Said Whitlow: \u{201c}Nobody on the island wants the ferry to go.\u{201d}\n\n\
                The marchers crossed the harbour bridge while chanting, \u{201c}Keep the port \
                open.\u{201d}";
    assert_eq!(
        read(body),
        [
            quote(
                "Nobody on the island wants the ferry to go.",
                true,
                Some("Said"),
                Some("Whitlow")
            ),
            quote(
                "Keep the port open.",
                true,
                Some("chanting"),
                Some("The marchers")
            ),
        ]
    );
}
