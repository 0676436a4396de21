#include "metrics/long_form_alignment.h"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdlib>
#include <vector>

#include "metrics/bit_parallel_distance.h"

namespace pb {
namespace {

// Receives the alignment's steps from the end to the start.
class ReversedPath {
 public:
  explicit ReversedPath(bool keep_pairs) : keep_pairs_(keep_pairs) {}

  void add(EditOp op, std::size_t ref_index, std::size_t hyp_index) {
    switch (op) {
      case EditOp::hit: ++counts_.hits; break;
      case EditOp::substitution: ++counts_.substitutions; break;
      case EditOp::deletion: ++counts_.deletions; break;
      case EditOp::insertion: ++counts_.insertions; break;
    }
    if (keep_pairs_) {
      pairs_.push_back({op, op == EditOp::insertion ? -1 : static_cast<std::int32_t>(ref_index),
                        op == EditOp::deletion ? -1 : static_cast<std::int32_t>(hyp_index)});
    }
  }

  Alignment finish(std::size_t n, std::size_t m) && {
    Alignment out;
    std::reverse(pairs_.begin(), pairs_.end());
    out.pairs = std::move(pairs_);
    out.counts = counts_;
    out.counts.ref_words = static_cast<std::int64_t>(n);
    out.counts.hyp_words = static_cast<std::int64_t>(m);
    return out;
  }

  void reserve(std::size_t size) {
    if (keep_pairs_) pairs_.reserve(size);
  }

 private:
  bool keep_pairs_;
  std::vector<AlignedPair> pairs_;
  ErrorCounts counts_;
};

// Columns are numbered as in the DP: column j holds D(·, j), built from hyp[j-1]. Rows likewise.
//
// Band. Every cell (i, j) of a minimum alignment of cost k satisfies |i - j| + |(n - i) - (m - j)| ≤ k
// (each part costs at least its length difference), i.e. i - j lies in [(Δ - k)/2, (Δ + k)/2] with
// Δ = n - m. Columns are only advanced on the 64-row blocks meeting that band for an upper bound
// k' ≥ k; the others keep stand-in values that are costs of real paths, hence never below the true D:
//   - blocks above the band are frozen: the first advanced block gets the carry of row 0 (+1), which
//     means D'(i, j) = D'(i, j-1) + 1 there (an insertion);
//   - blocks below it keep +1 vertical deltas: D'(i, j) = D'(i-1, j) + 1 (a deletion).
// So D' ≥ D everywhere, and D' = D on every cell whose optimal prefix stays inside the band, which
// includes every cell of every minimum alignment. The walk only ever stands on such cells, and a
// neighbour passes its "D(p) + cost == D(cell)" test exactly when it lies on a minimum alignment
// (then D'(p) = D(p)); otherwise D'(p) ≥ D(p) fails it as D(p) does. Hence the same walk.
// k' comes from a first guess (|Δ| + max(n, m)/4 + 64): the full-width pass gives D'(n, m) ≥ k; if it
// is ≤ k' it is exact (the band held every minimum alignment), otherwise it is itself a valid bound
// and one more pass with k' = D'(n, m) is exact.
class Walker {
 public:
  Walker(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp, const LongFormOptions& options,
         ReversedPath& path)
      : ref_(ref), hyp_(hyp), options_(options), masks_(ref, hyp), path_(path) {}

  void run() {
    const std::size_t n = ref_.size(), m = hyp_.size();
    const auto sn = static_cast<std::int64_t>(n), sm = static_cast<std::int64_t>(m);
    const std::int64_t longer = std::max(sn, sm);
    const std::int64_t guess = options_.first_bound >= 0 ? options_.first_bound : longer / 4 + 64;
    std::int64_t bound = std::min(longer, std::abs(sn - sm) + guess);
    const std::vector<VerticalDeltas> column0 = initial_column(n);
    const std::size_t blocks = column0.size();
    const std::vector<std::size_t> edges = split(0, m);
    std::vector<VerticalDeltas> checkpoints;
    std::int64_t value = 0;
    for (;;) {
      set_band(bound);
      const std::vector<VerticalDeltas> last = sweep(0, m, blocks, column0.data(), edges, checkpoints);
      value = column_value(last.data(), m, n);
      if (value <= bound) break;
      bound = value;
    }
    const Position end = descend(edges, n, value, column0.data(), checkpoints, blocks);
    // Column 0 is reached: the rest of the reference is deleted.
    for (std::size_t row = end.row; row > 0; --row) path_.add(EditOp::deletion, row - 1, 0);
  }

