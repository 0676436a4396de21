#pragma once
// Kind "openai-http": a speech-to-text server reached over HTTP(S) with libcurl. Two APIs:
//   "api": "openai"     (default) POST {base_url}/v1/audio/transcriptions, multipart/form-data with the audio
//                       file — what OpenAI, whisper.cpp's server, faster-whisper-server, vLLM and others accept.
//   "api": "pilotbench" POST {base_url}/pilotbench/v1/transcribe with the adapter protocol's request object as
//                       a JSON body and its response object back (adapters/wire_protocol.h,
//                       docs/adapter-protocol.md). "audio_path" is a path on this machine, so the server must
//                       share its filesystem (typically a local model server).
//
// Config (besides the common keys of adapters/wrappers.h):
//   "base_url":             "http://127.0.0.1:8080" (required). Plain http is accepted only for loopback hosts
//                           (127.0.0.1, ::1, localhost) unless "allow_plain_http": true — the audio holds citizens'
//                           voices.
//   "model":                sent as the "model" form field (openai api); optional for servers that ignore it.
//   "api_key_env":          NAME of an environment variable holding the key, sent as "Authorization: Bearer ...".
//                           The key itself is never accepted in the scenario, stored, or written in any message.
//   "language":             overrides the conversation's language (openai api form field "language").
//   "response_format":      "verbose_json" (default; segments with start/end) | "json" | "text" (one segment).
//   "max_concurrency":      integer 1..256, default 4: requests in flight at once from this adapter.
//   "http_retries":         integer 0..20, default 3: extra attempts after 429, 5xx or a failed connection.
//   "backoff_ms":           integer 0..600000, default 500: wait before the first such retry, doubled after each,
//                           unless the server sent Retry-After (seconds or an HTTP date), which is honoured.
//   "max_retry_after_s":    number, default 120: a longer Retry-After fails the item instead of waiting.
//   "ca_file":              PEM bundle to verify the server with (relative to the scenario's folder).
//   "insecure_skip_verify": bool, default false: do not verify the server's certificate (testing only).
//   "proxy":                proxy URL; without it no proxy is used (http_proxy and friends are ignored).
//   "send_reference":       bool, default false (pilotbench api only, for simulators).
//   "timeout_s" (common):   deadline of each HTTP attempt.
// The common "retries" wrapper retries any failure; the backoff here is for the server's own throttling.
//
// Failures (per item): no audio or audio file missing (openai api), HTTP errors ("HTTP 400: <body excerpt>"),
// 429/5xx still failing after the retries, transport errors, malformed or wrongly shaped responses.
//
// Isolation: a forked child can make the call, but max_concurrency is then not enforced across children and
// each call opens a new connection; "isolate": false is recommended for this kind.
#include <sys/types.h>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/http_client.h"  // HttpEndpointOptions, SleepFunction, parse_retry_after, is_loopback_host
#include "adapters/transcription.h"
#include "core/error.h"

namespace pb {

enum class HttpApi { openai, pilotbench };
enum class OpenAiResponseFormat { verbose_json, json, text };

// base_url, api_key(_env), timeout, http_retries, backoff, max_retry_after, ca_file, insecure_skip_verify and
// proxy come from HttpEndpointOptions (defaults: 3 retries, 500 ms backoff).
struct OpenAiHttpOptions : HttpEndpointOptions {
  HttpApi api = HttpApi::openai;
  std::string model;
  std::optional<std::string> language;
  OpenAiResponseFormat response_format = OpenAiResponseFormat::verbose_json;
  int max_concurrency = 4;
  bool send_reference = false;
};

class OpenAiHttpTranscriptionAdapter final : public TranscriptionAdapter {
 public:
  // `sleep` defaults to std::this_thread::sleep_for.
  explicit OpenAiHttpTranscriptionAdapter(OpenAiHttpOptions options, SleepFunction sleep = {});
  ComponentId id() const override { return {"openai-http", "1"}; }
  // Thread-safe; at most max_concurrency calls are in flight, the rest wait.
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;

 private:
  Outcome<Transcript> transcribe_now(const TranscriptionRequest& request);

  OpenAiHttpOptions options_;
  HttpClient http_;
  pid_t owner_pid_;
  std::mutex slots_mutex_;
  std::condition_variable slot_freed_;
  int in_flight_ = 0;
  std::atomic<std::uint64_t> next_request_{1};
};

// The body of a successful /v1/audio/transcriptions response as a Transcript:
//  verbose_json: {"segments":[{"start":0.0,"end":2.5,"text":" Hej"}...]} → one segment each (text trimmed,
//                no speaker); without "segments" the "text" becomes one untimed segment.
//  json:         {"text":"..."} → one untimed segment.   text: the body → one untimed segment.
// Empty text gives no segment. Failure names what is malformed.
Outcome<Transcript> parse_openai_transcription(std::string_view body, OpenAiResponseFormat format);

TranscriptionAdapterPtr make_openai_http_adapter(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
