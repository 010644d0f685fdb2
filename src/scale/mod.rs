//! Questionnaire definitions: the TOML format, its validation, and the built-in library.
//!
//! A [`Scale`] can only be made by [`Scale::from_toml`] (or the built-in registry), which checks
//! every rule of `docs/scale-format.md`; code that scores never re-checks a scale.

mod builtin;
mod error;
mod raw;
mod template;
mod validate;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use builtin::{builtin, builtin_ids};
pub use error::ScaleError;
pub(crate) use error::{line_column, plain_toml_message};
pub use template::{ColumnTemplate, TemplateError, column_letters, column_number, item_columns};
pub(crate) use validate::fold_case;

/// How item values are combined into a score.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// The sum of the items (prorated when items are missing: `sum × k / answered`).
    #[default]
    Sum,
    /// The mean of the answered items.
    Mean,
}

/// Which direction of a score is the favourable one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Lower scores are better (burden, anxiety, stress).
    Lower,
    /// Higher scores are better (resilience, support, self-esteem).
    Higher,
}

/// How a transformed score is made an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    /// Keep the exact value.
    None,
    /// The integer part (toward zero), as "取整数部分".
    Truncate,
    /// The nearest integer, halves away from zero, as SPSS `RND` and "四舍五入".
    Round,
}

/// A validated questionnaire definition.
#[derive(Debug, Clone, Serialize)]
pub struct Scale {
    /// Short name, the prefix of every output column.
    pub id: String,
    /// English name.
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    /// The publication that defines the instrument.
    pub citation: Option<String>,
    /// What is known of its licence.
    pub licence: Option<String>,
    /// Free-text notes on scoring decisions.
    pub notes: Option<String>,
    /// Which direction of the scores is favourable.
    pub better: Option<Direction>,
    /// True when the items are numbered (`items = 24`), false when named.
    pub numbered: bool,
    /// The column template of the items.
    pub columns: ColumnTemplate,
    /// The items, in order.
    pub items: Vec<Item>,
    /// The scores: the subscales in file order, then the total if there is one.
    pub scores: Vec<ScoreDef>,
}

/// One item of a scale.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// The item's name: its number for numbered items.
    pub name: String,
    /// 1-based position in the scale.
    pub number: usize,
    /// Lowest valid answer (for `sum` items: of each part).
    pub min: f64,
    /// Highest valid answer (for `sum` items: of each part).
    pub max: f64,
    /// Scored `min + max − x`.
    pub reverse: bool,
    /// Answers may have decimals; otherwise only whole numbers are valid.
    pub decimals: bool,
    /// Explicit column name, overriding the template.
    pub column: Option<String>,
    /// Text answers and their values, trimmed and as the scale writes them; answers match them
    /// under the case rule (`A`–`Z` in any case, every other letter as written).
    pub labels: BTreeMap<String, f64>,
    /// What kind of answer the item is.
    pub kind: ItemKind,
}

/// The kinds of item answers.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ItemKind {
    /// One answer in one column.
    Single,
    /// The sum of several sub-answers, one column each (`column` + part suffix).
    Sum {
        /// Suffixes of the parts' columns.
        parts: Vec<String>,
    },
    /// The number of options ticked in a multi-select question.
    Count {
        /// Suffixes (or codes) of the options.
        options: Vec<String>,
        /// How the ticks are laid out in the sheet.
        layout: CountLayout,
    },
}

/// How a multi-select answer is laid out in a sheet.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CountLayout {
    /// One 0/1 column per option.
    Columns,
    /// One cell listing the ticked options' codes.
    Cell {
        /// Words meaning that no option was ticked, lower-cased.
        none: Vec<String>,
    },
}

impl Item {
    /// The lowest and highest value the item can score, after combining parts.
    pub fn score_range(&self) -> (f64, f64) {
        match &self.kind {
            ItemKind::Single => (self.min, self.max),
            ItemKind::Sum { parts } => {
                let m = parts.len() as f64;
                (m * self.min, m * self.max)
            }
            ItemKind::Count { options, .. } => (0.0, options.len() as f64),
        }
    }
}

/// What a score is made of.
///
/// Serialized (`scales show --format json`) as 1-based positions: item numbers, and the
/// subscales' positions in file order.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScoreSource {
    /// Items, by index into [`Scale::items`].
    Items(#[serde(serialize_with = "one_based")] Vec<usize>),
    /// Subscale scores, by index into [`Scale::scores`].
    Subscales(#[serde(serialize_with = "one_based")] Vec<usize>),
}

fn one_based<S: serde::Serializer>(indices: &[usize], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(indices.iter().map(|index| index + 1))
}

/// How many unanswered items a score tolerates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingRule {
    /// At most this many unanswered items.
    MaxMissing(usize),
    /// At most `floor(fraction × k)` unanswered items.
    MaxMissingFraction(f64),
}

impl MissingRule {
    /// The number of unanswered items allowed among `k`.
    pub fn allowed(self, k: usize) -> usize {
        match self {
            MissingRule::MaxMissing(n) => n,
            // The small epsilon keeps 0.2 × 10 at 2 despite binary rounding.
            MissingRule::MaxMissingFraction(f) => (f * k as f64 + 1e-9).floor() as usize,
        }
    }
}

/// A severity band: scores `s` with `min ≤ s <` the next band's `min`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// English label.
    pub label: String,
    /// Chinese label.
    pub label_zh: Option<String>,
    /// Inclusive lower bound.
    pub min: f64,
}

/// A linear transform `rounding(score × multiply + add)`.
#[derive(Debug, Clone, Serialize)]
pub struct Transform {
    /// When set, the transformed score gets its own column `{scale}_{name}`.
    pub name: Option<String>,
    /// The named transformed score's display name.
    pub label: Option<String>,
    /// Its Chinese display name.
    pub label_zh: Option<String>,
    /// Factor.
    pub multiply: f64,
    /// Offset.
    pub add: f64,
    /// Rounding of the result.
    pub rounding: Rounding,
}

