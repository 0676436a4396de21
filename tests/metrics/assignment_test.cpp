#include "metrics/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <set>
#include <vector>

#include "core/rng.h"

namespace pb {
namespace {

// Checks that the result is a valid partial matching of the right size and that `cost` is its real cost.
void expect_valid(const AssignmentResult& a, const std::vector<std::int64_t>& costs, std::size_t rows,
                  std::size_t cols) {
  ASSERT_EQ(a.column_of_row.size(), rows);
  std::set<int> used;
  std::int64_t sum = 0;
  std::size_t paired = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    const int c = a.column_of_row[r];
    if (c < 0) continue;
    ASSERT_LT(static_cast<std::size_t>(c), cols);
    EXPECT_TRUE(used.insert(c).second) << "column " << c << " used twice";
    sum += costs[r * cols + static_cast<std::size_t>(c)];
    ++paired;
  }
  EXPECT_EQ(paired, std::min(rows, cols));
  EXPECT_EQ(sum, a.cost);
}

// Exhaustive minimum over all injective pairings of the smaller side into the larger.
std::int64_t brute_force(const std::vector<std::int64_t>& costs, std::size_t rows, std::size_t cols) {
  const std::size_t n = std::max(rows, cols);
  std::vector<std::size_t> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  do {
    std::int64_t sum = 0;
    if (rows <= cols) {
      for (std::size_t r = 0; r < rows; ++r) sum += costs[r * cols + perm[r]];
    } else {
      for (std::size_t c = 0; c < cols; ++c) sum += costs[perm[c] * cols + c];
    }
    best = std::min(best, sum);
  } while (std::next_permutation(perm.begin(), perm.end()));
  return best;
}

TEST(MinCostAssignment, EmptyMatrices) {
  const std::vector<std::int64_t> none;
  auto a = min_cost_assignment(none, 0, 0);
  EXPECT_TRUE(a.column_of_row.empty());
  EXPECT_EQ(a.cost, 0);
  a = min_cost_assignment(none, 3, 0);
  EXPECT_EQ(a.column_of_row, (std::vector<int>{-1, -1, -1}));
  EXPECT_EQ(a.cost, 0);
  a = min_cost_assignment(none, 0, 4);
  EXPECT_TRUE(a.column_of_row.empty());
}

TEST(MinCostAssignment, OneByOne) {
  const std::vector<std::int64_t> c{7};
  const auto a = min_cost_assignment(c, 1, 1);
  EXPECT_EQ(a.column_of_row, (std::vector<int>{0}));
  EXPECT_EQ(a.cost, 7);
}

TEST(MinCostAssignment, HandCheckedSquare) {
  // The unique optimum is 0→1, 1→0, 2→2 = 1 + 2 + 2 = 5; every other permutation costs more:
  // identity 4+0+2=6, (0→2,1→1,2→0) 3+0+3=6, (0→0,1→2,2→1) 4+5+2=11, (0→1,1→2,2→0) 1+5+3=9, (0→2,1→0,2→1) 3+2+2=7.
  const std::vector<std::int64_t> c{4, 1, 3,  //
                                    2, 0, 5,  //
                                    3, 2, 2};
  const auto a = min_cost_assignment(c, 3, 3);
  EXPECT_EQ(a.column_of_row, (std::vector<int>{1, 0, 2}));
  EXPECT_EQ(a.cost, 5);
}

TEST(MinCostAssignment, GreedyIsWrongHere) {
  // Row 0's cheapest column (0, cost 1) forces row 1 into cost 100; the optimum gives row 0 column 1.
  const std::vector<std::int64_t> c{1, 2,  //
                                    3, 100};
  const auto a = min_cost_assignment(c, 2, 2);
  EXPECT_EQ(a.column_of_row, (std::vector<int>{1, 0}));
  EXPECT_EQ(a.cost, 5);
}

TEST(MinCostAssignment, MoreColumnsThanRows) {
  // Row 0 wants column 2 (1), row 1 wants column 2 as well (0); best: row 0 → 0 (2), row 1 → 2 (0) = 2.
  const std::vector<std::int64_t> c{2, 9, 1,  //
                                    8, 7, 0};
  const auto a = min_cost_assignment(c, 2, 3);
  expect_valid(a, c, 2, 3);
  EXPECT_EQ(a.column_of_row, (std::vector<int>{0, 2}));
  EXPECT_EQ(a.cost, 2);
}

TEST(MinCostAssignment, MoreRowsThanColumns) {
  // Column 0 goes to row 2 (cost 1), column 1 to row 0 (cost 3); row 1 is left over.
  const std::vector<std::int64_t> c{5, 3,  //
                                    6, 4,  //
                                    1, 9};
  const auto a = min_cost_assignment(c, 3, 2);
  expect_valid(a, c, 3, 2);
  EXPECT_EQ(a.column_of_row, (std::vector<int>{1, -1, 0}));
  EXPECT_EQ(a.cost, 4);
}

TEST(MinCostAssignment, NegativeCosts) {
  const std::vector<std::int64_t> c{-5, 0,  //
                                    0, -7};
  const auto a = min_cost_assignment(c, 2, 2);
  EXPECT_EQ(a.column_of_row, (std::vector<int>{0, 1}));
  EXPECT_EQ(a.cost, -12);
}

TEST(MinCostAssignment, AllEqualCostsStillAPermutation) {
  const std::vector<std::int64_t> c(16, 3);
  const auto a = min_cost_assignment(c, 4, 4);
  expect_valid(a, c, 4, 4);
  EXPECT_EQ(a.cost, 12);
}

TEST(MinCostAssignment, MatchesBruteForceOnRandomMatrices) {
  Rng rng(derive_seed(20240607, "assignment-brute-force"));
  int checked = 0;
  for (int trial = 0; trial < 600; ++trial) {
    const auto rows = static_cast<std::size_t>(rng.uniform_int(1, 7));
    const auto cols = static_cast<std::size_t>(rng.uniform_int(1, 7));
    // Small ranges give many ties, wide ones (with negatives) exercise the potentials.
    const bool narrow = trial % 2 == 0;
    std::vector<std::int64_t> c(rows * cols);
    for (auto& x : c) x = narrow ? rng.uniform_int(0, 3) : rng.uniform_int(-1000, 1000);
    const auto a = min_cost_assignment(c, rows, cols);
    expect_valid(a, c, rows, cols);
    ASSERT_EQ(a.cost, brute_force(c, rows, cols)) << "trial " << trial << " " << rows << "x" << cols;
    ++checked;
  }
  EXPECT_EQ(checked, 600);
}

TEST(MinCostAssignment, DeterministicForTheSameMatrix) {
  Rng rng(7);
  std::vector<std::int64_t> c(36);
  for (auto& x : c) x = rng.uniform_int(0, 2);
  const auto a = min_cost_assignment(c, 6, 6);
  const auto b = min_cost_assignment(c, 6, 6);
  EXPECT_EQ(a.column_of_row, b.column_of_row);
}

TEST(MinCostAssignment, LargeMatrixWithPlantedOptimum) {
  // A planted permutation costs 0, everything else >= 1: the solver must find exactly it.
  const std::size_t n = 150;
  Rng rng(99);
  std::vector<std::size_t> planted(n);
  std::iota(planted.begin(), planted.end(), 0);
  for (std::size_t i = n - 1; i > 0; --i) std::swap(planted[i], planted[rng.index(i + 1)]);
  std::vector<std::int64_t> c(n * n);
  for (auto& x : c) x = rng.uniform_int(1, 1'000'000);
  for (std::size_t r = 0; r < n; ++r) c[r * n + planted[r]] = 0;
  const auto a = min_cost_assignment(c, n, n);
  expect_valid(a, c, n, n);
  EXPECT_EQ(a.cost, 0);
  for (std::size_t r = 0; r < n; ++r) EXPECT_EQ(a.column_of_row[r], static_cast<int>(planted[r]));
}

}  // namespace
}  // namespace pb
