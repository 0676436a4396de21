#include "metrics/key_fact_match.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>
#include <utility>

#include "core/cpr.h"
#include "core/utf8.h"
#include "metrics/danish_normalize.h"
#include "metrics/danish_numbers.h"
#include "metrics/snowball_stemmer.h"

namespace pb {
namespace {

// Snowball's Danish stop-word list, plus abbreviations and their fragments as the da normaliser leaves them
// ("bl.a." → "bl" "a"); none of them says what a fact is about.
const std::set<std::string, std::less<>>& stop_words() {
  static const std::set<std::string, std::less<>> words = {
      "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "på", "de", "med", "han", "af", "for", "ikke",
      "der", "var", "mig", "sig", "men", "et", "har", "om", "vi", "min", "havde", "ham", "hun", "nu", "over", "da",
      "fra", "du", "ud", "sin", "dem", "os", "op", "man", "hans", "hvor", "eller", "hvad", "skal", "selv", "her",
      "alle", "vil", "blev", "kunne", "ind", "når", "være", "dog", "noget", "ville", "jo", "deres", "efter", "ned",
      "skulle", "denne", "end", "dette", "mit", "også", "under", "have", "dig", "anden", "hende", "mine", "alt",
      "meget", "sit", "sine", "vor", "mod", "disse", "hvis", "din", "nogle", "hos", "blive", "mange", "ad", "bliver",
      "hendes", "været", "thi", "jer", "sådan",
      // frequent in speech (a fact's transcript text) and empty of content
      "får", "fik", "få", "fået", "blevet", "gør", "gjorde", "går", "gik", "kan", "lige", "bare", "nok", "godt",
      "lidt", "rigtig", "altså", "så", "indimellem", "tit", "nogen", "ja", "nej",
      // abbreviations (normalised forms) and their fragments
      "bl", "a", "ca", "kl", "pr", "fx", "evt", "mv", "osv", "dvs", "jf", "nr", "kr", "mht", "ift", "ifm", "hhv",
      "samt", "inkl", "d"};
  return words;
}

// Words after which a period does not end a sentence (case-folded, without their final period).
const std::set<std::string, std::less<>>& abbreviations() {
  static const std::set<std::string, std::less<>> words = {
      "bl.a", "ca", "kl", "evt", "f.eks", "fx", "pr", "nr", "jf", "mht", "ift", "ifm", "dvs", "mv", "hhv", "inkl",
      "ekskl", "tlf", "att", "vedr", "st", "mdr", "el", "o.l", "m.fl", "m.m", "iflg", "ang", "bl.a.", "d"};
  return words;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int> to_int(std::string_view s) {
  if (!all_digits(s) || s.size() > 9) return std::nullopt;
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// "5200", "4500,50", "2500.5" → the number; nullopt for anything else.
std::optional<double> to_number(std::string_view s) {
  const auto sep = s.find_first_of(",.");
  std::string_view whole = s.substr(0, sep);
  std::string_view fraction = sep == std::string_view::npos ? std::string_view{} : s.substr(sep + 1);
  if (!all_digits(whole) || whole.size() > 15 || (sep != std::string_view::npos && !all_digits(fraction)))
    return std::nullopt;
  std::string text(whole);
  if (!fraction.empty()) text += "." + std::string(fraction);
  return std::stod(text);
}

struct Date {
  int year = 0;  // 0: not given
  int month = 0;
  int day = 0;
};

bool same_date(const Date& fact, const Date& note) {
  return fact.month == note.month && fact.day == note.day &&
         (fact.year == 0 || note.year == 0 || fact.year == note.year);
}

bool valid_date(const Date& d) { return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31; }

// "MM-DD", "YYYY-MM-DD" (the KeyFact form) and, in notes, "DD-MM-YYYY".
std::optional<Date> parse_dashed_date(std::string_view s, bool allow_day_first) {
  std::vector<std::string_view> parts;
  for (std::size_t at = 0;;) {
    const auto dash = s.find('-', at);
    parts.push_back(s.substr(at, dash == std::string_view::npos ? std::string_view::npos : dash - at));
    if (dash == std::string_view::npos) break;
    at = dash + 1;
  }
  for (auto p : parts)
    if (!all_digits(p)) return std::nullopt;
  Date d;
  if (parts.size() == 2 && parts[0].size() <= 2 && parts[1].size() <= 2) {
    d = {0, *to_int(parts[0]), *to_int(parts[1])};
  } else if (parts.size() == 3 && parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2) {
    d = {*to_int(parts[0]), *to_int(parts[1]), *to_int(parts[2])};
  } else if (allow_day_first && parts.size() == 3 && parts[0].size() <= 2 && parts[1].size() <= 2 &&
             parts[2].size() == 4) {
    d = {*to_int(parts[2]), *to_int(parts[1]), *to_int(parts[0])};
  } else {
    return std::nullopt;
  }
  if (!valid_date(d)) return std::nullopt;
  return d;
}

// "HH:MM" or "H:MM" → minutes after midnight.
std::optional<int> parse_time(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() - colon - 1 != 2) return std::nullopt;
  const auto h = to_int(s.substr(0, colon));
  const auto m = to_int(s.substr(colon + 1));
  if (!h || !m || *h > 24 || *m > 59) return std::nullopt;
  return *h * 60 + *m;
}

// Written notes use 24-hour times; a note that copies a spoken 12-hour reading ("halv tre" → 2:30) still names the
// right moment of the day, so times 12 hours apart count as the same.
bool same_time(int fact, int note) { return fact == note || std::abs(fact - note) == 12 * 60; }

// Duration units by the forms the da normaliser leaves.
std::string_view duration_unit(std::string_view word) {
  static const std::array<std::pair<std::string_view, std::string_view>, 30> kUnits = {{
      {"år", "år"},           {"års", "år"},          {"året", "år"},        {"årene", "år"},
      {"uge", "uge"},         {"uger", "uge"},        {"ugers", "uge"},      {"ugen", "uge"},
      {"ugerne", "uge"},      {"dag", "dag"},         {"dage", "dag"},       {"dages", "dag"},
      {"dagen", "dag"},       {"måned", "måned"},     {"måneder", "måned"},  {"måneders", "måned"},
      {"måneden", "måned"},   {"mdr", "måned"},       {"md", "måned"},       {"time", "time"},
      {"timer", "time"},      {"timers", "time"},     {"t", "time"},         {"minut", "minut"},
      {"minutter", "minut"},  {"minutters", "minut"}, {"min", "minut"},      {"døgn", "døgn"},
      {"døgns", "døgn"},      {"semester", "semester"},
  }};
  for (const auto& [form, unit] : kUnits)
    if (form == word) return unit;
  return {};
}

struct Duration {
  double amount = 0;
  std::string unit;
};

struct Sentence {
  std::string text;  // as written, CPR masked
  std::vector<std::string> stems;
  std::vector<Date> dates;
  std::vector<int> times;
  std::vector<double> numbers;
  std::vector<double> amounts;  // numbers plus "5 600" read as 5600
  std::vector<Duration> durations;
  std::vector<std::string> cpr_digits;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool starts_with_capital(std::string_view s) {
  if (s.empty()) return false;
  utf8proc_int32_t cp = 0;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                  static_cast<utf8proc_ssize_t>(s.size()), &cp);
  if (n <= 0) return false;
  const auto category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

// The 10-digit runs that look like CPR numbers ("120385-1234", "1203851234", "120385 1234").
std::vector<std::string> find_cpr_digits(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i])) ||
        (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))))
      continue;
    std::string digits;
    std::size_t j = i;
    while (j < text.size() && digits.size() < 10) {
      if (std::isdigit(static_cast<unsigned char>(text[j]))) digits += text[j];
      else if (!(digits.size() == 6 && (text[j] == '-' || text[j] == ' '))) break;
      ++j;
    }
    if (digits.size() == 10 && (j >= text.size() || !std::isdigit(static_cast<unsigned char>(text[j]))) &&
        looks_like_cpr(digits))
      out.push_back(digits);
  }
  return out;
}

