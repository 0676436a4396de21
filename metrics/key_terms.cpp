#include "metrics/key_terms.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <limits>
#include <numeric>
#include <string_view>

namespace pb {
namespace {

// Words that only frame a fact; see the header.
constexpr std::array<std::string_view, 15> kFrameWords = {"den", "d",     "kl",     "kl.", "klokken",
                                                          "ca",  "ca.",   "cirka",  "omkring", "kroner",
                                                          "krone", "kr",  "kr.",    "dkk", "kroners"};

bool is_frame_word(std::string_view w) {
  return std::find(kFrameWords.begin(), kFrameWords.end(), w) != kFrameWords.end();
}

struct Term {
  std::string type;
  bool from_fact = false;
  std::int32_t begin = 0, end = 0;
  std::vector<std::int32_t> required;  // word indices that must be recognised, ascending, non-empty
};

double weight_of(const KeyTermOptions& options, std::string_view type) {
  const auto it = options.weights.find(type);
  return it == options.weights.end() ? options.default_weight : it->second;
}

// For each word of one side, the index of its alignment pair.
struct PairIndex {
  std::vector<std::int32_t> of_ref, of_hyp;

  PairIndex(const Alignment& a, std::size_t n_ref, std::size_t n_hyp) : of_ref(n_ref, -1), of_hyp(n_hyp, -1) {
    for (std::size_t p = 0; p < a.pairs.size(); ++p) {
      if (a.pairs[p].ref_index >= 0) of_ref[static_cast<std::size_t>(a.pairs[p].ref_index)] = static_cast<std::int32_t>(p);
      if (a.pairs[p].hyp_index >= 0) of_hyp[static_cast<std::size_t>(a.pairs[p].hyp_index)] = static_cast<std::int32_t>(p);
    }
  }
};

// True iff the pairs of `required` are all hits and the pairs between the first and the last of them
// contain no `forbidden` operation (an insertion inside a reference term, a deletion inside a hypothesis
// term).
bool recognised(const Alignment& a, const std::vector<std::int32_t>& pair_of, const std::vector<std::int32_t>& required,
                EditOp forbidden) {
  for (std::int32_t w : required)
    if (a.pairs[static_cast<std::size_t>(pair_of[static_cast<std::size_t>(w)])].op != EditOp::hit) return false;
  const auto first = pair_of[static_cast<std::size_t>(required.front())];
  const auto last = pair_of[static_cast<std::size_t>(required.back())];
  for (auto p = first; p <= last; ++p)
    if (a.pairs[static_cast<std::size_t>(p)].op == forbidden) return false;
  return true;
}

// The words of the other side aligned to the pairs covering [begin, end) of one side.
std::vector<std::string> aligned_words(const Alignment& a, const std::vector<std::int32_t>& pair_of, std::int32_t begin,
                                       std::int32_t end, std::span<const std::string> other, bool other_is_hyp) {
  std::vector<std::string> out;
  const auto first = pair_of[static_cast<std::size_t>(begin)];
  const auto last = pair_of[static_cast<std::size_t>(end - 1)];
  for (auto p = first; p <= last; ++p) {
    const AlignedPair& pair = a.pairs[static_cast<std::size_t>(p)];
    const std::int32_t idx = other_is_hyp ? pair.hyp_index : pair.ref_index;
    if (idx >= 0) out.push_back(other[static_cast<std::size_t>(idx)]);
  }
  return out;
}

std::vector<std::string> slice(std::span<const std::string> words, std::int32_t begin, std::int32_t end) {
  return {words.begin() + begin, words.begin() + end};
}

std::vector<std::int32_t> range(std::int32_t begin, std::int32_t end) {
  std::vector<std::int32_t> out(static_cast<std::size_t>(end - begin));
  std::iota(out.begin(), out.end(), begin);
  return out;
}

// Start indices of the non-overlapping occurrences of `phrase` in `words`, left to right.
std::vector<std::int32_t> occurrences(std::span<const std::string> words, const std::vector<std::string>& phrase) {
  std::vector<std::int32_t> out;
  if (phrase.empty() || phrase.size() > words.size()) return out;
  std::size_t i = 0;
  while (i + phrase.size() <= words.size()) {
    if (std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<std::ptrdiff_t>(i))) {
      out.push_back(static_cast<std::int32_t>(i));
      i += phrase.size();
    } else {
      ++i;
    }
  }
  return out;
}

struct LocatedFact {
  std::size_t index;
  std::vector<std::string> phrase;
  std::vector<std::int32_t> starts;
};

}  // namespace

