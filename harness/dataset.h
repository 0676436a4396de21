#pragma once
// The conversation dataset model: what one recorded or synthetic job-centre conversation holds.
// On disk a dataset is a folder with manifest.jsonl, one Conversation per line (docs/dataset-format.md).
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pb {

// Speaker roles the metrics break down by.
inline constexpr const char* kRoleCaseworker = "caseworker";
inline constexpr const char* kRoleCitizen = "citizen";
inline constexpr const char* kRoleInterpreter = "interpreter";
inline constexpr const char* kRoleRelative = "relative";

// One speaker turn. Times are seconds from the start of the recording; absent when untimed.
struct Segment {
  std::string speaker;  // label as used in the source, e.g. "SB", "B", "spk0"
  std::string role;     // one of the kRole* values; may be empty in hypotheses
  std::optional<double> start;
  std::optional<double> end;
  std::string text;

  bool operator==(const Segment&) const = default;
};

// A speaker-labelled transcript: a reference (Conversation::segments) or a solution's output. In hypotheses
// speaker labels may be arbitrary ("spk0", "SPEAKER_00") and roles and times may be missing.
struct Transcript {
  std::vector<Segment> segments;
  bool operator==(const Transcript&) const = default;
};

struct NoteSection {
  std::string title;  // e.g. "Formål", "Borgerens situation", "Jobmål", "Aftaler", "Næste skridt"
  std::string text;

  bool operator==(const NoteSection&) const = default;
};

// Minutes (referat) or a case note (journalnotat): the reference a caseworker would file, or a solution's draft.
struct CaseNote {
  std::string kind = "journalnotat";  // "journalnotat" or "referat"
  std::vector<NoteSection> sections;

  bool operator==(const CaseNote&) const = default;
};

// A fact that must survive transcription and summarisation.
// type: date, time, amount, number, duration, job_title, obligation, agreement, intervention, name, place,
//       organisation, next_meeting, health
struct KeyFact {
  std::string type;
  std::string value;  // canonical value: dates "MM-DD" or "YYYY-MM-DD", times "HH:MM", amounts as plain numbers
  std::string text;   // the words in the reference transcript that express it
  std::string label;  // what the fact is about, e.g. "næste samtale", "ledig fra"

  bool operator==(const KeyFact&) const = default;
};

// Documentation effort around the conversation, in minutes.
struct TimingRecord {
  double conversation_minutes = 0.0;
  std::optional<double> documentation_minutes_manual;    // baseline: writing the note by hand
  std::optional<double> documentation_minutes_assisted;  // review and edit of an AI draft
  std::optional<bool> ai_used;
  std::optional<double> after_hours_minutes;
  std::string period;  // "baseline" or "assisted"; empty if unknown

  bool operator==(const TimingRecord&) const = default;
};

struct Conversation {
  std::string id;
  std::optional<std::string> audio;  // path relative to the dataset folder
  std::string language = "da";
  std::string target_group;  // dagpengemodtagere, jobparate, aktivitetsparate, sygemeldte, uddannelsesparate,
                             // ressourceforløb, integration
  std::map<std::string, std::string> attributes;  // age_band, gender, danish (first-language/second-language), ...
  std::string meeting_type;  // e.g. "første samtale", "14-dagessamtale", "opfølgning sygemelding"
  std::vector<Segment> segments;  // the reference transcript
  CaseNote reference_note;
  std::vector<KeyFact> key_facts;
  TimingRecord timing;

  bool operator==(const Conversation&) const = default;
};

struct Dataset {
  std::string root;  // folder holding manifest.jsonl
  std::string hash;  // SHA-256 of manifest.jsonl, stored with every run
  std::vector<Conversation> conversations;
};

}  // namespace pb
