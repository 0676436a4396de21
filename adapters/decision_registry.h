#pragma once
// Registration of the decision-support adapter kinds (adapters/decision.h): "recorded"
// (adapters/recorded_decider.h), "command" (adapters/command_decider.h), "openai-http"
// (adapters/openai_decider.h) and "logistic" (adapters/logistic_decider.h). Explicit, like
// register_builtin_adapters().
#include <initializer_list>
#include <string_view>

#include "adapters/adapter_config.h"
#include "adapters/registry.h"

namespace pb {

void register_decision_adapters(AdapterRegistry& registry);

// The wrappers of adapters/wrappers.h (isolation, retries, cache, recording) are not applied to decision
// adapters, so their common keys would be silently ignored; a decision kind reports each one it does not use
// ("timeout_s" is used by the kinds that call out). `used` lists the common keys the kind does read.
void reject_unused_common_keys(AdapterConfigReader& config, std::initializer_list<std::string_view> used);

}  // namespace pb
