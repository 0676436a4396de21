#include "metrics/sclite_align.h"

#include <algorithm>
#include <cassert>
#include <deque>
#include <thread>
#include <unordered_map>

#include "core/error.h"

namespace pb {

namespace {

// sclite's weights, shifted so the low bits can count "@" arcs (see ScliteAligner::Cell::key).
constexpr int kNullShift = 24;
constexpr std::int64_t kInsertion = std::int64_t{3} << kNullShift;
constexpr std::int64_t kDeletion = std::int64_t{3} << kNullShift;
constexpr std::int64_t kSubstitution = std::int64_t{4} << kNullShift;
constexpr std::int64_t kOptionalDeletion = std::int64_t{2} << kNullShift;
constexpr std::int64_t kNullArc = 1;

}  // namespace

ScliteSentenceCounts ScliteAligner::align_linear(const ScliteNetwork& reference,
                                                std::span<const std::int32_t> hypothesis) {
  constexpr std::uint64_t kSub = 1, kDel = std::uint64_t{1} << 16, kOpt = std::uint64_t{1} << 32;
  const std::size_t n = reference.arcs.size(), m = hypothesis.size();
  rows_.resize(2 * (m + 1));
  LinearCell* prev = rows_.data();
  LinearCell* cur = prev + m + 1;
  for (std::size_t j = 0; j <= m; ++j) prev[j] = {static_cast<std::int32_t>(3 * j), 0};
  for (std::size_t i = 0; i < n; ++i) {
    const ScliteArc& arc = reference.arcs[i];
    const std::int32_t word = arc.word;
    const std::int32_t delete_cost = arc.optional ? 2 : 3;
    const std::uint64_t delete_count = arc.optional ? kOpt : kDel;
    cur[0] = {prev[0].cost + delete_cost, prev[0].counts + delete_count};
    for (std::size_t j = 1; j <= m; ++j) {
      // Same preference as align(): diagonal, then insertion, then deletion; written as selects so the
      // compiler can avoid unpredictable branches.
      const bool equal = word == hypothesis[j - 1];
      const std::int32_t diagonal = prev[j - 1].cost + (equal ? 0 : 4);
      const std::int32_t insertion = cur[j - 1].cost + 3;
      const std::int32_t deletion = prev[j].cost + delete_cost;
      const bool insertion_wins = insertion <= deletion;
      const std::int32_t side = insertion_wins ? insertion : deletion;
      const std::uint64_t side_counts = insertion_wins ? cur[j - 1].counts : prev[j].counts + delete_count;
      const bool diagonal_wins = diagonal <= side;
      cur[j].cost = diagonal_wins ? diagonal : side;
      cur[j].counts = diagonal_wins ? prev[j - 1].counts + (equal ? 0 : kSub) : side_counts;
    }
    std::swap(prev, cur);
  }
  const LinearCell& last = prev[m];
  ScliteSentenceCounts c;
  c.substitutions = static_cast<std::int32_t>(last.counts & 0xFFFF);
  c.deletions = static_cast<std::int32_t>((last.counts >> 16) & 0xFFFF);
  c.optional_deleted = static_cast<std::int32_t>((last.counts >> 32) & 0xFFFF);
  c.hits = static_cast<std::int32_t>(n) - c.substitutions - c.deletions;
  c.insertions = static_cast<std::int32_t>(m) - (c.hits - c.optional_deleted) - c.substitutions;
  return c;
}

ScliteSentenceCounts ScliteAligner::align(const ScliteNetwork& reference, std::span<const std::int32_t> hypothesis) {
  // The packed counters of align_linear hold up to 65535 each.
  if (reference.linear && reference.arcs.size() < 65536 && hypothesis.size() < 65536) {
    return align_linear(reference, hypothesis);
  }
  const std::size_t width = hypothesis.size() + 1;
  const auto nodes = static_cast<std::size_t>(reference.node_count);
  cells_.resize(nodes * width);
  Cell* const cells = cells_.data();

  // Node 0: only insertions.
  cells[0] = Cell{0, 0, 0, 0, 0, 0};
  for (std::size_t j = 1; j < width; ++j) {
    cells[j] = cells[j - 1];
    cells[j].key += kInsertion;
    ++cells[j].insertions;
  }

  // Candidates are tried in preference order and replace the best only when strictly cheaper, which is
  // the backtracking preference of sclite_align.h: diagonal, insertion, deletion; earlier arcs first.
  for (std::size_t v = 1; v < nodes; ++v) {
    const auto arcs_begin = static_cast<std::size_t>(reference.first_arc[v]);
    const auto arcs_end = static_cast<std::size_t>(reference.first_arc[v + 1]);
    Cell* const row = cells + v * width;
    for (std::size_t j = 0; j < width; ++j) {
      Cell best;
      bool have = false;
      if (j > 0) {
        const std::int32_t h = hypothesis[j - 1];
        for (std::size_t a = arcs_begin; a < arcs_end; ++a) {
          const ScliteArc& arc = reference.arcs[a];
          if (arc.word < 0) continue;
          const Cell& from = cells[static_cast<std::size_t>(arc.from) * width + j - 1];
          const bool equal = arc.word == h;
          const std::int64_t key = from.key + (equal ? 0 : kSubstitution);
          if (!have || key < best.key) {
            best = from;
            best.key = key;
            if (equal) {
              ++best.hits;
            } else {
              ++best.substitutions;
            }
            have = true;
          }
        }
        const Cell& left = row[j - 1];
        if (!have || left.key + kInsertion < best.key) {
          best = left;
          best.key += kInsertion;
          ++best.insertions;
          have = true;
        }
      }
      for (std::size_t a = arcs_begin; a < arcs_end; ++a) {
        const ScliteArc& arc = reference.arcs[a];
        const Cell& from = cells[static_cast<std::size_t>(arc.from) * width + j];
        const std::int64_t step = arc.word < 0 ? kNullArc : arc.optional ? kOptionalDeletion : kDeletion;
        if (!have || from.key + step < best.key) {
          best = from;
          best.key += step;
          if (arc.word >= 0) {
            if (arc.optional) {
              ++best.hits;
              ++best.optional_deleted;
            } else {
              ++best.deletions;
            }
          }
          have = true;
        }
      }
      assert(have);  // every node but the start has an incoming arc
      row[j] = best;
    }
  }
  const Cell& last = cells[(nodes - 1) * width + width - 1];
  return {last.hits, last.substitutions, last.deletions, last.insertions, last.optional_deleted};
}

ScliteSentenceCounts score_sclite_sentence(std::string_view reference, std::string_view hypothesis,
                                           const ScliteOptions& options) {
  ScliteLexicon lexicon(options.case_sensitive);
  ScliteNetwork network;
  std::vector<std::int32_t> words;
  if (auto error = parse_sclite_reference(reference, options, lexicon, network); !error.empty()) {
    throw InputError(Problem{"reference", 0, "", error});
  }
  if (auto error = parse_sclite_hypothesis(hypothesis, options, lexicon, words); !error.empty()) {
    throw InputError(Problem{"hypothesis", 0, "", error});
  }
  return ScliteAligner().align(network, words);
}

namespace {

struct PairedUtterance {
  std::int32_t reference = -1;  // index into the reference utterances
  std::int32_t speaker = -1;    // index into ScliteCounts::speakers
};

// Workers take contiguous ranges in order, so concatenating their problems keeps file order.
struct WorkerResult {
  std::vector<Problem> problems;
};

void score_range(std::span<const TrnUtterance> reference, std::span<const TrnUtterance> hypothesis,
                 std::span<const PairedUtterance> pairs, const ScliteOptions& options, std::string_view reference_name,
                 std::string_view hypothesis_name, std::size_t begin, std::size_t end,
                 std::vector<ScliteSentenceCounts>& counts, WorkerResult& result) {
  ScliteLexicon lexicon(options.case_sensitive);
  ScliteNetwork network;
  std::vector<std::int32_t> words;
  ScliteAligner aligner;
  for (std::size_t k = begin; k < end; ++k) {
    const TrnUtterance& ref = reference[static_cast<std::size_t>(pairs[k].reference)];
    const TrnUtterance& hyp = hypothesis[k];
    std::string ref_error = parse_sclite_reference(ref.text, options, lexicon, network);
    std::string hyp_error = parse_sclite_hypothesis(hyp.text, options, lexicon, words);
    if (!ref_error.empty()) result.problems.push_back(Problem{std::string(reference_name), ref.line, "", ref_error});
    if (!hyp_error.empty()) {
      result.problems.push_back(Problem{std::string(hypothesis_name), hyp.line, "", hyp_error});
    }
    if (ref_error.empty() && hyp_error.empty()) counts[k] = aligner.align(network, words);
  }
}

// Utterance ids -> index, open addressing over views of the ids: no allocation per id, which matters
// at 55,000 utterances per file.
class IdTable {
 public:
  explicit IdTable(std::size_t capacity) {
    std::size_t size = 16;
    while (size < 2 * capacity + 1) size *= 2;
    slots_.assign(size, -1);
    keys_.reserve(capacity);
  }
  // The index stored for `key`, or -1 after storing `value` for it.
  std::int32_t find_or_insert(std::string_view key, std::int32_t value) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = std::hash<std::string_view>{}(key) & mask;; slot = (slot + 1) & mask) {
      const std::int32_t k = slots_[slot];
      if (k < 0) {
        slots_[slot] = static_cast<std::int32_t>(keys_.size());
        keys_.push_back({key, value});
        return -1;
      }
      if (keys_[static_cast<std::size_t>(k)].first == key) return keys_[static_cast<std::size_t>(k)].second;
    }
  }
  std::int32_t find(std::string_view key) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = std::hash<std::string_view>{}(key) & mask;; slot = (slot + 1) & mask) {
      const std::int32_t k = slots_[slot];
      if (k < 0) return -1;
      if (keys_[static_cast<std::size_t>(k)].first == key) return keys_[static_cast<std::size_t>(k)].second;
    }
  }

 private:
  std::vector<std::int32_t> slots_;
  std::vector<std::pair<std::string_view, std::int32_t>> keys_;
};

