#include "adapters/extractive_summariser.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include <Eigen/Dense>
#include <Eigen/Sparse>

#include "adapters/adapter_config.h"
#include "core/utf8.h"
#include "metrics/snowball_stemmer.h"
#include "metrics/text_normalize.h"

namespace pb {
namespace {

// Danish function words: pronouns, articles, auxiliaries, prepositions, conjunctions and the discourse particles
// of spoken Danish. Compared with the case-folded word before stemming.
constexpr std::string_view kStopWords[] = {
    "jeg", "du", "han", "hun", "den", "det", "vi", "i", "de", "man", "mig", "dig", "ham", "hende", "os", "jer",
    "dem", "sig", "min", "mit", "mine", "din", "dit", "dine", "sin", "sit", "sine", "hans", "hendes", "vores",
    "jeres", "deres", "vor", "en", "et", "denne", "dette", "disse", "er", "var", "være", "været", "har", "havde",
    "have", "haft", "bliver", "blev", "blive", "blevet", "kan", "kunne", "skal", "skulle", "vil", "ville", "må",
    "måtte", "bør", "får", "fik", "få", "fået", "gør", "gjorde", "gøre", "af", "på", "til", "fra", "med", "om",
    "for", "over", "under", "efter", "ved", "hos", "mod", "uden", "mellem", "gennem", "inden", "omkring", "ad",
    "ud", "ind", "op", "ned", "og", "eller", "men", "at", "som", "hvis", "når", "fordi", "mens", "så", "end", "da",
    "thi", "ikke", "nu", "her", "der", "også", "bare", "lige", "jo", "vel", "nok", "meget", "lidt", "mere", "mest",
    "kun", "allerede", "stadig", "igen", "altid", "aldrig", "måske", "nogen", "noget", "nogle", "alle", "alt",
    "anden", "andet", "andre", "hver", "hvert", "sådan", "sådanne", "selv", "hvad", "hvem", "hvor", "hvordan",
    "hvornår", "hvorfor", "hvilken", "hvilket", "hvilke", "dog", "mange", "altså", "øh", "øhm", "æh", "hm", "mm",
    "ik", "ka", "sku", "hva", "helt", "gerne", "rigtig", "godt", "ja", "nej", "okay"};

// Listener signals and courtesies: a sentence saying nothing else carries no content for a note.
constexpr std::string_view kBackchannels[] = {
    "ja", "jah", "jaja", "nej", "nå", "nåh", "jo", "okay", "ok", "okej", "mm", "mmm", "mhm", "hm", "hmm", "øh",
    "øhm", "æh", "ah", "aha", "godt", "fint", "tak", "jamen", "javel", "præcis", "netop", "klart", "super",
    "dejligt", "nemlig", "rigtigt", "rigtig", "selvfølgelig", "sikkert", "korrekt", "perfekt", "fedt", "skønt",
    "hej", "goddag", "farvel", "velkommen", "orden"};

// Words a '.' after which does not end a sentence ("kl. 10", "bl.a. Vejle").
constexpr std::string_view kAbbreviations[] = {"kl",  "ca",   "bl.a", "f.eks", "pr",  "nr",   "evt",  "jf",
                                               "hhv", "dvs",  "tlf",  "st",    "vedr", "inkl", "ekskl", "mht",
                                               "iflg", "ang", "dr",   "hr",    "fr",  "m.fl", "mfl",  "ift"};

template <std::size_t N>
std::set<std::string, std::less<>> make_set(const std::string_view (&words)[N]) {
  return std::set<std::string, std::less<>>(std::begin(words), std::end(words));
}
const std::set<std::string, std::less<>>& stop_words() {
  static const auto set = make_set(kStopWords);
  return set;
}
const std::set<std::string, std::less<>>& backchannels() {
  static const auto set = make_set(kBackchannels);
  return set;
}
const std::set<std::string, std::less<>>& abbreviations() {
  static const auto set = make_set(kAbbreviations);
  return set;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// An upper-case letter starts at text[i]: A–Z or a Latin-1 capital (À–Þ except ×), which covers Æ, Ø, Å.
bool upper_at(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xC3 && i + 1 < text.size()) {
    const auto d = static_cast<unsigned char>(text[i + 1]);
    return d >= 0x80 && d <= 0x9E && d != 0x97;
  }
  return false;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (is_space(s[b]) || s[b] == '\n')) ++b;
  while (e > b && (is_space(s[e - 1]) || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

// The word that ends just before position `end` (the '.'), for the abbreviation check.
std::string_view word_before(std::string_view text, std::size_t end) {
  std::size_t b = end;
  while (b > 0 && !is_space(text[b - 1]) && text[b - 1] != '\n' && text[b - 1] != '(') --b;
  return text.substr(b, end - b);
}

bool closes_sentence(std::string_view text, std::size_t i) {
  const char c = text[i];
  return c == '.' || c == '!' || c == '?';
}

bool closing_mark(std::string_view text, std::size_t i) {
  if (text[i] == '"' || text[i] == ')' || text[i] == '\'') return true;
  // » and ” (U+00BB, U+201D)
  return (i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2 &&
          static_cast<unsigned char>(text[i + 1]) == 0xBB) ||
         (i + 2 < text.size() && text.compare(i, 3, "\xE2\x80\x9D") == 0);
}

std::size_t closing_mark_length(std::string_view text, std::size_t i) {
  if (text[i] == '"' || text[i] == ')' || text[i] == '\'') return 1;
  return static_cast<unsigned char>(text[i]) == 0xC2 ? 2 : 3;
}

struct Candidate {
  std::string text;
  std::size_t word_count = 0;
  std::vector<std::string> terms;
};

std::vector<std::string> terms_of(const std::vector<std::string>& words, SnowballStemmer& stemmer) {
  std::vector<std::string> terms;
  for (const std::string& word : words)
    if (!stop_words().count(word)) terms.push_back(stemmer.stem(word));
  return terms;
}

// Listener signals, courtesies and remarks such as "Det skriver jeg lige ned.": fewer than two words that are neither
// stop words nor listener signals. Such sentences share one common word with many others and would otherwise
// rank as central.
bool says_little(const std::vector<std::string>& words) {
  std::size_t content = 0;
  for (const std::string& w : words)
    if (!stop_words().count(w) && !backchannels().count(w)) ++content;
  return content < 2;
}

std::vector<std::string> words_of(std::string_view sentence) {
  return normalize_to_words(sentence, NormalizerKind::basic);
}

// The first `limit` whitespace-separated words of a sentence.
std::string first_words(const std::string& sentence, std::size_t limit) {
  std::string out;
  std::size_t taken = 0, i = 0;
  while (i < sentence.size() && taken < limit) {
    while (i < sentence.size() && is_space(sentence[i])) ++i;
    std::size_t j = i;
    while (j < sentence.size() && !is_space(sentence[j])) ++j;
    if (j == i) break;
    if (!out.empty()) out += ' ';
    out.append(sentence, i, j - i);
    ++taken;
    i = j;
  }
  return out;
}

}  // namespace

std::vector<std::string> split_sentences(std::string_view text) {
  std::vector<std::string> sentences;
  auto push = [&](std::size_t begin, std::size_t end) {
    std::string sentence = trim(text.substr(begin, end - begin));
    if (!sentence.empty()) sentences.push_back(std::move(sentence));
  };
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\n') {
      push(start, i);
      start = ++i;
      continue;
    }
    if (!closes_sentence(text, i)) {
      ++i;
      continue;
    }
    const std::size_t mark = i;
    std::size_t j = i + 1;
    while (j < text.size() && (closes_sentence(text, j) || closing_mark(text, j)))
      j += closes_sentence(text, j) ? 1 : closing_mark_length(text, j);
    if (j < text.size() && !is_space(text[j]) && text[j] != '\n') {  // "5.200", "bl.a" — not an end
      i = j;
      continue;
    }
    std::size_t k = j;
    while (k < text.size() && is_space(text[k])) ++k;
    const bool at_end = k == text.size() || text[k] == '\n';
    const bool abbreviation = text[mark] == '.' && abbreviations().count(ascii_lower(word_before(text, mark)));
    if (at_end || (upper_at(text, k) && !abbreviation)) {
      push(start, j);
      start = k;
    }
    i = k > j ? k : j;
  }
  push(start, text.size());
  return sentences;
}

std::vector<std::string> sentence_terms(std::string_view sentence) {
  SnowballStemmer stemmer("danish");
  return terms_of(words_of(sentence), stemmer);
}

std::vector<double> tfidf_cosine_similarity(const std::vector<std::vector<std::string>>& terms) {
  const std::size_t n = terms.size();
  std::map<std::string, int, std::less<>> vocabulary;  // term → column
  std::vector<std::map<int, double>> counts(n);
  for (std::size_t s = 0; s < n; ++s)
    for (const std::string& term : terms[s]) {
      const auto [it, inserted] = vocabulary.try_emplace(term, static_cast<int>(vocabulary.size()));
      counts[s][it->second] += 1.0;
    }
  std::vector<double> document_frequency(vocabulary.size(), 0.0);
  for (const auto& row : counts)
    for (const auto& [column, count] : row) document_frequency[static_cast<std::size_t>(column)] += 1.0;

  std::vector<Eigen::Triplet<double>> entries;
  for (std::size_t s = 0; s < n; ++s) {
    double norm2 = 0.0;
    std::vector<std::pair<int, double>> weights;
    for (const auto& [column, count] : counts[s]) {
      const double idf =
          std::log((1.0 + static_cast<double>(n)) / (1.0 + document_frequency[static_cast<std::size_t>(column)])) +
          1.0;
      weights.emplace_back(column, count * idf);
      norm2 += (count * idf) * (count * idf);
    }
    const double norm = std::sqrt(norm2);
    for (const auto& [column, weight] : weights)
      entries.emplace_back(static_cast<int>(s), column, weight / norm);
  }
  Eigen::SparseMatrix<double, Eigen::RowMajor> x(static_cast<Eigen::Index>(n),
                                                  static_cast<Eigen::Index>(vocabulary.size()));
  x.setFromTriplets(entries.begin(), entries.end());
  const Eigen::MatrixXd cosine = Eigen::MatrixXd(x * Eigen::SparseMatrix<double, Eigen::RowMajor>(x.transpose()));

  std::vector<double> out(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      out[i * n + j] = cosine(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  return out;
}

TextRankResult textrank(const std::vector<double>& similarity, std::size_t n, double threshold, double damping,
                        int max_iterations, double tolerance) {
  TextRankResult result;
  if (n == 0) return result;
  const auto size = static_cast<Eigen::Index>(n);
  // Row-stochastic transition matrix of the thresholded graph; a sentence without edges jumps uniformly.
  Eigen::MatrixXd transition = Eigen::MatrixXd::Zero(size, size);
  for (Eigen::Index i = 0; i < size; ++i) {
    double row_sum = 0.0;
    for (Eigen::Index j = 0; j < size; ++j) {
      const double w = similarity[static_cast<std::size_t>(i) * n + static_cast<std::size_t>(j)];
      if (i != j && w > threshold) {
        transition(i, j) = w;
        row_sum += w;
      }
    }
    if (row_sum > 0.0) {
      transition.row(i) /= row_sum;
    } else {
      transition.row(i).setConstant(1.0 / static_cast<double>(n));
    }
  }
  const Eigen::MatrixXd step = damping * transition.transpose();
  const double teleport = (1.0 - damping) / static_cast<double>(n);
  Eigen::VectorXd p = Eigen::VectorXd::Constant(size, 1.0 / static_cast<double>(n));
  while (result.iterations < max_iterations) {
    Eigen::VectorXd next = step * p;
    next.array() += teleport;
    const double change = (next - p).lpNorm<1>();
    p = std::move(next);
    ++result.iterations;
    if (change < tolerance) {
      result.converged = true;
      break;
    }
  }
  result.scores.assign(p.data(), p.data() + p.size());
  return result;
}

CaseNote extractive_summary(const Transcript& source, const ExtractiveOptions& options) {
  SnowballStemmer stemmer("danish");
  std::vector<Candidate> candidates;
  for (const Segment& segment : source.segments) {
    if (!segment.role.empty() &&
        std::find(options.roles.begin(), options.roles.end(), segment.role) == options.roles.end())
      continue;
    for (std::string& sentence : split_sentences(segment.text)) {
      const std::vector<std::string> words = words_of(sentence);
      if (words.size() < options.min_words || words.empty()) continue;
      if (options.drop_backchannels && says_little(words)) continue;
      candidates.push_back({std::move(sentence), words.size(), terms_of(words, stemmer)});
    }
  }
  CaseNote note;
  if (candidates.empty()) return note;

  std::vector<std::vector<std::string>> terms;
  for (const Candidate& candidate : candidates) terms.push_back(candidate.terms);
  const TextRankResult ranked =
      textrank(tfidf_cosine_similarity(terms), candidates.size(), options.similarity_threshold, options.damping,
               options.max_iterations, options.tolerance);

  // Scores equal up to rounding noise count as ties, which go to the earlier sentence.
  std::vector<std::size_t> order(candidates.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto key = [&](std::size_t i) { return std::llround(ranked.scores[i] * 1e12); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });

  std::vector<bool> chosen(candidates.size(), false);
  std::string truncated_top;
  if (options.sentences) {
    for (std::size_t r = 0; r < std::min(*options.sentences, order.size()); ++r) chosen[order[r]] = true;
  } else {
    std::size_t used = 0;
    bool any = false;
    for (std::size_t index : order) {
      if (used + candidates[index].word_count > options.max_words) continue;
      chosen[index] = true;
      used += candidates[index].word_count;
      any = true;
    }
    if (!any) truncated_top = first_words(candidates[order.front()].text, options.max_words);
  }

  std::string text = truncated_top;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (!chosen[i]) continue;
    if (!text.empty()) text += '\n';
    text += candidates[i].text;
  }
  if (!text.empty()) note.sections.push_back({"", std::move(text)});
  return note;
}

Outcome<CaseNote> ExtractiveSummariser::summarise(const SummarisationRequest& request) {
  return Outcome<CaseNote>::success(extractive_summary(request.source, options_));
}

SummarisationAdapterPtr make_extractive_summariser(const AdapterSpec& spec, ProblemList& problems) {
  AdapterConfigReader config(spec, problems);
  config.check_keys({"max_words", "sentences", "similarity_threshold", "damping", "max_iterations", "min_words",
                     "drop_backchannels", "roles"});
  ExtractiveOptions options;
  options.max_words = static_cast<std::size_t>(config.integer("max_words", 150, 1, 100000));
  if (config.find("sentences"))
    options.sentences = static_cast<std::size_t>(config.integer("sentences", 5, 1, 100000));
  if (config.find("sentences") && config.find("max_words"))
    config.problem(config.path("sentences"), "give either \"sentences\" or \"max_words\", not both");
  // A threshold of 1 would remove every edge; damping 1 has no unique stationary vector on a disconnected graph.
  options.similarity_threshold = config.number("similarity_threshold", options.similarity_threshold, 0.0, 0.99);
  options.damping = config.number("damping", options.damping, 0.0, 0.99);
  options.max_iterations = static_cast<int>(config.integer("max_iterations", options.max_iterations, 1, 100000));
  options.min_words = static_cast<std::size_t>(config.integer("min_words", 4, 0, 1000));
  options.drop_backchannels = config.boolean("drop_backchannels", options.drop_backchannels);
  if (const nlohmann::json* roles = config.find("roles")) {
    const std::vector<std::string> known = {kRoleCaseworker, kRoleCitizen, kRoleInterpreter, kRoleRelative};
    if (!roles->is_array() || roles->empty()) {
      config.problem(config.path("roles"),
                     "expected a non-empty list of roles (caseworker, citizen, interpreter, relative), got " +
                         describe_json(*roles));
    } else {
      options.roles.clear();
      for (std::size_t i = 0; i < roles->size(); ++i) {
        const nlohmann::json& role = (*roles)[i];
        if (!role.is_string() || std::find(known.begin(), known.end(), role.get_ref<const std::string&>()) ==
                                     known.end()) {
          config.problem(config.path("roles") + "[" + std::to_string(i) + "]",
                         "expected one of caseworker|citizen|interpreter|relative, got " + describe_json(role));
        } else {
          options.roles.push_back(role.get<std::string>());
        }
      }
    }
  }
  if (!config.ok()) return nullptr;
  return std::make_unique<ExtractiveSummariser>(std::move(options));
}

}  // namespace pb
