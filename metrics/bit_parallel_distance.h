#pragma once
// Bit-parallel computation of the unit-cost edit-distance DP (Myers 1999, in the block form that
// Hyyrö and edlib use), one hypothesis position ("column") at a time, 64 reference positions
// ("rows") per machine word.
//
// Why: a whole conversation aligned at once is 10k × 10k words = 10^8 DP cells. The scalar DP does
// one cell per step; here one step of ~17 word operations advances 64 cells, so a full pass over a
// 10k × 10k matrix is ~1.6 M word steps (a few milliseconds). The long-form aligner
// (long_form_alignment.h) builds on these columns; this file only knows how to advance them.
//
// Representation. D(i, j) is the edit distance between ref[0, i) and hyp[0, j). A column j is kept as
// its vertical deltas D(i, j) - D(i-1, j) ∈ {-1, 0, +1} for rows i = 1..n: block b, bit k describes row
// i = 64·b + k + 1. Row 0 is implied (D(0, j) = j), so a column plus its index determines every value.
// Rows beyond n in the last block are padding: information only flows to higher rows, so whatever
// they hold never reaches rows ≤ n.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pb {

// Vertical deltas of one 64-row block of a column: plus bit set ↔ D(i, j) - D(i-1, j) = +1,
// minus bit set ↔ -1, neither ↔ 0.
struct VerticalDeltas {
  std::uint64_t plus = 0;
  std::uint64_t minus = 0;
};

// Horizontal deltas D(i, j) - D(i, j-1) of one 64-row block, same bit layout.
struct HorizontalDeltas {
  std::uint64_t plus = 0;
  std::uint64_t minus = 0;
};

// -1, 0 or +1: the delta that a block's bit pair records for row i (1-based, 64·b < i ≤ 64·(b+1)).
template <class Deltas>
inline int delta_at(const Deltas* column, std::size_t i) {
  const std::size_t bit = (i - 1) & 63;
  const Deltas& d = column[(i - 1) >> 6];
  return static_cast<int>((d.plus >> bit) & 1) - static_cast<int>((d.minus >> bit) & 1);
}

inline std::size_t blocks_for_rows(std::size_t rows) { return (rows + 63) / 64; }

// Match masks of the reference for each hypothesis position: bit (i-1) is set where
// ref[i-1] == hyp[j]. Only symbols that occur in both sequences get masks, and storage is linear:
//   - "dense" symbols, those with at least n/64 occurrences in ref (so at most 64 of them), keep a
//     full mask of ceil(n/64) words each: ≤ n words in total;
//   - every other symbol keeps its sorted occurrence list and its mask is written into one scratch
//     column on demand and erased on the next call. It has fewer than n/64 occurrences, so writing it
//     costs less than the column step it feeds: the O(n·m/64) time bound holds for any alphabet.
// Not thread-safe (the scratch column); use one per alignment.
class ReferenceMasks {
 public:
  ReferenceMasks(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp);

  std::size_t rows() const { return rows_; }
  std::size_t blocks() const { return blocks_; }

  // Match mask of hyp[j] for the first `blocks` blocks (blocks ≤ this->blocks()). The pointer is
  // valid until the next call.
  const std::uint64_t* mask(std::size_t j, std::size_t blocks);

 private:
  void clear_scratch();

  std::size_t rows_ = 0;
  std::size_t blocks_ = 0;
  std::int32_t dense_count_ = 0;
  // Per hypothesis position: -1 = absent from ref, [0, dense_count_) = dense mask index,
  // otherwise dense_count_ + index into the sparse occurrence lists.
  std::vector<std::int32_t> hyp_kind_;
  std::vector<std::uint64_t> dense_;          // dense_count_ × blocks_
  std::vector<std::int32_t> sparse_start_;    // CSR offsets into sparse_rows_, one more than lists
  std::vector<std::int32_t> sparse_rows_;     // ref positions (0-based), ascending per symbol
  std::vector<std::uint64_t> scratch_;        // blocks_ words, all zero between uses
  std::int32_t scratch_sparse_ = -1;          // sparse list currently written into scratch_, or -1
  std::size_t scratch_limit_ = 0;             // rows written (64 × blocks of that call)
};

// Advances a column: from the vertical deltas of column j-1 (`in`) and the match mask of hyp[j-1],
// writes those of column j to `out` (may equal `in`) for the first `blocks` blocks. When `horizontal`
// is not null it also receives the horizontal deltas D(i, j) - D(i, j-1) of those blocks.
void advance_column(const std::uint64_t* eq, const VerticalDeltas* in, VerticalDeltas* out,
                    HorizontalDeltas* horizontal, std::size_t blocks);

// Column 0: D(i, 0) = i, so every vertical delta is +1.
std::vector<VerticalDeltas> initial_column(std::size_t rows);

// D(rows, j) from column j's deltas: j + Σ_{i ≤ rows} delta(i).
std::int64_t column_value(const VerticalDeltas* column, std::size_t j, std::size_t rows);

// Minimum number of substitutions + deletions + insertions turning ref into hyp. Time
// O(ceil(n/64)·m), memory O(n + m). Equals count_symbol_errors(ref, hyp).errors().
std::int64_t bit_parallel_edit_distance(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp);

}  // namespace pb
