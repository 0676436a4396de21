#pragma once
// Turns one conversation's reference and a solution's transcript into the per-item metric values the
// store keeps (item_metrics rows). Aggregation (corpus rates, groups, CIs) happens later from these
// counts, so every stored value is a count or a per-item rate — never something that cannot be summed.
#include <string>
#include <vector>

#include "harness/dataset.h"
#include "harness/store.h"
#include "metrics/text_normalize.h"

namespace pb {

// Version of the per-item transcription metrics below; bump when any value could change.
inline constexpr const char* kTranscriptionMetricsVersion = "2";

// Metric names stored per item (item_metrics.metric).
namespace item_metric {
inline constexpr const char* kWer = "wer";
inline constexpr const char* kRefWords = "wer.ref_words";
inline constexpr const char* kHypWords = "wer.hyp_words";
inline constexpr const char* kHits = "wer.hits";
inline constexpr const char* kSubstitutions = "wer.substitutions";
inline constexpr const char* kDeletions = "wer.deletions";
inline constexpr const char* kInsertions = "wer.insertions";
inline constexpr const char* kCer = "cer";
inline constexpr const char* kRefChars = "cer.ref_chars";
inline constexpr const char* kCharErrors = "cer.errors";
// Per reference speaker role: "role.<role>.ref_words" and "role.<role>.errors".
std::string role_ref_words(const std::string& role);
std::string role_errors(const std::string& role);
}  // namespace item_metric

// The text of all segments, in order, joined by spaces (speaker labels dropped).
std::string transcript_text(const std::vector<Segment>& segments);

// Word errors attributed to the speaker role of the reference words they concern, using the
// speaker-agnostic alignment of the whole conversation: hits, substitutions and deletions belong to
// the reference word's role; an insertion belongs to the role of the reference word before it (the
// first reference word's role at the very start). Roles are those of the reference segments
// (empty role → "unknown"). Answers "how well is the citizen recognised" without depending on the
// solution's diarisation.
struct RoleCounts {
  std::string role;
  std::int64_t ref_words = 0;
  std::int64_t errors = 0;
};
std::vector<RoleCounts> role_error_counts(const Conversation& conversation, const Transcript& hypothesis,
                                          NormalizerKind normalizer);

std::vector<MetricValue> score_transcription(const Conversation& conversation, const Transcript& hypothesis,
                                             NormalizerKind normalizer);

}  // namespace pb
