//! Three waves or more: the repeated-measures ANOVA within each group (with the pairs of
//! waves) and the mixed ANOVA of the groups over the waves, as tables and one APA sentence per
//! measure that says how sphericity was judged.
//!
//! The rule, stated in the method section too: when Mauchly's test rejects sphericity at the
//! study's α, both degrees of freedom and the p-value are corrected with the Greenhouse–Geisser
//! ε (Greenhouse & Geisser 1959); otherwise the uncorrected F is read.

use super::super::StudyRun;
use super::super::waves::GroupRepeated;
use super::arms::arm_pairs_table;
use super::{
    Counter, Words, adjust_note, measure_line, measure_name, notes_and_left_out, result_notes,
};
use crate::analysis::tables::{self, df_text, f_cell_of};
use crate::analysis::waves::WavesReport;
use crate::compare::{ArmPair, MixedResult, SimpleAt};
use crate::output::apa::{conf_label, interval, mean_sd, no_leading_zero, num};
use crate::report::{Block, Table};
use crate::scale::Scale;
use crate::stats::repeated::{Sphericity, WithinTest};
use crate::study::Lang;

/// A within-person effect as read: F with the degrees of freedom and p used (corrected by the
/// Greenhouse–Geisser ε when sphericity is rejected), and whether they were corrected.
pub(super) struct Read {
    /// F.
    pub(super) f: f64,
    df1: f64,
    df2: f64,
    /// The p-value read.
    pub(super) p: Option<f64>,
    /// Whether the Greenhouse–Geisser ε corrected it.
    pub(super) corrected: bool,
}

/// The F test as read by the sphericity rule.
pub(super) fn read(test: &WithinTest, sphericity: Option<&Sphericity>, alpha: f64) -> Read {
    let violated = sphericity.is_some_and(|s| s.p < alpha);
    match (violated, test.eps_gg) {
        (true, Some(eps)) => Read {
            f: test.f,
            df1: test.df1 * eps,
            df2: test.df2 * eps,
            p: test.p_gg,
            corrected: true,
        },
        _ => Read {
            f: test.f,
            df1: test.df1,
            df2: test.df2,
            p: Some(test.p),
            corrected: false,
        },
    }
}

fn f_cell(read: &Read) -> String {
    let mark = if read.corrected { "†" } else { "" };
    format!(
        "{} ({}, {}){mark}",
        num(Some(read.f), 2),
        df_text(read.df1),
        df_text(read.df2)
    )
}

/// `*F*(1.56, 10.92) = 12.34, *p* < .001, η²~G~ = .21`, after the sphericity clause.
fn sentence(test: &WithinTest, sphericity: Option<&Sphericity>, alpha: f64, w: Words) -> String {
    let read = read(test, sphericity, alpha);
    let result = format!(
        "*F*({}, {}) = {}, {}, η²~G~ = {}",
        df_text(read.df1),
        df_text(read.df2),
        num(Some(read.f), 2),
        w.p_text(read.p),
        no_leading_zero(Some(test.generalized_eta2), 2)
    );
    let Some(s) = sphericity else {
        return result;
    };
    let mauchly = format!(
        "Mauchly *W* = {}, {}",
        no_leading_zero(Some(s.w), 2),
        w.p_text(Some(s.p))
    );
    match (read.corrected, w.0) {
        (true, Lang::En) => format!(
            "{mauchly}, Greenhouse–Geisser ε = {}: {result}",
            no_leading_zero(test.eps_gg, 2)
        ),
        (true, Lang::Zh) => format!(
            "{mauchly}，采用 Greenhouse–Geisser 校正（ε = {}）：{result}",
            no_leading_zero(test.eps_gg, 2)
        ),
        (false, Lang::En) => format!("{result} (sphericity holds: {mauchly})"),
        (false, Lang::Zh) => format!("{result}（满足球形假设：{mauchly}）"),
    }
}

