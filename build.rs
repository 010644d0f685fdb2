//! Embeds every `scales/*.toml` file in the binary, so a fresh install needs no paths.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=scales");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scales");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the scales/ folder exists")
        .map(|entry| entry.expect("scales/ is readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort_by_key(|path| path.file_stem().map(|stem| stem.to_owned()));
    let mut code = String::from("&[\n");
    for path in files {
        let id = path.file_stem().unwrap().to_str().expect("UTF-8 file name");
        writeln!(
            code,
            "    ({id:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("]\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_scales.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
