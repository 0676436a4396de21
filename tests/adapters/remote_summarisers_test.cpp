// Summarisers and the LLM judge that call systems outside pilotbench: prompts, the chat-completions client,
// the "openai-http" summariser and judge against a loopback server, the judge's verdict cache, and the
// "command" summariser against the example program and misbehaving programs written by the tests.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "adapters/command_summariser.h"
#include "adapters/judge_cache.h"
#include "adapters/openai_chat.h"
#include "adapters/openai_judge.h"
#include "adapters/openai_summariser.h"
#include "adapters/prompts.h"
#include "adapters/remote_summarisation_registry.h"
#include "core/hash.h"
#include "formats/note_text.h"
#include "tests/adapters/adapter_test_util.h"
#include "tests/adapters/loopback_http_server.h"

namespace pb {
namespace {

using nlohmann::json;
using test::HttpAnswer;
using test::HttpExchange;
using test::LoopbackHttpServer;
using test::make_conversation;
using test::ScratchDir;
using namespace std::chrono_literals;

constexpr const char* kKeyEnv = "PB_REMOTE_SUMMARISER_TEST_KEY";
constexpr const char* kKey = "sk-remote-test-0123456789";
const std::string kEchoSummariser = std::string(PILOTBENCH_SOURCE_DIR) + "/examples/adapters/echo_summariser.py";
const std::string kPython = "/usr/bin/python3";

std::string chat_reply(const std::string& content, const std::string& finish = "stop") {
  return json{{"id", "chatcmpl-1"},
              {"object", "chat.completion"},
              {"choices", json::array({{{"index", 0},
                                        {"message", {{"role", "assistant"}, {"content", content}}},
                                        {"finish_reason", finish}}})}}
      .dump();
}

AdapterSpec spec_of(std::string kind, json config, const std::string& base_dir, std::string path) {
  config["kind"] = kind;
  return AdapterSpec{std::move(kind), std::move(config), std::move(path), "scenario.json", base_dir};
}

std::string all_problems(const ProblemList& problems) {
  std::string text;
  for (const Problem& problem : problems.items()) text += problem.to_string() + "\n";
  return text;
}

bool has_problem(const ProblemList& problems, const std::string& field, const std::string& fragment) {
  for (const Problem& problem : problems.items())
    if (problem.field == field && problem.message.find(fragment) != std::string::npos) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Prompts

TEST(Prompts, RenderReplacesKnownPlaceholdersOnceAndKeepsTheRest) {
  const std::string text = "A {{transcript}} B {{ sections }} C {{unknown}} D {{not a name}} E {{";
  const std::string out = render_prompt(text, {{"transcript", "Hej {{sections}}"}, {"sections", "- Formål"}});
  // The inserted value's own "{{sections}}" is not expanded again; malformed braces stay as written.
  EXPECT_EQ(out, "A Hej {{sections}} B - Formål C {{unknown}} D {{not a name}} E {{");
  EXPECT_EQ(prompt_placeholders(text), (std::vector<std::string>{"transcript", "sections", "unknown"}));
  EXPECT_EQ(render_prompt("", {{"x", "y"}}), "");
}

TEST(Prompts, BuiltInTemplatesUseTheirPlaceholdersAndSayWhatIsAsked) {
  const auto summary = builtin_summary_prompt("journalnotat-v1");
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->version, "journalnotat-v1");
  EXPECT_EQ(prompt_placeholders(summary->text), (std::vector<std::string>{"meeting_type", "sections", "transcript"}));
  EXPECT_NE(summary->text.find("Opfind ikke"), std::string::npos);
  EXPECT_NE(summary->text.find("XXXXXX-XXXX"), std::string::npos);
  const auto judge = builtin_judge_prompt("pdqi9-da-v1");
  ASSERT_TRUE(judge);
  EXPECT_EQ(prompt_placeholders(judge->text), (std::vector<std::string>{"criteria", "transcript", "draft"}));
  EXPECT_FALSE(builtin_summary_prompt("journalnotat-v0"));
  EXPECT_FALSE(builtin_judge_prompt("journalnotat-v1"));
  EXPECT_EQ(pdqi9_da_criteria().size(), 9u);
  EXPECT_EQ(pdqi9_da_criteria().back().name, "free_of_stigmatising_language");
}

TEST(Prompts, TemplateFileIsVersionedByItsSha256) {
  ScratchDir dir;
  std::ofstream(dir.path() / "p.txt", std::ios::binary) << "Skriv et notat: {{transcript}}\n";
  // sha256("Skriv et notat: {{transcript}}\n") = 62e1bb5c4eed32c6… (sha256sum), first 12 hex digits.
  const PromptTemplate prompt = load_prompt_file(dir.path() / "p.txt");
  EXPECT_EQ(prompt.version, "file:62e1bb5c4eed");
  EXPECT_EQ(prompt.text, "Skriv et notat: {{transcript}}\n");
  std::ofstream(dir.path() / "empty.txt") << " \n";
  EXPECT_THROW(load_prompt_file(dir.path() / "empty.txt"), InputError);
  std::ofstream(dir.path() / "latin1.txt", std::ios::binary) << "Skriv p\xE5 dansk {{transcript}}";
  EXPECT_THROW(load_prompt_file(dir.path() / "latin1.txt"), InputError);
  EXPECT_THROW(load_prompt_file(dir.path() / "missing.txt"), InputError);
}

TEST(Prompts, TranscriptIsOneLinePerTurnWithDanishRoles) {
  const Transcript transcript{{{"SB", "caseworker", 0.0, 1.0, "Hej Søren."},
                               {"B", "citizen", std::nullopt, std::nullopt, "Første linje\nanden linje"},
                               {"", "", std::nullopt, std::nullopt, "Øh."},
                               {"T", "interpreter", std::nullopt, std::nullopt, "Han siger ja."}}};
  EXPECT_EQ(transcript_for_prompt(transcript),
            "SB (sagsbehandler): Hej Søren.\nB (borger): Første linje anden linje\nUkendt: Øh.\n"
            "T (tolk): Han siger ja.\n");
  EXPECT_EQ(transcript_for_prompt(Transcript{}), "");
  EXPECT_EQ(sections_for_prompt({"Formål", "Aftaler"}), "- Formål\n- Aftaler");
  EXPECT_EQ(sections_for_prompt({}), "");
}

// ---------------------------------------------------------------------------------------------------------------
// The chat-completions client

TEST(OpenAiChat, RequestCarriesOnlyTheSettingsThatAreSet) {
  ChatOptions options;
  options.model = "gpt-4o";
  const json plain = json::parse(build_chat_request(options, {{"user", "Hej æøå"}}));
  EXPECT_EQ(plain, json::parse(R"({"model":"gpt-4o","messages":[{"role":"user","content":"Hej æøå"}],
                                    "temperature":0.0})"));
  options.temperature = 0.7;
  options.seed = -3;
  options.max_tokens = 800;
  options.json_object = true;
  const json full = json::parse(build_chat_request(options, {{"user", "x"}}));
  EXPECT_EQ(full["temperature"], 0.7);
  EXPECT_EQ(full["seed"], -3);
  EXPECT_EQ(full["max_tokens"], 800);
  EXPECT_EQ(full["response_format"], json::parse(R"({"type":"json_object"})"));
  EXPECT_EQ(chat_settings_text(options), "model=gpt-4o;temperature=0.7;seed=-3;max_tokens=800");
  EXPECT_THROW(build_chat_request(options, {{"user", "\xFF"}}), std::invalid_argument);
}

TEST(OpenAiChat, ResponseParsingAcceptsTextAndPartsAndNamesWhatIsWrong) {
  EXPECT_EQ(parse_chat_response(chat_reply("Formål: x")).value(), "Formål: x");
  const auto parts = parse_chat_response(
      R"({"choices":[{"message":{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}}]})");
  ASSERT_TRUE(parts.ok()) << parts.error();
  EXPECT_EQ(parts.value(), "ab");

  const auto not_json = parse_chat_response("<html>Bad gateway 120385-1234</html>");
  ASSERT_FALSE(not_json.ok());
  EXPECT_NE(not_json.error().find("not JSON"), std::string::npos);
  EXPECT_NE(not_json.error().find("XXXXXX-XXXX"), std::string::npos) << not_json.error();
  EXPECT_EQ(not_json.error().find("120385-1234"), std::string::npos);

  const auto no_content = parse_chat_response(R"({"choices":[{"message":{"content":null},"finish_reason":"stop"}]})");
  ASSERT_FALSE(no_content.ok());
  EXPECT_NE(no_content.error().find("no \"content\""), std::string::npos);
  EXPECT_FALSE(parse_chat_response(R"({"choices":[]})").ok());
  EXPECT_FALSE(parse_chat_response(R"([1,2])").ok());
  const auto cut = parse_chat_response(chat_reply("Formål: halv", "length"));
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.error().find("max_tokens"), std::string::npos);
  const auto error = parse_chat_response(R"({"error":{"message":"model not found"}})");
  ASSERT_FALSE(error.ok());
  EXPECT_NE(error.error().find("model not found"), std::string::npos);
}

TEST(OpenAiChat, NumbersAreWrittenInTheirShortestForm) {
  EXPECT_EQ(shortest_number(0.0), "0");
  EXPECT_EQ(shortest_number(0.7), "0.7");
  EXPECT_EQ(shortest_number(1.0), "1");
  EXPECT_EQ(shortest_number(0.1 + 0.2), "0.30000000000000004");
}

// ---------------------------------------------------------------------------------------------------------------
// The "openai-http" summariser

class OpenAiSummariserTest : public ::testing::Test {
 protected:
  void SetUp() override { ::setenv(kKeyEnv, kKey, 1); }
  void TearDown() override { ::unsetenv(kKeyEnv); }

