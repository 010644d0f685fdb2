//! Reading the sheet's cells: the `_cells`, `_usual`, `_text` and `_answers` stages, the SQL form of
//! `crate::score::cell::read_answer` and `crate::sheet::is_missing`.
//!
//! Most cells hold one of a few texts: an answer's number as digits, or a label as the scale
//! writes it. Each cell is first looked up among those (a `CASE` of plain string comparisons,
//! on the text as the table holds it); only the cells left are trimmed and read by the general
//! rule (a regular expression for the number syntax, labels compared case-folded). The lookup
//! lists only texts the general rule reads the same way, so it changes no result.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Column, Dialect, Stage, indent, number};
use crate::scale::item_columns;
use crate::scale::{ColumnTemplate, Item, ItemKind, Scale, fold_case};
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
    /// The cell as text, as the table holds it.
    pub fn cell(&self) -> String {
        format!("_cell_{}", self.key)
    }

    /// The answer of a usual text, NULL for any other.
    pub fn usual(&self) -> String {
        format!("_usual_{}", self.key)
    }

    /// The cell as trimmed text, for cells that hold no usual text and are not empty (else
    /// NULL).
    pub fn text(&self) -> String {
        format!("_text_{}", self.key)
    }

    /// The valid answer, NULL when missing or invalid.
    pub fn answer(&self) -> String {
        format!("_answer_{}", self.key)
    }

    /// True when the cell holds something that is not a valid answer: text left for the
    /// general rule (not a usual text, not empty) that gives no answer and is no missing code
    /// (as [`is_missing`]).
    pub fn invalid(&self, dialect: Dialect) -> String {
        let text = self.text();
        let codes: Vec<String> = MISSING_CODES
            .iter()
            .map(|code| dialect.string(code))
            .collect();
        format!(
            "({text} IS NOT NULL AND {} IS NULL\n  AND {} NOT IN ({}))",
            self.answer(),
            dialect.fold_case(&text),
            codes.join(", ")
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

/// The stages that read cells: `_cells`, `_usual`, `_text`, `_answers`; with a
/// `coding`, numbers are read as the coding numbers the options.
pub(super) fn stages(
    scale: &Scale,
    columns: &[SheetColumn],
    id: &str,
    dialect: Dialect,
    coding: Option<&Coding>,
) -> Vec<Stage> {
    let mut cells = vec![Column::new(dialect.ident(id), "_row_id".to_owned())];
    cells.extend(
        columns.iter().map(|column| {
            Column::new(dialect.to_text(&dialect.ident(&column.name)), column.cell())
        }),
    );
    let each = |make: &dyn Fn(&SheetColumn) -> Column| columns.iter().map(make).collect();
    let shift = |column: &SheetColumn| coding.map_or(0.0, |coding| coding.shift(column.item));
    vec![
        Stage {
            name: "_cells".to_owned(),
            about: "each item cell as text",
            columns: cells,
            shared: false,
        },
        Stage {
            name: "_usual".to_owned(),
            about: if coding.is_some() {
                "the answer of a usual text: a whole number in range (as the sheet numbers the options) or a label, as written"
            } else {
                "the answer of a usual text: a whole number in range or a label, as written"
            },
            columns: each(&|column| {
                let item = &scale.items[column.item];
                Column::new(usual(item, column, shift(column), dialect), column.usual())
            }),
            shared: false,
        },
        Stage {
            name: "_text".to_owned(),
            about: "any other cell's text, white space trimmed; NULL for an empty one",
            columns: each(&|column| {
                let trimmed = dialect.trim(&column.cell());
                Column::new(
                    format!(
                        "CASE WHEN {} IS NULL AND {} <> '' THEN {trimmed} END",
                        column.usual(),
                        column.cell()
                    ),
                    column.text(),
                )
            }),
            shared: true,
        },
        Stage {
            name: "_answers".to_owned(),
            about: "the valid answer: a usual text's, a number in range, or a text answer's value; else NULL",
            columns: each(&|column| {
                let item = &scale.items[column.item];
                let general = general_answer(item, column, shift(column), dialect);
                Column::new(
                    format!(
                        "CASE WHEN {} IS NULL THEN {}\nELSE {}\nEND",
                        column.text(),
                        column.usual(),
                        general,
                    ),
                    column.answer(),
                )
            }),
            shared: true,
        },
    ]
}

/// The answer of a usual text, compared as the table holds it: NULL for any other text (or
/// none). A usual text has no surrounding white space, so it reads the same trimmed.
///
/// The numbers are compared first, being the most common; an empty cell skips the labels
/// (DuckDB pays for each `WHEN` on the rows left, even on few).
fn usual(item: &Item, column: &SheetColumn, shift: f64, dialect: Dialect) -> String {
    let cell = column.cell();
    let (numbers, labels) = match item.kind {
        ItemKind::Single | ItemKind::Sum { .. } => usual_answers(item, shift),
        // An option cell is ticked (1) or not (0), never shifted.
        ItemKind::Count { .. } => (vec![("0".to_owned(), 0.0), ("1".to_owned(), 1.0)], vec![]),
    };
    match (numbers.is_empty(), labels.is_empty()) {
        // A range wider than the lookup lists and no labels: every text takes the general rule.
        (true, true) => match dialect {
            Dialect::DuckDb | Dialect::Spark => "CAST(NULL AS DOUBLE)".to_owned(),
            Dialect::Postgres => "CAST(NULL AS DOUBLE PRECISION)".to_owned(),
        },
        (false, true) => lookup(&cell, &numbers, None, dialect),
        (true, false) => lookup(&cell, &labels, None, dialect),
        (false, false) => {
            let labels = format!(
                "CASE WHEN {cell} IS NULL THEN NULL ELSE {} END",
                lookup(&cell, &labels, None, dialect)
            );
            lookup(&cell, &numbers, Some(&labels), dialect)
        }
    }
}

/// `CASE cell WHEN text THEN value … [ELSE otherwise] END`, one `WHEN` a line.
fn lookup(
    cell: &str,
    texts: &[(String, f64)],
    otherwise: Option<&str>,
    dialect: Dialect,
) -> String {
    let mut expr = format!("CASE {cell}");
    for (text, value) in texts {
        let _ = write!(
            expr,
            "\n  WHEN {} THEN {}",
            dialect.string(text),
            number(*value)
        );
    }
    if let Some(otherwise) = otherwise {
        let _ = write!(expr, "\n  ELSE {}", indent(otherwise));
    }
    expr.push_str("\nEND");
    expr
}

/// The answer of any other text, by the general rule; NULL when missing or invalid.
fn general_answer(item: &Item, column: &SheetColumn, shift: f64, dialect: Dialect) -> String {
    let text = column.text();
    match item.kind {
        ItemKind::Single | ItemKind::Sum { .. } => single_answer(item, &text, shift, dialect),
        // Anything but 0 or 1 is invalid.
        ItemKind::Count { .. } => {
            let number = dialect.to_double(&text);
            format!(
                "CASE WHEN {} THEN CASE WHEN {number} IN (0, 1) THEN {number} END END",
                dialect.full_match(&text, DECIMAL)
            )
        }
    }
}

/// Texts, each with the answer it reads as.
type Lookup = Vec<(String, f64)>;

/// The usual valid texts of a single item or a sum's part and their values: the whole numbers
/// of its range written plainly (as the sheet numbers them: less `shift`), when there are at
/// most [`MAX_LOOKUP`]; and its labels as the scale writes them (case-folded).
fn usual_answers(item: &Item, shift: f64) -> (Lookup, Lookup) {
    let mut numbers = Vec::new();
    let (low, high) = (item.min.ceil(), item.max.floor());
    if high >= low && high - low < MAX_LOOKUP as f64 {
        let mut value = low;
        while value <= high {
            // What a sheet cell reads as `value`; kept only when it reads back so.
            let written = value - shift;
            let text = format!("{written}");
            if text.parse::<f64>().is_ok_and(|read| read + shift == value) {
                numbers.push((text, value));
            }
            value += 1.0;
        }
    }
    let labels = labels_by_value(&item.labels)
        .into_iter()
        .flat_map(|(value, keys)| keys.into_iter().map(move |key| (key, value)))
        .collect();
    (numbers, labels)
}

/// The most whole numbers an item's lookup lists; a wider range is read by the general rule.
const MAX_LOOKUP: usize = 101;

/// The general rule: a number in `[min, max]` (whole unless the item allows decimals) after
/// adding `shift`, else a label's value (case-folded); a number is never read as a label
/// (psyscore tries labels only on text that is not a number). Missing codes are neither.
fn single_answer(item: &Item, text: &str, shift: f64, dialect: Dialect) -> String {
    let mut parsed = dialect.to_double(text);
    if shift != 0.0 {
        parsed = format!("({parsed})");
    }
    if shift > 0.0 {
        let _ = write!(parsed, " + {}", number(shift));
    } else if shift < 0.0 {
        let _ = write!(parsed, " - {}", number(-shift));
    }
    let mut valid = format!(
        "{parsed} BETWEEN {} AND {}",
        number(item.min),
        number(item.max)
    );
    if !item.decimals {
        let _ = write!(valid, " AND {parsed} = floor({parsed})");
    }
    let mut expr = format!(
        "CASE\n  WHEN {} THEN CASE WHEN {} THEN {} END",
        dialect.full_match(text, DECIMAL),
        indent(&valid),
        indent(&parsed)
    );
    let folded = dialect.fold_case(text);
    for (value, keys) in labels_by_value(&item.labels) {
        let keys: Vec<String> = keys.iter().map(|key| dialect.string(key)).collect();
        let _ = write!(
            expr,
            "\n  WHEN {folded} IN ({}) THEN {}",
            keys.join(", "),
            number(value)
        );
    }
    expr.push_str("\nEND");
    expr
}

/// The item's text answers case-folded (`fold_case`, the form a folded cell is compared
/// with), grouped by value, in increasing value; labels psyscore can never match (a number, or a
/// missing code) are left out.
fn labels_by_value(labels: &BTreeMap<String, f64>) -> Vec<(f64, Vec<String>)> {
    let mut groups: Vec<(f64, Vec<String>)> = Vec::new();
    for (label, &value) in labels {
        if label.parse::<f64>().is_ok() || is_missing(label) {
            continue;
        }
        let key = fold_case(label);
        match groups.iter_mut().find(|(other, _)| *other == value) {
            Some((_, keys)) if keys.contains(&key) => {}
            Some((_, keys)) => keys.push(key),
            None => groups.push((value, vec![key])),
        }
    }
    for (_, keys) in &mut groups {
        keys.sort();
    }
    groups.sort_by(|a, b| a.0.total_cmp(&b.0));
    groups
}
