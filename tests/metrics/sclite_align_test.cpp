#include "metrics/sclite_align.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/rng.h"

namespace pb {
namespace {

ScliteSentenceCounts sc(std::int32_t c, std::int32_t s, std::int32_t d, std::int32_t i, std::int32_t opt = 0) {
  return {c, s, d, i, opt};
}

ScliteSentenceCounts score(const std::string& ref, const std::string& hyp, ScliteOptions options = {}) {
  return score_sclite_sentence(ref, hyp, options);
}

// Every expected value below is what sclite 2.10 printed ("Scores: (#C #S #D #I)" in -o pra) for the
// same texts; docs/sclite-compatibility.md lists the commands.
TEST(ScliteAlign, WeightsPreferOneDeletionAndInsertionOverTwoSubstitutions) {
  EXPECT_EQ(score("a b", "b a"), sc(1, 0, 1, 1));
  EXPECT_EQ(score("a b c", "c a b"), sc(2, 0, 1, 1));
  EXPECT_EQ(score("a b c", "x"), sc(0, 1, 2, 0));
}

TEST(ScliteAlign, UnitCostLevenshteinDisagrees) {
  // The reason sclite mode exists: the default alignment (unit costs) calls this two substitutions.
  const std::vector<std::string> ref{"a", "b"}, hyp{"b", "a"};
  const ErrorCounts unit = count_errors(ref, hyp);
  EXPECT_EQ(unit.substitutions, 2);
  EXPECT_EQ(unit.deletions, 0);
  EXPECT_NE(score("a b", "b a").substitutions, unit.substitutions);

  // Even the error total can differ: 5 at unit cost, 6 for sclite (cost 18 < 4 S + 1 D = 19).
  const std::vector<std::string> ref2{"b", "b", "b", "b", "c", "c"}, hyp2{"c", "c", "a", "b"};
  EXPECT_EQ(count_errors(ref2, hyp2).errors(), 5);
  EXPECT_EQ(score("b b b b c c", "c c a b"), sc(2, 0, 4, 2));
}

TEST(ScliteAlign, TiesFavourTheDiagonalThenInsertionThenDeletion) {
  EXPECT_EQ(score("a b c", "x y a"), sc(0, 3, 0, 0));  // 3 S (12) beats 2 I + 1 C + 2 D (12)
  EXPECT_EQ(score("a b c", "c x y"), sc(0, 3, 0, 0));
  EXPECT_EQ(score("a a", "a"), sc(1, 0, 1, 0));
  EXPECT_EQ(score("a", "b c"), sc(0, 1, 0, 1));
  EXPECT_EQ(score("b c", "c b"), sc(1, 0, 1, 1));
}

TEST(ScliteAlign, EmptySides) {
  EXPECT_EQ(score("", ""), sc(0, 0, 0, 0));
  EXPECT_EQ(score("a b", ""), sc(0, 0, 2, 0));
  EXPECT_EQ(score("", "a b"), sc(0, 0, 0, 2));
  EXPECT_EQ(score("@", "a"), sc(0, 0, 0, 1));
  EXPECT_EQ(score("(a)", ""), sc(1, 0, 0, 0, 1));
}

TEST(ScliteAlign, CaseFoldingIsAsciiOnly) {
  EXPECT_EQ(score("Hej Med Dig", "hej MED dig"), sc(3, 0, 0, 0));
  EXPECT_EQ(score("Æble øl Å", "æble ØL å"), sc(0, 3, 0, 0));  // sclite: 3 substitutions
  EXPECT_EQ(score("ærø", "ærø"), sc(1, 0, 0, 0));
  ScliteOptions sensitive;
  sensitive.case_sensitive = true;
  EXPECT_EQ(score("Hej", "hej", sensitive), sc(0, 1, 0, 0));
}

TEST(ScliteAlign, OptionalWordsUnderD) {
  EXPECT_EQ(score("a (b) c", "a c"), sc(3, 0, 0, 0, 1));
  EXPECT_EQ(score("a (b) c", "a b c"), sc(3, 0, 0, 0));
  EXPECT_EQ(score("a (b) c", "a B c"), sc(3, 0, 0, 0));
  EXPECT_EQ(score("a (b) c", "a x c"), sc(2, 1, 0, 0));  // S (4) beats optional deletion + I (5)
  EXPECT_EQ(score("a (b) c", "a x y c"), sc(2, 1, 0, 1));
  EXPECT_EQ(score("(b) (c) (e)", "x"), sc(2, 1, 0, 0, 2));
  EXPECT_EQ(score("a (b)", "x"), sc(1, 1, 0, 0, 1));  // optional deletion costs less than 3
  EXPECT_EQ(score("a { b / (c) } d", "a d"), sc(3, 0, 0, 0, 1));
  EXPECT_EQ(score("a ((b)) c", "a b c"), sc(2, 1, 0, 0));  // one layer of parentheses comes off
  EXPECT_EQ(score("a ( b ) c", "a c"), sc(2, 0, 3, 0));    // "(" and ")" alone are words
}

TEST(ScliteAlign, OptionalWordsWithoutDAreLiteral) {
  ScliteOptions no_d;
  no_d.optional_deletable = false;
  EXPECT_EQ(score("a (b) c", "a c", no_d), sc(2, 0, 1, 0));
  EXPECT_EQ(score("a (b) c", "a b c", no_d), sc(2, 1, 0, 0));
  EXPECT_EQ(score("a { b / (c) } d", "a d", no_d), sc(2, 0, 1, 0));
}

TEST(ScliteAlign, Alternatives) {
  EXPECT_EQ(score("a { b / c } d", "a c d"), sc(3, 0, 0, 0));
  EXPECT_EQ(score("a { b / c } d", "a d"), sc(2, 0, 1, 0));
  EXPECT_EQ(score("a { b / @ } d", "a d"), sc(2, 0, 0, 0));
  EXPECT_EQ(score("a { b / @ } d", "a x d"), sc(2, 0, 0, 1));
  EXPECT_EQ(score("a { b c / d } e", "a b c e"), sc(4, 0, 0, 0));
  EXPECT_EQ(score("a { b c / d } e", "a d e"), sc(3, 0, 0, 0));
  EXPECT_EQ(score("a { b c / d } e", "a b e"), sc(3, 0, 1, 0));
  EXPECT_EQ(score("{ b a / c d }", "b d"), sc(1, 1, 0, 0));  // alternatives do not mix
  EXPECT_EQ(score("a {b / c} d", "a c d"), sc(3, 0, 0, 0));
  EXPECT_EQ(score("a { b / { c / e } } d", "a e d"), sc(3, 0, 0, 0));
}

TEST(ScliteAlign, NullAlternativesLoseTies) {
  EXPECT_EQ(score("{ b a / @ }", "b"), sc(1, 0, 1, 0));
  EXPECT_EQ(score("x { b a / @ } y", "x a y"), sc(3, 0, 1, 0));
  EXPECT_EQ(score("{ b a / @ } b c", "c a c"), sc(2, 1, 1, 0));
}

TEST(ScliteAlign, FirstListedAlternativeWinsTies) {
  EXPECT_EQ(score("{ c / a a / c a c } b", "a c"), sc(1, 0, 1, 1));
  EXPECT_EQ(score("{ c a c / a a / c } b", "a c"), sc(2, 0, 2, 0));
  EXPECT_EQ(score("c { b / b c b }", "b b b"), sc(1, 1, 0, 1));
  EXPECT_EQ(score("c { b c b / b }", "b b b"), sc(2, 1, 1, 0));
}

TEST(ScliteAlign, MalformedTextThrows) {
  EXPECT_THROW(score("a { b", "a"), InputError);
  EXPECT_THROW(score("a", "a { b / c }"), InputError);
  EXPECT_THROW(score("a", "(a)"), InputError);
}

TEST(ScliteAlign, AlignerReuseGivesTheSameCounts) {
  ScliteLexicon lexicon(false);
  ScliteNetwork net;
  std::vector<std::int32_t> words;
  ScliteAligner aligner;
  ASSERT_EQ(parse_sclite_reference(std::string(400, 'a').replace(1, 398, 398, ' '), {}, lexicon, net), "");
  ASSERT_EQ(parse_sclite_hypothesis("a a", {}, lexicon, words), "");
  const auto big = aligner.align(net, words);
  EXPECT_EQ(big, sc(2, 0, 0, 0));
  ASSERT_EQ(parse_sclite_reference("a b", {}, lexicon, net), "");
  ASSERT_EQ(parse_sclite_hypothesis("b a", {}, lexicon, words), "");
  EXPECT_EQ(aligner.align(net, words), sc(1, 0, 1, 1));
}

// align() has a fast path for plain word sequences; the general graph path must agree with it.
TEST(ScliteAlign, LinearFastPathMatchesTheGraphPath) {
  Rng rng(7);
  const std::vector<std::string> vocab{"a", "b", "c", "Æ", "æ", "(b)", "(c)"};
  ScliteLexicon lexicon(false);
  ScliteNetwork net;
  std::vector<std::int32_t> words;
  ScliteAligner aligner;
  for (int k = 0; k < 3000; ++k) {
    std::string ref, hyp;
    const auto n = rng.uniform_int(0, 9), m = rng.uniform_int(0, 9);
    for (std::int64_t w = 0; w < n; ++w) ref += rng.pick(vocab) + " ";
    for (std::int64_t w = 0; w < m; ++w) hyp += vocab[rng.index(5)] + " ";
    ASSERT_EQ(parse_sclite_reference(ref, {}, lexicon, net), "");
    ASSERT_EQ(parse_sclite_hypothesis(hyp, {}, lexicon, words), "");
    ASSERT_TRUE(net.linear);
    const auto fast = aligner.align(net, words);
    net.linear = false;
    const auto graph = aligner.align(net, words);
    ASSERT_EQ(fast, graph) << ref << " | " << hyp;
    EXPECT_EQ(fast.ref_words(), n);
    EXPECT_EQ(fast.hits - fast.optional_deleted + fast.substitutions + fast.insertions, m);
  }
}

TrnUtterance utt(std::string text, std::string id, int line) {
  TrnUtterance u;
  u.text = std::move(text);
  u.speaker = "unused";  // score_trn_sclite derives speakers itself (sclite_speaker_of)
  u.utterance_id = std::move(id);
  u.line = line;
  return u;
}

TEST(ScoreTrnSclite, PairsByIdPerSpeakerInHypothesisOrder) {
  const std::vector<TrnUtterance> ref{utt("jeg søger job", "anne-1", 1), utt("tak for i dag", "anne-2", 2),
                                      utt("hvad så", "bo_1", 3), utt("ikke brugt", "bo_2", 4)};
  const std::vector<TrnUtterance> hyp{utt("hvad så", "BO_1", 1), utt("jeg søgte job", "anne-1", 2),
                                      utt("tak i dag", "anne-2", 3)};
  const ScliteCounts c = score_trn_sclite(ref, hyp);
  ASSERT_EQ(c.speakers.size(), 2u);
  EXPECT_EQ(c.speakers[0].speaker, "bo");
  EXPECT_EQ(c.speakers[0].sentences, 1);
  EXPECT_EQ(c.speakers[0].sentence_errors, 0);
  EXPECT_EQ(c.speakers[0].counts.hits, 2);
  EXPECT_EQ(c.speakers[1].speaker, "anne");
  EXPECT_EQ(c.speakers[1].sentences, 2);
  EXPECT_EQ(c.speakers[1].sentence_errors, 2);
  EXPECT_EQ(c.speakers[1].counts.hits, 5);
  EXPECT_EQ(c.speakers[1].counts.substitutions, 1);
  EXPECT_EQ(c.speakers[1].counts.deletions, 1);
  EXPECT_EQ(c.speakers[1].counts.ref_words, 7);
  EXPECT_EQ(c.speakers[1].counts.hyp_words, 6);
  EXPECT_EQ(c.overall.sentences, 3);
  EXPECT_EQ(c.overall.sentence_errors, 2);
  EXPECT_EQ(c.overall.counts.ref_words, 9);
  EXPECT_EQ(c.reference_only_utterances, 1);
}

TEST(ScoreTrnSclite, HypWordsExcludeDeletedOptionalWords) {
  const std::vector<TrnUtterance> ref{utt("øh (altså) ja", "s-1", 1)};
  const std::vector<TrnUtterance> hyp{utt("øh ja", "s-1", 1)};
  const auto c = score_trn_sclite(ref, hyp);
  EXPECT_EQ(c.overall.counts.hits, 3);
  EXPECT_EQ(c.overall.counts.ref_words, 3);
  EXPECT_EQ(c.overall.counts.hyp_words, 2);
  EXPECT_EQ(c.overall.optional_deleted, 1);
  EXPECT_EQ(c.overall.sentence_errors, 0);
}

TEST(ScoreTrnSclite, EmptyInputs) {
  const auto c = score_trn_sclite({}, {});
  EXPECT_TRUE(c.speakers.empty());
  EXPECT_EQ(c.overall.sentences, 0);
  const std::vector<TrnUtterance> ref{utt("a", "s-1", 1)};
  EXPECT_EQ(score_trn_sclite(ref, {}).reference_only_utterances, 1);
}

TEST(ScoreTrnSclite, ReportsEveryProblemWithFileAndLine) {
  const std::vector<TrnUtterance> ref{utt("a", "s-1", 1), utt("b", "S-1", 2), utt("c { d", "s-3", 3),
                                      utt("e", "nospeaker", 4)};
  const std::vector<TrnUtterance> hyp{utt("a", "s-2", 7), utt("a", "s-1", 8), utt("a", "s-1", 9),
                                      utt("x", "nospeaker", 10)};
  try {
    score_trn_sclite(ref, hyp, {}, "ref.trn", "hyp.trn");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("ref.trn:2"), std::string::npos) << what;   // duplicate id, case-insensitively
    EXPECT_NE(what.find("hyp.trn:7"), std::string::npos) << what;   // not in the reference
    EXPECT_NE(what.find("hyp.trn:9"), std::string::npos) << what;   // twice in the hypothesis
    EXPECT_NE(what.find("hyp.trn:10"), std::string::npos) << what;  // no speaker part
  }
  // Text problems are found once the ids pair up.
  const std::vector<TrnUtterance> ref2{utt("c { d", "s-3", 3)}, hyp2{utt("c d", "s-3", 5)};
  try {
    score_trn_sclite(ref2, hyp2, {}, "ref.trn", "hyp.trn");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("ref.trn:3"), std::string::npos) << e.what();
  }
}

