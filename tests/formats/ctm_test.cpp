#include "formats/ctm.h"

#include <unistd.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/formats/error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

CtmRecord word(std::string file, std::string channel, std::optional<double> begin, std::optional<double> duration,
               std::string text, std::optional<double> confidence, int line, std::string type = "",
               std::string speaker = "") {
  return CtmRecord{std::move(file), std::move(channel), begin, duration, std::move(text), confidence,
                   std::move(type), std::move(speaker), line};
}

std::vector<int> lines_of(const CtmFile& ctm) {
  std::vector<int> lines;
  for (const auto& record : ctm.records) lines.push_back(record.line);
  return lines;
}

TEST(Ctm, ReadsWordsWithOptionalFields) {
  const std::string ctm =
      ";; kommentar\n"                         // 1
      "møde1 A 0.50 0.30 hej 0.95\n"           // 2
      "møde1 A 0.80 0.25 Søren\n"              // 3
      "møde1 A 1.20 0.40 æøå NA\n"             // 4
      "møde1\tA  1.70\t0.2 uh -6.763 fp SB\n"  // 5: sclite's example uses log scores as confidence
      "\n"                                     // 6
      "møde1 B 0.1 0.2 ja <NA> lex B\n";       // 7
  const auto file = parse_ctm(ctm, "t.ctm");
  ASSERT_EQ(file.records.size(), 5u);
  EXPECT_EQ(file.records[0], word("møde1", "A", 0.5, 0.3, "hej", 0.95, 2));
  EXPECT_EQ(file.records[1], word("møde1", "A", 0.8, 0.25, "Søren", std::nullopt, 3));
  EXPECT_EQ(file.records[2], word("møde1", "A", 1.2, 0.4, "æøå", std::nullopt, 4));
  EXPECT_EQ(file.records[3], word("møde1", "A", 1.7, 0.2, "uh", -6.763, 5, "fp", "SB"));
  EXPECT_EQ(file.records[4], word("møde1", "B", 0.1, 0.2, "ja", std::nullopt, 7, "lex", "B"));
  EXPECT_FALSE(file.reordered);
  EXPECT_EQ(file.note, "");
  EXPECT_EQ(ctm_recordings(file), (std::vector<RecordingChannel>{{"møde1", "A"}, {"møde1", "B"}}));
}

TEST(Ctm, BomCrlfAndNoFinalNewline) {
  const auto file = parse_ctm(
      "\xEF\xBB\xBF"
      "f A 0 1 æ\r\nf A 1 1 ø 1",
      "t.ctm");
  ASSERT_EQ(file.records.size(), 2u);
  EXPECT_EQ(file.records[0], word("f", "A", 0.0, 1.0, "æ", std::nullopt, 1));
  EXPECT_EQ(file.records[1], word("f", "A", 1.0, 1.0, "ø", 1.0, 2));
}

TEST(Ctm, EmptyFileHasNoWords) {
  EXPECT_TRUE(parse_ctm("", "t.ctm").records.empty());
  EXPECT_TRUE(parse_ctm(";;\n;;  Comments follow ';;'\n\n   \n", "t.ctm").records.empty());
  EXPECT_TRUE(ctm_to_transcript(CtmFile{}, "f", "A").segments.empty());
}

TEST(Ctm, AlternationsAreKeptAndRenderedInScliteForm) {
  const std::string ctm =
      "7654 A * * <ALT_BEGIN>\n"  // 1
      "7654 A 12.00 0.34 UM\n"    // 2
      "7654 A * * <ALT>\n"        // 3
      "7654 A 12.00 0.34 UH\n"    // 4
      "7654 A * * <ALT>\n"        // 5: an empty alternative is "no word"
      "7654 A * * <ALT_END>\n"    // 6
      "7654 A 12.5 0.2 okay\n";   // 7
  const auto file = parse_ctm(ctm, "t.ctm");
  ASSERT_EQ(file.records.size(), 7u);
  EXPECT_EQ(file.records[0], word("7654", "A", std::nullopt, std::nullopt, "<ALT_BEGIN>", std::nullopt, 1));
  EXPECT_EQ(file.records[1], word("7654", "A", 12.0, 0.34, "UM", std::nullopt, 2));
  EXPECT_FALSE(file.reordered);
  const auto transcript = ctm_to_transcript(file, "7654", "A");
  ASSERT_EQ(transcript.segments.size(), 1u);
  EXPECT_EQ(transcript.segments[0].text, "{ UM / UH / @ } okay");
  EXPECT_EQ(transcript.segments[0].start, 12.0);
  EXPECT_DOUBLE_EQ(transcript.segments[0].end.value(), 12.7);
  EXPECT_EQ(ctm_to_transcript(parse_ctm("f A * * <ALT_BEGIN>\nf A * * <ALT>\nf A 1 1 a\nf A * * <ALT_END>\n"
                                        "f A * * <ALT_BEGIN>\nf A * * <ALT>\nf A * * <ALT_END>\n",
                                        "t.ctm"),
                              "f", "A")
                .segments[0]
                .text,
            "{ @ / a } { @ / @ }");
}

