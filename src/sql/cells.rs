//! Reading the sheet's cells: the `_cells`, `_numbers` and `_answers` stages, the SQL form of
//! `crate::score::cell::read_answer` and `crate::sheet::is_missing`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Column, Dialect, Stage, number};
use crate::scale::item_columns;
use crate::scale::{ColumnTemplate, Item, ItemKind, Scale};
use crate::score::Coding;
use crate::sheet::{SKIPPED, is_missing};

/// Rust's decimal `f64` syntax (`str::parse`), less `inf` and `nan`: a cell that parses as one
/// of those is invalid in psyscore, and the query finds it no number and no label either.
const DECIMAL: &str = "[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?";

/// The missing codes of [`is_missing`], lower-cased, after trimming.
const MISSING_CODES: [&str; 8] = ["", "na", "n/a", "#n/a", ".", "-", SKIPPED[0], SKIPPED[1]];

/// One sheet column the query reads: a single item's cell, or one part (or option) of an item.
#[derive(Debug)]
pub(super) struct SheetColumn {
    /// The column's name in the sheet.
    pub name: String,
    /// Index of its item in [`Scale::items`].
    pub item: usize,
    /// `3` for item 3's cell, `5_2` for item 5's second part: names the internal columns.
    pub key: String,
}

impl SheetColumn {
    /// The cell as trimmed text.
    pub fn text(&self) -> String {
        format!("_text_{}", self.key)
    }

    /// The trimmed cell, NULL when missing.
    pub fn cell(&self) -> String {
        format!("_cell_{}", self.key)
    }

    /// The cell as a number, NULL when it is not one.
    pub fn number(&self) -> String {
        format!("_number_{}", self.key)
    }

    /// The valid answer, NULL when missing or invalid.
    pub fn answer(&self) -> String {
        format!("_answer_{}", self.key)
    }

    /// True when the cell holds something that is not a valid answer.
    pub fn invalid(&self) -> String {
        format!(
            "({} IS NOT NULL AND {} IS NULL)",
            self.cell(),
            self.answer()
        )
    }
}

/// Every column the scale reads, in item order (parts in order within an item).
pub(super) fn sheet_columns(scale: &Scale, template: &ColumnTemplate) -> Vec<SheetColumn> {
    let mut columns = Vec::new();
    for (index, item) in scale.items.iter().enumerate() {
        let names = item_columns(scale, item, template);
        let single = matches!(item.kind, ItemKind::Single);
        for (part, name) in names.into_iter().enumerate() {
            let key = if single {
                item.number.to_string()
            } else {
                format!("{}_{}", item.number, part + 1)
            };
            columns.push(SheetColumn {
                name,
                item: index,
                key,
            });
        }
    }
    columns
}

/// The stages that read cells: `_text`, `_cells`, `_numbers`, `_answers`; with a `coding`,
/// `_numbers` holds the numbers as the coding reads them.
pub(super) fn stages(
    scale: &Scale,
    columns: &[SheetColumn],
    id: &str,
    dialect: Dialect,
    coding: Option<&Coding>,
) -> Vec<Stage> {
    let mut text = vec![Column::new(dialect.ident(id), "_row_id".to_owned())];
    text.extend(columns.iter().map(|column| {
        let cell = dialect.to_text(&dialect.ident(&column.name));
        Column::new(dialect.trim(&cell), column.text())
    }));
    let each = |make: &dyn Fn(&SheetColumn) -> Column| columns.iter().map(make).collect();
    vec![
        Stage {
            name: "_text".to_owned(),
            about: "each item cell as text, white space trimmed",
            columns: text,
        },
        Stage {
            name: "_cells".to_owned(),
            about: "NULL for a blank cell or a missing code",
            columns: each(&|column| Column::new(missing_as_null(column, dialect), column.cell())),
        },
        Stage {
            name: "_numbers".to_owned(),
            about: if coding.is_some() {
                "the cell as a number, when it is written as one, shifted as the sheet numbers the options"
            } else {
                "the cell as a number, when it is written as one"
            },
            columns: each(&|column| {
                let shift = coding.map_or(0.0, |coding| coding.shift(column.item));
                Column::new(parse_number(column, shift, dialect), column.number())
            }),
        },
        Stage {
            name: "_answers".to_owned(),
            about: "the valid answer: a number in range, or a text answer's value; else NULL",
            columns: each(&|column| {
                let item = &scale.items[column.item];
                Column::new(answer(item, column, dialect), column.answer())
            }),
        },
    ]
}