std::map<std::string, double, std::less<>> default_key_term_weights() {
  return {{"date", 5.0},   {"time", 5.0},     {"amount", 5.0}, {"cpr", 5.0},   {"negation", 5.0},
          {"next_meeting", 5.0}, {"number", 3.0}, {"duration", 3.0}, {"name", 3.0}, {"place", 3.0},
          {"obligation", 3.0}};
}

std::set<std::string, std::less<>> default_hallucination_types() {
  return {"number", "date", "time", "amount", "duration", "cpr", "name", "place"};
}

KeyTermCounts& KeyTermCounts::operator+=(const KeyTermCounts& other) {
  ref_terms += other.ref_terms;
  hits += other.hits;
  hyp_terms += other.hyp_terms;
  hyp_correct += other.hyp_correct;
  hallucinated += other.hallucinated;
  return *this;
}

KeyTermReport score_key_terms(KeyTermInput ref, KeyTermInput hyp, std::span<const KeyTermFact> facts,
                              const KeyTermOptions& options) {
  return score_key_terms(ref, hyp, align_tokens(ref.words, hyp.words), facts, options);
}

KeyTermReport score_key_terms(KeyTermInput ref, KeyTermInput hyp, const Alignment& alignment,
                              std::span<const KeyTermFact> facts, const KeyTermOptions& options) {
  assert(alignment.counts.ref_words == static_cast<std::int64_t>(ref.words.size()));
  assert(alignment.counts.hyp_words == static_cast<std::int64_t>(hyp.words.size()));
  const PairIndex pairs(alignment, ref.words.size(), hyp.words.size());
  KeyTermReport report;
  report.facts = static_cast<std::int64_t>(facts.size());

  // Lexicons: conversation-specific names and places.
  PatternLexicon ref_lexicon;
  ref_lexicon.names = capitalised_names(ref.raw_segments, options.normalizer);
  std::vector<LocatedFact> located;
  for (std::size_t f = 0; f < facts.size(); ++f) {
    LocatedFact lf{f, normalize_to_words(facts[f].text, options.normalizer.kind, options.normalizer.options), {}};
    if (facts[f].type == key_term_type::kName) ref_lexicon.names.insert(lf.phrase.begin(), lf.phrase.end());
    if (facts[f].type == key_term_type::kPlace) ref_lexicon.places.insert(lf.phrase.begin(), lf.phrase.end());
    lf.starts = occurrences(ref.words, lf.phrase);
    if (lf.starts.empty()) report.facts_not_located.push_back(f);
    located.push_back(std::move(lf));
  }
  report.facts_located = report.facts - static_cast<std::int64_t>(report.facts_not_located.size());

  // (a) fact terms, heaviest type first, then longer phrases, then dataset order.
  std::vector<Term> terms;
  std::vector<bool> claimed(ref.words.size(), false);
  std::vector<std::size_t> order(located.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double wa = weight_of(options, facts[a].type), wb = weight_of(options, facts[b].type);
    if (wa != wb) return wa > wb;
    return located[a].phrase.size() > located[b].phrase.size();
  });
  for (std::size_t f : order) {
    const LocatedFact& lf = located[f];
    const auto len = static_cast<std::int32_t>(lf.phrase.size());
    std::vector<std::int32_t> required;
    for (std::int32_t k = 0; k < len; ++k)
      if (!is_frame_word(lf.phrase[static_cast<std::size_t>(k)])) required.push_back(k);
    if (required.empty()) required = range(0, len);
    bool fact_recognised = false;
    for (std::int32_t start : lf.starts) {
      Term t{facts[f].type, true, start, start + len, {}};
      for (std::int32_t k : required) t.required.push_back(start + k);
      fact_recognised |= recognised(alignment, pairs.of_ref, t.required, EditOp::insertion);
      const bool free = std::none_of(claimed.begin() + start, claimed.begin() + start + len, [](bool c) { return c; });
      if (!free) continue;
      std::fill(claimed.begin() + start, claimed.begin() + start + len, true);
      terms.push_back(std::move(t));
    }
    if (fact_recognised) ++report.facts_recognised;
  }

  // (b) pattern terms over unclaimed words.
  for (const TermSpan& s : find_pattern_terms(ref.words, ref_lexicon)) {
    if (std::any_of(claimed.begin() + s.begin, claimed.begin() + s.end, [](bool c) { return c; })) continue;
    terms.push_back(Term{s.type, false, s.begin, s.end, range(s.core_begin, s.core_end)});
  }
  std::sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) { return a.begin < b.begin; });

  for (Term& t : terms) {
    KeyTermCounts& c = report.by_type[t.type];
    ++c.ref_terms;
    if (recognised(alignment, pairs.of_ref, t.required, EditOp::insertion)) {
      ++c.hits;
      continue;
    }
    report.misses.push_back(KeyTermMiss{t.type, t.from_fact, t.begin, t.end, slice(ref.words, t.begin, t.end),
                                        aligned_words(alignment, pairs.of_ref, t.begin, t.end, hyp.words, true)});
  }

  // Hypothesis terms.
  PatternLexicon hyp_lexicon;
  hyp_lexicon.names = capitalised_names(hyp.raw_segments, options.normalizer);
  hyp_lexicon.names.insert(ref_lexicon.names.begin(), ref_lexicon.names.end());
  hyp_lexicon.places = ref_lexicon.places;
  for (const TermSpan& s : find_pattern_terms(hyp.words, hyp_lexicon)) {
    KeyTermCounts& c = report.by_type[s.type];
    ++c.hyp_terms;
    if (recognised(alignment, pairs.of_hyp, range(s.core_begin, s.core_end), EditOp::deletion)) {
      ++c.hyp_correct;
      continue;
    }
    if (!options.hallucination_types.contains(s.type)) continue;
    ++c.hallucinated;
    report.hallucinations.push_back(KeyTermHallucination{
        s.type, s.begin, s.end, slice(hyp.words, s.begin, s.end),
        aligned_words(alignment, pairs.of_hyp, s.begin, s.end, ref.words, false)});
  }

  for (const auto& [type, c] : report.by_type) report.overall += c;
  return report;
}

