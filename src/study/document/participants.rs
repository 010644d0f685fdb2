//! The participants' characteristics by group (`[participants]`): the report's first table, in
//! the layout theses use (一般资料比较).

use super::super::StudyRun;
use super::super::participants::ONE_GROUP;
use super::notes::{fisher_limit_zh, note_text, table_error_zh};
use super::tables::filled_groups_sentence;
use super::{Counter, Words, heading, left_lines};
use crate::analysis::baseline::table::{Layout, TestCells, body_rows};
use crate::analysis::baseline::{BaselineReport, Remark, VariableResult};
use crate::report::{Block, Table, escape};
use crate::study::Lang;

/// The heading, the table of characteristics by group (with the tests when there are groups),
/// its notes and the rows left out.
pub(super) fn participants_section(
    run: &StudyRun,
    report: &BaselineReport,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let compares = report.groups.len() >= 2;
    let mut blocks = vec![heading(
        2,
        w.t(
            "Results: participants' characteristics",
            "结果：研究对象一般资料",
        ),
    )];
    let group_label = |level: &str| {
        if !compares && level == ONE_GROUP {
            w.t("all", "全体").to_owned()
        } else {
            w.group(level)
        }
    };
    let mut header = vec![w.t("Characteristic", "项目").to_owned(), String::new()];
    header.extend(
        report
            .groups
            .iter()
            .map(|g| format!("{} (n = {})", group_label(&g.level), g.n)),
    );
    if compares {
        header.extend([
            w.t("statistic", "统计量").to_owned(),
            w.p_symbol().to_owned(),
        ]);
    }
    let text = |text: &str| escape(text);
    let tests = |test: Option<TestCells>| match test {
        Some(test) => vec![statistic_cell(&test, w), w.restyle_p(&test.p)],
        None => vec!["—".to_owned(), "—".to_owned()],
    };
    let layout = Layout {
        ranks: w.t("ranks", "等级"),
        missing: w.t("missing", "缺失"),
        text: &text,
        total: false,
        tests: &tests,
    };
    let rows = body_rows(report, &layout);
    let notes: Vec<String> = report
        .variables
        .iter()
        .flat_map(|variable| {
            let (name, remarks) = match variable {
                VariableResult::Categorical(r) => (&r.variable, &r.notes),
                VariableResult::Continuous(r) => (&r.variable, &r.notes),
            };
            remarks
                .iter()
                .map(move |remark| variable_note(name, remark, w))
        })
        .collect();
    let first_wave = w.wave(&run.levels[0]);
    let note = match (compares, w.0) {
        (true, Lang::En) => format!(
            "*Note.* Everyone with a row at {first_wave}. n (%): people at each level, percent of the group's answers (missing left out); M (SD); Mdn [Q1, Q3]. Categories are compared by Pearson's χ² test without continuity correction, or by Fisher's exact test where an expected count is below 5; ordered categories also by the rank test of their levels; numbers by the t-test (Welch's, marked so, when Levene's test finds unequal variances; the one-way or Welch's ANOVA for three groups or more) and by the Mann–Whitney U (Kruskal–Wallis H) test."
        ),
        (true, Lang::Zh) => format!(
            "*注：*{first_wave}时有记录的全部研究对象。n (%)：各水平人数及占该组作答人数的百分比（不含缺失）；M (SD)：均数（标准差）；Mdn [Q1, Q3]：中位数[上下四分位数]。分类资料采用 Pearson χ² 检验（不作连续性校正），理论频数小于 5 时采用 Fisher 确切概率法；等级资料另作秩和检验；计量资料采用 t 检验（Levene 检验提示方差不齐时采用 t′ 检验，即 Welch t 检验；三组及以上采用单因素方差分析或 Welch 方差分析）及 Mann–Whitney U 检验（三组及以上为 Kruskal–Wallis H 检验）。"
        ),
        (false, Lang::En) => format!(
            "*Note.* Everyone with a row at {first_wave}. n (%): people at each level, percent of the answers (missing left out); M (SD); Mdn [Q1, Q3]. One group: no tests."
        ),
        (false, Lang::Zh) => format!(
            "*注：*{first_wave}时有记录的全部研究对象。n (%)：各水平人数及百分比（不含缺失）；M (SD)：均数（标准差）；Mdn [Q1, Q3]：中位数[上下四分位数]。仅一组，不作组间检验。"
        ),
    };
    blocks.push(Block::Table(Table {
        caption: counter.table(
            w,
            if compares {
                w.t(
                    "Participants' characteristics by group",
                    "研究对象一般资料比较",
                )
            } else {
                w.t("Participants' characteristics", "研究对象一般资料")
            },
        ),
        header,
        rows,
        note: Some(note),
    }));
    if !notes.is_empty() {
        blocks.push(Block::List(notes));
    }
    blocks.extend(filled_groups_sentence(run, &run.participants_filled, w).map(Block::Paragraph));
    if !report.excluded.is_empty() {
        blocks.push(Block::Paragraph(
            w.t("Not in the table:", "未列入本表：").to_owned(),
        ));
        blocks.push(Block::List(left_lines(&report.excluded, None, w)));
    }
    blocks
}

