// From recorded measurement points to the committee report's numbers: hand-checked means, savings, adoption,
// realised gain, verdicts, suppression and minutes estimated by the edit-time model.
#include "harness/baseline_results_builder.h"

#include <cmath>

#include <gtest/gtest.h>

namespace pb {
namespace {

MeasurementPlan small_plan() {
  MeasurementPlan plan;
  plan.name = "p";
  plan.seed = 3;
  plan.replicates = 200;
  plan.min_cell_size = 3;
  plan.hours_per_fte = 1924.0;
  plan.hourly_cost_dkk = 400.0;
  plan.target_groups = {{"jobparate", 6000.0}, {"sygemeldte", 1200.0}};
  KpiSpec minutes;
  minutes.id = "documentation_minutes";
  minutes.source = KpiSource::documentation_minutes;
  minutes.unit = "minutes";
  minutes.lower_is_better = true;
  minutes.pessimistic = 20.0;
  minutes.likely = 15.0;
  minutes.optimistic = 10.0;
  KpiSpec adoption;
  adoption.id = "adoption_rate";
  adoption.source = KpiSource::adoption_rate;
  adoption.unit = "share";
  adoption.likely = 0.5;
  plan.kpis = {minutes, adoption};
  MeasurementPointSpec baseline;
  baseline.name = "baseline";
  baseline.is_baseline = true;
  MeasurementPointSpec final_point;
  final_point.name = "final";
  plan.points = {baseline, final_point};
  return plan;
}

StoredTiming row(const std::string& id, const std::string& group, std::optional<double> minutes, bool ai) {
  StoredTiming t;
  t.observation.id = id;
  t.observation.target_group = group;
  t.observation.period = ai ? "assisted" : "baseline";
  t.observation.conversation_minutes = 30.0;
  t.observation.documentation_minutes = minutes;
  t.observation.ai_used = ai;
  return t;
}

MeasurementPointData recorded(const std::string& name, std::vector<StoredTiming> rows) {
  MeasurementPointData d;
  d.record.plan = "p";
  d.record.point = name;
  d.record.kind = name == "baseline" ? "baseline" : "follow_up";
  d.record.recorded_at = "2026-11-22T10:00:00Z";
  d.timings = std::move(rows);
  return d;
}

std::vector<MeasurementPointData> two_points() {
  // Baseline: jobparate 20, 22, 24 (mean 22); sygemeldte 30, 30 (2 < min_cell_size 3).
  std::vector<StoredTiming> before = {row("b1", "jobparate", 20, false), row("b2", "jobparate", 22, false),
                                      row("b3", "jobparate", 24, false), row("b4", "sygemeldte", 30, false),
                                      row("b5", "sygemeldte", 30, false)};
  // Final: jobparate with AI 10, 12, 14 (mean 12) and without AI 21 → adoption 3/4.
  std::vector<StoredTiming> after = {row("f1", "jobparate", 10, true), row("f2", "jobparate", 12, true),
                                     row("f3", "jobparate", 14, true), row("f4", "jobparate", 21, false),
                                     row("f5", "sygemeldte", 15, true)};
  return {recorded("baseline", before), recorded("final", after)};
}

TEST(BaselineResultsBuilder, KpisPerPointAreHandChecked) {
  const auto report = build_baseline_report(small_plan(), two_points(), "v");
  ASSERT_EQ(report.kpis.size(), 2u);
  const auto& minutes = report.kpis[0];
  ASSERT_EQ(minutes.points.size(), 2u);
  // Baseline: (20 + 22 + 24 + 30 + 30) / 5 = 25.2; the baseline has no target.
  EXPECT_DOUBLE_EQ(minutes.points[0].value, 25.2);
  EXPECT_EQ(minutes.points[0].n, 5);
  EXPECT_EQ(minutes.points[0].verdict, KpiVerdict::no_target);
  // Final: (10 + 12 + 14 + 21 + 15) / 5 = 14.4 ≤ 15 (likely) but > 10 (optimistic).
  EXPECT_DOUBLE_EQ(minutes.points[1].value, 14.4);
  EXPECT_EQ(minutes.points[1].scenario_reached, "likely");
  EXPECT_LE(minutes.points[1].ci.lower, 14.4);
  EXPECT_GE(minutes.points[1].ci.upper, 14.4);
  // Adoption at the final point: 4 of 5 conversations used the AI draft.
  const auto& adoption = report.kpis[1];
  EXPECT_DOUBLE_EQ(adoption.points[1].value, 0.8);
  EXPECT_EQ(adoption.points[1].n, 5);
  EXPECT_EQ(report.follow_up_point, "final");
  ASSERT_EQ(report.points.size(), 2u);
  EXPECT_EQ(report.points[1].conversations, 5);
  EXPECT_EQ(report.points[1].ai_used, 4);
}

TEST(BaselineResultsBuilder, SavingAndRealisedGainFollowFromTheInputsExactly) {
  const auto report = build_baseline_report(small_plan(), two_points(), "v");
  ASSERT_EQ(report.savings.size(), 2u);
  const auto& jobparate = report.savings[0];
  EXPECT_FALSE(jobparate.suppressed);
  EXPECT_DOUBLE_EQ(jobparate.baseline_minutes, 22.0);
  EXPECT_DOUBLE_EQ(jobparate.assisted_minutes, 12.0);
  EXPECT_DOUBLE_EQ(jobparate.saving_minutes, 10.0);
  EXPECT_DOUBLE_EQ(jobparate.adoption, 0.75);
  // 10 min × 0.75 × 6000 conversations / 60 = 750 hours = 750 / 1924 FTE = 300,000 DKK at 400 DKK/hour.
  EXPECT_DOUBLE_EQ(jobparate.hours_per_year, 750.0);
  EXPECT_DOUBLE_EQ(jobparate.fte, 750.0 / 1924.0);
  EXPECT_DOUBLE_EQ(jobparate.dkk, 300000.0);
  EXPECT_TRUE(std::isnan(jobparate.did_saving_minutes));  // no control arm
  // sygemeldte: 2 baseline conversations < 3 → suppressed, no numbers at all.
  const auto& sygemeldte = report.savings[1];
  EXPECT_TRUE(sygemeldte.suppressed);
  EXPECT_TRUE(std::isnan(sygemeldte.saving_minutes));
  EXPECT_TRUE(std::isnan(sygemeldte.hours_per_year));
  // The total covers the groups that are shown (else sygemeldte could be recovered by subtraction): jobparate's
  // 750 hours, and its saving of 10 minutes from its 3 baseline conversations.
  EXPECT_DOUBLE_EQ(report.total.hours_per_year, 750.0);
  EXPECT_EQ(report.total.n_baseline, 3);
  EXPECT_DOUBLE_EQ(report.total.saving_minutes, 10.0);
  EXPECT_DOUBLE_EQ(report.total.annual_volume, 6000.0);
}

TEST(BaselineResultsBuilder, DeterministicForASeed) {
  const auto a = build_baseline_report(small_plan(), two_points(), "v");
  const auto b = build_baseline_report(small_plan(), two_points(), "v");
  EXPECT_EQ(a.kpis[0].points[1].ci.lower, b.kpis[0].points[1].ci.lower);
  EXPECT_EQ(a.savings[0].saving_ci.upper, b.savings[0].saving_ci.upper);
}

TEST(BaselineResultsBuilder, DifferenceInDifferencesWithAControlArm) {
  auto points = two_points();
  // Control units: 25, 25, 25 before and 23, 23, 23 after: a 2-minute drop that has nothing to do with AI.
  for (int i = 0; i < 3; ++i) {
    auto before = row("cb" + std::to_string(i), "jobparate", 25, false);
    before.observation.arm = "control";
    points[0].timings.push_back(before);
    auto after = row("ca" + std::to_string(i), "jobparate", 23, false);
    after.observation.arm = "control";
    after.observation.period = "assisted";
    points[1].timings.push_back(after);
  }
  const auto report = build_baseline_report(small_plan(), points, "v");
  // (22 − 12) − (25 − 23) = 8 minutes; the naive saving stays 10.
  EXPECT_DOUBLE_EQ(report.savings[0].did_saving_minutes, 8.0);
  EXPECT_DOUBLE_EQ(report.savings[0].saving_minutes, 10.0);
  // The hours rest on the DiD saving: 8 × 0.75 × 6000 / 60 = 600 (not the 750 of the plain before/after saving).
  EXPECT_TRUE(report.savings[0].gain_uses_did);
  EXPECT_DOUBLE_EQ(report.savings[0].hours_per_year, 600.0);
  EXPECT_TRUE(report.total.gain_uses_did);
  // Control conversations do not count towards the pilot's KPIs.
  EXPECT_DOUBLE_EQ(report.kpis[0].points[0].value, 25.2);
}

TEST(BaselineResultsBuilder, MissingLogsAreEstimatedByTheFittedEditTimeModelAndLabelled) {
  auto plan = small_plan();
  auto points = two_points();
  // Logged pairs generated exactly by minutes = 1 + 0.01·words + 0.02·chars + 0.5·spans.
  const int words[] = {100, 150, 200, 250, 300, 120, 180};
  const int chars[] = {50, 200, 80, 300, 10, 150, 90};
  const int spans[] = {2, 6, 3, 1, 5, 4, 7};
  for (int i = 0; i < 7; ++i) {
    const double minutes = 1.0 + 0.01 * words[i] + 0.02 * chars[i] + 0.5 * spans[i];
    auto r = row("e" + std::to_string(i), "jobparate", minutes, true);
    StoredEditEffort e;
    e.draft_words = words[i];
    e.inserted_chars = chars[i];
    e.edit_spans = spans[i];
    e.ter_edits = 10;
    e.ter_reference_words = 100;
    r.edit = e;
    points[1].timings.push_back(r);
  }
  auto missing = row("m", "jobparate", std::nullopt, true);
  StoredEditEffort e;
  e.draft_words = 200;
  e.inserted_chars = 100;
  e.edit_spans = 4;
  missing.edit = e;
  points[1].timings.push_back(missing);
  const auto report = build_baseline_report(plan, points, "v");
  ASSERT_TRUE(report.model.fitted) << report.model.note;
  EXPECT_NEAR(report.model.per_inserted_char, 0.02, 1e-9);
  EXPECT_NEAR(report.model.per_edit_span, 0.5, 1e-9);
  EXPECT_EQ(report.model.n, 7);
  EXPECT_EQ(report.model.estimated, 1);
  EXPECT_EQ(report.points[1].estimated_minutes, 1);
  EXPECT_TRUE(report.kpis[0].points[1].estimated);
  EXPECT_FALSE(report.kpis[0].points[0].estimated);
  // 1 + 2 + 2 + 2 = 7 estimated minutes join the 12 logged AI-assisted conversations of the final point.
  EXPECT_EQ(report.kpis[0].points[1].n, 5 + 7 + 1);
}

TEST(BaselineResultsBuilder, NotYetRecordedPointsHaveNoData) {
  auto points = two_points();
  points.pop_back();
  const auto report = build_baseline_report(small_plan(), points, "v");
  EXPECT_EQ(report.kpis[0].points[1].verdict, KpiVerdict::no_data);
  EXPECT_TRUE(report.follow_up_point.empty());
  EXPECT_TRUE(std::isnan(report.total.saving_minutes));
}

}  // namespace
}  // namespace pb

