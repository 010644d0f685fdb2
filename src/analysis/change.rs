//! The reliable change index of each person (Jacobson & Truax 1991) and clinical significance
//! (`psyscore change`).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::reliability::{complete_item_columns, score_items};
use super::write_report_to;
use crate::data::measures::MeasureSheet;
use crate::data::pairing::{Excluded, pair_by_id};
use crate::output::{Format, Value, number_cell, row_writer};
use crate::scale::{Direction, Scale};
use crate::stats::change::{
    Change, CutoffCriterion, Population, Reference, clinical_cutoff, reliable_change, s_diff,
};
use crate::stats::descriptive::{mean, sd};
use crate::stats::reliability::reliability;

/// Smallest sample whose own pre-test SD and alpha are used when no norms are given.
pub const MIN_SAMPLE_FOR_NORMS: usize = 30;

/// The report.
#[derive(Debug, Serialize)]
pub struct ChangeReport {
    /// |RCI| above which a change is reliable.
    pub criterion: f64,
    /// One result per measure.
    pub results: Vec<MeasureChange>,
    /// Every row or person left out of a measure or all, with the reason.
    pub excluded: Vec<Excluded>,
}

/// The reliable change of every person on one measure.
#[derive(Debug, Serialize)]
pub struct MeasureChange {
    /// Subscale id, `total`, or the column name.
    pub measure: String,
    /// Which direction is better: `lower` or `higher`.
    pub better: Direction,
    /// The SD used.
    pub sd: Option<f64>,
    /// The reliability used.
    pub reliability: Option<f64>,
    /// S_diff = √2 · SD · √(1 − r).
    pub s_diff: Option<f64>,
    /// Where SD and reliability come from.
    pub source: String,
    /// The same, as parts a report can put in its own words (not in the JSON: `source` says it).
    #[serde(skip)]
    pub origin: Origin,
    /// The clinical-significance cut-off, with `--cutoff`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<Cutoff>,
    /// One entry per person with a pre and a post score.
    pub people: Vec<PersonChange>,
    /// How many improved, did not change reliably, deteriorated.
    pub summary: ChangeSummary,
    /// Why no reliable change index could be computed, when none could.
    pub notes: Vec<String>,
    /// The same reasons, as parts a report can put in its own words (not in the JSON).
    #[serde(skip)]
    pub problems: Vec<Problem>,
}

impl MeasureChange {
    /// Why this measure has no reliable change index, when it has none.
    pub fn no_rci_reason(&self) -> Option<&str> {
        self.notes.iter().find_map(|note| note.strip_prefix(NO_RCI))
    }

    /// Whether the reason is only that nothing says which SD and reliability to use (no
    /// options, no norms with a reliability, a sample too small to use its own by default).
    pub fn lacks_reference_values(&self) -> bool {
        self.no_rci_reason()
            .is_some_and(|reason| reason.starts_with(NO_REFERENCE))
    }
}

/// Where the SD and reliability of a reliable change index come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// Given with the command or study file, with the source named there.
    Given(String),
    /// The scale's norms, with their source.
    Norms(String),
    /// This sample: the pre-test SD of `n` scores and Cronbach's alpha of `complete`
    /// respondents who answered every item.
    Sample {
        /// Scores behind the SD.
        n: usize,
        /// Complete respondents behind alpha.
        complete: usize,
    },
    /// Nowhere: there is no index.
    Nothing,
}

/// One person's change.
#[derive(Debug, Serialize)]
pub struct PersonChange {
    /// The person's id.
    pub id: String,
    /// Pre-test score.
    pub pre: f64,
    /// Post-test score.
    pub post: f64,
    /// post − pre; `null` beyond the largest double.
    pub diff: Option<f64>,
    /// (post − pre) / S_diff; `null` without an S_diff.
    pub rci: Option<f64>,
    /// `improved`, `unchanged` or `deteriorated`; `null` without an S_diff.
    pub change: Option<Change>,
    /// With `--cutoff`: the post-test score is on the functional side of the cut-off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beyond_cutoff: Option<bool>,
    /// With `--cutoff`: reliably improved and beyond the cut-off (Jacobson & Truax's
    /// "recovered").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovered: Option<bool>,
}

