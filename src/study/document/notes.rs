//! The notes of results in the report's language. The library keeps its notes as variants
//! (`crate::compare::Note`, `ScaleNote`, the baseline table's limits) whose English sentence
//! `results.json` and the command line show; a Chinese report says each of them here, by an
//! exhaustive `match`, so a new note cannot reach it in English unnoticed.

use super::Words;
use crate::compare::{LmmUnfitted, Note, Tests};
use crate::scale::Scale;
use crate::score::{Coding, LowestUnused};
use crate::stats::ancova::AncovaUndefined;
use crate::stats::contingency::TableError;
use crate::stats::fisher::FisherLimit;
use crate::stats::lmm::{LmmError, SINGULAR_TOLERANCE};
use crate::stats::{Alternative, Magnitude, shapiro};
use crate::study::Lang;
use crate::study::names::Names;
use crate::study::note::ScaleNote;

/// A note of a comparison (plain text, not yet escaped) in the report's language.
pub(super) fn note_text(note: &Note, w: Words) -> String {
    match w.0 {
        Lang::En => note.to_string(),
        Lang::Zh => note_zh(note, w.2),
    }
}

/// A questionnaire's note (plain text) in the report's language; `coding` is the questionnaire's
/// declared coding, which a Chinese report describes itself.
pub(super) fn scale_note_text(
    note: &ScaleNote,
    scale: &Scale,
    coding: Option<&Coding>,
    w: Words,
) -> String {
    match (w.0, note) {
        (Lang::En, _) => note.to_string(),
        (Lang::Zh, ScaleNote::Coding(text)) => {
            coding.map_or_else(|| text.clone(), |coding| coding.describe_zh(scale))
        }
        (Lang::Zh, ScaleNote::LowestUnused(warning)) => lowest_unused_zh(warning),
        (Lang::Zh, ScaleNote::NoDirection { scale }) => format!(
            "未分析个体变化：量表文件未说明 {scale} 得分越低越好还是越高越好（请在量表文件中注明）"
        ),
    }
}

