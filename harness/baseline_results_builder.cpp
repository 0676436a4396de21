#include "harness/baseline_results_builder.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/rng.h"
#include "harness/fairness_layer.h"
#include "metrics/bootstrap.h"
#include "metrics/edit_time_model.h"
#include "metrics/saving_disparity.h"
#include "metrics/target_verdict.h"
#include "metrics/time_saved.h"

namespace pb {
namespace {

// One conversation as the KPIs see it: minutes logged, or estimated by the edit-time model.
struct Observation {
  const TimingObservation* timing = nullptr;
  const StoredEditEffort* edit = nullptr;
  double minutes = kNoValue;  // documentation minutes, NaN when neither logged nor estimable
  bool estimated = false;
};

struct PointView {
  const MeasurementPointSpec* spec = nullptr;
  const MeasurementPointData* data = nullptr;  // nullptr when not recorded yet
  std::vector<Observation> observations;
};

EditFeatures features_of(const StoredEditEffort& e) {
  return {static_cast<double>(e.draft_words), static_cast<double>(e.inserted_chars), static_cast<double>(e.edit_spans)};
}

Interval no_interval(double level) { return {kNoValue, kNoValue, level}; }

std::optional<ConfidenceInterval> finite_interval(const Interval& interval) {
  if (!std::isfinite(interval.lower) || !std::isfinite(interval.upper)) return std::nullopt;
  return ConfidenceInterval{interval.lower, interval.upper};
}

bool pilot(const Observation& o) { return o.timing->arm != "control"; }

std::vector<double> minutes_where(const std::vector<Observation>& observations,
                                  const std::function<bool(const Observation&)>& keep) {
  std::vector<double> out;
  for (const auto& o : observations)
    if (keep(o) && std::isfinite(o.minutes)) out.push_back(o.minutes);
  return out;
}

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return kNoValue;
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

EditTimeModelSummary fit_model(std::vector<PointView>& points, EditTimeFit& fit) {
  std::vector<EditFeatures> features;
  std::vector<double> minutes;
  for (const auto& p : points)
    for (const auto& o : p.observations)
      if (o.timing->ai_used && o.edit && o.timing->documentation_minutes) {
        features.push_back(features_of(*o.edit));
        minutes.push_back(*o.timing->documentation_minutes);
      }
  EditTimeModelSummary summary;
  summary.n = static_cast<std::int64_t>(features.size());
  if (features.empty()) {
    summary.note = "no AI draft with its filed note and logged minutes";
    return summary;
  }
  fit = fit_edit_time_model(features, minutes);
  if (!fit.ok) {
    summary.note = fit.problem;
    return summary;
  }
  summary.fitted = true;
  summary.intercept = fit.constants.intercept;
  summary.per_draft_word = fit.constants.per_draft_word;
  summary.per_inserted_char = fit.constants.per_inserted_char;
  summary.per_edit_span = fit.constants.per_edit_span;
  summary.se_intercept = fit.standard_errors.intercept;
  summary.se_per_draft_word = fit.standard_errors.per_draft_word;
  summary.se_per_inserted_char = fit.standard_errors.per_inserted_char;
  summary.se_per_edit_span = fit.standard_errors.per_edit_span;
  summary.r_squared = fit.r_squared;
  summary.rmse_minutes = fit.rmse_minutes;
  // Estimate the minutes of AI-assisted conversations whose log is missing but whose draft and filed note exist.
  for (auto& p : points)
    for (auto& o : p.observations)
      if (o.timing->ai_used && o.edit && !o.timing->documentation_minutes) {
        o.minutes = std::max(0.0, predict_edit_minutes(fit.constants, features_of(*o.edit)));
        o.estimated = true;
        ++summary.estimated;
      }
  return summary;
}

class Builder {
 public:
  Builder(const MeasurementPlan& plan, const std::vector<MeasurementPointData>& recorded) : plan_(plan) {
    for (const auto& spec : plan.points) {
      PointView view;
      view.spec = &spec;
      for (const auto& r : recorded)
        if (r.record.point == spec.name) view.data = &r;
      if (view.data)
        for (const auto& t : view.data->timings) {
          Observation o;
          o.timing = &t.observation;
          o.edit = t.edit ? &*t.edit : nullptr;
          o.minutes = t.observation.documentation_minutes.value_or(kNoValue);
          view.observations.push_back(o);
        }
      points_.push_back(std::move(view));
    }
  }

