//! Property tests of the scale parser.
//!
//! - [`Scale::from_toml`] never panics, on arbitrary text, on TOML-like fragments and on random
//!   mutations of every built-in file, and every failure is a [`ScaleError::Invalid`] whose line
//!   and column lie inside the text.
//! - Generated valid definitions load, and the [`Scale`] holds exactly what was written.
//! - Generated definitions with overlapping subscales, unordered bands or a band above the
//!   highest score the items allow are rejected, at the line and column of the offending
//!   reference or band, with the documented message.

use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use proptest::test_runner::Config;

use super::*;

/// The file name given to [`Scale::from_toml`] in these tests.
const FILE: &str = "prop.toml";

/// Cases per property: enough to reach the rare branches, few enough to keep the suite fast.
const CASES: u32 = 256;

/// Every built-in definition, the seeds of the mutation tests.
const BUILTIN_TEXTS: [(&str, &str); 14] = [
    ("cbi", include_str!("../../scales/cbi.toml")),
    ("cdrisc10", include_str!("../../scales/cdrisc10.toml")),
    ("cdrisc25", include_str!("../../scales/cdrisc25.toml")),
    ("cdrisc25-zh", include_str!("../../scales/cdrisc25-zh.toml")),
    ("gad7", include_str!("../../scales/gad7.toml")),
    ("k10", include_str!("../../scales/k10.toml")),
    ("mspss", include_str!("../../scales/mspss.toml")),
    ("phq9", include_str!("../../scales/phq9.toml")),
    ("pss10", include_str!("../../scales/pss10.toml")),
    ("psss", include_str!("../../scales/psss.toml")),
    ("rses", include_str!("../../scales/rses.toml")),
    ("sas", include_str!("../../scales/sas.toml")),
    ("sds", include_str!("../../scales/sds.toml")),
    ("ssrs", include_str!("../../scales/ssrs.toml")),
];

/// A TOML string literal holding `text`, escaped as the `toml` crate writes it.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// Checks the outcome of parsing `text`: success, or an `Invalid` error located inside `text`.
fn assert_ok_or_located(
    text: &str,
    result: Result<Scale, ScaleError>,
) -> Result<(), TestCaseError> {
    match result {
        Ok(_) => Ok(()),
        Err(ScaleError::Invalid {
            file,
            line,
            column,
            message,
        }) => {
            prop_assert_eq!(file, FILE);
            let lines: Vec<&str> = text.split('\n').collect();
            prop_assert!(
                (1..=lines.len()).contains(&line),
                "line {} outside a text of {} lines: {}",
                line,
                lines.len(),
                message
            );
            let width = lines[line - 1].chars().count();
            prop_assert!(
                (1..=width + 1).contains(&column),
                "column {} outside line {} of {} characters: {}",
                column,
                line,
                width,
                message
            );
            prop_assert!(!message.trim().is_empty(), "empty message");
            Ok(())
        }
        Err(other) => Err(TestCaseError::fail(format!(
            "from_toml failed with {other:?}, not ScaleError::Invalid"
        ))),
    }
}

// ---------------------------------------------------------------------------------------------
// Never panics

/// Pieces of scale files, keys of every level and awkward values, for TOML-like input.
const FRAGMENTS: &[&str] = &[
    "\n",
    " ",
    "=",
    " = ",
    ",",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "#",
    "id = \"t\"\n",
    "name = \"T\"\n",
    "min = 0\n",
    "max = 4\n",
    "items = 6\n",
    "items = [\"A1\", \"a1\", \"B\"]\n",
    "items = 0\n",
    "items = -1\n",
    "items = 10000\n",
    "reverse = [1, 2]\n",
    "reverse = [\"A1\"]\n",
    "columns = \"Q{n+12}\"\n",
    "columns = \"{id}\"\n",
    "columns = \"Q{n\"\n",
    "columns = \"Q{n+9223372036854775807}\"\n",
    "labels = { \"never\" = 0, \" Never \" = 1 }\n",
    "decimals = true\n",
    "overlapping_subscales = true\n",
    "method = \"mean\"\n",
    "better = \"lower\"\n",
    "total = false\n",
    "total = true\n",
    "[missing]\n",
    "max_missing = 2\n",
    "max_missing_fraction = 0.2\n",
    "max_missing_fraction = 1.5\n",
    "[item.1]\n",
    "[item.A1]\n",
    "[item.99]\n",
    "kind = \"sum\"\n",
    "kind = \"count\"\n",
    "parts = [\"a\", \"b\"]\n",
    "parts = [\"a\"]\n",
    "layout = \"cell\"\n",
    "none = [\"无\"]\n",
    "column = \"x\"\n",
    "[[subscales]]\n",
    "id = \"a\"\n",
    "id = \"total\"\n",
    "items = [1, 2]\n",
    "items = [2, 3]\n",
    "items = []\n",
    "weight = 0\n",
    "weight = 1.25\n",
    "[total]\n",
    "subscales = [\"a\"]\n",
    "subscales = [\"zz\"]\n",
    "bands = [{ label = \"low\", min = 0 }, { label = \"high\", min = 5 }]\n",
    "bands = [{ label = \"low\", min = 5 }, { label = \"high\", min = 5 }]\n",
    "bands = []\n",
    "transform = { name = \"index\", multiply = 1.25, add = 0, rounding = \"truncate\" }\n",
    "transform = { multiply = 0, rounding = \"round\" }\n",
    "norms = { mean = 10, sd = 2, source = \"x\" }\n",
    "norms = { mean = 10, sd = -2, source = \"x\" }\n",
    "1",
    "-1",
    "0.5",
    "1e400",
    "nan",
    "inf",
    "99999999999999999999",
    "9223372036854775807",
    "\"名字\"",
    "\u{feff}",
    "\r\n",
];

