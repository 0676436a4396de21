// Scores seeded random Danish STM/CTM corpora with the real sclite (`-r x.stm stm -h y.ctm ctm`) and with
// score_stm_ctm_sclite, and demands identical counts per speaker and overall. The corpora put CTM words in the
// gaps between segments, across boundaries, exactly on them, before the first and after the last segment,
// inside IGNORE_TIME_SEGMENT_IN_SCORING regions, and leave some recordings without any CTM word.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/rng.h"
#include "formats/ctm.h"
#include "formats/stm.h"
#include "metrics/sclite_stm.h"
#include "tests/sclite/sclite_runner.h"

namespace pb {
namespace {

using namespace sclite_test;  // NOLINT: the runner helpers read better unqualified

const std::vector<std::string> kVocabulary{
    "jeg",    "du",      "vi",       "det",      "er",         "og",        "ikke",     "på",    "til",
    "med",    "har",     "søger",    "job",      "jobcentret", "ledighed",  "dagpenge", "møde",  "sagsbehandler",
    "aftale", "kursus",  "praktik",  "å",        "ø",          "æble",      "Æble",     "ØL",    "øl",
    "Århus",  "århus",   "københavn", "KØBENHAVN", "Hej",      "hej",       "tak",      "så",    "nå",
    "også",   "måske",   "læge",     "sygemelding", "ansøgning", "cv",      "CV",       "uge",   "næste"};

struct CtmWord {
  std::string file, channel;
  double begin = 0, duration = 0;
  std::string word;
};

struct Corpus {
  std::string stm;
  std::vector<CtmWord> words;  // in time order per recording
};

std::string fixed(double v, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  return buffer;
}

// Round to what is written, so the generator reasons about the same numbers both scorers read.
double written(double v, int decimals) { return std::stod(fixed(v, decimals)); }

Corpus make_corpus(std::uint64_t seed, bool markup) {
  Rng rng(seed);
  Corpus c;
  const std::vector<std::string> speaker_pool{"anne", "Bo", "cæcilie", "SØREN", "per_x", "ib-2"};
  const int files = static_cast<int>(rng.uniform_int(2, 4));
  for (int f = 0; f < files; ++f) {
    const std::string file = "samtale" + std::to_string(10 + f);
    const int channels = rng.bernoulli(0.3) ? 2 : 1;
    for (int ch = 0; ch < channels; ++ch) {
      const std::string channel = ch == 0 ? "A" : "B";
      std::vector<std::string> speakers;
      const int n_speakers = static_cast<int>(rng.uniform_int(2, 3));
      while (static_cast<int>(speakers.size()) < n_speakers) {
        const std::string& s = rng.pick(speaker_pool);
        if (std::find(speakers.begin(), speakers.end(), s) == speakers.end()) speakers.push_back(s);
      }
      const bool no_hypothesis = rng.bernoulli(0.08);
      std::map<std::string, double> speaker_free;
      double t = written(rng.uniform01() * 2.0, 2), previous_end = 0.0, previous_begin = -1.0;
      std::vector<CtmWord> recording;
      const int segments = static_cast<int>(rng.uniform_int(1, 12));
      for (int s = 0; s < segments; ++s) {
        double begin = t;
        if (s > 0 && rng.bernoulli(0.15)) begin = previous_end - 0.2 - rng.uniform01() * 0.5;  // overlap
        begin = std::max(begin, previous_begin + 0.01);  // sclite wants begin times in order
        std::string speaker = rng.pick(speakers);
        for (const auto& other : speakers) {  // one speaker's segments must not overlap
          if (speaker_free[speaker] > begin && speaker_free[other] <= begin) speaker = other;
        }
        begin = written(std::max(begin, speaker_free[speaker]), 2);
        const double end = written(begin + 0.3 + rng.uniform01() * 3.5, 2);
        speaker_free[speaker] = end;

        std::string text;
        std::vector<std::string> spoken;
        const double kind = rng.uniform01();
        auto add = [&text](const std::string& w) {
          if (!text.empty()) text += ' ';
          text += w;
        };
        if (kind < 0.06) {
          text = rng.bernoulli(0.5) ? "IGNORE_TIME_SEGMENT_IN_SCORING" : "ignore_time_segment_in_scoring";
          for (int k = rng.uniform_int(0, 3); k > 0; --k) spoken.push_back(rng.pick(kVocabulary));
        } else if (kind > 0.09) {
          const auto n = rng.uniform_int(0, 9);
          for (std::int64_t k = 0; k < n; ++k) {
            const std::string w = rng.pick(kVocabulary);
            const double m = rng.uniform01();
            std::string said = w;
            if (markup && m < 0.06) {
              add("(" + w + ")");
              if (rng.bernoulli(0.5)) continue;
            } else if (markup && m < 0.12) {
              const std::string other = rng.pick(kVocabulary);
              add("{ " + w + " / " + other + " / " + (rng.bernoulli(0.4) ? std::string("@") : rng.pick(kVocabulary)) +
                  " }");
              said = rng.bernoulli(0.5) ? w : other;
            } else {
              add(w);
            }
            const double e = rng.uniform01();
            if (e < 0.06) continue;
            if (e < 0.13) said = rng.pick(kVocabulary);
            spoken.push_back(said);
            if (e > 0.95) spoken.push_back(rng.pick(kVocabulary));
          }
        }  // else: an empty segment (no words said)
        c.stm += file + " " + channel + " " + speaker + " " + fixed(begin, 2) + " " + fixed(end, 2) + " " + text + "\n";

        // Word times: the segment split evenly, with jitter; some words pushed over the end or onto it.
        const double slot = (end - begin) / static_cast<double>(std::max<std::size_t>(spoken.size(), 1));
        for (std::size_t k = 0; k < spoken.size(); ++k) {
          double duration = written(std::max(0.01, slot * (0.5 + 0.4 * rng.uniform01())), 2);
          double word_begin = begin + slot * static_cast<double>(k) + (rng.uniform01() - 0.5) * 0.1 * slot;
          const double p = rng.uniform01();
          if (k + 1 == spoken.size() && p < 0.15) {
            word_begin = end - duration / 2.0;  // midpoint exactly on the boundary
          } else if (k + 1 == spoken.size() && p < 0.3) {
            word_begin = end - duration * rng.uniform01() + 0.05;  // across the boundary or into the gap
          } else if (k == 0 && p > 0.9) {
            word_begin = begin - duration * rng.uniform01();  // starts before the segment
          }
          word_begin = std::max(0.0, word_begin);
          recording.push_back({file, channel, written(word_begin, 3), duration, spoken[k]});
        }
        // A word said in the gap after the segment.
        if (rng.bernoulli(0.1)) {
          recording.push_back({file, channel, written(end + 0.05, 3), 0.1, rng.pick(kVocabulary)});
        }
        previous_end = std::max(previous_end, end);
        previous_begin = begin;
        t = written(end + (rng.bernoulli(0.6) ? 0.0 : rng.uniform01() * 2.0), 2);
      }
      if (rng.bernoulli(0.3)) {  // after the last segment
        recording.push_back({file, channel, written(t + 1.0, 3), 0.2, rng.pick(kVocabulary)});
      }
      if (!no_hypothesis) c.words.insert(c.words.end(), recording.begin(), recording.end());
    }
  }
  return c;
}

std::string ctm_text(const std::vector<CtmWord>& words) {
  std::string out = ";; generated\n";
  for (const auto& w : words) {
    out += w.file + " " + w.channel + " " + fixed(w.begin, 3) + " " + fixed(w.duration, 2) + " " + w.word + "\n";
  }
  return out;
}

// The CTM in the order our reader settled on, for sclite, which scores a CTM in file order.
std::string ctm_text(const CtmFile& ctm) {
  std::string out;
  for (const auto& r : ctm.records) {
    out += r.file + " " + r.channel + " " + fixed(*r.begin, 3) + " " + fixed(*r.duration, 2) + " " + r.word + "\n";
  }
  return out;
}

class ScliteStmCtmComparison : public ScliteFixture {
 protected:
  ScliteStmCtmComparison() : ScliteFixture("pilotbench_sclite_stm_") {}

