#include "metrics/faithfulness.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/cpr.h"
#include "metrics/danish_gazetteer.h"
#include "metrics/danish_normalize.h"
#include "metrics/snowball_stemmer.h"

namespace pb {

namespace {

// Function words, the note's own register ("borger oplyser") and modal verbs: what remains are the
// content words two sentences must share to say the same thing. Negators are kept apart (kNegators).
constexpr std::string_view kStopwords[] = {
    "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "på", "de", "med", "han", "af", "for", "der",
    "var", "mig", "sig", "men", "et", "har", "om", "vi", "min", "havde", "ham", "hun", "nu", "over", "da", "fra",
    "du", "ud", "sin", "dem", "os", "op", "man", "hans", "hvor", "eller", "hvad", "skal", "selv", "her", "alle",
    "vil", "blev", "kunne", "ind", "når", "være", "dog", "noget", "ville", "jo", "deres", "efter", "ned",
    "skulle", "denne", "end", "dette", "mit", "også", "under", "have", "dig", "hende", "mine", "alt", "meget",
    "sit", "sine", "vor", "mod", "disse", "hvis", "din", "dine", "nogle", "hos", "blive", "mange", "ad", "bliver",
    "hendes", "været", "jer", "sådan", "ja", "nej", "okay", "ok", "altså", "så", "lige", "bare", "godt", "fint",
    "nok", "vel", "hej", "tak", "kan", "må", "får", "fik", "gør", "gøre", "blevet", "hvordan", "hvorfor",
    "hvornår", "hvilken", "hvilke", "hvem", "borger", "borgeren", "borgers", "oplyser", "oplyst", "pligt",
    "forpligtet", "forpligter", "aftalt", "aftales", "aftaler", "aftale", "vores", "jeres", "dit", "lidt", "rigtig", "helt", "mere", "mest", "kl", "kr", "ca", "fx", "pct", "nr", "få", "gå", "the",
    "sb", "b", "sørger", "sørge", "huske", "husk", "bedes", "samt", "ved", "fået",
    // guidance register ("Borger er vejledt om …"): says who told whom, not what
    "vejledt", "orienteret", "informeret",
    // adverbs of time and degree; Snowball also stems "tidligere" to "tid", which would match "fuld tid"
    "tidligere", "senere", "allerede", "endnu", "stadig", "igen", "altid", "snart", "gerne"};

constexpr std::array<std::string_view, 9> kNegators = {"ikke", "aldrig", "ingen", "intet", "ingenting",
                                                       "hverken", "ej", "ik", "ingenlunde"};

template <typename Range>
bool contains(const Range& range, std::string_view w) {
  return std::find(std::begin(range), std::end(range), w) != std::end(range);
}

bool is_negator(std::string_view w) { return contains(kNegators, w); }

bool is_word_like(std::string_view w) {
  return !w.empty() && std::any_of(w.begin(), w.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
  });
}

// A stretch of text (a sentence, a clause, or an obligation's clauses) with its da-normalised words, their
// content stems and, per word, the clause it stands in: a negator only negates inside its own clause.
struct Passage {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::size_t sentence = 0;          // index of the sentence it belongs to (clauses)
  std::size_t first_token = 0;       // tokens [first_token, end_token) of tokenize_with_offsets
  std::size_t end_token = 0;
  std::vector<std::string> words;    // da-normalised
  std::vector<std::string> stems;    // per word: content stem (derivation root), or empty for stopwords and negators
  std::vector<std::size_t> clause;   // per word: clause number inside the passage
  std::vector<bool> negates;         // per word: a negator that counts (not the "ikke" of a tag question)
  std::set<std::string> content;     // distinct content stems
};

class StemCache {
 public:
  const std::string& stem(const std::string& word) {
    auto found = cache_.find(word);
    if (found != cache_.end()) return found->second;
    return cache_.emplace(word, stemmer_.stem(word)).first->second;
  }

