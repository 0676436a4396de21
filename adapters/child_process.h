#pragma once
// A program run without a shell, in its own process group, with pipes to its stdin/stdout/stderr and line I/O
// under deadlines — what the "command" kinds (adapters/command_adapter.h, adapters/command_summariser.h) run
// their vendor programs with. Knows nothing of the adapter protocol.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pb {

// The environment a vendor program gets: PATH, HOME, LANG and LC_* from `current` ("NAME=value" strings, as in
// environ), then `extra` (which wins). Sorted by name, one entry per name.
std::vector<std::string> command_environment(const std::map<std::string, std::string>& extra,
                                             const std::vector<std::string>& current);

// command_environment(extra, pilotbench's own environ).
std::vector<std::string> scrubbed_environment(const std::map<std::string, std::string>& extra);

// Where `program` runs from: a name containing '/' is resolved against `base_dir` (when relative); a bare name is
// searched in the ':'-separated `path_list`. nullopt unless the result is a regular file executable by us.
std::optional<std::filesystem::path> resolve_program(const std::string& program, const std::string& path_list,
                                                     const std::filesystem::path& base_dir);

struct ChildProcessSpec {
  std::vector<std::string> argv;         // argv[0] is the program's path; no shell is involved
  std::vector<std::string> environment;  // "NAME=value": the program's whole environment
  std::filesystem::path working_dir;     // empty: pilotbench's own
  std::optional<std::uint64_t> memory_limit_mb;  // RLIMIT_AS (address space, not RSS)
};

class ChildProcess {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Read { line, timeout, closed, too_long };
  enum class Write { written, timeout, closed };

  ChildProcess() = default;
  ~ChildProcess() { stop(false); }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts the program; "" on success, else why not. `die_with_caller`: the program is killed when the calling
  // process dies (PR_SET_PDEATHSIG), for programs started by a forked pilotbench child.
  std::string start(const ChildProcessSpec& spec, bool die_with_caller);

  bool running() const { return pid_ > 0; }
  // Exited (or killed) but not yet reaped by stop(); true when none is running.
  bool has_exited() const;
  // Whether the program stopped last exited with status 0.
  bool clean_exit() const;
  // Nothing of stdout is buffered (no partial line either).
  bool nothing_written() const { return out_buffer_.empty(); }

  // The next stdout line without its "\n" (or "\r\n"). `closed`: stdout ended (the program exited) before a
  // whole line; `too_long`: more than `max_line_bytes` without a newline.
  Read read_line(Clock::time_point deadline, std::size_t max_line_bytes, std::string& line);
  // Writes all of `data` to stdin, draining stdout and stderr meanwhile so neither side blocks. `closed`: the
  // program stopped reading (it exited or closed stdin).
  Write write_all(std::string_view data, Clock::time_point deadline);

  // Takes in what the program has written so far, then forgets its stderr, so that stderr_excerpt() tells only
  // what it writes from now on (for one request's failure reason).
  void forget_stderr();
  // "; stderr: <the end of what it wrote, sanitised>", or "" when it wrote nothing.
  std::string stderr_excerpt() const;

  // Kills the whole process group (a vendor wrapper script's children too) and reaps the program. `graceful`:
  // close stdin first and give the program a moment to finish on its own. Returns how it ended ("exited with
  // status 1", "was killed by SIGSEGV"); "" if none was running.
  std::string stop(bool graceful);

 private:
  enum class Pump { progress, timeout, exited };
  void drain();
  Pump pump(Clock::time_point deadline, bool want_write);

  pid_t pid_ = -1;  // also its process group id
  int in_ = -1, out_ = -1, err_ = -1, pidfd_ = -1;
  bool out_open_ = false, err_open_ = false;
  std::string out_buffer_;
  std::string err_tail_;
  int last_status_ = 0;  // wait status of the last program stopped
};

}  // namespace pb
