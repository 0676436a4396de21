#pragma once
// Reference-free faithfulness of a drafted case note (journalnotat/referat) against the transcript it was
// drafted from. No reference note is needed: every checkable statement of the draft is looked up in the
// source after normalisation of the spoken Danish ("den fjortende marts", "klokken ti", "to tusind fem
// hundrede kroner"). Pure function, no state; one call indexes the source once (canonical values by
// type, stemmed content words per sentence), so a 1,000-word note against a 6,000-word transcript takes a
// few milliseconds. The rules and formulas are in docs/summary-metrics.md ("Faithfulness"): atoms, obligations, negation
// flips, novel n-grams, extractive coverage and density (Grusky et al. 2018).
//
//   FaithfulnessResult r = check_faithfulness(draft_text, transcript_text, FaithfulnessOptions{});
//   r.atoms_checked, r.atoms_unsupported, r.critical_errors, r.flips.size() … are counts to store per item.
#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/summary_atoms.h"

namespace pb {

struct FaithfulnessOptions {
  // An obligation, or a clause checked for a negation flip, is matched to the source sentence sharing the
  // largest share of its stemmed content words; below this share nothing in the source supports it.
  double content_overlap_threshold = 0.5;
  // A negator counts for a clause when it stands within this many words of a matched content word.
  int negation_window = 3;
  // Clauses with fewer stemmed content words are not checked for negation flips (too little to match on).
  int min_content_words = 1;
  // A clause is matched to a source sentence (for negation flips) only when they share at least this many
  // content stems, or all of the clause's when it has fewer.
  int min_shared_content_words = 2;
};

struct AtomCheck {
  Atom atom;
  bool supported = false;
  std::string evidence;  // unsupported: the closest source value of the same type ("03-14"), if any;
                         // supported text atoms: empty. CPR digits never appear here.
};

struct TypeCounts {
  int checked = 0;
  int unsupported = 0;
  double unsupported_rate() const { return checked == 0 ? 0.0 : static_cast<double>(unsupported) / checked; }
};

struct NegationFlip {
  std::string draft_clause;     // CPR-masked
  std::string source_sentence;  // CPR-masked
  bool draft_negated = false;   // true: the draft says "ikke", the source does not
  double overlap = 0.0;         // share of the clause's content words found in the source sentence
};

struct ObligationCheck {
  std::string clause;           // CPR-masked draft clause with the obligation
  std::string trigger;          // "skal", "er forpligtet til", "har pligt til", "aftalt at" …
  bool supported = false;
  std::string reason;           // unsupported: "no source sentence", "unsupported <type> <text>", "negation flipped"
  std::string best_source;      // CPR-masked best-matching source sentence (empty if none shares a word)
  double overlap = 0.0;
};

struct FaithfulnessResult {
  std::vector<AtomCheck> atoms;
  std::map<std::string, TypeCounts> by_type;  // atom types and "obligation"
  int atoms_checked = 0;                      // atoms only (obligations are counted in by_type["obligation"])
  int atoms_unsupported = 0;
  int critical_errors = 0;                    // unsupported date, time and amount atoms + unsupported obligations
  std::vector<NegationFlip> flips;
  int clauses_checked = 0;                    // draft clauses that had a matching source sentence
  std::vector<ObligationCheck> obligations;
  // Guidance statements ("Borger er vejledt om pligt til at …", "orienteret om", "informeret om"): checked like
  // obligations (trigger holds the guidance phrase) but not counted as obligations or critical errors, because
  // they restate rules the citizen was told, not agreements made in the meeting. Their dates, times and
  // amounts are still checked (and critical) as atoms.
  std::vector<ObligationCheck> guidance;

  // Novel n-grams: draft n-gram occurrences (n = 1, 2, 3, da-normalised words) whose n-gram does not occur in
  // the source, over all draft n-gram occurrences.
  std::array<int, 3> draft_ngrams{};  // [n-1]
  std::array<int, 3> novel_ngrams{};
  double novel_1 = 0.0;
  double novel_2 = 0.0;
  double novel_3 = 0.0;

  // Extractive fragments (Grusky et al. 2018): greedy longest shared word sequences.
  int draft_words = 0;
  int fragment_words = 0;        // Σ|f|
  long long fragment_square = 0; // Σ|f|²
  double coverage = 0.0;         // Σ|f| / |draft words|
  double density = 0.0;          // Σ|f|² / |draft words|

  double unsupported_rate() const {
    return atoms_checked == 0 ? 0.0 : static_cast<double>(atoms_unsupported) / atoms_checked;
  }
};

FaithfulnessResult check_faithfulness(std::string_view draft, std::string_view source, const FaithfulnessOptions& options = {});

// Grusky et al.'s greedy fragment set F(A, S) over word sequences: for each position of the summary the
// longest run shared with the article, then skip past it. Exposed for tests and other summary metrics.
std::vector<std::size_t> extractive_fragment_lengths(const std::vector<std::string>& article,
                                                     const std::vector<std::string>& summary);

}  // namespace pb
