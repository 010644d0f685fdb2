//! Hand-computed scores for every scoring rule.

use super::*;
use crate::scale::Scale;

/// Scores `rows` (cells in `columns` order) with the scale in `toml`.
fn score(toml: &str, columns: &[&str], rows: &[&[&str]]) -> Vec<(RowScores, Vec<InvalidCell>)> {
    let scale = Scale::from_toml(toml, "t.toml").unwrap();
    let names: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
    let headers = Headers::new(&names);
    let mut missing = Vec::new();
    let bound = BoundScale::bind(&scale, None, &headers, &mut missing).unwrap();
    rows.iter()
        .enumerate()
        .map(|(i, cells)| {
            let mut out = RowScores::default();
            let mut invalid = Vec::new();
            bound.score_row(i as u64 + 2, *cells, &mut out, &mut invalid);
            (out, invalid)
        })
        .collect()
}

const FOUR_ITEMS: &str = r#"
id = "t"
name = "T"
min = 0
max = 4
items = 4
reverse = [2]
labels = { "never" = 0, "从不" = 0, "nearly always" = 4 }
[missing]
max_missing = 1
[total]
bands = [{ label = "low", min = 0 }, { label = "high", min = 10 }]
"#;

#[test]
fn sums_reverse_keying_and_labels() {
    let columns = ["t_1", "t_2", "t_3", "t_4"];
    let results = score(
        FOUR_ITEMS,
        &columns,
        &[
            &["1", "0", " 2 ", "3"],
            &["Never", "从不", "NEARLY ALWAYS ", "0"],
        ],
    );
    // 1 + (0 + 4 − 0) + 2 + 3 = 10
    assert_eq!(results[0].0.scores, [Some(10.0)]);
    assert_eq!(results[0].0.status, Status::Ok);
    assert_eq!(results[0].0.answered, 4);
    // 0 + (4 − 0) + 4 + 0 = 8
    assert_eq!(results[1].0.scores, [Some(8.0)]);
    assert_eq!(results[1].0.notes, "");
}

#[test]
fn proration_at_and_beyond_the_limit() {
    let columns = ["t_1", "t_2", "t_3", "t_4"];
    let results = score(
        FOUR_ITEMS,
        &columns,
        &[
            &["1", "", "2", "4"],
            &["1", "NA", ".", "4"],
            &["", "-", "#N/A", " "],
        ],
    );
    // One missing of four, allowed: (1 + 2 + 4) × 4 / 3 = 28 / 3.
    assert_eq!(results[0].0.scores, [Some(28.0 / 3.0)]);
    assert_eq!(results[0].0.status, Status::Prorated);
    assert_eq!(results[0].0.notes, "t_2 missing");
    assert_eq!(results[0].0.answered, 3);
    // Two missing: beyond the limit, empty (never zero).
    assert_eq!(results[1].0.scores, [None]);
    assert_eq!(results[1].0.status, Status::Incomplete);
    assert_eq!(results[1].0.notes, "t_2 missing; t_3 missing");
    assert_eq!(results[2].0.scores, [None]);
    assert_eq!(results[2].0.answered, 0);
}

#[test]
fn invalid_cells_are_listed_and_scored_as_missing() {
    let columns = ["t_1", "t_2", "t_3", "t_4"];
    let results = score(FOUR_ITEMS, &columns, &[&["5", "2", "x", "1.5"]]);
    let (out, invalid) = &results[0];
    assert_eq!(out.status, Status::Invalid);
    assert_eq!(out.scores, [None]);
    // 5 is out of range, "x" is no number or label, 1.5 is not a whole number.
    let columns: Vec<&str> = invalid.iter().map(|cell| cell.column.as_str()).collect();
    assert_eq!(columns, ["t_1", "t_3", "t_4"]);
    assert_eq!(invalid[0].row, 2);
    assert_eq!(invalid[0].value, "5");
    let expected = "whole numbers 0 to 4 or one of: nearly always, never, 从不";
    assert_eq!(invalid[0].expected, expected);
    assert_eq!(
        out.notes,
        format!(
            "t_1 invalid value \"5\" (allowed {expected}); t_3 invalid value \"x\" (allowed {expected}); t_4 invalid value \"1.5\" (allowed {expected})"
        )
    );
}

