#include "formats/trn.h"

#include <unistd.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/formats/error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

void expect_utterance(const TrnUtterance& u, const std::string& text, const std::string& id, const std::string& speaker,
                      int line) {
  EXPECT_EQ(u.text, text);
  EXPECT_EQ(u.utterance_id, id);
  EXPECT_EQ(u.speaker, speaker);
  EXPECT_EQ(u.line, line);
}

TEST(Trn, ReadsUtterancesAndKeepsSclitesMarkupVerbatim) {
  const std::string trn =
      "jeg har søgt tre job i denne uge (cmh_sa01)\n"              // 1
      "\n"                                                         // 2
      "i've { um / uh / @ } as far as i'm concerned (cmh_sa02)\n"  // 3
      "I am a (farmer) (spk1-utt-3)\n"                             // 4
      "   \t\n"                                                    // 5
      "(spk2_tom)\n"                                               // 6
      "  hej   med dig   (solo)  \n";                              // 7
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

TEST(TrnLines, ViewsAgreeWithParseTrnAndPointIntoTheContent) {
  const std::string trn =
      "\xEF\xBB\xBFjeg har søgt tre job (cmh_sa01)\r\n"
      "\n"
      "i've { um / uh / @ } as far (cmh_sa02)\n"
      "  hej   med dig   (solo)  \n"
      "(spk2_tom)";
  const auto lines = parse_trn_lines(trn, "t.trn");
  const auto utterances = parse_trn(trn, "t.trn");
  ASSERT_EQ(lines.size(), 4u);
  ASSERT_EQ(utterances.size(), lines.size());
  for (std::size_t k = 0; k < lines.size(); ++k) {
    EXPECT_EQ(lines[k].text, utterances[k].text);
    EXPECT_EQ(lines[k].utterance_id, utterances[k].utterance_id);
    EXPECT_EQ(lines[k].line, utterances[k].line);
    EXPECT_GE(lines[k].text.data(), trn.data());  // a view, not a copy
    EXPECT_LE(lines[k].utterance_id.data() + lines[k].utterance_id.size(), trn.data() + trn.size());
  }
  EXPECT_EQ(lines[0].text, "jeg har søgt tre job");
  EXPECT_EQ(lines[2].text, "hej   med dig");
  EXPECT_EQ(lines[3].text, "");
  EXPECT_EQ(lines[3].line, 5);
}

TEST(TrnLines, SameErrorsAsParseTrn) {
  EXPECT_EQ(error_text([] { parse_trn_lines("hej ()\nhej (a 1)\nhej\tdig (a\t1)\n", "t.trn"); }),
            "t.trn:1: the utterance id in the final parentheses is empty\n"
            "t.trn:2: the utterance id \"a 1\" contains whitespace\n"
            "t.trn:3: the utterance id \"a\t1\" contains whitespace");
  EXPECT_EQ(error_text([] { parse_trn_lines("ok (a-1)\nS\xF8ren (a-2)\n", "t.trn"); }),
            "t.trn:2: invalid UTF-8 (byte 0xF8 at column 2); the file must be saved as UTF-8");
  EXPECT_TRUE(parse_trn_lines("", "t.trn").empty());
}

TEST(TrnLines, ReadsAFileOnceAndSurvivesAMove) {
  const auto path = std::filesystem::temp_directory_path() / ("pb-trn-lines-" + std::to_string(::getpid()) + ".trn");
  {
    std::ofstream out(path, std::ios::binary);
    out << "a (s-1)\nÆble og Øl (s-2)\n";  // short enough that a std::string would keep it inline
  }
  TrnFile read = read_trn_file_lines(path);
  const TrnFile file = std::move(read);
  ASSERT_EQ(file.lines.size(), 2u);
  EXPECT_EQ(file.lines[0].text, "a");
  EXPECT_EQ(file.lines[1].text, "Æble og Øl");
  EXPECT_EQ(file.lines[1].utterance_id, "s-2");
  EXPECT_EQ(file.content.size(), std::filesystem::file_size(path));
  std::filesystem::remove(path);
  EXPECT_NE(error_text([&] { read_trn_file_lines(path); }).find(path.string() + ": cannot open file"),
            std::string::npos);
}

TEST(TrnLines, EmptyFile) {
  const auto path = std::filesystem::temp_directory_path() / ("pb-trn-empty-" + std::to_string(::getpid()) + ".trn");
  { std::ofstream out(path, std::ios::binary); }
  const auto file = read_trn_file_lines(path);
  EXPECT_TRUE(file.lines.empty());
  EXPECT_TRUE(file.content.empty());
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace pb
