#include "metrics/multi_speaker.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/rng.h"

namespace pb {
namespace {

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

SpeakerSegment seg(const std::string& speaker, const std::string& text, std::optional<double> start = std::nullopt,
                   std::optional<double> end = std::nullopt) {
  SpeakerSegment s;
  s.speaker = speaker;
  s.words = words(text);
  s.start = start;
  s.end = end;
  return s;
}

ErrorCounts counts(std::int64_t ref, std::int64_t hyp, std::int64_t h, std::int64_t s, std::int64_t d, std::int64_t i) {
  ErrorCounts c;
  c.ref_words = ref;
  c.hyp_words = hyp;
  c.hits = h;
  c.substitutions = s;
  c.deletions = d;
  c.insertions = i;
  return c;
}

SpeakerMatch match(std::optional<std::string> ref, std::optional<std::string> hyp, ErrorCounts c) {
  return SpeakerMatch{std::move(ref), std::move(hyp), c};
}

// ---------------------------------------------------------------------------------------------------- cpWER

TEST(Cpwer, PerfectHypothesisWithArbitraryLabels) {
  const std::vector<SpeakerSegment> ref{seg("SB", "hej og velkommen", 0, 2), seg("B", "tak", 2, 3),
                                        seg("SB", "hvordan går det", 3, 5)};
  const std::vector<SpeakerSegment> hyp{seg("SPEAKER_00", "hej og velkommen", 0, 2), seg("SPEAKER_01", "tak", 2, 3),
                                        seg("SPEAKER_00", "hvordan går det", 3, 5)};
  const CpwerResult r = cpwer(ref, hyp);
  EXPECT_EQ(r.total, counts(7, 7, 7, 0, 0, 0));
  // Reference speakers in label order ("B" < "SB").
  const std::vector<SpeakerMatch> expected{match("B", "SPEAKER_01", counts(1, 1, 1, 0, 0, 0)),
                                           match("SB", "SPEAKER_00", counts(6, 6, 6, 0, 0, 0))};
  EXPECT_EQ(r.matches, expected);
  EXPECT_EQ(r.missed_speakers, 0);
  EXPECT_EQ(r.false_alarm_speakers, 0);
}

TEST(Cpwer, SwappedLabelsEqualPlainWerOfTheMappedStreams) {
  const std::vector<SpeakerSegment> ref{seg("A", "a b c"), seg("B", "d e")};
  const std::vector<SpeakerSegment> hyp{seg("spk0", "d e"), seg("spk1", "a b x")};
  const CpwerResult r = cpwer(ref, hyp);
  const ErrorCounts a_vs_spk1 = count_errors(words("a b c"), words("a b x"));
  const ErrorCounts b_vs_spk0 = count_errors(words("d e"), words("d e"));
  EXPECT_EQ(r.total, a_vs_spk1 + b_vs_spk0);
  EXPECT_EQ(r.total, counts(5, 5, 4, 1, 0, 0));
  ASSERT_EQ(r.matches.size(), 2u);
  EXPECT_EQ(r.matches[0], match("A", "spk1", a_vs_spk1));
  EXPECT_EQ(r.matches[1], match("B", "spk0", b_vs_spk0));

  const auto orc = orcwer(ref, hyp);
  ASSERT_TRUE(orc.ok()) << orc.error();
  EXPECT_LE(orc.value().total.errors(), r.total.errors());
  EXPECT_EQ(orc.value().total.errors(), 1);
  EXPECT_EQ(orc.value().stream_of_segment, (std::vector<int>{1, 0}));
}

TEST(Cpwer, OneMislabelledSegmentCostsCpwerButNotOrc) {
  // The third segment belongs to A but the hypothesis gives it to spk1. Best pairing A↔spk0, B↔spk1:
  // A "a b c f g" vs "a b c" = 2 deletions, B "d e" vs "d e f g" = 2 insertions (the other pairing costs 6).
  const std::vector<SpeakerSegment> ref{seg("A", "a b c", 0, 1), seg("B", "d e", 1, 2), seg("A", "f g", 2, 3)};
  const std::vector<SpeakerSegment> hyp{seg("spk0", "a b c", 0, 1), seg("spk1", "d e", 1, 2), seg("spk1", "f g", 2, 3)};
  const CpwerResult cp = cpwer(ref, hyp);
  EXPECT_EQ(cp.total, counts(7, 7, 5, 0, 2, 2));
  EXPECT_EQ(cp.matches[0], match("A", "spk0", counts(5, 3, 3, 0, 2, 0)));
  EXPECT_EQ(cp.matches[1], match("B", "spk1", counts(2, 4, 2, 0, 0, 2)));

  const auto orc = orcwer(ref, hyp);
  ASSERT_TRUE(orc.ok()) << orc.error();
  EXPECT_EQ(orc.value().total, counts(7, 7, 7, 0, 0, 0));
  EXPECT_EQ(orc.value().hyp_speakers, (std::vector<std::string>{"spk0", "spk1"}));
  EXPECT_EQ(orc.value().stream_of_segment, (std::vector<int>{0, 1, 1}));

  const SpeakerLabelError label = speaker_label_error(cp, orc.value());
  EXPECT_EQ(label.errors, 4);
  EXPECT_DOUBLE_EQ(label.rate, 4.0 / 7.0);
}

TEST(Cpwer, MergedDiarisationOneHypothesisSpeakerForTwo) {
  // spk0 pairs with A ("a b c f" vs "a b c d e f": d, e inserted); B is missed (2 deletions). Pairing spk0
  // with B instead would cost 4 insertions + 4 deletions.
  const std::vector<SpeakerSegment> ref{seg("A", "a b c", 0, 1), seg("B", "d e", 1, 2), seg("A", "f", 2, 3)};
  const std::vector<SpeakerSegment> hyp{seg("spk0", "a b c d e f", 0, 3)};
  const CpwerResult cp = cpwer(ref, hyp);
  EXPECT_EQ(cp.total, counts(6, 6, 4, 0, 2, 2));
  const std::vector<SpeakerMatch> expected{match("A", "spk0", counts(4, 6, 4, 0, 0, 2)),
                                           match("B", std::nullopt, counts(2, 0, 0, 0, 2, 0))};
  EXPECT_EQ(cp.matches, expected);
  EXPECT_EQ(cp.missed_speakers, 1);
  EXPECT_EQ(cp.false_alarm_speakers, 0);

  const auto orc = orcwer(ref, hyp);
  ASSERT_TRUE(orc.ok()) << orc.error();
  EXPECT_EQ(orc.value().total.errors(), 0);
  EXPECT_EQ(orc.value().stream_of_segment, (std::vector<int>{0, 0, 0}));
  const SpeakerLabelError label = speaker_label_error(cp, orc.value());
  EXPECT_EQ(label.errors, 4);
  EXPECT_DOUBLE_EQ(label.rate, 4.0 / 6.0);
}

TEST(Cpwer, ExtraHypothesisSpeakerIsInsertions) {
  // meeteval's documented example: cp_word_error_rate(['a b', 'c d'], ['a b', 'c d', 'e f']) -> 2 insertions.
  const std::vector<SpeakerSegment> ref{seg("A", "a b"), seg("B", "c d")};
  const std::vector<SpeakerSegment> hyp{seg("h0", "a b"), seg("h1", "c d"), seg("h2", "e f")};
  const CpwerResult r = cpwer(ref, hyp);
  EXPECT_EQ(r.total, counts(4, 6, 4, 0, 0, 2));
  const std::vector<SpeakerMatch> expected{match("A", "h0", counts(2, 2, 2, 0, 0, 0)),
                                           match("B", "h1", counts(2, 2, 2, 0, 0, 0)),
                                           match(std::nullopt, "h2", counts(0, 2, 0, 0, 0, 2))};
  EXPECT_EQ(r.matches, expected);
  EXPECT_EQ(r.false_alarm_speakers, 1);
  EXPECT_EQ(r.missed_speakers, 0);
}

TEST(Cpwer, MeetevalDocumentedExamples) {
  // {'r0': 'a', 'r1': 'b', 'r2': 'c'} vs {'h0': 'b', 'h1': 'c', 'h2': 'd', 'h3': 'a'}: errors=1 (insertion),
  // assignment r0-h3, r1-h0, r2-h1, h2 left over.
  {
    const std::vector<SpeakerSegment> ref{seg("r0", "a"), seg("r1", "b"), seg("r2", "c")};
    const std::vector<SpeakerSegment> hyp{seg("h0", "b"), seg("h1", "c"), seg("h2", "d"), seg("h3", "a")};
    const CpwerResult r = cpwer(ref, hyp);
    EXPECT_EQ(r.total, counts(3, 4, 3, 0, 0, 1));
    ASSERT_EQ(r.matches.size(), 4u);
    EXPECT_EQ(r.matches[0].hyp_speaker, "h3");
    EXPECT_EQ(r.matches[1].hyp_speaker, "h0");
    EXPECT_EQ(r.matches[2].hyp_speaker, "h1");
    EXPECT_EQ(r.matches[3], match(std::nullopt, "h2", counts(0, 1, 0, 0, 0, 1)));
  }
  // {'r0': 'a b'} vs {'h0': 'z', 'h1': 'a e f'}: errors=3, substitutions=1, insertions=2, r0-h1.
  {
    const std::vector<SpeakerSegment> ref{seg("r0", "a b")};
    const std::vector<SpeakerSegment> hyp{seg("h0", "z"), seg("h1", "a e f")};
    const CpwerResult r = cpwer(ref, hyp);
    EXPECT_EQ(r.total, counts(2, 4, 1, 1, 0, 2));
    EXPECT_EQ(r.matches[0].hyp_speaker, "h1");
  }
  // {'r0': 'a b', 'r1': 'k'} vs {'h0': ' ', 'h1': 'a e f'}: errors=3, one each of S, D, I; r0-h1, r1-h0.
  {
    const std::vector<SpeakerSegment> ref{seg("r0", "a b"), seg("r1", "k")};
    const std::vector<SpeakerSegment> hyp{seg("h0", " "), seg("h1", "a e f")};
    const CpwerResult r = cpwer(ref, hyp);
    EXPECT_EQ(r.total, counts(3, 3, 1, 1, 1, 1));
    EXPECT_EQ(r.matches[0].hyp_speaker, "h1");
    EXPECT_EQ(r.matches[1].hyp_speaker, "h0");
  }
  // ['a', 'b', 'c d'] vs ['a', 'b']: errors=2 deletions, missed_speaker=1.
  {
    const std::vector<SpeakerSegment> ref{seg("r0", "a"), seg("r1", "b"), seg("r2", "c d")};
    const std::vector<SpeakerSegment> hyp{seg("h0", "a"), seg("h1", "b")};
    const CpwerResult r = cpwer(ref, hyp);
    EXPECT_EQ(r.total, counts(4, 2, 2, 0, 2, 0));
    EXPECT_EQ(r.missed_speakers, 1);
    EXPECT_EQ(r.matches[2], match("r2", std::nullopt, counts(2, 0, 0, 0, 2, 0)));
  }
}

TEST(Cpwer, EmptyInputs) {
  const std::vector<SpeakerSegment> none;
  CpwerResult r = cpwer(none, none);
  EXPECT_EQ(r.total, ErrorCounts{});
  EXPECT_TRUE(r.matches.empty());

  const std::vector<SpeakerSegment> hyp{seg("spk0", "x y")};
  r = cpwer(none, hyp);
  EXPECT_EQ(r.total, counts(0, 2, 0, 0, 0, 2));
  EXPECT_EQ(r.false_alarm_speakers, 1);
  ASSERT_EQ(r.matches.size(), 1u);
  EXPECT_EQ(r.matches[0].ref_speaker, std::nullopt);

  const std::vector<SpeakerSegment> ref{seg("A", "a b")};
  r = cpwer(ref, none);
  EXPECT_EQ(r.total, counts(2, 0, 0, 0, 2, 0));
  EXPECT_EQ(r.missed_speakers, 1);

  // Segments without words still make speakers; pairing two word-less speakers costs nothing.
  const std::vector<SpeakerSegment> silent_ref{seg("A", "")}, silent_hyp{seg("spk0", "")};
  r = cpwer(silent_ref, silent_hyp);
  EXPECT_EQ(r.total, ErrorCounts{});
  EXPECT_EQ(r.matches, (std::vector<SpeakerMatch>{match("A", "spk0", ErrorCounts{})}));
}

TEST(Cpwer, DanishWords) {
  const std::vector<SpeakerSegment> ref{seg("SB", "rødgrød med fløde"), seg("B", "på ærø")};
  const std::vector<SpeakerSegment> hyp{seg("SPEAKER_00", "på æro"), seg("SPEAKER_01", "rødgrød med fløde")};
  const CpwerResult r = cpwer(ref, hyp);
  EXPECT_EQ(r.total, counts(5, 5, 4, 1, 0, 0));
  EXPECT_EQ(r.matches[0], match("B", "SPEAKER_00", counts(2, 2, 1, 1, 0, 0)));
  EXPECT_EQ(r.matches[1], match("SB", "SPEAKER_01", counts(3, 3, 3, 0, 0, 0)));
}

TEST(Cpwer, SegmentsAreSortedByStartOnlyWhenAllAreTimed) {
  const std::vector<SpeakerSegment> hyp{seg("spk0", "a b c d", 0, 6)};
  const std::vector<SpeakerSegment> timed{seg("A", "c d", 5, 6), seg("A", "a b", 0, 1)};
  EXPECT_EQ(cpwer(timed, hyp).total.errors(), 0);
  // One segment without a start: input order "c d a b" against "a b c d" costs 4.
  const std::vector<SpeakerSegment> partly{seg("A", "c d", 5, 6), seg("A", "a b")};
  EXPECT_EQ(cpwer(partly, hyp).total.errors(), 4);
}

TEST(Cpwer, ManySpeakersWithPermutedLabels) {
  std::vector<SpeakerSegment> ref, hyp;
  for (int s = 0; s < 12; ++s) {
    const std::string text = "ord" + std::to_string(s) + " og " + std::to_string(s * s);
    ref.push_back(seg("R" + std::to_string(s), text));
    hyp.push_back(seg("H" + std::to_string((s * 5) % 12), text));  // 5 is coprime to 12: a permutation
  }
  const CpwerResult r = cpwer(ref, hyp);
  EXPECT_EQ(r.total.errors(), 0);
  EXPECT_EQ(r.total.ref_words, 36);
  for (const SpeakerMatch& m : r.matches) {
    ASSERT_TRUE(m.ref_speaker && m.hyp_speaker);
    const int s = std::stoi(m.ref_speaker->substr(1));
    EXPECT_EQ(*m.hyp_speaker, "H" + std::to_string((s * 5) % 12));
  }
}

// ------------------------------------------------------------------------------------------------------ ORC

TEST(Orcwer, MeetevalDocumentedExample) {
  // orc_word_error_rate(['a b', 'c d', 'e'], ['a b e f', 'c d']) -> errors=1, length=5, assignment=(0, 1, 0).
  const std::vector<SpeakerSegment> ref{seg("x", "a b"), seg("x", "c d"), seg("x", "e")};
  const std::vector<SpeakerSegment> hyp{seg("h0", "a b e f"), seg("h1", "c d")};
  const auto r = orcwer(ref, hyp);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r.value().total, counts(5, 6, 5, 0, 0, 1));
  EXPECT_EQ(r.value().stream_of_segment, (std::vector<int>{0, 1, 0}));
  EXPECT_EQ(r.value().stream_counts, (std::vector<ErrorCounts>{counts(3, 4, 3, 0, 0, 1), counts(2, 2, 2, 0, 0, 0)}));
}

TEST(Orcwer, LeadingHypothesisWordsAreInsertions) {
  // Segment "b c" into h0 ("a b c": a inserted) plus h1's "z" inserted = 2; into h1 it would cost 2 + 3.
  const std::vector<SpeakerSegment> ref{seg("A", "b c")};
  const std::vector<SpeakerSegment> hyp{seg("h0", "a b c"), seg("h1", "z")};
  const auto r = orcwer(ref, hyp);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r.value().total, counts(2, 4, 2, 0, 0, 2));
  EXPECT_EQ(r.value().stream_of_segment, (std::vector<int>{0}));
}

