#include "scenarios/synth_audio.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pb {
namespace {

class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("pb-synth-audio-" + std::to_string(::getpid()) + "-" + info->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Segment seg(std::string speaker, std::string role, std::optional<double> start, std::optional<double> end,
            std::string text) {
  return Segment{std::move(speaker), std::move(role), start, end, std::move(text)};
}

Conversation two_segment_conversation(double second_start) {
  Conversation c;
  c.id = "lyd-1";
  c.segments = {seg("SB", "caseworker", 0.0, 2.0, "Velkommen til jobcentret."),
                seg("B", "citizen", second_start, second_start + 2.0, "Tak. Jeg søger job på Ærø.")};
  return c;
}

bool has_sound(const std::vector<std::int16_t>& s, double from, double to, int rate) {
  const auto a = static_cast<std::size_t>(from * rate), b = std::min(s.size(), static_cast<std::size_t>(to * rate));
  return std::any_of(s.begin() + static_cast<std::ptrdiff_t>(a), s.begin() + static_cast<std::ptrdiff_t>(b),
                     [](std::int16_t x) { return std::abs(static_cast<int>(x)) > 1000; });
}

bool all_zero(const std::vector<std::int16_t>& s, double from, double to, int rate) {
  const auto a = static_cast<std::size_t>(from * rate), b = std::min(s.size(), static_cast<std::size_t>(to * rate));
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(a), s.begin() + static_cast<std::ptrdiff_t>(b),
                     [](std::int16_t x) { return x == 0; });
}

TEST(SpeakerVariants, FollowFirstAppearanceAndCycle) {
  const std::vector<Segment> segments = {seg("SB", "", {}, {}, ""), seg("B", "", {}, {}, ""), seg("SB", "", {}, {}, ""),
                                         seg("T", "", {}, {}, "")};
  EXPECT_EQ(speaker_variants(segments), (std::vector<std::string>{"m1", "f2", "m1", "m3"}));
  EXPECT_TRUE(speaker_variants({}).empty());
  std::vector<Segment> many;
  for (int i = 0; i < 9; ++i) many.push_back(seg("s" + std::to_string(i), "", {}, {}, ""));
  const auto variants = speaker_variants(many);
  EXPECT_EQ(variants[7], "f5");
  EXPECT_EQ(variants[8], "m1");  // cycles
}

TEST(EspeakAvailable, FindsProgramsByPathOrName) {
  EXPECT_TRUE(espeak_available("/bin/sh"));
  EXPECT_TRUE(espeak_available("sh"));
  EXPECT_FALSE(espeak_available("/nonexistent/espeak-ng"));
  EXPECT_FALSE(espeak_available("no-such-program-æøå"));
  EXPECT_FALSE(espeak_available(""));
}

TEST(SynthesizeSpeech, BlankTextNeedsNoProgram) {
  AudioRenderOptions options;
  options.espeak_program = "/nonexistent/espeak-ng";
  for (const char* text : {"", "   ", "\n\t"}) {
    const WavAudio audio = synthesize_speech(text, "da+m1", options);
    EXPECT_TRUE(audio.samples.empty());
    EXPECT_EQ(audio.sample_rate, 16000);
  }
}

TEST(SynthesizeSpeech, AMissingProgramIsAClearError) {
  AudioRenderOptions options;
  options.espeak_program = "no-such-espeak-æøå";
  try {
    synthesize_speech("Hej", "da", options);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot run no-such-espeak-æøå"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("install Debian package espeak-ng"), std::string::npos) << e.what();
  }
}

TEST(SynthesizeSpeech, AFailingProgramIsAnErrorCarryingItsStderr) {
  ScratchDir dir;
  const auto script = dir.path() / "fake-espeak";
  {
    std::ofstream out(script);
    out << "#!/bin/sh\necho 'voice not found' >&2\nexit 3\n";
  }
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  AudioRenderOptions options;
  options.espeak_program = script.string();
  try {
    synthesize_speech("Hej", "da", options);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("exited with status 3: voice not found"), std::string::npos) << e.what();
  }
}

