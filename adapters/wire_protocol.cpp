#include "adapters/wire_protocol.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/cpr.h"
#include "core/error.h"
#include "core/json_text.h"
#include "core/utf8.h"
#include "formats/transcript_formats.h"

namespace pb {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxIdentityBytes = 200;

Outcome<json> parse_object(std::string_view text, const char* what) {
  json value;
  try {
    value = json::parse(text);
  } catch (const json::parse_error& error) {
    return Outcome<json>::failure(std::string(what) + " is not JSON (" + parse_error_message(error) +
                                  "): " + sanitize_external_text(text, 200));
  }
  if (!value.is_object())
    return Outcome<json>::failure(std::string(what) + " is not a JSON object but " + describe_json(value));
  return Outcome<json>::success(std::move(value));
}

std::optional<std::string> string_field(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

bool is_printable_identity(std::string_view s) {
  if (s.empty() || s.size() > kMaxIdentityBytes || s.find('@') != std::string_view::npos) return false;
  return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

// Transcript JSON carried inside an envelope, read with the same rules as a transcript file.
Outcome<Transcript> read_transcript_value(const json& value) {
  try {
    return Outcome<Transcript>::success(parse_transcript_json(value.dump(), "transcript"));
  } catch (const InputError& error) {
    std::string detail;
    for (const Problem& problem : error.problems()) {
      if (!detail.empty()) detail += "; ";
      detail += problem.field.empty() ? problem.message : problem.field + ": " + problem.message;
    }
    return Outcome<Transcript>::failure("invalid transcript: " + sanitize_external_text(detail, 1000));
  }
}

std::string dump_line(const json& value) {
  try {
    return value.dump();  // one line: dump() without indent escapes '\n' inside strings
  } catch (const json::type_error&) {
    throw std::invalid_argument("wire protocol: a string is not valid UTF-8");
  }
}

}  // namespace

bool AdapterHandshake::can(std::string_view capability) const {
  return std::find(capabilities.begin(), capabilities.end(), capability) != capabilities.end();
}

Outcome<AdapterHandshake> parse_handshake(std::string_view text) {
  using Result = Outcome<AdapterHandshake>;
  auto parsed = parse_object(text, "handshake");
  if (!parsed.ok()) return Result::failure(parsed.error());
  const json& object = parsed.value();
  if (string_field(object, "protocol") != std::string(kAdapterProtocolName))
    return Result::failure("handshake does not name \"protocol\": \"" + std::string(kAdapterProtocolName) + "\"");
  const auto version_it = object.find("protocol_version");
  if (version_it == object.end() || !version_it->is_number_integer())
    return Result::failure("handshake has no integer \"protocol_version\"");
  if (version_it->get<std::int64_t>() != kAdapterProtocolVersion)
    return Result::failure("adapter speaks protocol_version " + std::to_string(version_it->get<std::int64_t>()) +
                           "; pilotbench speaks " + std::to_string(kAdapterProtocolVersion));
  AdapterHandshake handshake;
  for (const char* key : {"name", "version"}) {
    const auto value = string_field(object, key);
    if (!value || !is_printable_identity(*value))
      return Result::failure(std::string("handshake needs a \"") + key +
                             "\": a non-empty string of at most 200 printable bytes without '@'");
    (std::string_view(key) == "name" ? handshake.name : handshake.version) = *value;
  }
  const auto caps = object.find("capabilities");
  if (caps == object.end() || !caps->is_array() ||
      !std::all_of(caps->begin(), caps->end(), [](const json& c) { return c.is_string(); }))
    return Result::failure("handshake needs \"capabilities\": a list of strings such as [\"transcription\"]");
  for (const json& capability : *caps) handshake.capabilities.push_back(capability.get<std::string>());
  return Result::success(std::move(handshake));
}

std::string encode_handshake(const AdapterHandshake& handshake) {
  nlohmann::ordered_json object = {{"protocol", kAdapterProtocolName},
                                   {"protocol_version", kAdapterProtocolVersion},
                                   {"name", handshake.name},
                                   {"version", handshake.version},
                                   {"capabilities", handshake.capabilities}};
  try {
    return object.dump();
  } catch (const json::type_error&) {
    throw std::invalid_argument("wire protocol: a string is not valid UTF-8");
  }
}

WireRequest make_wire_request(std::string id, const TranscriptionRequest& request, bool send_reference) {
  const Conversation& conversation = request.conversation;
  WireRequest wire;
  wire.id = std::move(id);
  wire.conversation_id = conversation.id;
  wire.language = conversation.language;
  if (conversation.audio) {
    const std::filesystem::path path = std::filesystem::path(request.dataset_root) / *conversation.audio;
    wire.audio_path = std::filesystem::absolute(path).lexically_normal().string();
  }
  if (send_reference) wire.reference = Transcript{conversation.segments};
  return wire;
}

std::string encode_request(const WireRequest& request) {
  json object = {{"id", request.id},
                 {"task", request.task},
                 {"conversation_id", request.conversation_id},
                 {"language", request.language}};
  if (request.audio_path) object["audio_path"] = *request.audio_path;
  if (request.reference) object["reference"] = json::parse(transcript_to_json(*request.reference));
  return dump_line(object);
}

Outcome<WireRequest> parse_request(std::string_view text) {
  using Result = Outcome<WireRequest>;
  auto parsed = parse_object(text, "request");
  if (!parsed.ok()) return Result::failure(parsed.error());
  const json& object = parsed.value();
  WireRequest request;
  for (const char* key : {"id", "task", "conversation_id", "language"}) {
    const auto value = string_field(object, key);
    if (!value) return Result::failure(std::string("request has no string \"") + key + "\"");
    const std::string_view name(key);
    (name == "id"                ? request.id
     : name == "task"            ? request.task
     : name == "conversation_id" ? request.conversation_id
                                 : request.language) = *value;
  }
  if (object.contains("audio_path")) {
    const auto path = string_field(object, "audio_path");
    if (!path) return Result::failure("request \"audio_path\" is not a string");
    request.audio_path = *path;
  }
  if (const auto it = object.find("reference"); it != object.end()) {
    auto reference = read_transcript_value(*it);
    if (!reference.ok()) return Result::failure("request \"reference\": " + reference.error());
    request.reference = std::move(reference).value();
  }
  return Result::success(std::move(request));
}

Outcome<WireResponse> parse_response(std::string_view text) {
  using Result = Outcome<WireResponse>;
  auto parsed = parse_object(text, "response");
  if (!parsed.ok()) return Result::failure(parsed.error());
  const json& object = parsed.value();
  auto id = string_field(object, "id");
  if (!id) return Result::failure("response has no string \"id\"");
  const auto ok = object.find("ok");
  if (ok == object.end() || !ok->is_boolean())
    return Result::success({std::move(*id), Outcome<Transcript>::failure("response has no boolean \"ok\"")});
  if (!ok->get<bool>()) {
    const auto error = string_field(object, "error");
    const std::string reason = error && !error->empty() ? sanitize_external_text(*error, kMaxVendorErrorBytes)
                                                        : std::string("(no \"error\" text)");
    return Result::success({std::move(*id), Outcome<Transcript>::failure("adapter reported an error: " + reason)});
  }
  const auto transcript = object.find("transcript");
  if (transcript == object.end())
    return Result::success(
        {std::move(*id), Outcome<Transcript>::failure("response has \"ok\": true but no \"transcript\"")});
  return Result::success({std::move(*id), read_transcript_value(*transcript)});
}

std::string encode_response(std::string_view id, const Outcome<Transcript>& result) {
  json object = {{"id", id}, {"ok", result.ok()}};
  if (result.ok()) {
    object["transcript"] = json::parse(transcript_to_json(result.value()));
  } else {
    object["error"] = result.error();
  }
  return dump_line(object);
}

std::string sanitize_external_text(std::string_view text, std::size_t max_bytes) {
  std::string clean = mask_cpr(sanitize_utf8(text));
  for (char& c : clean) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F) c = ' ';
  }
  if (clean.size() <= max_bytes) return clean;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  clean.resize(cut);
  return clean + "…";
}

Outcome<ResponseEnvelope> parse_response_envelope(std::string_view line) {
  auto object = parse_object(line, "response");
  if (!object.ok()) return Outcome<ResponseEnvelope>::failure(object.error());
  auto id = string_field(object.value(), "id");
  if (!id) return Outcome<ResponseEnvelope>::failure("response has no string \"id\"");
  return Outcome<ResponseEnvelope>::success({std::move(object).value(), std::move(*id)});
}

}  // namespace pb
