#include "adapters/recorded_adapter.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/adapters/adapter_test_util.h"

namespace pb {
namespace {

void write(const std::filesystem::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

class RecordedAdapterTest : public ::testing::Test {
 protected:
  test::ScratchDir scratch;
  std::filesystem::path dir = scratch.path() / "vendor";
  void SetUp() override { std::filesystem::create_directories(dir); }

  Outcome<Transcript> run(const std::string& id, nlohmann::json config = {{"dir", "vendor"}}) {
    ProblemList problems;
    auto adapter = make_recorded_adapter(test::make_spec("recorded", config, scratch.path().string()), problems);
    EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems.items()[0].to_string());
    if (!adapter) return Outcome<Transcript>::failure("no adapter");
    const Conversation conversation = test::make_conversation(id);
    return adapter->transcribe({conversation, ""});
  }
};

TEST_F(RecordedAdapterTest, ReadsJson) {
  write(dir / "conv-1.json",
        R"({"segments":[{"speaker":"SB","start":0.0,"end":2.5,"text":"Goddag"},{"speaker":"B","text":"Hej"}]})");
  const auto outcome = run("conv-1");
  ASSERT_TRUE(outcome.ok()) << outcome.error();
  ASSERT_EQ(outcome.value().segments.size(), 2u);
  EXPECT_EQ(outcome.value().segments[0].speaker, "SB");
  EXPECT_EQ(outcome.value().segments[0].end, 2.5);
  EXPECT_EQ(outcome.value().segments[1].text, "Hej");
}

TEST_F(RecordedAdapterTest, ReadsSrt) {
  write(dir / "conv-2.srt", "1\n00:00:01,000 --> 00:00:02,500\nSB: Goddag\n\n2\n00:00:03,000 --> 00:00:04,000\nB: Hej\n");
  const auto outcome = run("conv-2");
  ASSERT_TRUE(outcome.ok()) << outcome.error();
  ASSERT_EQ(outcome.value().segments.size(), 2u);
  EXPECT_EQ(outcome.value().segments[0].speaker, "SB");
  EXPECT_EQ(outcome.value().segments[0].text, "Goddag");
  EXPECT_DOUBLE_EQ(*outcome.value().segments[1].start, 3.0);
}

TEST_F(RecordedAdapterTest, ReadsWebVtt) {
  write(dir / "conv-3.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v SB>Goddag\n");
  const auto outcome = run("conv-3");
  ASSERT_TRUE(outcome.ok()) << outcome.error();
  ASSERT_EQ(outcome.value().segments.size(), 1u);
  EXPECT_EQ(outcome.value().segments[0].speaker, "SB");
  EXPECT_EQ(outcome.value().segments[0].text, "Goddag");
}

TEST_F(RecordedAdapterTest, ReadsPlainText) {
  write(dir / "conv-4.txt", "SB: Goddag\nB: Hej med dig\n");
  const auto outcome = run("conv-4");
  ASSERT_TRUE(outcome.ok()) << outcome.error();
  ASSERT_EQ(outcome.value().segments.size(), 2u);
  EXPECT_EQ(outcome.value().segments[1].speaker, "B");
  EXPECT_EQ(outcome.value().segments[1].text, "Hej med dig");
}

TEST_F(RecordedAdapterTest, PrefersJsonOverOtherFormatsUnlessFormatIsGiven) {
  write(dir / "conv-5.json", R"({"segments":[{"text":"fra json"}]})");
  write(dir / "conv-5.txt", "fra tekst\n");
  EXPECT_EQ(run("conv-5").value().segments.at(0).text, "fra json");
  EXPECT_EQ(run("conv-5", {{"dir", "vendor"}, {"format", "txt"}}).value().segments.at(0).text, "fra tekst");
}

TEST_F(RecordedAdapterTest, MissingFileIsAnItemFailureListingWhatWasTried) {
  const auto outcome = run("conv-0007");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error(), "no recorded transcript for conv-0007 in " + dir.string() +
                                 " (looked for conv-0007.json, .srt, .vtt, .txt)");
  const auto only_srt = run("conv-0007", {{"dir", "vendor"}, {"format", "srt"}});
  EXPECT_EQ(only_srt.error(), "no recorded transcript for conv-0007 in " + dir.string() + " (looked for conv-0007.srt)");
}

TEST_F(RecordedAdapterTest, MalformedFileIsAnItemFailureWithFileAndLine) {
  write(dir / "conv-8.srt", "1\n00:00:01,000 --> 00:00:02,500\nSB: Goddag\n\n2\nnot a timing line\nB: Hej\n");
  const auto outcome = run("conv-8");
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.error().find("conv-8.srt:6"), std::string::npos) << outcome.error();
}

TEST_F(RecordedAdapterTest, ConfigProblems) {
  ProblemList problems;
  EXPECT_EQ(make_recorded_adapter(test::make_spec("recorded", {{"dir", "nowhere"}, {"format", "docx"}},
                                                  scratch.path().string()),
                                  problems),
            nullptr);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems.items()[0].field, "solutions[0].transcription.format");
  EXPECT_EQ(problems.items()[1].field, "solutions[0].transcription.dir");
  EXPECT_NE(problems.items()[1].message.find("folder not found"), std::string::npos);
  ProblemList missing;
  EXPECT_EQ(make_recorded_adapter(test::make_spec("recorded", nlohmann::json::object()), missing), nullptr);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing.items()[0].field, "solutions[0].transcription.dir");
}

}  // namespace
}  // namespace pb
