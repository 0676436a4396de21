#include "formats/risk_scores_csv.h"

#include <set>

#include "core/cpr.h"
#include "core/files.h"
#include "formats/csv_table.h"
#include "formats/text_input.h"

namespace pb {

RiskScoresFile parse_risk_scores_csv(std::string_view text, const std::string& file_name) {
  using formats_detail::quote_for_message;
  formats_detail::ProblemCollector problems(file_name);
  auto table = formats_detail::open_csv_table(text, file_name, problems, "case_id,score,label");
  auto& reader = table.reader;
  const char delimiter = table.delimiter;
  formats_detail::CsvRecord& header = table.header;

  // attr_<name> columns are taken out before the known columns are mapped.
  RiskScoresFile file;
  formats_detail::CsvRecord known = header;
  std::vector<std::pair<std::size_t, std::string>> attribute_columns;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const auto name = formats_detail::lowercase_ascii(header.fields[i]);
    if (name.rfind("attr_", 0) == 0 && name.size() > 5) {
      attribute_columns.emplace_back(i, name.substr(5));
      file.attribute_names.push_back(name.substr(5));
      known.fields[i] = "x_" + name;  // skipped by the mapping below
    }
  }
  static constexpr formats_detail::CsvColumnSpec kColumns[] = {
      {"case_id", true}, {"score", true}, {"label", true}, {"target_group", false}};
  const auto at = formats_detail::map_csv_header(known, kColumns, problems);
  problems.throw_if_any();
  file.has_target_group = at[3] != std::string::npos;

  std::set<std::string> ids;
  formats_detail::CsvRecord row;
  while (formats_detail::next_csv_row(reader, header.fields.size(), row, problems)) {
    ScoredCase c;
    c.id = row.fields[at[0]];
    if (c.id.empty()) {
      problems.add(row.line, "case_id", "expected an id, got an empty cell");
      continue;
    }
    if (mask_cpr(c.id) != c.id) {
      problems.add(row.line, "case_id", "expected a pseudonymous id, got a CPR number \"" + mask_cpr(c.id) + "\"");
      continue;
    }
    if (!ids.insert(c.id).second) {
      problems.add(row.line, "case_id", "expected each case once, got " + quote_for_message(c.id) + " again");
      continue;
    }
    const auto score = formats_detail::parse_csv_decimal(row.fields[at[1]], delimiter);
    if (!score || *score < 0.0 || *score > 1.0) {
      problems.add(row.line, "score", "expected a number from 0 to 1, got " + quote_for_message(row.fields[at[1]]));
      continue;
    }
    c.score = *score;
    const auto& label = row.fields[at[2]];
    if (label != "0" && label != "1") {
      problems.add(row.line, "label", "expected 0 or 1, got " + quote_for_message(label));
      continue;
    }
    c.label = label == "1" ? 1 : 0;
    if (file.has_target_group) c.target_group = row.fields[at[3]];
    for (const auto& [column, name] : attribute_columns) c.attributes[name] = row.fields[column];
    file.cases.push_back(std::move(c));
  }
  problems.throw_if_any();
  return file;
}

RiskScoresFile read_risk_scores_csv(const std::filesystem::path& file) {
  return parse_risk_scores_csv(read_file(file), file.string());
}

}  // namespace pb
