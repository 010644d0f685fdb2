//! `psyscore sql`: print the query that scores a table of answers inside a SQL engine.

use std::io::Write;

use anyhow::Result;

use crate::cli::{DialectArg, SqlArgs};
use crate::error::UsageError;
use crate::scale::{ColumnTemplate, Scale};
use crate::sql::{Dialect, SqlOptions, query};

/// Runs `psyscore sql`.
pub fn run(args: &SqlArgs) -> Result<()> {
    let scale = Scale::load(&args.scale)?;
    let template = args
        .columns
        .as_deref()
        .map(ColumnTemplate::parse)
        .transpose()?;
    if let Some(template) = template.as_ref().filter(|t| t.is_positional()) {
        return Err(UsageError(format!(
            "--columns {template}: a query reads its table's columns by name, so the items' \
             columns must be named (e.g. --columns Q{{n}}); @ counts the columns of a sheet"
        ))
        .into());
    }
    for (flag, value) in [("--table", &args.table), ("--id", &args.id)] {
        if value.trim().is_empty() {
            return Err(UsageError(format!("{flag} must not be empty")).into());
        }
    }
    let coding = args
        .coded_from
        .map(|from| super::measures::coded_from(&scale, from))
        .transpose()?;
    let options = SqlOptions {
        coding: coding.as_ref(),
        table: &args.table,
        id: &args.id,
        columns: template.as_ref(),
        dialect: match args.dialect {
            DialectArg::Duckdb => Dialect::DuckDb,
            DialectArg::Postgres => Dialect::Postgres,
            DialectArg::Spark => Dialect::Spark,
        },
    };
    // A scale the query cannot express is a wrong use of this command: a usage error.
    let sql = query(&scale, &options).map_err(|error| UsageError(error.to_string()))?;
    let mut out = super::stdout()?;
    out.write_all(sql.as_bytes())?;
    out.flush()?;
    Ok(())
}
