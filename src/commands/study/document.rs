//! The report of a study as a document: methods, then one results section per questionnaire
//! (sample, descriptives, reliability, baseline, within groups, between groups, individual
//! change, band transitions, figures), in English or Chinese. Numbers come from the results
//! exactly as `results.json` holds them, rounded for reading (APA style).

use super::StudyRun;
use super::analyses::ScaleResults;
use super::figures::{ScaleFigures, measure_title};
use crate::commands::pairing::Left;
use crate::compare::{AncovaResult, GroupsResult, PairedResult};
use crate::output::apa::{conf_label, interval, mean_sd, num, p_value};
use crate::report::{Block, Document, Table, escape};
use crate::scale::{Direction, MissingRule, Scale};
use crate::stats::adjust::Adjust;
use crate::stats::change::Change;
use crate::stats::rank::RankMethod;
use crate::study::{Analysis, Lang};

/// At most this many people are listed one by one in the individual-change table of the
/// report (all of them are in `tables/`).
pub const MAX_LISTED_PEOPLE: usize = 60;

/// The text of one language: `t(en, zh)` picks one of two translations.
#[derive(Debug, Clone, Copy)]
struct Words(Lang);

impl Words {
    fn t(self, en: &'static str, zh: &'static str) -> &'static str {
        self.0.pick(en, zh)
    }

    /// A list separator.
    fn and_list(self, items: &[String]) -> String {
        match self.0 {
            Lang::En => match items {
                [] => String::new(),
                [one] => one.clone(),
                [init @ .., last] => format!("{} and {last}", init.join(", ")),
            },
            Lang::Zh => items.join("、"),
        }
    }
}

/// Builds the report of a study run.
pub fn build(run: &StudyRun, figures: &[ScaleFigures]) -> Document {
    let w = Words(run.lang);
    let title = run.study.title.clone().unwrap_or_else(|| {
        let names: Vec<String> = run.scales.iter().map(|s| scale_name(s, w)).collect();
        format!(
            "{}{}",
            w.t("Evaluation: ", "评估报告："),
            w.and_list(&names)
        )
    });
    let mut blocks = vec![Block::Paragraph(match w.0 {
        Lang::En => format!(
            "Written by psyscore {} from the study file {}.",
            env!("CARGO_PKG_VERSION"),
            escape(&run.study.file)
        ),
        Lang::Zh => format!(
            "本报告由 psyscore {} 根据研究文件 {} 生成。",
            env!("CARGO_PKG_VERSION"),
            escape(&run.study.file)
        ),
    })];
    blocks.push(heading(2, w.t("Method", "方法")));
    blocks.extend(methods(run, w));
    let mut counter = Counter::default();
    for (index, results) in run.results.iter().enumerate() {
        let scale = &run.scales[index];
        blocks.push(heading(
            2,
            &format!("{}{}", w.t("Results: ", "结果："), scale_name(scale, w)),
        ));
        blocks.extend(notes_list(&results.notes));
        blocks.extend(sample_section(run, results, w, &mut counter));
        if let Some(describe) = &results.describe {
            blocks.push(heading(3, w.t("Descriptive statistics", "描述统计")));
            blocks.push(describe_table(run, scale, describe, w, &mut counter));
        }
        if let Some(reliability) = &results.reliability {
            blocks.push(heading(3, w.t("Reliability", "信度")));
            blocks.extend(reliability_section(scale, reliability, w, &mut counter));
        }
        if let Some(baseline) = &results.baseline {
            blocks.push(heading(3, w.t("Baseline equivalence", "基线比较")));
            blocks.extend(baseline_section(scale, baseline, w, &mut counter));
        }
        if !results.within.is_empty() {
            blocks.push(heading(3, w.t("Pre/post within groups", "组内前后测比较")));
            blocks.extend(within_section(run, scale, results, w, &mut counter));
        }
        if let Some(between) = &results.between {
            blocks.push(heading(
                3,
                w.t(
                    "Intervention vs control, adjusted for baseline (ANCOVA)",
                    "干预组与对照组比较（控制前测的协方差分析）",
                ),
            ));
            blocks.extend(between_section(scale, between, w, &mut counter));
        }
        if let Some(change) = &results.change {
            blocks.push(heading(3, w.t("Individual change", "个体变化")));
            blocks.extend(change_section(run, scale, change, w, &mut counter));
        }
        if !results.transitions.is_empty() {
            blocks.push(heading(3, w.t("Band transitions", "等级变化")));
            blocks.extend(transitions_section(scale, results, w, &mut counter));
        }
        if let Some(figures) = figures.get(index) {
            blocks.extend(figures_section(figures, w, &mut counter));
        }
    }
    Document {
        title,
        lang: match run.lang {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        },
        blocks,
    }
}

