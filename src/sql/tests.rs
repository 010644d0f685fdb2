//! Unit tests of the query's pieces. The query as a whole is compared with committed snapshots
//! in `tests/cli/sql.rs` and run in DuckDB against `psyscore score` by `tests/sql/roundtrip.py`.

use super::dialect::WHITE_SPACE;
use super::*;
use crate::scale::{Scale, builtin, builtin_ids};
use crate::score::output_columns;

fn scale(text: &str) -> Scale {
    Scale::from_toml(text, "test.toml").expect("valid scale")
}

fn options(dialect: Dialect) -> SqlOptions<'static> {
    SqlOptions {
        table: "answers",
        id: "id",
        columns: None,
        dialect,
        coding: None,
    }
}

const DIALECTS: [Dialect; 3] = [Dialect::DuckDb, Dialect::Postgres, Dialect::Spark];

#[test]
fn white_space_is_what_rust_trims() {
    for code in 0..=u32::from(char::MAX) {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let listed = WHITE_SPACE
            .iter()
            .any(|&(first, last)| (first..=last).contains(&code));
        assert_eq!(listed, c.is_whitespace(), "U+{code:04X}");
    }
}

#[test]
fn identifiers_are_quoted_with_quotes_doubled() {
    assert_eq!(Dialect::DuckDb.ident("cbi_1"), "\"cbi_1\"");
    assert_eq!(Dialect::Postgres.ident("Q4 \"odd\""), "\"Q4 \"\"odd\"\"\"");
    assert_eq!(Dialect::Spark.ident("a`b \"c\""), "`a``b \"c\"`");
}

#[test]
fn string_literals_escape_as_each_engine_reads_them() {
    assert_eq!(Dialect::DuckDb.string("it's"), "'it''s'");
    assert_eq!(Dialect::Postgres.string(r"a\b"), r"'a\b'");
    assert_eq!(Dialect::Spark.string(r"it's a\b"), r"'it\'s a\\b'");
    assert_eq!(Dialect::DuckDb.string("从不"), "'从不'");
}

#[test]
fn numbers_are_written_as_literals_of_the_same_double() {
    assert_eq!(number(0.0), "0");
    assert_eq!(number(-0.0), "0");
    assert_eq!(number(4.0), "4");
    assert_eq!(number(-2.0), "(-2)");
    assert_eq!(number(1.25), "1.25");
    assert_eq!(number(0.1), "0.1");
    assert_eq!(number(-5.5), "(-5.5)");
    // 17 significant digits: exponent form, a double in DuckDB and Spark.
    assert_eq!(number(0.1 + 0.2), "3.0000000000000004e-1");
    assert_eq!(number(1e20), "1e20");
    for value in [0.1 + 0.2, 1e20, 1.0 / 3.0, 123.456, 1e-7] {
        let text = number(value);
        let text = text.trim_start_matches('(').trim_end_matches(')');
        assert_eq!(text.parse::<f64>().unwrap(), value, "{text}");
    }
}

#[test]
fn long_sums_wrap_before_the_operator() {
    let terms = (1..=12).map(|n| format!("COALESCE(_item_{n}, 0)"));
    let joined = join_wrapped(terms, "+");
    assert!(
        joined.lines().all(|line| line.len() <= WRAP_WIDTH),
        "{joined}"
    );
    assert!(joined.lines().skip(1).all(|line| line.starts_with("  + ")));
    assert_eq!(joined.matches('+').count(), 11);
}

#[test]
fn the_columns_are_those_of_score() {
    let mut scales: Vec<Scale> = builtin_ids()
        .iter()
        .map(|id| builtin(id).unwrap().unwrap())
        .collect();
    scales.push(scale(include_str!("../../tests/data/sql/edge.toml")));
    scales.push(scale(include_str!("../../tests/data/scales/features.toml")));
    for scale in &scales {
        let sql = query(scale, &options(Dialect::DuckDb)).unwrap();
        let select = &sql[sql.rfind("\nSELECT\n").unwrap()..];
        let mut expected = vec!["\"id\"".to_owned()];
        expected.extend(
            output_columns(scale)
                .iter()
                .map(|column| format!("\"{column}\"")),
        );
        let aliases: Vec<&str> = select
            .lines()
            .filter_map(|line| {
                let line = line.trim_end_matches(',');
                match line.rsplit_once(" AS ") {
                    Some((_, alias)) => Some(alias),
                    // A column selected under its own name.
                    None => line.strip_prefix("  \"").map(|_| line.trim()),
                }
            })
            .collect();
        assert_eq!(aliases, expected, "{}", scale.id);
    }
}

