#include "adapters/simulated_summariser.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "adapters/adapter_config.h"
#include "adapters/extractive_summariser.h"
#include "core/rng.h"
#include "core/utf8.h"
#include "metrics/text_normalize.h"

namespace pb {
namespace {

constexpr std::string_view kMonthNames[13] = {"",    "januar", "februar", "marts",     "april",   "maj",     "juni",
                                              "juli", "august", "september", "oktober", "november", "december"};
constexpr int kMonthDays[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // a non-leap year

// Phrases a careful writer may use interchangeably without changing a fact. Both directions apply; where a phrase
// occurs in two pairs the first pair wins.
constexpr std::pair<std::string_view, std::string_view> kSynonyms[] = {
    {"Borger", "Borgeren"},
    {"borgers", "borgerens"},
    {"Sagsbehandler", "Sagsbehandleren"},
    {"Næste samtale", "Næste møde"},
    {"næste samtale", "næste møde"},
    {"om ugen", "pr. uge"},
    {"om måneden", "pr. måned"},
    {"Drøftet", "Der blev talt om"},
    {"Oplyser", "Fortæller"},
    {"oplyser", "fortæller"},
    {"i jobcentret", "på jobcentret"},
    {"vejledt om", "informeret om"},
    {"bl.a.", "blandt andet"},
    {"evt.", "eventuelt"},
    {"ca.", "cirka"},
    {"Indkaldelse sendes til e-Boks", "Indkaldelsen sendes via e-Boks"},
    {"gerne", "helst"},
    {"aktuelt", "for tiden"},
    {"Beskriver", "Fortæller om"},
};

// Sentences a solution that invents facts adds; {date} is "14. januar", {amount} is "1.250".
constexpr std::string_view kInventedSentences[] = {
    "Borger deltager i informationsmøde om uddannelse {date}.",
    "Borger får bevilget {amount} kr. til arbejdstøj.",
    "Borger modtager tilskud til transport på {amount} kr. om måneden.",
    "Borger har aftalt samtale med virksomhedskonsulent {date}.",
    "Sagsbehandler følger op telefonisk {date}.",
};

// ---- Characters. A "word character" is a letter or digit; bytes of general punctuation such as "–" or "…" are
// not, so "kl. 9.00–14.30" still has a boundary after "9.00". ----

char32_t decode_at(std::string_view s, std::size_t i, std::size_t* length = nullptr) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + n > s.size()) n = 1;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  if (length) *length = n;
  return cp;
}

// The code point that ends just before byte `end` (> 0).
char32_t decode_before(std::string_view s, std::size_t end) {
  std::size_t i = end - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return decode_at(s, i);
}

bool is_word_cp(char32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && !(cp >= 0x2000 && cp <= 0x2BFF);
}
bool is_digit_cp(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool is_upper_cp(char32_t cp) { return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7); }

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string group_digits(long long n) {
  const std::string digits = std::to_string(n);
  std::string out;
  const std::size_t len = digits.size();
  for (std::size_t i = 0; i < len; ++i) {
    if (i > 0 && (len - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

// ---- Facts in the note. ----

enum class FactKind { date, time, date_time, amount, number, duration, text };

// One fact as the note writes it; its placeholder stands in the section text until the draft is finished.
struct Slot {
  FactKind kind = FactKind::text;
  std::size_t section = 0;
  int month = 0, day = 0, hour = 0, minute = 0;
  bool with_kl = false;
  long long number = 0;
  std::string unit;  // a duration's unit with its leading space: " uger"
  std::string text;
  bool changed = false;
  bool removed = false;
};

std::string render(const Slot& slot) {
  const std::string date = std::to_string(slot.day) + ". " + std::string(kMonthNames[slot.month]);
  const std::string time = std::to_string(slot.hour) + "." + two_digits(slot.minute);
  switch (slot.kind) {
    case FactKind::date: return date;
    case FactKind::time: return (slot.with_kl ? "kl. " : "") + time;
    case FactKind::date_time: return date + " kl. " + time;
    case FactKind::amount: return group_digits(slot.number);
    case FactKind::number: return std::to_string(slot.number);
    case FactKind::duration: return std::to_string(slot.number) + slot.unit;
    case FactKind::text: return slot.text;
  }
  return slot.text;
}

std::optional<long long> parse_count(std::string_view s) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  long long n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// "MM-DD" or "YYYY-MM-DD".
std::optional<std::pair<int, int>> parse_date(std::string_view s) {
  if (s.size() == 10 && s[4] == '-') s.remove_prefix(5);
  if (s.size() != 5 || s[2] != '-') return std::nullopt;
  const auto month = parse_count(s.substr(0, 2)), day = parse_count(s.substr(3, 2));
  if (!month || !day || *month < 1 || *month > 12 || *day < 1 || *day > kMonthDays[*month] + (*month == 2))
    return std::nullopt;
  return std::pair{static_cast<int>(*month), static_cast<int>(*day)};
}

// "HH:MM".
std::optional<std::pair<int, int>> parse_time(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  const auto hour = parse_count(s.substr(0, 2)), minute = parse_count(s.substr(3, 2));
  if (!hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
  return std::pair{static_cast<int>(*hour), static_cast<int>(*minute)};
}

// How the note may write a fact, most specific first. Types the note does not state literally give none.
std::vector<Slot> renderings_of(const KeyFact& fact) {
  std::vector<Slot> out;
  auto date_slot = [](std::pair<int, int> date) {
    Slot slot;
    slot.kind = FactKind::date;
    slot.month = date.first;
    slot.day = date.second;
    return slot;
  };
  const std::string& v = fact.value;
  if (fact.type == "date") {
    if (auto date = parse_date(v)) out.push_back(date_slot(*date));
  } else if (fact.type == "time") {
    if (auto time = parse_time(v)) {
      Slot slot;
      slot.kind = FactKind::time;
      slot.hour = time->first;
      slot.minute = time->second;
      slot.with_kl = true;
      out.push_back(slot);
      slot.with_kl = false;
      out.push_back(slot);
    }
  } else if (fact.type == "next_meeting") {
    const std::size_t space = v.find(' ');
    const auto date = parse_date(std::string_view(v).substr(0, space));
    if (date && space != std::string::npos) {
      if (auto time = parse_time(std::string_view(v).substr(space + 1))) {
        Slot slot = date_slot(*date);
        slot.kind = FactKind::date_time;
        slot.hour = time->first;
        slot.minute = time->second;
        out.push_back(slot);
      }
    }
    if (date) out.push_back(date_slot(*date));
  } else if (fact.type == "amount" || fact.type == "number") {
    if (auto n = parse_count(v)) {
      Slot slot;
      slot.kind = fact.type == "amount" ? FactKind::amount : FactKind::number;
      slot.number = *n;
      out.push_back(slot);
    }
  } else if (fact.type == "duration") {
    const std::size_t space = v.find(' ');
    if (space != std::string::npos && space + 1 < v.size()) {
      if (auto n = parse_count(std::string_view(v).substr(0, space))) {
        Slot slot;
        slot.kind = FactKind::duration;
        slot.number = *n;
        slot.unit = v.substr(space);
        out.push_back(slot);
      }
    }
  } else if (fact.type == "name" || fact.type == "organisation" || fact.type == "place" || fact.type == "job_title") {
    if (!v.empty()) {
      Slot slot;
      slot.kind = FactKind::text;
      slot.text = v;
      out.push_back(slot);
    }
  }
  return out;
}

// A bare number followed by '.' is a date ("4. marts") or a decimal unless the '.' ends a sentence.
bool period_ends_sentence(std::string_view text, std::size_t dot) {
  std::size_t k = dot + 1;
  if (k == text.size() || text[k] == '\n') return true;
  if (text[k] != ' ') return false;
  while (k < text.size() && text[k] == ' ') ++k;
  return k == text.size() || is_upper_cp(decode_at(text, k));
}

// `needle` at `pos` stands on its own: not part of a longer word or number.
bool standalone(std::string_view text, std::size_t pos, std::size_t len, FactKind kind) {
  const std::string_view needle = text.substr(pos, len);
  const char32_t first = decode_at(needle, 0);
  const char32_t last = decode_before(needle, needle.size());
  if (pos > 0) {
    const char32_t prev = decode_before(text, pos);
    if (is_word_cp(first) && is_word_cp(prev)) return false;
    if (is_digit_cp(first) && (prev == '.' || prev == ',' || prev == ':' || prev == '-')) return false;
  }
  const std::size_t end = pos + len;
  if (end < text.size()) {
    const char32_t next = decode_at(text, end);
    if (is_word_cp(last) && is_word_cp(next)) return false;
    if (is_digit_cp(last)) {
      if ((next == '.' || next == ',' || next == ':') && end + 1 < text.size() &&
          is_digit_cp(static_cast<unsigned char>(text[end + 1])))
        return false;
      if ((kind == FactKind::number || kind == FactKind::amount) && next == '.' && !period_ends_sentence(text, end))
        return false;
    }
  }
  return true;
}

std::size_t find_standalone(std::string_view text, std::string_view needle, FactKind kind, std::size_t from = 0) {
  for (std::size_t pos = text.find(needle, from); pos != std::string_view::npos; pos = text.find(needle, pos + 1))
    if (standalone(text, pos, needle.size(), kind)) return pos;
  return std::string_view::npos;
}

// Placeholders hold no letter or digit, so no fact or synonym can match inside one.
std::string placeholder(std::size_t slot) { return "\x01" + std::string(slot + 1, '\x02') + "\x01"; }

std::string expand(std::string_view text, const std::vector<Slot>& slots) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '\x01') {
      out += text[i++];
      continue;
    }
    std::size_t j = i + 1;
    while (j < text.size() && text[j] == '\x02') ++j;
    const std::size_t marks = j - i - 1;
    if (marks == 0 || marks > slots.size() || j == text.size() || text[j] != '\x01') {
      out += text[i++];  // a control character the note itself contained, not a placeholder
      continue;
    }
    if (!slots[marks - 1].removed) out += render(slots[marks - 1]);
    i = j + 1;
  }
  return out;
}

// The note's section texts with every fact found replaced by a placeholder.
struct MarkedNote {
  std::vector<std::string> texts;
  std::vector<Slot> slots;
  std::vector<std::optional<std::size_t>> slot_of_fact;  // per key fact
};

MarkedNote mark_facts(const CaseNote& note, const std::vector<KeyFact>& facts) {
  MarkedNote marked;
  for (const NoteSection& section : note.sections) marked.texts.push_back(section.text);
  marked.slot_of_fact.resize(facts.size());
  // Next meetings first: "14. januar kl. 10.00" must claim its date before a date fact with the same day does.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < facts.size(); ++i)
    if (facts[i].type == "next_meeting") order.push_back(i);
  for (std::size_t i = 0; i < facts.size(); ++i)
    if (facts[i].type != "next_meeting") order.push_back(i);

  for (const std::size_t f : order) {
    for (Slot candidate : renderings_of(facts[f])) {
      if (candidate.kind == FactKind::text) {
        const auto same = std::find_if(marked.slots.begin(), marked.slots.end(), [&](const Slot& slot) {
          return slot.kind == FactKind::text && slot.text == candidate.text;
        });
        if (same != marked.slots.end()) {
          marked.slot_of_fact[f] = static_cast<std::size_t>(same - marked.slots.begin());
          break;
        }
      }
      const std::string needle = render(candidate);
      const std::string mark = placeholder(marked.slots.size());
      bool found = false;
      for (std::size_t s = 0; s < marked.texts.size(); ++s) {
        std::string& text = marked.texts[s];
        // A name or organisation is the same fact wherever it occurs; a number or date only where first found.
        for (std::size_t pos = find_standalone(text, needle, candidate.kind); pos != std::string::npos;
             pos = find_standalone(text, needle, candidate.kind, pos + mark.size())) {
          if (!found) candidate.section = s;
          found = true;
          text.replace(pos, needle.size(), mark);
          if (candidate.kind != FactKind::text) break;
        }
        if (found && candidate.kind != FactKind::text) break;
      }
      if (found) {
        marked.slot_of_fact[f] = marked.slots.size();
        marked.slots.push_back(std::move(candidate));
        break;
      }
    }
  }
  return marked;
}

// ---- Edits. ----

int day_of_year(int month, int day) {
  int doy = day;
  for (int m = 1; m < month; ++m) doy += kMonthDays[m];
  return doy;
}

void shift_date(Slot& slot, Rng& rng) {
  int delta = static_cast<int>(rng.uniform_int(1, 3)) * (rng.bernoulli(0.5) ? 1 : -1);
  int doy = day_of_year(slot.month, std::min(slot.day, kMonthDays[slot.month])) + delta;
  if (doy < 1 || doy > 365) doy -= 2 * delta;
  int month = 1;
  while (doy > kMonthDays[month]) doy -= kMonthDays[month++];
  slot.month = month;
  slot.day = doy;
}

void shift_time(Slot& slot, Rng& rng) {
  const int delta = rng.bernoulli(0.5) ? 1 : -1;
  slot.hour = (slot.hour + delta < 7 || slot.hour + delta > 18) ? slot.hour - delta : slot.hour + delta;
}

long long shifted_count(long long n, Rng& rng) {
  const long long delta = rng.uniform_int(1, 2) * (rng.bernoulli(0.5) ? 1 : -1);
  return n + delta >= 1 ? n + delta : n - delta;
}

long long shifted_amount(long long amount, Rng& rng) {
  const long long step = amount >= 1000 ? 100 : amount >= 100 ? 10 : 1;
  const double percent = 10.0 + 5.0 * static_cast<double>(rng.uniform_int(0, 4));  // 10, 15, …, 30 %
  const double factor = rng.bernoulli(0.5) ? 1.0 + percent / 100.0 : 1.0 - percent / 100.0;
  long long changed = std::llround(static_cast<double>(amount) * factor / static_cast<double>(step)) * step;
  if (changed == amount || changed <= 0) changed = amount + step;
  return changed;
}

// One vowel changed, as a misheard name would be written ("Birgitte" → "Bergitte"); an acronym without a vowel
// gets its last letter changed ("HF" → "HG").
std::string misspelt(const std::string& text, Rng& rng) {
  static constexpr std::string_view kFrom = "aeiouyAEIOUY", kTo = "eaeuoiEAEUOI";
  std::vector<std::size_t> vowels;
  for (std::size_t i = 1; i < text.size(); ++i)
    if (kFrom.find(text[i]) != std::string_view::npos) vowels.push_back(i);
  std::string out = text;
  if (!vowels.empty()) {
    char& c = out[rng.pick(vowels)];
    c = kTo[kFrom.find(c)];
    return out;
  }
  for (std::size_t i = out.size(); i > 0; --i) {
    char& c = out[i - 1];
    if ((c >= 'a' && c < 'z') || (c >= 'A' && c < 'Z')) {
      ++c;
      return out;
    }
    if (c == 'z' || c == 'Z') {
      c = static_cast<char>(c - 1);
      return out;
    }
  }
  return out + "e";
}

void change_fact(Slot& slot, Rng& rng) {
  switch (slot.kind) {
    case FactKind::date: shift_date(slot, rng); break;
    case FactKind::time: shift_time(slot, rng); break;
    case FactKind::date_time:
      if (rng.bernoulli(0.5)) {
        shift_date(slot, rng);
      } else {
        shift_time(slot, rng);
      }
      break;
    case FactKind::amount: slot.number = shifted_amount(slot.number, rng); break;
    case FactKind::number:
    case FactKind::duration: slot.number = shifted_count(slot.number, rng); break;
    case FactKind::text: slot.text = misspelt(slot.text, rng); break;
  }
  slot.changed = true;
}

std::string joined_words(std::string_view text) {
  std::string out = " ";
  for (const std::string& word : normalize_to_words(text, NormalizerKind::basic)) out += word + " ";
  return out;
}

bool title_is(const std::string& title, std::string_view wanted) { return casefold(title) == wanted; }

bool is_bullet(std::string_view line) {
  return line.rfind("- ", 0) == 0 || line.rfind("* ", 0) == 0 || line.rfind("\xE2\x80\xA2 ", 0) == 0;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      lines.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

// Leaves out lines of an Aftaler section: its bullets, or every line when it has none.
void drop_agreements(std::string& text, double rate, Rng& rng) {
  std::vector<std::string> lines = lines_of(text);
  const bool bullets = std::any_of(lines.begin(), lines.end(), [](const std::string& l) { return is_bullet(l); });
  std::vector<std::string> kept;
  for (const std::string& line : lines) {
    const bool item = bullets ? is_bullet(line) : !line.empty();
    const bool drop = item && rng.uniform01() < rate;
    if (!drop) kept.push_back(line);
  }
  text = join_lines(kept);
}

// Removes the first date (with its time) from a Næste skridt text, with the space before it.
void drop_meeting_date(std::string& text, std::vector<Slot>& slots) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\x01') continue;
    std::size_t j = i + 1;
    while (j < text.size() && text[j] == '\x02') ++j;
    Slot& slot = slots[j - i - 2];
    if (slot.kind == FactKind::date || slot.kind == FactKind::date_time) {
      const std::size_t begin = i > 0 && text[i - 1] == ' ' ? i - 1 : i;
      text.erase(begin, j + 1 - begin);
      return;
    }
    i = j;
  }
  // No date key fact: find the first "<day>. <month>" and an optional " kl. H.MM" in the text itself.
  std::size_t first = std::string::npos, first_end = 0;
  for (int month = 1; month <= 12; ++month) {
    for (int day = 1; day <= 31; ++day) {
      const std::string date = std::to_string(day) + ". " + std::string(kMonthNames[month]);
      const std::size_t pos = find_standalone(text, date, FactKind::date);
      if (pos < first) {
        first = pos;
        first_end = pos + date.size();
      }
    }
  }
  if (first == std::string::npos) return;
  if (text.compare(first_end, 5, " kl. ") == 0) {
    std::size_t k = first_end + 5;
    while (k < text.size() && (is_digit_cp(static_cast<unsigned char>(text[k])) || text[k] == '.')) ++k;
    if (k > first_end + 5 && text[k - 1] == '.') --k;  // a sentence's full stop is not part of the time
    first_end = k;
  }
  const std::size_t begin = first > 0 && text[first - 1] == ' ' ? first - 1 : first;
  text.erase(begin, first_end - begin);
}

std::string invented_sentence(const std::vector<KeyFact>& facts, const std::string& note_text,
                              const std::string& source_words, Rng& rng) {
  const std::string_view pattern = kInventedSentences[rng.index(std::size(kInventedSentences))];
  std::string value;
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::string canonical;
    if (pattern.find("{date}") != std::string_view::npos) {
      const int month = static_cast<int>(rng.uniform_int(1, 12));
      const int day = static_cast<int>(rng.uniform_int(1, 28));
      value = std::to_string(day) + ". " + std::string(kMonthNames[month]);
      canonical = two_digits(month) + "-" + two_digits(day);
    } else {
      const long long amount = 300 + 50 * rng.uniform_int(0, 190);
      value = group_digits(amount);
      canonical = std::to_string(amount);
    }
    const bool in_facts = std::any_of(facts.begin(), facts.end(), [&](const KeyFact& fact) {
      return fact.value == canonical || fact.value.rfind(canonical + " ", 0) == 0 ||
             (fact.value.size() == 10 && fact.value.substr(5) == canonical);
    });
    if (!in_facts && note_text.find(value) == std::string::npos && source_words.find(joined_words(value)) ==
                                                                         std::string::npos)
      break;
  }
  std::string sentence(pattern);
  const std::size_t slot = sentence.find('{');
  sentence.replace(slot, sentence.find('}') - slot + 1, value);
  return sentence;
}

// Two adjacent sentences of a one-paragraph section change places.
void reorder_sentences(std::string& text, Rng& rng) {
  std::vector<std::string> sentences = split_sentences(text);
  if (sentences.size() < 2) return;
  const std::size_t i = rng.index(sentences.size() - 1);
  std::swap(sentences[i], sentences[i + 1]);
  text.clear();
  for (const std::string& sentence : sentences) text += (text.empty() ? "" : " ") + sentence;
}

struct Synonym {
  std::string_view phrase;
  std::string_view partner;
};

const std::vector<Synonym>& synonyms() {
  static const std::vector<Synonym> table = [] {
    std::vector<Synonym> t;
    auto add = [&](std::string_view phrase, std::string_view partner) {
      if (std::none_of(t.begin(), t.end(), [&](const Synonym& s) { return s.phrase == phrase; }))
        t.push_back({phrase, partner});
    };
    for (const auto& [a, b] : kSynonyms) {
      add(a, b);
      add(b, a);
    }
    // Longest first, so "Fortæller om" is found before "Fortæller".
    std::stable_sort(t.begin(), t.end(),
                     [](const Synonym& x, const Synonym& y) { return x.phrase.size() > y.phrase.size(); });
    return t;
  }();
  return table;
}

std::string paraphrase(std::string_view text, double rate, Rng& rng) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const bool word_start = i == 0 || !is_word_cp(decode_before(text, i));
    const Synonym* match = nullptr;
    if (word_start) {
      for (const Synonym& synonym : synonyms()) {
        const std::size_t end = i + synonym.phrase.size();
        if (text.compare(i, synonym.phrase.size(), synonym.phrase) != 0) continue;
        if (end < text.size() && is_word_cp(decode_before(synonym.phrase, synonym.phrase.size())) &&
            is_word_cp(decode_at(text, end)))
          continue;
        match = &synonym;
        break;
      }
    }
    if (!match) {
      out += text[i++];
      continue;
    }
    out += rng.uniform01() < rate ? match->partner : match->phrase;
    i += match->phrase.size();
  }
  return out;
}

}  // namespace

