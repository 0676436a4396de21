#include "adapters/decision_registry.h"

#include <algorithm>

#include "adapters/command_decider.h"
#include "adapters/logistic_decider.h"
#include "adapters/openai_decider.h"
#include "adapters/recorded_decider.h"

namespace pb {

void register_decision_adapters(AdapterRegistry& registry) {
  registry.add_decision("recorded", make_recorded_decider);
  registry.add_decision("command", make_command_decider);
  registry.add_decision("openai-http", make_openai_decider);
  registry.add_decision("logistic", make_logistic_decider);
}

void reject_unused_common_keys(AdapterConfigReader& config, std::initializer_list<std::string_view> used) {
  for (const std::string_view key : kCommonAdapterKeys) {
    if (key == "kind" || std::find(used.begin(), used.end(), key) != used.end()) continue;
    if (config.find(key))
      config.problem(config.path(key), "not supported by decision adapters (no wrapper applies it); remove it");
  }
}

}  // namespace pb
