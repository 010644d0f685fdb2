//! The participants' characteristics of a baseline table ("Table 1"): gender, relation to the
//! patient, education (categories, perhaps in an order) and age or months of caregiving
//! (numbers), read from a sheet row by row with each row's group.

use thiserror::Error;

use super::measures::{MeasureError, MeasureSpec, read_measures};
use crate::score::{Headers, InvalidPolicy, MissingColumn, MissingColumnsError};
use crate::sheet::{Sheet, is_missing};

/// The most different values a categorical characteristic may hold: a table of more levels is
/// no longer a table a reader can take in, and such a column is most likely a number (age) or
/// free text.
pub const MAX_LEVELS: usize = 30;

/// What kind of characteristic a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Categories without an order (gender, relation to the patient).
    Categorical,
    /// Categories in the order given, lowest first (education, income bands).
    Ordered(Vec<String>),
    /// Numbers (age, months of caregiving).
    Continuous,
}

/// Where the characteristics were named, for messages that point back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedIn {
    /// `--categorical`, `--ordered` and `--continuous` of `psyscore baseline`.
    Options,
    /// The `[participants]` table of a study file.
    StudyFile,
}

impl NamedIn {
    /// What names a characteristic of `kind`: its option, or the study file's table.
    pub fn naming(self, kind: &Kind) -> &'static str {
        match (self, kind) {
            (NamedIn::StudyFile, _) => "[participants]",
            (NamedIn::Options, Kind::Categorical) => "--categorical",
            (NamedIn::Options, Kind::Ordered(_)) => "--ordered",
            (NamedIn::Options, Kind::Continuous) => "--continuous",
        }
    }

    /// How to name `column` as categories instead.
    fn as_categories(self, column: &str) -> String {
        match self {
            NamedIn::Options => format!("--categorical {column}"),
            NamedIn::StudyFile => format!("categorical = [\"{column}\"] in [participants]"),
        }
    }

    /// How to name `column` as numbers instead.
    fn as_numbers(self, column: &str) -> String {
        match self {
            NamedIn::Options => format!("--continuous {column}"),
            NamedIn::StudyFile => format!("continuous = [\"{column}\"] in [participants]"),
        }
    }
}

/// One characteristic to describe: a column of the sheet and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Characteristic {
    /// The column.
    pub column: String,
    /// Its kind.
    pub kind: Kind,
}

/// One cell of a characteristic.
#[derive(Debug, Clone, PartialEq)]
pub enum Observation {
    /// No answer (see [`is_missing`]).
    Missing,
    /// The category, as written (trimmed).
    Category(String),
    /// The number.
    Number(f64),
}

/// One row: who, in which group, and the characteristics in the order of
/// [`CharacteristicSheet::characteristics`].
#[derive(Debug, Clone, PartialEq)]
pub struct CharacteristicRow {
    /// Row number as a spreadsheet shows it.
    pub row: u64,
    /// The id (the row number when there is no id column).
    pub id: String,
    /// The group (empty without a group column).
    pub group: String,
    /// One observation per characteristic.
    pub values: Vec<Observation>,
}

/// A sheet's characteristics, row by row.
#[derive(Debug, Clone, PartialEq)]
pub struct CharacteristicSheet {
    /// The sheet's name for messages.
    pub source: String,
    /// The characteristics, in the order of their columns in the sheet.
    pub characteristics: Vec<Characteristic>,
    /// Every row of the sheet, in order.
    pub rows: Vec<CharacteristicRow>,
}

