//! Tests of scale loading: the demo file from the foundation issue, and every rule's error
//! message with its line and column.

use super::*;

const DEMO: &str = r#"id = "demo"
name = "Demo personality short form"
min = 1
max = 6
method = "mean"
items = ["A1", "A2", "A3", "C1", "C2", "C3"]
reverse = ["A1", "C3"]
total = false

[missing]
max_missing = 2

[[subscales]]
id = "agree"
items = ["A1", "A2", "A3"]

[[subscales]]
id = "consc"
items = ["C1", "C2", "C3"]
"#;

fn error_of(text: &str) -> String {
    Scale::from_toml(text, "test.toml").unwrap_err().to_string()
}

/// A valid numbered scale to which each test adds one mistake.
fn numbered(extra: &str) -> String {
    format!("id = \"t\"\nname = \"T\"\nmin = 0\nmax = 4\nitems = 6\n{extra}")
}

#[test]
fn demo_file_means_what_it_says() {
    let scale = Scale::from_toml(DEMO, "demo.toml").unwrap();
    assert_eq!(scale.id, "demo");
    assert!(!scale.numbered);
    let names: Vec<&str> = scale.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["A1", "A2", "A3", "C1", "C2", "C3"]);
    let reversed: Vec<&str> = scale
        .items
        .iter()
        .filter(|i| i.reverse)
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(reversed, ["A1", "C3"]);
    assert!(scale.items.iter().all(|i| i.min == 1.0 && i.max == 6.0));
    assert!(scale.total().is_none());
    let subscales: Vec<&ScoreDef> = scale.subscales().collect();
    assert_eq!(subscales.len(), 2);
    for (score, items) in subscales.iter().zip([[0, 1, 2], [3, 4, 5]]) {
        assert_eq!(score.method, Method::Mean);
        assert_eq!(score.missing, MissingRule::MaxMissing(2));
        assert!(matches!(&score.source, ScoreSource::Items(i) if i == &items));
    }
    // Named items read the column of the same name.
    assert_eq!(scale.columns.column("demo", 1, "A1"), "A1");
}

#[test]
fn numbered_items_read_id_underscore_number_and_total_defaults_to_all_items() {
    let scale = Scale::from_toml(&numbered(""), "t.toml").unwrap();
    assert_eq!(scale.columns.column("t", 3, "3"), "t_3");
    let total = scale.total().unwrap();
    assert!(matches!(&total.source, ScoreSource::Items(i) if i.len() == 6));
    assert_eq!(total.method, Method::Sum);
    assert_eq!(total.missing, MissingRule::MaxMissing(0));
}

#[test]
fn a_typo_is_an_unknown_field_at_its_line_and_column() {
    let message = error_of(&numbered("reverce = [1]\n"));
    assert!(
        message.starts_with("test.toml:6:1: unknown field `reverce`, expected one of"),
        "{message}"
    );
    assert!(message.contains("`reverse`"), "{message}");
}

#[test]
fn a_wrong_type_names_what_is_expected() {
    let message = error_of(&numbered("method = \"median\"\n"));
    assert!(
        message.starts_with("test.toml:6:10: unknown variant `median`, expected `sum` or `mean`"),
        "{message}"
    );
    let message = error_of("id = \"t\"\nname = \"T\"\nmin = 0\nmax = 4\nitems = \"six\"\n");
    assert!(message.starts_with("test.toml:5:9: "), "{message}");
    assert!(
        message.contains("a number of items (items = 24) or a list of item names"),
        "{message}"
    );
}

