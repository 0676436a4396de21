#include "formats/stm.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <unordered_map>

#include <fmt/format.h>

#include "core/files.h"
#include "formats/text_input.h"

namespace pb {

namespace formats_detail {

std::vector<std::string_view> split_fields(std::string_view line, std::size_t max_fields) {
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  while (fields.size() < max_fields) {
    while (pos < line.size() && is_space(line[pos])) ++pos;
    if (pos >= line.size()) break;
    if (fields.size() + 1 == max_fields) {
      fields.push_back(trim(line.substr(pos)));
      break;
    }
    const auto start = pos;
    while (pos < line.size() && !is_space(line[pos])) ++pos;
    fields.push_back(line.substr(start, pos - start));
  }
  return fields;
}

bool is_sclite_comment(std::string_view line) {
  return trim(line).substr(0, 2) == ";;";
}

std::optional<double> parse_seconds(std::string_view token) {
  if (token.empty() || token.front() == '-') return std::nullopt;
  double value = 0.0;
  const auto* end = token.data() + token.size();
  const auto [ptr, ec] = std::from_chars(token.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace formats_detail

namespace {

using namespace formats_detail;

constexpr std::string_view kRecordForm = "<file> <channel> <speaker> <begin> <end> [<label>] transcript";

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

std::vector<std::string> split_labels(std::string_view inner) {
  std::vector<std::string> labels;
  if (inner.empty()) return labels;
  std::size_t start = 0;
  while (true) {
    const auto comma = inner.find(',', start);
    labels.emplace_back(inner.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return labels;
}

// Keeps ";; LABEL|CATEGORY "id" "heading" "description"" definitions; other comments are skipped.
class DefinitionReader {
 public:
  DefinitionReader(StmFile& stm, ProblemCollector& problems) : stm_(stm), problems_(problems) {}

  void read(std::string_view comment, int line) {
    auto rest = trim(trim(comment).substr(2));
    const auto keyword_end = std::find_if(rest.begin(), rest.end(), is_space) - rest.begin();
    const auto keyword = rest.substr(0, static_cast<std::size_t>(keyword_end));
    if (keyword != "LABEL" && keyword != "CATEGORY") return;
    rest = trim(rest.substr(keyword.size()));
    if (rest.empty() || rest.front() != '"') return;  // prose such as ";; LABEL definitions follow"

    std::string_view parts[3];
    for (auto& part : parts) {
      rest = trim(rest);
      const auto close = rest.size() > 1 && rest.front() == '"' ? rest.find('"', 1) : std::string_view::npos;
      if (close == std::string_view::npos) return malformed(keyword, line);
      part = rest.substr(1, close - 1);
      rest = rest.substr(close + 1);
      if (!rest.empty() && !is_space(rest.front()) && &part != &parts[2]) return malformed(keyword, line);
    }
    if (!trim(rest).empty()) return malformed(keyword, line);

    auto& list = keyword == "LABEL" ? stm_.labels : stm_.categories;
    for (const auto& earlier : list) {
      if (earlier.id == parts[0]) {
        problems_.add(line, "",
                      fmt::format("{} {} is already defined on line {}", keyword == "LABEL" ? "label" : "category",
                                  quote_for_message(parts[0]), earlier.line));
        return;
      }
    }
    list.push_back(StmLabel{std::string(parts[0]), std::string(parts[1]), std::string(parts[2]), line});
  }

 private:
  void malformed(std::string_view keyword, int line) {
    problems_.add(line, "", fmt::format("expected ;; {} \"id\" \"column heading\" \"description\"", keyword));
  }

  StmFile& stm_;
  ProblemCollector& problems_;
};

std::optional<StmSegment> read_record(std::string_view line, int line_number, ProblemCollector& problems) {
  const auto fields = split_fields(line, 6);
  if (fields.size() < 5) {
    problems.add(line_number, "",
                 fmt::format("expected {}, got {} field{}", kRecordForm, fields.size(), fields.size() == 1 ? "" : "s"));
    return std::nullopt;
  }
  StmSegment segment;
  segment.file = std::string(fields[0]);
  segment.channel = std::string(fields[1]);
  segment.speaker = std::string(fields[2]);
  segment.line = line_number;
  const auto begin = parse_seconds(fields[3]);
  const auto end = parse_seconds(fields[4]);
  if (!begin) {
    problems.add(line_number, "begin", "expected a time in seconds >= 0, got " + quote_for_message(fields[3]));
  }
  if (!end) problems.add(line_number, "end", "expected a time in seconds >= 0, got " + quote_for_message(fields[4]));
  if (!begin || !end) return std::nullopt;
  if (*end < *begin) {
    problems.add(line_number, "end", fmt::format("{} is before the begin time {}", fields[4], fields[3]));
    return std::nullopt;
  }
  segment.begin = *begin;
  segment.end = *end;

  std::string_view text = fields.size() > 5 ? fields[5] : std::string_view{};
  if (!text.empty() && text.front() == '<') {
    const auto token_end = std::min(text.find_first_of(" \t"), text.size());
    const auto token = text.substr(0, token_end);
    if (token.size() >= 2 && token.back() == '>') {
      segment.labels = split_labels(token.substr(1, token.size() - 2));
      text = trim(text.substr(token_end));
    }
  }
  segment.text = std::string(text);
  segment.ignore = equals_ignoring_ascii_case(text, kStmIgnoreSegment);
  return segment;
}

bool sclite_order(const StmSegment& a, const StmSegment& b) {
  if (const auto c = a.file.compare(b.file); c != 0) return c < 0;
  if (const auto c = a.channel.compare(b.channel); c != 0) return c < 0;
  return a.begin < b.begin;
}

void sort_if_needed(StmFile& stm, const std::string& file_name) {
  const auto& segments = stm.segments;
  const auto first_out = std::is_sorted_until(segments.begin(), segments.end(), sclite_order);
  if (first_out == segments.end()) return;
  stm.reordered = true;
  stm.note = fmt::format(
      "{}: segments are not sorted by file, channel and begin time as sclite requires (line {} comes after line {}); "
      "they were sorted",
      file_name, first_out->line, std::prev(first_out)->line);
  std::stable_sort(stm.segments.begin(), stm.segments.end(), sclite_order);
}

void check_speaker_overlaps(const StmFile& stm, ProblemCollector& problems) {
  // Segments are sorted by begin within a file and channel, so each one only needs comparing with the earlier
  // segment of its speaker that reaches furthest.
  std::unordered_map<std::string, std::size_t> furthest;
  std::string key;
  for (std::size_t i = 0; i < stm.segments.size(); ++i) {
    const auto& segment = stm.segments[i];
    key.clear();
    key.append(segment.file).append(1, '\0').append(segment.channel).append(1, '\0').append(segment.speaker);
    const auto [it, inserted] = furthest.try_emplace(key, i);
    if (inserted) continue;
    const auto& earlier = stm.segments[it->second];
    if (earlier.end > segment.begin) {
      problems.add(segment.line, "",
                   fmt::format("speaker {} has a segment from {} to {} that overlaps their segment on line {} "
                               "({} to {}); one speaker's segments must not overlap",
                               quote_for_message(segment.speaker), segment.begin, segment.end, earlier.line,
                               earlier.begin, earlier.end));
    }
    if (segment.end > earlier.end) it->second = i;
  }
}

}  // namespace

StmFile parse_stm(std::string_view content, const std::string& file_name) {
  require_utf8(content, file_name);
  StmFile stm;
  ProblemCollector problems(file_name);
  DefinitionReader definitions(stm, problems);
  LineReader reader(strip_bom(content));
  std::string_view line;
  while (reader.next(line)) {
    if (is_blank(line)) continue;
    if (is_sclite_comment(line)) {
      definitions.read(line, reader.line_number());
      continue;
    }
    if (auto segment = read_record(line, reader.line_number(), problems)) stm.segments.push_back(std::move(*segment));
  }
  sort_if_needed(stm, file_name);
  check_speaker_overlaps(stm, problems);
  problems.throw_if_any();
  return stm;
}

StmFile read_stm_file(const std::filesystem::path& path) {
  return parse_stm(read_file(path), path.string());
}

std::vector<RecordingChannel> stm_recordings(const StmFile& stm) {
  std::vector<RecordingChannel> recordings;
  for (const auto& segment : stm.segments) {
    if (recordings.empty() || recordings.back().file != segment.file || recordings.back().channel != segment.channel)
      recordings.push_back({segment.file, segment.channel});
  }
  return recordings;
}

Transcript stm_to_transcript(const StmFile& stm, std::string_view file, std::string_view channel) {
  Transcript transcript;
  for (const auto& segment : stm.segments) {
    if (segment.file != file || segment.channel != channel || segment.ignore) continue;
    transcript.segments.push_back(Segment{segment.speaker, "", segment.begin, segment.end, segment.text});
  }
  return transcript;
}

}  // namespace pb
