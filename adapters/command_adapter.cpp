#include "adapters/command_adapter.h"

#include "adapters/adapter_config.h"
#include "adapters/wire_protocol.h"

namespace pb {
namespace {

// A response line longer than this is treated as a broken program rather than buffered without bound.
constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

}  // namespace

Outcome<std::unique_ptr<CommandTranscriptionAdapter>> CommandTranscriptionAdapter::start(
    CommandAdapterOptions options) {
  using Result = Outcome<std::unique_ptr<CommandTranscriptionAdapter>>;
  auto programs = CommandPrograms::start(std::move(options), {kTranscriptionCapability, "r-", kMaxLineBytes});
  if (!programs.ok()) return Result::failure(programs.error());
  return Result::success(
      std::unique_ptr<CommandTranscriptionAdapter>(new CommandTranscriptionAdapter(std::move(programs).value())));
}

ComponentId CommandTranscriptionAdapter::id() const {
  return {"command:" + handshake().name + "@" + handshake().version, "1"};
}

Outcome<Transcript> CommandTranscriptionAdapter::transcribe(const TranscriptionRequest& request) {
  const bool send_reference = programs_->options().send_reference;
  return programs_->request(
      [&](const std::string& id) { return encode_request(make_wire_request(id, request, send_reference)); },
      parse_response);
}

TranscriptionAdapterPtr make_command_adapter(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"argv", "env", "memory_limit_mb", "startup_timeout_s", "send_reference", "processes"});
  CommandAdapterOptions options = read_command_options(config, R"(["./my-adapter", "--model", "x"])");
  options.send_reference = config.boolean("send_reference", false);
  if (!config.ok()) return nullptr;

  auto started = CommandTranscriptionAdapter::start(std::move(options));
  if (!started.ok()) {
    config.problem(config.path("argv"), "the adapter program did not start: " + started.error());
    return nullptr;
  }
  return std::move(started).value();
}

}  // namespace pb
