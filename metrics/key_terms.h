#pragma once
// Key-term errors: transcription errors on the words that carry facts (dates, times, amounts, numbers,
// CPR numbers, negations, names, places, job titles, interventions) rather than on every word. "øh"
// dropped costs WER as much as "14." heard as "15."; this metric tells the two apart.
//
// Key terms of the reference
//   A term is a span of reference words with a type. Terms never overlap; they come from, in order:
//   (a) the dataset's key facts: each fact's `text` is normalised with the same normaliser as the
//       transcript and located in the reference words. EVERY occurrence is a term, because every mention
//       is a place where a misrecognition can mislead a reader or a summariser (so a fact stated three
//       times weighs three times). Facts claim words in order of weight (highest first), then longer
//       phrases first, then dataset order; an occurrence overlapping words already claimed is skipped
//       (two facts sharing the same words, e.g. a "number" and an "obligation" both stating "to
//       stillinger om ugen", give one term, typed by the heavier fact).
//   (b) the pattern list of key_term_patterns.h over the words no fact claimed; a pattern term overlapping
//       a claimed word is dropped whole. Names come from the capitalisation of the raw reference segments
//       (capitalised_names()) plus the words of the dataset's "name" facts; the words of "place" facts
//       join the built-in town list.
//
// Correctness of a reference term
//   Some words of a term only frame it: for fact terms these are den, d, kl, klokken, ca, cirka, omkring,
//   kroner, krone, kr, dkk wherever they occur in the fact (unless the fact has nothing else); for pattern
//   terms they are the words outside the term's core (key_term_patterns.h). The other words are the
//   required words. A term is a HIT iff, in the word alignment (word_alignment.h align_tokens, its
//   documented tie-breaking), every required word is a hit and no hypothesis word is inserted between
//   the first and the last required word. Otherwise it is a MISS: "den fjortende marts" → "den femtende
//   marts" misses the whole date; "kl. 10" → "klokken 10" and "4.500 kr." → "4.500 kroner" do not miss.
//
// Key terms of the hypothesis
//   The same pattern list over the hypothesis words (no facts: the hypothesis has none). Names come from
//   the raw hypothesis segments' capitalisation plus every reference name, so a lower-cased ASR output
//   still has its names found. A hypothesis term is CORRECT iff every core word is a hit and no
//   reference word is deleted between its first and last core word. A hypothesis term of a type in
//   KeyTermOptions::hallucination_types that is not correct is HALLUCINATED: it states a number, date,
//   name, … that the speaker did not say at that point — inserted, substituted for a word that carried
//   no fact, or a wrong value substituted for one that did (14. → 15. is a date miss AND a hallucinated
//   date). A value written differently ("4500" for "4.500") is a miss and a hallucination too; choose a
//   normaliser that canonicalises numbers if that is not wanted.
//
// Counts and rates, per type t and overall (sum over types):
//   ref_terms_t, hits_t        recall_t = hits_t / ref_terms_t
//   hyp_terms_t, hyp_correct_t precision_t = hyp_correct_t / hyp_terms_t
//   hallucinated_t             ≤ hyp_terms_t − hyp_correct_t (equal for hallucination types, else 0)
//   key-term error rate        KTER = 1 − Σ hits_t / Σ ref_terms_t
//   weighted key-term error    WKTER = Σ_t w_t·(ref_terms_t − hits_t) / Σ_t w_t·ref_terms_t
//   All are NaN (undefined) when their denominator is 0 — "no key terms" is neither 0 % nor 100 %.
//   Reference and hypothesis types can differ for the same words (a "next_meeting" fact in the
//   reference is a date and a time term in the hypothesis), so per-type precision is a property of the
//   hypothesis's pattern terms and is not meant to be paired with per-type recall.
//   Corpus values: sum the counts over items (add_key_term_counts) and apply the same formulas.
//
// Privacy: misses and hallucinations hold transcript words. This module does not mask anything; a
// report shows them only when the scenario allows and passes them through mask_cpr first.
#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "metrics/key_term_patterns.h"
#include "metrics/text_normalize.h"
#include "metrics/word_alignment.h"

