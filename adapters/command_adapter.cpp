#include "adapters/command_adapter.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "core/process.h"
#include "adapters/adapter_config.h"
#include "adapters/isolated_adapter.h"
#include "adapters/wrappers.h"
#include "core/json_text.h"

extern char** environ;  // NOLINT: POSIX; read once per adapter to build the scrubbed environment

namespace pb {
namespace {

using Clock = std::chrono::steady_clock;

// A response line longer than this is treated as a broken program rather than buffered without bound.
constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;
// How much of the program's stderr is kept (the most recent bytes) and how much goes into a failure reason.
constexpr std::size_t kStderrKeptBytes = 8192;
constexpr std::size_t kStderrReasonBytes = 1500;
// How long a program gets to exit by itself after its stdin is closed, before its process group is killed.
constexpr std::chrono::milliseconds kGracefulExit{1000};

std::string errno_text(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

void set_nonblocking(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

// Reads what is available without blocking into `sink`. Returns false at EOF or on a hard error.
template <class Sink>
bool drain_fd(int fd, Sink&& sink) {
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      sink(std::string_view(buffer, static_cast<std::size_t>(n)));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by " + signal_name(WTERMSIG(status));
  return "stopped";
}

// write() on a pipe whose reader is gone raises SIGPIPE, which would end pilotbench. Blocking the signal in
// this thread turns it into EPIPE; a SIGPIPE left pending by our write is consumed before unblocking.
ssize_t write_without_sigpipe(int fd, const char* data, std::size_t size) {
  sigset_t pipe_set, old_set, pending;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
  sigpending(&pending);
  const bool was_pending = sigismember(&pending, SIGPIPE) == 1;
  ssize_t n;
  do {
    n = ::write(fd, data, size);
  } while (n < 0 && errno == EINTR);
  const int saved_errno = errno;
  if (n < 0 && saved_errno == EPIPE && !was_pending) {
    const timespec zero{0, 0};
    while (::sigtimedwait(&pipe_set, nullptr, &zero) < 0 && errno == EINTR) {
    }
  }
  ::pthread_sigmask(SIG_SETMASK, &old_set, nullptr);
  errno = saved_errno;
  return n;
}

}  // namespace

// A running program: its pipes, what it has written so far, and its process id (also its process group).
struct CommandTranscriptionAdapter::Program {
  pid_t pid = -1;
  int in = -1, out = -1, err = -1, pidfd = -1;
  bool out_open = false, err_open = false;
  std::string out_buffer;
  std::string err_tail;
  int last_status = 0;  // wait status of the last program stopped

  ~Program() { stop(false); }

  bool running() const { return pid > 0; }
  bool last_status_clean() const { return WIFEXITED(last_status) && WEXITSTATUS(last_status) == 0; }

  bool has_exited() const {
    if (pid <= 0) return true;
    siginfo_t info{};
    // WNOWAIT: leave the zombie in place, so its pid (and process group id) cannot be reused before stop().
    return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
  }

  void keep_stderr(std::string_view bytes) {
    err_tail.append(bytes);
    if (err_tail.size() > 2 * kStderrKeptBytes) err_tail.erase(0, err_tail.size() - kStderrKeptBytes);
  }

  void drain_outputs() {
    if (out_open && !drain_fd(out, [&](std::string_view b) { out_buffer.append(b); })) out_open = false;
    if (err_open && !drain_fd(err, [&](std::string_view b) { keep_stderr(b); })) err_open = false;
  }

  enum class Wait { progress, timeout, exited };

  // Waits for output, writability of stdin (if asked), the program's exit or the deadline; drains stdout and
  // stderr. Without a pidfd (old kernels) exit is polled at a short interval.
  Wait pump(Clock::time_point deadline, bool want_write) {
    const auto now = Clock::now();
    if (now >= deadline) return Wait::timeout;
    auto wait = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    if (pidfd < 0) wait = std::min(wait, std::chrono::milliseconds(10));
    pollfd polled[4];
    nfds_t count = 0;
    if (out_open) polled[count++] = {out, POLLIN, 0};
    if (err_open) polled[count++] = {err, POLLIN, 0};
    if (pidfd >= 0) polled[count++] = {pidfd, POLLIN, 0};
    if (want_write) polled[count++] = {in, POLLOUT, 0};
    ::poll(polled, count, static_cast<int>(std::min<std::int64_t>(wait.count(), 1 << 30)));
    drain_outputs();
    if (has_exited()) {
      drain_outputs();  // its last words are in the pipes already
      return Wait::exited;
    }
    return Wait::progress;
  }

  // Kills the whole process group (a vendor wrapper script's children too) and reaps the program.
  // `graceful`: close stdin first and give the program kGracefulExit to finish on its own.
  // Returns how the program ended ("exited with status 1", "was killed by SIGSEGV"); "" if none was running.
  std::string stop(bool graceful) {
    if (pid <= 0) return "";
    close_fd(in);
    if (graceful) {
      const auto deadline = Clock::now() + kGracefulExit;
      while (!has_exited() && Clock::now() < deadline) {
        if (pidfd >= 0) {
          pollfd polled{pidfd, POLLIN, 0};
          ::poll(&polled, 1, 50);
        } else {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
      }
    }
    // The leader is alive or an unreaped zombie here, so its process group id still names only its group.
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);  // in case it left the group
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    last_status = status;
    close_fd(out);
    close_fd(err);
    close_fd(pidfd);
    out_open = err_open = false;
    out_buffer.clear();
    pid = -1;
    return describe_status(status);
  }

  std::string stderr_excerpt() const {
    if (err_tail.empty()) return "";
    std::string_view tail(err_tail);
    if (tail.size() > kStderrReasonBytes) tail = tail.substr(tail.size() - kStderrReasonBytes);
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r' || tail.back() == ' ')) tail.remove_suffix(1);
    if (tail.empty()) return "";
    return "; stderr: " + sanitize_external_text(tail, kStderrReasonBytes + 4);
  }
};

namespace {

using Program = CommandTranscriptionAdapter::Program;

enum class LineResult { line, timeout, exited, too_long };

LineResult read_line(Program& program, Clock::time_point deadline, std::string& line) {
  for (;;) {
    const auto newline = program.out_buffer.find('\n');
    if (newline != std::string::npos) {
      line.assign(program.out_buffer, 0, newline);
      program.out_buffer.erase(0, newline + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return LineResult::line;
    }
    if (program.out_buffer.size() > kMaxLineBytes) return LineResult::too_long;
    if (!program.out_open) return LineResult::exited;  // stdout closed: no line can come any more
    switch (program.pump(deadline, false)) {
      case Program::Wait::timeout:
        return LineResult::timeout;
      case Program::Wait::exited:
        if (program.out_buffer.find('\n') == std::string::npos) return LineResult::exited;
        break;
      case Program::Wait::progress:
        break;
    }
  }
}

enum class WriteResult { written, timeout, exited };

WriteResult write_line(Program& program, const std::string& data, Clock::time_point deadline) {
  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = write_without_sigpipe(program.in, data.data() + written, data.size() - written);
    if (n > 0) {
      written += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      // The program is not reading (yet); keep draining its output meanwhile so neither side blocks.
      const auto wait = program.pump(deadline, true);
      if (wait == Program::Wait::timeout) return WriteResult::timeout;
      if (wait == Program::Wait::exited) return WriteResult::exited;
      continue;
    }
    return WriteResult::exited;  // EPIPE: nobody reads our requests any more
  }
  return WriteResult::written;
}

// Starts the program; everything between fork and exec is async-signal-safe (the parent has threads).
std::string spawn(Program& program, const CommandAdapterOptions& options, const std::vector<std::string>& environment,
                  bool die_with_caller) {
  std::vector<char*> argv, envp;
  for (const auto& arg : options.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  for (const auto& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  const std::string cwd = options.working_dir.string();
  const std::string exec_failed = "pilotbench: cannot execute " + options.argv.front() + " (errno ";
  rlimit memory{};
  if (options.memory_limit_mb) {
    memory.rlim_cur = memory.rlim_max = static_cast<rlim_t>(*options.memory_limit_mb) * 1024 * 1024;
  }

  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) return errno_text("pipe2");
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    const std::string reason = errno_text("pipe2");
    ::close(in_pipe[0]), ::close(in_pipe[1]);
    return reason;
  }
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    const std::string reason = errno_text("pipe2");
    ::close(in_pipe[0]), ::close(in_pipe[1]), ::close(out_pipe[0]), ::close(out_pipe[1]);
    return reason;
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const std::string reason = errno_text("fork");
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
    return reason;
  }
  if (pid == 0) {
    if (die_with_caller) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
    }
    ::setpgid(0, 0);  // its own group, so a timeout kills whatever it started as well
    // dup2 onto 0/1/2 clears O_CLOEXEC on the copies; the originals close at exec.
    if (::dup2(in_pipe[0], 0) < 0 || ::dup2(out_pipe[1], 1) < 0 || ::dup2(err_pipe[1], 2) < 0) ::_exit(127);
    for (int fd = 0; fd < 3; ++fd) ::fcntl(fd, F_SETFD, 0);  // in case a pipe end already was 0, 1 or 2
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int signal_number : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD})
      ::sigaction(signal_number, &default_action, nullptr);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(127);
    if (options.memory_limit_mb) ::setrlimit(RLIMIT_AS, &memory);
    ::execve(argv[0], argv.data(), envp.data());
    // Only async-signal-safe calls: the error number is written digit by digit.
    const int code = errno;
    char digits[12];
    int length = 0;
    for (int value = code; length == 0 || value > 0; value /= 10)
      digits[length++] = static_cast<char>('0' + value % 10);
    [[maybe_unused]] ssize_t ignored = ::write(2, exec_failed.data(), exec_failed.size());
    while (length > 0) ignored = ::write(2, &digits[--length], 1);
    ignored = ::write(2, ")\n", 2);
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also from here, so the group exists before we might kill it (fails harmlessly later)
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  program.pid = pid;
  program.in = in_pipe[1];
  program.out = out_pipe[0];
  program.err = err_pipe[0];
  program.pidfd = open_pidfd(pid);
  program.out_open = program.err_open = true;
  program.out_buffer.clear();
  program.err_tail.clear();
  set_nonblocking(program.in);
  set_nonblocking(program.out);
  set_nonblocking(program.err);
  return "";
}

std::string milliseconds_text(std::chrono::milliseconds ms) {
  return std::to_string(ms.count()) + " ms";
}

// Starts the program and reads its handshake. On failure the program is stopped and the reason returned.
Outcome<AdapterHandshake> launch_program(Program& program, const CommandAdapterOptions& options,
                                         const std::vector<std::string>& environment, bool die_with_caller) {
  using Result = Outcome<AdapterHandshake>;
  if (const std::string error = spawn(program, options, environment, die_with_caller); !error.empty())
    return Result::failure("cannot start " + options.argv.front() + ": " + error);
  std::string line;
  const auto deadline = Clock::now() + options.startup_timeout;
  const LineResult result = read_line(program, deadline, line);
  auto fail = [&](const std::string& what) {
    const std::string stderr_text = program.stderr_excerpt();
    program.stop(false);
    return Result::failure(what + stderr_text);
  };
  switch (result) {
    case LineResult::timeout:
      return fail("no handshake within " + milliseconds_text(options.startup_timeout) + " (program killed)");
    case LineResult::too_long:
      return fail("handshake line longer than " + std::to_string(kMaxLineBytes) + " bytes");
    case LineResult::exited: {
      const std::string stderr_text = program.stderr_excerpt();
      const std::string how = program.stop(false);
      return Result::failure("program " + how + " before its handshake" + stderr_text);
    }
    case LineResult::line:
      break;
  }
  auto handshake = parse_handshake(line);
  if (!handshake.ok()) return fail(handshake.error());
  if (!handshake.value().can(kTranscriptionCapability))
    return fail("adapter " + handshake.value().name + " does not offer the \"transcription\" capability");
  return handshake;
}

}  // namespace

