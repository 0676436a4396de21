#include "core/utf8.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace pb
