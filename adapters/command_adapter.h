#pragma once
// Kind "command": a vendor's program that speaks the pilotbench adapter protocol (adapters/wire_protocol.h,
// docs/adapter-protocol.md) — JSON lines over its stdin/stdout, logs on stderr.
//
// Config (besides the common keys of adapters/wrappers.h):
//   "argv":              ["prog", "arg", ...] (required). No shell is involved. A program name with a '/' is a
//                        path, relative to the scenario's folder; one without is looked up in PATH (the "env"
//                        PATH if given, else pilotbench's). It must exist and be executable when the scenario
//                        is loaded. The program runs with the scenario's folder as working directory.
//   "env":               {"NAME": "value"} added to a scrubbed environment: of pilotbench's own environment only
//                        PATH, HOME, LANG and LC_* are passed on (no tokens or credentials leak to a vendor).
//   "memory_limit_mb":   integer 16..1048576: RLIMIT_AS of the program (optional; address space, not RSS).
//   "startup_timeout_s": number, default 30: how long the handshake may take (model loading).
//   "send_reference":    bool, default false: put the reference transcript in each request (simulators only —
//                        a real solution must never see it).
//   "processes":         integer 1..16, default 1: how many copies of the program serve requests in parallel.
//   "timeout_s" (common): per-request deadline.
//
// Behaviour: the factory starts one program and completes the handshake, so a scenario with a broken program
// is rejected up front and id() knows the vendor's name and version. Each program serves one request at a time;
// requests queue for a free program. A failure of any kind — an "ok": false response, an invalid transcript,
// a wrong id, a line that is not JSON, no answer within timeout_s, the program's death — fails that item with
// a reason that carries the tail of the program's stderr; when the stream can no longer be trusted (anything
// but a well-formed response for the right id) the program (its whole process group) is killed and a fresh one
// is started for the next request. A restarted program must report the same name and version.
//
// Isolation: this kind already keeps the vendor's code in another process, so "isolate": false is the
// recommended setting. With isolation on (the wrapper's default) each call runs in a forked pilotbench child,
// which starts a private copy of the program for that one call (handshake included, so slower) and kills it
// afterwards; the program is killed too if the forked child is killed (PR_SET_PDEATHSIG).
#include <cstdint>
#include <memory>

#include "adapters/command_config.h"    // CommandAdapterOptions
#include "adapters/command_programs.h"  // command_environment, resolve_program (adapters/child_process.h)
#include "adapters/transcription.h"
#include "core/error.h"

namespace pb {

class CommandTranscriptionAdapter final : public TranscriptionAdapter {
 public:
  // Starts the first program and completes its handshake; failure says why (not found, no handshake in time,
  // wrong protocol, no "transcription" capability), with the program's stderr tail.
  static Outcome<std::unique_ptr<CommandTranscriptionAdapter>> start(CommandAdapterOptions options);

  // {"command:<vendor name>@<vendor version>", "1"}: the vendor's version is part of the identity stored with a
  // run, so a resume after a vendor upgrade is refused.
  ComponentId id() const override;
  const AdapterHandshake& handshake() const { return programs_->handshake(); }
  // Thread-safe; requests are spread over the configured number of programs.
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;

  // Programs started so far, the first one and restarts included (in this process; tests use it).
  std::uint64_t programs_started() const { return programs_->programs_started(); }

 private:
  explicit CommandTranscriptionAdapter(std::unique_ptr<CommandPrograms> programs) : programs_(std::move(programs)) {}
  std::unique_ptr<CommandPrograms> programs_;  // stopped when the adapter is destroyed
};

TranscriptionAdapterPtr make_command_adapter(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