/// A test's statistic as the table shows it, naming the test where the symbol does not: Fisher's
/// test has none, and Welch's t and F are marked (t′, as Chinese textbooks write Welch's t).
fn statistic_cell(test: &TestCells, w: Words) -> String {
    match test.test {
        "Fisher's exact test" => w.t("Fisher's exact test", "Fisher 确切概率法").to_owned(),
        "Welch's t-test" => match w.0 {
            Lang::En => format!("Welch {}", test.statistic),
            Lang::Zh => test.statistic.replacen('t', "t′", 1),
        },
        "Welch's ANOVA" => format!("Welch {}", test.statistic),
        _ => test.statistic.clone(),
    }
}

/// A remark on a characteristic's tests, in the report's language.
fn variable_note(variable: &str, remark: &Remark, w: Words) -> String {
    let text = match w.0 {
        Lang::En => remark.to_string(),
        Lang::Zh => match remark {
            Remark::EmptyLevels(levels) => format!("无人为{}，未纳入检验", levels.join("、")),
            Remark::EmptyGroups(groups) => {
                format!("{}无作答，检验仅比较其余各组", groups.join("、"))
            }
            Remark::OneLevel(level) => format!("全部作答均为{level}，无需检验"),
            Remark::NoAnswers => "无人作答，无法检验".to_owned(),
            Remark::OneGroupAnswered => "仅一组有作答，无法比较".to_owned(),
            Remark::FisherNotComputed(why) => {
                format!("未能计算 Fisher 确切概率（{}）", fisher_limit_zh(why))
            }
            Remark::SmallExpected { min, fisher: true } => {
                format!("最小理论频数为 {min:.2}，小于 5，以 Fisher 确切概率法的结果为准")
            }
            Remark::SmallExpected { min, fisher: false } => format!(
                "最小理论频数为 {min:.2}，小于 5，χ² 检验结果为近似值，且未能计算 Fisher 确切概率，应谨慎解读"
            ),
            Remark::Numbers(note) => note_text(note, w),
            Remark::NotTested(why) => format!("未作检验（{}）", table_error_zh(why)),
        },
    };
    format!("{}{}{}", escape(variable), w.t(": ", "："), escape(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welch_tests_and_fisher_are_named_in_the_statistic_cell() {
        let cell = |test: &'static str, statistic: &str, lang: Lang| {
            statistic_cell(
                &TestCells {
                    test,
                    statistic: statistic.to_owned(),
                    p: ".500".to_owned(),
                },
                Words(
                    lang,
                    crate::study::PStyle::of(lang),
                    &crate::study::Names::default(),
                ),
            )
        };
        let welch = "t(17.96) = 0.50";
        assert_eq!(
            cell("Welch's t-test", welch, Lang::En),
            "Welch t(17.96) = 0.50"
        );
        assert_eq!(cell("Welch's t-test", welch, Lang::Zh), "t′(17.96) = 0.50");
        assert_eq!(
            cell("Welch's ANOVA", "F(2, 16.11) = 5.78", Lang::Zh),
            "Welch F(2, 16.11) = 5.78"
        );
        assert_eq!(
            cell("Fisher's exact test", "—", Lang::Zh),
            "Fisher 确切概率法"
        );
        assert_eq!(
            cell("Student's t-test", "t(15) = 0.81", Lang::En),
            "t(15) = 0.81"
        );
    }
}