 private:
  SnowballStemmer stemmer_{"danish"};
  std::unordered_map<std::string, std::string> cache_;
};

// Snowball keeps a verb and its action noun apart ("ændrer" → ændr, "ændringer" → ændring; "ansøge" → ansøg,
// "ansøgning" → ansøgning), but a note writes the noun where the speaker used the verb ("give besked ved
// ændringer" for "hvis noget ændrer sig"). The root drops the -ning/-ing of the noun: -ning when at least four
// letters remain (ansøgning → ansøg, vejledning → vejled), else -ing when at least three remain (ændring →
// ændr, tegning → tegn, betaling → betal); "ting" and "ring" stay.
std::string derivation_root(const std::string& stem) {
  if (stem.size() >= 8 && stem.ends_with("ning")) return stem.substr(0, stem.size() - 4);
  if (stem.size() >= 6 && stem.ends_with("ing")) return stem.substr(0, stem.size() - 3);
  return stem;
}

// A clause that is only a tag question ("…, ikke?", "…, ikke også?", "…, ikke sandt?") asks for agreement;
// its "ikke" negates nothing.
bool is_tag_question(const std::vector<std::string>& words) {
  if (words.empty() || (words[0] != "ikke" && words[0] != "ik")) return false;
  return words.size() == 1 || (words.size() == 2 && (words[1] == "også" || words[1] == "sandt"));
}

// The words of tokens [first, end), normalised clause by clause (a clause starts at tokens[k].clause_start).
Passage make_passage(std::string_view text, const std::vector<TextToken>& tokens, std::size_t first, std::size_t end,
                     std::size_t sentence, StemCache& stems) {
  Passage p;
  p.first_token = first;
  p.end_token = end;
  p.sentence = sentence;
  if (first >= end) return p;
  p.offset = tokens[first].offset;
  p.length = tokens[end - 1].offset + tokens[end - 1].length - p.offset;
  std::size_t clause_number = 0;
  for (std::size_t start = first; start < end;) {
    std::size_t stop = start + 1;
    while (stop < end && !tokens[stop].clause_start) ++stop;
    const std::size_t from = tokens[start].offset;
    const std::size_t to = tokens[stop - 1].offset + tokens[stop - 1].length;
    const auto words = normalize_danish(text.substr(from, to - from), true);
    // Only a clause after another one can be a tag: "Ikke?" alone answers a question.
    const bool tag = clause_number > 0 && is_tag_question(words);
    for (const auto& w : words) {
      p.words.push_back(w);
      p.clause.push_back(clause_number);
      p.negates.push_back(is_negator(w) && !tag);
      if (!is_word_like(w) || contains(kStopwords, w) || is_negator(w)) {
        p.stems.emplace_back();
        continue;
      }
      std::string s = std::isdigit(static_cast<unsigned char>(w.front())) ? w : derivation_root(stems.stem(w));
      p.content.insert(s);
      p.stems.push_back(std::move(s));
    }
    ++clause_number;
    start = stop;
  }
  return p;
}

// Sentences, or clauses when `clauses` (a clause also breaks at , ; : – … ( ) and quotes).
std::vector<Passage> passages(std::string_view text, const std::vector<TextToken>& tokens, bool clauses, StemCache& stems) {
  std::vector<Passage> out;
  std::size_t sentence = 0;
  std::size_t start = 0;
  for (std::size_t k = 0; k <= tokens.size(); ++k) {
    const bool boundary = k == tokens.size() || (k > start && (clauses ? tokens[k].clause_start : tokens[k].sentence_start));
    if (!boundary) continue;
    if (k > start) out.push_back(make_passage(text, tokens, start, k, sentence, stems));
    if (k < tokens.size() && tokens[k].sentence_start) ++sentence;
    start = k;
  }
  return out;
}

// A negator right after a coordinating conjunction ("…, men ikke fuld tid", "lager og ikke butik") negates
// only what follows it.
bool negates_forward_only(const Passage& p, std::size_t n) {
  if (n == 0 || p.clause[n - 1] != p.clause[n]) return false;
  const std::string& before = p.words[n - 1];
  return before == "men" || before == "og" || before == "eller" || before == "samt";
}

// Whether a counting negator stands within `window` words of a word of its own clause whose stem is in
// `matched`.
bool negated_near(const Passage& p, const std::set<std::string>& matched, int window) {
  for (std::size_t n = 0; n < p.words.size(); ++n) {
    if (!p.negates[n]) continue;
    const std::size_t w = static_cast<std::size_t>(window);
    const std::size_t lo = negates_forward_only(p, n) ? n + 1 : (n >= w ? n - w : 0);
    const std::size_t hi = std::min(p.words.size(), n + w + 1);
    for (std::size_t q = lo; q < hi; ++q) {
      if (p.clause[q] == p.clause[n] && !p.stems[q].empty() && matched.contains(p.stems[q])) return true;
    }
  }
  return false;
}

std::set<std::string> intersection(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

std::string masked(std::string_view text, const Passage& p) { return mask_cpr(text.substr(p.offset, p.length)); }

// ---- numeric comparisons ---------------------------------------------------------------------------------

int day_index(std::string_view mmdd) {  // "MM-DD" or "YYYY-MM-DD" → month*31 + day
  const std::string_view md = mmdd.size() > 5 ? mmdd.substr(mmdd.size() - 5) : mmdd;
  return std::atoi(std::string(md.substr(0, 2)).c_str()) * 31 + std::atoi(std::string(md.substr(3, 2)).c_str());
}

bool same_date(std::string_view draft, std::string_view source) {
  const std::string_view d = draft.size() > 5 ? draft.substr(draft.size() - 5) : draft;
  const std::string_view s = source.size() > 5 ? source.substr(source.size() - 5) : source;
  if (d != s) return false;
  // A year counts only when both sides state one.
  return draft.size() <= 5 || source.size() <= 5 || draft.substr(0, 4) == source.substr(0, 4);
}

int clock_minutes(std::string_view hhmm) {
  return std::atoi(std::string(hhmm.substr(0, 2)).c_str()) * 60 + std::atoi(std::string(hhmm.substr(3, 2)).c_str());
}

int clock_distance(std::string_view a, std::string_view b) {  // minutes apart on a 12-hour dial
  const int d = std::abs(clock_minutes(a) - clock_minutes(b)) % 720;
  return std::min(d, 720 - d);
}

double relative_difference(std::string_view a, std::string_view b) {
  const double x = std::strtod(std::string(a).c_str(), nullptr);
  const double y = std::strtod(std::string(b).c_str(), nullptr);
  const double scale = std::max({std::fabs(x), std::fabs(y), 1.0});
  return std::fabs(x - y) / scale;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

bool is_text_type(std::string_view type) {
  return type == kAtomName || type == kAtomPlace || type == kAtomOrganisation || type == kAtomJobTitle ||
         type == kAtomIntervention || type == kAtomProperNoun;
}

bool is_critical_type(std::string_view type) { return type == kAtomDate || type == kAtomTime || type == kAtomAmount; }

std::string without_genitive(std::string_view w) {
  if (w.ends_with("'s")) return std::string(w.substr(0, w.size() - 2));
  if (w.size() > 3 && w.ends_with("s")) return std::string(w.substr(0, w.size() - 1));
  return std::string(w);
}

// ---- the source, indexed once ------------------------------------------------------------------------------

struct SourceIndex {
  std::vector<std::string> dates, times, numbers, amounts, cprs;
  std::set<std::string> gazetteer_canonicals;  // canonical of every listed phrase found
  std::vector<Atom> text_atoms;                // for the closest-name evidence
  std::vector<Passage> sentences;
  std::unordered_map<std::string, std::vector<std::size_t>> sentences_with_stem;
  std::vector<std::string> words;              // da-normalised, in order (sentence by sentence)
  std::vector<std::string> word_stems;
  std::vector<std::string> word_bases;         // without a genitive ending
  bool has_article_one = false;                // "en"/"et"/"én"/"ét" occur (the number 1 or the article)
};

SourceIndex index_source(std::string_view source, StemCache& stems) {
  SourceIndex ix;
  for (const Atom& a : extract_atoms(source)) {
    if (a.type == kAtomDate) ix.dates.push_back(a.canonical);
    else if (a.type == kAtomTime) ix.times.push_back(a.canonical);
    else if (a.type == kAtomNumber) ix.numbers.push_back(a.canonical);
    else if (a.type == kAtomAmount) ix.amounts.push_back(a.canonical);
    else if (a.type == kAtomCpr) ix.cprs.push_back(cpr_digits(source, a));
    else {
      if (a.type != kAtomProperNoun && a.type != kAtomName && a.type != kAtomPlace) ix.gazetteer_canonicals.insert(a.canonical);
      ix.text_atoms.push_back(a);
    }
  }
  const auto tokens = tokenize_with_offsets(source);
  ix.sentences = passages(source, tokens, false, stems);
  for (std::size_t s = 0; s < ix.sentences.size(); ++s) {
    for (const auto& stem : ix.sentences[s].content) ix.sentences_with_stem[stem].push_back(s);
    for (const auto& w : ix.sentences[s].words) {
      ix.words.push_back(w);
      ix.word_stems.push_back(stems.stem(w));
      ix.word_bases.push_back(without_genitive(w));
      if (w == "en" || w == "et" || w == "én" || w == "ét") ix.has_article_one = true;
    }
  }
  return ix;
}

struct Match {
  std::size_t sentence = 0;
  double overlap = 0.0;
  std::set<std::string> matched;  // content stems shared
};

// Source sentences sharing the largest share of the passage's content stems (all ties).
std::vector<Match> best_matches(const Passage& p, const SourceIndex& ix) {
  std::unordered_map<std::size_t, int> hits;
  for (const auto& stem : p.content) {
    const auto found = ix.sentences_with_stem.find(stem);
    if (found == ix.sentences_with_stem.end()) continue;
    for (const std::size_t s : found->second) ++hits[s];
  }
  int best = 0;
  for (const auto& [s, n] : hits) best = std::max(best, n);
  std::vector<Match> out;
  if (best == 0) return out;
  std::vector<std::size_t> ids;
  for (const auto& [s, n] : hits) {
    if (n == best) ids.push_back(s);
  }
  std::sort(ids.begin(), ids.end());
  for (const std::size_t s : ids) {
    out.push_back(Match{s, static_cast<double>(best) / static_cast<double>(p.content.size()),
                        intersection(p.content, ix.sentences[s].content)});
  }
  return out;
}

// An obligation is looked for in one sentence or two adjacent ones; guidance in up to four, because a
// caseworker explains a rule over several turns (the duty, the citizen's question, the answer) and the note
// sums it up in one clause.
constexpr std::size_t kObligationWindow = 2;
constexpr std::size_t kGuidanceWindow = 4;

// The best support for an obligation: one source sentence or two adjacent ones (a caseworker often
// states a duty over two sentences, and a note joins two duties with "og"). Returns the first sentence
// of the best window, its length (1 or 2) and the share of content stems found there.
struct Window {
  std::size_t first = 0;
  std::size_t count = 0;
  double overlap = 0.0;
};

Window best_window(const Passage& p, const SourceIndex& ix, std::size_t max_sentences) {
  Window best;
  if (p.content.empty()) return best;
  std::set<std::size_t> candidates;
  for (const auto& stem : p.content) {
    const auto found = ix.sentences_with_stem.find(stem);
    if (found == ix.sentences_with_stem.end()) continue;
    candidates.insert(found->second.begin(), found->second.end());
  }
  const auto covered = [&](std::size_t first, std::size_t count) {
    std::size_t n = 0;
    for (const auto& stem : p.content) {
      for (std::size_t s = first; s < first + count; ++s) {
        if (ix.sentences[s].content.contains(stem)) {
          ++n;
          break;
        }
      }
    }
    return static_cast<double>(n) / static_cast<double>(p.content.size());
  };
  for (const std::size_t s : candidates) {
    // A longer window only wins when it adds something over the shorter one, so ties keep the shorter window.
    // Windows start at a sentence that shares a stem, so every window's first sentence is a candidate.
    for (std::size_t count = 1; count <= max_sentences && s + count <= ix.sentences.size(); ++count) {
      const double share = covered(s, count);
      if (share > best.overlap) best = Window{s, count, share};
    }
  }
  return best;
}

// The best match and whether its negation differs from the passage's: a flip only when no equally good
// source sentence agrees in polarity.
struct PolarityCheck {
  std::optional<Match> match;
  bool flipped = false;
  bool draft_negated = false;
};

PolarityCheck check_polarity(const Passage& p, const SourceIndex& ix, const FaithfulnessOptions& options) {
  PolarityCheck out;
  const auto matches = best_matches(p, ix);
  if (matches.empty() || matches.front().overlap < options.content_overlap_threshold) return out;
  // One shared word of a longer clause ("svar" of "har endnu ikke fået positive svar" in "Har du fået svar på
  // det?") is too little to say the two sentences are about the same thing.
  const std::size_t needed = std::min<std::size_t>(p.content.size(), static_cast<std::size_t>(std::max(options.min_shared_content_words, 1)));
  if (matches.front().matched.size() < needed) return out;
  out.match = matches.front();
  bool disagree_all = true;
  for (const auto& m : matches) {
    const bool d = negated_near(p, m.matched, options.negation_window);
    const bool s = negated_near(ix.sentences[m.sentence], m.matched, options.negation_window);
    if (d == s) {
      disagree_all = false;
      break;
    }
  }
  if (disagree_all) {
    out.flipped = true;
    out.draft_negated = negated_near(p, out.match->matched, options.negation_window);
  }
  return out;
}

// ---- atoms ---------------------------------------------------------------------------------------------------

struct WordForms {
  std::string word, stem, base;
};

// Whether the atom's words occur in the source: word by word (stems or genitive allowed), or written as one
// compound where the other side splits it ("jobcentret" / "job centret").
bool text_in_source(const Atom& atom, const SourceIndex& ix, StemCache& stems) {
  const auto words = normalize_danish(atom.text, true);
  if (words.empty()) return false;
  std::vector<WordForms> forms;
  std::string joined;
  for (const auto& w : words) {
    forms.push_back(WordForms{w, stems.stem(w), without_genitive(w)});
    joined += w;
  }
  // Names are compared letter for letter (Mette is not Mete, though both stem to "met"); common nouns
  // such as job titles and interventions may differ in their ending ("lagerassistenten").
  const bool stem_ok = atom.type == kAtomJobTitle || atom.type == kAtomIntervention || atom.type == kAtomOrganisation;
  const std::size_t n = ix.words.size();
  for (std::size_t p = 0; p < n; ++p) {
    if (p + words.size() <= n) {
      bool all = true;
      for (std::size_t k = 0; k < words.size() && all; ++k) {
        const std::size_t q = p + k;
        all = forms[k].word == ix.words[q] || forms[k].base == ix.word_bases[q] ||
              (stem_ok && forms[k].stem == ix.word_stems[q]);
      }
      if (all) return true;
    }
    if (ix.words[p].empty() || ix.words[p].front() != joined.front()) continue;
    std::string run;
    for (std::size_t m = 0; m < 3 && p + m < n; ++m) {
      run += ix.words[p + m];
      if (run.size() > joined.size() + 2 || !joined.starts_with(run.substr(0, std::min(run.size(), joined.size())))) break;
      if (m > 0 || words.size() > 1) {
        if (run == joined || without_genitive(run) == without_genitive(joined)) return true;
      }
    }
  }
  return false;
}

template <typename Distance>
std::string closest(const std::vector<std::string>& values, std::string_view target, Distance distance) {
  std::string best;
  double best_d = 0.0;
  for (const auto& v : values) {
    const double d = distance(target, v);
    if (best.empty() || d < best_d) {
      best = v;
      best_d = d;
    }
  }
  return best;
}

AtomCheck check_atom(const Atom& atom, std::string_view draft, const SourceIndex& ix, StemCache& stems) {
  AtomCheck c{atom, false, {}};
  const std::string& v = atom.canonical;
  const auto has = [](const std::vector<std::string>& list, const std::string& x) {
    return std::find(list.begin(), list.end(), x) != list.end();
  };
  if (atom.type == kAtomDate) {
    c.supported = std::any_of(ix.dates.begin(), ix.dates.end(), [&](const std::string& s) { return same_date(v, s); });
    if (!c.supported) {
      c.evidence = closest(ix.dates, v, [](std::string_view a, std::string_view b) {
        return static_cast<double>(std::abs(day_index(a) - day_index(b)));
      });
    }
  } else if (atom.type == kAtomTime) {
    c.supported = std::any_of(ix.times.begin(), ix.times.end(), [&](const std::string& s) { return same_clock_time(v, s); });
    if (!c.supported) {
      c.evidence = closest(ix.times, v, [](std::string_view a, std::string_view b) { return static_cast<double>(clock_distance(a, b)); });
    }
  } else if (atom.type == kAtomAmount || atom.type == kAtomNumber) {
    const bool amount = atom.type == kAtomAmount;
    c.supported = has(ix.amounts, v) || has(ix.numbers, v) || (v == "1" && ix.has_article_one);
    if (!c.supported) {
      const auto& primary = amount && !ix.amounts.empty() ? ix.amounts : ix.numbers;
      c.evidence = closest(primary, v, relative_difference);
      if (c.evidence.empty()) c.evidence = closest(ix.amounts, v, relative_difference);
    }
  } else if (atom.type == kAtomCpr) {
    c.supported = has(ix.cprs, cpr_digits(draft, atom));
    if (!c.supported && !ix.cprs.empty()) c.evidence = "XXXXXX-XXXX";
  } else {
    c.supported = ix.gazetteer_canonicals.contains(v) || text_in_source(atom, ix, stems);
    if (!c.supported) {
      double best = 0.4;  // evidence only when at most 40% of the characters differ
      for (const Atom& s : ix.text_atoms) {
        const double d = static_cast<double>(edit_distance(v, s.canonical)) /
                         static_cast<double>(std::max<std::size_t>({v.size(), s.canonical.size(), 1}));
        if (d <= best && s.canonical != v) {
          best = d;
          c.evidence = s.canonical;
        }
      }
    }
  }
  return c;
}

// ---- obligations -------------------------------------------------------------------------------------------

struct Trigger {
  std::vector<std::string_view> words;
  std::string_view name;
};
const std::array<Trigger, 11> kTriggers = {{
    {{"er", "forpligtet", "til"}, "er forpligtet til"},
    {{"har", "pligt", "til"}, "har pligt til"},
    {{"aftalt", "at"}, "aftalt at"},
    {{"aftales", "at"}, "aftales at"},
    {{"forpligter", "sig"}, "forpligter sig"},
    {{"sørger", "for"}, "sørger for"},
    {{"aftalt"}, "aftalt"},
    {{"aftales"}, "aftales"},
    {{"skal"}, "skal"},
    {{"forpligtet"}, "forpligtet"},
    {{"pligt"}, "pligt"},
}};

// The first trigger found in the passage's words, with the word index where it starts.
struct TriggerAt {
  std::string_view name;
  std::size_t at = 0;
  bool agreement = false;  // an agreement made in the meeting, not a rule being explained
};

std::optional<TriggerAt> find_phrase(const Passage& p, const std::vector<std::string_view>& words) {
  for (std::size_t i = 0; i + words.size() <= p.words.size(); ++i) {
    bool all = true;
    for (std::size_t k = 0; k < words.size() && all; ++k) all = p.words[i + k] == words[k];
    if (all) return TriggerAt{{}, i, false};
  }
  return std::nullopt;
}

// The trigger that starts earliest in the passage (on a tie the longer, listed first).
std::optional<TriggerAt> obligation_trigger(const Passage& p) {
  std::optional<TriggerAt> first;
  for (const auto& t : kTriggers) {
    auto found = find_phrase(p, t.words);
    if (found && (!first || found->at < first->at)) {
      found->name = t.name;
      found->agreement = t.name.starts_with("aftal") || t.name == "forpligter sig" || t.name == "sørger for";
      first = found;
    }
  }
  return first;
}

// "Borger er vejledt om pligt til at medvirke …": the caseworker records that the citizen was told the
// rules. What follows the phrase restates the law, it is not an agreement made with the citizen.
const std::array<Trigger, 7> kGuidancePhrases = {{
    {{"vejledt", "om"}, "vejledt om"},
    {{"vejledt", "i"}, "vejledt i"},
    {{"orienteret", "om"}, "orienteret om"},
    {{"informeret", "om"}, "informeret om"},
    {{"gjort", "opmærksom", "på"}, "gjort opmærksom på"},
    {{"gjort", "bekendt", "med"}, "gjort bekendt med"},
    {{"vejledning", "om"}, "vejledning om"},
}};

std::optional<TriggerAt> guidance_phrase(const Passage& p) {
  std::optional<TriggerAt> first;
  for (const auto& g : kGuidancePhrases) {
    auto found = find_phrase(p, g.words);
    if (found && (!first || found->at < first->at)) {
      found->name = g.name;
      first = found;
    }
  }
  return first;
}

// ---- n-grams and fragments ----------------------------------------------------------------------------------

std::string ngram_key(const std::vector<std::string>& words, std::size_t at, std::size_t n) {
  std::string key;
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0) key.push_back('\x1f');
    key += words[at + k];
  }
  return key;
}

}  // namespace

