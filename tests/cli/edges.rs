//! The edges of the numbers and of the output: option values that are not numbers a study can
//! have, extreme values in the data, huge samples, and output that cannot be written.

#![allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them with %.17g"
)]

use crate::util::psyscore;

/// Runs each command and requires exit code 2, no output and exactly its message on stderr.
fn assert_usage_errors(cases: &[(&[&str], &str)]) {
    for (args, message) in cases {
        psyscore()
            .args(*args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(message.to_string());
    }
}

/// clap's refusal of one option value, as it prints it.
fn invalid(value: &str, option: &str, reason: &str) -> String {
    format!(
        "error: invalid value '{value}' for '{option}': {reason}\n\nFor more information, try '--help'.\n"
    )
}

#[test]
fn numeric_options_refuse_what_is_not_a_finite_number_in_range() {
    let groups = ["compare", "summary", "groups", "--n", "8,9"];
    let paired = ["compare", "summary", "paired", "--n", "8"];
    let change = [
        "change",
        "--scale",
        "cdrisc10",
        "--id",
        "id",
        "--pre",
        "change/case_pre.csv",
        "--post",
        "change/case_post.csv",
    ];
    let finite = |value: &str| format!("write a finite number such as 45.2, not {value}");
    let sd =
        |value: &str| format!("an SD is a finite number of 0 or more, such as 9.8, not {value}");
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            [&groups[..], &["--mean", "nan,1", "--sd", "1,1"]].concat(),
            invalid("nan", "--mean <M1,M2>", &finite("nan")),
        ),
        (
            [&groups[..], &["--mean", "inf,1", "--sd", "1,1"]].concat(),
            invalid("inf", "--mean <M1,M2>", &finite("inf")),
        ),
        (
            [&groups[..], &["--mean", "1,2", "--sd", "-1,1"]].concat(),
            invalid("-1", "--sd <SD1,SD2>", &sd("-1")),
        ),
        (
            [&groups[..], &["--mean", "1,2", "--sd", "1e400"]].concat(),
            invalid("1e400", "--sd <SD1,SD2>", &sd("1e400")),
        ),
        (
            ["compare", "summary", "groups", "--n", "0,9", "--mean", "1,2", "--sd", "1,1"].to_vec(),
            invalid(
                "0",
                "--n <N1,N2>",
                "a number of people is a whole number of at least 1, such as 12, not 0",
            ),
        ),
        (
            [&paired[..], &["--mean", "1,-inf", "--sd", "1,1", "--r", "0.5"]].concat(),
            invalid("-inf", "--mean <PRE,POST>", &finite("-inf")),
        ),
        (
            [&paired[..], &["--mean", "1,2", "--sd", "1,NaN", "--r", "0.5"]].concat(),
            invalid("NaN", "--sd <PRE,POST>", &sd("NaN")),
        ),
        (
            [&paired[..], &["--mean", "1,2", "--sd", "1,1", "--r", "nan"]].concat(),
            "error: --r must be a correlation between -1 and 1, not NaN\n".to_owned(),
        ),
        (
            [&groups[..], &["--mean", "1,2", "--sd", "1,1", "--conf", "nan"]].concat(),
            invalid(
                "nan",
                "--conf <CONF>",
                "the confidence level must be a number between 0 and 1, such as 0.95, not nan",
            ),
        ),
        (
            [&change[..], &["--sd", "inf", "--reliability", "0.8"]].concat(),
            invalid(
                "inf",
                "--sd <SD|sample>",
                "write the reference SD, a finite number above 0 such as 5.4, or `sample`, not inf",
            ),
        ),
        (
            [&change[..], &["--sd", "-5", "--reliability", "0.8"]].concat(),
            invalid(
                "-5",
                "--sd <SD|sample>",
                "write the reference SD, a finite number above 0 such as 5.4, or `sample`, not -5",
            ),
        ),
        (
            [&change[..], &["--sd", "5", "--reliability", "1"]].concat(),
            invalid(
                "1",
                "--reliability <R>",
                "a reliability is a number from 0 up to but not including 1, such as 0.85, not 1",
            ),
        ),
        (
            [&change[..], &["--sd", "5", "--reliability", "nan"]].concat(),
            invalid(
                "nan",
                "--reliability <R>",
                "a reliability is a number from 0 up to but not including 1, such as 0.85, not nan",
            ),
        ),
        (
            [&change[..], &["--sd", "5", "--reliability", "0.8", "--criterion", "-1"]].concat(),
            invalid(
                "-1",
                "--criterion <CRITERION>",
                "the criterion is a finite number above 0, such as 1.96, not -1",
            ),
        ),
        (
            [&change[..], &["--sd", "5", "--reliability", "0.8", "--cutoff", "a", "--dysfunctional", "20,inf"]].concat(),
            invalid("inf", "--dysfunctional <MEAN,SD>", &finite("inf")),
        ),
        (
            [&change[..], &["--sd", "5", "--reliability", "0.8", "--cutoff", "a", "--dysfunctional", "20,-5"]].concat(),
            "error: --dysfunctional: the SD must be above 0, not -5; write MEAN,SD, e.g. --dysfunctional 31.8,5.4\n".to_owned(),
        ),
        (
            [&change[..], &["--sd", "5"]].concat(),
            "error: --sd needs --reliability too (the measure's alpha or test–retest r from the same source), or write --sd sample to use this sample's pre-test SD and alpha\n".to_owned(),
        ),
        (
            [&change[..], &["--reliability", "0.8"]].concat(),
            "error: --reliability needs --sd too (the measure's SD in the same reference population)\n".to_owned(),
        ),
        (
            [&change[..], &["--sd", "sample", "--reliability", "0.8"]].concat(),
            "error: --sd sample takes the reliability from the sample too (Cronbach's alpha before); leave out --reliability, or give --sd a number\n".to_owned(),
        ),
        (
            ["reliability", "--scale", "cbi", "--conf", "inf", "../../examples/cbi_pre.csv"].to_vec(),
            invalid(
                "inf",
                "--conf <CONF>",
                "the confidence level must be a number between 0 and 1, such as 0.95, not inf",
            ),
        ),
    ];
    let cases: Vec<(&[&str], &str)> = cases
        .iter()
        .map(|(args, message)| (args.as_slice(), message.as_str()))
        .collect();
    assert_usage_errors(&cases);
}

