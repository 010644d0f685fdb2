//! From the study file as written ([`super::raw`]) to a [`Study`] whose parts agree.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::planning;
use super::raw::{RawData, RawGroups, RawParticipants, RawScaleUse, RawStudy, RawWave};
use super::{
    Analysis, Data, Groups, Lang, Layout, Located, MeasureReference, PStyle, Participants,
    ScaleUse, Study, StudyError, error_at,
};
use crate::data::characteristics::{Characteristic, Kind};
use crate::scale::plain_toml_message;
use crate::score::MAX_CODED_FROM;
use crate::sheet::Encoding;
use crate::stats::adjust::Adjust;
use crate::stats::change::Reference;

type Result<T> = std::result::Result<T, StudyError>;

/// Parses and validates a study file; relative paths are resolved against `base`.
pub(super) fn parse(text: &str, file: &str, base: &Path) -> Result<Study> {
    let raw: RawStudy = toml::from_str(text).map_err(|err| {
        let at = err.span().unwrap_or(0..0);
        error_at(file, text, at, plain_toml_message(err.message()))
    })?;
    Validator { file, text, base }.study(raw)
}

struct Validator<'a> {
    file: &'a str,
    text: &'a str,
    base: &'a Path,
}

impl Validator<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> StudyError {
        error_at(self.file, self.text, span, message)
    }

    fn located<T>(&self, value: T, span: Range<usize>) -> Located<T> {
        let (line, column) = crate::scale::line_column(self.text, span.start);
        Located {
            value,
            line,
            column,
        }
    }

    fn study(&self, raw: RawStudy) -> Result<Study> {
        let lang = match &raw.lang {
            None => None,
            Some(lang) => Some(Lang::parse(lang.get_ref()).ok_or_else(|| {
                self.error(
                    lang.span(),
                    format!("lang must be \"en\" or \"zh\", not \"{}\"", lang.get_ref()),
                )
            })?),
        };
        let p_style = match &raw.p_style {
            None => None,
            Some(style) => Some(PStyle::parse(style.get_ref()).ok_or_else(|| {
                self.error(
                    style.span(),
                    format!(
                        "p_style must be \"apa\" (p = .032) or \"zh\" (P = 0.032), not \"{}\"",
                        style.get_ref()
                    ),
                )
            })?),
        };
        let alpha = self.probability(raw.alpha.as_ref(), "alpha", 0.05)?;
        let conf = self.probability(raw.conf.as_ref(), "conf", 0.95)?;
        let adjust = match &raw.adjust {
            None => Adjust::Holm,
            Some(adjust) => match adjust.get_ref().as_str() {
                "holm" => Adjust::Holm,
                "bonferroni" => Adjust::Bonferroni,
                "bh" => Adjust::Bh,
                "by" => Adjust::By,
                "none" => Adjust::None,
                other => {
                    return Err(self.error(
                        adjust.span(),
                        format!(
                            "adjust must be one of holm, bonferroni, bh, by, none; not \"{other}\""
                        ),
                    ));
                }
            },
        };
        let groups = raw.groups.map(|groups| self.groups(groups)).transpose()?;
        let analyses = raw
            .analyses
            .map(|analyses| self.analyses(analyses, groups.is_some()))
            .transpose()?;
        let data = self.data(raw.data)?;
        let participants = raw
            .participants
            .map(|participants| self.participants(participants, &data, groups.as_ref()))
            .transpose()?;
        let scales_span = raw.scales.span();
        let scales = raw
            .scales
            .into_inner()
            .into_iter()
            .map(|entry| self.scale_use(entry))
            .collect::<Result<Vec<_>>>()?;
        if scales.is_empty() {
            return Err(self.error(
                scales_span,
                "name at least one questionnaire, e.g. [[scales]] scale = \"cbi\"",
            ));
        }
        for (index, entry) in scales.iter().enumerate() {
            if scales[..index]
                .iter()
                .any(|other| other.scale == entry.scale)
            {
                return Err(entry.at.error(
                    self.file,
                    format!("scale \"{}\" is listed twice", entry.scale),
                ));
            }
        }
        let fail = |span, message| self.error(span, message);
        let plans = raw
            .power
            .into_iter()
            .map(|entry| planning::plan(entry, alpha, &fail))
            .collect::<Result<Vec<_>>>()?;
        Ok(Study {
            file: self.file.to_owned(),
            title: raw.title,
            lang,
            p_style,
            alpha,
            conf,
            adjust,
            analyses,
            data,
            groups,
            participants,
            scales,
            plans,
        })
    }

    /// `[participants]`: each column once, none of them the id or group column, ordered levels
    /// two or more and different.
    fn participants(
        &self,
        raw: Spanned<RawParticipants>,
        data: &Data,
        groups: Option<&Groups>,
    ) -> Result<Participants> {
        let span = raw.span();
        let raw = raw.into_inner();
        let mut entries: Vec<(&Spanned<String>, Kind)> = Vec::new();
        entries.extend(raw.categorical.iter().map(|c| (c, Kind::Categorical)));
        if let Some(ordered) = &raw.ordered {
            for (column, levels) in &ordered.get_ref().0 {
                let list = levels.get_ref();
                if list.len() < 2 || list.iter().any(|l| l.trim().is_empty()) {
                    return Err(self.error(
                        levels.span(),
                        format!(
                            "ordered levels of {} must name two levels or more, none empty, lowest first, e.g. {} = [\"primary\", \"secondary\", \"college\"]",
                            column.get_ref(),
                            column.get_ref()
                        ),
                    ));
                }
                if let Some(twice) = list
                    .iter()
                    .enumerate()
                    .find(|(i, level)| list[..*i].contains(level))
                {
                    return Err(self.error(
                        levels.span(),
                        format!("level \"{}\" is named twice", twice.1),
                    ));
                }
                let list = list.iter().map(|l| l.trim().to_owned()).collect();
                entries.push((column, Kind::Ordered(list)));
            }
        }
        entries.extend(raw.continuous.iter().map(|c| (c, Kind::Continuous)));
        if entries.is_empty() {
            return Err(self.error(
                span,
                "[participants] names no characteristic: list columns as categorical = [\"gender\"], continuous = [\"age\"] or ordered = { education = [\"primary\", \"secondary\", \"college\"] }",
            ));
        }
        let mut characteristics: Vec<Characteristic> = Vec::new();
        let mut at = Vec::new();
        for (name, kind) in entries {
            let column = self.column(name)?;
            let role = if groups.is_some_and(|g| g.column == column) {
                Some("the group column")
            } else if data.id == column {
                Some("the id column")
            } else {
                None
            };
            if let Some(role) = role {
                return Err(self.error(
                    name.span(),
                    format!(
                        "{column} is {role}; a characteristic describes the people in the groups"
                    ),
                ));
            }
            if characteristics.iter().any(|c| c.column == column) {
                return Err(self.error(
                    name.span(),
                    format!("column {column} is listed twice in [participants]; list each characteristic once, with its kind"),
                ));
            }
            characteristics.push(Characteristic { column, kind });
            at.push(self.located((), name.span()));
        }
        Ok(Participants {
            characteristics,
            at,
        })
    }

    /// A number strictly between 0 and 1, or `default` when absent.
    fn probability(&self, value: Option<&Spanned<f64>>, key: &str, default: f64) -> Result<f64> {
        match value {
            None => Ok(default),
            Some(value) if *value.get_ref() > 0.0 && *value.get_ref() < 1.0 => Ok(*value.get_ref()),
            Some(value) => Err(self.error(
                value.span(),
                format!(
                    "{key} must be between 0 and 1, e.g. {key} = {default}; not {}",
                    value.get_ref()
                ),
            )),
        }
    }

    fn analyses(
        &self,
        analyses: Spanned<Vec<Spanned<String>>>,
        has_groups: bool,
    ) -> Result<Located<Vec<Analysis>>> {
        let span = analyses.span();
        let mut chosen = Vec::new();
        for name in analyses.into_inner() {
            let analysis = Analysis::ALL
                .into_iter()
                .find(|analysis| analysis.name() == name.get_ref())
                .ok_or_else(|| {
                    let known: Vec<&str> = Analysis::ALL.iter().map(|a| a.name()).collect();
                    self.error(
                        name.span(),
                        format!(
                            "unknown analysis \"{}\"; the analyses are {}",
                            name.get_ref(),
                            known.join(", ")
                        ),
                    )
                })?;
            if chosen.contains(&analysis) {
                return Err(self.error(
                    name.span(),
                    format!("analysis \"{}\" is listed twice", name.get_ref()),
                ));
            }
            if !has_groups && matches!(analysis, Analysis::Baseline | Analysis::Between) {
                return Err(self.error(
                    name.span(),
                    format!(
                        "analysis \"{}\" compares the intervention and the control group: add a [groups] table",
                        name.get_ref()
                    ),
                ));
            }
            if !has_groups && analysis == Analysis::Mixed {
                return Err(self.error(
                    name.span(),
                    "analysis \"mixed\" compares groups over the waves: add a [groups] table",
                ));
            }
            chosen.push(analysis);
        }
        if chosen.is_empty() {
            return Err(self.error(
                span,
                "analyses is empty; leave it out to run all the design allows",
            ));
        }
        chosen.sort();
        Ok(self.located(chosen, span))
    }

    fn data(&self, data: Spanned<RawData>) -> Result<Data> {
        let span = data.span();
        let data = data.into_inner();
        let path = |value: &Spanned<String>| -> Result<std::path::PathBuf> {
            if value.get_ref().trim().is_empty() {
                return Err(self.error(value.span(), "the file name is empty"));
            }
            Ok(self.base.join(value.get_ref()))
        };
        let mut labels: Vec<(String, String)> = Vec::new();
        // A wave's sheet, and its label when the file gives one.
        let mut wave = |name: &str, raw: &Spanned<RawWave>| -> Result<std::path::PathBuf> {
            let wave = raw.get_ref();
            if wave.file.trim().is_empty() {
                return Err(self.error(raw.span(), "the file name is empty"));
            }
            if let Some(label) = &wave.label {
                labels.push((name.to_owned(), self.label(label, raw.span(), &labels)?));
            }
            Ok(self.base.join(&wave.file))
        };
        let layout = match (&data.pre, &data.post, &data.waves, &data.file, &data.time) {
            (Some(pre), Some(post), None, None, None) => {
                self.no_levels(&data)?;
                Layout::Wide {
                    waves: vec![
                        ("pre".to_owned(), wave("pre", pre)?),
                        ("post".to_owned(), wave("post", post)?),
                    ],
                }
            }
            (None, None, Some(waves), None, None) => {
                self.no_levels(&data)?;
                let mut named: Vec<(String, std::path::PathBuf)> = Vec::new();
                for (name, file) in &waves.get_ref().0 {
                    let name_text = name.get_ref().trim();
                    if named.iter().any(|(other, _)| other == name_text) {
                        return Err(
                            self.error(name.span(), format!("the wave {name_text} is named twice"))
                        );
                    }
                    named.push((name_text.to_owned(), wave(name_text, file)?));
                }
                if named.len() < 2 {
                    return Err(self.error(
                        waves.span(),
                        "[data.waves] needs two waves or more, in time order, e.g. pre = \"pre.csv\", post = \"post.csv\", followup = \"followup.csv\"",
                    ));
                }
                Layout::Wide { waves: named }
            }
            (None, None, None, Some(file), Some(time)) => {
                let levels = match &data.levels {
                    None => vec!["pre".to_owned(), "post".to_owned()],
                    Some(levels) => {
                        let values = levels.get_ref();
                        let distinct = values
                            .iter()
                            .enumerate()
                            .all(|(i, value)| !value.is_empty() && !values[..i].contains(value));
                        if values.len() < 2 || !distinct {
                            return Err(self.error(
                                levels.span(),
                                "levels must be two or more different values of the time column, in time order, e.g. levels = [\"pre\", \"post\", \"followup\"]",
                            ));
                        }
                        values.clone()
                    }
                };
                if let Some(given) = &data.labels {
                    labels = self.labels(given, &levels, "wave")?;
                }
                Layout::Long {
                    file: path(file)?,
                    time: self.column(time)?,
                    levels,
                    levels_at: self
                        .located((), data.levels.as_ref().map_or(time.span(), Spanned::span)),
                }
            }
            _ => {
                return Err(self.error(
                    span,
                    "[data] needs either pre and post (one file each), a [data.waves] table (one file per wave), or file and time (one long file with a time column), not a mix",
                ));
            }
        };
        let encoding = match &data.encoding {
            None => Encoding::Auto,
            Some(encoding) => match encoding.get_ref().as_str() {
                "auto" => Encoding::Auto,
                "utf8" | "utf-8" => Encoding::Utf8,
                "gb18030" | "gbk" => Encoding::Gb18030,
                other => {
                    return Err(self.error(
                        encoding.span(),
                        format!("encoding must be auto, utf8 or gb18030; not \"{other}\""),
                    ));
                }
            },
        };
        Ok(Data {
            labels,
            layout,
            id: self.column(&data.id)?,
            sheet: data.sheet,
            encoding,
            invalid_as_missing: data.invalid_as_missing,
        })
    }

    /// A column name that is not empty.
    fn column(&self, name: &Spanned<String>) -> Result<String> {
        let trimmed = name.get_ref().trim();
        if trimmed.is_empty() {
            return Err(self.error(name.span(), "the column name is empty"));
        }
        Ok(trimmed.to_owned())
    }

    /// A wave's or group's label: not empty, and no other's.
    fn label(
        &self,
        label: &str,
        span: Range<usize>,
        others: &[(String, String)],
    ) -> Result<String> {
        let label = label.trim();
        if label.is_empty() {
            return Err(self.error(
                span,
                "the label is empty; leave it out or give the name the report should show",
            ));
        }
        if others.iter().any(|(_, other)| other == label) {
            return Err(self.error(
                span,
                format!("the label {label} is given twice; give each a name of its own"),
            ));
        }
        Ok(label.to_owned())
    }

    /// A `labels = { value = "name", … }` table: each value one of `values`, each label once.
    fn labels(
        &self,
        given: &Spanned<BTreeMap<Spanned<String>, Spanned<String>>>,
        values: &[String],
        what: &str,
    ) -> Result<Vec<(String, String)>> {
        let mut labels = Vec::new();
        for (value, label) in given.get_ref() {
            let value_text = value.get_ref().trim();
            if !values.iter().any(|v| v == value_text) {
                return Err(self.error(
                    value.span(),
                    format!(
                        "labels name the {what} {value_text}, which is not one of {}",
                        values.join(", ")
                    ),
                ));
            }
            let label = self.label(label.get_ref(), label.span(), &labels)?;
            labels.push((value_text.to_owned(), label));
        }
        Ok(labels)
    }

    /// Refuses `levels` beside one file per wave: they name the values of a long file's time
    /// column.
    fn no_levels(&self, data: &RawData) -> Result<()> {
        if let Some(labels) = &data.labels {
            return Err(self.error(
                labels.span(),
                "labels name the values of the time column of a long file (file and time); with one file per wave give each its label there, e.g. pre = { file = \"pre.csv\", label = \"干预前\" }",
            ));
        }
        match &data.levels {
            Some(levels) => Err(self.error(
                levels.span(),
                "levels name the values of the time column of a long file (file and time); with one file per wave leave it out",
            )),
            None => Ok(()),
        }
    }

    fn groups(&self, groups: Spanned<RawGroups>) -> Result<Groups> {
        let span = groups.span();
        let raw = groups.into_inner();
        let groups = &raw;
        let value = |value: &Spanned<String>| -> Result<String> {
            let trimmed = value.get_ref().trim();
            if trimmed.is_empty() {
                return Err(self.error(value.span(), "the group value is empty"));
            }
            Ok(trimmed.to_owned())
        };
        let column = self.column(&groups.column)?;
        let mut groups = match (&groups.intervention, &groups.control, &groups.levels) {
            (Some(intervention), Some(control), None) => {
                let (first, second) = (value(intervention)?, value(control)?);
                if first == second {
                    return Err(self.error(
                        control.span(),
                        "the control group must have a value other than the intervention group's",
                    ));
                }
                Ok(Groups {
                    column,
                    levels: vec![first, second.clone()],
                    control: Some(second),
                    at: vec![
                        self.located((), intervention.span()),
                        self.located((), control.span()),
                    ],
                    labels: Vec::new(),
                })
            }
            (None, control, Some(levels)) => {
                let mut values: Vec<String> = Vec::new();
                for level in levels.get_ref() {
                    let level_value = value(level)?;
                    if values.contains(&level_value) {
                        return Err(self.error(
                            level.span(),
                            format!("the group {level_value} is listed twice"),
                        ));
                    }
                    values.push(level_value);
                }
                if values.len() < 2 {
                    return Err(self.error(
                        levels.span(),
                        "levels must name two groups or more, e.g. levels = [\"group work\", \"case work\", \"control\"]",
                    ));
                }
                let control = match control {
                    Some(control) => {
                        let control_value = value(control)?;
                        if !values.contains(&control_value) {
                            return Err(self.error(
                                control.span(),
                                format!(
                                    "the control group {control_value} is not one of the levels ({})",
                                    values.join(", ")
                                ),
                            ));
                        }
                        Some(control_value)
                    }
                    None => None,
                };
                Ok(Groups {
                    column,
                    levels: values,
                    control,
                    at: levels
                        .get_ref()
                        .iter()
                        .map(|level| self.located((), level.span()))
                        .collect(),
                    labels: Vec::new(),
                })
            }
            _ => Err(self.error(
                span,
                "[groups] needs intervention and control (two groups), or levels (two groups or more) with an optional control among them",
            )),
        }?;
        if let Some(given) = &raw.labels {
            groups.labels = self.labels(given, &groups.levels, "group")?;
        }
        Ok(groups)
    }

    fn scale_use(&self, entry: Spanned<RawScaleUse>) -> Result<ScaleUse> {
        let entry = entry.into_inner();
        let name = entry.scale.get_ref().trim();
        if name.is_empty() {
            return Err(self.error(entry.scale.span(), "the scale is empty"));
        }
        // A built-in id stays as it is, and so does a name that is neither an id nor a file
        // (loading it then says so and suggests the closest id); a file is found next to the
        // study file.
        let beside = self.base.join(name);
        let scale = if crate::scale::builtin(name).is_none()
            && (beside.exists() || name.ends_with(".toml"))
        {
            beside.display().to_string()
        } else {
            name.to_owned()
        };
        let mut change = Vec::new();
        for (measure, reference) in entry.change {
            let span = reference.span();
            let reference = self.reference(reference.get_ref()).map_err(|message| {
                self.error(span, format!("change.{}: {message}", measure.get_ref()))
            })?;
            change.push(MeasureReference {
                measure: self.located(measure.get_ref().clone(), measure.span()),
                reference,
            });
        }
        let coded_from = match entry.coded_from {
            Some(from) if from.get_ref().abs() > MAX_CODED_FROM => {
                return Err(self.error(
                    from.span(),
                    format!(
                        "coded_from is the sheet's code of each item's lowest answer, a whole \
                         number such as 1 (as 问卷星/WJX numbers the options); not {}",
                        from.get_ref()
                    ),
                ));
            }
            Some(from) => Some(self.located(*from.get_ref(), from.span())),
            None => None,
        };
        Ok(ScaleUse {
            scale,
            at: self.located((), entry.scale.span()),
            columns: entry.columns.map(|c| c.into_inner()),
            coded_from,
            change,
        })
    }

    /// A measure's reliable-change reference: `"sample"` or `{ sd, reliability, source }`.
    fn reference(&self, value: &toml::Value) -> std::result::Result<Reference, String> {
        const EXPECTED: &str = "write \"sample\" or { sd = 5.4, reliability = 0.85, source = \"where they come from\" }";
        let table = match value {
            toml::Value::String(word) if word == "sample" => return Ok(Reference::Sample),
            toml::Value::Table(table) => table,
            _ => return Err(EXPECTED.to_owned()),
        };
        if let Some(key) = table
            .keys()
            .find(|key| !["sd", "reliability", "source"].contains(&key.as_str()))
        {
            return Err(format!("unknown key `{key}`; {EXPECTED}"));
        }
        let number = |key: &str| match table.get(key) {
            Some(toml::Value::Float(value)) => Ok(*value),
            Some(toml::Value::Integer(value)) => Ok(*value as f64),
            Some(_) => Err(format!("{key} must be a number")),
            None => Err(format!("{key} is missing; {EXPECTED}")),
        };
        let (sd, reliability) = (number("sd")?, number("reliability")?);
        let source = match table.get("source") {
            Some(toml::Value::String(source)) if !source.trim().is_empty() => source.clone(),
            _ => return Err(format!("source is missing; {EXPECTED}")),
        };
        if !(sd.is_finite() && sd > 0.0) {
            return Err(format!("sd must be positive, not {sd}"));
        }
        if !(0.0..1.0).contains(&reliability) {
            return Err(format!(
                "reliability must be at least 0 and below 1, not {reliability}"
            ));
        }
        Ok(Reference::Given {
            sd,
            reliability,
            source,
        })
    }
}
