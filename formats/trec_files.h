#pragma once
// TREC-format ranking files for job matching, as trec_eval reads them, and the two side files pilotbench adds:
//
//   qrels:  "query_id iteration doc_id relevance" per line (whitespace-separated; iteration ignored); relevance is
//           an integer, >= 1 relevant, 0 judged not relevant, negative judged but unjudged-pool (ignored).
//   run:    "query_id Q0 doc_id rank score tag" per line (Q0 and rank ignored, as trec_eval does: it orders by score,
//           ties by doc id descending — metrics/ranking.h); score a finite decimal number.
//   seekers CSV: query_id plus any grouping columns (target_group, attr_<name> or any other name), one row per job
//           seeker, for per-group means (formats/csv_table.h rules: ',' or ';', BOM, quoting).
//   vacancy groups CSV: doc_id,group — which group each vacancy belongs to (e.g. employer size), for exposure parity.
//
// Blank lines and lines starting with '#' are skipped in qrels and run files. Every problem is reported as
// "file:line: field: expected …, got \"…\"" (up to 20 at once) and thrown as InputError; a query id or doc id that
// looks like a CPR number is refused with the number masked (ids must be pseudonyms). A doc id judged twice for one
// query, or retrieved twice for one query, is an error (trec_eval stops on both).
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/ranking.h"

namespace pb {

// query id → judgements, in file order.
using TrecQrels = std::map<std::string, std::vector<RelevanceJudgement>>;
// query id → retrieved documents, in file order.
using TrecRun = std::map<std::string, std::vector<ScoredDocument>>;

TrecQrels parse_trec_qrels(std::string_view text, const std::string& file_name_for_messages);
TrecRun parse_trec_run(std::string_view text, const std::string& file_name_for_messages);

struct SeekerGroups {
  std::vector<std::string> columns;  // grouping columns in file order (lowercase), query_id excluded
  std::map<std::string, std::vector<std::string>> values;  // query id → one value per column
};
SeekerGroups parse_seekers_csv(std::string_view text, const std::string& file_name_for_messages);

// doc id → group.
std::map<std::string, std::string> parse_vacancy_groups_csv(std::string_view text,
                                                            const std::string& file_name_for_messages);

// The same from files (UTF-8 required).
TrecQrels read_trec_qrels(const std::filesystem::path& file);
TrecRun read_trec_run(const std::filesystem::path& file);
SeekerGroups read_seekers_csv(const std::filesystem::path& file);
std::map<std::string, std::string> read_vacancy_groups_csv(const std::filesystem::path& file);

}  // namespace pb
