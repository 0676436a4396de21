#include "adapters/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <thread>

#include "adapters/wire_protocol.h"  // sanitize_external_text
#include "adapters/wrappers.h"

namespace pb {
namespace {

constexpr std::chrono::milliseconds kMaxBackoff{60'000};
constexpr std::size_t kTransportErrorBytes = 300;

// curl_global_init is not guaranteed thread-safe on every libcurl build, so it runs once, from the clients'
// constructors (before the runner's threads exist), via a function-local static.
void ensure_curl_initialised() {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)initialised;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Reply {
  CURLcode code = CURLE_OK;
  std::string transport_error;  // curl's message when code != CURLE_OK
  long status = 0;
  std::string body;
  std::size_t max_body_bytes = 0;
  bool body_too_large = false;
  std::optional<std::string> retry_after;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* reply = static_cast<Reply*>(user);
  const std::size_t bytes = size * count;
  if (reply->body.size() + bytes > reply->max_body_bytes) {
    reply->body_too_large = true;
    return 0;  // aborts the transfer
  }
  reply->body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* reply = static_cast<Reply*>(user);
  const std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) reply->retry_after.reset();  // a new response (after 100 Continue) starts
  const auto colon = line.find(':');
  if (colon != std::string_view::npos && lower(trim_http_space(line.substr(0, colon))) == "retry-after")
    reply->retry_after = trim_http_space(line.substr(colon + 1));
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

Reply perform(const HttpEndpointOptions& options, const HttpPost& request, std::size_t max_body_bytes) {
  Reply reply;
  reply.max_body_bytes = max_body_bytes;
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
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect must not carry the key or the data elsewhere
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

  const std::string accept = "Accept: " + request.accept;
  curl_slist* raw_headers = nullptr;
  raw_headers = curl_slist_append(raw_headers, "Expect:");  // no 100-continue round trip (and its 1 s stall)
  raw_headers = curl_slist_append(raw_headers, accept.c_str());
  if (request.json_body) raw_headers = curl_slist_append(raw_headers, "Content-Type: application/json");
  std::string authorization;
  if (!options.api_key.empty()) {
    authorization = "Authorization: Bearer " + options.api_key;
    raw_headers = curl_slist_append(raw_headers, authorization.c_str());
  }
  std::unique_ptr<curl_slist, HeaderListDeleter> headers(raw_headers);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

  std::unique_ptr<curl_mime, MimeDeleter> mime;
  if (request.file) {
    mime.reset(curl_mime_init(c));
    curl_mimepart* file = curl_mime_addpart(mime.get());
    curl_mime_name(file, "file");
    curl_mime_filedata(file, request.file->c_str());
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
    reply.transport_error = reply.body_too_large ? "response body larger than " +
                                                       std::to_string(max_body_bytes >> 20) + " MiB"
                            : error_buffer[0]    ? std::string(error_buffer)
                                                 : std::string(curl_easy_strerror(reply.code));
    return reply;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

bool retryable(CURLcode code, const HttpClientRules& rules) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      return true;
    case CURLE_PARTIAL_FILE:
      return rules.retry_partial_transfers;
    default:
      return false;  // timeouts included: another full timeout would rarely help
  }
}

}  // namespace

std::string trim_http_space(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string http_body_excerpt(std::string_view body, std::size_t max_bytes) {
  const std::string text = trim_http_space(body);
  return text.empty() ? "(empty body)" : sanitize_external_text(text, max_bytes);
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
  const std::string text = trim_http_space(value);
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

HttpClient::HttpClient(HttpEndpointOptions endpoint, HttpClientRules rules, SleepFunction sleep)
    : endpoint_(std::move(endpoint)), rules_(rules), sleep_(std::move(sleep)) {
  ensure_curl_initialised();
  if (!sleep_) sleep_ = [](std::chrono::milliseconds ms) { std::this_thread::sleep_for(ms); };
}

std::string HttpClient::redact(std::string text) const {
  const std::string& key = endpoint_.api_key;
  if (key.size() < 4) return text;
  const std::string replacement = "[redacted]";
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + replacement.size()))
    text.replace(at, key.size(), replacement);
  return text;
}

Outcome<std::string> HttpClient::post(const HttpPost& request) const {
  using Result = Outcome<std::string>;
  auto excerpt = [&](const std::string& body) { return http_body_excerpt(redact(body), rules_.excerpt_bytes); };
  std::chrono::milliseconds backoff = endpoint_.backoff;
  for (int attempt = 1;; ++attempt) {
    const Reply reply = perform(endpoint_, request, rules_.max_body_bytes);
    const bool last = attempt > endpoint_.http_retries;
    const std::string attempts = attempt > 1 ? " after " + std::to_string(attempt) + " attempts" : "";
    std::optional<std::chrono::milliseconds> wait;
    if (reply.code == CURLE_OPERATION_TIMEDOUT && rules_.name_timeouts) {
      return Result::failure("no response within " + std::to_string(endpoint_.timeout.count()) +
                             " ms (timeout_s) from " + request.url + attempts);
    } else if (reply.code != CURLE_OK) {
      if (!retryable(reply.code, rules_) || last)
        return Result::failure("HTTP request to " + request.url + " failed" + attempts + ": " +
                               sanitize_external_text(redact(reply.transport_error), kTransportErrorBytes));
    } else if (reply.status == 429 || reply.status >= 500) {
      if (last) {
        const std::string after = rules_.count_single_attempt && attempt == 1 ? " after 1 attempt" : attempts;
        return Result::failure("HTTP " + std::to_string(reply.status) + after + ": " + excerpt(reply.body));
      }
      if (reply.retry_after) {
        wait = parse_retry_after(*reply.retry_after, std::chrono::system_clock::now());
        if (wait && *wait > endpoint_.max_retry_after)
          return Result::failure("HTTP " + std::to_string(reply.status) + ": server asked to retry after " +
                                 std::to_string(wait->count() / 1000) + " s, more than max_retry_after_s");
      }
    } else if (reply.status < 200 || reply.status >= 300) {
      return Result::failure("HTTP " + std::to_string(reply.status) + ": " + excerpt(reply.body));
    } else {
      return Result::success(reply.body);
    }
    if (!wait) {
      wait = backoff;
      backoff = std::min(backoff * 2, kMaxBackoff);
    }
    sleep_(*wait);
  }
}

void read_http_endpoint(AdapterConfigReader& config, HttpEndpointOptions& options, std::string_view what_is_sent,
                        std::string_view example_url) {
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
      // The host part of "scheme://[user@]host[:port]/…".
      const std::string rest = base.substr(scheme_at + 3);
      std::string host = rest.substr(0, rest.find('/'));
      if (const auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
      host = !host.empty() && host.front() == '[' ? host.substr(0, host.find(']') + 1) : host.substr(0, host.find(':'));
      if (host.empty()) {
        config.problem(config.path("base_url"), "the URL has no host");
      } else if (rest.find('@') != std::string::npos && rest.find('@') < rest.find('/')) {
        config.problem(config.path("base_url"), "credentials in the URL are not accepted; use \"api_key_env\"");
      } else if (scheme == "http" && !is_loopback_host(host) && !allow_plain_http) {
        config.problem(config.path("base_url"), "plain http to " + host + " would send citizens' " +
                                                    std::string(what_is_sent) +
                                                    " unencrypted; use https, or set \"allow_plain_http\": true "
                                                    "for a trusted network");
      }
      options.base_url = base;
    }
  } else if (!config.find("base_url")) {
    config.problem(config.path("base_url"),
                   "missing (the server's address, e.g. \"" + std::string(example_url) + "\")");
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
  options.http_retries = static_cast<int>(config.integer("http_retries", options.http_retries, 0, 20));
  options.backoff = std::chrono::milliseconds(config.integer("backoff_ms", options.backoff.count(), 0, 600'000));
  const double default_retry_after_s = static_cast<double>(options.max_retry_after.count()) / 1000.0;
  options.max_retry_after = std::chrono::milliseconds(static_cast<std::int64_t>(
      std::llround(config.number("max_retry_after_s", default_retry_after_s, 0.0, 86'400.0) * 1000.0)));
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
}

}  // namespace pb