 private:
  struct Position {
    std::size_t row;
    std::int64_t value;  // D(row, column)
  };
  struct BlockRange {
    std::size_t first = 0, end = 0;  // [first, end)
  };

  void set_band(std::int64_t bound) {
    const auto delta = static_cast<std::int64_t>(ref_.size()) - static_cast<std::int64_t>(hyp_.size());
    // Floor and ceiling of the halves, so the band is never narrower than the bound allows.
    band_low_ = (delta - bound) >= 0 ? (delta - bound) / 2 : -((bound - delta + 1) / 2);
    band_high_ = (delta + bound + 1) / 2;
  }

  // The blocks of column j to advance, among the first `blocks`.
  BlockRange range(std::size_t j, std::size_t blocks) const {
    const auto sj = static_cast<std::int64_t>(j);
    const std::int64_t low = std::max<std::int64_t>(1, sj + band_low_);
    const std::int64_t high = std::min<std::int64_t>(static_cast<std::int64_t>(ref_.size()), sj + band_high_);
    if (high < low) return {};
    BlockRange r{static_cast<std::size_t>(low - 1) / 64,
                 std::min(static_cast<std::size_t>(high - 1) / 64 + 1, blocks)};
    if (r.first >= r.end) return {};
    return r;
  }

  // Advances `column` (all `blocks`, holding column j-1) to column j.
  void advance(std::size_t j, VerticalDeltas* column, HorizontalDeltas* horizontal, BlockRange r) {
    if (r.first == r.end) return;
    const std::uint64_t* eq = masks_.mask(j - 1, r.end);
    advance_column(eq + r.first, column + r.first, column + r.first, horizontal, r.end - r.first);
  }

  // Segment edges c = edges[0] < ... < edges.back() = d, or just {c, d} when the range is a base block.
  std::vector<std::size_t> split(std::size_t c, std::size_t d) const {
    const std::size_t width = d - c;
    const auto base = static_cast<std::size_t>(options_.base_columns);
    if (width <= base) return {c, d};
    const std::size_t segments = std::min(static_cast<std::size_t>(options_.fanout), (width + base - 1) / base);
    const std::size_t step = (width + segments - 1) / segments;
    std::vector<std::size_t> edges;
    for (std::size_t left = c; left < d; left += step) edges.push_back(left);
    edges.push_back(d);
    return edges;
  }

  // Advances from column edges[0] (given) through column `through`, storing the first `blocks` blocks
  // of the interior edges' columns in `checkpoints`. Returns the column at `through`.
  std::vector<VerticalDeltas> sweep(std::size_t c, std::size_t through, std::size_t blocks,
                                    const VerticalDeltas* column_c, const std::vector<std::size_t>& edges,
                                    std::vector<VerticalDeltas>& checkpoints) {
    checkpoints.assign((edges.size() - 2) * blocks, VerticalDeltas{});
    std::vector<VerticalDeltas> current(column_c, column_c + blocks);
    std::size_t next = 1;
    for (std::size_t j = c + 1; j <= through; ++j) {
      advance(j, current.data(), nullptr, range(j, blocks));
      if (next + 1 < edges.size() && j == edges[next]) {
        std::copy(current.begin(), current.end(),
                  checkpoints.begin() + static_cast<std::ptrdiff_t>((next - 1) * blocks));
        ++next;
      }
    }
    return current;
  }

  // Solves the segments between `edges` right to left, starting at (row, edges.back()).
  Position descend(const std::vector<std::size_t>& edges, std::size_t row, std::int64_t value,
                   const VerticalDeltas* column_c, const std::vector<VerticalDeltas>& checkpoints,
                   std::size_t blocks) {
    Position at{row, value};
    for (std::size_t s = edges.size() - 1; s-- > 0;) {
      const VerticalDeltas* left = s == 0 ? column_c : checkpoints.data() + (s - 1) * blocks;
      at = solve(edges[s], edges[s + 1], at, left);
    }
    return at;
  }

  // Walks the greedy path from `from` in column d back to column c, given column c (at least
  // ceil(from.row/64) blocks), and returns where it reaches column c.
  Position solve(std::size_t c, std::size_t d, Position from, const VerticalDeltas* column_c) {
    if (from.row == 0) {
      // Row 0: only insertions remain in this range.
      for (std::size_t j = d; j > c; --j) path_.add(EditOp::insertion, 0, j - 1);
      return {0, static_cast<std::int64_t>(c)};
    }
    const std::vector<std::size_t> edges = split(c, d);
    if (edges.size() == 2) return solve_base(c, d, from, column_c);
    const std::size_t blocks = blocks_for_rows(from.row);
    std::vector<VerticalDeltas> checkpoints;
    sweep(c, edges[edges.size() - 2], blocks, column_c, edges, checkpoints);
    return descend(edges, from.row, from.value, column_c, checkpoints, blocks);
  }

