#pragma once
// The pattern list that finds fact-bearing tokens ("key terms") in a normalised Danish word sequence:
// numbers, dates, clock times, amounts, durations, CPR-like identifiers, negations, names, places, job
// titles and interventions. metrics/key_terms.h applies it to both the reference and the hypothesis.
//
// Input words are the output of normalize_to_words() (text_normalize.h): case-folded, punctuation
// removed except "-", "'" between letters and "." / "," between digits. The patterns accept both the
// `basic` output ("fjortende", "14", "4.500", "10.30") and digit-canonicalised forms a Danish
// normaliser may produce ("14.", "10:30", "14/3", "2026-03-14", "120385-1234").
//
// Rules, applied left to right; a word belongs to at most one term, and the first rule that matches at
// a position wins:
//   cpr        a token DDMMYY-SSSS or DDMMYYSSSS with a plausible date (core/cpr.h looks_like_cpr), or two
//              tokens DDMMYY SSSS that together pass the same check.
//   time       after "kl"/"klokken": "halv H", "kvart over|i H", "H.MM", "H:MM", "H MM" (basic splits
//              "10:30"), a digit hour 0–24 or an hour word ("ti", "et"); "kl"/"klokken" is not part of
//              the term (so "kl. 10" against "klokken 10" is not a miss).
//              Without "kl": "halv H" and "kvart over|i H" with an hour 1–12, and any "H:MM" token.
//   date       day (ordinal word, digit 1–31 or "14.") + month name, plus a following year 1900–2099;
//              a month name alone ("i marts");
//              "den" + ordinal word (not første/anden/andet) or digit 1–31 ("den fjortende", "den 14");
//              date-shaped tokens ("14/3", "14.3.2026", "2026-03-14"); a weekday name alone.
//   amount     a number run followed by a currency word (kroner, krone, kr, dkk, øre); the currency word
//              is in the term's span but not in its core (the words that must be right), so "4.500 kr."
//              against "4.500 kroner" is not a miss.
//   duration   a number run followed by a time unit (år, måned(er), uge(r), dag(e), time(r), minut(ter));
//              the unit is in the core ("tre år" → "tre uger" is a miss). "en"/"et" + singular unit
//              ("en time", "et år") is a duration too.
//   number     any other number run: tokens containing a digit (incl. "du3", "3f"); cardinal words
//              ("to", "syvogtredive", "halvtreds", "hundrede", "tusind", "halvanden"); ordinal words other
//              than første/anden/andet ("tredje"). "en"/"et" join a run only before hundrede, tusind,
//              million, milliard ("et hundrede"), so "en samtale" is no number; "og" joins only after
//              hundrede/tusind ("hundrede og fireogtredive"). Two digit tokens in a row are two terms.
//   negation   ikke, ikk (spoken "ikk'"), aldrig, ingen, intet, ingenting, hverken. The tag "ik'" is left
//              out: it asks for agreement rather than negating.
//   intervention  words starting with a stem from a built-in list (virksomhedspraktik, løntilskud, mentor,
//              jobafklaring, ressourceforløb, arbejdsprøvning, uddannelsespålæg, fleksjob, …).
//   job_title  words equal to a built-in title plus an inflection ending (-en, -e, -er, -ere, -erne, -ne).
//   place      words in a built-in gazetteer of Danish towns and common countries, or in the caller's
//              extra places (e.g. the words of the dataset's place facts).
//   name       words in the caller's name lexicon (see capitalised_names()); consecutive name words form one
//              term ("karen holm").
//
// Terms have a span [begin, end) and a core [core_begin, core_end) inside it; key_terms.h counts a term
// correct when its core words are recognised.
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/text_normalize.h"

namespace pb {

// Bump when a rule or a built-in list changes what is found: key-term counts from two versions differ.
inline constexpr const char* kKeyTermPatternsVersion = "1";

namespace key_term_type {
inline constexpr const char* kNumber = "number";
inline constexpr const char* kDate = "date";
inline constexpr const char* kTime = "time";
inline constexpr const char* kAmount = "amount";
inline constexpr const char* kDuration = "duration";
inline constexpr const char* kCpr = "cpr";
inline constexpr const char* kNegation = "negation";
inline constexpr const char* kName = "name";
inline constexpr const char* kPlace = "place";
inline constexpr const char* kJobTitle = "job_title";
inline constexpr const char* kIntervention = "intervention";
}  // namespace key_term_type

struct TermSpan {
  std::string type;  // one of key_term_type::k*, or a dataset fact type for fact terms
  std::int32_t begin = 0, end = 0;            // word indices, end exclusive
  std::int32_t core_begin = 0, core_end = 0;  // begin <= core_begin < core_end <= end

  bool operator==(const TermSpan&) const = default;
};

// Words the built-in lists cannot know: names and places of this conversation. All entries are
// normalised words (case-folded), compared byte for byte.
struct PatternLexicon {
  std::set<std::string, std::less<>> names;
  std::set<std::string, std::less<>> places;
};

// The terms of `words`, ordered by position, non-overlapping. Pure; O(words).
std::vector<TermSpan> find_pattern_terms(std::span<const std::string> words, const PatternLexicon& lexicon);

// Names in un-normalised text. Danish capitalises proper nouns but not common nouns, so a word that is
// capitalised somewhere other than at a sentence start is taken for a name — unless it also occurs in
// lower case anywhere in the same text (then the capital was a sentence start the punctuation did not
// show, e.g. after "…"), is an acronym (second letter upper case: "CV", "IGU", "CPR-nummer"), or is one of
// a few capitalised non-names ("I", "De", "Dem", "Deres", "Jobnet", "MitID", "NemID", "e-Boks").
// A sentence starts at the start of each segment and after a word ending in ".", "!", "?", ":" or "…".
// Returned words are normalised with `normalizer` (a capitalised token may yield several words, all added).
std::set<std::string, std::less<>> capitalised_names(std::span<const std::string> raw_segments,
                                                     const NormalizerChoice& normalizer);

// Value of a Danish cardinal number word ("to" → 2, "syvogtredive" → 37, "halvtreds" → 50,
// "tusind" → 1000, "en"/"et" → 1); nullopt for anything else, including digits.
std::optional<std::int64_t> danish_cardinal_value(std::string_view word);
// Value of a Danish ordinal word 1–31 ("første" → 1, "fjortende" → 14, "enogtredivte" → 31).
std::optional<int> danish_ordinal_value(std::string_view word);

}  // namespace pb
