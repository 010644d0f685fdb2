//! The participants' characteristics by group and whether the groups were alike at the start
//! ("Table 1", 一般资料比较): `psyscore baseline` and the study report's first table.
//!
//! A categorical characteristic is counted per level and group, with Pearson's χ², Yates' χ²
//! for a 2 × 2 table, Fisher's exact test, Cramér's V and the smallest expected count
//! ([`crate::stats::contingency`]); an ordered one also gets the rank test of `compare groups`
//! (Mann–Whitney for two groups, Kruskal–Wallis for more) on its levels' ranks. A continuous
//! characteristic is described by n, M (SD) and Mdn [Q1, Q3] per group and compared as
//! `compare groups` compares a measure.

pub mod table;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use crate::compare::{
    AnovaOut, FTestAdjusted, KruskalOut, LEVENE_ALPHA, MannWhitneyOut, Note, Options, TTestOut,
    compare_arms, compare_groups,
};
use crate::data::characteristics::{CharacteristicSheet, Kind, Observation};
use crate::data::pairing::{Excluded, RowRef};
use crate::stats::Alternative;
use crate::stats::contingency::{Contingency, Degenerate, TableError};
use crate::stats::describe::{QuantileType, describe};
use crate::stats::fisher::FisherLimit;
use crate::stats::oneway::kruskal;
use crate::stats::rank::{MethodChoice, RankMethod, rank_sum};

/// The smallest expected count below which Fisher's exact test is the one to read (Cochran
/// 1954: the χ² approximation is poor when an expected count is below 5).
pub const MIN_EXPECTED: f64 = 5.0;

/// A remark on one characteristic's tests; written in English in the JSON and the tables, and
/// by its parts in the study report's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Remark {
    /// Levels no one holds (declared ordered levels), left out of the tests.
    EmptyLevels(Vec<String>),
    /// Groups without any answer, left out of the tests.
    EmptyGroups(Vec<String>),
    /// Every answer is this one level: nothing to test.
    OneLevel(String),
    /// No one answered.
    NoAnswers,
    /// Only one group answered.
    OneGroupAnswered,
    /// Fisher's exact test could not be computed, and why.
    FisherNotComputed(FisherLimit),
    /// The smallest expected count is below [`MIN_EXPECTED`]; whether Fisher's test is there.
    SmallExpected {
        /// The smallest expected count.
        min: f64,
        /// Whether Fisher's exact test was computed.
        fisher: bool,
    },
    /// A remark of `compare groups` on the tests of numbers (an undefined t-test).
    Numbers(Note),
    /// The table cannot be tested, and why.
    NotTested(TableError),
}

impl std::fmt::Display for Remark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Remark::EmptyLevels(levels) => {
                write!(
                    f,
                    "no one is at {}: left out of the tests",
                    levels.join(", ")
                )
            }
            Remark::EmptyGroups(groups) => write!(
                f,
                "{} has no answer: the tests compare the other groups",
                groups.join(", ")
            ),
            Remark::OneLevel(level) => {
                write!(f, "every answer is {level}: there is nothing to test")
            }
            Remark::NoAnswers => f.write_str("no one answered: there is nothing to test"),
            Remark::OneGroupAnswered => {
                f.write_str("only one group answered: there is nothing to compare")
            }
            Remark::FisherNotComputed(why) => {
                write!(f, "Fisher's exact test is not computed: {why}")
            }
            Remark::SmallExpected { min, fisher: true } => write!(
                f,
                "the smallest expected count is {min:.2}, below 5: read Fisher's exact test, not χ²"
            ),
            Remark::SmallExpected { min, fisher: false } => write!(
                f,
                "the smallest expected count is {min:.2}, below 5: χ² is approximate and Fisher's exact test could not be computed; read it with caution"
            ),
            Remark::Numbers(note) => note.fmt(f),
            Remark::NotTested(why) => write!(f, "not tested: {why}"),
        }
    }
}

