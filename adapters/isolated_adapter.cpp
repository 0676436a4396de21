#include "adapters/isolated_adapter.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string>

#include "adapters/transcript_wire.h"
#include "core/process.h"

namespace pb {
namespace {

using Clock = std::chrono::steady_clock;

// Exit status a child uses when it could not deliver its result (the parent reports "without a result").
constexpr int kChildWriteFailed = 120;
constexpr int kChildOrphaned = 121;

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

bool write_all(int fd, const std::string& bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  return true;
}

[[noreturn]] void run_child(TranscriptionAdapter& inner, const TranscriptionRequest& request, int write_fd,
                            pid_t parent) {
  // If the parent dies (or its calling thread ends), a hanging child must not linger.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(kChildOrphaned);
  std::string message;
  try {
    message = encode_outcome(inner.transcribe(request));
  } catch (const std::exception& error) {
    message = encode_exception(error.what());
  } catch (...) {
    message = encode_exception("an exception not derived from std::exception");
  }
  std::string framed;
  const std::uint64_t size = message.size();
  for (int i = 0; i < 8; ++i) framed += static_cast<char>((size >> (8 * i)) & 0xFF);
  framed += message;
  // _exit, not exit: the child must not run the parent's atexit handlers or flush its stdio buffers twice.
  ::_exit(write_all(write_fd, framed) ? 0 : kChildWriteFailed);
}

bool frame_complete(const std::string& received) {
  if (received.size() < 8) return false;
  std::uint64_t size = 0;
  for (int i = 0; i < 8; ++i) size |= std::uint64_t{static_cast<unsigned char>(received[i])} << (8 * i);
  return received.size() - 8 >= size;
}

// Reads what is available without blocking. Returns false on EOF.
bool drain(int fd, std::string& received) {
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      received.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return true;  // EAGAIN: nothing more for now
  }
}

void reap(pid_t pid, int& status) {
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

class FdGuard {
 public:
  explicit FdGuard(int fd) : fd_(fd) {}
  ~FdGuard() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdGuard(const FdGuard&) = delete;
  FdGuard& operator=(const FdGuard&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string signal_name(int signal_number) {
  switch (signal_number) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGKILL: return "SIGKILL";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGPIPE: return "SIGPIPE";
    case SIGTRAP: return "SIGTRAP";
    case SIGSYS: return "SIGSYS";
    case SIGXCPU: return "SIGXCPU";
    default: return "signal " + std::to_string(signal_number);
  }
}

IsolatedTranscriptionAdapter::IsolatedTranscriptionAdapter(TranscriptionAdapterPtr inner,
                                                           std::chrono::milliseconds timeout)
    : inner_(std::move(inner)), timeout_(timeout) {
  assert(inner_ && timeout_.count() > 0);
}

Outcome<Transcript> IsolatedTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  using Result = Outcome<Transcript>;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Result::failure("cannot isolate adapter: " + errno_text("pipe2"));
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const std::string reason = errno_text("fork");
    ::close(fds[0]);
    ::close(fds[1]);
    return Result::failure("cannot isolate adapter: " + reason);
  }
  if (pid == 0) {
    ::close(fds[0]);
    run_child(*inner_, request, fds[1], parent);
  }
  ::close(fds[1]);
  FdGuard pipe_fd(fds[0]);
  ::fcntl(pipe_fd.get(), F_SETFL, ::fcntl(pipe_fd.get(), F_GETFL) | O_NONBLOCK);
  // Waiting on the child's exit as well as on the pipe matters under concurrency: a child forked at the same
  // moment by another thread inherits our pipe's write end (O_CLOEXEC only acts on exec), so EOF on the pipe
  // may come late. Without pidfd (old kernels) we poll waitpid at a short interval instead.
  FdGuard pidfd(open_pidfd(pid));

  const auto deadline = Clock::now() + timeout_;
  std::string received;
  bool pipe_open = true;
  bool exited = false;
  int status = 0;
  while (!frame_complete(received) || !exited) {
    const auto now = Clock::now();
    if (now >= deadline) break;
    auto wait = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    if (pidfd.get() < 0) wait = std::min(wait, std::chrono::milliseconds(10));
    pollfd polled[2];
    nfds_t count = 0;
    if (pipe_open) polled[count++] = {pipe_fd.get(), POLLIN, 0};
    if (pidfd.get() >= 0) polled[count++] = {pidfd.get(), POLLIN, 0};
    const int ready = ::poll(polled, count, static_cast<int>(std::min<std::int64_t>(wait.count(), 1 << 30)));
    if (ready < 0 && errno != EINTR) break;  // treated like a timeout: kill and report below
    if (pipe_open) pipe_open = drain(pipe_fd.get(), received);
    const pid_t waited = ::waitpid(pid, &status, WNOHANG);
    if (waited == pid) {
      exited = true;
      if (pipe_open) drain(pipe_fd.get(), received);  // the child's last bytes are in the pipe already
      break;
    }
  }

  if (!exited) {
    if (frame_complete(received)) {
      // The result is in; the child is between write() and _exit(). Let it finish on its own.
      reap(pid, status);
    } else {
      ::kill(pid, SIGKILL);
      reap(pid, status);
      return Result::failure("timed out after " + std::to_string(timeout_.count()) + " ms");
    }
  }

  if (frame_complete(received)) {
    const auto decoded = decode_outcome(std::string_view(received).substr(8));
    if (!decoded) return Result::failure("adapter process sent a malformed result");
    if (decoded->kind == 'S') return Result::success(decoded->transcript);
    if (decoded->kind == 'X') return Result::failure("adapter threw: " + decoded->reason);
    return Result::failure(decoded->reason);
  }
  if (WIFSIGNALED(status)) {
    const int signal_number = WTERMSIG(status);
    return Result::failure("adapter crashed (signal " + std::to_string(signal_number) + ", " +
                           signal_name(signal_number) + ")");
  }
  return Result::failure("adapter process exited with status " + std::to_string(WEXITSTATUS(status)) +
                         " without a result");
}

}  // namespace pb
