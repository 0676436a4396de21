#include "adapters/recorded_summariser.h"

#include <system_error>
#include <utility>

#include "adapters/adapter_config.h"
#include "formats/note_text.h"

namespace pb {
namespace {

constexpr const char* kExtensions[] = {".json", ".md", ".txt"};

}  // namespace

RecordedSummariser::RecordedSummariser(std::filesystem::path dir, std::vector<std::string> known_titles)
    : dir_(std::move(dir)), known_titles_(std::move(known_titles)) {}

Outcome<CaseNote> RecordedSummariser::summarise(const SummarisationRequest& request) {
  const std::string& id = request.conversation.id;
  if (!is_safe_file_stem(id))
    return Outcome<CaseNote>::failure("conversation id '" + id + "' cannot name a recorded draft file");
  for (const char* extension : kExtensions) {
    const std::filesystem::path path = dir_ / (id + extension);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    try {
      return Outcome<CaseNote>::success(read_note_file(path, known_titles_));
    } catch (const InputError& error) {
      return Outcome<CaseNote>::failure(std::string("malformed recorded draft: ") + error.what());
    }
  }
  return Outcome<CaseNote>::failure("no recorded draft for " + id + ": " + (dir_ / (id + ".json")).string() +
                                    " not found (nor .md, .txt)");
}

SummarisationAdapterPtr make_recorded_summariser(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"dir", "sections"});
  const std::filesystem::path dir = config.existing_folder("dir", "<conversation id>.json|.md|.txt");
  std::vector<std::string> titles = default_note_titles();
  if (const nlohmann::json* sections = config.find("sections")) {
    if (!sections->is_array()) {
      config.problem(config.path("sections"), "expected a list of section titles, got " + describe_json(*sections));
    } else {
      for (std::size_t i = 0; i < sections->size(); ++i) {
        const nlohmann::json& title = (*sections)[i];
        if (!title.is_string() || title.get_ref<const std::string&>().empty()) {
          config.problem(config.path("sections") + "[" + std::to_string(i) + "]",
                         "expected a non-empty section title, got " + describe_json(title));
        } else {
          titles.push_back(title.get<std::string>());
        }
      }
    }
  }
  if (!config.ok()) return nullptr;
  return std::make_unique<RecordedSummariser>(std::move(dir), std::move(titles));
}

}  // namespace pb
