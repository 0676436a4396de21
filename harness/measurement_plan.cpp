#include "harness/measurement_plan.h"

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "core/files.h"
#include "core/json_text.h"
#include "harness/json_fields.h"

namespace pb {
namespace {

struct BuiltinKpi {
  const char* id;
  KpiSource source;
  const char* unit;
  bool lower_is_better;
};

constexpr BuiltinKpi kBuiltinKpis[] = {
    {"documentation_minutes", KpiSource::documentation_minutes, "minutes", true},
    {"time_saved_minutes", KpiSource::time_saved_minutes, "minutes", false},
    {"adoption_rate", KpiSource::adoption_rate, "share", false},
    {"after_hours_minutes", KpiSource::after_hours_minutes, "minutes", true},
    {"hter", KpiSource::hter, "share", true},
    {"staff_satisfaction", KpiSource::staff_satisfaction, "score_1_5", false},
    {"citizen_satisfaction", KpiSource::citizen_satisfaction, "score_1_5", false},
};

const BuiltinKpi* builtin_kpi(const std::string& id) {
  for (const auto& k : kBuiltinKpis)
    if (id == k.id) return &k;
  return nullptr;
}

// Run metrics whose direction is obvious; any other run metric must say lower_is_better.
std::optional<bool> known_run_metric_direction(const std::string& metric) {
  static const std::set<std::string> lower = {"wer", "cer", "mean_wer", "failure_rate", "summary.unsupported_rate",
                                              "summary.critical_errors_per_note", "summary.negation_flips_per_note",
                                              "summary.notes_with_critical_errors", "summary.failure_rate"};
  static const std::set<std::string> higher = {"summary.key_fact_recall", "summary.rouge1", "summary.rouge2",
                                               "summary.rougeL", "summary.rougeLsum", "summary.chrf",
                                               "summary.structure_pass_rate", "judge.mean_score", "judge.claim_support"};
  if (lower.count(metric) || metric.rfind("wer.", 0) == 0) return true;
  if (higher.count(metric) || metric.rfind("summary.key_fact_recall.", 0) == 0) return false;
  return std::nullopt;
}

// Run metrics that are shares of something (shown as percentages).
bool is_share_metric(const std::string& metric) {
  static const std::set<std::string> shares = {"wer", "cer", "mean_wer", "failure_rate", "summary.unsupported_rate",
                                               "summary.key_fact_recall", "summary.structure_pass_rate",
                                               "summary.notes_with_critical_errors", "summary.failure_rate"};
  return shares.count(metric) > 0 || metric.rfind("wer.", 0) == 0 || metric.rfind("summary.key_fact_recall.", 0) == 0;
}

bool is_safe_name(const std::string& name) {
  static const std::regex pattern("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  return std::regex_match(name, pattern);
}

std::optional<std::filesystem::path> resolve(const std::optional<std::string>& relative, const std::string& base_dir) {
  if (!relative) return std::nullopt;
  std::filesystem::path p(*relative);
  return (p.is_absolute() ? p : std::filesystem::path(base_dir) / p).lexically_normal();
}

void read_kpis(const nlohmann::json& doc, MeasurementPlan& plan, JsonFields& fields) {
  const auto* kpis = fields.array(doc, "kpis", "", true);
  if (!kpis) return;
  if (kpis->empty()) fields.problem("kpis", "expected at least one KPI");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < kpis->size(); ++i) {
    const auto& k = (*kpis)[i];
    const std::string path = fmt::format("kpis[{}]", i);
    if (!k.is_object()) {
      fields.problem(path, "expected an object, got " + describe_json(k));
      continue;
    }
    fields.reject_unknown_keys(k, path, {"id", "label", "run_metric", "unit", "lower_is_better", "target"});
    KpiSpec spec;
    spec.json_path = path;
    spec.id = fields.string(k, "id", path, true).value_or("");
    if (!spec.id.empty() && !is_safe_name(spec.id))
      fields.problem(path + ".id", "expected 1–64 characters from A–Z a–z 0–9 . _ -, got \"" + spec.id + "\"");
    if (!spec.id.empty() && !seen.insert(spec.id).second) fields.problem(path + ".id", "KPI \"" + spec.id + "\" appears twice");
    spec.label = fields.string(k, "label", path, false).value_or("");
    const auto run_metric = fields.string(k, "run_metric", path, false);
    const auto lower = fields.boolean(k, "lower_is_better", path, false);
    const auto unit = fields.string(k, "unit", path, false);
    if (run_metric) {
      spec.source = KpiSource::run_metric;
      spec.run_metric = *run_metric;
      const auto direction = lower ? lower : known_run_metric_direction(*run_metric);
      if (!direction)
        fields.problem(path + ".lower_is_better",
                       "run metric \"" + *run_metric + "\" has no known direction: say \"lower_is_better\": true or false");
      spec.lower_is_better = direction.value_or(false);
      spec.unit = unit.value_or(is_share_metric(spec.run_metric) ? "share" : "value");
    } else if (const auto* builtin = builtin_kpi(spec.id)) {
      spec.source = builtin->source;
      spec.unit = builtin->unit;
      spec.lower_is_better = builtin->lower_is_better;
      if (lower && *lower != builtin->lower_is_better)
        fields.problem(path + ".lower_is_better", fmt::format("{} is always {} is better", spec.id,
                                                              builtin->lower_is_better ? "lower" : "higher"));
      if (unit) fields.problem(path + ".unit", "the unit of a built-in KPI is fixed (" + spec.unit + ")");
    } else if (!spec.id.empty()) {
      std::string known;
      for (const auto& b : kBuiltinKpis) known += (known.empty() ? "" : ", ") + std::string(b.id);
      fields.problem(path + ".id", "unknown KPI \"" + spec.id + "\": expected one of " + known +
                                       ", or a \"run_metric\" naming a metric of a pilotbench run");
    }
    if (const auto* target = fields.object(k, "target", path, false)) {
      const std::string tpath = path + ".target";
      fields.reject_unknown_keys(*target, tpath, {"pessimistic", "likely", "optimistic"});
      const double nan = std::numeric_limits<double>::quiet_NaN();
      spec.pessimistic = fields.number(*target, "pessimistic", tpath, false).value_or(nan);
      spec.likely = fields.number(*target, "likely", tpath, true).value_or(nan);
      spec.optimistic = fields.number(*target, "optimistic", tpath, false).value_or(nan);
      // Scenarios must be ordered by ambition: pessimistic is the easiest to reach, optimistic the hardest.
      auto ordered = [&](double easier, double harder) {
        if (!std::isfinite(easier) || !std::isfinite(harder)) return true;
        return spec.lower_is_better ? easier >= harder : easier <= harder;
      };
      const char* order = spec.lower_is_better ? "pessimistic ≥ likely ≥ optimistic (lower is better)"
                                               : "pessimistic ≤ likely ≤ optimistic (higher is better)";
      if (!ordered(spec.pessimistic, spec.likely) || !ordered(spec.likely, spec.optimistic) ||
          !ordered(spec.pessimistic, spec.optimistic))
        fields.problem(tpath, fmt::format("expected {}", order));
    }
    plan.kpis.push_back(std::move(spec));
  }
}

void read_points(const nlohmann::json& doc, MeasurementPlan& plan, JsonFields& fields, const std::string& base_dir) {
  const auto* points = fields.array(doc, "points", "", true);
  if (!points) return;
  if (points->empty()) fields.problem("points", "expected at least the baseline measurement point");
  std::set<std::string> seen;
  int baselines = 0;
  for (std::size_t i = 0; i < points->size(); ++i) {
    const auto& p = (*points)[i];
    const std::string path = fmt::format("points[{}]", i);
    if (!p.is_object()) {
      fields.problem(path, "expected an object, got " + describe_json(p));
      continue;
    }
    fields.reject_unknown_keys(p, path, {"name", "kind", "timing", "survey", "run", "scenario", "solution"});
    MeasurementPointSpec spec;
    spec.json_path = path;
    spec.name = fields.string(p, "name", path, true).value_or("");
    if (!spec.name.empty() && !is_safe_name(spec.name))
      fields.problem(path + ".name", "expected 1–64 characters from A–Z a–z 0–9 . _ -, got \"" + spec.name + "\"");
    if (!spec.name.empty() && !seen.insert(spec.name).second)
      fields.problem(path + ".name", "measurement point \"" + spec.name + "\" appears twice");
    const auto kind = fields.string(p, "kind", path, false).value_or("follow_up");
    if (kind != "baseline" && kind != "follow_up")
      fields.problem(path + ".kind", "expected \"baseline\" or \"follow_up\", got \"" + kind + "\"");
    spec.is_baseline = kind == "baseline";
    if (spec.is_baseline) {
      ++baselines;
      if (i != 0) fields.problem(path + ".kind", "the baseline must be the first measurement point");
    }
    spec.timing = resolve(fields.string(p, "timing", path, false), base_dir);
    spec.survey = resolve(fields.string(p, "survey", path, false), base_dir);
    if (p.contains("run")) {
      if (p["run"].is_string() && p["run"] == "latest")
        spec.latest_run = true;
      else if (p["run"].is_number_integer() && p["run"].get<std::int64_t>() >= 1)
        spec.run_id = p["run"].get<std::int64_t>();
      else
        fields.problem(path + ".run", "expected a run id (an integer ≥ 1) or \"latest\", got " + describe_json(p["run"]));
    }
    spec.run_scenario = fields.string(p, "scenario", path, false).value_or("");
    if (!spec.run_scenario.empty() && !spec.latest_run)
      fields.problem(path + ".scenario", "\"scenario\" picks the newest run of that scenario, so it needs \"run\": \"latest\"");
    spec.solution = fields.string(p, "solution", path, false).value_or("");
    if ((spec.run_id || spec.latest_run) && spec.solution.empty())
      fields.problem(path + ".solution", "expected the id of the run's solution that this municipality uses");
    plan.points.push_back(std::move(spec));
  }
  if (!points->empty() && baselines != 1)
    fields.problem("points", fmt::format("expected exactly one point of \"kind\": \"baseline\", found {}", baselines));
}

// "fairness": {"band": [l, u], "correction": "holm" | "bh", "reference": "<target group>"}, as in a scenario but
// with one grouping only (target groups), so the reference is a name rather than an object per grouping.
void read_fairness(const nlohmann::json& doc, MeasurementPlan& plan, JsonFields& fields) {
  const auto* fairness = fields.object(doc, "fairness", "", false);
  if (!fairness) return;
  fields.reject_unknown_keys(*fairness, "fairness", {"band", "correction", "reference"});
  auto& f = plan.fairness;
  if (const auto* band = fields.array(*fairness, "band", "fairness", false)) {
    const bool numbers = band->size() == 2 && (*band)[0].is_number() && (*band)[1].is_number();
    const double lower = numbers ? (*band)[0].get<double>() : 0.0, upper = numbers ? (*band)[1].get<double>() : 0.0;
    if (!numbers || !(lower > 0.0) || !(lower <= 1.0) || !(upper >= 1.0) || !std::isfinite(upper))
      fields.problem("fairness.band", "expected [lower, upper] with 0 < lower <= 1 <= upper, e.g. [0.8, 1.25], got " +
                                          describe_json(*band));
    else
      f.ratio_lower = lower, f.ratio_upper = upper;
  }
  if (const auto correction = fields.string(*fairness, "correction", "fairness", false)) {
    if (*correction == "holm")
      f.correction = "holm";
    else if (*correction == "bh" || *correction == "benjamini-hochberg")
      f.correction = "benjamini-hochberg";
    else
      fields.problem("fairness.correction",
                     "expected \"holm\", \"bh\" or \"benjamini-hochberg\", got \"" + *correction + "\"");
  }
  if (const auto reference = fields.string(*fairness, "reference", "fairness", false)) {
    const bool known = std::any_of(plan.target_groups.begin(), plan.target_groups.end(),
                                   [&](const TargetGroupSpec& g) { return g.name == *reference; });
    std::string names;
    for (const auto& g : plan.target_groups) names += (names.empty() ? "\"" : ", \"") + g.name + "\"";
    if (!known)
      fields.problem("fairness.reference", "expected one of the target groups (" + names + "), got \"" + *reference + "\"");
    else
      f.reference = *reference;
  }
}

MeasurementPlan parse_plan(const nlohmann::json& doc, const std::string& file, const std::string& base_dir,
                           ProblemList& problems) {
  JsonFields fields(file, 0, problems);
  MeasurementPlan plan;
  plan.file = file;
  if (!doc.is_object()) {
    fields.problem("", "expected a JSON object, got " + describe_json(doc));
    return plan;
  }
  fields.reject_unknown_keys(doc, "", {"name", "municipality", "description", "seed", "bootstrap", "privacy",
                                       "economics", "target_groups", "kpis", "points", "synthetic_timing",
                                       "fairness"});
  plan.name = fields.string(doc, "name", "", true).value_or("");
  plan.municipality = fields.string(doc, "municipality", "", false).value_or("");
  plan.description = fields.string(doc, "description", "", false).value_or("");
  plan.seed = static_cast<std::uint64_t>(fields.integer(doc, "seed", "", false, 0).value_or(1));
  if (const auto* boot = fields.object(doc, "bootstrap", "", false)) {
    fields.reject_unknown_keys(*boot, "bootstrap", {"replicates", "level"});
    plan.replicates = static_cast<int>(fields.integer(*boot, "replicates", "bootstrap", false, 100).value_or(1000));
    if (plan.replicates > 100000) fields.problem("bootstrap.replicates", "expected at most 100000 replicates");
    plan.level = fields.number(*boot, "level", "bootstrap", false, 0.5, 0.999).value_or(0.95);
  }
  if (const auto* privacy = fields.object(doc, "privacy", "", false)) {
    fields.reject_unknown_keys(*privacy, "privacy", {"min_cell_size"});
    plan.min_cell_size = static_cast<int>(fields.integer(*privacy, "min_cell_size", "privacy", false, 1).value_or(5));
  }
  if (const auto* economics = fields.object(doc, "economics", "", false)) {
    fields.reject_unknown_keys(*economics, "economics", {"hours_per_fte", "hourly_cost_dkk"});
    plan.hours_per_fte = fields.number(*economics, "hours_per_fte", "economics", false, 1.0, 8784.0).value_or(1924.0);
    if (const auto cost = fields.number(*economics, "hourly_cost_dkk", "economics", false, 0.0, 100000.0))
      plan.hourly_cost_dkk = *cost;
  }
  if (const auto* groups = fields.array(doc, "target_groups", "", true)) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < groups->size(); ++i) {
      const auto& g = (*groups)[i];
      const std::string path = fmt::format("target_groups[{}]", i);
      if (!g.is_object()) {
        fields.problem(path, "expected {\"name\": …, \"annual_volume\": …}, got " + describe_json(g));
        continue;
      }
      fields.reject_unknown_keys(g, path, {"name", "annual_volume"});
      TargetGroupSpec spec;
      spec.name = fields.string(g, "name", path, true).value_or("");
      spec.annual_volume = fields.number(g, "annual_volume", path, true, 0.0, 1e8).value_or(0.0);
      if (!spec.name.empty() && !seen.insert(spec.name).second)
        fields.problem(path + ".name", "target group \"" + spec.name + "\" appears twice");
      plan.target_groups.push_back(std::move(spec));
    }
    if (groups->empty()) fields.problem("target_groups", "expected at least one target group with its annual volume");
  }
  if (const auto* synth = fields.object(doc, "synthetic_timing", "", false)) {
    fields.reject_unknown_keys(*synth, "synthetic_timing", {"seed", "per_point", "trend", "folder"});
    SyntheticTimingSpec spec;
    spec.seed = static_cast<std::uint64_t>(fields.integer(*synth, "seed", "synthetic_timing", false, 0).value_or(1));
    spec.per_point = static_cast<int>(fields.integer(*synth, "per_point", "synthetic_timing", false, 1).value_or(400));
    spec.trend = fields.number(*synth, "trend", "synthetic_timing", false, 0.0, 60.0).value_or(0.0);
    spec.folder = resolve(fields.string(*synth, "folder", "synthetic_timing", true), base_dir).value_or("");
    plan.synthetic_timing = spec;
  }
  read_kpis(doc, plan, fields);
  read_points(doc, plan, fields, base_dir);
  read_fairness(doc, plan, fields);
  return plan;
}

}  // namespace

const MeasurementPointSpec* MeasurementPlan::point(const std::string& point_name) const {
  for (const auto& p : points)
    if (p.name == point_name) return &p;
  return nullptr;
}

bool looks_like_measurement_plan(const nlohmann::json& document) {
  return document.is_object() && document.contains("points") && document.contains("kpis");
}

std::vector<Problem> measurement_plan_problems(const std::filesystem::path& path, MeasurementPlan* parsed) {
  return read_json_config(path, parsed, parse_plan);
}

MeasurementPlan load_measurement_plan(const std::filesystem::path& path) {
  MeasurementPlan plan;
  auto problems = measurement_plan_problems(path, &plan);
  if (!problems.empty()) throw InputError(std::move(problems));
  return plan;
}

}  // namespace pb
