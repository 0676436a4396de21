#pragma once
// HTTP(S) POSTs with libcurl for the "openai-http" kinds (adapters/openai_http_adapter.h for transcription,
// adapters/openai_chat.h for summaries and judging): the endpoint's config keys, the transport settings (no
// redirects, no proxy unless configured, TLS options), and retries after 429, 5xx or a failed connection,
// honouring Retry-After.
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/adapter_config.h"
#include "core/outcome.h"

namespace pb {

// How a client waits before a retry; tests inject one that records instead of sleeping.
using SleepFunction = std::function<void(std::chrono::milliseconds)>;

// The settings of one server, read by read_http_endpoint. Each kind's options extend it with its own.
struct HttpEndpointOptions {
  std::string base_url;     // scheme://host[:port][/prefix] without a trailing '/'
  std::string api_key_env;  // the variable's name, for messages
  std::string api_key;      // its value; empty: no Authorization header
  std::chrono::milliseconds timeout{60'000};  // each attempt
  int http_retries = 3;                       // extra attempts after 429, 5xx or a failed connection
  std::chrono::milliseconds backoff{500};     // before the first such retry, doubled after each
  std::chrono::milliseconds max_retry_after{120'000};
  std::string ca_file;
  bool insecure_skip_verify = false;
  std::string proxy;  // empty: no proxy at all (http_proxy and friends are ignored)
};

// Reads "api_key" (refused), "allow_plain_http", "base_url", "api_key_env", "http_retries", "backoff_ms",
// "max_retry_after_s", "ca_file", "insecure_skip_verify", "proxy" and the common "timeout_s" into `options`,
// whose values are the defaults. Problems go to `config` (check config.ok() afterwards). `what_is_sent` names
// what plain http would expose ("audio"); `example_url` is shown when "base_url" is missing.
void read_http_endpoint(AdapterConfigReader& config, HttpEndpointOptions& options, std::string_view what_is_sent,
                        std::string_view example_url);

// What one POST sends: a JSON body, or a multipart form with a file (part "file") and text fields.
struct HttpPost {
  std::string url;
  std::string accept = "application/json";  // the Accept header
  std::optional<std::string> json_body;
  std::optional<std::string> file;  // a path on this machine
  std::vector<std::pair<std::string, std::string>> fields;
};

// Where the kinds' failure reasons differ; each kind keeps the wording it documents.
struct HttpClientRules {
  std::size_t max_body_bytes = std::size_t{16} << 20;  // a longer response body fails the attempt
  std::size_t excerpt_bytes = 300;                     // of a response body quoted in a failure reason
  bool retry_partial_transfers = false;  // a body cut off in transfer is retried like a reset connection
  bool name_timeouts = false;            // "no response within N ms (timeout_s) from <url>" for a timeout
  bool count_single_attempt = false;     // "HTTP 500 after 1 attempt: …" also when nothing was retried
};

class HttpClient {
 public:
  // `sleep` defaults to std::this_thread::sleep_for. Initialises libcurl (once per process).
  HttpClient(HttpEndpointOptions endpoint, HttpClientRules rules, SleepFunction sleep = {});

  // The body of a 2xx response, retrying as configured; thread-safe (each call has its own curl handle).
  // Failures: transport errors ("HTTP request to <url> failed: …"), "HTTP 400: <excerpt>", 429/5xx still
  // failing after http_retries, a Retry-After longer than max_retry_after. The API key never appears in them.
  Outcome<std::string> post(const HttpPost& request) const;

  // `text` with the API key replaced by "[redacted]": a server may echo the Authorization header back.
  std::string redact(std::string text) const;
  const HttpEndpointOptions& endpoint() const { return endpoint_; }

 private:
  HttpEndpointOptions endpoint_;
  HttpClientRules rules_;
  SleepFunction sleep_;
};

// A response body (trimmed) for a failure reason: sanitised, cut to `max_bytes`; "(empty body)" if empty.
std::string http_body_excerpt(std::string_view body, std::size_t max_bytes);

// `s` without spaces, tabs, CRs and LFs at either end.
std::string trim_http_space(std::string_view s);

// A Retry-After header value: delay-seconds ("7") or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT", the delay
// being its distance from `now`, 0 if past). nullopt if malformed.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

// True for hosts that never leave this machine: 127.0.0.0/8, ::1, localhost.
bool is_loopback_host(std::string_view host);

}  // namespace pb
