//! Fisher's exact test of an r × c table, two-sided, as R `fisher.test(x)`: the p-value is the
//! sum of the probabilities of every table with the observed margins that is no more probable
//! than the observed one. Called through [`crate::stats::contingency::Contingency::fisher`].
//!
//! Under independence, a table with cells `x_ij`, row totals `R_i`, column totals `C_j` and
//! total n has the probability `Π R_i! Π C_j! / (n! Π x_ij!)`. "No more probable" is read with
//! R's tolerance: for a table given as 2 × 2, R counts the tables whose probability is at most
//! the observed one times `1 + 1e-7` ([`TOLERANCE_2X2`]); for any other shape R's FEXACT counts
//! those whose log-probability is at most the observed one's plus `3.45254e-7`
//! ([`TOLERANCE_RXC`]). psyscore uses the same tolerance for the same shape.
//!
//! # The network algorithm
//!
//! The tables are counted by the network algorithm of Mehta & Patel (1983, "A network algorithm
//! for performing Fisher's exact test in r × c contingency tables", *JASA* 78, 427–434). The
//! table is filled one column at a time (the "columns" being the longer side, so that a node is
//! a short vector); a node of stage k is the multiset of the row totals still to be filled after
//! k columns (kept sorted, since rows with equal remainders complete in the same ways). A path
//! from the start to a node is the first k columns of a table; its "past" is
//! `−Σ log x_ij!` over those columns, and the probability mass of all tables that begin with it
//! follows from the multivariate hypergeometric law of each column. Paths reaching a node with
//! the same past (to 2⁻³² in the log) are merged, their masses added.
//!
//! A past is decided as soon as the bounds on its completions allow: a past whose longest
//! completion (the largest `−Σ log x_ij!` over the lines still to fill) still leaves the table
//! no more probable than the observed one adds its whole mass to the p-value at once; a past
//! whose shortest completion already makes it more probable is dropped at once; only the others
//! are extended by one more line. Before the last two lines the bounds are relaxations (each row
//! spread as evenly, or packed as tightly, as the lines allow, ignoring the other margin; and
//! the same for each line over the rows), which are valid but not tight. At the last two lines
//! the completions of a node are all enumerated once (the last line is then fixed), sorted, and
//! every past reaching the node takes the mass of the completions within the threshold by a
//! binary search, so every past is decided exactly.
//!
//! # The work budget
//!
//! Every step — one line filled in one way from one node, for the completions or for a past —
//! counts as one unit of work, and so does every past carried to the next line or looked up in
//! the last two. Beyond [`BUDGET`] units (5·10⁷, between 0.2 and 1 second of one core of the
//! development machine) the test stops and returns [`FisherLimit::Budget`] without a p-value,
//! so the caller can say "Fisher's exact test is not computed" and point to χ². Memory is
//! bounded apart from the budget: no more than [`MAX_HELD`] ways of filling one line, or pasts
//! carried to the next line, are held at once ([`FisherLimit::Memory`] beyond), so that a table
//! of a few groups and tens of thousands of people, whose lines have millions of fillings, stops
//! within a few hundred megabytes instead of holding every filling the budget allows. Tables with more than [`MAX_N`] counts, or with
//! both sides longer than [`MAX_SHORT_SIDE`], are not started ([`FisherLimit::TooLarge`],
//! [`FisherLimit::TooWide`]).
//!
//! What fits, measured: two groups with six levels and n = 1100 take 1.3·10⁶ units; three groups
//! with four levels and n = 300, 2.4·10⁶ (45 ms); three groups with six levels and n = 296,
//! 3.2·10⁷; four groups with five levels and n = 198, 2.7·10⁷. Beyond: four groups with four
//! levels and n = 261 need 1.0·10⁸, three groups with six levels and n = 360 need 2.7·10⁸ (R's
//! `fisher.test` fails on all four of these last tables with its default workspace, and takes
//! 0.2 to 4.6 seconds with a hundred times more).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;
use thiserror::Error;

/// R's relative tolerance on "no more probable" for a table given as 2 × 2 (`relErr <- 1 +
/// 10^(-7)` in `fisher.test`), as a tolerance on the log-probability: `ln(1 + 1e-7)`.
pub const TOLERANCE_2X2: f64 = 9.999_999_500_000_033e-8;

/// FEXACT's tolerance on the log-probability for any other table (its `TOL`).
pub const TOLERANCE_RXC: f64 = 3.45254e-7;

