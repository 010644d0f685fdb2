//! Writing a baseline table: for people the layout theses use (each characteristic, its levels
//! with n (%) per group, the test, its statistic and p), for programs one CSV row per
//! characteristic, level and group with every number exact, and the whole report as JSON.

use std::io::{self, Write};

use super::{
    BaselineReport, ByGroup, CategoricalResult, ContinuousResult, NumberSummary, VariableResult,
};
use crate::analysis::tables::{df_text, write_table};
use crate::analysis::{write_excluded, write_report_to};
use crate::output::apa::{fixed, num, p_value};
use crate::output::{Format, Value, row_writer};

/// Writes a baseline report in `format`.
pub fn write_baseline(
    out: &mut dyn Write,
    report: &BaselineReport,
    format: Format,
) -> io::Result<()> {
    write_report_to(out, report, format, |out, format, human| {
        if human {
            write_human(report, out, format)
        } else {
            write_csv(report, out)
        }
    })
}

/// A test as one human row shows it: its name, the statistic with its df, and p.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCells {
    /// The test's name.
    pub test: &'static str,
    /// `χ²(1) = 0.14`, `t(21) = -0.27`, `U = 40.5`; "—" for Fisher's test.
    pub statistic: String,
    /// p as APA writes it.
    pub p: String,
}

/// The test a categorical characteristic's table shows (see [`CategoricalResult::read`]).
pub fn categorical_test(result: &CategoricalResult) -> Option<TestCells> {
    match result.read? {
        "fisher" => Some(TestCells {
            test: "Fisher's exact test",
            statistic: "—".to_owned(),
            p: p_value(result.fisher.as_ref().map(|f| f.p)),
        }),
        _ => {
            let chi = result.chi_square.as_ref()?;
            Some(TestCells {
                test: "Pearson χ²",
                statistic: format!("χ²({}) = {}", df_text(chi.df), fixed(chi.statistic, 2)),
                p: p_value(Some(chi.p)),
            })
        }
    }
}

/// The rank test of an ordered characteristic.
pub fn ordered_test(result: &CategoricalResult) -> Option<TestCells> {
    let test = result.rank_test.as_ref()?;
    Some(match test.df {
        None => TestCells {
            test: "Mann–Whitney U",
            statistic: format!("U = {}", fixed(test.statistic, 1)),
            p: p_value(Some(test.p)),
        },
        Some(df) => TestCells {
            test: "Kruskal–Wallis H",
            statistic: format!("H({}) = {}", df_text(df), fixed(test.statistic, 2)),
            p: p_value(Some(test.p)),
        },
    })
}

/// The test of a continuous characteristic's means: the t-test or ANOVA Levene's test
/// favours.
pub fn mean_test(result: &ContinuousResult) -> Option<TestCells> {
    let t = |name, test: &Option<crate::compare::TTestOut>| {
        let test = test.as_ref()?;
        Some(TestCells {
            test: name,
            statistic: format!("t({}) = {}", df_text(test.df?), fixed(test.t?, 2)),
            p: p_value(test.p),
        })
    };
    let f = |name, f: Option<f64>, df1: Option<f64>, df2: Option<f64>, p| {
        Some(TestCells {
            test: name,
            statistic: format!("F({}, {}) = {}", df_text(df1?), df_text(df2?), fixed(f?, 2)),
            p: p_value(p),
        })
    };
    match result.read? {
        "student" => t("Student's t-test", &result.student),
        "welch" => t("Welch's t-test", &result.welch),
        "anova" => {
            let a = result.anova.as_ref()?;
            f("one-way ANOVA", a.f, a.df1, a.df2, a.p)
        }
        _ => {
            let a = result.welch_anova.as_ref()?;
            f("Welch's ANOVA", a.f, a.df1, a.df2, a.p)
        }
    }
}

/// The rank test of a continuous characteristic: Mann–Whitney or Kruskal–Wallis.
pub fn median_test(result: &ContinuousResult) -> Option<TestCells> {
    if let Some(test) = &result.mann_whitney {
        return Some(TestCells {
            test: "Mann–Whitney U",
            statistic: format!("U = {}", fixed(test.u?, 1)),
            p: p_value(test.p),
        });
    }
    let test = result.kruskal.as_ref()?;
    Some(TestCells {
        test: "Kruskal–Wallis H",
        statistic: format!("H({}) = {}", df_text(test.df?), fixed(test.h?, 2)),
        p: p_value(test.p),
    })
}

