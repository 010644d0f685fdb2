//! The `{scale}_notes` column: which cells were missing or invalid, as `psyscore score` notes
//! them (`cbi_3 missing; cbi_7 invalid`), less what SQL cannot spell alike: an invalid cell is
//! noted `{column} invalid`, without its value (which psyscore quotes with Rust's escapes) and
//! the answers allowed; and columns are named as the query reads them, not as the sheet's
//! header spells them.

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
    let mut entries = Vec::new();
    for (index, item) in scale.items.iter().enumerate() {
        let parts: Vec<&SheetColumn> = columns
            .iter()
            .filter(|column| column.item == index)
            .collect();
        match item.kind {
            ItemKind::Single | ItemKind::Sum { .. } => {
                for part in &parts {
                    entries.push(format!(
                        "CASE WHEN {} IS NOT NULL THEN NULL WHEN {} THEN {} ELSE {} END",
                        part.answer(),
                        part.invalid(dialect),
                        dialect.string(&format!("{} invalid", part.name)),
                        dialect.string(&format!("{} missing", part.name)),
                    ));
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
                entries.push(format!(
                    "CASE WHEN {} THEN {} END",
                    blank.join(" AND "),
                    dialect.string(&format!("{first} to {last} missing")),
                ));
            }
        }
    }
    format!(
        "CASE WHEN NOT _invalid AND {answered} = {} THEN NULL\nELSE NULLIF(concat_ws('; ',\n  {}\n), '')\nEND",
        scale.items.len(),
        entries.join(",\n  ")
    )
}