namespace pb {

// Stored with each run; bump when what score_key_terms() returns changes for the same input (this
// includes kKeyTermPatternsVersion changes).
inline constexpr const char* kKeyTermMetricName = "key_terms";
inline constexpr const char* kKeyTermMetricVersion = "1";

// A dataset key fact as far as this metric needs it (harness/dataset.h KeyFact::type and ::text).
struct KeyTermFact {
  std::string type;
  std::string text;  // raw text as it appears in the reference transcript
};

// Defaults (documented here because reports print them):
//   weight 5: date, time, amount, cpr, negation, next_meeting — a wrong one changes what happens next
//   weight 3: number, duration, name, place, obligation
//   weight 1: every other type (default_weight)
//   hallucination types: number, date, time, amount, duration, cpr, name, place
std::map<std::string, double, std::less<>> default_key_term_weights();
std::set<std::string, std::less<>> default_hallucination_types();

struct KeyTermOptions {
  // Must be the normaliser that produced the word lists: fact texts and capitalised names are
  // normalised with it (normalize_to_words) before they are looked up. With da and normalize_pair, a
  // fact whose words were joined as a split compound is not located (facts_not_located says so).
  NormalizerChoice normalizer;
  std::map<std::string, double, std::less<>> weights = default_key_term_weights();
  double default_weight = 1.0;  // for types missing from `weights`
  std::set<std::string, std::less<>> hallucination_types = default_hallucination_types();
};

struct KeyTermCounts {
  std::int64_t ref_terms = 0, hits = 0, hyp_terms = 0, hyp_correct = 0, hallucinated = 0;

  KeyTermCounts& operator+=(const KeyTermCounts& other);
  bool operator==(const KeyTermCounts&) const = default;
};

// A reference term that was not recognised.
struct KeyTermMiss {
  std::string type;
  bool from_fact = false;                  // false: found by the pattern list
  std::int32_t ref_begin = 0, ref_end = 0;  // reference word indices, end exclusive
  std::vector<std::string> reference;       // the term's reference words
  std::vector<std::string> hypothesis;      // hypothesis words aligned to the span (empty: all deleted)

  bool operator==(const KeyTermMiss&) const = default;
};

// A hypothesis term that states something the reference does not say there.
struct KeyTermHallucination {
  std::string type;
  std::int32_t hyp_begin = 0, hyp_end = 0;  // hypothesis word indices, end exclusive
  std::vector<std::string> hypothesis;      // the term's hypothesis words
  std::vector<std::string> reference;       // reference words aligned to the span (empty: inserted)

  bool operator==(const KeyTermHallucination&) const = default;
};

struct KeyTermReport {
  std::map<std::string, KeyTermCounts> by_type;  // only types that occur
  KeyTermCounts overall;                          // sum over by_type
  // Fact level: a fact is located if its text occurs in the reference words and recognised if at least
  // one occurrence is a hit (whichever fact's term that occurrence became).
  std::int64_t facts = 0, facts_located = 0, facts_recognised = 0;
  std::vector<std::size_t> facts_not_located;  // indices into the facts given; a dataset problem
  std::vector<KeyTermMiss> misses;                    // in reference order
  std::vector<KeyTermHallucination> hallucinations;  // in hypothesis order
};

// Words and raw segments of one side. `words` must be the normalised words of the segments joined
// (normalize_to_words or normalize_pair with options.normalizer) — the words WER is computed over.
// `raw_segments` (may be empty) only feed name detection. Spans must outlive the call.
struct KeyTermInput {
  std::span<const std::string> words;
  std::span<const std::string> raw_segments;
};

// Pure; O(|ref|·|hyp|) for the alignment plus O(|ref|·Σ|fact words|) for locating facts.
KeyTermReport score_key_terms(KeyTermInput ref, KeyTermInput hyp, std::span<const KeyTermFact> facts,
                              const KeyTermOptions& options = {});
// The same with an alignment the caller already has. Precondition: alignment == align_tokens(ref.words,
// hyp.words) (checked by assert on its sizes).
KeyTermReport score_key_terms(KeyTermInput ref, KeyTermInput hyp, const Alignment& alignment,
                              std::span<const KeyTermFact> facts, const KeyTermOptions& options = {});

// Sums counts (not misses or hallucinations) for corpus-level rates.
void add_key_term_counts(KeyTermReport& total, const KeyTermReport& item);

double key_term_error_rate(const KeyTermCounts& counts);  // 1 − hits / ref_terms; NaN if ref_terms = 0
double key_term_recall(const KeyTermCounts& counts);      // hits / ref_terms; NaN if ref_terms = 0
double key_term_precision(const KeyTermCounts& counts);   // hyp_correct / hyp_terms; NaN if hyp_terms = 0
// WKTER over by_type with options.weights / default_weight; NaN if Σ w·ref_terms = 0. Negative weights
// are a programmer error (assert).
double weighted_key_term_error_rate(const std::map<std::string, KeyTermCounts>& by_type,
                                    const KeyTermOptions& options = {});

}  // namespace pb
