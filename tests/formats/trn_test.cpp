#include "formats/trn.h"

#include <unistd.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/formats/error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

void expect_utterance(const TrnUtterance& u, const std::string& text, const std::string& id,
                      const std::string& speaker, int line) {
  EXPECT_EQ(u.text, text);
  EXPECT_EQ(u.utterance_id, id);
  EXPECT_EQ(u.speaker, speaker);
  EXPECT_EQ(u.line, line);
}

TEST(Trn, ReadsUtterancesAndKeepsSclitesMarkupVerbatim) {
  const std::string trn =
      "jeg har søgt tre job i denne uge (cmh_sa01)\n"             // 1
      "\n"                                                          // 2
      "i've { um / uh / @ } as far as i'm concerned (cmh_sa02)\n"  // 3
      "I am a (farmer) (spk1-utt-3)\n"                             // 4
      "   \t\n"                                                     // 5
      "(spk2_tom)\n"                                                // 6
      "  hej   med dig   (solo)  \n";                               // 7
  const auto utterances = parse_trn(trn, "t.trn");
  ASSERT_EQ(utterances.size(), 5u);
  expect_utterance(utterances[0], "jeg har søgt tre job i denne uge", "cmh_sa01", "cmh", 1);
  expect_utterance(utterances[1], "i've { um / uh / @ } as far as i'm concerned", "cmh_sa02", "cmh", 3);
  expect_utterance(utterances[2], "I am a (farmer)", "spk1-utt-3", "spk1", 4);
  expect_utterance(utterances[3], "", "spk2_tom", "spk2", 6);
  expect_utterance(utterances[4], "hej   med dig", "solo", "solo", 7);
}

TEST(Trn, SpeakerIsIdUpToFirstHyphenOrUnderscore) {
  EXPECT_EQ(trn_speaker_of("a_b-c"), "a");
  EXPECT_EQ(trn_speaker_of("a-b_c"), "a");
  EXPECT_EQ(trn_speaker_of("abc"), "abc");
  EXPECT_EQ(trn_speaker_of("-x"), "");
}

TEST(Trn, BomCrlfAndNoFinalNewline) {
  const auto utterances = parse_trn("\xEF\xBB\xBFgoddag (sb-1)\r\nfarvel (b-2)", "t.trn");
  ASSERT_EQ(utterances.size(), 2u);
  expect_utterance(utterances[0], "goddag", "sb-1", "sb", 1);
  expect_utterance(utterances[1], "farvel", "b-2", "b", 2);
}

TEST(Trn, EmptyFileHasNoUtterances) {
  EXPECT_TRUE(parse_trn("", "t.trn").empty());
  EXPECT_TRUE(parse_trn("\n\n  \n", "t.trn").empty());
}

TEST(Trn, LineWithoutIdIsAnErrorNamingTheLine) {
  EXPECT_EQ(error_text([] { parse_trn("hej (a-1)\nhej med dig\n", "t.trn"); }),
            "t.trn:2: expected the utterance id in parentheses at the end of the line, e.g. \"tekst (spk1-utt1)\"");
  EXPECT_EQ(error_text([] { parse_trn("hej (a-1) igen\n", "t.trn"); }),
            "t.trn:1: expected the utterance id in parentheses at the end of the line, e.g. \"tekst (spk1-utt1)\"");
  EXPECT_EQ(error_text([] { parse_trn("hej ()\nhej (a 1)\n", "t.trn"); }),
            "t.trn:1: the utterance id in the final parentheses is empty\n"
            "t.trn:2: the utterance id \"a 1\" contains whitespace");
}

TEST(Trn, InvalidUtf8NamesTheLine) {
  EXPECT_EQ(error_text([] { parse_trn("ok (a-1)\nS\xF8ren (a-2)\n", "t.trn"); }),
            "t.trn:2: invalid UTF-8 (byte 0xF8 at column 2); the file must be saved as UTF-8");
}

TEST(Trn, ReadsFileAndNamesMissingFile) {
  const auto path = std::filesystem::temp_directory_path() / ("pb-trn-" + std::to_string(::getpid()) + ".trn");
  {
    std::ofstream out(path, std::ios::binary);
    out << "hej (sb-1)\n";
  }
  const auto utterances = read_trn_file(path);
  ASSERT_EQ(utterances.size(), 1u);
  expect_utterance(utterances[0], "hej", "sb-1", "sb", 1);
  std::filesystem::remove(path);
  EXPECT_NE(error_text([&] { read_trn_file(path); }).find(path.string()), std::string::npos);
}

}  // namespace
}  // namespace pb