  Position solve_base(std::size_t c, std::size_t d, Position from, const VerticalDeltas* column_c) {
    const std::size_t blocks = blocks_for_rows(from.row);
    const std::size_t width = d - c;
    // Column c + t (t = 1..width) keeps its advanced blocks ranges_[t-1] at offsets_[t-1] in
    // vertical_/horizontal_; blocks past the range hold +1 vertical deltas (see Band above).
    ranges_.resize(width);
    offsets_.resize(width + 1);
    offsets_[0] = 0;
    for (std::size_t t = 1; t <= width; ++t) {
      ranges_[t - 1] = range(c + t, blocks);
      offsets_[t] = offsets_[t - 1] + (ranges_[t - 1].end - ranges_[t - 1].first);
    }
    vertical_.resize(offsets_[width]);
    horizontal_.resize(offsets_[width]);
    current_.assign(column_c, column_c + blocks);
    for (std::size_t t = 1; t <= width; ++t) {
      const BlockRange r = ranges_[t - 1];
      advance(c + t, current_.data(), horizontal_.data() + offsets_[t - 1], r);
      std::copy(current_.begin() + static_cast<std::ptrdiff_t>(r.first),
                current_.begin() + static_cast<std::ptrdiff_t>(r.end),
                vertical_.begin() + static_cast<std::ptrdiff_t>(offsets_[t - 1]));
    }
    // Delta of row i in column j, for rows the walk can ask about (never above the column's range).
    auto vertical_delta = [&](std::size_t j, std::size_t i) {
      if (j == c) return delta_at(column_c, i);
      const BlockRange r = ranges_[j - c - 1];
      const std::size_t b = (i - 1) / 64;
      assert(b >= r.first);
      if (b >= r.end) return 1;
      return delta_at(vertical_.data() + offsets_[j - c - 1], i - r.first * 64);
    };
    auto horizontal_delta = [&](std::size_t j, std::size_t i) {
      const BlockRange r = ranges_[j - c - 1];
      assert((i - 1) / 64 >= r.first && (i - 1) / 64 < r.end);
      return delta_at(horizontal_.data() + offsets_[j - c - 1], i - r.first * 64);
    };

    // The same decisions as the back-pointers of align_symbols' full DP (choose()): diagonal if it
    // reaches the minimum, else deletion if it does, else insertion. val = D(i, j) throughout.
    std::size_t i = from.row, j = d;
    std::int64_t val = from.value;
    while (j > c) {
      if (i == 0) {
        path_.add(EditOp::insertion, 0, j - 1);
        --j;
        val = static_cast<std::int64_t>(j);
        continue;
      }
      if (ref_[i - 1] == hyp_[j - 1]) {
        // A hit never costs more than any alternative: D(i-1, j-1) = D(i, j).
        path_.add(EditOp::hit, i - 1, j - 1);
        --i;
        --j;
        continue;
      }
      const std::int64_t left = val - horizontal_delta(j, i);          // D(i, j-1)
      const std::int64_t diagonal = left - vertical_delta(j - 1, i);    // D(i-1, j-1)
      if (diagonal + 1 == val) {
        path_.add(EditOp::substitution, i - 1, j - 1);
        --i;
        --j;
        val = diagonal;
      } else if (vertical_delta(j, i) == 1) {  // D(i-1, j) + 1 == D(i, j)
        path_.add(EditOp::deletion, i - 1, 0);
        --i;
        --val;
      } else {
        assert(left + 1 == val);
        path_.add(EditOp::insertion, 0, j - 1);
        --j;
        val = left;
      }
    }
    return {i, val};
  }

  std::span<const std::int32_t> ref_, hyp_;
  LongFormOptions options_;
  ReferenceMasks masks_;
  ReversedPath& path_;
  std::int64_t band_low_ = 0, band_high_ = 0;
  // Base-block scratch, reused (base blocks never nest).
  std::vector<BlockRange> ranges_;
  std::vector<std::size_t> offsets_;
  std::vector<VerticalDeltas> vertical_, current_;
  std::vector<HorizontalDeltas> horizontal_;
};

}  // namespace

Alignment align_symbols_long_form(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp,
                                  bool keep_pairs, const LongFormOptions& options) {
  assert(options.base_columns >= 1 && options.fanout >= 2);
  ReversedPath path(keep_pairs);
  path.reserve(ref.size() + hyp.size());
  Walker(ref, hyp, options, path).run();
  return std::move(path).finish(ref.size(), hyp.size());
}

}  // namespace pb
