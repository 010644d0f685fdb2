//! Reading the waves of a command: one sheet per wave (`--wave NAME=FILE`) or one sheet with a
//! time column (`--time COL --waves A,B,C`), `--only` applied to people, each person's group
//! agreed across the waves.

use anyhow::Result;

use super::measures::{MeasureSource, note_filled_groups, warn_if_row_number_ids};
use crate::cli::MeasureArgs;
use crate::data::measures::{MeasureSheet, distinct_values, value_list};
use crate::data::pairing::agree_groups;
use crate::data::waves::{Waves, split_by_times};
use crate::error::UsageError;

/// Where the waves are.
pub enum WaveSource<'a> {
    /// One sheet per wave: (wave name, file), in wave order.
    Wide(&'a [(String, String)]),
    /// One sheet whose column `column` says each row's wave, `levels` in wave order.
    Long {
        /// The sheet.
        input: &'a str,
        /// The time column.
        column: &'a str,
        /// The time column's values, in wave order.
        levels: &'a [String],
    },
}

/// Reads the waves of `source`, rows identified by `id`, with the group column `group` (if
/// any) agreed across the waves, and `--only` applied to people.
pub fn read_waves(
    measures: &MeasureSource,
    args: &MeasureArgs,
    source: WaveSource,
    id: &str,
    group: Option<&str>,
) -> Result<Waves> {
    read_waves_with(measures, args, source, id, group, &[])
}

/// [`read_waves`] with the columns `extra` as further keys of each row, after the group: read
/// from every sheet that has them (a later wave's sheet may lack them), not agreed across the
/// waves (`compare lmm` takes its baseline covariates from the first wave).
pub fn read_waves_with(
    measures: &MeasureSource,
    args: &MeasureArgs,
    source: WaveSource,
    id: &str,
    group: Option<&str>,
    extra: &[&str],
) -> Result<Waves> {
    let mut keys: Vec<&str> = group.into_iter().collect();
    keys.extend(extra);
    let mut excluded = Vec::new();
    let (times, mut sheets) = match source {
        WaveSource::Wide(waves) => {
            let mut sheets = Vec::new();
            for (_, file) in waves {
                // A later wave without the group column takes each person's from another.
                let optional = if sheets.is_empty() {
                    &[][..]
                } else {
                    &keys[..]
                };
                sheets.push(measures.read_time(file, args, Some(id), &keys, optional)?);
            }
            let times: Vec<String> = waves.iter().map(|(name, _)| name.clone()).collect();
            warn_if_row_number_ids(id, &sheets.iter().collect::<Vec<_>>());
            (times, sheets)
        }
        WaveSource::Long {
            input,
            column,
            levels,
        } => {
            let mut long_keys = vec![column];
            long_keys.extend(&keys);
            let mut long = measures.read_time(input, args, Some(id), &long_keys, &[])?;
            let held = distinct_values(long.rows.iter().map(|row| row.keys[0].as_str()));
            if let Some(level) = levels.iter().find(|level| !held.contains(&level.as_str())) {
                return Err(UsageError(format!(
                    "--waves {}: no row of {input} holds {level} in column {column}; its values are {}",
                    levels.join(","),
                    value_list(&held)
                ))
                .into());
            }
            warn_if_row_number_ids(id, &[&long]);
            let times: Vec<&str> = levels.iter().map(String::as_str).collect();
            drop_unselected_other_times(measures, &mut long, &times);
            let sheets = split_by_times(long, &times, column, &mut excluded);
            (levels.to_vec(), sheets)
        }
    };
    let names: Vec<&str> = times.iter().map(String::as_str).collect();
    let filled = measures.select(&mut sheets, &names, id)?;
    if let Some((column, _)) = measures.only() {
        note_filled_groups(&filled, column);
    }
    if let Some(column) = group {
        let filled = agree_groups(&mut sheets, &names, 0, column, id)?;
        note_filled_groups(&filled, column);
    }
    Ok(Waves {
        times,
        sheets,
        excluded,
    })
}

/// Drops the rows of a long sheet (first key: the time) at none of the `times` that `--only`
/// does not select either: they are outside the analysis twice over, not left out of it.
pub fn drop_unselected_other_times(
    measures: &MeasureSource,
    long: &mut MeasureSheet,
    times: &[&str],
) {
    if let Some((_, value)) = measures.only() {
        long.rows
            .retain(|row| times.contains(&row.keys[0].as_str()) || row.keys.last() == Some(value));
    }
}
