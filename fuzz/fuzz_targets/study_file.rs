//! Study files: TOML parsed and validated into a `Study`, as `psyscore study FILE` reads them
//! (scales it names are loaded; sheets are not read). Any error is fine; a panic, a hang or
//! unbounded memory is a bug.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use psyscore::study::Study;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Study::from_toml(text, "fuzz.toml", Path::new("/nonexistent-psyscore-fuzz"));
});
