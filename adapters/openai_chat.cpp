#include "adapters/openai_chat.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <memory>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include "adapters/wire_protocol.h"
#include "adapters/wrappers.h"
#include "core/json_text.h"

namespace pb {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxBodyBytes = std::size_t{16} << 20;
constexpr std::size_t kExcerptBytes = 300;
constexpr std::chrono::milliseconds kMaxBackoff{60'000};

// curl_global_init is not guaranteed thread-safe, so it runs once from the constructor (before the runner's
// threads exist). libcurl counts initialisations, so the transcription kind doing the same is harmless.
void ensure_curl_initialised() {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)initialised;
}

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string excerpt(std::string_view body) {
  const std::string text = trim(body);
  return text.empty() ? "(empty body)" : sanitize_external_text(text, kExcerptBytes);
}

struct Reply {
  CURLcode code = CURLE_OK;
  std::string transport_error;
  long status = 0;
  std::string body;
  bool too_large = false;
  std::optional<std::string> retry_after;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* reply = static_cast<Reply*>(user);
  const std::size_t bytes = size * count;
  if (reply->body.size() + bytes > kMaxBodyBytes) {
    reply->too_large = true;
    return 0;  // aborts the transfer
  }
  reply->body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* reply = static_cast<Reply*>(user);
  const std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) reply->retry_after.reset();  // a new response starts
  const auto colon = line.find(':');
  if (colon != std::string_view::npos && lower(trim(line.substr(0, colon))) == "retry-after")
    reply->retry_after = trim(line.substr(colon + 1));
  return size * count;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

Reply post_json(const ChatOptions& options, const std::string& url, const std::string& body) {
  Reply reply;
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    reply.code = CURLE_FAILED_INIT;
    reply.transport_error = "cannot create a libcurl handle";
    return reply;
  }
  CURL* c = curl.get();
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM in a threaded program
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect must not carry the key or the transcript elsewhere
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min<std::int64_t>(options.timeout.count(), 30'000)));
  curl_easy_setopt(c, CURLOPT_PROXY, options.proxy.c_str());  // "" also ignores http_proxy & co.
  if (!options.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file.c_str());
  if (options.insecure_skip_verify) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &reply);

