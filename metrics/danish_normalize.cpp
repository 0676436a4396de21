#include "metrics/danish_normalize.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <utility>

#include "core/utf8.h"
#include "metrics/danish_numbers.h"

namespace pb {

namespace {

constexpr std::string_view kVersion = "1";

// Hesitation sounds that transcribers write or leave out at will; they carry no content.
constexpr std::array<std::string_view, 11> kFillers = {"øh", "øhh", "øhm", "æh", "æhm", "eh", "ehm", "hm", "hmm", "mm", "mhm"};

// Old "aa" spellings of place names → the "å" form, so both spellings match. A list, never a rule:
// "aa" is also a real letter pair (Aase, ekstraarbejde) and must not be touched elsewhere. The "å"
// form is only a matching key, not a claim about the official spelling (Aalborg keeps "aa").
struct Spelling {
  std::string_view from;
  std::string_view to;
};
constexpr std::array kAaPlaces = {
    Spelling{"aarhus", "århus"},       Spelling{"aalborg", "ålborg"},     Spelling{"aabenraa", "åbenrå"},
    Spelling{"aabybro", "åbybro"},     Spelling{"aakirkeby", "åkirkeby"}, Spelling{"aars", "års"},
    Spelling{"aalestrup", "ålestrup"}, Spelling{"aarup", "årup"},
};

// Abbreviations and their spelled-out forms → one short form. "d." is handled with dates, because
// "d" alone is not always "den".
constexpr std::array kAbbreviations = {
    Spelling{"feks", "fx"},   Spelling{"kroner", "kr"},   Spelling{"krone", "kr"},   Spelling{"cirka", "ca"},
    Spelling{"klokken", "kl"}, Spelling{"procent", "pct"}, Spelling{"%", "pct"},      Spelling{"nummer", "nr"},
};
struct TwoWordAbbreviation {
  std::string_view first;
  std::string_view second;
  std::string_view to;
};
constexpr std::array kTwoWordAbbreviations = {
    TwoWordAbbreviation{"f", "eks", "fx"},
    TwoWordAbbreviation{"for", "eksempel", "fx"},
};

// Words after which "en"/"et" counts as the number one ("en time" = "1 time"). Singular forms only:
// the article is never followed by a plural.
constexpr std::array<std::string_view, 11> kUnits = {"kr",  "pct", "sekund", "minut", "time", "dag",
                                                     "døgn", "uge", "måned",  "år",    "stk"};

template <typename Range>
bool contains(const Range& range, std::string_view word) {
  for (const auto& item : range) {
    if (item == word) return true;
  }
  return false;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!is_ascii_digit(c)) return false;
  }
  return true;
}

// Precondition: all_digits(s) and s.size() <= 9.
int small_value(std::string_view s) {
  int v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

bool is_article(std::string_view w) { return w == "en" || w == "et"; }

std::string two_digits(int v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); }

std::string clock(int hour, int minute) { return std::to_string(hour) + ":" + two_digits(minute); }

// "10:30", "10.30", "8.05" → "10:30", "10:30", "8:05"; nullopt unless H is 0–24 and MM is two digits 00–59.
std::optional<std::string> written_time(std::string_view w) {
  const std::size_t sep = w.find_first_of(".:");
  if (sep == std::string_view::npos || sep == 0 || sep > 2 || w.size() != sep + 3) return std::nullopt;
  const auto h = w.substr(0, sep);
  const auto m = w.substr(sep + 1);
  if (!all_digits(h) || !all_digits(m) || small_value(h) > 24 || small_value(m) > 59) return std::nullopt;
  return clock(small_value(h), small_value(m));
}

struct Date {
  int day = 0;
  int month = 0;
  std::string year;  // empty when not written
};

