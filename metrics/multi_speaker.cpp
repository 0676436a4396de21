#include "metrics/multi_speaker.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/utf8.h"
#include "metrics/assignment.h"

namespace pb {

namespace {

// One speaker's words in stream order, with one interval per word when times are in play.
struct Stream {
  std::string label;
  std::vector<std::string> words;
  std::vector<WordInterval> times;
};

// Segment indices in stream order: stably by start time when every segment has one, else input order.
std::vector<std::size_t> segment_order(std::span<const SpeakerSegment> segments) {
  std::vector<std::size_t> order(segments.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const bool all_timed =
      std::all_of(segments.begin(), segments.end(), [](const SpeakerSegment& s) { return s.start.has_value(); });
  if (all_timed) {
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return *segments[a].start < *segments[b].start; });
  }
  return order;
}

// One stream per speaker label, in label order, words concatenated in segment_order.
std::vector<Stream> streams_by_speaker(std::span<const SpeakerSegment> segments) {
  std::map<std::string, Stream> by_label;
  for (std::size_t i : segment_order(segments)) {
    const SpeakerSegment& s = segments[i];
    Stream& stream = by_label[s.speaker];
    stream.label = s.speaker;
    stream.words.insert(stream.words.end(), s.words.begin(), s.words.end());
  }
  std::vector<Stream> out;
  out.reserve(by_label.size());
  for (auto& entry : by_label) out.push_back(std::move(entry.second));
  return out;
}

ErrorCounts all_deletions(std::size_t n) {
  ErrorCounts c;
  c.ref_words = c.deletions = static_cast<std::int64_t>(n);
  return c;
}

ErrorCounts all_insertions(std::size_t m) {
  ErrorCounts c;
  c.hyp_words = c.insertions = static_cast<std::int64_t>(m);
  return c;
}

using PairCounter = std::function<ErrorCounts(const Stream& ref, const Stream& hyp)>;

// The permutation part shared by cpWER and tcpWER: count every pair once, pad the errors matrix to a square
// with dummy speakers (ref vs dummy = deletions, dummy vs hyp = insertions), solve, report.
CpwerResult minimum_permutation(const std::vector<Stream>& ref, const std::vector<Stream>& hyp,
                                const PairCounter& count_pair) {
  const std::size_t r_count = ref.size(), h_count = hyp.size();
  const std::size_t n = std::max(r_count, h_count);
  std::vector<ErrorCounts> pair_counts(r_count * h_count);
  std::vector<std::int64_t> costs(n * n, 0);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t h = 0; h < n; ++h) {
      std::int64_t cost = 0;
      if (r < r_count && h < h_count) {
        pair_counts[r * h_count + h] = count_pair(ref[r], hyp[h]);
        cost = pair_counts[r * h_count + h].errors();
      } else if (r < r_count) {
        cost = static_cast<std::int64_t>(ref[r].words.size());
      } else if (h < h_count) {
        cost = static_cast<std::int64_t>(hyp[h].words.size());
      }
      costs[r * n + h] = cost;
    }
  }
  const AssignmentResult assignment = min_cost_assignment(costs, n, n);

  CpwerResult result;
  std::vector<char> hyp_used(h_count, 0);
  for (std::size_t r = 0; r < r_count; ++r) {
    const int h = assignment.column_of_row[r];
    SpeakerMatch match;
    match.ref_speaker = ref[r].label;
    if (h >= 0 && static_cast<std::size_t>(h) < h_count) {
      match.hyp_speaker = hyp[static_cast<std::size_t>(h)].label;
      match.counts = pair_counts[r * h_count + static_cast<std::size_t>(h)];
      hyp_used[static_cast<std::size_t>(h)] = 1;
    } else {
      match.counts = all_deletions(ref[r].words.size());
      ++result.missed_speakers;
    }
    result.total += match.counts;
    result.matches.push_back(std::move(match));
  }
  for (std::size_t h = 0; h < h_count; ++h) {
    if (hyp_used[h]) continue;
    SpeakerMatch match;
    match.hyp_speaker = hyp[h].label;
    match.counts = all_insertions(hyp[h].words.size());
    ++result.false_alarm_speakers;
    result.total += match.counts;
    result.matches.push_back(std::move(match));
  }
  assert(result.total.errors() == assignment.cost);
  return result;
}