#[test]
fn decimals_are_valid_only_where_allowed() {
    let toml = FOUR_ITEMS.replace("reverse = [2]", "reverse = [2]\ndecimals = true");
    let results = score(
        &toml,
        &["t_1", "t_2", "t_3", "t_4"],
        &[&["1.5", "0.5", "2", "3"]],
    );
    // 1.5 + (4 − 0.5) + 2 + 3 = 10
    assert_eq!(results[0].0.scores, [Some(10.0)]);
    assert!(results[0].1.is_empty());
}

#[test]
fn band_edges() {
    let columns = ["t_1", "t_2", "t_3", "t_4"];
    let scale = Scale::from_toml(FOUR_ITEMS, "t").unwrap();
    let total = scale.total().unwrap();
    let results = score(
        FOUR_ITEMS,
        &columns,
        &[&["2", "1", "2", "3"], &["2", "1", "1", "3"]],
    );
    // 2 + 3 + 2 + 3 = 10: exactly the min of "high".
    assert_eq!(results[0].0.scores, [Some(10.0)]);
    assert_eq!(total.band(10.0).unwrap().label, "high");
    assert_eq!(results[1].0.scores, [Some(9.0)]);
    assert_eq!(total.band(9.0).unwrap().label, "low");
}

#[test]
fn means_subscales_weights_and_a_total_of_subscales() {
    let toml = r#"
id = "w"
name = "W"
min = 1
max = 5
items = 6
[missing]
max_missing_fraction = 0.5
[[subscales]]
id = "a"
items = [1, 2, 3]
method = "mean"
[[subscales]]
id = "b"
items = [4, 5, 6]
weight = 1.25
[total]
subscales = ["a", "b"]
transform = { name = "index", multiply = 2, rounding = "truncate" }
"#;
    let columns = ["w_1", "w_2", "w_3", "w_4", "w_5", "w_6"];
    let results = score(
        toml,
        &columns,
        &[&["1", "2", "", "3", "", "5"], &["1", "", "", "1", "1", "1"]],
    );
    let out = &results[0].0;
    // a: mean of 1, 2 = 1.5 (1 of 3 missing ≤ floor(0.5 × 3) = 1).
    // b: (3 + 5) × 3 / 2 = 12, × 1.25 = 15.
    // total = 1.5 + 15 = 16.5; index = trunc(33) = 33.
    assert_eq!(out.scores, [Some(1.5), Some(15.0), Some(16.5)]);
    assert_eq!(out.transformed, [None, None, Some(33.0)]);
    assert_eq!(out.banded_value(2), Some(33.0));
    // a has 2 of 3 missing: empty, so the total is empty too.
    let out = &results[1].0;
    assert_eq!(out.scores, [None, Some(3.75), None]);
    assert_eq!(out.status, Status::Incomplete);
}

#[test]
fn sum_and_count_items() {
    let toml = r#"
id = "s"
name = "S"
min = 1
max = 4
items = 3
[item.1]
kind = "sum"
parts = ["a", "b", "c"]
[item.2]
kind = "count"
parts = ["a", "b", "c", "d"]
[item.3]
kind = "count"
layout = "cell"
parts = ["a", "b", "c", "d"]
"#;
    let columns = [
        "s_1a", "s_1b", "s_1c", "s_2a", "s_2b", "s_2c", "s_2d", "s_3",
    ];
    let results = score(
        toml,
        &columns,
        &[
            &["1", "4", "2", "1", "0", "1", "1", "a, C;d"],
            &["1", "", "2", "0", "0", "0", "0", "无"],
            &["1", "1", "1", "", "", "", "", "b,b"],
            &["1", "1", "1", "2", "0", "", "", "x"],
        ],
    );
    // 1 + 4 + 2 = 7; three ticked; three listed: 7 + 3 + 3.
    assert_eq!(
        results[0].0.items().collect::<Vec<_>>(),
        [Some(7.0), Some(3.0), Some(3.0)]
    );
    assert_eq!(results[0].0.scores, [Some(13.0)]);
    // A missing part makes the sum item missing; nothing ticked is 0; "无" is 0.
    assert_eq!(
        results[1].0.items().collect::<Vec<_>>(),
        [None, Some(0.0), Some(0.0)]
    );
    assert_eq!(results[1].0.notes, "s_1b missing");
    // All option cells blank: missing; a code listed twice counts once.
    assert_eq!(
        results[2].0.items().collect::<Vec<_>>(),
        [Some(3.0), None, Some(1.0)]
    );
    assert_eq!(results[2].0.notes, "s_2a to s_2d missing");
    // A tick that is not 0/1, an unknown code: invalid.
    let (out, invalid) = &results[3];
    assert_eq!(out.items().collect::<Vec<_>>(), [Some(3.0), None, None]);
    assert_eq!(invalid.len(), 2);
    assert_eq!(invalid[0].expected, "0 (not ticked) or 1 (ticked)");
    assert_eq!(
        invalid[1].expected,
        "option codes a, b, c, d separated by commas, or none / 无"
    );
}

