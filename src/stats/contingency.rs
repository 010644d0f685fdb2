//! Tests of association in an r × c table of counts (rows = the levels of a characteristic,
//! columns = the groups), for a study's baseline table: expected counts, Pearson's χ² as R
//! `chisq.test(x, correct = FALSE)`, Yates' corrected χ² of a 2 × 2 table as R
//! `chisq.test(x)`, Cramér's V, and Fisher's exact test as R `fisher.test(x)` (computed in
//! [`crate::stats::fisher`]).
//!
//! **Empty rows and columns are dropped first.** A level nobody has (an all-zero row) or a group
//! with nobody in it (an all-zero column) has expected counts of 0, where R's `chisq.test`
//! gives `NaN`; [`Contingency::new`] drops them, says which ([`Contingency::dropped_rows`],
//! [`Contingency::dropped_columns`]) so the caller can name them, and every statistic is that
//! of the remaining table: the df are `(r − 1)(c − 1)` of the rows and columns kept, as R's
//! `chisq.test(x[rowSums(x) > 0, colSums(x) > 0])`. R's `fisher.test` ignores empty rows and
//! columns itself, so its p-value is the same with or without them.
//!
//! **No test on one row or one column.** When fewer than two rows or two columns remain (a
//! characteristic with one level, everyone in one group, or no one at all), there is nothing to
//! test: every test is `None` and [`Contingency::degenerate`] says which case it is.

use serde::Serialize;
use thiserror::Error;

use crate::stats::fisher::{self, Fisher, FisherLimit};
use crate::stats::repeated::chi_squared_upper;

/// The largest total count accepted: beyond 2⁵³, counts are no longer exact in double precision.
pub const MAX_TOTAL: u64 = 1 << 53;

/// A table that cannot be read as a contingency table.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TableError {
    /// No rows, or rows without cells.
    #[error("the table has no cells; give at least one row and one column of counts")]
    Empty,
    /// Rows of different lengths.
    #[error(
        "row {row} of the table has {found} counts where row 1 has {expected}; give every row one count per column"
    )]
    Ragged {
        /// The row (1-based) whose length differs from the first row's.
        row: usize,
        /// Its number of counts.
        found: usize,
        /// The first row's number of counts.
        expected: usize,
    },
    /// A total beyond [`MAX_TOTAL`].
    #[error(
        "the table's counts add up to more than 2^53 (9007199254740992), beyond exact arithmetic in double precision; check the counts"
    )]
    TooLarge,
}

/// Why a table has nothing to test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Degenerate {
    /// Every count is 0.
    Empty,
    /// Only one row (level) has any count.
    OneRow,
    /// Only one column (group) has any count.
    OneColumn,
}

/// A chi-squared test of association.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChiSquared {
    /// The statistic χ².
    pub chi2: f64,
    /// Degrees of freedom, `(r − 1)(c − 1)` of the rows and columns kept.
    pub df: f64,
    /// `P(χ²_df ≥ chi2)`.
    pub p: f64,
}

/// An r × c table of counts with its empty rows and columns dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct Contingency {
    /// The kept counts, one `Vec` per kept row.
    counts: Vec<Vec<u64>>,
    /// The positions (0-based, in the table as given) of the kept rows.
    rows: Vec<usize>,
    /// The positions (0-based, in the table as given) of the kept columns.
    columns: Vec<usize>,
    /// The positions of the dropped (all-zero) rows.
    dropped_rows: Vec<usize>,
    /// The positions of the dropped (all-zero) columns.
    dropped_columns: Vec<usize>,
    /// The kept rows' totals.
    row_totals: Vec<u64>,
    /// The kept columns' totals.
    column_totals: Vec<u64>,
    /// The total count.
    n: u64,
    /// Whether the table as given was 2 × 2 (R's `fisher.test` then uses its own tolerance).
    given_2x2: bool,
}

