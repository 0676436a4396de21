#include "metrics/summary_atoms.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>
#include <utility>

#include "core/cpr.h"
#include "core/utf8.h"
#include "metrics/danish_gazetteer.h"
#include "metrics/danish_normalize.h"
#include "metrics/danish_numbers.h"

namespace pb {

namespace {

// ---- small helpers --------------------------------------------------------------------------------------

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

int small_int(std::string_view s) {
  int v = 0;
  for (const char c : s.substr(0, 9)) v = v * 10 + (c - '0');
  return v;
}

std::string two_digits(int v) { return std::string{static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)}; }

std::string date_string(int month, int day, std::string_view year) {
  std::string out = year.empty() ? std::string() : std::string(year) + "-";
  return out + two_digits(month) + "-" + two_digits(day);
}

// Abbreviations after which a period does not end the sentence (case-folded, without the period).
// Abbreviations that stand before what they qualify, so a sentence never ends with them.
constexpr std::array<std::string_view, 20> kAbbreviations = {
    "ca", "kl", "bl.a", "fx", "f.eks", "evt", "mht", "pga", "nr", "jf", "dvs", "inkl",
    "ekskl", "hhv", "vedr", "tlf", "st", "d", "ift", "pr"};
// Abbreviations that often end a sentence ("… 4.500 kr. Vejledt om …"): the period ends it when a capital follows.
constexpr std::array<std::string_view, 5> kFinalAbbreviations = {"kr", "osv", "mv", "mdr", "etc"};

bool is_abbreviation(std::string_view folded) {
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), folded) != kAbbreviations.end();
}
bool is_final_abbreviation(std::string_view folded) {
  return std::find(kFinalAbbreviations.begin(), kFinalAbbreviations.end(), folded) != kFinalAbbreviations.end();
}

constexpr std::array<std::string_view, 7> kWeekdays = {"mandag", "tirsdag", "onsdag", "torsdag",
                                                        "fredag", "lørdag",  "søndag"};
bool is_weekday(std::string_view w) { return std::find(kWeekdays.begin(), kWeekdays.end(), w) != kWeekdays.end(); }

// ---- tokenizer ------------------------------------------------------------------------------------------

struct CodePoint {
  std::int32_t cp = 0;
  std::size_t offset = 0;
  std::size_t length = 0;
};

std::vector<CodePoint> decode_with_offsets(std::string_view text) {
  std::vector<CodePoint> out;
  out.reserve(text.size());
  std::size_t k = 0;
  while (k < text.size()) {
    utf8proc_int32_t cp = -1;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + k),
                                    static_cast<utf8proc_ssize_t>(text.size() - k), &cp);
    if (n <= 0) {
      out.push_back(CodePoint{0xFFFD, k, 1});
      ++k;
    } else {
      out.push_back(CodePoint{cp, k, static_cast<std::size_t>(n)});
      k += static_cast<std::size_t>(n);
    }
  }
  return out;
}