#[test]
fn negative_means_and_correlations_are_numbers_not_options() {
    let report = crate::util::json(&[
        "compare", "summary", "paired", "--n", "8", "--mean", "-1,2", "--sd", "1,1", "--r", "-0.3",
    ]);
    assert_eq!(report["results"][0]["diff"]["mean"], 3.0);
    // √(1 + 1 + 2 · 0.3) = √2.6
    assert_eq!(report["results"][0]["diff"]["sd"], 2.6f64.sqrt());
}

#[test]
fn a_group_column_with_one_group_is_a_data_error_naming_file_and_column() {
    let cases: [(&[&str], &str); 3] = [
        (
            &[
                "compare",
                "groups",
                "--measure",
                "score",
                "--group",
                "group",
                "compare/one_group.csv",
            ],
            "error: compare/one_group.csv: column group holds one group only (control); comparing groups needs two: is it the right column, and the sheet of both groups?\n",
        ),
        (
            &[
                "compare",
                "groups",
                "--measure",
                "score",
                "--group",
                "group",
                "compare/no_group.csv",
            ],
            "error: compare/no_group.csv: column group is empty in every row, so there are no groups to compare; is it the right column?\n",
        ),
        (
            &[
                "compare",
                "ancova",
                "--measure",
                "cbi_total",
                "--id",
                "id",
                "--group",
                "group",
                "--only",
                "group=control",
                "--pre",
                "compare/total_pre.csv",
                "--post",
                "compare/total_post.csv",
            ],
            "error: compare/total_pre.csv: column group holds one group only (control); comparing groups needs two: is it the right column, and the sheet of both groups?\n",
        ),
    ];
    for (args, message) in cases {
        psyscore()
            .args(args)
            .assert()
            .code(4)
            .stdout("")
            .stderr(message);
    }
}

