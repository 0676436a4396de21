#include "formats/text_input.h"

#include <utility>

#include <fmt/format.h>

#include "core/utf8.h"

namespace pb::formats_detail {

std::string_view strip_bom(std::string_view content) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (content.substr(0, kBom.size()) == kBom) content.remove_prefix(kBom.size());
  return content;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  TextPosition position;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++position.line;
      line_start = i + 1;
    }
  }
  // Count characters, not bytes: continuation bytes (10xxxxxx) do not start a character.
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++position.column;
  }
  return position;
}

std::string lowercase_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void require_utf8(std::string_view content, const std::string& file_name) {
  const auto bad = find_invalid_utf8(content);
  if (!bad) return;
  const auto position = position_of(content, *bad);
  throw InputError(Problem{file_name, position.line, "",
                           fmt::format("invalid UTF-8 (byte 0x{:02X} at column {}); the file must be saved as UTF-8",
                                       static_cast<unsigned char>(content[*bad]), position.column)});
}

bool LineReader::next(std::string_view& line) {
  if (pos_ >= text_.size()) return false;
  const auto newline = text_.find('\n', pos_);
  const auto end = newline == std::string_view::npos ? text_.size() : newline;
  line = text_.substr(pos_, end - pos_);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos_ = newline == std::string_view::npos ? text_.size() : newline + 1;
  ++line_number_;
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool next_block(LineReader& reader, std::string_view& line, bool& more, std::vector<NumberedLine>& block) {
  while (more && is_blank(line)) more = reader.next(line);
  if (!more) return false;
  block.clear();
  while (more && !is_blank(line)) {
    block.push_back({line, reader.line_number()});
    more = reader.next(line);
  }
  return true;
}

bool is_blank(std::string_view text) { return trim(text).empty(); }

void CollapsedText::append(std::string_view piece) {
  for (char c : piece) {
    if (is_space(c)) {
      pending_space_ = !text_.empty();
      continue;
    }
    if (pending_space_) text_ += ' ';
    pending_space_ = false;
    text_ += c;
  }
}

std::string CollapsedText::take() {
  pending_space_ = false;
  return std::exchange(text_, {});
}

std::optional<Labelled> split_token_label(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  const auto token = line.substr(0, colon);
  bool all_digits = true;
  for (char c : token) {
    if (is_space(c) || c == '.') return std::nullopt;
    if (c < '0' || c > '9') all_digits = false;
  }
  if (all_digits) return std::nullopt;
  const auto rest = line.substr(colon + 1);
  if (!rest.empty() && !is_space(rest.front())) return std::nullopt;
  return Labelled{token, trim(rest)};
}

std::optional<Labelled> split_subtitle_label(std::string_view line) {
  line = trim(line);
  if (!line.empty() && line.front() == '-') line = trim(line.substr(1));
  if (!line.empty() && line.front() == '[') {
    const auto close = line.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const auto name = trim(line.substr(1, close - 1));
    if (name.empty()) return std::nullopt;
    auto rest = line.substr(close + 1);
    if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
    return Labelled{name, trim(rest)};
  }
  return split_token_label(line);
}

void ProblemCollector::add(int line, std::string field, std::string message) {
  problems_.add(file_, line, std::move(field), std::move(message));
  if (problems_.size() >= kMaxProblems) {
    problems_.add(file_, 0, "", fmt::format("stopped after {} problems", kMaxProblems));
    problems_.throw_if_any();
  }
}

std::string quote_for_message(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string out = "\"";
  if (text.size() <= kMax) {
    out += text;
  } else {
    // Cut on a character boundary so the message stays valid UTF-8.
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out += text.substr(0, cut);
    out += "...";
  }
  out += '"';
  return out;
}

}  // namespace pb::formats_detail