void add_key_term_counts(KeyTermReport& total, const KeyTermReport& item) {
  for (const auto& [type, c] : item.by_type) total.by_type[type] += c;
  total.overall += item.overall;
  total.facts += item.facts;
  total.facts_located += item.facts_located;
  total.facts_recognised += item.facts_recognised;
}

double key_term_recall(const KeyTermCounts& counts) {
  if (counts.ref_terms == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(counts.hits) / static_cast<double>(counts.ref_terms);
}

double key_term_error_rate(const KeyTermCounts& counts) { return 1.0 - key_term_recall(counts); }

double key_term_precision(const KeyTermCounts& counts) {
  if (counts.hyp_terms == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(counts.hyp_correct) / static_cast<double>(counts.hyp_terms);
}

double weighted_key_term_error_rate(const std::map<std::string, KeyTermCounts>& by_type, const KeyTermOptions& options) {
  double missed = 0.0, total = 0.0;
  for (const auto& [type, c] : by_type) {
    const double w = weight_of(options, type);
    assert(w >= 0.0);
    missed += w * static_cast<double>(c.ref_terms - c.hits);
    total += w * static_cast<double>(c.ref_terms);
  }
  if (total == 0.0) return std::numeric_limits<double>::quiet_NaN();
  return missed / total;
}

}  // namespace pb
