#pragma once
// `pilotbench score wer`: scoring a hypothesis file against a reference file without a scenario or
// database, like sclite. Formats: trn, stm (reference) + ctm (hypothesis), transcript JSON, SegLST, SRT,
// WebVTT, plain text.
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "metrics/sclite_align.h"

namespace pb {

struct FileScoringOptions {
  std::string normalize = "basic";          // parse_normalizer name (default mode only)
  bool sclite = false;                      // reproduce NIST sclite's counts (trn/trn or stm/ctm)
  bool sclite_case_sensitive = false;       // sclite -s
  bool sclite_optional_deletable = true;    // sclite -D
  bool sclite_time_mediated = false;        // sclite -T (ctm reference and hypothesis only)
  bool orc_wer = false;                     // also ORC-WER (transcripts; exact but expensive)
  double collar_s = 5.0;                    // tcpWER collar
  std::optional<std::string> ref_format;    // trn, stm, ctm, json, seglst, srt, vtt, txt; default: extension
  std::optional<std::string> hyp_format;
};

// sclite-mode scoring of two trn files, the fast path: each file read once (in parallel with 2+ threads),
// lines kept as views into the file buffer. Throws InputError naming the file and line.
ScliteCounts score_trn_files_sclite(const std::filesystem::path& reference, const std::filesystem::path& hypothesis,
                                    const ScliteOptions& options = {});

// The result document (docs/json-output.md, "pilotbench score wer --json"). Throws InputError for
// unreadable or malformed files and unsupported format pairs.
nlohmann::ordered_json score_files(const std::filesystem::path& ref, const std::filesystem::path& hyp,
                                   const FileScoringOptions& options);

// A few lines for people, from the document above.
std::string describe_file_score(const nlohmann::ordered_json& result);

}  // namespace pb