impl Serialize for Remark {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The baseline table of one sheet: every characteristic by group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaselineReport {
    /// `baseline`.
    pub analysis: &'static str,
    /// The group column; `null` for one group.
    pub group: Option<String>,
    /// Each group and how many rows it has, in level order.
    pub groups: Vec<GroupSize>,
    /// Everyone described.
    pub n: usize,
    /// Rows left out (no group, or a group not compared), with the reason.
    pub excluded: Vec<Excluded>,
    /// One result per characteristic, in the order of the sheet's columns.
    pub variables: Vec<VariableResult>,
}

/// A group and its size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSize {
    /// The group's level.
    pub level: String,
    /// Its rows.
    pub n: usize,
}

/// One characteristic's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum VariableResult {
    /// Counted by level.
    Categorical(Box<CategoricalResult>),
    /// Described by numbers.
    Continuous(Box<ContinuousResult>),
}

/// Counts per group, serialized as an object keyed by group in level order.
#[derive(Debug, Clone, PartialEq)]
pub struct ByGroup<T>(pub Vec<(String, T)>);

impl<T: Serialize> Serialize for ByGroup<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(group, value)| (group, value)))
    }
}

impl<T: Copy> ByGroup<T> {
    /// The value of each group, in level order.
    pub fn values(&self) -> impl Iterator<Item = T> + '_ {
        self.0.iter().map(|(_, value)| *value)
    }
}

/// A categorical characteristic (ordered or not).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoricalResult {
    /// The column.
    pub variable: String,
    /// `categorical`.
    pub kind: &'static str,
    /// Whether its levels have an order (`--ordered`).
    pub ordered: bool,
    /// People with an answer.
    pub n: usize,
    /// People without one.
    pub missing: usize,
    /// People without one, per group.
    pub missing_by_group: ByGroup<usize>,
    /// Each level: its counts and percentages. Ordered levels in their order; others in numeric
    /// order when every level is a number, else in order of first appearance.
    pub levels: Vec<LevelCount>,
    /// Pearson's χ² without continuity correction (R `chisq.test(correct = FALSE)`).
    pub chi_square: Option<ChiSquareOut>,
    /// Yates' corrected χ², for a 2 × 2 table only (R `chisq.test()`).
    pub chi_square_yates: Option<YatesOut>,
    /// Fisher's exact test, two-sided (R `fisher.test()`).
    pub fisher: Option<FisherOut>,
    /// Cramér's V = √(χ² / (n (min(r, c) − 1))).
    pub cramers_v: Option<f64>,
    /// The smallest expected count of the table tested.
    pub min_expected: Option<f64>,
    /// The test the table shows: `chi_square`, or `fisher` when an expected count is below 5.
    pub read: Option<&'static str>,
    /// For ordered levels, the rank test of the levels' ranks.
    pub rank_test: Option<RankTestOut>,
    /// Why a test is missing, levels left out of the tests, and which test to read.
    pub notes: Vec<Remark>,
}

/// One level of a categorical characteristic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelCount {
    /// The level as written.
    pub level: String,
    /// People at this level, per group.
    pub counts: ByGroup<usize>,
    /// Their percentage of the group's answers (missing left out); `null` for a group without
    /// answers.
    pub percent: ByGroup<Option<f64>>,
    /// People at this level in all groups.
    pub total: usize,
    /// Their percentage of all answers.
    pub total_percent: Option<f64>,
}

/// Pearson's χ² test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChiSquareOut {
    /// χ².
    pub statistic: f64,
    /// (r − 1)(c − 1).
    pub df: f64,
    /// p-value.
    pub p: f64,
}

/// Yates' corrected χ² of a 2 × 2 table (1 degree of freedom).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YatesOut {
    /// χ² with the correction.
    pub statistic: f64,
    /// p-value.
    pub p: f64,
}

/// Fisher's exact test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FisherOut {
    /// Two-sided p-value: the probability of the tables with the observed margins that are no
    /// more probable than the observed.
    pub p: f64,
}

