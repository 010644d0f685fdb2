//! The report as one self-contained HTML page: inline CSS and SVG, no scripts, no fonts or
//! images fetched, tables that print on A4, and markup that is also well-formed XML.

use std::fmt::Write;

use super::figures::escape_xml;
use super::{Block, Document, Table, plain_text, spans};

/// The page's style: APA-like tables (rules above and below the header and at the end), fonts
/// with CJK fallbacks, figures that do not break across printed pages, A4 pages with 2.5 cm
/// margins, and Chinese names that never break inside (`keep-all`: "总分" stays one line; a
/// long name still wraps at its spaces).
const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #111; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05rem; margin-top: 1.6rem; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8rem 0 0.3rem; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-style: italic; padding-bottom: 0.3rem; }
thead th { border-top: 2px solid #111; border-bottom: 1px solid #111; }
tbody tr:last-child td { border-bottom: 2px solid #111; }
th, td { padding: 0.2rem 0.6rem; text-align: right; vertical-align: top; }
td { white-space: nowrap; }
td:first-child, td:last-child { white-space: normal; word-break: keep-all; }
th { word-break: keep-all; }
th:first-child, td:first-child { text-align: left; }
p.note { font-size: 0.82rem; color: #333; margin-top: 0.2rem; }
figure { margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.88rem; color: #333; }
@page { size: A4 portrait; margin: 2.5cm; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { break-after: avoid; } table { break-inside: avoid; } }
"#;

/// Writes `document` as an HTML page.
pub fn to_html(document: &Document) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(out, "<html lang=\"{}\">", document.lang);
    out.push_str("<head>\n<meta charset=\"utf-8\" />\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
    let _ = writeln!(out, "<title>{}</title>", plain(&document.title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(out, "<h1>{}</h1>", inline(&document.title));
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                let _ = writeln!(out, "<h{level}>{}</h{level}>", inline(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", inline(text));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", inline(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(table) => write_table(&mut out, table),
            Block::Figure(figure) => {
                let _ = writeln!(
                    out,
                    "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>",
                    figure.svg.trim(),
                    inline(&figure.caption)
                );
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn write_table(out: &mut String, table: &Table) {
    out.push_str("<table>\n");
    let _ = writeln!(out, "<caption>{}</caption>", inline(&table.caption));
    out.push_str("<thead><tr>");
    for cell in &table.header {
        let _ = write!(out, "<th>{}</th>", inline(cell));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", inline(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if let Some(note) = &table.note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", inline(note));
    }
}

/// Marked-up text as HTML: italics as `<i>`, subscripts as `<sub>`, everything else escaped.
fn inline(text: &str) -> String {
    let mut out = String::new();
    for span in spans(text) {
        let mut piece = escape_xml(&span.text);
        if span.italic {
            piece = format!("<i>{piece}</i>");
        }
        if span.subscript {
            piece = format!("<sub>{piece}</sub>");
        }
        out.push_str(&piece);
    }
    out
}

/// Marked-up text without its markup, escaped (for the page title).
fn plain(text: &str) -> String {
    escape_xml(&plain_text(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Figure, escape};

    #[test]
    fn escapes_data_and_renders_italics() {
        let document = Document {
            title: "A <b> & C".to_owned(),
            lang: "en",
            blocks: vec![
                Block::Paragraph(format!("*t*(7) = 4.21 for {}", escape("id*<1>"))),
                Block::Table(Table {
                    caption: "Table 1".to_owned(),
                    header: vec!["a".to_owned(), "*p*".to_owned()],
                    rows: vec![vec!["x & y".to_owned(), ".004".to_owned()]],
                    note: Some("Note.".to_owned()),
                }),
                Block::Figure(Figure {
                    file: "figures/x.svg".to_owned(),
                    svg: "<svg viewBox=\"0 0 1 1\"></svg>".to_owned(),
                    caption: "Figure 1".to_owned(),
                }),
            ],
        };
        let html = to_html(&document);
        assert!(html.contains("<title>A &lt;b&gt; &amp; C</title>"));
        assert!(html.contains("<p><i>t</i>(7) = 4.21 for id*&lt;1&gt;</p>"));
        assert!(html.contains("<th><i>p</i></th>"));
        assert!(html.contains("<td>x &amp; y</td>"));
        assert!(html.contains(
            "<figure>\n<svg viewBox=\"0 0 1 1\"></svg>\n<figcaption>Figure 1</figcaption>"
        ));
    }
}
