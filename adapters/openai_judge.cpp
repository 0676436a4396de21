#include "adapters/openai_judge.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "adapters/wire_protocol.h"
#include "core/json_text.h"
#include "formats/note_text.h"

namespace pb {
namespace {

using nlohmann::json;

// How many problems of one reply are named in the failure reason; the rest are counted.
constexpr std::size_t kMaxNamedProblems = 5;

std::string_view trim_blank(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view strip_fence(std::string_view text) {
  text = trim_blank(text);
  if (text.rfind("```", 0) == 0 && text.size() >= 6 && text.substr(text.size() - 3) == "```") {
    const auto first_line_end = text.find('\n');
    if (first_line_end != std::string_view::npos && first_line_end < text.size() - 3)
      return trim_blank(text.substr(first_line_end + 1, text.size() - 3 - first_line_end - 1));
  }
  return text;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

Outcome<JudgeVerdict> parse_judge_reply(std::string_view reply, const std::vector<RubricCriterion>& criteria,
                                        const std::string& rubric_version) {
  using Result = Outcome<JudgeVerdict>;
  const std::string_view text = strip_fence(reply);
  json object;
  try {
    object = json::parse(text);
  } catch (const json::parse_error& error) {
    return Result::failure("judge reply is not JSON (" + parse_error_message(error) +
                           "): " + sanitize_external_text(text, 200));
  }
  if (!object.is_object()) return Result::failure("judge reply is not a JSON object but " + describe_json(object));

  std::vector<std::string> problems;
  JudgeVerdict verdict;
  verdict.rubric_version = rubric_version;
  const auto rubric = object.find("rubric");
  if (rubric == object.end() || !rubric->is_object()) {
    problems.push_back("no \"rubric\" object");
  } else {
    for (const RubricCriterion& criterion : criteria) {
      const std::string name(criterion.name);
      const auto entry = rubric->find(name);
      if (entry == rubric->end()) {
        problems.push_back("rubric." + name + " missing");
        continue;
      }
      if (!entry->is_object()) {
        problems.push_back("rubric." + name + " is " + describe_json(*entry) + ", expected an object");
        continue;
      }
      RubricScore score{name, 0, ""};
      const auto value = entry->find("score");
      if (value == entry->end()) {
        problems.push_back("rubric." + name + ".score missing");
      } else if (!value->is_number_integer() || value->get<std::int64_t>() < 1 || value->get<std::int64_t>() > 5) {
        problems.push_back("rubric." + name + ".score is " + describe_json(*value) + ", expected an integer 1..5");
      } else {
        score.score = static_cast<int>(value->get<std::int64_t>());
      }
      const auto justification = entry->find("justification");
      if (justification == entry->end() || !justification->is_string() || blank(justification->get<std::string>())) {
        problems.push_back("rubric." + name + ".justification missing or empty");
      } else {
        score.justification = justification->get<std::string>();
      }
      verdict.rubric.push_back(std::move(score));
    }
    for (const auto& [key, value] : rubric->items()) {
      const bool known = std::any_of(criteria.begin(), criteria.end(),
                                     [&](const RubricCriterion& c) { return c.name == key; });
      if (!known) problems.push_back("rubric has unknown criterion \"" + sanitize_external_text(key, 60) + "\"");
    }
  }
  const auto claims = object.find("claims");
  if (claims == object.end() || !claims->is_array()) {
    problems.push_back("no \"claims\" list");
  } else {
    for (std::size_t i = 0; i < claims->size(); ++i) {
      const json& item = (*claims)[i];
      const std::string where = "claims[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        problems.push_back(where + " is " + describe_json(item) + ", expected an object");
        continue;
      }
      const auto claim = item.find("claim");
      const auto supported = item.find("supported");
      if (claim == item.end() || !claim->is_string() || blank(claim->get<std::string>()))
        problems.push_back(where + ".claim missing or empty");
      if (supported == item.end() || !supported->is_boolean())
        problems.push_back(where + ".supported missing or not true/false");
      if (claim != item.end() && claim->is_string() && supported != item.end() && supported->is_boolean())
        verdict.claims.push_back({claim->get<std::string>(), supported->get<bool>()});
    }
  }
  if (!problems.empty()) {
    std::string reason = "invalid judge verdict: ";
    for (std::size_t i = 0; i < std::min(problems.size(), kMaxNamedProblems); ++i)
      reason += (i ? "; " : "") + problems[i];
    if (problems.size() > kMaxNamedProblems)
      reason += "; and " + std::to_string(problems.size() - kMaxNamedProblems) + " more";
    return Result::failure(reason);
  }
  return Result::success(std::move(verdict));
}

OpenAiJudge::OpenAiJudge(OpenAiJudgeOptions options, SleepFunction sleep)
    : options_(std::move(options)), client_(options_.chat, std::move(sleep)) {
  if (options_.cache_dir) cache_.emplace(*options_.cache_dir);
}

ComponentId OpenAiJudge::id() const {
  return {"openai-http", "1;prompt=" + options_.prompt.version + ";" + chat_settings_text(options_.chat) +
                             ";json_object=" + (options_.chat.json_object ? "true" : "false")};
}

std::vector<ChatMessage> OpenAiJudge::messages_for(const JudgeRequest& request) const {
  const std::map<std::string, std::string> values = {{"transcript", transcript_for_prompt(request.source)},
                                                     {"draft", note_to_text(request.draft)},
                                                     {"criteria", criteria_for_prompt(pdqi9_da_criteria())}};
  return {{"user", render_prompt(options_.prompt.text, values)}};
}

std::string OpenAiJudge::cache_key(const JudgeRequest& request) const {
  return judge_cache_key(options_.chat.model, options_.prompt.version, options_.chat.temperature, options_.chat.seed,
                         judge_input_hash(request.source, request.draft));
}

Outcome<JudgeVerdict> OpenAiJudge::judge(const JudgeRequest& request) {
  using Result = Outcome<JudgeVerdict>;
  std::string key;
  if (cache_) {
    try {
      key = cache_key(request);
    } catch (const std::exception& error) {  // a time that is not finite, text that is not UTF-8
      return Result::failure(std::string("cannot hash the judge's input: ") + error.what());
    }
    if (auto hit = cache_->load(key)) return Result::success(std::move(*hit));
  }
  auto reply = client_.complete(messages_for(request));
  if (!reply.ok()) return Result::failure(reply.error());
  auto verdict = parse_judge_reply(reply.value(), pdqi9_da_criteria(), options_.prompt.version);
  // A verdict that could not be cached is still a verdict; the next run simply asks again.
  if (verdict.ok() && cache_) (void)cache_->store(key, verdict.value());
  return verdict;
}

JudgeAdapterPtr make_openai_judge(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"base_url", "model", "api_key_env", "api_key", "temperature", "seed", "max_tokens",
                     "http_retries", "backoff_ms", "max_retry_after_s", "ca_file", "insecure_skip_verify", "proxy",
                     "allow_plain_http", "prompt", "prompt_file", "json_object"});
  OpenAiJudgeOptions options;
  options.chat = read_chat_options(config);
  options.chat.json_object = config.boolean("json_object", false);
  auto prompt = read_prompt_config(config, true, kJudgePromptPdqi9DaV1, {"transcript", "draft"},
                                   {"transcript", "draft", "criteria"});
  if (auto dir = config.string("cache_dir")) options.cache_dir = std::filesystem::path(spec.base_dir) / *dir;
  if (!config.ok() || !prompt) return nullptr;
  options.prompt = std::move(*prompt);
  return std::make_unique<OpenAiJudge>(std::move(options));
}

}  // namespace pb
