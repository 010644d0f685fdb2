//! People across the times of a study: the rows of several sheets (one per time) matched by
//! id, each person's group agreed across the times, and the record of every row left out of
//! an analysis and why.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use thiserror::Error;

use super::measures::{MeasureSheet, value_list};

/// Pre and post rows without one id in common: nothing can be paired, almost always because
/// the id column is the wrong one or its values are written differently in the two sheets.
#[derive(Debug, Error)]
#[error(
    "no id has both a {} and a {} row, so nothing can be paired\n{}\n  ids are compared as text (trimmed): check the id column, and that e.g. 7 is not written 007 in one sheet",
    .times[0].level, .times[1].level,
    .times.iter().map(|t| format!("  {} ids ({}): {}", t.level, t.source, t.ids)).collect::<Vec<_>>().join("\n")
)]
pub struct NoPairsError {
    /// Each time: its name, the sheet its rows come from, and its first ids.
    pub times: Vec<TimeIds>,
}

/// One time's ids, for [`NoPairsError`].
#[derive(Debug, Clone)]
pub struct TimeIds {
    /// The time.
    pub level: String,
    /// The sheet its rows come from.
    pub source: String,
    /// Its first ids, or "no rows".
    pub ids: String,
}

/// Refuses pre and post sheets that share no id (see [`NoPairsError`]).
pub fn require_common_ids(
    pre: &MeasureSheet,
    post: &MeasureSheet,
    levels: [&str; 2],
) -> Result<(), NoPairsError> {
    let pre_ids: HashSet<&str> = pre.rows.iter().map(|row| row.id.as_str()).collect();
    if post
        .rows
        .iter()
        .any(|row| pre_ids.contains(row.id.as_str()))
    {
        return Ok(());
    }
    let ids = |sheet: &MeasureSheet| {
        let ids: Vec<&str> = sheet.rows.iter().map(|row| row.id.as_str()).collect();
        if ids.is_empty() {
            "no rows".to_owned()
        } else {
            value_list(&ids)
        }
    };
    Err(NoPairsError {
        times: [(levels[0], pre), (levels[1], post)]
            .into_iter()
            .map(|(level, sheet)| TimeIds {
                level: level.to_owned(),
                source: sheet.source.clone(),
                ids: ids(sheet),
            })
            .collect(),
    })
}

/// Why a row or a person is left out of an analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The person has no row at one of the times compared (e.g. only a pre-test).
    MissingTime,
    /// The person has a row at every time, but no score on this measure at one of them.
    MissingScore,
    /// The id occurs more than once at one time: which row is the person cannot be known.
    DuplicateId,
    /// The row has no id, so it cannot be paired.
    NoId,
    /// A row of a long sheet whose time is none of the times compared.
    OtherTime,
    /// A row whose group is empty or none of the groups compared.
    OtherGroup,
    /// The person has no value of a baseline covariate (`compare lmm`).
    MissingCovariate,
}

/// A row of a sheet, as messages name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowRef {
    /// The time the sheet (or the row of a long sheet) belongs to; `null` in an analysis of
    /// one sheet.
    pub time: Option<String>,
    /// The sheet.
    pub source: String,
    /// The row number as a spreadsheet shows it.
    pub row: u64,
}

impl RowRef {
    /// Row `row` of `source`, at `time`.
    pub fn new(time: Option<&str>, source: &str, row: u64) -> RowRef {
        RowRef {
            time: time.map(str::to_owned),
            source: source.to_owned(),
            row,
        }
    }
}

/// A row or a person left out of an analysis: who, why, the rows concerned, and what happened
/// in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Excluded {
    /// The person's id (empty for a row without one).
    pub id: String,
    /// Why, as a code a script can test.
    pub reason: Reason,
    /// The measure concerned; `null` when the row or person is left out of every measure.
    pub measure: Option<String>,
    /// The rows concerned (the person's rows, or the row left out).
    pub rows: Vec<RowRef>,
    /// The times at which the person has no row (`missing_time`) or no score
    /// (`missing_score`).
    pub missing_at: Vec<String>,
    /// The value that put the row out (`other_time`, `other_group`): the time or group it holds;
    /// the covariate lacking (`missing_covariate`).
    pub value: Option<String>,
    /// What happened, in words (e.g. "only at pre (row 5 of pre.csv)").
    pub detail: String,
}

