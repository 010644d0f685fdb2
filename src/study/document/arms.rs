//! Three groups or more: the one-way, Welch and Kruskal–Wallis ANOVAs of one wave with the
//! pairs of arms, and the pairs of arms at each wave after the mixed ANOVA. One APA sentence per
//! measure says which arms differ.
//!
//! Which pairs are read follows the omnibus test Levene's test favours: Tukey's HSD after the
//! one-way ANOVA, Games–Howell after Welch's ANOVA (`favoured` in each result).

use super::{
    Counter, Words, adjust_note, measure_line, measure_name, notes_and_left_out, result_notes,
};
use crate::analysis::report::Report;
use crate::compare::{ArmPair, ArmsResult};
use crate::output::apa::{conf_label, interval, mean_sd, no_leading_zero, num};
use crate::report::{Block, Table};
use crate::scale::Scale;
use crate::study::Lang;

/// Whether Games–Howell (after Welch's ANOVA) rather than Tukey is read for a result.
fn reads_games_howell(result: &ArmsResult) -> bool {
    result.favoured.test == "welch_anova"
}

/// The difference and interval the report reads for a pair, and its p-value.
fn read_pair(pair: &ArmPair, games_howell: bool) -> (String, Option<f64>) {
    let (low, high, p) = if games_howell {
        (
            pair.games_howell_ci_low,
            pair.games_howell_ci_high,
            pair.games_howell_p,
        )
    } else {
        (pair.ci_low, pair.ci_high, pair.tukey_p)
    };
    (
        format!("{} {}", num(pair.diff, 2), interval(low, high, 2)),
        p,
    )
}

/// Degrees of freedom as written: whole numbers without decimals, others with two.
fn df(value: Option<f64>) -> String {
    match value {
        Some(v) if v.fract() == 0.0 => format!("{v}"),
        v => num(v, 2),
    }
}

/// The comparison of the arms at one wave: the ANOVA table, a sentence per measure naming the
/// arms that differ, and the table of pairs. `title` is the table's caption.
pub(super) fn arms_section(
    scale: &Scale,
    report: &Report<ArmsResult>,
    title: &str,
    alpha: f64,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let mut header = vec![w.t("measure", "指标").to_owned()];
    header.extend(
        report
            .levels
            .iter()
            .map(|level| format!("{} *M* (*SD*)", w.group(level))),
    );
    header.extend([
        "*F* (*df*)".to_owned(),
        w.p_symbol().to_owned(),
        w.with_p("*p* adj.", "校正 *p*"),
        "η²".to_owned(),
        w.with_p("*p* (Welch)", "*p* (Welch)"),
        w.with_p("*p* (*H*)", "*p* (*H*)"),
    ]);
    let rows = report
        .results
        .iter()
        .map(|r| {
            let mut row = vec![measure_name(scale, &r.measure, w)];
            row.extend(r.groups.iter().map(|g| mean_sd(g.mean, g.sd)));
            row.extend([
                format!(
                    "{} ({}, {})",
                    num(r.anova.f, 2),
                    df(r.anova.df1),
                    df(r.anova.df2)
                ),
                w.p_cell(r.anova.p),
                w.p_cell(r.anova.p_adj),
                no_leading_zero(r.anova.eta2, 2),
                w.p_cell(r.welch_anova.p),
                w.p_cell(r.kruskal.p),
            ]);
            row
        })
        .collect();
    let mut blocks = vec![Block::Table(Table {
        caption: counter.table(w, title),
        header,
        rows,
        note: Some(adjust_note(
            report.adjust,
            w,
            (
                "*Note.* One-way ANOVA (*F*, η²), Welch's ANOVA and the Kruskal–Wallis test (*H*), each with its statistic in the text below; *p* adj.: the ANOVA's *p* adjusted across the subscales and total with",
                "*注：*单因素方差分析（*F*，η²）、Welch 方差分析与 Kruskal–Wallis 检验（*H*），统计量见下文；校正 *p*：单因素方差分析的 *p* 值在各维度与总分间校正，方法为",
            ),
            (
                "*Note.* One-way ANOVA (*F*, η²), Welch's ANOVA and the Kruskal–Wallis test (*H*), each with its statistic in the text below; *p* adj.: the ANOVA's *p*, not adjusted.",
                "*注：*单因素方差分析（*F*，η²）、Welch 方差分析与 Kruskal–Wallis 检验（*H*），统计量见下文；校正 *p*：单因素方差分析的 *p* 值，未作校正。",
            ),
        )),
    })];
    blocks.push(Block::List(
        report
            .results
            .iter()
            .map(|r| measure_line(scale, &r.measure, w, &omnibus_sentence(r, alpha, w)))
            .collect(),
    ));
    let pairs: Vec<(String, Option<&str>, &ArmPair)> = report
        .results
        .iter()
        .flat_map(|r| {
            r.posthoc
                .iter()
                .map(move |pair| (measure_name(scale, &r.measure, w), None, pair))
        })
        .collect();
    blocks.extend(arm_pairs_table(&pairs, report.conf, w, counter));
    blocks.extend(notes_and_left_out(
        scale,
        result_notes(scale, &report.results, w),
        &report.excluded,
        w,
    ));
    blocks
}