  json config(const LoopbackHttpServer& server) {
    return {{"base_url", server.base_url()}, {"model", "gpt-4o-2024-08-06"}, {"api_key_env", kKeyEnv},
            {"seed", 42},   {"timeout_s", 20},  {"http_retries", 0}};
  }

  std::unique_ptr<SummarisationAdapter> make(const json& cfg) {
    ProblemList problems;
    auto adapter = make_openai_summariser(spec_of("openai-http", cfg, dir_.path().string(),
                                                  "solutions[0].summarisation"),
                                          problems);
    EXPECT_TRUE(problems.empty()) << all_problems(problems);
    return adapter;
  }

  Outcome<CaseNote> run(SummarisationAdapter& adapter) {
    Conversation conversation = make_conversation("conv-7");
    conversation.meeting_type = "første samtale";
    const Transcript source{conversation.segments};
    return adapter.summarise({conversation, source, kSummarySourceReference, dir_.path().string()});
  }

  ScratchDir dir_;
};

constexpr const char* kModelNote =
    "**Formål:** Første samtale efter ledighed pr. 14. marts.\n\n"
    "**Borgerens situation:** Borger vil søge job som tømrer.\n\n"
    "Aftaler:\n- Borger søger mindst 2 stillinger om ugen.\n\n"
    "## Næste skridt\nIkke drøftet.";

TEST_F(OpenAiSummariserTest, SendsModelSettingsAndPromptAndReadsTheSections) {
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, chat_reply(kModelNote)}; });
  auto adapter = make(config(server));
  ASSERT_TRUE(adapter);
  auto result = run(*adapter);
  ASSERT_TRUE(result.ok()) << result.error();
  const CaseNote& note = result.value();
  EXPECT_EQ(note.kind, "journalnotat");
  ASSERT_EQ(note.sections.size(), 4u) << note_to_text(note);
  EXPECT_EQ(note.sections[0], (NoteSection{"Formål", "Første samtale efter ledighed pr. 14. marts."}));
  EXPECT_EQ(note.sections[2].title, "Aftaler");
  EXPECT_NE(note.sections[2].text.find("mindst 2 stillinger"), std::string::npos);
  EXPECT_EQ(note.sections[3], (NoteSection{"Næste skridt", "Ikke drøftet."}));

  const auto exchanges = server.exchanges();
  ASSERT_EQ(exchanges.size(), 1u);
  EXPECT_EQ(exchanges[0].method, "POST");
  EXPECT_EQ(exchanges[0].path, "/v1/chat/completions");
  EXPECT_EQ(exchanges[0].headers.at("authorization"), std::string("Bearer ") + kKey);
  const json body = json::parse(exchanges[0].body);
  EXPECT_EQ(body["model"], "gpt-4o-2024-08-06");
  EXPECT_EQ(body["temperature"], 0.0);
  EXPECT_EQ(body["seed"], 42);
  EXPECT_FALSE(body.contains("max_tokens"));
  EXPECT_FALSE(body.contains("response_format"));
  ASSERT_EQ(body["messages"].size(), 1u);
  EXPECT_EQ(body["messages"][0]["role"], "user");
  const std::string prompt = body["messages"][0]["content"];
  EXPECT_NE(prompt.find("SB (sagsbehandler): Velkommen til jobcentret. Hvad kan jeg hjælpe dig med i dag?\n"),
            std::string::npos);
  EXPECT_NE(prompt.find("B (borger): Jeg er blevet ledig den 14. marts"), std::string::npos);
  EXPECT_NE(prompt.find("Samtaletype: første samtale"), std::string::npos);
  EXPECT_NE(prompt.find("- Formål\n- Borgerens situation\n"), std::string::npos);
  EXPECT_EQ(prompt.find("{{"), std::string::npos) << "every placeholder is filled";
}

