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
  char decimal_sign = '.';                 // ',' for Danish axis numbers
  bool y_from_zero = true;                 // false: the y axis also shows negative bars (e.g. a negative saving)
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

// A KPI's progress across measurement points: x = the points in order, one line per series, optional
// confidence band or error bars, and horizontal target lines (pessimistic / likely / optimistic).
struct LineSeries {
  std::string name;
  std::vector<double> values;  // one per x label; NaN = no point (suppressed or not measured)
  std::vector<double> lower;   // same length, or empty for no CI
  std::vector<double> upper;
};

struct TargetLine {
  std::string label;           // e.g. "Forventet mål"
  double value = std::numeric_limits<double>::quiet_NaN();  // NaN = not drawn
  std::string colour = "#333333";
  int dash_type = 2;           // gnuplot dash type: 1 solid, 2 dashed, 3 dotted, 4 dash-dot
};

enum class CiStyle { none, band, error_bars };

struct LineChart {
  std::string title;
  std::string y_label;
  std::vector<std::string> x_labels;  // measurement points in order
  std::vector<LineSeries> series;
  std::vector<TargetLine> target_lines;
  CiStyle ci_style = CiStyle::error_bars;
  bool y_from_zero = true;            // start the y axis at 0 (minutes, shares); false lets gnuplot choose
  char decimal_sign = '.';
};

// The gnuplot script for a line chart, data inline (exposed for tests).
std::string line_chart_script(const LineChart& chart, const std::string& svg_path);

// SVG text, or nullopt when there is nothing to draw, gnuplot is not installed, or it fails.
std::optional<std::string> render_line_chart_svg(const LineChart& chart);

// Runs gnuplot on the script `script_for(svg_path)` writes, in a private temporary folder, and returns the <svg>
// element; nullopt when gnuplot is not on PATH or fails. Every chart of every report goes through it.
std::optional<std::string> gnuplot_svg(const std::function<std::string(const std::string&)>& script_for);

// gnuplot single-quoted string ('' for a quote, newlines as spaces) and a double-quoted inline-data label (quotes
// dropped, since gnuplot has no escape there).
std::string gnuplot_quoted(const std::string& text);
std::string gnuplot_data_label(const std::string& text);
// "%.6f", or NaN (read as missing with `set datafile missing 'NaN'`).
std::string gnuplot_number(double value);

}  // namespace pb
