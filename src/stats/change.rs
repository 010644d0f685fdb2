//! Individual change in case work: the reliable change index and the clinical-significance
//! cut-offs of Jacobson and Truax (1991), *Clinical significance: a statistical approach to
//! defining meaningful change in psychotherapy research*, Journal of Consulting and Clinical
//! Psychology 59:12–19.
//!
//! A person's change `post − pre` is reliable when it is larger than measurement error alone
//! would make it: the standard error of measurement is `S_E = SD · √(1 − r)` and the standard
//! error of a difference of two such scores `S_diff = √(2 S_E²) = √2 · SD · √(1 − r)`. The
//! reliable change index `RCI = (post − pre) / S_diff` is compared with 1.96, the two-sided 5%
//! point of the standard normal. Whether a fall or a rise is an improvement is the scale's
//! [`Direction`].

use serde::Serialize;

use crate::scale::Direction;

/// The classification of one person's change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Reliably improved: `|RCI|` above the criterion, in the better direction.
    Improved,
    /// No reliable change: `|RCI|` at or below the criterion.
    Unchanged,
    /// Reliably deteriorated: `|RCI|` above the criterion, in the worse direction.
    Deteriorated,
}

/// One person's change between two measurements.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReliableChange {
    /// `post − pre`.
    pub diff: f64,
    /// The reliable change index `(post − pre) / S_diff`.
    pub rci: f64,
    /// Improved, unchanged or deteriorated.
    pub change: Change,
}

/// The standard error of the difference between two scores (Jacobson and Truax 1991, eq. 2–3):
/// `S_diff = √2 · SD · √(1 − r)`, from the SD of the measure (of the pre-test sample or of a
/// norm population) and its reliability `r` (test–retest, or Cronbach's alpha).
///
/// `None` when `sd` is not a positive finite number or `r` is outside `[0, 1)` (a reliability
/// of 1 would make every change reliable).
pub fn s_diff(sd: f64, reliability: f64) -> Option<f64> {
    let valid_sd = sd.is_finite() && sd > 0.0;
    if !valid_sd || !(0.0..1.0).contains(&reliability) {
        return None;
    }
    Some(2.0_f64.sqrt() * sd * (1.0 - reliability).sqrt())
}

/// The reliable change index `RCI = (post − pre) / S_diff` (Jacobson and Truax 1991, eq. 1) and
/// its classification: a change is reliable when `|RCI| > criterion` (strictly, so an RCI of
/// exactly 1.96 is no reliable change); it is an improvement when it goes in the `better`
/// direction (a fall for [`Direction::Lower`], a rise for [`Direction::Higher`]) and a
/// deterioration otherwise. The usual criterion is 1.96 (p < .05, two-sided).
///
/// `None` when `pre` or `post` is not finite, `s_diff` is not a positive finite number,
/// `criterion` is negative or not finite, or the change or the RCI exceeds the largest double.
pub fn reliable_change(
    pre: f64,
    post: f64,
    s_diff: f64,
    better: Direction,
    criterion: f64,
) -> Option<ReliableChange> {
    let valid_s_diff = s_diff.is_finite() && s_diff > 0.0;
    let valid_criterion = criterion.is_finite() && criterion >= 0.0;
    if !pre.is_finite() || !post.is_finite() || !valid_s_diff || !valid_criterion {
        return None;
    }
    let diff = post - pre;
    let rci = diff / s_diff;
    if !rci.is_finite() {
        // post − pre beyond the largest double: no index, rather than an infinite one.
        return None;
    }
    let change = if rci.abs() <= criterion {
        Change::Unchanged
    } else if (rci < 0.0) == (better == Direction::Lower) {
        Change::Improved
    } else {
        Change::Deteriorated
    };
    Some(ReliableChange { diff, rci, change })
}

/// The mean and SD of a score in a population.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Population {
    /// Mean.
    pub mean: f64,
    /// Standard deviation.
    pub sd: f64,
}

/// The three cut-off points of Jacobson and Truax (1991) between the dysfunctional and the
/// functional population.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CutoffCriterion {
    /// Two SDs of the dysfunctional population beyond its mean, toward the better end.
    A,
    /// Two SDs of the functional population beyond its mean, toward the worse end.
    B,
    /// The point equally likely under both populations: the means weighted by the other
    /// population's SD.
    C,
}

