#include "harness/results_builder.h"

#include <gtest/gtest.h>

#include "harness/summary_scoring.h"
#include "harness/transcription_scoring.h"
#include "reports/json_report.h"

namespace pb {
namespace {

// 8 conversations in "jobparate" and 3 in "sygemeldte"; solution "a" makes 1 error per 10 words in
// jobparate and 5 per 10 in sygemeldte.
struct Fixture {
  Dataset dataset;
  RunContext ctx;
  std::vector<ItemRecord> items;

  Fixture() {
    for (int i = 0; i < 11; ++i) {
      Conversation c;
      c.id = "conv-" + std::to_string(10 + i);
      c.target_group = i < 8 ? "jobparate" : "sygemeldte";
      c.attributes["danish"] = i % 2 ? "second-language" : "first-language";
      dataset.conversations.push_back(c);
      ItemRecord item;
      item.solution_id = "a";
      item.item_id = c.id;
      item.status = "ok";
      const double subs = i < 8 ? 1 : 5;
      item.metrics = {{item_metric::kWer, subs / 10},   {item_metric::kRefWords, 10}, {item_metric::kHypWords, 10},
                      {item_metric::kHits, 10 - subs}, {item_metric::kSubstitutions, subs},
                      {item_metric::kDeletions, 0},    {item_metric::kInsertions, 0}, {item_metric::kCer, 0.05},
                      {item_metric::kRefChars, 40},    {item_metric::kCharErrors, 2}};
      items.push_back(item);
    }
    ctx.dataset = &dataset;
    ctx.run.id = 1;
    ctx.run.status = "finished";
    ctx.scenario.name = "t";
    ctx.scenario.seed = 5;
    ctx.scenario.min_cell_size = 5;
    ctx.scenario.bootstrap_replicates = 200;
    ctx.scenario.groupings = {Grouping{{"target_group"}}};
    SolutionSpec a;
    a.id = "a";
    a.name = "A";
    ctx.scenario.solutions = {a};
  }
};

const GroupCell& cell(const SolutionResults& s, const std::string& grouping, const std::string& group) {
  for (const auto& b : s.breakdowns)
    if (b.grouping == grouping)
      for (const auto& c : b.cells)
        if (c.group == group) return c;
  throw std::runtime_error("no cell " + grouping + "/" + group);
}

TEST(ResultsBuilder, CorpusWerSumsErrorsOverReferenceWords) {
  Fixture f;
  const auto r = build_run_results(f.ctx, f.items);
  ASSERT_EQ(r.solutions.size(), 1u);
  const auto& all = cell(r.solutions[0], "all", "all");
  EXPECT_EQ(all.n, 11);
  EXPECT_EQ(all.ref_words, 110);
  EXPECT_DOUBLE_EQ(all.wer, (8 * 1 + 3 * 5) / 110.0);
  EXPECT_DOUBLE_EQ(all.mean_wer, (8 * 0.1 + 3 * 0.5) / 11);
  EXPECT_DOUBLE_EQ(all.cer, 22.0 / 440.0);
  ASSERT_TRUE(all.wer_ci);
  EXPECT_LE(all.wer_ci->lower, all.wer);
  EXPECT_GE(all.wer_ci->upper, all.wer);
  // sygemeldte (3) is under the minimum; with only two groups, jobparate's figures and the total would give it away,
  // so jobparate is hidden too (secondary suppression), in every table of the run.
  EXPECT_TRUE(cell(r.solutions[0], "target_group", "jobparate").suppressed);
  ASSERT_EQ(r.suppressed_groups.size(), 2u);
  EXPECT_EQ(r.suppressed_groups[0].group, "jobparate");
  EXPECT_EQ(r.suppressed_groups[0].reason, "secondary");
  EXPECT_EQ(r.suppressed_groups[1].group, "sygemeldte");
  EXPECT_EQ(r.suppressed_groups[1].reason, "primary");
  // With a minimum of 3 nothing is hidden.
  f.ctx.scenario.min_cell_size = 3;
  const auto shown = build_run_results(f.ctx, f.items);
  EXPECT_DOUBLE_EQ(cell(shown.solutions[0], "target_group", "jobparate").wer, 0.1);
  EXPECT_TRUE(shown.suppressed_groups.empty());
}

TEST(ResultsBuilder, SmallCellsCarryNoNumbers) {
  Fixture f;
  const auto r = build_run_results(f.ctx, f.items);
  const auto& small = cell(r.solutions[0], "target_group", "sygemeldte");
  EXPECT_TRUE(small.suppressed);
  EXPECT_EQ(small.ref_words, 0);
  EXPECT_EQ(small.wer, 0.0);
  EXPECT_FALSE(small.wer_ci);
  const std::string json = render_json_report(r);
  EXPECT_EQ(json.find("0.5"), std::string::npos) << "the suppressed group's WER leaked";
  EXPECT_EQ(json.find("per_item"), std::string::npos) << "per-conversation rows are opt-in";
}

TEST(ResultsBuilder, TargetVerdictsUseTheConfidenceInterval) {
  Fixture f;
  f.ctx.scenario.targets = {TargetSpec{"wer", Grouping{{"target_group"}}, 0.15, std::nullopt, "t[0]"},
                            TargetSpec{"wer", Grouping{}, 0.05, std::nullopt, "t[1]"},
                            TargetSpec{"wer", Grouping{}, 0.2, std::nullopt, "t[2]"}};
  // Both target groups hidden at a minimum of 5 (sygemeldte has 3, jobparate would give it away): "suppressed".
  const auto hidden = build_run_results(f.ctx, f.items);
  ASSERT_EQ(hidden.targets.size(), 4u);
  EXPECT_EQ(hidden.targets[0].verdict, "suppressed");
  EXPECT_EQ(hidden.targets[1].verdict, "suppressed");
  f.ctx.scenario.min_cell_size = 3;
  const auto r = build_run_results(f.ctx, f.items);
  ASSERT_EQ(r.targets.size(), 4u);
  EXPECT_EQ(r.targets[0].group, "jobparate");
  EXPECT_EQ(r.targets[0].verdict, "met");      // every jobparate conversation has WER 0.1
  EXPECT_EQ(r.targets[1].verdict, "not met");  // every sygemeldte conversation has WER 0.5
  EXPECT_EQ(r.targets[2].verdict, "not met");       // overall WER ≈ 0.21, CI well above 0.05
  EXPECT_EQ(r.targets[3].verdict, "inconclusive");  // 0.2 is inside the CI
  EXPECT_TRUE(target_picture_missed(r));
}

TEST(ResultsBuilder, FailuresAreCountedAndCprMasked) {
  Fixture f;
  f.items[0].status = "failed";
  f.items[0].metrics.clear();
  f.items[0].error = "vendor said: unknown citizen 120385-1234\nstack...";
  f.items[1].status = "failed";
  f.items[1].metrics.clear();
  f.items[1].error = "vendor said: unknown citizen 120385-1234";
  const auto r = build_run_results(f.ctx, f.items);
  EXPECT_EQ(r.solutions[0].items_failed, 2);
  ASSERT_EQ(r.solutions[0].failures.size(), 1u);
  EXPECT_EQ(r.solutions[0].failures[0].count, 2);
  EXPECT_EQ(r.solutions[0].failures[0].reason, "vendor said: unknown citizen XXXXXX-XXXX");
  EXPECT_EQ(cell(r.solutions[0], "all", "all").failed, 2);
  EXPECT_EQ(render_json_report(r).find("120385"), std::string::npos);
}

TEST(ResultsBuilder, JsonIsDeterministic) {
  Fixture f;
  const auto first = render_json_report(build_run_results(f.ctx, f.items));
  f.ctx.run.id = 99;  // run identity must not leak into the results document
  f.ctx.run.started_at = "2030-01-01T00:00:00Z";
  EXPECT_EQ(first, render_json_report(build_run_results(f.ctx, f.items)));
}

TEST(ResultsBuilder, IntersectionGroups) {
  Fixture f;
  f.ctx.scenario.min_cell_size = 1;
  f.ctx.scenario.groupings = {Grouping{{"target_group", "attributes.danish"}}};
  const auto r = build_run_results(f.ctx, f.items);
  EXPECT_EQ(cell(r.solutions[0], "target_group × attributes.danish", "sygemeldte × first-language").n, 2);
  EXPECT_EQ(group_value(f.dataset.conversations[0], Grouping{{"attributes.missing"}}), "(unknown)");
}

// Adds a drafted note per conversation to solution "a": conversation i has 4 key facts of which 4 − (i % 3) are
// found (so 4, 3, 2, 4, 3, 2, …), 1 critical error when i is 2 or 9, and ROUGE-L F1 0.5 + i / 100.
void add_notes(Fixture& f) {
  namespace sm = summary_metric;
  f.ctx.scenario.solutions[0].summarisation = AdapterSpec{"simulated", {}, "", "", ""};
  for (int i = 0; i < 11; ++i) {
    ItemRecord note;
    note.solution_id = "a";
    note.item_id = f.dataset.conversations[static_cast<std::size_t>(i)].id;
    note.task = "summarisation";
    note.status = "ok";
    const double critical = i == 2 || i == 9 ? 1 : 0;
    note.metrics = {{sm::kNotes, 1},
                    {sm::kReferenceNotes, 1},
                    {sm::kFacts, 4},
                    {sm::kFactsFound, 4.0 - i % 3},
                    {"summary.facts.date", 1},
                    {"summary.facts_found.date", i % 3 == 2 ? 0.0 : 1.0},
                    {sm::kCriticalErrors, critical},
                    {sm::kHasCriticalError, critical},
                    {"summary.rougeL.f", 0.5 + i / 100.0}};
    note.output_json = R"({"note": {}, "findings": {"missed_facts": ["date «næste samtale» 03-14"], "wrong_facts": []}})";
    f.items.push_back(note);
  }
}

const SummaryCell& note_cell(const SolutionResults& s, const std::string& grouping, const std::string& group) {
  for (const auto& b : s.summary.breakdowns)
    if (b.grouping == grouping)
      for (const auto& c : b.cells)
        if (c.group == group) return c;
  throw std::runtime_error("no note cell " + grouping + "/" + group);
}

TEST(ResultsBuilder, NoteMetricsArePooledPerGroupWithIntervals) {
  Fixture f;
  add_notes(f);
  const auto r = build_run_results(f.ctx, f.items);
  const auto& s = r.solutions[0];
  ASSERT_TRUE(s.summary.present);
  EXPECT_EQ(s.summary.items_ok, 11);
  const auto& all = note_cell(s, "all", "all");
  // found: i % 3 = 0 → 4 (i = 0,3,6,9), 1 → 3 (1,4,7,10), 2 → 2 (2,5,8): 16 + 12 + 6 = 34 of 44.
  const auto* recall = all.metric("summary.key_fact_recall");
  ASSERT_NE(recall, nullptr);
  EXPECT_DOUBLE_EQ(recall->value, 34.0 / 44.0);
  ASSERT_TRUE(recall->ci);
  EXPECT_LE(recall->ci->lower, recall->value);
  EXPECT_GE(recall->ci->upper, recall->value);
  EXPECT_DOUBLE_EQ(all.metric("summary.key_fact_recall.date")->value, 8.0 / 11.0);
  EXPECT_DOUBLE_EQ(all.metric("summary.critical_errors_per_note")->value, 2.0 / 11.0);
  // mean ROUGE-L: 0.5 + (0 + … + 10) / 100 / 11 = 0.5 + 0.55 / 11
  EXPECT_DOUBLE_EQ(all.metric("summary.rougeL")->value, (11 * 0.5 + 0.55) / 11.0);
  // sygemeldte (3 notes) is suppressed, and jobparate with it (secondary: the total would give sygemeldte away).
  EXPECT_TRUE(note_cell(s, "target_group", "jobparate").suppressed);
  EXPECT_TRUE(note_cell(s, "target_group", "jobparate").metrics.empty());
  EXPECT_TRUE(note_cell(s, "target_group", "sygemeldte").suppressed);
  EXPECT_TRUE(note_cell(s, "target_group", "sygemeldte").metrics.empty());
  // Findings are carried per note; the JSON shows them only with per-item output.
  EXPECT_EQ(s.summary.items[0].missed_facts, std::vector<std::string>{"date «næste samtale» 03-14"});
  EXPECT_EQ(render_json_report(r).find("næste samtale"), std::string::npos);
}

TEST(ResultsBuilder, HardGateIgnoresTheIntervalAndNoteTargetsSkipSolutionsWithoutNotes) {
  Fixture f;
  add_notes(f);
  TargetSpec gate{"summary.critical_errors_per_note", Grouping{}, 0.0, std::nullopt, "t[0]"};
  gate.gate = true;
  TargetSpec soft = gate;
  soft.gate = false;
  TargetSpec recall{"summary.key_fact_recall", Grouping{}, std::nullopt, 0.5, "t[2]"};
  f.ctx.scenario.targets = {gate, soft, recall};
  SolutionSpec b;
  b.id = "b";
  b.name = "B";
  f.ctx.scenario.solutions.push_back(b);  // transcribes only: no note targets for it
  const auto r = build_run_results(f.ctx, f.items);
  ASSERT_EQ(r.targets.size(), 3u);
  EXPECT_EQ(r.targets[0].verdict, "not met");  // 2/11 > 0, whatever the interval
  EXPECT_TRUE(r.targets[0].gate);
  // Without the gate, an interval reaching 0 makes the same value "inconclusive".
  ASSERT_TRUE(r.targets[1].ci);
  EXPECT_EQ(r.targets[1].verdict, r.targets[1].ci->lower <= 0.0 ? "inconclusive" : "not met");
  EXPECT_EQ(r.targets[2].verdict, "met");  // 34/44 ≥ 0.5 and so is its whole interval
}

}  // namespace
}  // namespace pb