fn correction_note(alpha: f64, w: Words) -> String {
    let (alpha, p) = (w.alpha_text(alpha), w.p_symbol());
    match w.0 {
        Lang::En => format!(
            "*Note.* † Greenhouse–Geisser corrected degrees of freedom and {p}: Mauchly's test rejected sphericity ({p} < {alpha}). η²~G~: generalized eta squared."
        ),
        Lang::Zh => format!(
            "*注：*† 为 Greenhouse–Geisser 校正后的自由度与 {p} 值（Mauchly 检验拒绝球形假设，{p} < {alpha}）。η²~G~：广义 η²。"
        ),
    }
}

/// The waves within each group: the ANOVA table, a sentence per measure, and the pairs.
pub(super) fn repeated_section(
    run: &StudyRun,
    scale: &Scale,
    groups: &[GroupRepeated],
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let alpha = run.study.alpha;
    let mut blocks = Vec::new();
    for GroupRepeated { group, report } in groups {
        let suffix = |en: &str, zh: &str| match (w.0, group) {
            (Lang::En, Some(g)) => format!("{en}, {} group", w.group(g)),
            (Lang::Zh, Some(g)) => format!("{}{zh}", w.group_zu(g)),
            (Lang::En, None) => en.to_owned(),
            (Lang::Zh, None) => zh.to_owned(),
        };
        let mut header = vec![w.t("measure", "指标").to_owned(), "*n*".to_owned()];
        header.extend(
            report
                .waves
                .iter()
                .map(|wave| format!("{} *M* (*SD*)", w.wave(wave))),
        );
        header.extend(
            [
                "*F* (*df*)",
                w.p_symbol(),
                "η²~G~",
                w.t("Friedman χ² (*df*)", "Friedman χ²（*df*）"),
                &w.with_p("*p* (Friedman)", "*p*（Friedman）"),
            ]
            .map(str::to_owned),
        );
        let rows = report
            .results
            .iter()
            .map(|r| {
                let mut row = vec![measure_name(scale, &r.measure, w), r.n.to_string()];
                row.extend(r.means.iter().map(|m| mean_sd(m.mean, m.sd)));
                match &r.anova {
                    Some(test) => {
                        let read = read(test, r.sphericity.as_ref(), alpha);
                        row.extend([
                            f_cell(&read),
                            w.p_cell(read.p),
                            no_leading_zero(Some(test.generalized_eta2), 2),
                        ]);
                    }
                    None => row.extend(["—", "—", "—"].map(str::to_owned)),
                }
                match &r.friedman {
                    Some(f) => row.extend([
                        format!("{} ({})", num(Some(f.chi2), 2), df_text(f.df)),
                        w.p_cell(Some(f.p)),
                    ]),
                    None => row.extend(["—", "—"].map(str::to_owned)),
                }
                row
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: counter.table(
                w,
                &suffix(
                    "Repeated-measures ANOVA over the waves",
                    "各时间点重复测量方差分析",
                ),
            ),
            header,
            rows,
            note: Some(correction_note(alpha, w)),
        }));
        blocks.push(Block::List(
            report
                .results
                .iter()
                .filter_map(|r| {
                    let test = r.anova.as_ref()?;
                    let mut text = sentence(test, r.sphericity.as_ref(), alpha, w);
                    if let Some(f) = &r.friedman {
                        text.push_str(&format!(
                            "{}Friedman χ²({}) = {}, {}, *W* = {}",
                            w.t("; ", "；"),
                            df_text(f.df),
                            num(Some(f.chi2), 2),
                            w.p_text(Some(f.p)),
                            no_leading_zero(Some(f.kendall_w), 2)
                        ));
                    }
                    Some(measure_line(scale, &r.measure, w, &text))
                })
                .collect(),
        ));
        blocks.extend(pairs_table(scale, report, w, counter, &suffix));
        blocks.extend(notes_and_left_out(
            scale,
            result_notes(scale, &report.results, w),
            &report.excluded,
            w,
        ));
    }
    blocks
}

