// Kernels behind WER/CER: alignment of short utterances (the common case), long-document counting and
// alignment (whole conversations aligned at once, realistic and worst case) and normalisation of a
// conversation-sized Danish text.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/rng.h"
#include "metrics/text_normalize.h"
#include "metrics/word_alignment.h"

namespace {

const std::vector<std::string>& danish_vocabulary() {
  static const std::vector<std::string> words = {
      "du",        "søger",   "mindst",    "to",          "stillinger", "om",       "ugen",    "næste",
      "samtale",   "er",      "den",       "14.",         "marts",      "kl.",      "10",      "jobcenteret",
      "borgeren",  "har",     "været",     "sygemeldt",   "i",          "seks",     "uger",    "og",
      "ønsker",    "at",      "vende",     "tilbage",     "til",        "arbejdet", "aftale",  "vi",
      "aftalte",   "praktik", "hos",       "en",          "virksomhed", "på",       "Østerbro", "fra",
      "1.",        "april",   "dagpenge",  "a-kassen",    "e-Boks",     "4.500",    "kr.",     "løntilskud",
      "uddannelse", "ledig",  "sagsbehandleren", "noterede", "at",      "han",      "hun",     "kan",
      "ikke",      "arbejde", "mere",      "end",         "fire",       "timer",    "dagligt", "på",
  };
  return words;
}

std::vector<std::string> random_words(std::size_t n, pb::Rng& rng) {
  const auto& vocab = danish_vocabulary();
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t k = 0; k < n; ++k) out.push_back(rng.pick(vocab));
  return out;
}

// A hypothesis with roughly 15 % word errors against ref, mixing the three edit kinds.
std::vector<std::string> corrupt(const std::vector<std::string>& ref, pb::Rng& rng) {
  const auto& vocab = danish_vocabulary();
  std::vector<std::string> out;
  out.reserve(ref.size() + ref.size() / 10);
  for (const auto& w : ref) {
    const double u = rng.uniform01();
    if (u < 0.08) {
      out.push_back(rng.pick(vocab));
    } else if (u < 0.12) {
      // deletion
    } else if (u < 0.15) {
      out.push_back(w);
      out.push_back(rng.pick(vocab));
    } else {
      out.push_back(w);
    }
  }
  return out;
}

// Times fn(ref, hyp), one of the alignment entry points.
template <class Fn>
void time_alignment(benchmark::State& state, const std::vector<std::string>& ref, const std::vector<std::string>& hyp,
                    Fn fn) {
  for (auto _ : state) {
    auto result = fn(ref, hyp);
    benchmark::DoNotOptimize(result);
  }
}

const auto kAlign = [](const std::vector<std::string>& r, const std::vector<std::string>& h) {
  return pb::align_tokens(r, h);
};
const auto kCount = [](const std::vector<std::string>& r, const std::vector<std::string>& h) {
  return pb::count_errors(r, h);
};

void BM_AlignShortUtterance(benchmark::State& state) {
  pb::Rng rng(1);
  const auto ref = random_words(12, rng);
  const auto hyp = corrupt(ref, rng);
  time_alignment(state, ref, hyp, kAlign);
}
BENCHMARK(BM_AlignShortUtterance);

void BM_CountErrors(benchmark::State& state) {
  pb::Rng rng(2);
  const auto ref = random_words(static_cast<std::size_t>(state.range(0)), rng);
  const auto hyp = corrupt(ref, rng);
  time_alignment(state, ref, hyp, kCount);
  state.counters["cells/s"] = benchmark::Counter(static_cast<double>(ref.size()) * static_cast<double>(hyp.size()),
                                                 benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_CountErrors)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// Long-form alignment (whole conversations at once, see metrics/long_form_alignment.h). Sizes at or
// above uses_long_form() take the bit-parallel walk; the plain-DP cases show what it replaces.
void BM_AlignTokens(benchmark::State& state) {
  pb::Rng rng(2);
  const auto ref = random_words(static_cast<std::size_t>(state.range(0)), rng);
  const auto hyp = corrupt(ref, rng);
  time_alignment(state, ref, hyp, kAlign);
}
BENCHMARK(BM_AlignTokens)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// A long conversation's vocabulary: the common words above for 60 % of tokens and a tail of 5,000
// rarer ones, so most symbols occur a handful of times (the sparse-mask path).
std::vector<std::string> conversation_words(std::size_t n, pb::Rng& rng) {
  const auto& vocab = danish_vocabulary();
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    out.push_back(rng.bernoulli(0.6) ? rng.pick(vocab) : "ord" + std::to_string(rng.uniform_int(0, 4999)));
  }
  return out;
}

void BM_AlignTokensOpenVocabulary(benchmark::State& state) {
  pb::Rng rng(4);
  const auto ref = conversation_words(static_cast<std::size_t>(state.range(0)), rng);
  const auto hyp = corrupt(ref, rng);
  time_alignment(state, ref, hyp, kAlign);
}
BENCHMARK(BM_AlignTokensOpenVocabulary)->Arg(10000)->Unit(benchmark::kMillisecond);

// Worst case: two unrelated texts over the same vocabulary (a vendor returned the wrong file).
template <class Fn>
void BM_DifferentTexts(benchmark::State& state, Fn fn) {
  pb::Rng rng(5);
  const auto ref = random_words(static_cast<std::size_t>(state.range(0)), rng);
  const auto hyp = random_words(static_cast<std::size_t>(state.range(0)), rng);
  time_alignment(state, ref, hyp, fn);
}
BENCHMARK_CAPTURE(BM_DifferentTexts, align_tokens, kAlign)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_DifferentTexts, count_errors, kCount)->Arg(10000)->Unit(benchmark::kMillisecond);

// The plain two-row DP at conversation size, for comparison with BM_CountErrors/10000.
void BM_CountErrorsPlainDp(benchmark::State& state) {
  pb::Rng rng(2);
  const auto ref = random_words(static_cast<std::size_t>(state.range(0)), rng);
  const auto hyp = corrupt(ref, rng);
  std::vector<std::int32_t> ref_ids, hyp_ids;
  std::unordered_map<std::string, std::int32_t> ids;
  auto id_of = [&ids](const std::string& w) { return ids.try_emplace(w, static_cast<std::int32_t>(ids.size())).first->second; };
  for (const auto& w : ref) ref_ids.push_back(id_of(w));
  for (const auto& w : hyp) hyp_ids.push_back(id_of(w));
  for (auto _ : state) {
    auto counts = pb::count_symbol_errors_dp(ref_ids, hyp_ids);
    benchmark::DoNotOptimize(counts);
  }
}
BENCHMARK(BM_CountErrorsPlainDp)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_NormalizeDanishParagraph(benchmark::State& state) {
  pb::Rng rng(3);
  std::string text;
  const auto words = random_words(2000, rng);
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (k > 0) text += (k % 13 == 0) ? ". " : (k % 7 == 0 ? ", " : " ");
    text += k % 13 == 1 ? "Sagsbehandleren" : words[k];
  }
  text += ".";
  for (auto _ : state) {
    auto tokens = pb::normalize_to_words(text, pb::NormalizerKind::basic);
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_NormalizeDanishParagraph)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
