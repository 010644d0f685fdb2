//! The notes of results in the report's language. The library writes its notes in English (as
//! `results.json` and the command line show them); a Chinese report says the known ones in
//! Chinese, sentence by sentence, and keeps any other as written.

use super::Words;
use crate::study::Lang;

/// A note of the results (plain text, not yet escaped) in the report's language.
pub(super) fn note_text(note: &str, w: Words) -> String {
    match w.0 {
        Lang::En => note.to_owned(),
        Lang::Zh => note_zh(note).unwrap_or_else(|| note.to_owned()),
    }
}

/// A known note in Chinese, `None` for one this module does not know.
fn note_zh(note: &str) -> Option<String> {
    if let Some(text) = fixed_zh(note) {
        return Some(text.to_owned());
    }
    if let Some((what, why)) = note.split_once(" are not computed: ") {
        let what = match what {
            "the t-tests, d, g, Levene's tests and Shapiro–Wilk" => {
                "t 检验、d、g、Levene 检验与 Shapiro–Wilk 检验"
            }
            "the ANOVAs, Tukey, Games–Howell, Levene's tests and Shapiro–Wilk" => {
                "方差分析、Tukey 检验、Games–Howell 检验、Levene 检验与 Shapiro–Wilk 检验"
            }
            "the tests and effect sizes" => "检验与效应量",
            "the ANCOVA and the gain-score t-test" => "协方差分析与差值 t 检验",
            "the paired t-test and d_z" => "配对 t 检验与 d_z",
            _ => return None,
        };
        return Some(format!("未计算{what}：{}", magnitude_zh(why)?));
    }
    if let Some(rest) = note.strip_prefix("the paired t-test and d_z are undefined here (n = ") {
        let n = rest.strip_suffix(", or the differences do not vary)")?;
        return Some(format!(
            "配对 t 检验与 d_z 无法计算（n = {n}，或差值没有变异）"
        ));
    }
    if let Some(rest) = note.strip_prefix("Shapiro–Wilk is computed for groups of at most ") {
        let max = rest.strip_suffix(" values, as R's shapiro.test")?;
        return Some(format!(
            "Shapiro–Wilk 检验仅用于每组不超过 {max} 个数值的情形（与 R 相同）"
        ));
    }
    if let Some(rest) = note.strip_prefix("Shapiro–Wilk is computed for at most ") {
        let max = rest.strip_suffix(" differences, as R's shapiro.test")?;
        return Some(format!(
            "Shapiro–Wilk 检验仅用于不超过 {max} 个差值的情形（与 R 相同）"
        ));
    }
    if let Some(rest) =
        note.strip_prefix("the ANOVA needs more people with every wave than groups: ")
    {
        let mut words = rest.split(' ');
        let (n, g) = (words.next()?, words.nth(2)?);
        return Some(format!(
            "方差分析要求各时间点均有记录的人数多于组数：{g} 组中仅有 {n} 人"
        ));
    }
    if let Some(text) = lowest_unused_zh(note) {
        return Some(text);
    }
    if let Some(why) = note.strip_prefix("the ANCOVA is undefined: ") {
        return Some(format!("协方差分析无法计算：{}", ancova_zh(why)?));
    }
    if let Some(scale) = note.strip_prefix("individual change is left out: ") {
        let scale = scale.strip_suffix(
            " does not say whether lower or higher scores are better; its scale file should say so (better = \"lower\" or \"higher\")",
        )?;
        return Some(format!(
            "未分析个体变化：量表文件未说明 {scale} 得分越低越好还是越高越好（请在量表文件中注明）"
        ));
    }
    None
}

/// The notes that are always the same sentence, in Chinese.
fn fixed_zh(note: &str) -> Option<&'static str> {
    Some(match note {
        "a t-test is undefined: a group has too few values or no variation" => {
            "t 检验无法计算：有一组的数值过少或没有变异"
        }
        "the Wilcoxon test is undefined: every difference is zero" => {
            "Wilcoxon 检验无法计算：所有差值均为零"
        }
        "Shapiro–Wilk needs at least 3 differences that are not all equal" => {
            "Shapiro–Wilk 检验需要至少 3 个不全相等的差值"
        }
        "Kruskal–Wallis is undefined: every value is the same" => {
            "Kruskal–Wallis 检验无法计算：所有数值均相同"
        }
        "the ANOVA and Tukey's HSD are undefined: a group is empty, or no group varies" => {
            "方差分析与 Tukey HSD 检验无法计算：有一组没有数值，或各组均无变异"
        }
        "Welch's ANOVA is undefined: every group needs two values or more, and each must vary" => {
            "Welch 方差分析无法计算：每组需有至少两个数值且有变异"
        }
        "Games–Howell is undefined for the pairs with a group of fewer than two values" => {
            "含数值少于两个之组的两两比较无法作 Games–Howell 检验"
        }
        "the ANOVA is undefined: no one's values vary around their group's profile over the waves (a zero error term), or a value is too large to square" => {
            "方差分析无法计算：各人数值在各时间点均与其组的变化轮廓一致（误差项为零），或有数值过大无法平方"
        }
        _ => return None,
    })
}

