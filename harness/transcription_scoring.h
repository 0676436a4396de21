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
inline constexpr const char* kTranscriptionMetricsVersion = "3";

struct TranscriptionScoring {
  NormalizerChoice normalizer{NormalizerKind::basic, {}};
  bool orc_wer = false;       // ORC-WER is exact but expensive (product of stream lengths); opt-in
  double tcp_collar_s = 5.0;  // tcpWER collar in seconds
};

// Metric names stored per item (item_metrics.metric). Counts unless noted.
namespace item_metric {
inline constexpr const char* kWer = "wer";  // per-item rate
inline constexpr const char* kRefWords = "wer.ref_words";
inline constexpr const char* kHypWords = "wer.hyp_words";
inline constexpr const char* kHits = "wer.hits";
inline constexpr const char* kSubstitutions = "wer.substitutions";
inline constexpr const char* kDeletions = "wer.deletions";
inline constexpr const char* kInsertions = "wer.insertions";
inline constexpr const char* kCer = "cer";  // per-item rate
inline constexpr const char* kRefChars = "cer.ref_chars";
inline constexpr const char* kCharErrors = "cer.errors";
inline constexpr const char* kCpwerErrors = "cpwer.errors";
inline constexpr const char* kCpwerRefWords = "cpwer.ref_words";
inline constexpr const char* kTcpwerErrors = "tcpwer.errors";
inline constexpr const char* kTcpwerRefWords = "tcpwer.ref_words";
inline constexpr const char* kOrcwerErrors = "orcwer.errors";
inline constexpr const char* kOrcwerRefWords = "orcwer.ref_words";
inline constexpr const char* kKeyTerms = "keyterm.ref";
inline constexpr const char* kKeyTermHits = "keyterm.hits";
inline constexpr const char* kKeyTermHyp = "keyterm.hyp";
inline constexpr const char* kKeyTermHypCorrect = "keyterm.hyp_correct";
inline constexpr const char* kKeyTermHallucinated = "keyterm.hallucinated";
inline constexpr const char* kKeyTermWeightedRef = "keyterm.weighted_ref";
inline constexpr const char* kKeyTermWeightedMisses = "keyterm.weighted_misses";
inline constexpr const char* kFacts = "keyterm.facts";
inline constexpr const char* kFactsRecognised = "keyterm.facts_recognised";
// Per reference speaker role: "role.<role>.ref_words" and "role.<role>.errors".
std::string role_ref_words(const std::string& role);
std::string role_errors(const std::string& role);
// Per key-term type: "keyterm.<type>.ref", "keyterm.<type>.hits".
std::string key_type_ref(const std::string& type);
std::string key_type_hits(const std::string& type);
}  // namespace item_metric

// The text of all segments, in order, joined by spaces (speaker labels dropped).
std::string transcript_text(const std::vector<Segment>& segments);

// WER per reference speaker role, from the one speaker-agnostic alignment of the whole conversation:
// hits, substitutions and deletions belong to the reference word's role; an insertion belongs to the
// role of the reference word before it (the first reference word's role at the very start). Roles are
// those of the reference segments (empty → "unknown"). Answers "how well is the citizen recognised"
// without depending on the solution's diarisation.
struct RoleCounts {
  std::string role;
  std::int64_t ref_words = 0;
  std::int64_t errors = 0;
};

struct TranscriptionScore {
  std::vector<MetricValue> values;  // what is stored
  std::vector<RoleCounts> roles;
  std::string orc_failure;          // why ORC-WER was not computed, when requested
  std::string tcp_failure;          // why tcpWER was not computed (e.g. untimed hypothesis)
};

TranscriptionScore score_transcription(const Conversation& conversation, const Transcript& hypothesis,
                                       const TranscriptionScoring& scoring);

}  // namespace pb
