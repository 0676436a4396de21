#include "metrics/note_structure.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string_view>

#include "core/cpr.h"
#include "core/json_text.h"
#include "core/utf8.h"
#include "metrics/text_normalize.h"

namespace pb {
namespace {

std::string heading_key(std::string_view title) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!title.empty() && is_space(title.front())) title.remove_prefix(1);
  while (!title.empty() && (is_space(title.back()) || title.back() == ':')) title.remove_suffix(1);
  return casefold(sanitize_utf8(title));
}

int count_words(std::string_view text) {
  return static_cast<int>(normalize_to_words(text, NormalizerKind::basic).size());
}

int count_cpr(std::string_view text) {
  // mask_cpr replaces each CPR-like number with this marker; counting new markers counts the numbers.
  static constexpr std::string_view kMarker = "XXXXXX-XXXX";
  auto occurrences = [](std::string_view s) {
    int n = 0;
    for (std::size_t at = s.find(kMarker); at != std::string_view::npos; at = s.find(kMarker, at + kMarker.size()))
      ++n;
    return n;
  };
  return occurrences(mask_cpr(text)) - occurrences(text);
}

std::optional<int> read_word_limit(const nlohmann::json& object, const std::string& key, const std::string& file,
                                   const std::string& path, ProblemList& problems) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  const bool whole = it->is_number_integer() || it->is_number_unsigned();
  if (!whole || it->get<long long>() < 0 || it->get<long long>() > 1000000) {
    problems.add(file, 0, join_path(path, key),
                 "expected a whole number of words from 0 to 1000000, got " + describe_json(*it));
    return std::nullopt;
  }
  return static_cast<int>(it->get<long long>());
}

void check_limits(std::optional<int> min_words, std::optional<int> max_words, const std::string& file,
                  const std::string& path, ProblemList& problems) {
  if (min_words && max_words && *min_words > *max_words)
    problems.add(file, 0, join_path(path, "min_words"),
                 fmt::format("expected at most max_words ({}), got {}", *max_words, *min_words));
}

void reject_unknown_keys(const nlohmann::json& object, const std::set<std::string>& allowed, const std::string& file,
                         const std::string& path, ProblemList& problems) {
  for (const auto& [key, value] : object.items()) {
    if (allowed.count(key) || key.rfind("x_", 0) == 0) continue;
    std::string expected;
    for (const auto& a : allowed) expected += (expected.empty() ? "" : ", ") + a;
    problems.add(file, 0, join_path(path, key), "unknown key; expected one of " + expected);
  }
}

std::optional<std::string> read_title(const nlohmann::json& value, const std::string& file, const std::string& path,
                                      ProblemList& problems) {
  if (!value.is_string()) {
    problems.add(file, 0, path, "expected a section title (a string), got " + describe_json(value));
    return std::nullopt;
  }
  const auto title = value.get<std::string>();
  if (!is_valid_utf8(title)) {
    problems.add(file, 0, path, "expected UTF-8 text");
    return std::nullopt;
  }
  if (heading_key(title).empty()) {
    problems.add(file, 0, path, "expected a non-empty section title");
    return std::nullopt;
  }
  return title;
}

}  // namespace

NoteTemplate default_journalnotat_template() {
  NoteTemplate t;
  t.sections = {
      {"Formål", {}, std::nullopt, std::nullopt},
      {"Borgerens situation", {}, std::nullopt, std::nullopt},
      {"Jobmål", {"Uddannelsesmål", "Mål"}, std::nullopt, std::nullopt},
      {"Aftaler", {}, std::nullopt, std::nullopt},
      {"Næste skridt", {}, std::nullopt, std::nullopt},
  };
  return t;
}

StructureResult check_note_structure(const CaseNote& note, const NoteTemplate& note_template) {
  StructureResult r;
  r.sections_required = static_cast<int>(note_template.sections.size());

  // Which rule each heading satisfies; the first rule wins if a template lists a heading twice.
  std::map<std::string, std::size_t> rule_of_heading;
  for (std::size_t i = 0; i < note_template.sections.size(); ++i) {
    const auto& rule = note_template.sections[i];
    rule_of_heading.emplace(heading_key(rule.title), i);
    for (const auto& alias : rule.aliases) rule_of_heading.emplace(heading_key(alias), i);
  }

  std::vector<int> words_per_rule(note_template.sections.size(), 0);
  std::vector<bool> seen(note_template.sections.size(), false);
  for (const auto& section : note.sections) {
    const int words = count_words(section.text);
    r.total_words += words;
    const int cpr = count_cpr(section.title) + count_cpr(section.text);
    if (cpr > 0) {
      r.cpr_found += cpr;
      r.cpr_sections.push_back(mask_cpr(section.title));
    }
    const auto it = rule_of_heading.find(heading_key(section.title));
    if (it == rule_of_heading.end()) {
      r.unexpected.push_back(mask_cpr(section.title));
      continue;
    }
    seen[it->second] = true;
    words_per_rule[it->second] += words;
  }

  for (std::size_t i = 0; i < note_template.sections.size(); ++i) {
    const auto& rule = note_template.sections[i];
    if (!seen[i]) {
      r.missing.push_back(rule.title);
      continue;
    }
    ++r.sections_present;
    const int words = words_per_rule[i];
    const int min_words = rule.min_words.value_or(1);
    if (words == 0 && min_words > 0) {
      ++r.sections_empty;
      r.empty.push_back(rule.title);
      continue;  // "empty" already says it; a min_words message would repeat it
    }
    if (rule.min_words && words < *rule.min_words)
      r.length_problems.push_back({rule.title, words, rule.min_words, std::nullopt,
                                   fmt::format("{}: {} words, expected at least {}", rule.title, words, *rule.min_words)});
    if (rule.max_words && words > *rule.max_words)
      r.length_problems.push_back({rule.title, words, std::nullopt, rule.max_words,
                                   fmt::format("{}: {} words, expected at most {}", rule.title, words, *rule.max_words)});
  }
  if (note_template.min_words && r.total_words < *note_template.min_words)
    r.length_problems.push_back(
        {"", r.total_words, note_template.min_words, std::nullopt,
         fmt::format("whole note: {} words, expected at least {}", r.total_words, *note_template.min_words)});
  if (note_template.max_words && r.total_words > *note_template.max_words)
    r.length_problems.push_back(
        {"", r.total_words, std::nullopt, note_template.max_words,
         fmt::format("whole note: {} words, expected at most {}", r.total_words, *note_template.max_words)});

  r.passes = r.missing.empty() && r.empty.empty() && r.length_problems.empty() &&
             (note_template.allow_cpr || r.cpr_found == 0);
  return r;
}