TEST(Orcwer, SegmentOrderFollowsStartTimes) {
  // Given out of order; sorted by start the segments are "a b" (h0), "c d" (h1), "e" (h0).
  const std::vector<SpeakerSegment> ref{seg("x", "e", 4, 5), seg("x", "a b", 0, 1), seg("x", "c d", 2, 3)};
  const std::vector<SpeakerSegment> hyp{seg("h0", "a b e"), seg("h1", "c d")};
  const auto r = orcwer(ref, hyp);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r.value().total.errors(), 0);
  EXPECT_EQ(r.value().stream_of_segment, (std::vector<int>{0, 0, 1}));  // input order
}

TEST(Orcwer, EmptyInputs) {
  const std::vector<SpeakerSegment> none;
  auto r = orcwer(none, none);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().total, ErrorCounts{});

  const std::vector<SpeakerSegment> ref{seg("A", "a b"), seg("B", "æ")};
  r = orcwer(ref, none);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().total, counts(3, 0, 0, 0, 3, 0));
  EXPECT_EQ(r.value().stream_of_segment, (std::vector<int>{-1, -1}));
  EXPECT_TRUE(r.value().hyp_speakers.empty());

  const std::vector<SpeakerSegment> hyp{seg("h0", "a"), seg("h1", "b c")};
  r = orcwer(none, hyp);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().total, counts(0, 3, 0, 0, 0, 3));
  EXPECT_EQ(r.value().stream_counts, (std::vector<ErrorCounts>{counts(0, 1, 0, 0, 0, 1), counts(0, 2, 0, 0, 0, 2)}));

  // Reference segments without words go to the first stream.
  const std::vector<SpeakerSegment> silent{seg("A", ""), seg("B", "")};
  r = orcwer(silent, hyp);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().stream_of_segment, (std::vector<int>{0, 0}));
  EXPECT_EQ(r.value().total.insertions, 3);
}