#[cfg(unix)]
#[test]
fn a_signal_while_writing_a_file_leaves_no_temporary_file() {
    use std::io::Write;
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    let example =
        std::fs::read_to_string(crate::util::data_dir().join("../../examples/cbi_pre.csv"))
            .unwrap();
    let mut lines = example.lines();
    let mut sheet = format!("{}\n", lines.next().unwrap());
    let rows: Vec<&str> = lines.collect();
    for i in 0..20_000 {
        let (_, answers) = rows[i % rows.len()].split_once(',').unwrap();
        sheet.push_str(&format!("P{i},{answers}\n"));
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let temp = dir.path().join(".out.csv.psyscore-tmp");
    for (name, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_psyscore"))
            .args(["score", "--scale", "cbi", "--encoding", "utf8", "-o"])
            .arg(&out)
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The rows go in and standard input stays open: psyscore waits for more, mid-file.
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(sheet.as_bytes()).unwrap();
        let start = std::time::Instant::now();
        while !temp.exists() {
            assert!(start.elapsed().as_secs() < 60, "no temporary file appeared");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let killed = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        drop(stdin);
        assert!(!status.success());
        assert_eq!(status.signal(), Some(number), "SIG{name}: {status:?}");
        assert!(!temp.exists(), "SIG{name} left {}", temp.display());
        assert!(!out.exists());
    }
}

/// Runs `psyscore ARGS` in `tests/data` with standard output going to `stdout`.
fn run_into(args: &[&str], stdout: std::process::Stdio) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_psyscore"))
        .args(args)
        .current_dir(crate::util::data_dir())
        .stdin(std::process::Stdio::null())
        .stdout(stdout)
        .output()
        .unwrap()
}

#[test]
fn output_that_cannot_be_written_names_what_and_fails() {
    let score = ["score", "--scale", "cbi", "../../examples/cbi_pre.csv"];
    if std::path::Path::new("/dev/full").exists() {
        let describe = ["describe", "--scale", "cbi", "../../examples/cbi_pre.csv"];
        for args in [&score[..], &describe[..]] {
            let output = run_into(args, std::fs::File::create("/dev/full").unwrap().into());
            assert_eq!(output.status.code(), Some(1));
            assert_eq!(
                String::from_utf8(output.stderr).unwrap(),
                "error: cannot write standard output: No space left on device (os error 28)\n"
            );
        }
        // A device is written directly, never replaced by renaming a file over it.
        psyscore()
            .args(score)
            .args(["-o", "/dev/full"])
            .assert()
            .code(1)
            .stdout("")
            .stderr("error: cannot write /dev/full: No space left on device (os error 28)\n");
        let kind = std::fs::metadata("/dev/full").unwrap().file_type();
        assert!(!kind.is_file(), "/dev/full was replaced by a file");
    }
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("out.csv");
    psyscore()
        .args(score)
        .arg("-o")
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(format!(
            "error: cannot create the output file {}: No such file or directory (os error 2)\n",
            missing.display()
        ));
}

#[cfg(unix)]
#[test]
fn a_closed_standard_output_is_an_error_not_silence() {
    use std::process::{Command, Stdio};
    // `sh -c '... >&-'` starts psyscore with standard output closed.
    let binary = env!("CARGO_BIN_EXE_psyscore");
    let study_out = tempfile::tempdir().unwrap();
    for command in [
        "score --scale cbi ../../examples/cbi_pre.csv".to_owned(),
        "describe --scale cbi ../../examples/cbi_pre.csv".to_owned(),
        "scales list".to_owned(),
        "scales check scales/demo.toml".to_owned(),
        "study --template".to_owned(),
        format!(
            "study ../../examples/case_study.toml -o '{}'",
            study_out.path().join("report").display()
        ),
    ] {
        let output = Command::new("sh")
            .arg("-c")
            .arg(format!("'{binary}' {command} >&-"))
            .current_dir(crate::util::data_dir())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert_eq!(
            String::from_utf8(output.stderr).unwrap(),
            "error: cannot write to standard output: it is closed (was psyscore started with >&-?); send it to a file or a pipe\n"
        );
    }
    // Sent to /dev/null on purpose, output is discarded with success.
    let output = run_into(
        &["score", "--scale", "cbi", "../../examples/cbi_pre.csv"],
        Stdio::null(),
    );
    assert!(output.status.success() && output.stderr.is_empty());
}

#[track_caller]
fn close(actual: &serde_json::Value, expected: f64, tolerance: f64) {
    let actual = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{actual} is not a number"));
    let error = (actual - expected).abs() / expected.abs().max(1e-300);
    assert!(
        error <= tolerance,
        "{actual} vs {expected}: relative error {error:e}"
    );
}

#[test]
fn huge_samples_from_summary_statistics_finish_at_once_and_match_r() {
    // This never returned: statrs' t quantile at 2e7 df runs for minutes.
    // R 4.2.2, whose pnt (and so effectsize) uses a normal approximation above 4e5 df:
    //   n1 <- n2 <- 1e7; df <- n1 + n2 - 2; se <- sqrt(1/n1 + 1/n2); t <- -1 / se
    //   sprintf("%.17g", c(t, -1 + c(-1, 1) * qt(0.975, df) * se))
    //   f <- function(p) uniroot(function(x) pt(t, df, x) - p, c(t - 10, t + 10), tol = 1e-14)$root
    //   sprintf("%.17g", c(f(0.975), f(0.025)) * se)
    //   J <- exp(lgamma(df/2) - log(sqrt(df/2)) - lgamma((df-1)/2)); sprintf("%.17g", -J)
    let start = std::time::Instant::now();
    let report = crate::util::json(&[
        "compare",
        "summary",
        "groups",
        "--n",
        "10000000,10000000",
        "--mean",
        "1,2",
        "--sd",
        "1,1",
    ]);
    let r = &report["results"][0];
    close(&r["student"]["t"], -2236.0679774997898, 1e-12);
    assert_eq!(r["student"]["p"], 0.0);
    close(&r["student"]["ci_low"], -1.0008765225936223, 1e-12);
    close(&r["student"]["ci_high"], -0.99912347740637786, 1e-12);
    close(&r["welch"]["ci_low"], -1.0008765225936223, 1e-12);
    close(&r["effect"]["cohen_d"], -1.0, 1e-15);
    close(&r["effect"]["d_ci_low"], -1.0009296800536205, 1e-12);
    close(&r["effect"]["d_ci_high"], -0.999070294946377, 1e-12);
    close(&r["effect"]["hedges_g"], -0.99999997019767806, 1e-12);
    close(&r["effect"]["g_ci_low"], -1.0009296502235918, 1e-12);
    // The exact limits (SciPy 1.17.1, brentq on nct.cdf) differ from these by about 1e-9.
    close(&r["effect"]["d_ci_low"], -1.000929681368463, 2e-9);
    //   n <- 1e9; t <- 1 / (1 / sqrt(n)); sprintf("%.17g", 1 + c(-1, 1) * qt(0.975, n - 1) / sqrt(n))
    //   f <- function(p) uniroot(function(x) pt(t, n - 1, x) - p, c(t - 10, t + 10), tol = 1e-14)$root
    //   sprintf("%.17g", c(f(0.975), f(0.025)) / sqrt(n))
    let report = crate::util::json(&[
        "compare",
        "summary",
        "paired",
        "--n",
        "1000000000",
        "--mean",
        "1,2",
        "--sd",
        "1,1",
        "--r",
        "0.5",
    ]);
    let r = &report["results"][0];
    close(&r["t_test"]["t"], 31622.776601683792, 1e-12);
    close(&r["t_test"]["ci_low"], 0.99993802049669456, 1e-12);
    close(&r["t_test"]["ci_high"], 1.0000619795033054, 1e-12);
    close(&r["effect"]["dz_ci_low"], 0.99992409067127441, 1e-12);
    close(&r["effect"]["dz_ci_high"], 1.0000759088287254, 1e-12);
    // Both runs, unoptimized, on a shared machine: seconds at most, not minutes.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn an_effect_far_from_zero_gets_its_interval_at_once() {
    // d = 1000 in groups of 3: t = 1224.7 on 4 df, where the series would need ~10,000 terms
    // per evaluation; the quadrature gives the limits (checked against their defining
    // equations in src/stats/noncentral_t.rs).
    let report = crate::util::json(&[
        "compare", "summary", "groups", "--n", "3,3", "--mean", "1000,0", "--sd", "1,1",
    ]);
    let effect = &report["results"][0]["effect"];
    let (low, high) = (
        effect["d_ci_low"].as_f64().unwrap(),
        effect["d_ci_high"].as_f64().unwrap(),
    );
    assert!(low > 0.0 && low < 1000.0 && high > 1000.0, "{effect}");
}

#[test]
fn ancova_tests_the_adjusted_difference_one_sided_as_r() {
    // R 4.2.2:
    //   pre <- read.csv("tests/data/compare/total_pre.csv"); post <- read.csv(".../total_post.csv")
    //   m <- merge(pre, post, by = "id", suffixes = c(".pre", ".post"))
    //   m$g <- factor(m$group.pre, levels = c("control", "intervention"))
    //   fit <- lm(cbi_total.post ~ cbi_total.pre + g, data = m)
    //   s <- summary(fit)$coefficients["gintervention", ]; t <- s["t value"]  # -4.7076334063208041
    //   pt(t, 14, lower.tail = TRUE)   0.00016815052062971783
    //   pt(t, 14, lower.tail = FALSE)  0.99983184947937032
    //   confint(fit, "gintervention", level = 0.90)  -22.100384928836849 -10.065766995820677
    let args = [
        "compare",
        "ancova",
        "--measure",
        "cbi_total",
        "--id",
        "id",
        "--group",
        "group",
        "--levels",
        "intervention,control",
        "--pre",
        "compare/total_pre.csv",
        "--post",
        "compare/total_post.csv",
        "--alternative",
    ];
    for (alternative, p, low, high) in [
        (
            "less",
            0.00016815052062971783,
            None,
            Some(-10.065766995820677),
        ),
        (
            "greater",
            0.99983184947937032,
            Some(-22.100384928836849),
            None,
        ),
    ] {
        let report = crate::util::json(&[&args[..], &[alternative]].concat());
        let r = &report["results"][0];
        let diff = &r["adj_diff"];
        close(&diff["estimate"], -16.083075962328763, 1e-12);
        close(&diff["t"], -4.7076334063208041, 1e-12);
        assert_eq!(diff["df"], 14.0);
        close(&diff["p"], p, 1e-9);
        close(&diff["p_adj"], p, 1e-9);
        for (found, expected) in [(&diff["ci_low"], low), (&diff["ci_high"], high)] {
            match expected {
                Some(value) => close(found, value, 1e-12),
                None => assert!(found.is_null()),
            }
        }
        // The F test has no direction: its p stays two-sided, 2 · pt(-|t|, 14).
        close(&r["group_effect"]["p"], 2.0 * 0.00016815052062971783, 1e-9);
        assert_eq!(
            r["notes"][0],
            format!(
                "the adjusted difference is tested one-sided (t of the group coefficient, alternative {alternative}); the group F test and its p are two-sided"
            )
        );
    }
    let table = crate::util::stdout_of(&[&args[..], &["less", "--format", "md"]].concat());
    assert!(
        table.contains(
            "cbi_total: adjusted difference t(14) = -4.71, one-sided p < .001, p adj < .001"
        ),
        "{table}"
    );
}

#[test]
fn a_perfect_ancova_fit_says_so_and_keeps_the_groups() {
    // post = 2 pre + 1 in group a and 2 pre + 4 in group b: no residual variation.
    let report = crate::util::json(&[
        "compare",
        "ancova",
        "--measure",
        "score",
        "--id",
        "id",
        "--group",
        "group",
        "--pre",
        "compare/perfect_pre.csv",
        "--post",
        "compare/perfect_post.csv",
    ]);
    let r = &report["results"][0];
    assert_eq!(
        r["notes"],
        serde_json::json!([
            "the ANCOVA is undefined: the post scores lie exactly on the model (a perfect fit), so there is no residual variation to test the groups against"
        ])
    );
    assert_eq!(
        r["groups"],
        serde_json::json!([
            {"level": "a", "n": 3, "pre_mean": 2.0, "post_mean": 5.0, "adj_mean": null},
            {"level": "b", "n": 3, "pre_mean": 4.0, "post_mean": 12.0, "adj_mean": null}
        ])
    );
    assert!(r["group_effect"]["f"].is_null() && r["adj_diff"]["estimate"].is_null());
}

/// Whether `text` shows a value that is not a number: `NaN`, or `inf` as a word (`inf`,
/// `-inf`, `Infinity`), which no format may print.
fn shows_nan_or_inf(text: &str) -> bool {
    text.contains("NaN")
        || text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| word.eq_ignore_ascii_case("inf") || word.eq_ignore_ascii_case("infinity"))
}

