#include <limits>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "formats/transcript_formats.h"
#include "tests/formats/error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

Segment seg(std::string speaker, std::string role, std::optional<double> start, std::optional<double> end,
            std::string text) {
  return Segment{std::move(speaker), std::move(role), start, end, std::move(text)};
}

TEST(TranscriptJson, ReadsSegmentsWithDanishText) {
  const std::string json = R"({"segments":[
  {"speaker":"SB","role":"caseworker","start":0.0,"end":2.5,"text":"Hej, hvordan går det med jobsøgningen?"},
  {"speaker":"B","role":"citizen","start":2.5,"end":4,"text":"Det går fint. Jeg har søgt på Ærø."}
]})";
  const auto transcript = parse_transcript_json(json, "t.json");
  ASSERT_EQ(transcript.segments.size(), 2u);
  EXPECT_EQ(transcript.segments[0],
            seg("SB", "caseworker", 0.0, 2.5, "Hej, hvordan går det med jobsøgningen?"));
  EXPECT_EQ(transcript.segments[1], seg("B", "citizen", 2.5, 4.0, "Det går fint. Jeg har søgt på Ærø."));
}

TEST(TranscriptJson, OnlyTextIsRequiredAndNullMeansAbsent) {
  const auto transcript = parse_transcript_json(
      R"([{"text":"uden tider"},{"speaker":null,"start":null,"end":1.5,"text":"kun slut","words":[1,2]}])", "t.json");
  ASSERT_EQ(transcript.segments.size(), 2u);
  EXPECT_EQ(transcript.segments[0], seg("", "", std::nullopt, std::nullopt, "uden tider"));
  EXPECT_EQ(transcript.segments[1], seg("", "", std::nullopt, 1.5, "kun slut"));
}

TEST(TranscriptJson, EmptySegmentsIsAnEmptyTranscript) {
  EXPECT_TRUE(parse_transcript_json(R"({"segments": []})", "t.json").segments.empty());
  EXPECT_TRUE(parse_transcript_json("[]", "t.json").segments.empty());
}

TEST(TranscriptJson, EmptyFileIsAnError) {
  EXPECT_EQ(error_text([] { parse_transcript_json("", "t.json"); }),
            "t.json:1: the file is empty; expected {\"segments\": [...]} (use an empty array for no speech)");
  EXPECT_EQ(error_text([] { parse_transcript_json(" \n\n", "t.json"); }),
            "t.json:1: the file is empty; expected {\"segments\": [...]} (use an empty array for no speech)");
}

TEST(TranscriptJson, BomAndCrlfAreAccepted) {
  const auto transcript =
      parse_transcript_json("\xEF\xBB\xBF{\"segments\": [\r\n  {\"text\": \"æ\"}\r\n]}\r\n", "t.json");
  ASSERT_EQ(transcript.segments.size(), 1u);
  EXPECT_EQ(transcript.segments[0].text, "æ");
}

TEST(TranscriptJson, WrongTypeNamesPathAndLineOfTheKey) {
  const std::string json =
      "{\"segments\": [\n"          // 1
      "  {\"text\": \"a\"},\n"      // 2
      "  {\"text\": \"b\"},\n"      // 3
      "  {\"text\": \"c\"},\n"      // 4
      "  {\"speaker\": \"SB\",\n"   // 5
      "   \"start\": \"0,5\",\n"    // 6
      "   \"text\": \"d\"}\n"       // 7
      "]}\n";
  EXPECT_EQ(error_text([&] { parse_transcript_json(json, "t.json"); }),
            "t.json:6: segments[3].start: expected a number of seconds >= 0, got \"0,5\"");
}

TEST(TranscriptJson, ReportsEveryProblemWithItsLine) {
  const std::string json =
      "{\"segments\": [\n"                              // 1
      "  {\"speaker\": \"SB\"},\n"                      // 2: text missing
      "  {\"start\": 3, \"end\": 2, \"text\": \"x\"},\n"  // 3: end before start
      "  {\"start\": -1, \"text\": true},\n"            // 4: negative start, boolean text
      "  \"hej\",\n"                                    // 5: not an object
      "  {\"role\": 7, \"text\": \"ok\"}\n"             // 6: role not a string
      "]}";
  EXPECT_EQ(error_text([&] { parse_transcript_json(json, "t.json"); }),
            "t.json:2: segments[0].text: missing; expected a string\n"
            "t.json:3: segments[1].end: end (2) is before start (3)\n"
            "t.json:4: segments[2].start: expected a number of seconds >= 0, got -1\n"
            "t.json:4: segments[2].text: expected a string, got true\n"
            "t.json:5: segments[3]: expected an object, got \"hej\"\n"
            "t.json:6: segments[4].role: expected a string, got 7");
}

TEST(TranscriptJson, StopsAfterTwentyProblems) {
  std::string json = "[\n";
  for (int i = 0; i < 30; ++i) json += "{\"text\": 1},\n";
  json += "{\"text\": \"ok\"}]";
  try {
    parse_transcript_json(json, "t.json");
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    ASSERT_EQ(error.problems().size(), 21u);
    EXPECT_EQ(error.problems()[19].to_string(), "t.json:21: [19].text: expected a string, got 1");
    EXPECT_EQ(error.problems()[20].to_string(), "t.json: stopped after 20 problems");
  }
}

TEST(TranscriptJson, BareArrayPathsHaveNoSegmentsPrefix) {
  EXPECT_EQ(error_text([] { parse_transcript_json("[\n{\"text\": \"a\"},\n{\"end\": \"2\", \"text\": \"b\"}\n]", "t.json"); }),
            "t.json:3: [1].end: expected a number of seconds >= 0, got \"2\"");
}

