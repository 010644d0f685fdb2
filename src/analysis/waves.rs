//! Several waves, one group or several (`psyscore compare repeated` and `compare mixed`): the
//! report, the people it leaves out, and its tables. Every person analysed has a value at every
//! wave; everyone else is named.

use std::collections::HashSet;
use std::io::{self, Write};

use serde::Serialize;

use super::render::write_results_csv;
use super::tables::{
    PAIRS_OF_GROUPS, arm_pair_cells, arm_pair_header, df_text, f_cell, f_cell_of, table_title,
    write_table,
};
use super::{write_excluded, write_report_to};
use crate::compare::{MixedResult, Note, Options, RepeatedResult, compare_mixed, compare_repeated};
use crate::data::pairing::{Excluded, RowRef};
use crate::data::waves::Waves;
use crate::output::Format;
use crate::output::apa::{conf_label, interval, mean_sd, no_leading_zero, num, p_value};
use crate::stats::adjust::Adjust;
use crate::stats::rank::MethodChoice;
use crate::stats::repeated::{Sphericity, WithinTest};

/// The significance level at which the human formats read Mauchly's test.
const SPHERICITY_ALPHA: f64 = 0.05;

/// The report of `compare repeated` or `compare mixed`: the settings, the waves (and groups),
/// everyone left out and why, and one result per measure.
#[derive(Debug, Serialize)]
pub struct WavesReport<R> {
    /// `repeated` or `mixed`.
    pub analysis: &'static str,
    /// Confidence level of the pairwise intervals (`compare repeated`; `compare mixed` of three
    /// groups or more).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conf: Option<f64>,
    /// Adjustment within each family of comparisons.
    pub adjust: Adjust,
    /// What was asked of the pairwise rank tests (`compare repeated`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<MethodChoice>,
    /// The waves, in order.
    pub waves: Vec<String>,
    /// The groups, in order (`compare mixed`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// The reference group, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// Everyone left out of a measure or all, with the reason.
    pub excluded: Vec<Excluded>,
    /// One result per measure.
    pub results: Vec<R>,
}

impl<R> WavesReport<R> {
    pub(super) fn new(analysis: &'static str, adjust: Adjust, waves: &Waves) -> WavesReport<R> {
        WavesReport {
            analysis,
            conf: None,
            adjust,
            method: None,
            waves: waves.times.clone(),
            groups: Vec::new(),
            control: None,
            excluded: waves.excluded.clone(),
            results: Vec::new(),
        }
    }
}

/// Compares the waves of one group on every measure, the people with a value at every wave
/// (listwise); pairwise p-values adjusted across the pairs with `adjust`.
pub fn repeated_report(
    waves: &Waves,
    options: Options,
    adjust: Adjust,
) -> WavesReport<RepeatedResult> {
    let mut report = WavesReport::new("repeated", adjust, waves);
    report.conf = Some(options.conf);
    report.method = Some(options.method);
    let measures = first_measures(waves);
    for (complete, measure) in waves.complete(&mut report.excluded).iter().zip(measures) {
        report.results.push(compare_repeated(
            &measure,
            &waves.times,
            &complete.rows,
            options,
            adjust,
        ));
    }
    report
}

/// Compares `groups` (the first key of each row, `column` in messages) over the waves on every
/// measure, the people with a value at every wave (listwise); rows of other groups are left out
/// and named. The simple effects are adjusted within each family with `adjust`; with three
/// groups or more the pairs of groups at each wave have intervals at confidence `conf`.
pub fn mixed_report(
    mut waves: Waves,
    groups: Vec<String>,
    column: &str,
    control: Option<String>,
    adjust: Adjust,
    conf: f64,
) -> WavesReport<MixedResult> {
    let mut report = WavesReport::new("mixed", adjust, &waves);
    if groups.len() > 2 {
        report.conf = Some(conf);
    }
    leave_out_other_groups(&mut waves, &groups, column, &mut report.excluded);
    let measures = first_measures(&waves);
    for (complete, measure) in waves.complete(&mut report.excluded).iter().zip(measures) {
        let group_of: Vec<usize> = complete
            .keys
            .iter()
            .map(|keys| groups.iter().position(|g| g == &keys[0]).unwrap_or(0))
            .collect();
        report.results.push(compare_mixed(
            &measure,
            &groups,
            &waves.times,
            &complete.rows,
            &group_of,
            adjust,
            conf,
        ));
    }
    report.groups = groups;
    report.control = control;
    report
}

