#include "adapters/wrappers.h"

#include <cmath>

#include "adapters/adapter_config.h"

namespace pb {

WrapperOptions read_wrapper_options(const AdapterSpec& spec, ProblemList& problems) {
  WrapperOptions options;
  if (!spec.config.is_object()) return options;  // the adapter kind's factory reports that
  AdapterConfigReader config(spec, problems);
  // Isolation by default only where foreign in-process code runs (a C speech library) or misbehaviour is
  // the point (fault). Vendor engines already run out of process (command, openai-http: they enforce
  // timeout_s themselves and would lose their long-lived program and concurrency limit), and pilotbench's
  // own reference/simulator/file readers are trusted code: forking them per call from a multithreaded
  // runner only adds the risk of a child inheriting a lock (seen with ASan's allocator).
  const bool foreign_in_process_code = spec.kind == "fault" || spec.kind == "pocketsphinx";
  options.isolate = config.boolean("isolate", foreign_in_process_code);
  const double timeout_s = config.number("timeout_s", 60.0, 0.001, 86'400.0);
  options.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(timeout_s * 1000.0)));
  options.retries = static_cast<int>(config.integer("retries", options.retries, 0, 10));
  options.retry_backoff =
      std::chrono::milliseconds(config.integer("retry_backoff_ms", options.retry_backoff.count(), 0, 600'000));
  if (auto dir = config.string("cache_dir")) options.cache_dir = std::filesystem::path(spec.base_dir) / *dir;
  if (auto dir = config.string("record_dir")) options.record_dir = std::filesystem::path(spec.base_dir) / *dir;
  return options;
}

nlohmann::json wrapper_options_to_json(const WrapperOptions& options) {
  nlohmann::json json = {{"isolate", options.isolate},
                         {"timeout_ms", options.timeout.count()},
                         {"retries", options.retries},
                         {"retry_backoff_ms", options.retry_backoff.count()}};
  json["cache_dir"] = options.cache_dir ? nlohmann::json(options.cache_dir->string()) : nlohmann::json(nullptr);
  json["record_dir"] = options.record_dir ? nlohmann::json(options.record_dir->string()) : nlohmann::json(nullptr);
  return json;
}

nlohmann::json adapter_config_identity(const nlohmann::json& config) {
  if (!config.is_object()) return config;
  nlohmann::json identity = nlohmann::json::object();
  for (const auto& [key, value] : config.items())
    if (!is_common_adapter_key(key)) identity[key] = value;
  return identity;
}

TranscriptionAdapterPtr wrap_transcription_adapter(TranscriptionAdapterPtr adapter, const WrapperOptions& options,
                                                   const nlohmann::json& config_identity) {
  if (!adapter) return nullptr;
  if (options.isolate) adapter = std::make_unique<IsolatedTranscriptionAdapter>(std::move(adapter), options.timeout);
  adapter = std::make_unique<ValidatingTranscriptionAdapter>(std::move(adapter));
  if (options.retries > 0)
    adapter = std::make_unique<RetryingTranscriptionAdapter>(std::move(adapter), options.retries + 1,
                                                             options.retry_backoff);
  if (options.cache_dir)
    adapter = std::make_unique<CachingTranscriptionAdapter>(std::move(adapter), *options.cache_dir, config_identity);
  if (options.record_dir)
    adapter = std::make_unique<RecordingTranscriptionAdapter>(std::move(adapter), *options.record_dir);
  return adapter;
}

TranscriptionAdapterPtr wrap_transcription_adapter(TranscriptionAdapterPtr adapter, const AdapterSpec& spec,
                                                   ProblemList& problems) {
  const std::size_t before = problems.size();
  const WrapperOptions options = read_wrapper_options(spec, problems);
  if (!adapter || problems.size() != before) return nullptr;
  return wrap_transcription_adapter(std::move(adapter), options, adapter_config_identity(spec.config));
}

}  // namespace pb
