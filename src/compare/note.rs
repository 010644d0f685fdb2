//! The notes of a comparison: what could not be computed, and why. Each is a variant, so a
//! report in another language renders every one of them (an exhaustive `match`); the English
//! sentence is its `Display`, which `results.json` and the command line show.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::stats::ancova::AncovaUndefined;
use crate::stats::lmm::{LmmError, SINGULAR_TOLERANCE};
use crate::stats::{Alternative, Magnitude, shapiro};

/// A note of a comparison's result.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// `tests` are not computed: the values are too large or too small (or a difference
    /// overflows).
    NotComputed {
        /// What is left out.
        tests: Tests,
        /// Why.
        why: Magnitude,
    },
    /// From summary statistics, the t-tests may fail for the sizes of the summaries.
    SummaryMagnitude(Magnitude),
    /// Two groups from summary statistics: what needs the raw data.
    FromSummaryGroups,
    /// Pre and post from summary statistics: what needs the raw data.
    FromSummaryPaired,
    /// Student's or Welch's t-test is undefined for the groups.
    TTestUndefined,
    /// The paired t-test and d_z are undefined for `n` pairs.
    PairedUndefined {
        /// Number of pairs.
        n: usize,
    },
    /// The Wilcoxon signed-rank test with every difference zero.
    WilcoxonAllZero,
    /// Shapiro–Wilk is left out of groups larger than R's limit.
    ShapiroGroupsLimit,
    /// Shapiro–Wilk is left out of more differences than R's limit.
    ShapiroDifferencesLimit,
    /// Shapiro–Wilk of the differences needs three that vary.
    ShapiroTooFew,
    /// Kruskal–Wallis when every value is the same.
    KruskalConstant,
    /// The one-way ANOVA and Tukey's HSD are undefined.
    AnovaUndefined,
    /// Welch's ANOVA is undefined.
    WelchUndefined,
    /// Games–Howell is undefined for some pairs.
    GamesHowellPairs,
    /// The repeated-measures ANOVA has no more people than groups.
    RepeatedTooFew {
        /// People with every wave.
        people: usize,
        /// Groups.
        groups: usize,
    },
    /// The repeated-measures ANOVA has a zero error term.
    RepeatedZeroError,
    /// The ANCOVA is undefined.
    Ancova(AncovaUndefined),
    /// A one-sided ANCOVA tests the adjusted difference one-sided, the F two-sided.
    OneSidedAncova(Alternative),
    /// The mixed model is not fitted, and why.
    LmmNotFitted(LmmUnfitted),
    /// A group of the mixed model has one person.
    LmmGroupOfOne {
        /// The group.
        group: String,
    },
    /// The mixed model's between-person variance is at (or near) its boundary, 0.
    LmmSingular {
        /// Whether it is exactly 0.
        zero: bool,
    },
    /// Satterthwaite's df of the mixed model are undefined.
    LmmDfUndefined,
    /// The search for the variance ratio did not end at a sign change of the slope.
    LmmNotConverged,
}

/// Why the mixed model of a measure is not fitted.
#[derive(Debug, Clone, PartialEq)]
pub enum LmmUnfitted {
    /// The scores are too large or too small.
    Scores(Magnitude),
    /// A covariate is too large or too small.
    Covariate {
        /// Its name.
        name: String,
        /// Why.
        why: Magnitude,
    },
    /// Nobody has a score at a wave.
    EmptyWave {
        /// The wave.
        time: String,
    },
    /// Nobody of a group has a score at a wave.
    EmptyCell {
        /// The group.
        group: String,
        /// The wave.
        time: String,
    },
    /// The fit failed.
    Fit {
        /// Why.
        error: LmmError,
        /// Whether the model has covariates (a constant one makes it not estimable).
        covariates: bool,
    },
}

/// The tests a [`Note::NotComputed`] leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tests {
    /// Of two groups.
    TwoGroups,
    /// Of three groups or more.
    Arms,
    /// Of pre and post.
    Paired,
    /// Of pre and post from summary statistics.
    PairedSummary,
    /// Of the ANCOVA.
    Ancova,
}

impl Tests {
    fn english(self) -> &'static str {
        match self {
            Tests::TwoGroups => "the t-tests, d, g, Levene's tests and Shapiro–Wilk",
            Tests::Arms => "the ANOVAs, Tukey, Games–Howell, Levene's tests and Shapiro–Wilk",
            Tests::Paired => "the tests and effect sizes",
            Tests::PairedSummary => "the paired t-test and d_z",
            Tests::Ancova => "the ANCOVA and the gain-score t-test",
        }
    }
}