/// The rank test of an ordered characteristic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankTestOut {
    /// `mann_whitney` (two groups) or `kruskal_wallis`.
    pub test: &'static str,
    /// U of the first group (Mann–Whitney) or the tie-corrected H (Kruskal–Wallis).
    pub statistic: f64,
    /// Degrees of freedom of H; `null` for U.
    pub df: Option<f64>,
    /// p-value.
    pub p: f64,
    /// `exact` or `normal` (Mann–Whitney); `chi_square` (Kruskal–Wallis).
    pub method: &'static str,
}

/// A continuous characteristic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContinuousResult {
    /// The column.
    pub variable: String,
    /// `continuous`.
    pub kind: &'static str,
    /// People with a value.
    pub n: usize,
    /// People without one.
    pub missing: usize,
    /// People without one, per group.
    pub missing_by_group: ByGroup<usize>,
    /// Each group's description, in level order.
    pub groups: Vec<NumberSummary>,
    /// Everyone's description.
    pub total: NumberSummary,
    /// Student's t-test, two groups (as `compare groups`).
    pub student: Option<TTestOut>,
    /// Welch's t-test, two groups.
    pub welch: Option<TTestOut>,
    /// The Mann–Whitney test, two groups.
    pub mann_whitney: Option<MannWhitneyOut>,
    /// The one-way ANOVA, three groups or more.
    pub anova: Option<AnovaOut>,
    /// Welch's ANOVA, three groups or more.
    pub welch_anova: Option<FTestAdjusted>,
    /// The Kruskal–Wallis test, three groups or more.
    pub kruskal: Option<KruskalOut>,
    /// The test the table shows (`student`, `welch`, `anova` or `welch_anova`: the one
    /// Levene's test favours, as `compare groups` says).
    pub read: Option<&'static str>,
    /// Why that test is the one shown.
    pub read_reason: Option<String>,
    /// Why a test is missing.
    pub notes: Vec<Remark>,
}

/// n, M (SD), Mdn [Q1, Q3] of one group's values (quartiles as R's `quantile`, type 7).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberSummary {
    /// The group's level, or `total`.
    pub level: String,
    /// Values.
    pub n: usize,
    /// Mean.
    pub mean: Option<f64>,
    /// SD (n − 1).
    pub sd: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// First quartile.
    pub q1: Option<f64>,
    /// Third quartile.
    pub q3: Option<f64>,
}

impl NumberSummary {
    fn of(level: &str, values: &[f64]) -> NumberSummary {
        let description = describe(values, QuantileType::R7);
        NumberSummary {
            level: level.to_owned(),
            n: description.n,
            mean: description.mean,
            sd: description.sd,
            median: description.median,
            q1: description.q1,
            q3: description.q3,
        }
    }
}

/// The baseline table of `sheet` by the `levels` of its rows' group (one level: a description
/// without tests). Rows of no listed group are left out and listed, and so are the rows of an
/// id that occurs more than once (which of them is the person cannot be known; counting both
/// would count one person twice); `column` names the group column in the report and in what is
/// left out.
pub fn baseline_report(
    sheet: &CharacteristicSheet,
    column: Option<&str>,
    levels: &[String],
) -> BaselineReport {
    let mut excluded = Vec::new();
    let mut rows_of_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, row) in sheet.rows.iter().enumerate() {
        if !row.id.is_empty() {
            rows_of_id.entry(row.id.as_str()).or_default().push(index);
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); levels.len()];
    for (index, row) in sheet.rows.iter().enumerate() {
        if let Some(rows) = rows_of_id
            .get(row.id.as_str())
            .filter(|rows| rows.len() > 1)
        {
            if rows[0] == index {
                let refs = rows
                    .iter()
                    .map(|&r| RowRef::new(None, &sheet.source, sheet.rows[r].row))
                    .collect();
                excluded.push(Excluded::duplicate_id(&row.id, refs));
            }
            continue;
        }
        match levels.iter().position(|level| *level == row.group) {
            Some(group) => members[group].push(index),
            None => excluded.push(Excluded::other_group(
                &row.id,
                RowRef::new(None, &sheet.source, row.row),
                column.unwrap_or("group"),
                &row.group,
                levels,
            )),
        }
    }
    let variables = sheet
        .characteristics
        .iter()
        .enumerate()
        .map(|(index, characteristic)| {
            let by_group: Vec<Vec<&Observation>> = members
                .iter()
                .map(|rows| rows.iter().map(|&r| &sheet.rows[r].values[index]).collect())
                .collect();
            match &characteristic.kind {
                Kind::Continuous => VariableResult::Continuous(Box::new(continuous(
                    &characteristic.column,
                    levels,
                    &by_group,
                ))),
                kind => VariableResult::Categorical(Box::new(categorical(
                    &characteristic.column,
                    match kind {
                        Kind::Ordered(order) => Some(order.as_slice()),
                        _ => None,
                    },
                    levels,
                    &by_group,
                ))),
            }
        })
        .collect();
    BaselineReport {
        analysis: "baseline",
        group: column.map(str::to_owned),
        groups: levels
            .iter()
            .zip(&members)
            .map(|(level, rows)| GroupSize {
                level: level.clone(),
                n: rows.len(),
            })
            .collect(),
        n: members.iter().map(Vec::len).sum(),
        excluded,
        variables,
    }
}