TEST_F(OpenAiSummariserTest, IdentityRecordsModelPromptTemperatureAndSeed) {
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, chat_reply("x")}; });
  json cfg = config(server);
  cfg["temperature"] = 0.2;
  cfg["sections"] = {"Formål", "Aftaler"};
  auto adapter = make(cfg);
  ASSERT_TRUE(adapter);
  // sha256("Formål\nAftaler\n") starts with the 8 hex digits after "sections=".
  const std::string fingerprint = sha256_hex("Formål\nAftaler\n").substr(0, 8);
  EXPECT_EQ(adapter->id(),
            (ComponentId{"openai-http", "1;prompt=journalnotat-v1;model=gpt-4o-2024-08-06;temperature=0.2;seed=42;"
                                        "max_tokens=none;sections=" + fingerprint}));
  cfg.erase("seed");
  EXPECT_NE(make(cfg)->id().version.find(";seed=none;"), std::string::npos);
}

TEST_F(OpenAiSummariserTest, ServerErrorFailsWithStatusAndMaskedExcerptAfterRetries) {
  LoopbackHttpServer server([](const HttpExchange&, int) {
    return HttpAnswer{500, R"({"error":"upstream failed for 120385-1234"})"};
  });
  json cfg = config(server);
  cfg["http_retries"] = 1;
  cfg["backoff_ms"] = 0;
  auto adapter = make(cfg);
  auto result = run(*adapter);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().find("HTTP 500 after 2 attempts"), std::string::npos) << result.error();
  EXPECT_NE(result.error().find("XXXXXX-XXXX"), std::string::npos) << result.error();
  EXPECT_EQ(result.error().find("120385-1234"), std::string::npos);
  EXPECT_EQ(server.requests(), 2);  // 1 + http_retries
}

TEST_F(OpenAiSummariserTest, ClientErrorIsNotRetriedAndAnEchoedKeyIsRedacted) {
  LoopbackHttpServer server([](const HttpExchange&, int) {
    return HttpAnswer{401, std::string(R"({"error":"bad key )") + kKey + "\"}"};
  });
  json cfg = config(server);
  cfg["http_retries"] = 3;
  auto result = run(*make(cfg));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().find("HTTP 401"), std::string::npos);
  EXPECT_EQ(result.error().find(kKey), std::string::npos) << result.error();
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(OpenAiSummariserTest, GarbageEmptyAndMissingContentFail) {
  LoopbackHttpServer server([](const HttpExchange&, int index) {
    if (index == 0) return HttpAnswer{200, "Loading model... please wait", "text/plain"};
    if (index == 1) return HttpAnswer{200, chat_reply("  \n ")};
    return HttpAnswer{200, R"({"choices":[{"message":{"role":"assistant"},"finish_reason":"content_filter"}]})"};
  });
  auto adapter = make(config(server));
  const auto garbage = run(*adapter);
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.error().find("not JSON"), std::string::npos) << garbage.error();
  EXPECT_NE(garbage.error().find("Loading model"), std::string::npos);
  const auto empty = run(*adapter);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().find("empty answer"), std::string::npos);
  const auto missing = run(*adapter);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("content_filter"), std::string::npos) << missing.error();
}

TEST_F(OpenAiSummariserTest, TimeoutFailsTheItem) {
  LoopbackHttpServer server([](const HttpExchange&, int) {
    std::this_thread::sleep_for(2s);
    return HttpAnswer{200, chat_reply(kModelNote)};
  });
  json cfg = config(server);
  cfg["timeout_s"] = 0.3;
  cfg["http_retries"] = 2;
  auto result = run(*make(cfg));
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().find("no response within 300 ms"), std::string::npos) << result.error();
  EXPECT_EQ(server.requests(), 1);  // a timeout is not retried: another full wait would rarely help
}

