//! The table almost every Chinese intervention thesis prints ("表 X 两组干预前后各维度得分比较
//! （x̄ ± s）"): per measure and group, each wave as M ± SD, the within-group test in the last
//! two columns, and the between-group test at each wave in two rows under the groups. Every
//! number is read from results the report already holds: the paired *t* (two waves) or the
//! repeated-measures *F* (three or more, read by the report's sphericity rule) of `within`;
//! Welch's *t* (two groups) or the one-way ANOVA's *F* (three or more) of `baseline` at the
//! first wave and of `between` at each later one.

use super::super::StudyRun;
use super::super::analyses::{Baseline, ScaleResults};
use super::waves::read;
use super::{Counter, Words, group_name, measure_name};
use crate::compare::GroupSummary;
use crate::output::apa::num;
use crate::report::{Block, Table};
use crate::scale::Scale;
use crate::study::Lang;

/// One group's scores at each wave and its within-group test, on one measure.
struct Within {
    /// People in the test (at every wave).
    n: usize,
    /// (mean, SD) at each wave of the people in the test.
    cells: Vec<(Option<f64>, Option<f64>)>,
    /// The statistic, as written (with † when sphericity was corrected).
    statistic: String,
    /// Its p-value.
    p: Option<f64>,
}

/// The groups compared at one wave, on one measure.
struct Between<'a> {
    /// Each group's n, mean and SD at that wave.
    groups: &'a [GroupSummary],
    /// *t* or *F*.
    statistic: Option<f64>,
    /// Its p-value.
    p: Option<f64>,
}

/// The within-group test of `group` on `measure`, if `within` ran.
fn within_of(
    run: &StudyRun,
    results: &ScaleResults,
    group: &Option<String>,
    measure: &str,
) -> Option<Within> {
    if let Some(paired) = results.within.iter().find(|p| &p.group == group) {
        let r = paired
            .report
            .results
            .iter()
            .find(|r| r.measure == measure)?;
        return Some(Within {
            n: r.n,
            cells: vec![(r.pre.mean, r.pre.sd), (r.post.mean, r.post.sd)],
            statistic: num(r.t_test.t, 2),
            p: r.t_test.p,
        });
    }
    let repeated = results.repeated.iter().find(|r| &r.group == group)?;
    let r = repeated
        .report
        .results
        .iter()
        .find(|r| r.measure == measure)?;
    let (statistic, p) = match &r.anova {
        Some(test) => {
            let read = read(test, r.sphericity.as_ref(), run.study.alpha);
            let mark = if read.corrected { "†" } else { "" };
            (format!("{}{mark}", num(Some(read.f), 2)), read.p)
        }
        None => ("—".to_owned(), None),
    };
    Some(Within {
        n: r.n,
        cells: r.means.iter().map(|m| (m.mean, m.sd)).collect(),
        statistic,
        p,
    })
}

/// The groups compared at wave `index` on `measure`, if the study compared them there.
fn between_at<'a>(
    run: &StudyRun,
    results: &'a ScaleResults,
    index: usize,
    measure: &str,
) -> Option<Between<'a>> {
    let wave = &run.levels[index];
    if index == 0 {
        return match results.baseline.as_ref()? {
            Baseline::Two(report) => {
                let r = report.results.iter().find(|r| r.measure == measure)?;
                Some(Between {
                    groups: &r.groups,
                    statistic: r.welch.t,
                    p: r.welch.p,
                })
            }
            Baseline::Arms(report) => {
                let r = report.results.iter().find(|r| r.measure == measure)?;
                Some(Between {
                    groups: &r.groups,
                    statistic: r.anova.f,
                    p: r.anova.p,
                })
            }
        };
    }
    if let Some(later) = results.groups_waves.iter().find(|l| &l.wave == wave) {
        let r = later.report.results.iter().find(|r| r.measure == measure)?;
        return Some(Between {
            groups: &r.groups,
            statistic: r.welch.t,
            p: r.welch.p,
        });
    }
    let later = results.between_arms.iter().find(|l| &l.wave == wave)?;
    let r = later.report.results.iter().find(|r| r.measure == measure)?;
    Some(Between {
        groups: &r.groups,
        statistic: r.anova.f,
        p: r.anova.p,
    })
}

/// `45.21 ± 6.10`, or "—".
fn mean_pm_sd(mean: Option<f64>, sd: Option<f64>) -> String {
    match mean {
        Some(_) => format!("{} ± {}", num(mean, 2), num(sd, 2)),
        None => "—".to_owned(),
    }
}

/// The measures of one questionnaire in report order.
fn measures(results: &ScaleResults) -> Vec<&str> {
    if let Some(paired) = results.within.first() {
        return paired
            .report
            .results
            .iter()
            .map(|r| r.measure.as_str())
            .collect();
    }
    results.repeated.first().map_or_else(Vec::new, |r| {
        r.report
            .results
            .iter()
            .map(|r| r.measure.as_str())
            .collect()
    })
}