/// The Jacobson–Truax cut-off between the dysfunctional and the functional population.
#[derive(Debug, Serialize)]
pub struct Cutoff {
    /// `a`, `b` or `c`.
    pub criterion: CutoffCriterion,
    /// The cut-off score; `null` when it cannot be computed (see `source`).
    pub value: Option<f64>,
    /// The dysfunctional population used.
    pub dysfunctional: Option<Population>,
    /// The functional population used.
    pub functional: Option<Population>,
    /// Where the populations come from.
    pub source: String,
}

/// Counts of the classifications.
#[derive(Debug, Default, Serialize)]
pub struct ChangeSummary {
    /// Reliably improved.
    pub improved: usize,
    /// No reliable change.
    pub unchanged: usize,
    /// Reliably deteriorated.
    pub deteriorated: usize,
    /// With `--cutoff`: reliably improved and beyond the cut-off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovered: Option<usize>,
}

/// What `change` is asked.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeSettings {
    /// |RCI| above which a change is reliable.
    pub criterion: f64,
    /// Which direction is better.
    pub better: Direction,
    /// The reference for every measure (`--sd` with `--reliability`).
    pub every_measure: Option<Reference>,
    /// References for named measures; they take precedence.
    pub by_measure: BTreeMap<String, Reference>,
    /// The clinical-significance cut-off to compute, if any.
    pub cutoff: Option<CutoffSettings>,
}

/// The Jacobson–Truax cut-off asked for and the populations given.
#[derive(Debug, Clone, PartialEq)]
pub struct CutoffSettings {
    /// Criterion a, b or c.
    pub criterion: CutoffCriterion,
    /// The functional population; else the scale's norms.
    pub functional: Option<Population>,
    /// The dysfunctional population; else this sample before.
    pub dysfunctional: Option<Population>,
}

/// How a note on a measure without a reliable change index begins.
pub const NO_RCI: &str = "no reliable change index: ";

/// How the reason begins when nothing says which SD and reliability to use.
const NO_REFERENCE: &str = "no SD and reliability to use: ";

/// Pairs `pre` and `post` by id and classifies every person's change on every measure
/// (Jacobson & Truax 1991), with the cut-off when asked.
pub fn change_report(
    pre: &MeasureSheet,
    post: &MeasureSheet,
    times: [&str; 2],
    scale: Option<&Scale>,
    settings: &ChangeSettings,
) -> ChangeReport {
    let better = settings.better;
    let mut report = ChangeReport {
        criterion: settings.criterion,
        results: Vec::new(),
        excluded: Vec::new(),
    };
    let pairs = pair_by_id(pre, post, times, &mut report.excluded);
    for (m, measure) in pre.measures.iter().enumerate() {
        let reference = reference_values(settings, scale, pre, m);
        let s = match (reference.sd, reference.reliability) {
            (Some(sd), Some(r)) if reference.missing.is_none() => s_diff(sd, r),
            _ => None,
        };
        let cutoff = settings
            .cutoff
            .as_ref()
            .map(|asked| cutoff(asked, scale, pre, m, better));
        let line = cutoff.as_ref().and_then(|c| c.value);
        let mut people = Vec::new();
        let mut overflowed = 0;
        let mut summary = ChangeSummary {
            recovered: cutoff.as_ref().map(|_| 0),
            ..ChangeSummary::default()
        };
        for &(a, b) in &pairs {
            let (Some(before), Some(after)) = (pre.rows[a].values[m], post.rows[b].values[m])
            else {
                report.excluded.push(Excluded::missing_score(
                    &pre.rows[a].id,
                    &measure.name,
                    &times,
                    &[
                        pre.rows[a].values[m].is_none(),
                        post.rows[b].values[m].is_none(),
                    ],
                ));
                continue;
            };
            let result =
                s.and_then(|s| reliable_change(before, after, s, better, settings.criterion));
            if s.is_some() && result.is_none() {
                overflowed += 1;
            }
            match result.as_ref().map(|r| r.change) {
                Some(Change::Improved) => summary.improved += 1,
                Some(Change::Unchanged) => summary.unchanged += 1,
                Some(Change::Deteriorated) => summary.deteriorated += 1,
                None => {}
            }
            let beyond_cutoff = line.map(|line| match better {
                Direction::Lower => after < line,
                Direction::Higher => after > line,
            });
            let recovered = beyond_cutoff
                .zip(result.as_ref())
                .map(|(beyond, r)| beyond && r.change == Change::Improved);
            if recovered == Some(true) {
                summary.recovered = summary.recovered.map(|n| n + 1);
            }
            people.push(PersonChange {
                id: pre.rows[a].id.clone(),
                pre: before,
                post: after,
                diff: Some(after - before).filter(|d| d.is_finite()),
                rci: result.as_ref().map(|r| r.rci),
                change: result.map(|r| r.change),
                beyond_cutoff,
                recovered,
            });
        }
        report.results.push(MeasureChange {
            measure: measure.name.clone(),
            better,
            sd: reference.sd,
            reliability: reference.reliability,
            s_diff: s,
            source: reference.source,
            origin: reference.origin,
            cutoff,
            people,
            summary,
            problems: reference
                .missing
                .as_ref()
                .map_or_else(Vec::new, |missing| missing.0.clone()),
            notes: reference
                .missing
                .iter()
                .map(|missing| format!("{NO_RCI}{}", missing.reason()))
                .chain((overflowed > 0).then(|| {
                    format!(
                        "{overflowed} {} no reliable change index: post − pre exceeds the largest number of double precision (1.8e308); check the data",
                        if overflowed == 1 { "person has" } else { "people have" }
                    )
                }))
                .collect(),
        });
    }
    report
}

