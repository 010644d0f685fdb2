//! The linear mixed model over several waves (`psyscore compare lmm`): the report, the people it
//! leaves out, and its tables. Everyone with a score at any wave enters; the baseline covariates
//! come from the first wave's sheet; everyone left out is named.

use std::io::{self, Write};

use super::tables::{df_text, f_cell_of, table_title, write_table};
use super::waves::{WavesReport, leave_out_other_groups, write_notes};
use crate::compare::{LmmDesign, LmmPerson, LmmResult, compare_lmm};
use crate::data::pairing::{Excluded, RowRef, match_any_time};
use crate::data::waves::Waves;
use crate::error::DataError;
use crate::output::Format;
use crate::output::apa::{conf_label, interval, num, p_value};
use crate::stats::adjust::Adjust;

/// What `compare lmm` fits.
#[derive(Debug, Clone)]
pub struct LmmOptions {
    /// The groups, the reference (control) first; empty for `score ~ time + (1 | id)`.
    pub groups: Vec<String>,
    /// The group column (for messages), when there are groups.
    pub group_column: Option<String>,
    /// The reference group, when given.
    pub control: Option<String>,
    /// The baseline covariates' columns.
    pub covariates: Vec<String>,
    /// REML (true) or ML.
    pub reml: bool,
    /// Confidence level of the intervals.
    pub conf: f64,
}

/// One person: their row at each wave (index into the wave's sheet) and their group.
struct Person {
    rows: Vec<Option<usize>>,
    group: usize,
    covariates: Vec<f64>,
}

/// Fits the mixed model of every measure of `waves` (rows keyed by group, when grouped, then by
/// the covariates). Rows of other groups, duplicated ids and persons without the covariates are
/// left out and named; a covariate that is not a number is an error naming its row.
pub fn lmm_report(
    mut waves: Waves,
    options: &LmmOptions,
) -> Result<WavesReport<LmmResult>, DataError> {
    let mut report = WavesReport::new("lmm", Adjust::Holm, &waves);
    report.conf = Some(options.conf);
    let grouped = !options.groups.is_empty();
    if let Some(column) = options.group_column.as_deref().filter(|_| grouped) {
        leave_out_other_groups(&mut waves, &options.groups, column, &mut report.excluded);
    }
    let names: Vec<&str> = waves.times.iter().map(String::as_str).collect();
    let sheets: Vec<_> = waves.sheets.iter().collect();
    let people = match_any_time(&sheets, &names, &mut report.excluded);
    let offset = usize::from(grouped);
    let mut persons = Vec::with_capacity(people.len());
    for rows in people {
        let Some((wave, row)) = rows
            .iter()
            .enumerate()
            .find_map(|(wave, row)| row.map(|row| (wave, row)))
        else {
            continue;
        };
        let sheet = &waves.sheets[wave];
        let id = sheet.rows[row].id.clone();
        let group = if grouped {
            let value = &sheet.rows[row].keys[0];
            options.groups.iter().position(|g| g == value).unwrap_or(0)
        } else {
            0
        };
        match covariates(&waves, rows[0], offset, &options.covariates)? {
            Ok(covariates) => persons.push(Person {
                rows,
                group,
                covariates,
            }),
            Err(missing) => {
                let first = &waves.sheets[0];
                let row_ref =
                    rows[0].map(|r| RowRef::new(Some(names[0]), &first.source, first.rows[r].row));
                report
                    .excluded
                    .push(Excluded::missing_covariate(&id, missing, names[0], row_ref));
            }
        }
    }
    let measures: Vec<String> = waves
        .sheets
        .first()
        .map(|sheet| sheet.measures.iter().map(|m| m.name.clone()).collect())
        .unwrap_or_default();
    let design = LmmDesign {
        times: &waves.times,
        groups: &options.groups,
        covariates: &options.covariates,
        reml: options.reml,
        conf: options.conf,
    };
    for (m, measure) in measures.iter().enumerate() {
        let mut model_persons = Vec::with_capacity(persons.len());
        for person in &persons {
            let scores: Vec<Option<f64>> = person
                .rows
                .iter()
                .zip(&waves.sheets)
                .map(|(row, sheet)| row.and_then(|row| sheet.rows[row].values[m]))
                .collect();
            if scores.iter().all(Option::is_none) {
                let id = person
                    .rows
                    .iter()
                    .zip(&waves.sheets)
                    .find_map(|(row, sheet)| row.map(|row| sheet.rows[row].id.clone()))
                    .unwrap_or_default();
                report.excluded.push(Excluded::missing_score(
                    &id,
                    measure,
                    &names,
                    &vec![true; names.len()],
                ));
                continue;
            }
            model_persons.push(LmmPerson {
                group: person.group,
                scores,
                covariates: person.covariates.clone(),
            });
        }
        report
            .results
            .push(compare_lmm(measure, &design, &model_persons));
    }
    report.groups = options.groups.clone();
    report.control = options.control.clone();
    Ok(report)
}

