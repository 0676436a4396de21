#include <string>

#include <gtest/gtest.h>

#include "formats/transcript_formats.h"
#include "tests/formats/error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

Segment seg(std::string speaker, double start, double end, std::string text) {
  return Segment{std::move(speaker), "", start, end, std::move(text)};
}

TEST(Srt, ReadsCuesSpeakersAndMultiLineText) {
  const std::string srt =
      "1\n"
      "00:00:00,000 --> 00:00:02,500\n"
      "SB: Hej, velkommen til jobcentret.\n"
      "\n"
      "2\n"
      "00:00:02,500 --> 00:00:05,000\n"
      "[Borger] Tak. Jeg hedder Søren\n"
      "og bor i Århus.\n"
      "\n"
      "3\n"
      "00:00:05,000 --> 00:00:06,000\n"
      "- B: Ja.\n"
      "- SB: Godt.\n"
      "\n"
      "4\n"
      "01:02:03,004 --> 01:02:04,000\n"
      "[Anne Marie]: Næste møde er den 3. juni.\n";
  const auto transcript = parse_srt(srt, "t.srt");
  ASSERT_EQ(transcript.segments.size(), 5u);
  EXPECT_EQ(transcript.segments[0], seg("SB", 0.0, 2.5, "Hej, velkommen til jobcentret."));
  EXPECT_EQ(transcript.segments[1], seg("Borger", 2.5, 5.0, "Tak. Jeg hedder Søren og bor i Århus."));
  EXPECT_EQ(transcript.segments[2], seg("B", 5.0, 6.0, "Ja."));
  EXPECT_EQ(transcript.segments[3], seg("SB", 5.0, 6.0, "Godt."));
  EXPECT_EQ(transcript.segments[4], seg("Anne Marie", 3723.004, 3724.0, "Næste møde er den 3. juni."));
}

TEST(Srt, BomCrlfDotMillisecondsTagsTrailingSpacesAndNoFinalNewline) {
  const std::string srt =
      "\xEF\xBB\xBF" "1\r\n"
      "00:00:01.000 --> 00:00:02.000  X1:100 X2:200 Y1:10 Y2:20\r\n"
      "<i>Kl. 10: vi ses</i>   \r\n"
      "\r\n"
      "2\r\n"
      "00:00:03,000 --> 00:00:04,000\r\n"
      "{\\an8}<font color=\"#ffffff\">spk0:</font> <b>ja</b>  tak";
  const auto transcript = parse_srt(srt, "t.srt");
  ASSERT_EQ(transcript.segments.size(), 2u);
  EXPECT_EQ(transcript.segments[0], seg("", 1.0, 2.0, "Kl. 10: vi ses"));
  EXPECT_EQ(transcript.segments[1], seg("spk0", 3.0, 4.0, "ja tak"));
}

TEST(Srt, CueNumberIsOptionalAndTextWithoutTagsKeepsAngleBrackets) {
  const auto transcript = parse_srt("00:00:01,000 --> 00:00:02,000\n2 < 3 og 5 > 4\n", "t.srt");
  ASSERT_EQ(transcript.segments.size(), 1u);
  EXPECT_EQ(transcript.segments[0].text, "2 < 3 og 5 > 4");
}

TEST(Srt, EmptyFileAndEmptyCuesGiveNoSegments) {
  EXPECT_TRUE(parse_srt("", "t.srt").segments.empty());
  EXPECT_TRUE(parse_srt("\xEF\xBB\xBF\r\n  \n", "t.srt").segments.empty());
  EXPECT_TRUE(parse_srt("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:02,000 --> 00:00:03,000\n<i></i>\n", "t.srt")
                  .segments.empty());
}

TEST(Srt, MalformedTimestampNamesTheLine) {
  EXPECT_EQ(error_text([] { parse_srt("1\n00:00:1,000 --> 00:00:02,000\nHej\n", "t.srt"); }),
            "t.srt:2: expected a start time \"HH:MM:SS,mmm\", got \"00:00:1,000\"");
  EXPECT_EQ(error_text([] { parse_srt("1\n00:00:01,000 --> 00:60:02,000\nHej\n", "t.srt"); }),
            "t.srt:2: expected an end time \"HH:MM:SS,mmm\", got \"00:60:02,000\"");
  EXPECT_EQ(error_text([] { parse_srt("1\n00:01,000 --> 00:00:02,000\nHej\n", "t.srt"); }),
            "t.srt:2: expected a start time \"HH:MM:SS,mmm\", got \"00:01,000\"");
}