/// `F(2, 12) = 6.19, p = .014, η² = .51; …`, then which arms differ by the pairs read.
fn omnibus_sentence(r: &ArmsResult, alpha: f64, w: Words) -> String {
    let games_howell = reads_games_howell(r);
    let anova = format!(
        "*F*({}, {}) = {}, {}, η² = {}",
        df(r.anova.df1),
        df(r.anova.df2),
        num(r.anova.f, 2),
        w.p_text(r.anova.p),
        no_leading_zero(r.anova.eta2, 2)
    );
    let welch = format!(
        "Welch *F*({}, {}) = {}, {}",
        df(r.welch_anova.df1),
        df(r.welch_anova.df2),
        num(r.welch_anova.f, 2),
        w.p_text(r.welch_anova.p)
    );
    let kruskal = format!(
        "Kruskal–Wallis *H*({}) = {}, {}",
        df(r.kruskal.df),
        num(r.kruskal.h, 2),
        w.p_text(r.kruskal.p)
    );
    // The test read first, the others after it.
    let separator = w.t("; ", "；");
    let (omnibus, others) = if games_howell {
        (welch, format!("{anova}{separator}{kruskal}"))
    } else {
        (anova, format!("{welch}{separator}{kruskal}"))
    };
    let method = if games_howell {
        "Games–Howell"
    } else {
        w.t("Tukey's HSD", "Tukey HSD")
    };
    let differ: Vec<String> = r
        .posthoc
        .iter()
        .filter_map(|pair| {
            let (difference, p) = read_pair(pair, games_howell);
            p.filter(|p| *p < alpha).map(|_| {
                format!(
                    "{} − {} = {difference}, {}",
                    w.group(&pair.a),
                    w.group(&pair.b),
                    w.p_text(p)
                )
            })
        })
        .collect();
    let (alpha, p) = (w.alpha_text(alpha), w.p_symbol());
    let pairs = match (differ.is_empty(), w.0) {
        (true, Lang::En) => format!("no two groups differ ({method}, every {p} ≥ {alpha})"),
        (true, Lang::Zh) => format!("任意两组间差异均无统计学意义（{method}，{p} 均 ≥ {alpha}）"),
        (false, Lang::En) => format!(
            "the groups that differ ({method}, {p} < {alpha}): {}",
            differ.join("; ")
        ),
        (false, Lang::Zh) => format!(
            "差异有统计学意义的组（{method}，{p} < {alpha}）：{}",
            differ.join("；")
        ),
    };
    match w.0 {
        Lang::En => format!("{omnibus} ({others}); {pairs}"),
        Lang::Zh => format!("{omnibus}（{others}）；{pairs}"),
    }
}

/// The table of pairs of arms: each row `(measure, wave, pair)`; the wave column only when
/// some row has one.
pub(super) fn arm_pairs_table(
    pairs: &[(String, Option<&str>, &ArmPair)],
    conf: f64,
    w: Words,
    counter: &mut Counter,
) -> Option<Block> {
    if pairs.is_empty() {
        return None;
    }
    let ci = conf_label(conf);
    let waves = pairs.iter().any(|(_, wave, _)| wave.is_some());
    let mut header = vec![w.t("measure", "指标").to_owned()];
    if waves {
        header.push(w.t("wave", "时间点").to_owned());
    }
    header.extend([
        w.t("pair", "比较").to_owned(),
        w.t("difference", "差值").to_owned(),
        format!("{ci} (Tukey)"),
        w.with_p("*p* (Tukey)", "*p*（Tukey）"),
        w.with_p("*p* (G–H)", "*p*（G–H）"),
        w.with_p("*p* adj. (Dunn)", "校正 *p*（Dunn）"),
    ]);
    let rows = pairs
        .iter()
        .map(|(measure, wave, pair)| {
            let mut row = vec![measure.clone()];
            if waves {
                row.push(wave.map(|wave| w.wave(wave)).unwrap_or_default());
            }
            row.extend([
                format!("{} − {}", w.group(&pair.a), w.group(&pair.b)),
                num(pair.diff, 2),
                interval(pair.ci_low, pair.ci_high, 2),
                w.p_cell(pair.tukey_p),
                w.p_cell(pair.games_howell_p),
                w.p_cell(pair.dunn_p_adj),
            ]);
            row
        })
        .collect();
    Some(Block::Table(Table {
        caption: counter.table(w, w.t("Pairs of groups", "组间两两比较")),
        header,
        rows,
        note: Some(
            w.t(
                "*Note.* Differences are the first group − the second. Tukey's HSD (read after the one-way ANOVA) and Games–Howell (G–H, read after Welch's ANOVA, when Levene's test finds unequal variances) adjust for every pair by the studentized range; Dunn's rank test is adjusted with Holm's method. The Games–Howell intervals and Dunn's *z* are in the CSV tables.",
                "*注：*差值 = 前一组 − 后一组。Tukey HSD（方差齐时，配合单因素方差分析）与 Games–Howell 检验（G–H，Levene 检验提示方差不齐时，配合 Welch 方差分析）以学生化极差分布校正所有两两比较；Dunn 秩和检验采用 Holm 法校正。Games–Howell 置信区间与 Dunn *z* 见 CSV 表格。",
            )
            .to_owned(),
        ),
    }))
}