TEST(ScoreTrnSclite, ThreadCountDoesNotChangeTheResult) {
  Rng rng(42);
  const std::vector<std::string> vocab{"jeg", "søger", "job", "på", "jobcentret", "æble", "ø", "å", "ikke", "(øh)"};
  std::vector<TrnUtterance> ref, hyp;
  for (int k = 0; k < 300; ++k) {
    std::string r, h;
    for (int w = 0; w < 8; ++w) {
      r += vocab[rng.index(vocab.size())] + " ";
      if (w < 7) h += vocab[rng.index(vocab.size() - 1)] + " ";
    }
    const std::string id = "spk" + std::to_string(k % 7) + "-" + std::to_string(k);
    ref.push_back(utt(r, id, k + 1));
    hyp.push_back(utt(h, id, k + 1));
  }
  ScliteOptions one, three;
  three.threads = 3;
  const auto a = score_trn_sclite(ref, hyp, one), b = score_trn_sclite(ref, hyp, three);
  ASSERT_EQ(a.speakers.size(), b.speakers.size());
  for (std::size_t k = 0; k < a.speakers.size(); ++k) {
    EXPECT_EQ(a.speakers[k].speaker, b.speakers[k].speaker);
    EXPECT_EQ(a.speakers[k].counts, b.speakers[k].counts);
  }
  EXPECT_EQ(a.overall.counts, b.overall.counts);
  EXPECT_GT(a.overall.counts.errors(), 0);
}