proptest::proptest! {
    /// The shortcut for complete rows sums exactly what the general path sums.
    #[test]
    fn complete_rows_aggregate_as_the_general_path_does(
        values in proptest::collection::vec(-1e6f64..1e6, 1..30),
        mean in proptest::bool::ANY,
    ) {
        let method = if mean { Method::Mean } else { Method::Sum };
        let k = values.len();
        let quick = aggregate(values.iter().copied(), k, 0, method, true);
        let general = aggregate(values.iter().copied(), k, 0, method, false);
        proptest::prop_assert_eq!(quick.map(f64::to_bits), general.map(f64::to_bits));
    }
}

#[test]
fn a_missing_item_is_prorated_by_the_general_path() {
    // 1 + 3 answered of 3, one allowed missing: (1 + 3) × 3 / 2; the mean of the answered.
    let values = [1.0, f64::NAN, 3.0];
    assert_eq!(
        aggregate(values.into_iter(), 3, 1, Method::Sum, false),
        Some(6.0)
    );
    assert_eq!(
        aggregate(values.into_iter(), 3, 1, Method::Mean, false),
        Some(2.0)
    );
    assert_eq!(
        aggregate(values.into_iter(), 3, 0, Method::Sum, false),
        None
    );
}

#[test]
fn item_columns_are_found_by_position_unless_a_column_has_that_name() {
    let names: Vec<String> = ["id", "@B", "q1", "q2"].map(str::to_owned).into();
    let headers = Headers::new(&names);
    assert_eq!(headers.find_item_column("@C"), Some(2));
    assert_eq!(headers.find_item_column("@d"), Some(3));
    assert_eq!(headers.find_item_column("@E"), None, "past the last column");
    assert_eq!(
        headers.find_item_column("@B"),
        Some(1),
        "the column named @B"
    );
    assert_eq!(headers.find_item_column("@A"), Some(0));
    assert_eq!(headers.find_item_column("@"), None);
    assert_eq!(headers.find_item_column("q1"), Some(2));
    assert_eq!(headers.closest("@E"), None);
    // Other columns (--id, --keep, --group, --measure) are found by name only.
    assert_eq!(headers.find("@C"), None);
    assert_eq!(headers.find("@B"), Some(1));
}

/// Scores `rows` with the scale in `toml` read as coded from `from`.
fn score_coded(
    toml: &str,
    from: i64,
    columns: &[&str],
    rows: &[&[&str]],
) -> Vec<(RowScores, Vec<InvalidCell>)> {
    let scale = Scale::from_toml(toml, "t.toml").unwrap();
    let names: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
    let headers = Headers::new(&names);
    let coding = Coding::new(&scale, from).unwrap();
    let bound = BoundScale::bind(&scale, None, &headers, &mut Vec::new())
        .unwrap()
        .with_coding(&coding);
    rows.iter()
        .map(|cells| {
            let mut out = RowScores::default();
            let mut invalid = Vec::new();
            bound.score_row(2, *cells, &mut out, &mut invalid);
            (out, invalid)
        })
        .collect()
}

