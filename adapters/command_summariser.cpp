#include "adapters/command_summariser.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "adapters/adapter_config.h"
#include "adapters/prompts.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/json_text.h"
#include "formats/note_text.h"
#include "formats/transcript_formats.h"

namespace pb {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxLineBytes = std::size_t{16} << 20;  // a note is kilobytes; more is a broken program

std::string sections_fingerprint(const std::vector<std::string>& sections) {
  std::string joined;
  for (const std::string& title : sections) joined += title + '\n';
  return sha256_hex(joined).substr(0, 8);
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
  auto envelope = parse_response_envelope(line);
  if (!envelope.ok()) return Result::failure(envelope.error());
  ResponseEnvelope message = std::move(envelope).value();
  json& object = message.object;
  SummariseResponse response{message.id, Note::failure("")};
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

Outcome<std::unique_ptr<CommandSummariser>> CommandSummariser::start(CommandSummariserOptions options) {
  using Result = Outcome<std::unique_ptr<CommandSummariser>>;
  auto programs = CommandPrograms::start(std::move(options.program), {kSummarisationCapability, "s-", kMaxLineBytes});
  if (!programs.ok()) return Result::failure(programs.error());
  return Result::success(std::unique_ptr<CommandSummariser>(
      new CommandSummariser(std::move(options.sections), std::move(programs).value())));
}

ComponentId CommandSummariser::id() const {
  return {"command:" + handshake().name + "@" + handshake().version, "1;sections=" + sections_fingerprint(sections_)};
}

Outcome<CaseNote> CommandSummariser::summarise(const SummarisationRequest& request) {
  return programs_->request(
      [&](const std::string& id) { return encode_summarise_request(id, request, sections_); },
      [&](std::string_view line) { return parse_summarise_response(line, sections_); });
}

SummarisationAdapterPtr make_command_summariser(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"argv", "env", "memory_limit_mb", "startup_timeout_s", "processes", "sections"});
  CommandSummariserOptions options;
  options.program = read_command_options(config, R"(["./my-summariser"])");
  options.sections = read_section_titles(config);
  if (!config.ok()) return nullptr;
  auto started = CommandSummariser::start(std::move(options));
  if (!started.ok()) {
    config.problem(config.path("argv"), "the summariser program did not start: " + started.error());
    return nullptr;
  }
  return std::move(started).value();
}

}  // namespace pb
