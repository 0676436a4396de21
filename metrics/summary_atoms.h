#pragma once
// The checkable atoms of a drafted case note (journalnotat/referat): dates, clock times, amounts, numbers,
// CPR-like strings, names, places, organisations, job titles and interventions, each with a canonical
// value that can be compared with the same kind of value read from a spoken-Danish transcript.
// Pure functions, no state. faithfulness.h checks the atoms against a source; key_fact_match.h uses the
// canonicalisers below to compare dataset key facts (harness/dataset.h KeyFact.value) with a note.
//
// Canonical forms (the same as KeyFact.value in harness/dataset.h):
//   date    "MM-DD", or "YYYY-MM-DD" when a year is written            ("14. januar" → "01-14")
//   time    "HH:MM", 24-hour digits exactly as read: a spoken 12-hour reading stays in its hour
//           ("halv tre" → "02:30"); compare times with same_clock_time, which accepts 12 hours apart
//   number  digits without separators, '.' as decimal point, no trailing decimal zeros
//           ("2.500,50" → "2500.5", "halvanden" → "1.5", "tre" → "3")
//   amount  the number of kroner in the number form ("to tusind fem hundrede kroner" → "2500")
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pb {

// The date a phrase states, or nullopt when the phrase is not exactly one date (leading "den"/"d." and
// a weekday are allowed). Reads "14. januar", "den fjortende januar", "14 januar 2027", "14/1",
// "14/1-2027", "14.01.2027", "14-01-2027" and ISO "2027-01-14". Day 1–31, month 1–12.
std::optional<std::string> canonical_date(std::string_view phrase);

// The clock time a phrase states ("kl. 10", "klokken ti", "10.00", "10:30", "halv tre", "kvart over
// ni", "kvart i elleve", "klokken fjorten tredive"), or nullopt. A bare number ("10") is not a time.
std::optional<std::string> canonical_time(std::string_view phrase);

// True when two canonical times ("HH:MM") are equal or exactly 12 hours apart: spoken Danish names the
// hour on a 12-hour dial ("halv tre" is 14:30 in the afternoon), notes write 24-hour digits.
bool same_clock_time(std::string_view a, std::string_view b);

// The number a phrase states ("tre", "3", "2.500", "2.500,50", "to tusind fem hundrede", "halvanden",
// "ti komma fem"), or nullopt. A unit word after the number is allowed ("tre uger", "4.500 kr."), but
// the phrase must start with the number.
std::optional<std::string> canonical_number(std::string_view phrase);

// The amount in kroner a phrase states: a number followed by kr./kr/krone/kroner/DKK, or preceded by
// "DKK"/"kr." ("DKK 2.500"). nullopt when no currency word is present.
std::optional<std::string> canonical_amount(std::string_view phrase);

// Atom types, stable identifiers used in stored counts and reports.
inline constexpr std::string_view kAtomDate = "date";
inline constexpr std::string_view kAtomTime = "time";
inline constexpr std::string_view kAtomAmount = "amount";
inline constexpr std::string_view kAtomNumber = "number";
inline constexpr std::string_view kAtomCpr = "cpr";
inline constexpr std::string_view kAtomName = "name";                  // a person (first-name gazetteer)
inline constexpr std::string_view kAtomPlace = "place";                // town or municipality gazetteer
inline constexpr std::string_view kAtomOrganisation = "organisation";  // gazetteer or firm-word suffix
inline constexpr std::string_view kAtomJobTitle = "job_title";
inline constexpr std::string_view kAtomIntervention = "intervention";
inline constexpr std::string_view kAtomProperNoun = "proper_noun";     // capitalised mid-sentence, not in a list

// A word of a text with where it stands, for callers that need offsets (the da normaliser gives none).
// Words are runs of letters, marks and digits; '.', ':', ',' (between digits only for ',' and ':'), '/',
// '-' and apostrophes between two such characters stay inside a word ("14.30", "e-Boks", "3F's",
// "A/S", "2.500,50"). A written time range "9.00-14.30" is two words. Invalid UTF-8 bytes separate words.
struct TextToken {
  std::string text;            // as written
  std::string folded;          // casefold(text)
  std::size_t offset = 0;      // byte offset in the text
  std::size_t length = 0;      // byte length
  bool capitalised = false;    // first character upper- or title-case
  bool sentence_start = false; // first word, or after . ! ? (not after an abbreviation or a day "14."
                               // unless a capital follows), after a line break or a bullet
  bool clause_start = false;   // sentence_start, or after , ; : – — ( ) or a quote
  bool capital_is_initial = false;  // sentence_start or after ':' or a quote: a capital proves nothing
};
std::vector<TextToken> tokenize_with_offsets(std::string_view text);

struct Atom {
  std::string type;       // one of the kAtom* names
  std::string text;       // the words as written in the draft (CPR digits masked: "XXXXXX-XXXX")
  std::string canonical;  // the comparable value (see above); for text atoms the case-folded words;
                          // for cpr always "XXXXXX-XXXX" — the digits never leave this module
  std::size_t offset = 0; // byte offset of the atom in the draft
  std::size_t length = 0; // byte length of the atom in the draft

  bool operator==(const Atom&) const = default;
};

// Every atom of a text, in order of offset; atoms never overlap (a date's day is not also a number,
// an amount's number is not also a number). Never throws on odd input; invalid UTF-8 bytes are read
// as U+FFFD (they split words) — cleaning the text is the caller's job.
std::vector<Atom> extract_atoms(std::string_view text);

// The 10 digits of the CPR atom at `atom` in `text` (the source it was extracted from), for comparing a
// draft's CPR numbers with the source's inside metrics. Never print or store the result.
std::string cpr_digits(std::string_view text, const Atom& atom);

}  // namespace pb
