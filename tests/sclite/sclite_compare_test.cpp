// Scores seeded random Danish trn corpora with the real sclite and with score_trn_sclite, and demands
// identical counts per speaker and overall.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <unistd.h>
#include <sstream>
#include <string>
#include <vector>

#include "core/rng.h"
#include "formats/trn.h"
#include "metrics/sclite_align.h"
#include "metrics/word_alignment.h"
#include "tests/sclite/sclite_runner.h"

namespace pb {
namespace {

namespace fs = std::filesystem;
using namespace sclite_test;  // find_sclite, run, Row, parse_rsum, row_of, parse_pra

// Danish words, some differing only in case, æøå included.
const std::vector<std::string> kVocabulary{
    "jeg",    "du",      "vi",       "det",      "er",       "og",        "ikke",    "på",      "til",
    "med",    "har",     "søger",    "job",      "jobcentret", "ledighed", "dagpenge", "møde",   "sagsbehandler",
    "aftale", "kursus",  "praktik",  "å",        "ø",        "æble",      "Æble",    "ØL",      "øl",
    "Århus",  "århus",   "københavn", "KØBENHAVN", "Hej",    "hej",       "tak",     "så",      "nå",
    "også",   "måske",   "læge",     "sygemelding", "ansøgning", "cv",    "CV",      "uge",     "næste"};

std::string random_word(Rng& rng) { return rng.pick(kVocabulary); }

// A reference utterance with occasional optional words and alternatives, and a hypothesis made from it
// with ~15 % word errors.
std::pair<std::string, std::string> make_pair_texts(Rng& rng, bool markup) {
  const auto n = rng.uniform_int(0, 14);
  std::string ref, hyp;
  auto add = [](std::string& s, const std::string& w) {
    if (!s.empty()) s += ' ';
    s += w;
  };
  for (std::int64_t k = 0; k < n; ++k) {
    const std::string w = random_word(rng);
    const double kind = rng.uniform01();
    std::string spoken = w;
    if (markup && kind < 0.06) {
      add(ref, "(" + w + ")");
      if (rng.bernoulli(0.5)) continue;  // the optional word was not said
    } else if (markup && kind < 0.12) {
      const std::string other = random_word(rng);
      const std::string third = rng.bernoulli(0.4) ? "@" : random_word(rng) + " " + random_word(rng);
      add(ref, "{ " + w + " / " + other + " / " + third + " }");
      spoken = rng.bernoulli(0.5) ? w : other;
    } else {
      add(ref, w);
    }
    const double e = rng.uniform01();
    if (e < 0.05) continue;                              // deletion
    if (e < 0.11) spoken = random_word(rng);             // substitution
    add(hyp, spoken);
    if (e > 0.96) add(hyp, random_word(rng));            // insertion
  }
  return {ref, hyp};
}

struct Corpus {
  std::string ref, hyp;
};

Corpus make_corpus(std::uint64_t seed, int utterances, bool markup) {
  Rng rng(seed);
  const std::vector<std::string> speakers{"anne", "bo", "cæcil", "SØREN", "per_x", "ib"};
  Corpus c;
  for (int k = 0; k < utterances; ++k) {
    const std::string& spk = rng.pick(speakers);
    const std::string id = spk + (rng.bernoulli(0.5) ? "-" : "_") + std::to_string(1000 + k);
    auto [r, h] = make_pair_texts(rng, markup);
    c.ref += r + " (" + id + ")\n";
    if (rng.bernoulli(0.02)) continue;  // a missing hypothesis: sclite skips the reference
    c.hyp += h + " (" + id + ")\n";
  }
  return c;
}

class ScliteComparison : public ScliteFixture {
 protected:
  ScliteComparison() : ScliteFixture("pilotbench_sclite_") {}

  std::string sclite(const std::string& ref, const std::string& hyp, const std::string& flags,
                     const std::string& report) {
    const fs::path r = dir_ / "ref.trn", h = dir_ / "hyp.trn";
    std::ofstream(r) << ref;
    std::ofstream(h) << hyp;
    return run(*sclite_ + " -r " + r.string() + " trn -h " + h.string() + " trn -i rm " + flags + " -o " + report +
               " stdout 2>&1");
  }

