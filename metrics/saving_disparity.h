#pragma once
// Disparity of time saved between target groups: does the AI draft save every group about as much documentation
// time as it saves the reference group? A group's saving is mean(baseline minutes) − mean(assisted minutes), two
// independent samples, so the bootstrap is stratified by group and by arm. Pure function; randomness only through
// pb::Rng.
//
// Usage:
//   std::vector<SavingGroupSample> groups = {{.name = "jobparate", .baseline_minutes = …, .assisted_minutes = …}, …};
//   DisparityOptions options;      // band 0.8..1.25, min_n 5, 2000 replicates, level 0.95 (metrics/group_disparity.h)
//   options.seed = derive_seed(plan_seed, "fairness/time_saved");
//   SavingDisparityReport report = compute_saving_disparity(groups, options);
//
// Verdicts follow compute_group_disparity with higher_is_better = true: fair when the ratio CI lies inside the band,
// unfair when it lies entirely outside, otherwise inconclusive ("too few", "CI straddles 0.8", an undefined ratio).
// Conventions of metrics/bootstrap.h: Hyndman–Fan type 7 percentile intervals; undefined values are NaN, never 0,
// and carry a reason.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "metrics/bootstrap.h"
#include "metrics/group_disparity.h"

namespace pb {

// One group's documentation minutes per conversation: without AI (baseline) and with the AI draft (assisted).
struct SavingGroupSample {
  std::string name;  // unique within one call
  std::vector<double> baseline_minutes;
  std::vector<double> assisted_minutes;
};

struct SavingGroupDisparity {
  std::string name;
  std::size_t n_baseline = 0;
  std::size_t n_assisted = 0;
  double baseline_mean;            // NaN when the sample is empty or holds a non-finite value
  double assisted_mean;
  double saving;                   // baseline_mean − assisted_mean, minutes; NaN when undefined
  std::string saving_undefined;    // "no baseline minutes", "no assisted minutes", "non-finite value"; empty if defined
  Interval saving_ci;              // percentile bootstrap
  bool is_reference = false;

  double difference;               // saving − reference saving
  std::string difference_undefined;
  Interval difference_ci;          // stratified bootstrap (group × arm)
  double ratio;                    // saving / reference saving; NaN when the reference saving is <= 0
  std::string ratio_undefined;
  Interval ratio_ci;               // replicates whose reference saving is <= 0 are left out
  int ratio_replicates_used = 0;
  double p_value;                  // bootstrap_normal_p for difference ≠ 0; NaN for the reference and undefined

  FairnessVerdict verdict = FairnessVerdict::inconclusive;
  std::string verdict_reason;
};

struct SavingDisparityReport {
  std::string reference_group;      // empty when none could be chosen
  bool reference_declared = false;  // false: chosen as the group with the most conversations (baseline + assisted)
  std::string problem;              // non-empty when the input as a whole is unusable (every group inconclusive)
  std::vector<SavingGroupDisparity> groups;  // in input order, the reference included
  DisparityOptions options;         // as used
};

// The reference is options.reference_group when set (a name not among the groups makes the whole report
// undefined), else the group with the most conversations, ties to the first name in byte order. A group is "too
// few" when either of its samples, or either of the reference's, has fewer than options.min_n minutes.
// Replicate b of group g draws n_baseline baseline minutes, then n_assisted assisted minutes, with replacement from
// pb::Rng(derive_seed(options.seed, "saving-disparity/" + g.name)), so a group's replicates do not depend on the
// other groups. Preconditions (asserted): 0 < level < 1, ratio_lower <= ratio_upper.
SavingDisparityReport compute_saving_disparity(std::span<const SavingGroupSample> groups,
                                               const DisparityOptions& options = {});

}  // namespace pb
