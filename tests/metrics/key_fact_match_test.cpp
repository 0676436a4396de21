#include "metrics/key_fact_match.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pb {
namespace {

KeyFact fact(std::string type, std::string value, std::string text = "", std::string label = "") {
  return {std::move(type), std::move(value), std::move(text), std::move(label)};
}

FactMatch match_one(const KeyFact& f, std::string_view note, const KeyFactMatchOptions& options = {}) {
  const auto r = match_key_facts({f}, note, options);
  EXPECT_EQ(r.facts.size(), 1u);
  return r.facts.empty() ? FactMatch{} : r.facts.front();
}

// A journalnotat in the form pilotbench's synthetic corpus writes (note_to_text layout).
constexpr const char* kNote =
    "Formål:\nOpfølgningssamtale i sygedagpengesag.\n\n"
    "Borgerens situation:\nBorger har været sygemeldt fra stillingen som servicemedarbejder hos Rosendal Rengøring "
    "siden 29. juli. Borger oplyser at have blodprop i hjertet. God kontakt til arbejdspladsen; nærmeste leder er "
    "Birgitte. Borger oplyser husleje på 5.200 kr. om måneden og gæld på ca. 49.000 kr. Vejledt om mulighed for "
    "at søge hjælp til enkeltudgifter.\n\n"
    "Mål:\nTilbagevenden til stillingen som servicemedarbejder hos Rosendal Rengøring.\n\n"
    "Aftaler:\n- Der indhentes attest fra egen læge med borgers samtykke.\n"
    "- Delvis raskmelding med 12 timer om ugen fra 26. oktober.\n"
    "- Virksomhedspraktik som flexchauffør hos Tranekær Kurér i 5 uger, 9 timer om ugen, fra 25. juni kl. 9.00.\n"
    "- Borger søger mindst 3 stillinger om ugen og registrerer dem i joblog.\n\n"
    "Næste skridt:\nNæste samtale 7. juli kl. 8.00 i jobcentret. Borger indkaldes via e-Boks.\n";

TEST(SplitNoteSentences, LinesAndSentenceEndsButNotAbbreviationsOrOrdinals) {
  const auto s = split_note_sentences(
      "Jobmål:\nSøger bl.a. Kornmark Restaurant. Har været til samtale 4. marts. Ca. 49.000 kr. Vejledt.\n"
      "- Næste samtale 10. april kl. 10.30 i jobcentret! Tolk bestilles? Ja.\n\n  \n• H. C. Andersen kommer.");
  const std::vector<std::string> expected{
      "Jobmål:", "Søger bl.a. Kornmark Restaurant.", "Har været til samtale 4. marts.", "Ca. 49.000 kr.",
      "Vejledt.", "Næste samtale 10. april kl. 10.30 i jobcentret!", "Tolk bestilles?", "Ja.",
      "H. C. Andersen kommer."};
  EXPECT_EQ(s, expected);
  EXPECT_TRUE(split_note_sentences("").empty());
  EXPECT_TRUE(split_note_sentences(" \n\n- \n").empty());
}

TEST(StemsMatch, InflectionCompoundsAndDerivations) {
  EXPECT_TRUE(stems_match("uge", "ugen"));
  EXPECT_TRUE(stems_match("uger", "uge"));
  EXPECT_TRUE(stems_match("attest", "lægeattest"));           // compound head
  EXPECT_TRUE(stems_match("indhentning", "indhent"));         // derivation
  EXPECT_TRUE(stems_match("mentor", "mentorstøt"));           // compound modifier, >= 5 letters
  EXPECT_FALSE(stems_match("læg", "lægeattest"));             // too short to be a compound part
  EXPECT_FALSE(stems_match("job", "jobcentret"));             // "centret" is not an inflection
  EXPECT_FALSE(stems_match("3", "30"));                       // numbers match only when equal
  EXPECT_FALSE(stems_match("2024", "202"));
  EXPECT_FALSE(stems_match("", "uge"));
}

TEST(ContentStems, DropsStopWordsAndAbbreviationsAndStems) {
  // "mindst 3 ansøgninger pr. uge": "pr" is an abbreviation; ansøgninger → ansøgning (Snowball).
  EXPECT_EQ(content_stems("mindst 3 ansøgninger pr. uge"),
            (std::vector<std::string>{"mindst", "3", "ansøgning", "uge"}));
  EXPECT_EQ(content_stems("tre dage om ugen"), (std::vector<std::string>{"3", "dag", "ugen"}));
  EXPECT_TRUE(content_stems("og i at den").empty());
}

TEST(KeyFactMatch, DatesInWrittenAndSpokenForms) {
  const auto f = fact("date", "03-14", "den fjortende marts", "jobsamtale");
  EXPECT_TRUE(match_one(f, "Jobsamtale 14. marts hos Netto.").found);
  EXPECT_TRUE(match_one(f, "Jobsamtale den fjortende marts.").found);
  EXPECT_TRUE(match_one(f, "Jobsamtale d. 14/3 hos Netto.").found);
  EXPECT_TRUE(match_one(f, "Jobsamtale 14.03.2026.").found);
  EXPECT_TRUE(match_one(f, "Jobsamtale 2026-03-14.").found);
  EXPECT_FALSE(match_one(f, "Jobsamtale 15. marts.").found);
  EXPECT_FALSE(match_one(f, "Jobsamtale 14. april.").found);
  EXPECT_FALSE(match_one(f, "Borger har 14 dage til at svare i marts.").found);  // 14 is no ordinal day here
  // A year on both sides must agree; a year on one side only is not held against the note.
  EXPECT_TRUE(match_one(fact("date", "2026-03-14"), "Mødet 14. marts.").found);
  EXPECT_FALSE(match_one(fact("date", "2026-03-14"), "Mødet 14. marts 2025.").found);
}

TEST(KeyFactMatch, NextMeetingOnTheWrongDayIsMissedAndShowsTheClosestSentence) {
  const auto f = fact("next_meeting", "03-14", "den fjortende marts", "næste samtale");
  const auto m = match_one(f, "Aftaler:\nBorger søger job.\nNæste skridt:\nnæste samtale 15. marts i jobcentret.");
  EXPECT_FALSE(m.found);
  EXPECT_EQ(m.score, 0.0);
  EXPECT_EQ(m.method, "date");
  EXPECT_EQ(m.evidence, "næste samtale 15. marts i jobcentret.");  // closest by the label "næste samtale"
  EXPECT_TRUE(match_one(f, "Næste samtale 14. marts i jobcentret.").found);
}

TEST(KeyFactMatch, NextMeetingNeedsDateAndTimeInOneSentence) {
  const auto f = fact("next_meeting", "10-26 10:30", "den 26. oktober halv elleve", "næste samtale");
  auto m = match_one(f, "Næste samtale 26. oktober kl. 10.30 i jobcentret.");
  EXPECT_TRUE(m.found);
  EXPECT_EQ(m.method, "date+time");
  EXPECT_EQ(m.score, 1.0);
  EXPECT_TRUE(match_one(f, "Næste samtale den 26. oktober klokken halv elleve.").found);
  // Date and time in different sentences: half.
  m = match_one(f, "Næste samtale 26. oktober. Mødetid kl. 10.30.");
  EXPECT_FALSE(m.found);
  EXPECT_EQ(m.score, 0.5);
  m = match_one(f, "Næste samtale 26. oktober kl. 11.30.");
  EXPECT_FALSE(m.found);
  EXPECT_EQ(m.score, 0.5);
  EXPECT_EQ(m.evidence, "Næste samtale 26. oktober kl. 11.30.");
}

TEST(KeyFactMatch, TimesAcceptTwelveHourReadings) {
  const auto f = fact("time", "14:30", "halv tre", "mødetid");
  EXPECT_TRUE(match_one(f, "Mødetid kl. 14.30.").found);
  EXPECT_TRUE(match_one(f, "Mødetid klokken halv tre.").found);  // 2:30, twelve hours apart
  EXPECT_FALSE(match_one(f, "Mødetid kl. 14.00.").found);
  EXPECT_FALSE(match_one(f, "Borger har 14 dage og 30 minutter.").found);
}

TEST(KeyFactMatch, AmountsAndNumbers) {
  EXPECT_TRUE(match_one(fact("amount", "5600", "fem tusind seks hundrede kroner"), "Husleje 5.600 kr.").found);
  EXPECT_TRUE(match_one(fact("amount", "5600"), "Husleje fem tusind seks hundrede kroner.").found);
  EXPECT_TRUE(match_one(fact("amount", "5600"), "Husleje 5600,00 kr.").found);
  EXPECT_TRUE(match_one(fact("amount", "5600"), "Husleje 5 600 kr.").found);
  EXPECT_FALSE(match_one(fact("amount", "5600"), "Husleje 6.500 kr.").found);
  EXPECT_TRUE(match_one(fact("number", "37", "syvogtredive timer om ugen"), "Praktik 37 timer om ugen.").found);
  EXPECT_TRUE(match_one(fact("number", "37"), "Praktik syvogtredive timer om ugen.").found);
  EXPECT_TRUE(match_one(fact("number", "1", "en time om ugen"), "Mentorstøtte en time om ugen.").found);
  // Ordinal days and clock times are not numbers.
  EXPECT_FALSE(match_one(fact("number", "26"), "Start 26. oktober.").found);
  EXPECT_FALSE(match_one(fact("number", "10"), "Mødet kl. 10.30.").found);
}

TEST(KeyFactMatch, NumberEvidenceIsTheSentenceAboutTheFact) {
  const auto m = match_one(fact("number", "3", "tre job om ugen", "ansøgninger pr. uge"),
                           "Borger har 3 børn. Borger søger mindst 3 stillinger om ugen.");
  EXPECT_TRUE(m.found);
  EXPECT_EQ(m.evidence, "Borger søger mindst 3 stillinger om ugen.");
}

TEST(KeyFactMatch, DurationsNeedNumberAndUnit) {
  EXPECT_TRUE(match_one(fact("duration", "5 uger", "fem uger"), "Praktik i 5 uger.").found);
  EXPECT_TRUE(match_one(fact("duration", "5 uger"), "Et praktikforløb på fem ugers varighed.").found);
  EXPECT_TRUE(match_one(fact("duration", "1 år"), "Ansat i et år.").found);
  EXPECT_FALSE(match_one(fact("duration", "5 uger"), "Praktik i 5 måneder.").found);
  EXPECT_FALSE(match_one(fact("duration", "5 uger"), "Praktik i 4 uger med 5 dage om ugen.").found);
}

TEST(KeyFactMatch, ContentFactsByStemmedOverlap) {
  // indhentning~indhentes, lægeattest~attest: 2 of 2 stems.
  auto m = match_one(fact("agreement", "indhentning af lægeattest", "en attest", "lægeattest"), kNote);
  EXPECT_TRUE(m.found);
  EXPECT_EQ(m.score, 1.0);
  EXPECT_EQ(m.evidence, "Der indhentes attest fra egen læge med borgers samtykke.");
  // "mindst 3 ansøgninger pr. uge": mindst, 3, uge found; ansøgning not → 3/4 = 0.75 ≥ 0.6.
  m = match_one(fact("obligation", "mindst 3 ansøgninger pr. uge", "tre job om ugen", "jobsøgningskrav"), kNote);
  EXPECT_TRUE(m.found);
  EXPECT_DOUBLE_EQ(m.score, 0.75);
  EXPECT_EQ(m.evidence, "Borger søger mindst 3 stillinger om ugen og registrerer dem i joblog.");
  EXPECT_TRUE(match_one(fact("health", "hjerte", "jeg fik en blodprop i hjertet i foråret"), kNote).found);
  EXPECT_TRUE(match_one(fact("name", "Birgitte", "Birgitte"), kNote).found);
  EXPECT_TRUE(match_one(fact("organisation", "Tranekær Kurér", "Tranekær Kurér"), kNote).found);
  EXPECT_TRUE(match_one(fact("intervention", "virksomhedspraktik", "virksomhedspraktik"), kNote).found);
  EXPECT_TRUE(match_one(fact("job_title", "flexchauffør", "flexchauffør"), kNote).found);
  EXPECT_FALSE(match_one(fact("name", "Henrik", "Henrik"), kNote).found);
  EXPECT_FALSE(match_one(fact("intervention", "IGU", "IGU"), kNote).found);
}

TEST(KeyFactMatch, ThresholdBoundary) {
  // Fact "træningsforløb fysioterapeut genoptræning sygehus hjemmet": 5 content stems.
  const auto f = fact("intervention", "træningsforløb fysioterapeut genoptræning sygehus hjemmet");
  // 3 of 5 = 0.6: found at the default threshold, missed at 0.61.
  const std::string three = "Borger tilbydes træningsforløb hos fysioterapeut på sygehus.";
  EXPECT_DOUBLE_EQ(match_one(f, three).score, 0.6);
  EXPECT_TRUE(match_one(f, three).found);
  EXPECT_FALSE(match_one(f, three, {0.61, false}).found);
  // 2 of 5 = 0.4: missed, reported with its score and sentence.
  const auto m = match_one(f, "Borger tilbydes træningsforløb hos fysioterapeut.");
  EXPECT_FALSE(m.found);
  EXPECT_DOUBLE_EQ(m.score, 0.4);
  EXPECT_EQ(m.evidence, "Borger tilbydes træningsforløb hos fysioterapeut.");
  // Two content words: one alone (0.5) is not enough.
  EXPECT_FALSE(match_one(fact("organisation", "Ørnereden Hotel"), "Hotel i Haslev.").found);
  EXPECT_TRUE(match_one(fact("organisation", "Ørnereden Hotel"), "Job på Ørnereden Hotel i Haslev.").found);
}

TEST(KeyFactMatch, DanishLettersAreKept) {
  EXPECT_TRUE(match_one(fact("place", "Ærøskøbing"), "Søger job i ÆRØSKØBING og omegn.").found);
  EXPECT_FALSE(match_one(fact("place", "Ærøskøbing"), "Søger job i Aeroskobing.").found);
  EXPECT_TRUE(match_one(fact("name", "Søren Ålund"), "Mentor er søren ålund.").found);
}

TEST(KeyFactMatch, CountsPerTypeAndMissedList) {
  const std::vector<KeyFact> facts{
      fact("date", "07-29", "29. juli", "sygemeldt fra"),
      fact("date", "05-01", "1. maj", "ledig fra"),
      fact("amount", "5200", "5.200 kr.", "husleje"),
      fact("amount", "49000", "49.000 kr.", "gæld"),
      fact("next_meeting", "07-07 08:00", "den 7. juli kl. 8", "næste samtale"),
      fact("time", "09:00", "kl. 9", "mødetid"),
      fact("duration", "5 uger", "fem uger", "praktikperiode"),
      fact("number", "12", "12 timer om ugen", "timer pr. uge"),
      fact("cpr", "100685-6180", "100685-6180", "CPR-nummer"),
      fact("name", "Henrik", "Henrik", "mentor"),
  };
  const auto r = match_key_facts(facts, kNote);
  EXPECT_EQ(r.total, 9);  // the CPR fact is skipped by default
  EXPECT_EQ(r.found, 7);  // missed: 1. maj, Henrik
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].type, "cpr");
  EXPECT_EQ(r.by_type.at("date"), (FactCounts{1, 2}));
  EXPECT_EQ(r.by_type.at("amount"), (FactCounts{2, 2}));
  EXPECT_EQ(r.by_type.at("name"), (FactCounts{0, 1}));
  EXPECT_EQ(r.by_type.count("cpr"), 0u);
  EXPECT_EQ(r.missed, (std::vector<std::size_t>{1, 8}));
  ASSERT_TRUE(r.recall());
  EXPECT_DOUBLE_EQ(*r.recall(), 7.0 / 9.0);
}