TEST(Orcwer, DanishWordsAndSpeakerAgnostic) {
  const std::vector<SpeakerSegment> ref{seg("SB", "hvad hedder du"), seg("B", "jeg hedder søren"),
                                        seg("SB", "og du bor på østerbro")};
  // The diarisation put everything under one label: ORC does not care.
  const std::vector<SpeakerSegment> hyp{seg("spk0", "hvad hedder du jeg hedder søren og du bor på østerbro")};
  const auto r = orcwer(ref, hyp);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().total.errors(), 0);
  EXPECT_EQ(r.value().total.ref_words, 11);
}

// Exhaustive ORC: every assignment of segments to streams.
std::int64_t brute_force_orc(const std::vector<SpeakerSegment>& ref,
                             const std::vector<std::vector<std::string>>& hyps) {
  const std::size_t k_count = hyps.size(), u_count = ref.size();
  std::size_t combinations = 1;
  for (std::size_t u = 0; u < u_count; ++u) combinations *= k_count;
  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  for (std::size_t code = 0; code < combinations; ++code) {
    std::vector<std::vector<std::string>> combined(k_count);
    std::size_t rest = code;
    for (std::size_t u = 0; u < u_count; ++u) {
      const std::size_t k = rest % k_count;
      rest /= k_count;
      combined[k].insert(combined[k].end(), ref[u].words.begin(), ref[u].words.end());
    }
    std::int64_t total = 0;
    for (std::size_t k = 0; k < k_count; ++k) total += count_errors(combined[k], hyps[k]).errors();
    best = std::min(best, total);
  }
  return best;
}

