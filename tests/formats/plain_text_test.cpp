#include <string>

#include <gtest/gtest.h>

#include "formats/transcript_formats.h"
#include "tests/formats/error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

Segment seg(std::string speaker, std::string text) {
  return Segment{std::move(speaker), "", std::nullopt, std::nullopt, std::move(text)};
}

TEST(PlainText, OneSegmentPerLineWithTokenSpeakers) {
  const std::string text =
      "SB: Hej med dig, Søren.\n"
      "\n"
      "  B:   Hej  \n"
      "Kl. 10: vi ses\n"
      "SPEAKER_00: ok\n"
      "spk0:\tja  tak\n"
      "10:30 er fint\n"
      "https://jobnet.dk\n"
      "1: punkt\n"
      "Anne Hansen: to ord\n"
      "SB:uden mellemrum\n";
  const auto transcript = parse_plain_text(text, "t.txt");
  ASSERT_EQ(transcript.segments.size(), 10u);
  EXPECT_EQ(transcript.segments[0], seg("SB", "Hej med dig, Søren."));
  EXPECT_EQ(transcript.segments[1], seg("B", "Hej"));
  EXPECT_EQ(transcript.segments[2], seg("", "Kl. 10: vi ses"));
  EXPECT_EQ(transcript.segments[3], seg("SPEAKER_00", "ok"));
  EXPECT_EQ(transcript.segments[4], seg("spk0", "ja  tak"));  // inner whitespace is kept in plain text
  EXPECT_EQ(transcript.segments[5], seg("", "10:30 er fint"));
  EXPECT_EQ(transcript.segments[6], seg("", "https://jobnet.dk"));
  EXPECT_EQ(transcript.segments[7], seg("", "1: punkt"));
  EXPECT_EQ(transcript.segments[8], seg("", "Anne Hansen: to ord"));
  EXPECT_EQ(transcript.segments[9], seg("", "SB:uden mellemrum"));
}

TEST(PlainText, BomCrlfTrailingSpacesAndNoFinalNewline) {
  const auto transcript = parse_plain_text("\xEF\xBB\xBFSB: Goddag   \r\n\r\nB: Goddag", "t.txt");
  ASSERT_EQ(transcript.segments.size(), 2u);
  EXPECT_EQ(transcript.segments[0], seg("SB", "Goddag"));
  EXPECT_EQ(transcript.segments[1], seg("B", "Goddag"));
}

TEST(PlainText, EmptyFileIsAnEmptyTranscript) {
  EXPECT_TRUE(parse_plain_text("", "t.txt").segments.empty());
  EXPECT_TRUE(parse_plain_text("\n \t\r\n\n", "t.txt").segments.empty());
  EXPECT_TRUE(parse_plain_text("\xEF\xBB\xBF", "t.txt").segments.empty());
}

TEST(PlainText, InvalidUtf8NamesLineAndColumn) {
  EXPECT_EQ(error_text([] { parse_plain_text("a\nb\næ\xC3(\n", "t.txt"); }),
            "t.txt:3: invalid UTF-8 (byte 0xC3 at column 2); the file must be saved as UTF-8");
}

TEST(PlainText, HundredThousandLines) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += (i % 2 ? "B: nej\n" : "SB: ja\n");
  const auto transcript = parse_plain_text(text, "big.txt");
  ASSERT_EQ(transcript.segments.size(), 100000u);
  EXPECT_EQ(transcript.segments.back(), seg("B", "nej"));
}

}  // namespace
}  // namespace pb
