//! Reading the sheet's cells: the `_cells` and `_answers` stages, the SQL form of
//! `crate::score::cell::read_answer` and `crate::sheet::is_missing`.
//!
//! Most cells hold one of a few texts: an answer's number as digits, or a label as the scale
//! writes it. Each cell is first looked up among those (a `CASE` of plain string comparisons,
//! on the text as the table holds it); only the cells left are trimmed and read by the general
//! rule (a regular expression for the number syntax, labels compared case-folded), in a branch
//! of the same `CASE` that the engines evaluate only for the rows that reach it. The lookup
//! lists only texts the general rule reads the same way, so it changes no result.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::dialect::WHITE_SPACE_COLUMN;
use super::lists::{ListKind, Lists};
use super::{Column, Dialect, Stage, indent, number};
use crate::scale::item_columns;
use crate::scale::{ColumnTemplate, Item, ItemKind, Scale, fold_case};
use crate::score::Coding;
use crate::sheet::{SKIPPED, is_missing};

/// Rust's decimal `f64` syntax (`str::parse`), less `inf` and `nan`: a cell that parses as one
/// of those is invalid in psyscore, and the query finds it no number and no label either.
const DECIMAL: &str = "[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?";

/// The column of `_cells` listing [`MISSING_CODES`] in every mix of capitals
/// ([`spellings`]): a trimmed cell is compared with it as it is, not case-folded first.
const MISSING_CODES_COLUMN: &str = "_missing_codes";

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

    /// The valid answer, NULL when missing or invalid.
    pub fn answer(&self) -> String {
        format!("_answer_{}", self.key)
    }

    /// True when the cell holds something that is not a valid answer: it has no answer, yet
    /// is not empty and, trimmed, no missing code (as [`is_missing`]). Only cells without an
    /// answer are trimmed. (Not `NOT` of [`blank`](Self::blank): DuckDB then tests every cell
    /// of the rows that reach the test, answered or not, taking 0.4 s more on 1,000,000 rows.)
    pub fn invalid(&self, dialect: Dialect) -> String {
        let cell = self.cell();
        format!(
            "({} IS NULL AND {cell} IS NOT NULL\n  AND NOT {})",
            self.answer(),
            self.missing_code(dialect)
        )
    }

    /// True when the cell is empty or, trimmed, a missing code (as [`is_missing`]): missing,
    /// not invalid, when it has no answer.
    pub fn blank(&self, dialect: Dialect) -> String {
        format!("{} IS NULL OR {}", self.cell(), self.missing_code(dialect))
    }

    /// True when the cell, trimmed, is a missing code.
    fn missing_code(&self, dialect: Dialect) -> String {
        dialect.contains(MISSING_CODES_COLUMN, &dialect.trim(&self.cell()))
    }
}

/// Every text that [`fold_case`] turns into `folded` (lower-case): each ASCII letter either way.
fn spellings(folded: &str) -> Vec<String> {
    let mut spellings = vec![String::new()];
    for c in folded.chars() {
        let cases = if c.is_ascii_lowercase() {
            vec![c, c.to_ascii_uppercase()]
        } else {
            vec![c]
        };
        spellings = spellings
            .iter()
            .flat_map(|start| cases.iter().map(move |&c| format!("{start}{c}")))
            .collect();
    }
    spellings
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

/// The stages that read cells: `_cells` and `_answers`; with a `coding`, numbers are read as
/// the coding numbers the options.
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
    // The constants the expressions name, once each: DuckDB takes long to plan each literal.
    cells.push(Column::new(
        dialect.white_space(),
        WHITE_SPACE_COLUMN.to_owned(),
    ));
    let codes: Vec<String> = MISSING_CODES
        .iter()
        .flat_map(|code| spellings(code))
        .map(|code| dialect.string(&code))
        .collect();
    cells.push(Column::new(
        dialect.list(&codes),
        MISSING_CODES_COLUMN.to_owned(),
    ));
    let shift = |column: &SheetColumn| coding.map_or(0.0, |coding| coding.shift(column.item));
    let mut lists = Lists::default();
    let answers = columns
        .iter()
        .map(|column| {
            let item = &scale.items[column.item];
            Column::new(
                answer(item, column, shift(column), &mut lists, dialect),
                column.answer(),
            )
        })
        .collect();
    cells.extend(lists.columns(dialect));
    vec![
        Stage {
            name: "_cells".to_owned(),
            about: "each item cell as text; the white space a cell is trimmed of, the missing codes and the lists answers are looked up in",
            columns: cells,
            shared: false,
        },
        Stage {
            name: "_answers".to_owned(),
            about: if coding.is_some() {
                "the valid answer: a usual text's (a whole number in range, as the sheet numbers the options, or a label as written), else by the general rule; else NULL"
            } else {
                "the valid answer: a usual text's (a whole number in range or a label as written), else by the general rule; else NULL"
            },
            columns: answers,
            shared: true,
        },
    ]
}

