// Scores seeded random Danish CTM/CTM pairs with the real sclite (`-r x.ctm ctm -h y.ctm ctm`, with and without
// -T) and with score_ctm_ctm_sclite, and demands identical counts per speaker (recording) and overall. Recordings
// are long enough (up to ~220 words) to be cut into several chunks. Restriction (see docs): words within one
// stream never overlap in time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/error.h"
#include "core/rng.h"
#include "formats/ctm.h"
#include "metrics/sclite_ctm.h"
#include "tests/sclite/sclite_runner.h"

namespace pb {
namespace {

using namespace sclite_test;  // NOLINT: the runner helpers read better unqualified

const std::vector<std::string> kVocabulary{
    "jeg",   "du",      "vi",      "det",        "er",       "og",      "ikke",     "på",   "til",  "med",
    "har",   "søger",   "job",     "jobcentret", "ledighed", "dagpenge", "møde",    "å",    "ø",    "æble",
    "Æble",  "ØL",      "øl",      "Århus",      "århus",    "Hej",     "hej",      "tak",  "så",   "cv"};

std::string fixed(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  return buffer;
}
double written(double v) { return std::stod(fixed(v)); }

struct Pair {
  std::string ref, hyp;
};

Pair make_pair_corpus(std::uint64_t seed, int max_words) {
  Rng rng(seed);
  Pair p;
  const int files = static_cast<int>(rng.uniform_int(1, 3));
  for (int f = 0; f < files; ++f) {
    const std::string file = "samtale" + std::to_string(10 + f);
    const int channels = rng.bernoulli(0.3) ? 2 : 1;
    for (int ch = 0; ch < channels; ++ch) {
      const std::string channel = ch == 0 ? "A" : "B";
      const int n = static_cast<int>(rng.uniform_int(1, max_words));
      double t = written(rng.uniform01());
      double hyp_free = 0.0;
      std::string hyp_lines;
      auto hyp_word = [&](double begin, double duration, const std::string& w) {
        begin = written(std::max(begin, hyp_free));
        duration = written(std::max(0.01, duration));
        hyp_free = begin + duration;
        hyp_lines += file + " " + channel + " " + fixed(begin) + " " + fixed(duration) + " " + w + "\n";
      };
      for (int k = 0; k < n; ++k) {
        const double duration = written(0.1 + rng.uniform01() * 0.6);
        const std::string w = rng.pick(kVocabulary);
        p.ref += file + " " + channel + " " + fixed(t) + " " + fixed(duration) + " " + w + "\n";
        const double e = rng.uniform01();
        if (e < 0.08) {
          // deleted
        } else {
          const std::string said = e < 0.18 ? rng.pick(kVocabulary) : w;
          const double shift = (rng.uniform01() - 0.5) * 0.3;
          hyp_word(t + shift, duration + (rng.uniform01() - 0.5) * 0.2, said);
        }
        if (rng.bernoulli(0.07)) hyp_word(t + duration, 0.1 + rng.uniform01() * 0.3, rng.pick(kVocabulary));
        const double g = rng.uniform01();
        t = written(t + duration + (g < 0.3 ? 0.0 : g < 0.8 ? rng.uniform01() * 0.3 : rng.uniform01() * 2.0));
      }
      if (hyp_lines.empty()) hyp_word(t, 0.2, rng.pick(kVocabulary));  // sclite needs the recording in both
      p.hyp += hyp_lines;
    }
  }
  return p;
}

class ScliteCtmCtmComparison : public ScliteFixture {
 protected:
  ScliteCtmCtmComparison() : ScliteFixture("pilotbench_sclite_ctm_") {}

  std::string sclite(const std::string& ref, const std::string& hyp, const std::string& flags) {
    const fs::path r = dir_ / "ref.ctm", h = dir_ / "hyp.ctm";
    std::ofstream(r) << ref;
    std::ofstream(h) << hyp;
    return run(*sclite_ + " -r " + r.string() + " ctm -h " + h.string() + " ctm " + flags + " -o rsum pra stdout 2>&1");
  }

  void compare(const Pair& pair, const ScliteCtmOptions& options, const std::string& flags) {
    const std::string output = sclite(pair.ref, pair.hyp, flags);
    if (output.find("missing second channel") != std::string::npos) {
      EXPECT_THROW(score_ctm_ctm_sclite(parse_ctm(pair.ref, "ref.ctm"), parse_ctm(pair.hyp, "hyp.ctm"), options),
                   InputError);
      return;
    }
    const auto expected = parse_rsum(output);
    ASSERT_TRUE(expected.count("Sum")) << "could not read sclite's rsum report:\n" << output;
    const CtmFile ref = parse_ctm(pair.ref, "ref.ctm");
    const CtmFile hyp = parse_ctm(pair.hyp, "hyp.ctm");
    ASSERT_FALSE(ref.reordered);
    ASSERT_FALSE(hyp.reordered);
    const ScliteCounts ours = score_ctm_ctm_sclite(ref, hyp, options, "ref.ctm", "hyp.ctm");
    EXPECT_EQ(ours.speakers.size() + 1, expected.size());
    EXPECT_EQ(row_of(ours.overall), expected.at("Sum")) << "overall";
    for (const auto& s : ours.speakers) {
      const auto it = expected.find(s.speaker);
      ASSERT_NE(it, expected.end()) << "sclite has no speaker " << s.speaker;
      EXPECT_EQ(row_of(s), it->second) << "speaker " << s.speaker;
    }
  }

};

TEST_F(ScliteCtmCtmComparison, PlainWordAlignment) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_pair_corpus(seed, 220), ScliteCtmOptions{}, "-D");
  }
}

// -T: float step costs and float sums decide near-ties (see docs "CTM/CTM scoring and -T").
TEST_F(ScliteCtmCtmComparison, TimeMediated) {
  ScliteCtmOptions options;
  options.time_mediated = true;
  for (std::uint64_t seed = 101; seed <= 112; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_pair_corpus(seed, 220), options, "-D -T");
  }
}

// Short recordings are mostly one chunk, so each pair is a fresh set of near-ties for the -T arithmetic.
TEST_F(ScliteCtmCtmComparison, TimeMediatedShortRecordings) {
  ScliteCtmOptions options;
  options.time_mediated = true;
  for (std::uint64_t seed = 401; seed <= 550; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_pair_corpus(seed, 8), options, "-D -T");
  }
}

TEST_F(ScliteCtmCtmComparison, CaseSensitive) {
  ScliteCtmOptions options;
  options.case_sensitive = true;
  for (std::uint64_t seed = 201; seed <= 204; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_pair_corpus(seed, 120), options, "-s -D");
  }
}

TEST_F(ScliteCtmCtmComparison, ShortRecordings) {
  for (std::uint64_t seed = 301; seed <= 310; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_pair_corpus(seed, 8), ScliteCtmOptions{}, "-D");
  }
}

}  // namespace
}  // namespace pb