TEST_F(OpenAiSummariserTest, FencedAnswerAndNoHeadingsAreReadSensibly) {
  EXPECT_EQ(parse_model_note("```markdown\nFormål: Opfølgning.\n```", default_note_titles()).sections,
            (std::vector<NoteSection>{{"Formål", "Opfølgning."}}));
  const CaseNote plain = parse_model_note("Borger møder op. Intet aftalt.", {"Formål"});
  ASSERT_EQ(plain.sections.size(), 1u);
  EXPECT_EQ(plain.sections[0], (NoteSection{"", "Borger møder op. Intet aftalt."}));
}

TEST_F(OpenAiSummariserTest, PromptFileIsUsedAndVersioned) {
  std::ofstream(dir_.path() / "prompt.txt", std::ios::binary) << "Skriv et notat: {{transcript}}\n";
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, chat_reply("Formål: x")}; });
  json cfg = config(server);
  cfg["prompt_file"] = "prompt.txt";
  auto adapter = make(cfg);
  ASSERT_TRUE(adapter);
  EXPECT_NE(adapter->id().version.find("prompt=file:62e1bb5c4eed;"), std::string::npos) << adapter->id().version;
  ASSERT_TRUE(run(*adapter).ok());
  const json body = json::parse(server.exchanges().at(0).body);
  EXPECT_EQ(body["messages"][0]["content"].get<std::string>().rfind("Skriv et notat: SB (sagsbehandler): ", 0), 0u);
}

TEST_F(OpenAiSummariserTest, BadConfigIsReportedFieldByField) {
  ScratchDir& dir = dir_;
  std::ofstream(dir.path() / "no-transcript.txt") << "Skriv {{sections}} og {{citizen_name}}";
  auto problems_for = [&](json cfg) {
    ProblemList problems;
    EXPECT_EQ(make_openai_summariser(spec_of("openai-http", cfg, dir.path().string(), "s"), problems), nullptr);
    return problems;
  };
  const std::string env_name = kKeyEnv;
  {
    const auto problems = problems_for({{"base_url", "http://10.1.2.3:8000"}, {"api_key", "sk-123"},
                                        {"temperature", 3}, {"prompt", "journalnotat-v9"}, {"sections", json::array()}});
    EXPECT_TRUE(has_problem(problems, "s.base_url", "plain http")) << all_problems(problems);
    EXPECT_TRUE(has_problem(problems, "s.api_key", "never be written")) << all_problems(problems);
    EXPECT_TRUE(has_problem(problems, "s.model", "missing")) << all_problems(problems);
    EXPECT_TRUE(has_problem(problems, "s.prompt", "journalnotat-v1")) << all_problems(problems);
    EXPECT_TRUE(has_problem(problems, "s.sections", "non-empty list")) << all_problems(problems);
    EXPECT_FALSE(problems.empty());
    for (const Problem& p : problems.items()) EXPECT_EQ(p.message.find("sk-123"), std::string::npos);
  }
  {
    const auto problems = problems_for({{"base_url", "https://llm.example/v1"}, {"model", "m"},
                                        {"prompt_file", "no-transcript.txt"}, {"api_key_env", "PB_NOT_SET_ANYWHERE"}});
    EXPECT_TRUE(has_problem(problems, "s.base_url", "trailing /v1")) << all_problems(problems);
    EXPECT_TRUE(has_problem(problems, "s.prompt_file", "no {{transcript}}")) << all_problems(problems);
    EXPECT_TRUE(has_problem(problems, "s.prompt_file", "unknown placeholder {{citizen_name}}")) << all_problems(problems);
    EXPECT_TRUE(has_problem(problems, "s.api_key_env", "not set")) << all_problems(problems);
  }
  {
    const auto problems = problems_for({{"base_url", "https://llm.example"}, {"model", "m"}, {"prompt", "journalnotat-v1"},
                                        {"prompt_file", "x.txt"}, {"sections", {"Formål", "Formål"}}, {"colour", 1}});
    EXPECT_TRUE(has_problem(problems, "s.prompt_file", "not both")) << all_problems(problems);
    EXPECT_TRUE(has_problem(problems, "s.sections[1]", "twice")) << all_problems(problems);
    EXPECT_EQ(problems.items().size(), 3u) << all_problems(problems);  // + the unknown key "colour"
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The "openai-http" judge and its cache

std::string good_verdict(int accurate = 4) {
  json rubric = json::object();
  for (const RubricCriterion& criterion : pdqi9_da_criteria())
    rubric[std::string(criterion.name)] = {{"score", 3}, {"justification", "Rimeligt på de fleste punkter."}};
  rubric["accurate"]["score"] = accurate;
  return json{{"claims", {{{"claim", "Borger er ledig fra 14. marts."}, {"supported", true}},
                          {{"claim", "Borger har truckcertifikat."}, {"supported", false}}}},
              {"rubric", rubric}}
      .dump();
}

class OpenAiJudgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv(kKeyEnv, kKey, 1);
    conversation_ = make_conversation("conv-3");
    source_ = Transcript{conversation_.segments};
    draft_ = CaseNote{"journalnotat", {{"Formål", "Første samtale."}, {"Aftaler", "Søger 2 stillinger om ugen."}}};
  }
  void TearDown() override { ::unsetenv(kKeyEnv); }

  json config(const LoopbackHttpServer& server) {
    return {{"base_url", server.base_url()}, {"model", "gpt-4o"}, {"api_key_env", kKeyEnv}, {"seed", 7},
            {"http_retries", 0},             {"timeout_s", 20},   {"cache_dir", "judge-cache"}};
  }

  std::unique_ptr<JudgeAdapter> make(const json& cfg) {
    ProblemList problems;
    auto judge = make_openai_judge(spec_of("openai-http", cfg, dir_.path().string(), "judge"), problems);
    EXPECT_TRUE(problems.empty()) << all_problems(problems);
    return judge;
  }

  Outcome<JudgeVerdict> run(JudgeAdapter& judge) { return judge.judge({conversation_, source_, draft_}); }

  ScratchDir dir_;
  Conversation conversation_;
  Transcript source_;
  CaseNote draft_;
};

