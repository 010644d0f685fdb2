//! The CSV tables of a study (`tables/`): each analysis of a questionnaire written exactly as
//! its command writes CSV, and the sample and band transitions as small tables of their own.

use std::io;

use super::analyses::{Baseline, GroupTransitions, ScaleResults};
use super::run::StudyRun;
use crate::analysis::{change, describe, groups, lmm, reliability, render, waves};
use crate::output::{Format, Value, row_writer};

/// Writes each analysis of one questionnaire (`results`) through `write(file name, bytes)`.
pub fn write_tables(
    run: &StudyRun,
    results: &ScaleResults,
    write: &dyn Fn(&str, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let id = &results.scale;
    let both = run.levels.len() == 2;
    let mut header = vec!["group".to_owned()];
    if both {
        header.extend(["pre", "post", "pairs"].map(str::to_owned));
    } else {
        header.extend(run.levels.iter().cloned());
        header.push("complete".to_owned());
    }
    let rows: Vec<Vec<String>> = results
        .sample
        .groups
        .iter()
        .map(|g| {
            let mut row = vec![g.group.clone().unwrap_or_default()];
            row.extend(g.waves.iter().map(usize::to_string));
            row.push(g.complete.to_string());
            row
        })
        .collect();
    write(&format!("{id}_sample.csv"), &csv_table(&header, &rows)?)?;
    let mut buffer = Vec::new();
    if let Some(report) = &results.describe {
        let mut names = vec!["label".to_owned()];
        names.extend(run.study.groups.as_ref().map(|g| g.column.clone()));
        describe::write_to(&mut buffer, report, &names, Format::Csv)?;
        write(&format!("{id}_describe.csv"), &std::mem::take(&mut buffer))?;
    }
    if let Some(report) = &results.reliability {
        reliability::write_to(&mut buffer, report, Format::Csv)?;
        write(
            &format!("{id}_reliability.csv"),
            &std::mem::take(&mut buffer),
        )?;
    }
    match &results.baseline {
        Some(Baseline::Two(report)) => render::write_to(&mut buffer, report, Format::Csv)?,
        Some(Baseline::Arms(report)) => groups::write_arms(&mut buffer, report, Format::Csv)?,
        None => {}
    }
    if results.baseline.is_some() {
        write(&format!("{id}_baseline.csv"), &std::mem::take(&mut buffer))?;
    }
    for within in &results.within {
        render::write_to(&mut buffer, &within.report, Format::Csv)?;
        write(
            &per_group(id, "within", &within.group),
            &std::mem::take(&mut buffer),
        )?;
    }
    for repeated in &results.repeated {
        waves::write_to(
            &mut buffer,
            &repeated.report,
            Format::Csv,
            waves::write_repeated,
        )?;
        write(
            &per_group(id, "repeated", &repeated.group),
            &std::mem::take(&mut buffer),
        )?;
    }
    if let Some(report) = &results.lmm {
        waves::write_to(&mut buffer, report, Format::Csv, lmm::write_lmm)?;
        write(&format!("{id}_lmm.csv"), &std::mem::take(&mut buffer))?;
    }
    if let Some(report) = &results.mixed {
        waves::write_to(&mut buffer, report, Format::Csv, waves::write_mixed)?;
        write(&format!("{id}_mixed.csv"), &std::mem::take(&mut buffer))?;
    }
    if let Some(report) = &results.between {
        render::write_to(&mut buffer, report, Format::Csv)?;
        write(&format!("{id}_between.csv"), &std::mem::take(&mut buffer))?;
    }
    for later in &results.between_waves {
        render::write_to(&mut buffer, &later.report, Format::Csv)?;
        let name = format!("{id}_between_{}.csv", file_safe(&later.wave));
        write(&name, &std::mem::take(&mut buffer))?;
    }
    for later in &results.groups_waves {
        render::write_to(&mut buffer, &later.report, Format::Csv)?;
        let name = format!("{id}_groups_{}.csv", file_safe(&later.wave));
        write(&name, &std::mem::take(&mut buffer))?;
    }
    for later in &results.between_arms {
        groups::write_arms(&mut buffer, &later.report, Format::Csv)?;
        let name = format!("{id}_between_{}.csv", file_safe(&later.wave));
        write(&name, &std::mem::take(&mut buffer))?;
    }
    if let Some(report) = &results.change {
        change::write_to(&mut buffer, report, Format::Csv)?;
        write(&format!("{id}_change.csv"), &std::mem::take(&mut buffer))?;
    }
    for later in &results.change_waves {
        change::write_to(&mut buffer, &later.report, Format::Csv)?;
        let name = format!("{id}_change_{}.csv", file_safe(&later.wave));
        write(&name, &std::mem::take(&mut buffer))?;
    }
    if !results.transitions.is_empty() {
        let rows = transition_rows(&results.transitions, None);
        let header = ["group", "measure", "from", "to", "count"].map(str::to_owned);
        write(
            &format!("{id}_transitions.csv"),
            &csv_table(&header, &rows)?,
        )?;
    }
    if !results.transitions_waves.is_empty() {
        let rows: Vec<Vec<String>> = results
            .transitions_waves
            .iter()
            .flat_map(|step| transition_rows(&step.groups, Some((&step.from, &step.to))))
            .collect();
        let header = [
            "from_wave",
            "to_wave",
            "group",
            "measure",
            "from",
            "to",
            "count",
        ]
        .map(str::to_owned);
        write(
            &format!("{id}_transitions.csv"),
            &csv_table(&header, &rows)?,
        )?;
    }
    Ok(())
}

/// `cbi_within_intervention.csv`, or `cbi_within.csv` without groups.
fn per_group(id: &str, analysis: &str, group: &Option<String>) -> String {
    match group {
        Some(group) => format!("{id}_{analysis}_{}.csv", file_safe(group)),
        None => format!("{id}_{analysis}.csv"),
    }
}

/// One row per group, measure and transition, after the two waves of the step (if given).
fn transition_rows(groups: &[GroupTransitions], step: Option<(&str, &str)>) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for group in groups {
        for measure in &group.measures {
            for t in &measure.transitions {
                let mut row: Vec<String> = step
                    .map(|(from, to)| vec![from.to_owned(), to.to_owned()])
                    .unwrap_or_default();
                row.extend([
                    group.group.clone().unwrap_or_default(),
                    measure.measure.clone(),
                    t.from.clone(),
                    t.to.clone(),
                    t.count.to_string(),
                ]);
                rows.push(row);
            }
        }
    }
    rows
}

/// A CSV table of text cells, quoted as the other CSV output is.
fn csv_table(header: &[String], rows: &[Vec<String>]) -> io::Result<Vec<u8>> {
    let mut buffer = Vec::new();
    {
        let mut writer = row_writer(Format::Csv, Box::new(&mut buffer));
        writer.header(header)?;
        for row in rows {
            for cell in row {
                writer.cell(Value::Text(cell))?;
            }
            writer.end_row()?;
        }
        writer.finish()?;
    }
    Ok(buffer)
}

/// A group or wave value usable in a file name: letters, digits and `-`; others become `_`.
pub fn file_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