// Interns words of several sequences into one id space.
class Interner {
 public:
  std::vector<std::int32_t> ids(std::span<const std::string> words) {
    std::vector<std::int32_t> out;
    out.reserve(words.size());
    for (const std::string& w : words) {
      const auto next = static_cast<std::int32_t>(ids_.size());
      out.push_back(ids_.try_emplace(w, next).first->second);
    }
    return out;
  }

 private:
  std::unordered_map<std::string, std::int32_t> ids_;
};

// ---------------------------------------------------------------------------------------------------------
// ORC: the table f_u holds, for every combination p = (p_1..p_K) of positions in the K hypothesis streams,
// the least cost of aligning the first u reference segments (each put into some stream) against the stream
// prefixes h_k[0:p_k]. f_0(p) = Σp_k (all insertions). Segment u moves only along the dimension of the
// stream it is put into, so f_{u+1} = min over k of a Levenshtein pass of segment u along every line of
// dimension k of f_u (the line's values serve as the DP's first row).

class OrcTable {
 public:
  OrcTable(std::vector<std::vector<std::int32_t>> hyps) : hyps_(std::move(hyps)) {
    cells_ = 1;
    for (const auto& h : hyps_) {
      strides_.push_back(cells_);
      dims_.push_back(static_cast<std::int64_t>(h.size()) + 1);
      cells_ *= dims_.back();
    }
  }

  std::int64_t cells() const { return cells_; }
  std::size_t streams() const { return hyps_.size(); }
  std::int64_t stride(std::size_t k) const { return strides_[k]; }
  const std::vector<std::int32_t>& hyp(std::size_t k) const { return hyps_[k]; }

  std::vector<std::int32_t> initial() const {
    std::vector<std::int32_t> f(static_cast<std::size_t>(cells_), 0);
    for (std::size_t k = 0; k < hyps_.size(); ++k) {
      for (std::int64_t i = 0; i < cells_; ++i) {
        f[static_cast<std::size_t>(i)] += static_cast<std::int32_t>((i / strides_[k]) % dims_[k]);
      }
    }
    return f;
  }

  // g = f advanced by one reference segment.
  void advance(const std::vector<std::int32_t>& f, std::span<const std::int32_t> segment,
               std::vector<std::int32_t>& g) const {
    g.assign(f.size(), std::numeric_limits<std::int32_t>::max());
    std::vector<std::int32_t> row;
    for (std::size_t k = 0; k < hyps_.size(); ++k) {
      const std::int64_t stride = strides_[k], dim = dims_[k], block = stride * dim;
      const std::vector<std::int32_t>& h = hyps_[k];
      row.resize(static_cast<std::size_t>(dim));
      for (std::int64_t outer = 0; outer < cells_; outer += block) {
        for (std::int64_t inner = 0; inner < stride; ++inner) {
          const std::int64_t base = outer + inner;
          for (std::int64_t j = 0; j < dim; ++j)
            row[static_cast<std::size_t>(j)] = f[static_cast<std::size_t>(base + j * stride)];
          for (const std::int32_t word : segment) {
            std::int32_t diagonal = row[0];
            row[0] += 1;
            for (std::size_t j = 1; j < row.size(); ++j) {
              const std::int32_t up = row[j];
              const std::int32_t value = std::min({diagonal + (word == h[j - 1] ? 0 : 1), up + 1, row[j - 1] + 1});
              diagonal = up;
              row[j] = value;
            }
          }
          for (std::int64_t j = 0; j < dim; ++j) {
            std::int32_t& cell = g[static_cast<std::size_t>(base + j * stride)];
            cell = std::min(cell, row[static_cast<std::size_t>(j)]);
          }
        }
      }
    }
  }

