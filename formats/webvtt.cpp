// WebVTT (.vtt) reader.
#include <cstdint>
#include <vector>

#include "formats/subtitles.h"
#include "formats/transcript_formats.h"

namespace pb {
namespace {

using namespace formats_detail;

// "NOTE", "NOTE text", "NOTE\ttext" but not "NOTES".
bool starts_block(std::string_view line, std::string_view keyword) {
  return line.substr(0, keyword.size()) == keyword && (line.size() == keyword.size() || is_space(line[keyword.size()]));
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::optional<std::uint32_t> numeric_reference(std::string_view body) {  // body after "&#", before ';'
  const bool hex = !body.empty() && (body[0] == 'x' || body[0] == 'X');
  if (hex) body.remove_prefix(1);
  if (body.empty() || body.size() > 8) return std::nullopt;
  std::uint32_t cp = 0;
  for (char c : body) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) return std::nullopt;
    cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
  }
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return cp;
}

// Character references a WebVTT cue may use. Unknown ones stay as written, so nothing is lost.
std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '&') {
      out += text[i++];
      continue;
    }
    // References are short; looking no further keeps text full of '&' linear.
    const auto window = text.substr(i, 12);
    const auto semicolon_in_window = window.find(';');
    if (semicolon_in_window == std::string_view::npos) {
      out += text[i++];
      continue;
    }
    const auto semicolon = i + semicolon_in_window;
    const auto name = text.substr(i + 1, semicolon - i - 1);
    bool known = true;
    if (name == "amp") out += '&';
    else if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "quot") out += '"';
    else if (name == "apos") out += '\'';
    else if (name == "nbsp") out += ' ';  // a word break for scoring, not a glue between words
    else if (name == "lrm" || name == "rlm") {
      // Direction marks only steer display; kept, they would stick to the neighbouring word.
    } else if (!name.empty() && name[0] == '#') {
      const auto cp = numeric_reference(name.substr(1));
      if (cp) append_utf8(out, *cp);
      known = cp.has_value();
    } else {
      known = false;
    }
    if (known) {
      i = semicolon + 1;
    } else {
      out += text[i++];
    }
  }
  return out;
}

// One cue text line: voice spans start speakers, other tags are dropped, text is decoded.
void add_cue_line(std::string_view line, CueSegments& cue) {
  struct Piece {
    bool voice = false;
    std::string_view text;  // raw text, or the voice name
  };
  std::vector<Piece> pieces;
  bool has_voice = false;
  std::size_t i = 0;
  while (i < line.size()) {
    const auto open = line.find('<', i);
    if (open != i) {
      const auto end = open == std::string_view::npos ? line.size() : open;
      pieces.push_back({false, line.substr(i, end - i)});
      i = end;
      continue;
    }
    const auto close = line.find('>', open);
    if (close == std::string_view::npos) {  // not a tag after all; WebVTT would need "&lt;" here
      pieces.push_back({false, line.substr(open)});
      break;
    }
    const auto tag = line.substr(open + 1, close - open - 1);
    if (!tag.empty() && tag[0] == 'v' && (tag.size() == 1 || tag[1] == '.' || is_space(tag[1]))) {
      // "<v.loud Anne Hansen>": classes run up to the first whitespace, the annotation (name) follows.
      std::size_t name_start = 1;
      while (name_start < tag.size() && !is_space(tag[name_start])) ++name_start;
      pieces.push_back({true, trim(tag.substr(name_start))});
      has_voice = true;
    }
    i = close + 1;
  }

  if (!has_voice) {
    std::string text;
    for (const auto& piece : pieces) text += piece.text;
    cue.append_line(decode_entities(text));
    return;
  }
  cue.line_break();
  for (const auto& piece : pieces) {
    if (piece.voice) {
      cue.start_speaker(decode_entities(piece.text));
    } else {
      cue.append(decode_entities(piece.text));
    }
  }
}

}  // namespace

Transcript parse_webvtt(std::string_view content, const std::string& file_name) {
  require_utf8(content, file_name);
  LineReader reader(strip_bom(content));
  std::string_view line;
  if (!reader.next(line) || !starts_block(line, "WEBVTT")) {
    throw InputError(Problem{file_name, 1, "", "expected \"WEBVTT\" on the first line of a WebVTT file"});
  }
  bool more = reader.next(line);
  while (more && !is_blank(line)) more = reader.next(line);  // header lines

  Transcript transcript;
  ProblemCollector problems(file_name);
  std::vector<NumberedLine> block;  // reused: one allocation for the whole file
  while (next_block(reader, line, more, block)) {

    const auto first = block[0].text;
    if (!has_arrow(first) &&
        (starts_block(first, "NOTE") || starts_block(first, "STYLE") || starts_block(first, "REGION")))
      continue;
    std::size_t timing_index = 0;
    if (!has_arrow(first)) {  // a cue identifier
      timing_index = 1;
      if (block.size() < 2) {
        problems.add(block[0].number, "",
                     "expected a timing line \"" + std::string(example_timing_line(SubtitleKind::webvtt)) +
                         "\" after cue identifier " +
                         quote_for_message(trim(first)));
        continue;
      }
    }
    const auto& timing_line = block[timing_index];
    const auto timing = parse_cue_timing(timing_line.text, timing_line.number, SubtitleKind::webvtt, problems);
    if (!timing) continue;

    CueSegments cue(transcript.segments, timing->start, timing->end);
    for (std::size_t k = timing_index + 1; k < block.size(); ++k) add_cue_line(block[k].text, cue);
  }
  problems.throw_if_any();
  return transcript;
}

}  // namespace pb
