#include "formats/csv_table.h"

#include <algorithm>
#include <system_error>
#include <cmath>
#include <charconv>

#include <fmt/format.h>

#include "formats/text_input.h"

namespace pb::formats_detail {

char detect_csv_delimiter(std::string_view text) {
  std::size_t pos = 0;
  // Skip blank lines so the header decides, as the readers see it.
  while (pos < text.size()) {
    const auto eol = text.find('\n', pos);
    const auto end = eol == std::string_view::npos ? text.size() : eol;
    if (!is_blank(text.substr(pos, end - pos))) break;
    pos = eol == std::string_view::npos ? text.size() : eol + 1;
  }
  bool in_quotes = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '"')
      in_quotes = !in_quotes;  // "" inside quotes toggles twice: no effect, as it should
    else if (!in_quotes && (c == ',' || c == ';'))
      return c;
    else if (!in_quotes && c == '\n')
      break;
  }
  return ',';
}

CsvReader::CsvReader(std::string_view text, char delimiter, bool quoted_line_breaks)
    : text_(text), delimiter_(delimiter), quoted_line_breaks_(quoted_line_breaks) {}

bool CsvReader::next(CsvRecord& record, std::string& error) {
  error.clear();
  const std::size_t size = text_.size();
  while (pos_ < size) {
    const auto eol = text_.find('\n', pos_);
    const auto end = eol == std::string_view::npos ? size : eol;
    if (!is_blank(text_.substr(pos_, end - pos_))) break;
    pos_ = eol == std::string_view::npos ? size : eol + 1;
    ++line_;
  }
  if (pos_ >= size) return false;

  record.fields.clear();
  record.line = line_;
  auto skip_rest_of_line = [&] {
    const auto eol = text_.find('\n', pos_);
    if (eol == std::string_view::npos) {
      pos_ = size;
    } else {
      pos_ = eol + 1;
      ++line_;
    }
  };
  auto column = [&] { return std::to_string(record.fields.size() + 1); };

  std::string field;
  while (true) {
    field.clear();
    std::size_t start = pos_;
    while (start < size && (text_[start] == ' ' || text_[start] == '\t')) ++start;
    if (start < size && text_[start] == '"') {
      pos_ = start + 1;
      bool closed = false;
      while (pos_ < size) {
        const char c = text_[pos_];
        if (c == '"') {
          if (pos_ + 1 < size && text_[pos_ + 1] == '"') {
            field += '"';
            pos_ += 2;
            continue;
          }
          closed = true;
          ++pos_;
          break;
        }
        if (c == '\n') {
          if (!quoted_line_breaks_) break;
          ++line_;
        }
        field += c;
        ++pos_;
      }
      if (!closed) {
        error = "unterminated quoted field in column " + column();
        if (quoted_line_breaks_) error += " (no closing quote before the end of the file)";
        skip_rest_of_line();
        return true;
      }
      while (pos_ < size && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r')) ++pos_;
      if (pos_ < size && text_[pos_] != delimiter_ && text_[pos_] != '\n') {
        error = "unexpected text after a closing quote in column " + column();
        skip_rest_of_line();
        return true;
      }
    } else {
      while (pos_ < size && text_[pos_] != delimiter_ && text_[pos_] != '\n') ++pos_;
      field = std::string(trim(text_.substr(start, pos_ - start)));
    }
    record.fields.push_back(field);
    if (pos_ >= size) return true;
    if (text_[pos_] == '\n') {
      ++pos_;
      ++line_;
      return true;
    }
    ++pos_;  // the delimiter
  }
}

std::string csv_field(std::string_view text) {
  const bool needs_quotes = text.find_first_of(",;\"\r\n") != std::string_view::npos ||
                            (!text.empty() && (is_space(text.front()) || is_space(text.back())));
  if (!needs_quotes) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::vector<std::size_t> map_csv_header(const CsvRecord& header, std::span<const CsvColumnSpec> columns,
                                        ProblemCollector& problems) {
  std::vector<std::size_t> index(columns.size(), std::string::npos);
  std::string known;
  for (const auto& column : columns) known += (known.empty() ? "" : ", ") + std::string(column.name);
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = lowercase_ascii(trim(header.fields[i]));
    if (name.empty()) {
      problems.add(header.line, "header", "column " + std::to_string(i + 1) + " has no name");
      continue;
    }
    if (name.rfind("x_", 0) == 0) continue;
    std::size_t c = 0;
    while (c < columns.size() && columns[c].name != name) ++c;
    if (c == columns.size()) {
      problems.add(header.line, "header",
                   "unknown column " + quote_for_message(header.fields[i]) + " (expected " + known +
                       "; extra columns must start with x_)");
    } else if (index[c] != std::string::npos) {
      problems.add(header.line, "header", "column \"" + name + "\" appears twice");
    } else {
      index[c] = i;
    }
  }
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (columns[c].required && index[c] == std::string::npos)
      problems.add(header.line, "header", "missing column \"" + std::string(columns[c].name) + "\"");
  return index;
}

void read_csv_header(CsvReader& reader, CsvRecord& header, ProblemCollector& problems,
                     std::string_view expected_columns) {
  std::string error;
  if (!reader.next(header, error)) {
    problems.add(0, "", fmt::format("empty file; expected a header line with {}", expected_columns));
    problems.throw_if_any();
  }
  if (!error.empty()) {
    problems.add(header.line, "header", error);
    problems.throw_if_any();
  }
}

CsvTable open_csv_table(std::string_view text, const std::string& file_name, ProblemCollector& problems,
                        std::string_view expected_columns) {
  text = strip_bom(text);
  require_utf8(text, file_name);
  const char delimiter = detect_csv_delimiter(text);
  CsvTable table{delimiter, CsvReader(text, delimiter, /*quoted_line_breaks=*/true), {}};
  read_csv_header(table.reader, table.header, problems, expected_columns);
  return table;
}

bool next_csv_row(CsvReader& reader, std::size_t field_count, CsvRecord& record, ProblemCollector& problems) {
  std::string error;
  while (reader.next(record, error)) {
    if (!error.empty()) {
      problems.add(record.line, "", error);
      continue;
    }
    if (std::all_of(record.fields.begin(), record.fields.end(), [](const std::string& f) { return f.empty(); }))
      continue;
    if (record.fields.size() != field_count) {
      problems.add(record.line, "",
                   fmt::format("expected {} fields as in the header, got {}", field_count, record.fields.size()));
      continue;
    }
    return true;
  }
  return false;
}

std::optional<double> parse_csv_decimal(std::string_view text, char delimiter) {
  std::string number(text);
  std::size_t i = 0;
  if (i < number.size() && number[i] == '-') ++i;
  const std::size_t first_digit = i;
  while (i < number.size() && number[i] >= '0' && number[i] <= '9') ++i;
  if (i == first_digit) return std::nullopt;
  if (i < number.size()) {
    if (number[i] == ',' && delimiter == ';') number[i] = '.';
    if (number[i] != '.') return std::nullopt;
    ++i;
    const std::size_t first_decimal = i;
    while (i < number.size() && number[i] >= '0' && number[i] <= '9') ++i;
    if (i == first_decimal || i != number.size()) return std::nullopt;
  }
  double value = 0.0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<bool> parse_csv_yes_no(std::string_view text) {
  const std::string value = lowercase_ascii(text);
  if (value == "true" || value == "ja" || value == "yes" || value == "1") return true;
  if (value == "false" || value == "nej" || value == "no" || value == "0") return false;
  return std::nullopt;
}

}  // namespace pb::formats_detail
