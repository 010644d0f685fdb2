//! `psyscore scales list | show | check`.

use std::io::{self, Write};

use anyhow::Result;

use super::resolve_format;
use crate::cli::{Format, ScalesCommand};
use crate::output::{RowWriter, Value, format_number, row_writer};
use crate::scale::{ItemKind, MissingRule, Scale, ScaleError, ScoreSource, builtin, builtin_ids};
use crate::score::item_columns;

/// Runs a `scales` subcommand.
pub fn run(command: &ScalesCommand) -> Result<()> {
    match command {
        ScalesCommand::List { format } => list(resolve_format(*format, None)),
        ScalesCommand::Show { scale, format } => {
            show(&Scale::load(scale)?, resolve_format(*format, None))
        }
        ScalesCommand::Check { files } => check(files),
    }
}

fn list(format: Format) -> Result<()> {
    let stdout = io::stdout();
    let mut writer = row_writer(format, Box::new(stdout.lock()));
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
    out.push('-');
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
    let mut stdout = io::stdout().lock();
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut stdout, scale)?;
        writeln!(stdout)?;
        return Ok(());
    }
    writeln!(stdout, "{} — {}", scale.id, scale.name)?;
    for (label, value) in [
        ("Chinese name", &scale.name_zh),
        ("Citation", &scale.citation),
        ("Licence", &scale.licence),
        ("Notes", &scale.notes),
    ] {
        if let Some(value) = value {
            writeln!(stdout, "{label}: {}", value.trim())?;
        }
    }
    if let Some(better) = scale.better {
        writeln!(
            stdout,
            "Better: {} scores",
            serde_json::to_value(better)?.as_str().unwrap_or("")
        )?;
    }
    writeln!(stdout, "\nItems")?;
    show_items(scale, format, &mut stdout)?;
    writeln!(stdout, "\nScores")?;
    show_scores(scale, format, &mut stdout)?;
    Ok(())
}

fn show_items(scale: &Scale, format: Format, out: &mut dyn Write) -> Result<()> {
    let mut writer = row_writer(format, Box::new(&mut *out));
    let columns = ["item", "column", "range", "reverse", "kind", "labels"];
    writer.header(&columns.map(String::from))?;
    let mut range = String::new();
    for item in &scale.items {
        let (low, high) = item.score_range();
        range = format!("{low}-{high}");
        let kind = match &item.kind {
            ItemKind::Single => "single".to_owned(),
            ItemKind::Sum { parts } => format!("sum of {} parts", parts.len()),
            ItemKind::Count { options, .. } => format!("count of {} options ticked", options.len()),
        };
        let labels: Vec<String> = item
            .labels
            .iter()
            .map(|(label, value)| format!("{label}={value}"))
            .collect();
        writer.cell(Value::Text(&item.name))?;
        writer.cell(Value::Text(
            &item_columns(scale, item, &scale.columns).join(", "),
        ))?;
        writer.cell(Value::Text(&range))?;
        writer.cell(Value::Text(if item.reverse { "yes" } else { "" }))?;
        writer.cell(Value::Text(&kind))?;
        writer.cell(Value::Text(&labels.join(", ")))?;
        writer.end_row()?;
    }
    range.clear();
    writer.finish()?;
    Ok(())
}

fn show_scores(scale: &Scale, format: Format, out: &mut dyn Write) -> Result<()> {
    let mut writer = row_writer(format, Box::new(&mut *out));
    let columns = [
        "score",
        "name",
        "made of",
        "method",
        "weight",
        "missing allowed",
        "bands",
        "transform",
        "norms",
    ];
    writer.header(&columns.map(String::from))?;
    for score in &scale.scores {
        let made_of = match &score.source {
            ScoreSource::Items(items) => {
                let names: Vec<&str> = items
                    .iter()
                    .map(|&i| scale.items[i].name.as_str())
                    .collect();
                format!("items {}", names.join(", "))
            }
            ScoreSource::Subscales(subscales) => {
                let names: Vec<&str> = subscales
                    .iter()
                    .map(|&i| scale.scores[i].id.as_str())
                    .collect();
                format!("subscales {}", names.join(", "))
            }
        };
        let missing = match score.missing {
            MissingRule::MaxMissing(n) => format!("{n} items"),
            MissingRule::MaxMissingFraction(f) => format!("{} of items", f),
        };
        let bands: Vec<String> = score
            .bands
            .iter()
            .map(|band| format!("{} ≥ {}", band.label, band.min))
            .collect();
        let transform = score.transform.as_ref().map_or(String::new(), |t| {
            format!(
                "{}× {} + {}, {}",
                t.name
                    .as_ref()
                    .map_or(String::new(), |name| format!("{name} = ")),
                t.multiply,
                t.add,
                serde_json::to_value(t.rounding)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            )
        });
        let norms = score.norms.as_ref().map_or(String::new(), |n| {
            format!("mean {}, SD {} ({})", n.mean, n.sd, n.source)
        });
        let name = score.name.clone().unwrap_or_default();
        write_cells(
            writer.as_mut(),
            &[
                &score.id,
                &name,
                &made_of,
                method_name(score.method),
                &score.weight.to_string(),
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
            Ok(scale) => println!(
                "ok: {name} ({}: {} items, {} scores)",
                scale.id,
                scale.items.len(),
                scale.scores.len()
            ),
            Err(err) => {
                failed += 1;
                eprintln!("{err}");
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