/// Why the ANCOVA is undefined (`crate::stats::ancova::AncovaUndefined`), in Chinese.
fn ancova_zh(why: &str) -> Option<&'static str> {
    Some(match why {
        "a group has no one with both a pre and a post score" => "有一组无人同时有前测与后测得分",
        "fewer than 4 people with both scores (the model has 3 coefficients)" => {
            "同时有两次得分者少于 4 人（模型有 3 个系数）"
        }
        "a score is not a finite number" => "有得分不是有限数值",
        "the pre scores do not vary within the groups, so there is no slope to adjust by" => {
            "前测得分在组内没有变异，无法据以调整"
        }
        "the post scores lie exactly on the model (a perfect fit), so there is no residual variation to test the groups against" => {
            "后测得分完全落在模型上（完全拟合），没有残差变异可用于检验组间差异"
        }
        "the confidence level is not between 0 and 1" => "置信水平不在 0 与 1 之间",
        _ => return None,
    })
}

/// Why scores are too large or too small to compute with, in Chinese.
fn magnitude_zh(why: &str) -> Option<String> {
    if let Some(rest) = why.strip_prefix("the scores reach ") {
        let size = rest.split(' ').next()?;
        return Some(format!(
            "得分的数量级达到 {}，超过 10^150，其平方超出双精度数的上限（1.8×10^308）；请检查数据",
            size.replacen('e', "×10^", 1)
        ));
    }
    let rest = why.strip_prefix("the scores are all below 1e-150 in size (the largest is ")?;
    let size = rest.split(')').next()?;
    Some(format!(
        "得分均小于 10^-150（最大为 {}），其平方在双精度下为 0；请调整得分的单位",
        size.replacen('e', "×10^", 1)
    ))
}

/// A sheet's answers that never use the questionnaire's lowest answer (the warning of
/// `crate::score::coding::lowest_unused` with the study file's key), in Chinese.
fn lowest_unused_zh(note: &str) -> Option<String> {
    let (source, rest) = note.split_once(": none of the ")?;
    let (answers, rest) = rest.split_once(" answers to ")?;
    let (scale, rest) = rest.split_once(" is ")?;
    if let Some((min, rest)) =
        rest.split_once(", its lowest answer; if the sheet numbers the options from ")
    {
        let (from, _) =
            rest.split_once(" (as 问卷星/WJX exports do), every score is too high: add ")?;
        return Some(format!(
            "{source}：{scale} 的 {answers} 个作答中没有一个是最低选项 {min}；若该表的选项从 {from} 开始编号（问卷星导出即如此），则每个得分都偏高，请在研究文件中该量表的条目下加上 coded_from = {from}；若只是无人选 {min}，请加上 coded_from = {min} 加以说明"
        ));
    }
    rest.starts_with("its item's lowest answer; if the sheet numbers the options from 1 ")
        .then(|| format!(
            "{source}：{scale} 的 {answers} 个作答中没有一个是条目的最低选项；若该表的选项从 1 开始编号（问卷星导出即如此），则每个得分都偏高，请在研究文件中该量表的条目下加上 coded_from（取各条目第一个选项的编号）"
        ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::ancova::AncovaUndefined;

    #[test]
    fn every_reason_the_ancova_is_undefined_is_said_in_chinese() {
        for why in [
            AncovaUndefined::EmptyGroup,
            AncovaUndefined::TooFew,
            AncovaUndefined::NotFinite,
            AncovaUndefined::NoPreVariation,
            AncovaUndefined::PerfectFit,
            AncovaUndefined::Level,
        ] {
            let note = format!("the ANCOVA is undefined: {why}");
            let zh = note_zh(&note).unwrap_or_else(|| panic!("{note}"));
            assert!(zh.starts_with("协方差分析无法计算："), "{zh}");
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{zh}");
        }
    }
}
