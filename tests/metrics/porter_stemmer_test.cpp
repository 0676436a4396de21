#include "metrics/porter_stemmer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "python_peer.h"

namespace pb {
namespace {

std::string nltk(std::string_view w) { return porter_stem(w, PorterMode::nltk_extensions); }
std::string martin(std::string_view w) { return porter_stem(w, PorterMode::martin_extensions); }
std::string original(std::string_view w) { return porter_stem(w, PorterMode::original_algorithm); }

TEST(PorterStemmer, PaperExamplesThroughAllSteps) {
  // Step 1a: SSES -> SS, IES -> I, SS -> SS, S -> ''.
  EXPECT_EQ(nltk("caresses"), "caress");
  EXPECT_EQ(nltk("ponies"), "poni");
  EXPECT_EQ(nltk("cats"), "cat");
  // Step 1b: (m>0) EED -> EE keeps "feed" (m("f") = 0); "agreed" -> "agree", then step 5a drops the E
  // because m("agre") = 1 and "gre" is not c-v-c.
  EXPECT_EQ(nltk("feed"), "feed");
  EXPECT_EQ(nltk("agreed"), "agre");
  EXPECT_EQ(nltk("plastered"), "plaster");
  EXPECT_EQ(nltk("bled"), "bled");  // "bl" has no vowel, so -ED stays
  EXPECT_EQ(nltk("motoring"), "motor");
  EXPECT_EQ(nltk("sing"), "sing");
  // Step 1b tidy-up: double consonant undone except l, s, z; (m=1 and *o) adds E.
  EXPECT_EQ(nltk("hopping"), "hop");
  EXPECT_EQ(nltk("falling"), "fall");
  EXPECT_EQ(nltk("hissing"), "hiss");
  EXPECT_EQ(nltk("filing"), "file");
  // Step 2-4 examples.
  EXPECT_EQ(nltk("relational"), "relat");       // ATIONAL->ATE, then (m>1) ATE->''
  EXPECT_EQ(nltk("conditional"), "condit");     // TIONAL->TION, then (m>1, *T) ION->''
  EXPECT_EQ(nltk("hopefulness"), "hope");       // FULNESS->FUL, FUL->'', then m("hop")=1 keeps E
  EXPECT_EQ(nltk("adjustment"), "adjust");
  EXPECT_EQ(nltk("controlling"), "control");    // step 5b: (m>1 and *d and *L) -> single letter
  EXPECT_EQ(nltk("roll"), "roll");
}

TEST(PorterStemmer, NltkExtensionsDifferFromTheOriginalAlgorithm) {
  // Irregular forms table.
  EXPECT_EQ(nltk("skies"), "sky");
  EXPECT_EQ(original("skies"), "ski");
  EXPECT_EQ(nltk("dying"), "die");
  EXPECT_EQ(original("dying"), "dy");  // -ING removed, then Y -> I needs a vowel in "d": none
  // Four-letter -ies / -ied.
  EXPECT_EQ(nltk("dies"), "die");
  EXPECT_EQ(original("dies"), "di");
  EXPECT_EQ(nltk("died"), "die");
  EXPECT_EQ(nltk("spied"), "spi");
  // Y -> I only after a consonant that is not the whole stem.
  EXPECT_EQ(nltk("enjoy"), "enjoy");
  EXPECT_EQ(original("enjoy"), "enjoi");
  EXPECT_EQ(nltk("happy"), "happi");
  EXPECT_EQ(nltk("cry"), "cri");      // stem "cr" > 1 letter ending in a consonant
  EXPECT_EQ(original("cry"), "cry");  // no vowel in "cr"
  // -bli -> -ble (original only knows -abli -> -able).
  EXPECT_EQ(nltk("possibly"), "possibl");
  EXPECT_EQ(original("possibly"), "possibli");
  // -logi -> -log with the 'l' counted in the stem ("geo" has m = 0, "geol" has m = 1).
  EXPECT_EQ(nltk("geology"), "geolog");
  EXPECT_EQ(martin("geology"), "geologi");
  // Words of one or two letters are left alone except in the original algorithm.
  EXPECT_EQ(nltk("as"), "as");
  EXPECT_EQ(original("as"), "a");
}

TEST(PorterStemmer, DigitsAndUnicodeAreConsonants) {
  EXPECT_EQ(nltk("1990s"), "1990");
  EXPECT_EQ(nltk("2023"), "2023");
  // 'ø' is one consonant code point: "ø" + "ing" has no vowel before -ING.
  EXPECT_EQ(nltk("sløing"), "sløing");
  EXPECT_EQ(nltk("æbles"), "æble");
  // A double non-ASCII consonant is one character repeated ("ææ"), undone like "pp" in "hopping".
  EXPECT_EQ(nltk("hoææing"), "hoæ");
  // Invalid UTF-8 bytes survive unchanged.
  EXPECT_EQ(nltk("ab\xff\xfe"), "ab\xff\xfe");
  EXPECT_EQ(nltk(""), "");
  EXPECT_EQ(nltk("Running"), "run");  // ASCII upper case is lowered as NLTK does
}

TEST(PorterStemmer, LongInputIsLinearEnoughAndStable) {
  // In a run of y's the letters alternate consonant/vowel, so the last y follows a consonant and
  // step 1c turns it into i; no later rule ends in "yi".
  const std::string ys(20000, 'y');
  EXPECT_EQ(nltk(ys), std::string(19999, 'y') + "i");
  // "bobo…bo" + "tional": TIONAL -> TION (m > 0), then (m > 1, *T) ION -> ''.
  std::string bobo, baba;
  for (int k = 0; k < 2500; ++k) bobo += "bo", baba += "ba";
  EXPECT_EQ(nltk(bobo + "tional"), bobo + "t");
  // "baba…ba" + "tional" ends in ATIONAL, which comes first: -> ATE, then (m > 1) ATE -> ''.
  EXPECT_EQ(nltk(baba + "tional"), baba.substr(0, baba.size() - 1));
}

// ---- agreement with NLTK on a whole dictionary ----

using testing_peers::python_has;
using testing_peers::run_python;

// Words as rouge-score hands them to the stemmer: lower-cased, only a-z, longer than 3 characters.
// Each output line is "word<TAB>nltk<TAB>martin<TAB>original".
constexpr const char* kPeerScript = R"(
import re
from nltk.stem.porter import PorterStemmer
modes = [PorterStemmer(m) for m in (PorterStemmer.NLTK_EXTENSIONS, PorterStemmer.MARTIN_EXTENSIONS,
                                    PorterStemmer.ORIGINAL_ALGORITHM)]
seen = set()
with open('/usr/share/dict/words', encoding='utf-8', errors='replace') as f:
    for line in f:
        w = line.strip().lower()
        if len(w) > 3 and re.fullmatch('[a-z]+', w) and w not in seen:
            seen.add(w)
            print(w, *(s.stem(w) for s in modes), sep='\t')
)";

TEST(PorterStemmer, AgreesWithNltkOnEveryDictionaryWord) {
  if (!std::filesystem::exists("/usr/share/dict/words")) GTEST_SKIP() << "/usr/share/dict/words is missing";
  if (!python_has("nltk.stem.porter")) {
    GTEST_SKIP() << "/usr/bin/python3 has no nltk (apt install python3-nltk) — peer comparison skipped";
  }
  const auto out = run_python(kPeerScript);
  ASSERT_TRUE(out.has_value()) << "the NLTK peer script failed";
  std::istringstream lines(*out);
  std::string line;
  std::size_t words = 0;
  std::vector<std::string> mismatches;
  while (std::getline(lines, line)) {
    std::vector<std::string> f;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      f.push_back(line.substr(start, tab - start));
    }
    f.push_back(line.substr(start));
    ASSERT_EQ(f.size(), 4U) << line;
    ++words;
    const std::string got[3] = {nltk(f[0]), martin(f[0]), original(f[0])};
    for (int m = 0; m < 3; ++m) {
      if (got[m] != f[1 + m] && mismatches.size() < 20) {
        mismatches.push_back(f[0] + " mode " + std::to_string(m) + ": nltk " + f[1 + m] + ", ours " + got[m]);
      }
    }
  }
  EXPECT_GT(words, 30000U);  // wamerican has ~70k distinct lower-case alphabetic words of 4+ letters
  EXPECT_TRUE(mismatches.empty()) << [&] {
    std::string all;
    for (const auto& m : mismatches) all += m + "\n";
    return all;
  }();
}

}  // namespace
}  // namespace pb
