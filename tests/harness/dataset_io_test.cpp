#include "harness/dataset_io.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "core/files.h"

namespace pb {
namespace {

class DatasetIoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pb-dataset-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    create_private_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write_manifest(const std::string& content) { write_private_file(dir_ / "manifest.jsonl", content); }
  std::vector<std::string> problem_texts() {
    std::vector<std::string> texts;
    for (const auto& p : validate_dataset(dir_)) texts.push_back(p.to_string());
    return texts;
  }
  std::filesystem::path dir_;
};

Conversation sample(const std::string& id) {
  Conversation c;
  c.id = id;
  c.audio = "audio/" + id + ".wav";
  c.target_group = "sygemeldte";
  c.attributes = {{"age_band", "40-49"}, {"danish", "second-language"}};
  c.meeting_type = "opfølgningssamtale";
  c.segments = {{"SB", kRoleCaseworker, 0.0, 2.5, "Goddag, hvordan går det med ryggen?"},
                {"B", kRoleCitizen, 2.7, 5.0, "Øh, det går lidt bedre. Lægen siger fire uger mere."}};
  c.reference_note.sections = {{"Formål", "Opfølgning på sygemelding."}, {"Aftaler", "Ny samtale 14. marts."}};
  c.key_facts = {{"duration", "4 uger", "fire uger", "forventet sygemelding"}};
  c.timing.conversation_minutes = 22.5;
  c.timing.documentation_minutes_manual = 18.0;
  c.timing.period = "baseline";
  return c;
}

TEST_F(DatasetIoTest, RoundTripKeepsEveryField) {
  const std::vector<Conversation> conversations{sample("conv-0001"), sample("conv-0002")};
  write_dataset(dir_, conversations);
  const Dataset dataset = load_dataset(dir_);
  EXPECT_EQ(dataset.conversations, conversations);
  EXPECT_EQ(dataset.hash.size(), 64u);
  EXPECT_EQ(dataset.root, dir_.string());
}

TEST_F(DatasetIoTest, ManifestIsPrivate) {
  write_dataset(dir_, {sample("a")});
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "manifest.jsonl").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(DatasetIoTest, MalformedLineNamesFileAndLine) {
  const std::string good = conversation_to_json(sample("conv-1")).dump();
  write_manifest(good + "\n{\"id\": \"conv-2\", \n" + conversation_to_json(sample("conv-3")).dump() + "\n");
  const auto problems = problem_texts();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("manifest.jsonl:2: "), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("expected one JSON object per line"), std::string::npos) << problems[0];
  EXPECT_THROW(load_dataset(dir_), InputError);
}

TEST_F(DatasetIoTest, ReportsEveryProblemWithFieldPaths) {
  nlohmann::json a = conversation_to_json(sample("conv-1"));
  a["segments"][1]["start"] = "soon";
  a["target_group"] = 7;
  nlohmann::json b = conversation_to_json(sample("conv-1"));  // duplicate id
  b["key_facts"][0]["type"] = "colour";
  b["timing"]["conversation_minutes"] = -3;
  b["surprise"] = true;
  write_manifest(a.dump() + "\n\n" + b.dump() + "\n");
  const auto problems = problem_texts();
  auto has = [&](const std::string& needle) {
    for (const auto& p : problems)
      if (p.find(needle) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("manifest.jsonl:1: segments[1].start: expected a number")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(has("manifest.jsonl:1: target_group: expected a string, got 7"));
  EXPECT_TRUE(has("manifest.jsonl:3: key_facts[0].type: expected one of"));
  EXPECT_TRUE(has("manifest.jsonl:3: timing.conversation_minutes: expected a number between 0 and 480"));
  EXPECT_TRUE(has("manifest.jsonl:3: surprise: unknown field"));
  EXPECT_TRUE(has("manifest.jsonl:3: id: duplicate id \"conv-1\""));
}

TEST_F(DatasetIoTest, SegmentsOutOfOrderOrInvertedAreErrors) {
  Conversation c = sample("conv-1");
  c.segments[1].start = 1.0;  // before previous start 0.0? no: after, but end before start below
  c.segments[1].end = 0.5;
  write_dataset(dir_, {c});
  const auto problems = problem_texts();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("segments[1].end: expected end >= start"), std::string::npos) << problems[0];
}

TEST_F(DatasetIoTest, InvalidUtf8AndEmptyManifest) {
  write_manifest("\xFF\xFE{}\n");
  auto problems = problem_texts();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find(":1: invalid UTF-8 at column 1"), std::string::npos) << problems[0];
  write_manifest("\n\n");
  problems = problem_texts();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("no conversations"), std::string::npos);
}

TEST_F(DatasetIoTest, MissingDatasetNamesThePath) {
  const auto problems = validate_dataset(dir_ / "nope");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].to_string().find("nope"), std::string::npos);
}

TEST_F(DatasetIoTest, UnsafeIdsAreRejected) {
  EXPECT_TRUE(is_valid_item_id("conv-0001"));
  EXPECT_TRUE(is_valid_item_id("a.b_c-9"));
  EXPECT_FALSE(is_valid_item_id("../etc/passwd"));
  EXPECT_FALSE(is_valid_item_id(".hidden"));
  EXPECT_FALSE(is_valid_item_id("samtale æ"));
  EXPECT_FALSE(is_valid_item_id(""));
  EXPECT_FALSE(is_valid_item_id(std::string(129, 'a')));
}

}  // namespace
}  // namespace pb