  BaselineReport build(const std::string& code_version) {
    BaselineReport report;
    report.plan_name = plan_.name;
    report.municipality = plan_.municipality;
    report.code_version = code_version;
    report.seed = plan_.seed;
    report.replicates = plan_.replicates;
    report.level = plan_.level;
    report.min_group_size = plan_.min_cell_size;
    report.hours_per_fte = plan_.hours_per_fte;
    report.hourly_cost_dkk = plan_.hourly_cost_dkk;
    report.model = fit_model(points_, fit_);

    const PointView* baseline = nullptr;
    const PointView* follow_up = nullptr;
    for (const auto& p : points_) {
      if (p.spec->is_baseline && p.data) baseline = &p;
      if (!p.spec->is_baseline && p.data && !p.observations.empty()) follow_up = &p;
    }
    report.baseline_point = plan_.points.empty() ? "" : plan_.points.front().name;
    report.follow_up_point = follow_up ? follow_up->spec->name : "";

    for (const auto& p : points_) report.points.push_back(point_summary(p));
    for (const auto& kpi : plan_.kpis) report.kpis.push_back(kpi_result(kpi, baseline));
    report.saving_fairness_settings = saving_fairness_settings();
    if (baseline && follow_up) {
      savings(*baseline, *follow_up, report);
      report.saving_fairness = saving_fairness(*baseline, *follow_up, report.savings, report.saving_fairness_settings);
    }
    report.edit = edit_effort();
    return report;
  }

 private:
  std::uint64_t seed_for(const std::string& label) const { return derive_seed(plan_.seed, label); }

  MeasurementPointSummary point_summary(const PointView& p) const {
    MeasurementPointSummary s;
    s.name = p.spec->name;
    s.kind = p.spec->is_baseline ? "baseline" : "follow_up";
    if (!p.data) return s;
    const auto& r = p.data->record;
    s.recorded_at = r.recorded_at;
    s.data_source = std::filesystem::path(r.data_source).filename().string();
    s.data_hash = r.data_hash;
    s.run_id = r.run_id;
    s.survey_answers = static_cast<std::int64_t>(p.data->survey.size());
    for (const auto& o : p.observations) {
      ++s.conversations;
      if (o.timing->ai_used) ++s.ai_used;
      if (o.estimated) ++s.estimated_minutes;
      const auto& date = o.timing->date;
      if (!date.empty()) {
        if (s.first_date.empty() || date < s.first_date) s.first_date = date;
        if (s.last_date.empty() || date > s.last_date) s.last_date = date;
      }
    }
    return s;
  }

  void finish(KpiPointValue& v, const KpiSpec& kpi, bool is_baseline) const {
    if (v.n < plan_.min_cell_size && v.n > 0) {
      v.suppressed = true;
      v.value = kNoValue;
      v.ci = no_interval(plan_.level);
    }
    if (!std::isfinite(v.value)) {
      v.verdict = KpiVerdict::no_data;
      return;
    }
    v.verdict = is_baseline ? KpiVerdict::no_target : judge_against_target(v.value, v.ci, kpi.likely, kpi.lower_is_better);
    v.scenario_reached =
        is_baseline ? "" : scenario_reached(v.value, kpi.pessimistic, kpi.likely, kpi.optimistic, kpi.lower_is_better);
  }

  void mean_value(KpiPointValue& v, const std::vector<double>& values, const std::string& label) const {
    v.n = static_cast<std::int64_t>(values.size());
    v.value = mean_of(values);
    v.ci = values.empty() ? no_interval(plan_.level)
                          : bootstrap_mean_ci(values, plan_.replicates, seed_for(label), plan_.level);
  }

