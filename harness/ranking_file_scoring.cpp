#include "harness/ranking_file_scoring.h"

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/cpr.h"
#include "core/rng.h"
#include "formats/trec_files.h"
#include "harness/fairness_layer.h"
#include "harness/group_suppression.h"
#include "metrics/ranking.h"
#include "reports/fairness_json.h"
#include "reports/json_values.h"

namespace pb {
namespace {

nlohmann::ordered_json summary_json(const RankingSummary& s) {
  nlohmann::ordered_json j;
  j["evaluated"] = s.evaluated;
  j["skipped"] = s.skipped;
  j["invalid"] = s.invalid;
  j["ndcg"] = number_or_null(s.mean_ndcg);
  j["mrr"] = number_or_null(s.mean_reciprocal_rank);
  j["precision"] = number_or_null(s.mean_precision);
  j["recall"] = number_or_null(s.mean_recall);
  if (!s.reason.empty()) j["undefined_reason"] = s.reason;
  if (!s.reasons.empty()) {
    auto reasons = nlohmann::ordered_json::array();
    for (const auto& r : s.reasons) reasons.push_back(mask_cpr(r));
    j["invalid_queries"] = reasons;
  }
  return j;
}

// Queries trec_eval evaluates: judged, and retrieved unless average_complete.
bool evaluated(const RankingQuery& q, bool average_complete) {
  return !q.judgements.empty() && (average_complete || !q.results.empty());
}

}  // namespace

nlohmann::ordered_json score_ranking_files(const RankingFileOptions& options) {
  const TrecQrels qrels = read_trec_qrels(options.qrels);
  const TrecRun run = read_trec_run(options.run);
  std::optional<SeekerGroups> seekers;
  if (options.seekers) seekers = read_seekers_csv(*options.seekers);

  std::set<std::string> ids;
  for (const auto& [id, judged] : qrels) ids.insert(id);
  for (const auto& [id, results] : run) ids.insert(id);
  std::vector<RankingQuery> queries;
  for (const auto& id : ids) {
    RankingQuery q;
    q.query_id = id;
    if (auto it = qrels.find(id); it != qrels.end()) q.judgements = it->second;
    if (auto it = run.find(id); it != run.end()) q.results = it->second;
    queries.push_back(std::move(q));
  }
  RankingOptions ranking;
  ranking.k = options.k;
  ranking.average_complete = options.average_complete;

  nlohmann::ordered_json out;
  out["format"] = "pilotbench-ranking-score";
  out["format_version"] = 1;
  out["settings"] = {{"k", options.k},
                     {"average_complete", options.average_complete},
                     {"definitions", "trec_eval 9: ndcg_cut, recip_rank, P, recall; ties by doc id descending"}};
  out["queries"] = {{"judged", qrels.size()}, {"retrieved", run.size()}};
  out["all"] = summary_json(evaluate_rankings(queries, ranking));

  FairnessSettings fairness;
  fairness.correction = options.correction;
  fairness.min_cell_size = options.min_cell_size;
  fairness.bootstrap_replicates = options.bootstrap_replicates;
  fairness.confidence_level = options.confidence_level;
  std::vector<SuppressedGroup> suppressed;
  auto groups_json = nlohmann::ordered_json::array();
  std::vector<FairnessInput> inputs;
  if (seekers) {
    std::size_t unlisted = 0;
    for (const auto& q : queries)
      if (evaluated(q, options.average_complete) && !seekers->values.count(q.query_id)) ++unlisted;
    out["queries"]["without_seeker_row"] = unlisted;
    for (std::size_t column = 0; column < seekers->columns.size(); ++column) {
      const std::string& grouping = seekers->columns[column];
      std::vector<RankingQuery> grouped;
      std::vector<GroupKeyValues> sizes;
      for (const auto& q : queries) {
        auto it = seekers->values.find(q.query_id);
        if (it == seekers->values.end() || !evaluated(q, options.average_complete)) continue;
        RankingQuery copy = q;
        copy.group = it->second[column];
        sizes.push_back({copy.group});
        grouped.push_back(std::move(copy));
      }
      const auto hidden = hidden_groups(sizes, 1, options.min_cell_size);
      auto described = describe_hidden_groups(grouping, hidden, options.min_cell_size);
      suppressed.insert(suppressed.end(), described.begin(), described.end());
      FairnessInput input;
      input.grouping = grouping;
      input.metric = fmt::format("ndcg@{}", options.k);
      input.kind = GroupMetricKind::mean;
      input.higher_is_better = true;
      input.hidden = hidden;
      std::map<std::string, GroupSample> samples;
      for (const auto& q : grouped) {
        const auto m = evaluate_ranking_query(q, options.k);
        if (!m.reason.empty()) continue;
        auto& sample = samples[q.group];
        sample.name = q.group;
        sample.values.push_back(m.ndcg);
      }
      for (auto& [name, sample] : samples) input.groups.push_back(std::move(sample));
      inputs.push_back(std::move(input));
      for (const auto& summary : evaluate_rankings_by_group(grouped, ranking)) {
        nlohmann::ordered_json g;
        g["grouping"] = grouping;
        g["group"] = summary.group;
        if (hidden.count(summary.group)) {
          g["suppressed"] = true;
          g["reason"] = to_string(hidden.at(summary.group));
        } else {
          g["suppressed"] = false;
          const auto figures = summary_json(summary);
          for (const auto& [key, value] : figures.items()) g[key] = value;
        }
        groups_json.push_back(std::move(g));
      }
    }
  }
  out["groups"] = groups_json;
  out["fairness"] = fairness_cells_json(fairness_cells(inputs, fairness, derive_seed(options.seed, "ranking")));
  out["fairness_settings"] = fairness_settings_json(fairness);
  out["suppressed_groups"] = suppressed_groups_json(suppressed);

  if (options.vacancy_groups) {
    const auto vacancy_groups = read_vacancy_groups_csv(*options.vacancy_groups);
    const auto parity = exposure_parity(document_exposure(queries, options.k), vacancy_groups);
    nlohmann::ordered_json e;
    e["cutoff"] = options.k;
    auto groups = nlohmann::ordered_json::array();
    for (const auto& g : parity.groups)
      groups.push_back({{"group", g.group},
                        {"vacancies", g.documents},
                        {"total_exposure", number_or_null(g.total_exposure)},
                        {"mean_exposure", number_or_null(g.mean_exposure)}});
    e["groups"] = groups;
    e["min_max_ratio"] = number_or_null(parity.min_max_ratio);
    e["max_min_difference"] = number_or_null(parity.max_min_difference);
    if (!parity.reason.empty()) e["undefined_reason"] = parity.reason;
    out["exposure"] = e;
  }
  return out;
}

std::string describe_ranking_score(const nlohmann::ordered_json& result) {
  const auto number = [](const nlohmann::ordered_json& v) {
    return v.is_number() ? fmt::format("{:.4f}", v.get<double>()) : std::string("–");
  };
  const auto k = result["settings"]["k"].get<std::size_t>();
  const auto& all = result["all"];
  std::string text = fmt::format("{} job seekers evaluated ({} skipped, {} invalid)\n", all["evaluated"].get<std::size_t>(),
                                 all["skipped"].get<std::size_t>(), all["invalid"].get<std::size_t>());
  text += fmt::format("NDCG@{} {}  MRR {}  P@{} {}  recall@{} {}\n", k, number(all["ndcg"]), number(all["mrr"]), k,
                      number(all["precision"]), k, number(all["recall"]));
  for (const auto& g : result["groups"]) {
    if (g["suppressed"].get<bool>()) {
      text += fmt::format("  {} = {}: suppressed ({})\n", g["grouping"].get<std::string>(), g["group"].get<std::string>(),
                          g["reason"].get<std::string>());
      continue;
    }
    text += fmt::format("  {} = {}: n {}  NDCG@{} {}  MRR {}\n", g["grouping"].get<std::string>(),
                        g["group"].get<std::string>(), g["evaluated"].get<std::size_t>(), k, number(g["ndcg"]),
                        number(g["mrr"]));
  }
  for (const auto& c : result["fairness"]) {
    if (c["verdict"] == "reference" || c["verdict"] == "suppressed") continue;
    text += fmt::format("  fairness {} {} vs {}: {} ({})\n", c["grouping"].get<std::string>(),
                        c["group"].get<std::string>(), c["reference_group"].get<std::string>(),
                        c["verdict"].get<std::string>(), c["reason"].get<std::string>());
  }
  if (result.contains("exposure"))
    text += fmt::format("exposure parity (min/max mean exposure of vacancy groups): {}\n",
                        number(result["exposure"]["min_max_ratio"]));
  return text;
}

}  // namespace pb
