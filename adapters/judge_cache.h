#pragma once
// The LLM judge's verdicts on disk, so a re-run, a resumed run or a second scenario judging the same draft
// does not pay for (or get a different answer from) the same question twice.
//
// Key: SHA-256 of the canonical JSON {"input": <input hash>, "model": …, "prompt": <prompt version>,
// "seed": <integer or null>, "temperature": <number>} (keys sorted), where the input hash is
// judge_input_hash(transcript, draft). One file per key, <dir>/<key>.json, created 0600 in folders 0700:
//   {"key": "<key>", "verdict": {"rubric_version": …, "rubric": [{"criterion","score","justification"}],
//                                 "claims": [{"claim","supported"}]}}
// A file that cannot be read back exactly (truncated, edited, another key inside) counts as a miss and is
// overwritten by the next store.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/judge.h"
#include "core/outcome.h"

namespace pb {

// SHA-256 (hex) of what the judge is shown: the transcript's canonical JSON and the draft's note JSON.
std::string judge_input_hash(const Transcript& transcript, const CaseNote& draft);

std::string judge_cache_key(std::string_view model, std::string_view prompt_version, double temperature,
                            std::optional<std::int64_t> seed, std::string_view input_hash);

// Verdict JSON as stored in a cache file (from_cache is not stored). Parsing fails on anything but exactly
// this shape (scores must be integers 1..5).
std::string verdict_to_json(const JudgeVerdict& verdict);
Outcome<JudgeVerdict> verdict_from_json(std::string_view text);

// Thread-safe. Never throws from load(); store() reports I/O failure through its return value, because a
// verdict that could not be cached is still a verdict.
class JudgeCache {
 public:
  explicit JudgeCache(std::filesystem::path dir) : dir_(std::move(dir)) {}
  // The cached verdict with from_cache = true, or nullopt on a miss or an unreadable file.
  std::optional<JudgeVerdict> load(const std::string& key) const;
  // Empty on success, else why the file could not be written.
  std::string store(const std::string& key, const JudgeVerdict& verdict) const;
  std::filesystem::path file_for(const std::string& key) const { return dir_ / (key + ".json"); }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  mutable std::mutex write_mutex_;  // write_private_file's temporary name is per process, not per thread
};

}  // namespace pb