NoteTemplate parse_note_template(const nlohmann::json& value, const std::string& file, const std::string& path,
                                 ProblemList& problems) {
  NoteTemplate t;
  if (!value.is_object()) {
    problems.add(file, 0, path, "expected a note template object, got " + describe_json(value));
    return t;
  }
  reject_unknown_keys(value, {"sections", "min_words", "max_words", "allow_cpr"}, file, path, problems);
  t.min_words = read_word_limit(value, "min_words", file, path, problems);
  t.max_words = read_word_limit(value, "max_words", file, path, problems);
  check_limits(t.min_words, t.max_words, file, path, problems);
  if (const auto it = value.find("allow_cpr"); it != value.end()) {
    if (it->is_boolean()) t.allow_cpr = it->get<bool>();
    else problems.add(file, 0, join_path(path, "allow_cpr"), "expected true or false, got " + describe_json(*it));
  }

  const auto sections_path = join_path(path, "sections");
  const auto sections = value.find("sections");
  if (sections == value.end()) {
    problems.add(file, 0, sections_path, "required: the list of sections the note must have");
    return t;
  }
  if (!sections->is_array() || sections->empty()) {
    problems.add(file, 0, sections_path,
                 "expected a non-empty array of section objects, got " + describe_json(*sections));
    return t;
  }
  std::map<std::string, std::string> first_use;  // heading key → path where it was first given
  auto claim = [&](const std::string& heading, const std::string& where) {
    const auto [it, inserted] = first_use.emplace(heading_key(heading), where);
    if (!inserted)
      problems.add(file, 0, where, "heading \"" + heading + "\" is already used at " + it->second);
  };
  for (std::size_t i = 0; i < sections->size(); ++i) {
    const auto& s = (*sections)[i];
    const auto at = fmt::format("{}[{}]", sections_path, i);
    if (!s.is_object()) {
      problems.add(file, 0, at, "expected a section object with a \"title\", got " + describe_json(s));
      continue;
    }
    reject_unknown_keys(s, {"title", "aliases", "min_words", "max_words"}, file, at, problems);
    SectionRule rule;
    if (const auto title = s.find("title"); title == s.end()) {
      problems.add(file, 0, join_path(at, "title"), "required: the section's heading");
    } else if (auto read = read_title(*title, file, join_path(at, "title"), problems)) {
      rule.title = *read;
      claim(rule.title, join_path(at, "title"));
    }
    if (const auto aliases = s.find("aliases"); aliases != s.end()) {
      const auto aliases_path = join_path(at, "aliases");
      if (!aliases->is_array()) {
        problems.add(file, 0, aliases_path, "expected an array of headings, got " + describe_json(*aliases));
      } else {
        for (std::size_t k = 0; k < aliases->size(); ++k) {
          const auto alias_path = fmt::format("{}[{}]", aliases_path, k);
          if (auto read = read_title((*aliases)[k], file, alias_path, problems)) {
            rule.aliases.push_back(*read);
            claim(*read, alias_path);
          }
        }
      }
    }
    rule.min_words = read_word_limit(s, "min_words", file, at, problems);
    rule.max_words = read_word_limit(s, "max_words", file, at, problems);
    check_limits(rule.min_words, rule.max_words, file, at, problems);
    if (!rule.title.empty()) t.sections.push_back(std::move(rule));
  }
  return t;
}

nlohmann::json note_template_to_json(const NoteTemplate& note_template) {
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& rule : note_template.sections) {
    nlohmann::json s = {{"title", rule.title}};
    if (!rule.aliases.empty()) s["aliases"] = rule.aliases;
    if (rule.min_words) s["min_words"] = *rule.min_words;
    if (rule.max_words) s["max_words"] = *rule.max_words;
    sections.push_back(std::move(s));
  }
  nlohmann::json out = {{"sections", std::move(sections)}, {"allow_cpr", note_template.allow_cpr}};
  if (note_template.min_words) out["min_words"] = *note_template.min_words;
  if (note_template.max_words) out["max_words"] = *note_template.max_words;
  return out;
}

}  // namespace pb