impl Note {
    /// Whether the note is about Shapiro–Wilk (which some tables leave out).
    pub fn is_about_normality(&self) -> bool {
        matches!(
            self,
            Note::ShapiroGroupsLimit | Note::ShapiroDifferencesLimit | Note::ShapiroTooFew
        )
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = shapiro::MAX_N;
        match self {
            Note::NotComputed { tests, why } => {
                write!(f, "{} are not computed: {why}", tests.english())
            }
            Note::SummaryMagnitude(why) => {
                write!(f, "the t-tests, d and g may not be computed: {why}")
            }
            Note::FromSummaryGroups => f.write_str(
                "from summary statistics: rank tests, Levene's tests and normality need the raw data",
            ),
            Note::FromSummaryPaired => {
                f.write_str("from summary statistics: rank tests and normality need the raw data")
            }
            Note::TTestUndefined => {
                f.write_str("a t-test is undefined: a group has too few values or no variation")
            }
            Note::PairedUndefined { n } => write!(
                f,
                "the paired t-test and d_z are undefined here (n = {n}, or the differences do not vary)"
            ),
            Note::WilcoxonAllZero => {
                f.write_str("the Wilcoxon test is undefined: every difference is zero")
            }
            Note::ShapiroGroupsLimit => write!(
                f,
                "Shapiro–Wilk is computed for groups of at most {max} values, as R's shapiro.test"
            ),
            Note::ShapiroDifferencesLimit => write!(
                f,
                "Shapiro–Wilk is computed for at most {max} differences, as R's shapiro.test"
            ),
            Note::ShapiroTooFew => {
                f.write_str("Shapiro–Wilk needs at least 3 differences that are not all equal")
            }
            Note::KruskalConstant => {
                f.write_str("Kruskal–Wallis is undefined: every value is the same")
            }
            Note::AnovaUndefined => f.write_str(
                "the ANOVA and Tukey's HSD are undefined: a group is empty, or no group varies",
            ),
            Note::WelchUndefined => f.write_str(
                "Welch's ANOVA is undefined: every group needs two values or more, and each must vary",
            ),
            Note::GamesHowellPairs => f.write_str(
                "Games–Howell is undefined for the pairs with a group of fewer than two values",
            ),
            Note::RepeatedTooFew { people, groups } => write!(
                f,
                "the ANOVA needs more people with every wave than groups: {people} {} in {groups} {}",
                if *people == 1 { "person" } else { "people" },
                if *groups == 1 { "group" } else { "groups" }
            ),
            Note::RepeatedZeroError => f.write_str(
                "the ANOVA is undefined: no one's values vary around their group's profile over the waves (a zero error term), or a value is too large to square",
            ),
            Note::Ancova(why) => write!(f, "the ANCOVA is undefined: {why}"),
            Note::LmmNotFitted(why) => write!(f, "{why}"),
            Note::LmmGroupOfOne { group } => write!(
                f,
                "group {group} has one person only: its means and changes rest on that person alone"
            ),
            Note::LmmSingular { zero } => write!(
                f,
                "boundary (singular) fit: the between-person variance is estimated as {} (θ = σ_b/σ below {SINGULAR_TOLERANCE:e}, as lme4's isSingular); the persons' averages differ no more than the residual variation alone makes them differ; the df are lmerTest's at the boundary",
                if *zero { "0" } else { "near 0" }
            ),
            Note::LmmDfUndefined => f.write_str(
                "Satterthwaite's df are undefined: the variance parameters' Hessian is not positive definite, so t, p and intervals are left null",
            ),
            Note::LmmNotConverged => f.write_str(
                "the search for the variance ratio ended without the criterion's slope changing sign; the estimates may not be at the maximum",
            ),
            Note::OneSidedAncova(alternative) => write!(
                f,
                "the adjusted difference is tested one-sided (t of the group coefficient, alternative {}); the group F test and its p are two-sided",
                match alternative {
                    Alternative::Less => "less",
                    _ => "greater",
                }
            ),
        }
    }
}

impl fmt::Display for LmmUnfitted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LmmUnfitted::Scores(why) => write!(f, "{why}; the model is not fitted"),
            LmmUnfitted::Covariate { name, why } => {
                write!(f, "covariate {name}: {why}; the model is not fitted")
            }
            LmmUnfitted::EmptyWave { time } => write!(
                f,
                "nobody has a score at wave {time}, so its effect cannot be estimated and the model is not fitted; leave the wave out of --wave/--waves, or check that sheet"
            ),
            LmmUnfitted::EmptyCell { group, time } => write!(
                f,
                "nobody in group {group} has a score at wave {time}: that cell of group × time is empty, so the interaction cannot be estimated and the model is not fitted"
            ),
            LmmUnfitted::Fit { error, covariates } => {
                let hint = match error {
                    LmmError::NotEstimable if *covariates => {
                        ": is a covariate constant, or a copy or sum of others?"
                    }
                    _ => "",
                };
                write!(f, "{error}; the model is not fitted{hint}")
            }
        }
    }
}

/// In `results.json` a note is its English sentence.
impl Serialize for Note {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
