#include "metrics/sclite_ctm.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/error.h"

namespace pb {
namespace {

// sclite's overlap of two intervals: negative when they are apart, zero when they touch. Only the sign
// matters here; the formula is sclite's (it ignores which interval ends last when they are apart).
double overlap(double a1, double a2, double b1, double b2) {
  if (a1 < b1) return a2 < b2 ? a2 - b1 : b2 - b1;
  return a2 < b2 ? a2 - a1 : b2 - a1;
}

double end_of(const ScliteTimedWord& w) { return w.begin + w.duration; }

bool apart(const ScliteTimedWord& r, const ScliteTimedWord& h) {
  return overlap(r.begin, end_of(r), h.begin, end_of(h)) < 0.0;
}

// One cut, or nullopt when the window is too small to find one. Indices are inclusive like sclite's, so an
// exhausted stream has start > last.
std::optional<std::pair<long, long>> find_cut(std::span<const ScliteTimedWord> R, std::span<const ScliteTimedWord> H,
                                               long rs, long hs, long window) {
  const long rl = static_cast<long>(R.size()) - 1, hl = static_cast<long>(H.size()) - 1;
  if (rs > rl && hs > hl) return std::nullopt;
  if (rl - rs < window && hl - hs < window) return std::pair{rl, hl};
  long r = std::min(rs + window, rl), h = std::min(hs + window, hl);
  // A stream that has run out is looked at through its last word, as sclite indexes it.
  auto ref_at = [&](long i) -> const ScliteTimedWord& { return R[static_cast<std::size_t>(std::clamp(i, 0L, rl))]; };
  auto hyp_at = [&](long i) -> const ScliteTimedWord& { return H[static_cast<std::size_t>(std::clamp(i, 0L, hl))]; };

  // Bring the two ends near each other in time.
  if (ref_at(r).begin > hyp_at(h).begin) {
    while (r >= rs && ref_at(r).begin > hyp_at(h).begin && apart(ref_at(r), hyp_at(h))) --r;
  } else if (ref_at(r).begin < hyp_at(h).begin) {
    while (h >= hs && ref_at(r).begin < hyp_at(h).begin && apart(ref_at(r), hyp_at(h))) --h;
  }
  constexpr double kOpenEnd = 999999.99;
  while (r > rs && h > hs) {
    const double rg1 = end_of(ref_at(r)), rg2 = r == rl ? kOpenEnd : ref_at(r + 1).begin;
    const double hg1 = end_of(hyp_at(h)), hg2 = h == hl ? kOpenEnd : hyp_at(h + 1).begin;
    if (overlap(rg1, rg2, hg1, hg2) >= 0.0) return std::pair{r, h};  // a shared pause: cut after r and h
    if (ref_at(r).begin > hyp_at(h).begin) {
      if (r > rs) --r;
      while (h >= hs && ref_at(r).begin < hyp_at(h).begin && apart(ref_at(r), hyp_at(h))) --h;
    } else {
      if (h > hs) --h;
      // sclite measures this hyp word with the duration of the *reference* word at the same index.
      while (r >= rs && ref_at(r).begin > hyp_at(h).begin) {
        const ScliteTimedWord& hw = hyp_at(h);
        const double duration = h <= rl ? ref_at(h).duration : hw.duration;
        if (overlap(ref_at(r).begin, end_of(ref_at(r)), hw.begin, hw.begin + duration) >= 0.0) break;
        --r;
      }
    }
  }
  if (r > rs || h > hs) return std::pair{r, h};
  return std::nullopt;
}

using RecordingKey = std::pair<std::string, std::string>;

RecordingKey key_of(const CtmRecord& r, bool case_sensitive) {
  if (case_sensitive) return {r.file, r.channel};
  return {sclite_ascii_lower(r.file), sclite_ascii_lower(r.channel)};
}

struct Recording {
  RecordingKey key;
  std::vector<std::size_t> records;  // indices into the CtmFile
  int line = 0;                      // first record's line
};

// Recordings in file order; a recording that comes back after another one is a separate entry, which
// the pairing then reports.
std::vector<Recording> recordings_of(const CtmFile& ctm, bool case_sensitive) {
  std::vector<Recording> out;
  for (std::size_t k = 0; k < ctm.records.size(); ++k) {
    RecordingKey key = key_of(ctm.records[k], case_sensitive);
    if (out.empty() || out.back().key != key) out.push_back({std::move(key), {}, ctm.records[k].line});
    out.back().records.push_back(k);
  }
  return out;
}

// sclite looks for a file's second channel only while there are at least two words after the first channel in
// what it has read, so a second channel that is a single word at the very end of the file goes unseen (an
// off-by-one in sclite, measured). Seen in one file and not in the other stops sclite; unseen in both drops it.
bool unseen_second_channel(const std::vector<Recording>& recordings, std::size_t k) {
  if (k == 0 || k + 1 != recordings.size() || recordings[k].records.size() != 1) return false;
  if (recordings[k - 1].key.first != recordings[k].key.first) return false;
  return k == 1 || recordings[k - 2].key.first != recordings[k].key.first;
}


std::string check_word(const CtmRecord& r, bool is_reference, const ScliteCtmOptions& options) {
  if (!r.begin || !r.duration) return "\"" + r.word + "\": CTM alternations are not supported in CTM/CTM scoring";
  if (r.word == "{" || r.word == "}" || r.word == "@" || r.word.find_first_of("{}") != std::string::npos) {
    return "\"" + r.word + "\": trn markup is not supported in CTM/CTM scoring";
  }
  if (is_reference && options.time_mediated && options.optional_deletable && r.word.size() > 2 &&
      r.word.front() == '(' && r.word.back() == ')') {
    return "\"" + r.word + "\": optional words are not supported with time-mediated alignment";
  }
  return {};
}

}  // namespace

std::vector<ScliteCtmChunk> sclite_ctm_chunks(std::span<const ScliteTimedWord> ref,
                                              std::span<const ScliteTimedWord> hyp) {
  std::vector<ScliteCtmChunk> chunks;
  const long rl = static_cast<long>(ref.size()) - 1, hl = static_cast<long>(hyp.size()) - 1;
  long rs = 0, hs = 0;
  while (rs <= rl || hs <= hl) {
    std::optional<std::pair<long, long>> cut;
    for (long window = 50; !(cut = find_cut(ref, hyp, rs, hs, window)); window *= 2) {
    }
    const long re = std::max(cut->first, rs - 1), he = std::max(cut->second, hs - 1);
    chunks.push_back({static_cast<std::size_t>(rs), static_cast<std::size_t>(re + 1), static_cast<std::size_t>(hs),
                      static_cast<std::size_t>(he + 1)});
    rs = re + 1;
    hs = he + 1;
  }
  return chunks;
}

ScliteSentenceCounts align_time_mediated_sclite(std::span<const std::int32_t> ref_words,
                                                std::span<const ScliteTimedWord> ref_times,
                                                std::span<const std::int32_t> hyp_words,
                                                std::span<const ScliteTimedWord> hyp_times) {
  const std::size_t n = ref_words.size(), m = hyp_words.size();
  enum : unsigned char { kStart, kDiag, kIns, kDel };
  const std::size_t width = m + 1;
  // sclite keeps word times in double but its distance function returns float and the DP cells are float, so
  // each step cost is rounded to float and the sums are float sums. Near-ties depend on exactly this rounding.
  // A word's end is begin + duration and its duration is end - begin, both in double.
  auto duration = [](const ScliteTimedWord& w) { return static_cast<float>(end_of(w) - w.begin); };
  std::vector<float> cost((n + 1) * width, 0.0f);
  std::vector<unsigned char> from((n + 1) * width, kStart);
  for (std::size_t j = 1; j <= m; ++j) {
    cost[j] = cost[j - 1] + duration(hyp_times[j - 1]);
    from[j] = kIns;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    cost[i * width] = cost[(i - 1) * width] + duration(ref_times[i - 1]);
    from[i * width] = kDel;
    for (std::size_t j = 1; j <= m; ++j) {
      const ScliteTimedWord& r = ref_times[i - 1];
      const ScliteTimedWord& h = hyp_times[j - 1];
      const float pair = static_cast<float>(std::fabs(r.begin - h.begin) + std::fabs(end_of(r) - end_of(h)) +
                                            (ref_words[i - 1] == hyp_words[j - 1] ? 0.0 : 0.001));
      const float diag = cost[(i - 1) * width + j - 1] + pair;
      const float del = cost[(i - 1) * width + j] + duration(r);
      const float ins = cost[i * width + j - 1] + duration(h);
      // sclite's order: the diagonal wins ties, then a deletion must be strictly cheaper than the insertion.
      float best = ins;
      unsigned char step = kIns;
      if (diag <= del && diag <= ins) {
        best = diag, step = kDiag;
      } else if (del < ins) {
        best = del, step = kDel;
      }
      cost[i * width + j] = best;
      from[i * width + j] = step;
    }
  }
  ScliteSentenceCounts counts;
  for (std::size_t i = n, j = m; i > 0 || j > 0;) {
    switch (from[i * width + j]) {
      case kDiag:
        (ref_words[i - 1] == hyp_words[j - 1] ? counts.hits : counts.substitutions) += 1;
        --i, --j;
        break;
      case kIns:
        counts.insertions += 1;
        --j;
        break;
      default:
        counts.deletions += 1;
        --i;
        break;
    }
  }
  return counts;
}

ScliteCounts score_ctm_ctm_sclite(const CtmFile& ref, const CtmFile& hyp, const ScliteCtmOptions& options,
                                  std::string_view reference_name, std::string_view hypothesis_name) {
  const std::string ref_file(reference_name), hyp_file(hypothesis_name);
  ProblemList problems;
  for (const CtmRecord& r : ref.records) {
    if (auto e = check_word(r, true, options); !e.empty()) problems.add(ref_file, r.line, "word", e);
  }
  for (const CtmRecord& r : hyp.records) {
    if (auto e = check_word(r, false, options); !e.empty()) problems.add(hyp_file, r.line, "word", e);
  }
  problems.throw_if_any();

  const std::vector<Recording> ref_recordings = recordings_of(ref, options.case_sensitive);
  const std::vector<Recording> hyp_recordings = recordings_of(hyp, options.case_sensitive);
  for (std::size_t k = 0; k < std::max(ref_recordings.size(), hyp_recordings.size()); ++k) {
    if (k >= hyp_recordings.size()) {
      const Recording& r = ref_recordings[k];
      problems.add(hyp_file, 0, "file",
                   "no words for recording \"" + r.key.first + "\" channel \"" + r.key.second + "\" of " + ref_file +
                       " line " + std::to_string(r.line) + " (sclite needs the same recordings in the same order)");
      break;
    }
    if (k >= ref_recordings.size() || ref_recordings[k].key != hyp_recordings[k].key) {
      const Recording& h = hyp_recordings[k];
      problems.add(hyp_file, h.line, "file",
                   "recording \"" + h.key.first + "\" channel \"" + h.key.second + "\" is not the next one in " +
                       ref_file + " (sclite needs the same recordings in the same order)");
      break;
    }
  }
  problems.throw_if_any();
  bool drop_last = false;
  if (!ref_recordings.empty()) {
    const std::size_t k = ref_recordings.size() - 1;
    const bool ref_unseen = unseen_second_channel(ref_recordings, k);
    const bool hyp_unseen = unseen_second_channel(hyp_recordings, k);
    drop_last = ref_unseen && hyp_unseen;
    if (ref_unseen != hyp_unseen) {
      const Recording& r = ref_unseen ? ref_recordings[k] : hyp_recordings[k];
      problems.add(ref_unseen ? ref_file : hyp_file, r.line, "file",
                   "channel \"" + r.key.second + "\" of \"" + r.key.first +
                       "\" is a single word at the end of the file while the other file's has more words; sclite "
                       "then stops (\"missing second channel\")");
      problems.throw_if_any();
    }
  }

  ScliteOptions text_options;
  text_options.case_sensitive = options.case_sensitive;
  text_options.optional_deletable = options.optional_deletable && !options.time_mediated;
  ScliteLexicon lexicon(options.case_sensitive);
  ScliteNetwork network;
  ScliteAligner aligner;
  std::vector<std::int32_t> ref_ids, hyp_ids, one_word;
  std::vector<ScliteTimedWord> ref_times, hyp_times;
  std::string text;

  ScliteCounts result;
  std::unordered_map<std::string, std::size_t> speaker_index;
  for (std::size_t k = 0; k + (drop_last ? 1 : 0) < ref_recordings.size(); ++k) {
    const Recording& rr = ref_recordings[k];
    const Recording& hr = hyp_recordings[k];
    const CtmRecord& first = ref.records[rr.records.front()];
    std::string speaker = first.file + "-" + first.channel;
    if (!options.case_sensitive) speaker = sclite_ascii_lower(speaker);
    const auto [it, inserted] = speaker_index.try_emplace(speaker, result.speakers.size());
    if (inserted) result.speakers.push_back(ScliteSpeakerCounts{speaker, {}, 0, 0, 0});

    ref_times.clear();
    hyp_times.clear();
    for (const std::size_t w : rr.records) ref_times.push_back({*ref.records[w].begin, *ref.records[w].duration});
    for (const std::size_t w : hr.records) hyp_times.push_back({*hyp.records[w].begin, *hyp.records[w].duration});
    for (const ScliteCtmChunk& chunk : sclite_ctm_chunks(ref_times, hyp_times)) {
      lexicon.clear();
      hyp_ids.clear();
      for (std::size_t w = chunk.hyp_begin; w < chunk.hyp_end; ++w) {
        const CtmRecord& record = hyp.records[hr.records[w]];
        if (auto e = parse_sclite_hypothesis(record.word, text_options, lexicon, one_word); !e.empty()) {
          problems.add(hyp_file, record.line, "word", e);
        }
        hyp_ids.insert(hyp_ids.end(), one_word.begin(), one_word.end());
      }
      ScliteSentenceCounts c;
      if (options.time_mediated) {
        ref_ids.clear();
        for (std::size_t w = chunk.ref_begin; w < chunk.ref_end; ++w) {
          ref_ids.push_back(lexicon.intern(ref.records[rr.records[w]].word));
        }
        if (hyp_ids.size() != chunk.hyp_end - chunk.hyp_begin) continue;  // a rejected word, reported above
        c = align_time_mediated_sclite(
            ref_ids, std::span(ref_times).subspan(chunk.ref_begin, chunk.ref_end - chunk.ref_begin), hyp_ids,
            std::span(hyp_times).subspan(chunk.hyp_begin, chunk.hyp_end - chunk.hyp_begin));
      } else {
        text.clear();
        for (std::size_t w = chunk.ref_begin; w < chunk.ref_end; ++w) {
          if (!text.empty()) text += ' ';
          text += ref.records[rr.records[w]].word;
        }
        if (auto e = parse_sclite_reference(text, text_options, lexicon, network); !e.empty()) {
          problems.add(ref_file, ref.records[rr.records[chunk.ref_begin]].line, "word", e);
          continue;
        }
        c = aligner.align(network, hyp_ids);
      }
      add_sentence(result.speakers[it->second], c);
      add_sentence(result.overall, c);
    }
  }
  problems.throw_if_any();
  return result;
}

}  // namespace pb