/// The cut-off for measure `m`: the dysfunctional population as given or this sample before;
/// the functional one as given or the scale's norms.
fn cutoff(
    asked: &CutoffSettings,
    scale: Option<&Scale>,
    pre: &MeasureSheet,
    m: usize,
    better: Direction,
) -> Cutoff {
    let mut sources = Vec::new();
    let dysfunctional = match asked.dysfunctional {
        Some(given) => {
            sources.push("dysfunctional from --dysfunctional".to_owned());
            Some(given)
        }
        None => {
            let values: Vec<f64> = pre.rows.iter().filter_map(|row| row.values[m]).collect();
            sources.push(format!(
                "dysfunctional: this sample before (n = {})",
                values.len()
            ));
            mean(&values)
                .zip(sd(&values))
                .map(|(mean, sd)| Population { mean, sd })
        }
    };
    let functional = match asked.functional {
        Some(given) => {
            sources.push("functional from --functional".to_owned());
            Some(given)
        }
        None => {
            let norms = scale
                .zip(pre.measures[m].score)
                .and_then(|(scale, i)| scale.scores[i].norms.as_ref());
            if let Some(norms) = norms {
                sources.push(format!("functional: norms, {}", norms.source));
            }
            norms.map(|n| Population {
                mean: n.mean,
                sd: n.sd,
            })
        }
    };
    let value = dysfunctional.and_then(|d| clinical_cutoff(asked.criterion, d, functional, better));
    if value.is_none() {
        sources.push("the cut-off cannot be computed: criteria b and c need a functional population whose mean is on the better side".to_owned());
    }
    Cutoff {
        criterion: asked.criterion,
        value,
        dysfunctional,
        functional,
        source: sources.join("; "),
    }
}

/// The SD and reliability of one measure's reliable change index, where they come from, and
/// why there is no S_diff when there is none.
struct ReferenceValues {
    sd: Option<f64>,
    reliability: Option<f64>,
    source: String,
    origin: Origin,
    /// Why no S_diff can be computed (`None` when one can).
    missing: Option<Missing>,
}

/// Why a measure has no reliable change index: one problem, or this sample's SD and alpha
/// problems together.
#[derive(Debug, Clone, PartialEq)]
struct Missing(Vec<Problem>);

impl Missing {
    fn reason(&self) -> String {
        let texts: Vec<String> = self.0.iter().map(Problem::text).collect();
        texts.join(", and ")
    }
}

/// One reason a measure has no reliable change index.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The SD and reliability given are out of range.
    GivenOutOfRange {
        /// The SD given.
        sd: f64,
        /// The reliability given.
        reliability: f64,
    },
    /// This sample has fewer than two pre-test scores (it has `n`).
    SampleTooFew(usize),
    /// This sample's pre-test scores do not vary.
    SampleNoVariation,
    /// Alpha cannot be computed from this sample's `complete` respondents.
    AlphaNotComputable(usize),
    /// This sample's alpha (as printed) is not from 0 up to 1.
    AlphaOutOfRange(String),
    /// A column of scores has no items to compute alpha from.
    NoItems,
    /// Nothing says which SD and reliability to use: no norms with a reliability and a sample
    /// of `Some(n)` people, too small to use by default (`None`: a column of scores).
    NoReference(Option<usize>),
}