/// Numbers tables and figures in order.
#[derive(Default)]
struct Counter {
    tables: usize,
    figures: usize,
}

impl Counter {
    fn table(&mut self, w: Words, title: &str) -> String {
        self.tables += 1;
        match w.0 {
            Lang::En => format!("Table {}. {title}", self.tables),
            Lang::Zh => format!("表 {} {title}", self.tables),
        }
    }

    fn figure(&mut self, w: Words, title: &str) -> String {
        self.figures += 1;
        match w.0 {
            Lang::En => format!("Figure {}. {title}", self.figures),
            Lang::Zh => format!("图 {} {title}", self.figures),
        }
    }
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        text: text.to_owned(),
    }
}

fn notes_list(notes: &[String]) -> Option<Block> {
    (!notes.is_empty()).then(|| Block::List(notes.iter().map(|n| escape(n)).collect()))
}

/// The questionnaire's name in the report's language.
fn scale_name(scale: &Scale, w: Words) -> String {
    let name = match (w.0, &scale.name_zh) {
        (Lang::Zh, Some(name)) => name,
        _ => &scale.name,
    };
    escape(&format!("{name} ({})", scale.id))
}

/// A measure's name: the subscale's name in the report's language, else its id.
fn measure_name(scale: &Scale, measure: &str, w: Words) -> String {
    escape(&measure_title(scale, measure, w.0))
}

fn group_name(group: &Option<String>, w: Words) -> String {
    match group {
        Some(group) => escape(group),
        None => w.t("all", "全体").to_owned(),
    }
}

fn methods(run: &StudyRun, w: Words) -> Vec<Block> {
    let study = &run.study;
    let mut blocks = Vec::new();
    let first = run.results.first();
    let pairs: usize = first.map_or(0, |r| r.sample.groups.iter().map(|g| g.pairs).sum());
    let design = match (run.design, w.0) {
        (super::Design::TwoGroups, Lang::En) => {
            let groups = study.groups.as_ref().expect("two groups");
            let sizes: Vec<String> = first
                .map(|r| {
                    r.sample
                        .groups
                        .iter()
                        .map(|g| format!("{} in the {} group", g.pairs, group_name(&g.group, w)))
                        .collect()
                })
                .unwrap_or_default();
            format!(
                "Design: pre-test/post-test with an intervention group ({}) and a control group ({}). {pairs} people answered both times: {}.",
                escape(&groups.intervention),
                escape(&groups.control),
                w.and_list(&sizes)
            )
        }
        (super::Design::TwoGroups, Lang::Zh) => {
            let sizes: Vec<String> = first
                .map(|r| {
                    r.sample
                        .groups
                        .iter()
                        .map(|g| format!("{}组 {} 人", group_name(&g.group, w), g.pairs))
                        .collect()
                })
                .unwrap_or_default();
            format!(
                "设计：干预组与对照组前后测设计。共 {pairs} 人完成前测与后测（{}）。",
                w.and_list(&sizes)
            )
        }
        (super::Design::OneGroup, Lang::En) => format!(
            "Design: one group measured before and after the intervention (no control group); {pairs} people answered both times."
        ),
        (super::Design::OneGroup, Lang::Zh) => {
            format!("设计：单组前后测设计（无对照组）；共 {pairs} 人完成前测与后测。")
        }
        (super::Design::SingleCase, Lang::En) => {
            "Design: a single case measured before and after the intervention; change is judged with the reliable change index.".to_owned()
        }
        (super::Design::SingleCase, Lang::Zh) => {
            "设计：个案前后测；以可靠变化指数判断变化。".to_owned()
        }
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

fn instrument_sentence(scale: &Scale, results: &ScaleResults, w: Words) -> String {
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
                no_zero(a, 2)
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
                no_zero(a, 2)
            )),
        ),
    }
}