std::vector<std::string> random_words(Rng& rng, int max_words) {
  static const std::vector<std::string> vocabulary{"a", "b", "c", "æ"};
  std::vector<std::string> out(static_cast<std::size_t>(rng.uniform_int(0, max_words)));
  for (auto& w : out) w = rng.pick(vocabulary);
  return out;
}

TEST(Orcwer, MatchesBruteForceAndNeverExceedsCpwer) {
  Rng rng(derive_seed(1, "orc-brute-force"));
  for (int trial = 0; trial < 300; ++trial) {
    const auto u_count = static_cast<std::size_t>(rng.uniform_int(0, 6));
    const auto k_count = static_cast<std::size_t>(rng.uniform_int(1, 3));
    std::vector<SpeakerSegment> ref(u_count);
    for (auto& s : ref) {
      s.speaker = rng.bernoulli(0.5) ? "A" : "B";
      s.words = random_words(rng, 3);
    }
    std::vector<SpeakerSegment> hyp;
    std::vector<std::vector<std::string>> streams(k_count);
    for (std::size_t k = 0; k < k_count; ++k) {
      SpeakerSegment s;
      s.speaker = "h" + std::to_string(k);
      s.words = random_words(rng, 6);
      streams[k] = s.words;
      hyp.push_back(s);
    }
    const auto r = orcwer(ref, hyp);
    ASSERT_TRUE(r.ok()) << r.error();
    const OrcwerResult& orc = r.value();
    ASSERT_EQ(orc.total.errors(), brute_force_orc(ref, streams)) << "trial " << trial;

    // The returned assignment really achieves the total, and the per-stream counts add up.
    std::vector<std::vector<std::string>> combined(k_count);
    for (std::size_t u = 0; u < u_count; ++u) {
      const int k = orc.stream_of_segment[u];
      ASSERT_GE(k, 0);
      combined[static_cast<std::size_t>(k)].insert(combined[static_cast<std::size_t>(k)].end(), ref[u].words.begin(),
                                                   ref[u].words.end());
    }
    ErrorCounts sum;
    for (std::size_t k = 0; k < k_count; ++k) {
      EXPECT_EQ(orc.stream_counts[k], count_errors(combined[k], streams[k]));
      sum += orc.stream_counts[k];
    }
    EXPECT_EQ(sum, orc.total);

    const CpwerResult cp = cpwer(ref, hyp);
    EXPECT_LE(orc.total.errors(), cp.total.errors()) << "trial " << trial;
    EXPECT_GE(speaker_label_error(cp, orc).errors, 0);
  }
}

