#pragma once
// Agreement between human raters (or a model judge and a human) who scored the same items, e.g. the 1–5
// fidelity ratings of AI-drafted journalnotater. Pure functions; formulas in docs/summary-metrics.md.
//
//   quadratic_weighted_kappa  two raters, every item rated by both, ordinal scale min..max.
//   krippendorff_alpha        any number of raters, missing ratings allowed, nominal/ordinal/interval.
#include <optional>
#include <vector>

namespace pb {

// Cohen's kappa with quadratic weights w(i,j) = (i−j)² / (K−1)², K = max_rating − min_rating + 1:
//   κ = 1 − Σ w·O / Σ w·E, O the observed K×K count table, E = outer(row totals, column totals) / N.
// Same definition as sklearn.metrics.cohen_kappa_score(a, b, weights="quadratic").
// Returns NaN when κ is undefined (Σ w·E = 0: no ratings, or both raters used one and the same category
// for every item). Throws std::invalid_argument when a and b differ in length, min_rating >= max_rating or
// a rating lies outside [min_rating, max_rating].
double quadratic_weighted_kappa(const std::vector<int>& a, const std::vector<int>& b, int min_rating,
                                int max_rating);

enum class AlphaLevel { nominal, ordinal, interval };

// Krippendorff's alpha, α = 1 − D_o / D_e, over the coincidence matrix of all pairable values
// (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
//
// Data layout: units_by_rater[r][u] is rater r's value for unit u (one row per rater, one column per unit,
// like the "reliability data matrix" in the paper); nullopt = rater r did not rate unit u. Every row must
// have the same length (std::invalid_argument otherwise). Values are compared exactly: for nominal and
// ordinal data they are category codes (ordinal uses only their order and frequencies, never the
// distances between codes); interval uses the squared numeric difference.
//
// Returns nullopt when α is undefined: no unit has two or more values (nothing is pairable), or every
// pairable value is the same (D_e = 0 — the data show no variation, so agreement cannot be told from chance).
// Units rated by a single rater are ignored, as in the paper.
std::optional<double> krippendorff_alpha(const std::vector<std::vector<std::optional<double>>>& units_by_rater,
                                         AlphaLevel level);

}  // namespace pb
