#include "adapters/command_programs.h"

#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace pb {
namespace {

using Clock = ChildProcess::Clock;

std::string milliseconds_text(std::chrono::milliseconds ms) { return std::to_string(ms.count()) + " ms"; }

// Starts the program and reads its handshake. On failure the program is stopped and the reason returned.
Outcome<AdapterHandshake> launch(ChildProcess& program, const ChildProcessSpec& spec,
                                 const CommandAdapterOptions& options, const CommandProtocol& protocol,
                                 bool die_with_caller) {
  using Result = Outcome<AdapterHandshake>;
  if (const std::string error = program.start(spec, die_with_caller); !error.empty())
    return Result::failure("cannot start " + spec.argv.front() + ": " + error);
  auto fail = [&](const std::string& what) {
    const std::string stderr_text = program.stderr_excerpt();
    program.stop(false);
    return Result::failure(what + stderr_text);
  };
  std::string line;
  switch (program.read_line(Clock::now() + options.startup_timeout, protocol.max_line_bytes, line)) {
    case ChildProcess::Read::timeout:
      return fail("no handshake within " + milliseconds_text(options.startup_timeout) + " (program killed)");
    case ChildProcess::Read::too_long:
      return fail("handshake line longer than " + std::to_string(protocol.max_line_bytes) + " bytes");
    case ChildProcess::Read::closed: {
      const std::string stderr_text = program.stderr_excerpt();
      const std::string how = program.stop(false);
      return Result::failure("program " + how + " before its handshake" + stderr_text);
    }
    case ChildProcess::Read::line:
      break;
  }
  auto handshake = parse_handshake(line);
  if (!handshake.ok()) return fail(handshake.error());
  if (!handshake.value().can(protocol.capability))
    return fail("adapter " + handshake.value().name + " does not offer the \"" + std::string(protocol.capability) +
                "\" capability");
  return handshake;
}

}  // namespace

CommandPrograms::CommandPrograms(CommandAdapterOptions options, CommandProtocol protocol, ChildProcessSpec spec,
                                 AdapterHandshake handshake, std::unique_ptr<ChildProcess> first)
    : options_(std::move(options)),
      protocol_(protocol),
      spec_(std::move(spec)),
      handshake_(std::move(handshake)),
      owner_pid_(::getpid()) {
  slots_.push_back(std::move(first));
  for (int i = 1; i < options_.processes; ++i) slots_.push_back(std::make_unique<ChildProcess>());
  for (std::size_t i = slots_.size(); i-- > 0;) free_slots_.push_back(i);  // slot 0 (already running) first
  programs_started_ = 1;
}

CommandPrograms::~CommandPrograms() {
  if (::getpid() != owner_pid_) return;  // a forked copy must not stop the owner's programs
  for (auto& program : slots_) program->stop(true);
}

Outcome<std::unique_ptr<CommandPrograms>> CommandPrograms::start(CommandAdapterOptions options,
                                                                 CommandProtocol protocol) {
  using Result = Outcome<std::unique_ptr<CommandPrograms>>;
  if (options.argv.empty()) return Result::failure("no program to run (empty argv)");
  options.processes = std::max(options.processes, 1);
  ChildProcessSpec spec{options.argv, scrubbed_environment(options.env), options.working_dir,
                        options.memory_limit_mb};
  auto first = std::make_unique<ChildProcess>();
  auto handshake = launch(*first, spec, options, protocol, false);
  if (!handshake.ok()) return Result::failure(handshake.error());
  return Result::success(std::unique_ptr<CommandPrograms>(new CommandPrograms(
      std::move(options), protocol, std::move(spec), std::move(handshake).value(), std::move(first))));
}

std::size_t CommandPrograms::acquire_slot() {
  std::unique_lock lock(slots_mutex_);
  slot_freed_.wait(lock, [&] { return !free_slots_.empty(); });
  const std::size_t slot = free_slots_.back();
  free_slots_.pop_back();
  return slot;
}

void CommandPrograms::release_slot(std::size_t slot) {
  {
    std::lock_guard lock(slots_mutex_);
    free_slots_.push_back(slot);
  }
  slot_freed_.notify_one();
}

