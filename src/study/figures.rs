//! The figures of one questionnaire: per measure, each person's line over the waves with the
//! group means, and box plots by group × wave; with three waves or more, the profile of each
//! group's means with their confidence intervals, and the linear mixed model's estimated means
//! when it ran; per banded measure, a bar chart of the band transitions between each pair of
//! consecutive waves.

use std::collections::{HashMap, HashSet};

use super::analyses::{GroupRows, GroupTransitions, ScaleResults};
use super::data::TimedSheets;
use crate::data::measures::MeasureSheet;
use crate::output::apa::conf_label;
use crate::report::Figure;
use crate::report::figures::{
    BoxData, BoxGroup, Labels, LineGroup, PersonLine, ProfileGroup, ProfilePoint, TransitionCount,
    TransitionGroup, box_plot, person_lines, profile, transition_bars,
};
use crate::scale::Scale;
use crate::stats::describe::{QuantileType, describe};
use crate::stats::descriptive::{mean, sd};
use crate::stats::ttest::t_quantile_upper;
use crate::study::{Lang, Names};

/// Groups with more people than this are drawn as means only (lines would be a blur).
pub const MAX_LINES_PER_GROUP: usize = 200;

/// The figures of one questionnaire, with captions (the report numbers them).
#[derive(Debug, Clone)]
pub struct ScaleFigures {
    /// In report order.
    pub figures: Vec<Figure>,
}

/// What the figures of one questionnaire are drawn from.
pub struct FigureData<'a> {
    /// The questionnaire.
    pub scale: &'a Scale,
    /// The measures at every wave.
    pub data: &'a TimedSheets,
    /// The same rows by group.
    pub groups: &'a [GroupRows],
    /// The analyses' results (for the band transitions).
    pub results: &'a ScaleResults,
    /// The confidence level of the profile's intervals.
    pub conf: f64,
    /// The names the report gives the waves and groups.
    pub names: &'a Names,
}