fn analysis_paragraph(run: &StudyRun, w: Words) -> String {
    let study = &run.study;
    let ci = conf_label(study.conf);
    let alpha = no_zero(study.alpha, 2);
    let adjust = adjust_name(study.adjust, w);
    let has = |a: Analysis| run.analyses.contains(&a);
    let tests = has(Analysis::Baseline) || has(Analysis::Within) || has(Analysis::Between);
    let mut parts = vec![match (tests, w.0) {
        (true, Lang::En) => format!(
            "Analysis: all tests are two-sided with α = {alpha}; p-values are adjusted across the subscales and total of each questionnaire ({adjust}), and intervals are {ci}s."
        ),
        (true, Lang::Zh) => format!(
            "统计分析：所有检验均为双侧，显著性水平 α = {alpha}；各量表的维度与总分的 p 值采用{adjust}校正；区间为 {ci}。"
        ),
        (false, _) => w.t("Analysis:", "统计分析：").to_owned(),
    }];
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
                "Pre/post change within each group is tested with the paired t-test and, because the samples are small and need not be normal, the Wilcoxon signed-rank test (exact p-values up to 50 pairs); the effect size is d_z (mean change / SD of change) with its noncentral-t interval.",
                "组内前后测比较采用配对 t 检验；因样本量小且不一定服从正态分布，同时报告 Wilcoxon 符号秩检验（50 对以内为精确 p 值）；效应量为 d_z（差值均数/差值标准差）及其非中心 t 分布置信区间。",
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
                "Each person's change is judged with Jacobson and Truax's reliable change index, RCI = (post − pre) / S_diff with S_diff = √2 · SD · √(1 − r); |RCI| > 1.96 is a reliable change.",
                "个体变化采用 Jacobson 与 Truax 的可靠变化指数：RCI = (后测 − 前测) / S_diff，S_diff = √2 · SD · √(1 − r)；|RCI| > 1.96 为可靠变化。",
            ),
        ),
    ];
    parts.extend(
        methods
            .into_iter()
            .filter(|(analysis, _)| has(*analysis))
            .map(|(_, sentence)| sentence.to_owned()),
    );
    parts.join(w.t(" ", ""))
}

fn adjust_name(adjust: Adjust, w: Words) -> &'static str {
    match adjust {
        Adjust::Holm => w.t("Holm's method", "Holm 法"),
        Adjust::Bonferroni => "Bonferroni",
        Adjust::Bh => "Benjamini–Hochberg",
        Adjust::By => "Benjamini–Yekutieli",
        Adjust::None => w.t("none", "不校正"),
    }
}

/// A number in (−1, 1) without its leading zero, as APA writes α, r and p.
fn no_zero(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if let Some(rest) = text.strip_prefix("0.") {
        format!(".{rest}")
    } else if let Some(rest) = text.strip_prefix("-0.") {
        format!("-.{rest}")
    } else {
        text
    }
}

/// `*p* = .004` or `*p* < .001`.
fn p_text(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "*p* < .001".to_owned(),
        p => format!("*p* = {}", p_value(p)),
    }
}

fn left_lines(left: &[Left]) -> Vec<String> {
    left.iter()
        .map(|l| match &l.measure {
            Some(measure) => format!(
                "{} ({}): {}",
                escape(&l.id),
                escape(measure),
                escape(&l.reason)
            ),
            None => format!("{}: {}", escape(&l.id), escape(&l.reason)),
        })
        .collect()
}

