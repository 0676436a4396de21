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
//
// Long inputs. Both entry points dispatch on the same size test (uses_long_form): small inputs run
// the plain DPs below, long ones (a whole conversation at once) the bit-parallel, linear-memory walk
// of long_form_alignment.h. That walk reproduces the rule above step for step, so the result is the
// same alignment either way — the threshold only decides speed and memory, never the output.
#include <cstddef>
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

// Inputs with at least this many DP cells (n·m) take the long-form path. Below it the plain DP is
// as fast (no mask set-up), and its back-pointer array (2 bits per cell) stays under 16 KiB.
inline constexpr std::int64_t kLongFormMinCells = std::int64_t{1} << 16;
inline bool uses_long_form(std::size_t ref_size, std::size_t hyp_size) {
  return static_cast<std::int64_t>(ref_size) * static_cast<std::int64_t>(hyp_size) >= kLongFormMinCells;
}

// Tokens compare by exact bytes: normalise first (see text_normalize.h).
// Small inputs: time O(n·m), memory n·m/4 bytes (< 16 KiB). Long inputs: bit-parallel, time at most
// O(n·m/64) word steps per level of a shallow recursion, memory O(n + m) (see long_form_alignment.h;
// ~5 ms of CPU for 10k × 10k words at 15 % WER).
Alignment align_tokens(std::span<const std::string> ref, std::span<const std::string> hyp);

// Counts only, identical to align_tokens(ref, hyp).counts. Same dispatch and costs, without storing
// the pairs.
ErrorCounts count_errors(std::span<const std::string> ref, std::span<const std::string> hyp);

// The same two operations over integer symbols (interned words, Unicode code points). The string
// versions intern their tokens and call these.
Alignment align_symbols(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp);
ErrorCounts count_symbol_errors(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp);

// The plain DPs whatever the size: full back-pointer matrix (memory n·m/4 bytes) and two-row counting
// (memory O(min(n, m)), time O(n·m) scalar). The small-input path of the functions above, and the
// independent reference the long-form path is tested against. Prefer align_symbols/count_symbol_errors.
Alignment align_symbols_dp(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp);
ErrorCounts count_symbol_errors_dp(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp);

}  // namespace pb