/// `5 (33.3%)`, or `0` with "—" for a group without answers.
pub fn count_percent(count: usize, percent: Option<f64>) -> String {
    match percent {
        Some(percent) => format!("{count} ({}%)", fixed(percent, 1)),
        None => format!("{count} (—)"),
    }
}

/// `45.20 (8.10)`.
pub fn mean_sd_cell(summary: &NumberSummary) -> String {
    format!("{} ({})", num(summary.mean, 2), num(summary.sd, 2))
}

/// `44.00 [40.00, 51.50]`.
pub fn median_cell(summary: &NumberSummary) -> String {
    format!(
        "{} [{}, {}]",
        num(summary.median, 2),
        num(summary.q1, 2),
        num(summary.q3, 2)
    )
}

/// Whether the report compares groups (two or more) and so has a total column and tests.
fn compares(report: &BaselineReport) -> bool {
    report.groups.len() >= 2
}

/// How a baseline table's rows are written for people: the words of its own row labels, how a
/// text from the data is written, whether there is a total column, and a test's cells (as many
/// for no test: that many blanks follow each level).
pub struct Layout<'a> {
    /// The label of the rank test's row ("ranks").
    pub ranks: &'a str,
    /// The label of the row of missing answers ("missing").
    pub missing: &'a str,
    /// A characteristic's name or level as written into a cell.
    pub text: &'a dyn Fn(&str) -> String,
    /// Whether the groups are followed by a total column (with groups to compare).
    pub total: bool,
    /// The cells of a test (`None`: no test).
    pub tests: &'a dyn Fn(Option<TestCells>) -> Vec<String>,
}

/// Each characteristic's rows under the header (characteristic, row label, one cell per group,
/// then with two groups or more the total if the layout has one and the test cells): a
/// categorical one's test row, its levels, its rank test and its missing answers; a continuous
/// one's M (SD) and Mdn [Q1, Q3] rows and its missing answers.
pub fn body_rows(report: &BaselineReport, layout: &Layout) -> Vec<Vec<String>> {
    let compares = compares(report);
    let total = compares && layout.total;
    let test_width = if compares {
        (layout.tests)(None).len()
    } else {
        0
    };
    let blanks = |count: usize| std::iter::repeat_n(String::new(), count);
    let tests = |test: Option<TestCells>| {
        let cells = if compares {
            (layout.tests)(test)
        } else {
            Vec::new()
        };
        cells.into_iter()
    };
    let mut rows = Vec::new();
    let missing_row = |rows: &mut Vec<Vec<String>>, missing: usize, by_group: &ByGroup<usize>| {
        if missing == 0 {
            return;
        }
        let mut row = vec![String::new(), layout.missing.to_owned()];
        row.extend(by_group.values().map(|count| count.to_string()));
        row.extend(total.then(|| missing.to_string()));
        row.extend(blanks(test_width));
        rows.push(row);
    };
    for variable in &report.variables {
        match variable {
            VariableResult::Categorical(result) => {
                let mut first = vec![(layout.text)(&result.variable), "n (%)".to_owned()];
                first.extend(blanks(report.groups.len() + usize::from(total)));
                first.extend(tests(categorical_test(result)));
                rows.push(first);
                for level in &result.levels {
                    let mut row = vec![String::new(), (layout.text)(&level.level)];
                    row.extend(
                        level
                            .counts
                            .values()
                            .zip(level.percent.values())
                            .map(|(count, percent)| count_percent(count, percent)),
                    );
                    row.extend(total.then(|| count_percent(level.total, level.total_percent)));
                    row.extend(blanks(test_width));
                    rows.push(row);
                }
                if result.rank_test.is_some() {
                    let mut row = vec![String::new(), layout.ranks.to_owned()];
                    row.extend(blanks(report.groups.len() + usize::from(total)));
                    row.extend(tests(ordered_test(result)));
                    rows.push(row);
                }
                missing_row(&mut rows, result.missing, &result.missing_by_group);
            }
            VariableResult::Continuous(result) => {
                let mut means = vec![(layout.text)(&result.variable), "M (SD)".to_owned()];
                means.extend(result.groups.iter().map(mean_sd_cell));
                means.extend(total.then(|| mean_sd_cell(&result.total)));
                means.extend(tests(mean_test(result)));
                let mut medians = vec![String::new(), "Mdn [Q1, Q3]".to_owned()];
                medians.extend(result.groups.iter().map(median_cell));
                medians.extend(total.then(|| median_cell(&result.total)));
                medians.extend(tests(median_test(result)));
                rows.push(means);
                rows.push(medians);
                missing_row(&mut rows, result.missing, &result.missing_by_group);
            }
        }
    }
    rows
}

