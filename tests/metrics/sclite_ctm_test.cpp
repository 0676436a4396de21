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

// Measured with sclite -T: the two alignments "a a b a" -> "a b a a a" with C3 D1 I2 and with C2 D2 I3 both cost
// 1.0 in exact arithmetic. Costs rounded to float and summed in float (as sclite does) make the second one
// cheaper; double arithmetic would pick the first.
TEST(ScliteCtmTimeMediated, NearTiesFollowFloatArithmetic) {
  const std::vector<std::int32_t> ref{0, 0, 1, 0}, hyp{0, 1, 0, 0, 0};
  const std::vector<ScliteTimedWord> rt{{0.1, 0.1}, {0.2, 0.2}, {0.4, 0.2}, {0.6, 0.1}};
  const std::vector<ScliteTimedWord> ht{{0.1, 0.2}, {0.4, 0.2}, {0.7, 0.3}, {1.1, 0.1}, {1.2, 0.2}};
  EXPECT_EQ(align_time_mediated_sclite(ref, rt, hyp, ht), (ScliteSentenceCounts{2, 0, 2, 3, 0}));
}

// Measured: ref 0-0.5 against hyp 0.5-0.6 is a hit (0.5 + 0.1 = 0.6 = deletion 0.5 + insertion 0.1; the
// diagonal wins the tie), a different word there is a deletion and an insertion (0.601 > 0.6).
TEST(ScliteCtmTimeMediated, DiagonalWinsExactTies) {
  const std::vector<ScliteTimedWord> rt{{0, 0.5}}, ht{{0.5, 0.1}};
  const std::vector<std::int32_t> a{0}, b{1};
  EXPECT_EQ(align_time_mediated_sclite(a, rt, a, ht), (ScliteSentenceCounts{1, 0, 0, 0, 0}));
  EXPECT_EQ(align_time_mediated_sclite(a, rt, b, ht), (ScliteSentenceCounts{0, 0, 1, 1, 0}));
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

// Measured: sclite does not see a second channel that is one word at the very end of the file. Unseen in both
// files it is dropped (no speaker, no sentence); seen in only one file sclite stops.
TEST(ScoreCtmCtmSclite, SingleWordSecondChannelAtTheEnd) {
  const CtmFile ref = parse_ctm("f A 0.39 0.5 du\nf A 3.03 0.19 med\nf B 0.29 0.63 øl\n", "r");
  const CtmFile hyp = parse_ctm("f A 0.38 0.43 du\nf B 0.4 0.53 øl\n", "h");
  const ScliteCounts c = score_ctm_ctm_sclite(ref, hyp);
  ASSERT_EQ(c.speakers.size(), 1u);
  EXPECT_EQ(c.speakers[0].speaker, "f-a");
  EXPECT_EQ(c.overall.counts.ref_words, 2);
  EXPECT_EQ(c.overall.sentences, 1);

  // Not at the end of the file: an ordinary recording.
  const CtmFile ref2 = parse_ctm("f A 0.39 0.5 du\nf B 0.29 0.63 øl\ng A 0 1 x\n", "r");
  const CtmFile hyp2 = parse_ctm("f A 0.38 0.43 du\nf B 0.4 0.53 øl\ng A 0 1 x\n", "h");
  EXPECT_EQ(score_ctm_ctm_sclite(ref2, hyp2).speakers.size(), 3u);

  // Two words in the reference's second channel, one in the hypothesis's: sclite stops.
  const CtmFile ref3 = parse_ctm("f A 0.39 0.5 du\nf B 0.29 0.63 øl\nf B 1.29 0.63 øl\n", "r");
  const CtmFile hyp3 = parse_ctm("f A 0.38 0.43 du\nf B 0.4 0.53 øl\n", "h");
  EXPECT_THROW(score_ctm_ctm_sclite(ref3, hyp3), InputError);
  EXPECT_THROW(score_ctm_ctm_sclite(hyp3, ref3), InputError);
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
