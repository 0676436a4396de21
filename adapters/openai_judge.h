#pragma once
// Judge kind "openai-http": an OpenAI-compatible chat model rates a draft against its source transcript on
// rubric pdqi9-da-v1 (nine criteria adapted from PDQI-9, each an integer 1–5 with a one-sentence
// justification, adapters/prompts.h) and lists the draft's claims, saying for each whether the transcript
// supports it. The reply must be one strict JSON object:
//   {"rubric": {"accurate": {"score": 4, "justification": "…"}, … all nine …},
//    "claims": [{"claim": "…", "supported": true}, …]}
// Anything else — a criterion missing or unknown, a score that is not an integer 1..5, an empty justification,
// no claims list, a claim without text or boolean "supported" — fails the item and says what was wrong.
//
// Config: the chat keys of adapters/openai_chat.h, plus
//   "prompt":      built-in version, default "pdqi9-da-v1"; or "prompt_file" (relative to the scenario's folder,
//                  version "file:<12 hex>"), which must use {{transcript}} and {{draft}} and may use {{criteria}}.
//   "json_object": bool, default false: send response_format {"type": "json_object"} (servers that support it
//                  then guarantee syntactically valid JSON).
//   "cache_dir":   folder relative to the scenario's folder for cached verdicts (adapters/judge_cache.h);
//                  without it every call asks the model.
//
// Identity: {"openai-http", "1;prompt=<version>;model=…;temperature=…;seed=…;max_tokens=…;json_object=…"}.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/judge.h"
#include "adapters/judge_cache.h"
#include "adapters/openai_chat.h"
#include "adapters/prompts.h"

namespace pb {

struct OpenAiJudgeOptions {
  ChatOptions chat;
  PromptTemplate prompt;
  std::optional<std::filesystem::path> cache_dir;  // resolved
};

class OpenAiJudge final : public JudgeAdapter {
 public:
  explicit OpenAiJudge(OpenAiJudgeOptions options, SleepFunction sleep = {});
  ComponentId id() const override;
  // Thread-safe. A cached verdict (same model, prompt version, temperature, seed, transcript and draft) is
  // returned with from_cache = true and no request. Only valid verdicts are cached.
  Outcome<JudgeVerdict> judge(const JudgeRequest& request) override;
  std::vector<ChatMessage> messages_for(const JudgeRequest& request) const;
  // The cache key of a request (adapters/judge_cache.h).
  std::string cache_key(const JudgeRequest& request) const;

 private:
  OpenAiJudgeOptions options_;
  ChatClient client_;
  std::optional<JudgeCache> cache_;
};

// Validates a judge's reply strictly against `criteria` (see above); the verdict's rubric follows the order of
// `criteria`, whatever the reply's key order. An enclosing ``` fence is tolerated.
Outcome<JudgeVerdict> parse_judge_reply(std::string_view reply, const std::vector<RubricCriterion>& criteria,
                                        const std::string& rubric_version);

JudgeAdapterPtr make_openai_judge(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
