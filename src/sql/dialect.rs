//! The few spellings that differ between SQL engines. Everything else in the generated query is
//! the common core of SQL:2003 (CTEs, `CASE`, `COALESCE`, `floor`, `lower`).

use std::fmt::Write as _;

use super::join_wrapped;

/// A SQL dialect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// DuckDB.
    #[default]
    DuckDb,
    /// PostgreSQL.
    Postgres,
    /// Spark SQL 3.2 or later.
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

/// The column of the query's first stage holding the characters of [`WHITE_SPACE`] (the same
/// in every row, [`Dialect::white_space`]), which every trim names rather than spelling the set
/// out: planning the `chr` calls of two dozen trims a cell takes DuckDB a large share of the
/// query's time.
pub(super) const WHITE_SPACE_COLUMN: &str = "_white_space";

/// The letters [`Dialect::fold_case`] lower-cases, and what they become.
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";

impl Dialect {
    /// The dialect's name in the query's header comment.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::DuckDb => "DuckDB",
            Dialect::Postgres => "PostgreSQL",
            Dialect::Spark => "Spark SQL",
        }
    }

    /// What follows `name AS` in a common table expression whose columns later stages use
    /// in many expressions (`shared`). PostgreSQL inlines a CTE used once into the next, and
    /// through the query's chain of stages copies each cell's expression into every later use
    /// of it, which runs for minutes: `MATERIALIZED` computes such a stage once. (Materializing
    /// every stage costs more than it saves.)
    pub fn cte_keyword(self, shared: bool) -> &'static str {
        match self {
            Dialect::Postgres if shared => "MATERIALIZED ",
            _ => "",
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
    /// spaces), by the trim that takes a set of characters: no regular expression. The set is
    /// the column `_white_space` of the query's first stage.
    pub fn trim(self, expr: &str) -> String {
        let set = WHITE_SPACE_COLUMN;
        match self {
            Dialect::DuckDb => format!("trim({expr}, {set})"),
            Dialect::Postgres => format!("btrim({expr}, {set})"),
            Dialect::Spark => format!("trim(BOTH {set} FROM {expr})"),
        }
    }

    /// `expr` with the ASCII letters `A`–`Z` lower-cased and nothing else changed: psyscore's
    /// case rule for text answers (`lower` follows Unicode, or the database's locale).
    pub fn fold_case(self, expr: &str) -> String {
        format!("translate({expr}, '{UPPER}', '{LOWER}')")
    }

    /// A list (array) of the SQL expressions `items`.
    pub(super) fn list(self, items: &[String]) -> String {
        let items = items.join(", ");
        match self {
            Dialect::DuckDb => format!("[{items}]"),
            Dialect::Postgres => format!("ARRAY[{items}]"),
            Dialect::Spark => format!("array({items})"),
        }
    }

    /// A list of numbers (SQL literals or NULL) as doubles: the type psyscore computes in, which
    /// the literals alone would not give (PostgreSQL would sum integers as integers).
    pub(super) fn number_list(self, numbers: &[String]) -> String {
        let list = self.list(numbers);
        match self {
            Dialect::DuckDb => format!("CAST({list} AS DOUBLE[])"),
            Dialect::Postgres => format!("CAST({list} AS DOUBLE PRECISION[])"),
            Dialect::Spark => format!("CAST({list} AS ARRAY<DOUBLE>)"),
        }
    }

    /// The value of `expr` looked up in the list `texts`: the element of the list `values` one
    /// past the position of the first text `expr` equals, so that `values`, which starts with
    /// NULL, gives NULL for none (where Spark's `array_position` gives 0, the others NULL). A
    /// few functions, where a `CASE` of comparisons takes DuckDB long to plan.
    pub(super) fn value_of(self, expr: &str, texts: &str, values: &str) -> String {
        match self {
            Dialect::DuckDb => format!("{values}[list_position({texts}, {expr}) + 1]"),
            Dialect::Postgres => format!("{values}[array_position({texts}, {expr}) + 1]"),
            // `element_at` takes an INT position, `array_position` gives a BIGINT.
            Dialect::Spark => {
                format!("element_at({values}, CAST(array_position({texts}, {expr}) + 1 AS INT))")
            }
        }
    }

    /// 1 when `expr` is not NULL, else 0, as the engine sums fastest: a `CASE` in DuckDB (0.03 s
    /// less of the 0.55 s the CBI query takes on 1,000,000 rows, bench/sql.sh), the test cast
    /// to an integer in PostgreSQL (0.02 s less of 0.9 s on 100,000 rows).
    pub(super) fn one_if_present(self, expr: &str) -> String {
        match self {
            Dialect::DuckDb => format!("CASE WHEN {expr} IS NULL THEN 0 ELSE 1 END"),
            Dialect::Postgres | Dialect::Spark => format!("CAST({expr} IS NOT NULL AS INTEGER)"),
        }
    }

    /// The sum of the double `terms`, added in order, left to right, as psyscore adds them.
    /// Spark's optimizer counts `a + b + c` and `c + b + a` the same expression and computes
    /// one for both, which differ in the last bit, so Spark's terms are subtracted negated
    /// (`a - (-b)` is `a + b` exactly, in IEEE arithmetic), which it does not reorder.
    pub(super) fn add<I>(self, terms: I) -> String
    where
        I: IntoIterator<Item = String>,
    {
        match self {
            Dialect::DuckDb | Dialect::Postgres => join_wrapped(terms, "+"),
            Dialect::Spark => join_wrapped(
                terms.into_iter().enumerate().map(|(index, term)| {
                    if index == 0 {
                        term
                    } else {
                        format!("(-{term})")
                    }
                }),
                "-",
            ),
        }
    }

    /// The element of the list expression `list` at `position` (an INT expression), counted
    /// from 1.
    pub(super) fn element(self, list: &str, position: &str) -> String {
        match self {
            Dialect::DuckDb => format!("{list}[{position}]"),
            Dialect::Postgres => format!("({list})[{position}]"),
            Dialect::Spark => format!("element_at({list}, {position})"),
        }
    }

    /// The texts (SQL expressions) that are not NULL, in order, joined by `"; "`: `''` or NULL
    /// for none. `concat_ws`, but for PostgreSQL, whose functions take at most 100 arguments,
    /// an array's elements.
    pub(super) fn join(self, texts: &[String]) -> String {
        let texts = texts.join(",\n  ");
        match self {
            Dialect::DuckDb | Dialect::Spark => format!("concat_ws('; ',\n  {texts}\n)"),
            Dialect::Postgres => format!("array_to_string(ARRAY[\n  {texts}\n], '; ')"),
        }
    }

    /// True when the list `list` holds `expr` (not NULL).
    pub(super) fn contains(self, list: &str, expr: &str) -> String {
        match self {
            Dialect::DuckDb => format!("list_contains({list}, {expr})"),
            Dialect::Postgres => format!("{expr} = ANY({list})"),
            Dialect::Spark => format!("array_contains({list}, {expr})"),
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

    /// The column `text`, already known to be a decimal number, as a double: as Rust's
    /// `str::parse::<f64>`, NULL where Rust reads an infinity (an invalid answer either way).
    ///
    /// PostgreSQL has no `TRY_CAST` and stops the query on a double out of range, so the number
    /// is first read as a `NUMERIC`: from where a double rounds to infinity (`1e400`) it is
    /// NULL, below half the least double (`1e-400`), where it rounds to zero, it is 0. A number with so long an exponent that even
    /// `NUMERIC` cannot hold it (`1e200000`) stops the query with PostgreSQL's error.
    pub fn to_double(self, text: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Spark => format!("TRY_CAST({text} AS DOUBLE)"),
            Dialect::Postgres => format!(
                "CASE\n  WHEN abs(CAST({text} AS NUMERIC)) >= 1.7976931348623158e308 THEN NULL\n  \
                 WHEN CAST({text} AS NUMERIC) <> 0 AND abs(CAST({text} AS NUMERIC)) < 2.4703282292062328e-324 THEN 0\n  \
                 ELSE CAST({text} AS DOUBLE PRECISION)\nEND"
            ),
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

    /// The characters of [`WHITE_SPACE`] as a string expression: `chr(9) || …` in DuckDB and
    /// PostgreSQL (whose plain literals have no escapes), a literal with `\uXXXX` escapes in
    /// Spark (whose `chr` stops at 255).
    pub(super) fn white_space(self) -> String {
        let codes = WHITE_SPACE.iter().flat_map(|&(first, last)| first..=last);
        match self {
            Dialect::DuckDb | Dialect::Postgres => {
                let chars: Vec<String> = codes.map(|code| format!("chr({code})")).collect();
                format!("({})", chars.join(" || "))
            }
            Dialect::Spark => {
                let mut literal = String::from("'");
                for code in codes {
                    let _ = write!(literal, "\\u{code:04X}");
                }
                literal.push('\'');
                literal
            }
        }
    }
}