/// The head of a valid numbered scale, so that appended fragments reach the validator.
const VALID_HEAD: &str = "id = \"t\"\nname = \"T\"\nmin = 0\nmax = 4\nitems = 6\n";

fn toml_like() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(""), Just(VALID_HEAD)],
        prop::collection::vec(select(FRAGMENTS), 0..40),
    )
        .prop_map(|(head, fragments)| format!("{head}{}", fragments.concat()))
}

/// One random edit of a scale file's text.
#[derive(Debug, Clone)]
enum Mutation {
    /// Delete up to `len` characters from `at`.
    DeleteRange { at: Index, len: usize },
    /// Write a line twice.
    DuplicateLine(Index),
    /// Exchange two lines.
    SwapLines(Index, Index),
    /// Replace one run of digits (a number, or digits inside a string) with `with`.
    ReplaceNumber { which: Index, with: String },
    /// Insert a line before line `at`.
    InsertLine { at: Index, line: String },
}

/// Keys of every level, and misspellings of them.
const KEYS: &[&str] = &[
    "id",
    "name",
    "name_zh",
    "citation",
    "licence",
    "license",
    "notes",
    "better",
    "min",
    "max",
    "method",
    "items",
    "columns",
    "reverse",
    "labels",
    "decimals",
    "overlapping_subscales",
    "missing",
    "item",
    "subscales",
    "total",
    "max_missing",
    "max_missing_fraction",
    "kind",
    "parts",
    "layout",
    "none",
    "column",
    "weight",
    "bands",
    "transform",
    "norms",
    "label",
    "reverce",
    "item.3",
    "item.A1",
];

/// Values of every type, valid and invalid for the keys above.
const VALUES: &[&str] = &[
    "0",
    "1",
    "-1",
    "3",
    "24",
    "10001",
    "1.5",
    "-0.0",
    "1e400",
    "nan",
    "inf",
    "99999999999999999999",
    "true",
    "false",
    "\"sum\"",
    "\"mean\"",
    "\"lower\"",
    "\"count\"",
    "\"cell\"",
    "\"\"",
    "\"x\"",
    "\"total\"",
    "\"Q{n}\"",
    "\"Q{n-1}\"",
    "\"{id}_{name}\"",
    "\"{m}\"",
    "[]",
    "[1, 2]",
    "[1, 1]",
    "[0]",
    "[\"A1\", \"a1\"]",
    "[\"time\"]",
    "{}",
    "{ max_missing = 1 }",
    "{ max_missing = 1, max_missing_fraction = 0.5 }",
    "{ \"never\" = 0, \"always\" = 99 }",
    "[{ label = \"a\", min = 1 }, { label = \"b\", min = 1 }]",
    "{ multiply = 2, rounding = \"round\" }",
    "{ mean = 1, sd = 0, source = \"s\" }",
];

fn inserted_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (select(KEYS), select(VALUES)).prop_map(|(key, value)| format!("{key} = {value}")),
        1 => prop_oneof![-1000i64..1000, any::<i64>()]
            .prop_map(|offset| format!("columns = \"Q{{n{offset:+}}}\"")),
        1 => select(&[
            "[missing]",
            "[total]",
            "[[subscales]]",
            "[item.1]",
            "[item.25]",
            "[item.0]",
            "[labels]",
            "[[total]]",
            "[item]",
        ][..])
        .prop_map(String::from),
    ]
}

fn replacement_number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        (0i64..50).prop_map(|n| n.to_string()),
        (1i64..50).prop_map(|n| format!("-{n}")),
        any::<f64>().prop_map(|x| format!("{x:?}")),
        (-100.0f64..100.0).prop_map(|x| format!("{x:?}")),
        select(
            &[
                "99999999999999999999999",
                "18446744073709551616",
                "9223372036854775807",
                "-9223372036854775808",
                "10000",
                "10001",
                "1e400",
                "-1e400",
                "nan",
                "inf",
                "-0.0",
                "0.0",
                "1_000",
                "0x10",
            ][..]
        )
        .prop_map(String::from),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Number replacements and inserted keys mostly keep the TOML valid and so reach the
    // validator; the other edits mostly break the syntax.
    prop_oneof![
        1 => (any::<Index>(), 0usize..64).prop_map(|(at, len)| Mutation::DeleteRange { at, len }),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        3 => (any::<Index>(), replacement_number())
            .prop_map(|(which, with)| Mutation::ReplaceNumber { which, with }),
        2 => (any::<Index>(), inserted_line())
            .prop_map(|(at, line)| Mutation::InsertLine { at, line }),
    ]
}

