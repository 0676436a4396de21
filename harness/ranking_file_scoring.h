#pragma once
// `pilotbench score ranking`: job-matching rankings judged from TREC files alone (formats/trec_files.h), with
// trec_eval's definitions (metrics/ranking.h): NDCG@k, MRR, P@k and recall@k over all job seekers and per group of
// job seekers, the fairness layer over the per-seeker NDCG@k (harness/fairness_layer.h), and exposure parity of
// vacancy groups. Groups smaller than the minimum size show no figures.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace pb {

struct RankingFileOptions {
  std::filesystem::path qrels;
  std::filesystem::path run;
  std::optional<std::filesystem::path> seekers;         // query_id + grouping columns
  std::optional<std::filesystem::path> vacancy_groups;  // doc_id,group
  std::size_t k = 10;
  bool average_complete = false;  // trec_eval -c
  int min_cell_size = 5;
  int bootstrap_replicates = 1000;
  double confidence_level = 0.95;
  std::uint64_t seed = 1;
  std::string correction = "holm";  // or "benjamini-hochberg"
};

// The result document (docs/json-output.md). Throws InputError for missing, unreadable or malformed files.
nlohmann::ordered_json score_ranking_files(const RankingFileOptions& options);

// A few lines for people.
std::string describe_ranking_score(const nlohmann::ordered_json& result);

}  // namespace pb