#[test]
fn no_command_prints_nan_or_inf_for_extreme_values() {
    let mut commands: Vec<Vec<&str>> = Vec::new();
    for (pre, post) in [
        ("edges/extreme_pre.csv", "edges/extreme_post.csv"),
        ("edges/tiny_pre.csv", "edges/tiny_post.csv"),
    ] {
        commands.extend([
            vec!["describe", "-m", "score", "--by", "group", pre],
            vec![
                "describe", "-m", "score", "--label", "pre", "--label", "post", pre, post,
            ],
            vec![
                "compare", "paired", "-m", "score", "--id", "id", "--pre", pre, "--post", post,
            ],
            vec!["compare", "groups", "-m", "score", "--group", "group", pre],
            vec![
                "compare", "ancova", "-m", "score", "--id", "id", "--group", "group", "--pre", pre,
                "--post", post,
            ],
            vec![
                "change",
                "-m",
                "score",
                "--id",
                "id",
                "--better",
                "lower",
                "--sd",
                "5",
                "--reliability",
                "0.8",
                "--pre",
                pre,
                "--post",
                post,
            ],
        ]);
    }
    // A scale whose answers reach 1e308 is refused before any score is summed (exit 3): its
    // scores could overflow.
    for command in ["score", "reliability"] {
        psyscore()
            .args([command, "-s", "edges/huge.toml", "edges/huge_items.csv"])
            .assert()
            .code(3)
            .stdout("")
            .stderr("error: edges/huge.toml:4:7: the total score can reach more than 1.8e308, beyond ±1e15, where sums of answers are no longer exact: check min, max, the weights and transforms\n");
    }
    commands.extend([
        vec![
            "compare",
            "summary",
            "groups",
            "--n",
            "5,6",
            "--mean",
            "1e300,-1.7e308",
            "--sd",
            "1e300,1e-300",
        ],
        vec![
            "compare",
            "summary",
            "paired",
            "--n",
            "5",
            "--mean",
            "1e-300,1.7e308",
            "--sd",
            "1e200,1",
            "--r",
            "0.5",
        ],
    ]);
    for command in &commands {
        for format in ["csv", "json", "md", "table"] {
            let output = psyscore()
                .args(command)
                .args(["--format", format])
                .output()
                .unwrap();
            let (stdout, stderr) = (
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr),
            );
            assert_eq!(
                output.status.code(),
                Some(0),
                "{command:?} {format}: {stderr}"
            );
            assert!(
                !shows_nan_or_inf(&stdout) && !shows_nan_or_inf(&stderr),
                "{command:?} --format {format}:\n{stdout}\n{stderr}"
            );
        }
    }
}

