//! Study files: one small TOML file naming the data, the design and the questionnaires of an
//! intervention study, from which `psyscore study` reproduces the whole evaluation.
//!
//! The format is documented in `docs/study-format.md`. Loading parses (`raw`) then validates
//! (`validate`) into a [`Study`] that cannot be inconsistent; errors name the file, line and
//! column like scale-file errors.

mod analyses;
mod data;
mod document;
mod figures;
mod names;
mod note;
mod participants;
mod planning;
mod raw;
mod run;
mod sensitivity;
mod tables;
mod validate;
mod waves;

pub use names::Names;
pub use run::{Design, Observer, RunError, StudyRun, Written, run, steps};

#[cfg(test)]
mod tests;

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use thiserror::Error;

use crate::data::characteristics::Characteristic;
use crate::stats::adjust::Adjust;
use crate::stats::change::Reference;

/// A complete study file with every key explained in comments (`psyscore study --template`);
/// it runs as it is beside the example data (`examples/cbi_pre.csv`, `examples/cbi_post.csv`).
pub const TEMPLATE: &str = include_str!("../../docs/study-template.toml");

/// A study file that cannot be used.
#[derive(Debug, Error)]
pub enum StudyError {
    /// The file could not be read.
    #[error("cannot read study file {path}")]
    Read {
        /// The path as given.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML, or breaks a rule of the format.
    #[error("{file}:{line}:{column}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong and what is expected.
        message: String,
    },
}

/// A validated study.
#[derive(Debug, Clone)]
pub struct Study {
    /// The file it was read from (for messages).
    pub file: String,
    /// The report's title.
    pub title: Option<String>,
    /// The report's language, unless the command line says otherwise.
    pub lang: Option<Lang>,
    /// How the report writes p-values; `None`: as the language's theses do.
    pub p_style: Option<PStyle>,
    /// Significance level α.
    pub alpha: f64,
    /// Confidence level of intervals.
    pub conf: f64,
    /// p-value adjustment across the measures of each questionnaire.
    pub adjust: Adjust,
    /// The analyses asked for; `None` means all that the design allows.
    pub analyses: Option<Located<Vec<Analysis>>>,
    /// Where the responses are.
    pub data: Data,
    /// The intervention and control groups; `None` for a one-group study.
    pub groups: Option<Groups>,
    /// The participants' characteristics of the baseline table (`[participants]`), if any.
    pub participants: Option<Participants>,
    /// The questionnaires, in report order.
    pub scales: Vec<ScaleUse>,
    /// `[[power]]`: sample sizes of a next study, solved.
    pub plans: Vec<planning::Plan>,
}

/// `[participants]`: the characteristics described (and compared between the groups) in the
/// report's first table, read from the first wave's sheet.
#[derive(Debug, Clone)]
pub struct Participants {
    /// The characteristics, in the order written (the table follows the sheet's columns).
    pub characteristics: Vec<Characteristic>,
    /// Where each characteristic was written, for errors found in the data.
    pub at: Vec<Located<()>>,
}

/// A value with the place in the study file it was written, for errors found later (e.g. an
/// analysis the data cannot support).
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl<T> Located<T> {
    /// An error at this value's place in `file`.
    pub fn error(&self, file: &str, message: impl Into<String>) -> StudyError {
        StudyError::Invalid {
            file: file.to_owned(),
            line: self.line,
            column: self.column,
            message: message.into(),
        }
    }
}

/// The report's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The text of this language among two translations.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// `en` or `zh`.
    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// How the report writes p-values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PStyle {
    /// APA: *p* = .032, *p* < .001 (no leading zero).
    Apa,
    /// As Chinese theses: *P* = 0.032, *P* < 0.001.
    Zh,
}

impl PStyle {
    /// `apa` or `zh`.
    pub fn parse(text: &str) -> Option<PStyle> {
        match text {
            "apa" => Some(PStyle::Apa),
            "zh" => Some(PStyle::Zh),
            _ => None,
        }
    }

    /// The style of a report in `lang` unless the study file says otherwise: APA in English,
    /// the theses' in Chinese.
    pub fn of(lang: Lang) -> PStyle {
        match lang {
            Lang::En => PStyle::Apa,
            Lang::Zh => PStyle::Zh,
        }
    }
}

/// One analysis of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Analysis {
    /// Descriptive statistics by group and time (`psyscore describe`).
    Describe,
    /// Internal consistency at baseline (`psyscore reliability`).
    Reliability,
    /// Intervention vs control before the intervention (`psyscore compare groups`).
    Baseline,
    /// The linear mixed model of the waves (`psyscore compare lmm`), everyone with a score at
    /// some wave: the main analysis of change with three waves or more or when someone misses a
    /// wave (then run by default), the ANOVAs of `within` and `mixed` the completers'.
    Lmm,
    /// Pre vs post within each group (`psyscore compare paired`); with three waves or more,
    /// the waves within each group (`psyscore compare repeated`).
    Within,
    /// The groups over the waves (`psyscore compare mixed`): group, time and group × time.
    Mixed,
    /// Intervention vs control after, adjusted for before (`psyscore compare ancova`).
    Between,
    /// Each person's reliable change (`psyscore change`).
    Change,
    /// Movements between severity bands, pre to post.
    Transitions,
}

