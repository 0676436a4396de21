// Format names, dispatch by extension, and the plain-text reader (the other readers have their own files).
#include "formats/transcript_formats.h"

#include <stdexcept>

#include "core/error.h"
#include "core/files.h"
#include "formats/text_input.h"

namespace pb {

using formats_detail::lowercase_ascii;

std::optional<TranscriptFormat> transcript_format_from_name(std::string_view name) {
  const auto lower = lowercase_ascii(name);
  if (lower == "json") return TranscriptFormat::json;
  if (lower == "srt") return TranscriptFormat::srt;
  if (lower == "vtt" || lower == "webvtt") return TranscriptFormat::webvtt;
  if (lower == "txt" || lower == "text") return TranscriptFormat::text;
  return std::nullopt;
}

std::optional<TranscriptFormat> transcript_format_from_path(const std::filesystem::path& path) {
  const auto extension = path.extension().string();
  if (extension.size() < 2) return std::nullopt;
  const auto lower = lowercase_ascii(std::string_view(extension).substr(1));
  // Only the extensions themselves: "text" and "webvtt" are format names, not extensions people use.
  if (lower == "json" || lower == "srt" || lower == "vtt" || lower == "txt") return transcript_format_from_name(lower);
  return std::nullopt;
}

std::string_view transcript_format_name(TranscriptFormat format) {
  switch (format) {
    case TranscriptFormat::json: return "json";
    case TranscriptFormat::srt: return "srt";
    case TranscriptFormat::webvtt: return "webvtt";
    case TranscriptFormat::text: return "text";
  }
  return "unknown";
}

Transcript parse_transcript(std::string_view content, TranscriptFormat format, const std::string& file_name) {
  switch (format) {
    case TranscriptFormat::json: return parse_transcript_json(content, file_name);
    case TranscriptFormat::srt: return parse_srt(content, file_name);
    case TranscriptFormat::webvtt: return parse_webvtt(content, file_name);
    case TranscriptFormat::text: return parse_plain_text(content, file_name);
  }
  throw std::logic_error("parse_transcript: unknown TranscriptFormat");
}

Transcript read_transcript_file(const std::filesystem::path& path, std::optional<TranscriptFormat> format) {
  if (!format) format = transcript_format_from_path(path);
  if (!format) {
    throw InputError(Problem{path.string(), 0, "",
                             "unknown transcript format; expected a file ending in .json, .srt, .vtt or .txt "
                             "(or name the format explicitly)"});
  }
  const auto content = read_file(path);
  return parse_transcript(content, *format, path.string());
}

Transcript parse_plain_text(std::string_view content, const std::string& file_name) {
  formats_detail::require_utf8(content, file_name);
  Transcript transcript;
  formats_detail::LineReader lines(formats_detail::strip_bom(content));
  std::string_view line;
  while (lines.next(line)) {
    line = formats_detail::trim(line);
    if (line.empty()) continue;
    Segment segment;
    if (const auto labelled = formats_detail::split_token_label(line)) {
      segment.speaker = std::string(labelled->speaker);
      segment.text = std::string(labelled->rest);
    } else {
      segment.text = std::string(line);
    }
    transcript.segments.push_back(std::move(segment));
  }
  return transcript;
}

}  // namespace pb