fn note_zh(note: &Note, names: &Names) -> String {
    let max = shapiro::MAX_N;
    match note {
        Note::NotComputed { tests, why } => {
            format!("{}未计算：{}", tests_zh(*tests), magnitude_zh(*why))
        }
        Note::SummaryMagnitude(why) => {
            format!("t 检验、d 与 g 可能无法计算：{}", magnitude_zh(*why))
        }
        Note::FromSummaryGroups => {
            "由汇总统计量计算：秩和检验、Levene 检验与正态性检验需要原始数据".to_owned()
        }
        Note::FromSummaryPaired => "由汇总统计量计算：秩和检验与正态性检验需要原始数据".to_owned(),
        Note::TTestUndefined => "t 检验无法计算：有一组的数值过少或没有变异".to_owned(),
        Note::PairedUndefined { n } => {
            format!("配对 t 检验与 d_z 无法计算（n = {n}，或差值没有变异）")
        }
        Note::WilcoxonAllZero => "Wilcoxon 检验无法计算：所有差值均为零".to_owned(),
        Note::ShapiroGroupsLimit => {
            format!("Shapiro–Wilk 检验仅用于每组不超过 {max} 个数值的情形（与 R 相同）")
        }
        Note::ShapiroDifferencesLimit => {
            format!("Shapiro–Wilk 检验仅用于不超过 {max} 个差值的情形（与 R 相同）")
        }
        Note::ShapiroTooFew => "Shapiro–Wilk 检验需要至少 3 个不全相等的差值".to_owned(),
        Note::KruskalConstant => "Kruskal–Wallis 检验无法计算：所有数值均相同".to_owned(),
        Note::AnovaUndefined => {
            "方差分析与 Tukey HSD 检验无法计算：有一组没有数值，或各组均无变异".to_owned()
        }
        Note::WelchUndefined => "Welch 方差分析无法计算：每组需有至少两个数值且有变异".to_owned(),
        Note::GamesHowellPairs => {
            "含数值少于两个之组的两两比较无法作 Games–Howell 检验".to_owned()
        }
        Note::RepeatedTooFew { people, groups } => format!(
            "方差分析要求各时间点均有记录的人数多于组数：{groups} 组中仅有 {people} 人"
        ),
        Note::RepeatedZeroError => "方差分析无法计算：各人数值在各时间点均与其组的变化轮廓一致（误差项为零），或有数值过大无法平方".to_owned(),
        Note::Ancova(why) => format!("协方差分析无法计算：{}", ancova_zh(why)),
        Note::LmmNotFitted(why) => {
            format!("未拟合线性混合模型：{}", lmm_unfitted_zh(why, names))
        }
        Note::LmmGroupOfOne { group } => format!(
            "{}仅有 1 人：该组的均值与变化仅取决于此一人",
            names.group(group, Lang::Zh)
        ),
        Note::LmmSingular { zero } => format!(
            "边界（奇异）拟合：个体间方差估计为{}（θ = σ_b/σ 小于 {:e}，与 lme4 的 isSingular 相同），即各人平均水平的差异不超过残差变异本身所致；自由度为 lmerTest 在边界处的计算结果",
            if *zero { " 0" } else { "接近 0" },
            SINGULAR_TOLERANCE
        ),
        Note::LmmDfUndefined => {
            "Satterthwaite 自由度无法计算：方差参数的 Hessian 矩阵非正定，t、P 与置信区间均为空".to_owned()
        }
        Note::LmmNotConverged => {
            "方差比的搜索未在准则斜率变号处结束，估计值可能不在最大值处".to_owned()
        }
        Note::OneSidedAncova(alternative) => format!(
            "调整后差值按单侧检验（组别系数的 t 检验，备择假设为{}）；组别的 F 检验及其 P 值为双侧",
            match alternative {
                Alternative::Less => "小于",
                _ => "大于",
            }
        ),
    }
}

fn tests_zh(tests: Tests) -> &'static str {
    match tests {
        Tests::TwoGroups => "t 检验、d、g、Levene 检验与 Shapiro–Wilk 检验",
        Tests::Arms => "方差分析、Tukey 检验、Games–Howell 检验、Levene 检验与 Shapiro–Wilk 检验",
        Tests::Paired => "检验与效应量",
        Tests::PairedSummary => "配对 t 检验与 d_z",
        Tests::Ancova => "协方差分析与差值 t 检验",
    }
}

/// Why the mixed model is not fitted, in Chinese.
fn lmm_unfitted_zh(why: &LmmUnfitted, names: &Names) -> String {
    match why {
        LmmUnfitted::Scores(why) => magnitude_zh(*why),
        LmmUnfitted::Covariate { name, why } => format!("协变量 {name}：{}", magnitude_zh(*why)),
        LmmUnfitted::EmptyWave { time } => format!(
            "{}无人有得分，无法估计该时间点的效应；请检查该时间点的数据表",
            names.wave(time, Lang::Zh)
        ),
        LmmUnfitted::EmptyCell { group, time } => format!(
            "{}在{}无人有得分，组别 × 时间的该单元格为空，无法估计交互作用",
            names.group(group, Lang::Zh),
            names.wave(time, Lang::Zh)
        ),
        LmmUnfitted::Fit { error, covariates } => match error {
            LmmError::TooFew { observations, p } => {
                format!("观测数（{observations}）不多于固定效应数（{p}）")
            }
            LmmError::NoRepeats => {
                "无人有两次及以上的观测，个体间方差与残差方差无法区分".to_owned()
            }
            LmmError::NotEstimable if *covariates => {
                "固定效应无法由数据估计（X'V⁻¹X 奇异）：是否有协变量为常数，或为其他协变量的复制或之和？".to_owned()
            }
            LmmError::NotEstimable => "固定效应无法由数据估计（X'V⁻¹X 奇异）".to_owned(),
            LmmError::NoResidual => {
                "得分在个体内除固定效应外没有变异，残差方差为 0，模型没有最大值".to_owned()
            }
        },
    }
}