impl Analysis {
    /// Every analysis, in report order.
    pub const ALL: [Analysis; 9] = [
        Analysis::Describe,
        Analysis::Reliability,
        Analysis::Baseline,
        Analysis::Lmm,
        Analysis::Within,
        Analysis::Mixed,
        Analysis::Between,
        Analysis::Change,
        Analysis::Transitions,
    ];

    /// The name used in study files.
    pub fn name(self) -> &'static str {
        match self {
            Analysis::Describe => "describe",
            Analysis::Reliability => "reliability",
            Analysis::Baseline => "baseline",
            Analysis::Lmm => "lmm",
            Analysis::Within => "within",
            Analysis::Mixed => "mixed",
            Analysis::Between => "between",
            Analysis::Change => "change",
            Analysis::Transitions => "transitions",
        }
    }
}

/// Where the responses are: two sheets (wide) or one with a time column (long).
#[derive(Debug, Clone)]
pub struct Data {
    /// The sheets.
    pub layout: Layout,
    /// (wave, the name the report gives it), for the waves the file labels.
    pub labels: Vec<(String, String)>,
    /// The column identifying a person.
    pub id: String,
    /// The worksheet of Excel files.
    pub sheet: Option<String>,
    /// The text encoding of CSV files.
    pub encoding: crate::sheet::Encoding,
    /// Whether invalid answers are taken as unanswered (and listed) instead of stopping.
    pub invalid_as_missing: bool,
}

/// The layout of the data.
#[derive(Debug, Clone)]
pub enum Layout {
    /// One sheet per wave, in time order (`pre` and `post`, or `[data.waves]`).
    Wide {
        /// (wave name, sheet), in time order.
        waves: Vec<(String, PathBuf)>,
    },
    /// One sheet whose `time` column says which wave a row belongs to.
    Long {
        /// The sheet.
        file: PathBuf,
        /// The time column.
        time: String,
        /// The values of the time column, in time order (default pre, post).
        levels: Vec<String>,
        /// Where the levels were written (the `time` key when they are the default), for a
        /// level the data do not hold.
        levels_at: Located<()>,
    },
}

impl Layout {
    /// The names of the waves, in time order.
    pub fn times(&self) -> Vec<String> {
        match self {
            Layout::Wide { waves } => waves.iter().map(|(name, _)| name.clone()).collect(),
            Layout::Long { levels, .. } => levels.clone(),
        }
    }
}

/// The groups compared.
#[derive(Debug, Clone)]
pub struct Groups {
    /// The column holding each person's group.
    pub column: String,
    /// The groups' values, in report order (intervention first and control second in a file
    /// that names them so).
    pub levels: Vec<String>,
    /// The control (reference) group, one of the levels, when the file names one.
    pub control: Option<String>,
    /// Where each level was written, for errors found in the data.
    pub at: Vec<Located<()>>,
    /// (group value, the name the report gives it), for the groups the file labels.
    pub labels: Vec<(String, String)>,
}

impl Groups {
    /// The two groups of a two-group study, the intervention (or other) group first and the
    /// control second: the pair every two-group analysis compares, first − second. `None` with
    /// three or more groups.
    pub fn pair(&self) -> Option<[String; 2]> {
        match self.levels.as_slice() {
            [first, second] if self.control.as_ref() == Some(first) => {
                Some([second.clone(), first.clone()])
            }
            [first, second] => Some([first.clone(), second.clone()]),
            _ => None,
        }
    }
}

/// One questionnaire of the study.
#[derive(Debug, Clone)]
pub struct ScaleUse {
    /// A built-in id, or the path of a scale file (relative paths resolved against the study
    /// file's folder).
    pub scale: String,
    /// Where `scale` was written, for load errors.
    pub at: Located<()>,
    /// A column template overriding the scale's own.
    pub columns: Option<String>,
    /// How the sheets number the answer options, when not as the questionnaire scores them:
    /// the sheets' code of each item's lowest answer (see [`crate::score::Coding`]), where it
    /// was written.
    pub coded_from: Option<Located<i64>>,
    /// SD and reliability for the reliable change index of named measures.
    pub change: Vec<MeasureReference>,
}

/// Where the SD and reliability of one measure's reliable change index come from.
#[derive(Debug, Clone)]
pub struct MeasureReference {
    /// The measure (subscale id, `total` or a transform's name), where it was written.
    pub measure: Located<String>,
    /// The values, or the sample.
    pub reference: Reference,
}

impl Study {
    /// The names the report gives the waves and groups.
    pub fn names(&self) -> Names {
        Names {
            waves: self.data.labels.clone(),
            groups: self
                .groups
                .as_ref()
                .map(|groups| groups.labels.clone())
                .unwrap_or_default(),
        }
    }

    /// Reads and validates a study file.
    pub fn load(path: &Path) -> Result<Study, StudyError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| StudyError::Read {
            path: file.clone(),
            source,
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        Study::from_toml(&text, &file, base)
    }

    /// Parses and validates a study file's text; relative paths are resolved against `base`.
    pub fn from_toml(text: &str, file: &str, base: &Path) -> Result<Study, StudyError> {
        validate::parse(text, file, base)
    }
}

/// An error at byte range `span` of `text`.
fn error_at(file: &str, text: &str, span: Range<usize>, message: impl Into<String>) -> StudyError {
    let (line, column) = crate::scale::line_column(text, span.start);
    StudyError::Invalid {
        file: file.to_owned(),
        line,
        column,
        message: message.into(),
    }
}
