#include "core/utf8.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/rng.h"

namespace pb {
namespace {

TEST(Utf8, ValidDanishText) {
  EXPECT_TRUE(is_valid_utf8("Rødgrød med fløde på Ærø"));
  EXPECT_TRUE(is_valid_utf8(""));
}

TEST(Utf8, FindsFirstInvalidByte) {
  const std::string text = std::string("ab") + "\xC3" + "(";  // truncated two-byte sequence
  ASSERT_TRUE(find_invalid_utf8(text).has_value());
  EXPECT_EQ(*find_invalid_utf8(text), 2u);
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // UTF-16 surrogate encoded in UTF-8
}

TEST(Utf8, CasefoldHandlesDanishLetters) {
  EXPECT_EQ(casefold("ÆBLE Øl ÅEN"), "æble øl åen");
  EXPECT_EQ(casefold("Straße"), "strasse");
}

TEST(Utf8, NfcComposesDecomposedAring) {
  const std::string decomposed = "a\xCC\x8A";  // a + COMBINING RING ABOVE
  EXPECT_EQ(to_nfc(decomposed), "å");
}

TEST(Utf8, SanitizeReplacesInvalidBytes) {
  EXPECT_EQ(sanitize_utf8("ok\xFFok"), "ok\xEF\xBF\xBDok");
  EXPECT_EQ(sanitize_utf8("æøå"), "æøå");
}

// find_invalid_utf8 skips ASCII eight bytes at a time; the offset it reports must not depend on where
// the bad byte falls relative to those 8-byte steps.
TEST(Utf8, InvalidByteFoundAtEveryOffsetInLongAsciiText) {
  for (std::size_t at = 0; at < 40; ++at) {
    std::string text(40, 'a');
    text[at] = '\xFF';
    EXPECT_EQ(find_invalid_utf8(text), std::optional<std::size_t>(at)) << at;
  }
  EXPECT_EQ(find_invalid_utf8(std::string(1000, 'x')), std::nullopt);
}

TEST(Utf8, MultiByteSequencesAcrossEightByteSteps) {
  for (std::size_t at = 0; at < 12; ++at) {
    const std::string prefix(at, 'a');
    EXPECT_TRUE(is_valid_utf8(prefix + "æøå" + "bbbbbbbbbbbb")) << at;
    EXPECT_TRUE(is_valid_utf8(prefix + "\xF0\x9F\x98\x80" + "cccccccc")) << at;  // 4-byte emoji
    // A truncated 3-byte sequence is reported at its lead byte.
    EXPECT_EQ(find_invalid_utf8(prefix + "\xE2\x82" + "dddddddd"), std::optional<std::size_t>(at)) << at;
    // Truncated at the very end of the text.
    EXPECT_EQ(find_invalid_utf8(prefix + "\xC3"), std::optional<std::size_t>(at)) << at;
  }
  EXPECT_EQ(find_invalid_utf8("abcdefgh\xC0\xAFijklmnop"), std::optional<std::size_t>(8));   // overlong '/'
  EXPECT_EQ(find_invalid_utf8("abcdefghi\xF4\x90\x80\x80"), std::optional<std::size_t>(9));  // above U+10FFFF
}

// An independent strict UTF-8 checker (RFC 3629), to compare with on random byte strings.
std::optional<std::size_t> reference_invalid_utf8(const std::string& text) {
  std::size_t i = 0;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  while (i < text.size()) {
    const unsigned char b = byte(i);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      length = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      length = 3;
      if (b == 0xE0) low = 0xA0;
      if (b == 0xED) high = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      length = 4;
      if (b == 0xF0) low = 0x90;
      if (b == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    if (byte(i + 1) < low || byte(i + 1) > high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return i;
    }
    i += length;
  }
  return std::nullopt;
}

TEST(Utf8, AgreesWithAStrictCheckerOnRandomText) {
  Rng rng(11);
  const std::vector<std::string> pieces{
      "a",    "hej ",         "æ",       "ø", "Å", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\x80", "\xC3", "\xED\xA0\x80",
      "\xFF", "\xE0\x80\x80", "        "};
  int invalid = 0;
  for (int k = 0; k < 3000; ++k) {
    std::string text;
    const auto n = rng.uniform_int(0, 30);
    for (std::int64_t p = 0; p < n; ++p) {
      // Mostly valid pieces, so the first error lands at varied offsets.
      text += rng.uniform_int(0, 9) == 0 ? rng.pick(pieces) : pieces[rng.index(7)];
    }
    const auto expected = reference_invalid_utf8(text);
    ASSERT_EQ(find_invalid_utf8(text), expected) << k;
    invalid += expected.has_value() ? 1 : 0;
  }
  EXPECT_GT(invalid, 100);  // the comparison covered invalid text, not only valid text
}

}  // namespace
}  // namespace pb
