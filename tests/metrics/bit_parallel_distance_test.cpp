#include "metrics/bit_parallel_distance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "core/rng.h"

namespace pb {
namespace {

using Symbols = std::vector<std::int32_t>;

// Plain full-matrix Levenshtein distance, the independent reference.
std::int64_t naive_distance(const Symbols& a, const Symbols& b) {
  std::vector<std::int64_t> prev(b.size() + 1), cur(b.size() + 1);
  std::iota(prev.begin(), prev.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<std::int64_t>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

Symbols iota_symbols(std::size_t n, std::int32_t first = 0) {
  Symbols out(n);
  std::iota(out.begin(), out.end(), first);
  return out;
}

TEST(BitParallelDistance, HandCheckedValues) {
  // kitten → sitting: k→s, e→i, +g.
  const Symbols kitten = {'k', 'i', 't', 't', 'e', 'n'};
  const Symbols sitting = {'s', 'i', 't', 't', 'i', 'n', 'g'};
  EXPECT_EQ(bit_parallel_edit_distance(kitten, sitting), 3);
  EXPECT_EQ(bit_parallel_edit_distance(sitting, kitten), 3);
  // Danish code points: "år" → "ar" is one substitution; "æøå" → "øå" one deletion.
  EXPECT_EQ(bit_parallel_edit_distance(Symbols{0xE5, 'r'}, Symbols{'a', 'r'}), 1);
  EXPECT_EQ(bit_parallel_edit_distance(Symbols{0xE6, 0xF8, 0xE5}, Symbols{0xF8, 0xE5}), 1);
}

TEST(BitParallelDistance, EmptyInputs) {
  const Symbols none;
  EXPECT_EQ(bit_parallel_edit_distance(none, none), 0);
  EXPECT_EQ(bit_parallel_edit_distance(none, iota_symbols(70)), 70);
  EXPECT_EQ(bit_parallel_edit_distance(iota_symbols(130), none), 130);
}

TEST(BitParallelDistance, WordBoundaries) {
  // Deleting the symbol on each side of a 64-row word boundary, and disjoint texts whose distance is
  // the longer length.
  for (const std::size_t n : {63u, 64u, 65u, 127u, 128u, 129u, 200u}) {
    const Symbols ref = iota_symbols(n);
    for (const std::size_t cut : {std::size_t{0}, std::size_t{62}, std::size_t{63}, std::size_t{64}, n - 1}) {
      if (cut >= n) continue;
      Symbols hyp = ref;
      hyp.erase(hyp.begin() + static_cast<std::ptrdiff_t>(cut));
      EXPECT_EQ(bit_parallel_edit_distance(ref, hyp), 1) << n << " " << cut;
      EXPECT_EQ(bit_parallel_edit_distance(hyp, ref), 1) << n << " " << cut;
    }
    EXPECT_EQ(bit_parallel_edit_distance(ref, iota_symbols(n + 5, 1000)), static_cast<std::int64_t>(n + 5));
    EXPECT_EQ(bit_parallel_edit_distance(ref, ref), 0);
  }
}

TEST(BitParallelDistance, ExtremeSymbolValues) {
  const std::int32_t lo = std::numeric_limits<std::int32_t>::min();
  const std::int32_t hi = std::numeric_limits<std::int32_t>::max();
  EXPECT_EQ(bit_parallel_edit_distance(Symbols{lo, hi, -1, 0}, Symbols{hi, -1, 0, lo}), 2);
}

TEST(BitParallelDistance, RandomCrossCheckAgainstNaive) {
  // Small alphabets give dense masks (symbols with ≥ n/64 occurrences), large ones sparse lists, and
  // mixed frequencies both in one text.
  Rng rng(7);
  for (int trial = 0; trial < 3000; ++trial) {
    const auto n = static_cast<std::size_t>(rng.uniform_int(0, trial < 2000 ? 80 : 300));
    const auto m = static_cast<std::size_t>(rng.uniform_int(0, trial < 2000 ? 80 : 300));
    const auto alphabet = rng.uniform_int(1, trial % 3 == 0 ? 3 : 400);
    Symbols ref(n), hyp(m);
    for (auto& s : ref) s = static_cast<std::int32_t>(rng.bernoulli(0.3) ? 0 : rng.uniform_int(0, alphabet));
    for (auto& s : hyp) s = static_cast<std::int32_t>(rng.bernoulli(0.3) ? 0 : rng.uniform_int(0, alphabet));
    ASSERT_EQ(bit_parallel_edit_distance(ref, hyp), naive_distance(ref, hyp)) << "trial " << trial;
  }
}

TEST(ReferenceMasks, DenseSparseAndAbsentSymbols) {
  // 130 rows (3 blocks); a symbol is dense from ceil(130/64) = 3 occurrences. Symbol 1 (126 times) and
  // symbol 7 (3 times) are dense, symbol 9 (once) is sparse, symbol 5 does not occur.
  Symbols ref(130, 1);
  ref[0] = 7;
  ref[64] = 7;
  ref[129] = 7;
  ref[70] = 9;
  const Symbols hyp = {7, 9, 5, 1, 9};
  ReferenceMasks masks(ref, hyp);
  ASSERT_EQ(masks.rows(), 130u);
  ASSERT_EQ(masks.blocks(), 3u);

  const std::uint64_t* seven = masks.mask(0, 3);
  EXPECT_EQ(seven[0], 1u);
  EXPECT_EQ(seven[1], 1u);
  EXPECT_EQ(seven[2], 2u);

  const std::uint64_t* nine = masks.mask(1, 3);
  EXPECT_EQ(nine[0], 0u);
  EXPECT_EQ(nine[1], std::uint64_t{1} << 6);
  EXPECT_EQ(nine[2], 0u);

  // After a sparse symbol, an absent one must see a clean scratch column.
  const std::uint64_t* five = masks.mask(2, 3);
  EXPECT_EQ(five[0] | five[1] | five[2], 0u);

  const std::uint64_t* one = masks.mask(3, 3);
  EXPECT_EQ(one[0], ~std::uint64_t{0} - 1);  // all but row 0
  EXPECT_EQ(one[1], ~std::uint64_t{0} - 1 - (std::uint64_t{1} << 6));
  EXPECT_EQ(one[2], 1u);  // row 128 only; 129 is symbol 7, the rest is padding

  // A shorter request writes only the rows asked for.
  const std::uint64_t* nine_top = masks.mask(4, 1);
  EXPECT_EQ(nine_top[0], 0u);
  const std::uint64_t* nine_again = masks.mask(1, 2);
  EXPECT_EQ(nine_again[1], std::uint64_t{1} << 6);
}

TEST(BitParallelColumns, InitialColumnAndValues) {
  const auto column = initial_column(130);
  ASSERT_EQ(column.size(), 3u);
  EXPECT_EQ(column_value(column.data(), 0, 130), 130);
  EXPECT_EQ(column_value(column.data(), 4, 64), 68);
  EXPECT_EQ(column_value(column.data(), 0, 0), 0);
  EXPECT_TRUE(initial_column(0).empty());
}

TEST(BitParallelColumns, AdvanceMatchesDpValuesAndHorizontalDeltas) {
  // Every D(i, j) and every horizontal delta of a 70 × 9 matrix, against the plain DP.
  Rng rng(11);
  Symbols ref(70), hyp(9);
  for (auto& s : ref) s = static_cast<std::int32_t>(rng.uniform_int(0, 3));
  for (auto& s : hyp) s = static_cast<std::int32_t>(rng.uniform_int(0, 3));
  std::vector<std::vector<std::int64_t>> d(ref.size() + 1, std::vector<std::int64_t>(hyp.size() + 1));
  for (std::size_t i = 0; i <= ref.size(); ++i) d[i][0] = static_cast<std::int64_t>(i);
  for (std::size_t j = 0; j <= hyp.size(); ++j) d[0][j] = static_cast<std::int64_t>(j);
  for (std::size_t i = 1; i <= ref.size(); ++i) {
    for (std::size_t j = 1; j <= hyp.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j - 1] + (ref[i - 1] == hyp[j - 1] ? 0 : 1), d[i - 1][j] + 1, d[i][j - 1] + 1});
    }
  }
  ReferenceMasks masks(ref, hyp);
  auto column = initial_column(ref.size());
  std::vector<HorizontalDeltas> horizontal(column.size());
  for (std::size_t j = 1; j <= hyp.size(); ++j) {
    advance_column(masks.mask(j - 1, masks.blocks()), column.data(), column.data(), horizontal.data(), masks.blocks());
    for (std::size_t i = 1; i <= ref.size(); ++i) {
      ASSERT_EQ(column_value(column.data(), j, i), d[i][j]) << i << "," << j;
      ASSERT_EQ(delta_at(horizontal.data(), i), d[i][j] - d[i][j - 1]) << i << "," << j;
    }
  }
}

}  // namespace
}  // namespace pb