/// Draws the figures of one questionnaire.
pub fn draw(input: &FigureData, lang: Lang) -> ScaleFigures {
    let FigureData {
        scale,
        data,
        groups,
        results,
        conf,
        names,
    } = *input;
    let levels: Vec<String> = data.times.iter().map(|t| names.wave(t, lang)).collect();
    let t = |en: &str, zh: &str| lang.pick(en, zh).to_owned();
    let group_label = |group: &Option<String>| {
        group
            .as_ref()
            .map_or_else(|| t("all", "全体"), |g| names.group(g, lang))
    };
    let two = levels.len() == 2;
    let mut figures = Vec::new();
    for (m, measure) in data.pre().measures.iter().enumerate() {
        let name = measure_title(scale, &measure.name, lang);
        let labels = Labels {
            title: format!("{} — {name}", scale_title(scale, lang)),
            y_axis: name.clone(),
            waves: levels.clone(),
            mean: t("Mean", "均值"),
            interval: conf_label(conf),
        };
        let lines: Vec<LineGroup> = groups
            .iter()
            .map(|rows| LineGroup {
                label: group_label(&rows.group),
                people: person_values(&rows.sheets, m)
                    .into_iter()
                    .map(|(id, values)| PersonLine { id, values })
                    .collect(),
            })
            .collect();
        figures.push(Figure {
            file: format!("figures/{}_{}_lines.svg", scale.id, measure.name),
            svg: person_lines(&labels, &lines, None, MAX_LINES_PER_GROUP),
            caption: match (lang, two) {
                (Lang::En, true) => format!(
                    "{name}: each person's {} and {} score (thin lines) and the group mean (thick line).",
                    levels[0], levels[1]
                ),
                (Lang::Zh, true) => format!("{name}：每人前后测得分（细线）与组均值（粗线）。"),
                (Lang::En, false) => format!(
                    "{name}: each person's score at every wave (thin lines) and the group mean (thick line)."
                ),
                (Lang::Zh, false) => format!("{name}：每人各时间点得分（细线）与组均值（粗线）。"),
            },
        });
        // Box plots and profiles of one person say nothing.
        if data.pre().rows.len() < 2 {
            continue;
        }
        let boxes: Vec<BoxGroup> = groups
            .iter()
            .map(|rows| BoxGroup {
                label: group_label(&rows.group),
                waves: rows.sheets.iter().map(|sheet| box_data(sheet, m)).collect(),
            })
            .collect();
        figures.push(Figure {
            file: format!("figures/{}_{}_boxes.svg", scale.id, measure.name),
            svg: box_plot(&labels, &boxes, None),
            caption: match (lang, two) {
                (Lang::En, true) => format!(
                    "{name} by group and time: median, quartiles (box), values within 1.5 IQR (whiskers) and beyond (points)."
                ),
                (Lang::Zh, true) => format!(
                    "{name}各组前后测箱线图：中位数、四分位数（箱体）、1.5 倍四分位距内的值（须线）及以外的值（点）。"
                ),
                (Lang::En, false) => format!(
                    "{name} by group and wave: median, quartiles (box), values within 1.5 IQR (whiskers) and beyond (points)."
                ),
                (Lang::Zh, false) => format!(
                    "{name}各组各时间点箱线图：中位数、四分位数（箱体）、1.5 倍四分位距内的值（须线）及以外的值（点）。"
                ),
            },
        });
        if !two {
            let profiles: Vec<ProfileGroup> = groups
                .iter()
                .map(|rows| ProfileGroup {
                    label: group_label(&rows.group),
                    points: rows
                        .sheets
                        .iter()
                        .map(|sheet| profile_point(sheet, m, conf))
                        .collect(),
                })
                .collect();
            figures.push(Figure {
                file: format!("figures/{}_{}_profile.svg", scale.id, measure.name),
                svg: profile(&labels, &profiles, None),
                caption: match lang {
                    Lang::En => format!(
                        "{name}: each group's mean at each wave with its {} (everyone with a score at that wave).",
                        conf_label(conf)
                    ),
                    Lang::Zh => format!(
                        "{name}：各组各时间点均值及其 {}（该时间点有得分者）。",
                        conf_label(conf)
                    ),
                },
            });
        }
        if let Some(result) = results
            .lmm
            .as_ref()
            .and_then(|lmm| lmm.results.iter().find(|r| r.measure == measure.name))
            .filter(|r| !r.emmeans.is_empty())
        {
            let estimated: Vec<ProfileGroup> = groups
                .iter()
                .map(|rows| ProfileGroup {
                    label: group_label(&rows.group),
                    points: data
                        .times
                        .iter()
                        .zip(&rows.sheets)
                        .map(|(time, sheet)| {
                            let m_hat = result
                                .emmeans
                                .iter()
                                .find(|e| e.group == rows.group && e.time == *time)?;
                            Some(ProfilePoint {
                                mean: m_hat.emmean,
                                ci_low: m_hat.ci_low.unwrap_or(f64::NAN),
                                ci_high: m_hat.ci_high.unwrap_or(f64::NAN),
                                n: sheet.rows.iter().filter(|r| r.values[m].is_some()).count(),
                            })
                        })
                        .collect(),
                })
                .collect();
            let labels = Labels {
                mean: t("Estimated mean", "估计均值"),
                ..labels.clone()
            };
            figures.push(Figure {
                file: format!("figures/{}_{}_lmm.svg", scale.id, measure.name),
                svg: profile(&labels, &estimated, None),
                caption: match lang {
                    Lang::En => format!(
                        "{name}: the linear mixed model's estimated mean of each group at each wave with its {} (everyone with a score at some wave).",
                        conf_label(conf)
                    ),
                    Lang::Zh => format!(
                        "{name}：线性混合模型估计的各组各时间点均值及其 {}（在任一时间点有得分者）。",
                        conf_label(conf)
                    ),
                },
            });
        }
    }
    if two {
        figures.extend(transition_figures(
            scale,
            &results.transitions,
            [&levels[0], &levels[1]],
            "",
            names,
            lang,
        ));
    } else {
        for step in &results.transitions_waves {
            let suffix = format!("_{}_{}", step.from, step.to);
            figures.extend(transition_figures(
                scale,
                &step.groups,
                [&names.wave(&step.from, lang), &names.wave(&step.to, lang)],
                &suffix,
                names,
                lang,
            ));
        }
    }
    ScaleFigures { figures }
}

/// Each person's value on measure `m` at each wave (`None` where there is none), in the order
/// the people first appear; ids on more than one row of a wave are left out there, as the
/// pairing leaves them out.
fn person_values(sheets: &[MeasureSheet], m: usize) -> Vec<(String, Vec<Option<f64>>)> {
    let mut order: Vec<&str> = Vec::new();
    let mut seen = HashSet::new();
    let by_wave: Vec<HashMap<&str, Option<Option<f64>>>> = sheets
        .iter()
        .map(|sheet| {
            let mut rows: HashMap<&str, Option<Option<f64>>> = HashMap::new();
            for row in &sheet.rows {
                if row.id.is_empty() {
                    continue;
                }
                if seen.insert(row.id.as_str()) {
                    order.push(&row.id);
                }
                rows.entry(row.id.as_str())
                    .and_modify(|value| *value = None)
                    .or_insert(Some(row.values[m]));
            }
            rows
        })
        .collect();
    order
        .into_iter()
        .map(|id| {
            let values = by_wave
                .iter()
                .map(|rows| rows.get(id).copied().flatten().flatten())
                .collect();
            (id.to_owned(), values)
        })
        .collect()
}

/// The quartiles and values of measure `m` in one wave's rows of one group.
fn box_data(sheet: &MeasureSheet, m: usize) -> Option<BoxData> {
    let values: Vec<f64> = sheet.rows.iter().filter_map(|r| r.values[m]).collect();
    let d = describe(&values, QuantileType::R7);
    Some(BoxData {
        q1: d.q1?,
        median: d.median?,
        q3: d.q3?,
        values,
    })
}

