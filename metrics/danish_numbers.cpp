#include "metrics/danish_numbers.h"

#include <array>
#include <utility>

namespace pb {

namespace {

enum class Lex { small, tens, hundred, scale, small_ordinal, tens_ordinal };

struct Entry {
  std::string_view word;
  Lex kind;
  std::uint64_t value;
};

// One table, so the reader and the compound splitter can never disagree about a morpheme.
constexpr std::array kLexicon = {
    Entry{"nul", Lex::small, 0},       Entry{"en", Lex::small, 1},        Entry{"et", Lex::small, 1},
    Entry{"én", Lex::small, 1},        Entry{"ét", Lex::small, 1},        Entry{"to", Lex::small, 2},
    Entry{"tre", Lex::small, 3},       Entry{"fire", Lex::small, 4},      Entry{"fem", Lex::small, 5},
    Entry{"seks", Lex::small, 6},      Entry{"syv", Lex::small, 7},       Entry{"otte", Lex::small, 8},
    Entry{"ni", Lex::small, 9},        Entry{"ti", Lex::small, 10},       Entry{"elleve", Lex::small, 11},
    Entry{"tolv", Lex::small, 12},     Entry{"tretten", Lex::small, 13},  Entry{"fjorten", Lex::small, 14},
    Entry{"femten", Lex::small, 15},   Entry{"seksten", Lex::small, 16},  Entry{"sytten", Lex::small, 17},
    Entry{"atten", Lex::small, 18},    Entry{"nitten", Lex::small, 19},

    Entry{"tyve", Lex::tens, 20},                Entry{"tredive", Lex::tens, 30},
    Entry{"fyrre", Lex::tens, 40},               Entry{"fyrretyve", Lex::tens, 40},
    Entry{"halvtreds", Lex::tens, 50},           Entry{"halvtredsindstyve", Lex::tens, 50},
    Entry{"tres", Lex::tens, 60},                Entry{"tresindstyve", Lex::tens, 60},
    Entry{"halvfjerds", Lex::tens, 70},          Entry{"halvfjerdsindstyve", Lex::tens, 70},
    Entry{"firs", Lex::tens, 80},                Entry{"firsindstyve", Lex::tens, 80},
    Entry{"halvfems", Lex::tens, 90},            Entry{"halvfemsindstyve", Lex::tens, 90},

    Entry{"hundrede", Lex::hundred, 100},        Entry{"hundred", Lex::hundred, 100},
    Entry{"tusind", Lex::scale, 1000},           Entry{"tusinde", Lex::scale, 1000},
    Entry{"million", Lex::scale, 1000000},       Entry{"millioner", Lex::scale, 1000000},
    Entry{"milliard", Lex::scale, 1000000000},   Entry{"milliarder", Lex::scale, 1000000000},

    Entry{"første", Lex::small_ordinal, 1},      Entry{"anden", Lex::small_ordinal, 2},
    Entry{"andet", Lex::small_ordinal, 2},       Entry{"tredje", Lex::small_ordinal, 3},
    Entry{"fjerde", Lex::small_ordinal, 4},      Entry{"femte", Lex::small_ordinal, 5},
    Entry{"sjette", Lex::small_ordinal, 6},      Entry{"syvende", Lex::small_ordinal, 7},
    Entry{"ottende", Lex::small_ordinal, 8},     Entry{"niende", Lex::small_ordinal, 9},
    Entry{"tiende", Lex::small_ordinal, 10},     Entry{"ellevte", Lex::small_ordinal, 11},
    Entry{"tolvte", Lex::small_ordinal, 12},     Entry{"trettende", Lex::small_ordinal, 13},
    Entry{"fjortende", Lex::small_ordinal, 14},  Entry{"femtende", Lex::small_ordinal, 15},
    Entry{"sekstende", Lex::small_ordinal, 16},  Entry{"syttende", Lex::small_ordinal, 17},
    Entry{"attende", Lex::small_ordinal, 18},    Entry{"nittende", Lex::small_ordinal, 19},

    Entry{"tyvende", Lex::tens_ordinal, 20},               Entry{"tredivte", Lex::tens_ordinal, 30},
    Entry{"tredivende", Lex::tens_ordinal, 30},            Entry{"fyrretyvende", Lex::tens_ordinal, 40},
    Entry{"fyrrende", Lex::tens_ordinal, 40},              Entry{"halvtredsindstyvende", Lex::tens_ordinal, 50},
    Entry{"tresindstyvende", Lex::tens_ordinal, 60},       Entry{"halvfjerdsindstyvende", Lex::tens_ordinal, 70},
    Entry{"firsindstyvende", Lex::tens_ordinal, 80},       Entry{"halvfemsindstyvende", Lex::tens_ordinal, 90},
};

constexpr std::array<std::string_view, 12> kMonths = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                                                      "juli",   "august",  "september", "oktober", "november", "december"};

const Entry* lookup(std::string_view word) {
  for (const auto& e : kLexicon) {
    if (e.word == word) return &e;
  }
  return nullptr;
}

const Entry* lookup_at(std::span<const std::string> words, std::size_t i) {
  return i < words.size() ? lookup(words[i]) : nullptr;
}

bool is_og(std::span<const std::string> words, std::size_t i) { return i < words.size() && words[i] == "og"; }

bool is_tens(const Entry* e) { return e && (e->kind == Lex::tens || e->kind == Lex::tens_ordinal); }

// A multiplier written in digits: 1–999 without a leading zero, so codes like "007" are never scaled.
std::optional<std::uint64_t> digit_multiplier(std::string_view word) {
  if (word.empty() || word.size() > 3 || word[0] == '0') return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : word) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// 0–99: a word below twenty, a tens word, or unit + "og" + tens ("to og tyve", "en og tyvende").
std::optional<DanishNumber> read_below_100(std::span<const std::string> words, std::size_t i) {
  const Entry* e = lookup_at(words, i);
  if (!e) return std::nullopt;
  switch (e->kind) {
    case Lex::small:
      if (e->value >= 1 && e->value <= 9 && is_og(words, i + 1)) {
        const Entry* tens = lookup_at(words, i + 2);
        if (is_tens(tens)) return DanishNumber{e->value + tens->value, tens->kind == Lex::tens_ordinal, i + 3};
      }
      return DanishNumber{e->value, false, i + 1};
    case Lex::tens:
      return DanishNumber{e->value, false, i + 1};
    case Lex::small_ordinal:
    case Lex::tens_ordinal:
      return DanishNumber{e->value, true, i + 1};
    case Lex::hundred:
    case Lex::scale:
      return std::nullopt;
  }
  return std::nullopt;
}

// 0–9 999: [multiplier 1–99] "hundrede" ["og"] [0–99], or just 0–99.
std::optional<DanishNumber> read_below_10000(std::span<const std::string> words, std::size_t i) {
  const auto low = read_below_100(words, i);
  if (low && low->ordinal) return low;
  const std::size_t j = low ? low->end : i;
  const Entry* h = lookup_at(words, j);
  if (!h || h->kind != Lex::hundred || (low && low->value == 0)) return low;
  const std::uint64_t value = (low ? low->value : 1) * 100;
  if (is_og(words, j + 1)) {
    if (const auto rest = read_below_100(words, j + 2)) return DanishNumber{value + rest->value, rest->ordinal, rest->end};
  }
  if (const auto rest = read_below_100(words, j + 1)) return DanishNumber{value + rest->value, rest->ordinal, rest->end};
  return DanishNumber{value, false, j + 1};
}

}  // namespace

