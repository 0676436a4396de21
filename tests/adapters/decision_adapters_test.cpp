// Decision-support adapters: the shared checks of adapters/decision.h (blinding, validation, the stored JSON), and
// the four kinds — "recorded" (CSV/JSONL files), "command" (the example program and misbehaving programs),
// "openai-http" (against a loopback server) and "logistic" (the built-in baseline on the synthetic case study).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>

#include <nlohmann/json.hpp>

#include "adapters/command_decider.h"
#include "adapters/decision.h"
#include "adapters/decision_registry.h"
#include "adapters/logistic_decider.h"
#include "adapters/openai_decider.h"
#include "adapters/recorded_decider.h"
#include "adapters/registry.h"
#include "core/hash.h"
#include "metrics/risk_scores.h"
#include "scenarios/synth_cases.h"
#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/loopback_http_server.h"

namespace pb {
namespace {

using nlohmann::json;
using test::HttpAnswer;
using test::HttpExchange;
using test::LoopbackHttpServer;
using test::ScratchDir;

const std::string kPython = "/usr/bin/python3";
const std::string kEchoDecider = std::string(PILOTBENCH_SOURCE_DIR) + "/examples/adapters/echo_decider.py";
const std::vector<std::string> kInterventions = {"ingen", "vejledning", "virksomhedspraktik", "løntilskud",
                                                 "opkvalificering"};

AdapterSpec spec_of(std::string kind, json config, const std::string& base_dir) {
  config["kind"] = kind;
  return AdapterSpec{std::move(kind), std::move(config), "solutions[0].decision", "scenario.json", base_dir};
}

std::string all_problems(const ProblemList& problems) {
  std::string text;
  for (const Problem& problem : problems.items()) text += problem.to_string() + "\n";
  return text;
}

bool has_problem(const ProblemList& problems, const std::string& fragment) {
  for (const Problem& problem : problems.items())
    if (problem.to_string().find(fragment) != std::string::npos) return true;
  return false;
}

bool contains(const std::string& text, const std::string& fragment) { return text.find(fragment) != std::string::npos; }

CaseRecord full_case(std::string id = "c-1") {
  CaseRecord c;
  c.id = std::move(id);
  c.source = "cases.csv:2";
  c.split = "test";
  c.target_group = "jobparate";
  c.attributes = {{"gender", "kvinde"}, {"danish", "second-language"}};
  c.features = {{"months_unemployed", 12.0}, {"age", 41.0}};
  c.intervention = "løntilskud";
  c.propensity = 0.25;
  c.outcome_weeks_to_self_support = 30.0;
  c.censored = true;
  c.outcome_in_job_26w = 1;
  c.caseworker_choice = "vejledning";
  c.risk_label = 1;
  return c;
}

// ---------------------------------------------------------------------------------------------------------------
// blind_case, validate_decision, the stored JSON

TEST(BlindCase, KeepsWhatThePilotMaySeeAndClearsTheRest) {
  const CaseRecord original = full_case();
  const CaseRecord blinded = blind_case(original);
  EXPECT_EQ(blinded.id, "c-1");
  EXPECT_EQ(blinded.source, "cases.csv:2");
  EXPECT_EQ(blinded.split, "test");
  EXPECT_EQ(blinded.target_group, "jobparate");
  EXPECT_EQ(blinded.attributes, original.attributes);
  EXPECT_EQ(blinded.features, original.features);
  EXPECT_EQ(blinded.intervention, "");
  EXPECT_FALSE(blinded.propensity);
  EXPECT_FALSE(blinded.outcome_weeks_to_self_support);
  EXPECT_FALSE(blinded.censored);
  EXPECT_FALSE(blinded.outcome_in_job_26w);
  EXPECT_FALSE(blinded.caseworker_choice);
  EXPECT_FALSE(blinded.risk_label);
  EXPECT_EQ(blind_case(blinded), blinded) << "blinding twice changes nothing";
}

TEST(ValidateDecision, AcceptsEveryPartAtItsLimits) {
  const Decision full{0.0, "løntilskud", -3.5, "Æ"};
  auto result = validate_decision(full, kInterventions);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value(), full);
  EXPECT_TRUE(validate_decision(Decision{1.0, {}, {}, {}}, kInterventions).ok());
  EXPECT_TRUE(validate_decision(Decision{{}, {}, 0.0, {}}, kInterventions).ok());
  // 32 × "æ" is 64 bytes (2 each): the longest segment allowed.
  std::string segment;
  for (int i = 0; i < 32; ++i) segment += "æ";
  EXPECT_TRUE(validate_decision(Decision{{}, {}, {}, segment}, kInterventions).ok());
  EXPECT_FALSE(validate_decision(Decision{{}, {}, {}, segment + "a"}, kInterventions).ok());
}

TEST(ValidateDecision, NamesTheFirstProblem) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  auto error = [](Decision d) {
    auto result = validate_decision(std::move(d), {"ingen", "vejledning"});
    EXPECT_FALSE(result.ok());
    return result.ok() ? std::string() : result.error();
  };
  EXPECT_TRUE(contains(error(Decision{}), "the decision is empty"));
  EXPECT_TRUE(contains(error(Decision{nan, {}, {}, {}}), "risk_score NaN is not a probability in [0, 1]"));
  EXPECT_TRUE(contains(error(Decision{-0.01, {}, {}, {}}), "risk_score -0.01 is not a probability"));
  EXPECT_TRUE(contains(error(Decision{1.5, {}, {}, {}}), "risk_score 1.5 is not a probability"));
  EXPECT_TRUE(contains(error(Decision{inf, {}, {}, {}}), "risk_score inf"));
  EXPECT_EQ(error(Decision{{}, "kursus", {}, {}}), "recommendation \"kursus\" is not one of: ingen, vejledning");
  EXPECT_TRUE(contains(error(Decision{{}, "Vejledning", {}, {}}), "is not one of")) << "names are case-sensitive";
  EXPECT_TRUE(contains(error(Decision{{}, {}, nan, {}}), "recommendation_score NaN is not a finite number"));
  EXPECT_TRUE(contains(error(Decision{{}, {}, -inf, {}}), "recommendation_score -inf"));
  EXPECT_EQ(error(Decision{{}, {}, {}, ""}), "segment is empty");
  EXPECT_EQ(error(Decision{{}, std::string("vejl\xFF"), {}, {}}), "recommendation is not valid UTF-8");
  EXPECT_EQ(error(Decision{{}, {}, {}, std::string("\xC3")}), "segment is not valid UTF-8");
  // The first problem wins: the risk score is checked before the recommendation.
  EXPECT_TRUE(contains(error(Decision{2.0, "kursus", {}, {}}), "risk_score 2"));
}