std::vector<std::string> command_environment(const std::map<std::string, std::string>& extra,
                                             const std::vector<std::string>& current) {
  std::map<std::string, std::string> chosen;
  for (const std::string& entry : current) {
    const auto equals = entry.find('=');
    if (equals == std::string::npos || equals == 0) continue;
    const std::string name = entry.substr(0, equals);
    if (name == "PATH" || name == "HOME" || name == "LANG" || name.rfind("LC_", 0) == 0)
      chosen.emplace(name, entry.substr(equals + 1));  // first occurrence wins, as getenv() does
  }
  for (const auto& [name, value] : extra) chosen[name] = value;
  std::vector<std::string> environment;
  for (const auto& [name, value] : chosen) environment.push_back(name + "=" + value);
  return environment;
}

std::optional<std::filesystem::path> resolve_program(const std::string& program, const std::string& path_list,
                                                     const std::filesystem::path& base_dir) {
  auto usable = [](const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
  };
  if (program.empty()) return std::nullopt;
  if (program.find('/') != std::string::npos) {
    std::filesystem::path path(program);
    if (path.is_relative()) path = base_dir / path;
    path = std::filesystem::absolute(path).lexically_normal();
    return usable(path) ? std::optional(path) : std::nullopt;
  }
  std::size_t start = 0;
  while (start <= path_list.size()) {
    const std::size_t end = std::min(path_list.find(':', start), path_list.size());
    const std::string dir = path_list.substr(start, end - start);
    // An empty PATH element means the current directory to a shell; we do not search it (scenario-relative
    // programs are written "./prog").
    if (!dir.empty() && dir.front() == '/') {
      const std::filesystem::path path = std::filesystem::path(dir) / program;
      if (usable(path)) return path;
    }
    start = end + 1;
  }
  return std::nullopt;
}

