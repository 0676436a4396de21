#include "metrics/rouge.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <unordered_map>

#include "core/utf8.h"
#include "metrics/porter_stemmer.h"
#include "metrics/snowball_stemmer.h"

namespace pb {
namespace {

// Decodes one code point at `pos`; invalid bytes come back as -1 with length 1.
std::pair<std::int32_t, std::size_t> code_point_at(std::string_view text, std::size_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) return {byte, 1};
  utf8proc_int32_t cp = 0;
  const utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                              static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  if (n <= 0 || cp < 0) return {-1, 1};
  return {cp, static_cast<std::size_t>(n)};
}

// rouge-score: text.lower(), then every character outside [a-z0-9] separates tokens. Besides A–Z, only
// two characters lower-case to ASCII in Python: U+0130 'İ' → "i" + U+0307 (a separator) and U+212A
// KELVIN SIGN → "k".
std::vector<std::string> tokenize_rouge_score(std::string_view text, bool stem) {
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (current.empty()) return;
    tokens.push_back(stem && current.size() > 3 ? porter_stem(current, PorterMode::nltk_extensions) : current);
    current.clear();
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto [cp, length] = code_point_at(text, pos);
    pos += length;
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      current.push_back(static_cast<char>(cp));
    } else if (cp >= 'A' && cp <= 'Z') {
      current.push_back(static_cast<char>(cp - 'A' + 'a'));
    } else if (cp == 0x212A) {
      current.push_back('k');
    } else if (cp == 0x0130) {
      current.push_back('i');
      flush();
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

bool is_token_start(std::int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
      return true;
    default:
      return false;
  }
}

bool is_mark(std::int32_t cp) {
  const auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME;
}

std::vector<std::string> tokenize_danish(std::string_view text, bool stem) {
  const std::string folded = casefold(sanitize_utf8(text));
  std::vector<std::string> tokens;
  std::size_t start = std::string::npos;
  auto flush = [&](std::size_t end) {
    if (start != std::string::npos) tokens.emplace_back(folded.substr(start, end - start));
    start = std::string::npos;
  };
  std::size_t pos = 0;
  while (pos < folded.size()) {
    const auto [cp, length] = code_point_at(folded, pos);
    const bool inside = start != std::string::npos;
    if (is_token_start(cp) || (inside && is_mark(cp))) {
      if (!inside) start = pos;
    } else {
      flush(pos);
    }
    pos += length;
  }
  flush(folded.size());
  if (stem && !tokens.empty()) {
    SnowballStemmer stemmer("danish");
    for (auto& token : tokens) token = stemmer.stem(token);
  }
  return tokens;
}

// rouge-score's get_sents: the text split at '\n', empty strings dropped (a line holding only "\r" or
// punctuation is kept and may tokenise to nothing).
std::vector<std::string_view> lsum_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end > start) lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Token strings to small integers shared by both sides, so comparisons are integer compares.
class Interner {
 public:
  std::vector<int> ids(const std::vector<std::string>& tokens) {
    std::vector<int> out;
    out.reserve(tokens.size());
    for (const auto& t : tokens) out.push_back(ids_.try_emplace(t, static_cast<int>(ids_.size())).first->second);
    return out;
  }
  std::size_t size() const { return ids_.size(); }

 private:
  std::unordered_map<std::string, int> ids_;
};

