//! Pure scoring: a bound scale and one sheet row in, scores out. No I/O.
//!
//! Rules (see `docs/scale-format.md`): a reverse-keyed item scores `min + max − x`; a score
//! with `missing ≤ allowed` unanswered items (and at least one answered) is prorated —
//! `sum × k / answered` for sums (multiplied before the one division, so it is exact to one
//! rounding), the mean of the answered items for means — then multiplied by its weight and
//! transformed; with more missing it is empty, never zero.

mod bind;
mod cell;
mod coding;
mod stream;
mod table;

#[cfg(test)]
mod tests;

use std::fmt::Write as _;

use serde::Serialize;

pub use bind::{
    BoundItem, BoundScale, Headers, MissingColumn, MissingColumnsError, UnmatchedScale,
    looks_like_question,
};
pub use cell::{CellValue, InvalidCell, InvalidCellsError};
pub use coding::{
    Coding, CodingError, CodingOption, CodingTally, LowestUnused, MAX_CODED_FROM, lowest_unused,
    one_above_hint,
};
pub use stream::{
    CHUNK_ROWS, CHUNKS_IN_FLIGHT, CHUNKS_PER_THREAD, ScoredChunk, ScoredRow, score_chunks,
    score_sheet,
};
pub use table::{
    CHUNK_BYTES, Findings, Keep, MAX_LISTED_INVALID, Pipeline, ScaleReading, ScoreTable,
    output_columns, write_scores,
};

use crate::scale::{ItemKind, Method, ScoreSource};
use cell::read_item;

/// What to do with an answer outside its item's range, or unreadable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InvalidPolicy {
    /// Fail, listing every invalid cell.
    #[default]
    Error,
    /// Treat it as missing and record it in the row's notes and status.
    Missing,
}

/// The state of a respondent's answers to one scale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every item answered and valid.
    #[default]
    Ok,
    /// Some items missing, every score computed.
    Prorated,
    /// At least one score empty.
    Incomplete,
    /// A cell was invalid and treated as missing.
    Invalid,
}

impl Status {
    /// The word written in the `{scale}_status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Prorated => "prorated",
            Status::Incomplete => "incomplete",
            Status::Invalid => "invalid",
        }
    }
}

/// The scores of one row for one scale. Reused from row to row, so scoring allocates nothing
/// once warmed up.
#[derive(Debug, Default, Clone)]
pub struct RowScores {
    /// Per item: its scored value (reversed where keyed so), NaN when missing or invalid (no
    /// valid answer is NaN); read through [`RowScores::item`].
    item_values: Vec<f64>,
    /// Per score definition: the value reported in the score's own column.
    pub scores: Vec<Option<f64>>,
    /// Per score definition: the transformed value, for transforms with their own column.
    pub transformed: Vec<Option<f64>>,
    /// Items answered.
    pub answered: usize,
    /// The row's status.
    pub status: Status,
    /// `cbi_7 missing; cbi_12 invalid value "9" (allowed whole numbers 0 to 4)`.
    pub notes: String,
    /// What the row's answers say about how the sheet numbers the options.
    pub tally: CodingTally,
}

impl RowScores {
    /// Item `index`'s scored value (reversed where keyed so), or `None` when missing/invalid.
    pub fn item(&self, index: usize) -> Option<f64> {
        let value = self.item_values[index];
        (!value.is_nan()).then_some(value)
    }

    /// Every item's scored value, as [`RowScores::item`] gives it.
    pub fn items(&self) -> impl ExactSizeIterator<Item = Option<f64>> + '_ {
        (0..self.item_values.len()).map(|index| self.item(index))
    }

    /// Gives the item values, `scores` and `transformed` their lengths for a scale, which are
    /// kept from row to row (every value is overwritten), so only the first row of a scale
    /// resizes them.
    #[inline]
    fn resize(&mut self, items: usize, scores: usize) {
        self.item_values.resize(items, f64::NAN);
        self.scores.resize(scores, None);
        self.transformed.resize(scores, None);
    }

    /// The value a score's bands classify: the transformed value when the transform has its
    /// own column, else the reported value.
    pub fn banded_value(&self, score: usize) -> Option<f64> {
        self.transformed[score].or(self.scores[score])
    }
}

