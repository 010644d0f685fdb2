//! Unit tests of the query's pieces. The query as a whole is compared with committed snapshots
//! in `tests/cli/sql.rs` and run in DuckDB against `psyscore score` by `tests/sql/roundtrip.py`.

use std::fmt::Write as _;

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
    assert!(duckdb.contains("regexp_full_match(trim(_cell_1, _white_space), "));
    assert!(duckdb.contains(
        "_number_values_1[list_position(_numbers_1, TRY_CAST(trim(_cell_1, _white_space) AS DOUBLE)) + 1]"
    ));
    assert!(duckdb.contains("round(_value_3 * 1.25) AS \"feat_index\""));
    assert!(duckdb.contains("CAST(\"feat_1\" AS VARCHAR) AS _cell_1"));
    // The white space is spelled out once, and every trim names it.
    assert!(duckdb.contains("    (chr(9) || chr(10) || "));
    assert!(duckdb.contains(" || chr(8287) || chr(12288)) AS _white_space,\n"));
    assert_eq!(duckdb.matches("chr(9)").count(), 1, "{duckdb}");
    assert!(duckdb.contains("CAST([NULL, 0, 10] AS DOUBLE[]) AS _label_values_1,\n"));
    assert!(duckdb.contains("NOT list_contains(_missing_codes, trim(_cell_1, _white_space))"));

    assert!(postgres.contains("btrim(_cell_1, _white_space) ~ '^(?:"));
    assert!(postgres.contains(
        "WHEN abs(CAST(btrim(_cell_1, _white_space) AS NUMERIC)) >= 1.7976931348623158e308 THEN NULL"
    ));
    assert!(postgres.contains("ELSE CAST(btrim(_cell_1, _white_space) AS DOUBLE PRECISION)"));
    assert!(postgres.contains("CAST(\"feat_1\" AS TEXT) AS _cell_1"));
    assert!(
        postgres.contains("CAST(ARRAY[NULL, 0, 10] AS DOUBLE PRECISION[]) AS _label_values_1,\n")
    );
    assert!(postgres.contains("_number_values_1[array_position(_numbers_1, CASE\n"));
    assert!(postgres.contains("NOT btrim(_cell_1, _white_space) = ANY(_missing_codes)"));
    // PostgreSQL's round() rounds halves to even: halves away from zero by hand.
    assert!(postgres.contains(
        "trunc(_value_3 * 1.25) + CASE WHEN abs(_value_3 * 1.25 - trunc(_value_3 * 1.25)) >= 0.5 \
         THEN sign(_value_3 * 1.25) ELSE 0 END AS \"feat_index\""
    ));

    assert!(spark.contains("trim(BOTH _white_space FROM _cell_1) RLIKE '^(?:"));
    assert!(spark.contains("AS `feat_index`"));
    // Spark's `chr` stops at 255: the white space is a literal of escapes.
    assert!(
        spark.contains(
            "    '\\u0009\\u000A\\u000B\\u000C\\u000D\\u0020\\u0085\\u00A0\\u1680\\u2000"
        )
    );
    assert!(spark.contains("\\u205F\\u3000' AS _white_space,\n"));
    assert!(spark.contains("CAST(`feat_1` AS STRING) AS _cell_1"));
    // Spark's `element_at` takes an INT; its `array_position` gives a BIGINT, 0 for none.
    assert!(spark.contains(
        "element_at(_number_values_1, CAST(array_position(_numbers_1, TRY_CAST(trim(BOTH \
         _white_space FROM _cell_1) AS DOUBLE)) + 1 AS INT))"
    ));
    assert!(
        spark.contains("NOT array_contains(_missing_codes, trim(BOTH _white_space FROM _cell_1))")
    );
    for (sql, trimmed) in [
        (&duckdb, "trim(_cell_6, _white_space)"),
        (&postgres, "btrim(_cell_6, _white_space)"),
        (&spark, "trim(BOTH _white_space FROM _cell_6)"),
    ] {
        assert!(
            sql.contains(&format!(
                "translate({trimmed}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
            )),
            "{sql}"
        );
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
fn text_answers_are_looked_up_in_lists_and_numbers_never_read_as_labels() {
    let edge = scale(include_str!("../../tests/data/sql/edge.toml"));
    let sql = query(&edge, &options(Dialect::DuckDb)).unwrap();
    // Each distinct list once, in value order; items sharing labels share the columns.
    assert!(sql.contains("    ['disagree', 'neutral', 'agree', '很同意'] AS _labels_1,\n"));
    assert!(sql.contains("    CAST([NULL, (-2), 0, 2, 2] AS DOUBLE[]) AS _label_values_1,\n"));
    assert!(sql.contains("_label_values_1[list_position(_labels_1, _cell_4) + 1]"));
    // A label the scale writes with capitals ("All") is listed in its folded form, and a
    // cell is compared with it as written and then case-folded.
    assert!(sql.contains("    ['none', 'all'] AS _labels_2,\n"), "{sql}");
    assert!(!sql.contains("'All'"), "{sql}");
    assert!(sql.contains(
        "ELSE _label_values_2[list_position(_labels_2, translate(trim(_cell_3, _white_space), \
         'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')) + 1]"
    ));
    // The label "1" is unreachable: psyscore reads "1" as the number 1.
    assert!(!sql.contains("'1', "), "{sql}");
    // The missing codes, in every mix of capitals, compared trimmed but not folded.
    assert!(sql.contains(
        "    ['', 'na', 'nA', 'Na', 'NA', 'n/a', 'n/A', 'N/a', 'N/A', '#n/a', '#n/A', '#N/a', '#N/A', \
         '.', '-', '(跳过)', '（跳过）'] AS _missing_codes,\n"
    ));
}

#[test]
fn the_usual_texts_are_looked_up_before_the_general_rule() {
    let edge = scale(include_str!("../../tests/data/sql/edge.toml"));
    let sql = query(&edge, &options(Dialect::DuckDb)).unwrap();
    // Item 1, -2 to 2: the whole numbers as written; then, for a cell not empty, the labels as
    // written; then the general rule on the trimmed text: a number by its value, else a label
    // case-folded.
    let general = "CASE\n            \
         WHEN regexp_full_match(trim(_cell_1, _white_space), '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') \
         THEN _number_values_1[list_position(_numbers_1, TRY_CAST(trim(_cell_1, _white_space) AS DOUBLE)) + 1]\n            \
         ELSE _label_values_1[list_position(_labels_1, translate(trim(_cell_1, _white_space), \
         'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')) + 1]\n          END";
    assert!(sql.contains(&format!(
        "    CASE _cell_1\n      WHEN '-2' THEN (-2)\n      WHEN '-1' THEN (-1)\n      WHEN '0' THEN 0\n      \
         WHEN '1' THEN 1\n      WHEN '2' THEN 2\n      \
         ELSE CASE\n        WHEN _cell_1 <> '' THEN COALESCE(\n          \
         _label_values_1[list_position(_labels_1, _cell_1) + 1],\n          \
         {general}\n        )\n      END\n    END AS _answer_1,\n"
    )), "{sql}");
    assert!(sql.contains("    CAST([(-2), (-1), 0, 1, 2] AS DOUBLE[]) AS _numbers_1,\n"));
    assert!(
        sql.contains("    CAST([NULL, (-2), (-1), 0, 1, 2] AS DOUBLE[]) AS _number_values_1,\n")
    );
    // An option of a count item: 0 or 1, else a number that reads as one of them.
    assert!(sql.contains(
        "    CASE _cell_7_1\n      WHEN '0' THEN 0\n      WHEN '1' THEN 1\n      ELSE CASE\n"
    ));
    assert!(sql.contains(
        "THEN CASE WHEN TRY_CAST(trim(_cell_7_1, _white_space) AS DOUBLE) IN (0, 1) THEN"
    ));
    // An item that allows decimals is read by its range.
    assert!(sql.contains(
        "CASE WHEN TRY_CAST(trim(_cell_3, _white_space) AS DOUBLE) BETWEEN 0 AND 10 THEN"
    ));
    // Numbered from 1 where the item is scored from 0: the lookup shifts, and the general rule
    // compares the shifted number with the range (`x + 1` may round to a value `x` is not).
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
        sql.contains("(TRY_CAST(trim(_cell_1, _white_space) AS DOUBLE)) - 1 BETWEEN 0 AND 4"),
        "{sql}"
    );
    assert!(!sql.contains("_numbers_1"), "{sql}");
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
    let invalid = &sql[sql.find("WHEN _invalid THEN concat_ws('; ',").unwrap()..];
    // A single item: nothing when answered, else invalid or missing.
    assert!(
        invalid.contains(
            "CASE WHEN _answer_1 IS NOT NULL THEN NULL\n    \
         WHEN _cell_1 IS NULL OR list_contains(_missing_codes, trim(_cell_1, _white_space)) \
         THEN 'ssrs_1 missing' ELSE 'ssrs_1 invalid' END"
        ),
        "{invalid}"
    );
    // Options in columns: each invalid one, or all of them blank as one entry.
    assert!(invalid.contains("THEN 'ssrs_6a invalid' END"), "{invalid}");
    assert!(
        invalid.contains("THEN 'ssrs_6a to ssrs_6i missing' END"),
        "{invalid}"
    );
    assert!(
        sql.contains("\n  )\n  END AS \"ssrs_notes\"\nFROM "),
        "{sql}"
    );
    // Rows with every item answered have nothing to note and no invalid cell.
    assert!(sql.contains("  CASE WHEN _n_"), "{sql}");
    assert!(sql.contains("_checks AS (\n"), "{sql}");
    // Rows with nothing invalid look up the missing cells' texts in groups of three, with no
    // invalid checks: bit j of the position less one says whether entry j is missing.
    let valid = &sql[sql.rfind("ELSE concat_ws('; ',").unwrap()..];
    assert!(
        valid.contains(
            "[NULL, 'ssrs_1 missing', 'ssrs_2 missing', 'ssrs_1 missing; ssrs_2 missing', \
             'ssrs_3 missing', 'ssrs_1 missing; ssrs_3 missing', 'ssrs_2 missing; ssrs_3 missing', \
             'ssrs_1 missing; ssrs_2 missing; ssrs_3 missing'][1 + CASE WHEN _answer_1 IS NULL \
             THEN 1 ELSE 0 END"
        ),
        "{valid}"
    );
    assert!(valid.contains("\n    + CASE WHEN _answer_3 IS NULL THEN 4 ELSE 0 END],\n"));
    // Options in columns are one entry, missing when every option is blank.
    assert!(valid.contains("'ssrs_6a to ssrs_6i missing'"), "{valid}");
    assert!(
        valid.contains(" AND _answer_6_9 IS NULL THEN 1 ELSE 0 END"),
        "{valid}"
    );
    assert!(!valid.contains("invalid'"), "{valid}");
    // One item missing, nothing invalid: the first entry found, the only one.
    let cbi = query(&builtin("cbi").unwrap().unwrap(), &options(Dialect::DuckDb)).unwrap();
    assert!(
        cbi.contains(
            "  WHEN _n_6 = 23 THEN CASE\n    \
             WHEN _answer_1 IS NULL THEN 'cbi_1 missing'\n    \
             WHEN _answer_2 IS NULL THEN 'cbi_2 missing'\n"
        ),
        "{cbi}"
    );
    // Not with an item of parts, of which more than one can be missing.
    let edge = scale(include_str!("../../tests/data/sql/edge.toml"));
    let edge = query(&edge, &options(Dialect::DuckDb)).unwrap();
    assert!(!edge.contains("WHEN _answered = 7 THEN CASE"), "{edge}");
    assert!(edge.contains("WHEN _invalid THEN"), "{edge}");
    // PostgreSQL joins the entries of an array: its functions take at most 100 arguments.
    let postgres = query(&ssrs, &options(Dialect::Postgres)).unwrap();
    assert!(
        postgres.contains("WHEN _invalid THEN array_to_string(ARRAY[\n"),
        "{postgres}"
    );
    assert!(!postgres.contains("concat_ws"), "{postgres}");
}

