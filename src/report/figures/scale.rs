//! The value axis: "nice" bounds and ticks, and the mapping from values to pixels.

/// A linear value axis with "nice" bounds and ticks.
///
/// The step is 1, 2 or 5 times a power of ten, the smallest giving at most
/// seven intervals (fewer on short axes), and the bounds are rounded outwards to multiples of it
/// (after Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
pub(super) struct Scale {
    /// Lowest tick, as a multiple of `step`.
    first: f64,
    /// Number of intervals between the lowest and highest tick.
    intervals: usize,
    pub(super) step: f64,
    px_lo: f64,
    px_hi: f64,
}

impl Scale {
    /// Axis covering `y_range` (if valid) and all finite `values`; without a
    /// range the data range is padded by 5 % on each side.
    pub(super) fn for_values(
        values: impl Iterator<Item = f64>,
        y_range: Option<(f64, f64)>,
        px_lo: f64,
        px_hi: f64,
    ) -> Scale {
        let data = values
            .filter(|v| v.is_finite())
            .fold(None, |acc: Option<(f64, f64)>, v| {
                Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
            });
        let range = y_range
            .filter(|(a, b)| a.is_finite() && b.is_finite())
            .map(|(a, b)| (a.min(b), a.max(b)));
        let (lo, hi) = match (data, range) {
            (Some((lo, hi)), Some((a, b))) => (lo.min(a), hi.max(b)),
            (None, Some(r)) => r,
            (Some((lo, hi)), None) => {
                // Padding never takes non-negative data (scores) below zero.
                let pad = (hi - lo) * 0.05;
                let padded = lo - pad;
                (if lo >= 0.0 { padded.max(0.0) } else { padded }, hi + pad)
            }
            (None, None) => (0.0, 1.0),
        };
        Scale::new(lo, hi, px_lo, px_hi, false)
    }

    /// Axis for counts from 0 to `max`, with whole-number steps.
    pub(super) fn counts(max: f64, px_lo: f64, px_hi: f64) -> Scale {
        Scale::new(0.0, max.max(1.0), px_lo, px_hi, true)
    }

    fn new(mut lo: f64, mut hi: f64, px_lo: f64, px_hi: f64, integer: bool) -> Scale {
        if !(hi - lo).is_finite() {
            // Only reachable with values near ±f64::MAX; any axis will do.
            (lo, hi) = (0.0, 1.0);
        }
        if hi <= lo {
            let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
            (lo, hi) = (lo - pad, hi + pad);
        }
        // The smallest 1-2-5 step that covers the range in at most 7
        // intervals, and fewer on short axes so tick labels stay 28 units apart.
        let max_intervals = ((px_lo - px_hi).abs() / 28.0).floor().clamp(2.0, 7.0);
        let magnitude = 10f64.powf(((hi - lo) / 10.0).log10().floor());
        let (step, first, last) = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
            .into_iter()
            .map(|m| {
                let step = if integer {
                    (m * magnitude).max(1.0)
                } else {
                    m * magnitude
                };
                (step, (lo / step + 1e-9).floor(), (hi / step - 1e-9).ceil())
            })
            .find(|(_, first, last)| last - first <= max_intervals)
            .unwrap_or_else(|| {
                let first = (lo / (hi - lo)).floor();
                (hi - lo, first, first + 2.0)
            });
        let intervals = (last - first).clamp(1.0, 100.0) as usize;
        Scale {
            first,
            intervals,
            step,
            px_lo,
            px_hi,
        }
    }

    fn lo(&self) -> f64 {
        self.first * self.step
    }

    fn hi(&self) -> f64 {
        (self.first + self.intervals as f64) * self.step
    }

    /// Pixel position of value `v`.
    pub(super) fn px(&self, v: f64) -> f64 {
        self.px_lo + (v - self.lo()) / (self.hi() - self.lo()) * (self.px_hi - self.px_lo)
    }

    pub(super) fn ticks(&self) -> impl Iterator<Item = f64> + '_ {
        (0..=self.intervals).map(|i| (self.first + i as f64) * self.step)
    }

    /// Decimals needed to tell the ticks apart.
    pub(super) fn decimals(&self) -> usize {
        if self.step >= 1.0 {
            0
        } else {
            (-self.step.log10()).ceil().clamp(0.0, 6.0) as usize
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_handles_small_and_degenerate_ranges() {
        let s = Scale::new(0.31, 0.74, 300.0, 0.0, false);
        let ticks: Vec<f64> = s.ticks().collect();
        assert_eq!(s.step, 0.1);
        assert!((ticks[0] - 0.3).abs() < 1e-12 && (ticks[ticks.len() - 1] - 0.8).abs() < 1e-12);
        assert_eq!(s.decimals(), 1);
        let flat = Scale::new(5.0, 5.0, 300.0, 0.0, false);
        assert!(flat.lo() < 5.0 && flat.hi() > 5.0);
        assert!((flat.px(5.0) - 150.0).abs() < 1e-9);
        let counts = Scale::counts(0.0, 300.0, 0.0);
        assert_eq!((counts.lo(), counts.hi(), counts.step), (0.0, 1.0, 1.0));
    }
}
