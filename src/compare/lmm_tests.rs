//! `compare_lmm` against lme4 1.1 + lmerTest 3.1 + emmeans 1.8 on the data sets of
//! tests/data/lmm (made by its generate.R), at the tolerances: 1e-5 relative on
//! estimates, SEs, variances, t and criteria (lme4's optimizer stops near 1e-6), 1e-4 on df and p.
//! The R calls are tests/data/lmm/reference.R FILE FORMULA REML; each prints the values below.

use super::{LmmDesign, LmmPerson, LmmResult, compare_lmm};
use crate::stats::assert_close;

struct Reference {
    estimate: &'static [f64],
    se: &'static [f64],
    df: &'static [f64],
    t: &'static [f64],
    p: &'static [f64],
    ci_low: &'static [f64],
    ci_high: &'static [f64],
    anova_df1: &'static [f64],
    anova_df2: &'static [f64],
    anova_f: &'static [f64],
    anova_p: &'static [f64],
    /// σ_b², σ².
    variances: &'static [f64],
    /// REML criterion (deviance under ML), logLik, AIC, BIC.
    criteria: &'static [f64],
    emmean: &'static [f64],
    emm_se: &'static [f64],
    emm_df: &'static [f64],
    emm_low: &'static [f64],
    emm_high: &'static [f64],
    pair_estimate: &'static [f64],
    pair_se: &'static [f64],
    pair_df: &'static [f64],
    pair_t: &'static [f64],
    pair_p_adj: &'static [f64],
    pair_p: &'static [f64],
}

const TIMES: [&str; 3] = ["pre", "post", "followup"];