double fmeasure(double precision, double recall) {
  // Same operation order as rouge-score's scoring.fmeasure, so results are bit-identical.
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

RougeScore ngram_score(const std::vector<int>& target, const std::vector<int>& prediction, int n) {
  if (n < 1) throw std::invalid_argument("ROUGE-N needs n >= 1, got " + std::to_string(n));
  const auto un = static_cast<std::size_t>(n);
  auto sorted_ngrams = [un](const std::vector<int>& ids) {
    std::vector<std::span<const int>> grams;
    if (ids.size() >= un) {
      grams.reserve(ids.size() - un + 1);
      for (std::size_t i = 0; i + un <= ids.size(); ++i) grams.emplace_back(ids.data() + i, un);
    }
    std::sort(grams.begin(), grams.end(), [](std::span<const int> a, std::span<const int> b) {
      return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
    });
    return grams;
  };
  const auto t = sorted_ngrams(target);
  const auto p = sorted_ngrams(prediction);
  auto less = [](std::span<const int> a, std::span<const int> b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
  };
  auto same = [](std::span<const int> a, std::span<const int> b) { return std::equal(a.begin(), a.end(), b.begin()); };
  // Clipped overlap: each distinct n-gram counts min(occurrences in target, occurrences in prediction).
  std::size_t overlap = 0;
  std::size_t i = 0, j = 0;
  while (i < t.size() && j < p.size()) {
    if (less(t[i], p[j])) {
      ++i;
    } else if (less(p[j], t[i])) {
      ++j;
    } else {
      std::size_t ci = 0, cj = 0;
      const auto gram = t[i];
      while (i < t.size() && same(t[i], gram)) ++i, ++ci;
      while (j < p.size() && same(p[j], gram)) ++j, ++cj;
      overlap += std::min(ci, cj);
    }
  }
  RougeScore s;
  s.precision = static_cast<double>(overlap) / static_cast<double>(std::max<std::size_t>(p.size(), 1));
  s.recall = static_cast<double>(overlap) / static_cast<double>(std::max<std::size_t>(t.size(), 1));
  s.fmeasure = fmeasure(s.precision, s.recall);
  return s;
}

RougeScore lcs_score(const std::vector<int>& target, const std::vector<int>& prediction) {
  if (target.empty() || prediction.empty()) return {};
  const auto lcs = static_cast<double>(lcs_length(target, prediction));
  RougeScore s;
  s.precision = lcs / static_cast<double>(prediction.size());
  s.recall = lcs / static_cast<double>(target.size());
  s.fmeasure = fmeasure(s.precision, s.recall);
  return s;
}

// Marks in `in_union` the reference positions of the one LCS rouge-score's backtracking picks: walking
// back from the end, take a match when the tokens are equal, else step left in the candidate when that
// cell is strictly larger than the one above, else step up. Only that comparison is kept per cell (one
// bit), so a pair of long sentences needs |ref|·|cand| bits rather than a full integer table.
void mark_backtracked_lcs(const std::vector<int>& ref, const std::vector<int>& cand, std::vector<char>& in_union,
                          std::vector<std::uint64_t>& left_bigger, std::vector<std::uint32_t>& prev,
                          std::vector<std::uint32_t>& cur) {
  const std::size_t rows = ref.size(), cols = cand.size();
  if (rows == 0 || cols == 0) return;
  left_bigger.assign((rows * cols + 63) / 64, 0);
  prev.assign(cols + 1, 0);
  cur.assign(cols + 1, 0);
  for (std::size_t i = 1; i <= rows; ++i) {
    cur[0] = 0;
    for (std::size_t j = 1; j <= cols; ++j) {
      if (ref[i - 1] == cand[j - 1]) {
        cur[j] = prev[j - 1] + 1;
      } else {
        cur[j] = std::max(prev[j], cur[j - 1]);
      }
      if (cur[j - 1] > prev[j]) {
        const std::size_t bit = (i - 1) * cols + (j - 1);
        left_bigger[bit / 64] |= std::uint64_t{1} << (bit % 64);
      }
    }
    std::swap(prev, cur);
  }
  std::size_t i = rows, j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] == cand[j - 1]) {
      in_union[i - 1] = 1;
      --i;
      --j;
    } else {
      const std::size_t bit = (i - 1) * cols + (j - 1);
      if ((left_bigger[bit / 64] >> (bit % 64)) & 1U) {
        --j;
      } else {
        --i;
      }
    }
  }
}

RougeScore summary_lcs_score(const std::vector<std::vector<int>>& ref_sents,
                             const std::vector<std::vector<int>>& cand_sents, std::size_t vocabulary) {
  if (ref_sents.empty() || cand_sents.empty()) return {};
  std::size_t m = 0, n = 0;
  for (const auto& s : ref_sents) m += s.size();
  for (const auto& s : cand_sents) n += s.size();
  if (m == 0 || n == 0) return {};
  // Token budgets stop a token from being counted more often than it occurs on either side.
  std::vector<std::size_t> left_ref(vocabulary, 0), left_cand(vocabulary, 0);
  for (const auto& s : ref_sents)
    for (const int t : s) ++left_ref[static_cast<std::size_t>(t)];
  for (const auto& s : cand_sents)
    for (const int t : s) ++left_cand[static_cast<std::size_t>(t)];
  std::vector<std::uint64_t> bits;
  std::vector<std::uint32_t> prev, cur;
  std::vector<char> in_union;
  std::size_t hits = 0;
  for (const auto& ref : ref_sents) {
    in_union.assign(ref.size(), 0);
    for (const auto& cand : cand_sents) mark_backtracked_lcs(ref, cand, in_union, bits, prev, cur);
    for (std::size_t k = 0; k < ref.size(); ++k) {
      if (!in_union[k]) continue;
      const auto t = static_cast<std::size_t>(ref[k]);
      if (left_cand[t] > 0 && left_ref[t] > 0) {
        ++hits;
        --left_cand[t];
        --left_ref[t];
      }
    }
  }
  RougeScore s;
  s.recall = static_cast<double>(hits) / static_cast<double>(m);
  s.precision = static_cast<double>(hits) / static_cast<double>(n);
  s.fmeasure = fmeasure(s.precision, s.recall);
  return s;
}

