#include "metrics/word_alignment.h"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "metrics/long_form_alignment.h"

namespace pb {

ErrorCounts& ErrorCounts::operator+=(const ErrorCounts& other) {
  ref_words += other.ref_words;
  hyp_words += other.hyp_words;
  hits += other.hits;
  substitutions += other.substitutions;
  deletions += other.deletions;
  insertions += other.insertions;
  return *this;
}

namespace {

// Back-pointer codes, in tie-breaking preference order (lower wins a tie).
constexpr std::uint8_t kDiagonal = 0, kDeletion = 1, kInsertion = 2;

// Chooses the predecessor of a DP cell from the costs of its three neighbours. Shared by both
// entry points so that they cannot disagree on ties.
inline std::uint8_t choose(std::int32_t diagonal_cost, std::int32_t deletion_cost, std::int32_t insertion_cost) {
  if (diagonal_cost <= deletion_cost && diagonal_cost <= insertion_cost) return kDiagonal;
  if (deletion_cost <= insertion_cost) return kDeletion;
  return kInsertion;
}

// A cell of the counting DP: the cost plus the S and D of the alignment that backtracking from this
// cell would produce (H and I follow from the cost and the prefix lengths).
struct Cell {
  std::int32_t cost;
  std::int32_t sub;
  std::int32_t del;
};

// Written with selects rather than a switch so the compiler can emit conditional moves: which
// neighbour wins is data-dependent and unpredictable, and this loop is the hot path for long documents.
inline Cell step(const Cell& diagonal, const Cell& from_deletion, const Cell& from_insertion, bool equal) {
  const std::int32_t mismatch = equal ? 0 : 1;
  const std::int32_t diagonal_cost = diagonal.cost + mismatch;
  const std::int32_t deletion_cost = from_deletion.cost + 1;
  const std::int32_t insertion_cost = from_insertion.cost + 1;
  // Same preference as choose(): diagonal, then deletion, then insertion.
  const bool deletion_wins = deletion_cost <= insertion_cost;
  const Cell side = deletion_wins ? Cell{deletion_cost, from_deletion.sub, from_deletion.del + 1}
                                  : Cell{insertion_cost, from_insertion.sub, from_insertion.del};
  const bool diagonal_wins = diagonal_cost <= side.cost;
  return diagonal_wins ? Cell{diagonal_cost, diagonal.sub + mismatch, diagonal.del} : side;
}

ErrorCounts finish_counts(std::int64_t n, std::int64_t m, const Cell& last) {
  ErrorCounts c;
  c.ref_words = n;
  c.hyp_words = m;
  c.substitutions = last.sub;
  c.deletions = last.del;
  c.insertions = last.cost - last.sub - last.del;
  c.hits = n - c.substitutions - c.deletions;
  return c;
}

[[maybe_unused]] bool fits_int32(std::size_t n) { return n < static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()); }

// Interns both token lists into one id space; equal strings get equal ids.
void intern(std::span<const std::string> ref, std::span<const std::string> hyp, std::vector<std::int32_t>& ref_ids,
            std::vector<std::int32_t>& hyp_ids) {
  std::unordered_map<std::string_view, std::int32_t> ids;
  ids.reserve(ref.size() + hyp.size());
  auto id_of = [&ids](const std::string& token) {
    const auto next = static_cast<std::int32_t>(ids.size());
    return ids.try_emplace(std::string_view(token), next).first->second;
  };
  ref_ids.reserve(ref.size());
  hyp_ids.reserve(hyp.size());
  for (const auto& t : ref) ref_ids.push_back(id_of(t));
  for (const auto& t : hyp) hyp_ids.push_back(id_of(t));
}

}  // namespace

ErrorCounts count_symbol_errors_dp(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp) {
  assert(fits_int32(ref.size()) && fits_int32(hyp.size()));
  const auto n = static_cast<std::int32_t>(ref.size());
  const auto m = static_cast<std::int32_t>(hyp.size());

  // The DP matrix has rows i = 0..n (reference prefix) and columns j = 0..m (hypothesis prefix).
  // Only two lines are kept, laid along the shorter sequence; the neighbour roles (which one is the
  // deletion, which the insertion) are swapped accordingly so the tie-breaking stays the same.
  if (m <= n) {
    std::vector<Cell> prev(static_cast<std::size_t>(m) + 1), cur(static_cast<std::size_t>(m) + 1);
    for (std::int32_t j = 0; j <= m; ++j) prev[static_cast<std::size_t>(j)] = {j, 0, 0};
    for (std::int32_t i = 1; i <= n; ++i) {
      cur[0] = {i, 0, i};
      const std::int32_t r = ref[static_cast<std::size_t>(i - 1)];
      for (std::size_t j = 1; j <= static_cast<std::size_t>(m); ++j) {
        cur[j] = step(prev[j - 1], prev[j], cur[j - 1], r == hyp[j - 1]);
      }
      std::swap(prev, cur);
    }
    return finish_counts(n, m, prev[static_cast<std::size_t>(m)]);
  }

  std::vector<Cell> prev(static_cast<std::size_t>(n) + 1), cur(static_cast<std::size_t>(n) + 1);
  for (std::int32_t i = 0; i <= n; ++i) prev[static_cast<std::size_t>(i)] = {i, 0, i};
  for (std::int32_t j = 1; j <= m; ++j) {
    cur[0] = {j, 0, 0};
    const std::int32_t h = hyp[static_cast<std::size_t>(j - 1)];
    for (std::size_t i = 1; i <= static_cast<std::size_t>(n); ++i) {
      // Column j: (i-1, j) is cur[i-1] (deletion), (i, j-1) is prev[i] (insertion).
      cur[i] = step(prev[i - 1], cur[i - 1], prev[i], ref[i - 1] == h);
    }
    std::swap(prev, cur);
  }
  return finish_counts(n, m, prev[static_cast<std::size_t>(n)]);
}

