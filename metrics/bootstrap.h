#pragma once
// Percentile bootstrap confidence intervals over items (utterances, conversations).
//
// Items are resampled with replacement: each replicate draws n item indices with pb::Rng(seed)
// (index(n), one call per draw, replicate after replicate), so an interval is a pure function of
// (inputs, replicates, seed, level) and identical on every platform. Resampling whole items, not words,
// keeps the correlation between the words of one utterance, which is what makes the interval honest
// for corpus WER.
//
// Interval bounds are the (1 − level)/2 and (1 + level)/2 quantiles of the replicate statistics, using
// the Hyndman–Fan type 7 definition (the default of R and NumPy): for sorted values x[0..B−1] and
// probability p, h = (B − 1)·p, and the quantile is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
//
// Undefined cases give NaN bounds (level is still set): no items, any non-finite input value,
// replicates < 1, or (ratio only) no replicate with a non-zero denominator sum. Replicates whose
// denominator sum is 0 have no ratio and are left out of the quantiles. Preconditions (asserted):
// equal-length numerators and denominators, 0 < level < 1.
#include <cstdint>
#include <span>

namespace pb {

struct Interval {
  double lower;
  double upper;
  double level;  // e.g. 0.95
};

// CI for Σnumerators / Σdenominators, e.g. corpus WER with numerators = errors and denominators =
// reference words per item.
Interval bootstrap_ratio_ci(std::span<const double> numerators, std::span<const double> denominators, int replicates,
                            std::uint64_t seed, double level = 0.95);

// CI for the mean of per-item values (e.g. mean per-conversation WER).
Interval bootstrap_mean_ci(std::span<const double> values, int replicates, std::uint64_t seed, double level = 0.95);

// Type 7 quantile of already sorted values (non-empty, 0 <= p <= 1). Exposed for tests and reports.
double quantile_type7(std::span<const double> sorted, double p);

}  // namespace pb