/// Why the characteristics cannot be read: every one is a problem of the data (exit code 4).
#[derive(Debug, Error)]
pub enum CharacteristicError {
    /// The sheet, its columns or a continuous characteristic's numbers.
    #[error(transparent)]
    Measure(#[from] MeasureError),
    /// Values of an ordered characteristic that are not among its declared levels.
    #[error(
        "{file}: column {column} holds {} not among its ordered levels ({}): {}; name every value the column holds, lowest first, as written in the sheet, or describe it as categories without an order ({instead})",
        if values.len() == 1 { "a value" } else { "values" },
        levels.join(", "),
        values.iter().map(|(value, count, row)| format!("\"{value}\" ({count} row{}, the first row {row})", if *count == 1 { "" } else { "s" })).collect::<Vec<_>>().join(", ")
    )]
    OutOfOrder {
        /// The sheet.
        file: String,
        /// The column.
        column: String,
        /// Its declared levels.
        levels: Vec<String>,
        /// Each value not among them: how many rows hold it, and the first of them.
        values: Vec<(String, usize, u64)>,
        /// How to name the column as categories instead.
        instead: String,
    },
    /// A categorical characteristic with more values than a table can show.
    #[error(
        "{file}: column {column} holds {count} different values ({shown}), too many for a table of categories (at most {MAX_LEVELS}); if it holds numbers such as age, describe it as continuous ({instead}); if it is free text, group its answers into categories first"
    )]
    TooManyLevels {
        /// The sheet.
        file: String,
        /// The column.
        column: String,
        /// How many different values it holds.
        count: usize,
        /// The first of them, for the message.
        shown: String,
        /// How to name the column as numbers instead.
        instead: String,
    },
}