/// The measures' names, from the first wave's sheet.
fn first_measures(waves: &Waves) -> Vec<String> {
    waves
        .sheets
        .first()
        .map(|sheet| sheet.measures.iter().map(|m| m.name.clone()).collect())
        .unwrap_or_default()
}

/// Takes out of every wave the rows whose group is blank or not compared, naming each person
/// once.
pub(super) fn leave_out_other_groups(
    waves: &mut Waves,
    groups: &[String],
    column: &str,
    excluded: &mut Vec<Excluded>,
) {
    let mut named = HashSet::new();
    for (sheet, time) in waves.sheets.iter_mut().zip(&waves.times) {
        let source = sheet.source.clone();
        sheet.rows.retain(|row| {
            let kept = groups.contains(&row.keys[0]);
            if !kept && named.insert(row.id.clone()) {
                excluded.push(Excluded::other_group(
                    &row.id,
                    RowRef::new(Some(time), &source, row.row),
                    column,
                    &row.keys[0],
                    groups,
                ));
            }
            kept
        });
    }
}

/// The human tables of a report, by kind.
pub type Human<R> = fn(&WavesReport<R>, &mut dyn Write, Format) -> io::Result<()>;

/// Writes `report` in `format`: JSON whole, CSV one row per measure, or `human`'s tables and
/// what was left out.
pub fn write_to<R: Serialize>(
    out: &mut dyn Write,
    report: &WavesReport<R>,
    format: Format,
    human: Human<R>,
) -> io::Result<()> {
    write_report_to(out, report, format, |out, format, is_human| {
        if is_human {
            human(report, out, format)?;
            let bullet = if format == Format::Md { "- " } else { "  " };
            write_excluded(out, &report.excluded, bullet)
        } else {
            write_results_csv(&report.results, out)
        }
    })
}

/// The cells of a within-person effect: F, p, ε_GG, p_GG, partial and generalized η².
fn within_cells(test: Option<&WithinTest>) -> Vec<String> {
    match test {
        Some(t) => vec![
            f_cell(t.f, t.df1, t.df2),
            p_value(Some(t.p)),
            num(t.eps_gg, 3),
            p_value(t.p_gg),
            num(Some(t.partial_eta2), 3),
            num(Some(t.generalized_eta2), 3),
        ],
        None => vec!["—".to_owned(); 6],
    }
}

/// What Mauchly's test says, for the notes.
fn sphericity_note(measure: &str, sphericity: Option<&Sphericity>) -> Option<String> {
    let s = sphericity?;
    let p = p_value(Some(s.p));
    Some(if s.p < SPHERICITY_ALPHA {
        format!(
            "{measure}: Mauchly's W = {}, χ²({}) = {}, p = {p} < .05: sphericity is violated; read the Greenhouse–Geisser corrected p (p_GG)",
            no_leading_zero(Some(s.w), 3),
            df_text(s.df),
            num(Some(s.chi2), 2)
        )
    } else {
        format!(
            "{measure}: Mauchly's W = {}, χ²({}) = {}, p = {p} ≥ .05: sphericity is not rejected; the uncorrected F holds",
            no_leading_zero(Some(s.w), 3),
            df_text(s.df),
            num(Some(s.chi2), 2)
        )
    })
}

