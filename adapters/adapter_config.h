#pragma once
// Validation helpers for an adapter's scenario config. Every adapter kind reads its keys through
// AdapterConfigReader so problems name the field ("solutions[0].transcription.substitution_rate"), all
// problems are reported at once, and unknown keys are errors (a typo must not silently become a default).
#include <array>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/component.h"
#include "core/error.h"
#include "core/json_text.h"

namespace pb {

// Keys every adapter object may carry besides its kind-specific ones; they configure the wrappers applied by
// wrap_transcription_adapter() (adapters/wrappers.h), so each kind's validation must accept them.
inline constexpr std::array<std::string_view, 7> kCommonAdapterKeys = {
    "kind", "timeout_s", "retries", "retry_backoff_ms", "isolate", "cache_dir", "record_dir"};

bool is_common_adapter_key(std::string_view key);

// Reads typed values from spec.config, reporting problems into a ProblemList with file = spec.scenario_file
// and field = spec.json_path + "." + key. Each getter returns the default when the key is absent or invalid,
// so a factory can read everything and then check ok() once.
class AdapterConfigReader {
 public:
  AdapterConfigReader(const AdapterSpec& spec, ProblemList& problems);

  // Reports every key that is neither in `kind_keys` nor a common key.
  void check_keys(std::initializer_list<std::string_view> kind_keys);

  // nullptr when absent (or when the config is not an object).
  const nlohmann::json* find(std::string_view key) const;

  double number(std::string_view key, double fallback, double min, double max);
  std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min, std::int64_t max);
  bool boolean(std::string_view key, bool fallback);
  std::optional<std::string> string(std::string_view key);  // non-empty string or nullopt
  // A string restricted to `allowed`; `fallback` when absent.
  std::string choice(std::string_view key, std::string fallback, const std::vector<std::string>& allowed);

  // A required folder, relative to the scenario's folder (spec.base_dir), that must exist. `holds` says what it
  // holds, for the message when the key is missing ("<conversation id>.json|.md|.txt"). Empty when invalid.
  std::filesystem::path existing_folder(std::string_view key, std::string_view holds);

  // The field path of a key, or of a nested element: path("inner") → "solutions[0].transcription.inner".
  std::string path(std::string_view key) const;
  void problem(std::string field, std::string message);

  // True if this reader reported no problem (problems added by others before it are not counted).
  bool ok() const { return problems_.size() == problems_at_start_; }

  const AdapterSpec& spec() const { return spec_; }

 private:
  const AdapterSpec& spec_;
  ProblemList& problems_;
  std::size_t problems_at_start_;
};

// A conversation id usable as a file name (no '/', NUL, "." or ".."); recorded runs store one file per id.
bool is_safe_file_stem(std::string_view id);

}  // namespace pb
