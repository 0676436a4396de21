#pragma once
// Registration of the summarisers and judge that call systems outside pilotbench: a vendor's program
// ("command", adapters/command_summariser.h) and OpenAI-compatible chat servers ("openai-http",
// adapters/openai_summariser.h and adapters/openai_judge.h).
#include "adapters/registry.h"

namespace pb {

// Summarisation kinds "command" and "openai-http"; judge kind "openai-http".
void register_remote_summarisation_adapters(AdapterRegistry& registry);

}  // namespace pb