/// The human table of `psyscore baseline`: the header, then each characteristic's rows, with a
/// total column and the test named beside its statistic.
pub fn human_rows(report: &BaselineReport) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["characteristic".to_owned(), "".to_owned()];
    header.extend(
        report
            .groups
            .iter()
            .map(|group| format!("{} (n = {})", group.level, group.n)),
    );
    if compares(report) {
        header.push(format!("total (n = {})", report.n));
        header.extend(["test", "statistic", "p"].map(str::to_owned));
    }
    let layout = Layout {
        ranks: "ranks",
        missing: "missing",
        text: &|text| text.to_owned(),
        total: true,
        tests: &|test| match test {
            Some(test) => vec![test.test.to_owned(), test.statistic, test.p],
            None => vec!["—".to_owned(), "—".to_owned(), "—".to_owned()],
        },
    };
    (header, body_rows(report, &layout))
}

/// The sentence under the table saying what its cells are.
pub const TABLE_NOTE: &str = "n (%): people at each level, percent of the group's answers (missing left out); M (SD) and Mdn [Q1, Q3] of the values; each row's test is named beside it (Fisher's exact test where an expected count is below 5; the t-test or ANOVA Levene's test favours)";

fn write_human(report: &BaselineReport, out: &mut dyn Write, format: Format) -> io::Result<()> {
    let (header, rows) = human_rows(report);
    write_table(out, format, &header, &rows)?;
    let bullet = if format == Format::Md { "- " } else { "  " };
    writeln!(out, "\nNotes:")?;
    if compares(report) {
        writeln!(out, "{bullet}{TABLE_NOTE}")?;
    } else {
        writeln!(
            out,
            "{bullet}one group: the characteristics are described without tests"
        )?;
    }
    for (name, note) in report.variables.iter().flat_map(variable_notes) {
        writeln!(out, "{bullet}{name}: {note}")?;
    }
    write_excluded(out, &report.excluded, bullet)
}

/// A characteristic's remarks, each with its name: why its test is the one shown, then why a
/// test is missing or which to read.
pub fn variable_notes(variable: &VariableResult) -> Vec<(&str, String)> {
    let (name, reason, notes) = match variable {
        VariableResult::Categorical(r) => (&r.variable, None, &r.notes),
        VariableResult::Continuous(r) => (&r.variable, r.read_reason.as_ref(), &r.notes),
    };
    reason
        .cloned()
        .into_iter()
        .chain(notes.iter().map(ToString::to_string))
        .map(|note| (name.as_str(), note))
        .collect()
}

/// The CSV columns, one row per characteristic, row (level, `values` or `missing`) and group
/// (and `total`).
const CSV_HEADER: [&str; 20] = [
    "variable",
    "kind",
    "row",
    "group",
    "n",
    "percent",
    "mean",
    "sd",
    "median",
    "q1",
    "q3",
    "test",
    "statistic",
    "df",
    "df2",
    "p",
    "rank_test",
    "rank_statistic",
    "rank_p",
    "cramers_v",
];

/// The test columns of one characteristic, repeated on each of its CSV rows.
struct CsvTests<'a> {
    test: &'a str,
    statistic: Option<f64>,
    df: Option<f64>,
    df2: Option<f64>,
    p: Option<f64>,
    rank_test: &'a str,
    rank_statistic: Option<f64>,
    rank_p: Option<f64>,
    cramers_v: Option<f64>,
}

fn categorical_csv_tests(result: &CategoricalResult) -> CsvTests<'_> {
    let (test, statistic, df, p) = match (result.read, &result.chi_square, &result.fisher) {
        (Some("fisher"), _, Some(fisher)) => ("fisher", None, None, Some(fisher.p)),
        (Some(_), Some(chi), _) => ("chi_square", Some(chi.statistic), Some(chi.df), Some(chi.p)),
        _ => ("", None, None, None),
    };
    let df2 = None;
    let rank = result.rank_test.as_ref();
    CsvTests {
        test,
        statistic,
        df,
        df2,
        p,
        rank_test: rank.map_or("", |r| r.test),
        rank_statistic: rank.map(|r| r.statistic),
        rank_p: rank.map(|r| r.p),
        cramers_v: result.cramers_v,
    }
}

