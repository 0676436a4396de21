#include "scenarios/synth_audio.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/files.h"

extern char** environ;

namespace pb {
namespace {

constexpr int kSilenceLevel = 64;  // |sample| below this counts as silence when trimming (about -54 dBFS)

// A private (0700) temporary folder, removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "pilotbench-espeak-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("cannot create a temporary folder: " + std::string(std::strerror(errno)));
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Runs argv with stdin and stdout on /dev/null and stderr into `stderr_path`; returns the wait status.
int run_program(const std::vector<std::string>& argv, const std::filesystem::path& stderr_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0)
    throw std::runtime_error("cannot run " + argv[0] + ": " + std::strerror(spawned) +
                             (spawned == ENOENT ? " (install Debian package espeak-ng)" : ""));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waiting for " + argv[0] + ": " + std::strerror(errno));
  }
  return status;
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::vector<std::int16_t> trim_silence(std::vector<std::int16_t> samples) {
  auto loud = [](std::int16_t s) { return std::abs(static_cast<int>(s)) >= kSilenceLevel; };
  const auto first = std::find_if(samples.begin(), samples.end(), loud);
  if (first == samples.end()) return {};
  const auto last = std::find_if(samples.rbegin(), samples.rend(), loud).base();
  return {first, last};
}

std::size_t to_samples(double seconds, int rate) {
  return seconds <= 0.0 ? 0 : static_cast<std::size_t>(std::llround(seconds * rate));
}

bool is_safe_stem(const std::string& id) {
  return !id.empty() && id != "." && id != ".." && id.find('/') == std::string::npos &&
         id.find('\0') == std::string::npos;
}

}  // namespace

bool espeak_available(const std::string& program) {
  if (program.empty()) return false;
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  const std::string list = path ? path : "/usr/bin:/bin";
  std::size_t from = 0;
  while (from <= list.size()) {
    const std::size_t colon = std::min(list.find(':', from), list.size());
    const std::string folder = list.substr(from, colon - from);
    const auto candidate = std::filesystem::path(folder.empty() ? "." : folder) / program;
    if (std::filesystem::is_regular_file(candidate) && ::access(candidate.c_str(), X_OK) == 0) return true;
    from = colon + 1;
  }
  return false;
}

std::vector<std::string> speaker_variants(const std::vector<Segment>& segments) {
  constexpr std::size_t kCount = std::size(kSpeakerVariants);
  std::map<std::string, std::size_t> order;
  std::vector<std::string> variants;
  variants.reserve(segments.size());
  for (const Segment& segment : segments) {
    const auto [it, added] = order.emplace(segment.speaker, order.size());
    variants.emplace_back(kSpeakerVariants[it->second % kCount]);
  }
  return variants;
}

WavAudio synthesize_speech(std::string_view text, const std::string& voice, const AudioRenderOptions& options) {
  WavAudio result;
  result.sample_rate = options.sample_rate;
  if (is_blank(text)) return result;
  TempDir dir;
  const auto text_path = dir.path() / "text.txt";
  const auto wav_path = dir.path() / "speech.wav";
  const auto stderr_path = dir.path() / "stderr.txt";
  write_private_file(text_path, text);
  // -b 1: the text file is UTF-8 whatever the locale, so æ, ø and å are read correctly.
  const std::vector<std::string> argv = {options.espeak_program, "-v", voice, "-s",
                                         std::to_string(options.words_per_minute), "-b", "1",
                                         "-f", text_path.string(), "-w", wav_path.string()};
  const int status = run_program(argv, stderr_path);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    const std::string reason = WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                                 : "was killed by signal " + std::to_string(WTERMSIG(status));
    throw std::runtime_error(options.espeak_program + " " + reason + ": " + read_text(stderr_path));
  }
  auto wav = read_wav(wav_path);
  if (!wav.ok()) throw std::runtime_error(options.espeak_program + " wrote no usable audio: " + wav.error());
  const WavAudio& spoken = wav.value();
  result.samples = trim_silence(resample(spoken.samples, spoken.sample_rate, options.sample_rate));
  return result;
}

RenderedAudio render_conversation_audio(const Conversation& conversation, const std::filesystem::path& wav_path,
                                        const AudioRenderOptions& options) {
  const int rate = options.sample_rate;
  const std::vector<std::string> variants = speaker_variants(conversation.segments);
  WavAudio audio;
  audio.sample_rate = rate;
  RenderedAudio rendered;
  for (std::size_t i = 0; i < conversation.segments.size(); ++i) {
    const Segment& segment = conversation.segments[i];
    const std::size_t cursor = audio.samples.size();
    const std::size_t earliest =
        i == 0 ? 0 : cursor + to_samples(segment.start ? options.min_gap_s : options.untimed_gap_s, rate);
    const std::size_t start = segment.start ? std::max(earliest, to_samples(*segment.start, rate)) : earliest;
    const WavAudio speech = synthesize_speech(segment.text, options.voice + "+" + variants[i], options);
    audio.samples.resize(start, 0);
    audio.samples.insert(audio.samples.end(), speech.samples.begin(), speech.samples.end());

    RenderedSegment placed;
    placed.start = static_cast<double>(start) / rate;
    placed.end = static_cast<double>(audio.samples.size()) / rate;
    placed.shifted = !segment.start || std::abs(placed.start - *segment.start) > 1.0 / rate;
    if (placed.shifted) ++rendered.shifted_segments;
    rendered.segments.push_back(placed);
  }
  rendered.duration_s = audio.duration_s();
  write_wav(wav_path, audio);
  return rendered;
}

DatasetAudioSummary render_dataset_audio(Dataset& dataset, const std::filesystem::path& out_dir,
                                         const AudioRenderOptions& options) {
  for (const Conversation& conversation : dataset.conversations)
    if (!is_safe_stem(conversation.id))
      throw std::runtime_error("conversation id '" + conversation.id + "' cannot be used as an audio file name");
  DatasetAudioSummary summary;
  for (Conversation& conversation : dataset.conversations) {
    const std::string relative = "audio/" + conversation.id + ".wav";
    const RenderedAudio rendered = render_conversation_audio(conversation, out_dir / relative, options);
    for (std::size_t i = 0; i < conversation.segments.size(); ++i) {
      conversation.segments[i].start = rendered.segments[i].start;
      conversation.segments[i].end = rendered.segments[i].end;
    }
    conversation.audio = relative;
    ++summary.conversations;
    summary.shifted_segments += rendered.shifted_segments;
    summary.duration_s += rendered.duration_s;
  }
  return summary;
}

}  // namespace pb
