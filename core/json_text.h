#pragma once
// Helpers for talking about JSON text in messages: where a value sits (line, JSON path) and how to show
// a value briefly. Shared by every reader that reports `file:line: field: what was expected`.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace pb {

// "path.key" or "key" when path is empty.
std::string join_path(const std::string& path, const std::string& key);
// A short rendering of a JSON value for messages ("\"abc\"", "12", "an object").
std::string describe_json(const nlohmann::json& value);
// 1-based line and column of a byte offset in text.
std::pair<int, int> line_and_column(std::string_view text, std::size_t offset);

// The line on which each value in a JSON document starts, keyed by JSON path in the form used in
// problems ("solutions[1].transcription.kind"; "" for the root). Lets problems found after parsing
// point at a line. Assumes syntactically valid JSON (parse first).
std::map<std::string, int> json_path_lines(std::string_view text);

// Fills in Problem::line for problems in `file` that have a field path and no line yet, using the
// longest prefix of the path found in `lines`.
std::vector<Problem> attach_lines(std::vector<Problem> problems, const std::string& file,
                                  const std::map<std::string, int>& lines);

// The human part of an nlohmann parse error ("syntax error while parsing value - invalid literal; ...").
std::string parse_error_message(const nlohmann::json::parse_error& error);

}  // namespace pb