TEST(KeyFactMatch, CprFactsWhenIncludedAreMatchedAndMaskedInEvidence) {
  const auto f = fact("cpr", "100685-6180", "100685-6180", "CPR-nummer");
  const auto m = match_one(f, "Borger (CPR 1006856180) deltog.", {0.6, true});
  EXPECT_TRUE(m.found);
  EXPECT_EQ(m.method, "cpr");
  EXPECT_EQ(m.evidence.find("6180"), std::string::npos);
  EXPECT_NE(m.evidence.find("XXXXXX-XXXX"), std::string::npos);
  EXPECT_FALSE(match_one(f, "Borger (CPR 100685-6181) deltog.", {0.6, true}).found);
}

TEST(KeyFactMatch, EmptyAndMalformedInput) {
  const auto none = match_key_facts({}, kNote);
  EXPECT_EQ(none.total, 0);
  EXPECT_FALSE(none.recall());
  const auto empty_note = match_key_facts({fact("date", "03-14"), fact("agreement", "lægeattest")}, "");
  EXPECT_EQ(empty_note.found, 0);
  EXPECT_EQ(empty_note.total, 2);
  for (const auto& m : empty_note.facts) {
    EXPECT_TRUE(m.evidence.empty());
    EXPECT_EQ(m.score, 0.0);
  }
  // A fact with only stop words cannot be found; a date value that does not parse falls back to its words.
  EXPECT_FALSE(match_one(fact("agreement", "og at den"), "og at den").found);
  const auto odd = match_one(fact("date", "ukendt dato", "ukendt dato"), "Startdato er ukendt dato.");
  EXPECT_EQ(odd.method, "content");
  EXPECT_TRUE(odd.found);
  // Invalid UTF-8 in the note does not stop matching.
  EXPECT_TRUE(match_one(fact("date", "03-14"), "M\xF8" "det 14. marts.").found);
}

TEST(KeyFactMatch, HugeNote) {
  std::string note;
  for (int i = 0; i < 3000; ++i) note += "Borger har søgt job hos firma nummer " + std::to_string(i) + ". ";
  note += "Næste samtale 14. marts kl. 9.00.";
  const auto r = match_key_facts({fact("next_meeting", "03-14 09:00", "", "næste samtale"),
                                  fact("organisation", "Netto Supermarked")},
                                 note);
  EXPECT_TRUE(r.facts[0].found);
  EXPECT_FALSE(r.facts[1].found);
}

}  // namespace
}  // namespace pb
