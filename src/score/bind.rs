//! Binding a scale to a sheet: which header column each item reads.

use std::collections::HashMap;

use thiserror::Error;

use super::Cells;
use crate::scale::{
    ColumnTemplate, CountLayout, Item, ItemKind, Scale, ScoreSource, column_letters, column_number,
};

/// The sheet's header names, looked up case-insensitively and ignoring surrounding spaces.
#[derive(Debug)]
pub struct Headers<'a> {
    names: &'a [String],
    index: HashMap<String, usize>,
}

impl<'a> Headers<'a> {
    /// Indexes header names (assumed unique case-insensitively; the sheet reader checks that).
    pub fn new(names: &'a [String]) -> Headers<'a> {
        let index = names
            .iter()
            .enumerate()
            .map(|(position, name)| (name.trim().to_lowercase(), position))
            .collect();
        Headers { names, index }
    }

    /// The position of a column, if the sheet has it.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.index.get(&name.trim().to_lowercase()).copied()
    }

    /// The position of an item's column: by name, or for `@G` (a positional template's column,
    /// see [`ColumnTemplate`]) the column at G, unless a column is named so.
    pub fn find_item_column(&self, name: &str) -> Option<usize> {
        if let Some(position) = self.find(name) {
            return Some(position);
        }
        let number = name.trim().strip_prefix('@').and_then(column_number)?;
        (number <= self.names.len()).then(|| number - 1)
    }

    /// The header names as read.
    pub fn names(&self) -> &'a [String] {
        self.names
    }

    /// The existing header closest to `name` (case-insensitive edit distance of at most a
    /// third of its length, and at least 1), for "did you mean" hints.
    pub fn closest(&self, name: &str) -> Option<&'a str> {
        if name
            .trim()
            .strip_prefix('@')
            .and_then(column_number)
            .is_some()
        {
            // A position past the sheet's last column: no name is close to it.
            return None;
        }
        let wanted = name.trim().to_lowercase();
        let limit = (wanted.chars().count() / 3).max(1);
        self.names
            .iter()
            .map(|candidate| {
                (
                    strsim::levenshtein(&wanted, &candidate.trim().to_lowercase()),
                    candidate,
                )
            })
            .filter(|(distance, _)| *distance <= limit)
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, candidate)| candidate.as_str())
    }
}

/// A required column that the sheet does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingColumn {
    /// The scale that needs it.
    pub scale: String,
    /// The column name expected.
    pub column: String,
    /// The most similar existing column.
    pub closest: Option<String>,
}

/// Required columns absent from a sheet: all of them, for every scale, in one error.
#[derive(Debug, Error)]
#[error("{}", describe_missing(self))]
pub struct MissingColumnsError {
    /// The sheet.
    pub file: String,
    /// Every missing column.
    pub missing: Vec<MissingColumn>,
    /// The sheet's columns.
    pub available: Vec<String>,
    /// Scales none of whose item columns were found (a different naming, most likely).
    pub unmatched_scales: Vec<String>,
}

fn describe_missing(error: &MissingColumnsError) -> String {
    use std::fmt::Write as _;
    let count = error.missing.len();
    let mut text = format!(
        "{}: {count} required column{} not found:",
        error.file,
        if count == 1 { " is" } else { "s are" }
    );
    for missing in &error.missing {
        let _ = write!(text, "\n  {} (needed by {})", missing.column, missing.scale);
        if let Some(closest) = &missing.closest {
            let _ = write!(text, "; closest existing column: {closest}");
        }
        if missing
            .column
            .trim()
            .strip_prefix('@')
            .and_then(column_number)
            .is_some()
        {
            let last = column_letters(error.available.len());
            let _ = write!(text, "; the sheet's last column is {last}");
        }
    }
    let _ = write!(
        text,
        "\n  columns in the file: {}",
        error.available.join(", ")
    );
    for scale in &error.unmatched_scales {
        let _ = write!(
            text,
            "\n  hint: no item column of `{scale}` was found; if the sheet names them differently, give a template, e.g. --columns \"Q{{n}}\""
        );
    }
    text
}

/// One item bound to sheet positions.
#[derive(Debug, Clone)]
pub struct BoundItem {
    /// Column names, one per part (one for single items and count cells).
    pub columns: Vec<String>,
    /// Header positions of those columns.
    pub positions: Vec<usize>,
}

