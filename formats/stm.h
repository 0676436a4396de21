#pragma once
// NIST sclite "stm" (segment time mark) reference files, as documented in sctk's infmts.htm:
//
//   ;; LABEL "F" "Female" "Female Talkers"
//   940328 1 A 4.00 18.10 <O,F,00> FROM LOS ANGELES
//   <file> <channel> <speaker> <begin> <end> [<label>] transcript ...
//
//  * Fields are separated by spaces or tabs. Lines whose first non-blank characters are ";;" are comments and
//    blank lines are skipped. A ";;" later in a record is part of the transcript, as sclite reads it.
//  * ";; LABEL "id" "column heading" "description"" (and sclite's ";; CATEGORY ..." variant) define the subsets
//    used for labelled-utterance reports; they are kept in file order. A comment line that starts with
//    "LABEL"/"CATEGORY" followed by a '"' must have exactly three quoted strings; anything else after ";;" is
//    an ordinary comment. Defining the same id twice is an error.
//  * The sixth field is a label list when it is enclosed in angle brackets (sclite's rule, so a transcript that
//    starts with "<sil>" is read as a label too): "<o,f0,male>" -> {"o", "f0", "male"}. Empty positions are kept
//    ("<o,,male>" -> {"o", "", "male"}) because a label's position is its group; "<>" is no labels. Ids with
//    no LABEL line are kept; sclite ignores them in reports.
//  * The transcript is kept verbatim (trimmed at both ends only): sclite's alternates "{ um / uh / @ }" and
//    optionally deletable words "(uh)" are for the sclite-compatible scorer to interpret. A transcript that is
//    exactly IGNORE_TIME_SEGMENT_IN_SCORING (any case) marks an excluded region: `ignore` is set.
//  * Times are seconds >= 0 written as decimal numbers ("12", "4.00", ".5", "1e2"), with end >= begin. An empty
//    transcript is allowed (a stretch with no speech).
//  * sclite requires the file sorted by file and channel (byte order) and then begin time. Because every
//    segment stands alone, an unsorted file is sorted (stably) instead of rejected; `reordered` and `note` say
//    so, so the CLI can tell the user.
//  * Two segments of the same speaker on the same file and channel must not overlap (touching is fine): one
//    speaker cannot say two things at once, and sclite would hand the hypothesis words in the overlap to only
//    one of them. This is an error naming both lines.
//  * Input must be UTF-8 (a BOM and "\r\n" are fine); problems are collected (up to 20) and thrown as
//    InputError "file:line: field: what was expected". An empty file has no segments.
#include <compare>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/dataset.h"

namespace pb {

inline constexpr std::string_view kStmIgnoreSegment = "IGNORE_TIME_SEGMENT_IN_SCORING";

struct StmSegment {
  std::string file;
  std::string channel;
  std::string speaker;
  double begin = 0.0;
  double end = 0.0;
  std::vector<std::string> labels;  // the <...> field split at ','; empty when absent
  std::string text;                 // verbatim, trimmed
  bool ignore = false;              // text is IGNORE_TIME_SEGMENT_IN_SCORING
  int line = 0;                     // 1-based line in the file

  bool operator==(const StmSegment&) const = default;
};

// A ";; LABEL" or ";; CATEGORY" definition.
struct StmLabel {
  std::string id;
  std::string column_heading;
  std::string description;  // verbatim; sclite reads "\\" in it as a line break
  int line = 0;

  bool operator==(const StmLabel&) const = default;
};

struct StmFile {
  std::vector<StmSegment> segments;  // sorted by (file, channel) in byte order, then begin; stable
  std::vector<StmLabel> labels;      // ";; LABEL" lines in file order
  std::vector<StmLabel> categories;  // ";; CATEGORY" lines in file order
  bool reordered = false;            // the file was not in sclite's order and was sorted
  std::string note;  // when reordered: one line for the user naming the file and first line out of order
};

// One recording channel, as STM and CTM files name them.
struct RecordingChannel {
  std::string file;
  std::string channel;

  auto operator<=>(const RecordingChannel&) const = default;
};

// Throws InputError (see above).
StmFile parse_stm(std::string_view content, const std::string& file_name);
StmFile read_stm_file(const std::filesystem::path& path);

// The distinct (file, channel) pairs, in the segments' order.
std::vector<RecordingChannel> stm_recordings(const StmFile& stm);

// The segments of one file and channel as a Transcript, in begin-time order: speaker is the STM speaker, role is
// empty, times are kept and text is verbatim (sclite markup included). Excluded regions (ignore) are left out:
// a Transcript cannot express them, and their text must not be scored as words. An unknown file/channel gives
// an empty transcript.
Transcript stm_to_transcript(const StmFile& stm, std::string_view file, std::string_view channel);

namespace formats_detail {
// Shared by the STM and CTM readers.

// Up to max_fields whitespace-separated fields; when there are more, the last one holds the rest of the line
// verbatim (trimmed), as for the STM transcript.
std::vector<std::string_view> split_fields(std::string_view line, std::size_t max_fields);
// sclite comment: the first non-blank characters are ";;".
bool is_sclite_comment(std::string_view line);
// A decimal number of seconds >= 0 that uses the whole token; nullopt otherwise (also for inf/nan).
std::optional<double> parse_seconds(std::string_view token);
}  // namespace formats_detail

}  // namespace pb
