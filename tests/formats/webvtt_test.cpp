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

TEST(WebVtt, ReadsVoicesTagsEntitiesAndSkipsBlocks) {
  const std::string vtt =
      "WEBVTT - Samtale 14\n"
      "Kind: captions\n"
      "\n"
      "NOTE Dette er en kommentar\n"
      "der fortsætter --> her\n"
      "\n"
      "STYLE\n"
      "::cue { color: yellow }\n"
      "\n"
      "REGION\n"
      "id:fred width:40%\n"
      "\n"
      "intro\n"
      "00:00.000 --> 00:02.500 align:start position:10%\n"
      "<v SB>Hej &amp; velkommen</v>\n"
      "\n"
      "00:00:02.500 --> 00:00:05.000\n"
      "<v.loud Anne Hansen>Tak &lt;3</v>\n"
      "\n"
      "3\n"
      "00:05.000 --> 00:07.000\n"
      "<v B>Ja.</v>\n"
      "<v SB><i>Godt</i>, <c.yellow>vi</c> ses<00:00:06.500> kl. 10.</v>\n"
      "\n"
      "00:07.000 --> 00:08.000\n"
      "<lang da>Borger:&nbsp;ok&#33; &#xE6;&#230;</lang>&lrm;\n";
  const auto transcript = parse_webvtt(vtt, "t.vtt");
  ASSERT_EQ(transcript.segments.size(), 5u);
  EXPECT_EQ(transcript.segments[0], seg("SB", 0.0, 2.5, "Hej & velkommen"));
  EXPECT_EQ(transcript.segments[1], seg("Anne Hansen", 2.5, 5.0, "Tak <3"));
  EXPECT_EQ(transcript.segments[2], seg("B", 5.0, 7.0, "Ja."));
  EXPECT_EQ(transcript.segments[3], seg("SB", 5.0, 7.0, "Godt, vi ses kl. 10."));
  EXPECT_EQ(transcript.segments[4], seg("Borger", 7.0, 8.0, "ok! ææ"));
}

TEST(WebVtt, MultiLineCueWithoutVoiceIsJoined) {
  const auto transcript =
      parse_webvtt("WEBVTT\n\n00:01.000 --> 00:02.000\nJeg har været\n  ledig siden marts.  \n", "t.vtt");
  ASSERT_EQ(transcript.segments.size(), 1u);
  EXPECT_EQ(transcript.segments[0], seg("", 1.0, 2.0, "Jeg har været ledig siden marts."));
}

TEST(WebVtt, BomCrlfAndNoFinalNewline) {
  const auto transcript =
      parse_webvtt("\xEF\xBB\xBFWEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:02.000\r\n<v spk0>ja tak</v>", "t.vtt");
  ASSERT_EQ(transcript.segments.size(), 1u);
  EXPECT_EQ(transcript.segments[0], seg("spk0", 1.0, 2.0, "ja tak"));
}

TEST(WebVtt, HeaderOnlyIsEmptyButEmptyFileIsAnError) {
  EXPECT_TRUE(parse_webvtt("WEBVTT\n", "t.vtt").segments.empty());
  EXPECT_TRUE(parse_webvtt("WEBVTT", "t.vtt").segments.empty());
  EXPECT_EQ(error_text([] { parse_webvtt("", "t.vtt"); }),
            "t.vtt:1: expected \"WEBVTT\" on the first line of a WebVTT file");
}

TEST(WebVtt, MissingOrWrongHeader) {
  EXPECT_EQ(error_text([] { parse_webvtt("00:01.000 --> 00:02.000\nHej\n", "t.vtt"); }),
            "t.vtt:1: expected \"WEBVTT\" on the first line of a WebVTT file");
  EXPECT_EQ(error_text([] { parse_webvtt("WEBVTTX\n\n", "t.vtt"); }),
            "t.vtt:1: expected \"WEBVTT\" on the first line of a WebVTT file");
}

TEST(WebVtt, MalformedTimestampNamesTheLine) {
  EXPECT_EQ(error_text([] { parse_webvtt("WEBVTT\n\n00:00,000 --> 00:01.000\nHej\n", "t.vtt"); }),
            "t.vtt:3: expected a start time \"HH:MM:SS.mmm or MM:SS.mmm\", got \"00:00,000\"");
  EXPECT_EQ(error_text([] { parse_webvtt("WEBVTT\n\n00:00.000 --> 0:01.000\nHej\n", "t.vtt"); }),
            "t.vtt:3: expected an end time \"HH:MM:SS.mmm or MM:SS.mmm\", got \"0:01.000\"");
}

TEST(WebVtt, EndBeforeStartAndMissingTimingLine) {
  EXPECT_EQ(error_text([] { parse_webvtt("WEBVTT\n\n00:03.000 --> 00:01.000\nHej\n", "t.vtt"); }),
            "t.vtt:3: end time 00:01.000 is before start time 00:03.000");
  EXPECT_EQ(error_text([] { parse_webvtt("WEBVTT\n\nintro\nHej med dig\n", "t.vtt"); }),
            "t.vtt:4: expected a timing line \"HH:MM:SS.mmm --> HH:MM:SS.mmm\", got \"Hej med dig\"");
  EXPECT_EQ(error_text([] { parse_webvtt("WEBVTT\n\nintro\n", "t.vtt"); }),
            "t.vtt:3: expected a timing line \"HH:MM:SS.mmm --> HH:MM:SS.mmm\" after cue identifier \"intro\"");
}

TEST(WebVtt, InvalidUtf8NamesTheLine) {
  EXPECT_EQ(error_text([] { parse_webvtt("WEBVTT\n\n00:01.000 --> 00:02.000\n\xE6" "ble\n", "t.vtt"); }),
            "t.vtt:4: invalid UTF-8 (byte 0xE6 at column 1); the file must be saved as UTF-8");
}

TEST(WebVtt, HundredThousandCues) {
  constexpr int kCues = 100000;
  std::string vtt = "WEBVTT\n\n";
  for (int i = 0; i < kCues; ++i) {
    const int s = i % 60, m = (i / 60) % 60, h = i / 3600;
    char timing[64];
    std::snprintf(timing, sizeof timing, "%02d:%02d:%02d.000 --> %02d:%02d:%02d.250\n", h, m, s, h, m, s);
    vtt += timing;
    vtt += "<v Borger>jeg er klar</v>\n\n";
  }
  const auto transcript = parse_webvtt(vtt, "big.vtt");
  ASSERT_EQ(transcript.segments.size(), static_cast<std::size_t>(kCues));
  EXPECT_EQ(transcript.segments.back(), seg("Borger", 99999.0, 99999.25, "jeg er klar"));
}

TEST(WebVtt, UnterminatedReferencesOnALongLineAreLinearAndKept) {
  std::string line;
  for (int i = 0; i < 100000; ++i) line += "&amp &foo; ";
  const auto transcript = parse_webvtt("WEBVTT\n\n00:01.000 --> 00:02.000\n" + line + "\n", "t.vtt");
  ASSERT_EQ(transcript.segments.size(), 1u);
  EXPECT_EQ(transcript.segments[0].text.substr(0, 21), "&amp &foo; &amp &foo;");
}

}  // namespace
}  // namespace pb
