#include "adapters/judge_cache.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/hash.h"
#include "formats/note_text.h"
#include "formats/transcript_formats.h"

namespace pb {
namespace {

using nlohmann::json;

bool is_hex_key(const std::string& key) {
  return key.size() == 64 && key.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

std::string judge_input_hash(const Transcript& transcript, const CaseNote& draft) {
  // A JSON array keeps the two parts apart: no transcript/draft pair can produce another pair's bytes.
  const json parts = json::array({transcript_to_json(transcript), note_to_json(draft)});
  return sha256_hex(parts.dump());
}

std::string judge_cache_key(std::string_view model, std::string_view prompt_version, double temperature,
                            std::optional<std::int64_t> seed, std::string_view input_hash) {
  json identity = {{"model", model}, {"prompt", prompt_version}, {"temperature", temperature},
                   {"seed", seed ? json(*seed) : json(nullptr)}, {"input", input_hash}};
  return sha256_hex(identity.dump());  // nlohmann::json sorts object keys, so the text is canonical
}

std::string verdict_to_json(const JudgeVerdict& verdict) {
  nlohmann::ordered_json rubric = nlohmann::ordered_json::array();
  for (const RubricScore& score : verdict.rubric)
    rubric.push_back({{"criterion", score.criterion}, {"score", score.score}, {"justification", score.justification}});
  nlohmann::ordered_json claims = nlohmann::ordered_json::array();
  for (const ClaimCheck& claim : verdict.claims) claims.push_back({{"claim", claim.claim}, {"supported", claim.supported}});
  const nlohmann::ordered_json object = {
      {"rubric_version", verdict.rubric_version}, {"rubric", rubric}, {"claims", claims}};
  return object.dump();
}

Outcome<JudgeVerdict> verdict_from_json(std::string_view text) {
  using Result = Outcome<JudgeVerdict>;
  json object;
  try {
    object = json::parse(text);
  } catch (const json::parse_error&) {
    return Result::failure("not JSON");
  }
  if (!object.is_object()) return Result::failure("not an object");
  JudgeVerdict verdict;
  const auto version = object.find("rubric_version");
  if (version == object.end() || !version->is_string()) return Result::failure("no string \"rubric_version\"");
  verdict.rubric_version = version->get<std::string>();
  const auto rubric = object.find("rubric");
  if (rubric == object.end() || !rubric->is_array()) return Result::failure("no \"rubric\" list");
  for (const json& item : *rubric) {
    if (!item.is_object() || !item.contains("criterion") || !item["criterion"].is_string() ||
        !item.contains("score") || !item["score"].is_number_integer() || !item.contains("justification") ||
        !item["justification"].is_string())
      return Result::failure("a rubric entry is malformed");
    const auto score = item["score"].get<std::int64_t>();
    if (score < 1 || score > 5) return Result::failure("a score is outside 1..5");
    verdict.rubric.push_back(
        {item["criterion"].get<std::string>(), static_cast<int>(score), item["justification"].get<std::string>()});
  }
  const auto claims = object.find("claims");
  if (claims == object.end() || !claims->is_array()) return Result::failure("no \"claims\" list");
  for (const json& item : *claims) {
    if (!item.is_object() || !item.contains("claim") || !item["claim"].is_string() || !item.contains("supported") ||
        !item["supported"].is_boolean())
      return Result::failure("a claim entry is malformed");
    verdict.claims.push_back({item["claim"].get<std::string>(), item["supported"].get<bool>()});
  }
  return Result::success(std::move(verdict));
}

std::optional<JudgeVerdict> JudgeCache::load(const std::string& key) const {
  if (!is_hex_key(key)) return std::nullopt;
  std::ifstream in(file_for(key), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  json file;
  try {
    file = json::parse(buffer.str());
  } catch (const json::parse_error&) {
    return std::nullopt;
  }
  if (!file.is_object() || file.value("key", json()) != json(key) || !file.contains("verdict")) return std::nullopt;
  auto verdict = verdict_from_json(file["verdict"].dump());
  if (!verdict.ok()) return std::nullopt;
  JudgeVerdict hit = std::move(verdict).value();
  hit.from_cache = true;
  return hit;
}

std::string JudgeCache::store(const std::string& key, const JudgeVerdict& verdict) const {
  if (!is_hex_key(key)) return "not a cache key: " + key;
  std::lock_guard lock(write_mutex_);
  try {
    const std::string text = "{\"key\":" + json(key).dump() + ",\"verdict\":" + verdict_to_json(verdict) + "}\n";
    create_private_directories(dir_);
    write_private_file(file_for(key), text);
  } catch (const std::exception& error) {
    return error.what();
  }
  return "";
}

}  // namespace pb
