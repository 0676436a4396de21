#pragma once
// `pilotbench score summary`: scoring a drafted note against a reference note and/or its source transcript from
// files alone, without a scenario or database.
//
// ROUGE and chrF read the files' text as it is (a .txt file verbatim, so the result equals rouge-score's
// `score(target, prediction)` on the same strings; ROUGE-Lsum then splits sentences at the file's own newlines, as
// rouge-score does); .md and note .json files contribute their sections' text. With `split_sentences`, sentences
// are put on their own lines first (split_sentences_for_lsum). When --ref and --hyp are folders, every hypothesis
// file is scored against the reference file with the same name stem, and the mean is reported too.
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace pb {

struct SummaryFileOptions {
  std::optional<std::filesystem::path> reference;  // reference note (file or folder)
  std::filesystem::path hypothesis;                // drafted note (file or folder)
  std::optional<std::filesystem::path> source;     // transcript the draft was made from (json, srt, vtt, txt)
  std::optional<std::filesystem::path> facts;      // key facts: JSON array of {type, value, text, label}
  std::optional<std::filesystem::path> note_template;  // journalnotat template JSON (docs/summary-metrics.md)
  std::string tokenizer = "rouge-score";           // "rouge-score" or "da"
  bool stem = false;
  bool split_sentences = false;
  double key_fact_threshold = 0.6;
  double content_overlap_threshold = 0.5;
  bool show_text = false;  // include draft clauses and source sentences for negation flips and obligations
  bool rouge_only = false;  // only ROUGE (no chrF, no template check): for like-for-like benchmarks
};

// The result document (docs/json-output.md). Throws InputError for missing, unreadable or malformed files.
nlohmann::ordered_json score_summary_files(const SummaryFileOptions& options);

// A few lines for people.
std::string describe_summary_score(const nlohmann::ordered_json& result);

}  // namespace pb
