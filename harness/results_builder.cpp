#include "harness/results_builder.h"

#include <algorithm>
#include <cmath>

#include "core/cpr.h"
#include "core/rng.h"
#include "harness/transcription_scoring.h"
#include "metrics/bootstrap.h"
#include "metrics/text_normalize.h"

namespace pb {
namespace {

struct ItemNumbers {
  bool ran = false;  // false while an interrupted run has not reached the item
  bool ok = false;
  double wer = NAN;
  double ref_words = 0, hyp_words = 0, hits = 0, subs = 0, dels = 0, ins = 0, ref_chars = 0, char_errors = 0;
};

ItemNumbers numbers_of(const ItemRecord& item) {
  ItemNumbers n;
  n.ran = true;
  n.ok = item.status == "ok";
  for (const auto& m : item.metrics) {
    if (m.name == item_metric::kWer) n.wer = m.value;
    else if (m.name == item_metric::kRefWords) n.ref_words = m.value;
    else if (m.name == item_metric::kHypWords) n.hyp_words = m.value;
    else if (m.name == item_metric::kHits) n.hits = m.value;
    else if (m.name == item_metric::kSubstitutions) n.subs = m.value;
    else if (m.name == item_metric::kDeletions) n.dels = m.value;
    else if (m.name == item_metric::kInsertions) n.ins = m.value;
    else if (m.name == item_metric::kRefChars) n.ref_chars = m.value;
    else if (m.name == item_metric::kCharErrors) n.char_errors = m.value;
  }
  return n;
}

std::string key_value(const Conversation& c, const std::string& key) {
  if (key == "target_group") return c.target_group;
  if (key == "meeting_type") return c.meeting_type;
  if (key == "language") return c.language;
  const std::string attribute = key.substr(std::string("attributes.").size());
  auto it = c.attributes.find(attribute);
  return it == c.attributes.end() || it->second.empty() ? "(unknown)" : it->second;
}

GroupCell make_cell(const std::string& group, const std::vector<const ItemNumbers*>& members, const RunContext& ctx,
                    const std::string& label) {
  GroupCell cell;
  cell.group = group;
  std::vector<double> errors, refs, wers;
  double ref_chars = 0, char_errors = 0;
  for (const auto* m : members) {
    if (!m->ok) {
      ++cell.failed;
      continue;
    }
    ++cell.n;
    cell.ref_words += static_cast<std::int64_t>(m->ref_words);
    cell.hyp_words += static_cast<std::int64_t>(m->hyp_words);
    cell.hits += static_cast<std::int64_t>(m->hits);
    cell.substitutions += static_cast<std::int64_t>(m->subs);
    cell.deletions += static_cast<std::int64_t>(m->dels);
    cell.insertions += static_cast<std::int64_t>(m->ins);
    ref_chars += m->ref_chars;
    char_errors += m->char_errors;
    errors.push_back(m->subs + m->dels + m->ins);
    refs.push_back(m->ref_words);
    if (std::isfinite(m->wer)) wers.push_back(m->wer);
  }
  if (cell.n < ctx.scenario.min_cell_size) {
    // Privacy: a small cell shows neither its figures nor its failure count.
    GroupCell hidden;
    hidden.group = group;
    hidden.n = cell.n;
    hidden.suppressed = true;
    return hidden;
  }
  const double total_errors = static_cast<double>(cell.substitutions + cell.deletions + cell.insertions);
  cell.wer = cell.ref_words > 0 ? total_errors / static_cast<double>(cell.ref_words) : NAN;
  cell.cer = ref_chars > 0 ? char_errors / ref_chars : NAN;
  double sum = 0;
  for (double w : wers) sum += w;
  cell.mean_wer = wers.empty() ? NAN : sum / static_cast<double>(wers.size());
  if (ctx.scenario.bootstrap_replicates > 0) {
    const auto interval = bootstrap_ratio_ci(errors, refs, ctx.scenario.bootstrap_replicates,
                                             derive_seed(ctx.scenario.seed, "wer-ci/" + label + "/" + group),
                                             ctx.scenario.confidence_level);
    if (std::isfinite(interval.lower) && std::isfinite(interval.upper))
      cell.wer_ci = ConfidenceInterval{interval.lower, interval.upper};
  }
  return cell;
}

Breakdown make_breakdown(const Grouping& grouping, const std::vector<ItemNumbers>& numbers, const RunContext& ctx,
                         const std::string& solution_id) {
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
    breakdown.cells.push_back(make_cell(value, members, ctx, solution_id + "/" + breakdown.grouping));
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
  const auto kind = normalizer_from_name(sc.normalizer).value_or(NormalizerKind::basic);
  const auto normalizer = describe_normalizer(kind);
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

  for (const auto& spec : sc.solutions) {
    SolutionResults s;
    s.id = spec.id;
    s.name = spec.name;
    auto name_it = ctx.adapter_names.find(spec.id);
    s.adapter = name_it == ctx.adapter_names.end() ? spec.transcription.kind : name_it->second;
    s.items_planned = r.dataset_conversations;
    std::vector<ItemNumbers> numbers(ctx.dataset->conversations.size());
    std::map<std::string, std::int64_t> failure_counts;
    std::vector<double> latencies;
    for (std::size_t i = 0; i < ctx.dataset->conversations.size(); ++i) {
      const auto& c = ctx.dataset->conversations[i];
      auto it = by_key.find({spec.id, c.id});
      if (it == by_key.end()) continue;
      const ItemRecord& item = *it->second;
      numbers[i] = numbers_of(item);
      latencies.push_back(item.latency_ms);
      ItemResult result;
      result.id = c.id;
      result.status = item.status;
      if (item.status == "ok") {
        ++s.items_ok;
        result.wer = numbers[i].wer;
        result.ref_words = static_cast<std::int64_t>(numbers[i].ref_words);
        result.errors = static_cast<std::int64_t>(numbers[i].subs + numbers[i].dels + numbers[i].ins);
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
    for (const auto& g : groupings) s.breakdowns.push_back(make_breakdown(g, numbers, ctx, spec.id));

    for (const auto& target : sc.targets) {
      Breakdown breakdown = make_breakdown(target.grouping, numbers, ctx, spec.id);
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
    r.solutions.push_back(std::move(s));
  }
  return r;
}

bool target_picture_missed(const RunResults& results) {
  return std::any_of(results.targets.begin(), results.targets.end(),
                     [](const TargetResult& t) { return t.verdict == "not met"; });
}

}  // namespace pb