std::vector<std::size_t> extractive_fragment_lengths(const std::vector<std::string>& article,
                                                     const std::vector<std::string>& summary) {
  // Words as integers, and where each occurs in the article, so the scan visits only matching positions.
  std::unordered_map<std::string, int> ids;
  std::vector<int> a;
  a.reserve(article.size());
  for (const auto& w : article) a.push_back(ids.emplace(w, static_cast<int>(ids.size())).first->second);
  std::vector<int> s;
  s.reserve(summary.size());
  for (const auto& w : summary) {
    const auto found = ids.find(w);
    s.push_back(found == ids.end() ? -1 : found->second);
  }
  std::vector<std::vector<std::size_t>> positions(ids.size());
  for (std::size_t j = 0; j < a.size(); ++j) positions[static_cast<std::size_t>(a[j])].push_back(j);

  std::vector<std::size_t> fragments;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t longest = 0;
    if (s[i] >= 0) {
      std::size_t j = 0;  // the article scan resumes after each shared run, as in the paper's Algorithm 1
      const auto& where = positions[static_cast<std::size_t>(s[i])];
      auto it = where.begin();
      while (it != where.end()) {
        const std::size_t start = *it;
        std::size_t len = 0;
        while (i + len < s.size() && start + len < a.size() && s[i + len] == a[start + len]) ++len;
        longest = std::max(longest, len);
        j = start + len;
        it = std::lower_bound(it + 1, where.end(), j);
      }
    }
    if (longest > 0) fragments.push_back(longest);
    i += std::max<std::size_t>(longest, 1);
  }
  return fragments;
}

