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
    fn line_and_column_count_characters() {
        let text = "a = 1\n名字 = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // "名字 " is 7 bytes; `=` is the 4th character of line 2.
        assert_eq!(line_column(text, 6 + 7), (2, 4));
        assert_eq!(line_column(text, 1000), (3, 1));
    }
}
