#include "metrics/sclite_stm.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.h"

namespace pb {
namespace {

// Built by hand rather than parsed, so these tests need only the metrics library. Texts are verbatim STM
// transcripts; ignore follows the STM reader's rule.
StmSegment seg(std::string file, std::string speaker, double begin, double end, std::string text,
               std::string channel = "A") {
  StmSegment s;
  s.file = std::move(file);
  s.channel = std::move(channel);
  s.speaker = std::move(speaker);
  s.begin = begin;
  s.end = end;
  s.ignore = text == "IGNORE_TIME_SEGMENT_IN_SCORING";
  s.text = std::move(text);
  return s;
}

CtmRecord word(std::string file, double begin, double duration, std::string w, std::string channel = "A") {
  CtmRecord r;
  r.file = std::move(file);
  r.channel = std::move(channel);
  r.begin = begin;
  r.duration = duration;
  r.word = std::move(w);
  return r;
}

StmFile stm(std::vector<StmSegment> segments) {
  StmFile f;
  for (std::size_t k = 0; k < segments.size(); ++k) segments[k].line = static_cast<int>(k + 1);
  f.segments = std::move(segments);
  return f;
}

CtmFile ctm(std::vector<CtmRecord> records) {
  CtmFile f;
  for (std::size_t k = 0; k < records.size(); ++k) records[k].line = static_cast<int>(k + 1);
  f.records = std::move(records);
  return f;
}

using Assigned = std::vector<std::vector<std::size_t>>;

// Expected values below were checked by running sclite 2.10 on the same files (-o pra).
TEST(ScliteStmAssign, GapWordsGoToTheNextSegmentAndStrayWordsToTheEnds) {
  const StmFile ref = stm({seg("f1", "spk1", 1.0, 2.0, "a b"), seg("f1", "spk2", 3.0, 5.0, "e f g"),
                           seg("f1", "spk1", 5.0, 6.0, "h i")});
  const CtmFile hyp = ctm({word("f1", 0.1, 0.3, "pre"), word("f1", 1.1, 0.3, "a"), word("f1", 1.5, 0.3, "b"),
                           word("f1", 1.9, 0.2, "bb"),  // midpoint 2.0, on the end: next segment
                           word("f1", 2.4, 0.3, "z"),   // in the gap
                           word("f1", 3.2, 0.3, "e"), word("f1", 3.9, 0.3, "f"), word("f1", 4.5, 0.3, "g"),
                           word("f1", 4.9, 0.2, "gg"), word("f1", 5.5, 0.2, "h"), word("f1", 6.5, 0.2, "post"),
                           word("f1", 9.5, 0.2, "post2")});
  EXPECT_EQ(assign_ctm_to_stm_sclite(ref, hyp).segments, (Assigned{{0, 1, 2}, {3, 4, 5, 6, 7}, {8, 9, 10, 11}}));

  const ScliteStmResult r = score_stm_ctm_sclite(ref, hyp);
  ASSERT_EQ(r.counts.speakers.size(), 2u);
  EXPECT_EQ(r.counts.speakers[0].speaker, "spk1");
  // spk1: "pre a b" vs "a b" (C2 I1) and "gg h post post2" vs "h i" (C1 S1 I2).
  EXPECT_EQ(r.counts.speakers[0].counts.hits, 3);
  EXPECT_EQ(r.counts.speakers[0].counts.substitutions, 1);
  EXPECT_EQ(r.counts.speakers[0].counts.insertions, 3);
  EXPECT_EQ(r.counts.speakers[0].sentences, 2);
  EXPECT_EQ(r.counts.speakers[0].sentence_errors, 2);
  // spk2: "bb z e f g" vs "e f g" (C3 I2).
  EXPECT_EQ(r.counts.speakers[1].counts.hits, 3);
  EXPECT_EQ(r.counts.speakers[1].counts.insertions, 2);
  EXPECT_EQ(r.counts.overall.counts.ref_words, 7);
  EXPECT_EQ(r.counts.overall.counts.hyp_words, 12);
  EXPECT_EQ(r.counts.overall.counts.errors(), 6);
  EXPECT_EQ(r.counts.reference_only_utterances, 0);
}

TEST(ScliteStmAssign, MidpointOnBoundaryDependsOnFloatRoundingOfTheEnd) {
  // 0.2f > 0.2 so a midpoint of 0.2 is inside [0, 0.2]; 2.0f == 2.0, so 2.0 is not inside [0, 2.0];
  // 1.2f > 1.2 again inside.
  for (const auto& [end, begin, inside] : std::vector<std::tuple<double, double, bool>>{
           {0.2, 0.1, true}, {2.0, 1.9, false}, {1.2, 1.1, true}, {2.0, 1.89999, true}, {0.2, 0.10001, false}}) {
    const StmFile ref = stm({seg("f", "s1", 0.0, end, "a"), seg("f", "s2", end, 9.0, "b")});
    const CtmFile hyp = ctm({word("f", begin, 0.2, "x")});
    const Assigned expected = inside ? Assigned{{0}, {}} : Assigned{{}, {0}};
    EXPECT_EQ(assign_ctm_to_stm_sclite(ref, hyp).segments, expected) << begin << " in [0, " << end << "]";
  }
}

TEST(ScliteStmAssign, AWordThatDoesNotFitStopsTheSegment) {
  // "long" (midpoint 2.0) ends segment 1, so "short" (midpoint 1.65) follows it into segment 2.
  const StmFile ref = stm({seg("f1", "s1", 0.0, 2.0, "a b"), seg("f1", "s2", 2.0, 9.0, "c d")});
  const CtmFile hyp = ctm({word("f1", 0.5, 0.2, "a"), word("f1", 1.5, 1.0, "long"), word("f1", 1.6, 0.1, "short"),
                           word("f1", 3.0, 0.2, "c")});
  EXPECT_EQ(assign_ctm_to_stm_sclite(ref, hyp).segments, (Assigned{{0}, {1, 2, 3}}));
}

TEST(ScliteStmAssign, OverlappingSpeakersAreFilledInStmOrder) {
  // spk2's segment lies inside spk1's: spk1 takes every word before 5.0 and spk2 gets none.
  const StmFile ref = stm({seg("f1", "spk1", 0.0, 5.0, "a b c"), seg("f1", "spk2", 1.0, 3.0, "e f"),
                           seg("f1", "spk2", 7.0, 8.0, "h")});
  const CtmFile hyp = ctm({word("f1", 0.1, 0.3, "a"), word("f1", 1.1, 0.3, "e"), word("f1", 1.5, 0.3, "f"),
                           word("f1", 3.9, 0.2, "b"), word("f1", 4.5, 0.3, "c"), word("f1", 7.5, 0.2, "h")});
  EXPECT_EQ(assign_ctm_to_stm_sclite(ref, hyp).segments, (Assigned{{0, 1, 2, 3, 4}, {}, {5}}));
  const ScliteStmResult r = score_stm_ctm_sclite(ref, hyp);
  EXPECT_EQ(r.counts.speakers[1].counts.deletions, 2);
  EXPECT_EQ(r.counts.speakers[1].sentences, 2);
}

TEST(ScliteStmScore, IgnoredRegionsSwallowTheirWordsAndTheGapBeforeThem) {
  const StmFile ref = stm({seg("f1", "Anne", 0.0, 5.0, "a (b) c"),
                           seg("f1", "Anne", 6.0, 7.0, "IGNORE_TIME_SEGMENT_IN_SCORING"),
                           seg("f1", "Søren", 7.0, 8.0, "h { x / y } Æble"),
                           seg("f1", "ghost", 8.0, 9.0, "IGNORE_TIME_SEGMENT_IN_SCORING")});
  const CtmFile hyp = ctm({word("f1", 0.1, 0.3, "a"), word("f1", 4.5, 0.3, "c"), word("f1", 5.5, 0.2, "gap"),
                           word("f1", 6.2, 0.2, "ig1"), word("f1", 7.5, 0.2, "h"), word("f1", 7.6, 0.2, "Y"),
                           word("f1", 7.7, 0.2, "æble"), word("f1", 9.5, 0.2, "late")});
  EXPECT_EQ(assign_ctm_to_stm_sclite(ref, hyp).segments, (Assigned{{0, 1}, {2, 3}, {4, 5, 6}, {7}}));
  const ScliteStmResult r = score_stm_ctm_sclite(ref, hyp);
  EXPECT_EQ(r.ignored_hypothesis_words, 3);
  // A speaker with only ignored regions is not reported, as in sclite.
  ASSERT_EQ(r.counts.speakers.size(), 2u);
  EXPECT_EQ(r.counts.speakers[0].speaker, "anne");
  EXPECT_EQ(r.counts.speakers[1].speaker, "søren");  // ASCII folding only: "Ø" stays
  // anne: "(b)" deleted under -D counts as correct.
  EXPECT_EQ(r.counts.speakers[0].counts.hits, 3);
  EXPECT_EQ(r.counts.speakers[0].optional_deleted, 1);
  EXPECT_EQ(r.counts.speakers[0].counts.hyp_words, 2);
  // søren: "Y" matches "y" but "æble" is not "Æble" (sclite folds A-Z only).
  EXPECT_EQ(r.counts.speakers[1].counts.hits, 2);
  EXPECT_EQ(r.counts.speakers[1].counts.substitutions, 1);
  EXPECT_EQ(r.counts.overall.sentences, 2);
}

TEST(ScliteStmScore, RecordingWithoutHypothesisIsAllDeletionsAndEmptySegmentsAreSentences) {
  const StmFile ref = stm({seg("f1", "s1", 0.0, 2.0, ""), seg("f1", "s2", 2.0, 4.0, ""),
                           seg("f1", "s1", 4.0, 9.0, "c"), seg("f2", "s3", 0.0, 1.0, "k l"),
                           seg("f2", "s3", 0.0, 1.0, "m", "B")});
  const CtmFile hyp = ctm({word("f1", 2.5, 0.2, "x"), word("f1", 5.0, 0.1, "c")});
  const ScliteStmResult r = score_stm_ctm_sclite(ref, hyp);
  EXPECT_EQ(r.recordings_without_hypothesis, 2);
  EXPECT_EQ(r.counts.overall.sentences, 5);
  EXPECT_EQ(r.counts.overall.counts.ref_words, 4);
  EXPECT_EQ(r.counts.overall.counts.hits, 1);
  EXPECT_EQ(r.counts.overall.counts.deletions, 3);
  EXPECT_EQ(r.counts.overall.counts.insertions, 1);
  EXPECT_EQ(r.counts.overall.sentence_errors, 3);  // s2's empty segment got "x"; both f2 segments
}

TEST(ScliteStmScore, FileAndChannelMatchIgnoresAsciiCaseUnlessCaseSensitive) {
  const StmFile ref = stm({seg("F1", "Anne", 0.0, 2.0, "a B", "a")});
  const CtmFile hyp = ctm({word("f1", 0.5, 0.2, "a", "A"), word("f1", 1.0, 0.2, "b", "A")});
  const ScliteStmResult r = score_stm_ctm_sclite(ref, hyp);
  EXPECT_EQ(r.counts.overall.counts.hits, 2);
  EXPECT_EQ(r.counts.speakers[0].speaker, "anne");

  ScliteStmOptions exact;
  exact.case_sensitive = true;
  EXPECT_THROW(score_stm_ctm_sclite(ref, hyp, exact), InputError);
  const CtmFile same_case = ctm({word("F1", 0.5, 0.2, "a", "a"), word("F1", 1.0, 0.2, "b", "a")});
  const ScliteStmResult s = score_stm_ctm_sclite(ref, same_case, exact);
  EXPECT_EQ(s.counts.speakers[0].speaker, "Anne");
  EXPECT_EQ(s.counts.overall.counts.substitutions, 1);  // "B" vs "b"
}

TEST(ScliteStmScore, OptionalWordsOnlyUnderD) {
  const StmFile ref = stm({seg("f", "s", 0.0, 2.0, "a (b) c")});
  const CtmFile hyp = ctm({word("f", 0.1, 0.2, "a"), word("f", 1.0, 0.2, "c")});
  EXPECT_EQ(score_stm_ctm_sclite(ref, hyp).counts.overall.counts.errors(), 0);
  ScliteStmOptions no_d;
  no_d.optional_deletable = false;
  EXPECT_EQ(score_stm_ctm_sclite(ref, hyp, no_d).counts.overall.counts.deletions, 1);
}

TEST(ScliteStmScore, EmptyInputs) {
  const ScliteStmResult none = score_stm_ctm_sclite(StmFile{}, CtmFile{});
  EXPECT_TRUE(none.counts.speakers.empty());
  EXPECT_EQ(none.counts.overall.sentences, 0);
  EXPECT_TRUE(assign_ctm_to_stm_sclite(StmFile{}, CtmFile{}).segments.empty());
  // A CTM word with nothing to score against is an error, as sclite stops on it.
  EXPECT_THROW(score_stm_ctm_sclite(StmFile{}, ctm({word("f", 0, 1, "x")})), InputError);
}

TEST(ScliteStmScore, ManySegmentsAndWords) {
  std::vector<StmSegment> segments;
  std::vector<CtmRecord> records;
  for (int k = 0; k < 5000; ++k) {
    segments.push_back(seg("f", k % 2 == 0 ? "a" : "b", k * 2.0, k * 2.0 + 1.5, "jeg søger job"));
    records.push_back(word("f", k * 2.0 + 0.1, 0.3, "jeg"));
    records.push_back(word("f", k * 2.0 + 0.5, 0.3, k % 10 == 0 ? "ikke" : "søger"));
    records.push_back(word("f", k * 2.0 + 1.6, 0.3, "job"));  // in the gap: goes to the next segment
  }
  const ScliteStmResult r = score_stm_ctm_sclite(stm(std::move(segments)), ctm(std::move(records)));
  EXPECT_EQ(r.counts.overall.sentences, 5000);
  EXPECT_EQ(r.counts.overall.counts.ref_words, 15000);
  EXPECT_EQ(r.counts.overall.counts.substitutions, 500);
  // Segment 0 loses "job" (deletion); every later one gets the previous one's "job" as an insertion
  // before its own words, and the last one keeps its own.
  EXPECT_EQ(r.counts.overall.counts.deletions, 4999);
  EXPECT_EQ(r.counts.overall.counts.insertions, 4999);
}

TEST(ScliteStmErrors, ReportsEveryProblemWithFileAndLine) {
  const StmFile ref = stm({seg("f", "s", 0.0, 2.0, "a { b / c"), seg("f", "s", 2.0, 4.0, "d")});
  const CtmFile hyp = ctm({word("f", 0.1, 0.2, "a"), word("f", 2.5, 0.2, "(d)"), word("g", 0.0, 0.1, "x"),
                           word("g", 0.5, 0.1, "y")});
  try {
    score_stm_ctm_sclite(ref, hyp, {}, "ref.stm", "hyp.ctm");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    // The unknown recording stops before scoring, reported once.
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].file, "hyp.ctm");
    EXPECT_EQ(e.problems()[0].line, 3);
  }
  const CtmFile known = ctm({word("f", 0.1, 0.2, "a"), word("f", 2.5, 0.2, "(d)")});
  try {
    score_stm_ctm_sclite(ref, known, {}, "ref.stm", "hyp.ctm");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].file, "ref.stm");
    EXPECT_EQ(e.problems()[0].line, 1);
    EXPECT_EQ(e.problems()[1].file, "hyp.ctm");
    EXPECT_EQ(e.problems()[1].line, 2);
  }
  CtmRecord alt = word("f", 0, 0, "<ALT_BEGIN>");
  alt.begin.reset();
  alt.duration.reset();
  EXPECT_THROW(assign_ctm_to_stm_sclite(ref, ctm({alt})), InputError);
}

}  // namespace
}  // namespace pb
