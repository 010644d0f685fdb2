//! The report as Markdown (GitHub-flavoured tables); figures are linked SVG files written
//! beside it.

use std::fmt::Write;

use super::{Block, Document};

/// Writes `document` as Markdown. Inline markup is Markdown's own (`*italic*`, `\\` escapes),
/// so text passes through, but for subscripts: `~z~` is written `<sub>z</sub>` (GitHub reads a
/// tilde pair as strikethrough).
pub fn to_markdown(document: &Document) -> String {
    let out = write_markdown(document);
    let mut text = String::with_capacity(out.len());
    let mut open = false;
    let mut chars = out.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                text.push(c);
                text.extend(chars.next());
            }
            '~' => {
                text.push_str(if open { "</sub>" } else { "<sub>" });
                open = !open;
            }
            c => text.push(c),
        }
    }
    text
}

fn write_markdown(document: &Document) -> String {
    let mut out = format!("# {}\n", document.title);
    for block in &document.blocks {
        out.push('\n');
        match block {
            Block::Heading { level, text } => {
                let _ = writeln!(out, "{} {text}", "#".repeat(usize::from(*level)));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{text}");
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {item}");
                }
            }
            Block::Table(table) => {
                let _ = writeln!(out, "{}\n", table.caption);
                let _ = writeln!(out, "| {} |", table.header.join(" | "));
                let rule: Vec<&str> = (0..table.header.len())
                    .map(|i| if i == 0 { "---" } else { "---:" })
                    .collect();
                let _ = writeln!(out, "| {} |", rule.join(" | "));
                for row in &table.rows {
                    let _ = writeln!(out, "| {} |", row.join(" | "));
                }
                if let Some(note) = &table.note {
                    let _ = writeln!(out, "\n{note}");
                }
            }
            Block::Figure(figure) => {
                let _ = writeln!(out, "![{}]({})", figure.caption, figure.file);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Table;

    #[test]
    fn tables_are_pipe_tables_with_numbers_right_aligned() {
        let document = Document {
            title: "T".to_owned(),
            lang: "en",
            blocks: vec![Block::Table(Table {
                caption: "Table 1. X".to_owned(),
                header: vec!["measure".to_owned(), "*n*".to_owned()],
                rows: vec![vec!["total".to_owned(), "8".to_owned()]],
                note: None,
            })],
        };
        assert_eq!(
            to_markdown(&document),
            "# T\n\nTable 1. X\n\n| measure | *n* |\n| --- | ---: |\n| total | 8 |\n"
        );
    }
}
