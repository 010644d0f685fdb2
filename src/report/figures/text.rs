//! Text for figures: short numbers, XML escaping, and fitting labels into a width.

use std::fmt;

/// A pixel coordinate, written with at most one decimal.
pub(super) struct Px(pub(super) f64);

impl fmt::Display for Px {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&trim_number(self.0, 1))
    }
}

/// A data value, written with at most two decimals.
pub(super) struct Val(pub(super) f64);

impl fmt::Display for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&trim_number(self.0, 2))
    }
}

/// `x` rounded to `decimals`, without trailing zeros or a negative zero.
pub(super) fn trim_number(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "0".to_owned();
    }
    let mut s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.truncate(s.trim_end_matches('0').trim_end_matches('.').len());
    }
    if s == "-0" { "0".to_owned() } else { s }
}

/// Escapes `& < > " '` and drops characters XML 1.0 does not allow.
pub(crate) fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Collapses runs of whitespace (including newlines) into single spaces.
pub(super) fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins the non-empty parts of a description into sentences.
pub(super) fn join_desc(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(". ")
}

/// East Asian wide characters (CJK, kana, hangul, full-width forms), about 1 em wide.
pub(super) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Estimated advance of `c` in em for a sans-serif UI font; errs on the wide side.
pub(super) fn char_width(c: char) -> f64 {
    if is_wide(c) {
        1.0
    } else if matches!(
        c,
        ' ' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' | 'i' | 'l' | 'j'
    ) {
        0.3
    } else if matches!(c, 'm' | 'w' | 'M' | 'W' | '…' | '—') {
        0.85
    } else if c.is_uppercase() {
        0.68
    } else {
        0.56
    }
}

/// Estimated width of `s` at font size `size`.
pub(super) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_width).sum::<f64>() * size
}

/// `s` on one line, cut with `…` if wider than `max_width`.
pub(super) fn fit(s: &str, max_width: f64, size: f64) -> String {
    let s = clean(s);
    if text_width(&s, size) <= max_width {
        return s;
    }
    let budget = max_width - char_width('…') * size;
    let mut used = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        used += char_width(c) * size;
        if used > budget {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `s` wrapped into at most `max_lines` lines of `max_width`, breaking at
/// spaces or around wide (CJK) characters, else anywhere; the last line is
/// cut with `…` if text remains.
pub(super) fn wrap(s: &str, max_width: f64, size: f64, max_lines: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    // Byte offsets in `current` where a new line may start.
    let mut breaks: Vec<usize> = Vec::new();
    for c in clean(s).chars() {
        if current.is_empty() && c == ' ' {
            continue;
        }
        let may_break = current.chars().next_back().is_some_and(|before| {
            (before == ' ' || is_wide(before) || is_wide(c)) && !opens(before) && !closes(c)
        });
        if may_break {
            breaks.push(current.len());
        }
        if !current.is_empty() && text_width(&current, size) + char_width(c) * size > max_width {
            let at = breaks.last().copied().unwrap_or(current.len());
            let rest = current.split_off(at);
            lines.push(current.trim_end().to_owned());
            current = rest;
            breaks = breaks.iter().filter(|&&b| b > at).map(|b| b - at).collect();
            if current.is_empty() && c == ' ' {
                continue;
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let max_lines = max_lines.max(1);
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(fit(&rest, max_width, size));
    }
    lines
}

/// Punctuation that must not start a line (a simplified CJK kinsoku rule).
pub(super) fn closes(c: char) -> bool {
    matches!(
        c,
        '）' | '，' | '。' | '、' | '：' | '；' | '！' | '？' | '」' | '』' | '》' | '】'
    )
}

/// Punctuation that must not end a line.
pub(super) fn opens(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '《' | '【')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_cjk_and_cuts_the_rest() {
        assert_eq!(
            wrap("Moderately severe", 80.0, 11.0, 2),
            ["Moderately", "severe"]
        );
        let zh = wrap("中度到重度抑郁症状", 50.0, 10.0, 2);
        assert_eq!(zh, ["中度到重度", "抑郁症状"]);
        // Closing punctuation stays with the character before it.
        assert_eq!(wrap("重度（关注）", 50.0, 10.0, 2), ["重度（关", "注）"]);
        let cut = wrap("one two three four five six", 40.0, 12.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert!(wrap("", 40.0, 12.0, 2).is_empty());
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(trim_number(2.0, 2), "2");
        assert_eq!(trim_number(2.3456, 2), "2.35");
        assert_eq!(trim_number(-0.001, 2), "0");
        assert_eq!(trim_number(120.0, 1), "120");
        assert_eq!(trim_number(f64::NAN, 2), "0");
    }
}
