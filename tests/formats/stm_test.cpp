#include "formats/stm.h"

#include <unistd.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/formats/error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

StmSegment stm_segment(std::string file, std::string channel, std::string speaker, double begin, double end,
                       std::vector<std::string> labels, std::string text, int line, bool ignore = false) {
  return StmSegment{std::move(file),
                    std::move(channel),
                    std::move(speaker),
                    begin,
                    end,
                    std::move(labels),
                    std::move(text),
                    ignore,
                    line};
}

TEST(Stm, ReadsSegmentsLabelsAndDefinitions) {
  const std::string stm =
      ";; en kommentar om mødet\n"                                            // 1
      ";; LABEL \"o\" \"Overall\" \"All segments\"\n"                         // 2
      ";;  LABEL  \"f0\"  \"Ren tale\"  \"Tale uden støj\\\\i studiet\"  \n"  // 3
      ";; CATEGORY \"0\" \"\" \"\"\n"                                         // 4
      "møde1 A SB 0.00 2.50 <o,f0,male> Hej Søren, hvordan går det?\n"        // 5
      "\n"                                                                    // 6
      "møde1 A B 2.50 4 <o,,female> Det går fint på Ærø\n"                    // 7
      "møde1 A excluded_region 4 6 <o> ignore_time_segment_in_scoring\n"      // 8
      "møde1 A SB 6 7.25 i've { um / uh / @ } as (far) as\n"                  // 9
      "møde1 A B 6.5 8\n"                                                     // 10
      "møde1\tB\tSB\t1\t2\tja ;; tak\n";                                      // 11
  const auto file = parse_stm(stm, "t.stm");
  ASSERT_EQ(file.segments.size(), 6u);
  EXPECT_EQ(file.segments[0],
            stm_segment("møde1", "A", "SB", 0.0, 2.5, {"o", "f0", "male"}, "Hej Søren, hvordan går det?", 5));
  EXPECT_EQ(file.segments[1], stm_segment("møde1", "A", "B", 2.5, 4.0, {"o", "", "female"}, "Det går fint på Ærø", 7));
  EXPECT_EQ(file.segments[2],
            stm_segment("møde1", "A", "excluded_region", 4.0, 6.0, {"o"}, "ignore_time_segment_in_scoring", 8, true));
  EXPECT_EQ(file.segments[3], stm_segment("møde1", "A", "SB", 6.0, 7.25, {}, "i've { um / uh / @ } as (far) as", 9));
  EXPECT_EQ(file.segments[4], stm_segment("møde1", "A", "B", 6.5, 8.0, {}, "", 10));
  EXPECT_EQ(file.segments[5], stm_segment("møde1", "B", "SB", 1.0, 2.0, {}, "ja ;; tak", 11));

  ASSERT_EQ(file.labels.size(), 2u);
  EXPECT_EQ(file.labels[0], (StmLabel{"o", "Overall", "All segments", 2}));
  EXPECT_EQ(file.labels[1], (StmLabel{"f0", "Ren tale", "Tale uden støj\\\\i studiet", 3}));
  ASSERT_EQ(file.categories.size(), 1u);
  EXPECT_EQ(file.categories[0], (StmLabel{"0", "", "", 4}));
  EXPECT_FALSE(file.reordered);
  EXPECT_EQ(file.note, "");
}

TEST(Stm, TranscriptIsKeptVerbatimInside) {
  const auto file = parse_stm("f 1 s 0 1   hej   med\tdig   \n", "t.stm");
  ASSERT_EQ(file.segments.size(), 1u);
  EXPECT_EQ(file.segments[0].text, "hej   med\tdig");
}