fn missing_by_group(levels: &[String], by_group: &[Vec<&Observation>]) -> ByGroup<usize> {
    ByGroup(
        levels
            .iter()
            .zip(by_group)
            .map(|(level, cells)| {
                let missing = cells
                    .iter()
                    .filter(|cell| ***cell == Observation::Missing)
                    .count();
                (level.clone(), missing)
            })
            .collect(),
    )
}

/// The levels of a categorical characteristic: `order` when given, else numeric order when
/// every value is a number, else the order of first appearance.
fn level_order(order: Option<&[String]>, by_group: &[Vec<&Observation>]) -> Vec<String> {
    if let Some(order) = order {
        return order.to_vec();
    }
    let mut seen: Vec<String> = Vec::new();
    for cell in by_group.iter().flatten() {
        if let Observation::Category(value) = cell
            && !seen.contains(value)
        {
            seen.push(value.clone());
        }
    }
    let numbers: Option<Vec<f64>> = seen
        .iter()
        .map(|value| value.parse::<f64>().ok().filter(|v| v.is_finite()))
        .collect();
    if let Some(numbers) = numbers {
        let mut paired: Vec<(f64, String)> = numbers.into_iter().zip(seen).collect();
        paired.sort_by(|a, b| a.0.total_cmp(&b.0));
        return paired.into_iter().map(|(_, value)| value).collect();
    }
    seen
}

fn percent(count: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| 100.0 * count as f64 / of as f64)
}

fn categorical(
    name: &str,
    order: Option<&[String]>,
    levels: &[String],
    by_group: &[Vec<&Observation>],
) -> CategoricalResult {
    let level_names = level_order(order, by_group);
    // counts[level][group]
    let mut counts = vec![vec![0usize; levels.len()]; level_names.len()];
    for (group, cells) in by_group.iter().enumerate() {
        for cell in cells {
            if let Observation::Category(value) = cell
                && let Some(level) = level_names.iter().position(|l| l == value)
            {
                counts[level][group] += 1;
            }
        }
    }
    let answered: Vec<usize> = (0..levels.len())
        .map(|group| counts.iter().map(|row| row[group]).sum())
        .collect();
    let n: usize = answered.iter().sum();
    let missing = missing_by_group(levels, by_group);
    let level_counts = level_names
        .iter()
        .zip(&counts)
        .map(|(level, row)| {
            let total = row.iter().sum();
            LevelCount {
                level: level.clone(),
                counts: ByGroup(levels.iter().cloned().zip(row.iter().copied()).collect()),
                percent: ByGroup(
                    levels
                        .iter()
                        .zip(row.iter().zip(&answered))
                        .map(|(group, (&count, &of))| (group.clone(), percent(count, of)))
                        .collect(),
                ),
                total,
                total_percent: percent(total, n),
            }
        })
        .collect();
    let mut result = CategoricalResult {
        variable: name.to_owned(),
        kind: "categorical",
        ordered: order.is_some(),
        n,
        missing: missing.values().sum(),
        missing_by_group: missing,
        levels: level_counts,
        chi_square: None,
        chi_square_yates: None,
        fisher: None,
        cramers_v: None,
        min_expected: None,
        read: None,
        rank_test: None,
        notes: Vec::new(),
    };
    if levels.len() < 2 {
        return result;
    }
    table_tests(&mut result, &level_names, levels, &counts, order.is_some());
    result
}

