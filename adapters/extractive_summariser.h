#pragma once
// Kind "extractive" (summarisation): a graph-ranking extractive summariser (TextRank / LexRank) over TF-IDF
// sentence similarity. It picks the sentences of the source that are most central — most similar to many other
// central sentences — and returns them verbatim in source order. A classical, deterministic baseline: every
// fact it reports was said, but it neither resolves who said it nor rewrites spoken Danish into note style.
//
// Algorithm (docs: "Extractive summariser"):
//  1. Sentences: each source turn is split after '.', '!' or '?' followed by white space and an upper-case letter
//     (or the end of the turn), not after abbreviations (kl., ca., bl.a., f.eks., pr., nr., evt., …); line
//     breaks also split. Turns whose role is not in `roles` are skipped (turns without a role are always used).
//  2. Filter: sentences with fewer than `min_words` words are dropped; with `drop_backchannels`, so are sentences
//     with fewer than two words that are neither stop words nor listener signals or courtesies ("ja", "okay",
//     "tak", "fint", …): "Ja, det er helt fint.", "Det skriver jeg lige ned.".
//  3. Terms: words as the "basic" normaliser makes them (NFC, case-folded, punctuation removed), Danish stop words
//     removed, Snowball Danish stems.
//  4. TF-IDF: w(t,s) = tf(t,s) · idf(t), idf(t) = ln((1 + N) / (1 + df(t))) + 1 (scikit-learn's smoothed idf),
//     each sentence vector L2-normalised; similarity = cosine = dot product.
//  5. Graph: edge weight W_ij = cos(i,j) when i ≠ j and cos(i,j) > similarity_threshold, else 0.
//  6. PageRank by power iteration: p ← (1−d)/N + d · Mᵀp with M_ij = W_ij / Σ_k W_ik (a sentence with no edge
//     jumps uniformly: M_ij = 1/N), p₀ = 1/N, until ‖p_new − p‖₁ < tolerance or max_iterations.
//  7. Selection: sentences by descending score (ties: earlier first); with `sentences` the top n, otherwise
//     greedily every sentence that still fits into `max_words` words (sentences that do not fit are skipped; if
//     not even one fits, the top sentence is cut at max_words words). Output in source order, one per line, as
//     one untitled section. No candidate sentence → a note with no sections.
//
// Config keys (defaults in ExtractiveOptions): "max_words", "sentences", "similarity_threshold", "damping",
// "max_iterations", "min_words", "drop_backchannels", "roles". "max_words" and "sentences" exclude each other.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/summarisation.h"
#include "core/error.h"

namespace pb {

struct ExtractiveOptions {
  std::size_t max_words = 150;
  std::optional<std::size_t> sentences;  // top n sentences instead of a word budget
  double similarity_threshold = 0.1;     // LexRank-style: weaker similarities are no edge
  double damping = 0.85;
  int max_iterations = 1000;
  double tolerance = 1e-8;  // L1 change that ends the power iteration (not configurable: part of the version)
  std::size_t min_words = 4;
  bool drop_backchannels = true;
  // Turns of these roles are used; turns without a role always are. Interpreters and relatives are included by
  // default because an interpreter's turns carry what the citizen said.
  std::vector<std::string> roles = {kRoleCaseworker, kRoleCitizen, kRoleInterpreter, kRoleRelative};
};

// ---- The building blocks, exposed for tests and for comparison with peers. All pure. ----

// The sentences of one turn, trimmed, in order (step 1).
std::vector<std::string> split_sentences(std::string_view text);

// The ranking terms of one sentence (step 3): stems of the non-stop words.
std::vector<std::string> sentence_terms(std::string_view sentence);

// Cosine similarity of the TF-IDF vectors of the given term lists (step 4): a symmetric N×N matrix, row-major,
// with 1 on the diagonal for sentences that have terms and 0 for those that have none.
std::vector<double> tfidf_cosine_similarity(const std::vector<std::vector<std::string>>& terms);

struct TextRankResult {
  std::vector<double> scores;  // one per sentence, summing to 1
  int iterations = 0;          // power iterations run
  bool converged = false;      // L1 change fell below the tolerance
};

// PageRank over the thresholded similarity graph (steps 5 and 6). `similarity` is N×N row-major.
TextRankResult textrank(const std::vector<double>& similarity, std::size_t n, double threshold, double damping,
                        int max_iterations, double tolerance);

// The whole summariser on one transcript. Deterministic and thread-safe.
CaseNote extractive_summary(const Transcript& source, const ExtractiveOptions& options);

class ExtractiveSummariser final : public SummarisationAdapter {
 public:
  explicit ExtractiveSummariser(ExtractiveOptions options) : options_(std::move(options)) {}
  // Bump the version whenever extractive_summary() could produce different output for the same input.
  ComponentId id() const override { return {"extractive", "1"}; }
  // Thread-safe; never fails.
  Outcome<CaseNote> summarise(const SummarisationRequest& request) override;
  const ExtractiveOptions& options() const { return options_; }

 private:
  ExtractiveOptions options_;
};

// Validates the config (problems name e.g. "solutions[0].summarisation.damping"); nullptr on any problem.
SummarisationAdapterPtr make_extractive_summariser(const AdapterSpec& spec, ProblemList& problems);

}  // namespace pb