TEST(TranscriptJson, DocumentShapeErrors) {
  EXPECT_EQ(error_text([] { parse_transcript_json("\"hej\"", "t.json"); }),
            "t.json:1: expected {\"segments\": [...]} or an array of segments, got \"hej\"");
  EXPECT_EQ(error_text([] { parse_transcript_json("{\"utterances\": []}", "t.json"); }),
            "t.json:1: segments: missing; expected an array of segments");
  EXPECT_EQ(error_text([] { parse_transcript_json("{\"language\": \"da\",\n \"segments\": {}}", "t.json"); }),
            "t.json:2: segments: expected an array of segments, got an object");
}

TEST(TranscriptJson, LineScanSkipsStringsNestedValuesAndEscapedKeys) {
  // Brackets and quotes inside strings, nested arrays before "segments", a duplicate "segments" key (the
  // last wins, as in nlohmann) and a key written with an escape must not confuse the line numbers.
  const std::string json =
      "{\"note\": \"a [tricky] {string} with \\\" quote\",\n"  // 1
      " \"segments\": [{\"text\": 1}],\n"                      // 2
      " \"meta\": {\"x\": [[1, 2], {\"y\": \"]\"}]},\n"       // 3
      " \"segments\": [\n"                                    // 4
      "   {\"text\": \"ok [\"},\n"                             // 5
      "   {\"text\": \"ok\",\n"                                // 6
      "    \"\\u0073tart\": false}\n"                          // 7
      " ]}";
  EXPECT_EQ(error_text([&] { parse_transcript_json(json, "t.json"); }),
            "t.json:7: segments[1].start: expected a number of seconds >= 0, got false");
}

TEST(TranscriptJson, SyntaxErrorGivesLineAndColumnInCharacters) {
  const std::string json =
      "{\"segments\": [\n"
      "  {\"text\": \"æøå\" \"start\": 1}\n"
      "]}";
  const auto message = error_text([&] { parse_transcript_json(json, "t.json"); });
  // The offending token is the string "start"; nlohmann has read up to its closing quote, which is in
  // column 24 counting æ, ø and å as one character each (byte column would be 27).
  EXPECT_EQ(message.rfind("t.json:2: column 24: invalid JSON: syntax error while parsing object", 0), 0u) << message;
}

TEST(TranscriptJson, SyntaxErrorAtEndOfInput) {
  const auto message = error_text([] { parse_transcript_json("{\"segments\": [\n  {\"text\": \"a\"}\n", "t.json"); });
  EXPECT_EQ(message.rfind("t.json:3: column 1: invalid JSON: ", 0), 0u) << message;
}

TEST(TranscriptJson, InvalidUtf8NamesTheLine) {
  EXPECT_EQ(error_text([] { parse_transcript_json("[\n{\"text\": \"s\xF8ren\"}\n]", "t.json"); }),
            "t.json:2: invalid UTF-8 (byte 0xF8 at column 12); the file must be saved as UTF-8");
}

TEST(TranscriptJson, CanonicalOutputHasStableKeysAndKeepsUtf8) {
  Transcript transcript;
  transcript.segments.push_back(seg("SB", "caseworker", 0.0, 2.5, "Hej \"Åse\" – æøå"));
  transcript.segments.push_back(seg("", "", std::nullopt, std::nullopt, "uden tider"));
  transcript.segments.push_back(seg("B", "", 3.25, std::nullopt, ""));
  EXPECT_EQ(transcript_to_json(transcript),
            R"({"segments":[{"speaker":"SB","role":"caseworker","start":0.0,"end":2.5,"text":"Hej \"Åse\" – æøå"},)"
            R"({"text":"uden tider"},{"speaker":"B","start":3.25,"text":""}]})");
  EXPECT_EQ(transcript_to_json(Transcript{}), R"({"segments":[]})");
}

TEST(TranscriptJson, RoundTripIsExact) {
  Transcript transcript;
  transcript.segments.push_back(seg("SPEAKER_00", "citizen", 0.1 + 0.2, 12345.678, "Jeg søger job som pædagog."));
  transcript.segments.push_back(seg("spk1", "", 1e-7, 1.0 / 3.0, "Linje\nmed \t tegn og \\ og \u00a0"));
  transcript.segments.push_back(seg("", "", std::nullopt, std::nullopt, "  mellemrum bevares  "));
  const auto json = transcript_to_json(transcript);
  EXPECT_EQ(json.find('\n'), std::string::npos);
  EXPECT_EQ(parse_transcript_json(json, "round.json"), transcript);
}

TEST(TranscriptJson, WriterRejectsWhatJsonCannotHold) {
  Transcript transcript;
  transcript.segments.push_back(seg("", "", std::numeric_limits<double>::quiet_NaN(), std::nullopt, "x"));
  EXPECT_THROW(transcript_to_json(transcript), std::invalid_argument);
  transcript.segments[0] = seg("", "", std::nullopt, std::nullopt, "s\xF8ren");
  EXPECT_THROW(transcript_to_json(transcript), std::invalid_argument);
}

TEST(TranscriptJson, HugeFileWithErrorInLastSegmentIsLinear) {
  constexpr int kSegments = 100000;
  std::string json = "[\n";
  for (int i = 0; i < kSegments - 1; ++i) json += "{\"end\": 2, \"text\": \"hej\"},\n";
  json += "{\"text\": 5}\n]";
  EXPECT_EQ(error_text([&] { parse_transcript_json(json, "big.json"); }),
            "big.json:100001: [99999].text: expected a string, got 5");
  json.replace(json.rfind("5}"), 1, "\"sidste\"");
  EXPECT_EQ(parse_transcript_json(json, "big.json").segments.size(), static_cast<std::size_t>(kSegments));
}

}  // namespace
}  // namespace pb