/// Fills the χ² tests, Fisher's test, Cramér's V and the smallest expected count of the table
/// `counts[level][group]` ([`Contingency`], which leaves out the levels no one holds and the
/// groups without answers; they are named), and for `ordered` levels the rank test.
fn table_tests(
    result: &mut CategoricalResult,
    level_names: &[String],
    groups: &[String],
    counts: &[Vec<usize>],
    ordered: bool,
) {
    let table: Vec<Vec<u64>> = counts
        .iter()
        .map(|row| row.iter().map(|&count| count as u64).collect())
        .collect();
    let table = match Contingency::new(&table) {
        Ok(table) => table,
        Err(error) => {
            result.notes.push(Remark::NotTested(error));
            return;
        }
    };
    let names = |positions: &[usize], names: &[String]| -> Vec<String> {
        positions.iter().map(|&i| names[i].clone()).collect()
    };
    match table.degenerate() {
        Some(Degenerate::Empty) => {
            result.notes.push(Remark::NoAnswers);
            return;
        }
        Some(Degenerate::OneRow) => {
            let only = table.kept_rows().first().map(|&l| level_names[l].clone());
            result
                .notes
                .push(Remark::OneLevel(only.unwrap_or_default()));
            return;
        }
        _ => {}
    }
    if !table.dropped_rows().is_empty() {
        result.notes.push(Remark::EmptyLevels(names(
            table.dropped_rows(),
            level_names,
        )));
    }
    if !table.dropped_columns().is_empty() {
        result
            .notes
            .push(Remark::EmptyGroups(names(table.dropped_columns(), groups)));
    }
    if table.degenerate() == Some(Degenerate::OneColumn) {
        result.notes.push(Remark::OneGroupAnswered);
        return;
    }
    result.min_expected = table.min_expected();
    result.chi_square = table.pearson().map(|test| ChiSquareOut {
        statistic: test.chi2,
        df: test.df,
        p: test.p,
    });
    result.chi_square_yates = table.yates().map(|test| YatesOut {
        statistic: test.chi2,
        p: test.p,
    });
    result.cramers_v = table.cramers_v();
    match table.fisher() {
        Some(Ok(fisher)) => result.fisher = Some(FisherOut { p: fisher.p }),
        Some(Err(limit)) => result.notes.push(Remark::FisherNotComputed(limit)),
        None => {}
    }
    let small = result.min_expected.is_some_and(|e| e < MIN_EXPECTED);
    result.read = match (small, &result.fisher, &result.chi_square) {
        (true, Some(_), _) => Some("fisher"),
        (_, _, Some(_)) => Some("chi_square"),
        (_, Some(_), None) => Some("fisher"),
        _ => None,
    };
    if let Some(min) = result.min_expected.filter(|_| small) {
        result.notes.push(Remark::SmallExpected {
            min,
            fisher: result.fisher.is_some(),
        });
    }
    if ordered {
        result.rank_test = rank_test(&table.group_values());
    }
}

