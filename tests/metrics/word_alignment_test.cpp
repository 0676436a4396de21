#include "metrics/word_alignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "core/rng.h"
#include "tests/metrics/naive_alignment.h"

namespace pb {
namespace {

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

ErrorCounts counts(std::int64_t ref, std::int64_t hyp, std::int64_t h, std::int64_t s, std::int64_t d,
                   std::int64_t i) {
  ErrorCounts c;
  c.ref_words = ref;
  c.hyp_words = hyp;
  c.hits = h;
  c.substitutions = s;
  c.deletions = d;
  c.insertions = i;
  return c;
}

// Counts of the independent reference (tests/metrics/naive_alignment.h) and the minimum distance.
ErrorCounts naive_counts(const std::vector<std::string>& ref, const std::vector<std::string>& hyp,
                         std::int64_t* distance) {
  const auto naive = test_support::naive_alignment(ref, hyp);
  *distance = naive.distance;
  return naive.counts;
}

// Structural invariants every alignment must satisfy, whatever the tie-breaking.
void expect_well_formed(const Alignment& a, const std::vector<std::string>& ref, const std::vector<std::string>& hyp) {
  std::int32_t next_ref = 0, next_hyp = 0;
  for (const auto& p : a.pairs) {
    switch (p.op) {
      case EditOp::hit:
      case EditOp::substitution:
        ASSERT_EQ(p.ref_index, next_ref++);
        ASSERT_EQ(p.hyp_index, next_hyp++);
        ASSERT_EQ(p.op == EditOp::hit, ref[static_cast<std::size_t>(p.ref_index)] ==
                                           hyp[static_cast<std::size_t>(p.hyp_index)]);
        break;
      case EditOp::deletion:
        ASSERT_EQ(p.ref_index, next_ref++);
        ASSERT_EQ(p.hyp_index, -1);
        break;
      case EditOp::insertion:
        ASSERT_EQ(p.ref_index, -1);
        ASSERT_EQ(p.hyp_index, next_hyp++);
        break;
    }
  }
  EXPECT_EQ(next_ref, static_cast<std::int32_t>(ref.size()));
  EXPECT_EQ(next_hyp, static_cast<std::int32_t>(hyp.size()));
  const auto& c = a.counts;
  EXPECT_EQ(c.hits + c.substitutions + c.deletions, c.ref_words);
  EXPECT_EQ(c.hits + c.substitutions + c.insertions, c.hyp_words);
}

TEST(WordAlignment, ClassicExample) {
  const auto ref = words("the cat sat on the mat");
  const auto hyp = words("the cat sit on mat");
  const auto a = align_tokens(ref, hyp);
  EXPECT_EQ(a.counts, counts(6, 5, 4, 1, 1, 0));
  EXPECT_EQ(a.counts.errors(), 2);
  const std::vector<AlignedPair> expected = {{EditOp::hit, 0, 0},          {EditOp::hit, 1, 1},
                                             {EditOp::substitution, 2, 2}, {EditOp::hit, 3, 3},
                                             {EditOp::deletion, 4, -1},    {EditOp::hit, 5, 4}};
  EXPECT_EQ(a.pairs, expected);
  EXPECT_EQ(count_errors(ref, hyp), a.counts);
}

TEST(WordAlignment, AllInsertions) {
  const std::vector<std::string> ref;
  const auto hyp = words("hej med dig");
  const auto a = align_tokens(ref, hyp);
  EXPECT_EQ(a.counts, counts(0, 3, 0, 0, 0, 3));
  const std::vector<AlignedPair> expected = {
      {EditOp::insertion, -1, 0}, {EditOp::insertion, -1, 1}, {EditOp::insertion, -1, 2}};
  EXPECT_EQ(a.pairs, expected);
  EXPECT_EQ(count_errors(ref, hyp), a.counts);
}

TEST(WordAlignment, AllDeletions) {
  const auto ref = words("hej med dig");
  const std::vector<std::string> hyp;
  const auto a = align_tokens(ref, hyp);
  EXPECT_EQ(a.counts, counts(3, 0, 0, 0, 3, 0));
  ASSERT_EQ(a.pairs.size(), 3u);
  EXPECT_EQ(a.pairs[0], (AlignedPair{EditOp::deletion, 0, -1}));
  EXPECT_EQ(count_errors(ref, hyp), a.counts);
}

TEST(WordAlignment, EmptyAndEmpty) {
  const std::vector<std::string> none;
  const auto a = align_tokens(none, none);
  EXPECT_TRUE(a.pairs.empty());
  EXPECT_EQ(a.counts, ErrorCounts{});
  EXPECT_EQ(count_errors(none, none), ErrorCounts{});
}

TEST(WordAlignment, IdenticalIsAllHits) {
  const auto ref = words("du søger mindst to stillinger om ugen");
  EXPECT_EQ(count_errors(ref, ref), counts(7, 7, 7, 0, 0, 0));
}

TEST(WordAlignment, DanishWordsCompareByExactBytes) {
  // No normalisation inside the aligner: "år" and "ar" differ, and so do "Æble" and "æble".
  const auto ref = words("næste samtale er om et år");
  const auto hyp = words("næste samtale er om et ar");
  EXPECT_EQ(count_errors(ref, hyp), counts(6, 6, 5, 1, 0, 0));
  EXPECT_EQ(count_errors(words("Æble"), words("æble")).substitutions, 1);
  EXPECT_EQ(count_errors(words("ø å æ"), words("ø å æ")).hits, 3);
}

TEST(WordAlignment, TieBreakPrefersSubstitutionOverDeletionPlusInsertion) {
  // "a b" → "b a": two substitutions or a deletion + hit + insertion, both cost 2.
  const auto a = align_tokens(words("a b"), words("b a"));
  EXPECT_EQ(a.counts, counts(2, 2, 0, 2, 0, 0));
  EXPECT_EQ(count_errors(words("a b"), words("b a")), a.counts);
}

TEST(WordAlignment, TieBreakPutsDeletionsEarly) {
  // Backtracking from the end prefers the diagonal, so the unmatched reference word is the first one.
  auto a = align_tokens(words("a b"), words("c"));
  std::vector<AlignedPair> expected = {{EditOp::deletion, 0, -1}, {EditOp::substitution, 1, 0}};
  EXPECT_EQ(a.pairs, expected);

  a = align_tokens(words("a a"), words("a"));
  expected = {{EditOp::deletion, 0, -1}, {EditOp::hit, 1, 0}};
  EXPECT_EQ(a.pairs, expected);

  a = align_tokens(words("a"), words("b c"));
  expected = {{EditOp::insertion, -1, 0}, {EditOp::substitution, 0, 1}};
  EXPECT_EQ(a.pairs, expected);
}

TEST(WordAlignment, SymbolsApiMatchesStrings) {
  const std::vector<std::int32_t> ref = {1, 2, 3, 4};
  const std::vector<std::int32_t> hyp = {1, 3, 4, 5};
  const auto a = align_symbols(ref, hyp);
  EXPECT_EQ(a.counts, counts(4, 4, 3, 0, 1, 1));
  EXPECT_EQ(count_symbol_errors(ref, hyp), a.counts);
}

TEST(WordAlignment, ErrorCountsAdd) {
  ErrorCounts total = counts(6, 5, 4, 1, 1, 0);
  total += counts(3, 4, 2, 1, 0, 1);
  EXPECT_EQ(total, counts(9, 9, 6, 2, 1, 1));
  EXPECT_EQ(total.errors(), 4);
  EXPECT_EQ(counts(1, 0, 0, 0, 1, 0) + counts(0, 1, 0, 0, 0, 1), counts(1, 1, 0, 0, 1, 1));
}

TEST(WordAlignment, RandomCrossCheckAgainstNaiveDp) {
  // A tiny vocabulary makes ties (several minimum alignments) the common case, and unequal lengths in
  // both directions exercise both layouts of count_errors' two-row DP.
  Rng rng(20260214);
  const std::vector<std::string> vocab = {"a", "b", "c", "æ"};
  for (int trial = 0; trial < 5000; ++trial) {
    const auto n = static_cast<std::size_t>(rng.uniform_int(0, 12));
    const auto m = static_cast<std::size_t>(rng.uniform_int(0, 12));
    const std::size_t v = 2 + static_cast<std::size_t>(rng.uniform_int(0, 2));
    std::vector<std::string> ref, hyp;
    for (std::size_t k = 0; k < n; ++k) ref.push_back(vocab[rng.index(v)]);
    for (std::size_t k = 0; k < m; ++k) hyp.push_back(vocab[rng.index(v)]);

    std::int64_t distance = 0;
    const ErrorCounts expected = naive_counts(ref, hyp, &distance);
    const Alignment a = align_tokens(ref, hyp);
    const ErrorCounts fast = count_errors(ref, hyp);
    ASSERT_EQ(a.counts, expected) << "trial " << trial;
    ASSERT_EQ(fast, expected) << "trial " << trial;
    ASSERT_EQ(fast.errors(), distance);
    expect_well_formed(a, ref, hyp);
    if (HasFatalFailure()) FAIL() << "trial " << trial;
  }
}

TEST(WordAlignment, LongFormThreshold) {
  EXPECT_FALSE(uses_long_form(0, 1000000));
  EXPECT_FALSE(uses_long_form(255, 256));
  EXPECT_TRUE(uses_long_form(256, 256));
  EXPECT_TRUE(uses_long_form(1, static_cast<std::size_t>(kLongFormMinCells)));
}

TEST(WordAlignment, SameResultOnBothSidesOfTheLongFormThreshold) {
  // Inputs just below and above kLongFormMinCells take different code paths; the alignment (pairs
  // included) and counts must be those of the documented rule either way, and count_errors must agree
  // with align_tokens.
  Rng rng(4242);
  const std::vector<std::string> vocab = {"du", "søger", "job", "på", "Østerbro", "og", "i", "år", "æble"};
  for (int trial = 0; trial < 60; ++trial) {
    const auto n = static_cast<std::size_t>(rng.uniform_int(200, 330));
    const auto m = static_cast<std::size_t>(rng.uniform_int(200, 330));
    std::vector<std::string> ref, hyp;
    for (std::size_t k = 0; k < n; ++k) ref.push_back(vocab[rng.index(vocab.size())]);
    for (std::size_t k = 0; k < m; ++k) {
      hyp.push_back(k < n && rng.bernoulli(0.8) ? ref[k] : vocab[rng.index(vocab.size())]);
    }
    std::int64_t distance = 0;
    const ErrorCounts expected = naive_counts(ref, hyp, &distance);
    const Alignment a = align_tokens(ref, hyp);
    ASSERT_EQ(a.counts, expected) << "trial " << trial << " n=" << n << " m=" << m;
    ASSERT_EQ(count_errors(ref, hyp), expected) << "trial " << trial;
    ASSERT_EQ(expected.errors(), distance);
    expect_well_formed(a, ref, hyp);
    if (HasFatalFailure()) FAIL() << "trial " << trial;
  }
}

TEST(WordAlignment, LongInputs) {
  // 10k distinct reference words; the hypothesis has known single-word edits spaced 50 words apart,
  // so the unique minimum alignment is exactly those edits.
  std::vector<std::string> ref;
  for (int k = 0; k < 10000; ++k) ref.push_back("w" + std::to_string(k));
  std::vector<std::string> hyp;
  std::int64_t subs = 0, dels = 0, ins = 0;
  for (std::size_t k = 0; k < ref.size(); ++k) {
    if (k % 50 != 25) {
      hyp.push_back(ref[k]);
    } else if (k % 150 == 25) {
      hyp.push_back("x" + std::to_string(k));
      ++subs;
    } else if (k % 150 == 75) {
      ++dels;
    } else {
      hyp.push_back(ref[k]);
      hyp.push_back("y" + std::to_string(k));
      ++ins;
    }
  }
  const ErrorCounts c = count_errors(ref, hyp);
  EXPECT_EQ(c.ref_words, 10000);
  EXPECT_EQ(c.hyp_words, static_cast<std::int64_t>(hyp.size()));
  EXPECT_EQ(c.errors(), subs + dels + ins);
  EXPECT_EQ(c.substitutions, subs);
  EXPECT_EQ(c.deletions, dels);
  EXPECT_EQ(c.insertions, ins);
  // Both orientations of the two-row DP (hypothesis shorter and longer than the reference).
  EXPECT_EQ(count_errors(hyp, ref).errors(), c.errors());

  const Alignment a = align_tokens(ref, hyp);
  EXPECT_EQ(a.counts, c);
  expect_well_formed(a, ref, hyp);
}

}  // namespace
}  // namespace pb