TEST(Srt, MissingArrowNamesTheLine) {
  const std::string srt =
      "1\n00:00:01,000 --> 00:00:02,000\nHej\n\n"
      "2\n00:00:03,000 00:00:04,000\nHej igen\n";
  EXPECT_EQ(error_text([&] { parse_srt(srt, "t.srt"); }),
            "t.srt:6: expected a timing line \"HH:MM:SS,mmm --> HH:MM:SS,mmm\", got \"00:00:03,000 00:00:04,000\"");
}

TEST(Srt, EndBeforeStartIsAnError) {
  EXPECT_EQ(error_text([] { parse_srt("\n\n1\n00:00:02,000 --> 00:00:01,000\nHej\n", "t.srt"); }),
            "t.srt:4: end time 00:00:01,000 is before start time 00:00:02,000");
}

TEST(Srt, ReportsEveryBrokenCue) {
  const std::string srt =
      "Hej\n\n"                                            // 1: not a cue
      "2\n\n"                                              // 3: number without timing
      "3\n00:00:05,000 --> 00:00:0x,000\nTekst\n";        // 5-7: bad end
  EXPECT_EQ(error_text([&] { parse_srt(srt, "t.srt"); }),
            "t.srt:1: expected a cue number or a timing line \"HH:MM:SS,mmm --> HH:MM:SS,mmm\", got \"Hej\" "
            "(a blank line inside cue text ends the cue)\n"
            "t.srt:3: expected a timing line \"HH:MM:SS,mmm --> HH:MM:SS,mmm\" after cue number 2\n"
            "t.srt:6: expected an end time \"HH:MM:SS,mmm\", got \"00:00:0x,000\"");
}

TEST(Srt, StopsAfterTwentyProblems) {
  std::string srt;
  for (int i = 0; i < 30; ++i) srt += "00:00:02,000 --> 00:00:01,000\nx\n\n";  // cue i starts on line 3i+1
  try {
    parse_srt(srt, "t.srt");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    ASSERT_EQ(error.problems().size(), 21u);
    EXPECT_EQ(error.problems()[19].to_string(), "t.srt:58: end time 00:00:01,000 is before start time 00:00:02,000");
    EXPECT_EQ(error.problems()[20].to_string(), "t.srt: stopped after 20 problems");
  }
}

TEST(Srt, InvalidUtf8NamesTheLine) {
  EXPECT_EQ(error_text([] { parse_srt("1\n00:00:01,000 --> 00:00:02,000\nGod dag, S\xF8ren\n", "t.srt"); }),
            "t.srt:3: invalid UTF-8 (byte 0xF8 at column 11); the file must be saved as UTF-8");
}

TEST(Srt, HundredThousandCues) {
  constexpr int kCues = 100000;
  std::string srt;
  srt.reserve(static_cast<std::size_t>(kCues) * 64);
  for (int i = 0; i < kCues; ++i) {
    const int s = i % 60, m = (i / 60) % 60, h = i / 3600;
    char timing[64];
    std::snprintf(timing, sizeof timing, "%02d:%02d:%02d,000 --> %02d:%02d:%02d,500\n", h, m, s, h, m, s);
    srt += std::to_string(i + 1) + "\n" + timing + "SB: hej med dig\n\n";
  }
  const auto transcript = parse_srt(srt, "big.srt");
  ASSERT_EQ(transcript.segments.size(), static_cast<std::size_t>(kCues));
  EXPECT_EQ(transcript.segments.back(), seg("SB", 99999.0, 99999.5, "hej med dig"));
}

TEST(Srt, UnclosedMarkupOnALongLineIsLinear) {
  std::string line;
  for (int i = 0; i < 100000; ++i) line += "<a{\\";
  const auto transcript = parse_srt("00:00:01,000 --> 00:00:02,000\n" + line + "\n", "t.srt");
  ASSERT_EQ(transcript.segments.size(), 1u);
  EXPECT_EQ(transcript.segments[0].text, line);
}

}  // namespace
}  // namespace pb
