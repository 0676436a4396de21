#include "formats/trn.h"

#include "core/files.h"
#include "formats/text_input.h"

namespace pb {

using namespace formats_detail;

std::string trn_speaker_of(std::string_view utterance_id) {
  return std::string(utterance_id.substr(0, utterance_id.find_first_of("-_")));
}

std::vector<TrnUtterance> parse_trn(std::string_view content, const std::string& file_name) {
  require_utf8(content, file_name);
  std::vector<TrnUtterance> utterances;
  ProblemCollector problems(file_name);
  LineReader reader(strip_bom(content));
  std::string_view line;
  while (reader.next(line)) {
    line = trim(line);
    if (line.empty()) continue;
    const auto open = line.rfind('(');
    if (line.back() != ')' || open == std::string_view::npos) {
      problems.add(reader.line_number(), "",
                   "expected the utterance id in parentheses at the end of the line, e.g. \"tekst (spk1-utt1)\"");
      continue;
    }
    const auto id = line.substr(open + 1, line.size() - open - 2);
    if (trim(id).empty()) {
      problems.add(reader.line_number(), "", "the utterance id in the final parentheses is empty");
      continue;
    }
    if (id.find_first_of(" \t") != std::string_view::npos) {
      problems.add(reader.line_number(), "", "the utterance id " + quote_for_message(id) + " contains whitespace");
      continue;
    }
    TrnUtterance utterance;
    utterance.text = std::string(trim(line.substr(0, open)));
    utterance.utterance_id = std::string(id);
    utterance.speaker = trn_speaker_of(id);
    utterance.line = reader.line_number();
    utterances.push_back(std::move(utterance));
  }
  problems.throw_if_any();
  return utterances;
}

std::vector<TrnUtterance> read_trn_file(const std::filesystem::path& path) {
  return parse_trn(read_file(path), path.string());
}

}  // namespace pb