/// The trimmed text, NULL when blank or a missing code (as [`is_missing`]).
fn missing_as_null(column: &SheetColumn, dialect: Dialect) -> String {
    let text = column.text();
    let codes: Vec<String> = MISSING_CODES
        .iter()
        .map(|code| dialect.string(code))
        .collect();
    format!(
        "CASE WHEN lower({text}) IN ({}) THEN NULL ELSE {text} END",
        codes.join(", ")
    )
}

/// The cell as a double plus `shift` (see [`Coding`]) when it is a decimal number, else NULL.
fn parse_number(column: &SheetColumn, shift: f64, dialect: Dialect) -> String {
    let cell = column.cell();
    let mut value = dialect.to_double(&cell);
    if shift > 0.0 {
        let _ = write!(value, " + {}", number(shift));
    } else if shift < 0.0 {
        let _ = write!(value, " - {}", number(-shift));
    }
    format!(
        "CASE WHEN {} THEN {value} END",
        dialect.full_match(&cell, DECIMAL),
    )
}

/// The answer a cell gives, NULL when missing or invalid.
fn answer(item: &Item, column: &SheetColumn, dialect: Dialect) -> String {
    let parsed = column.number();
    match item.kind {
        ItemKind::Single | ItemKind::Sum { .. } => single_answer(item, column, dialect),
        // An option cell is ticked (1) or not (0); anything else is invalid.
        ItemKind::Count { .. } => format!("CASE WHEN {parsed} IN (0, 1) THEN {parsed} END"),
    }
}

/// A number in `[min, max]` (whole unless the item allows decimals), else a label's value; a
/// number is never read as a label (psyscore tries labels only on text that is not a number).
fn single_answer(item: &Item, column: &SheetColumn, dialect: Dialect) -> String {
    let parsed = column.number();
    let mut valid = format!(
        "{parsed} BETWEEN {} AND {}",
        number(item.min),
        number(item.max)
    );
    if !item.decimals {
        let _ = write!(valid, " AND {parsed} = floor({parsed})");
    }
    let labels = labels_by_value(&item.labels);
    if labels.is_empty() {
        return format!("CASE WHEN {valid} THEN {parsed} END");
    }
    let mut expr =
        format!("CASE\n  WHEN {valid} THEN {parsed}\n  WHEN {parsed} IS NOT NULL THEN NULL");
    let cell = column.cell();
    for (value, keys) in labels {
        let keys: Vec<String> = keys.iter().map(|key| dialect.string(key)).collect();
        let _ = write!(
            expr,
            "\n  WHEN lower({cell}) IN ({}) THEN {}",
            keys.join(", "),
            number(value)
        );
    }
    expr.push_str("\nEND");
    expr
}

/// The item's text answers grouped by value, in increasing value; labels psyscore can never
/// match (a number, or a missing code) are left out.
fn labels_by_value(labels: &BTreeMap<String, f64>) -> Vec<(f64, Vec<&str>)> {
    let mut groups: Vec<(f64, Vec<&str>)> = Vec::new();
    for (key, &value) in labels {
        if key.parse::<f64>().is_ok() || is_missing(key) {
            continue;
        }
        match groups.iter_mut().find(|(other, _)| *other == value) {
            Some((_, keys)) => keys.push(key),
            None => groups.push((value, vec![key])),
        }
    }
    groups.sort_by(|a, b| a.0.total_cmp(&b.0));
    groups
}