TEST_F(OpenAiJudgeTest, ParsesAGoodVerdictInRubricOrder) {
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, chat_reply(good_verdict(5))}; });
  json cfg = config(server);
  cfg["json_object"] = true;
  auto judge = make(cfg);
  ASSERT_TRUE(judge);
  EXPECT_EQ(judge->id(), (ComponentId{"openai-http", "1;prompt=pdqi9-da-v1;model=gpt-4o;temperature=0;seed=7;"
                                                     "max_tokens=none;json_object=true"}));
  auto result = run(*judge);
  ASSERT_TRUE(result.ok()) << result.error();
  const JudgeVerdict& verdict = result.value();
  EXPECT_EQ(verdict.rubric_version, "pdqi9-da-v1");
  EXPECT_FALSE(verdict.from_cache);
  ASSERT_EQ(verdict.rubric.size(), 9u);
  // The reply's keys come sorted (nlohmann), the verdict follows the rubric's order.
  EXPECT_EQ(verdict.rubric[0], (RubricScore{"accurate", 5, "Rimeligt på de fleste punkter."}));
  EXPECT_EQ(verdict.rubric[1].criterion, "thorough");
  EXPECT_EQ(verdict.rubric[8].criterion, "free_of_stigmatising_language");
  EXPECT_EQ(verdict.claims, (std::vector<ClaimCheck>{{"Borger er ledig fra 14. marts.", true},
                                                     {"Borger har truckcertifikat.", false}}));
  const json body = json::parse(server.exchanges().at(0).body);
  EXPECT_EQ(body["response_format"], json::parse(R"({"type":"json_object"})"));
  const std::string prompt = body["messages"][0]["content"];
  EXPECT_NE(prompt.find("Formål:\nFørste samtale."), std::string::npos) << prompt;
  EXPECT_NE(prompt.find("SB (sagsbehandler): Velkommen til jobcentret."), std::string::npos);
  EXPECT_NE(prompt.find("- internally_consistent: "), std::string::npos);
  EXPECT_EQ(prompt.find("{{"), std::string::npos);
}

TEST(JudgeReply, StrictValidationSaysWhatIsWrong) {
  const auto& criteria = pdqi9_da_criteria();
  auto error_of = [&](const std::string& reply) {
    auto result = parse_judge_reply(reply, criteria, "pdqi9-da-v1");
    EXPECT_FALSE(result.ok()) << reply;
    return result.ok() ? std::string() : result.error();
  };
  EXPECT_NE(error_of(good_verdict(7)).find("rubric.accurate.score is 7, expected an integer 1..5"), std::string::npos);
  EXPECT_NE(error_of(good_verdict(0)).find("rubric.accurate.score is 0"), std::string::npos);
  json missing = json::parse(good_verdict());
  missing["rubric"].erase("thorough");
  EXPECT_NE(error_of(missing.dump()).find("rubric.thorough missing"), std::string::npos);
  json fractional = json::parse(good_verdict());
  fractional["rubric"]["useful"]["score"] = 4.5;
  EXPECT_NE(error_of(fractional.dump()).find("rubric.useful.score is 4.5"), std::string::npos);
  json text_score = json::parse(good_verdict());
  text_score["rubric"]["useful"]["score"] = "4";
  EXPECT_NE(error_of(text_score.dump()).find("rubric.useful.score"), std::string::npos);
  json extra = json::parse(good_verdict());
  extra["rubric"]["up_to_date"] = {{"score", 3}, {"justification", "x"}};
  EXPECT_NE(error_of(extra.dump()).find("unknown criterion \"up_to_date\""), std::string::npos);
  json no_claims = json::parse(good_verdict());
  no_claims.erase("claims");
  EXPECT_NE(error_of(no_claims.dump()).find("no \"claims\" list"), std::string::npos);
  json bad_claim = json::parse(good_verdict());
  bad_claim["claims"][1]["supported"] = "yes";
  EXPECT_NE(error_of(bad_claim.dump()).find("claims[1].supported"), std::string::npos);
  json no_justification = json::parse(good_verdict());
  no_justification["rubric"]["succinct"]["justification"] = " ";
  EXPECT_NE(error_of(no_justification.dump()).find("rubric.succinct.justification"), std::string::npos);
  EXPECT_NE(error_of("Her er min vurdering: godt").find("not JSON"), std::string::npos);
  EXPECT_NE(error_of("[]").find("not a JSON object"), std::string::npos);
  // Everything wrong at once: the first five are named, the rest counted (9 missing criteria + no claims = 10).
  EXPECT_NE(error_of("{}").find("no \"rubric\" object; no \"claims\" list"), std::string::npos);
  json all_missing = {{"rubric", json::object()}, {"claims", json::array()}};
  EXPECT_NE(error_of(all_missing.dump()).find("; and 4 more"), std::string::npos);

  // A fenced reply and an empty claims list are fine.
  const auto fenced = parse_judge_reply("```json\n" + good_verdict() + "\n```", criteria, "v");
  ASSERT_TRUE(fenced.ok()) << fenced.error();
  json no_claims_made = json::parse(good_verdict());
  no_claims_made["claims"] = json::array();
  EXPECT_TRUE(parse_judge_reply(no_claims_made.dump(), criteria, "v").ok());
}

TEST_F(OpenAiJudgeTest, BadVerdictFromTheServerFailsTheItemAndIsNotCached) {
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, chat_reply(good_verdict(7))}; });
  auto judge = make(config(server));
  const auto first = run(*judge);
  ASSERT_FALSE(first.ok());
  EXPECT_NE(first.error().find("score is 7"), std::string::npos) << first.error();
  EXPECT_FALSE(run(*judge).ok());
  EXPECT_EQ(server.requests(), 2);  // nothing was cached, so the judge was asked again
}

