#include "adapters/summarisation_registry.h"

#include "adapters/extractive_summariser.h"
#include "adapters/lead_summariser.h"
#include "adapters/recorded_summariser.h"
#include "adapters/simulated_summariser.h"

namespace pb {

void register_local_summarisers(AdapterRegistry& registry) {
  registry.add_summarisation("lead", make_lead_summariser);
  registry.add_summarisation("extractive", make_extractive_summariser);
  registry.add_summarisation("recorded", make_recorded_summariser);
  registry.add_summarisation("simulated", make_simulated_summariser);
}

}  // namespace pb