/// The summary table, when the within-group tests ran (nothing otherwise).
pub(super) fn thesis_section(
    run: &StudyRun,
    scale: &Scale,
    results: &ScaleResults,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let measures = measures(results);
    if measures.is_empty() {
        return Vec::new();
    }
    let groups = super::super::analyses::group_values(&run.study);
    let waves = run.levels.len();
    let within_symbol = if waves == 2 { "*t*" } else { "*F*" };
    let between_symbol = if groups.len() == 2 { "*t*" } else { "*F*" };
    // The M ± SD are those of the between-group tests (everyone measured at each wave) when
    // they ran at every wave, else those of the within-group tests (people at every wave).
    let compared = groups.len() > 1
        && measures
            .iter()
            .all(|m| (0..waves).all(|i| between_at(run, results, i, m).is_some()));
    let mut header = vec![
        w.t("measure", "指标").to_owned(),
        w.t("group", "组别").to_owned(),
        "*n*".to_owned(),
    ];
    header.extend(run.levels.iter().map(|wave| w.wave(wave)));
    header.extend([within_symbol.to_owned(), w.p_symbol().to_owned()]);
    let blank = |count: usize| vec![String::new(); count];
    let mut rows = Vec::new();
    let mut different_n = false;
    let mut corrected = false;
    for measure in &measures {
        let first_row = rows.len();
        for group in &groups {
            let within = within_of(run, results, group, measure);
            let mut row = vec![String::new(), group_name(group, w)];
            match &within {
                Some(within) => row.push(within.n.to_string()),
                None => row.push("—".to_owned()),
            }
            for index in 0..waves {
                let cell = if compared {
                    between_at(run, results, index, measure)
                        .and_then(|b| b.groups.iter().find(|g| Some(&g.level) == group.as_ref()))
                        .map(|g| {
                            different_n |= within.as_ref().is_some_and(|w| w.n != g.n);
                            mean_pm_sd(g.mean, g.sd)
                        })
                } else {
                    within
                        .as_ref()
                        .and_then(|w| w.cells.get(index))
                        .map(|&(mean, sd)| mean_pm_sd(mean, sd))
                };
                row.push(cell.unwrap_or_else(|| "—".to_owned()));
            }
            match &within {
                Some(within) => {
                    corrected |= within.statistic.ends_with('†');
                    row.push(within.statistic.clone());
                    row.push(w.p_cell(within.p));
                }
                None => row.extend(["—".to_owned(), "—".to_owned()]),
            }
            rows.push(row);
        }
        rows[first_row][0] = measure_name(scale, measure, w);
        if compared {
            let between: Vec<Option<Between>> = (0..waves)
                .map(|i| between_at(run, results, i, measure))
                .collect();
            let mut statistic = vec![String::new(), between_symbol.to_owned(), String::new()];
            let mut p = vec![String::new(), w.p_symbol().to_owned(), String::new()];
            for b in &between {
                statistic.push(num(b.as_ref().and_then(|b| b.statistic), 2));
                p.push(w.p_cell(b.as_ref().and_then(|b| b.p)));
            }
            statistic.extend(blank(2));
            p.extend(blank(2));
            rows.push(statistic);
            rows.push(p);
        }
    }
    let title = match (w.0, groups.len(), waves) {
        (Lang::En, 1, _) => "Scores at each wave (*M* ± *SD*)".to_owned(),
        (Lang::En, _, _) => "Scores of the groups at each wave (*M* ± *SD*)".to_owned(),
        (Lang::Zh, count, waves) => format!(
            "{}{}各维度得分比较（x̄ ± s）",
            match count {
                1 => "",
                2 => "两组",
                _ => "各组",
            },
            if waves == 2 {
                "干预前后"
            } else {
                "各时间点"
            }
        ),
    };
    let mut note = match (w.0, waves) {
        (Lang::En, 2) => {
            "*Note.* *n*: people at both waves. Within each group (last two columns): paired *t*-test.".to_owned()
        }
        (Lang::En, _) => "*Note.* *n*: people at every wave. Within each group (last two columns): repeated-measures ANOVA.".to_owned(),
        (Lang::Zh, 2) => "*注：*n 为前后测均有数据者；组内比较（最后两列）为配对 *t* 检验。".to_owned(),
        (Lang::Zh, _) => "*注：*n 为各时间点均有数据者；组内比较（最后两列）为重复测量方差分析。".to_owned(),
    };
    if corrected {
        note.push_str(w.t(
            " †: Greenhouse–Geisser corrected (Mauchly's test rejected sphericity).",
            "† 为 Greenhouse–Geisser 校正（Mauchly 检验拒绝球形假设）。",
        ));
    }
    if compared {
        let p = w.p_symbol();
        note.push_str(&match (w.0, groups.len()) {
            (Lang::En, 2) => {
                format!(" Between the groups at each wave (rows *t* and {p}): Welch's *t*-test.")
            }
            (Lang::En, _) => {
                format!(" Between the groups at each wave (rows *F* and {p}): one-way ANOVA.")
            }
            (Lang::Zh, 2) => format!("各时间点组间比较（*t* 与 {p} 行）为 Welch *t* 检验。"),
            (Lang::Zh, _) => format!("各时间点组间比较（*F* 与 {p} 行）为单因素方差分析。"),
        });
    }
    if different_n {
        note.push_str(w.t(
            " *M* ± *SD* and the tests between the groups include everyone measured at each wave, so they may rest on more people than *n*.",
            "x̄ ± s 与组间比较纳入各时间点的全部测量者，人数可能多于 n。",
        ));
    }
    vec![Block::Table(Table {
        caption: counter.table(w, &title),
        header,
        rows,
        note: Some(note),
    })]
}