#[test]
fn the_invalid_checks_run_only_in_rows_with_an_item_unanswered() {
    let cbi = builtin("cbi").unwrap().unwrap();
    let sql = query(&cbi, &options(Dialect::DuckDb)).unwrap();
    assert!(
        sql.contains(
            "    CASE WHEN _n_6 = 24 THEN FALSE\n      \
         WHEN (_answer_1 IS NULL AND _cell_1 IS NOT NULL\n        \
         AND NOT list_contains(_missing_codes, trim(_cell_1, _white_space))) THEN TRUE\n"
        ),
        "{sql}"
    );
    assert!(
        sql.contains("      ELSE FALSE\n    END AS _invalid\n"),
        "{sql}"
    );
}

#[test]
fn postgres_computes_the_stages_used_many_times_once() {
    let cbi = builtin("cbi").unwrap().unwrap();
    let [duckdb, postgres, spark] = DIALECTS.map(|d| query(&cbi, &options(d)).unwrap());
    for stage in ["_answers", "_sums"] {
        assert!(
            postgres.contains(&format!("\n{stage} AS MATERIALIZED (\n")),
            "{stage}"
        );
        assert!(duckdb.contains(&format!("\n{stage} AS (\n")), "{stage}");
        assert!(spark.contains(&format!("\n{stage} AS (\n")), "{stage}");
    }
    assert!(postgres.contains("\n_cells AS (\n") && postgres.contains("\n_items AS (\n"));
}