/// The byte ranges of the runs of ASCII digits (with any `.` inside) in `text`.
fn digit_runs(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut start = None;
    for (at, byte) in bytes.iter().enumerate() {
        let in_number = byte.is_ascii_digit() || (*byte == b'.' && start.is_some());
        match (in_number, start) {
            (true, None) => start = Some(at),
            (false, Some(begin)) => {
                runs.push(begin..at);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begin) = start {
        runs.push(begin..bytes.len());
    }
    runs
}

fn replace_run(text: &str, run: &std::ops::Range<usize>, with: &str) -> String {
    format!("{}{with}{}", &text[..run.start], &text[run.end..])
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    match mutation {
        Mutation::DeleteRange { at, len } => {
            let chars: Vec<char> = text.chars().collect();
            if chars.is_empty() {
                return String::new();
            }
            let start = at.index(chars.len());
            let end = (start + len).min(chars.len());
            chars[..start].iter().chain(&chars[end..]).collect()
        }
        Mutation::DuplicateLine(at) => {
            let at = at.index(lines.len());
            lines.insert(at, lines[at]);
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
            lines.join("\n")
        }
        Mutation::ReplaceNumber { which, with } => {
            let runs = digit_runs(text);
            if runs.is_empty() {
                return text.to_owned();
            }
            replace_run(text, &runs[which.index(runs.len())], with)
        }
        Mutation::InsertLine { at, line } => {
            let at = at.index(lines.len() + 1);
            lines.insert(at, line);
            lines.join("\n")
        }
    }
}

#[test]
fn the_mutation_seeds_are_every_builtin() {
    let ids: Vec<&str> = BUILTIN_TEXTS.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, builtin_ids());
}

#[test]
fn numbers_are_found_and_replaced() {
    let text = "a = 1\nb = 22\nc = \"x3.5\"";
    assert_eq!(digit_runs(text), [4..5, 10..12, 19..22]);
    assert_eq!(
        replace_run(text, &(10..12), "-7"),
        "a = 1\nb = -7\nc = \"x3.5\""
    );
    assert_eq!(
        replace_run(text, &(19..22), "9"),
        "a = 1\nb = 22\nc = \"x9\""
    );
}

proptest! {
    // Parsing text is cheap: many cases.
    #![proptest_config(Config::with_cases(4 * CASES))]

    #[test]
    fn arbitrary_text_is_loaded_or_rejected_with_a_location(text in any::<String>()) {
        assert_ok_or_located(&text, Scale::from_toml(&text, FILE))?;
    }

    #[test]
    fn toml_like_text_is_loaded_or_rejected_with_a_location(text in toml_like()) {
        assert_ok_or_located(&text, Scale::from_toml(&text, FILE))?;
    }

    #[test]
    fn mutated_builtins_are_loaded_or_rejected_with_a_location(
        seed in 0..BUILTIN_TEXTS.len(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut text = BUILTIN_TEXTS[seed].1.to_owned();
        for mutation in &mutations {
            text = apply(&text, mutation);
        }
        assert_ok_or_located(&text, Scale::from_toml(&text, FILE))?;
    }
}

/// Offsets near `i64::MAX` once overflowed when the column was computed (a panic in debug
/// builds); they are now refused where they are written.
#[test]
fn huge_column_template_offsets_are_errors() {
    for template in ["Q{n+9223372036854775807}", "Q{n-9223372036854775808}"] {
        let text = format!("{VALID_HEAD}columns = \"{template}\"\n");
        let result = Scale::from_toml(&text, FILE);
        assert!(
            matches!(
                &result,
                Err(ScaleError::Invalid {
                    line: 6,
                    column: 11,
                    ..
                })
            ),
            "{template}: {result:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Generated valid scales

/// `items = N` or `items = ["A1", ...]`.
#[derive(Debug, Clone)]
enum ItemsSpec {
    Numbered(usize),
    Named(Vec<String>),
}

impl ItemsSpec {
    fn len(&self) -> usize {
        match self {
            ItemsSpec::Numbered(n) => *n,
            ItemsSpec::Named(names) => names.len(),
        }
    }

    /// The names the loaded scale gives the items.
    fn names(&self) -> Vec<String> {
        match self {
            ItemsSpec::Numbered(n) => (1..=*n).map(|n| n.to_string()).collect(),
            ItemsSpec::Named(names) => names.clone(),
        }
    }

    /// How item `index` is referred to in `reverse` and `items` lists.
    fn reference(&self, index: usize) -> String {
        match self {
            ItemsSpec::Numbered(_) => (index + 1).to_string(),
            ItemsSpec::Named(names) => quote(&names[index]),
        }
    }

    /// How item `index` appears in error messages (`ItemRef`'s `Display`).
    fn in_message(&self, index: usize) -> String {
        match self {
            ItemsSpec::Numbered(_) => (index + 1).to_string(),
            ItemsSpec::Named(names) => format!("\"{}\"", names[index]),
        }
    }
}

#[derive(Debug, Clone)]
struct BandSpec {
    label: String,
    label_zh: Option<String>,
    min: f64,
}

impl BandSpec {
    fn render(&self) -> String {
        let zh = self
            .label_zh
            .as_ref()
            .map_or(String::new(), |zh| format!(", label_zh = {}", quote(zh)));
        format!(
            "{{ label = {}{zh}, min = {:?} }}",
            quote(&self.label),
            self.min
        )
    }
}

#[derive(Debug, Clone)]
struct TransformSpec {
    name: Option<String>,
    multiply: f64,
    add: f64,
    rounding: Rounding,
}

/// The keys every score may set.
#[derive(Debug, Clone)]
struct ScoreSpec {
    method: Option<Method>,
    missing: Option<MissingRule>,
    bands: Vec<BandSpec>,
    transform: Option<TransformSpec>,
}

#[derive(Debug, Clone)]
struct SubscaleSpec {
    id: String,
    items: Vec<usize>,
    score: ScoreSpec,
}

#[derive(Debug, Clone)]
enum TotalSpec {
    /// No `total` key.
    Omitted,
    /// `total = true` or `total = false`.
    Enabled(bool),
    /// A `[total]` table.
    Table(ScoreSpec),
}

#[derive(Debug, Clone)]
struct ScaleSpec {
    id: String,
    name: String,
    min: f64,
    max: f64,
    method: Option<Method>,
    items: ItemsSpec,
    reverse: Vec<usize>,
    missing: Option<MissingRule>,
    overlapping_subscales: bool,
    subscales: Vec<SubscaleSpec>,
    total: TotalSpec,
}

/// A rendered spec, with the lines where each score's lists were written.
struct Rendered {
    text: String,
    /// The 1-based line of each subscale's `items = [...]`.
    items_line: Vec<usize>,
    /// The 1-based line of each score's `bands = [...]`: the subscales, then the total.
    bands_line: Vec<Option<usize>>,
}

/// The 1-based column of element `position` of a one-line list `{prefix}[e0, e1, ...]`.
fn list_column(prefix: &str, elements: &[String], position: usize) -> usize {
    let before: usize = elements[..position]
        .iter()
        .map(|element| element.chars().count() + 2)
        .sum();
    prefix.chars().count() + 1 + before + 1
}

fn method_text(method: Method) -> &'static str {
    match method {
        Method::Sum => "sum",
        Method::Mean => "mean",
    }
}

fn missing_text(rule: MissingRule) -> String {
    match rule {
        MissingRule::MaxMissing(n) => format!("max_missing = {n}"),
        MissingRule::MaxMissingFraction(f) => format!("max_missing_fraction = {f:?}"),
    }
}

impl ScaleSpec {
    fn references(&self, indices: &[usize]) -> Vec<String> {
        indices.iter().map(|&i| self.items.reference(i)).collect()
    }

    /// The highest value the bands of a score of `items` items classify, derived from the spec:
    /// the items' highest answers summed (or the highest answer, for a mean), then transformed.
    fn highest(&self, score: &ScoreSpec, items: usize) -> f64 {
        let method = score.method.or(self.method).unwrap_or(Method::Sum);
        let n = items as f64;
        let (low, high) = match method {
            Method::Sum => (n * self.min, n * self.max),
            Method::Mean => (self.min, self.max),
        };
        match &score.transform {
            None => high,
            Some(transform) => {
                let apply = |value: f64| {
                    let value = value * transform.multiply + transform.add;
                    match transform.rounding {
                        Rounding::None => value,
                        Rounding::Truncate => value.trunc(),
                        Rounding::Round => value.round(),
                    }
                };
                apply(low).max(apply(high))
            }
        }
    }

    /// Every score with bands, with its highest value: the subscales, then the total.
    fn banded_scores(&mut self) -> Vec<(&mut ScoreSpec, f64)> {
        let all_items = self.items.len();
        let highest: Vec<f64> = self
            .subscales
            .iter()
            .map(|sub| self.highest(&sub.score, sub.items.len()))
            .collect();
        let total_highest = match &self.total {
            TotalSpec::Table(score) => Some(self.highest(score, all_items)),
            _ => None,
        };
        let mut scores: Vec<(&mut ScoreSpec, f64)> = self
            .subscales
            .iter_mut()
            .zip(highest)
            .map(|(sub, high)| (&mut sub.score, high))
            .collect();
        if let (TotalSpec::Table(score), Some(high)) = (&mut self.total, total_highest) {
            scores.push((score, high));
        }
        scores
    }

    /// Gives score `target` (a subscale, or the total after them, made a table if need be)
    /// these bands.
    fn set_bands(&mut self, target: usize, bands: Vec<BandSpec>) {
        if target < self.subscales.len() {
            self.subscales[target].score.bands = bands;
            return;
        }
        match &mut self.total {
            TotalSpec::Table(score) => score.bands = bands,
            total => {
                *total = TotalSpec::Table(ScoreSpec {
                    method: None,
                    missing: None,
                    bands,
                    transform: None,
                });
            }
        }
    }

    /// Moves each score's bands down by whole halves, keeping their steps, until the last
    /// starts at a value the score can reach (a band above it is an error of its own).
    fn with_reachable_bands(mut self) -> ScaleSpec {
        for (score, highest) in self.banded_scores() {
            if let Some(last) = score.bands.last()
                && last.min > highest
            {
                let shift = ((last.min - highest) * 2.0).ceil() / 2.0;
                for band in &mut score.bands {
                    band.min -= shift;
                }
            }
        }
        self
    }

    fn render(&self) -> Rendered {
        let mut lines: Vec<String> = vec![
            format!("id = {}", quote(&self.id)),
            format!("name = {}", quote(&self.name)),
            format!("min = {:?}", self.min),
            format!("max = {:?}", self.max),
        ];
        if let Some(method) = self.method {
            lines.push(format!("method = \"{}\"", method_text(method)));
        }
        lines.push(match &self.items {
            ItemsSpec::Numbered(n) => format!("items = {n}"),
            ItemsSpec::Named(_) => {
                let all: Vec<usize> = (0..self.items.len()).collect();
                format!("items = [{}]", self.references(&all).join(", "))
            }
        });
        if !self.reverse.is_empty() {
            lines.push(format!(
                "reverse = [{}]",
                self.references(&self.reverse).join(", ")
            ));
        }
        if self.overlapping_subscales {
            lines.push("overlapping_subscales = true".into());
        }
        if let TotalSpec::Enabled(enabled) = self.total {
            lines.push(format!("total = {enabled}"));
        }
        if let Some(missing) = self.missing {
            lines.push("[missing]".into());
            lines.push(missing_text(missing));
        }
        let mut items_line = Vec::new();
        let mut bands_line = Vec::new();
        for subscale in &self.subscales {
            lines.push(String::new());
            lines.push("[[subscales]]".into());
            lines.push(format!("id = {}", quote(&subscale.id)));
            lines.push(format!(
                "items = [{}]",
                self.references(&subscale.items).join(", ")
            ));
            items_line.push(lines.len());
            bands_line.push(render_score(&subscale.score, &mut lines));
        }
        if let TotalSpec::Table(score) = &self.total {
            lines.push(String::new());
            lines.push("[total]".into());
            bands_line.push(render_score(score, &mut lines));
        }
        lines.push(String::new());
        Rendered {
            text: lines.join("\n"),
            items_line,
            bands_line,
        }
    }
}

/// Writes a score's keys; returns the line of its bands.
fn render_score(score: &ScoreSpec, lines: &mut Vec<String>) -> Option<usize> {
    if let Some(method) = score.method {
        lines.push(format!("method = \"{}\"", method_text(method)));
    }
    if let Some(missing) = score.missing {
        lines.push(format!("missing = {{ {} }}", missing_text(missing)));
    }
    if let Some(transform) = &score.transform {
        let name = transform
            .name
            .as_ref()
            .map_or(String::new(), |name| format!("name = {}, ", quote(name)));
        let rounding = match transform.rounding {
            Rounding::None => "none",
            Rounding::Truncate => "truncate",
            Rounding::Round => "round",
        };
        lines.push(format!(
            "transform = {{ {name}multiply = {:?}, add = {:?}, rounding = \"{rounding}\" }}",
            transform.multiply, transform.add
        ));
    }
    if score.bands.is_empty() {
        return None;
    }
    let bands: Vec<String> = score.bands.iter().map(BandSpec::render).collect();
    lines.push(format!("bands = [{}]", bands.join(", ")));
    Some(lines.len())
}

fn identifier() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_-]{0,10}"
}

fn method() -> impl Strategy<Value = Option<Method>> {
    prop::option::of(prop_oneof![Just(Method::Sum), Just(Method::Mean)])
}

fn missing_rule() -> impl Strategy<Value = MissingRule> {
    prop_oneof![
        (0usize..6).prop_map(MissingRule::MaxMissing),
        (0.0f64..1.0).prop_map(MissingRule::MaxMissingFraction),
    ]
}

/// 1 to 4 bands with strictly increasing mins, in steps of 0.5.
fn increasing_bands() -> impl Strategy<Value = Vec<BandSpec>> {
    (
        -40i32..40,
        prop::collection::vec(
            (
                1i32..40,
                "[a-zA-Z][a-zA-Z ]{0,8}",
                prop::option::of("[轻中重度]{1,3}"),
            ),
            1..=4,
        ),
    )
        .prop_map(|(start, steps)| {
            let mut min = f64::from(start) * 0.5;
            steps
                .into_iter()
                .enumerate()
                .map(|(i, (step, label, label_zh))| {
                    if i > 0 {
                        min += f64::from(step) * 0.5;
                    }
                    // The index keeps labels distinct and ending in a non-space.
                    BandSpec {
                        label: format!("{label}{i}"),
                        label_zh,
                        min,
                    }
                })
                .collect()
        })
}

/// A transform; a named one is called `{prefix}_x{tag}`, which no subscale id (no `_`, ends in
/// a digit) and no band column (ends in `_band`) can equal.
fn transform(tag: usize) -> impl Strategy<Value = TransformSpec> {
    (
        prop::option::of("[a-z][a-z0-9]{0,5}"),
        (1i32..400, any::<bool>()),
        -200i32..200,
        prop_oneof![
            Just(Rounding::None),
            Just(Rounding::Truncate),
            Just(Rounding::Round)
        ],
    )
        .prop_map(move |(name, (multiply, negative), add, rounding)| {
            let sign = if negative { -1.0 } else { 1.0 };
            TransformSpec {
                name: name.map(|prefix| format!("{prefix}_x{tag}")),
                multiply: sign * f64::from(multiply) * 0.25,
                add: f64::from(add) * 0.5,
                rounding,
            }
        })
}

fn score_spec(tag: usize) -> impl Strategy<Value = ScoreSpec> {
    (
        method(),
        prop::option::of(missing_rule()),
        prop_oneof![Just(Vec::new()), increasing_bands()],
        prop::option::of(transform(tag)),
    )
        .prop_map(|(method, missing, bands, transform)| ScoreSpec {
            method,
            missing,
            bands,
            transform,
        })
}

/// Distinct item names (compared ignoring case), ASCII or Chinese, some needing escapes.
fn item_names() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Za-z条目题][A-Za-z0-9_.\"\\\\条目题]{0,5}", 1..30).prop_map(|names| {
        let mut seen = std::collections::HashSet::new();
        names
            .into_iter()
            .filter(|name| seen.insert(name.to_lowercase()))
            .collect()
    })
}

