//! Column templates such as `{id}_{n}`, `Q{n+12}` or `{name}`, and `@G`: the items in the
//! columns from G on, counted as a spreadsheet letters them.

use std::fmt::{self, Write as _};

use serde::Serialize;
use thiserror::Error;

use super::{CountLayout, Item, ItemKind, Scale};

/// A template that turns an item into its column name.
///
/// Placeholders: `{id}` (the scale id), `{n}` (the item number, 1-based, with an optional offset
/// `{n+12}` / `{n-1}`), `{name}` (the item name; the number for numbered items).
///
/// `@G` instead places the items by position: item 1 in column G, item 2 in H, and so on (for
/// survey exports whose headers are the question texts). Its columns are named `@G`, `@H`, ...,
/// which [`crate::score::Headers::find_item_column`] resolves to the sheet's columns at those positions.
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
    /// The column letters of position `n + offset` (1-based: A is 1).
    Letters(i64),
}

/// Column letters go up to XFD, the last column of a worksheet (16,384).
const MAX_COLUMN: usize = 16_384;

/// The largest offset `{n+OFFSET}` may add or subtract (far beyond any questionnaire sheet).
const MAX_OFFSET: i64 = 1_000_000;

/// A template that cannot be parsed.
#[derive(Debug, Error, PartialEq, Eq)]
#[error(
    "bad column template \"{template}\": {reason}; a template names the columns with the \
     placeholders {{id}}, {{name}}, {{n}}, {{n+OFFSET}} and {{n-OFFSET}}, or is @ and the first \
     item's column letters (@G)"
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
        // `@` and letters places by position; `@{n}` stays a name template (columns @1, @2).
        if let Some(letters) = text.strip_prefix('@').filter(|rest| !rest.contains('{')) {
            let first = column_number(letters).ok_or_else(|| {
                fail(format!(
                    "@ must be followed by column letters, A to XFD, not \"{letters}\""
                ))
            })?;
            return Ok(ColumnTemplate {
                text: text.to_owned(),
                pieces: vec![
                    Piece::Literal("@".to_owned()),
                    Piece::Letters(first as i64 - 1),
                ],
            });
        }
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
                Piece::Letters(offset) => {
                    let position = usize::try_from(number as i64 + offset).unwrap_or(0);
                    out.push_str(&column_letters(position));
                }
            }
        }
        out
    }

    /// Refuses a positional template (`@G`) for a scale that has an item of several columns
    /// (a sum of parts, or ticked options in columns): one column per item is all `@G` places.
    pub fn check_fits(&self, scale: &Scale) -> Result<(), TemplateError> {
        if !self.is_positional() {
            return Ok(());
        }
        let spread = scale.items.iter().find(|item| {
            item.column.is_none()
                && match &item.kind {
                    ItemKind::Single => false,
                    ItemKind::Count { layout, .. } => matches!(layout, CountLayout::Columns),
                    ItemKind::Sum { .. } => true,
                }
        });
        match spread {
            None => Ok(()),
            Some(item) => Err(TemplateError {
                template: self.text.clone(),
                reason: format!(
                    "it places one column per item, but item {} of {} spans several columns; \
                     name its columns with a template such as Q{{n}}",
                    item.name, scale.id
                ),
            }),
        }
    }

    /// Whether the template places items by position (`@G`).
    pub fn is_positional(&self) -> bool {
        self.pieces
            .iter()
            .any(|piece| matches!(piece, Piece::Letters(_)))
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

/// The 1-based number of spreadsheet column `letters` (`A` is 1, `AA` 27; any case), if it is
/// one (A to XFD).
pub fn column_number(letters: &str) -> Option<usize> {
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let number = letters.bytes().fold(0, |number, b| {
        number * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    (number <= MAX_COLUMN).then_some(number)
}

/// The letters of 1-based spreadsheet column `number` (`1` is A, `27` AA); `?` for 0.
pub fn column_letters(number: usize) -> String {
    if number == 0 {
        return "?".to_owned();
    }
    let mut letters = Vec::new();
    let mut rest = number;
    while rest > 0 {
        letters.push(b'A' + ((rest - 1) % 26) as u8);
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
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
    fn at_letters_place_the_items_by_column_position() {
        let template = ColumnTemplate::parse("@G").unwrap();
        assert!(template.is_positional());
        assert_eq!(template.column("cbi", 1, "1"), "@G");
        assert_eq!(template.column("cbi", 21, "21"), "@AA");
        let template = ColumnTemplate::parse("@xfd").unwrap();
        assert_eq!(template.column("t", 1, "1"), "@XFD");
        assert!(!ColumnTemplate::parse("Q{n}").unwrap().is_positional());
        let named = ColumnTemplate::parse("@{n}").unwrap();
        assert!(!named.is_positional());
        assert_eq!(named.column("t", 3, "3"), "@3");
        for (letters, number) in [("A", 1), ("z", 26), ("AA", 27), ("AZ", 52), ("BA", 53)] {
            assert_eq!(column_number(letters), Some(number), "{letters}");
            assert_eq!(column_letters(number), letters.to_uppercase());
        }
        assert_eq!(column_number("XFD"), Some(16_384));
        for bad in ["", "XFE", "ABCD", "A1", "é"] {
            assert_eq!(column_number(bad), None, "{bad}");
        }
        let err = ColumnTemplate::parse("@7").unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad column template \"@7\": @ must be followed by column letters, A to XFD, not \
             \"7\"; a template names the columns with the placeholders {id}, {name}, {n}, \
             {n+OFFSET} and {n-OFFSET}, or is @ and the first item's column letters (@G)"
        );
    }

    proptest::proptest! {
        /// Every column number has letters that read back as it, and `@LETTERS` places item 1
        /// there and item k at the k-1-th column after it.
        #[test]
        fn column_letters_round_trip(number in 1usize..=MAX_COLUMN, item in 1usize..50) {
            let letters = column_letters(number);
            proptest::prop_assert_eq!(column_number(&letters), Some(number));
            proptest::prop_assert_eq!(column_number(&letters.to_lowercase()), Some(number));
            let template = ColumnTemplate::parse(&format!("@{letters}")).unwrap();
            proptest::prop_assert_eq!(
                template.column("t", item, "x"),
                format!("@{}", column_letters(number + item - 1))
            );
        }

        /// Anything after @ that is not column letters is an error, never a panic.
        #[test]
        fn other_text_after_at_is_refused(text in "[^A-Za-z]{1,4}|[A-Za-z]{4,6}") {
            let template = format!("@{}", text);
            proptest::prop_assert!(ColumnTemplate::parse(&template).is_err());
        }
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
            "bad column template \"Q{m}\": unknown placeholder {m}; a template names the columns \
             with the placeholders {id}, {name}, {n}, {n+OFFSET} and {n-OFFSET}, or is @ and the \
             first item's column letters (@G)"
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
