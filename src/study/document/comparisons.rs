//! Baseline equivalence, pre/post within groups and the ANCOVA between groups: tables and
//! one APA sentence per measure.

use super::super::StudyRun;
use super::super::analyses::ScaleResults;
use super::{
    Counter, Words, adjust_note, measure_line, measure_name, notes_and_left_out, notes_list,
    result_notes,
};
use crate::compare::{AncovaResult, GroupsResult, PairedResult};
use crate::output::apa::{conf_label, interval, mean_sd, no_leading_zero, num, with_interval};
use crate::report::{Block, Table};
use crate::scale::Scale;
use crate::stats::rank::RankMethod;
use crate::study::Lang;

pub(super) fn baseline_section(
    scale: &Scale,
    report: &crate::analysis::report::Report<GroupsResult>,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let ci = conf_label(report.conf);
    let rows = report
        .results
        .iter()
        .map(|r| {
            let group = |g: usize| {
                r.groups
                    .get(g)
                    .map_or_else(String::new, |g| mean_sd(g.mean, g.sd))
            };
            vec![
                measure_name(scale, &r.measure, w),
                group(0),
                group(1),
                format!("{} ({})", num(r.welch.t, 2), num(r.welch.df, 2)),
                w.p_cell(r.welch.p),
                w.p_cell(r.welch.p_adj),
                with_interval(r.effect.cohen_d, r.effect.d_ci_low, r.effect.d_ci_high, 2),
                num(r.mann_whitney.u, 1),
                rank_p(r.mann_whitney.p, r.mann_whitney.method, w),
            ]
        })
        .collect();
    let mut blocks = vec![Block::Table(Table {
        caption: counter.table(
            w,
            w.t(
                "Intervention vs control at pre-test",
                "前测时干预组与对照组比较",
            ),
        ),
        header: vec![
            w.t("measure", "指标").to_owned(),
            format!("{} *M* (*SD*)", w.group(&report.levels[0])),
            format!("{} *M* (*SD*)", w.group(&report.levels[1])),
            "Welch *t* (*df*)".to_owned(),
            w.p_symbol().to_owned(),
            w.with_p("*p* adj.", "校正 *p*"),
            format!("*d* [{ci}]"),
            "*U*".to_owned(),
            w.with_p("*p* (*U*)", "*p*（*U*）"),
        ],
        rows,
        note: None,
    })];
    let sentences: Vec<String> = report
        .results
        .iter()
        .map(|r| {
            let result = format!(
                "*t*({}) = {}, {}, *d* = {}, {ci} {}",
                num(r.welch.df, 2),
                num(r.welch.t, 2),
                w.p_text(r.welch.p),
                num(r.effect.cohen_d, 2),
                interval(r.effect.d_ci_low, r.effect.d_ci_high, 2)
            );
            measure_line(scale, &r.measure, w, &result)
        })
        .collect();
    blocks.push(Block::Paragraph(
        w.t(
            "Differences at baseline (Welch's t-test):",
            "基线差异（Welch t 检验）：",
        )
        .to_owned(),
    ));
    blocks.push(Block::List(sentences));
    blocks.extend(notes_list(result_notes(scale, &report.results, w)));
    blocks
}

/// A rank test's p-value and whether it is exact.
pub(super) fn rank_p(p: Option<f64>, method: Option<RankMethod>, w: Words) -> String {
    match method {
        Some(RankMethod::Exact) => format!("{} ({})", w.p_cell(p), w.t("exact", "精确")),
        Some(RankMethod::Normal) => format!("{} ({})", w.p_cell(p), w.t("normal", "正态近似")),
        None => w.p_cell(p),
    }
}