 private:
  std::vector<std::vector<std::int32_t>> hyps_;
  std::vector<std::int64_t> strides_, dims_;
  std::int64_t cells_ = 1;
};

// suffix[t] = edit distance between `segment` and the last t words of h[0:end], for t = 0..end.
std::vector<std::int32_t> suffix_distances(std::span<const std::int32_t> segment, const std::vector<std::int32_t>& h,
                                           std::size_t end) {
  std::vector<std::int32_t> row(end + 1);
  for (std::size_t t = 0; t <= end; ++t) row[t] = static_cast<std::int32_t>(t);
  for (auto it = segment.rbegin(); it != segment.rend(); ++it) {
    std::int32_t diagonal = row[0];
    row[0] += 1;
    for (std::size_t t = 1; t <= end; ++t) {
      const std::int32_t up = row[t];
      const std::int32_t value = std::min({diagonal + (*it == h[end - t] ? 0 : 1), up + 1, row[t - 1] + 1});
      diagonal = up;
      row[t] = value;
    }
  }
  return row;
}

bool finite_interval(double start, double end) {
  return std::isfinite(start) && std::isfinite(end) && end >= start;
}

std::string segment_name(const char* side, std::size_t index, const SpeakerSegment& s) {
  return std::string(side) + " segment " + std::to_string(index) + " (speaker \"" + s.speaker + "\")";
}

// Streams with one interval per word for tcpWER; failure text names the side and segment.
Outcome<std::vector<Stream>> timed_streams(std::span<const SpeakerSegment> segments, const char* side,
                                           PseudoWordTiming timing, double collar) {
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const SpeakerSegment& s = segments[i];
    if (s.words.empty()) continue;
    if (!s.start || !s.end) {
      return Outcome<std::vector<Stream>>::failure("tcpWER not computable: " + segment_name(side, i, s) +
                                                   " has words but no start/end time");
    }
    if (!finite_interval(*s.start, *s.end)) {
      return Outcome<std::vector<Stream>>::failure("tcpWER not computable: " + segment_name(side, i, s) +
                                                   " has an invalid time interval (end before start or not finite)");
    }
    if (!s.word_times.empty()) {
      if (s.word_times.size() != s.words.size()) {
        return Outcome<std::vector<Stream>>::failure("tcpWER not computable: " + segment_name(side, i, s) + " has " +
                                                     std::to_string(s.word_times.size()) + " word times for " +
                                                     std::to_string(s.words.size()) + " words");
      }
      for (const WordInterval& t : s.word_times) {
        if (!finite_interval(t.start, t.end)) {
          return Outcome<std::vector<Stream>>::failure("tcpWER not computable: " + segment_name(side, i, s) +
                                                       " has an invalid word time");
        }
      }
    }
  }

  // Untimed segments are exactly the empty ones here; they add nothing, so sort only the timed ones.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (!segments[i].words.empty()) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return *segments[a].start < *segments[b].start; });

  std::map<std::string, Stream> by_label;
  for (const SpeakerSegment& s : segments) by_label[s.speaker].label = s.speaker;  // keep word-less speakers
  for (std::size_t i : order) {
    const SpeakerSegment& s = segments[i];
    Stream& stream = by_label[s.speaker];
    stream.words.insert(stream.words.end(), s.words.begin(), s.words.end());
    if (s.word_times.empty()) {
      const auto intervals = pseudo_word_intervals(s.words, *s.start, *s.end, timing);
      stream.times.insert(stream.times.end(), intervals.begin(), intervals.end());
    } else {
      for (std::size_t w = 0; w < s.words.size(); ++w) {
        const auto one = pseudo_word_intervals(std::span<const std::string>(&s.words[w], 1), s.word_times[w].start,
                                               s.word_times[w].end, timing);
        stream.times.push_back(one.front());
      }
    }
  }
  std::vector<Stream> out;
  for (auto& entry : by_label) {
    Stream& stream = entry.second;
    for (WordInterval& t : stream.times) {
      t.start = std::max(t.start - collar, 0.0);
      t.end += collar;
    }
    out.push_back(std::move(stream));
  }
  return Outcome<std::vector<Stream>>::success(std::move(out));
}

}  // namespace

