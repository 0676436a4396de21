#include "adapters/openai_summariser.h"

#include <algorithm>

#include "core/hash.h"
#include "formats/note_text.h"

namespace pb {
namespace {

std::string_view trim_blank(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string sections_fingerprint(const std::vector<std::string>& sections) {
  std::string joined;
  for (const std::string& title : sections) joined += title + '\n';
  return sha256_hex(joined).substr(0, 8);
}

}  // namespace

CaseNote parse_model_note(std::string_view answer, const std::vector<std::string>& sections) {
  std::string_view text = trim_blank(answer);
  // Chat models often wrap a whole answer in ```markdown … ```; the fence is layout, not content.
  if (text.rfind("```", 0) == 0 && text.size() >= 6 && text.substr(text.size() - 3) == "```") {
    const auto first_line_end = text.find('\n');
    if (first_line_end != std::string_view::npos && first_line_end < text.size() - 3)
      text = trim_blank(text.substr(first_line_end + 1, text.size() - 3 - first_line_end - 1));
  }
  return parse_note_text(text, recognised_titles(sections));
}

OpenAiSummariser::OpenAiSummariser(OpenAiSummariserOptions options, SleepFunction sleep)
    : options_(std::move(options)), client_(options_.chat, std::move(sleep)) {}

ComponentId OpenAiSummariser::id() const {
  return {"openai-http", "1;prompt=" + options_.prompt.version + ";" + chat_settings_text(options_.chat) +
                             ";sections=" + sections_fingerprint(options_.sections)};
}

std::vector<ChatMessage> OpenAiSummariser::messages_for(const SummarisationRequest& request) const {
  const std::string meeting_type =
      request.conversation.meeting_type.empty() ? std::string("ikke oplyst") : request.conversation.meeting_type;
  const std::map<std::string, std::string> values = {{"transcript", transcript_for_prompt(request.source)},
                                                     {"sections", sections_for_prompt(options_.sections)},
                                                     {"meeting_type", meeting_type}};
  return {{"user", render_prompt(options_.prompt.text, values)}};
}

Outcome<CaseNote> OpenAiSummariser::summarise(const SummarisationRequest& request) {
  auto answer = client_.complete(messages_for(request));
  if (!answer.ok()) return Outcome<CaseNote>::failure(answer.error());
  if (trim_blank(answer.value()).empty()) return Outcome<CaseNote>::failure("the model returned an empty answer");
  return Outcome<CaseNote>::success(parse_model_note(answer.value(), options_.sections));
}

SummarisationAdapterPtr make_openai_summariser(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"base_url", "model", "api_key_env", "api_key", "temperature", "seed", "max_tokens",
                     "http_retries", "backoff_ms", "max_retry_after_s", "ca_file", "insecure_skip_verify", "proxy",
                     "allow_plain_http", "prompt", "prompt_file", "sections"});
  OpenAiSummariserOptions options;
  options.chat = read_chat_options(config);
  auto prompt = read_prompt_config(config, false, kJournalnotatPromptV1, {"transcript"},
                                   {"transcript", "sections", "meeting_type"});
  options.sections = read_section_titles(config);
  if (!config.ok() || !prompt) return nullptr;
  options.prompt = std::move(*prompt);
  return std::make_unique<OpenAiSummariser>(std::move(options));
}

}  // namespace pb