/// The APA sentence of a paired comparison: t, p, d_z with CI, then Wilcoxon.
pub(super) fn paired_sentence(r: &PairedResult, conf: f64, w: Words) -> String {
    let ci = conf_label(conf);
    let mut text = format!(
        "*t*({}) = {}, {}, *d*~z~ = {}, {ci} [{}, {}]",
        num(r.t_test.df, 0),
        num(r.t_test.t, 2),
        w.p_text(r.t_test.p),
        num(r.effect.cohen_dz, 2),
        num(r.effect.dz_ci_low, 2),
        num(r.effect.dz_ci_high, 2)
    );
    if let Some(v) = r.wilcoxon.v {
        text.push_str(&format!(
            "; Wilcoxon *V* = {}, {}",
            num(Some(v), 1),
            w.p_text(r.wilcoxon.p)
        ));
    }
    text
}

pub(super) fn within_section(
    run: &StudyRun,
    scale: &Scale,
    results: &ScaleResults,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let levels = &run.levels;
    let mut blocks = Vec::new();
    for within in &results.within {
        let report = &within.report;
        let ci = conf_label(report.conf);
        let rows = report
            .results
            .iter()
            .map(|r| {
                vec![
                    measure_name(scale, &r.measure, w),
                    r.n.to_string(),
                    mean_sd(r.pre.mean, r.pre.sd),
                    mean_sd(r.post.mean, r.post.sd),
                    format!("{} ({})", num(r.t_test.t, 2), num(r.t_test.df, 0)),
                    w.p_cell(r.t_test.p),
                    w.p_cell(r.t_test.p_adj),
                    with_interval(
                        r.effect.cohen_dz,
                        r.effect.dz_ci_low,
                        r.effect.dz_ci_high,
                        2,
                    ),
                    num(r.wilcoxon.v, 1),
                    rank_p(r.wilcoxon.p, r.wilcoxon.method, w),
                ]
            })
            .collect();
        let title = match (w.0, &within.group) {
            (Lang::En, Some(group)) => format!("Pre/post, {} group", w.group(group)),
            (Lang::Zh, Some(group)) => format!("{}前后测比较", w.group_zu(group)),
            (Lang::En, None) => "Pre/post".to_owned(),
            (Lang::Zh, None) => "前后测比较".to_owned(),
        };
        blocks.push(Block::Table(Table {
            caption: counter.table(w, &title),
            header: vec![
                w.t("measure", "指标").to_owned(),
                "*n*".to_owned(),
                format!("{} *M* (*SD*)", w.wave(&levels[0])),
                format!("{} *M* (*SD*)", w.wave(&levels[1])),
                "*t* (*df*)".to_owned(),
                w.p_symbol().to_owned(),
                w.with_p("*p* adj.", "校正 *p*"),
                format!("*d*~z~ [{ci}]"),
                "*V*".to_owned(),
                w.with_p("*p* (*V*)", "*p*（*V*）"),
            ],
            rows,
            note: Some(adjust_note(
                report.adjust,
                w,
                (
                    "*Note.* *p* adj.: adjusted across the measures with",
                    "*注：*校正 *p* 采用",
                ),
                (
                    "*Note.* *p* adj.: not adjusted (equal to *p*).",
                    "*注：*校正 *p* 未作校正（等于 *p*）。",
                ),
            )),
        }));
        blocks.push(Block::List(
            report
                .results
                .iter()
                .map(|r| measure_line(scale, &r.measure, w, &paired_sentence(r, report.conf, w)))
                .collect(),
        ));
        blocks.extend(notes_and_left_out(
            scale,
            result_notes(scale, &report.results, w),
            &report.excluded,
            w,
        ));
    }
    blocks
}

