//! Errors in scale definitions, each naming the file, line and column.

use thiserror::Error;

use super::builtin_ids;

/// A scale definition that cannot be used.
#[derive(Debug, Error)]
pub enum ScaleError {
    /// The scale file could not be read.
    #[error("cannot read scale file {path}")]
    Read {
        /// The path as given.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML, or breaks a rule of the format.
    #[error("{file}:{line}:{column}: {message}")]
    Invalid {
        /// The file (or `builtin:ID`).
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong and what is expected.
        message: String,
    },
    /// `scales check` found errors (each already printed).
    #[error("{failed} of {total} scale files have errors")]
    CheckFailed {
        /// Files with errors.
        failed: usize,
        /// Files checked.
        total: usize,
    },
    /// Neither a built-in id nor an existing file.
    #[error(
        "unknown scale `{name}`: no built-in scale has this id and no such file exists{hint}\n  built-in scales: {available}"
    )]
    Unknown {
        /// The name as given.
        name: String,
        /// "; did you mean `x`?" or empty.
        hint: String,
        /// The built-in ids, comma-separated.
        available: String,
    },
}

impl ScaleError {
    /// An error at byte offset `at` of `text`.
    pub(crate) fn at(file: &str, text: &str, at: usize, message: impl Into<String>) -> ScaleError {
        let (line, column) = line_column(text, at);
        ScaleError::Invalid {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    /// The error for a name that is neither a built-in nor a file, suggesting the closest id.
    pub(crate) fn unknown(name: &str) -> ScaleError {
        let ids = builtin_ids();
        let wanted = name.to_lowercase();
        let mut close: Vec<(f64, &str)> = ids
            .iter()
            .map(|id| (strsim::jaro_winkler(&wanted, id), *id))
            .filter(|(similarity, _)| *similarity > 0.8)
            .collect();
        // Most similar first; equally similar ones in id order (the sort is stable).
        close.sort_by(|a, b| b.0.total_cmp(&a.0));
        let names: Vec<String> = close
            .iter()
            .take(3)
            .map(|(_, id)| format!("`{id}`"))
            .collect();
        let hint = match names.as_slice() {
            [] => String::new(),
            [one] => format!("; did you mean {one}?"),
            [init @ .., last] => format!("; did you mean {} or {last}?", init.join(", ")),
        };
        ScaleError::Unknown {
            name: name.to_owned(),
            hint,
            available: ids.join(", "),
        }
    }
}

/// The 1-based line and column (in characters) of byte offset `at`.
pub(crate) fn line_column(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..floor_char_boundary(text, at)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The message of a TOML syntax or type error in plain words: serde names Rust types
/// ("invalid type: string \"a\", expected f64"), which mean nothing to someone writing a
/// questionnaire file; this says "wrong kind of value: text \"a\", expected a number".
/// Messages of other shapes are kept as they are.
pub(crate) fn plain_toml_message(message: &str) -> String {
    let message = message.trim_end();
    let (prefix, rest) = if let Some(rest) = message.strip_prefix("invalid type: ") {
        ("wrong kind of value: ", rest)
    } else if let Some(rest) = message.strip_prefix("invalid value: ") {
        ("invalid value: ", rest)
    } else {
        return message.to_owned();
    };
    let Some((found, expected)) = rest.split_once(", expected ") else {
        return message.to_owned();
    };
    format!(
        "{prefix}{}, expected {}",
        plain_found(found),
        plain_expected(expected)
    )
}

/// What serde found (its `Unexpected`), in plain words.
fn plain_found(found: &str) -> String {
    let quoted = |text: &str| text.trim_matches('`').to_owned();
    if let Some(text) = found.strip_prefix("string ") {
        format!("text {text}")
    } else if let Some(number) = found.strip_prefix("floating point ") {
        format!("decimal number {}", quoted(number))
    } else if let Some(number) = found.strip_prefix("integer ") {
        match number.strip_suffix(" as i128") {
            Some(number) => format!("whole number {} (too large)", quoted(number)),
            None => format!("whole number {}", quoted(number)),
        }
    } else if let Some(value) = found.strip_prefix("boolean ") {
        quoted(value)
    } else {
        match found {
            "sequence" => "a list".to_owned(),
            "map" => "a table".to_owned(),
            other => other.to_owned(),
        }
    }
}

/// What serde expected (a Rust type or a visitor's words), in plain words.
fn plain_expected(expected: &str) -> String {
    match expected {
        "f64" | "f32" => "a number".to_owned(),
        "i64" | "u64" | "usize" | "i32" | "u32" | "i16" | "u16" | "i8" | "u8" => {
            "a whole number".to_owned()
        }
        "a sequence" => "a list ([...])".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a string" => "text in quotes".to_owned(),
        other if other.starts_with("struct ") => "a table".to_owned(),
        other => other.to_owned(),
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_messages_speak_of_values_not_rust_types() {
        let cases = [
            (
                "invalid type: string \"a\", expected f64",
                "wrong kind of value: text \"a\", expected a number",
            ),
            (
                "invalid type: floating point `1.5`, expected i64",
                "wrong kind of value: decimal number 1.5, expected a whole number",
            ),
            (
                "invalid type: integer `99999999999999999999` as i128, expected i64",
                "wrong kind of value: whole number 99999999999999999999 (too large), expected a \
                 whole number",
            ),
            (
                "invalid type: integer `3`, expected a boolean",
                "wrong kind of value: whole number 3, expected true or false",
            ),
            (
                "invalid type: string \"1\", expected a sequence",
                "wrong kind of value: text \"1\", expected a list ([...])",
            ),
            (
                "invalid type: boolean `true`, expected a string",
                "wrong kind of value: true, expected text in quotes",
            ),
            (
                "invalid type: sequence, expected struct RawTotal",
                "wrong kind of value: a list, expected a table",
            ),
            (
                "invalid value: integer `-1`, expected usize",
                "invalid value: whole number -1, expected a whole number",
            ),
            // Messages of other shapes, and a visitor's own words, are kept.
            (
                "unknown field `decimals`, expected one of `id`, `name`",
                "unknown field `decimals`, expected one of `id`, `name`",
            ),
            ("duplicate key\n", "duplicate key"),
            (
                "invalid type: map, expected an item number (5) or an item name (\"A1\")",
                "wrong kind of value: a table, expected an item number (5) or an item name (\"A1\")",
            ),
        ];
        for (message, plain) in cases {
            assert_eq!(plain_toml_message(message), plain, "{message}");
        }
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\n名字 = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // "名字 " is 7 bytes; `=` is the 4th character of line 2.
        assert_eq!(line_column(text, 6 + 7), (2, 4));
        assert_eq!(line_column(text, 1000), (3, 1));
    }
}