TEST(ValidateDecision, DecomposedLettersAreNormalisedToTheDatasetsNfc) {
  // "små" with a combining ring (a + U+030A) is the same word as the NFC "små" the dataset holds.
  const std::string decomposed = "sma\xCC\x8Ajob";
  auto result = validate_decision(Decision{{}, decomposed, {}, "gruppe \xC3\xA5"}, {"ingen", "småjob"});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(*result.value().recommendation, "småjob");
  EXPECT_EQ(*result.value().segment, "gruppe å");
}

TEST(DecisionJson, IsSortedCompactAndRoundTrips) {
  const Decision full{0.1, "løntilskud", -0.05, "B"};
  EXPECT_EQ(decision_to_json(full),
            R"({"recommendation":"løntilskud","recommendation_score":-0.05,"risk_score":0.1,"segment":"B"})");
  EXPECT_EQ(decision_to_json(Decision{}), "{}");
  EXPECT_EQ(decision_to_json(Decision{{}, {}, {}, "æøå"}), R"({"segment":"æøå"})");
  // 0.1 + 0.2 = 0.30000000000000004: the shortest text that reads back to the same double needs 17 digits.
  const Decision awkward{0.1 + 0.2, {}, 1e-7, {}};
  EXPECT_EQ(decision_to_json(awkward), R"({"recommendation_score":1e-07,"risk_score":0.30000000000000004})");
  for (const Decision& d : {full, awkward, Decision{}, Decision{{}, "ingen", {}, {}}}) {
    auto back = decision_from_json(decision_to_json(d));
    ASSERT_TRUE(back.ok()) << back.error();
    EXPECT_EQ(back.value(), d);
  }
}

TEST(DecisionJson, RejectsWhatItWouldNotWrite) {
  for (const char* text : {"", "nonsense", "[]", "0.5", R"({"risk_score":"0.3"})", R"({"risk_score":null})",
                           R"({"recommendation":5})", R"({"segment":["A"]})", R"({"risk":0.3})",
                           R"({"risk_score":0.3,"extra":true})", R"({"risk_score":0.3)"}) {
    EXPECT_FALSE(decision_from_json(text).ok()) << text;
  }
  EXPECT_TRUE(contains(decision_from_json(R"({"risk":0.3})").error(), "unknown key \"risk\""));
  EXPECT_TRUE(contains(decision_from_json("[]").error(), "not a JSON object"));
}

// ---------------------------------------------------------------------------------------------------------------
// "recorded"

DecisionRequest request_for(const CaseRecord& c, const std::vector<std::string>& interventions = kInterventions) {
  return DecisionRequest{c, interventions, "/data"};
}

class RecordedDeciderTest : public ::testing::Test {
 protected:
  DecisionAdapterPtr make(const std::string& name, const std::string& content, ProblemList& problems) {
    std::ofstream(dir_.path() / name, std::ios::binary) << content;
    return make_recorded_decider(spec_of("recorded", {{"path", name}}, dir_.path().string()), problems);
  }
  ScratchDir dir_;
};

TEST_F(RecordedDeciderTest, CsvWithSemicolonsAndDecimalCommasIsRead) {
  ProblemList problems;
  auto adapter = make("decisions.csv",
                      "Case_ID;risk_score;recommendation;recommendation_score;segment;x_note\n"
                      "c-1;0,25;løntilskud;-0,5;Æ;mine\n"
                      "c-2;;;;B;\n"
                      "\"c-3\";1;ingen;;;\n"
                      "c-4;2.5e-05;;-1.2E-3;;\n",  // programs print small numbers with an exponent
                      problems);
  ASSERT_TRUE(adapter) << all_problems(problems);
  const CaseRecord c1 = blind_case(full_case("c-1"));
  auto first = adapter->decide(request_for(c1));
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first.value(), (Decision{0.25, "løntilskud", -0.5, "Æ"}));
  EXPECT_EQ(adapter->decide(request_for(blind_case(full_case("c-2")))).value(), (Decision{{}, {}, {}, "B"}));
  EXPECT_EQ(adapter->decide(request_for(blind_case(full_case("c-3")))).value(), (Decision{1.0, "ingen", {}, {}}));
  EXPECT_EQ(adapter->decide(request_for(blind_case(full_case("c-4")))).value(), (Decision{2.5e-05, {}, -1.2e-3, {}}));
  const auto missing = adapter->decide(request_for(blind_case(full_case("c-9"))));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error(), "no recorded decision for case c-9");
  // A recommendation this run does not offer fails at decide time, with the interventions named.
  const auto not_offered = adapter->decide(request_for(c1, {"ingen", "vejledning"}));
  ASSERT_FALSE(not_offered.ok());
  EXPECT_EQ(not_offered.error(), "recommendation \"løntilskud\" is not one of: ingen, vejledning");
  auto trained = adapter->train({}, kInterventions);
  ASSERT_TRUE(trained.ok());
  EXPECT_EQ(trained.value().training_cases, 0u);
}