/// The default work budget, in steps (see the module's documentation).
pub const BUDGET: u64 = 50_000_000;

/// The most ways of filling one line, or pasts carried to the next line, held in memory at once
/// (about 32 bytes each): a table whose network holds more stops with [`FisherLimit::Memory`],
/// so that no table takes more than a few hundred megabytes, whatever the budget.
pub const MAX_HELD: usize = 4_000_000;

/// The largest total count Fisher's test is started on.
pub const MAX_N: u64 = 65_535;

/// The most levels (or groups) the shorter side of the table may have.
pub const MAX_SHORT_SIDE: usize = 8;

/// Fisher's exact test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fisher {
    /// The two-sided p-value.
    pub p: f64,
    /// The work spent, in steps (see the module's documentation).
    pub work: u64,
}

/// Why the exact p-value was not computed.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FisherLimit {
    /// More than [`MAX_N`] counts.
    #[error("the table has {n} counts, more than the {max} the exact test is run on")]
    TooLarge {
        /// The total count.
        n: u64,
        /// [`MAX_N`].
        max: u64,
    },
    /// Both sides of the table longer than [`MAX_SHORT_SIDE`].
    #[error(
        "the table has {rows} rows and {columns} columns, both more than the {max} the exact test is run on"
    )]
    TooWide {
        /// The rows kept.
        rows: usize,
        /// The columns kept.
        columns: usize,
        /// [`MAX_SHORT_SIDE`].
        max: usize,
    },
    /// The work budget ran out.
    #[error("the table has too many possible arrangements to enumerate within {budget} steps")]
    Budget {
        /// The budget that ran out.
        budget: u64,
    },
    /// More partial tables than [`MAX_HELD`] would have to be held in memory at once.
    #[error(
        "the table has too many partial arrangements to hold in memory at once (more than {max})"
    )]
    Memory {
        /// [`MAX_HELD`].
        max: usize,
    },
}

/// The two-sided p-value of Fisher's exact test of `counts` (rows of equal length, every row
/// and column with a count, at least 2 × 2, total `n`), counting the tables whose
/// log-probability is at most the observed one's plus `tolerance`, within `budget` steps.
pub(crate) fn exact_p(
    counts: &[Vec<u64>],
    n: u64,
    tolerance: f64,
    budget: u64,
) -> Result<Fisher, FisherLimit> {
    if n > MAX_N {
        return Err(FisherLimit::TooLarge { n, max: MAX_N });
    }
    let rows = counts.len();
    let columns = counts.first().map_or(0, Vec::len);
    if rows.min(columns) > MAX_SHORT_SIDE {
        return Err(FisherLimit::TooWide {
            rows,
            columns,
            max: MAX_SHORT_SIDE,
        });
    }
    // The node holds the shorter side's totals; the longer side is filled one line at a time.
    let lines: Vec<Vec<u32>> = if rows <= columns {
        (0..columns)
            .map(|j| counts.iter().map(|row| row[j] as u32).collect())
            .collect()
    } else {
        counts
            .iter()
            .map(|row| row.iter().map(|&x| x as u32).collect())
            .collect()
    };
    let mut network = Network::new(&lines, n as usize, budget);
    let observed: f64 = -lines
        .iter()
        .flatten()
        .map(|&x| network.log_factorial[x as usize])
        .sum::<f64>();
    let p = network.p_value(observed + tolerance)?;
    Ok(Fisher {
        p: p.clamp(0.0, 1.0),
        work: network.work,
    })
}

/// A node: the row totals still to fill, sorted, 16 bits each (n ≤ [`MAX_N`] < 2¹⁶), packed
/// in one integer (at most [`MAX_SHORT_SIDE`] rows).
type Node = u128;

/// The rows of a node, in its first `k` entries.
type Rows = [u32; MAX_SHORT_SIDE];

fn pack(rows: &mut [u32]) -> Node {
    rows.sort_unstable();
    rows.iter().fold(0, |node, &r| (node << 16) | Node::from(r))
}

fn unpack(node: Node, k: usize) -> Rows {
    let mut rows = [0; MAX_SHORT_SIDE];
    for (i, row) in rows[..k].iter_mut().enumerate() {
        *row = ((node >> (16 * (k - 1 - i))) & 0xffff) as u32;
    }
    rows
}

