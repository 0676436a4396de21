#include "metrics/long_form_alignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include "core/rng.h"
#include "metrics/word_alignment.h"
#include "tests/metrics/naive_alignment.h"

namespace pb {
namespace {

using Symbols = std::vector<std::int32_t>;

std::vector<AlignedPair> naive_pairs(const Symbols& ref, const Symbols& hyp) {
  return test_support::naive_alignment(ref, hyp).pairs;
}

ErrorCounts counts_of(const std::vector<AlignedPair>& pairs, std::size_t n, std::size_t m) {
  ErrorCounts c;
  c.ref_words = static_cast<std::int64_t>(n);
  c.hyp_words = static_cast<std::int64_t>(m);
  for (const auto& p : pairs) {
    c.hits += p.op == EditOp::hit;
    c.substitutions += p.op == EditOp::substitution;
    c.deletions += p.op == EditOp::deletion;
    c.insertions += p.op == EditOp::insertion;
  }
  return c;
}

// Symbols with a skewed (Zipf-like) frequency: a few very common words and a long tail, like speech.
std::int32_t zipf_symbol(Rng& rng, std::int64_t vocabulary) {
  const double u = rng.uniform01();
  return static_cast<std::int32_t>(static_cast<double>(vocabulary) * u * u * u);
}

// A hypothesis made from ref by random substitutions, deletions and insertions (rate ≈ error_rate).
Symbols corrupt(const Symbols& ref, double error_rate, Rng& rng, std::int64_t vocabulary) {
  Symbols out;
  for (const std::int32_t s : ref) {
    const double u = rng.uniform01();
    if (u < error_rate * 0.5) {
      out.push_back(zipf_symbol(rng, vocabulary));
    } else if (u < error_rate * 0.8) {
      // deleted
    } else if (u < error_rate) {
      out.push_back(s);
      out.push_back(zipf_symbol(rng, vocabulary));
    } else {
      out.push_back(s);
    }
  }
  return out;
}

TEST(LongFormAlignment, HandCheckedExamplesMatchTheDocumentedRule) {
  // The classic examples of word_alignment_test, through the long-form path directly.
  const Symbols the_cat = {1, 2, 3, 4, 1, 5};  // the cat sat on the mat
  const Symbols the_cit = {1, 2, 6, 4, 5};     // the cat sit on mat
  const auto a = align_symbols_long_form(the_cat, the_cit, true);
  const std::vector<AlignedPair> expected = {{EditOp::hit, 0, 0},          {EditOp::hit, 1, 1},
                                             {EditOp::substitution, 2, 2}, {EditOp::hit, 3, 3},
                                             {EditOp::deletion, 4, -1},    {EditOp::hit, 5, 4}};
  EXPECT_EQ(a.pairs, expected);
  EXPECT_EQ(a.counts, counts_of(expected, 6, 5));

  // Substitutions beat deletion + insertion; unmatched tokens go as early as possible.
  EXPECT_EQ(align_symbols_long_form(Symbols{1, 2}, Symbols{2, 1}, true).pairs,
            (std::vector<AlignedPair>{{EditOp::substitution, 0, 0}, {EditOp::substitution, 1, 1}}));
  EXPECT_EQ(align_symbols_long_form(Symbols{1, 2}, Symbols{3}, true).pairs,
            (std::vector<AlignedPair>{{EditOp::deletion, 0, -1}, {EditOp::substitution, 1, 0}}));
  EXPECT_EQ(align_symbols_long_form(Symbols{1, 1}, Symbols{1}, true).pairs,
            (std::vector<AlignedPair>{{EditOp::deletion, 0, -1}, {EditOp::hit, 1, 0}}));
  EXPECT_EQ(align_symbols_long_form(Symbols{1}, Symbols{2, 3}, true).pairs,
            (std::vector<AlignedPair>{{EditOp::insertion, -1, 0}, {EditOp::substitution, 0, 1}}));
}

TEST(LongFormAlignment, EmptySides) {
  const Symbols none, three = {0xE6, 0xF8, 0xE5};  // æ ø å
  auto a = align_symbols_long_form(none, none, true);
  EXPECT_TRUE(a.pairs.empty());
  EXPECT_EQ(a.counts, ErrorCounts{});
  a = align_symbols_long_form(three, none, true);
  EXPECT_EQ(a.pairs, (std::vector<AlignedPair>{{EditOp::deletion, 0, -1}, {EditOp::deletion, 1, -1},
                                               {EditOp::deletion, 2, -1}}));
  a = align_symbols_long_form(none, three, false);
  EXPECT_TRUE(a.pairs.empty());
  EXPECT_EQ(a.counts.insertions, 3);
  EXPECT_EQ(a.counts.hyp_words, 3);
}

TEST(LongFormAlignment, RandomCrossCheckAgainstNaiveWithDeepRecursion) {
  // Tiny base blocks and fanouts force many levels and segment edges on small inputs; tiny alphabets
  // make ties the common case. Pairs, not just counts, must equal the naive backtrack.
  Rng rng(20260301);
  for (int trial = 0; trial < 4000; ++trial) {
    const std::int64_t max_len = trial < 3000 ? 20 : 150;
    const auto n = static_cast<std::size_t>(rng.uniform_int(0, max_len));
    const auto m = static_cast<std::size_t>(rng.uniform_int(0, max_len));
    const auto alphabet = rng.uniform_int(1, trial % 2 == 0 ? 3 : 30);
    Symbols ref(n), hyp(m);
    for (auto& s : ref) s = static_cast<std::int32_t>(rng.uniform_int(0, alphabet - 1));
    for (auto& s : hyp) s = static_cast<std::int32_t>(rng.uniform_int(0, alphabet - 1));
    LongFormOptions options;
    options.base_columns = static_cast<std::int32_t>(rng.uniform_int(1, 5));
    options.fanout = static_cast<std::int32_t>(rng.uniform_int(2, 4));
    // Narrow first bands force the second pass; -1 is the automatic guess.
    options.first_bound = rng.uniform_int(-1, 3);

    const auto expected = naive_pairs(ref, hyp);
    const Alignment a = align_symbols_long_form(ref, hyp, true, options);
    ASSERT_EQ(a.pairs, expected) << "trial " << trial << " n=" << n << " m=" << m;
    ASSERT_EQ(a.counts, counts_of(expected, n, m)) << "trial " << trial;
    const Alignment counted = align_symbols_long_form(ref, hyp, false, options);
    ASSERT_TRUE(counted.pairs.empty());
    ASSERT_EQ(counted.counts, a.counts) << "trial " << trial;
    ASSERT_EQ(align_symbols_long_form(ref, hyp, false).counts, a.counts) << "trial " << trial;
  }
}

TEST(LongFormAlignment, BandBoundDoesNotChangeTheResult) {
  // The band only decides which blocks are advanced: a first guess far too small (two passes), exact,
  // or far too large (everything) must all give the plain DP's alignment, on inputs spanning many
  // 64-row blocks so that blocks above and below the band really are skipped.
  Rng rng(123);
  for (int trial = 0; trial < 40; ++trial) {
    Symbols ref(static_cast<std::size_t>(rng.uniform_int(300, 700)));
    for (auto& s : ref) s = zipf_symbol(rng, trial % 2 == 0 ? 20 : 500);
    const Symbols hyp = corrupt(ref, 0.03 * (trial % 10), rng, 500);
    const Alignment dp = align_symbols_dp(ref, hyp);
    for (const std::int64_t bound : {std::int64_t{0}, std::int64_t{5}, dp.counts.errors(), std::int64_t{-1},
                                     std::int64_t{100000}}) {
      LongFormOptions options;
      options.first_bound = bound;
      options.base_columns = 16;
      options.fanout = 3;
      const Alignment a = align_symbols_long_form(ref, hyp, true, options);
      ASSERT_EQ(a.counts, dp.counts) << "trial " << trial << " bound " << bound;
      ASSERT_TRUE(a.pairs == dp.pairs) << "trial " << trial << " bound " << bound;
    }
  }
}

TEST(LongFormAlignment, ExtremeAspectRatiosMatchTheDp) {
  Rng rng(5);
  Symbols tall(5000), wide(7);
  for (auto& s : tall) s = zipf_symbol(rng, 40);
  for (auto& s : wide) s = zipf_symbol(rng, 40);
  for (const auto& [ref, hyp] : {std::pair{tall, wide}, std::pair{wide, tall}}) {
    const Alignment a = align_symbols_long_form(ref, hyp, true);
    const Alignment dp = align_symbols_dp(ref, hyp);
    EXPECT_EQ(a.pairs, dp.pairs);
    EXPECT_EQ(a.counts, dp.counts);
  }
}

TEST(LongFormAlignment, BigRealisticCasesMatchTheDp) {
  // Conversation-like sizes at several error rates, a skewed vocabulary (dense and sparse masks), and
  // two unrelated texts (the worst case: distance near the longer length, paths far from diagonal).
  Rng rng(99);
  struct Case {
    std::size_t n;
    double error_rate;
    std::int64_t vocabulary;
  };
  for (const Case& k : {Case{3000, 0.12, 2000}, Case{2500, 0.4, 300}, Case{2000, 0.05, 30}}) {
    Symbols ref(k.n);
    for (auto& s : ref) s = zipf_symbol(rng, k.vocabulary);
    const Symbols hyp = corrupt(ref, k.error_rate, rng, k.vocabulary);
    const Alignment a = align_symbols(ref, hyp);  // dispatches to the long form at these sizes
    ASSERT_TRUE(uses_long_form(ref.size(), hyp.size()));
    const Alignment dp = align_symbols_dp(ref, hyp);
    EXPECT_EQ(a.counts, dp.counts) << k.n;
    EXPECT_TRUE(a.pairs == dp.pairs) << k.n;
    EXPECT_EQ(count_symbol_errors(ref, hyp), count_symbol_errors_dp(ref, hyp)) << k.n;
    EXPECT_EQ(count_symbol_errors(hyp, ref), count_symbol_errors_dp(hyp, ref)) << k.n;
  }
  Symbols left(2000), right(2400);
  for (auto& s : left) s = zipf_symbol(rng, 50);
  for (auto& s : right) s = 1000 + zipf_symbol(rng, 50) % 7;  // no shared symbol
  const Alignment a = align_symbols(left, right);
  const Alignment dp = align_symbols_dp(left, right);
  EXPECT_EQ(a.counts, dp.counts);
  EXPECT_TRUE(a.pairs == dp.pairs);
  // Nothing matches, so the minimum is 2000 substitutions + 400 insertions.
  EXPECT_EQ(a.counts, (ErrorCounts{2000, 2400, 0, 2000, 0, 400}));
}

}  // namespace
}  // namespace pb
