#include "formats/trn.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/files.h"
#include "formats/text_input.h"

namespace pb {

using namespace formats_detail;

std::string trn_speaker_of(std::string_view utterance_id) {
  return std::string(utterance_id.substr(0, utterance_id.find_first_of("-_")));
}

std::vector<TrnLine> parse_trn_lines(std::string_view content, const std::string& file_name) {
  require_utf8(content, file_name);
  std::vector<TrnLine> lines;
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
    // A plain loop: find_first_of with a character set searches the set once per byte.
    if (std::any_of(id.begin(), id.end(), [](char c) { return c == ' ' || c == '\t'; })) {
      problems.add(reader.line_number(), "", "the utterance id " + quote_for_message(id) + " contains whitespace");
      continue;
    }
    lines.push_back(TrnLine{trim(line.substr(0, open)), id, reader.line_number()});
  }
  problems.throw_if_any();
  return lines;
}

std::vector<TrnUtterance> parse_trn(std::string_view content, const std::string& file_name) {
  const auto lines = parse_trn_lines(content, file_name);
  std::vector<TrnUtterance> utterances;
  utterances.reserve(lines.size());
  for (const auto& l : lines) {
    utterances.push_back(
        TrnUtterance{std::string(l.text), std::string(l.utterance_id), trn_speaker_of(l.utterance_id), l.line});
  }
  return utterances;
}

std::vector<TrnUtterance> read_trn_file(const std::filesystem::path& path) {
  return parse_trn(read_file(path), path.string());
}

TrnFile read_trn_file_lines(const std::filesystem::path& path) {
  // One read into an uninitialised buffer of the file's size: read_file's stream copies cost more than
  // parsing at this scale.
  const std::string name = path.string();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(Problem{name, 0, "", std::string("cannot open file: ") + std::strerror(errno)});
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    // Not a regular file (a pipe, say): its size is unknown, so take the general reader.
    ::close(fd);
    std::string text = read_file(path);
    TrnFile file;
    file.bytes = std::make_unique_for_overwrite<char[]>(text.size() + 1);
    std::memcpy(file.bytes.get(), text.data(), text.size());
    file.content = std::string_view(file.bytes.get(), text.size());
    file.lines = parse_trn_lines(file.content, name);
    return file;
  }
  const auto capacity = static_cast<std::size_t>(info.st_size);
  TrnFile file;
  file.bytes = std::make_unique_for_overwrite<char[]>(capacity + 1);
  std::size_t size = 0;
  while (size < capacity) {
    const ssize_t n = ::read(fd, file.bytes.get() + size, capacity - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      throw InputError(Problem{name, 0, "", "read error"});
    }
    if (n == 0) break;  // the file shrank while we read it
    size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  file.content = std::string_view(file.bytes.get(), size);
  file.lines = parse_trn_lines(file.content, name);
  return file;
}

}  // namespace pb