TEST(Ctm, UnsortedFileIsSortedWithAlternationBlocksKeptWhole) {
  const std::string ctm =
      "f A 2.0 0.5 to\n"        // 1
      "f A 0.5 0.5 nul\n"       // 2
      "g A 0.0 0.1 andet\n"     // 3
      "f A 1.0 0.5 en\n"        // 4
      "f A * * <ALT_BEGIN>\n"   // 5: block keyed by its earliest word, 0.1
      "f A 0.1 0.2 a\n"         // 6
      "f A * * <ALT>\n"         // 7
      "f A * * <ALT_END>\n"     // 8
      "f A 2.0 0.1 ligesom\n";  // 9: same begin as line 1, stays after it
  const auto file = parse_ctm(ctm, "t.ctm");
  EXPECT_TRUE(file.reordered);
  EXPECT_EQ(file.note,
            "t.ctm: words are not sorted by file, channel and begin time as sclite requires (line 2 comes after "
            "line 1); they were sorted");
  EXPECT_EQ(lines_of(file), (std::vector<int>{5, 6, 7, 8, 2, 4, 1, 9, 3}));

  const auto joined = ctm_to_transcript(file, "f", "A");
  ASSERT_EQ(joined.segments.size(), 1u);
  EXPECT_EQ(joined.segments[0], (Segment{"", "", 0.1, 2.5, "{ a / @ } nul en to ligesom"}));

  const auto split = ctm_to_transcript(file, "f", "A", 0.3);
  ASSERT_EQ(split.segments.size(), 2u);
  EXPECT_EQ(split.segments[0], (Segment{"", "", 0.1, 1.5, "{ a / @ } nul en"}));
  EXPECT_EQ(split.segments[1], (Segment{"", "", 2.0, 2.5, "to ligesom"}));

  const auto per_word = ctm_to_transcript(file, "f", "A", -1.0);
  ASSERT_EQ(per_word.segments.size(), 5u);
  EXPECT_EQ(per_word.segments[0].text, "{ a / @ }");
  EXPECT_EQ(per_word.segments[4], (Segment{"", "", 2.0, 2.1, "ligesom"}));

  EXPECT_EQ(ctm_to_transcript(file, "g", "A").segments, (std::vector<Segment>{{"", "", 0.0, 0.1, "andet"}}));
  EXPECT_TRUE(ctm_to_transcript(file, "h", "A").segments.empty());
}

TEST(Ctm, SpeakerChangeStartsASegment) {
  const auto file = parse_ctm(
      "f A 0 0.5 hej 1 lex SB\n"
      "f A 0.5 0.5 med 1 lex SB\n"
      "f A 1.0 0.5 dig 1 lex B\n"
      "f A 1.5 0.5 selv 1 lex SB\n",
      "t.ctm");
  const auto transcript = ctm_to_transcript(file, "f", "A");
  EXPECT_EQ(transcript.segments,
            (std::vector<Segment>{
                {"SB", "", 0.0, 1.0, "hej med"}, {"B", "", 1.0, 1.5, "dig"}, {"SB", "", 1.5, 2.0, "selv"}}));
}

