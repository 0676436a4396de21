#include "metrics/rouge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/rng.h"

namespace pb {
namespace {

using Tokens = std::vector<std::string>;

const RougeOptions kPlain{};
const RougeOptions kStemmed{RougeTokenizer::rouge_score, true};
const RougeOptions kDanish{RougeTokenizer::danish, false};
const RougeOptions kDanishStemmed{RougeTokenizer::danish, true};

std::string read_data(const std::string& name) {
  const auto path = std::filesystem::path(PILOTBENCH_SOURCE_DIR) / "tests/metrics/data/rouge" / name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Python's f.readlines(): lines keep their '\n'.
std::vector<std::string> read_lines(const std::string& name) {
  std::vector<std::string> lines;
  std::istringstream in(read_data(name));
  for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  return lines;
}

void expect_score(const RougeScore& s, double p, double r, double f, double tolerance, const char* what) {
  EXPECT_NEAR(s.precision, p, tolerance) << what << " precision";
  EXPECT_NEAR(s.recall, r, tolerance) << what << " recall";
  EXPECT_NEAR(s.fmeasure, f, tolerance) << what << " F";
}

// rouge-score's assertAlmostEqual(x, y, places=5) accepts |x - y| < 0.5e-5.
constexpr double kFivePlaces = 0.5e-5;
constexpr double kExact = 1e-12;

// ---- rouge_scorer_test.py: hand-written strings ----

TEST(RougeScorePublished, Rouge1) {
  // "testing one two" vs "testing": 1 shared unigram; P = 1/1, R = 1/3, F = 2·(1/3)/(4/3) = 1/2.
  expect_score(rouge_n("testing one two", "testing", 1), 1.0, 1.0 / 3, 0.5, kExact, "rouge1");
}

TEST(RougeScorePublished, Rouge2) {
  // Bigrams {testing one, one two} vs {testing one}: P = 1, R = 1/2, F = 2/3.
  expect_score(rouge_n("testing one two", "testing one", 2), 1.0, 0.5, 2.0 / 3, kExact, "rouge2");
}

TEST(RougeScorePublished, RougeLConsecutiveAndNonConsecutive) {
  // LCS 2 of 3 target tokens, 2 of 2 prediction tokens: P = 1, R = 2/3, F = 4/5.
  expect_score(rouge_l("testing one two", "testing one"), 1.0, 2.0 / 3, 0.8, kExact, "rougeL consecutive");
  expect_score(rouge_l("testing one two", "testing two"), 1.0, 2.0 / 3, 0.8, kExact, "rougeL gap");
}

TEST(RougeScorePublished, MultipleTypesAtOnce) {
  const RougeScores s = rouge_scores("testing one two", "testing one");
  expect_score(s.rouge1, 1.0, 2.0 / 3, 0.8, kExact, "rouge1");
  expect_score(s.rougeL, 1.0, 2.0 / 3, 0.8, kExact, "rougeL");
}

TEST(RougeScorePublished, EmptyPredictionGivesZeroForEveryType) {
  const RougeScores s = rouge_scores("testing one two", "");
  for (const RougeScore* r : {&s.rouge1, &s.rouge2, &s.rougeL, &s.rougeLsum}) {
    expect_score(*r, 0, 0, 0, 0, "empty prediction");
  }
}

TEST(RougeScorePublished, SummaryLevelLcsOnIntegers) {
  // ROUGE paper §3.2: ref [1 2 3 4 5]; candidates [1 2 6 7 8] (LCS 1 2) and [1 3 8 9 5] (LCS 1 3 5);
  // union {1 2 3 5} = 4 hits; R = 4/5, P = 4/10, F = 2·0.32/1.2 = 0.5333….
  const RougeScore s = rouge_lsum_tokens({{"1", "2", "3", "4", "5"}},
                                         {{"1", "2", "6", "7", "8"}, {"1", "3", "8", "9", "5"}});
  EXPECT_EQ(s.recall, 0.8);
  EXPECT_EQ(s.precision, 0.4);
  EXPECT_NEAR(s.fmeasure, 0.5333, 0.5e-3);
  EXPECT_NEAR(s.fmeasure, 0.64 / 1.2, kExact);
  // The tokeniser may leave a candidate sentence empty.
  EXPECT_EQ(rouge_lsum_tokens({{"reference"}}, {{}}).recall, 0.0);
}

TEST(RougeScorePublished, RougeLsumFromText) {
  expect_score(rouge_lsum("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5"), 0.4, 0.8, 0.64 / 1.2, kExact,
               "lsum");
  expect_score(rouge_lsum("w1 w2 w3 w4 w5", ""), 0, 0, 0, 0, "empty prediction");
  expect_score(rouge_lsum("", "w1"), 0, 0, 0, 0, "empty target");
  expect_score(rouge_lsum("w1 w2 w3 w4 w5", "/"), 0, 0, 0, 0, "prediction without word characters");
}

// ---- rouge_scorer_test.py: ROUGE-1.5.5 ground truth on testdata ----

class RougeAgainstRouge155 : public testing::Test {
 protected:
  std::vector<std::string> targets = read_lines("target.txt");
  std::vector<std::string> predictions = read_lines("prediction.txt");
};

TEST_F(RougeAgainstRouge155, Rouge1) {
  ASSERT_GE(targets.size(), 2U);
  ASSERT_GE(predictions.size(), 2U);
  expect_score(rouge_n(targets[0], predictions[0], 1), 0.68750, 0.40741, 0.51163, kFivePlaces, "line 0");
  expect_score(rouge_n(targets[1], predictions[1], 1), 0.65385, 0.40476, 0.50000, kFivePlaces, "line 1");
}

TEST_F(RougeAgainstRouge155, Rouge1WithStemming) {
  ASSERT_GE(targets.size(), 2U);
  expect_score(rouge_n(targets[0], predictions[0], 1, kStemmed), 0.68750, 0.40741, 0.51163, kFivePlaces, "line 0");
  expect_score(rouge_n(targets[1], predictions[1], 1, kStemmed), 0.69231, 0.42857, 0.52941, kFivePlaces, "line 1");
}

TEST_F(RougeAgainstRouge155, Rouge2WithAndWithoutStemming) {
  ASSERT_GE(targets.size(), 2U);
  for (const auto& options : {kPlain, kStemmed}) {
    expect_score(rouge_n(targets[0], predictions[0], 2, options), 0.53333, 0.30769, 0.39024, kFivePlaces, "line 0");
    expect_score(rouge_n(targets[1], predictions[1], 2, options), 0.48000, 0.29268, 0.36364, kFivePlaces, "line 1");
  }
}

TEST_F(RougeAgainstRouge155, RougeL) {
  ASSERT_GE(targets.size(), 2U);
  expect_score(rouge_l(targets[0], predictions[0]), 0.68750, 0.40741, 0.51163, kFivePlaces, "line 0");
  expect_score(rouge_l(targets[1], predictions[1]), 0.65385, 0.40476, 0.50000, kFivePlaces, "line 1");
}

TEST(RougeAgainstRouge155Multi, RougeLsumWithStemming) {
  const RougeScore s = rouge_lsum(read_data("target_multi.0.txt"), read_data("prediction_multi.0.txt"), kStemmed);
  expect_score(s, 0.66667, 0.36538, 0.47205, kFivePlaces, "multi.0");
}

// ---- tokeniser ----

TEST(RougeTokenizer, RougeScoreRules) {
  // Lower-case; every run outside [a-z0-9] separates; nothing else is dropped.
  EXPECT_EQ(rouge_tokenize("The quick-brown FOX, 14.30!"), (Tokens{"the", "quick", "brown", "fox", "14", "30"}));
  // Non-ASCII letters are separators, exactly like rouge-score: "æble" → "ble", "på" → "p".
  EXPECT_EQ(rouge_tokenize("Æble på Østerbro"), (Tokens{"ble", "p", "sterbro"}));
  // Python's lower() maps İ to "i" + U+0307 (a separator) and the Kelvin sign to "k".
  EXPECT_EQ(rouge_tokenize("\xC4\xB0stanbul 5\xE2\x84\xAA"), (Tokens{"i", "stanbul", "5k"}));
  EXPECT_TRUE(rouge_tokenize("").empty());
  EXPECT_TRUE(rouge_tokenize(" /-- \n\t ").empty());
  EXPECT_EQ(rouge_tokenize("ab\xFF" "cd"), (Tokens{"ab", "cd"}));  // an invalid byte separates
}

TEST(RougeTokenizer, StemsOnlyTokensLongerThanThreeCharacters) {
  // "dies" (4) → "die" (NLTK's four-letter -ies rule); "ties" too; "runs" → "run"; "was" (3) is kept
  // although Porter would give "wa".
  EXPECT_EQ(rouge_tokenize("Dies ties runs was caresses", kStemmed), (Tokens{"die", "tie", "run", "was", "caress"}));
}

TEST(RougeTokenizer, DanishKeepsLettersAndDigits) {
  EXPECT_EQ(rouge_tokenize("Æble-kagen på Østerbro kl. 14.30, ca. 4.500 kr.", kDanish),
            (Tokens{"æble", "kagen", "på", "østerbro", "kl", "14", "30", "ca", "4", "500", "kr"}));
  // NFC: a decomposed å (a + U+030A) is the same token as the precomposed one; casefold: ß → ss.
  EXPECT_EQ(rouge_tokenize("Ga\xCC\x8Ar STRA\xC3\x9F" "E", kDanish), (Tokens{"g\xC3\xA5r", "strasse"}));
  // Invalid bytes become U+FFFD, a symbol, so they separate.
  EXPECT_EQ(rouge_tokenize("ab\xFF" "cd", kDanish), (Tokens{"ab", "cd"}));
}

TEST(RougeTokenizer, DanishStemmingUsesSnowball) {
  // Snowball Danish removes -erne/-en/-et/-ene inside R1 and undoubles the final consonant pair.
  const Tokens stemmed = rouge_tokenize("Borgeren borgerne ledigheden", kDanishStemmed);
  ASSERT_EQ(stemmed.size(), 3U);
  EXPECT_EQ(stemmed[0], stemmed[1]);  // "borgeren" and "borgerne" share the stem "borg"
  EXPECT_EQ(stemmed[0], "borg");
  // "ledigheden": -heden goes in step 1, then step 3 removes -ig in R1 ("ig" after "led").
  EXPECT_EQ(stemmed[2], "led");
}

TEST(RougeDanish, AeOeAaCountWithTheDanishTokenizerOnly) {
  // "Mødet på Østerbro" vs "Mødet i Aarhus": with rouge-score's tokeniser "m" "det" "p" "sterbro"
  // and "m" "det" "i" "aarhus" share 2 of 4; with da, only "mødet" is shared: 1 of 3.
  const RougeScore rs = rouge_n("Mødet på Østerbro", "Mødet i Aarhus", 1);
  EXPECT_NEAR(rs.recall, 2.0 / 4, kExact);
  const RougeScore da = rouge_n("Mødet på Østerbro", "Mødet i Aarhus", 1, kDanish);
  EXPECT_NEAR(da.recall, 1.0 / 3, kExact);
  EXPECT_NEAR(da.precision, 1.0 / 3, kExact);
}

// ---- Lsum details ----

TEST(RougeLsum, ClipsTokensUsedByMoreThanOneReferenceSentence) {
  // Reference sentences "a b" and "a c", candidate "a": each sentence's union LCS is {a}, but the
  // candidate has one "a", so only the first counts. hits = 1, R = 1/4, P = 1/1, F = 2·0.25/1.25 = 0.4.
  expect_score(rouge_lsum("a b\na c", "a"), 1.0, 0.25, 0.4, kExact, "clipped");
}

TEST(RougeLsum, FollowsRougeScoresBacktrackingOnTies) {
  // ref "a b", candidates "b a" and "b". For "b a" both "a" and "b" are an LCS; rouge-score's
  // backtracking steps up on ties and so takes "a". With "b" from the second candidate the union is
  // {a, b}: hits 2, R = 2/2, P = 2/3, F = 0.8. (Had it taken "b", the union would be {b}: R = 1/2.)
  expect_score(rouge_lsum("a b", "b a\nb"), 2.0 / 3, 1.0, 0.8, kExact, "tie");
}

TEST(RougeLsum, EmptyAndCarriageReturnLines) {
  // Empty lines are dropped; a "\r" line is kept but has no tokens.
  expect_score(rouge_lsum("\n\nw1 w2\n\n", "w1\r\n\r\nw2"), 1.0, 1.0, 1.0, kExact, "blank lines");
  expect_score(rouge_lsum("\n\n", "w1"), 0, 0, 0, 0, "only newlines");
}

TEST(RougeN, InvalidOrderThrowsAndLongOrdersAreZero) {
  EXPECT_THROW(rouge_n("a b", "a b", 0), std::invalid_argument);
  EXPECT_THROW(rouge_n_tokens({"a"}, {"a"}, -1), std::invalid_argument);
  // rouge9 on three tokens: no n-grams, so 0/max(0,1) everywhere.
  expect_score(rouge_n("testing one two", "testing", 9), 0, 0, 0, 0, "rouge9");
}

TEST(RougeN, ClipsRepeatedNgrams) {
  // target "the the cat", prediction "the the the the": unigram overlap min(2,4) + min(1,0) = 2;
  // P = 2/4, R = 2/3, F = 2·(1/3)/(7/6) = 4/7.
  expect_score(rouge_n("the the cat", "the the the the", 1), 0.5, 2.0 / 3, 4.0 / 7, kExact, "clip");
}

// ---- efficiency paths against a plain implementation ----

std::size_t naive_lcs(const std::vector<int>& a, const std::vector<int>& b) {
  std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j)
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
  return t[a.size()][b.size()];
}

TEST(RougeLcs, MatchesFullTableOnRandomSequences) {
  Rng rng(42);
  for (int round = 0; round < 300; ++round) {
    std::vector<int> a(static_cast<std::size_t>(rng.uniform_int(0, 40)));
    std::vector<int> b(static_cast<std::size_t>(rng.uniform_int(0, 40)));
    for (auto& x : a) x = static_cast<int>(rng.uniform_int(0, 5));
    for (auto& x : b) x = static_cast<int>(rng.uniform_int(0, 5));
    ASSERT_EQ(lcs_length(a, b), naive_lcs(a, b)) << "round " << round;
    ASSERT_EQ(lcs_length(b, a), naive_lcs(a, b)) << "round " << round;
  }
}

std::string random_note(std::size_t words, Rng& rng) {
  static const std::vector<std::string> vocab = {"borgeren", "har", "søger", "job", "i", "kommunen", "og", "vil",
                                                 "gerne", "arbejde", "med", "børn", "på", "Østerbro", "næste",
                                                 "møde", "er", "den", "14.", "marts", "kl.", "10"};
  std::string text;
  for (std::size_t k = 0; k < words; ++k) {
    if (k > 0) text += ' ';
    text += rng.pick(vocab);
  }
  return text;
}

TEST(RougeHuge, SingleLineLsumEqualsRougeLOnThousandsOfWords) {
  // With one sentence per side the union LCS is the LCS itself, and clipping cannot bite because an
  // LCS uses no token more often than either side has it. 3000 × 2800 words → an 8.4M-cell table.
  Rng rng(7);
  const std::string target = random_note(3000, rng);
  const std::string prediction = random_note(2800, rng);
  for (const auto& options : {kPlain, kDanishStemmed}) {
    const RougeScores s = rouge_scores(target, prediction, options);
    EXPECT_GT(s.rougeL.fmeasure, 0.3);
    EXPECT_LT(s.rougeL.fmeasure, 1.0);
    EXPECT_EQ(s.rougeLsum.precision, s.rougeL.precision);
    EXPECT_EQ(s.rougeLsum.recall, s.rougeL.recall);
    EXPECT_EQ(s.rougeLsum.fmeasure, s.rougeL.fmeasure);
  }
  const RougeScores same = rouge_scores(target, target, kDanish);
  for (const RougeScore* r : {&same.rouge1, &same.rouge2, &same.rougeL, &same.rougeLsum}) {
    expect_score(*r, 1, 1, 1, 0, "identical");
  }
}

// ---- sentence splitting ----

TEST(SplitSentences, SplitsProseButNotAbbreviationsOrOrdinals) {
  EXPECT_EQ(split_sentences_for_lsum("Borgeren kom kl. 10. Hun søger job, bl.a. som pædagog. Næste møde er "
                                     "den 15. marts kl. 9. Aftalt ca. 4.500 kr. pr. måned!"),
            "Borgeren kom kl. 10.\nHun søger job, bl.a. som pædagog.\nNæste møde er den 15. marts kl. 9.\n"
            "Aftalt ca. 4.500 kr. pr. måned!");
  // f.eks./pga./nr. before a capital or a digit do not end a sentence; an initial neither.
  EXPECT_EQ(split_sentences_for_lsum("Hun nævnte f.eks. Netto. Pga. Corona var der lukket. Sag nr. 12 er "
                                     "lukket. J. Hansen deltog."),
            "Hun nævnte f.eks. Netto.\nPga. Corona var der lukket.\nSag nr. 12 er lukket.\nJ. Hansen deltog.");
  // A number before a digit is a date, before a capital it ends the sentence.
  EXPECT_EQ(split_sentences_for_lsum("Den 15. 3. 2024 startede hun. Hun har været ledig siden 2019. Hun vil "
                                     "videre."),
            "Den 15. 3. 2024 startede hun.\nHun har været ledig siden 2019.\nHun vil videre.");
}

TEST(SplitSentences, QuestionsQuotesAndExistingLines) {
  EXPECT_EQ(split_sentences_for_lsum("Kan du starte?! »Ja.« Godt...  Så aftaler vi det.\n\n  - punkt to  \r\n"),
            "Kan du starte?!\n»Ja.«\nGodt...\nSå aftaler vi det.\n- punkt to");
  EXPECT_EQ(split_sentences_for_lsum("Hvad nu? sagde hun."), "Hvad nu? sagde hun.");  // lower case continues
  EXPECT_EQ(split_sentences_for_lsum(""), "");
  EXPECT_EQ(split_sentences_for_lsum("\n \n"), "");
  EXPECT_EQ(split_sentences_for_lsum("Se www.jobnet.dk. Det er nemt."), "Se www.jobnet.dk.\nDet er nemt.");
}

TEST(SplitSentences, FeedsLsum) {
  // Two sentences each side; the order of sentences does not matter to Lsum but does to ROUGE-L.
  const std::string target = "Borgeren søger job. Hun har en uddannelse.";
  const std::string prediction = "Hun har en uddannelse. Borgeren søger job.";
  const RougeScore lsum = rouge_lsum(split_sentences_for_lsum(target), split_sentences_for_lsum(prediction), kDanish);
  expect_score(lsum, 1, 1, 1, kExact, "reordered sentences");
  EXPECT_LT(rouge_l(target, prediction, kDanish).fmeasure, 1.0);
}

TEST(RougeOptionsName, IsStable) {
  EXPECT_EQ(rouge_options_name(kPlain), "rouge-score");
  EXPECT_EQ(rouge_options_name(kStemmed), "rouge-score+porter-nltk");
  EXPECT_EQ(rouge_options_name(kDanish), "da");
  EXPECT_EQ(rouge_options_name(kDanishStemmed), "da+snowball-danish");
}

}  // namespace
}  // namespace pb