impl Problem {
    /// The reason in English.
    pub fn text(&self) -> String {
        match self {
            Problem::GivenOutOfRange { sd, reliability } => format!(
                "the SD ({sd}) must be above 0 and the reliability ({reliability}) from 0 up to but not including 1"
            ),
            Problem::SampleTooFew(n) => {
                format!("this sample's pre-test SD needs two scores or more (it has {n})")
            }
            Problem::SampleNoVariation => {
                "this sample's pre-test scores do not vary (SD 0)".to_owned()
            }
            Problem::AlphaNotComputable(complete) => format!(
                "Cronbach's alpha cannot be computed from this sample ({complete} complete respondent{}; it needs two or more whose items vary)",
                if *complete == 1 { "" } else { "s" }
            ),
            Problem::AlphaOutOfRange(alpha) => format!(
                "this sample's Cronbach's alpha ({alpha}) is not a reliability from 0 up to 1"
            ),
            Problem::NoItems => "a column of scores has no items to compute Cronbach's alpha from (--scale scores the items)".to_owned(),
            Problem::NoReference(why) => format!("{NO_REFERENCE}{}", no_reference_why(*why)),
        }
    }
}

/// Why nothing says which SD and reliability to use.
fn no_reference_why(n: Option<usize>) -> String {
    match n {
        Some(n) => format!(
            "the scale has no norms with a reliability, and this sample ({n} before) is smaller than {MIN_SAMPLE_FOR_NORMS} to use its own by default"
        ),
        None => "a column of scores has no norms".to_owned(),
    }
}

/// The SD and reliability for measure `m`, and where they come from: as given for the measure
/// or for every measure, the scale's norms, or the sample's pre-test SD and alpha when asked
/// for or when it has at least [`MIN_SAMPLE_FOR_NORMS`] complete respondents.
fn reference_values(
    settings: &ChangeSettings,
    scale: Option<&Scale>,
    pre: &MeasureSheet,
    m: usize,
) -> ReferenceValues {
    let measure = &pre.measures[m];
    let asked = settings
        .by_measure
        .get(&measure.name)
        .or(settings.every_measure.as_ref());
    if let Some(Reference::Given {
        sd,
        reliability,
        source,
    }) = asked
    {
        let missing = s_diff(*sd, *reliability).is_none().then(|| {
            Missing(vec![Problem::GivenOutOfRange {
                sd: *sd,
                reliability: *reliability,
            }])
        });
        return ReferenceValues {
            sd: Some(*sd),
            reliability: Some(*reliability),
            source: source.clone(),
            origin: Origin::Given(source.clone()),
            missing,
        };
    }
    let score = scale
        .zip(measure.score)
        .map(|(scale, i)| (scale, &scale.scores[i]));
    if asked.is_none()
        && let Some((_, score)) = score
        && let Some(norms) = &score.norms
        && let Some(r) = norms.reliability
    {
        return ReferenceValues {
            sd: Some(norms.sd),
            reliability: Some(r),
            source: format!("norms: {}", norms.source),
            origin: Origin::Norms(norms.source.clone()),
            missing: None,
        };
    }
    let values: Vec<f64> = pre.rows.iter().filter_map(|row| row.values[m]).collect();
    let wants_sample = asked == Some(&Reference::Sample);
    match score {
        Some((scale, score)) if wants_sample || values.len() >= MIN_SAMPLE_FOR_NORMS => {
            let items = score_items(scale, &score.source);
            let (columns, complete) = complete_item_columns(pre, &items);
            let refs: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
            let alpha = reliability(&refs, 0.95).and_then(|r| r.alpha);
            let sd = sd(&values);
            let small = if values.len() < MIN_SAMPLE_FOR_NORMS {
                format!(", fewer than {MIN_SAMPLE_FOR_NORMS}: imprecise")
            } else {
                String::new()
            };
            let missing = sample_problem(sd, alpha, values.len(), complete);
            ReferenceValues {
                sd,
                reliability: alpha,
                source: format!(
                    "this sample: pre-test SD (n = {}) and Cronbach's alpha (n = {complete}{small})",
                    values.len(),
                ),
                origin: Origin::Sample {
                    n: values.len(),
                    complete,
                },
                missing,
            }
        }
        None if wants_sample => ReferenceValues {
            sd: sd(&values),
            reliability: None,
            source: "this sample".to_owned(),
            origin: Origin::Nothing,
            missing: Some(Missing(vec![Problem::NoItems])),
        },
        _ => {
            let n = score.map(|_| values.len());
            let why = no_reference_why(n);
            ReferenceValues {
                sd: None,
                reliability: None,
                source: format!("none: give --sd and --reliability ({why})"),
                origin: Origin::Nothing,
                missing: Some(Missing(vec![Problem::NoReference(n)])),
            }
        }
    }
}

