#pragma once
// SegLST ("segment-wise long-form speech transcription", the JSON format of the meeteval toolkit and the CHiME
// challenges): a JSON array of segment objects,
//
//   [{"session_id": "møde1", "speaker": "SB", "start_time": 0.5, "end_time": 2.25, "words": "hej med dig"}, ...]
//
//  * session_id (string or integer) and words (string) are required in every segment; meeteval itself rejects
//    a file whose segments lack session_id.
//  * speaker: string or integer (meeteval writes integers for anonymous speakers; they become "0", "1", ...).
//    Optional, since plain WER does not need it.
//  * start_time, end_time: seconds >= 0 as a JSON number or a numeric string (CHiME-7 writes "11.370"),
//    end_time >= start_time. Optional.
//  * null counts as absent. Every other key (segment_index, channel, confidence, ...) is kept in `extra` as its
//    compact JSON text.
//  * Problems name the JSON path ("[3].start_time") and the line of the offending key, or of the segment when
//    the key is missing; syntax errors give line and column (in characters). Same style as transcript JSON.
//  * An empty file is an error (a JSON document always has something; "[]" is no segments). Input must be UTF-8;
//    a BOM and "\r\n" are fine. Throws InputError with up to 20 problems.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/dataset.h"

namespace pb {

struct SeglstSegment {
  std::string session_id;
  std::string speaker;  // empty when absent
  std::optional<double> start_time;
  std::optional<double> end_time;
  std::string words;                         // verbatim
  std::map<std::string, std::string> extra;  // other keys -> compact JSON text of the value
  int index = 0;                             // position in the file's array

  bool operator==(const SeglstSegment&) const = default;
};

struct SeglstSession {
  std::string session_id;
  std::vector<SeglstSegment> segments;  // in file order

  bool operator==(const SeglstSession&) const = default;
};

// Sessions in the order their first segment appears. Throws InputError (see above).
std::vector<SeglstSession> parse_seglst(std::string_view content, const std::string& file_name);
std::vector<SeglstSession> read_seglst_file(const std::filesystem::path& path);

// One session as a Transcript: speaker, times and words (as text) per segment, role empty. Segments are put in
// start_time order (stably) when every segment has a start_time, because SegLST files are often grouped by
// speaker and word metrics read a transcript in order; otherwise file order is kept.
Transcript seglst_to_transcript(const SeglstSession& session);

}  // namespace pb