  std::string sclite(const std::string& stm, const std::string& ctm, const std::string& flags) {
    const fs::path r = dir_ / "ref.stm", h = dir_ / "hyp.ctm";
    std::ofstream(r) << stm;
    std::ofstream(h) << ctm;
    return run(*sclite_ + " -r " + r.string() + " stm -h " + h.string() + " ctm " + flags +
               " -o rsum pra stdout 2>&1");
  }

  void compare(const Corpus& corpus, bool shuffle, std::uint64_t seed, const ScliteStmOptions& options,
               const std::string& flags) {
    std::vector<CtmWord> words = corpus.words;
    if (shuffle) {  // recogniser output need not be sorted; our reader sorts it
      Rng rng(seed * 7919);
      for (std::size_t k = words.size(); k > 1; --k) std::swap(words[k - 1], words[rng.index(k)]);
    }
    const StmFile stm = parse_stm(corpus.stm, "ref.stm");
    const CtmFile ctm = parse_ctm(ctm_text(words), "hyp.ctm");
    if (shuffle && words.size() > 2) {
      EXPECT_TRUE(ctm.reordered);
    }
    const std::string output = sclite(corpus.stm, ctm_text(ctm), flags);
    const auto expected = parse_rsum(output);
    ASSERT_TRUE(expected.count("Sum")) << "could not read sclite's rsum report:\n" << output;
    const ScliteStmResult ours = score_stm_ctm_sclite(stm, ctm, options, "ref.stm", "hyp.ctm");

    EXPECT_EQ(ours.counts.speakers.size() + 1, expected.size());
    bool all_equal = row_of(ours.counts.overall) == expected.at("Sum");
    EXPECT_EQ(row_of(ours.counts.overall), expected.at("Sum")) << "overall";
    for (const auto& s : ours.counts.speakers) {
      const auto it = expected.find(s.speaker);
      ASSERT_NE(it, expected.end()) << "sclite has no speaker " << s.speaker;
      EXPECT_EQ(row_of(s), it->second) << "speaker " << s.speaker;
      all_equal = all_equal && row_of(s) == it->second;
    }
    if (all_equal) return;
    // Point at the segments that differ.
    const auto pra = parse_pra(output);
    const ScliteStmAssignment assignment = assign_ctm_to_stm_sclite(stm, ctm, options);
    std::map<std::string, int> numbering;
    int shown = 0;
    for (std::size_t k = 0; k < stm.segments.size() && shown < 5; ++k) {
      const StmSegment& seg = stm.segments[k];
      if (seg.ignore) continue;
      const std::string speaker = options.case_sensitive ? seg.speaker : sclite_ascii_lower(seg.speaker);
      char id[256];
      std::snprintf(id, sizeof id, "%s-%03d", speaker.c_str(), numbering[speaker]++);
      std::string hyp;
      for (const std::size_t w : assignment.segments[k]) hyp += ctm.records[w].word + " ";
      ScliteOptions text_options;
      text_options.case_sensitive = options.case_sensitive;
      text_options.optional_deletable = options.optional_deletable;
      const auto c = score_sclite_sentence(seg.text, hyp, text_options);
      const std::string mine = std::to_string(c.hits) + " " + std::to_string(c.substitutions) + " " +
                               std::to_string(c.deletions) + " " + std::to_string(c.insertions);
      if (pra.count(id) && pra.at(id) != mine) {
        ++shown;
        ADD_FAILURE() << id << " (ref.stm:" << seg.line << "): ref \"" << seg.text << "\" hyp \"" << hyp << "\" sclite "
                      << pra.at(id) << " ours " << mine;
      }
    }
  }

};

TEST_F(ScliteStmCtmComparison, RandomDanishCorporaWithMarkupUnderD) {
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u, 10u, 11u, 12u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_corpus(seed, true), seed % 3 == 0, seed, ScliteStmOptions{}, "-D");
  }
}

