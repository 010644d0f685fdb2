//! Writing a comparison report: JSON (the full contract), CSV (one row per measure, every
//! number, nested names joined with `_`), and a table or Markdown for people (rounded, APA
//! style p-values, followed by what was left out and why).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value as Json;

use super::report::Report;
use super::{write_excluded, write_report_to};
use crate::compare::{AncovaResult, GroupsResult, PairedResult};
use crate::output::apa::{conf_label, interval, mean_sd, num, p_value, with_interval};
use crate::output::{Format, Value, format_number, row_writer};

/// A result as one row of the human table.
pub trait HumanRow {
    /// Column names; `levels` are the compared levels, `conf` the confidence level.
    fn header(levels: &[String], conf: f64) -> Vec<String>;
    /// The row's cells.
    fn cells(&self) -> Vec<String>;
    /// Remarks printed under the table.
    fn remarks(&self) -> Vec<String>;
}

/// Writes `report` in `format` (CSV: one row per measure with every number exact; JSON: the
/// whole report; table or Markdown: rounded, for people).
pub fn write_to<R: Serialize + HumanRow>(
    out: &mut dyn Write,
    report: &Report<R>,
    format: Format,
) -> io::Result<()> {
    write_report_to(out, report, format, |out, format, human| {
        if human {
            write_human(report, format, out)
        } else {
            write_csv(report, out)
        }
    })
}

fn write_csv<R: Serialize>(report: &Report<R>, out: &mut dyn Write) -> io::Result<()> {
    write_results_csv(&report.results, out)
}

/// Writes `results` as CSV: one row per result, nested fields flattened into `a_b` columns.
pub(super) fn write_results_csv<R: Serialize>(
    results: &[R],
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows: Vec<Vec<(String, String)>> = results
        .iter()
        .map(|result| {
            let mut cells = Vec::new();
            flatten(
                "",
                &serde_json::to_value(result).expect("results serialize"),
                &mut cells,
            );
            cells
        })
        .collect();
    let mut writer = row_writer(Format::Csv, Box::new(&mut *out));
    if !rows.is_empty() {
        // Every column any result has, in order of first appearance: a result whose statistic
        // is undefined (`null` where another has an object or array) leaves those cells empty
        // rather than shifting its row.
        let mut header: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for row in &rows {
            for (key, _) in row {
                if seen.insert(key.as_str()) {
                    header.push(key.clone());
                }
            }
        }
        writer.header(&header)?;
        for row in &rows {
            let cells: std::collections::HashMap<&str, &str> =
                row.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            for key in &header {
                writer.cell(Value::Text(cells.get(key.as_str()).copied().unwrap_or("")))?;
            }
            writer.end_row()?;
        }
    }
    writer.finish()?;
    Ok(())
}

/// Flattens nested objects into `a_b` keys; arrays of objects are numbered from 1; notes and
/// transitions become one text cell.
fn flatten(prefix: &str, value: &Json, out: &mut Vec<(String, String)>) {
    let key = |name: &str| {
        if prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{prefix}_{name}")
        }
    };
    match value {
        Json::Object(map) => {
            for (name, value) in map {
                match (name.as_str(), value) {
                    ("notes", Json::Array(items)) => {
                        let texts: Vec<&str> = items.iter().filter_map(Json::as_str).collect();
                        out.push((key(name), texts.join("; ")));
                    }
                    ("transitions", Json::Array(items)) => {
                        let texts: Vec<String> = items
                            .iter()
                            .map(|t| {
                                format!(
                                    "{} -> {}: {}",
                                    text(&t["from"]),
                                    text(&t["to"]),
                                    text(&t["count"])
                                )
                            })
                            .collect();
                        out.push((key(name), texts.join("; ")));
                    }
                    (_, Json::Array(items)) => {
                        for (index, item) in items.iter().enumerate() {
                            flatten(&key(&format!("{name}_{}", index + 1)), item, out);
                        }
                    }
                    (_, Json::Object(_)) => flatten(&key(name), value, out),
                    _ => out.push((key(name), text(value))),
                }
            }
        }
        other => out.push((prefix.to_owned(), text(other))),
    }
}

fn text(value: &Json) -> String {
    match value {
        Json::Null => String::new(),
        Json::String(text) => text.clone(),
        Json::Number(number) => {
            let mut buffer = String::new();
            format_number(number.as_f64().unwrap_or(f64::NAN), &mut buffer);
            buffer
        }
        other => other.to_string(),
    }
}

