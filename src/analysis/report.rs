//! The report of a comparison: its settings, everyone left out and why, and one result per
//! measure; the JSON output contract of `psyscore compare paired|groups|ancova`.

use serde::Serialize;

use crate::compare::Options;
use crate::data::pairing::Excluded;
use crate::stats::Alternative;
use crate::stats::adjust::Adjust;
use crate::stats::rank::MethodChoice;

/// The report of one command: its settings, what was left out and why, and one result per
/// measure. Serialized as the JSON output contract.
#[derive(Debug, Serialize)]
pub struct Report<R> {
    /// `paired`, `groups` or `ancova`.
    pub analysis: &'static str,
    /// Confidence level.
    pub conf: f64,
    /// Alternative hypothesis.
    pub alternative: Alternative,
    /// p-value adjustment across measures.
    pub adjust: Adjust,
    /// What was asked of rank tests (each result says which ran).
    pub method: MethodChoice,
    /// The two levels compared, first − second (groups and ANCOVA), or pre, post.
    pub levels: Vec<String>,
    /// Every row or person left out of one measure or all, with the reason.
    pub excluded: Vec<Excluded>,
    /// One result per measure.
    pub results: Vec<R>,
}

/// What every comparison is asked: the test options and the p-value adjustment across the
/// measures of one report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Confidence level, alternative, rank-test method.
    pub options: Options,
    /// Adjustment across measures.
    pub adjust: Adjust,
}

impl<R> Report<R> {
    /// An empty report of `analysis` with `settings`, comparing `levels`.
    pub fn new(analysis: &'static str, settings: Settings, levels: Vec<String>) -> Report<R> {
        let options = settings.options;
        Report {
            analysis,
            conf: options.conf,
            alternative: options.alternative,
            adjust: settings.adjust,
            method: options.method,
            levels,
            excluded: Vec::new(),
            results: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::groups::write_arms;
    use crate::analysis::render::{self, write_to};
    use crate::compare::{compare_ancova, compare_arms, compare_groups, compare_paired};
    use crate::output::Format;
    use proptest::prelude::*;

    /// Values of every size a sheet can hold, ordinary ones among them.
    fn value() -> impl Strategy<Value = f64> {
        prop_oneof![
            -100.0..100.0_f64,
            -1.7e308..1.7e308_f64,
            -1e-300..1e-300_f64,
            Just(1.7e308),
            Just(-1.7e308),
            Just(0.0),
        ]
    }

    /// Every human and program format `write` writes, which must hold no NaN or inf.
    fn assert_clean(
        write: impl Fn(&mut Vec<u8>, Format) -> std::io::Result<()>,
    ) -> Result<(), TestCaseError> {
        for format in [Format::Csv, Format::Json, Format::Md, Format::Table] {
            let mut out = Vec::new();
            write(&mut out, format).unwrap();
            let text = String::from_utf8(out).unwrap();
            let bad = text.contains("NaN")
                || text
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|word| word.eq_ignore_ascii_case("inf"));
            prop_assert!(!bad, "{:?}:\n{}", format, text);
        }
        Ok(())
    }

    /// [`assert_clean`] of a one-row-per-measure report.
    fn assert_report_clean<R: Serialize + render::HumanRow>(
        report: &Report<R>,
    ) -> Result<(), TestCaseError> {
        assert_clean(|out, format| write_to(out, report, format))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn no_comparison_prints_nan_or_inf(
            pairs in proptest::collection::vec((value(), value()), 0..9),
            split in 0usize..9,
        ) {
            let settings = Settings { options: Options::default(), adjust: Adjust::Holm };
            let pre: Vec<f64> = pairs.iter().map(|p| p.0).collect();
            let post: Vec<f64> = pairs.iter().map(|p| p.1).collect();
            let cut = split.min(pre.len());
            let levels = vec!["a".to_owned(), "b".to_owned()];
            let mut paired = Report::new("paired", settings, levels.clone());
            paired.results.push(compare_paired("m", &pre, &post, &[], settings.options));
            assert_report_clean(&paired)?;
            let mut groups = Report::new("groups", settings, levels.clone());
            groups.results.push(compare_groups("m", ["a", "b"], &pre[..cut], &pre[cut..], settings.options));
            assert_report_clean(&groups)?;
            let mut ancova = Report::new("ancova", settings, levels);
            ancova.results.push(compare_ancova(
                "m",
                ["a", "b"],
                [&pre[..cut], &pre[cut..]],
                [&post[..cut], &post[cut..]],
                settings.options,
            ));
            assert_report_clean(&ancova)?;
            let cut2 = (cut + split / 2).min(pre.len());
            let mut arms = Report::new("groups", settings, vec!["a".into(), "b".into(), "c".into()]);
            arms.results.push(compare_arms(
                "m",
                &["a", "b", "c"],
                &[&pre[..cut], &pre[cut..cut2], &pre[cut2..]],
                settings.options.conf,
            ));
            assert_clean(|out, format| write_arms(out, &arms, format))?;
        }
    }
}
