#include "harness/scenario.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/files.h"
#include "harness/dataset_io.h"
#include "harness/json_fields.h"
#include "metrics/text_normalize.h"

namespace pb {
namespace {

const std::set<std::string> kMetricsWithTargets = {"wer",         "cer",         "mean_wer",        "failure_rate",
                                                   "wer.caseworker", "wer.citizen", "wer.interpreter", "wer.relative"};

// Summary metrics (harness/summary_scoring.h); per-type variants "summary.key_fact_recall.<type>" and
// "summary.unsupported_rate.<type>" and judge criteria "judge.<criterion>" are accepted by pattern.
const std::set<std::string> kSummaryTargets = {
    "summary.rouge1",          "summary.rouge2",         "summary.rougeL",           "summary.rougeLsum",
    "summary.chrf",            "summary.chrfpp",         "summary.key_fact_recall",  "summary.unsupported_rate",
    "summary.critical_errors_per_note", "summary.notes_with_critical_errors", "summary.negation_flips_per_note",
    "summary.obligations_unsupported_rate", "summary.structure_pass_rate", "summary.novel_bigram_rate",
    "summary.coverage",        "summary.density",        "summary.failure_rate",     "judge.claim_support",
    "judge.mean_score",        "judge.failure_rate"};

AdapterSpec adapter_spec(const nlohmann::json& object, const std::string& path, const std::string& file,
                         const std::string& base_dir, JsonFields& fields) {
  AdapterSpec spec;
  spec.json_path = path;
  spec.scenario_file = file;
  spec.base_dir = base_dir;
  spec.config = object;
  spec.kind = fields.string(object, "kind", path, true).value_or("");
  return spec;
}

std::optional<Grouping> read_grouping(const nlohmann::json& value, const std::string& path, JsonFields& fields) {
  Grouping grouping;
  if (value.is_string()) {
    grouping.keys.push_back(value.get<std::string>());
  } else if (value.is_array() && !value.empty()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!value[i].is_string()) {
        fields.problem(fmt::format("{}[{}]", path, i), "expected a grouping key string, got " + describe_json(value[i]));
        return std::nullopt;
      }
      grouping.keys.push_back(value[i].get<std::string>());
    }
  } else {
    fields.problem(path, "expected a grouping key (\"target_group\") or a list of keys for an intersection, got " +
                             describe_json(value));
    return std::nullopt;
  }
  for (const auto& key : grouping.keys) {
    if (key == "all" && grouping.keys.size() == 1) return Grouping{};
    if (!is_valid_grouping_key(key)) {
      fields.problem(path, "unknown grouping key \"" + key +
                               "\" (expected target_group, meeting_type, language or attributes.<name>)");
      return std::nullopt;
    }
  }
  return grouping;
}

}  // namespace

bool is_target_metric(const std::string& metric) {
  if (kMetricsWithTargets.count(metric) || kSummaryTargets.count(metric)) return true;
  for (const char* prefix : {"summary.key_fact_recall.", "summary.unsupported_rate.", "judge."})
    if (metric.rfind(prefix, 0) == 0 && metric.size() > std::string(prefix).size()) return true;
  return false;
}

std::string Grouping::name() const {
  if (keys.empty()) return "all";
  std::string name;
  for (const auto& k : keys) name += (name.empty() ? "" : " × ") + k;
  return name;
}

bool is_valid_grouping_key(const std::string& key) {
  if (key == "target_group" || key == "meeting_type" || key == "language") return true;
  return key.rfind("attributes.", 0) == 0 && key.size() > std::string("attributes.").size();
}