impl Excluded {
    fn new(id: &str, reason: Reason, rows: Vec<RowRef>, detail: String) -> Excluded {
        Excluded {
            id: id.to_owned(),
            reason,
            measure: None,
            rows,
            missing_at: Vec::new(),
            value: None,
            detail,
        }
    }

    /// A row without an id.
    pub fn no_id(row: RowRef) -> Excluded {
        let detail = format!("{} has no id", row_name(&row));
        Excluded::new("", Reason::NoId, vec![row], detail)
    }

    /// An id on several rows at one time (`rows`, all of one sheet).
    pub fn duplicate_id(id: &str, rows: Vec<RowRef>) -> Excluded {
        let numbers: Vec<String> = rows.iter().map(|row| row.row.to_string()).collect();
        let detail = match rows.first() {
            Some(first) => format!(
                "the id occurs more than once{} (rows {} of {})",
                at(first),
                numbers.join(", "),
                first.source
            ),
            None => "the id occurs more than once".to_owned(),
        };
        Excluded::new(id, Reason::DuplicateId, rows, detail)
    }

    /// A person with rows at some times (`rows`) and none at others (`missing_at`).
    pub fn missing_time(id: &str, rows: Vec<RowRef>, missing_at: Vec<String>) -> Excluded {
        let present: Vec<String> = rows
            .iter()
            .map(|row| {
                format!(
                    "{} (row {} of {})",
                    at(row).trim_start(),
                    row.row,
                    row.source
                )
            })
            .collect();
        let detail = if present.len() == 1 {
            format!("only {}", present[0])
        } else {
            format!("not at {}; {}", missing_at.join(" or "), present.join(", "))
        };
        Excluded {
            missing_at,
            ..Excluded::new(id, Reason::MissingTime, rows, detail)
        }
    }

    /// A person left out of one measure for want of a score at some of the `times`
    /// (`missing[t]` is true where the score is missing).
    pub fn missing_score(id: &str, measure: &str, times: &[&str], missing: &[bool]) -> Excluded {
        let missing_at: Vec<String> = times
            .iter()
            .zip(missing)
            .filter(|(_, missing)| **missing)
            .map(|(time, _)| (*time).to_owned())
            .collect();
        let detail = format!("no {} score", missing_at.join(" or "));
        Excluded {
            measure: Some(measure.to_owned()),
            missing_at,
            ..Excluded::new(id, Reason::MissingScore, Vec::new(), detail)
        }
    }

    /// A row (at a time, or of an analysis without times) without a score on `measure`.
    pub fn no_score(id: &str, measure: &str, row: RowRef) -> Excluded {
        let detail = format!("no score{} ({})", at(&row), row_name(&row));
        Excluded {
            measure: Some(measure.to_owned()),
            ..Excluded::new(id, Reason::MissingScore, vec![row], detail)
        }
    }

    /// A row of a long sheet whose time `value` (in `column`) is none of `times`.
    pub fn other_time(
        id: &str,
        row: RowRef,
        column: &str,
        value: &str,
        times: &[&str],
    ) -> Excluded {
        let detail = format!(
            "{}: {column} is \"{value}\", none of {}",
            row_name(&row),
            times.join(", ")
        );
        Excluded {
            value: Some(value.to_owned()),
            ..Excluded::new(id, Reason::OtherTime, vec![row], detail)
        }
    }

    /// A row whose group `value` (in `column`) is blank or none of the `groups` compared.
    pub fn other_group(
        id: &str,
        row: RowRef,
        column: &str,
        value: &str,
        groups: &[String],
    ) -> Excluded {
        let detail = if value.is_empty() {
            format!("{} has no {column}", row_name(&row))
        } else {
            format!(
                "{}: {column} is \"{value}\", not one of the compared ({})",
                row_name(&row),
                groups.join(", ")
            )
        };
        Excluded {
            value: Some(value.to_owned()),
            ..Excluded::new(id, Reason::OtherGroup, vec![row], detail)
        }
    }
}

impl Excluded {
    /// A person without a value of the baseline covariate `column`: `row` is their row at the
    /// first wave (`None` when they have none there).
    pub fn missing_covariate(id: &str, column: &str, first: &str, row: Option<RowRef>) -> Excluded {
        let detail = match &row {
            Some(row) => format!("no {column} ({}), a covariate of the model", row_name(row)),
            None => format!("no row at {first}, whose sheet holds the covariate {column}"),
        };
        Excluded {
            missing_at: vec![first.to_owned()],
            ..Excluded::new(
                id,
                Reason::MissingCovariate,
                row.into_iter().collect(),
                detail,
            )
        }
    }
}

