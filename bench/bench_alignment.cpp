// Kernels behind WER/CER: alignment of short utterances (the common case), long-document counting
// (whole conversations aligned at once) and normalisation of a conversation-sized Danish text.
#include <benchmark/benchmark.h>

#include <string>
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

void BM_AlignShortUtterance(benchmark::State& state) {
  pb::Rng rng(1);
  const auto ref = random_words(12, rng);
  const auto hyp = corrupt(ref, rng);
  for (auto _ : state) {
    auto alignment = pb::align_tokens(ref, hyp);
    benchmark::DoNotOptimize(alignment);
  }
}
BENCHMARK(BM_AlignShortUtterance);

void BM_CountErrors(benchmark::State& state) {
  pb::Rng rng(2);
  const auto ref = random_words(static_cast<std::size_t>(state.range(0)), rng);
  const auto hyp = corrupt(ref, rng);
  for (auto _ : state) {
    auto counts = pb::count_errors(ref, hyp);
    benchmark::DoNotOptimize(counts);
  }
  state.counters["cells/s"] = benchmark::Counter(static_cast<double>(ref.size()) * static_cast<double>(hyp.size()),
                                                 benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_CountErrors)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

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
