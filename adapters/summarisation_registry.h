#pragma once
// Registers the summarisation adapter kinds that run locally, without a vendor: "lead", "extractive", "recorded"
// and "simulated" (adapters/lead_summariser.h, extractive_summariser.h, recorded_summariser.h,
// simulated_summariser.h). Explicit, like register_builtin_adapters().
#include "adapters/registry.h"

namespace pb {

void register_local_summarisers(AdapterRegistry& registry);

}  // namespace pb
