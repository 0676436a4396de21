#include "adapters/caching_adapter.h"

#include <cassert>
#include <exception>
#include <system_error>

#include "adapters/transcript_wire.h"
#include "core/files.h"
#include "core/hash.h"
#include "formats/transcript_formats.h"

namespace pb {

CachingTranscriptionAdapter::CachingTranscriptionAdapter(TranscriptionAdapterPtr inner, std::filesystem::path dir,
                                                         nlohmann::json config)
    : inner_(std::move(inner)), dir_(std::move(dir)), config_dump_(config.dump()) {
  assert(inner_);
}

std::string CachingTranscriptionAdapter::cache_key(const TranscriptionRequest& request) const {
  const Conversation& conversation = request.conversation;
  const ComponentId id = inner_->id();
  // A named copy: a temporary inside the range-for's initializer list would die before the loop body.
  const std::string audio = conversation.audio.value_or("");
  Sha256 hash;
  // NUL separators keep field boundaries unambiguous ("ab"+"c" vs "a"+"bc").
  for (std::string_view part : {std::string_view("pilotbench-transcription-cache/1"), std::string_view(id.name),
                                std::string_view(id.version), std::string_view(config_dump_),
                                std::string_view(conversation.id), std::string_view(conversation.language),
                                std::string_view(audio)}) {
    hash.update(part);
    hash.update(std::string_view("\0", 1));
  }
  hash.update(sha256_hex(encode_transcript(Transcript{conversation.segments})));
  return hash.hex_digest();
}

Outcome<Transcript> CachingTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  const std::filesystem::path entry = dir_ / (cache_key(request) + ".json");
  std::error_code ec;
  if (std::filesystem::is_regular_file(entry, ec)) {
    try {
      Transcript cached = parse_transcript_json(read_file(entry), entry.string());
      ++hits_;
      return Outcome<Transcript>::success(std::move(cached));
    } catch (const std::exception&) {
      // A torn or hand-edited entry: recompute and overwrite it.
    }
  }
  ++misses_;
  Outcome<Transcript> outcome = inner_->transcribe(request);
  if (outcome.ok()) {
    try {
      write_private_file(entry, transcript_to_json(outcome.value()));
    } catch (const std::exception&) {
      // Not storing only costs a recomputation; the item's result is still correct.
    }
  }
  return outcome;
}

}  // namespace pb
