// pilotbench transcript JSON: reading with problems that name the JSON path and line, and canonical writing.
//
// Line numbers: nlohmann::json does not keep source positions in its DOM, and its SAX callbacks do not
// receive them either. Instead, only when a problem has been found, the text (already accepted by nlohmann,
// so known to be valid JSON) is walked once by a small structural scanner that records the line of every
// element of the segments array and of each key inside it. This costs nothing for valid files, is linear
// for invalid ones, and does not depend on nlohmann's lexer internals (how far it reads ahead).
#include <cmath>
#include <map>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "formats/text_input.h"
#include "formats/transcript_formats.h"

namespace pb {
namespace {

using nlohmann::json;
using formats_detail::position_of;

// Lines of the parts of a transcript document that problems can be about.
struct SegmentLines {
  int element = 0;                   // where the segment's value starts
  std::map<std::string, int> keys;   // where each key of a segment object is
};
struct DocumentLines {
  int segments_key = 1;  // line of the "segments" key (or of the root)
  std::vector<SegmentLines> segments;
};

// Walks valid JSON text. Strings never contain raw newlines in valid JSON, so counting '\n' wherever the
// scanner steps is exact.
class JsonLineScanner {
 public:
  explicit JsonLineScanner(std::string_view text) : text_(text) {}

  DocumentLines scan() {
    DocumentLines lines;
    skip_space();
    if (peek() == '[') {
      lines.segments_key = line_;
      lines.segments = scan_segments();
    } else if (peek() == '{') {
      lines.segments_key = line_;
      ++pos_;
      // Duplicate keys: nlohmann keeps the last value, so the last "segments" wins here too.
      while (true) {
        skip_space();
        if (peek() == '}' || at_end()) break;
        const int key_line = line_;
        const auto key = read_key();
        skip_space();
        ++pos_;  // ':'
        skip_space();
        if (key == "segments") {
          lines.segments_key = key_line;
          if (peek() == '[') {
            lines.segments = scan_segments();
          } else {
            lines.segments.clear();
            skip_value();
          }
        } else {
          skip_value();
        }
        skip_space();
        if (peek() == ',') ++pos_;
      }
    }
    return lines;
  }

