#include "adapters/simulated_asr_adapter.h"

#include <algorithm>
#include <limits>
#include <map>
#include <string_view>
#include <utility>

#include "adapters/adapter_config.h"
#include "core/rng.h"
#include "core/utf8.h"

namespace pb {
namespace {

constexpr double kRateCap = 0.95;

// ---- The tables. Constant data only; built once on first use (thread-safe static initialisation). ----

// Pairs of Danish words an ASR confuses: near-homophones, spoken short forms, and definite/plural forms.
constexpr std::pair<std::string_view, std::string_view> kConfusionPairs[] = {
    {"de", "det"}, {"det", "dem"}, {"de", "dem"}, {"en", "et"}, {"at", "og"}, {"og", "å"},
    {"har", "ha'"}, {"have", "ha"}, {"vil", "vel"}, {"ikke", "ik'"}, {"skal", "sku'"}, {"skulle", "sku'"},
    {"hvad", "hva'"}, {"nogen", "nogle"}, {"jobcentret", "jobcenteret"}, {"mig", "mej"}, {"dig", "dej"},
    {"sig", "sej"}, {"der", "de"}, {"hvor", "vor"}, {"hvis", "vis"}, {"hvem", "vem"}, {"lige", "lig"},
    {"også", "osse"}, {"sådan", "sån"}, {"noget", "noe"}, {"havde", "hade"}, {"blev", "ble"},
    {"give", "gi"}, {"tage", "ta"}, {"sige", "si"}, {"kan", "ka'"}, {"men", "mens"}, {"for", "før"},
    {"når", "nå"}, {"den", "denne"}, {"ham", "han"}, {"han", "hun"}, {"her", "hen"}, {"med", "ned"},
    {"til", "te"}, {"af", "a'"}, {"uge", "uger"}, {"ugen", "uge"}, {"samtale", "samtalen"},
    {"stilling", "stillinger"}, {"dagpenge", "dagpengene"}, {"a-kasse", "a-kassen"},
    {"ansøgning", "ansøgninger"}, {"praktik", "praktikken"}, {"møde", "mødet"}, {"sygemeldt", "sygemeldte"},
    {"ledig", "ledige"}, {"job", "jobbet"}, {"arbejde", "arbejdet"}, {"borger", "borgeren"}, {"godt", "got"},
    {"helt", "hel"}, {"mere", "mer"}, {"meget", "mege"}, {"selv", "sel"}, {"jo", "ja"}, {"nej", "ne"},
    {"okay", "okej"}, {"nemlig", "nemli"}, {"altså", "alså"}, {"hvordan", "vordan"}, {"hvorfor", "vorfor"},
    {"hvornår", "vornår"}, {"kommer", "kommet"}, {"komme", "kom"}, {"går", "gå"}, {"gør", "gøre"},
    {"ser", "se"}, {"er", "her"}, {"var", "vare"}, {"jeg", "je'"}, {"så", "se"}, {"bare", "ba'"},
    {"kunne", "ku'"}, {"ville", "vil'"}, {"måske", "mås'"}, {"gerne", "gern'"}, {"i", "e"}, {"på", "på'"},
};

// Compounds an ASR writes apart. Read the other way, two reference words it writes together.
constexpr std::pair<std::string_view, std::string_view> kCompoundSplits[] = {
    {"jobcentret", "job centret"}, {"jobcenteret", "job centeret"}, {"jobcenter", "job center"},
    {"jobsamtale", "job samtale"}, {"jobsamtalen", "job samtalen"}, {"sygedagpenge", "syge dagpenge"},
    {"sygemelding", "syge melding"}, {"kontanthjælp", "kontant hjælp"}, {"sagsbehandler", "sags behandler"},
    {"sagsbehandleren", "sags behandleren"}, {"virksomhedspraktik", "virksomheds praktik"},
    {"løntilskud", "løn tilskud"}, {"arbejdsløshedskasse", "arbejdsløsheds kasse"},
    {"ansøgningsfrist", "ansøgnings frist"}, {"uddannelseshjælp", "uddannelses hjælp"},
    {"jobsøgning", "job søgning"}, {"jobplan", "job plan"}, {"jobplanen", "job planen"},
    {"arbejdsmarkedet", "arbejds markedet"}, {"opfølgningssamtale", "opfølgnings samtale"},
    {"praktikplads", "praktik plads"}, {"fleksjob", "fleks job"}, {"deltidsjob", "deltids job"},
    {"jobsøgningsaktiviteter", "jobsøgnings aktiviteter"}, {"dagpengeperiode", "dagpenge periode"},
};

// Word pairs an ASR writes as one word (in addition to the reversed compound splits).
constexpr std::pair<std::string_view, std::string_view> kMerges[] = {
    {"i dag", "idag"},         {"i morgen", "imorgen"},   {"i går", "igår"},
    {"til gengæld", "tilgengæld"}, {"i stedet", "istedet"}, {"for eksempel", "foreksempel"},
    {"i forhold", "iforhold"}, {"på grund", "pågrund"},   {"i orden", "iorden"},
    {"hver uge", "hveruge"},   {"i gang", "igang"},       {"om ugen", "omugen"},
};

constexpr std::pair<std::string_view, std::string_view> kNamePairs[] = {
    {"pedersen", "petersen"}, {"hansen", "hanson"}, {"nielsen", "nilsen"}, {"andersen", "anderson"},
    {"christensen", "kristensen"}, {"larsen", "larson"}, {"sørensen", "sørrensen"}, {"rasmussen", "rasmusen"},
    {"jørgensen", "jørgenssen"}, {"madsen", "matsen"}, {"jensen", "jenssen"}, {"kristian", "christian"},
    {"karen", "karin"}, {"anne", "ane"}, {"lars", "lasse"}, {"mette", "mete"}, {"mohammed", "muhammad"},
    {"ahmed", "ahmad"}, {"fatima", "fatma"}, {"camilla", "kamilla"}, {"louise", "luise"}, {"sofie", "sophie"},
    {"mikkel", "michael"}, {"peter", "per"}, {"henrik", "henrich"}, {"thomas", "tomas"}, {"jesper", "jasper"},
    {"aarhus", "århus"}, {"aalborg", "ålborg"}, {"odense", "odensee"}, {"roskilde", "roskille"},
};

// Spelling edits that keep a word looking and sounding similar; applied when the pattern occurs.
constexpr std::pair<std::string_view, std::string_view> kWordEdits[] = {
    {"dd", "d"}, {"tt", "t"}, {"ll", "l"}, {"nn", "n"}, {"mm", "m"}, {"ss", "s"}, {"kk", "k"},
    {"pp", "p"}, {"gg", "g"}, {"nd", "n"}, {"ld", "l"}, {"rd", "r"}, {"hv", "v"}, {"hj", "j"},
    {"ig", "i"}, {"eg", "ej"}, {"ej", "aj"}, {"av", "au"}, {"æ", "e"}, {"å", "o"}, {"ds", "s"},
    {"ge", "e"}, {"ng", "n"},
};

constexpr std::pair<std::string_view, std::string_view> kNameEdits[] = {
    {"ck", "k"}, {"ph", "f"}, {"th", "t"}, {"sen", "son"}, {"ss", "s"}, {"ie", "i"}, {"aa", "å"},
    {"ch", "k"}, {"c", "k"}, {"k", "c"}, {"y", "i"}, {"tt", "t"}, {"nn", "n"}, {"ll", "l"}, {"mm", "m"},
};

constexpr std::string_view kFillers[] = {"øh", "øhm", "ja", "og", "så", "der", "altså", "jo", "hm"};

// Ordered so a neighbour is a plausible mishearing ("fjorten" ↔ "femten").
constexpr std::string_view kCardinals[] = {
    "nul", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv", "tretten",
    "fjorten", "femten", "seksten", "sytten", "atten", "nitten", "tyve", "tredive", "fyrre", "halvtreds",
    "tres", "halvfjerds", "firs", "halvfems", "hundrede", "tusind"};
constexpr std::string_view kOrdinals[] = {
    "første", "anden", "tredje", "fjerde", "femte", "sjette", "syvende", "ottende", "niende", "tiende",
    "ellevte", "tolvte", "trettende", "fjortende", "femtende", "sekstende", "syttende", "attende",
    "nittende", "tyvende"};

using Alternatives = std::map<std::string, std::vector<std::string>, std::less<>>;

template <std::size_t N>
Alternatives both_ways(const std::pair<std::string_view, std::string_view> (&pairs)[N]) {
  Alternatives table;
  for (const auto& [a, b] : pairs) {
    table[std::string(a)].emplace_back(b);
    table[std::string(b)].emplace_back(a);
  }
  return table;
}

const Alternatives& confusions() {
  static const Alternatives table = both_ways(kConfusionPairs);
  return table;
}
const Alternatives& names() {
  static const Alternatives table = both_ways(kNamePairs);
  return table;
}
const std::map<std::string, std::string, std::less<>>& splits() {
  static const auto table = [] {
    std::map<std::string, std::string, std::less<>> t;
    for (const auto& [compound, split] : kCompoundSplits) t.emplace(compound, split);
    return t;
  }();
  return table;
}
const std::map<std::string, std::string, std::less<>>& merges() {
  static const auto table = [] {
    std::map<std::string, std::string, std::less<>> t;
    for (const auto& [pair, merged] : kMerges) t.emplace(pair, merged);
    for (const auto& [compound, split] : kCompoundSplits) t.emplace(split, compound);
    return t;
  }();
  return table;
}

// ---- Text helpers. Danish letters outside ASCII are all two-byte UTF-8 sequences starting 0xC3. ----

bool is_ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_ascii_punct(unsigned char c) { return c < 0x80 && !is_ascii_alnum(c) && c != '\'' && c != '-'; }

bool starts_upper(std::string_view s) {
  if (s.empty()) return false;
  const auto c0 = static_cast<unsigned char>(s[0]);
  if (c0 >= 'A' && c0 <= 'Z') return true;
  if (c0 == 0xC3 && s.size() > 1) {
    const auto c1 = static_cast<unsigned char>(s[1]);
    return c1 >= 0x80 && c1 <= 0x9E && c1 != 0x97;
  }
  return false;
}

bool has_lower_after_first(std::string_view s) {
  for (std::size_t i = 1; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'a' && c <= 'z') return true;
    if (c == 0xC3 && i + 1 < s.size()) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      if (c1 >= 0xA0 && c1 <= 0xBE && c1 != 0xB7) return true;
    }
  }
  return false;
}

