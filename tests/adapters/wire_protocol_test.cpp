// The adapter protocol's JSON envelope: hand-written lines as a vendor would send them, and round trips.
#include "adapters/wire_protocol.h"

#include <gtest/gtest.h>

#include "tests/adapters/adapter_test_util.h"

namespace pb {
namespace {

TEST(WireHandshake, ParsesTheDocumentedExample) {
  auto handshake = parse_handshake(
      R"({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": "vendor-asr", "version": "2.3",
          "capabilities": ["transcription", "diarization"], "extra": {"ignored": true}})");
  ASSERT_TRUE(handshake.ok()) << handshake.error();
  EXPECT_EQ(handshake.value(), (AdapterHandshake{"vendor-asr", "2.3", {"transcription", "diarization"}}));
  EXPECT_TRUE(handshake.value().can("transcription"));
  EXPECT_FALSE(handshake.value().can("summary"));
  EXPECT_EQ(parse_handshake(encode_handshake(handshake.value())).value(), handshake.value());
}

TEST(WireHandshake, RejectsWhatIsNotOurHandshake) {
  struct Case {
    std::string line, expected;
  };
  const std::string good_tail = R"(, "name": "n", "version": "1", "capabilities": []})";
  for (
      const Case& c : {
          Case{"", "handshake is not JSON"},
          Case{"Loading model...", "handshake is not JSON"},
          Case{"[1]", "handshake is not a JSON object"},
          Case{R"({"protocol": "other", "protocol_version": 1)" + good_tail, "\"protocol\": \"pilotbench-adapter\""},
          Case{R"({"protocol": "pilotbench-adapter", "protocol_version": "1")" + good_tail,
               "integer \"protocol_version\""},
          Case{R"({"protocol": "pilotbench-adapter", "protocol_version": 2)" + good_tail, "speaks protocol_version 2"},
          Case{R"({"protocol": "pilotbench-adapter", "protocol_version": 1, "version": "1", "capabilities": []})",
               "needs a \"name\""},
          Case{
              R"({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": "a@b", "version": "1", "capabilities": []})",
              "needs a \"name\""},
          Case{
              R"({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": "a", "version": "", "capabilities": []})",
              "needs a \"version\""},
          Case{
              R"({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": "a", "version": "1\n2", "capabilities": []})",
              "needs a \"version\""},
          Case{
              R"({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": "a", "version": "1", "capabilities": "transcription"})",
              "\"capabilities\": a list of strings"},
      }) {
    SCOPED_TRACE(c.line);
    auto handshake = parse_handshake(c.line);
    ASSERT_FALSE(handshake.ok());
    EXPECT_NE(handshake.error().find(c.expected), std::string::npos) << handshake.error();
  }
  const std::string long_name(201, 'x');
  EXPECT_FALSE(parse_handshake(R"({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": ")" + long_name +
                               R"(", "version": "1", "capabilities": []})")
                   .ok());
}

TEST(WireRequest, EncodesTheDocumentedFieldsOnOneLine) {
  Conversation conversation = test::make_conversation("samtale-æøå");
  conversation.audio = "lyd/./samtale.wav";
  conversation.language = "da";
  const WireRequest request = make_wire_request("r-17", {conversation, "/data/sæt"}, false);
  EXPECT_EQ(encode_request(request),
            R"({"audio_path":"/data/sæt/lyd/samtale.wav","conversation_id":"samtale-æøå","id":"r-17","language":"da",)"
            R"("task":"transcription"})");

  conversation.audio.reset();
  conversation.segments = {{"SB", "caseworker", 0.0, 1.0, "Hej\nmed dig"}};
  const WireRequest with_reference = make_wire_request("r-18", {conversation, "/data"}, true);
  const std::string line = encode_request(with_reference);
  EXPECT_EQ(line.find('\n'), std::string::npos);  // a newline in the text is escaped
  EXPECT_EQ(line, R"({"conversation_id":"samtale-æøå","id":"r-18","language":"da","reference":{"segments":[)"
                  R"({"end":1.0,"role":"caseworker","speaker":"SB","start":0.0,"text":"Hej\nmed dig"}]},)"
                  R"("task":"transcription"})");
  auto parsed = parse_request(line);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed.value(), with_reference);
}

TEST(WireRequest, RelativeDatasetRootsBecomeAbsolute) {
  Conversation conversation = test::make_conversation("c");
  conversation.audio = "a.wav";
  const WireRequest request = make_wire_request("r-1", {conversation, "data"}, false);
  ASSERT_TRUE(request.audio_path.has_value());
  EXPECT_EQ(*request.audio_path, (std::filesystem::current_path() / "data" / "a.wav").string());
}

