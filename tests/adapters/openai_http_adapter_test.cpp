// The "openai-http" kind against a loopback test server (tests/adapters/loopback_http_server.h).
#include "adapters/openai_http_adapter.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "adapters/registry.h"
#include "adapters/wire_protocol.h"
#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/loopback_http_server.h"

namespace pb {
namespace {

using test::HttpAnswer;
using test::HttpExchange;
using test::LoopbackHttpServer;
using test::make_conversation;
using test::make_spec;
using test::ScratchDir;
using namespace std::chrono_literals;

constexpr const char* kKey = "sk-test-ÆØÅ-0123456789";
constexpr const char* kVerboseJson =
    R"({"task":"transcribe","language":"danish","duration":4.2,"text":" Hej. Velkommen.",)"
    R"("segments":[{"id":0,"start":0.0,"end":1.2,"text":" Hej.","tokens":[1,2]},)"
    R"({"id":1,"start":1.2,"end":4.2,"text":" Velkommen til jobcentret, Søren."}]})";

class OpenAiHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path() / "audio");
    std::ofstream(dir_.path() / "audio" / "conv-1.wav", std::ios::binary) << "RIFF-fake-wave-bytes";
  }

  OpenAiHttpOptions options(const LoopbackHttpServer& server) {
    OpenAiHttpOptions o;
    o.base_url = server.base_url();
    o.model = "whisper-1";
    o.api_key = kKey;
    o.api_key_env = "PB_TEST_KEY";
    o.timeout = 20s;
    o.http_retries = 3;
    o.backoff = 10ms;
    return o;
  }

  // An adapter whose waits are recorded instead of slept.
  std::unique_ptr<OpenAiHttpTranscriptionAdapter> make(OpenAiHttpOptions o) {
    return std::make_unique<OpenAiHttpTranscriptionAdapter>(
        std::move(o), [this](std::chrono::milliseconds ms) { sleeps_.push_back(ms); });
  }

  Conversation conversation(std::string id = "conv-1") {
    Conversation c = make_conversation(std::move(id));
    c.audio = "audio/conv-1.wav";
    return c;
  }

  Outcome<Transcript> run(TranscriptionAdapter& adapter) {
    const Conversation c = conversation();
    return adapter.transcribe({c, dir_.path().string()});
  }

  ScratchDir dir_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

TEST_F(OpenAiHttpTest, UploadsTheAudioAndReadsVerboseJsonSegments) {
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, kVerboseJson}; });
  auto adapter = make(options(server));
  EXPECT_EQ(adapter->id(), (ComponentId{"openai-http", "1"}));
  auto result = run(*adapter);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value(),
            (Transcript{{{"", "", 0.0, 1.2, "Hej."}, {"", "", 1.2, 4.2, "Velkommen til jobcentret, Søren."}}}));
  const auto exchanges = server.exchanges();
  ASSERT_EQ(exchanges.size(), 1u);
  const HttpExchange& sent = exchanges[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.path, "/v1/audio/transcriptions");
  EXPECT_EQ(sent.headers.at("authorization"), std::string("Bearer ") + kKey);
  EXPECT_EQ(sent.headers.at("content-type").rfind("multipart/form-data; boundary=", 0), 0u);
  EXPECT_EQ(sent.headers.count("expect"), 0u);
  EXPECT_NE(sent.body.find("name=\"file\"; filename=\"conv-1.wav\""), std::string::npos);
  EXPECT_NE(sent.body.find("RIFF-fake-wave-bytes"), std::string::npos);
  EXPECT_NE(sent.body.find("name=\"model\"\r\n\r\nwhisper-1\r\n"), std::string::npos);
  EXPECT_NE(sent.body.find("name=\"language\"\r\n\r\nda\r\n"), std::string::npos);
  EXPECT_NE(sent.body.find("name=\"response_format\"\r\n\r\nverbose_json\r\n"), std::string::npos);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(OpenAiHttpTest, JsonAndTextFormatsGiveOneUntimedSegment) {
  LoopbackHttpServer server([](const HttpExchange& request, int) {
    if (request.body.find("\r\n\r\ntext\r\n") != std::string::npos)
      return HttpAnswer{200, " Hej med dig.\n", "text/plain"};
    return HttpAnswer{200, R"({"text":"Hej med dig."})"};
  });
  for (const auto format : {OpenAiResponseFormat::json, OpenAiResponseFormat::text}) {
    OpenAiHttpOptions o = options(server);
    o.response_format = format;
    o.language = "en";
    auto result = run(*make(o));
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_EQ(result.value(), (Transcript{{{"", "", std::nullopt, std::nullopt, "Hej med dig."}}}));
  }
  EXPECT_NE(server.exchanges().at(0).body.find("name=\"language\"\r\n\r\nen\r\n"), std::string::npos);
}