// More than 65535 words leaves the packed 16-bit counters for the int32 ones, in both aligners.
TEST(ScliteAlign, HugeUtterancesCountBeyondSixteenBits) {
  std::string words;
  for (int k = 0; k < 70000; ++k) words += "x ";
  EXPECT_EQ(score(words, "x x"), sc(2, 0, 69998, 0));
  EXPECT_EQ(score("{ a / b } " + words, "b x"), sc(2, 0, 69999, 0));
  EXPECT_EQ(score("{ a / b } y", words), sc(0, 2, 0, 69998));  // 2 S + 69998 I (8 + 3 x 69998) is cheapest
}

// score_trn_sclite leaves a common tail of identical plain words out of the alignment and counts it
// as hits; sentence by sentence scoring does not, so the totals must agree.
TEST(ScoreTrnSclite, CommonTailShortcutMatchesSentenceScoring) {
  Rng rng(5);
  const std::vector<std::string> vocab{"jeg", "Jeg", "søger", "job", "æble", "Æble", "@", "(øh)", "øh", "{ a / b }"};
  for (const bool optional_deletable : {true, false}) {
    ScliteOptions options;
    options.optional_deletable = optional_deletable;
    options.threads = 2;
    std::vector<TrnUtterance> ref, hyp;
    ScliteSentenceCounts expected;
    for (int k = 0; k < 400; ++k) {
      std::string shared, r, h;
      for (std::int64_t w = rng.uniform_int(0, 4); w > 0; --w) {
        r += rng.pick(vocab) + " ";
        h += vocab[rng.index(6)] + " ";
      }
      // A shared ending, sometimes holding markup or words that differ only in case.
      // ("(øh)" is markup in a hypothesis under -D, so then it stays out.)
      for (std::int64_t w = rng.uniform_int(0, 4); w > 0; --w) {
        const std::size_t pick = rng.index(8);
        shared += (pick < 6 ? vocab[pick] : pick == 6 && !optional_deletable ? vocab[7] : vocab[8]) + " ";
      }
      r += shared;
      h += shared;
      if (rng.uniform_int(0, 3) == 0) r += "@";
      const std::string id = "s-" + std::to_string(k);
      ref.push_back(utt(r, id, k + 1));
      hyp.push_back(utt(h, id, k + 1));
      const auto c = score_sclite_sentence(r, h, options);
      expected.hits += c.hits;
      expected.substitutions += c.substitutions;
      expected.deletions += c.deletions;
      expected.insertions += c.insertions;
      expected.optional_deleted += c.optional_deleted;
    }
    const auto got = score_trn_sclite(ref, hyp, options);
    EXPECT_EQ(got.overall.counts.hits, expected.hits);
    EXPECT_EQ(got.overall.counts.substitutions, expected.substitutions);
    EXPECT_EQ(got.overall.counts.deletions, expected.deletions);
    EXPECT_EQ(got.overall.counts.insertions, expected.insertions);
    EXPECT_EQ(got.overall.optional_deleted, expected.optional_deleted);
    EXPECT_GT(expected.hits, 400);
  }
}