fn sample_section(
    run: &StudyRun,
    results: &ScaleResults,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let levels = &run.levels;
    let mut blocks = vec![Block::Table(Table {
        caption: counter.table(w, w.t("Sample", "样本")),
        header: vec![
            w.t("group", "组别").to_owned(),
            escape(&levels[0]),
            escape(&levels[1]),
            w.t("both", "前后测均有").to_owned(),
        ],
        rows: results
            .sample
            .groups
            .iter()
            .map(|g| {
                vec![
                    group_name(&g.group, w),
                    g.pre.to_string(),
                    g.post.to_string(),
                    g.pairs.to_string(),
                ]
            })
            .collect(),
        note: None,
    })];
    if !results.sample.unmatched.is_empty() {
        blocks.push(Block::Paragraph(
            w.t("Rows not used, and why:", "未纳入分析的记录及原因：")
                .to_owned(),
        ));
        blocks.push(Block::List(left_lines(&results.sample.unmatched)));
    }
    blocks
}

fn describe_table(
    run: &StudyRun,
    scale: &Scale,
    describe: &crate::commands::describe::DescribeReport,
    w: Words,
    counter: &mut Counter,
) -> Block {
    let has_groups = run.study.groups.is_some();
    let mut header = vec![
        w.t("measure", "指标").to_owned(),
        w.t("time", "时间").to_owned(),
    ];
    if has_groups {
        header.push(w.t("group", "组别").to_owned());
    }
    header.extend(
        [
            "*n*",
            "*M* (*SD*)",
            "*Mdn* [*Q*1, *Q*3]",
            w.t("range", "范围"),
            w.t("bands", "等级"),
        ]
        .map(str::to_owned),
    );
    let group_column = run.study.groups.as_ref().map(|g| g.column.as_str());
    let rows = describe
        .results
        .iter()
        .map(|r| {
            let s = &r.stats;
            let key = |name: &str| {
                r.groups
                    .get(name)
                    .and_then(|v| v.as_str())
                    .map(escape)
                    .unwrap_or_default()
            };
            let mut cells = vec![measure_name(scale, &r.measure, w), key("label")];
            if let Some(column) = group_column {
                cells.push(key(column));
            }
            cells.push(s.n.to_string());
            cells.push(mean_sd(s.mean, s.sd));
            cells.push(format!(
                "{} [{}, {}]",
                num(s.median, 2),
                num(s.q1, 2),
                num(s.q3, 2)
            ));
            cells.push(format!("{}–{}", num(s.min, 2), num(s.max, 2)));
            cells.push(
                r.bands
                    .iter()
                    .map(|b| format!("{} {}", escape(&b.label), b.count))
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            cells
        })
        .collect();
    Block::Table(Table {
        caption: counter.table(w, w.t("Descriptive statistics", "描述统计")),
        header,
        rows,
        note: Some(
            w.t(
                "*Note.* Quartiles by R's default (type 7). Bands count the people in each severity band.",
                "*注：*四分位数按 R 默认方法（type 7）计算；等级列为各严重程度等级的人数。",
            )
            .to_owned(),
        ),
    })
}

fn reliability_section(
    scale: &Scale,
    reliability: &crate::commands::reliability::ReliabilityReport,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let ci = conf_label(reliability.conf);
    let rows = reliability
        .results
        .iter()
        .map(|r| {
            vec![
                measure_name(scale, &r.measure, w),
                r.k.to_string(),
                r.n.to_string(),
                format!(
                    "{} {}",
                    r.alpha.map_or_else(|| "—".to_owned(), |a| no_zero(a, 2)),
                    interval(r.alpha_ci_low, r.alpha_ci_high, 2)
                ),
                r.omega.map_or_else(|| "—".to_owned(), |o| no_zero(o, 2)),
                r.mean_r.map_or_else(|| "—".to_owned(), |m| no_zero(m, 2)),
            ]
        })
        .collect();
    let mut blocks = vec![Block::Table(Table {
        caption: counter.table(
            w,
            w.t("Internal consistency at pre-test", "前测内部一致性信度"),
        ),
        header: vec![
            w.t("measure", "指标").to_owned(),
            w.t("items", "条目数").to_owned(),
            "*n*".to_owned(),
            format!("α [{ci}]"),
            "ω".to_owned(),
            w.t("mean *r*", "平均 *r*").to_owned(),
        ],
        rows,
        note: Some(
            w.t(
                "*Note.* *n* counts the people who answered every item of the measure.",
                "*注：**n* 为该指标所有条目均作答的人数。",
            )
            .to_owned(),
        ),
    })];
    if !reliability.warnings.is_empty() {
        blocks.push(Block::List(
            reliability.warnings.iter().map(|w| escape(w)).collect(),
        ));
    }
    blocks
}

fn baseline_section(
    scale: &Scale,
    report: &crate::commands::compare::Report<GroupsResult>,
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
                p_value(r.welch.p),
                p_value(r.welch.p_adj),
                format!(
                    "{} {}",
                    num(r.effect.cohen_d, 2),
                    interval(r.effect.d_ci_low, r.effect.d_ci_high, 2)
                ),
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
            format!("{} *M* (*SD*)", escape(&report.levels[0])),
            format!("{} *M* (*SD*)", escape(&report.levels[1])),
            "Welch *t* (*df*)".to_owned(),
            "*p*".to_owned(),
            w.t("*p* adj.", "校正 *p*").to_owned(),
            format!("*d* [{ci}]"),
            "*U*".to_owned(),
            w.t("*p* (*U*)", "*p*（*U*）").to_owned(),
        ],
        rows,
        note: None,
    })];
    let sentences: Vec<String> = report
        .results
        .iter()
        .map(|r| {
            format!(
                "{}{}*t*({}) = {}, {}, *d* = {}, {ci} {}",
                measure_name(scale, &r.measure, w),
                w.t(": ", "："),
                num(r.welch.df, 2),
                num(r.welch.t, 2),
                p_text(r.welch.p),
                num(r.effect.cohen_d, 2),
                interval(r.effect.d_ci_low, r.effect.d_ci_high, 2)
            )
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
    blocks.extend(notes_list(
        &report
            .results
            .iter()
            .flat_map(|r| r.notes.clone())
            .collect::<Vec<_>>(),
    ));
    blocks
}

/// A rank test's p-value and whether it is exact.
fn rank_p(p: Option<f64>, method: Option<RankMethod>, w: Words) -> String {
    match method {
        Some(RankMethod::Exact) => format!("{} ({})", p_value(p), w.t("exact", "精确")),
        Some(RankMethod::Normal) => format!("{} ({})", p_value(p), w.t("normal", "正态近似")),
        None => p_value(p),
    }
}

/// The APA sentence of a paired comparison: t, p, d_z with CI, then Wilcoxon.
pub fn paired_sentence(r: &PairedResult, conf: f64) -> String {
    let ci = conf_label(conf);
    let mut text = format!(
        "*t*({}) = {}, {}, *d*_z = {}, {ci} [{}, {}]",
        num(r.t_test.df, 0),
        num(r.t_test.t, 2),
        p_text(r.t_test.p),
        num(r.effect.cohen_dz, 2),
        num(r.effect.dz_ci_low, 2),
        num(r.effect.dz_ci_high, 2)
    );
    if let Some(v) = r.wilcoxon.v {
        text.push_str(&format!(
            "; Wilcoxon *V* = {}, {}",
            num(Some(v), 1),
            p_text(r.wilcoxon.p)
        ));
    }
    text
}

fn within_section(
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
                    p_value(r.t_test.p),
                    p_value(r.t_test.p_adj),
                    format!(
                        "{} {}",
                        num(r.effect.cohen_dz, 2),
                        interval(r.effect.dz_ci_low, r.effect.dz_ci_high, 2)
                    ),
                    num(r.wilcoxon.v, 1),
                    rank_p(r.wilcoxon.p, r.wilcoxon.method, w),
                ]
            })
            .collect();
        let title = match (w.0, &within.group) {
            (Lang::En, Some(group)) => format!("Pre/post, {} group", escape(group)),
            (Lang::Zh, Some(group)) => format!("{}组前后测比较", escape(group)),
            (Lang::En, None) => "Pre/post".to_owned(),
            (Lang::Zh, None) => "前后测比较".to_owned(),
        };
        blocks.push(Block::Table(Table {
            caption: counter.table(w, &title),
            header: vec![
                w.t("measure", "指标").to_owned(),
                "*n*".to_owned(),
                format!("{} *M* (*SD*)", escape(&levels[0])),
                format!("{} *M* (*SD*)", escape(&levels[1])),
                "*t* (*df*)".to_owned(),
                "*p*".to_owned(),
                w.t("*p* adj.", "校正 *p*").to_owned(),
                format!("*d*_z [{ci}]"),
                "*V*".to_owned(),
                w.t("*p* (*V*)", "*p*（*V*）").to_owned(),
            ],
            rows,
            note: Some(format!(
                "{} {}{}",
                w.t(
                    "*Note.* *p* adj.: adjusted across the measures with",
                    "*注：*校正 *p* 采用"
                ),
                adjust_name(report.adjust, w),
                w.t(".", "。")
            )),
        }));
        blocks.push(Block::List(
            report
                .results
                .iter()
                .map(|r| {
                    format!(
                        "{}{}{}",
                        measure_name(scale, &r.measure, w),
                        w.t(": ", "："),
                        paired_sentence(r, report.conf)
                    )
                })
                .collect(),
        ));
        blocks.extend(notes_list(
            &report
                .results
                .iter()
                .flat_map(|r| r.notes.clone())
                .collect::<Vec<_>>(),
        ));
        if !report.excluded.is_empty() {
            blocks.push(Block::List(left_lines(&report.excluded)));
        }
    }
    blocks
}

