#include "metrics/sclite_stm.h"

#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/error.h"

namespace pb {
namespace {

using RecordingKey = std::pair<std::string, std::string>;

RecordingKey key_of(const std::string& file, const std::string& channel, bool case_sensitive) {
  if (case_sensitive) return {file, channel};
  return {sclite_ascii_lower(file), sclite_ascii_lower(channel)};
}

// sclite keeps STM times in single precision and CTM times in double; the midpoint test mixes the two.
bool before_segment_end(const CtmRecord& word, const StmSegment& segment) {
  const double end = static_cast<double>(static_cast<float>(segment.end));
  return *word.begin + *word.duration / 2.0 < end;
}


}  // namespace

ScliteStmAssignment assign_ctm_to_stm_sclite(const StmFile& ref, const CtmFile& hyp, const ScliteStmOptions& options,
                                             std::string_view reference_name, std::string_view hypothesis_name) {
  const std::string ref_file(reference_name), hyp_file(hypothesis_name);
  ProblemList problems;

  // Segments of each recording in STM order; a std::map keeps the work independent of hashing.
  std::map<RecordingKey, std::vector<std::size_t>> segments_of;
  for (std::size_t k = 0; k < ref.segments.size(); ++k) {
    const StmSegment& s = ref.segments[k];
    segments_of[key_of(s.file, s.channel, options.case_sensitive)].push_back(k);
  }
  std::map<RecordingKey, std::vector<std::size_t>> words_of;
  for (std::size_t k = 0; k < hyp.records.size(); ++k) {
    const CtmRecord& r = hyp.records[k];
    if (!r.begin || !r.duration) {
      problems.add(hyp_file, r.line, "word",
                   "\"" + r.word + "\": alternation tags belong in a reference, not in a hypothesis");
      continue;
    }
    RecordingKey key = key_of(r.file, r.channel, options.case_sensitive);
    if (!segments_of.contains(key)) {
      auto& words = words_of[key];
      if (words.empty()) {
        problems.add(hyp_file, r.line, "file",
                     "recording \"" + r.file + "\" channel \"" + r.channel + "\" is not in the reference " + ref_file +
                         " (sclite stops: \"Hyp file has more data than ref file\")");
      }
      words.push_back(k);  // only to report each missing recording once
      continue;
    }
    words_of[std::move(key)].push_back(k);
  }
  problems.throw_if_any();

  ScliteStmAssignment result;
  result.segments.resize(ref.segments.size());
  for (const auto& [key, segments] : segments_of) {
    const auto found = words_of.find(key);
    if (found == words_of.end()) continue;
    const std::vector<std::size_t>& words = found->second;
    std::size_t next = 0;
    for (std::size_t s = 0; s < segments.size(); ++s) {
      const StmSegment& segment = ref.segments[segments[s]];
      auto& taken = result.segments[segments[s]];
      const bool last = s + 1 == segments.size();
      while (next < words.size() && (last || before_segment_end(hyp.records[words[next]], segment))) {
        taken.push_back(words[next++]);
      }
    }
  }
  return result;
}

ScliteStmResult score_stm_ctm_sclite(const StmFile& ref, const CtmFile& hyp, const ScliteStmOptions& options,
                                     std::string_view reference_name, std::string_view hypothesis_name) {
  const ScliteStmAssignment assignment =
      assign_ctm_to_stm_sclite(ref, hyp, options, reference_name, hypothesis_name);
  const std::string ref_file(reference_name), hyp_file(hypothesis_name);
  ProblemList problems;

  ScliteOptions text_options;
  text_options.case_sensitive = options.case_sensitive;
  text_options.optional_deletable = options.optional_deletable;
  ScliteLexicon lexicon(options.case_sensitive);
  ScliteNetwork network;
  ScliteAligner aligner;
  std::vector<std::int32_t> words, one_word;

  ScliteStmResult result;
  std::unordered_map<std::string, std::size_t> speaker_index;
  std::map<RecordingKey, bool> recording_has_words;
  for (std::size_t k = 0; k < ref.segments.size(); ++k) {
    const StmSegment& segment = ref.segments[k];
    const std::vector<std::size_t>& taken = assignment.segments[k];
    bool& has_words = recording_has_words[key_of(segment.file, segment.channel, options.case_sensitive)];
    has_words = has_words || !taken.empty();
    if (segment.ignore) {
      result.ignored_hypothesis_words += static_cast<std::int64_t>(taken.size());
      continue;
    }
    bool usable = true;
    if (auto error = parse_sclite_reference(segment.text, text_options, lexicon, network); !error.empty()) {
      problems.add(ref_file, segment.line, "transcript", error);
      usable = false;
    }
    words.clear();
    for (const std::size_t w : taken) {
      const CtmRecord& record = hyp.records[w];
      if (auto error = parse_sclite_hypothesis(record.word, text_options, lexicon, one_word); !error.empty()) {
        problems.add(hyp_file, record.line, "word", error);
        usable = false;
        continue;
      }
      words.insert(words.end(), one_word.begin(), one_word.end());
    }
    const std::string speaker = options.case_sensitive ? segment.speaker : sclite_ascii_lower(segment.speaker);
    const auto [it, inserted] = speaker_index.try_emplace(speaker, result.counts.speakers.size());
    if (inserted) result.counts.speakers.push_back(ScliteSpeakerCounts{speaker, {}, 0, 0, 0});
    if (!usable) continue;
    const ScliteSentenceCounts c = aligner.align(network, words);
    add_sentence(result.counts.speakers[it->second], c);
    add_sentence(result.counts.overall, c);
  }
  problems.throw_if_any();
  for (const auto& [key, has_words] : recording_has_words) {
    result.recordings_without_hypothesis += has_words ? 0 : 1;
  }
  return result;
}

}  // namespace pb
