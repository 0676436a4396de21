#include "harness/scenario.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "core/files.h"

namespace pb {
namespace {

std::filesystem::path write_scenario(const std::string& name, const std::string& content) {
  const auto dir = std::filesystem::temp_directory_path() / ("pb-scenario-" + std::to_string(::getpid()));
  const auto path = dir / name;
  write_private_file(path, content);
  return path;
}

std::string problems_text(const std::vector<Problem>& problems) {
  std::string text;
  for (const auto& p : problems) text += p.to_string() + "\n";
  return text;
}

TEST(Scenario, ParsesAFullScenario) {
  const auto path = write_scenario("full.json", R"({
    "name": "Sammenligning",
    "seed": 7,
    "dataset": {"synthetic": {"kind": "conversations", "n": 30, "seed": 3}},
    "solutions": [
      {"id": "a", "name": "Løsning A", "transcription": {"kind": "reference"}},
      {"id": "b", "transcription": {"kind": "simulated-asr", "substitution_rate": 0.1}}
    ],
    "metrics": {"wer": {"normalize": "none"}, "bootstrap": {"replicates": 200, "level": 0.9}},
    "group_by": ["target_group", ["target_group", "attributes.danish"], "target_group"],
    "target_picture": [{"metric": "wer", "max": 0.15, "group_by": "target_group"}],
    "privacy": {"min_cell_size": 3},
    "run": {"jobs": 4}
  })");
  const Scenario s = load_scenario(path);
  EXPECT_EQ(s.name, "Sammenligning");
  EXPECT_EQ(s.seed, 7u);
  ASSERT_TRUE(s.dataset.synthetic);
  EXPECT_EQ(s.dataset.synthetic->n, 30);
  ASSERT_EQ(s.solutions.size(), 2u);
  EXPECT_EQ(s.solutions[1].name, "b");
  EXPECT_EQ(s.solutions[1].transcription.kind, "simulated-asr");
  EXPECT_EQ(s.solutions[1].transcription.json_path, "solutions[1].transcription");
  EXPECT_EQ(s.normalizer, "none");
  EXPECT_EQ(s.bootstrap_replicates, 200);
  ASSERT_EQ(s.groupings.size(), 2u);  // duplicate dropped
  EXPECT_EQ(s.groupings[1].name(), "target_group × attributes.danish");
  ASSERT_EQ(s.targets.size(), 1u);
  EXPECT_EQ(*s.targets[0].max, 0.15);
  EXPECT_EQ(s.min_cell_size, 3);
  EXPECT_EQ(s.jobs, 4);
}

TEST(Scenario, DatasetPathIsResolvedAgainstTheScenarioFolder) {
  const auto path = write_scenario("rel.json", R"({"name": "x", "dataset": {"path": "data/set"},
    "solutions": [{"id": "a", "transcription": {"kind": "reference"}}]})");
  const Scenario s = load_scenario(path);
  ASSERT_TRUE(s.dataset.path);
  EXPECT_EQ(*s.dataset.path, (path.parent_path() / "data/set").string());
  EXPECT_EQ(s.groupings.size(), 1u);  // default: target_group
}

TEST(Scenario, EveryProblemHasLineAndPath) {
  const auto path = write_scenario("bad.json", R"({
  "name": "x",
  "dataset": {"path": "a", "synthetic": {"n": 0}},
  "solutions": [
    {"id": "a", "transcription": {"kind": "reference"}},
    {"id": "a", "transcription": {}}
  ],
  "group_by": ["colour"],
  "target_picture": [{"metric": "wer", "max": 0.1, "min": 0.0}],
  "privacy": {"min_cell_size": 0},
  "extra": 1
})");
  const auto text = problems_text(scenario_problems(path));
  EXPECT_NE(text.find("bad.json:3: dataset.synthetic.n: expected an integer >= 1"), std::string::npos) << text;
  EXPECT_NE(text.find("bad.json:3: dataset: expected exactly one of"), std::string::npos) << text;
  EXPECT_NE(text.find("bad.json:6: solutions[1].id: duplicate solution id"), std::string::npos) << text;
  EXPECT_NE(text.find("bad.json:6: solutions[1].transcription.kind: missing"), std::string::npos) << text;
  EXPECT_NE(text.find("bad.json:8: group_by[0]: unknown grouping key \"colour\""), std::string::npos) << text;
  EXPECT_NE(text.find("bad.json:9: target_picture[0]: expected exactly one of \"max\" or \"min\""), std::string::npos) << text;
  EXPECT_NE(text.find("bad.json:10: privacy.min_cell_size"), std::string::npos) << text;
  EXPECT_NE(text.find("bad.json:11: extra: unknown field"), std::string::npos) << text;
}

TEST(Scenario, SyntaxErrorGivesLineAndColumn) {
  const auto path = write_scenario("syntax.json", "{\n  \"name\": \"x\",\n  \"seed\": ,\n}");
  const auto problems = scenario_problems(path);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_NE(problems[0].message.find("invalid JSON"), std::string::npos);
}

TEST(Scenario, GroupingNames) {
  EXPECT_EQ(Grouping{}.name(), "all");
  EXPECT_EQ((Grouping{{"target_group"}}).name(), "target_group");
  EXPECT_TRUE(is_valid_grouping_key("attributes.age_band"));
  EXPECT_FALSE(is_valid_grouping_key("attributes."));
  EXPECT_FALSE(is_valid_grouping_key("cpr"));
}

}  // namespace
}  // namespace pb
