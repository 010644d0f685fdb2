//! `psyscore scales list | show | check`.

use std::io::{self, Write};

use anyhow::Result;

use super::resolve_format;
use crate::cli::{Format, ScalesCommand, ShowFormat};
use crate::output::{RowWriter, Value, format_number, row_writer};
use crate::scale::item_columns;
use crate::scale::{ItemKind, MissingRule, Scale, ScaleError, ScoreSource, builtin, builtin_ids};

/// Runs a `scales` subcommand.
pub fn run(command: &ScalesCommand) -> Result<()> {
    match command {
        ScalesCommand::List { format } => list(resolve_format(*format, None)),
        ScalesCommand::Show { scale, format } => {
            let format = match format {
                ShowFormat::Table => Format::Table,
                ShowFormat::Md => Format::Md,
                ShowFormat::Json => Format::Json,
            };
            show(&Scale::load(scale)?, format)
        }
        ScalesCommand::Check { files } => check(files),
    }
}

fn list(format: Format) -> Result<()> {
    let mut writer = row_writer(format, Box::new(super::stdout()?));
    let columns = [
        "id",
        "name",
        "name_zh",
        "items",
        "subscales",
        "range",
        "method",
    ];
    writer.header(&columns.map(String::from))?;
    let mut range = String::new();
    for id in builtin_ids() {
        let scale = builtin(id).expect("listed ids exist")?;
        let subscales: Vec<&str> = scale.subscales().map(|score| score.id.as_str()).collect();
        item_range(&scale, &mut range);
        writer.cell(Value::Text(&scale.id))?;
        writer.cell(Value::Text(&scale.name))?;
        writer.cell(Value::Text(scale.name_zh.as_deref().unwrap_or("")))?;
        writer.cell(Value::Number(scale.items.len() as f64))?;
        writer.cell(Value::Text(&subscales.join(", ")))?;
        writer.cell(Value::Text(&range))?;
        let method = scale
            .total()
            .or(scale.scores.first())
            .map_or("", |s| method_name(s.method));
        writer.cell(Value::Text(method))?;
        writer.end_row()?;
    }
    writer.finish()?;
    Ok(())
}

/// "0-4", or "1-4 (some items differ)" when item ranges vary.
fn item_range(scale: &Scale, out: &mut String) {
    let first = &scale.items[0];
    out.clear();
    let mut number = String::new();
    format_number(first.min, &mut number);
    out.push_str(&number);
    out.push_str(" to ");
    format_number(first.max, &mut number);
    out.push_str(&number);
    let uniform = scale.items.iter().all(|item| {
        item.min == first.min && item.max == first.max && matches!(item.kind, ItemKind::Single)
    });
    if !uniform {
        out.push_str(" (some items differ)");
    }
}

fn method_name(method: crate::scale::Method) -> &'static str {
    match method {
        crate::scale::Method::Sum => "sum",
        crate::scale::Method::Mean => "mean",
    }
}

fn show(scale: &Scale, format: Format) -> Result<()> {
    let mut stdout = super::stdout()?;
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut stdout, scale)?;
        writeln!(stdout)?;
        return Ok(());
    }
    match &scale.name_zh {
        Some(name_zh) => writeln!(stdout, "{} — {} ({name_zh})", scale.id, scale.name)?,
        None => writeln!(stdout, "{} — {}", scale.id, scale.name)?,
    }
    for (label, value) in [("Citation", &scale.citation), ("Licence", &scale.licence)] {
        if let Some(value) = value {
            writeln!(stdout, "{label}: {}", value.trim())?;
        }
    }
    if let Some(better) = scale.better {
        let better = match better {
            crate::scale::Direction::Lower => "lower",
            crate::scale::Direction::Higher => "higher",
        };
        writeln!(stdout, "Better: {better} scores")?;
    }
    let shared_labels = shared_labels(scale);
    if let Some(labels) = &shared_labels {
        writeln!(stdout, "Text answers: {labels}")?;
    }
    if let Some(notes) = &scale.notes {
        writeln!(stdout, "Notes:")?;
        for line in notes.trim().lines() {
            writeln!(stdout, "  {line}")?;
        }
    }
    writeln!(stdout, "\nItems")?;
    let per_item_labels =
        shared_labels.is_none() && scale.items.iter().any(|item| !item.labels.is_empty());
    show_items(scale, format, per_item_labels, &mut stdout)?;
    writeln!(stdout, "\nScores")?;
    show_scores(scale, format, &mut stdout)?;
    Ok(())
}

/// The items' text answers as `never=0, rarely=1, …` when every item has the same ones.
fn shared_labels(scale: &Scale) -> Option<String> {
    let first = &scale.items[0].labels;
    let shared = !first.is_empty() && scale.items.iter().all(|item| item.labels == *first);
    shared.then(|| labels_text(first))
}

/// `never=0, rarely=1`, in the order of the values.
fn labels_text(labels: &std::collections::BTreeMap<String, f64>) -> String {
    let mut pairs: Vec<(&String, &f64)> = labels.iter().collect();
    pairs.sort_by(|a, b| a.1.total_cmp(b.1));
    let pairs: Vec<String> = pairs
        .iter()
        .map(|(label, value)| format!("{label}={value}"))
        .collect();
    pairs.join(", ")
}

