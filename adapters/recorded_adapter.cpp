#include "adapters/recorded_adapter.h"

#include <system_error>
#include <utility>
#include <vector>

#include "adapters/adapter_config.h"

namespace pb {
namespace {

struct Candidate {
  const char* extension;
  TranscriptFormat format;
};
constexpr Candidate kCandidates[] = {{".json", TranscriptFormat::json},
                                     {".srt", TranscriptFormat::srt},
                                     {".vtt", TranscriptFormat::webvtt},
                                     {".txt", TranscriptFormat::text}};

}  // namespace

RecordedTranscriptionAdapter::RecordedTranscriptionAdapter(std::filesystem::path dir,
                                                           std::optional<TranscriptFormat> format)
    : dir_(std::move(dir)), format_(format) {}

Outcome<Transcript> RecordedTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  const std::string& id = request.conversation.id;
  if (!is_safe_file_stem(id))
    return Outcome<Transcript>::failure("conversation id '" + id + "' cannot name a recorded transcript file");
  std::string looked_for;
  for (const Candidate& candidate : kCandidates) {
    if (format_ && *format_ != candidate.format) continue;
    const std::filesystem::path path = dir_ / (id + candidate.extension);
    looked_for += looked_for.empty() ? id + candidate.extension : std::string(", ") + candidate.extension;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    try {
      return Outcome<Transcript>::success(read_transcript_file(path, candidate.format));
    } catch (const InputError& error) {
      return Outcome<Transcript>::failure(std::string("malformed recorded transcript: ") + error.what());
    }
  }
  return Outcome<Transcript>::failure("no recorded transcript for " + id + " in " + dir_.string() + " (looked for " +
                                      looked_for + ")");
}

TranscriptionAdapterPtr make_recorded_adapter(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"dir", "format"});
  std::optional<TranscriptFormat> format;
  if (config.find("format")) {
    const std::string name = config.choice("format", "json", {"json", "srt", "vtt", "txt"});
    format = transcript_format_from_name(name);
  }
  const std::filesystem::path dir = config.existing_folder("dir", "<conversation id>.json|.srt|.vtt|.txt");
  if (!config.ok()) return nullptr;
  return std::make_unique<RecordedTranscriptionAdapter>(dir, format);
}

}  // namespace pb