std::optional<DanishNumber> read_danish_number(std::span<const std::string> words, std::size_t start) {
  std::uint64_t total = 0;
  std::uint64_t last_scale = UINT64_MAX;  // scale words must fall: "to millioner tre hundrede tusind"
  std::size_t j = start;
  bool any = false;
  while (j < words.size()) {
    const auto part = read_below_10000(words, j);
    if (part && part->ordinal) return DanishNumber{total + part->value, true, part->end};
    std::optional<std::uint64_t> multiplier;
    std::size_t k = j;
    if (part) {
      multiplier = part->value;
      k = part->end;
    } else if (const auto digits = digit_multiplier(words[j]); digits && k + 1 < words.size()) {
      multiplier = digits;
      k = j + 1;
    }
    const Entry* s = lookup_at(words, k);
    const bool scaled = s && s->kind == Lex::scale && s->value < last_scale && multiplier.value_or(1) > 0;
    if (scaled) {
      total += multiplier.value_or(1) * s->value;
      last_scale = s->value;
      any = true;
      j = k + 1;
      // "to tusind og fem": the "og" belongs to the number only when a number follows it.
      if (is_og(words, j) && read_below_10000(words, j + 1)) ++j;
      continue;
    }
    if (part) {
      total += part->value;
      j = part->end;
      any = true;
    }
    break;
  }
  if (!any) return std::nullopt;
  return DanishNumber{total, false, j};
}

std::optional<std::vector<std::string>> split_danish_number_word(std::string_view word) {
  if (word.size() < 4) return std::nullopt;
  // Depth-first over morpheme prefixes; the first split that reads as one whole phrase wins. Words
  // are short and the lexicon small, so this stays cheap without memoisation.
  std::vector<std::string> parts;
  auto search = [&](auto&& self, std::string_view rest) -> bool {
    if (rest.empty()) {
      if (parts.size() < 2) return false;
      const auto n = read_danish_number(parts, 0);
      return n && n->end == parts.size();
    }
    auto try_prefix = [&](std::string_view morpheme) {
      if (rest.substr(0, morpheme.size()) != morpheme) return false;
      parts.emplace_back(morpheme);
      if (self(self, rest.substr(morpheme.size()))) return true;
      parts.pop_back();
      return false;
    };
    if (try_prefix("og")) return true;
    for (const auto& e : kLexicon) {
      if (try_prefix(e.word)) return true;
    }
    return false;
  };
  if (search(search, word)) return parts;
  return std::nullopt;
}

int danish_month_number(std::string_view word) {
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (kMonths[m] == word) return static_cast<int>(m) + 1;
  }
  return 0;
}

std::string_view danish_month_name(int month) { return kMonths.at(static_cast<std::size_t>(month - 1)); }

}  // namespace pb