CpwerResult cpwer(std::span<const SpeakerSegment> ref, std::span<const SpeakerSegment> hyp) {
  return minimum_permutation(streams_by_speaker(ref), streams_by_speaker(hyp),
                             [](const Stream& r, const Stream& h) { return count_errors(r.words, h.words); });
}

Outcome<OrcwerResult> orcwer(std::span<const SpeakerSegment> ref, std::span<const SpeakerSegment> hyp,
                             const OrcwerOptions& options) {
  using Result = Outcome<OrcwerResult>;
  std::vector<Stream> hyp_streams = streams_by_speaker(hyp);
  const std::size_t k_count = hyp_streams.size();
  if (static_cast<std::int64_t>(k_count) > options.max_streams) {
    return Result::failure("ORC-WER not computed: " + std::to_string(k_count) + " hypothesis speakers, at most " +
                           std::to_string(options.max_streams) + " supported by the exact algorithm");
  }

  OrcwerResult result;
  for (const Stream& s : hyp_streams) result.hyp_speakers.push_back(s.label);
  result.stream_of_segment.assign(ref.size(), k_count == 0 ? -1 : 0);
  result.stream_counts.resize(k_count);

  // Reference segments in stream order, as interned word ids.
  const std::vector<std::size_t> order = segment_order(ref);
  Interner interner;
  std::vector<std::vector<std::int32_t>> hyp_ids;
  for (const Stream& s : hyp_streams) hyp_ids.push_back(interner.ids(s.words));
  std::vector<std::vector<std::int32_t>> segments;
  std::int64_t ref_words = 0;
  for (std::size_t i : order) {
    segments.push_back(interner.ids(ref[i].words));
    ref_words += static_cast<std::int64_t>(ref[i].words.size());
  }

  // The assignment in sorted order; filled by the DP unless a trivial case settles it.
  std::vector<std::size_t> stream_of_sorted(segments.size(), 0);
  if (k_count > 0 && ref_words > 0) {
    OrcTable table(hyp_ids);
    // Cell count with an overflow guard: stop multiplying once past the limit.
    std::int64_t cells = 1;
    for (const auto& h : hyp_ids) {
      cells *= static_cast<std::int64_t>(h.size()) + 1;
      if (cells > options.max_cells) break;
    }
    if (cells > options.max_cells) {
      return Result::failure("ORC-WER not computed: the exact DP table would exceed " +
                             std::to_string(options.max_cells) + " cells (hypothesis streams too long)");
    }
    const auto u_count = static_cast<std::int64_t>(segments.size());
    std::int64_t interval = 1;  // keep every interval-th boundary table
    if ((u_count + 1) * cells > options.max_memory_cells) {
      interval = static_cast<std::int64_t>(std::ceil(std::sqrt(static_cast<double>(u_count))));
      if ((u_count / interval + 1 + interval) * cells > options.max_memory_cells) {
        return Result::failure("ORC-WER not computed: the exact DP would need more than " +
                               std::to_string(options.max_memory_cells) + " table cells of memory");
      }
    }
    const double work = static_cast<double>(ref_words + u_count) * static_cast<double>(k_count) *
                        static_cast<double>(cells) * (interval > 1 ? 2.0 : 1.0);
    if (work > static_cast<double>(options.max_cell_updates)) {
      return Result::failure("ORC-WER not computed: the exact DP would need about " +
                             std::to_string(static_cast<std::int64_t>(work)) + " cell updates, more than the limit " +
                             std::to_string(options.max_cell_updates));
    }

    std::vector<std::vector<std::int32_t>> checkpoints;
    std::vector<std::int32_t> f = table.initial(), g;
    checkpoints.push_back(f);
    for (std::int64_t u = 0; u < u_count; ++u) {
      table.advance(f, segments[static_cast<std::size_t>(u)], g);
      std::swap(f, g);
      if ((u + 1) % interval == 0 && u + 1 < u_count) checkpoints.push_back(f);
    }

    // Backtracking from the full state, block by block from the last checkpoint.
    std::vector<std::int64_t> position(k_count);
    std::int64_t index = table.cells() - 1;
    for (std::size_t k = 0; k < k_count; ++k) position[k] = static_cast<std::int64_t>(hyp_ids[k].size());
    std::int32_t value = f[static_cast<std::size_t>(index)];
    std::vector<std::vector<std::int32_t>> block;
    for (std::int64_t block_start = ((u_count - 1) / interval) * interval; block_start >= 0; block_start -= interval) {
      const std::int64_t block_end = std::min(block_start + interval, u_count);
      block.clear();
      block.push_back(checkpoints[static_cast<std::size_t>(block_start / interval)]);
      for (std::int64_t u = block_start; u + 1 < block_end; ++u) {
        block.emplace_back();
        table.advance(block[block.size() - 2], segments[static_cast<std::size_t>(u)], block.back());
      }
      for (std::int64_t u = block_end - 1; u >= block_start; --u) {
        const std::vector<std::int32_t>& before = block[static_cast<std::size_t>(u - block_start)];
        const auto& segment = segments[static_cast<std::size_t>(u)];
        bool found = false;
        for (std::size_t k = 0; k < k_count && !found; ++k) {
          const auto end = static_cast<std::size_t>(position[k]);
          const std::vector<std::int32_t> suffix = suffix_distances(segment, table.hyp(k), end);
          for (std::size_t t = 0; t <= end; ++t) {
            const std::int64_t from = index - static_cast<std::int64_t>(t) * table.stride(k);
            if (before[static_cast<std::size_t>(from)] + suffix[t] == value) {
              stream_of_sorted[static_cast<std::size_t>(u)] = k;
              position[k] -= static_cast<std::int64_t>(t);
              index = from;
              value = before[static_cast<std::size_t>(from)];
              found = true;
              break;
            }
          }
        }
        assert(found);
      }
    }
    // What is left is hypothesis words before every segment of their stream: all insertions.
    [[maybe_unused]] std::int64_t leading = 0;
    for (std::int64_t p : position) leading += p;
    assert(value == leading);
  }

  // Counts from the assignment, with the project's aligner.
  std::vector<std::vector<std::string>> combined(k_count);
  for (std::size_t u = 0; u < order.size(); ++u) {
    if (k_count == 0) {
      result.total += all_deletions(ref[order[u]].words.size());
      continue;
    }
    const std::size_t k = stream_of_sorted[u];
    result.stream_of_segment[order[u]] = static_cast<int>(k);
    combined[k].insert(combined[k].end(), ref[order[u]].words.begin(), ref[order[u]].words.end());
  }
  for (std::size_t k = 0; k < k_count; ++k) {
    result.stream_counts[k] = count_errors(combined[k], hyp_streams[k].words);
    result.total += result.stream_counts[k];
  }
  return Result::success(std::move(result));
}

