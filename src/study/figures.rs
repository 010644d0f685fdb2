//! The figures of one questionnaire: per measure, each person's pre→post line with the group
//! means and box plots by group × time; per banded measure, a bar chart of band transitions.

use super::analyses::{GroupRows, ScaleResults};
use super::data::TimedSheets;
use crate::data::measures::MeasureSheet;
use crate::report::Figure;
use crate::report::figures::{
    BoxData, BoxGroup, Labels, LineGroup, PersonLine, TransitionCount, TransitionGroup, box_plot,
    person_lines, transition_bars,
};
use crate::scale::Scale;
use crate::stats::describe::{QuantileType, describe};
use crate::study::Lang;

/// Groups with more people than this are drawn as means only (lines would be a blur).
pub const MAX_LINES_PER_GROUP: usize = 200;

/// The figures of one questionnaire, with captions (the report numbers them).
#[derive(Debug, Clone)]
pub struct ScaleFigures {
    /// In report order.
    pub figures: Vec<Figure>,
}

/// Draws the figures of one questionnaire.
pub fn draw(
    scale: &Scale,
    data: &TimedSheets,
    groups: &[GroupRows],
    results: &ScaleResults,
    levels: &[String; 2],
    lang: Lang,
) -> ScaleFigures {
    let t = |en: &str, zh: &str| lang.pick(en, zh).to_owned();
    let group_label = |group: &Option<String>| group.clone().unwrap_or_else(|| t("all", "全体"));
    let mut figures = Vec::new();
    for (m, measure) in data.pre.measures.iter().enumerate() {
        let name = measure_title(scale, &measure.name, lang);
        // The figures show the first two waves: their data are pre/post pairs.
        let labels = Labels {
            title: format!("{} — {name}", scale.id),
            y_axis: name.clone(),
            waves: levels[..2].to_vec(),
            mean: t("Mean", "均值"),
            ..Labels::default()
        };
        let lines: Vec<LineGroup> = groups
            .iter()
            .map(|rows| rows.pairs_on(m))
            .map(|pairs| LineGroup {
                label: group_label(&pairs.group),
                people: pairs
                    .ids
                    .iter()
                    .zip(pairs.pre.iter().zip(&pairs.post))
                    .map(|(id, (&pre, &post))| PersonLine {
                        id: id.clone(),
                        values: vec![Some(pre), Some(post)],
                    })
                    .collect(),
            })
            .collect();
        figures.push(Figure {
            file: format!("figures/{}_{}_lines.svg", scale.id, measure.name),
            svg: person_lines(&labels, &lines, None, MAX_LINES_PER_GROUP),
            caption: match lang {
                Lang::En => format!(
                    "{name}: each person's {} and {} score (thin lines) and the group mean (thick line).",
                    levels[0], levels[1]
                ),
                Lang::Zh => format!("{name}：每人前后测得分（细线）与组均值（粗线）。"),
            },
        });
        // Box plots of one person say nothing.
        if data.pre.rows.len() < 2 {
            continue;
        }
        let boxes: Vec<BoxGroup> = groups
            .iter()
            .map(|rows| {
                let values = |sheet: &MeasureSheet| -> Option<BoxData> {
                    let values: Vec<f64> = sheet.rows.iter().filter_map(|r| r.values[m]).collect();
                    let d = describe(&values, QuantileType::R7);
                    Some(BoxData {
                        q1: d.q1?,
                        median: d.median?,
                        q3: d.q3?,
                        values,
                    })
                };
                BoxGroup {
                    label: group_label(&rows.group),
                    waves: vec![values(&rows.pre), values(&rows.post)],
                }
            })
            .collect();
        figures.push(Figure {
            file: format!("figures/{}_{}_boxes.svg", scale.id, measure.name),
            svg: box_plot(&labels, &boxes, None),
            caption: match lang {
                Lang::En => format!(
                    "{name} by group and time: median, quartiles (box), values within 1.5 IQR (whiskers) and beyond (points)."
                ),
                Lang::Zh => format!(
                    "{name}各组前后测箱线图：中位数、四分位数（箱体）、1.5 倍四分位距内的值（须线）及以外的值（点）。"
                ),
            },
        });
    }
    let measures = results
        .transitions
        .first()
        .map_or(0, |group| group.measures.len());
    for index in 0..measures {
        let first = &results.transitions[0].measures[index];
        let name = measure_title(scale, &first.measure, lang);
        let groups: Vec<TransitionGroup> = results
            .transitions
            .iter()
            .map(|group| TransitionGroup {
                label: group_label(&group.group),
                transitions: group.measures[index]
                    .transitions
                    .iter()
                    .map(|t| TransitionCount {
                        from: t.from.clone(),
                        to: t.to.clone(),
                        count: t.count,
                    })
                    .collect(),
            })
            .collect();
        let labels = Labels {
            title: format!("{} — {name}", scale.id),
            y_axis: t("Number of people", "人数"),
            waves: levels[..2].to_vec(),
            mean: t("Mean", "均值"),
            ..Labels::default()
        };
        figures.push(Figure {
            file: format!("figures/{}_{}_transitions.svg", scale.id, first.measure),
            svg: transition_bars(&labels, &first.bands, &groups),
            caption: match lang {
                Lang::En => format!("{name}: band at {} → band at {}.", levels[0], levels[1]),
                Lang::Zh => format!("{name}：前测等级 → 后测等级。"),
            },
        });
    }
    ScaleFigures { figures }
}

/// A measure's name in the report's language: `total`, the subscale's name, else its id
/// (plain text).
pub fn measure_title(scale: &Scale, measure: &str, lang: Lang) -> String {
    match scale.scores.iter().find(|s| s.id == measure) {
        Some(score) if score.is_total => lang.pick("total", "总分").to_owned(),
        Some(score) => match (lang, &score.name_zh, &score.name) {
            (Lang::Zh, Some(name), _) => name.clone(),
            (_, _, Some(name)) => name.clone(),
            _ => measure.to_owned(),
        },
        None => measure.to_owned(),
    }
}
