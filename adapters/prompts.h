#pragma once
// Versioned prompt templates for the LLM-backed summariser and judge.
//
// A template is text with {{name}} placeholders. Built-in templates are compiled in and named by a version
// ("journalnotat-v1", "pdqi9-da-v1"); their text never changes under the same name — a changed prompt gets a
// new name, because the version is part of the component identity stored with a run and of the judge's cache
// key. A user's template file is versioned by its content: "file:" + the first 12 hex digits of its SHA-256.
//
// Placeholders: summariser {{transcript}} {{sections}} {{meeting_type}}; judge {{transcript}} {{draft}}
// {{criteria}}. All functions are pure and thread-safe except load_prompt_file (reads a file).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/adapter_config.h"
#include "harness/dataset.h"

namespace pb {

inline constexpr std::string_view kJournalnotatPromptV1 = "journalnotat-v1";
inline constexpr std::string_view kJudgePromptPdqi9DaV1 = "pdqi9-da-v1";

struct PromptTemplate {
  std::string version;  // "journalnotat-v1" or "file:<12 hex>"
  std::string text;     // with {{placeholders}}
  bool operator==(const PromptTemplate&) const = default;
};

// The built-in summariser template or judge template of that version; nullopt if unknown.
std::optional<PromptTemplate> builtin_summary_prompt(std::string_view version);
std::optional<PromptTemplate> builtin_judge_prompt(std::string_view version);
std::vector<std::string> builtin_summary_prompt_versions();  // sorted
std::vector<std::string> builtin_judge_prompt_versions();    // sorted

// Reads a UTF-8 template file. Throws InputError naming the file (missing, unreadable, invalid UTF-8, empty).
PromptTemplate load_prompt_file(const std::filesystem::path& path);

// Reads the template an adapter config chooses: "prompt" (a built-in version; `default_version` when absent)
// or "prompt_file" (a file relative to the scenario's folder; not both). Problems go into `config`: an unknown
// version (listing the known ones), an unreadable file, a template lacking one of `required` placeholders or
// using one not in `allowed`. nullopt when there was a problem.
std::optional<PromptTemplate> read_prompt_config(AdapterConfigReader& config, bool judge, std::string_view default_version,
                                                 const std::vector<std::string>& required,
                                                 const std::vector<std::string>& allowed);

// Reads "sections": a non-empty list of distinct one-line titles; when absent, journalnotat_section_titles() (the
// five default journalnotat sections). Problems go into `config`.
std::vector<std::string> read_section_titles(AdapterConfigReader& config);

// The headings recognised when reading a draft back: `sections` then the other default_note_titles(), so a
// draft using a standard heading that was not asked for still splits there.
std::vector<std::string> recognised_titles(const std::vector<std::string>& sections);

// The distinct placeholder names used in `text`, in order of first use ("{{ name }}" allows spaces inside).
std::vector<std::string> prompt_placeholders(std::string_view text);

// Replaces every {{name}} whose name is in `values`; other placeholders are left as written. Values are
// inserted verbatim (a value containing "{{x}}" is not expanded again).
std::string render_prompt(std::string_view text, const std::map<std::string, std::string>& values);

// The transcript as the model reads it: one line per segment, "SB (sagsbehandler): text". The role is shown
// in Danish when known; a segment without a speaker label is shown as "Ukendt". Line breaks inside a segment's
// text become spaces so each turn stays one line.
std::string transcript_for_prompt(const Transcript& transcript);

// "- Formål\n- Borgerens situation\n…": the section list as the prompt shows it.
std::string sections_for_prompt(const std::vector<std::string>& sections);

// One criterion of the judge's rubric (adapted from PDQI-9): its JSON key and what the judge is told it means.
struct RubricCriterion {
  std::string_view name;         // "accurate", …
  std::string_view description;  // Danish, one line
};

// The nine criteria of rubric pdqi9-da-v1, in the order they are reported. Part of that version: changing
// a description means a new rubric version.
const std::vector<RubricCriterion>& pdqi9_da_criteria();

// "- accurate: …\n- thorough: …": the criteria as the judge prompt shows them ({{criteria}}).
std::string criteria_for_prompt(const std::vector<RubricCriterion>& criteria);

}  // namespace pb
