// SubRip (.srt) reader.
#include <vector>

#include "formats/subtitles.h"
#include "formats/transcript_formats.h"

namespace pb {
namespace {

using namespace formats_detail;

bool is_cue_number(std::string_view line) {
  line = trim(line);
  if (line.empty()) return false;
  for (char c : line) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// SRT has no defined markup, but players render a small HTML subset (<i>, <b>, <u>, <font color=..>) and
// ASS-style overrides such as {\an8}; neither is spoken. A '<' not followed by a letter or '/' ("a < b") is
// text.
std::string strip_markup(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  // Once no closing '>' or '}' is left, no later opener can close either; remembering that keeps a line
  // full of unclosed '<' linear.
  bool may_close_angle = true;
  bool may_close_brace = true;
  std::size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    const char n = i + 1 < line.size() ? line[i + 1] : '\0';
    if (c == '<' && may_close_angle && (n == '/' || (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z'))) {
      const auto close = line.find('>', i);
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
      may_close_angle = false;
    }
    if (c == '{' && may_close_brace && n == '\\') {
      const auto close = line.find('}', i);
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
      may_close_brace = false;
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace

Transcript parse_srt(std::string_view content, const std::string& file_name) {
  require_utf8(content, file_name);
  Transcript transcript;
  ProblemCollector problems(file_name);
  LineReader reader(strip_bom(content));

  std::vector<NumberedLine> block;  // reused: one allocation for the whole file
  std::string_view line;
  bool more = reader.next(line);
  while (next_block(reader, line, more, block)) {

    std::size_t timing_index = 0;
    if (is_cue_number(block[0].text) && !has_arrow(block[0].text)) {
      timing_index = 1;
      if (block.size() < 2) {
        problems.add(block[0].number, "", "expected a timing line \"" + std::string(example_timing_line(SubtitleKind::srt)) +
                                              "\" after cue number " +
                                              std::string(trim(block[0].text)));
        continue;
      }
    } else if (!has_arrow(block[0].text)) {
      problems.add(block[0].number, "",
                   "expected a cue number or a timing line \"" + std::string(example_timing_line(SubtitleKind::srt)) +
                       "\", got " +
                       quote_for_message(trim(block[0].text)) + " (a blank line inside cue text ends the cue)");
      continue;
    }
    const auto& timing_line = block[timing_index];
    const auto timing = parse_cue_timing(timing_line.text, timing_line.number, SubtitleKind::srt, problems);
    if (!timing) continue;

    CueSegments cue(transcript.segments, timing->start, timing->end);
    for (std::size_t i = timing_index + 1; i < block.size(); ++i) cue.append_line(strip_markup(block[i].text));
  }
  problems.throw_if_any();
  return transcript;
}

}  // namespace pb