  KpiPointValue point_value(const KpiSpec& kpi, const PointView& p, const PointView* baseline) const {
    KpiPointValue v;
    v.point = p.spec->name;
    v.ci = no_interval(plan_.level);
    if (!p.data) return v;
    const std::string label = "kpi/" + kpi.id + "/" + p.spec->name;
    switch (kpi.source) {
      case KpiSource::documentation_minutes: {
        mean_value(v, minutes_where(p.observations, pilot), label);
        v.estimated = std::any_of(p.observations.begin(), p.observations.end(),
                                  [](const Observation& o) { return o.estimated && pilot(o); });
        break;
      }
      case KpiSource::time_saved_minutes: {
        if (p.spec->is_baseline || !baseline) break;
        const auto before = minutes_where(baseline->observations, pilot);
        const auto after = minutes_where(p.observations, [](const Observation& o) { return pilot(o) && o.timing->ai_used; });
        const auto estimate = estimate_saving(before, after, plan_.replicates, seed_for(label), plan_.level);
        v.value = estimate.saving;
        v.ci = estimate.ci;
        v.n = static_cast<std::int64_t>(std::min(estimate.n_baseline, estimate.n_assisted));
        v.estimated = std::any_of(p.observations.begin(), p.observations.end(),
                                  [](const Observation& o) { return o.estimated && pilot(o); });
        break;
      }
      case KpiSource::adoption_rate: {
        std::int64_t n = 0, used = 0;
        for (const auto& o : p.observations)
          if (pilot(o)) {
            ++n;
            if (o.timing->ai_used) ++used;
          }
        const auto share = estimate_share(used, n, plan_.level);
        v.value = share.share;
        v.ci = share.ci;
        v.n = n;
        break;
      }
      case KpiSource::after_hours_minutes: {
        std::vector<double> values;
        for (const auto& o : p.observations)
          if (pilot(o) && o.timing->after_hours_minutes) values.push_back(*o.timing->after_hours_minutes);
        mean_value(v, values, label);
        break;
      }
      case KpiSource::hter: {
        std::vector<double> edits, words;
        for (const auto& o : p.observations)
          if (o.edit) {
            edits.push_back(o.edit->ter_edits);
            words.push_back(o.edit->ter_reference_words);
          }
        v.n = static_cast<std::int64_t>(edits.size());
        double e = 0.0, w = 0.0;
        for (std::size_t i = 0; i < edits.size(); ++i) {
          e += edits[i];
          w += words[i];
        }
        v.value = w > 0.0 ? e / w : kNoValue;
        if (!edits.empty()) v.ci = bootstrap_ratio_ci(edits, words, plan_.replicates, seed_for(label), plan_.level);
        break;
      }
      case KpiSource::staff_satisfaction:
      case KpiSource::citizen_satisfaction: {
        const std::string population = kpi.source == KpiSource::staff_satisfaction ? "staff" : "citizen";
        // Answers of one respondent are not independent, so each respondent counts once: the mean of their scores.
        std::map<std::string, std::pair<double, int>> by_respondent;
        for (const auto& a : p.data->survey)
          if (a.population == population) {
            auto& [sum, count] = by_respondent[a.respondent];
            sum += a.score;
            ++count;
          }
        std::vector<double> means;
        for (const auto& [who, sc] : by_respondent) means.push_back(sc.first / sc.second);
        mean_value(v, means, label);
        break;
      }
      case KpiSource::run_metric: {
        for (const auto& k : p.data->run_kpis)
          if (k.kpi == kpi.id) {
            v.value = k.value;
            v.ci = {k.lower, k.upper, k.level};
            v.n = k.n;
          }
        break;
      }
    }
    finish(v, kpi, p.spec->is_baseline);
    return v;
  }

  KpiResult kpi_result(const KpiSpec& kpi, const PointView* baseline) const {
    KpiResult r;
    r.id = kpi.id;
    r.label = kpi.label;
    r.unit = kpi.unit;
    r.lower_is_better = kpi.lower_is_better;
    r.target = {kpi.pessimistic, kpi.likely, kpi.optimistic};
    switch (kpi.source) {
      case KpiSource::staff_satisfaction:
      case KpiSource::citizen_satisfaction: {
        r.source = kpi.source == KpiSource::staff_satisfaction ? "survey:staff" : "survey:citizen";
        int scale = 5;  // the survey's scale names the unit: "score_1_5" reads "(skala 1–5)"
        for (const auto& p : points_)
          if (p.data)
            for (const auto& a : p.data->survey) scale = std::max(scale, a.scale_max);
        r.unit = "score_1_" + std::to_string(scale);
        break;
      }
      case KpiSource::run_metric: r.source = "run:" + kpi.run_metric; break;
      case KpiSource::hter: r.source = "notes"; break;
      default: r.source = "timing"; break;
    }
    for (const auto& p : points_) r.points.push_back(point_value(kpi, p, baseline));
    return r;
  }

