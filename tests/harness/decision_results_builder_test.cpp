#include "harness/decision_results_builder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "scenarios/synth_cases.h"

namespace pb {
namespace {

CaseRecord make_case(const std::string& id, const std::string& target_group) {
  CaseRecord c;
  c.id = id;
  c.split = "test";
  c.target_group = target_group;
  c.attributes = {{"danish", "first-language"}, {"gender", "kvinde"}};
  c.features = {{"age", 40}};
  return c;
}

StoredDecision ok_decision(const std::string& case_id, Decision decision) {
  return {case_id, "ok", "", std::move(decision)};
}

Decision risk_only(double score) {
  Decision d;
  d.risk_score = score;
  return d;
}

const RiskGroupResult* find_risk(const DecisionSolutionResults& s, const std::string& grouping,
                                 const std::string& group) {
  for (const auto& r : s.risk)
    if (r.grouping == grouping && r.group == group) return &r;
  return nullptr;
}

const FairnessCell* find_cell(const DecisionSolutionResults& s, const std::string& metric, const std::string& group) {
  for (const auto& c : s.fairness)
    if (c.metric == metric && c.group == group) return &c;
  return nullptr;
}

bool has_suppressed(const DecisionResults& r, const std::string& table, const std::string& group,
                    const std::string& reason) {
  for (const auto& s : r.suppressed_groups)
    if (s.table == table && s.group == group && s.reason == reason) return !s.explanation.empty();
  return false;
}

// ---- case_group_value ------------------------------------------------------------------------------------------

TEST(CaseGroupValue, LabelsSingleKeysIntersectionsAndUnknown) {
  CaseRecord c = make_case("sag-1", "aktivitetsparate");
  c.attributes["age_band"] = "30-39";
  EXPECT_EQ(case_group_value(c, Grouping{}), "alle");
  EXPECT_EQ(case_group_value(c, Grouping{{"target_group"}}), "aktivitetsparate");
  EXPECT_EQ(case_group_value(c, Grouping{{"attributes.danish"}}), "first-language");
  EXPECT_EQ(case_group_value(c, Grouping{{"target_group", "attributes.age_band"}}), "aktivitetsparate × 30-39");
  EXPECT_EQ(case_group_value(c, Grouping{{"attributes.religion"}}), "(unknown)");
  c.attributes["gender"] = "";
  EXPECT_EQ(case_group_value(c, Grouping{{"attributes.gender"}}), "(unknown)");
}

TEST(CaseGroupValue, MasksCprShapedValuesAndKeepsDanishLetters) {
  CaseRecord c = make_case("sag-1", "sygemeldte æøå");
  c.attributes["note"] = "010190-1234";
  EXPECT_EQ(case_group_value(c, Grouping{{"target_group"}}), "sygemeldte æøå");
  EXPECT_EQ(case_group_value(c, Grouping{{"attributes.note"}}).find("010190-1234"), std::string::npos);
}

// ---- Risk, hand-checked ------------------------------------------------------------------------------------------

// Six cases, scores 0.9 0.8 0.3 | 0.6 0.2 0.1 for labels 1 1 1 | 0 0 0, threshold 0.5:
//   flagged = {0.9, 0.8, 0.6} → TP 2, FN 1, FP 1, TN 2; TPR 2/3, FPR 1/3, FNR 1/3, PPV 2/3, FOR 1/3, selection 3/6.
//   Brier = ((0.9−1)² + (0.8−1)² + (0.3−1)² + 0.6² + 0.2² + 0.1²) / 6
//         = 0.01 + 0.04 + 0.49 + 0.36 + 0.04 + 0.01 = 0.95, / 6 = 0.158333…
//   AUC: positive-over-negative pairs: 0.9 beats 3, 0.8 beats 3, 0.3 beats 2 → 8 of 9.
TEST(DecisionResultsBuilder, RiskFiguresMatchHandArithmetic) {
  std::vector<CaseRecord> cases;
  std::vector<StoredDecision> decisions;
  const double scores[] = {0.9, 0.8, 0.3, 0.6, 0.2, 0.1};
  for (int i = 0; i < 6; ++i) {
    CaseRecord c = make_case("sag-" + std::to_string(i), "jobparate");
    c.risk_label = i < 3 ? 1 : 0;
    cases.push_back(c);
    decisions.push_back(ok_decision(c.id, risk_only(scores[i])));
  }
  DecisionEvaluationSettings settings;
  settings.fairness.min_cell_size = 5;
  settings.calibration_bins = 2;
  const auto results = build_decision_results(cases, {"ingen", "kursus"}, {{"a", "A", "x 1", "", decisions}}, settings);
  ASSERT_EQ(results.solutions.size(), 1u);
  const auto& s = results.solutions[0];
  EXPECT_TRUE(s.has_risk);
  EXPECT_FALSE(s.has_recommendation);
  EXPECT_FALSE(s.has_segments);
  ASSERT_EQ(s.risk.size(), 1u);
  const auto& all = s.risk[0];
  EXPECT_EQ(all.grouping, "all");
  EXPECT_EQ(all.group, "alle");
  EXPECT_EQ(all.n, 6);
  EXPECT_EQ(all.positives, 3);
  EXPECT_FALSE(all.suppressed);
  EXPECT_NEAR(all.auc.value, 8.0 / 9.0, 1e-12);
  EXPECT_NEAR(all.brier.value, 0.95 / 6.0, 1e-12);
  EXPECT_NEAR(all.tpr.value, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(all.tpr.numerator, 2);
  EXPECT_EQ(all.tpr.denominator, 3);
  EXPECT_NEAR(all.fpr.value, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(all.fnr.value, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(all.ppv.value, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(all.false_omission.value, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(all.selection_rate.value, 0.5, 1e-12);
  ASSERT_TRUE(all.selection_rate.ci.has_value());
  EXPECT_LT(all.selection_rate.ci->lower, 0.5);
  EXPECT_GT(all.selection_rate.ci->upper, 0.5);
  // Two equal-mass bins: {0.1, 0.2, 0.3} (mean 0.2, 1 positive) and {0.6, 0.8, 0.9} (mean 0.7667, 2 positives):
  // ECE = ½·|1/3 − 0.2| + ½·|2/3 − 0.76667| = ½·0.13333 + ½·0.1 = 0.116667.
  ASSERT_EQ(all.reliability.size(), 2u);
  EXPECT_NEAR(all.reliability[0].mean_score, 0.2, 1e-12);
  EXPECT_NEAR(all.ece.value, 0.35 / 3.0, 1e-12);
  EXPECT_EQ(results.propensity_source, "logged");
  EXPECT_TRUE(results.suppressed_groups.empty());
  EXPECT_TRUE(s.fairness.empty());  // no grouping besides "all"
}

TEST(DecisionResultsBuilder, MissingRiskLabelsGiveNaNWithReasonsNotZero) {
  std::vector<CaseRecord> cases;
  std::vector<StoredDecision> decisions;
  for (int i = 0; i < 8; ++i) {
    CaseRecord c = make_case("sag-" + std::to_string(i), "jobparate");
    cases.push_back(c);  // no risk_label
    decisions.push_back(ok_decision(c.id, risk_only(0.1 * i)));
  }
  const auto results = build_decision_results(cases, {"ingen"}, {{"a", "A", "", "", decisions}}, {});
  const auto& s = results.solutions[0];
  ASSERT_TRUE(s.has_risk);
  ASSERT_FALSE(s.risk.empty());
  const auto& all = s.risk[0];
  EXPECT_EQ(all.n, 0);
  EXPECT_FALSE(all.suppressed);
  EXPECT_TRUE(std::isnan(all.auc.value));
  EXPECT_FALSE(all.auc.undefined_reason.empty());
  EXPECT_FALSE(all.auc.ci.has_value());
  EXPECT_TRUE(std::isnan(all.brier.value));
  EXPECT_FALSE(all.brier.undefined_reason.empty());
  EXPECT_TRUE(std::isnan(all.calibration_slope.value));
  EXPECT_TRUE(std::isnan(all.tpr.value));
  EXPECT_EQ(all.tpr.denominator, 0);
}

// ---- Items ----------------------------------------------------------------------------------------------------------

TEST(DecisionResultsBuilder, CountsOkFailedAndPlannedAndMasksCprInReasons) {
  std::vector<CaseRecord> cases = {make_case("sag-1", "a"), make_case("sag-2", "a"), make_case("sag-3", "a"),
                                   make_case("sag-4", "a")};
  std::vector<StoredDecision> decisions = {
      ok_decision("sag-1", risk_only(0.4)),
      {"sag-2", "failed", "timeout for 010190-1234\nstack line", {}},
      {"sag-3", "failed", "timeout for 010190-1234\nother detail", {}},
      {"sag-unknown", "failed", "not an evaluated case", {}},
  };
  const auto results = build_decision_results(cases, {"ingen"}, {{"a", "A", "", "", decisions}}, {});
  const auto& s = results.solutions[0];
  EXPECT_EQ(s.items_planned, 4);
  EXPECT_EQ(s.items_ok, 1);
  EXPECT_EQ(s.items_failed, 2);  // sag-4 has no decision: planned, not done; sag-unknown is not evaluated
  ASSERT_EQ(s.failures.size(), 1u);
  EXPECT_EQ(s.failures[0].second, 2);
  EXPECT_EQ(s.failures[0].first.find("010190-1234"), std::string::npos);
  EXPECT_EQ(s.failures[0].first.find('\n'), std::string::npos);
  EXPECT_EQ(s.failures[0].first.rfind("timeout for ", 0), 0u);
}

// ---- Suppression ----------------------------------------------------------------------------------------------------

struct SuppressionFixture {
  std::vector<CaseRecord> cases;
  std::vector<StoredDecision> decisions;
  void add_group(const std::string& group, int n) {
    for (int i = 0; i < n; ++i) {
      CaseRecord c = make_case(group + "-" + std::to_string(i), group);
      c.risk_label = i % 2;
      Decision d = risk_only(i % 2 ? 0.7 : 0.3);
      d.segment = i % 3 ? "A" : "B";
      cases.push_back(c);
      decisions.push_back(ok_decision(c.id, d));
    }
  }
  DecisionResults build() const {
    DecisionEvaluationSettings settings;
    settings.groupings = {Grouping{{"target_group"}}};
    settings.fairness.min_cell_size = 5;
    settings.fairness.bootstrap_replicates = 50;
    return build_decision_results(cases, {"ingen"}, {{"a", "A", "", "", decisions}}, settings);
  }
};

TEST(DecisionResultsBuilder, SingleSmallGroupIsHiddenWithASecondGroupSoItCannotBeRecovered) {
  SuppressionFixture f;
  f.add_group("jobparate", 20);
  f.add_group("sygemeldte", 10);
  f.add_group("uddannelsesparate", 3);
  const auto results = f.build();
  const auto& s = results.solutions[0];
  const auto* all = find_risk(s, "all", "alle");
  ASSERT_NE(all, nullptr);
  EXPECT_FALSE(all->suppressed);
  EXPECT_EQ(all->n, 33);
  const auto* small = find_risk(s, "target_group", "uddannelsesparate");
  const auto* second = find_risk(s, "target_group", "sygemeldte");
  const auto* big = find_risk(s, "target_group", "jobparate");
  ASSERT_TRUE(small && second && big);
  EXPECT_TRUE(small->suppressed);
  EXPECT_TRUE(second->suppressed);  // the smallest other group: 33 − 20 would otherwise reveal 3
  EXPECT_FALSE(big->suppressed);
  // A hidden group carries no numbers.
  EXPECT_EQ(second->positives, 0);
  EXPECT_FALSE(second->tpr.ci.has_value());
  EXPECT_TRUE(second->reliability.empty());
  EXPECT_TRUE(has_suppressed(results, "risk: target_group", "uddannelsesparate", "primary"));
  EXPECT_TRUE(has_suppressed(results, "risk: target_group", "sygemeldte", "secondary"));
  EXPECT_TRUE(has_suppressed(results, "segments: target_group", "sygemeldte", "secondary"));
  EXPECT_FALSE(has_suppressed(results, "risk: target_group", "jobparate", "secondary"));
  // The fairness cells hide the same groups.
  const auto* cell = find_cell(s, "risk.selection_rate", "sygemeldte");
  ASSERT_NE(cell, nullptr);
  EXPECT_TRUE(cell->suppressed);
  EXPECT_EQ(cell->verdict, "suppressed");
  EXPECT_TRUE(std::isnan(cell->value));
  // Each hidden group is recorded once per table.
  int entries = 0;
  for (const auto& g : results.suppressed_groups) entries += g.table == "risk: target_group" ? 1 : 0;
  EXPECT_EQ(entries, 2);
}

TEST(DecisionResultsBuilder, IntersectionCellsAreProtectedAgainstTheirRowAndColumnGroups) {
  // target_group × danish: (jobparate, second-language) has 2 cases, every other cell 10 or more. Hiding it alone
  // would let "jobparate" minus "jobparate × first-language" give it away; its row and column each need a second
  // hidden cell.
  SuppressionFixture f;
  f.add_group("jobparate", 30);
  f.add_group("sygemeldte", 30);
  int second_in_job = 0, second_in_syg = 0;
  for (auto& c : f.cases) {
    const bool job = c.target_group == "jobparate";
    if ((job && second_in_job < 2) || (!job && second_in_syg < 12)) {
      c.attributes["danish"] = "second-language";
      ++(job ? second_in_job : second_in_syg);
    }
  }
  DecisionEvaluationSettings settings;
  settings.groupings = {Grouping{{"target_group", "attributes.danish"}}};
  settings.fairness.min_cell_size = 5;
  settings.fairness.bootstrap_replicates = 20;
  const auto results = build_decision_results(f.cases, {"ingen"}, {{"a", "A", "", "", f.decisions}}, settings);
  const auto& s = results.solutions[0];
  const std::string grouping = "target_group × attributes.danish";
  const auto hidden = [&](const std::string& row, const std::string& column) {
    const auto* r = find_risk(s, grouping, row + " × " + column);
    return r != nullptr && r->suppressed;
  };
  EXPECT_TRUE(hidden("jobparate", "second-language"));
  for (const std::string row : {"jobparate", "sygemeldte"}) {
    const int in_row = int(hidden(row, "first-language")) + int(hidden(row, "second-language"));
    EXPECT_NE(in_row, 1) << row;
  }
  for (const std::string column : {"first-language", "second-language"}) {
    const int in_column = int(hidden("jobparate", column)) + int(hidden("sygemeldte", column));
    EXPECT_NE(in_column, 1) << column;
  }
}

TEST(DecisionResultsBuilder, TwoSmallGroupsProtectEachOtherWithoutSecondarySuppression) {
  SuppressionFixture f;
  f.add_group("jobparate", 20);
  f.add_group("sygemeldte", 10);
  f.add_group("uddannelsesparate", 3);
  f.add_group("ressourceforløb", 2);
  const auto results = f.build();
  const auto& s = results.solutions[0];
  EXPECT_FALSE(find_risk(s, "target_group", "sygemeldte")->suppressed);
  EXPECT_TRUE(find_risk(s, "target_group", "uddannelsesparate")->suppressed);
  EXPECT_TRUE(find_risk(s, "target_group", "ressourceforløb")->suppressed);
  for (const auto& g : results.suppressed_groups) EXPECT_EQ(g.reason, "primary") << g.table << " " << g.group;
  // Parity over the two shown groups only: both flag exactly their positives (selection rate 0.5 each).
  ASSERT_EQ(s.parity.size(), 1u);
  EXPECT_NEAR(s.parity[0].demographic_parity_difference, 0.0, 1e-12);
}

TEST(DecisionResultsBuilder, SmallAllRowIsHidden) {
  SuppressionFixture f;
  f.add_group("jobparate", 3);
  const auto results = f.build();
  EXPECT_TRUE(find_risk(results.solutions[0], "all", "alle")->suppressed);
  EXPECT_TRUE(has_suppressed(results, "risk: all", "alle", "primary"));
}

// ---- Segments, hand-checked -----------------------------------------------------------------------------------------

TEST(DecisionResultsBuilder, SegmentSharesPerGroup) {
  SuppressionFixture f;
  f.add_group("jobparate", 6);  // segments by i % 3: B A A B A A → A 4/6, B 2/6
  const auto results = f.build();
  const auto& s = results.solutions[0];
  ASSERT_TRUE(s.has_segments);
  ASSERT_EQ(s.segment_labels, (std::vector<std::string>{"A", "B"}));
  ASSERT_FALSE(s.segments.empty());
  const auto& all = s.segments[0];
  EXPECT_EQ(all.group, "alle");
  EXPECT_EQ(all.n, 6);
  ASSERT_EQ(all.segments.size(), 2u);
  EXPECT_NEAR(all.segments[0].value, 4.0 / 6.0, 1e-12);
  EXPECT_EQ(all.segments[1].numerator, 2);
  EXPECT_EQ(all.segments[1].denominator, 6);
  ASSERT_TRUE(all.segments[1].ci.has_value());
}

// ---- Policy value, hand-checked -------------------------------------------------------------------------------------

// Logged a = ingen kursus kursus ingen, rewards 0 1 0 1, propensities 0.5, recommendations kursus kursus ingen ingen.
// Current practice = 2/4 = 0.5. Matching rows: 2 (kursus, r 1, w 2) and 4 (ingen, r 1, w 2):
// IPW = (2 + 2)/4 = 1.0, SNIPW = 4/4 = 1.0. With 5 folds and 4 rows there is no cross-fitted outcome model, so DR
// and its gain are NaN with a reason. Caseworker choices kursus ingen – ingen: agreement 2 of 3.
TEST(DecisionResultsBuilder, PolicyValueMatchesHandArithmetic) {
  const std::vector<std::string> interventions = {"ingen", "kursus"};
  const char* logged[] = {"ingen", "kursus", "kursus", "ingen"};
  const int rewards[] = {0, 1, 0, 1};
  const char* recommended[] = {"kursus", "kursus", "ingen", "ingen"};
  const char* choice[] = {"kursus", "ingen", "", "ingen"};
  std::vector<CaseRecord> cases;
  std::vector<StoredDecision> decisions;
  for (int i = 0; i < 4; ++i) {
    CaseRecord c = make_case("sag-" + std::to_string(i), "jobparate");
    c.intervention = logged[i];
    c.propensity = 0.5;
    c.outcome_in_job_26w = rewards[i];
    if (*choice[i]) c.caseworker_choice = choice[i];
    cases.push_back(c);
    Decision d;
    d.recommendation = recommended[i];
    decisions.push_back(ok_decision(c.id, d));
  }
  DecisionEvaluationSettings settings;
  settings.fairness.min_cell_size = 1;
  settings.fairness.bootstrap_replicates = 100;
  const auto results = build_decision_results(cases, interventions, {{"a", "A", "", "", decisions}}, settings);
  EXPECT_EQ(results.propensity_source, "logged");
  const auto& s = results.solutions[0];
  ASSERT_TRUE(s.has_recommendation);
  ASSERT_EQ(s.policy.size(), 1u);
  const auto& p = s.policy[0];
  EXPECT_EQ(p.n, 4);
  EXPECT_EQ(p.matching, 2);
  EXPECT_NEAR(p.current_practice.value, 0.5, 1e-12);
  EXPECT_NEAR(p.ipw.value, 1.0, 1e-12);
  EXPECT_NEAR(p.snipw.value, 1.0, 1e-12);
  EXPECT_NEAR(p.max_weight, 2.0, 1e-12);
  EXPECT_TRUE(std::isnan(p.dr.value));
  EXPECT_FALSE(p.dr.undefined_reason.empty());
  EXPECT_TRUE(std::isnan(p.dr_gain.value));
  EXPECT_FALSE(p.dr_gain.undefined_reason.empty());
  EXPECT_EQ(p.agreement_with_caseworker.numerator, 2);
  EXPECT_EQ(p.agreement_with_caseworker.denominator, 3);
  ASSERT_EQ(p.recommended_shares.size(), 2u);
  EXPECT_NEAR(p.recommended_shares[0], 0.5, 1e-12);
  EXPECT_NEAR(p.recommended_shares[1], 0.5, 1e-12);
  // No recommendation score: the Qini curve is undefined, with a reason.
  EXPECT_TRUE(s.qini.points.empty());
  EXPECT_TRUE(std::isnan(s.qini.coefficient.value));
  EXPECT_FALSE(s.qini.coefficient.undefined_reason.empty());
}

// ---- Synthetic case study -------------------------------------------------------------------------------------------

struct Study {
  CaseStudy study;
  std::vector<CaseRecord> test_cases;
  std::vector<const CaseTruth*> test_truth;
  DecisionSolutionInput rule;
  DecisionSolutionInput best;
};

Study make_study(int n, double bias_strength) {
  CaseStudyOptions options;
  options.n = n;
  options.seed = 7;
  options.bias_strength = bias_strength;
  options.biased_group = "danish=second-language";
  Study s{generate_case_study(options), {}, {}, {"rule", "Regel", "rule 1", "", {}}, {"best", "Bedst", "best 1", "", {}}};
  const auto& interventions = s.study.truth.interventions;
  for (std::size_t i = 0; i < s.study.dataset.cases.size(); ++i) {
    const auto& c = s.study.dataset.cases[i];
    if (c.split != "test") continue;
    const auto& t = s.study.truth.cases[i];
    s.test_cases.push_back(c);
    s.test_truth.push_back(&t);
    auto gain_of = [&](const std::string& action) {
      for (std::size_t a = 0; a < interventions.size(); ++a)
        if (interventions[a] == action) return t.p_in_job_26w[a] - t.p_in_job_26w[0];
      return 0.0;
    };
    Decision rule;
    rule.risk_score = t.risk_score;
    rule.recommendation = t.rule_recommendation;
    rule.recommendation_score = gain_of(t.rule_recommendation);
    rule.segment = t.risk_score < 0.3 ? "A" : t.risk_score < 0.6 ? "B" : "C";
    s.rule.decisions.push_back(ok_decision(c.id, rule));
    Decision best;
    best.recommendation = t.best_intervention;
    best.recommendation_score = gain_of(t.best_intervention);
    s.best.decisions.push_back(ok_decision(c.id, best));
  }
  return s;
}

DecisionEvaluationSettings study_settings() {
  DecisionEvaluationSettings settings;
  settings.groupings = {Grouping{{"attributes.danish"}}};
  settings.fairness.bootstrap_replicates = 400;
  settings.seed = 11;
  return settings;
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

double truth_all_best(const Study& s) {
  for (const auto& g : s.study.truth.groups)
    if (g.group == "all") return g.policies.at("best").in_job_26w;
  return NAN;
}

// Mean over the test cases of P(in job after 26 weeks | x, best action): the value the DR estimate targets.
double truth_test_best(const Study& s) {
  double sum = 0;
  for (const auto* t : s.test_truth) {
    const auto& a = s.study.truth.interventions;
    for (std::size_t k = 0; k < a.size(); ++k)
      if (a[k] == t->best_intervention) sum += t->p_in_job_26w[k];
  }
  return sum / static_cast<double>(s.test_truth.size());
}

TEST(DecisionResultsSynthetic, PlantedBiasIsFlaggedWithTheRightSign) {
  const Study s = make_study(4000, 0.8);
  const auto results = build_decision_results(s.test_cases, s.study.truth.interventions, {s.rule}, study_settings());
  const auto& sol = results.solutions[0];
  for (const char* metric : {"risk.fpr", "risk.selection_rate"}) {
    const auto* cell = find_cell(sol, metric, "second-language");
    ASSERT_NE(cell, nullptr) << metric;
    EXPECT_EQ(cell->verdict, "unfair") << metric << ": " << cell->reason;
    EXPECT_GT(cell->ratio, 1.25) << metric;
    EXPECT_EQ(cell->reference_group, "first-language");
  }
  const auto* active = find_cell(sol, "recommendation.active_share", "second-language");
  ASSERT_NE(active, nullptr);
  EXPECT_EQ(active->verdict, "unfair") << active->reason;
  EXPECT_LT(active->ratio, 0.8);
  EXPECT_TRUE(active->higher_is_better);
  // Every metric this solution supports has cells; the Brier score is per group in the risk table only.
  EXPECT_EQ(find_cell(sol, "risk.brier", "second-language"), nullptr);
  EXPECT_EQ(find_cell(sol, "recommendation.policy_gain_dr", "second-language"), nullptr);
  for (const char* metric : {"risk.tpr", "risk.fpr", "risk.selection_rate", "recommendation.active_share"})
    EXPECT_NE(find_cell(sol, metric, "second-language"), nullptr) << metric;
  // Parity reflects the overstated risk: selection rates differ clearly between the groups.
  ASSERT_EQ(sol.parity.size(), 1u);
  EXPECT_GT(sol.parity[0].demographic_parity_difference, 0.1);
  EXPECT_LT(sol.parity[0].demographic_parity_ratio, 0.8);
  // Qini: at most 101 points from (0, 0) to share 1.
  ASSERT_FALSE(sol.qini.points.empty());
  EXPECT_LE(sol.qini.points.size(), 101u);
  EXPECT_EQ(sol.qini.points.front().share_targeted, 0.0);
  EXPECT_NEAR(sol.qini.points.back().share_targeted, 1.0, 1e-12);
  EXPECT_TRUE(std::isfinite(sol.qini.coefficient.value));
  EXPECT_EQ(sol.qini.treated_definition, "any intervention other than \"ingen\"");
  // Segments over every case of the group.
  ASSERT_EQ(sol.segment_labels.size(), 3u);
}

TEST(DecisionResultsSynthetic, NoBiasGivesNoUnfairVerdicts) {
  const Study s = make_study(300, 0.0);
  const auto results = build_decision_results(s.test_cases, s.study.truth.interventions, {s.rule}, study_settings());
  const auto& sol = results.solutions[0];
  int judged = 0;
  for (const auto& cell : sol.fairness) {
    if (cell.group != "second-language") continue;
    ++judged;
    EXPECT_NE(cell.verdict, "unfair") << cell.metric << ": ratio " << cell.ratio << ", " << cell.reason;
  }
  EXPECT_GE(judged, 4);
}

TEST(DecisionResultsSynthetic, DoublyRobustValueOfTheBestPolicyCoversTheTruth) {
  const Study s = make_study(4000, 0.8);
  const auto results = build_decision_results(s.test_cases, s.study.truth.interventions, {s.best}, study_settings());
  EXPECT_EQ(results.propensity_source, "logged");
  const auto& p = results.solutions[0].policy[0];
  ASSERT_EQ(p.group, "alle");
  ASSERT_TRUE(p.dr.ci.has_value()) << p.dr.undefined_reason;
  const double truth = truth_all_best(s);
  EXPECT_LE(p.dr.ci->lower, truth);
  EXPECT_GE(p.dr.ci->upper, truth);
  EXPECT_LE(p.dr.ci->lower, truth_test_best(s));
  EXPECT_GE(p.dr.ci->upper, truth_test_best(s));
  // Following the best action beats current practice, and the paired gain says so with its interval.
  ASSERT_TRUE(p.dr_gain.ci.has_value());
  EXPECT_GT(p.dr_gain.value, 0.0);
  EXPECT_NEAR(p.dr_gain.value, p.dr.value - p.current_practice.value, 1e-12);
  // Per group rows for both languages.
  int groups = 0;
  for (const auto& g : results.solutions[0].policy) groups += g.grouping == "attributes.danish" ? 1 : 0;
  EXPECT_EQ(groups, 2);
}

TEST(DecisionResultsSynthetic, EstimatedPropensitiesStillCoverTheTruth) {
  Study s = make_study(4000, 0.8);
  s.test_cases[0].propensity.reset();  // a mix of logged and missing counts as missing
  auto settings = study_settings();
  const auto mixed = build_decision_results(s.test_cases, s.study.truth.interventions, {s.best}, settings);
  EXPECT_EQ(mixed.propensity_source, "estimated (cross-fitted logistic regression)");
  for (auto& c : s.test_cases) c.propensity.reset();
  const auto results = build_decision_results(s.test_cases, s.study.truth.interventions, {s.best}, settings);
  EXPECT_EQ(results.propensity_source, "estimated (cross-fitted logistic regression)");
  const auto& p = results.solutions[0].policy[0];
  ASSERT_TRUE(p.dr.ci.has_value()) << p.dr.undefined_reason;
  const double truth = truth_all_best(s);
  EXPECT_NEAR(p.dr.value, truth, 0.05);
  EXPECT_LE(p.dr.ci->lower - 0.02, truth);
  EXPECT_GE(p.dr.ci->upper + 0.02, truth);
  EXPECT_FALSE(results.solutions[0].qini.points.empty());
}

TEST(DecisionResultsSynthetic, SameInputsGiveTheSameResults) {
  const Study s = make_study(600, 0.5);
  const auto a = build_decision_results(s.test_cases, s.study.truth.interventions, {s.rule, s.best}, study_settings());
  const auto b = build_decision_results(s.test_cases, s.study.truth.interventions, {s.rule, s.best}, study_settings());
  ASSERT_EQ(a.solutions.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& x = a.solutions[k];
    const auto& y = b.solutions[k];
    ASSERT_EQ(x.policy.size(), y.policy.size());
    for (std::size_t g = 0; g < x.policy.size(); ++g) {
      EXPECT_TRUE(same(x.policy[g].dr.value, y.policy[g].dr.value));
      ASSERT_EQ(x.policy[g].dr.ci.has_value(), y.policy[g].dr.ci.has_value());
      if (x.policy[g].dr.ci) {
        EXPECT_EQ(x.policy[g].dr.ci->lower, y.policy[g].dr.ci->lower);
      }
    }
    ASSERT_EQ(x.fairness.size(), y.fairness.size());
    for (std::size_t c = 0; c < x.fairness.size(); ++c) {
      EXPECT_EQ(x.fairness[c].verdict, y.fairness[c].verdict);
      EXPECT_TRUE(same(x.fairness[c].p_value, y.fairness[c].p_value)) << x.fairness[c].metric;
      EXPECT_TRUE(same(x.fairness[c].ratio, y.fairness[c].ratio)) << x.fairness[c].metric;
    }
  }
  EXPECT_FALSE(a.solutions[1].has_risk);
  EXPECT_TRUE(a.solutions[1].risk.empty());
}

}  // namespace
}  // namespace pb
