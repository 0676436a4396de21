#include "metrics/sclite_align.h"

#include <algorithm>
#include <cassert>
#include <deque>
#include <exception>
#include <future>
#include <limits>
#include <thread>

#include "core/error.h"

namespace pb {

namespace {

// sclite's weights, shifted so the low bits can count "@" arcs (see sclite_detail::GraphCell).
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
  const ScliteArc* const arcs = reference.arcs.data();
  const std::int32_t* const hyp = hypothesis.data();
  std::size_t n = reference.arcs.size(), m = hypothesis.size();

  // A shared suffix of plain (not optional) words is all hits: when the last words are equal, the
  // diagonal is never dearer than the insertion or deletion step (removing one word from an alignment
  // changes its cost by at most 3), and the diagonal wins ties, so the DP takes it and its counts are
  // those of the shorter texts. Optional words are excluded because their deletion costs only 2.
  std::size_t suffix = 0;
  while (n > 0 && m > 0 && !arcs[n - 1].optional && arcs[n - 1].word == hyp[m - 1]) {
    --n;
    --m;
    ++suffix;
  }

  row_cost_.resize(m + 1);
  row_counts_.resize(m + 1);
  std::int32_t* const cost = row_cost_.data();
  std::uint64_t* const counts = row_counts_.data();
  for (std::size_t j = 0; j <= m; ++j) {
    cost[j] = static_cast<std::int32_t>(3 * j);
    counts[j] = 0;  // insertions are not counted: they follow from the other counts
  }
  // One row updated in place; the previous row's values to the left are carried in registers.
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t word = arcs[i].word;
    const std::int32_t delete_cost = arcs[i].optional ? 2 : 3;
    const std::uint64_t delete_count = arcs[i].optional ? kOpt : kDel;
    std::int32_t diagonal_cost = cost[0];
    std::uint64_t diagonal_counts = counts[0];
    std::int32_t left_cost = diagonal_cost + delete_cost;
    std::uint64_t left_counts = diagonal_counts + delete_count;
    cost[0] = left_cost;
    counts[0] = left_counts;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::int32_t up_cost = cost[j];
      const std::uint64_t up_counts = counts[j];
      // Same preference as align(): diagonal, then insertion, then deletion; written as selects so the
      // compiler can avoid unpredictable branches.
      const bool equal = word == hyp[j - 1];
      const std::int32_t diagonal = diagonal_cost + (equal ? 0 : 4);
      const std::int32_t insertion = left_cost + 3;
      const std::int32_t deletion = up_cost + delete_cost;
      const bool insertion_wins = insertion <= deletion;
      const std::int32_t side = insertion_wins ? insertion : deletion;
      const std::uint64_t side_counts = insertion_wins ? left_counts : up_counts + delete_count;
      const bool diagonal_wins = diagonal <= side;
      left_cost = diagonal_wins ? diagonal : side;
      left_counts = diagonal_wins ? diagonal_counts + (equal ? 0 : kSub) : side_counts;
      cost[j] = left_cost;
      counts[j] = left_counts;
      diagonal_cost = up_cost;
      diagonal_counts = up_counts;
    }
  }
  const std::uint64_t last = counts[m];
  ScliteSentenceCounts c;
  c.substitutions = static_cast<std::int32_t>(last & 0xFFFF);
  c.deletions = static_cast<std::int32_t>((last >> 16) & 0xFFFF);
  c.optional_deleted = static_cast<std::int32_t>((last >> 32) & 0xFFFF);
  c.hits = static_cast<std::int32_t>(n + suffix) - c.substitutions - c.deletions;
  c.insertions = static_cast<std::int32_t>(m + suffix) - (c.hits - c.optional_deleted) - c.substitutions;
  return c;
}

