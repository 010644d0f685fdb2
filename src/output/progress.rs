//! Progress on standard error for long runs (a row counter, a step spinner), drawn only when
//! standard error is a terminal: pipes, files, CI logs and tests see nothing.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Rows between two updates of the counter (updating it costs more than scoring a row).
const ROWS_PER_UPDATE: u64 = 4096;

/// Counts scored rows on a terminal's standard error.
pub struct RowProgress {
    bar: ProgressBar,
    rows: u64,
}

/// Standard error when it is a terminal, else nowhere.
fn draw_target() -> ProgressDrawTarget {
    if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    }
}

impl RowProgress {
    /// A counter labelled with the input's name; hidden unless stderr is a terminal.
    pub fn new(source: &str) -> RowProgress {
        let bar = ProgressBar::with_draw_target(None, draw_target());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {msg}: {human_pos} rows scored in {elapsed_precise}",
            )
            .expect("a valid template"),
        );
        bar.set_message(source.to_owned());
        RowProgress { bar, rows: 0 }
    }

    /// Counts one more row.
    pub fn row(&mut self) {
        self.add(1);
    }

    /// Counts `rows` more rows.
    pub fn add(&mut self, rows: u64) {
        let before = self.rows;
        self.rows += rows;
        if before / ROWS_PER_UPDATE != self.rows / ROWS_PER_UPDATE {
            self.bar.set_position(self.rows);
        }
    }

    /// Whether anything is drawn.
    pub fn is_hidden(&self) -> bool {
        self.bar.is_hidden()
    }
}

impl Drop for RowProgress {
    /// The counter disappears when scoring ends, however it ends.
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// The steps of a long command (e.g. `study`) as a bar of `total` steps with the current
/// step's name and the time elapsed.
pub struct StepProgress {
    bar: ProgressBar,
}

impl StepProgress {
    /// A bar of `total` steps; hidden unless stderr is a terminal.
    pub fn new(total: u64) -> StepProgress {
        let bar = ProgressBar::with_draw_target(Some(total), draw_target());
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:20}] {pos}/{len} {msg} ({elapsed})")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        StepProgress { bar }
    }

    /// Starts the next step, named `message`.
    pub fn step(&self, message: impl Into<String>) {
        self.bar.set_message(message.into());
        self.bar.inc(1);
    }

    /// Whether anything is drawn.
    pub fn is_hidden(&self) -> bool {
        self.bar.is_hidden()
    }

    /// Writes a warning on standard error without tearing the bar.
    pub fn warn(&self, message: &str) {
        self.bar.suspend(|| eprintln!("warning: {message}"));
    }
}

impl Drop for StepProgress {
    /// The bar disappears when the command ends, however it ends.
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_when_stderr_is_not_a_terminal() {
        // Test runs capture standard error, so it is not a terminal here.
        if !std::io::stderr().is_terminal() {
            assert!(RowProgress::new("x.csv").is_hidden());
            assert!(StepProgress::new(3).is_hidden());
        }
    }
}
