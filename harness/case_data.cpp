#include "harness/case_data.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/error.h"
#include "core/files.h"
#include "core/hash.h"
#include "formats/case_dataset.h"
#include "scenarios/synth_cases.h"

namespace pb {
namespace {

// A fraction in [0, 1) from the first 8 bytes of a SHA-256 hex digest.
double hash_fraction(const std::string& text) {
  const std::string hex = sha256_hex(text).substr(0, 16);
  const std::uint64_t value = std::stoull(hex, nullptr, 16);
  return static_cast<double>(value >> 11) / static_cast<double>(std::uint64_t{1} << 53);
}

std::string folder_safe(std::string text) {
  for (auto& c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '_';
  return text;
}

}  // namespace

std::filesystem::path resolve_case_file(const Scenario& scenario, const std::filesystem::path& cache_dir) {
  if (scenario.dataset.cases) return *scenario.dataset.cases;
  const auto& spec = *scenario.dataset.synthetic;
  const auto dir = cache_dir / "datasets" /
                   fmt::format("cases-n{}-seed{}-bias{}-{}", spec.n, spec.seed, spec.bias_strength,
                               folder_safe(spec.biased_group));
  if (!std::filesystem::exists(dir / "cases.csv")) {
    CaseStudyOptions options;
    options.n = spec.n;
    options.seed = spec.seed;
    options.bias_strength = spec.bias_strength;
    options.biased_group = spec.biased_group;
    options.write_jsonl = false;
    try {
      write_case_study(generate_case_study(options), dir);
    } catch (const std::invalid_argument& e) {
      throw InputError(Problem{scenario.file, 0, "dataset.synthetic", e.what()});
    }
  }
  return dir / "cases.csv";
}

CaseData load_case_data(const std::filesystem::path& file, const Scenario& scenario) {
  CaseData data;
  data.path = std::filesystem::absolute(file).lexically_normal().string();
  data.root = std::filesystem::path(data.path).parent_path().string();
  data.dataset = read_case_dataset(file);
  data.hash = sha256_hex(read_file(file));

  std::set<std::string> others;
  bool has_no_intervention = false;
  const auto note = [&](const std::string& action) {
    if (action == scenario.decision.no_intervention)
      has_no_intervention = true;
    else if (!action.empty())
      others.insert(action);
  };
  for (const auto& c : data.dataset.cases) {
    note(c.intervention);
    if (c.caseworker_choice) note(*c.caseworker_choice);
  }
  if (has_no_intervention) data.interventions.push_back(scenario.decision.no_intervention);
  data.interventions.insert(data.interventions.end(), others.begin(), others.end());

  const auto& cases = data.dataset.cases;
  const bool file_split = std::any_of(cases.begin(), cases.end(), [](const CaseRecord& c) { return !c.split.empty(); });
  data.split_source = file_split ? "file" : "hash";
  for (std::size_t i = 0; i < cases.size(); ++i) {
    bool held_out = false;
    if (file_split) {
      if (cases[i].split.empty())
        throw InputError(Problem{cases[i].source, 0, "split",
                                 "expected train or test: other cases have a split, so every case needs one"});
      held_out = cases[i].split == "test";
    } else {
      held_out = hash_fraction(fmt::format("{}:{}", scenario.seed, cases[i].id)) < scenario.decision.test_share;
    }
    (held_out ? data.evaluated : data.training).push_back(i);
  }
  if (data.evaluated.empty())
    throw InputError(Problem{data.path, 0, "split", "no held-out (test) case to evaluate on"});
  if (data.training.empty())
    throw InputError(Problem{data.path, 0, "split",
                             "no training case: every case is held out (learning adapters need a train split)"});
  return data;
}

}  // namespace pb
