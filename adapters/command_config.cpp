#include "adapters/command_config.h"

#include <algorithm>
#include <cstdlib>

#include "adapters/child_process.h"
#include "adapters/wrappers.h"
#include "core/json_text.h"

namespace pb {
namespace {

bool has_no_nul(const std::string& s) { return s.find('\0') == std::string::npos; }

bool is_environment_name(const std::string& name) {
  return !name.empty() && !(name[0] >= '0' && name[0] <= '9') && std::all_of(name.begin(), name.end(), [](char c) {
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

void read_argv(AdapterConfigReader& config, std::string_view argv_example, std::vector<std::string>& out) {
  const nlohmann::json* argv = config.find("argv");
  if (!argv) {
    config.problem(config.path("argv"),
                   "missing (the program and its arguments, e.g. " + std::string(argv_example) + ")");
    return;
  }
  if (!argv->is_array() || argv->empty()) {
    config.problem(config.path("argv"),
                   "expected a non-empty list of strings [\"program\", \"arg\", ...], got " + describe_json(*argv));
    return;
  }
  for (std::size_t i = 0; i < argv->size(); ++i) {
    const auto& arg = (*argv)[i];
    if (!arg.is_string() || !has_no_nul(arg.get<std::string>()) || (i == 0 && arg.get<std::string>().empty())) {
      config.problem(config.path("argv") + "[" + std::to_string(i) + "]",
                     std::string(i == 0 ? "expected a non-empty program name" : "expected a string") +
                         " without NUL characters, got " + describe_json(arg));
    } else {
      out.push_back(arg.get<std::string>());
    }
  }
}

void read_env(AdapterConfigReader& config, std::map<std::string, std::string>& out) {
  const nlohmann::json* env = config.find("env");
  if (!env) return;
  if (!env->is_object()) {
    config.problem(config.path("env"), "expected an object {\"NAME\": \"value\"}, got " + describe_json(*env));
    return;
  }
  for (const auto& [name, value] : env->items()) {
    if (!is_environment_name(name)) {
      config.problem(config.path("env") + "." + name, "not a valid environment variable name");
    } else if (!value.is_string() || !has_no_nul(value.get<std::string>())) {
      config.problem(config.path("env") + "." + name,
                     "expected a string without NUL characters, got " + describe_json(value));
    } else {
      out[name] = value.get<std::string>();
    }
  }
}

// Replaces argv[0] by the program's path, or reports why there is none.
void resolve_argv0(AdapterConfigReader& config, CommandAdapterOptions& options) {
  const char* own_path = std::getenv("PATH");
  const std::string path_list =
      options.env.count("PATH") ? options.env.at("PATH") : std::string(own_path ? own_path : "/usr/bin:/bin");
  const std::string& program = options.argv.front();
  if (auto resolved = resolve_program(program, path_list, options.working_dir)) {
    options.argv.front() = resolved->string();
  } else if (program.find('/') != std::string::npos) {
    config.problem(config.path("argv") + "[0]",
                   "not an executable file: " + (options.working_dir / program).lexically_normal().string());
  } else {
    std::string hint;
    if (resolve_program("./" + program, "", options.working_dir))
      hint = " (a program next to the scenario is written \"./" + program + "\")";
    config.problem(config.path("argv") + "[0]", "program '" + program + "' not found in PATH" + hint);
  }
}

}  // namespace

CommandAdapterOptions read_command_options(AdapterConfigReader& config, std::string_view argv_example) {
  CommandAdapterOptions options;
  read_argv(config, argv_example, options.argv);
  read_env(config, options.env);
  if (config.find("memory_limit_mb"))
    options.memory_limit_mb = static_cast<std::uint64_t>(config.integer("memory_limit_mb", 1024, 16, 1 << 20));
  const double startup_s = config.number("startup_timeout_s", 30.0, 0.001, 3600.0);
  options.startup_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(startup_s * 1000.0 + 0.5));
  options.processes = static_cast<int>(config.integer("processes", 1, 1, 16));
  {
    ProblemList reported_by_the_wrapper;  // the wrapper reports bad common keys itself; do not list them twice
    options.request_timeout = read_wrapper_options(config.spec(), reported_by_the_wrapper).timeout;
  }
  const AdapterSpec& spec = config.spec();
  options.working_dir =
      spec.base_dir.empty() ? std::filesystem::current_path() : std::filesystem::absolute(spec.base_dir);
  if (!options.argv.empty()) resolve_argv0(config, options);
  return options;
}

}  // namespace pb
