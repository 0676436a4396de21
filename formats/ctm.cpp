#include "formats/ctm.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>

#include <fmt/format.h>

#include "core/files.h"
#include "formats/text_input.h"

namespace pb {
namespace {

using namespace formats_detail;

constexpr std::string_view kRecordForm =
    "<file> <channel> <begin> <duration> <word> [<confidence> [<type> [<speaker>]]]";

bool is_alt_tag(std::string_view word) {
  return word == kCtmAltBegin || word == kCtmAlt || word == kCtmAltEnd;
}

std::optional<double> parse_confidence(std::string_view token, bool& ok) {
  ok = true;
  if (token == "NA" || token == "<NA>") return std::nullopt;
  double value = 0.0;
  const auto* end = token.data() + token.size();
  const auto [ptr, ec] = std::from_chars(token.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) ok = false;
  return value;
}

// Reads one time field: a number for words, "*" for alternation tags.
std::optional<double> read_time(std::string_view token, std::string_view word, const char* field, int line,
                                ProblemCollector& problems, bool& ok) {
  if (is_alt_tag(word)) {
    if (token != "*") {
      ok = false;
      problems.add(line, field,
                   fmt::format("expected \"*\" for the alternation tag {}, got {}", word, quote_for_message(token)));
    }
    return std::nullopt;
  }
  const auto seconds = parse_seconds(token);
  if (!seconds) {
    ok = false;
    problems.add(line, field,
                 fmt::format("expected a time in seconds >= 0, got {}{}", quote_for_message(token),
                             token == "*" ? " (\"*\" is only for <ALT_BEGIN>, <ALT> and <ALT_END>)" : ""));
  }
  return seconds;
}

std::optional<CtmRecord> read_record(const std::vector<std::string_view>& fields, int line,
                                     ProblemCollector& problems) {
  CtmRecord record;
  record.file = std::string(fields[0]);
  record.channel = std::string(fields[1]);
  record.word = std::string(fields[4]);
  record.line = line;
  bool ok = true;
  record.begin = read_time(fields[2], fields[4], "begin", line, problems, ok);
  record.duration = read_time(fields[3], fields[4], "duration", line, problems, ok);
  if (fields.size() > 5) {
    bool confidence_ok = true;
    record.confidence = parse_confidence(fields[5], confidence_ok);
    if (!confidence_ok) {
      ok = false;
      problems.add(line, "confidence", "expected a number or NA, got " + quote_for_message(fields[5]));
    }
  }
  if (fields.size() > 6) record.type = std::string(fields[6]);
  if (fields.size() > 7) record.speaker = std::string(fields[7]);
  if (!ok) return std::nullopt;
  return record;
}

// Checks that <ALT_BEGIN> <ALT> <ALT_END> are balanced, per file and channel, in file order.
class AlternationChecker {
 public:
  explicit AlternationChecker(ProblemCollector& problems) : problems_(problems) {}

  void next(std::string_view file, std::string_view channel, std::string_view word, int line) {
    if (open_ && (file != file_ || channel != channel_)) {
      problems_.add(open_line_, "",
                    fmt::format("{} is not closed by {} before line {} starts another file or channel", kCtmAltBegin,
                                kCtmAltEnd, line));
      open_ = false;
    }
    if (word == kCtmAltBegin) {
      if (open_) {
        problems_.add(
            line, "",
            fmt::format("nested {}: the alternation opened on line {} is not closed", kCtmAltBegin, open_line_));
        return;
      }
      open_ = true;
      open_line_ = line;
      separators_ = 0;
      file_ = std::string(file);
      channel_ = std::string(channel);
    } else if (word == kCtmAlt) {
      if (!open_)
        problems_.add(line, "", fmt::format("{} outside an {} ... {} block", kCtmAlt, kCtmAltBegin, kCtmAltEnd));
      ++separators_;
    } else if (word == kCtmAltEnd) {
      if (!open_) {
        problems_.add(line, "", fmt::format("{} without an {} before it", kCtmAltEnd, kCtmAltBegin));
        return;
      }
      if (separators_ == 0) {
        problems_.add(open_line_, "",
                      fmt::format("the alternation has one alternative; expected at least two "
                                  "separated by {}",
                                  kCtmAlt));
      }
      open_ = false;
    }
  }

  void finish() {
    if (open_) problems_.add(open_line_, "", fmt::format("{} is not closed by {}", kCtmAltBegin, kCtmAltEnd));
  }

