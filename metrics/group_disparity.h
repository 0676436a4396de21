#pragma once
// Disparity of one metric between each group (target group, protected attribute value, intersection) and a
// reference group: difference and ratio with confidence intervals, a bootstrap p-value for "difference ≠ 0", and a
// verdict against a tolerance band on the ratio. Pure functions; randomness only through pb::Rng.
//
// Usage:
//   std::vector<GroupSample> groups = {{.name = "aktivitetsparate", .numerators = errors, .denominators = words}, …};
//   DisparityOptions options;           // band 0.8..1.25, min_n 5, 2000 replicates, level 0.95
//   options.reference_group = "jobparate";
//   options.seed = derive_seed(run_seed, "fairness/wer");
//   DisparityReport report = compute_group_disparity(groups, GroupMetricKind::ratio_of_sums, false, options);
//
// Conventions follow metrics/bootstrap.h: percentile intervals with Hyndman–Fan type 7 quantiles at (1 − level)/2
// and (1 + level)/2; undefined values and bounds are NaN, never 0, and come with a reason string.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "metrics/bootstrap.h"

namespace pb {

// How a group's value is computed from its items.
enum class GroupMetricKind {
  mean,            // mean of `values` (e.g. mean per-conversation fidelity)
  ratio_of_sums,   // Σnumerators / Σdenominators (e.g. corpus WER = Σerrors / Σreference words)
  proportion,      // share of `values` equal to 1; every value must be 0 or 1 (e.g. "in job after 26 weeks")
};

// One group's items. Use `values` for mean and proportion, `numerators` + `denominators` for ratio_of_sums.
struct GroupSample {
  std::string name;  // unique within one call
  std::vector<double> values;
  std::vector<double> numerators;
  std::vector<double> denominators;
};

struct DisparityOptions {
  // The group every other group is compared with. When not set, the group with the most items; ties go to the
  // first name in byte order. A declared name that is not among the groups makes the whole report undefined.
  std::optional<std::string> reference_group;
  double ratio_lower = 0.8;   // tolerance band on value / reference value, inclusive
  double ratio_upper = 1.25;
  std::size_t min_n = 5;      // groups (or a reference) with fewer items are "inconclusive: too few"
  int replicates = 2000;      // bootstrap replicates B
  std::uint64_t seed = 0;     // group g resamples from Rng(derive_seed(seed, "disparity-group/" + g.name))
  double level = 0.95;
};

enum class FairnessVerdict {
  fair,          // the ratio CI lies entirely inside the tolerance band
  unfair,        // the ratio CI lies entirely outside it
  inconclusive,  // the CI straddles a band edge, or the data are too few or undefined
  reference,     // the reference group itself (not judged)
};

// "fair", "unfair", "inconclusive", "reference".
const char* to_string(FairnessVerdict verdict);

struct GroupDisparity {
  std::string name;
  std::size_t n = 0;               // items
  double numerator_sum = 0.0;      // ratio_of_sums: Σnumerators; proportion: successes; mean: Σvalues
  double denominator_sum = 0.0;    // ratio_of_sums: Σdenominators; proportion and mean: n
  double value;                    // NaN when undefined
  std::string value_undefined;     // why value is NaN ("empty group", "zero denominator", …); empty when defined
  Interval value_ci;               // proportion: Wilson score; otherwise bootstrap percentile
  bool is_reference = false;

  double difference;               // value − reference value
  std::string difference_undefined;  // why difference is NaN; empty when defined
  Interval difference_ci;          // stratified bootstrap
  Interval newcombe_difference_ci; // proportion only (Newcombe hybrid score); NaN bounds otherwise
  double ratio;                    // value / reference value
  std::string ratio_undefined;     // why ratio is NaN; empty when defined
  Interval ratio_ci;               // stratified bootstrap; replicates whose reference value is 0 are left out
  int ratio_replicates_used = 0;   // replicates behind ratio_ci
  double p_value;                  // bootstrap-normal two-sided p for difference ≠ 0; NaN for the reference / undefined

  FairnessVerdict verdict = FairnessVerdict::inconclusive;
  std::string verdict_reason;      // e.g. "too few", "CI straddles 1.25", "CI inside band"
};

struct DisparityReport {
  GroupMetricKind kind;
  bool higher_is_better;            // wording only: for error metrics (WER) ratio > upper means the group is worse
  std::string reference_group;      // empty when no reference could be chosen
  bool reference_declared = false;  // false when chosen as the largest group
  std::string problem;              // non-empty when the input as a whole is unusable (then every group is inconclusive)
  std::vector<GroupDisparity> groups;  // in input order, the reference included
  DisparityOptions options;         // as used
};

// Preconditions (asserted): 0 < level < 1, ratio_lower <= ratio_upper.
DisparityReport compute_group_disparity(std::span<const GroupSample> groups, GroupMetricKind kind,
                                        bool higher_is_better, const DisparityOptions& options = {});

// The verdict rules above for a ratio interval, after the "too few" and "ratio undefined" checks the caller makes:
// fair when the interval lies inside [ratio_lower, ratio_upper], unfair when wholly outside, inconclusive when it
// straddles an edge or is not finite. `reason` is "CI inside band", "CI above 1.25", "CI straddles 0.8", ….
FairnessVerdict judge_ratio_interval(const Interval& ratio_ci, const DisparityOptions& options, std::string& reason);

// Newcombe's hybrid score interval (Newcombe 1998, method 10) for p1 − p2 of two independent proportions, from the
// Wilson intervals (l1, u1) and (l2, u2) at the same level:
//   lower = d − √((p1 − l1)² + (u2 − p2)²),  upper = d + √((u1 − p1)² + (p2 − l2)²),  d = p1 − p2.
// NaN bounds (level still set) when either n <= 0 or successes are outside 0..n.
Interval newcombe_difference_ci(std::int64_t successes1, std::int64_t n1, std::int64_t successes2, std::int64_t n2,
                                double level = 0.95);

// The p-value for "difference ≠ 0" from the observed difference d and its bootstrap replicates (NaN replicates
// ignored): a normal (Wald) test with the bootstrap standard error,
//   p = 2·(1 − Φ(|d| / se)) = erfc(|d| / (se·√2)),  se = sample standard deviation of the U finite replicates,
// so its resolution is not limited to 1/(B + 1) as a count of replicates beyond 0 would be, which matters once
// Holm multiplies it by the number of groups × metrics tested. se = 0: p = 1 when d = 0, else 0. NaN when d is not
// finite or U < 2.
double bootstrap_normal_p(double observed_difference, std::span<const double> replicate_differences);

}  // namespace pb
