// The "command" kind against the example adapter and against misbehaving programs written by the tests.
#include "adapters/command_adapter.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "adapters/registry.h"
#include "adapters/wire_protocol.h"
#include "adapters/wrappers.h"
#include "tests/adapters/adapter_test_util.h"

namespace pb {
namespace {

using test::make_conversation;
using test::make_spec;
using test::ScratchDir;

const std::string kEchoExample = std::string(PILOTBENCH_SOURCE_DIR) + "/examples/adapters/echo_reference.py";

// One fake vendor whose behaviour is chosen by the conversation id, so a single program can show a failure and
// then (after its restart) a success. NAME/VERSION come from files so a test can "upgrade" the vendor.
constexpr const char* kFakeVendor = R"PY(import json, os, sys, time
here = os.path.dirname(os.path.abspath(__file__))
def read(name, default):
    try:
        with open(os.path.join(here, name)) as f: return f.read().strip()
    except OSError: return default
def send(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n"); sys.stdout.flush()
mode = read("startup_mode", "normal")
if mode == "silent": time.sleep(3600)
if mode == "die": print("cannot load model weights", file=sys.stderr, flush=True); sys.exit(4)
if mode == "garbage": print("Loading model...", flush=True); time.sleep(3600)
if mode == "v2": send({"protocol": "pilotbench-adapter", "protocol_version": 2, "name": "fake", "version": "1", "capabilities": ["transcription"]})
if mode == "nocap": send({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": "fake", "version": "1", "capabilities": ["summary"]})
send({"protocol": "pilotbench-adapter", "protocol_version": 1, "name": "fake-asr", "version": read("version", "2.3"), "capabilities": ["transcription"]})
ok = {"segments": [{"speaker": "spk0", "start": 0.0, "end": 1.5, "text": "Hej Søren, velkommen på jobcentret"}]}
for line in sys.stdin:
    req = json.loads(line)
    rid, cid = req["id"], req["conversation_id"]
    if cid == "ok": send({"id": rid, "ok": True, "transcript": ok})
    elif cid == "wrong-id": send({"id": "r-999999", "ok": True, "transcript": ok})
    elif cid == "garbage": print("this is not json", flush=True)
    elif cid == "crash": print("boom: segfault in decoder", file=sys.stderr, flush=True); os._exit(3)
    elif cid == "hang": print("thinking forever", file=sys.stderr, flush=True); time.sleep(3600)
    elif cid == "error": print("model overloaded", file=sys.stderr, flush=True); send({"id": rid, "ok": False, "error": "GPU out of memory"})
    elif cid == "invalid": send({"id": rid, "ok": True, "transcript": {"segments": [{"start": 5, "end": 1, "text": "x"}]}})
    elif cid == "noise":
        for i in range(3000): print("debug line %d: " % i + "x" * 100, file=sys.stderr)
        sys.stderr.flush(); send({"id": rid, "ok": True, "transcript": ok})
    elif cid == "env": send({"id": rid, "ok": True, "transcript": {"segments": [{"text": " ".join(sorted(os.environ))}]}})
    elif cid == "echo-request": send({"id": rid, "ok": True, "transcript": {"segments": [{"text": line.strip()}]}})
    elif cid == "alloc":
        block = bytearray(1024 * 1024 * 1024); send({"id": rid, "ok": True, "transcript": ok})
    elif cid == "exit-after":
        send({"id": rid, "ok": True, "transcript": ok}); sys.exit(0)
    else: send({"id": rid, "ok": False, "error": "unknown conversation " + cid})
)PY";

void write_file(const std::filesystem::path& path, const std::string& content, bool executable = false) {
  std::ofstream(path, std::ios::binary) << content;
  if (executable) ::chmod(path.c_str(), 0755);
}

// The interpreter itself rather than a launcher found in PATH (pyenv's shim is a shell script that adds its own
// variables to the environment, which would blur the environment test, and costs a shell per start).
std::string real_python() {
  static const std::string path = [] {
    std::string out;
    if (FILE* pipe = ::popen("python3 -c 'import sys; print(sys.executable)'", "r")) {
      char buffer[4096];
      while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
      ::pclose(pipe);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out.empty() ? std::string("/usr/bin/python3") : out;
  }();
  return path;
}

class CommandAdapterTest : public ::testing::Test {
 protected:
  void SetUp() override { write_file(dir_.path() / "vendor.py", "#!" + real_python() + "\n" + kFakeVendor, true); }

  AdapterSpec spec(nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json config = {{"argv", {"./vendor.py"}}, {"timeout_s", 20}, {"startup_timeout_s", 20}};
    for (auto& [key, value] : extra.items()) config[key] = value;
    return make_spec("command", config, dir_.path().string());
  }

  std::unique_ptr<CommandTranscriptionAdapter> make(nlohmann::json extra = nlohmann::json::object()) {
    ProblemList problems;
    auto adapter = make_command_adapter(spec(std::move(extra)), problems);
    for (const auto& p : problems.items()) ADD_FAILURE() << p.to_string();
    return std::unique_ptr<CommandTranscriptionAdapter>(static_cast<CommandTranscriptionAdapter*>(adapter.release()));
  }

  // The problems the factory reports for a config; the adapter must not be built.
  std::vector<Problem> problems_for(nlohmann::json extra) {
    ProblemList problems;
    EXPECT_EQ(make_command_adapter(spec(std::move(extra)), problems), nullptr);
    return problems.items();
  }

  static Outcome<Transcript> run(TranscriptionAdapter& adapter, const std::string& id) {
    const Conversation conversation = make_conversation(id);
    return adapter.transcribe({conversation, "/data/set"});
  }

  ScratchDir dir_;
};

const Transcript kFakeTranscript{{{"spk0", "", 0.0, 1.5, "Hej Søren, velkommen på jobcentret"}}};

TEST(CommandAdapterExample, EchoesTheReferenceWhenAskedTo) {
  AdapterSpec spec = make_spec("command", {{"argv", {"python3", kEchoExample}}, {"send_reference", true}});
  ProblemList problems;
  auto adapter = make_command_adapter(spec, problems);
  ASSERT_NE(adapter, nullptr) << (problems.empty() ? "" : problems.items()[0].to_string());
  EXPECT_EQ(adapter->id(), (ComponentId{"command:echo-reference@1.0", "1"}));
  const Conversation conversation = make_conversation("conv-0001");
  auto result = adapter->transcribe({conversation, "."});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value(), Transcript{conversation.segments});  // æøå, speakers, roles and times survive
}

TEST(CommandAdapterExample, ReturnsAnEmptyTranscriptWithoutTheReference) {
  AdapterSpec spec = make_spec("command", {{"argv", {"python3", kEchoExample}}});
  ProblemList problems;
  auto adapter = make_command_adapter(spec, problems);
  ASSERT_NE(adapter, nullptr);
  auto result = adapter->transcribe({make_conversation("conv-0002"), "."});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_TRUE(result.value().segments.empty());
}

TEST(CommandAdapterExample, WorksThroughTheRegistryAndWrappersWithAndWithoutIsolation) {
  AdapterRegistry registry;
  register_builtin_adapters(registry);
  ASSERT_TRUE(registry.has_transcription("command"));
  for (const bool isolate : {false, true}) {
    SCOPED_TRACE(isolate ? "isolated" : "not isolated");
    AdapterSpec spec = make_spec(
        "command",
        {{"argv", {"python3", kEchoExample}}, {"send_reference", true}, {"isolate", isolate}, {"timeout_s", 30}});
    ProblemList problems;
    auto adapter = wrap_transcription_adapter(registry.make_transcription(spec, problems), spec, problems);
    ASSERT_NE(adapter, nullptr) << (problems.empty() ? "" : problems.items()[0].to_string());
    EXPECT_EQ(adapter->id().name, "command:echo-reference@1.0");
    for (const char* id : {"a", "b"}) {
      const Conversation conversation = make_conversation(id);
      auto result = adapter->transcribe({conversation, "."});
      ASSERT_TRUE(result.ok()) << result.error();
      EXPECT_EQ(result.value().segments.size(), 3u);
    }
  }
}

TEST_F(CommandAdapterTest, IdentityCarriesTheVendorsNameAndVersion) {
  auto adapter = make();
  ASSERT_NE(adapter, nullptr);
  EXPECT_EQ(adapter->id(), (ComponentId{"command:fake-asr@2.3", "1"}));
  EXPECT_EQ(adapter->handshake().name, "fake-asr");
  EXPECT_EQ(adapter->handshake().version, "2.3");
  EXPECT_EQ(adapter->handshake().capabilities, std::vector<std::string>{"transcription"});
  auto result = run(*adapter, "ok");
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value(), kFakeTranscript);
  EXPECT_EQ(adapter->programs_started(), 1u);
}

TEST_F(CommandAdapterTest, SendsTheDocumentedRequest) {
  auto adapter = make();
  ASSERT_NE(adapter, nullptr);
  Conversation conversation = make_conversation("echo-request");
  conversation.audio = "audio/../audio/echo.wav";
  conversation.language = "da";
  auto result = adapter->transcribe({conversation, "/data/set"});
  ASSERT_TRUE(result.ok()) << result.error();
  auto request = parse_request(result.value().segments.at(0).text);
  ASSERT_TRUE(request.ok()) << request.error();
  EXPECT_EQ(request.value().id, "r-1");
  EXPECT_EQ(request.value().task, "transcription");
  EXPECT_EQ(request.value().conversation_id, "echo-request");
  EXPECT_EQ(request.value().language, "da");
  EXPECT_EQ(request.value().audio_path, "/data/set/audio/echo.wav");
  EXPECT_FALSE(request.value().reference.has_value());  // never sent unless configured

  auto second = adapter->transcribe({conversation, "/data/set"});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(parse_request(second.value().segments.at(0).text).value().id, "r-2");
}

TEST_F(CommandAdapterTest, WrongIdFailsTheItemAndRestartsTheProgram) {
  auto adapter = make();
  ASSERT_NE(adapter, nullptr);
  auto bad = run(*adapter, "wrong-id");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("response id \"r-999999\" does not match request id \"r-1\""), std::string::npos)
      << bad.error();
  EXPECT_EQ(bad.error().rfind("fake-asr: ", 0), 0u) << bad.error();
  auto good = run(*adapter, "ok");
  ASSERT_TRUE(good.ok()) << good.error();
  EXPECT_EQ(adapter->programs_started(), 2u);
}

TEST_F(CommandAdapterTest, GarbageLineFailsTheItemAndRestartsTheProgram) {
  auto adapter = make();
  ASSERT_NE(adapter, nullptr);
  auto bad = run(*adapter, "garbage");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("response is not JSON"), std::string::npos) << bad.error();
  EXPECT_NE(bad.error().find("this is not json"), std::string::npos) << bad.error();
  EXPECT_TRUE(run(*adapter, "ok").ok());
  EXPECT_EQ(adapter->programs_started(), 2u);
}

TEST_F(CommandAdapterTest, CrashMidRequestFailsTheItemWithStatusAndStderr) {
  auto adapter = make();
  ASSERT_NE(adapter, nullptr);
  auto bad = run(*adapter, "crash");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("program exited with status 3 during the request"), std::string::npos) << bad.error();
  EXPECT_NE(bad.error().find("stderr: boom: segfault in decoder"), std::string::npos) << bad.error();
  auto good = run(*adapter, "ok");
  ASSERT_TRUE(good.ok()) << good.error();
  EXPECT_EQ(adapter->programs_started(), 2u);
}

