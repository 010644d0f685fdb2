//! The report's discussion: what the study could have detected (the sensitivity of each
//! comparison it ran, [`crate::study::sensitivity`]) and the sample size of a next study
//! (`[[power]]`, [`crate::study::planning`]).

use super::{Words, heading, measure_name, scale_name};
use crate::output::apa::{fixed, no_leading_zero};
use crate::report::Block;
use crate::stats::Alternative;
use crate::stats::power::Term;
use crate::study::planning::{Plan, PlanTest};
use crate::study::sensitivity::{Comparison, Detectable, EffectSize, Sensitivity};
use crate::study::{Lang, PStyle, StudyRun};

/// The discussion section; empty when no questionnaire ran a comparison with a sensitivity and
/// the study file asks no sample size.
pub fn discussion_section(run: &StudyRun, w: Words) -> Vec<Block> {
    let mut blocks = sensitivity_blocks(run, w);
    if !run.study.plans.is_empty() {
        blocks.push(heading(
            3,
            w.t("Planning the next study", "下一项研究的样本量估计"),
        ));
        blocks.push(Block::List(
            run.study
                .plans
                .iter()
                .map(|plan| plan_line(plan, w))
                .collect(),
        ));
    }
    if !blocks.is_empty() {
        blocks.insert(
            0,
            heading(
                2,
                w.t(
                    "Discussion: what the study could detect",
                    "讨论：本研究能检出的效应",
                ),
            ),
        );
    }
    blocks
}

/// The smallest effects each questionnaire's comparisons could detect: a paragraph on what
/// they are, then each questionnaire's list.
fn sensitivity_blocks(run: &StudyRun, w: Words) -> Vec<Block> {
    let scales: Vec<(usize, &Sensitivity)> = run
        .results
        .iter()
        .enumerate()
        .filter_map(|(index, results)| results.sensitivity.as_ref().map(|s| (index, s)))
        .filter(|(_, sensitivity)| !sensitivity.comparisons.is_empty())
        .collect();
    let Some((_, first)) = scales.first() else {
        return Vec::new();
    };
    let mut blocks = Vec::new();
    let percent = fixed(first.power * 100.0, 0);
    let alpha = w.alpha_text(first.alpha);
    let mut intro = match w.0 {
        Lang::En => format!(
            "With the people each comparison had, α = {alpha} (two-sided) and {percent}% power, these are the smallest effects the study could have detected (a sensitivity analysis, computed as G\\*Power computes it). Smaller effects could have gone undetected: a non-significant result does not show that there is no effect."
        ),
        Lang::Zh => format!(
            "按各比较实际纳入的人数，在 α = {alpha}（双侧）、检验效能 {percent}% 时，本研究能检出的最小效应如下（敏感性分析，计算方法同 G\\*Power）。小于这些值的效应可能未被检出：差异无统计学意义并不说明效应不存在。"
        ),
    };
    let ancova = run
        .results
        .iter()
        .any(|results| results.between.is_some() || !results.between_waves.is_empty());
    if ancova {
        intro.push_str(w.t(
            " The figures for the groups are those of the *t*-test at each wave; the ANCOVA, adjusting for the first wave, detects smaller effects when the waves correlate.",
            "组间比较的数值按各时间点的 *t* 检验计算；协方差分析控制了首次测量，当各次测量相关时能检出更小的效应。",
        ));
    }
    blocks.push(Block::Paragraph(intro));
    for (index, sensitivity) in scales {
        let scale = &run.scales[index];
        blocks.push(heading(
            3,
            &format!(
                "{}{}{}",
                scale_name(scale, w),
                w.t(": ", "："),
                measure_name(scale, &sensitivity.measure, w),
            ),
        ));
        blocks.push(Block::List(
            sensitivity
                .comparisons
                .iter()
                .map(|detectable| detectable_line(detectable, w))
                .collect(),
        ));
    }
    blocks
}