Scenario parse_scenario(const nlohmann::json& doc, const std::string& file, const std::string& base_dir,
                        ProblemList& problems) {
  JsonFields fields(file, 0, problems);
  Scenario s;
  s.file = file;
  s.base_dir = base_dir;
  s.source = doc;
  if (!doc.is_object()) {
    fields.problem("", "expected a JSON object, got " + describe_json(doc));
    return s;
  }
  fields.reject_unknown_keys(doc, "",
                             {"name", "description", "seed", "dataset", "solutions", "metrics", "group_by",
                              "target_picture", "privacy", "run", "judge", "fairness"});
  s.name = fields.string(doc, "name", "", true).value_or("");
  s.description = fields.string(doc, "description", "", false).value_or("");
  s.seed = static_cast<std::uint64_t>(fields.integer(doc, "seed", "", false, 0).value_or(1));

  if (const auto* dataset = fields.object(doc, "dataset", "", true)) {
    fields.reject_unknown_keys(*dataset, "dataset", {"path", "cases", "synthetic"});
    const auto resolve = [&](const std::string& given) {
      std::filesystem::path p(given);
      return (p.is_absolute() ? p : std::filesystem::path(base_dir) / p).lexically_normal().string();
    };
    if (auto path = fields.string(*dataset, "path", "dataset", false)) s.dataset.path = resolve(*path);
    if (auto cases = fields.string(*dataset, "cases", "dataset", false)) s.dataset.cases = resolve(*cases);
    if (const auto* synth = fields.object(*dataset, "synthetic", "dataset", false)) {
      SyntheticDatasetSpec spec;
      spec.kind = fields.string(*synth, "kind", "dataset.synthetic", false).value_or("conversations");
      if (spec.kind == "cases") {
        fields.reject_unknown_keys(*synth, "dataset.synthetic", {"kind", "n", "seed", "bias_strength", "biased_group"});
        spec.bias_strength = fields.number(*synth, "bias_strength", "dataset.synthetic", false, 0.0, 1.0).value_or(0.0);
        spec.biased_group =
            fields.string(*synth, "biased_group", "dataset.synthetic", false).value_or(spec.biased_group);
      } else {
        fields.reject_unknown_keys(*synth, "dataset.synthetic", {"kind", "n", "seed"});
        if (spec.kind != "conversations")
          fields.problem("dataset.synthetic.kind", "expected \"conversations\" or \"cases\", got \"" + spec.kind + "\"");
      }
      spec.n = static_cast<int>(fields.integer(*synth, "n", "dataset.synthetic", true, 1).value_or(1));
      if (spec.n > 100000) fields.problem("dataset.synthetic.n", "expected at most 100000");
      spec.seed = static_cast<std::uint64_t>(fields.integer(*synth, "seed", "dataset.synthetic", false, 0).value_or(1));
      s.dataset.synthetic = spec;
    }
    const int given = int(s.dataset.path.has_value()) + int(s.dataset.cases.has_value()) +
                      int(s.dataset.synthetic.has_value());
    if (given != 1) fields.problem("dataset", "expected exactly one of \"path\", \"cases\" or \"synthetic\"");
  }

  if (const auto* solutions = fields.array(doc, "solutions", "", true)) {
    if (solutions->empty() || solutions->size() > 8)
      fields.problem("solutions", fmt::format("expected 1 to 8 solutions, got {}", solutions->size()));
    std::set<std::string> ids;
    for (std::size_t i = 0; i < solutions->size(); ++i) {
      const auto path = fmt::format("solutions[{}]", i);
      const auto& sol = (*solutions)[i];
      if (!sol.is_object()) {
        fields.problem(path, "expected a solution object, got " + describe_json(sol));
        continue;
      }
      fields.reject_unknown_keys(sol, path, {"id", "name", "transcription", "summarisation", "decision"});
      SolutionSpec spec;
      spec.id = fields.string(sol, "id", path, true).value_or("");
      if (!spec.id.empty() && !is_valid_item_id(spec.id))
        fields.problem(path + ".id", "expected 1-128 characters from A-Z a-z 0-9 . _ -, got \"" + spec.id + "\"");
      if (!spec.id.empty() && !ids.insert(spec.id).second)
        fields.problem(path + ".id", "duplicate solution id \"" + spec.id + "\"");
      spec.name = fields.string(sol, "name", path, false).value_or(spec.id);
      if (s.is_decision()) {
        if (const auto* adapter = fields.object(sol, "decision", path, true))
          spec.decision = adapter_spec(*adapter, path + ".decision", file, base_dir, fields);
        for (const char* other : {"transcription", "summarisation"})
          if (sol.contains(other))
            fields.problem(path + "." + other, "a case dataset has no conversations; a solution here has only \"decision\"");
        s.solutions.push_back(std::move(spec));
        continue;
      }
      if (sol.contains("decision"))
        fields.problem(path + ".decision", "decision adapters need a case dataset (\"dataset\": {\"cases\": …})");
      if (const auto* adapter = fields.object(sol, "transcription", path, true))
        spec.transcription = adapter_spec(*adapter, path + ".transcription", file, base_dir, fields);
      if (const auto* adapter = fields.object(sol, "summarisation", path, false)) {
        const auto adapter_path = path + ".summarisation";
        nlohmann::json config = *adapter;
        if (auto source = fields.string(*adapter, "source", adapter_path, false)) {
          if (*source != "reference" && *source != "transcription")
            fields.problem(adapter_path + ".source", "expected \"reference\" or \"transcription\", got \"" + *source + "\"");
          else
            spec.summary_source = *source;
        }
        config.erase("source");
        spec.summarisation = adapter_spec(config, adapter_path, file, base_dir, fields);
      }
      s.solutions.push_back(std::move(spec));
    }
  }

  if (const auto* metrics = fields.object(doc, "metrics", "", false)) {
    fields.reject_unknown_keys(*metrics, "metrics", {"wer", "bootstrap", "speakers", "summary", "decision"});
    if (const auto* decision = fields.object(*metrics, "decision", "metrics", false)) {
      const std::string path = "metrics.decision";
      fields.reject_unknown_keys(*decision, path,
                                 {"risk_threshold", "calibration_bins", "propensity_floor", "cross_fit_folds",
                                  "no_intervention", "test_share"});
      auto& d = s.decision;
      d.risk_threshold = fields.number(*decision, "risk_threshold", path, false, 0.0, 1.0).value_or(d.risk_threshold);
      d.calibration_bins =
          static_cast<int>(fields.integer(*decision, "calibration_bins", path, false, 1).value_or(d.calibration_bins));
      if (d.calibration_bins > 100) fields.problem(path + ".calibration_bins", "expected at most 100");
      d.propensity_floor =
          fields.number(*decision, "propensity_floor", path, false, 1e-6, 1.0).value_or(d.propensity_floor);
      d.cross_fit_folds =
          static_cast<int>(fields.integer(*decision, "cross_fit_folds", path, false, 2).value_or(d.cross_fit_folds));
      if (d.cross_fit_folds > 20) fields.problem(path + ".cross_fit_folds", "expected at most 20");
      d.no_intervention = fields.string(*decision, "no_intervention", path, false).value_or(d.no_intervention);
      d.test_share = fields.number(*decision, "test_share", path, false, 0.05, 0.95).value_or(d.test_share);
    }
    if (const auto* summary = fields.object(*metrics, "summary", "metrics", false)) {
      const std::string path = "metrics.summary";
      fields.reject_unknown_keys(*summary, path, {"rouge", "key_facts", "faithfulness", "template", "human_ratings"});
      if (const auto* rouge = fields.object(*summary, "rouge", path, false)) {
        fields.reject_unknown_keys(*rouge, path + ".rouge", {"tokenizer", "stem"});
        s.summary.rouge_tokenizer = fields.string(*rouge, "tokenizer", path + ".rouge", false).value_or("da");
        if (s.summary.rouge_tokenizer != "da" && s.summary.rouge_tokenizer != "rouge-score")
          fields.problem(path + ".rouge.tokenizer",
                         "expected \"da\" or \"rouge-score\", got \"" + s.summary.rouge_tokenizer + "\"");
        s.summary.rouge_stem = fields.boolean(*rouge, "stem", path + ".rouge", false).value_or(true);
      }
      if (const auto* facts = fields.object(*summary, "key_facts", path, false)) {
        fields.reject_unknown_keys(*facts, path + ".key_facts", {"threshold"});
        s.summary.key_fact_threshold = fields.number(*facts, "threshold", path + ".key_facts", false, 0.0, 1.0).value_or(0.6);
      }
      if (const auto* faith = fields.object(*summary, "faithfulness", path, false)) {
        fields.reject_unknown_keys(*faith, path + ".faithfulness", {"content_overlap_threshold"});
        s.summary.content_overlap_threshold =
            fields.number(*faith, "content_overlap_threshold", path + ".faithfulness", false, 0.0, 1.0).value_or(0.5);
      }
      if (const auto* tmpl = fields.object(*summary, "template", path, false))
        s.summary.note_template = parse_note_template(*tmpl, file, path + ".template", problems);
      if (auto ratings = fields.string(*summary, "human_ratings", path, false)) {
        std::filesystem::path p(*ratings);
        s.summary.human_ratings = (p.is_absolute() ? p : std::filesystem::path(base_dir) / p).lexically_normal().string();
      }
    }
    if (const auto* wer = fields.object(*metrics, "wer", "metrics", false)) {
      fields.reject_unknown_keys(*wer, "metrics.wer", {"normalize"});
      s.normalizer = fields.string(*wer, "normalize", "metrics.wer", false).value_or("basic");
      if (!parse_normalizer(s.normalizer))
        fields.problem("metrics.wer.normalize", "expected none, basic, da, da+keep-fillers, da+no-compounds or "
                                                "da+keep-fillers+no-compounds, got \"" + s.normalizer + "\"");
    }
    if (const auto* speakers = fields.object(*metrics, "speakers", "metrics", false)) {
      fields.reject_unknown_keys(*speakers, "metrics.speakers", {"orc_wer", "collar_s"});
      s.orc_wer = fields.boolean(*speakers, "orc_wer", "metrics.speakers", false).value_or(false);
      s.tcp_collar_s = fields.number(*speakers, "collar_s", "metrics.speakers", false, 0.0, 60.0).value_or(5.0);
    }
    if (const auto* boot = fields.object(*metrics, "bootstrap", "metrics", false)) {
      fields.reject_unknown_keys(*boot, "metrics.bootstrap", {"replicates", "level"});
      s.bootstrap_replicates =
          static_cast<int>(fields.integer(*boot, "replicates", "metrics.bootstrap", false, 0).value_or(1000));
      if (s.bootstrap_replicates > 100000)
        fields.problem("metrics.bootstrap.replicates", "expected at most 100000 replicates");
      s.confidence_level = fields.number(*boot, "level", "metrics.bootstrap", false, 0.5, 0.999).value_or(0.95);
    }
  }

  if (const auto* group_by = fields.array(doc, "group_by", "", false)) {
    for (std::size_t i = 0; i < group_by->size(); ++i) {
      if (auto g = read_grouping((*group_by)[i], fmt::format("group_by[{}]", i), fields)) {
        if (!g->keys.empty() && std::find(s.groupings.begin(), s.groupings.end(), *g) == s.groupings.end())
          s.groupings.push_back(*g);
      }
    }
  } else if (!doc.contains("group_by")) {
    s.groupings.push_back(Grouping{{"target_group"}});
  }

  if (const auto* targets = fields.array(doc, "target_picture", "", false)) {
    for (std::size_t i = 0; i < targets->size(); ++i) {
      const auto path = fmt::format("target_picture[{}]", i);
      const auto& t = (*targets)[i];
      if (!t.is_object()) {
        fields.problem(path, "expected an object like {\"metric\": \"wer\", \"max\": 0.15}, got " + describe_json(t));
        continue;
      }
      fields.reject_unknown_keys(t, path, {"metric", "max", "min", "group_by", "gate"});
      TargetSpec target;
      target.json_path = path;
      target.metric = fields.string(t, "metric", path, true).value_or("");
      if (!target.metric.empty() && !is_target_metric(target.metric)) {
        std::string known;
        for (const auto& m : kMetricsWithTargets) known += (known.empty() ? "" : ", ") + m;
        for (const auto& m : kSummaryTargets) known += ", " + m;
        fields.problem(path + ".metric", "expected one of " + known +
                                             ", summary.key_fact_recall.<type>, summary.unsupported_rate.<type> or "
                                             "judge.<criterion>, got \"" + target.metric + "\"");
      }
      target.max = fields.number(t, "max", path, false);
      target.min = fields.number(t, "min", path, false);
      target.gate = fields.boolean(t, "gate", path, false).value_or(false);
      if (target.max.has_value() == target.min.has_value())
        fields.problem(path, "expected exactly one of \"max\" or \"min\"");
      if (t.contains("group_by")) {
        if (auto g = read_grouping(t["group_by"], path + ".group_by", fields)) target.grouping = *g;
      }
      s.targets.push_back(std::move(target));
    }
  }

  if (const auto* fairness = fields.object(doc, "fairness", "", false)) {
    fields.reject_unknown_keys(*fairness, "fairness", {"band", "correction", "reference"});
    auto& f = s.fairness;
    if (const auto* band = fields.array(*fairness, "band", "fairness", false)) {
      if (band->size() != 2 || !(*band)[0].is_number() || !(*band)[1].is_number() ||
          !((*band)[0].get<double>() > 0.0) || !((*band)[0].get<double>() <= 1.0) || !((*band)[1].get<double>() >= 1.0) ||
          !std::isfinite((*band)[1].get<double>()))
        fields.problem("fairness.band", "expected [lower, upper] with 0 < lower <= 1 <= upper, e.g. [0.8, 1.25], got " +
                                            describe_json(*band));
      else
        f.ratio_lower = (*band)[0].get<double>(), f.ratio_upper = (*band)[1].get<double>();
    }
    if (auto correction = fields.string(*fairness, "correction", "fairness", false)) {
      if (*correction == "holm")
        f.correction = "holm";
      else if (*correction == "bh" || *correction == "benjamini-hochberg")
        f.correction = "benjamini-hochberg";
      else
        fields.problem("fairness.correction", "expected \"holm\", \"bh\" or \"benjamini-hochberg\", got \"" +
                                                  *correction + "\"");
    }
    if (const auto* reference = fields.object(*fairness, "reference", "fairness", false)) {
      for (const auto& [grouping, group] : reference->items()) {
        const auto path = "fairness.reference." + grouping;
        if (!group.is_string() || group.get<std::string>().empty()) {
          fields.problem(path, "expected the reference group's label, e.g. \"jobparate\", got " + describe_json(group));
          continue;
        }
        const bool known = std::any_of(s.groupings.begin(), s.groupings.end(),
                                       [&](const Grouping& g) { return g.name() == grouping; });
        if (!known)
          fields.problem(path, "expected a grouping listed in group_by (written as in reports, e.g. "
                               "\"target_group × attributes.danish\"), got \"" + grouping + "\"");
        else
          f.reference_groups.emplace_back(grouping, group.get<std::string>());
      }
    }
  }

  if (s.is_decision()) {
    for (const auto& g : s.groupings)
      for (const auto& key : g.keys)
        if (key != "target_group" && key.rfind("attributes.", 0) != 0)
          fields.problem("group_by", "a case dataset can be grouped by target_group and attributes.<name>, not \"" +
                                         key + "\"");
    if (!s.targets.empty())
      fields.problem("target_picture", "targets apply to transcription and note metrics; a decision scenario has none yet");
    if (doc.contains("judge")) fields.problem("judge", "a decision scenario has no notes to judge");
  }

  if (const auto* judge = fields.object(doc, "judge", "", false)) s.judge = adapter_spec(*judge, "judge", file, base_dir, fields);

  if (const auto* privacy = fields.object(doc, "privacy", "", false)) {
    fields.reject_unknown_keys(*privacy, "privacy", {"min_cell_size", "show_text"});
    s.min_cell_size = static_cast<int>(fields.integer(*privacy, "min_cell_size", "privacy", false, 1).value_or(5));
    s.show_text = fields.boolean(*privacy, "show_text", "privacy", false).value_or(false);
  }
  if (const auto* run = fields.object(doc, "run", "", false)) {
    fields.reject_unknown_keys(*run, "run", {"jobs"});
    s.jobs = static_cast<int>(fields.integer(*run, "jobs", "run", false, 1).value_or(2));
    if (s.jobs > 256) fields.problem("run.jobs", "expected at most 256");
  }
  return s;
}

std::vector<Problem> scenario_problems(const std::filesystem::path& path, Scenario* parsed) {
  return read_json_config(path, parsed, parse_scenario);
}

Scenario load_scenario(const std::filesystem::path& path) {
  Scenario scenario;
  auto problems = scenario_problems(path, &scenario);
  if (!problems.empty()) throw InputError(std::move(problems));
  return scenario;
}

}  // namespace pb