TEST(Orcwer, CheckpointedBacktrackingGivesTheSameResult) {
  Rng rng(derive_seed(2, "orc-checkpoints"));
  for (const std::size_t u_count : {16u, 17u, 30u}) {
    std::vector<SpeakerSegment> ref(u_count);
    for (auto& s : ref) {
      s.speaker = "A";
      s.words = random_words(rng, 2);
    }
    const std::vector<SpeakerSegment> hyp{seg("h0", "a b c"), seg("h1", "æ a c")};  // 4 × 4 = 16 cells
    const auto all_kept = orcwer(ref, hyp);
    OrcwerOptions tight;
    tight.max_memory_cells = 16 * static_cast<std::int64_t>(u_count);  // less than (U + 1) tables
    const auto recomputed = orcwer(ref, hyp, tight);
    ASSERT_TRUE(all_kept.ok() && recomputed.ok()) << recomputed.error();
    EXPECT_EQ(all_kept.value().total, recomputed.value().total);
    EXPECT_EQ(all_kept.value().stream_of_segment, recomputed.value().stream_of_segment);
  }
}

TEST(Orcwer, LimitsGiveReasons) {
  const std::vector<SpeakerSegment> ref{seg("A", "a b c")};
  std::vector<SpeakerSegment> five;
  for (int k = 0; k < 5; ++k) five.push_back(seg("h" + std::to_string(k), "a"));
  auto r = orcwer(ref, five);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("5 hypothesis speakers, at most 4"), std::string::npos) << r.error();

  OrcwerOptions options;
  options.max_streams = 5;
  EXPECT_TRUE(orcwer(ref, five, options).ok());

  const std::vector<SpeakerSegment> hyp{seg("h0", "a b c d"), seg("h1", "a b c d")};  // 25 cells
  options = OrcwerOptions{};
  options.max_cells = 24;
  r = orcwer(ref, hyp, options);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("24 cells"), std::string::npos) << r.error();

  options = OrcwerOptions{};
  options.max_cell_updates = 100;  // needs (3 + 1) · 2 · 25 = 200
  r = orcwer(ref, hyp, options);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("about 200 cell updates"), std::string::npos) << r.error();

  options = OrcwerOptions{};
  options.max_memory_cells = 10;
  r = orcwer(ref, hyp, options);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("memory"), std::string::npos) << r.error();
}