#[test]
fn a_count_item_listed_in_one_cell_is_refused() {
    let ticks = scale(include_str!("../../tests/data/sql/cell_layout.toml"));
    let error = query(&ticks, &options(Dialect::DuckDb)).unwrap_err();
    assert_eq!(
        error,
        SqlError::CellLayout {
            scale: "ticks".into(),
            item: "2".into()
        }
    );
    assert!(error.to_string().contains("layout = \"cell\""), "{error}");
}

#[test]
fn dialects_differ_only_in_spelling() {
    let features = scale(include_str!("../../tests/data/scales/features.toml"));
    let [duckdb, postgres, spark] = DIALECTS.map(|d| query(&features, &options(d)).unwrap());
    assert!(duckdb.contains("regexp_full_match(_text_1, "));
    assert!(duckdb.contains("TRY_CAST(_text_1 AS DOUBLE)"));
    assert!(duckdb.contains("round(_value_3 * 1.25) AS \"feat_index\""));
    assert!(duckdb.contains("CAST(\"feat_1\" AS VARCHAR) AS _cell_1"));
    assert!(duckdb.contains(
        "CASE WHEN _usual_1 IS NULL AND _cell_1 <> '' THEN trim(_cell_1, (chr(9) || chr(10) || "
    ));
    assert!(duckdb.contains(" || chr(8287) || chr(12288))) END AS _text_1"));

    assert!(postgres.contains("_text_1 ~ '^(?:"));
    assert!(
        postgres.contains("WHEN abs(CAST(_text_1 AS NUMERIC)) >= 1.7976931348623158e308 THEN NULL")
    );
    assert!(postgres.contains("ELSE CAST(_text_1 AS DOUBLE PRECISION)"));
    assert!(postgres.contains("CAST(\"feat_1\" AS TEXT) AS _cell_1"));
    assert!(postgres.contains("THEN btrim(_cell_1, (chr(9) || "));
    // PostgreSQL's round() rounds halves to even: halves away from zero by hand.
    assert!(postgres.contains(
        "trunc(_value_3 * 1.25) + CASE WHEN abs(_value_3 * 1.25 - trunc(_value_3 * 1.25)) >= 0.5 \
         THEN sign(_value_3 * 1.25) ELSE 0 END AS \"feat_index\""
    ));

    assert!(spark.contains("_text_1 RLIKE '^(?:"));
    assert!(spark.contains("AS `feat_index`"));
    // Spark's `chr` stops at 255: the white space is a literal of escapes.
    assert!(spark.contains(
        "trim(BOTH '\\u0009\\u000A\\u000B\\u000C\\u000D\\u0020\\u0085\\u00A0\\u1680\\u2000"
    ));
    assert!(spark.contains("\\u205F\\u3000' FROM _cell_1) END AS _text_1"));
    assert!(spark.contains("CAST(`feat_1` AS STRING) AS _cell_1"));
    for sql in [&duckdb, &postgres, &spark] {
        assert!(sql.contains(
            "translate(_text_1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
        ));
        assert!(!sql.contains("lower("), "{sql}");
    }
}

#[test]
fn truncation_and_transforms_follow_psyscore() {
    let sas = builtin("sas").unwrap().unwrap();
    let [duckdb, postgres, spark] = DIALECTS.map(|d| query(&sas, &options(d)).unwrap());
    assert!(duckdb.contains("trunc(_value_1 * 1.25) AS \"sas_index\""));
    assert!(postgres.contains("trunc(_value_1 * 1.25) AS \"sas_index\""));
    assert!(spark.contains("CAST(_value_1 * 1.25 AS BIGINT) AS `sas_index`"));
    // The raw total keeps its column; the bands classify the index.
    assert!(duckdb.contains("_value_1 AS \"sas_total\""));
    assert!(duckdb.contains("WHEN \"sas_index\" >= 70 THEN 'severe'"));
}

