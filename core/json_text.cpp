#include "core/json_text.h"

namespace pb {

std::string join_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::string describe_json(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::null: return "null";
    default: {
      std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      if (text.size() > 40) text = text.substr(0, 37) + "...";
      return text;
    }
  }
}

std::pair<int, int> line_and_column(std::string_view text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace pb

namespace pb {
namespace {
struct Frame {
  bool is_array;
  std::string path;
  int index;            // arrays: index of the next element
  std::string key;      // objects: key of the value being read
  bool expecting_key;   // objects: before a key
};
}  // namespace

std::map<std::string, int> json_path_lines(std::string_view text) {
  std::map<std::string, int> lines;
  std::vector<Frame> stack;
  int line = 1;
  auto current_value_path = [&]() -> std::string {
    if (stack.empty()) return "";
    const Frame& f = stack.back();
    if (f.is_array) return f.path + "[" + std::to_string(f.index) + "]";
    return f.path.empty() ? f.key : f.path + "." + f.key;
  };
  auto value_starts = [&]() {
    const std::string path = current_value_path();
    lines.emplace(path, line);
    return path;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == ':') {
      ++i;
      continue;
    }
    if (c == ',') {
      if (!stack.empty()) {
        if (stack.back().is_array)
          ++stack.back().index;
        else
          stack.back().expecting_key = true;
      }
      ++i;
      continue;
    }
    if (c == '{' || c == '[') {
      const std::string path = value_starts();
      stack.push_back({c == '[', path, 0, "", c == '{'});
      ++i;
      continue;
    }
    if (c == '}' || c == ']') {
      stack.pop_back();
      ++i;
      continue;
    }
    if (c == '"') {
      std::size_t j = i + 1;
      std::string raw;
      while (j < text.size() && text[j] != '"') {
        if (text[j] == '\\' && j + 1 < text.size()) {
          raw += text[j];
          ++j;
        }
        if (text[j] == '\n') ++line;
        raw += text[j];
        ++j;
      }
      if (!stack.empty() && !stack.back().is_array && stack.back().expecting_key) {
        // Keys with escapes are unescaped by nlohmann so they match parsed keys; plain keys (nearly all)
        // are taken as they are, which keeps this linear and cheap on large documents.
        if (raw.find('\\') == std::string::npos) {
          stack.back().key = std::move(raw);
        } else {
          try {
            stack.back().key = nlohmann::json::parse("\"" + raw + "\"").get<std::string>();
          } catch (const nlohmann::json::exception&) {
            stack.back().key = raw;
          }
        }
        stack.back().expecting_key = false;
      } else {
        value_starts();
      }
      i = j + 1;
      continue;
    }
    // number, true, false, null
    value_starts();
    while (i < text.size() && text[i] != ',' && text[i] != '}' && text[i] != ']' && text[i] != '\n' && text[i] != ' ')
      ++i;
  }
  return lines;
}

std::vector<Problem> attach_lines(std::vector<Problem> problems, const std::string& file,
                                  const std::map<std::string, int>& lines) {
  for (auto& p : problems) {
    if (p.file != file || p.line > 0) continue;
    std::string path = p.field;
    while (true) {
      if (auto it = lines.find(path); it != lines.end()) {
        p.line = it->second;
        break;
      }
      if (path.empty()) break;
      const auto cut = path.find_last_of(".[");
      path = cut == std::string::npos ? "" : path.substr(0, cut);
    }
  }
  return problems;
}

std::string parse_error_message(const nlohmann::json::parse_error& error) {
  std::string what = error.what();
  // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while ..."
  const auto column = what.find("column");
  const auto colon = what.find(": ", column == std::string::npos ? 0 : column);
  if (colon != std::string::npos) return what.substr(colon + 2);
  const auto bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}
}  // namespace pb