TEST(Stm, LabelFieldFollowsScliteAngleBracketRule) {
  const auto file = parse_stm(
      "f 1 s 0 1 <sil> tak\n"     // a leading <...> token is a label, as sclite reads it
      "f 1 s 1 2 <> tom\n"        // no labels
      "f 1 s 2 3 <ikke lukket\n"  // no closing '>' in the token: text
      "f 1 s 3 4 <a,b>\n"         // labels only
      "f 1 s 4 5 IGNORE_TIME_SEGMENT_IN_SCORING\n"
      "f 1 s 5 6 ignore_time_segment_in_scoring ikke\n",
      "t.stm");
  ASSERT_EQ(file.segments.size(), 6u);
  EXPECT_EQ(file.segments[0].labels, (std::vector<std::string>{"sil"}));
  EXPECT_EQ(file.segments[0].text, "tak");
  EXPECT_TRUE(file.segments[1].labels.empty());
  EXPECT_EQ(file.segments[1].text, "tom");
  EXPECT_TRUE(file.segments[2].labels.empty());
  EXPECT_EQ(file.segments[2].text, "<ikke lukket");
  EXPECT_EQ(file.segments[3].labels, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(file.segments[3].text, "");
  EXPECT_TRUE(file.segments[4].ignore);
  EXPECT_FALSE(file.segments[5].ignore);
}

TEST(Stm, BomCrlfAndNoFinalNewline) {
  const auto file =
      parse_stm("\xEF\xBB\xBF;; LABEL \"m\" \"Mand\" \"Mænd\"\r\nf A s 0 1 <m> æøå\r\nf A s 1 2 slut", "t.stm");
  ASSERT_EQ(file.segments.size(), 2u);
  EXPECT_EQ(file.segments[0], stm_segment("f", "A", "s", 0.0, 1.0, {"m"}, "æøå", 2));
  EXPECT_EQ(file.segments[1], stm_segment("f", "A", "s", 1.0, 2.0, {}, "slut", 3));
  ASSERT_EQ(file.labels.size(), 1u);
  EXPECT_EQ(file.labels[0], (StmLabel{"m", "Mand", "Mænd", 1}));
}

TEST(Stm, EmptyFileAndCommentsOnlyHaveNoSegments) {
  EXPECT_TRUE(parse_stm("", "t.stm").segments.empty());
  const auto file = parse_stm("\n  \n;; kun kommentarer\n  ;; også indrykket\n", "t.stm");
  EXPECT_TRUE(file.segments.empty());
  EXPECT_TRUE(file.labels.empty());
}

TEST(Stm, UnsortedFileIsSortedStablyAndNoted) {
  const auto file = parse_stm(
      "b A s 0 1 x\n"   // 1
      "a A s 5 6 y\n"   // 2
      "a A t 1 2 z\n"   // 3
      "a A u 1 3 w\n",  // 4: same begin as line 3, stays after it
      "t.stm");
  EXPECT_TRUE(file.reordered);
  EXPECT_EQ(file.note,
            "t.stm: segments are not sorted by file, channel and begin time as sclite requires (line 2 comes after "
            "line 1); they were sorted");
  ASSERT_EQ(file.segments.size(), 4u);
  EXPECT_EQ(file.segments[0].line, 3);
  EXPECT_EQ(file.segments[1].line, 4);
  EXPECT_EQ(file.segments[2].line, 2);
  EXPECT_EQ(file.segments[3].line, 1);
}

TEST(Stm, SortOrderIsByteOrderOfFileAndChannelThenNumericBegin) {
  // "B" < "a" in byte order; "10" after "9" numerically; æ (0xC3..) after z.
  const auto file = parse_stm(
      "B 1 s 0 1 x\n"
      "a 1 s 9 10 x\n"
      "a 1 s 10 11 x\n"
      "a 2 s 0 1 x\n"
      "z 1 s 0 1 x\n"
      "æ 1 s 0 1 x\n",
      "t.stm");
  EXPECT_FALSE(file.reordered);
  EXPECT_TRUE(file.note.empty());
}

TEST(Stm, MalformedRecordsNameFileLineAndField) {
  const std::string stm =
      "f A s 0 1 ok\n"         // 1
      "f A s 1\n"              // 2: too few fields
      "f A s 0,5 2 tekst\n"    // 3: comma decimal
      "f A s 2 -3 tekst\n"     // 4: negative
      "f A s 5 4 tekst\n"      // 5: end before begin
      "f A s nan inf tekst\n"  // 6
      "f A s 1e1 1e2 ok\n"     // 7: exponents are numbers
      "f\n";                   // 8
  EXPECT_EQ(error_text([&] { parse_stm(stm, "t.stm"); }),
            "t.stm:2: expected <file> <channel> <speaker> <begin> <end> [<label>] transcript, got 4 fields\n"
            "t.stm:3: begin: expected a time in seconds >= 0, got \"0,5\"\n"
            "t.stm:4: end: expected a time in seconds >= 0, got \"-3\"\n"
            "t.stm:5: end: 4 is before the begin time 5\n"
            "t.stm:6: begin: expected a time in seconds >= 0, got \"nan\"\n"
            "t.stm:6: end: expected a time in seconds >= 0, got \"inf\"\n"
            "t.stm:8: expected <file> <channel> <speaker> <begin> <end> [<label>] transcript, got 1 field");
}

TEST(Stm, OverlappingSegmentsOfOneSpeakerAreRejected) {
  const std::string stm =
      "f A SB 0 10 lang tur\n"     // 1
      "f A B 1 2 anden taler\n"    // 2: another speaker may overlap
      "f A SB 2 3 inde i\n"        // 3: inside line 1
      "f A SB 5 6 også inde\n"     // 4: still inside line 1, which reaches furthest
      "f A SB 10 11 rører\n"       // 5: touching is fine
      "f B SB 0 1 anden kanal\n";  // 6: another channel is another recording
  EXPECT_EQ(error_text([&] { parse_stm(stm, "t.stm"); }),
            "t.stm:3: speaker \"SB\" has a segment from 2 to 3 that overlaps their segment on line 1 (0 to 10); one "
            "speaker's segments must not overlap\n"
            "t.stm:4: speaker \"SB\" has a segment from 5 to 6 that overlaps their segment on line 1 (0 to 10); one "
            "speaker's segments must not overlap");
}

TEST(Stm, OverlapIsFoundAfterSorting) {
  EXPECT_EQ(error_text([] { parse_stm("f A s 2.5 4 b\nf A s 0 3 a\n", "t.stm"); }),
            "t.stm:1: speaker \"s\" has a segment from 2.5 to 4 that overlaps their segment on line 2 (0 to 3); one "
            "speaker's segments must not overlap");
}

TEST(Stm, LabelDefinitionsAreCheckedOnlyWhenTheyLookLikeOne) {
  EXPECT_NO_THROW(parse_stm(";; LABEL definitions follow\n;;LABEL\n;; CATEGORYx \"a\"\n", "t.stm"));
  EXPECT_EQ(error_text([] {
              parse_stm(
                  ";; LABEL \"a\" \"b\"\n"
                  ";; LABEL \"a\" \"b\" \"c\" ekstra\n"
                  ";; CATEGORY \"a\"\"b\" \"c\"\n"
                  ";; LABEL \"x\" \"X\" \"første\"\n"
                  ";; LABEL \"x\" \"X\" \"anden\"\n"
                  ";; CATEGORY \"x\" \"X\" \"ok, en kategori er ikke en label\"\n",
                  "t.stm");
            }),
            "t.stm:1: expected ;; LABEL \"id\" \"column heading\" \"description\"\n"
            "t.stm:2: expected ;; LABEL \"id\" \"column heading\" \"description\"\n"
            "t.stm:3: expected ;; CATEGORY \"id\" \"column heading\" \"description\"\n"
            "t.stm:5: label \"x\" is already defined on line 4");
}

TEST(Stm, InvalidUtf8NamesTheLine) {
  EXPECT_EQ(error_text([] { parse_stm("f A s 0 1 ok\nf A s 1 2 S\xF8ren\n", "t.stm"); }),
            "t.stm:2: invalid UTF-8 (byte 0xF8 at column 12); the file must be saved as UTF-8");
}

TEST(Stm, StopsAfterTwentyProblems) {
  std::string stm;
  for (int i = 0; i < 30; ++i) stm += "kun tre felter\n";
  const auto text = error_text([&] { parse_stm(stm, "t.stm"); });
  EXPECT_NE(text.find("t.stm:20: expected"), std::string::npos);
  EXPECT_EQ(text.find("t.stm:21:"), std::string::npos);
  EXPECT_NE(text.find("t.stm: stopped after 20 problems"), std::string::npos);
}

TEST(Stm, RecordingsAndTranscriptOfOneChannel) {
  const auto file = parse_stm(
      "m1 A SB 0 2 hej med dig\n"
      "m1 A excluded 2 3 IGNORE_TIME_SEGMENT_IN_SCORING\n"
      "m1 A B 3 4.5 <o> { ja / jo } tak\n"
      "m1 B X 0 1 anden kanal\n"
      "m2 A SB 0 1 andet møde\n",
      "t.stm");
  EXPECT_EQ(stm_recordings(file), (std::vector<RecordingChannel>{{"m1", "A"}, {"m1", "B"}, {"m2", "A"}}));
  const auto transcript = stm_to_transcript(file, "m1", "A");
  ASSERT_EQ(transcript.segments.size(), 2u);
  EXPECT_EQ(transcript.segments[0], (Segment{"SB", "", 0.0, 2.0, "hej med dig"}));
  EXPECT_EQ(transcript.segments[1], (Segment{"B", "", 3.0, 4.5, "{ ja / jo } tak"}));
  EXPECT_TRUE(stm_to_transcript(file, "m3", "A").segments.empty());
  EXPECT_TRUE(stm_to_transcript(file, "m1", "C").segments.empty());
  EXPECT_TRUE(stm_recordings(StmFile{}).empty());
}

TEST(Stm, HugeFileIsReadCompletely) {
  std::string stm = ";; LABEL \"o\" \"Overall\" \"Alle\"\n";
  constexpr int kLines = 100000;
  for (int i = 0; i < kLines; ++i) {
    stm += "samtale A ";
    stm += i % 2 ? "SB" : "B";
    stm += ' ' + std::to_string(i) + ' ' + std::to_string(i + 1) + " <o> jeg har søgt job nummer " + std::to_string(i) +
           '\n';
  }
  const auto file = parse_stm(stm, "t.stm");
  ASSERT_EQ(file.segments.size(), static_cast<std::size_t>(kLines));
  EXPECT_FALSE(file.reordered);
  EXPECT_EQ(file.segments.back(),
            stm_segment("samtale", "A", "SB", 99999.0, 100000.0, {"o"}, "jeg har søgt job nummer 99999", kLines + 1));
  EXPECT_EQ(stm_to_transcript(file, "samtale", "A").segments.size(), static_cast<std::size_t>(kLines));
}

TEST(Stm, ReadsFileAndNamesMissingFile) {
  const auto path = std::filesystem::temp_directory_path() / ("pb-stm-" + std::to_string(::getpid()) + ".stm");
  {
    std::ofstream out(path, std::ios::binary);
    out << "f A s 0 1 hej\n";
  }
  const auto file = read_stm_file(path);
  ASSERT_EQ(file.segments.size(), 1u);
  EXPECT_EQ(file.segments[0], stm_segment("f", "A", "s", 0.0, 1.0, {}, "hej", 1));
  std::filesystem::remove(path);
  EXPECT_NE(error_text([&] { read_stm_file(path); }).find(path.string()), std::string::npos);
}

}  // namespace
}  // namespace pb