/// A cell's answer. The usual texts are looked up first, compared as the table holds them (a
/// usual text has no surrounding white space, so it reads the same trimmed): the numbers, being
/// the most common; then, past empty cells, the labels. Only a cell left after that, not empty,
/// is trimmed and read by the general rule. Most rows have no such cell: the engines evaluate a
/// `CASE` branch only on the rows that reach it.
fn answer(
    item: &Item,
    column: &SheetColumn,
    shift: f64,
    lists: &mut Lists,
    dialect: Dialect,
) -> String {
    let cell = column.cell();
    let (numbers, labels) = match item.kind {
        ItemKind::Single | ItemKind::Sum { .. } => {
            (usual_numbers(item, shift), labels(&item.labels))
        }
        // An option cell is ticked (1) or not (0), never shifted, and has no labels.
        ItemKind::Count { .. } => (
            vec![("0".to_owned(), 0.0), ("1".to_owned(), 1.0)],
            Vec::new(),
        ),
    };
    let labels = (!labels.is_empty()).then(|| {
        let keys = labels
            .iter()
            .map(|(text, _)| dialect.string(text))
            .collect();
        let values = labels.iter().map(|&(_, value)| number(value)).collect();
        lists.add(ListKind::Label, keys, values)
    });
    // A number the general rule reads (written otherwise, as `03` or `3.0`) is looked up
    // among the usual ones by its value, when those are all the range's valid answers. Not
    // with a shift: `x + shift` may round to a usual value that `x` is not less the shift.
    let numbers_list = (!item.decimals
        && !numbers.is_empty()
        && shift == 0.0
        && matches!(item.kind, ItemKind::Single | ItemKind::Sum { .. }))
    .then(|| {
        let values: Vec<String> = numbers.iter().map(|&(_, value)| number(value)).collect();
        lists.add(ListKind::Number, values.clone(), values)
    });
    let lists = ItemLists {
        labels,
        numbers: numbers_list,
    };
    let general = general_answer(item, &dialect.trim(&cell), shift, &lists, dialect);
    let rest = match &lists.labels {
        None => general,
        Some((texts, values)) => format!(
            "COALESCE(\n  {},\n  {}\n)",
            dialect.value_of(&cell, texts, values),
            indent(&general)
        ),
    };
    // Neither NULL nor empty (`<>` is NULL for NULL).
    let present = format!("CASE\n  WHEN {cell} <> '' THEN {}\nEND", indent(&rest));
    if numbers.is_empty() {
        return present;
    }
    let mut expr = format!("CASE {cell}");
    for (text, value) in numbers {
        let _ = write!(
            expr,
            "\n  WHEN {} THEN {}",
            dialect.string(&text),
            number(value)
        );
    }
    let _ = write!(expr, "\n  ELSE {}\nEND", indent(&present));
    expr
}

/// The lists an item's cells are looked up in: (texts, values) columns of its labels, and of
/// its range's whole numbers where the general rule finds a number among them.
struct ItemLists {
    labels: Option<(String, String)>,
    numbers: Option<(String, String)>,
}

/// The answer of any other text, by the general rule; NULL when missing or invalid.
fn general_answer(
    item: &Item,
    text: &str,
    shift: f64,
    lists: &ItemLists,
    dialect: Dialect,
) -> String {
    match item.kind {
        ItemKind::Single | ItemKind::Sum { .. } => single_answer(item, text, shift, lists, dialect),
        // Anything but 0 or 1 is invalid.
        ItemKind::Count { .. } => {
            let number = dialect.to_double(text);
            format!(
                "CASE WHEN {} THEN CASE WHEN {number} IN (0, 1) THEN {number} END END",
                dialect.full_match(text, DECIMAL)
            )
        }
    }
}

/// Texts, each with the answer it reads as.
type Lookup = Vec<(String, f64)>;

/// The usual numbers of a single item or a sum's part and their values: the whole numbers of
/// its range written plainly (as the sheet numbers them: less `shift`), when there are at most
/// [`MAX_LOOKUP`].
fn usual_numbers(item: &Item, shift: f64) -> Lookup {
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
    numbers
}

/// The most whole numbers an item's lookup lists; a wider range is read by the general rule.
const MAX_LOOKUP: usize = 101;

/// The general rule: a number in `[min, max]` (whole unless the item allows decimals) after
/// adding `shift`, else a label's value (case-folded); a number is never read as a label
/// (psyscore tries labels only on text that is not a number). Missing codes are neither.
fn single_answer(
    item: &Item,
    text: &str,
    shift: f64,
    lists: &ItemLists,
    dialect: Dialect,
) -> String {
    let number_answer = match &lists.numbers {
        Some((keys, values)) => dialect.value_of(&dialect.to_double(text), keys, values),
        None => in_range(item, text, shift, dialect),
    };
    let mut expr = format!(
        "CASE\n  WHEN {} THEN {}",
        dialect.full_match(text, DECIMAL),
        indent(&number_answer)
    );
    if let Some((texts, values)) = &lists.labels {
        let _ = write!(
            expr,
            "\n  ELSE {}",
            dialect.value_of(&dialect.fold_case(text), texts, values)
        );
    }
    expr.push_str("\nEND");
    expr
}

/// The number `text` (known to be one) after adding `shift`, when in `[min, max]` and whole
/// unless the item allows decimals; else NULL.
fn in_range(item: &Item, text: &str, shift: f64, dialect: Dialect) -> String {
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
    format!("CASE WHEN {} THEN {} END", indent(&valid), indent(&parsed))
}

/// The item's text answers case-folded (`fold_case`, the form a folded cell is compared
/// with) and their values, in increasing value (a text listed twice is found at its first, the
/// lesser value); labels psyscore can never match (a number, or a missing code) are left out.
fn labels(labels: &BTreeMap<String, f64>) -> Lookup {
    let mut folded: Lookup = labels
        .iter()
        .filter(|(label, _)| label.parse::<f64>().is_err() && !is_missing(label))
        .map(|(label, &value)| (fold_case(label), value))
        .collect();
    folded.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    folded.dedup();
    folded
}
