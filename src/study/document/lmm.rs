//! The linear mixed model in the report: why it is the main analysis of change, the people and
//! scores at each wave with the variance components, the type III tests, the estimated means and
//! the changes within each group (`psyscore compare lmm`).

use super::super::StudyRun;
use super::{
    Counter, Words, adjust_name, group_name, measure_line, measure_name, notes_and_left_out,
    result_notes,
};
use crate::analysis::tables::{df_text, f_cell_of};
use crate::analysis::waves::WavesReport;
use crate::compare::{Emmean, LmmResult};
use crate::output::apa::{conf_label, no_leading_zero, num};
use crate::report::{Block, Table, escape};
use crate::scale::Scale;
use crate::stats::adjust::Adjust;
use crate::study::{Analysis, Lang};

/// The sentence that says why the mixed model is the main analysis: who misses a wave (the
/// completers' ANOVA leaves them out), or the number of waves.
pub(super) fn why_sentence(run: &StudyRun, report: &WavesReport<LmmResult>, w: Words) -> String {
    let waves = run.levels.len();
    let incomplete = report
        .results
        .iter()
        .map(|r| {
            let complete = r.per_wave.iter().map(|wave| wave.n).min().unwrap_or(0);
            (r.n_persons, r.n_persons.saturating_sub(complete))
        })
        .max_by_key(|&(_, missing)| missing)
        .unwrap_or((0, 0));
    let grouped = run.study.groups.is_some();
    // What the completers' analysis of change is: the mixed ANOVA when it ran (three waves, or
    // three groups), else the ANOVA within the one group, else the pre/post comparisons.
    let mixed = grouped && run.analyses.contains(&Analysis::Mixed);
    let anova = match (waves, grouped) {
        _ if mixed => w.t("the mixed ANOVA", "混合设计方差分析"),
        (2, true) => w.t(
            "the pre/post comparisons and the ANCOVA",
            "前后测比较与协方差分析",
        ),
        (2, false) => w.t("the pre/post comparisons", "前后测比较"),
        _ => w.t("the repeated-measures ANOVA", "重复测量方差分析"),
    };
    let formula = match (run.study.groups.is_some(), w.0) {
        (true, Lang::En) => "score \\~ group × time + (1 \\| person)",
        (false, Lang::En) => "score \\~ time + (1 \\| person)",
        (true, Lang::Zh) => "得分 \\~ 组别 × 时间 + (1 \\| 个体)",
        (false, Lang::Zh) => "得分 \\~ 时间 + (1 \\| 个体)",
    };
    let (keeps, leaves, follow) = if waves == 2 && !mixed {
        ("keep", "leave", "follow")
    } else {
        ("keeps", "leaves", "follows")
    };
    let reason = match (incomplete, w.0) {
        ((n, missing), Lang::En) if missing > 0 => {
            let lack = if missing == 1 { "lacks" } else { "lack" };
            format!(
                "Of the {n} people with a score at some wave, {missing} {lack} a score at a wave (the largest number over the measures); {anova} {keeps} only those with every wave, and so {leaves} out the people most affected by dropout."
            )
        }
        ((n, missing), Lang::Zh) if missing > 0 => format!(
            "在任一时间点有得分的 {n} 人中，有 {missing} 人缺少某一时间点的得分（各指标中的最大人数）；{anova}只纳入各时间点均有得分者，会排除受失访影响最大的研究对象。"
        ),
        (_, Lang::En) => format!(
            "With {waves} waves, the model needs no sphericity and would keep anyone who missed a wave."
        ),
        (_, Lang::Zh) => format!(
            "研究共有 {waves} 个时间点，该模型不要求球形假设，且能保留缺少某一时间点得分的研究对象。"
        ),
    };
    match w.0 {
        Lang::En => format!(
            "{reason} The main analysis of change over the waves is therefore a linear mixed model with a random intercept per person ({formula}, REML, Satterthwaite's degrees of freedom, as R's lme4 and lmerTest fit it), which uses every score; {anova} of the people with every wave {follow} as a sensitivity analysis."
        ),
        Lang::Zh => format!(
            "{reason}因此，各时间点变化的主要分析采用以个体为随机截距的线性混合模型（{formula}，限制性最大似然估计，Satterthwaite 自由度，与 R 的 lme4 和 lmerTest 相同），纳入全部得分；仅纳入各时间点均有得分者的{anova}作为敏感性分析。"
        ),
    }
}

