#include "harness/file_scoring.h"

#include <cmath>
#include <exception>
#include <future>
#include <map>

#include <fmt/format.h>

#include "core/error.h"
#include "formats/ctm.h"
#include "formats/seglst.h"
#include "formats/stm.h"
#include "formats/transcript_formats.h"
#include "formats/trn.h"
#include "harness/normalised_transcripts.h"
#include "harness/transcription_scoring.h"
#include "metrics/danish_normalize.h"
#include "metrics/error_rates.h"
#include "metrics/multi_speaker.h"
#include "metrics/sclite_align.h"
#include "metrics/sclite_ctm.h"
#include "metrics/sclite_stm.h"
#include "metrics/text_normalize.h"
#include "metrics/word_alignment.h"

namespace pb {
namespace {

nlohmann::ordered_json number(double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(); }

nlohmann::ordered_json counts_json(const ErrorCounts& words, const std::optional<ErrorCounts>& chars) {
  nlohmann::ordered_json j;
  j["wer"] = number(word_error_rate(words));
  if (chars) j["cer"] = number(character_error_rate(*chars));
  j["mer"] = number(match_error_rate(words));
  j["wil"] = number(word_information_lost(words));
  j["hits"] = words.hits;
  j["substitutions"] = words.substitutions;
  j["deletions"] = words.deletions;
  j["insertions"] = words.insertions;
  j["ref_words"] = words.ref_words;
  j["hyp_words"] = words.hyp_words;
  return j;
}

std::string format_of(const std::filesystem::path& path, const std::optional<std::string>& given) {
  if (given) return *given;
  std::string ext = path.extension().string();
  if (!ext.empty()) ext = ext.substr(1);
  if (ext == "webvtt") ext = "vtt";
  if (ext == "text") ext = "txt";
  return ext;
}

void check_format(const std::string& format, const std::filesystem::path& path) {
  static const std::set<std::string> kKnown = {"trn", "stm", "ctm", "json", "seglst", "srt", "vtt", "txt"};
  if (!kKnown.count(format))
    throw InputError(Problem{path.string(), 0, "",
                             "unknown format \"" + format +
                                 "\" (expected trn, stm, ctm, json, seglst, srt, vtt or txt; name it with --ref-format/--hyp-format)"});
}

NormalizerChoice normalizer_of(const FileScoringOptions& options) {
  auto choice = parse_normalizer(options.normalize);
  if (!choice)
    throw InputError(Problem{"", 0, "--normalize",
                             "expected none, basic, da, da+keep-fillers, da+no-compounds or da+keep-fillers+no-compounds, "
                             "got \"" + options.normalize + "\""});
  return *choice;
}

ErrorCounts errors_of(const std::string& ref, const std::string& hyp, const NormalizerChoice& n, ErrorCounts* chars) {
  const auto pair = normalize_pair(ref, hyp, n.kind, n.options);
  if (chars) *chars += count_character_errors(pair.ref, pair.hyp);
  return count_errors(pair.ref, pair.hyp);
}

nlohmann::ordered_json sclite_json(const ScliteCounts& counts) {
  nlohmann::ordered_json j = counts_json(counts.overall.counts, std::nullopt);
  j["sentences"] = counts.overall.sentences;
  j["sentence_errors"] = counts.overall.sentence_errors;
  j["optional_words_deleted"] = counts.overall.optional_deleted;
  j["speakers"] = nlohmann::ordered_json::object();
  for (const auto& s : counts.speakers) {
    auto sj = counts_json(s.counts, std::nullopt);
    sj["sentences"] = s.sentences;
    sj["sentence_errors"] = s.sentence_errors;
    j["speakers"][s.speaker] = sj;
  }
  j["reference_only_utterances"] = counts.reference_only_utterances;
  return j;
}

// Default mode over trn files: utterances paired by id, per-speaker blocks by trn speaker.
nlohmann::ordered_json score_trn(const std::filesystem::path& ref_path, const std::filesystem::path& hyp_path,
                                 const NormalizerChoice& normalizer) {
  const auto ref = read_trn_file(ref_path);
  const auto hyp = read_trn_file(hyp_path);
  std::map<std::string, const TrnUtterance*> hyp_by_id;
  for (const auto& u : hyp) hyp_by_id[u.utterance_id] = &u;
  std::vector<Problem> missing;
  ErrorCounts words, chars;
  std::map<std::string, std::pair<ErrorCounts, ErrorCounts>> per_speaker;
  for (const auto& r : ref) {
    auto it = hyp_by_id.find(r.utterance_id);
    if (it == hyp_by_id.end()) {
      missing.push_back({hyp_path.string(), 0, "",
                         fmt::format("no hypothesis for utterance ({}) from {}:{}", r.utterance_id, ref_path.string(), r.line)});
      continue;
    }
    ErrorCounts c;
    const ErrorCounts w = errors_of(r.text, it->second->text, normalizer, &c);
    words += w;
    chars += c;
    per_speaker[r.speaker].first += w;
    per_speaker[r.speaker].second += c;
  }
  if (!missing.empty()) throw InputError(missing);
  auto j = counts_json(words, chars);
  j["speakers"] = nlohmann::ordered_json::object();
  for (const auto& [speaker, counts] : per_speaker) j["speakers"][speaker] = counts_json(counts.first, counts.second);
  return j;
}

std::vector<SpeakerSegment> speaker_segments(const Transcript& t, const std::vector<std::vector<std::string>>& words) {
  std::vector<SpeakerSegment> out;
  for (std::size_t i = 0; i < t.segments.size(); ++i)
    out.push_back({t.segments[i].speaker, words[i], t.segments[i].start, t.segments[i].end, {}});
  return out;
}

// Default mode over whole transcripts: WER over the texts, plus speaker-attributed measures.
void score_transcript_pair(const Transcript& ref, const Transcript& hyp, const NormalizerChoice& normalizer,
                           const FileScoringOptions& options, ErrorCounts& words, ErrorCounts& chars,
                           std::map<std::string, ErrorCounts>& per_speaker, ErrorCounts& cp_total,
                           std::optional<ErrorCounts>& tcp_total, std::optional<ErrorCounts>& orc_total,
                           std::vector<std::string>& notes) {
  const NormalisedTranscripts normalised = normalise_transcripts(ref.segments, hyp.segments, normalizer);
  words += count_errors(normalised.ref_words, normalised.hyp_words);
  chars += count_character_errors(normalised.ref_words, normalised.hyp_words);
  const auto ref_speakers = speaker_segments(ref, normalised.ref_segments);
  const auto hyp_speakers = speaker_segments(hyp, normalised.hyp_segments);
  const CpwerResult cp = cpwer(ref_speakers, hyp_speakers);
  cp_total += cp.total;
  for (const auto& match : cp.matches)
    if (match.ref_speaker) per_speaker[*match.ref_speaker] += match.counts;
  TcpwerOptions tcp_options;
  tcp_options.collar = options.collar_s;
  const auto tcp = tcpwer(ref_speakers, hyp_speakers, tcp_options);
  if (tcp.ok() && tcp_total) {
    *tcp_total += tcp.value().total;
  } else if (!tcp.ok()) {
    if (tcp_total) notes.push_back("tcpWER not computed: " + tcp.error());
    tcp_total.reset();
  }
  if (options.orc_wer) {
    const auto orc = orcwer(ref_speakers, hyp_speakers);
    if (orc.ok() && orc_total) {
      *orc_total += orc.value().total;
    } else if (!orc.ok()) {
      if (orc_total) notes.push_back("ORC-WER not computed: " + orc.error());
      orc_total.reset();
    }
  }
}

}  // namespace

ScliteCounts score_trn_files_sclite(const std::filesystem::path& reference, const std::filesystem::path& hypothesis,
                                    const ScliteOptions& options) {
  // Reading, UTF-8 checking and splitting a file is a third of the work, and the files are independent.
  TrnFile ref_file, hyp_file;
  if (options.threads >= 2) {
    auto ref_future = std::async(std::launch::async, [&reference] { return read_trn_file_lines(reference); });
    std::exception_ptr hyp_error;
    try {
      hyp_file = read_trn_file_lines(hypothesis);
    } catch (...) {
      hyp_error = std::current_exception();
    }
    ref_file = ref_future.get();  // the reference's problem first, as in the sequential order
    if (hyp_error) std::rethrow_exception(hyp_error);
  } else {
    ref_file = read_trn_file_lines(reference);
    hyp_file = read_trn_file_lines(hypothesis);
  }
  return score_trn_lines_sclite(ref_file.lines, hyp_file.lines, options, reference.string(), hypothesis.string());
}


nlohmann::ordered_json score_files(const std::filesystem::path& ref_path, const std::filesystem::path& hyp_path,
                                   const FileScoringOptions& options) {
  const std::string ref_format = format_of(ref_path, options.ref_format);
  const std::string hyp_format = format_of(hyp_path, options.hyp_format);
  check_format(ref_format, ref_path);
  check_format(hyp_format, hyp_path);

  if (options.sclite_time_mediated && !(options.sclite && ref_format == "ctm" && hyp_format == "ctm"))
    throw InputError(Problem{ref_path.string(), 0, "--sclite-time-mediated",
                             "time-mediated alignment (sclite -T) needs --sclite and a ctm reference and hypothesis"});
  if (options.sclite) {
    nlohmann::ordered_json j;
    if (ref_format == "trn" && hyp_format == "trn") {
      ScliteOptions sclite;
      sclite.case_sensitive = options.sclite_case_sensitive;
      sclite.optional_deletable = options.sclite_optional_deletable;
      sclite.threads = 2;
      j = sclite_json(score_trn_files_sclite(ref_path, hyp_path, sclite));
    } else if (ref_format == "stm" && hyp_format == "ctm") {
      ScliteStmOptions sclite;
      sclite.case_sensitive = options.sclite_case_sensitive;
      sclite.optional_deletable = options.sclite_optional_deletable;
      const auto result = score_stm_ctm_sclite(read_stm_file(ref_path), read_ctm_file(hyp_path), sclite,
                                               ref_path.string(), hyp_path.string());
      j = sclite_json(result.counts);
      j["ignored_hypothesis_words"] = result.ignored_hypothesis_words;
    } else if (ref_format == "ctm" && hyp_format == "ctm") {
      ScliteCtmOptions sclite;
      sclite.time_mediated = options.sclite_time_mediated;
      sclite.case_sensitive = options.sclite_case_sensitive;
      sclite.optional_deletable = options.sclite_optional_deletable;
      j = sclite_json(score_ctm_ctm_sclite(read_ctm_file(ref_path), read_ctm_file(hyp_path), sclite,
                                           ref_path.string(), hyp_path.string()));
    } else {
      throw InputError(Problem{hyp_path.string(), 0, "--sclite",
                               "sclite mode scores trn against trn, stm against ctm or ctm against ctm, got " +
                                   ref_format + " and " + hyp_format});
    }
    nlohmann::ordered_json out;
    out["mode"] = "sclite";
    std::string flags = std::string(options.sclite_case_sensitive ? "-s " : "") +
                        (options.sclite_optional_deletable ? "-D " : "") + (options.sclite_time_mediated ? "-T " : "");
    if (!flags.empty()) flags.pop_back();
    out["sclite_options"] = flags;
    for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = it.value();
    return out;
  }

  const NormalizerChoice normalizer = normalizer_of(options);
  const Normalizer described = describe_normalizer(normalizer.kind, normalizer.options);
  nlohmann::ordered_json out;
  out["mode"] = "default";
  out["normalizer"] = described.name;
  if (ref_format == "trn" || hyp_format == "trn") {
    if (ref_format != hyp_format)
      throw InputError(Problem{hyp_path.string(), 0, "", "a trn reference needs a trn hypothesis (utterances are paired by id)"});
    auto j = score_trn(ref_path, hyp_path, normalizer);
    for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = it.value();
    return out;
  }

  // Everything else becomes pairs of transcripts (one per recording for stm/ctm and SegLST sessions).
  std::vector<std::pair<std::string, std::pair<Transcript, Transcript>>> pairs;
  if (ref_format == "stm") {
    const StmFile stm = read_stm_file(ref_path);
    if (hyp_format == "ctm") {
      const CtmFile ctm = read_ctm_file(hyp_path);
      for (const auto& rec : stm_recordings(stm))
        pairs.push_back({rec.file + " " + rec.channel,
                         {stm_to_transcript(stm, rec.file, rec.channel), ctm_to_transcript(ctm, rec.file, rec.channel)}});
    } else if (hyp_format == "stm") {
      const StmFile hyp = read_stm_file(hyp_path);
      for (const auto& rec : stm_recordings(stm))
        pairs.push_back({rec.file + " " + rec.channel,
                         {stm_to_transcript(stm, rec.file, rec.channel), stm_to_transcript(hyp, rec.file, rec.channel)}});
    } else {
      throw InputError(Problem{hyp_path.string(), 0, "", "an stm reference needs a ctm or stm hypothesis"});
    }
  } else if (ref_format == "seglst" || hyp_format == "seglst") {
    if (ref_format != hyp_format)
      throw InputError(Problem{hyp_path.string(), 0, "", "a SegLST reference needs a SegLST hypothesis (sessions are paired by id)"});
    const auto ref_sessions = read_seglst_file(ref_path);
    const auto hyp_sessions = read_seglst_file(hyp_path);
    std::map<std::string, const SeglstSession*> hyp_by_id;
    for (const auto& s : hyp_sessions) hyp_by_id[s.session_id] = &s;
    for (const auto& r : ref_sessions) {
      auto it = hyp_by_id.find(r.session_id);
      pairs.push_back({r.session_id, {seglst_to_transcript(r), it == hyp_by_id.end() ? Transcript{} : seglst_to_transcript(*it->second)}});
    }
  } else {
    if (ref_format == "ctm" || hyp_format == "ctm" || hyp_format == "stm")
      throw InputError(Problem{hyp_path.string(), 0, "", "ctm hypotheses are scored against an stm reference"});
    pairs.push_back({"", {read_transcript_file(ref_path, transcript_format_from_name(ref_format)),
                          read_transcript_file(hyp_path, transcript_format_from_name(hyp_format))}});
  }

  ErrorCounts words, chars, cp_total;
  std::map<std::string, ErrorCounts> per_speaker;
  std::optional<ErrorCounts> tcp_total = ErrorCounts{};
  std::optional<ErrorCounts> orc_total;
  if (options.orc_wer) orc_total = ErrorCounts{};
  std::vector<std::string> notes;
  for (const auto& [name, pair] : pairs)
    score_transcript_pair(pair.first, pair.second, normalizer, options, words, chars, per_speaker, cp_total, tcp_total,
                          orc_total, notes);
  auto j = counts_json(words, chars);
  for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = it.value();
  out["cpwer"] = number(word_error_rate(cp_total));
  out["tcpwer"] = tcp_total ? number(word_error_rate(*tcp_total)) : nlohmann::ordered_json();
  if (options.orc_wer) {
    out["orcwer"] = orc_total ? number(word_error_rate(*orc_total)) : nlohmann::ordered_json();
    out["speaker_label_error"] = orc_total && cp_total.ref_words > 0
                                     ? number(static_cast<double>(cp_total.errors() - orc_total->errors()) /
                                              static_cast<double>(cp_total.ref_words))
                                     : nlohmann::ordered_json();
  }
  out["speakers"] = nlohmann::ordered_json::object();  // per reference speaker, after the cpWER mapping
  for (const auto& [speaker, counts] : per_speaker) out["speakers"][speaker] = counts_json(counts, std::nullopt);
  out["recordings"] = pairs.size();
  out["notes"] = notes;
  return out;
}

std::string describe_file_score(const nlohmann::ordered_json& r) {
  auto pct = [](const nlohmann::ordered_json& v) {
    return v.is_number() ? fmt::format("{:.2f} %", 100.0 * v.get<double>()) : std::string("–");
  };
  std::string text = fmt::format("WER {} (S {} D {} I {} / N {})", pct(r["wer"]), r["substitutions"].get<std::int64_t>(),
                                 r["deletions"].get<std::int64_t>(), r["insertions"].get<std::int64_t>(),
                                 r["ref_words"].get<std::int64_t>());
  if (r.contains("cer")) text += ", CER " + pct(r["cer"]);
  if (r.contains("cpwer")) text += ", cpWER " + pct(r["cpwer"]);
  if (r.contains("tcpwer") && !r["tcpwer"].is_null()) text += ", tcpWER " + pct(r["tcpwer"]);
  if (r.contains("orcwer") && !r["orcwer"].is_null()) text += ", ORC-WER " + pct(r["orcwer"]);
  text += fmt::format("  [{}{}]\n", r["mode"].get<std::string>(),
                      r.contains("normalizer") ? ", normaliser " + r["normalizer"].get<std::string>() : std::string());
  if (r.contains("speakers"))
    for (auto it = r["speakers"].begin(); it != r["speakers"].end(); ++it)
      text += fmt::format("  {:<16} WER {} (N {})\n", it.key(), pct(it.value()["wer"]),
                          it.value()["ref_words"].get<std::int64_t>());
  if (r.contains("notes"))
    for (const auto& note : r["notes"]) text += "  note: " + note.get<std::string>() + "\n";
  return text;
}

}  // namespace pb
