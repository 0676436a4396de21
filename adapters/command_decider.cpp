#include "adapters/command_decider.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "adapters/adapter_config.h"
#include "adapters/command_config.h"
#include "adapters/decision_registry.h"
#include "core/json_text.h"

namespace pb {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;  // a decision is a few hundred bytes

}  // namespace

std::string encode_decide_request(std::string_view id, const DecisionRequest& request) {
  const CaseRecord& c = request.case_record;
  nlohmann::ordered_json case_object = {{"id", c.id}, {"target_group", c.target_group}};
  case_object["attributes"] = json(c.attributes);  // std::map: keys sorted
  case_object["features"] = json(c.features);
  const nlohmann::ordered_json object = {{"id", id},
                                         {"task", kDecisionCapability},
                                         {"case", case_object},
                                         {"interventions", request.interventions}};
  try {
    return object.dump();  // one line
  } catch (const json::type_error&) {
    throw std::invalid_argument("decision request: a string is not valid UTF-8");
  }
}

Outcome<DecideResponse> parse_decide_response(std::string_view line, const std::vector<std::string>& interventions) {
  using Result = Outcome<DecideResponse>;
  using Answer = Outcome<Decision>;
  auto envelope = parse_response_envelope(line);
  if (!envelope.ok()) return Result::failure(envelope.error());
  ResponseEnvelope message = std::move(envelope).value();
  json& object = message.object;
  DecideResponse response{message.id, Answer::failure("")};

  const auto decision = object.find("decision");
  const auto error = object.find("error");
  const auto ok = object.find("ok");
  const bool has_decision = decision != object.end(), has_error = error != object.end();
  if (ok != object.end() && !ok->is_boolean()) {
    response.result = Answer::failure("response \"ok\" is not a boolean but " + describe_json(*ok));
  } else if (has_decision == has_error) {
    response.result = Answer::failure(has_decision ? "response has both \"decision\" and \"error\"; send one"
                                                   : "response has neither \"decision\" nor \"error\"");
  } else if (ok != object.end() && ok->get<bool>() != has_decision) {
    response.result = Answer::failure(has_decision ? "response has \"ok\": false but a \"decision\""
                                                   : "response has \"ok\": true but an \"error\"");
  } else if (has_error) {
    const bool has_text = error->is_string() && !error->get<std::string>().empty();
    response.result = Answer::failure(
        "adapter reported an error: " +
        (has_text ? sanitize_external_text(error->get<std::string>(), kMaxVendorErrorBytes)
                  : std::string("(no \"error\" text)")));
  } else {
    auto parsed = decision_from_json(decision->dump(-1, ' ', false, json::error_handler_t::replace));
    if (!parsed.ok())
      response.result = Answer::failure("invalid decision: " + sanitize_external_text(parsed.error(), 500));
    else if (auto valid = validate_decision(std::move(parsed).value(), interventions); !valid.ok())
      response.result = Answer::failure("invalid decision: " + sanitize_external_text(valid.error(), 500));
    else
      response.result = std::move(valid);
  }
  return Result::success(std::move(response));
}

Outcome<std::unique_ptr<CommandDecider>> CommandDecider::start(CommandAdapterOptions options) {
  using Result = Outcome<std::unique_ptr<CommandDecider>>;
  auto programs = CommandPrograms::start(std::move(options), {kDecisionCapability, "d-", kMaxLineBytes});
  if (!programs.ok()) return Result::failure(programs.error());
  return Result::success(std::unique_ptr<CommandDecider>(new CommandDecider(std::move(programs).value())));
}

ComponentId CommandDecider::id() const {
  return {"command:" + handshake().name + "@" + handshake().version, "1"};
}

Outcome<TrainingSummary> CommandDecider::train(std::span<const CaseRecord>, const std::vector<std::string>&) {
  return Outcome<TrainingSummary>::success({0, "vendor program " + handshake().name + "@" + handshake().version +
                                                   " (trained outside pilotbench)"});
}

Outcome<Decision> CommandDecider::decide(const DecisionRequest& request) {
  return programs_->request([&](const std::string& id) { return encode_decide_request(id, request); },
                            [&](std::string_view line) { return parse_decide_response(line, request.interventions); });
}

DecisionAdapterPtr make_command_decider(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"argv", "env", "memory_limit_mb", "startup_timeout_s", "processes"});
  reject_unused_common_keys(config, {"timeout_s"});
  CommandAdapterOptions options = read_command_options(config, R"(["./my-decider"])");
  if (!config.ok()) return nullptr;
  auto started = CommandDecider::start(std::move(options));
  if (!started.ok()) {
    config.problem(config.path("argv"), "the decision program did not start: " + started.error());
    return nullptr;
  }
  return std::move(started).value();
}

}  // namespace pb
