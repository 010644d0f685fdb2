//! The built-in instrument library: every `scales/*.toml`, embedded at build time by `build.rs`.

use super::{Scale, ScaleError};

/// `(id, file text)` of each built-in scale, sorted by id.
const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_scales.rs"));

/// The ids of the built-in scales, sorted.
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// The built-in scale `id` (case-insensitive), validated; `None` when there is no such built-in.
pub fn builtin(id: &str) -> Option<Result<Scale, ScaleError>> {
    BUILTIN
        .iter()
        .find(|(builtin_id, _)| builtin_id.eq_ignore_ascii_case(id))
        .map(|(builtin_id, text)| Scale::from_toml(text, &format!("builtin:{builtin_id}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_validates_and_its_id_matches_its_file() {
        assert!(!BUILTIN.is_empty());
        for (id, text) in BUILTIN {
            let scale = Scale::from_toml(text, id).unwrap_or_else(|err| panic!("{err}"));
            assert_eq!(&scale.id, id, "scales/{id}.toml must have id = \"{id}\"");
        }
    }
}
