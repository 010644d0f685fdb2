//! Column templates such as `{id}_{n}`, `Q{n+12}` or `{name}`.

use std::fmt::{self, Write as _};

use serde::Serialize;
use thiserror::Error;

/// A template that turns an item into its column name.
///
/// Placeholders: `{id}` (the scale id), `{n}` (the item number, 1-based, with an optional offset
/// `{n+12}` / `{n-1}`), `{name}` (the item name; the number for numbered items).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct ColumnTemplate {
    text: String,
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Id,
    Number(i64),
    Name,
}

/// The largest offset `{n+OFFSET}` may add or subtract (far beyond any questionnaire sheet).
const MAX_OFFSET: i64 = 1_000_000;

/// A template that cannot be parsed.
#[derive(Debug, Error, PartialEq, Eq)]
#[error(
    "bad column template \"{template}\": {reason}; placeholders are {{id}}, {{name}}, {{n}}, {{n+OFFSET}} and {{n-OFFSET}}"
)]
pub struct TemplateError {
    /// The template as written.
    pub template: String,
    /// What is wrong.
    pub reason: String,
}

impl ColumnTemplate {
    /// Parses a template.
    pub fn parse(text: &str) -> Result<ColumnTemplate, TemplateError> {
        let fail = |reason: String| TemplateError {
            template: text.to_owned(),
            reason,
        };
        let mut pieces = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            match rest.find(['{', '}']) {
                Some(0) if rest.starts_with('}') => {
                    return Err(fail("a `}` without its `{`".into()));
                }
                Some(0) => {
                    let close = rest
                        .find('}')
                        .ok_or_else(|| fail("a `{` without its `}`".into()))?;
                    pieces.push(parse_placeholder(&rest[1..close]).map_err(fail)?);
                    rest = &rest[close + 1..];
                }
                Some(at) => {
                    pieces.push(Piece::Literal(rest[..at].to_owned()));
                    rest = &rest[at..];
                }
                None => {
                    pieces.push(Piece::Literal(rest.to_owned()));
                    rest = "";
                }
            }
        }
        if !pieces
            .iter()
            .any(|piece| matches!(piece, Piece::Number(_) | Piece::Name))
        {
            return Err(fail(
                "it has no {n} or {name}, so every item would read the same column".into(),
            ));
        }
        Ok(ColumnTemplate {
            text: text.to_owned(),
            pieces,
        })
    }

    /// The column of item `number` (1-based) named `name` in scale `id`.
    pub fn column(&self, id: &str, number: usize, name: &str) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Id => out.push_str(id),
                Piece::Number(offset) => {
                    let _ = write!(out, "{}", number as i64 + offset);
                }
                Piece::Name => out.push_str(name),
            }
        }
        out
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ColumnTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<ColumnTemplate> for String {
    fn from(template: ColumnTemplate) -> String {
        template.text
    }
}

fn parse_placeholder(inner: &str) -> Result<Piece, String> {
    let inner = inner.trim();
    match inner {
        "id" => return Ok(Piece::Id),
        "name" => return Ok(Piece::Name),
        "n" => return Ok(Piece::Number(0)),
        _ => {}
    }
    let (sign, digits) = inner
        .strip_prefix('n')
        .map(str::trim_start)
        .and_then(|rest| match rest.split_at_checked(1)? {
            ("+", digits) => Some((1, digits.trim())),
            ("-", digits) => Some((-1, digits.trim())),
            _ => None,
        })
        .filter(|(_, digits)| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| format!("unknown placeholder {{{inner}}}"))?;
    match digits.parse::<i64>() {
        Ok(offset) if offset <= MAX_OFFSET => Ok(Piece::Number(sign * offset)),
        _ => Err(format!(
            "the offset in {{{inner}}} is larger than {MAX_OFFSET}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_template_names_columns_by_id_and_number() {
        let template = ColumnTemplate::parse("{id}_{n}").unwrap();
        assert_eq!(template.column("cbi", 7, "7"), "cbi_7");
    }

    #[test]
    fn offsets_shift_the_number() {
        let template = ColumnTemplate::parse("Q{n+12}").unwrap();
        assert_eq!(template.column("cbi", 1, "1"), "Q13");
        let template = ColumnTemplate::parse("Q{ n - 1 }").unwrap();
        assert_eq!(template.column("cbi", 1, "1"), "Q0");
    }

    #[test]
    fn names_and_literals() {
        let template = ColumnTemplate::parse("pre_{name}").unwrap();
        assert_eq!(template.column("demo", 2, "A2"), "pre_A2");
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let err = ColumnTemplate::parse("Q{m}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad column template \"Q{m}\": unknown placeholder {m}; placeholders are {id}, {name}, {n}, {n+OFFSET} and {n-OFFSET}"
        );
        assert!(
            ColumnTemplate::parse("Q{n")
                .unwrap_err()
                .reason
                .contains("without its `}`")
        );
        assert!(
            ColumnTemplate::parse("Qn}")
                .unwrap_err()
                .reason
                .contains("without its `{`")
        );
        assert!(
            ColumnTemplate::parse("Q{n+9223372036854775807}")
                .unwrap_err()
                .reason
                .contains("larger than 1000000")
        );
        assert!(
            ColumnTemplate::parse("Q{n--5}")
                .unwrap_err()
                .reason
                .contains("unknown placeholder {n--5}")
        );
        assert!(
            ColumnTemplate::parse("{id}_x")
                .unwrap_err()
                .reason
                .contains("no {n} or {name}")
        );
    }
}
