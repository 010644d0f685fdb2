//! Pairing the rows of a pre-test and a post-test sheet by id, and the record of rows left out.

use std::collections::HashMap;

use serde::Serialize;

use super::measures::MeasureSheet;

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
    for (id, pre_row) in &pre_index.order {
        let pre_row = *pre_row;
        match post_index.rows.get(id.as_str()) {
            Some(Some(post_row)) => pairs.push((pre_row, *post_row)),
            Some(None) => {}
            None => unmatched.push(Left {
                id: id.clone(),
                measure: None,
                reason: format!(
                    "only in the {} sheet (row {})",
                    names[0], pre.rows[pre_row].row
                ),
            }),
        }
    }
    for (id, post_row) in &post_index.order {
        let post_row = *post_row;
        if !pre_index.rows.contains_key(id.as_str()) {
            unmatched.push(Left {
                id: id.clone(),
                measure: None,
                reason: format!(
                    "only in the {} sheet (row {})",
                    names[1], post.rows[post_row].row
                ),
            });
        }
    }
    pairs
}

/// Rows by id: `None` for ids that occur more than once (left out), in order of first
/// appearance.
struct IdIndex {
    rows: HashMap<String, Option<usize>>,
    order: Vec<(String, usize)>,
}

fn index_by_id(sheet: &MeasureSheet, name: &str, excluded: &mut Vec<Left>) -> IdIndex {
    let mut rows: HashMap<String, Option<usize>> = Default::default();
    let mut order = Vec::new();
    let mut rows_of: HashMap<&str, Vec<u64>> = Default::default();
    for (index, row) in sheet.rows.iter().enumerate() {
        rows_of.entry(row.id.as_str()).or_default().push(row.row);
        if row.id.is_empty() {
            excluded.push(Left {
                id: String::new(),
                measure: None,
                reason: format!("row {} of the {name} sheet has no id", row.row),
            });
            continue;
        }
        match rows.get(&row.id) {
            None => {
                rows.insert(row.id.clone(), Some(index));
                order.push((row.id.clone(), index));
            }
            Some(Some(_)) => {
                rows.insert(row.id.clone(), None);
            }
            Some(None) => {}
        }
    }
    order.retain(|(id, _)| rows[id].is_some());
    let mut duplicates: Vec<(&String, &Option<usize>)> =
        rows.iter().filter(|(_, r)| r.is_none()).collect();
    duplicates.sort();
    for (id, _) in duplicates {
        let listed: Vec<String> = rows_of[id.as_str()].iter().map(u64::to_string).collect();
        excluded.push(Left {
            id: id.clone(),
            measure: None,
            reason: format!(
                "the id occurs more than once in the {name} sheet (rows {})",
                listed.join(", ")
            ),
        });
    }
    IdIndex { rows, order }
}
