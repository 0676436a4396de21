#pragma once
// Summarisation kind "command": a vendor's program that drafts notes, speaking the pilotbench adapter protocol
// (docs/adapter-protocol.md, "Summarisation") — JSON lines over its stdin/stdout, logs on stderr. Same framing,
// handshake and failure rules as the transcription kind (adapters/command_adapter.h); the handshake must list
// the "summarisation" capability.
//
//   request (pilotbench → program):
//     {"id":"s-3","task":"summarisation","conversation_id":"conv-0001","language":"da",
//      "meeting_type":"første samtale","source_kind":"reference","sections":["Formål",…],
//      "transcript":{"segments":[{"speaker":"SB","role":"caseworker","text":"…"},…]}}
//   response (program → pilotbench), one of:
//     {"id":"s-3","ok":true,"note":{"kind":"journalnotat","sections":[{"title":"Formål","text":"…"}]}}
//     {"id":"s-3","ok":true,"text":"Formål: …\nAftaler: …"}        (sections found by their headings)
//     {"id":"s-3","ok":false,"error":"…"}
//
// Config: "argv", "env", "memory_limit_mb", "startup_timeout_s", "processes" exactly as for the transcription
// kind (no "send_reference": the program always gets the transcript it should summarise), "timeout_s" (common)
// per request, and "sections" (default default_note_titles()): the titles sent with each request; a "text"
// answer is split at these and the other default titles (recognised_titles in adapters/prompts.h).
//
// Identity: {"command:<name>@<version>", "1;sections=<8 hex>"} from the handshake; a restarted program must
// report the same name and version.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/command_adapter.h"
#include "adapters/summarisation.h"
#include "adapters/wire_protocol.h"

namespace pb {

inline constexpr std::string_view kSummarisationCapability = "summarisation";

struct CommandSummariserOptions {
  CommandAdapterOptions program;  // argv[0] resolved; send_reference is not used
  std::vector<std::string> sections;
};

// One request line without its newline. Throws std::invalid_argument if a string is not valid UTF-8 or a time
// is not finite.
std::string encode_summarise_request(std::string_view id, const SummarisationRequest& request,
                                     const std::vector<std::string>& sections);

struct SummariseResponse {
  std::string id;
  Outcome<CaseNote> result;  // the note, or why the program could not give one
};

// Like parse_response (adapters/wire_protocol.h): the outer Outcome fails when the line is not an envelope at
// all (not JSON, not an object, no string "id") — the stream is then out of step; `result` fails on "ok": false,
// a missing or non-boolean "ok", neither or both of "note" and "text", or a malformed note.
Outcome<SummariseResponse> parse_summarise_response(std::string_view line, const std::vector<std::string>& sections);

class CommandSummariser final : public SummarisationAdapter {
 public:
  // Starts the first program and completes its handshake (which must offer "summarisation").
  static Outcome<std::unique_ptr<CommandSummariser>> start(CommandSummariserOptions options);

  ComponentId id() const override;
  const AdapterHandshake& handshake() const { return programs_->handshake(); }
  // Thread-safe; requests are spread over the configured number of programs. A crash, a hang past timeout_s,
  // a line that is not a response, or a response for another id fails this item only; the program is killed
  // and a fresh one serves the next request.
  Outcome<CaseNote> summarise(const SummarisationRequest& request) override;
  std::uint64_t programs_started() const { return programs_->programs_started(); }

 private:
  CommandSummariser(std::vector<std::string> sections, std::unique_ptr<CommandPrograms> programs)
      : sections_(std::move(sections)), programs_(std::move(programs)) {}

  std::vector<std::string> sections_;
  std::unique_ptr<CommandPrograms> programs_;  // stopped when the summariser is destroyed
};

SummarisationAdapterPtr make_command_summariser(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
