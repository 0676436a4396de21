#include "adapters/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include "adapters/isolated_adapter.h"  // signal_name
#include "adapters/wire_protocol.h"   // sanitize_external_text
#include "core/process.h"

extern char** environ;  // NOLINT: POSIX; read to build the scrubbed environment

namespace pb {
namespace {

using Clock = ChildProcess::Clock;

// How much of the program's stderr is kept (the most recent bytes) and how much goes into a failure reason.
constexpr std::size_t kStderrKeptBytes = 8192;
constexpr std::size_t kStderrReasonBytes = 1500;
// How long a program gets to exit by itself after its stdin is closed, before its process group is killed.
constexpr std::chrono::milliseconds kGracefulExit{1000};

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
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
ssize_t write_without_sigpipe(int fd, std::string_view data) {
  sigset_t pipe_set, old_set, pending;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
  sigpending(&pending);
  const bool was_pending = sigismember(&pending, SIGPIPE) == 1;
  ssize_t n;
  do {
    n = ::write(fd, data.data(), data.size());
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

std::vector<std::string> scrubbed_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> current;
  for (char** entry = environ; entry && *entry; ++entry) current.emplace_back(*entry);
  return command_environment(extra, current);
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

// Everything between fork and exec is async-signal-safe (the parent has threads).
std::string ChildProcess::start(const ChildProcessSpec& spec, bool die_with_caller) {
  stop(false);
  std::vector<char*> argv, envp;
  for (const auto& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  for (const auto& entry : spec.environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  const std::string cwd = spec.working_dir.string();
  const std::string exec_failed = "pilotbench: cannot execute " + spec.argv.front() + " (errno ";
  rlimit memory{};
  if (spec.memory_limit_mb) memory.rlim_cur = memory.rlim_max = static_cast<rlim_t>(*spec.memory_limit_mb) << 20;

  int pipes[3][2] = {{-1, -1}, {-1, -1}, {-1, -1}};  // stdin, stdout, stderr
  auto close_pipes = [&] {
    for (auto& pipe : pipes) close_fd(pipe[0]), close_fd(pipe[1]);
  };
  for (auto& pipe : pipes) {
    if (::pipe2(pipe, O_CLOEXEC) != 0) {
      const std::string reason = errno_text("pipe2");
      close_pipes();
      return reason;
    }
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const std::string reason = errno_text("fork");
    close_pipes();
    return reason;
  }
  if (pid == 0) {
    if (die_with_caller) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
    }
    ::setpgid(0, 0);  // its own group, so a timeout kills whatever it started as well
    // dup2 onto 0/1/2 clears O_CLOEXEC on the copies; the originals close at exec.
    if (::dup2(pipes[0][0], 0) < 0 || ::dup2(pipes[1][1], 1) < 0 || ::dup2(pipes[2][1], 2) < 0) ::_exit(127);
    for (int fd = 0; fd < 3; ++fd) ::fcntl(fd, F_SETFD, 0);  // in case a pipe end already was 0, 1 or 2
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int signal_number : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD})
      ::sigaction(signal_number, &default_action, nullptr);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(127);
    if (spec.memory_limit_mb) ::setrlimit(RLIMIT_AS, &memory);
    ::execve(argv[0], argv.data(), envp.data());
    // Only async-signal-safe calls: the error number is written digit by digit.
    const int code = errno;
    char digits[12];
    int length = 0;
    for (int value = code; length == 0 || value > 0; value /= 10) digits[length++] = static_cast<char>('0' + value % 10);
    [[maybe_unused]] ssize_t ignored = ::write(2, exec_failed.data(), exec_failed.size());
    while (length > 0) ignored = ::write(2, &digits[--length], 1);
    ignored = ::write(2, ")\n", 2);
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also from here, so the group exists before we might kill it (fails harmlessly later)
  close_fd(pipes[0][0]);
  close_fd(pipes[1][1]);
  close_fd(pipes[2][1]);
  pid_ = pid;
  in_ = pipes[0][1];
  out_ = pipes[1][0];
  err_ = pipes[2][0];
  pidfd_ = open_pidfd(pid);
  out_open_ = err_open_ = true;
  out_buffer_.clear();
  err_tail_.clear();
  for (int fd : {in_, out_, err_}) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return "";
}

bool ChildProcess::has_exited() const {
  if (pid_ <= 0) return true;
  siginfo_t info{};
  // WNOWAIT: leave the zombie in place, so its pid (and process group id) cannot be reused before stop().
  return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_;
}

bool ChildProcess::clean_exit() const { return WIFEXITED(last_status_) && WEXITSTATUS(last_status_) == 0; }

void ChildProcess::drain() {
  if (out_open_ && !drain_fd(out_, [&](std::string_view bytes) { out_buffer_.append(bytes); })) out_open_ = false;
  if (err_open_ && !drain_fd(err_, [&](std::string_view bytes) {
        err_tail_.append(bytes);
        if (err_tail_.size() > 2 * kStderrKeptBytes) err_tail_.erase(0, err_tail_.size() - kStderrKeptBytes);
      }))
    err_open_ = false;
}

// Waits for output, writability of stdin (if asked), the program's exit or the deadline; drains stdout and
// stderr. Without a pidfd (old kernels) exit is polled at a short interval.
ChildProcess::Pump ChildProcess::pump(Clock::time_point deadline, bool want_write) {
  const auto now = Clock::now();
  if (now >= deadline) return Pump::timeout;
  auto wait = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
  if (pidfd_ < 0) wait = std::min(wait, std::chrono::milliseconds(10));
  pollfd polled[4];
  nfds_t count = 0;
  if (out_open_) polled[count++] = {out_, POLLIN, 0};
  if (err_open_) polled[count++] = {err_, POLLIN, 0};
  if (pidfd_ >= 0) polled[count++] = {pidfd_, POLLIN, 0};
  if (want_write) polled[count++] = {in_, POLLOUT, 0};
  ::poll(polled, count, static_cast<int>(std::min<std::int64_t>(wait.count(), 1 << 30)));
  drain();
  if (has_exited()) {
    drain();  // its last words are in the pipes already
    return Pump::exited;
  }
  return Pump::progress;
}

ChildProcess::Read ChildProcess::read_line(Clock::time_point deadline, std::size_t max_line_bytes,
                                           std::string& line) {
  for (;;) {
    const auto newline = out_buffer_.find('\n');
    if (newline != std::string::npos) {
      line.assign(out_buffer_, 0, newline);
      out_buffer_.erase(0, newline + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return Read::line;
    }
    if (out_buffer_.size() > max_line_bytes) return Read::too_long;
    if (!out_open_) return Read::closed;  // stdout closed: no line can come any more
    switch (pump(deadline, false)) {
      case Pump::timeout:
        return Read::timeout;
      case Pump::exited:
        if (out_buffer_.find('\n') == std::string::npos) return Read::closed;
        break;
      case Pump::progress:
        break;
    }
  }
}

ChildProcess::Write ChildProcess::write_all(std::string_view data, Clock::time_point deadline) {
  while (!data.empty()) {
    const ssize_t n = write_without_sigpipe(in_, data);
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      // The program is not reading (yet); keep draining its output meanwhile so neither side blocks.
      const Pump result = pump(deadline, true);
      if (result == Pump::timeout) return Write::timeout;
      if (result == Pump::exited) return Write::closed;
      continue;
    }
    return Write::closed;  // EPIPE: nobody reads our requests any more
  }
  return Write::written;
}

void ChildProcess::forget_stderr() {
  drain();
  err_tail_.clear();
}

std::string ChildProcess::stderr_excerpt() const {
  std::string_view tail(err_tail_);
  if (tail.size() > kStderrReasonBytes) tail = tail.substr(tail.size() - kStderrReasonBytes);
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r' || tail.back() == ' ')) tail.remove_suffix(1);
  if (tail.empty()) return "";
  return "; stderr: " + sanitize_external_text(tail, kStderrReasonBytes + 4);
}

std::string ChildProcess::stop(bool graceful) {
  if (pid_ <= 0) return "";
  close_fd(in_);
  if (graceful) {
    const auto deadline = Clock::now() + kGracefulExit;
    while (!has_exited() && Clock::now() < deadline) {
      if (pidfd_ >= 0) {
        pollfd polled{pidfd_, POLLIN, 0};
        ::poll(&polled, 1, 50);
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
  }
  // The leader is alive or an unreaped zombie here, so its process group id still names only its group.
  ::kill(-pid_, SIGKILL);
  ::kill(pid_, SIGKILL);  // in case it left the group
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  last_status_ = status;
  close_fd(out_);
  close_fd(err_);
  close_fd(pidfd_);
  out_open_ = err_open_ = false;
  out_buffer_.clear();
  pid_ = -1;
  return describe_status(status);
}

}  // namespace pb
