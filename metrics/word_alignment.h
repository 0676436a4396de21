#pragma once
// Minimum-edit-distance alignment of a reference token sequence against a hypothesis (words for WER,
// code points for CER).
//
// Costs are unit: substitution = deletion = insertion = 1, hit = 0. Several alignments can reach the
// minimum total, and they may split the total differently between S, D and I (ref "a b", hyp "c" is
// either "a→c, b deleted" or "a deleted, b→c"). Reports compare S/D/I across solutions, so the choice
// must be fixed and documented:
//
//   Tie-breaking. Backtracking from the end of both sequences, at every cell the predecessor is chosen
//   among those reaching the minimum cost in this order of preference:
//     1. diagonal (hit if the tokens are equal, otherwise substitution),
//     2. deletion  (a reference token with no hypothesis counterpart),
//     3. insertion (a hypothesis token with no reference counterpart).
//   Consequences: a substitution is always preferred to an equally cheap deletion + insertion pair, and
//   because backtracking runs from the end, unmatched tokens end up as early in the sequence as the
//   minimum allows (ref "a a", hyp "a" hits the second "a" and deletes the first).
//
// count_errors() computes the counts of exactly that alignment without storing it, so
// count_errors(r, h) == align_tokens(r, h).counts always holds (not just the same total).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pb {

enum class EditOp : std::uint8_t { hit, substitution, deletion, insertion };

// Outcome of one alignment. ref_words = hits + substitutions + deletions and
// hyp_words = hits + substitutions + insertions. For character alignment the "words" are code points.
struct ErrorCounts {
  std::int64_t ref_words = 0, hyp_words = 0, hits = 0, substitutions = 0, deletions = 0, insertions = 0;

  std::int64_t errors() const { return substitutions + deletions + insertions; }
  // Summing counts over items gives corpus-level counts (corpus WER = Σerrors / Σref_words).
  ErrorCounts& operator+=(const ErrorCounts& other);
  bool operator==(const ErrorCounts&) const = default;
};

inline ErrorCounts operator+(ErrorCounts a, const ErrorCounts& b) { return a += b; }

// One step of an alignment. ref_index / hyp_index are positions in the inputs, -1 where absent
// (hyp_index for a deletion, ref_index for an insertion).
struct AlignedPair {
  EditOp op;
  std::int32_t ref_index;
  std::int32_t hyp_index;
  bool operator==(const AlignedPair&) const = default;
};

// pairs run from the start of both sequences to the end.
struct Alignment {
  std::vector<AlignedPair> pairs;
  ErrorCounts counts;
};

// Tokens compare by exact bytes: normalise first (see text_normalize.h).
// Time O(n·m); memory O(n·m) bits for the back-pointers (2 bits per cell, ~25 MB for 10k × 10k).
Alignment align_tokens(std::span<const std::string> ref, std::span<const std::string> hyp);

// Counts only, identical to align_tokens(ref, hyp).counts. Time O(n·m); memory O(min(n, m)).
ErrorCounts count_errors(std::span<const std::string> ref, std::span<const std::string> hyp);

// The same two operations over integer symbols (interned words, Unicode code points). The string
// versions intern their tokens and call these.
Alignment align_symbols(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp);
ErrorCounts count_symbol_errors(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp);

}  // namespace pb
