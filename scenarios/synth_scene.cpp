#include "scenarios/synth_scene.h"

#include <cmath>

namespace pb::synth {
namespace {

int word_count(std::string_view text) {
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool starts_with_upper(std::string_view text) {
  if (text.empty()) return false;
  const auto c = static_cast<unsigned char>(text[0]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xC3 && text.size() > 1) {
    const auto d = static_cast<unsigned char>(text[1]);
    return d == 0x86 || d == 0x98 || d == 0x85;  // Æ Ø Å
  }
  return false;
}

// Lower-cases the first letter unless the first word is a name or an abbreviation that keeps its capital.
std::string lower_first(std::string text) {
  if (!starts_with_upper(text)) return text;
  const std::size_t space = text.find_first_of(" ,.?");
  const std::string_view first_word = std::string_view(text).substr(0, space);
  static constexpr std::string_view kKeep[] = {"Jobnet", "CV", "Jobcenter", "Jobcentret", "MitID", "Danmark",
                                               "Jobnet-appen", "OK", "SU",        "FGU",        "HF",    "IGU"};
  for (auto k : kKeep)
    if (first_word == k) return text;
  if (first_word.size() > 1 && static_cast<unsigned char>(first_word[1]) >= 'A' &&
      static_cast<unsigned char>(first_word[1]) <= 'Z')
    return text;  // an abbreviation such as "OK"
  const auto c = static_cast<unsigned char>(text[0]);
  if (c >= 'A' && c <= 'Z') {
    text[0] = static_cast<char>(c - 'A' + 'a');
  } else {
    text[1] = static_cast<char>(static_cast<unsigned char>(text[1]) + 0x20);
  }
  return text;
}

// Positions of ", " outside {placeholders}, where a speaker may hesitate.
std::vector<std::size_t> comma_positions(const std::string& text) {
  std::vector<std::size_t> out;
  int depth = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}') --depth;
    if (depth == 0 && text[i] == ',' && text[i + 1] == ' ') out.push_back(i);
  }
  return out;
}

// Sentence boundaries ". X" where X starts a new sentence; "14. marts" and "kl. 10" are not boundaries.
std::vector<std::size_t> sentence_breaks(const std::string& text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const char c = text[i];
    if ((c == '.' || c == '?' || c == '!') && text[i + 1] == ' ' && starts_with_upper(std::string_view(text).substr(i + 2))) {
      if (c == '.' && i >= 2 && text.compare(i - 2, 2, "kl") == 0) continue;
      out.push_back(i + 1);
    }
  }
  return out;
}

// How a caseworker acknowledges an answer before asking the next question.
const std::vector<std::string_view>& lead_ins() {
  static const std::vector<std::string_view> k = {
      "Okay, tak for det.", "Det giver god mening.", "Godt, det noterer jeg lige.", "Det kan jeg godt forstå.",
      "Ja, det lyder fornuftigt.", "Det er godt, at du siger det.", "Tak, det er rigtig godt at vide.",
      "Okay, så har jeg styr på det.", "Mm, det er noteret.", "Det er helt forståeligt.", "Det skriver jeg lige ned.",
      "Godt, så går vi videre.", "Ja, det hænger sammen.", "Det er noget, vi kan arbejde med.", "Fint.",
      "Tak, fordi du er så ærlig.", "Nå, okay.", "Ja, jeg kan godt høre det.", "Det giver mig et godt billede.",
      "Så ved jeg det.", "Ja, lige præcis.", "Godt, det var det ene.", "Okay, det tager vi med.",
      "Ja, det er jo vigtigt at have med.", "Det lyder, som om du har tænkt over det."};
  return k;
}

// Asides a citizen adds to an answer; neutral enough to follow any topic.
const std::vector<std::string_view>& citizen_tails() {
  static const std::vector<std::string_view> k = {
      "Det har jeg tænkt meget over.", "Sådan er det i hvert fald for mig.", "Det er lidt svært at forklare.",
      "Jeg håber, det giver mening.", "Altså, det er i hvert fald sådan, jeg ser det.", "Men det må vi jo se.",
      "Jeg prøver at tage én dag ad gangen.", "Det er i hvert fald det, jeg håber.", "Men jeg er åben over for forslag.",
      "Jeg vil bare gerne videre.", "Det er lidt frustrerende, hvis jeg skal være ærlig.", "Men jeg gør, hvad jeg kan.",
      "Jeg har ikke tænkt så meget over det før nu.", "Men det er jo ikke så let.", "Det har været en lang periode.",
      "Jeg ved ikke, om det er det, du gerne vil høre.", "Det har min familie også sagt.", "Så det er lidt der, jeg er.",
      "Det fylder meget lige nu.", "Men det går fremad, synes jeg.", "Jeg skal bare lige finde ud af det."};
  return k;
}

}  // namespace