impl Contingency {
    /// The table `counts`, one `Vec` per row (level), one count per column (group). Rows and
    /// columns whose counts are all 0 are dropped (see the module's documentation). Errors on
    /// an empty table, rows of different lengths, or a total beyond [`MAX_TOTAL`].
    pub fn new(counts: &[Vec<u64>]) -> Result<Contingency, TableError> {
        let width = counts.first().map_or(0, Vec::len);
        if width == 0 {
            return Err(TableError::Empty);
        }
        if let Some((row, found)) = counts
            .iter()
            .enumerate()
            .find(|(_, row)| row.len() != width)
        {
            return Err(TableError::Ragged {
                row: row + 1,
                found: found.len(),
                expected: width,
            });
        }
        let mut n = 0u64;
        for &count in counts.iter().flatten() {
            n = n.checked_add(count).ok_or(TableError::TooLarge)?;
        }
        if n > MAX_TOTAL {
            return Err(TableError::TooLarge);
        }
        let row_sum = |i: usize| counts[i].iter().sum::<u64>();
        let column_sum = |j: usize| counts.iter().map(|row| row[j]).sum::<u64>();
        let (rows, dropped_rows): (Vec<usize>, Vec<usize>) =
            (0..counts.len()).partition(|&i| row_sum(i) > 0);
        let (columns, dropped_columns): (Vec<usize>, Vec<usize>) =
            (0..width).partition(|&j| column_sum(j) > 0);
        let kept: Vec<Vec<u64>> = rows
            .iter()
            .map(|&i| columns.iter().map(|&j| counts[i][j]).collect())
            .collect();
        Ok(Contingency {
            row_totals: rows.iter().map(|&i| row_sum(i)).collect(),
            column_totals: columns.iter().map(|&j| column_sum(j)).collect(),
            counts: kept,
            rows,
            columns,
            dropped_rows,
            dropped_columns,
            n,
            given_2x2: counts.len() == 2 && width == 2,
        })
    }

    /// The kept counts, one `Vec` per kept row.
    pub fn counts(&self) -> &[Vec<u64>] {
        &self.counts
    }

    /// The positions (0-based, in the table as given) of the rows kept, in order.
    pub fn kept_rows(&self) -> &[usize] {
        &self.rows
    }

    /// The positions (0-based, in the table as given) of the columns kept, in order.
    pub fn kept_columns(&self) -> &[usize] {
        &self.columns
    }

    /// The positions (0-based) of the rows dropped because every count in them is 0.
    pub fn dropped_rows(&self) -> &[usize] {
        &self.dropped_rows
    }

    /// The positions (0-based) of the columns dropped because every count in them is 0.
    pub fn dropped_columns(&self) -> &[usize] {
        &self.dropped_columns
    }

    /// The kept rows' totals.
    pub fn row_totals(&self) -> &[u64] {
        &self.row_totals
    }

    /// The kept columns' totals.
    pub fn column_totals(&self) -> &[u64] {
        &self.column_totals
    }

    /// The total count n.
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Why the table has nothing to test, if it has not: fewer than two rows or two columns
    /// with counts. `None` for a table the tests apply to.
    pub fn degenerate(&self) -> Option<Degenerate> {
        if self.n == 0 {
            Some(Degenerate::Empty)
        } else if self.rows.len() < 2 {
            Some(Degenerate::OneRow)
        } else if self.columns.len() < 2 {
            Some(Degenerate::OneColumn)
        } else {
            None
        }
    }

    /// The expected counts of the kept cells under independence, `E_ij = row_i · col_j / n`
    /// (empty when every count is 0).
    pub fn expected(&self) -> Vec<Vec<f64>> {
        let n = self.n as f64;
        self.row_totals
            .iter()
            .map(|&row| {
                self.column_totals
                    .iter()
                    .map(|&column| row as f64 * column as f64 / n)
                    .collect()
            })
            .collect()
    }

    /// The smallest expected count of the kept cells; `None` when every count is 0.
    pub fn min_expected(&self) -> Option<f64> {
        let row = *self.row_totals.iter().min()?;
        let column = *self.column_totals.iter().min()?;
        Some(row as f64 * column as f64 / self.n as f64)
    }