const std::vector<std::string>& simulated_summary_profiles() {
  static const std::vector<std::string> profiles = {"good", "drops-agreements", "invents-facts"};
  return profiles;
}

SimulatedSummaryOptions simulated_summary_profile(std::string_view profile) {
  SimulatedSummaryOptions options;
  options.profile = std::string(profile);
  if (profile == "drops-agreements") {
    options.drop_rate = 0.5;
    options.drop_next_meeting_rate = 0.3;
  } else if (profile == "invents-facts") {
    options.invent_rate = 0.3;
    options.invented_sentence_rate = 0.5;
  }
  return options;
}

std::vector<LocatedFact> locate_key_facts(const CaseNote& note, const std::vector<KeyFact>& facts) {
  const MarkedNote marked = mark_facts(note, facts);
  std::vector<LocatedFact> located;
  for (std::size_t f = 0; f < facts.size(); ++f)
    if (const auto slot = marked.slot_of_fact[f])
      located.push_back({f, marked.slots[*slot].section, render(marked.slots[*slot])});
  return located;
}

Outcome<CaseNote> simulate_summary(const Conversation& conversation, const Transcript& source,
                                   std::string_view source_kind, const SimulatedSummaryOptions& options) {
  if (conversation.reference_note.sections.empty())
    return Outcome<CaseNote>::failure("conversation " + conversation.id +
                                      " has no reference note for the simulated summariser to start from");
  auto stream = [&](std::string_view edit) {
    return Rng(derive_seed(options.seed, "simulated-summary/" + std::string(edit) + "/" + conversation.id));
  };
  Rng fact_rng = stream("facts"), drop_rng = stream("drop"), add_rng = stream("invented-sentence"),
      reorder_rng = stream("reorder"), paraphrase_rng = stream("paraphrase");

  const std::vector<KeyFact>& facts = conversation.key_facts;
  MarkedNote marked = mark_facts(conversation.reference_note, facts);
  std::vector<std::string>& texts = marked.texts;
  std::vector<Slot>& slots = marked.slots;

  std::string source_text;
  for (const Segment& segment : source.segments) source_text += segment.text + "\n";
  const std::string source_words = joined_words(source_text);

  // Chaining: a fact the source no longer contains is written wrong.
  if (source_kind == kSummarySourceTranscription) {
    for (std::size_t f = 0; f < facts.size(); ++f) {
      const auto slot = marked.slot_of_fact[f];
      if (!slot || slots[*slot].changed || facts[f].text.empty()) continue;
      if (source_words.find(joined_words(facts[f].text)) == std::string::npos) change_fact(slots[*slot], fact_rng);
    }
  }
  // Invented values: one draw per numeric fact found, so which facts are chosen does not depend on the rate.
  for (Slot& slot : slots) {
    if (slot.kind == FactKind::text) continue;
    const bool invent = fact_rng.uniform01() < options.invent_rate;
    if (invent && !slot.changed) change_fact(slot, fact_rng);
  }

  std::vector<bool> keep(texts.size(), true);
  std::optional<std::size_t> agreements;
  for (std::size_t s = 0; s < texts.size(); ++s) {
    const std::string& title = conversation.reference_note.sections[s].title;
    if (title_is(title, "aftaler")) {
      agreements = s;
      drop_agreements(texts[s], options.drop_rate, drop_rng);
      if (texts[s].find_first_not_of(" \n") == std::string::npos) keep[s] = false;
    }
  }
  const bool drop_meeting = drop_rng.uniform01() < options.drop_next_meeting_rate;
  for (std::size_t s = 0; s < texts.size() && drop_meeting; ++s)
    if (title_is(conversation.reference_note.sections[s].title, "næste skridt")) drop_meeting_date(texts[s], slots);

  if (add_rng.uniform01() < options.invented_sentence_rate) {
    std::string note_text;
    for (const std::string& text : texts) note_text += expand(text, slots) + "\n";
    const std::string sentence = invented_sentence(facts, note_text, source_words, add_rng);
    if (agreements && keep[*agreements]) {
      std::string& text = texts[*agreements];
      const std::vector<std::string> lines = lines_of(text);
      const bool bullets = std::any_of(lines.begin(), lines.end(), [](const std::string& l) { return is_bullet(l); });
      text += bullets ? "\n- " + sentence : " " + sentence;
    } else {
      std::size_t last = texts.size();
      while (last > 0 && !keep[last - 1]) --last;
      if (last == 0) {
        last = texts.size();
        keep[last - 1] = true;
        texts[last - 1].clear();
      }
      std::string& text = texts[last - 1];
      text += (text.empty() ? "" : " ") + sentence;
    }
  }

  for (std::size_t s = 0; s < texts.size(); ++s) {
    const bool reorder = reorder_rng.uniform01() < options.reorder_rate;
    if (reorder && keep[s] && agreements != s && texts[s].find('\n') == std::string::npos)
      reorder_sentences(texts[s], reorder_rng);
  }

  CaseNote draft;
  draft.kind = conversation.reference_note.kind;
  for (std::size_t s = 0; s < texts.size(); ++s) {
    if (!keep[s]) continue;
    draft.sections.push_back({conversation.reference_note.sections[s].title,
                              expand(paraphrase(texts[s], options.paraphrase_rate, paraphrase_rng), slots)});
  }
  return Outcome<CaseNote>::success(std::move(draft));
}

