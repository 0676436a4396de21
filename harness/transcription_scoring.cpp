#include "harness/transcription_scoring.h"

#include "metrics/error_rates.h"
#include "metrics/word_alignment.h"

namespace pb {

std::string transcript_text(const std::vector<Segment>& segments) {
  std::string text;
  for (const auto& s : segments) {
    if (s.text.empty()) continue;
    if (!text.empty()) text += ' ';
    text += s.text;
  }
  return text;
}

std::vector<MetricValue> score_transcription(const Conversation& conversation, const Transcript& hypothesis,
                                             NormalizerKind normalizer) {
  const auto ref = normalize_to_words(transcript_text(conversation.segments), normalizer);
  const auto hyp = normalize_to_words(transcript_text(hypothesis.segments), normalizer);
  const ErrorCounts words = count_errors(ref, hyp);
  const ErrorCounts chars = count_character_errors(ref, hyp);
  return {
      {item_metric::kWer, word_error_rate(words)},
      {item_metric::kRefWords, static_cast<double>(words.ref_words)},
      {item_metric::kHypWords, static_cast<double>(words.hyp_words)},
      {item_metric::kHits, static_cast<double>(words.hits)},
      {item_metric::kSubstitutions, static_cast<double>(words.substitutions)},
      {item_metric::kDeletions, static_cast<double>(words.deletions)},
      {item_metric::kInsertions, static_cast<double>(words.insertions)},
      {item_metric::kCer, character_error_rate(chars)},
      {item_metric::kRefChars, static_cast<double>(chars.ref_words)},
      {item_metric::kCharErrors, static_cast<double>(chars.errors())},
  };
}

}  // namespace pb
