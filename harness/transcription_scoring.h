#pragma once
// Turns one conversation's reference and a solution's transcript into the per-item metric values the
// store keeps. Aggregation (corpus WER, groups, CIs) happens later from these counts.
#include <string>
#include <vector>

#include "harness/dataset.h"
#include "harness/store.h"
#include "metrics/text_normalize.h"

namespace pb {

// Version of the per-item transcription metrics below; bump when any value could change.
inline constexpr const char* kTranscriptionMetricsVersion = "1";

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
}  // namespace item_metric

// The text of all segments, in order, joined by spaces (speaker labels dropped).
std::string transcript_text(const std::vector<Segment>& segments);

std::vector<MetricValue> score_transcription(const Conversation& conversation, const Transcript& hypothesis,
                                             NormalizerKind normalizer);

}  // namespace pb