TEST_F(OpenAiHttpTest, TooManyRequestsThenSuccessHonoursRetryAfter) {
  LoopbackHttpServer server([](const HttpExchange&, int index) {
    if (index == 0) return HttpAnswer{429, R"({"error":"slow down"})", "application/json", {{"Retry-After", "7"}}};
    return HttpAnswer{200, kVerboseJson};
  });
  auto result = run(*make(options(server)));
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(server.requests(), 2);
  EXPECT_EQ(sleeps_, (std::vector<std::chrono::milliseconds>{7000ms}));
}

TEST_F(OpenAiHttpTest, RetryAfterLongerThanTheLimitFailsAtOnce) {
  LoopbackHttpServer server([](const HttpExchange&, int) {
    return HttpAnswer{503, "busy", "text/plain", {{"Retry-After", "3600"}}};
  });
  auto result = run(*make(options(server)));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().find("HTTP 503: server asked to retry after 3600 s"), std::string::npos) << result.error();
  EXPECT_EQ(server.requests(), 1);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(OpenAiHttpTest, ServerErrorsEveryTimeFailAfterTheRetriesWithDoublingBackoff) {
  LoopbackHttpServer server([](const HttpExchange&, int) {
    return HttpAnswer{500, "internal error: model crashed", "text/plain"};
  });
  OpenAiHttpOptions o = options(server);
  o.http_retries = 2;
  auto result = run(*make(o));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), "HTTP 500 after 3 attempts: internal error: model crashed");
  EXPECT_EQ(server.requests(), 3);
  EXPECT_EQ(sleeps_, (std::vector<std::chrono::milliseconds>{10ms, 20ms}));
}

TEST_F(OpenAiHttpTest, ClientErrorsAreNotRetried) {
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{400, R"({"error":"bad audio"})"}; });
  auto result = run(*make(options(server)));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), R"(HTTP 400: {"error":"bad audio"})");
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(OpenAiHttpTest, MalformedJsonFailsTheItem) {
  LoopbackHttpServer server([](const HttpExchange&, int index) {
    return index == 0 ? HttpAnswer{200, "{\"segments\": [ {\"start\": 0, "}
                      : HttpAnswer{200, R"({"segments":[{"start":"zero","end":1,"text":"x"}]})"};
  });
  auto adapter = make(options(server));
  auto truncated = run(*adapter);
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.error().find("response is not JSON"), std::string::npos) << truncated.error();
  auto wrong_type = run(*adapter);
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.error(), "segments[0]: \"start\" is not a number");
}

TEST_F(OpenAiHttpTest, TheKeyNeverAppearsInAFailure) {
  // A hostile or careless server echoes the request headers back in its error body.
  LoopbackHttpServer server([](const HttpExchange& request, int) {
    return HttpAnswer{401, "unauthorized: " + request.headers.at("authorization"), "text/plain"};
  });
  auto result = run(*make(options(server)));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().find(kKey), std::string::npos) << result.error();
  EXPECT_EQ(result.error().find("0123456789"), std::string::npos) << result.error();
  EXPECT_NE(result.error().find("HTTP 401: unauthorized: Bearer [redacted]"), std::string::npos) << result.error();
}

TEST_F(OpenAiHttpTest, NoKeyMeansNoAuthorizationHeader) {
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, kVerboseJson}; });
  OpenAiHttpOptions o = options(server);
  o.api_key.clear();
  ASSERT_TRUE(run(*make(o)).ok());
  EXPECT_EQ(server.exchanges().at(0).headers.count("authorization"), 0u);
}

TEST_F(OpenAiHttpTest, ConcurrencyLimitIsRespected) {
  LoopbackHttpServer server([](const HttpExchange&, int) {
    std::this_thread::sleep_for(50ms);  // lets requests overlap if the adapter allowed it
    return HttpAnswer{200, kVerboseJson};
  });
  OpenAiHttpOptions o = options(server);
  o.max_concurrency = 2;
  auto adapter = make(o);
  std::atomic<int> successes{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      if (run(*adapter).ok()) ++successes;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(successes.load(), 8);
  EXPECT_EQ(server.requests(), 8);
  EXPECT_GE(server.max_concurrent(), 1);
  EXPECT_LE(server.max_concurrent(), 2);
}

TEST_F(OpenAiHttpTest, MissingAudioFailsTheItemWithoutARequest) {
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, kVerboseJson}; });
  auto adapter = make(options(server));
  Conversation no_audio = make_conversation("conv-2");
  auto result = adapter->transcribe({no_audio, dir_.path().string()});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), "conversation conv-2 has no audio file to upload");
  Conversation missing = make_conversation("conv-3");
  missing.audio = "audio/missing.wav";
  result = adapter->transcribe({missing, dir_.path().string()});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error(), "audio file not found: " + (dir_.path() / "audio/missing.wav").string());
  EXPECT_EQ(server.requests(), 0);
}