#[test]
fn extreme_values_get_true_numbers_or_the_true_reason() {
    // describe scales by a power of two before squaring: exact references from 50-digit
    // arithmetic (mpmath) for group a = 1e300, -1.7e308, 1.7e308, 5:
    // mean 2.5e299, SD 1.3880441875771343e308.
    let report = crate::util::json(&[
        "describe",
        "-m",
        "score",
        "--by",
        "group",
        "edges/extreme_pre.csv",
    ]);
    let a = &report["results"][0];
    close(&a["mean"], 2.5e299, 1e-15);
    close(&a["sd"], 1.3880441875771343e308, 1e-15);
    close(&a["q1"], -4.25e307, 1e-15);
    assert_eq!(a["notes"], serde_json::json!([]));
    // The SD of -1.7e308 and 1.7e308 exceeds the largest double: null, and why.
    let note = "the SD (and SE) exceed the largest number of double precision, 1.8e308: the values are too far apart";
    psyscore()
        .args(["describe", "-m", "score", "edges/overflow.csv", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicates::str::starts_with(
            "measure,n,missing,mean,sd,se,median,q1,q3,min,max,skew,skew_se,kurtosis,kurtosis_se,bands\nscore,2,0,0,,,0,-8",
        ))
        .stderr(format!("note: score: {note}\n"));
    let table = crate::util::stdout_of(&[
        "describe",
        "-m",
        "score",
        "edges/overflow.csv",
        "--format",
        "md",
    ]);
    assert!(
        table.contains("| 0.00 (—) | — |")
            && table.ends_with(&format!("\nNotes:\n- score: {note}\n")),
        "{table}"
    );
    // Squares of 1e-300 underflow: the SD is still found (1e-300 · sd(c(1, 2, 4)), R
    // sprintf("%.17g", sd(c(1, 2, 4))) "1.5275252316519468").
    let report = crate::util::json(&[
        "describe",
        "-m",
        "score",
        "--by",
        "group",
        "edges/tiny_pre.csv",
    ]);
    close(&report["results"][0]["sd"], 1.5275252316519468e-300, 1e-15);
    // The comparisons say why there is no test: not "no variation", not "every difference is
    // zero".
    let report = crate::util::json(&[
        "compare",
        "paired",
        "-m",
        "score",
        "--id",
        "id",
        "--pre",
        "edges/extreme_pre.csv",
        "--post",
        "edges/extreme_post.csv",
    ]);
    assert_eq!(
        report["results"][0]["notes"],
        serde_json::json!([
            "the tests and effect sizes are not computed: a difference post − pre exceeds the largest number of double precision (1.8e308); check the data"
        ])
    );
    let report = crate::util::json(&[
        "compare",
        "groups",
        "-m",
        "score",
        "--group",
        "group",
        "edges/tiny_pre.csv",
    ]);
    assert_eq!(
        report["results"][0]["notes"],
        serde_json::json!([
            "the t-tests, d, g, Levene's tests and Shapiro–Wilk are not computed: the scores are all below 1e-150 in size (the largest is 5.0e-300), where squares underflow to 0 in double precision; rescale them"
        ])
    );
    assert!(report["results"][0]["mann_whitney"]["p"].is_number());
    // change never classes a person whose change overflows.
    let report = crate::util::json(&[
        "change",
        "-m",
        "score",
        "--id",
        "id",
        "--better",
        "lower",
        "--sd",
        "5",
        "--reliability",
        "0.8",
        "--pre",
        "edges/extreme_pre.csv",
        "--post",
        "edges/extreme_post.csv",
    ]);
    let r = &report["results"][0];
    let p2 = &r["people"][1];
    assert_eq!(p2["id"], "p2");
    assert!(p2["diff"].is_null() && p2["rci"].is_null() && p2["change"].is_null());
    assert_eq!(
        r["notes"],
        serde_json::json!([
            "3 people have no reliable change index: post − pre exceeds the largest number of double precision (1.8e308); check the data"
        ])
    );
}
