#include "harness/results_builder.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/cpr.h"
#include "core/rng.h"
#include "harness/fairness_layer.h"
#include "harness/group_suppression.h"
#include "harness/summary_scoring.h"
#include "harness/transcription_scoring.h"
#include "metrics/bootstrap.h"
#include "metrics/group_disparity.h"
#include "metrics/multiple_testing.h"
#include "metrics/paired_comparison.h"
#include "metrics/rater_agreement.h"
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

  // Σ coefficient · metric for one item.
  double numerator_of(const ItemNumbers& item) const {
    double sum = 0;
    for (const auto& [metric, coefficient] : numerator) sum += coefficient * item.get(metric);
    return sum;
  }
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

// The members that were scored; the others are counted in `failed`.
std::vector<const ItemNumbers*> scored(const std::vector<const ItemNumbers*>& members, std::int64_t& failed) {
  std::vector<const ItemNumbers*> ok;
  for (const auto* m : members) {
    if (m->ok)
      ok.push_back(m);
    else
      ++failed;
  }
  return ok;
}

// Privacy: a small cell shows neither its figures nor its failure count.
template <class Cell>
Cell suppressed_cell(const std::string& group, std::int64_t n) {
  Cell hidden;
  hidden.group = group;
  hidden.n = n;
  hidden.suppressed = true;
  return hidden;
}

// Σ numerator / Σ denominator of every spec over the scored items that stored its denominator, with a bootstrap
// interval; specs with nothing to divide by in this cell are left out.
std::vector<CellMetric> ratio_metrics(const std::vector<const ItemNumbers*>& ok, const std::vector<RatioSpec>& specs,
                                      const RunContext& ctx, const std::string& label, const std::string& group) {
  std::vector<CellMetric> metrics;
  for (const auto& spec : specs) {
    CellMetric metric;
    metric.name = spec.name;
    std::vector<double> nums, dens;
    for (const auto* m : ok) {
      if (!m->has(spec.denominator)) continue;
      const double num = spec.numerator_of(*m);
      nums.push_back(num);
      dens.push_back(m->get(spec.denominator));
      metric.numerator += num;
      metric.denominator += dens.back();
    }
    if (metric.denominator <= 0) continue;  // nothing of this kind in the cell (e.g. no interpreter)
    metric.value = metric.numerator / metric.denominator;
    if (ctx.scenario.bootstrap_replicates > 0)
      metric.ci = finite_ci(ratio_ci(nums, dens, ctx, spec.name + "-ci/" + label + "/" + group));
    metrics.push_back(std::move(metric));
  }
  return metrics;
}

// The items of each group of a grouping ("all" when it has no keys), in group order.
std::map<std::string, std::vector<const ItemNumbers*>> group_members(const Grouping& grouping,
                                                                    const std::vector<ItemNumbers>& numbers,
                                                                    const RunContext& ctx) {
  std::map<std::string, std::vector<const ItemNumbers*>> groups;
  const auto& conversations = ctx.dataset->conversations;
  for (std::size_t i = 0; i < conversations.size(); ++i) {
    const std::string value = grouping.keys.empty() ? "all" : group_value(conversations[i], grouping);
    auto& members = groups[value];
    if (numbers[i].ran) members.push_back(&numbers[i]);
  }
  return groups;
}

// The groups of a grouping every table hides (primary and secondary suppression over the dataset's group sizes).
std::map<std::string, SuppressionReason> hidden_in(const Grouping& grouping, const RunContext& ctx) {
  std::vector<GroupKeyValues> items;
  items.reserve(ctx.dataset->conversations.size());
  for (const auto& conversation : ctx.dataset->conversations) {
    GroupKeyValues values;
    for (const auto& key : grouping.keys) values.push_back(group_value(conversation, Grouping{{key}}));
    items.push_back(std::move(values));
  }
  return hidden_groups(items, grouping.keys.size(), ctx.scenario.min_cell_size);
}

