#include "adapters/remote_summarisation_registry.h"

#include "adapters/command_summariser.h"
#include "adapters/openai_judge.h"
#include "adapters/openai_summariser.h"

namespace pb {

void register_remote_summarisation_adapters(AdapterRegistry& registry) {
  registry.add_summarisation("command", make_command_summariser);
  registry.add_summarisation("openai-http", make_openai_summariser);
  registry.add_judge("openai-http", make_openai_judge);
}

}  // namespace pb
