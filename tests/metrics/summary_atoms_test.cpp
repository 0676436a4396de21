#include "metrics/summary_atoms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "metrics/danish_gazetteer.h"

namespace pb {
namespace {

// Compact view of atoms for comparisons: "type|text|canonical".
std::vector<std::string> described(const std::vector<Atom>& atoms) {
  std::vector<std::string> out;
  for (const auto& a : atoms) out.push_back(a.type + "|" + a.text + "|" + a.canonical);
  return out;
}

TEST(CanonicalDate, WrittenAndSpokenFormsAgree) {
  EXPECT_EQ(canonical_date("14. januar"), "01-14");
  EXPECT_EQ(canonical_date("den fjortende januar"), "01-14");
  EXPECT_EQ(canonical_date("14/1"), "01-14");
  EXPECT_EQ(canonical_date("d. 14. januar"), "01-14");
  EXPECT_EQ(canonical_date("mandag den 26. oktober"), "10-26");
  EXPECT_EQ(canonical_date("den enogtyvende marts"), "03-21");
  EXPECT_EQ(canonical_date("14. januar 2027"), "2027-01-14");
  EXPECT_EQ(canonical_date("14-01-2027"), "2027-01-14");
  EXPECT_EQ(canonical_date("2027-01-14"), "2027-01-14");
  EXPECT_EQ(canonical_date("14.01.2027"), "2027-01-14");
  EXPECT_EQ(canonical_date("14/1-2027"), "2027-01-14");
}

TEST(CanonicalDate, RejectsWhatIsNotExactlyOneDate) {
  EXPECT_FALSE(canonical_date(""));
  EXPECT_FALSE(canonical_date("hej"));
  EXPECT_FALSE(canonical_date("32. januar"));
  EXPECT_FALSE(canonical_date("14-13-2027"));  // month 13
  EXPECT_FALSE(canonical_date("14. januar kl. 10"));
  EXPECT_FALSE(canonical_date("14"));
}

TEST(CanonicalTime, ClockReadings) {
  EXPECT_EQ(canonical_time("kl. 10"), "10:00");
  EXPECT_EQ(canonical_time("klokken ti"), "10:00");
  EXPECT_EQ(canonical_time("10.00"), "10:00");
  EXPECT_EQ(canonical_time("8.05"), "08:05");
  EXPECT_EQ(canonical_time("kl. 14.30"), "14:30");
  // Spoken hours are on a 12-hour dial: "halv tre" is (3 − 1):30.
  EXPECT_EQ(canonical_time("halv tre"), "02:30");
  EXPECT_EQ(canonical_time("kvart over ni"), "09:15");
  EXPECT_EQ(canonical_time("kvart i elleve"), "10:45");
  EXPECT_EQ(canonical_time("klokken fjorten tredive"), "14:30");
  EXPECT_FALSE(canonical_time("10"));
  EXPECT_FALSE(canonical_time("en halv time"));
  EXPECT_FALSE(canonical_time(""));
}

TEST(SameClockTime, TwelveHoursApartIsTheSameDialReading) {
  EXPECT_TRUE(same_clock_time("14:30", "02:30"));
  EXPECT_TRUE(same_clock_time("10:00", "22:00"));
  EXPECT_TRUE(same_clock_time("10:00", "10:00"));
  EXPECT_FALSE(same_clock_time("14:30", "14:00"));
  EXPECT_FALSE(same_clock_time("10:00", "16:00"));
  EXPECT_FALSE(same_clock_time("10.00", "10:00"));  // not canonical
  EXPECT_FALSE(same_clock_time("", ""));
}

TEST(CanonicalNumber, DigitsWordsAndSeparators) {
  EXPECT_EQ(canonical_number("tre"), "3");
  EXPECT_EQ(canonical_number("3"), "3");
  EXPECT_EQ(canonical_number("tre uger"), "3");
  EXPECT_EQ(canonical_number("2.500"), "2500");
  EXPECT_EQ(canonical_number("2.500,50"), "2500.5");  // trailing decimal zero dropped
  EXPECT_EQ(canonical_number("10,0"), "10");
  EXPECT_EQ(canonical_number("to tusind fem hundrede"), "2500");
  EXPECT_EQ(canonical_number("ti komma fem"), "10.5");
  EXPECT_EQ(canonical_number("halvanden"), "1.5");
  EXPECT_EQ(canonical_number("4.500 kr."), "4500");
  EXPECT_FALSE(canonical_number("hej"));
  EXPECT_FALSE(canonical_number(""));
}

TEST(CanonicalAmount, NeedsACurrencyWord) {
  EXPECT_EQ(canonical_amount("4.500 kr."), "4500");
  EXPECT_EQ(canonical_amount("to tusind fem hundrede kroner"), "2500");
  EXPECT_EQ(canonical_amount("DKK 2.500,50"), "2500.5");
  EXPECT_EQ(canonical_amount("1.200 DKK"), "1200");
  EXPECT_FALSE(canonical_amount("2500"));
}

TEST(TokenizeWithOffsets, WordsKeepInnerPunctuationAndOffsets) {
  const std::string text = "Kl. 9.00-14.30 på e-Boks. Mette, 3F's A/S";
  const auto t = tokenize_with_offsets(text);
  std::vector<std::string> words;
  for (const auto& w : t) words.push_back(w.text);
  EXPECT_EQ(words, (std::vector<std::string>{"Kl", "9.00", "14.30", "på", "e-Boks", "Mette", "3F's", "A/S"}));
  for (const auto& w : t) EXPECT_EQ(text.substr(w.offset, w.length), w.text);
  EXPECT_TRUE(t[0].sentence_start);
  EXPECT_FALSE(t[1].sentence_start);  // after the abbreviation "Kl."
  EXPECT_TRUE(t[5].sentence_start);   // "Mette" after "e-Boks."
  EXPECT_TRUE(t[6].clause_start);     // after the comma
  EXPECT_FALSE(t[6].sentence_start);
}

TEST(TokenizeWithOffsets, DayBeforeMonthDoesNotEndASentence) {
  const auto t = tokenize_with_offsets("den 14. marts. Næste");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_FALSE(t[2].sentence_start);  // "marts" after "14."
  EXPECT_TRUE(t[3].sentence_start);
}

TEST(ExtractAtoms, CaseNoteSentence) {
  const std::string note =
      "Borger deltager i kursus i CV og ansøgning, 3 dage fra 12. november kl. 9.00–14.30 på jobcentret. "
      "Indkaldelse sendes til e-Boks.";
  EXPECT_EQ(described(extract_atoms(note)), (std::vector<std::string>{
                                                "intervention|kursus i CV og ansøgning|cv-kursus",
                                                "number|3|3",
                                                "date|12. november|11-12",
                                                "time|kl. 9.00|09:00",
                                                "time|14.30|14:30",
                                                "organisation|jobcentret|jobcenter",
                                                "organisation|e-Boks|e-boks",
                                            }));
}

TEST(ExtractAtoms, SpokenNumbersDatesTimesAndAmounts) {
  const std::string text = "Vores næste samtale bliver den fjortende januar klokken ti, og du får to tusind fem hundrede kroner.";
  const auto atoms = extract_atoms(text);
  EXPECT_EQ(described(atoms), (std::vector<std::string>{"date|fjortende januar|01-14", "time|klokken ti|10:00",
                                                        "amount|to tusind fem hundrede kroner|2500"}));
  // Offsets point at the words in the text.
  for (const auto& a : atoms) EXPECT_EQ(text.substr(a.offset, a.length), a.text);
}

TEST(ExtractAtoms, ArticleIsANumberOnlyBeforeAUnit) {
  EXPECT_EQ(described(extract_atoms("Vi tager en snak om en time.")), (std::vector<std::string>{"number|en time|1"}));
}

TEST(ExtractAtoms, NamesPlacesAndOrganisations) {
  const std::string text =
      "Hej igen, Filmon. Mette Jensen bor i Horsens og har søgt hos Ørnereden Hotel i Haslev og hos Kildegaard.";
  EXPECT_EQ(described(extract_atoms(text)), (std::vector<std::string>{
                                                "name|Filmon|filmon",
                                                "name|Mette Jensen|mette jensen",
                                                "place|Horsens|horsens",
                                                "organisation|Ørnereden Hotel|ørnereden hotel",
                                                "place|Haslev|haslev",
                                                "proper_noun|Kildegaard|kildegaard",
                                            }));
}

TEST(ExtractAtoms, CapitalAtSentenceStartIsNotANameUnlessListed) {
  // "Borger" and "Drøftet" are capitalised only because they start a sentence; "Give" is a town and a verb.
  EXPECT_TRUE(extract_atoms("Borger søger job. Drøftet netværk. Give det en chance.").empty());
  EXPECT_EQ(described(extract_atoms("Søren bor på Ærø.")),
            (std::vector<std::string>{"name|Søren|søren", "place|Ærø|ærø"}));
}

TEST(ExtractAtoms, RoleWordsAndCapitalsAfterASemicolonAreNotNames) {
  // Some caseworkers capitalise the role words mid-sentence, and notes capitalise after ';'.
  EXPECT_EQ(described(extract_atoms("Ansat i 2 år; Borger blev afskediget. Aftalt med Sagsbehandler.")),
            std::vector<std::string>{"number|2|2"});
  EXPECT_EQ(described(extract_atoms("Opsagt; Ansættelsen ophørte.")), std::vector<std::string>{});
  // A listed name after ';' is still a name, and a mid-sentence capital after ',' still counts.
  EXPECT_EQ(described(extract_atoms("Opsagt; Mette søger nu, bl.a. hos Vestas.")),
            (std::vector<std::string>{"name|Mette|mette", "proper_noun|Vestas|vestas"}));
}

TEST(ExtractAtoms, JobCentreChannelsAreListedOrganisations) {
  EXPECT_EQ(described(extract_atoms("Aftalen fremgår af Min Plan. Vejledt om Jobnet-appen.")),
            (std::vector<std::string>{"organisation|Min Plan|min plan", "organisation|Jobnet-appen|jobnet"}));
  EXPECT_TRUE(is_job_centre_channel("e-boks"));
  EXPECT_TRUE(is_job_centre_channel("min plan"));
  EXPECT_TRUE(is_job_centre_channel("jobcenter"));
  EXPECT_FALSE(is_job_centre_channel("a-kasse"));
  EXPECT_FALSE(is_job_centre_channel("krifa"));
}

TEST(ExtractAtoms, JobTitlesAndInterventions) {
  const std::string text = "Jobmål: lagermedarbejder eller buschauffør. Tilbudt virksomhedspraktik, løntilskud og mentor.";
  EXPECT_EQ(described(extract_atoms(text)), (std::vector<std::string>{
                                                "job_title|lagermedarbejder|lagermedarbejder",
                                                "job_title|buschauffør|buschauffør",
                                                "intervention|virksomhedspraktik|virksomhedspraktik",
                                                "intervention|løntilskud|løntilskud",
                                                "intervention|mentor|mentor",
                                            }));
  // Verbs that end like a job title are not one.
  EXPECT_TRUE(extract_atoms("hun samarbejder godt og det hjælper").empty());
}

TEST(ExtractAtoms, CprIsMaskedEverywhere) {
  const std::string text = "CPR 100685-6180, også skrevet 1006856180 og 100685 6180.";
  const auto atoms = extract_atoms(text);
  ASSERT_EQ(atoms.size(), 3u);
  for (const auto& a : atoms) {
    EXPECT_EQ(a.type, "cpr");
    EXPECT_EQ(a.text, "XXXXXX-XXXX");
    EXPECT_EQ(a.canonical, "XXXXXX-XXXX");
    EXPECT_EQ(cpr_digits(text, a), "1006856180");
  }
  // A date that is not CPR-shaped stays a number, and an impossible CPR date is not a CPR.
  EXPECT_EQ(described(extract_atoms("kode 3213851234")), (std::vector<std::string>{"number|3213851234|3213851234"}));
}

TEST(ExtractAtoms, EmptyAndOddInputDoNotCrash) {
  EXPECT_TRUE(extract_atoms("").empty());
  EXPECT_TRUE(extract_atoms(" \n\t ").empty());
  EXPECT_TRUE(extract_atoms("...,,,;;;---").empty());
  // Invalid UTF-8 separates words; the date next to it is still read.
  const std::string invalid = std::string("\xff\xfe 15. marts \xc3") + "\x80\x80 kl\xe2\x82";
  const auto atoms = extract_atoms(invalid);
  ASSERT_FALSE(atoms.empty());
  EXPECT_EQ(atoms[0].canonical, "03-15");
  // A lone trigger word at the end of the text.
  EXPECT_TRUE(extract_atoms("kl").empty());
  EXPECT_TRUE(extract_atoms("halv").empty());
}

TEST(ExtractAtoms, DecomposedLettersAndAaSpellings) {
  // "A" + combining ring above is NFC "Å"; both spellings of the town are listed.
  EXPECT_EQ(extract_atoms("Han bor i A\u030Arhus").at(0).type, "place");
  EXPECT_EQ(extract_atoms("Han bor i Aarhus").at(0).type, "place");
}

TEST(ExtractAtoms, HugeInputIsLinear) {
  const std::string sentence = "Borger søger 2 stillinger om ugen hos Bæk Logistik fra den 14. marts kl. 10. ";
  std::string text;
  constexpr int kCopies = 3000;  // 45,000 words
  for (int k = 0; k < kCopies; ++k) text += sentence;
  const auto atoms = extract_atoms(text);
  // Per copy: number 2, organisation, date, time = 4 atoms.
  EXPECT_EQ(atoms.size(), static_cast<std::size_t>(4 * kCopies));
  EXPECT_TRUE(std::is_sorted(atoms.begin(), atoms.end(), [](const Atom& a, const Atom& b) { return a.offset < b.offset; }));
}

TEST(Gazetteer, LookupsTakeFoldedWords) {
  EXPECT_TRUE(is_danish_first_name("mette"));
  EXPECT_FALSE(is_danish_first_name("Mette"));
  EXPECT_TRUE(is_danish_place("næstved"));
  EXPECT_TRUE(is_ambiguous_gazetteer_word("give"));
  ASSERT_NE(find_gazetteer_phrase("kursusicv"), nullptr);
  EXPECT_EQ(find_gazetteer_phrase("kursusicv")->canonical, "CV-kursus");
  EXPECT_EQ(find_gazetteer_phrase("ikkeetord"), nullptr);
  EXPECT_TRUE(has_job_title_ending("sygehjælper"));
  EXPECT_FALSE(has_job_title_ending("hjælper"));
  EXPECT_TRUE(is_organisation_suffix("a/s"));
}

}  // namespace
}  // namespace pb
