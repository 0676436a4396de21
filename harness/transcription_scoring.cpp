#include "harness/transcription_scoring.h"

#include <map>

#include "metrics/error_rates.h"
#include "metrics/word_alignment.h"

namespace pb {

namespace item_metric {
std::string role_ref_words(const std::string& role) { return "role." + role + ".ref_words"; }
std::string role_errors(const std::string& role) { return "role." + role + ".errors"; }
}  // namespace item_metric

std::string transcript_text(const std::vector<Segment>& segments) {
  std::string text;
  for (const auto& s : segments) {
    if (s.text.empty()) continue;
    if (!text.empty()) text += ' ';
    text += s.text;
  }
  return text;
}

namespace {

// Reference words with the role of the segment each came from.
struct ReferenceWords {
  std::vector<std::string> words;
  std::vector<std::string> roles;
};

ReferenceWords reference_words(const Conversation& conversation, NormalizerKind normalizer) {
  ReferenceWords ref;
  for (const auto& segment : conversation.segments) {
    auto words = normalize_to_words(segment.text, normalizer);
    const std::string role = segment.role.empty() ? "unknown" : segment.role;
    for (auto& w : words) {
      ref.words.push_back(std::move(w));
      ref.roles.push_back(role);
    }
  }
  return ref;
}

std::vector<RoleCounts> count_by_role(const ReferenceWords& ref, const Alignment& alignment) {
  std::map<std::string, RoleCounts> by_role;
  for (const auto& role : ref.roles) by_role[role].role = role;
  std::int32_t last_ref = -1;
  for (const auto& pair : alignment.pairs) {
    if (pair.op == EditOp::insertion) {
      const std::int32_t owner = last_ref >= 0 ? last_ref : (ref.words.empty() ? -1 : 0);
      by_role[owner >= 0 ? ref.roles[static_cast<std::size_t>(owner)] : "unknown"].errors += 1;
      continue;
    }
    last_ref = pair.ref_index;
    auto& counts = by_role[ref.roles[static_cast<std::size_t>(pair.ref_index)]];
    counts.ref_words += 1;
    if (pair.op != EditOp::hit) counts.errors += 1;
  }
  std::vector<RoleCounts> out;
  for (auto& [role, counts] : by_role) {
    counts.role = role;
    out.push_back(counts);
  }
  return out;
}

}  // namespace

std::vector<RoleCounts> role_error_counts(const Conversation& conversation, const Transcript& hypothesis,
                                          NormalizerKind normalizer) {
  const auto ref = reference_words(conversation, normalizer);
  const auto hyp = normalize_to_words(transcript_text(hypothesis.segments), normalizer);
  return count_by_role(ref, align_tokens(ref.words, hyp));
}

std::vector<MetricValue> score_transcription(const Conversation& conversation, const Transcript& hypothesis,
                                             NormalizerKind normalizer) {
  const auto ref = reference_words(conversation, normalizer);
  const auto hyp = normalize_to_words(transcript_text(hypothesis.segments), normalizer);
  const Alignment alignment = align_tokens(ref.words, hyp);
  const ErrorCounts& words = alignment.counts;
  const ErrorCounts chars = count_character_errors(ref.words, hyp);
  std::vector<MetricValue> values = {
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
  for (const auto& role : count_by_role(ref, alignment)) {
    values.push_back({item_metric::role_ref_words(role.role), static_cast<double>(role.ref_words)});
    values.push_back({item_metric::role_errors(role.role), static_cast<double>(role.errors)});
  }
  return values;
}

}  // namespace pb