SpeakerLabelError speaker_label_error(const CpwerResult& cp, const OrcwerResult& orc) {
  assert(cp.total.ref_words == orc.total.ref_words);
  SpeakerLabelError out;
  out.errors = cp.total.errors() - orc.total.errors();
  assert(out.errors >= 0);
  out.rate = cp.total.ref_words == 0 ? 0.0 : static_cast<double>(out.errors) / static_cast<double>(cp.total.ref_words);
  return out;
}

std::vector<WordInterval> pseudo_word_intervals(std::span<const std::string> words, double start, double end,
                                                PseudoWordTiming timing) {
  std::vector<WordInterval> out;
  if (words.empty()) return out;
  const bool points =
      timing == PseudoWordTiming::character_based_points || timing == PseudoWordTiming::equidistant_points;
  if (timing == PseudoWordTiming::full_segment) return std::vector<WordInterval>(words.size(), {start, end});

  // Weights: code points (character_based*) or 1 each (equidistant*).
  std::vector<double> weight(words.size(), 1.0);
  if (timing == PseudoWordTiming::character_based || timing == PseudoWordTiming::character_based_points) {
    std::vector<std::int32_t> code_points;
    double total = 0.0;
    for (std::size_t i = 0; i < words.size(); ++i) {
      code_points.clear();
      append_code_points(words[i], code_points);
      weight[i] = static_cast<double>(code_points.size());
      total += weight[i];
    }
    if (total == 0.0) std::fill(weight.begin(), weight.end(), 1.0);
  }
  double total = 0.0;
  for (double w : weight) total += w;
  const double unit = (end - start) / total;
  double cumulative = 0.0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    WordInterval interval{start + unit * cumulative, start + unit * (cumulative + weight[i])};
    if (words.size() == 1) interval = {start, end};  // exact, no rounding
    cumulative += weight[i];
    if (points) {
      const double mid = (interval.start + interval.end) / 2.0;
      interval = {mid, mid};
    }
    out.push_back(interval);
  }
  return out;
}

