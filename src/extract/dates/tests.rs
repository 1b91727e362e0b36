//! The date cases, as tables of text, publication date and expected values.

use super::*;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn check(text: &str, anchor: Option<NaiveDate>, expected: &[&str]) {
    let got: Vec<String> = find_dates(text, anchor)
        .into_iter()
        .map(|m| m.value)
        .collect();
    assert_eq!(got, expected, "text: {text:?}");
}

/// Checks every case, then reports all that failed at once.
fn check_all(cases: &[(&str, Option<NaiveDate>, &[&str])]) {
    let mut failed = Vec::new();
    for (text, anchor, expected) in cases {
        if std::panic::catch_unwind(|| check(text, *anchor, expected)).is_err() {
            failed.push(*text);
        }
    }
    assert!(failed.is_empty(), "failed: {failed:#?}");
}

#[test]
fn table() {
    let mon = d(2020, 8, 3);
    let cases: &[(&str, Option<NaiveDate>, &[&str])] = &[
        ("The council met on Sunday to vote.", mon, &["2020-08-02"]),
        ("Fans gathered on Saturday.", d(2020, 9, 1), &["2020-08-29"]),
        ("Talks resumed Monday.", mon, &["2020-08-03"]),
        ("The board will meet on Tuesday.", mon, &["2020-08-04"]),
        (
            "It opened in May and closed in June.",
            mon,
            &["2020-05", "2020-06"],
        ),
        ("Theresa May said the plan may be delayed.", mon, &[]),
        ("Prices may rise.", mon, &[]),
        ("A march on the capital drew thousands.", mon, &[]),
        ("The plant closed last March.", mon, &["2020-03"]),
        ("The plant closed last March.", d(2020, 3, 15), &["2019-03"]),
        ("The plant reopened next March.", mon, &["2021-03"]),
        ("It happened two days ago.", mon, &["2020-08-01"]),
        ("It happened a year ago.", mon, &["2019"]),
        ("The firm was founded in 2017.", None, &["2017"]),
        ("The deal closed on 2 Aug.", mon, &["2020-08-02"]),
        ("The 2 August players were named.", mon, &[]),
        (
            "The law took effect on August 2, 2020.",
            None,
            &["2020-08-02"],
        ),
        (
            "The law took effect on Aug. 2, 2020.",
            None,
            &["2020-08-02"],
        ),
        (
            "The law took effect on 2 August 2020.",
            None,
            &["2020-08-02"],
        ),
        ("Filed 2020-08-02 at noon.", None, &["2020-08-02"]),
        ("Filed 08/02/2020.", None, &["2020-08-02"]),
        ("Filed 9-MAR-1987 04:58.", None, &["1987-03-09"]),
        ("In the full year 1986, imports rose.", None, &["1986"]),
        ("Sales in August 2020 rose.", None, &["2020-08"]),
        ("Rock of the 1980s and the 1990s.", None, &["198", "199"]),
        ("Music of the '90s.", None, &["199"]),
        ("It was founded in March 1987.", None, &["1987-03"]),
        (
            "Profit fell in the third quarter.",
            d(2020, 10, 20),
            &["2020-Q3"],
        ),
        ("Profit rose 5% from a year earlier.", None, &[]),
        (
            "Third-quarter profit rose from $3 a year earlier.",
            d(2020, 10, 20),
            &["2020-Q3", "2019-Q3"],
        ),
        (
            "Sales fell last week and rose this week.",
            mon,
            &["2020-W31", "2020-W32"],
        ),
        (
            "Prices rose last month and last year.",
            mon,
            &["2020-07", "2019"],
        ),
        (
            "Prices will rise next month and next year.",
            mon,
            &["2020-09", "2021"],
        ),
        ("Earlier this month the index fell.", mon, &["2020-08"]),
        (
            "He left yesterday and returns tomorrow.",
            mon,
            &["2020-08-02", "2020-08-04"],
        ),
        ("Today the market is closed.", mon, &["2020-08-03"]),
        ("The Sunday Times reported it.", mon, &[]),
        ("Friday's vote was close.", mon, &["2020-07-31"]),
        (
            "The summit on August 2 ended.",
            d(2020, 1, 10),
            &["2019-08-02"],
        ),
        ("The summit on August 2 ended.", None, &[]),
        ("He was born in the 20th century.", None, &["19"]),
        ("The rally in summer 1998 was big.", None, &["1998-SU"]),
        ("It rained yesterday, today and on Sunday.", None, &[]),
        ("Fiscal 1998 results were strong.", None, &["1998"]),
        ("They sold 2000 shares for $1999.", None, &[]),
        (
            "The vote is set for Christmas Day.",
            d(2020, 12, 1),
            &["2020-12-25"],
        ),
        (
            "Shops closed last Thanksgiving.",
            d(2020, 8, 3),
            &["2019-11-28"],
        ),
        ("He left in nineteen ninety-six.", None, &["1996"]),
        ("By the year two thousand it had grown.", None, &["2000"]),
        ("It opened in July last year.", mon, &["2019-07"]),
        ("Hate groups grew over the past year.", mon, &["2019"]),
        ("Hate groups grew over the past two years.", mon, &[]),
        ("He made the late-November trip.", mon, &["2020-11"]),
        (
            "A hearing is set for the week of March 6, 2000.",
            None,
            &["2000-W10"],
        ),
        (
            "Polls close on Election Day.",
            d(2020, 10, 20),
            &["2020-11-03"],
        ),
        (
            "He spoke on Friday and left the next morning.",
            mon,
            &["2020-07-31", "2020-08-01"],
        ),
        ("He spoke again later in the day.", mon, &["2020-08-03"]),
        (
            "The summit is on April 24 and 25.",
            mon,
            &["2020-04-24", "2020-04-25"],
        ),
        (
            "The summit will be on April 24 and 25, 2021.",
            mon,
            &["2021-04-24", "2021-04-25"],
        ),
        (
            "Talks ran March 1-2, 2020.",
            None,
            &["2020-03-01", "2020-03-02"],
        ),
        ("The plant will reopen in March.", mon, &["2021-03"]),
        ("The plant reopened in March.", mon, &["2020-03"]),
        ("The plant reopened in December.", mon, &["2019-12"]),
        (
            "Fans recalled the \u{2019}90s and Friday\u{2019}s game.",
            mon,
            &["199", "2020-07-31"],
        ),
        (
            "The board meets on Friday.",
            d(2020, 7, 31),
            &["2020-07-31"],
        ),
        ("Profit rose in Q2 2019.", None, &["2019-Q2"]),
        (
            "Rates rose on July 4, 1976, the Fourth.",
            None,
            &["1976-07-04"],
        ),
        ("It was built 41 years ago.", mon, &["1979"]),
        ("The October vote was close.", d(2020, 11, 20), &["2020-10"]),
        ("The rally grew in the summer.", mon, &["2020-SU"]),
        ("Sales peaked in the 1950s.", None, &["195"]),
        (
            "Revenue for the 1999 third quarter rose.",
            None,
            &["1999-Q3"],
        ),
        (
            "He arrived on May 29, 2006 and left in May.",
            d(2006, 7, 1),
            &["2006-05-29", "2006-05"],
        ),
        ("May Day marches drew crowds.", mon, &[]),
        ("The USA Today poll was wrong.", mon, &[]),
        ("Shares rose 3% on Black Friday.", mon, &[]),
        (
            "The talks ran from Monday, Aug. 3, 2020.",
            None,
            &["2020-08-03"],
        ),
        ("It closed May 5:30 pm.", mon, &[]),
        (
            "In 1998, the firm moved; the following year it grew.",
            None,
            &["1998"],
        ),
        (
            "In 1998, the firm moved; the following year it grew.",
            mon,
            &["1998", "1999"],
        ),
        (
            "The deal closed Sept. 30 and rose in the second half.",
            d(2020, 10, 15),
            &["2020-09-30"],
        ),
        ("Revenue rose to 1,998 units.", None, &[]),
        ("Ref f2037 and model A1999.", None, &[]),
    ];
    check_all(cases);
}