/// The clinical-significance cut-off of Jacobson and Truax (1991), with `d` the dysfunctional
/// and `f` the functional population (`±` toward the better end for `better`):
///
/// - a: `mean_d ± 2 sd_d`;
/// - b: `mean_f ∓ 2 sd_f`;
/// - c: `(sd_f · mean_d + sd_d · mean_f) / (sd_f + sd_d)`.
///
/// A person whose post-test score lies beyond the cut-off on the better side has moved into the
/// functional range. Jacobson and Truax prefer c when both populations are known and they
/// overlap, b when they do not, and a when there are no functional norms.
///
/// `None` when a population used has a mean that is not finite or an SD that is not a positive
/// finite number, when b or c is asked for without a functional population, or when the
/// functional mean is not better than the dysfunctional mean (the norms or the direction are
/// then wrong).
pub fn clinical_cutoff(
    criterion: CutoffCriterion,
    dysfunctional: Population,
    functional: Option<Population>,
    better: Direction,
) -> Option<f64> {
    let valid = |p: Population| p.mean.is_finite() && p.sd.is_finite() && p.sd > 0.0;
    if !valid(dysfunctional) {
        return None;
    }
    // +1 when higher scores are better, −1 when lower are.
    let toward_better = match better {
        Direction::Higher => 1.0,
        Direction::Lower => -1.0,
    };
    let d = dysfunctional;
    if criterion == CutoffCriterion::A {
        return Some(d.mean + toward_better * 2.0 * d.sd);
    }
    let f = functional.filter(|&f| valid(f))?;
    if (f.mean - d.mean) * toward_better <= 0.0 {
        return None;
    }
    Some(match criterion {
        CutoffCriterion::B => f.mean - toward_better * 2.0 * f.sd,
        _ => (f.sd * d.mean + d.sd * f.mean) / (f.sd + d.sd),
    })
}