std::vector<std::string> stems_of_words(const std::vector<std::string>& words, SnowballStemmer& stemmer) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& w : words) {
    if (stop_words().count(w)) continue;
    std::string stem = has_digit(w) ? w : stemmer.stem(w);
    if (stem.empty()) continue;
    if (seen.insert(stem).second) out.push_back(std::move(stem));
  }
  return out;
}

// A hyphen between two letters becomes a space ("IGU-forløb" → "IGU forløb"); hyphens next to digits stay.
std::string split_hyphenated(std::string_view text) {
  std::string out(text);
  auto letter_byte = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80); };
  for (std::size_t i = 1; i + 1 < out.size(); ++i)
    if (out[i] == '-' && letter_byte(out[i - 1]) && letter_byte(out[i + 1])) out[i] = ' ';
  return out;
}

Sentence read_sentence(std::string_view raw, SnowballStemmer& stemmer) {
  Sentence s;
  s.text = mask_cpr(raw);
  s.cpr_digits = find_cpr_digits(raw);
  const auto words = normalize_danish(raw, true);
  s.stems = stems_of_words(words, stemmer);
  // The normaliser joins "IGU-forløb" into one word; the parts are content words of the sentence too.
  if (const auto parts = split_hyphenated(raw); parts != raw)
    for (auto& stem : stems_of_words(normalize_danish(parts, true), stemmer))
      if (std::find(s.stems.begin(), s.stems.end(), stem) == s.stems.end()) s.stems.push_back(std::move(stem));
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    // "14." + month name [+ year], as the normaliser writes every date it reads.
    if (w.size() >= 2 && w.back() == '.' && i + 1 < words.size()) {
      const auto day = to_int(std::string_view(w).substr(0, w.size() - 1));
      const int month = danish_month_number(words[i + 1]);
      if (day && month > 0) {
        Date d{0, month, *day};
        if (i + 2 < words.size() && words[i + 2].size() == 4) {
          if (const auto year = to_int(words[i + 2]); year && *year >= 1900 && *year <= 2199) d.year = *year;
        }
        if (valid_date(d)) s.dates.push_back(d);
        continue;
      }
    }
    if (w.find('-') != std::string::npos) {
      if (const auto d = parse_dashed_date(w, true)) s.dates.push_back(*d);
      continue;
    }
    if (const auto t = parse_time(w)) {
      s.times.push_back(*t);
      continue;
    }
    if (const auto n = to_number(w); n && w.find('.') == std::string::npos) {
      s.numbers.push_back(*n);
      s.amounts.push_back(*n);
      // A space as thousands separator ("5 600 kr."), which the normaliser leaves as two numbers.
      if (w.size() <= 3 && all_digits(w) && i + 1 < words.size() && words[i + 1].size() == 3 &&
          all_digits(words[i + 1]))
        s.amounts.push_back(*n * 1000 + *to_number(words[i + 1]));
      if (i + 1 < words.size()) {
        const auto unit = duration_unit(words[i + 1]);
        if (!unit.empty()) s.durations.push_back({*n, std::string(unit)});
      }
    }
  }
  return s;
}