GroupCell make_cell(const std::string& group, const std::vector<const ItemNumbers*>& members,
                    const std::vector<RatioSpec>& specs, const RunContext& ctx, const std::string& label, bool hidden) {
  GroupCell cell;
  cell.group = group;
  const auto ok = scored(members, cell.failed);
  cell.n = static_cast<std::int64_t>(ok.size());
  if (hidden || cell.n < ctx.scenario.min_cell_size) return suppressed_cell<GroupCell>(group, cell.n);
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

  cell.metrics = ratio_metrics(ok, specs, ctx, label, group);
  return cell;
}

Breakdown make_breakdown(const Grouping& grouping, const std::vector<ItemNumbers>& numbers,
                         const std::vector<RatioSpec>& specs, const RunContext& ctx, const std::string& solution_id) {
  Breakdown breakdown;
  breakdown.grouping = grouping.name();
  const auto hidden = hidden_in(grouping, ctx);
  for (const auto& [value, members] : group_members(grouping, numbers, ctx))
    breakdown.cells.push_back(
        make_cell(value, members, specs, ctx, solution_id + "/" + breakdown.grouping, hidden.count(value) > 0));
  return breakdown;
}

// --- summaries -------------------------------------------------------------------------------------------

// The rates reported for drafted notes: per-note means (Σ value / Σ notes) and pooled rates (Σ found / Σ facts).
std::vector<RatioSpec> summary_specs(const std::vector<ItemNumbers>& numbers) {
  namespace sm = summary_metric;
  std::set<std::string> names, fact_types, atom_types, criteria;
  auto suffix_after = [](const std::string& name, const std::string& prefix) {
    return name.rfind(prefix, 0) == 0 && name.size() > prefix.size() ? name.substr(prefix.size()) : std::string();
  };
  for (const auto& n : numbers)
    for (const auto& [name, value] : n.values) {
      (void)value;
      names.insert(name);
      if (auto t = suffix_after(name, "summary.facts."); !t.empty()) fact_types.insert(t);
      if (auto t = suffix_after(name, "summary.atoms."); !t.empty()) atom_types.insert(t);
      if (auto c = suffix_after(name, "judge."); !c.empty() && name != sm::kJudgeScored && name != sm::kJudgeClaims &&
                                                 name != sm::kJudgeClaimsSupported && name != sm::kJudgeFailed)
        criteria.insert(c);
    }
  std::vector<RatioSpec> specs;
  auto add_if = [&](RatioSpec spec) {
    if (names.count(spec.denominator)) specs.push_back(std::move(spec));
  };
  add_if({"summary.key_fact_recall", {{sm::kFactsFound, 1}}, sm::kFacts});
  add_if({"summary.unsupported_rate", {{sm::kAtomsUnsupported, 1}}, sm::kAtoms});
  add_if({"summary.critical_errors_per_note", {{sm::kCriticalErrors, 1}}, sm::kNotes});
  add_if({"summary.notes_with_critical_errors", {{sm::kHasCriticalError, 1}}, sm::kNotes});
  add_if({"summary.negation_flips_per_note", {{sm::kNegationFlips, 1}}, sm::kNotes});
  add_if({"summary.obligations_unsupported_rate", {{sm::kObligationsUnsupported, 1}}, sm::kObligations});
  for (const char* variant : {"rouge1", "rouge2", "rougeL", "rougeLsum"})
    add_if({std::string("summary.") + variant, {{std::string("summary.") + variant + ".f", 1}}, sm::kReferenceNotes});
  if (names.count("summary.chrf")) add_if({"summary.chrf", {{"summary.chrf", 1}}, sm::kReferenceNotes});
  if (names.count("summary.chrfpp")) add_if({"summary.chrfpp", {{"summary.chrfpp", 1}}, sm::kReferenceNotes});
  add_if({"summary.structure_pass_rate", {{sm::kStructurePass, 1}}, sm::kNotes});
  if (names.count(sm::kNovelBigrams)) add_if({"summary.novel_bigram_rate", {{sm::kNovelBigrams, 1}}, sm::kNotes});
  if (names.count(sm::kCoverage)) add_if({"summary.coverage", {{sm::kCoverage, 1}}, sm::kNotes});
  if (names.count(sm::kDensity)) add_if({"summary.density", {{sm::kDensity, 1}}, sm::kNotes});
  for (const auto& type : fact_types)
    add_if({"summary.key_fact_recall." + type, {{"summary.facts_found." + type, 1}}, "summary.facts." + type});
  for (const auto& type : atom_types)
    add_if({"summary.unsupported_rate." + type, {{"summary.atoms_unsupported." + type, 1}}, "summary.atoms." + type});
  add_if({"judge.claim_support", {{sm::kJudgeClaimsSupported, 1}}, sm::kJudgeClaims});
  if (names.count(sm::kJudgeFailed)) add_if({"judge.failure_rate", {{sm::kJudgeFailed, 1}}, sm::kNotes});
  if (!criteria.empty()) {
    RatioSpec mean{"judge.mean_score", {}, sm::kJudgeScored};
    for (const auto& c : criteria) mean.numerator.push_back({"judge." + c, 1.0 / static_cast<double>(criteria.size())});
    add_if(mean);
  }
  for (const auto& c : criteria) add_if({"judge." + c, {{"judge." + c, 1}}, sm::kJudgeScored});
  return specs;
}

