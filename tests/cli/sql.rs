//! `psyscore sql` through the real binary: the query for the demo scale in each dialect compared
//! byte for byte with its committed snapshot in `tests/data/sql/`, the options, and the refusals.
//! After a deliberate change of the query, `PSYSCORE_BLESS=1 cargo test --test cli sql` rewrites
//! the snapshots; review the diff, and run `tests/sql/roundtrip.py`, which runs the queries in
//! DuckDB against `psyscore score`.

use predicates::str::contains;

use crate::util::{assert_matches_snapshot, data_dir, psyscore, stdout_of};

/// The query `psyscore sql ARGS` prints, expecting success.
fn query(args: &[&str]) -> String {
    stdout_of(&[&["sql"], args].concat())
}

/// Compares the query with `tests/data/sql/{snapshot}`, or rewrites it under `PSYSCORE_BLESS`.
fn assert_query_snapshot(args: &[&str], snapshot: &str) {
    let path = data_dir().join("sql").join(snapshot);
    assert_matches_snapshot(&query(args), &path, &format!("sql {}", args.join(" ")));
}

#[test]
fn demo_query_in_duckdb() {
    assert_query_snapshot(
        &["--scale", "scales/demo.toml", "--table", "answers"],
        "demo.duckdb.sql",
    );
}

#[test]
fn demo_query_in_postgres_and_spark() {
    let args = ["--scale", "scales/demo.toml", "--table", "answers"];
    assert_query_snapshot(
        &[&args[..], &["--dialect", "postgres"]].concat(),
        "demo.postgres.sql",
    );
    assert_query_snapshot(
        &[&args[..], &["--dialect", "spark"]].concat(),
        "demo.spark.sql",
    );
}

#[test]
fn duckdb_is_the_default_dialect() {
    let default = query(&["-s", "scales/demo.toml", "--table", "answers"]);
    let explicit = query(&[
        "-s",
        "scales/demo.toml",
        "--table",
        "answers",
        "--dialect",
        "duckdb",
    ]);
    assert_eq!(default, explicit);
}

#[test]
fn the_table_is_written_as_given_and_the_id_column_quoted() {
    let sql = query(&[
        "-s",
        "phq9",
        "--table",
        "read_csv('phq9.csv', all_varchar = true)",
        "--id",
        "Respondent \"ID\"",
    ]);
    assert!(sql.contains("  FROM read_csv('phq9.csv', all_varchar = true)\n"));
    assert!(sql.contains("    \"Respondent \"\"ID\"\"\" AS _row_id,\n"));
    assert!(sql.contains("  _row_id AS \"Respondent \"\"ID\"\"\",\n"));
}

#[test]
fn a_column_template_renames_the_item_columns() {
    let sql = query(&["-s", "cbi", "--table", "t", "--columns", "Q{n+12}"]);
    assert!(sql.contains("CAST(\"Q13\" AS VARCHAR)"), "{sql}");
    assert!(sql.contains("CAST(\"Q36\" AS VARCHAR)"), "{sql}");
    assert!(!sql.contains("\"cbi_1\""), "{sql}");
}

#[test]
fn a_count_item_listed_in_one_cell_is_refused() {
    psyscore()
        .args(["sql", "-s", "sql/cell_layout.toml", "--table", "t"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(
            "scale `ticks`, item 2: ticked options listed in one cell (layout = \"cell\") cannot be scored in SQL",
        ));
}

#[test]
fn an_unknown_dialect_is_a_usage_error() {
    psyscore()
        .args(["sql", "-s", "phq9", "--table", "t", "--dialect", "oracle"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("invalid value 'oracle' for '--dialect <DIALECT>'"))
        .stderr(contains("[possible values: duckdb, postgres, spark]"));
}

#[test]
fn bad_options_and_scales_exit_with_their_codes() {
    psyscore()
        .args(["sql", "-s", "phq9"])
        .assert()
        .code(2)
        .stderr(contains("--table <NAME>"));
    psyscore()
        .args(["sql", "-s", "phq9", "--table", " "])
        .assert()
        .code(2)
        .stderr(contains("--table must not be empty"));
    psyscore()
        .args(["sql", "-s", "phq9", "--table", "t", "--columns", "Q"])
        .assert()
        .code(2)
        .stderr(contains("bad column template \"Q\""));
    psyscore()
        .args(["sql", "-s", "phq10", "--table", "t"])
        .assert()
        .code(3);
}

#[test]
fn help_says_which_dialects_are_tested() {
    psyscore()
        .args(["sql", "--help"])
        .assert()
        .success()
        .stdout(contains(
            "SQL dialect. All three are tested by running them against `psyscore score`",
        ));
}
