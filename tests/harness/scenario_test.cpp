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

TEST(Scenario, ParsesDraftingJudgeSummaryMetricsAndGates) {
  const auto path = write_scenario("notes.json", R"({
    "name": "Journalnotater",
    "dataset": {"synthetic": {"n": 10}},
    "solutions": [
      {"id": "a", "transcription": {"kind": "reference"},
       "summarisation": {"kind": "simulated", "profile": "good", "source": "transcription"}},
      {"id": "b", "transcription": {"kind": "reference"}, "summarisation": {"kind": "lead"}}
    ],
    "metrics": {"summary": {"rouge": {"tokenizer": "rouge-score", "stem": false}, "key_facts": {"threshold": 0.75},
                            "faithfulness": {"content_overlap_threshold": 0.4},
                            "template": {"sections": [{"title": "Aftaler", "max_words": 200}], "allow_cpr": true},
                            "human_ratings": "ratings/human.csv"}},
    "judge": {"kind": "openai-http", "base_url": "http://127.0.0.1:9", "model": "m"},
    "target_picture": [{"metric": "summary.critical_errors_per_note", "max": 0, "gate": true},
                       {"metric": "summary.key_fact_recall.date", "min": 0.95},
                       {"metric": "judge.accurate", "min": 4}]
  })");
  const Scenario s = load_scenario(path);
  ASSERT_TRUE(s.solutions[0].summarisation);
  EXPECT_EQ(s.solutions[0].summary_source, "transcription");
  EXPECT_FALSE(s.solutions[0].summarisation->config.contains("source"));  // the harness's key, not the adapter's
  EXPECT_EQ(s.solutions[0].summarisation->json_path, "solutions[0].summarisation");
  EXPECT_EQ(s.solutions[1].summary_source, "reference");
  EXPECT_EQ(s.summary.rouge_tokenizer, "rouge-score");
  EXPECT_FALSE(s.summary.rouge_stem);
  EXPECT_DOUBLE_EQ(s.summary.key_fact_threshold, 0.75);
  EXPECT_DOUBLE_EQ(s.summary.content_overlap_threshold, 0.4);
  ASSERT_TRUE(s.summary.note_template);
  ASSERT_EQ(s.summary.note_template->sections.size(), 1u);
  EXPECT_EQ(s.summary.note_template->sections[0].max_words, 200);
  EXPECT_TRUE(s.summary.note_template->allow_cpr);
  ASSERT_TRUE(s.summary.human_ratings);
  EXPECT_EQ(*s.summary.human_ratings, (path.parent_path() / "ratings/human.csv").string());
  ASSERT_TRUE(s.judge);
  EXPECT_EQ(s.judge->kind, "openai-http");
  ASSERT_EQ(s.targets.size(), 3u);
  EXPECT_TRUE(s.targets[0].gate);
  EXPECT_FALSE(s.targets[1].gate);
}

TEST(Scenario, SummaryProblemsNameTheirLines) {
  const auto path = write_scenario("bad-notes.json", R"({
    "name": "x",
    "dataset": {"synthetic": {"n": 10}},
    "solutions": [{"id": "a", "transcription": {"kind": "reference"},
                   "summarisation": {"kind": "lead", "source": "audio"}}],
    "metrics": {"summary": {"rouge": {"tokenizer": "nltk"},
                            "template": {"sections": [{"titel": "Aftaler"}]}}},
    "target_picture": [{"metric": "summary.recall", "min": 0.9}, {"metric": "wer", "max": 0.1, "gate": "yes"}]
  })");
  const auto text = problems_text(scenario_problems(path));
  EXPECT_NE(text.find(":5: solutions[0].summarisation.source: expected \"reference\" or \"transcription\", got \"audio\""),
            std::string::npos) << text;
  EXPECT_NE(text.find(":6: metrics.summary.rouge.tokenizer: expected \"da\" or \"rouge-score\""), std::string::npos) << text;
  EXPECT_NE(text.find(":7: metrics.summary.template.sections[0]"), std::string::npos) << text;
  EXPECT_NE(text.find(":8: target_picture[0].metric:"), std::string::npos) << text;
  EXPECT_NE(text.find(":8: target_picture[1].gate: expected"), std::string::npos) << text;
}

}  // namespace
}  // namespace pb
