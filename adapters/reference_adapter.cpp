#include "adapters/reference_adapter.h"

#include "adapters/adapter_config.h"

namespace pb {

Outcome<Transcript> ReferenceTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  return Outcome<Transcript>::success(Transcript{request.conversation.segments});
}

TranscriptionAdapterPtr make_reference_adapter(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({});
  if (!config.ok()) return nullptr;
  return std::make_unique<ReferenceTranscriptionAdapter>();
}

}  // namespace pb