TEST(Ctm, MalformedRecordsNameFileLineAndField) {
  const std::string ctm =
      "f A 0 0.1 ok\n"           // 1
      "f A 0 0.1\n"              // 2
      "f A 0 0.1 a 1 lex s x\n"  // 3
      "f A x 0.1 ord\n"          // 4
      "f A 0 -0.1 ord\n"         // 5
      "f A * * ord\n"            // 6
      "f A 0 0.1 ord høj\n"      // 7
      "f A 1 1 <ALT>\n"          // 8
      "f A * * <ALT_END>\n"      // 9
      "f A 0 0.1 ord inf\n";     // 10
  EXPECT_EQ(error_text([&] { parse_ctm(ctm, "t.ctm"); }),
            "t.ctm:2: expected <file> <channel> <begin> <duration> <word> [<confidence> [<type> [<speaker>]]], got "
            "4 fields\n"
            "t.ctm:3: expected <file> <channel> <begin> <duration> <word> [<confidence> [<type> [<speaker>]]], got "
            "9 fields\n"
            "t.ctm:4: begin: expected a time in seconds >= 0, got \"x\"\n"
            "t.ctm:5: duration: expected a time in seconds >= 0, got \"-0.1\"\n"
            "t.ctm:6: begin: expected a time in seconds >= 0, got \"*\" (\"*\" is only for <ALT_BEGIN>, <ALT> and "
            "<ALT_END>)\n"
            "t.ctm:6: duration: expected a time in seconds >= 0, got \"*\" (\"*\" is only for <ALT_BEGIN>, <ALT> "
            "and <ALT_END>)\n"
            "t.ctm:7: confidence: expected a number or NA, got \"høj\"\n"
            "t.ctm:8: <ALT> outside an <ALT_BEGIN> ... <ALT_END> block\n"
            "t.ctm:8: begin: expected \"*\" for the alternation tag <ALT>, got \"1\"\n"
            "t.ctm:8: duration: expected \"*\" for the alternation tag <ALT>, got \"1\"\n"
            "t.ctm:9: <ALT_END> without an <ALT_BEGIN> before it\n"
            "t.ctm:10: confidence: expected a number or NA, got \"inf\"");
}

TEST(Ctm, UnbalancedAlternationsAreRejected) {
  const std::string ctm =
      "f A * * <ALT_BEGIN>\n"   // 1
      "f A 1 1 a\n"             // 2
      "f A * * <ALT_END>\n"     // 3: only one alternative
      "f A * * <ALT_BEGIN>\n"   // 4
      "f A * * <ALT_BEGIN>\n"   // 5: nested
      "g A 1 1 b\n"             // 6: another file while line 4's block is open
      "g A * * <ALT_BEGIN>\n";  // 7: never closed
  EXPECT_EQ(error_text([&] { parse_ctm(ctm, "t.ctm"); }),
            "t.ctm:1: the alternation has one alternative; expected at least two separated by <ALT>\n"
            "t.ctm:5: nested <ALT_BEGIN>: the alternation opened on line 4 is not closed\n"
            "t.ctm:4: <ALT_BEGIN> is not closed by <ALT_END> before line 6 starts another file or channel\n"
            "t.ctm:7: <ALT_BEGIN> is not closed by <ALT_END>");
}

TEST(Ctm, InvalidUtf8NamesTheLine) {
  EXPECT_EQ(error_text([] { parse_ctm("f A 0 1 ok\nf A 1 1 S\xF8ren\n", "t.ctm"); }),
            "t.ctm:2: invalid UTF-8 (byte 0xF8 at column 10); the file must be saved as UTF-8");
}

TEST(Ctm, HugeReversedFileIsSorted) {
  constexpr int kWords = 100000;
  std::string ctm;
  for (int i = kWords - 1; i >= 0; --i)
    ctm += "samtale A " + std::to_string(i) + ".5 0.4 ord" + std::to_string(i) + '\n';
  const auto file = parse_ctm(ctm, "t.ctm");
  ASSERT_EQ(file.records.size(), static_cast<std::size_t>(kWords));
  EXPECT_TRUE(file.reordered);
  EXPECT_EQ(file.records.front(), word("samtale", "A", 0.5, 0.4, "ord0", std::nullopt, kWords));
  EXPECT_EQ(file.records.back(), word("samtale", "A", kWords - 0.5, 0.4, "ord99999", std::nullopt, 1));
  const auto transcript = ctm_to_transcript(file, "samtale", "A");
  ASSERT_EQ(transcript.segments.size(), 1u);
  EXPECT_EQ(transcript.segments[0].text.substr(0, 14), "ord0 ord1 ord2");
}

TEST(Ctm, ReadsFileAndNamesMissingFile) {
  const auto path = std::filesystem::temp_directory_path() / ("pb-ctm-" + std::to_string(::getpid()) + ".ctm");
  {
    std::ofstream out(path, std::ios::binary);
    out << "f A 0 1 hej\n";
  }
  const auto file = read_ctm_file(path);
  ASSERT_EQ(file.records.size(), 1u);
  EXPECT_EQ(file.records[0], word("f", "A", 0.0, 1.0, "hej", std::nullopt, 1));
  std::filesystem::remove(path);
  EXPECT_NE(error_text([&] { read_ctm_file(path); }).find(path.string()), std::string::npos);
}

}  // namespace
}  // namespace pb
