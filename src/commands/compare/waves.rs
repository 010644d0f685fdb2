//! `psyscore compare repeated` and `psyscore compare mixed`: several waves, one group or
//! several. Every person analysed has a value at every wave; everyone else is named.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::render::{write_excluded, write_results_csv};
use super::{adjust_method, require_levels};
use crate::cli::{AnovaArgs, CsvArgs, Format, MethodArg, MixedArgs, RepeatedArgs, WaveArgs};
use crate::commands::measures::MeasureSource;
use crate::commands::waves::{WaveSource, read_waves};
use crate::commands::{write_report, write_report_to};
use crate::compare::{MixedResult, Options, RepeatedResult, compare_mixed, compare_repeated};
use crate::data::measures::{distinct_values, value_list};
use crate::data::pairing::{Excluded, RowRef};
use crate::data::waves::Waves;
use crate::error::{DataError, UsageError};
use crate::output::apa::{conf_label, interval, mean_sd, no_leading_zero, num, p_value};
use crate::output::{Value, row_writer};
use crate::stats::Alternative;
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
    /// Confidence level of the pairwise intervals (`compare repeated`).
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
    fn new(analysis: &'static str, args: &AnovaArgs, waves: Vec<String>) -> WavesReport<R> {
        WavesReport {
            analysis,
            conf: None,
            adjust: adjust_method(args.adjust),
            method: None,
            waves,
            groups: Vec::new(),
            control: None,
            excluded: Vec::new(),
            results: Vec::new(),
        }
    }
}

fn method_choice(method: MethodArg) -> MethodChoice {
    match method {
        MethodArg::Auto => MethodChoice::Auto,
        MethodArg::Exact => MethodChoice::Exact,
        MethodArg::Normal => MethodChoice::Normal,
    }
}

/// The waves as asked: `--wave NAME=FILE` repeated, or `--time COL --waves A,B,C` with INPUT.
fn wave_source<'a>(args: &'a WaveArgs, wide: &'a [(String, String)]) -> Result<WaveSource<'a>> {
    match (&args.time, &args.input) {
        (Some(column), Some(input)) => {
            check_wave_names(args.waves.iter().map(String::as_str), "--waves")?;
            Ok(WaveSource::Long {
                input,
                column,
                levels: &args.waves,
            })
        }
        _ => {
            check_wave_names(wide.iter().map(|(name, _)| name.as_str()), "--wave")?;
            Ok(WaveSource::Wide(wide))
        }
    }
}

/// `--wave NAME=FILE` values as (name, file).
fn parse_waves(values: &[String]) -> Result<Vec<(String, String)>> {
    values
        .iter()
        .map(|value| match value.split_once('=') {
            Some((name, file)) if !name.trim().is_empty() && !file.trim().is_empty() => {
                Ok((name.trim().to_owned(), file.trim().to_owned()))
            }
            _ => Err(UsageError(format!(
                "--wave {value}: write NAME=FILE, e.g. --wave followup=cbi_followup.csv"
            ))
            .into()),
        })
        .collect()
}

/// At least two waves, each named once.
fn check_wave_names<'a>(names: impl Iterator<Item = &'a str>, option: &str) -> Result<()> {
    let names: Vec<&str> = names.collect();
    if names.len() < 2 {
        return Err(UsageError(format!(
            "{option}: give at least two waves, in order (got {})",
            names.len()
        ))
        .into());
    }
    if let Some(twice) = names
        .iter()
        .enumerate()
        .find(|(i, name)| names[..*i].contains(name))
    {
        return Err(UsageError(format!("{option}: the wave {} is named twice", twice.1)).into());
    }
    Ok(())
}

/// Runs `psyscore compare repeated`.
pub fn run_repeated(args: &RepeatedArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let wide = parse_waves(&args.waves.wave)?;
    let waves = read_waves(
        &source,
        &args.measure,
        wave_source(&args.waves, &wide)?,
        &args.waves.id,
        None,
    )?;
    let mut report = WavesReport::new("repeated", &args.analysis, waves.times.clone());
    report.excluded = waves.excluded.clone();
    let options = Options {
        conf: args.conf,
        alternative: Alternative::TwoSided,
        method: method_choice(args.method),
    };
    report.conf = Some(options.conf);
    report.method = Some(options.method);
    let measures = first_measures(&waves);
    for (complete, measure) in waves.complete(&mut report.excluded).iter().zip(measures) {
        report.results.push(compare_repeated(
            &measure,
            &waves.times,
            &complete.rows,
            options,
            report.adjust,
        ));
    }
    write(
        &report,
        &args.analysis.format,
        &args.analysis.csv,
        write_repeated,
    )
}

/// Runs `psyscore compare mixed`.
pub fn run_mixed(args: &MixedArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let wide = parse_waves(&args.waves.wave)?;
    let mut waves = read_waves(
        &source,
        &args.measure,
        wave_source(&args.waves, &wide)?,
        &args.waves.id,
        Some(&args.group),
    )?;
    let groups = choose_groups(&waves, args)?;
    let mut report = WavesReport::new("mixed", &args.analysis, waves.times.clone());
    report.excluded = waves.excluded.clone();
    leave_out_other_groups(&mut waves, &groups, &args.group, &mut report.excluded);
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
            report.adjust,
        ));
    }
    report.groups = groups;
    report.control = args.control.clone();
    write(
        &report,
        &args.analysis.format,
        &args.analysis.csv,
        write_mixed,
    )
}

/// The measures' names, from the first wave's sheet.
fn first_measures(waves: &Waves) -> Vec<String> {
    waves
        .sheets
        .first()
        .map(|sheet| sheet.measures.iter().map(|m| m.name.clone()).collect())
        .unwrap_or_default()
}