std::optional<std::string> CommandPrograms::exchange(const Encode& encode, const Interpret& interpret) {
  const std::string id = std::string(protocol_.id_prefix) + std::to_string(next_request_++);
  std::string line;
  try {
    line = encode(id) + "\n";
  } catch (const std::invalid_argument& error) {
    return std::string("cannot encode the request: ") + error.what();
  }
  if (::getpid() != owner_pid_) {
    // Forked by the isolation wrapper: the owner's programs and locks belong to the parent (a lock may even have
    // been held by another thread at fork time), so use a private program for this one call.
    ChildProcess program;
    return serve(program, id, line, interpret, true);
  }
  const std::size_t slot = acquire_slot();
  struct Release {
    CommandPrograms* self;
    std::size_t slot;
    ~Release() { self->release_slot(slot); }
  } release{this, slot};
  return serve(*slots_[slot], id, line, interpret, false);
}

std::optional<std::string> CommandPrograms::serve(ChildProcess& program, const std::string& id,
                                                  const std::string& line, const Interpret& interpret,
                                                  bool die_with_caller) {
  const std::string who = handshake_.name + ": ";
  const auto deadline = Clock::now() + options_.request_timeout;
  const std::string timed_out = "no response within " + milliseconds_text(options_.request_timeout) +
                                " (program killed; restarts on the next request)";

  // A program may quit between requests (to free memory, say). One that exits with status 0 without a word is
  // taken not to have accepted the request, which then goes once more to a fresh program. Any other death
  // fails the item: re-sending could crash the next program the same way.
  for (int attempt = 1;; ++attempt) {
    if (program.running() && program.has_exited()) program.stop(false);  // died while idle: start afresh
    if (!program.running()) {
      auto handshake = launch(program, spec_, options_, protocol_, die_with_caller);
      ++programs_started_;
      if (!handshake.ok()) return who + "restart failed: " + handshake.error();
      if (!(handshake.value().name == handshake_.name && handshake.value().version == handshake_.version)) {
        program.stop(false);
        return who + "restarted program reports " + handshake.value().name + "@" + handshake.value().version +
               " but the run started with " + handshake_.name + "@" + handshake_.version;
      }
    }
    program.forget_stderr();  // the stderr attached to this item's failure is what it wrote for this request

    auto broken = [&](const std::string& what) {
      const std::string stderr_text = program.stderr_excerpt();
      program.stop(false);
      return who + what + stderr_text;
    };
    // nullopt: it quit cleanly without answering, so try again.
    auto died = [&](const char* when) -> std::optional<std::string> {
      const bool silent = program.nothing_written();
      const std::string stderr_text = program.stderr_excerpt();
      const std::string how = program.stop(false);
      if (silent && attempt == 1 && program.clean_exit()) return std::nullopt;
      return who + "program " + how + " " + when + stderr_text;
    };

    switch (program.write_all(line, deadline)) {
      case ChildProcess::Write::timeout:
        return broken(timed_out + " while sending the request");
      case ChildProcess::Write::closed:
        if (auto failed = died("before taking the request")) return failed;
        continue;
      case ChildProcess::Write::written:
        break;
    }
    std::string response_line;
    switch (program.read_line(deadline, protocol_.max_line_bytes, response_line)) {
      case ChildProcess::Read::timeout:
        return broken(timed_out);
      case ChildProcess::Read::too_long:
        return broken("response line longer than " + std::to_string(protocol_.max_line_bytes) + " bytes");
      case ChildProcess::Read::closed:
        if (auto failed = died("during the request")) return failed;
        continue;
      case ChildProcess::Read::line:
        break;
    }
    auto reply = interpret(response_line);
    if (!reply.ok()) return broken(reply.error() + " (program restarted)");
    if (reply.value().id != id)
      return broken("response id \"" + sanitize_external_text(reply.value().id, 100) +
                    "\" does not match request id \"" + id + "\" (program restarted)");
    if (reply.value().error) return who + *reply.value().error + program.stderr_excerpt();
    return std::nullopt;
  }
}

}  // namespace pb
