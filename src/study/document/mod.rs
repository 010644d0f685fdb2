//! The report of a study as a document: methods, then one results section per questionnaire
//! (sample, descriptives, reliability, baseline, within groups, between groups or arms, individual
//! change, band transitions, figures), in English or Chinese. Numbers come from the results
//! exactly as `results.json` holds them, rounded for reading (APA style).

mod arms;
mod comparisons;
mod discussion;
mod individual;
mod lmm;
mod methods;
mod notes;
mod order;
mod participants;
mod tables;
mod thesis;
mod waves;

use arms::arms_section;
use comparisons::{baseline_section, between_section, within_section};
use discussion::discussion_section;
use individual::{change_section, figures_section, transitions_section};
use notes::{note_text, scale_note_text};
use participants::participants_section;
use tables::{describe_table, reliability_section, sample_section};
use thesis::thesis_section;
use waves::{mixed_section, repeated_section};

use super::Design;
use super::StudyRun;
use super::analyses::Baseline;
use super::figures::{ScaleFigures, band_title, measure_title, scale_title};
use crate::compare::{
    AncovaResult, ArmsResult, GroupsResult, LmmResult, MixedResult, Note, PairedResult,
    RepeatedResult,
};
use crate::data::pairing::{Excluded, Reason, RowRef};
use crate::output::apa::{fixed, no_leading_zero, p_value};
use crate::report::{Block, Document, escape};
use crate::scale::Scale;
use crate::stats::adjust::Adjust;
use crate::study::{Lang, Names, PStyle};

/// At most this many people are listed one by one in the individual-change table of the
/// report (all of them are in `tables/`).
pub const MAX_LISTED_PEOPLE: usize = 60;

/// The text of one language: `t(en, zh)` picks one of two translations; p-values are written
/// in the report's style; the waves and groups by the names the report gives them.
#[derive(Debug, Clone, Copy)]
struct Words<'a>(Lang, PStyle, &'a Names);