/// Why the ANCOVA is undefined, in Chinese.
fn ancova_zh(why: &AncovaUndefined) -> &'static str {
    match why {
        AncovaUndefined::EmptyGroup => "有一组无人同时有前测与后测得分",
        AncovaUndefined::TooFew => "同时有两次得分者少于 4 人（模型有 3 个系数）",
        AncovaUndefined::NotFinite => "有得分不是有限数值",
        AncovaUndefined::NoPreVariation => "前测得分在组内没有变异，无法据以调整",
        AncovaUndefined::PerfectFit => {
            "后测得分完全落在模型上（完全拟合），没有残差变异可用于检验组间差异"
        }
        AncovaUndefined::Level => "置信水平不在 0 与 1 之间",
    }
}

/// A size as 1.2×10^160.
fn power_of_ten(size: f64) -> String {
    format!("{size:.1e}").replacen('e', "×10^", 1)
}

/// Why scores are too large or too small to compute with, in Chinese.
fn magnitude_zh(why: Magnitude) -> String {
    match why {
        Magnitude::TooLarge(size) => format!(
            "得分的数量级达到 {}，超过 10^150，其平方超出双精度数的上限（1.8×10^308）；请检查数据",
            power_of_ten(size)
        ),
        Magnitude::TooSmall(size) => format!(
            "得分均小于 10^-150（最大为 {}），其平方在双精度下为 0；请调整得分的单位",
            power_of_ten(size)
        ),
        Magnitude::DifferenceOverflow => {
            "有后测与前测之差超出双精度数的上限（1.8×10^308）；请检查数据".to_owned()
        }
    }
}

/// A sheet's answers that never use the questionnaire's lowest answer, in Chinese.
fn lowest_unused_zh(warning: &LowestUnused) -> String {
    let LowestUnused {
        source,
        answers,
        scale,
        lowest,
        ..
    } = warning;
    match lowest {
        Some(min) => {
            let from = *min as i64 + 1;
            format!(
                "{source}：{scale} 的 {answers} 个作答中没有一个是最低选项 {min}；若该表的选项从 {from} 开始编号（问卷星导出即如此），则每个得分都偏高，请在研究文件中该量表的条目下加上 coded_from = {from}；若只是无人选 {min}，请加上 coded_from = {min} 加以说明"
            )
        }
        None => format!(
            "{source}：{scale} 的 {answers} 个作答中没有一个是条目的最低选项；若该表的选项从 1 开始编号（问卷星导出即如此），则每个得分都偏高，请在研究文件中该量表的条目下加上 coded_from（取各条目第一个选项的编号）"
        ),
    }
}

/// Why Fisher's exact test is not computed, in Chinese.
pub(super) fn fisher_limit_zh(limit: &FisherLimit) -> String {
    match limit {
        FisherLimit::TooLarge { n, max } => {
            format!("列联表共 {n} 个计数，超过确切检验所能处理的 {max} 个")
        }
        FisherLimit::TooWide { rows, columns, max } => {
            format!("列联表有 {rows} 行、{columns} 列，均超过确切检验所能处理的 {max}")
        }
        FisherLimit::Budget { budget } => {
            format!("列联表可能的排列过多，无法在 {budget} 步内穷举")
        }
        FisherLimit::Memory { max } => {
            format!("列联表的部分排列过多（超过 {max} 个），无法同时存于内存")
        }
    }
}

