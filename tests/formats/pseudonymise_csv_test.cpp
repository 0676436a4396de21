#include "formats/pseudonymise_csv.h"

#include <gtest/gtest.h>

#include "core/hash.h"
#include "tests/formats/error_text.h"

namespace pb {
namespace {

const std::string kKey = "0123456789abcdef-nøgle";

TEST(PseudonymiseCsv, ReplacesOnlyTheNamedColumnsAndLinksAcrossFiles) {
  const auto timing = pseudonymise_csv("Borger;minutter;note\n120385-1234;12,5;\"a;b\"\n;3;x\n", "t.csv", {"borger"}, kKey);
  EXPECT_EQ(timing.rows, 2u);
  EXPECT_EQ(timing.replaced, 1u);
  const std::string pseudonym = keyed_pseudonym(kKey, "120385-1234");
  // csv_field quotes any cell holding ',' or ';', whichever the delimiter: still the same value when read back.
  EXPECT_EQ(timing.text, "Borger;minutter;note\n" + pseudonym + ";\"12,5\";\"a;b\"\n;3;x\n");
  // The same citizen in another export, another column order and delimiter: the same pseudonym.
  const auto cases = pseudonymise_csv("\xEF\xBB\xBFid,target_group\n120385-1234,jobparate\n", "c.csv", {"ID"}, kKey);
  EXPECT_EQ(cases.text, "id,target_group\n" + pseudonym + ",jobparate\n");
  EXPECT_EQ(cases.text.find("120385"), std::string::npos);
}

TEST(PseudonymiseCsv, ProblemsAndShortKeys) {
  const auto text = testing_formats::error_text([] { pseudonymise_csv("a,b\n1,2\n", "x.csv", {"cpr"}, kKey); });
  EXPECT_NE(text.find("x.csv:1: header: expected a column named \"cpr\""), std::string::npos) << text;
  const auto ragged = testing_formats::error_text([] { pseudonymise_csv("a,b\n1,2,3\n", "x.csv", {"a"}, kKey); });
  EXPECT_NE(ragged.find("x.csv:2"), std::string::npos) << ragged;
  EXPECT_THROW(pseudonymise_csv("a\n1\n", "x.csv", {"a"}, "kort"), std::invalid_argument);
}

}  // namespace
}  // namespace pb
