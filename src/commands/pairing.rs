//! Pairing the rows of a pre-test and a post-test sheet by id, and the record of rows left out.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use thiserror::Error;

use super::measures::{MeasureSheet, value_list};

/// Pre and post rows without one id in common: nothing can be paired, almost always because
/// the id column is the wrong one or its values are written differently in the two sheets.
#[derive(Debug, Error)]
#[error(
    "no id has both a {} and a {} row, so nothing can be paired\n  {} ids ({}): {}\n  {} ids ({}): {}\n  ids are compared as text (trimmed): check the id column, and that e.g. 7 is not written 007 in one sheet",
    .levels[0], .levels[1], .levels[0], .sources[0], .ids[0], .levels[1], .sources[1], .ids[1]
)]
pub struct NoPairsError {
    /// The names of the two times.
    pub levels: [String; 2],
    /// The sheet each time's rows come from.
    pub sources: [String; 2],
    /// Each time's first ids, for the message.
    pub ids: [String; 2],
}

/// Refuses pre and post sheets that share no id (see [`NoPairsError`]).
pub fn require_common_ids(
    pre: &MeasureSheet,
    post: &MeasureSheet,
    levels: [&str; 2],
) -> anyhow::Result<()> {
    let pre_ids: HashSet<&str> = pre.rows.iter().map(|row| row.id.as_str()).collect();
    if post
        .rows
        .iter()
        .any(|row| pre_ids.contains(row.id.as_str()))
    {
        return Ok(());
    }
    let ids = |sheet: &MeasureSheet| {
        let ids: Vec<&str> = sheet.rows.iter().map(|row| row.id.as_str()).collect();
        if ids.is_empty() {
            "no rows".to_owned()
        } else {
            value_list(&ids)
        }
    };
    Err(NoPairsError {
        levels: levels.map(str::to_owned),
        sources: [pre.source.clone(), post.source.clone()],
        ids: [ids(pre), ids(post)],
    }
    .into())
}

/// A row left out of an analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Left {
    /// The person's id (or row number).
    pub id: String,
    /// The measure concerned; `null` when the row is left out of every measure.
    pub measure: Option<String>,
    /// Why.
    pub reason: String,
}

/// Pairs the rows of two sheets by id. Ids that occur twice in a sheet are left out (listed in
/// `excluded`); ids in only one sheet are listed in `unmatched`. Returns (pre row, post row)
/// index pairs in pre-sheet order.
pub fn pair_by_id(
    pre: &MeasureSheet,
    post: &MeasureSheet,
    names: [&str; 2],
    unmatched: &mut Vec<Left>,
    excluded: &mut Vec<Left>,
) -> Vec<(usize, usize)> {
    let pre_index = index_by_id(pre, names[0], excluded);
    let post_index = index_by_id(post, names[1], excluded);
    let mut pairs = Vec::new();
    for &(id, pre_row) in &pre_index.order {
        match post_index.rows.get(id) {
            Some(Some(post_row)) => pairs.push((pre_row, *post_row)),
            Some(None) => {}
            None => unmatched.push(only_in(id, names[0], pre.rows[pre_row].row)),
        }
    }
    for &(id, post_row) in &post_index.order {
        if !pre_index.rows.contains_key(id) {
            unmatched.push(only_in(id, names[1], post.rows[post_row].row));
        }
    }
    pairs
}

fn only_in(id: &str, sheet: &str, row: u64) -> Left {
    Left {
        id: id.to_owned(),
        measure: None,
        reason: format!("only in the {sheet} sheet (row {row})"),
    }
}

/// Rows by id, borrowed from the sheet: `None` for ids that occur more than once (left out);
/// and the ids that occur once, in sheet order.
struct IdIndex<'a> {
    rows: HashMap<&'a str, Option<usize>>,
    order: Vec<(&'a str, usize)>,
}

fn index_by_id<'a>(sheet: &'a MeasureSheet, name: &str, excluded: &mut Vec<Left>) -> IdIndex<'a> {
    let mut rows: HashMap<&str, Option<usize>> = HashMap::with_capacity(sheet.rows.len());
    for (index, row) in sheet.rows.iter().enumerate() {
        if row.id.is_empty() {
            excluded.push(Left {
                id: String::new(),
                measure: None,
                reason: format!("row {} of the {name} sheet has no id", row.row),
            });
            continue;
        }
        rows.entry(row.id.as_str())
            .and_modify(|first| *first = None)
            .or_insert(Some(index));
    }
    let order = sheet
        .rows
        .iter()
        .enumerate()
        .filter(|(index, row)| rows.get(row.id.as_str()) == Some(&Some(*index)))
        .map(|(index, row)| (row.id.as_str(), index))
        .collect();
    // Each duplicated id once, in id order, with every row it occurs in.
    let mut duplicates: HashMap<&str, Vec<String>> = HashMap::new();
    for row in &sheet.rows {
        if rows.get(row.id.as_str()) == Some(&None) {
            duplicates
                .entry(&row.id)
                .or_default()
                .push(row.row.to_string());
        }
    }
    let mut duplicates: Vec<(&str, Vec<String>)> = duplicates.into_iter().collect();
    duplicates.sort();
    for (id, listed) in duplicates {
        excluded.push(Left {
            id: id.to_owned(),
            measure: None,
            reason: format!(
                "the id occurs more than once in the {name} sheet (rows {})",
                listed.join(", ")
            ),
        });
    }
    IdIndex { rows, order }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::measures::MeasureRow;

    /// A sheet whose rows have these ids (rows 2, 3, ...), no measures.
    fn sheet(ids: &[&str]) -> MeasureSheet {
        MeasureSheet {
            source: "test".into(),
            measures: Vec::new(),
            rows: ids
                .iter()
                .enumerate()
                .map(|(index, id)| MeasureRow {
                    row: index as u64 + 2,
                    id: (*id).to_owned(),
                    keys: Vec::new(),
                    values: Vec::new(),
                    items: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn pairs_in_pre_order_and_lists_what_is_left_out() {
        let pre = sheet(&["b", "z", "a", "", "z", "c", "y", "z", "y"]);
        let post = sheet(&["a", "c", "b", "d", "d", "e"]);
        let (mut unmatched, mut excluded) = (Vec::new(), Vec::new());
        let pairs = pair_by_id(&pre, &post, ["pre", "post"], &mut unmatched, &mut excluded);
        assert_eq!(pairs, [(0, 2), (2, 0), (5, 1)]);
        let reasons = |left: &[Left]| -> Vec<String> {
            left.iter()
                .map(|l| format!("{}: {}", l.id, l.reason))
                .collect()
        };
        assert_eq!(reasons(&unmatched), ["e: only in the post sheet (row 7)"]);
        assert_eq!(
            reasons(&excluded),
            [
                ": row 5 of the pre sheet has no id",
                "y: the id occurs more than once in the pre sheet (rows 8, 10)",
                "z: the id occurs more than once in the pre sheet (rows 3, 6, 9)",
                "d: the id occurs more than once in the post sheet (rows 5, 6)",
            ]
        );
    }
}
