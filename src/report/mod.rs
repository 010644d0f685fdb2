//! Reports for people: a document of headings, paragraphs, tables and figures, written as one
//! self-contained HTML file (inline CSS and SVG, no network), as Markdown, or as a Word
//! document (.docx, figures as PNG), and its tables as an Excel workbook.
//!
//! Text uses one piece of inline markup, `*italic*` for statistical symbols (APA style); a
//! literal `*`, `\` or `|` from the data is written with [`escape`].

mod docx;
pub mod figures;
mod html;
mod markdown;
pub mod png;
mod xlsx;

pub use docx::{BODY_FONT_ZH, DocxError, HEADING_FONT_ZH, LATIN_FONT, to_docx};
pub use html::to_html;
pub use markdown::to_markdown;
pub use xlsx::to_xlsx;

/// A whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The title (first heading, and the HTML page title).
    pub title: String,
    /// The language tag of the text, e.g. `en` or `zh-Hans`.
    pub lang: &'static str,
    /// The content, in order.
    pub blocks: Vec<Block>,
}

/// One part of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading; level 2 is a section, 3 a subsection.
    Heading {
        /// 2 or 3 (1 is the title).
        level: u8,
        /// The text.
        text: String,
    },
    /// A paragraph.
    Paragraph(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A table.
    Table(Table),
    /// A figure.
    Figure(Figure),
}

/// A table with its caption (APA: "Table 2" above, the title, then notes below).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The caption, e.g. "Table 2. Pre/post within groups".
    pub caption: String,
    /// Column headings.
    pub header: Vec<String>,
    /// Rows of cells, each as long as the header.
    pub rows: Vec<Vec<String>>,
    /// A note under the table.
    pub note: Option<String>,
}

/// A figure: an SVG drawing and its caption.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The file name the SVG is also written to (relative to the report), e.g.
    /// `figures/cbi_total_lines.svg`.
    pub file: String,
    /// The SVG element.
    pub svg: String,
    /// The caption.
    pub caption: String,
}

/// Escapes text from the data (ids, labels) so that the inline markup leaves it as it is.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '~' | '\\' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A piece of marked-up text with its style.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Span {
    /// The text, escapes resolved.
    text: String,
    /// Between `*` and `*`: a statistical symbol.
    italic: bool,
    /// Between `~` and `~`: a subscript (`*d*~z~`, `η²~G~`).
    subscript: bool,
}

/// The pieces of marked-up text (`*italic*`, `~subscript~`, `\` escaping the next character).
fn spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut current = String::new();
    let (mut italic, mut subscript) = (false, false);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.extend(chars.next()),
            '*' | '~' => {
                if !current.is_empty() {
                    spans.push(Span {
                        text: std::mem::take(&mut current),
                        italic,
                        subscript,
                    });
                }
                if c == '*' {
                    italic = !italic;
                } else {
                    subscript = !subscript;
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        spans.push(Span {
            text: current,
            italic,
            subscript,
        });
    }
    spans
}

/// Marked-up text without its markup.
fn plain_text(text: &str) -> String {
    spans(text).into_iter().map(|span| span.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_has_italics_and_escapes() {
        let span = |text: &str, italic, subscript| Span {
            text: text.to_owned(),
            italic,
            subscript,
        };
        assert_eq!(
            spans("*t*(7) = 4.21, *d*~z~ = 1.2"),
            vec![
                span("t", true, false),
                span("(7) = 4.21, ", false, false),
                span("d", true, false),
                span("z", false, true),
                span(" = 1.2", false, false),
            ]
        );
        let id = escape("a*b|c\\~1");
        assert_eq!(id, "a\\*b\\|c\\\\\\~1");
        assert_eq!(spans(&id), vec![span("a*b|c\\~1", false, false)]);
    }
}
