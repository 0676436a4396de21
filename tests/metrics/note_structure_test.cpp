#include "metrics/note_structure.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.h"

namespace pb {
namespace {

CaseNote synthetic_style_note() {
  CaseNote note;
  note.sections = {
      {"Formål", "Opfølgningssamtale i sygedagpengesag."},
      {"Borgerens situation", "Borger har været sygemeldt siden 29. juli. Kan aktuelt ikke tage tunge løft."},
      {"Mål", "Tilbagevenden til stillingen som servicemedarbejder."},
      {"Aftaler", "- Der indhentes attest fra egen læge med borgers samtykke.\n- Delvis raskmelding med 12 timer om ugen."},
      {"Næste skridt", "Næste samtale 26. oktober kl. 10.30 i jobcentret."},
  };
  return note;
}

std::vector<std::string> fields(const ProblemList& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems.items()) out.push_back(p.field);
  return out;
}

TEST(NoteStructure, SyntheticNoteWithAliasPassesTheDefaultTemplate) {
  const auto r = check_note_structure(synthetic_style_note(), default_journalnotat_template());
  EXPECT_TRUE(r.passes);
  EXPECT_EQ(r.sections_required, 5);
  EXPECT_EQ(r.sections_present, 5);
  EXPECT_EQ(r.sections_empty, 0);
  EXPECT_TRUE(r.missing.empty());
  EXPECT_TRUE(r.unexpected.empty());
  EXPECT_EQ(r.cpr_found, 0);
  // Words as the basic normaliser counts them: 3 + (7 + 6) + 5 + (9 + 7) + 8 = 45; bullets are not words,
  // "29. juli" is two ("29", "juli") and so is "kl. 10.30" ("kl", "10.30").
  EXPECT_EQ(r.total_words, 45);
}

TEST(NoteStructure, MissingAndEmptySectionsAreReportedInTemplateOrder) {
  auto note = synthetic_style_note();
  note.sections.erase(note.sections.begin());          // no Formål
  note.sections[2].text = "  \n- \n";                   // Aftaler: only layout, no words
  note.sections.pop_back();                             // no Næste skridt
  note.sections.push_back({"Øvrigt", "Borger har bil."});  // not in the template
  const auto r = check_note_structure(note, default_journalnotat_template());
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.missing, (std::vector<std::string>{"Formål", "Næste skridt"}));
  EXPECT_EQ(r.empty, (std::vector<std::string>{"Aftaler"}));
  EXPECT_EQ(r.sections_present, 3);
  EXPECT_EQ(r.sections_empty, 1);
  EXPECT_EQ(r.unexpected, (std::vector<std::string>{"Øvrigt"}));
  EXPECT_TRUE(r.length_problems.empty());  // "empty" is not repeated as a length problem
}

TEST(NoteStructure, HeadingsMatchCaseInsensitivelyWithTrailingColon) {
  CaseNote note;
  note.sections = {{"FORMÅL:", "Samtale."},          {"  borgerens situation ", "Ledig."},
                   {"UDDANNELSESMÅL", "Pædagog."},   {"aftaler:", "Ingen nye aftaler."},
                   {"Næste Skridt", "Ny samtale."}};
  EXPECT_TRUE(check_note_structure(note, default_journalnotat_template()).passes);
}

TEST(NoteStructure, EmptyNoteFailsEverything) {
  const auto r = check_note_structure(CaseNote{}, default_journalnotat_template());
  EXPECT_FALSE(r.passes);
  EXPECT_EQ(r.missing.size(), 5u);
  EXPECT_EQ(r.total_words, 0);
}

