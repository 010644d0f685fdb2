//! The command line: clap derive types only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Score psychological questionnaires from a sheet of answers.
#[derive(Debug, Parser)]
#[command(name = "psyscore", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 success, 1 other error, 2 wrong command-line options, \
3 problem in a questionnaire definition, 4 problem in the sheet of answers."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score a sheet of questionnaire answers (CSV, TSV or Excel): one output row per
    /// respondent, in input order.
    Score(ScoreArgs),
    /// List, show and check questionnaire definitions.
    #[command(subcommand)]
    Scales(ScalesCommand),
}

/// `psyscore scales ...`.
#[derive(Debug, Subcommand)]
pub enum ScalesCommand {
    /// List the built-in questionnaires.
    List {
        /// Output format [default: a table on screen, CSV into a file or pipe].
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Show a questionnaire's structure: items, reverse-scored items, subscales, missing-data
    /// rules, severity bands, norms.
    Show {
        /// A built-in id (see `psyscore scales list`) or the path of a .toml file.
        scale: String,
        /// Output format [default: table; json gives the whole definition].
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Check your own questionnaire definition files (.toml) for mistakes; exits 3 if any has
    /// one.
    Check {
        /// The .toml files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// `psyscore score ...`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Questionnaire to score: a built-in id such as cbi or phq9 (see `psyscore scales list`)
    /// or the path of a .toml file; repeat (-s cbi -s phq9) to score several from one sheet.
    #[arg(long = "scale", short = 's', required = true, value_name = "SCALE")]
    pub scales: Vec<String>,
    /// The sheet of answers (.csv, .tsv, .txt or .xlsx), one row per respondent; leave it out
    /// or write - to read standard input.
    #[arg(value_name = "INPUT", default_value = "-")]
    pub input: String,
    /// How the item columns are named in the sheet when not as the questionnaire says: Q{n+12}
    /// reads item 1 from column Q13, Q{n+0} from Q1; with several scales write SCALE=TEMPLATE,
    /// once per scale.
    #[arg(long = "columns", value_name = "TEMPLATE")]
    pub columns: Vec<String>,
    /// The respondent id column [default: a column named `id`, else the row number].
    #[arg(long, value_name = "COL")]
    pub id: Option<String>,
    /// Copy these columns of the sheet into the output too, e.g. --keep group,sex.
    #[arg(long, value_name = "COL,...", value_delimiter = ',')]
    pub keep: Vec<String>,
    /// Copy every column that is not a questionnaire item into the output.
    #[arg(long, conflicts_with = "keep")]
    pub keep_all: bool,
    /// Output format [default: from the -o file's extension; else a table on screen, CSV into
    /// a file or pipe].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the scores to this file (.csv, .json or .md chooses the format) instead of the
    /// screen; the file appears only if scoring succeeds.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// What to do with an answer that is not valid for its item (out of range, not a number):
    /// `error` stops and lists every such cell; `missing` scores it as unanswered and records
    /// it in the notes column.
    #[arg(long, value_enum, default_value_t = InvalidArg::Error)]
    pub invalid: InvalidArg,
    /// Character encoding of a CSV/TSV file; auto reads UTF-8 and Chinese Excel (GBK) files.
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto)]
    pub encoding: EncodingArg,
    /// Worksheet of an .xlsx input [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Comma-separated values (opens in Excel).
    Csv,
    /// JSON, for scripts.
    Json,
    /// A table for the screen.
    Table,
    /// A Markdown table, for reports.
    Md,
}

/// `--invalid` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InvalidArg {
    /// Stop with exit code 4 and list every invalid cell.
    Error,
    /// Score invalid cells as unanswered and record them in the notes column.
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