/// The section of the mixed model of one questionnaire's measures.
pub(super) fn lmm_section(
    run: &StudyRun,
    scale: &Scale,
    report: &WavesReport<LmmResult>,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let conf = report.conf.unwrap_or(run.study.conf);
    let mut blocks = vec![Block::Paragraph(why_sentence(run, report, w))];
    blocks.push(sample_table(run, scale, report, w, counter));
    blocks.push(tests_table(scale, report, w, counter));
    blocks.push(Block::List(
        report
            .results
            .iter()
            .filter_map(|r| {
                let interaction = r.anova.iter().find(|row| row.term == "group:time")?;
                Some(measure_line(
                    scale,
                    &r.measure,
                    w,
                    &format!(
                        "{}{}",
                        w.t("group × time: ", "组别 × 时间："),
                        test_text(
                            interaction.f,
                            interaction.df1,
                            interaction.df2,
                            interaction.p,
                            w
                        )
                    ),
                ))
            })
            .collect(),
    ));
    blocks.push(means_table(run, scale, report, conf, w, counter));
    blocks.push(changes_table(run, scale, report, w, counter));
    blocks.extend(notes_and_left_out(
        scale,
        result_notes(scale, &report.results, w),
        &report.excluded,
        w,
    ));
    blocks.retain(|block| !matches!(block, Block::List(items) if items.is_empty()));
    blocks
}

/// `*F*(1, 29.71) = 12.34, *p* < .001`, or a dash when undefined.
fn test_text(
    f: Option<f64>,
    df1: Option<f64>,
    df2: Option<f64>,
    p: Option<f64>,
    w: Words,
) -> String {
    match (f, df1, df2) {
        (Some(f), Some(df1), Some(df2)) => format!(
            "*F*({}, {}) = {}, {}",
            df_text(df1),
            df_text(df2),
            num(Some(f), 2),
            w.p_text(p)
        ),
        _ => "—".to_owned(),
    }
}

/// People and scores at each wave, and the variance components.
fn sample_table(
    run: &StudyRun,
    scale: &Scale,
    report: &WavesReport<LmmResult>,
    w: Words,
    counter: &mut Counter,
) -> Block {
    let mut header = vec![
        w.t("measure", "指标").to_owned(),
        w.t("people", "人数").to_owned(),
    ];
    header.extend(
        run.levels
            .iter()
            .map(|wave| format!("*n* {}", w.wave(wave))),
    );
    header.extend([
        w.t("σ²~person~", "σ²~个体~").to_owned(),
        w.t("σ²~residual~", "σ²~残差~").to_owned(),
        "ICC".to_owned(),
    ]);
    let rows = report
        .results
        .iter()
        .map(|r| {
            let mut row = vec![measure_name(scale, &r.measure, w), r.n_persons.to_string()];
            row.extend(r.per_wave.iter().map(|wave| wave.n.to_string()));
            match &r.random {
                Some(random) => row.extend([
                    num(Some(random.intercept_var), 2),
                    num(Some(random.residual_var), 2),
                    no_leading_zero(Some(random.icc), 2),
                ]),
                None => row.extend(["—", "—", "—"].map(str::to_owned)),
            }
            row
        })
        .collect();
    Block::Table(Table {
        caption: counter.table(
            w,
            w.t(
                "Linear mixed model: people, scores at each wave and variance components",
                "线性混合模型：人数、各时间点得分数与方差成分",
            ),
        ),
        header,
        rows,
        note: Some(
            w.t(
                "*Note.* People: everyone with a score at some wave; *n*: scores at each wave. σ²~person~: variance of the persons' random intercepts; σ²~residual~: residual variance; ICC = σ²~person~ / (σ²~person~ + σ²~residual~).",
                "*注：*人数：在任一时间点有得分者；*n*：各时间点的得分数。σ²~个体~：个体随机截距的方差；σ²~残差~：残差方差；ICC（组内相关系数）= σ²~个体~ / (σ²~个体~ + σ²~残差~)。",
            )
            .to_owned(),
        ),
    })
}

/// The type III tests of group, time and group × time.
fn tests_table(
    scale: &Scale,
    report: &WavesReport<LmmResult>,
    w: Words,
    counter: &mut Counter,
) -> Block {
    let mut rows = Vec::new();
    for r in &report.results {
        for (i, row) in r.anova.iter().enumerate() {
            let term = match row.term.as_str() {
                "group" => w.t("group", "组别").to_owned(),
                "time" => w.t("time", "时间").to_owned(),
                "group:time" => w.t("group × time", "组别 × 时间").to_owned(),
                other => escape(other),
            };
            rows.push(vec![
                if i == 0 {
                    measure_name(scale, &r.measure, w)
                } else {
                    String::new()
                },
                term,
                f_cell_of(row.f, row.df1, row.df2),
                w.p_cell(row.p),
            ]);
        }
        if r.anova.is_empty() {
            rows.push(vec![
                measure_name(scale, &r.measure, w),
                "—".to_owned(),
                "—".to_owned(),
                "—".to_owned(),
            ]);
        }
    }
    Block::Table(Table {
        caption: counter.table(
            w,
            w.t(
                "Linear mixed model: tests of the effects (type III)",
                "线性混合模型：各效应的检验（III 型）",
            ),
        ),
        header: vec![
            w.t("measure", "指标").to_owned(),
            w.t("effect", "效应").to_owned(),
            "*F* (*df*)".to_owned(),
            w.p_symbol().to_owned(),
        ],
        rows,
        note: Some(
            w.t(
                "*Note.* Denominator degrees of freedom by Satterthwaite's method (lmerTest).",
                "*注：*分母自由度采用 Satterthwaite 法（lmerTest）。",
            )
            .to_owned(),
        ),
    })
}