TEST(SynthesizeSpeech, ArgumentsAreNotInterpretedByAShell) {
  // A fake espeak-ng that records its arguments and the text file, then writes a one-sample WAV.
  ScratchDir dir;
  const auto script = dir.path() / "fake-espeak";
  const auto log = dir.path() / "args.txt";
  {
    std::ofstream out(script);
    out << "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" << log.string()
        << "'\nwhile [ $# -gt 0 ]; do case \"$1\" in -f) cat \"$2\" >> '" << log.string()
        << "'; shift;; -w) printf 'RIFF\\046\\000\\000\\000WAVEfmt \\020\\000\\000\\000\\001\\000\\001\\000\\200\\076"
           "\\000\\000\\000\\175\\000\\000\\002\\000\\020\\000data\\002\\000\\000\\000\\000\\020' > \"$2\"; shift;; "
           "esac; shift; done\n";
  }
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  AudioRenderOptions options;
  options.espeak_program = script.string();
  const std::string text = "$(touch pwned); `rm -rf x` 'æøå' \"; -v en";
  const WavAudio audio = synthesize_speech(text, "da+f2", options);
  EXPECT_EQ(audio.samples, (std::vector<std::int16_t>{4096}));
  const std::string recorded = file_bytes(log);
  EXPECT_EQ(recorded.rfind("-v\nda+f2\n-s\n150\n-b\n1\n-f\n", 0), 0u) << recorded;
  EXPECT_NE(recorded.find(text), std::string::npos) << recorded;  // the text reached espeak-ng byte for byte
  EXPECT_FALSE(std::filesystem::exists("pwned"));
}

class SynthAudioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!espeak_available()) GTEST_SKIP() << "espeak-ng is not installed (Debian package espeak-ng)";
  }
};

TEST_F(SynthAudioTest, SpeechIsTrimmedAndAtTheRequestedRate) {
  AudioRenderOptions options;
  const WavAudio audio = synthesize_speech("Hej, jeg hedder Søren.", "da+m1", options);
  EXPECT_EQ(audio.sample_rate, 16000);
  EXPECT_GT(audio.duration_s(), 0.5);
  EXPECT_LT(audio.duration_s(), 3.0);
  EXPECT_GE(std::abs(static_cast<int>(audio.samples.front())), 64);  // trimmed: starts and ends with sound
  EXPECT_GE(std::abs(static_cast<int>(audio.samples.back())), 64);
  // Different variants give different voices.
  EXPECT_NE(synthesize_speech("Hej, jeg hedder Søren.", "da+f2", options).samples, audio.samples);
}

TEST_F(SynthAudioTest, RendersATwoSegmentConversationOnItsTimes) {
  ScratchDir dir;
  const auto path = dir.path() / "lyd æøå" / "lyd-1.wav";
  const Conversation conversation = two_segment_conversation(4.0);
  const RenderedAudio rendered = render_conversation_audio(conversation, path, AudioRenderOptions{});

  const std::string bytes = file_bytes(path);
  ASSERT_GE(bytes.size(), 44u);
  EXPECT_EQ(bytes.substr(0, 4), "RIFF");
  EXPECT_EQ(bytes.substr(8, 8), "WAVEfmt ");
  const auto wav = parse_wav(bytes);
  ASSERT_TRUE(wav.ok()) << wav.error();
  EXPECT_EQ(wav.value().sample_rate, 16000);
  EXPECT_EQ(bytes.size(), 44 + 2 * wav.value().samples.size());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  ASSERT_EQ(rendered.segments.size(), 2u);
  EXPECT_DOUBLE_EQ(rendered.segments[0].start, 0.0);
  EXPECT_FALSE(rendered.segments[0].shifted);
  EXPECT_GT(rendered.segments[0].end, 0.5);
  EXPECT_LT(rendered.segments[0].end, 3.5);  // fits before the next segment's 4.0 s
  EXPECT_DOUBLE_EQ(rendered.segments[1].start, 4.0);
  EXPECT_FALSE(rendered.segments[1].shifted);
  EXPECT_EQ(rendered.shifted_segments, 0u);
  EXPECT_DOUBLE_EQ(rendered.duration_s, wav.value().duration_s());
  EXPECT_DOUBLE_EQ(rendered.duration_s, rendered.segments[1].end);

  const auto& s = wav.value().samples;
  EXPECT_TRUE(has_sound(s, 0.0, rendered.segments[0].end, 16000));
  EXPECT_TRUE(all_zero(s, rendered.segments[0].end + 0.01, 4.0, 16000));
  EXPECT_TRUE(has_sound(s, 4.0, rendered.segments[1].end, 16000));

  // Deterministic: the same conversation gives the same file.
  const auto again = dir.path() / "again.wav";
  render_conversation_audio(conversation, again, AudioRenderOptions{});
  EXPECT_EQ(file_bytes(again), bytes);
}

