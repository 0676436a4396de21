#pragma once
// Case notes as text: what a caseworker (or a model) writes, and what pilotbench reads back into sections.
//
// A section starts at a line that is a heading: optional Markdown decoration ("#", "##", "**", "__"), then a
// title, then an optional ':' (inside or after the bold markers), and optionally the section's first text on the
// same line ("**Formål:** Første samtale …", "## Aftaler", "Næste skridt: …"). A line counts as a heading only if
// its title is one of the `known_titles` (compared case-insensitively after NFC), so ordinary sentences that
// contain a colon stay text. Text before the first heading becomes a section with an empty title; a note with no
// heading at all is one untitled section. Lines keep their order; blank lines around sections are trimmed.
//
// Note JSON: {"kind": "journalnotat", "sections": [{"title": "Formål", "text": "…"}]}; "kind" is optional.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "harness/dataset.h"

namespace pb {

// Headings pilotbench recognises by default when reading a note (synthetic notes, the example in docs/, common
// variants): a superset of the journalnotat template's sections.
const std::vector<std::string>& default_note_titles();

// The five sections of the default journalnotat, in order: Formål, Borgerens situation, Jobmål, Aftaler,
// Næste skridt. What a model is asked to write unless the scenario names other sections.
const std::vector<std::string>& journalnotat_section_titles();

CaseNote parse_note_text(std::string_view text, const std::vector<std::string>& known_titles);

// "Title:\ntext\n\n" per section (an untitled section is just its text), in order.
std::string note_to_text(const CaseNote& note);

// The sections' text only, joined with newlines: what faithfulness and overlap metrics read.
std::string note_body(const CaseNote& note);

// Parses note JSON; throws InputError naming `source_name`, the JSON path and line for malformed input.
CaseNote parse_note_json(std::string_view json_text, const std::string& source_name);
std::string note_to_json(const CaseNote& note);  // compact, keys in fixed order

// Reads a note file by extension: .json as note JSON, .md/.txt as text. Throws InputError (missing file,
// invalid UTF-8 with line and column, malformed JSON).
CaseNote read_note_file(const std::filesystem::path& path, const std::vector<std::string>& known_titles);

// A note file with the text that overlap metrics read: a .txt file's text exactly as written (so ROUGE equals
// rouge-score's on the same string), otherwise the sections' text (note_body).
struct NoteFileText {
  CaseNote note;
  std::string text;
};
NoteFileText read_note_file_and_text(const std::filesystem::path& path, const std::vector<std::string>& known_titles);

}  // namespace pb
