#include "adapters/wrappers.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>

#include "adapters/recorded_adapter.h"
#include "adapters/reference_adapter.h"
#include "adapters/registry.h"
#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/fake_adapters.h"

namespace pb {
namespace {

using namespace std::chrono_literals;

const Conversation kConversation = test::make_conversation("conv-1");

TEST(Validation, AcceptsValidTranscripts) {
  EXPECT_EQ(find_invalid_output(Transcript{kConversation.segments}), std::nullopt);
  EXPECT_EQ(find_invalid_output(Transcript{{Segment{"", "", {}, {}, "uden tider\n"}}}), std::nullopt);
  EXPECT_EQ(find_invalid_output(Transcript{}), std::nullopt);
}

TEST(Validation, NamesSegmentFieldAndProblem) {
  EXPECT_EQ(find_invalid_output(Transcript{{Segment{"a", "", 0.0, 1.0, "ok"}, Segment{"b\xE6", "", 1.0, 2.0, "ok"}}}),
            "segments[1].speaker: invalid UTF-8 at byte 1");
  EXPECT_EQ(find_invalid_output(Transcript{{Segment{"a", "", 0.0, 1.0, std::string("ab\0c", 4)}}}),
            "segments[0].text: control character 0x00 at byte 2");
  EXPECT_EQ(find_invalid_output(Transcript{{Segment{"a", "", -0.5, 1.0, "x"}}}), "segments[0].start: negative time -0.5");
  EXPECT_EQ(find_invalid_output(Transcript{{Segment{"a", "", 0.0, INFINITY, "x"}}}),
            "segments[0].end: not a finite number (inf)");
  EXPECT_EQ(find_invalid_output(Transcript{{Segment{"a", "", 3.0, 2.5, "x"}}}), "segments[0]: end 2.5 is before start 3");
}

TEST(Retry, SucceedsOnTheThirdAttemptWithExponentialBackoff) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  auto flaky = test::make_function_adapter(
      [](const TranscriptionRequest& request, int call) {
        if (call < 3) return Outcome<Transcript>::failure("503 attempt " + std::to_string(call));
        return test::echo(request, call);
      },
      calls);
  std::vector<std::chrono::milliseconds> sleeps;
  RetryingTranscriptionAdapter retrying(std::move(flaky), 4, 10ms, [&](std::chrono::milliseconds d) { sleeps.push_back(d); });
  const auto outcome = retrying.transcribe({kConversation, ""});
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value().segments, kConversation.segments);
  EXPECT_EQ(calls->load(), 3);
  EXPECT_EQ(sleeps, (std::vector<std::chrono::milliseconds>{10ms, 20ms}));
  EXPECT_EQ(retrying.retries_made(), 2u);
}

TEST(Retry, GivesUpAfterAllAttemptsAndSaysHowMany) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  auto failing = test::make_function_adapter(
      [](const TranscriptionRequest&, int call) { return Outcome<Transcript>::failure("503 attempt " + std::to_string(call)); },
      calls);
  RetryingTranscriptionAdapter retrying(std::move(failing), 3, 1ms, [](std::chrono::milliseconds) {});
  EXPECT_EQ(retrying.transcribe({kConversation, ""}).error(), "after 3 attempts: 503 attempt 3");
  EXPECT_EQ(calls->load(), 3);
}

TEST(Retry, ExceptionsCountAsFailures) {
  auto throwing = test::make_function_adapter(
      [](const TranscriptionRequest&, int) -> Outcome<Transcript> { throw std::runtime_error("socket closed"); });
  RetryingTranscriptionAdapter retrying(std::move(throwing), 2, 1ms, [](std::chrono::milliseconds) {});
  EXPECT_EQ(retrying.transcribe({kConversation, ""}).error(), "after 2 attempts: adapter threw: socket closed");
}

