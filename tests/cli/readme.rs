//! The README's console examples are run and their output compared, so the manual stays true.
//! After a deliberate change of output, `TRYCMD=overwrite cargo test --test cli readme` rewrites
//! the README's output blocks; review the diff before committing.

#[test]
fn readme_examples_run_as_shown() {
    trycmd::TestCases::new().case("README.md");
}