bool is_word_char(std::int32_t cp) {
  if (cp == 0xFFFD) return false;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool is_ascii_digit_cp(std::int32_t cp) { return cp >= '0' && cp <= '9'; }

bool is_upper(std::int32_t cp) {
  const auto c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

// Punctuation that stays inside a word when it stands between two word characters.
bool joins(std::int32_t cp, std::int32_t before, std::int32_t after) {
  if (!is_word_char(before) || !is_word_char(after)) return false;
  switch (cp) {
    case '.': case '/': case '-': case '\'': case 0x2019: case 0x2010: case 0x2011:
      return true;
    case ',': case ':':
      return is_ascii_digit_cp(before) && is_ascii_digit_cp(after);
    default:
      return false;
  }
}

// "9.00-14.30" → the offsets of its two halves when both are written times; nullopt otherwise.
std::optional<std::size_t> time_range_split(std::string_view w) {
  const std::size_t dash = w.find('-');
  if (dash == std::string_view::npos || w.find('-', dash + 1) != std::string_view::npos) return std::nullopt;
  const auto written_time = [](std::string_view t) {
    const std::size_t sep = t.find_first_of(".:");
    return sep != std::string_view::npos && sep >= 1 && sep <= 2 && t.size() == sep + 3 && all_digits(t.substr(0, sep)) &&
           all_digits(t.substr(sep + 1));
  };
  if (written_time(w.substr(0, dash)) && written_time(w.substr(dash + 1))) return dash;
  return std::nullopt;
}

}  // namespace

std::vector<TextToken> tokenize_with_offsets(std::string_view text) {
  const std::vector<CodePoint> cps = decode_with_offsets(text);
  std::vector<TextToken> tokens;
  // What the separators since the last word contained.
  bool saw_sentence_end = true;
  bool saw_period = false;
  bool saw_newline = false;
  bool saw_clause = false;
  bool saw_colon_or_quote = false;

  std::size_t k = 0;
  while (k < cps.size()) {
    const std::int32_t cp = cps[k].cp;
    if (!is_word_char(cp)) {
      if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) saw_newline = true;
      if (cp == '!' || cp == '?') saw_sentence_end = true;
      if (cp == '.') saw_period = true;
      if (cp == ',' || cp == ';' || cp == ':' || cp == 0x2013 || cp == 0x2014 || cp == '(' || cp == ')' || cp == 0x2026 ||
          cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB) {
        saw_clause = true;
      }
      // Notes separate telegraphic statements with ';' and often capitalise after it ("…; Ansættelsen ophørte").
      if (cp == ':' || cp == ';' || cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB) saw_colon_or_quote = true;
      ++k;
      continue;
    }
    // A word: word characters and joining punctuation.
    const std::size_t first = k;
    std::size_t last = k;  // index of the last word character
    ++k;
    while (k < cps.size()) {
      if (is_word_char(cps[k].cp)) {
        last = k++;
      } else if (k + 1 < cps.size() && joins(cps[k].cp, cps[k - 1].cp, cps[k + 1].cp)) {
        k += 2;
        last = k - 1;
      } else {
        break;
      }
    }
    const std::size_t begin = cps[first].offset;
    const std::size_t end = cps[last].offset + cps[last].length;
    TextToken t;
    t.text = std::string(text.substr(begin, end - begin));
    t.folded = casefold(t.text);
    t.offset = begin;
    t.length = end - begin;
    t.capitalised = is_upper(cps[first].cp);

    bool period_ends = false;
    if (saw_period && !tokens.empty()) {
      const TextToken& prev = tokens.back();
      const bool abbreviation = is_abbreviation(prev.folded);
      const bool day_or_ordinal = all_digits(prev.folded) && prev.folded.size() <= 2;
      const bool needs_capital = day_or_ordinal || is_final_abbreviation(prev.folded);
      period_ends = !abbreviation && (!needs_capital || t.capitalised);
    }
    t.sentence_start = tokens.empty() || saw_newline || saw_sentence_end || period_ends;
    t.clause_start = t.sentence_start || saw_clause;
    t.capital_is_initial = t.sentence_start || saw_colon_or_quote;

    if (const auto dash = time_range_split(t.text)) {
      TextToken second = t;
      second.text = t.text.substr(*dash + 1);
      second.folded = casefold(second.text);
      second.offset = t.offset + *dash + 1;
      second.length = second.text.size();
      second.sentence_start = false;
      second.clause_start = false;
      second.capital_is_initial = false;
      t.text.resize(*dash);
      t.folded = casefold(t.text);
      t.length = t.text.size();
      tokens.push_back(std::move(t));
      tokens.push_back(std::move(second));
    } else {
      tokens.push_back(std::move(t));
    }
    saw_sentence_end = saw_period = saw_newline = saw_clause = saw_colon_or_quote = false;
  }
  return tokens;
}

