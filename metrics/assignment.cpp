#include "metrics/assignment.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace pb {

AssignmentResult min_cost_assignment(std::span<const std::int64_t> costs, std::size_t rows, std::size_t cols) {
  assert(costs.size() == rows * cols);
  AssignmentResult result;
  result.column_of_row.assign(rows, -1);
  if (rows == 0 || cols == 0) return result;

  // Square n × n problem; padding cells cost 0 so they never influence which real pairs are chosen.
  const std::size_t n = std::max(rows, cols);
  auto cost_at = [&](std::size_t r, std::size_t c) -> std::int64_t {
    return (r < rows && c < cols) ? costs[r * cols + c] : 0;
  };
  constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max() / 4;

  // Index 0 is a virtual row/column that anchors each augmenting path; real ones are 1..n.
  // u, v: potentials (reduced cost c - u - v >= 0 everywhere, 0 on matched pairs).
  // row_of_col[j]: row matched to column j (0 = free). way[j]: previous column on the shortest path.
  std::vector<std::int64_t> u(n + 1, 0), v(n + 1, 0), min_slack(n + 1);
  std::vector<std::size_t> row_of_col(n + 1, 0), way(n + 1, 0);
  std::vector<char> used(n + 1);

  for (std::size_t r = 1; r <= n; ++r) {
    // Add row r: grow a Dijkstra-like tree over reduced costs until it reaches a free column.
    row_of_col[0] = r;
    std::size_t col = 0;
    std::fill(min_slack.begin(), min_slack.end(), kInf);
    std::fill(used.begin(), used.end(), 0);
    do {
      used[col] = 1;
      const std::size_t row = row_of_col[col];
      std::int64_t delta = kInf;
      std::size_t next_col = 0;
      for (std::size_t j = 1; j <= n; ++j) {
        if (used[j]) continue;
        const std::int64_t reduced = cost_at(row - 1, j - 1) - u[row] - v[j];
        if (reduced < min_slack[j]) {
          min_slack[j] = reduced;
          way[j] = col;
        }
        if (min_slack[j] < delta) {
          delta = min_slack[j];
          next_col = j;
        }
      }
      for (std::size_t j = 0; j <= n; ++j) {
        if (used[j]) {
          u[row_of_col[j]] += delta;
          v[j] -= delta;
        } else {
          min_slack[j] -= delta;
        }
      }
      col = next_col;
    } while (row_of_col[col] != 0);
    // Flip the matching along the path back to the virtual column.
    do {
      const std::size_t previous = way[col];
      row_of_col[col] = row_of_col[previous];
      col = previous;
    } while (col != 0);
  }

  for (std::size_t j = 1; j <= n; ++j) {
    const std::size_t r = row_of_col[j] - 1;
    const std::size_t c = j - 1;
    if (r < rows && c < cols) {
      result.column_of_row[r] = static_cast<int>(c);
      result.cost += costs[r * cols + c];
    }
  }
  return result;
}

}  // namespace pb