#[test]
fn a_value_of_the_wrong_kind_is_described_in_plain_words() {
    let cases = [
        (
            "id = \"t\"\nname = \"T\"\nmin = \"zero\"\nmax = 4\nitems = 6\n",
            "test.toml:3:7: wrong kind of value: text \"zero\", expected a number",
        ),
        (
            "id = \"t\"\nname = \"T\"\nmin = 0\nmax = 4\nitems = 99999999999999999999\n",
            "test.toml:5:9: wrong kind of value: whole number 99999999999999999999 (too large), \
             expected a number of items (items = 24) or a list of item names (items = [\"A1\", \
             \"A2\"])",
        ),
        (
            &numbered("[missing]\nmax_missing = 1.5\n"),
            "test.toml:7:15: wrong kind of value: decimal number 1.5, expected a whole number",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(error_of(text), expected);
    }
}

#[test]
fn a_scale_file_names_its_columns_rather_than_placing_them() {
    assert_eq!(
        error_of(&numbered("columns = \"@D\"\n")),
        "test.toml:6:11: columns = \"@D\": a scale file names its items' columns; place them by \
         position for one sheet with --columns @D"
    );
}

#[test]
fn a_subscale_item_that_does_not_exist() {
    let message = error_of(&numbered("[[subscales]]\nid = \"a\"\nitems = [1, 7]\n"));
    assert_eq!(
        message,
        "test.toml:8:13: no item 7; the items are numbered 1 to 6"
    );
    let message = error_of(&DEMO.replace(
        "items = [\"C1\", \"C2\", \"C3\"]",
        "items = [\"C1\", \"C2\", \"C4\"]",
    ));
    assert_eq!(
        message,
        "test.toml:19:22: no item named \"C4\" (closest: \"C3\")"
    );
}

#[test]
fn an_item_in_two_subscales_unless_allowed() {
    let two =
        "[[subscales]]\nid = \"a\"\nitems = [1, 2]\n[[subscales]]\nid = \"b\"\nitems = [2, 3]\n";
    let message = error_of(&numbered(two));
    assert_eq!(
        message,
        "test.toml:11:10: item 2 is in subscale \"a\" and in \"b\"; set `overlapping_subscales = true` if that is intended"
    );
    let allowed = format!("overlapping_subscales = true\n{two}");
    assert!(Scale::from_toml(&numbered(&allowed), "t").is_ok());
    let message = error_of(&numbered("[[subscales]]\nid = \"a\"\nitems = [1, 1]\n"));
    assert_eq!(message, "test.toml:8:13: item 1 is listed twice in \"a\"");
    let message = error_of(&numbered("reverse = [2, 2]\n"));
    assert_eq!(
        message,
        "test.toml:6:15: item 2 is listed twice in `reverse`"
    );
}

#[test]
fn a_band_above_the_highest_possible_score_is_an_error() {
    // Six items scored 0-4: the total runs 0-24.
    let beyond =
        "[total]\nbands = [{ label = \"low\", min = 0 }, { label = \"high\", min = 25 }]\n";
    assert_eq!(
        error_of(&numbered(beyond)),
        "test.toml:7:38: band \"high\" starts at 25, above the highest total score the items allow (24): no one can fall in it"
    );
    let at_the_top =
        "[total]\nbands = [{ label = \"low\", min = 0 }, { label = \"top\", min = 24 }]\n";
    assert!(Scale::from_toml(&numbered(at_the_top), "test.toml").is_ok());
    // A subscale's mean of items 1-3 runs 0-4; weighted by 2.5 it runs 0-10.
    let subscale = "[[subscales]]\nid = \"a\"\nitems = [1, 2, 3]\nmethod = \"mean\"\nweight = 2.5\nbands = [{ label = \"low\", min = 0 }, { label = \"high\", min = 10.5 }]\n";
    assert!(
        error_of(&numbered(subscale)).starts_with(
            "test.toml:11:38: band \"high\" starts at 10.5, above the highest a score the items allow (10)"
        )
    );
    // A named transform's bands classify the transformed value: 24 × 1.25 = 30.
    let transformed = "[total]\ntransform = { name = \"index\", multiply = 1.25, add = 0, rounding = \"truncate\" }\nbands = [{ label = \"low\", min = 0 }, { label = \"high\", min = 30 }]\n";
    assert!(Scale::from_toml(&numbered(transformed), "test.toml").is_ok());
    let past = transformed.replace("min = 30", "min = 31");
    assert!(error_of(&numbered(&past)).contains(
        "band \"high\" starts at 31, above the highest index score the items allow (30)"
    ));
}

#[test]
fn value_ranges_follow_method_weight_transform_and_subscales() {
    let scale = Scale::from_toml(
        &numbered(
            "reverse = [1]\n[[subscales]]\nid = \"a\"\nitems = [1, 2]\nmethod = \"mean\"\nweight = -2\n[[subscales]]\nid = \"b\"\nitems = [3, 4, 5, 6]\n[total]\nsubscales = [\"a\", \"b\"]\ntransform = { multiply = 0.5, add = 10, rounding = \"round\" }\n",
        ),
        "test.toml",
    )
    .unwrap();
    // a: mean of 0-4 items is 0-4, times -2 is -8-0; b: four items 0-4 sum to 0-16.
    assert_eq!(scale.scores[0].value_range(&scale, false), (-8.0, 0.0));
    assert_eq!(scale.scores[1].value_range(&scale, false), (0.0, 16.0));
    // total: a + b runs -8-16; × 0.5 + 10, rounded: 6-18.
    assert_eq!(scale.scores[2].value_range(&scale, true), (6.0, 18.0));
    assert_eq!(scale.scores[2].value_range(&scale, false), (6.0, 18.0));
}

#[test]
fn bands_must_increase() {
    let unordered =
        "[total]\nbands = [{ label = \"low\", min = 0 }, { label = \"high\", min = 0 }]\n";
    let message = error_of(&numbered(unordered));
    assert!(
        message.starts_with(
            "test.toml:7:38: band \"high\" (min 0) must start above band \"low\" (min 0)"
        ),
        "{message}"
    );
    let backwards =
        "[total]\nbands = [{ label = \"high\", min = 10 }, { label = \"low\", min = 0 }]\n";
    assert!(error_of(&numbered(backwards)).contains("must start above band \"high\" (min 10)"));
}

#[test]
fn a_score_that_could_pass_1e15_is_refused() {
    assert_eq!(
        error_of("id = \"t\"\nname = \"T\"\nmin = 0\nmax = 1e300\nitems = 3\n"),
        "test.toml:4:7: the total score can reach 3e300, beyond ±1e15, where sums of answers are no longer exact: check min, max, the weights and transforms"
    );
    // A weight can do it too; 4e14 × 3 items × 1 is still exact enough.
    let weighted = numbered("[[subscales]]\nid = \"a\"\nitems = [1, 2]\nweight = 1e15\n");
    assert!(error_of(&weighted).contains("the a score can reach 8e15"));
    assert!(
        Scale::from_toml(
            "id = \"t\"\nname = \"T\"\nmin = 0\nmax = 4e14\nitems = 2\n",
            "t.toml"
        )
        .is_ok()
    );
}

#[test]
fn min_must_be_below_max() {
    let message = error_of("id = \"t\"\nname = \"T\"\nmin = 4\nmax = 4\nitems = 3\n");
    assert_eq!(
        message,
        "test.toml:4:7: max (4) must be greater than min (4)"
    );
    let message = error_of(&numbered("[item.2]\nmin = 5\n"));
    assert_eq!(
        message,
        "test.toml:6:1: item 2: max (4) must be greater than min (5)"
    );
}

#[test]
fn missing_rules_are_checked() {
    let both = "[missing]\nmax_missing = 1\nmax_missing_fraction = 0.2\n";
    assert!(
        error_of(&numbered(both))
            .contains("either `max_missing` or `max_missing_fraction`, not both")
    );
    assert!(
        error_of(&numbered("[missing]\nmax_missing_fraction = 1.5\n"))
            .contains("less than 1, not 1.5")
    );
    assert!(error_of(&numbered("[missing]\nmax_missing = -1\n")).contains("0 or more, not -1"));
    assert_eq!(MissingRule::MaxMissingFraction(0.2).allowed(10), 2);
    assert_eq!(MissingRule::MaxMissingFraction(0.25).allowed(10), 2);
    assert_eq!(MissingRule::MaxMissingFraction(0.3).allowed(10), 3);
}

#[test]
fn labels_must_lie_in_the_item_range() {
    let message = error_of(&numbered("labels = { never = 0, always = 5 }\n"));
    assert_eq!(
        message,
        "test.toml:6:10: label \"always\" = 5 is not a valid answer to item 1 (0 to 4, whole numbers)"
    );
}

#[test]
fn ids_and_reserved_names() {
    assert!(
        error_of(&numbered("").replace("id = \"t\"", "id = \"T x\""))
            .contains("must start with a lowercase letter")
    );
    let message = error_of(&numbered("[[subscales]]\nid = \"status\"\nitems = [1]\n"));
    assert_eq!(
        message,
        "test.toml:7:6: subscale id \"status\" is reserved; choose another"
    );
}

#[test]
fn sum_and_count_items() {
    let text = numbered(
        "reverse = [1]\n[item.2]\nkind = \"sum\"\nparts = [\"a\", \"b\"]\n[item.3]\nkind = \"count\"\nparts = [\"a\", \"b\", \"c\"]\n",
    );
    let scale = Scale::from_toml(&text, "t").unwrap();
    assert_eq!(scale.items[1].score_range(), (0.0, 8.0));
    assert_eq!(scale.items[2].score_range(), (0.0, 3.0));
    let reversed_sum =
        numbered("reverse = [2]\n[item.2]\nkind = \"sum\"\nparts = [\"a\", \"b\"]\n");
    assert!(error_of(&reversed_sum).contains("cannot be reverse-keyed"));
    assert!(error_of(&numbered("[item.2]\nkind = \"sum\"\n")).contains("needs `parts`"));
    assert!(error_of(&numbered("[item.9]\nmin = 1\n")).contains("no item 9"));
}

#[test]
fn total_of_subscales_and_transforms() {
    let text = numbered(
        "[[subscales]]\nid = \"a\"\nitems = [1, 2, 3]\nweight = 1.25\n[[subscales]]\nid = \"b\"\nitems = [4, 5, 6]\n[total]\nsubscales = [\"a\", \"b\"]\ntransform = { name = \"index\", multiply = 2, rounding = \"round\" }\n",
    );
    let scale = Scale::from_toml(&text, "t").unwrap();
    let total = scale.total().unwrap();
    assert!(matches!(&total.source, ScoreSource::Subscales(s) if s == &[0, 1]));
    assert_eq!(total.banded_id(), "index");
    let unknown =
        numbered("[[subscales]]\nid = \"a\"\nitems = [1]\n[total]\nsubscales = [\"b\"]\n");
    assert!(error_of(&unknown).contains("no subscale \"b\"; the subscales are: a"));
    let no_rounding = numbered("[total]\ntransform = { multiply = 1.25 }\n");
    assert!(error_of(&no_rounding).contains("missing field `rounding`"));
}

#[test]
fn transforms_round_as_documented() {
    let transform = |rounding| Transform {
        name: None,
        label: None,
        label_zh: None,
        multiply: 1.25,
        add: 0.0,
        rounding,
    };
    // Raw 42 → 52.5; raw 41 → 51.25.
    assert_eq!(transform(Rounding::Truncate).apply(42.0), 52.0);
    assert_eq!(transform(Rounding::Round).apply(42.0), 53.0);
    assert_eq!(transform(Rounding::Round).apply(41.0), 51.0);
    assert_eq!(transform(Rounding::None).apply(41.0), 51.25);
}

#[test]
fn bands_hold_scores_from_their_min_to_the_next_min() {
    let text = numbered(
        "[total]\nbands = [{ label = \"mild\", min = 0 }, { label = \"moderate\", min = 10 }, { label = \"severe\", min = 20 }]\n",
    );
    let scale = Scale::from_toml(&text, "t").unwrap();
    let total = scale.total().unwrap();
    let band = |score: f64| total.band(score).map(|b| b.label.as_str());
    assert_eq!(band(-1.0), None);
    assert_eq!(band(0.0), Some("mild"));
    assert_eq!(band(9.999), Some("mild"));
    assert_eq!(band(10.0), Some("moderate"));
    assert_eq!(band(24.0), Some("severe"));
}

#[test]
fn unknown_scale_names_suggest_the_closest_builtin() {
    let message = Scale::load("cbj").unwrap_err().to_string();
    assert!(message.starts_with("unknown scale `cbj`: no built-in scale has this id and no such file exists; did you mean `cbi`?"), "{message}");
    assert!(message.contains("built-in scales: cbi, "), "{message}");
}

#[test]
fn a_value_belongs_to_the_last_band_whose_min_it_reaches() {
    let band = |label: &str, min: f64| Band {
        label: label.to_owned(),
        label_zh: None,
        min,
    };
    let bands = [
        band("mild", 0.0),
        band("moderate", 33.0),
        band("severe", 65.0),
    ];
    assert_eq!(band_index(&bands, -0.5), None);
    assert_eq!(band_index(&bands, 0.0), Some(0));
    assert_eq!(band_index(&bands, 32.99), Some(0));
    assert_eq!(band_index(&bands, 33.0), Some(1));
    assert_eq!(band_index(&bands, 64.5), Some(1));
    assert_eq!(band_index(&bands, 96.0), Some(2));
}