namespace {

// ---- reading numeric atoms from da-normalised words -------------------------------------------------------

struct Reading {
  std::string_view type;
  std::string canonical;
  std::size_t words = 0;  // normalised words used
  bool operator==(const Reading& o) const { return type == o.type && canonical == o.canonical; }
};

// "2500" → "2500", "2500,50" → "2500.5", "007" → "7", "10,0" → "10"; nullopt unless digits[,digits].
std::optional<std::string> number_form(std::string_view w) {
  const std::size_t comma = w.find(',');
  std::string_view integer = w.substr(0, comma);
  std::string_view decimals = comma == std::string_view::npos ? std::string_view() : w.substr(comma + 1);
  if (!all_digits(integer) || (comma != std::string_view::npos && !all_digits(decimals))) return std::nullopt;
  while (integer.size() > 1 && integer.front() == '0') integer.remove_prefix(1);
  while (!decimals.empty() && decimals.back() == '0') decimals.remove_suffix(1);
  std::string out(integer);
  if (!decimals.empty()) out += "." + std::string(decimals);
  return out;
}

// "10:30" / "9:05" → "10:30" / "09:05".
std::optional<std::string> clock_form(std::string_view w) {
  const std::size_t colon = w.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || w.size() != colon + 3) return std::nullopt;
  const auto h = w.substr(0, colon);
  const auto m = w.substr(colon + 1);
  if (!all_digits(h) || !all_digits(m) || small_int(h) > 24 || small_int(m) > 59) return std::nullopt;
  return two_digits(small_int(h)) + ":" + std::string(m);
}

bool is_currency(std::string_view w) { return w == "kr" || w == "dkk"; }

// The atom the normalised words begin with (after an optional weekday and den), if any.
std::optional<Reading> leading_reading(const std::vector<std::string>& n) {
  std::size_t i = 0;
  const auto at = [&](std::size_t k) -> std::string_view { return k < n.size() ? std::string_view(n[k]) : std::string_view(); };
  if (is_weekday(at(i))) ++i;
  if (at(i) == "den") ++i;
  // Date: "14." month [year].
  if (const std::string_view d = at(i); d.size() >= 2 && d.back() == '.' && all_digits(d.substr(0, d.size() - 1))) {
    const int day = small_int(d.substr(0, d.size() - 1));
    const int month = danish_month_number(at(i + 1));
    if (day >= 1 && day <= 31 && month > 0) {
      const std::string_view y = at(i + 2);
      if (y.size() == 4 && all_digits(y) && small_int(y) >= 1900 && small_int(y) <= 2100 && !is_currency(at(i + 3))) {
        return Reading{kAtomDate, date_string(month, day, y), i + 3};
      }
      return Reading{kAtomDate, date_string(month, day, ""), i + 2};
    }
    return std::nullopt;
  }
  if (i > 0) return std::nullopt;  // a weekday or "den" not followed by a date
  if (at(0) == "kl") {
    if (const auto t = clock_form(at(1))) return Reading{kAtomTime, *t, 2};
    return std::nullopt;
  }
  if (const auto t = clock_form(at(0))) return Reading{kAtomTime, *t, 1};
  if (is_currency(at(0))) {
    if (const auto v = number_form(at(1))) return Reading{kAtomAmount, *v, 2};
    return std::nullopt;
  }
  if (at(0) == "halvanden") {
    if (is_currency(at(1))) return Reading{kAtomAmount, "1.5", 2};
    return Reading{kAtomNumber, "1.5", 1};
  }
  if (const auto v = number_form(at(0))) {
    if (is_currency(at(1))) return Reading{kAtomAmount, *v, 2};
    return Reading{kAtomNumber, *v, 1};
  }
  return std::nullopt;
}

// Dates the da normaliser does not read: D-M-YYYY and ISO YYYY-MM-DD in one word.
std::optional<std::string> dashed_date(std::string_view w) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dash = w.find('-', start);
    parts.push_back(w.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (parts.size() != 3 || !std::all_of(parts.begin(), parts.end(), [](std::string_view p) { return all_digits(p); })) {
    return std::nullopt;
  }
  int day = 0;
  int month = 0;
  std::string_view year;
  if (parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2) {
    year = parts[0];
    month = small_int(parts[1]);
    day = small_int(parts[2]);
  } else if (parts[0].size() <= 2 && parts[1].size() <= 2 && parts[2].size() == 4) {
    day = small_int(parts[0]);
    month = small_int(parts[1]);
    year = parts[2];
  } else {
    return std::nullopt;
  }
  if (day < 1 || day > 31 || month < 1 || month > 12) return std::nullopt;
  return date_string(month, day, year);
}

