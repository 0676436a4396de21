#include "adapters/openai_http_adapter.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "adapters/adapter_config.h"
#include "adapters/wire_protocol.h"
#include "adapters/wrappers.h"
#include "core/json_text.h"

namespace pb {
namespace {

using nlohmann::json;

// The wording this kind documents: 500-byte body excerpts, "after 1 attempt" too; cut-off bodies are retried.
constexpr HttpClientRules kHttpRules{.max_body_bytes = std::size_t{64} << 20,
                                     .excerpt_bytes = 500,
                                     .retry_partial_transfers = true,
                                     .name_timeouts = false,
                                     .count_single_attempt = true};

std::string body_excerpt(std::string_view body) { return http_body_excerpt(body, kHttpRules.excerpt_bytes); }

Outcome<std::optional<double>> optional_time(const json& segment, const char* key) {
  const auto it = segment.find(key);
  if (it == segment.end() || it->is_null()) return Outcome<std::optional<double>>::success(std::nullopt);
  if (!it->is_number()) return Outcome<std::optional<double>>::failure(std::string("\"") + key + "\" is not a number");
  return Outcome<std::optional<double>>::success(it->get<double>());
}

}  // namespace

Outcome<Transcript> parse_openai_transcription(std::string_view body, OpenAiResponseFormat format) {
  using Result = Outcome<Transcript>;
  Transcript transcript;
  auto add_text = [&](std::string_view text) {
    std::string trimmed = trim_http_space(text);
    if (!trimmed.empty()) transcript.segments.push_back({"", "", std::nullopt, std::nullopt, std::move(trimmed)});
  };
  if (format == OpenAiResponseFormat::text) {
    add_text(body);
    return Result::success(std::move(transcript));
  }
  json document;
  try {
    document = json::parse(body);
  } catch (const json::parse_error& error) {
    return Result::failure("response is not JSON (" + parse_error_message(error) +
                           "): " + body_excerpt(body));
  }
  if (!document.is_object()) return Result::failure("response is not a JSON object but " + describe_json(document));
  const auto segments = document.find("segments");
  if (format == OpenAiResponseFormat::verbose_json && segments != document.end() && !segments->is_null()) {
    if (!segments->is_array()) return Result::failure("\"segments\" is not a list but " + describe_json(*segments));
    for (std::size_t i = 0; i < segments->size(); ++i) {
      const json& segment = (*segments)[i];
      const std::string where = "segments[" + std::to_string(i) + "]";
      if (!segment.is_object()) return Result::failure(where + " is not an object but " + describe_json(segment));
      const auto text = segment.find("text");
      if (text == segment.end() || !text->is_string()) return Result::failure(where + " has no string \"text\"");
      auto start = optional_time(segment, "start");
      auto end = optional_time(segment, "end");
      if (!start.ok()) return Result::failure(where + ": " + start.error());
      if (!end.ok()) return Result::failure(where + ": " + end.error());
      std::string trimmed = trim_http_space(text->get<std::string>());
      if (trimmed.empty()) continue;
      transcript.segments.push_back({"", "", start.value(), end.value(), std::move(trimmed)});
    }
    return Result::success(std::move(transcript));
  }
  const auto text = document.find("text");
  if (text == document.end() || !text->is_string()) return Result::failure("response has no string \"text\"");
  add_text(text->get<std::string>());
  return Result::success(std::move(transcript));
}

OpenAiHttpTranscriptionAdapter::OpenAiHttpTranscriptionAdapter(OpenAiHttpOptions options, SleepFunction sleep)
    : options_(std::move(options)), http_(options_, kHttpRules, std::move(sleep)), owner_pid_(::getpid()) {
  options_.max_concurrency = std::max(options_.max_concurrency, 1);
}

Outcome<Transcript> OpenAiHttpTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  if (::getpid() != owner_pid_) {
    // A forked (isolated) child: our lock may have been held by another thread at fork time; don't touch it.
    auto result = transcribe_now(request);
    return result.ok() ? result : Outcome<Transcript>::failure(http_.redact(result.error()));
  }
  {
    std::unique_lock lock(slots_mutex_);
    slot_freed_.wait(lock, [&] { return in_flight_ < options_.max_concurrency; });
    ++in_flight_;
  }
  struct Release {
    OpenAiHttpTranscriptionAdapter* self;
    ~Release() {
      {
        std::lock_guard lock(self->slots_mutex_);
        --self->in_flight_;
      }
      self->slot_freed_.notify_one();
    }
  } release{this};
  auto result = transcribe_now(request);
  return result.ok() ? result : Outcome<Transcript>::failure(http_.redact(result.error()));
}