TEST(SpeakerLabelError, EmptyReference) {
  const std::vector<SpeakerSegment> none;
  const std::vector<SpeakerSegment> hyp{seg("spk0", "hej")};
  const auto orc = orcwer(none, hyp);
  ASSERT_TRUE(orc.ok());
  const SpeakerLabelError e = speaker_label_error(cpwer(none, hyp), orc.value());
  EXPECT_EQ(e.errors, 0);
  EXPECT_EQ(e.rate, 0.0);
}

// --------------------------------------------------------------------------------------------------- tcpWER

std::vector<WordInterval> intervals(std::initializer_list<std::pair<double, double>> list) {
  std::vector<WordInterval> out;
  for (const auto& [s, e] : list) out.push_back({s, e});
  return out;
}

TEST(PseudoWordIntervals, MeetevalDocumentedValues) {
  // meeteval's get_pseudo_word_level_timings doctest: ['abc b', 'c d e f'] at [(0, 4), (4, 8)].
  const auto first = words("abc b"), second = words("c d e f");
  using T = PseudoWordTiming;
  EXPECT_EQ(pseudo_word_intervals(first, 0, 4, T::character_based), intervals({{0, 3}, {3, 4}}));
  EXPECT_EQ(pseudo_word_intervals(second, 4, 8, T::character_based), intervals({{4, 5}, {5, 6}, {6, 7}, {7, 8}}));
  EXPECT_EQ(pseudo_word_intervals(first, 0, 4, T::character_based_points), intervals({{1.5, 1.5}, {3.5, 3.5}}));
  EXPECT_EQ(pseudo_word_intervals(first, 0, 4, T::equidistant_intervals), intervals({{0, 2}, {2, 4}}));
  EXPECT_EQ(pseudo_word_intervals(first, 0, 4, T::equidistant_points), intervals({{1, 1}, {3, 3}}));
  EXPECT_EQ(pseudo_word_intervals(second, 4, 8, T::equidistant_points),
            intervals({{4.5, 4.5}, {5.5, 5.5}, {6.5, 6.5}, {7.5, 7.5}}));
  EXPECT_EQ(pseudo_word_intervals(first, 0, 4, T::full_segment), intervals({{0, 4}, {0, 4}}));
}

TEST(PseudoWordIntervals, EdgeCases) {
  using T = PseudoWordTiming;
  EXPECT_TRUE(pseudo_word_intervals({}, 0, 1, T::character_based).empty());
  const auto one = words("hej");
  EXPECT_EQ(pseudo_word_intervals(one, 2, 3, T::character_based), intervals({{2, 3}}));
  EXPECT_EQ(pseudo_word_intervals(one, 2, 3, T::character_based_points), intervals({{2.5, 2.5}}));
  // Code points, not bytes: "æøå" is 3 characters (6 bytes) against "ab"'s 2, so 3/5 of the time.
  EXPECT_EQ(pseudo_word_intervals(words("æøå ab"), 0, 5, T::character_based), intervals({{0, 3}, {3, 5}}));
  const std::vector<std::string> blanks{"", ""};
  EXPECT_EQ(pseudo_word_intervals(blanks, 0, 2, T::character_based), intervals({{0, 1}, {1, 2}}));
  EXPECT_EQ(pseudo_word_intervals(words("a b"), 1, 1, T::character_based), intervals({{1, 1}, {1, 1}}));
}

TEST(TimeConstrainedErrors, MeetevalAlignExamples) {
  // meeteval align(): ref a b c at (0,1) (1,2) (2,3), hyp a b c at (0,1) (1,2) (3,4): c cannot match (the
  // intervals only touch) -> c deleted and inserted; with collar 1 everything matches.
  const auto w = words("a b c");
  const auto ref_t = intervals({{0, 1}, {1, 2}, {2, 3}});
  EXPECT_EQ(count_time_constrained_errors(w, ref_t, w, intervals({{0, 1}, {1, 2}, {3, 4}})), counts(3, 3, 2, 0, 1, 1));
  EXPECT_EQ(count_time_constrained_errors(w, ref_t, w, intervals({{0, 2}, {0, 3}, {2, 5}})),  // collar 1
            counts(3, 3, 3, 0, 0, 0));
}