TEST_F(CommandAdapterTest, ProgramThatExitsWhileIdleIsRestartedForTheNextRequest) {
  auto adapter = make();
  ASSERT_NE(adapter, nullptr);
  ASSERT_TRUE(run(*adapter, "exit-after").ok());
  auto next = run(*adapter, "ok");
  ASSERT_TRUE(next.ok()) << next.error();
  EXPECT_EQ(adapter->programs_started(), 2u);
}

TEST_F(CommandAdapterTest, HungProgramTimesOutIsKilledAndRestarted) {
  auto adapter = make({{"timeout_s", 0.5}});
  ASSERT_NE(adapter, nullptr);
  auto bad = run(*adapter, "hang");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("no response within 500 ms"), std::string::npos) << bad.error();
  EXPECT_NE(bad.error().find("thinking forever"), std::string::npos) << bad.error();
  auto good = run(*adapter, "ok");
  ASSERT_TRUE(good.ok()) << good.error();
  EXPECT_EQ(adapter->programs_started(), 2u);
}

TEST_F(CommandAdapterTest, ReportedErrorFailsTheItemButKeepsTheProgram) {
  auto adapter = make();
  ASSERT_NE(adapter, nullptr);
  auto bad = run(*adapter, "error");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("fake-asr: adapter reported an error: GPU out of memory; stderr: model overloaded"),
            std::string::npos)
      << bad.error();
  auto invalid = run(*adapter, "invalid");
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.error().find("invalid transcript"), std::string::npos) << invalid.error();
  EXPECT_TRUE(run(*adapter, "ok").ok());
  EXPECT_EQ(adapter->programs_started(), 1u);
}