fn items_spec(at_least: usize) -> impl Strategy<Value = ItemsSpec> {
    prop_oneof![
        (at_least.max(1)..40).prop_map(ItemsSpec::Numbered),
        item_names()
            .prop_filter("enough items", move |names| names.len() >= at_least)
            .prop_map(ItemsSpec::Named),
    ]
}

/// A valid scale with `subscales` non-overlapping subscales, each of random items.
fn scale_spec(subscales: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = ScaleSpec> {
    let (fewest, most) = (*subscales.start(), *subscales.end());
    items_spec(fewest)
        .prop_flat_map(move |items| {
            let n = items.len();
            let indices: Vec<usize> = (0..n).collect();
            let count = fewest..=most.min(n);
            (
                Just(items),
                Just(indices.clone()).prop_shuffle(),
                subsequence(indices.clone(), 0..=n).prop_shuffle(),
                count.prop_flat_map(move |k| subsequence((1..=n).collect::<Vec<_>>(), k)),
            )
        })
        .prop_flat_map(|(items, order, reverse, cuts)| {
            let k = cuts.len();
            let memberships: Vec<Vec<usize>> = cuts
                .iter()
                .enumerate()
                .map(|(j, &end)| {
                    let start = if j == 0 { 0 } else { cuts[j - 1] };
                    order[start..end].to_vec()
                })
                .collect();
            let subscales: Vec<_> = memberships
                .into_iter()
                .enumerate()
                .map(|(j, members)| {
                    ("[a-z][a-z0-9-]{0,5}", score_spec(j)).prop_map(move |(prefix, score)| {
                        SubscaleSpec {
                            // Ends in its index: distinct, never reserved, never `*_band`.
                            id: format!("{prefix}{j}"),
                            items: members.clone(),
                            score,
                        }
                    })
                })
                .collect();
            (
                identifier(),
                "\\PC{0,20}",
                (-10i32..10, 1i32..20),
                method(),
                Just(items),
                Just(reverse),
                prop::option::of(missing_rule()),
                subscales,
                prop_oneof![
                    Just(TotalSpec::Omitted),
                    any::<bool>().prop_map(TotalSpec::Enabled),
                    score_spec(k).prop_map(TotalSpec::Table),
                ],
            )
        })
        .prop_map(
            |(id, name, (min, span), method, items, reverse, missing, subscales, total)| {
                let min = f64::from(min) * 0.5;
                ScaleSpec {
                    id,
                    name,
                    min,
                    max: min + f64::from(span) * 0.5,
                    method,
                    items,
                    reverse,
                    missing,
                    overlapping_subscales: false,
                    subscales,
                    total,
                }
                .with_reachable_bands()
            },
        )
}

/// Checks that one loaded score is what `spec` asked for.
fn assert_score(
    score: &ScoreDef,
    spec: &ScoreSpec,
    scale: &ScaleSpec,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        score.method,
        spec.method.or(scale.method).unwrap_or(Method::Sum)
    );
    prop_assert_eq!(
        score.missing,
        spec.missing
            .or(scale.missing)
            .unwrap_or(MissingRule::MaxMissing(0))
    );
    prop_assert_eq!(score.weight, 1.0);
    let bands: Vec<(&str, Option<&str>, f64)> = score
        .bands
        .iter()
        .map(|b| (b.label.as_str(), b.label_zh.as_deref(), b.min))
        .collect();
    let expected: Vec<(&str, Option<&str>, f64)> = spec
        .bands
        .iter()
        .map(|b| (b.label.as_str(), b.label_zh.as_deref(), b.min))
        .collect();
    prop_assert_eq!(bands, expected);
    match (&score.transform, &spec.transform) {
        (None, None) => {}
        (Some(got), Some(want)) => {
            prop_assert_eq!(&got.name, &want.name);
            prop_assert_eq!(got.multiply, want.multiply);
            prop_assert_eq!(got.add, want.add);
            prop_assert_eq!(got.rounding, want.rounding);
        }
        (got, want) => prop_assert!(false, "transform {:?}, expected {:?}", got, want),
    }
    prop_assert!(score.norms.is_none());
    Ok(())
}