std::string capitalise(std::string s) {
  if (s.empty()) return s;
  auto& c0 = reinterpret_cast<unsigned char&>(s[0]);
  if (c0 >= 'a' && c0 <= 'z') {
    c0 = static_cast<unsigned char>(c0 - 'a' + 'A');
  } else if (c0 == 0xC3 && s.size() > 1) {
    auto& c1 = reinterpret_cast<unsigned char&>(s[1]);
    if (c1 >= 0xA0 && c1 <= 0xBE && c1 != 0xB7) c1 = static_cast<unsigned char>(c1 - 0x20);
  }
  return s;
}

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

struct Token {
  std::string prefix, core, suffix;  // punctuation around the word is kept as is
  std::string whole() const { return prefix + core + suffix; }
};

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < text.size() && !(text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) ++j;
    if (j == i) break;
    std::string_view raw = text.substr(i, j - i);
    std::size_t a = 0, b = raw.size();
    while (a < b && is_ascii_punct(static_cast<unsigned char>(raw[a]))) ++a;
    while (b > a && is_ascii_punct(static_cast<unsigned char>(raw[b - 1]))) --b;
    tokens.push_back({std::string(raw.substr(0, a)), std::string(raw.substr(a, b - a)), std::string(raw.substr(b))});
    i = j;
  }
  return tokens;
}