namespace {

using sclite_detail::GraphCell;
using sclite_detail::WideCounts;

// What one step adds to a cell's counts, for either representation.
struct PackedUnits {
  static constexpr std::uint64_t kHit = 1, kSub = std::uint64_t{1} << 16, kDel = std::uint64_t{1} << 32,
                                 kOpt = (std::uint64_t{1} << 48) | kHit;  // a deleted optional word is a hit
  static constexpr std::uint64_t kNone = 0;
  static ScliteSentenceCounts unpack(std::uint64_t c, std::size_t hypothesis_words) {
    ScliteSentenceCounts out;
    out.hits = static_cast<std::int32_t>(c & 0xFFFF);
    out.substitutions = static_cast<std::int32_t>((c >> 16) & 0xFFFF);
    out.deletions = static_cast<std::int32_t>((c >> 32) & 0xFFFF);
    out.optional_deleted = static_cast<std::int32_t>((c >> 48) & 0xFFFF);
    out.insertions =
        static_cast<std::int32_t>(hypothesis_words) - (out.hits - out.optional_deleted) - out.substitutions;
    return out;
  }
};

WideCounts operator+(WideCounts a, const WideCounts& b) {
  a.hits += b.hits;
  a.substitutions += b.substitutions;
  a.deletions += b.deletions;
  a.optional_deleted += b.optional_deleted;
  return a;
}

struct WideUnits {
  static constexpr WideCounts kHit{1, 0, 0, 0}, kSub{0, 1, 0, 0}, kDel{0, 0, 1, 0}, kOpt{1, 0, 0, 1}, kNone{};
  static ScliteSentenceCounts unpack(const WideCounts& c, std::size_t hypothesis_words) {
    ScliteSentenceCounts out{c.hits, c.substitutions, c.deletions, 0, c.optional_deleted};
    out.insertions = static_cast<std::int32_t>(hypothesis_words) - (c.hits - c.optional_deleted) - c.substitutions;
    return out;
  }
};

// The DP over the reference graph. Candidates are tried in preference order and replace the best only
// when strictly cheaper, which is the backtracking preference of sclite_align.h: diagonal, insertion,
// deletion; earlier arcs first. Insertions are not counted: they follow from the rest.
template <class Units, class Counts>
ScliteSentenceCounts align_graph(const ScliteNetwork& reference, std::span<const std::int32_t> hypothesis,
                                 std::vector<GraphCell<Counts>>& buffer) {
  using Cell = GraphCell<Counts>;
  const std::size_t m = hypothesis.size(), width = m + 1;
  const std::int32_t* const hyp = hypothesis.data();
  const auto nodes = static_cast<std::size_t>(reference.node_count);
  buffer.resize(nodes * width);
  Cell* const cells = buffer.data();
  const ScliteArc* const arcs = reference.arcs.data();

  for (std::size_t j = 0; j < width; ++j) cells[j] = Cell{static_cast<std::int64_t>(j) * kInsertion, Units::kNone};

  for (std::size_t v = 1; v < nodes; ++v) {
    const auto arcs_begin = static_cast<std::size_t>(reference.first_arc[v]);
    const auto arcs_end = static_cast<std::size_t>(reference.first_arc[v + 1]);
    assert(arcs_end > arcs_begin);  // every node but the start has an incoming arc
    Cell* const row = cells + v * width;
    if (arcs_end - arcs_begin == 1) {
      // Most nodes have one arc in; then the choice is the linear one and needs no loop over arcs.
      const ScliteArc& arc = arcs[arcs_begin];
      const Cell* const from = cells + static_cast<std::size_t>(arc.from) * width;
      if (arc.word < 0) {
        row[0] = Cell{from[0].key + kNullArc, from[0].counts};
        for (std::size_t j = 1; j < width; ++j) {
          const std::int64_t insertion = row[j - 1].key + kInsertion, deletion = from[j].key + kNullArc;
          row[j] = insertion <= deletion ? Cell{insertion, row[j - 1].counts} : Cell{deletion, from[j].counts};
        }
        continue;
      }
      const std::int64_t step = arc.optional ? kOptionalDeletion : kDeletion;
      const Counts step_counts = arc.optional ? Units::kOpt : Units::kDel;
      row[0] = Cell{from[0].key + step, from[0].counts + step_counts};
      for (std::size_t j = 1; j < width; ++j) {
        const bool equal = arc.word == hyp[j - 1];
        const std::int64_t diagonal = from[j - 1].key + (equal ? 0 : kSubstitution);
        const std::int64_t insertion = row[j - 1].key + kInsertion, deletion = from[j].key + step;
        if (diagonal <= insertion && diagonal <= deletion) {
          row[j] = Cell{diagonal, from[j - 1].counts + (equal ? Units::kHit : Units::kSub)};
        } else if (insertion <= deletion) {
          row[j] = Cell{insertion, row[j - 1].counts};
        } else {
          row[j] = Cell{deletion, from[j].counts + step_counts};
        }
      }
      continue;
    }
    for (std::size_t j = 0; j < width; ++j) {
      Cell best{std::numeric_limits<std::int64_t>::max(), Units::kNone};
      if (j > 0) {
        const std::int32_t h = hyp[j - 1];
        for (std::size_t a = arcs_begin; a < arcs_end; ++a) {
          const ScliteArc& arc = arcs[a];
          if (arc.word < 0) continue;
          const Cell& from = cells[static_cast<std::size_t>(arc.from) * width + j - 1];
          const bool equal = arc.word == h;
          const std::int64_t key = from.key + (equal ? 0 : kSubstitution);
          if (key < best.key) best = Cell{key, from.counts + (equal ? Units::kHit : Units::kSub)};
        }
        const Cell& left = row[j - 1];
        if (left.key + kInsertion < best.key) best = Cell{left.key + kInsertion, left.counts};
      }
      for (std::size_t a = arcs_begin; a < arcs_end; ++a) {
        const ScliteArc& arc = arcs[a];
        const Cell& from = cells[static_cast<std::size_t>(arc.from) * width + j];
        const std::int64_t step = arc.word < 0 ? kNullArc : arc.optional ? kOptionalDeletion : kDeletion;
        if (from.key + step < best.key) {
          best = Cell{from.key + step, from.counts + (arc.word < 0   ? Units::kNone
                                                      : arc.optional ? Units::kOpt
                                                                     : Units::kDel)};
        }
      }
      row[j] = best;
    }
  }
  return Units::unpack(cells[(nodes - 1) * width + m].counts, m);
}

}  // namespace