#[test]
fn proration_multiplies_before_dividing() {
    let cbi = builtin("cbi").unwrap().unwrap();
    let sql = query(&cbi, &options(Dialect::DuckDb)).unwrap();
    assert!(
        sql.contains(
            "CASE WHEN _n_6 = 24 THEN _sum_6 WHEN _n_6 >= 20 THEN _sum_6 * 24 / _n_6 END AS \"cbi_total\""
        ),
        "{sql}"
    );
}

#[test]
fn text_answers_are_grouped_by_value_and_numbers_never_read_as_labels() {
    let edge = scale(include_str!("../../tests/data/sql/edge.toml"));
    let sql = query(&edge, &options(Dialect::DuckDb)).unwrap();
    let folded = "translate(_text_1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')";
    assert!(sql.contains(&format!("WHEN {folded} IN ('agree', '很同意') THEN 2")));
    // A label the scale writes with capitals ("All") is compared in its folded form.
    let folded_3 = folded.replace("_text_1", "_text_3");
    assert!(
        sql.contains(&format!("WHEN {folded_3} IN ('all') THEN 10")),
        "{sql}"
    );
    assert!(sql.contains("WHEN 'all' THEN 10"), "{sql}");
    assert!(!sql.contains("'All'"), "{sql}");
    // The label "1" is unreachable: psyscore reads "1" as the number 1.
    assert!(!sql.contains("IN ('1')"));
    assert!(!sql.contains("WHEN '1' THEN 1\n      WHEN '1'"));
}

#[test]
fn the_usual_texts_are_looked_up_before_the_general_rule() {
    let edge = scale(include_str!("../../tests/data/sql/edge.toml"));
    let sql = query(&edge, &options(Dialect::DuckDb)).unwrap();
    // Item 1, -2 to 2: the whole numbers as written, then (for a cell not empty) the labels as
    // the scale folds them, then anything else.
    assert!(sql.contains(
        "    CASE _cell_1\n      WHEN '-2' THEN (-2)\n      WHEN '-1' THEN (-1)\n      WHEN '0' THEN 0\n      \
         WHEN '1' THEN 1\n      WHEN '2' THEN 2\n      \
         ELSE CASE WHEN _cell_1 IS NULL THEN NULL ELSE CASE _cell_1\n        \
         WHEN 'disagree' THEN (-2)\n        WHEN 'neutral' THEN 0\n        WHEN 'agree' THEN 2\n        \
         WHEN '很同意' THEN 2\n      END END\n    END AS _usual_1,\n"
    ), "{sql}");
    // An option of a count item: 0 or 1.
    assert!(sql.contains(
        "CASE _cell_7_1\n      WHEN '0' THEN 0\n      WHEN '1' THEN 1\n    END AS _usual_7_1"
    ));
    // Any other text (not empty) is read by the general rule.
    assert!(sql.contains("CASE WHEN _text_1 IS NULL THEN _usual_1\n    ELSE CASE\n"));
    // Numbered from 1 where the item is scored from 0: the lookup shifts, as the general rule.
    let cbi = builtin("cbi").unwrap().unwrap();
    let coding = crate::score::Coding::new(&cbi, 1).unwrap();
    let shifted = SqlOptions {
        coding: Some(&coding),
        ..options(Dialect::DuckDb)
    };
    let sql = query(&cbi, &shifted).unwrap();
    assert!(
        sql.contains("CASE _cell_1\n      WHEN '1' THEN 0\n      WHEN '2' THEN 1\n"),
        "{sql}"
    );
    assert!(
        sql.contains("(TRY_CAST(_text_1 AS DOUBLE)) - 1 BETWEEN 0 AND 4"),
        "{sql}"
    );
}

#[test]
fn user_text_cannot_break_out_of_comments() {
    let mut demo = scale(include_str!("../../tests/data/scales/demo.toml"));
    demo.name = "two\nlines".into();
    let sql = query(&demo, &options(Dialect::DuckDb)).unwrap();
    assert!(sql.starts_with("-- psyscore sql: questionnaire demo (two lines), DuckDB dialect.\n"));
}

