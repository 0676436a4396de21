#include "harness/fairness_layer.h"

#include <cmath>

#include <gtest/gtest.h>

#include "harness/group_suppression.h"

namespace pb {
namespace {

GroupSample values(const std::string& name, std::vector<double> v) {
  GroupSample g;
  g.name = name;
  g.values = std::move(v);
  return g;
}

FairnessSettings settings_with(const std::string& correction) {
  FairnessSettings s;
  s.correction = correction;
  s.min_cell_size = 1;
  s.bootstrap_replicates = 2000;
  return s;
}

const FairnessCell& cell_of(const std::vector<FairnessCell>& cells, const std::string& group) {
  for (const auto& c : cells)
    if (c.group == group) return c;
  throw std::runtime_error("no cell " + group);
}

// Four groups {1.26, 2.0} against a reference {1, 1, 1}: the mean of two resampled values is 1.26, 1.63 or 2.0, so
// each ratio CI is [1.26, 2.0], above 1.25 → unfair before correction. The bootstrap SD of that mean is
// 0.37/√2 ≈ 0.26, d = 0.63 → z ≈ 2.4, p ≈ 0.016 for each. Holm: the smallest is multiplied by 4 → ≈ 0.065 ≥ 0.05,
// so every "unfair" becomes inconclusive. BH with four equal p-values: p·4/4 = p < 0.05, they stay unfair.
std::vector<FairnessInput> four_borderline_groups() {
  FairnessInput input;
  input.grouping = "target_group";
  input.metric = "summary.key_fact_recall";
  input.kind = GroupMetricKind::mean;
  input.higher_is_better = true;
  input.groups.push_back(values("reference", {1, 1, 1}));
  for (const char* name : {"a", "b", "c", "d"}) input.groups.push_back(values(name, {1.26, 2.0}));
  return {input};
}

TEST(FairnessLayer, HolmTurnsBorderlineUnfairVerdictsIntoInconclusive) {
  const auto inputs = four_borderline_groups();
  const auto cells = fairness_cells(inputs, settings_with("holm"), 7);
  ASSERT_EQ(cells.size(), 5u);
  EXPECT_EQ(cell_of(cells, "reference").verdict, "reference");
  for (const char* name : {"a", "b", "c", "d"}) {
    const auto& c = cell_of(cells, name);
    EXPECT_NEAR(c.p_value, 0.016, 0.006) << name;
    EXPECT_GE(c.p_adjusted, 0.05) << name;
    EXPECT_EQ(c.verdict, "inconclusive") << name;
    EXPECT_NE(c.reason.find("not significant after Holm"), std::string::npos) << c.reason;
    EXPECT_EQ(c.kind, "mean");
    EXPECT_DOUBLE_EQ(c.numerator, 3.26);  // Σ values
    EXPECT_DOUBLE_EQ(c.denominator, 2.0);  // n
    ASSERT_TRUE(c.ratio_ci);
    EXPECT_GT(c.ratio_ci->lower, 1.25);
  }
}

TEST(FairnessLayer, BenjaminiHochbergKeepsThem) {
  const auto inputs = four_borderline_groups();
  const auto cells = fairness_cells(inputs, settings_with("benjamini-hochberg"), 7);
  for (const char* name : {"a", "b", "c", "d"}) {
    const auto& c = cell_of(cells, name);
    // Four p-values ≈ 0.016: BH multiplies the largest by 4/4 and the others by at most 4/3 → still < 0.05.
    EXPECT_GE(c.p_adjusted, c.p_value) << name;
    EXPECT_LT(c.p_adjusted, 0.05) << name;
    EXPECT_EQ(c.verdict, "unfair") << name;
  }
}

TEST(FairnessLayer, SmallAndHiddenGroupsCarryNoNumbers) {
  FairnessInput input;
  input.grouping = "attributes.danish";
  input.metric = "risk.fpr";
  input.kind = GroupMetricKind::proportion;
  input.groups = {values("first-language", std::vector<double>(40, 0.0)),
                  values("second-language", std::vector<double>(30, 1.0)),
                  values("tegnsprog", {1, 0, 1}),
                  values("empty", {})};
  input.hidden["second-language"] = SuppressionReason::secondary;
  FairnessSettings settings;  // min 5
  settings.bootstrap_replicates = 200;
  const std::vector<FairnessInput> inputs = {input};
  const auto cells = fairness_cells(inputs, settings, 1);
  // "empty" has no item and is left out; only one group is shown, so nothing is compared.
  ASSERT_EQ(cells.size(), 2u);
  const auto& small = cell_of(cells, "tegnsprog");
  EXPECT_TRUE(small.suppressed);
  EXPECT_EQ(small.reason, "fewer than 5");
  EXPECT_TRUE(std::isnan(small.value));
  EXPECT_TRUE(std::isnan(small.numerator));
  const auto& hidden = cell_of(cells, "second-language");
  EXPECT_TRUE(hidden.suppressed);
  EXPECT_EQ(hidden.reason, "secondary suppression");
  EXPECT_TRUE(std::isnan(hidden.ratio));
  const auto listed = suppressed_fairness_groups(cells, "fairness: ", 5);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].table, "fairness: attributes.danish");
}