/// A scale whose items have been found in a sheet.
#[derive(Debug, Clone)]
pub struct BoundScale<'s> {
    /// The scale.
    pub scale: &'s Scale,
    /// Per item, in scale order.
    pub items: Vec<BoundItem>,
    /// Per score, how many of its parts may be missing (the missing rule applied to its k
    /// once, instead of on every row).
    pub(super) allowed_missing: Vec<usize>,
    /// Per item: how to read a one-digit answer, the usual cell, at once.
    pub(super) digits: Vec<DigitAnswers>,
}

/// An item's column and its value for each one-digit answer `0` to `9` (reversed where the
/// item is keyed so), NaN for a digit out of its range. Items that are not single answers
/// have no digit values (all NaN), so their cells are always read in full.
#[derive(Debug, Clone)]
pub(super) struct DigitAnswers {
    position: usize,
    values: [f64; 10],
}

impl DigitAnswers {
    /// The item's value when its cell is one digit in range; NaN for anything else.
    #[inline(always)]
    pub(super) fn read<C: Cells + ?Sized>(&self, cells: &C) -> f64 {
        match cells.single_byte(self.position) {
            Some(digit @ b'0'..=b'9') => self.values[usize::from(digit - b'0')],
            _ => f64::NAN,
        }
    }

    fn new(item: &Item, bound: &BoundItem) -> DigitAnswers {
        let position = bound.positions[0];
        if !matches!(item.kind, ItemKind::Single) {
            return DigitAnswers {
                position,
                values: [f64::NAN; 10],
            };
        }
        let values = std::array::from_fn(|digit| {
            let value = digit as f64;
            if value < item.min || value > item.max {
                f64::NAN
            } else if item.reverse {
                item.min + item.max - value
            } else {
                value
            }
        });
        DigitAnswers { position, values }
    }
}

impl<'s> BoundScale<'s> {
    /// Finds every item column of `scale` in `headers` (with `template` instead of the scale's
    /// own, when given). Columns that are not found are appended to `missing`.
    pub fn bind(
        scale: &'s Scale,
        template: Option<&ColumnTemplate>,
        headers: &Headers,
        missing: &mut Vec<MissingColumn>,
    ) -> Option<BoundScale<'s>> {
        let template = template.unwrap_or(&scale.columns);
        let before = missing.len();
        let items = scale
            .items
            .iter()
            .map(|item| {
                let columns = item_columns(scale, item, template);
                let positions = columns
                    .iter()
                    .filter_map(|column| {
                        let found = headers.find_item_column(column);
                        if found.is_none() {
                            missing.push(MissingColumn {
                                scale: scale.id.clone(),
                                column: column.clone(),
                                closest: headers.closest(column).map(str::to_owned),
                            });
                        }
                        found
                    })
                    .collect();
                BoundItem { columns, positions }
            })
            .collect::<Vec<BoundItem>>();
        let allowed_missing = scale
            .scores
            .iter()
            .map(|score| {
                let k = match &score.source {
                    ScoreSource::Items(parts) | ScoreSource::Subscales(parts) => parts.len(),
                };
                score.missing.allowed(k)
            })
            .collect();
        if missing.len() > before {
            return None;
        }
        let digits = scale
            .items
            .iter()
            .zip(&items)
            .map(|(item, bound)| DigitAnswers::new(item, bound))
            .collect();
        Some(BoundScale {
            scale,
            items,
            allowed_missing,
            digits,
        })
    }

    /// Every header position that this scale reads.
    pub fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.items
            .iter()
            .flat_map(|item| item.positions.iter().copied())
    }
}

/// The sheet columns an item reads with the given template: one per part for `sum` items and
/// `count` items laid out in columns (the item's column followed by the part suffix), else one.
pub fn item_columns(scale: &Scale, item: &Item, template: &ColumnTemplate) -> Vec<String> {
    let base = item
        .column
        .clone()
        .unwrap_or_else(|| template.column(&scale.id, item.number, &item.name));
    match &item.kind {
        ItemKind::Single
        | ItemKind::Count {
            layout: CountLayout::Cell { .. },
            ..
        } => vec![base],
        ItemKind::Sum { parts }
        | ItemKind::Count {
            options: parts,
            layout: CountLayout::Columns,
        } => parts.iter().map(|part| format!("{base}{part}")).collect(),
    }
}
