#pragma once
// A heat-map of per-group gaps (rows = grouping: group, columns = metric) drawn by gnuplot as inline SVG, like the
// charts in reports/charts.h. The colour is log2 of the ratio to the reference group on a diverging palette centred
// at 0 (equal ratios white, twice and half equally strong); cells without a ratio are drawn in fixed colours.
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace pb {

enum class HeatCellState { ratio, reference, suppressed, undefined };

struct HeatMapCell {
  HeatCellState state = HeatCellState::undefined;
  double ratio = std::numeric_limits<double>::quiet_NaN();  // coloured by log2(ratio) when state == ratio
  std::string text;      // main line, e.g. "1,12", "ref", "<5", "–"
  std::string subtext;   // second, smaller line, e.g. "0,95–1,31"; may be empty
};

struct HeatMap {
  std::string title;
  std::vector<std::string> rows;     // "target_group: ledige"
  std::vector<std::string> columns;  // metric labels
  std::vector<std::vector<HeatMapCell>> cells;  // cells[row][column]; missing cells are left blank
  std::string colour_label = "log2(ratio)";
  // |log2 ratio| where the colour saturates; the palette runs symmetrically from −limit to +limit. At least
  // `min_colour_limit` so that small gaps stay pale (the band edges, e.g. log2 1.25 ≈ 0.32, should look mild).
  double min_colour_limit = 1.0;
  char decimal_sign = '.';
};

// The symmetric colour limit the chart uses: max(min_colour_limit, largest |log2 ratio| of a ratio cell), at most 3.
double heat_map_colour_limit(const HeatMap& map);

// The gnuplot script, data inline (exposed for tests).
std::string heat_map_script(const HeatMap& map, const std::string& svg_path);

// SVG text, or nullopt when there is nothing to draw, gnuplot is not installed, or it fails.
std::optional<std::string> render_heat_map_svg(const HeatMap& map);

}  // namespace pb
