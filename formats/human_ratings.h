#pragma once
// Human ratings of drafted notes, imported from CSV so the LLM judge can be checked against people.
//
// Header row required; columns in any order, names case-insensitive:
//   conversation_id, solution_id, rater, criterion, score
// Separator ',' or ';' (the first of the two found in the header line; Danish spreadsheet programs write ';').
// Fields may be double-quoted with "" as an escaped quote (RFC 4180); a quoted field may not span lines. score is
// an integer 1–5; criterion is a rubric criterion name (e.g. "accurate"). Extra columns are ignored. Blank lines are
// skipped. Every problem names file, line and column; up to 20 are reported at once.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pb {

struct HumanRating {
  std::string conversation_id;
  std::string solution_id;
  std::string rater;
  std::string criterion;
  int score = 0;
  bool operator==(const HumanRating&) const = default;
};

std::vector<HumanRating> parse_human_ratings(std::string_view content, const std::string& file_name);
std::vector<HumanRating> read_human_ratings(const std::filesystem::path& path);

}  // namespace pb
