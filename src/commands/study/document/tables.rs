//! The sample, descriptive and reliability tables.

use super::super::StudyRun;
use super::super::analyses::ScaleResults;
use super::{Counter, Words, group_name, left_lines, measure_name};
use crate::output::apa::{conf_label, interval, mean_sd, no_leading_zero, num};
use crate::report::{Block, Table, escape};
use crate::scale::Scale;

pub(super) fn sample_section(
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

pub(super) fn describe_table(
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

pub(super) fn reliability_section(
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
    if !reliability.warnings.is_empty() {
        blocks.push(Block::List(
            reliability.warnings.iter().map(|w| escape(w)).collect(),
        ));
    }
    blocks
}
