#include "metrics/text_normalize.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/rng.h"
#include "core/utf8.h"
#include "metrics/word_alignment.h"

namespace pb {
namespace {

using Words = std::vector<std::string>;

Words basic(std::string_view text) { return normalize_to_words(text, NormalizerKind::basic); }
Words none(std::string_view text) { return normalize_to_words(text, NormalizerKind::none); }

TEST(NormalizerNames, RoundTrip) {
  EXPECT_EQ(normalizer_from_name("none"), NormalizerKind::none);
  EXPECT_EQ(normalizer_from_name("basic"), NormalizerKind::basic);
  EXPECT_EQ(normalizer_from_name("da"), NormalizerKind::da);
  EXPECT_EQ(normalizer_from_name("Basic"), std::nullopt);
  EXPECT_EQ(normalizer_from_name("DA"), std::nullopt);
  EXPECT_EQ(normalizer_from_name("da+keep-fillers"), std::nullopt);  // options need parse_normalizer
  EXPECT_EQ(normalizer_from_name(""), std::nullopt);
  for (const auto kind : {NormalizerKind::none, NormalizerKind::basic, NormalizerKind::da}) {
    const Normalizer n = describe_normalizer(kind);
    EXPECT_EQ(normalizer_from_name(n.name), kind);
    EXPECT_FALSE(n.version.empty());
    EXPECT_FALSE(n.rules.empty());
  }
}

TEST(NormalizerNames, DaIsVersionedAndListsBasicRulesFirst) {
  const Normalizer da = describe_normalizer(NormalizerKind::da);
  const Normalizer basic = describe_normalizer(NormalizerKind::basic);
  EXPECT_EQ(da.name, "da");
  EXPECT_EQ(da.version, "1");
  ASSERT_GT(da.rules.size(), basic.rules.size());
  EXPECT_TRUE(std::equal(basic.rules.begin(), basic.rules.end(), da.rules.begin()));
  for (const auto& rule : da.rules) EXPECT_FALSE(rule.empty());
}

TEST(NormalizerNames, OptionsAreInTheNameAndRules) {
  using Choice = NormalizerChoice;
  EXPECT_EQ(parse_normalizer("da"), (Choice{NormalizerKind::da, {true, true}}));
  EXPECT_EQ(parse_normalizer("basic"), (Choice{NormalizerKind::basic, {}}));
  EXPECT_EQ(parse_normalizer("none"), (Choice{NormalizerKind::none, {}}));
  EXPECT_EQ(parse_normalizer("da+keep-fillers"), (Choice{NormalizerKind::da, {false, true}}));
  EXPECT_EQ(parse_normalizer("da+no-compounds"), (Choice{NormalizerKind::da, {true, false}}));
  EXPECT_EQ(parse_normalizer("da+keep-fillers+no-compounds"), (Choice{NormalizerKind::da, {false, false}}));
  EXPECT_EQ(parse_normalizer("da+no-compounds+keep-fillers"), (Choice{NormalizerKind::da, {false, false}}));
  for (const char* bad : {"da+", "da+keep-fillers+keep-fillers", "da+shout", "basic+keep-fillers", "none+no-compounds",
                          "+da", "da+Keep-Fillers", "da ", "da++keep-fillers", ""}) {
    EXPECT_EQ(parse_normalizer(bad), std::nullopt) << bad;
  }
  // Every option combination has its own name, which parses back to it.
  for (const bool fillers : {true, false}) {
    for (const bool compounds : {true, false}) {
      const NormalizerOptions o{fillers, compounds};
      const Normalizer n = describe_normalizer(NormalizerKind::da, o);
      EXPECT_EQ(parse_normalizer(n.name), (Choice{NormalizerKind::da, o})) << n.name;
      EXPECT_EQ(n.version, "1");
    }
  }
  EXPECT_EQ(describe_normalizer(NormalizerKind::da, {false, true}).name, "da+keep-fillers");
  EXPECT_EQ(describe_normalizer(NormalizerKind::da, {true, false}).name, "da+no-compounds");
  EXPECT_EQ(describe_normalizer(NormalizerKind::da, {false, false}).name, "da+keep-fillers+no-compounds");
  EXPECT_NE(describe_normalizer(NormalizerKind::da, {false, true}).rules, describe_normalizer(NormalizerKind::da).rules);
  // Options do not apply to basic: same name and output.
  EXPECT_EQ(describe_normalizer(NormalizerKind::basic, {false, false}).name, "basic");
  EXPECT_EQ(normalize_to_words("øh Hej", NormalizerKind::basic, {false, false}), (Words{"øh", "hej"}));
}

TEST(BasicMarkedWords, MarksPeriodsCapitalsAndKeepsTimeAndDatePunctuation) {
  const auto w = basic_marked_words("Vi ses d. 14. Marts kl. 10:30, 14/3 100% e-Boks 4.500");
  std::vector<std::string> texts;
  for (const auto& m : w) texts.push_back(m.text);
  EXPECT_EQ(texts, (Words{"vi", "ses", "d", "14", "marts", "kl", "10:30", "14/3", "100", "%", "e-boks", "4.500"}));
  ASSERT_EQ(w.size(), 12u);
  EXPECT_TRUE(w[0].capitalised);
  EXPECT_FALSE(w[1].capitalised);
  EXPECT_TRUE(w[2].period_after);
  EXPECT_TRUE(w[3].period_after);
  EXPECT_TRUE(w[4].capitalised);
  EXPECT_FALSE(w[4].period_after);
  EXPECT_TRUE(w[5].period_after);
  EXPECT_FALSE(w[6].period_after);  // followed by ','
  EXPECT_FALSE(w[10].capitalised);
  EXPECT_TRUE(basic_marked_words("").empty());
  EXPECT_TRUE(basic_marked_words(" ... ").empty());
  // Same words as basic when no time/date/percent punctuation is involved.
  const std::string text = "ÆBLE, Straße og pa\xCC\x8A arbejds\xC2\xAD" "løs 3F's ab\xFF" "cd";
  std::vector<std::string> marked;
  for (const auto& m : basic_marked_words(text)) marked.push_back(m.text);
  EXPECT_EQ(marked, basic(text));
  const auto upper = basic_marked_words("Ærø ørsted");
  EXPECT_TRUE(upper[0].capitalised);
  EXPECT_FALSE(upper[1].capitalised);
}

TEST(NormalizeNone, SplitsOnUnicodeWhiteSpaceOnly) {
  EXPECT_EQ(none("  Hej, med\tdig!\n"), (Words{"Hej,", "med", "dig!"}));
  // NO-BREAK SPACE, IDEOGRAPHIC SPACE, LINE SEPARATOR, NEXT LINE.
  EXPECT_EQ(none("a\xC2\xA0" "b\xE3\x80\x80" "c\xE2\x80\xA8" "d\xC2\x85" "e"), (Words{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(none("ÆBLE"), Words{"ÆBLE"});
  EXPECT_EQ(none(""), Words{});
  EXPECT_EQ(none(" \t\n "), Words{});
  // No NFC under none: the decomposed form stays decomposed.
  EXPECT_EQ(none("a\xCC\x8A"), Words{"a\xCC\x8A"});
  EXPECT_EQ(none("ab\xFF"), Words{"ab\xEF\xBF\xBD"});
}

TEST(NormalizeBasic, CaseFoldsAndKeepsDanishLetters) {
  EXPECT_EQ(basic("ÆBLE"), Words{"æble"});
  EXPECT_EQ(basic("ÆBLE"), basic("æble"));
  EXPECT_EQ(basic("Ærø Østerbro ÅBENRÅ"), (Words{"ærø", "østerbro", "åbenrå"}));
  EXPECT_EQ(basic("Café Über Straße"), (Words{"café", "über", "strasse"}));
}

TEST(NormalizeBasic, NfcAndNfdAreEqual) {
  const std::string nfc = "p\xC3\xA5";   // "på"
  const std::string nfd = "pa\xCC\x8A";  // "pa" + combining ring above
  ASSERT_NE(nfc, nfd);
  EXPECT_EQ(basic(nfc), basic(nfd));
  EXPECT_EQ(basic(nfd), Words{nfc});
  EXPECT_EQ(basic("P" "A\xCC\x8A"), Words{nfc});
}

TEST(NormalizeBasic, PunctuationBecomesSpace) {
  EXPECT_EQ(basic("Hej, med dig!"), (Words{"hej", "med", "dig"}));
  EXPECT_EQ(basic("\"Ja\" (måske) - nej..."), (Words{"ja", "måske", "nej"}));
  EXPECT_EQ(basic("«citat» ‘her’ “der”"), (Words{"citat", "her", "der"}));
  EXPECT_EQ(basic("a.b a,b a/b a_b"), (Words{"a", "b", "a", "b", "a", "b", "a", "b"}));
  EXPECT_EQ(basic("100% 5 kr. 3+4=7 §12 €"), (Words{"100", "5", "kr", "3", "4", "7", "12"}));
  EXPECT_EQ(basic("godt 👍 gået"), (Words{"godt", "gået"}));
}

TEST(NormalizeBasic, KeepsWordInternalHyphensAndApostrophes) {
  EXPECT_EQ(basic("E-Boks"), Words{"e-boks"});
  EXPECT_EQ(basic("3F's a-kasse"), (Words{"3f's", "a-kasse"}));
  EXPECT_EQ(basic("CPR 010190-1234"), (Words{"cpr", "010190-1234"}));
  // Typographic variants map to the ASCII character.
  EXPECT_EQ(basic("e\xE2\x80\x90" "boks"), Words{"e-boks"});  // U+2010 HYPHEN
  EXPECT_EQ(basic("3F\xE2\x80\x99s"), Words{"3f's"});         // U+2019
  // Not between two alphanumerics: removed.
  EXPECT_EQ(basic("e - boks -x y- 'z' --"), (Words{"e", "boks", "x", "y", "z"}));
  EXPECT_EQ(basic("e--boks"), (Words{"e", "boks"}));
}

TEST(NormalizeBasic, KeepsDigitInternalPeriodAndComma) {
  EXPECT_EQ(basic("4.500 kr."), (Words{"4.500", "kr"}));
  EXPECT_EQ(basic("10,5 timer"), (Words{"10,5", "timer"}));
  EXPECT_EQ(basic("kl. 10.30, ca. 4.500 kr."), (Words{"kl", "10.30", "ca", "4.500", "kr"}));
  EXPECT_EQ(basic("14.03.2026"), Words{"14.03.2026"});
  // Between a digit and a letter, or at the end of a number: removed.
  EXPECT_EQ(basic("1.a 2,b 3."), (Words{"1", "a", "2", "b", "3"}));
}

TEST(NormalizeBasic, FormatAndControlCharacters) {
  EXPECT_EQ(basic("arbejds\xC2\xAD" "løshed"), Words{"arbejdsløshed"});  // soft hyphen
  EXPECT_EQ(basic("\xEF\xBB\xBFhej"), Words{"hej"});                     // BOM
  EXPECT_EQ(basic("hej\xE2\x80\x8B" "med"), (Words{"hej", "med"}));       // zero-width space
  EXPECT_EQ(basic("hej\x01med\x7F"), (Words{"hej", "med"}));
  // Removing a format character between a letter and a combining mark still yields NFC.
  EXPECT_EQ(basic("a\xE2\x80\x8D\xCC\x8A"), Words{"\xC3\xA5"});
}

TEST(NormalizeBasic, InvalidBytesSplitButNeverCrash) {
  EXPECT_EQ(basic("ab\xFF" "cd"), (Words{"ab", "cd"}));
  EXPECT_EQ(basic("\xC3"), Words{});
}

TEST(NormalizeBasic, EmptyAndWhiteSpace) {
  EXPECT_EQ(basic(""), Words{});
  EXPECT_EQ(basic("  .,!?  \n"), Words{});
}

TEST(NormalizeBasic, RandomInputGivesCleanTokens) {
  // Whatever comes in, tokens are valid UTF-8, non-empty, NFC, case-folded and contain no white space.
  Rng rng(99);
  const std::vector<std::string> pieces = {"a", "Æ", "ø", " ", "-", "'", ".", ",", "1", "\xCC\x8A", "\xC2\xAD",
                                           "\xE2\x80\x99", "\xFF", "\xC3", "\t", "!", "ß", "\xC2\xA0", "É"};
  for (int trial = 0; trial < 2000; ++trial) {
    std::string text;
    const auto len = rng.uniform_int(0, 20);
    for (std::int64_t k = 0; k < len; ++k) text += rng.pick(pieces);
    for (const auto& w : basic(text)) {
      ASSERT_FALSE(w.empty()) << text;
      ASSERT_TRUE(is_valid_utf8(w)) << text;
      ASSERT_EQ(w, casefold(w)) << text;
      ASSERT_EQ(w.find_first_of(" \t\n"), std::string::npos) << text;
      ASSERT_EQ(w.find("\xC2\xA0"), std::string::npos) << text;
      ASSERT_NE(w.front(), '-') << text;
      ASSERT_NE(w.back(), '-') << text;
    }
    for (const auto& w : none(text)) {
      ASSERT_FALSE(w.empty());
      ASSERT_TRUE(is_valid_utf8(w));
    }
  }
}

TEST(NormalizeBasic, WerAfterNormalisation) {
  const auto ref = basic("Du søger mindst to stillinger om ugen. Næste samtale: 14. marts kl. 10.");
  const auto hyp = basic("du søger mindst 2 stillinger om ugen næste samtale 14 marts kl 10");
  EXPECT_EQ(ref.size(), 13u);
  const auto c = count_errors(ref, hyp);
  EXPECT_EQ(c.errors(), 1);  // "to" vs "2"; numbers are left to the Danish normaliser
}

}  // namespace
}  // namespace pb