// D/M, D/M-YYYY, D/M/YYYY, D.M.YYYY with D 1–31 and M 1–12 (one or two digits each).
std::optional<Date> written_date(std::string_view w) {
  std::vector<std::string_view> fields;
  std::string separators;
  std::size_t start = 0;
  for (std::size_t k = 0; k <= w.size(); ++k) {
    if (k == w.size() || !is_ascii_digit(w[k])) {
      fields.push_back(w.substr(start, k - start));
      if (k < w.size()) separators.push_back(w[k]);
      start = k + 1;
    }
  }
  const bool shape = separators == "/" || separators == "/-" || separators == "//" || separators == "..";
  if (!shape) return std::nullopt;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const std::size_t want_max = f < 2 ? 2 : 4;
    const std::size_t want_min = f < 2 ? 1 : 4;
    if (!all_digits(fields[f]) || fields[f].size() < want_min || fields[f].size() > want_max) return std::nullopt;
  }
  const int day = small_value(fields[0]);
  const int month = small_value(fields[1]);
  if (day < 1 || day > 31 || month < 1 || month > 12) return std::nullopt;
  return Date{day, month, fields.size() == 3 ? std::string(fields[2]) : std::string()};
}

// "4.500" → "4500", "1.234.567,89" → "1234567,89": groups of exactly three digits after the first.
std::optional<std::string> without_thousand_separators(std::string_view w) {
  const std::size_t comma = w.find(',');
  const std::string_view integer = w.substr(0, comma);
  const std::string_view decimals = comma == std::string_view::npos ? std::string_view() : w.substr(comma + 1);
  if (comma != std::string_view::npos && !all_digits(decimals)) return std::nullopt;
  std::string digits;
  std::size_t start = 0;
  int groups = 0;
  while (true) {
    const std::size_t dot = integer.find('.', start);
    const std::string_view group = integer.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    const bool first = groups == 0;
    if (!all_digits(group) || (first ? group.size() > 3 || group[0] == '0' : group.size() != 3)) return std::nullopt;
    digits += group;
    ++groups;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (groups < 2) return std::nullopt;
  if (comma != std::string_view::npos) digits += "," + std::string(decimals);
  return digits;
}

std::string without_hyphens(const std::string& w) {
  if (w.find('-') == std::string::npos) return w;
  std::string out;
  for (std::size_t k = 0; k < w.size(); ++k) {
    const bool between_digits = k > 0 && k + 1 < w.size() && is_ascii_digit(w[k - 1]) && is_ascii_digit(w[k + 1]);
    if (w[k] != '-' || between_digits) out.push_back(w[k]);
  }
  // A hyphen may have stood between a letter and a combining mark ("a-\u030A"); joining them must
  // give NFC again.
  for (const char c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) return to_nfc(out);
  }
  return out;
}

std::string modern_place_spelling(const std::string& w) {
  for (const auto& s : kAaPlaces) {
    if (w == s.from) return std::string(s.to);
    if (w.size() == s.from.size() + 1 && w.starts_with(s.from) && w.back() == 's') return std::string(s.to) + "s";
  }
  return w;
}

// Word-level rules that need no context beyond a neighbour: hyphens, aa list, fillers, abbreviations,
// then number compounds split into their morphemes so the number reader sees one word per morpheme.
std::vector<MarkedWord> prepare(std::vector<MarkedWord> words, bool remove_fillers) {
  std::vector<MarkedWord> kept;
  kept.reserve(words.size());
  for (auto& w : words) {
    w.text = modern_place_spelling(without_hyphens(w.text));
    if (w.text.empty() || (remove_fillers && contains(kFillers, w.text))) continue;
    kept.push_back(std::move(w));
  }

  std::vector<MarkedWord> out;
  out.reserve(kept.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    MarkedWord w = kept[i];
    bool joined = false;
    for (const auto& a : kTwoWordAbbreviations) {
      if (i + 1 < kept.size() && w.text == a.first && kept[i + 1].text == a.second) {
        out.push_back(MarkedWord{std::string(a.to), kept[i + 1].period_after, w.capitalised});
        ++i;
        joined = true;
        break;
      }
    }
    if (joined) continue;
    for (const auto& a : kAbbreviations) {
      if (w.text == a.from) {
        w.text = a.to;
        break;
      }
    }
    if (auto parts = split_danish_number_word(w.text)) {
      for (std::size_t p = 0; p < parts->size(); ++p) {
        out.push_back(MarkedWord{std::move((*parts)[p]), p + 1 == parts->size() && w.period_after, p == 0 && w.capitalised});
      }
    } else {
      out.push_back(std::move(w));
    }
  }
  return out;
}