/// Checks that the loaded scale is exactly the generated one.
fn assert_loaded_as_written(scale: &Scale, spec: &ScaleSpec) -> Result<(), TestCaseError> {
    prop_assert_eq!(&scale.id, &spec.id);
    prop_assert_eq!(&scale.name, &spec.name);
    prop_assert_eq!(scale.numbered, matches!(spec.items, ItemsSpec::Numbered(_)));
    let names: Vec<String> = scale.items.iter().map(|item| item.name.clone()).collect();
    prop_assert_eq!(names, spec.items.names());
    for (index, item) in scale.items.iter().enumerate() {
        prop_assert_eq!(item.number, index + 1);
        prop_assert_eq!((item.min, item.max), (spec.min, spec.max));
        prop_assert!(matches!(item.kind, ItemKind::Single));
        prop_assert!(item.labels.is_empty() && !item.decimals && item.column.is_none());
    }
    let reversed: Vec<usize> = (0..scale.items.len())
        .filter(|&i| scale.items[i].reverse)
        .collect();
    let mut expected_reversed = spec.reverse.clone();
    expected_reversed.sort_unstable();
    prop_assert_eq!(reversed, expected_reversed);

    let subscales: Vec<&ScoreDef> = scale.subscales().collect();
    prop_assert_eq!(subscales.len(), spec.subscales.len());
    for (score, wanted) in subscales.iter().zip(&spec.subscales) {
        prop_assert_eq!(&score.id, &wanted.id);
        prop_assert!(!score.is_total);
        prop_assert!(
            matches!(&score.source, ScoreSource::Items(items) if *items == wanted.items),
            "{} is made of {:?}, expected items {:?}",
            score.id,
            score.source,
            wanted.items
        );
        assert_score(score, &wanted.score, spec)?;
    }
    // The subscales come first, in file order, then the total.
    prop_assert!(
        scale.scores[..spec.subscales.len()]
            .iter()
            .all(|s| !s.is_total)
    );
    let default_total = ScoreSpec {
        method: None,
        missing: None,
        bands: Vec::new(),
        transform: None,
    };
    let total = match &spec.total {
        TotalSpec::Enabled(false) => None,
        TotalSpec::Omitted | TotalSpec::Enabled(true) => Some(&default_total),
        TotalSpec::Table(score) => Some(score),
    };
    prop_assert_eq!(
        scale.scores.len(),
        spec.subscales.len() + usize::from(total.is_some())
    );
    match (scale.total(), total) {
        (None, None) => {}
        (Some(score), Some(wanted)) => {
            prop_assert_eq!(score.id.as_str(), "total");
            prop_assert!(scale.scores.last().is_some_and(|last| last.is_total));
            let all: Vec<usize> = (0..spec.items.len()).collect();
            prop_assert!(matches!(&score.source, ScoreSource::Items(items) if *items == all));
            assert_score(score, wanted, spec)?;
        }
        (got, wanted) => prop_assert!(
            false,
            "total {:?}, expected {:?}",
            got.map(|s| &s.id),
            wanted
        ),
    }
    Ok(())
}

