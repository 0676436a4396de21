#include "formats/note_text.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

TEST(NoteText, MarkdownBoldHeadingsWithTextOnTheSameLine) {
  const auto note = parse_note_text(
      "**Formål:** Første jobsamtale efter ledighed pr. 1. oktober.\n\n"
      "**Aftaler:**\n- Borger søger mindst 2 stillinger om ugen.\n- Borger deltager i CV-kursus.\n\n"
      "**Næste skridt:** Næste samtale 14. januar kl. 10.00, telefonisk.\n",
      default_note_titles());
  ASSERT_EQ(note.sections.size(), 3u);
  EXPECT_EQ(note.sections[0].title, "Formål");
  EXPECT_EQ(note.sections[0].text, "Første jobsamtale efter ledighed pr. 1. oktober.");
  EXPECT_EQ(note.sections[1].title, "Aftaler");
  EXPECT_EQ(note.sections[1].text, "- Borger søger mindst 2 stillinger om ugen.\n- Borger deltager i CV-kursus.");
  EXPECT_EQ(note.sections[2].text, "Næste samtale 14. januar kl. 10.00, telefonisk.");
}

TEST(NoteText, HashHeadingsPlainColonHeadingsAndCaseInsensitiveTitles) {
  const auto note = parse_note_text("## FORMÅL\nOpfølgning.\nnæste skridt: Ny samtale om 14 dage.\n__Jobmål__: Lager\n",
                                    default_note_titles());
  ASSERT_EQ(note.sections.size(), 3u);
  EXPECT_EQ(note.sections[0].title, "FORMÅL");
  EXPECT_EQ(note.sections[0].text, "Opfølgning.");
  EXPECT_EQ(note.sections[1].title, "næste skridt");
  EXPECT_EQ(note.sections[1].text, "Ny samtale om 14 dage.");
  EXPECT_EQ(note.sections[2].title, "Jobmål");
  EXPECT_EQ(note.sections[2].text, "Lager");
}

TEST(NoteText, ColonInOrdinaryTextIsNotAHeading) {
  const auto note = parse_note_text("Borger oplyser: ingen helbredsmæssige begrænsninger.\nKl. 10: møde.", default_note_titles());
  ASSERT_EQ(note.sections.size(), 1u);
  EXPECT_EQ(note.sections[0].title, "");
  EXPECT_EQ(note.sections[0].text, "Borger oplyser: ingen helbredsmæssige begrænsninger.\nKl. 10: møde.");
}

TEST(NoteText, TextBeforeTheFirstHeadingIsAnUntitledSection) {
  const auto note = parse_note_text("\xEF\xBB\xBFJournalnotat\r\n\r\nFormål:\r\nSamtale.\r\n", default_note_titles());
  ASSERT_EQ(note.sections.size(), 2u);
  EXPECT_EQ(note.sections[0].title, "");
  EXPECT_EQ(note.sections[0].text, "Journalnotat");
  EXPECT_EQ(note.sections[1].title, "Formål");
  EXPECT_EQ(note.sections[1].text, "Samtale.");
}

TEST(NoteText, EmptyTextIsAnEmptyNoteAndEmptySectionsAreKept) {
  EXPECT_TRUE(parse_note_text("", default_note_titles()).sections.empty());
  EXPECT_TRUE(parse_note_text("\n\n  \n", default_note_titles()).sections.empty());
  const auto note = parse_note_text("Aftaler:\n\nNæste skridt:\n", default_note_titles());
  ASSERT_EQ(note.sections.size(), 2u);
  EXPECT_EQ(note.sections[0].text, "");
  EXPECT_EQ(note.sections[1].title, "Næste skridt");
}

TEST(NoteText, DecomposedUnicodeTitleMatchesAfterNfc) {
  // "Formål" with å written as a + combining ring above (U+030A).
  const auto note = parse_note_text("Forma\xCC\x8Al: Test.", default_note_titles());
  ASSERT_EQ(note.sections.size(), 1u);
  EXPECT_EQ(note.sections[0].text, "Test.");
}

TEST(NoteText, TextRoundTripKeepsSections) {
  CaseNote note;
  note.sections = {{"Formål", "Første samtale."}, {"Aftaler", "- Søger 2 job om ugen.\n- CV på Jobnet."}};
  EXPECT_EQ(parse_note_text(note_to_text(note), default_note_titles()).sections, note.sections);
  EXPECT_EQ(note_body(note), "Første samtale.\n- Søger 2 job om ugen.\n- CV på Jobnet.");
}

TEST(NoteJson, RoundTripAndDefaults) {
  CaseNote note;
  note.kind = "referat";
  note.sections = {{"Formål", "æøå"}};
  EXPECT_EQ(note_to_json(note), R"({"kind":"referat","sections":[{"title":"Formål","text":"æøå"}]})");
  EXPECT_EQ(parse_note_json(note_to_json(note), "n.json"), note);
  EXPECT_EQ(parse_note_json(R"({"sections": []})", "n.json").kind, "journalnotat");
}

TEST(NoteJson, ProblemsNameFileLineAndField) {
  EXPECT_EQ(error_text([] { parse_note_json("{\n  \"kind\": \"memo\",\n  \"sections\": [\n    {\"title\": 3}\n  ]\n}", "d/c1.json"); }),
            "d/c1.json:2: kind: expected \"journalnotat\" or \"referat\", got \"memo\"\n"
            "d/c1.json:4: sections[0].title: expected a string, got 3\n"
            "d/c1.json:4: sections[0].text: expected a string");
  EXPECT_EQ(error_text([] { parse_note_json("{\"sections\": [}", "x.json"); }).substr(0, 9), "x.json:1:");
  EXPECT_EQ(error_text([] { parse_note_json("{\"sections\": [], \"txt\": 1}", "x.json"); }),
            "x.json:1: txt: unknown key (expected kind, sections)");
  EXPECT_EQ(error_text([] { parse_note_json("[]", "x.json"); }).substr(0, 9), "x.json:1:");
  EXPECT_EQ(error_text([] { parse_note_json("{\"sections\": [{\"title\": \"a\", \"text\": \"\xff\"}]}", "x.json"); }),
            "x.json:1: invalid UTF-8 (byte 0xFF at column 39); the file must be saved as UTF-8");
}

TEST(NoteFile, ReadsJsonMarkdownAndText) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "note_text_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "a.md") << "# Formål\nSamtale.\n";
  std::ofstream(dir / "b.JSON") << R"({"sections":[{"title":"Aftaler","text":"Ingen."}]})";
  std::ofstream(dir / "c.txt") << "Næste skridt:\nx\n\xc3\x28\n";
  EXPECT_EQ(read_note_file(dir / "a.md", default_note_titles()).sections.at(0).title, "Formål");
  EXPECT_EQ(read_note_file(dir / "b.JSON", default_note_titles()).sections.at(0).text, "Ingen.");
  EXPECT_EQ(error_text([&] { read_note_file(dir / "c.txt", default_note_titles()); }),
            (dir / "c.txt").string() + ":3: invalid UTF-8 (byte 0xC3 at column 1); the file must be saved as UTF-8");
  EXPECT_NE(error_text([&] { read_note_file(dir / "missing.md", default_note_titles()); }), "");
}

}  // namespace
}  // namespace pb