TEST_F(OpenAiJudgeTest, CacheHitMakesNoRequestAndSurvivesANewInstance) {
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, chat_reply(good_verdict())}; });
  auto judge = make(config(server));
  const auto first = run(*judge);
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_FALSE(first.value().from_cache);
  EXPECT_EQ(server.requests(), 1);

  const auto second = run(*judge);
  ASSERT_TRUE(second.ok()) << second.error();
  EXPECT_TRUE(second.value().from_cache);
  EXPECT_EQ(server.requests(), 1);
  JudgeVerdict expected = first.value();
  expected.from_cache = true;
  EXPECT_EQ(second.value(), expected);

  auto fresh = make(config(server));
  const auto third = run(*fresh);
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third.value().from_cache);
  EXPECT_EQ(server.requests(), 1);

  // The file is private and named by the key.
  const auto* concrete = dynamic_cast<OpenAiJudge*>(fresh.get());
  ASSERT_NE(concrete, nullptr);
  const std::string key = concrete->cache_key({conversation_, source_, draft_});
  const auto file = dir_.path() / "judge-cache" / (key + ".json");
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0) << file;
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir_.path() / "judge-cache").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);

  // Another draft, another temperature or another model is another question.
  draft_.sections[1].text = "Søger 3 stillinger om ugen.";
  ASSERT_TRUE(run(*fresh).ok());
  EXPECT_EQ(server.requests(), 2);
  json warmer = config(server);
  warmer["temperature"] = 0.5;
  ASSERT_TRUE(run(*make(warmer)).ok());
  EXPECT_EQ(server.requests(), 3);
  json other_model = config(server);
  other_model["model"] = "gpt-4o-mini";
  ASSERT_TRUE(run(*make(other_model)).ok());
  EXPECT_EQ(server.requests(), 4);
}

TEST_F(OpenAiJudgeTest, CorruptCacheFileIsAMissAndIsOverwritten) {
  LoopbackHttpServer server([](const HttpExchange&, int) { return HttpAnswer{200, chat_reply(good_verdict())}; });
  auto judge = make(config(server));
  const std::string key = dynamic_cast<OpenAiJudge&>(*judge).cache_key({conversation_, source_, draft_});
  const auto file = dir_.path() / "judge-cache" / (key + ".json");
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << "{\"key\":\"" << key << "\",\"verdict\":{\"rubric_version\":\"pdqi9-da-v1\",\"rub";
  const auto first = run(*judge);
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_FALSE(first.value().from_cache);
  EXPECT_EQ(server.requests(), 1);
  const auto second = run(*judge);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second.value().from_cache);
  EXPECT_EQ(server.requests(), 1);

  // A well-formed file holding another key (copied by hand, say) is a miss too.
  const std::string other(64, 'a');
  std::filesystem::copy_file(file, file.parent_path() / (other + ".json"));
  EXPECT_FALSE(JudgeCache(file.parent_path()).load(other));
  EXPECT_TRUE(JudgeCache(file.parent_path()).load(key));
  EXPECT_FALSE(JudgeCache(file.parent_path()).load("../../etc/passwd"));
}

TEST(JudgeCacheKey, IsTheSha256OfTheCanonicalSettings) {
  // python3: json.dumps({"input":"abc","model":"gpt-4o","prompt":"pdqi9-da-v1","seed":7,"temperature":0.0},
  //                     sort_keys=True, separators=(",",":")) → sha256 hex below.
  EXPECT_EQ(judge_cache_key("gpt-4o", "pdqi9-da-v1", 0.0, 7, "abc"),
            "9abb04bf9ffb4baaca78bc9c5be6b46d72b95b0c43c2c58d854f485dfa06b138");
  // Same with "seed": null and "temperature": 0.5.
  EXPECT_EQ(judge_cache_key("gpt-4o", "pdqi9-da-v1", 0.5, std::nullopt, "abc"),
            "3c4abdea172c74b0a3f6dec044c3944299fadc91bbce1201e36af3c1cc319c10");
  const Transcript transcript{{{"SB", "caseworker", std::nullopt, std::nullopt, "Hej"}}};
  const CaseNote note{"journalnotat", {{"Formål", "Hej"}}};
  EXPECT_EQ(judge_input_hash(transcript, note), judge_input_hash(transcript, note));
  EXPECT_NE(judge_input_hash(transcript, note), judge_input_hash(transcript, CaseNote{"referat", note.sections}));
  EXPECT_NE(judge_input_hash(transcript, note), judge_input_hash(Transcript{}, note));
}

TEST(JudgeCacheFile, VerdictJsonRoundTrips) {
  const JudgeVerdict verdict{"pdqi9-da-v1", {{"accurate", 4, "Ét afsnit er upræcist: \"14. marts\"."}},
                             {{"Borger bor i Århus.", false}}, false};
  const auto back = verdict_from_json(verdict_to_json(verdict));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back.value(), verdict);
  EXPECT_FALSE(verdict_from_json(R"({"rubric_version":"v","rubric":[{"criterion":"a","score":6,"justification":""}],"claims":[]})").ok());
  EXPECT_FALSE(verdict_from_json("nonsense").ok());
}

// ---------------------------------------------------------------------------------------------------------------
// The "command" summariser

