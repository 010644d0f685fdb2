//! The order rows are shown in: groups as the study file lists them (in every table, whatever
//! order the sheets hold their rows in), waves in time order, people by group and then id.

use std::cmp::Reverse;

use super::super::StudyRun;
use crate::analysis::change::PersonChange;
use crate::analysis::describe::GroupDescription;

/// The place of a group value in the study file's list; values it does not list come after.
fn group_rank(run: &StudyRun, group: Option<&str>) -> usize {
    let levels = run.study.groups.as_ref().map_or(&[][..], |g| &g.levels[..]);
    group
        .and_then(|g| levels.iter().position(|level| level == g))
        .unwrap_or(levels.len())
}

/// An id's sort key: ids that are whole numbers first, by value (2 before 10), then the others
/// as text.
fn id_key(id: &str) -> (Reverse<bool>, u128, &str) {
    match id.parse::<u128>() {
        Ok(number) if id.bytes().all(|b| b.is_ascii_digit()) => (Reverse(true), number, id),
        _ => (Reverse(false), 0, id),
    }
}

/// The people of one measure of `scale`, by group in the study file's order, then by id.
pub(super) fn people_in_order<'a>(
    run: &StudyRun,
    scale: &str,
    people: &'a [PersonChange],
) -> Vec<&'a PersonChange> {
    let mut ordered: Vec<&PersonChange> = people.iter().collect();
    ordered.sort_by_cached_key(|p| {
        let group = run.group_of(scale, &p.id);
        (group_rank(run, group.as_deref()), id_key(&p.id))
    });
    ordered
}

/// The descriptive rows by measure (in the order they come), wave in time order, then group in
/// the study file's order; rows of anything else keep their place after them.
pub(super) fn descriptions_in_order<'a>(
    run: &StudyRun,
    group_column: Option<&str>,
    results: &'a [GroupDescription],
) -> Vec<&'a GroupDescription> {
    let mut measures: Vec<&str> = Vec::new();
    for r in results {
        if !measures.contains(&r.measure.as_str()) {
            measures.push(&r.measure);
        }
    }
    let value = |r: &GroupDescription, key: &str| {
        r.groups
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let mut ordered: Vec<&GroupDescription> = results.iter().collect();
    ordered.sort_by_key(|r| {
        let wave = value(r, "label")
            .and_then(|label| run.levels.iter().position(|level| *level == label))
            .unwrap_or(run.levels.len());
        let group = group_column.map_or(0, |column| group_rank(run, value(r, column).as_deref()));
        let measure = measures.iter().position(|m| *m == r.measure);
        (measure, wave, group)
    });
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_ids_sort_by_value_before_the_others() {
        let mut ids = vec!["10", "C02", "2", "C01", "007", "9x", "1"];
        ids.sort_by_key(|id| id_key(id));
        assert_eq!(ids, ["1", "2", "007", "10", "9x", "C01", "C02"]);
    }
}