impl Transform {
    /// Applies the transform to a score.
    pub fn apply(&self, score: f64) -> f64 {
        let value = score * self.multiply + self.add;
        match self.rounding {
            Rounding::None => value,
            Rounding::Truncate => value.trunc(),
            Rounding::Round => value.round(),
        }
    }
}

/// Reference values of a score in a population, for reliable change.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norms {
    /// Mean.
    pub mean: f64,
    /// Standard deviation.
    pub sd: f64,
    /// Reliability (e.g. Cronbach's alpha or test-retest r).
    pub reliability: Option<f64>,
    /// Sample size.
    pub n: Option<u64>,
    /// Who was measured.
    pub population: Option<String>,
    /// Where the values come from.
    pub source: String,
}

/// One score of a scale: a subscale or the total.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreDef {
    /// `total` for the total, else the subscale id.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// Chinese display name.
    pub name_zh: Option<String>,
    /// True for the total.
    pub is_total: bool,
    /// What the score is made of.
    pub source: ScoreSource,
    /// Sum or mean.
    pub method: Method,
    /// Factor applied to the aggregated score.
    pub weight: f64,
    /// Missing-data rule.
    pub missing: MissingRule,
    /// Severity bands, increasing.
    pub bands: Vec<Band>,
    /// Optional linear transform.
    pub transform: Option<Transform>,
    /// Optional norms.
    pub norms: Option<Norms>,
}

/// The index of the band `value` falls in: bands are in increasing order of `min` (validation
/// ensures it) and each runs from its `min` up to the next band's, so it is the last band whose
/// `min` is at most `value`; `None` below the first band.
pub fn band_index(bands: &[Band], value: f64) -> Option<usize> {
    bands.iter().rposition(|band| value >= band.min)
}

impl ScoreDef {
    /// The lowest and highest value a complete answer sheet gives this score: as the score's
    /// column reports it (`banded = false`), or as its bands classify it (`banded = true`: the
    /// named transform's value when there is one). Each part's range (an item's after combining
    /// its parts, or a subscale's reported range) is summed, or averaged for a mean, then
    /// multiplied by the weight and transformed. With items of different ranges a prorated sum
    /// can reach somewhat beyond.
    pub fn value_range(&self, scale: &Scale, banded: bool) -> (f64, f64) {
        let parts: Vec<(f64, f64)> = match &self.source {
            ScoreSource::Items(items) => items
                .iter()
                .map(|&i| scale.items[i].score_range())
                .collect(),
            ScoreSource::Subscales(scores) => scores
                .iter()
                .map(|&s| scale.scores[s].value_range(scale, false))
                .collect(),
        };
        let (low, high) = parts.iter().fold((0.0, 0.0), |(low, high), part| {
            (low + part.0, high + part.1)
        });
        let k = parts.len() as f64;
        let (low, high) = match self.method {
            Method::Sum => (low, high),
            Method::Mean => (low / k, high / k),
        };
        let ordered = |a: f64, b: f64| (a.min(b), a.max(b));
        let (low, high) = ordered(low * self.weight, high * self.weight);
        match &self.transform {
            Some(transform) if banded || transform.name.is_none() => {
                ordered(transform.apply(low), transform.apply(high))
            }
            _ => (low, high),
        }
    }

    /// The band a reported score falls in, if any.
    pub fn band(&self, score: f64) -> Option<&Band> {
        band_index(&self.bands, score).map(|index| &self.bands[index])
    }

    /// The id of the score the bands classify: the transform's name when it has one.
    pub fn banded_id(&self) -> &str {
        self.transform
            .as_ref()
            .and_then(|t| t.name.as_deref())
            .unwrap_or(&self.id)
    }
}

impl Scale {
    /// Parses and validates a scale definition. `file` names the source in error messages.
    pub fn from_toml(text: &str, file: &str) -> Result<Scale, ScaleError> {
        validate::parse(text, file)
    }

    /// Loads a built-in scale by id, or else a scale file by path.
    pub fn load(name: &str) -> Result<Scale, ScaleError> {
        if let Some(scale) = builtin(name) {
            return scale;
        }
        let path = Path::new(name);
        if path.exists() || name.ends_with(".toml") {
            let text = std::fs::read_to_string(path).map_err(|source| ScaleError::Read {
                path: name.to_owned(),
                source,
            })?;
            return Scale::from_toml(&text, name);
        }
        Err(ScaleError::unknown(name))
    }

    /// The number of items, the default k of the total.
    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    /// The total's definition, if the scale has a total.
    pub fn total(&self) -> Option<&ScoreDef> {
        self.scores.iter().find(|score| score.is_total)
    }

    /// `1-5`, `2, 6, 7`, `11-23`: the names of the items at `indices` (in increasing order), with
    /// runs of consecutive numbers collapsed.
    pub fn item_list(&self, indices: &[usize]) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut start = 0;
        while start < indices.len() {
            let mut end = start;
            while self.numbered && end + 1 < indices.len() && indices[end + 1] == indices[end] + 1 {
                end += 1;
            }
            let first = &self.items[indices[start]].name;
            parts.push(match end - start {
                0 => first.clone(),
                1 => format!("{first}, {}", self.items[indices[end]].name),
                _ => format!("{first}-{}", self.items[indices[end]].name),
            });
            start = end + 1;
        }
        parts.join(", ")
    }

    /// The subscales' definitions.
    pub fn subscales(&self) -> impl Iterator<Item = &ScoreDef> {
        self.scores.iter().filter(|score| !score.is_total)
    }
}
