#include "metrics/porter_stemmer.h"

#include <utf8proc.h>

#include <array>
#include <vector>

namespace pb {
namespace {

using Word = std::u32string;
using Suffix = std::u32string_view;

// Invalid UTF-8 bytes travel through the algorithm as values above U+10FFFF so they can be written back
// unchanged; to the algorithm they are ordinary consonants.
constexpr char32_t kInvalidByteBase = 0x110000;

Word decode(std::string_view text) {
  Word out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      out.push_back(byte >= 'A' && byte <= 'Z' ? static_cast<char32_t>(byte - 'A' + 'a') : byte);
      ++pos;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                                static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n <= 0 || cp < 0) {
      out.push_back(kInvalidByteBase + byte);
      ++pos;
    } else {
      out.push_back(static_cast<char32_t>(cp));
      pos += static_cast<std::size_t>(n);
    }
  }
  return out;
}

std::string encode(const Word& word) {
  std::string out;
  out.reserve(word.size());
  for (const char32_t c : word) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c >= kInvalidByteBase) {
      out.push_back(static_cast<char>(static_cast<unsigned char>(c - kInvalidByteBase)));
    } else {
      std::array<utf8proc_uint8_t, 4> buf{};
      const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buf.data());
      out.append(reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(n));
    }
  }
  return out;
}

