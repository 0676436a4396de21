#include "adapters/validating_adapter.h"

#include <cassert>
#include <cmath>

#include <fmt/format.h>

#include "core/utf8.h"

namespace pb {
namespace {

std::optional<std::string> check_text(std::string_view text, const std::string& field, bool allow_newlines) {
  if (const auto offset = find_invalid_utf8(text)) return fmt::format("{}: invalid UTF-8 at byte {}", field, *offset);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool allowed_space = c == '\t' || (allow_newlines && (c == '\n' || c == '\r'));
    if ((c < 0x20 && !allowed_space) || c == 0x7F)
      return fmt::format("{}: control character 0x{:02X} at byte {}", field, c, i);
  }
  return std::nullopt;
}

std::optional<std::string> check_time(const std::optional<double>& time, const std::string& field) {
  if (!time) return std::nullopt;
  if (!std::isfinite(*time)) return fmt::format("{}: not a finite number ({})", field, *time);
  if (*time < 0) return fmt::format("{}: negative time {}", field, *time);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> find_invalid_output(const Transcript& transcript) {
  for (std::size_t i = 0; i < transcript.segments.size(); ++i) {
    const Segment& segment = transcript.segments[i];
    const std::string where = fmt::format("segments[{}]", i);
    if (auto problem = check_text(segment.speaker, where + ".speaker", false)) return problem;
    if (auto problem = check_text(segment.role, where + ".role", false)) return problem;
    if (auto problem = check_text(segment.text, where + ".text", true)) return problem;
    if (auto problem = check_time(segment.start, where + ".start")) return problem;
    if (auto problem = check_time(segment.end, where + ".end")) return problem;
    if (segment.start && segment.end && *segment.end < *segment.start)
      return fmt::format("{}: end {} is before start {}", where, *segment.end, *segment.start);
  }
  return std::nullopt;
}

ValidatingTranscriptionAdapter::ValidatingTranscriptionAdapter(TranscriptionAdapterPtr inner)
    : inner_(std::move(inner)) {
  assert(inner_);
}

Outcome<Transcript> ValidatingTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  Outcome<Transcript> outcome = inner_->transcribe(request);
  if (!outcome.ok()) return outcome;
  if (auto problem = find_invalid_output(outcome.value()))
    return Outcome<Transcript>::failure("adapter returned invalid output: " + *problem);
  return outcome;
}

}  // namespace pb
