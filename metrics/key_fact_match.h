#pragma once
// Key-fact recall of a drafted referat or journalnotat: which of the conversation's annotated key facts
// (harness/dataset.h KeyFact) can be found in the note, and where. Pure function over values; one Snowball stemmer
// is created per call. The rules per fact type are documented in docs/summary-metrics.md ("Key-fact recall"):
//
//   date          a date in the note with the fact's month and day (and year, when both give one). Dates are read
//                 by the `da` normaliser: "14. marts", "den fjortende marts", "14/3", "14.03.2026", plus ISO
//                 "2026-03-14" and "14-03-2026".
//   time          a clock time equal to the value ("kl. 10.30", "klokken halv elleve", "10:30").
//   next_meeting  the date and, when the value has one, the time in the same sentence.
//   amount,number a number equal to the value ("5.200 kr.", "fem tusind to hundrede", "5200,00"; amounts also
//                 "5 200"). Ordinals, dates and clock times are not numbers.
//   duration      the value's number directly followed by its unit ("5 uger", "fem ugers", "et år").
//   cpr           the same 10 digits; skipped unless KeyFactMatchOptions::include_cpr (a note should not hold one).
//   other types   (job_title, obligation, agreement, intervention, name, place, organisation, health, …)
//                 stemmed content-word overlap between the fact and its best note sentence: the share of the fact's
//                 content stems found in that sentence, taken for the fact's value and for its transcript text
//                 and the larger kept; found when it reaches content_overlap_threshold.
// A value that does not parse for its type (a date "ukendt") falls back to content overlap.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/dataset.h"

namespace pb {

struct KeyFactMatchOptions {
  // Share of a fact's content stems that one note sentence must contain. 0.6 means: facts of 1–2 content words
  // need all of them, 3 words allow one to be missing or paraphrased, 5 words allow two.
  double content_overlap_threshold = 0.6;
  // CPR facts are not expected in a note (and the structure check flags them); when false they are left out of
  // every count and listed only in KeyFactResult::skipped.
  bool include_cpr = false;
};

struct FactMatch {
  KeyFact fact;
  bool found = false;
  // The note sentence that matched, or when missed the closest one (empty if the note has none). CPR-like numbers
  // are masked.
  std::string evidence;
  // 1 when found by value; for next_meeting 0.5 when only the date or only the time is in the best sentence; for
  // content facts the overlap share of the best sentence. 0 when nothing comparable was found.
  double score = 0.0;
  std::string method;  // "date", "time", "date+time", "number", "duration", "cpr" or "content"

  bool operator==(const FactMatch&) const = default;
};

struct FactCounts {
  int found = 0;
  int total = 0;
  bool operator==(const FactCounts&) const = default;
};

struct KeyFactResult {
  std::vector<FactMatch> facts;                // in input order, skipped facts left out
  std::map<std::string, FactCounts> by_type;   // keyed by KeyFact::type
  int found = 0;
  int total = 0;
  std::vector<std::size_t> missed;  // indexes into `facts` of the facts not found
  std::vector<KeyFact> skipped;     // CPR facts when include_cpr is false

  // found / total; nullopt when there is nothing to find.
  std::optional<double> recall() const;
};

KeyFactResult match_key_facts(const std::vector<KeyFact>& facts, std::string_view note_text,
                              const KeyFactMatchOptions& options = {});

// Building blocks, exposed for tests and for the documentation's examples.

// The note split into sentences: at line breaks, and after '.', '!' or '?' followed by white space and a capital
// letter, unless the word before the period is a common abbreviation (bl.a., ca., kl., evt., f.eks., …).
// Sentences are trimmed; empty ones dropped.
std::vector<std::string> split_note_sentences(std::string_view note_text);

// Content stems of a text: `da` normaliser words, minus Danish stop words and abbreviations, each Snowball-stemmed
// (numbers stay as digits). Unique, in first-seen order.
std::vector<std::string> content_stems(std::string_view text);

// True when two stems count as the same content word: equal; one is the other plus an inflectional ending of at
// most 4 letters from e, n, r, s, t (uge/ugen/ugers); or the shorter has at least 5 letters and begins or ends the
// longer (attest/lægeattest, indhent/indhentning). Stems with digits match only when equal.
bool stems_match(std::string_view a, std::string_view b);

}  // namespace pb