Outcome<Transcript> OpenAiHttpTranscriptionAdapter::transcribe_now(const TranscriptionRequest& request) {
  using Result = Outcome<Transcript>;
  const Conversation& conversation = request.conversation;
  HttpPost http;
  http.accept = "application/json, text/plain";
  std::string wire_id;
  if (options_.api == HttpApi::openai) {
    if (!conversation.audio) return Result::failure("conversation " + conversation.id + " has no audio file to upload");
    const std::filesystem::path audio = std::filesystem::path(request.dataset_root) / *conversation.audio;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(audio, ec)) return Result::failure("audio file not found: " + audio.string());
    http.url = options_.base_url + "/v1/audio/transcriptions";
    http.file = audio.string();
    if (!options_.model.empty()) http.fields.emplace_back("model", options_.model);
    const std::string language = options_.language.value_or(conversation.language);
    if (!language.empty()) http.fields.emplace_back("language", language);
    const char* format = options_.response_format == OpenAiResponseFormat::verbose_json ? "verbose_json"
                         : options_.response_format == OpenAiResponseFormat::json       ? "json"
                                                                                        : "text";
    http.fields.emplace_back("response_format", format);
  } else {
    wire_id = "r-" + std::to_string(next_request_++);
    WireRequest wire = make_wire_request(wire_id, request, options_.send_reference);
    if (options_.language) wire.language = *options_.language;
    try {
      http.json_body = encode_request(wire);
    } catch (const std::invalid_argument& error) {
      return Result::failure(std::string("cannot encode the request: ") + error.what());
    }
    http.url = options_.base_url + "/pilotbench/v1/transcribe";
  }

  auto body = http_.post(http);
  if (!body.ok()) return Result::failure(body.error());
  if (options_.api == HttpApi::openai) return parse_openai_transcription(body.value(), options_.response_format);
  auto response = parse_response(body.value());
  if (!response.ok()) return Result::failure(response.error());
  if (response.value().id != wire_id)
    return Result::failure("response id \"" + sanitize_external_text(response.value().id, 100) +
                           "\" does not match request id \"" + wire_id + "\"");
  return response.value().result;
}

TranscriptionAdapterPtr make_openai_http_adapter(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"base_url", "api", "model", "api_key_env", "api_key", "language", "response_format",
                     "max_concurrency", "http_retries", "backoff_ms", "max_retry_after_s", "ca_file",
                     "insecure_skip_verify", "proxy", "send_reference", "allow_plain_http"});
  OpenAiHttpOptions options;
  read_http_endpoint(config, options, "audio", "http://127.0.0.1:8080");
  options.api =
      config.choice("api", "openai", {"openai", "pilotbench"}) == "pilotbench" ? HttpApi::pilotbench : HttpApi::openai;
  if (auto model = config.string("model")) options.model = *model;
  if (auto language = config.string("language")) options.language = *language;
  const std::string format = config.choice("response_format", "verbose_json", {"verbose_json", "json", "text"});
  options.response_format = format == "json"   ? OpenAiResponseFormat::json
                            : format == "text" ? OpenAiResponseFormat::text
                                               : OpenAiResponseFormat::verbose_json;
  options.max_concurrency = static_cast<int>(config.integer("max_concurrency", 4, 1, 256));
  options.send_reference = config.boolean("send_reference", false);
  if (options.send_reference && options.api != HttpApi::pilotbench)
    config.problem(config.path("send_reference"), "only the \"pilotbench\" api can carry the reference");
  if (!config.ok()) return nullptr;
  return std::make_unique<OpenAiHttpTranscriptionAdapter>(std::move(options));
}

}  // namespace pb