/// ` at pre`, or nothing for a row of an analysis without times.
fn at(row: &RowRef) -> String {
    row.time
        .as_deref()
        .map_or_else(String::new, |time| format!(" at {time}"))
}

/// `row 5 of pre.csv`.
fn row_name(row: &RowRef) -> String {
    format!("row {} of {}", row.row, row.source)
}

impl std::fmt::Display for Excluded {
    /// `id (measure): detail`, or `id: detail` when the whole row or person is left out.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = if self.id.is_empty() {
            "(no id)"
        } else {
            &self.id
        };
        match &self.measure {
            Some(measure) => write!(f, "{id} ({measure}): {}", self.detail),
            None => write!(f, "{id}: {}", self.detail),
        }
    }
}

/// Matches the rows of one sheet per time by id. Rows without an id, and ids that occur more
/// than once at a time, are left out; a person without a row at every time is left out with
/// the times and rows they have. Returns, for each person with a row at every time, the row
/// index in each sheet, in the order of the first sheet.
pub fn match_by_id(
    sheets: &[&MeasureSheet],
    times: &[&str],
    excluded: &mut Vec<Excluded>,
) -> Vec<Vec<usize>> {
    let mut complete = Vec::new();
    for rows in match_any_time(sheets, times, excluded) {
        if rows.iter().all(Option::is_some) {
            complete.push(rows.into_iter().flatten().collect());
            continue;
        }
        let present: Vec<RowRef> = rows
            .iter()
            .zip(sheets)
            .zip(times)
            .filter_map(|((row, sheet), time)| {
                let row = (*row)?;
                Some(RowRef::new(Some(time), &sheet.source, sheet.rows[row].row))
            })
            .collect();
        let absent: Vec<String> = rows
            .iter()
            .zip(times)
            .filter(|(row, _)| row.is_none())
            .map(|(_, time)| (*time).to_owned())
            .collect();
        let id = rows
            .iter()
            .zip(sheets)
            .find_map(|(row, sheet)| row.map(|row| sheet.rows[row].id.as_str()))
            .unwrap_or_default();
        excluded.push(Excluded::missing_time(id, present, absent));
    }
    complete
}

/// Matches the rows of one sheet per time by id, keeping everyone with a row at some time (a
/// mixed model takes them all): for each person, the row index in each sheet or `None`, in
/// order of first appearance across the times. Rows without an id and ids that occur more than
/// once at a time are left out and named in `excluded`, as by [`match_by_id`].
pub fn match_any_time(
    sheets: &[&MeasureSheet],
    times: &[&str],
    excluded: &mut Vec<Excluded>,
) -> Vec<Vec<Option<usize>>> {
    let indexes: Vec<IdIndex> = sheets
        .iter()
        .zip(times)
        .map(|(sheet, time)| index_by_id(sheet, time, excluded))
        .collect();
    let mut seen = HashSet::new();
    let mut people = Vec::new();
    for index in &indexes {
        for &(id, _) in &index.order {
            if !seen.insert(id) {
                continue;
            }
            let rows: Vec<Option<&Option<usize>>> =
                indexes.iter().map(|index| index.rows.get(id)).collect();
            if rows.iter().any(|row| row == &Some(&None)) {
                continue; // a duplicated id, already listed
            }
            people.push(rows.iter().map(|row| row.copied().flatten()).collect());
        }
    }
    people
}

/// [`match_by_id`] for two times: (pre row, post row) of each person at both, in pre order.
pub fn pair_by_id(
    pre: &MeasureSheet,
    post: &MeasureSheet,
    names: [&str; 2],
    excluded: &mut Vec<Excluded>,
) -> Vec<(usize, usize)> {
    match_by_id(&[pre, post], &names, excluded)
        .into_iter()
        .map(|rows| (rows[0], rows[1]))
        .collect()
}

/// Rows by id, borrowed from the sheet: `None` for ids that occur more than once (left out);
/// and the ids that occur once, in sheet order.
struct IdIndex<'a> {
    rows: HashMap<&'a str, Option<usize>>,
    order: Vec<(&'a str, usize)>,
}