fn between_section(
    scale: &Scale,
    report: &crate::commands::compare::Report<AncovaResult>,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let ci = conf_label(report.conf);
    let adjusted = |r: &AncovaResult, g: usize| {
        r.groups
            .get(g)
            .map_or_else(|| "—".to_owned(), |g| num(Some(g.adj_mean), 2))
    };
    let rows = report
        .results
        .iter()
        .map(|r| {
            vec![
                measure_name(scale, &r.measure, w),
                adjusted(r, 0),
                adjusted(r, 1),
                format!(
                    "{} {}",
                    num(r.adj_diff.estimate, 2),
                    interval(r.adj_diff.ci_low, r.adj_diff.ci_high, 2)
                ),
                format!(
                    "{} (1, {})",
                    num(r.group_effect.f, 2),
                    num(r.group_effect.df2, 0)
                ),
                p_value(r.group_effect.p),
                p_value(r.group_effect.p_adj),
                r.group_effect
                    .partial_eta2
                    .map_or_else(|| "—".to_owned(), |e| no_zero(e, 2)),
                p_value(r.slopes_homogeneity.p),
            ]
        })
        .collect();
    let mut blocks = vec![Block::Table(Table {
        caption: counter.table(
            w,
            w.t(
                "Post-test scores adjusted for pre-test (ANCOVA)",
                "控制前测后的后测得分比较（协方差分析）",
            ),
        ),
        header: vec![
            w.t("measure", "指标").to_owned(),
            format!("{} {}", escape(&report.levels[0]), w.t("adj. *M*", "调整 *M*")),
            format!("{} {}", escape(&report.levels[1]), w.t("adj. *M*", "调整 *M*")),
            format!("{} [{ci}]", w.t("difference", "差值")),
            "*F* (*df*)".to_owned(),
            "*p*".to_owned(),
            w.t("*p* adj.", "校正 *p*").to_owned(),
            "η²p".to_owned(),
            w.t("*p* (slopes)", "*p*（斜率同质）").to_owned(),
        ],
        rows,
        note: Some(
            w.t(
                "*Note.* Adjusted means are post-test means at the overall pre-test mean; difference = intervention − control. A small *p* (slopes) warns that the effect of the pre-test differs between the groups.",
                "*注：*调整均数为总体前测均数处的后测均数；差值 = 干预组 − 对照组。斜率同质性检验 *p* 较小提示两组前测的影响不同。",
            )
            .to_owned(),
        ),
    })];
    blocks.push(Block::List(
        report
            .results
            .iter()
            .map(|r| {
                format!(
                    "{}{}*F*(1, {}) = {}, {}, η²p = {}; {} {}, {ci} {}",
                    measure_name(scale, &r.measure, w),
                    w.t(": ", "："),
                    num(r.group_effect.df2, 0),
                    num(r.group_effect.f, 2),
                    p_text(r.group_effect.p),
                    r.group_effect
                        .partial_eta2
                        .map_or_else(|| "—".to_owned(), |e| no_zero(e, 2)),
                    w.t("adjusted difference", "调整后差值"),
                    num(r.adj_diff.estimate, 2),
                    interval(r.adj_diff.ci_low, r.adj_diff.ci_high, 2)
                )
            })
            .collect(),
    ));
    blocks.extend(notes_list(
        &report
            .results
            .iter()
            .flat_map(|r| r.notes.clone())
            .collect::<Vec<_>>(),
    ));
    blocks
}

