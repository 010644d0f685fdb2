//! Binding a scale to a sheet: which header column each item reads.

use std::collections::HashMap;

use thiserror::Error;

use super::{Cells, Coding};
use crate::scale::{
    ColumnTemplate, Item, ItemKind, Scale, ScoreSource, column_letters, column_number, item_columns,
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
    /// The scale that needs it, or the option (`--id`, `--keep`, ...).
    pub scale: String,
    /// The column name expected.
    pub column: String,
    /// The most similar existing column.
    pub closest: Option<String>,
    /// Whether it is an item's column, which a position (`@G`) may name; other columns are
    /// named by their header only.
    pub item: bool,
}

impl MissingColumn {
    /// A column other than an item's (an id, group or kept column) that `headers` lacks, needed
    /// by `needed_by` (an option such as `--id`).
    pub fn other(needed_by: &str, column: &str, headers: &Headers) -> MissingColumn {
        MissingColumn {
            scale: needed_by.to_owned(),
            column: column.to_owned(),
            closest: headers.closest(column).map(str::to_owned),
            item: false,
        }
    }
}

/// A scale none of whose item columns a sheet has: most likely the sheet names them otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedScale {
    /// The scale id.
    pub scale: String,
    /// The letters of the sheet's first column that looks like the first of the scale's items
    /// (a run of headers that read like question texts, as many as the scale has items), when
    /// the scale's items can be placed by position.
    pub first_item_column: Option<String>,
}

impl UnmatchedScale {
    /// Looks in `headers` for where `scale`'s items might be.
    pub fn find(scale: &Scale, headers: &Headers) -> UnmatchedScale {
        let placeable = ColumnTemplate::parse("@A").is_ok_and(|t| t.check_fits(scale).is_ok());
        let first_item_column = placeable
            .then(|| first_question_run(headers.names(), scale.items.len()))
            .flatten()
            .map(|position| column_letters(position + 1));
        UnmatchedScale {
            scale: scale.id.clone(),
            first_item_column,
        }
    }
}

/// Whether a header reads like a question rather than a variable name: it starts with a
/// question number (`4、`, `1.`, `Q1`, `第1题`), ends with a question mark, or is long (at least
/// 12 characters) and not a plain identifier such as `cbi_12_baseline`.
pub fn looks_like_question(header: &str) -> bool {
    let text = header.trim();
    let numbered = {
        let rest = text
            .strip_prefix(['Q', 'q', '第'])
            .unwrap_or(text)
            .trim_start();
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let after = rest[digits..].chars().next();
        digits > 0
            && after.is_none_or(|c| {
                matches!(
                    c,
                    '.' | '、' | '．' | ')' | '）' | ':' | '：' | '题' | ' ' | '_' | '-'
                )
            })
    };
    let asks = text.ends_with(['?', '？']);
    let identifier = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    numbered || asks || (text.chars().count() >= 12 && !identifier)
}

/// The position of the first header starting a run of at least `items` headers that read like
/// questions ([`looks_like_question`]).
fn first_question_run(names: &[String], items: usize) -> Option<usize> {
    let mut start = 0;
    for (position, name) in names.iter().enumerate() {
        if !looks_like_question(name) {
            start = position + 1;
        } else if position + 1 - start >= items {
            return Some(start);
        }
    }
    None
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
    pub unmatched_scales: Vec<UnmatchedScale>,
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
        let position = missing
            .column
            .trim()
            .strip_prefix('@')
            .and_then(column_number);
        match position {
            Some(_) if missing.item => {
                let last = column_letters(error.available.len());
                let _ = write!(text, "; the sheet's last column is {last}");
            }
            Some(number) => {
                let _ = write!(
                    text,
                    "; a position such as @D places item columns only (--columns @D): name this \
                     column by its header"
                );
                if let Some(header) = error.available.get(number - 1) {
                    let letters = column_letters(number);
                    let _ = write!(text, " (column {letters} is headed \"{header}\")");
                }
            }
            None => {}
        }
    }
    let _ = write!(
        text,
        "\n  columns in the file: {}",
        error.available.join(", ")
    );
    for unmatched in &error.unmatched_scales {
        let scale = &unmatched.scale;
        match &unmatched.first_item_column {
            Some(letters) => {
                let _ = write!(
                    text,
                    "\n  hint: no item column of `{scale}` was found; the columns from {letters} on \
                     read like question texts: if they hold its items in order, place them by \
                     position with --columns @{letters}; else give a template, e.g. --columns \"Q{{n}}\""
                );
            }
            None => {
                let _ = write!(
                    text,
                    "\n  hint: no item column of `{scale}` was found; if the sheet names them differently, give a template, e.g. --columns \"Q{{n}}\""
                );
            }
        }
    }
    text
}