fn index_by_id<'a>(
    sheet: &'a MeasureSheet,
    time: &str,
    excluded: &mut Vec<Excluded>,
) -> IdIndex<'a> {
    let mut rows: HashMap<&str, Option<usize>> = HashMap::with_capacity(sheet.rows.len());
    for (index, row) in sheet.rows.iter().enumerate() {
        if row.id.is_empty() {
            excluded.push(Excluded::no_id(RowRef::new(
                Some(time),
                &sheet.source,
                row.row,
            )));
            continue;
        }
        rows.entry(row.id.as_str())
            .and_modify(|first| *first = None)
            .or_insert(Some(index));
    }
    let order = sheet
        .rows
        .iter()
        .enumerate()
        .filter(|(index, row)| rows.get(row.id.as_str()) == Some(&Some(*index)))
        .map(|(index, row)| (row.id.as_str(), index))
        .collect();
    // Each duplicated id once, in id order, with every row it occurs in.
    let mut duplicates: HashMap<&str, Vec<RowRef>> = HashMap::new();
    for row in &sheet.rows {
        if rows.get(row.id.as_str()) == Some(&None) {
            duplicates.entry(&row.id).or_default().push(RowRef::new(
                Some(time),
                &sheet.source,
                row.row,
            ));
        }
    }
    let mut duplicates: Vec<(&str, Vec<RowRef>)> = duplicates.into_iter().collect();
    duplicates.sort_by(|a, b| a.0.cmp(b.0));
    for (id, listed) in duplicates {
        excluded.push(Excluded::duplicate_id(id, listed));
    }
    IdIndex { rows, order }
}

/// How many people a [`GroupConflictError`] lists before summarising the rest.
const LISTED_CONFLICTS: usize = 10;

/// People whose group differs between the times: their rows are almost certainly not one
/// person's, because the id column does not identify people (a survey's submission number,
/// such as WJX's 序号, is a common cause).
#[derive(Debug, Error)]
#[error(
    "{} {} in a different {column} at different times, by the id column {id_column} of {}:\n{}{}\n  a person keeps one group throughout: check that {id_column} identifies people, with the same value for the same person in every sheet (a submission number such as WJX's 序号 does not)",
    .people.len(),
    if .people.len() == 1 { "person is" } else { "people are" },
    .sources.join(" and "),
    .people.iter().take(LISTED_CONFLICTS).map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"),
    if .people.len() > LISTED_CONFLICTS { format!("\n  … and {} more", .people.len() - LISTED_CONFLICTS) } else { String::new() }
)]
pub struct GroupConflictError {
    /// The group column.
    pub column: String,
    /// The id column.
    pub id_column: String,
    /// The sheets (one name for a long sheet).
    pub sources: Vec<String>,
    /// Every person in more than one group.
    pub people: Vec<GroupConflict>,
}

/// One person whose group differs between times.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupConflict {
    /// The person's id.
    pub id: String,
    /// (time, group) at each time the person has a row, in time order.
    pub groups: Vec<(String, String)>,
}

impl std::fmt::Display for GroupConflict {
    /// `7: intervention at pre, control at post`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let groups: Vec<String> = self
            .groups
            .iter()
            .map(|(time, group)| {
                if group.is_empty() {
                    format!("no group at {time}")
                } else {
                    format!("{group} at {time}")
                }
            })
            .collect();
        write!(f, "{}: {}", self.id, groups.join(", "))
    }
}

/// A person's group given at some times and left blank at others: the given group is used at
/// every time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilledGroup {
    /// The person's id.
    pub id: String,
    /// The group used.
    pub group: String,
    /// The times whose rows left it blank.
    pub blank_at: Vec<String>,
}