fn write_human<R: HumanRow>(
    report: &Report<R>,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    {
        let mut writer = row_writer(format, Box::new(&mut *out));
        writer.header(&R::header(&report.levels, report.conf))?;
        for result in &report.results {
            for cell in result.cells() {
                writer.cell(Value::Text(&cell))?;
            }
            writer.end_row()?;
        }
        writer.finish()?;
    }
    if let [first, second] = report.levels.as_slice() {
        let (from, to) = match report.analysis {
            "paired" => (second, first),
            _ => (first, second),
        };
        writeln!(out, "\nDifferences and effect sizes are {from} − {to}.")?;
    }
    let remarks: Vec<String> = report.results.iter().flat_map(HumanRow::remarks).collect();
    let bullet = if format == Format::Md { "- " } else { "  " };
    if !remarks.is_empty() {
        writeln!(out, "\nNotes:")?;
        for remark in remarks {
            writeln!(out, "{bullet}{remark}")?;
        }
    }
    write_excluded(out, &report.excluded, bullet)?;
    Ok(())
}

impl HumanRow for PairedResult {
    fn header(levels: &[String], conf: f64) -> Vec<String> {
        let ci = conf_label(conf);
        [
            "measure".to_owned(),
            "n".to_owned(),
            format!("{} M (SD)", levels[0]),
            format!("{} M (SD)", levels[1]),
            "diff M (SD)".to_owned(),
            "t (df)".to_owned(),
            "p".to_owned(),
            "p adj".to_owned(),
            format!("diff {ci}"),
            "V".to_owned(),
            "p (Wilcoxon)".to_owned(),
            format!("d_z [{ci}]"),
            "g_av".to_owned(),
            "r_rb".to_owned(),
            "Shapiro–Wilk p".to_owned(),
        ]
        .to_vec()
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.measure.clone(),
            self.n.to_string(),
            mean_sd(self.pre.mean, self.pre.sd),
            mean_sd(self.post.mean, self.post.sd),
            mean_sd(self.diff.mean, self.diff.sd),
            format!("{} ({})", num(self.t_test.t, 2), num(self.t_test.df, 0)),
            p_value(self.t_test.p),
            p_value(self.t_test.p_adj),
            interval(self.t_test.ci_low, self.t_test.ci_high, 2),
            num(self.wilcoxon.v, 1),
            match self.wilcoxon.method {
                Some(method) => format!(
                    "{} ({})",
                    p_value(self.wilcoxon.p),
                    serde_json::to_value(method)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                ),
                None => p_value(self.wilcoxon.p),
            },
            with_interval(
                self.effect.cohen_dz,
                self.effect.dz_ci_low,
                self.effect.dz_ci_high,
                2,
            ),
            num(self.effect.hedges_gav, 2),
            num(self.effect.rank_biserial, 2),
            p_value(self.normality.p),
        ]
    }

    fn remarks(&self) -> Vec<String> {
        let mut remarks: Vec<String> = self
            .notes
            .iter()
            .map(|note| format!("{}: {note}", self.measure))
            .collect();
        if !self.transitions.is_empty() {
            let moves: Vec<String> = self
                .transitions
                .iter()
                .map(|t| format!("{} → {}: {}", t.from, t.to, t.count))
                .collect();
            remarks.push(format!("{} bands: {}", self.measure, moves.join(", ")));
        }
        remarks
    }
}