/// The groups to compare: as given (each held by some row), else in order of first appearance
/// with the control last; fewer than two is a data error naming the column.
fn choose_groups(waves: &Waves, args: &MixedArgs) -> Result<Vec<String>> {
    let held = distinct_values(
        waves
            .sheets
            .iter()
            .flat_map(|sheet| sheet.rows.iter().map(|row| row.keys[0].as_str())),
    );
    let mut groups: Vec<String> = if args.levels.is_empty() {
        held.iter().map(|g| (*g).to_owned()).collect()
    } else {
        require_levels(&args.levels, &held, &args.group)?;
        args.levels.clone()
    };
    if let Some(control) = &args.control {
        if !groups.contains(control) {
            return Err(UsageError(format!(
                "--control {control}: not one of the groups ({})",
                groups.join(", ")
            ))
            .into());
        }
        if args.levels.is_empty() {
            groups.retain(|g| g != control);
            groups.push(control.clone());
        }
    }
    if groups.len() < 2 {
        let mut sources: Vec<&str> = waves.sheets.iter().map(|s| s.source.as_str()).collect();
        sources.dedup();
        return Err(DataError(format!(
            "{}: column {} holds {} ({}); comparing groups needs two: is it the right column, and the sheets of every group?",
            sources.join(", "),
            args.group,
            if held.len() == 1 { "one group only" } else { "no group" },
            value_list(&held)
        ))
        .into());
    }
    Ok(groups)
}

/// Takes out of every wave the rows whose group is blank or not compared, naming each person
/// once.
fn leave_out_other_groups(
    waves: &mut Waves,
    groups: &[String],
    column: &str,
    excluded: &mut Vec<Excluded>,
) {
    let mut named = std::collections::HashSet::new();
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

type Human<R> = fn(&WavesReport<R>, &mut dyn Write, Format) -> Result<()>;

fn write<R: Serialize>(
    report: &WavesReport<R>,
    format: &Option<Format>,
    csv: &CsvArgs,
    human: Human<R>,
) -> Result<()> {
    let written = write_report(report, *format, csv, |out, format, _| {
        write_to(out, report, format, human)
    })?;
    if written == Format::Csv && !report.excluded.is_empty() {
        eprintln!(
            "note: {} left out of some or all measures; --format json or table lists them with the reason",
            match report.excluded.len() {
                1 => "1 row was".to_owned(),
                n => format!("{n} rows were"),
            }
        );
    }
    Ok(())
}

fn write_to<R: Serialize>(
    out: &mut dyn Write,
    report: &WavesReport<R>,
    format: Format,
    human: Human<R>,
) -> Result<()> {
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

fn table(
    out: &mut dyn Write,
    format: Format,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
) -> Result<()> {
    let mut writer = row_writer(format, Box::new(&mut *out));
    writer.header(&header)?;
    for row in rows {
        for cell in &row {
            writer.cell(Value::Text(cell))?;
        }
        writer.end_row()?;
    }
    writer.finish()?;
    Ok(())
}

/// `F (df1, df2)` rounded for reading.
fn f_cell(f: f64, df1: f64, df2: f64) -> String {
    format!("{} ({}, {})", num(Some(f), 2), df_text(df1), df_text(df2))
}

fn df_text(df: f64) -> String {
    if df.fract() == 0.0 {
        format!("{df}")
    } else {
        num(Some(df), 2)
    }
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

fn write_notes(out: &mut dyn Write, format: Format, notes: Vec<String>) -> Result<()> {
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

fn write_repeated(
    report: &WavesReport<RepeatedResult>,
    out: &mut dyn Write,
    format: Format,
) -> Result<()> {
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
    let rows = report
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
    table(out, format, header, rows)?;
    let ci = conf_label(report.conf.unwrap_or(0.95));
    writeln!(
        out,
        "\nPairs of waves (differences later − earlier; p adjusted across the pairs):"
    )?;
    let pair_rows = report
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
    table(
        out,
        format,
        [
            "measure",
            "waves",
            &format!("diff {ci}"),
            "t (df)",
            "p",
            "p adj",
            "V",
            "p adj (Wilcoxon)",
        ]
        .map(str::to_owned)
        .to_vec(),
        pair_rows,
    )?;
    let mut notes: Vec<String> = report
        .results
        .iter()
        .filter_map(|r| sphericity_note(&r.measure, r.sphericity.as_ref()))
        .collect();
    notes.extend(
        report
            .results
            .iter()
            .flat_map(|r| r.notes.iter().map(|n| format!("{}: {n}", r.measure))),
    );
    write_notes(out, format, notes)
}

fn write_mixed(
    report: &WavesReport<MixedResult>,
    out: &mut dyn Write,
    format: Format,
) -> Result<()> {
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
    table(out, format, header, rows)?;
    writeln!(out, "\nMeans:")?;
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
    table(out, format, header, rows)?;
    writeln!(
        out,
        "\nSimple effects (time in each group, its own error term; group at each wave; p adjusted within each family):"
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
                match (effect.f, effect.df1, effect.df2) {
                    (Some(f), Some(df1), Some(df2)) => f_cell(f, df1, df2),
                    _ => "—".to_owned(),
                },
                p_value(effect.p),
                p_value(effect.p_adj),
            ]);
        }
    }
    table(
        out,
        format,
        ["measure", "effect", "F (df1, df2)", "p", "p adj"]
            .map(str::to_owned)
            .to_vec(),
        rows,
    )?;
    let mut notes: Vec<String> = report
        .results
        .iter()
        .filter_map(|r| sphericity_note(&r.measure, r.sphericity.as_ref()))
        .collect();
    notes.extend(
        report
            .results
            .iter()
            .flat_map(|r| r.notes.iter().map(|n| format!("{}: {n}", r.measure))),
    );
    write_notes(out, format, notes)
}