std::string Scene::take_unused(const std::vector<std::string_view>& pool, std::vector<bool>& used) {
  // No aside twice in one conversation: repetition is what makes synthetic talk sound synthetic.
  if (used.size() != pool.size()) used.assign(pool.size(), false);
  std::size_t k = rng.index(pool.size());
  for (std::size_t tries = 0; tries < pool.size() && used[k]; ++tries) k = (k + 1) % pool.size();
  if (used[k]) return {};
  used[k] = true;
  return std::string(pool[k]);
}

Scene::Scene(Rng& rng_in, Persona& persona) : rng(rng_in), p(persona) {}

std::string Scene::fill(std::string_view text) const {
  std::string out;
  out.reserve(text.size() + 32);
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      const std::size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        const std::string key(text.substr(i + 1, close - i - 1));
        const auto it = vars.find(key);
        // A missing slot is a bug in the phrase bank; leaving the braces in lets the tests catch it.
        out += it != vars.end() ? it->second : "{" + key + "}";
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string Scene::one(std::initializer_list<std::string_view> alternatives) {
  const std::size_t k = rng.index(alternatives.size());
  return fill(*(alternatives.begin() + static_cast<std::ptrdiff_t>(k)));
}

std::string Scene::decorate(Who who, std::string text) {
  if (word_count(text) < (who == Who::B ? 4 : 7)) return text;
  const bool citizen = who == Who::B;
  const bool l2 = citizen && p.second_language;
  double p_prefix = 0.12, p_hesitate = 0.06, p_tag = 0.04, p_repeat = 0.0;
  if (citizen) p_prefix = l2 ? 0.34 : 0.28, p_hesitate = l2 ? 0.26 : 0.18, p_tag = 0.05, p_repeat = 0.07;
  if (who == Who::P) p_prefix = 0.22, p_hesitate = 0.12, p_tag = 0.05, p_repeat = 0.04;
  if (who == Who::T) p_prefix = 0.03, p_hesitate = 0.03, p_tag = 0.0;

  if (rng.bernoulli(p_hesitate)) {
    const auto commas = comma_positions(text);
    if (!commas.empty()) {
      const std::size_t at = commas[rng.index(commas.size())];
      const std::string filler =
          l2 ? pick_alt(rng, ", øh, |, hvad hedder det, |, øhm, | … |, hvordan siger man, ") : pick_alt(rng, ", øh, |, øhm, | … |, altså, ");
      text.replace(at, 2, filler);
    }
  }
  if (rng.bernoulli(p_repeat)) {
    for (std::string_view w : {" jeg ", " det ", " vi ", " har "}) {
      const std::size_t at = text.find(w);
      if (at != std::string::npos) {
        text.insert(at + w.size(), std::string(w.substr(1)));
        break;
      }
    }
  }
  if (rng.bernoulli(p_tag) && text.size() > 1 && text.back() == '.') {
    text.pop_back();
    text += pick_alt(rng, ", ikke?|, ikke også?|, ikke?| … ja.");
  }
  const bool starts_no = text.rfind("Nej", 0) == 0;
  if (rng.bernoulli(p_prefix) && text[0] != '{') {
    std::string prefix;
    if (who == Who::SB)
      prefix = starts_no ? pick_alt(rng, "Øh, |Altså, ") : pick_alt(rng, "Øh, |Ja, |Okay, |Godt, |Altså, |Ja, altså |Nå, men ");
    else
      prefix = starts_no ? pick_alt(rng, "Øh, |Øhm, |Hmm, |Øh … ")
                         : pick_alt(rng, "Øh, |Øhm, |Altså, |Ja, |Jamen, |Nå, |Ja ja, |Hmm, |Ja, altså |Øh … ");
    text = prefix + lower_first(text);
  }
  return text;
}

void Scene::say(Who who, std::initializer_list<std::string_view> alternatives) {
  const std::size_t k = rng.index(alternatives.size());
  const std::string_view chosen = *(alternatives.begin() + static_cast<std::ptrdiff_t>(k));
  emit(who, fill(decorate(who, std::string(chosen))));
}

void Scene::say(Who who, std::initializer_list<std::string_view> alternatives,
                std::initializer_list<std::string_view> tails, double p_tail) {
  const std::size_t k = rng.index(alternatives.size());
  std::string text(*(alternatives.begin() + static_cast<std::ptrdiff_t>(k)));
  if (tails.size() > 0 && rng.bernoulli(p_tail)) {
    text += ' ';
    text += *(tails.begin() + static_cast<std::ptrdiff_t>(rng.index(tails.size())));
  }
  emit(who, fill(decorate(who, std::move(text))));
}

std::size_t Scene::say_pick(Who who, std::initializer_list<std::string_view> alternatives) {
  const std::size_t k = rng.index(alternatives.size());
  emit(who, fill(decorate(who, std::string(*(alternatives.begin() + static_cast<std::ptrdiff_t>(k))))));
  return k;
}

void Scene::say_plain(Who who, std::string_view text) { emit(who, fill(text)); }

void Scene::backchannel(Who who) {
  const std::string text = who == Who::SB ? pick_alt(rng, "Mm.|Ja.|Okay.|Ja, lige præcis.|Fint.|Mm, ja.|Ja ja.")
                                          : pick_alt(rng, "Mm.|Ja.|Ja ja.|Okay.|Nå.|Mm, ja.|Ja, okay.|Mm-hm.");
  emit_segment(who, text);
}

void Scene::pause(double lo, double hi) { clock_ += lo + (hi - lo) * rng.uniform01(); }

void Scene::fact(std::string type, std::string value, std::string text, std::string label) {
  facts.push_back(KeyFact{std::move(type), std::move(value), std::move(text), std::move(label)});
}

void Scene::note(Section section, std::string text) { notes[static_cast<std::size_t>(section)].push_back(std::move(text)); }

void Scene::emit(Who who, const std::string& text_in) {
  std::string text = text_in;
  const int words = word_count(text);
  if (who == Who::SB && !text.empty() && text.back() == '?' && segments.size() > 8 && last_ != Who::SB &&
      word_count(segments.back().text) > 5 && rng.bernoulli(0.4)) {
    const std::string lead = take_unused(lead_ins(), used_lead_ins_);
    if (!lead.empty()) text = lead + " " + text;
  }
  if (who == Who::B && words >= 7 && segments.size() > 12 && text.back() == '.' && rng.bernoulli(0.3)) {
    const std::string tail = take_unused(citizen_tails(), used_tails_);
    if (!tail.empty()) text += " " + tail;
  }
  // With an interpreter the citizen mostly speaks their own language; the Danish reference holds the
  // interpreter's first-person rendering, and the untranscribed original shows up as a gap before it.
  if (who == Who::B && p.interpreter && word_count(text) > 5 && !rng.bernoulli(0.15)) {
    clock_ += word_count(text) / 2.4 * (0.8 + 0.4 * rng.uniform01()) + 0.4;
    who = Who::T;
  }
  const auto breaks = sentence_breaks(text);
  if ((who == Who::SB || who == Who::B) && word_count(text) >= 22 && !breaks.empty() && rng.bernoulli(0.3)) {
    const std::size_t at = breaks[rng.index(breaks.size())];
    emit_segment(who, text.substr(0, at));
    const Who listener = who == Who::SB ? Who::B : Who::SB;
    backchannel(listener);
    emit_segment(who, text.substr(at + 1));
  } else {
    emit_segment(who, text);
  }
  if (who == Who::SB && p.interpreter && word_count(text) > 3)
    clock_ += word_count(text) / 2.6 * (0.8 + 0.4 * rng.uniform01()) + 0.3;
}

void Scene::emit_segment(Who who, const std::string& text) {
  static constexpr const char* kLabels[] = {"SB", "B", "T", "P"};
  static constexpr const char* kRoles[] = {kRoleCaseworker, kRoleCitizen, kRoleInterpreter, kRoleRelative};
  double rate = 2.75;  // words per second
  if (who == Who::B) rate = p.second_language ? 2.25 : 2.55;
  if (who == Who::T) rate = 2.6;
  if (who == Who::P) rate = 2.5;
  const int words = word_count(text);
  double gap = 0.2 + 0.6 * rng.uniform01();
  if (who != last_ && !segments.empty() && segments.back().text.back() == '?') gap += 0.5 * rng.uniform01();
  if (segments.empty()) gap = 0.5 + rng.uniform01();
  const double duration = words / rate * (0.88 + 0.24 * rng.uniform01()) + 0.15;
  // Whole centiseconds keep the times exact in JSON and strictly ordered.
  const double start = std::round((clock_ + gap) * 100.0) / 100.0;
  const double end = std::round((start + duration) * 100.0) / 100.0 + (duration < 0.01 ? 0.01 : 0.0);
  Segment s;
  s.speaker = kLabels[static_cast<int>(who)];
  s.role = kRoles[static_cast<int>(who)];
  s.start = start;
  s.end = end;
  s.text = text;
  segments.push_back(std::move(s));
  clock_ = end;
  last_ = who;
}

}  // namespace pb::synth
