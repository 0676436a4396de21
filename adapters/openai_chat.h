#pragma once
// A client for OpenAI-compatible chat completions (POST {base_url}/v1/chat/completions), shared by the
// "openai-http" summariser and judge: request building, the call (adapters/http_client.h: libcurl, throttling
// retries), and response parsing. Works with OpenAI, Azure-style proxies, vLLM, llama.cpp's server, Ollama's /v1 and similar.
//
// Config keys read by read_chat_options (besides the common keys of adapters/wrappers.h):
//   "base_url":             required; plain http only to loopback hosts unless "allow_plain_http": true (the
//                           transcript holds citizens' words).
//   "model":                required; sent as "model" and part of the component identity.
//   "api_key_env":          NAME of an environment variable holding the key ("Authorization: Bearer …"). The key
//                           is never accepted in the scenario ("api_key" is refused), stored or shown.
//   "temperature":          number 0..2, default 0.
//   "seed":                 integer, optional (sent as "seed"; servers that support it sample reproducibly).
//   "max_tokens":           integer 1..1000000, optional.
//   "http_retries":         integer 0..20, default 2: extra attempts after 429, 5xx or a refused connection.
//   "backoff_ms":           integer 0..600000, default 1000, doubled after each retry unless Retry-After says.
//   "max_retry_after_s":    number, default 120: a longer Retry-After fails the item instead of waiting.
//   "ca_file", "insecure_skip_verify", "proxy": as for the transcription kind (adapters/openai_http_adapter.h).
//   "timeout_s" (common):   deadline of each HTTP attempt.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/adapter_config.h"
#include "adapters/http_client.h"
#include "core/outcome.h"

namespace pb {

// The endpoint part (base_url, api_key, timeout, retries, TLS, proxy) comes from HttpEndpointOptions.
struct ChatOptions : HttpEndpointOptions {
  ChatOptions() {
    http_retries = 2;
    backoff = std::chrono::milliseconds(1'000);
  }
  std::string model;
  double temperature = 0.0;
  std::optional<std::int64_t> seed;
  std::optional<std::int64_t> max_tokens;
  bool json_object = false;  // ask for response_format {"type": "json_object"}
};

struct ChatMessage {
  std::string role;  // "system" | "user" | "assistant"
  std::string content;
  bool operator==(const ChatMessage&) const = default;
};

// The request body: {"model","messages","temperature"[,"seed"][,"max_tokens"][,"response_format"]}, one line.
// Throws std::invalid_argument if a message is not valid UTF-8.
std::string build_chat_request(const ChatOptions& options, const std::vector<ChatMessage>& messages);

// choices[0].message.content of a successful response (a string, or a list of {"type":"text","text":…} parts
// joined). Failure names what is missing or malformed, with a short excerpt (CPR numbers masked); a reply cut
// off by max_tokens (finish_reason "length") fails too, since half a note or half a verdict is not a result.
Outcome<std::string> parse_chat_response(std::string_view body);

// The settings that change what a model answers, as a stable text for component versions and cache keys:
// "model=gpt-4o;temperature=0;seed=7;max_tokens=800" (seed/max_tokens "none" when unset; numbers in their
// shortest round-trip form).
std::string chat_settings_text(const ChatOptions& options);

// A number in its shortest form that reads back to the same double ("0", "0.7", "1e-05").
std::string shortest_number(double value);

class ChatClient {
 public:
  // `sleep` defaults to std::this_thread::sleep_for; tests inject one that records.
  explicit ChatClient(ChatOptions options, SleepFunction sleep = {});
  // One completion; thread-safe (each call has its own curl handle). Failures: transport errors, "HTTP 400:
  // <excerpt>", 429/5xx still failing after http_retries, and what parse_chat_response rejects.
  Outcome<std::string> complete(const std::vector<ChatMessage>& messages) const;
  const ChatOptions& options() const { return options_; }

 private:
  ChatOptions options_;
  HttpClient http_;
};

// Reads the keys listed above from `config` (problems reported there; check config.ok() afterwards). The
// caller still calls config.check_keys with these keys and its own.
ChatOptions read_chat_options(AdapterConfigReader& config);

}  // namespace pb