/// The estimated means of each group at each wave, the study's group order.
fn means_table(
    run: &StudyRun,
    scale: &Scale,
    report: &WavesReport<LmmResult>,
    conf: f64,
    w: Words,
    counter: &mut Counter,
) -> Block {
    let mut header = vec![
        w.t("measure", "指标").to_owned(),
        w.t("group", "组别").to_owned(),
    ];
    header.extend(
        run.levels
            .iter()
            .map(|wave| format!("{} *M* (*SE*)", w.wave(wave))),
    );
    let mut rows = Vec::new();
    for r in &report.results {
        for (i, group) in report_groups(run).iter().enumerate() {
            let mut row = vec![
                if i == 0 {
                    measure_name(scale, &r.measure, w)
                } else {
                    String::new()
                },
                group_name(group, w),
            ];
            row.extend(run.levels.iter().map(|wave| {
                emmean(r, group, wave).map_or_else(
                    || "—".to_owned(),
                    |m| format!("{} ({})", num(Some(m.emmean), 2), num(Some(m.se), 2)),
                )
            }));
            rows.push(row);
        }
    }
    Block::Table(Table {
        caption: counter.table(
            w,
            w.t(
                "Linear mixed model: estimated means",
                "线性混合模型：估计边际均值",
            ),
        ),
        header,
        rows,
        note: Some(match w.0 {
            Lang::En => format!(
                "*Note.* Estimated marginal means of the model (R's emmeans) with their standard errors; the figures show them with their {}.",
                conf_label(conf)
            ),
            Lang::Zh => format!(
                "*注：*模型的估计边际均值（与 R 的 emmeans 相同）及其标准误；图中另给出其 {}。",
                conf_label(conf)
            ),
        }),
    })
}

/// The change between every pair of waves within each group, later − earlier.
fn changes_table(
    run: &StudyRun,
    scale: &Scale,
    report: &WavesReport<LmmResult>,
    w: Words,
    counter: &mut Counter,
) -> Block {
    let mut rows = Vec::new();
    for r in &report.results {
        let mut first = true;
        for group in report_groups(run) {
            for c in r.contrasts.iter().filter(|c| c.group == group) {
                rows.push(vec![
                    if first {
                        measure_name(scale, &r.measure, w)
                    } else {
                        String::new()
                    },
                    group_name(&group, w),
                    format!("{} − {}", w.wave(&c.b), w.wave(&c.a)),
                    num(Some(-c.estimate), 2),
                    num(Some(c.se), 2),
                    match (c.t, c.df) {
                        (Some(t), Some(df)) => format!("{} ({})", num(Some(-t), 2), df_text(df)),
                        _ => "—".to_owned(),
                    },
                    w.p_cell(c.p),
                    w.p_cell(c.p_adj),
                ]);
                first = false;
            }
        }
    }
    Block::Table(Table {
        caption: counter.table(
            w,
            w.t(
                "Linear mixed model: change within each group",
                "线性混合模型：各组内时间点间的变化",
            ),
        ),
        header: vec![
            w.t("measure", "指标").to_owned(),
            w.t("group", "组别").to_owned(),
            w.t("waves", "时间点").to_owned(),
            w.t("difference", "差值").to_owned(),
            "*SE*".to_owned(),
            "*t* (*df*)".to_owned(),
            w.p_symbol().to_owned(),
            w.with_p("*p* adj.", "校正 *p*"),
        ],
        rows,
        note: Some(match w.0 {
            Lang::En => format!(
                "*Note.* Differences of the estimated means, the later wave − the earlier; {} within each group ({}).",
                w.with_p("*p* adjusted", "*p* adjusted"),
                adjust_name(Adjust::Holm, w)
            ),
            Lang::Zh => format!(
                "*注：*差值为估计边际均值之差（后一时间点 − 前一时间点）；{}在各组内采用 {}校正。",
                w.with_p("*p* 值", "*p* 值"),
                adjust_name(Adjust::Holm, w)
            ),
        }),
    })
}

/// The groups in the study file's order (`None` for a study without groups).
fn report_groups(run: &StudyRun) -> Vec<Option<String>> {
    match &run.study.groups {
        Some(groups) => groups.levels.iter().cloned().map(Some).collect(),
        None => vec![None],
    }
}

/// The estimated mean of `group` at `wave`.
fn emmean<'a>(r: &'a LmmResult, group: &Option<String>, wave: &str) -> Option<&'a Emmean> {
    r.emmeans
        .iter()
        .find(|m| m.group == *group && m.time == wave)
}