  void savings(const PointView& baseline, const PointView& follow_up, BaselineReport& report) const {
    const double level = plan_.level;
    std::vector<GroupTimingSample> samples;
    std::vector<std::size_t> sample_of_group;  // index into samples, or npos for suppressed groups
    // The "all groups" row covers the groups that are shown: with a suppressed group inside it, the suppressed
    // group's numbers could be recovered by subtracting the others.
    std::set<std::string> shown;
    using Membership = std::function<bool(const Observation&)>;
    auto in_group = [&shown](const std::string& group) -> Membership {
      return [group, &shown](const Observation& o) {
        return group.empty() ? shown.count(o.timing->target_group) > 0 : o.timing->target_group == group;
      };
    };
    auto fill = [&](GroupSaving& g, const std::string& label, const Membership& is_group, double volume) {
      const auto before = minutes_where(baseline.observations, [&](const Observation& o) { return pilot(o) && is_group(o); });
      const auto after = minutes_where(follow_up.observations,
                                       [&](const Observation& o) { return pilot(o) && is_group(o) && o.timing->ai_used; });
      std::int64_t conversations = 0, used = 0;
      for (const auto& o : follow_up.observations)
        if (pilot(o) && is_group(o)) {
          ++conversations;
          if (o.timing->ai_used) ++used;
        }
      g.target_group = label;
      g.n_baseline = static_cast<std::int64_t>(before.size());
      g.n_assisted = static_cast<std::int64_t>(after.size());
      g.annual_volume = volume;
      g.saving_ci = g.did_ci = g.adoption_ci = g.hours_ci = g.fte_ci = g.dkk_ci = no_interval(level);
      if (g.n_baseline < plan_.min_cell_size || g.n_assisted < plan_.min_cell_size) {
        g.suppressed = true;
        return GroupTimingSample{};
      }
      const auto saving = estimate_saving(before, after, plan_.replicates, seed_for("saving/" + label), level);
      g.baseline_minutes = saving.baseline_mean;
      g.assisted_minutes = saving.assisted_mean;
      g.saving_minutes = saving.saving;
      g.saving_ci = saving.ci;
      const auto control_before =
          minutes_where(baseline.observations, [&](const Observation& o) { return !pilot(o) && is_group(o); });
      const auto control_after =
          minutes_where(follow_up.observations, [&](const Observation& o) { return !pilot(o) && is_group(o); });
      if (static_cast<int>(control_before.size()) >= plan_.min_cell_size &&
          static_cast<int>(control_after.size()) >= plan_.min_cell_size) {
        const auto did = estimate_did_saving(before, after, control_before, control_after, plan_.replicates,
                                             seed_for("did/" + g.target_group), level);
        g.did_saving_minutes = did.saving;
        g.did_ci = did.ci;
        g.gain_uses_did = std::isfinite(did.saving);
      }
      const auto share = estimate_share(used, conversations, level);
      g.adoption = share.share;
      g.adoption_ci = share.ci;
      GroupTimingSample sample;
      sample.baseline_minutes = before;
      sample.assisted_minutes = after;
      sample.follow_up_conversations = conversations;
      sample.follow_up_ai_used = used;
      sample.annual_volume = volume;
      if (g.gain_uses_did) {
        sample.control_before = control_before;
        sample.control_after = control_after;
      }
      return sample;
    };
    auto copy_gain = [](GroupSaving& g, const RealisedGain& gain) {
      g.hours_per_year = gain.hours;
      g.hours_ci = gain.hours_ci;
      g.fte = gain.fte;
      g.fte_ci = gain.fte_ci;
      g.dkk = gain.dkk;
      g.dkk_ci = gain.dkk_ci;
    };
    for (const auto& group : plan_.target_groups) {
      GroupSaving g;
      auto sample = fill(g, group.name, in_group(group.name), group.annual_volume);
      if (g.suppressed) {
        sample_of_group.push_back(static_cast<std::size_t>(-1));
      } else {
        shown.insert(group.name);
        sample_of_group.push_back(samples.size());
        samples.push_back(std::move(sample));
      }
      report.savings.push_back(std::move(g));
    }
    double total_volume = 0.0;
    for (const auto& group : plan_.target_groups)
      if (shown.count(group.name)) total_volume += group.annual_volume;
    if (shown.empty()) {
      report.total.target_group = "alle";
      report.total.suppressed = true;
      return;
    }
    fill(report.total, "alle", in_group(""), total_volume);
    // The total's hours are the groups' sum, so they rest on DiD only when every group's do.
    report.total.gain_uses_did = std::all_of(report.savings.begin(), report.savings.end(), [](const GroupSaving& g) {
      return g.suppressed || g.gain_uses_did;
    });
    // Conversation types (meeting_type): saving and adoption; no annual volumes per type, so no hours.
    std::set<std::string> types;
    for (const auto& o : baseline.observations) types.insert(o.timing->meeting_type);
    for (const auto& o : follow_up.observations) types.insert(o.timing->meeting_type);
    types.erase("");
    for (const auto& type : types) {
      GroupSaving g;
      fill(g, type, [&type](const Observation& o) { return o.timing->meeting_type == type; }, kNoValue);
      report.savings_by_meeting_type.push_back(std::move(g));
    }
    hide_lone_suppressed_type(report.savings_by_meeting_type);
    const auto gains = realised_gain_with_ci(samples, plan_.hours_per_fte, plan_.hourly_cost_dkk, plan_.replicates,
                                             seed_for("gain"), level);
    for (std::size_t i = 0; i < report.savings.size(); ++i)
      if (sample_of_group[i] != static_cast<std::size_t>(-1)) copy_gain(report.savings[i], gains.groups[sample_of_group[i]]);
    if (!report.total.suppressed) copy_gain(report.total, gains.total);
  }

