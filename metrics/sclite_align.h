#pragma once
// sclite-compatible scoring: the counts NIST sclite (SCTK 2.10) reports for
//
//   sclite -r REF.trn trn -h HYP.trn trn -i rm -D -o rsum stdout        (ScliteOptions defaults)
//
// reproduced exactly, per speaker and overall (tests/sclite compares against the real binary). How the
// text becomes words is in sclite_text.h; the alignment rules, found by black-box experiment, are:
//
//  * Weighted edit distance: insertion 3, deletion 3, substitution 4, correct 0. A deleted optional
//    "(word)" (under -D) costs 2 and counts as correct. Passing through an alternative "@" (no word)
//    costs nothing but loses every tie: among equally cheap alignments the one using fewer "@" arcs
//    wins, so "{ b a / @ }" against "b" is "b a" with "a" deleted, not "@" with "b" inserted.
//  * Ties otherwise: backtracking from the end of both texts, the preferred predecessor of a step is
//    the diagonal (correct or substitution), then insertion, then deletion; between alternatives, the
//    one listed first. Hence deletions and insertions land as early as the minimum allows
//    ("a b" vs "c": "a" deleted, "b"→"c"), and 3 substitutions beat 2 deletions + 2 insertions.
//    With unit costs (word_alignment.h) "a b" vs "b a" is 2 substitutions; sclite says 1 correct,
//    1 deletion, 1 insertion.
//  * The reference word count N is the number of words on the chosen path (the chosen alternative's
//    words, optional words included), i.e. correct + substitutions + deletions, as sclite's "# Wrd".
//
// Time-mediated scoring (sclite -T with stm/ctm) would replace the word-to-word costs with ones computed
// from word times; align_sclite takes the cost model from its caller-visible rules above only, so a
// time-aware variant can be added as another entry point over the same ScliteNetwork.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "formats/trn.h"
#include "metrics/sclite_text.h"
#include "metrics/word_alignment.h"

namespace pb {

// Counts of one utterance, in sclite's terms: hits is sclite's #C and includes deleted optional words
// (optional_deleted of them).
struct ScliteSentenceCounts {
  std::int32_t hits = 0, substitutions = 0, deletions = 0, insertions = 0, optional_deleted = 0;
  std::int32_t ref_words() const { return hits + substitutions + deletions; }
  std::int32_t errors() const { return substitutions + deletions + insertions; }
  bool operator==(const ScliteSentenceCounts&) const = default;
};

namespace sclite_detail {
// DP cell of the graph aligner: key = (cost << 24) + "@" arcs used, so ties go to fewer "@"; counts
// either packed 16 bits each (hits | substitutions << 16 | deletions << 32 | optional deletions << 48)
// for the usual short utterances, or one int32 each.
struct WideCounts {
  std::int32_t hits = 0, substitutions = 0, deletions = 0, optional_deleted = 0;
};
template <class Counts>
struct GraphCell {
  std::int64_t key;
  Counts counts;
};
}  // namespace sclite_detail

// Reusable DP buffers, so scoring many utterances allocates only while the largest one grows.
// Not thread-safe: one per thread.
class ScliteAligner {
 public:
  ScliteSentenceCounts align(const ScliteNetwork& reference, std::span<const std::int32_t> hypothesis);

 private:
  // A plain word sequence (no alternatives), the common case: one DP row of compact cells.
  ScliteSentenceCounts align_linear(const ScliteNetwork& reference, std::span<const std::int32_t> hypothesis);

  std::vector<sclite_detail::GraphCell<std::uint64_t>> packed_cells_;
  std::vector<sclite_detail::GraphCell<sclite_detail::WideCounts>> wide_cells_;
  // align_linear's single DP row: cost and packed counts (substitutions | deletions << 16 |
  // optional deletions << 32) per hypothesis prefix.
  std::vector<std::int32_t> row_cost_;
  std::vector<std::uint64_t> row_counts_;
};

// One utterance from texts (convenience for tests and one-off use). Throws InputError naming
// "reference"/"hypothesis" if parse_sclite_reference / parse_sclite_hypothesis reject the text.
ScliteSentenceCounts score_sclite_sentence(std::string_view reference, std::string_view hypothesis,
                                           const ScliteOptions& options = {});

struct ScliteSpeakerCounts {
  std::string speaker;  // sclite_speaker_of the utterance id
  // hits..insertions as sclite reports them; ref_words = hits + substitutions + deletions (sclite's
  // "# Wrd"); hyp_words = the words actually in the hypotheses, which is hits + substitutions +
  // insertions - optional_deleted.
  ErrorCounts counts;
  std::int64_t optional_deleted = 0;
  std::int64_t sentences = 0;        // sclite's "# Snt"
  std::int64_t sentence_errors = 0;  // utterances with at least one error (sclite's "S.Err" as a count)
};

// Adds one sentence's counts to a speaker's (or the overall) totals. hyp_words defaults to the words
// the alignment consumed (hits + substitutions + insertions − deleted optional words).
void add_sentence(ScliteSpeakerCounts& total, const ScliteSentenceCounts& sentence,
                  std::optional<std::int64_t> hyp_words = std::nullopt);

struct ScliteCounts {
  std::vector<ScliteSpeakerCounts> speakers;  // in order of first appearance in the hypothesis file
  ScliteSpeakerCounts overall;                // speaker is empty
  // Reference utterances with no hypothesis utterance. sclite silently leaves them out of every count
  // (it scores only ids present in the hypothesis), and so does this; a caller should warn about them.
  std::int64_t reference_only_utterances = 0;
};

// Pairs utterances by id, compared ASCII-case-insensitively as sclite does (exactly under -s), and scores each pair.
// Throws InputError listing every problem (file:line from TrnUtterance::line and the names given):
// a hypothesis id missing from the reference (sclite stops: "Not enough Reference files loaded"), an id
// appearing twice in one file, an id without '-' or '_' (no speaker, see sclite_text.h), and markup
// that parse_sclite_reference / parse_sclite_hypothesis reject. options.threads workers split the
// utterances; the result is identical for any thread count.
ScliteCounts score_trn_sclite(std::span<const TrnUtterance> reference, std::span<const TrnUtterance> hypothesis,
                              const ScliteOptions& options = {}, std::string_view reference_name = "reference",
                              std::string_view hypothesis_name = "hypothesis");

// The same over views of the lines (formats/trn.h parse_trn_lines), which spares a copy of every
// utterance; identical results.
ScliteCounts score_trn_lines_sclite(std::span<const TrnLine> reference, std::span<const TrnLine> hypothesis,
                                    const ScliteOptions& options = {}, std::string_view reference_name = "reference",
                                    std::string_view hypothesis_name = "hypothesis");

}  // namespace pb
