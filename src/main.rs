//! The `psyscore` binary: parse the command line, run, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = psyscore::cli::Cli::parse();
    match psyscore::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let code = psyscore::exit_code(&error);
            if code != 0 {
                eprintln!("error: {error:#}");
            }
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
    }
}
