//! psyscore: psychometric scoring and the statistics of intervention studies.
//!
//! The library behind the `psyscore` command, in layers, each using only those below it:
//!
//! - [`cli`] (the command-line arguments) and [`commands`] (one module per subcommand: turn
//!   arguments into one library call and print) — the binary's edge, with [`error`]'s exit codes;
//! - [`study`]: study files, and running a whole study into its report, tables and figures;
//! - [`analysis`]: whole analyses (every measure, who was left out) and the tables they are
//!   written as; [`report`]: a document model written as HTML or Markdown, and its figures;
//! - [`data`]: measures read from sheets, people matched across times and waves, exclusions
//!   named; [`compare`] and [`stats`]: per-measure comparisons and the numerics, pure functions
//!   of numbers;
//! - [`score`], [`scale`], [`sheet`], [`output`], [`sql`]: scoring, questionnaire definitions,
//!   reading sheets, writing rows, and the scoring as one SQL query.

pub mod analysis;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod data;
pub mod error;
pub mod output;
pub mod report;
pub mod scale;
pub mod score;
pub mod sheet;
pub mod sql;
pub mod stats;
pub mod study;

pub use commands::run;
pub use error::exit_code;