TEST_F(SynthAudioTest, SpeechLongerThanItsSlotShiftsLaterSegments) {
  ScratchDir dir;
  AudioRenderOptions options;
  options.min_gap_s = 0.25;
  Conversation conversation = two_segment_conversation(0.2);  // the first segment cannot end by 0.2 s
  conversation.segments.push_back(seg("SB", "caseworker", {}, {}, "Godt."));  // untimed
  const RenderedAudio rendered = render_conversation_audio(conversation, dir.path() / "a.wav", options);
  ASSERT_EQ(rendered.segments.size(), 3u);
  EXPECT_NEAR(rendered.segments[1].start, rendered.segments[0].end + 0.25, 1.0 / 16000);
  EXPECT_TRUE(rendered.segments[1].shifted);
  EXPECT_NEAR(rendered.segments[2].start, rendered.segments[1].end + options.untimed_gap_s, 1.0 / 16000);
  EXPECT_TRUE(rendered.segments[2].shifted);
  EXPECT_EQ(rendered.shifted_segments, 2u);
}

TEST_F(SynthAudioTest, EmptySegmentsAndConversationsGiveSilenceOrNothing) {
  ScratchDir dir;
  Conversation empty;
  empty.id = "tom";
  const RenderedAudio none = render_conversation_audio(empty, dir.path() / "tom.wav", AudioRenderOptions{});
  EXPECT_TRUE(none.segments.empty());
  EXPECT_EQ(none.duration_s, 0.0);
  const auto wav = read_wav(dir.path() / "tom.wav");
  ASSERT_TRUE(wav.ok());
  EXPECT_TRUE(wav.value().samples.empty());

  Conversation blank;
  blank.segments = {seg("SB", "", 1.0, 2.0, "  ")};
  const RenderedAudio silent = render_conversation_audio(blank, dir.path() / "blank.wav", AudioRenderOptions{});
  ASSERT_EQ(silent.segments.size(), 1u);
  EXPECT_DOUBLE_EQ(silent.segments[0].start, 1.0);
  EXPECT_DOUBLE_EQ(silent.segments[0].end, 1.0);
  EXPECT_DOUBLE_EQ(silent.duration_s, 1.0);  // padded to the segment's start
}

TEST_F(SynthAudioTest, RendersADatasetAndUpdatesAudioAndTimes) {
  ScratchDir dir;
  Dataset dataset;
  dataset.conversations = {two_segment_conversation(0.2), two_segment_conversation(5.0)};
  dataset.conversations[1].id = "lyd-2";
  const DatasetAudioSummary summary = render_dataset_audio(dataset, dir.path() / "ud", AudioRenderOptions{});
  EXPECT_EQ(summary.conversations, 2u);
  EXPECT_EQ(summary.shifted_segments, 1u);  // lyd-1's second segment
  double total = 0;
  for (const Conversation& c : dataset.conversations) {
    ASSERT_TRUE(c.audio.has_value());
    EXPECT_EQ(*c.audio, "audio/" + c.id + ".wav");
    const auto wav = read_wav(dir.path() / "ud" / *c.audio);
    ASSERT_TRUE(wav.ok()) << wav.error();
    total += wav.value().duration_s();
    EXPECT_DOUBLE_EQ(*c.segments.back().end, wav.value().duration_s());
    EXPECT_GT(*c.segments[1].start, *c.segments[0].end);
  }
  EXPECT_DOUBLE_EQ(summary.duration_s, total);
  EXPECT_DOUBLE_EQ(*dataset.conversations[1].segments[1].start, 5.0);
}

TEST(RenderDatasetAudio, UnsafeIdsAreRejectedBeforeAnythingIsWritten) {
  ScratchDir dir;
  for (const char* bad : {"", ".", "..", "../ud", "a/b"}) {
    Dataset dataset;
    dataset.conversations = {two_segment_conversation(4.0), two_segment_conversation(4.0)};
    dataset.conversations[1].id = bad;
    AudioRenderOptions options;
    options.espeak_program = "/nonexistent/espeak-ng";  // would throw a different error if it got that far
    try {
      render_dataset_audio(dataset, dir.path() / "ud", options);
      FAIL() << "expected an exception for '" << bad << "'";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("cannot be used as an audio file name"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "ud"));
    EXPECT_FALSE(dataset.conversations[0].audio.has_value());
  }
}

}  // namespace
}  // namespace pb