TEST(NoteStructure, WordLimitsPerSectionAndWholeNote) {
  NoteTemplate t;
  t.sections = {{"Formål", {}, 2, 3}, {"Aftaler", {}, std::nullopt, 4}};
  t.min_words = 10;
  t.max_words = 12;
  CaseNote note;
  note.sections = {{"Formål", "Første samtale om jobsøgning."},                      // 4 words > 3
                   {"Aftaler", "Borger søger fem job om ugen og opdaterer CV."}};    // 9 words > 4
  // Whole note 13 > 12.
  const auto r = check_note_structure(note, t);
  EXPECT_FALSE(r.passes);
  ASSERT_EQ(r.length_problems.size(), 3u);
  EXPECT_EQ(r.length_problems[0].section, "Formål");
  EXPECT_EQ(r.length_problems[0].words, 4);
  EXPECT_EQ(r.length_problems[0].max_words, 3);
  EXPECT_EQ(r.length_problems[0].message, "Formål: 4 words, expected at most 3");
  EXPECT_EQ(r.length_problems[1].section, "Aftaler");
  EXPECT_EQ(r.length_problems[1].words, 9);
  EXPECT_EQ(r.length_problems[2].section, "");
  EXPECT_EQ(r.length_problems[2].words, 13);
  EXPECT_EQ(r.length_problems[2].message, "whole note: 13 words, expected at most 12");

  note.sections[0].text = "Samtale.";  // 1 word < 2; whole note 10 — at the lower limit, fine
  const auto r2 = check_note_structure(note, t);
  ASSERT_EQ(r2.length_problems.size(), 2u);
  EXPECT_EQ(r2.length_problems[0].message, "Formål: 1 words, expected at least 2");
  EXPECT_EQ(r2.length_problems[1].section, "Aftaler");
}

TEST(NoteStructure, MinWordsZeroAllowsAnEmptySection) {
  NoteTemplate t;
  t.sections = {{"Aftaler", {}, 0, std::nullopt}};
  CaseNote note;
  note.sections = {{"Aftaler", ""}};
  const auto r = check_note_structure(note, t);
  EXPECT_TRUE(r.passes);
  EXPECT_EQ(r.sections_empty, 0);
}

TEST(NoteStructure, SeveralHeadingsForOneRuleAreCountedTogether) {
  NoteTemplate t;
  t.sections = {{"Jobmål", {"Mål"}, std::nullopt, 3}};
  CaseNote note;
  note.sections = {{"Jobmål", "Kok."}, {"Mål", "Gerne fuld tid."}};  // 1 + 3 = 4 words > 3
  const auto r = check_note_structure(note, t);
  EXPECT_EQ(r.sections_present, 1);
  ASSERT_EQ(r.length_problems.size(), 1u);
  EXPECT_EQ(r.length_problems[0].words, 4);
}

TEST(NoteStructure, CprNumbersAreCountedButNeverShown) {
  auto note = synthetic_style_note();
  note.sections[1].text += " CPR 100685-6180, ægtefælle 1003851234.";
  note.sections[4].text += " Kontonr. 12345678901234 og dato 31-12-2025.";  // not CPR-shaped
  const auto r = check_note_structure(note, default_journalnotat_template());
  EXPECT_EQ(r.cpr_found, 2);
  EXPECT_EQ(r.cpr_sections, (std::vector<std::string>{"Borgerens situation"}));
  EXPECT_FALSE(r.passes);
  for (const auto& s : r.cpr_sections) EXPECT_EQ(s.find("6180"), std::string::npos);

  auto allowing = default_journalnotat_template();
  allowing.allow_cpr = true;
  const auto allowed = check_note_structure(note, allowing);
  EXPECT_EQ(allowed.cpr_found, 2);
  EXPECT_TRUE(allowed.passes);
}

TEST(NoteStructure, CprInAHeadingIsMaskedInTheReport) {
  CaseNote note;
  note.sections = {{"Notat 100685-6180", "Tekst."}};
  const auto r = check_note_structure(note, default_journalnotat_template());
  EXPECT_EQ(r.cpr_found, 1);
  EXPECT_EQ(r.cpr_sections, (std::vector<std::string>{"Notat XXXXXX-XXXX"}));
  EXPECT_EQ(r.unexpected, (std::vector<std::string>{"Notat XXXXXX-XXXX"}));
}

