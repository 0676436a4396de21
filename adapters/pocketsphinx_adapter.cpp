#include "adapters/pocketsphinx_adapter.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string_view>
#include <utility>

#include <pocketsphinx.h>
#include <sphinxbase/err.h>

#include "adapters/adapter_config.h"
#include "core/hash.h"
#include "core/wav.h"

#ifndef PB_POCKETSPHINX_VERSION
#define PB_POCKETSPHINX_VERSION "unknown"
#endif

namespace pb {

struct PocketsphinxAdapter::Decoder {
  explicit Decoder(ps_decoder_t* d) : ps(d) {}
  ~Decoder() { ps_free(ps); }
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;
  ps_decoder_t* ps;
};

namespace {

constexpr double kFramesPerSecond = 100.0;  // PocketSphinx's default -frate, which we do not change
constexpr double kThresholdFloorDb = -55.0;
constexpr double kThresholdAboveNoiseDb = 12.0;
constexpr double kThresholdCeilingDb = -35.0;
constexpr double kMinRegionS = 0.05;
constexpr double kContextS = 0.15;

double frame_level_db(std::span<const std::int16_t> frame) {
  double sum = 0.0;
  for (const std::int16_t s : frame) sum += static_cast<double>(s) * s;
  const double rms = frame.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(frame.size()));
  return rms <= 0.0 ? -120.0 : 20.0 * std::log10(rms / 32768.0);
}

// "<s>", "</s>", "<sil>", "[NOISE]", "(NULL)" are not words.
bool is_filler(std::string_view word) {
  return word.empty() || word.front() == '<' || word.front() == '[' || word.front() == '(' || word == "++garbage++";
}

// "read(2)" → "read": the dictionary marks alternative pronunciations.
std::string strip_variant(std::string_view word) {
  if (!word.empty() && word.back() == ')') {
    const auto open = word.rfind('(');
    if (open != std::string_view::npos && open > 0) return std::string(word.substr(0, open));
  }
  return std::string(word);
}

Outcome<std::string> hash_file_into(Sha256& hash, const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Outcome<std::string>::failure("cannot read " + path.string());
  hash.update(path.filename().string());
  hash.update(std::string_view("\0", 1));
  std::string buffer(1 << 16, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    hash.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) return Outcome<std::string>::failure("cannot read " + path.string());
  return Outcome<std::string>::success({});
}

void silence_library_logging() {
  // PocketSphinx logs every model detail to stderr through a process-wide FILE*; switch it off once.
  static std::once_flag once;
  std::call_once(once, [] { err_set_logfp(nullptr); });
}

}  // namespace

std::vector<SpeechRegion> find_speech_regions(std::span<const std::int16_t> samples, int sample_rate,
                                              double min_pause_s) {
  const auto frame = static_cast<std::size_t>(sample_rate / 100);
  const std::size_t n_frames = (samples.size() + frame - 1) / frame;
  if (n_frames == 0) return {};
  std::vector<double> levels(n_frames);
  for (std::size_t f = 0; f < n_frames; ++f)
    levels[f] = frame_level_db(samples.subspan(f * frame, std::min(frame, samples.size() - f * frame)));
  std::vector<double> sorted = levels;
  const std::size_t p10 = sorted.size() / 10;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(p10), sorted.end());
  const double threshold = std::clamp(sorted[p10] + kThresholdAboveNoiseDb, kThresholdFloorDb, kThresholdCeilingDb);

  // Runs of speech frames, joined across pauses shorter than min_pause_s.
  const auto min_pause_frames = static_cast<std::size_t>(std::ceil(min_pause_s * 100.0 - 1e-9));
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // frames [first, last+1)
  for (std::size_t f = 0; f < n_frames; ++f) {
    if (levels[f] <= threshold) continue;
    if (!runs.empty() && f - runs.back().second < min_pause_frames)
      runs.back().second = f + 1;
    else
      runs.emplace_back(f, f + 1);
  }
  const auto min_frames = static_cast<std::size_t>(std::lround(kMinRegionS * 100.0));
  std::erase_if(runs, [&](const auto& run) { return run.second - run.first < min_frames; });

  const auto context = static_cast<std::size_t>(std::lround(kContextS * sample_rate));
  std::vector<SpeechRegion> regions;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::size_t begin = runs[i].first * frame;
    const std::size_t end = std::min(runs[i].second * frame, samples.size());
    // Context may reach at most half-way into the pause on either side, so regions never overlap.
    const std::size_t previous_end = i == 0 ? 0 : std::min(runs[i - 1].second * frame, samples.size());
    const std::size_t next_begin = i + 1 == runs.size() ? samples.size() : runs[i + 1].first * frame;
    const std::size_t before = std::min(context, i == 0 ? begin : (begin - previous_end) / 2);
    const std::size_t after = std::min(context, i + 1 == runs.size() ? samples.size() - end : (next_begin - end) / 2);
    regions.push_back({begin - before, end + after});
  }
  return regions;
}

