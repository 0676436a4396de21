#pragma once
// Independent reference for the alignment tests: the full cost matrix, then backtracking from the end
// with the documented preference (diagonal, deletion, insertion). Written plainly on purpose; O(n·m)
// memory, so only for test sizes.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "metrics/word_alignment.h"

namespace pb::test_support {

struct NaiveAlignment {
  std::vector<AlignedPair> pairs;
  ErrorCounts counts;
  std::int64_t distance = 0;
};

template <class Token>
NaiveAlignment naive_alignment(const std::vector<Token>& ref, const std::vector<Token>& hyp) {
  const std::size_t n = ref.size(), m = hyp.size();
  std::vector<std::vector<std::int64_t>> d(n + 1, std::vector<std::int64_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<std::int64_t>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<std::int64_t>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      d[i][j] = std::min({d[i - 1][j - 1] + (ref[i - 1] == hyp[j - 1] ? 0 : 1), d[i - 1][j] + 1, d[i][j - 1] + 1});
    }
  }
  NaiveAlignment out;
  out.distance = d[n][m];
  out.counts.ref_words = static_cast<std::int64_t>(n);
  out.counts.hyp_words = static_cast<std::int64_t>(m);
  std::size_t i = n, j = m;
  while (i > 0 || j > 0) {
    const auto ri = static_cast<std::int32_t>(i) - 1, hj = static_cast<std::int32_t>(j) - 1;
    if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + (ref[i - 1] == hyp[j - 1] ? 0 : 1)) {
      const bool hit = ref[i - 1] == hyp[j - 1];
      out.pairs.push_back({hit ? EditOp::hit : EditOp::substitution, ri, hj});
      ++(hit ? out.counts.hits : out.counts.substitutions);
      --i;
      --j;
    } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
      out.pairs.push_back({EditOp::deletion, ri, -1});
      ++out.counts.deletions;
      --i;
    } else {
      out.pairs.push_back({EditOp::insertion, -1, hj});
      ++out.counts.insertions;
      --j;
    }
  }
  std::reverse(out.pairs.begin(), out.pairs.end());
  return out;
}

}  // namespace pb::test_support
