#pragma once
// Decision kind "openai-http": one chat completion per case from an OpenAI-compatible server
// (adapters/openai_chat.h) with response_format {"type": "json_object"}, using the versioned Danish prompt
// "beslutning-v1". The prompt shows the case's target group and features (never the protected attributes unless
// "send_attributes": true) and the interventions that may be recommended, and asks for exactly
//   {"risk_score": <0..1>, "recommendation": "<one of the interventions>", "recommendation_score": <number>}
// The reply is read strictly: a JSON object with exactly these three keys of these types (a ```json fence around
// it is tolerated), then validate_decision. Anything else fails the item with the reason.
//
// Config: the chat keys of adapters/openai_chat.h (base_url, model, api_key_env, temperature, seed, max_tokens,
// http_retries, backoff_ms, max_retry_after_s, ca_file, insecure_skip_verify, proxy, allow_plain_http,
// timeout_s), plus
//   "prompt":          built-in prompt version, only "beslutning-v1" so far (default);
//   "send_attributes": bool, default false.
// Identity: {"openai-http", "1;prompt=beslutning-v1;<chat_settings_text>;attributes=no|yes"}.
#include <string>
#include <string_view>
#include <vector>

#include "adapters/decision.h"
#include "adapters/openai_chat.h"
#include "core/error.h"

namespace pb {

inline constexpr std::string_view kDecisionPromptV1 = "beslutning-v1";

struct OpenAiDeciderOptions {
  ChatOptions chat;  // json_object is forced on
  std::string prompt_version{kDecisionPromptV1};
  bool send_attributes = false;
};

// The model's reply as a decision (strict, see above), validated against `interventions`.
Outcome<Decision> parse_model_decision(std::string_view reply, const std::vector<std::string>& interventions);

class OpenAiDecider final : public DecisionAdapter {
 public:
  explicit OpenAiDecider(OpenAiDeciderOptions options, SleepFunction sleep = {});
  ComponentId id() const override;
  Outcome<TrainingSummary> train(std::span<const CaseRecord> training_cases,
                                 const std::vector<std::string>& interventions) override;
  // Thread-safe. Failures: those of ChatClient::complete and parse_model_decision.
  Outcome<Decision> decide(const DecisionRequest& request) override;
  // The messages a request is turned into (for tests and for people checking what is sent).
  std::vector<ChatMessage> messages_for(const DecisionRequest& request) const;

 private:
  OpenAiDeciderOptions options_;
  ChatClient client_;
};

DecisionAdapterPtr make_openai_decider(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