Outcome<std::string> pocketsphinx_model_identity(const PocketsphinxOptions& options) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(options.model_dir, ec))
    if (entry.is_regular_file()) files.push_back(entry.path());
  if (ec) return Outcome<std::string>::failure("cannot list " + options.model_dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  files.push_back(options.dict);
  files.push_back(options.lm);
  Sha256 hash;
  for (const auto& file : files) {
    auto hashed = hash_file_into(hash, file);
    if (!hashed.ok()) return hashed;
  }
  return Outcome<std::string>::success("model-" + hash.hex_digest().substr(0, 12));
}

Outcome<std::unique_ptr<PocketsphinxAdapter>> PocketsphinxAdapter::create(PocketsphinxOptions options) {
  auto identity = pocketsphinx_model_identity(options);
  if (!identity.ok()) return Outcome<std::unique_ptr<PocketsphinxAdapter>>::failure(identity.error());
  std::string version = std::string("1+ps-") + PB_POCKETSPHINX_VERSION + "+" + identity.value();
  std::unique_ptr<PocketsphinxAdapter> adapter(new PocketsphinxAdapter(std::move(options), std::move(version), nullptr));
  auto first = adapter->load_decoder();
  if (!first.ok()) return Outcome<std::unique_ptr<PocketsphinxAdapter>>::failure(first.error());
  adapter->idle_.push_back(std::move(first).value());
  return Outcome<std::unique_ptr<PocketsphinxAdapter>>::success(std::move(adapter));
}

PocketsphinxAdapter::PocketsphinxAdapter(PocketsphinxOptions options, std::string version,
                                         std::unique_ptr<Decoder> first)
    : options_(std::move(options)), version_(std::move(version)), owner_pid_(::getpid()) {
  if (first) idle_.push_back(std::move(first));
}

PocketsphinxAdapter::~PocketsphinxAdapter() = default;

Outcome<std::unique_ptr<PocketsphinxAdapter::Decoder>> PocketsphinxAdapter::load_decoder() const {
  using Result = Outcome<std::unique_ptr<Decoder>>;
  silence_library_logging();
  const std::string hmm = options_.model_dir.string();
  const std::string lm = options_.lm.string();
  const std::string dict = options_.dict.string();
  const std::string rate = std::to_string(options_.sample_rate);
  // -remove_silence no: our own pause detection cuts the audio, and frame numbers must stay real time.
  cmd_ln_t* config = cmd_ln_init(nullptr, ps_args(), TRUE, "-hmm", hmm.c_str(), "-lm", lm.c_str(), "-dict",
                                 dict.c_str(), "-samprate", rate.c_str(), "-remove_silence", "no", nullptr);
  if (!config) return Result::failure("pocketsphinx rejected its configuration");
  ps_decoder_t* ps = ps_init(config);
  cmd_ln_free_r(config);  // the decoder holds its own reference
  if (!ps)
    return Result::failure("pocketsphinx could not load the model (model_dir " + hmm + ", dict " + dict + ", lm " + lm +
                           ", sample_rate " + rate + ")");
  return Result::success(std::make_unique<Decoder>(ps));
}