Outcome<CaseNote> SimulatedSummariser::summarise(const SummarisationRequest& request) {
  return simulate_summary(request.conversation, request.source, request.source_kind, options_);
}

SimulatedSummaryOptions read_simulated_summary_options(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"profile", "seed", "paraphrase_rate", "reorder_rate", "drop_rate", "drop_next_meeting_rate",
                     "invent_rate", "invented_sentence_rate"});
  SimulatedSummaryOptions options =
      simulated_summary_profile(config.choice("profile", "good", simulated_summary_profiles()));
  options.seed =
      static_cast<std::uint64_t>(config.integer("seed", 0, 0, std::numeric_limits<std::int64_t>::max()));
  options.paraphrase_rate = config.number("paraphrase_rate", options.paraphrase_rate, 0.0, 1.0);
  options.reorder_rate = config.number("reorder_rate", options.reorder_rate, 0.0, 1.0);
  options.drop_rate = config.number("drop_rate", options.drop_rate, 0.0, 1.0);
  options.drop_next_meeting_rate = config.number("drop_next_meeting_rate", options.drop_next_meeting_rate, 0.0, 1.0);
  options.invent_rate = config.number("invent_rate", options.invent_rate, 0.0, 1.0);
  options.invented_sentence_rate = config.number("invented_sentence_rate", options.invented_sentence_rate, 0.0, 1.0);
  return options;
}

SummarisationAdapterPtr make_simulated_summariser(const AdapterSpec& spec, ProblemList& problems) {
  const std::size_t before = problems.size();
  SimulatedSummaryOptions options = read_simulated_summary_options(spec, problems);
  if (problems.size() != before) return nullptr;
  return std::make_unique<SimulatedSummariser>(std::move(options));
}

}  // namespace pb