#[test]
fn a_coding_shifts_numbers_of_single_items_and_parts_but_not_labels_or_ticks() {
    // Items 1 and 2 (0 to 4, item 2 reversed) and a sum of two parts with their own range 1
    // to 4: numbered from 1, single answers 1..5 are read as 0..4, parts 1..4 as written.
    let toml = r#"
id = "c"
name = "C"
min = 0
max = 4
items = 3
reverse = [2]
labels = { "never" = 0 }
[item.3]
min = 1
max = 4
labels = {}
kind = "sum"
parts = ["a", "b"]
[missing]
max_missing = 1
"#;
    let columns = ["c_1", "c_2", "c_3a", "c_3b"];
    let results = score_coded(
        toml,
        1,
        &columns,
        &[
            // 5 → 4; 1 → 0, reversed 4; parts 1 + 4 as written.
            &["5", "1", "1", "4"],
            // A label keeps its value; " 3 " in full → 2, reversed 2.
            &["never", " 3 ", "2", "2"],
            // 0 is below the sheet's codes; 6 is one above (read as 5), and so is part a's 5.
            &["0", "6", "5", "(跳过)"],
        ],
    );
    assert_eq!(
        results[0].0.items().collect::<Vec<_>>(),
        [Some(4.0), Some(4.0), Some(5.0)]
    );
    assert_eq!(results[0].0.scores, [Some(13.0)]);
    assert_eq!(
        results[1].0.items().collect::<Vec<_>>(),
        [Some(0.0), Some(2.0), Some(4.0)]
    );
    let (out, invalid) = &results[2];
    assert_eq!(out.items().collect::<Vec<_>>(), [None, None, None]);
    assert_eq!(
        invalid
            .iter()
            .map(|cell| (cell.column.as_str(), cell.expected.as_str()))
            .collect::<Vec<_>>(),
        [
            (
                "c_1",
                "whole numbers 1 to 5, read as 0 to 4 or one of: never"
            ),
            (
                "c_2",
                "whole numbers 1 to 5, read as 0 to 4 or one of: never"
            ),
            ("c_3a", "whole numbers 1 to 4"),
        ]
    );
    // The tallies: answers of single items, those at the lowest value (row 1's reversed 0,
    // row 2's label), and the invalid cells one above their range or not.
    let tallies: Vec<CodingTally> = results.iter().map(|(out, _)| out.tally).collect();
    let tally = |answers, lowest, one_above, other_invalid| CodingTally {
        answers,
        lowest,
        one_above,
        other_invalid,
    };
    assert_eq!(
        tallies,
        [tally(2, 1, 0, 0), tally(2, 1, 0, 0), tally(0, 0, 2, 1)]
    );
}

#[test]
fn headers_that_read_like_questions() {
    for header in [
        "4、第1题（题目文字）",
        "1.您的性别",
        "Q1",
        "q12_3",
        "第3题",
        "12",
        "How often do you feel stressed?",
        "您觉得照顾病人占用了您太多时间吗",
    ] {
        assert!(looks_like_question(header), "{header}");
    }
    for header in [
        "序号",
        "提交答卷时间",
        "组别",
        "cbi_1",
        "id",
        "Question",
        "cbi_12_baseline_score",
        "1a",
    ] {
        assert!(!looks_like_question(header), "{header}");
    }
}

#[test]
fn labels_fold_only_ascii_letters() {
    let scale = Scale::from_toml(
        r#"
id = "t"
name = "T"
min = 0
max = 4
items = 1
labels = { "quite often" = 3, "très souvent" = 2, "ÉLEVÉ" = 4, "kind" = 1 }
"#,
        "t.toml",
    )
    .unwrap();
    let item = &scale.items[0];
    let read = |text: &str| cell::read_answer(item, 0.0, text);
    // ASCII letters match in any case.
    assert_eq!(read("QUITE OFTEN"), cell::CellValue::Value(3.0));
    assert_eq!(read("TRèS SOUVENT"), cell::CellValue::Value(2.0));
    assert_eq!(read("ÉlevÉ"), cell::CellValue::Value(4.0));
    assert_eq!(read("ÉLEVÉ"), cell::CellValue::Value(4.0));
    // Other letters only as the scale writes them: Unicode's lower case of the Turkish İ
    // (DuckDB's and PostgreSQL's `lower` make it "i"), of È, É and of the Kelvin sign (`k`).
    for text in [
        "QUİTE OFTEN",
        "quİte often",
        "TRÈS SOUVENT",
        "élevé",
        "\u{212A}ind",
    ] {
        assert_eq!(read(text), cell::CellValue::Invalid, "{text}");
    }
}

/// An invalid answer's note lists the labels as the scale writes them, not in their folded
/// form (ÉLEVÉ, not ÉlevÉ); labels alike under the case rule are one.
#[test]
fn invalid_answers_list_the_labels_as_written() {
    let toml = r#"
id = "t"
name = "T"
min = 0
max = 4
items = 1
labels = { "Very High" = 4, " quite often " = 3, "ÉLEVÉ" = 4, "very high" = 4 }
"#;
    let results = score(toml, &["t_1"], &[&["foo"], &["VERY high"], &["ÉLEVé"]]);
    assert_eq!(
        results[0].1[0].expected,
        "whole numbers 0 to 4 or one of: Very High, quite often, ÉLEVÉ"
    );
    assert_eq!(results[1].0.scores, [Some(4.0)]);
    assert_eq!(results[2].0.status, Status::Invalid);
}
