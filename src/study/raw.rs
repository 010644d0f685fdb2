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
    #[serde(default)]
    pub power: Vec<Spanned<RawPower>>,
}

/// One `[[power]]` entry: the sample size of a next study (checked by
/// [`super::planning::plan`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPower {
    pub test: Spanned<String>,
    pub effect: Spanned<f64>,
    pub power: Option<Spanned<f64>>,
    pub alpha: Option<Spanned<f64>>,
    pub alternative: Option<Spanned<String>>,
    pub dropout: Option<Spanned<f64>>,
    pub ratio: Option<Spanned<f64>>,
    pub groups: Option<Spanned<u64>>,
    pub waves: Option<Spanned<u64>>,
    pub rho: Option<Spanned<f64>>,
    pub eps: Option<Spanned<f64>>,
    pub term: Option<Spanned<String>>,
}

/// `[data]`: wide (`pre` and `post`, or a `[data.waves]` table of any number of waves) or long
/// (`file` and `time`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawData {
    pub pre: Option<Spanned<RawWave>>,
    pub post: Option<Spanned<RawWave>>,
    pub waves: Option<Spanned<Ordered<RawWave>>>,
    pub file: Option<Spanned<String>>,
    pub time: Option<Spanned<String>>,
    pub levels: Option<Spanned<Vec<String>>>,
    pub labels: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
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
    pub labels: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
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
pub type OrderedLevels = Ordered<Vec<String>>;

/// A table's entries in the order they are written (`[data.waves]`: the waves in time order;
/// `ordered`: the characteristics), each key and value with its place in the file.
#[derive(Debug)]
pub struct Ordered<V>(pub Vec<(Spanned<String>, Spanned<V>)>);

/// What the entries of an [`Ordered`] table are, for the message when the table is not one.
pub trait Entry {
    /// E.g. `a table of wave = "file" entries`.
    const EXPECTING: &'static str;
}

impl Entry for RawWave {
    const EXPECTING: &'static str =
        "a table of wave = \"file\" (or { file = \"…\", label = \"…\" }) entries";
}

impl Entry for Vec<String> {
    const EXPECTING: &'static str = "a table of column = [\"lowest\", …, \"highest\"] entries";
}

impl<'de, V: Deserialize<'de> + Entry> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Ordered<V>, D::Error> {
        struct Entries<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de> + Entry> serde::de::Visitor<'de> for Entries<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(V::EXPECTING)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Ordered<V>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(Entries(std::marker::PhantomData))
    }
}

/// One wave's sheet: `"pre.csv"`, or `{ file = "pre.csv", label = "干预前" }` with the name
/// the report gives the wave.
#[derive(Debug)]
pub struct RawWave {
    pub file: String,
    pub label: Option<String>,
}

impl<'de> Deserialize<'de> for RawWave {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<RawWave, D::Error> {
        struct Wave;
        impl<'de> serde::de::Visitor<'de> for Wave {
            type Value = RawWave;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a file name, or { file = \"…\", label = \"…\" }")
            }
            fn visit_str<E: serde::de::Error>(self, file: &str) -> Result<RawWave, E> {
                Ok(RawWave {
                    file: file.to_owned(),
                    label: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawWave, A::Error> {
                use serde::de::Error;
                let (mut file, mut label) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "file" => file = Some(map.next_value::<String>()?),
                        "label" => label = Some(map.next_value::<String>()?),
                        other => return Err(A::Error::unknown_field(other, &["file", "label"])),
                    }
                }
                let file = file.ok_or_else(|| A::Error::missing_field("file"))?;
                Ok(RawWave { file, label })
            }
        }
        deserializer.deserialize_any(Wave)
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
