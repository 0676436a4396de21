#pragma once
// The vendor programs behind a "command" kind (adapters/command_adapter.h, adapters/command_summariser.h): the
// handshake, one request line and one response line at a time per program, requests queued for a free program,
// and the failure and restart rules documented in adapters/command_adapter.h and docs/adapter-protocol.md. The
// kinds supply what differs: the capability, the request encoding and the response parsing.
#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "adapters/child_process.h"
#include "adapters/command_config.h"
#include "adapters/wire_protocol.h"
#include "core/outcome.h"

namespace pb {

struct CommandProtocol {
  std::string_view capability;  // the handshake must list it
  std::string_view id_prefix;   // request ids are prefix + 1, 2, ...
  std::size_t max_line_bytes;   // a longer handshake or response line is a broken program
};

class CommandPrograms {
 public:
  // Starts the first program and completes its handshake; failure says why (not started, no handshake in time,
  // wrong protocol, capability missing), with the program's stderr tail.
  static Outcome<std::unique_ptr<CommandPrograms>> start(CommandAdapterOptions options, CommandProtocol protocol);
  // Stops every program: closes its stdin, gives it a moment to exit, then kills its process group.
  ~CommandPrograms();
  CommandPrograms(const CommandPrograms&) = delete;
  CommandPrograms& operator=(const CommandPrograms&) = delete;

  const AdapterHandshake& handshake() const { return handshake_; }
  const CommandAdapterOptions& options() const { return options_; }
  // Programs started so far, the first one and restarts included (in this process; tests use it).
  std::uint64_t programs_started() const { return programs_started_.load(); }

  // What a kind's parser read from a response line.
  struct Reply {
    std::string id;                    // the request id the response names
    std::optional<std::string> error;  // why the program gave no result, if it gave none
  };
  // The request line for an id, without its newline; may throw std::invalid_argument (not encodable).
  using Encode = std::function<std::string(const std::string& id)>;
  // A response line read; failure when it is no response envelope at all (the stream is then out of step).
  using Interpret = std::function<Outcome<Reply>(std::string_view line)>;

  // One request on a free program (thread-safe). nullopt when the program answered the request with a result
  // (`interpret` keeps it), else why the item failed — prefixed with the vendor's name, with its stderr tail.
  std::optional<std::string> exchange(const Encode& encode, const Interpret& interpret);

  // exchange() for a kind whose parser gives {id, result} with result an Outcome<T>: that result, or why not.
  template <class Parse>
  auto request(const Encode& encode, Parse parse) {
    using Result = std::remove_cvref_t<decltype(parse(std::string_view()).value().result)>;
    std::optional<Result> result;
    const auto failure = exchange(encode, [&](std::string_view line) {
      auto response = parse(line);
      if (!response.ok()) return Outcome<Reply>::failure(response.error());
      Reply reply{response.value().id, std::nullopt};
      if (!response.value().result.ok()) reply.error = response.value().result.error();
      result.emplace(std::move(response).value().result);
      return Outcome<Reply>::success(std::move(reply));
    });
    return failure ? Result::failure(*failure) : std::move(*result);
  }

 private:
  CommandPrograms(CommandAdapterOptions options, CommandProtocol protocol, ChildProcessSpec spec,
                  AdapterHandshake handshake, std::unique_ptr<ChildProcess> first);
  std::optional<std::string> serve(ChildProcess& program, const std::string& id, const std::string& line,
                                   const Interpret& interpret, bool die_with_caller);
  std::size_t acquire_slot();
  void release_slot(std::size_t slot);

  CommandAdapterOptions options_;
  CommandProtocol protocol_;
  ChildProcessSpec spec_;       // argv, scrubbed environment (computed once), working dir, memory limit
  AdapterHandshake handshake_;  // from the first program; fixed for the lifetime
  pid_t owner_pid_;             // a different getpid() means we run in a forked (isolated) child
  std::vector<std::unique_ptr<ChildProcess>> slots_;
  std::vector<std::size_t> free_slots_;
  std::mutex slots_mutex_;
  std::condition_variable slot_freed_;
  std::atomic<std::uint64_t> next_request_{1};
  std::atomic<std::uint64_t> programs_started_{0};
};

}  // namespace pb
