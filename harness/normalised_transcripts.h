#pragma once
// A reference and a hypothesis transcript normalised for scoring, both as whole word lists (for WER)
// and segment by segment (for speaker-attributed metrics), consistently: with the `da` normaliser, split
// compounds are joined against the other side in both views, so cpWER and WER see the same words.
#include <string>
#include <vector>

#include "harness/dataset.h"
#include "metrics/text_normalize.h"

namespace pb {

struct NormalisedTranscripts {
  std::vector<std::string> ref_words;
  std::vector<std::string> hyp_words;
  std::vector<std::size_t> ref_segment_of_word;  // index into the reference segments, per ref word
  std::vector<std::vector<std::string>> ref_segments;  // words per reference segment
  std::vector<std::vector<std::string>> hyp_segments;  // words per hypothesis segment
};

NormalisedTranscripts normalise_transcripts(const std::vector<Segment>& ref, const std::vector<Segment>& hyp,
                                            const NormalizerChoice& normalizer);

}  // namespace pb