TEST(TimeConstrainedErrors, NoSubstitutionWithoutOverlap) {
  const auto r = words("a"), h = words("b");
  EXPECT_EQ(count_time_constrained_errors(r, intervals({{0, 1}}), h, intervals({{5, 6}})), counts(1, 1, 0, 0, 1, 1));
  EXPECT_EQ(count_time_constrained_errors(r, intervals({{0, 1}}), h, intervals({{0.5, 6}})), counts(1, 1, 0, 1, 0, 0));
}

TEST(TimeConstrainedErrors, PointsOverlapOnlyStrictlyInside) {
  const auto w = words("ø");
  EXPECT_EQ(count_time_constrained_errors(w, intervals({{0, 1}}), w, intervals({{1, 1}})).errors(), 2);
  EXPECT_EQ(count_time_constrained_errors(w, intervals({{0, 1}}), w, intervals({{0, 0}})).errors(), 2);
  EXPECT_EQ(count_time_constrained_errors(w, intervals({{0, 1}}), w, intervals({{0.5, 0.5}})).errors(), 0);
}

TEST(TimeConstrainedErrors, AllOverlappingEqualsPlainCountsExactly) {
  // When every pair overlaps, the constraint is void and the counts (including the S/D/I split) must be
  // those of count_errors: same tie-breaking.
  Rng rng(derive_seed(3, "tc-equals-plain"));
  for (int trial = 0; trial < 200; ++trial) {
    const auto r = random_words(rng, 12), h = random_words(rng, 12);
    const std::vector<WordInterval> rt(r.size(), {0, 100}), ht(h.size(), {0, 100});
    ASSERT_EQ(count_time_constrained_errors(r, rt, h, ht), count_errors(r, h)) << "trial " << trial;
  }
}

TEST(TimeConstrainedErrors, EmptySides) {
  const std::vector<std::string> none;
  const auto w = words("a b");
  const auto t = intervals({{0, 1}, {1, 2}});
  EXPECT_EQ(count_time_constrained_errors(none, {}, none, {}), ErrorCounts{});
  EXPECT_EQ(count_time_constrained_errors(w, t, none, {}), counts(2, 0, 0, 0, 2, 0));
  EXPECT_EQ(count_time_constrained_errors(none, {}, w, t), counts(0, 2, 0, 0, 0, 2));
}

TEST(Tcpwer, MeetevalSisoExample) {
  // time_constrained_siso_word_error_rate(['a b', 'c d'] at (0,2),(0,2); ['a'] at (0,1)) -> 3 deletions.
  const std::vector<SpeakerSegment> ref{seg("A", "a b", 0, 2), seg("A", "c d", 0, 2)};
  const std::vector<SpeakerSegment> hyp{seg("spk0", "a", 0, 1)};
  TcpwerOptions options;
  options.collar = 0;
  const auto r = tcpwer(ref, hyp, options);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r.value().total, counts(4, 1, 1, 0, 3, 0));
}

TEST(Tcpwer, MeetevalAlignExampleWithPseudoTimings) {
  // meeteval align(['a b', 'c', 'd e'] at (0,1),(1,2),(2,3); ['a', 'b c', 'e f'] at (0,1),(1,2),(3,4); collar=1)
  // gives a, b, c, e correct, d deleted, f inserted: 2 errors. Here the same 2 errors come out as two
  // substitutions (d→e, e→f), because this project's tie-breaking prefers the diagonal.
  const std::vector<SpeakerSegment> ref{seg("A", "a b", 0, 1), seg("A", "c", 1, 2), seg("A", "d e", 2, 3)};
  const std::vector<SpeakerSegment> hyp{seg("spk0", "a", 0, 1), seg("spk0", "b c", 1, 2), seg("spk0", "e f", 3, 4)};
  TcpwerOptions options;
  options.collar = 1;
  const auto r = tcpwer(ref, hyp, options);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r.value().total.errors(), 2);
  EXPECT_EQ(r.value().total, counts(5, 5, 3, 2, 0, 0));
  // Without the collar the hypothesis points are a 0.5, b 1.25, c 1.75, e 3.25, f 3.75 against the reference
  // intervals a (0, 0.5), b (0.5, 1), c (1, 2), d (2, 2.5), e (2.5, 3): a only touches its interval, so only c
  // can be a hit; everything else is deleted and inserted.
  options.collar = 0;
  EXPECT_EQ(tcpwer(ref, hyp, options).value().total, counts(5, 5, 1, 0, 4, 4));
}

