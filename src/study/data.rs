//! Reading a study's responses for one questionnaire: the rows of every wave, each row keyed by
//! its group (when the study has groups).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::note::ScaleNote;
use super::run::{Observer, RunError};
use super::{Layout, Study};
use crate::data::measures::{MeasureSheet, MeasureSpec, read_measures, value_list};
use crate::data::pairing::{Excluded, FilledGroup, agree_groups, ids_are_row_numbers};
use crate::data::waves::split_by_times;
use crate::scale::{ColumnTemplate, Scale};
use crate::score::{Coding, CodingOption, Headers, InvalidPolicy};
use crate::sheet::{Sheet, SheetOptions, is_workbook};

/// One questionnaire's measures at every wave.
pub struct TimedSheets {
    /// The waves, in time order.
    pub times: Vec<String>,
    /// One sheet per wave; with groups, each row's only key is its group, agreed across the
    /// waves.
    pub sheets: Vec<MeasureSheet>,
    /// Rows of a long file at none of the waves.
    pub excluded: Vec<Excluded>,
    /// The id column holds nothing but row numbers (see [`ids_are_row_numbers`]).
    pub ids_are_row_numbers: bool,
    /// People whose group was blank at one time and is taken from another.
    pub filled_groups: Vec<FilledGroup>,
    /// How the sheets' answers were read, when declared otherwise than as written, and the
    /// warnings about their coding (also said on standard error), for the report.
    pub notes: Vec<ScaleNote>,
}

impl TimedSheets {
    /// The first wave (the pre-test).
    pub fn pre(&self) -> &MeasureSheet {
        &self.sheets[0]
    }

    /// The second wave (the post-test).
    pub fn post(&self) -> &MeasureSheet {
        &self.sheets[1]
    }
}

/// The study's data files. A study reads each file once per questionnaire and once more to write
/// its scored copy; a workbook is parsed whole when opened, so each is parsed once and copied from
/// memory after that. Delimited text is read as a stream and opened afresh each time.
#[derive(Default)]
pub struct DataFiles {
    workbooks: HashMap<PathBuf, Sheet>,
}

impl DataFiles {
    /// Opens the data file `path` of `study`, at its first data row.
    pub fn open(&mut self, study: &Study, path: &Path) -> Result<Sheet, RunError> {
        if let Some(copy) = self.workbooks.get(path).and_then(Sheet::copy_from_start) {
            return Ok(copy);
        }
        let sheet = open(study, path)?;
        Ok(match sheet.copy_from_start() {
            Some(copy) => {
                self.workbooks.insert(path.to_owned(), sheet);
                copy
            }
            None => sheet,
        })
    }
}

/// Reads the measures of `scale` at every wave, whose answers the sheets number as `coding`
/// says (when given), with each person's group agreed across the waves (a person in two groups
/// is an error; a blank group, or a later sheet without the group column, takes the group of
/// another wave).
pub fn read_timed(
    files: &mut DataFiles,
    study: &Study,
    scale: &Scale,
    template: Option<&ColumnTemplate>,
    coding: Option<&Coding>,
    observer: &dyn Observer,
) -> Result<TimedSheets, RunError> {
    // Items for the reliability of the pre-test sheet.
    let spec = MeasureSpec::Scale {
        scale,
        template,
        with_items: true,
        coding,
        option: CodingOption::StudyKey,
    };
    // The warnings about the answers' coding, for the report too.
    let mut warnings = Vec::new();
    let mut read_measures = |sheet, spec: &MeasureSpec, id, keys: &[&str], policy| {
        read_measures(sheet, spec, id, keys, policy, &mut warnings)
    };
    let policy = if study.data.invalid_as_missing {
        InvalidPolicy::Missing
    } else {
        InvalidPolicy::Error
    };
    let group = study.groups.as_ref().map(|g| g.column.as_str());
    let id_column = study.data.id.as_str();
    let id = Some(id_column);
    let levels = study.data.layout.times();
    let times: Vec<&str> = levels.iter().map(String::as_str).collect();
    let mut excluded = Vec::new();
    let (mut sheets, later_lack_group, row_numbers) = match &study.data.layout {
        Layout::Wide { waves } => {
            let keys: Vec<&str> = group.into_iter().collect();
            let mut sheets = Vec::new();
            let mut lack_group = false;
            for (index, (_, path)) in waves.iter().enumerate() {
                let sheet = files.open(study, path)?;
                // A later wave's sheet without the group column takes each person's from
                // another wave.
                let has_group = group
                    .is_some_and(|column| Headers::new(sheet.headers()).find(column).is_some());
                let mut measures = if has_group || index == 0 {
                    read_measures(sheet, &spec, id, &keys, policy)?
                } else {
                    read_measures(sheet, &spec, id, &[], policy)?
                };
                if group.is_some() && !has_group && index > 0 {
                    lack_group = true;
                    for row in &mut measures.rows {
                        row.keys = vec![String::new()];
                    }
                }
                sheets.push(measures);
            }
            let row_numbers = ids_are_row_numbers(&sheets.iter().collect::<Vec<_>>());
            (sheets, lack_group, row_numbers)
        }
        Layout::Long {
            file,
            time,
            levels,
            levels_at,
        } => {
            let mut keys = vec![time.as_str()];
            keys.extend(group);
            let long = read_measures(files.open(study, file)?, &spec, id, &keys, policy)?;
            for level in levels {
                if long.rows.iter().all(|row| &row.keys[0] != level) {
                    let message = format!(
                        "no row of {} has {time} = \"{level}\"; the column holds {}",
                        long.source,
                        quoted_values(long.rows.iter().map(|row| row.keys[0].as_str()))
                    );
                    return Err(levels_at.error(&study.file, message).into());
                }
            }
            let row_numbers = ids_are_row_numbers(&[&long]);
            let sheets = split_by_times(long, &times, time, &mut excluded);
            (sheets, false, row_numbers)
        }
    };
    let mut filled_groups = Vec::new();
    if let Some(column) = group {
        let filled = agree_groups(&mut sheets, &times, 0, column, id_column)?;
        // A later sheet without the group column is the design, not a gap worth a note.
        if !later_lack_group {
            filled_groups = filled;
        }
    }
    for warning in &warnings {
        observer.warn(&warning.to_string());
    }
    let notes = coding
        .map(|coding| ScaleNote::Coding(coding.describe(scale, CodingOption::StudyKey)))
        .into_iter()
        .chain(warnings.into_iter().map(ScaleNote::LowestUnused))
        .collect();
    Ok(TimedSheets {
        times: levels,
        sheets,
        excluded,
        ids_are_row_numbers: row_numbers,
        filled_groups,
        notes,
    })
}

fn open(study: &Study, path: &Path) -> Result<Sheet, RunError> {
    let name = path.display().to_string();
    Sheet::open(
        &name,
        &SheetOptions {
            encoding: study.data.encoding,
            sheet: study.data.sheet.clone().filter(|_| is_workbook(&name)),
        },
    )
    .map_err(|source| RunError::Open {
        study: study.file.clone(),
        source,
    })
}

/// The distinct values of a column for a message, quoted, blank ones too (as `""`: they say
/// some rows have none), ten at most.
pub(super) fn quoted_values<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let mut seen = HashSet::new();
    let quoted: Vec<String> = values
        .filter(|value| seen.insert(*value))
        .map(|value| format!("\"{value}\""))
        .collect();
    value_list(&quoted.iter().map(String::as_str).collect::<Vec<_>>())
}