  void compare(const Corpus& corpus, const ScliteOptions& options, const std::string& flags) {
    const auto expected = parse_rsum(sclite(corpus.ref, corpus.hyp, flags, "rsum"));
    ASSERT_TRUE(expected.count("Sum")) << "could not read sclite's rsum report";
    const auto ref = parse_trn(corpus.ref, "ref.trn"), hyp = parse_trn(corpus.hyp, "hyp.trn");
    const ScliteCounts ours = score_trn_sclite(ref, hyp, options, "ref.trn", "hyp.trn");

    EXPECT_EQ(ours.speakers.size() + 1, expected.size());
    bool all_equal = row_of(ours.overall) == expected.at("Sum");
    EXPECT_EQ(row_of(ours.overall), expected.at("Sum")) << "overall";
    for (const auto& s : ours.speakers) {
      const auto it = expected.find(s.speaker);
      ASSERT_NE(it, expected.end()) << "sclite has no speaker " << s.speaker;
      EXPECT_EQ(row_of(s), it->second) << "speaker " << s.speaker;
      all_equal = all_equal && row_of(s) == it->second;
    }
    if (all_equal) return;
    // Point at the utterances that differ.
    const auto pra = parse_pra(sclite(corpus.ref, corpus.hyp, flags, "pra"));
    std::map<std::string, const TrnUtterance*> ref_by_id;
    for (const auto& u : ref) ref_by_id[u.utterance_id] = &u;
    int shown = 0;
    for (const auto& u : hyp) {
      const auto c = score_sclite_sentence(ref_by_id.at(u.utterance_id)->text, u.text, options);
      const std::string mine = std::to_string(c.hits) + " " + std::to_string(c.substitutions) + " " +
                               std::to_string(c.deletions) + " " + std::to_string(c.insertions);
      if (pra.count(u.utterance_id) && pra.at(u.utterance_id) != mine && shown++ < 5) {
        ADD_FAILURE() << u.utterance_id << ": ref \"" << ref_by_id.at(u.utterance_id)->text << "\" hyp \"" << u.text
                      << "\" sclite " << pra.at(u.utterance_id) << " ours " << mine;
      }
    }
  }

};

TEST_F(ScliteComparison, RandomDanishCorporaWithMarkupUnderD) {
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_corpus(seed, 400, true), ScliteOptions{}, "-D");
  }
}

TEST_F(ScliteComparison, RandomDanishCorporaWithoutD) {
  ScliteOptions options;
  options.optional_deletable = false;
  for (const std::uint64_t seed : {11u, 12u, 13u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_corpus(seed, 400, true), options, "");
  }
}

TEST_F(ScliteComparison, CaseSensitive) {
  ScliteOptions options;
  options.case_sensitive = true;
  for (const std::uint64_t seed : {21u, 22u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    compare(make_corpus(seed, 400, true), options, "-s -D");
  }
}

TEST_F(ScliteComparison, PlainCorpusTwoThreads) {
  ScliteOptions options;
  options.threads = 2;
  compare(make_corpus(31, 600, false), options, "-D");
}

// The mode matters: on this pair unit-cost Levenshtein (the default mode) and sclite disagree, and the
// comparison above would catch an implementation that fell back to it.
TEST_F(ScliteComparison, UnitCostAlignmentDiffersFromSclite) {
  const Corpus c{"jobcentret ringer (anne-1)\n", "ringer jobcentret (anne-1)\n"};
  const auto rows = parse_rsum(sclite(c.ref, c.hyp, "-D", "rsum"));
  ASSERT_TRUE(rows.count("Sum"));
  const std::vector<std::string> ref{"jobcentret", "ringer"}, hyp{"ringer", "jobcentret"};
  const ErrorCounts unit = count_errors(ref, hyp);
  EXPECT_NE(unit.substitutions, rows.at("Sum").sub);
  EXPECT_EQ(rows.at("Sum"), (Row{1, 2, 1, 0, 1, 1, 2, 1}));
}

}  // namespace
}  // namespace pb