namespace pb {
namespace {

TEST(BaselineResultsBuilder, SavingPerConversationTypeWithoutHours) {
  auto points = two_points();
  // jobparate rows become "CV-samtale"; the sygemeldte ones stay without a type and are left out.
  for (auto& p : points)
    for (auto& t : p.timings)
      if (t.observation.target_group == "jobparate") t.observation.meeting_type = "CV-samtale";
  const auto report = build_baseline_report(small_plan(), points, "v");
  ASSERT_EQ(report.savings_by_meeting_type.size(), 1u);
  const auto& cv = report.savings_by_meeting_type[0];
  EXPECT_EQ(cv.target_group, "CV-samtale");
  EXPECT_DOUBLE_EQ(cv.saving_minutes, 10.0);  // 22 − 12, as for jobparate
  EXPECT_DOUBLE_EQ(cv.adoption, 0.75);
  EXPECT_TRUE(std::isnan(cv.hours_per_year));  // no yearly volume per type
}

TEST(BaselineResultsBuilder, ALoneHiddenConversationTypeHidesTheSmallestOtherType) {
  auto points = two_points();
  // jobparate "CV-samtale" (3 + 3 with AI, shown on its own); sygemeldte "Opfølgning" (2 + 1: under the minimum of 3).
  for (auto& p : points)
    for (auto& t : p.timings)
      t.observation.meeting_type = t.observation.target_group == "jobparate" ? "CV-samtale" : "Opfølgning";
  auto report = build_baseline_report(small_plan(), points, "v");
  ASSERT_EQ(report.savings_by_meeting_type.size(), 2u);
  // "Opfølgning" is hidden (primary), so "CV-samtale" is hidden too: with the all-groups row it would give the
  // other away.
  EXPECT_TRUE(report.savings_by_meeting_type[0].suppressed);
  EXPECT_TRUE(report.savings_by_meeting_type[1].suppressed);
  // With a third type large enough, only the smallest shown one joins the hidden one.
  points = two_points();
  for (auto& p : points) {
    for (int i = 0; i < 4; ++i) {
      auto extra = p.timings.front();
      extra.observation.id = p.record.point + "-extra-" + std::to_string(i);
      extra.observation.ai_used = p.record.point == "final";
      extra.observation.meeting_type = "Jobsamtale";
      p.timings.push_back(extra);
    }
    for (auto& t : p.timings)
      if (t.observation.meeting_type.empty())
        t.observation.meeting_type = t.observation.target_group == "jobparate" ? "CV-samtale" : "Opfølgning";
  }
  report = build_baseline_report(small_plan(), points, "v");
  ASSERT_EQ(report.savings_by_meeting_type.size(), 3u);
  int hidden = 0;
  for (const auto& g : report.savings_by_meeting_type) hidden += g.suppressed ? 1 : 0;
  EXPECT_EQ(hidden, 2);
  for (const auto& g : report.savings_by_meeting_type) {
    if (g.target_group != "Jobsamtale") continue;
    EXPECT_FALSE(g.suppressed);  // 4 + 4: the larger one stays shown
  }
}

}  // namespace
}  // namespace pb