struct Piece {
  std::string text;
  std::size_t end = 0;
};

struct Hour {
  int value = 0;
  std::size_t end = 0;
};

// Numbers, ordinals, dates and clock times, left to right over the prepared words.
class NumberReader {
 public:
  explicit NumberReader(std::vector<MarkedWord> words) : words_(std::move(words)) {
    texts_.reserve(words_.size());
    for (const auto& w : words_) texts_.push_back(w.text);
  }

  std::vector<std::string> run() {
    std::size_t i = 0;
    while (i < texts_.size()) i = step(i);
    return std::move(out_);
  }

 private:
  std::string_view text(std::size_t i) const { return i < texts_.size() ? std::string_view(texts_[i]) : std::string_view(); }
  bool is_month(std::size_t i) const { return danish_month_number(text(i)) > 0; }
  std::optional<DanishNumber> number_at(std::size_t i) const { return read_danish_number(texts_, i); }

  std::size_t step(std::size_t i) {
    const std::string_view w = text(i);
    if (w == "kl") {
      out_.emplace_back("kl");
      if (const auto t = time_after_kl(i + 1)) return emit(*t);
      return i + 1;
    }
    if (const auto t = clock_phrase(i)) return emit(*t);
    if (is_ascii_digit(w.front())) return digit_word(i);
    if (const auto n = number_at(i)) return number_words(i, *n);
    out_.emplace_back(w);
    return i + 1;
  }

  std::size_t emit(const Piece& p) {
    out_.push_back(p.text);
    return p.end;
  }

  // A day or other ordinal; "d" before a day of the month is the date abbreviation of "den".
  void push_ordinal(std::uint64_t n) {
    if (n >= 1 && n <= 31 && !out_.empty() && out_.back() == "d") out_.back() = "den";
    out_.push_back(std::to_string(n) + ".");
  }

  // An hour 0–max in digits (one or two) or words; "en"/"et" count as one here ("klokken et").
  std::optional<Hour> hour_at(std::size_t i, int max) const {
    const std::string_view w = text(i);
    if (all_digits(w) && w.size() <= 2 && small_value(w) <= max) return Hour{small_value(w), i + 1};
    const auto n = number_at(i);
    if (n && !n->ordinal && n->value <= static_cast<std::uint64_t>(max)) return Hour{static_cast<int>(n->value), n->end};
    return std::nullopt;
  }

  // Minutes after a spoken hour: 10–59 in words, or "nul" + a digit word ("ti nul fem" = 10:05).
  // Smaller bare numbers are not minutes: Danes say "fem over ti", and "klokken ti en" is not 10:01.
  std::optional<Hour> minutes_at(std::size_t i) const {
    if (text(i) == "nul") {
      const auto d = number_at(i + 1);
      if (d && !d->ordinal && d->end == i + 2 && d->value >= 1 && d->value <= 9) return Hour{static_cast<int>(d->value), d->end};
      return std::nullopt;
    }
    const auto n = number_at(i);
    if (n && !n->ordinal && n->value >= 10 && n->value <= 59) return Hour{static_cast<int>(n->value), n->end};
    return std::nullopt;
  }