TEST(Cache, HitDoesNotCallTheInnerAdapter) {
  test::ScratchDir scratch;
  auto calls = std::make_shared<std::atomic<int>>(0);
  CachingTranscriptionAdapter cache(test::make_function_adapter(test::echo, calls), scratch.path() / "cache",
                                    {{"seed", 1}});
  const auto first = cache.transcribe({kConversation, ""});
  const auto second = cache.transcribe({kConversation, ""});
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(second.value(), first.value());
  EXPECT_EQ(calls->load(), 1);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
  // The entry is private to the owner.
  const auto entry = scratch.path() / "cache" / (cache.cache_key({kConversation, ""}) + ".json");
  struct stat info {};
  ASSERT_EQ(::stat(entry.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(Cache, KeyChangesWithConfigVersionConversationAndReference) {
  test::ScratchDir scratch;
  auto key = [&](ComponentId id, nlohmann::json config, const Conversation& c) {
    CachingTranscriptionAdapter cache(test::make_function_adapter(test::echo, std::make_shared<std::atomic<int>>(0), id),
                                      scratch.path(), config);
    return cache.cache_key({c, ""});
  };
  const std::string base = key({"fake", "1"}, {{"seed", 1}}, kConversation);
  EXPECT_EQ(base.size(), 64u);
  EXPECT_EQ(base, key({"fake", "1"}, {{"seed", 1}}, kConversation));
  EXPECT_NE(base, key({"fake", "2"}, {{"seed", 1}}, kConversation));
  EXPECT_NE(base, key({"other", "1"}, {{"seed", 1}}, kConversation));
  EXPECT_NE(base, key({"fake", "1"}, {{"seed", 2}}, kConversation));
  EXPECT_NE(base, key({"fake", "1"}, {{"seed", 1}}, test::make_conversation("conv-2")));
  Conversation edited = kConversation;
  edited.segments[0].text += "!";
  EXPECT_NE(base, key({"fake", "1"}, {{"seed", 1}}, edited));
  Conversation with_audio = kConversation;
  with_audio.audio = "audio/conv-1.wav";
  EXPECT_NE(base, key({"fake", "1"}, {{"seed", 1}}, with_audio));
}

TEST(Cache, FailuresAreNotCached) {
  test::ScratchDir scratch;
  auto calls = std::make_shared<std::atomic<int>>(0);
  CachingTranscriptionAdapter cache(
      test::make_function_adapter([](const TranscriptionRequest&, int) { return Outcome<Transcript>::failure("down"); },
                                  calls),
      scratch.path());
  EXPECT_FALSE(cache.transcribe({kConversation, ""}).ok());
  EXPECT_FALSE(cache.transcribe({kConversation, ""}).ok());
  EXPECT_EQ(calls->load(), 2);
  EXPECT_EQ(cache.hits(), 0u);
}

TEST(Recording, WritesFilesTheRecordedAdapterReplays) {
  test::ScratchDir scratch;
  RecordingTranscriptionAdapter recording(std::make_unique<ReferenceTranscriptionAdapter>(), scratch.path() / "rec");
  const auto live = recording.transcribe({kConversation, ""});
  ASSERT_TRUE(live.ok());
  EXPECT_TRUE(std::filesystem::exists(scratch.path() / "rec" / "conv-1.json"));
  RecordedTranscriptionAdapter replay(scratch.path() / "rec");
  const auto replayed = replay.transcribe({kConversation, ""});
  ASSERT_TRUE(replayed.ok()) << replayed.error();
  EXPECT_EQ(replayed.value(), live.value());
}

TEST(Recording, UnusableIdFailsTheItem) {
  test::ScratchDir scratch;
  RecordingTranscriptionAdapter recording(std::make_unique<ReferenceTranscriptionAdapter>(), scratch.path());
  const Conversation bad = test::make_conversation("../escape");
  EXPECT_EQ(recording.transcribe({bad, ""}).error(), "cannot record output: conversation id '../escape' cannot name a file");
}

TEST(Wrap, ReadsCommonKeysWithDefaults) {
  ProblemList problems;
  const WrapperOptions defaults = read_wrapper_options(test::make_spec("reference", nlohmann::json::object()), problems);
  EXPECT_FALSE(defaults.isolate);  // pilotbench's own code is not forked per call
  for (const char* kind : {"fault", "pocketsphinx"})
    EXPECT_TRUE(read_wrapper_options(test::make_spec(kind, nlohmann::json::object()), problems).isolate) << kind;
  for (const char* kind : {"simulated-asr", "recorded", "command", "openai-http"})
    EXPECT_FALSE(read_wrapper_options(test::make_spec(kind, nlohmann::json::object()), problems).isolate) << kind;
  EXPECT_TRUE(read_wrapper_options(test::make_spec("reference", {{"isolate", true}}), problems).isolate);
  EXPECT_EQ(defaults.timeout, 60000ms);
  EXPECT_EQ(defaults.retries, 0);
  EXPECT_FALSE(defaults.cache_dir.has_value());
  const WrapperOptions set = read_wrapper_options(
      test::make_spec("reference", {{"timeout_s", 2.5}, {"retries", 2}, {"cache_dir", "c"}, {"record_dir", "r"}}, "/base"),
      problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(set.timeout, 2500ms);
  EXPECT_EQ(set.retries, 2);
  EXPECT_EQ(*set.cache_dir, std::filesystem::path("/base/c"));
  EXPECT_EQ(*set.record_dir, std::filesystem::path("/base/r"));
  EXPECT_EQ(wrapper_options_to_json(set)["timeout_ms"], 2500);
}

TEST(Wrap, BadCommonKeysAreProblemsWithFieldPaths) {
  ProblemList problems;
  auto wrapped = wrap_transcription_adapter(std::make_unique<ReferenceTranscriptionAdapter>(),
                                            test::make_spec("reference", {{"timeout_s", 0}, {"retries", -1}, {"cache_dir", 3}}),
                                            problems);
  EXPECT_EQ(wrapped, nullptr);
  std::vector<std::string> fields;
  for (const auto& p : problems.items()) fields.push_back(p.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"solutions[0].transcription.timeout_s", "solutions[0].transcription.retries",
                                              "solutions[0].transcription.cache_dir"}));
}

TEST(Wrap, FullChainFromAScenarioSpec) {
  test::ScratchDir scratch;
  AdapterRegistry registry;
  register_builtin_adapters(registry);
  const AdapterSpec spec = test::make_spec(
      "fault", {{"mode", "hang"}, {"items", {"conv-2"}}, {"timeout_s", 0.3}, {"record_dir", "rec"}, {"cache_dir", "cache"}},
      scratch.path().string());
  ProblemList problems;
  auto adapter = wrap_transcription_adapter(registry.make_transcription(spec, problems), spec, problems);
  ASSERT_NE(adapter, nullptr);
  EXPECT_EQ(adapter->id(), (ComponentId{"fault", "1"}));
  EXPECT_TRUE(adapter->transcribe({kConversation, ""}).ok());
  const Conversation hanging = test::make_conversation("conv-2");
  EXPECT_EQ(adapter->transcribe({hanging, ""}).error(), "timed out after 300 ms");
  EXPECT_TRUE(std::filesystem::exists(scratch.path() / "rec" / "conv-1.json"));
  EXPECT_FALSE(std::filesystem::exists(scratch.path() / "rec" / "conv-2.json"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(scratch.path() / "cache"), {}), 1);
}

TEST(Wrap, CacheKeyIgnoresWrapperKeys) {
  EXPECT_EQ(adapter_config_identity({{"kind", "simulated-asr"}, {"seed", 3}, {"timeout_s", 5}, {"record_dir", "r"}}),
            (nlohmann::json{{"seed", 3}}));
}

}  // namespace
}  // namespace pb
