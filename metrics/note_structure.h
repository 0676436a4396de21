#pragma once
// Does a drafted journalnotat follow the municipality's template? Required sections present and not empty,
// word limits per section and for the whole note, and no CPR numbers in the text unless the template allows
// them. Pure functions over an already parsed CaseNote (formats/note_text.h turns text into sections).
//
// Template JSON (in the scenario file; every key except "sections" is optional):
//   {"sections": [{"title": "Formål"},
//                 {"title": "Jobmål", "aliases": ["Uddannelsesmål", "Mål"], "min_words": 1, "max_words": 400}],
//    "min_words": 20, "max_words": 1500, "allow_cpr": false}
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "harness/dataset.h"

namespace pb {

struct SectionRule {
  std::string title;                 // the name reported when the section is missing
  std::vector<std::string> aliases;  // other headings that satisfy the rule ("Uddannelsesmål", "Mål")
  // Words in the section's text. An unset min_words means "at least one word" (a required section must say
  // something); min_words = 0 explicitly allows an empty section. Unset max_words = no limit.
  std::optional<int> min_words;
  std::optional<int> max_words;

  bool operator==(const SectionRule&) const = default;
};

struct NoteTemplate {
  std::vector<SectionRule> sections;  // required, in the order they are reported
  std::optional<int> min_words;       // whole note: the words of every section's text
  std::optional<int> max_words;
  bool allow_cpr = false;  // a journalnotat is filed on the citizen's case; the CPR number belongs in the header

  bool operator==(const NoteTemplate&) const = default;
};

// The sections of pilotbench's synthetic journalnotater: Formål, Borgerens situation, Jobmål (or Uddannelsesmål or
// Mål), Aftaler, Næste skridt; each must have at least one word; no word limits; CPR not allowed.
NoteTemplate default_journalnotat_template();

struct LengthProblem {
  std::string section;  // the rule's title; empty for the whole note
  int words = 0;
  std::optional<int> min_words;  // the limit that was broken
  std::optional<int> max_words;
  std::string message;  // e.g. "Aftaler: 512 words, expected at most 400"

  bool operator==(const LengthProblem&) const = default;
};

struct StructureResult {
  int sections_required = 0;
  int sections_present = 0;  // rules matched by at least one section heading (empty or not)
  int sections_empty = 0;    // present, but with no words where at least one is required
  std::vector<std::string> missing;     // rule titles with no matching heading, in template order
  std::vector<std::string> empty;       // rule titles whose sections have no words, in template order
  std::vector<std::string> unexpected;  // headings no rule asks for (informational; does not fail the check)
  std::vector<LengthProblem> length_problems;
  int total_words = 0;
  int cpr_found = 0;                      // CPR-like numbers in headings and text
  std::vector<std::string> cpr_sections;  // headings of the sections holding them (never the digits)
  bool passes = false;  // nothing missing or empty, no length problem, no CPR unless allowed

  bool operator==(const StructureResult&) const = default;
};

// Headings are matched to rules after trimming white space and a trailing ':' and case folding (NFC), so
// "jobmål:" satisfies "Jobmål". Several headings matching one rule are counted together. Words are the tokens of
// the `basic` normaliser (text_normalize.h): bullets and punctuation are not words.
StructureResult check_note_structure(const CaseNote& note, const NoteTemplate& note_template);

// Reads a template from JSON. `path` is the JSON path of `value` in its file (e.g. "metrics.note_structure") and
// prefixes the field of every problem; problems carry `file` and line 0 (use attach_lines from core/json_text.h to
// add lines). Returns what could be read; the caller decides what to do when problems were added.
NoteTemplate parse_note_template(const nlohmann::json& value, const std::string& file, const std::string& path,
                                 ProblemList& problems);

// The template as JSON in the format parse_note_template reads (unset limits left out).
nlohmann::json note_template_to_json(const NoteTemplate& note_template);

}  // namespace pb