SummaryCell make_summary_cell(const std::string& group, const std::vector<const ItemNumbers*>& members,
                              const std::vector<RatioSpec>& specs, const RunContext& ctx, const std::string& label,
                              bool hidden) {
  SummaryCell cell;
  cell.group = group;
  const auto ok = scored(members, cell.failed);
  cell.n = static_cast<std::int64_t>(ok.size());
  if (hidden || cell.n < ctx.scenario.min_cell_size) return suppressed_cell<SummaryCell>(group, cell.n);
  cell.metrics = ratio_metrics(ok, specs, ctx, label, group);
  return cell;
}

SummaryBreakdown make_summary_breakdown(const Grouping& grouping, const std::vector<ItemNumbers>& numbers,
                                        const std::vector<RatioSpec>& specs, const RunContext& ctx,
                                        const std::string& solution_id) {
  SummaryBreakdown breakdown;
  breakdown.grouping = grouping.name();
  const auto hidden = hidden_in(grouping, ctx);
  for (const auto& [value, members] : group_members(grouping, numbers, ctx))
    breakdown.cells.push_back(make_summary_cell(value, members, specs, ctx,
                                                "summary/" + solution_id + "/" + breakdown.grouping,
                                                hidden.count(value) > 0));
  return breakdown;
}

// --- fairness ---------------------------------------------------------------------------------------------

// A metric the fairness layer compares between groups, as a ratio of sums over the items of `numbers`.
struct FairnessMetric {
  RatioSpec ratio;
  const std::vector<ItemNumbers>* numbers;
  bool higher_is_better;
};

std::vector<FairnessCell> fairness_cells(const std::vector<Grouping>& groupings, const std::vector<FairnessMetric>& metrics,
                                         const RunContext& ctx, const std::string& solution_id) {
  std::vector<FairnessInput> inputs;
  for (const auto& grouping : groupings) {
    if (grouping.keys.empty()) continue;
    for (const auto& metric : metrics) {
      FairnessInput input;
      input.grouping = grouping.name();
      input.metric = metric.ratio.name;
      input.kind = GroupMetricKind::ratio_of_sums;
      input.higher_is_better = metric.higher_is_better;
      input.hidden = hidden_in(grouping, ctx);
      for (const auto& [group, members] : group_members(grouping, *metric.numbers, ctx)) {
        std::int64_t failed = 0;
        GroupSample sample;
        sample.name = group;
        for (const auto* m : scored(members, failed)) {
          if (!m->has(metric.ratio.denominator)) continue;
          sample.numerators.push_back(metric.ratio.numerator_of(*m));
          sample.denominators.push_back(m->get(metric.ratio.denominator));
        }
        input.groups.push_back(std::move(sample));
      }
      inputs.push_back(std::move(input));
    }
  }
  return pb::fairness_cells(inputs, fairness_settings(ctx.scenario), derive_seed(ctx.scenario.seed, "fairness/" + solution_id));
}