// A fake vendor whose behaviour is chosen by the conversation id, so one program can fail an item and (after
// its restart) serve the next.
constexpr const char* kFakeSummariser = R"PY(import json, os, sys, time
def send(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n"); sys.stdout.flush()
caps = ["transcription"] if len(sys.argv) > 1 and sys.argv[1] == "asr-only" else ["summarisation"]
send({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": "fake-notes", "version": "0.9", "capabilities": caps})
note = {"kind": "referat", "sections": [{"title": "Formål", "text": "Opfølgning på sygemelding, Åse."}]}
for line in sys.stdin:
    req = json.loads(line)
    rid, cid = req["id"], req["conversation_id"]
    if cid == "ok": send({"id": rid, "ok": True, "note": note})
    elif cid == "text": send({"id": rid, "ok": True, "text": "Formål: Opfølgning.\nAftaler:\nBorger ringer fredag."})
    elif cid == "crash": print("segfault in summariser", file=sys.stderr, flush=True); os._exit(3)
    elif cid == "hang": print("thinking forever", file=sys.stderr, flush=True); time.sleep(3600)
    elif cid == "garbage": print("Generating summary...", flush=True)
    elif cid == "wrong-id": send({"id": "s-999999", "ok": True, "note": note})
    elif cid == "error": send({"id": rid, "ok": False, "error": "context too long for CPR 120385-1234"})
    elif cid == "bad-note": send({"id": rid, "ok": True, "note": {"sections": "Formål"}})
    elif cid == "both": send({"id": rid, "ok": True, "note": note, "text": "Formål: x"})
    elif cid == "echo": send({"id": rid, "ok": True, "text": line.strip()})
    else: send({"id": rid, "ok": False, "error": "unknown conversation " + cid})
)PY";

class CommandSummariserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto path = dir_.path() / "fake.py";
    std::ofstream(path) << "#!" << kPython << "\n" << kFakeSummariser;
    ::chmod(path.c_str(), 0755);
  }

  std::unique_ptr<CommandSummariser> make(json cfg) {
    ProblemList problems;
    auto adapter = make_command_summariser(spec_of("command", std::move(cfg), dir_.path().string(), "s"), problems);
    EXPECT_TRUE(problems.empty()) << all_problems(problems);
    return std::unique_ptr<CommandSummariser>(static_cast<CommandSummariser*>(adapter.release()));
  }

  std::unique_ptr<CommandSummariser> fake(double timeout_s = 20) {
    return make({{"argv", {"./fake.py"}}, {"timeout_s", timeout_s}, {"startup_timeout_s", 20}});
  }

  static Outcome<CaseNote> run(SummarisationAdapter& adapter, const std::string& id,
                               const std::string& meeting_type = "første samtale") {
    Conversation conversation = make_conversation(id);
    conversation.meeting_type = meeting_type;
    const Transcript source{conversation.segments};
    return adapter.summarise({conversation, source, kSummarySourceTranscription, "/data"});
  }

  ScratchDir dir_;
};

TEST_F(CommandSummariserTest, ExampleProgramWritesANoteFromTheTurns) {
  auto adapter = make({{"argv", {kPython, kEchoSummariser}}, {"sections", {"Formål", "Borgerens situation", "Aftaler",
                                                                           "Næste skridt"}}});
  ASSERT_TRUE(adapter);
  EXPECT_EQ(adapter->id().name, "command:echo-summariser@1.0");
  auto result = run(*adapter, "conv-1");
  ASSERT_TRUE(result.ok()) << result.error();
  const Conversation c = make_conversation("conv-1");
  EXPECT_EQ(result.value(),
            (CaseNote{"journalnotat",
                      {{"Formål", "Første samtale."},
                       {"Borgerens situation", c.segments[1].text},
                       {"Aftaler", c.segments[0].text + " " + c.segments[2].text},
                       {"Næste skridt", "Ikke drøftet."}}}));
}

TEST_F(CommandSummariserTest, ExampleProgramTextAnswerIsReadByHeadingsAndCprIsMasked) {
  auto adapter = make({{"argv", {kPython, kEchoSummariser, "--text"}}, {"sections", {"Formål", "Aftaler"}}});
  ASSERT_TRUE(adapter);
  Conversation conversation = make_conversation(
      "conv-2", {{"SB", "caseworker", std::nullopt, std::nullopt, "Dit CPR-nummer er 120385-1234, ikke?"},
                 {"B", "citizen", std::nullopt, std::nullopt, "Ja."}});
  const Transcript source{conversation.segments};
  auto result = adapter->summarise({conversation, source, kSummarySourceReference, "/data"});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value().sections,
            (std::vector<NoteSection>{{"Formål", "Samtale i jobcentret."},
                                      {"Aftaler", "Dit CPR-nummer er XXXXXX-XXXX, ikke?"}}));
}

TEST_F(CommandSummariserTest, RequestCarriesTheSourceAndTheSections) {
  auto adapter = make({{"argv", {"./fake.py"}}, {"sections", {"Formål", "Aftaler"}}});
  auto result = run(*adapter, "echo");
  ASSERT_TRUE(result.ok()) << result.error();
  ASSERT_EQ(result.value().sections.size(), 1u);
  const json request = json::parse(result.value().sections[0].text);  // untitled: no heading in the echo
  EXPECT_EQ(request["task"], "summarisation");
  EXPECT_EQ(request["conversation_id"], "echo");
  EXPECT_EQ(request["source_kind"], "transcription");
  EXPECT_EQ(request["meeting_type"], "første samtale");
  EXPECT_EQ(request["sections"], json({"Formål", "Aftaler"}));
  EXPECT_EQ(request["transcript"]["segments"].size(), 3u);
  EXPECT_EQ(request["transcript"]["segments"][1]["role"], "citizen");
  EXPECT_EQ(request["id"].get<std::string>().rfind("s-", 0), 0u);
}

