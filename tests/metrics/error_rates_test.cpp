#include "metrics/error_rates.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "metrics/text_normalize.h"

namespace pb {
namespace {

ErrorCounts counts(std::int64_t ref, std::int64_t hyp, std::int64_t h, std::int64_t s, std::int64_t d,
                   std::int64_t i) {
  ErrorCounts c;
  c.ref_words = ref;
  c.hyp_words = hyp;
  c.hits = h;
  c.substitutions = s;
  c.deletions = d;
  c.insertions = i;
  return c;
}

using Words = std::vector<std::string>;

TEST(ErrorRates, ClassicExampleHandValues) {
  // "the cat sat on the mat" vs "the cat sit on mat": H=4 S=1 D=1 I=0.
  const auto c = counts(6, 5, 4, 1, 1, 0);
  EXPECT_DOUBLE_EQ(word_error_rate(c), 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(match_error_rate(c), 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(word_information_lost(c), 1.0 - (4.0 / 6.0) * (4.0 / 5.0));  // 0.4666...
}

TEST(ErrorRates, InsertionsSeparateWerFromMer) {
  // ref "a b c", hyp "a x b c y": H=3 I=2.
  const auto c = counts(3, 5, 3, 0, 0, 2);
  EXPECT_DOUBLE_EQ(word_error_rate(c), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(match_error_rate(c), 0.4);
  EXPECT_DOUBLE_EQ(word_information_lost(c), 0.4);
  // WER can exceed 1, MER and WIL cannot.
  const auto many = counts(1, 5, 1, 0, 0, 4);
  EXPECT_DOUBLE_EQ(word_error_rate(many), 4.0);
  EXPECT_DOUBLE_EQ(match_error_rate(many), 0.8);
  EXPECT_DOUBLE_EQ(word_information_lost(many), 0.8);
}

TEST(ErrorRates, PerfectAndAllWrong) {
  const auto perfect = counts(4, 4, 4, 0, 0, 0);
  EXPECT_EQ(word_error_rate(perfect), 0.0);
  EXPECT_EQ(match_error_rate(perfect), 0.0);
  EXPECT_EQ(word_information_lost(perfect), 0.0);
  const auto wrong = counts(4, 4, 0, 4, 0, 0);
  EXPECT_EQ(word_error_rate(wrong), 1.0);
  EXPECT_EQ(match_error_rate(wrong), 1.0);
  EXPECT_EQ(word_information_lost(wrong), 1.0);
}

TEST(ErrorRates, EmptyCases) {
  const ErrorCounts both_empty{};
  EXPECT_EQ(word_error_rate(both_empty), 0.0);
  EXPECT_EQ(match_error_rate(both_empty), 0.0);
  EXPECT_EQ(word_information_lost(both_empty), 0.0);

  const auto empty_ref = counts(0, 2, 0, 0, 0, 2);
  EXPECT_TRUE(std::isnan(word_error_rate(empty_ref)));
  EXPECT_EQ(match_error_rate(empty_ref), 1.0);
  EXPECT_EQ(word_information_lost(empty_ref), 1.0);

  const auto empty_hyp = counts(3, 0, 0, 0, 3, 0);
  EXPECT_EQ(word_error_rate(empty_hyp), 1.0);
  EXPECT_EQ(match_error_rate(empty_hyp), 1.0);
  EXPECT_EQ(word_information_lost(empty_hyp), 1.0);
}

TEST(ErrorRates, WerFromAlignment) {
  const Words ref = {"næste", "samtale", "14.", "marts", "kl.", "10"};
  const Words hyp = {"næste", "samtale", "4.", "marts", "kl.", "10", "tak"};
  const auto c = count_errors(ref, hyp);
  EXPECT_EQ(c, counts(6, 7, 5, 1, 0, 1));
  EXPECT_DOUBLE_EQ(word_error_rate(c), 2.0 / 6.0);
}

TEST(CharacterErrors, DanishCodePointsNotBytes) {
  // "ø" is two bytes in UTF-8 but one character.
  const auto c = count_character_errors(Words{"søen", "ligger"}, Words{"soen", "ligger"});
  EXPECT_EQ(c, counts(10, 10, 9, 1, 0, 0));
  EXPECT_DOUBLE_EQ(character_error_rate(c), 0.1);

  const auto d = count_character_errors(Words{"på", "året"}, Words{"pa", "aret"});
  EXPECT_EQ(d.ref_words, 6);
  EXPECT_EQ(d.substitutions, 2);
  EXPECT_EQ(d.errors(), 2);
}

TEST(CharacterErrors, SpacesAreNotCharacters) {
  // A split or joined compound costs no character errors (WER sees it).
  const auto c = count_character_errors(Words{"kørekort"}, Words{"køre", "kort"});
  EXPECT_EQ(c, counts(8, 8, 8, 0, 0, 0));
  EXPECT_EQ(character_error_rate(c), 0.0);
  EXPECT_GT(word_error_rate(count_errors(Words{"kørekort"}, Words{"køre", "kort"})), 0.0);
}

TEST(CharacterErrors, InsertionsAndDeletions) {
  const auto c = count_character_errors(Words{"jobcenter"}, Words{"jobbcentret"});
  // job-b-cent-r-e-t vs job-cent-e-r: minimum 3 edits.
  EXPECT_EQ(c.errors(), 3);
  EXPECT_EQ(c.ref_words, 9);
  EXPECT_EQ(c.hyp_words, 11);
}

TEST(CharacterErrors, EmptyCases) {
  EXPECT_EQ(count_character_errors(Words{}, Words{}), ErrorCounts{});
  EXPECT_TRUE(std::isnan(character_error_rate(count_character_errors(Words{}, Words{"ja"}))));
  EXPECT_EQ(character_error_rate(count_character_errors(Words{"nej"}, Words{})), 1.0);
}

TEST(CharacterErrors, NfdAndNfcAgreeAfterBasicNormalisation) {
  const std::string nfc = "\xC3\xA5ret";    // "året", å precomposed
  const std::string nfd = "a\xCC\x8Aret";   // "a" + combining ring above
  // Raw, the decomposed form has an extra code point.
  EXPECT_EQ(count_character_errors(Words{nfc}, Words{nfd}).errors(), 2);
  const auto ref = normalize_to_words(nfc, NormalizerKind::basic);
  const auto hyp = normalize_to_words(nfd, NormalizerKind::basic);
  EXPECT_EQ(count_character_errors(ref, hyp).errors(), 0);
  EXPECT_EQ(count_character_errors(ref, hyp).ref_words, 4);
}

TEST(CharacterErrors, InvalidBytesCountOnce) {
  const auto c = count_character_errors(Words{"ab"}, Words{"a\xFF"});
  EXPECT_EQ(c, counts(2, 2, 1, 1, 0, 0));
}

}  // namespace
}  // namespace pb