std::vector<std::string> string_list(const nlohmann::json& findings, const char* key) {
  std::vector<std::string> out;
  if (auto it = findings.find(key); it != findings.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) out.push_back(mask_cpr(v.get<std::string>()));
  return out;
}

SummaryItemResult summary_item_result(const ItemRecord& item, const ItemNumbers& numbers) {
  SummaryItemResult r;
  r.id = mask_cpr(item.item_id);
  r.status = item.status;
  if (item.status != "ok") {
    r.error = mask_cpr(item.error);
    return r;
  }
  const double facts = numbers.get(summary_metric::kFacts);
  r.key_fact_recall = facts > 0 ? numbers.get(summary_metric::kFactsFound) / facts : NAN;
  r.critical_errors = static_cast<std::int64_t>(numbers.get(summary_metric::kCriticalErrors));
  r.negation_flips = static_cast<std::int64_t>(numbers.get(summary_metric::kNegationFlips));
  const auto output = nlohmann::json::parse(item.output_json, nullptr, false);
  if (output.is_object() && output.contains("findings")) {
    const auto& findings = output["findings"];
    r.missed_facts = string_list(findings, "missed_facts");
    r.wrong_facts = string_list(findings, "wrong_facts");
    r.structure_problems = string_list(findings, "structure_problems");
  }
  return r;
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
  if (!ci || target.gate) return ok(value) ? "met" : "not met";
  if (ok(ci->lower) && ok(ci->upper)) return "met";
  if (!ok(ci->lower) && !ok(ci->upper)) return "not met";
  return "inconclusive";
}

struct CellValue {
  double value = NAN;
  std::optional<ConfidenceInterval> ci;
};

double failure_rate(std::int64_t ok, std::int64_t failed) {
  const auto total = ok + failed;
  return total > 0 ? static_cast<double>(failed) / static_cast<double>(total) : NAN;
}

TargetResult target_result(const TargetSpec& target, const std::string& solution_id, const std::string& grouping,
                           const std::string& group, bool suppressed, const CellValue& cell) {
  TargetResult t;
  t.solution_id = solution_id;
  t.metric = target.metric;
  t.grouping = grouping;
  t.group = group;
  t.comparison = target.max ? "<=" : ">=";
  t.threshold = target.max ? *target.max : *target.min;
  t.gate = target.gate;
  if (suppressed) {
    t.verdict = "suppressed";
    return t;
  }
  if (std::isfinite(cell.value)) t.value = cell.value;
  t.ci = cell.ci;
  t.verdict = verdict(target, cell.value, cell.ci);
  return t;
}

}  // namespace