/// One comparison's line: what it compares, its people and test, and the smallest effect.
fn detectable_line(detectable: &Detectable, w: Words) -> String {
    let n = n_text(&detectable.n, w);
    let what = match (&detectable.comparison, w.0) {
        (Comparison::Groups { wave }, Lang::En) => {
            format!("the groups at {} ({n}; two-sample *t*-test)", w.wave(wave))
        }
        (Comparison::Groups { wave }, Lang::Zh) => {
            format!("{}时两组比较（{n}；两独立样本 *t* 检验）", w.wave(wave))
        }
        (Comparison::Arms { wave }, Lang::En) => {
            format!("the groups at {} ({n}; one-way ANOVA)", w.wave(wave))
        }
        (Comparison::Arms { wave }, Lang::Zh) => {
            format!("{}时各组比较（{n}；单因素方差分析）", w.wave(wave))
        }
        (Comparison::Change { group: Some(group) }, Lang::En) => {
            format!(
                "the change within {} ({n}; paired *t*-test)",
                w.group(group)
            )
        }
        (Comparison::Change { group: Some(group) }, Lang::Zh) => {
            format!("{}前后变化（{n}；配对 *t* 检验）", w.group_zu(group))
        }
        (Comparison::Change { group: None }, Lang::En) => {
            format!("the change from the first wave to the second ({n}; paired *t*-test)")
        }
        (Comparison::Change { group: None }, Lang::Zh) => {
            format!("前后变化（{n}；配对 *t* 检验）")
        }
        (Comparison::Waves { group }, Lang::En) => format!(
            "the change over the waves{} ({n}; repeated-measures ANOVA, {})",
            group
                .as_ref()
                .map_or_else(String::new, |g| format!(" within {}", w.group(g))),
            assumed(detectable.rho, w)
        ),
        (Comparison::Waves { group }, Lang::Zh) => format!(
            "{}各时间点的变化（{n}；重复测量方差分析，{}）",
            group.as_ref().map_or_else(String::new, |g| w.group_zu(g)),
            assumed(detectable.rho, w)
        ),
        (Comparison::Interaction, Lang::En) => format!(
            "the group × time interaction ({n}; mixed ANOVA, {})",
            assumed(detectable.rho, w)
        ),
        (Comparison::Interaction, Lang::Zh) => format!(
            "组别 × 时间交互作用（{n}；混合设计方差分析，{}）",
            assumed(detectable.rho, w)
        ),
    };
    let symbol = match detectable.effect_size {
        EffectSize::D => "*d*",
        EffectSize::Dz => "*d*~z~",
        EffectSize::F => "*f*",
    };
    let effect = match detectable.effect {
        Some(effect) => format!("{symbol} ≥ {}", fixed(effect, 2)),
        None => w
            .t(
                "not computed: too few people, or scores that do not vary",
                "无法计算：人数过少或得分无变异",
            )
            .to_owned(),
    };
    format!("{what}{}{effect}", w.t(": ", "："))
}

/// What a repeated-measures figure assumes: the correlation between the waves the people show
/// and sphericity.
fn assumed(rho: Option<f64>, w: Words) -> String {
    match rho {
        Some(rho) => {
            let r = no_leading_zero(Some(rho), 2);
            match w.0 {
                Lang::En => format!("*r* = {r} between the waves, sphericity assumed"),
                Lang::Zh => format!("各时间点间相关 *r* = {r}，假定球形"),
            }
        }
        None => w
            .t("no correlation between the waves", "各时间点间相关无法计算")
            .to_owned(),
    }
}

/// `*n* = 8 and 9` (`*n* = 8 和 9`): the people of each group.
fn n_text(n: &[usize], w: Words) -> String {
    let numbers: Vec<String> = n.iter().map(usize::to_string).collect();
    let joined = match (w.0, numbers.as_slice()) {
        (_, [one]) => one.clone(),
        (Lang::En, _) => w.and_list(&numbers),
        (Lang::Zh, [init @ .., last]) => format!("{} 和 {last}", init.join("、")),
        (Lang::Zh, []) => String::new(),
    };
    format!("*n* = {joined}")
}

