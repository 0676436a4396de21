#pragma once
// The case dataset of a decision-support scenario as a run uses it: read (or generated into the cache on first
// use), hashed, its interventions listed, and its cases split into training cases (seen only by adapters that
// learn) and held-out cases (what every solution decides on and what is evaluated).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "formats/case_records.h"
#include "harness/scenario.h"

namespace pb {

struct CaseData {
  std::string path;  // the case file read, absolute
  std::string root;  // its folder (for adapters that read files)
  std::string hash;  // sha256 of the file's bytes
  CaseDataset dataset;
  // The actions a solution may recommend: the scenario's no-intervention action first when it occurs, then the
  // others in byte order; every intervention given or chosen by a caseworker in the file is listed.
  std::vector<std::string> interventions;
  std::vector<std::size_t> training;   // indices into dataset.cases
  std::vector<std::size_t> evaluated;  // held-out cases, in file order
  std::string split_source;            // "file" (the split column) or "hash" (scenario seed and test_share)
};

// The case file of a scenario; a synthetic spec is generated into `cache_dir` on first use (the folder name holds
// the generator options) and reused afterwards.
std::filesystem::path resolve_case_file(const Scenario& scenario, const std::filesystem::path& cache_dir);

// Reads the file (throws InputError for a bad file, formats/case_dataset.h) and splits it: when any case has a
// split, every case must have one (InputError naming the first that has none) and the file's split is used;
// otherwise case i is held out when the first 8 bytes of sha256("<seed>:<id>") as a fraction of 2^64 are below
// scenario.decision.test_share, so a case's side does not change when cases are added, removed or reordered.
// InputError when either side ends up empty.
CaseData load_case_data(const std::filesystem::path& file, const Scenario& scenario);

}  // namespace pb