CommandTranscriptionAdapter::CommandTranscriptionAdapter(CommandAdapterOptions options,
                                                         std::vector<std::string> environment,
                                                         AdapterHandshake handshake, std::unique_ptr<Program> first)
    : options_(std::move(options)),
      environment_(std::move(environment)),
      handshake_(std::move(handshake)),
      owner_pid_(::getpid()) {
  slots_.push_back(std::move(first));
  for (int i = 1; i < options_.processes; ++i) slots_.push_back(std::make_unique<Program>());
  // Slot 0 (already running) is handed out first.
  for (std::size_t i = slots_.size(); i-- > 0;) free_slots_.push_back(i);
  programs_started_ = 1;
}

CommandTranscriptionAdapter::~CommandTranscriptionAdapter() {
  if (::getpid() != owner_pid_) return;  // a forked copy must not stop the owner's programs
  for (auto& program : slots_) program->stop(true);
}

Outcome<std::unique_ptr<CommandTranscriptionAdapter>> CommandTranscriptionAdapter::start(
    CommandAdapterOptions options) {
  using Result = Outcome<std::unique_ptr<CommandTranscriptionAdapter>>;
  if (options.argv.empty()) return Result::failure("no program to run (empty argv)");
  options.processes = std::max(options.processes, 1);
  std::vector<std::string> current;
  for (char** entry = environ; entry && *entry; ++entry) current.emplace_back(*entry);
  std::vector<std::string> environment = command_environment(options.env, current);
  auto first = std::make_unique<Program>();
  auto handshake = launch_program(*first, options, environment, false);
  if (!handshake.ok()) return Result::failure(handshake.error());
  return Result::success(std::unique_ptr<CommandTranscriptionAdapter>(new CommandTranscriptionAdapter(
      std::move(options), std::move(environment), std::move(handshake).value(), std::move(first))));
}

