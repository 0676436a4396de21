#pragma once
// What SRT and WebVTT share: cue timing lines and turning a cue's lines into speaker segments. Internal to
// formats/.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/text_input.h"
#include "harness/dataset.h"

namespace pb::formats_detail {

enum class SubtitleKind { srt, webvtt };

// "HH:MM:SS,mmm" (SRT, ',' or '.') or "[HH:]MM:SS.mmm" (WebVTT) in seconds; nullopt if malformed.
std::optional<double> parse_subtitle_time(std::string_view text, SubtitleKind kind);

// "HH:MM:SS,mmm --> HH:MM:SS,mmm" or the WebVTT equivalent, for messages.
std::string_view example_timing_line(SubtitleKind kind);

struct CueTiming {
  double start = 0;
  double end = 0;
};
// Reads "start --> end [settings]". Reports a problem at `line` and returns nullopt if malformed.
std::optional<CueTiming> parse_cue_timing(std::string_view line, int line_number, SubtitleKind kind,
                                          ProblemCollector& problems);

inline bool has_arrow(std::string_view line) { return line.find("-->") != std::string_view::npos; }

// Builds the segments of one cue; a new speaker inside the cue starts a new segment with the same times.
class CueSegments {
 public:
  CueSegments(std::vector<Segment>& out, double start, double end) : out_(out), start_(start), end_(end) {}
  ~CueSegments() { finish(); }
  CueSegments(const CueSegments&) = delete;
  CueSegments& operator=(const CueSegments&) = delete;

  void start_speaker(std::string_view name);
  void line_break() { text_.separate(); }
  void append(std::string_view text) { text_.append(text); }
  // A line of plain cue text that may begin with a speaker label.
  void append_line(std::string_view line);

 private:
  void finish();

  std::vector<Segment>& out_;
  double start_;
  double end_;
  std::string speaker_;
  CollapsedText text_;
};

}  // namespace pb::formats_detail
