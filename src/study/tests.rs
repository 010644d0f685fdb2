use std::path::Path;

use super::*;
use crate::stats::Alternative;

const WIDE: &str = r#"
title = "T"
[data]
pre = "pre.csv"
post = "post.csv"
id = "id"
[groups]
column = "group"
intervention = "int"
control = "ctl"
[[scales]]
scale = "cbi"
change.total = { sd = 5.4, reliability = 0.85, source = "manual" }
"#;

fn parse(text: &str) -> Result<Study, StudyError> {
    Study::from_toml(text, "s.toml", Path::new("base"))
}

fn message(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

#[test]
fn a_wide_study_resolves_paths_and_defaults() {
    let study = parse(WIDE).unwrap();
    match &study.data.layout {
        Layout::Wide { waves } => assert_eq!(
            waves,
            &[
                ("pre".to_owned(), Path::new("base").join("pre.csv")),
                ("post".to_owned(), Path::new("base").join("post.csv")),
            ]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        (study.alpha, study.conf, study.adjust),
        (0.05, 0.95, Adjust::Holm)
    );
    assert!(study.analyses.is_none());
    assert_eq!(study.scales[0].scale, "cbi");
    assert_eq!(study.scales[0].change[0].measure.value, "total");
    assert_eq!(
        study.scales[0].change[0].reference,
        Reference::Given {
            sd: 5.4,
            reliability: 0.85,
            source: "manual".to_owned()
        }
    );
}

#[test]
fn a_long_study_has_default_levels_and_a_scale_file_beside_it() {
    let study = parse(
        "[data]\nfile = \"long.xlsx\"\ntime = \"wave\"\nid = \"id\"\n[[scales]]\nscale = \"mine.toml\"\n",
    )
    .unwrap();
    match &study.data.layout {
        Layout::Long { time, levels, .. } => {
            assert_eq!(time, "wave");
            assert_eq!(levels, &["pre".to_owned(), "post".to_owned()]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        study.scales[0].scale,
        Path::new("base").join("mine.toml").display().to_string()
    );
}

#[test]
fn errors_name_the_line_and_column() {
    assert_eq!(
        message(&WIDE.replace("title", "titel")),
        "s.toml:2:1: unknown field `titel`, expected one of `title`, `lang`, `p_style`, `alpha`, `conf`, `adjust`, `analyses`, `data`, `groups`, `participants`, `scales`, `power`"
    );
    assert_eq!(
        message(&format!("alpha = 5\n{WIDE}")),
        "s.toml:1:9: alpha must be between 0 and 1, e.g. alpha = 0.05; not 5"
    );
    assert_eq!(
        message(&format!("alpha = \"0.05\"\n{WIDE}")),
        "s.toml:1:9: wrong kind of value: text \"0.05\", expected a number"
    );
    assert_eq!(
        message(&WIDE.replace("control = \"ctl\"", "control = \"int\"")),
        "s.toml:10:11: the control group must have a value other than the intervention group's"
    );
    assert_eq!(
        message(&WIDE.replace("reliability = 0.85", "reliability = 1.5")),
        "s.toml:13:16: change.total: reliability must be at least 0 and below 1, not 1.5"
    );
    assert_eq!(
        message(&WIDE.replace(
            "{ sd = 5.4, reliability = 0.85, source = \"manual\" }",
            "\"own\""
        )),
        "s.toml:13:16: change.total: write \"sample\" or { sd = 5.4, reliability = 0.85, source = \"where they come from\" }"
    );
    assert_eq!(
        message(&WIDE.replace("post = \"post.csv\"", "time = \"t\"")),
        "s.toml:3:1: [data] needs either pre and post (one file each), a [data.waves] table (one file per wave), or file and time (one long file with a time column), not a mix"
    );
}

#[test]
fn language_encoding_levels_and_analyses_say_what_is_allowed() {
    assert_eq!(
        message(&format!("lang = \"fr\"\n{WIDE}")),
        "s.toml:1:8: lang must be \"en\" or \"zh\", not \"fr\""
    );
    assert_eq!(
        message(&WIDE.replace("id = \"id\"", "id = \"id\"\nencoding = \"latin1\"")),
        "s.toml:7:12: encoding must be auto, utf8 or gb18030; not \"latin1\""
    );
    assert_eq!(
        message(&WIDE.replace("id = \"id\"", "id = \"id\"\nlevels = [\"a\", \"b\"]")),
        "s.toml:7:10: levels name the values of the time column of a long file (file and time); with one file per wave leave it out"
    );
    let long = "[data]\nfile = \"l.csv\"\ntime = \"t\"\nlevels = [\"pre\", \"pre\"]\nid = \"id\"\n[[scales]]\nscale = \"cbi\"\n";
    assert_eq!(
        message(long),
        "s.toml:4:10: levels must be two or more different values of the time column, in time order, e.g. levels = [\"pre\", \"post\", \"followup\"]"
    );
    assert_eq!(
        message(&format!("analyses = []\n{WIDE}")),
        "s.toml:1:12: analyses is empty; leave it out to run all the design allows"
    );
    assert_eq!(
        message(&format!("adjust = \"fdr\"\n{WIDE}")),
        "s.toml:1:10: adjust must be one of holm, bonferroni, bh, by, none; not \"fdr\""
    );
}

#[test]
fn analyses_are_checked_against_the_groups() {
    let without_groups = "analyses = [\"describe\", \"between\"]\n[data]\npre = \"a\"\npost = \"b\"\nid = \"id\"\n[[scales]]\nscale = \"cbi\"\n";
    assert_eq!(
        message(without_groups),
        "s.toml:1:25: analysis \"between\" compares the intervention and the control group: add a [groups] table"
    );
    assert_eq!(
        message(&format!("analyses = [\"within\", \"within\"]\n{WIDE}")),
        "s.toml:1:23: analysis \"within\" is listed twice"
    );
    assert_eq!(
        message(&format!("analyses = [\"whithin\"]\n{WIDE}")),
        "s.toml:1:13: unknown analysis \"whithin\"; the analyses are describe, reliability, baseline, lmm, within, mixed, between, change, transitions"
    );
    let study = parse(&format!("analyses = [\"change\", \"describe\"]\n{WIDE}")).unwrap();
    assert_eq!(
        study.analyses.unwrap().value,
        vec![Analysis::Describe, Analysis::Change]
    );
}

#[test]
fn a_scale_listed_twice_is_an_error() {
    assert_eq!(
        message(&format!("{WIDE}[[scales]]\nscale = \"cbi\"\n")),
        "s.toml:15:9: scale \"cbi\" is listed twice"
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Checks the result of parsing `text`: a study, or an error whose line and column lie in
    /// the text.
    fn check(text: &str) -> Result<(), TestCaseError> {
        match parse(text) {
            Ok(study) => prop_assert!(!study.scales.is_empty()),
            Err(StudyError::Invalid {
                file, line, column, ..
            }) => {
                prop_assert_eq!(file, "s.toml");
                let lines = text.split('\n').count();
                prop_assert!(line >= 1 && line <= lines, "line {} of {}", line, lines);
                let width = text.split('\n').nth(line - 1).unwrap().chars().count();
                prop_assert!(
                    column >= 1 && column <= width + 1,
                    "column {} of {}",
                    column,
                    width
                );
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn any_text_parses_or_fails_at_a_place_in_it(text in "\\PC{0,200}") {
            check(&text)?;
        }

        #[test]
        fn an_edited_study_parses_or_fails_at_a_place_in_it(
            at in 0usize..WIDE.len(),
            cut in 0usize..12,
            insert in "[\\[\\]{}=\"., a-z0-9\\n#]{0,6}",
        ) {
            let mut text: Vec<char> = WIDE.chars().collect();
            let at = at.min(text.len());
            let end = (at + cut).min(text.len());
            text.splice(at..end, insert.chars());
            check(&text.into_iter().collect::<String>())?;
        }
    }
}

#[test]
fn participants_name_each_column_once_and_ordered_levels_in_full() {
    let with = |table: &str| format!("{WIDE}[participants]\n{table}\n");
    let study = parse(&with(
        "categorical = [\"gender\"]\ncontinuous = [\"age\"]\nordered = { education = [\"low\", \"high\"] }",
    ))
    .unwrap();
    let participants = study.participants.unwrap();
    let columns: Vec<&str> = participants
        .characteristics
        .iter()
        .map(|c| c.column.as_str())
        .collect();
    assert_eq!(columns, ["gender", "education", "age"]);
    for (table, expected) in [
        (
            "",
            "s.toml:14:1: [participants] names no characteristic: list columns as categorical = [\"gender\"], continuous = [\"age\"] or ordered = { education = [\"primary\", \"secondary\", \"college\"] }",
        ),
        (
            "categorical = [\"gender\"]\ncontinuous = [\"gender\"]",
            "s.toml:16:15: column gender is listed twice in [participants]; list each characteristic once, with its kind",
        ),
        (
            "categorical = [\"group\"]",
            "s.toml:15:16: group is the group column; a characteristic describes the people in the groups",
        ),
        (
            "continuous = [\"id\"]",
            "s.toml:15:15: id is the id column; a characteristic describes the people in the groups",
        ),
        (
            "ordered = { education = [\"low\"] }",
            "s.toml:15:25: ordered levels of education must name two levels or more, none empty, lowest first, e.g. education = [\"primary\", \"secondary\", \"college\"]",
        ),
        (
            "ordered = { education = [\"low\", \"high\", \"low\"] }",
            "s.toml:15:25: level \"low\" is named twice",
        ),
        (
            "categorical = [\" \"]",
            "s.toml:15:16: the column name is empty",
        ),
    ] {
        assert_eq!(message(&with(table)), expected, "{table}");
    }
}

/// `[[power]]` entries are solved as `psyscore power` solves them (n the smallest reaching the
/// power, the recruits the fewest leaving n after the dropout).
#[test]
fn power_entries_give_the_next_study_its_sample_size() {
    let study = parse(&format!(
        "{WIDE}[[power]]\ntest = \"groups\"\neffect = 0.5\ndropout = 0.2\n\
         [[power]]\ntest = \"paired\"\neffect = 0.5\nalternative = \"greater\"\n\
         [[power]]\ntest = \"anova\"\ngroups = 3\neffect = 0.25\ndropout = 0.15\n\
         [[power]]\ntest = \"groups\"\neffect = 0.5\nratio = 2\ndropout = 0.1\n\
         [[power]]\ntest = \"mixed\"\nwaves = 3\nrho = 0.5\neffect = 0.25\ndropout = 0.2\n\
         [[power]]\ntest = \"mixed\"\ngroups = 3\nwaves = 4\nrho = 0.6\neps = 0.8\neffect = 0.25\n"
    ))
    .unwrap();
    let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-6 * b, "{a} vs {b}");
    let [groups, paired, anova, ratio, mixed, three] = &study.plans[..] else {
        panic!("{:?}", study.plans);
    };
    // pwr.t.test(n = 64, d = .5)$power = 0.801459557922
    assert_eq!(
        (groups.n, groups.n2, groups.recruit, groups.recruit_total),
        (64, None, 80, 160)
    );
    close(groups.achieved_power, 0.801459557922);
    // pwr.t.test(d = .5, power = .8, type = "paired", alternative = "greater")$n = 26.14;
    // pwr.t.test(n = 27, ...)$power checked by `psyscore power`'s tests.
    assert_eq!(
        (paired.n, paired.recruit, paired.recruit_total),
        (27, 27, 27)
    );
    assert_eq!(paired.alternative, Some(Alternative::Greater));
    // pwr.anova.test(k = 3, n = 53, f = .25)$power = 0.804887285363; 53 / .85 = 62.4
    assert_eq!((anova.n, anova.recruit, anova.recruit_total), (53, 63, 189));
    close(anova.achieved_power, 0.804887285363);
    assert_eq!(anova.alternative, None);
    // The smallest n1 with pwr.t2n.test(n1, n2 = ceiling(2 * n1), d = .5)$power >= .8:
    // 48 and 96, power 0.802139549668; recruits 54 and 107 (48 / .9 = 53.3, 96 / .9 = 106.7)
    assert_eq!((ratio.n, ratio.n2), (48, Some(96)));
    close(ratio.achieved_power, 0.802139549668);
    assert_eq!(
        (ratio.recruit, ratio.recruit2, ratio.recruit_total),
        (54, Some(107), 161)
    );
    // G*Power's interaction (ε = 1): the smallest n with
    // pw(.25, 2 * n, 2, 3, .5, 1) >= .8, where pw <- function(f, N, k, m, rho, eps) {
    //   lam <- f^2*N*m*eps/(1-rho); d1 <- (k-1)*(m-1)*eps; d2 <- (N-k)*(m-1)*eps
    //   1 - pf(qf(.95, d1, d2), d1, d2, ncp = lam) }: 14, power 0.811560217727
    assert_eq!((mixed.n, mixed.recruit, mixed.recruit_total), (14, 18, 36));
    close(mixed.achieved_power, 0.811560217727);
    // pw(.25, 3 * n, 3, 4, .6, .8) >= .8 first at n = 10, power 0.838392152286
    assert_eq!((three.n, three.recruit_total), (10, 30));
    close(three.achieved_power, 0.838392152286);
}

#[test]
fn power_entries_that_cannot_be_solved_name_their_line() {
    for (entry, expected) in [
        (
            "test = \"t\"\neffect = 0.5",
            "s.toml:15:8: test must be \"paired\", \"groups\", \"anova\" or \"mixed\", not \"t\"",
        ),
        (
            "test = \"mixed\"\nwaves = 3\neffect = 0.25",
            "s.toml:15:8: test = \"mixed\" needs the correlation expected between the waves, e.g. rho = 0.5 (from a pilot or a published study)",
        ),
        (
            "test = \"mixed\"\nrho = 0.5\neffect = 0.25",
            "s.toml:15:8: test = \"mixed\" needs the number of waves, e.g. waves = 3",
        ),
        (
            "test = \"mixed\"\nwaves = 3\nrho = -0.7\neffect = 0.25",
            "s.toml:17:7: [[power]]: the correlation among waves ρ = -0.7 is impossible for 3 waves: it must lie above -0.5 (−1/(waves − 1)) and below 1; use e.g. 0.5",
        ),
        (
            "test = \"paired\"\neffect = 0.5\nalternative = \"up\"",
            "s.toml:17:15: alternative must be \"two-sided\", \"less\" or \"greater\", not \"up\"",
        ),
        (
            "test = \"mixed\"\nwaves = 3\nrho = 0.5\neps = 0.2\neffect = 0.25",
            "s.toml:18:7: [[power]]: the nonsphericity correction ε = 0.2 must lie between 1/(waves − 1) = 0.5 and 1 for 3 waves; use 1 under sphericity",
        ),
        (
            "test = \"groups\"\nwaves = 3\neffect = 0.25",
            "s.toml:16:9: waves does not apply to test = \"groups\"; it is for test = \"mixed\"",
        ),
        (
            "test = \"mixed\"\nwaves = 3\nrho = 0.5\nterm = \"time\"\neffect = 0.25",
            "s.toml:18:8: term must be \"interaction\", \"within\" or \"between\", not \"time\"",
        ),
        (
            "test = \"anova\"\neffect = 0.25",
            "s.toml:15:8: test = \"anova\" needs the number of groups, e.g. groups = 3",
        ),
        (
            "test = \"paired\"\neffect = 0.5\nratio = 2",
            "s.toml:17:9: ratio does not apply to test = \"paired\"; it is for test = \"groups\"",
        ),
        (
            "test = \"anova\"\ngroups = 3\neffect = 0.25\nalternative = \"less\"",
            "s.toml:18:15: alternative does not apply to test = \"anova\"; it is for the t-tests (paired, groups)",
        ),
        (
            "test = \"groups\"\neffect = 0.5\ndropout = 1",
            "s.toml:17:11: dropout is the share expected to leave, from 0 up to (not including) 0.9, e.g. dropout = 0.2; not 1",
        ),
        (
            "test = \"groups\"\neffect = 0.5\npower = 1",
            "s.toml:17:9: [[power]]: the power 1 cannot be reached: it must lie above α = 0.05 (the power of no effect) and below 1; ask for e.g. 0.8",
        ),
        (
            "test = \"groups\"\neffect = 0",
            "s.toml:16:10: [[power]]: no sample size reaches a power of 0.8 for an effect of 0: give an effect other than 0, such as d = 0.5",
        ),
        (
            "test = \"anova\"\ngroups = 200\neffect = 0.25",
            "s.toml:16:10: [[power]]: an ANOVA of 200 groups is not supported: give between 2 and 100 groups",
        ),
        (
            "test = \"groups\"\neffect = 0.5\nsize = 3",
            "s.toml:17:1: unknown field `size`, expected one of `test`, `effect`, `power`, `alpha`, `alternative`, `dropout`, `ratio`, `groups`, `waves`, `rho`, `eps`, `term`",
        ),
    ] {
        assert_eq!(
            message(&format!("{WIDE}[[power]]\n{entry}\n")),
            expected,
            "{entry}"
        );
    }
}