ComponentId CommandTranscriptionAdapter::id() const {
  return {"command:" + handshake_.name + "@" + handshake_.version, "1"};
}

std::size_t CommandTranscriptionAdapter::acquire_slot() {
  std::unique_lock lock(slots_mutex_);
  slot_freed_.wait(lock, [&] { return !free_slots_.empty(); });
  const std::size_t slot = free_slots_.back();
  free_slots_.pop_back();
  return slot;
}

void CommandTranscriptionAdapter::release_slot(std::size_t slot) {
  {
    std::lock_guard lock(slots_mutex_);
    free_slots_.push_back(slot);
  }
  slot_freed_.notify_one();
}

Outcome<Transcript> CommandTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  if (::getpid() != owner_pid_) {
    // Forked by the isolation wrapper: the owner's programs and locks belong to the parent (a lock may even have
    // been held by another thread at fork time), so use a private program for this one call.
    Program program;
    auto result = serve(program, request, true);
    program.stop(false);
    return result;
  }
  const std::size_t slot = acquire_slot();
  struct Release {
    CommandTranscriptionAdapter* self;
    std::size_t slot;
    ~Release() { self->release_slot(slot); }
  } release{this, slot};
  return serve(*slots_[slot], request, false);
}

Outcome<Transcript> CommandTranscriptionAdapter::serve(Program& program, const TranscriptionRequest& request,
                                                       bool die_with_caller) {
  using Result = Outcome<Transcript>;
  const std::string who = handshake_.name + ": ";
  std::string line;
  const std::string id = "r-" + std::to_string(next_request_++);
  try {
    line = encode_request(make_wire_request(id, request, options_.send_reference)) + "\n";
  } catch (const std::invalid_argument& error) {
    return Result::failure(std::string("cannot encode the request: ") + error.what());
  }
  const auto deadline = Clock::now() + options_.request_timeout;
  const std::string timed_out = "no response within " + milliseconds_text(options_.request_timeout) +
                                " (program killed; restarts on the next request)";

  // A program may quit between requests (to free memory, say). One that exits with status 0 without a word is
  // taken not to have accepted the request, which then goes once more to a fresh program. Any other death
  // fails the item: re-sending could crash the next program the same way.
  for (int attempt = 1;; ++attempt) {
    if (program.running() && program.has_exited()) program.stop(false);  // died while idle: start afresh
    if (!program.running()) {
      auto handshake = launch_program(program, options_, environment_, die_with_caller);
      ++programs_started_;
      if (!handshake.ok()) return Result::failure(who + "restart failed: " + handshake.error());
      if (!(handshake.value().name == handshake_.name && handshake.value().version == handshake_.version)) {
        program.stop(false);
        return Result::failure(who + "restarted program reports " + handshake.value().name + "@" +
                               handshake.value().version + " but the run started with " + handshake_.name + "@" +
                               handshake_.version);
      }
    }
    program.drain_outputs();
    program.err_tail.clear();  // the stderr attached to this item's failure is what it wrote for this request

    auto broken = [&](const std::string& what) {
      const std::string stderr_text = program.stderr_excerpt();
      program.stop(false);
      return Result::failure(who + what + stderr_text);
    };
    // nullopt: it quit cleanly without answering, so try again.
    auto died = [&](const char* when) -> std::optional<Result> {
      const bool silent = program.out_buffer.empty();
      const std::string stderr_text = program.stderr_excerpt();
      const std::string how = program.stop(false);
      if (silent && attempt == 1 && program.last_status_clean()) return std::nullopt;
      return Result::failure(who + "program " + how + " " + when + stderr_text);
    };

    switch (write_line(program, line, deadline)) {
      case WriteResult::timeout:
        return broken(timed_out + " while sending the request");
      case WriteResult::exited:
        if (auto failed = died("before taking the request")) return *failed;
        continue;
      case WriteResult::written:
        break;
    }
    std::string response_line;
    switch (read_line(program, deadline, response_line)) {
      case LineResult::timeout:
        return broken(timed_out);
      case LineResult::too_long:
        return broken("response line longer than " + std::to_string(kMaxLineBytes) + " bytes");
      case LineResult::exited:
        if (auto failed = died("during the request")) return *failed;
        continue;
      case LineResult::line:
        break;
    }
    auto response = parse_response(response_line);
    if (!response.ok()) return broken(response.error() + " (program restarted)");
    if (response.value().id != id)
      return broken("response id \"" + sanitize_external_text(response.value().id, 100) +
                    "\" does not match request id \"" + id + "\" (program restarted)");
    if (!response.value().result.ok())
      return Result::failure(who + response.value().result.error() + program.stderr_excerpt());
    return response.value().result;
  }
}