  // Secondary suppression of the conversation-type table: the types cut the same conversations as the all-groups
  // row, so one hidden type could be worked out from that row and the types shown. When exactly one type is hidden,
  // the shown type with the fewest conversations is hidden too.
  static void hide_lone_suppressed_type(std::vector<GroupSaving>& types) {
    const auto hidden = std::count_if(types.begin(), types.end(), [](const GroupSaving& g) { return g.suppressed; });
    if (hidden != 1) return;
    GroupSaving* smallest = nullptr;
    for (auto& g : types)
      if (!g.suppressed && (!smallest || g.n_baseline + g.n_assisted < smallest->n_baseline + smallest->n_assisted))
        smallest = &g;
    if (smallest) smallest->suppressed = true;
  }

  FairnessSettings saving_fairness_settings() const {
    FairnessSettings settings;
    settings.ratio_lower = plan_.fairness.ratio_lower;
    settings.ratio_upper = plan_.fairness.ratio_upper;
    settings.correction = plan_.fairness.correction;
    if (!plan_.fairness.reference.empty()) settings.reference_groups = {{"target_group", plan_.fairness.reference}};
    settings.min_cell_size = plan_.min_cell_size;
    settings.bootstrap_replicates = plan_.replicates;
    settings.confidence_level = plan_.level;
    return settings;
  }

