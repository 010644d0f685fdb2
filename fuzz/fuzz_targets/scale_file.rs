//! Scale files: TOML parsed and validated into a `Scale`, as `psyscore score -s FILE` reads
//! them. Any error is fine; a panic, a hang or unbounded memory is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use psyscore::scale::Scale;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(scale) = Scale::from_toml(text, "fuzz.toml") {
        for score in scale.total().into_iter().chain(scale.subscales()) {
            let _ = score.value_range(&scale, false);
            let _ = score.value_range(&scale, true);
        }
    }
});
