//! A writer that holds output back until the command knows it will succeed.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

/// Output held back before it reaches the terminal or pipe: at most this many bytes.
pub const HELD_BYTES: usize = 8 << 20;

/// Buffers the first `HELD_BYTES` (8 MiB) of output until [`HeldOutput::release`]. If the command
/// fails before then, the held output is dropped, so standard output gets nothing rather than a
/// truncated table; output beyond that size streams through (a larger run that fails has written
/// its first rows).
pub struct HeldWriter {
    shared: Rc<RefCell<Shared>>,
}

/// The handle that releases (or, by being dropped unreleased, discards) held output.
pub struct HeldOutput {
    shared: Rc<RefCell<Shared>>,
}

struct Shared {
    inner: Box<dyn Write>,
    held: Vec<u8>,
    mode: Mode,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Holding,
    Streaming,
    Abandoned,
}

/// Wraps `inner`: the writer to give the formatter, and the handle that releases its output.
pub fn held(inner: Box<dyn Write>) -> (HeldWriter, HeldOutput) {
    let shared = Rc::new(RefCell::new(Shared {
        inner,
        held: Vec::new(),
        mode: Mode::Holding,
    }));
    let writer = HeldWriter {
        shared: Rc::clone(&shared),
    };
    (writer, HeldOutput { shared })
}

impl HeldOutput {
    /// Writes out what is held and lets later output stream through.
    pub fn release(&self) -> io::Result<()> {
        let mut shared = self.shared.borrow_mut();
        if shared.mode == Mode::Abandoned {
            return Ok(());
        }
        let held = std::mem::take(&mut shared.held);
        shared.mode = Mode::Streaming;
        shared.inner.write_all(&held)?;
        shared.inner.flush()
    }

    /// Drops what is held, and everything written afterwards.
    pub fn abandon(&self) {
        let mut shared = self.shared.borrow_mut();
        shared.mode = Mode::Abandoned;
        shared.held = Vec::new();
    }
}

impl Write for HeldWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut shared = self.shared.borrow_mut();
        match shared.mode {
            Mode::Abandoned => Ok(bytes.len()),
            Mode::Streaming => shared.inner.write(bytes),
            Mode::Holding => {
                shared.held.extend_from_slice(bytes);
                if shared.held.len() > HELD_BYTES {
                    let held = std::mem::take(&mut shared.held);
                    shared.mode = Mode::Streaming;
                    shared.inner.write_all(&held)?;
                }
                Ok(bytes.len())
            }
        }
    }

    /// Flushing does not release held output: only [`HeldOutput::release`] does.
    fn flush(&mut self) -> io::Result<()> {
        let mut shared = self.shared.borrow_mut();
        match shared.mode {
            Mode::Streaming => shared.inner.flush(),
            Mode::Holding | Mode::Abandoned => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `Write` whose bytes the test can read afterwards.
    #[derive(Clone, Default)]
    struct Sink(Rc<RefCell<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn nothing_reaches_the_output_before_release() {
        let sink = Sink::default();
        let (mut writer, output) = held(Box::new(sink.clone()));
        writer.write_all(b"id,score\n").unwrap();
        writer.flush().unwrap();
        assert!(sink.0.borrow().is_empty());
        output.release().unwrap();
        writer.write_all(b"1,2\n").unwrap();
        assert_eq!(*sink.0.borrow(), b"id,score\n1,2\n");
    }

    #[test]
    fn abandoned_output_is_dropped() {
        let sink = Sink::default();
        let (mut writer, output) = held(Box::new(sink.clone()));
        writer.write_all(b"id,score\n").unwrap();
        output.abandon();
        writer.write_all(b"more\n").unwrap();
        output.release().unwrap();
        assert!(sink.0.borrow().is_empty());
    }

    #[test]
    fn large_output_streams_once_past_the_limit() {
        let sink = Sink::default();
        let (mut writer, _output) = held(Box::new(sink.clone()));
        writer.write_all(&vec![b'x'; HELD_BYTES]).unwrap();
        assert!(sink.0.borrow().is_empty());
        writer.write_all(b"y").unwrap();
        assert_eq!(sink.0.borrow().len(), HELD_BYTES + 1);
    }
}
