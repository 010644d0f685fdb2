//! One module per subcommand, each with a `run(&Args) -> anyhow::Result<()>`; shared plumbing
//! (opening sheets, choosing the output) lives here.

mod baseline;
mod change;
mod compare;
mod describe;
mod measures;
mod outfile;
mod power;
mod reliability;
mod scales;
mod score;
mod sql;
mod study;
mod waves;

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::Result;

use crate::cli::{AlternativeArg, Cli, Command, CsvArgs, EncodingArg, Format};
use crate::output::UTF8_BOM;
use crate::sheet::{Encoding, Sheet, SheetOptions};
use outfile::{output_target, stdout};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        Command::Compare(command) => compare::run(command),
        Command::Reliability(args) => reliability::run(args),
        Command::Describe(args) => describe::run(args),
        Command::Baseline(args) => baseline::run(args),
        Command::Change(args) => change::run(args),
        Command::Scales(command) => scales::run(command),
        Command::Score(args) => score::run(args),
        Command::Sql(args) => sql::run(args),
        Command::Power(command) => power::run(command),
        Command::Study(args) => study::run(args),
    }
}

impl From<AlternativeArg> for crate::stats::Alternative {
    fn from(alternative: AlternativeArg) -> Self {
        match alternative {
            AlternativeArg::TwoSided => Self::TwoSided,
            AlternativeArg::Less => Self::Less,
            AlternativeArg::Greater => Self::Greater,
        }
    }
}

/// Opens a response sheet with the command line's encoding and worksheet choices. Reading a
/// terminal (no INPUT given, or `-`) waits for typing, so that is said on standard error first.
fn open_sheet(input: &str, encoding: EncodingArg, sheet: Option<String>) -> Result<Sheet> {
    if input == "-" && io::stdin().is_terminal() {
        eprintln!(
            "reading the sheet from standard input, as no INPUT file is given: paste or type its rows and end with Ctrl-D (Ctrl-Z then Enter on Windows), or press Ctrl-C and name a file"
        );
    }
    let encoding = match encoding {
        EncodingArg::Auto => Encoding::Auto,
        EncodingArg::Utf8 => Encoding::Utf8,
        EncodingArg::Gb18030 => Encoding::Gb18030,
    };
    Ok(Sheet::open(input, &SheetOptions { encoding, sheet })?)
}

/// The output format: as asked; else by the output file's extension; else a table on a
/// terminal and CSV into a pipe or file.
fn resolve_format(asked: Option<Format>, output: Option<&Path>) -> Format {
    if let Some(format) = asked {
        return format;
    }
    match output {
        Some(path) => match path.extension().and_then(|ext| ext.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("json") => Format::Json,
            Some(ext) if ext.eq_ignore_ascii_case("md") => Format::Md,
            Some(ext) if ext.eq_ignore_ascii_case("xlsx") => Format::Xlsx,
            _ => Format::Csv,
        },
        None if io::stdout().is_terminal() => Format::Table,
        None => Format::Csv,
    }
}

/// Writes an analysis report to standard output in the format asked (or the default for the
/// terminal or pipe), CSV after a byte-order mark when `csv` asks for one; `write` writes the
/// report in a format (e.g. [`crate::analysis::describe::write_to`]). Returns the format written.
fn write_report(
    format: Option<Format>,
    csv: &CsvArgs,
    write: impl FnOnce(&mut dyn Write, Format) -> io::Result<()>,
) -> Result<Format> {
    let format = resolve_format(format, None);
    let mut out = stdout()?;
    if format == Format::Csv && csv.bom {
        out.write_all(UTF8_BOM)?;
    }
    write(&mut out, format)?;
    out.flush()?;
    Ok(format)
}
