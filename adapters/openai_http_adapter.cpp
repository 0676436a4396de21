#include "adapters/openai_http_adapter.h"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "adapters/adapter_config.h"
#include "adapters/wire_protocol.h"
#include "adapters/wrappers.h"
#include "core/json_text.h"

namespace pb {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxBodyBytes = std::size_t{64} << 20;
constexpr std::size_t kBodyExcerptBytes = 500;
constexpr std::chrono::milliseconds kMaxBackoff{60'000};

// curl_global_init is not guaranteed thread-safe on every libcurl build, so it runs once, from the factory or the
// constructor (before the runner's threads exist), via a function-local static.
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

struct HttpReply {
  CURLcode code = CURLE_OK;
  std::string transport_error;  // curl's message when code != CURLE_OK
  long status = 0;
  std::string body;
  bool body_too_large = false;
  std::optional<std::string> retry_after;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* reply = static_cast<HttpReply*>(user);
  const std::size_t bytes = size * count;
  if (reply->body.size() + bytes > kMaxBodyBytes) {
    reply->body_too_large = true;
    return 0;  // aborts the transfer
  }
  reply->body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* reply = static_cast<HttpReply*>(user);
  const std::string_view line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string_view::npos && lower(trim(line.substr(0, colon))) == "retry-after")
    reply->retry_after = trim(line.substr(colon + 1));
  if (line.rfind("HTTP/", 0) == 0) reply->retry_after.reset();  // a new response (after 100 Continue) starts
  return size * count;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct MimeDeleter {
  void operator()(curl_mime* mime) const { curl_mime_free(mime); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// What one attempt sends: either a multipart form (openai) or a JSON body (pilotbench).
struct HttpRequest {
  std::string url;
  std::optional<std::string> audio_file;  // multipart
  std::vector<std::pair<std::string, std::string>> fields;
  std::optional<std::string> json_body;
};

HttpReply perform(const OpenAiHttpOptions& options, const HttpRequest& request) {
  HttpReply reply;
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    reply.code = CURLE_FAILED_INIT;
    reply.transport_error = "cannot create a libcurl handle";
    return reply;
  }
  CURL* c = curl.get();
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM in a threaded program
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect must not carry the key or the audio elsewhere
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min<std::int64_t>(options.timeout.count(), 30'000)));
  // "" disables proxies, including those named by http_proxy/https_proxy/all_proxy in the environment.
  curl_easy_setopt(c, CURLOPT_PROXY, options.proxy.c_str());
  if (!options.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file.c_str());
  if (options.insecure_skip_verify) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &reply);

  curl_slist* raw_headers = nullptr;
  raw_headers = curl_slist_append(raw_headers, "Expect:");  // no 100-continue round trip (and its 1 s stall)
  raw_headers = curl_slist_append(raw_headers, "Accept: application/json, text/plain");
  std::string authorization;
  if (!options.api_key.empty()) {
    authorization = "Authorization: Bearer " + options.api_key;
    raw_headers = curl_slist_append(raw_headers, authorization.c_str());
  }
  if (request.json_body) raw_headers = curl_slist_append(raw_headers, "Content-Type: application/json");
  std::unique_ptr<curl_slist, HeaderListDeleter> headers(raw_headers);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

  std::unique_ptr<curl_mime, MimeDeleter> mime;
  if (request.audio_file) {
    mime.reset(curl_mime_init(c));
    curl_mimepart* file = curl_mime_addpart(mime.get());
    curl_mime_name(file, "file");
    curl_mime_filedata(file, request.audio_file->c_str());
    for (const auto& [name, value] : request.fields) {
      curl_mimepart* part = curl_mime_addpart(mime.get());
      curl_mime_name(part, name.c_str());
      curl_mime_data(part, value.c_str(), CURL_ZERO_TERMINATED);
    }
    curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
  } else if (request.json_body) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.json_body->c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.json_body->size()));
  }

  reply.code = curl_easy_perform(c);
  // Whatever curl says, wipe our copy of the header line holding the key.
  std::fill(authorization.begin(), authorization.end(), '\0');
  if (reply.code != CURLE_OK) {
    reply.transport_error = error_buffer[0] ? error_buffer : curl_easy_strerror(reply.code);
    if (reply.body_too_large) reply.transport_error = "response body larger than 64 MiB";
    return reply;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

bool retryable_transport_error(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;  // timeouts included: another full timeout would rarely help
  }
}

std::string body_excerpt(const std::string& body) {
  const std::string text = trim(body);
  return text.empty() ? "(empty body)" : sanitize_external_text(text, kBodyExcerptBytes);
}

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
    std::string trimmed = trim(text);
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
                           "): " + body_excerpt(std::string(body)));
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
      std::string trimmed = trim(text->get<std::string>());
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

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
  const std::string text = trim(value);
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (text.size() > 9) return std::chrono::milliseconds(std::int64_t{999'999'999} * 1000);  // absurd: capped later
    return std::chrono::milliseconds(std::stoll(text) * 1000);
  }
  std::tm tm{};
  const char* end = ::strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  const std::time_t at = ::timegm(&tm);
  if (at == static_cast<std::time_t>(-1)) return std::nullopt;
  const auto delay = std::chrono::system_clock::from_time_t(at) - now;
  if (delay <= std::chrono::system_clock::duration::zero()) return std::chrono::milliseconds(0);
  return std::chrono::ceil<std::chrono::milliseconds>(delay);
}

