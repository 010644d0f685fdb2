//! Errors that end a command, and the exit code each maps to.
//!
//! Exit codes: 0 success, 1 anything else, 2 usage, 3 scale- or study-definition error, 4 data error.

use thiserror::Error;

use crate::data::characteristics::CharacteristicError;
use crate::data::measures::MeasureError;
use crate::data::pairing::{GroupConflictError, NoPairsError};
use crate::scale::{ScaleError, TemplateError};
use crate::score::{InvalidCellsError, MissingColumnsError};
use crate::sheet::SheetError;
use crate::stats::power::PowerError;
use crate::study::{RunError, StudyError};

/// Exit code for a usage error (bad flags, bad flag values).
pub const EXIT_USAGE: i32 = 2;
/// Exit code for a scale or study definition that is invalid or cannot be found.
pub const EXIT_SCALE: i32 = 3;
/// Exit code for input data that cannot be scored.
pub const EXIT_DATA: i32 = 4;
/// Exit code for anything else (I/O failures).
pub const EXIT_OTHER: i32 = 1;

/// A command-line value that is wrong in a way clap cannot see, said in words.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Data that cannot give what was asked of it (one group where two are compared, no sample
/// reliability), said in words that name the file and column.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct DataError(pub String);

/// The exit code for an error: the first typed error in its chain decides; a broken pipe
/// (the reader of our output went away, as with `| head`) is success.
pub fn exit_code(error: &anyhow::Error) -> i32 {
    for cause in error.chain() {
        let io_kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        if io_kind == Some(std::io::ErrorKind::BrokenPipe) {
            return 0;
        }
        if let Some(error) = cause.downcast_ref::<RunError>() {
            return match error {
                RunError::Study(_) | RunError::Scale { .. } => EXIT_SCALE,
                RunError::Write(_) | RunError::Png(_) | RunError::Docx(_) => EXIT_OTHER,
                _ => EXIT_DATA,
            };
        }
        // Scale files report bad templates as ScaleError; a bare TemplateError is `--columns`.
        if cause.is::<UsageError>() || cause.is::<TemplateError>() {
            return EXIT_USAGE;
        }
        if let Some(error) = cause.downcast_ref::<PowerError>() {
            return match error {
                PowerError::Numeric => EXIT_OTHER,
                _ => EXIT_USAGE,
            };
        }
        if cause.is::<ScaleError>() || cause.is::<StudyError>() {
            return EXIT_SCALE;
        }
        if cause.is::<SheetError>()
            || cause.is::<DataError>()
            || cause.is::<MissingColumnsError>()
            || cause.is::<InvalidCellsError>()
            || cause.is::<MeasureError>()
            || cause.is::<CharacteristicError>()
            || cause.is::<NoPairsError>()
            || cause.is::<GroupConflictError>()
        {
            return EXIT_DATA;
        }
    }
    EXIT_OTHER
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_errors_map_to_their_codes_through_context() {
        let usage = anyhow::Error::from(UsageError("x".into())).context("while parsing");
        assert_eq!(exit_code(&usage), EXIT_USAGE);
        let template = anyhow::Error::from(crate::scale::ColumnTemplate::parse("Q").unwrap_err());
        assert_eq!(exit_code(&template), EXIT_USAGE);
        let scale = anyhow::Error::from(ScaleError::unknown("cbx"));
        assert_eq!(exit_code(&scale), EXIT_SCALE);
        let invalid = anyhow::Error::from(InvalidCellsError {
            file: "a.csv".into(),
            cells: vec![],
            total: 0,
            hints: vec![],
        });
        assert_eq!(exit_code(&invalid), EXIT_DATA);
        let pipe = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert_eq!(exit_code(&pipe), 0);
        assert_eq!(exit_code(&anyhow::anyhow!("disk on fire")), EXIT_OTHER);
    }
}