bool contains_number(const std::vector<double>& numbers, double value) {
  return std::any_of(numbers.begin(), numbers.end(), [&](double n) { return std::abs(n - value) < 1e-9; });
}

// Share of `fact_stems` that some stem of the sentence matches.
double overlap(const std::vector<std::string>& fact_stems, const std::vector<std::string>& sentence_stems) {
  if (fact_stems.empty()) return 0.0;
  int matched = 0;
  for (const auto& f : fact_stems)
    if (std::any_of(sentence_stems.begin(), sentence_stems.end(),
                    [&](const std::string& s) { return stems_match(f, s); }))
      ++matched;
  return static_cast<double>(matched) / static_cast<double>(fact_stems.size());
}

struct Best {
  std::size_t sentence = 0;
  double score = -1.0;
};

// The sentence (among those `eligible` accepts) whose stems best overlap `stems`; ties go to the earlier one.
template <typename Eligible>
Best best_overlap(const std::vector<Sentence>& sentences, const std::vector<std::string>& stems, Eligible eligible) {
  Best best;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    if (!eligible(sentences[i])) continue;
    const double score = overlap(stems, sentences[i].stems);
    if (score > best.score) best = {i, score};
  }
  return best;
}

struct FactValue {
  std::optional<Date> date;
  std::optional<int> time;
  std::optional<double> number;
  std::optional<Duration> duration;
  std::string cpr;
};

