//! The study file exactly as written: serde structs that only parse. The rules that tie keys
//! together live in [`super::validate`].

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// A whole study file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStudy {
    pub title: Option<String>,
    pub lang: Option<Spanned<String>>,
    pub p_style: Option<Spanned<String>>,
    pub alpha: Option<Spanned<f64>>,
    pub conf: Option<Spanned<f64>>,
    pub adjust: Option<Spanned<String>>,
    pub analyses: Option<Spanned<Vec<Spanned<String>>>>,
    pub data: Spanned<RawData>,
    pub groups: Option<Spanned<RawGroups>>,
    pub participants: Option<Spanned<RawParticipants>>,
    pub scales: Spanned<Vec<Spanned<RawScaleUse>>>,
}

/// `[data]`: wide (`pre` and `post`, or a `[data.waves]` table of any number of waves) or long
/// (`file` and `time`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawData {
    pub pre: Option<Spanned<String>>,
    pub post: Option<Spanned<String>>,
    pub waves: Option<Spanned<Ordered>>,
    pub file: Option<Spanned<String>>,
    pub time: Option<Spanned<String>>,
    pub levels: Option<Spanned<Vec<String>>>,
    pub id: Spanned<String>,
    pub sheet: Option<String>,
    pub encoding: Option<Spanned<String>>,
    #[serde(default)]
    pub invalid_as_missing: bool,
}

/// `[groups]`: `intervention` and `control`, or `levels` (two or more) with an optional
/// `control` among them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroups {
    pub column: Spanned<String>,
    pub intervention: Option<Spanned<String>>,
    pub control: Option<Spanned<String>>,
    pub levels: Option<Spanned<Vec<Spanned<String>>>>,
}

/// `[participants]`: the characteristics of the baseline table, by kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParticipants {
    #[serde(default)]
    pub categorical: Vec<Spanned<String>>,
    #[serde(default)]
    pub continuous: Vec<Spanned<String>>,
    pub ordered: Option<Spanned<OrderedLevels>>,
}

/// `ordered = { education = ["primary", "secondary", "college"] }`, in the order written.
#[derive(Debug)]
pub struct OrderedLevels(pub Vec<(Spanned<String>, Spanned<Vec<String>>)>);

impl<'de> Deserialize<'de> for OrderedLevels {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<OrderedLevels, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = OrderedLevels;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of column = [\"lowest\", …, \"highest\"] entries")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<OrderedLevels, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedLevels(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// A table's entries in the order they are written (`[data.waves]`: the waves in time order),
/// each key and value with its place in the file.
#[derive(Debug)]
pub struct Ordered(pub Vec<(Spanned<String>, Spanned<String>)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Ordered, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of wave = \"file\" entries")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Ordered, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// One `[[scales]]` entry. `change` values are `"sample"` or a table `{ sd, reliability,
/// source }`, checked by the validator (for messages in our words).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScaleUse {
    pub scale: Spanned<String>,
    pub columns: Option<Spanned<String>>,
    pub coded_from: Option<Spanned<i64>>,
    #[serde(default)]
    pub change: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}