fn continuous_csv_tests(result: &ContinuousResult) -> CsvTests<'_> {
    let (test, statistic, df, df2, p) = match result.read {
        Some(read @ ("student" | "welch")) => {
            let t = if read == "student" {
                result.student.as_ref()
            } else {
                result.welch.as_ref()
            };
            (
                read,
                t.and_then(|t| t.t),
                t.and_then(|t| t.df),
                None,
                t.and_then(|t| t.p),
            )
        }
        Some(read @ "anova") => {
            let a = result.anova.as_ref();
            (
                read,
                a.and_then(|a| a.f),
                a.and_then(|a| a.df1),
                a.and_then(|a| a.df2),
                a.and_then(|a| a.p),
            )
        }
        Some(read) => {
            let a = result.welch_anova.as_ref();
            (
                read,
                a.and_then(|a| a.f),
                a.and_then(|a| a.df1),
                a.and_then(|a| a.df2),
                a.and_then(|a| a.p),
            )
        }
        None => ("", None, None, None, None),
    };
    let (rank_test, rank_statistic, rank_p) = match (&result.mann_whitney, &result.kruskal) {
        (Some(mw), _) => ("mann_whitney", mw.u, mw.p),
        (None, Some(kw)) => ("kruskal_wallis", kw.h, kw.p),
        _ => ("", None, None),
    };
    CsvTests {
        test,
        statistic,
        df,
        df2,
        p,
        rank_test,
        rank_statistic,
        rank_p,
        cramers_v: None,
    }
}

fn write_csv(report: &BaselineReport, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = row_writer(Format::Csv, Box::new(&mut *out));
    writer.header(&CSV_HEADER.map(str::to_owned))?;
    let count = |n: usize| Value::Number(n as f64);
    for variable in &report.variables {
        let (name, kind, tests) = match variable {
            VariableResult::Categorical(r) => (&r.variable, r.kind, categorical_csv_tests(r)),
            VariableResult::Continuous(r) => (&r.variable, r.kind, continuous_csv_tests(r)),
        };
        let mut rows: Vec<(String, String, [Value; 7])> = Vec::new();
        match variable {
            VariableResult::Categorical(r) => {
                for level in &r.levels {
                    for ((group, n), percent) in level.counts.0.iter().zip(level.percent.values()) {
                        rows.push((
                            level.level.clone(),
                            group.clone(),
                            [
                                count(*n),
                                percent.into(),
                                Value::Empty,
                                Value::Empty,
                                Value::Empty,
                                Value::Empty,
                                Value::Empty,
                            ],
                        ));
                    }
                    rows.push((
                        level.level.clone(),
                        "total".to_owned(),
                        [
                            count(level.total),
                            level.total_percent.into(),
                            Value::Empty,
                            Value::Empty,
                            Value::Empty,
                            Value::Empty,
                            Value::Empty,
                        ],
                    ));
                }
            }
            VariableResult::Continuous(r) => {
                for summary in r.groups.iter().chain([&r.total]) {
                    rows.push((
                        "values".to_owned(),
                        summary.level.clone(),
                        [
                            count(summary.n),
                            Value::Empty,
                            summary.mean.into(),
                            summary.sd.into(),
                            summary.median.into(),
                            summary.q1.into(),
                            summary.q3.into(),
                        ],
                    ));
                }
            }
        }
        let (missing, by_group) = match variable {
            VariableResult::Categorical(r) => (r.missing, &r.missing_by_group),
            VariableResult::Continuous(r) => (r.missing, &r.missing_by_group),
        };
        for (group, n) in by_group.0.iter().chain([&("total".to_owned(), missing)]) {
            rows.push((
                "missing".to_owned(),
                group.clone(),
                [
                    count(*n),
                    Value::Empty,
                    Value::Empty,
                    Value::Empty,
                    Value::Empty,
                    Value::Empty,
                    Value::Empty,
                ],
            ));
        }
        for (row, group, numbers) in rows {
            writer.cell(Value::Text(name))?;
            writer.cell(Value::Text(kind))?;
            writer.cell(Value::Text(&row))?;
            writer.cell(Value::Text(&group))?;
            for number in numbers {
                writer.cell(number)?;
            }
            writer.cell(Value::Text(tests.test))?;
            writer.cell(tests.statistic.into())?;
            writer.cell(tests.df.into())?;
            writer.cell(tests.df2.into())?;
            writer.cell(tests.p.into())?;
            writer.cell(Value::Text(tests.rank_test))?;
            writer.cell(tests.rank_statistic.into())?;
            writer.cell(tests.rank_p.into())?;
            writer.cell(tests.cramers_v.into())?;
            writer.end_row()?;
        }
    }
    writer.finish()
}