Outcome<Transcript> PocketsphinxAdapter::transcribe_samples(std::span<const std::int16_t> samples) {
  const bool forked = ::getpid() != owner_pid_;
  std::unique_ptr<Decoder> decoder;
  if (!forked) {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      decoder = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!decoder) {
    auto loaded = load_decoder();
    if (!loaded.ok()) return Outcome<Transcript>::failure(loaded.error());
    decoder = std::move(loaded).value();
  }

  Transcript transcript;
  std::string failure;
  for (const SpeechRegion& region : find_speech_regions(samples, options_.sample_rate, options_.min_pause_s)) {
    ps_decoder_t* ps = decoder->ps;
    const auto chunk = samples.subspan(region.begin, region.end - region.begin);
    if (ps_start_utt(ps) < 0 || ps_process_raw(ps, chunk.data(), chunk.size(), FALSE, TRUE) < 0 || ps_end_utt(ps) < 0) {
      failure = "pocketsphinx failed to decode the audio at " + std::to_string(region.begin / options_.sample_rate) + " s";
      break;
    }
    const double offset = static_cast<double>(region.begin) / options_.sample_rate;
    Segment segment;
    segment.speaker = "spk0";
    for (ps_seg_t* seg = ps_seg_iter(ps); seg != nullptr; seg = ps_seg_next(seg)) {
      const char* raw = ps_seg_word(seg);
      if (!raw || is_filler(raw)) continue;
      int first_frame = 0, last_frame = 0;
      ps_seg_frames(seg, &first_frame, &last_frame);
      const double start = offset + first_frame / kFramesPerSecond;
      const double end = offset + (last_frame + 1) / kFramesPerSecond;
      if (!segment.start) segment.start = start;
      segment.end = std::max(end, *segment.start);
      if (!segment.text.empty()) segment.text += ' ';
      segment.text += strip_variant(raw);
    }
    if (!segment.text.empty()) transcript.segments.push_back(std::move(segment));
  }

  if (!forked) {
    // A decoder that failed mid-utterance may hold broken state; drop it rather than pool it.
    std::lock_guard lock(pool_mutex_);
    if (failure.empty()) idle_.push_back(std::move(decoder));
  }
  if (!failure.empty()) return Outcome<Transcript>::failure(failure);
  return Outcome<Transcript>::success(std::move(transcript));
}

Outcome<Transcript> PocketsphinxAdapter::transcribe(const TranscriptionRequest& request) {
  const Conversation& conversation = request.conversation;
  if (!conversation.audio || conversation.audio->empty())
    return Outcome<Transcript>::failure("conversation has no audio (pocketsphinx transcribes audio files)");
  const std::filesystem::path path = std::filesystem::path(request.dataset_root) / *conversation.audio;
  auto audio = read_wav(path);
  if (!audio.ok()) return Outcome<Transcript>::failure(audio.error());
  const WavAudio& wav = audio.value();
  if (wav.sample_rate == options_.sample_rate) return transcribe_samples(wav.samples);
  return transcribe_samples(resample(wav.samples, wav.sample_rate, options_.sample_rate));
}

PocketsphinxOptions read_pocketsphinx_options(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"model_dir", "dict", "lm", "sample_rate", "min_pause_s"});
  PocketsphinxOptions options;
  const std::filesystem::path base(spec.base_dir);
  auto read_path = [&](std::string_view key, std::filesystem::path& target, bool directory) {
    if (auto value = config.string(key)) target = base / *value;  // an absolute value replaces base
    std::error_code ec;
    const bool exists = directory ? std::filesystem::is_directory(target, ec) : std::filesystem::is_regular_file(target, ec);
    if (!exists)
      config.problem(config.path(key), std::string("no such ") + (directory ? "folder" : "file") + ": " +
                                           target.string() + " (the default en-us model is Debian's pocketsphinx-en-us)");
  };
  read_path("model_dir", options.model_dir, true);
  read_path("dict", options.dict, false);
  read_path("lm", options.lm, false);
  options.sample_rate = static_cast<int>(config.integer("sample_rate", options.sample_rate, 8000, 48000));
  options.min_pause_s = config.number("min_pause_s", options.min_pause_s, 0.1, 10.0);
  return options;
}

TranscriptionAdapterPtr make_pocketsphinx_adapter(const AdapterSpec& spec, ProblemList& problems) {
  const std::size_t before = problems.size();
  PocketsphinxOptions options = read_pocketsphinx_options(spec, problems);
  if (problems.size() != before) return nullptr;
  auto created = PocketsphinxAdapter::create(std::move(options));
  if (!created.ok()) {
    problems.add(spec.scenario_file, 0, spec.json_path + ".model_dir", created.error());
    return nullptr;
  }
  return std::move(created).value();
}

}  // namespace pb
