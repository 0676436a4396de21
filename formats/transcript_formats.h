#pragma once
// Readers and writers for transcript files a solution may hand in: pilotbench transcript JSON, SRT,
// WebVTT and plain text. Every reader reports malformed input as InputError with file:line.
//
// Common to all readers:
//  * Input must be UTF-8; an invalid sequence is an error naming its line and column. A leading byte-order
//    mark is skipped, and "\r\n" line ends are accepted everywhere.
//  * Problems are collected (up to 20) so one run shows what to fix.
//  * An empty file is an empty transcript for SRT and plain text, which have no header; for JSON and WebVTT
//    it is an error, since those formats always start with something ({"segments": []} / "WEBVTT").
//  * Times are seconds from the start of the recording.
//
// Speaker labels in subtitle and text formats are a convention, not part of SRT/WebVTT, so the rule is
// deliberately narrow: a single token without spaces or '.', not only digits, then ':' and whitespace or
// the end of the line ("SB: ...", "spk0: ...", "SPEAKER_00: "). "Kl. 10: vi ses" and "10:30 i morgen" are
// text. A line that starts with a one-word remark such as "Bemærk: ..." is, unavoidably, read as a speaker.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "harness/dataset.h"

namespace pb {

enum class TranscriptFormat { json, srt, webvtt, text };

// "json", "srt", "vtt"/"webvtt", "txt"/"text" → format; nullopt otherwise.
std::optional<TranscriptFormat> transcript_format_from_name(std::string_view name);
// By extension: .json .srt .vtt .txt
std::optional<TranscriptFormat> transcript_format_from_path(const std::filesystem::path& path);
// "json", "srt", "webvtt", "text": the name transcript_format_from_name accepts, for messages and storage.
std::string_view transcript_format_name(TranscriptFormat format);

// pilotbench transcript JSON: {"segments":[{"speaker":"SB","role":"caseworker","start":0.0,"end":2.5,"text":"..."}]}
// Only "text" is required per segment. A bare array of segments is accepted too.
//  * speaker, role: strings; start, end: numbers >= 0 with end >= start. null counts as absent. Other keys
//    (e.g. "words", "confidence" from ASR tools) are ignored.
//  * Problems name the JSON path ("segments[3].start"; "[3].start" for a bare array) and the line of the
//    offending key, or of the segment when the key is missing. Syntax errors give line and column (in
//    characters), the column in Problem::field: "t.json:3: column 7: invalid JSON: ...".
//  * Text is kept exactly as written (no trimming or normalisation).
Transcript parse_transcript_json(std::string_view content, const std::string& file_name);
// SubRip: numbered cues "HH:MM:SS,mmm --> HH:MM:SS,mmm"; a leading "Name:" or "[Name]" in the cue text is the speaker.
//  * '.' is accepted as the millisecond separator; the cue number line is optional; anything after the end
//    time (SRT position coordinates) is ignored. Minutes and seconds must be two digits below 60,
//    milliseconds three digits.
//  * Cue lines are joined with a space and whitespace is collapsed. Markup (<i>, <b>, <font ...>) and
//    {\an8}-style overrides are removed.
//  * Speakers: "Name: ", "[Name]" (may hold spaces), each optionally after a dialogue dash "- ". A later line
//    of the same cue with its own label starts a new segment with the same times (two speakers in one cue).
//  * Cues with no text left are dropped.
Transcript parse_srt(std::string_view content, const std::string& file_name);
// WebVTT: "WEBVTT" header, optional cue identifiers, NOTE/STYLE/REGION blocks skipped, "<v Name>" voice spans give speakers.
//  * Timestamps "MM:SS.mmm" or "HH:MM:SS.mmm"; cue settings after the end time are ignored.
//  * <v Name> / <v.class Name> gives the speaker (a second voice span in a cue starts a new segment with the
//    same times); cues without a voice span use the same "Name: " / "[Name]" labels as SRT. Other tags
//    (<c>, <i>, <b>, <u>, <ruby>, <lang>, <00:00:01.000>) are removed; &amp; &lt; &gt; &quot; &apos;
//    and numeric references are decoded; &nbsp; becomes a plain space (word metrics treat it as a word
//    break) and &lrm; &rlm; are dropped (they only steer display). Unknown references stay as written.
//    Whitespace is collapsed as for SRT.
Transcript parse_webvtt(std::string_view content, const std::string& file_name);
// Plain text: one segment per non-empty line; "SPEAKER: text" gives the speaker when SPEAKER has no spaces.
// Lines are trimmed; inner whitespace is kept. No times.
Transcript parse_plain_text(std::string_view content, const std::string& file_name);
// Dispatches to the reader for `format`.
Transcript parse_transcript(std::string_view content, TranscriptFormat format, const std::string& file_name);

// Reads a file in the given format (or the format its extension names). Invalid UTF-8 is an error naming
// the line. Throws InputError.
Transcript read_transcript_file(const std::filesystem::path& path, std::optional<TranscriptFormat> format = {});

// Canonical JSON (stable key order, no insignificant whitespace differences) for storage and the wire.
// One line: {"segments":[{"speaker":..,"role":..,"start":..,"end":..,"text":..}]} in that key order; empty
// speaker/role and absent times are left out; UTF-8 is written as is (no \u escapes); numbers in the shortest
// form that reads back to the same double. parse_transcript_json reads it back to an equal Transcript.
// Throws std::invalid_argument if a time is not finite or a string is not valid UTF-8.
std::string transcript_to_json(const Transcript& transcript);

}  // namespace pb
