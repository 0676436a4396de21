#include "formats/note_text.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/files.h"
#include "core/json_text.h"
#include "core/utf8.h"
#include "formats/text_input.h"

namespace pb {
namespace {

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool consume_prefix(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

std::string title_key(std::string_view title) { return casefold(to_nfc(trim(title))); }

struct Heading {
  std::string title;  // as written in the note
  std::string rest;   // text after the heading on the same line
};

// Recognises "## Title", "**Title:** rest", "**Title**: rest", "__Title__", "Title:" and "Title: rest" where Title
// is one of the known titles. Everything else is text.
std::optional<Heading> parse_heading(std::string_view line, const std::vector<std::string>& known_keys) {
  std::string_view s = trim(line);
  while (consume_prefix(s, "#")) {
  }
  s = trim(s);
  std::string_view closing;
  if (consume_prefix(s, "**"))
    closing = "**";
  else if (consume_prefix(s, "__"))
    closing = "__";
  std::string_view title_part, rest;
  if (!closing.empty()) {
    const auto end = s.find(closing);
    if (end == std::string_view::npos) return std::nullopt;
    title_part = s.substr(0, end);
    rest = s.substr(end + closing.size());
    if (!title_part.empty() && title_part.back() == ':') title_part.remove_suffix(1);
    else consume_prefix(rest, ":");
  } else {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos) {
      title_part = s;  // a bare heading line: "Aftaler" or "## Aftaler"
    } else {
      title_part = s.substr(0, colon);
      rest = s.substr(colon + 1);
    }
  }
  const std::string key = title_key(title_part);
  if (key.empty() || std::find(known_keys.begin(), known_keys.end(), key) == known_keys.end()) return std::nullopt;
  return Heading{std::string(trim(title_part)), std::string(trim(rest))};
}

void finish_section(CaseNote& note, std::optional<NoteSection>& current, std::vector<std::string>& lines) {
  if (!current) return;
  while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
  std::size_t first = 0;
  while (first < lines.size() && trim(lines[first]).empty()) ++first;
  std::string text;
  for (std::size_t i = first; i < lines.size(); ++i) {
    if (i > first) text += '\n';
    text += std::string(trim(lines[i]).empty() ? std::string_view() : std::string_view(lines[i]));
  }
  current->text = std::string(trim(text));
  if (!(current->title.empty() && current->text.empty())) note.sections.push_back(std::move(*current));
  current.reset();
  lines.clear();
}

}  // namespace

const std::vector<std::string>& default_note_titles() {
  static const std::vector<std::string> titles = {
      "Formål", "Borgerens situation", "Jobmål", "Uddannelsesmål", "Mål", "Aftaler", "Næste skridt",
      "Deltagere", "Resumé", "Helbred", "Vurdering", "Beskæftigelsesrettet indsats", "Indsats", "Opfølgning"};
  return titles;
}

const std::vector<std::string>& journalnotat_section_titles() {
  static const std::vector<std::string> titles = {"Formål", "Borgerens situation", "Jobmål", "Aftaler", "Næste skridt"};
  return titles;
}

CaseNote parse_note_text(std::string_view text, const std::vector<std::string>& known_titles) {
  std::vector<std::string> keys;
  keys.reserve(known_titles.size());
  for (const auto& t : known_titles) keys.push_back(title_key(t));
  CaseNote note;
  std::optional<NoteSection> current = NoteSection{};
  std::vector<std::string> lines;
  std::size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (auto heading = parse_heading(line, keys)) {
      finish_section(note, current, lines);
      current = NoteSection{heading->title, {}};
      if (!heading->rest.empty()) lines.push_back(heading->rest);
    } else {
      lines.emplace_back(line);
    }
    if (end == text.size()) break;
    pos = end + 1;
  }
  finish_section(note, current, lines);
  return note;
}

std::string note_to_text(const CaseNote& note) {
  std::string out;
  for (const auto& s : note.sections) {
    if (!out.empty()) out += "\n";
    if (!s.title.empty()) out += s.title + ":\n";
    out += s.text;
    out += "\n";
  }
  return out;
}