/// Anaphoric days, tense, a year back and granularity, each with the
/// creation date it is read against.
#[test]
fn story_and_tense_cases() {
    let wed = d(2007, 5, 16);
    let nov = d(2007, 11, 20);
    let march = d(2007, 3, 4);
    let cases: &[(&str, Option<NaiveDate>, &[&str])] = &[
        // the day of the reported event
        ("The shares fell 3% on the day.", wed, &["2007-05-16"]),
        ("Late in the day, the board resigned.", wed, &["2007-05-16"]),
        ("Stocks ended the day higher.", wed, &["2007-05-16"]),
        (
            "Talks resumed on Monday and ended the same day.",
            wed,
            &["2007-05-14", "2007-05-14"],
        ),
        (
            "The strike began on Monday. That day, ports closed.",
            wed,
            &["2007-05-14", "2007-05-14"],
        ),
        ("That day, the ports closed.", wed, &["2007-05-16"]),
        // only where the phrase refers to a day
        ("The day he left was sunny.", wed, &[]),
        ("On the day of the vote, polls opened early.", wed, &[]),
        // weekdays and months by the tense of the sentence
        ("The ministers will meet on Friday.", wed, &["2007-05-18"]),
        ("The ministers met on Friday.", wed, &["2007-05-11"]),
        (
            "On Friday, the ministers will meet again.",
            wed,
            &["2007-05-18"],
        ),
        ("The meeting is set for Friday.", wed, &["2007-05-18"]),
        (
            "Protesters planned a rally on Saturday.",
            wed,
            &["2007-05-19"],
        ),
        (
            "Shares fell on lower-than-expected earnings after the market closed Wednesday.",
            d(2007, 5, 18),
            &["2007-05-16"],
        ),
        ("The plant will open in March.", nov, &["2008-03"]),
        ("The plant opened in March.", nov, &["2007-03"]),
        ("In January, the firm hired a new chief.", nov, &["2007-01"]),
        (
            "The firm is launching the phone in May.",
            march,
            &["2007-05"],
        ),
        ("He said the talks would end in May.", march, &["2007-05"]),
        ("The case is heard in May.", march, &["2007-05"]),
        ("Cargoes loading in April were sold.", march, &["2007-04"]),
        // deadlines lie ahead
        ("Talks were postponed until Monday.", wed, &["2007-05-21"]),
        ("The loan must be repaid by February.", nov, &["2008-02"]),
        (
            "Two states had filed reports by Monday.",
            wed,
            &["2007-05-14"],
        ),
        // a month or period a year back
        (
            "Sales rose 5% from the same period last year.",
            wed,
            &["2006"],
        ),
        (
            "Profit rose in the first quarter from the same period last year.",
            wed,
            &["2007-Q1", "2006-Q1"],
        ),
        (
            "Sales in April rose from the same month a year ago.",
            wed,
            &["2007-04", "2006-04"],
        ),
        (
            "Imports fell in the same month a year ago.",
            wed,
            &["2006-05"],
        ),
        (
            "Sales fell in the same period of the last year.",
            d(2007, 10, 5),
            &["2006"],
        ),
        // a week ago is a day, six weeks ago a week
        ("The deal was signed a week ago.", wed, &["2007-05-09"]),
        ("It happened six weeks ago.", wed, &["2007-W14"]),
        // the year previous, the year before
        (
            "Output rose in 2005 and fell the year previous.",
            wed,
            &["2005", "2004"],
        ),
        ("Output fell the year before.", wed, &["2006"]),
        ("Output fell the previous year.", wed, &["2006"]),
        ("The firm grew the year before the war.", wed, &[]),
        (
            "Months between January and September this year.",
            nov,
            &["2007-01", "2007-09"],
        ),
    ];
    check_all(cases);
}

