//! Raw scale file → validated [`Scale`]: every rule of `docs/scale-format.md`, each broken rule
//! reported at the line and column where it is written.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::item_columns;
use super::raw::{
    ItemRef, RawItem, RawItemKind, RawItems, RawLayout, RawMissing, RawScale, RawScore, RawTotal,
    RawTransform,
};

use super::{
    Band, ColumnTemplate, CountLayout, Item, ItemKind, Method, MissingRule, Norms, Scale,
    ScaleError, ScoreDef, ScoreSource, Transform, plain_toml_message,
};

/// Column suffixes that psyscore adds after a scale's scores.
const RESERVED_SCORE_IDS: [&str; 4] = ["total", "answered", "status", "notes"];
/// Largest number of items a scale may have.
const MAX_ITEMS: i64 = 10_000;
/// Default words that mean "nothing ticked" in a multi-select cell.
const DEFAULT_NONE_WORDS: [&str; 2] = ["none", "无"];

/// Parses and validates one scale file.
pub(super) fn parse(text: &str, file: &str) -> Result<Scale> {
    let raw: RawScale = toml::from_str(text).map_err(|err| {
        let at = err.span().map_or(0, |span| span.start);
        ScaleError::at(file, text, at, plain_toml_message(err.message()))
    })?;
    Validator { file, text }.scale(raw)
}

struct Validator<'a> {
    file: &'a str,
    text: &'a str,
}

type Result<T> = std::result::Result<T, ScaleError>;

/// The largest score a scale may reach: beyond 2^53 ≈ 9e15 whole numbers are no longer exact.
const MAX_SCORE: f64 = 1e15;

