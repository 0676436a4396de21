#include <unistd.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "formats/transcript_formats.h"
#include "tests/formats/error_text.h"

namespace pb {
namespace {

using testing_formats::error_text;

class ReadTranscriptFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("pb-formats-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write(const std::string& name, const std::string& content) {
    const auto path = dir_ / name;
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(ReadTranscriptFile, PicksTheReaderByExtension) {
  EXPECT_EQ(read_transcript_file(write("a.json", R"({"segments":[{"text":"æ"}]})")).segments.at(0).text, "æ");
  EXPECT_EQ(read_transcript_file(write("a.SRT", "1\n00:00:01,000 --> 00:00:02,000\nSB: ø\n")).segments.at(0).speaker,
            "SB");
  EXPECT_EQ(read_transcript_file(write("a.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nå\n")).segments.at(0).start, 1.0);
  EXPECT_EQ(read_transcript_file(write("a.txt", "B: hej\n")).segments.at(0).text, "hej");
}

TEST_F(ReadTranscriptFile, ExplicitFormatWinsOverExtension) {
  const auto path = write("whisper-output.log", "SB: hej\n");
  EXPECT_EQ(read_transcript_file(path, TranscriptFormat::text).segments.at(0).speaker, "SB");
}

TEST_F(ReadTranscriptFile, UnknownExtensionListsAcceptedOnes) {
  const auto path = write("notat.docx", "x");
  EXPECT_EQ(error_text([&] { read_transcript_file(path); }),
            path.string() + ": unknown transcript format; expected a file ending in .json, .srt, .vtt or .txt "
                            "(or name the format explicitly)");
}

TEST_F(ReadTranscriptFile, UnreadableFileNamesTheFile) {
  const auto path = dir_ / "missing.srt";
  const auto message = error_text([&] { read_transcript_file(path); });
  EXPECT_EQ(message.rfind(path.string() + ": cannot open file", 0), 0u) << message;
}

TEST_F(ReadTranscriptFile, InvalidUtf8NamesFileAndLine) {
  const auto path = write("latin1.txt", "SB: Goddag\nB: Goddag, S\xF8ren\n");
  EXPECT_EQ(error_text([&] { read_transcript_file(path); }),
            path.string() + ":2: invalid UTF-8 (byte 0xF8 at column 13); the file must be saved as UTF-8");
}

TEST(TranscriptFormatNames, FromNameAndPath) {
  EXPECT_EQ(transcript_format_from_name("json"), TranscriptFormat::json);
  EXPECT_EQ(transcript_format_from_name("SRT"), TranscriptFormat::srt);
  EXPECT_EQ(transcript_format_from_name("vtt"), TranscriptFormat::webvtt);
  EXPECT_EQ(transcript_format_from_name("webvtt"), TranscriptFormat::webvtt);
  EXPECT_EQ(transcript_format_from_name("txt"), TranscriptFormat::text);
  EXPECT_EQ(transcript_format_from_name("text"), TranscriptFormat::text);
  EXPECT_EQ(transcript_format_from_name("docx"), std::nullopt);
  EXPECT_EQ(transcript_format_from_path("a/b.json"), TranscriptFormat::json);
  EXPECT_EQ(transcript_format_from_path("b.Vtt"), TranscriptFormat::webvtt);
  EXPECT_EQ(transcript_format_from_path("b.text"), std::nullopt);
  EXPECT_EQ(transcript_format_from_path("README"), std::nullopt);
  for (auto format : {TranscriptFormat::json, TranscriptFormat::srt, TranscriptFormat::webvtt, TranscriptFormat::text})
    EXPECT_EQ(transcript_format_from_name(transcript_format_name(format)), format);
}

}  // namespace
}  // namespace pb
