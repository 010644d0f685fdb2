//! Waves: one sheet per wave, each person's rows matched across them, and per measure the
//! people with a value at every wave (listwise), everyone else named with the reason.

use super::measures::MeasureSheet;
use crate::data::pairing::{Excluded, RowRef, match_by_id};

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
