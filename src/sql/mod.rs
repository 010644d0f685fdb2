//! One SQL query that scores a questionnaire inside a database engine, with the rules of
//! [`crate::score`] (see `docs/scale-format.md`), so that a warehouse holding the raw sheet gives
//! the same numbers as `psyscore score --invalid missing`.
//!
//! The query is a chain of common table expressions, one per step of the scoring, each adding
//! columns to the one before (`SELECT *, …`):
//!
//! | stage | adds |
//! |---|---|
//! | `_cells` | every item cell as text; the constants the expressions name: the white space cells are trimmed of, the missing codes, the lists of labels and numbers answers are looked up in (see `lists`) |
//! | `_answers` | the valid answer: a usual text's (a whole number of the range as written, compared by a `CASE`; a label as the scale writes it, looked up in a list), else, in a branch only other cells reach, the general rule on the trimmed text (a number in the item's range, whole unless decimals are allowed, or a label case-folded) |
//! | `_items` | each item's value: reverse-keyed, the sum of its parts, or its count of ticked options |
//! | `_sums` | per score made of items, the sum of its answered items and how many there are; items answered |
//! | `_combined` | per score whose items are those of scores before it together (the CBI's total), its count from theirs, and its sum when its items are whole-valued (so exact in any order) |
//! | `_checks` | whether any cell was invalid (checked only in rows with an item unanswered) |
//! | `_scores` | the scores made of items: prorated, weighted (`_scores_transformed`: transformed) |
//! | `_totals` | scores made of subscales (`_totals_transformed`: transformed) |
//!
//! and a final `SELECT` adds the bands and the status. Internal columns start with `_`, which no
//! output column can (they start with the scale id). The arithmetic is psyscore's, operation for
//! operation in double precision — sums in item order, `sum × k / answered` with the
//! multiplication first, `sum / answered` for means — so the results are equal, not merely close.
//!
//! The notes (`{scale}_notes`) name each missing cell as psyscore does, and an invalid one as
//! `{column} invalid`: psyscore adds the value, quoted with Rust's escapes, and the answers
//! allowed, which SQL does not spell alike. Not produced: the row-number id psyscore uses for a
//! sheet without an id column (a table has no row order). Not supported: `count` items with
//! `layout = "cell"`, whose free-text option lists have no portable SQL equivalent.

mod cells;
mod dialect;
mod lists;
mod notes;
mod scores;

#[cfg(test)]
mod tests;

use std::fmt::Write as _;

use thiserror::Error;

pub use dialect::Dialect;

use crate::scale::{ColumnTemplate, CountLayout, ItemKind, Scale};
use crate::score::{Coding, CodingOption};

/// What the query reads and how it is written.
#[derive(Debug, Clone)]
pub struct SqlOptions<'a> {
    /// The table (or any table expression) holding the sheet, inserted into the query as given.
    pub table: &'a str,
    /// The respondent id column, copied to the output under its name.
    pub id: &'a str,
    /// The item columns' template, instead of the scale's own.
    pub columns: Option<&'a ColumnTemplate>,
    /// The SQL dialect.
    pub dialect: Dialect,
    /// How the table numbers the answer options, when not as the questionnaire scores them.
    pub coding: Option<&'a Coding>,
}

/// A scale the query cannot score.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum SqlError {
    /// A multi-select item whose ticked options are listed in one cell.
    #[error(
        "scale `{scale}`, item {item}: ticked options listed in one cell (layout = \"cell\") cannot be \
         scored in SQL; use layout = \"columns\" (one 0/1 column per option), or `psyscore score`"
    )]
    CellLayout {
        /// The scale id.
        scale: String,
        /// The item's name.
        item: String,
    },
}

/// The query that scores `scale` from `options.table`, ending with `;` and a newline.
pub fn query(scale: &Scale, options: &SqlOptions) -> Result<String, SqlError> {
    refuse_unsupported(scale)?;
    let dialect = options.dialect;
    let template = options.columns.unwrap_or(&scale.columns);
    let columns = cells::sheet_columns(scale, template);
    let mut stages = cells::stages(scale, &columns, options.id, dialect, options.coding);
    stages.extend(scores::stages(scale, &columns, dialect));

    let mut sql = header(scale, options);
    sql.push_str("WITH\n");
    let mut from = options.table;
    for (index, stage) in stages.iter().enumerate() {
        if index > 0 {
            sql.push_str(",\n");
        }
        stage.render(&mut sql, from, index == 0, dialect);
        from = &stage.name;
    }
    sql.push_str("\nSELECT\n");
    render_columns(
        &mut sql,
        &scores::output(scale, &columns, options.id, dialect),
        "  ",
    );
    let _ = writeln!(sql, "FROM {from};");
    Ok(sql)
}

/// Fails on the features the query cannot express.
fn refuse_unsupported(scale: &Scale) -> Result<(), SqlError> {
    for item in &scale.items {
        if let ItemKind::Count {
            layout: CountLayout::Cell { .. },
            ..
        } = item.kind
        {
            return Err(SqlError::CellLayout {
                scale: scale.id.clone(),
                item: item.name.clone(),
            });
        }
    }
    Ok(())
}

