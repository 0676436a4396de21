#pragma once
// NIST sclite "trn" transcripts: one utterance per line, "words ... (utterance_id)".
//
// sclite documents (options.htm, -i rm|swb|spu_id) the generic utterance id as a speaker code followed by a
// hyphen or underscore and an utterance number, e.g. "(cmh_sa01)" or "(spk1-0003)". The speaker is therefore
// the part of the id before the first '-' or '_', whichever comes first; an id with neither is its own
// speaker.
//
// sclite also gives meaning to parts of the text: "{ um / uh / @ }" alternates (with "@" for no word) and
// "(word)" for an optional word. This reader does not interpret them yet: the text is kept verbatim
// (trimmed at both ends only) so that a later sclite-compatible scorer can. Only the final parenthesised
// group on a line is the id, so "I am a (farmer) (cmh_sa03)" has text "I am a (farmer)".
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pb {

struct TrnUtterance {
  std::string text;
  std::string utterance_id;
  std::string speaker;
  int line = 0;  // 1-based line in the file
};

// Lines that are empty or only whitespace are skipped. A line without a trailing "(id)", or with an empty id
// or one holding whitespace, is an error naming file:line. Input must be UTF-8 (a BOM and "\r\n" are fine).
// An empty file gives no utterances. Throws InputError.
std::vector<TrnUtterance> parse_trn(std::string_view content, const std::string& file_name);
std::vector<TrnUtterance> read_trn_file(const std::filesystem::path& path);

// The same parse without copying anything, for large files (sclite-mode scoring of a million words):
// each line is a view into `content`, which must outlive the result. Rules and errors are exactly
// those of parse_trn (which is built on this). There is no speaker field; trn_speaker_of gives it.
struct TrnLine {
  std::string_view text;
  std::string_view utterance_id;
  int line = 0;  // 1-based line in the file
};
std::vector<TrnLine> parse_trn_lines(std::string_view content, const std::string& file_name);

// A whole trn file read once, with views of its lines. Moving it keeps the views valid (the bytes live
// on the heap and never move).
struct TrnFile {
  std::unique_ptr<char[]> bytes;
  std::string_view content;    // the file's bytes
  std::vector<TrnLine> lines;  // views into content
};
// Reads `path` in one go and parses it with parse_trn_lines. Throws InputError (cannot open or read
// the file, or any parse_trn error) naming the path.
TrnFile read_trn_file_lines(const std::filesystem::path& path);

// The speaker part of an utterance id (see above): "cmh_sa01" -> "cmh", "spk1-0003" -> "spk1".
std::string trn_speaker_of(std::string_view utterance_id);

}  // namespace pb
