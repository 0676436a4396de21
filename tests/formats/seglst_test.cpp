#include "formats/seglst.h"

#include <unistd.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/formats/error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

TEST(Seglst, ReadsSegmentsGroupedBySession) {
  const std::string json = R"([
  {"session_id": "møde1", "speaker": "SB", "start_time": 0.5, "end_time": 2.25, "words": "hej med dig"},
  {"session_id": "møde1", "speaker": 1, "start_time": "2.500", "end_time": "4", "words": "Det går fint på Ærø",
   "segment_index": 3, "confidence": 0.9, "channel": {"mic": "ø"}},
  {"session_id": 7, "words": "uden tider", "speaker": null, "start_time": null},
  {"session_id": "møde1", "speaker": "SB", "start_time": 1, "end_time": 1.5, "words": ""}
])";
  const auto sessions = parse_seglst(json, "t.json");
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].session_id, "møde1");
  ASSERT_EQ(sessions[0].segments.size(), 3u);
  EXPECT_EQ(sessions[0].segments[0], (SeglstSegment{"møde1", "SB", 0.5, 2.25, "hej med dig", {}, 0}));
  EXPECT_EQ(sessions[0].segments[1],
            (SeglstSegment{"møde1",
                           "1",
                           2.5,
                           4.0,
                           "Det går fint på Ærø",
                           {{"channel", R"({"mic":"ø"})"}, {"confidence", "0.9"}, {"segment_index", "3"}},
                           1}));
  EXPECT_EQ(sessions[0].segments[2], (SeglstSegment{"møde1", "SB", 1.0, 1.5, "", {}, 3}));
  EXPECT_EQ(sessions[1].session_id, "7");
  ASSERT_EQ(sessions[1].segments.size(), 1u);
  EXPECT_EQ(sessions[1].segments[0], (SeglstSegment{"7", "", std::nullopt, std::nullopt, "uden tider", {}, 2}));
}

TEST(Seglst, TranscriptIsInStartTimeOrderWhenEverySegmentHasOne) {
  const auto sessions = parse_seglst(R"([
    {"session_id": "s", "speaker": "B", "start_time": 2, "end_time": 3, "words": "to"},
    {"session_id": "s", "speaker": "B", "start_time": 4, "end_time": 5, "words": "fire"},
    {"session_id": "s", "speaker": "SB", "start_time": 0, "end_time": 1, "words": "nul"},
    {"session_id": "s", "speaker": "SB", "start_time": 2, "end_time": 2.5, "words": "også to"}
  ])",
                                     "t.json");
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(seglst_to_transcript(sessions[0]).segments, (std::vector<Segment>{{"SB", "", 0.0, 1.0, "nul"},
                                                                              {"B", "", 2.0, 3.0, "to"},
                                                                              {"SB", "", 2.0, 2.5, "også to"},
                                                                              {"B", "", 4.0, 5.0, "fire"}}));

  const auto untimed = parse_seglst(R"([
    {"session_id": "s", "speaker": "B", "start_time": 2, "words": "først"},
    {"session_id": "s", "speaker": "SB", "words": "uden tid"},
    {"session_id": "s", "speaker": "SB", "start_time": 0, "words": "sidst"}
  ])",
                                    "t.json");
  EXPECT_EQ(seglst_to_transcript(untimed[0]).segments,
            (std::vector<Segment>{{"B", "", 2.0, std::nullopt, "først"},
                                  {"SB", "", std::nullopt, std::nullopt, "uden tid"},
                                  {"SB", "", 0.0, std::nullopt, "sidst"}}));
  EXPECT_TRUE(seglst_to_transcript(SeglstSession{}).segments.empty());
}

TEST(Seglst, EmptyArrayHasNoSessionsAndEmptyFileIsAnError) {
  EXPECT_TRUE(parse_seglst("[]", "t.json").empty());
  EXPECT_TRUE(parse_seglst(" [ ]\n", "t.json").empty());
  EXPECT_EQ(error_text([] { parse_seglst("", "t.json"); }),
            "t.json:1: the file is empty; expected a JSON array of SegLST segments ([] for none)");
  EXPECT_EQ(error_text([] { parse_seglst("\n \n", "t.json"); }),
            "t.json:1: the file is empty; expected a JSON array of SegLST segments ([] for none)");
}

TEST(Seglst, BomAndCrlfAreAccepted) {
  const auto sessions =
      parse_seglst("\xEF\xBB\xBF[\r\n  {\"session_id\": \"a\",\r\n   \"words\": \"æ ø å\"}\r\n]\r\n", "t.json");
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].segments[0].words, "æ ø å");
}

TEST(Seglst, NotAnArrayIsAnError) {
  EXPECT_EQ(error_text([] { parse_seglst(R"({"segments": []})", "t.json"); }),
            "t.json:1: expected a JSON array of SegLST segments, got an object");
}