#include "scenarios/synth_timing.h"

namespace pb {
namespace {

const FairnessCell* fairness_cell(const BaselineReport& report, const std::string& group) {
  for (const auto& cell : report.saving_fairness)
    if (cell.group == group) return &cell;
  return nullptr;
}

// Two groups with a fixed spread of minutes: "fuld" saves (20 … 22) − (10 … 12) = 10 minutes on average,
// "halv" (15 … 17) − (10 … 12) = 5 minutes; "få" has only 2 baseline conversations (< min_cell_size 3).
std::vector<MeasurementPointData> half_saving_points() {
  std::vector<StoredTiming> before, after;
  for (int i = 0; i < 30; ++i) {
    const double wobble = i % 3;  // 0, 1, 2: mean 1
    before.push_back(row("bf" + std::to_string(i), "fuld", 20 + wobble, false));
    after.push_back(row("af" + std::to_string(i), "fuld", 10 + wobble, true));
    before.push_back(row("bh" + std::to_string(i), "halv", 15 + wobble, false));
    after.push_back(row("ah" + std::to_string(i), "halv", 10 + wobble, true));
  }
  before.push_back(row("bx1", "få", 30, false));
  before.push_back(row("bx2", "få", 30, false));
  for (int i = 0; i < 4; ++i) after.push_back(row("ax" + std::to_string(i), "få", 10, true));
  return {recorded("baseline", before), recorded("final", after)};
}

MeasurementPlan half_saving_plan() {
  auto plan = small_plan();
  plan.target_groups = {{"fuld", 5000.0}, {"halv", 5000.0}, {"få", 100.0}};
  return plan;
}

TEST(BaselineResultsBuilder, GroupSavingHalfAsMuchIsUnfair) {
  const auto report = build_baseline_report(half_saving_plan(), half_saving_points(), "v");
  ASSERT_EQ(report.saving_fairness.size(), 3u);
  const auto* full = fairness_cell(report, "fuld");
  const auto* half = fairness_cell(report, "halv");
  const auto* few = fairness_cell(report, "få");
  ASSERT_TRUE(full && half && few);
  // "fuld" and "halv" both have 60 conversations; the tie goes to the first name in byte order, "fuld".
  EXPECT_EQ(half->reference_group, "fuld");
  EXPECT_FALSE(half->reference_declared);
  EXPECT_TRUE(full->is_reference);
  EXPECT_EQ(full->verdict, "reference");
  EXPECT_DOUBLE_EQ(full->value, 10.0);
  EXPECT_EQ(half->metric, "time_saved.minutes");
  EXPECT_EQ(half->grouping, "target_group");
  EXPECT_EQ(half->kind, "two_sample_difference");
  EXPECT_TRUE(half->higher_is_better);
  EXPECT_EQ(half->n, 60);
  EXPECT_DOUBLE_EQ(half->numerator, 16.0);   // mean baseline minutes
  EXPECT_DOUBLE_EQ(half->denominator, 11.0);  // mean assisted minutes
  EXPECT_DOUBLE_EQ(half->value, 5.0);
  EXPECT_DOUBLE_EQ(half->difference, -5.0);
  EXPECT_DOUBLE_EQ(half->ratio, 0.5);
  ASSERT_TRUE(half->ratio_ci.has_value());
  EXPECT_LT(half->ratio_ci->upper, 0.8);
  EXPECT_EQ(half->verdict, "unfair");
  EXPECT_EQ(half->reason, "CI below 0.8");
  // One test (the reference and the suppressed group have no p-value), so Holm leaves p unchanged.
  EXPECT_DOUBLE_EQ(half->p_adjusted, half->p_value);
  EXPECT_LT(half->p_adjusted, 0.05);
  // The savings table hides "få", so the fairness table does too.
  EXPECT_TRUE(report.savings[2].suppressed);
  EXPECT_TRUE(few->suppressed);
  EXPECT_EQ(few->verdict, "suppressed");
  EXPECT_EQ(few->reason, "fewer than 3");
  EXPECT_TRUE(std::isnan(few->value));
  EXPECT_TRUE(std::isnan(few->ratio));
  EXPECT_FALSE(few->ratio_ci.has_value());
  EXPECT_EQ(few->reference_group, "fuld");
  // Settings as used, stated in the report.
  EXPECT_EQ(report.saving_fairness_settings.correction, "holm");
  EXPECT_EQ(report.saving_fairness_settings.min_cell_size, 3);
  EXPECT_EQ(report.saving_fairness_settings.bootstrap_replicates, 200);
  EXPECT_TRUE(report.saving_fairness_settings.reference_groups.empty());
}

TEST(BaselineResultsBuilder, DeclaredFairnessReferenceAndBandFromThePlan) {
  auto plan = half_saving_plan();
  plan.fairness.reference = "halv";
  plan.fairness.ratio_lower = 0.5;
  plan.fairness.ratio_upper = 3.0;
  plan.fairness.correction = "benjamini-hochberg";
  const auto report = build_baseline_report(plan, half_saving_points(), "v");
  const auto* full = fairness_cell(report, "fuld");
  ASSERT_TRUE(full);
  EXPECT_EQ(full->reference_group, "halv");
  EXPECT_TRUE(full->reference_declared);
  EXPECT_DOUBLE_EQ(full->ratio, 2.0);  // 10 / 5, inside the wide band [0.5, 3]
  EXPECT_EQ(full->verdict, "fair");
  ASSERT_EQ(report.saving_fairness_settings.reference_groups.size(), 1u);
  EXPECT_EQ(report.saving_fairness_settings.reference_groups[0].second, "halv");
  EXPECT_EQ(report.saving_fairness_settings.correction, "benjamini-hochberg");

  // A declared reference hidden by privacy: nothing can be compared, and the reason says why.
  plan.fairness.reference = "få";
  const auto hidden = build_baseline_report(plan, half_saving_points(), "v");
  const auto* half = fairness_cell(hidden, "halv");
  ASSERT_TRUE(half);
  EXPECT_EQ(half->verdict, "inconclusive");
  EXPECT_EQ(half->reason, "reference group 'få' is suppressed");
  EXPECT_TRUE(std::isnan(half->ratio));
}

TEST(BaselineResultsBuilder, SyntheticStudySavingFairnessMatchesTheTruth) {
  TimingStudyOptions options;
  options.seed = 7;
  options.conversations_per_point = 1200;
  options.points = {"baseline", "final"};
  options.adoption = {0.0, 0.85};
  options.write_note_texts = false;
  const auto study = generate_timing_study(options);
  MeasurementPlan plan = small_plan();
  plan.min_cell_size = 5;
  plan.target_groups.clear();
  for (const auto& g : study.truth.groups) plan.target_groups.push_back({g.target_group, g.annual_volume});
  std::vector<MeasurementPointData> points;
  for (const auto& p : study.points) {
    std::vector<StoredTiming> rows;
    for (const auto& o : p.observations) rows.push_back({o, std::nullopt});
    points.push_back(recorded(p.name, rows));
  }
  const auto report = build_baseline_report(plan, points, "v");
  ASSERT_EQ(report.saving_fairness.size(), study.truth.groups.size());
  const std::string reference = report.saving_fairness.front().reference_group;
  double reference_truth = 0.0;
  for (const auto& g : study.truth.groups)
    if (g.target_group == reference) reference_truth = g.saving_per_use_minutes;
  ASSERT_GT(reference_truth, 0.0) << reference;
  int similar = 0, different = 0;
  for (const auto& g : study.truth.groups) {
    const auto* cell = fairness_cell(report, g.target_group);
    ASSERT_TRUE(cell) << g.target_group;
    if (cell->is_reference) continue;
    const double true_ratio = g.saving_per_use_minutes / reference_truth;
    // A group whose true saving is within 15 % of the reference's never comes out unfair; one whose true saving is
    // more than 1.5 times the reference's (the generator's heavier groups) is found out.
    if (true_ratio > 0.85 && true_ratio < 1.15) {
      ++similar;
      EXPECT_TRUE(cell->verdict == "fair" || cell->verdict == "inconclusive") << g.target_group << ": " << cell->reason;
    }
    if (true_ratio > 1.5) {
      ++different;
      EXPECT_EQ(cell->verdict, "unfair") << g.target_group << ": " << cell->reason;
      EXPECT_EQ(cell->reason, "CI above 1.25");
    }
    ASSERT_TRUE(cell->ratio_ci.has_value()) << g.target_group;
  }
  // The generator has both kinds (dagpengemodtagere ≈ 10.3 minutes, jobparate ≈ 9.2, aktivitetsparate ≈ 17.9).
  EXPECT_GE(similar, 1);
  EXPECT_GE(different, 1);
}

}  // namespace
}  // namespace pb
