#include "metrics/danish_normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/rng.h"
#include "core/utf8.h"
#include "metrics/text_normalize.h"
#include "metrics/word_alignment.h"

namespace pb {
namespace {

using Words = std::vector<std::string>;

Words da(std::string_view text) { return normalize_to_words(text, NormalizerKind::da); }
Words da_keep_fillers(std::string_view text) {
  NormalizerOptions o;
  o.remove_fillers = false;
  return normalize_to_words(text, NormalizerKind::da, o);
}
NormalizedPair da_pair(std::string_view ref, std::string_view hyp) { return normalize_pair(ref, hyp, NormalizerKind::da); }

TEST(DanishNormalize, AcceptanceSentence) {
  const std::string ref = "Vi ses d. 14. marts kl. 10.30 i Job Centret, øh, Aarhus";
  const std::string hyp = "vi ses den fjortende marts klokken ti tredive i jobcentret aarhus";
  const auto pair = da_pair(ref, hyp);
  const Words want = {"vi", "ses", "den", "14.", "marts", "kl", "10:30", "i", "jobcentret", "århus"};
  EXPECT_EQ(pair.ref, want);
  EXPECT_EQ(pair.hyp, want);
  EXPECT_EQ(count_errors(pair.ref, pair.hyp).errors(), 0);
  // Without the pair step only the compound differs.
  EXPECT_EQ(da(ref), (Words{"vi", "ses", "den", "14.", "marts", "kl", "10:30", "i", "job", "centret", "århus"}));
}

TEST(DanishNormalize, KeepsBasicBehaviourForPlainText) {
  EXPECT_EQ(da("Hej, med dig!"), (Words{"hej", "med", "dig"}));
  EXPECT_EQ(da("ÆBLE Ærø Østerbro ÅBENRÅ"), (Words{"æble", "ærø", "østerbro", "åbenrå"}));
  EXPECT_EQ(da("pa\xCC\x8A"), Words{"p\xC3\xA5"});  // NFD → NFC
  EXPECT_EQ(da("3F's"), Words{"3f's"});
  EXPECT_EQ(da(""), Words{});
  EXPECT_EQ(da("  .,!?  "), Words{});
  EXPECT_EQ(da("ab\xFF" "cd"), (Words{"ab", "cd"}));
}

TEST(DanishNormalize, CardinalWordsBecomeDigits) {
  EXPECT_EQ(da("nul"), Words{"0"});
  EXPECT_EQ(da("du søger mindst to stillinger"), (Words{"du", "søger", "mindst", "2", "stillinger"}));
  EXPECT_EQ(da("toogtyve"), Words{"22"});
  EXPECT_EQ(da("to og tyve"), Words{"22"});
  EXPECT_EQ(da("Toogtyve"), Words{"22"});
  EXPECT_EQ(da("halvtreds halvfjerds halvfems"), (Words{"50", "70", "90"}));
  EXPECT_EQ(da("tres firs fyrre tredive"), (Words{"60", "80", "40", "30"}));
  EXPECT_EQ(da("niogfyrre"), Words{"49"});
  EXPECT_EQ(da("et hundrede og fem"), Words{"105"});
  EXPECT_EQ(da("ethundrede"), Words{"100"});
  EXPECT_EQ(da("to tusind fem hundrede"), Words{"2500"});
  EXPECT_EQ(da("totusind femhundrede"), Words{"2500"});
  EXPECT_EQ(da("to og tre"), (Words{"2", "og", "3"}));
  EXPECT_EQ(da("ti tredive"), (Words{"10", "30"}));  // not a time without kl
  EXPECT_EQ(da("2 millioner"), Words{"2000000"});
  EXPECT_EQ(da("tusind tak"), (Words{"1000", "tak"}));
  // Out of scope: fractions stay words.
  EXPECT_EQ(da("en halv million"), (Words{"en", "halv", "1000000"}));
  EXPECT_EQ(da("halvanden time"), (Words{"halvanden", "time"}));
}

TEST(DanishNormalize, ArticleEnEtOnlyInNumberContext) {
  EXPECT_EQ(da("en samtale"), (Words{"en", "samtale"}));
  EXPECT_EQ(da("et møde"), (Words{"et", "møde"}));
  EXPECT_EQ(da("det er en"), (Words{"det", "er", "en"}));
  EXPECT_EQ(da("en time"), (Words{"1", "time"}));
  EXPECT_EQ(da("et år"), (Words{"1", "år"}));
  EXPECT_EQ(da("en krone"), (Words{"1", "kr"}));
  EXPECT_EQ(da("nummer en"), (Words{"nr", "1"}));
  EXPECT_EQ(da("en og tyve"), Words{"21"});
  EXPECT_EQ(da("et hundrede"), Words{"100"});
  EXPECT_EQ(da("én samtale"), (Words{"1", "samtale"}));  // stressed: always the number
  EXPECT_EQ(da("en komma fem"), Words{"1,5"});
}

TEST(DanishNormalize, ThousandSeparatorsAndDecimals) {
  EXPECT_EQ(da("4.500 kr."), (Words{"4500", "kr"}));
  EXPECT_EQ(da("fire tusind fem hundrede kroner"), (Words{"4500", "kr"}));
  EXPECT_EQ(da("1.234.567"), Words{"1234567"});
  EXPECT_EQ(da("4.500,50"), Words{"4500,50"});
  EXPECT_EQ(da("10,5 timer"), (Words{"10,5", "timer"}));
  EXPECT_EQ(da("ti komma fem timer"), (Words{"10,5", "timer"}));
  EXPECT_EQ(da("to komma nul fem"), Words{"2,05"});
  EXPECT_EQ(da("ti komma femogtyve"), Words{"10,25"});
  EXPECT_EQ(da("10 komma 5"), Words{"10,5"});
  // Not thousand groups: left as written.
  EXPECT_EQ(da("4.5000 0.500 4,500"), (Words{"4.5000", "0.500", "4,500"}));
  EXPECT_EQ(da("komma"), Words{"komma"});
  EXPECT_EQ(da("ti komma"), (Words{"10", "komma"}));
}

TEST(DanishNormalize, OrdinalWordsOneToThirtyOne) {
  const Words words = {"første",        "anden",         "tredje",        "fjerde",       "femte",
                       "sjette",        "syvende",       "ottende",       "niende",       "tiende",
                       "ellevte",       "tolvte",        "trettende",     "fjortende",    "femtende",
                       "sekstende",     "syttende",      "attende",       "nittende",     "tyvende",
                       "enogtyvende",   "toogtyvende",   "treogtyvende",  "fireogtyvende", "femogtyvende",
                       "seksogtyvende", "syvogtyvende",  "otteogtyvende", "niogtyvende",  "tredivte",
                       "enogtredivte"};
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string n = std::to_string(k + 1) + ".";
    EXPECT_EQ(da("den " + words[k] + " marts"), (Words{"den", n, "marts"})) << words[k];
    EXPECT_EQ(da("d. " + std::to_string(k + 1) + ". marts"), (Words{"den", n, "marts"})) << k + 1;
  }
  EXPECT_EQ(da("for det første"), (Words{"for", "det", "1."}));
  EXPECT_EQ(da("tredje sal"), (Words{"3.", "sal"}));
  EXPECT_EQ(da("3. sal"), (Words{"3.", "sal"}));
  EXPECT_EQ(da("en og tyvende"), Words{"21."});
}

TEST(DanishNormalize, AndenIsSecondOnlyBeforeAMonth) {
  EXPECT_EQ(da("en anden gang"), (Words{"en", "anden", "gang"}));
  EXPECT_EQ(da("anden gang"), (Words{"anden", "gang"}));
  EXPECT_EQ(da("et andet sted"), (Words{"et", "andet", "sted"}));
  EXPECT_EQ(da("den anden maj"), (Words{"den", "2.", "maj"}));
  EXPECT_EQ(da("2. maj"), (Words{"2.", "maj"}));
}

TEST(DanishNormalize, WrittenOrdinalVersusSentenceEnd) {
  EXPECT_EQ(da("Jeg er 45."), (Words{"jeg", "er", "45"}));
  EXPECT_EQ(da("Jeg er 45. Og du?"), (Words{"jeg", "er", "45", "og", "du"}));
  EXPECT_EQ(da("femogfyrre"), Words{"45"});
  EXPECT_EQ(da("Vi ses den 14."), (Words{"vi", "ses", "den", "14."}));
  EXPECT_EQ(da("vi ses d. 14."), (Words{"vi", "ses", "den", "14."}));
  EXPECT_EQ(da("14 marts"), (Words{"14.", "marts"}));
  EXPECT_EQ(da("fjorten marts"), (Words{"14.", "marts"}));
  EXPECT_EQ(da("32 marts"), (Words{"32", "marts"}));
  EXPECT_EQ(da("2026."), Words{"2026"});
  EXPECT_EQ(da("d. 45."), (Words{"d", "45"}));  // not a day: "d" stays
}

TEST(DanishNormalize, Dates) {
  const Words want = {"den", "14.", "marts"};
  EXPECT_EQ(da("d. 14. marts"), want);
  EXPECT_EQ(da("den 14. marts"), want);
  EXPECT_EQ(da("den fjortende marts"), want);
  EXPECT_EQ(da("d. 14/3"), want);
  EXPECT_EQ(da("den 14/3"), want);
  EXPECT_EQ(da("14/3"), (Words{"14.", "marts"}));
  EXPECT_EQ(da("14/03"), (Words{"14.", "marts"}));
  EXPECT_EQ(da("14/3-2026"), (Words{"14.", "marts", "2026"}));
  EXPECT_EQ(da("14/3/2026"), (Words{"14.", "marts", "2026"}));
  EXPECT_EQ(da("14.03.2026"), (Words{"14.", "marts", "2026"}));
  EXPECT_EQ(da("1. januar"), (Words{"1.", "januar"}));
  EXPECT_EQ(da("31/12"), (Words{"31.", "december"}));
  // Impossible days and months are not dates.
  EXPECT_EQ(da("32/3 14/13 0/5"), (Words{"32/3", "14/13", "0/5"}));
  EXPECT_EQ(da("d"), Words{"d"});
}

TEST(DanishNormalize, ClockTimes) {
  EXPECT_EQ(da("kl. 10.30"), (Words{"kl", "10:30"}));
  EXPECT_EQ(da("kl 10:30"), (Words{"kl", "10:30"}));
  EXPECT_EQ(da("klokken ti tredive"), (Words{"kl", "10:30"}));
  EXPECT_EQ(da("klokken halv elleve"), (Words{"kl", "10:30"}));
  EXPECT_EQ(da("halv elleve"), Words{"10:30"});
  EXPECT_EQ(da("10:30"), Words{"10:30"});
  EXPECT_EQ(da("10.30"), Words{"10:30"});
  EXPECT_EQ(da("kl. 10"), (Words{"kl", "10:00"}));
  EXPECT_EQ(da("klokken ti"), (Words{"kl", "10:00"}));
  EXPECT_EQ(da("kl. 10.00"), (Words{"kl", "10:00"}));
  EXPECT_EQ(da("kl. 08.05"), (Words{"kl", "8:05"}));
  EXPECT_EQ(da("klokken otte nul fem"), (Words{"kl", "8:05"}));
  EXPECT_EQ(da("klokken et"), (Words{"kl", "1:00"}));
  EXPECT_EQ(da("halv et"), Words{"12:30"});
  EXPECT_EQ(da("halv 11"), Words{"10:30"});
  EXPECT_EQ(da("kvart over ti"), Words{"10:15"});
  EXPECT_EQ(da("kvart i elleve"), Words{"10:45"});
  EXPECT_EQ(da("kvart i et"), Words{"12:45"});
  EXPECT_EQ(da("klokken fjorten femogfyrre"), (Words{"kl", "14:45"}));
  // Not times.
  EXPECT_EQ(da("klokken ti fem personer"), (Words{"kl", "10:00", "5", "personer"}));
  EXPECT_EQ(da("en halv time"), (Words{"en", "halv", "time"}));
  EXPECT_EQ(da("og en halv"), (Words{"og", "en", "halv"}));
  EXPECT_EQ(da("25.30 10.60"), (Words{"25.30", "10.60"}));
  EXPECT_EQ(da("22.30"), Words{"22:30"});  // 24-hour form is not folded onto halv elleve
  EXPECT_NE(da("22.30"), da("halv elleve"));
}

TEST(DanishNormalize, KlAlone) {
  EXPECT_EQ(da("kl."), Words{"kl"});
  EXPECT_EQ(da("hvad er klokken"), (Words{"hvad", "er", "kl"}));
  EXPECT_EQ(da("klokken er mange"), (Words{"kl", "er", "mange"}));
  EXPECT_EQ(da("kl. 99"), (Words{"kl", "99"}));
}

TEST(DanishNormalize, Abbreviations) {
  for (const char* text : {"f.eks.", "f. eks.", "feks", "fx", "for eksempel", "F.eks."}) EXPECT_EQ(da(text), Words{"fx"}) << text;
  for (const char* text : {"kr.", "kr", "kroner", "krone"}) EXPECT_EQ(da(text), Words{"kr"}) << text;
  for (const char* text : {"ca.", "ca", "cirka"}) EXPECT_EQ(da(text), Words{"ca"}) << text;
  for (const char* text : {"kl.", "kl", "klokken"}) EXPECT_EQ(da(text), Words{"kl"}) << text;
  for (const char* text : {"pct.", "pct", "procent", "%"}) EXPECT_EQ(da(text), Words{"pct"}) << text;
  for (const char* text : {"nr.", "nr", "nummer"}) EXPECT_EQ(da(text), Words{"nr"}) << text;
  EXPECT_EQ(da("100%"), (Words{"100", "pct"}));
  EXPECT_EQ(da("hundrede procent"), (Words{"100", "pct"}));
  EXPECT_EQ(da("ca. 4.500 kr."), da("cirka fire tusind fem hundrede kroner"));
  EXPECT_EQ(da("nr. 5"), da("nummer fem"));
  // Only in sequence: "for" alone and "f" alone stay.
  EXPECT_EQ(da("for meget f"), (Words{"for", "meget", "f"}));
}

TEST(DanishNormalize, HyphenPolicy) {
  EXPECT_EQ(da("e-boks"), Words{"eboks"});
  EXPECT_EQ(da("E-Boks"), da("eboks"));
  EXPECT_EQ(da("a-kasse"), Words{"akasse"});
  EXPECT_EQ(da("e\xE2\x80\x90" "boks"), Words{"eboks"});  // U+2010
  EXPECT_EQ(da("010190-1234"), Words{"010190-1234"});     // between digits: kept
  EXPECT_EQ(da("covid-19"), Words{"covid19"});
  EXPECT_EQ(da("e - boks"), (Words{"e", "boks"}));
  // "e boks" against "e-boks" is the compound step's job.
  const auto pair = da_pair("e-boks", "e boks");
  EXPECT_EQ(pair.ref, Words{"eboks"});
  EXPECT_EQ(pair.hyp, Words{"eboks"});
}

TEST(DanishNormalize, FillersRemovedByDefaultAndKeptOnRequest) {
  EXPECT_EQ(da("øh jeg øhm tror eh hm hmm mm mhm det"), (Words{"jeg", "tror", "det"}));
  EXPECT_EQ(da("ØH, æh, ehm"), Words{});
  EXPECT_EQ(da_keep_fillers("øh jeg hmm"), (Words{"øh", "jeg", "hmm"}));
  EXPECT_EQ(da("øhlsted hmmm"), (Words{"øhlsted", "hmmm"}));  // only whole listed words
  // Fillers are removed before numbers are read.
  EXPECT_EQ(da("klokken øh ti"), (Words{"kl", "10:00"}));
}

TEST(DanishNormalize, AaWordList) {
  EXPECT_EQ(da("Aarhus"), Words{"århus"});
  EXPECT_EQ(da("Århus"), Words{"århus"});
  EXPECT_EQ(da("AALBORG Aalborgs"), (Words{"ålborg", "ålborgs"}));
  EXPECT_EQ(da("Aabenraa"), Words{"åbenrå"});
  EXPECT_EQ(da("Aars"), Words{"års"});
  // Not on the list: untouched. Never generic aa → å or diacritic stripping.
  EXPECT_EQ(da("Aase"), Words{"aase"});
  EXPECT_EQ(da("ekstraarbejde"), Words{"ekstraarbejde"});
  EXPECT_EQ(da("Kjøbenhavn"), Words{"kjøbenhavn"});
  EXPECT_EQ(da("på"), Words{"på"});
  EXPECT_NE(da("paa"), da("på"));
}

TEST(DanishNormalize, CompoundsJoinBothDirections) {
  auto pair = da_pair("i Job Centret", "i jobcentret");
  EXPECT_EQ(pair.ref, (Words{"i", "jobcentret"}));
  EXPECT_EQ(pair.hyp, (Words{"i", "jobcentret"}));
  pair = da_pair("i jobcentret", "i job centret");
  EXPECT_EQ(pair.ref, (Words{"i", "jobcentret"}));
  EXPECT_EQ(pair.hyp, (Words{"i", "jobcentret"}));
  pair = da_pair("arbejdsløshedsdagpenge", "arbejds løsheds dagpenge");
  EXPECT_EQ(pair.hyp, Words{"arbejdsløshedsdagpenge"});
  // No joining when the other side has no such word.
  pair = da_pair("job centret", "job centret");
  EXPECT_EQ(pair.ref, (Words{"job", "centret"}));
  // The run also appears split on the other side: joining would add errors, so it is not done.
  pair = da_pair("job centret og jobcentret", "jobcentret og job centret");
  EXPECT_EQ(pair.ref, (Words{"job", "centret", "og", "jobcentret"}));
  EXPECT_EQ(pair.hyp, (Words{"jobcentret", "og", "job", "centret"}));
  // Numbers are never glued ("1" + "0" = "10").
  pair = da_pair("10", "1 0");
  EXPECT_EQ(pair.hyp, (Words{"1", "0"}));
  // Option off.
  NormalizerOptions off;
  off.join_compounds = false;
  pair = normalize_pair("Job Centret", "jobcentret", NormalizerKind::da, off);
  EXPECT_EQ(pair.ref, (Words{"job", "centret"}));
}

TEST(DanishNormalize, AlignCompoundsIsSymmetricAndDeterministic) {
  Rng rng(7);
  const Words vocab = {"job", "centret", "jobcentret", "a", "kasse", "akasse", "akassen", "n", "10", "1", "0"};
  for (int trial = 0; trial < 500; ++trial) {
    Words a;
    Words b;
    for (auto len = rng.uniform_int(0, 8); len > 0; --len) a.push_back(rng.pick(vocab));
    for (auto len = rng.uniform_int(0, 8); len > 0; --len) b.push_back(rng.pick(vocab));
    const auto ab = align_compounds(a, b);
    const auto ba = align_compounds(b, a);
    ASSERT_EQ(ab.ref, ba.hyp);
    ASSERT_EQ(ab.hyp, ba.ref);
    ASSERT_EQ(ab, align_compounds(a, b));
    // Joining never adds words, and the letters are unchanged.
    ASSERT_LE(ab.ref.size(), a.size());
    std::string before, after;
    for (const auto& w : a) before += w;
    for (const auto& w : ab.ref) after += w;
    ASSERT_EQ(before, after);
  }
  EXPECT_EQ(align_compounds({}, {}), (NormalizedPair{}));
  EXPECT_EQ(align_compounds({"a", "kasse", "n"}, {"akassen"}).ref, Words{"akassen"});  // longest run first
}

TEST(DanishNormalize, NormalizePairOnOtherKindsIsIndependent) {
  const auto pair = normalize_pair("Job Centret", "jobcentret", NormalizerKind::basic);
  EXPECT_EQ(pair.ref, (Words{"job", "centret"}));
  EXPECT_EQ(pair.hyp, Words{"jobcentret"});
  const auto none = normalize_pair("A b", "c", NormalizerKind::none);
  EXPECT_EQ(none.ref, (Words{"A", "b"}));
}

TEST(DanishNormalize, RealisticCaseworkerSentence) {
  const auto pair = da_pair("Du søger mindst to stillinger om ugen. Næste samtale: 14. marts kl. 10. Ydelsen er ca. 4.500 kr.",
                            "du søger mindst 2 stillinger om ugen næste samtale den 14 marts klokken ti ydelsen er cirka fire tusind fem hundrede kroner");
  EXPECT_EQ(pair.ref, (Words{"du", "søger", "mindst", "2", "stillinger", "om", "ugen", "næste", "samtale", "14.", "marts", "kl",
                             "10:00", "ydelsen", "er", "ca", "4500", "kr"}));
  EXPECT_EQ(count_errors(pair.ref, pair.hyp).errors(), 1);  // the inserted "den" is a real difference
}

TEST(DanishNormalize, RandomInputGivesCleanTokens) {
  Rng rng(11);
  const std::vector<std::string> pieces = {"en", " ", "to", "og", "tyve", "kl", ".", ",", "1", "4", "/", ":", "-", "%", "halv",
                                           "kvart", "i", "over", "marts", "d", "Æ", "ø", "øh", "komma", "hundrede", "tusind",
                                           "anden", "\xFF", "\xCC\x8A", "A", "aa", "million", "0", "milliard", "fjortende"};
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text;
    for (auto len = rng.uniform_int(0, 24); len > 0; --len) text += rng.pick(pieces);
    const auto words = da(text);
    for (const auto& w : words) {
      ASSERT_FALSE(w.empty()) << text;
      ASSERT_TRUE(is_valid_utf8(w)) << text;
      ASSERT_EQ(w, casefold(w)) << text;
      ASSERT_EQ(w.find_first_of(" \t\n"), std::string::npos) << text;
      ASSERT_EQ(w.find('-') == std::string::npos || (w.find_first_of("0123456789") != std::string::npos), true) << text;
    }
    ASSERT_EQ(words, da(text)) << text;  // deterministic
  }
}

TEST(DanishNormalize, HugeInput) {
  std::string text;
  for (int k = 0; k < 20000; ++k) text += "toogtyve kroner kl. 10.30 øh ";
  const auto words = da(text);
  ASSERT_EQ(words.size(), 80000u);
  EXPECT_EQ(words[0], "22");
  EXPECT_EQ(words[3], "10:30");
  // A very long digit string is kept as written.
  const std::string digits(500, '9');
  EXPECT_EQ(da(digits), Words{digits});
  EXPECT_EQ(da(digits + " tusind"), (Words{digits, "1000"}));
}

}  // namespace
}  // namespace pb
