#include "metrics/key_term_patterns.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

#include "core/cpr.h"

namespace pb {
namespace {

// ---- built-in word lists (normalised: lower case, NFC) -------------------------------------------------

constexpr std::array<std::pair<std::string_view, int>, 23> kSmallCardinals = {{
    {"nul", 0},      {"en", 1},       {"et", 1},       {"to", 2},       {"tre", 3},     {"fire", 4},
    {"fem", 5},      {"seks", 6},     {"syv", 7},      {"otte", 8},     {"ni", 9},      {"ti", 10},
    {"elleve", 11},  {"tolv", 12},    {"tretten", 13}, {"fjorten", 14}, {"femten", 15}, {"seksten", 16},
    {"sytten", 17},  {"atten", 18},   {"nitten", 19},  {"én", 1},       {"ét", 1},
}};

constexpr std::array<std::pair<std::string_view, int>, 14> kTens = {{
    {"tyve", 20},       {"tredive", 30},          {"fyrre", 40},       {"fyrretyve", 40},
    {"halvtreds", 50},  {"halvtredsindstyve", 50}, {"tres", 60},        {"tresindstyve", 60},
    {"halvfjerds", 70}, {"halvfjerdsindstyve", 70}, {"firs", 80},        {"firsindstyve", 80},
    {"halvfems", 90},   {"halvfemsindstyve", 90},
}};

// Words that multiply the number before them; they let "en"/"et" and "og" join a number run.
constexpr std::array<std::pair<std::string_view, std::int64_t>, 8> kMultipliers = {{
    {"hundrede", 100},
    {"hundred", 100},
    {"tusind", 1000},
    {"tusinde", 1000},
    {"million", 1000000},
    {"millioner", 1000000},
    {"milliard", 1000000000},
    {"milliarder", 1000000000},
}};

constexpr std::array<std::pair<std::string_view, int>, 21> kOrdinals = {{
    {"første", 1},     {"anden", 2},     {"andet", 2},     {"tredje", 3},     {"fjerde", 4},
    {"femte", 5},      {"sjette", 6},    {"syvende", 7},   {"ottende", 8},    {"niende", 9},
    {"tiende", 10},    {"ellevte", 11},  {"tolvte", 12},   {"trettende", 13}, {"fjortende", 14},
    {"femtende", 15},  {"sekstende", 16}, {"syttende", 17}, {"attende", 18},  {"nittende", 19},
    {"tyvende", 20},
}};

constexpr std::array<std::string_view, 12> kMonths = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                                                      "juli",   "august",  "september", "oktober", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {"mandag", "tirsdag", "onsdag", "torsdag",
                                                       "fredag", "lørdag",  "søndag"};
constexpr std::array<std::string_view, 7> kCurrency = {"kroner", "krone", "kr", "kr.", "dkk", "øre", "kroners"};
constexpr std::array<std::string_view, 19> kUnits = {"år",   "års",   "måned",  "måneder", "måneders", "mdr", "uge",
                                                     "uger", "ugers", "dag",    "dage",    "dages",    "døgn", "time",
                                                     "timer", "timers", "minut", "minutter", "minutters"};
// Units that "en"/"et" turn into a duration ("en time", "et år"); "en dag" is left out because it
// mostly means "some day".
constexpr std::array<std::string_view, 5> kSingularUnits = {"time", "uge", "måned", "år", "døgn"};
constexpr std::array<std::string_view, 8> kNegations = {"ikke",   "ikk",       "ikk'",    "aldrig",
                                                        "ingen",  "intet",     "ingenting", "hverken"};

// Stems of employment-measure names; a word starting with a long stem matches ("mentoren",
// "løntilskudsjob"). Short stems (acronyms) must match the whole word.
constexpr std::array<std::string_view, 24> kInterventionStems = {
    "virksomhedspraktik", "praktikforløb",  "løntilskud",       "mentor",          "jobafklaring",
    "ressourceforløb",    "arbejdsprøvning", "uddannelsespålæg", "fleksjob",        "revalidering",
    "forrevalidering",    "seniorjob",       "skånejob",         "jobrotation",     "opkvalificering",
    "integrationsgrunduddannelse", "danskuddannelse", "nytteindsats", "afklaringsforløb", "voksenlærling",
    "igu",                "fgu",            "stu",              "jobsøgningskursus"};

// Titles that are matched as whole words (plus an inflection ending). Titles that are also common verbs
// ("tjener", "lærer", "maler", "sælger") are left out on purpose.
constexpr std::array<std::string_view, 36> kJobTitles = {
    "pædagog",       "pædagogmedhjælper", "sosu-hjælper",     "sosu-assistent",  "sygeplejerske",
    "chauffør",      "kok",               "frisør",           "tømrer",          "murer",
    "elektriker",    "svejser",           "mekaniker",        "automekaniker",   "gartner",
    "landmand",      "pedel",             "vicevært",         "portør",          "receptionist",
    "ekspedient",    "bogholder",         "lønbogholder",     "revisor",         "ingeniør",
    "programmør",    "dagplejer",         "postbud",          "montør",          "tekniker",
    "truckfører",    "kranfører",         "smørrebrødsjomfru", "rengøringsassistent", "butiksassistent",
    "kontorassistent"};
// Heads of compound titles: "kantinemedarbejder", "lastbilchauffør", "hjemmehjælper". The head alone is
// not a title ("medarbejder", "arbejder", "hjælper").
constexpr std::array<std::string_view, 8> kCompoundTitleHeads = {"medarbejder", "arbejder",  "hjælper",  "assistent",
                                                                 "chauffør",    "tekniker",  "operatør", "montør"};
// Verbs that end in a title head.
constexpr std::array<std::string_view, 4> kTitleHeadVerbs = {"samarbejder", "bearbejder", "udarbejder", "forarbejder"};
constexpr std::array<std::string_view, 7> kInflections = {"", "en", "e", "er", "ere", "erne", "ne"};

constexpr std::array<std::string_view, 72> kPlaces = {
    "københavn",   "aarhus",      "århus",        "odense",     "aalborg",     "ålborg",      "esbjerg",
    "randers",     "kolding",     "horsens",      "vejle",      "roskilde",    "herning",     "silkeborg",
    "næstved",     "fredericia",  "viborg",       "køge",       "holstebro",   "taastrup",    "slagelse",
    "hillerød",    "sønderborg",  "svendborg",    "hjørring",   "holbæk",      "frederikshavn", "nørresundby",
    "ringsted",    "haderslev",   "skive",        "nykøbing",   "kalundborg",  "thisted",     "nyborg",
    "middelfart",  "grenaa",      "ikast",        "skanderborg", "varde",      "aabenraa",    "tønder",
    "ribe",        "odder",       "ballerup",     "glostrup",   "albertslund", "brøndby",     "hvidovre",
    "rødovre",     "gladsaxe",    "lyngby",       "herlev",     "ishøj",       "greve",       "helsingør",
    "frederiksberg", "hobro",     "korsør",       "sorø",       "vordingborg", "danmark",     "sverige",
    "norge",       "tyskland",    "polen",        "syrien",     "irak",        "afghanistan", "somalia",
    "eritrea",     "ukraine"};

// Capitalised words that are not names (normalised).
constexpr std::array<std::string_view, 9> kNotNames = {"i", "de", "dem", "deres", "jobnet", "mitid", "nemid", "e-boks",
                                                       "eboks"};

template <typename Array>
bool contains(const Array& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

template <typename Pairs>
auto lookup(const Pairs& list, std::string_view word) -> std::optional<decltype(list[0].second)> {
  for (const auto& [key, value] : list)
    if (key == word) return value;
  return std::nullopt;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool has_digit(std::string_view w) { return std::any_of(w.begin(), w.end(), is_ascii_digit); }

bool all_digits(std::string_view w) { return !w.empty() && std::all_of(w.begin(), w.end(), is_ascii_digit); }

// The value of a token of 1–2 digits, optionally with a trailing "." ("14."), else nullopt.
std::optional<int> small_digit_value(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  if (w.empty() || w.size() > 2 || !all_digits(w)) return std::nullopt;
  int v = 0;
  for (char c : w) v = v * 10 + (c - '0');
  return v;
}

// Splits "a<sep>b<sep>c" and checks each part is all digits with a length in [min_len, max_len].
bool digit_groups(std::string_view w, char sep, std::span<const std::pair<int, int>> lengths) {
  std::size_t part = 0;
  while (true) {
    const std::size_t cut = w.find(sep);
    const std::string_view piece = w.substr(0, cut);
    if (part >= lengths.size() || !all_digits(piece) || static_cast<int>(piece.size()) < lengths[part].first ||
        static_cast<int>(piece.size()) > lengths[part].second)
      return false;
    ++part;
    if (cut == std::string_view::npos) break;
    w.remove_prefix(cut + 1);
  }
  return part == lengths.size();
}

bool is_cpr_token(std::string_view w) {
  constexpr std::array<std::pair<int, int>, 2> kHyphenated = {{{6, 6}, {4, 4}}};
  if (digit_groups(w, '-', kHyphenated)) return looks_like_cpr(w);
  return w.size() == 10 && all_digits(w) && looks_like_cpr(w);
}

bool is_colon_time(std::string_view w) {
  constexpr std::array<std::pair<int, int>, 2> kHm = {{{1, 2}, {2, 2}}};
  if (!digit_groups(w, ':', kHm)) return false;
  const auto colon = w.find(':');
  return *small_digit_value(w.substr(0, colon)) <= 24 && *small_digit_value(w.substr(colon + 1)) <= 59;
}

bool is_dotted_time(std::string_view w) {
  constexpr std::array<std::pair<int, int>, 2> kHm = {{{1, 2}, {2, 2}}};
  if (!digit_groups(w, '.', kHm)) return false;
  const auto dot = w.find('.');
  return *small_digit_value(w.substr(0, dot)) <= 24 && *small_digit_value(w.substr(dot + 1)) <= 59;
}

bool is_date_token(std::string_view w) {
  constexpr std::array<std::pair<int, int>, 2> kDm = {{{1, 2}, {1, 2}}};
  constexpr std::array<std::pair<int, int>, 3> kDmy = {{{1, 2}, {1, 2}, {2, 4}}};
  constexpr std::array<std::pair<int, int>, 3> kIso = {{{4, 4}, {2, 2}, {2, 2}}};
  return digit_groups(w, '/', kDm) || digit_groups(w, '/', kDmy) || digit_groups(w, '.', kDmy) ||
         digit_groups(w, '-', kIso);
}

bool is_multiplier(std::string_view w) { return lookup(kMultipliers, w).has_value(); }
bool is_en_et(std::string_view w) { return w == "en" || w == "et" || w == "én" || w == "ét"; }
bool is_month(std::string_view w) { return contains(kMonths, w); }
bool is_currency(std::string_view w) { return contains(kCurrency, w); }
bool is_unit(std::string_view w) { return contains(kUnits, w); }

// Cardinal words other than en/et, which need context to be numbers.
bool is_plain_cardinal(std::string_view w) {
  return !is_en_et(w) && (w == "halvanden" || danish_cardinal_value(w).has_value());
}

bool is_standalone_ordinal(std::string_view w) {
  return w != "første" && w != "anden" && w != "andet" && danish_ordinal_value(w).has_value();
}

// A day of the month: ordinal word, or 1–31 in digits ("14", "14.").
bool is_day(std::string_view w) {
  if (danish_ordinal_value(w)) return true;
  const auto v = small_digit_value(w);
  return v && *v >= 1 && *v <= 31;
}

std::optional<std::int64_t> hour_value(std::string_view w) {
  if (auto v = small_digit_value(w); v && w.back() != '.') return *v;
  return danish_cardinal_value(w);
}

bool is_hour(std::string_view w, int max_hour) {
  const auto v = hour_value(w);
  return v && *v <= max_hour;
}

bool is_intervention(std::string_view w) {
  for (std::string_view stem : kInterventionStems) {
    if (w == stem) return true;
    if (stem.size() >= 6 && w.size() > stem.size() && w.substr(0, stem.size()) == stem) return true;
  }
  return false;
}

bool ends_with_title(std::string_view w, std::string_view title, bool needs_prefix) {
  for (std::string_view ending : kInflections) {
    if (w.size() < title.size() + ending.size()) continue;
    if (w.substr(w.size() - ending.size()) != ending) continue;
    const std::string_view stem = w.substr(0, w.size() - ending.size());
    if (needs_prefix) {
      // A compound needs at least four bytes before the head ("med" + "arbejder" is no compound title).
      if (stem.size() >= title.size() + 4 && stem.substr(stem.size() - title.size()) == title) return true;
    } else if (stem == title) {
      return true;
    }
  }
  return false;
}

bool is_job_title(std::string_view w) {
  if (contains(kTitleHeadVerbs, w)) return false;
  for (std::string_view t : kJobTitles)
    if (ends_with_title(w, t, false)) return true;
  for (std::string_view head : kCompoundTitleHeads)
    if (ends_with_title(w, head, true)) return true;
  return false;
}

// ---- the scanner -----------------------------------------------------------------------------------------

class Scanner {
 public:
  Scanner(std::span<const std::string> words, const PatternLexicon& lexicon) : w_(words), lex_(lexicon) {}

  std::vector<TermSpan> run() {
    std::size_t i = 0;
    while (i < w_.size()) i = step(i);
    return std::move(out_);
  }

 private:
  std::string_view at(std::size_t i) const { return i < w_.size() ? std::string_view(w_[i]) : std::string_view(); }

  std::size_t emit(const char* type, std::size_t b, std::size_t e, std::size_t cb, std::size_t ce) {
    out_.push_back(TermSpan{type, static_cast<std::int32_t>(b), static_cast<std::int32_t>(e),
                            static_cast<std::int32_t>(cb), static_cast<std::int32_t>(ce)});
    return e;
  }
  std::size_t emit(const char* type, std::size_t b, std::size_t e) { return emit(type, b, e, b, e); }

  // 1 if a year 1900–2099 in digits stands at i (after a month name), else 0.
  std::size_t year_after(std::size_t i) const {
    const std::string_view y = at(i);
    return y.size() == 4 && all_digits(y) && (y.substr(0, 2) == "19" || y.substr(0, 2) == "20") ? 1 : 0;
  }

  // Length of a clock time starting at i, after "kl"/"klokken"; 0 if none.
  std::size_t clock_time_after_kl(std::size_t i) const {
    const std::string_view a = at(i);
    if (a == "halv" && is_hour(at(i + 1), 24)) return 2;
    if (a == "kvart" && (at(i + 1) == "over" || at(i + 1) == "i") && is_hour(at(i + 2), 24)) return 3;
    if (is_colon_time(a) || is_dotted_time(a)) return 1;
    if (auto v = small_digit_value(a); v && a.back() != '.' && *v <= 24) {
      // basic splits "10:30" into "10 30": take a following two-digit minute.
      const std::string_view m = at(i + 1);
      if (m.size() == 2 && all_digits(m) && *small_digit_value(m) <= 59) return 2;
      return 1;
    }
    if (is_hour(a, 24)) return 1;
    return 0;
  }

  // Length of a clock time without "kl" ("halv elleve", "kvart i ni"); 0 if none.
  std::size_t free_clock_time(std::size_t i) const {
    const std::string_view a = at(i);
    if (a == "halv" && is_hour(at(i + 1), 12)) return 2;
    if (a == "kvart" && (at(i + 1) == "over" || at(i + 1) == "i") && is_hour(at(i + 2), 12)) return 3;
    if (is_colon_time(a)) return 1;
    return 0;
  }

  // End of the number run starting at i (exclusive), or i if no run starts there.
  std::size_t number_run_end(std::size_t i) const {
    const std::string_view a = at(i);
    const bool starts_with_digits = has_digit(a);
    if (!(starts_with_digits || is_plain_cardinal(a) || (is_en_et(a) && is_multiplier(at(i + 1))))) return i;
    std::size_t j = i + 1;
    while (j < w_.size()) {
      const std::string_view b = at(j);
      if (starts_with_digits) {
        if (!is_multiplier(b)) break;
      } else if (b == "og") {
        if (!is_multiplier(at(j - 1)) || !(is_plain_cardinal(at(j + 1)) || is_en_et(at(j + 1)))) break;
      } else if (is_en_et(b)) {
        if (at(j - 1) != "og" && !is_multiplier(at(j + 1))) break;
      } else if (!is_plain_cardinal(b)) {
        break;
      }
      ++j;
    }
    return j;
  }

  std::size_t step(std::size_t i) {
    const std::string_view a = at(i);
    const std::string_view next = at(i + 1);

    if (is_cpr_token(a)) return emit(key_term_type::kCpr, i, i + 1);
    if (a.size() == 6 && all_digits(a) && next.size() == 4 && all_digits(next) &&
        looks_like_cpr(std::string(a) + std::string(next)))
      return emit(key_term_type::kCpr, i, i + 2);

    if (a == "kl" || a == "kl." || a == "klokken") {
      if (const std::size_t len = clock_time_after_kl(i + 1))
        return emit(key_term_type::kTime, i, i + 1 + len, i + 1, i + 1 + len);
      return i + 1;
    }
    if (const std::size_t len = free_clock_time(i)) return emit(key_term_type::kTime, i, i + len);

    if (is_day(a) && is_month(next)) return emit(key_term_type::kDate, i, i + 2 + year_after(i + 2));
    if (a == "den") {
      if (is_day(next) && is_month(at(i + 2))) {
        const std::size_t end = i + 3 + year_after(i + 3);
        return emit(key_term_type::kDate, i, end, i + 1, end);
      }
      if (is_standalone_ordinal(next) || (is_day(next) && !danish_ordinal_value(next) && !is_currency(at(i + 2)) &&
                                          !is_unit(at(i + 2))))
        return emit(key_term_type::kDate, i, i + 2, i + 1, i + 2);
    }
    if (is_month(a) || contains(kWeekdays, a) || is_date_token(a)) return emit(key_term_type::kDate, i, i + 1);

    if (is_en_et(a)) {
      if (contains(kSingularUnits, next)) return emit(key_term_type::kDuration, i, i + 2);
      if (is_currency(next)) return emit(key_term_type::kAmount, i, i + 2, i, i + 1);
    }
    if (const std::size_t end = number_run_end(i); end > i) {
      if (is_currency(at(end))) return emit(key_term_type::kAmount, i, end + 1, i, end);
      if (is_unit(at(end))) return emit(key_term_type::kDuration, i, end + 1);
      return emit(key_term_type::kNumber, i, end);
    }
    if (is_standalone_ordinal(a)) return emit(key_term_type::kNumber, i, i + 1);

    if (contains(kNegations, a)) return emit(key_term_type::kNegation, i, i + 1);
    if (is_intervention(a)) return emit(key_term_type::kIntervention, i, i + 1);
    if (is_job_title(a)) return emit(key_term_type::kJobTitle, i, i + 1);
    if (contains(kPlaces, a) || lex_.places.contains(a)) return emit(key_term_type::kPlace, i, i + 1);
    if (lex_.names.contains(a)) {
      std::size_t j = i + 1;
      while (j < w_.size() && lex_.names.contains(at(j)) && !contains(kPlaces, at(j)) && !lex_.places.contains(at(j)))
        ++j;
      return emit(key_term_type::kName, i, j);
    }
    return i + 1;
  }

  std::span<const std::string> w_;
  const PatternLexicon& lex_;
  std::vector<TermSpan> out_;
};

// First code point of `s` and its length in bytes; {-1, 1} for an invalid byte.
std::pair<utf8proc_int32_t, std::size_t> first_code_point(std::string_view s) {
  utf8proc_int32_t cp = -1;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                  static_cast<utf8proc_ssize_t>(s.size()), &cp);
  if (n <= 0) return {-1, 1};
  return {cp, static_cast<std::size_t>(n)};
}

bool is_upper(utf8proc_int32_t cp) {
  if (cp < 0) return false;
  const auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool is_lower(utf8proc_int32_t cp) { return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL; }

bool is_letter(utf8proc_int32_t cp) {
  if (cp < 0) return false;
  const auto cat = utf8proc_category(cp);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

// Drops leading characters that are neither letters nor digits (quotes, brackets, dashes).
std::string_view skip_leading_punctuation(std::string_view token) {
  while (!token.empty()) {
    const auto [cp, len] = first_code_point(token);
    if (is_letter(cp) || (cp >= '0' && cp <= '9')) break;
    token.remove_prefix(len);
  }
  return token;
}

bool ends_sentence(std::string_view token) {
  while (!token.empty() && (token.back() == '"' || token.back() == ')' || token.back() == '\'' || token.back() == ']'))
    token.remove_suffix(1);
  if (token.empty()) return false;
  const char last = token.back();
  if (last == '.' || last == '!' || last == '?' || last == ':') return true;
  constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026
  return token.size() >= kEllipsis.size() && token.substr(token.size() - kEllipsis.size()) == kEllipsis;
}

std::vector<std::string_view> split_ascii_space(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < text.size() && !(text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

}  // namespace

std::optional<std::int64_t> danish_cardinal_value(std::string_view word) {
  if (auto v = lookup(kSmallCardinals, word)) return *v;
  if (auto v = lookup(kTens, word)) return *v;
  if (auto v = lookup(kMultipliers, word)) return *v;
  // Compounds "<unit>og<tens>": "enogtyve", "syvogtredive".
  const auto og = word.find("og");
  if (og != std::string_view::npos && og > 0) {
    const auto unit = lookup(kSmallCardinals, word.substr(0, og));
    const auto tens = lookup(kTens, word.substr(og + 2));
    if (unit && tens && *unit >= 1 && *unit <= 9 && word.substr(0, og) != "et" && word.substr(0, og) != "ét")
      return *tens + *unit;
  }
  return std::nullopt;
}

std::optional<int> danish_ordinal_value(std::string_view word) {
  if (auto v = lookup(kOrdinals, word)) return *v;
  if (word == "tredivte") return 30;
  if (word == "enogtredivte") return 31;
  constexpr std::string_view kTwentieth = "ogtyvende";
  if (word.size() > kTwentieth.size() && word.substr(word.size() - kTwentieth.size()) == kTwentieth) {
    const auto unit = lookup(kSmallCardinals, word.substr(0, word.size() - kTwentieth.size()));
    if (unit && *unit >= 1 && *unit <= 9 && word.substr(0, 2) != "et" && word.substr(0, 2) != "ét") return 20 + *unit;
  }
  return std::nullopt;
}

std::vector<TermSpan> find_pattern_terms(std::span<const std::string> words, const PatternLexicon& lexicon) {
  return Scanner(words, lexicon).run();
}

std::set<std::string, std::less<>> capitalised_names(std::span<const std::string> raw_segments,
                                                     const NormalizerChoice& normalizer) {
  std::set<std::string, std::less<>> capitalised, lower;
  for (const std::string& segment : raw_segments) {
    bool sentence_start = true;
    for (std::string_view token : split_ascii_space(segment)) {
      const std::string_view word = skip_leading_punctuation(token);
      if (!word.empty()) {
        const auto [first, len] = first_code_point(word);
        const auto second = first_code_point(word.substr(len)).first;
        if (is_lower(first)) {
          for (auto& w : normalize_to_words(word, normalizer.kind, normalizer.options)) lower.insert(std::move(w));
        } else if (is_upper(first) && !sentence_start && is_lower(second)) {
          for (auto& w : normalize_to_words(word, normalizer.kind, normalizer.options)) capitalised.insert(std::move(w));
        }
      }
      sentence_start = ends_sentence(token);
    }
  }
  std::set<std::string, std::less<>> names;
  for (const std::string& w : capitalised)
    if (!lower.contains(w) && !contains(kNotNames, w) && !has_digit(w)) names.insert(w);
  return names;
}

}  // namespace pb