impl BoundScale<'_> {
    /// Scores one row. Invalid cells are appended to `invalid` (with `row`) and scored as
    /// missing; under [`InvalidPolicy::Missing`] they also mark the row `invalid` in its notes.
    pub fn score_row<C: Cells + ?Sized>(
        &self,
        row: u64,
        cells: &C,
        out: &mut RowScores,
        invalid: &mut Vec<InvalidCell>,
    ) {
        let scale = self.scale;
        out.resize(scale.items.len(), scale.scores.len());
        out.notes.clear();
        out.tally = CodingTally::default();
        let invalid_before = invalid.len();
        let (mut missing, mut others_answered, mut lowest) = (0, 0, 0);
        let values = self.digits.iter().zip(&mut out.item_values);
        for (index, (digits, value)) in values.enumerate() {
            // The usual cell, one digit in range, is read at once; anything else in full.
            *value = digits.read(cells);
            if value.is_nan() {
                let (item, bound) = (&scale.items[index], &self.items[index]);
                let (notes, tally) = (&mut out.notes, &mut out.tally);
                let read = read_item(item, bound, cells, row, notes, invalid, tally);
                *value = read.unwrap_or(f64::NAN);
                missing += usize::from(read.is_none());
                others_answered +=
                    usize::from(read.is_some() && !matches!(item.kind, ItemKind::Single));
            }
            lowest += u64::from(*value == digits.lowest);
        }
        out.answered = out.item_values.len() - missing;
        out.tally.answers = (out.answered - others_answered) as u64;
        out.tally.lowest = lowest;
        let mut any_empty = false;
        let scores = scale.scores.iter().zip(&self.allowed_missing);
        for (index, (score, &allowed)) in scores.enumerate() {
            let aggregated = match &score.source {
                ScoreSource::Items(indices) => aggregate(
                    indices.iter().map(|&i| out.item_values[i]),
                    indices.len(),
                    allowed,
                    score.method,
                    missing == 0,
                ),
                ScoreSource::Subscales(indices) => {
                    // Only the total is made of subscales, and it comes after them.
                    let parts = indices.iter().map(|&i| out.scores[i]);
                    if parts.clone().any(|value| value.is_none()) {
                        None
                    } else {
                        aggregate(parts.flatten(), indices.len(), allowed, score.method, true)
                    }
                }
            };
            let weighted = aggregated.map(|value| value * score.weight);
            let (reported, transformed) = match &score.transform {
                None => (weighted, None),
                Some(transform) if transform.name.is_some() => {
                    (weighted, weighted.map(|value| transform.apply(value)))
                }
                Some(transform) => (weighted.map(|value| transform.apply(value)), None),
            };
            any_empty |= reported.is_none();
            out.scores[index] = reported;
            out.transformed[index] = transformed;
        }
        out.status = if invalid.len() > invalid_before {
            Status::Invalid
        } else if any_empty {
            Status::Incomplete
        } else if missing > 0 {
            Status::Prorated
        } else {
            Status::Ok
        };
    }
}

/// A row of cells addressed by header position.
pub trait Cells {
    /// The cell at `position` (which the sheet reader guarantees exists).
    fn cell(&self, position: usize) -> &str;

    /// The cell at `position` when it is one byte long (the usual answer, one digit).
    fn single_byte(&self, position: usize) -> Option<u8> {
        match self.cell(position).as_bytes() {
            &[byte] => Some(byte),
            _ => None,
        }
    }
}

impl Cells for csv::StringRecord {
    fn cell(&self, position: usize) -> &str {
        &self[position]
    }
}

impl Cells for crate::sheet::Record<'_> {
    fn cell(&self, position: usize) -> &str {
        self.get(position)
    }

    fn single_byte(&self, position: usize) -> Option<u8> {
        self.single_byte(position)
    }
}

impl<S: AsRef<str>> Cells for [S] {
    fn cell(&self, position: usize) -> &str {
        self[position].as_ref()
    }
}

/// Sum or mean of the present values (those not NaN) among `k`, prorated, or `None` when more
/// than `allowed` are missing (or all are). With `complete` (no value can be missing, the usual
/// case) the values are summed without looking for NaN; the sum is the same.
fn aggregate(
    values: impl Iterator<Item = f64>,
    k: usize,
    allowed: usize,
    method: Method,
    complete: bool,
) -> Option<f64> {
    let (sum, answered) = if complete {
        (values.fold(0.0, |sum, value| sum + value), k)
    } else {
        values
            .filter(|value| !value.is_nan())
            .fold((0.0, 0), |(sum, answered), value| {
                (sum + value, answered + 1)
            })
    };
    if answered == 0 || k - answered > allowed {
        return None;
    }
    Some(match method {
        Method::Sum if answered == k => sum,
        Method::Sum => sum * k as f64 / answered as f64,
        Method::Mean => sum / answered as f64,
    })
}

/// Appends `{column} missing`, the most common note, to a `; `-separated notes string.
fn note_missing(notes: &mut String, column: &str) {
    if !notes.is_empty() {
        notes.push_str("; ");
    }
    notes.push_str(column);
    notes.push_str(" missing");
}

/// Appends `entry` to a `; `-separated notes string.
fn push_note(notes: &mut String, entry: std::fmt::Arguments) {
    if !notes.is_empty() {
        notes.push_str("; ");
    }
    let _ = notes.write_fmt(entry);
}