template <std::size_t N>
int index_of(const std::string_view (&list)[N], std::string_view word) {
  for (std::size_t i = 0; i < N; ++i)
    if (list[i] == word) return static_cast<int>(i);
  return -1;
}

bool is_number_word(std::string_view lower) {
  return index_of(kCardinals, lower) >= 0 || index_of(kOrdinals, lower) >= 0;
}

bool has_digit(std::string_view s) { return std::any_of(s.begin(), s.end(), [](char c) { return is_digit(static_cast<unsigned char>(c)); }); }

// ---- Substitutions. Each returns a word different from `lower` (case-insensitively). ----

template <std::size_t N>
std::string neighbour(const std::string_view (&list)[N], int index, Rng& rng) {
  int next = index + (rng.bernoulli(0.5) ? 1 : -1);
  if (next < 0) next = 1;
  if (next >= static_cast<int>(N)) next = static_cast<int>(N) - 2;
  return std::string(list[next]);
}

std::string nearby_number(const std::string& core, const std::string& lower, Rng& rng) {
  if (int i = index_of(kCardinals, lower); i >= 0) return neighbour(kCardinals, i, rng);
  if (int i = index_of(kOrdinals, lower); i >= 0) return neighbour(kOrdinals, i, rng);
  // Digit runs ("14", "10:30" → 10 and 30, "2.500" → 2 and 500): one run moves by one, keeping its width
  // when it was zero-padded ("09" → "08" or "10").
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // (start, length)
  for (std::size_t i = 0; i < core.size();) {
    if (!is_digit(static_cast<unsigned char>(core[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < core.size() && is_digit(static_cast<unsigned char>(core[j]))) ++j;
    runs.emplace_back(i, j - i);
    i = j;
  }
  const auto [start, length] = rng.pick(runs);
  const std::string run = core.substr(start, length);
  if (length > 18) {  // too long for an integer: change its last digit instead
    std::string out = core;
    char& last = out[start + length - 1];
    last = last == '9' ? '8' : static_cast<char>(last + 1);
    return out;
  }
  const std::int64_t value = std::stoll(run);
  std::int64_t changed = value + (rng.bernoulli(0.5) ? 1 : -1);
  if (changed < 0) changed = value + 1;
  std::string text = std::to_string(changed);
  if (run.size() > 1 && run[0] == '0' && text.size() < run.size()) text.insert(0, run.size() - text.size(), '0');
  return core.substr(0, start) + text + core.substr(start + length);
}

// Replaces one occurrence of an applicable pattern; nullopt if none applies.
template <std::size_t N>
std::optional<std::string> apply_edit(const std::pair<std::string_view, std::string_view> (&edits)[N],
                                      const std::string& lower, Rng& rng) {
  std::vector<std::pair<std::size_t, std::size_t>> applicable;  // (edit index, position)
  for (std::size_t e = 0; e < N; ++e) {
    const auto pos = lower.find(edits[e].first);
    if (pos != std::string::npos) applicable.emplace_back(e, pos);
  }
  if (applicable.empty()) return std::nullopt;
  const auto [e, pos] = rng.pick(applicable);
  std::string out = lower;
  out.replace(pos, edits[e].first.size(), edits[e].second);
  return out;
}

std::string vowel_change(const std::string& lower, Rng& rng) {
  std::vector<std::size_t> vowels;
  for (std::size_t i = 0; i < lower.size(); ++i)
    if (std::string_view("aeiouy").find(lower[i]) != std::string_view::npos) vowels.push_back(i);
  if (vowels.empty()) return lower + "e";
  std::string out = lower;
  const std::size_t pos = rng.pick(vowels);
  switch (out[pos]) {
    case 'a': out[pos] = 'e'; break;
    case 'e': out[pos] = 'a'; break;
    case 'i': out[pos] = 'e'; break;
    case 'o': out[pos] = 'u'; break;
    case 'u': out[pos] = 'o'; break;
    default: out[pos] = 'i'; break;
  }
  return out;
}

std::string similar_name(const std::string& lower, Rng& rng) {
  if (auto it = names().find(lower); it != names().end()) return rng.pick(it->second);
  if (auto edited = apply_edit(kNameEdits, lower, rng)) return *edited;
  return vowel_change(lower, rng);
}

std::string similar_word(const std::string& lower, Rng& rng) {
  if (auto it = confusions().find(lower); it != confusions().end()) return rng.pick(it->second);
  std::vector<std::string> options;
  if (auto it = splits().find(lower); it != splits().end()) options.push_back(it->second);
  if (lower.size() >= 5 && (ends_with(lower, "et") || ends_with(lower, "en") || ends_with(lower, "ne")))
    options.push_back(lower.substr(0, lower.size() - 2));
  options.push_back(apply_edit(kWordEdits, lower, rng).value_or(vowel_change(lower, rng)));
  return rng.pick(options);
}

struct WordInfo {
  std::string lower;
  bool number = false;
  bool name = false;
};

WordInfo classify(const Token& token, bool sentence_initial) {
  WordInfo info;
  info.lower = casefold(token.core);
  info.number = has_digit(token.core) || is_number_word(info.lower);
  info.name = !info.number && starts_upper(token.core) && has_lower_after_first(token.core) &&
              (!sentence_initial || names().count(info.lower) > 0);
  return info;
}

bool ends_sentence(std::string_view suffix) { return suffix.find_first_of(".!?:") != std::string_view::npos; }

std::string simulate_text(std::string_view text, const SimulatedAsrRates& rates, Rng& rng) {
  const std::vector<Token> tokens = tokenize(text);
  std::vector<std::string> out;
  bool sentence_initial = true;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.core.empty()) {
      out.push_back(token.whole());
      continue;
    }
    const WordInfo info = classify(token, sentence_initial);
    sentence_initial = ends_sentence(token.suffix);
    const bool capital = starts_upper(token.core);
    auto emit = [&](const std::string& word, const std::string& suffix) {
      out.push_back(token.prefix + (capital ? capitalise(word) : word) + suffix);
    };

    const double u = rng.uniform01();
    if (u < rates.deletion) {
      // dropped
    } else if (u < rates.deletion + rates.substitution) {
      if (info.number) {
        emit(nearby_number(token.core, info.lower, rng), token.suffix);
      } else if (info.name) {
        emit(similar_name(info.lower, rng), token.suffix);
      } else if (i + 1 < tokens.size() && !tokens[i + 1].core.empty() && token.suffix.empty() &&
                 tokens[i + 1].prefix.empty() &&
                 merges().count(info.lower + " " + casefold(tokens[i + 1].core)) > 0) {
        emit(merges().find(info.lower + " " + casefold(tokens[i + 1].core))->second, tokens[i + 1].suffix);
        sentence_initial = ends_sentence(tokens[i + 1].suffix);
        ++i;
      } else {
        emit(similar_word(info.lower, rng), token.suffix);
      }
    } else if (info.number && rng.bernoulli(rates.number)) {
      emit(nearby_number(token.core, info.lower, rng), token.suffix);
    } else if (info.name && rng.bernoulli(rates.name)) {
      emit(similar_name(info.lower, rng), token.suffix);
    } else {
      out.push_back(token.whole());
    }
    if (rng.bernoulli(rates.insertion)) out.emplace_back(kFillers[rng.index(std::size(kFillers))]);
  }
  std::string joined;
  for (const auto& word : out) {
    if (!joined.empty()) joined += ' ';
    joined += word;
  }
  return joined;
}

}  // namespace

