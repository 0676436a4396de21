// SegLST reading. Problems are found on the parsed document and located afterwards, only when there are any:
// nlohmann keeps no source positions, so a small scanner walks the (already validated) text once and records
// the line of each array element and, for the elements with problems, of their keys. Valid files pay nothing
// for it and invalid ones pay one linear pass.
#include "formats/seglst.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/json_text.h"
#include "formats/stm.h"  // formats_detail::parse_seconds
#include "formats/text_input.h"

namespace pb {
namespace {

using nlohmann::json;

// A problem with segment `index`, located later on the line of `key`, or of the segment when key is empty.
struct PendingProblem {
  int index = 0;
  std::string key;
  std::string field;
  std::string message;
};

class SegmentReader {
 public:
  explicit SegmentReader(std::vector<PendingProblem>& problems) : problems_(problems) {}

  std::optional<SeglstSegment> read(const json& value, int index) {
    index_ = index;
    path_ = fmt::format("[{}]", index);
    if (!value.is_object()) {
      problems_.push_back({index, "", path_, "expected a segment object, got " + describe_json(value)});
      return std::nullopt;
    }
    const auto problems_before = problems_.size();
    SeglstSegment segment;
    segment.index = index;
    segment.session_id = id(value, "session_id", true);
    segment.speaker = id(value, "speaker", false);
    segment.start_time = time(value, "start_time");
    segment.end_time = time(value, "end_time");
    if (segment.start_time && segment.end_time && *segment.end_time < *segment.start_time) {
      add("end_time", fmt::format("end_time ({}) is before start_time ({})", *segment.end_time, *segment.start_time));
    }
    const auto words = value.find("words");
    if (words == value.end() || words->is_null()) {
      add_missing("words", "missing; expected the segment's words as a string");
    } else if (!words->is_string()) {
      add("words", "expected a string, got " + describe_json(*words));
    } else {
      segment.words = words->get<std::string>();
    }
    for (const auto& [key, item] : value.items()) {
      if (key != "session_id" && key != "speaker" && key != "start_time" && key != "end_time" && key != "words")
        segment.extra.emplace(key, item.dump());
    }
    if (problems_.size() != problems_before) return std::nullopt;
    return segment;
  }

 private:
  void add(const std::string& key, std::string message) {
    problems_.push_back({index_, key, path_ + "." + key, std::move(message)});
  }
  void add_missing(const std::string& key, std::string message) {
    problems_.push_back({index_, "", path_ + "." + key, std::move(message)});
  }

  // A name that meeteval allows to be a string or an integer.
  std::string id(const json& object, const char* key, bool required) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) add_missing(key, "missing; expected a string");
      return {};
    }
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return it->dump();
    add(key, "expected a string or an integer, got " + describe_json(*it));
    return {};
  }

  std::optional<double> time(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    std::optional<double> seconds;
    if (it->is_number()) {
      const double value = it->get<double>();
      if (std::isfinite(value) && value >= 0) seconds = value;
    } else if (it->is_string()) {
      seconds = formats_detail::parse_seconds(it->get_ref<const std::string&>());
    }
    if (!seconds) add(key, "expected seconds >= 0 as a number or numeric string, got " + describe_json(*it));
    return seconds;
  }

  std::vector<PendingProblem>& problems_;
  int index_ = 0;
  std::string path_;
};

// Walks valid JSON text. Raw newlines cannot occur inside JSON strings, so counting every '\n' stepped over
// outside strings is exact.
class ElementLineScanner {
 public:
  struct Lines {
    int element = 0;
    std::map<std::string, int> keys;
  };

  explicit ElementLineScanner(std::string_view text) : text_(text) {}

  // Lines of the root array's elements whose index is in `wanted`.
  std::unordered_map<int, Lines> scan(const std::unordered_set<int>& wanted) {
    std::unordered_map<int, Lines> found;
    skip_space();
    if (peek() != '[') return found;
    ++pos_;
    for (int index = 0;; ++index) {
      skip_space();
      if (at_end() || peek() == ']') break;
      if (!wanted.count(index)) {
        skip_value();
      } else {
        auto& lines = found[index];
        lines.element = line_;
        if (peek() == '{') {
          scan_keys(lines);
        } else {
          skip_value();
        }
      }
      skip_space();
      if (peek() == ',') ++pos_;
    }
    return found;
  }