 private:
  std::vector<SegmentLines> scan_segments() {
    std::vector<SegmentLines> segments;
    ++pos_;  // '['
    while (true) {
      skip_space();
      if (peek() == ']' || at_end()) break;
      SegmentLines segment;
      segment.element = line_;
      if (peek() == '{') {
        ++pos_;
        while (true) {
          skip_space();
          if (peek() == '}' || at_end()) break;
          const int key_line = line_;
          auto key = read_key();
          segment.keys[std::move(key)] = key_line;
          skip_space();
          ++pos_;  // ':'
          skip_space();
          skip_value();
          skip_space();
          if (peek() == ',') ++pos_;
        }
        ++pos_;  // '}'
      } else {
        skip_value();
      }
      segments.push_back(std::move(segment));
      skip_space();
      if (peek() == ',') ++pos_;
    }
    ++pos_;  // ']'
    return segments;
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void skip_space() {
    while (!at_end() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' || text_[pos_] == '\n')) {
      if (text_[pos_] == '\n') ++line_;
      ++pos_;
    }
  }

  // Returns the raw string including quotes; pos_ ends after the closing quote.
  std::string_view skip_string() {
    const auto begin = pos_;
    ++pos_;
    while (!at_end() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
    ++pos_;
    return text_.substr(begin, std::min(pos_, text_.size()) - begin);
  }

  std::string read_key() {
    const auto raw = skip_string();
    if (raw.find('\\') == std::string_view::npos) return std::string(raw.substr(1, raw.size() - 2));
    return json::parse(raw).get<std::string>();  // escapes such as "\u0073tart"
  }

  void skip_value() {
    const char c = peek();
    if (c == '"') {
      skip_string();
    } else if (c == '{' || c == '[') {
      int depth = 0;
      while (!at_end()) {
        const char d = text_[pos_];
        if (d == '"') {
          skip_string();
          continue;
        }
        if (d == '\n') ++line_;
        ++pos_;
        if (d == '{' || d == '[') ++depth;
        if ((d == '}' || d == ']') && --depth == 0) break;
      }
    } else {
      while (!at_end() && text_[pos_] != ',' && text_[pos_] != '}' && text_[pos_] != ']' &&
             text_[pos_] != ' ' && text_[pos_] != '\t' && text_[pos_] != '\r' && text_[pos_] != '\n')
        ++pos_;
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::null: return "null";
    default: {
      std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
      return text.size() > 40 ? formats_detail::quote_for_message(text) : text;
    }
  }
}

// A problem found in the parsed document, located later (see the file comment).
struct PendingProblem {
  int segment = -1;  // index into the segments array; -1 for the document or the segments key
  std::string key;   // key inside the segment whose line to use; empty for the segment itself
  std::string field;
  std::string message;
};

class SegmentReader {
 public:
  SegmentReader(std::vector<PendingProblem>& problems, std::string prefix)
      : problems_(problems), prefix_(std::move(prefix)) {}

  std::optional<Segment> read(const json& value, int index) {
    index_ = index;
    path_ = fmt::format("{}[{}]", prefix_, index);
    if (!value.is_object()) {
      problems_.push_back({index, "", path_, "expected an object, got " + describe(value)});
      return std::nullopt;
    }
    const auto problems_before = problems_.size();
    Segment segment;
    segment.speaker = optional_string(value, "speaker").value_or("");
    segment.role = optional_string(value, "role").value_or("");
    segment.start = time(value, "start");
    segment.end = time(value, "end");
    if (segment.start && segment.end && *segment.end < *segment.start) {
      problems_.push_back({index, "end", path_ + ".end",
                           fmt::format("end ({}) is before start ({})", *segment.end, *segment.start)});
    }
    const auto text = value.find("text");
    if (text == value.end() || text->is_null()) {
      problems_.push_back({index, "", path_ + ".text", "missing; expected a string"});
    } else if (!text->is_string()) {
      problems_.push_back({index, "text", path_ + ".text", "expected a string, got " + describe(*text)});
    } else {
      segment.text = text->get<std::string>();
    }
    if (problems_.size() != problems_before) return std::nullopt;
    return segment;
  }

 private:
  // Absent and null both mean "not given": tools that write JSON from records commonly emit null.
  std::optional<std::string> optional_string(const json& object, const std::string& key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
      problems_.push_back({index_, key, path_ + "." + key, "expected a string, got " + describe(*it)});
      return std::nullopt;
    }
    return it->get<std::string>();
  }

  std::optional<double> time(const json& object, const std::string& key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (!it->is_number()) {
      problems_.push_back(
          {index_, key, path_ + "." + key, "expected a number of seconds >= 0, got " + describe(*it)});
      return std::nullopt;
    }
    const double seconds = it->get<double>();
    if (!std::isfinite(seconds) || seconds < 0) {
      problems_.push_back(
          {index_, key, path_ + "." + key, "expected a number of seconds >= 0, got " + describe(*it)});
      return std::nullopt;
    }
    return seconds;
  }

  std::vector<PendingProblem>& problems_;
  std::string prefix_;
  std::string path_;
  int index_ = 0;
};

[[noreturn]] void throw_located(std::string_view text, const std::string& file_name,
                                const std::vector<PendingProblem>& pending) {
  const auto lines = JsonLineScanner(text).scan();
  std::vector<Problem> problems;
  for (const auto& p : pending) {
    int line = lines.segments_key;
    if (p.segment >= 0 && static_cast<std::size_t>(p.segment) < lines.segments.size()) {
      const auto& segment = lines.segments[static_cast<std::size_t>(p.segment)];
      line = segment.element;
      if (const auto key = segment.keys.find(p.key); !p.key.empty() && key != segment.keys.end()) line = key->second;
    }
    problems.push_back(Problem{file_name, line, p.field, p.message});
  }
  if (pending.size() >= formats_detail::ProblemCollector::kMaxProblems) {
    problems.push_back(
        Problem{file_name, 0, "", fmt::format("stopped after {} problems", formats_detail::ProblemCollector::kMaxProblems)});
  }
  throw InputError(std::move(problems));
}

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 5: <reason>"; the
// location is reported separately (in characters rather than bytes), so keep only the reason.
std::string parse_error_reason(const json::parse_error& error) {
  std::string_view what = error.what();
  const auto at = what.find("parse error");
  if (at != std::string_view::npos) {
    const auto colon = what.find(": ", at);
    if (colon != std::string_view::npos) return std::string(what.substr(colon + 2));
  }
  return std::string(what);
}

}  // namespace

Transcript parse_transcript_json(std::string_view content, const std::string& file_name) {
  formats_detail::require_utf8(content, file_name);
  const auto text = formats_detail::strip_bom(content);
  if (formats_detail::is_blank(text)) {
    throw InputError(Problem{file_name, 1, "",
                             "the file is empty; expected {\"segments\": [...]} (use an empty array for no speech)"});
  }

  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    // error.byte is 1-based: the position of the last character read, i.e. the offending one.
    const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    const auto position = position_of(text, offset);
    throw InputError(Problem{file_name, position.line, fmt::format("column {}", position.column),
                             "invalid JSON: " + parse_error_reason(error)});
  }

