#include "adapters/command_summariser.h"

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
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include "adapters/adapter_config.h"
#include "adapters/isolated_adapter.h"
#include "adapters/prompts.h"
#include "adapters/wrappers.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/json_text.h"
#include "core/process.h"
#include "formats/note_text.h"
#include "formats/transcript_formats.h"

extern char** environ;  // NOLINT: POSIX; read once per adapter to build the scrubbed environment

namespace pb {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr std::size_t kMaxLineBytes = std::size_t{16} << 20;  // a note is kilobytes; more is a broken program
constexpr std::size_t kStderrKeptBytes = 8192;
constexpr std::size_t kStderrReasonBytes = 1500;
constexpr std::chrono::milliseconds kGracefulExit{1000};

std::string ms_text(std::chrono::milliseconds ms) { return std::to_string(ms.count()) + " ms"; }

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by " + signal_name(WTERMSIG(status));
  return "stopped";
}

std::string sections_fingerprint(const std::vector<std::string>& sections) {
  std::string joined;
  for (const std::string& title : sections) joined += title + '\n';
  return sha256_hex(joined).substr(0, 8);
}

}  // namespace

// A running program: pipes to its stdin/stdout/stderr, what it has written, its pid (= its process group).
class CommandSummariser::Program {
 public:
  enum class Read { line, timeout, closed, too_long };
  enum class Write { written, timeout, closed };

  ~Program() { stop(false); }

  bool running() const { return pid_ > 0; }
  bool clean_exit() const { return WIFEXITED(last_status_) && WEXITSTATUS(last_status_) == 0; }
  bool nothing_written() const { return out_buffer_.empty(); }