std::vector<std::vector<int>> sentence_ids(std::string_view text, const RougeOptions& options, Interner& interner) {
  std::vector<std::vector<int>> out;
  for (const auto line : lsum_lines(text)) out.push_back(interner.ids(rouge_tokenize(line, options)));
  return out;
}

RougeScore lsum_of_texts(std::string_view target, std::string_view prediction, const RougeOptions& options) {
  Interner interner;
  const auto t = sentence_ids(target, options, interner);
  const auto p = sentence_ids(prediction, options, interner);
  return summary_lcs_score(t, p, interner.size());
}

}  // namespace

std::string rouge_options_name(const RougeOptions& options) {
  if (options.tokenizer == RougeTokenizer::rouge_score) return options.stem ? "rouge-score+porter-nltk" : "rouge-score";
  return options.stem ? "da+snowball-danish" : "da";
}

std::vector<std::string> rouge_tokenize(std::string_view text, const RougeOptions& options) {
  return options.tokenizer == RougeTokenizer::rouge_score ? tokenize_rouge_score(text, options.stem)
                                                          : tokenize_danish(text, options.stem);
}

std::size_t lcs_length(const std::vector<int>& a, const std::vector<int>& b) {
  const auto& longer = a.size() >= b.size() ? a : b;
  const auto& shorter = a.size() >= b.size() ? b : a;
  if (shorter.empty()) return 0;
  std::vector<std::uint32_t> row(shorter.size() + 1, 0);
  for (const int x : longer) {
    std::uint32_t diagonal = 0;  // row[j-1] of the previous row
    for (std::size_t j = 1; j <= shorter.size(); ++j) {
      const std::uint32_t above = row[j];
      row[j] = x == shorter[j - 1] ? diagonal + 1 : std::max(above, row[j - 1]);
      diagonal = above;
    }
  }
  return row.back();
}

RougeScore rouge_n_tokens(const RougeTokens& target, const RougeTokens& prediction, int n) {
  Interner interner;
  const auto t = interner.ids(target);
  const auto p = interner.ids(prediction);
  return ngram_score(t, p, n);
}

RougeScore rouge_l_tokens(const RougeTokens& target, const RougeTokens& prediction) {
  Interner interner;
  const auto t = interner.ids(target);
  const auto p = interner.ids(prediction);
  return lcs_score(t, p);
}

RougeScore rouge_lsum_tokens(const std::vector<RougeTokens>& target_sentences,
                             const std::vector<RougeTokens>& prediction_sentences) {
  Interner interner;
  std::vector<std::vector<int>> t, p;
  for (const auto& s : target_sentences) t.push_back(interner.ids(s));
  for (const auto& s : prediction_sentences) p.push_back(interner.ids(s));
  return summary_lcs_score(t, p, interner.size());
}

RougeScore rouge_n(std::string_view target, std::string_view prediction, int n, const RougeOptions& options) {
  if (n < 1) throw std::invalid_argument("ROUGE-N needs n >= 1, got " + std::to_string(n));
  return rouge_n_tokens(rouge_tokenize(target, options), rouge_tokenize(prediction, options), n);
}

RougeScore rouge_l(std::string_view target, std::string_view prediction, const RougeOptions& options) {
  return rouge_l_tokens(rouge_tokenize(target, options), rouge_tokenize(prediction, options));
}

RougeScore rouge_lsum(std::string_view target, std::string_view prediction, const RougeOptions& options) {
  return lsum_of_texts(target, prediction, options);
}