/// Values come at the unit the expression names.
#[test]
fn granularities() {
    let wed = d(2007, 5, 16);
    let cases = [
        ("It was signed a week ago.", Granularity::Day),
        ("It happened six weeks ago.", Granularity::Week),
        ("Sales fell this week.", Granularity::Week),
        (
            "Sales fell in the same month a year ago.",
            Granularity::Month,
        ),
        ("Profit rose in the fourth quarter.", Granularity::Quarter),
        ("Output fell the year previous.", Granularity::Year),
        ("Late in the day, shares fell.", Granularity::Day),
    ];
    for (text, granularity) in cases {
        let found = find_dates(text, wed);
        assert_eq!(found.len(), 1, "text: {text:?}");
        assert_eq!(found[0].granularity, granularity, "text: {text:?}");
    }
}

#[test]
fn offsets_with_non_ascii() {
    let text = "Elle a dit «bonjour» — “On Sunday” it reopened, café on 2 Aug.";
    let got = find_dates(text, d(2020, 8, 3));
    assert_eq!(got.len(), 2);
    assert_eq!(&text[got[0].start..got[0].end], "Sunday");
    assert_eq!(got[0].value, "2020-08-02");
    assert_eq!(&text[got[1].start..got[1].end], "2 Aug.");
    assert_eq!(got[1].granularity, Granularity::Day);
}

