#include "adapters/recording_adapter.h"

#include <cassert>
#include <exception>

#include "adapters/adapter_config.h"
#include "core/files.h"
#include "formats/transcript_formats.h"

namespace pb {

RecordingTranscriptionAdapter::RecordingTranscriptionAdapter(TranscriptionAdapterPtr inner,
                                                             std::filesystem::path dir)
    : inner_(std::move(inner)), dir_(std::move(dir)) {
  assert(inner_);
}

Outcome<Transcript> RecordingTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  Outcome<Transcript> outcome = inner_->transcribe(request);
  if (!outcome.ok()) return outcome;
  const std::string& id = request.conversation.id;
  if (!is_safe_file_stem(id))
    return Outcome<Transcript>::failure("cannot record output: conversation id '" + id + "' cannot name a file");
  try {
    write_private_file(dir_ / (id + ".json"), transcript_to_json(outcome.value()));
  } catch (const std::exception& error) {
    return Outcome<Transcript>::failure(std::string("cannot record output: ") + error.what());
  }
  return outcome;
}

}  // namespace pb
