#pragma once
// Decision kind "command": a vendor's decision-support program speaking the pilotbench adapter protocol
// (docs/adapter-protocol.md, "Decisions") — JSON lines over its stdin/stdout, logs on stderr. Same framing,
// handshake, restarts and failure rules as the transcription and summarisation kinds (adapters/command_programs.h);
// the handshake must list the "decide" capability.
//
//   request (pilotbench → program), one per case:
//     {"id":"d-3","task":"decide","case":{"id":"c-0017","target_group":"jobparate",
//      "attributes":{"gender":"kvinde",…},"features":{"months_unemployed":7.5,…}},
//      "interventions":["ingen","vejledning",…]}
//   response (program → pilotbench), one of:
//     {"id":"d-3","decision":{"risk_score":0.42,"recommendation":"vejledning","recommendation_score":0.05,
//      "segment":"B"}}                                   (any non-empty subset of the four parts; "ok": true allowed)
//     {"id":"d-3","error":"…"}                           ("ok": false allowed)
//
// The case is blinded (blind_case in adapters/decision.h): no intervention given, outcome, risk label or
// caseworker choice is ever sent. Every decision is checked with validate_decision. The program does not learn
// from the training split: train() returns training_cases = 0.
//
// Config: "argv", "env", "memory_limit_mb", "startup_timeout_s", "processes" exactly as for the other command
// kinds, and "timeout_s" per request. Identity: {"command:<name>@<version>", "1"} from the handshake.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/command_programs.h"
#include "adapters/decision.h"
#include "core/error.h"

namespace pb {

inline constexpr std::string_view kDecisionCapability = "decide";

// One request line without its newline. Throws std::invalid_argument if a string is not valid UTF-8.
std::string encode_decide_request(std::string_view id, const DecisionRequest& request);

struct DecideResponse {
  std::string id;
  Outcome<Decision> result;  // the validated decision, or why the program gave none
};

// The outer Outcome fails when the line is not an envelope at all (not JSON, not an object, no string "id"):
// the stream is then out of step. `result` fails on "error", on neither or both of "decision" and "error", on an
// "ok" that is not a boolean or contradicts them, on a malformed decision (unknown key, wrong type), and on a
// decision validate_decision rejects for `interventions`.
Outcome<DecideResponse> parse_decide_response(std::string_view line, const std::vector<std::string>& interventions);

class CommandDecider final : public DecisionAdapter {
 public:
  // Starts the first program and completes its handshake (which must offer "decide").
  static Outcome<std::unique_ptr<CommandDecider>> start(CommandAdapterOptions options);

  ComponentId id() const override;
  const AdapterHandshake& handshake() const { return programs_->handshake(); }
  Outcome<TrainingSummary> train(std::span<const CaseRecord> training_cases,
                                 const std::vector<std::string>& interventions) override;
  // Thread-safe; a crash, a hang past timeout_s, a line that is not a response or a response for another id
  // fails this item only, and a fresh program serves the next request.
  Outcome<Decision> decide(const DecisionRequest& request) override;
  std::uint64_t programs_started() const { return programs_->programs_started(); }

 private:
  explicit CommandDecider(std::unique_ptr<CommandPrograms> programs) : programs_(std::move(programs)) {}
  std::unique_ptr<CommandPrograms> programs_;
};

DecisionAdapterPtr make_command_decider(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
