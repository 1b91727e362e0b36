//! `morgue eval dates`: a TimeML folder written here, scored, and its misses listed.

use crate::harness::{Env, stderr, stdout};

/// A TempEval-3 document: created 14 March 2001, with a date the extraction resolves
/// ("yesterday") and one it does not know for a date ("at the next tide").
const STORY: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>harbour</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-03-14" temporalFunction="false" functionInDocument="CREATION_TIME">2001-03-14</TIMEX3></DCT>
<TEXT>
The ferry to Port Ellen ran late <TIMEX3 tid="t1" type="DATE" value="2001-03-13">yesterday</TIMEX3>, and the harbour board will meet <TIMEX3 tid="t2" type="DATE" value="2001-03-15">at the next tide</TIMEX3>.
</TEXT>
</TimeML>
"#;

#[test]
fn eval_dates_scores_a_timeml_folder_and_lists_only_its_misses() {
    let env = Env::new();
    env.write("tml/harbour.tml", STORY);
    let dir = env.corpus().join("tml");
    let dir = dir.to_str().unwrap();

    let out = env.run(&["eval", "dates", dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("(1 docs)"), "{report}");
    assert!(
        report.contains("value accuracy (all gold)      0.500   (1 / 2)"),
        "{report}"
    );
    assert!(!report.contains("misses:"), "{report}");

    let out = env.run(&["eval", "dates", "--misses", dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    let misses: Vec<&str> = (report.lines())
        .skip_while(|l| !l.contains("misses:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(misses.len(), 1, "{report}");
    let fields: Vec<&str> = misses[0].trim().split('\t').collect();
    assert_eq!(
        fields[..4],
        ["harbour.tml", "2001-03-15", "-", "at the next tide"],
        "{report}"
    );
    assert!(
        fields[4].contains("harbour board will meet at the next tide"),
        "{report}"
    );
}
