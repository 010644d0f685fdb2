//! Binding a scale to a sheet: which header column each item reads.

use std::collections::HashMap;

use thiserror::Error;

use crate::scale::{ColumnTemplate, CountLayout, Item, ItemKind, Scale};

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

    /// The header names as read.
    pub fn names(&self) -> &'a [String] {
        self.names
    }

    /// The existing header most similar to `name`, for "did you mean" hints.
    pub fn closest(&self, name: &str) -> Option<&'a str> {
        let wanted = name.to_lowercase();
        self.names
            .iter()
            .map(|candidate| (strsim::jaro_winkler(&wanted, &candidate.to_lowercase()), candidate))
            .filter(|(similarity, _)| *similarity >= 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
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

/// Item columns absent from a sheet: all of them, for every scale, in one error.
#[derive(Debug, Error)]
#[error("{file}: {} required column{} not found: {}\n  columns in the file: {}", .missing.len(), if .missing.len() == 1 { " is" } else { "s are" }, list_missing(.missing), .available.join(", "))]
pub struct MissingColumnsError {
    /// The sheet.
    pub file: String,
    /// Every missing column.
    pub missing: Vec<MissingColumn>,
    /// The sheet's columns.
    pub available: Vec<String>,
}

fn list_missing(missing: &[MissingColumn]) -> String {
    missing
        .iter()
        .map(|m| match &m.closest {
            Some(closest) => format!("{} (closest: {closest})", m.column),
            None => m.column.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
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
                        let found = headers.find(column);
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
            .collect();
        (missing.len() == before).then_some(BoundScale { scale, items })
    }

    /// Every header position that this scale reads.
    pub fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.items.iter().flat_map(|item| item.positions.iter().copied())
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
