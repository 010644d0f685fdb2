//! The measures of k waves: one sheet per wave (wide) or one sheet with a time column (long),
//! each person's group agreed across the waves, and per measure the people with a value at
//! every wave (listwise), everyone else named with the reason.

use anyhow::Result;

use super::measures::warn_if_row_number_ids;
use super::measures::{MeasureSheet, MeasureSource, distinct_values, note_filled_groups};
use super::pairing::{Excluded, RowRef, agree_groups, match_by_id};
use crate::cli::MeasureArgs;
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

/// Every wave's rows of one sheet or several, each row keyed by its group (when asked).
pub struct Waves {
    /// The waves, in order.
    pub times: Vec<String>,
    /// One sheet per wave; with a group column, each row's only key is its group, agreed
    /// across the waves.
    pub sheets: Vec<MeasureSheet>,
    /// Rows of a long sheet at none of the waves.
    pub excluded: Vec<Excluded>,
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
    let keys: Vec<&str> = group.into_iter().collect();
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
                    super::measures::value_list(&held)
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

/// Splits a long sheet whose rows' first key is the time into one sheet per level, taking the
/// time off the keys; rows of another time are listed in `excluded`.
pub fn split_by_times(
    long: MeasureSheet,
    levels: &[&str],
    column: &str,
    excluded: &mut Vec<Excluded>,
) -> Vec<MeasureSheet> {
    let mut sheets: Vec<MeasureSheet> = levels
        .iter()
        .map(|_| MeasureSheet {
            source: long.source.clone(),
            measures: long.measures.clone(),
            rows: Vec::new(),
        })
        .collect();
    for mut row in long.rows {
        let time = row.keys.remove(0);
        match levels.iter().position(|level| *level == time) {
            Some(wave) => sheets[wave].rows.push(row),
            None => excluded.push(Excluded::other_time(
                &row.id,
                RowRef::new(None, &long.source, row.row),
                column,
                &time,
                levels,
            )),
        }
    }
    sheets
}

/// The people of one measure with a value at every wave: their ids, their values (one row per
/// person, one value per wave) and their rows' keys at the first wave.
pub struct Complete {
    /// Person ids, in the first wave's order.
    pub ids: Vec<String>,
    /// One row per person, one value per wave.
    pub rows: Vec<Vec<f64>>,
    /// The keys (group) of each person's first-wave row.
    pub keys: Vec<Vec<String>>,
}

impl Waves {
    /// Matches the waves' rows by id (everyone not at every wave goes to `excluded`), then
    /// takes, per measure, the people with a value at every wave (the others go to `excluded`
    /// under that measure).
    pub fn complete(&self, excluded: &mut Vec<Excluded>) -> Vec<Complete> {
        let names: Vec<&str> = self.times.iter().map(String::as_str).collect();
        let sheets: Vec<&MeasureSheet> = self.sheets.iter().collect();
        let people = match_by_id(&sheets, &names, excluded);
        let Some(first) = self.sheets.first() else {
            return Vec::new();
        };
        (0..first.measures.len())
            .map(|m| {
                let mut complete = Complete {
                    ids: Vec::new(),
                    rows: Vec::new(),
                    keys: Vec::new(),
                };
                for person in &people {
                    let values: Vec<Option<f64>> = person
                        .iter()
                        .zip(&self.sheets)
                        .map(|(&row, sheet)| sheet.rows[row].values[m])
                        .collect();
                    let id = &first.rows[person[0]].id;
                    if values.iter().all(Option::is_some) {
                        complete.ids.push(id.clone());
                        complete.rows.push(values.into_iter().flatten().collect());
                        complete.keys.push(first.rows[person[0]].keys.clone());
                    } else {
                        let missing: Vec<bool> = values.iter().map(Option::is_none).collect();
                        excluded.push(Excluded::missing_score(
                            id,
                            &first.measures[m].name,
                            &names,
                            &missing,
                        ));
                    }
                }
                complete
            })
            .collect()
    }
}
