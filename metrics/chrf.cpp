#include "metrics/chrf.h"

#include <algorithm>
#include <span>
#include <stdexcept>
#include <unordered_map>

#include "core/utf8.h"

namespace pb {
namespace {

using CodePoints = std::vector<std::int32_t>;

// Python's str.isspace(), which is what str.split() with no argument splits on.
bool is_python_space(std::int32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

// Python's string.punctuation (ASCII only), which chrF++'s word splitter separates from word edges.
bool is_ascii_punctuation(std::int32_t cp) {
  return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60) ||
         (cp >= 0x7B && cp <= 0x7E);
}

CodePoints decode(std::string_view text) {
  CodePoints out;
  out.reserve(text.size());
  append_code_points(text, out);
  return out;
}

// Counts the clipped overlap of two multisets given as sorted sequences.
template <class T, class Less>
std::int64_t clipped_matches(const std::vector<T>& a, const std::vector<T>& b, Less less) {
  std::int64_t matched = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (less(a[i], b[j])) {
      ++i;
    } else if (less(b[j], a[i])) {
      ++j;
    } else {
      std::int64_t ca = 0, cb = 0;
      const T key = a[i];
      while (i < a.size() && !less(key, a[i])) ++i, ++ca;
      while (j < b.size() && !less(key, b[j])) ++j, ++cb;
      matched += std::min(ca, cb);
    }
  }
  return matched;
}

using Gram = std::span<const std::int32_t>;

bool gram_less(Gram a, Gram b) { return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end()); }

std::vector<Gram> sorted_grams(const CodePoints& seq, std::size_t n) {
  std::vector<Gram> grams;
  if (seq.size() >= n) {
    grams.reserve(seq.size() - n + 1);
    for (std::size_t i = 0; i + n <= seq.size(); ++i) grams.emplace_back(seq.data() + i, n);
  }
  std::sort(grams.begin(), grams.end(), gram_less);
  return grams;
}

ChrfOrderCounts order_counts(const std::vector<Gram>& ref, const std::vector<Gram>& hyp) {
  ChrfOrderCounts c;
  c.reference = static_cast<std::int64_t>(ref.size());
  c.hypothesis = ref.empty() ? 0 : static_cast<std::int64_t>(hyp.size());
  c.matched = clipped_matches(ref, hyp, gram_less);
  return c;
}

CodePoints without_whitespace(const CodePoints& text) {
  CodePoints out;
  out.reserve(text.size());
  for (const auto cp : text) {
    if (!is_python_space(cp)) out.push_back(cp);
  }
  return out;
}

// sacrebleu's chrF++ word splitter: split on whitespace; a word longer than one character loses one
// trailing punctuation mark, or else one leading one, as a separate word ("(hi)" → "(hi" ")").
std::vector<CodePoints> words_for_chrf(const CodePoints& text) {
  std::vector<CodePoints> raw;
  CodePoints current;
  for (const auto cp : text) {
    if (is_python_space(cp)) {
      if (!current.empty()) raw.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(cp);
    }
  }
  if (!current.empty()) raw.push_back(std::move(current));
  std::vector<CodePoints> words;
  for (auto& w : raw) {
    if (w.size() > 1 && is_ascii_punctuation(w.back())) {
      const auto last = w.back();
      w.pop_back();
      words.push_back(std::move(w));
      words.push_back({last});
    } else if (w.size() > 1 && is_ascii_punctuation(w.front())) {
      words.push_back({w.front()});
      words.emplace_back(w.begin() + 1, w.end());
    } else {
      words.push_back(std::move(w));
    }
  }
  return words;
}

void check(const ChrfOptions& options) {
  if (options.char_order < 1) throw std::invalid_argument("chrF needs char_order >= 1");
  if (options.word_order < 0) throw std::invalid_argument("chrF needs word_order >= 0");
  if (!(options.beta > 0)) throw std::invalid_argument("chrF needs beta > 0");
}

}  // namespace

std::string chrf_options_name(const ChrfOptions& options) {
  std::string beta = std::to_string(options.beta);
  beta.erase(beta.find_last_not_of('0') + 1);
  if (!beta.empty() && beta.back() == '.') beta.pop_back();
  return "chrF" + beta + std::string(static_cast<std::size_t>(std::max(options.word_order, 0)), '+') +
         "|nc:" + std::to_string(options.char_order) + "|nw:" + std::to_string(options.word_order) +
         "|space:" + (options.include_whitespace ? "yes" : "no") + "|eff:" + (options.eps_smoothing ? "no" : "yes") +
         "|case:mixed";
}

ChrfStatistics& ChrfStatistics::operator+=(const ChrfStatistics& other) {
  if (orders.empty()) {
    orders = other.orders;
    return *this;
  }
  if (other.orders.empty()) return *this;
  if (other.orders.size() != orders.size()) {
    throw std::invalid_argument("chrF statistics with different numbers of n-gram orders cannot be added");
  }
  for (std::size_t k = 0; k < orders.size(); ++k) {
    orders[k].hypothesis += other.orders[k].hypothesis;
    orders[k].reference += other.orders[k].reference;
    orders[k].matched += other.orders[k].matched;
  }
  return *this;
}