fn show_items(scale: &Scale, format: Format, with_labels: bool, out: &mut dyn Write) -> Result<()> {
    let mut writer = row_writer(format, Box::new(&mut *out));
    let mut columns = vec!["item", "column", "range", "reverse", "kind"];
    if with_labels {
        columns.push("text answers");
    }
    writer.header(&columns.iter().map(|c| c.to_string()).collect::<Vec<_>>())?;
    for item in &scale.items {
        let (low, high) = item.score_range();
        let kind = match &item.kind {
            ItemKind::Single => "single answer".to_owned(),
            ItemKind::Sum { parts } => format!("sum of {} parts", parts.len()),
            ItemKind::Count { options, .. } => format!("count of {} options ticked", options.len()),
        };
        writer.cell(Value::Text(&item.name))?;
        writer.cell(Value::Text(
            &item_columns(scale, item, &scale.columns).join(", "),
        ))?;
        writer.cell(Value::Text(&format!("{low} to {high}")))?;
        writer.cell(Value::Text(if item.reverse { "yes" } else { "" }))?;
        writer.cell(Value::Text(&kind))?;
        if with_labels {
            writer.cell(Value::Text(&labels_text(&item.labels)))?;
        }
        writer.end_row()?;
    }
    writer.finish()?;
    Ok(())
}

/// A fraction as a percentage without binary noise: 0.07 → 7, 0.125 → 12.5.
fn percent(fraction: f64) -> f64 {
    (fraction * 100.0 * 1e9).round() / 1e9
}

fn show_scores(scale: &Scale, format: Format, out: &mut dyn Write) -> Result<()> {
    let mut writer = row_writer(format, Box::new(&mut *out));
    let columns = [
        "score",
        "name",
        "made of",
        "method",
        "weight",
        "range",
        "missing allowed",
        "bands",
        "transform",
        "norms",
    ];
    writer.header(&columns.map(String::from))?;
    for score in &scale.scores {
        let made_of = match &score.source {
            ScoreSource::Items(items) => format!("items {}", scale.item_list(items)),
            ScoreSource::Subscales(subscales) => {
                let names: Vec<&str> = subscales
                    .iter()
                    .map(|&i| scale.scores[i].id.as_str())
                    .collect();
                format!("subscales {}", names.join(", "))
            }
        };
        let missing = match (&score.source, score.missing) {
            (ScoreSource::Subscales(_), _) => "none: needs every subscale".to_owned(),
            (ScoreSource::Items(items), MissingRule::MaxMissing(n)) => {
                format!("{} of {}", n.min(items.len() - 1), items.len())
            }
            (ScoreSource::Items(items), rule @ MissingRule::MaxMissingFraction(f)) => {
                let k = items.len();
                format!(
                    "{} of {k} ({}%, rounded down)",
                    rule.allowed(k).min(k - 1),
                    percent(f)
                )
            }
        };
        let bands: Vec<String> = score
            .bands
            .iter()
            .map(|band| format!("{} from {}", band.label, band.min))
            .collect();
        let transform = score.transform.as_ref().map_or(String::new(), |t| {
            let rounding = match t.rounding {
                crate::scale::Rounding::None => "not rounded",
                crate::scale::Rounding::Truncate => "truncated",
                crate::scale::Rounding::Round => "rounded",
            };
            let name = t
                .name
                .as_ref()
                .map_or(String::new(), |name| format!("{name} = "));
            format!("{name}score × {} + {}, {rounding}", t.multiply, t.add)
        });
        let norms = score.norms.as_ref().map_or(String::new(), |n| {
            format!("mean {}, SD {} ({})", n.mean, n.sd, n.source)
        });
        let name = score.name.clone().unwrap_or_default();
        let (low, high) = score.value_range(scale, false);
        let mut range = format!("{low} to {high}");
        if let Some(name) = score.transform.as_ref().and_then(|t| t.name.as_ref()) {
            let (low, high) = score.value_range(scale, true);
            range.push_str(&format!(" ({name} {low} to {high})"));
        }
        write_cells(
            writer.as_mut(),
            &[
                &score.id,
                &name,
                &made_of,
                method_name(score.method),
                &score.weight.to_string(),
                &range,
                &missing,
                &bands.join("; "),
                &transform,
                &norms,
            ],
        )?;
    }
    writer.finish()?;
    Ok(())
}

fn write_cells(writer: &mut dyn RowWriter, cells: &[&str]) -> io::Result<()> {
    for cell in cells {
        writer.cell(Value::Text(cell))?;
    }
    writer.end_row()
}

fn check(files: &[std::path::PathBuf]) -> Result<()> {
    let mut failed = 0;
    for file in files {
        let name = file.display().to_string();
        let result = std::fs::read_to_string(file)
            .map_err(|source| ScaleError::Read {
                path: name.clone(),
                source,
            })
            .and_then(|text| Scale::from_toml(&text, &name));
        match result {
            Ok(scale) => super::outfile::print(&format!(
                "ok: {name} ({}: {} items, {} score{})\n",
                scale.id,
                scale.items.len(),
                scale.scores.len(),
                if scale.scores.len() == 1 { "" } else { "s" }
            ))?,
            Err(err) => {
                failed += 1;
                eprintln!("{:#}", anyhow::Error::from(err));
            }
        }
    }
    if failed > 0 {
        return Err(ScaleError::CheckFailed {
            failed,
            total: files.len(),
        }
        .into());
    }
    Ok(())
}
