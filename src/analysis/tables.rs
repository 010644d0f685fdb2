//! Pieces of the human tables several reports share: a table of text cells, F tests and
//! degrees of freedom as read, and the pairs of groups after an ANOVA.

use std::io::{self, Write};

use crate::compare::ArmPair;
use crate::output::apa::{interval, num, p_value};
use crate::output::{Format, Value, row_writer};

/// Writes one table of text cells in `format`.
pub fn write_table(
    out: &mut dyn Write,
    format: Format,
    header: &[String],
    rows: &[Vec<String>],
) -> io::Result<()> {
    let mut writer = row_writer(format, Box::new(&mut *out));
    writer.header(header)?;
    for row in rows {
        for cell in row {
            writer.cell(Value::Text(cell))?;
        }
        writer.end_row()?;
    }
    writer.finish()?;
    Ok(())
}

/// Writes the title of a table after a blank line; in Markdown also a blank line after it, so
/// that the table is not read as part of the title's paragraph.
pub fn table_title(out: &mut dyn Write, format: Format, title: &str) -> io::Result<()> {
    writeln!(out, "\n{title}")?;
    if format == Format::Md {
        writeln!(out)?;
    }
    Ok(())
}

/// Degrees of freedom as read: whole numbers as they are, others to two decimals.
pub fn df_text(df: f64) -> String {
    if df.fract() == 0.0 {
        format!("{df}")
    } else {
        num(Some(df), 2)
    }
}

/// `F (df1, df2)` rounded for reading.
pub fn f_cell(f: f64, df1: f64, df2: f64) -> String {
    format!("{} ({}, {})", num(Some(f), 2), df_text(df1), df_text(df2))
}

/// [`f_cell`] of a test that may be undefined (a dash).
pub fn f_cell_of(f: Option<f64>, df1: Option<f64>, df2: Option<f64>) -> String {
    match (f, df1, df2) {
        (Some(f), Some(df1), Some(df2)) => f_cell(f, df1, df2),
        _ => "—".to_owned(),
    }
}

/// The sentence above a table of pairs of groups.
pub const PAIRS_OF_GROUPS: &str = "differences first − second; Tukey and Games–Howell adjust by the studentized range, Dunn by Holm's method";

/// The column names of a pair of groups after `first`, intervals labelled `ci`.
pub fn arm_pair_header(first: &[&str], ci: &str) -> Vec<String> {
    first
        .iter()
        .map(|name| (*name).to_owned())
        .chain([
            "pair".to_owned(),
            "diff".to_owned(),
            format!("Tukey {ci}"),
            "p (Tukey)".to_owned(),
            format!("Games–Howell {ci}"),
            "p (G–H)".to_owned(),
            "Dunn z".to_owned(),
            "p adj (Dunn)".to_owned(),
        ])
        .collect()
}

/// The cells of one pair of groups, after `first`, as [`arm_pair_header`] names them.
pub fn arm_pair_cells(first: Vec<String>, pair: &ArmPair) -> Vec<String> {
    let mut cells = first;
    cells.extend([
        format!("{} − {}", pair.a, pair.b),
        num(pair.diff, 2),
        interval(pair.ci_low, pair.ci_high, 2),
        p_value(pair.tukey_p),
        interval(pair.games_howell_ci_low, pair.games_howell_ci_high, 2),
        p_value(pair.games_howell_p),
        num(pair.dunn_z, 2),
        p_value(pair.dunn_p_adj),
    ]);
    cells
}