/// Fits `file` (long CSV: id, group, time, score, age) by REML (`reml`) or ML, with the groups
/// (`grouped`) and age as a covariate (`age`).
fn fit_file(file: &str, grouped: bool, age: bool, reml: bool) -> LmmResult {
    let path = format!("{}/tests/data/lmm/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let mut groups: Vec<String> = rows.iter().map(|r| r[1].to_owned()).collect();
    groups.sort();
    groups.dedup();
    let mut persons: Vec<(String, LmmPerson)> = Vec::new();
    for r in &rows {
        if persons.last().is_none_or(|(id, _)| id != r[0]) {
            persons.push((
                r[0].to_owned(),
                LmmPerson {
                    group: if grouped {
                        groups.iter().position(|g| g == r[1]).unwrap()
                    } else {
                        0
                    },
                    scores: vec![None; 3],
                    covariates: if age {
                        vec![r[4].parse().unwrap()]
                    } else {
                        vec![]
                    },
                },
            ));
        }
        let t = TIMES.iter().position(|t| *t == r[2]).unwrap();
        persons.last_mut().unwrap().1.scores[t] = Some(r[3].parse().unwrap());
    }
    let times: Vec<String> = TIMES.iter().map(|t| (*t).to_owned()).collect();
    let covariates = if age { vec!["age".to_owned()] } else { vec![] };
    let persons: Vec<LmmPerson> = persons.into_iter().map(|(_, p)| p).collect();
    compare_lmm(
        "score",
        &LmmDesign {
            times: &times,
            groups: if grouped { &groups } else { &[] },
            covariates: &covariates,
            reml,
            conf: 0.95,
        },
        &persons,
    )
}

fn close_all(actual: impl Iterator<Item = Option<f64>>, expected: &[f64], rel: f64) {
    let actual: Vec<Option<f64>> = actual.collect();
    assert_eq!(actual.len(), expected.len());
    for (a, e) in actual.iter().zip(expected) {
        assert_close(a.expect("a value"), *e, rel);
    }
}

fn check(result: &LmmResult, r: &Reference) {
    const EST: f64 = 1e-5;
    const DF: f64 = 1e-4;
    let f = &result.fixed;
    close_all(f.iter().map(|x| Some(x.test.estimate)), r.estimate, EST);
    close_all(f.iter().map(|x| Some(x.test.se)), r.se, EST);
    close_all(f.iter().map(|x| x.test.df), r.df, DF);
    close_all(f.iter().map(|x| x.test.t), r.t, EST);
    close_all(f.iter().map(|x| x.test.p), r.p, DF);
    close_all(f.iter().map(|x| x.test.ci_low), r.ci_low, EST);
    close_all(f.iter().map(|x| x.test.ci_high), r.ci_high, EST);
    let a = &result.anova;
    close_all(a.iter().map(|x| x.df1), r.anova_df1, DF);
    close_all(a.iter().map(|x| x.df2), r.anova_df2, DF);
    close_all(a.iter().map(|x| x.f), r.anova_f, EST);
    close_all(a.iter().map(|x| x.p), r.anova_p, DF);
    let random = result.random.as_ref().unwrap();
    assert_close(random.residual_var, r.variances[1], EST);
    if r.variances[0] == 0.0 {
        assert_eq!(random.intercept_var, 0.0);
    } else {
        assert_close(random.intercept_var, r.variances[0], EST);
    }
    let fit = result.fit.as_ref().unwrap();
    close_all(
        [
            fit.reml.or(Some(-2.0 * fit.loglik)),
            Some(fit.loglik),
            Some(fit.aic),
            Some(fit.bic),
        ]
        .into_iter(),
        r.criteria,
        EST,
    );
    assert!(fit.converged);
    let e = &result.emmeans;
    close_all(e.iter().map(|x| Some(x.emmean)), r.emmean, EST);
    close_all(e.iter().map(|x| Some(x.se)), r.emm_se, EST);
    close_all(e.iter().map(|x| x.df), r.emm_df, DF);
    close_all(e.iter().map(|x| x.ci_low), r.emm_low, EST);
    close_all(e.iter().map(|x| x.ci_high), r.emm_high, EST);
    let c = &result.contrasts;
    close_all(c.iter().map(|x| Some(x.estimate)), r.pair_estimate, EST);
    close_all(c.iter().map(|x| Some(x.se)), r.pair_se, EST);
    close_all(c.iter().map(|x| x.df), r.pair_df, DF);
    close_all(c.iter().map(|x| x.t), r.pair_t, EST);
    close_all(c.iter().map(|x| x.p), r.pair_p, DF);
    close_all(c.iter().map(|x| x.p_adj), r.pair_p_adj, DF);
}

#[test]
fn balanced_design_agrees_with_lmertest_and_emmeans() {
    let result = fit_file("balanced.csv", true, false, true);
    check(&result, &BALANCED);
    assert_eq!((result.n_persons, result.n_observations), (16, 48));
    assert!(result.notes.is_empty(), "{:?}", result.notes);
    assert_eq!(result.fixed[4].term, "group[intervention]:time[post]");
}

#[test]
fn dropouts_and_single_observations_agree_with_lmertest() {
    let result = fit_file("dropout.csv", true, false, true);
    check(&result, &DROPOUT);
    let per_wave: Vec<usize> = result.per_wave.iter().map(|w| w.n).collect();
    assert_eq!(per_wave, [30, 23, 20]);
    assert_eq!((result.n_persons, result.n_observations), (30, 73));
}

#[test]
fn baseline_covariate_agrees_with_lmertest() {
    let result = fit_file("dropout.csv", true, true, true);
    check(&result, &COVARIATE);
    let terms: Vec<&str> = result.anova.iter().map(|a| a.term.as_str()).collect();
    assert_eq!(terms, ["group", "time", "age", "group:time"]);
}

#[test]
fn without_groups_agrees_with_lmertest() {
    let result = fit_file("dropout.csv", false, false, true);
    check(&result, &NOGROUP);
    assert!(result.emmeans.iter().all(|e| e.group.is_none()));
}

#[test]
fn maximum_likelihood_agrees_with_lme4() {
    let result = fit_file("dropout.csv", true, false, false);
    check(&result, &ML);
    assert_eq!(result.fit.as_ref().unwrap().reml, None);
}

#[test]
fn singular_fit_has_lmertest_boundary_df_and_a_note() {
    let result = fit_file("singular.csv", true, false, true);
    check(&result, &SINGULAR);
    assert!(
        result.notes[0].starts_with("boundary (singular) fit"),
        "{:?}",
        result.notes
    );
}
/// Rscript tests/data/lmm/reference.R balanced.csv "score ~ group * time + (1 | id)" TRUE
/// (terms: (Intercept) | groupintervention | timepost | timefollowup | groupintervention:timepost | groupintervention:timefollowup; anova: group | time | group:time)
const BALANCED: Reference = Reference {
    estimate: &[50.9025, -1.11125, 1.9275, 3.11, -5.45, -6.725],
    se: &[
        2.01298900725,
        2.84679635496,
        1.07608969059,
        1.07608969059,
        1.52182063476,
        1.52182063476,
    ],
    df: &[
        17.0089018134,
        17.0089018247,
        28.0000003334,
        28.0000003334,
        28.0000003297,
        28.0000003297,
    ],
    t: &[
        25.2870233353,
        -0.390351068865,
        1.7912075702,
        2.8900936671,
        -3.58123676044,
        -4.41904903009,
    ],
    p: &[
        6.20629324163e-15,
        0.701122392354,
        0.084076633741,
        0.00735878841281,
        0.00127541354787,
        0.000135430294294,
    ],
    ci_low: &[
        46.6556337479,
        -7.11722585103,
        -0.27676980623,
        0.90573019377,
        -8.56730825512,
        -9.84230825512,
    ],
    ci_high: &[
        55.1493662521,
        4.89472585103,
        4.13176980623,
        5.31426980623,
        -2.33269174488,
        -3.60769174488,
    ],
    anova_df1: &[1.0, 2.0, 2.0],
    anova_df2: &[13.9999990855, 28.0000003307, 28.0000003286],
    anova_f: &[3.64479037726, 0.57387113754, 11.0183934879],
    anova_p: &[0.0769565883059, 0.569827687061, 0.000295230095035],
    variances: &[27.7851218578, 4.63187608876],
    criteria: &[237.271107245, -118.635553623, 253.271107245, 268.240715332],
    emmean: &[50.9025, 52.83, 54.0125, 49.79125, 46.26875, 46.17625],
    emm_se: &[
        2.01298900725,
        2.01298900725,
        2.01298900725,
        2.01298900725,
        2.01298900725,
        2.01298900725,
    ],
    emm_df: &[
        17.0089018134,
        17.0089018206,
        17.0089018207,
        17.0089018353,
        17.0089018359,
        17.0089018364,
    ],
    emm_low: &[
        46.6556337479,
        48.583133748,
        49.765633748,
        45.5443837483,
        42.0218837483,
        41.9293837483,
    ],
    emm_high: &[
        55.1493662521,
        57.076866252,
        58.259366252,
        54.0381162517,
        50.5156162517,
        50.4231162517,
    ],
    pair_estimate: &[-1.9275, -3.11, -1.1825, 3.5225, 3.615, 0.0925],
    pair_se: &[
        1.07608969059,
        1.07608969059,
        1.07608969059,
        1.07608969059,
        1.07608969059,
        1.07608969059,
    ],
    pair_df: &[
        28.0000003334,
        28.0000003334,
        28.0000003281,
        28.0000003285,
        28.0000003273,
        28.0000003274,
    ],
    pair_t: &[
        -1.7912075702,
        -2.8900936671,
        -1.0988860969,
        3.27342602648,
        3.35938540404,
        0.0859593775584,
    ],
    pair_p_adj: &[
        0.168153267482,
        0.0220763652384,
        0.281177115932,
        0.00680299676583,
        0.00680299676583,
        0.932110453481,
    ],
    pair_p: &[
        0.084076633741,
        0.00735878841281,
        0.281177115932,
        0.0028257697455,
        0.00226766558861,
        0.932110453481,
    ],
};

/// Rscript tests/data/lmm/reference.R dropout.csv "score ~ group * time + (1 | id)" TRUE
/// (terms: (Intercept) | groupintervention | groupwaitlist | timepost | timefollowup | groupintervention:timepost | groupwaitlist:timepost | groupintervention:timefollowup | groupwaitlist:timefollowup; anova: group | time | group:time)
const DROPOUT: Reference = Reference {
    estimate: &[
        52.963,
        -1.908,
        -0.653000000001,
        -2.9823171689,
        -3.33590042031,
        1.35919877439,
        3.88761604347,
        -2.84619572469,
        3.80249214076,
    ],
    se: &[
        1.74282426482,
        2.46472571215,
        2.46472571215,
        1.67900511683,
        1.57960650298,
        2.25912647885,
        2.20960318817,
        2.30934879484,
        2.23159983594,
    ],
    df: &[
        37.4701762025,
        37.4701762004,
        37.4701762016,
        39.1605644895,
        38.7037635108,
        39.0535524035,
        38.6162925158,
        39.1227021971,
        38.6249473015,
    ],
    t: &[
        30.3891798324,
        -0.774122650078,
        -0.264938202569,
        -1.77624066717,
        -2.11185533486,
        0.601647932118,
        1.75941819069,
        -1.23246680235,
        1.70393100032,
    ],
    p: &[
        5.27448375439e-28,
        0.443715491949,
        0.792509123792,
        0.0834635351421,
        0.0412073676728,
        0.550885426006,
        0.0864278154714,
        0.225130224215,
        0.0964277331485,
    ],
    ci_low: &[
        49.4331977022,
        -6.89989428207,
        -5.64489428206,
        -6.37798042314,
        -6.53173822062,
        -3.21011550998,
        -0.583148580011,
        -7.51682620303,
        -0.712746362633,
    ],
    ci_high: &[
        56.4928022978,
        3.08389428207,
        4.33889428206,
        0.413346085344,
        -0.140062619996,
        5.92851305876,
        8.35838066696,
        1.82443475365,
        8.31773064415,
    ],
    anova_df1: &[2.0, 2.0, 4.0],
    anova_df2: &[26.9002615255, 38.7680690333, 38.7055911537],
    anova_f: &[1.82833145589, 5.24215943401, 2.542962991],
    anova_p: &[0.180091433853, 0.00965982175102, 0.054984550693],
    variances: &[20.9431486396, 9.431215541],
    criteria: &[392.309339434, -196.154669717, 414.309339434, 439.504393287],
    emmean: &[
        52.963,
        49.9806828311,
        49.6270995797,
        51.055,
        49.4318816055,
        44.872903855,
        52.31,
        53.2152988746,
        52.7765917205,
    ],
    emm_se: &[
        1.74282426482,
        1.99254899368,
        1.90954183356,
        1.74282426482,
        1.85358775755,
        1.99728026622,
        1.74282426482,
        1.7928974808,
        1.90684934731,
    ],
    emm_df: &[
        37.4701762025,
        51.7936607289,
        47.428284049,
        37.4701761994,
        43.7351840561,
        51.7885745471,
        37.470176201,
        40.3695892906,
        47.3825526497,
    ],
    emm_low: &[
        49.4331977022,
        45.9819615735,
        45.7865124031,
        47.5251977022,
        45.6955819671,
        40.864678296,
        48.7801977022,
        49.5927510096,
        48.9413230279,
    ],
    emm_high: &[
        56.4928022978,
        53.9794040887,
        53.4676867562,
        54.5848022978,
        53.1681812438,
        48.881129414,
        55.8398022978,
        56.8378467396,
        56.611860413,
    ],
    pair_estimate: &[
        2.9823171689,
        3.33590042031,
        0.353583251411,
        1.62311839451,
        6.182096145,
        4.5589777505,
        -0.905298874574,
        -0.46659172045,
        0.438707154124,
    ],
    pair_se: &[
        1.67900511683,
        1.57960650298,
        1.86003064195,
        1.51148743464,
        1.6846172123,
        1.70620771659,
        1.43641500508,
        1.57635057125,
        1.58663755548,
    ],
    pair_df: &[
        39.1605644895,
        38.7037635108,
        40.0372609726,
        38.921795084,
        39.4937075445,
        37.8131180014,
        37.8817613127,
        38.5459245683,
        37.7029429692,
    ],
    pair_t: &[
        1.77624066717,
        2.11185533486,
        0.1900953906,
        1.07385503664,
        3.66973345629,
        2.67199456794,
        -0.630248828767,
        -0.29599489413,
        0.276501178614,
    ],
    pair_p_adj: &[
        0.166927070284,
        0.123622103018,
        0.850194938097,
        0.289500308043,
        0.00214992553259,
        0.0221245854208,
        1.0,
        1.0,
        1.0,
    ],
    pair_p: &[
        0.0834635351421,
        0.0412073676728,
        0.850194938097,
        0.289500308043,
        0.000716641844196,
        0.0110622927104,
        0.532315485515,
        0.768822834586,
        0.78367331203,
    ],
};

/// Rscript tests/data/lmm/reference.R dropout.csv "score ~ group * time + age + (1 | id)" TRUE
/// (terms: (Intercept) | groupintervention | groupwaitlist | timepost | timefollowup | age | groupintervention:timepost | groupwaitlist:timepost | groupintervention:timefollowup | groupwaitlist:timefollowup; anova: group | time | age | group:time)
const COVARIATE: Reference = Reference {
    estimate: &[
        51.4430922701,
        -2.00099626646,
        -0.551285333561,
        -2.97160428123,
        -3.32517148066,
        0.0290613332683,
        1.37059167082,
        3.86634276983,
        -2.85802433458,
        3.76637539238,
    ],
    se: &[
        4.49024428718,
        2.50916575286,
        2.511660613,
        1.6815395726,
        1.58195411911,
        0.0789428270328,
        2.26193366893,
        2.21359734271,
        2.31295882488,
        2.23729699863,
    ],
    df: &[
        26.927907476,
        35.5568952533,
        35.5337635815,
        38.9405974845,
        38.490538776,
        25.592282084,
        38.8683208405,
        38.369921558,
        38.8865789796,
        38.2775895285,
    ],
    t: &[
        11.4566355369,
        -0.797474724091,
        -0.219490376489,
        -1.76719259519,
        -2.10193926644,
        0.368131397881,
        0.605938047453,
        1.74663327211,
        -1.23565724726,
        1.68344899881,
    ],
    p: &[
        7.36404323587e-12,
        0.430468976561,
        0.827524078433,
        0.0850326845683,
        0.0421549729789,
        0.715802710537,
        0.548078386299,
        0.0887027362808,
        0.223998937177,
        0.100428133969,
    ],
    ci_low: &[
        42.2287177302,
        -7.09202315503,
        -5.64749089729,
        -6.37300500341,
        -6.52633039319,
        -0.133333883774,
        -3.20509665036,
        -0.613432439236,
        -7.53686147249,
        -0.761717205028,
    ],
    ci_high: &[
        60.6574668099,
        3.09003062212,
        4.54492023017,
        0.429796440962,
        -0.124012568131,
        0.19145655031,
        5.946279992,
        8.34611797889,
        1.82081280333,
        8.29446798979,
    ],
    anova_df1: &[2.0, 2.0, 1.0, 4.0],
    anova_df2: &[25.6061582658, 38.5513459767, 25.592282084, 38.472582608],
    anova_f: &[1.83925320999, 5.24472353706, 0.135520726106, 2.51904379531],
    anova_p: &[
        0.179322123344,
        0.00966821689064,
        0.715802710537,
        0.0568764768407,
    ],
    variances: &[21.7134074638, 9.44707955189],
    criteria: &[395.426175469, -197.713087735, 419.426175469, 446.911688763],
    emmean: &[
        52.9678170155,
        49.9962127343,
        49.6426455349,
        50.9668207491,
        49.3658081387,
        44.7836249338,
        52.416531682,
        53.3112701706,
        52.8577355937,
    ],
    emm_se: &[
        1.76528182451,
        2.01379213804,
        1.93142677665,
        1.78141075606,
        1.88633656234,
        2.03432705008,
        1.7887963395,
        1.83176182388,
        1.93950944576,
    ],
    emm_df: &[
        35.6757386623,
        49.6722657603,
        45.3615960819,
        35.4634826002,
        41.2166866629,
        49.4216260178,
        35.3685510806,
        37.7853393936,
        44.3053862346,
    ],
    emm_low: &[
        49.3865293097,
        45.9507308497,
        45.7534080197,
        47.3520534623,
        45.5568822993,
        40.6963736727,
        48.7864342672,
        49.6023702839,
        48.9496719796,
    ],
    emm_high: &[
        56.5491047213,
        54.0416946188,
        53.53188305,
        54.5815880358,
        53.174733978,
        48.870876195,
        56.0466290967,
        57.0201700572,
        56.7657992077,
    ],
    pair_estimate: &[
        2.97160428123,
        3.32517148066,
        0.353567199435,
        1.60101261041,
        6.18319581524,
        4.58218320484,
        -0.894738488601,
        -0.441203911718,
        0.453534576883,
    ],
    pair_se: &[
        1.6815395726,
        1.58195411911,
        1.86267071072,
        1.51375551674,
        1.68694230498,
        1.70879215184,
        1.4385036914,
        1.58011383863,
        1.58863186976,
    ],
    pair_df: &[
        38.9405974845,
        38.490538776,
        39.8169225975,
        38.7147858823,
        39.2825629405,
        37.5755503965,
        37.6810233407,
        38.2115041357,
        37.5038735449,
    ],
    pair_t: &[
        1.76719259519,
        2.10193926644,
        0.189817339909,
        1.05764279152,
        3.66532737782,
        2.68153338597,
        -0.621992487019,
        -0.279222864158,
        0.285487522638,
    ],
    pair_p_adj: &[
        0.170065369137,
        0.126464918937,
        0.850416661178,
        0.296773271051,
        0.00218812585597,
        0.0216506967552,
        1.0,
        1.0,
        1.0,
    ],
    pair_p: &[
        0.0850326845683,
        0.0421549729789,
        0.850416661178,
        0.296773271051,
        0.000729375285324,
        0.0108253483776,
        0.537692408837,
        0.781579567336,
        0.77684150509,
    ],
};

/// Rscript tests/data/lmm/reference.R dropout.csv "score ~ time + (1 | id)" TRUE
/// (terms: (Intercept) | timepost | timefollowup; anova: time)
const NOGROUP: Reference = Reference {
    estimate: &[52.1093333333, -1.03597477652, -2.87268033931],
    se: &[1.02928996845, 0.943096614234, 0.994294779218],
    df: &[42.3380059947, 43.283713037, 43.722568244],
    t: &[50.6264851799, -1.09848212886, -2.88916365584],
    p: &[1.64091415765e-39, 0.278067006047, 0.00598875342035],
    ci_low: &[50.0326332707, -2.93754990555, -4.87690898899],
    ci_high: &[54.186033396, 0.865600352508, -0.868451689619],
    anova_df1: &[2.0],
    anova_df2: &[43.4026520026],
    anova_f: &[4.17931684942],
    anova_p: &[0.0218822444107],
    variances: &[20.9670507739, 10.8160844004],
    criteria: &[424.12965967, -212.064829835, 434.12965967, 445.581956876],
    emmean: &[52.1093333333, 51.0733585568, 49.236652994],
    emm_se: &[1.02928996845, 1.10805991244, 1.15194950139],
    emm_df: &[42.3380059947, 50.6614723911, 55.0703187812],
    emm_low: &[50.0326332707, 48.8484744905, 46.9281608608],
    emm_high: &[54.186033396, 53.2982426231, 51.5451451273],
    pair_estimate: &[1.03597477652, 2.87268033931, 1.83670556279],
    pair_se: &[0.943096614234, 0.994294779218, 1.04975971185],
    pair_df: &[43.283713037, 43.722568244, 43.1871806311],
    pair_t: &[1.09848212886, 2.88916365584, 1.74964379186],
    pair_p_adj: &[0.278067006047, 0.0179662602611, 0.174566316733],
    pair_p: &[0.278067006047, 0.00598875342035, 0.0872831583664],
};

/// Rscript tests/data/lmm/reference.R dropout.csv "score ~ group * time + (1 | id)" FALSE
/// (terms: (Intercept) | groupintervention | groupwaitlist | timepost | timefollowup | groupintervention:timepost | groupwaitlist:timepost | groupintervention:timefollowup | groupwaitlist:timefollowup; anova: group | time | group:time)
const ML: Reference = Reference {
    estimate: &[
        52.963,
        -1.908,
        -0.653,
        -2.98614894935,
        -3.34053940136,
        1.37413787291,
        3.89757915501,
        -2.83456952465,
        3.81152383828,
    ],
    se: &[
        1.6441575404,
        2.32518989231,
        2.32518989231,
        1.56125425052,
        1.46867441294,
        2.10064132261,
        2.05438692265,
        2.14737362703,
        2.07484226727,
    ],
    df: &[
        41.3113088018,
        41.311308798,
        41.3113087969,
        45.0868072604,
        44.5771810719,
        44.9731792661,
        44.4795424241,
        45.0487806838,
        44.48816719,
    ],
    t: &[
        32.2128498629,
        -0.820578141298,
        -0.280837277918,
        -1.91266025272,
        -2.27452686036,
        0.654151595574,
        1.89719819185,
        -1.32001692158,
        1.8370186006,
    ],
    p: &[
        6.78344449603e-31,
        0.416596581791,
        0.780236970781,
        0.0621564071505,
        0.0277979586179,
        0.516345471082,
        0.0643056552651,
        0.19349783033,
        0.072892924113,
    ],
    ci_low: &[
        49.6433162109,
        -6.60274183733,
        -5.34774183734,
        -6.13050933311,
        -6.29937611396,
        -2.85684057662,
        -0.241505236518,
        -7.15947276511,
        -0.368750405351,
    ],
    ci_high: &[
        56.2826837891,
        2.78674183733,
        4.04174183734,
        0.158211434403,
        -0.381702688768,
        5.60511632245,
        8.03666354654,
        1.49033371582,
        7.99179808191,
    ],
    anova_df1: &[2.0, 2.0, 4.0],
    anova_df2: &[29.9025567658, 44.6486988883, 44.5786936356],
    anova_f: &[2.03952126245, 6.05394145915, 2.94423137041],
    anova_p: &[0.147799653331, 0.00471668684992, 0.0304355335199],
    variances: &[18.8863395637, 8.1462006129],
    criteria: &[415.903363194, -207.951681597, 437.903363194, 463.098417047],
    emmean: &[
        52.963,
        49.9768510506,
        49.6224605986,
        51.055,
        49.4429889236,
        44.879891074,
        52.31,
        53.2214302057,
        52.7809844369,
    ],
    emm_se: &[
        1.6441575404,
        1.87390734292,
        1.79750338701,
        1.6441575404,
        1.74619386855,
        1.87835642462,
        1.6441575404,
        1.69026763806,
        1.79498740884,
    ],
    emm_df: &[
        41.3113088018,
        57.4323873161,
        52.4306682582,
        41.3113087928,
        48.2995580518,
        57.4409814029,
        41.3113087912,
        44.529668029,
        52.371269876,
    ],
    emm_low: &[
        49.6433162109,
        46.2250284867,
        46.0162112569,
        47.7353162109,
        45.9325932953,
        41.1191729316,
        48.9903162109,
        49.8160636928,
        49.1796863815,
    ],
    emm_high: &[
        56.2826837891,
        53.7286736146,
        53.2287099404,
        54.3746837891,
        52.9533845518,
        48.6406092163,
        55.6296837891,
        56.6267967185,
        56.3822824923,
    ],
    pair_estimate: &[
        2.98614894935,
        3.34053940136,
        0.35439045201,
        1.61201107644,
        6.17510892601,
        4.56309784957,
        -0.911430205659,
        -0.470984436918,
        0.440445768741,
    ],
    pair_se: &[
        1.56125425052,
        1.46867441294,
        1.72992359763,
        1.40541066294,
        1.56659151116,
        1.58605800164,
        1.33528678313,
        1.46559404434,
        1.4748701341,
    ],
    pair_df: &[
        45.0868072604,
        44.5771810719,
        46.0612870646,
        44.8332298088,
        45.4661229958,
        43.5701102498,
        43.658956671,
        44.3989075687,
        43.446930204,
    ],
    pair_t: &[
        1.91266025272,
        2.27452686036,
        0.204859019494,
        1.14700359045,
        3.9417479809,
        2.87700566111,
        -0.682572625725,
        -0.321360774314,
        0.29863359394,
    ],
    pair_p_adj: &[
        0.124312814301,
        0.0833938758538,
        0.838584868517,
        0.257464638995,
        0.000829682433574,
        0.0123879305077,
        1.0,
        1.0,
        1.0,
    ],
    pair_p: &[
        0.0621564071505,
        0.0277979586179,
        0.838584868517,
        0.257464638995,
        0.000276560811191,
        0.00619396525384,
        0.49848283859,
        0.74944499798,
        0.766643338079,
    ],
};

/// Rscript tests/data/lmm/reference.R singular.csv "score ~ group * time + (1 | id)" TRUE
/// (terms: (Intercept) | groupintervention | timepost | timefollowup | groupintervention:timepost | groupintervention:timefollowup; anova: group | time | group:time)
const SINGULAR: Reference = Reference {
    estimate: &[
        49.5666666667,
        -0.185,
        1.23666666667,
        4.83333333333,
        -2.18833333333,
        -8.403,
    ],
    se: &[
        1.28777685419,
        1.82119149251,
        1.82119149251,
        1.91008175155,
        2.57555370838,
        2.70126351829,
    ],
    df: &[
        27.9999999996,
        27.9999999996,
        27.9999999996,
        27.9999999993,
        27.9999999996,
        27.9999999993,
    ],
    t: &[
        38.490105258,
        -0.101581849444,
        0.679042633218,
        2.53043270499,
        -0.84965548426,
        -3.11076647765,
    ],
    p: &[
        8.60742228058e-26,
        0.919812545545,
        0.502685686,
        0.0172958524988,
        0.402723353338,
        0.00426320717521,
    ],
    ci_low: &[
        46.9287753615,
        -3.91554165983,
        -2.49387499316,
        0.920708232033,
        -7.46411594366,
        -13.9362874827,
    ],
    ci_high: &[
        52.2045579718,
        3.54554165983,
        4.9672083265,
        8.74595843463,
        3.087449277,
        -2.86971251726,
    ],
    anova_df1: &[1.0, 2.0, 2.0],
    anova_df2: &[27.9999999999, 27.9999999995, 27.9999999994],
    anova_f: &[11.7058450741, 0.11759035566, 5.09798546701],
    anova_p: &[0.00193284683232, 0.889496893194, 0.0129409655246],
    variances: &[0.0, 9.95021535714],
    criteria: &[154.179109018, -77.0895545088, 170.179109018, 182.389993215],
    emmean: &[
        49.5666666667,
        50.8033333333,
        54.4,
        49.3816666667,
        48.43,
        45.812,
    ],
    emm_se: &[
        1.28777685419,
        1.28777685419,
        1.41068886415,
        1.28777685419,
        1.28777685419,
        1.41068886415,
    ],
    emm_df: &[
        27.9999999996,
        28.0,
        27.9999999992,
        27.9999999996,
        28.000000001,
        27.9999999989,
    ],
    emm_low: &[
        46.9287753615,
        48.1654420282,
        51.5103348558,
        46.7437753615,
        45.7921086948,
        42.9223348558,
    ],
    emm_high: &[
        52.2045579718,
        53.4412246385,
        57.2896651442,
        52.0195579718,
        51.0678913052,
        48.7016651442,
    ],
    pair_estimate: &[
        -1.23666666667,
        -4.83333333333,
        -3.59666666667,
        0.951666666667,
        3.56966666667,
        2.618,
    ],
    pair_se: &[
        1.82119149251,
        1.91008175155,
        1.91008175155,
        1.82119149251,
        1.91008175155,
        1.91008175155,
    ],
    pair_df: &[
        27.9999999996,
        27.9999999993,
        27.9999999993,
        28.0000000001,
        27.9999999989,
        27.9999999994,
    ],
    pair_t: &[
        -0.679042633218,
        -2.53043270499,
        -1.88299095771,
        0.522551675967,
        1.86885543708,
        1.3706219631,
    ],
    pair_p_adj: &[
        0.502685686,
        0.0518875574963,
        0.140258246494,
        0.605396646003,
        0.216412662761,
        0.362762674888,
    ],
    pair_p: &[
        0.502685686,
        0.0172958524988,
        0.0701291232472,
        0.605396646003,
        0.0721375542536,
        0.181381337444,
    ],
};

fn person(group: usize, scores: [Option<f64>; 3]) -> LmmPerson {
    LmmPerson {
        group,
        scores: scores.to_vec(),
        covariates: vec![],
    }
}

fn design<'a>(times: &'a [String], groups: &'a [String]) -> LmmDesign<'a> {
    LmmDesign {
        times,
        groups,
        covariates: &[],
        reml: true,
        conf: 0.95,
    }
}

#[test]
fn an_empty_wave_or_cell_is_named_and_nothing_is_fitted() {
    let times: Vec<String> = TIMES.iter().map(|t| (*t).to_owned()).collect();
    let groups = vec!["control".to_owned(), "intervention".to_owned()];
    let persons: Vec<LmmPerson> = (0..6u8)
        .map(|i| {
            let v = f64::from(i);
            person(usize::from(i % 2), [Some(v), Some(v * 1.5 + 1.0), None])
        })
        .collect();
    let result = compare_lmm("score", &design(&times, &groups), &persons);
    assert_eq!(
        result.notes,
        [
            "nobody has a score at wave followup, so its effect cannot be estimated and the model is not fitted; leave the wave out of --wave/--waves, or check that sheet"
        ]
    );
    assert!(result.fixed.is_empty() && result.fit.is_none());
    let mut persons = persons;
    for p in &mut persons {
        p.scores[2] = (p.group == 0).then_some(3.0 + p.scores[0].unwrap_or(0.0));
    }
    let result = compare_lmm("score", &design(&times, &groups), &persons);
    assert_eq!(
        result.notes,
        [
            "nobody in group intervention has a score at wave followup: that cell of group × time is empty, so the interaction cannot be estimated and the model is not fitted"
        ]
    );
}

#[test]
fn a_group_of_one_person_is_fitted_with_a_note() {
    let times: Vec<String> = TIMES.iter().map(|t| (*t).to_owned()).collect();
    let groups = vec!["control".to_owned(), "intervention".to_owned()];
    let mut persons: Vec<LmmPerson> = [1.0, 4.0, 2.0, 7.0, 5.0]
        .iter()
        .zip([0.5, -0.25, 1.0, 0.0, 0.75])
        .map(|(b, e)| person(0, [Some(b + e), Some(b + 1.0 - e), Some(b + 2.0 + e * e)]))
        .collect();
    persons.push(person(1, [Some(3.0), Some(3.5), Some(2.0)]));
    let result = compare_lmm("score", &design(&times, &groups), &persons);
    assert!(
        result
            .notes
            .contains(&"group intervention has one person only: its means and changes rest on that person alone".to_owned()),
        "{:?}",
        result.notes
    );
    assert_eq!(result.n_observations, 18);
    assert!(result.fit.is_some());
}

#[test]
fn everyone_seen_once_cannot_separate_the_variances() {
    let times: Vec<String> = TIMES.iter().map(|t| (*t).to_owned()).collect();
    let persons: Vec<LmmPerson> = (0..9u8)
        .map(|i| {
            let mut scores = [None; 3];
            scores[usize::from(i % 3)] = Some(f64::from(i) * 0.7);
            person(0, scores)
        })
        .collect();
    let result = compare_lmm("score", &design(&times, &[]), &persons);
    assert_eq!(
        result.notes,
        [
            "no person has two or more observations, so the between-person and residual variances cannot be told apart; the model is not fitted"
        ]
    );
}
