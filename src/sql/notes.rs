//! The `{scale}_notes` column: which cells were missing or invalid, as `psyscore score` notes
//! them (`cbi_3 missing; cbi_7 invalid`), less what SQL cannot spell alike: an invalid cell is
//! noted `{column} invalid`, without its value (which psyscore quotes with Rust's escapes) and
//! the answers allowed; and columns are named as the query reads them, not as the sheet's
//! header spells them.

use std::fmt::Write as _;

use super::cells::SheetColumn;
use super::{Dialect, join_wrapped};
use crate::scale::{ItemKind, Scale};

/// The notes of a row, NULL when there is nothing to note: `; `-separated entries in item
/// order. Rows with every item answered skip the entries; rows with no invalid cell (most rows
/// with a note) name their one missing item by a chain of tests, or look the missing ones up by
/// group ([`missing_group`]).
pub(super) fn notes(
    scale: &Scale,
    columns: &[SheetColumn],
    answered: &str,
    dialect: Dialect,
) -> String {
    // Each entry; and, for rows with no invalid cell (most rows with a note), each missing
    // entry's condition and text, with no invalid check.
    let (mut entries, mut missing) = (Vec::new(), Vec::<(String, String)>::new());
    for (index, item) in scale.items.iter().enumerate() {
        let parts: Vec<&SheetColumn> = columns
            .iter()
            .filter(|column| column.item == index)
            .collect();
        match item.kind {
            ItemKind::Single | ItemKind::Sum { .. } => {
                for part in &parts {
                    let noted = format!("{} missing", part.name);
                    entries.push(format!(
                        "CASE WHEN {} IS NOT NULL THEN NULL\n  WHEN {} THEN {} ELSE {} END",
                        part.answer(),
                        part.blank(dialect),
                        dialect.string(&noted),
                        dialect.string(&format!("{} invalid", part.name)),
                    ));
                    missing.push((format!("{} IS NULL", part.answer()), noted));
                }
            }
            // Each invalid option; when none is, all options blank are one entry.
            ItemKind::Count { .. } => {
                for part in &parts {
                    entries.push(format!(
                        "CASE WHEN {} THEN {} END",
                        part.invalid(dialect),
                        dialect.string(&format!("{} invalid", part.name)),
                    ));
                }
                let blank: Vec<String> = parts
                    .iter()
                    .map(|part| {
                        format!(
                            "({} IS NULL AND NOT {})",
                            part.answer(),
                            part.invalid(dialect)
                        )
                    })
                    .collect();
                let (first, last) = (&parts[0].name, &parts[parts.len() - 1].name);
                let noted = format!("{first} to {last} missing");
                entries.push(format!(
                    "CASE WHEN {} THEN {} END",
                    blank.join(" AND "),
                    dialect.string(&noted)
                ));
                let none: Vec<String> = parts
                    .iter()
                    .map(|part| format!("{} IS NULL", part.answer()))
                    .collect();
                missing.push((none.join(" AND "), noted));
            }
        }
    }
    // A row with every item answered has no invalid cell (`_checks`) and nothing to note; any
    // other row has an entry: its invalid cell's, or its unanswered item's (a part missing, or
    // every option blank), so the joined entries are never empty. (`NULLIF(…, '')` would make
    // sure, but DuckDB computes its argument twice, the notes' largest cost.)
    let k = scale.items.len();
    let mut expr = format!(
        "CASE WHEN {answered} = {k} THEN NULL\nWHEN _invalid THEN {}\n",
        dialect.join(&entries)
    );
    // One item missing (the most common note): one entry, the first found, unless an item of
    // parts can have more than one part missing.
    let sums = scale
        .items
        .iter()
        .any(|item| matches!(item.kind, ItemKind::Sum { .. }));
    if k > 0 && !sums {
        let _ = write!(expr, "WHEN {answered} = {} THEN CASE", k - 1);
        for (condition, noted) in &missing {
            let _ = write!(expr, "\n  WHEN {condition} THEN {}", dialect.string(noted));
        }
        expr.push_str("\nEND\n");
    }
    // Two items missing or more: the entries of the missing items, by groups.
    let groups: Vec<String> = missing
        .chunks(NOTE_GROUP)
        .map(|group| missing_group(group, dialect))
        .collect();
    let _ = write!(expr, "ELSE {}\nEND", dialect.join(&groups));
    expr
}

/// How many missing entries [`missing_group`] notes in one lookup: a list of 2^3 texts.
/// Fewer expressions than a `CASE` per entry, which DuckDB evaluates for every vector of 2,048
/// rows holding a row with two items missing (nearly all of them); longer groups would repeat
/// each column name in more texts.
const NOTE_GROUP: usize = 3;

/// The note of a group of missing entries (condition, text), NULL when none is missing: the
/// text at position 1 + Σ 2^j over the missing entries j of a list of the texts of every
/// subset of the group, in that order.
fn missing_group(group: &[(String, String)], dialect: Dialect) -> String {
    let texts: Vec<String> = (0..1_usize << group.len())
        .map(|subset| {
            let noted: Vec<&str> = group
                .iter()
                .enumerate()
                .filter(|&(j, _)| subset >> j & 1 == 1)
                .map(|(_, (_, noted))| noted.as_str())
                .collect();
            if noted.is_empty() {
                "NULL".to_owned()
            } else {
                dialect.string(&noted.join("; "))
            }
        })
        .collect();
    let position =
        std::iter::once("1".to_owned()).chain(group.iter().enumerate().map(
            |(j, (condition, _))| format!("CASE WHEN {condition} THEN {} ELSE 0 END", 1 << j),
        ));
    dialect.element(&dialect.list(&texts), &join_wrapped(position, "+"))
}
