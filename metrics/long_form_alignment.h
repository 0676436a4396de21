#pragma once
// Exact alignment of long token sequences (a whole conversation, 10k+ words a side) in linear memory,
// choosing the SAME minimum alignment as the full DP of word_alignment.h, tie-breaking included.
//
// Why not classic Hirschberg. Hirschberg splits the problem at a cell where forward + reverse
// distances add up to the minimum. That finds *an* optimal alignment, but which one depends on the
// split points, not on the documented rule (backtrack from the end preferring diagonal, then
// deletion, then insertion). Reports compare S/D/I, and count_errors/align_tokens already give that
// rule's split for every stored run, so changing the chosen alignment for long inputs would silently
// change stored numbers and make short and long inputs follow different rules.
//
// What this does instead: the documented rule is a greedy walk backwards from (n, m) that only needs
// the forward DP values D around the current cell. Those values are recomputed on demand from
// checkpointed DP columns, divide-and-conquer over the hypothesis:
//   - a column is ceil(n/64) pairs of words of vertical deltas (bit_parallel_distance.h), advanced 64
//     cells per step;
//   - solve(columns c..d, rows ≤ e): if d - c ≤ base_columns, compute the columns c+1..d (plus their
//     horizontal deltas) from column c and walk the greedy path back from (e, d) until it reaches
//     column c; otherwise advance from column c once, keeping `fanout - 1` evenly spaced checkpoint
//     columns, and solve the fanout segments right to left, each starting where the walk left the
//     previous one. The row bound e only shrinks, because the walk never moves down.
// The walk therefore takes exactly the steps the full back-pointer matrix would: at each cell the same
// three neighbour values are compared in the same order. Hence identical pairs and counts.
//
// The walk needs exact D only near minimum alignments, so columns are advanced only on the 64-row
// blocks of a diagonal band that provably holds every minimum alignment (see "Band" in the .cpp);
// for a transcript at 15 % WER that is ~1/4 of the rows.
//
// Cost, with w = 64-bit words per column = ceil(n/64), b ≤ w the band's width in words (about
// (k' + 128)/64 for a distance bound k', see LongFormOptions::first_bound) and
// L = ceil(log_fanout(m / base_columns)) levels:
//   time   O(b·m·(L + 2)) word steps: a full-width pass (twice when the first bound was too small),
//          then per level a pass cut at the path's row, then the base pass; plus O(n + m) for the
//          walk. Never worse than O(w·m·(L + 3)). 10k × 10k at 15 % WER: ~5 ms of CPU;
//   memory (fanout - 1)·L + 1 checkpoint columns of 2w words, base_columns columns of at most 4w
//          words, the match masks (≤ n words dense + n sparse positions) and the O(n + m) output:
//          about 3·n words for 10k words, linear in n + m for every size with a fixed fanout (L ≤ 6
//          for anything that fits in int32). No array is n × m.
#include <cstdint>
#include <span>

#include "metrics/word_alignment.h"

namespace pb {

struct LongFormOptions {
  // Width of the blocks whose columns are all kept for the walk (4·ceil(n/64) words per column).
  std::int32_t base_columns = 64;
  // Segments per divide-and-conquer level (fanout - 1 checkpoint columns per level).
  std::int32_t fanout = 16;
  // First guess of how far the minimum exceeds |n - m|, which sets the band's width; -1 = max(n, m)/4
  // + 64 (one pass when the error rate is below ~25 %, two otherwise). Tests set small values to force
  // the second pass. Any value gives the same result.
  std::int64_t first_bound = -1;
};

// The alignment that align_symbols() documents, by the checkpointed bit-parallel walk. Counts are
// always filled; pairs only when keep_pairs (count_errors does not need them). Any sizes, including
// empty; options must have base_columns ≥ 1 and fanout ≥ 2 (smaller values exist for tests that want
// deep recursion on small inputs).
Alignment align_symbols_long_form(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp,
                                  bool keep_pairs, const LongFormOptions& options = {});

}  // namespace pb