    /// How many kept cells have an expected count below `limit` (Cochran's rule reads χ² as
    /// unreliable when more than a fifth of the cells are below 5).
    pub fn cells_expected_below(&self, limit: f64) -> usize {
        self.expected()
            .iter()
            .flatten()
            .filter(|&&e| e < limit)
            .count()
    }

    /// The share of kept cells with an expected count below `limit`, from 0 to 1; `None` when
    /// every count is 0.
    pub fn share_expected_below(&self, limit: f64) -> Option<f64> {
        let cells = self.rows.len() * self.columns.len();
        (cells > 0).then(|| self.cells_expected_below(limit) as f64 / cells as f64)
    }

    /// Pearson's χ² test of independence without continuity correction, as R
    /// `chisq.test(x, correct = FALSE)`: `χ² = Σ (O − E)² / E` over the kept cells, on
    /// `(r − 1)(c − 1)` df. `None` for a [degenerate](Self::degenerate) table.
    pub fn pearson(&self) -> Option<ChiSquared> {
        self.chi_squared(0.0)
    }

    /// Yates' continuity-corrected χ² of a 2 × 2 table (after dropping empty rows and columns),
    /// as R `chisq.test(x)`: `χ² = Σ (|O − E| − y)² / E` with R's `y = min(0.5, |O − E|)` (in a
    /// 2 × 2 table `|O − E|` is the same in every cell, so the correction never passes the
    /// difference it corrects). `None` for any other shape or a degenerate table.
    pub fn yates(&self) -> Option<ChiSquared> {
        if self.rows.len() != 2 || self.columns.len() != 2 {
            return None;
        }
        let expected = self.expected();
        let smallest = self
            .counts
            .iter()
            .flatten()
            .zip(expected.iter().flatten())
            .map(|(&o, e)| (o as f64 - e).abs())
            .fold(0.5_f64, f64::min);
        self.chi_squared(smallest)
    }

    /// Cramér's V of the kept table, `√(χ² / (n (min(r, c) − 1)))` with Pearson's uncorrected
    /// χ² (`effectsize::cramers_v(x, adjust = FALSE)`). `None` for a degenerate table.
    pub fn cramers_v(&self) -> Option<f64> {
        let chi2 = self.pearson()?.chi2;
        let k = self.rows.len().min(self.columns.len()) - 1;
        Some((chi2 / (self.n as f64 * k as f64)).sqrt())
    }

    /// Fisher's exact test, two-sided, as R `fisher.test(x)`, within the default work budget
    /// [`fisher::BUDGET`]. `None` for a degenerate table; `Some(Err)` when the exact p-value
    /// is not computed, with the reason (see [`crate::stats::fisher`]).
    pub fn fisher(&self) -> Option<Result<Fisher, FisherLimit>> {
        self.fisher_with_budget(fisher::BUDGET)
    }

    /// [`fisher`](Self::fisher) with a work budget of `budget` steps instead of the default.
    pub fn fisher_with_budget(&self, budget: u64) -> Option<Result<Fisher, FisherLimit>> {
        self.degenerate().is_none().then(|| {
            let tolerance = if self.given_2x2 {
                fisher::TOLERANCE_2X2
            } else {
                fisher::TOLERANCE_RXC
            };
            fisher::exact_p(&self.counts, self.n, tolerance, budget)
        })
    }

    /// The table as one vector of values per kept column (group): a person in row i counts as
    /// the value i, the row's position (0-based) in the table as given, so ordered levels give
    /// ordered values for a rank test (Mann–Whitney, Kruskal–Wallis) of the groups.
    pub fn group_values(&self) -> Vec<Vec<f64>> {
        (0..self.columns.len())
            .map(|j| {
                self.rows
                    .iter()
                    .zip(&self.counts)
                    .flat_map(|(&level, row)| std::iter::repeat_n(level as f64, row[j] as usize))
                    .collect()
            })
            .collect()
    }