std::string group_value(const Conversation& conversation, const Grouping& grouping) {
  std::string value;
  for (const auto& key : grouping.keys) value += (value.empty() ? "" : " × ") + key_value(conversation, key);
  return mask_cpr(value);
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

// Judge vs human raters per rubric criterion, over the notes both rated.
std::vector<JudgeAgreement> judge_agreement(const std::vector<HumanRating>& ratings,
                                            const std::map<std::pair<std::string, std::string>, const ItemRecord*>& notes) {
  std::vector<JudgeAgreement> out;
  if (ratings.empty()) return out;
  std::set<std::string> criteria, raters;
  for (const auto& r : ratings) {
    criteria.insert(r.criterion);
    raters.insert(r.rater);
  }
  const std::vector<std::string> rater_list(raters.begin(), raters.end());
  for (const auto& criterion : criteria) {
    // (solution, conversation) → rater → score
    std::map<std::pair<std::string, std::string>, std::map<std::string, int>> human;
    for (const auto& r : ratings)
      if (r.criterion == criterion) human[{r.solution_id, r.conversation_id}][r.rater] = r.score;
    std::vector<int> judge_scores, consensus;
    std::vector<std::vector<std::optional<double>>> humans_only(rater_list.size()), with_judge(rater_list.size() + 1);
    for (const auto& [key, by_rater] : human) {
      const auto note = notes.find(key);
      if (note == notes.end() || note->second->status != "ok") continue;
      std::optional<int> judged;
      for (const auto& m : note->second->metrics)
        if (m.name == "judge." + criterion) judged = static_cast<int>(std::lround(m.value));
      if (!judged) continue;
      double sum = 0;
      for (const auto& [rater, score] : by_rater) sum += score;
      judge_scores.push_back(*judged);
      consensus.push_back(static_cast<int>(std::floor(sum / static_cast<double>(by_rater.size()) + 0.5)));
      for (std::size_t i = 0; i < rater_list.size(); ++i) {
        const auto it = by_rater.find(rater_list[i]);
        const std::optional<double> v = it == by_rater.end() ? std::nullopt : std::optional<double>(it->second);
        humans_only[i].push_back(v);
        with_judge[i].push_back(v);
      }
      with_judge.back().push_back(static_cast<double>(*judged));
    }
    JudgeAgreement a;
    a.criterion = criterion;
    a.items = static_cast<std::int64_t>(judge_scores.size());
    a.raters = static_cast<std::int64_t>(rater_list.size());
    if (!judge_scores.empty()) {
      const double kappa = quadratic_weighted_kappa(judge_scores, consensus, 1, 5);
      if (std::isfinite(kappa)) a.kappa = kappa;
      if (rater_list.size() >= 2) a.alpha_humans = krippendorff_alpha(humans_only, AlphaLevel::ordinal);
      a.alpha_with_judge = krippendorff_alpha(with_judge, AlphaLevel::ordinal);
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

RunResults build_run_results(const RunContext& ctx, const std::vector<ItemRecord>& items) {
  RunResults r;
  const Scenario& sc = ctx.scenario;
  // Free text from the scenario and the data is masked here, once, so no writer can print a CPR number.
  r.scenario_name = mask_cpr(sc.name);
  r.scenario_description = mask_cpr(sc.description);
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
  r.fairness = fairness_settings(sc);
  for (const auto& grouping : sc.groupings) {
    auto described = describe_hidden_groups(grouping.name(), hidden_in(grouping, ctx), sc.min_cell_size);
    for (auto& g : described) g.group = mask_cpr(g.group);
    r.suppressed_groups.insert(r.suppressed_groups.end(), described.begin(), described.end());
  }
  r.run_id = ctx.run.id;
  r.started_at = ctx.run.started_at;
  r.finished_at = ctx.run.finished_at;

  std::map<std::pair<std::string, std::string>, const ItemRecord*> by_key, summaries;
  for (const auto& item : items) {
    if (item.task == "transcription") by_key[{item.solution_id, item.item_id}] = &item;
    if (item.task == "summarisation") summaries[{item.solution_id, item.item_id}] = &item;
  }
  if (!summaries.empty() ||
      std::any_of(sc.solutions.begin(), sc.solutions.end(), [](const SolutionSpec& spec) { return spec.summarisation.has_value(); }))
    r.summary_metrics_version = kSummaryMetricsVersion;

  std::vector<Grouping> groupings{Grouping{}};
  for (const auto& g : sc.groupings) groupings.push_back(g);

  std::vector<SolutionItems> all_items;
  for (const auto& spec : sc.solutions) {
    SolutionResults s;
    s.id = spec.id;
    s.name = mask_cpr(spec.name);
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
      result.id = mask_cpr(c.id);
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

    // Drafted notes.
    std::vector<ItemNumbers> summary_numbers(ctx.dataset->conversations.size());
    std::vector<RatioSpec> note_specs;
    if (spec.summarisation) {
      auto& sum = s.summary;
      sum.present = true;
      const auto kind_it = ctx.adapter_names.find(spec.id + "/summarisation");
      sum.adapter = kind_it == ctx.adapter_names.end() ? spec.summarisation->kind : kind_it->second;
      sum.source = spec.summary_source;
      sum.items_planned = r.dataset_conversations;
      std::map<std::string, std::int64_t> failures;
      std::vector<double> note_latencies;
      for (std::size_t i = 0; i < ctx.dataset->conversations.size(); ++i) {
        auto it = summaries.find({spec.id, ctx.dataset->conversations[i].id});
        if (it == summaries.end()) continue;
        const ItemRecord& item = *it->second;
        summary_numbers[i] = numbers_of(item);
        note_latencies.push_back(item.latency_ms);
        if (item.status == "ok")
          ++sum.items_ok;
        else {
          ++sum.items_failed;
          ++failures[failure_key(item.error)];
        }
        sum.items.push_back(summary_item_result(item, summary_numbers[i]));
      }
      std::sort(sum.items.begin(), sum.items.end(),
                [](const SummaryItemResult& a, const SummaryItemResult& b) { return a.id < b.id; });
      for (const auto& [reason, count] : failures) sum.failures.push_back({reason, count});
      std::stable_sort(sum.failures.begin(), sum.failures.end(),
                       [](const FailureReason& a, const FailureReason& b) { return a.count > b.count; });
      sum.latency_median_ms = percentile(note_latencies, 0.5);
      note_specs = summary_specs(summary_numbers);
      for (const auto& g : groupings)
        sum.breakdowns.push_back(make_summary_breakdown(g, summary_numbers, note_specs, ctx, spec.id));
    }

    std::vector<FairnessMetric> fairness_metrics = {
        {{"wer",
          {{item_metric::kSubstitutions, 1}, {item_metric::kDeletions, 1}, {item_metric::kInsertions, 1}},
          item_metric::kRefWords},
         &numbers,
         false}};
    if (spec.summarisation)
      fairness_metrics.push_back(
          {{"summary.key_fact_recall", {{summary_metric::kFactsFound, 1}}, summary_metric::kFacts}, &summary_numbers, true});
    s.fairness = fairness_cells(sc.groupings, fairness_metrics, ctx, spec.id);

    for (const auto& target : sc.targets) {
      if (is_summary_metric(target.metric)) {
        if (!spec.summarisation) continue;  // the target is about notes; this solution drafts none
        const auto breakdown = make_summary_breakdown(target.grouping, summary_numbers, note_specs, ctx, spec.id);
        for (const auto& cell : breakdown.cells) {
          CellValue v;
          if (target.metric == "summary.failure_rate") {
            v.value = failure_rate(cell.n, cell.failed);
          } else if (const CellMetric* m = cell.metric(target.metric)) {
            v = {m->value, m->ci};
          }
          r.targets.push_back(target_result(target, spec.id, breakdown.grouping, cell.group, cell.suppressed, v));
        }
        continue;
      }
      const Breakdown breakdown = make_breakdown(target.grouping, numbers, specs, ctx, spec.id);
      for (const auto& cell : breakdown.cells) {
        CellValue v;
        if (target.metric == "wer") {
          v = {cell.wer, cell.wer_ci};
        } else if (target.metric == "cer") {
          v.value = cell.cer;
        } else if (target.metric == "mean_wer") {
          v.value = cell.mean_wer;
        } else if (const CellMetric* m = cell.metric(target.metric)) {
          v = {m->value, m->ci};
        } else if (target.metric == "failure_rate") {
          v.value = failure_rate(cell.n, cell.failed);
        }
        r.targets.push_back(target_result(target, spec.id, breakdown.grouping, cell.group, cell.suppressed, v));
      }
    }
    all_items.push_back({spec.id, mask_cpr(spec.name), std::move(numbers)});
    r.solutions.push_back(std::move(s));
  }
  add_comparisons(r, all_items, ctx);
  r.judge_agreement = judge_agreement(ctx.human_ratings, summaries);
  return r;
}


bool target_picture_missed(const RunResults& results) {
  return std::any_of(results.targets.begin(), results.targets.end(),
                     [](const TargetResult& t) { return t.verdict == "not met"; });
}

}  // namespace pb