proptest! {
    #![proptest_config(Config::with_cases(CASES))]

    #[test]
    fn generated_scales_load_as_written(spec in scale_spec(0..=3)) {
        let rendered = spec.render();
        let scale = Scale::from_toml(&rendered.text, FILE)
            .map_err(|err| TestCaseError::fail(format!("{err}\n{}", rendered.text)))?;
        assert_loaded_as_written(&scale, &spec)?;
    }

    #[test]
    fn overlapping_subscales_are_rejected_unless_allowed(
        spec in scale_spec(2..=3),
        from in any::<Index>(),
        to in any::<Index>(),
        which in any::<Index>(),
        position in any::<Index>(),
    ) {
        let mut spec = spec;
        let k = spec.subscales.len();
        let from = from.index(k);
        let to = (from + 1 + to.index(k - 1)) % k;
        let source = &spec.subscales[from].items;
        let item = source[which.index(source.len())];
        let position = position.index(spec.subscales[to].items.len() + 1);
        spec.subscales[to].items.insert(position, item);

        let rendered = spec.render();
        let (first, second) = (from.min(to), from.max(to));
        let at = spec.subscales[second]
            .items
            .iter()
            .position(|&i| i == item)
            .expect("the shared item is in both subscales");
        let references = spec.references(&spec.subscales[second].items);
        let expected = format!(
            "{FILE}:{}:{}: item {} is in subscale \"{}\" and in \"{}\"; set `overlapping_subscales = true` if that is intended",
            rendered.items_line[second],
            list_column("items = ", &references, at),
            spec.items.in_message(item),
            spec.subscales[first].id,
            spec.subscales[second].id,
        );
        let error = Scale::from_toml(&rendered.text, FILE)
            .err()
            .ok_or_else(|| TestCaseError::fail(format!("accepted:\n{}", rendered.text)))?;
        prop_assert_eq!(error.to_string(), expected, "{}", rendered.text);

        // The shared item widens the second subscale's range: its bands may need moving.
        spec.overlapping_subscales = true;
        let spec = spec.with_reachable_bands();
        let rendered = spec.render();
        let scale = Scale::from_toml(&rendered.text, FILE)
            .map_err(|err| TestCaseError::fail(format!("{err}\n{}", rendered.text)))?;
        assert_loaded_as_written(&scale, &spec)?;
    }

    #[test]
    fn unordered_bands_are_rejected(
        spec in scale_spec(0..=3),
        bands in increasing_bands().prop_filter("two bands or more", |b| b.len() >= 2),
        broken in any::<Index>(),
        drop in 0i32..6,
        target in any::<Index>(),
    ) {
        let mut spec = spec;
        let mut bands = bands;
        // Band `broken` starts at or below the band before it.
        let broken = 1 + broken.index(bands.len() - 1);
        bands[broken].min = bands[broken - 1].min - f64::from(drop) * 0.5;
        let target = target.index(spec.subscales.len() + 1);
        spec.set_bands(target, bands.clone());
        let rendered = spec.render();
        let line = rendered.bands_line[target].expect("the target score has bands");
        let written: Vec<String> = bands.iter().map(BandSpec::render).collect();
        let (band, previous) = (&bands[broken], &bands[broken - 1]);
        let expected = format!(
            "{FILE}:{line}:{}: band \"{}\" (min {}) must start above band \"{}\" (min {}): bands are listed in increasing order and each runs from its min up to the next band's min",
            list_column("bands = ", &written, broken),
            band.label,
            band.min,
            previous.label,
            previous.min,
        );
        let error = Scale::from_toml(&rendered.text, FILE)
            .err()
            .ok_or_else(|| TestCaseError::fail(format!("accepted:\n{}", rendered.text)))?;
        prop_assert_eq!(error.to_string(), expected, "{}", rendered.text);
    }

    #[test]
    fn a_band_no_score_reaches_is_rejected(
        spec in scale_spec(0..=3),
        bands in increasing_bands(),
        beyond in 1i32..40,
        target in any::<Index>(),
    ) {
        let mut spec = spec;
        let target = target.index(spec.subscales.len() + 1);
        spec.set_bands(target, bands);
        let mut spec = spec.with_reachable_bands();
        // The last band of the target starts above the highest value its score can take.
        let (bands, highest) = {
            let (score, highest) = spec.banded_scores().swap_remove(target);
            let last = score.bands.last_mut().expect("at least one band");
            last.min = highest + f64::from(beyond) * 0.5;
            (score.bands.clone(), highest)
        };
        let id = {
            let named = |score: &ScoreSpec| score.transform.as_ref().and_then(|t| t.name.clone());
            if target < spec.subscales.len() {
                let sub = &spec.subscales[target];
                named(&sub.score).unwrap_or_else(|| sub.id.clone())
            } else {
                match &spec.total {
                    TotalSpec::Table(score) => named(score).unwrap_or_else(|| "total".into()),
                    _ => unreachable!("set_bands made the total a table"),
                }
            }
        };
        let rendered = spec.render();
        let line = rendered.bands_line[target].expect("the target score has bands");
        let written: Vec<String> = bands.iter().map(BandSpec::render).collect();
        let last = bands.len() - 1;
        let expected = format!(
            "{FILE}:{line}:{}: band \"{}\" starts at {}, above the highest {id} score the items allow ({highest}): no one can fall in it",
            list_column("bands = ", &written, last),
            bands[last].label,
            bands[last].min,
        );
        let error = Scale::from_toml(&rendered.text, FILE)
            .err()
            .ok_or_else(|| TestCaseError::fail(format!("accepted:\n{}", rendered.text)))?;
        prop_assert_eq!(error.to_string(), expected, "{}", rendered.text);
    }
}