impl Words<'_> {
    fn t(self, en: &'static str, zh: &'static str) -> &'static str {
        self.0.pick(en, zh)
    }

    /// Text that names p-values as `*p*`, with the report's symbol for them (`*P*` in the
    /// Chinese style).
    fn p_styled(self, text: &str) -> String {
        text.replace("*p*", self.p_symbol())
    }

    /// [`Words::t`] of a text that names p-values (see [`Words::p_styled`]).
    fn with_p(self, en: &'static str, zh: &'static str) -> String {
        self.p_styled(self.t(en, zh))
    }

    /// A wave's name (marked-up text).
    fn wave(self, wave: &str) -> String {
        escape(&self.2.wave(wave, self.0))
    }

    /// A group's name (marked-up text).
    fn group(self, group: &str) -> String {
        escape(&self.2.group(group, self.0))
    }

    /// "X组" in Chinese without a doubled 组, the name in English (marked-up text).
    fn group_zu(self, group: &str) -> String {
        escape(&self.2.group_zu(group, self.0))
    }

    /// A p-value in a table: `.032`, `< .001` (APA) or `0.032`, `<0.001` (theses in
    /// Chinese); "—" for none.
    fn p_cell(self, p: Option<f64>) -> String {
        match self.1 {
            PStyle::Apa => p_value(p),
            PStyle::Zh => match p.filter(|p| p.is_finite()) {
                None => "—".to_owned(),
                Some(p) if p < 0.001 => "<0.001".to_owned(),
                Some(p) => fixed(p, 3),
            },
        }
    }

    /// A p-value in a sentence: `*p* = .004`, `*p* < .001` (APA) or `*P* = 0.004`,
    /// `*P* < 0.001`.
    fn p_text(self, p: Option<f64>) -> String {
        let cell = self.p_cell(p);
        match cell.strip_prefix('<') {
            Some(rest) => format!("{} < {}", self.p_symbol(), rest.trim_start()),
            None => format!("{} = {cell}", self.p_symbol()),
        }
    }

    /// A p-value already written in APA style (`.032`, `< .001`, `1.000`, "—") in the
    /// report's style.
    fn restyle_p(self, apa: &str) -> String {
        match self.1 {
            PStyle::Apa => apa.to_owned(),
            PStyle::Zh => match (apa.strip_prefix("< ."), apa.strip_prefix('.')) {
                (Some(rest), _) => format!("<0.{rest}"),
                (None, Some(rest)) => format!("0.{rest}"),
                (None, None) => apa.to_owned(),
            },
        }
    }

    /// The significance level as p-values are written: `.05` (APA) or `0.05`.
    fn alpha_text(self, alpha: f64) -> String {
        match self.1 {
            PStyle::Apa => no_leading_zero(Some(alpha), 2),
            PStyle::Zh => fixed(alpha, 2),
        }
    }

    /// The symbol of a p-value column: `*p*` (APA) or `*P*`.
    fn p_symbol(self) -> &'static str {
        match self.1 {
            PStyle::Apa => "*p*",
            PStyle::Zh => "*P*",
        }
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
    let names = run.study.names();
    let w = Words(
        run.lang,
        run.study.p_style.unwrap_or_else(|| PStyle::of(run.lang)),
        &names,
    );
    let title = run.study.title.as_deref().map(escape).unwrap_or_else(|| {
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
    blocks.extend(methods::methods(run, w));
    let mut counter = Counter::default();
    if let Some(participants) = &run.participants {
        blocks.extend(participants_section(run, participants, w, &mut counter));
    }
    for (index, results) in run.results.iter().enumerate() {
        let scale = &run.scales[index];
        blocks.push(heading(
            2,
            &format!("{}{}", w.t("Results: ", "结果："), scale_name(scale, w)),
        ));
        blocks.extend(notes_list(scale_notes(run, index, w)));
        blocks.extend(sample_section(run, scale, results, w, &mut counter));
        // A single case's descriptive table would hold one value per cell: its scores are in
        // the table of each person's change.
        if let Some(describe) = results
            .describe
            .as_ref()
            .filter(|_| run.design != Design::SingleCase)
        {
            blocks.push(heading(3, w.t("Descriptive statistics", "描述统计")));
            blocks.push(describe_table(run, scale, describe, w, &mut counter));
        }
        if let Some(reliability) = &results.reliability {
            blocks.push(heading(3, w.t("Reliability", "信度")));
            blocks.extend(reliability_section(scale, reliability, w, &mut counter));
        }
        match &results.baseline {
            Some(Baseline::Two(baseline)) => {
                blocks.push(heading(3, w.t("Baseline equivalence", "基线比较")));
                blocks.extend(baseline_section(scale, baseline, w, &mut counter));
            }
            Some(Baseline::Arms(baseline)) => {
                blocks.push(heading(3, w.t("Baseline equivalence", "基线比较")));
                let title = match w.0 {
                    Lang::En => format!("The groups at {}", w.wave(&run.levels[0])),
                    Lang::Zh => format!("{}时各组比较", w.wave(&run.levels[0])),
                };
                blocks.extend(arms_section(
                    scale,
                    baseline,
                    &title,
                    run.study.alpha,
                    w,
                    &mut counter,
                ));
            }
            None => {}
        }
        // With the mixed model as the main analysis, the analyses of the people with every wave
        // are its sensitivity analysis.
        let completers = if results.lmm.is_some() {
            w.t(
                " — people with every wave (sensitivity analysis)",
                "——仅各时间点均有得分者（敏感性分析）",
            )
        } else {
            ""
        };
        if let Some(lmm) = &results.lmm {
            blocks.push(heading(
                3,
                w.t(
                    "Change over the waves: linear mixed model (main analysis)",
                    "各时间点的变化：线性混合模型（主要分析）",
                ),
            ));
            blocks.extend(lmm::lmm_section(run, scale, lmm, w, &mut counter));
        }
        if !results.within.is_empty() {
            blocks.push(heading(
                3,
                &format!(
                    "{}{completers}",
                    w.t("Pre/post within groups", "组内前后测比较")
                ),
            ));
            blocks.extend(within_section(run, scale, results, w, &mut counter));
        }
        if !results.repeated.is_empty() {
            blocks.push(heading(
                3,
                &format!(
                    "{}{completers}",
                    w.t("Over the waves within groups", "组内各时间点比较")
                ),
            ));
            blocks.extend(repeated_section(
                run,
                scale,
                &results.repeated,
                w,
                &mut counter,
            ));
        }
        if let Some(mixed) = &results.mixed {
            blocks.push(heading(
                3,
                &format!(
                    "{}{completers}",
                    w.t("Groups over the waves", "各组各时间点比较")
                ),
            ));
            blocks.extend(mixed_section(run, scale, mixed, w, &mut counter));
        }
        if let Some(between) = &results.between {
            blocks.push(heading(
                3,
                &format!(
                    "{}{completers}",
                    w.t(
                        "Intervention vs control, adjusted for baseline (ANCOVA)",
                        "干预组与对照组比较（控制前测的协方差分析）",
                    )
                ),
            ));
            blocks.extend(between_section(scale, between, None, w, &mut counter));
        }
        if !results.between_waves.is_empty() {
            blocks.push(heading(
                3,
                w.t(
                    "Intervention vs control at each later wave, adjusted for the first (ANCOVA)",
                    "各后续时间点干预组与对照组比较（控制首次测量的协方差分析）",
                ),
            ));
            for later in &results.between_waves {
                let waves = Some([run.levels[0].as_str(), later.wave.as_str()]);
                blocks.extend(between_section(
                    scale,
                    &later.report,
                    waves,
                    w,
                    &mut counter,
                ));
            }
        }
        if !results.between_arms.is_empty() {
            blocks.push(heading(
                3,
                w.t(
                    "The groups at each later wave (one-way ANOVA)",
                    "各后续时间点各组比较（单因素方差分析）",
                ),
            ));
            for later in &results.between_arms {
                let title = match w.0 {
                    Lang::En => format!("The groups at {}", w.wave(&later.wave)),
                    Lang::Zh => format!("{}时各组比较", w.wave(&later.wave)),
                };
                blocks.extend(arms_section(
                    scale,
                    &later.report,
                    &title,
                    run.study.alpha,
                    w,
                    &mut counter,
                ));
            }
        }
        let summary = thesis_section(run, scale, results, w, &mut counter);
        if !summary.is_empty() {
            blocks.push(heading(
                3,
                w.t("Summary of the scores at each wave", "各时间点得分汇总"),
            ));
            blocks.extend(summary);
        }
        if let Some(change) = &results.change {
            blocks.push(heading(3, w.t("Individual change", "个体变化")));
            blocks.extend(change_section(run, scale, change, None, w, &mut counter));
        }
        if !results.change_waves.is_empty() {
            blocks.push(heading(3, w.t("Individual change", "个体变化")));
            for later in &results.change_waves {
                let waves = Some([run.levels[0].as_str(), later.wave.as_str()]);
                blocks.extend(change_section(
                    run,
                    scale,
                    &later.report,
                    waves,
                    w,
                    &mut counter,
                ));
            }
        }
        if !results.transitions.is_empty() {
            blocks.push(heading(3, w.t("Band transitions", "等级变化")));
            blocks.extend(transitions_section(
                scale,
                &results.transitions,
                None,
                w,
                &mut counter,
            ));
        }
        if !results.transitions_waves.is_empty() {
            blocks.push(heading(3, w.t("Band transitions", "等级变化")));
            for step in &results.transitions_waves {
                let waves = Some([step.from.as_str(), step.to.as_str()]);
                blocks.extend(transitions_section(
                    scale,
                    &step.groups,
                    waves,
                    w,
                    &mut counter,
                ));
            }
        }
        if let Some(figures) = figures.get(index) {
            blocks.extend(figures_section(figures, w, &mut counter));
        }
    }
    blocks.extend(discussion_section(run, w));
    Document {
        title,
        lang: match run.lang {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        },
        blocks,
    }
}

/// A questionnaire's notes in the report's language, as lines of a list.
fn scale_notes(run: &StudyRun, index: usize, w: Words) -> Vec<String> {
    let scale = &run.scales[index];
    let coding = run.codings.get(index).and_then(Option::as_ref);
    run.results[index]
        .notes
        .iter()
        .map(|note| escape(&scale_note_text(note, scale, coding, w)))
        .collect()
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

/// A list of notes (lines already in the report's language and escaped), if there are any.
fn notes_list(lines: Vec<String>) -> Option<Block> {
    (!lines.is_empty()).then_some(Block::List(lines))
}

/// A comparison's result of one measure, with its notes.
trait Noted {
    /// The measure's id.
    fn measure(&self) -> &str;
    /// Its notes.
    fn notes(&self) -> &[Note];
}

/// [`Noted`] for the results that hold `measure` and `notes` fields.
macro_rules! noted {
    ($($result:ty),*) => {
        $(impl Noted for $result {
            fn measure(&self) -> &str {
                &self.measure
            }
            fn notes(&self) -> &[Note] {
                &self.notes
            }
        })*
    };
}

noted!(
    PairedResult,
    GroupsResult,
    AncovaResult,
    ArmsResult,
    RepeatedResult,
    MixedResult,
    LmmResult
);

/// The notes of an analysis's results, each after its measure's name, in the report's language.
fn result_notes(scale: &Scale, results: &[impl Noted], w: Words) -> Vec<String> {
    results
        .iter()
        .flat_map(|result| {
            result.notes().iter().map(move |note| {
                measure_line(scale, result.measure(), w, &escape(&note_text(note, w)))
            })
        })
        .collect()
}

/// Under an analysis's tables: its results' notes (lines from [`result_notes`]), then who it
/// left out and why.
fn notes_and_left_out(
    scale: &Scale,
    notes: Vec<String>,
    excluded: &[Excluded],
    w: Words,
) -> Vec<Block> {
    let mut blocks: Vec<Block> = notes_list(notes).into_iter().collect();
    if !excluded.is_empty() {
        blocks.push(Block::List(left_lines(excluded, Some(scale), w)));
    }
    blocks
}

/// The questionnaire's name in the report's language.
fn scale_name(scale: &Scale, w: Words) -> String {
    escape(&format!("{} ({})", scale_title(scale, w.0), scale.id))
}

/// A measure's name: the score's name from the scale file in the report's language, else its id.
fn measure_name(scale: &Scale, measure: &str, w: Words) -> String {
    escape(&measure_title(scale, measure, w.0))
}

/// A band's name from the scale file in the report's language.
fn band_name(scale: &Scale, measure: &str, label: &str, w: Words) -> String {
    escape(&band_title(scale, measure, label, w.0))
}

/// One line of a results list: the measure's name, then its result (`Total: t(7) = …`).
fn measure_line(scale: &Scale, measure: &str, w: Words, result: &str) -> String {
    format!(
        "{}{}{result}",
        measure_name(scale, measure, w),
        w.t(": ", "：")
    )
}

fn group_name(group: &Option<String>, w: Words) -> String {
    match group {
        Some(group) => w.group(group),
        None => w.t("all", "全体").to_owned(),
    }
}

fn adjust_name(adjust: Adjust, w: Words) -> &'static str {
    match adjust {
        Adjust::Holm => w.t("Holm's method", "Holm 法"),
        Adjust::Bonferroni => w.t("Bonferroni", "Bonferroni 法"),
        Adjust::Bh => w.t("Benjamini–Hochberg", "Benjamini–Hochberg 法"),
        Adjust::By => w.t("Benjamini–Yekutieli", "Benjamini–Yekutieli 法"),
        Adjust::None => w.t("no adjustment", "不校正"),
    }
}

/// The end of a table's note on adjusted p-values: `with` (a text that ends where the method is
/// named) and the study's method, or `unadjusted` when the study adjusts none.
fn adjust_note(
    adjust: Adjust,
    w: Words,
    with: (&'static str, &'static str),
    unadjusted: (&'static str, &'static str),
) -> String {
    match adjust {
        Adjust::None => w.with_p(unadjusted.0, unadjusted.1),
        _ => format!(
            "{} {}{}",
            w.with_p(with.0, with.1),
            adjust_name(adjust, w),
            w.t(".", "。")
        ),
    }
}

/// One line per row or person left out: `id (measure): what happened`, in the report's
/// language; the measure by its name when the questionnaire is known.
fn left_lines(left: &[Excluded], scale: Option<&Scale>, w: Words) -> Vec<String> {
    left.iter()
        .map(|excluded| {
            let id = if excluded.id.is_empty() {
                w.t("(no id)", "（无编号）").to_owned()
            } else {
                escape(&excluded.id)
            };
            let what = match w.0 {
                Lang::En => escape(&excluded_en(excluded, w.2)),
                Lang::Zh => escape(&excluded_zh(excluded, w.2)),
            };
            match &excluded.measure {
                Some(measure) => format!(
                    "{id}{}{}{}{}{what}",
                    w.t(" (", "（"),
                    scale.map_or_else(|| escape(measure), |s| measure_name(s, measure, w)),
                    w.t(")", "）"),
                    w.t(": ", "：")
                ),
                None => format!("{id}{}{what}", w.t(": ", "：")),
            }
        })
        .collect()
}

/// What happened to a row or person left out, in English: its `detail`, with the waves by
/// their labels where the detail names only waves.
fn excluded_en(excluded: &Excluded, names: &Names) -> String {
    match excluded.reason {
        Reason::MissingScore if excluded.rows.is_empty() => {
            let missing_at: Vec<String> = excluded
                .missing_at
                .iter()
                .map(|t| names.wave(t, Lang::En))
                .collect();
            format!("no {} score", missing_at.join(" or "))
        }
        _ => excluded.detail.clone(),
    }
}

/// What happened to a row or person left out, in Chinese (the English is its `detail`).
fn excluded_zh(excluded: &Excluded, names: &Names) -> String {
    let wave = |time: &str| names.wave(time, Lang::Zh);
    let missing_at: Vec<String> = excluded.missing_at.iter().map(|t| wave(t)).collect();
    let row_zh = |row: &RowRef| format!("{} 第 {} 行", row.source, row.row);
    let first = excluded.rows.first();
    let value = excluded.value.as_deref().unwrap_or("");
    match excluded.reason {
        Reason::NoId => format!("{}没有编号", first.map(row_zh).unwrap_or_default()),
        Reason::DuplicateId => {
            let numbers: Vec<String> = excluded.rows.iter().map(|r| r.row.to_string()).collect();
            let (time, source) = first.map_or((String::new(), ""), |r| {
                (
                    wave(r.time.as_deref().unwrap_or_default()),
                    r.source.as_str(),
                )
            });
            format!(
                "编号在{time}中重复出现（{source} 第 {} 行）",
                numbers.join("、")
            )
        }
        Reason::MissingTime => {
            let times: Vec<String> = excluded
                .rows
                .iter()
                .map(|r| wave(r.time.as_deref().unwrap_or("")))
                .collect();
            let rows: Vec<String> = excluded.rows.iter().map(row_zh).collect();
            if rows.len() == 1 {
                format!("仅有{}的记录（{}）", times[0], rows[0])
            } else {
                format!(
                    "缺少{}的记录（有{}的记录：{}）",
                    missing_at.join("、"),
                    times.join("、"),
                    rows.join("、")
                )
            }
        }
        Reason::MissingScore => match first {
            Some(row) => format!("{}：无得分", row_zh(row)),
            None => format!("缺少{}得分", missing_at.join("、")),
        },
        Reason::OtherTime => format!(
            "{}：时间列的值为“{value}”，不属于所比较的时间点",
            first.map(row_zh).unwrap_or_default()
        ),
        Reason::OtherGroup if value.is_empty() => {
            format!("{}没有组别", first.map(row_zh).unwrap_or_default())
        }
        Reason::OtherGroup => format!(
            "{}：组别为“{value}”，不属于所比较的组别",
            first.map(row_zh).unwrap_or_default()
        ),
        Reason::MissingCovariate => match first {
            Some(row) => format!("{}：缺少协变量“{value}”", row_zh(row)),
            None => format!(
                "没有{}的记录（协变量“{value}”取自该时间点）",
                missing_at.join("、")
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_values_are_written_in_the_style_asked() {
        let apa = Words(Lang::Zh, PStyle::Apa, &Names::default());
        let zh = Words(Lang::En, PStyle::Zh, &Names::default());
        for (p, apa_cell, zh_cell) in [
            (Some(0.0004), "< .001", "<0.001"),
            (Some(0.001), ".001", "0.001"),
            (Some(0.0316), ".032", "0.032"),
            (Some(0.99996), "1.000", "1.000"),
            (None, "—", "—"),
            (Some(f64::NAN), "—", "—"),
        ] {
            assert_eq!(apa.p_cell(p), apa_cell);
            assert_eq!(zh.p_cell(p), zh_cell);
            assert_eq!(zh.restyle_p(&p_value(p)), zh_cell);
            assert_eq!(apa.restyle_p(&p_value(p)), apa_cell);
        }
        assert_eq!(apa.p_text(Some(0.0004)), "*p* < .001");
        assert_eq!(zh.p_text(Some(0.0004)), "*P* < 0.001");
        assert_eq!(zh.p_text(Some(0.0316)), "*P* = 0.032");
        assert_eq!(zh.alpha_text(0.05), "0.05");
        assert_eq!(apa.alpha_text(0.05), ".05");
    }
}
