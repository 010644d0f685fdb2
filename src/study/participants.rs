//! The participants' characteristics of a study (`[participants]`): read from the first wave's
//! sheet, each person in the group agreed across the waves, into the baseline table of
//! `psyscore baseline`.

use std::collections::HashMap;

use super::data::DataFiles;
use super::run::RunError;
use super::{Layout, Study};
use crate::analysis::baseline::{BaselineReport, baseline_report};
use crate::data::characteristics::{NamedIn, read_characteristics};
use crate::data::pairing::FilledGroup;

/// The level every person of a study without groups is counted in.
pub const ONE_GROUP: &str = "all";

/// The baseline table of the study's `[participants]` (`None` without one): everyone with a row
/// at the first wave, by group. A row whose group is blank takes the group `agreed` for its id
/// across the waves (as every analysis of the study does); those people are returned beside the
/// table, to be named under it.
pub fn read_participants(
    files: &mut DataFiles,
    study: &Study,
    agreed: &HashMap<String, String>,
) -> Result<Option<(BaselineReport, Vec<FilledGroup>)>, RunError> {
    let Some(participants) = &study.participants else {
        return Ok(None);
    };
    let mut filled = Vec::new();
    let group = study.groups.as_ref().map(|g| g.column.as_str());
    let first_wave = study.data.layout.times().swap_remove(0);
    let (path, wave) = match &study.data.layout {
        Layout::Wide { waves } => (&waves[0].1, None),
        Layout::Long { file, time, .. } => (file, Some((time.as_str(), first_wave.as_str()))),
    };
    let sheet = files.open(study, path)?;
    let mut sheet = read_characteristics(
        sheet,
        &participants.characteristics,
        group,
        Some(&study.data.id),
        wave,
        NamedIn::StudyFile,
    )?;
    let levels = match &study.groups {
        Some(groups) => {
            for row in &mut sheet.rows {
                if row.group.is_empty()
                    && let Some(group) = agreed.get(&row.id)
                {
                    row.group = group.clone();
                    filled.push(FilledGroup {
                        id: row.id.clone(),
                        group: group.clone(),
                        blank_at: vec![first_wave.clone()],
                    });
                }
            }
            groups.levels.clone()
        }
        None => {
            for row in &mut sheet.rows {
                row.group = ONE_GROUP.to_owned();
            }
            vec![ONE_GROUP.to_owned()]
        }
    };
    Ok(Some((baseline_report(&sheet, group, &levels), filled)))
}