RougeScores rouge_scores(std::string_view target, std::string_view prediction, const RougeOptions& options) {
  Interner interner;
  const auto t = interner.ids(rouge_tokenize(target, options));
  const auto p = interner.ids(rouge_tokenize(prediction, options));
  RougeScores out;
  out.rouge1 = ngram_score(t, p, 1);
  out.rouge2 = ngram_score(t, p, 2);
  out.rougeL = lcs_score(t, p);
  out.rougeLsum = lsum_of_texts(target, prediction, options);
  return out;
}

// ---- sentence splitting for Lsum ----

namespace {

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space_byte(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space_byte(s.back())) s.remove_suffix(1);
  return s;
}

bool is_terminal(char c) { return c == '.' || c == '!' || c == '?'; }

// Quotes and brackets that close a sentence ('"', '\'', ')', ']', '»', '”', '’') or open the next one
// ('"', '\'', '(', '[', '«', '„', '“', '-', '–', '—').
// Danish prints »…« and other languages «…», so both guillemets count either way.
bool is_closing(std::int32_t cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0xAB || cp == 0xBB || cp == 0x201D ||
         cp == 0x2019;
}
bool is_opening(std::int32_t cp) {
  return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == 0xAB || cp == 0xBB || cp == 0x201E ||
         cp == 0x201C || cp == '-' || cp == 0x2013 || cp == 0x2014;
}

bool starts_sentence(std::int32_t cp) {
  if (cp < 0) return false;
  const auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_ND;
}

// Abbreviations (lower case, without the final '.') after which a '.' is never a sentence end.
bool is_abbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 36> kAbbreviations{
      "ca",   "kl",  "bl.a", "f.eks", "pga", "p.g.a", "nr",   "jf",  "jvf", "mht",  "m.h.t", "vedr",
      "evt",  "dvs", "d.v.s", "hhv",  "iflg", "ift",  "ifm",  "inkl", "ekskl", "tlf", "stk",  "pkt",
      "ang", "d", "hr",  "fr",   "dr",  "mr",    "mrs",  "ms",  "e.g", "i.e",  "vs",   "no",
  };
  std::string lower(word);
  for (auto& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) != kAbbreviations.end();
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The word that a '.' at `dot` ends, without leading opening quotes/brackets.
std::string_view word_before(std::string_view line, std::size_t dot) {
  std::size_t start = dot;
  while (start > 0 && !is_space_byte(line[start - 1])) --start;
  std::string_view word = line.substr(start, dot - start);
  while (!word.empty()) {
    const auto [cp, length] = code_point_at(word, 0);
    if (!is_opening(cp)) break;
    word.remove_prefix(length);
  }
  return word;
}

void split_line(std::string_view line, std::vector<std::string_view>& out) {
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    if (!is_terminal(line[i])) {
      ++i;
      continue;
    }
    const std::size_t first = i;
    std::size_t end = i + 1;
    while (end < line.size() && is_terminal(line[end])) ++end;
    const bool single_dot = end == first + 1 && line[first] == '.';
    while (end < line.size()) {
      const auto [cp, length] = code_point_at(line, end);
      if (!is_closing(cp)) break;
      end += length;
    }
    i = end;
    if (end < line.size() && !is_space_byte(line[end])) continue;  // "4.500", "bl.a", "www.x.dk"
    std::size_t next = end;
    while (next < line.size() && is_space_byte(line[next])) ++next;
    if (next == line.size()) break;  // the rest of the line is this sentence
    std::size_t look = next;
    std::int32_t cp = -1;
    while (look < line.size()) {
      const auto [c, length] = code_point_at(line, look);
      cp = c;
      if (!is_opening(c)) break;
      look += length;
      cp = -1;
    }
    if (!starts_sentence(cp)) continue;
    if (single_dot) {
      const std::string_view word = word_before(line, first);
      if (is_abbreviation(word)) continue;
      if (word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z') continue;  // an initial
      if (all_digits(word) && cp >= '0' && cp <= '9') continue;           // "15. 3. 2024"
    }
    const auto sentence = trim(line.substr(start, end - start));
    if (!sentence.empty()) out.push_back(sentence);
    start = next;
  }
  const auto rest = trim(line.substr(std::min(start, line.size())));
  if (!rest.empty()) out.push_back(rest);
}

}  // namespace

std::string split_sentences_for_lsum(std::string_view text) {
  std::vector<std::string_view> sentences;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    split_line(text.substr(start, end - start), sentences);
    start = end + 1;
  }
  std::string out;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    if (k > 0) out.push_back('\n');
    out.append(sentences[k]);
  }
  return out;
}

}  // namespace pb