/// One item bound to sheet positions.
#[derive(Debug, Clone)]
pub struct BoundItem {
    /// Column names, one per part (one for single items and count cells), as looked up: `@J`
    /// for a position.
    pub columns: Vec<String>,
    /// What notes and messages call each part: the column name, or for an item placed by
    /// position the column the scale's own naming gives it (`cbi_7`), never the position.
    pub names: Vec<String>,
    /// Header positions of those columns.
    pub positions: Vec<usize>,
    /// What is added to a number read from its cells (see [`Coding`]); 0 unless the sheet
    /// numbers the options otherwise.
    pub(super) shift: f64,
}

impl BoundItem {
    /// How a message locates part `part` of the item: its name, and for an item placed by
    /// position also its column's letters (`J (cbi_7)`).
    pub(super) fn located(&self, part: usize) -> String {
        let name = &self.names[part];
        if *name == self.columns[part] {
            name.clone()
        } else {
            format!("{} ({name})", column_letters(self.positions[part] + 1))
        }
    }
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

/// An item's column and its value for each one-digit answer `0` to `9` (shifted by the
/// sheet's coding, then reversed where the item is keyed so), NaN for a digit out of its range.
/// Items that are not single answers have no digit values (all NaN), so their cells are always
/// read in full.
#[derive(Debug, Clone)]
pub(super) struct DigitAnswers {
    position: usize,
    values: [f64; 10],
    /// The value the item's lowest answer scores (its `max` when reversed), which
    /// [`super::CodingTally::lowest`] counts; NaN for items that are not single answers.
    pub(super) lowest: f64,
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
                lowest: f64::NAN,
            };
        }
        let values = std::array::from_fn(|digit| {
            let value = digit as f64 + bound.shift;
            if value < item.min || value > item.max {
                f64::NAN
            } else if item.reverse {
                item.min + item.max - value
            } else {
                value
            }
        });
        let lowest = if item.reverse { item.max } else { item.min };
        DigitAnswers {
            position,
            values,
            lowest,
        }
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
                                item: true,
                            });
                        }
                        found
                    })
                    .collect();
                // Notes name an item placed by position as the scale's own naming does.
                let names = if template.is_positional() {
                    item_columns(scale, item, &scale.columns)
                } else {
                    columns.clone()
                };
                BoundItem {
                    columns,
                    names,
                    positions,
                    shift: 0.0,
                }
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

    /// Binds `scale` as [`BoundScale::bind`] does; when none of its item columns is found,
    /// also adds it to `unmatched`, with where its items might be.
    pub fn bind_or_explain(
        scale: &'s Scale,
        template: Option<&ColumnTemplate>,
        headers: &Headers,
        missing: &mut Vec<MissingColumn>,
        unmatched: &mut Vec<UnmatchedScale>,
    ) -> Option<BoundScale<'s>> {
        let before = missing.len();
        let bound = BoundScale::bind(scale, template, headers, missing);
        let template = template.unwrap_or(&scale.columns);
        let wanted: usize = scale
            .items
            .iter()
            .map(|item| item_columns(scale, item, template).len())
            .sum();
        if bound.is_none() && missing.len() - before == wanted {
            unmatched.push(UnmatchedScale::find(scale, headers));
        }
        bound
    }

    /// Reads the sheet's numbers as `coding` says (made for this scale): every number in the
    /// cells of a single answer or of a sum's part is shifted before it is checked and scored.
    pub fn with_coding(mut self, coding: &Coding) -> BoundScale<'s> {
        for (index, (item, bound)) in self.scale.items.iter().zip(&mut self.items).enumerate() {
            bound.shift = coding.shift(index);
            self.digits[index] = DigitAnswers::new(item, bound);
        }
        self
    }

    /// Every header position that this scale reads.
    pub fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.items
            .iter()
            .flat_map(|item| item.positions.iter().copied())
    }
}
