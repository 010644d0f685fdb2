//! The few spellings that differ between SQL engines. Everything else in the generated query is
//! the common core of SQL:2003 (CTEs, `CASE`, `COALESCE`, `floor`, `lower`).

use std::fmt::Write as _;

/// A SQL dialect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// DuckDB (tested by running the query).
    #[default]
    DuckDb,
    /// PostgreSQL (generated, not run in the tests).
    Postgres,
    /// Spark SQL 3.2 or later (generated, not run in the tests).
    Spark,
}

/// The code points Rust's `str::trim` removes (Unicode `White_Space`, as `char::is_whitespace`),
/// as inclusive ranges: psyscore trims cells with it, so the query must too. Ideographic
/// (U+3000) and no-break (U+00A0) spaces are common in Chinese survey exports.
pub(super) const WHITE_SPACE: [(u32, u32); 10] = [
    (0x09, 0x0D),
    (0x20, 0x20),
    (0x85, 0x85),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
];

impl Dialect {
    /// The dialect's name in the query's header comment.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::DuckDb => "DuckDB",
            Dialect::Postgres => "PostgreSQL",
            Dialect::Spark => "Spark SQL",
        }
    }

    /// A quoted identifier: `"name"` with `"` doubled, or `` `name` `` with `` ` `` doubled in
    /// Spark. Quoted names match the table's columns exactly in PostgreSQL; DuckDB and Spark
    /// ignore case even in quoted names.
    pub fn ident(self, name: &str) -> String {
        let quote = match self {
            Dialect::DuckDb | Dialect::Postgres => '"',
            Dialect::Spark => '`',
        };
        let mut quoted = String::with_capacity(name.len() + 2);
        quoted.push(quote);
        for c in name.chars() {
            if c == quote {
                quoted.push(quote);
            }
            quoted.push(c);
        }
        quoted.push(quote);
        quoted
    }

    /// A string literal: `'…'` with `'` doubled (DuckDB, PostgreSQL with the default
    /// `standard_conforming_strings`), or with backslash escapes in Spark, whose literals
    /// process them.
    pub fn string(self, text: &str) -> String {
        let mut literal = String::with_capacity(text.len() + 2);
        literal.push('\'');
        for c in text.chars() {
            match (self, c) {
                (Dialect::Spark, '\'' | '\\') => {
                    literal.push('\\');
                    literal.push(c);
                }
                (_, '\'') => literal.push_str("''"),
                _ => literal.push(c),
            }
        }
        literal.push('\'');
        literal
    }

    /// `expr` as text, whatever the column's type (DuckDB casts nothing to text implicitly).
    pub fn to_text(self, expr: &str) -> String {
        let text = match self {
            Dialect::DuckDb => "VARCHAR",
            Dialect::Postgres => "TEXT",
            Dialect::Spark => "STRING",
        };
        format!("CAST({expr} AS {text})")
    }

    /// `expr` with leading and trailing `WHITE_SPACE` removed (SQL's `trim` removes only
    /// spaces).
    pub fn trim(self, expr: &str) -> String {
        let class = self.white_space_class();
        let pattern = self.string(&format!("^{class}+|{class}+$"));
        match self {
            Dialect::DuckDb | Dialect::Postgres => {
                format!("regexp_replace({expr}, {pattern}, '', 'g')")
            }
            Dialect::Spark => format!("regexp_replace({expr}, {pattern}, '')"),
        }
    }

    /// True when the whole of `expr` matches the regular expression `pattern` (which uses only
    /// syntax common to RE2, POSIX AREs and Java).
    pub fn full_match(self, expr: &str, pattern: &str) -> String {
        match self {
            Dialect::DuckDb => format!("regexp_full_match({expr}, {})", self.string(pattern)),
            Dialect::Postgres => format!("{expr} ~ {}", self.string(&format!("^(?:{pattern})$"))),
            Dialect::Spark => format!("{expr} RLIKE {}", self.string(&format!("^(?:{pattern})$"))),
        }
    }

    /// Text already known to be a decimal number, as a double.
    ///
    /// PostgreSQL has no `TRY_CAST`: a number beyond the double range (`1e400`, `1e-400`) stops
    /// the query there, where psyscore and the other engines read it as infinite (an invalid
    /// answer) or zero.
    pub fn to_double(self, expr: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Spark => format!("TRY_CAST({expr} AS DOUBLE)"),
            Dialect::Postgres => format!("CAST({expr} AS DOUBLE PRECISION)"),
        }
    }

    /// The integer part of `column` (toward zero), as Rust's `f64::trunc`.
    pub fn truncate(self, column: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Postgres => format!("trunc({column})"),
            // Spark's `trunc` is for dates; the cast truncates toward zero.
            Dialect::Spark => format!("CAST({column} AS BIGINT)"),
        }
    }

    /// `column` rounded to the nearest integer, halves away from zero, as Rust's `f64::round`.
    pub fn round(self, column: &str) -> String {
        match self {
            // DuckDB's `round` is C's `round`; Spark's rounds HALF_UP: both away from zero.
            Dialect::DuckDb | Dialect::Spark => format!("round({column})"),
            // PostgreSQL's `round(double precision)` rounds halves to even. The fraction
            // `x - trunc(x)` is exact in binary floating point, so this is exact too.
            Dialect::Postgres => format!(
                "trunc({column}) + CASE WHEN abs({column} - trunc({column})) >= 0.5 \
                 THEN sign({column}) ELSE 0 END"
            ),
        }
    }

    /// A regular-expression character class of [`WHITE_SPACE`]. RE2 and Java know the Unicode
    /// category Z (separators), which is `White_Space` less the controls; PostgreSQL needs the
    /// whole list.
    fn white_space_class(self) -> String {
        let members: String = match self {
            Dialect::DuckDb | Dialect::Spark => format!(
                "{}-{}{}\\p{{Z}}",
                self.regex_char(0x09),
                self.regex_char(0x0D),
                self.regex_char(0x85)
            ),
            Dialect::Postgres => WHITE_SPACE
                .iter()
                .map(|&(first, last)| {
                    if first == last {
                        self.regex_char(first)
                    } else {
                        format!("{}-{}", self.regex_char(first), self.regex_char(last))
                    }
                })
                .collect(),
        };
        format!("[{members}]")
    }

    /// One code point as a regular-expression escape: `\x{3000}` (RE2, Java), `\u3000`
    /// (PostgreSQL).
    fn regex_char(self, code: u32) -> String {
        let mut escape = String::new();
        let _ = match self {
            Dialect::DuckDb | Dialect::Spark => write!(escape, "\\x{{{code:X}}}"),
            Dialect::Postgres => write!(escape, "\\u{code:04X}"),
        };
        escape
    }
}