  std::vector<PendingProblem> pending;
  const json* segments = nullptr;
  std::string prefix;
  if (document.is_array()) {
    segments = &document;
  } else if (document.is_object()) {
    prefix = "segments";
    const auto it = document.find("segments");
    if (it == document.end()) {
      pending.push_back({-1, "", "segments", "missing; expected an array of segments"});
    } else if (!it->is_array()) {
      pending.push_back({-1, "", "segments", "expected an array of segments, got " + describe(*it)});
    } else {
      segments = &*it;
    }
  } else {
    pending.push_back({-1, "", "", "expected {\"segments\": [...]} or an array of segments, got " + describe(document)});
  }

  Transcript transcript;
  if (segments) {
    transcript.segments.reserve(segments->size());
    SegmentReader reader(pending, prefix);
    int index = 0;
    for (const auto& value : *segments) {
      if (auto segment = reader.read(value, index++)) transcript.segments.push_back(std::move(*segment));
      if (pending.size() >= formats_detail::ProblemCollector::kMaxProblems) break;
    }
  }
  if (!pending.empty()) throw_located(text, file_name, pending);
  return transcript;
}

std::string transcript_to_json(const Transcript& transcript) {
  // ordered_json keeps insertion order, which makes the key order part of the format.
  nlohmann::ordered_json segments = nlohmann::ordered_json::array();
  for (const auto& segment : transcript.segments) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    if (!segment.speaker.empty()) object["speaker"] = segment.speaker;
    if (!segment.role.empty()) object["role"] = segment.role;
    // JSON has no NaN or infinity; nlohmann would silently write null and lose the value.
    if (segment.start) {
      if (!std::isfinite(*segment.start)) throw std::invalid_argument("transcript_to_json: start is not finite");
      object["start"] = *segment.start;
    }
    if (segment.end) {
      if (!std::isfinite(*segment.end)) throw std::invalid_argument("transcript_to_json: end is not finite");
      object["end"] = *segment.end;
    }
    object["text"] = segment.text;
    segments.push_back(std::move(object));
  }
  nlohmann::ordered_json document = nlohmann::ordered_json::object();
  document["segments"] = std::move(segments);
  try {
    return document.dump();  // one line; ensure_ascii off, so æøå stay as UTF-8
  } catch (const nlohmann::json::type_error&) {
    throw std::invalid_argument("transcript_to_json: a speaker, role or text is not valid UTF-8");
  }
}

}  // namespace pb