  std::optional<Piece> time_after_kl(std::size_t i) const {
    if (i >= texts_.size()) return std::nullopt;
    if (const auto t = written_time(text(i))) return Piece{*t, i + 1};
    if (const auto t = clock_phrase(i)) return t;
    const auto h = hour_at(i, 24);
    if (!h) return std::nullopt;
    if (const auto m = minutes_at(h->end)) return Piece{clock(h->value, m->value), m->end};
    return Piece{clock(h->value, 0), h->end};
  }

  // "halv elleve" → 10:30, "kvart over ti" → 10:15, "kvart i elleve" → 10:45.
  std::optional<Piece> clock_phrase(std::size_t i) const {
    const auto previous_hour = [](int h) { return h == 1 ? 12 : h - 1; };
    if (text(i) == "halv") {
      // "en halv", "og en halv": a fraction, not a time.
      if (i > 0 && (is_article(text(i - 1)) || text(i - 1) == "og")) return std::nullopt;
      const auto h = hour_at(i + 1, 24);
      if (h && h->value >= 1) return Piece{clock(previous_hour(h->value), 30), h->end};
      return std::nullopt;
    }
    if (text(i) == "kvart" && (text(i + 1) == "over" || text(i + 1) == "i")) {
      const auto h = hour_at(i + 2, 24);
      if (!h || h->value < 1) return std::nullopt;
      if (text(i + 1) == "over") return Piece{clock(h->value, 15), h->end};
      return Piece{clock(previous_hour(h->value), 45), h->end};
    }
    return std::nullopt;
  }

  // "komma" followed by digit words ("komma nul fem" → "05"), one number below 100 ("komma
  // femogtyve" → "25") or a digit string.
  std::optional<Piece> decimals_after(std::size_t i) const {
    if (text(i) != "komma") return std::nullopt;
    std::size_t k = i + 1;
    if (all_digits(text(k))) return Piece{std::string(text(k)), k + 1};
    std::string digits;
    while (const auto d = number_at(k)) {
      if (d->ordinal || d->end != k + 1 || d->value > 9) break;
      digits += std::to_string(d->value);
      k = d->end;
    }
    if (!digits.empty()) return Piece{digits, k};
    const auto n = number_at(k);
    if (n && !n->ordinal && n->value < 100) return Piece{std::to_string(n->value), n->end};
    return std::nullopt;
  }

  // A cardinal value, with spoken decimals if "komma" follows.
  std::size_t push_cardinal(std::string value, std::size_t end) {
    if (const auto d = decimals_after(end)) {
      out_.push_back(value + "," + d->text);
      return d->end;
    }
    out_.push_back(std::move(value));
    return end;
  }

  std::size_t number_words(std::size_t i, const DanishNumber& n) {
    const std::string_view w = text(i);
    const bool single = n.end == i + 1;
    if (n.ordinal) {
      // "anden"/"andet" is mostly "other": only a date makes it "second".
      if (single && (w == "anden" || w == "andet") && !is_month(n.end)) {
        out_.emplace_back(w);
      } else {
        push_ordinal(n.value);
      }
      return n.end;
    }
    if (single && is_article(w) && !article_is_number(n.end)) {
      out_.emplace_back(w);
      return i + 1;
    }
    if (n.value >= 1 && n.value <= 31 && is_month(n.end)) {
      push_ordinal(n.value);
      return n.end;
    }
    return push_cardinal(std::to_string(n.value), n.end);
  }

  bool article_is_number(std::size_t next) const {
    return contains(kUnits, text(next)) || decimals_after(next).has_value() || (!out_.empty() && out_.back() == "nr");
  }

