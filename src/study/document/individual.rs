//! Individual change, band transitions and the figures.

use super::super::StudyRun;
use super::super::analyses::GroupTransitions;
use super::super::figures::ScaleFigures;
use super::order::people_in_order;
use super::{Counter, MAX_LISTED_PEOPLE, Words, band_name, group_name, heading, measure_name};
use crate::analysis::change::{MIN_SAMPLE_FOR_NORMS, MeasureChange, Origin, Problem};
use crate::output::apa::num;
use crate::report::{Block, Table, escape};
use crate::scale::Scale;
use crate::stats::change::Change;
use crate::study::Lang;

/// The reliable change of each person; `waves` names the two waves compared when the study has
/// more than two (the captions then say them).
pub(super) fn change_section(
    run: &StudyRun,
    scale: &Scale,
    report: &crate::analysis::change::ChangeReport,
    waves: Option<[&str; 2]>,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let [first, later] = waves.unwrap_or([&run.levels[0], &run.levels[1]]);
    let mut blocks = Vec::new();
    let group_of = |id: &str| run.group_of(&scale.id, id);
    let mut summary_rows = Vec::new();
    let without: Vec<&MeasureChange> = report
        .results
        .iter()
        .filter(|r| r.s_diff.is_none())
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
                source_text(result, w),
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
        "*S*~diff~".to_owned(),
        w.t("SD and reliability from", "SD 与信度来源").to_owned(),
    ]);
    if !summary_rows.is_empty() {
        blocks.push(Block::Table(Table {
            caption: counter.table(
                w,
                &match (waves, w.0) {
                    (None, _) => w
                        .t("Reliable change (|RCI| > 1.96)", "可靠变化（|RCI| > 1.96）")
                        .to_owned(),
                    (Some(_), Lang::En) => format!(
                        "Reliable change from {} to {} (|RCI| > 1.96)",
                        w.wave(first),
                        w.wave(later)
                    ),
                    (Some(_), Lang::Zh) => format!(
                        "{}至{}的可靠变化（|RCI| > 1.96）",
                        w.wave(first),
                        w.wave(later)
                    ),
                },
            ),
            header,
            rows: summary_rows,
            note: None,
        }));
    }
    // The usual reason, no reference values, gets the advice; any other is said as it is.
    let (usual, other): (Vec<&MeasureChange>, Vec<&MeasureChange>) =
        without.iter().partition(|r| r.lacks_reference_values());
    if !usual.is_empty() {
        let names: Vec<String> = usual
            .iter()
            .map(|r| measure_name(scale, &r.measure, w))
            .collect();
        blocks.push(Block::Paragraph(match w.0 {
            Lang::En => format!(
                "No reliable change index for {}: the questionnaire has no norms with a reliability and the sample is smaller than 30. To have one, give the SD and reliability of a reference sample for the measure in the study file (its change entry under the questionnaire), or ask there for this sample's own.",
                w.and_list(&names)
            ),
            Lang::Zh => format!(
                "{}未计算可靠变化指数：量表没有含信度的常模，且样本量小于 30。如需计算，请在研究文件中该量表下为该指标给出参照样本的标准差与信度，或指定使用本样本的数值。",
                w.and_list(&names)
            ),
        }));
    }
    for result in other {
        let name = measure_name(scale, &result.measure, w);
        blocks.push(Block::Paragraph(match w.0 {
            Lang::En => format!(
                "No reliable change index for {name}: {}.",
                escape(result.no_rci_reason().unwrap_or_default())
            ),
            Lang::Zh => {
                let reasons: Vec<String> = result.problems.iter().map(problem_zh).collect();
                format!("{name}未计算可靠变化指数（{}）。", reasons.join("；"))
            }
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
        for person in people_in_order(run, &scale.id, &result.people) {
            let mut row = vec![measure_name(scale, &result.measure, w), escape(&person.id)];
            if run.study.groups.is_some() {
                row.push(group_name(&group_of(&person.id), w));
            }
            row.extend([
                num(Some(person.pre), 2),
                num(Some(person.post), 2),
                num(person.diff, 2),
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
            w.wave(first),
            w.wave(later),
            w.t("change", "变化").to_owned(),
            "RCI".to_owned(),
            w.t("reliable change", "判断").to_owned(),
        ]);
        blocks.push(Block::Table(Table {
            caption: counter.table(
                w,
                &match (waves, w.0) {
                    (None, _) => w.t("Each person's change", "个体变化").to_owned(),
                    (Some(_), Lang::En) => format!(
                        "Each person's change, {} to {}",
                        w.wave(first),
                        w.wave(later)
                    ),
                    (Some(_), Lang::Zh) => {
                        format!("个体变化（{}至{}）", w.wave(first), w.wave(later))
                    }
                },
            ),
            header,
            rows,
            note: None,
        }));
    }
    blocks
}

/// Why a measure has no reliable change index, in Chinese.
fn problem_zh(problem: &Problem) -> String {
    match problem {
        Problem::GivenOutOfRange { sd, reliability } => format!(
            "给出的 SD（{}）须大于 0，信度（{}）须不小于 0 且小于 1",
            escape(&sd.to_string()),
            escape(&reliability.to_string())
        ),
        Problem::SampleTooFew(n) => format!("本样本前测 SD 至少需要 2 个得分（现有 {n} 个）"),
        Problem::SampleNoVariation => "本样本前测得分没有变异（SD 为 0）".to_owned(),
        Problem::AlphaNotComputable(complete) => format!(
            "无法由本样本计算 Cronbach's α（全部条目均作答者 {complete} 人，至少需要 2 人且条目得分有变异）"
        ),
        Problem::AlphaOutOfRange(alpha) => {
            format!("本样本的 Cronbach's α（{alpha}）不在 0 至 1 之间，不能作为信度")
        }
        Problem::NoItems => "该得分列没有条目，无法计算 Cronbach's α".to_owned(),
        Problem::NoReference(Some(n)) => format!(
            "量表没有含信度的常模，且本样本（前测 {n} 人）少于 {MIN_SAMPLE_FOR_NORMS} 人，不默认使用本样本的数值"
        ),
        Problem::NoReference(None) => "该得分列没有常模".to_owned(),
    }
}

/// Where a measure's SD and reliability come from, in the report's language.
fn source_text(result: &MeasureChange, w: Words) -> String {
    match (w.0, &result.origin) {
        (Lang::En, _) => escape(&result.source),
        (Lang::Zh, Origin::Given(source)) => escape(source),
        (Lang::Zh, Origin::Norms(source)) => format!("常模：{}", escape(source)),
        (Lang::Zh, Origin::Sample { n, complete }) => format!(
            "本样本：前测 SD（*n* = {n}）与 Cronbach's α（*n* = {complete}{}）",
            if *n < MIN_SAMPLE_FOR_NORMS {
                format!("，少于 {MIN_SAMPLE_FOR_NORMS} 人，估计不精确")
            } else {
                String::new()
            }
        ),
        (Lang::Zh, Origin::Nothing) => "无".to_owned(),
    }
}

/// The band transitions between two waves, per group and banded measure; `waves` names them
/// when the study has more than two.
pub(super) fn transitions_section(
    scale: &Scale,
    groups: &[GroupTransitions],
    waves: Option<[&str; 2]>,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    for group in groups {
        for measure in &group.measures {
            let mut rows = Vec::new();
            for from in &measure.bands {
                let mut row = vec![band_name(scale, &measure.measure, from, w)];
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
            let title = match (waves, w.0, &group.group) {
                (Some([from, to]), Lang::En, group) => format!(
                    "Bands at {} (rows) and {} (columns), {}{}",
                    w.wave(from),
                    w.wave(to),
                    measure_name(scale, &measure.measure, w),
                    group
                        .as_ref()
                        .map_or_else(String::new, |g| format!(", {} group", w.group(g)))
                ),
                (Some([from, to]), Lang::Zh, group) => format!(
                    "{}{}{}（行）与{}（列）等级",
                    group.as_ref().map_or_else(String::new, |g| w.group_zu(g)),
                    measure_name(scale, &measure.measure, w),
                    w.wave(from),
                    w.wave(to)
                ),
                (None, Lang::En, Some(g)) => format!(
                    "Bands before (rows) and after (columns), {}, {} group",
                    measure_name(scale, &measure.measure, w),
                    w.group(g)
                ),
                (None, Lang::En, None) => format!(
                    "Bands before (rows) and after (columns), {}",
                    measure_name(scale, &measure.measure, w)
                ),
                (None, Lang::Zh, Some(g)) => format!(
                    "{}{}前测（行）与后测（列）等级",
                    w.group_zu(g),
                    measure_name(scale, &measure.measure, w)
                ),
                (None, Lang::Zh, None) => format!(
                    "{}前测（行）与后测（列）等级",
                    measure_name(scale, &measure.measure, w)
                ),
            };
            let mut header = vec![match waves {
                None => w.t("before → after", "前测 → 后测").to_owned(),
                Some([from, to]) => format!("{} → {}", w.wave(from), w.wave(to)),
            }];
            header.extend(
                measure
                    .bands
                    .iter()
                    .map(|b| band_name(scale, &measure.measure, b, w)),
            );
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

pub(super) fn figures_section(
    figures: &ScaleFigures,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
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
