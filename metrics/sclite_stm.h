#pragma once
// sclite-compatible scoring of a CTM hypothesis against an STM reference: the counts NIST sclite (SCTK 2.10)
// reports for
//
//   sclite -r REF.stm stm -h HYP.ctm ctm -D -o rsum stdout          (ScliteStmOptions defaults)
//
// reproduced exactly, per speaker and overall (tests/sclite/sclite_stm_ctm_test.cpp compares against the real
// binary). Word text, markup and the alignment itself are those of trn mode (sclite_text.h, sclite_align.h);
// what is new is how CTM words are handed to STM segments. Found by black-box experiment, see
// docs/sclite-compatibility.md "STM/CTM scoring":
//
//  * Recordings pair up by (file, channel), ASCII-case-insensitively (exactly under -s). A CTM recording that
//    the STM does not have makes sclite stop ("Hyp file has more data than ref file"): an InputError here. An
//    STM recording with no CTM word is scored as all deletions (unlike trn mode, nothing is left out).
//  * Within a recording the segments are visited in STM order and the words in CTM order. Each segment takes
//    words from the front of the remaining ones while the word's midpoint, begin + duration / 2, lies before
//    the segment's end; the first word that does not fit stops the segment, even if a later word would fit.
//    The last segment takes every remaining word. So a word in a gap between segments goes to the next one,
//    a word before the first segment to the first, after the last to the last.
//    The comparison is `begin + duration / 2 < end` with begin and duration as doubles but the end rounded to
//    float first (sclite keeps STM times in single precision): a midpoint exactly on a boundary written as
//    "2.0" falls after it, one on "0.2" before it (0.2f > 0.2).
//  * A segment whose text is IGNORE_TIME_SEGMENT_IN_SCORING takes words by the same rule and drops them; it
//    is neither a sentence nor a word. So a word in the gap just before such a region vanishes too.
//  * Every other segment is one sentence ("# Snt"), also when its text is empty.
//  * Speaker = the STM speaker field, ASCII-lowercased unless -s.
//
// sclite's -T (time-mediated alignment) is refused for an STM reference ("Time-mediated alignments require
// the reference file to be in CTM format"), so there is no time-mediated variant of this.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "formats/ctm.h"
#include "formats/stm.h"
#include "metrics/sclite_align.h"

namespace pb {

// The sclite switches STM/CTM mode mirrors. Defaults reproduce `sclite -r REF stm -h HYP ctm -D` (no -s).
struct ScliteStmOptions {
  bool case_sensitive = false;     // sclite -s: words, speakers, file and channel names compared exactly
  bool optional_deletable = true;  // sclite -D
};

// Which CTM records each STM segment receives (see above). segments[k] holds indices into hyp.records, in
// order, for ref.segments[k] (IGNORE segments included: what they hold is dropped when scoring).
struct ScliteStmAssignment {
  std::vector<std::vector<std::size_t>> segments;
};

// Throws InputError (file:line from the records, with the names given) for a CTM recording that the STM does
// not have, and for CTM alternation tags ("<ALT_BEGIN>" ...), which a hypothesis cannot mean.
ScliteStmAssignment assign_ctm_to_stm_sclite(const StmFile& ref, const CtmFile& hyp,
                                             const ScliteStmOptions& options = {},
                                             std::string_view reference_name = "reference",
                                             std::string_view hypothesis_name = "hypothesis");

struct ScliteStmResult {
  // Per speaker (order of first appearance in the STM) and overall, as in trn mode; a sentence is an STM
  // segment. counts.reference_only_utterances is always 0: no segment is left out.
  ScliteCounts counts;
  std::int64_t ignored_hypothesis_words = 0;  // CTM words that fell into IGNORE_TIME_SEGMENT_IN_SCORING regions
  std::int64_t recordings_without_hypothesis = 0;  // STM file/channels with no CTM word: all their words deleted
};

// Scores every non-IGNORE segment. Throws InputError listing every problem: those of assign_ctm_to_stm_sclite,
// STM text that parse_sclite_reference rejects (unbalanced braces ...), and CTM words that
// parse_sclite_hypothesis rejects ("{", "}", "@", "(word)" under -D).
ScliteStmResult score_stm_ctm_sclite(const StmFile& ref, const CtmFile& hyp, const ScliteStmOptions& options = {},
                                     std::string_view reference_name = "reference",
                                     std::string_view hypothesis_name = "hypothesis");

}  // namespace pb