TEST_F(CommandAdapterTest, StderrNoiseDoesNotBlockTheProgram) {
  auto adapter = make();
  ASSERT_NE(adapter, nullptr);
  auto result = run(*adapter, "noise");  // ~300 KB of stderr: more than a pipe holds
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value(), kFakeTranscript);
}

TEST_F(CommandAdapterTest, EnvironmentIsScrubbed) {
  ::setenv("PB_TEST_SECRET_TOKEN", "hunter2", 1);
  auto adapter = make({{"env", {{"VENDOR_MODEL", "large"}}}});
  ::unsetenv("PB_TEST_SECRET_TOKEN");
  ASSERT_NE(adapter, nullptr);
  auto result = run(*adapter, "env");
  ASSERT_TRUE(result.ok()) << result.error();
  const std::vector<std::string> names = test::words(result.value().segments.at(0).text);
  auto has = [&](const std::string& name) { return std::find(names.begin(), names.end(), name) != names.end(); };
  EXPECT_TRUE(has("VENDOR_MODEL"));
  EXPECT_TRUE(has("PATH"));
  EXPECT_FALSE(has("PB_TEST_SECRET_TOKEN"));
  for (const std::string& name : names) {
    const bool allowed =
        name == "PATH" || name == "HOME" || name == "LANG" || name.rfind("LC_", 0) == 0 || name == "VENDOR_MODEL";
    EXPECT_TRUE(allowed) << name;
  }
}

