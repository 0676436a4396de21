#include "harness/normalised_transcripts.h"

#include "metrics/danish_normalize.h"

namespace pb {
namespace {

std::vector<std::vector<std::string>> per_segment(const std::vector<Segment>& segments, const NormalizerChoice& n) {
  std::vector<std::vector<std::string>> out;
  for (const auto& s : segments) out.push_back(normalize_to_words(s.text, n.kind, n.options));
  return out;
}

std::vector<std::string> flatten(const std::vector<std::vector<std::string>>& segments) {
  std::vector<std::string> out;
  for (const auto& s : segments) out.insert(out.end(), s.begin(), s.end());
  return out;
}

}  // namespace

NormalisedTranscripts normalise_transcripts(const std::vector<Segment>& ref, const std::vector<Segment>& hyp,
                                            const NormalizerChoice& normalizer) {
  NormalisedTranscripts out;
  out.ref_segments = per_segment(ref, normalizer);
  out.hyp_segments = per_segment(hyp, normalizer);
  const bool join = normalizer.kind == NormalizerKind::da && normalizer.options.join_compounds;
  if (join) {
    // Joining is decided against the other side's whole word list, so doing it per segment gives the
    // same joined words as doing it on the whole text, segment boundaries aside.
    const auto ref_all = flatten(out.ref_segments);
    const auto hyp_all = flatten(out.hyp_segments);
    for (auto& segment : out.ref_segments) segment = align_compounds(segment, hyp_all).ref;
    for (auto& segment : out.hyp_segments) segment = align_compounds(ref_all, segment).hyp;
  }
  for (std::size_t s = 0; s < out.ref_segments.size(); ++s)
    for (const auto& w : out.ref_segments[s]) {
      out.ref_words.push_back(w);
      out.ref_segment_of_word.push_back(s);
    }
  out.hyp_words = flatten(out.hyp_segments);
  return out;
}

}  // namespace pb
