#pragma once
// Charts drawn by gnuplot (through gnuplot-iostream) as inline SVG, so an HTML report stays one file.
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace pb {

// Bars grouped by category (x axis), one bar per series, with optional error bars.
struct BarChart {
  std::string title;
  std::string y_label;
  std::vector<std::string> categories;  // e.g. target groups
  std::vector<std::string> series;      // e.g. solutions
  // values[s][c]; NaN = no bar (suppressed or undefined)
  std::vector<std::vector<double>> values;
  std::vector<std::vector<double>> lower;  // same shape, or empty for no error bars
  std::vector<std::vector<double>> upper;
  std::optional<double> reference_line;    // e.g. the target threshold
};

// One bar of a series: its value and error bar in the chart's unit; NaN value = no bar.
struct BarValue {
  double value = std::numeric_limits<double>::quiet_NaN();
  double lower = std::numeric_limits<double>::quiet_NaN();
  double upper = std::numeric_limits<double>::quiet_NaN();
};

// Appends a series named `name` with value_of(category) for each of chart.categories.
void add_series(BarChart& chart, const std::string& name, const std::function<BarValue(const std::string&)>& value_of);

// The gnuplot script for a chart, data inline (exposed for tests).
std::string bar_chart_script(const BarChart& chart, const std::string& svg_path);

// SVG text, or nullopt when gnuplot is not installed or fails (the report then says so).
std::optional<std::string> render_bar_chart_svg(const BarChart& chart);

}  // namespace pb