ErrorCounts count_time_constrained_errors(std::span<const std::string> ref, std::span<const WordInterval> ref_times,
                                          std::span<const std::string> hyp, std::span<const WordInterval> hyp_times) {
  assert(ref.size() == ref_times.size() && hyp.size() == hyp_times.size());
  Interner interner;
  const std::vector<std::int32_t> r = interner.ids(ref), h = interner.ids(hyp);
  // Forward DP carrying the S and D of the path that backtracking with the preference diagonal, deletion,
  // insertion would take (as in word_alignment.cpp), so no back-pointer matrix is needed.
  struct Cell {
    std::int64_t cost, sub, del;
  };
  const std::size_t m = h.size();
  std::vector<Cell> row(m + 1), next(m + 1);
  for (std::size_t j = 0; j <= m; ++j) row[j] = {static_cast<std::int64_t>(j), 0, 0};
  for (std::size_t i = 0; i < r.size(); ++i) {
    next[0] = {row[0].cost + 1, row[0].sub, row[0].del + 1};
    const WordInterval& a = ref_times[i];
    for (std::size_t j = 1; j <= m; ++j) {
      const WordInterval& b = hyp_times[j - 1];
      const Cell deletion{row[j].cost + 1, row[j].sub, row[j].del + 1};
      const Cell insertion{next[j - 1].cost + 1, next[j - 1].sub, next[j - 1].del};
      Cell best = deletion.cost <= insertion.cost ? deletion : insertion;
      if (a.start < b.end && b.start < a.end) {
        const std::int64_t mismatch = r[i] == h[j - 1] ? 0 : 1;
        const Cell diagonal{row[j - 1].cost + mismatch, row[j - 1].sub + mismatch, row[j - 1].del};
        if (diagonal.cost <= best.cost) best = diagonal;
      }
      next[j] = best;
    }
    std::swap(row, next);
  }
  ErrorCounts c;
  c.ref_words = static_cast<std::int64_t>(r.size());
  c.hyp_words = static_cast<std::int64_t>(m);
  c.substitutions = row[m].sub;
  c.deletions = row[m].del;
  c.insertions = row[m].cost - row[m].sub - row[m].del;
  c.hits = c.ref_words - c.substitutions - c.deletions;
  return c;
}

Outcome<CpwerResult> tcpwer(std::span<const SpeakerSegment> ref, std::span<const SpeakerSegment> hyp,
                            const TcpwerOptions& options) {
  assert(std::isfinite(options.collar) && options.collar >= 0.0);
  auto ref_streams = timed_streams(ref, "reference", options.reference_timing, 0.0);
  if (!ref_streams.ok()) return Outcome<CpwerResult>::failure(ref_streams.error());
  auto hyp_streams = timed_streams(hyp, "hypothesis", options.hypothesis_timing, options.collar);
  if (!hyp_streams.ok()) return Outcome<CpwerResult>::failure(hyp_streams.error());
  return Outcome<CpwerResult>::success(
      minimum_permutation(ref_streams.value(), hyp_streams.value(), [](const Stream& r, const Stream& h) {
        return count_time_constrained_errors(r.words, r.times, h.words, h.times);
      }));
}

}  // namespace pb