/// The covariates of the person whose first-wave row is `row` (keys from `offset` on): their
/// values, or the first covariate they lack (`Ok(Err(column))`); a value that is not a number
/// is an error naming the sheet, row, column and value.
fn covariates<'a>(
    waves: &Waves,
    row: Option<usize>,
    offset: usize,
    columns: &'a [String],
) -> Result<Result<Vec<f64>, &'a str>, DataError> {
    if columns.is_empty() {
        return Ok(Ok(Vec::new()));
    }
    let Some(row) = row else {
        return Ok(Err(&columns[0]));
    };
    let sheet = &waves.sheets[0];
    let row = &sheet.rows[row];
    let mut values = Vec::with_capacity(columns.len());
    for (c, column) in columns.iter().enumerate() {
        let text = row.keys.get(offset + c).map_or("", |v| v.trim());
        if text.is_empty() {
            return Ok(Err(column));
        }
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() => values.push(value),
            _ => {
                return Err(DataError(format!(
                    "{}, row {}: the covariate {column} is \"{text}\", not a number; correct it, or leave the cell empty to leave the person out",
                    sheet.source, row.row
                )));
            }
        }
    }
    Ok(Ok(values))
}

/// The human tables of `compare lmm`.
pub fn write_lmm(
    report: &WavesReport<LmmResult>,
    out: &mut dyn Write,
    format: Format,
) -> io::Result<()> {
    let ci = conf_label(report.conf.unwrap_or(0.95));
    let grouped = !report.groups.is_empty();
    let model = if grouped {
        "score ~ group * time"
    } else {
        "score ~ time"
    };
    let mut first = true;
    for r in &report.results {
        let fit = r.fit.as_ref();
        let method = match fit {
            Some(f) if f.reml.is_none() => "ML",
            _ => "REML",
        };
        let per_wave: Vec<String> = r
            .per_wave
            .iter()
            .map(|w| format!("{} {}", w.time, w.n))
            .collect();
        let title = format!(
            "{}: {model} + (1 | id), {method}; {} persons, {} observations ({})",
            r.measure,
            r.n_persons,
            r.n_observations,
            per_wave.join(", ")
        );
        if first {
            writeln!(out, "{title}")?;
            if format == Format::Md {
                writeln!(out)?;
            }
            first = false;
        } else {
            table_title(out, format, &title)?;
        }
        if r.fixed.is_empty() {
            continue;
        }
        let rows: Vec<Vec<String>> = r
            .anova
            .iter()
            .map(|a| vec![a.term.clone(), f_cell_of(a.f, a.df1, a.df2), p_value(a.p)])
            .collect();
        write_table(
            out,
            format,
            &["effect (type III)", "F (df1, df2)", "p"].map(str::to_owned),
            &rows,
        )?;
        table_title(out, format, "Fixed effects (Satterthwaite df):")?;
        let rows: Vec<Vec<String>> = r
            .fixed
            .iter()
            .map(|fixed| {
                let f = &fixed.test;
                vec![
                    fixed.term.clone(),
                    format!(
                        "{} {}",
                        num(Some(f.estimate), 2),
                        interval(f.ci_low, f.ci_high, 2)
                    ),
                    num(Some(f.se), 2),
                    f.df.map_or_else(|| "—".to_owned(), df_text),
                    num(f.t, 2),
                    p_value(f.p),
                ]
            })
            .collect();
        write_table(
            out,
            format,
            &["term", &format!("estimate {ci}"), "SE", "df", "t", "p"].map(str::to_owned),
            &rows,
        )?;
        if let (Some(random), Some(fit)) = (&r.random, fit) {
            writeln!(
                out,
                "\nBetween-person variance {}, residual variance {}, ICC {}; {}log-likelihood {}, AIC {}, BIC {}",
                num(Some(random.intercept_var), 2),
                num(Some(random.residual_var), 2),
                num(Some(random.icc), 3),
                fit.reml.map_or_else(String::new, |c| format!(
                    "REML criterion {}, ",
                    num(Some(c), 2)
                )),
                num(Some(fit.loglik), 2),
                num(Some(fit.aic), 2),
                num(Some(fit.bic), 2),
            )?;
        }
        let covariates = r
            .anova
            .iter()
            .any(|a| !["group", "time", "group:time"].contains(&a.term.as_str()));
        table_title(
            out,
            format,
            if covariates {
                "Estimated marginal means (covariates at their mean over the observations):"
            } else {
                "Estimated marginal means:"
            },
        )?;
        let rows: Vec<Vec<String>> = r
            .emmeans
            .iter()
            .map(|e| {
                let mut cells = Vec::new();
                if grouped {
                    cells.push(e.group.clone().unwrap_or_default());
                }
                cells.extend([
                    e.time.clone(),
                    format!(
                        "{} {}",
                        num(Some(e.emmean), 2),
                        interval(e.ci_low, e.ci_high, 2)
                    ),
                    num(Some(e.se), 2),
                    e.df.map_or_else(|| "—".to_owned(), df_text),
                ]);
                cells
            })
            .collect();
        let mut header: Vec<String> = if grouped {
            vec!["group".to_owned()]
        } else {
            vec![]
        };
        header.extend([
            "wave".to_owned(),
            format!("mean {ci}"),
            "SE".to_owned(),
            "df".to_owned(),
        ]);
        write_table(out, format, &header, &rows)?;
        table_title(
            out,
            format,
            if grouped {
                "Changes between waves within each group (earlier − later; p adjusted by Holm within each group):"
            } else {
                "Changes between waves (earlier − later; p adjusted by Holm):"
            },
        )?;
        let rows: Vec<Vec<String>> = r
            .contrasts
            .iter()
            .map(|c| {
                let mut cells = Vec::new();
                if grouped {
                    cells.push(c.group.clone().unwrap_or_default());
                }
                cells.extend([
                    format!("{} − {}", c.a, c.b),
                    num(Some(c.estimate), 2),
                    num(Some(c.se), 2),
                    c.df.map_or_else(|| "—".to_owned(), df_text),
                    num(c.t, 2),
                    p_value(c.p),
                    p_value(c.p_adj),
                ]);
                cells
            })
            .collect();
        let mut header: Vec<String> = if grouped {
            vec!["group".to_owned()]
        } else {
            vec![]
        };
        header.extend(["waves", "difference", "SE", "df", "t", "p", "p adj"].map(str::to_owned));
        write_table(out, format, &header, &rows)?;
    }
    let notes: Vec<String> = report
        .results
        .iter()
        .flat_map(|r| r.notes.iter().map(move |n| format!("{}: {n}", r.measure)))
        .collect();
    write_notes(out, format, notes)
}
