#pragma once
// A file of risk scores with their outcomes, for `pilotbench score risk`: one case per row,
// columns case_id, score, label (required), target_group and attr_<name> (optional grouping columns), any column
// starting with x_ ignored. The CSV rules of formats/csv_table.h (',' or ';' with a decimal comma, BOM, quoting).
// score: a decimal number in [0, 1]; label: 0 or 1; case_id: non-empty, unique, not CPR-shaped (masked in the
// message). Every problem is reported as "file:line: column: expected …, got \"…\"" (up to 20) and thrown as
// InputError.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pb {

struct ScoredCase {
  std::string id;
  double score = 0.0;
  int label = 0;
  std::string target_group;                       // empty when the file has no target_group column
  std::map<std::string, std::string> attributes;  // attr_<name> columns, by <name>
};

struct RiskScoresFile {
  bool has_target_group = false;
  std::vector<std::string> attribute_names;  // in column order
  std::vector<ScoredCase> cases;             // in file order
};

RiskScoresFile parse_risk_scores_csv(std::string_view text, const std::string& file_name_for_messages);
RiskScoresFile read_risk_scores_csv(const std::filesystem::path& file);

}  // namespace pb