/// The rank test of ordered levels: each person's level (its position in the order) is the
/// value, compared between the groups with answers as `compare groups` compares values
/// (Mann–Whitney for two groups, with the exact conditional distribution up to 50 per group;
/// Kruskal–Wallis for more).
fn rank_test(values: &[Vec<f64>]) -> Option<RankTestOut> {
    if let [first, second] = values {
        let test = rank_sum(first, second, Alternative::TwoSided, MethodChoice::Auto)?;
        return Some(RankTestOut {
            test: "mann_whitney",
            statistic: test.u,
            df: None,
            p: test.p,
            method: match test.method {
                RankMethod::Exact => "exact",
                RankMethod::Normal => "normal",
            },
        });
    }
    let slices: Vec<&[f64]> = values.iter().map(Vec::as_slice).collect();
    let test = kruskal(&slices)?;
    Some(RankTestOut {
        test: "kruskal_wallis",
        statistic: test.h,
        df: Some(test.df),
        p: test.p,
        method: "chi_square",
    })
}

fn continuous(name: &str, levels: &[String], by_group: &[Vec<&Observation>]) -> ContinuousResult {
    let values: Vec<Vec<f64>> = by_group
        .iter()
        .map(|cells| {
            cells
                .iter()
                .filter_map(|cell| match cell {
                    Observation::Number(value) => Some(*value),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let everyone: Vec<f64> = values.iter().flatten().copied().collect();
    let missing = missing_by_group(levels, by_group);
    let mut result = ContinuousResult {
        variable: name.to_owned(),
        kind: "continuous",
        n: everyone.len(),
        missing: missing.values().sum(),
        missing_by_group: missing,
        groups: levels
            .iter()
            .zip(&values)
            .map(|(level, values)| NumberSummary::of(level, values))
            .collect(),
        total: NumberSummary::of("total", &everyone),
        student: None,
        welch: None,
        mann_whitney: None,
        anova: None,
        welch_anova: None,
        kruskal: None,
        read: None,
        read_reason: None,
        notes: Vec::new(),
    };
    match levels {
        [] | [_] => {}
        [first, second] => {
            let compared = compare_groups(
                name,
                [first, second],
                &values[0],
                &values[1],
                Options::default(),
            );
            result.read = Some(compared.favoured.test);
            result.read_reason = Some(read_reason(
                compared.levene.p,
                "Student's t-test",
                "Welch's t-test",
            ));
            result.notes.extend(numbers_remarks(compared.notes));
            result.student = Some(compared.student);
            result.welch = Some(compared.welch);
            result.mann_whitney = Some(compared.mann_whitney);
        }
        _ => {
            let names: Vec<&str> = levels.iter().map(String::as_str).collect();
            let slices: Vec<&[f64]> = values.iter().map(Vec::as_slice).collect();
            let compared = compare_arms(name, &names, &slices, Options::default().conf);
            result.read = Some(compared.favoured.test);
            result.read_reason = Some(read_reason(
                compared.levene.p,
                "the one-way ANOVA",
                "Welch's ANOVA",
            ));
            result.notes.extend(numbers_remarks(compared.notes));
            result.anova = Some(compared.anova);
            result.welch_anova = Some(compared.welch_anova);
            result.kruskal = Some(compared.kruskal);
        }
    }
    result
}

/// Why the table shows the test of equal variances (`equal`) or Welch's (`unequal`): Levene's
/// median-centred test at [`LEVENE_ALPHA`], as `compare groups` chooses.
fn read_reason(levene_p: Option<f64>, equal: &str, unequal: &str) -> String {
    match levene_p {
        Some(p) if p >= LEVENE_ALPHA => format!(
            "Levene's test (median-centred) finds no difference in variances (p = {p:.3} ≥ {LEVENE_ALPHA}): the table shows {equal}"
        ),
        Some(p) => format!(
            "Levene's test (median-centred) finds unequal variances (p = {p:.3} < {LEVENE_ALPHA}): the table shows {unequal}"
        ),
        None => format!(
            "equal variances cannot be checked: the table shows {unequal}, which does not assume them"
        ),
    }
}

/// The remarks of `compare groups` that concern what the baseline table shows (not its
/// Shapiro–Wilk or pairs of groups, which the table leaves out).
fn numbers_remarks(notes: Vec<Note>) -> impl Iterator<Item = Remark> {
    notes
        .into_iter()
        .filter(|note| !note.is_about_normality())
        .map(Remark::Numbers)
}