/// The table of every pair of waves of one group.
fn pairs_table(
    scale: &Scale,
    report: &WavesReport<crate::compare::RepeatedResult>,
    w: Words,
    counter: &mut Counter,
    suffix: &dyn Fn(&str, &str) -> String,
) -> Option<Block> {
    let ci = conf_label(report.conf.unwrap_or(0.95));
    let rows: Vec<Vec<String>> = report
        .results
        .iter()
        .flat_map(|r| {
            r.pairwise.iter().map(|pair| {
                vec![
                    measure_name(scale, &r.measure, w),
                    format!("{} → {}", w.wave(&pair.a), w.wave(&pair.b)),
                    format!(
                        "{} {}",
                        num(pair.mean_diff, 2),
                        interval(pair.ci_low, pair.ci_high, 2)
                    ),
                    match (pair.t, pair.df) {
                        (Some(t), Some(d)) => format!("{} ({})", num(Some(t), 2), df_text(d)),
                        _ => "—".to_owned(),
                    },
                    w.p_cell(pair.p_adj),
                    num(pair.wilcoxon_v, 1),
                    w.p_cell(pair.wilcoxon_p_adj),
                ]
            })
        })
        .collect();
    (!rows.is_empty()).then(|| {
        Block::Table(Table {
            caption: counter.table(w, &suffix("Pairs of waves", "两两时间点比较")),
            header: vec![
                w.t("measure", "指标").to_owned(),
                w.t("waves", "时间点").to_owned(),
                format!("{} [{ci}]", w.t("difference", "差值")),
                "*t* (*df*)".to_owned(),
                w.with_p("*p* adj.", "校正 *p*"),
                "*V*".to_owned(),
                w.with_p("*p* adj. (*V*)", "校正 *p*（*V*）"),
            ],
            rows,
            note: Some(adjust_note(
                report.adjust,
                w,
                (
                    "*Note.* Differences are the later wave − the earlier; paired *t*-tests and Wilcoxon signed-rank tests, *p* adjusted across the pairs with",
                    "*注：*差值 = 后一时间点 − 前一时间点；配对 *t* 检验与 Wilcoxon 符号秩检验，*p* 值在两两比较间校正，方法为",
                ),
                (
                    "*Note.* Differences are the later wave − the earlier; paired *t*-tests and Wilcoxon signed-rank tests, *p* not adjusted.",
                    "*注：*差值 = 后一时间点 − 前一时间点；配对 *t* 检验与 Wilcoxon 符号秩检验，*p* 值未作校正。",
                ),
            )),
        })
    })
}