  // The fairness layer for time saved: each target group's saving (the same pilot-arm samples as `savings`) against
  // the reference group's, with the multiple-testing correction across the groups and the rule of
  // harness/fairness_layer.cpp that "unfair" also needs the adjusted p-value below 1 − level.
  std::vector<FairnessCell> saving_fairness(const PointView& baseline, const PointView& follow_up,
                                            const std::vector<GroupSaving>& shown_savings,
                                            const FairnessSettings& settings) const {
    auto base_cell = [](const std::string& group) {
      FairnessCell cell;
      cell.grouping = "target_group";
      cell.metric = "time_saved.minutes";
      cell.kind = "two_sample_difference";
      cell.higher_is_better = true;
      cell.group = group;
      return cell;
    };
    std::vector<SavingGroupSample> samples;
    std::vector<FairnessCell> hidden;
    for (const auto& saving : shown_savings) {
      const std::string& group = saving.target_group;
      if (saving.suppressed) {
        FairnessCell cell = base_cell(group);
        cell.n = saving.n_baseline + saving.n_assisted;
        cell.suppressed = true;
        cell.numerator = cell.denominator = kNoValue;
        cell.value = cell.difference = cell.ratio = cell.p_value = cell.p_adjusted = kNoValue;
        cell.verdict = "suppressed";
        cell.reason = "fewer than " + std::to_string(plan_.min_cell_size);
        hidden.push_back(std::move(cell));
        continue;
      }
      auto in_group = [&group](const Observation& o) { return pilot(o) && o.timing->target_group == group; };
      samples.push_back({group, minutes_where(baseline.observations, in_group),
                         minutes_where(follow_up.observations,
                                       [&](const Observation& o) { return in_group(o) && o.timing->ai_used; })});
    }
    std::vector<FairnessCell> cells;
    if (!samples.empty()) {
      DisparityOptions options;
      if (!plan_.fairness.reference.empty()) options.reference_group = plan_.fairness.reference;
      options.ratio_lower = settings.ratio_lower;
      options.ratio_upper = settings.ratio_upper;
      options.min_n = static_cast<std::size_t>(std::max(settings.min_cell_size, 1));
      options.replicates = settings.bootstrap_replicates;
      options.seed = seed_for("fairness/time_saved.minutes");
      options.level = settings.confidence_level;
      const auto disparity = compute_saving_disparity(samples, options);
      // A declared reference hidden by privacy is not "not found": say why it cannot be compared with.
      std::string problem = disparity.problem;
      if (options.reference_group &&
          std::any_of(hidden.begin(), hidden.end(), [&](const FairnessCell& c) { return c.group == *options.reference_group; }))
        problem = "reference group '" + *options.reference_group + "' is suppressed";
      for (const auto& g : disparity.groups) {
        FairnessCell cell = base_cell(g.name);
        cell.reference_group = disparity.reference_group;
        cell.reference_declared = disparity.reference_declared;
        cell.n = static_cast<std::int64_t>(g.n_baseline + g.n_assisted);
        cell.is_reference = g.is_reference;
        cell.numerator = g.baseline_mean;
        cell.denominator = g.assisted_mean;
        cell.value = g.saving;
        cell.value_undefined = g.saving_undefined;
        cell.value_ci = finite_interval(g.saving_ci);
        cell.difference = g.difference;
        cell.difference_ci = finite_interval(g.difference_ci);
        cell.ratio = g.ratio;
        cell.ratio_ci = finite_interval(g.ratio_ci);
        cell.p_value = g.p_value;
        cell.verdict = to_string(g.verdict);
        cell.reason = problem.empty() ? g.verdict_reason : problem;
        cells.push_back(std::move(cell));
      }
      for (auto& cell : hidden) {
        cell.reference_group = disparity.reference_group;
        cell.reference_declared = disparity.reference_declared;
      }
    }
    for (auto& cell : hidden) cells.push_back(std::move(cell));
    apply_fairness_correction(cells, settings);
    return cells;
  }

  EditEffortSummary edit_effort() const {
    EditEffortSummary s;
    std::vector<double> edits, words;
    double kept = 0.0, draft = 0.0, inserted = 0.0, deleted = 0.0, spans = 0.0;
    for (const auto& p : points_) {
      if (p.spec->is_baseline) continue;
      for (const auto& o : p.observations)
        if (o.edit) {
          edits.push_back(o.edit->ter_edits);
          words.push_back(o.edit->ter_reference_words);
          kept += static_cast<double>(o.edit->kept_words);
          draft += static_cast<double>(o.edit->draft_words);
          inserted += static_cast<double>(o.edit->inserted_words);
          deleted += static_cast<double>(o.edit->deleted_words);
          spans += static_cast<double>(o.edit->edit_spans);
        }
    }
    s.pairs = static_cast<std::int64_t>(edits.size());
    s.hter_ci = no_interval(plan_.level);
    if (s.pairs < plan_.min_cell_size) return s;
    double e = 0.0, w = 0.0;
    for (std::size_t i = 0; i < edits.size(); ++i) {
      e += edits[i];
      w += words[i];
    }
    const double n = static_cast<double>(s.pairs);
    s.hter = w > 0.0 ? e / w : kNoValue;
    s.hter_ci = bootstrap_ratio_ci(edits, words, plan_.replicates, seed_for("hter"), plan_.level);
    s.kept_share = draft > 0.0 ? kept / draft : kNoValue;
    s.inserted_words = inserted / n;
    s.deleted_words = deleted / n;
    s.edit_spans = spans / n;
    return s;
  }

  const MeasurementPlan& plan_;
  std::vector<PointView> points_;
  EditTimeFit fit_;
};

}  // namespace

BaselineReport build_baseline_report(const MeasurementPlan& plan, const std::vector<MeasurementPointData>& recorded,
                                     const std::string& code_version) {
  return Builder(plan, recorded).build(code_version);
}

}  // namespace pb