fn change_section(
    run: &StudyRun,
    scale: &Scale,
    report: &crate::commands::change::ChangeReport,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let group_of = |id: &str| run.group_of(&scale.id, id);
    let mut summary_rows = Vec::new();
    let without: Vec<String> = report
        .results
        .iter()
        .filter(|r| r.s_diff.is_none())
        .map(|r| measure_name(scale, &r.measure, w))
        .collect();
    for result in report.results.iter().filter(|r| r.s_diff.is_some()) {
        for group in run.group_list() {
            let people: Vec<_> = result
                .people
                .iter()
                .filter(|p| group.is_none() || group_of(&p.id) == group)
                .collect();
            let count = |c: Change| people.iter().filter(|p| p.change == Some(c)).count();
            let mut row = vec![measure_name(scale, &result.measure, w)];
            if run.study.groups.is_some() {
                row.push(group_name(&group, w));
            }
            row.extend([
                people.len().to_string(),
                count(Change::Improved).to_string(),
                count(Change::Unchanged).to_string(),
                count(Change::Deteriorated).to_string(),
                num(result.s_diff, 2),
                escape(&result.source),
            ]);
            summary_rows.push(row);
        }
    }
    let mut header = vec![w.t("measure", "指标").to_owned()];
    if run.study.groups.is_some() {
        header.push(w.t("group", "组别").to_owned());
    }
    header.extend([
        "*n*".to_owned(),
        w.t("improved", "可靠改善").to_owned(),
        w.t("unchanged", "无可靠变化").to_owned(),
        w.t("deteriorated", "可靠恶化").to_owned(),
        "*S*_diff".to_owned(),
        w.t("SD and reliability from", "SD 与信度来源").to_owned(),
    ]);
    if !summary_rows.is_empty() {
        blocks.push(Block::Table(Table {
            caption: counter.table(
                w,
                w.t("Reliable change (|RCI| > 1.96)", "可靠变化（|RCI| > 1.96）"),
            ),
            header,
            rows: summary_rows,
            note: None,
        }));
    }
    if !without.is_empty() {
        blocks.push(Block::Paragraph(match w.0 {
            Lang::En => format!(
                "No reliable change index for {}: the questionnaire has no norms with a reliability and the sample is smaller than 30. Give the SD and reliability of a reference sample in the study file (`change.MEASURE = {{ sd = …, reliability = …, source = \"…\" }}` under the scale), or `change.MEASURE = \"sample\"` to use this sample's own.",
                w.and_list(&without)
            ),
            Lang::Zh => format!(
                "{}未计算可靠变化指数：量表没有含信度的常模，且样本量小于 30。请在研究文件中为该指标给出参照样本的 SD 与信度（`change.指标 = {{ sd = …, reliability = …, source = \"…\" }}`），或用 `change.指标 = \"sample\"` 使用本样本的数值。",
                w.and_list(&without)
            ),
        }));
    }
    let total_people: usize = report
        .results
        .iter()
        .filter(|r| r.s_diff.is_some())
        .map(|r| r.people.len())
        .sum();
    if total_people > MAX_LISTED_PEOPLE {
        blocks.push(Block::Paragraph(format!(
            "{} tables/{}_change.csv.",
            w.t("Each person's RCI is in", "每个人的 RCI 见"),
            escape(&scale.id)
        )));
        return blocks;
    }
    let mut rows = Vec::new();
    for result in report.results.iter().filter(|r| r.s_diff.is_some()) {
        for person in &result.people {
            let mut row = vec![measure_name(scale, &result.measure, w), escape(&person.id)];
            if run.study.groups.is_some() {
                row.push(group_name(&group_of(&person.id), w));
            }
            row.extend([
                num(Some(person.pre), 2),
                num(Some(person.post), 2),
                num(Some(person.diff), 2),
                num(person.rci, 2),
                match person.change {
                    Some(Change::Improved) => w.t("improved", "可靠改善"),
                    Some(Change::Unchanged) => w.t("unchanged", "无可靠变化"),
                    Some(Change::Deteriorated) => w.t("deteriorated", "可靠恶化"),
                    None => "—",
                }
                .to_owned(),
            ]);
            rows.push(row);
        }
    }
    if !rows.is_empty() {
        let mut header = vec![
            w.t("measure", "指标").to_owned(),
            w.t("person", "编号").to_owned(),
        ];
        if run.study.groups.is_some() {
            header.push(w.t("group", "组别").to_owned());
        }
        header.extend([
            escape(&run.levels[0]),
            escape(&run.levels[1]),
            w.t("change", "变化").to_owned(),
            "RCI".to_owned(),
            w.t("reliable change", "判断").to_owned(),
        ]);
        blocks.push(Block::Table(Table {
            caption: counter.table(w, w.t("Each person's change", "个体变化")),
            header,
            rows,
            note: None,
        }));
    }
    blocks
}