TEST_F(ScliteStmCtmComparison, RandomDanishCorporaWithoutD) {
  ScliteStmOptions options;
  options.optional_deletable = false;
  for (const std::uint64_t seed : {21u, 22u, 23u, 24u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_corpus(seed, true), seed % 2 == 0, seed, options, "");
  }
}

TEST_F(ScliteStmCtmComparison, CaseSensitive) {
  ScliteStmOptions options;
  options.case_sensitive = true;
  for (const std::uint64_t seed : {31u, 32u, 33u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_corpus(seed, true), seed == 32u, seed, options, "-s -D");
  }
}

TEST_F(ScliteStmCtmComparison, PlainCorpora) {
  for (const std::uint64_t seed : {41u, 42u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_corpus(seed, false), false, seed, ScliteStmOptions{}, "-D");
  }
}

// The boundary rule in one case each way, straight from sclite: a midpoint exactly on an end written "2.0"
// is after it, on "0.2" before it (sclite rounds STM times to float, and 0.2f > 0.2 > 2.0f - 2.0).
TEST_F(ScliteStmCtmComparison, MidpointOnBoundaryFollowsFloatRounding) {
  const std::string stm = "f A s1 0.0 2.0 a\nf A s2 2.0 9.0 b\ng A s1 0.0 0.2 a\ng A s2 0.2 9.0 b\n";
  const std::string ctm = "f A 1.9 0.2 x\ng A 0.1 0.2 x\n";
  const auto rows = parse_rsum(sclite(stm, ctm, "-D"));
  ASSERT_TRUE(rows.count("s1"));
  // f: x goes to s2 (a deleted, b substituted); g: x goes to s1 (a substituted, b deleted).
  EXPECT_EQ(rows.at("s1"), (Row{2, 2, 0, 1, 1, 0, 2, 2}));
  EXPECT_EQ(rows.at("s2"), (Row{2, 2, 0, 1, 1, 0, 2, 2}));
  const auto ours = score_stm_ctm_sclite(parse_stm(stm, "ref.stm"), parse_ctm(ctm, "hyp.ctm"));
  const auto assignment = assign_ctm_to_stm_sclite(parse_stm(stm, "ref.stm"), parse_ctm(ctm, "hyp.ctm"));
  EXPECT_EQ(assignment.segments, (std::vector<std::vector<std::size_t>>{{}, {0}, {1}, {}}));
  EXPECT_EQ(row_of(ours.counts.overall), rows.at("Sum"));
}

// sclite refuses -T with an STM reference, which is why score_stm_ctm_sclite has no time-mediated mode.
TEST_F(ScliteStmCtmComparison, TimeMediatedNeedsCtmReference) {
  const std::string out = sclite("f A s1 0.0 2.0 a\n", "f A 0.5 0.2 a\n", "-T");
  EXPECT_NE(out.find("Time-mediated alignments require the reference file to be in CTM format"), std::string::npos)
      << out;
}

}  // namespace
}  // namespace pb
