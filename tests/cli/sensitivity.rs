//! `psyscore study`'s discussion: the smallest effect each comparison could detect with 80%
//! power (its sensitivity) and the `[[power]]` sample sizes of a next study, in results.json
//! and in the report's words, English and Chinese.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::study::run_study;
use crate::util::{close, psyscore};

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

fn results(out: &Path) -> Value {
    serde_json::from_str(&read(&out.join("results.json"))).unwrap()
}

/// The example CBI study (8 and 9 people) with `extra` appended, its data by absolute path,
/// run into a fresh folder in `lang`.
fn run_with(extra: &str, lang: &str) -> (tempfile::TempDir, PathBuf) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let text = read(&examples.join("cbi_study.toml"))
        .replace(
            "\"cbi_pre.csv\"",
            &format!("{:?}", examples.join("cbi_pre.csv")),
        )
        .replace(
            "\"cbi_post.csv\"",
            &format!("{:?}", examples.join("cbi_post.csv")),
        );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("study.toml");
    fs::write(&file, format!("{text}\n{extra}")).unwrap();
    let out = dir.path().join("report");
    psyscore()
        .args(["study", &file.display().to_string(), "-o"])
        .arg(&out)
        .args(["--lang", lang])
        .assert()
        .success();
    (dir, out)
}

#[test]
fn the_two_group_study_states_the_effects_it_could_detect() {
    let (_dir, out) = run_study("cbi_study.toml", &[]);
    let sensitivity = &results(&out)["scales"][0]["sensitivity"];
    assert_eq!(sensitivity["measure"], "total");
    assert_eq!(sensitivity["power"], 0.8);
    assert_eq!(sensitivity["alpha"], 0.05);
    let comparisons = sensitivity["comparisons"].as_array().unwrap();
    assert_eq!(comparisons.len(), 3);
    assert_eq!(comparisons[0]["comparison"], "groups");
    assert_eq!(comparisons[0]["wave"], "post");
    assert_eq!(comparisons[0]["n"], serde_json::json!([8, 9]));
    assert_eq!(comparisons[0]["effect_size"], "d");
    // uniroot(function(d) pwr.t2n.test(n1 = 8, n2 = 9, d = d)$power - .8, c(.01, 10),
    //         tol = 1e-15)$root
    close(&comparisons[0]["effect"], 1.456699373332, 1e-6);
    assert_eq!(comparisons[1]["comparison"], "change");
    assert_eq!(comparisons[1]["group"], "intervention");
    assert_eq!(comparisons[1]["effect_size"], "d_z");
    // uniroot(function(d) pwr.t.test(n = 8, d = d, type = "paired")$power - .8, ...)$root
    close(&comparisons[1]["effect"], 1.156034677995, 1e-6);
    assert_eq!(comparisons[2]["group"], "control");
    assert_eq!(comparisons[2]["n"], serde_json::json!([9]));
    // uniroot(function(d) pwr.t.test(n = 9, d = d, type = "paired")$power - .8, ...)$root
    close(&comparisons[2]["effect"], 1.066973216217, 1e-6);

    let report = read(&out.join("report.md"));
    for line in [
        "## Discussion: what the study could detect",
        "With the people each comparison had, α = .05 (two-sided) and 80% power, these are the smallest effects the study could have detected (a sensitivity analysis, computed as G\\*Power computes it). Smaller effects could have gone undetected: a non-significant result does not show that there is no effect. The figures for the groups are those of the *t*-test at each wave; the ANCOVA, adjusting for the first wave, detects smaller effects when the waves correlate.",
        "### Caregiver Burden Inventory (cbi): Total burden",
        "- the groups at post (*n* = 8 and 9; two-sample *t*-test): *d* ≥ 1.46",
        "- the change within intervention (*n* = 8; paired *t*-test): *d*<sub>z</sub> ≥ 1.16",
        "- the change within control (*n* = 9; paired *t*-test): *d*<sub>z</sub> ≥ 1.07",
    ] {
        assert!(report.contains(line), "{line}\n---\n{report}");
    }
    assert!(!report.contains("Planning the next study"));
}

