#include "harness/transcription_scoring.h"

#include <map>

#include "harness/normalised_transcripts.h"
#include "metrics/error_rates.h"
#include "metrics/key_terms.h"
#include "metrics/multi_speaker.h"
#include "metrics/word_alignment.h"

namespace pb {

namespace item_metric {
std::string role_ref_words(const std::string& role) { return "role." + role + ".ref_words"; }
std::string role_errors(const std::string& role) { return "role." + role + ".errors"; }
std::string key_type_ref(const std::string& type) { return "keyterm." + type + ".ref"; }
std::string key_type_hits(const std::string& type) { return "keyterm." + type + ".hits"; }
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

std::vector<RoleCounts> count_by_role(const std::vector<std::string>& roles_of_ref_word, const Alignment& alignment) {
  std::map<std::string, RoleCounts> by_role;
  for (const auto& role : roles_of_ref_word) by_role[role].role = role;
  std::int32_t last_ref = -1;
  for (const auto& pair : alignment.pairs) {
    if (pair.op == EditOp::insertion) {
      const std::int32_t owner = last_ref >= 0 ? last_ref : (roles_of_ref_word.empty() ? -1 : 0);
      const std::string role = owner >= 0 ? roles_of_ref_word[static_cast<std::size_t>(owner)] : "unknown";
      by_role[role].role = role;
      by_role[role].errors += 1;
      continue;
    }
    last_ref = pair.ref_index;
    auto& counts = by_role[roles_of_ref_word[static_cast<std::size_t>(pair.ref_index)]];
    counts.ref_words += 1;
    if (pair.op != EditOp::hit) counts.errors += 1;
  }
  std::vector<RoleCounts> out;
  for (auto& [role, counts] : by_role) out.push_back(counts);
  return out;
}

std::vector<SpeakerSegment> speaker_segments(const std::vector<Segment>& segments,
                                             const std::vector<std::vector<std::string>>& words) {
  std::vector<SpeakerSegment> out;
  for (std::size_t s = 0; s < segments.size(); ++s)
    out.push_back({segments[s].speaker, words[s], segments[s].start, segments[s].end, {}});
  return out;
}

void add(std::vector<MetricValue>& values, const std::string& name, double value) { values.push_back({name, value}); }

}  // namespace

TranscriptionScore score_transcription(const Conversation& conversation, const Transcript& hypothesis,
                                       const TranscriptionScoring& scoring) {
  TranscriptionScore score;
  const NormalisedTranscripts words_of =
      normalise_transcripts(conversation.segments, hypothesis.segments, scoring.normalizer);
  const NormalizedPair pair{words_of.ref_words, words_of.hyp_words};
  std::vector<std::string> role_of_ref_word;
  for (std::size_t segment : words_of.ref_segment_of_word) {
    const auto& role = conversation.segments[segment].role;
    role_of_ref_word.push_back(role.empty() ? "unknown" : role);
  }

  const Alignment alignment = align_tokens(pair.ref, pair.hyp);
  const ErrorCounts& words = alignment.counts;
  const ErrorCounts chars = count_character_errors(pair.ref, pair.hyp);
  auto& v = score.values;
  add(v, item_metric::kWer, word_error_rate(words));
  add(v, item_metric::kRefWords, static_cast<double>(words.ref_words));
  add(v, item_metric::kHypWords, static_cast<double>(words.hyp_words));
  add(v, item_metric::kHits, static_cast<double>(words.hits));
  add(v, item_metric::kSubstitutions, static_cast<double>(words.substitutions));
  add(v, item_metric::kDeletions, static_cast<double>(words.deletions));
  add(v, item_metric::kInsertions, static_cast<double>(words.insertions));
  add(v, item_metric::kCer, character_error_rate(chars));
  add(v, item_metric::kRefChars, static_cast<double>(chars.ref_words));
  add(v, item_metric::kCharErrors, static_cast<double>(chars.errors()));

  score.roles = count_by_role(role_of_ref_word, alignment);
  for (const auto& role : score.roles) {
    add(v, item_metric::role_ref_words(role.role), static_cast<double>(role.ref_words));
    add(v, item_metric::role_errors(role.role), static_cast<double>(role.errors));
  }

  // Speaker-attributed WER: the solution's speaker labels are mapped to the reference speakers.
  const auto ref_speakers = speaker_segments(conversation.segments, words_of.ref_segments);
  const auto hyp_speakers = speaker_segments(hypothesis.segments, words_of.hyp_segments);
  const CpwerResult cp = cpwer(ref_speakers, hyp_speakers);
  add(v, item_metric::kCpwerErrors, static_cast<double>(cp.total.errors()));
  add(v, item_metric::kCpwerRefWords, static_cast<double>(cp.total.ref_words));
  TcpwerOptions tcp_options;
  tcp_options.collar = scoring.tcp_collar_s;
  const auto tcp = tcpwer(ref_speakers, hyp_speakers, tcp_options);
  if (tcp.ok()) {
    add(v, item_metric::kTcpwerErrors, static_cast<double>(tcp.value().total.errors()));
    add(v, item_metric::kTcpwerRefWords, static_cast<double>(tcp.value().total.ref_words));
  } else {
    score.tcp_failure = tcp.error();
  }
  if (scoring.orc_wer) {
    const auto orc = orcwer(ref_speakers, hyp_speakers);
    if (orc.ok()) {
      add(v, item_metric::kOrcwerErrors, static_cast<double>(orc.value().total.errors()));
      add(v, item_metric::kOrcwerRefWords, static_cast<double>(orc.value().total.ref_words));
    } else {
      score.orc_failure = orc.error();
    }
  }

  // Key terms: the words that carry facts (dates, amounts, names, negations, …).
  std::vector<KeyTermFact> facts;
  for (const auto& f : conversation.key_facts) facts.push_back({f.type, f.text});
  std::vector<std::string> ref_raw, hyp_raw;
  for (const auto& s : conversation.segments) ref_raw.push_back(s.text);
  for (const auto& s : hypothesis.segments) hyp_raw.push_back(s.text);
  KeyTermOptions key_options;
  key_options.normalizer = scoring.normalizer;
  const KeyTermReport keys =
      score_key_terms({pair.ref, ref_raw}, {pair.hyp, hyp_raw}, alignment, facts, key_options);
  add(v, item_metric::kKeyTerms, static_cast<double>(keys.overall.ref_terms));
  add(v, item_metric::kKeyTermHits, static_cast<double>(keys.overall.hits));
  add(v, item_metric::kKeyTermHyp, static_cast<double>(keys.overall.hyp_terms));
  add(v, item_metric::kKeyTermHypCorrect, static_cast<double>(keys.overall.hyp_correct));
  add(v, item_metric::kKeyTermHallucinated, static_cast<double>(keys.overall.hallucinated));
  add(v, item_metric::kFacts, static_cast<double>(keys.facts));
  add(v, item_metric::kFactsRecognised, static_cast<double>(keys.facts_recognised));
  double weighted_ref = 0, weighted_misses = 0;
  for (const auto& [type, counts] : keys.by_type) {
    auto w = key_options.weights.find(type);
    const double weight = w == key_options.weights.end() ? key_options.default_weight : w->second;
    weighted_ref += weight * static_cast<double>(counts.ref_terms);
    weighted_misses += weight * static_cast<double>(counts.ref_terms - counts.hits);
    add(v, item_metric::key_type_ref(type), static_cast<double>(counts.ref_terms));
    add(v, item_metric::key_type_hits(type), static_cast<double>(counts.hits));
  }
  add(v, item_metric::kKeyTermWeightedRef, weighted_ref);
  add(v, item_metric::kKeyTermWeightedMisses, weighted_misses);
  return score;
}

}  // namespace pb