  // Starts argv with the given environment in its own process group. "" on success, else why not.
  // Between fork and exec only async-signal-safe calls are made (the parent has threads).
  std::string start(const CommandAdapterOptions& options, const std::vector<std::string>& environment,
                    bool die_with_caller) {
    std::vector<char*> argv, envp;
    for (const auto& arg : options.argv) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    for (const auto& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
    envp.push_back(nullptr);
    const std::string cwd = options.working_dir.string();
    const std::string exec_failed = "pilotbench: cannot execute " + options.argv.front() + "\n";
    rlimit memory{};
    if (options.memory_limit_mb) memory.rlim_cur = memory.rlim_max = static_cast<rlim_t>(*options.memory_limit_mb) << 20;

    int pipes[3][2] = {{-1, -1}, {-1, -1}, {-1, -1}};  // stdin, stdout, stderr
    for (auto& p : pipes) {
      if (::pipe2(p, O_CLOEXEC) != 0) {
        const std::string reason = errno_text("pipe2");
        for (auto& q : pipes) close_fd(q[0]), close_fd(q[1]);
        return reason;
      }
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
      const std::string reason = errno_text("fork");
      for (auto& q : pipes) close_fd(q[0]), close_fd(q[1]);
      return reason;
    }
    if (pid == 0) {
      if (die_with_caller) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
      }
      ::setpgid(0, 0);  // its own group, so a timeout also kills what it started
      if (::dup2(pipes[0][0], 0) < 0 || ::dup2(pipes[1][1], 1) < 0 || ::dup2(pipes[2][1], 2) < 0) ::_exit(127);
      for (int fd = 0; fd < 3; ++fd) ::fcntl(fd, F_SETFD, 0);
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
      [[maybe_unused]] const ssize_t ignored = ::write(2, exec_failed.data(), exec_failed.size());
      ::_exit(127);
    }
    ::setpgid(pid, pid);  // also from here, so the group exists before we might kill it
    ::close(pipes[0][0]);
    ::close(pipes[1][1]);
    ::close(pipes[2][1]);
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

  // Exited (or killed) but not yet reaped: WNOWAIT keeps the zombie, so the pid cannot be reused before stop().
  bool has_exited() const {
    if (pid_ <= 0) return true;
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_;
  }

  Read read_line(Clock::time_point deadline, std::string& line) {
    for (;;) {
      const auto newline = out_buffer_.find('\n');
      if (newline != std::string::npos) {
        line.assign(out_buffer_, 0, newline);
        out_buffer_.erase(0, newline + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return Read::line;
      }
      if (out_buffer_.size() > kMaxLineBytes) return Read::too_long;
      if (!out_open_) return Read::closed;
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

  Write write_all(std::string_view data, Clock::time_point deadline) {
    while (!data.empty()) {
      const ssize_t n = write_without_sigpipe(data);
      if (n > 0) {
        data.remove_prefix(static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        // The program is not reading yet; keep draining its output so neither side blocks.
        const Pump result = pump(deadline, true);
        if (result == Pump::timeout) return Write::timeout;
        if (result == Pump::exited) return Write::closed;
        continue;
      }
      return Write::closed;  // EPIPE: nobody reads our requests any more
    }
    return Write::written;
  }

  // Drains what is already available, then forgets the stderr tail: the stderr attached to an item's failure is
  // what the program wrote while serving it.
  void begin_request() {
    drain();
    err_tail_.clear();
  }

  // Kills the whole process group and reaps the program; `graceful` first closes stdin and waits kGracefulExit.
  // Returns how it ended ("exited with status 3", "was killed by SIGSEGV"), "" if none was running.
  std::string stop(bool graceful) {
    if (pid_ <= 0) return "";
    close_fd(in_);
    if (graceful) {
      const auto deadline = Clock::now() + kGracefulExit;
      while (!has_exited() && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(-pid_, SIGKILL);  // the leader is alive or a zombie here, so the group id still names its group
    ::kill(pid_, SIGKILL);
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

  std::string stderr_excerpt() const {
    std::string_view tail(err_tail_);
    if (tail.size() > kStderrReasonBytes) tail = tail.substr(tail.size() - kStderrReasonBytes);
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r' || tail.back() == ' ')) tail.remove_suffix(1);
    if (tail.empty()) return "";
    return "; stderr: " + sanitize_external_text(tail, kStderrReasonBytes + 4);
  }

 private:
  enum class Pump { progress, timeout, exited };

  // Reads what is available without blocking. False at EOF or on a hard error.
  template <class Sink>
  static bool drain_fd(int fd, Sink&& sink) {
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

  void drain() {
    if (out_open_ && !drain_fd(out_, [&](std::string_view b) { out_buffer_.append(b); })) out_open_ = false;
    if (err_open_ && !drain_fd(err_, [&](std::string_view b) {
          err_tail_.append(b);
          if (err_tail_.size() > 2 * kStderrKeptBytes) err_tail_.erase(0, err_tail_.size() - kStderrKeptBytes);
        }))
      err_open_ = false;
  }

  // Waits for output, stdin writability (if asked), the program's exit or the deadline. Without a pidfd (old
  // kernels) exit is polled every 10 ms.
  Pump pump(Clock::time_point deadline, bool want_write) {
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

  // A write to a pipe without reader raises SIGPIPE, which would end pilotbench; with the signal blocked in this
  // thread it becomes EPIPE, and a SIGPIPE our write left pending is consumed before unblocking.
  ssize_t write_without_sigpipe(std::string_view data) {
    sigset_t pipe_set, old_set, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
    sigpending(&pending);
    const bool was_pending = sigismember(&pending, SIGPIPE) == 1;
    ssize_t n;
    do {
      n = ::write(in_, data.data(), data.size());
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

  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, err_ = -1, pidfd_ = -1;
  bool out_open_ = false, err_open_ = false;
  std::string out_buffer_;
  std::string err_tail_;
  int last_status_ = 0;
};

namespace {

using Program = CommandSummariser::Program;

// Starts the program and reads its handshake; on failure the program is stopped and the reason returned.
Outcome<AdapterHandshake> launch(Program& program, const CommandAdapterOptions& options,
                                 const std::vector<std::string>& environment, bool die_with_caller) {
  using Result = Outcome<AdapterHandshake>;
  if (const std::string error = program.start(options, environment, die_with_caller); !error.empty())
    return Result::failure("cannot start " + options.argv.front() + ": " + error);
  auto fail = [&](const std::string& what) {
    const std::string stderr_text = program.stderr_excerpt();
    program.stop(false);
    return Result::failure(what + stderr_text);
  };
  std::string line;
  switch (program.read_line(Clock::now() + options.startup_timeout, line)) {
    case Program::Read::timeout:
      return fail("no handshake within " + ms_text(options.startup_timeout) + " (program killed)");
    case Program::Read::too_long:
      return fail("handshake line longer than " + std::to_string(kMaxLineBytes) + " bytes");
    case Program::Read::closed: {
      const std::string stderr_text = program.stderr_excerpt();
      const std::string how = program.stop(false);
      return Result::failure("program " + how + " before its handshake" + stderr_text);
    }
    case Program::Read::line:
      break;
  }
  auto handshake = parse_handshake(line);
  if (!handshake.ok()) return fail(handshake.error());
  if (!handshake.value().can(kSummarisationCapability))
    return fail("adapter " + handshake.value().name + " does not offer the \"summarisation\" capability");
  return handshake;
}

}  // namespace

std::string encode_summarise_request(std::string_view id, const SummarisationRequest& request,
                                     const std::vector<std::string>& sections) {
  const Conversation& conversation = request.conversation;
  nlohmann::ordered_json object = {{"id", id},
                                   {"task", kSummarisationCapability},
                                   {"conversation_id", conversation.id},
                                   {"language", conversation.language},
                                   {"meeting_type", conversation.meeting_type},
                                   {"source_kind", request.source_kind},
                                   {"sections", sections}};
  object["transcript"] = nlohmann::ordered_json::parse(transcript_to_json(request.source));
  try {
    return object.dump();  // one line: '\n' inside strings is escaped
  } catch (const json::type_error&) {
    throw std::invalid_argument("summarisation request: a string is not valid UTF-8");
  }
}

Outcome<SummariseResponse> parse_summarise_response(std::string_view line, const std::vector<std::string>& sections) {
  using Result = Outcome<SummariseResponse>;
  using Note = Outcome<CaseNote>;
  json object;
  try {
    object = json::parse(line);
  } catch (const json::parse_error& error) {
    return Result::failure("response is not JSON (" + parse_error_message(error) +
                           "): " + sanitize_external_text(line, 200));
  }
  if (!object.is_object()) return Result::failure("response is not a JSON object but " + describe_json(object));
  const auto id = object.find("id");
  if (id == object.end() || !id->is_string()) return Result::failure("response has no string \"id\"");
  SummariseResponse response{id->get<std::string>(), Note::failure("")};
  const auto ok = object.find("ok");
  if (ok == object.end() || !ok->is_boolean()) {
    response.result = Note::failure("response has no boolean \"ok\"");
    return Result::success(std::move(response));
  }
  if (!ok->get<bool>()) {
    const auto error = object.find("error");
    const bool has_text = error != object.end() && error->is_string() && !error->get<std::string>().empty();
    response.result = Note::failure("adapter reported an error: " +
                                    (has_text ? sanitize_external_text(error->get<std::string>(), kMaxVendorErrorBytes)
                                              : std::string("(no \"error\" text)")));
    return Result::success(std::move(response));
  }
  const auto note = object.find("note");
  const auto text = object.find("text");
  const bool has_note = note != object.end(), has_text = text != object.end();
  if (has_note == has_text) {
    response.result = Note::failure(has_note ? "response has both \"note\" and \"text\"; send one"
                                             : "response has \"ok\": true but neither \"note\" nor \"text\"");
  } else if (has_text) {
    if (!text->is_string())
      response.result = Note::failure("response \"text\" is not a string but " + describe_json(*text));
    else
      response.result = Note::success(parse_note_text(text->get<std::string>(), recognised_titles(sections)));
  } else {
    try {
      response.result = Note::success(parse_note_json(note->dump(), "note"));
    } catch (const InputError& error) {
      std::string detail;
      for (const Problem& problem : error.problems())
        detail += (detail.empty() ? "" : "; ") + (problem.field.empty() ? "" : problem.field + ": ") + problem.message;
      response.result = Note::failure("invalid note: " + sanitize_external_text(detail, 1000));
    }
  }
  return Result::success(std::move(response));
}

CommandSummariser::CommandSummariser(CommandSummariserOptions options, std::vector<std::string> environment,
                                     AdapterHandshake handshake, std::unique_ptr<Program> first)
    : options_(std::move(options)),
      environment_(std::move(environment)),
      handshake_(std::move(handshake)),
      owner_pid_(::getpid()) {
  slots_.push_back(std::move(first));
  for (int i = 1; i < options_.program.processes; ++i) slots_.push_back(std::make_unique<Program>());
  for (std::size_t i = slots_.size(); i-- > 0;) free_slots_.push_back(i);  // slot 0 (running) first
  programs_started_ = 1;
}

CommandSummariser::~CommandSummariser() {
  if (::getpid() != owner_pid_) return;  // a forked copy must not stop the owner's programs
  for (auto& program : slots_) program->stop(true);
}

Outcome<std::unique_ptr<CommandSummariser>> CommandSummariser::start(CommandSummariserOptions options) {
  using Result = Outcome<std::unique_ptr<CommandSummariser>>;
  if (options.program.argv.empty()) return Result::failure("no program to run (empty argv)");
  options.program.processes = std::max(options.program.processes, 1);
  std::vector<std::string> current;
  for (char** entry = environ; entry && *entry; ++entry) current.emplace_back(*entry);
  std::vector<std::string> environment = command_environment(options.program.env, current);
  auto first = std::make_unique<Program>();
  auto handshake = launch(*first, options.program, environment, false);
  if (!handshake.ok()) return Result::failure(handshake.error());
  return Result::success(std::unique_ptr<CommandSummariser>(new CommandSummariser(
      std::move(options), std::move(environment), std::move(handshake).value(), std::move(first))));
}

ComponentId CommandSummariser::id() const {
  return {"command:" + handshake_.name + "@" + handshake_.version,
          "1;sections=" + sections_fingerprint(options_.sections)};
}

Outcome<CaseNote> CommandSummariser::summarise(const SummarisationRequest& request) {
  if (::getpid() != owner_pid_) {
    // Forked by an isolation wrapper: the owner's programs and locks belong to the parent, so this one call
    // gets a private program.
    Program program;
    auto result = serve(program, request, true);
    program.stop(false);
    return result;
  }
  std::size_t slot;
  {
    std::unique_lock lock(slots_mutex_);
    slot_freed_.wait(lock, [&] { return !free_slots_.empty(); });
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  struct Release {
    CommandSummariser* self;
    std::size_t slot;
    ~Release() {
      {
        std::lock_guard lock(self->slots_mutex_);
        self->free_slots_.push_back(slot);
      }
      self->slot_freed_.notify_one();
    }
  } release{this, slot};
  return serve(*slots_[slot], request, false);
}

Outcome<CaseNote> CommandSummariser::serve(Program& program, const SummarisationRequest& request,
                                           bool die_with_caller) {
  using Result = Outcome<CaseNote>;
  const std::string who = handshake_.name + ": ";
  const std::string id = "s-" + std::to_string(next_request_++);
  std::string line;
  try {
    line = encode_summarise_request(id, request, options_.sections) + "\n";
  } catch (const std::invalid_argument& error) {
    return Result::failure(std::string("cannot encode the request: ") + error.what());
  }
  const std::chrono::milliseconds timeout = options_.program.request_timeout;
  const auto deadline = Clock::now() + timeout;
  const std::string timed_out = "no response within " + ms_text(timeout) + " (program killed; restarts on the next request)";

  // A program that exits with status 0 without a word (it quit between requests) did not take the request,
  // which goes once more to a fresh program. Any other death fails the item: re-sending could crash it again.
  for (int attempt = 1;; ++attempt) {
    if (program.running() && program.has_exited()) program.stop(false);
    if (!program.running()) {
      auto handshake = launch(program, options_.program, environment_, die_with_caller);
      ++programs_started_;
      if (!handshake.ok()) return Result::failure(who + "restart failed: " + handshake.error());
      if (handshake.value().name != handshake_.name || handshake.value().version != handshake_.version) {
        program.stop(false);
        return Result::failure(who + "restarted program reports " + handshake.value().name + "@" +
                               handshake.value().version + " but the run started with " + handshake_.name + "@" +
                               handshake_.version);
      }
    }
    program.begin_request();
    auto broken = [&](const std::string& what) {
      const std::string stderr_text = program.stderr_excerpt();
      program.stop(false);
      return Result::failure(who + what + stderr_text);
    };
    auto died = [&](const char* when) -> std::optional<Result> {
      const bool silent = program.nothing_written();
      const std::string stderr_text = program.stderr_excerpt();
      const std::string how = program.stop(false);
      if (silent && attempt == 1 && program.clean_exit()) return std::nullopt;
      return Result::failure(who + "program " + how + " " + when + stderr_text);
    };
    switch (program.write_all(line, deadline)) {
      case Program::Write::timeout:
        return broken(timed_out + " while sending the request");
      case Program::Write::closed:
        if (auto failed = died("before taking the request")) return *failed;
        continue;
      case Program::Write::written:
        break;
    }
    std::string response_line;
    switch (program.read_line(deadline, response_line)) {
      case Program::Read::timeout:
        return broken(timed_out);
      case Program::Read::too_long:
        return broken("response line longer than " + std::to_string(kMaxLineBytes) + " bytes");
      case Program::Read::closed:
        if (auto failed = died("during the request")) return *failed;
        continue;
      case Program::Read::line:
        break;
    }
    auto response = parse_summarise_response(response_line, options_.sections);
    if (!response.ok()) return broken(response.error() + " (program restarted)");
    if (response.value().id != id)
      return broken("response id \"" + sanitize_external_text(response.value().id, 100) +
                    "\" does not match request id \"" + id + "\" (program restarted)");
    if (!response.value().result.ok())
      return Result::failure(who + response.value().result.error() + program.stderr_excerpt());
    return response.value().result;
  }
}

SummarisationAdapterPtr make_command_summariser(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"argv", "env", "memory_limit_mb", "startup_timeout_s", "processes", "sections"});
  CommandSummariserOptions options;
  CommandAdapterOptions& program = options.program;

  auto no_nul = [](const std::string& s) { return s.find('\0') == std::string::npos; };
  if (const json* argv = config.find("argv")) {
    if (!argv->is_array() || argv->empty()) {
      config.problem(config.path("argv"),
                     "expected a non-empty list of strings [\"program\", \"arg\", ...], got " + describe_json(*argv));
    } else {
      for (std::size_t i = 0; i < argv->size(); ++i) {
        const json& arg = (*argv)[i];
        if (!arg.is_string() || !no_nul(arg.get<std::string>()) || (i == 0 && arg.get<std::string>().empty()))
          config.problem(config.path("argv") + "[" + std::to_string(i) + "]",
                         std::string(i == 0 ? "expected a non-empty program name" : "expected a string") +
                             " without NUL characters, got " + describe_json(arg));
        else
          program.argv.push_back(arg.get<std::string>());
      }
    }
  } else {
    config.problem(config.path("argv"), "missing (the program and its arguments, e.g. [\"./my-summariser\"])");
  }
  if (const json* env = config.find("env")) {
    if (!env->is_object()) {
      config.problem(config.path("env"), "expected an object {\"NAME\": \"value\"}, got " + describe_json(*env));
    } else {
      for (const auto& [name, value] : env->items()) {
        const bool good_name = !name.empty() && !(name[0] >= '0' && name[0] <= '9') &&
                               std::all_of(name.begin(), name.end(), [](char c) {
                                 return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                        (c >= '0' && c <= '9');
                               });
        if (!good_name)
          config.problem(config.path("env") + "." + name, "not a valid environment variable name");
        else if (!value.is_string() || !no_nul(value.get<std::string>()))
          config.problem(config.path("env") + "." + name,
                         "expected a string without NUL characters, got " + describe_json(value));
        else
          program.env[name] = value.get<std::string>();
      }
    }
  }
  if (config.find("memory_limit_mb"))
    program.memory_limit_mb = static_cast<std::uint64_t>(config.integer("memory_limit_mb", 1024, 16, 1 << 20));
  program.startup_timeout = std::chrono::milliseconds(
      static_cast<std::int64_t>(config.number("startup_timeout_s", 30.0, 0.001, 3600.0) * 1000.0 + 0.5));
  program.processes = static_cast<int>(config.integer("processes", 1, 1, 16));
  {
    ProblemList reported_by_the_wrapper;  // the wrapper reports bad common keys itself
    program.request_timeout = read_wrapper_options(spec, reported_by_the_wrapper).timeout;
  }
  program.working_dir =
      spec.base_dir.empty() ? std::filesystem::current_path() : std::filesystem::absolute(spec.base_dir);
  options.sections = read_section_titles(config);

  if (!program.argv.empty()) {
    const char* own_path = std::getenv("PATH");
    const std::string path_list =
        program.env.count("PATH") ? program.env.at("PATH") : std::string(own_path ? own_path : "/usr/bin:/bin");
    const std::string& name = program.argv.front();
    if (auto resolved = resolve_program(name, path_list, program.working_dir))
      program.argv.front() = resolved->string();
    else if (name.find('/') != std::string::npos)
      config.problem(config.path("argv") + "[0]",
                     "not an executable file: " + (program.working_dir / name).lexically_normal().string());
    else
      config.problem(config.path("argv") + "[0]", "program '" + name + "' not found in PATH");
  }
  if (!config.ok()) return nullptr;
  auto started = CommandSummariser::start(std::move(options));
  if (!started.ok()) {
    config.problem(config.path("argv"), "the summariser program did not start: " + started.error());
    return nullptr;
  }
  return std::move(started).value();
}

}  // namespace pb