// The shortcut must not skip the hypothesis check: under -D "(øh)" is markup there even when the
// reference ends the same way.
TEST(ScoreTrnSclite, CommonTailStillRejectsHypothesisMarkup) {
  const std::vector<TrnUtterance> ref{utt("ja tak (øh)", "s-1", 1)}, hyp{utt("nej tak (øh)", "s-1", 4)};
  EXPECT_THROW(score_trn_sclite(ref, hyp, {}, "ref.trn", "hyp.trn"), InputError);
  ScliteOptions no_d;
  no_d.optional_deletable = false;
  EXPECT_EQ(score_trn_sclite(ref, hyp, no_d).overall.counts.hits, 2);
}

TEST(ScoreTrnSclite, LinesAndFilesGiveTheSameCountsAsUtterances) {
  const std::string ref_text = "jeg søger job (anne-1)\ntak for { i dag / idag } (anne-2)\nhvad så (BO_1)\n";
  const std::string hyp_text = "hvad så (bo_1)\njeg søgte job (anne-1)\ntak for idag (anne-2)\n";
  const auto expected = score_trn_sclite(parse_trn(ref_text, "r"), parse_trn(hyp_text, "h"));
  const auto lines = score_trn_lines_sclite(parse_trn_lines(ref_text, "r"), parse_trn_lines(hyp_text, "h"));
  EXPECT_EQ(lines.overall.counts, expected.overall.counts);
  ASSERT_EQ(lines.speakers.size(), 2u);
  EXPECT_EQ(lines.speakers[0].speaker, "bo");
  EXPECT_EQ(expected.overall.counts.hits, 7);
  EXPECT_EQ(expected.overall.counts.substitutions, 1);

}

}  // namespace
}  // namespace pb
