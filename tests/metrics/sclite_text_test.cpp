#include "metrics/sclite_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pb {
namespace {

TEST(ScliteText, AsciiLowerLeavesDanishLettersAlone) {
  EXPECT_EQ(sclite_ascii_lower("ÆBLE Øl Hej"), "Æble Øl hej");
  EXPECT_EQ(sclite_ascii_lower(""), "");
}

// Observed with sclite -i rm: '-' wins over '_', ASCII lower-casing, no separator is an error.
TEST(ScliteText, SpeakerOfFollowsScliteRmIds) {
  EXPECT_EQ(sclite_speaker_of("spk1-0003"), "spk1");
  EXPECT_EQ(sclite_speaker_of("cmh_sa01"), "cmh");
  EXPECT_EQ(sclite_speaker_of("a_b-c"), "a_b");
  EXPECT_EQ(sclite_speaker_of("a-b_c"), "a");
  EXPECT_EQ(sclite_speaker_of("q-r-s"), "q");
  EXPECT_EQ(sclite_speaker_of("SPK-1"), "spk");
  EXPECT_EQ(sclite_speaker_of("Æble-1"), "Æble");
  EXPECT_EQ(sclite_speaker_of("SPK-1", true), "SPK");  // -s keeps the case
  EXPECT_EQ(sclite_speaker_of("-x"), "");
  EXPECT_EQ(sclite_speaker_of("hello"), std::nullopt);
  EXPECT_EQ(sclite_speaker_of(""), std::nullopt);
}

TEST(ScliteText, LexiconFoldsAsciiCaseOnly) {
  ScliteLexicon lexicon(false);
  const auto hej = lexicon.intern("hej");
  EXPECT_EQ(lexicon.intern("HEJ"), hej);
  EXPECT_EQ(lexicon.intern("Hej"), hej);
  const auto aeble = lexicon.intern("æble");
  EXPECT_NE(lexicon.intern("Æble"), aeble);
  EXPECT_EQ(lexicon.intern("æBLE"), aeble);
  EXPECT_EQ(lexicon.size(), 3u);

  ScliteLexicon sensitive(true);
  EXPECT_NE(sensitive.intern("hej"), sensitive.intern("Hej"));
}

TEST(ScliteText, LexiconSurvivesGrowth) {
  ScliteLexicon lexicon(false);
  std::vector<std::int32_t> ids;
  for (int k = 0; k < 5000; ++k) ids.push_back(lexicon.intern("ord" + std::to_string(k)));
  for (int k = 0; k < 5000; ++k) EXPECT_EQ(lexicon.intern("ORD" + std::to_string(k)), ids[static_cast<std::size_t>(k)]);
  EXPECT_EQ(lexicon.size(), 5000u);
}

TEST(ScliteText, PlainReferenceIsAChain) {
  ScliteLexicon lexicon(false);
  ScliteNetwork net;
  EXPECT_EQ(parse_sclite_reference("  jeg  @ (søger)\tjob ", {}, lexicon, net), "");
  EXPECT_TRUE(net.linear);
  EXPECT_EQ(net.node_count, 4);
  ASSERT_EQ(net.arcs.size(), 3u);
  EXPECT_FALSE(net.arcs[0].optional);
  EXPECT_TRUE(net.arcs[1].optional);
  EXPECT_EQ(net.arcs[1].word, lexicon.intern("søger"));
  EXPECT_EQ(net.first_arc, (std::vector<std::int32_t>{0, 0, 1, 2, 3}));

  ScliteOptions no_d;
  no_d.optional_deletable = false;
  EXPECT_EQ(parse_sclite_reference("(søger)", no_d, lexicon, net), "");
  EXPECT_FALSE(net.arcs[0].optional);
  EXPECT_EQ(net.arcs[0].word, lexicon.intern("(søger)"));

  EXPECT_EQ(parse_sclite_reference("", {}, lexicon, net), "");
  EXPECT_EQ(net.node_count, 1);
  EXPECT_TRUE(net.arcs.empty());
}

TEST(ScliteText, AlternativesBecomeAGraphInTopologicalOrder) {
  ScliteLexicon lexicon(false);
  ScliteNetwork net;
  // Attached braces and nesting are read like sclite does.
  ASSERT_EQ(parse_sclite_reference("a {b c / @ / { d / e }} f", {}, lexicon, net), "");
  EXPECT_FALSE(net.linear);
  // Nodes: start, after a, after b, after the set, end.
  EXPECT_EQ(net.node_count, 5);
  for (const auto& arc : net.arcs) EXPECT_LT(arc.from, arc.to);
  for (std::size_t k = 1; k < net.arcs.size(); ++k) EXPECT_LE(net.arcs[k - 1].to, net.arcs[k].to);
  // Into the node after the set: "c", "@", "d", "e" in the order written.
  const auto after_set = net.arcs.back().from;
  std::vector<std::int32_t> into;
  for (const auto& arc : net.arcs) {
    if (arc.to == after_set) into.push_back(arc.word);
  }
  EXPECT_EQ(into, (std::vector<std::int32_t>{lexicon.intern("c"), -1, lexicon.intern("d"), lexicon.intern("e")}));
}

TEST(ScliteText, UnbalancedBracesAreReported) {
  ScliteLexicon lexicon(false);
  ScliteNetwork net;
  EXPECT_EQ(parse_sclite_reference("a { b / c", {}, lexicon, net), "'{' without a matching '}'");
  EXPECT_EQ(parse_sclite_reference("a } b", {}, lexicon, net), "'}' without a matching '{'");
  EXPECT_EQ(parse_sclite_reference("a / b", {}, lexicon, net), "");  // a lone "/" is a word
  EXPECT_EQ(net.arcs.size(), 3u);
}

TEST(ScliteText, HypothesisMarkupIsRejected) {
  ScliteLexicon lexicon(false);
  std::vector<std::int32_t> words;
  EXPECT_EQ(parse_sclite_hypothesis("jeg søger / job", {}, lexicon, words), "");
  EXPECT_EQ(words.size(), 4u);
  EXPECT_NE(parse_sclite_hypothesis("a { b / c }", {}, lexicon, words), "");
  EXPECT_NE(parse_sclite_hypothesis("a @ b", {}, lexicon, words), "");
  EXPECT_NE(parse_sclite_hypothesis("a (b) c", {}, lexicon, words), "");
  ScliteOptions no_d;
  no_d.optional_deletable = false;
  EXPECT_EQ(parse_sclite_hypothesis("a (b) c", no_d, lexicon, words), "");
  EXPECT_EQ(words[1], lexicon.intern("(b)"));
}

TEST(ScliteText, LexiconComparesLongWordsChunkByChunk) {
  ScliteLexicon lexicon(false);
  // Lengths around the 8-byte chunks: words that differ only in their last byte, or only in case.
  for (std::size_t n = 1; n <= 25; ++n) {
    const std::string word(n, 'k');
    std::string other = word;
    other.back() = 'q';
    std::string upper = word;
    upper[n / 2] = 'K';
    const auto id = lexicon.intern(word);
    EXPECT_NE(lexicon.intern(other), id) << n;
    EXPECT_EQ(lexicon.intern(upper), id) << n;
  }
  EXPECT_EQ(lexicon.size(), 50u);
  // ASCII folding only: the ø must match as it is.
  EXPECT_EQ(lexicon.intern("arbejdsløshedsdagpengeforsikring"), lexicon.intern("ARBEJDSløSHEDSDAGPENGEFORSIKRING"));
  EXPECT_NE(lexicon.intern("arbejdsløshedsdagpengeforsikring"), lexicon.intern("ARBEJDSLØSHEDSDAGPENGEFORSIKRING"));
  EXPECT_NE(lexicon.intern("arbejdsløshedsdagpengeforsikring"), lexicon.intern("arbejdsløshedsdagpengeforsikrinG!"));
  const auto empty = lexicon.intern("");
  EXPECT_EQ(lexicon.intern(""), empty);
  EXPECT_NE(lexicon.intern(std::string(1, '\0')), empty);  // same first chunk, different length
}

TEST(ScliteText, ClearedLexiconStartsAgain) {
  ScliteLexicon lexicon(false);
  for (int k = 0; k < 1000; ++k) lexicon.intern("ord" + std::to_string(k));  // grows the table
  lexicon.clear();
  EXPECT_EQ(lexicon.size(), 0u);
  EXPECT_EQ(lexicon.intern("ord999"), 0);
  EXPECT_EQ(lexicon.intern("jobcenter"), 1);
  EXPECT_EQ(lexicon.intern("ORD999"), 0);
  lexicon.clear();
  EXPECT_EQ(lexicon.intern("jobcenter"), 0);
}

TEST(ScliteText, SplitsTokensLikeSclite) {
  std::vector<std::string_view> tokens{"stale"};
  split_sclite_tokens(" a\t{b / c}d\r\n(æ)  @\v\f", tokens);
  EXPECT_EQ(tokens, (std::vector<std::string_view>{"a", "{", "b", "/", "c", "}", "d", "(æ)", "@"}));
  split_sclite_tokens("   ", tokens);
  EXPECT_TRUE(tokens.empty());
}

TEST(ScliteText, TokenEntryPointsMatchTheTextOnes) {
  const std::vector<std::string> refs{"jeg @ (søger) job", "a { b / @ } c", "a { b", "", "x } y"};
  for (const auto& ref : refs) {
    ScliteLexicon a(false), b(false);
    ScliteNetwork from_text, from_tokens;
    std::vector<std::string_view> tokens;
    split_sclite_tokens(ref, tokens);
    EXPECT_EQ(parse_sclite_reference(ref, {}, a, from_text), parse_sclite_reference_tokens(tokens, {}, b, from_tokens))
        << ref;
    EXPECT_EQ(from_text.node_count, from_tokens.node_count) << ref;
    EXPECT_EQ(from_text.arcs.size(), from_tokens.arcs.size()) << ref;
    EXPECT_EQ(from_text.linear, from_tokens.linear) << ref;
  }
  ScliteLexicon lexicon(false);
  std::vector<std::int32_t> words;
  std::vector<std::string_view> tokens;
  split_sclite_tokens("ok (nej) igen", tokens);
  EXPECT_NE(parse_sclite_hypothesis_tokens(tokens, {}, lexicon, words).find("\"(nej)\""), std::string::npos);
  ScliteOptions no_d;
  no_d.optional_deletable = false;
  EXPECT_EQ(parse_sclite_hypothesis_tokens(tokens, no_d, lexicon, words), "");
  EXPECT_EQ(words.size(), 3u);
}

}  // namespace
}  // namespace pb