FaithfulnessResult check_faithfulness(std::string_view draft, std::string_view source, const FaithfulnessOptions& options) {
  FaithfulnessResult r;
  StemCache stems;
  const SourceIndex ix = index_source(source, stems);

  // Atoms.
  for (const Atom& atom : extract_atoms(draft)) {
    // The job centre's own channels (jobcentret, Jobnet, e-Boks, Min Plan …) are where the note is written
    // and sent, routine context a caseworker adds without it being said, not facts of the conversation.
    if (atom.type == kAtomOrganisation && is_job_centre_channel(atom.canonical)) continue;
    AtomCheck c = check_atom(atom, draft, ix, stems);
    TypeCounts& t = r.by_type[atom.type];
    ++t.checked;
    ++r.atoms_checked;
    if (!c.supported) {
      ++t.unsupported;
      ++r.atoms_unsupported;
      if (is_critical_type(atom.type)) ++r.critical_errors;
    }
    r.atoms.push_back(std::move(c));
  }

  // Negation flips, clause by clause.
  const auto tokens = tokenize_with_offsets(draft);
  const std::vector<Passage> clauses = passages(draft, tokens, true, stems);
  for (const Passage& clause : clauses) {
    if (static_cast<int>(clause.content.size()) < std::max(options.min_content_words, 1)) continue;
    const PolarityCheck pc = check_polarity(clause, ix, options);
    if (!pc.match) continue;
    ++r.clauses_checked;
    if (pc.flipped) {
      r.flips.push_back(NegationFlip{mask_cpr(draft.substr(clause.offset, clause.length)),
                                     masked(source, ix.sentences[pc.match->sentence]), pc.draft_negated, pc.match->overlap});
    }
  }

  // Obligations and guidance. A clause starts a guidance statement when a guidance phrase ("vejledt om")
  // comes before any obligation trigger in it, else an obligation when it has a trigger. The statement runs
  // over the following clauses of its sentence up to the next clause that starts a statement; inside a
  // guidance statement a duty word (skal, pligt …) belongs to the rule being explained, only an agreement
  // trigger (aftalt, forpligter sig, sørger for) or another guidance phrase starts a new statement.
  enum class Starts { nothing, obligation, guidance };
  const auto starts = [](const Passage& clause, std::string_view* name, bool* agreement) {
    const auto g = guidance_phrase(clause);
    const auto t = obligation_trigger(clause);
    if (g && (!t || g->at < t->at)) {
      if (name) *name = g->name;
      return Starts::guidance;
    }
    if (!t) return Starts::nothing;
    if (name) *name = t->name;
    if (agreement) *agreement = t->agreement;
    return Starts::obligation;
  };
  const auto check_statement = [&](std::size_t c, std::size_t last, std::string_view name, std::size_t max_sentences) {
    const Passage span = make_passage(draft, tokens, clauses[c].first_token, clauses[last].end_token, clauses[c].sentence, stems);
    const std::size_t begin = span.offset;
    const std::size_t end = span.offset + span.length;
    ObligationCheck o;
    o.clause = mask_cpr(draft.substr(begin, end - begin));
    o.trigger = std::string(name);
    const Window w = best_window(span, ix, max_sentences);
    if (w.count > 0) {
      o.overlap = w.overlap;
      const Passage& first = ix.sentences[w.first];
      const Passage& last_sentence = ix.sentences[w.first + w.count - 1];
      o.best_source = mask_cpr(source.substr(first.offset, last_sentence.offset + last_sentence.length - first.offset));
    }
    if (span.content.empty() || o.overlap < options.content_overlap_threshold) {
      o.reason = "no source sentence";
    } else {
      for (const AtomCheck& a : r.atoms) {
        const bool inside = a.atom.offset >= begin && a.atom.offset < end;
        if (inside && !a.supported && !is_text_type(a.atom.type)) {
          o.reason = "unsupported " + a.atom.type + " " + a.atom.text;
          break;
        }
      }
      if (o.reason.empty() && check_polarity(span, ix, options).flipped) o.reason = "negation flipped";
    }
    o.supported = o.reason.empty();
    return o;
  };
  for (std::size_t c = 0; c < clauses.size(); ++c) {
    std::string_view name;
    const Starts kind = starts(clauses[c], &name, nullptr);
    if (kind == Starts::nothing) continue;
    std::size_t last = c;
    while (last + 1 < clauses.size() && clauses[last + 1].sentence == clauses[c].sentence) {
      bool agreement = false;
      const Starts next = starts(clauses[last + 1], nullptr, &agreement);
      const bool continues = next == Starts::nothing || (kind == Starts::guidance && next == Starts::obligation && !agreement);
      if (!continues) break;
      ++last;
    }
    ObligationCheck o = check_statement(c, last, name, kind == Starts::guidance ? kGuidanceWindow : kObligationWindow);
    if (kind == Starts::guidance) {
      r.guidance.push_back(std::move(o));
    } else {
      TypeCounts& t = r.by_type["obligation"];
      ++t.checked;
      if (!o.supported) {
        ++t.unsupported;
        ++r.critical_errors;
      }
      r.obligations.push_back(std::move(o));
    }
    c = last;
  }

  // Novel n-grams and extractive fragments over da-normalised words.
  std::vector<std::string> draft_words;
  for (const Passage& clause : clauses) draft_words.insert(draft_words.end(), clause.words.begin(), clause.words.end());
  for (std::size_t n = 1; n <= 3; ++n) {
    std::unordered_set<std::string> source_grams;
    for (std::size_t p = 0; p + n <= ix.words.size(); ++p) source_grams.insert(ngram_key(ix.words, p, n));
    int total = 0;
    int novel = 0;
    for (std::size_t p = 0; p + n <= draft_words.size(); ++p) {
      ++total;
      if (!source_grams.contains(ngram_key(draft_words, p, n))) ++novel;
    }
    r.draft_ngrams[n - 1] = total;
    r.novel_ngrams[n - 1] = novel;
  }
  const auto rate = [](int part, int whole) { return whole == 0 ? 0.0 : static_cast<double>(part) / whole; };
  r.novel_1 = rate(r.novel_ngrams[0], r.draft_ngrams[0]);
  r.novel_2 = rate(r.novel_ngrams[1], r.draft_ngrams[1]);
  r.novel_3 = rate(r.novel_ngrams[2], r.draft_ngrams[2]);

  r.draft_words = static_cast<int>(draft_words.size());
  for (const std::size_t f : extractive_fragment_lengths(ix.words, draft_words)) {
    r.fragment_words += static_cast<int>(f);
    r.fragment_square += static_cast<long long>(f) * static_cast<long long>(f);
  }
  r.coverage = rate(r.fragment_words, r.draft_words);
  r.density = r.draft_words == 0 ? 0.0 : static_cast<double>(r.fragment_square) / r.draft_words;
  return r;
}

}  // namespace pb
