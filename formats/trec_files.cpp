#include "formats/trec_files.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "core/cpr.h"
#include "core/files.h"
#include "formats/csv_table.h"
#include "formats/text_input.h"

namespace pb {
namespace {

using formats_detail::CsvColumnSpec;
using formats_detail::CsvReader;
using formats_detail::CsvRecord;
using formats_detail::LineReader;
using formats_detail::ProblemCollector;
using formats_detail::quote_for_message;

std::vector<std::string_view> split_whitespace(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && formats_detail::is_space(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !formats_detail::is_space(line[i])) ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

bool skipped(std::string_view line) {
  const auto trimmed = formats_detail::trim(line);
  return trimmed.empty() || trimmed.front() == '#';
}

// Ids are pseudonyms: a CPR-shaped id is refused, with the number masked in the message.
bool check_id(std::string_view id, int line, const char* field, ProblemCollector& problems) {
  const std::string text(id);
  if (mask_cpr(text) != text) {
    problems.add(line, field, "expected a pseudonymous id, got a CPR number \"" + mask_cpr(text) + "\"");
    return false;
  }
  return true;
}

std::optional<long long> parse_integer(std::string_view text) {
  long long value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<double> parse_score(std::string_view text) {
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Calls handle(line, fields) for every line that is not blank or a comment, has `count` whitespace-separated fields
// and pseudonymous query and doc ids (fields 0 and 2), and names a (query, doc) pair not seen before; every other
// line becomes a problem. `layout` names the fields for messages, `duplicate` says what a repeated pair means.
template <class Handle>
void read_trec_lines(std::string_view text, const std::string& file_name, std::size_t count, std::string_view layout,
                     std::string_view duplicate, ProblemCollector& problems, Handle&& handle) {
  text = formats_detail::strip_bom(text);
  formats_detail::require_utf8(text, file_name);
  std::set<std::pair<std::string, std::string>> seen;
  LineReader reader(text);
  std::string_view line;
  while (reader.next(line)) {
    if (skipped(line)) continue;
    const int n = reader.line_number();
    const auto fields = split_whitespace(line);
    if (fields.size() != count) {
      problems.add(n, "line", "expected " + std::to_string(count) + " fields \"" + std::string(layout) + "\", got " +
                                  std::to_string(fields.size()) + ": " + quote_for_message(mask_cpr(std::string(line))));
      continue;
    }
    if (!check_id(fields[0], n, "query_id", problems) || !check_id(fields[2], n, "doc_id", problems)) continue;
    if (!handle(n, fields)) continue;
    if (!seen.emplace(std::string(fields[0]), std::string(fields[2])).second)
      problems.add(n, "doc_id", "expected each document " + std::string(duplicate) + " once per query; " +
                                    quote_for_message(fields[2]) + " comes again for query " +
                                    quote_for_message(fields[0]));
  }
}

}  // namespace

TrecQrels parse_trec_qrels(std::string_view text, const std::string& file_name) {
  ProblemCollector problems(file_name);
  TrecQrels qrels;
  std::vector<std::pair<std::string, RelevanceJudgement>> lines;
  read_trec_lines(text, file_name, 4, "query_id iteration doc_id relevance", "judged", problems,
                  [&](int n, const std::vector<std::string_view>& fields) {
                    const auto grade = parse_integer(fields[3]);
                    if (!grade || *grade < -1000000 || *grade > 1000000) {
                      problems.add(n, "relevance", "expected an integer, got " + quote_for_message(fields[3]));
                      return false;
                    }
                    auto& judged = qrels[std::string(fields[0])];
                    if (std::none_of(judged.begin(), judged.end(), [&](const RelevanceJudgement& j) {
                          return j.doc_id == fields[2];
                        }))
                      judged.push_back({std::string(fields[2]), static_cast<int>(*grade)});
                    return true;
                  });
  problems.throw_if_any();
  return qrels;
}

TrecRun parse_trec_run(std::string_view text, const std::string& file_name) {
  ProblemCollector problems(file_name);
  TrecRun run;
  read_trec_lines(text, file_name, 6, "query_id Q0 doc_id rank score tag", "retrieved", problems,
                  [&](int n, const std::vector<std::string_view>& fields) {
                    const auto score = parse_score(fields[4]);
                    if (!score) {
                      problems.add(n, "score", "expected a finite number, got " + quote_for_message(fields[4]));
                      return false;
                    }
                    auto& results = run[std::string(fields[0])];
                    if (std::none_of(results.begin(), results.end(), [&](const ScoredDocument& d) {
                          return d.doc_id == fields[2];
                        }))
                      results.push_back({std::string(fields[2]), *score});
                    return true;
                  });
  problems.throw_if_any();
  return run;
}

SeekerGroups parse_seekers_csv(std::string_view text, const std::string& file_name) {
  ProblemCollector problems(file_name);
  auto table = formats_detail::open_csv_table(text, file_name, problems, "query_id and grouping columns");
  auto& reader = table.reader;
  formats_detail::CsvRecord& header = table.header;
  SeekerGroups groups;
  std::size_t id_column = std::string::npos;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const auto name = formats_detail::lowercase_ascii(header.fields[i]);
    if (name == "query_id") {
      id_column = i;
    } else if (name.empty()) {
      problems.add(header.line, "header", "expected a column name, got an empty one");
    } else {
      groups.columns.push_back(name);
    }
  }
  if (id_column == std::string::npos) problems.add(header.line, "header", "expected a query_id column");
  if (groups.columns.empty()) problems.add(header.line, "header", "expected at least one grouping column besides query_id");
  problems.throw_if_any();
  CsvRecord row;
  while (formats_detail::next_csv_row(reader, header.fields.size(), row, problems)) {
    const std::string& id = row.fields[id_column];
    if (id.empty()) {
      problems.add(row.line, "query_id", "expected a query id, got an empty cell");
      continue;
    }
    if (!check_id(id, row.line, "query_id", problems)) continue;
    std::vector<std::string> values;
    bool ok = true;
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
      if (i == id_column) continue;
      if (row.fields[i].empty()) {
        problems.add(row.line, formats_detail::lowercase_ascii(header.fields[i]), "expected a group value, got an empty cell");
        ok = false;
      }
      values.push_back(mask_cpr(row.fields[i]));
    }
    if (!ok) continue;
    if (!groups.values.emplace(id, std::move(values)).second)
      problems.add(row.line, "query_id", "expected each query once, got " + quote_for_message(id) + " again");
  }
  problems.throw_if_any();
  return groups;
}

std::map<std::string, std::string> parse_vacancy_groups_csv(std::string_view text, const std::string& file_name) {
  ProblemCollector problems(file_name);
  auto table = formats_detail::open_csv_table(text, file_name, problems, "doc_id,group");
  auto& reader = table.reader;
  formats_detail::CsvRecord& header = table.header;
  static constexpr CsvColumnSpec kColumns[] = {{"doc_id", true}, {"group", true}};
  const auto at = formats_detail::map_csv_header(header, kColumns, problems);
  problems.throw_if_any();
  std::map<std::string, std::string> groups;
  CsvRecord row;
  while (formats_detail::next_csv_row(reader, header.fields.size(), row, problems)) {
    const std::string& id = row.fields[at[0]];
    const std::string& group = row.fields[at[1]];
    if (id.empty() || group.empty()) {
      problems.add(row.line, id.empty() ? "doc_id" : "group", "expected a value, got an empty cell");
      continue;
    }
    if (!check_id(id, row.line, "doc_id", problems)) continue;
    if (!groups.emplace(id, mask_cpr(group)).second)
      problems.add(row.line, "doc_id", "expected each vacancy once, got " + quote_for_message(id) + " again");
  }
  problems.throw_if_any();
  return groups;
}

TrecQrels read_trec_qrels(const std::filesystem::path& file) { return parse_trec_qrels(read_file(file), file.string()); }
TrecRun read_trec_run(const std::filesystem::path& file) { return parse_trec_run(read_file(file), file.string()); }
SeekerGroups read_seekers_csv(const std::filesystem::path& file) { return parse_seekers_csv(read_file(file), file.string()); }
std::map<std::string, std::string> read_vacancy_groups_csv(const std::filesystem::path& file) {
  return parse_vacancy_groups_csv(read_file(file), file.string());
}

}  // namespace pb
