//! Reading a study's responses for one questionnaire: the pre and post rows, each row keyed by
//! its group (when the study has groups).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::run::{Observer, RunError};
use super::{Layout, Study};
use crate::analysis::paired::split_by_time;
use crate::data::measures::{MeasureSheet, MeasureSpec, read_measures, value_list};
use crate::data::pairing::{Excluded, FilledGroup, agree_groups, ids_are_row_numbers};
use crate::scale::{ColumnTemplate, Scale};
use crate::score::{Coding, CodingOption, Headers, InvalidPolicy};
use crate::sheet::{Sheet, SheetOptions, is_workbook};

/// One questionnaire's measures before and after.
pub struct TimedSheets {
    /// Pre-test rows; with groups, each row's only key is its group.
    pub pre: MeasureSheet,
    /// Post-test rows, keyed like `pre`.
    pub post: MeasureSheet,
    /// Rows of a long file whose time is neither level.
    pub excluded: Vec<Excluded>,
    /// The id column holds nothing but row numbers (see [`ids_are_row_numbers`]).
    pub ids_are_row_numbers: bool,
    /// People whose group was blank at one time and is taken from the other.
    pub filled_groups: Vec<FilledGroup>,
    /// How the sheets' answers were read, when declared otherwise than as written, and the
    /// warnings about their coding (also said on standard error), for the report.
    pub notes: Vec<String>,
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

/// Reads the pre and post measures of `scale`, whose answers the sheets number as `coding`
/// says (when given), with each person's group agreed across the times (a person in two groups
/// is an error; a blank group, or a post sheet without the group column, takes the group of the
/// other time).
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
    let levels = super::analyses::time_levels(study);
    let times = [levels[0].as_str(), levels[1].as_str()];
    let mut excluded = Vec::new();
    let (mut sheets, post_lacks_group, row_numbers) = match &study.data.layout {
        Layout::Wide { pre, post } => {
            let keys: Vec<&str> = group.into_iter().collect();
            let pre = read_measures(files.open(study, pre)?, &spec, id, &keys, policy)?;
            let post_sheet = files.open(study, post)?;
            let post_has_group = group
                .is_some_and(|column| Headers::new(post_sheet.headers()).find(column).is_some());
            let mut post = if post_has_group {
                read_measures(post_sheet, &spec, id, &keys, policy)?
            } else {
                read_measures(post_sheet, &spec, id, &[], policy)?
            };
            if group.is_some() && !post_has_group {
                for row in &mut post.rows {
                    row.keys = vec![String::new()];
                }
            }
            let row_numbers = ids_are_row_numbers(&[&pre, &post]);
            ([pre, post], group.is_some() && !post_has_group, row_numbers)
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
            let (pre, post) = split_by_time(long, times, time, &mut excluded);
            ([pre, post], false, row_numbers)
        }
    };
    let mut filled_groups = Vec::new();
    if let Some(column) = group {
        let filled = agree_groups(&mut sheets, &times, 0, column, id_column)?;
        // A post sheet without the group column is the design, not a gap worth a note.
        if !post_lacks_group {
            filled_groups = filled;
        }
    }
    let [pre, post] = sheets;
    for warning in &warnings {
        observer.warn(warning);
    }
    let notes = coding
        .map(|coding| coding.describe(scale, CodingOption::StudyKey))
        .into_iter()
        .chain(warnings)
        .collect();
    Ok(TimedSheets {
        pre,
        post,
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