impl Validator<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> ScaleError {
        ScaleError::at(self.file, self.text, span.start, message)
    }

    fn scale(&self, raw: RawScale) -> Result<Scale> {
        let id = self.identifier(&raw.id, "scale id")?;
        let (min, max) = (*raw.min.get_ref(), *raw.max.get_ref());
        if !min.is_finite() || !max.is_finite() || min >= max {
            return Err(self.error(
                raw.max.span(),
                format!("max ({max}) must be greater than min ({min})"),
            ));
        }
        let names = self.item_names(&raw.items)?;
        let numbered = matches!(raw.items.get_ref(), RawItems::Count(_));
        let columns = match &raw.columns {
            Some(template) => {
                let parsed = ColumnTemplate::parse(template.get_ref())
                    .map_err(|err| self.error(template.span(), err.to_string()))?;
                if parsed.is_positional() {
                    return Err(self.error(
                        template.span(),
                        format!(
                            "columns = \"{parsed}\": a scale file names its items' columns; \
                             place them by position for one sheet with --columns {parsed}"
                        ),
                    ));
                }
                parsed
            }
            None if numbered => ColumnTemplate::parse("{id}_{n}").expect("valid default"),
            None => ColumnTemplate::parse("{name}").expect("valid default"),
        };
        let resolver = Resolver {
            names: &names,
            numbered,
        };
        let scale_labels = match &raw.labels {
            Some(labels) => self.labels(labels)?,
            None => BTreeMap::new(),
        };
        let mut items: Vec<Item> = names
            .iter()
            .enumerate()
            .map(|(index, name)| Item {
                name: name.clone(),
                number: index + 1,
                min,
                max,
                reverse: false,
                decimals: raw.decimals,
                column: None,
                labels: scale_labels.clone(),
                kind: ItemKind::Single,
            })
            .collect();
        for (key, settings) in &raw.item {
            let index = resolver
                .resolve_key(key.get_ref())
                .map_err(|message| self.error(key.span(), message))?;
            self.item_settings(&mut items[index], settings)?;
        }
        for item in &items {
            self.check_labels_in_range(item, &raw)?;
        }
        let mut reversed = HashSet::new();
        for reference in &raw.reverse {
            let index = self.resolve(&resolver, reference)?;
            if !reversed.insert(index) {
                return Err(self.error(
                    reference.span(),
                    format!("item {} is listed twice in `reverse`", reference.get_ref()),
                ));
            }
            if !matches!(items[index].kind, ItemKind::Single) {
                return Err(self.error(
                    reference.span(),
                    format!(
                        "item {} is a `sum` or `count` item and cannot be reverse-keyed",
                        reference.get_ref()
                    ),
                ));
            }
            items[index].reverse = true;
        }

        let scale_missing = match &raw.missing {
            Some(missing) => self.missing(missing)?,
            None => MissingRule::MaxMissing(0),
        };
        let defaults = ScoreDefaults {
            method: raw.method,
            missing: scale_missing,
        };
        let mut scores = Vec::new();
        let mut used_by: HashMap<usize, String> = HashMap::new();
        for subscale in &raw.subscales {
            let score = self.subscale(subscale, &resolver, &defaults, &scores)?;
            if !raw.overlapping_subscales {
                self.check_no_overlap(subscale, &score, &mut used_by)?;
            }
            scores.push(score);
        }
        if let Some(total) = self.total(raw.total.as_ref(), &resolver, &defaults, &scores)? {
            scores.push(total);
        }
        let scale = Scale {
            id,
            name: raw.name.clone(),
            name_zh: raw.name_zh.clone(),
            citation: raw.citation.clone(),
            licence: raw.licence.clone(),
            notes: raw.notes.clone(),
            better: raw.better,
            numbered,
            columns,
            items,
            scores,
        };
        self.check_item_columns(&scale, &raw)?;
        self.check_output_columns(&scale, &raw)?;
        self.check_bands_reachable(&scale, &raw)?;
        self.check_scores_representable(&scale, &raw)?;
        Ok(scale)
    }

    fn identifier(&self, id: &Spanned<String>, what: &str) -> Result<String> {
        let text = id.get_ref();
        let mut chars = text.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !valid {
            return Err(self.error(
                id.span(),
                format!(
                    "{what} \"{text}\" must start with a lowercase letter and hold only lowercase letters, digits, `_` and `-`"
                ),
            ));
        }
        Ok(text.clone())
    }

    fn item_names(&self, items: &Spanned<RawItems>) -> Result<Vec<String>> {
        match items.get_ref() {
            RawItems::Count(count) => {
                if !(1..=MAX_ITEMS).contains(count) {
                    return Err(self.error(
                        items.span(),
                        format!("items must be between 1 and {MAX_ITEMS}, not {count}"),
                    ));
                }
                Ok((1..=*count).map(|n| n.to_string()).collect())
            }
            RawItems::Names(names) => {
                if names.is_empty() {
                    return Err(self.error(items.span(), "items must list at least one item"));
                }
                let mut seen = HashSet::new();
                for name in names {
                    let text = name.get_ref().trim();
                    if text.is_empty() {
                        return Err(self.error(name.span(), "an item name is empty"));
                    }
                    if !seen.insert(text.to_lowercase()) {
                        return Err(self.error(
                            name.span(),
                            format!("item \"{text}\" is listed twice in `items` (names are compared ignoring case)"),
                        ));
                    }
                }
                Ok(names
                    .iter()
                    .map(|name| name.get_ref().trim().to_owned())
                    .collect())
            }
        }
    }

    fn resolve(&self, resolver: &Resolver, reference: &Spanned<ItemRef>) -> Result<usize> {
        resolver
            .resolve(reference.get_ref())
            .map_err(|message| self.error(reference.span(), message))
    }

    /// The labels trimmed, as the scale writes them; two that are one label under the case rule
    /// ([`normalize_label`]) are one entry (the first written) when their values agree, else an
    /// error.
    fn labels(&self, labels: &Spanned<BTreeMap<String, f64>>) -> Result<BTreeMap<String, f64>> {
        let mut normalized = BTreeMap::new();
        let mut written = BTreeMap::new();
        for (text, value) in labels.get_ref() {
            let key = normalize_label(text);
            if key.is_empty() {
                return Err(self.error(labels.span(), "a label is empty"));
            }
            if !value.is_finite() {
                return Err(self.error(
                    labels.span(),
                    format!("label \"{text}\" has no finite value"),
                ));
            }
            match normalized.insert(key, *value) {
                Some(previous) if previous != *value => {
                    return Err(self.error(
                        labels.span(),
                        format!("label \"{text}\" is given twice (ignoring case and spaces) with different values"),
                    ));
                }
                Some(_) => {}
                None => {
                    written.insert(text.trim().to_owned(), *value);
                }
            }
        }
        Ok(written)
    }

    fn item_settings(&self, item: &mut Item, settings: &Spanned<RawItem>) -> Result<()> {
        let raw = settings.get_ref();
        let span = settings.span();
        if let Some(min) = raw.min {
            item.min = min;
        }
        if let Some(max) = raw.max {
            item.max = max;
        }
        if !item.min.is_finite() || !item.max.is_finite() || item.min >= item.max {
            return Err(self.error(
                span,
                format!(
                    "item {}: max ({}) must be greater than min ({})",
                    item.name, item.max, item.min
                ),
            ));
        }
        if let Some(labels) = &raw.labels {
            item.labels = self.labels(labels)?;
        }
        if let Some(decimals) = raw.decimals {
            item.decimals = decimals;
        }
        if let Some(column) = &raw.column {
            if column.trim().is_empty() {
                return Err(self.error(span, format!("item {}: `column` is empty", item.name)));
            }
            item.column = Some(column.trim().to_owned());
        }
        let parts = || -> Result<Vec<String>> {
            let parts = raw.parts.as_ref().ok_or_else(|| {
                self.error(
                    span.clone(),
                    format!("item {}: a `sum` or `count` item needs `parts`", item.name),
                )
            })?;
            let mut seen = HashSet::new();
            for part in parts.get_ref() {
                if part.trim().is_empty() || !seen.insert(part.trim().to_lowercase()) {
                    return Err(self.error(
                        parts.span(),
                        format!(
                            "item {}: parts must be non-empty and different (ignoring case)",
                            item.name
                        ),
                    ));
                }
            }
            if parts.get_ref().len() < 2 {
                return Err(self.error(
                    parts.span(),
                    format!("item {}: give at least two parts", item.name),
                ));
            }
            Ok(parts
                .get_ref()
                .iter()
                .map(|part| part.trim().to_owned())
                .collect())
        };
        let not_for = |key: &str, span: Option<Range<usize>>| -> Result<()> {
            match span {
                Some(span) => Err(self.error(
                    span,
                    format!(
                        "item {}: `{key}` is only for `kind = \"count\"` items",
                        item.name
                    ),
                )),
                None => Ok(()),
            }
        };
        item.kind = match raw.kind {
            RawItemKind::Single => {
                if let Some(parts) = &raw.parts {
                    return Err(self.error(
                        parts.span(),
                        format!(
                            "item {}: `parts` needs `kind = \"sum\"` or `kind = \"count\"`",
                            item.name
                        ),
                    ));
                }
                not_for("layout", raw.layout.as_ref().map(Spanned::span))?;
                not_for("none", raw.none.as_ref().map(Spanned::span))?;
                ItemKind::Single
            }
            RawItemKind::Sum => {
                not_for("layout", raw.layout.as_ref().map(Spanned::span))?;
                not_for("none", raw.none.as_ref().map(Spanned::span))?;
                ItemKind::Sum { parts: parts()? }
            }
            RawItemKind::Count => {
                let layout = match raw.layout.as_ref().map(|layout| *layout.get_ref()) {
                    None | Some(RawLayout::Columns) => {
                        if let Some(none) = &raw.none {
                            return Err(self.error(
                                none.span(),
                                format!(
                                    "item {}: `none` is only for `layout = \"cell\"`",
                                    item.name
                                ),
                            ));
                        }
                        CountLayout::Columns
                    }
                    Some(RawLayout::Cell) => CountLayout::Cell {
                        none: match &raw.none {
                            Some(words) => words
                                .get_ref()
                                .iter()
                                .map(|word| normalize_label(word))
                                .collect(),
                            None => DEFAULT_NONE_WORDS
                                .iter()
                                .map(|word| word.to_string())
                                .collect(),
                        },
                    },
                };
                ItemKind::Count {
                    options: parts()?,
                    layout,
                }
            }
        };
        Ok(())
    }

    fn check_labels_in_range(&self, item: &Item, raw: &RawScale) -> Result<()> {
        for (label, value) in &item.labels {
            if *value < item.min || *value > item.max || (!item.decimals && value.fract() != 0.0) {
                let span = raw
                    .item
                    .iter()
                    .find(|(key, _)| Resolver::same_item(key.get_ref(), item))
                    .and_then(|(_, settings)| settings.get_ref().labels.as_ref().map(Spanned::span))
                    .or_else(|| raw.labels.as_ref().map(Spanned::span))
                    .unwrap_or(0..0);
                return Err(self.error(
                    span,
                    format!(
                        "label \"{label}\" = {value} is not a valid answer to item {} ({} to {}{})",
                        item.name,
                        item.min,
                        item.max,
                        if item.decimals { "" } else { ", whole numbers" }
                    ),
                ));
            }
        }
        Ok(())
    }

    fn missing(&self, missing: &Spanned<RawMissing>) -> Result<MissingRule> {
        match (
            missing.get_ref().max_missing,
            missing.get_ref().max_missing_fraction,
        ) {
            (Some(_), Some(_)) => Err(self.error(
                missing.span(),
                "give either `max_missing` or `max_missing_fraction`, not both",
            )),
            (Some(count), None) => {
                usize::try_from(count)
                    .map(MissingRule::MaxMissing)
                    .map_err(|_| {
                        self.error(
                            missing.span(),
                            format!("max_missing must be 0 or more, not {count}"),
                        )
                    })
            }
            (None, Some(fraction)) if (0.0..1.0).contains(&fraction) => {
                Ok(MissingRule::MaxMissingFraction(fraction))
            }
            (None, Some(fraction)) => Err(self.error(
                missing.span(),
                format!("max_missing_fraction must be at least 0 and less than 1, not {fraction}"),
            )),
            (None, None) => Err(self.error(
                missing.span(),
                "[missing] needs `max_missing` (a count) or `max_missing_fraction` (a fraction)",
            )),
        }
    }

    fn subscale(
        &self,
        raw: &Spanned<RawScore>,
        resolver: &Resolver,
        defaults: &ScoreDefaults,
        earlier: &[ScoreDef],
    ) -> Result<ScoreDef> {
        let spec = raw.get_ref();
        let id = spec
            .id
            .as_ref()
            .ok_or_else(|| self.error(raw.span(), "a subscale needs an `id`"))?;
        let id_text = self.identifier(id, "subscale id")?;
        if RESERVED_SCORE_IDS.contains(&id_text.as_str()) {
            return Err(self.error(
                id.span(),
                format!("subscale id \"{id_text}\" is reserved; choose another"),
            ));
        }
        if earlier.iter().any(|score| score.id == id_text) {
            return Err(self.error(
                id.span(),
                format!("subscale id \"{id_text}\" is used twice"),
            ));
        }
        if let Some(subscales) = &spec.subscales {
            return Err(self.error(
                subscales.span(),
                "only the total can be made of `subscales`",
            ));
        }
        let items = spec.items.as_ref().ok_or_else(|| {
            self.error(raw.span(), format!("subscale \"{id_text}\" needs `items`"))
        })?;
        let source = ScoreSource::Items(self.item_list(items, resolver, &id_text)?);
        self.score_def(spec, id_text, false, source, defaults)
    }

    fn item_list(
        &self,
        items: &Spanned<Vec<Spanned<ItemRef>>>,
        resolver: &Resolver,
        score: &str,
    ) -> Result<Vec<usize>> {
        if items.get_ref().is_empty() {
            return Err(self.error(items.span(), format!("score \"{score}\" has no items")));
        }
        let mut indices = Vec::new();
        for reference in items.get_ref() {
            let index = self.resolve(resolver, reference)?;
            if indices.contains(&index) {
                return Err(self.error(
                    reference.span(),
                    format!(
                        "item {} is listed twice in \"{score}\"",
                        reference.get_ref()
                    ),
                ));
            }
            indices.push(index);
        }
        Ok(indices)
    }

    fn check_no_overlap(
        &self,
        raw: &Spanned<RawScore>,
        score: &ScoreDef,
        used_by: &mut HashMap<usize, String>,
    ) -> Result<()> {
        let ScoreSource::Items(indices) = &score.source else {
            return Ok(());
        };
        let references = raw.get_ref().items.as_ref().expect("subscales have items");
        for (index, reference) in indices.iter().zip(references.get_ref()) {
            if let Some(other) = used_by.insert(*index, score.id.clone()) {
                return Err(self.error(
                    reference.span(),
                    format!(
                        "item {} is in subscale \"{other}\" and in \"{}\"; set `overlapping_subscales = true` if that is intended",
                        reference.get_ref(),
                        score.id
                    ),
                ));
            }
        }
        Ok(())
    }

    fn total(
        &self,
        raw: Option<&Spanned<RawTotal>>,
        resolver: &Resolver,
        defaults: &ScoreDefaults,
        subscales: &[ScoreDef],
    ) -> Result<Option<ScoreDef>> {
        let all_items = || ScoreSource::Items((0..resolver.names.len()).collect());
        let table = match raw.map(Spanned::get_ref) {
            None | Some(RawTotal::Enabled(true)) => {
                return Ok(Some(ScoreDef {
                    id: "total".into(),
                    name: None,
                    name_zh: None,
                    is_total: true,
                    source: all_items(),
                    method: defaults.method,
                    weight: 1.0,
                    missing: defaults.missing,
                    bands: Vec::new(),
                    transform: None,
                    norms: None,
                }));
            }
            Some(RawTotal::Enabled(false)) => return Ok(None),
            Some(RawTotal::Table(table)) => table,
        };
        if let Some(id) = &table.id {
            return Err(self.error(id.span(), "the total's id is always \"total\"; remove `id`"));
        }
        let source = match (&table.items, &table.subscales) {
            (Some(items), Some(_)) => {
                return Err(self.error(
                    items.span(),
                    "give the total either `items` or `subscales`, not both",
                ));
            }
            (Some(items), None) => ScoreSource::Items(self.item_list(items, resolver, "total")?),
            (None, Some(ids)) => {
                if ids.get_ref().is_empty() {
                    return Err(self.error(ids.span(), "the total's `subscales` is empty"));
                }
                let mut indices = Vec::new();
                for id in ids.get_ref() {
                    let index = subscales
                        .iter()
                        .position(|score| score.id == *id.get_ref())
                        .ok_or_else(|| {
                            let known: Vec<_> = subscales.iter().map(|s| s.id.as_str()).collect();
                            self.error(
                                id.span(),
                                format!(
                                    "no subscale \"{}\"; the subscales are: {}",
                                    id.get_ref(),
                                    known.join(", ")
                                ),
                            )
                        })?;
                    if indices.contains(&index) {
                        return Err(self.error(
                            id.span(),
                            format!("subscale \"{}\" is listed twice", id.get_ref()),
                        ));
                    }
                    indices.push(index);
                }
                ScoreSource::Subscales(indices)
            }
            (None, None) => all_items(),
        };
        self.score_def(table, "total".into(), true, source, defaults)
            .map(Some)
    }

    fn score_def(
        &self,
        spec: &RawScore,
        id: String,
        is_total: bool,
        source: ScoreSource,
        defaults: &ScoreDefaults,
    ) -> Result<ScoreDef> {
        let weight = match &spec.weight {
            Some(weight) if !weight.get_ref().is_finite() || *weight.get_ref() == 0.0 => {
                return Err(self.error(weight.span(), "weight must be a non-zero number"));
            }
            Some(weight) => *weight.get_ref(),
            None => 1.0,
        };
        let missing = match &spec.missing {
            Some(missing) => self.missing(missing)?,
            None => defaults.missing,
        };
        let bands = match &spec.bands {
            Some(bands) => self.bands(bands)?,
            None => Vec::new(),
        };
        let transform = match &spec.transform {
            Some(transform) => Some(self.transform(transform)?),
            None => None,
        };
        let norms = match &spec.norms {
            Some(norms) => Some(self.norms(norms)?),
            None => None,
        };
        Ok(ScoreDef {
            id,
            name: spec.name.clone(),
            name_zh: spec.name_zh.clone(),
            is_total,
            source,
            method: spec.method.unwrap_or(defaults.method),
            weight,
            missing,
            bands,
            transform,
            norms,
        })
    }

    fn bands(&self, bands: &Spanned<Vec<Spanned<Band>>>) -> Result<Vec<Band>> {
        if bands.get_ref().is_empty() {
            return Err(self.error(bands.span(), "`bands` is empty; leave it out instead"));
        }
        let mut out: Vec<Band> = Vec::new();
        for band in bands.get_ref() {
            let Band {
                label,
                label_zh,
                min,
            } = band.get_ref();
            if label.trim().is_empty() {
                return Err(self.error(band.span(), "a band's label is empty"));
            }
            if !min.is_finite() {
                return Err(self.error(
                    band.span(),
                    format!("band \"{label}\": min must be a finite number"),
                ));
            }
            if let Some(previous) = out.last()
                && *min <= previous.min
            {
                return Err(self.error(
                    band.span(),
                    format!(
                        "band \"{label}\" (min {min}) must start above band \"{}\" (min {}): bands are listed in increasing order and each runs from its min up to the next band's min",
                        previous.label, previous.min
                    ),
                ));
            }
            if out.iter().any(|other| other.label == *label) {
                return Err(
                    self.error(band.span(), format!("band label \"{label}\" is used twice"))
                );
            }
            out.push(Band {
                label: label.trim().to_owned(),
                label_zh: label_zh.clone(),
                min: *min,
            });
        }
        Ok(out)
    }

    fn transform(&self, transform: &Spanned<RawTransform>) -> Result<Transform> {
        let raw = transform.get_ref();
        if !raw.multiply.is_finite() || raw.multiply == 0.0 || !raw.add.is_finite() {
            return Err(self.error(
                transform.span(),
                "transform: `multiply` must be a non-zero number and `add` a number",
            ));
        }
        let name = match &raw.name {
            Some(name) => {
                let name = self.identifier(name, "transform name")?;
                Some(name)
            }
            None => None,
        };
        if name.is_none() && (raw.label.is_some() || raw.label_zh.is_some()) {
            return Err(self.error(
                transform.span(),
                "transform: label and label_zh name the transformed score's own column; give it a name too (e.g. name = \"index\") or leave them out",
            ));
        }
        Ok(Transform {
            name,
            label: raw.label.clone(),
            label_zh: raw.label_zh.clone(),
            multiply: raw.multiply,
            add: raw.add,
            rounding: raw.rounding,
        })
    }

    fn norms(&self, norms: &Spanned<Norms>) -> Result<Norms> {
        let values = norms.get_ref();
        if !values.mean.is_finite() || !values.sd.is_finite() || values.sd <= 0.0 {
            return Err(self.error(
                norms.span(),
                "norms: `mean` must be a number and `sd` a positive number",
            ));
        }
        if let Some(reliability) = values.reliability
            && !(0.0..=1.0).contains(&reliability)
        {
            return Err(self.error(
                norms.span(),
                format!("norms: reliability must be between 0 and 1, not {reliability}"),
            ));
        }
        Ok(values.clone())
    }

    /// Every item's column(s) must differ, case-insensitively.
    fn check_item_columns(&self, scale: &Scale, raw: &RawScale) -> Result<()> {
        let mut seen: HashMap<String, String> = HashMap::new();
        for item in &scale.items {
            for column in item_columns(scale, item, &scale.columns) {
                if let Some(other) = seen.insert(column.to_lowercase(), item.name.clone()) {
                    let span = raw.columns.as_ref().map_or(raw.items.span(), Spanned::span);
                    return Err(self.error(
                        span,
                        format!(
                            "items {other} and {} would both read column \"{column}\"",
                            item.name
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every band must start at a value the score can reach: a band above the highest possible
    /// score is a mistake (an item range or a band copied from another version of the scale).
    fn check_bands_reachable(&self, scale: &Scale, raw: &RawScale) -> Result<()> {
        let total = match raw.total.as_ref().map(Spanned::get_ref) {
            Some(RawTotal::Table(table)) => Some(table.as_ref()),
            _ => None,
        };
        let specs = raw.subscales.iter().map(Spanned::get_ref).chain(total);
        for (score, spec) in scale.scores.iter().zip(specs) {
            let Some(bands) = &spec.bands else { continue };
            let (_, highest) = score.value_range(scale, true);
            for band in bands.get_ref() {
                let Band { label, min, .. } = band.get_ref();
                if *min > highest {
                    return Err(self.error(
                        band.span(),
                        format!(
                            "band \"{label}\" starts at {min}, above the highest {} score the items allow ({highest}): no one can fall in it",
                            score.banded_id()
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every score must stay within ±10^15, where sums of answers are still exact in double
    /// precision: a range of answers so wide that a score could overflow (and print as nothing
    /// with status `ok`) is a mistake in `min`, `max`, a weight or a transform.
    fn check_scores_representable(&self, scale: &Scale, raw: &RawScale) -> Result<()> {
        for score in &scale.scores {
            for banded in [false, true] {
                let (low, high) = score.value_range(scale, banded);
                let widest = low.abs().max(high.abs());
                if widest.is_nan() || widest > MAX_SCORE {
                    return Err(self.error(
                        raw.max.span(),
                        format!(
                            "the {} score can reach {}, beyond ±1e15, where sums of answers are no longer exact: check min, max, the weights and transforms",
                            score.id,
                            if widest.is_finite() { format!("{widest:e}") } else { "more than 1.8e308".to_owned() }
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Output column names (scores, transforms, bands) must differ.
    fn check_output_columns(&self, scale: &Scale, raw: &RawScale) -> Result<()> {
        let mut seen: HashSet<String> = RESERVED_SCORE_IDS[1..]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for score in &scale.scores {
            let mut names = vec![score.id.clone()];
            if let Some(name) = score.transform.as_ref().and_then(|t| t.name.clone()) {
                names.push(name);
            }
            if !score.bands.is_empty() {
                names.push(format!("{}_band", score.banded_id()));
            }
            for name in names {
                if !seen.insert(name.clone()) {
                    return Err(self.error(
                        raw.id.span(),
                        format!(
                            "two outputs of this scale would both be named \"{}_{name}\"",
                            scale.id
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Defaults a score inherits from its scale.
struct ScoreDefaults {
    method: Method,
    missing: MissingRule,
}

/// Finds items by number or name.
struct Resolver<'a> {
    names: &'a [String],
    numbered: bool,
}

impl Resolver<'_> {
    fn resolve(&self, reference: &ItemRef) -> std::result::Result<usize, String> {
        match reference {
            ItemRef::Number(n) if self.numbered => self.by_number(*n),
            ItemRef::Number(n) => Err(format!(
                "this scale's items are named; write the item's name instead of {n}"
            )),
            ItemRef::Name(name) => self.resolve_key(name),
        }
    }

    /// Resolves a table key or name: a number for numbered items, a name for named ones.
    fn resolve_key(&self, key: &str) -> std::result::Result<usize, String> {
        if self.numbered {
            let n = key.trim().parse::<i64>().map_err(|_| {
                format!(
                    "\"{key}\" is not an item number; the items are numbered 1 to {}",
                    self.names.len()
                )
            })?;
            return self.by_number(n);
        }
        self.names
            .iter()
            .position(|name| name.eq_ignore_ascii_case(key.trim()))
            .ok_or_else(|| {
                let closest = self
                    .names
                    .iter()
                    .max_by(|a, b| {
                        strsim::jaro_winkler(&a.to_lowercase(), &key.to_lowercase()).total_cmp(
                            &strsim::jaro_winkler(&b.to_lowercase(), &key.to_lowercase()),
                        )
                    })
                    .expect("at least one item");
                format!("no item named \"{key}\" (closest: \"{closest}\")")
            })
    }

    fn by_number(&self, n: i64) -> std::result::Result<usize, String> {
        usize::try_from(n)
            .ok()
            .filter(|n| (1..=self.names.len()).contains(n))
            .map(|n| n - 1)
            .ok_or_else(|| {
                format!(
                    "no item {n}; the items are numbered 1 to {}",
                    self.names.len()
                )
            })
    }

    /// True when an `[item.KEY]` key names `item`.
    fn same_item(key: &str, item: &Item) -> bool {
        key.trim().eq_ignore_ascii_case(&item.name)
    }
}

/// Labels are compared trimmed and with the ASCII letters `A`–`Z` lower-cased ([`fold_case`]).
pub(crate) fn normalize_label(text: &str) -> String {
    fold_case(text.trim())
}

/// The one case rule for text answers (labels, a multi-select cell's options and its "none"
/// words): only the ASCII letters `A`–`Z` are lower-cased; every other character must match as
/// written. Every SQL engine can do exactly this (`translate`), while full Unicode lower-casing
/// differs between them (the Turkish `İ`, the final `Σ`, and PostgreSQL follows the database's
/// locale).
pub(crate) fn fold_case(text: &str) -> String {
    text.to_ascii_lowercase()
}