#[test]
fn power_entries_plan_the_next_study_in_both_languages() {
    let plans = "[[power]]\ntest = \"groups\"\neffect = 0.5\ndropout = 0.2\n\n\
                 [[power]]\ntest = \"paired\"\neffect = 0.8\npower = 0.9\n\n\
                 [[power]]\ntest = \"anova\"\ngroups = 3\neffect = 0.25\ndropout = 0.15\n";
    let (_dir, out) = run_with(plans, "en");
    let power = &results(&out)["power"];
    assert_eq!(power[0]["test"], "groups");
    assert_eq!(power[0]["ratio"], 1.0);
    assert_eq!(power[0]["n"], 64);
    assert_eq!(power[0]["recruit"], 80);
    assert_eq!(power[0]["recruit_total"], 160);
    assert_eq!(power[0]["alternative"], "two_sided");
    // pwr.t.test(n = 64, d = .5)$power
    close(&power[0]["achieved_power"], 0.801459557922, 1e-6);
    assert_eq!(power[1]["test"], "paired");
    assert_eq!(power[1]["n"], 19);
    // pwr.t.test(n = 19, d = .8, type = "paired")$power
    close(&power[1]["achieved_power"], 0.909207036676, 1e-6);
    assert_eq!(power[2]["groups"], 3);
    assert_eq!(power[2]["alternative"], Value::Null);
    // pwr.anova.test(k = 3, n = 53, f = .25)$power
    close(&power[2]["achieved_power"], 0.804887285363, 1e-6);
    assert_eq!(power[2]["recruit_total"], 189);
    let report = read(&out.join("report.md"));
    for line in [
        "### Planning the next study",
        "- A difference of *d* = 0.50 between two groups (two-sample *t*-test, α = .05, two-sided) with 80% power needs 64 per group, 128 in all (achieved power .801); expecting 20% to drop out, recruit 80 per group, 160 in all.",
        "- A change of *d*<sub>z</sub> = 0.80 (paired *t*-test, α = .05, two-sided) with 90% power needs 19 people (achieved power .909).",
        "- An effect of *f* = 0.25 among 3 groups (one-way ANOVA, α = .05) with 80% power needs 53 per group, 159 in all (achieved power .805); expecting 15% to drop out, recruit 63 per group, 189 in all.",
    ] {
        assert!(report.contains(line), "{line}\n---\n{report}");
    }

    let (_dir, out) = run_with(plans, "zh");
    let report = read(&out.join("report.md"));
    for line in [
        "## 讨论：本研究能检出的效应",
        "按各比较实际纳入的人数，在 α = 0.05（双侧）、检验效能 80% 时，本研究能检出的最小效应如下（敏感性分析，计算方法同 G\\*Power）。小于这些值的效应可能未被检出：差异无统计学意义并不说明效应不存在。",
        "### 照顾者负担量表 (cbi)：总负担",
        "- 后测时两组比较（*n* = 8 和 9；两独立样本 *t* 检验）：*d* ≥ 1.46",
        "- 干预组前后变化（*n* = 8；配对 *t* 检验）：*d*<sub>z</sub> ≥ 1.16",
        "### 下一项研究的样本量估计",
        "- 检出两组间 *d* = 0.50 的差异（两独立样本 *t* 检验，α = 0.05，双侧），检验效能 80%：样本量为每组 64 人，共 128 人（实际检验效能 0.801）；预计脱落率 20%，应招募每组 80 人，共 160 人。",
        "- 检出 *d*<sub>z</sub> = 0.80 的前后变化（配对 *t* 检验，α = 0.05，双侧），检验效能 90%：样本量为 19 人（实际检验效能 0.909）。",
    ] {
        assert!(report.contains(line), "{line}\n---\n{report}");
    }
}

#[test]
fn a_power_entry_that_cannot_be_solved_exits_3_naming_its_line() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("study.toml");
    let text = read(&examples.join("cbi_study.toml"));
    let lines = text.lines().count();
    fs::write(
        &file,
        format!("{text}\n[[power]]\ntest = \"groups\"\neffect = 0.5\npower = 1.2\n"),
    )
    .unwrap();
    let output = psyscore()
        .args(["study", &file.display().to_string(), "-o"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "study.toml:{}:9: [[power]]: the power 1.2 cannot be reached: it must lie above α = 0.05 (the power of no effect) and below 1; ask for e.g. 0.8",
            lines + 5
        )),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
}