/// Why this sample's pre-test SD and alpha give no S_diff, if they do not: too few people,
/// no variation, or an alpha outside [0, 1).
fn sample_problem(
    sd: Option<f64>,
    alpha: Option<f64>,
    n: usize,
    complete: usize,
) -> Option<Missing> {
    let sd_problem = match sd {
        None => Some(Problem::SampleTooFew(n)),
        Some(sd) if sd <= 0.0 || !sd.is_finite() => Some(Problem::SampleNoVariation),
        Some(_) => None,
    };
    let alpha_problem = match alpha {
        None => Some(Problem::AlphaNotComputable(complete)),
        Some(alpha) if !(0.0..1.0).contains(&alpha) => Some(Problem::AlphaOutOfRange(
            crate::output::apa::num(Some(alpha), 2),
        )),
        Some(_) => None,
    };
    let problems: Vec<Problem> = sd_problem.into_iter().chain(alpha_problem).collect();
    (!problems.is_empty()).then_some(Missing(problems))
}

/// Writes `report` in `format`.
pub fn write_to(out: &mut dyn Write, report: &ChangeReport, format: Format) -> io::Result<()> {
    write_report_to(out, report, format, |out, format, human| {
        let number = |value: Option<f64>| number_cell(value, 2, human);
        {
            let mut writer = row_writer(format, Box::new(&mut *out));
            writer.header(
                &["measure", "id", "pre", "post", "diff", "rci", "change"].map(String::from),
            )?;
            for result in &report.results {
                for person in &result.people {
                    let change = match person.change {
                        Some(Change::Improved) => "improved",
                        Some(Change::Unchanged) => "unchanged",
                        Some(Change::Deteriorated) => "deteriorated",
                        None => "",
                    };
                    for cell in [
                        result.measure.clone(),
                        person.id.clone(),
                        number(Some(person.pre)),
                        number(Some(person.post)),
                        number(person.diff),
                        number(person.rci),
                        change.to_owned(),
                    ] {
                        writer.cell(Value::Text(&cell))?;
                    }
                    writer.end_row()?;
                }
            }
            writer.finish()?;
        }
        if human {
            writeln!(out)?;
            for result in &report.results {
                if result.s_diff.is_none() {
                    writeln!(out, "{}: {}", result.measure, result.notes.join("; "))?;
                    continue;
                }
                for note in &result.notes {
                    writeln!(out, "{}: {note}", result.measure)?;
                }
                let cutoff = match (&result.cutoff, result.summary.recovered) {
                    (Some(cutoff), Some(recovered)) => format!(
                        "; cut-off {} = {}: {recovered} recovered ({})",
                        serde_json::to_value(cutoff.criterion)?
                            .as_str()
                            .unwrap_or(""),
                        number(cutoff.value),
                        cutoff.source
                    ),
                    _ => String::new(),
                };
                writeln!(
                    out,
                    "{}: {} improved, {} unchanged, {} deteriorated (|RCI| > {}; S_diff {} from SD {} and r {}; {}){cutoff}",
                    result.measure,
                    result.summary.improved,
                    result.summary.unchanged,
                    result.summary.deteriorated,
                    report.criterion,
                    number(result.s_diff),
                    number(result.sd),
                    number(result.reliability),
                    result.source
                )?;
            }
            let bullet = if format == Format::Md { "- " } else { "  " };
            super::write_excluded(out, &report.excluded, bullet)?;
        }
        Ok(())
    })
}