TEST_F(CommandSummariserTest, CrashHangAndGarbageFailOnlyTheirItem) {
  auto adapter = fake(2);
  ASSERT_TRUE(adapter);
  EXPECT_EQ(adapter->id().name, "command:fake-notes@0.9");
  const CaseNote ok{"referat", {{"Formål", "Opfølgning på sygemelding, Åse."}}};
  ASSERT_TRUE(run(*adapter, "ok").ok());
  EXPECT_EQ(adapter->programs_started(), 1u);

  const auto crashed = run(*adapter, "crash");
  ASSERT_FALSE(crashed.ok());
  EXPECT_NE(crashed.error().find("fake-notes: program exited with status 3 during the request"), std::string::npos)
      << crashed.error();
  EXPECT_NE(crashed.error().find("segfault in summariser"), std::string::npos);
  EXPECT_EQ(run(*adapter, "ok").value(), ok);
  EXPECT_EQ(adapter->programs_started(), 2u);

  const auto hung = run(*adapter, "hang");
  ASSERT_FALSE(hung.ok());
  EXPECT_NE(hung.error().find("no response within 2000 ms"), std::string::npos) << hung.error();
  EXPECT_NE(hung.error().find("thinking forever"), std::string::npos);
  EXPECT_EQ(run(*adapter, "ok").value(), ok);
  EXPECT_EQ(adapter->programs_started(), 3u);

  const auto garbage = run(*adapter, "garbage");
  ASSERT_FALSE(garbage.ok());
  EXPECT_NE(garbage.error().find("not JSON"), std::string::npos) << garbage.error();
  EXPECT_NE(garbage.error().find("Generating summary"), std::string::npos);
  EXPECT_EQ(run(*adapter, "ok").value(), ok);
  EXPECT_EQ(adapter->programs_started(), 4u);

  const auto wrong = run(*adapter, "wrong-id");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().find("does not match request id"), std::string::npos) << wrong.error();
  EXPECT_EQ(run(*adapter, "ok").value(), ok);
  EXPECT_EQ(adapter->programs_started(), 5u);
}

TEST_F(CommandSummariserTest, ReportedAndMalformedNotesFailWithoutARestart) {
  auto adapter = fake();
  const auto error = run(*adapter, "error");
  ASSERT_FALSE(error.ok());
  EXPECT_NE(error.error().find("adapter reported an error: context too long for CPR XXXXXX-XXXX"), std::string::npos)
      << error.error();
  const auto bad = run(*adapter, "bad-note");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("invalid note"), std::string::npos) << bad.error();
  const auto both = run(*adapter, "both");
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.error().find("both \"note\" and \"text\""), std::string::npos) << both.error();
  const auto text = run(*adapter, "text");
  ASSERT_TRUE(text.ok()) << text.error();
  EXPECT_EQ(text.value().sections,
            (std::vector<NoteSection>{{"Formål", "Opfølgning."}, {"Aftaler", "Borger ringer fredag."}}));
  EXPECT_EQ(adapter->programs_started(), 1u);
}

TEST_F(CommandSummariserTest, ProgramWithoutTheCapabilityOrMissingIsRejectedUpFront) {
  ProblemList problems;
  EXPECT_EQ(make_command_summariser(spec_of("command", {{"argv", {"./fake.py", "asr-only"}}}, dir_.path().string(), "s"),
                                    problems),
            nullptr);
  EXPECT_TRUE(has_problem(problems, "s.argv", "does not offer the \"summarisation\" capability")) << all_problems(problems);
  ProblemList missing;
  EXPECT_EQ(make_command_summariser(spec_of("command", {{"argv", {"./nope.py"}}, {"processes", 0}}, dir_.path().string(),
                                            "s"),
                                    missing),
            nullptr);
  EXPECT_TRUE(has_problem(missing, "s.argv[0]", "not an executable file")) << all_problems(missing);
  EXPECT_TRUE(has_problem(missing, "s.processes", "")) << all_problems(missing);
}

TEST_F(CommandSummariserTest, SeveralProgramsServeConcurrentRequests) {
  auto adapter = make({{"argv", {"./fake.py"}}, {"processes", 3}});
  std::vector<std::thread> threads;
  std::vector<int> good(6, 0);
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&, i] { good[static_cast<std::size_t>(i)] = run(*adapter, "ok").ok() ? 1 : 0; });
  for (auto& t : threads) t.join();
  EXPECT_EQ(good, std::vector<int>(6, 1));
  EXPECT_LE(adapter->programs_started(), 3u);
}

TEST(SummariseWire, ResponsesAreParsedStrictly) {
  const std::vector<std::string> sections = {"Formål"};
  EXPECT_FALSE(parse_summarise_response("not json", sections).ok());
  EXPECT_FALSE(parse_summarise_response(R"({"ok":true})", sections).ok());  // no id: stream out of step
  const auto no_ok = parse_summarise_response(R"({"id":"s-1","note":{"sections":[]}})", sections);
  ASSERT_TRUE(no_ok.ok());
  EXPECT_FALSE(no_ok.value().result.ok());
  const auto neither = parse_summarise_response(R"({"id":"s-1","ok":true})", sections);
  ASSERT_TRUE(neither.ok());
  EXPECT_NE(neither.value().result.error().find("neither"), std::string::npos);
  const auto note = parse_summarise_response(
      R"({"id":"s-2","ok":true,"note":{"kind":"referat","sections":[{"title":"Formål","text":"Æ"}]}})", sections);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(note.value().id, "s-2");
  EXPECT_EQ(note.value().result.value(), (CaseNote{"referat", {{"Formål", "Æ"}}}));
}

// ---------------------------------------------------------------------------------------------------------------
// Registration

TEST(RemoteRegistry, RegistersTheSummarisationAndJudgeKinds) {
  AdapterRegistry registry;
  register_remote_summarisation_adapters(registry);
  EXPECT_EQ(registry.summarisation_kinds(), (std::vector<std::string>{"command", "openai-http"}));
  EXPECT_EQ(registry.judge_kinds(), (std::vector<std::string>{"openai-http"}));
  ProblemList problems;
  EXPECT_EQ(registry.make_judge(spec_of("openai-http", json::object(), ".", "judge"), problems), nullptr);
  EXPECT_TRUE(has_problem(problems, "judge.base_url", "missing")) << all_problems(problems);
  EXPECT_TRUE(has_problem(problems, "judge.model", "missing")) << all_problems(problems);
}

}  // namespace
}  // namespace pb