TEST_F(OpenAiHttpTest, RefusedConnectionsAreRetriedThenFail) {
  std::string url;
  {
    LoopbackHttpServer gone([](const HttpExchange&, int) { return HttpAnswer{}; });
    url = gone.base_url();
  }  // the port is closed now
  OpenAiHttpOptions o;
  o.base_url = url;
  o.http_retries = 1;
  o.backoff = 5ms;
  auto result = run(*make(o));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().find("failed after 2 attempts"), std::string::npos) << result.error();
  EXPECT_EQ(sleeps_, (std::vector<std::chrono::milliseconds>{5ms}));
}

TEST_F(OpenAiHttpTest, PilotbenchApiSpeaksTheAdapterProtocol) {
  LoopbackHttpServer server([](const HttpExchange& request, int) {
    auto wire = parse_request(request.body);
    if (!wire.ok()) return HttpAnswer{400, wire.error(), "text/plain"};
    if (wire.value().conversation_id == "wrong-id")
      return HttpAnswer{200, encode_response("r-0", Outcome<Transcript>::failure("x"))};
    if (wire.value().conversation_id == "error")
      return HttpAnswer{200, encode_response(wire.value().id, Outcome<Transcript>::failure("model not loaded"))};
    const Transcript echo =
        wire.value().reference.value_or(Transcript{{{"", "", {}, {}, wire.value().audio_path.value_or("")}}});
    return HttpAnswer{200, encode_response(wire.value().id, Outcome<Transcript>::success(echo))};
  });
  OpenAiHttpOptions o = options(server);
  o.api = HttpApi::pilotbench;
  o.send_reference = true;
  auto adapter = make(o);
  const Conversation c = conversation();
  auto result = adapter->transcribe({c, dir_.path().string()});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value(), Transcript{c.segments});
  const HttpExchange sent = server.exchanges().at(0);
  EXPECT_EQ(sent.path, "/pilotbench/v1/transcribe");
  EXPECT_EQ(sent.headers.at("content-type"), "application/json");
  EXPECT_EQ(sent.headers.at("authorization"), std::string("Bearer ") + kKey);

  for (const auto& [id, expected] :
       {std::pair<std::string, std::string>{"wrong-id", "response id \"r-0\" does not match request id \"r-"},
        {"error", "adapter reported an error: model not loaded"}}) {
    const Conversation other = make_conversation(id);
    auto failed = adapter->transcribe({other, dir_.path().string()});
    ASSERT_FALSE(failed.ok());
    EXPECT_NE(failed.error().find(expected), std::string::npos) << failed.error();
  }
}

TEST(OpenAiTranscription, ParsesTheShapesServersReturn) {
  using F = OpenAiResponseFormat;
  EXPECT_EQ(parse_openai_transcription(R"({"text":"  Hej  "})", F::verbose_json).value(),
            (Transcript{{{"", "", {}, {}, "Hej"}}}));  // no segments: the text as one segment
  EXPECT_EQ(parse_openai_transcription(R"({"text":"", "segments":[]})", F::verbose_json).value(), Transcript{});
  EXPECT_EQ(parse_openai_transcription(R"({"segments":[{"start":1,"end":2,"text":"  "},{"text":"æ","start":null}]})",
                                       F::verbose_json)
                .value(),
            (Transcript{{{"", "", {}, {}, "æ"}}}));  // blank segments dropped; null times are absent
  EXPECT_EQ(parse_openai_transcription("", F::text).value(), Transcript{});
  EXPECT_EQ(parse_openai_transcription(R"({"text":"ok","segments":[{"text":"ignored"}]})", F::json).value(),
            (Transcript{{{"", "", {}, {}, "ok"}}}));
  EXPECT_FALSE(parse_openai_transcription("[1]", F::json).ok());
  EXPECT_FALSE(parse_openai_transcription(R"({"segments":{}})", F::verbose_json).ok());
  EXPECT_FALSE(parse_openai_transcription(R"({"segments":[{"start":1}]})", F::verbose_json).ok());
  EXPECT_FALSE(parse_openai_transcription(R"({"text":3})", F::json).ok());
}