TEST_F(RecordedDeciderTest, BadCsvRowsAreReportedWithFileLineAndField) {
  ProblemList problems;
  auto adapter = make("bad.csv",
                      "case_id,risk_score,recommendation,recommendation_score,segment\n"
                      "c-1,0.5,ingen,,\n"
                      "c-2,1.5,,,\n"        // line 3: risk outside [0, 1]
                      "c-3,abc,,,\n"        // line 4: not a number
                      "c-1,0.1,,,\n"        // line 5: duplicate of line 2
                      ",0.2,,,\n"           // line 6: no case id
                      "c-4,,,,\n"           // line 7: nothing decided
                      "c-5,0.2,,0x1p3,\n",  // line 8: not a decimal number
                      problems);
  EXPECT_FALSE(adapter);
  const std::string file = (dir_.path() / "bad.csv").string();
  EXPECT_TRUE(has_problem(problems, file + ":3: risk_score: expected a probability in [0, 1], got 1.5"))
      << all_problems(problems);
  EXPECT_TRUE(has_problem(problems, file + ":4: risk_score: expected a number (decimal point), got \"abc\""));
  EXPECT_TRUE(has_problem(problems, file + ":5: case_id: expected each case once, but \"c-1\" is also on line 2"));
  EXPECT_TRUE(has_problem(problems, file + ":6: case_id: expected a case id"));
  EXPECT_TRUE(has_problem(problems, file + ":7: expected at least one of risk_score"));
  EXPECT_TRUE(has_problem(problems, file + ":8: recommendation_score: expected a number"));
  EXPECT_EQ(problems.size(), 6u) << all_problems(problems);
}

TEST_F(RecordedDeciderTest, CsvWithoutCaseIdColumnOrWithUnknownColumnIsRejected) {
  ProblemList problems;
  EXPECT_FALSE(make("a.csv", "id,risk_score\nc-1,0.2\n", problems));
  EXPECT_TRUE(has_problem(problems, "case_id")) << all_problems(problems);
  ProblemList empty;
  EXPECT_FALSE(make("b.csv", "", empty));
  EXPECT_FALSE(empty.empty());
}

TEST_F(RecordedDeciderTest, JsonlIsReadAndBadLinesAreReported) {
  ProblemList problems;
  auto adapter = make("d.jsonl",
                      "{\"case_id\": \"c-1\", \"risk_score\": 0.3, \"recommendation\": \"vejledning\", "
                      "\"recommendation_score\": 0.04, \"segment\": \"A\", \"x_model\": \"v2\"}\n"
                      "\n"
                      "{\"case_id\": \"c-2\", \"risk_score\": null, \"segment\": \"øst\"}\n",
                      problems);
  ASSERT_TRUE(adapter) << all_problems(problems);
  EXPECT_EQ(adapter->decide(request_for(blind_case(full_case("c-1")))).value(),
            (Decision{0.3, "vejledning", 0.04, "A"}));
  EXPECT_EQ(adapter->decide(request_for(blind_case(full_case("c-2")))).value(), (Decision{{}, {}, {}, "øst"}));

  ProblemList bad;
  EXPECT_FALSE(make("bad.jsonl",
                    "{\"case_id\": \"c-1\", \"risk_score\": 0.3}\n"
                    "not json\n"
                    "[1, 2]\n"
                    "{\"case_id\": \"c-2\", \"risk_score\": \"high\"}\n"
                    "{\"case_id\": \"c-3\", \"risk\": 0.1, \"segment\": \"A\"}\n"
                    "{\"risk_score\": 0.1}\n"
                    "{\"case_id\": \"c-1\", \"segment\": \"B\"}\n"
                    "{\"case_id\": \"c-4\", \"risk_score\": -1}\n",
                    bad));
  const std::string file = (dir_.path() / "bad.jsonl").string();
  EXPECT_TRUE(has_problem(bad, file + ":2: expected one JSON object per line")) << all_problems(bad);
  EXPECT_TRUE(has_problem(bad, file + ":3: expected a JSON object, got"));
  EXPECT_TRUE(has_problem(bad, file + ":4: risk_score: expected a number, got"));
  EXPECT_TRUE(has_problem(bad, file + ":5: risk: unknown key"));
  EXPECT_TRUE(has_problem(bad, file + ":6: case_id: expected a case id"));
  EXPECT_TRUE(has_problem(bad, file + ":7: case_id: expected each case once, but \"c-1\" is also on line 1"));
  EXPECT_TRUE(has_problem(bad, file + ":8: risk_score: expected a probability in [0, 1], got -1"));
  EXPECT_FALSE(has_problem(bad, "got -1.0")) << "numbers in their shortest form";
  EXPECT_EQ(bad.size(), 7u) << all_problems(bad);
}

TEST_F(RecordedDeciderTest, VersionFollowsTheFileContent) {
  ProblemList problems;
  const std::string content = "case_id,risk_score\nc-1,0.2\n";
  auto first = make("d.csv", content, problems);
  ASSERT_TRUE(first) << all_problems(problems);
  EXPECT_EQ(first->id(), (ComponentId{"recorded", "1;sha256=" + sha256_hex(content).substr(0, 12)}));
  auto second = make("d.csv", "case_id,risk_score\nc-1,0.3\n", problems);
  ASSERT_TRUE(second);
  EXPECT_NE(first->id().version, second->id().version);
}

TEST_F(RecordedDeciderTest, ReadsTheSimulatedVendorFileOfTheSyntheticCaseStudy) {
  CaseStudyOptions options;
  options.n = 400;
  options.bias_strength = 0.6;
  const CaseStudy study = generate_case_study(options);
  write_case_study(study, dir_.path() / "cases");
  ProblemList problems;
  auto adapter =
      make_recorded_decider(spec_of("recorded", {{"path", "cases/recorded_decisions.csv"}}, dir_.path().string()),
                            problems);
  ASSERT_TRUE(adapter) << all_problems(problems);
  for (std::size_t i = 0; i < study.dataset.cases.size(); ++i) {
    const CaseRecord blinded = blind_case(study.dataset.cases[i]);
    auto decision = adapter->decide(DecisionRequest{blinded, study.truth.interventions, "."});
    ASSERT_TRUE(decision.ok()) << decision.error();
    EXPECT_EQ(decision.value().recommendation, study.truth.cases[i].rule_recommendation);
    EXPECT_EQ(decision.value().risk_score, study.truth.cases[i].risk_score);
  }
}

