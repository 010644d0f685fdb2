//! The method section: design and sample, instruments, the analyses and why.

use super::super::analyses::ScaleResults;
use super::super::names::zu;
use super::super::{Design, StudyRun};
use super::{Words, adjust_name, group_name, measure_name, scale_name};
use crate::compare::LEVENE_ALPHA;
use crate::output::apa::{conf_label, no_leading_zero};
use crate::report::{Block, escape};
use crate::scale::{Direction, MissingRule, Scale};
use crate::stats::adjust::Adjust;
use crate::study::{Analysis, Lang};

pub(super) fn methods(run: &StudyRun, w: Words) -> Vec<Block> {
    let study = &run.study;
    let mut blocks = Vec::new();
    let first = run.results.first();
    let pairs: usize = first.map_or(0, |r| r.sample.groups.iter().map(|g| g.complete).sum());
    let waves = &run.levels;
    let sizes = |format_size: &dyn Fn(usize, String) -> String| -> Vec<String> {
        first
            .map(|r| {
                r.sample
                    .groups
                    .iter()
                    .map(|g| format_size(g.complete, group_name(&g.group, w)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let wave_list = || {
        let names: Vec<String> = waves.iter().map(|wave| w.wave(wave)).collect();
        w.and_list(&names)
    };
    let k = waves.len();
    let design = match (run.design, w.0) {
        (Design::TwoGroups, Lang::En) if k == 2 => {
            let groups = study.groups.as_ref().expect("two groups");
            let sizes = sizes(&|n, group| format!("{n} in the {group} group"));
            let [intervention, control] = groups.pair().unwrap_or_default();
            format!(
                "Design: pre-test/post-test with an intervention group ({}) and a control group ({}). {pairs} people answered both times: {}.",
                w.group(&intervention),
                w.group(&control),
                w.and_list(&sizes)
            )
        }
        (Design::TwoGroups, Lang::Zh) if k == 2 => {
            let sizes = sizes(&|n, group| format!("{} {n} 人", zu(&group)));
            format!(
                "设计：干预组与对照组前后测设计。共 {pairs} 人完成前测与后测（{}）。",
                w.and_list(&sizes)
            )
        }
        (Design::TwoGroups | Design::SeveralGroups, Lang::En) => {
            let groups = study.groups.as_ref().expect("groups");
            let names: Vec<String> = groups.levels.iter().map(|g| w.group(g)).collect();
            let control = groups
                .control
                .as_ref()
                .map_or_else(String::new, |c| format!(", {} the control group", w.group(c)));
            let sizes = sizes(&|n, group| format!("{n} in {group}"));
            format!(
                "Design: {} groups ({}{control}), each measured at {k} waves ({}). {pairs} people answered at every wave: {}.",
                groups.levels.len(),
                w.and_list(&names),
                wave_list(),
                w.and_list(&sizes)
            )
        }
        (Design::TwoGroups | Design::SeveralGroups, Lang::Zh) => {
            let groups = study.groups.as_ref().expect("groups");
            let names: Vec<String> = groups.levels.iter().map(|g| w.group(g)).collect();
            let control = groups
                .control
                .as_ref()
                .map(|c| w.group(c))
                .filter(|c| c != "对照组")
                .map_or_else(String::new, |c| format!("，{c}为对照组"));
            let sizes = sizes(&|n, group| format!("{} {n} 人", zu(&group)));
            format!(
                "设计：{} 组（{}{control}），每组测量 {k} 次（{}）。共 {pairs} 人完成全部测量（{}）。",
                groups.levels.len(),
                w.and_list(&names),
                wave_list(),
                w.and_list(&sizes)
            )
        }
        (Design::OneGroup, Lang::En) if k == 2 => format!(
            "Design: one group measured before and after the intervention (no control group); {pairs} people answered both times."
        ),
        (Design::OneGroup, Lang::Zh) if k == 2 => {
            format!("设计：单组前后测设计（无对照组）；共 {pairs} 人完成前测与后测。")
        }
        (Design::OneGroup, Lang::En) => format!(
            "Design: one group (no control group) measured at {k} waves ({}); {pairs} people answered at every wave.",
            wave_list()
        ),
        (Design::OneGroup, Lang::Zh) => format!(
            "设计：单组重复测量设计（无对照组），共测量 {k} 次（{}）；共 {pairs} 人完成全部测量。",
            wave_list()
        ),
        (Design::SingleCase, Lang::En) if k == 2 => {
            "Design: a single case measured before and after the intervention; change is judged with the reliable change index.".to_owned()
        }
        (Design::SingleCase, Lang::Zh) if k == 2 => {
            "设计：个案前后测；以可靠变化指数判断变化。".to_owned()
        }
        (Design::SingleCase, Lang::En) => format!(
            "Design: a single case measured at {k} waves ({}); change from the first wave is judged with the reliable change index.",
            wave_list()
        ),
        (Design::SingleCase, Lang::Zh) => format!(
            "设计：个案测量 {k} 次（{}）；以可靠变化指数判断相对首次测量的变化。",
            wave_list()
        ),
    };
    let left_out = first.map_or(0, |r| {
        r.sample
            .excluded
            .iter()
            .filter(|e| e.measure.is_none())
            .count()
    });
    let design = match (left_out, w.0) {
        (0, _) => design,
        (1, Lang::En) => format!(
            "{design} One more row is left out of the comparisons over time (see Participants)."
        ),
        (n, Lang::En) => format!(
            "{design} {n} more rows are left out of the comparisons over time (see Participants)."
        ),
        (n, Lang::Zh) => format!("{design}另有 {n} 条记录未纳入前后测分析（见“研究对象”）。"),
    };
    blocks.push(Block::Paragraph(design));

    let mut instruments = Vec::new();
    for (scale, results) in run.scales.iter().zip(&run.results) {
        instruments.push(instrument_sentence(scale, results, w));
    }
    blocks.push(Block::Paragraph(format!(
        "{}{}",
        w.t("Instruments: ", "测量工具："),
        instruments.join(w.t(" ", ""))
    )));
    blocks.push(Block::Paragraph(analysis_paragraph(run, w)));
    blocks
}

pub(super) fn instrument_sentence(scale: &Scale, results: &ScaleResults, w: Words) -> String {
    let subscales: Vec<String> = scale
        .subscales()
        .map(|s| measure_name(scale, &s.id, w))
        .collect();
    let direction = match (scale.better, w.0) {
        (Some(Direction::Lower), Lang::En) => " Lower scores are better.",
        (Some(Direction::Higher), Lang::En) => " Higher scores are better.",
        (Some(Direction::Lower), Lang::Zh) => "得分越低越好。",
        (Some(Direction::Higher), Lang::Zh) => "得分越高越好。",
        (None, _) => "",
    };
    let alpha = results
        .reliability
        .as_ref()
        .and_then(|r| r.results.iter().find(|m| m.measure == "total"))
        .and_then(|m| m.alpha);
    let missing = scale.total().map(|total| match (total.missing, w.0) {
        (MissingRule::MaxMissing(0), Lang::En) => {
            " A score needs every item answered.".to_owned()
        }
        (MissingRule::MaxMissing(0), Lang::Zh) => "计分要求所有条目均作答。".to_owned(),
        (rule, Lang::En) => format!(
            " Up to {} of the {} items may be unanswered; such scores are prorated (the mean of the answered items times the number of items).",
            rule.allowed(scale.item_count()),
            scale.item_count()
        ),
        (rule, Lang::Zh) => format!(
            "{} 个条目中最多允许 {} 个缺失，缺失时按已答条目均分折算。",
            scale.item_count(),
            rule.allowed(scale.item_count())
        ),
    });
    match w.0 {
        Lang::En => format!(
            "{}{}: {} items{}.{}{}{}",
            scale_name(scale, w),
            scale
                .citation
                .as_ref()
                .map_or_else(String::new, |c| format!(" ({})", escape(c))),
            scale.item_count(),
            if subscales.is_empty() {
                String::new()
            } else {
                format!(", subscales {}", w.and_list(&subscales))
            },
            direction,
            missing.unwrap_or_default(),
            alpha.map_or_else(String::new, |a| format!(
                " Cronbach's α of the total at pre-test in this sample: {}.",
                no_leading_zero(Some(a), 2)
            )),
        ),
        Lang::Zh => format!(
            "{}{}：共 {} 个条目{}。{}{}{}",
            scale_name(scale, w),
            scale
                .citation
                .as_ref()
                .map_or_else(String::new, |c| format!("（{}）", escape(c))),
            scale.item_count(),
            if subscales.is_empty() {
                String::new()
            } else {
                format!("，包括{}维度", w.and_list(&subscales))
            },
            direction,
            missing.unwrap_or_default(),
            alpha.map_or_else(String::new, |a| format!(
                "本样本前测总分 Cronbach's α = {}。",
                no_leading_zero(Some(a), 2)
            )),
        ),
    }
}

pub(super) fn analysis_paragraph(run: &StudyRun, w: Words) -> String {
    let study = &run.study;
    let ci = conf_label(study.conf);
    let alpha = w.alpha_text(study.alpha);
    let (adjusted, how, zh_adjusted) = adjusted_parts(study.adjust, w);
    let p = w.p_symbol();
    let has = |a: Analysis| run.analyses.contains(&a);
    let tests = has(Analysis::Baseline) || has(Analysis::Within) || has(Analysis::Between);
    let mut parts = vec![match (tests, w.0) {
        (true, Lang::En) => format!(
            "Analysis: all tests are two-sided with α = {alpha}; {p}-values are {adjusted} across the subscales and total of each questionnaire{how}, and intervals are {ci}s."
        ),
        (true, Lang::Zh) => format!(
            "统计分析：所有检验均为双侧，显著性水平 α = {alpha}；各量表的维度与总分的 {p} 值{zh_adjusted}；区间为 {ci}。"
        ),
        (false, _) => w.t("Analysis:", "统计分析：").to_owned(),
    }];
    if let Some(participants) = run.participants.as_ref().filter(|p| p.groups.len() >= 2) {
        let several = participants.groups.len() > 2;
        parts.push(
            match (several, w.0) {
                (false, Lang::En) => "The participants' characteristics are compared between the groups with Pearson's χ² test, or Fisher's exact test where an expected count is below 5, and the t-test and the Mann–Whitney U test (Table 1).",
                (true, Lang::En) => "The participants' characteristics are compared between the groups with Pearson's χ² test, or Fisher's exact test where an expected count is below 5, and the one-way ANOVA and the Kruskal–Wallis test (Table 1).",
                (false, Lang::Zh) => "研究对象一般资料的组间比较，分类资料采用 χ² 检验（理论频数小于 5 时采用 Fisher 确切概率法），计量资料采用 t 检验和 Mann–Whitney U 检验（表 1）。",
                (true, Lang::Zh) => "研究对象一般资料的组间比较，分类资料采用 χ² 检验（理论频数小于 5 时采用 Fisher 确切概率法），计量资料采用单因素方差分析和 Kruskal–Wallis 检验（表 1）。",
            }
            .to_owned(),
        );
    }
    let methods = [
        (
            Analysis::Reliability,
            w.t(
                "Internal consistency at pre-test is Cronbach's α with Feldt's interval and McDonald's ω (one-factor model).",
                "以前测数据计算 Cronbach's α（Feldt 置信区间）和 McDonald's ω（单因子模型）评估内部一致性。",
            ),
        ),
        (
            Analysis::Baseline,
            w.t(
                "The groups are compared at baseline with Welch's t-test and the Mann–Whitney U test; Cohen's d with its noncentral-t interval.",
                "基线时两组比较采用 Welch t 检验和 Mann–Whitney U 检验，效应量为 Cohen's d（非中心 t 分布置信区间）。",
            ),
        ),
        (
            Analysis::Within,
            w.t(
                "Pre/post change within each group is tested with the paired t-test and, because the samples are small and need not be normal, the Wilcoxon signed-rank test (exact *p*-values up to 50 pairs); the effect size is *d*~z~ (mean change / SD of change) with its noncentral-t interval.",
                "组内前后测比较采用配对 t 检验；因样本量小且不一定服从正态分布，同时报告 Wilcoxon 符号秩检验（50 对以内为精确 *p* 值）；效应量为 *d*~z~（差值均数/差值标准差）及其非中心 t 分布置信区间。",
            ),
        ),
        (
            Analysis::Between,
            w.t(
                "The post-test scores of the groups are compared adjusting for the pre-test scores (ANCOVA, type II sums of squares, partial η²), with the homogeneity of regression slopes checked.",
                "以前测得分为协变量，采用协方差分析（II 型平方和，偏 η²）比较两组后测得分，并检验回归斜率同质性。",
            ),
        ),
        (
            Analysis::Change,
            w.t(
                "Each person's change is judged with Jacobson and Truax's reliable change index, RCI = (post − pre) / *S*~diff~ with *S*~diff~ = √2 · SD · √(1 − r); |RCI| > 1.96 is a reliable change.",
                "个体变化采用 Jacobson 与 Truax 的可靠变化指数：RCI = (后测 − 前测) / *S*~diff~，*S*~diff~ = √2 · SD · √(1 − r)；|RCI| > 1.96 为可靠变化。",
            ),
        ),
    ];
    let several = run.levels.len() > 2;
    let arms = run.design == Design::SeveralGroups;
    parts.extend(
        methods
            .into_iter()
            .filter(|(analysis, _)| has(*analysis))
            .filter(|(analysis, _)| !several || *analysis != Analysis::Within)
            .map(|(analysis, sentence)| match analysis {
                Analysis::Baseline | Analysis::Between if arms => arms_sentence(run, analysis, w),
                _ => w.p_styled(sentence),
            }),
    );
    if run.results.iter().any(|r| r.lmm.is_some()) {
        parts.push(
            w.t(
                "Change over the waves is analysed with a linear mixed model with a random intercept per person, fitted by REML with Satterthwaite's degrees of freedom (as R's lme4 and lmerTest), which uses every score of everyone with a score at some wave: type III tests of group, time and group × time, the estimated marginal means (as R's emmeans), and the change between every pair of waves within each group (Holm's method within each group). The ANOVAs of the people with every wave are reported as a sensitivity analysis.",
                "各时间点的变化采用以个体为随机截距的线性混合模型分析，以限制性最大似然法估计，自由度采用 Satterthwaite 法（与 R 的 lme4 和 lmerTest 相同），纳入在任一时间点有得分者的全部得分：报告组别、时间及组别 × 时间的 III 型检验、估计边际均值（与 R 的 emmeans 相同）以及各组内两两时间点间的变化（组内采用 Holm 法校正）。仅纳入各时间点均有得分者的方差分析作为敏感性分析报告。",
            )
            .to_owned(),
        );
    }
    if has(Analysis::Mixed) && !several {
        parts.push(mixed_sentence(run, w));
    }
    if several {
        parts.extend(waves_paragraph(run, w));
    }
    parts.join(w.t(" ", ""))
}

/// How three groups or more are compared at one wave: at baseline, or at each later wave.
fn arms_sentence(run: &StudyRun, analysis: Analysis, w: Words) -> String {
    let first = w.wave(&run.levels[0]);
    let baseline = run.analyses.contains(&Analysis::Baseline);
    let later = match (run.levels.as_slice(), w.0) {
        ([_, second], Lang::En) => format!("at {}", w.wave(second)),
        ([_, second], Lang::Zh) => format!("{}时", w.wave(second)),
        (_, Lang::En) => "at each later wave".to_owned(),
        (_, Lang::Zh) => "各后续时间点".to_owned(),
    };
    let levene = format!("{} < {}", w.p_symbol(), w.alpha_text(LEVENE_ALPHA));
    let tests = match w.0 {
        Lang::En => format!(
            "the one-way ANOVA (η²), Welch's ANOVA and the Kruskal–Wallis test; pairs of groups with Tukey's HSD, or Games–Howell where Levene's test (median-centred, {levene}) finds unequal variances, and Dunn's test with Holm's method"
        ),
        Lang::Zh => format!(
            "单因素方差分析（η²）、Welch 方差分析与 Kruskal–Wallis 检验；两两比较采用 Tukey HSD（Levene 检验（中位数中心化，{levene}）提示方差不齐时采用 Games–Howell 检验）及 Dunn 检验（Holm 法校正）"
        ),
    };
    match (analysis, w.0) {
        (Analysis::Baseline, Lang::En) => {
            format!("The groups are compared at {first} with {tests}.")
        }
        (Analysis::Baseline, Lang::Zh) => format!("{first}时各组比较采用{tests}。"),
        (_, Lang::En) if baseline => format!(
            "The groups are compared {later} with the same tests; these compare the scores at that wave, not the change, which is the group × time effect of the mixed ANOVA."
        ),
        (_, Lang::Zh) if baseline => format!(
            "{later}各组比较采用相同的检验；此比较针对该时间点的得分而非变化量，变化的组间差异见混合设计方差分析的组别 × 时间交互效应。"
        ),
        (_, Lang::En) => format!(
            "The groups are compared {later} with {tests}; these compare the scores at that wave, not the change, which is the group × time effect of the mixed ANOVA."
        ),
        (_, Lang::Zh) => format!(
            "{later}各组比较采用{tests}；此比较针对该时间点的得分而非变化量，变化的组间差异见混合设计方差分析的组别 × 时间交互效应。"
        ),
    }
}

/// The mixed ANOVA and its simple effects (with three groups or more, their pairs).
fn mixed_sentence(run: &StudyRun, w: Words) -> String {
    let adjust = adjust_name(run.study.adjust, w);
    let zh_adjusted = adjusted_parts(run.study.adjust, w).2;
    let pairs = match (run.design == Design::SeveralGroups, w.0) {
        (false, _) => "",
        (true, Lang::En) => {
            "; the groups at each wave are then compared in pairs (Tukey's HSD, Games–Howell, Dunn)"
        }
        (true, Lang::Zh) => {
            "；各时间点的组别效应之后进行组间两两比较（Tukey HSD、Games–Howell、Dunn）"
        }
    };
    match w.0 {
        Lang::En => format!(
            "The groups are compared over the waves with a mixed ANOVA (group between people, time within, type III sums of squares; partial and generalized η²), followed by the simple effects of time within each group and of group at each wave ({adjust} within each family){pairs}."
        ),
        Lang::Zh => format!(
            "采用混合设计方差分析（组别为被试间因素，时间为被试内因素，III 型平方和；偏 η² 与广义 η²）比较各组随时间的变化，并检验各组内的时间简单效应和各时间点的组别简单效应（每类效应内{zh_adjusted}）{pairs}。"
        ),
    }
}

/// What a study with three waves or more adds: the ANOVAs over the waves, how sphericity is
/// judged, and which waves the ANCOVA and the reliable change compare.
fn waves_paragraph(run: &StudyRun, w: Words) -> Vec<String> {
    let has = |a: Analysis| run.analyses.contains(&a);
    let alpha = w.alpha_text(run.study.alpha);
    let (adjusted, how, zh_adjusted) = adjusted_parts(run.study.adjust, w);
    let p = w.p_symbol();
    let first = w.wave(&run.levels[0]);
    let mut parts = Vec::new();
    if has(Analysis::Within) {
        parts.push(match w.0 {
            Lang::En => format!(
                "Change over the waves within each group is tested with a repeated-measures ANOVA (generalized η²) and Friedman's test (Kendall's W); every pair of waves is compared with the paired t-test and the Wilcoxon signed-rank test, {p}-values {adjusted} across the pairs{how}."
            ),
            Lang::Zh => format!(
                "组内各时间点的变化采用重复测量方差分析（广义 η²）与 Friedman 检验（Kendall's W）；两两时间点采用配对 t 检验与 Wilcoxon 符号秩检验，{p} 值在两两比较间{zh_adjusted}。"
            ),
        });
    }
    if has(Analysis::Mixed) {
        parts.push(mixed_sentence(run, w));
    }
    if has(Analysis::Within) || has(Analysis::Mixed) {
        parts.push(match w.0 {
            Lang::En => format!(
                "Sphericity is tested with Mauchly's test; where it is rejected ({p} < {alpha}), degrees of freedom and {p}-values are corrected with the Greenhouse–Geisser ε."
            ),
            Lang::Zh => format!(
                "以 Mauchly 检验检验球形假设；不满足时（{p} < {alpha}）以 Greenhouse–Geisser ε 校正自由度和 {p} 值。"
            ),
        });
    }
    let ancova = has(Analysis::Between) && run.design == Design::TwoGroups;
    match (ancova, has(Analysis::Change), w.0) {
        (true, _, Lang::En) => parts.push(format!(
            "Each later wave is compared with the first ({first}): the ANCOVA adjusts its scores for those at {first}, and the reliable change index is computed from {first} to it."
        )),
        (true, _, Lang::Zh) => parts.push(format!(
            "各后续时间点均与首次测量（{first}）比较：协方差分析以{first}得分为协变量，可靠变化指数亦以{first}为起点计算。"
        )),
        (false, true, Lang::En) => parts.push(format!(
            "The reliable change index is computed from the first wave ({first}) to each later one."
        )),
        (false, true, Lang::Zh) => {
            parts.push(format!("可靠变化指数以首次测量（{first}）为起点计算至各后续时间点。"))
        }
        (false, false, _) => {}
    }
    parts
}

/// How the study adjusts p-values, for a sentence: ("adjusted", " (Holm's method)", "采用 Holm 法校正"),
/// or without adjustment ("not adjusted", "", "不作校正").
fn adjusted_parts(adjust: Adjust, w: Words) -> (&'static str, String, String) {
    match adjust {
        Adjust::None => ("not adjusted", String::new(), "不作校正".to_owned()),
        _ => (
            "adjusted",
            format!(" ({})", adjust_name(adjust, w)),
            format!("采用 {}校正", adjust_name(adjust, w)),
        ),
    }
}
