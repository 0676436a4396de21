#include "harness/results_builder.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/cpr.h"
#include "core/rng.h"
#include "harness/transcription_scoring.h"
#include "metrics/bootstrap.h"
#include "metrics/paired_comparison.h"
#include "metrics/text_normalize.h"

namespace pb {
namespace {

struct ItemNumbers {
  bool ran = false;  // false while an interrupted run has not reached the item
  bool ok = false;
  std::map<std::string, double> values;  // item_metrics of the item

  bool has(const std::string& name) const { return values.count(name) > 0; }
  double get(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() || !std::isfinite(it->second) ? 0.0 : it->second;
  }
  double wer() const {
    auto it = values.find(item_metric::kWer);
    return it == values.end() ? NAN : it->second;
  }
};

ItemNumbers numbers_of(const ItemRecord& item) {
  ItemNumbers n;
  n.ran = true;
  n.ok = item.status == "ok";
  for (const auto& m : item.metrics) n.values[m.name] = m.value;
  return n;
}

// A rate reported per cell: Σ (weighted numerator metrics) / Σ denominator metric over the cell's
// items that stored the denominator (items without it — e.g. tcpWER of an untimed hypothesis — are left out).
struct RatioSpec {
  std::string name;
  std::vector<std::pair<std::string, double>> numerator;  // metric, coefficient
  std::string denominator;
};

// The ratio metrics beyond WER/CER, derived from what the items stored (e.g. one per speaker role seen).
std::vector<RatioSpec> ratio_specs(const std::vector<ItemNumbers>& numbers) {
  std::set<std::string> roles, key_types, names;
  auto ends_with = [](const std::string& text, const std::string& suffix) {
    return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  for (const auto& n : numbers)
    for (const auto& [name, value] : n.values) {
      (void)value;
      names.insert(name);
      if (name.rfind("role.", 0) == 0 && ends_with(name, ".ref_words"))
        roles.insert(name.substr(5, name.size() - 5 - 10));
      if (name.rfind("keyterm.", 0) == 0 && ends_with(name, ".ref") && name != item_metric::kKeyTerms &&
          name != item_metric::kKeyTermWeightedRef)
        key_types.insert(name.substr(8, name.size() - 8 - 4));
    }
  std::vector<RatioSpec> specs;
  for (const auto& role : roles)
    specs.push_back({"wer." + role, {{item_metric::role_errors(role), 1}}, item_metric::role_ref_words(role)});
  auto add_if = [&](RatioSpec spec) {
    if (names.count(spec.denominator)) specs.push_back(std::move(spec));
  };
  add_if({"cpwer", {{item_metric::kCpwerErrors, 1}}, item_metric::kCpwerRefWords});
  add_if({"tcpwer", {{item_metric::kTcpwerErrors, 1}}, item_metric::kTcpwerRefWords});
  add_if({"orcwer", {{item_metric::kOrcwerErrors, 1}}, item_metric::kOrcwerRefWords});
  add_if({"speaker_label_error", {{item_metric::kCpwerErrors, 1}, {item_metric::kOrcwerErrors, -1}},
          item_metric::kOrcwerRefWords});
  add_if({"keyterm.miss_rate", {{item_metric::kKeyTerms, 1}, {item_metric::kKeyTermHits, -1}}, item_metric::kKeyTerms});
  add_if({"keyterm.weighted_miss_rate", {{item_metric::kKeyTermWeightedMisses, 1}}, item_metric::kKeyTermWeightedRef});
  add_if({"keyterm.precision", {{item_metric::kKeyTermHypCorrect, 1}}, item_metric::kKeyTermHyp});
  add_if({"keyterm.hallucinations_per_1k_words", {{item_metric::kKeyTermHallucinated, 1000}}, item_metric::kHypWords});
  add_if({"keyterm.fact_recall", {{item_metric::kFactsRecognised, 1}}, item_metric::kFacts});
  for (const auto& type : key_types)
    specs.push_back({"keyterm." + type + ".miss_rate",
                     {{item_metric::key_type_ref(type), 1}, {item_metric::key_type_hits(type), -1}},
                     item_metric::key_type_ref(type)});
  return specs;
}

std::string key_value(const Conversation& c, const std::string& key) {
  if (key == "target_group") return c.target_group;
  if (key == "meeting_type") return c.meeting_type;
  if (key == "language") return c.language;
  const std::string attribute = key.substr(std::string("attributes.").size());
  auto it = c.attributes.find(attribute);
  return it == c.attributes.end() || it->second.empty() ? "(unknown)" : it->second;
}

Interval ratio_ci(const std::vector<double>& numerators, const std::vector<double>& denominators, const RunContext& ctx,
                  const std::string& label) {
  return bootstrap_ratio_ci(numerators, denominators, ctx.scenario.bootstrap_replicates,
                            derive_seed(ctx.scenario.seed, label), ctx.scenario.confidence_level);
}

std::optional<ConfidenceInterval> finite_ci(const Interval& interval) {
  if (!std::isfinite(interval.lower) || !std::isfinite(interval.upper)) return std::nullopt;
  return ConfidenceInterval{interval.lower, interval.upper};
}

GroupCell make_cell(const std::string& group, const std::vector<const ItemNumbers*>& members,
                    const std::vector<RatioSpec>& specs, const RunContext& ctx, const std::string& label) {
  GroupCell cell;
  cell.group = group;
  std::vector<const ItemNumbers*> ok;
  for (const auto* m : members) {
    if (m->ok)
      ok.push_back(m);
    else
      ++cell.failed;
  }
  cell.n = static_cast<std::int64_t>(ok.size());
  if (cell.n < ctx.scenario.min_cell_size) {
    // Privacy: a small cell shows neither its figures nor its failure count.
    GroupCell hidden;
    hidden.group = group;
    hidden.n = cell.n;
    hidden.suppressed = true;
    return hidden;
  }
  std::vector<double> errors, refs, wers;
  double ref_chars = 0, char_errors = 0;
  for (const auto* m : ok) {
    cell.ref_words += static_cast<std::int64_t>(m->get(item_metric::kRefWords));
    cell.hyp_words += static_cast<std::int64_t>(m->get(item_metric::kHypWords));
    cell.hits += static_cast<std::int64_t>(m->get(item_metric::kHits));
    cell.substitutions += static_cast<std::int64_t>(m->get(item_metric::kSubstitutions));
    cell.deletions += static_cast<std::int64_t>(m->get(item_metric::kDeletions));
    cell.insertions += static_cast<std::int64_t>(m->get(item_metric::kInsertions));
    ref_chars += m->get(item_metric::kRefChars);
    char_errors += m->get(item_metric::kCharErrors);
    errors.push_back(m->get(item_metric::kSubstitutions) + m->get(item_metric::kDeletions) +
                     m->get(item_metric::kInsertions));
    refs.push_back(m->get(item_metric::kRefWords));
    if (std::isfinite(m->wer())) wers.push_back(m->wer());
  }
  const double total_errors = static_cast<double>(cell.substitutions + cell.deletions + cell.insertions);
  cell.wer = cell.ref_words > 0 ? total_errors / static_cast<double>(cell.ref_words) : NAN;
  cell.cer = ref_chars > 0 ? char_errors / ref_chars : NAN;
  double sum = 0;
  for (double w : wers) sum += w;
  cell.mean_wer = wers.empty() ? NAN : sum / static_cast<double>(wers.size());
  if (ctx.scenario.bootstrap_replicates > 0) cell.wer_ci = finite_ci(ratio_ci(errors, refs, ctx, "wer-ci/" + label + "/" + group));

  for (const auto& spec : specs) {
    CellMetric metric;
    metric.name = spec.name;
    std::vector<double> nums, dens;
    for (const auto* m : ok) {
      if (!m->has(spec.denominator)) continue;
      double num = 0;
      for (const auto& [name, coefficient] : spec.numerator) num += coefficient * m->get(name);
      nums.push_back(num);
      dens.push_back(m->get(spec.denominator));
      metric.numerator += num;
      metric.denominator += dens.back();
    }
    if (metric.denominator <= 0) continue;  // nothing of this kind in the cell (e.g. no interpreter)
    metric.value = metric.numerator / metric.denominator;
    if (ctx.scenario.bootstrap_replicates > 0)
      metric.ci = finite_ci(ratio_ci(nums, dens, ctx, spec.name + "-ci/" + label + "/" + group));
    cell.metrics.push_back(std::move(metric));
  }
  return cell;
}

Breakdown make_breakdown(const Grouping& grouping, const std::vector<ItemNumbers>& numbers,
                         const std::vector<RatioSpec>& specs, const RunContext& ctx, const std::string& solution_id) {
  Breakdown breakdown;
  breakdown.grouping = grouping.name();
  std::map<std::string, std::vector<const ItemNumbers*>> groups;
  const auto& conversations = ctx.dataset->conversations;
  for (std::size_t i = 0; i < conversations.size(); ++i) {
    const std::string value = grouping.keys.empty() ? "all" : group_value(conversations[i], grouping);
    auto& members = groups[value];
    if (numbers[i].ran) members.push_back(&numbers[i]);
  }
  for (const auto& [value, members] : groups)
    breakdown.cells.push_back(make_cell(value, members, specs, ctx, solution_id + "/" + breakdown.grouping));
  return breakdown;
}

std::string failure_key(const std::string& error) {
  std::string first = error.substr(0, error.find('\n'));
  if (first.size() > 200) first = first.substr(0, 197) + "...";
  return mask_cpr(first);
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  return quantile_type7(values, p);
}

std::string verdict(const TargetSpec& target, double value, const std::optional<ConfidenceInterval>& ci) {
  if (!std::isfinite(value)) return "undefined";
  const bool want_low = target.max.has_value();
  const double threshold = want_low ? *target.max : *target.min;
  auto ok = [&](double v) { return want_low ? v <= threshold : v >= threshold; };
  if (!ci) return ok(value) ? "met" : "not met";
  if (ok(ci->lower) && ok(ci->upper)) return "met";
  if (!ok(ci->lower) && !ok(ci->upper)) return "not met";
  return "inconclusive";
}

}  // namespace

std::string group_value(const Conversation& conversation, const Grouping& grouping) {
  std::string value;
  for (const auto& key : grouping.keys) value += (value.empty() ? "" : " × ") + key_value(conversation, key);
  return value;
}

namespace {

struct SolutionItems {
  std::string id, name;
  std::vector<ItemNumbers> numbers;  // parallel to the dataset's conversations
};

void add_comparisons(RunResults& r, const std::vector<SolutionItems>& solutions, const RunContext& ctx) {
  std::vector<Grouping> groupings{Grouping{}};
  if (!ctx.scenario.groupings.empty()) groupings.push_back(ctx.scenario.groupings.front());
  const auto& conversations = ctx.dataset->conversations;
  for (std::size_t a = 0; a < solutions.size(); ++a) {
    for (std::size_t b = a + 1; b < solutions.size(); ++b) {
      for (const auto& grouping : groupings) {
        std::map<std::string, std::vector<PairedItem>> cells;
        for (std::size_t i = 0; i < conversations.size(); ++i) {
          const auto& x = solutions[a].numbers[i];
          const auto& y = solutions[b].numbers[i];
          if (!x.ok || !y.ok) continue;
          auto errors = [](const ItemNumbers& n) {
            return n.get(item_metric::kSubstitutions) + n.get(item_metric::kDeletions) + n.get(item_metric::kInsertions);
          };
          const std::string group = grouping.keys.empty() ? "all" : group_value(conversations[i], grouping);
          cells[group].push_back({errors(x), errors(y), x.get(item_metric::kRefWords)});
        }
        for (const auto& [group, items] : cells) {
          if (static_cast<int>(items.size()) < ctx.scenario.min_cell_size) continue;  // privacy, as for cells
          const auto result = compare_paired(
              items, std::max(ctx.scenario.bootstrap_replicates, 1),
              derive_seed(ctx.scenario.seed, "compare/" + solutions[a].id + "/" + solutions[b].id + "/" + group),
              ctx.scenario.confidence_level);
          Comparison c;
          c.solution_a = solutions[a].id;
          c.solution_b = solutions[b].id;
          c.grouping = grouping.name();
          c.group = group;
          c.n = static_cast<std::int64_t>(items.size());
          c.wer_a = result.bootstrap.wer_a;
          c.wer_b = result.bootstrap.wer_b;
          c.difference = result.bootstrap.difference;
          c.ci = finite_ci(result.bootstrap.ci);
          c.p_bootstrap = result.bootstrap.p_value;
          c.p_mapsswe = result.mapsswe.p_value;
          c.p_sign = result.sign.p_value;
          c.verdict = paired_verdict(result, solutions[a].name, solutions[b].name, 1.0 - ctx.scenario.confidence_level);
          r.comparisons.push_back(std::move(c));
        }
      }
    }
  }
  std::vector<double> p_values;
  for (const auto& c : r.comparisons) p_values.push_back(c.p_bootstrap);
  const auto adjusted = holm_adjust(p_values);
  for (std::size_t i = 0; i < r.comparisons.size(); ++i) r.comparisons[i].p_bootstrap_holm = adjusted[i];
}

}  // namespace

RunResults build_run_results(const RunContext& ctx, const std::vector<ItemRecord>& items) {
  RunResults r;
  const Scenario& sc = ctx.scenario;
  r.scenario_name = sc.name;
  r.scenario_description = sc.description;
  r.scenario_hash = ctx.run.scenario_hash;
  r.dataset_hash = ctx.run.dataset_hash;
  r.dataset_conversations = static_cast<std::int64_t>(ctx.dataset->conversations.size());
  r.seed = sc.seed;
  r.code_version = ctx.run.code_version;
  r.status = ctx.run.status;
  const auto choice = parse_normalizer(sc.normalizer).value_or(NormalizerChoice{NormalizerKind::basic, {}});
  const auto normalizer = describe_normalizer(choice.kind, choice.options);
  r.normalizer = normalizer.name;
  r.normalizer_version = normalizer.version;
  r.normalizer_rules = normalizer.rules;
  r.bootstrap_replicates = sc.bootstrap_replicates;
  r.confidence_level = sc.confidence_level;
  r.min_cell_size = sc.min_cell_size;
  r.run_id = ctx.run.id;
  r.started_at = ctx.run.started_at;
  r.finished_at = ctx.run.finished_at;

  std::map<std::pair<std::string, std::string>, const ItemRecord*> by_key;
  for (const auto& item : items)
    if (item.task == "transcription") by_key[{item.solution_id, item.item_id}] = &item;

  std::vector<Grouping> groupings{Grouping{}};
  for (const auto& g : sc.groupings) groupings.push_back(g);

  std::vector<SolutionItems> all_items;
  for (const auto& spec : sc.solutions) {
    SolutionResults s;
    s.id = spec.id;
    s.name = spec.name;
    auto name_it = ctx.adapter_names.find(spec.id);
    s.adapter = name_it == ctx.adapter_names.end() ? spec.transcription.kind : name_it->second;
    s.items_planned = r.dataset_conversations;
    std::vector<ItemNumbers> numbers(ctx.dataset->conversations.size());
    std::map<std::string, std::int64_t> failure_counts;
    std::vector<double> latencies, real_time_factors;
    for (std::size_t i = 0; i < ctx.dataset->conversations.size(); ++i) {
      const auto& c = ctx.dataset->conversations[i];
      auto it = by_key.find({spec.id, c.id});
      if (it == by_key.end()) continue;
      const ItemRecord& item = *it->second;
      numbers[i] = numbers_of(item);
      latencies.push_back(item.latency_ms);
      if (!c.segments.empty() && c.segments.back().end && *c.segments.back().end > 0)
        real_time_factors.push_back(item.latency_ms / 1000.0 / *c.segments.back().end);
      ItemResult result;
      result.id = c.id;
      result.status = item.status;
      if (item.status == "ok") {
        ++s.items_ok;
        result.wer = numbers[i].wer();
        result.ref_words = static_cast<std::int64_t>(numbers[i].get(item_metric::kRefWords));
        result.errors = static_cast<std::int64_t>(numbers[i].get(item_metric::kSubstitutions) +
                                                  numbers[i].get(item_metric::kDeletions) +
                                                  numbers[i].get(item_metric::kInsertions));
      } else {
        ++s.items_failed;
        result.error = mask_cpr(item.error);
        ++failure_counts[failure_key(item.error)];
      }
      s.items.push_back(std::move(result));
    }
    std::sort(s.items.begin(), s.items.end(), [](const ItemResult& a, const ItemResult& b) { return a.id < b.id; });
    for (const auto& [reason, count] : failure_counts) s.failures.push_back({reason, count});
    std::stable_sort(s.failures.begin(), s.failures.end(),
                     [](const FailureReason& a, const FailureReason& b) { return a.count > b.count; });
    s.latency_median_ms = percentile(latencies, 0.5);
    s.latency_p95_ms = percentile(latencies, 0.95);
    s.real_time_factor_median = real_time_factors.empty() ? NAN : percentile(real_time_factors, 0.5);
    const auto specs = ratio_specs(numbers);
    for (const auto& g : groupings) s.breakdowns.push_back(make_breakdown(g, numbers, specs, ctx, spec.id));

    for (const auto& target : sc.targets) {
      Breakdown breakdown = make_breakdown(target.grouping, numbers, specs, ctx, spec.id);
      for (const auto& cell : breakdown.cells) {
        TargetResult t;
        t.solution_id = spec.id;
        t.metric = target.metric;
        t.grouping = breakdown.grouping;
        t.group = cell.group;
        t.comparison = target.max ? "<=" : ">=";
        t.threshold = target.max ? *target.max : *target.min;
        if (cell.suppressed) {
          t.verdict = "suppressed";
          r.targets.push_back(std::move(t));
          continue;
        }
        double value = NAN;
        std::optional<ConfidenceInterval> ci;
        if (target.metric == "wer") {
          value = cell.wer;
          ci = cell.wer_ci;
        } else if (target.metric == "cer") {
          value = cell.cer;
        } else if (target.metric == "mean_wer") {
          value = cell.mean_wer;
        } else if (const CellMetric* m = cell.metric(target.metric)) {
          value = m->value;
          ci = m->ci;
        } else if (target.metric == "failure_rate") {
          const auto total = cell.n + cell.failed;
          value = total > 0 ? static_cast<double>(cell.failed) / static_cast<double>(total) : NAN;
        }
        if (std::isfinite(value)) t.value = value;
        t.ci = ci;
        t.verdict = verdict(target, value, ci);
        r.targets.push_back(std::move(t));
      }
    }
    all_items.push_back({spec.id, spec.name, std::move(numbers)});
    r.solutions.push_back(std::move(s));
  }
  add_comparisons(r, all_items, ctx);
  return r;
}


bool target_picture_missed(const RunResults& results) {
  return std::any_of(results.targets.begin(), results.targets.end(),
                     [](const TargetResult& t) { return t.verdict == "not met"; });
}

}  // namespace pb