/// Reads every row of `sheet` (of a long sheet of several waves, the rows whose `wave.0` column
/// holds `wave.1`): the id column (when given; else a column named `id` if there is
/// one, else the row number), the group column (when given) and the `characteristics`, which are
/// returned in the order of their columns in the sheet. A missing column is an error that says
/// it is `needed_by` the characteristics (`--continuous`, `[participants]`), or by `--group`. A continuous characteristic's cells must
/// be numbers or missing; an ordered one's must be among its levels or missing; a categorical
/// one may hold at most [`MAX_LEVELS`] different values. Each error names the file, the column
/// and the offending rows and values.
pub fn read_characteristics(
    sheet: Sheet,
    characteristics: &[Characteristic],
    group: Option<&str>,
    id: Option<&str>,
    wave: Option<(&str, &str)>,
    named_in: NamedIn,
) -> Result<CharacteristicSheet, CharacteristicError> {
    let names = sheet.headers().to_vec();
    let headers = Headers::new(&names);
    let missing: Vec<MissingColumn> = group
        .filter(|column| headers.find(column).is_none())
        .map(|column| MissingColumn::other("--group", column, &headers))
        .into_iter()
        .chain(
            characteristics
                .iter()
                .filter(|c| headers.find(&c.column).is_none())
                .map(|c| MissingColumn::other(named_in.naming(&c.kind), &c.column, &headers)),
        )
        .collect();
    if !missing.is_empty() {
        return Err(MeasureError::from(MissingColumnsError {
            file: sheet.source().to_owned(),
            missing,
            available: names,
            unmatched_scales: Vec::new(),
        })
        .into());
    }
    let position = |column: &str| headers.find(column).unwrap_or(usize::MAX);
    let mut ordered: Vec<&Characteristic> = characteristics.iter().collect();
    ordered.sort_by_key(|c| position(&c.column));
    let continuous: Vec<String> = ordered
        .iter()
        .filter(|c| c.kind == Kind::Continuous)
        .map(|c| c.column.clone())
        .collect();
    let mut keys: Vec<&str> = wave.map(|(column, _)| column).into_iter().collect();
    let first_group = keys.len();
    keys.extend(group);
    let first_category = keys.len();
    keys.extend(
        ordered
            .iter()
            .filter(|c| c.kind != Kind::Continuous)
            .map(|c| c.column.as_str()),
    );
    let mut warnings = Vec::new();
    let measures = read_measures(
        sheet,
        &MeasureSpec::Columns(&continuous),
        id,
        &keys,
        InvalidPolicy::Error,
        &mut warnings,
    )
    .map_err(|error| continuous_hint(error, &continuous, named_in))?;
    let source = measures.source;
    // Per ordered characteristic, each value not among its levels: rows holding it, the first.
    let mut out_of_order: Vec<(usize, String, usize, u64)> = Vec::new();
    let rows: Vec<CharacteristicRow> = measures
        .rows
        .into_iter()
        .filter(|row| wave.is_none_or(|(_, value)| row.keys[0] == value))
        .map(|row| {
            let mut numbers = row.values.into_iter();
            let mut categories = row.keys[first_category..].iter();
            let values = ordered
                .iter()
                .enumerate()
                .map(|(index, characteristic)| match &characteristic.kind {
                    Kind::Continuous => numbers
                        .next()
                        .flatten()
                        .map_or(Observation::Missing, Observation::Number),
                    kind => {
                        let cell = categories.next().map_or("", String::as_str);
                        if is_missing(cell) {
                            return Observation::Missing;
                        }
                        if let Kind::Ordered(levels) = kind
                            && !levels.iter().any(|level| level == cell)
                        {
                            match out_of_order
                                .iter_mut()
                                .find(|(c, value, ..)| *c == index && value == cell)
                            {
                                Some(seen) => seen.2 += 1,
                                None => out_of_order.push((index, cell.to_owned(), 1, row.row)),
                            }
                        }
                        Observation::Category(cell.to_owned())
                    }
                })
                .collect();
            CharacteristicRow {
                row: row.row,
                id: row.id,
                group: if first_category > first_group {
                    row.keys[first_group].clone()
                } else {
                    String::new()
                },
                values,
            }
        })
        .collect();
    if let Some(&(first, ..)) = out_of_order.first() {
        let characteristic = ordered[first];
        let levels = match &characteristic.kind {
            Kind::Ordered(levels) => levels.clone(),
            _ => Vec::new(),
        };
        return Err(CharacteristicError::OutOfOrder {
            file: source,
            column: characteristic.column.clone(),
            levels,
            values: out_of_order
                .into_iter()
                .filter(|(c, ..)| *c == first)
                .map(|(_, value, count, row)| (value, count, row))
                .collect(),
            instead: named_in.as_categories(&characteristic.column),
        });
    }
    let sheet = CharacteristicSheet {
        source,
        characteristics: ordered.into_iter().cloned().collect(),
        rows,
    };
    for (index, characteristic) in sheet.characteristics.iter().enumerate() {
        if characteristic.kind == Kind::Categorical {
            let values = sheet
                .rows
                .iter()
                .filter_map(|row| match &row.values[index] {
                    Observation::Category(value) => Some(value.as_str()),
                    _ => None,
                });
            let distinct = super::measures::distinct_values(values);
            if distinct.len() > MAX_LEVELS {
                return Err(CharacteristicError::TooManyLevels {
                    file: sheet.source.clone(),
                    column: characteristic.column.clone(),
                    count: distinct.len(),
                    shown: super::measures::value_list(&distinct),
                    instead: named_in.as_numbers(&characteristic.column),
                });
            }
        }
    }
    Ok(sheet)
}

/// A continuous characteristic holding text gets a hint that it may be a category.
fn continuous_hint(error: MeasureError, continuous: &[String], named_in: NamedIn) -> MeasureError {
    match error {
        MeasureError::InvalidCells(mut invalid) => {
            let columns = super::measures::distinct_values(
                invalid
                    .cells
                    .iter()
                    .map(|cell| cell.column.as_str())
                    .filter(|column| continuous.iter().any(|c| c == column)),
            );
            for column in columns {
                invalid.hints.push(format!(
                    "column {column} is a continuous characteristic, so each cell must be a number: write the numbers alone (45, not 45岁), or describe the column as categories ({})",
                    named_in.as_categories(column)
                ));
            }
            MeasureError::InvalidCells(invalid)
        }
        other => other,
    }
}
