#include <gtest/gtest.h>

#include "adapters/reference_adapter.h"
#include "adapters/registry.h"
#include "tests/adapters/adapter_test_util.h"

namespace pb {
namespace {

TEST(ReferenceAdapter, ReturnsTheReferenceSegmentsUnchanged) {
  const Conversation conversation = test::make_conversation("conv-0001");
  ReferenceTranscriptionAdapter adapter;
  const auto outcome = adapter.transcribe({conversation, "/data"});
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value().segments, conversation.segments);
  EXPECT_EQ(adapter.id(), (ComponentId{"reference", "1"}));
}

TEST(AdapterRegistry, BuiltinKindsAreRegisteredSorted) {
  AdapterRegistry registry;
  register_builtin_adapters(registry);
  EXPECT_EQ(registry.transcription_kinds(), (std::vector<std::string>{"command", "fault", "openai-http", "pocketsphinx", "recorded", "reference",
                                                                  "simulated-asr"}));
  EXPECT_TRUE(registry.has_transcription("reference"));
  EXPECT_FALSE(registry.has_transcription("whisper"));
}

TEST(AdapterRegistry, UnknownKindNamesTheFieldAndTheKnownKinds) {
  AdapterRegistry registry;
  register_builtin_adapters(registry);
  ProblemList problems;
  EXPECT_EQ(registry.make_transcription(test::make_spec("whisper", nlohmann::json::object()), problems), nullptr);
  ASSERT_EQ(problems.size(), 1u);
  const Problem& p = problems.items()[0];
  EXPECT_EQ(p.file, "scenario.json");
  EXPECT_EQ(p.line, 0);
  EXPECT_EQ(p.field, "solutions[0].transcription.kind");
  EXPECT_EQ(p.message, "unknown adapter kind 'whisper' (known: command, fault, openai-http, pocketsphinx, recorded, reference, "
                       "simulated-asr)");
}

TEST(AdapterRegistry, BuildsEachKindAndRejectsUnknownKeys) {
  AdapterRegistry registry;
  register_builtin_adapters(registry);
  ProblemList problems;
  auto reference = registry.make_transcription(test::make_spec("reference", {{"timeout_s", 3}}), problems);
  ASSERT_NE(reference, nullptr);
  EXPECT_EQ(reference->id().name, "reference");
  auto simulated = registry.make_transcription(test::make_spec("simulated-asr", {{"seed", 3}}), problems);
  ASSERT_NE(simulated, nullptr);
  EXPECT_EQ(simulated->id(), (ComponentId{"simulated-asr", "1"}));
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(registry.make_transcription(test::make_spec("reference", {{"speed", 3}}), problems), nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems.items()[0].field, "solutions[0].transcription.speed");
}

TEST(AdapterRegistry, CustomKindsCanBeAdded) {
  AdapterRegistry registry;
  registry.add_transcription("echo", [](const AdapterSpec&, ProblemList&) -> TranscriptionAdapterPtr {
    return std::make_unique<ReferenceTranscriptionAdapter>();
  });
  ProblemList problems;
  EXPECT_NE(registry.make_transcription(test::make_spec("echo", {}), problems), nullptr);
}

}  // namespace
}  // namespace pb