fn transitions_section(
    scale: &Scale,
    results: &ScaleResults,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    for group in &results.transitions {
        for measure in &group.measures {
            let mut rows = Vec::new();
            for from in &measure.bands {
                let mut row = vec![escape(from)];
                for to in &measure.bands {
                    let count = measure
                        .transitions
                        .iter()
                        .find(|t| &t.from == from && &t.to == to)
                        .map_or(0, |t| t.count);
                    row.push(count.to_string());
                }
                rows.push(row);
            }
            let title = match (w.0, &group.group) {
                (Lang::En, Some(g)) => format!(
                    "Bands before (rows) and after (columns), {}, {} group",
                    measure_name(scale, &measure.measure, w),
                    escape(g)
                ),
                (Lang::En, None) => format!(
                    "Bands before (rows) and after (columns), {}",
                    measure_name(scale, &measure.measure, w)
                ),
                (Lang::Zh, Some(g)) => format!(
                    "{}组{}前测（行）与后测（列）等级",
                    escape(g),
                    measure_name(scale, &measure.measure, w)
                ),
                (Lang::Zh, None) => format!(
                    "{}前测（行）与后测（列）等级",
                    measure_name(scale, &measure.measure, w)
                ),
            };
            let mut header = vec![w.t("before → after", "前测 → 后测").to_owned()];
            header.extend(measure.bands.iter().map(|b| escape(b)));
            blocks.push(Block::Table(Table {
                caption: counter.table(w, &title),
                header,
                rows,
                note: None,
            }));
        }
    }
    blocks
}

fn figures_section(figures: &ScaleFigures, w: Words, counter: &mut Counter) -> Vec<Block> {
    let mut blocks = Vec::new();
    if figures.figures.is_empty() {
        return blocks;
    }
    blocks.push(heading(3, w.t("Figures", "图")));
    for figure in &figures.figures {
        let mut figure = figure.clone();
        figure.caption = counter.figure(w, &figure.caption);
        blocks.push(Block::Figure(figure));
    }
    blocks
}