bool is_plain_vowel(char32_t c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Consonant flags of every character. 'y' is a consonant at the start or after a vowel, and a vowel
// after a consonant; the flags of a prefix never depend on what follows it, so a stem's flags are the
// first entries of its word's flags.
std::vector<bool> consonant_flags(const Word& w) {
  std::vector<bool> flags(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (is_plain_vowel(w[i])) {
      flags[i] = false;
    } else if (w[i] == 'y') {
      flags[i] = i == 0 ? true : !flags[i - 1];
    } else {
      flags[i] = true;
    }
  }
  return flags;
}

bool is_consonant(const Word& w, std::size_t i) { return consonant_flags(w)[i]; }

// m in [C](VC){m}[V]: the number of vowel-to-consonant transitions.
int measure(const Word& stem) {
  const auto flags = consonant_flags(stem);
  int m = 0;
  for (std::size_t i = 1; i < flags.size(); ++i) {
    if (!flags[i - 1] && flags[i]) ++m;
  }
  return m;
}

bool contains_vowel(const Word& stem) {
  for (const bool consonant : consonant_flags(stem)) {
    if (!consonant) return true;
  }
  return false;
}

bool ends_double_consonant(const Word& w) {
  return w.size() >= 2 && w[w.size() - 1] == w[w.size() - 2] && is_consonant(w, w.size() - 1);
}

// Condition *o: ends consonant-vowel-consonant and the last is not w, x or y. NLTK's extension also
// accepts a two-letter vowel-consonant word.
bool ends_cvc(const Word& w, PorterMode mode) {
  const auto flags = consonant_flags(w);
  const std::size_t n = w.size();
  if (n >= 3 && flags[n - 3] && !flags[n - 2] && flags[n - 1] && w[n - 1] != 'w' && w[n - 1] != 'x' &&
      w[n - 1] != 'y') {
    return true;
  }
  return mode == PorterMode::nltk_extensions && n == 2 && !flags[0] && flags[1];
}

bool ends_with(const Word& w, Suffix suffix) {
  return w.size() >= suffix.size() && Suffix(w).substr(w.size() - suffix.size()) == suffix;
}

Word without(const Word& w, Suffix suffix) { return w.substr(0, w.size() - suffix.size()); }

enum class Condition { none, m_gt_0, m_gt_1, m_gt_1_and_s_or_t, y_nltk, y_original, logi_nltk };

struct Rule {
  Suffix suffix;
  Suffix replacement;
  Condition condition;
};

bool holds(Condition condition, const Word& stem, const Word& word) {
  switch (condition) {
    case Condition::none:
      return true;
    case Condition::m_gt_0:
      return measure(stem) > 0;
    case Condition::m_gt_1:
      return measure(stem) > 1;
    case Condition::m_gt_1_and_s_or_t:
      return measure(stem) > 1 && (stem.back() == 's' || stem.back() == 't');
    case Condition::y_nltk:
      return stem.size() > 1 && is_consonant(stem, stem.size() - 1);
    case Condition::y_original:
      return contains_vowel(stem);
    case Condition::logi_nltk:
      // The 'l' of "logi" stays with the stem, so short stems such as "geo" and "theo" qualify.
      return measure(word.substr(0, word.size() - 3)) > 0;
  }
  return false;
}

// The first rule whose suffix matches decides: it either applies or leaves the word unchanged; later
// rules are not tried.
template <std::size_t N>
Word apply_first_matching(const Word& word, const std::array<Rule, N>& rules, std::size_t count = N) {
  for (std::size_t k = 0; k < count; ++k) {
    const Rule& rule = rules[k];
    if (!ends_with(word, rule.suffix)) continue;
    Word stem = without(word, rule.suffix);
    if (!holds(rule.condition, stem, word)) return word;
    stem.append(rule.replacement);
    return stem;
  }
  return word;
}

Word step1a(const Word& w, PorterMode mode) {
  if (mode == PorterMode::nltk_extensions && w.size() == 4 && ends_with(w, U"ies")) return without(w, U"ies") + U"ie";
  static constexpr std::array<Rule, 4> kRules{{
      {U"sses", U"ss", Condition::none},
      {U"ies", U"i", Condition::none},
      {U"ss", U"ss", Condition::none},
      {U"s", U"", Condition::none},
  }};
  return apply_first_matching(w, kRules);
}

Word step1b(const Word& w, PorterMode mode) {
  if (mode == PorterMode::nltk_extensions && ends_with(w, U"ied")) {
    return without(w, U"ied") + (w.size() == 4 ? U"ie" : U"i");
  }
  if (ends_with(w, U"eed")) {
    const Word stem = without(w, U"eed");
    return measure(stem) > 0 ? stem + U"ee" : w;
  }
  Word stem;
  bool removed = false;
  for (const Suffix suffix : {Suffix(U"ed"), Suffix(U"ing")}) {
    if (ends_with(w, suffix)) {
      stem = without(w, suffix);
      if (contains_vowel(stem)) {
        removed = true;
        break;
      }
    }
  }
  if (!removed) return w;
  // Tidy the stem so later steps can recognise -ate, -ble and -ize.
  if (ends_with(stem, U"at") || ends_with(stem, U"bl") || ends_with(stem, U"iz")) return stem + U"e";
  if (ends_double_consonant(stem)) {
    const char32_t last = stem.back();
    if (last != 'l' && last != 's' && last != 'z') stem.pop_back();
    return stem;
  }
  if (measure(stem) == 1 && ends_cvc(stem, mode)) return stem + U"e";
  return stem;
}

// One rule, written out: a one-element rule table trips a false -Warray-bounds in GCC 12 at -O2.
Word step1c(const Word& w, PorterMode mode) {
  if (!ends_with(w, U"y")) return w;
  Word stem = without(w, U"y");
  if (!holds(mode == PorterMode::nltk_extensions ? Condition::y_nltk : Condition::y_original, stem, w)) return w;
  return stem + U"i";
}

Word step2(const Word& w, PorterMode mode) {
  if (mode == PorterMode::nltk_extensions && ends_with(w, U"alli") && measure(without(w, U"alli")) > 0) {
    // NLTK applies ALLI -> AL first and runs the result through step 2 again.
    return step2(without(w, U"alli") + U"al", mode);
  }
  const Rule bli = mode == PorterMode::original_algorithm ? Rule{U"abli", U"able", Condition::m_gt_0}
                                                          : Rule{U"bli", U"ble", Condition::m_gt_0};
  std::array<Rule, 22> rules{{
      {U"ational", U"ate", Condition::m_gt_0},
      {U"tional", U"tion", Condition::m_gt_0},
      {U"enci", U"ence", Condition::m_gt_0},
      {U"anci", U"ance", Condition::m_gt_0},
      {U"izer", U"ize", Condition::m_gt_0},
      bli,
      {U"alli", U"al", Condition::m_gt_0},
      {U"entli", U"ent", Condition::m_gt_0},
      {U"eli", U"e", Condition::m_gt_0},
      {U"ousli", U"ous", Condition::m_gt_0},
      {U"ization", U"ize", Condition::m_gt_0},
      {U"ation", U"ate", Condition::m_gt_0},
      {U"ator", U"ate", Condition::m_gt_0},
      {U"alism", U"al", Condition::m_gt_0},
      {U"iveness", U"ive", Condition::m_gt_0},
      {U"fulness", U"ful", Condition::m_gt_0},
      {U"ousness", U"ous", Condition::m_gt_0},
      {U"aliti", U"al", Condition::m_gt_0},
      {U"iviti", U"ive", Condition::m_gt_0},
      {U"biliti", U"ble", Condition::m_gt_0},
      {},
      {},
  }};
  std::size_t count = 20;
  if (mode == PorterMode::nltk_extensions) {
    rules[count++] = {U"fulli", U"ful", Condition::m_gt_0};
    rules[count++] = {U"logi", U"log", Condition::logi_nltk};
  } else if (mode == PorterMode::martin_extensions) {
    rules[count++] = {U"logi", U"log", Condition::m_gt_0};
  }
  return apply_first_matching(w, rules, count);
}

Word step3(const Word& w) {
  static constexpr std::array<Rule, 7> kRules{{
      {U"icate", U"ic", Condition::m_gt_0},
      {U"ative", U"", Condition::m_gt_0},
      {U"alize", U"al", Condition::m_gt_0},
      {U"iciti", U"ic", Condition::m_gt_0},
      {U"ical", U"ic", Condition::m_gt_0},
      {U"ful", U"", Condition::m_gt_0},
      {U"ness", U"", Condition::m_gt_0},
  }};
  return apply_first_matching(w, kRules);
}

Word step4(const Word& w) {
  static constexpr std::array<Rule, 19> kRules{{
      {U"al", U"", Condition::m_gt_1},    {U"ance", U"", Condition::m_gt_1},
      {U"ence", U"", Condition::m_gt_1},  {U"er", U"", Condition::m_gt_1},
      {U"ic", U"", Condition::m_gt_1},    {U"able", U"", Condition::m_gt_1},
      {U"ible", U"", Condition::m_gt_1},  {U"ant", U"", Condition::m_gt_1},
      {U"ement", U"", Condition::m_gt_1}, {U"ment", U"", Condition::m_gt_1},
      {U"ent", U"", Condition::m_gt_1},   {U"ion", U"", Condition::m_gt_1_and_s_or_t},
      {U"ou", U"", Condition::m_gt_1},    {U"ism", U"", Condition::m_gt_1},
      {U"ate", U"", Condition::m_gt_1},   {U"iti", U"", Condition::m_gt_1},
      {U"ous", U"", Condition::m_gt_1},   {U"ive", U"", Condition::m_gt_1},
      {U"ize", U"", Condition::m_gt_1},
  }};
  return apply_first_matching(w, kRules);
}

// Both E rules are tried (unlike the other steps, where the first matching suffix decides).
Word step5a(const Word& w, PorterMode mode) {
  if (!ends_with(w, U"e")) return w;
  const Word stem = without(w, U"e");
  const int m = measure(stem);
  if (m > 1) return stem;
  if (m == 1 && !ends_cvc(stem, mode)) return stem;
  return w;
}

Word step5b(const Word& w) {
  if (ends_with(w, U"ll") && measure(without(w, U"l")) > 1) return without(w, U"l");
  return w;
}

// NLTK's table of irregular forms (nltk_extensions only), looked up before any rule.
const char32_t* irregular_stem(const Word& w) {
  struct Irregular {
    Suffix form;
    const char32_t* stem;
  };
  static constexpr std::array<Irregular, 16> kForms{{
      {U"sky", U"sky"},         {U"skies", U"sky"},       {U"dying", U"die"},     {U"lying", U"lie"},
      {U"tying", U"tie"},       {U"news", U"news"},       {U"innings", U"inning"}, {U"inning", U"inning"},
      {U"outings", U"outing"},  {U"outing", U"outing"},   {U"cannings", U"canning"}, {U"canning", U"canning"},
      {U"howe", U"howe"},       {U"proceed", U"proceed"}, {U"exceed", U"exceed"}, {U"succeed", U"succeed"},
  }};
  for (const auto& entry : kForms) {
    if (Suffix(w) == entry.form) return entry.stem;
  }
  return nullptr;
}

bool has_ascii_upper(std::string_view text) {
  for (const char c : text) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

}  // namespace

std::string porter_stem(std::string_view word, PorterMode mode) {
  Word w = decode(word);
  // NLTK looks the word up in its irregular table before lower-casing it.
  if (mode == PorterMode::nltk_extensions && !has_ascii_upper(word)) {
    if (const char32_t* irregular = irregular_stem(w)) return encode(Word(irregular));
  }
  if (mode != PorterMode::original_algorithm && w.size() <= 2) return encode(w);
  w = step1a(w, mode);
  w = step1b(w, mode);
  w = step1c(w, mode);
  w = step2(w, mode);
  w = step3(w);
  w = step4(w);
  w = step5a(w, mode);
  w = step5b(w);
  return encode(w);
}

}  // namespace pb
