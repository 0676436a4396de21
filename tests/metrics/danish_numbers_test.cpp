#include "metrics/danish_numbers.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace pb {
namespace {

using Words = std::vector<std::string>;

Words split(const std::string& text) {
  Words out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Value of a whole phrase; -1 when it does not read as exactly one cardinal phrase.
long long cardinal(const std::string& text) {
  const Words w = split(text);
  const auto n = read_danish_number(w, 0);
  if (!n || n->ordinal || n->end != w.size()) return -1;
  return static_cast<long long>(n->value);
}

long long ordinal(const std::string& text) {
  const Words w = split(text);
  const auto n = read_danish_number(w, 0);
  if (!n || !n->ordinal || n->end != w.size()) return -1;
  return static_cast<long long>(n->value);
}

TEST(DanishNumbers, ZeroToNineteen) {
  const Words words = {"nul",  "en",   "to",   "tre",     "fire",    "fem",    "seks",    "syv",    "otte",  "ni",
                       "ti",   "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten"};
  for (std::size_t v = 0; v < words.size(); ++v) EXPECT_EQ(cardinal(words[v]), static_cast<long long>(v)) << words[v];
  EXPECT_EQ(cardinal("et"), 1);
  EXPECT_EQ(cardinal("én"), 1);
  EXPECT_EQ(cardinal("ét"), 1);
}

TEST(DanishNumbers, VigesimalTensShortAndLong) {
  EXPECT_EQ(cardinal("tyve"), 20);
  EXPECT_EQ(cardinal("tredive"), 30);
  EXPECT_EQ(cardinal("fyrre"), 40);
  EXPECT_EQ(cardinal("fyrretyve"), 40);
  EXPECT_EQ(cardinal("halvtreds"), 50);
  EXPECT_EQ(cardinal("halvtredsindstyve"), 50);
  EXPECT_EQ(cardinal("tres"), 60);
  EXPECT_EQ(cardinal("tresindstyve"), 60);
  EXPECT_EQ(cardinal("halvfjerds"), 70);
  EXPECT_EQ(cardinal("halvfjerdsindstyve"), 70);
  EXPECT_EQ(cardinal("firs"), 80);
  EXPECT_EQ(cardinal("firsindstyve"), 80);
  EXPECT_EQ(cardinal("halvfems"), 90);
  EXPECT_EQ(cardinal("halvfemsindstyve"), 90);
}

TEST(DanishNumbers, AllTwentyOneToNinetyNineInWordsAndAsOneWord) {
  const Words units = {"en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"};
  const Words tens = {"tyve", "tredive", "fyrre", "halvtreds", "tres", "halvfjerds", "firs", "halvfems"};
  for (std::size_t t = 0; t < tens.size(); ++t) {
    for (std::size_t u = 0; u < units.size(); ++u) {
      const long long want = static_cast<long long>((t + 2) * 10 + u + 1);
      EXPECT_EQ(cardinal(units[u] + " og " + tens[t]), want) << units[u] << " og " << tens[t];
      const auto parts = split_danish_number_word(units[u] + "og" + tens[t]);
      ASSERT_TRUE(parts.has_value()) << units[u] << "og" << tens[t];
      EXPECT_EQ(*parts, (Words{units[u], "og", tens[t]}));
    }
  }
  // Hand-checked spot values.
  EXPECT_EQ(cardinal("to og tyve"), 22);
  EXPECT_EQ(cardinal("syv og halvfems"), 97);
  EXPECT_EQ(cardinal("tre og tredive"), 33);
  EXPECT_EQ(cardinal("fem og halvfjerdsindstyve"), 75);
}

TEST(DanishNumbers, Hundreds) {
  EXPECT_EQ(cardinal("hundrede"), 100);
  EXPECT_EQ(cardinal("et hundrede"), 100);
  EXPECT_EQ(cardinal("et hundrede og fem"), 105);
  EXPECT_EQ(cardinal("to hundrede"), 200);
  EXPECT_EQ(cardinal("to hundrede og tre og tyve"), 223);
  EXPECT_EQ(cardinal("ni hundrede og ni og halvfems"), 999);
  EXPECT_EQ(cardinal("to hundrede tyve"), 220);  // colloquial, without "og"
  EXPECT_EQ(cardinal("nitten hundrede og firs"), 1980);
  EXPECT_EQ(cardinal("tolv hundrede"), 1200);
}

TEST(DanishNumbers, ThousandsMillionsMilliards) {
  EXPECT_EQ(cardinal("tusind"), 1000);
  EXPECT_EQ(cardinal("et tusind"), 1000);
  EXPECT_EQ(cardinal("tusinde"), 1000);
  EXPECT_EQ(cardinal("to tusind fem hundrede"), 2500);
  EXPECT_EQ(cardinal("to tusind og fem"), 2005);
  EXPECT_EQ(cardinal("fire tusind fem hundrede"), 4500);
  EXPECT_EQ(cardinal("hundrede tusind"), 100000);
  EXPECT_EQ(cardinal("to hundrede og fem tusind"), 205000);
  EXPECT_EQ(cardinal("en million"), 1000000);
  EXPECT_EQ(cardinal("to millioner tre hundrede tusind"), 2300000);
  EXPECT_EQ(cardinal("to komma fem"), -1);  // decimals are the normaliser's job
  EXPECT_EQ(cardinal("ni hundrede og ni og halvfems milliarder ni hundrede og ni og halvfems millioner "
                     "ni hundrede og ni og halvfems tusind ni hundrede og ni og halvfems"),
            999999999999LL);
  EXPECT_EQ(cardinal("2 millioner"), 2000000);
  EXPECT_EQ(cardinal("4 tusind"), 4000);
}

TEST(DanishNumbers, Ordinals) {
  const Words first31 = {"første",      "anden",        "tredje",       "fjerde",        "femte",        "sjette",
                         "syvende",     "ottende",      "niende",       "tiende",        "ellevte",      "tolvte",
                         "trettende",   "fjortende",    "femtende",     "sekstende",     "syttende",     "attende",
                         "nittende",    "tyvende",      "en og tyvende", "to og tyvende", "tre og tyvende", "fire og tyvende",
                         "fem og tyvende", "seks og tyvende", "syv og tyvende", "otte og tyvende", "ni og tyvende", "tredivte",
                         "en og tredivte"};
  for (std::size_t v = 0; v < first31.size(); ++v) EXPECT_EQ(ordinal(first31[v]), static_cast<long long>(v + 1)) << first31[v];
  EXPECT_EQ(ordinal("andet"), 2);
  EXPECT_EQ(ordinal("tredivende"), 30);
  EXPECT_EQ(ordinal("fyrretyvende"), 40);
  EXPECT_EQ(ordinal("halvfemsindstyvende"), 90);
  EXPECT_EQ(ordinal("ni og halvfemsindstyvende"), 99);
  EXPECT_EQ(ordinal("hundrede og femte"), 105);
  EXPECT_EQ(cardinal("fjortende"), -1);
}

TEST(DanishNumbers, StopsWhereTheNumberEnds) {
  const Words w = split("to og tre");
  const auto n = read_danish_number(w, 0);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->value, 2u);
  EXPECT_EQ(n->end, 1u);  // "og tre" is not part of it: tre is not a tens word
  EXPECT_EQ(read_danish_number(w, 1), std::nullopt);
  EXPECT_EQ(read_danish_number(w, 3), std::nullopt);  // start == size
  // Tens then a unit are two numbers; a trailing "og" is not consumed.
  EXPECT_EQ(read_danish_number(split("tyve fem"), 0)->end, 1u);
  EXPECT_EQ(read_danish_number(split("to tusind og"), 0)->end, 2u);
  EXPECT_EQ(read_danish_number(split("ti tredive"), 0)->value, 10u);
  // Scale words must fall; "tusind tusind" is two numbers.
  EXPECT_EQ(read_danish_number(split("tusind tusind"), 0)->end, 1u);
  // A digit string alone is not a number word, and "007 tusind" is not scaled.
  EXPECT_EQ(read_danish_number(split("12"), 0), std::nullopt);
  EXPECT_EQ(read_danish_number(split("007 tusind"), 0), std::nullopt);
  EXPECT_EQ(read_danish_number(split("samtale"), 0), std::nullopt);
  EXPECT_EQ(read_danish_number(Words{}, 0), std::nullopt);
}

TEST(DanishNumbers, SplitsOnlyWholeNumberWords) {
  EXPECT_EQ(split_danish_number_word("toogtyve"), (Words{"to", "og", "tyve"}));
  EXPECT_EQ(split_danish_number_word("tohundrede"), (Words{"to", "hundrede"}));
  EXPECT_EQ(split_danish_number_word("enogtyvende"), (Words{"en", "og", "tyvende"}));
  EXPECT_EQ(split_danish_number_word("ethundredeogfem"), (Words{"et", "hundrede", "og", "fem"}));
  EXPECT_EQ(split_danish_number_word("tyve"), std::nullopt);     // one morpheme: not a compound
  EXPECT_EQ(split_danish_number_word("seksten"), std::nullopt);  // not seks + "ten"
  EXPECT_EQ(split_danish_number_word("tien"), std::nullopt);     // ti + en = two numbers
  EXPECT_EQ(split_danish_number_word("entre"), std::nullopt);    // en + tre = two numbers
  EXPECT_EQ(split_danish_number_word("toog"), std::nullopt);
  EXPECT_EQ(split_danish_number_word("samtale"), std::nullopt);
  EXPECT_EQ(split_danish_number_word(""), std::nullopt);
  EXPECT_EQ(split_danish_number_word("TOOGTYVE"), std::nullopt);  // expects case-folded input
}

TEST(DanishNumbers, Months) {
  EXPECT_EQ(danish_month_number("januar"), 1);
  EXPECT_EQ(danish_month_number("marts"), 3);
  EXPECT_EQ(danish_month_number("december"), 12);
  EXPECT_EQ(danish_month_number("Marts"), 0);
  EXPECT_EQ(danish_month_number("march"), 0);
  EXPECT_EQ(danish_month_number(""), 0);
  for (int m = 1; m <= 12; ++m) EXPECT_EQ(danish_month_number(danish_month_name(m)), m);
  EXPECT_EQ(danish_month_name(5), "maj");
}

}  // namespace
}  // namespace pb
