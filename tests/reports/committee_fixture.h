#pragma once
// A realistic baseline report for the committee-report tests: a job centre with three measurement points, four
// KPIs, two target groups with savings and one suppressed group, edit effort and a fitted edit-time model.
// Hours, FTE and DKK follow from the other inputs exactly as the builder computes them.
#include "reports/baseline_results.h"

namespace pb::committee_fixture {

inline Interval ci(double lower, double upper) { return Interval{lower, upper, 0.95}; }

inline KpiPointValue point(const char* name, std::int64_t n, double value, Interval interval, KpiVerdict verdict,
                           const char* scenario) {
  KpiPointValue p;
  p.point = name;
  p.n = n;
  p.value = value;
  p.ci = interval;
  p.verdict = verdict;
  p.scenario_reached = scenario;
  return p;
}

// saving × adoption × volume / 60 hours, / 1924 FTE, × 450 DKK.
inline void realise(GroupSaving& g, double hourly_cost = 450.0, double hours_per_fte = 1924.0) {
  g.hours_per_year = g.saving_minutes * g.adoption * g.annual_volume / 60.0;
  g.hours_ci = ci(g.saving_ci.lower * g.adoption * g.annual_volume / 60.0,
                  g.saving_ci.upper * g.adoption * g.annual_volume / 60.0);
  g.fte = g.hours_per_year / hours_per_fte;
  g.fte_ci = ci(g.hours_ci.lower / hours_per_fte, g.hours_ci.upper / hours_per_fte);
  g.dkk = g.hours_per_year * hourly_cost;
  g.dkk_ci = ci(g.hours_ci.lower * hourly_cost, g.hours_ci.upper * hourly_cost);
}

inline BaselineReport realistic_report() {
  BaselineReport r;
  r.plan_name = "Dokumentation med AI-udkast 2026";
  r.municipality = "Vestby Kommune, Jobcenter Vestby";
  r.code_version = "0.9.0-test";
  r.generated_at = "2026-10-05T08:00:00Z";
  r.seed = 20260105;
  r.replicates = 2000;
  r.level = 0.95;
  r.min_group_size = 10;
  r.hours_per_fte = 1924.0;
  r.hourly_cost_dkk = 450.0;
  r.baseline_point = "baseline";
  r.follow_up_point = "final";

  MeasurementPointSummary baseline{"baseline", "baseline", "2026-02-23T09:00:00Z", "data/baseline.csv",
                                   "3f2a9c", "2026-01-12", "2026-02-20", 240, 0, 0, 0, std::nullopt};
  MeasurementPointSummary midway{"midway", "follow_up", "2026-06-01T09:00:00Z", "data/midway.csv",
                                 "8b1d07", "2026-05-04", "2026-05-29", 210, 120, 14, 85, 7};
  MeasurementPointSummary final_point{"final", "follow_up", "2026-10-05T09:00:00Z", "data/final.csv",
                                      "c4e5f6", "2026-09-07", "2026-10-02", 230, 184, 9, 92, 12};
  r.points = {baseline, midway, final_point};

  KpiResult minutes;
  minutes.id = "documentation_minutes";
  minutes.unit = "minutes";
  minutes.lower_is_better = true;
  minutes.target = {20.0, 17.0, 14.0};
  minutes.source = "timing";
  minutes.points = {point("baseline", 240, 24.6, ci(23.4, 25.9), KpiVerdict::no_target, ""),
                    point("midway", 210, 19.8, ci(18.6, 21.1), KpiVerdict::not_met, "pessimistic"),
                    point("final", 230, 16.2, ci(15.1, 17.4), KpiVerdict::inconclusive, "likely")};
  minutes.points[1].estimated = true;

  KpiResult adoption;
  adoption.id = "adoption_rate";
  adoption.unit = "share";
  adoption.target = {0.6, 0.75, 0.9};
  adoption.source = "timing";
  adoption.points = {point("baseline", 240, 0.0, ci(0.0, 0.0), KpiVerdict::no_target, ""),
                     point("midway", 210, 0.5714, ci(0.503, 0.638), KpiVerdict::not_met, "below_pessimistic"),
                     point("final", 230, 0.8, ci(0.748, 0.852), KpiVerdict::met, "likely")};

  KpiResult staff;
  staff.id = "staff_satisfaction";
  staff.unit = "score_1_5";
  staff.target = {3.0, 3.5, 4.0};
  staff.source = "survey:staff";
  staff.points = {point("baseline", 40, 3.1, ci(2.9, 3.3), KpiVerdict::no_target, ""),
                  point("midway", 85, 3.4, ci(3.2, 3.6), KpiVerdict::inconclusive, "pessimistic"),
                  point("final", 92, 3.9, ci(3.7, 4.1), KpiVerdict::met, "likely")};

  KpiResult after_hours;
  after_hours.id = "after_hours_minutes";
  after_hours.unit = "minutes";
  after_hours.lower_is_better = true;
  after_hours.target = {3.0, 2.0, 1.0};
  after_hours.source = "timing";
  KpiPointValue hidden = point("midway", 7, 6.66, ci(5.55, 7.77), KpiVerdict::not_met, "below_pessimistic");
  hidden.suppressed = true;  // the builder may leave numbers in; the writers must not show them
  after_hours.points = {point("baseline", 240, 4.2, ci(3.8, 4.6), KpiVerdict::no_target, ""), hidden,
                        point("final", 230, 2.4, ci(1.9, 2.9), KpiVerdict::inconclusive, "pessimistic")};
  r.kpis = {minutes, adoption, staff, after_hours};

  GroupSaving dagpenge;
  dagpenge.target_group = "dagpengemodtagere";
  dagpenge.n_baseline = 120;
  dagpenge.n_assisted = 95;
  dagpenge.baseline_minutes = 25.1;
  dagpenge.assisted_minutes = 15.3;
  dagpenge.saving_minutes = 9.8;
  dagpenge.saving_ci = ci(8.2, 11.4);
  dagpenge.did_saving_minutes = 8.9;
  dagpenge.did_ci = ci(6.8, 11.0);
  dagpenge.adoption = 0.81;
  dagpenge.adoption_ci = ci(0.75, 0.87);
  dagpenge.annual_volume = 19000;
  realise(dagpenge);  // 9.8 × 0.81 × 19000 / 60 = 2513.7 hours; / 1924 = 1.3065 FTE; × 450 = 1,131,165 DKK

  GroupSaving jobparate;
  jobparate.target_group = "jobparate";
  jobparate.n_baseline = 96;
  jobparate.n_assisted = 70;
  jobparate.baseline_minutes = 23.4;
  jobparate.assisted_minutes = 16.3;
  jobparate.saving_minutes = 7.1;
  jobparate.saving_ci = ci(5.2, 9.0);
  jobparate.did_saving_minutes = 6.4;
  jobparate.did_ci = ci(4.0, 8.8);
  jobparate.adoption = 0.76;
  jobparate.adoption_ci = ci(0.68, 0.84);
  jobparate.annual_volume = 8500;
  realise(jobparate);  // 7.1 × 0.76 × 8500 / 60 = 764.4333 hours

  GroupSaving small;
  small.target_group = "ressourceforløb";
  small.suppressed = true;
  small.n_baseline = 8;
  small.n_assisted = 6;
  small.baseline_minutes = 88.8;  // distinctive numbers that must never appear in any output
  small.assisted_minutes = 11.1;
  small.saving_minutes = 77.7;
  small.saving_ci = ci(66.6, 99.9);
  small.adoption = 0.75;
  small.annual_volume = 1200;
  realise(small);
  r.savings = {dagpenge, jobparate, small};

  GroupSaving total;
  total.target_group = "alle";
  total.n_baseline = 224;
  total.n_assisted = 171;
  total.baseline_minutes = 24.3;
  total.assisted_minutes = 15.8;
  total.saving_minutes = 8.5;
  total.saving_ci = ci(7.3, 9.7);
  total.did_saving_minutes = 7.8;
  total.did_ci = ci(6.1, 9.5);
  total.adoption = 0.79;
  total.adoption_ci = ci(0.74, 0.84);
  total.annual_volume = 27500;
  total.hours_per_year = dagpenge.hours_per_year + jobparate.hours_per_year;  // 3278.1333
  total.hours_ci = ci(2700.0, 3850.0);
  total.fte = total.hours_per_year / 1924.0;
  total.fte_ci = ci(2700.0 / 1924.0, 3850.0 / 1924.0);
  total.dkk = total.hours_per_year * 450.0;
  total.dkk_ci = ci(2700.0 * 450.0, 3850.0 * 450.0);
  r.total = total;

  // Per conversation type: saving and adoption, no yearly volume (so no hours).
  GroupSaving first_meeting;
  first_meeting.target_group = "første samtale";
  first_meeting.n_baseline = 80;
  first_meeting.n_assisted = 61;
  first_meeting.baseline_minutes = 31.2;
  first_meeting.assisted_minutes = 19.9;
  first_meeting.saving_minutes = 11.3;
  first_meeting.saving_ci = ci(9.1, 13.6);
  first_meeting.adoption = 0.8;
  first_meeting.adoption_ci = ci(0.71, 0.87);
  GroupSaving rare_meeting;
  rare_meeting.target_group = "rundbordssamtale";
  rare_meeting.suppressed = true;
  rare_meeting.n_baseline = 3;
  rare_meeting.saving_minutes = 55.5;  // must never appear
  r.savings_by_meeting_type = {first_meeting, rare_meeting};

  r.edit.pairs = 200;
  r.edit.hter = 0.182;
  r.edit.hter_ci = ci(0.168, 0.197);
  r.edit.kept_share = 0.84;
  r.edit.inserted_words = 21.3;
  r.edit.deleted_words = 14.7;
  r.edit.edit_spans = 6.2;

  r.model.fitted = true;
  r.model.n = 180;
  r.model.intercept = 1.42;
  r.model.se_intercept = 0.31;
  r.model.per_draft_word = 0.0105;
  r.model.se_per_draft_word = 0.0021;
  r.model.per_inserted_char = 0.0031;
  r.model.se_per_inserted_char = 0.0004;
  r.model.per_edit_span = 0.27;
  r.model.se_per_edit_span = 0.05;
  r.model.r_squared = 0.71;
  r.model.rmse_minutes = 1.9;
  r.model.estimated = 23;

  // Time saved through the fairness layer: dagpengemodtagere is the reference; jobparate saves 7.1 / 9.8 = 0.7245
  // of its saving, ratio CI 0.52 to 0.93 straddles 0.8 → inconclusive; ressourceforløb is suppressed.
  FairnessCell reference;
  reference.grouping = "target_group";
  reference.metric = "time_saved.minutes";
  reference.kind = "two_sample_difference";
  reference.higher_is_better = true;
  reference.group = "dagpengemodtagere";
  reference.reference_group = "dagpengemodtagere";
  reference.n = 215;
  reference.is_reference = true;
  reference.numerator = 25.1;
  reference.denominator = 15.3;
  reference.value = 9.8;
  reference.value_ci = ConfidenceInterval{8.2, 11.4};
  reference.difference = 0.0;
  reference.ratio = 1.0;
  reference.p_value = reference.p_adjusted = kNoValue;
  reference.verdict = "reference";
  reference.reason = "reference group";
  FairnessCell job = reference;
  job.group = "jobparate";
  job.n = 166;
  job.is_reference = false;
  job.numerator = 23.4;
  job.denominator = 16.3;
  job.value = 7.1;
  job.value_ci = ConfidenceInterval{5.2, 9.0};
  job.difference = -2.7;
  job.difference_ci = ConfidenceInterval{-5.1, -0.3};
  job.ratio = 7.1 / 9.8;
  job.ratio_ci = ConfidenceInterval{0.52, 0.93};
  job.p_value = 0.0271;
  job.p_adjusted = 0.0271;
  job.verdict = "inconclusive";
  job.reason = "CI straddles 0.8";
  FairnessCell hidden_cell = reference;
  hidden_cell.group = "ressourceforløb";
  hidden_cell.n = 14;
  hidden_cell.is_reference = false;
  hidden_cell.suppressed = true;
  hidden_cell.numerator = hidden_cell.denominator = hidden_cell.value = hidden_cell.difference = hidden_cell.ratio = kNoValue;
  hidden_cell.value_ci.reset();
  hidden_cell.p_value = hidden_cell.p_adjusted = kNoValue;
  hidden_cell.verdict = "suppressed";
  hidden_cell.reason = "fewer than 10";
  r.saving_fairness = {reference, job, hidden_cell};
  r.saving_fairness_settings.min_cell_size = 10;
  r.saving_fairness_settings.bootstrap_replicates = 2000;

  r.limits = {"Baseline og opfølgning er målt i forskellige måneder; sæsonudsving kan påvirke tiden."};
  return r;
}

}  // namespace pb::committee_fixture
