#pragma once
// Which groups of a breakdown a report hides, decided once from the group sizes in the data so that every table,
// chart and fairness cell of a run hides the same groups: primary suppression of groups under the minimum size and
// secondary suppression (metrics/cell_suppression.h) so that no hidden group's size or figures can be recovered by
// subtracting the shown groups from the total ("alle") or, for a two-key intersection, from the row and column
// groups. Intersections of three or more keys are protected against the total only (documented limit).
#include <map>
#include <string>
#include <vector>

#include "metrics/cell_suppression.h"
#include "reports/fairness_results.h"

namespace pb {

// One item's value for each key of the grouping, in key order.
using GroupKeyValues = std::vector<std::string>;

// The hidden groups of a grouping with `key_count` keys (labels joined with " × "), with their reason; groups not
// listed are shown. Counts of 0 are not sensitive (absent groups are never listed).
std::map<std::string, SuppressionReason> hidden_groups(const std::vector<GroupKeyValues>& items, std::size_t key_count,
                                                       int min_cell_size);

// The SuppressedGroup entries of one table, in group order, with explanations in English.
std::vector<SuppressedGroup> describe_hidden_groups(const std::string& table,
                                                   const std::map<std::string, SuppressionReason>& hidden,
                                                   int min_cell_size);

// " × " between the values, the label reports use for an intersection.
std::string join_group_label(const GroupKeyValues& values);

}  // namespace pb
