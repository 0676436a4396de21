#include "harness/cli.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "adapters/registry.h"
#include "core/cpr.h"
#include "core/error.h"
#include "core/files.h"
#include "core/hash.h"
#include "formats/case_dataset.h"
#include "formats/human_ratings.h"
#include "formats/pseudonymise_csv.h"
#include "harness/case_data.h"
#include "harness/dataset_io.h"
#include "harness/decision_runner.h"
#include "harness/decision_session.h"
#include "harness/baseline_commands.h"
#include "harness/file_scoring.h"
#include "harness/measurement_plan.h"
#include "harness/ranking_file_scoring.h"
#include "harness/risk_file_scoring.h"
#include "harness/interrupt.h"
#include "harness/results_builder.h"
#include "harness/run_loading.h"
#include "harness/runner.h"
#include "harness/scenario.h"
#include "harness/session.h"
#include "harness/store.h"
#include "harness/summary_file_scoring.h"
#include "pilotbench/version.h"
#include "reports/decision_html.h"
#include "reports/decision_json.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"
#include "scenarios/synth_audio.h"
#include "scenarios/synth_conversations.h"

namespace pb {
namespace {

std::string code_version() { return pilotbench_code_version(); }

// --- run -------------------------------------------------------------------------------------------

struct RunArgs {
  std::string scenario;
  std::int64_t resume = 0;
  std::string db = "pilotbench.db";
  std::string cache_dir = ".pilotbench-cache";
  std::string report_dir = "pilotbench-reports";
  int jobs = 0;  // 0: scenario's value
  bool json = false;
  bool no_report = false;
  bool quiet = false;
};

struct ReportPaths {
  std::filesystem::path html;
  std::filesystem::path json;
};

ReportPaths write_reports(const RunResults& results, const std::filesystem::path& dir) {
  ReportPaths paths{dir / "report.html", dir / "results.json"};
  write_private_file(paths.json, render_json_report(results));
  write_private_file(paths.html, render_html_report(results));
  return paths;
}

// Starts a new run record or reopens one to resume. Resuming is refused when the data or any component changed
// since the run started (a resumed run must be the run it continues). Returns false when interrupted before start.
bool start_or_resume(const RunArgs& args, Store& store, const Scenario& scenario, RunRecord& run,
                     const std::string& data_file, const std::string& data_path, const std::string& data_hash,
                     const nlohmann::ordered_json& identity, std::int64_t items_planned, const char* data_kind) {
  if (args.resume > 0) {
    if (data_hash != run.dataset_hash)
      throw InputError(Problem{data_file, 0, "",
                               fmt::format("cannot resume run {}: the {} changed since the run started "
                                           "(hash {} then, {} now); start a new run",
                                           run.id, data_kind, run.dataset_hash.substr(0, 12), data_hash.substr(0, 12))});
    const auto differences = component_differences(nlohmann::json::parse(run.components_json), identity);
    if (!differences.empty()) {
      std::vector<Problem> list;
      for (const auto& d : differences)
        list.push_back({args.db, 0, "", fmt::format("cannot resume run {}: {}; start a new run", run.id, d)});
      throw InputError(list);
    }
    store.set_run_status(run.id, "running", false);
    return true;
  }
  run.scenario_name = scenario.name;
  run.scenario_file = std::filesystem::absolute(args.scenario).string();
  run.scenario_json = scenario.source.dump();
  run.scenario_hash = sha256_hex(canonical_json(scenario.source));
  run.dataset_path = data_path;
  run.dataset_hash = data_hash;
  run.code_version = code_version();
  run.seed = scenario.seed;
  run.components_json = identity.dump();
  run.items_planned = items_planned;
  if (interrupt_requested()) {
    std::cerr << "interrupted before the run started; nothing was stored\n";
    return false;
  }
  run.id = store.create_run(run);
  return true;
}

ExecutionOptions execution_options(const RunArgs& args, const Scenario& scenario) {
  ExecutionOptions options;
  options.jobs = args.jobs > 0 ? args.jobs : scenario.jobs;
  options.stop_requested = [] { return interrupt_requested(); };
  options.progress = (args.quiet || args.json) ? nullptr : &std::cerr;
  options.progress_is_terminal = ::isatty(STDERR_FILENO) != 0;
  return options;
}

// What `run` prints at the end: the JSON summary, or the status lines and the report's path.
void print_run_outcome(const RunArgs& args, const RunRecord& run, const RunnerSummary& summary,
                       const ReportPaths& paths, int code, const std::string& target_picture) {
  if (args.json) {
    nlohmann::ordered_json out;
    out["run_id"] = run.id;
    out["status"] = run.status;
    out["exit_code"] = code;
    out["items"] = {{"planned", run.items_planned}, {"done", run.items_done}, {"failed", run.items_failed}};
    out["target_picture"] = target_picture;
    out["reports"] = args.no_report ? nlohmann::ordered_json(nullptr)
                                    : nlohmann::ordered_json{{"html", paths.html.string()}, {"json", paths.json.string()}};
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (args.quiet) return;
  if (summary.interrupted)
    std::cerr << fmt::format("interrupted: {} items stored, {} left. Resume with: pilotbench run --resume {}{}\n",
                             run.items_done, summary.remaining, run.id,
                             args.db == "pilotbench.db" ? "" : " --db " + args.db);
  std::cerr << fmt::format("run {} {}: {} items, {} failed{}\n", run.id, run.status, run.items_done, run.items_failed,
                           target_picture == "none"     ? ""
                           : target_picture == "missed" ? "; target picture MISSED"
                                                        : "; target picture not missed");
  if (!args.no_report) std::cout << "HTML report: " << std::filesystem::absolute(paths.html).string() << "\n";
}

ReportPaths write_decision_reports(const DecisionResults& results, const std::filesystem::path& dir) {
  ReportPaths paths{dir / "report.html", dir / "results.json"};
  write_private_file(paths.json, render_decision_json(results));
  write_private_file(paths.html, render_decision_html(results));
  return paths;
}

// A decision-support run: train on the training cases, decide on the held-out ones, report policy value, risk-score
// quality and fairness. Same store, resume, exit codes and output as a conversation run.
int command_run_decision(const RunArgs& args, Store& store, const Scenario& scenario, RunRecord run) {
  AdapterRegistry registry;
  register_builtin_adapters(registry);
  ProblemList problems;
  auto solutions = build_decision_solutions(scenario, registry, problems);
  problems.throw_if_any();
  const auto case_file = args.resume > 0 ? std::filesystem::path(run.dataset_path)
                                         : resolve_case_file(scenario, args.cache_dir);
  const CaseData data = load_case_data(case_file, scenario);
  const auto identity = decision_component_identity(solutions);
  if (!start_or_resume(args, store, scenario, run, data.path, data.path, data.hash, identity,
                       planned_decision_items(data, solutions.size()), "case file"))
    return kExitInterrupted;
  if (!args.quiet && !args.json)
    std::cerr << fmt::format("run {}: {} cases ({} for training, {} held out) × {} solutions = {} items (database {})\n",
                             run.id, data.dataset.cases.size(), data.training.size(), data.evaluated.size(),
                             solutions.size(), planned_decision_items(data, solutions.size()), args.db);
  const ExecutionOptions options = execution_options(args, scenario);
  const RunnerSummary summary = run_pending_decisions(store, run.id, data, solutions, options);
  store.set_run_status(run.id, summary.interrupted ? "interrupted" : "finished", !summary.interrupted);
  run = *store.find_run(run.id);

  ReportPaths paths;
  const DecisionResults results = load_decision_results(store, run, scenario_base_of(run));
  if (!args.no_report)
    paths = write_decision_reports(results, std::filesystem::path(args.report_dir) / fmt::format("run-{}", run.id));
  const int code = summary.interrupted ? kExitInterrupted : kExitOk;
  print_run_outcome(args, run, summary, paths, code, "none");
  return code;
}

int command_run(const RunArgs& args) {
  // Installed first, so Ctrl-C during set-up (dataset generation can take a while) is handled too.
  install_interrupt_handlers();
  AdapterRegistry registry;
  register_builtin_adapters(registry);
  Store store = Store::open(args.db);

  Scenario scenario;
  RunRecord run;
  if (args.resume > 0) {
    auto found = store.find_run(args.resume);
    if (!found) throw InputError(Problem{args.db, 0, "", fmt::format("no run {} in this database", args.resume)});
    run = *found;
    if (run.status == "finished") {
      std::cerr << fmt::format("run {} is already finished; nothing to resume\n", run.id);
      return kExitOk;
    }
    ProblemList problems;
    scenario = parse_scenario(nlohmann::json::parse(run.scenario_json), run.scenario_file,
                              scenario_base_of(run).string(), problems);
    problems.throw_if_any();
  } else {
    scenario = load_scenario(args.scenario);
  }
  if (scenario.is_decision()) return command_run_decision(args, store, scenario, run);

  ProblemList problems;
  auto solutions = build_solutions(scenario, registry, problems);
  auto judge = build_judge(scenario, registry, problems);
  problems.throw_if_any();
  // Read now so a broken ratings file stops the run before any work, not when the report is written.
  if (scenario.summary.human_ratings) read_human_ratings(*scenario.summary.human_ratings);

  const auto dataset_dir = args.resume > 0 ? std::filesystem::path(run.dataset_path)
                                           : resolve_dataset(scenario, args.cache_dir);
  Dataset dataset = load_dataset(dataset_dir);
  const auto identity = component_identity(scenario, solutions, judge.get());

  if (!start_or_resume(args, store, scenario, run, (dataset_dir / kManifestName).string(),
                       std::filesystem::absolute(dataset_dir).lexically_normal().string(), dataset.hash, identity,
                       static_cast<std::int64_t>(dataset.conversations.size() * tasks_per_conversation(solutions)),
                       "dataset"))
    return kExitInterrupted;
  if (!args.quiet && !args.json)
    std::cerr << fmt::format("run {}: {} conversations × {} solutions = {} items (database {})\n", run.id,
                             dataset.conversations.size(), solutions.size(),
                             dataset.conversations.size() * tasks_per_conversation(solutions), args.db);

  RunnerOptions options;
  static_cast<ExecutionOptions&>(options) = execution_options(args, scenario);
  options.scoring = scoring_of(scenario);
  options.summary_scoring = summary_scoring_of(scenario);
  options.judge = judge.get();
  const RunnerSummary summary = run_pending_items(store, run.id, dataset, solutions, options);

  store.set_run_status(run.id, summary.interrupted ? "interrupted" : "finished", !summary.interrupted);
  run = *store.find_run(run.id);

  ReportPaths paths;
  const RunResults results = load_results(store, run, scenario_base_of(run));
  if (!args.no_report) paths = write_reports(results, std::filesystem::path(args.report_dir) / fmt::format("run-{}", run.id));
  const bool missed = target_picture_missed(results);
  const int code = summary.interrupted ? kExitInterrupted : missed ? kExitTargetMissed : kExitOk;

  print_run_outcome(args, run, summary, paths, code,
                    results.targets.empty() ? "none" : missed ? "missed" : "not missed");
  return code;
}

// --- runs ------------------------------------------------------------------------------------------

int command_runs(const std::string& db, bool json) {
  Store store = Store::open_read_only(db);
  const auto runs = store.list_runs();
  if (json) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& r : runs)
      out.push_back({{"id", r.id},
                     {"scenario", mask_cpr(r.scenario_name)},
                     {"status", r.status},
                     {"started_at", r.started_at},
                     {"finished_at", r.finished_at.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.finished_at)},
                     {"items_planned", r.items_planned},
                     {"items_done", r.items_done},
                     {"items_failed", r.items_failed},
                     {"dataset_hash", r.dataset_hash},
                     {"code_version", r.code_version},
                     {"seed", r.seed}});
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("{:>4}  {:<12} {:<20} {:>11} {:>7}  {}\n", "ID", "STATUS", "STARTED", "ITEMS", "FAILED", "SCENARIO");
  for (const auto& r : runs)
    std::cout << fmt::format("{:>4}  {:<12} {:<20} {:>5}/{:<5} {:>7}  {}\n", r.id, r.status, r.started_at, r.items_done,
                             r.items_planned, r.items_failed, mask_cpr(r.scenario_name));
  return kExitOk;
}

// --- report ----------------------------------------------------------------------------------------

int command_report(std::int64_t run_id, const std::string& db, const std::string& format, const std::string& out,
                   bool per_item) {
  Store store = Store::open_read_only(db);
  auto run = store.find_run(run_id);
  if (!run) throw InputError(Problem{db, 0, "", fmt::format("no run {} in this database", run_id)});
  std::string content;
  if (is_decision_run(*run)) {
    const DecisionResults results = load_decision_results(store, *run, scenario_base_of(*run));
    content = format == "json"    ? render_decision_json(results)
              : format == "junit" ? render_decision_junit_report(results)
                                  : render_decision_html(results);
  } else {
    RunResults results = load_results(store, *run, scenario_base_of(*run));
    results.include_items = per_item;
    content = format == "json"    ? render_json_report(results)
              : format == "junit" ? render_junit_report(results)
                                  : render_html_report(results);
  }
  if (out == "-") {
    std::cout << content;
  } else {
    const std::string path =
        out.empty() ? fmt::format("pilotbench-reports/run-{}/{}", run_id,
                                  format == "json"    ? "results.json"
                                  : format == "junit" ? "junit.xml"
                                                      : "report.html")
                    : out;
    write_private_file(path, content);
    std::cout << std::filesystem::absolute(path).string() << "\n";
  }
  return kExitOk;
}

// --- validate --------------------------------------------------------------------------------------

int command_validate(const std::string& path) {
  std::vector<Problem> problems;
  std::string summary;
  const bool is_scenario = std::filesystem::is_regular_file(path) && std::filesystem::path(path).extension() == ".json";
  bool is_plan = false;
  if (is_scenario) {
    try {
      is_plan = looks_like_measurement_plan(nlohmann::json::parse(read_file(path)));
    } catch (const std::exception&) {
      is_plan = false;  // not JSON: the scenario reader reports where
    }
  }
  if (is_plan) {
    MeasurementPlan plan;
    problems = measurement_plan_problems(path, &plan);
    for (const auto& point : plan.points) {
      if (!problems.empty()) break;
      for (const auto& file : {point.timing, point.survey})
        if (file && !std::filesystem::exists(*file))
          problems.push_back(Problem{path, plan.lines.count(point.json_path) ? plan.lines.at(point.json_path) : 0,
                                     point.json_path, "no such file or folder: " + file->string()});
    }
    summary = fmt::format("measurement plan \"{}\" with {} KPIs and {} measurement points", plan.name, plan.kpis.size(),
                          plan.points.size());
  } else if (is_scenario) {
    Scenario scenario;
    problems = scenario_problems(path, &scenario);
    if (problems.empty() && scenario.is_decision()) {
      AdapterRegistry registry;
      register_builtin_adapters(registry);
      ProblemList adapter_problems;
      build_decision_solutions(scenario, registry, adapter_problems);
      problems = adapter_problems.items();
      if (problems.empty() && scenario.dataset.cases) {
        try {
          load_case_data(*scenario.dataset.cases, scenario);
        } catch (const InputError& e) {
          problems = e.problems();
        }
      }
    } else if (problems.empty()) {
      AdapterRegistry registry;
      register_builtin_adapters(registry);
      ProblemList adapter_problems;
      build_solutions(scenario, registry, adapter_problems);
      build_judge(scenario, registry, adapter_problems);
      problems = adapter_problems.items();
      if (problems.empty() && scenario.summary.human_ratings) {
        try {
          read_human_ratings(*scenario.summary.human_ratings);
        } catch (const InputError& e) {
          problems = e.problems();
        }
      }
      if (problems.empty() && scenario.dataset.path) {
        auto dataset_problems = validate_dataset(*scenario.dataset.path);
        problems.insert(problems.end(), dataset_problems.begin(), dataset_problems.end());
      }
    }
    summary = fmt::format("scenario \"{}\" with {} solutions", scenario.name, scenario.solutions.size());
  } else if (const auto ext = [&] {
               std::string e = std::filesystem::path(path).extension().string();
               for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
               return e;
             }();
             std::filesystem::is_regular_file(path) && (ext == ".csv" || (ext == ".jsonl" &&
                                                        std::filesystem::path(path).filename() != kManifestName))) {
    try {
      const auto cases = read_case_dataset(path);
      summary = fmt::format("case dataset with {} cases", cases.cases.size());
    } catch (const InputError& e) {
      problems = e.problems();
    }
  } else {
    problems = validate_dataset(path);
    if (problems.empty()) summary = fmt::format("dataset with {} conversations", load_dataset(path).conversations.size());
  }
  for (const auto& p : problems) std::cerr << mask_cpr(p.to_string()) << "\n";
  if (!problems.empty()) {
    std::cerr << fmt::format("{} problem{} found\n", problems.size(), problems.size() == 1 ? "" : "s");
    return kExitInputError;
  }
  std::cout << "OK: " << path << ": " << mask_cpr(summary) << "\n";
  return kExitOk;
}

// --- synth -----------------------------------------------------------------------------------------

int command_synth_conversations(int n, std::uint64_t seed, const std::string& out) {
  ConversationSynthOptions options;
  options.count = n;
  options.seed = seed;
  const auto conversations = synthesize_conversations(options);
  write_dataset(out, conversations);
  std::cout << fmt::format("wrote {} conversations to {}\n", conversations.size(),
                           (std::filesystem::path(out) / kManifestName).string());
  return kExitOk;
}

int command_synth_audio(const std::string& dataset_dir, const std::string& out, const AudioRenderOptions& options) {
  if (!espeak_available(options.espeak_program))
    throw InputError(Problem{options.espeak_program, 0, "", "espeak-ng is not installed (scripts/install-deps installs it)"});
  Dataset dataset = load_dataset(dataset_dir);
  const std::filesystem::path out_dir = out.empty() ? std::filesystem::path(dataset.root) : std::filesystem::path(out);
  const auto summary = render_dataset_audio(dataset, out_dir, options);
  write_dataset(out_dir, dataset.conversations);
  (void)summary;
  std::cout << fmt::format("rendered {} conversations to {} (manifest updated with audio paths and rendered times)\n",
                           dataset.conversations.size(), (out_dir / "audio").string());
  return kExitOk;
}

// --- score -----------------------------------------------------------------------------------------

int command_score_wer(const std::string& ref, const std::string& hyp, const FileScoringOptions& options, bool json) {
  const auto result = score_files(ref, hyp, options);
  if (json)
    std::cout << result.dump(2) << "\n";
  else
    std::cout << describe_file_score(result);
  return kExitOk;
}

int command_score_summary(const SummaryFileOptions& options, bool json) {
  const auto result = score_summary_files(options);
  if (json)
    std::cout << result.dump(2) << "\n";
  else
    std::cout << describe_summary_score(result);
  return kExitOk;
}

int command_version(bool json) {
  if (json)
    std::cout << nlohmann::ordered_json{{"version", kVersion}, {"git_revision", kGitRevision}}.dump() << "\n";
  else
    std::cout << "pilotbench " << code_version() << "\n";
  return kExitOk;
}

}  // namespace