/// A fast hasher for the integer keys of the network (FxHash's multiply-rotate).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u128(&mut self, value: u128) {
        self.write_u64(value as u64);
        self.write_u64((value >> 64) as u64);
    }

    fn write_i64(&mut self, value: i64) {
        self.write_u64(value as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Pasts reaching one node: the past's merge key → (past, probability mass).
type Pasts = FxMap<i64, (f64, f64)>;

/// The network of one table.
struct Network {
    /// The totals of the lines, filled one per stage.
    line_totals: Vec<u32>,
    /// The number of rows of a node (the shorter side).
    k: usize,
    /// The start node.
    start: Node,
    /// `log(j!)` for j = 0..=n.
    log_factorial: Vec<f64>,
    /// The longest and shortest completion of each node of the last-but-one stage reached.
    last_but_one: FxMap<Node, (f64, f64)>,
    /// Work spent.
    work: u64,
    /// Work allowed.
    budget: u64,
}

/// One way to fill a line from a node.
struct Step {
    /// The node reached.
    child: Node,
    /// `−Σ log x_i!` of the line.
    value: f64,
    /// The probability of filling the line this way, given the node.
    probability: f64,
}

impl Network {
    fn new(lines: &[Vec<u32>], n: usize, budget: u64) -> Network {
        let mut log_factorial = Vec::with_capacity(n + 1);
        log_factorial.push(0.0);
        for j in 1..=n {
            log_factorial.push(log_factorial[j - 1] + (j as f64).ln());
        }
        let k = lines.first().map_or(0, Vec::len);
        let mut start: Vec<u32> = (0..k)
            .map(|i| lines.iter().map(|line| line[i]).sum())
            .collect();
        let mut line_totals: Vec<u32> = lines.iter().map(|line| line.iter().sum()).collect();
        // Short lines first: the pasts branch least at the start, where the bounds decide the
        // fewest of them.
        line_totals.sort_unstable();
        Network {
            line_totals,
            k,
            start: pack(&mut start),
            log_factorial,
            last_but_one: FxMap::default(),
            work: 0,
            budget,
        }
    }

    /// Counts `units` of work; errors when the budget is spent.
    fn spend(&mut self, units: u64) -> Result<(), FisherLimit> {
        self.work = self.work.saturating_add(units);
        if self.work > self.budget {
            Err(FisherLimit::Budget {
                budget: self.budget,
            })
        } else {
            Ok(())
        }
    }

    fn lf(&self, j: u32) -> f64 {
        self.log_factorial[j as usize]
    }

    /// `log C(a, b)`.
    fn log_choose(&self, a: u32, b: u32) -> f64 {
        self.lf(a) - self.lf(b) - self.lf(a - b)
    }

    /// Every way to fill line `stage` from `node`.
    fn steps(&mut self, stage: usize, node: Node) -> Result<Vec<Step>, FisherLimit> {
        let rows = unpack(node, self.k);
        let rows = &rows[..self.k];
        let total = self.line_totals[stage];
        let log_ways = self.log_choose(rows.iter().sum(), total);
        let mut steps = Vec::new();
        let mut compositions = Compositions::new(total, rows);
        loop {
            self.spend(1)?;
            let x = compositions.current();
            let mut child = [0; MAX_SHORT_SIDE];
            let mut value = 0.0;
            let mut log_probability = -log_ways;
            for i in 0..self.k {
                child[i] = rows[i] - x[i];
                value -= self.lf(x[i]);
                log_probability += self.log_choose(rows[i], x[i]);
            }
            if steps.len() == MAX_HELD {
                return Err(FisherLimit::Memory { max: MAX_HELD });
            }
            steps.push(Step {
                child: pack(&mut child[..self.k]),
                value,
                probability: log_probability.exp(),
            });
            if !compositions.advance() {
                return Ok(steps);
            }
        }
    }

    /// The completions of a node of the last-but-one stage: for every way to fill the last two
    /// lines, `−Σ log x_ij!` over them and its probability given the node.
    fn completions(&mut self, node: Node) -> Result<Vec<(f64, f64)>, FisherLimit> {
        let stage = self.line_totals.len() - 2;
        Ok(self
            .steps(stage, node)?
            .into_iter()
            .map(|step| {
                let last: f64 = unpack(step.child, self.k)[..self.k]
                    .iter()
                    .map(|&j| self.lf(j))
                    .sum();
                (step.value - last, step.probability)
            })
            .collect())
    }

    /// The longest and shortest completion of a node of the last-but-one stage, exactly.
    fn last_but_one_bounds(&mut self, node: Node) -> Result<(f64, f64), FisherLimit> {
        if let Some(&known) = self.last_but_one.get(&node) {
            return Ok(known);
        }
        let bounds = self.completions(node)?.iter().fold(
            (f64::NEG_INFINITY, f64::INFINITY),
            |(long, short), &(v, _)| (long.max(v), short.min(v)),
        );
        self.last_but_one.insert(node, bounds);
        Ok(bounds)
    }

    /// Bounds on the longest and shortest completion of `node` at an earlier `stage`: an upper
    /// bound on the largest `−Σ log x_ij!` over the lines still to fill, from the most even
    /// spread of each row over the lines (ignoring the line totals) or of each line over the
    /// rows (ignoring the row totals), whichever is lower; and a lower bound on the smallest,
    /// from the most concentrated filling of each row into the largest lines, or of each line
    /// into the largest rows, whichever is higher.
    fn relaxed_bounds(&self, stage: usize, node: Node) -> (f64, f64) {
        let rows = unpack(node, self.k);
        let rows = &rows[..self.k];
        let lines = &self.line_totals[stage..];
        let even = |total: u32, parts: usize| {
            let parts = parts as u32;
            let (q, r) = (total / parts, total % parts);
            -(f64::from(parts - r) * self.lf(q) + f64::from(r) * self.lf(q + 1))
        };
        let by_rows: f64 = rows.iter().map(|&r| even(r, lines.len())).sum();
        let by_lines: f64 = lines.iter().map(|&c| even(c, rows.len())).sum();
        // `caps` sorted from the largest down.
        let concentrated = |total: u32, caps: &mut dyn Iterator<Item = u32>| {
            let mut rest = total;
            let mut value = 0.0;
            for cap in caps {
                let x = rest.min(cap);
                value -= self.lf(x);
                rest -= x;
            }
            value
        };
        // Rows are sorted from the smallest up, lines from the smallest up.
        let by_rows_low: f64 = rows
            .iter()
            .map(|&r| concentrated(r, &mut lines.iter().rev().copied()))
            .sum();
        let by_lines_low: f64 = lines
            .iter()
            .map(|&c| concentrated(c, &mut rows.iter().rev().copied()))
            .sum();
        (by_rows.min(by_lines), by_rows_low.max(by_lines_low))
    }

    /// The total probability of the tables whose `−Σ log x_ij!` is at most `threshold`.
    fn p_value(&mut self, threshold: f64) -> Result<f64, FisherLimit> {
        let last_but_one = self.line_totals.len() - 2;
        let mut p = 0.0;
        let mut nodes: FxMap<Node, Pasts> = FxMap::default();
        nodes.insert(self.start, Pasts::from_iter([(0, (0.0, 1.0))]));
        for stage in 0..last_but_one {
            let mut next: FxMap<Node, Pasts> = FxMap::default();
            // The pasts held in `next`, against MAX_HELD.
            let mut held = 0usize;
            for (node, pasts) in nodes {
                let (longest, shortest) = self.relaxed_bounds(stage, node);
                let mut open = Vec::new();
                for (past, mass) in pasts.into_values() {
                    if past + longest <= threshold {
                        p += mass;
                    } else if past + shortest <= threshold {
                        open.push((past, mass));
                    }
                }
                if open.is_empty() {
                    continue;
                }
                for step in self.steps(stage, node)? {
                    self.spend(open.len() as u64)?;
                    let (longest, shortest) = if stage + 1 == last_but_one {
                        self.last_but_one_bounds(step.child)?
                    } else {
                        self.relaxed_bounds(stage + 1, step.child)
                    };
                    let mut kept = Vec::new();
                    for &(past, mass) in &open {
                        let value = past + step.value;
                        let mass = mass * step.probability;
                        if value + longest <= threshold {
                            p += mass;
                        } else if value + shortest <= threshold {
                            kept.push((value, mass));
                        }
                    }
                    if !kept.is_empty() {
                        let pasts = next.entry(step.child).or_default();
                        for (value, mass) in kept {
                            let before = pasts.len();
                            pasts.entry(merge_key(value)).or_insert((value, 0.0)).1 += mass;
                            held += pasts.len() - before;
                        }
                        if held > MAX_HELD {
                            return Err(FisherLimit::Memory { max: MAX_HELD });
                        }
                    }
                }
            }
            nodes = next;
        }
        for (node, pasts) in nodes {
            let mut completions = self.completions(node)?;
            self.spend(pasts.len() as u64)?;
            completions.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
            let mut cumulative = Vec::with_capacity(completions.len());
            let mut sum = 0.0;
            for &(_, probability) in &completions {
                sum += probability;
                cumulative.push(sum);
            }
            for (past, mass) in pasts.into_values() {
                let count = completions.partition_point(|&(v, _)| past + v <= threshold);
                if count > 0 {
                    p += mass * cumulative[count - 1];
                }
            }
        }
        Ok(p)
    }
}

/// Pasts within 2⁻³² of each other in the log are merged.
fn merge_key(value: f64) -> i64 {
    (value * 4_294_967_296.0).round() as i64
}

/// The ways to write `total` as a sum of one count per row, each at most the row's cap, in
/// lexicographic order.
struct Compositions<'a> {
    caps: &'a [u32],
    /// `tail[i]` = the sum of the caps from row i on.
    tail: Rows,
    x: Rows,
}

impl<'a> Compositions<'a> {
    /// The first way (`total` must not exceed the sum of `caps`).
    fn new(total: u32, caps: &'a [u32]) -> Compositions<'a> {
        let mut tail = [0; MAX_SHORT_SIDE];
        for i in (0..caps.len().saturating_sub(1)).rev() {
            tail[i] = tail[i + 1] + caps[i + 1];
        }
        let mut compositions = Compositions {
            caps,
            tail,
            x: [0; MAX_SHORT_SIDE],
        };
        compositions.fill_from(0, total);
        compositions
    }

    fn current(&self) -> &[u32] {
        &self.x[..self.caps.len()]
    }

    /// Puts `rest` into rows `from..`, as little as possible in the first ones.
    fn fill_from(&mut self, from: usize, mut rest: u32) {
        for i in from..self.caps.len() {
            let least = rest.saturating_sub(self.tail[i]);
            self.x[i] = least;
            rest -= least;
        }
    }

    /// Moves to the next way; `false` after the last.
    fn advance(&mut self) -> bool {
        let mut rest = 0;
        for i in (0..self.caps.len()).rev() {
            if rest > 0 && self.x[i] < self.caps[i] {
                self.x[i] += 1;
                self.fill_from(i + 1, rest - 1);
                return true;
            }
            rest += self.x[i];
        }
        false
    }
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them"
)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::stats::contingency::Contingency;
    use crate::stats::contingency::tests::table;
    use crate::stats::{REL_TOL_P, assert_close};

    fn fisher_p(t: &Contingency) -> Fisher {
        t.fisher().unwrap().unwrap()
    }

    #[test]
    fn matches_fisher_test_on_tables_of_several_shapes() {
        // R: fisher.test(matrix(c(...), nrow = r, byrow = TRUE), workspace = 2e8)$p.value
        let cases: [(usize, &[u64], f64); 5] = [
            // Six levels in two groups, n = 300.
            (
                6,
                &[30, 22, 41, 35, 28, 33, 12, 20, 9, 15, 25, 30],
                0.33911337184503487,
            ),
            // Five levels in three groups, n = 150.
            (
                5,
                &[12, 8, 10, 9, 14, 11, 7, 6, 13, 10, 12, 8, 11, 9, 10],
                0.6729649813571098,
            ),
            (
                4,
                &[6, 3, 5, 4, 2, 7, 4, 6, 5, 4, 6, 3, 3, 5, 7, 10],
                0.52904716636812155,
            ),
            (2, &[130, 170, 160, 140], 0.017755265026143864),
            // Two levels in six groups, many empty cells.
            (
                2,
                &[0, 1, 5, 0, 2, 0, 3, 0, 0, 2, 1, 4],
                0.001096942273412856,
            ),
        ];
        for (r, cells, p) in cases {
            assert_close(fisher_p(&table(r, cells)).p, p, REL_TOL_P);
        }
    }

    #[test]
    fn three_groups_of_a_hundred_take_a_small_part_of_the_budget() {
        // R: fisher.test(matrix(c(30, 22, 27, 18, 21, 33, 25, 29, 24, 20, 31, 20), nrow = 3,
        //    byrow = TRUE), workspace = 2e8)$p.value
        let fisher = fisher_p(&table(3, &[30, 22, 27, 18, 21, 33, 25, 29, 24, 20, 31, 20]));
        assert_close(fisher.p, 0.23726513115492459, REL_TOL_P);
        assert!(fisher.work < BUDGET / 5, "{} steps", fisher.work);
    }

    #[test]
    fn six_levels_in_three_groups_of_a_hundred_are_within_the_budget() {
        // R: fisher.test(matrix(c(20, 15, 17, 16, 19, 14, 13, 18, 16, 17, 12, 20, 19, 16, 14,
        //    15, 18, 17), nrow = 6, byrow = TRUE), workspace = 2e7)$p.value
        // (R's default workspace gives "FEXACT error 7")
        let fisher = fisher_p(&table(
            6,
            &[
                20, 15, 17, 16, 19, 14, 13, 18, 16, 17, 12, 20, 19, 16, 14, 15, 18, 17,
            ],
        ));
        assert_close(fisher.p, 0.86894650602921564, REL_TOL_P);
    }

    #[test]
    fn a_network_too_large_to_hold_stops_before_its_memory_grows() {
        // Four levels in three groups of 20 000: each line has about 10¹² fillings; the budget
        // alone would let 5·10⁷ of them (1.6 GB) be held before it ran out.
        let cells: Vec<u64> = [
            5000, 4990, 5010, 5020, 4980, 5000, 4970, 5030, 5000, 5010, 5000, 4990,
        ]
        .to_vec();
        let limit = table(4, &cells).fisher().unwrap().unwrap_err();
        assert_eq!(limit, FisherLimit::Memory { max: MAX_HELD });
        assert_eq!(
            limit.to_string(),
            "the table has too many partial arrangements to hold in memory at once (more than 4000000)"
        );
    }

    #[test]
    fn beyond_the_budget_there_is_no_p_value() {
        let t = table(3, &[30, 22, 27, 18, 21, 33, 25, 29, 24, 20, 31, 20]);
        assert_eq!(
            t.fisher_with_budget(1000).unwrap(),
            Err(FisherLimit::Budget { budget: 1000 })
        );
        // Six levels in six groups of 50: R's fisher.test stops with "FEXACT error 501" (its
        // hash key overflows); psyscore stops at the budget.
        let cells: Vec<u64> = [
            9, 8, 7, 10, 8, 8, 8, 9, 10, 7, 8, 8, 7, 10, 8, 9, 8, 8, 10, 7, 8, 8, 9, 8, 8, 8, 9, 8,
            7, 10, 8, 8, 8, 8, 10, 8,
        ]
        .to_vec();
        let big = table(6, &cells);
        let budget = 200_000;
        let limit = big.fisher_with_budget(budget).unwrap().unwrap_err();
        assert_eq!(limit, FisherLimit::Budget { budget });
        assert_eq!(
            limit.to_string(),
            "the table has too many possible arrangements to enumerate within 200000 steps"
        );
    }

    #[test]
    fn too_many_counts_or_categories_are_not_started() {
        let t = table(2, &[40_000, 30_000, 20_000, 10_000]);
        assert_eq!(
            t.fisher().unwrap(),
            Err(FisherLimit::TooLarge {
                n: 100_000,
                max: MAX_N
            })
        );
        let wide = Contingency::new(&vec![vec![1; 9]; 9]).unwrap();
        let limit = wide.fisher().unwrap().unwrap_err();
        assert_eq!(
            limit.to_string(),
            "the table has 9 rows and 9 columns, both more than the 8 the exact test is run on"
        );
    }

    #[test]
    fn the_tolerance_is_rs_for_the_shape_given() {
        // Every table with these margins ties with the observed one or is less probable; R's
        // p is 1 either way. A 3 × 2 table with an empty row is tested as 2 × 2 but with
        // FEXACT's tolerance, as R does.
        // R: fisher.test(matrix(c(3, 3, 0, 0, 3, 3), nrow = 3, byrow = TRUE))$p.value == 1
        assert_close(fisher_p(&table(3, &[3, 3, 0, 0, 3, 3])).p, 1.0, REL_TOL_P);
        assert_close(fisher_p(&table(2, &[3, 3, 3, 3])).p, 1.0, REL_TOL_P);
    }

    /// Fisher's p by listing every table with the margins of `rows`.
    fn brute_force(rows: &[Vec<u64>], tolerance: f64) -> f64 {
        let r = rows.len();
        let c = rows[0].len();
        let row_totals: Vec<u64> = rows.iter().map(|row| row.iter().sum()).collect();
        let column_totals: Vec<u64> = (0..c)
            .map(|j| rows.iter().map(|row| row[j]).sum())
            .collect();
        let n: u64 = row_totals.iter().sum();
        let table: Vec<f64> = (0..=n)
            .scan(0.0, |sum, j| {
                *sum += if j == 0 { 0.0 } else { (j as f64).ln() };
                Some(*sum)
            })
            .collect();
        let lf = |k: u64| table[k as usize];
        let constant = row_totals.iter().map(|&k| lf(k)).sum::<f64>()
            + column_totals.iter().map(|&k| lf(k)).sum::<f64>()
            - lf(n);
        let log_p = |cells: &[u64]| constant - cells.iter().map(|&k| lf(k)).sum::<f64>();
        let observed: Vec<u64> = rows.iter().flatten().copied().collect();
        let threshold = log_p(&observed) + tolerance;
        let mut cells = vec![0; r * c];
        let mut p = 0.0;
        fill(
            0,
            &mut cells,
            &mut row_totals.clone(),
            &mut column_totals.clone(),
            c,
            &mut |t| {
                let lp = log_p(t);
                if lp <= threshold {
                    p += lp.exp();
                }
            },
        );
        p.min(1.0)
    }

    /// Calls `visit` on every filling of `cells[at..]` that meets the remaining totals.
    fn fill(
        at: usize,
        cells: &mut [u64],
        rows: &mut [u64],
        columns: &mut [u64],
        c: usize,
        visit: &mut dyn FnMut(&[u64]),
    ) {
        if at == cells.len() {
            visit(cells);
            return;
        }
        let (i, j) = (at / c, at % c);
        let low = if j + 1 == c { rows[i] } else { 0 };
        let high = rows[i].min(columns[j]);
        if low > high {
            return;
        }
        for x in low..=high {
            cells[at] = x;
            rows[i] -= x;
            columns[j] -= x;
            fill(at + 1, cells, rows, columns, c, visit);
            rows[i] += x;
            columns[j] += x;
        }
    }

    /// Random tables of 1 to `longest` rows and 1 to 3 columns, or the other way round, with
    /// counts up to `most`.
    fn small_tables(longest: usize, most: u64) -> impl Strategy<Value = Vec<Vec<u64>>> {
        (1..=longest, 1usize..=3, any::<bool>()).prop_flat_map(move |(a, b, flip)| {
            let (r, c) = if flip { (b, a) } else { (a, b) };
            prop::collection::vec(prop::collection::vec(0..=most, c), r)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn agrees_with_listing_every_table(rows in small_tables(4, 3)) {
            let t = Contingency::new(&rows).unwrap();
            if let Some(result) = t.fisher() {
                let fisher = result.unwrap();
                let tolerance = if rows.len() == 2 && rows[0].len() == 2 {
                    TOLERANCE_2X2
                } else {
                    TOLERANCE_RXC
                };
                let expected = brute_force(t.counts(), tolerance);
                prop_assert!((fisher.p - expected).abs() <= 1e-10 * expected.max(1e-3), "{} vs {}", fisher.p, expected);
            } else {
                prop_assert!(t.degenerate().is_some());
            }
        }

        #[test]
        fn never_panics_and_stays_in_range(rows in small_tables(5, 60)) {
            let t = Contingency::new(&rows).unwrap();
            let tests = [t.pearson(), t.yates()];
            for test in tests.into_iter().flatten() {
                prop_assert!(test.chi2 >= 0.0 && test.chi2.is_finite());
                prop_assert!((0.0..=1.0).contains(&test.p));
            }
            if let Some(v) = t.cramers_v() {
                prop_assert!((0.0..=1.0 + 1e-12).contains(&v));
            }
            if let Some(e) = t.min_expected() {
                prop_assert!(e > 0.0);
            }
            match t.fisher_with_budget(100_000) {
                Some(Ok(fisher)) => prop_assert!((0.0..=1.0).contains(&fisher.p)),
                Some(Err(limit)) => prop_assert_eq!(limit, FisherLimit::Budget { budget: 100_000 }),
                None => prop_assert!(t.pearson().is_none()),
            }
            let values = t.group_values();
            prop_assert_eq!(
                values.iter().map(|v| v.len() as u64).collect::<Vec<_>>(),
                t.column_totals().to_vec()
            );
        }
    }
}
