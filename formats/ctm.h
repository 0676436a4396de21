#pragma once
// NIST sclite "ctm" (time-marked conversation) files, as documented in sctk's infmts.htm, one word per line:
//
//   7654 A 11.34 0.2 YES -6.763
//   <file> <channel> <begin> <duration> <word> [<confidence> [<type> [<speaker>]]]
//
//  * Fields are separated by spaces or tabs. Lines whose first non-blank characters are ";;" are comments and
//    blank lines are skipped.
//  * begin and duration are seconds >= 0 written as decimal numbers.
//  * confidence is any finite number, or "NA"/"<NA>" for none. It is not checked against [0, 1]: sclite's own
//    example uses log scores (-6.763, 2.806418), so a range check would reject valid files. pilotbench does not
//    score with it.
//  * The optional 7th and 8th fields (word type such as "lex"/"fp" and speaker) are the extension sctk's
//    ctmValidator accepts (NIST RT evaluations); they are kept as written. More than 8 fields is an error.
//  * Reference alternations: "<ALT_BEGIN>", "<ALT>", "<ALT_END>" are words with "*" as begin and duration;
//    between ALT_BEGIN and ALT_END there are at least two alternatives separated by ALT (an empty one means
//    "no word"). They must be balanced within one file and channel and may not nest. Only these tags may
//    use "*" times.
//  * sclite requires the file sorted by file and channel (byte order) and then begin time, and system output
//    is often not. An unsorted file is sorted stably by that key, never scored in file order: an alternation
//    block moves as one unit keyed by its earliest timed word (a block with no timed word keeps its place
//    after the unit before it). `reordered` and `note` say that this happened so the CLI can tell the user.
//  * Input must be UTF-8 (a BOM and "\r\n" are fine); problems are collected (up to 20) and thrown as
//    InputError "file:line: field: what was expected". An empty file has no words.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/stm.h"  // RecordingChannel
#include "harness/dataset.h"

namespace pb {

inline constexpr std::string_view kCtmAltBegin = "<ALT_BEGIN>";
inline constexpr std::string_view kCtmAlt = "<ALT>";
inline constexpr std::string_view kCtmAltEnd = "<ALT_END>";

struct CtmRecord {
  std::string file;
  std::string channel;
  std::optional<double> begin;     // absent ("*") only for the alternation tags
  std::optional<double> duration;  // absent ("*") only for the alternation tags
  std::string word;
  std::optional<double> confidence;
  std::string type;     // 7th field; empty when absent
  std::string speaker;  // 8th field; empty when absent
  int line = 0;         // 1-based line in the file

  bool operator==(const CtmRecord&) const = default;
};

struct CtmFile {
  std::vector<CtmRecord> records;  // in sclite order (see above)
  bool reordered = false;          // the file was not in sclite's order and was sorted
  std::string note;                // when reordered: one line for the user naming the file and first line out of order
};

// Throws InputError (see above).
CtmFile parse_ctm(std::string_view content, const std::string& file_name);
CtmFile read_ctm_file(const std::filesystem::path& path);

// The distinct (file, channel) pairs, in the records' order.
std::vector<RecordingChannel> ctm_recordings(const CtmFile& ctm);

// Words are grouped into segments so a Transcript stays readable: a new segment starts when the speaker (8th
// field) changes or when the pause between a word's begin and the previous word's end is longer than
// max_gap_seconds. A negative max_gap_seconds gives one segment per word. Segment text is the words joined by
// single spaces; an alternation block becomes sclite's inline form "{ UM / UH / @ }" ("@" for an empty
// alternative) inside one segment, so the sclite-compatible scorer sees the same markup as in STM and trn.
// start is the first timed word's begin, end the latest begin + duration. Word metrics concatenate segments,
// so the grouping does not change WER. An unknown file/channel gives an empty transcript.
inline constexpr double kCtmSegmentGapSeconds = 1.0;
Transcript ctm_to_transcript(const CtmFile& ctm, std::string_view file, std::string_view channel,
                             double max_gap_seconds = kCtmSegmentGapSeconds);

}  // namespace pb