TEST(Seglst, SyntaxErrorGivesLineAndColumn) {
  EXPECT_EQ(error_text([] {
              parse_seglst("[{\"session_id\": \"a\", \"words\": \"x\"},\n {\"session_id\": \"b\" \"words\": \"y\"}]",
                           "t.json");
            }),
            "t.json:2: column 27: invalid JSON: syntax error while parsing object - unexpected string literal; "
            "expected '}'");
}

TEST(Seglst, ReportsEveryProblemWithPathAndLine) {
  const std::string json =
      "[\n"                                                                                 // 1
      "  {\"session_id\": \"a\", \"words\": \"x\"},\n"                                      // 2
      "  {\"session_id\": \"a\",\n"                                                         // 3
      "   \"start_time\": \"0,5\",\n"                                                       // 4
      "   \"words\": \"y\"},\n"                                                             // 5
      "  {\"words\": \"z\"},\n"                                                             // 6
      "  {\"session_id\": \"a\", \"start_time\": 3, \"end_time\": 2, \"words\": \"w\"},\n"  // 7
      "  \"hej\",\n"                                                                        // 8
      "  {\"session_id\": 1.5, \"words\": 5, \"speaker\": true, \"end_time\": -1},\n"       // 9
      "  {\"session_id\": \"a\"}\n"                                                         // 10
      "]\n";
  EXPECT_EQ(error_text([&] { parse_seglst(json, "t.json"); }),
            "t.json:4: [1].start_time: expected seconds >= 0 as a number or numeric string, got \"0,5\"\n"
            "t.json:6: [2].session_id: missing; expected a string\n"
            "t.json:7: [3].end_time: end_time (2) is before start_time (3)\n"
            "t.json:8: [4]: expected a segment object, got \"hej\"\n"
            "t.json:9: [5].session_id: expected a string or an integer, got 1.5\n"
            "t.json:9: [5].speaker: expected a string or an integer, got true\n"
            "t.json:9: [5].end_time: expected seconds >= 0 as a number or numeric string, got -1\n"
            "t.json:9: [5].words: expected a string, got 5\n"
            "t.json:10: [6].words: missing; expected the segment's words as a string");
}

TEST(Seglst, InvalidUtf8NamesTheLine) {
  EXPECT_EQ(error_text([] { parse_seglst("[\n{\"session_id\": \"S\xF8ren\", \"words\": \"\"}]", "t.json"); }),
            "t.json:2: invalid UTF-8 (byte 0xF8 at column 18); the file must be saved as UTF-8");
}

TEST(Seglst, StopsAfterTwentyProblems) {
  std::string json = "[\n";
  for (int i = 0; i < 30; ++i) json += std::string(i ? "," : "") + "{\"session_id\": \"a\"}\n";
  json += "]";
  const auto text = error_text([&] { parse_seglst(json, "t.json"); });
  EXPECT_NE(text.find("t.json:21: [19].words: missing"), std::string::npos);
  EXPECT_EQ(text.find("[20]"), std::string::npos);
  EXPECT_NE(text.find("t.json: stopped after 20 problems"), std::string::npos);
}

TEST(Seglst, HugeFileIsReadAndAnErrorAtTheEndIsLocated) {
  constexpr int kSegments = 100000;
  std::string json = "[\n";
  for (int i = 0; i < kSegments; ++i) {
    json += i ? "," : " ";
    json += "{\"session_id\": \"møde" + std::to_string(i % 2) +
            "\", \"speaker\": \"SB\", \"start_time\": " + std::to_string(i) +
            ", \"end_time\": " + std::to_string(i + 1) + ", \"words\": \"ord nummer " + std::to_string(i) + "\"}\n";
  }
  json += "]\n";
  const auto sessions = parse_seglst(json, "t.json");
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].segments.size(), static_cast<std::size_t>(kSegments / 2));
  EXPECT_EQ(sessions[1].segments.back(),
            (SeglstSegment{"møde1", "SB", 99999.0, 100000.0, "ord nummer 99999", {}, kSegments - 1}));
  EXPECT_EQ(seglst_to_transcript(sessions[1]).segments.size(), static_cast<std::size_t>(kSegments / 2));

  const auto last = json.rfind("\"start_time\": 99999");
  json.replace(last, 19, "\"start_time\": \"ni\"");
  EXPECT_EQ(error_text([&] { parse_seglst(json, "t.json"); }),
            "t.json:100001: [99999].start_time: expected seconds >= 0 as a number or numeric string, got \"ni\"");
}

TEST(Seglst, ReadsFileAndNamesMissingFile) {
  const auto path = std::filesystem::temp_directory_path() / ("pb-seglst-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(path, std::ios::binary);
    out << R"([{"session_id": "a", "words": "hej"}])";
  }
  const auto sessions = read_seglst_file(path);
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].segments[0].words, "hej");
  std::filesystem::remove(path);
  EXPECT_NE(error_text([&] { read_seglst_file(path); }).find(path.string()), std::string::npos);
}

}  // namespace
}  // namespace pb
