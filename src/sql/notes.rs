//! The `{scale}_notes` column: which cells were missing or invalid, as `psyscore score` notes
//! them (`cbi_3 missing; cbi_7 invalid`), less what SQL cannot spell alike: an invalid cell is
//! noted `{column} invalid`, without its value (which psyscore quotes with Rust's escapes) and
//! the answers allowed; and columns are named as the query reads them, not as the sheet's
//! header spells them.

use std::fmt::Write as _;

use super::Dialect;
use super::cells::SheetColumn;
use crate::scale::{ItemKind, Scale};

/// The notes of a row, NULL when there is nothing to note: `; `-separated entries in item
/// order. Rows with every item answered and no invalid cell skip the entries.
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
                        "CASE WHEN {} IS NOT NULL THEN NULL WHEN {} THEN {} ELSE {} END",
                        part.answer(),
                        part.invalid(dialect),
                        dialect.string(&format!("{} invalid", part.name)),
                        dialect.string(&noted),
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
    // A row with every item answered has no invalid cell (`_checks`) and nothing to note.
    let k = scale.items.len();
    let mut expr = format!(
        "CASE WHEN {answered} = {k} THEN NULL\nWHEN _invalid THEN NULLIF({}, '')\n",
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
    // Two items missing or more: the entries of the missing items.
    let missing: Vec<String> = missing
        .iter()
        .map(|(condition, noted)| {
            format!("CASE WHEN {condition} THEN {} END", dialect.string(noted))
        })
        .collect();
    let _ = write!(expr, "ELSE NULLIF({}, '')\nEND", dialect.join(&missing));
    expr
}
