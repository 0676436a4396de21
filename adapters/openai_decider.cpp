#include "adapters/openai_decider.h"

#include <nlohmann/json.hpp>

#include "adapters/adapter_config.h"
#include "adapters/decision_registry.h"
#include "adapters/wire_protocol.h"
#include "core/json_text.h"

namespace pb {
namespace {

using nlohmann::json;

// Version "beslutning-v1". Never edit this text under the same version: the version is part of the component
// identity stored with a run, so a changed prompt needs a new version name.
constexpr std::string_view kPromptV1Intro =
    "Du er et beslutningsstøtteværktøj i et dansk jobcenter. Ud fra oplysningerne om en borgers sag skal du "
    "vurdere risikoen for langtidsledighed og anbefale én indsats.\n\n";
constexpr std::string_view kPromptV1Task =
    "Svar udelukkende med ét JSON-objekt med præcis disse tre nøgler:\n"
    "- \"risk_score\": sandsynligheden (et tal mellem 0 og 1) for at borgeren bliver langtidsledig.\n"
    "- \"recommendation\": den anbefalede indsats, skrevet nøjagtigt som i listen over mulige indsatser.\n"
    "- \"recommendation_score\": hvor meget den anbefalede indsats forventes at øge sandsynligheden for at "
    "borgeren er i job efter 26 uger, sammenlignet med ingen indsats (et tal, fx 0.05).\n"
    "Skriv ingen forklaring uden for JSON-objektet.";

std::string trim_blank(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// Some servers wrap JSON in a ```json fence even in JSON mode; the fence is layout, not content.
std::string without_fence(std::string text) {
  if (text.rfind("```", 0) != 0 || text.size() < 6 || text.compare(text.size() - 3, 3, "```") != 0) return text;
  const auto first_line_end = text.find('\n');
  if (first_line_end == std::string::npos || first_line_end >= text.size() - 3) return text;
  return trim_blank(std::string_view(text).substr(first_line_end + 1, text.size() - 3 - first_line_end - 1));
}

}  // namespace

Outcome<Decision> parse_model_decision(std::string_view reply, const std::vector<std::string>& interventions) {
  using Result = Outcome<Decision>;
  const std::string text = without_fence(trim_blank(reply));
  if (text.empty()) return Result::failure("the model returned an empty answer");
  json object;
  try {
    object = json::parse(text);
  } catch (const json::parse_error& error) {
    return Result::failure("the model's answer is not JSON (" + parse_error_message(error) +
                           "): " + sanitize_external_text(text, 200));
  }
  if (!object.is_object())
    return Result::failure("the model's answer is not a JSON object but " + describe_json(object));
  for (const char* key : {"risk_score", "recommendation", "recommendation_score"})
    if (!object.contains(key)) return Result::failure(std::string("the model's answer lacks \"") + key + "\"");
  for (const auto& [key, value] : object.items())
    if (key != "risk_score" && key != "recommendation" && key != "recommendation_score")
      return Result::failure("the model's answer has an unexpected key \"" + sanitize_external_text(key, 80) + "\"");
  auto decision = decision_from_json(object.dump(-1, ' ', false, json::error_handler_t::replace));
  if (!decision.ok()) return Result::failure("the model's answer: " + sanitize_external_text(decision.error(), 500));
  auto valid = validate_decision(std::move(decision).value(), interventions);
  if (!valid.ok()) return Result::failure("the model's answer: " + sanitize_external_text(valid.error(), 500));
  return valid;
}

OpenAiDecider::OpenAiDecider(OpenAiDeciderOptions options, SleepFunction sleep)
    : options_([&] {
        options.chat.json_object = true;
        return std::move(options);
      }()),
      client_(options_.chat, std::move(sleep)) {}

ComponentId OpenAiDecider::id() const {
  return {"openai-http", "1;prompt=" + options_.prompt_version + ";" + chat_settings_text(options_.chat) +
                             ";attributes=" + (options_.send_attributes ? "yes" : "no")};
}

Outcome<TrainingSummary> OpenAiDecider::train(std::span<const CaseRecord>, const std::vector<std::string>&) {
  return Outcome<TrainingSummary>::success({0, "chat model " + options_.chat.model + ", prompt " +
                                                   options_.prompt_version + " (no training)"});
}

std::vector<ChatMessage> OpenAiDecider::messages_for(const DecisionRequest& request) const {
  const CaseRecord& c = request.case_record;
  std::string prompt(kPromptV1Intro);
  prompt += "Målgruppe: " + (c.target_group.empty() ? std::string("ikke oplyst") : c.target_group) + "\n";
  prompt += "Oplysninger om sagen:\n";
  if (c.features.empty()) prompt += "- (ingen)\n";
  for (const auto& [name, value] : c.features) prompt += "- " + name + ": " + shortest_number(value) + "\n";
  if (options_.send_attributes) {
    prompt += "Personoplysninger:\n";
    if (c.attributes.empty()) prompt += "- (ingen)\n";
    for (const auto& [name, value] : c.attributes) prompt += "- " + name + ": " + value + "\n";
  }
  prompt += "Mulige indsatser:\n";
  for (const std::string& intervention : request.interventions) prompt += "- " + intervention + "\n";
  prompt += "\n";
  prompt += kPromptV1Task;
  return {{"user", prompt}};
}

Outcome<Decision> OpenAiDecider::decide(const DecisionRequest& request) {
  auto answer = client_.complete(messages_for(request));
  if (!answer.ok()) return Outcome<Decision>::failure(answer.error());
  return parse_model_decision(answer.value(), request.interventions);
}

DecisionAdapterPtr make_openai_decider(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"base_url", "model", "api_key_env", "api_key", "temperature", "seed", "max_tokens",
                     "http_retries", "backoff_ms", "max_retry_after_s", "ca_file", "insecure_skip_verify", "proxy",
                     "allow_plain_http", "prompt", "send_attributes"});
  reject_unused_common_keys(config, {"timeout_s"});
  OpenAiDeciderOptions options;
  options.chat = read_chat_options(config);
  options.prompt_version = config.choice("prompt", std::string(kDecisionPromptV1), {std::string(kDecisionPromptV1)});
  options.send_attributes = config.boolean("send_attributes", false);
  if (!config.ok()) return nullptr;
  return std::make_unique<OpenAiDecider>(std::move(options));
}

}  // namespace pb