ChrfStatistics chrf_statistics(std::string_view reference, std::string_view hypothesis, const ChrfOptions& options) {
  check(options);
  const CodePoints ref = decode(reference);
  const CodePoints hyp = decode(hypothesis);
  ChrfStatistics stats;
  stats.orders.reserve(static_cast<std::size_t>(options.char_order + options.word_order));
  {
    const CodePoints ref_chars = options.include_whitespace ? ref : without_whitespace(ref);
    const CodePoints hyp_chars = options.include_whitespace ? hyp : without_whitespace(hyp);
    for (int n = 1; n <= options.char_order; ++n) {
      const auto un = static_cast<std::size_t>(n);
      stats.orders.push_back(order_counts(sorted_grams(ref_chars, un), sorted_grams(hyp_chars, un)));
    }
  }
  if (options.word_order > 0) {
    // Words become integer ids so word n-grams are sequences like character n-grams. Joining with ' '
    // (as sacrebleu does) cannot merge different n-grams because words contain no whitespace.
    std::unordered_map<std::u32string, std::int32_t> ids;
    auto to_ids = [&ids](const std::vector<CodePoints>& words) {
      CodePoints out;
      out.reserve(words.size());
      for (const auto& w : words) {
        std::u32string key(w.begin(), w.end());
        out.push_back(ids.try_emplace(std::move(key), static_cast<std::int32_t>(ids.size())).first->second);
      }
      return out;
    };
    const CodePoints ref_words = to_ids(words_for_chrf(ref));
    const CodePoints hyp_words = to_ids(words_for_chrf(hyp));
    for (int n = 1; n <= options.word_order; ++n) {
      const auto un = static_cast<std::size_t>(n);
      stats.orders.push_back(order_counts(sorted_grams(ref_words, un), sorted_grams(hyp_words, un)));
    }
  }
  return stats;
}

double chrf_score(const ChrfStatistics& statistics, const ChrfOptions& options) {
  check(options);
  const auto order = static_cast<std::size_t>(options.char_order + options.word_order);
  if (statistics.orders.size() != order) {
    throw std::invalid_argument("chrF statistics have " + std::to_string(statistics.orders.size()) +
                                " orders but the options ask for " + std::to_string(order));
  }
  // Same operation order as sacrebleu's CHRF._compute_f_score, so results agree to the last bit.
  constexpr double kEps = 1e-16;
  const double factor = options.beta * options.beta;
  double eps_score = 0.0, avg_prec = 0.0, avg_rec = 0.0;
  int effective_order = 0;
  for (const auto& c : statistics.orders) {
    const double prec = c.hypothesis > 0 ? static_cast<double>(c.matched) / static_cast<double>(c.hypothesis) : kEps;
    const double rec = c.reference > 0 ? static_cast<double>(c.matched) / static_cast<double>(c.reference) : kEps;
    const double denom = factor * prec + rec;
    eps_score += denom > 0 ? (1 + factor) * prec * rec / denom : kEps;
    if (c.hypothesis > 0 && c.reference > 0) {
      avg_prec += prec;
      avg_rec += rec;
      ++effective_order;
    }
  }
  if (options.eps_smoothing) return 100 * eps_score / static_cast<double>(order);
  if (effective_order == 0) return 0.0;
  avg_prec /= effective_order;
  avg_rec /= effective_order;
  if (avg_prec + avg_rec == 0) return 0.0;
  double score = (1 + factor) * avg_prec * avg_rec;
  score /= (factor * avg_prec) + avg_rec;
  return 100 * score;
}

double chrf_sentence(std::string_view reference, std::string_view hypothesis, const ChrfOptions& options) {
  return chrf_score(chrf_statistics(reference, hypothesis, options), options);
}

ChrfStatistics chrf_corpus_statistics(const std::vector<std::string>& references,
                                      const std::vector<std::string>& hypotheses, const ChrfOptions& options) {
  check(options);
  if (references.size() != hypotheses.size()) {
    throw std::invalid_argument("chrF corpus: " + std::to_string(references.size()) + " references but " +
                                std::to_string(hypotheses.size()) + " hypotheses");
  }
  ChrfStatistics total;
  total.orders.assign(static_cast<std::size_t>(options.char_order + options.word_order), {});
  for (std::size_t k = 0; k < references.size(); ++k) total += chrf_statistics(references[k], hypotheses[k], options);
  return total;
}

double chrf_corpus(const std::vector<std::string>& references, const std::vector<std::string>& hypotheses,
                   const ChrfOptions& options) {
  return chrf_score(chrf_corpus_statistics(references, hypotheses, options), options);
}

}  // namespace pb
