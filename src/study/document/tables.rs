//! The sample, descriptive and reliability tables.

use super::super::analyses::ScaleResults;
use super::super::figures::measure_title;
use super::super::{Design, StudyRun};
use super::order::descriptions_in_order;
use super::{
    Counter, Words, band_name, group_name, heading, left_lines, measure_line, measure_name,
};
use crate::analysis::reliability::{Warning, warnings};
use crate::data::pairing::FilledGroup;
use crate::output::apa::{conf_label, interval, mean_sd, no_leading_zero, num};
use crate::report::{Block, Table, escape};
use crate::scale::Scale;
use crate::study::{Analysis, Lang};

/// The participants: who was analysed where (a sentence per analysis run), the table of rows
/// per group and time, warnings about the ids and groups, and everyone left out by id with the
/// reason.
pub(super) fn sample_section(
    run: &StudyRun,
    scale: &Scale,
    results: &ScaleResults,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let levels = &run.levels;
    let sample = &results.sample;
    let mut blocks = vec![heading(3, w.t("Participants", "研究对象"))];
    blocks.push(Block::Paragraph(who_is_analysed(run, w)));
    let both = levels.len() == 2;
    let mut rows: Vec<Vec<String>> = sample
        .groups
        .iter()
        .map(|g| {
            let mut row = vec![group_name(&g.group, w)];
            row.extend(g.waves.iter().map(usize::to_string));
            row.push(g.complete.to_string());
            row
        })
        .collect();
    if sample.groups.len() > 1 {
        let mut row = vec![w.t("total", "合计").to_owned()];
        for wave in 0..levels.len() {
            let total: usize = sample.groups.iter().map(|g| g.waves[wave]).sum();
            row.push(total.to_string());
        }
        row.push(
            sample
                .groups
                .iter()
                .map(|g| g.complete)
                .sum::<usize>()
                .to_string(),
        );
        rows.push(row);
    }
    let mut header = vec![w.t("group", "组别").to_owned()];
    header.extend(levels.iter().map(|level| w.wave(level)));
    header.push(if both {
        w.t("both", "前后测均有").to_owned()
    } else {
        w.t("every wave", "全部测量").to_owned()
    });
    blocks.push(Block::Table(Table {
        caption: counter.table(w, w.t("Participants", "研究对象")),
        header,
        rows,
        note: Some(
            if both {
                w.t(
                    "*Note.* Rows in the data at each time, and people with a row at both times.",
                    "*注：*各时间点的记录数，以及前后测均有记录的人数。",
                )
            } else {
                w.t(
                    "*Note.* Rows in the data at each wave, and people with a row at every wave.",
                    "*注：*各时间点的记录数，以及全部时间点均有记录的人数。",
                )
            }
            .to_owned(),
        ),
    }));
    let mut warnings = Vec::new();
    if sample.ids_are_row_numbers {
        let id = escape(&run.study.data.id);
        warnings.push(match w.0 {
            Lang::En => format!(
                "**Check the ids.** The id column {id} holds exactly the row numbers 1, 2, 3, … of the data: it looks like a submission number (such as WJX's 序号), not a person's id. Rows are paired by it, so these results are right only if every person is on the same row at every time."
            ),
            Lang::Zh => format!(
                "**请核对编号。** 编号列 {id} 恰为数据的行号 1、2、3……，看起来是提交序号（如问卷星的“序号”），而非研究对象的编号。前后测按该列配对，只有每人在各时间点都位于同一行时，以下结果才正确。"
            ),
        });
    }
    warnings.extend(filled_groups_sentence(run, &sample.filled_groups, w));
    if !warnings.is_empty() {
        blocks.push(Block::List(warnings));
    }
    if sample.excluded.is_empty() {
        blocks.push(Block::Paragraph(
            w.t(
                "No one is left out: everyone has a row and a score at both times.",
                "无人被排除：每人在两个时间点均有记录和得分。",
            )
            .to_owned(),
        ));
    } else {
        blocks.push(Block::Paragraph(
            if run.levels.len() == 2 {
                w.t(
                    "Left out of the comparisons over time, and why:",
                    "未纳入前后测分析的记录及原因：",
                )
            } else {
                w.t(
                    "Not at every wave, or without a score at every wave (left out of the analyses that need every wave), and why:",
                    "未在全部时间点均有记录或得分者（不纳入需要全部时间点的分析）及原因：",
                )
            }
            .to_owned(),
        ));
        blocks.push(Block::List(left_lines(&sample.excluded, Some(scale), w)));
    }
    blocks
}

