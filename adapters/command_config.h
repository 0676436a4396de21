#pragma once
// The program part of a "command" kind's config, shared by the transcription kind (adapters/command_adapter.h,
// which documents the keys) and the summarisation kind (adapters/command_summariser.h):
// "argv", "env", "memory_limit_mb", "startup_timeout_s", "processes" and the common "timeout_s".
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/adapter_config.h"

namespace pb {

struct CommandAdapterOptions {
  std::vector<std::string> argv;  // argv[0] already resolved to the program's path
  std::map<std::string, std::string> env;
  std::optional<std::uint64_t> memory_limit_mb;
  std::filesystem::path working_dir;  // empty: pilotbench's own
  std::chrono::milliseconds startup_timeout{30'000};
  std::chrono::milliseconds request_timeout{60'000};
  bool send_reference = false;  // transcription kind only
  int processes = 1;
};

// Reads the keys above (problems reported to `config`; the caller checks config.ok() afterwards) and resolves
// argv[0] (see resolve_program in adapters/child_process.h) against the "env" PATH, else pilotbench's, with the
// scenario's folder as working directory. `argv_example` is shown when "argv" is missing, e.g.
// R"(["./my-adapter", "--model", "x"])". The caller still calls config.check_keys with these keys and its own.
CommandAdapterOptions read_command_options(AdapterConfigReader& config, std::string_view argv_example);

}  // namespace pb