#[test]
fn a_range_too_wide_for_the_lookup_reads_every_text_by_the_general_rule() {
    let wide = scale(include_str!("../../tests/data/sql/wide.toml"));
    for dialect in DIALECTS {
        let sql = query(&wide, &options(dialect)).unwrap();
        assert!(
            sql.contains("    CASE\n      WHEN _cell_1 <> '' THEN CASE\n"),
            "{sql}"
        );
        assert!(!sql.contains("CASE _cell_1\n"), "{sql}");
        assert!(!sql.contains("_numbers_1"), "{sql}");
    }
}

#[test]
fn a_row_with_every_item_answered_is_ok_at_the_first_comparison() {
    let cbi = builtin("cbi").unwrap().unwrap();
    let sql = query(&cbi, &options(Dialect::DuckDb)).unwrap();
    assert!(
        sql.contains(
            "  CASE\n    WHEN _n_6 = 24 THEN 'ok'\n    WHEN _invalid THEN 'invalid'\n    \
             WHEN \"cbi_time\" IS NULL OR "
        ),
        "{sql}"
    );
    assert!(sql.contains("THEN 'incomplete'\n    ELSE 'prorated'\n  END AS \"cbi_status\""));
}

#[test]
fn a_score_made_of_other_scores_items_is_counted_and_summed_from_theirs() {
    // The CBI's total: its dimensions' sums and counts added, the items being whole-valued.
    let cbi = query(&builtin("cbi").unwrap().unwrap(), &options(Dialect::DuckDb)).unwrap();
    assert!(cbi.contains(
        "_combined AS (\n  -- per score made of the items of scores before it: its sum and count \
         from theirs\n  SELECT\n    *,\n    _sum_1 + _sum_2 + _sum_3 + _sum_4 + _sum_5 AS _sum_6,  \
         -- total\n    _n_1 + _n_2 + _n_3 + _n_4 + _n_5 AS _n_6  -- total\n  FROM _sums\n),\n\
         _checks AS ("
    ), "{cbi}");
    assert!(!cbi.contains("AS _n_6,  -- total\n  FROM _items"), "{cbi}");
    // An item with decimals: the sums are the items' in order, as psyscore adds them; the
    // counts are still the parts'. A score overlapping two others is made of none.
    let parts = scale(include_str!("../../tests/data/sql/parts.toml"));
    for dialect in DIALECTS {
        let sql = query(&parts, &options(dialect)).unwrap();
        let combined = &sql[sql.find("_combined AS").unwrap()..sql.find("_checks AS").unwrap()];
        assert!(
            combined.contains("    _n_1 + _n_2 AS _n_3,  -- reordered\n"),
            "{sql}"
        );
        assert!(
            combined.contains("    _n_1 + _n_2 AS _n_5  -- total\n"),
            "{sql}"
        );
        assert!(
            !combined.contains("_sum_") && !combined.contains("_n_4"),
            "{sql}"
        );
        let last = match dialect {
            // Spark would compute one of two sums of the same terms in another order for both.
            Dialect::Spark => "- (-COALESCE(_item_6, 0)) AS _sum_5  -- total",
            _ => "+ COALESCE(_item_6, 0) AS _sum_5  -- total",
        };
        assert!(sql.contains(last), "{sql}");
        assert!(sql.contains("COALESCE(_item_1, 0)"), "{sql}");
    }
    // No score made of others, no stage.
    let mood = scale(include_str!("../../tests/data/sql/mood.toml"));
    assert!(
        !query(&mood, &options(Dialect::DuckDb))
            .unwrap()
            .contains("_combined")
    );
}

#[test]
fn finding_scores_made_of_others_takes_time_in_proportion_to_their_pairs() {
    // Forty one-item subscales and a total of their items: each score is looked at once, not
    // again for every score after it (2^40 steps).
    let mut text = String::from("id = \"chain\"\nname = \"Chain\"\nmin = 0\nmax = 4\nitems = 40\n");
    for index in 1..=40 {
        let _ = write!(
            text,
            "\n[[subscales]]\nid = \"s{index}\"\nitems = [{index}]\n"
        );
    }
    let sql = query(&scale(&text), &options(Dialect::DuckDb)).unwrap();
    let counts: Vec<String> = (1..=40).map(|index| format!("_n_{index}")).collect();
    let combined = &sql[sql.find("_combined AS").unwrap()..sql.find("_checks AS").unwrap()];
    assert!(
        combined
            .replace("\n     ", "")
            .contains(&format!("{} AS _n_41", counts.join(" + "))),
        "{combined}"
    );
}
