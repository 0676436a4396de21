#pragma once
// ROUGE-N, ROUGE-L and ROUGE-Lsum between a reference text (the target) and a drafted text (the
// prediction), with the numbers google-research's rouge-score package (RougeScorer) gives.
//
//   RougeOptions options;                        // rouge-score's tokeniser, no stemming
//   RougeScores s = rouge_scores(reference_note, drafted_note, options);
//   s.rougeL.fmeasure;                           // in [0, 1]
//
// Argument order is (target, prediction) as in RougeScorer.score(target, prediction): recall is
// measured against the target, precision against the prediction.
//
// Tokenisers:
//  rouge_score  rouge-score's DefaultTokenizer: lower-case, every run of characters other than [a-z0-9]
//               becomes a separator (so "æble" gives "ble" and "14.30" gives "14" "30"); with `stem`,
//               tokens longer than 3 characters go through NLTK's PorterStemmer (metrics/porter_stemmer.h).
//               Use it for numbers comparable with published ROUGE scores.
//  danish       Unicode-aware: invalid UTF-8 bytes become U+FFFD, then NFC and full case folding; runs of
//               letters (L*) and decimal digits (Nd), with combining marks (M*) kept inside a run, are
//               tokens and everything else separates them ("Æble-kagen" → "æble" "kagen"). With `stem`,
//               every token goes through libstemmer's Snowball Danish stemmer.
//
// ROUGE-Lsum reads sentences as the lines of the text ('\n'), exactly like rouge-score, which leaves
// sentence splitting to the caller; split_sentences_for_lsum() puts each sentence of prose on its own
// line first. Everything here is a pure function of its arguments and safe to call from any thread.
#include <string>
#include <string_view>
#include <vector>

namespace pb {

enum class RougeTokenizer { rouge_score, danish };

struct RougeOptions {
  RougeTokenizer tokenizer = RougeTokenizer::rouge_score;
  bool stem = false;  // rouge_score: NLTK Porter on tokens longer than 3; danish: Snowball Danish
};

struct RougeScore {
  double precision = 0;
  double recall = 0;
  double fmeasure = 0;  // 2PR/(P+R), 0 when P+R = 0
};

struct RougeScores {
  RougeScore rouge1, rouge2, rougeL, rougeLsum;
};

// A stable name for stored results, e.g. "rouge-score" / "rouge-score+porter-nltk" / "da+snowball-danish".
std::string rouge_options_name(const RougeOptions& options);

std::vector<std::string> rouge_tokenize(std::string_view text, const RougeOptions& options = {});

// ROUGE-N for n >= 1 (throws std::invalid_argument otherwise, as rouge-score raises ValueError).
RougeScore rouge_n(std::string_view target, std::string_view prediction, int n, const RougeOptions& options = {});
RougeScore rouge_l(std::string_view target, std::string_view prediction, const RougeOptions& options = {});
RougeScore rouge_lsum(std::string_view target, std::string_view prediction, const RougeOptions& options = {});
// All four at once (each text is tokenised once for 1/2/L and once per line for Lsum).
RougeScores rouge_scores(std::string_view target, std::string_view prediction, const RougeOptions& options = {});

// The same scores over already tokenised text (Lsum: one token list per sentence).
using RougeTokens = std::vector<std::string>;
RougeScore rouge_n_tokens(const RougeTokens& target, const RougeTokens& prediction, int n);
RougeScore rouge_l_tokens(const RougeTokens& target, const RougeTokens& prediction);
RougeScore rouge_lsum_tokens(const std::vector<RougeTokens>& target_sentences,
                             const std::vector<RougeTokens>& prediction_sentences);

// Length of the longest common subsequence, O(|a|·|b|) time and O(min(|a|,|b|)) memory.
std::size_t lcs_length(const std::vector<int>& a, const std::vector<int>& b);

// Danish/English prose with each sentence on its own line, for ROUGE-Lsum. A sentence ends after
// '.', '!' or '?' (runs such as "?!" or "..." and closing quotes/brackets stay with it) followed by
// whitespace and then an upper-case letter or a digit (opening quotes/brackets/dashes skipped), and at
// every existing line break. A '.' does not end a sentence after a common abbreviation ("ca.", "kl.",
// "bl.a.", "f.eks.", "pga.", "nr.", "jf.", "evt.", "dvs.", …, "e.g.", "i.e."), after a single capital
// letter (an initial, "J. Hansen"), or after a number when a digit follows ("15. 3. 2024"); a number
// followed by a lower-case word ("15. marts") never splits because a lower-case word never starts a
// sentence here. Lines are trimmed and empty lines dropped.
std::string split_sentences_for_lsum(std::string_view text);

}  // namespace pb
