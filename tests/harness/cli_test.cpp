// End-to-end tests through the real `pilotbench` binary: exit codes, error messages, determinism,
// disparity detection, crash-safe resume.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <regex>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "cli_fixture.h"

namespace pb {
namespace {

class Cli : public CliFixture {
 protected:
  // Items finished so far by run 1 in `db` (-1 while the run does not exist yet).
  int items_done(const std::string& db) {
    const auto listing = nlohmann::json::parse(run({"runs", "--db", db, "--json"}).out, nullptr, false);
    if (!listing.is_array() || listing.empty()) return -1;
    return listing.back()["items_done"].get<int>();
  }

  // Waits (bounded) until run 1 has stored at least `count` items, so a signal hits a run in progress.
  void wait_for_items(const std::string& db, int count) {
    for (int attempt = 0; attempt < 1200 && items_done(db) < count; ++attempt)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
};

std::string scenario_with(const std::string& solutions, int n = 24, const std::string& extra = "") {
  return R"({"name": "cli test", "seed": 11, "dataset": {"synthetic": {"n": )" + std::to_string(n) +
         R"(, "seed": 5}}, "solutions": [)" + solutions + R"(], "metrics": {"bootstrap": {"replicates": 200}}, "privacy": {"min_cell_size": 2})" +
         extra + "}";
}

const char* kTwoSolutions = R"({"id": "ref", "name": "Reference", "transcription": {"kind": "reference"}},
  {"id": "asr", "name": "Simulated", "transcription": {"kind": "simulated-asr", "seed": 3}})";

TEST_F(Cli, HelpOnEverySubcommand) {
  for (const auto& sub : {"run", "runs", "report", "validate", "synth", "score", "version", "baseline", "pseudonymise"}) {
    const auto r = run({sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << sub << ": " << r.out;
  }
  for (const auto& sub : {"wer", "summary", "risk", "ranking"}) {
    const auto r = run({"score", sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << sub << ": " << r.out;
  }
  EXPECT_EQ(run({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run({}).exit_code, 2);
}

TEST_F(Cli, MalformedManifestLineGivesExit2WithFileAndLine) {
  ASSERT_EQ(run({"synth", "conversations", "--n", "3", "--seed", "1", "--out", "data"}).exit_code, 0);
  std::string manifest = read_file(dir_ / "data" / "manifest.jsonl");
  const auto second = manifest.find('\n') + 1;
  manifest.insert(second, "{\"id\": \"broken\",\n");
  write("data/manifest.jsonl", manifest);
  const auto r = run({"validate", "data"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("manifest.jsonl:2: "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("manifest.jsonl:3: "), std::string::npos) << r.err;
}

TEST_F(Cli, UnknownAdapterKindIsNamedWithItsJsonPath) {
  write("s.json", scenario_with(R"({"id": "a", "transcription": {"kind": "reference"}},
  {"id": "b", "transcription": {"kind": "telepathy"}})"));
  for (const auto& command : {std::vector<std::string>{"validate", "s.json"}, std::vector<std::string>{"run", "s.json"}}) {
    const auto r = run(command);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("s.json:2: solutions[1].transcription.kind: unknown adapter kind 'telepathy'"), std::string::npos)
        << r.err;
  }
}

TEST_F(Cli, SameScenarioAndSeedGiveByteIdenticalJson) {
  write("s.json", scenario_with(kTwoSolutions));
  ASSERT_EQ(run({"run", "s.json", "--db", "one.db", "-q"}).exit_code, 0);
  ASSERT_EQ(run({"run", "s.json", "--db", "two.db", "-q", "--jobs", "1"}).exit_code, 0);
  const auto one = run({"report", "1", "--db", "one.db", "--format", "json", "--out", "-"});
  const auto two = run({"report", "1", "--db", "two.db", "--format", "json", "--out", "-"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(read_file(dir_ / "pilotbench-reports/run-1/results.json"), one.out);
  const auto results = nlohmann::json::parse(one.out);
  EXPECT_EQ(results["solutions"][0]["breakdowns"][0]["cells"][0]["wer"], 0.0);  // reference adapter
  EXPECT_GT(results["solutions"][1]["breakdowns"][0]["cells"][0]["wer"].get<double>(), 0.02);
}

TEST_F(Cli, WrittenFilesArePrivate) {
  write("s.json", scenario_with(kTwoSolutions, 6));
  ASSERT_EQ(run({"run", "s.json", "-q"}).exit_code, 0);
  for (const auto& f : {"pilotbench.db", "pilotbench-reports/run-1/report.html", "pilotbench-reports/run-1/results.json"}) {
    struct stat st {};
    ASSERT_EQ(::stat((dir_ / f).c_str(), &st), 0) << f;
    EXPECT_EQ(st.st_mode & 077, 0u) << f;
  }
}

TEST_F(Cli, HigherSimulatedErrorRateForOneGroupShowsInReportAndJson) {
  write("s.json", scenario_with(R"({"id": "asr", "name": "Simulated", "transcription": {"kind": "simulated-asr",
      "seed": 1, "group_multipliers": [{"attribute": "danish", "value": "second-language", "multiplier": 3.0}]}})",
                                40, R"(, "group_by": ["attributes.danish"])"));
  const auto r = run({"run", "s.json", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto results = nlohmann::json::parse(read_file(dir_ / "pilotbench-reports/run-1/results.json"));
  double first = -1, second = -1;
  for (const auto& c : results["solutions"][0]["breakdowns"][1]["cells"]) {
    ASSERT_FALSE(c["suppressed"].get<bool>()) << c.dump();
    if (c["group"] == "first-language") first = c["wer"].get<double>();
    if (c["group"] == "second-language") second = c["wer"].get<double>();
  }
  ASSERT_GT(first, 0);
  EXPECT_GT(second, 2.0 * first);
  const std::string html = read_file(dir_ / "pilotbench-reports/run-1/report.html");
  EXPECT_NE(html.find("second-language"), std::string::npos);
  // The fairness layer flags the planted disparity with the right sign: more errors for second-language speakers.
  bool flagged = false;
  for (const auto& c : results["solutions"][0]["fairness"]) {
    if (c["grouping"] != "attributes.danish" || c["metric"] != "wer" || c["group"] != "second-language") continue;
    EXPECT_EQ(c["reference_group"], "first-language") << c.dump();
    EXPECT_GT(c["ratio"].get<double>(), 1.25) << c.dump();
    EXPECT_GT(c["ratio_ci"][0].get<double>(), 1.25) << c.dump();
    EXPECT_EQ(c["verdict"], "unfair") << c.dump();
    EXPECT_LE(c["p_adjusted"].get<double>(), 0.05) << c.dump();
    flagged = true;
  }
  EXPECT_TRUE(flagged) << results["solutions"][0]["fairness"].dump();
  EXPECT_EQ(results["settings"]["fairness"]["correction"], "holm");
  EXPECT_NE(html.find("Fairness: does it work as well for every group?"), std::string::npos);
  // A vendor's CI sees the unfair comparison as a failed JUnit test case.
  const auto junit = run({"report", "1", "--format", "junit", "--out", "-"});
  ASSERT_EQ(junit.exit_code, 0) << junit.err;
  EXPECT_NE(junit.out.find("<testcase classname=\"fairness.asr\" name=\"wer for attributes.danish = second-language vs "
                           "first-language\">"),
            std::string::npos)
      << junit.out;
  EXPECT_NE(junit.out.find("<failure message=\"ratio "), std::string::npos) << junit.out;
}

TEST_F(Cli, AnUnbiasedSolutionOnSmallGroupsIsInconclusiveNotUnfair) {
  // The reference transcript makes no errors for anyone; a simulated recogniser without group multipliers treats
  // groups alike, and with 24 conversations over several target groups the intervals are wide.
  write("s.json", scenario_with(R"({"id": "asr", "name": "Simulated", "transcription": {"kind": "simulated-asr",
      "seed": 1}})",
                                24, R"(, "group_by": ["target_group"])"));
  const auto r = run({"run", "s.json", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto results = nlohmann::json::parse(read_file(dir_ / "pilotbench-reports/run-1/results.json"));
  int compared = 0;
  for (const auto& c : results["solutions"][0]["fairness"]) {
    EXPECT_NE(c["verdict"], "unfair") << c.dump();
    if (c["suppressed"].get<bool>()) {
      EXPECT_FALSE(c.contains("n")) << "a suppressed group shows no figures: " << c.dump();
      continue;
    }
    if (c["verdict"] == "inconclusive") ++compared;
  }
  EXPECT_GT(compared, 0) << results["solutions"][0]["fairness"].dump();
}

TEST_F(Cli, FaultyAdaptersFailTheirItemsNotTheRun) {
  write("s.json", scenario_with(R"({"id": "crash", "transcription": {"kind": "fault", "mode": "crash", "every": 3}},
      {"id": "hang", "transcription": {"kind": "fault", "mode": "hang", "every": 4, "timeout_s": 0.3}},
      {"id": "garbage", "transcription": {"kind": "fault", "mode": "invalid-utf8", "every": 2}})",
                                12));
  const auto r = run({"run", "s.json", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["status"], "finished");
  EXPECT_GT(summary["items"]["failed"].get<int>(), 0);
  EXPECT_EQ(summary["items"]["done"], 36);
  const std::string results = read_file(dir_ / "pilotbench-reports/run-1/results.json");
  EXPECT_NE(results.find("crashed"), std::string::npos);
  EXPECT_NE(results.find("timed out"), std::string::npos);
}

TEST_F(Cli, TargetPictureMissedGivesExit1) {
  write("s.json", scenario_with(R"({"id": "asr", "transcription": {"kind": "simulated-asr", "substitution_rate": 0.3}})",
                                12, R"(, "target_picture": [{"metric": "wer", "max": 0.05}])"));
  const auto r = run({"run", "s.json", "-q"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
}

// Kill -9 a run at a random moment, resume it, and compare with an uninterrupted run.
TEST_F(Cli, SigkillThenResumeGivesExactlyTheUninterruptedResults) {
  const std::string solutions = R"({"id": "slow", "transcription": {"kind": "fault", "mode": "slow", "delay_ms": 100,
      "isolate": false, "inner": {"kind": "simulated-asr", "seed": 9}}},
    {"id": "asr", "transcription": {"kind": "simulated-asr", "seed": 2}})";
  write("s.json", scenario_with(solutions, 30));
  ASSERT_EQ(run({"run", "s.json", "--db", "clean.db", "-q", "--no-report"}).exit_code, 0);
  const auto clean = run({"report", "1", "--db", "clean.db", "--format", "json", "--per-item", "--out", "-"});
  ASSERT_NE(clean.out.find("\"per_item\""), std::string::npos);

  std::mt19937 random(static_cast<unsigned>(::getpid()));
  const int delay_ms = std::uniform_int_distribution<int>(0, 600)(random);
  const pid_t pid = spawn({"run", "s.json", "--db", "killed.db", "-q", "--no-report", "--jobs", "2"});
  wait_for_items("killed.db", 1);  // the run exists and is working; now kill at a random moment
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);

  const auto listing = nlohmann::json::parse(run({"runs", "--db", "killed.db", "--json"}).out);
  ASSERT_EQ(listing.size(), 1u);
  const int done_before = listing[0]["items_done"].get<int>();
  EXPECT_LT(done_before, 60) << "killed after " << delay_ms << " ms, too late to test anything";
  const auto resumed = run({"run", "--resume", "1", "--db", "killed.db", "-q", "--no-report"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  const auto after = nlohmann::json::parse(run({"runs", "--db", "killed.db", "--json"}).out);
  EXPECT_EQ(after[0]["items_done"], 60);
  EXPECT_EQ(after[0]["status"], "finished");
  const auto resumed_report = run({"report", "1", "--db", "killed.db", "--format", "json", "--per-item", "--out", "-"});
  EXPECT_EQ(resumed_report.out, clean.out) << "killed after " << delay_ms << " ms with " << done_before << " items";
}

TEST_F(Cli, InterruptLeavesAResumableRun) {
  const std::string solutions = R"({"id": "slow", "transcription": {"kind": "fault", "mode": "slow", "delay_ms": 50,
      "isolate": false}})";
  write("s.json", scenario_with(solutions, 40));
  const pid_t pid = spawn({"run", "s.json", "--no-report"});
  wait_for_items("pilotbench.db", 2);
  ::kill(pid, SIGINT);
  const auto r = finish(pid);
  EXPECT_EQ(r.exit_code, 130) << r.err;
  EXPECT_NE(r.err.find("pilotbench run --resume 1"), std::string::npos) << r.err;
  const auto listing = nlohmann::json::parse(run({"runs", "--json"}).out);
  ASSERT_EQ(listing.size(), 1u);
  EXPECT_EQ(listing[0]["status"], "interrupted");
  EXPECT_EQ(listing[0]["items_failed"], 0);
  EXPECT_EQ(run({"run", "--resume", "1", "-q"}).exit_code, 0);
}

TEST_F(Cli, ResumeRefusesChangedComponentVersions) {
  write("s.json", scenario_with(kTwoSolutions, 4));
  ASSERT_EQ(run({"run", "s.json", "-q", "--no-report"}).exit_code, 0);
  // Simulate a run recorded by an older build whose adapter had another version.
  ASSERT_EQ(std::system(("sqlite3 " + (dir_ / "pilotbench.db").string() +
                         " \"UPDATE runs SET status='interrupted', components_json=replace(components_json, "
                         "'\\\"version\\\":\\\"1\\\"', '\\\"version\\\":\\\"0\\\"')\"")
                            .c_str()),
            0);
  const auto r = run({"run", "--resume", "1", "-q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot resume run 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("version"), std::string::npos) << r.err;
}

TEST_F(Cli, ScoreWerOnFiles) {
  write("ref.txt", "SB: Vi ses den 14. marts klokken ti\nB: Ja det er fint\n");
  write("hyp.txt", "spk0: vi ses den 15. marts klokken ti\nspk1: ja det er fint fint\n");
  const auto r = run({"score", "wer", "--ref", "ref.txt", "--hyp", "hyp.txt", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["ref_words"], 11);
  EXPECT_EQ(j["substitutions"], 1);
  EXPECT_EQ(j["insertions"], 1);
  EXPECT_DOUBLE_EQ(j["wer"].get<double>(), 2.0 / 11.0);

  write("ref.trn", "hej med dig (a-1)\nvi ses (b-1)\n");
  write("hyp.trn", "hej dig (a-1)\nvi ses nu (b-1)\n");
  const auto t = nlohmann::json::parse(run({"score", "wer", "--ref", "ref.trn", "--hyp", "hyp.trn", "--json"}).out);
  EXPECT_EQ(t["deletions"], 1);
  EXPECT_EQ(t["insertions"], 1);
  EXPECT_EQ(t["speakers"]["a"]["deletions"], 1);
  EXPECT_EQ(t["speakers"]["b"]["insertions"], 1);
}

TEST_F(Cli, ScoreWerDanishNormaliserMakesTheIssueExampleEqual) {
  write("ref.txt", "SB: Vi ses d. 14. marts kl. 10.30 i Job Centret, øh, Aarhus\n");
  write("hyp.txt", "spk0: vi ses den fjortende marts klokken ti tredive i jobcentret aarhus\n");
  const auto da = nlohmann::json::parse(run({"score", "wer", "--ref", "ref.txt", "--hyp", "hyp.txt", "--normalize", "da", "--json"}).out);
  EXPECT_EQ(da["wer"], 0.0);
  EXPECT_EQ(da["cpwer"], 0.0);
  EXPECT_EQ(da["normalizer"], "da");
  const auto basic = nlohmann::json::parse(run({"score", "wer", "--ref", "ref.txt", "--hyp", "hyp.txt", "--json"}).out);
  EXPECT_GT(basic["wer"].get<double>(), 0.5);
  const auto bad = run({"score", "wer", "--ref", "ref.txt", "--hyp", "hyp.txt", "--normalize", "klingon"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--normalize"), std::string::npos) << bad.err;
}

TEST_F(Cli, ScoreWerScliteModeCountsAsSclite) {
  // sclite aligns "a b" / "b a" as 1 correct, 1 deletion, 1 insertion (its costs: sub 4, ins/del 3);
  // plain Levenshtein gives 2 substitutions.
  write("ref.trn", "a b (spk-1)\n");
  write("hyp.trn", "b a (spk-1)\n");
  const auto sclite = nlohmann::json::parse(run({"score", "wer", "--ref", "ref.trn", "--hyp", "hyp.trn", "--sclite", "--json"}).out);
  EXPECT_EQ(sclite["mode"], "sclite");
  EXPECT_EQ(sclite["hits"], 1);
  EXPECT_EQ(sclite["deletions"], 1);
  EXPECT_EQ(sclite["insertions"], 1);
  EXPECT_EQ(sclite["speakers"]["spk"]["ref_words"], 2);
  const auto plain = nlohmann::json::parse(run({"score", "wer", "--ref", "ref.trn", "--hyp", "hyp.trn", "--json"}).out);
  EXPECT_EQ(plain["substitutions"], 2);
}

TEST_F(Cli, ScoreWerStmAgainstCtmAndUnsupportedPairs) {
  write("ref.stm", "rec 1 sb 0.0 2.0 hej med dig\nrec 1 b 2.5 4.0 tak\n");
  write("hyp.ctm", "rec 1 0.1 0.3 hej\nrec 1 0.5 0.3 dig\nrec 1 2.6 0.4 tak\n");
  const auto r = nlohmann::json::parse(run({"score", "wer", "--ref", "ref.stm", "--hyp", "hyp.ctm", "--json"}).out);
  EXPECT_EQ(r["ref_words"], 4);
  EXPECT_EQ(r["deletions"], 1);
  const auto s = nlohmann::json::parse(run({"score", "wer", "--ref", "ref.stm", "--hyp", "hyp.ctm", "--sclite", "--json"}).out);
  EXPECT_EQ(s["deletions"], 1);
  EXPECT_EQ(s["speakers"]["sb"]["deletions"], 1);
  write("ref.ctm", "rec 1 0.1 0.3 hej\nrec 1 0.5 0.3 med\nrec 1 0.9 0.3 dig\n");
  const auto c = nlohmann::json::parse(run({"score", "wer", "--ref", "ref.ctm", "--hyp", "hyp.ctm", "--sclite", "--json"}).out);
  EXPECT_EQ(c["ref_words"], 3);
  EXPECT_EQ(c["deletions"], 1);
  EXPECT_EQ(c["insertions"], 1);  // "tak" is in the hypothesis only
  const auto t = nlohmann::json::parse(
      run({"score", "wer", "--ref", "ref.ctm", "--hyp", "hyp.ctm", "--sclite", "--sclite-time-mediated", "--json"}).out);
  EXPECT_EQ(t["sclite_options"], "-D -T");
  EXPECT_EQ(t["ref_words"], 3);
  EXPECT_EQ(run({"score", "wer", "--ref", "ref.stm", "--hyp", "hyp.ctm", "--sclite", "--sclite-time-mediated"}).exit_code, 2);
  write("plain.txt", "hej\n");
  const auto mixed = run({"score", "wer", "--ref", "ref.stm", "--hyp", "plain.txt"});
  EXPECT_EQ(mixed.exit_code, 2);
  const auto unknown = run({"score", "wer", "--ref", "ref.stm", "--hyp", "hyp.ctm", "--hyp-format", "docx"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown format \"docx\""), std::string::npos) << unknown.err;
}

TEST_F(Cli, SynthAudioRendersWavAndUpdatesTheManifest) {
  if (std::system("command -v espeak-ng >/dev/null 2>&1") != 0) GTEST_SKIP() << "espeak-ng not installed";
  ASSERT_EQ(run({"synth", "conversations", "--n", "1", "--seed", "2", "--out", "data"}).exit_code, 0);
  const auto r = run({"synth", "audio", "--dataset", "data"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto manifest = nlohmann::json::parse(read_file(dir_ / "data" / "manifest.jsonl"));
  ASSERT_EQ(manifest["audio"], "audio/conv-0001.wav");
  const std::string wav = read_file(dir_ / "data" / "audio" / "conv-0001.wav");
  ASSERT_GT(wav.size(), 44u);
  EXPECT_EQ(wav.substr(0, 4), "RIFF");
  EXPECT_EQ(wav.substr(8, 4), "WAVE");
  EXPECT_EQ(run({"validate", "data"}).exit_code, 0);
}

TEST_F(Cli, RunsScoreSpeakersAndKeyTermsAndCompareSolutions) {
  write("s.json", scenario_with(kTwoSolutions, 12));
  ASSERT_EQ(run({"run", "s.json", "-q"}).exit_code, 0);
  const auto results = nlohmann::json::parse(read_file(dir_ / "pilotbench-reports/run-1/results.json"));
  const auto& ref_all = results["solutions"][0]["breakdowns"][0]["cells"][0]["metrics"];
  EXPECT_EQ(ref_all["wer.citizen"]["value"], 0.0);
  EXPECT_EQ(ref_all["cpwer"]["value"], 0.0);
  EXPECT_EQ(ref_all["keyterm.miss_rate"]["value"], 0.0);
  EXPECT_EQ(ref_all["keyterm.fact_recall"]["value"], 1.0);
  const auto& asr_all = results["solutions"][1]["breakdowns"][0]["cells"][0]["metrics"];
  EXPECT_GT(asr_all["wer.citizen"]["value"].get<double>(), 0.0);
  EXPECT_GT(asr_all["keyterm.miss_rate"]["value"].get<double>(), 0.0);
  ASSERT_FALSE(results["comparisons"].empty());
  const auto& c = results["comparisons"][0];
  EXPECT_EQ(c["group"], "all");
  EXPECT_LT(c["difference"].get<double>(), 0.0);  // the reference beats the simulator
  EXPECT_LT(c["p_paired_bootstrap"].get<double>(), 0.05);
  EXPECT_NE(c["verdict"].get<std::string>().find("statistically significant"), std::string::npos);
}

// --- drafted notes (summarisation) ------------------------------------------------------------------

const char* kDraftingSolutions = R"({"id": "good", "name": "Good", "transcription": {"kind": "reference"},
   "summarisation": {"kind": "simulated", "profile": "good", "seed": 1}},
  {"id": "drops", "transcription": {"kind": "reference"},
   "summarisation": {"kind": "simulated", "profile": "drops-agreements", "seed": 2}},
  {"id": "invents", "transcription": {"kind": "reference"},
   "summarisation": {"kind": "simulated", "profile": "invents-facts", "seed": 3}})";

const nlohmann::json& solution_of(const nlohmann::json& results, const std::string& id) {
  for (const auto& s : results["solutions"])
    if (s["id"] == id) return s;
  throw std::runtime_error("no solution " + id);
}

double summary_metric(const nlohmann::json& results, const std::string& id, const std::string& metric) {
  return solution_of(results, id)["summary"]["breakdowns"][0]["cells"][0]["metrics"][metric]["value"].get<double>();
}

TEST_F(Cli, DraftedNotesRankSimulatedSolutionsAndNameTheWrongFacts) {
  write("s.json", scenario_with(kDraftingSolutions, 40));
  const auto r = run({"run", "s.json", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto listing = nlohmann::json::parse(run({"runs", "--json"}).out);
  EXPECT_EQ(listing[0]["items_planned"], 40 * 2 * 3);  // a transcription and a note per solution and conversation
  const auto report = run({"report", "1", "--format", "json", "--per-item", "--out", "-"});
  const auto results = nlohmann::json::parse(report.out);

  // Dropped agreements lower key-fact recall; invented dates and amounts raise critical errors.
  EXPECT_GT(summary_metric(results, "good", "summary.key_fact_recall"),
            summary_metric(results, "drops", "summary.key_fact_recall") + 0.1);
  EXPECT_GT(summary_metric(results, "good", "summary.key_fact_recall.agreement"),
            summary_metric(results, "drops", "summary.key_fact_recall.agreement") + 0.2);
  EXPECT_GT(summary_metric(results, "invents", "summary.critical_errors_per_note"),
            summary_metric(results, "good", "summary.critical_errors_per_note") + 0.5);
  EXPECT_GT(summary_metric(results, "invents", "summary.unsupported_rate"),
            summary_metric(results, "good", "summary.unsupported_rate"));
  EXPECT_GT(summary_metric(results, "good", "summary.rougeL"), summary_metric(results, "drops", "summary.rougeL"));

  // Each wrong fact is named on its note; missed agreements are named on the other solution's notes.
  int named_wrong = 0, named_missed_agreements = 0;
  for (const auto& item : solution_of(results, "invents")["summary"]["per_item"])
    for (const auto& w : item["wrong_facts"]) {
      const auto text = w.get<std::string>();
      if (text.rfind("date:", 0) == 0 || text.rfind("amount:", 0) == 0 || text.rfind("time:", 0) == 0) ++named_wrong;
    }
  for (const auto& item : solution_of(results, "drops")["summary"]["per_item"])
    for (const auto& m : item["missed_facts"]) named_missed_agreements += m.get<std::string>().rfind("agreement", 0) == 0;
  EXPECT_GE(named_wrong, 10);
  EXPECT_GE(named_missed_agreements, 5);

  // Without --per-item the results name no facts; the HTML shows the section but no note text.
  const auto plain = run({"report", "1", "--format", "json", "--out", "-"});
  EXPECT_EQ(plain.out.find("wrong_facts"), std::string::npos);
  const std::string html = read_file(dir_ / "pilotbench-reports/run-1/report.html");
  EXPECT_NE(html.find("Drafted notes"), std::string::npos);
  std::filesystem::path dataset;
  for (const auto& e : std::filesystem::directory_iterator(dir_ / ".pilotbench-cache/datasets")) dataset = e.path();
  const auto manifest = read_file(dataset / "manifest.jsonl");
  const auto first = nlohmann::json::parse(manifest.substr(0, manifest.find('\n')));
  for (const auto& section : first["reference_note"]["sections"]) {
    const auto text = section["text"].get<std::string>();
    if (text.size() > 30) {
      EXPECT_EQ(html.find(text.substr(0, 30)), std::string::npos) << text;
    }
  }
}

TEST_F(Cli, ChainedNotesSurviveSigkillAndResume) {
  const std::string solutions = R"({"id": "slow", "transcription": {"kind": "fault", "mode": "slow", "delay_ms": 60,
      "isolate": false, "inner": {"kind": "simulated-asr", "seed": 9}},
     "summarisation": {"kind": "simulated", "profile": "good", "source": "transcription"}},
    {"id": "asr", "transcription": {"kind": "fault", "mode": "throw", "every": 4, "isolate": false,
                                    "inner": {"kind": "simulated-asr", "seed": 2}},
     "summarisation": {"kind": "simulated", "profile": "invents-facts", "source": "transcription"}})";
  write("s.json", scenario_with(solutions, 20));
  ASSERT_EQ(run({"run", "s.json", "--db", "clean.db", "-q", "--no-report"}).exit_code, 0);
  const auto clean = run({"report", "1", "--db", "clean.db", "--format", "json", "--per-item", "--out", "-"});
  const auto clean_results = nlohmann::json::parse(clean.out);
  // A failed transcription fails the note drafted from it, with the reason. ("throw" rather than "crash": a forked
  // child of the multithreaded runner can deadlock on ASan's allocator lock, see adapters/isolated_adapter.h.)
  int failed_notes = 0;
  for (const auto& item : solution_of(clean_results, "asr")["summary"]["per_item"])
    if (item["status"] == "failed") {
      ++failed_notes;
      EXPECT_NE(item["error"].get<std::string>().find("transcription of this conversation failed"), std::string::npos);
    }
  int failed_transcriptions = 0;
  for (const auto& item : solution_of(clean_results, "asr")["per_item"]) failed_transcriptions += item["status"] == "failed";
  EXPECT_GT(failed_transcriptions, 0);
  EXPECT_EQ(failed_notes, failed_transcriptions);

  const pid_t pid = spawn({"run", "s.json", "--db", "killed.db", "-q", "--no-report", "--jobs", "2"});
  wait_for_items("killed.db", 3);
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const auto resumed = run({"run", "--resume", "1", "--db", "killed.db", "-q", "--no-report"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  const auto after = nlohmann::json::parse(run({"runs", "--db", "killed.db", "--json"}).out);
  EXPECT_EQ(after[0]["items_done"], 80);
  EXPECT_EQ(run({"report", "1", "--db", "killed.db", "--format", "json", "--per-item", "--out", "-"}).out, clean.out);
}

TEST_F(Cli, SummarisationConfigProblemsAreNamed) {
  write("s.json", scenario_with(R"({"id": "a", "transcription": {"kind": "reference"},
  "summarisation": {"kind": "simulated", "profile": "perfect", "source": "audio", "retries": 2}},
  {"id": "b", "transcription": {"kind": "reference"}, "summarisation": {"kind": "summon"}})",
                                24, R"(, "target_picture": [{"metric": "summary.recall", "min": 0.9}])"));
  const auto r = run({"validate", "s.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("solutions[0].summarisation.source: expected \"reference\" or \"transcription\""), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("target_picture[0].metric"), std::string::npos) << r.err;
  write("s.json", scenario_with(R"({"id": "a", "transcription": {"kind": "reference"},
  "summarisation": {"kind": "simulated", "profile": "perfect", "retries": 2}},
  {"id": "b", "transcription": {"kind": "reference"}, "summarisation": {"kind": "summon"}})"));
  const auto adapters = run({"validate", "s.json"});
  EXPECT_EQ(adapters.exit_code, 2);
  EXPECT_NE(adapters.err.find("solutions[0].summarisation.profile"), std::string::npos) << adapters.err;
  EXPECT_NE(adapters.err.find("solutions[0].summarisation.retries: not supported"), std::string::npos) << adapters.err;
  EXPECT_NE(adapters.err.find("solutions[1].summarisation.kind: unknown adapter kind 'summon'"), std::string::npos)
      << adapters.err;
}

TEST_F(Cli, ScoreSummaryFlagsTheIssueExamplesOnFiles) {
  write("source.txt",
        "SB: Vores næste samtale bliver den fjortende marts klokken ti.\n"
        "SB: Du skal søge mindst to stillinger om ugen og skrive dem i din joblog.\n");
  write("draft.md",
        "**Aftaler:** Du skal ikke søge mindst to stillinger om ugen og skrive dem i din joblog.\n"
        "**Næste skridt:** Næste samtale 15. marts kl. 10.00.\n");
  const auto r = run({"score", "summary", "--hyp", "draft.md", "--source", "source.txt", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto result = nlohmann::json::parse(r.out);
  const auto& faith = result["faithfulness"];
  bool wrong_date = false;
  for (const auto& atom : faith["atoms"])
    if (atom["type"] == "date" && atom["canonical"] == "03-15") {
      wrong_date = !atom["supported"].get<bool>() && atom["closest_in_source"] == "03-14";
    }
  EXPECT_TRUE(wrong_date) << faith.dump(2);
  ASSERT_EQ(faith["negation_flips"].size(), 1u) << faith.dump(2);
  EXPECT_EQ(faith["negation_flips"][0]["negated_in"], "draft");
  EXPECT_GE(faith["critical_errors"].get<int>(), 2);  // the date and the flipped obligation
  EXPECT_EQ(result["structure"]["passes"], false);    // Formål, Borgerens situation and Jobmål are missing
  const auto text = run({"score", "summary", "--hyp", "draft.md", "--source", "source.txt"});
  EXPECT_NE(text.out.find("unsupported date"), std::string::npos) << text.out;
}

TEST_F(Cli, ScoreSummaryRougeMatchesRougeScoreOnFilesAndFolders) {
  // rouge-score's own example: target "testing one two", prediction "testing": P = 1, R = 1/3, F = 0.5.
  write("ref/a.txt", "testing one two");
  write("hyp/a.txt", "testing");
  write("ref/b.txt", "The quick brown fox jumps.\nOver the lazy dog.");
  write("hyp/b.txt", "The quick fox.\nThe lazy dog jumps.");
  const auto one = run({"score", "summary", "--ref", "ref/a.txt", "--hyp", "hyp/a.txt", "--json"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const auto r1 = nlohmann::json::parse(one.out)["overlap"]["rouge1"];
  EXPECT_DOUBLE_EQ(r1["precision"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(r1["recall"].get<double>(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(r1["fmeasure"].get<double>(), 0.5);
  const auto folders = run({"score", "summary", "--ref", "ref", "--hyp", "hyp", "--json"});
  ASSERT_EQ(folders.exit_code, 0) << folders.err;
  const auto all = nlohmann::json::parse(folders.out);
  ASSERT_EQ(all["documents"].size(), 2u);
  // b: target tokens the quick brown fox jumps over the lazy dog (9), prediction the quick fox the lazy dog jumps (7);
  // clipped unigram overlap: the×2, quick, fox, lazy, dog, jumps = 7 → P = 7/7, R = 7/9.
  EXPECT_DOUBLE_EQ(all["documents"][1]["overlap"]["rouge1"]["recall"].get<double>(), 7.0 / 9);
  EXPECT_DOUBLE_EQ(all["mean"]["rouge1"]["recall"].get<double>(), (1.0 / 3 + 7.0 / 9) / 2);
  write("hyp/c.txt", "orphan");
  const auto orphan = run({"score", "summary", "--ref", "ref", "--hyp", "hyp"});
  EXPECT_EQ(orphan.exit_code, 2);
  EXPECT_NE(orphan.err.find("no reference file named c"), std::string::npos) << orphan.err;
  EXPECT_EQ(run({"score", "summary", "--hyp", "hyp/a.txt"}).exit_code, 2);  // nothing to compare with
}

TEST_F(Cli, JudgeScoresNotesFromCacheOnRerunAndAgreementWithHumansIsReported) {
  if (::access("/usr/bin/python3", X_OK) != 0) GTEST_SKIP() << "needs /usr/bin/python3 for the fake chat server";
  const std::string server = std::string(PILOTBENCH_SOURCE_DIR) + "/tests/harness/data/fake_chat_server.py";
  const pid_t server_pid = spawn({"--version"});  // placeholder to keep numbering simple
  finish(server_pid);
  const pid_t chat = ::fork();
  if (chat == 0) {
    ::execl("/usr/bin/python3", "python3", server.c_str(), (dir_ / "port").c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 200 && !std::filesystem::exists(dir_ / "port"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(std::filesystem::exists(dir_ / "port"));
  const std::string port = read_file(dir_ / "port");
  std::string ratings = "conversation_id;solution_id;rater;criterion;score\n";
  for (int c = 1; c <= 8; ++c)
    for (const char* rater : {"r1", "r2"})
      ratings += "conv-000" + std::to_string(c) + ";good;" + rater + ";accurate;" + std::to_string(1 + (c * (rater[1] - '0')) % 5) + "\n";
  write("ratings.csv", ratings);
  write("s.json", scenario_with(R"({"id": "good", "transcription": {"kind": "reference"},
     "summarisation": {"kind": "simulated", "profile": "good"}})",
                                8,
                                R"(, "judge": {"kind": "openai-http", "base_url": "http://127.0.0.1:)" + port +
                                    R"(", "model": "fake-judge", "cache_dir": "judge-cache"},
        "target_picture": [{"metric": "judge.claim_support", "min": 0.1}])"));
  // human_ratings sits under metrics.summary; scenario_with already wrote "metrics", so patch it in.
  auto scenario = nlohmann::json::parse(read_file(dir_ / "s.json"));
  scenario["metrics"]["summary"]["human_ratings"] = "ratings.csv";
  write("s.json", scenario.dump());
  const auto first = run({"run", "s.json", "--db", "one.db", "-q"});
  const auto after_first = read_file(dir_ / "port.count").size();
  const auto second = run({"run", "s.json", "--db", "two.db", "-q"});
  const auto after_second = read_file(dir_ / "port.count").size();
  ::kill(chat, SIGTERM);
  ::waitpid(chat, nullptr, 0);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(after_first, 8u);             // one judgement per note
  EXPECT_EQ(after_second, after_first);  // the rerun is served from the cache
  const auto one = run({"report", "1", "--db", "one.db", "--format", "json", "--out", "-"}).out;
  EXPECT_EQ(run({"report", "1", "--db", "two.db", "--format", "json", "--out", "-"}).out, one);
  const auto results = nlohmann::json::parse(one);
  const auto& metrics = solution_of(results, "good")["summary"]["breakdowns"][0]["cells"][0]["metrics"];
  for (const char* name : {"judge.accurate", "judge.mean_score", "judge.claim_support"}) EXPECT_TRUE(metrics.contains(name)) << name;
  const double accurate = metrics["judge.accurate"]["value"].get<double>();
  EXPECT_GE(accurate, 1.0);
  EXPECT_LE(accurate, 5.0);
  ASSERT_EQ(results["judge_agreement"].size(), 1u);
  EXPECT_EQ(results["judge_agreement"][0]["criterion"], "accurate");
  EXPECT_EQ(results["judge_agreement"][0]["items"], 8);
  EXPECT_EQ(results["judge_agreement"][0]["raters"], 2);
  EXPECT_TRUE(results["judge_agreement"][0]["alpha_ordinal_humans"].is_number());
}

}  // namespace
}  // namespace pb

namespace pb {
namespace {

// CPR numbers planted in ids, transcripts, notes, attributes and the scenario's own text never reach any file
// pilotbench writes or anything it prints.
TEST_F(Cli, PlantedCprNumbersAppearInNoOutput) {
  ASSERT_EQ(run({"synth", "conversations", "--n", "14", "--seed", "3", "--out", "data"}).exit_code, 0);
  std::string manifest = read_file(dir_ / "data" / "manifest.jsonl");
  std::string planted;
  std::size_t start = 0;
  int line = 0;
  while (start < manifest.size()) {
    const auto end = manifest.find('\n', start);
    auto conversation = nlohmann::json::parse(manifest.substr(start, end - start));
    if (line == 0) conversation["id"] = "120385-4321";  // ids allow digits and hyphens
    conversation["attributes"]["kommune"] = line % 2 == 0 ? "0101901234" : "280267-1113";
    conversation["segments"][0]["text"] = "mit cpr-nummer er 131275-0987 " + conversation["segments"][0]["text"].get<std::string>();
    conversation["reference_note"]["sections"][0]["text"] = "CPR 131275-0987. " +
        conversation["reference_note"]["sections"][0]["text"].get<std::string>();
    planted += conversation.dump() + "\n";
    start = end + 1;
    ++line;
  }
  write("data/manifest.jsonl", planted);
  write("s.json", R"({"name": "CPR 010203-0405 scenario", "description": "borger 111111-1118", "seed": 2,
    "dataset": {"path": "data"},
    "solutions": [{"id": "a", "name": "Løsning 020304-0506",
                   "transcription": {"kind": "simulated-asr", "seed": 1},
                   "summarisation": {"kind": "simulated", "profile": "invents-facts", "seed": 4, "source": "transcription"}},
                  {"id": "b", "transcription": {"kind": "reference"}}],
    "group_by": ["attributes.kommune", "target_group"],
    "metrics": {"bootstrap": {"replicates": 100}}, "privacy": {"min_cell_size": 2},
    "target_picture": [{"metric": "wer", "max": 0.01, "group_by": "attributes.kommune"}]})");
  std::string printed;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"run", "s.json"},
           {"report", "1", "--format", "json", "--per-item", "--out", "per-item.json"},
           {"report", "1", "--format", "html", "--per-item", "--out", "per-item.html"},
           {"report", "1", "--format", "junit", "--out", "junit.xml"},
           {"runs", "--json"},
           {"validate", "s.json"}}) {
    const auto r = run(args);
    EXPECT_LE(r.exit_code, 1) << r.err;
    printed += r.out + r.err;
  }
  const std::regex cpr(R"((^|[^0-9])[0-3][0-9][01][0-9][0-9]{2}-?[0-9]{4}([^0-9]|$))");
  EXPECT_FALSE(std::regex_search(printed, cpr)) << printed;
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_)) {
    if (!entry.is_regular_file()) continue;
    const auto name = entry.path().filename().string();
    if (name.rfind("stdout-", 0) == 0 || name.rfind("stderr-", 0) == 0 || name == "s.json" ||
        entry.path().parent_path().filename() == "data" || name.find(".db") != std::string::npos ||
        entry.path().string().find(".pilotbench-cache") != std::string::npos)
      continue;  // our own input and the database (which holds the data, privately)
    ++files;
    EXPECT_FALSE(std::regex_search(read_file(entry.path()), cpr)) << entry.path();
  }
  EXPECT_GE(files, 5);
}

}  // namespace
}  // namespace pb
