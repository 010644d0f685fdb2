//! Numbers as APA style writes them in tables and text: fixed decimals, p-values without a
//! leading zero, intervals in brackets, "—" for a value that does not exist.

use super::format_number;

/// A number rounded to `decimals`, or "—" (also for a value that is not finite, which never
/// reaches the output as `NaN` or `inf`). From 1e15 on it is written in scientific notation
/// (`1.70e308`), not as hundreds of digits.
pub fn num(value: Option<f64>, decimals: usize) -> String {
    match value {
        Some(v) if v.is_finite() => fixed(v, decimals),
        _ => "—".to_owned(),
    }
}

/// `value` with `decimals` decimals, in scientific notation from 1e15 on; a negative value that
/// rounds to zero shows as zero (`0.000`, not `-0.000`), as R's `round` and SPSS show it.
pub fn fixed(value: f64, decimals: usize) -> String {
    let text = if value.abs() >= 1e15 {
        format!("{value:.decimals$e}")
    } else {
        format!("{value:.decimals$}")
    };
    match text.strip_prefix('-') {
        Some(unsigned) if unsigned.bytes().all(|b| b == b'0' || b == b'.') => unsigned.to_owned(),
        _ => text,
    }
}

/// `value` rounded to `decimals`, or to as many more as it takes (up to 6, then in scientific
/// notation) for a value that is not zero not to show as zero: `-0.003`, not `-0.00`. For
/// messages whose point is the value's sign.
pub fn nonzero_num(value: f64, decimals: usize) -> String {
    let smallest_shown = 0.5 * 10f64.powi(-i32::try_from(decimals).unwrap_or(i32::MAX));
    if !value.is_finite() {
        return "—".to_owned();
    }
    if value == 0.0 || value.abs() >= smallest_shown {
        return fixed(value, decimals);
    }
    // The first significant digit of |value| < 1 is at decimal place ceil(-log10 |value|).
    match (-value.abs().log10()).ceil() {
        places if places <= 6.0 => format!("{value:.0$}", places as usize),
        _ => format!("{value:.0e}"),
    }
}

/// A p-value in APA style: `.004`, `< .001`, or "—".
pub fn p_value(p: Option<f64>) -> String {
    match p.filter(|p| p.is_finite()) {
        None => "—".to_owned(),
        Some(p) if p < 0.001 => "< .001".to_owned(),
        p => no_leading_zero(p, 3),
    }
}

/// A number that cannot exceed 1 in size (α, ω, r, η², p) without its leading zero, as APA
/// writes it: `.85`, `-.06`; "—" for none.
pub fn no_leading_zero(value: Option<f64>, decimals: usize) -> String {
    let Some(value) = value.filter(|v| v.is_finite()) else {
        return "—".to_owned();
    };
    let text = fixed(value, decimals);
    if let Some(rest) = text.strip_prefix("0.") {
        format!(".{rest}")
    } else if let Some(rest) = text.strip_prefix("-0.") {
        format!("-.{rest}")
    } else {
        text
    }
}

/// `M (SD)`.
pub fn mean_sd(mean: Option<f64>, sd: Option<f64>) -> String {
    format!("{} ({})", num(mean, 2), num(sd, 2))
}

/// `[low, high]` with an open side shown as ∞; "—" when there is no interval at all.
pub fn interval(low: Option<f64>, high: Option<f64>, decimals: usize) -> String {
    let (low, high) = (
        low.filter(|v| v.is_finite()),
        high.filter(|v| v.is_finite()),
    );
    if low.is_none() && high.is_none() {
        return "—".to_owned();
    }
    let low = low.map_or_else(|| "−∞".to_owned(), |v| fixed(v, decimals));
    let high = high.map_or_else(|| "∞".to_owned(), |v| fixed(v, decimals));
    format!("[{low}, {high}]")
}

/// `95% CI` for a confidence level of 0.95.
pub fn conf_label(conf: f64) -> String {
    let mut percent = String::new();
    format_number((conf * 100.0 * 1e9).round() / 1e9, &mut percent);
    format!("{percent}% CI")
}

/// An estimate followed by its interval: `0.46 [-0.51, 1.42]`.
pub fn with_interval(
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    decimals: usize,
) -> String {
    format!("{} {}", num(value, decimals), interval(low, high, decimals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonzero_num_keeps_a_small_value_from_showing_as_zero() {
        let cases = [
            (-0.25, "-0.25"),
            (-0.005, "-0.01"),
            (-0.0049, "-0.005"),
            (-0.003, "-0.003"),
            (-0.001, "-0.001"),
            (-0.00042, "-0.0004"),
            (0.000001, "0.000001"),
            (-3e-9, "-3e-9"),
            (0.0, "0.00"),
            (1.5, "1.50"),
        ];
        for (value, expected) in cases {
            assert_eq!(nonzero_num(value, 2), expected, "{value}");
        }
    }

    #[test]
    fn a_negative_value_that_rounds_to_zero_shows_no_sign() {
        let cases = [
            (-2e-17, 3, "0.000"),
            (-0.0004, 3, "0.000"),
            (-0.0005, 3, "-0.001"),
            (-0.4, 0, "0"),
            (-1.25, 1, "-1.2"),
            (0.0, 2, "0.00"),
        ];
        for (value, decimals, expected) in cases {
            assert_eq!(fixed(value, decimals), expected, "{value}");
        }
    }
}
