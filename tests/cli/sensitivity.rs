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

/// The repeated-measures figures, checked in R on the study's own scored sheets: the completers'
/// totals `Y` (people × waves) by group `g`, the pooled within-group covariance S and
/// ρ = mean(S[upper.tri(S)]) / mean(diag(S)); then f solving
/// `1 - pf(qf(.95, df1, df2), df1, df2, ncp = f^2 * N * m / (1 - rho)) = .8` by uniroot
/// (tol = 1e-14), with df1 = (k - 1)(m - 1) (interaction) or m - 1 (one group's waves),
/// df2 = (N - k)(m - 1): G*Power's repeated-measures designs with ε = 1.
#[test]
fn the_follow_up_study_states_the_interaction_it_could_detect() {
    let (_dir, out) = run_study("cbi_followup_study.toml", &[]);
    let comparisons = &results(&out)["scales"][0]["sensitivity"]["comparisons"];
    assert_eq!(comparisons[1]["wave"], "followup");
    assert_eq!(comparisons[1]["n"], serde_json::json!([7, 8]));
    let waves = &comparisons[2];
    assert_eq!(
        (&waves["comparison"], &waves["group"], &waves["effect_size"]),
        (
            &Value::from("waves"),
            &Value::from("intervention"),
            &Value::from("f")
        )
    );
    assert_eq!(waves["n"], serde_json::json!([7]));
    close(&waves["rho"], 0.716746460893, 1e-9);
    close(&waves["effect"], 0.410660511071, 1e-7);
    close(&comparisons[3]["rho"], 0.819234836521, 1e-9);
    close(&comparisons[3]["effect"], 0.301011023544, 1e-7);
    let interaction = &comparisons[4];
    assert_eq!(interaction["comparison"], "interaction");
    assert_eq!(interaction["n"], serde_json::json!([7, 8]));
    close(&interaction["rho"], 0.767376059886, 1e-9);
    close(&interaction["effect"], 0.236682537488, 1e-7);

    let report = read(&out.join("report.md"));
    for line in [
        "- the groups at followup (*n* = 7 and 8; two-sample *t*-test): *d* ≥ 1.57",
        "- the change over the waves within intervention (*n* = 7; repeated-measures ANOVA, *r* = .72 between the waves, sphericity assumed): *f* ≥ 0.41",
        "- the group × time interaction (*n* = 7 and 8; mixed ANOVA, *r* = .77 between the waves, sphericity assumed): *f* ≥ 0.24",
    ] {
        assert!(report.contains(line), "{line}\n---\n{report}");
    }
    let (_dir, out) = run_study("cbi_followup_study.toml", &["--lang", "zh"]);
    let report = read(&out.join("report.md"));
    for line in [
        "- 随访时两组比较（*n* = 7 和 8；两独立样本 *t* 检验）：*d* ≥ 1.57",
        "- 干预组各时间点的变化（*n* = 7；重复测量方差分析，各时间点间相关 *r* = .72，假定球形）：*f* ≥ 0.41",
        "- 组别 × 时间交互作用（*n* = 7 和 8；混合设计方差分析，各时间点间相关 *r* = .77，假定球形）：*f* ≥ 0.24",
    ] {
        assert!(report.contains(line), "{line}\n---\n{report}");
    }
}

#[test]
fn three_groups_are_compared_by_the_one_way_anova_of_their_sizes() {
    let (_dir, out) = run_study("cbi_arms_study.toml", &[]);
    let arms = &results(&out)["scales"][0]["sensitivity"]["comparisons"][0];
    assert_eq!(arms["comparison"], "arms");
    assert_eq!(arms["wave"], "post");
    assert_eq!(arms["n"], serde_json::json!([10, 8, 9]));
    assert_eq!(arms["effect_size"], "f");
    // uniroot(function(f) 1 - pf(qf(.95, 2, 24), 2, 24, ncp = f^2 * 27) - .8, c(.01, 5),
    //         tol = 1e-14)$root: G*Power's one-way ANOVA, λ = f² N
    close(&arms["effect"], 0.636702134375, 1e-7);
    let report = read(&out.join("report.md"));
    let line = "- the groups at post (*n* = 10, 8 and 9; one-way ANOVA): *f* ≥ 0.64";
    assert!(report.contains(line), "{report}");
    let (_dir, out) = run_study("cbi_arms_study.toml", &["--lang", "zh"]);
    let report = read(&out.join("report.md"));
    let line = "- 后测时各组比较（*n* = 10、8 和 9；单因素方差分析）：*f* ≥ 0.64";
    assert!(report.contains(line), "{report}");
}

#[test]
fn power_entries_plan_the_next_study_in_both_languages() {
    let plans = "[[power]]\ntest = \"groups\"\neffect = 0.5\ndropout = 0.2\n\n\
                 [[power]]\ntest = \"paired\"\neffect = 0.8\npower = 0.9\n\n\
                 [[power]]\ntest = \"anova\"\ngroups = 3\neffect = 0.25\ndropout = 0.15\n\n\
                 [[power]]\ntest = \"mixed\"\nwaves = 3\nrho = 0.5\neffect = 0.25\ndropout = 0.2\n";
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
    assert_eq!(
        (&power[3]["test"], &power[3]["term"], &power[3]["waves"]),
        (
            &Value::from("mixed"),
            &Value::from("interaction"),
            &Value::from(3)
        )
    );
    // the smallest n with pw(.25, 2 * n, 2, 3, .5, 1) >= .8 (see src/study/tests.rs)
    assert_eq!(power[3]["n"], 14);
    close(&power[3]["achieved_power"], 0.811560217727, 1e-6);
    let report = read(&out.join("report.md"));
    for line in [
        "### Planning the next study",
        "- A difference of *d* = 0.50 between two groups (two-sample *t*-test, α = .05, two-sided) with 80% power needs 64 per group, 128 in all (achieved power .801); expecting 20% to drop out, recruit 80 per group, 160 in all.",
        "- A change of *d*<sub>z</sub> = 0.80 (paired *t*-test, α = .05, two-sided) with 90% power needs 19 people (achieved power .909).",
        "- An effect of *f* = 0.25 among 3 groups (one-way ANOVA, α = .05) with 80% power needs 53 per group, 159 in all (achieved power .805); expecting 15% to drop out, recruit 63 per group, 189 in all.",
        "- A group × time interaction of *f* = 0.25 for 2 groups over 3 waves (mixed ANOVA, ρ = .50 between the waves, ε = 1.00, α = .05) with 80% power needs 14 per group, 28 in all (achieved power .812); expecting 20% to drop out, recruit 18 per group, 36 in all.",
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
        "- 检出 2 组 × 3 个时间点的交互作用 *f* = 0.25（混合设计方差分析，各时间点间相关 ρ = .50，ε = 1.00，α = 0.05），检验效能 80%：样本量为每组 14 人，共 28 人（实际检验效能 0.812）；预计脱落率 20%，应招募每组 18 人，共 36 人。",
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