TEST_F(RecordedDeciderTest, ConfigProblemsAreNamed) {
  ProblemList problems;
  EXPECT_FALSE(make_recorded_decider(spec_of("recorded", json::object(), dir_.path().string()), problems));
  EXPECT_TRUE(has_problem(problems, "solutions[0].decision.path: required")) << all_problems(problems);
  ProblemList wrong_type;
  std::ofstream(dir_.path() / "d.txt") << "x";
  EXPECT_FALSE(make_recorded_decider(spec_of("recorded", {{"path", "d.txt"}}, dir_.path().string()), wrong_type));
  EXPECT_TRUE(has_problem(wrong_type, "expected a .csv or .jsonl file")) << all_problems(wrong_type);
  ProblemList missing;
  EXPECT_FALSE(make_recorded_decider(spec_of("recorded", {{"path", "nope.csv"}}, dir_.path().string()), missing));
  EXPECT_TRUE(has_problem(missing, "file not found")) << all_problems(missing);
  ProblemList wrapper;
  EXPECT_FALSE(make_recorded_decider(
      spec_of("recorded", {{"path", "d.csv"}, {"cache_dir", "c"}, {"typo", 1}}, dir_.path().string()), wrapper));
  EXPECT_TRUE(has_problem(wrapper, "solutions[0].decision.cache_dir: not supported by decision adapters"))
      << all_problems(wrapper);
  EXPECT_TRUE(has_problem(wrapper, "solutions[0].decision.typo")) << all_problems(wrapper);
}

// ---------------------------------------------------------------------------------------------------------------
// "command"

constexpr const char* kFakeDecider = R"PY(import json, os, sys
def send(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n"); sys.stdout.flush()
caps = ["summarisation"] if len(sys.argv) > 1 and sys.argv[1] == "notes-only" else ["decide"]
send({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": "fake-decider", "version": "0.3", "capabilities": caps})
for line in sys.stdin:
    req = json.loads(line)
    rid, cid = req["id"], req["case"]["id"]
    if cid == "echo": send({"id": rid, "error": line.strip()})
    elif cid == "ok": send({"id": rid, "ok": True, "decision": {"recommendation": "løntilskud", "segment": "Å"}})
    elif cid == "bad-rec": send({"id": rid, "decision": {"recommendation": "kursus"}})
    elif cid == "bad-risk": send({"id": rid, "decision": {"risk_score": 7}})
    elif cid == "unknown-key": send({"id": rid, "decision": {"risk": 0.2}})
    elif cid == "both": send({"id": rid, "decision": {"segment": "A"}, "error": "x"})
    elif cid == "contradiction": send({"id": rid, "ok": False, "decision": {"segment": "A"}})
    elif cid == "crash": print("out of memory in model", file=sys.stderr, flush=True); os._exit(3)
    elif cid == "garbage": print("loading weights...", flush=True)
    else: send({"id": rid, "error": "unknown case " + cid})
)PY";

class CommandDeciderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto path = dir_.path() / "fake.py";
    std::ofstream(path) << "#!" << kPython << "\n" << kFakeDecider;
    ::chmod(path.c_str(), 0755);
  }
  std::unique_ptr<CommandDecider> make(json cfg) {
    ProblemList problems;
    auto adapter = make_command_decider(spec_of("command", std::move(cfg), dir_.path().string()), problems);
    EXPECT_TRUE(problems.empty()) << all_problems(problems);
    return std::unique_ptr<CommandDecider>(static_cast<CommandDecider*>(adapter.release()));
  }
  static Outcome<Decision> run(DecisionAdapter& adapter, const std::string& id, double months = 12.0) {
    CaseRecord c = full_case(id);
    c.features["months_unemployed"] = months;
    const CaseRecord blinded = blind_case(c);
    return adapter.decide(request_for(blinded));
  }
  ScratchDir dir_;
};

TEST_F(CommandDeciderTest, ExampleProgramDecidesByItsRule) {
  if (!std::filesystem::exists(kPython)) GTEST_SKIP() << kPython << " is missing";
  auto adapter = make({{"argv", {kPython, kEchoDecider, "--fail-on", "c-refused"}}});
  ASSERT_TRUE(adapter);
  EXPECT_EQ(adapter->id(), (ComponentId{"command:echo-decider@1.0", "1"}));
  auto trained = adapter->train({}, kInterventions);
  ASSERT_TRUE(trained.ok());
  EXPECT_EQ(trained.value().training_cases, 0u);
  // 12 months: risk = 12 / (12 + 6) = 0.6667 (4 decimals) > 0.6 → segment C; 12 > 6 → vejledning, score = risk.
  auto long_term = run(*adapter, "c-1", 12.0);
  ASSERT_TRUE(long_term.ok()) << long_term.error();
  EXPECT_EQ(long_term.value(), (Decision{0.6667, "vejledning", 0.6667, "C"}));
  // 3 months: risk = 3 / 9 = 0.3333 < 0.4 → segment A; not > 6 → the first intervention, "ingen", score 0.
  EXPECT_EQ(run(*adapter, "c-2", 3.0).value(), (Decision{0.3333, "ingen", 0.0, "A"}));
  // 6 months: risk 0.5 → B; exactly 6 is not > 6.
  EXPECT_EQ(run(*adapter, "c-3", 6.0).value(), (Decision{0.5, "ingen", 0.0, "B"}));
  const auto refused = run(*adapter, "c-refused");
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(contains(refused.error(), "adapter reported an error: refusing case c-refused as asked"))
      << refused.error();
  EXPECT_TRUE(run(*adapter, "c-4").ok()) << "an error answer keeps the program";
  EXPECT_EQ(adapter->programs_started(), 1u);
}