  std::size_t digit_word(std::size_t i) {
    const std::string_view w = text(i);
    if (const auto t = written_time(w)) {
      out_.push_back(*t);
      return i + 1;
    }
    if (const auto d = written_date(w)) {
      push_ordinal(static_cast<std::uint64_t>(d->day));
      out_.emplace_back(danish_month_name(d->month));
      if (!d->year.empty()) out_.push_back(d->year);
      return i + 1;
    }
    if (const auto t = without_thousand_separators(w)) {
      out_.push_back(*t);
      return i + 1;
    }
    if (!all_digits(w)) {
      out_.emplace_back(w);
      return i + 1;
    }
    if (const auto n = number_at(i)) return push_cardinal(std::to_string(n->value), n->end);  // "2 millioner"
    if (w.size() <= 3 && written_ordinal(i, small_value(w))) {
      push_ordinal(static_cast<std::uint64_t>(small_value(w)));
      return i + 1;
    }
    return push_cardinal(std::string(w), i + 1);
  }

  // A number written in digits is an ordinal when a month follows (14 marts), or when a period
  // follows it and the sentence visibly goes on (3. sal; a capital after the period means the period
  // ended the sentence), or when a period follows a day after "den"/"d" (den 14.).
  bool written_ordinal(std::size_t i, int value) const {
    const bool day = value >= 1 && value <= 31;
    if (day && is_month(i + 1)) return true;
    if (!words_[i].period_after) return false;
    if (i + 1 < words_.size() && !words_[i + 1].capitalised) return true;
    return day && i > 0 && (text(i - 1) == "den" || text(i - 1) == "d");
  }

  std::vector<MarkedWord> words_;
  std::vector<std::string> texts_;
  std::vector<std::string> out_;
};

bool starts_with_digit(const std::string& w) { return !w.empty() && is_ascii_digit(w.front()); }

std::vector<std::string> join_against(const std::vector<std::string>& side, const std::vector<std::string>& other) {
  constexpr std::size_t kLongestRun = 4;
  const std::set<std::string> other_words(other.begin(), other.end());
  std::set<std::string> other_runs;  // adjacent runs of the other side, space-joined
  for (std::size_t i = 0; i < other.size(); ++i) {
    std::string run = other[i];
    for (std::size_t k = 1; k < kLongestRun && i + k < other.size(); ++k) {
      run += " " + other[i + k];
      other_runs.insert(run);
    }
  }
  std::vector<std::string> out;
  out.reserve(side.size());
  std::size_t i = 0;
  while (i < side.size()) {
    bool joined = false;
    for (std::size_t len = std::min(kLongestRun, side.size() - i); len >= 2 && !joined; --len) {
      std::string word;
      std::string run;
      bool letters = true;
      for (std::size_t k = i; k < i + len; ++k) {
        letters = letters && !starts_with_digit(side[k]);
        word += side[k];
        run += (k == i ? "" : " ") + side[k];
      }
      if (letters && other_words.contains(word) && !other_runs.contains(run)) {
        out.push_back(std::move(word));
        i += len;
        joined = true;
      }
    }
    if (!joined) out.push_back(side[i++]);
  }
  return out;
}

}  // namespace

std::vector<std::string> normalize_danish(std::string_view text, bool remove_fillers) {
  return NumberReader(prepare(basic_marked_words(text), remove_fillers)).run();
}

NormalizedPair align_compounds(const std::vector<std::string>& ref, const std::vector<std::string>& hyp) {
  return NormalizedPair{join_against(ref, hyp), join_against(hyp, ref)};
}