void add(ScliteSpeakerCounts& total, const ScliteSentenceCounts& c, std::int64_t hyp_words) {
  total.counts.hits += c.hits;
  total.counts.substitutions += c.substitutions;
  total.counts.deletions += c.deletions;
  total.counts.insertions += c.insertions;
  total.counts.ref_words += c.ref_words();
  total.counts.hyp_words += hyp_words;
  total.optional_deleted += c.optional_deleted;
  total.sentences += 1;
  total.sentence_errors += c.errors() > 0 ? 1 : 0;
}

}  // namespace

ScliteCounts score_trn_sclite(std::span<const TrnUtterance> reference, std::span<const TrnUtterance> hypothesis,
                              const ScliteOptions& options, std::string_view reference_name,
                              std::string_view hypothesis_name) {
  assert(options.threads >= 1);
  ProblemList problems;
  const std::string ref_file(reference_name), hyp_file(hypothesis_name);

  // sclite matches ids without regard to ASCII case, unless -s. Keys view the ids themselves when
  // folding changes nothing (the usual case), so the maps cost no allocation per utterance.
  std::deque<std::string> folded_ids;
  auto id_key = [&options, &folded_ids](const std::string& id) -> std::string_view {
    if (options.case_sensitive || std::none_of(id.begin(), id.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      return id;
    }
    return folded_ids.emplace_back(sclite_ascii_lower(id));
  };
  IdTable reference_index(reference.size());
  for (std::size_t k = 0; k < reference.size(); ++k) {
    const std::int32_t first =
        reference_index.find_or_insert(id_key(reference[k].utterance_id), static_cast<std::int32_t>(k));
    if (first >= 0) {
      problems.add(ref_file, reference[k].line, "",
                   "utterance id \"" + reference[k].utterance_id + "\" appears again (first on line " +
                       std::to_string(reference[static_cast<std::size_t>(first)].line) + ")");
    }
  }

  ScliteCounts result;
  std::unordered_map<std::string, std::int32_t> speaker_index;
  std::vector<PairedUtterance> pairs(hypothesis.size());
  std::vector<bool> reference_used(reference.size(), false);
  for (std::size_t k = 0; k < hypothesis.size(); ++k) {
    const TrnUtterance& hyp = hypothesis[k];
    const std::int32_t found = reference_index.find(id_key(hyp.utterance_id));
    if (found < 0) {
      problems.add(hyp_file, hyp.line, "",
                   "utterance id \"" + hyp.utterance_id + "\" is not in the reference " + ref_file +
                       " (sclite refuses this too)");
      continue;
    }
    if (reference_used[static_cast<std::size_t>(found)]) {
      problems.add(hyp_file, hyp.line, "", "utterance id \"" + hyp.utterance_id + "\" appears more than once");
      continue;
    }
    reference_used[static_cast<std::size_t>(found)] = true;
    const auto speaker = sclite_speaker_of(hyp.utterance_id, options.case_sensitive);
    if (!speaker) {
      problems.add(hyp_file, hyp.line, "",
                   "utterance id \"" + hyp.utterance_id +
                       "\" has no speaker part: sclite -i rm expects \"speaker-utterance\" or \"speaker_utterance\"");
      continue;
    }
    const auto [it, inserted] = speaker_index.try_emplace(*speaker, static_cast<std::int32_t>(result.speakers.size()));
    if (inserted) result.speakers.push_back(ScliteSpeakerCounts{*speaker, {}, 0, 0, 0});
    pairs[k] = {found, it->second};
  }
  problems.throw_if_any();

  std::vector<ScliteSentenceCounts> counts(hypothesis.size());
  const std::size_t workers =
      std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(options.threads), hypothesis.size()));
  std::vector<WorkerResult> worker_results(workers);
  auto run = [&](std::size_t w) {
    const std::size_t begin = hypothesis.size() * w / workers, end = hypothesis.size() * (w + 1) / workers;
    score_range(reference, hypothesis, pairs, options, reference_name, hypothesis_name, begin, end, counts,
                worker_results[w]);
  };
  {
    std::vector<std::jthread> threads;
    for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(run, w);
    run(0);
  }
  for (auto& w : worker_results) {
    for (auto& problem : w.problems) problems.add(std::move(problem));
  }
  problems.throw_if_any();

  for (std::size_t k = 0; k < hypothesis.size(); ++k) {
    // Hypothesis words, from the counts: hits + substitutions + insertions minus the optional words
    // that were "hit" by being deleted.
    const auto& c = counts[k];
    const std::int64_t hyp_words = std::int64_t{c.hits} + c.substitutions + c.insertions - c.optional_deleted;
    add(result.speakers[static_cast<std::size_t>(pairs[k].speaker)], c, hyp_words);
    add(result.overall, c, hyp_words);
  }
  result.reference_only_utterances =
      static_cast<std::int64_t>(std::count(reference_used.begin(), reference_used.end(), false));
  return result;
}

}  // namespace pb