TEST_F(CommandDeciderTest, RequestCarriesOnlyTheBlindedCaseAndTheInterventions) {
  auto adapter = make({{"argv", {"./fake.py"}}});
  ASSERT_TRUE(adapter);
  const auto echoed = run(*adapter, "echo");
  ASSERT_FALSE(echoed.ok());
  const std::string prefix = "adapter reported an error: ";
  const auto at = echoed.error().find(prefix);
  ASSERT_NE(at, std::string::npos) << echoed.error();
  const std::string line = echoed.error().substr(at + prefix.size(), echoed.error().find("\n", at) - at - prefix.size());
  const json request = json::parse(line.substr(0, line.rfind('}') + 1));
  EXPECT_EQ(request["task"], "decide");
  EXPECT_EQ(request["id"].get<std::string>().rfind("d-", 0), 0u);
  EXPECT_EQ(request["interventions"], json(kInterventions));
  EXPECT_EQ(request["case"], (json{{"id", "echo"},
                                   {"target_group", "jobparate"},
                                   {"attributes", {{"danish", "second-language"}, {"gender", "kvinde"}}},
                                   {"features", {{"age", 41.0}, {"months_unemployed", 12.0}}}}));
  EXPECT_FALSE(contains(line, "løntilskud\",\"propensity")) << "nothing of the outcome side is sent";
  EXPECT_FALSE(contains(line, "risk_label"));
  EXPECT_FALSE(contains(line, "outcome"));
}

TEST_F(CommandDeciderTest, InvalidAnswersFailTheItemAndCrashesRestartTheProgram) {
  auto adapter = make({{"argv", {"./fake.py"}}, {"timeout_s", 20}});
  ASSERT_TRUE(adapter);
  EXPECT_EQ(adapter->id(), (ComponentId{"command:fake-decider@0.3", "1"}));
  auto ok = run(*adapter, "ok");
  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_EQ(ok.value(), (Decision{{}, "løntilskud", {}, "Å"}));
  struct Case {
    const char* id;
    const char* fragment;
  };
  for (const Case& c : {Case{"bad-rec", "invalid decision: recommendation \"kursus\" is not one of: ingen,"},
                        Case{"bad-risk", "invalid decision: risk_score 7 is not a probability"},
                        Case{"unknown-key", "invalid decision: decision has an unknown key \"risk\""},
                        Case{"both", "both \"decision\" and \"error\""},
                        Case{"contradiction", "\"ok\": false but a \"decision\""}}) {
    const auto result = run(*adapter, c.id);
    ASSERT_FALSE(result.ok()) << c.id;
    EXPECT_TRUE(contains(result.error(), c.fragment)) << result.error();
  }
  EXPECT_EQ(adapter->programs_started(), 1u) << "a well-formed but invalid answer keeps the program";
  const auto crashed = run(*adapter, "crash");
  ASSERT_FALSE(crashed.ok());
  EXPECT_TRUE(contains(crashed.error(), "program exited with status 3 during the request")) << crashed.error();
  EXPECT_TRUE(contains(crashed.error(), "out of memory in model"));
  EXPECT_TRUE(run(*adapter, "ok").ok());
  EXPECT_EQ(adapter->programs_started(), 2u);
  const auto garbage = run(*adapter, "garbage");
  ASSERT_FALSE(garbage.ok());
  EXPECT_TRUE(contains(garbage.error(), "not JSON")) << garbage.error();
  EXPECT_TRUE(run(*adapter, "ok").ok());
  EXPECT_EQ(adapter->programs_started(), 3u);
}

TEST_F(CommandDeciderTest, ProgramWithoutTheCapabilityIsRejectedUpFront) {
  ProblemList problems;
  EXPECT_FALSE(
      make_command_decider(spec_of("command", {{"argv", {"./fake.py", "notes-only"}}}, dir_.path().string()), problems));
  EXPECT_TRUE(has_problem(problems, "solutions[0].decision.argv")) << all_problems(problems);
  EXPECT_TRUE(has_problem(problems, "\"decide\"")) << all_problems(problems);
  ProblemList isolate;
  EXPECT_FALSE(make_command_decider(
      spec_of("command", {{"argv", {"./fake.py"}}, {"isolate", true}}, dir_.path().string()), isolate));
  EXPECT_TRUE(has_problem(isolate, "isolate: not supported")) << all_problems(isolate);
}

TEST(DecideWire, ResponsesAreParsedStrictly) {
  const std::vector<std::string> offered = {"ingen", "vejledning"};
  EXPECT_FALSE(parse_decide_response("nonsense", offered).ok());
  EXPECT_FALSE(parse_decide_response("[]", offered).ok());
  EXPECT_FALSE(parse_decide_response(R"({"decision":{"segment":"A"}})", offered).ok()) << "no id";
  auto good = parse_decide_response(R"({"id":"d-1","decision":{"risk_score":0.2,"recommendation":"ingen"}})", offered);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good.value().id, "d-1");
  ASSERT_TRUE(good.value().result.ok()) << good.value().result.error();
  EXPECT_EQ(good.value().result.value(), (Decision{0.2, "ingen", {}, {}}));
  for (const char* line : {R"({"id":"d-1"})", R"({"id":"d-1","ok":"yes","decision":{"segment":"A"}})",
                           R"({"id":"d-1","decision":{}})", R"({"id":"d-1","decision":"A"})",
                           R"({"id":"d-1","ok":true,"error":"x"})", R"({"id":"d-1","error":""})"}) {
    auto parsed = parse_decide_response(line, offered);
    ASSERT_TRUE(parsed.ok()) << line;
    EXPECT_FALSE(parsed.value().result.ok()) << line;
  }
  EXPECT_TRUE(contains(parse_decide_response(R"({"id":"d-1","error":"no model for 120385-1234"})", offered)
                           .value()
                           .result.error(),
                       "no model for XXXXXX-XXXX"));
}

// ---------------------------------------------------------------------------------------------------------------
// "openai-http"

constexpr const char* kKeyEnv = "PB_DECISION_TEST_KEY";
constexpr const char* kKey = "sk-decision-test-0123456789";

std::string chat_reply(const std::string& content) {
  return json{{"id", "chatcmpl-1"},
              {"object", "chat.completion"},
              {"choices", json::array({{{"index", 0},
                                        {"message", {{"role", "assistant"}, {"content", content}}},
                                        {"finish_reason", "stop"}}})}}
      .dump();
}

