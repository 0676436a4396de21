#pragma once
// Helpers shared by the line-based transcript readers (SRT, WebVTT, plain text, trn). Internal to formats/.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace pb::formats_detail {

// A byte-order mark is how Windows tools announce UTF-8; it is not part of the text.
std::string_view strip_bom(std::string_view content);

// Throws InputError naming the line and column (in characters) of the first invalid UTF-8 sequence.
void require_utf8(std::string_view content, const std::string& file_name);

// 1-based line and column (in UTF-8 characters, so an editor's cursor position) of a byte offset.
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

// Yields lines without their "\n" or "\r\n" terminator, numbered from 1. A final line without a newline is
// still a line; the empty string after a final newline is not.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool next(std::string_view& line);
  int line_number() const { return line_number_; }  // of the line last returned

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int line_number_ = 0;
};

// A line with its 1-based number in the file.
struct NumberedLine {
  std::string_view text;
  int number = 0;
};

// Subtitle formats (SRT, WebVTT) are blocks of non-blank lines separated by blank lines. Skips blank
// lines, then reads the next block into `block` (cleared first). `line`/`more` carry the reader's
// look-ahead between calls: start with more = reader.next(line). Returns false when no block is left.
bool next_block(LineReader& reader, std::string_view& line, bool& more, std::vector<NumberedLine>& block);

bool is_space(char c);
std::string_view trim(std::string_view text);
// A-Z to a-z; everything else (æøå included) unchanged. For extensions, column names, format names.
std::string lowercase_ascii(std::string_view text);
bool is_blank(std::string_view text);
// Text assembled from pieces (lines, the text between markup tags) with every run of whitespace turned
// into one space and none at either end; subtitle line breaks are layout, not content.
class CollapsedText {
 public:
  void append(std::string_view piece);
  // A word break that does not show in the piece itself, e.g. between two subtitle lines.
  void separate() { pending_space_ = !text_.empty(); }
  bool empty() const { return text_.empty(); }
  std::string take();

 private:
  std::string text_;
  bool pending_space_ = false;
};

// "SPEAKER: text" where SPEAKER is one token: no whitespace, no '.', not only digits (so "Kl. 10: vi ses" and
// "1: punkt" stay text), followed by whitespace or the end of the line.
struct Labelled {
  std::string_view speaker;
  std::string_view rest;
};
std::optional<Labelled> split_token_label(std::string_view line);

// Subtitle speaker labels: an optional dialogue dash ("- "), then "[Name]" (with an optional ':' after the
// bracket; the name may hold spaces) or a token label as above.
std::optional<Labelled> split_subtitle_label(std::string_view line);

// Collects problems and stops (throws) once there are enough that more would only be noise; this also
// bounds the work done on a file that is not in the expected format at all.
class ProblemCollector {
 public:
  static constexpr std::size_t kMaxProblems = 20;
  explicit ProblemCollector(std::string file_name) : file_(std::move(file_name)) {}
  void add(int line, std::string field, std::string message);
  void throw_if_any() const { problems_.throw_if_any(); }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  ProblemList problems_;
};

// "\"text\"" truncated for messages.
std::string quote_for_message(std::string_view text);

}  // namespace pb::formats_detail