/// Which rows each analysis that ran uses.
fn who_is_analysed(run: &StudyRun, w: Words) -> String {
    let several = run.levels.len() > 2;
    let arms = run.design == Design::SeveralGroups;
    let mut every_wave = Vec::new();
    let mut two_waves = Vec::new();
    let mut parts = Vec::new();
    for analysis in &run.analyses {
        match analysis {
            // A single case has no descriptive table (its scores are in the change table).
            Analysis::Describe if run.design != Design::SingleCase => parts.push(w.t(
                "the descriptive statistics use every row at each time",
                "描述统计使用各时间点的全部记录",
            )),
            Analysis::Reliability => parts.push(w.t(
                "the reliability uses the pre-test rows with every item of a score answered",
                "信度分析使用前测中该分数全部条目均作答的记录",
            )),
            Analysis::Baseline if arms => parts.push(w.t(
                "the baseline comparison uses every first-wave row of the groups",
                "基线比较使用各组首次测量的全部记录",
            )),
            Analysis::Between if arms => parts.push(w.t(
                "the comparison of the groups at each later wave uses every row at that wave",
                "各后续时间点的组间比较使用该时间点的全部记录",
            )),
            Analysis::Baseline => parts.push(w.t(
                "the baseline comparison uses every pre-test row of the two groups",
                "基线比较使用两组的全部前测记录",
            )),
            Analysis::Lmm if run.results.iter().any(|r| r.lmm.is_some()) => parts.push(w.t(
                "the linear mixed model uses every person with a score at some wave",
                "线性混合模型使用在任一时间点有得分的全部研究对象",
            )),
            Analysis::Lmm => {}
            Analysis::Within if several => every_wave.push(w.t(
                "the repeated-measures ANOVA within each group",
                "组内重复测量方差分析",
            )),
            Analysis::Within => two_waves.push(w.t("the pre/post comparisons", "前后测比较")),
            Analysis::Mixed => every_wave.push(w.t("the mixed ANOVA", "混合设计方差分析")),
            Analysis::Between if several => {
                two_waves.push(w.t("the ANCOVA of each later wave", "各后续时间点的协方差分析"))
            }
            Analysis::Between => two_waves.push(w.t("the ANCOVA", "协方差分析")),
            Analysis::Change => two_waves.push(w.t("the individual change", "个体变化")),
            Analysis::Transitions => two_waves.push(w.t("the band transitions", "等级变化")),
            Analysis::Describe => {}
        }
    }
    let mut parts: Vec<String> = parts.into_iter().map(str::to_owned).collect();
    let list =
        |names: &[&str]| w.and_list(&names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>());
    if !every_wave.is_empty() {
        parts.push(match w.0 {
            Lang::En => format!(
                "{} use the people with a row and a score at every wave",
                list(&every_wave)
            ),
            Lang::Zh => format!("{}使用全部时间点均有记录和得分者", list(&every_wave)),
        });
    }
    if !two_waves.is_empty() {
        parts.push(match (w.0, several) {
            (Lang::En, false) => format!(
                "{} use the people with a row at both times, on each measure those with a score at both",
                list(&two_waves)
            ),
            (Lang::Zh, false) => format!(
                "{}使用前后测均有记录者，且每个指标仅纳入前后测均有该指标得分者",
                list(&two_waves)
            ),
            (Lang::En, true) => format!(
                "{} use the people with a row and a score at both waves compared",
                list(&two_waves)
            ),
            (Lang::Zh, true) => format!(
                "{}使用所比较的两个时间点均有记录和得分者",
                list(&two_waves)
            ),
        });
    }
    match w.0 {
        Lang::En => {
            let mut text = parts.join("; ");
            if let Some(first) = text.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            format!("{text}.")
        }
        Lang::Zh => format!("{}。", parts.join("；")),
    }
}