#[test]
fn notes_name_missing_and_invalid_cells_in_item_order() {
    let ssrs = builtin("ssrs").unwrap().unwrap();
    let sql = query(&ssrs, &options(Dialect::DuckDb)).unwrap();
    let notes = &sql[sql.find("ELSE NULLIF(concat_ws('; ',").unwrap()..];
    // A single item: nothing when answered, else invalid or missing.
    assert!(notes.contains(
        "CASE WHEN _answer_1 IS NOT NULL THEN NULL WHEN (_text_1 IS NOT NULL AND _answer_1 IS NULL\n    \
         AND translate(_text_1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN \
         ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）')) THEN 'ssrs_1 invalid' ELSE 'ssrs_1 missing' END"
    ));
    // Options in columns: each invalid one, or all of them blank as one entry.
    assert!(notes.contains("THEN 'ssrs_6a invalid' END"), "{notes}");
    assert!(
        notes.contains("THEN 'ssrs_6a to ssrs_6i missing' END"),
        "{notes}"
    );
    assert!(
        notes.contains("), '')\n  END AS \"ssrs_notes\"\nFROM "),
        "{notes}"
    );
    // Rows with every item answered and nothing invalid skip the entries.
    assert!(sql.contains("CASE WHEN NOT _invalid AND _n_"), "{sql}");
    // Rows with nothing invalid name the missing cells with no invalid checks.
    let valid = &sql[sql
        .find("WHEN NOT _invalid THEN NULLIF(concat_ws('; ',")
        .unwrap()..sql.find("ELSE NULLIF(concat_ws('; ',").unwrap()];
    assert!(valid.contains("\n    CASE WHEN _answer_1 IS NULL THEN 'ssrs_1 missing' END,\n"));
    assert!(valid.contains(" AND _answer_6_9 IS NULL THEN 'ssrs_6a to ssrs_6i missing' END,\n"));
    assert!(!valid.contains("invalid'"), "{valid}");
    // One item missing, nothing invalid: the first entry found, the only one.
    let cbi = query(&builtin("cbi").unwrap().unwrap(), &options(Dialect::DuckDb)).unwrap();
    assert!(
        cbi.contains(
            "  WHEN NOT _invalid AND _n_6 = 23 THEN CASE\n    \
             WHEN _answer_1 IS NULL THEN 'cbi_1 missing'\n    \
             WHEN _answer_2 IS NULL THEN 'cbi_2 missing'\n"
        ),
        "{cbi}"
    );
    // Not with an item of parts, of which more than one can be missing.
    let edge = scale(include_str!("../../tests/data/sql/edge.toml"));
    let edge = query(&edge, &options(Dialect::DuckDb)).unwrap();
    assert!(
        edge.contains("_answered = 8 THEN NULL\n  WHEN NOT _invalid THEN NULLIF(concat_ws("),
        "{edge}"
    );
}

#[test]
fn postgres_computes_the_stages_used_many_times_once() {
    let cbi = builtin("cbi").unwrap().unwrap();
    let [duckdb, postgres, spark] = DIALECTS.map(|d| query(&cbi, &options(d)).unwrap());
    for stage in ["_text", "_answers", "_sums"] {
        assert!(
            postgres.contains(&format!("\n{stage} AS MATERIALIZED (\n")),
            "{stage}"
        );
        assert!(duckdb.contains(&format!("\n{stage} AS (\n")), "{stage}");
        assert!(spark.contains(&format!("\n{stage} AS (\n")), "{stage}");
    }
    assert!(postgres.contains("\n_usual AS (\n") && postgres.contains("\n_items AS (\n"));
}

#[test]
fn a_range_too_wide_for_the_lookup_reads_every_text_by_the_general_rule() {
    let wide = scale(include_str!("../../tests/data/sql/wide.toml"));
    for (dialect, null) in [
        (Dialect::DuckDb, "CAST(NULL AS DOUBLE) AS _usual_1"),
        (
            Dialect::Postgres,
            "CAST(NULL AS DOUBLE PRECISION) AS _usual_1",
        ),
        (Dialect::Spark, "CAST(NULL AS DOUBLE) AS _usual_1"),
    ] {
        let sql = query(&wide, &options(dialect)).unwrap();
        assert!(sql.contains(null), "{sql}");
        assert!(!sql.contains("CASE _cell_1\n"), "{sql}");
    }
}