/// The notes under the tables: what Mauchly's test says of each measure, then each measure's
/// remarks, from (measure, sphericity, notes) per result.
fn measure_notes<'a>(
    results: impl Iterator<Item = (&'a str, Option<&'a Sphericity>, &'a [Note])> + Clone,
) -> Vec<String> {
    let mut notes: Vec<String> = results
        .clone()
        .filter_map(|(measure, sphericity, _)| sphericity_note(measure, sphericity))
        .collect();
    notes.extend(
        results
            .flat_map(|(measure, _, notes)| notes.iter().map(move |n| format!("{measure}: {n}"))),
    );
    notes
}

pub(super) fn write_notes(
    out: &mut dyn Write,
    format: Format,
    notes: Vec<String>,
) -> io::Result<()> {
    if notes.is_empty() {
        return Ok(());
    }
    let bullet = if format == Format::Md { "- " } else { "  " };
    writeln!(out, "\nNotes:")?;
    for note in notes {
        writeln!(out, "{bullet}{note}")?;
    }
    Ok(())
}

/// The human tables of `compare repeated`.
pub fn write_repeated(
    report: &WavesReport<RepeatedResult>,
    out: &mut dyn Write,
    format: Format,
) -> io::Result<()> {
    let mut header = vec!["measure".to_owned(), "n".to_owned()];
    header.extend(report.waves.iter().map(|w| format!("{w} M (SD)")));
    header.extend(
        [
            "F (df1, df2)",
            "p",
            "ε_GG",
            "p_GG",
            "η²_p",
            "η²_G",
            "Friedman χ² (df)",
            "p (Friedman)",
            "Kendall's W",
        ]
        .map(str::to_owned),
    );
    let rows: Vec<Vec<String>> = report
        .results
        .iter()
        .map(|r| {
            let mut cells = vec![r.measure.clone(), r.n.to_string()];
            cells.extend(r.means.iter().map(|m| mean_sd(m.mean, m.sd)));
            cells.extend(within_cells(r.anova.as_ref()));
            match &r.friedman {
                Some(f) => cells.extend([
                    format!("{} ({})", num(Some(f.chi2), 2), df_text(f.df)),
                    p_value(Some(f.p)),
                    num(Some(f.kendall_w), 3),
                ]),
                None => cells.extend(["—".to_owned(), "—".to_owned(), "—".to_owned()]),
            }
            cells
        })
        .collect();
    write_table(out, format, &header, &rows)?;
    let ci = conf_label(report.conf.unwrap_or(0.95));
    table_title(
        out,
        format,
        "Pairs of waves (differences later − earlier; p adjusted across the pairs):",
    )?;
    let pair_rows: Vec<Vec<String>> = report
        .results
        .iter()
        .flat_map(|r| {
            r.pairwise.iter().map(|pair| {
                vec![
                    r.measure.clone(),
                    format!("{} → {}", pair.a, pair.b),
                    format!(
                        "{} {}",
                        num(pair.mean_diff, 2),
                        interval(pair.ci_low, pair.ci_high, 2)
                    ),
                    match (pair.t, pair.df) {
                        (Some(t), Some(df)) => format!("{} ({})", num(Some(t), 2), df_text(df)),
                        _ => "—".to_owned(),
                    },
                    p_value(pair.p),
                    p_value(pair.p_adj),
                    num(pair.wilcoxon_v, 1),
                    p_value(pair.wilcoxon_p_adj),
                ]
            })
        })
        .collect();
    write_table(
        out,
        format,
        &[
            "measure",
            "waves",
            &format!("diff {ci}"),
            "t (df)",
            "p",
            "p adj",
            "V",
            "p adj (Wilcoxon)",
        ]
        .map(str::to_owned),
        &pair_rows,
    )?;
    let notes = measure_notes(report.results.iter().map(|r| {
        (
            r.measure.as_str(),
            r.sphericity.as_ref(),
            r.notes.as_slice(),
        )
    }));
    write_notes(out, format, notes)
}