TEST_F(CommandAdapterTest, MemoryLimitAppliesToTheProgram) {
  auto adapter = make({{"memory_limit_mb", 256}});
  ASSERT_NE(adapter, nullptr);
  auto bad = run(*adapter, "alloc");  // 1 GiB
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("MemoryError"), std::string::npos) << bad.error();
}

TEST_F(CommandAdapterTest, SeveralProgramsServeConcurrentRequests) {
  auto adapter = make({{"processes", 2}});
  ASSERT_NE(adapter, nullptr);
  std::vector<std::thread> threads;
  std::atomic<int> successes{0};
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&] {
      if (run(*adapter, "ok").ok()) ++successes;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(successes.load(), 6);
  EXPECT_LE(adapter->programs_started(), 2u);
}

TEST_F(CommandAdapterTest, RestartedProgramWithAnotherVersionFailsTheItem) {
  auto adapter = make();
  ASSERT_NE(adapter, nullptr);
  write_file(dir_.path() / "version", "2.4");
  ASSERT_FALSE(run(*adapter, "crash").ok());
  auto changed = run(*adapter, "ok");
  ASSERT_FALSE(changed.ok());
  EXPECT_NE(changed.error().find("restarted program reports fake-asr@2.4 but the run started with fake-asr@2.3"),
            std::string::npos)
      << changed.error();
  EXPECT_EQ(adapter->id().name, "command:fake-asr@2.3");
}

TEST_F(CommandAdapterTest, StartupFailuresAreScenarioProblems) {
  struct Case {
    const char* mode;
    const char* expected;
  };
  for (const Case& c :
       {Case{"silent", "no handshake within 1000 ms"},
        Case{"die", "program exited with status 4 before its handshake; stderr: cannot load model weights"},
        Case{"garbage", "handshake is not JSON"}, Case{"v2", "adapter speaks protocol_version 2; pilotbench speaks 1"},
        Case{"nocap", "does not offer the \"transcription\" capability"}}) {
    SCOPED_TRACE(c.mode);
    write_file(dir_.path() / "startup_mode", c.mode);
    const double startup_s = std::string(c.mode) == "silent" ? 1.0 : 30.0;
    const auto problems = problems_for({{"startup_timeout_s", startup_s}});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].field, "solutions[0].transcription.argv");
    EXPECT_NE(problems[0].message.find(c.expected), std::string::npos) << problems[0].message;
  }
}

