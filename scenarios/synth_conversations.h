#pragma once
// Synthetic job-centre conversations: speaker-labelled, timed Danish transcripts with a reference case note,
// key facts and documentation timings, for testing the harness without real (personal) data.
#include <cstdint>
#include <vector>

#include "harness/dataset.h"

namespace pb {

// Part of the cache key of generated datasets: bump whenever the output for a (count, seed) changes, so a
// scenario never silently reuses a corpus made by an older generator.
inline constexpr const char* kConversationGeneratorVersion = "2";

struct ConversationSynthOptions {
  int count = 60;  // number of conversations
  std::uint64_t seed = 1;
};

// Deterministic for (count, seed): the same options give identical output, bit for bit. Conversation i
// depends only on (seed, i), so generating n=10 gives the first 10 of n=100.
std::vector<Conversation> synthesize_conversations(const ConversationSynthOptions& options);

// One conversation, index i (0-based; id "conv-0001" for i = 0). synthesize_conversations is this for
// i = 0 .. count-1.
Conversation synthesize_conversation(std::uint64_t seed, int index);

}  // namespace pb