int run_cli(int argc, char** argv) {
  // Everything pilotbench writes can hold citizens' data: new files are private to the user.
  ::umask(077);

  CLI::App app{"pilotbench — evaluation harness for AI pilots in Danish job centres.\n"
               "Exit codes: 0 ok, 1 target picture missed, 2 usage or input error, 3 internal error, 130 interrupted."};
  app.require_subcommand(1);
  app.set_version_flag("--version", code_version());

  int exit_code = kExitOk;

  // run
  RunArgs run_args;
  auto* run = app.add_subcommand("run", "Run a scenario (or resume an interrupted run) and write its reports; a "
                                        "scenario over a case dataset evaluates decision support "
                                        "(docs/decision-metrics.md)");
  run->add_option("scenario", run_args.scenario, "Scenario JSON file")->check(CLI::ExistingFile);
  run->add_option("--resume", run_args.resume, "Continue an interrupted run by id (finished items are not redone)");
  run->add_option("--db", run_args.db, "SQLite run database")->capture_default_str();
  run->add_option("--jobs,-j", run_args.jobs, "Items processed in parallel (default: the scenario's run.jobs)")
      ->check(CLI::Range(1, 256));
  run->add_option("--cache-dir", run_args.cache_dir, "Where generated synthetic datasets are cached")->capture_default_str();
  run->add_option("--report-dir", run_args.report_dir, "Reports go to REPORT_DIR/run-ID/")->capture_default_str();
  run->add_flag("--no-report", run_args.no_report, "Do not write reports");
  run->add_flag("--json", run_args.json, "Print a machine-readable summary on stdout (docs/json-output.md)");
  run->add_flag("--quiet,-q", run_args.quiet, "No progress output");
  run->callback([&] {
    if (run_args.scenario.empty() == (run_args.resume == 0))
      throw CLI::ValidationError("run", "give either a scenario file or --resume RUN_ID");
    exit_code = command_run(run_args);
  });

  // runs
  std::string runs_db = "pilotbench.db";
  bool runs_json = false;
  auto* runs = app.add_subcommand("runs", "List the runs in a database");
  runs->add_option("--db", runs_db, "SQLite run database")->capture_default_str();
  runs->add_flag("--json", runs_json, "Machine-readable output");
  runs->callback([&] { exit_code = command_runs(runs_db, runs_json); });

  // report
  std::int64_t report_run = 0;
  std::string report_db = "pilotbench.db", report_format = "html", report_out;
  auto* report = app.add_subcommand("report", "Write a run's report as HTML, JSON or JUnit XML");
  report->add_option("run_id", report_run, "Run id (see `pilotbench runs`)")->required();
  report->add_option("--db", report_db, "SQLite run database")->capture_default_str();
  report->add_option("--format", report_format, "html, json or junit (JUnit XML for CI servers)")
      ->check(CLI::IsMember({"html", "json", "junit"}))
      ->capture_default_str();
  report->add_option("--out,-o", report_out, "Output file ('-' for stdout; default pilotbench-reports/run-ID/…)");
  bool report_per_item = false;
  report->add_flag("--per-item", report_per_item,
                   "Add each conversation's result (JSON) and each drafted note's findings (JSON and HTML): "
                   "groups of one, not for publication");
  report->callback([&] { exit_code = command_report(report_run, report_db, report_format, report_out, report_per_item); });

  // validate
  std::string validate_path;
  auto* validate = app.add_subcommand("validate", "Check a dataset (folder or manifest.jsonl), a case dataset (.csv or "
                                                  ".jsonl), a scenario or a measurement plan (.json); lists every "
                                                  "problem as file:line: field: what was expected");
  validate->add_option("path", validate_path, "Dataset folder, manifest file, case file, scenario or plan")->required();
  validate->callback([&] { exit_code = command_validate(validate_path); });

  // synth
  auto* synth = app.add_subcommand("synth", "Generate synthetic datasets");
  synth->require_subcommand(1);
  int synth_n = 60;
  std::uint64_t synth_seed = 1;
  std::string synth_out;
  auto* synth_conv = synth->add_subcommand("conversations", "Danish job-centre conversations with reference notes, "
                                                            "key facts and timing records");
  synth_conv->add_option("--n", synth_n, "Number of conversations")->check(CLI::Range(1, 100000))->capture_default_str();
  synth_conv->add_option("--seed", synth_seed, "Random seed (same seed, same corpus)")->capture_default_str();
  synth_conv->add_option("--out", synth_out, "Output folder (manifest.jsonl is written there)")->required();
  synth_conv->callback([&] { exit_code = command_synth_conversations(synth_n, synth_seed, synth_out); });
  std::string audio_dataset, audio_out;
  AudioRenderOptions audio_options;
  auto* synth_audio = synth->add_subcommand(
      "audio", "Render a conversation dataset to 16 kHz WAV with espeak-ng's Danish voice (one voice per speaker), "
               "so solutions can be tested on Danish audio; writes OUT/audio/<id>.wav and OUT/manifest.jsonl");
  synth_audio->add_option("--dataset", audio_dataset, "Dataset folder (or manifest.jsonl)")->required();
  synth_audio->add_option("--out", audio_out, "Output dataset folder (default: the dataset's own folder)");
  synth_audio->add_option("--voice", audio_options.voice, "espeak-ng voice")->capture_default_str();
  synth_audio->add_option("--wpm", audio_options.words_per_minute, "Speaking rate, words per minute")
      ->capture_default_str();
  synth_audio->callback([&] { exit_code = command_synth_audio(audio_dataset, audio_out, audio_options); });

  SynthTimingArgs timing_args;
  auto* synth_timing = synth->add_subcommand(
      "timing", "A synthetic timing study for the baseline demo: documentation minutes at a baseline and two follow-up "
                "points with growing AI adoption, a control arm, AI drafts with their filed notes, staff and citizen "
                "surveys, and the generator's true parameters (truth.json)");
  synth_timing->add_option("--out", timing_args.out, "Output folder")->required();
  synth_timing->add_option("--seed", timing_args.seed, "Seed")->capture_default_str();
  synth_timing->add_option("--per-point", timing_args.per_point, "Conversations per measurement point")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  synth_timing->add_option("--trend", timing_args.trend,
                           "Minutes added to every conversation's documentation time per point, AI or not (tests "
                           "difference-in-differences)")
      ->capture_default_str();
  synth_timing->callback([&] { exit_code = command_synth_timing(timing_args); });

  SynthCasesArgs cases_args;
  auto* synth_cases = synth->add_subcommand(
      "cases", "A synthetic Danish case population for decision-support evaluation: features, target groups, "
               "protected attributes, logged interventions with known propensities, outcomes with true effects that "
               "differ by group, a caseworker choice, a train/test split, and a planted bias of known strength "
               "(cases.csv, cases.jsonl, truth.json)");
  synth_cases->add_option("--out", cases_args.out, "Output folder")->required();
  synth_cases->add_option("--seed", cases_args.seed, "Seed")->capture_default_str();
  synth_cases->add_option("--n", cases_args.n, "Cases")->capture_default_str()->check(CLI::Range(1, 10000000));
  synth_cases->add_option("--bias-strength", cases_args.bias_strength,
                          "Planted bias in [0, 1] against --biased-group (0 = none)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  synth_cases->add_option("--biased-group", cases_args.biased_group,
                          "attribute=value or target_group=value the planted bias works against")
      ->capture_default_str();
  synth_cases->callback([&] { exit_code = command_synth_cases(cases_args); });

  // baseline
  auto* baseline = app.add_subcommand(
      "baseline", "Baseline and target picture (målbillede): record measurement points, show status, write the "
                  "committee report (docs/baseline.md)");
  baseline->require_subcommand(1);
  BaselineArgs baseline_args;
  auto plan_and_db = [&](CLI::App* sub) {
    sub->add_option("plan", baseline_args.plan, "Measurement plan JSON")->required()->check(CLI::ExistingFile);
    sub->add_option("--db", baseline_args.db, "SQLite database")->capture_default_str();
  };
  auto report_options = [&](CLI::App* sub) {
    sub->add_option("--out", baseline_args.out, "Output folder (default: pilotbench-reports/<plan file name>)");
    sub->add_option("--lang", baseline_args.lang, "Report language: da or en")->capture_default_str()->check(
        CLI::IsMember({"da", "en"}));
    sub->add_option("--format", baseline_args.formats, "Comma-separated: html, xlsx, json")->capture_default_str();
  };
  auto* baseline_record = baseline->add_subcommand(
      "record", "Record one measurement point from its timing data (CSV export or dataset), survey CSV and run; "
                "recording a point again replaces it");
  plan_and_db(baseline_record);
  baseline_record->add_option("--point", baseline_args.point, "Measurement point name from the plan")->required();
  baseline_record->add_option("--timing", baseline_args.timing, "Timing CSV or dataset folder (default: the plan's)");
  baseline_record->add_option("--survey", baseline_args.survey, "Survey CSV (default: the plan's)");
  baseline_record->add_option("--run", baseline_args.run, "pilotbench run for run_metric KPIs (default: the plan's)");
  baseline_record->add_option("--solution", baseline_args.solution, "The run's solution id (default: the plan's)");
  baseline_record->callback([&] { exit_code = command_baseline_record(baseline_args); });
  auto* baseline_status = baseline->add_subcommand(
      "status", "Each KPI at each recorded point: value, CI, target and verdict (exit 1 if a KPI is not met at the "
                "latest point)");
  plan_and_db(baseline_status);
  baseline_status->add_flag("--json", baseline_args.json, "Print the report JSON (docs/baseline.md)");
  baseline_status->callback([&] { exit_code = command_baseline_status(baseline_args); });
  auto* baseline_report = baseline->add_subcommand(
      "report", "Write the committee report (HTML, XLSX, JSON) from the recorded points (exit 1 if a KPI is not met "
                "at the latest point)");
  plan_and_db(baseline_report);
  report_options(baseline_report);
  baseline_report->callback([&] { exit_code = command_baseline_report(baseline_args); });
  auto* baseline_run = baseline->add_subcommand(
      "run", "Record every point of the plan that names its timing data, then write the committee report");
  plan_and_db(baseline_run);
  report_options(baseline_run);
  baseline_run->callback([&] { exit_code = command_baseline_run(baseline_args); });

  // score
  auto* score = app.add_subcommand("score", "Score files directly, without a scenario or database");
  score->require_subcommand(1);
  std::string score_ref, score_hyp;
  FileScoringOptions score_options;
  std::string score_ref_format, score_hyp_format;
  bool score_json = false, score_sclite_no_d = false;
  auto* score_wer = score->add_subcommand(
      "wer", "Word, character and speaker-attributed error rates of a hypothesis file against a reference file. "
             "Pairs: trn/trn (utterances by id), stm/ctm or stm/stm (per recording), SegLST/SegLST (per session), "
             "or two transcripts (.json, .srt, .vtt, .txt).");
  score_wer->add_option("--ref", score_ref, "Reference file")->required()->check(CLI::ExistingFile);
  score_wer->add_option("--hyp", score_hyp, "Hypothesis file")->required()->check(CLI::ExistingFile);
  score_wer->add_option("--ref-format", score_ref_format, "trn, stm, ctm, json, seglst, srt, vtt or txt (default: extension)");
  score_wer->add_option("--hyp-format", score_hyp_format, "as --ref-format");
  score_wer->add_option("--normalize", score_options.normalize,
                        "Text normalisation: none, basic, da, da+keep-fillers, da+no-compounds (docs/normalisation.md)")
      ->capture_default_str();
  score_wer->add_flag("--sclite", score_options.sclite,
                      "Reproduce NIST sclite's counts exactly (trn/trn or stm/ctm; sclite -D by default; "
                      "docs/sclite-compatibility.md)");
  score_wer->add_flag("--sclite-case-sensitive", score_options.sclite_case_sensitive, "With --sclite: sclite -s");
  score_wer->add_flag("--sclite-no-optional", score_sclite_no_d, "With --sclite: without -D, (word) is a literal word");
  score_wer->add_flag("--sclite-time-mediated", score_options.sclite_time_mediated,
                      "With --sclite and ctm/ctm: sclite -T, time-mediated alignment");
  score_wer->add_flag("--orc", score_options.orc_wer, "Also compute ORC-WER (exact; slow for long multi-speaker input)");
  score_wer->add_option("--collar", score_options.collar_s, "tcpWER collar in seconds")->capture_default_str();
  score_wer->add_flag("--json", score_json, "Machine-readable output (docs/json-output.md)");
  score_wer->callback([&] {
    if (!score_ref_format.empty()) score_options.ref_format = score_ref_format;
    if (!score_hyp_format.empty()) score_options.hyp_format = score_hyp_format;
    score_options.sclite_optional_deletable = !score_sclite_no_d;
    exit_code = command_score_wer(score_ref, score_hyp, score_options, score_json);
  });

  SummaryFileOptions summary_options;
  std::string summary_ref, summary_source, summary_facts, summary_template;
  bool summary_json = false;
  auto* score_summary = score->add_subcommand(
      "summary", "ROUGE-1/2/L/Lsum and chrF/chrF++ of a drafted note against a reference note, faithfulness against "
                 "the source transcript, key-fact recall and the journalnotat template check. Notes: .txt (read "
                 "verbatim), .md, or note .json; --ref and --hyp may be two folders of files paired by name.");
  score_summary->add_option("--ref", summary_ref, "Reference note (or folder)")->check(CLI::ExistingPath);
  score_summary->add_option("--hyp", summary_options.hypothesis, "Drafted note (or folder)")->required()->check(CLI::ExistingPath);
  score_summary->add_option("--source", summary_source, "Source transcript (.json, .srt, .vtt, .txt) for faithfulness")
      ->check(CLI::ExistingFile);
  score_summary->add_option("--facts", summary_facts, "Key facts JSON: [{\"type\", \"value\", \"text\", \"label\"}]")
      ->check(CLI::ExistingFile);
  score_summary->add_option("--template", summary_template, "Journalnotat template JSON (default: the built-in one)")
      ->check(CLI::ExistingFile);
  score_summary->add_option("--tokenizer", summary_options.tokenizer,
                            "ROUGE tokeniser: rouge-score (google-research rouge-score) or da (Unicode, æøå)")
      ->check(CLI::IsMember({"rouge-score", "da"}))
      ->capture_default_str();
  score_summary->add_flag("--stem", summary_options.stem,
                          "Stem tokens: Porter (rouge-score tokeniser, tokens longer than 3) or Snowball Danish (da)");
  score_summary->add_flag("--split-sentences", summary_options.split_sentences,
                          "Put each sentence on its own line before ROUGE-Lsum (rouge-score leaves this to the caller)");
  score_summary->add_option("--fact-threshold", summary_options.key_fact_threshold,
                            "Share of a fact's content stems one note sentence must contain")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  score_summary->add_flag("--show-text", summary_options.show_text,
                          "Include the clauses and source sentences behind obligations and negation flips");
  score_summary->add_flag("--rouge-only", summary_options.rouge_only,
                          "Only ROUGE (no chrF, no template check), e.g. to compare throughput with other ROUGE tools");
  score_summary->add_flag("--json", summary_json, "Machine-readable output (docs/json-output.md)");
  score_summary->callback([&] {
    if (!summary_ref.empty()) summary_options.reference = summary_ref;
    if (!summary_source.empty()) summary_options.source = summary_source;
    if (!summary_facts.empty()) summary_options.facts = summary_facts;
    if (!summary_template.empty()) summary_options.note_template = summary_template;
    if (!summary_options.reference && !summary_options.source && !summary_options.facts)
      throw CLI::ValidationError("score summary", "give --ref, --source or --facts (something to compare the draft with)");
    exit_code = command_score_summary(summary_options, summary_json);
  });

  RiskFileOptions risk_options;
  std::string risk_html;
  bool risk_json = false;
  auto* score_risk = score->add_subcommand(
      "risk", "Risk scores against outcomes from a CSV (case_id, score, label, target_group, attr_<name>): AUC with "
              "the DeLong interval, Brier, ECE, calibration, error rates at a threshold, per group with fairness "
              "verdicts");
  score_risk->add_option("--scores", risk_options.scores, "CSV of scores and outcomes")->required()->check(CLI::ExistingFile);
  score_risk->add_option("--group-by", risk_options.group_by,
                         "target_group or attributes.<name>; keys joined with ',' for an intersection (repeatable; "
                         "default: every grouping column)");
  score_risk->add_option("--threshold", risk_options.threshold, "Flag a case when its score >= threshold")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  score_risk->add_option("--bins", risk_options.bins, "Equal-mass bins of the ECE and the reliability diagram")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  score_risk->add_option("--min-cell-size", risk_options.min_cell_size, "Groups smaller than this show no figures")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  score_risk->add_option("--replicates", risk_options.bootstrap_replicates, "Bootstrap replicates of the fairness layer")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  score_risk->add_option("--seed", risk_options.seed, "Seed of the bootstrap")->capture_default_str();
  score_risk->add_option("--correction", risk_options.correction, "holm or benjamini-hochberg")
      ->check(CLI::IsMember({"holm", "benjamini-hochberg"}))
      ->capture_default_str();
  score_risk->add_option("--html", risk_html, "Also write the HTML report here (private to you)");
  score_risk->add_flag("--json", risk_json, "Machine-readable output (the decision-results JSON)");
  score_risk->callback([&] {
    const auto results = score_risk_file(risk_options);
    if (!risk_html.empty()) write_private_file(risk_html, render_decision_html(results));
    std::cout << (risk_json ? render_decision_json(results) : describe_risk_score(results));
    exit_code = kExitOk;
  });

  RankingFileOptions ranking_options;
  std::string ranking_seekers, ranking_vacancies;
  bool ranking_json = false;
  auto* score_ranking = score->add_subcommand(
      "ranking", "Job matching: NDCG@k, MRR, P@k and recall@k with trec_eval's definitions from TREC qrels and run "
                 "files, per group of job seekers with fairness verdicts, and exposure parity of vacancy groups");
  score_ranking->add_option("--qrels", ranking_options.qrels, "Relevance judgements: query_id iteration doc_id relevance")
      ->required()
      ->check(CLI::ExistingFile);
  score_ranking->add_option("--run", ranking_options.run, "Ranked vacancies: query_id Q0 doc_id rank score tag")
      ->required()
      ->check(CLI::ExistingFile);
  score_ranking->add_option("--seekers", ranking_seekers, "CSV: query_id plus grouping columns (e.g. target_group)")
      ->check(CLI::ExistingFile);
  score_ranking->add_option("--vacancy-groups", ranking_vacancies, "CSV: doc_id,group (for exposure parity)")
      ->check(CLI::ExistingFile);
  score_ranking->add_option("-k,--k", ranking_options.k, "Cutoff k")->check(CLI::Range(1, 100000))->capture_default_str();
  score_ranking->add_flag("--complete", ranking_options.average_complete,
                          "Judged job seekers without results count as 0 (trec_eval -c)");
  score_ranking->add_option("--min-cell-size", ranking_options.min_cell_size, "Groups smaller than this show no figures")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  score_ranking->add_option("--replicates", ranking_options.bootstrap_replicates, "Bootstrap replicates")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  score_ranking->add_option("--seed", ranking_options.seed, "Seed of the bootstrap")->capture_default_str();
  score_ranking->add_option("--correction", ranking_options.correction, "holm or benjamini-hochberg")
      ->check(CLI::IsMember({"holm", "benjamini-hochberg"}))
      ->capture_default_str();
  score_ranking->add_flag("--json", ranking_json, "Machine-readable output (docs/json-output.md)");
  score_ranking->callback([&] {
    if (!ranking_seekers.empty()) ranking_options.seekers = ranking_seekers;
    if (!ranking_vacancies.empty()) ranking_options.vacancy_groups = ranking_vacancies;
    const auto result = score_ranking_files(ranking_options);
    std::cout << (ranking_json ? result.dump(2) + "\n" : describe_ranking_score(result));
    exit_code = kExitOk;
  });

  // pseudonymise
  std::string pseudo_in, pseudo_out, pseudo_key_env = "PILOTBENCH_PSEUDONYM_KEY";
  std::vector<std::string> pseudo_columns;
  auto* pseudonymise = app.add_subcommand(
      "pseudonymise", "Replace person identifiers (CPR numbers, case numbers) in a CSV export with keyed pseudonyms "
                      "(HMAC-SHA-256 under a key you hold), so files can still be linked but not traced back");
  pseudonymise->add_option("--in", pseudo_in, "CSV export")->required()->check(CLI::ExistingFile);
  pseudonymise->add_option("--out", pseudo_out, "Where to write the pseudonymised CSV (private to you)")->required();
  pseudonymise->add_option("--column", pseudo_columns, "An identifier column (repeatable)")->required();
  pseudonymise->add_option("--key-env", pseudo_key_env,
                           "Environment variable holding the key (at least 16 bytes; never on the command line)")
      ->capture_default_str();
  pseudonymise->callback([&] {
    const char* key = std::getenv(pseudo_key_env.c_str());
    if (key == nullptr || std::string_view(key).size() < 16)
      throw InputError(Problem{"", 0, "--key-env",
                               fmt::format("expected the environment variable {} to hold a key of at least 16 bytes "
                                           "(keep the same key to link files; a plain hash of a CPR number can be "
                                           "reversed, a keyed one cannot)",
                                           pseudo_key_env)});
    const auto result = pseudonymise_csv(read_file(pseudo_in), pseudo_in, pseudo_columns, key);
    write_private_file(pseudo_out, result.text);
    std::cout << fmt::format("wrote {}: {} rows, {} identifiers replaced\n", pseudo_out, result.rows, result.replaced);
    exit_code = kExitOk;
  });

  // version
  bool version_json = false;
  auto* version = app.add_subcommand("version", "Print the version");
  version->add_flag("--json", version_json, "Machine-readable output");
  version->callback([&] { exit_code = command_version(version_json); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitInputError;
  } catch (const InputError& e) {
    std::cerr << "error: " << mask_cpr(e.what()) << "\n";
    return kExitInputError;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << mask_cpr(e.what()) << "\n";
    return kExitInternalError;
  }
  return exit_code;
}

}  // namespace pb
