//! Reading one item's answer out of a row's cells.

use std::fmt;

use serde::Serialize;
use thiserror::Error;

use super::{BoundItem, Cells, CodingTally, note_missing, push_note};
use crate::scale::{CountLayout, Item, ItemKind, fold_case};
use crate::sheet::is_missing;

/// Characters that separate option codes in a multi-select cell.
const OPTION_SEPARATORS: [char; 9] = [',', ';', '|', '┋', '、', '，', '；', ' ', '\t'];

/// A cell that is neither missing nor a valid answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InvalidCell {
    /// Row number as a spreadsheet shows it (the header is row 1).
    pub row: u64,
    /// Column name.
    pub column: String,
    /// The cell as written.
    pub value: String,
    /// What would have been valid.
    pub expected: String,
}

impl fmt::Display for InvalidCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "row {}, column {}: {:?} is not valid (expected {})",
            self.row, self.column, self.value, self.expected
        )?;
        if let Some(halfwidth) = halfwidth_form(&self.value) {
            write!(
                f,
                "; it is typed in full-width characters, not read as {halfwidth:?}"
            )?;
        }
        Ok(())
    }
}

/// `text` with its full-width forms of ASCII characters (U+FF01 to U+FF5E, as a Chinese or
/// Japanese input method types them: `３`, `．`, `ｎｅｖｅｒ`) replaced by ASCII; `None` when it
/// has none. Answers are read as written, so `３` is not 3; this only explains why.
fn halfwidth_form(text: &str) -> Option<String> {
    let full_width = |c: char| ('\u{ff01}'..='\u{ff5e}').contains(&c);
    if !text.chars().any(full_width) {
        return None;
    }
    let ascii = text
        .chars()
        .map(|c| {
            if full_width(c) {
                char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    Some(ascii)
}

/// One cell read as an answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellValue {
    /// Blank or a missing code.
    Missing,
    /// A valid value, before reverse keying.
    Value(f64),
    /// Not a number or label in range.
    Invalid,
}

/// Reads a single answer: a number plus `shift` (the sheet's coding, see
/// [`super::Coding`]) in `[min, max]` (a whole number unless the item allows decimals), or a
/// label (never shifted).
pub fn read_answer(item: &Item, shift: f64, cell: &str) -> CellValue {
    // Fast path for the usual cell, a single digit.
    if let &[digit @ b'0'..=b'9'] = cell.as_bytes() {
        let value = f64::from(digit - b'0') + shift;
        return if value >= item.min && value <= item.max {
            CellValue::Value(value)
        } else {
            CellValue::Invalid
        };
    }
    if is_missing(cell) {
        return CellValue::Missing;
    }
    let text = cell.trim();
    if let Ok(value) = text.parse::<f64>() {
        let value = value + shift;
        let whole_if_needed = item.decimals || value.fract() == 0.0;
        return if value.is_finite() && value >= item.min && value <= item.max && whole_if_needed {
            CellValue::Value(value)
        } else {
            CellValue::Invalid
        };
    }
    // The case rule of `fold_case`: A–Z in any case, every other letter as written.
    let found = item
        .labels
        .iter()
        .find(|(label, _)| label.eq_ignore_ascii_case(text));
    found.map_or(CellValue::Invalid, |(_, value)| CellValue::Value(*value))
}

/// Reads an item's value (reverse-keyed where needed); `None` when missing or invalid. Missing
/// and invalid cells are noted in `notes`; invalid ones also go to `invalid` and are counted in
/// `tally`. Kept out of line: [`BoundScale::score_row`](super::BoundScale::score_row) reads the
/// usual cell itself.
#[inline(never)]
pub(super) fn read_item<C: Cells + ?Sized>(
    item: &Item,
    bound: &BoundItem,
    cells: &C,
    row: u64,
    notes: &mut String,
    invalid: &mut Vec<InvalidCell>,
    tally: &mut CodingTally,
) -> Option<f64> {
    let cell = |part: usize| cells.cell(bound.positions[part]);
    let mut reject = |part: usize, notes: &mut String, expected: String| {
        let name = &bound.names[part];
        let value = cell(part);
        push_note(
            notes,
            format_args!("{name} invalid value {value:?} (allowed {expected})"),
        );
        invalid.push(InvalidCell {
            row,
            column: bound.located(part),
            value: value.to_owned(),
            expected,
        });
    };
    // An invalid option number one above the range is the mark of a sheet coded from one above.
    let count_invalid = |part: usize, tally: &mut CodingTally| {
        let above = item.max + 1.0;
        let read = cell(part)
            .trim()
            .parse::<f64>()
            .map(|value| value + bound.shift);
        if read == Ok(above) {
            tally.one_above += 1;
        } else {
            tally.other_invalid += 1;
        }
    };
    match &item.kind {
        ItemKind::Single => match read_answer(item, bound.shift, cell(0)) {
            CellValue::Value(value) if item.reverse => Some(item.min + item.max - value),
            CellValue::Value(value) => Some(value),
            CellValue::Missing => {
                note_missing(notes, &bound.names[0]);
                None
            }
            CellValue::Invalid => {
                count_invalid(0, tally);
                reject(0, notes, answer_range(item, bound.shift));
                None
            }
        },
        ItemKind::Sum { parts } => {
            let mut sum = Some(0.0);
            for part in 0..parts.len() {
                match read_answer(item, bound.shift, cell(part)) {
                    CellValue::Value(value) => sum = sum.map(|sum| sum + value),
                    CellValue::Missing => {
                        note_missing(notes, &bound.names[part]);
                        sum = None;
                    }
                    CellValue::Invalid => {
                        count_invalid(part, tally);
                        reject(part, notes, answer_range(item, bound.shift));
                        sum = None;
                    }
                }
            }
            sum
        }
        ItemKind::Count {
            layout: CountLayout::Columns,
            options,
        } => {
            let (mut ticked, mut blank, mut bad) = (0u32, 0usize, false);
            for part in 0..options.len() {
                let text = cell(part);
                if is_missing(text) {
                    blank += 1;
                    continue;
                }
                match text.trim().parse::<f64>() {
                    Ok(1.0) => ticked += 1,
                    Ok(0.0) => {}
                    _ => {
                        tally.other_invalid += 1;
                        reject(part, notes, "0 (not ticked) or 1 (ticked)".to_owned());
                        bad = true;
                    }
                }
            }
            if bad {
                None
            } else if blank == options.len() {
                push_note(
                    notes,
                    format_args!(
                        "{} to {} missing",
                        bound.names[0],
                        bound.names[options.len() - 1]
                    ),
                );
                None
            } else {
                Some(f64::from(ticked))
            }
        }
        ItemKind::Count {
            layout: CountLayout::Cell { none },
            options,
        } => {
            let text = cell(0);
            if is_missing(text) {
                note_missing(notes, &bound.names[0]);
                return None;
            }
            match count_options(text, options, none) {
                Some(count) => Some(f64::from(count)),
                None => {
                    tally.other_invalid += 1;
                    let expected = format!(
                        "option codes {} separated by commas, or {}",
                        options.join(", "),
                        none.join(" / ")
                    );
                    reject(0, notes, expected);
                    None
                }
            }
        }
    }
}

/// The number of distinct options listed in a multi-select cell; `None` for an unknown code.
fn count_options(text: &str, options: &[String], none: &[String]) -> Option<u32> {
    let lower = fold_case(text.trim());
    if none.contains(&lower) {
        return Some(0);
    }
    let mut ticked = vec![false; options.len()];
    for token in lower
        .split(OPTION_SEPARATORS)
        .filter(|token| !token.is_empty())
    {
        let position = options
            .iter()
            .position(|option| fold_case(option) == token)?;
        ticked[position] = true;
    }
    let count = ticked.iter().filter(|&&t| t).count();
    (count > 0).then_some(count as u32)
}

/// "whole numbers 0 to 4" ("0 to 4" with decimals), "… or one of: never, always" with labels;
/// for a sheet coded otherwise (`shift` not 0) the sheet's numbers and what they are read as:
/// "whole numbers 1 to 5, read as 0 to 4".
fn answer_range(item: &Item, shift: f64) -> String {
    let numbers = if item.decimals {
        format!("{} to {}", item.min, item.max)
    } else if shift != 0.0 {
        format!(
            "whole numbers {} to {}, read as {} to {}",
            item.min - shift,
            item.max - shift,
            item.min,
            item.max
        )
    } else {
        format!("whole numbers {} to {}", item.min, item.max)
    };
    if item.labels.is_empty() {
        numbers
    } else {
        let labels: Vec<&str> = item.labels.keys().map(String::as_str).collect();
        format!("{numbers} or one of: {}", labels.join(", "))
    }
}

/// Answers outside their item's range (or unreadable), under `--invalid error`.
#[derive(Debug, Error)]
#[error("{}", describe_invalid(self))]
pub struct InvalidCellsError {
    /// The sheet.
    pub file: String,
    /// The first invalid cells, in row order.
    pub cells: Vec<InvalidCell>,
    /// How many invalid cells there are in all.
    pub total: usize,
    /// What the invalid cells suggest, e.g. that the sheet numbers the options from 1
    /// ([`crate::score::one_above_hint`]); when there is one, scoring the cells as unanswered is
    /// not suggested.
    pub hints: Vec<String>,
}

fn describe_invalid(error: &InvalidCellsError) -> String {
    let total = error.total;
    let mut text = format!(
        "{}: {total} invalid cell{}:",
        error.file,
        if total == 1 { "" } else { "s" }
    );
    for cell in &error.cells {
        text.push_str(&format!("\n  {cell}"));
    }
    if total > error.cells.len() {
        text.push_str(&format!("\n  … and {} more", total - error.cells.len()));
    }
    for hint in &error.hints {
        text.push_str(&format!("\n  hint: {hint}"));
    }
    if error.hints.is_empty() {
        text.push_str(
            "\n  (use --invalid missing to treat them as unanswered and report them instead)",
        );
    }
    text
}
