#include "harness/group_suppression.h"

#include <cstdint>

namespace pb {

std::string join_group_label(const GroupKeyValues& values) {
  std::string label;
  for (const auto& v : values) label += (label.empty() ? "" : " × ") + v;
  return label;
}

std::map<std::string, SuppressionReason> hidden_groups(const std::vector<GroupKeyValues>& items, std::size_t key_count,
                                                       int min_cell_size) {
  std::map<std::string, SuppressionReason> hidden;
  if (key_count == 0 || items.empty()) return hidden;
  SuppressionOptions options;
  options.min_count = std::max(min_cell_size, 1);
  if (key_count == 2) {
    // Rows = first key's values, columns = second key's; the margins are the single-key groups a report may also show.
    std::map<std::string, std::size_t> rows, columns;
    for (const auto& item : items) rows.emplace(item[0], 0), columns.emplace(item[1], 0);
    std::size_t index = 0;
    for (auto& [value, i] : rows) i = index++;
    index = 0;
    for (auto& [value, i] : columns) i = index++;
    std::vector<std::int64_t> cells(rows.size() * columns.size(), 0);
    for (const auto& item : items) ++cells[rows.at(item[0]) * columns.size() + columns.at(item[1])];
    const auto table = suppress_two_way(rows.size(), columns.size(), cells, options);
    for (const auto& [row, r] : rows)
      for (const auto& [column, c] : columns) {
        const auto status = table.cell(r, c);
        if (is_suppressed(status) && cells[r * columns.size() + c] > 0) hidden[row + " × " + column] = status;
      }
    return hidden;
  }
  std::map<std::string, std::int64_t> counts;
  for (const auto& item : items) ++counts[join_group_label(item)];
  std::vector<std::int64_t> sizes;
  for (const auto& [label, n] : counts) sizes.push_back(n);
  const auto table = suppress_one_way(sizes, options, OneWayComplement::smallest_cell);
  std::size_t i = 0;
  for (const auto& [label, n] : counts) {
    if (is_suppressed(table.cell_status[i])) hidden[label] = table.cell_status[i];
    ++i;
  }
  return hidden;
}

std::vector<SuppressedGroup> describe_hidden_groups(const std::string& table,
                                                   const std::map<std::string, SuppressionReason>& hidden,
                                                   int min_cell_size) {
  std::vector<SuppressedGroup> out;
  for (const auto& [group, reason] : hidden) {
    SuppressedGroup g;
    g.table = table;
    g.group = group;
    g.reason = to_string(reason);
    g.explanation = reason == SuppressionReason::primary
                        ? "fewer than " + std::to_string(min_cell_size) + " in the data"
                        : "hidden as well, so that a smaller hidden group cannot be worked out from the total and "
                          "the groups shown";
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace pb