/// The human tables of `compare mixed`.
pub fn write_mixed(
    report: &WavesReport<MixedResult>,
    out: &mut dyn Write,
    format: Format,
) -> io::Result<()> {
    let header = [
        "measure",
        "n",
        "effect",
        "F (df1, df2)",
        "p",
        "ε_GG",
        "p_GG",
        "η²_p",
        "η²_G",
    ]
    .map(str::to_owned)
    .to_vec();
    let mut rows = Vec::new();
    for r in &report.results {
        let mut between = vec![r.measure.clone(), r.n.to_string(), "group".to_owned()];
        match &r.between {
            Some(t) => between.extend([
                f_cell(t.f, t.df1, t.df2),
                p_value(Some(t.p)),
                "".to_owned(),
                "".to_owned(),
                num(Some(t.partial_eta2), 3),
                num(Some(t.generalized_eta2), 3),
            ]),
            None => between.extend(vec!["—".to_owned(); 6]),
        }
        rows.push(between);
        for (effect, test) in [("time", &r.within), ("group × time", &r.interaction)] {
            let mut cells = vec![r.measure.clone(), r.n.to_string(), effect.to_owned()];
            cells.extend(within_cells(test.as_ref()));
            rows.push(cells);
        }
    }
    write_table(out, format, &header, &rows)?;
    table_title(out, format, "Means:")?;
    let mut header = vec!["measure".to_owned(), "group".to_owned(), "n".to_owned()];
    header.extend(report.waves.iter().map(|w| format!("{w} M (SD)")));
    let mut rows = Vec::new();
    for r in &report.results {
        for chunk in r.cells.chunks(report.waves.len().max(1)) {
            let mut cells = vec![
                r.measure.clone(),
                chunk.first().map(|c| c.group.clone()).unwrap_or_default(),
                chunk.first().map(|c| c.n.to_string()).unwrap_or_default(),
            ];
            cells.extend(chunk.iter().map(|c| mean_sd(c.mean, c.sd)));
            rows.push(cells);
        }
    }
    write_table(out, format, &header, &rows)?;
    table_title(
        out,
        format,
        "Simple effects (time in each group, its own error term; group at each wave; p adjusted within each family):",
    )?;
    let mut rows = Vec::new();
    for r in &report.results {
        for effect in r.simple_time.iter().chain(&r.simple_group) {
            let at = match &effect.at {
                crate::compare::SimpleAt::Group(group) => format!("time in {group}"),
                crate::compare::SimpleAt::Time(time) => format!("group at {time}"),
            };
            rows.push(vec![
                r.measure.clone(),
                at,
                f_cell_of(effect.f, effect.df1, effect.df2),
                p_value(effect.p),
                p_value(effect.p_adj),
            ]);
        }
    }
    write_table(
        out,
        format,
        &["measure", "effect", "F (df1, df2)", "p", "p adj"].map(str::to_owned),
        &rows,
    )?;
    let pair_rows: Vec<Vec<String>> = report
        .results
        .iter()
        .flat_map(|r| {
            r.simple_group.iter().flat_map(move |effect| {
                let wave = match &effect.at {
                    crate::compare::SimpleAt::Time(time) => time.clone(),
                    crate::compare::SimpleAt::Group(group) => group.clone(),
                };
                effect
                    .pairs
                    .iter()
                    .map(move |pair| arm_pair_cells(vec![r.measure.clone(), wave.clone()], pair))
            })
        })
        .collect();
    if !pair_rows.is_empty() {
        let ci = conf_label(report.conf.unwrap_or(0.95));
        let title = format!("Pairs of groups at each wave ({PAIRS_OF_GROUPS}):");
        table_title(out, format, &title)?;
        write_table(
            out,
            format,
            &arm_pair_header(&["measure", "wave"], &ci),
            &pair_rows,
        )?;
    }
    let notes = measure_notes(report.results.iter().map(|r| {
        (
            r.measure.as_str(),
            r.sphericity.as_ref(),
            r.notes.as_slice(),
        )
    }));
    write_notes(out, format, notes)
}