TEST_F(CommandAdapterTest, ConfigProblemsNameTheField) {
  auto first = [&](nlohmann::json config) {
    ProblemList problems;
    EXPECT_EQ(make_command_adapter(make_spec("command", std::move(config), dir_.path().string()), problems), nullptr);
    return problems.empty() ? Problem{} : problems.items()[0];
  };
  EXPECT_EQ(first(nlohmann::json::object()).field, "solutions[0].transcription.argv");
  EXPECT_EQ(first({{"argv", nlohmann::json::array()}}).field, "solutions[0].transcription.argv");
  EXPECT_EQ(first({{"argv", {42}}}).field, "solutions[0].transcription.argv[0]");
  const Problem missing = first({{"argv", {"no-such-program-pb-xyz"}}});
  EXPECT_EQ(missing.field, "solutions[0].transcription.argv[0]");
  EXPECT_NE(missing.message.find("not found in PATH"), std::string::npos);
  const Problem bare = first({{"argv", {"vendor.py"}}});  // exists next to the scenario, but is not in PATH
  EXPECT_NE(bare.message.find("written \"./vendor.py\""), std::string::npos) << bare.message;
  EXPECT_EQ(first({{"argv", {"./vendor.py"}}, {"env", {{"BAD-NAME", "x"}}}}).field,
            "solutions[0].transcription.env.BAD-NAME");
  EXPECT_EQ(first({{"argv", {"./vendor.py"}}, {"env", {{"X", 1}}}}).field, "solutions[0].transcription.env.X");
  EXPECT_EQ(first({{"argv", {"./vendor.py"}}, {"memory_limit_mb", 1}}).field,
            "solutions[0].transcription.memory_limit_mb");
  EXPECT_EQ(first({{"argv", {"./vendor.py"}}, {"processes", 0}}).field, "solutions[0].transcription.processes");
  EXPECT_EQ(first({{"argv", {"./vendor.py"}}, {"shell", true}}).field, "solutions[0].transcription.shell");
  write_file(dir_.path() / "not-executable.py", "print()");
  EXPECT_NE(first({{"argv", {"./not-executable.py"}}}).message.find("not an executable file"), std::string::npos);
}

TEST(CommandEnvironment, KeepsOnlyPathHomeAndLocaleThenAddsTheConfiguredOnes) {
  const std::vector<std::string> current = {
      "PATH=/usr/bin:/bin",  "HOME=/home/sb",       "LANG=da_DK.UTF-8", "LC_ALL=C.UTF-8", "AWS_SECRET_ACCESS_KEY=x",
      "OPENAI_API_KEY=sk-1", "LD_PRELOAD=/evil.so", "PATH=/second",     "=odd",           "NOEQUALS"};
  EXPECT_EQ(command_environment({{"MODEL", "æøå"}, {"HOME", "/srv/vendor"}}, current),
            (std::vector<std::string>{"HOME=/srv/vendor", "LANG=da_DK.UTF-8", "LC_ALL=C.UTF-8", "MODEL=æøå",
                                      "PATH=/usr/bin:/bin"}));
  EXPECT_TRUE(command_environment({}, {}).empty());
}

TEST(ResolveProgram, SearchesPathForBareNamesAndTheScenarioFolderForPaths) {
  ScratchDir dir;
  std::filesystem::create_directories(dir.path() / "bin");
  write_file(dir.path() / "bin" / "asr", "#!/bin/sh\n", true);
  write_file(dir.path() / "plain", "data");
  const std::string bin = (dir.path() / "bin").string();
  EXPECT_EQ(resolve_program("asr", "/nonexistent:" + bin, "/"), dir.path() / "bin" / "asr");
  EXPECT_EQ(resolve_program("./bin/asr", "", dir.path()), dir.path() / "bin" / "asr");
  EXPECT_EQ(resolve_program((dir.path() / "bin/asr").string(), "", "/elsewhere"), dir.path() / "bin" / "asr");
  EXPECT_EQ(resolve_program("asr", "", dir.path() / "bin"), std::nullopt);  // bare names never use the folder
  EXPECT_EQ(resolve_program("asr", "bin", dir.path()), std::nullopt);       // nor relative PATH entries
  EXPECT_EQ(resolve_program("./plain", "", dir.path()), std::nullopt);      // not executable
  EXPECT_EQ(resolve_program("./bin", "", dir.path()), std::nullopt);        // a folder
  EXPECT_EQ(resolve_program("", bin, dir.path()), std::nullopt);
}

}  // namespace
}  // namespace pb