/// The ANCOVA of the second wave (or, with `waves`, of a later wave) adjusted for the first.
pub(super) fn between_section(
    scale: &Scale,
    report: &crate::analysis::report::Report<AncovaResult>,
    waves: Option<[&str; 2]>,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let ci = conf_label(report.conf);
    let adjusted = |r: &AncovaResult, g: usize| {
        r.groups
            .get(g)
            .map_or_else(|| "—".to_owned(), |g| num(g.adj_mean, 2))
    };
    let rows = report
        .results
        .iter()
        .map(|r| {
            vec![
                measure_name(scale, &r.measure, w),
                adjusted(r, 0),
                adjusted(r, 1),
                with_interval(
                    r.adj_diff.estimate,
                    r.adj_diff.ci_low,
                    r.adj_diff.ci_high,
                    2,
                ),
                format!(
                    "{} (1, {})",
                    num(r.group_effect.f, 2),
                    num(r.group_effect.df2, 0)
                ),
                w.p_cell(r.group_effect.p),
                w.p_cell(r.group_effect.p_adj),
                no_leading_zero(r.group_effect.partial_eta2, 2),
                w.p_cell(r.slopes_homogeneity.p),
            ]
        })
        .collect();
    let mut blocks = vec![Block::Table(Table {
        caption: counter.table(
            w,
            &match (waves, w.0) {
                (None, _) => w
                    .t(
                        "Post-test scores adjusted for pre-test (ANCOVA)",
                        "控制前测后的后测得分比较（协方差分析）",
                    )
                    .to_owned(),
                (Some([first, later]), Lang::En) => format!(
                    "Scores at {} adjusted for {} (ANCOVA)",
                    w.wave(later),
                    w.wave(first)
                ),
                (Some([first, later]), Lang::Zh) => format!(
                    "控制{}后的{}得分比较（协方差分析）",
                    w.wave(first),
                    w.wave(later)
                ),
            },
        ),
        header: vec![
            w.t("measure", "指标").to_owned(),
            format!("{} {}", w.group(&report.levels[0]), w.t("adj. *M*", "调整 *M*")),
            format!("{} {}", w.group(&report.levels[1]), w.t("adj. *M*", "调整 *M*")),
            format!("{} [{ci}]", w.t("difference", "差值")),
            "*F* (*df*)".to_owned(),
            w.p_symbol().to_owned(),
            w.with_p("*p* adj.", "校正 *p*"),
            "η²~p~".to_owned(),
            w.with_p("*p* (slopes)", "*p*（斜率同质）"),
        ],
        rows,
        note: Some(w.p_styled(&match (waves, w.0) {
            (None, _) => w
                .t(
                    "*Note.* Adjusted means are post-test means at the overall pre-test mean; difference = intervention − control. A small *p* (slopes) warns that the effect of the pre-test differs between the groups.",
                    "*注：*调整均数为总体前测均数处的后测均数；差值 = 干预组 − 对照组。斜率同质性检验 *p* 较小提示两组前测的影响不同。",
                )
                .to_owned(),
            (Some([first, later]), Lang::En) => format!(
                "*Note.* Adjusted means are the means at {} at the overall mean at {}; difference = {} − {}. A small *p* (slopes) warns that the effect of the first wave differs between the groups.",
                w.wave(later),
                w.wave(first),
                w.group(&report.levels[0]),
                w.group(&report.levels[1])
            ),
            (Some([first, later]), Lang::Zh) => format!(
                "*注：*调整均数为{}总体均数处的{}均数；差值 = {} − {}。斜率同质性检验 *p* 较小提示首次测量的影响在两组间不同。",
                w.wave(first),
                w.wave(later),
                w.group(&report.levels[0]),
                w.group(&report.levels[1])
            ),
        })),
    })];
    blocks.push(Block::List(
        report
            .results
            .iter()
            .map(|r| {
                let result = format!(
                    "*F*(1, {}) = {}, {}, η²~p~ = {}; {} {}, {ci} {}",
                    num(r.group_effect.df2, 0),
                    num(r.group_effect.f, 2),
                    w.p_text(r.group_effect.p),
                    no_leading_zero(r.group_effect.partial_eta2, 2),
                    w.t("adjusted difference", "调整后差值"),
                    num(r.adj_diff.estimate, 2),
                    interval(r.adj_diff.ci_low, r.adj_diff.ci_high, 2)
                );
                measure_line(scale, &r.measure, w, &result)
            })
            .collect(),
    ));
    blocks.extend(notes_list(result_notes(scale, &report.results, w)));
    blocks
}