pub(super) fn describe_table(
    run: &StudyRun,
    scale: &Scale,
    describe: &crate::analysis::describe::DescribeReport,
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
    let rows = descriptions_in_order(run, group_column, &describe.results)
        .into_iter()
        .map(|r| {
            let s = &r.stats;
            let key = |name: &str| r.groups.get(name).and_then(|v| v.as_str()).unwrap_or("");
            let mut cells = vec![measure_name(scale, &r.measure, w), w.wave(key("label"))];
            if let Some(column) = group_column {
                cells.push(w.group(key(column)));
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
                    .map(|b| format!("{} {}", band_name(scale, &r.measure, &b.label, w), b.count))
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

pub(super) fn reliability_section(
    scale: &Scale,
    reliability: &crate::analysis::reliability::ReliabilityReport,
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
                    no_leading_zero(r.alpha, 2),
                    interval(r.alpha_ci_low, r.alpha_ci_high, 2)
                ),
                no_leading_zero(r.omega, 2),
                no_leading_zero(r.mean_r, 2),
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
    let warnings: Vec<String> = reliability
        .results
        .iter()
        .flat_map(|r| {
            warnings(r).into_iter().map(|warning| match w.0 {
                Lang::En => escape(&warning.text(&measure_title(scale, &r.measure, w.0))),
                Lang::Zh => measure_line(scale, &r.measure, w, &warning_zh(&warning)),
            })
        })
        .collect();
    if !warnings.is_empty() {
        blocks.push(Block::List(warnings));
    }
    blocks
}

/// A reliability warning in Chinese.
fn warning_zh(warning: &Warning) -> String {
    match warning {
        Warning::NegativeItem { item, r } => format!(
            "条目 {} 与其余条目负相关（r.drop = {}），请核对其是否应反向计分",
            escape(item),
            r
        ),
        Warning::NegativeAlpha(alpha) => {
            format!("α 为负值（{alpha}），按现有计分方向各条目并未测量同一特质")
        }
        Warning::FewComplete => "全部条目均作答者少于 2 人".to_owned(),
        Warning::Heywood => {
            "单因子模型中有条目载荷达到 1（Heywood 现象），本样本的 ω 不稳定".to_owned()
        }
    }
}

/// The sentence naming the people whose group column is blank at some time and whose group is
/// taken from another (`None` when there are none).
pub(super) fn filled_groups_sentence(
    run: &StudyRun,
    filled: &[FilledGroup],
    w: Words,
) -> Option<String> {
    if filled.is_empty() {
        return None;
    }
    let column = run.study.groups.as_ref().map_or("", |g| g.column.as_str());
    let people: Vec<String> = filled
        .iter()
        .map(|f| {
            format!(
                "{} ({}{}{})",
                escape(&f.id),
                w.group(&f.group),
                w.t(", blank at ", "，空缺于"),
                w.and_list(&f.blank_at.iter().map(|t| w.wave(t)).collect::<Vec<_>>())
            )
        })
        .collect();
    Some(match w.0 {
        Lang::En => format!(
            "The {} column is blank at one time for {} {}; the group given at another time is used: {}.",
            escape(column),
            people.len(),
            if people.len() == 1 {
                "person"
            } else {
                "people"
            },
            people.join(", ")
        ),
        Lang::Zh => format!(
            "{} 人在某一时间点的组别列（{}）为空，采用其另一时间点的组别：{}。",
            people.len(),
            escape(column),
            people.join("；")
        ),
    })
}