ScliteSentenceCounts ScliteAligner::align(const ScliteNetwork& reference, std::span<const std::int32_t> hypothesis) {
  // Packed counters hold up to 65535 each; no count can exceed the number of arcs or hypothesis words.
  const bool small = reference.arcs.size() < 65536 && hypothesis.size() < 65536;
  if (small && reference.linear) return align_linear(reference, hypothesis);
  if (small) return align_graph<PackedUnits>(reference, hypothesis, packed_cells_);
  return align_graph<WideUnits>(reference, hypothesis, wide_cells_);
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

// Drops the longest common tail of byte-identical plain words from a reference without alternatives
// and a hypothesis, and returns how many words were dropped: they are hits whatever the rest says
// (the argument is at align_linear's suffix rule), so they need neither interning nor alignment.
// "@" in such a reference is no word and is dropped along the way. A reference with braces keeps its
// tail (its alternatives can prefer other paths), and so does a "(word)" under -D: in the hypothesis
// it is markup that parse_sclite_hypothesis_tokens must still get to reject.
std::int32_t drop_common_tail(std::vector<std::string_view>& reference, std::vector<std::string_view>& hypothesis,
                              const ScliteOptions& options) {
  const auto is_brace = [](std::string_view t) { return t.size() == 1 && (t[0] == '{' || t[0] == '}'); };
  if (std::any_of(reference.begin(), reference.end(), is_brace)) return 0;
  std::int32_t dropped = 0;
  while (!reference.empty()) {
    const std::string_view t = reference.back();
    if (t == "@") {
      reference.pop_back();
      continue;
    }
    if (hypothesis.empty() || hypothesis.back() != t) break;
    if (options.optional_deletable && t.size() >= 2 && t.front() == '(' && t.back() == ')') break;
    reference.pop_back();
    hypothesis.pop_back();
    ++dropped;
  }
  return dropped;
}

void score_range(std::span<const TrnLine> reference, std::span<const TrnLine> hypothesis,
                 std::span<const PairedUtterance> pairs, const ScliteOptions& options, std::string_view reference_name,
                 std::string_view hypothesis_name, std::size_t begin, std::size_t end,
                 std::vector<ScliteSentenceCounts>& counts, WorkerResult& result) {
  ScliteLexicon lexicon(options.case_sensitive);
  ScliteNetwork network;
  std::vector<std::string_view> ref_tokens, hyp_tokens;
  std::vector<std::int32_t> words;
  ScliteAligner aligner;
  for (std::size_t k = begin; k < end; ++k) {
    const TrnLine& ref = reference[static_cast<std::size_t>(pairs[k].reference)];
    const TrnLine& hyp = hypothesis[k];
    split_sclite_tokens(ref.text, ref_tokens);
    split_sclite_tokens(hyp.text, hyp_tokens);
    // The dropped hypothesis words equal plain reference words, so none of them is markup that
    // parse_sclite_hypothesis_tokens would have rejected.
    const std::int32_t tail = drop_common_tail(ref_tokens, hyp_tokens, options);
    lexicon.clear();  // ids need only agree within the pair
    std::string ref_error = parse_sclite_reference_tokens(ref_tokens, options, lexicon, network);
    std::string hyp_error = parse_sclite_hypothesis_tokens(hyp_tokens, options, lexicon, words);
    if (!ref_error.empty()) result.problems.push_back(Problem{std::string(reference_name), ref.line, "", ref_error});
    if (!hyp_error.empty()) {
      result.problems.push_back(Problem{std::string(hypothesis_name), hyp.line, "", hyp_error});
    }
    if (ref_error.empty() && hyp_error.empty()) {
      counts[k] = aligner.align(network, words);
      counts[k].hits += tail;
    }
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
    for (std::size_t slot = std::hash<std::string_view>{}(key)&mask;; slot = (slot + 1) & mask) {
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
    for (std::size_t slot = std::hash<std::string_view>{}(key)&mask;; slot = (slot + 1) & mask) {
      const std::int32_t k = slots_[slot];
      if (k < 0) return -1;
      if (keys_[static_cast<std::size_t>(k)].first == key) return keys_[static_cast<std::size_t>(k)].second;
    }
  }

 private:
  std::vector<std::int32_t> slots_;
  std::vector<std::pair<std::string_view, std::int32_t>> keys_;
};


}  // namespace

void add_sentence(ScliteSpeakerCounts& total, const ScliteSentenceCounts& c, std::optional<std::int64_t> hyp_words) {
  total.counts.hits += c.hits;
  total.counts.substitutions += c.substitutions;
  total.counts.deletions += c.deletions;
  total.counts.insertions += c.insertions;
  total.counts.ref_words += c.ref_words();
  total.counts.hyp_words +=
      hyp_words.value_or(std::int64_t{c.hits} + c.substitutions + c.insertions - c.optional_deleted);
  total.optional_deleted += c.optional_deleted;
  total.sentences += 1;
  total.sentence_errors += c.errors() > 0 ? 1 : 0;
}

ScliteCounts score_trn_lines_sclite(std::span<const TrnLine> reference, std::span<const TrnLine> hypothesis,
                                    const ScliteOptions& options, std::string_view reference_name,
                                    std::string_view hypothesis_name) {
  assert(options.threads >= 1);
  ProblemList problems;
  const std::string ref_file(reference_name), hyp_file(hypothesis_name);

  // sclite matches ids without regard to ASCII case, unless -s. Keys view the ids themselves when
  // folding changes nothing (the usual case), so the maps cost no allocation per utterance.
  std::deque<std::string> folded_ids;
  auto id_key = [&options, &folded_ids](std::string_view id) -> std::string_view {
    if (options.case_sensitive || std::none_of(id.begin(), id.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      return id;
    }
    return folded_ids.emplace_back(sclite_ascii_lower(id));
  };
  auto quoted = [](std::string_view id) { return "utterance id \"" + std::string(id) + "\""; };
  IdTable reference_index(reference.size());
  for (std::size_t k = 0; k < reference.size(); ++k) {
    const std::int32_t first =
        reference_index.find_or_insert(id_key(reference[k].utterance_id), static_cast<std::int32_t>(k));
    if (first >= 0) {
      problems.add(ref_file, reference[k].line, "",
                   quoted(reference[k].utterance_id) + " appears again (first on line " +
                       std::to_string(reference[static_cast<std::size_t>(first)].line) + ")");
    }
  }

  ScliteCounts result;
  // Speakers are prefixes of the (folded) id keys, which outlive this function's tables.
  IdTable speaker_index(hypothesis.size());
  std::vector<PairedUtterance> pairs(hypothesis.size());
  std::vector<bool> reference_used(reference.size(), false);
  for (std::size_t k = 0; k < hypothesis.size(); ++k) {
    const TrnLine& hyp = hypothesis[k];
    const std::string_view key = id_key(hyp.utterance_id);
    const std::int32_t found = reference_index.find(key);
    if (found < 0) {
      problems.add(hyp_file, hyp.line, "",
                   quoted(hyp.utterance_id) + " is not in the reference " + ref_file + " (sclite refuses this too)");
      continue;
    }
    if (reference_used[static_cast<std::size_t>(found)]) {
      problems.add(hyp_file, hyp.line, "", quoted(hyp.utterance_id) + " appears more than once");
      continue;
    }
    reference_used[static_cast<std::size_t>(found)] = true;
    // sclite_speaker_of, on the key that is already folded as the options say.
    auto separator = key.find('-');
    if (separator == std::string_view::npos) separator = key.find('_');
    if (separator == std::string_view::npos) {
      problems.add(hyp_file, hyp.line, "",
                   quoted(hyp.utterance_id) +
                       " has no speaker part: sclite -i rm expects \"speaker-utterance\" or \"speaker_utterance\"");
      continue;
    }
    const std::string_view speaker = key.substr(0, separator);
    std::int32_t index = speaker_index.find_or_insert(speaker, static_cast<std::int32_t>(result.speakers.size()));
    if (index < 0) {
      index = static_cast<std::int32_t>(result.speakers.size());
      result.speakers.push_back(ScliteSpeakerCounts{std::string(speaker), {}, 0, 0, 0});
    }
    pairs[k] = {found, index};
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
    add_sentence(result.speakers[static_cast<std::size_t>(pairs[k].speaker)], c, hyp_words);
    add_sentence(result.overall, c, hyp_words);
  }
  result.reference_only_utterances =
      static_cast<std::int64_t>(std::count(reference_used.begin(), reference_used.end(), false));
  return result;
}

ScliteCounts score_trn_sclite(std::span<const TrnUtterance> reference, std::span<const TrnUtterance> hypothesis,
                              const ScliteOptions& options, std::string_view reference_name,
                              std::string_view hypothesis_name) {
  auto views = [](std::span<const TrnUtterance> utterances) {
    std::vector<TrnLine> lines;
    lines.reserve(utterances.size());
    for (const auto& u : utterances) lines.push_back(TrnLine{u.text, u.utterance_id, u.line});
    return lines;
  };
  return score_trn_lines_sclite(views(reference), views(hypothesis), options, reference_name, hypothesis_name);
}

}  // namespace pb
