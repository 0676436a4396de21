#include "formats/human_ratings.h"

#include <array>
#include <charconv>

#include "core/error.h"
#include "core/files.h"
#include "formats/text_input.h"

namespace pb {
namespace {

using formats_detail::LineReader;

constexpr std::size_t kMaxProblems = 20;
constexpr std::array<const char*, 5> kColumns = {"conversation_id", "solution_id", "rater", "criterion", "score"};

// Splits one CSV line; returns false (with `error`) for an unterminated quote or text after a closing quote.
bool split_csv(std::string_view line, char separator, std::vector<std::string>& fields, std::string& error) {
  fields.clear();
  std::string field;
  std::size_t i = 0;
  while (true) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field += line[i++];
      }
      if (!closed) {
        error = "unterminated quoted field in column " + std::to_string(fields.size() + 1);
        return false;
      }
      if (i < line.size() && line[i] != separator) {
        error = "unexpected text after a closing quote in column " + std::to_string(fields.size() + 1);
        return false;
      }
    } else {
      while (i < line.size() && line[i] != separator) field += line[i++];
      field = std::string(formats_detail::trim(field));
    }
    fields.push_back(field);
    if (i >= line.size()) return true;
    ++i;  // separator
  }
}

}  // namespace

std::vector<HumanRating> parse_human_ratings(std::string_view content, const std::string& file_name) {
  content = formats_detail::strip_bom(content);
  formats_detail::require_utf8(content, file_name);
  ProblemList problems;
  auto add = [&](int line, std::string field, std::string message) {
    if (problems.size() < kMaxProblems) problems.add(file_name, line, std::move(field), std::move(message));
  };
  LineReader reader(content);
  std::string_view line;
  while (reader.next(line) && formats_detail::is_blank(line)) {
  }
  if (formats_detail::is_blank(line)) {
    add(0, "", "empty file; expected a header row with conversation_id, solution_id, rater, criterion, score");
    problems.throw_if_any();
  }
  const auto comma = line.find(','), semicolon = line.find(';');
  const char separator = semicolon < comma ? ';' : ',';
  std::vector<std::string> fields;
  std::string error;
  std::array<std::size_t, kColumns.size()> index{};
  index.fill(std::string::npos);
  if (!split_csv(line, separator, fields, error)) add(reader.line_number(), "", error);
  for (std::size_t i = 0; i < fields.size(); ++i)
    for (std::size_t c = 0; c < kColumns.size(); ++c)
      if (formats_detail::lowercase_ascii(fields[i]) == kColumns[c] && index[c] == std::string::npos) index[c] = i;
  for (std::size_t c = 0; c < kColumns.size(); ++c)
    if (index[c] == std::string::npos)
      add(reader.line_number(), "header", std::string("missing column \"") + kColumns[c] +
                                              "\" (expected conversation_id, solution_id, rater, criterion, score)");
  problems.throw_if_any();

  std::vector<HumanRating> ratings;
  while (reader.next(line)) {
    if (formats_detail::is_blank(line)) continue;
    const int number = reader.line_number();
    if (!split_csv(line, separator, fields, error)) {
      add(number, "", error);
      continue;
    }
    bool ok = true;
    auto field = [&](std::size_t column) -> std::string {
      const std::size_t i = index[column];
      if (i >= fields.size() || fields[i].empty()) {
        add(number, kColumns[column], "missing value");
        ok = false;
        return {};
      }
      return fields[i];
    };
    HumanRating r;
    r.conversation_id = field(0);
    r.solution_id = field(1);
    r.rater = field(2);
    r.criterion = field(3);
    const std::string score = field(4);
    if (!score.empty()) {
      int value = 0;
      const auto [end, ec] = std::from_chars(score.data(), score.data() + score.size(), value);
      if (ec != std::errc() || end != score.data() + score.size() || value < 1 || value > 5) {
        add(number, "score", "expected an integer 1-5, got \"" + score + "\"");
        ok = false;
      }
      r.score = value;
    }
    if (ok) ratings.push_back(std::move(r));
  }
  problems.throw_if_any();
  return ratings;
}

std::vector<HumanRating> read_human_ratings(const std::filesystem::path& path) {
  return parse_human_ratings(read_file(path), path.string());
}

}  // namespace pb