TranscriptionAdapterPtr make_command_adapter(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"argv", "env", "memory_limit_mb", "startup_timeout_s", "send_reference", "processes"});
  CommandAdapterOptions options;

  auto no_nul = [](const std::string& s) { return s.find('\0') == std::string::npos; };
  if (const nlohmann::json* argv = config.find("argv")) {
    if (!argv->is_array() || argv->empty()) {
      config.problem(config.path("argv"),
                     "expected a non-empty list of strings [\"program\", \"arg\", ...], got " + describe_json(*argv));
    } else {
      for (std::size_t i = 0; i < argv->size(); ++i) {
        const auto& arg = (*argv)[i];
        if (!arg.is_string() || !no_nul(arg.get<std::string>()) || (i == 0 && arg.get<std::string>().empty())) {
          config.problem(config.path("argv") + "[" + std::to_string(i) + "]",
                         std::string(i == 0 ? "expected a non-empty program name" : "expected a string") +
                             " without NUL characters, got " + describe_json(arg));
        } else {
          options.argv.push_back(arg.get<std::string>());
        }
      }
    }
  } else {
    config.problem(config.path("argv"),
                   "missing (the program and its arguments, e.g. [\"./my-adapter\", \"--model\", \"x\"])");
  }

  if (const nlohmann::json* env = config.find("env")) {
    if (!env->is_object()) {
      config.problem(config.path("env"), "expected an object {\"NAME\": \"value\"}, got " + describe_json(*env));
    } else {
      for (const auto& [name, value] : env->items()) {
        const bool good_name =
            !name.empty() && !(name[0] >= '0' && name[0] <= '9') && std::all_of(name.begin(), name.end(), [](char c) {
              return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            });
        if (!good_name) {
          config.problem(config.path("env") + "." + name, "not a valid environment variable name");
        } else if (!value.is_string() || !no_nul(value.get<std::string>())) {
          config.problem(config.path("env") + "." + name,
                         "expected a string without NUL characters, got " + describe_json(value));
        } else {
          options.env[name] = value.get<std::string>();
        }
      }
    }
  }
  if (config.find("memory_limit_mb"))
    options.memory_limit_mb = static_cast<std::uint64_t>(config.integer("memory_limit_mb", 1024, 16, 1 << 20));
  const double startup_s = config.number("startup_timeout_s", 30.0, 0.001, 3600.0);
  options.startup_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(startup_s * 1000.0 + 0.5));
  options.send_reference = config.boolean("send_reference", false);
  options.processes = static_cast<int>(config.integer("processes", 1, 1, 16));
  {
    ProblemList reported_by_the_wrapper;  // the wrapper reports bad common keys itself; do not list them twice
    options.request_timeout = read_wrapper_options(spec, reported_by_the_wrapper).timeout;
  }
  options.working_dir =
      spec.base_dir.empty() ? std::filesystem::current_path() : std::filesystem::absolute(spec.base_dir);

  if (!options.argv.empty()) {
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
  if (!config.ok()) return nullptr;

  auto started = CommandTranscriptionAdapter::start(std::move(options));
  if (!started.ok()) {
    config.problem(config.path("argv"), "the adapter program did not start: " + started.error());
    return nullptr;
  }
  return std::move(started).value();
}

}  // namespace pb
