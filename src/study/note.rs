//! The notes of a questionnaire's results in a study: how its answers were read, warnings about
//! their coding, and analyses left out. Each is a variant, so the report says every one in its
//! language; `results.json` holds the English sentence.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::score::LowestUnused;

/// A note of a questionnaire's results.
#[derive(Debug, Clone, PartialEq)]
pub enum ScaleNote {
    /// How the declared `coded_from` reads the sheets' answers (the English sentence of
    /// `Coding::describe`; the report renders the coding itself in its language).
    Coding(String),
    /// A sheet's answers never use the lowest answer.
    LowestUnused(LowestUnused),
    /// Individual change is left out: the scale file does not say which direction is better.
    NoDirection {
        /// The questionnaire's id.
        scale: String,
    },
}

impl fmt::Display for ScaleNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaleNote::Coding(text) => f.write_str(text),
            ScaleNote::LowestUnused(warning) => warning.fmt(f),
            ScaleNote::NoDirection { scale } => write!(
                f,
                "individual change is left out: {scale} does not say whether lower or higher scores are better; its scale file should say so (better = \"lower\" or \"higher\")"
            ),
        }
    }
}

/// In `results.json` a note is its English sentence.
impl Serialize for ScaleNote {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