impl HumanRow for GroupsResult {
    fn header(levels: &[String], conf: f64) -> Vec<String> {
        let ci = conf_label(conf);
        vec![
            "measure".to_owned(),
            format!("{} n, M (SD)", levels[0]),
            format!("{} n, M (SD)", levels[1]),
            "Student t (df)".to_owned(),
            "p".to_owned(),
            "Welch t (df)".to_owned(),
            "p".to_owned(),
            format!("diff {ci} (Welch)"),
            "U".to_owned(),
            "p (U)".to_owned(),
            format!("d [{ci}]"),
            format!("g [{ci}]"),
            "r_rb".to_owned(),
            "Levene p".to_owned(),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let group = |g: usize| {
            self.groups.get(g).map_or_else(String::new, |g| {
                format!("{}, {}", g.n, mean_sd(g.mean, g.sd))
            })
        };
        vec![
            self.measure.clone(),
            group(0),
            group(1),
            format!("{} ({})", num(self.student.t, 2), num(self.student.df, 0)),
            p_value(self.student.p),
            format!("{} ({})", num(self.welch.t, 2), num(self.welch.df, 2)),
            p_value(self.welch.p),
            interval(self.welch.ci_low, self.welch.ci_high, 2),
            num(self.mann_whitney.u, 1),
            p_value(self.mann_whitney.p),
            with_interval(
                self.effect.cohen_d,
                self.effect.d_ci_low,
                self.effect.d_ci_high,
                2,
            ),
            with_interval(
                self.effect.hedges_g,
                self.effect.g_ci_low,
                self.effect.g_ci_high,
                2,
            ),
            num(self.effect.rank_biserial, 2),
            p_value(self.levene.p),
        ]
    }

    fn remarks(&self) -> Vec<String> {
        let mut remarks = vec![format!(
            "{}: read the {} t-test; {}",
            self.measure,
            if self.favoured.test == "student" {
                "Student"
            } else {
                "Welch"
            },
            self.favoured.reason
        )];
        remarks.extend(
            self.notes
                .iter()
                .map(|note| format!("{}: {note}", self.measure)),
        );
        remarks
    }
}

impl HumanRow for AncovaResult {
    fn header(levels: &[String], conf: f64) -> Vec<String> {
        let ci = conf_label(conf);
        vec![
            "measure".to_owned(),
            format!("{} n, pre → post (adj)", levels[0]),
            format!("{} n, pre → post (adj)", levels[1]),
            "F (df1, df2)".to_owned(),
            "p".to_owned(),
            "p adj".to_owned(),
            "partial η²".to_owned(),
            format!("adj diff [{ci}]"),
            "slopes p".to_owned(),
            "gain Welch t (df), p".to_owned(),
        ]
    }

    fn cells(&self) -> Vec<String> {
        let group = |g: usize| {
            self.groups.get(g).map_or_else(
                || "—".to_owned(),
                |g| {
                    format!(
                        "{}, {} → {} ({})",
                        g.n,
                        num(g.pre_mean, 2),
                        num(g.post_mean, 2),
                        num(g.adj_mean, 2)
                    )
                },
            )
        };
        vec![
            self.measure.clone(),
            group(0),
            group(1),
            format!(
                "{} ({}, {})",
                num(self.group_effect.f, 2),
                num(self.group_effect.df1, 0),
                num(self.group_effect.df2, 0)
            ),
            p_value(self.group_effect.p),
            p_value(self.group_effect.p_adj),
            num(self.group_effect.partial_eta2, 3),
            with_interval(
                self.adj_diff.estimate,
                self.adj_diff.ci_low,
                self.adj_diff.ci_high,
                2,
            ),
            p_value(self.slopes_homogeneity.p),
            format!(
                "{} ({}), {}",
                num(self.gain_welch.t, 2),
                num(self.gain_welch.df, 2),
                p_value(self.gain_welch.p)
            ),
        ]
    }

    fn remarks(&self) -> Vec<String> {
        let mut remarks: Vec<String> = self
            .notes
            .iter()
            .map(|note| format!("{}: {note}", self.measure))
            .collect();
        // One open confidence limit: a one-sided alternative.
        let one_sided = self.adj_diff.ci_low.is_none() != self.adj_diff.ci_high.is_none();
        if let (Some(t), true) = (self.adj_diff.t, one_sided) {
            let p = |value: Option<f64>| {
                let text = p_value(value);
                if text.starts_with('<') {
                    text
                } else {
                    format!("= {text}")
                }
            };
            remarks.push(format!(
                "{}: adjusted difference t({}) = {}, one-sided p {}, p adj {}",
                self.measure,
                num(self.adj_diff.df, 0),
                num(Some(t), 2),
                p(self.adj_diff.p),
                p(self.adj_diff.p_adj)
            ));
        }
        if self.slopes_homogeneity.p.is_some_and(|p| p < 0.05) {
            remarks.push(format!(
                "{}: the pre-test predicts the post-test differently in the two groups (slopes p < .05); the adjusted difference depends on the pre-test level",
                self.measure
            ));
        }
        remarks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_values_read_as_in_apa_style() {
        assert_eq!(p_value(Some(0.0042)), ".004");
        assert_eq!(p_value(Some(0.00049)), "< .001");
        assert_eq!(p_value(Some(1.0)), "1.000");
        assert_eq!(p_value(None), "—");
        assert_eq!(interval(None, Some(1.234), 2), "[−∞, 1.23]");
        assert_eq!(interval(None, None, 2), "—");
        assert_eq!(conf_label(0.9), "90% CI");
    }
}