class OpenAiDeciderTest : public ::testing::Test {
 protected:
  void SetUp() override { ::setenv(kKeyEnv, kKey, 1); }
  void TearDown() override { ::unsetenv(kKeyEnv); }
  json config(const LoopbackHttpServer& server) {
    return {{"base_url", server.base_url()}, {"model", "gpt-4o-mini"}, {"api_key_env", kKeyEnv},
            {"seed", 7},                     {"timeout_s", 20},        {"http_retries", 0}};
  }
  DecisionAdapterPtr make(const json& cfg) {
    ProblemList problems;
    auto adapter = make_openai_decider(spec_of("openai-http", cfg, dir_.path().string()), problems);
    EXPECT_TRUE(problems.empty()) << all_problems(problems);
    return adapter;
  }
  ScratchDir dir_;
};

TEST_F(OpenAiDeciderTest, SendsTheCaseWithoutAttributesAndReadsTheJson) {
  LoopbackHttpServer server([](const HttpExchange&, int) {
    return HttpAnswer{200, chat_reply(R"({"risk_score": 0.42, "recommendation": "løntilskud", "recommendation_score": 0.06})")};
  });
  auto adapter = make(config(server));
  ASSERT_TRUE(adapter);
  EXPECT_EQ(adapter->id(),
            (ComponentId{"openai-http", "1;prompt=beslutning-v1;model=gpt-4o-mini;temperature=0;seed=7;"
                                        "max_tokens=none;attributes=no"}));
  const CaseRecord c = blind_case(full_case());
  auto result = adapter->decide(request_for(c));
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value(), (Decision{0.42, "løntilskud", 0.06, {}}));

  const auto exchanges = server.exchanges();
  ASSERT_EQ(exchanges.size(), 1u);
  EXPECT_EQ(exchanges[0].path, "/v1/chat/completions");
  const json body = json::parse(exchanges[0].body);
  EXPECT_EQ(body["response_format"], (json{{"type", "json_object"}}));
  EXPECT_EQ(body["model"], "gpt-4o-mini");
  const std::string prompt = body["messages"][0]["content"];
  EXPECT_TRUE(contains(prompt, "Målgruppe: jobparate\n")) << prompt;
  EXPECT_TRUE(contains(prompt, "- months_unemployed: 12\n")) << prompt;
  EXPECT_TRUE(contains(prompt, "- age: 41\n"));
  EXPECT_TRUE(contains(prompt, "Mulige indsatser:\n- ingen\n- vejledning\n- virksomhedspraktik\n- løntilskud\n"));
  EXPECT_TRUE(contains(prompt, "\"risk_score\""));
  EXPECT_FALSE(contains(prompt, "kvinde")) << "protected attributes are not sent by default";
  EXPECT_FALSE(contains(prompt, "second-language"));

  json with_attributes = config(server);
  with_attributes["send_attributes"] = true;
  auto revealing = make(with_attributes);
  ASSERT_TRUE(revealing);
  EXPECT_TRUE(contains(revealing->id().version, ";attributes=yes"));
  ASSERT_TRUE(revealing->decide(request_for(c)).ok());
  const std::string second = json::parse(server.exchanges().back().body)["messages"][0]["content"];
  EXPECT_TRUE(contains(second, "- gender: kvinde\n")) << second;
}

TEST_F(OpenAiDeciderTest, AnythingButTheAskedJsonFailsTheItem) {
  const std::vector<std::pair<std::string, std::string>> replies = {
      {"Jeg anbefaler vejledning.", "not JSON"},
      {"[0.3]", "not a JSON object"},
      {R"({"risk_score": 0.3, "recommendation": "ingen"})", "lacks \"recommendation_score\""},
      {R"({"risk_score": 0.3, "recommendation": "ingen", "recommendation_score": 0, "why": "x"})",
       "unexpected key \"why\""},
      {R"({"risk_score": "høj", "recommendation": "ingen", "recommendation_score": 0})", "is not a number"},
      {R"({"risk_score": 1.3, "recommendation": "ingen", "recommendation_score": 0})", "risk_score 1.3"},
      {R"({"risk_score": 0.3, "recommendation": "jobsøgningskursus", "recommendation_score": 0})",
       "\"jobsøgningskursus\" is not one of"},
      {"  ", "empty answer"}};
  for (const auto& [reply, fragment] : replies) {
    auto result = parse_model_decision(reply, kInterventions);
    ASSERT_FALSE(result.ok()) << reply;
    EXPECT_TRUE(contains(result.error(), fragment)) << result.error();
  }
  auto fenced = parse_model_decision("```json\n{\"risk_score\": 0, \"recommendation\": \"ingen\", "
                                     "\"recommendation_score\": -1}\n```",
                                     kInterventions);
  ASSERT_TRUE(fenced.ok()) << fenced.error();
  EXPECT_EQ(fenced.value(), (Decision{0.0, "ingen", -1.0, {}}));

  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, chat_reply("ingen")}; });
  auto adapter = make(config(server));
  const auto failed = adapter->decide(request_for(blind_case(full_case())));
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(contains(failed.error(), "not JSON")) << failed.error();
}

TEST_F(OpenAiDeciderTest, UnknownPromptIsAConfigProblem) {
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, chat_reply("{}")}; });
  json cfg = config(server);
  cfg["prompt"] = "beslutning-v9";
  ProblemList problems;
  EXPECT_FALSE(make_openai_decider(spec_of("openai-http", cfg, dir_.path().string()), problems));
  EXPECT_TRUE(has_problem(problems, "solutions[0].decision.prompt")) << all_problems(problems);
}

// ---------------------------------------------------------------------------------------------------------------
// "logistic"

struct Split {
  std::vector<CaseRecord> train;
  std::vector<CaseRecord> test;
};

const CaseStudy& case_study() {
  static const CaseStudy study = [] {
    CaseStudyOptions options;
    options.n = 3000;
    return generate_case_study(options);
  }();
  return study;
}

Split split_of(const CaseStudy& study) {
  Split split;
  for (const CaseRecord& c : study.dataset.cases) (c.split == "test" ? split.test : split.train).push_back(c);
  return split;
}

std::unique_ptr<DecisionAdapter> make_logistic(json cfg = json::object()) {
  ProblemList problems;
  auto adapter = make_logistic_decider(spec_of("logistic", std::move(cfg), "."), problems);
  EXPECT_TRUE(problems.empty()) << all_problems(problems);
  return adapter;
}