Alignment align_symbols_dp(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp) {
  assert(fits_int32(ref.size()) && fits_int32(hyp.size()));
  const std::size_t n = ref.size();
  const std::size_t m = hyp.size();

  // Back-pointers for cells with i >= 1 and j >= 1, packed four to a byte; the borders are implied
  // (row 0 is all insertions, column 0 all deletions).
  std::vector<std::uint8_t> back((n * m + 3) / 4, 0);
  auto set_back = [&back, m](std::size_t i, std::size_t j, std::uint8_t code) {
    const std::size_t k = (i - 1) * m + (j - 1);
    back[k >> 2] |= static_cast<std::uint8_t>(code << ((k & 3) * 2));
  };
  auto get_back = [&back, m](std::size_t i, std::size_t j) {
    const std::size_t k = (i - 1) * m + (j - 1);
    return static_cast<std::uint8_t>((back[k >> 2] >> ((k & 3) * 2)) & 3);
  };

  std::vector<std::int32_t> prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<std::int32_t>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<std::int32_t>(i);
    const std::int32_t r = ref[i - 1];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::int32_t diagonal = prev[j - 1] + (r == hyp[j - 1] ? 0 : 1);
      const std::int32_t deletion = prev[j] + 1;
      const std::int32_t insertion = cur[j - 1] + 1;
      const std::uint8_t code = choose(diagonal, deletion, insertion);
      set_back(i, j, code);
      cur[j] = code == kDiagonal ? diagonal : (code == kDeletion ? deletion : insertion);
    }
    std::swap(prev, cur);
  }

  Alignment out;
  out.pairs.reserve(std::max(n, m));
  std::size_t i = n, j = m;
  while (i > 0 || j > 0) {
    const std::uint8_t code = i == 0 ? kInsertion : (j == 0 ? kDeletion : get_back(i, j));
    if (code == kDiagonal) {
      --i;
      --j;
      const EditOp op = ref[i] == hyp[j] ? EditOp::hit : EditOp::substitution;
      out.pairs.push_back({op, static_cast<std::int32_t>(i), static_cast<std::int32_t>(j)});
    } else if (code == kDeletion) {
      --i;
      out.pairs.push_back({EditOp::deletion, static_cast<std::int32_t>(i), -1});
    } else {
      --j;
      out.pairs.push_back({EditOp::insertion, -1, static_cast<std::int32_t>(j)});
    }
  }
  std::reverse(out.pairs.begin(), out.pairs.end());

  ErrorCounts& c = out.counts;
  c.ref_words = static_cast<std::int64_t>(n);
  c.hyp_words = static_cast<std::int64_t>(m);
  for (const auto& p : out.pairs) {
    switch (p.op) {
      case EditOp::hit: ++c.hits; break;
      case EditOp::substitution: ++c.substitutions; break;
      case EditOp::deletion: ++c.deletions; break;
      case EditOp::insertion: ++c.insertions; break;
    }
  }
  return out;
}

Alignment align_symbols(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp) {
  if (uses_long_form(ref.size(), hyp.size())) return align_symbols_long_form(ref, hyp, /*keep_pairs=*/true);
  return align_symbols_dp(ref, hyp);
}

ErrorCounts count_symbol_errors(std::span<const std::int32_t> ref, std::span<const std::int32_t> hyp) {
  if (uses_long_form(ref.size(), hyp.size())) return align_symbols_long_form(ref, hyp, /*keep_pairs=*/false).counts;
  return count_symbol_errors_dp(ref, hyp);
}

Alignment align_tokens(std::span<const std::string> ref, std::span<const std::string> hyp) {
  std::vector<std::int32_t> ref_ids, hyp_ids;
  intern(ref, hyp, ref_ids, hyp_ids);
  return align_symbols(ref_ids, hyp_ids);
}

ErrorCounts count_errors(std::span<const std::string> ref, std::span<const std::string> hyp) {
  std::vector<std::int32_t> ref_ids, hyp_ids;
  intern(ref, hyp, ref_ids, hyp_ids);
  return count_symbol_errors(ref_ids, hyp_ids);
}

}  // namespace pb