// How the fact's value reads for its type; an empty FactValue means "compare by content".
FactValue parse_fact_value(const KeyFact& fact) {
  FactValue v;
  const auto value = trim(fact.value);
  if (fact.type == "date") {
    v.date = parse_dashed_date(value, false);
  } else if (fact.type == "time") {
    v.time = parse_time(value);
  } else if (fact.type == "next_meeting") {
    const auto space = value.find(' ');
    v.date = parse_dashed_date(value.substr(0, space), false);
    if (space != std::string_view::npos) {
      v.time = parse_time(trim(value.substr(space + 1)));
      if (!v.time) v.date.reset();  // a second part that is not a time: not the documented form
    }
  } else if (fact.type == "amount" || fact.type == "number") {
    v.number = to_number(value);
  } else if (fact.type == "duration") {
    const auto space = value.find(' ');
    if (space != std::string_view::npos) {
      const auto n = to_number(value.substr(0, space));
      const auto unit = duration_unit(casefold(trim(value.substr(space + 1))));
      if (n && !unit.empty()) v.duration = Duration{*n, std::string(unit)};
    }
  } else if (fact.type == "cpr") {
    for (char c : value)
      if (std::isdigit(static_cast<unsigned char>(c))) v.cpr += c;
    if (v.cpr.size() != 10) v.cpr.clear();
  }
  return v;
}

FactMatch match_fact(const KeyFact& fact, const std::vector<Sentence>& sentences, const KeyFactMatchOptions& options,
                     SnowballStemmer& stemmer) {
  FactMatch m;
  m.fact = fact;
  const FactValue value = parse_fact_value(fact);
  // What the fact is about, to pick the most telling sentence among several holding the value (or the closest one
  // when none does).
  const auto context = stems_of_words(normalize_danish(fact.label + " " + fact.text, true), stemmer);
  auto any = [](const Sentence&) { return true; };
  auto finish_by_value = [&](auto holds_value, const std::string& method) {
    m.method = method;
    const Best hit = best_overlap(sentences, context, holds_value);
    if (hit.score >= 0) {
      m.found = true;
      m.score = 1.0;
      m.evidence = sentences[hit.sentence].text;
    } else if (const Best near = best_overlap(sentences, context, any); near.score > 0) {
      m.evidence = sentences[near.sentence].text;
    }
  };

  if (fact.type == "next_meeting" && value.date) {
    m.method = value.time ? "date+time" : "date";
    auto has_date = [&](const Sentence& s) {
      return std::any_of(s.dates.begin(), s.dates.end(), [&](const Date& d) { return same_date(*value.date, d); });
    };
    auto has_time = [&](const Sentence& s) {
      return value.time &&
             std::any_of(s.times.begin(), s.times.end(), [&](int t) { return same_time(*value.time, t); });
    };
    const double parts = value.time ? 2.0 : 1.0;
    Best best;
    double best_context = -1;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
      const double score = ((has_date(sentences[i]) ? 1.0 : 0.0) + (has_time(sentences[i]) ? 1.0 : 0.0)) / parts;
      const double about = overlap(context, sentences[i].stems);
      if (score > best.score || (score == best.score && about > best_context)) {
        best = {i, score};
        best_context = about;
      }
    }
    if (best.score > 0 || best_context > 0) {
      m.evidence = sentences[best.sentence].text;
      m.score = best.score;
      m.found = best.score >= 1.0;
    }
    return m;
  }
  if (value.date) {
    finish_by_value(
        [&](const Sentence& s) {
          return std::any_of(s.dates.begin(), s.dates.end(), [&](const Date& d) { return same_date(*value.date, d); });
        },
        "date");
    return m;
  }
  if (value.time) {
    finish_by_value(
        [&](const Sentence& s) {
          return std::any_of(s.times.begin(), s.times.end(), [&](int t) { return same_time(*value.time, t); });
        },
        "time");
    return m;
  }
  if (value.number) {
    const bool amount = fact.type == "amount";
    finish_by_value(
        [&](const Sentence& s) { return contains_number(amount ? s.amounts : s.numbers, *value.number); }, "number");
    return m;
  }
  if (value.duration) {
    finish_by_value(
        [&](const Sentence& s) {
          return std::any_of(s.durations.begin(), s.durations.end(), [&](const Duration& d) {
            return d.unit == value.duration->unit && std::abs(d.amount - value.duration->amount) < 1e-9;
          });
        },
        "duration");
    return m;
  }
  if (!value.cpr.empty()) {
    finish_by_value(
        [&](const Sentence& s) {
          return std::find(s.cpr_digits.begin(), s.cpr_digits.end(), value.cpr) != s.cpr_digits.end();
        },
        "cpr");
    return m;
  }

  m.method = "content";
  Best best;
  for (const auto* phrase : {&fact.value, &fact.text}) {
    if (trim(*phrase).empty()) continue;
    const auto stems = stems_of_words(normalize_danish(*phrase, true), stemmer);
    const Best b = best_overlap(sentences, stems, any);
    if (b.score > best.score) best = b;
  }
  if (best.score > 0) {
    m.evidence = sentences[best.sentence].text;
    m.score = best.score;
    // A small tolerance so that 3 of 5 counts as reaching 0.6 despite floating point.
    m.found = best.score + 1e-9 >= options.content_overlap_threshold;
  }
  return m;
}

}  // namespace