/// Why a table cannot be tested, in Chinese.
pub(super) fn table_error_zh(error: &TableError) -> String {
    match error {
        TableError::Empty => "列联表没有单元格".to_owned(),
        TableError::Ragged {
            row,
            found,
            expected,
        } => format!("列联表第 {row} 行有 {found} 个计数，而第 1 行有 {expected} 个"),
        TableError::TooLarge => "列联表的计数总和超过 2^53，超出双精度的精确范围".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words in Latin letters other than the statistical symbols and the names of tests
    /// and of R that a Chinese note keeps.
    fn foreign_words(text: &str) -> Vec<String> {
        const KEPT: [&str; 19] = [
            "t", "d", "g", "d_z", "n", "F", "P", "R", "Levene", "Shapiro", "Wilk", "Wilcoxon",
            "Kruskal", "Wallis", "Welch", "Tukey", "HSD", "Games", "Howell",
        ];
        text.split(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
            .filter(|word| !word.is_empty() && !KEPT.contains(word))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_note_of_a_comparison_is_said_in_chinese() {
        let magnitudes = [
            Magnitude::TooLarge(3.2e160),
            Magnitude::TooSmall(2.0e-170),
            Magnitude::DifferenceOverflow,
        ];
        let mut notes = vec![
            Note::FromSummaryGroups,
            Note::FromSummaryPaired,
            Note::TTestUndefined,
            Note::PairedUndefined { n: 1 },
            Note::WilcoxonAllZero,
            Note::ShapiroGroupsLimit,
            Note::ShapiroDifferencesLimit,
            Note::ShapiroTooFew,
            Note::KruskalConstant,
            Note::AnovaUndefined,
            Note::WelchUndefined,
            Note::GamesHowellPairs,
            Note::RepeatedTooFew {
                people: 2,
                groups: 2,
            },
            Note::RepeatedZeroError,
            Note::OneSidedAncova(Alternative::Less),
            Note::OneSidedAncova(Alternative::Greater),
        ];
        for why in magnitudes {
            notes.push(Note::SummaryMagnitude(why));
            for tests in [
                Tests::TwoGroups,
                Tests::Arms,
                Tests::Paired,
                Tests::PairedSummary,
                Tests::Ancova,
            ] {
                notes.push(Note::NotComputed { tests, why });
            }
        }
        for why in [
            AncovaUndefined::EmptyGroup,
            AncovaUndefined::TooFew,
            AncovaUndefined::NotFinite,
            AncovaUndefined::NoPreVariation,
            AncovaUndefined::PerfectFit,
            AncovaUndefined::Level,
        ] {
            notes.push(Note::Ancova(why));
        }
        for note in &notes {
            let zh = note_zh(note, &Names::default());
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert_eq!(foreign_words(&zh), Vec::<String>::new(), "{note}: {zh}");
        }
        assert_eq!(
            note_zh(
                &Note::NotComputed {
                    tests: Tests::TwoGroups,
                    why: Magnitude::TooLarge(3.2e160)
                },
                &Names::default()
            ),
            "t 检验、d、g、Levene 检验与 Shapiro–Wilk 检验未计算：得分的数量级达到 3.2×10^160，超过 10^150，其平方超出双精度数的上限（1.8×10^308）；请检查数据"
        );
    }

    #[test]
    fn every_limit_of_a_baseline_table_is_said_in_chinese() {
        let texts = [
            fisher_limit_zh(&FisherLimit::TooLarge {
                n: 70000,
                max: 65535,
            }),
            fisher_limit_zh(&FisherLimit::TooWide {
                rows: 12,
                columns: 12,
                max: 10,
            }),
            fisher_limit_zh(&FisherLimit::Budget { budget: 50_000_000 }),
            fisher_limit_zh(&FisherLimit::Memory { max: 4_000_000 }),
            table_error_zh(&TableError::Empty),
            table_error_zh(&TableError::Ragged {
                row: 2,
                found: 1,
                expected: 2,
            }),
            table_error_zh(&TableError::TooLarge),
        ];
        for zh in texts {
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
        }
    }
}