bool cpr_shaped(std::string_view w) {
  if (w.size() == 11 && w[6] == '-') return all_digits(w.substr(0, 6)) && all_digits(w.substr(7)) && looks_like_cpr(w);
  return w.size() == 10 && all_digits(w) && looks_like_cpr(w);
}

// Words after which the article "en"/"et" is the number one for the da normaliser (danish_normalize.cpp).
constexpr std::array<std::string_view, 15> kArticleUnits = {"kr",   "krone", "kroner", "pct",  "procent",
                                                           "sekund", "minut", "time",  "dag",  "døgn",
                                                           "uge",   "måned", "år",     "stk",  "komma"};

// Whether a word can begin a number, date, time or amount phrase. Pure but costly (number-word
// splitting), so the extractor remembers the answer per distinct word.
bool number_word(const std::string& w) {
  if (w.empty()) return false;
  if (is_digit(w.front())) return true;
  if (w == "kl" || w == "klokken" || w == "halv" || w == "kvart" || w == "halvanden" || w == "dkk" || w == "kr") return true;
  const std::vector<std::string> one{w};
  if (read_danish_number(one, 0)) return true;
  return split_danish_number_word(w).has_value();
}

std::string joined_text(std::string_view text, const std::vector<TextToken>& tokens, std::size_t from, std::size_t to) {
  const std::size_t begin = tokens[from].offset;
  const std::size_t end = tokens[to - 1].offset + tokens[to - 1].length;
  return std::string(text.substr(begin, end - begin));
}

constexpr std::size_t kNumericWindow = 10;  // words; "to hundrede og halvtreds tusind fem hundrede kroner" fits

// Capitalised words that are not names even in mid-sentence.
// The note's role words ("Borger blev afskediget", "aftalt med Sagsbehandler") are capitalised by some
// caseworkers as if they were names.
constexpr std::array<std::string_view, 14> kNotNames = {"cv",       "de",        "dem",          "deres",
                                                        "i",        "ok",        "sb",           "b",
                                                        "t",        "jeg",       "borger",       "borgeren",
                                                        "sagsbehandler", "sagsbehandleren"};
bool is_not_name(std::string_view folded) {
  return std::find(kNotNames.begin(), kNotNames.end(), folded) != kNotNames.end();
}