TEST(WireRequest, EncodingRefusesInvalidUtf8) {
  WireRequest request;
  request.id = "r-1";
  request.conversation_id = "bad\xff";
  EXPECT_THROW(encode_request(request), std::invalid_argument);
}

TEST(WireRequest, ParseNamesTheMissingField) {
  EXPECT_NE(parse_request(R"({"id":"r-1","task":"transcription","language":"da"})").error().find("conversation_id"),
            std::string::npos);
  EXPECT_NE(parse_request(R"({"id":"r-1","task":"t","conversation_id":"c","language":"da","audio_path":3})")
                .error()
                .find("audio_path"),
            std::string::npos);
}

TEST(WireResponse, SuccessCarriesTheTranscript) {
  auto response = parse_response(
      R"({"id":"r-17","ok":true,"transcript":{"segments":[{"speaker":"spk0","start":0,"end":2.5,"text":"Jeg bor i Århus"}]}})");
  ASSERT_TRUE(response.ok()) << response.error();
  EXPECT_EQ(response.value().id, "r-17");
  ASSERT_TRUE(response.value().result.ok());
  EXPECT_EQ(response.value().result.value(), (Transcript{{{"spk0", "", 0.0, 2.5, "Jeg bor i Århus"}}}));
  const Outcome<Transcript> original = response.value().result;
  auto again = parse_response(encode_response("r-17", original));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().result.value(), original.value());
}

TEST(WireResponse, ItemFailuresKeepTheId) {
  struct Case {
    std::string line, expected;
  };
  for (const Case& c : {
           Case{R"({"id":"r-1","ok":false,"error":"GPU out of memory"})",
                "adapter reported an error: GPU out of memory"},
           Case{R"({"id":"r-1","ok":false})", "adapter reported an error: (no \"error\" text)"},
           Case{R"({"id":"r-1","ok":"yes"})", "no boolean \"ok\""},
           Case{R"({"id":"r-1","ok":true})", "no \"transcript\""},
           Case{R"({"id":"r-1","ok":true,"transcript":{"segments":[{"start":3,"end":1,"text":"x"}]}})",
                "invalid transcript: segments[0].end"},
           Case{R"({"id":"r-1","ok":true,"transcript":{"segments":[{"speaker":"A"}]}})", "invalid transcript"},
           Case{R"({"id":"r-1","ok":false,"error":"borger 120385-1234 mangler"})", "borger XXXXXX-XXXX mangler"},
       }) {
    SCOPED_TRACE(c.line);
    auto response = parse_response(c.line);
    ASSERT_TRUE(response.ok()) << response.error();
    EXPECT_EQ(response.value().id, "r-1");
    ASSERT_FALSE(response.value().result.ok());
    EXPECT_NE(response.value().result.error().find(c.expected), std::string::npos) << response.value().result.error();
  }
  EXPECT_EQ(parse_response(encode_response("r-2", Outcome<Transcript>::failure("nope"))).value().result.error(),
            "adapter reported an error: nope");
}

TEST(WireResponse, EnvelopeErrorsLeaveNoId) {
  for (const std::string line : {"", "garbage", "[]", R"({"ok":true})", R"({"id":17,"ok":true})", "{\"id\":\"r-1\""}) {
    SCOPED_TRACE(line);
    EXPECT_FALSE(parse_response(line).ok());
  }
}

TEST(WireResponse, LongVendorErrorsAreCut) {
  const std::string error(5000, 'e');
  auto response = parse_response(R"({"id":"r-1","ok":false,"error":")" + error + "\"}");
  ASSERT_TRUE(response.ok());
  const std::string& reason = response.value().result.error();
  EXPECT_LT(reason.size(), 2100u);
  EXPECT_EQ(reason.substr(reason.size() - 3), "…");
}

TEST(SanitizeExternalText, MasksCprReplacesInvalidBytesAndControlsAndCutsOnCharacters) {
  EXPECT_EQ(sanitize_external_text("cpr 010203-1234 ok", 100), "cpr XXXXXX-XXXX ok");
  EXPECT_EQ(sanitize_external_text("a\x01"
                                   "b\tc\nd\x7f",
                                   100),
            "a b\tc\nd ");
  EXPECT_EQ(sanitize_external_text("bad \xff byte", 100), "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(sanitize_external_text("æøå", 3), "æ…");  // a cut never splits a character
  EXPECT_EQ(sanitize_external_text("æøå", 6), "æøå");
  EXPECT_EQ(sanitize_external_text("", 10), "");
  EXPECT_EQ(sanitize_external_text("abc", 0), "…");
}

}  // namespace
}  // namespace pb
