#pragma once
// sclite-compatible scoring of a CTM hypothesis against a CTM reference: the counts NIST sclite (SCTK 2.10)
// reports for
//
//   sclite -r REF.ctm ctm -h HYP.ctm ctm -D [-T] [-s] -o rsum stdout
//
// reproduced per speaker and overall (tests/sclite/sclite_ctm_ctm_test.cpp compares against the real binary).
// See docs/sclite-compatibility.md "CTM/CTM scoring and -T" for the evidence and the restrictions:
//
//  * Each recording (file, channel) is cut into chunks ("sentences", numbered per recording) by
//    sclite_ctm_chunks below: about 51 words at a time, cut where the two word streams share a pause.
//    Every chunk is aligned on its own; a word can never match across a cut.
//  * Speaker = "file-channel" of the reference, ASCII-lowercased unless -s. Per-speaker rows are therefore
//    per recording.
//  * Without -T a chunk is aligned with the trn-mode costs and ties (sclite_align.h). With -T the word costs
//    are times: correct |Δbegin| + |Δend|, substitution the same + 0.001, insertion and deletion the word's
//    duration (end - begin). As in sclite each step cost is computed in double and rounded to float, and the
//    DP sums are float; a cell takes the diagonal if it is <= both others, else the deletion if strictly
//    cheaper than the insertion, else the insertion. The float rounding decides near-ties, so it is part of
//    the contract.
//  * Both files must hold the same recordings in the same order (sclite stops otherwise: "file strings out
//    of synchronization", "Hyp is missing second channel"): an InputError here. sclite quirk kept: a file's
//    second channel that is a single word at the very end of the file is not seen; unseen in both files the
//    recording is dropped (no speaker row), seen in only one of them is an InputError (sclite stops).
//  * Not supported (InputError): CTM alternation tags, and "{", "}", "@" in either file; "(word)" in the
//    reference under -T. Words of one stream that overlap in time (begin before the previous word's end) are
//    accepted but sclite's cutting misbehaves on them in ways not reproduced (see the doc).
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "formats/ctm.h"
#include "metrics/sclite_align.h"

namespace pb {

// The sclite switches CTM/CTM mode mirrors. Defaults reproduce `sclite -r REF ctm -h HYP ctm -D` (no -T, no -s).
struct ScliteCtmOptions {
  bool time_mediated = false;      // sclite -T
  bool case_sensitive = false;     // sclite -s
  bool optional_deletable = true;  // sclite -D (only without -T; see above)
};

// One word's times in seconds.
struct ScliteTimedWord {
  double begin = 0;
  double duration = 0;
};

// A chunk of one recording: ref words [ref_begin, ref_end) and hyp words [hyp_begin, hyp_end), indices into the
// spans given to sclite_ctm_chunks.
struct ScliteCtmChunk {
  std::size_t ref_begin = 0, ref_end = 0, hyp_begin = 0, hyp_end = 0;
  bool operator==(const ScliteCtmChunk&) const = default;
};

// How sclite cuts one recording (words in file order) into chunks. The chunks cover both spans in order
// without gaps. If both streams have at most 51 words left, the rest is one chunk. Otherwise the search starts
// at the 51st remaining word of each stream, steps both back to words that are not apart in time, and then
// walks backwards until the pause after the current ref word and the pause after the current hyp word overlap
// (touching counts); the chunk ends there. If no such place exists the window doubles (101, 201, ... words).
std::vector<ScliteCtmChunk> sclite_ctm_chunks(std::span<const ScliteTimedWord> ref, std::span<const ScliteTimedWord> hyp);

// One chunk aligned with -T costs (see above). ref_words/hyp_words are lexicon ids parallel to the times.
ScliteSentenceCounts align_time_mediated_sclite(std::span<const std::int32_t> ref_words,
                                                std::span<const ScliteTimedWord> ref_times,
                                                std::span<const std::int32_t> hyp_words,
                                                std::span<const ScliteTimedWord> hyp_times);

// Scores every recording. Speakers in order of first appearance in the reference; overall as in trn mode.
// Throws InputError (file:line from the records and the names given) listing every problem described above.
ScliteCounts score_ctm_ctm_sclite(const CtmFile& ref, const CtmFile& hyp, const ScliteCtmOptions& options = {},
                                  std::string_view reference_name = "reference",
                                  std::string_view hypothesis_name = "hypothesis");

}  // namespace pb