TEST(RetryAfter, ReadsSecondsAndHttpDates) {
  const auto now = std::chrono::system_clock::from_time_t(1445412480);  // Wed, 21 Oct 2015 07:28:00 GMT
  EXPECT_EQ(parse_retry_after("7", now), 7000ms);
  EXPECT_EQ(parse_retry_after(" 0 ", now), 0ms);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now), 30000ms);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now), 0ms);  // in the past
  EXPECT_EQ(parse_retry_after("", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("-1", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("1.5", now), std::nullopt);
  EXPECT_EQ(parse_retry_after("soon", now), std::nullopt);
  EXPECT_GT(parse_retry_after("99999999999999", now).value(), 86'400'000ms);  // absurd but not an overflow
}

TEST(LoopbackHost, OnlyThisMachineCounts) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"})
    EXPECT_TRUE(is_loopback_host(host)) << host;
  for (const char* host : {"10.0.0.1", "127.0.0.1.evil.com", "localhost.evil.com", "asr.kommune.dk", ""})
    EXPECT_FALSE(is_loopback_host(host)) << host;
}

class OpenAiHttpConfigTest : public ::testing::Test {
 protected:
  std::vector<Problem> problems_for(nlohmann::json config) {
    ProblemList problems;
    auto adapter =
        make_openai_http_adapter(make_spec("openai-http", std::move(config), dir_.path().string()), problems);
    EXPECT_EQ(adapter == nullptr, !problems.empty());
    return problems.items();
  }
  ScratchDir dir_;
};

TEST_F(OpenAiHttpConfigTest, AcceptsAFullConfigAndIsRegistered) {
  ::setenv("PB_TEST_OPENAI_KEY", "sk-abc", 1);
  std::ofstream(dir_.path() / "ca.pem") << "-----BEGIN CERTIFICATE-----\n";
  EXPECT_TRUE(problems_for({{"base_url", "https://asr.example.dk/"},
                            {"model", "whisper-large-v3"},
                            {"api_key_env", "PB_TEST_OPENAI_KEY"},
                            {"language", "da"},
                            {"response_format", "json"},
                            {"max_concurrency", 8},
                            {"http_retries", 5},
                            {"backoff_ms", 100},
                            {"max_retry_after_s", 30},
                            {"ca_file", "ca.pem"},
                            {"proxy", "http://proxy:3128"},
                            {"timeout_s", 120},
                            {"isolate", false}})
                  .empty());
  ::unsetenv("PB_TEST_OPENAI_KEY");
  EXPECT_TRUE(
      problems_for({{"base_url", "http://127.0.0.1:8080"}, {"api", "pilotbench"}, {"send_reference", true}}).empty());
  AdapterRegistry registry;
  register_builtin_adapters(registry);
  EXPECT_TRUE(registry.has_transcription("openai-http"));
}

TEST_F(OpenAiHttpConfigTest, ProblemsNameTheFieldAndNeverShowAKey) {
  auto only = [&](nlohmann::json config) {
    auto problems = problems_for(std::move(config));
    EXPECT_EQ(problems.size(), 1u);
    return problems.empty() ? Problem{} : problems[0];
  };
  const Problem key = only({{"base_url", "http://127.0.0.1:1"}, {"api_key", "sk-live-SECRET"}});
  EXPECT_EQ(key.field, "solutions[0].transcription.api_key");
  EXPECT_EQ(key.message.find("SECRET"), std::string::npos);
  EXPECT_EQ(only(nlohmann::json::object()).field, "solutions[0].transcription.base_url");
  EXPECT_NE(only({{"base_url", "ftp://127.0.0.1"}}).message.find("http:// or https://"), std::string::npos);
  EXPECT_NE(only({{"base_url", "http://asr.kommune.dk"}}).message.find("unencrypted"), std::string::npos);
  EXPECT_TRUE(problems_for({{"base_url", "http://asr.kommune.dk"}, {"allow_plain_http", true}}).empty());
  EXPECT_NE(only({{"base_url", "https://user:pw@asr.kommune.dk"}}).message.find("credentials"), std::string::npos);
  ::unsetenv("PB_TEST_UNSET_KEY");
  EXPECT_NE(only({{"base_url", "https://a.dk"}, {"api_key_env", "PB_TEST_UNSET_KEY"}}).message.find("not set"),
            std::string::npos);
  EXPECT_EQ(only({{"base_url", "https://a.dk"}, {"send_reference", true}}).field,
            "solutions[0].transcription.send_reference");
  EXPECT_EQ(only({{"base_url", "https://a.dk"}, {"response_format", "srt"}}).field,
            "solutions[0].transcription.response_format");
  EXPECT_EQ(only({{"base_url", "https://a.dk"}, {"max_concurrency", 0}}).field,
            "solutions[0].transcription.max_concurrency");
  EXPECT_EQ(only({{"base_url", "https://a.dk"}, {"ca_file", "missing.pem"}}).field,
            "solutions[0].transcription.ca_file");
  EXPECT_EQ(only({{"base_url", "https://a.dk"}, {"api", "grpc"}}).field, "solutions[0].transcription.api");
}

}  // namespace
}  // namespace pb