std::string without_hyphens(std::string_view folded) {
  std::string out;
  out.reserve(folded.size());
  for (const char c : folded) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

std::string_view type_of(GazetteerKind kind) {
  switch (kind) {
    case GazetteerKind::organisation: return kAtomOrganisation;
    case GazetteerKind::intervention: return kAtomIntervention;
    case GazetteerKind::job_title: return kAtomJobTitle;
  }
  return kAtomProperNoun;
}

class AtomExtractor {
 public:
  explicit AtomExtractor(std::string_view text) : text_(text), tokens_(tokenize_with_offsets(text)), used_(tokens_.size(), false) {
    for (const auto& phrase : gazetteer_phrases()) {
      std::size_t start = 0;
      while (start <= phrase.keys.size()) {
        const std::size_t bar = phrase.keys.find('|', start);
        const std::size_t end = bar == std::string_view::npos ? phrase.keys.size() : bar;
        gazetteer_.emplace(std::string(phrase.keys.substr(start, end - start)), &phrase);
        if (bar == std::string_view::npos) break;
        start = bar + 1;
      }
    }
  }

  std::vector<Atom> run() {
    numeric_pass();
    text_pass();
    std::sort(atoms_.begin(), atoms_.end(), [](const Atom& a, const Atom& b) { return a.offset < b.offset; });
    return std::move(atoms_);
  }

 private:
  // Index one past the last word of the sentence that word i belongs to.
  std::size_t sentence_end(std::size_t i) const {
    std::size_t k = i + 1;
    while (k < tokens_.size() && !tokens_[k].sentence_start) ++k;
    return k;
  }

  void add(std::string_view type, std::string canonical, std::size_t from, std::size_t to) {
    Atom a;
    a.type = std::string(type);
    a.offset = tokens_[from].offset;
    a.length = tokens_[to - 1].offset + tokens_[to - 1].length - a.offset;
    a.text = type == kAtomCpr ? std::string("XXXXXX-XXXX") : std::string(text_.substr(a.offset, a.length));
    a.canonical = std::move(canonical);
    atoms_.push_back(std::move(a));
    for (std::size_t k = from; k < to; ++k) used_[k] = true;
  }

  void numeric_pass() {
    std::size_t i = 0;
    while (i < tokens_.size()) {
      const TextToken& t = tokens_[i];
      // CPR: "DDMMYY-SSSS", ten digits, or six and four digits with one space between.
      if (cpr_shaped(t.folded)) {
        add(kAtomCpr, "XXXXXX-XXXX", i, i + 1);
        ++i;
        continue;
      }
      if (i + 1 < tokens_.size() && t.folded.size() == 6 && all_digits(t.folded) && tokens_[i + 1].folded.size() == 4 &&
          all_digits(tokens_[i + 1].folded) && tokens_[i + 1].offset == t.offset + 7 && text_[t.offset + 6] == ' ' &&
          looks_like_cpr(t.folded + tokens_[i + 1].folded)) {
        add(kAtomCpr, "XXXXXX-XXXX", i, i + 2);
        i += 2;
        continue;
      }
      if (const auto d = dashed_date(t.folded)) {
        add(kAtomDate, *d, i, i + 1);
        ++i;
        continue;
      }
      if (!may_start_numeric(i)) {
        ++i;
        continue;
      }
      const std::size_t limit = std::min(sentence_end(i), i + kNumericWindow);
      const auto full = leading_reading(normalize_danish(joined_text(text_, tokens_, i, limit), true));
      if (!full) {
        ++i;
        continue;
      }
      // The fewest words that give the same reading: the atom's extent in the draft.
      std::size_t end = limit;
      for (std::size_t to = i + 1; to < limit; ++to) {
        const auto part = leading_reading(normalize_danish(joined_text(text_, tokens_, i, to), true));
        if (part && *part == *full) {
          end = to;
          break;
        }
      }
      add(full->type, full->canonical, i, end);
      i = end;
    }
  }

  bool may_start_numeric(std::size_t i) {
    const std::string& w = tokens_[i].folded;
    // The article is by far the most frequent number word; only a unit after it makes it a number.
    if (w == "en" || w == "et") {
      return i + 1 < tokens_.size() &&
             std::find(kArticleUnits.begin(), kArticleUnits.end(), tokens_[i + 1].folded) != kArticleUnits.end();
    }
    const auto known = numeric_start_.find(w);
    if (known != numeric_start_.end()) return known->second;
    return numeric_start_.emplace(w, number_word(w)).first->second;
  }

  bool free_run(std::size_t from, std::size_t to) const {
    for (std::size_t k = from; k < to; ++k) {
      if (used_[k] || (k > from && tokens_[k].sentence_start)) return false;
    }
    return true;
  }

  // A capital that marks a proper noun: not at a sentence start (or a listed unambiguous name there).
  bool proper_capital(std::size_t k) const {
    const TextToken& t = tokens_[k];
    // One capital letter alone is a licence class or a list label ("truckcertifikat A og B"), not a name.
    if (!t.capitalised || used_[k] || is_digit(t.folded.front()) || is_not_name(t.folded) || t.folded.size() == 1) return false;
    if (!t.capital_is_initial) return true;
    return (is_danish_first_name(t.folded) || is_danish_place(t.folded)) && !is_ambiguous_gazetteer_word(t.folded);
  }

  void text_pass() {
    const std::size_t longest = static_cast<std::size_t>(longest_gazetteer_phrase_words());
    std::size_t i = 0;
    while (i < tokens_.size()) {
      if (used_[i]) {
        ++i;
        continue;
      }
      // Listed organisations, interventions and job titles, longest first.
      bool matched = false;
      for (std::size_t len = std::min(longest, tokens_.size() - i); len >= 1 && !matched; --len) {
        if (!free_run(i, i + len)) continue;
        std::string key;
        for (std::size_t k = i; k < i + len; ++k) key += without_hyphens(tokens_[k].folded);
        const auto found = gazetteer_.find(key);
        if (found == gazetteer_.end()) continue;
        add(type_of(found->second->kind), casefold(found->second->canonical), i, i + len);
        i += len;
        matched = true;
      }
      if (matched) continue;
      const TextToken& t = tokens_[i];
      if (!t.capitalised && has_job_title_ending(without_hyphens(t.folded))) {
        add(kAtomJobTitle, without_hyphens(t.folded), i, i + 1);
        ++i;
        continue;
      }
      if (!proper_capital(i)) {
        ++i;
        continue;
      }
      std::size_t end = i + 1;
      while (end < tokens_.size() && !tokens_[end].clause_start && !used_[end] && tokens_[end].capitalised &&
             !is_digit(tokens_[end].folded.front()) && !is_not_name(tokens_[end].folded)) {
        ++end;
      }
      std::string canonical;
      for (std::size_t k = i; k < end; ++k) canonical += (k == i ? "" : " ") + tokens_[k].folded;
      std::string_view type = kAtomProperNoun;
      if (is_organisation_suffix(tokens_[end - 1].folded) && end - i >= 2) {
        type = kAtomOrganisation;
      } else if (is_danish_first_name(tokens_[i].folded)) {
        type = kAtomName;
      } else if (is_danish_place(canonical)) {
        type = kAtomPlace;
      }
      add(type, canonical, i, end);
      i = end;
    }
  }

  std::string_view text_;
  std::vector<TextToken> tokens_;
  std::vector<bool> used_;
  std::unordered_map<std::string, const GazetteerPhrase*> gazetteer_;
  std::unordered_map<std::string, bool> numeric_start_;
  std::vector<Atom> atoms_;
};

// The single reading a whole phrase makes, of one of the given types; every normalised word must be used.
std::optional<Reading> whole_phrase_reading(std::string_view phrase) {
  const auto tokens = tokenize_with_offsets(phrase);
  if (tokens.empty()) return std::nullopt;
  std::size_t skip = 0;
  if (is_weekday(tokens[0].folded)) ++skip;
  if (skip < tokens.size() && (tokens[skip].folded == "den" || tokens[skip].folded == "d")) ++skip;
  if (tokens.size() == skip + 1) {
    if (const auto d = dashed_date(tokens[skip].folded)) return Reading{kAtomDate, *d, 1};
  }
  const auto n = normalize_danish(phrase, true);
  auto r = leading_reading(n);
  if (!r || r->words != n.size()) return std::nullopt;
  return r;
}

}  // namespace