#[test]
fn extents() {
    let text = "Profit in the third quarter of 2019 beat estimates.";
    let got = find_dates(text, None);
    assert_eq!(got.len(), 1);
    assert_eq!(&text[got[0].start..got[0].end], "the third quarter of 2019");
    assert_eq!(got[0].value, "2019-Q3");
    assert_eq!(got[0].granularity, Granularity::Quarter);
    let text = "It fell two days ago.";
    let got = find_dates(text, d(2020, 8, 3));
    assert_eq!(&text[got[0].start..got[0].end], "two days ago");
}

#[test]
fn vague_refs_opt_in() {
    let opts = DateOptions {
        vague_refs: true,
        ..DateOptions::default()
    };
    let future: Vec<String> = find_dates_with("It cut future losses.", d(2007, 5, 16), &opts)
        .into_iter()
        .map(|found| found.value)
        .collect();
    assert_eq!(future, ["FUTURE_REF"]);
    let a = d(2020, 8, 3);
    assert!(find_dates("Prices are now higher.", a).is_empty());
    let opts = DateOptions {
        vague_refs: true,
        ..DateOptions::default()
    };
    let got = find_dates_with("Prices are now higher.", a, &opts);
    assert_eq!(got[0].value, "PRESENT_REF");
}

#[test]
fn never_panics() {
    let odd = [
        "",
        " ",
        "9999-99-99",
        "0000-00-00",
        "2020-02-30",
        "31/31/2020",
        "'",
        "''s",
        "May",
        "the",
        "the 99th century",
        "4294967296 days ago",
        "99999999999999999999 years ago",
        "Q",
        "Q9",
        "March 32, 2020",
        "Feb. 29, 2021",
        "last",
        "the day before",
        "a year earlier",
        "\u{2019}90s",
        "Mon\u{e9}day",
        "é",
        "\u{feff}Sunday",
        "year-",
        "1999-",
        "12/",
        "12/3/",
    ];
    let anchors = [
        None,
        d(2020, 8, 3),
        d(0, 1, 1),
        d(9999, 12, 31),
        d(-5, 6, 1),
    ];
    for s in odd {
        for a in anchors {
            for m in find_dates(s, a) {
                assert!(m.start <= m.end && m.end <= s.len());
                assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
            }
        }
    }
    // pseudo-random byte soup over a small alphabet
    let alphabet: Vec<&str> = vec![
        "May",
        " ",
        "2",
        "0",
        "-",
        "/",
        ",",
        ".",
        "'",
        "s",
        "Sunday",
        "last",
        "year",
        "ago",
        "the",
        "“",
        "é",
        "third",
        "quarter",
        "of",
        "1998",
        "Aug",
        "in",
        "\n",
        "Christmas",
        "Day",
        "nineteen",
        "ninety",
        "two",
        "thousand",
        "that",
        "following",
        "Q",
        "3",
        "'",
        "earlier",
        "this",
        "next",
        "Friday",
        "summer",
        "41",
        "99",
        ":",
        "Labor",
        "a",
    ];
    let mut x: u64 = 12345;
    for _ in 0..20000 {
        let mut s = String::new();
        for _ in 0..14 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push_str(alphabet[(x >> 33) as usize % alphabet.len()]);
        }
        for a in anchors {
            for m in find_dates(&s, a) {
                assert!(m.end <= s.len() && s.is_char_boundary(m.start));
            }
        }
    }
}