std::optional<double> KeyFactResult::recall() const {
  if (total == 0) return std::nullopt;
  return static_cast<double>(found) / static_cast<double>(total);
}

std::vector<std::string> split_note_sentences(std::string_view note_text) {
  std::vector<std::string> out;
  auto emit = [&](std::string_view piece) {
    piece = trim(piece);
    // List bullets are layout, not words.
    while (!piece.empty() && (piece.front() == '-' || piece.front() == '*' || piece.front() == '#'))
      piece = trim(piece.substr(1));
    if (piece.rfind("\xE2\x80\xA2", 0) == 0) piece = trim(piece.substr(3));  // •
    if (!piece.empty()) out.emplace_back(piece);
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i < note_text.size(); ++i) {
    const char c = note_text[i];
    if (c == '\n') {
      emit(note_text.substr(start, i - start));
      start = i + 1;
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    if (i + 1 >= note_text.size() || !is_space(note_text[i + 1])) continue;
    std::size_t next = i + 1;
    while (next < note_text.size() && is_space(note_text[next]) && note_text[next] != '\n') ++next;
    if (next < note_text.size() && note_text[next] != '\n' && !starts_with_capital(note_text.substr(next))) continue;
    if (c == '.') {
      std::size_t word_start = i;
      while (word_start > start && !is_space(note_text[word_start - 1])) --word_start;
      std::string word = casefold(note_text.substr(word_start, i - word_start));
      while (!word.empty() && (word.front() == '(' || word.front() == '"')) word.erase(0, 1);
      // An abbreviation or a single-letter initial ("H. C. Andersen") does not end the sentence.
      if (abbreviations().count(word) || code_points(word) == 1) continue;
    }
    emit(note_text.substr(start, i + 1 - start));
    start = i + 1;
  }
  emit(note_text.substr(start));
  return out;
}

std::vector<std::string> content_stems(std::string_view text) {
  SnowballStemmer stemmer("danish");
  return stems_of_words(normalize_danish(text, true), stemmer);
}

bool stems_match(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.empty() || b.empty() || has_digit(a) || has_digit(b)) return false;
  std::string_view shorter = a.size() < b.size() ? a : b;
  std::string_view longer = a.size() < b.size() ? b : a;
  const std::size_t letters = code_points(shorter);
  if (longer.substr(0, shorter.size()) == shorter) {
    const auto rest = longer.substr(shorter.size());
    // Inflection Snowball leaves on short words: uge/ugen/uger/ugers/ugerne, dag/dage.
    if (letters >= 3 && rest.size() <= 4 &&
        std::all_of(rest.begin(), rest.end(), [](char c) { return c == 'e' || c == 'n' || c == 'r' || c == 's' || c == 't'; }))
      return true;
    if (letters >= 5) return true;  // derivation: indhent/indhentning, registr/registrering, mentor/mentorstøt
  }
  // Danish compounds put the head last: attest/lægeattest, praktik/virksomhedspraktik.
  if (letters >= 5 && longer.substr(longer.size() - shorter.size()) == shorter) return true;
  return false;
}

KeyFactResult match_key_facts(const std::vector<KeyFact>& facts, std::string_view note_text,
                              const KeyFactMatchOptions& options) {
  KeyFactResult result;
  const std::string text = sanitize_utf8(note_text);
  SnowballStemmer stemmer("danish");
  std::vector<Sentence> sentences;
  for (const auto& raw : split_note_sentences(text)) sentences.push_back(read_sentence(raw, stemmer));

  for (const auto& fact : facts) {
    if (fact.type == "cpr" && !options.include_cpr) {
      result.skipped.push_back(fact);
      continue;
    }
    FactMatch m = match_fact(fact, sentences, options, stemmer);
    auto& counts = result.by_type[fact.type];
    ++counts.total;
    ++result.total;
    if (m.found) {
      ++counts.found;
      ++result.found;
    } else {
      result.missed.push_back(result.facts.size());
    }
    result.facts.push_back(std::move(m));
  }
  return result;
}

}  // namespace pb
