//! The command line: clap derive types only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Score psychological questionnaires exactly, and analyse intervention studies.
#[derive(Debug, Parser)]
#[command(name = "psyscore", version, about, long_about = None)]
#[command(after_help = "Exit codes: 0 success, 1 other error, 2 usage error, \
3 scale-definition error, 4 data error.\nDocumentation: README.md and docs/scale-format.md.")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, show and check questionnaire definitions.
    #[command(subcommand)]
    Scales(ScalesCommand),
    /// Score a response sheet: one output row per input row, in input order.
    Score(ScoreArgs),
}

/// `psyscore scales ...`.
#[derive(Debug, Subcommand)]
pub enum ScalesCommand {
    /// List the built-in scales.
    List {
        /// Output format.
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Show a scale's full structure: items, keys, subscales, rules, bands, norms.
    Show {
        /// A built-in id (see `scales list`) or a path to a .toml file.
        scale: String,
        /// Output format.
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Validate scale definition files; exits 3 if any has an error.
    Check {
        /// The .toml files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// `psyscore score ...`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// A built-in scale id or a path to a .toml definition; repeat to score several
    /// instruments from one sheet.
    #[arg(long = "scale", short = 's', required = true, value_name = "SCALE")]
    pub scales: Vec<String>,
    /// The response sheet: .csv, .tsv, .txt or .xlsx; `-` or nothing reads standard input.
    #[arg(value_name = "INPUT", default_value = "-")]
    pub input: String,
    /// Column template for the items, e.g. "Q{n}" or "Q{n+12}"; with several scales write
    /// SCALE=TEMPLATE (repeatable).
    #[arg(long = "columns", value_name = "TEMPLATE")]
    pub columns: Vec<String>,
    /// The respondent id column [default: a column named `id`, else the row number].
    #[arg(long, value_name = "COL")]
    pub id: Option<String>,
    /// Other columns to pass through to the output, comma-separated.
    #[arg(long, value_name = "COL,...", value_delimiter = ',')]
    pub keep: Vec<String>,
    /// Pass through every column that no scale reads.
    #[arg(long, conflicts_with = "keep")]
    pub keep_all: bool,
    /// Output format [default: table on a terminal, else csv].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What to do with an answer outside its item's range: fail listing every such cell, or
    /// score it as missing and note it.
    #[arg(long, value_enum, default_value_t = InvalidArg::Error)]
    pub invalid: InvalidArg,
    /// Text encoding of a CSV input.
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    pub encoding: EncodingArg,
    /// Worksheet of an .xlsx input [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// JSON.
    Json,
    /// A table for the terminal.
    Table,
    /// A Markdown table.
    Md,
}

/// `--invalid` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InvalidArg {
    /// Exit with code 4 and list every invalid cell.
    Error,
    /// Score invalid cells as missing and note them in `{scale}_notes`.
    Missing,
}

/// `--encoding` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8 if the file is valid UTF-8, else GB18030 (which includes GBK).
    Auto,
    /// UTF-8 (a byte-order mark is skipped).
    Utf8,
    /// GB18030 / GBK, as written by Chinese Excel and survey sites.
    Gb18030,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
