#include "core/cpr.h"

#include <gtest/gtest.h>

namespace pb {
namespace {

TEST(Cpr, MasksHyphenatedAndPlainForms) {
  EXPECT_EQ(mask_cpr("mit CPR-nummer er 120385-1234."), "mit CPR-nummer er XXXXXX-XXXX.");
  EXPECT_EQ(mask_cpr("1203851234"), "XXXXXX-XXXX");
  EXPECT_EQ(mask_cpr("nr. 120385 1234 ok"), "nr. XXXXXX-XXXX ok");
}

TEST(Cpr, AcceptsNumbersFailingModulus11) {
  // 010107-0001 fails the old modulus-11 check but is a valid post-2007 number shape.
  EXPECT_TRUE(looks_like_cpr("010107-0001"));
  EXPECT_EQ(mask_cpr("010107-0001"), "XXXXXX-XXXX");
}

TEST(Cpr, LeavesOtherNumbersAlone) {
  EXPECT_EQ(mask_cpr("4.500 kroner"), "4.500 kroner");
  EXPECT_EQ(mask_cpr("12345678901"), "12345678901");  // 11 digits: not a CPR number
  EXPECT_EQ(mask_cpr("991385-1234"), "991385-1234");  // day 99 is no date
  EXPECT_EQ(mask_cpr("121385-1234"), "121385-1234");  // month 13
  EXPECT_EQ(mask_cpr(""), "");
  EXPECT_EQ(mask_cpr("æøå 120385-1234 æøå"), "æøå XXXXXX-XXXX æøå");
}

}  // namespace
}  // namespace pb