TEST(Tcpwer, RightWordsAtTheWrongTimeAreErrors) {
  const std::vector<SpeakerSegment> ref{seg("A", "hej med dig", 0, 2)};
  const std::vector<SpeakerSegment> hyp{seg("spk0", "hej med dig", 100, 102)};
  EXPECT_EQ(cpwer(ref, hyp).total.errors(), 0);
  const auto r = tcpwer(ref, hyp);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r.value().total, counts(3, 3, 0, 0, 3, 3));
}

TEST(Tcpwer, CollarEffects) {
  // Reference word over (10, 11); hypothesis word as the point 12.5.
  const std::vector<SpeakerSegment> ref{seg("A", "æble", 10, 11)};
  const std::vector<SpeakerSegment> hyp{seg("spk0", "æble", 12, 13)};
  auto errors_with_collar = [&](double collar) {
    TcpwerOptions options;
    options.collar = collar;
    const auto r = tcpwer(ref, hyp, options);
    EXPECT_TRUE(r.ok());
    return r.value().total.errors();
  };
  EXPECT_EQ(errors_with_collar(0), 2);
  EXPECT_EQ(errors_with_collar(1), 2);                    // (11.5, 13.5)
  EXPECT_EQ(errors_with_collar(1.5), 2);                  // (11, 14) only touches (10, 11)
  EXPECT_EQ(errors_with_collar(2), 0);                    // (10.5, 14.5)
  EXPECT_EQ(tcpwer(ref, hyp).value().total.errors(), 0);  // default collar 5 s
}

TEST(Tcpwer, SwappedLabelsWithGoodTimes) {
  const std::vector<SpeakerSegment> ref{seg("SB", "hvad kan jeg hjælpe med", 0, 3), seg("B", "jeg søger job", 3, 5)};
  const std::vector<SpeakerSegment> hyp{seg("SPEAKER_01", "hvad kan jeg hjælpe med", 0.2, 3.1),
                                        seg("SPEAKER_00", "jeg søger job", 3.3, 5)};
  TcpwerOptions options;
  options.collar = 0.5;
  const auto r = tcpwer(ref, hyp, options);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r.value().total.errors(), 0);
  EXPECT_EQ(r.value().matches[0], match("B", "SPEAKER_00", counts(3, 3, 3, 0, 0, 0)));
  EXPECT_EQ(r.value().matches[1], match("SB", "SPEAKER_01", counts(5, 5, 5, 0, 0, 0)));
}

TEST(Tcpwer, WordTimesOverrideTheSegmentTimes) {
  const std::vector<SpeakerSegment> ref{seg("A", "a b", 0, 2)};  // a (0,1), b (1,2)
  SpeakerSegment h = seg("spk0", "a b", 50, 52);
  TcpwerOptions options;
  options.collar = 0;
  EXPECT_EQ(tcpwer(ref, std::vector<SpeakerSegment>{h}, options).value().total.errors(), 4);
  h.word_times = intervals({{0.2, 0.4}, {1.2, 1.4}});  // midpoints 0.3 and 1.3
  EXPECT_EQ(tcpwer(ref, std::vector<SpeakerSegment>{h}, options).value().total.errors(), 0);
}

TEST(Tcpwer, MissingOrBrokenTimesAreNotComputable) {
  const std::vector<SpeakerSegment> timed{seg("A", "a", 0, 1)};
  const std::vector<SpeakerSegment> untimed_ref{seg("A", "a b")};
  auto r = tcpwer(untimed_ref, timed);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("reference segment 0 (speaker \"A\") has words but no start/end time"), std::string::npos)
      << r.error();

  const std::vector<SpeakerSegment> half{seg("spk0", "a", 0, 1), seg("spk0", "b", 2, std::nullopt)};
  r = tcpwer(timed, half);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("hypothesis segment 1"), std::string::npos) << r.error();

  const std::vector<SpeakerSegment> backwards{seg("spk0", "a", 3, 1)};
  EXPECT_FALSE(tcpwer(timed, backwards).ok());
  const std::vector<SpeakerSegment> nan_time{seg("spk0", "a", std::nan(""), 1)};
  EXPECT_FALSE(tcpwer(timed, nan_time).ok());

  SpeakerSegment wrong_count = seg("spk0", "a b c", 0, 1);
  wrong_count.word_times = intervals({{0, 0.5}, {0.5, 1}});
  r = tcpwer(timed, std::vector<SpeakerSegment>{wrong_count});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("2 word times for 3 words"), std::string::npos) << r.error();

  // Segments without words need no times.
  const std::vector<SpeakerSegment> with_silence{seg("A", "a", 0, 1), seg("B", "")};
  r = tcpwer(with_silence, timed);
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r.value().total.errors(), 0);
  EXPECT_EQ(r.value().missed_speakers, 1);  // B is a speaker, with no words to miss
}

TEST(Tcpwer, EmptyInputs) {
  const std::vector<SpeakerSegment> none;
  const auto r = tcpwer(none, none);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().total, ErrorCounts{});
}

}  // namespace
}  // namespace pb