/// The comment at the top of the query: what it reads, how (when the table numbers the answer
/// options otherwise) and what it produces.
fn header(scale: &Scale, options: &SqlOptions) -> String {
    let id = &scale.id;
    let mut text = format!(
        "-- psyscore sql: questionnaire {id} ({name}), {dialect} dialect.\n\
         -- Reads {table}: one row per respondent, the id in column {id_column}, each item cell\n\
         -- (text or number) in the column named below, matched as a quoted identifier.\n",
        name = comment_text(&scale.name),
        dialect = options.dialect.name(),
        table = comment_text(options.table),
        id_column = comment_text(options.id),
    );
    if let Some(coding) = options.coding {
        let described = coding.describe(scale, CodingOption::Flag);
        let _ = writeln!(text, "-- {}.", comment_text(&described));
    }
    let _ = write!(
        text,
        "-- Gives the columns of `psyscore score --invalid missing`: invalid answers count as\n\
         -- missing and make the status `invalid`. Where SQL cannot say the same, {id}_notes names an\n\
         -- invalid cell `<column> invalid` (psyscore adds the value and the answers allowed) and\n\
         -- names columns as this query reads them.\n"
    );
    text
}

/// `text` made safe inside a `--` comment: on one line.
fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// One common table expression: `name AS (SELECT [*,] columns FROM previous)`.
#[derive(Debug)]
struct Stage {
    /// The CTE's name.
    name: String,
    /// What the stage adds, as a comment.
    about: &'static str,
    /// The columns it adds.
    columns: Vec<Column>,
    /// Whether later stages use its columns in many expressions: PostgreSQL must then compute
    /// it once (see [`Dialect::cte_keyword`]).
    shared: bool,
}

/// One `expr AS alias` of a `SELECT` list.
#[derive(Debug)]
struct Column {
    /// The expression; continuation lines are indented relative to the first.
    expr: String,
    /// The column's name, quoted where needed.
    alias: String,
    /// A comment naming what the column is, for internal columns named by number.
    note: Option<String>,
}

impl Column {
    fn new(expr: String, alias: String) -> Column {
        Column {
            expr,
            alias,
            note: None,
        }
    }

    fn with_note(mut self, note: &str) -> Column {
        self.note = Some(comment_text(note));
        self
    }
}

impl Stage {
    /// Appends the CTE; the first stage selects only its own columns from the user's table,
    /// later ones keep every earlier column.
    fn render(&self, sql: &mut String, from: &str, first: bool, dialect: Dialect) {
        let _ = writeln!(
            sql,
            "{} AS {}(\n  -- {}\n  SELECT",
            self.name,
            dialect.cte_keyword(self.shared),
            self.about
        );
        if !first {
            sql.push_str("    *,\n");
        }
        render_columns(sql, &self.columns, "    ");
        let _ = write!(sql, "  FROM {from}\n)");
    }
}

/// Appends a `SELECT` list, one column per line.
fn render_columns(sql: &mut String, columns: &[Column], indent: &str) {
    for (index, column) in columns.iter().enumerate() {
        let comma = if index + 1 < columns.len() { "," } else { "" };
        let expr = column.expr.replace('\n', &format!("\n{indent}"));
        if expr == column.alias {
            let _ = write!(sql, "{indent}{expr}{comma}");
        } else {
            let _ = write!(sql, "{indent}{expr} AS {}{comma}", column.alias);
        }
        if let Some(note) = &column.note {
            let _ = write!(sql, "  -- {note}");
        }
        sql.push('\n');
    }
}

/// A number as a SQL literal of the same double. Up to 15 significant digits it is written
/// plainly (`1.25`): an exact decimal that every engine converts to the nearest double, since
/// both its digits and its power of ten are exact doubles. Longer ones are written in exponent
/// form (`1.2345678901234567e-1`), which DuckDB and Spark read as a double and PostgreSQL as a
/// numeric that converts correctly. Negative numbers are put in parentheses.
fn number(value: f64) -> String {
    // Negative zero would print as `-0`; it equals 0.
    let value = if value == 0.0 { 0.0 } else { value };
    let plain = value.to_string();
    let digits = plain
        .chars()
        .filter(char::is_ascii_digit)
        .skip_while(|&digit| digit == '0')
        .count();
    let text = if digits <= MAX_PLAIN_DIGITS {
        plain
    } else {
        format!("{value:e}")
    };
    if value < 0.0 {
        format!("({text})")
    } else {
        text
    }
}

/// The most significant digits a number literal is written with in plain decimal form.
const MAX_PLAIN_DIGITS: usize = 15;

/// `text` with its continuation lines indented two more spaces, to nest it in a multi-line
/// expression.
fn indent(text: &str) -> String {
    text.replace('\n', "\n  ")
}

/// `terms` joined by ` op `, starting a new line (indented two spaces) before `op` when a line
/// grows past [`WRAP_WIDTH`].
fn join_wrapped<I>(terms: I, op: &str) -> String
where
    I: IntoIterator<Item = String>,
{
    let mut joined = String::new();
    let mut line = 0;
    for (index, term) in terms.into_iter().enumerate() {
        if index > 0 {
            if line + op.len() + term.len() + 2 > WRAP_WIDTH {
                joined.push_str("\n  ");
                line = 2;
            } else {
                joined.push(' ');
                line += 1;
            }
            joined.push_str(op);
            joined.push(' ');
            line += op.len() + 1;
        }
        joined.push_str(&term);
        line += term.chars().count();
    }
    joined
}

/// The width past which long sums and conditions continue on a new line.
const WRAP_WIDTH: usize = 88;