/// The groups over the waves: the effects of group, time and group × time, a sentence per
/// measure on the interaction, and the simple effects.
pub(super) fn mixed_section(
    run: &StudyRun,
    scale: &Scale,
    report: &WavesReport<MixedResult>,
    w: Words,
    counter: &mut Counter,
) -> Vec<Block> {
    let alpha = run.study.alpha;
    let mut rows = Vec::new();
    for r in &report.results {
        let name = measure_name(scale, &r.measure, w);
        let mut between = vec![
            name.clone(),
            r.n.to_string(),
            w.t("group", "组别").to_owned(),
        ];
        match &r.between {
            Some(t) => between.extend([
                tables::f_cell(t.f, t.df1, t.df2),
                w.p_cell(Some(t.p)),
                no_leading_zero(Some(t.partial_eta2), 2),
                no_leading_zero(Some(t.generalized_eta2), 2),
            ]),
            None => between.extend(["—", "—", "—", "—"].map(str::to_owned)),
        }
        rows.push(between);
        for (effect, test) in [
            (w.t("time", "时间"), &r.within),
            (w.t("group × time", "组别 × 时间"), &r.interaction),
        ] {
            let mut row = vec![name.clone(), r.n.to_string(), effect.to_owned()];
            match test {
                Some(t) => {
                    let read = read(t, r.sphericity.as_ref(), alpha);
                    row.extend([
                        f_cell(&read),
                        w.p_cell(read.p),
                        no_leading_zero(Some(t.partial_eta2), 2),
                        no_leading_zero(Some(t.generalized_eta2), 2),
                    ]);
                }
                None => row.extend(["—", "—", "—", "—"].map(str::to_owned)),
            }
            rows.push(row);
        }
    }
    let mut blocks = vec![Block::Table(Table {
        caption: counter.table(
            w,
            w.t(
                "Groups over the waves (mixed ANOVA)",
                "各组各时间点比较（混合设计方差分析）",
            ),
        ),
        header: vec![
            w.t("measure", "指标").to_owned(),
            "*n*".to_owned(),
            w.t("effect", "效应").to_owned(),
            "*F* (*df*)".to_owned(),
            w.p_symbol().to_owned(),
            "η²~p~".to_owned(),
            "η²~G~".to_owned(),
        ],
        rows,
        note: Some(if report.results.iter().any(|r| r.sphericity.is_some()) {
            correction_note(alpha, w)
        } else {
            w.t(
                "*Note.* η²~G~: generalized eta squared.",
                "*注：*η²~G~：广义 η²。",
            )
            .to_owned()
        }),
    })];
    blocks.push(Block::List(
        report
            .results
            .iter()
            .filter_map(|r| {
                let test = r.interaction.as_ref()?;
                let text = format!(
                    "{}{}",
                    w.t("group × time: ", "组别 × 时间："),
                    sentence(test, r.sphericity.as_ref(), alpha, w)
                );
                Some(measure_line(scale, &r.measure, w, &text))
            })
            .collect(),
    ));
    let simple: Vec<Vec<String>> = report
        .results
        .iter()
        .flat_map(|r| {
            r.simple_time.iter().chain(&r.simple_group).map(|effect| {
                let at = match (&effect.at, w.0) {
                    (SimpleAt::Group(g), Lang::En) => format!("time in {}", w.group(g)),
                    (SimpleAt::Group(g), Lang::Zh) => format!("{}内的时间效应", w.group_zu(g)),
                    (SimpleAt::Time(t), Lang::En) => format!("group at {}", w.wave(t)),
                    (SimpleAt::Time(t), Lang::Zh) => format!("{}的组别效应", w.wave(t)),
                };
                vec![
                    measure_name(scale, &r.measure, w),
                    at,
                    f_cell_of(effect.f, effect.df1, effect.df2),
                    w.p_cell(effect.p),
                    w.p_cell(effect.p_adj),
                ]
            })
        })
        .collect();
    blocks.push(Block::Table(Table {
        caption: counter.table(w, w.t("Simple effects", "简单效应")),
        header: vec![
            w.t("measure", "指标").to_owned(),
            w.t("effect", "效应").to_owned(),
            "*F* (*df*)".to_owned(),
            w.p_symbol().to_owned(),
            w.with_p("*p* adj.", "校正 *p*"),
        ],
        rows: simple,
        note: Some(adjust_note(
            report.adjust,
            w,
            (
                "*Note.* Time within each group: a repeated-measures ANOVA of the group alone (uncorrected); group at each wave: a one-way ANOVA. *p* adjusted within each family with",
                "*注：*各组内的时间效应为该组单独的重复测量方差分析（未校正）；各时间点的组别效应为单因素方差分析。*p* 值在每类效应内校正，方法为",
            ),
            (
                "*Note.* Time within each group: a repeated-measures ANOVA of the group alone (uncorrected); group at each wave: a one-way ANOVA. *p* not adjusted.",
                "*注：*各组内的时间效应为该组单独的重复测量方差分析（未校正）；各时间点的组别效应为单因素方差分析。*p* 值未作校正。",
            ),
        )),
    }));
    let pairs: Vec<(String, Option<&str>, &ArmPair)> = report
        .results
        .iter()
        .flat_map(|r| {
            r.simple_group.iter().flat_map(move |effect| {
                let wave = match &effect.at {
                    SimpleAt::Time(time) | SimpleAt::Group(time) => time.as_str(),
                };
                effect
                    .pairs
                    .iter()
                    .map(move |pair| (measure_name(scale, &r.measure, w), Some(wave), pair))
            })
        })
        .collect();
    blocks.extend(arm_pairs_table(
        &pairs,
        report.conf.unwrap_or(run.study.conf),
        w,
        counter,
    ));
    blocks.extend(notes_and_left_out(
        scale,
        result_notes(scale, &report.results, w),
        &report.excluded,
        w,
    ));
    blocks
}