TEST(NoteStructure, HugeSectionIsCounted) {
  NoteTemplate t;
  t.sections = {{"Aftaler", {}, std::nullopt, 400}};
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "ord ";
  CaseNote note;
  note.sections = {{"Aftaler", text}};
  const auto r = check_note_structure(note, t);
  ASSERT_EQ(r.length_problems.size(), 1u);
  EXPECT_EQ(r.length_problems[0].words, 50000);
}

TEST(NoteTemplateJson, ReadsEveryKey) {
  const auto json = nlohmann::json::parse(R"({
    "sections": [{"title": "Formål"},
                 {"title": "Jobmål", "aliases": ["Uddannelsesmål", "Mål"], "min_words": 1, "max_words": 400}],
    "min_words": 20, "max_words": 1500, "allow_cpr": true, "x_note": "extension keys are allowed"})");
  ProblemList problems;
  const auto t = parse_note_template(json, "scenario.json", "metrics.note_structure", problems);
  EXPECT_TRUE(problems.empty());
  NoteTemplate expected;
  expected.sections = {{"Formål", {}, std::nullopt, std::nullopt}, {"Jobmål", {"Uddannelsesmål", "Mål"}, 1, 400}};
  expected.min_words = 20;
  expected.max_words = 1500;
  expected.allow_cpr = true;
  EXPECT_EQ(t, expected);
}

TEST(NoteTemplateJson, RoundTripsTheDefaultTemplate) {
  ProblemList problems;
  const auto t = default_journalnotat_template();
  EXPECT_EQ(parse_note_template(note_template_to_json(t), "f", "", problems), t);
  EXPECT_TRUE(problems.empty());
}

TEST(NoteTemplateJson, ReportsEveryProblemWithItsFieldPath) {
  const auto json = nlohmann::json::parse(R"({
    "sections": [{"title": "Aftaler", "min_words": 5, "max_words": 2, "colour": "red"},
                 {"aliases": ["Mål"]},
                 "Formål",
                 {"title": "  ", "min_words": -1},
                 {"title": "Jobmål", "aliases": ["aftaler", 7], "max_words": 1.5}],
    "allow_cpr": "no", "max_words": "many"})");
  ProblemList problems;
  parse_note_template(json, "scenario.json", "metrics.note_structure", problems);
  const std::vector<std::string> expected{
      "metrics.note_structure.max_words",
      "metrics.note_structure.allow_cpr",
      "metrics.note_structure.sections[0].colour",
      "metrics.note_structure.sections[0].min_words",
      "metrics.note_structure.sections[1].title",
      "metrics.note_structure.sections[2]",
      "metrics.note_structure.sections[3].title",
      "metrics.note_structure.sections[3].min_words",
      "metrics.note_structure.sections[4].aliases[0]",
      "metrics.note_structure.sections[4].aliases[1]",
      "metrics.note_structure.sections[4].max_words",
  };
  EXPECT_EQ(fields(problems), expected);
  for (const auto& p : problems.items()) EXPECT_EQ(p.file, "scenario.json");
  // The duplicate heading names where it was first used.
  EXPECT_NE(problems.items()[8].message.find("sections[0].title"), std::string::npos);
}

TEST(NoteTemplateJson, SectionsAreRequiredAndMustBeAnArray) {
  ProblemList a, b, c;
  parse_note_template(nlohmann::json::parse(R"({"allow_cpr": false})"), "f", "t", a);
  EXPECT_EQ(fields(a), (std::vector<std::string>{"t.sections"}));
  parse_note_template(nlohmann::json::parse(R"({"sections": []})"), "f", "t", b);
  EXPECT_EQ(fields(b), (std::vector<std::string>{"t.sections"}));
  parse_note_template(nlohmann::json::parse(R"([1, 2])"), "f", "t", c);
  EXPECT_EQ(fields(c), (std::vector<std::string>{"t"}));
}

}  // namespace
}  // namespace pb