    /// The χ² statistic with `correction` subtracted from every `|O − E|`.
    fn chi_squared(&self, correction: f64) -> Option<ChiSquared> {
        if self.degenerate().is_some() {
            return None;
        }
        let expected = self.expected();
        let chi2: f64 = self
            .counts
            .iter()
            .flatten()
            .zip(expected.iter().flatten())
            .map(|(&o, e)| ((o as f64 - e).abs() - correction).powi(2) / e)
            .sum();
        let df = ((self.rows.len() - 1) * (self.columns.len() - 1)) as f64;
        Some(ChiSquared {
            chi2,
            df,
            p: chi_squared_upper(chi2, df)?,
        })
    }
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them"
)]
pub(crate) mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};

    /// A table of `r` rows given row by row, as R's `matrix(c(...), nrow = r, byrow = TRUE)`.
    pub(crate) fn table(r: usize, cells: &[u64]) -> Contingency {
        let rows: Vec<Vec<u64>> = cells.chunks(cells.len() / r).map(<[u64]>::to_vec).collect();
        Contingency::new(&rows).unwrap()
    }

    /// R's values for one table: `chisq.test(k, correct = FALSE)` (statistic, df, p),
    /// `effectsize::cramers_v(k, adjust = FALSE)`, `min(chisq.test(k)$expected)`,
    /// `fisher.test(x, workspace = 2e8)$p.value`, with `k` the table without empty rows and
    /// columns.
    struct Reference {
        chi2: f64,
        df: f64,
        p: f64,
        v: f64,
        min_expected: f64,
        fisher_p: f64,
    }

    #[track_caller]
    fn check(t: &Contingency, r: &Reference) {
        let pearson = t.pearson().unwrap();
        assert_close(pearson.chi2, r.chi2, REL_TOL_STAT);
        assert_eq!(pearson.df, r.df);
        assert_close(pearson.p, r.p, REL_TOL_P);
        assert_close(t.cramers_v().unwrap(), r.v, REL_TOL_STAT);
        assert_close(t.min_expected().unwrap(), r.min_expected, REL_TOL_STAT);
        let fisher = t.fisher().unwrap().unwrap();
        assert_close(fisher.p, r.fisher_p, REL_TOL_P);
    }

    #[test]
    fn two_by_two_matches_chisq_test_and_fisher_test() {
        // R: x <- matrix(c(12, 5, 7, 14), nrow = 2, byrow = TRUE)
        let t = table(2, &[12, 5, 7, 14]);
        check(
            &t,
            &Reference {
                chi2: 5.215686274509804,
                df: 1.0,
                p: 0.022384010692177735,
                v: 0.37047928681747422,
                min_expected: 8.5,
                fisher_p: 0.048853111686211308,
            },
        );
        // R: chisq.test(x)
        let yates = t.yates().unwrap();
        assert_close(yates.chi2, 3.8319327731092434, REL_TOL_STAT);
        assert_close(yates.p, 0.050284916060494241, REL_TOL_P);
    }

    #[test]
    fn two_by_two_with_a_zero_cell() {
        // R: x <- matrix(c(0, 8, 5, 6), nrow = 2, byrow = TRUE)
        let t = table(2, &[0, 8, 5, 6]);
        check(
            &t,
            &Reference {
                chi2: 4.9350649350649345,
                df: 1.0,
                p: 0.026317073822346982,
                v: 0.50964719143762549,
                min_expected: 2.1052631578947367,
                fisher_p: 0.044547643618851038,
            },
        );
        let yates = t.yates().unwrap();
        assert_close(yates.chi2, 2.869277597402597, REL_TOL_STAT);
        assert_close(yates.p, 0.090285387242926493, REL_TOL_P);
        assert_eq!(t.cells_expected_below(5.0), 2);
        assert_eq!(t.share_expected_below(5.0), Some(0.5));
    }

    #[test]
    fn yates_correction_stops_at_the_difference_it_corrects() {
        // |O − E| = 10/41 < 0.5 in every cell: R subtracts min(0.5, |O − E|), so χ² = 0.
        // R: x <- matrix(c(10, 10, 11, 10), nrow = 2, byrow = TRUE)
        let t = table(2, &[10, 10, 11, 10]);
        check(
            &t,
            &Reference {
                chi2: 0.023242630385487569,
                df: 1.0,
                p: 0.87882781292953083,
                v: 0.023809523809523829,
                min_expected: 9.7560975609756095,
                fisher_p: 1.0,
            },
        );
        // R: chisq.test(x) gives X-squared = 0, p = 1
        let yates = t.yates().unwrap();
        assert_close(yates.chi2, 0.0, REL_TOL_STAT);
        assert_eq!(yates.p, 1.0);
    }

    #[test]
    fn two_by_three_and_three_by_four() {
        // R: x <- matrix(c(8, 6, 3, 4, 9, 11), nrow = 2, byrow = TRUE)
        let t = table(2, &[8, 6, 3, 4, 9, 11]);
        check(
            &t,
            &Reference {
                chi2: 5.4690592903828197,
                df: 2.0,
                p: 0.064924537491653736,
                v: 0.36522827109814082,
                min_expected: 4.975609756097561,
                fisher_p: 0.065352645472617835,
            },
        );
        assert_eq!(t.yates(), None);
        // R: x <- matrix(c(5, 8, 2, 6, 7, 3, 9, 4, 2, 6, 5, 8), nrow = 3, byrow = TRUE)
        let t = table(3, &[5, 8, 2, 6, 7, 3, 9, 4, 2, 6, 5, 8]);
        check(
            &t,
            &Reference {
                chi2: 10.631344325169682,
                df: 6.0,
                p: 0.10046059727678829,
                v: 0.28597127780963333,
                min_expected: 4.523076923076923,
                fisher_p: 0.09616877181904826,
            },
        );
    }

    #[test]
    fn sparse_table_with_small_expected_counts() {
        // R: x <- matrix(c(3, 0, 1, 0, 2, 0, 1, 0, 0, 0, 1, 4), nrow = 4, byrow = TRUE)
        let t = table(4, &[3, 0, 1, 0, 2, 0, 1, 0, 0, 0, 1, 4]);
        check(
            &t,
            &Reference {
                chi2: 14.83,
                df: 6.0,
                p: 0.02162095156893935,
                v: 0.78607675621828854,
                min_expected: 0.25,
                fisher_p: 0.014430014430014366,
            },
        );
        assert_eq!(t.cells_expected_below(5.0), 12);
    }

    #[test]
    fn an_empty_row_is_dropped_and_named() {
        // R gives NaN for chisq.test(x); the reference is the table without the empty row, k.
        // fisher.test(x) ignores the empty row itself.
        // R: x <- matrix(c(6, 9, 0, 0, 7, 3), nrow = 3, byrow = TRUE); k <- x[-2, ]
        let t = table(3, &[6, 9, 0, 0, 7, 3]);
        assert_eq!(t.dropped_rows(), &[1]);
        assert_eq!(t.kept_rows(), &[0, 2]);
        assert!(t.dropped_columns().is_empty());
        assert_eq!(t.counts(), &[vec![6, 9], vec![7, 3]]);
        check(
            &t,
            &Reference {
                chi2: 2.1634615384615383,
                df: 1.0,
                p: 0.14132600304255724,
                v: 0.29417420270727607,
                min_expected: 4.7999999999999998,
                fisher_p: 0.22619464261677014,
            },
        );
        // R: chisq.test(k)
        let yates = t.yates().unwrap();
        assert_close(yates.chi2, 1.1284722222222219, REL_TOL_STAT);
        assert_close(yates.p, 0.28810145136933252, REL_TOL_P);
    }

    #[test]
    fn a_level_absent_from_one_group_is_kept() {
        // R: x <- matrix(c(6, 9, 4, 0, 7, 3), nrow = 3, byrow = TRUE)
        let t = table(3, &[6, 9, 4, 0, 7, 3]);
        assert!(t.dropped_rows().is_empty());
        check(
            &t,
            &Reference {
                chi2: 5.5014705882352946,
                df: 2.0,
                p: 0.063880872703710498,
                v: 0.4355523876101946,
                min_expected: 1.6551724137931034,
                fisher_p: 0.074332006928866476,
            },
        );
    }

    #[test]
    fn larger_tables_are_exact() {
        // R: x <- matrix(c(20, 15, 18, 12, 14, 22, 17, 19, 16, 13, 21, 13), nrow = 3, byrow = TRUE)
        let t = table(3, &[20, 15, 18, 12, 14, 22, 17, 19, 16, 13, 21, 13]);
        check(
            &t,
            &Reference {
                chi2: 5.4146547896547901,
                df: 6.0,
                p: 0.49183125068133055,
                v: 0.1163470539985305,
                min_expected: 13.859999999999999,
                fisher_p: 0.50762696369498728,
            },
        );
        // R: x <- matrix(c(30, 22, 27, 18, 21, 33, 25, 29, 24, 20, 31, 20), nrow = 3, byrow = TRUE)
        let t = table(3, &[30, 22, 27, 18, 21, 33, 25, 29, 24, 20, 31, 20]);
        check(
            &t,
            &Reference {
                chi2: 8.1545717145108796,
                df: 6.0,
                p: 0.22699635356280831,
                v: 0.11658024214041646,
                min_expected: 21.216666666666665,
                fisher_p: 0.23726513115492459,
            },
        );
    }

    #[test]
    fn one_level_or_one_group_has_no_test() {
        for (rows, why) in [
            (vec![vec![0, 0], vec![0, 0]], Degenerate::Empty),
            (vec![vec![4, 6], vec![0, 0]], Degenerate::OneRow),
            (
                vec![vec![4, 0], vec![3, 0], vec![5, 0]],
                Degenerate::OneColumn,
            ),
            (vec![vec![7]], Degenerate::OneRow),
        ] {
            let t = Contingency::new(&rows).unwrap();
            assert_eq!(t.degenerate(), Some(why));
            assert_eq!(t.pearson(), None);
            assert_eq!(t.yates(), None);
            assert_eq!(t.cramers_v(), None);
            assert_eq!(t.fisher(), None);
        }
        let t = Contingency::new(&[vec![4, 0], vec![3, 0], vec![5, 0]]).unwrap();
        assert_eq!(t.dropped_columns(), &[1]);
        assert_eq!(t.min_expected(), Some(3.0));
        assert_eq!(
            Contingency::new(&[vec![0, 0]]).unwrap().min_expected(),
            None
        );
    }

    #[test]
    fn tables_that_are_not_tables_are_errors() {
        assert_eq!(Contingency::new(&[]), Err(TableError::Empty));
        assert_eq!(Contingency::new(&[vec![]]), Err(TableError::Empty));
        let ragged = Contingency::new(&[vec![1, 2], vec![3, 4], vec![5]]).unwrap_err();
        assert_eq!(
            ragged.to_string(),
            "row 3 of the table has 1 counts where row 1 has 2; give every row one count per column"
        );
        assert_eq!(
            Contingency::new(&[vec![u64::MAX, 1]]),
            Err(TableError::TooLarge)
        );
        assert_eq!(
            Contingency::new(&[vec![MAX_TOTAL, 1]]),
            Err(TableError::TooLarge)
        );
    }

    #[test]
    fn group_values_give_each_person_their_level() {
        // Levels 0, 1, 2 (the middle one empty, dropped) in groups a, b.
        let t = table(3, &[2, 1, 0, 0, 1, 3]);
        assert_eq!(
            t.group_values(),
            vec![vec![0.0, 0.0, 2.0], vec![0.0, 2.0, 2.0, 2.0]]
        );
    }
}
