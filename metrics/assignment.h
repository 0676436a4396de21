#pragma once
// Minimum-cost assignment (the linear sum assignment problem), solved with the Hungarian algorithm in its
// O(n³) shortest-augmenting-path form with row and column potentials. Used by cpWER and tcpWER to pair
// hypothesis speakers with reference speakers.
//
// Rectangular matrices are solved by padding to a square with zero-cost dummy rows or columns, so every
// row is paired with a column when rows <= cols and every column with a row when cols <= rows; the rows
// (or columns) left over get no partner. Callers that want leftovers to cost something (cpWER: an
// unmatched reference speaker costs all its words as deletions) build the padded square themselves.
//
// Ties: several assignments can reach the minimum. The one returned is fully determined by the matrix
// (no randomness, no dependence on memory layout), but which of the optimal ones it is is not specified
// beyond that; tests compare costs, not pairings, when ties exist.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pb {

struct AssignmentResult {
  // For each row, the column it is paired with, or -1 when the row got no partner (only when rows > cols).
  std::vector<int> column_of_row;
  // Sum of costs[r][column_of_row[r]] over the paired rows.
  std::int64_t cost = 0;
};

// costs: rows × cols, row-major (costs[r * cols + c]); costs.size() == rows * cols. Costs may be negative.
// Precondition (assert): |cost| * max(rows, cols) fits comfortably in int64 (any |cost| < 2^40 is fine for
// matrices up to a million rows). rows == 0 or cols == 0 gives no pairs and cost 0.
// Time O(n³) and memory O(n²) with n = max(rows, cols).
AssignmentResult min_cost_assignment(std::span<const std::int64_t> costs, std::size_t rows, std::size_t cols);

}  // namespace pb
