#include "adapters/openai_chat.h"

#include <charconv>
#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace pb {
namespace {

using nlohmann::json;

// The wording this kind documents: 300-byte excerpts, timeouts named as such, "after N attempts" only after
// a retry; 16 MiB bodies at most (an answer is kilobytes).
constexpr HttpClientRules kHttpRules{.max_body_bytes = std::size_t{16} << 20,
                                     .excerpt_bytes = 300,
                                     .retry_partial_transfers = false,
                                     .name_timeouts = true,
                                     .count_single_attempt = false};

std::string excerpt(std::string_view body) { return http_body_excerpt(body, kHttpRules.excerpt_bytes); }

}  // namespace

std::string shortest_number(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string build_chat_request(const ChatOptions& options, const std::vector<ChatMessage>& messages) {
  nlohmann::ordered_json body;
  body["model"] = options.model;
  body["messages"] = nlohmann::ordered_json::array();
  for (const ChatMessage& message : messages)
    body["messages"].push_back({{"role", message.role}, {"content", message.content}});
  body["temperature"] = options.temperature;
  if (options.seed) body["seed"] = *options.seed;
  if (options.max_tokens) body["max_tokens"] = *options.max_tokens;
  if (options.json_object) body["response_format"] = {{"type", "json_object"}};
  try {
    return body.dump();
  } catch (const nlohmann::json::type_error&) {
    throw std::invalid_argument("a message is not valid UTF-8");
  }
}

Outcome<std::string> parse_chat_response(std::string_view body) {
  using Result = Outcome<std::string>;
  json document;
  try {
    document = json::parse(body);
  } catch (const json::parse_error& error) {
    return Result::failure("chat response is not JSON (" + parse_error_message(error) + "): " + excerpt(body));
  }
  if (!document.is_object())
    return Result::failure("chat response is not a JSON object but " + describe_json(document));
  if (const auto error = document.find("error"); error != document.end() && !error->is_null()) {
    const json* message = error->is_object() && error->contains("message") ? &(*error)["message"] : &*error;
    return Result::failure("the server reported an error: " +
                           excerpt(message->is_string() ? message->get<std::string>() : message->dump()));
  }
  const auto choices = document.find("choices");
  if (choices == document.end() || !choices->is_array() || choices->empty())
    return Result::failure("chat response has no \"choices\": " + excerpt(body));
  const json& choice = (*choices)[0];
  if (!choice.is_object()) return Result::failure("choices[0] is not an object but " + describe_json(choice));
  const auto finish = choice.find("finish_reason");
  const std::string finish_reason = finish != choice.end() && finish->is_string() ? finish->get<std::string>() : "";
  if (finish_reason == "length")
    return Result::failure("the model stopped at max_tokens (finish_reason \"length\"); the answer is incomplete");
  const auto message = choice.find("message");
  if (message == choice.end() || !message->is_object())
    return Result::failure("choices[0] has no \"message\" object: " + excerpt(choice.dump()));
  const auto content = message->find("content");
  const std::string why = finish_reason.empty() ? "" : " (finish_reason \"" + finish_reason + "\")";
  if (content == message->end() || content->is_null())
    return Result::failure("choices[0].message has no \"content\"" + why);
  if (content->is_string()) return Result::success(content->get<std::string>());
  if (content->is_array()) {
    std::string joined;
    for (const json& part : *content) {
      if (!part.is_object() || !part.contains("text") || !part["text"].is_string())
        return Result::failure("choices[0].message.content has a part without string \"text\": " +
                               excerpt(part.dump()));
      joined += part["text"].get<std::string>();
    }
    return Result::success(std::move(joined));
  }
  return Result::failure("choices[0].message.content is not text but " + describe_json(*content) + why);
}

std::string chat_settings_text(const ChatOptions& options) {
  return "model=" + options.model + ";temperature=" + shortest_number(options.temperature) +
         ";seed=" + (options.seed ? std::to_string(*options.seed) : std::string("none")) +
         ";max_tokens=" + (options.max_tokens ? std::to_string(*options.max_tokens) : std::string("none"));
}

ChatClient::ChatClient(ChatOptions options, SleepFunction sleep)
    : options_(std::move(options)), http_(options_, kHttpRules, std::move(sleep)) {}

Outcome<std::string> ChatClient::complete(const std::vector<ChatMessage>& messages) const {
  using Result = Outcome<std::string>;
  HttpPost post;
  post.url = options_.base_url + "/v1/chat/completions";
  try {
    post.json_body = build_chat_request(options_, messages);
  } catch (const std::invalid_argument& error) {
    return Result::failure(std::string("cannot encode the chat request: ") + error.what());
  }
  auto body = http_.post(post);
  if (!body.ok()) return body;
  auto content = parse_chat_response(body.value());
  if (!content.ok()) return Result::failure(http_.redact(content.error()));
  return content;
}

ChatOptions read_chat_options(AdapterConfigReader& config) {
  ChatOptions options;
  read_http_endpoint(config, options, "conversations", "https://api.openai.com");
  // A base ending in /v1 would make …/v1/v1/chat/completions; say so rather than fail every item.
  const std::string& base = options.base_url;
  if (base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0)
    config.problem(config.path("base_url"), "leave out the trailing /v1 (pilotbench appends /v1/chat/completions)");
  if (auto model = config.string("model")) {
    options.model = *model;
  } else if (!config.find("model")) {
    config.problem(config.path("model"), "missing (the model name, e.g. \"gpt-4o-2024-08-06\"); it is recorded with "
                                         "the run");
  }
  options.temperature = config.number("temperature", 0.0, 0.0, 2.0);
  if (config.find("seed"))
    options.seed = config.integer("seed", 0, std::numeric_limits<std::int64_t>::min() / 2,
                                  std::numeric_limits<std::int64_t>::max() / 2);
  if (config.find("max_tokens")) options.max_tokens = config.integer("max_tokens", 1, 1, 1'000'000);
  return options;
}

}  // namespace pb
