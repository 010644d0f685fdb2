//! The scale file exactly as written: serde structs that only parse.
//!
//! Nothing here is checked beyond TOML types and key names (`deny_unknown_fields`); the rules
//! that tie keys together live in [`super::validate`], which turns these into a [`super::Scale`].

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

use super::{Band, Direction, Method, Norms, Rounding};

/// A whole scale file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    pub id: Spanned<String>,
    pub name: String,
    pub name_zh: Option<String>,
    pub citation: Option<String>,
    pub licence: Option<String>,
    pub notes: Option<String>,
    pub better: Option<Direction>,
    pub min: Spanned<f64>,
    pub max: Spanned<f64>,
    #[serde(default)]
    pub method: Method,
    pub items: Spanned<RawItems>,
    pub columns: Option<Spanned<String>>,
    #[serde(default)]
    pub reverse: Vec<Spanned<ItemRef>>,
    pub labels: Option<Spanned<BTreeMap<String, f64>>>,
    #[serde(default)]
    pub decimals: bool,
    #[serde(default)]
    pub overlapping_subscales: bool,
    pub missing: Option<Spanned<RawMissing>>,
    #[serde(default)]
    pub item: BTreeMap<Spanned<String>, Spanned<RawItem>>,
    #[serde(default)]
    pub subscales: Vec<Spanned<RawScore>>,
    pub total: Option<Spanned<RawTotal>>,
}

/// `items = 24` or `items = ["A1", "A2"]`.
#[derive(Debug)]
pub enum RawItems {
    Count(i64),
    Names(Vec<Spanned<String>>),
}

/// A reference to an item: its number (numbered items) or its name (named items).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemRef {
    Number(i64),
    Name(String),
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemRef::Number(n) => write!(f, "{n}"),
            ItemRef::Name(name) => write!(f, "\"{name}\""),
        }
    }
}

/// `[missing]`: at most one of the two keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMissing {
    pub max_missing: Option<i64>,
    pub max_missing_fraction: Option<f64>,
}

/// `[item.KEY]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub labels: Option<Spanned<BTreeMap<String, f64>>>,
    pub decimals: Option<bool>,
    pub column: Option<String>,
    #[serde(default)]
    pub kind: RawItemKind,
    pub parts: Option<Spanned<Vec<String>>>,
    pub layout: Option<Spanned<RawLayout>>,
    pub none: Option<Spanned<Vec<String>>>,
}

/// `kind = "single" | "sum" | "count"`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawItemKind {
    #[default]
    Single,
    Sum,
    Count,
}

/// `layout = "columns" | "cell"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawLayout {
    Columns,
    Cell,
}

/// A `[[subscales]]` entry or the `[total]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScore {
    pub id: Option<Spanned<String>>,
    pub name: Option<String>,
    pub name_zh: Option<String>,
    pub items: Option<Spanned<Vec<Spanned<ItemRef>>>>,
    pub subscales: Option<Spanned<Vec<Spanned<String>>>>,
    pub method: Option<Method>,
    pub weight: Option<Spanned<f64>>,
    pub missing: Option<Spanned<RawMissing>>,
    pub bands: Option<Spanned<Vec<Spanned<Band>>>>,
    pub transform: Option<Spanned<RawTransform>>,
    pub norms: Option<Spanned<Norms>>,
}

/// `total = false`, `total = true` or a `[total]` table.
#[derive(Debug)]
pub enum RawTotal {
    Enabled(bool),
    Table(Box<RawScore>),
}

/// `transform = { ... }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTransform {
    pub name: Option<Spanned<String>>,
    pub label: Option<String>,
    pub label_zh: Option<String>,
    #[serde(default = "one")]
    pub multiply: f64,
    #[serde(default)]
    pub add: f64,
    pub rounding: Rounding,
}

fn one() -> f64 {
    1.0
}

impl<'de> Deserialize<'de> for RawItems {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemsVisitor;
        impl<'de> Visitor<'de> for ItemsVisitor {
            type Value = RawItems;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number of items (items = 24) or a list of item names (items = [\"A1\", \"A2\"])")
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<RawItems, E> {
                Ok(RawItems::Count(value))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<RawItems, E> {
                i64::try_from(value)
                    .map(RawItems::Count)
                    .map_err(|_| E::custom("too many items"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawItems, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element()? {
                    names.push(name);
                }
                Ok(RawItems::Names(names))
            }
        }
        deserializer.deserialize_any(ItemsVisitor)
    }
}

impl<'de> Deserialize<'de> for ItemRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RefVisitor;
        impl Visitor<'_> for RefVisitor {
            type Value = ItemRef;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an item number (5) or an item name (\"A1\")")
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<ItemRef, E> {
                Ok(ItemRef::Number(value))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<ItemRef, E> {
                Ok(ItemRef::Number(i64::try_from(value).unwrap_or(i64::MAX)))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<ItemRef, E> {
                Ok(ItemRef::Name(value.to_owned()))
            }
        }
        deserializer.deserialize_any(RefVisitor)
    }
}

impl<'de> Deserialize<'de> for RawTotal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TotalVisitor;
        impl<'de> Visitor<'de> for TotalVisitor {
            type Value = RawTotal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true, false, or a [total] table")
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<RawTotal, E> {
                Ok(RawTotal::Enabled(value))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawTotal, A::Error> {
                let table = RawScore::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawTotal::Table(Box::new(table)))
            }
        }
        deserializer.deserialize_any(TotalVisitor)
    }
}
