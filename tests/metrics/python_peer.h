#pragma once
// Running a reference implementation in Debian's Python (/usr/bin/python3, which has nltk and scikit-learn from
// scripts/install-deps — not the `python3` on PATH, which may be another installation) from a test.
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace pb::testing_peers {

// Runs `script` and returns its stdout, or nullopt when the interpreter is missing or the script fails.
inline std::optional<std::string> run_python(const std::string& script) {
  // One file per process and call: ctest runs tests in parallel processes.
  static int calls = 0;
  const auto path = std::filesystem::path(::testing::TempDir()) /
                    ("python_peer-" + std::to_string(::getpid()) + "-" + std::to_string(++calls) + ".py");
  std::ofstream(path) << script;
  FILE* pipe = ::popen(("/usr/bin/python3 " + path.string() + " 2>/dev/null").c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string out;
  char buffer[65536];
  while (std::size_t got = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, got);
  const int status = ::pclose(pipe);
  std::filesystem::remove(path);
  if (status != 0) return std::nullopt;
  return out;
}

// Whether Debian's Python can import `module`.
inline bool python_has(const std::string& module) {
  return std::filesystem::exists("/usr/bin/python3") && run_python("import " + module + "\nprint('ok')\n").has_value();
}

}  // namespace pb::testing_peers
