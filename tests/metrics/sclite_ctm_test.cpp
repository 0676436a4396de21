#include "metrics/sclite_ctm.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace pb {
namespace {

std::vector<ScliteTimedWord> evenly(int n, double duration) {
  std::vector<ScliteTimedWord> out;
  for (int k = 0; k < n; ++k) out.push_back({static_cast<double>(k), duration});
  return out;
}

TEST(ScliteCtmChunks, ShortRecordingIsOneChunk) {
  const auto w = evenly(20, 0.5);
  EXPECT_EQ(sclite_ctm_chunks(w, w), (std::vector<ScliteCtmChunk>{{0, 20, 0, 20}}));
}

TEST(ScliteCtmChunks, EmptyGivesNothing) { EXPECT_TRUE(sclite_ctm_chunks({}, {}).empty()); }

// Measured with sclite: 200 words with pauses everywhere are cut 51 + 51 + 51 + 47.
TEST(ScliteCtmChunks, CutsEvery51WordsAtSharedPauses) {
  const auto w = evenly(200, 0.5);
  EXPECT_EQ(sclite_ctm_chunks(w, w),
            (std::vector<ScliteCtmChunk>{{0, 51, 0, 51}, {51, 102, 51, 102}, {102, 153, 102, 153}, {153, 200, 153, 200}}));
}

// Measured: hyp words overlapping each other for the first 70 words leave no shared pause in the first
// window, so the window doubles and the first chunk has 101 words.
TEST(ScliteCtmChunks, NoSharedPauseDoublesTheWindow) {
  const auto r = evenly(150, 0.5);
  auto h = r;
  for (int k = 0; k < 70; ++k) h[static_cast<std::size_t>(k)].duration = 1.2;
  EXPECT_EQ(sclite_ctm_chunks(r, h), (std::vector<ScliteCtmChunk>{{0, 101, 0, 101}, {101, 150, 101, 150}}));
}

TEST(ScliteCtmTimeMediated, CostsAreTimes) {
  // Measured: ref a b c at 0, 0.5, 5; hyp a b c at 0, 5, 5.5 (all 0.5 s) gives C1 S1 D1 I1: deleting b (0.5)
  // + c->b (0.001) + inserting c (0.5) beats b correct 4.5 s away.
  const std::vector<std::int32_t> ref{0, 1, 2}, hyp{0, 1, 2};
  const std::vector<ScliteTimedWord> rt{{0, 0.5}, {0.5, 0.5}, {5, 0.5}}, ht{{0, 0.5}, {5, 0.5}, {5.5, 0.5}};
  EXPECT_EQ(align_time_mediated_sclite(ref, rt, hyp, ht), (ScliteSentenceCounts{1, 1, 1, 1, 0}));
}

TEST(ScliteCtmTimeMediated, EmptySides) {
  const std::vector<ScliteTimedWord> t{{0, 0.5}, {1, 0.5}};
  const std::vector<std::int32_t> w{0, 1};
  EXPECT_EQ(align_time_mediated_sclite(w, t, {}, {}), (ScliteSentenceCounts{0, 0, 2, 0, 0}));
  EXPECT_EQ(align_time_mediated_sclite({}, {}, w, t), (ScliteSentenceCounts{0, 0, 0, 2, 0}));
}

TEST(ScoreCtmCtmSclite, DanishCaseAndSpeakers) {
  const CtmFile ref = parse_ctm("F1 A 0 0.5 Æble\nF1 A 0.5 0.5 JOB\n", "r");
  const CtmFile hyp = parse_ctm("f1 a 0 0.5 æble\nf1 a 0.5 0.5 job\n", "h");
  const ScliteCounts c = score_ctm_ctm_sclite(ref, hyp);
  ASSERT_EQ(c.speakers.size(), 1u);
  EXPECT_EQ(c.speakers[0].speaker, "f1-a");
  EXPECT_EQ(c.overall.counts.hits, 1);  // JOB/job folds, Æble/æble does not
  EXPECT_EQ(c.overall.counts.substitutions, 1);
  EXPECT_EQ(c.overall.sentences, 1);
}

TEST(ScoreCtmCtmSclite, MismatchedRecordingsAreInputErrors) {
  const CtmFile ref = parse_ctm("f1 A 0 0.5 a\n", "r");
  const CtmFile hyp = parse_ctm("f2 A 0 0.5 a\n", "h");
  EXPECT_THROW(score_ctm_ctm_sclite(ref, hyp), InputError);
  const CtmFile alt = parse_ctm("f1 A * * <ALT_BEGIN>\nf1 A 0 0.5 a\nf1 A * * <ALT>\nf1 A * * <ALT_END>\n", "r");
  EXPECT_THROW(score_ctm_ctm_sclite(alt, ref), InputError);
}

}  // namespace
}  // namespace pb