std::vector<Decision> decide_all(DecisionAdapter& adapter, const std::vector<CaseRecord>& cases,
                                 const std::vector<std::string>& interventions) {
  std::vector<Decision> out;
  for (const CaseRecord& c : cases) {
    const CaseRecord blinded = blind_case(c);
    auto decision = adapter.decide(DecisionRequest{blinded, interventions, "."});
    EXPECT_TRUE(decision.ok()) << decision.error();
    out.push_back(decision.ok() ? decision.value() : Decision{});
  }
  return out;
}

TEST(LogisticDecider, LearnsARiskModelThatRanksTheTestSplit) {
  const CaseStudy& study = case_study();
  const Split split = split_of(study);
  ASSERT_GT(split.train.size(), 1500u);
  ASSERT_GT(split.test.size(), 500u);
  const auto& interventions = study.truth.interventions;
  auto adapter = make_logistic();
  ASSERT_TRUE(adapter);
  EXPECT_EQ(adapter->id(), (ComponentId{"logistic", "1"}));
  auto summary = adapter->train(split.train, interventions);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(summary.value().training_cases, split.train.size());
  EXPECT_TRUE(contains(summary.value().description, "logistic regression (λ = 1, standardised): risk on "))
      << summary.value().description;
  // Terms: the features plus one column per target group but the reference one.
  std::set<std::string> groups;
  for (const CaseRecord& c : split.train) groups.insert(c.target_group);
  const std::size_t terms = study.dataset.feature_names.size() + groups.size() - 1;
  EXPECT_TRUE(contains(summary.value().description, ", " + std::to_string(terms) + " terms"))
      << summary.value().description;

  const std::vector<Decision> decisions = decide_all(*adapter, split.test, interventions);
  std::vector<int> labels;
  std::vector<double> scores;
  std::size_t recommended = 0;
  for (std::size_t i = 0; i < split.test.size(); ++i) {
    ASSERT_TRUE(decisions[i].risk_score);
    ASSERT_TRUE(split.test[i].risk_label);
    labels.push_back(*split.test[i].risk_label);
    scores.push_back(*decisions[i].risk_score);
    if (decisions[i].recommendation) {
      ++recommended;
      ASSERT_TRUE(decisions[i].recommendation_score);
    }
  }
  const AucEstimate auc = auc_delong(labels, scores);
  EXPECT_GT(auc.auc, 0.6) << "the synthetic risk depends on the features, so a fitted model must rank well";
  EXPECT_EQ(recommended, split.test.size()) << summary.value().description;
}

TEST(LogisticDecider, DecisionsDoNotDependOnHeldOutOutcomesOrOtherTestCases) {
  const CaseStudy& study = case_study();
  const Split split = split_of(study);
  const auto& interventions = study.truth.interventions;
  auto adapter = make_logistic();
  ASSERT_TRUE(adapter->train(split.train, interventions).ok());
  const std::vector<Decision> baseline = decide_all(*adapter, split.test, interventions);

  // Alter every outcome of the test cases: the decisions cannot change (they are blinded before deciding).
  std::vector<CaseRecord> altered = split.test;
  for (CaseRecord& c : altered) {
    c.risk_label = c.risk_label ? 1 - *c.risk_label : 1;
    c.outcome_in_job_26w = c.outcome_in_job_26w ? 1 - *c.outcome_in_job_26w : 0;
    c.intervention = "ingen";
    c.caseworker_choice = "løntilskud";
  }
  EXPECT_EQ(decide_all(*adapter, altered, interventions), baseline);

  // Extra test cases (decided before and after) change nothing for the original ones.
  std::vector<CaseRecord> extended = split.test;
  for (std::size_t i = 0; i < 50; ++i) extended.push_back(split.train[i]);
  std::vector<Decision> extended_decisions = decide_all(*adapter, extended, interventions);
  extended_decisions.resize(split.test.size());
  EXPECT_EQ(extended_decisions, baseline);
  // A fresh adapter trained the same way gives the same decisions (deterministic).
  auto again = make_logistic();
  ASSERT_TRUE(again->train(split.train, interventions).ok());
  EXPECT_EQ(decide_all(*again, split.test, interventions), baseline);
}

TEST(LogisticDecider, ChangedTrainingOutcomesChangeTheModel) {
  const CaseStudy& study = case_study();
  const Split split = split_of(study);
  const auto& interventions = study.truth.interventions;
  auto adapter = make_logistic();
  ASSERT_TRUE(adapter->train(split.train, interventions).ok());
  const std::vector<CaseRecord> probe(split.test.begin(), split.test.begin() + 20);
  const std::vector<Decision> before = decide_all(*adapter, probe, interventions);

  std::vector<CaseRecord> changed = split.train;
  changed[0].risk_label = 1 - changed[0].risk_label.value();
  changed[0].outcome_in_job_26w = 1 - changed[0].outcome_in_job_26w.value();
  auto other = make_logistic();
  ASSERT_TRUE(other->train(changed, interventions).ok());
  const std::vector<Decision> after = decide_all(*other, probe, interventions);
  for (std::size_t i = 0; i < probe.size(); ++i) {
    EXPECT_NE(before[i].risk_score, after[i].risk_score) << "risk model of case " << probe[i].id;
    EXPECT_NE(before[i].recommendation_score, after[i].recommendation_score) << "outcome model of " << probe[i].id;
  }
}