SimulatedAsrRates effective_rates(const SimulatedAsrOptions& options, const Conversation& conversation) {
  double multiplier = 1.0;
  for (const auto& group : options.group_multipliers) {
    const std::string* value = nullptr;
    if (group.attribute == "target_group") {
      value = &conversation.target_group;
    } else if (auto it = conversation.attributes.find(group.attribute); it != conversation.attributes.end()) {
      value = &it->second;
    }
    if (value && *value == group.value) multiplier *= group.multiplier;
  }
  auto cap = [&](double rate) { return std::min(rate * multiplier, kRateCap); };
  SimulatedAsrRates rates{cap(options.substitution_rate), cap(options.deletion_rate), cap(options.insertion_rate),
                          cap(options.number_error_rate), cap(options.name_error_rate)};
  // Deletion and substitution share one draw, so together they must leave room for "correct".
  if (const double sum = rates.deletion + rates.substitution; sum > kRateCap) {
    rates.deletion *= kRateCap / sum;
    rates.substitution *= kRateCap / sum;
  }
  return rates;
}

Transcript simulate_asr(const Conversation& conversation, const SimulatedAsrOptions& options) {
  Rng rng(derive_seed(options.seed, "simulated-asr/" + conversation.id));
  const SimulatedAsrRates rates = effective_rates(options, conversation);
  Transcript transcript;
  std::map<std::string, std::string> anonymous_labels;
  for (const Segment& reference : conversation.segments) {
    Segment segment;
    segment.text = simulate_text(reference.text, rates, rng);
    if (options.speaker_labels == SpeakerLabelMode::anonymous) {
      auto [it, inserted] = anonymous_labels.try_emplace(reference.speaker, "");
      if (inserted) it->second = "spk" + std::to_string(anonymous_labels.size() - 1);
      segment.speaker = it->second;
    } else {
      segment.speaker = reference.speaker;
      segment.role = reference.role;
    }
    if (options.keep_times) {
      segment.start = reference.start;
      segment.end = reference.end;
    }
    if (!segment.text.empty()) transcript.segments.push_back(std::move(segment));
  }
  return transcript;
}

