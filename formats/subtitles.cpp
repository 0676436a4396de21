#include "formats/subtitles.h"

#include <cstdint>

namespace pb::formats_detail {
namespace {

// Exactly `count` ASCII digits as a number; nullopt otherwise.
std::optional<std::int64_t> digits(std::string_view text, std::size_t min_count, std::size_t max_count) {
  if (text.size() < min_count || text.size() > max_count) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string_view example_time(SubtitleKind kind) {
  return kind == SubtitleKind::srt ? "HH:MM:SS,mmm" : "HH:MM:SS.mmm or MM:SS.mmm";
}

}  // namespace

std::string_view example_timing_line(SubtitleKind kind) {
  return kind == SubtitleKind::srt ? "HH:MM:SS,mmm --> HH:MM:SS,mmm" : "HH:MM:SS.mmm --> HH:MM:SS.mmm";
}

namespace {

}  // namespace

std::optional<double> parse_subtitle_time(std::string_view text, SubtitleKind kind) {
  const auto last_colon = text.rfind(':');
  if (last_colon == std::string_view::npos) return std::nullopt;
  const auto seconds_part = text.substr(last_colon + 1);  // "SS,mmm"
  const auto head = text.substr(0, last_colon);           // "HH:MM" or "MM"
  if (seconds_part.size() != 6) return std::nullopt;
  const char separator = seconds_part[2];
  if (!(separator == '.' || (kind == SubtitleKind::srt && separator == ','))) return std::nullopt;
  const auto seconds = digits(seconds_part.substr(0, 2), 2, 2);
  const auto millis = digits(seconds_part.substr(3), 3, 3);

  std::optional<std::int64_t> hours = 0;
  std::optional<std::int64_t> minutes;
  if (const auto colon = head.find(':'); colon != std::string_view::npos) {
    hours = digits(head.substr(0, colon), 1, 9);  // nine digits cannot overflow
    minutes = digits(head.substr(colon + 1), 2, 2);
  } else if (kind == SubtitleKind::webvtt) {
    minutes = digits(head, 2, 2);
  } else {
    return std::nullopt;  // SRT always has hours
  }
  if (!hours || !minutes || !seconds || !millis || *minutes >= 60 || *seconds >= 60) return std::nullopt;
  // Integer milliseconds first, so "00:00:01,234" reads as exactly the double 1.234 does.
  const std::int64_t total = ((*hours * 60 + *minutes) * 60 + *seconds) * 1000 + *millis;
  return static_cast<double>(total) / 1000.0;
}

std::optional<CueTiming> parse_cue_timing(std::string_view line, int line_number, SubtitleKind kind,
                                          ProblemCollector& problems) {
  const auto arrow = line.find("-->");
  if (arrow == std::string_view::npos) {
    problems.add(line_number, "", "expected a timing line \"" + std::string(example_timing_line(kind)) + "\", got " +
                                      quote_for_message(trim(line)));
    return std::nullopt;
  }
  const auto start_text = trim(line.substr(0, arrow));
  auto after = trim(line.substr(arrow + 3));
  std::size_t end_length = 0;
  while (end_length < after.size() && !is_space(after[end_length])) ++end_length;
  const auto end_text = after.substr(0, end_length);  // the rest is cue settings / SRT coordinates

  const auto start = parse_subtitle_time(start_text, kind);
  const auto end = parse_subtitle_time(end_text, kind);
  if (!start) {
    problems.add(line_number, "", "expected a start time \"" + std::string(example_time(kind)) + "\", got " +
                                      quote_for_message(start_text));
  }
  if (!end) {
    problems.add(line_number, "", "expected an end time \"" + std::string(example_time(kind)) + "\", got " +
                                      quote_for_message(end_text));
  }
  if (!start || !end) return std::nullopt;
  if (*end < *start) {
    problems.add(line_number, "", "end time " + std::string(end_text) + " is before start time " +
                                      std::string(start_text));
    return std::nullopt;
  }
  return CueTiming{*start, *end};
}

void CueSegments::start_speaker(std::string_view name) {
  if (!text_.empty()) finish();
  speaker_ = std::string(trim(name));
}

void CueSegments::append_line(std::string_view line) {
  if (const auto labelled = split_subtitle_label(line)) {
    start_speaker(labelled->speaker);
    append(labelled->rest);
  } else {
    line_break();
    append(line);
  }
}

void CueSegments::finish() {
  if (text_.empty()) return;  // a cue (or voice span) with no words carries nothing to score
  Segment segment;
  segment.speaker = speaker_;
  segment.start = start_;
  segment.end = end_;
  segment.text = text_.take();
  out_.push_back(std::move(segment));
}

}  // namespace pb::formats_detail