std::string note_body(const CaseNote& note) {
  std::string out;
  for (const auto& s : note.sections) {
    if (s.text.empty()) continue;
    if (!out.empty()) out += '\n';
    out += s.text;
  }
  return out;
}

CaseNote parse_note_json(std::string_view json_text, const std::string& source_name) {
  formats_detail::require_utf8(json_text, source_name);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    const auto [line, column] = line_and_column(json_text, e.byte > 0 ? e.byte - 1 : 0);
    throw InputError(Problem{source_name, line, "", "column " + std::to_string(column) + ": " + parse_error_message(e)});
  }
  const auto lines = json_path_lines(json_text);
  ProblemList problems;
  // A missing key has no line of its own; the object that lacks it has.
  auto problem = [&](const std::string& path, std::string message) {
    std::string at = path;
    auto it = lines.find(at);
    while (it == lines.end() && !at.empty()) {
      const auto cut = at.find_last_of(".[");
      at = cut == std::string::npos ? std::string() : at.substr(0, cut);
      it = lines.find(at);
    }
    problems.add(source_name, it == lines.end() ? 1 : it->second, path, std::move(message));
  };
  CaseNote note;
  if (!doc.is_object()) {
    problem("", "expected a note object {\"kind\": …, \"sections\": [{\"title\": …, \"text\": …}]}, got " + describe_json(doc));
    problems.throw_if_any();
  }
  for (const auto& [key, value] : doc.items())
    if (key != "kind" && key != "sections" && key.rfind("x_", 0) != 0) problem(key, "unknown key (expected kind, sections)");
  if (auto it = doc.find("kind"); it != doc.end()) {
    if (!it->is_string() || (*it != "journalnotat" && *it != "referat"))
      problem("kind", "expected \"journalnotat\" or \"referat\", got " + describe_json(*it));
    else
      note.kind = it->get<std::string>();
  }
  const auto sections = doc.find("sections");
  if (sections == doc.end() || !sections->is_array()) {
    problem(sections == doc.end() ? "" : "sections",
            "expected \"sections\": an array of {\"title\", \"text\"}" +
                (sections == doc.end() ? std::string() : ", got " + describe_json(*sections)));
  } else {
    for (std::size_t i = 0; i < sections->size(); ++i) {
      const auto path = "sections[" + std::to_string(i) + "]";
      const auto& s = (*sections)[i];
      if (!s.is_object()) {
        problem(path, "expected an object with title and text, got " + describe_json(s));
        continue;
      }
      NoteSection section;
      for (const char* key : {"title", "text"}) {
        const auto it = s.find(key);
        if (it == s.end() || !it->is_string()) {
          problem(path + "." + key, std::string("expected a string") + (it == s.end() ? "" : ", got " + describe_json(*it)));
          continue;
        }
        (std::string_view(key) == "title" ? section.title : section.text) = it->get<std::string>();
      }
      for (const auto& [key, value] : s.items())
        if (key != "title" && key != "text" && key.rfind("x_", 0) != 0) problem(path + "." + key, "unknown key (expected title, text)");
      note.sections.push_back(std::move(section));
    }
  }
  problems.throw_if_any();
  return note;
}

std::string note_to_json(const CaseNote& note) {
  nlohmann::ordered_json doc;
  doc["kind"] = note.kind;
  doc["sections"] = nlohmann::ordered_json::array();
  for (const auto& s : note.sections) doc["sections"].push_back({{"title", s.title}, {"text", s.text}});
  return doc.dump();
}

NoteFileText read_note_file_and_text(const std::filesystem::path& path, const std::vector<std::string>& known_titles) {
  NoteFileText file;
  std::string text = read_file(path);
  const std::string name = path.string();
  const std::string extension = formats_detail::lowercase_ascii(path.extension().string());
  if (extension == ".json") {
    file.note = parse_note_json(text, name);
    file.text = note_body(file.note);
    return file;
  }
  formats_detail::require_utf8(text, name);
  file.note = parse_note_text(text, known_titles);
  file.text = extension == ".txt" ? std::move(text) : note_body(file.note);
  return file;
}

CaseNote read_note_file(const std::filesystem::path& path, const std::vector<std::string>& known_titles) {
  return read_note_file_and_text(path, known_titles).note;
}

}  // namespace pb
