#pragma once
// Summarisation kind "openai-http": drafts a journalnotat with an OpenAI-compatible chat model
// (POST {base_url}/v1/chat/completions, adapters/openai_chat.h) from a versioned prompt template
// (adapters/prompts.h), and reads the model's text back into sections (formats/note_text.h).
//
// Config: the chat keys of adapters/openai_chat.h (base_url, model, api_key_env, temperature, seed, max_tokens,
// http_retries, backoff_ms, …), plus
//   "prompt":      built-in template version, default "journalnotat-v1"; or
//   "prompt_file": a template file relative to the scenario's folder (version "file:<12 hex of its SHA-256>");
//                  it must use {{transcript}} and may use {{sections}} and {{meeting_type}}.
//   "sections":    the note's section titles, default default_note_titles(); shown to the model ({{sections}})
//                  and used to find the headings in its answer.
//
// Identity: {"openai-http", "1;prompt=<version>;model=<m>;temperature=<t>;seed=<s>;max_tokens=<n>;
// sections=<8 hex>"}: everything that changes the answer is recorded with a run and a changed setting refuses
// a resume. The prompt is sent as one user message.
#include <string>
#include <vector>

#include "adapters/openai_chat.h"
#include "adapters/prompts.h"
#include "adapters/summarisation.h"

namespace pb {

struct OpenAiSummariserOptions {
  ChatOptions chat;
  PromptTemplate prompt;
  std::vector<std::string> sections;
};

class OpenAiSummariser final : public SummarisationAdapter {
 public:
  explicit OpenAiSummariser(OpenAiSummariserOptions options, SleepFunction sleep = {});
  ComponentId id() const override;
  // Thread-safe. Failures: those of ChatClient::complete, and an empty answer.
  Outcome<CaseNote> summarise(const SummarisationRequest& request) override;
  // The messages a request is turned into (for tests and for people checking what is sent).
  std::vector<ChatMessage> messages_for(const SummarisationRequest& request) const;

 private:
  OpenAiSummariserOptions options_;
  ChatClient client_;
};

// A model's answer as a note: an enclosing ``` fence is removed, then headings are found among `sections`.
CaseNote parse_model_note(std::string_view answer, const std::vector<std::string>& sections);

SummarisationAdapterPtr make_openai_summariser(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