/// The mean of measure `m` in one wave's rows of one group, with its t-based confidence
/// interval `mean ± t(1 − (1 − conf)/2, n − 1) · SD / √n` (the interval of R's `t.test`); the
/// interval collapses to the mean for one person.
fn profile_point(sheet: &MeasureSheet, m: usize, conf: f64) -> Option<ProfilePoint> {
    let values: Vec<f64> = sheet.rows.iter().filter_map(|r| r.values[m]).collect();
    let centre = mean(&values)?;
    let half = sd(&values)
        .zip(t_quantile_upper(
            (1.0 - conf) / 2.0,
            values.len() as f64 - 1.0,
        ))
        .map_or(0.0, |(sd, t)| t * sd / (values.len() as f64).sqrt());
    Some(ProfilePoint {
        mean: centre,
        ci_low: centre - half,
        ci_high: centre + half,
        n: values.len(),
    })
}

/// The band transitions of each banded measure between two waves, one figure each.
fn transition_figures(
    scale: &Scale,
    transitions: &[GroupTransitions],
    waves: [&str; 2],
    suffix: &str,
    names: &Names,
    lang: Lang,
) -> Vec<Figure> {
    let t = |en: &str, zh: &str| lang.pick(en, zh).to_owned();
    let measures = transitions.first().map_or(0, |group| group.measures.len());
    let mut figures = Vec::new();
    for index in 0..measures {
        let first = &transitions[0].measures[index];
        let name = measure_title(scale, &first.measure, lang);
        let band = |label: &str| band_title(scale, &first.measure, label, lang);
        let bands: Vec<String> = first.bands.iter().map(|b| band(b)).collect();
        let groups: Vec<TransitionGroup> = transitions
            .iter()
            .map(|group| TransitionGroup {
                label: group
                    .group
                    .as_ref()
                    .map_or_else(|| t("all", "全体"), |g| names.group(g, lang)),
                transitions: group.measures[index]
                    .transitions
                    .iter()
                    .map(|t| TransitionCount {
                        from: band(&t.from),
                        to: band(&t.to),
                        count: t.count,
                    })
                    .collect(),
            })
            .collect();
        let labels = Labels {
            title: format!("{} — {name}", scale_title(scale, lang)),
            y_axis: t("Number of people", "人数"),
            waves: waves.map(str::to_owned).to_vec(),
            mean: t("Mean", "均值"),
            ..Labels::default()
        };
        figures.push(Figure {
            file: format!(
                "figures/{}_{}_transitions{suffix}.svg",
                scale.id, first.measure
            ),
            svg: transition_bars(&labels, &bands, &groups),
            caption: match (lang, suffix.is_empty()) {
                (Lang::En, _) => {
                    format!("{name}: band at {} → band at {}.", waves[0], waves[1])
                }
                (Lang::Zh, true) => format!("{name}：前测等级 → 后测等级。"),
                (Lang::Zh, false) => {
                    format!("{name}：{}等级 → {}等级。", waves[0], waves[1])
                }
            },
        });
    }
    figures
}

/// A measure's name in the report's language, from the scale file: the score's `name_zh` (in
/// Chinese) or `name`, a named transform's `label_zh` or `label`, else `total` / 总分 for the
/// total and the id (plain text).
pub fn measure_title(scale: &Scale, measure: &str, lang: Lang) -> String {
    let pick = |zh: &Option<String>, en: &Option<String>| match (lang, zh, en) {
        (Lang::Zh, Some(name), _) | (_, _, Some(name)) => Some(name.clone()),
        _ => None,
    };
    if let Some(score) = scale.scores.iter().find(|s| s.id == measure) {
        return pick(&score.name_zh, &score.name).unwrap_or_else(|| {
            if score.is_total {
                lang.pick("total", "总分").to_owned()
            } else {
                measure.to_owned()
            }
        });
    }
    scale
        .scores
        .iter()
        .filter_map(|s| s.transform.as_ref())
        .find(|t| t.name.as_deref() == Some(measure))
        .and_then(|t| pick(&t.label_zh, &t.label))
        .unwrap_or_else(|| measure.to_owned())
}

/// A band's name in the report's language: its `label_zh` in Chinese when the scale file gives
/// one, else its `label` (plain text). `measure` is a score's id or its named transform's name.
pub fn band_title(scale: &Scale, measure: &str, label: &str, lang: Lang) -> String {
    let band = scale
        .scores
        .iter()
        .find(|s| {
            s.id == measure || s.transform.as_ref().and_then(|t| t.name.as_deref()) == Some(measure)
        })
        .and_then(|score| score.bands.iter().find(|b| b.label == label));
    match (lang, band.and_then(|b| b.label_zh.as_ref())) {
        (Lang::Zh, Some(name)) => name.clone(),
        _ => label.to_owned(),
    }
}

/// A questionnaire's name in the report's language (plain text): `name_zh` in Chinese when the
/// scale file gives one, else `name`.
pub fn scale_title(scale: &Scale, lang: Lang) -> &str {
    match (lang, &scale.name_zh) {
        (Lang::Zh, Some(name)) => name,
        _ => &scale.name,
    }
}