/// Gives each person one group across the times: the group in key `key` of their rows (one
/// sheet per time in `sheets`). A person whose rows hold two different groups is an error
/// listing every such person ([`GroupConflictError`]); a blank group at some times takes the
/// group given at the others, and each such person is returned so the output can say so.
/// Rows without an id, and ids that occur twice at one time, are left as they are (they are
/// left out of the pairing anyway).
pub fn agree_groups(
    sheets: &mut [MeasureSheet],
    times: &[&str],
    key: usize,
    column: &str,
    id_column: &str,
) -> Result<Vec<FilledGroup>, GroupConflictError> {
    // Per id: the group at each time (None: no single row at that time).
    let mut by_id: HashMap<String, Vec<Option<String>>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (t, sheet) in sheets.iter().enumerate() {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for row in &sheet.rows {
            *count.entry(row.id.as_str()).or_default() += 1;
        }
        for row in &sheet.rows {
            if row.id.is_empty() || count[row.id.as_str()] > 1 {
                continue;
            }
            let groups = by_id.entry(row.id.clone()).or_insert_with(|| {
                order.push(row.id.clone());
                vec![None; sheets.len()]
            });
            groups[t] = Some(row.keys[key].clone());
        }
    }
    let mut conflicts = Vec::new();
    let mut filled = Vec::new();
    let mut agreed: HashMap<&str, &str> = HashMap::new();
    for id in &order {
        let groups = &by_id[id];
        let given: Vec<&str> = groups
            .iter()
            .flatten()
            .map(String::as_str)
            .filter(|group| !group.is_empty())
            .collect();
        let Some(first) = given.first() else {
            continue;
        };
        if given.iter().any(|group| group != first) {
            conflicts.push(GroupConflict {
                id: id.clone(),
                groups: groups
                    .iter()
                    .zip(times)
                    .filter_map(|(group, time)| Some(((*time).to_owned(), group.clone()?)))
                    .collect(),
            });
            continue;
        }
        agreed.insert(id, first);
        let blank_at: Vec<String> = groups
            .iter()
            .zip(times)
            .filter(|(group, _)| group.as_deref() == Some(""))
            .map(|(_, time)| (*time).to_owned())
            .collect();
        if !blank_at.is_empty() {
            filled.push(FilledGroup {
                id: id.clone(),
                group: (*first).to_owned(),
                blank_at,
            });
        }
    }
    if !conflicts.is_empty() {
        let mut sources: Vec<String> = sheets.iter().map(|s| s.source.clone()).collect();
        sources.dedup();
        return Err(GroupConflictError {
            column: column.to_owned(),
            id_column: id_column.to_owned(),
            sources,
            people: conflicts,
        });
    }
    let agreed: HashMap<String, String> = agreed
        .into_iter()
        .map(|(id, group)| (id.to_owned(), group.to_owned()))
        .collect();
    for sheet in sheets.iter_mut() {
        for row in &mut sheet.rows {
            if row.keys[key].is_empty()
                && let Some(group) = agreed.get(&row.id)
            {
                row.keys[key] = group.clone();
            }
        }
    }
    Ok(filled)
}

/// A sentence for the people whose group was blank at some time and taken from another.
pub fn filled_groups_note(filled: &[FilledGroup], column: &str) -> Option<String> {
    if filled.is_empty() {
        return None;
    }
    let listed: Vec<String> = filled
        .iter()
        .take(LISTED_CONFLICTS)
        .map(|f| format!("{} ({}; blank at {})", f.id, f.group, f.blank_at.join(", ")))
        .collect();
    let more = if filled.len() > LISTED_CONFLICTS {
        format!(" and {} more", filled.len() - LISTED_CONFLICTS)
    } else {
        String::new()
    };
    Some(format!(
        "{} {} no {column} at some times; the {column} given at the other times is used: {}{more}",
        filled.len(),
        if filled.len() == 1 {
            "person has"
        } else {
            "people have"
        },
        listed.join(", ")
    ))
}

/// True when the ids of every sheet are exactly its row numbers 1, 2, …, n in order (and
/// there are at least two rows in all): the id column then looks like a submission number
/// rather than a person's id.
pub fn ids_are_row_numbers(sheets: &[&MeasureSheet]) -> bool {
    sheets.iter().map(|sheet| sheet.rows.len()).sum::<usize>() >= 2
        && sheets.iter().all(|sheet| {
            sheet
                .rows
                .iter()
                .enumerate()
                .all(|(index, row)| row.id.parse::<usize>().ok() == Some(index + 1))
        })
}