bool is_loopback_host(std::string_view host) {
  const std::string h = lower(host);
  if (h == "localhost" || h == "::1" || h == "[::1]") return true;
  return h.rfind("127.", 0) == 0 &&
         std::all_of(h.begin(), h.end(), [](char c) { return c == '.' || (c >= '0' && c <= '9'); });
}

OpenAiHttpTranscriptionAdapter::OpenAiHttpTranscriptionAdapter(OpenAiHttpOptions options, SleepFunction sleep)
    : options_(std::move(options)), sleep_(std::move(sleep)), owner_pid_(::getpid()) {
  ensure_curl_initialised();
  if (!sleep_) sleep_ = [](std::chrono::milliseconds ms) { std::this_thread::sleep_for(ms); };
  options_.max_concurrency = std::max(options_.max_concurrency, 1);
}

std::string OpenAiHttpTranscriptionAdapter::redact(std::string text) const {
  // Belt and braces: nothing we build contains the key, but a server might echo the Authorization header back.
  if (options_.api_key.size() < 4) return text;
  for (std::size_t at = text.find(options_.api_key); at != std::string::npos; at = text.find(options_.api_key, at))
    text.replace(at, options_.api_key.size(), "[redacted]");
  return text;
}

Outcome<Transcript> OpenAiHttpTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  if (::getpid() != owner_pid_) {
    // A forked (isolated) child: our lock may have been held by another thread at fork time; don't touch it.
    auto result = transcribe_now(request);
    return result.ok() ? result : Outcome<Transcript>::failure(redact(result.error()));
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
  return result.ok() ? result : Outcome<Transcript>::failure(redact(result.error()));
}

Outcome<Transcript> OpenAiHttpTranscriptionAdapter::transcribe_now(const TranscriptionRequest& request) {
  using Result = Outcome<Transcript>;
  const Conversation& conversation = request.conversation;
  HttpRequest http;
  std::string wire_id;
  if (options_.api == HttpApi::openai) {
    if (!conversation.audio) return Result::failure("conversation " + conversation.id + " has no audio file to upload");
    const std::filesystem::path audio = std::filesystem::path(request.dataset_root) / *conversation.audio;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(audio, ec)) return Result::failure("audio file not found: " + audio.string());
    http.url = options_.base_url + "/v1/audio/transcriptions";
    http.audio_file = audio.string();
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

  const int attempts = options_.http_retries + 1;
  std::chrono::milliseconds backoff = options_.backoff;
  for (int attempt = 1;; ++attempt) {
    const HttpReply reply = perform(options_, http);
    std::string retry_reason;
    std::optional<std::chrono::milliseconds> wait;
    if (reply.code != CURLE_OK) {
      if (!retryable_transport_error(reply.code) || attempt >= attempts)
        return Result::failure("HTTP request to " + http.url + " failed" +
                               (attempt > 1 ? " after " + std::to_string(attempt) + " attempts" : std::string()) +
                               ": " + sanitize_external_text(reply.transport_error, 300));
    } else if (reply.status == 429 || reply.status >= 500) {
      if (attempt >= attempts)
        return Result::failure("HTTP " + std::to_string(reply.status) + " after " + std::to_string(attempt) +
                               " attempt" + (attempt == 1 ? "" : "s") + ": " + body_excerpt(reply.body));
      if (reply.retry_after) {
        wait = parse_retry_after(*reply.retry_after, std::chrono::system_clock::now());
        if (wait && *wait > options_.max_retry_after)
          return Result::failure("HTTP " + std::to_string(reply.status) + ": server asked to retry after " +
                                 std::to_string(wait->count() / 1000) + " s, more than max_retry_after_s");
      }
    } else if (reply.status < 200 || reply.status >= 300) {
      return Result::failure("HTTP " + std::to_string(reply.status) + ": " + body_excerpt(reply.body));
    } else if (options_.api == HttpApi::openai) {
      return parse_openai_transcription(reply.body, options_.response_format);
    } else {
      auto response = parse_response(reply.body);
      if (!response.ok()) return Result::failure(response.error());
      if (response.value().id != wire_id)
        return Result::failure("response id \"" + sanitize_external_text(response.value().id, 100) +
                               "\" does not match request id \"" + wire_id + "\"");
      return response.value().result;
    }
    if (!wait) {
      wait = backoff;
      backoff = std::min(backoff * 2, kMaxBackoff);
    }
    sleep_(*wait);
  }
}