/// One `[[power]]` entry: what it detects, with which test, then the people needed and to
/// recruit.
fn plan_line(plan: &Plan, w: Words) -> String {
    let alpha = w.alpha_text(plan.alpha);
    let side = match plan.alternative {
        None => "",
        Some(Alternative::TwoSided) => w.t(", two-sided", "，双侧"),
        Some(_) => w.t(", one-sided", "，单侧"),
    };
    let effect = fixed(plan.effect, 2);
    let percent = fixed(plan.power * 100.0, 0);
    let achieved = match w.1 {
        PStyle::Apa => no_leading_zero(Some(plan.achieved_power), 3),
        PStyle::Zh => fixed(plan.achieved_power, 3),
    };
    let what = match (plan.test, w.0) {
        (PlanTest::Paired, Lang::En) => format!(
            "A change of *d*~z~ = {effect} (paired *t*-test, α = {alpha}{side}) with {percent}% power needs {} people (achieved power {achieved})",
            plan.n
        ),
        (PlanTest::Paired, Lang::Zh) => format!(
            "检出 *d*~z~ = {effect} 的前后变化（配对 *t* 检验，α = {alpha}{side}），检验效能 {percent}%：样本量为 {} 人（实际检验效能 {achieved}）",
            plan.n
        ),
        (PlanTest::Groups { .. }, Lang::En) => format!(
            "A difference of *d* = {effect} between two groups (two-sample *t*-test, α = {alpha}{side}) with {percent}% power needs {} (achieved power {achieved})",
            per_group(plan.n, plan.n2, 2, w)
        ),
        (PlanTest::Groups { .. }, Lang::Zh) => format!(
            "检出两组间 *d* = {effect} 的差异（两独立样本 *t* 检验，α = {alpha}{side}），检验效能 {percent}%：样本量为{}（实际检验效能 {achieved}）",
            per_group(plan.n, plan.n2, 2, w)
        ),
        (PlanTest::Anova { groups }, Lang::En) => format!(
            "An effect of *f* = {effect} among {groups} groups (one-way ANOVA, α = {alpha}) with {percent}% power needs {} (achieved power {achieved})",
            per_group(plan.n, None, groups, w)
        ),
        (PlanTest::Anova { groups }, Lang::Zh) => format!(
            "检出 {groups} 组间 *f* = {effect} 的效应（单因素方差分析，α = {alpha}），检验效能 {percent}%：样本量为{}（实际检验效能 {achieved}）",
            per_group(plan.n, None, groups, w)
        ),
        (
            PlanTest::Mixed {
                term,
                groups,
                waves,
                rho,
                eps,
            },
            lang,
        ) => {
            let rho = no_leading_zero(Some(rho), 2);
            let eps = fixed(eps, 2);
            let sizes = per_group(plan.n, None, groups, w);
            match (term, lang) {
                (Term::Interaction, Lang::En) => format!(
                    "A group × time interaction of *f* = {effect} for {groups} groups over {waves} waves (mixed ANOVA, ρ = {rho} between the waves, ε = {eps}, α = {alpha}) with {percent}% power needs {sizes} (achieved power {achieved})"
                ),
                (Term::Within, Lang::En) => format!(
                    "A change over {waves} waves of *f* = {effect} in {} (mixed ANOVA, ρ = {rho} between the waves, ε = {eps}, α = {alpha}) with {percent}% power needs {sizes} (achieved power {achieved})",
                    if groups == 1 {
                        "one group".to_owned()
                    } else {
                        format!("{groups} groups")
                    }
                ),
                (Term::Between, Lang::En) => format!(
                    "A difference among {groups} groups of *f* = {effect} over {waves} waves (mixed ANOVA, ρ = {rho} between the waves, α = {alpha}) with {percent}% power needs {sizes} (achieved power {achieved})"
                ),
                (Term::Interaction, Lang::Zh) => format!(
                    "检出 {groups} 组 × {waves} 个时间点的交互作用 *f* = {effect}（混合设计方差分析，各时间点间相关 ρ = {rho}，ε = {eps}，α = {alpha}），检验效能 {percent}%：样本量为{sizes}（实际检验效能 {achieved}）"
                ),
                (Term::Within, Lang::Zh) => format!(
                    "检出 {waves} 个时间点间 *f* = {effect} 的时间效应（{groups} 组，混合设计方差分析，各时间点间相关 ρ = {rho}，ε = {eps}，α = {alpha}），检验效能 {percent}%：样本量为{sizes}（实际检验效能 {achieved}）"
                ),
                (Term::Between, Lang::Zh) => format!(
                    "检出 {groups} 组间 *f* = {effect} 的组别主效应（{waves} 个时间点，混合设计方差分析，各时间点间相关 ρ = {rho}，α = {alpha}），检验效能 {percent}%：样本量为{sizes}（实际检验效能 {achieved}）"
                ),
            }
        }
    };
    if plan.dropout == 0.0 {
        return format!("{what}{}", w.t(".", "。"));
    }
    let dropout = fixed(plan.dropout * 100.0, 0);
    let recruit = match plan.test {
        PlanTest::Paired => match w.0 {
            Lang::En => format!("{} people", plan.recruit),
            Lang::Zh => format!(" {} 人", plan.recruit),
        },
        test => per_group(plan.recruit, plan.recruit2, test.groups(), w),
    };
    match w.0 {
        Lang::En => format!("{what}; expecting {dropout}% to drop out, recruit {recruit}."),
        Lang::Zh => format!("{what}；预计脱落率 {dropout}%，应招募{recruit}。"),
    }
}

/// `64 per group, 128 in all`, `40 and 80, 120 in all` (`每组 64 人，共 128 人`).
fn per_group(n: u64, n2: Option<u64>, groups: u64, w: Words) -> String {
    match (n2, w.0) {
        (Some(n2), Lang::En) => format!("{n} and {n2}, {} in all", n + n2),
        (Some(n2), Lang::Zh) => format!("两组分别 {n} 人和 {n2} 人，共 {} 人", n + n2),
        (None, Lang::En) => format!("{n} per group, {} in all", n * groups),
        (None, Lang::Zh) => format!("每组 {n} 人，共 {} 人", n * groups),
    }
}
