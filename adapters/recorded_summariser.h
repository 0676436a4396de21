#pragma once
// Kind "recorded" (summarisation): a solution's drafts produced earlier, one file per conversation id in a folder:
// <dir>/<id>.json (note JSON, formats/note_text.h), <id>.md or <id>.txt (text, split into sections at known
// headings). The first that exists, in that order, is read.
//
// Config:
//   "dir":      folder, relative to the scenario's folder (required; must exist when the scenario is loaded)
//   "sections": extra section titles to recognise as headings in .md/.txt drafts, besides
//               default_note_titles() (optional list of non-empty strings)
// A missing or malformed file fails that item with a reason naming the file (and line), not the run.
#include <filesystem>
#include <string>
#include <vector>

#include "adapters/summarisation.h"
#include "core/error.h"

namespace pb {

class RecordedSummariser final : public SummarisationAdapter {
 public:
  // `known_titles` are the headings recognised in text drafts (default_note_titles() plus any extras).
  RecordedSummariser(std::filesystem::path dir, std::vector<std::string> known_titles);
  ComponentId id() const override { return {"recorded", "1"}; }
  // Thread-safe (reads files only).
  Outcome<CaseNote> summarise(const SummarisationRequest& request) override;

 private:
  std::filesystem::path dir_;
  std::vector<std::string> known_titles_;
};

SummarisationAdapterPtr make_recorded_summariser(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
