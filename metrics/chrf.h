#pragma once
// chrF and chrF++ (Popović 2015, 2017) with the numbers sacrebleu 2.x gives (sacrebleu.metrics.CHRF),
// on a 0–100 scale.
//
//   double s = chrf_sentence(reference_note, drafted_note);                   // chrF2
//   double pp = chrf_sentence(reference_note, drafted_note, chrf_plus_plus()); // chrF2++
//
//   ChrfStatistics total;                        // corpus level: sum statistics, then score once
//   for (auto& [ref, hyp] : pairs) total += chrf_statistics(ref, hyp);
//   double corpus = chrf_score(total);
//
// Characters are Unicode code points exactly as in the input (no normalisation, no case folding — the
// same as sacrebleu's defaults; "æ", "ø", "å" are one character each, a decomposed "å" is two). Invalid
// UTF-8 bytes count as one U+FFFD each. Whitespace is whatever Python's str.split() splits on.
// Argument order is (reference, hypothesis) as everywhere in pilotbench; sacrebleu's own functions take
// the hypothesis first. One reference per segment (sacrebleu's best-of-several-references is not
// provided). Pure functions, safe from any thread.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pb {

struct ChrfOptions {
  int char_order = 6;               // character n-gram orders 1..char_order
  int word_order = 0;               // word n-gram orders 1..word_order; 2 makes it chrF++
  double beta = 2;                  // recall weighs beta times as much as precision
  bool include_whitespace = false;  // sacrebleu `whitespace`: false deletes all whitespace before char n-grams
  bool eps_smoothing = false;       // sacrebleu `eps_smoothing`; false = effective-order averaging (default)
};

inline ChrfOptions chrf_plus_plus() {
  ChrfOptions options;
  options.word_order = 2;
  return options;
}

// sacrebleu-style name and signature, e.g. "chrF2++|nc:6|nw:2|space:no|eff:yes|case:mixed".
std::string chrf_options_name(const ChrfOptions& options);

// Counts for one n-gram order. `hypothesis` is 0 when the reference has no n-gram of this order
// (sacrebleu does not count hypothesis n-grams that could never match).
struct ChrfOrderCounts {
  std::int64_t hypothesis = 0;
  std::int64_t reference = 0;
  std::int64_t matched = 0;  // clipped: per distinct n-gram, min(count in hypothesis, count in reference)
  bool operator==(const ChrfOrderCounts&) const = default;
};

// Sufficient statistics of one segment or of a whole corpus: character orders 1..char_order followed by
// word orders 1..word_order. Summing them and scoring the sum is sacrebleu's corpus_score.
struct ChrfStatistics {
  std::vector<ChrfOrderCounts> orders;
  // Adds another segment's counts; an empty left side takes the other's shape. Throws
  // std::invalid_argument when both are non-empty and have a different number of orders.
  ChrfStatistics& operator+=(const ChrfStatistics& other);
  bool operator==(const ChrfStatistics&) const = default;
};

// Throws std::invalid_argument for char_order < 1, word_order < 0 or beta <= 0.
ChrfStatistics chrf_statistics(std::string_view reference, std::string_view hypothesis,
                               const ChrfOptions& options = {});
// The score (0–100) of summed statistics; `options` must be those the statistics were made with
// (throws std::invalid_argument if the number of orders differs).
double chrf_score(const ChrfStatistics& statistics, const ChrfOptions& options = {});

double chrf_sentence(std::string_view reference, std::string_view hypothesis, const ChrfOptions& options = {});
// Sums segment statistics; throws std::invalid_argument if the lists differ in length.
ChrfStatistics chrf_corpus_statistics(const std::vector<std::string>& references,
                                      const std::vector<std::string>& hypotheses, const ChrfOptions& options = {});
double chrf_corpus(const std::vector<std::string>& references, const std::vector<std::string>& hypotheses,
                   const ChrfOptions& options = {});

}  // namespace pb
