//! Properties of the baseline table on random sheets.
use super::*;
use crate::data::characteristics::{Characteristic, CharacteristicRow};
use proptest::prelude::*;

/// A sheet of `rows` (group, category, number) with an ordered, an unordered and a
/// continuous characteristic.
fn sheet(rows: &[(usize, usize, Option<f64>)]) -> CharacteristicSheet {
    let order: Vec<String> = ["low", "mid", "high"].map(str::to_owned).into();
    CharacteristicSheet {
        source: "s.csv".to_owned(),
        characteristics: vec![
            Characteristic {
                column: "level".to_owned(),
                kind: Kind::Ordered(order.clone()),
            },
            Characteristic {
                column: "kind".to_owned(),
                kind: Kind::Categorical,
            },
            Characteristic {
                column: "age".to_owned(),
                kind: Kind::Continuous,
            },
        ],
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, &(group, category, number))| CharacteristicRow {
                row: i as u64 + 2,
                id: format!("P{i}"),
                group: ["a", "b", "c", ""][group].to_owned(),
                values: vec![
                    match category {
                        3 => Observation::Missing,
                        c => Observation::Category(order[c].clone()),
                    },
                    Observation::Category(format!("k{}", category % 2)),
                    number.map_or(Observation::Missing, Observation::Number),
                ],
            })
            .collect(),
    }
}

proptest! {
    /// Every row is described or left out; each group's percentages add up to 100; no
    /// number is NaN or infinite; a test is there exactly when two groups and two levels
    /// have answers.
    #[test]
    fn every_row_is_counted_once_and_every_number_is_finite(
        rows in proptest::collection::vec(
            (0usize..4, 0usize..4, proptest::option::of(-1e6..1e6_f64)),
            0..40,
        ),
        groups in 1usize..4,
    ) {
        let levels: Vec<String> = ["a", "b", "c"][..groups].iter().map(|g| (*g).to_owned()).collect();
        let report = baseline_report(&sheet(&rows), Some("group"), &levels);
        prop_assert_eq!(report.n + report.excluded.len(), rows.len());
        let VariableResult::Categorical(level) = &report.variables[0] else {
            panic!("level is categorical");
        };
        for (g, group) in levels.iter().enumerate() {
            let percents: Vec<f64> = level.levels.iter().filter_map(|l| l.percent.0[g].1).collect();
            if !percents.is_empty() {
                prop_assert!((percents.iter().sum::<f64>() - 100.0).abs() < 1e-9, "{group}");
            }
        }
        let json = serde_json::to_string(&report).unwrap();
        prop_assert!(!json.contains("NaN") && !json.contains("inf"));
        let answered: Vec<usize> = (0..groups)
            .filter(|&g| level.levels.iter().any(|l| l.counts.0[g].1 > 0))
            .collect();
        let levels_held = level.levels.iter().filter(|l| l.total > 0).count();
        prop_assert_eq!(
            level.chi_square.is_some(),
            answered.len() >= 2 && levels_held >= 2
        );
        if let Some(p) = level.fisher.as_ref().map(|f| f.p) {
            prop_assert!((0.0..=1.0).contains(&p));
        }
    }
}