Outcome<Transcript> SimulatedAsrAdapter::transcribe(const TranscriptionRequest& request) {
  return Outcome<Transcript>::success(simulate_asr(request.conversation, options_));
}

SimulatedAsrOptions read_simulated_asr_options(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"seed", "substitution_rate", "deletion_rate", "insertion_rate", "number_error_rate",
                     "name_error_rate", "group_multipliers", "speaker_labels", "keep_times"});
  SimulatedAsrOptions options;
  options.seed = static_cast<std::uint64_t>(
      config.integer("seed", 0, 0, std::numeric_limits<std::int64_t>::max()));
  options.substitution_rate = config.number("substitution_rate", options.substitution_rate, 0.0, 1.0);
  options.deletion_rate = config.number("deletion_rate", options.deletion_rate, 0.0, 1.0);
  options.insertion_rate = config.number("insertion_rate", options.insertion_rate, 0.0, 1.0);
  options.number_error_rate = config.number("number_error_rate", options.number_error_rate, 0.0, 1.0);
  options.name_error_rate = config.number("name_error_rate", options.name_error_rate, 0.0, 1.0);
  options.speaker_labels = config.choice("speaker_labels", "reference", {"reference", "anonymous"}) == "anonymous"
                               ? SpeakerLabelMode::anonymous
                               : SpeakerLabelMode::reference;
  options.keep_times = config.boolean("keep_times", options.keep_times);

  if (const nlohmann::json* groups = config.find("group_multipliers")) {
    if (!groups->is_array()) {
      config.problem(config.path("group_multipliers"), "expected a list of {attribute, value, multiplier}, got " +
                                                           describe_json(*groups));
    } else {
      for (std::size_t i = 0; i < groups->size(); ++i) {
        const nlohmann::json& entry = (*groups)[i];
        const std::string where = config.path("group_multipliers") + "[" + std::to_string(i) + "]";
        if (!entry.is_object()) {
          config.problem(where, "expected an object {attribute, value, multiplier}, got " + describe_json(entry));
          continue;
        }
        GroupMultiplier group;
        bool valid = true;
        for (const auto& [key, value] : entry.items()) {
          if (key == "attribute" || key == "value") {
            if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
              config.problem(where + "." + key, "expected a non-empty string, got " + describe_json(value));
              valid = false;
            } else {
              (key == "attribute" ? group.attribute : group.value) = value.get<std::string>();
            }
          } else if (key == "multiplier") {
            if (!value.is_number() || !(value.get<double>() >= 0.0) || value.get<double>() > 1000.0) {
              config.problem(where + ".multiplier", "expected a number from 0 to 1000, got " + describe_json(value));
              valid = false;
            } else {
              group.multiplier = value.get<double>();
            }
          } else {
            config.problem(where + "." + key, "unknown key (known: attribute, value, multiplier)");
            valid = false;
          }
        }
        for (const char* required : {"attribute", "value", "multiplier"}) {
          if (!entry.contains(required)) {
            config.problem(where + "." + required, "missing");
            valid = false;
          }
        }
        if (valid) options.group_multipliers.push_back(std::move(group));
      }
    }
  }
  return options;
}

TranscriptionAdapterPtr make_simulated_asr_adapter(const AdapterSpec& spec, ProblemList& problems) {
  const std::size_t before = problems.size();
  SimulatedAsrOptions options = read_simulated_asr_options(spec, problems);
  if (problems.size() != before) return nullptr;
  return std::make_unique<SimulatedAsrAdapter>(std::move(options));
}

}  // namespace pb