TranscriptionAdapterPtr make_openai_http_adapter(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"base_url", "api", "model", "api_key_env", "api_key", "language", "response_format",
                     "max_concurrency", "http_retries", "backoff_ms", "max_retry_after_s", "ca_file",
                     "insecure_skip_verify", "proxy", "send_reference", "allow_plain_http"});
  OpenAiHttpOptions options;
  if (config.find("api_key"))  // its value is deliberately not shown
    config.problem(config.path("api_key"),
                   "a key must never be written in a scenario; put it in an environment variable and name that "
                   "variable in \"api_key_env\"");

  const bool allow_plain_http = config.boolean("allow_plain_http", false);
  if (auto url = config.string("base_url")) {
    std::string base = *url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string scheme_end = "://";
    const auto scheme_at = base.find(scheme_end);
    const std::string scheme = scheme_at == std::string::npos ? "" : lower(base.substr(0, scheme_at));
    if (scheme != "http" && scheme != "https") {
      config.problem(config.path("base_url"), "expected an http:// or https:// URL, got \"" + base + "\"");
    } else {
      const std::string rest = base.substr(scheme_at + scheme_end.size());
      std::string host = rest.substr(0, rest.find('/'));
      if (const auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
      if (!host.empty() && host.front() == '[') {
        host = host.substr(0, host.find(']') + 1);
      } else {
        host = host.substr(0, host.find(':'));
      }
      if (host.empty()) {
        config.problem(config.path("base_url"), "the URL has no host");
      } else if (rest.find('@') != std::string::npos && rest.find('@') < rest.find('/')) {
        config.problem(config.path("base_url"), "credentials in the URL are not accepted; use \"api_key_env\"");
      } else if (scheme == "http" && !is_loopback_host(host) && !allow_plain_http) {
        config.problem(config.path("base_url"), "plain http to " + host +
                                                    " would send citizens' audio unencrypted; use https, or set "
                                                    "\"allow_plain_http\": true for a trusted network");
      }
      options.base_url = base;
    }
  } else if (!config.find("base_url")) {
    config.problem(config.path("base_url"), "missing (the server's address, e.g. \"http://127.0.0.1:8080\")");
  }

  options.api =
      config.choice("api", "openai", {"openai", "pilotbench"}) == "pilotbench" ? HttpApi::pilotbench : HttpApi::openai;
  if (auto model = config.string("model")) options.model = *model;
  if (auto name = config.string("api_key_env")) {
    options.api_key_env = *name;
    const char* value = std::getenv(name->c_str());
    if (value == nullptr || *value == '\0') {
      config.problem(config.path("api_key_env"), "environment variable " + *name + " is not set or empty");
    } else {
      options.api_key = value;
      if (options.api_key.find_first_of("\r\n") != std::string::npos)
        config.problem(config.path("api_key_env"), "environment variable " + *name + " holds a line break");
    }
  }
  if (auto language = config.string("language")) options.language = *language;
  const std::string format = config.choice("response_format", "verbose_json", {"verbose_json", "json", "text"});
  options.response_format = format == "json"   ? OpenAiResponseFormat::json
                            : format == "text" ? OpenAiResponseFormat::text
                                               : OpenAiResponseFormat::verbose_json;
  options.max_concurrency = static_cast<int>(config.integer("max_concurrency", 4, 1, 256));
  options.http_retries = static_cast<int>(config.integer("http_retries", 3, 0, 20));
  options.backoff = std::chrono::milliseconds(config.integer("backoff_ms", 500, 0, 600'000));
  options.max_retry_after = std::chrono::milliseconds(
      static_cast<std::int64_t>(std::llround(config.number("max_retry_after_s", 120.0, 0.0, 86'400.0) * 1000.0)));
  if (auto ca = config.string("ca_file")) {
    const std::filesystem::path path = std::filesystem::path(spec.base_dir) / *ca;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
      config.problem(config.path("ca_file"), "file not found: " + path.string());
    options.ca_file = path.string();
  }
  options.insecure_skip_verify = config.boolean("insecure_skip_verify", false);
  if (auto proxy = config.string("proxy")) options.proxy = *proxy;
  options.send_reference = config.boolean("send_reference", false);
  if (options.send_reference && options.api != HttpApi::pilotbench)
    config.problem(config.path("send_reference"), "only the \"pilotbench\" api can carry the reference");
  {
    ProblemList reported_by_the_wrapper;  // the wrapper reports bad common keys itself
    options.timeout = read_wrapper_options(spec, reported_by_the_wrapper).timeout;
  }
  if (!config.ok()) return nullptr;
  return std::make_unique<OpenAiHttpTranscriptionAdapter>(std::move(options));
}

}  // namespace pb