TEST(LogisticDecider, SmallInterventionsAreNeverRecommendedAndNamed) {
  const CaseStudy& study = case_study();
  const Split split = split_of(study);
  const auto& interventions = study.truth.interventions;
  std::map<std::string, std::size_t> counts;
  for (const CaseRecord& c : split.train) ++counts[c.intervention];
  // A threshold between the smallest and the largest intervention arm excludes exactly the arms below it.
  std::size_t smallest = SIZE_MAX;
  std::string smallest_name;
  for (const auto& [name, n] : counts)
    if (n < smallest) smallest = n, smallest_name = name;
  ASSERT_NE(smallest_name, "ingen");
  auto adapter = make_logistic({{"min_cases_per_intervention", smallest + 1}});
  auto summary = adapter->train(split.train, interventions);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_TRUE(contains(summary.value().description, "never recommended: " + smallest_name + " (" +
                                                        std::to_string(smallest) + " cases < " +
                                                        std::to_string(smallest + 1) + ")"))
      << summary.value().description;
  for (const Decision& d : decide_all(*adapter, split.test, interventions)) EXPECT_NE(d.recommendation, smallest_name);

  // With every arm too small only the risk model remains: decisions carry a risk score and no recommendation.
  auto risk_only = make_logistic({{"min_cases_per_intervention", 1'000'000}});
  auto risk_summary = risk_only->train(split.train, interventions);
  ASSERT_TRUE(risk_summary.ok()) << risk_summary.error();
  EXPECT_TRUE(contains(risk_summary.value().description, "no recommendation model"));
  const Decision d = decide_all(*risk_only, {split.test[0]}, interventions)[0];
  EXPECT_TRUE(d.risk_score);
  EXPECT_FALSE(d.recommendation);
  EXPECT_FALSE(d.recommendation_score);
}

TEST(LogisticDecider, RecommendationScoreIsTheGainOverNoIntervention) {
  const CaseStudy& study = case_study();
  const Split split = split_of(study);
  const auto& interventions = study.truth.interventions;
  auto adapter = make_logistic();
  ASSERT_TRUE(adapter->train(split.train, interventions).ok());
  // Offering only "ingen" forces that recommendation: its gain over itself is exactly 0.
  const std::vector<std::string> only_none = {"ingen"};
  const Decision forced = decide_all(*adapter, {split.test[0]}, only_none)[0];
  EXPECT_EQ(forced.recommendation, "ingen");
  EXPECT_EQ(forced.recommendation_score, 0.0);
  // The argmax over all arms is at least as good as "ingen", so the score is never negative.
  for (const Decision& d : decide_all(*adapter, split.test, interventions)) EXPECT_GE(*d.recommendation_score, 0.0);
}

TEST(LogisticDecider, AttributesAreUsedOnlyWhenAskedAndUnseenGroupsActAsTheReference) {
  const CaseStudy& study = case_study();
  const Split split = split_of(study);
  const auto& interventions = study.truth.interventions;
  auto without = make_logistic();
  auto with = make_logistic({{"use_attributes", true}});
  const std::string a = without->train(split.train, interventions).value().description;
  const std::string b = with->train(split.train, interventions).value().description;
  EXPECT_NE(a, b) << "attribute columns add terms";

  std::set<std::string> groups;
  for (const CaseRecord& c : split.train) groups.insert(c.target_group);
  CaseRecord reference = split.test[0];
  reference.target_group = *groups.begin();
  CaseRecord unseen = reference;
  unseen.target_group = "ukendt målgruppe";
  EXPECT_EQ(decide_all(*without, {unseen}, interventions), decide_all(*without, {reference}, interventions));
  // Without use_attributes, changing a protected attribute changes nothing.
  CaseRecord other_gender = reference;
  other_gender.attributes["gender"] = other_gender.attributes["gender"] == "kvinde" ? "mand" : "kvinde";
  EXPECT_EQ(decide_all(*without, {other_gender}, interventions), decide_all(*without, {reference}, interventions));
}

TEST(LogisticDecider, TrainingFailuresAndDecidingUntrainedAreClear) {
  auto adapter = make_logistic();
  const CaseRecord c = blind_case(full_case());
  const auto untrained = adapter->decide(request_for(c));
  ASSERT_FALSE(untrained.ok());
  EXPECT_TRUE(contains(untrained.error(), "not trained")) << untrained.error();
  const auto empty = adapter->train({}, kInterventions);
  ASSERT_FALSE(empty.ok());
  EXPECT_TRUE(contains(empty.error(), "no training cases"));
  // Cases without labels or outcomes: nothing to learn.
  std::vector<CaseRecord> unlabelled(40, blind_case(full_case()));
  const auto nothing = adapter->train(unlabelled, kInterventions);
  ASSERT_FALSE(nothing.ok());
  EXPECT_TRUE(contains(nothing.error(), "no usable risk labels and no usable outcomes")) << nothing.error();
  EXPECT_FALSE(adapter->decide(request_for(c)).ok());
  // A case lacking a trained feature fails its item.
  const Split split = split_of(case_study());
  ASSERT_TRUE(adapter->train(split.train, case_study().truth.interventions).ok());
  CaseRecord lacking = blind_case(split.test[0]);
  lacking.features.erase("months_unemployed");
  const auto missing = adapter->decide(DecisionRequest{lacking, case_study().truth.interventions, "."});
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(contains(missing.error(), "lacks the feature months_unemployed")) << missing.error();
}

TEST(LogisticDecider, ConfigIsChecked) {
  ProblemList problems;
  EXPECT_FALSE(make_logistic_decider(
      spec_of("logistic", {{"l2", -1}, {"min_cases_per_intervention", 0}, {"use_attributes", "yes"}, {"retries", 2}},
              "."),
      problems));
  for (const char* field : {"decision.l2", "decision.min_cases_per_intervention", "decision.use_attributes",
                            "decision.retries"})
    EXPECT_TRUE(has_problem(problems, field)) << field << "\n" << all_problems(problems);
}

// ---------------------------------------------------------------------------------------------------------------
// Registry

TEST(DecisionRegistry, RegistersTheFourKinds) {
  AdapterRegistry registry;
  register_builtin_adapters(registry);
  EXPECT_EQ(registry.decision_kinds(), (std::vector<std::string>{"command", "logistic", "openai-http", "recorded"}));
  ProblemList problems;
  auto logistic = registry.make_decision(spec_of("logistic", json::object(), "."), problems);
  ASSERT_TRUE(logistic) << all_problems(problems);
  EXPECT_EQ(logistic->id().name, "logistic");
  EXPECT_FALSE(registry.make_decision(spec_of("oracle", json::object(), "."), problems));
  EXPECT_TRUE(has_problem(problems, "unknown adapter kind 'oracle' (known: command, logistic, openai-http, recorded)"))
      << all_problems(problems);
}

}  // namespace
}  // namespace pb