/// Where the SD and reliability of the reliable change index come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Reference {
    /// Given values, with where they come from (e.g. a paper).
    Given {
        /// SD of the measure in the reference population.
        sd: f64,
        /// Reliability of the measure (e.g. Cronbach's alpha or test–retest r).
        reliability: f64,
        /// Where the values come from, said in the report.
        source: String,
    },
    /// This sample's pre-test SD and Cronbach's alpha, whatever its size.
    Sample,
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_STAT, assert_close};

    const CRITERION: f64 = 1.96;

    fn change(pre: f64, post: f64, s_diff: f64, better: Direction) -> ReliableChange {
        reliable_change(pre, post, s_diff, better, CRITERION).unwrap()
    }

    #[test]
    fn s_diff_by_hand_and_by_r() {
        // By hand: √2 · 10 · √(1 − .82) = 10 · √(2 · .18) = 10 · √.36 = 6.
        // R: sprintf("%.17g", sqrt(2)*10*sqrt(1-0.82))  "6.0000000000000009"
        assert_close(s_diff(10.0, 0.82).unwrap(), 6.0, REL_TOL_STAT);
        assert_close(
            s_diff(10.0, 0.82).unwrap(),
            6.0000000000000009,
            REL_TOL_STAT,
        );
        // R: sprintf("%.17g", sqrt(2)*7.5*sqrt(1-0.9))  "3.3541019662496843"
        assert_close(s_diff(7.5, 0.9).unwrap(), 3.3541019662496843, REL_TOL_STAT);
        // r = 0: S_diff = √2 · SD.  R: sprintf("%.17g", sqrt(2)*4.2)  "5.9396969619669999"
        assert_close(s_diff(4.2, 0.0).unwrap(), 5.9396969619669999, REL_TOL_STAT);
    }

    #[test]
    fn hand_worked_burden_score() {
        // A caregiver burden score (lower is better), SD 10, reliability .82: S_diff = 6.
        // Pre 32, post 20: diff = −12, RCI = −12 / 6 = −2.00; |−2| > 1.96 and the score fell,
        // so reliably improved. Pre 32, post 22: RCI = −10 / 6 = −1.67, no reliable change.
        // Pre 20, post 32: RCI = +2.00, reliably deteriorated.
        let s = s_diff(10.0, 0.82).unwrap();
        let improved = change(32.0, 20.0, s, Direction::Lower);
        assert_eq!(improved.diff, -12.0);
        assert_close(improved.rci, -2.0, REL_TOL_STAT);
        assert_eq!(improved.change, Change::Improved);
        let unchanged = change(32.0, 22.0, s, Direction::Lower);
        assert_close(unchanged.rci, -10.0 / 6.0, REL_TOL_STAT);
        assert_eq!(unchanged.change, Change::Unchanged);
        let worse = change(20.0, 32.0, s, Direction::Lower);
        assert_close(worse.rci, 2.0, REL_TOL_STAT);
        assert_eq!(worse.change, Change::Deteriorated);
    }

    #[test]
    fn resilience_score_against_r() {
        // A resilience score (higher is better), SD 7.5, reliability .90.
        // R: s <- sqrt(2)*7.5*sqrt(1-0.9)
        //    sprintf("%.17g", (c(41, 30, 47, 38) - c(30, 41, 38, 47)) / s)
        //    "3.279566366999692" "-3.279566366999692" "2.6832815729997477" "-2.6832815729997477"
        let s = s_diff(7.5, 0.9).unwrap();
        let cases = [
            (30.0, 41.0, 3.279566366999692, Change::Improved),
            (41.0, 30.0, -3.279566366999692, Change::Deteriorated),
            (38.0, 47.0, 2.6832815729997477, Change::Improved),
            (47.0, 38.0, -2.6832815729997477, Change::Deteriorated),
        ];
        for (pre, post, rci, expected) in cases {
            let result = change(pre, post, s, Direction::Higher);
            assert_eq!(result.diff, post - pre);
            assert_close(result.rci, rci, REL_TOL_STAT);
            assert_eq!(result.change, expected);
            // The same change on a lower-is-better scale is classified the other way round.
            let mirrored = change(pre, post, s, Direction::Lower).change;
            assert_eq!(
                mirrored == Change::Improved,
                expected == Change::Deteriorated
            );
        }
        // RCI = 4 / 3.354 = 1.19: not reliable in either direction.
        assert_eq!(
            change(30.0, 34.0, s, Direction::Higher).change,
            Change::Unchanged
        );
        assert_eq!(
            change(34.0, 30.0, s, Direction::Higher).change,
            Change::Unchanged
        );
    }

    #[test]
    fn an_rci_of_exactly_the_criterion_is_no_reliable_change() {
        // The rule is |RCI| > 1.96, strictly. With S_diff = 1 the RCI is the difference itself.
        for better in [Direction::Lower, Direction::Higher] {
            for post in [1.96, -1.96] {
                let at = change(0.0, post, 1.0, better);
                assert_eq!(at.rci.abs(), CRITERION);
                assert_eq!(at.change, Change::Unchanged);
            }
            let just_above = change(0.0, 1.9600000000000002, 1.0, better);
            assert_ne!(just_above.change, Change::Unchanged);
        }
        assert_eq!(
            change(0.0, 0.0, 1.0, Direction::Lower).change,
            Change::Unchanged
        );
    }

    #[test]
    fn invalid_inputs_give_none() {
        for (sd, r) in [
            (0.0, 0.8),
            (-1.0, 0.8),
            (f64::NAN, 0.8),
            (f64::INFINITY, 0.8),
        ] {
            assert_eq!(s_diff(sd, r), None);
        }
        for r in [1.0, -0.1, 1.5, f64::NAN] {
            assert_eq!(s_diff(10.0, r), None);
        }
        let lower = Direction::Lower;
        assert_eq!(reliable_change(1.0, 2.0, 0.0, lower, 1.96), None);
        assert_eq!(reliable_change(1.0, 2.0, -3.0, lower, 1.96), None);
        assert_eq!(reliable_change(1.0, 2.0, f64::NAN, lower, 1.96), None);
        assert_eq!(reliable_change(f64::NAN, 2.0, 3.0, lower, 1.96), None);
        assert_eq!(reliable_change(1.0, f64::INFINITY, 3.0, lower, 1.96), None);
        assert_eq!(reliable_change(1.0, 2.0, 3.0, lower, -1.0), None);
        assert_eq!(reliable_change(1.0, 2.0, 3.0, lower, f64::NAN), None);
    }

    #[test]
    fn cutoffs_by_hand_lower_is_better() {
        // Burden: dysfunctional mean 60, SD 10; functional mean 30, SD 8.
        // a = 60 − 2·10 = 40; b = 30 + 2·8 = 46;
        // c = (8·60 + 10·30) / (8 + 10) = 780 / 18 = 43.333…
        // R: sprintf("%.17g", 780/18)  "43.333333333333336"
        let d = Population {
            mean: 60.0,
            sd: 10.0,
        };
        let f = Some(Population {
            mean: 30.0,
            sd: 8.0,
        });
        let lower = Direction::Lower;
        assert_eq!(clinical_cutoff(CutoffCriterion::A, d, f, lower), Some(40.0));
        assert_eq!(
            clinical_cutoff(CutoffCriterion::A, d, None, lower),
            Some(40.0)
        );
        assert_eq!(clinical_cutoff(CutoffCriterion::B, d, f, lower), Some(46.0));
        let c = clinical_cutoff(CutoffCriterion::C, d, f, lower).unwrap();
        assert_close(c, 43.333333333333336, REL_TOL_STAT);
    }

    #[test]
    fn cutoffs_by_hand_higher_is_better() {
        // Resilience: dysfunctional mean 50, SD 12; functional mean 80, SD 9.
        // a = 50 + 2·12 = 74; b = 80 − 2·9 = 62;
        // c = (9·50 + 12·80) / (9 + 12) = 1410 / 21 = 67.142857…
        // R: sprintf("%.17g", 1410/21)  "67.142857142857139"
        let d = Population {
            mean: 50.0,
            sd: 12.0,
        };
        let f = Some(Population {
            mean: 80.0,
            sd: 9.0,
        });
        let higher = Direction::Higher;
        assert_eq!(
            clinical_cutoff(CutoffCriterion::A, d, f, higher),
            Some(74.0)
        );
        assert_eq!(
            clinical_cutoff(CutoffCriterion::B, d, f, higher),
            Some(62.0)
        );
        let c = clinical_cutoff(CutoffCriterion::C, d, f, higher).unwrap();
        assert_close(c, 67.142857142857139, REL_TOL_STAT);
        // c lies between the means; with equal SDs it is their midpoint.
        assert!(c > 50.0 && c < 80.0);
        let equal = Some(Population {
            mean: 80.0,
            sd: 12.0,
        });
        assert_eq!(
            clinical_cutoff(CutoffCriterion::C, d, equal, higher),
            Some(65.0)
        );
    }

    #[test]
    fn cutoffs_without_the_needed_norms_are_none() {
        let d = Population {
            mean: 50.0,
            sd: 12.0,
        };
        let f = Population {
            mean: 80.0,
            sd: 9.0,
        };
        let higher = Direction::Higher;
        for criterion in [CutoffCriterion::B, CutoffCriterion::C] {
            assert_eq!(clinical_cutoff(criterion, d, None, higher), None);
            // The functional mean is on the worse side: wrong direction or norms.
            assert_eq!(
                clinical_cutoff(criterion, d, Some(f), Direction::Lower),
                None
            );
            let zero_sd = Population { sd: 0.0, ..f };
            assert_eq!(clinical_cutoff(criterion, d, Some(zero_sd), higher), None);
        }
        let all = [CutoffCriterion::A, CutoffCriterion::B, CutoffCriterion::C];
        for criterion in all {
            let bad = Population {
                mean: 50.0,
                sd: -1.0,
            };
            assert_eq!(clinical_cutoff(criterion, bad, Some(f), higher), None);
            let nan = Population {
                mean: f64::NAN,
                sd: 12.0,
            };
            assert_eq!(clinical_cutoff(criterion, nan, Some(f), higher), None);
        }
    }

    #[test]
    fn change_serializes_in_lower_case() {
        let json =
            serde_json::to_string(&[Change::Improved, Change::Unchanged, Change::Deteriorated]);
        assert_eq!(json.unwrap(), r#"["improved","unchanged","deteriorated"]"#);
    }
}