  curl_slist* raw = nullptr;
  raw = curl_slist_append(raw, "Expect:");
  raw = curl_slist_append(raw, "Accept: application/json");
  raw = curl_slist_append(raw, "Content-Type: application/json");
  std::string authorization;
  if (!options.api_key.empty()) {
    authorization = "Authorization: Bearer " + options.api_key;
    raw = curl_slist_append(raw, authorization.c_str());
  }
  std::unique_ptr<curl_slist, HeaderListDeleter> headers(raw);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));

  reply.code = curl_easy_perform(c);
  std::fill(authorization.begin(), authorization.end(), '\0');
  if (reply.code != CURLE_OK) {
    reply.transport_error = reply.too_large ? "response body larger than 16 MiB"
                            : error_buffer[0] ? std::string(error_buffer)
                                              : std::string(curl_easy_strerror(reply.code));
    return reply;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

bool retryable(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR ||
         code == CURLE_GOT_NOTHING;  // not timeouts: another full timeout would rarely help
}

// The host part of "scheme://[user@]host[:port]/…".
std::string url_host(const std::string& rest) {
  std::string host = rest.substr(0, rest.find('/'));
  if (const auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
  if (!host.empty() && host.front() == '[') return host.substr(0, host.find(']') + 1);
  return host.substr(0, host.find(':'));
}

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

ChatClient::ChatClient(ChatOptions options, SleepFunction sleep) : options_(std::move(options)), sleep_(std::move(sleep)) {
  if (!sleep_) sleep_ = [](std::chrono::milliseconds ms) { std::this_thread::sleep_for(ms); };
  ensure_curl_initialised();
}

std::string ChatClient::redact(std::string text) const {
  // A server echoing the key back (some proxies do in 401 bodies) must not put it into a stored reason.
  if (options_.api_key.size() >= 4)
    for (std::size_t at; (at = text.find(options_.api_key)) != std::string::npos;)
      text.replace(at, options_.api_key.size(), "[redacted]");
  return text;
}

Outcome<std::string> ChatClient::complete(const std::vector<ChatMessage>& messages) const {
  using Result = Outcome<std::string>;
  std::string body;
  try {
    body = build_chat_request(options_, messages);
  } catch (const std::invalid_argument& error) {
    return Result::failure(std::string("cannot encode the chat request: ") + error.what());
  }
  const std::string url = options_.base_url + "/v1/chat/completions";
  std::chrono::milliseconds backoff = options_.backoff;
  for (int attempt = 1;; ++attempt) {
    const Reply reply = post_json(options_, url, body);
    const bool last = attempt > options_.http_retries;
    const std::string attempts = attempt > 1 ? " after " + std::to_string(attempt) + " attempts" : "";
    std::optional<std::chrono::milliseconds> wait;
    if (reply.code == CURLE_OPERATION_TIMEDOUT) {
      return Result::failure("no response within " + std::to_string(options_.timeout.count()) + " ms (timeout_s) from " +
                             url + attempts);
    } else if (reply.code != CURLE_OK) {
      if (!retryable(reply.code) || last)
        return Result::failure("HTTP request to " + url + " failed" + attempts + ": " +
                               sanitize_external_text(redact(reply.transport_error), kExcerptBytes));
    } else if (reply.status == 429 || reply.status >= 500) {
      if (last)
        return Result::failure("HTTP " + std::to_string(reply.status) + attempts + ": " + excerpt(redact(reply.body)));
      if (reply.retry_after) {
        wait = parse_retry_after(*reply.retry_after, std::chrono::system_clock::now());
        if (wait && *wait > options_.max_retry_after)
          return Result::failure("HTTP " + std::to_string(reply.status) + ": server asked to retry after " +
                                 std::to_string(wait->count() / 1000) + " s, more than max_retry_after_s");
      }
    } else if (reply.status < 200 || reply.status >= 300) {
      return Result::failure("HTTP " + std::to_string(reply.status) + ": " + excerpt(redact(reply.body)));
    } else {
      auto content = parse_chat_response(reply.body);
      if (!content.ok()) return Result::failure(redact(content.error()));
      return content;
    }
    if (!wait) {
      wait = backoff;
      backoff = std::min(backoff * 2, kMaxBackoff);
    }
    sleep_(*wait);
  }
}

ChatOptions read_chat_options(AdapterConfigReader& config) {
  ChatOptions options;
  if (config.find("api_key"))  // its value is deliberately not shown
    config.problem(config.path("api_key"),
                   "a key must never be written in a scenario; put it in an environment variable and name that "
                   "variable in \"api_key_env\"");
  const bool allow_plain_http = config.boolean("allow_plain_http", false);
  if (auto url = config.string("base_url")) {
    std::string base = *url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const auto scheme_at = base.find("://");
    const std::string scheme = scheme_at == std::string::npos ? "" : lower(base.substr(0, scheme_at));
    if (scheme != "http" && scheme != "https") {
      config.problem(config.path("base_url"), "expected an http:// or https:// URL, got \"" + base + "\"");
    } else {
      const std::string rest = base.substr(scheme_at + 3);
      const std::string host = url_host(rest);
      if (host.empty()) {
        config.problem(config.path("base_url"), "the URL has no host");
      } else if (rest.find('@') != std::string::npos && rest.find('@') < rest.find('/')) {
        config.problem(config.path("base_url"), "credentials in the URL are not accepted; use \"api_key_env\"");
      } else if (scheme == "http" && !is_loopback_host(host) && !allow_plain_http) {
        config.problem(config.path("base_url"), "plain http to " + host +
                                                    " would send citizens' conversations unencrypted; use https, or "
                                                    "set \"allow_plain_http\": true for a trusted network");
      }
      // A base ending in /v1 would make …/v1/v1/chat/completions; say so rather than fail every item.
      if (base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0)
        config.problem(config.path("base_url"), "leave out the trailing /v1 (pilotbench appends /v1/chat/completions)");
      options.base_url = base;
    }
  } else if (!config.find("base_url")) {
    config.problem(config.path("base_url"), "missing (the server's address, e.g. \"https://api.openai.com\")");
  }
  if (auto model = config.string("model")) {
    options.model = *model;
  } else if (!config.find("model")) {
    config.problem(config.path("model"), "missing (the model name, e.g. \"gpt-4o-2024-08-06\"); it is recorded with "
                                         "the run");
  }
  if (auto name = config.string("api_key_env")) {
    options.api_key_env = *name;
    const char* value = std::getenv(name->c_str());
    if (value == nullptr || *value == '\0') {
      config.problem(config.path("api_key_env"), "environment variable " + *name + " is not set or empty");
    } else if (std::string_view(value).find_first_of("\r\n") != std::string_view::npos) {
      config.problem(config.path("api_key_env"), "environment variable " + *name + " holds a line break");
    } else {
      options.api_key = value;
    }
  }
  options.temperature = config.number("temperature", 0.0, 0.0, 2.0);
  if (config.find("seed"))
    options.seed = config.integer("seed", 0, std::numeric_limits<std::int64_t>::min() / 2,
                                  std::numeric_limits<std::int64_t>::max() / 2);
  if (config.find("max_tokens")) options.max_tokens = config.integer("max_tokens", 1, 1, 1'000'000);
  options.http_retries = static_cast<int>(config.integer("http_retries", 2, 0, 20));
  options.backoff = std::chrono::milliseconds(config.integer("backoff_ms", 1'000, 0, 600'000));
  options.max_retry_after = std::chrono::milliseconds(
      static_cast<std::int64_t>(std::llround(config.number("max_retry_after_s", 120.0, 0.0, 86'400.0) * 1000.0)));
  if (auto ca = config.string("ca_file")) {
    const std::filesystem::path path = std::filesystem::path(config.spec().base_dir) / *ca;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
      config.problem(config.path("ca_file"), "file not found: " + path.string());
    options.ca_file = path.string();
  }
  options.insecure_skip_verify = config.boolean("insecure_skip_verify", false);
  if (auto proxy = config.string("proxy")) options.proxy = *proxy;
  {
    ProblemList reported_by_the_wrapper;  // the wrapper reports bad common keys itself
    options.timeout = read_wrapper_options(config.spec(), reported_by_the_wrapper).timeout;
  }
  return options;
}

}  // namespace pb