 private:
  ProblemCollector& problems_;
  bool open_ = false;
  int open_line_ = 0;
  int separators_ = 0;
  std::string file_;
  std::string channel_;
};

// A word, or a whole alternation block, that moves as one piece when sorting.
struct Unit {
  std::size_t first = 0;
  std::size_t count = 0;
  double key = 0.0;
};

bool unit_order(const std::vector<CtmRecord>& records, const Unit& a, const Unit& b) {
  const auto& ra = records[a.first];
  const auto& rb = records[b.first];
  if (const auto c = ra.file.compare(rb.file); c != 0) return c < 0;
  if (const auto c = ra.channel.compare(rb.channel); c != 0) return c < 0;
  return a.key < b.key;
}

// Precondition: alternations are balanced (checked before).
void sort_if_needed(CtmFile& ctm, const std::string& file_name) {
  auto& records = ctm.records;
  std::vector<Unit> units;
  for (std::size_t i = 0; i < records.size();) {
    Unit unit{i, 1, 0.0};
    if (records[i].word == kCtmAltBegin) {
      while (records[unit.first + unit.count - 1].word != kCtmAltEnd) ++unit.count;
    }
    double earliest = std::numeric_limits<double>::infinity();
    for (std::size_t j = i; j < i + unit.count; ++j)
      if (records[j].begin) earliest = std::min(earliest, *records[j].begin);
    if (std::isfinite(earliest)) {
      unit.key = earliest;
    } else if (!units.empty() && records[units.back().first].file == records[i].file &&
               records[units.back().first].channel == records[i].channel) {
      unit.key = units.back().key;
    }
    units.push_back(unit);
    i += unit.count;
  }
  const auto order = [&records](const Unit& a, const Unit& b) { return unit_order(records, a, b); };
  const auto first_out = std::is_sorted_until(units.begin(), units.end(), order);
  if (first_out == units.end()) return;
  ctm.reordered = true;
  ctm.note = fmt::format(
      "{}: words are not sorted by file, channel and begin time as sclite requires (line {} comes after line {}); "
      "they were sorted",
      file_name, records[first_out->first].line, records[std::prev(first_out)->first].line);
  std::stable_sort(units.begin(), units.end(), order);
  std::vector<CtmRecord> sorted;
  sorted.reserve(records.size());
  for (const auto& unit : units) {
    for (std::size_t j = unit.first; j < unit.first + unit.count; ++j) sorted.push_back(std::move(records[j]));
  }
  records = std::move(sorted);
}

}  // namespace

CtmFile parse_ctm(std::string_view content, const std::string& file_name) {
  require_utf8(content, file_name);
  CtmFile ctm;
  ProblemCollector problems(file_name);
  AlternationChecker alternations(problems);
  LineReader reader(strip_bom(content));
  std::string_view line;
  while (reader.next(line)) {
    if (is_blank(line) || is_sclite_comment(line)) continue;
    const auto fields = split_fields(line, SIZE_MAX);
    if (fields.size() < 5 || fields.size() > 8) {
      problems.add(reader.line_number(), "", fmt::format("expected {}, got {} fields", kRecordForm, fields.size()));
      continue;
    }
    alternations.next(fields[0], fields[1], fields[4], reader.line_number());
    if (auto record = read_record(fields, reader.line_number(), problems)) ctm.records.push_back(std::move(*record));
  }
  alternations.finish();
  problems.throw_if_any();
  sort_if_needed(ctm, file_name);
  return ctm;
}

CtmFile read_ctm_file(const std::filesystem::path& path) {
  return parse_ctm(read_file(path), path.string());
}

std::vector<RecordingChannel> ctm_recordings(const CtmFile& ctm) {
  std::vector<RecordingChannel> recordings;
  for (const auto& record : ctm.records) {
    if (recordings.empty() || recordings.back().file != record.file || recordings.back().channel != record.channel)
      recordings.push_back({record.file, record.channel});
  }
  return recordings;
}

namespace {

// One word or one alternation block rendered as text, with its times.
struct Piece {
  std::string text;
  std::string speaker;
  std::optional<double> begin;
  std::optional<double> end;
};

void extend(Piece& piece, const CtmRecord& record) {
  if (!record.begin) return;
  const double end = *record.begin + record.duration.value_or(0.0);
  piece.begin = piece.begin ? std::min(*piece.begin, *record.begin) : *record.begin;
  piece.end = piece.end ? std::max(*piece.end, end) : end;
}

// records[i] starts a unit; i is moved past it. A block left open (only possible in a hand-built CtmFile) ends
// with the records.
Piece read_piece(const std::vector<CtmRecord>& records, std::size_t& i) {
  Piece piece;
  piece.speaker = records[i].speaker;
  if (records[i].word != kCtmAltBegin) {
    piece.text = records[i].word;
    extend(piece, records[i++]);
    return piece;
  }
  piece.text = "{";
  bool alternative_empty = true;
  for (++i; i < records.size() && records[i].word != kCtmAltEnd; ++i) {
    const auto& record = records[i];
    if (record.word == kCtmAlt) {
      piece.text += alternative_empty ? " @ /" : " /";
      alternative_empty = true;
      continue;
    }
    if (piece.speaker.empty()) piece.speaker = record.speaker;
    piece.text += ' ';
    piece.text += record.word;
    alternative_empty = false;
    extend(piece, record);
  }
  ++i;  // <ALT_END>
  piece.text += alternative_empty ? " @ }" : " }";
  return piece;
}

}  // namespace

Transcript ctm_to_transcript(const CtmFile& ctm, std::string_view file, std::string_view channel,
                             double max_gap_seconds) {
  Transcript transcript;
  const auto& records = ctm.records;
  for (std::size_t i = 0; i < records.size();) {
    if (records[i].file != file || records[i].channel != channel) {
      ++i;
      continue;
    }
    const auto piece = read_piece(records, i);
    auto* segment = transcript.segments.empty() ? nullptr : &transcript.segments.back();
    const bool new_segment = !segment || max_gap_seconds < 0 || segment->speaker != piece.speaker ||
                             (piece.begin && segment->end && *piece.begin - *segment->end > max_gap_seconds);
    if (new_segment) {
      transcript.segments.push_back(Segment{piece.speaker, "", piece.begin, piece.end, piece.text});
      continue;
    }
    segment->text += ' ';
    segment->text += piece.text;
    if (piece.begin && !segment->start) segment->start = piece.begin;
    if (piece.end) segment->end = segment->end ? std::max(*segment->end, *piece.end) : *piece.end;
  }
  return transcript;
}

}  // namespace pb