TEST(FairnessLayer, DeclaredReferenceGroupIsUsed) {
  FairnessInput input;
  input.grouping = "target_group";
  input.metric = "wer";
  input.kind = GroupMetricKind::ratio_of_sums;
  for (const auto& [name, errors, n] : std::vector<std::tuple<std::string, double, int>>{
           {"jobparate", 1.0, 50}, {"aktivitetsparate", 2.0, 20}, {"sygemeldte", 1.0, 10}}) {
    GroupSample g;
    g.name = name;
    for (int i = 0; i < n; ++i) g.numerators.push_back(errors), g.denominators.push_back(10.0);
    input.groups.push_back(g);
  }
  FairnessSettings settings;
  settings.bootstrap_replicates = 100;
  settings.reference_groups = {{"target_group", "sygemeldte"}};
  const std::vector<FairnessInput> inputs = {input};
  const auto cells = fairness_cells(inputs, settings, 3);
  for (const auto& c : cells) {
    EXPECT_EQ(c.reference_group, "sygemeldte");
    EXPECT_TRUE(c.reference_declared);
  }
  EXPECT_EQ(cell_of(cells, "sygemeldte").verdict, "reference");
  // 2 errors per 10 words against 1 per 10, no variance at all: ratio exactly 2, p = 0, unfair after Holm too.
  const auto& worse = cell_of(cells, "aktivitetsparate");
  EXPECT_DOUBLE_EQ(worse.ratio, 2.0);
  EXPECT_DOUBLE_EQ(worse.numerator, 40.0);
  EXPECT_DOUBLE_EQ(worse.denominator, 200.0);
  EXPECT_EQ(worse.verdict, "unfair");
}

TEST(FairnessLayer, OneReferencePerGroupingAcrossItsMetrics) {
  // The first metric (all cases) has "a" largest; the second (positives only) has "b" largest. Both use "a".
  FairnessInput all_cases;
  all_cases.grouping = "target_group";
  all_cases.metric = "risk.selection_rate";
  all_cases.kind = GroupMetricKind::proportion;
  all_cases.groups = {values("a", std::vector<double>(30, 0.0)), values("b", std::vector<double>(20, 1.0))};
  FairnessInput positives = all_cases;
  positives.metric = "risk.tpr";
  positives.groups = {values("a", std::vector<double>(6, 1.0)), values("b", std::vector<double>(15, 1.0))};
  FairnessSettings settings;
  settings.bootstrap_replicates = 50;
  const std::vector<FairnessInput> inputs = {all_cases, positives};
  const auto cells = fairness_cells(inputs, settings, 2);
  ASSERT_EQ(cells.size(), 4u);
  for (const auto& c : cells) {
    EXPECT_EQ(c.reference_group, "a") << c.metric;
    EXPECT_FALSE(c.reference_declared);
  }
}

TEST(GroupSuppression, OneWayHidesTheSmallestOtherGroupToo) {
  // Sizes: a 10, b 3, c 20 (total 33). b is primary; alone it could be recovered as 33 − 10 − 20, so the smallest
  // other group (a) is hidden as well.
  std::vector<GroupKeyValues> items;
  for (int i = 0; i < 10; ++i) items.push_back({"a"});
  for (int i = 0; i < 3; ++i) items.push_back({"b"});
  for (int i = 0; i < 20; ++i) items.push_back({"c"});
  const auto hidden = hidden_groups(items, 1, 5);
  ASSERT_EQ(hidden.size(), 2u);
  EXPECT_EQ(hidden.at("b"), SuppressionReason::primary);
  EXPECT_EQ(hidden.at("a"), SuppressionReason::secondary);
  const auto described = describe_hidden_groups("target_group", hidden, 5);
  ASSERT_EQ(described.size(), 2u);
  EXPECT_EQ(described[0].group, "a");
  EXPECT_EQ(described[0].reason, "secondary");
  EXPECT_EQ(described[1].explanation, "fewer than 5 in the data");
}

TEST(GroupSuppression, NothingHiddenWhenEveryGroupIsLargeEnough) {
  std::vector<GroupKeyValues> items;
  for (int i = 0; i < 12; ++i) items.push_back({i % 2 ? "æble" : "øl"});
  EXPECT_TRUE(hidden_groups(items, 1, 5).empty());
  EXPECT_TRUE(hidden_groups({}, 1, 5).empty());
  EXPECT_TRUE(hidden_groups(items, 0, 5).empty());
}

TEST(GroupSuppression, TwoWayIntersectionNeverLeavesALoneHiddenCellInARowOrColumn) {
  // target_group × danish: (jobparate, second) has 2 cases; every other cell ≥ 10.
  std::vector<GroupKeyValues> items;
  const auto add = [&](const std::string& g, const std::string& d, int n) {
    for (int i = 0; i < n; ++i) items.push_back({g, d});
  };
  add("jobparate", "first", 30);
  add("jobparate", "second", 2);
  add("sygemeldte", "first", 20);
  add("sygemeldte", "second", 10);
  add("aktivitetsparate", "first", 15);
  add("aktivitetsparate", "second", 12);
  const auto hidden = hidden_groups(items, 2, 5);
  ASSERT_TRUE(hidden.count("jobparate × second"));
  EXPECT_EQ(hidden.at("jobparate × second"), SuppressionReason::primary);
  // Each row and column holding a hidden cell holds at least two.
  for (const std::string row : {"jobparate", "sygemeldte", "aktivitetsparate"}) {
    int in_row = 0;
    for (const std::string column : {"first", "second"}) in_row += hidden.count(row + " × " + column) ? 1 : 0;
    EXPECT_NE(in_row, 1) << row;
  }
  for (const std::string column : {"first", "second"}) {
    int in_column = 0;
    for (const std::string row : {"jobparate", "sygemeldte", "aktivitetsparate"})
      in_column += hidden.count(row + " × " + column) ? 1 : 0;
    EXPECT_NE(in_column, 1) << column;
  }
}

}  // namespace
}  // namespace pb