Normalizer describe_danish_normalizer(std::vector<std::string> basic_rules, const NormalizerOptions& options) {
  std::string name = "da";
  if (!options.remove_fillers) name += "+keep-fillers";
  if (!options.join_compounds) name += "+no-compounds";
  std::vector<std::string> rules = std::move(basic_rules);
  const std::vector<std::string> danish = {
      "da tokenising differs from basic in three ways: ':' and '/' between two digits are kept (10:30, 14/3), '%' is a word of its own, and whether a '.' directly followed a word is remembered (for ordinals)",
      "hyphens are removed and the parts joined (e-boks → eboks, a-kasse → akasse), except between two digits (010190-1234 stays)",
      "only these old 'aa' place spellings, and their genitive in -s, become the 'å' form: aarhus → århus, aalborg → ålborg, aabenraa → åbenrå, aabybro → åbybro, aakirkeby → åkirkeby, aars → års, aalestrup → ålestrup, aarup → årup; no other word is changed (aase stays aase)",
      options.remove_fillers ? "filler words are removed: øh, øhh, øhm, æh, æhm, eh, ehm, hm, hmm, mm, mhm"
                             : "filler words are kept (option keep-fillers)",
      "abbreviations become one short form: f.eks./feks/for eksempel → fx; kr./krone/kroner → kr; ca./cirka → ca; kl./klokken → kl; pct./procent/% → pct; nr./nummer → nr",
      "a word made only of number words is read as those words (toogtyve = to og tyve, tohundrede = to hundrede, enogtyvende = en og tyvende)",
      "Danish cardinal number words 0–999 999 999 999 become digits without separators: nul … nitten, the vigesimal tens in short and long form (tyve, tredive, fyrre, halvtreds, tres, halvfjerds, firs, halvfems; fyrretyve, halvtredsindstyve …), unit og tens (to og tyve → 22), hundrede (et hundrede og fem → 105, nitten hundrede og firs → 1980), tusind, million, milliard (to tusind fem hundrede → 2500); a digit multiplier is read (2 millioner → 2000000); fractions (halv, halvanden, kvart, en halv million) are not read as numbers",
      "'en' and 'et' alone become 1 only before a unit (kr, pct, sekund, minut, time, dag, døgn, uge, måned, år, stk) or a spoken decimal ('komma'), after 'nr', or as an hour after kl/halv/kvart; otherwise they stay words (en samtale)",
      "thousand separators are removed (4.500 → 4500, 4.500,50 → 4500,50); decimals keep the Danish comma (10,5); spoken decimals are read (ti komma fem → 10,5, to komma nul fem → 2,05)",
      "ordinal words 1.–99. become the number with a period (første → 1., fjortende → 14., enogtyvende → 21.); 'anden'/'andet' only before a month name (den anden marts → den 2. marts; en anden gang stays)",
      "a number of 1–3 digits is an ordinal N. when a month name follows and it is 1–31 (14 marts → 14. marts), when it is written with a period and the next word does not begin with a capital (3. sal), or when it is written with a period after den/d and is 1–31 (den 14.); otherwise a trailing period is sentence punctuation",
      "a number 1–31 in words before a month name is the day (fjorten marts → 14. marts)",
      "written dates D/M, D/M-YYYY, D/M/YYYY and D.M.YYYY become D. month [YYYY] (14/3 → 14. marts, 14.03.2026 → 14. marts 2026); 'd' directly before a day 1.–31. becomes 'den' (d. 14. marts → den 14. marts)",
      "clock times become H:MM without a leading zero on the hour (10.30, 10:30 → 10:30; 08.05 → 8:05); after kl an hour 0–24 in digits or words with optional minutes in words (10–59, or nul + digit) becomes H:MM (kl. 10 → kl 10:00, klokken ti tredive → kl 10:30); halv H → (H−1):30 (halv elleve → 10:30, halv et → 12:30) except after en/et/og; kvart over H → H:15; kvart i H → (H−1):45; 12- and 24-hour readings are not unified (22:30 ≠ halv elleve)",
      options.join_compounds
          ? "when reference and hypothesis are normalised together: 2–4 adjacent words (none starting with a digit) are joined when their concatenation is a word on the other side and the same words do not appear adjacent on the other side (job centret ↔ jobcentret); each side is matched against the other side's words before joining, so the rule is symmetric"
          : "split compounds are not joined (option no-compounds)",
  };
  rules.insert(rules.end(), danish.begin(), danish.end());
  return Normalizer{std::move(name), std::string(kVersion), std::move(rules)};
}

}  // namespace pb
