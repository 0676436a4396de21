#pragma once
// Error rates derived from ErrorCounts (see word_alignment.h). With H hits, S substitutions,
// D deletions, I insertions, N_ref = H + S + D reference tokens and N_hyp = H + S + I hypothesis tokens:
//
//   WER = (S + D + I) / N_ref
//       Unbounded above (insertions can exceed the reference length).
//       N_ref = 0: 0 if the hypothesis is empty too, NaN (undefined) otherwise — an utterance with no
//       reference words carries no word error rate, and reports must show it as "undefined" rather
//       than pretend it is 0 % or 100 %. Corpus WER sums the counts first (Σerrors / ΣN_ref), so such
//       items still contribute their insertions there.
//
//   MER (match error rate) = (S + D + I) / (H + S + D + I)
//       The share of alignment steps that are errors; always in [0, 1].
//       Both sequences empty: 0. Empty reference, non-empty hypothesis: 1 (every step is an insertion).
//
//   WIL (word information lost) = 1 − (H / N_ref) · (H / N_hyp)
//       1 minus the word information preserved (WIP), in [0, 1].
//       Both empty: 0 (nothing to lose). Exactly one empty: 1 (nothing can be preserved).
//
//   CER = character errors / reference characters, i.e. word_error_rate() applied to the counts from
//       count_character_errors(); same empty-reference convention as WER.
//
// Character errors are counted over Unicode code points of the (already normalised) words, aligned
// with the same aligner and tie-breaking as words. Spaces between words are not characters: the
// words of each side are concatenated without separators, so "e boks" against "eboks" costs no
// character errors (that is a word-segmentation error, which WER sees). This keeps CER independent
// of how a solution spaces its output and of the whitespace rules of the normaliser. Code points
// rather than grapheme clusters: NFC composes Danish letters (æ, ø, å, é) to single code points, so for
// Danish text the two agree; invalid UTF-8 bytes count as one U+FFFD each.
#include <span>
#include <string>

#include "metrics/word_alignment.h"

namespace pb {

double word_error_rate(const ErrorCounts& counts);
double match_error_rate(const ErrorCounts& counts);
double word_information_lost(const ErrorCounts& counts);

// Counts over code points; ref_words / hyp_words in the result are the numbers of reference and
// hypothesis characters.
ErrorCounts count_character_errors(std::span<const std::string> ref_words, std::span<const std::string> hyp_words);

// CER from character counts; the same formula as WER.
inline double character_error_rate(const ErrorCounts& character_counts) {
  return word_error_rate(character_counts);
}

}  // namespace pb