std::vector<Atom> extract_atoms(std::string_view text) { return AtomExtractor(text).run(); }

std::string cpr_digits(std::string_view text, const Atom& atom) {
  std::string digits;
  if (atom.type != kAtomCpr || atom.offset > text.size()) return digits;
  for (const char c : text.substr(atom.offset, atom.length)) {
    if (is_digit(c)) digits.push_back(c);
  }
  return digits;
}

std::optional<std::string> canonical_date(std::string_view phrase) {
  const auto r = whole_phrase_reading(phrase);
  if (!r || r->type != kAtomDate) return std::nullopt;
  return r->canonical;
}

std::optional<std::string> canonical_time(std::string_view phrase) {
  const auto r = whole_phrase_reading(phrase);
  if (!r || r->type != kAtomTime) return std::nullopt;
  return r->canonical;
}

bool same_clock_time(std::string_view a, std::string_view b) {
  const auto minutes = [](std::string_view t) -> std::optional<int> {
    if (t.size() != 5 || t[2] != ':' || !all_digits(t.substr(0, 2)) || !all_digits(t.substr(3))) return std::nullopt;
    return small_int(t.substr(0, 2)) * 60 + small_int(t.substr(3));
  };
  const auto x = minutes(a);
  const auto y = minutes(b);
  if (!x || !y) return false;
  return (*x - *y) % (12 * 60) == 0;
}

std::optional<std::string> canonical_number(std::string_view phrase) {
  const auto n = normalize_danish(phrase, true);
  const auto r = leading_reading(n);
  if (!r || (r->type != kAtomNumber && r->type != kAtomAmount)) return std::nullopt;
  return r->canonical;
}

std::optional<std::string> canonical_amount(std::string_view phrase) {
  const auto n = normalize_danish(phrase, true);
  const auto r = leading_reading(n);
  if (!r || r->type != kAtomAmount) return std::nullopt;
  return r->canonical;
}

}  // namespace pb
