#include "adapters/decision.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "adapters/openai_chat.h"
#include "adapters/wire_protocol.h"
#include "core/json_text.h"
#include "core/utf8.h"

namespace pb {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxSegmentBytes = 64;

std::string quote_text(std::string_view text) { return "\"" + sanitize_external_text(text, 80) + "\""; }

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? std::string("(no interventions)") : out;
}

std::string shortest_number_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return shortest_number(value);  // "7", "0.30000000000000004"
}

Outcome<Decision> decision_from_object(const json& object);

}  // namespace

CaseRecord blind_case(const CaseRecord& case_record) {
  CaseRecord blinded;
  blinded.id = case_record.id;
  blinded.source = case_record.source;
  blinded.split = case_record.split;
  blinded.target_group = case_record.target_group;
  blinded.attributes = case_record.attributes;
  blinded.features = case_record.features;
  // Everything else keeps its default (empty intervention, no propensity, outcomes, choice or label): listing
  // what is kept rather than what is cleared means a field added to CaseRecord later is blinded by default.
  return blinded;
}

Outcome<Decision> validate_decision(Decision decision, const std::vector<std::string>& interventions) {
  using Result = Outcome<Decision>;
  if (!decision.risk_score && !decision.recommendation && !decision.recommendation_score && !decision.segment)
    return Result::failure("the decision is empty: give at least one of risk_score, recommendation, "
                           "recommendation_score, segment");
  if (decision.risk_score) {
    const double risk = *decision.risk_score;
    if (!std::isfinite(risk) || risk < 0.0 || risk > 1.0)
      return Result::failure("risk_score " + shortest_number_text(risk) + " is not a probability in [0, 1]");
  }
  if (decision.recommendation) {
    if (!is_valid_utf8(*decision.recommendation))
      return Result::failure("recommendation is not valid UTF-8");
    // A program may send decomposed letters (a + ring for å); the dataset's interventions are NFC.
    decision.recommendation = to_nfc(*decision.recommendation);
    bool known = false;
    for (const std::string& intervention : interventions) known = known || intervention == *decision.recommendation;
    if (!known)
      return Result::failure("recommendation " + quote_text(*decision.recommendation) +
                             " is not one of: " + joined(interventions));
  }
  if (decision.recommendation_score && !std::isfinite(*decision.recommendation_score))
    return Result::failure("recommendation_score " + shortest_number_text(*decision.recommendation_score) +
                           " is not a finite number");
  if (decision.segment) {
    if (!is_valid_utf8(*decision.segment)) return Result::failure("segment is not valid UTF-8");
    decision.segment = to_nfc(*decision.segment);
    if (decision.segment->empty()) return Result::failure("segment is empty");
    if (decision.segment->size() > kMaxSegmentBytes)
      return Result::failure("segment " + quote_text(*decision.segment) + " is longer than " +
                             std::to_string(kMaxSegmentBytes) + " bytes");
  }
  return Result::success(std::move(decision));
}

std::string decision_to_json(const Decision& decision) {
  json object = json::object();  // std::map underneath: keys come out sorted
  if (decision.risk_score) object["risk_score"] = *decision.risk_score;
  if (decision.recommendation) object["recommendation"] = *decision.recommendation;
  if (decision.recommendation_score) object["recommendation_score"] = *decision.recommendation_score;
  if (decision.segment) object["segment"] = *decision.segment;
  // nlohmann writes doubles in their shortest round-trip form; invalid UTF-8 (an unvalidated decision) is
  // replaced rather than thrown, since this is also used to show what a program sent.
  return object.dump(-1, ' ', false, json::error_handler_t::replace);
}

Outcome<Decision> decision_from_json(std::string_view text) {
  using Result = Outcome<Decision>;
  json object;
  try {
    object = json::parse(text);
  } catch (const json::parse_error& error) {
    return Result::failure("decision is not JSON (" + parse_error_message(error) + ")");
  }
  return decision_from_object(object);
}

namespace {

Outcome<Decision> decision_from_object(const json& object) {
  using Result = Outcome<Decision>;
  if (!object.is_object()) return Result::failure("decision is not a JSON object but " + describe_json(object));
  Decision decision;
  for (const auto& [key, value] : object.items()) {
    if (key == "risk_score" || key == "recommendation_score") {
      if (!value.is_number())
        return Result::failure("decision \"" + key + "\" is not a number but " + describe_json(value));
      (key == "risk_score" ? decision.risk_score : decision.recommendation_score) = value.get<double>();
    } else if (key == "recommendation" || key == "segment") {
      if (!value.is_string())
        return Result::failure("decision \"" + key + "\" is not a string but " + describe_json(value));
      (key == "recommendation" ? decision.recommendation : decision.segment) = value.get<std::string>();
    } else {
      return Result::failure("decision has an unknown key " + quote_text(key) +
                             " (known: recommendation, recommendation_score, risk_score, segment)");
    }
  }
  return Result::success(std::move(decision));
}

}  // namespace
}  // namespace pb
