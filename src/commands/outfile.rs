//! Where a command's output goes: standard output, or a `-o` file that appears only when the
//! command succeeds. Every write error names what could not be written.
//!
//! A `-o` file is written to a hidden temporary file beside it (`.NAME.psyscore-tmp`) and renamed
//! into place at the end, so a failed run leaves no half-written file. The temporary file is
//! removed when the command fails, and also on SIGINT, SIGTERM and SIGHUP (Ctrl-C, `kill`, a
//! closed terminal), after which psyscore ends as that signal would have ended it. SIGKILL
//! cannot be caught: it leaves the temporary file behind (never the named file half-written).
//! A `-o` that names an existing device or pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written
//! directly, as renaming a file over it would replace the device.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use anyhow::{Context, Result};

use crate::output::{HeldOutput, NamedWriter, held};

/// Where output goes: standard output, or a file that appears only when the command succeeds
/// (see the module docs).
pub(super) fn output_target(path: Option<&Path>) -> Result<OutputTarget> {
    let Some(path) = path else {
        return Ok(OutputTarget { file: None });
    };
    let name = path
        .file_name()
        .with_context(|| format!("-o {}: not a file name", path.display()))?;
    let special = std::fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir());
    if special {
        let file = File::create(path)
            .with_context(|| format!("cannot open the output file {}", path.display()))?;
        return Ok(OutputTarget {
            file: Some(PendingFile {
                path: path.to_owned(),
                temp: None,
                file,
            }),
        });
    }
    let temp = path.with_file_name(format!(".{}.psyscore-tmp", name.to_string_lossy()));
    // Registered before it exists, so a signal from now on removes it.
    remove_on_signal(&temp);
    let file = File::create(&temp).with_context(|| {
        forget_on_signal(&temp);
        format!("cannot create the output file {}", path.display())
    })?;
    Ok(OutputTarget {
        file: Some(PendingFile {
            path: path.to_owned(),
            temp: Some(temp),
            file,
        }),
    })
}

/// An output destination; see [`output_target`].
pub(super) struct OutputTarget {
    /// `None` for standard output.
    file: Option<PendingFile>,
}

struct PendingFile {
    path: PathBuf,
    /// The temporary file written instead, renamed to `path` on commit; `None` when `path` is a
    /// device or pipe written directly.
    temp: Option<PathBuf>,
    file: File,
}

impl OutputTarget {
    /// The writer for the output, and for standard output the handle that releases it: stdout
    /// is held back until the command succeeds (see [`crate::output::HeldWriter`]); a file
    /// appears only on [`OutputTarget::commit`] anyway.
    pub(super) fn writer(&self) -> Result<(Box<dyn Write>, Option<HeldOutput>)> {
        Ok(match &self.file {
            None => {
                let (writer, output) = held(Box::new(stdout()?));
                (Box::new(writer), Some(output))
            }
            Some(pending) => (
                Box::new(NamedWriter::new(
                    pending
                        .file
                        .try_clone()
                        .with_context(|| format!("cannot write {}", pending.path.display()))?,
                    pending.path.display().to_string(),
                )),
                None,
            ),
        })
    }

    /// Makes the output file appear under its name.
    pub(super) fn commit(mut self) -> Result<()> {
        if let Some(pending) = self.file.take() {
            let Some(temp) = &pending.temp else {
                return Ok(());
            };
            let result = pending
                .file
                .sync_all()
                .and_then(|()| std::fs::rename(temp, &pending.path));
            if result.is_err() {
                let _ = std::fs::remove_file(temp);
            }
            forget_on_signal(temp);
            result.with_context(|| format!("cannot write {}", pending.path.display()))?;
        }
        Ok(())
    }
}

impl Drop for OutputTarget {
    /// An output file not committed is removed, so a failed run leaves no half-written file.
    fn drop(&mut self) {
        if let Some(PendingFile {
            temp: Some(temp), ..
        }) = &self.file
        {
            let _ = std::fs::remove_file(temp);
            forget_on_signal(temp);
        }
    }
}

/// Standard output, named in its write errors; an error when it was closed when psyscore
/// started (`>&-`), where output would otherwise vanish with success.
pub(super) fn stdout() -> io::Result<NamedWriter<io::Stdout>> {
    let out = io::stdout();
    if was_closed(&out) {
        return Err(io::Error::other(
            "cannot write to standard output: it is closed (was psyscore started with >&-?); send it to a file or a pipe",
        ));
    }
    Ok(NamedWriter::new(out, "standard output".to_owned()))
}

/// Writes `text` to standard output ([`stdout`]), flushed: a closed or full standard output is
/// an error naming it.
pub(super) fn print(text: &str) -> Result<()> {
    let mut out = stdout()?;
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Whether standard output was closed when the process started. The Rust runtime then opens
/// `/dev/null` read-write in its place, so writes would succeed and vanish; a shell's
/// `> /dev/null` opens it write-only, and a terminal is not `/dev/null`.
#[cfg(unix)]
fn was_closed(out: &io::Stdout) -> bool {
    use rustix::fs::{OFlags, fcntl_getfl, fstat, stat};
    let Ok(flags) = fcntl_getfl(out) else {
        return true;
    };
    if flags & OFlags::RWMODE != OFlags::RDWR {
        return false;
    }
    match (fstat(out), stat("/dev/null")) {
        (Ok(out), Ok(null)) => out.st_dev == null.st_dev && out.st_ino == null.st_ino,
        _ => false,
    }
}

/// Elsewhere the runtime does not hide a closed standard output.
#[cfg(not(unix))]
fn was_closed(_out: &io::Stdout) -> bool {
    false
}

/// Temporary output files to remove if a signal ends the process.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes `temp` if SIGINT, SIGTERM or SIGHUP arrives before [`forget_on_signal`]; the first
/// call starts the thread that waits for them.
fn remove_on_signal(temp: &Path) {
    static HANDLER: Once = Once::new();
    HANDLER.call_once(start_signal_thread);
    if let Ok(mut pending) = PENDING.lock() {
        pending.push(temp.to_owned());
    }
}

/// Stops removing `temp` on a signal (it was renamed into place or removed).
fn forget_on_signal(temp: &Path) {
    if let Ok(mut pending) = PENDING.lock() {
        pending.retain(|path| path != temp);
    }
}

/// Waits for SIGINT, SIGTERM and SIGHUP on a thread of its own; on one, removes the pending
/// temporary files and ends the process as the signal's default action would.
#[cfg(unix)]
fn start_signal_thread() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("psyscore-signals".to_owned())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let pending = PENDING.lock().map(|p| p.clone()).unwrap_or_default();
                for temp in pending {
                    let _ = std::fs::remove_file(temp);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                // Should the default action not end the process, end it as shells report a
                // signal: 128 + its number.
                std::process::exit(128 + signal);
            }
        });
    drop(spawned);
}

/// Elsewhere no signal handler is installed (Ctrl-C on Windows leaves the temporary file).
#[cfg(not(unix))]
fn start_signal_thread() {}
