#pragma once
// The JSON envelope pilotbench speaks with adapters that run outside its process: a vendor program driven by
// the "command" kind (one JSON object per line over stdin/stdout) and a pilotbench-native HTTP route used by
// the "openai-http" kind with "api": "pilotbench" (one object per request/response body). One envelope for
// both, so one conformance suite covers both. The normative description, with examples, is
// docs/adapter-protocol.md; this header is its implementation.
//
//   handshake (program → pilotbench, once):
//     {"protocol":"pilotbench-adapter","protocol_version":1,"name":"vendor-asr","version":"2.3",
//      "capabilities":["transcription"]}
//   request (pilotbench → adapter):
//     {"id":"r-17","task":"transcription","conversation_id":"conv-0001","language":"da",
//      "audio_path":"/abs/conv-0001.wav", "reference":{"segments":[...]}}   (last two only when available/asked)
//   response (adapter → pilotbench):
//     {"id":"r-17","ok":true,"transcript":{"segments":[...]}}  or  {"id":"r-17","ok":false,"error":"..."}
//
// Transcripts use pilotbench transcript JSON (formats/transcript_formats.h: parse_transcript_json).
// All functions are pure and thread-safe.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/transcription.h"
#include "core/outcome.h"
#include "harness/dataset.h"

namespace pb {

inline constexpr std::string_view kAdapterProtocolName = "pilotbench-adapter";
inline constexpr int kAdapterProtocolVersion = 1;
inline constexpr std::string_view kTranscriptionCapability = "transcription";

// Longest vendor error text kept in a failure reason; the rest is cut (reasons are stored with every item).
inline constexpr std::size_t kMaxVendorErrorBytes = 2000;

struct AdapterHandshake {
  std::string name;     // the vendor program's own name, e.g. "vendor-asr"
  std::string version;  // its version, e.g. "2.3"; part of the component identity stored with a run
  std::vector<std::string> capabilities;
  bool operator==(const AdapterHandshake&) const = default;

  bool can(std::string_view capability) const;
};

// Parses a handshake line. Failure when it is not JSON, not an object, names another protocol, speaks another
// protocol_version, or lacks a non-empty "name"/"version" (printable, at most 200 bytes, no '@') or a list of
// string "capabilities". Unknown keys are ignored (room for later minor additions).
Outcome<AdapterHandshake> parse_handshake(std::string_view text);
// One line of JSON without a newline; parse_handshake reads it back to an equal value.
std::string encode_handshake(const AdapterHandshake& handshake);

struct WireRequest {
  std::string id;  // unique per adapter instance; the response must echo it
  std::string task{kTranscriptionCapability};
  std::string conversation_id;
  std::string language;
  std::optional<std::string> audio_path;  // absolute; absent when the conversation has no audio
  std::optional<Transcript> reference;    // only when the adapter is configured to send it (simulators)
  bool operator==(const WireRequest&) const = default;
};

// The request for one conversation: audio_path = absolute(dataset_root / conversation.audio), lexically
// normalised, when the conversation has audio; reference = its segments when `send_reference`.
WireRequest make_wire_request(std::string id, const TranscriptionRequest& request, bool send_reference);

// One line of JSON without a newline (UTF-8 as is; '\n' inside strings is escaped, so the line never breaks).
// Throws std::invalid_argument if a string is not valid UTF-8 or a reference time is not finite.
std::string encode_request(const WireRequest& request);
// Reads a request back (for adapters and test servers written in C++). Failure names what is wrong.
Outcome<WireRequest> parse_request(std::string_view text);

struct WireResponse {
  std::string id;              // as echoed by the adapter
  Outcome<Transcript> result;  // the transcript, or why the adapter could not give one
};

// Parses a response. The outer Outcome fails when the text is not a response envelope at all (malformed JSON,
// not an object, no string "id"): then the caller cannot tell which request it answers, and a stream-based
// caller must consider the stream out of step. Otherwise `result` fails when the adapter said "ok": false
// ("adapter reported an error: <error>", the error cut at kMaxVendorErrorBytes), when "ok" is not a boolean,
// or when "transcript" is missing or not valid transcript JSON ("invalid transcript: ...").
Outcome<WireResponse> parse_response(std::string_view text);
// One line of JSON without a newline. Throws std::invalid_argument like encode_request.
std::string encode_response(std::string_view id, const Outcome<Transcript>& result);

// Text from outside pilotbench (vendor errors, stderr, HTTP bodies) made fit for a stored failure reason:
// invalid UTF-8 replaced, CPR numbers masked, cut to `max_bytes` (on a character boundary, "…" appended),
// control characters other than '\n' and '\t' replaced by spaces.
std::string sanitize_external_text(std::string_view text, std::size_t max_bytes);

// A response line's JSON object and its string "id", or why the line is no response envelope at all (not JSON,
// not an object, no string "id"). Shared by the command kinds of every task, which then read their own payload.
struct ResponseEnvelope {
  nlohmann::json object;
  std::string id;
};
Outcome<ResponseEnvelope> parse_response_envelope(std::string_view line);

}  // namespace pb