 private:
  void scan_keys(Lines& lines) {
    ++pos_;  // '{'
    while (true) {
      skip_space();
      if (at_end() || peek() == '}') break;
      const int key_line = line_;
      const auto raw = skip_string();
      auto key = raw.find('\\') == std::string_view::npos ? std::string(raw.substr(1, raw.size() - 2))
                                                          : json::parse(raw).get<std::string>();
      lines.keys[std::move(key)] = key_line;  // for a duplicate key nlohmann keeps the last value, so the last line
      skip_space();
      ++pos_;  // ':'
      skip_space();
      skip_value();
      skip_space();
      if (peek() == ',') ++pos_;
    }
    ++pos_;  // '}'
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void skip_space() {
    while (!at_end() && formats_detail::is_space(text_[pos_])) {
      if (text_[pos_] == '\n') ++line_;
      ++pos_;
    }
  }

  // The raw string with its quotes.
  std::string_view skip_string() {
    const auto begin = pos_++;
    while (!at_end() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
    pos_ = std::min(pos_ + 1, text_.size());
    return text_.substr(begin, pos_ - begin);
  }

  void skip_value() {
    const char c = peek();
    if (c == '"') {
      skip_string();
      return;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (!at_end()) {
        const char d = text_[pos_];
        if (d == '"') {
          skip_string();
          continue;
        }
        if (d == '\n') ++line_;
        ++pos_;
        if (d == '{' || d == '[') {
          ++depth;
        } else if ((d == '}' || d == ']') && --depth == 0) {
          return;
        }
      }
      return;
    }
    while (!at_end() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ']' &&
           !formats_detail::is_space(text_[pos_]))
      ++pos_;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

[[noreturn]] void throw_located(std::string_view text, const std::string& file_name,
                                const std::vector<PendingProblem>& pending) {
  std::unordered_set<int> wanted;
  for (const auto& p : pending) wanted.insert(p.index);
  const auto lines = ElementLineScanner(text).scan(wanted);
  std::vector<Problem> problems;
  for (const auto& p : pending) {
    int line = 0;
    if (const auto element = lines.find(p.index); element != lines.end()) {
      line = element->second.element;
      if (const auto key = element->second.keys.find(p.key); !p.key.empty() && key != element->second.keys.end())
        line = key->second;
    }
    problems.push_back(Problem{file_name, line, p.field, p.message});
  }
  if (pending.size() >= formats_detail::ProblemCollector::kMaxProblems) {
    problems.push_back(Problem{
        file_name, 0, "", fmt::format("stopped after {} problems", formats_detail::ProblemCollector::kMaxProblems)});
  }
  throw InputError(std::move(problems));
}

}  // namespace

std::vector<SeglstSession> parse_seglst(std::string_view content, const std::string& file_name) {
  formats_detail::require_utf8(content, file_name);
  const auto text = formats_detail::strip_bom(content);
  if (formats_detail::is_blank(text)) {
    throw InputError(
        Problem{file_name, 1, "", "the file is empty; expected a JSON array of SegLST segments ([] for none)"});
  }
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    // error.byte is 1-based: the position of the last character read, i.e. the offending one.
    const auto position = formats_detail::position_of(text, error.byte > 0 ? error.byte - 1 : 0);
    throw InputError(Problem{file_name, position.line, fmt::format("column {}", position.column),
                             "invalid JSON: " + parse_error_message(error)});
  }
  if (!document.is_array()) {
    const auto first = formats_detail::position_of(text, text.find_first_not_of(" \t\r\n"));
    throw InputError(
        Problem{file_name, first.line, "", "expected a JSON array of SegLST segments, got " + describe_json(document)});
  }

  std::vector<PendingProblem> problems;
  std::vector<SeglstSession> sessions;
  std::unordered_map<std::string, std::size_t> session_index;
  SegmentReader reader(problems);
  int index = 0;
  for (const auto& value : document) {
    auto segment = reader.read(value, index++);
    if (problems.size() >= formats_detail::ProblemCollector::kMaxProblems) break;
    if (!segment) continue;
    const auto [it, inserted] = session_index.try_emplace(segment->session_id, sessions.size());
    if (inserted) sessions.push_back(SeglstSession{segment->session_id, {}});
    sessions[it->second].segments.push_back(std::move(*segment));
  }
  if (!problems.empty()) throw_located(text, file_name, problems);
  return sessions;
}

std::vector<SeglstSession> read_seglst_file(const std::filesystem::path& path) {
  return parse_seglst(read_file(path), path.string());
}

Transcript seglst_to_transcript(const SeglstSession& session) {
  std::vector<const SeglstSegment*> order;
  order.reserve(session.segments.size());
  for (const auto& segment : session.segments) order.push_back(&segment);
  const bool all_timed =
      std::all_of(order.begin(), order.end(), [](const auto* s) { return s->start_time.has_value(); });
  if (all_timed) {
    std::stable_sort(order.begin(), order.end(),
                     [](const auto* a, const auto* b) { return *a->start_time < *b->start_time; });
  }
  Transcript transcript;
  transcript.segments.reserve(order.size());
  for (const auto* s : order)
    transcript.segments.push_back(Segment{s->speaker, "", s->start_time, s->end_time, s->words});
  return transcript;
}

}  // namespace pb