/// The warning for an id column that holds row numbers (see [`ids_are_row_numbers`]).
pub fn row_number_ids_warning(id_column: &str, sheets: &[&MeasureSheet]) -> String {
    let sources: Vec<&str> = sheets.iter().map(|sheet| sheet.source.as_str()).collect();
    let mut unique = sources.clone();
    unique.dedup();
    format!(
        "the id column {id_column} holds exactly the row numbers 1, 2, 3, … in {}: it looks like a submission number (such as WJX's 序号), not a person's id; rows are paired by it, so unless the same person is on the same row of every sheet, name the column that identifies people",
        unique.join(" and ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::measures::MeasureRow;

    /// A sheet whose rows have these ids (rows 2, 3, ...), no measures, key = group.
    fn sheet(source: &str, ids: &[&str], groups: &[&str]) -> MeasureSheet {
        MeasureSheet {
            source: source.into(),
            measures: Vec::new(),
            rows: ids
                .iter()
                .enumerate()
                .map(|(index, id)| MeasureRow {
                    row: index as u64 + 2,
                    id: (*id).to_owned(),
                    keys: groups
                        .get(index)
                        .map(|g| vec![(*g).to_owned()])
                        .unwrap_or_default(),
                    values: Vec::new(),
                    items: Vec::new(),
                })
                .collect(),
        }
    }

    fn details(left: &[Excluded]) -> Vec<String> {
        left.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn pairs_in_pre_order_and_lists_what_is_left_out() {
        let pre = sheet("a.csv", &["b", "z", "a", "", "z", "c", "y", "z", "y"], &[]);
        let post = sheet("b.csv", &["a", "c", "b", "d", "d", "e"], &[]);
        let mut excluded = Vec::new();
        let pairs = pair_by_id(&pre, &post, ["pre", "post"], &mut excluded);
        assert_eq!(pairs, [(0, 2), (2, 0), (5, 1)]);
        assert_eq!(
            details(&excluded),
            [
                "(no id): row 5 of a.csv has no id",
                "y: the id occurs more than once at pre (rows 8, 10 of a.csv)",
                "z: the id occurs more than once at pre (rows 3, 6, 9 of a.csv)",
                "d: the id occurs more than once at post (rows 5, 6 of b.csv)",
                "e: only at post (row 7 of b.csv)",
            ]
        );
        let reasons: Vec<Reason> = excluded.iter().map(|e| e.reason).collect();
        assert_eq!(
            reasons,
            [
                Reason::NoId,
                Reason::DuplicateId,
                Reason::DuplicateId,
                Reason::DuplicateId,
                Reason::MissingTime
            ]
        );
    }

    #[test]
    fn three_times_list_the_times_a_person_misses() {
        let pre = sheet("pre.csv", &["a", "b", "c"], &[]);
        let post = sheet("post.csv", &["a", "b"], &[]);
        let follow = sheet("follow.csv", &["a", "c"], &[]);
        let mut excluded = Vec::new();
        let complete = match_by_id(
            &[&pre, &post, &follow],
            &["pre", "post", "fu"],
            &mut excluded,
        );
        assert_eq!(complete, [vec![0, 0, 0]]);
        assert_eq!(
            details(&excluded),
            [
                "b: not at fu; at pre (row 3 of pre.csv), at post (row 3 of post.csv)",
                "c: not at post; at pre (row 4 of pre.csv), at fu (row 3 of follow.csv)",
            ]
        );
    }

    #[test]
    fn a_person_in_two_groups_is_an_error_naming_both() {
        let mut sheets = [
            sheet("pre.csv", &["1", "2", "3"], &["i", "c", "i"]),
            sheet("post.csv", &["1", "2", "3"], &["c", "c", "i"]),
        ];
        let error = agree_groups(&mut sheets, &["pre", "post"], 0, "group", "序号").unwrap_err();
        assert_eq!(
            error.to_string(),
            "1 person is in a different group at different times, by the id column 序号 of pre.csv and post.csv:\n  1: i at pre, c at post\n  a person keeps one group throughout: check that 序号 identifies people, with the same value for the same person in every sheet (a submission number such as WJX's 序号 does not)"
        );
    }

    #[test]
    fn a_blank_group_takes_the_group_of_the_other_times() {
        let mut sheets = [
            sheet("pre.csv", &["1", "2"], &["", "c"]),
            sheet("post.csv", &["1", "2"], &["i", ""]),
        ];
        let filled = agree_groups(&mut sheets, &["pre", "post"], 0, "group", "id").unwrap();
        assert_eq!(sheets[0].rows[0].keys, ["i"]);
        assert_eq!(sheets[1].rows[1].keys, ["c"]);
        assert_eq!(
            filled_groups_note(&filled, "group").unwrap(),
            "2 people have no group at some times; the group given at the other times is used: 1 (i; blank at pre), 2 (c; blank at post)"
        );
    }

    #[test]
    fn row_numbers_as_ids_are_recognised_in_every_sheet_only() {
        let numbered = sheet("pre.csv", &["1", "2", "3"], &[]);
        let people = sheet("post.csv", &["1", "3", "2"], &[]);
        assert!(ids_are_row_numbers(&[&numbered, &numbered]));
        assert!(!ids_are_row_numbers(&[&numbered, &people]));
        assert!(!ids_are_row_numbers(&[&sheet("a", &["1"], &[])]));
    }
}
