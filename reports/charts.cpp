#include "reports/charts.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>
#include <gnuplot-iostream.h>

#include "core/files.h"

namespace pb {

void add_series(BarChart& chart, const std::string& name, const std::function<BarValue(const std::string&)>& value_of) {
  chart.series.push_back(name);
  std::vector<double> values, lower, upper;
  for (const auto& category : chart.categories) {
    const BarValue v = value_of(category);
    values.push_back(v.value);
    lower.push_back(v.lower);
    upper.push_back(v.upper);
  }
  chart.values.push_back(std::move(values));
  chart.lower.push_back(std::move(lower));
  chart.upper.push_back(std::move(upper));
}
namespace {

bool gnuplot_on_path() {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (!dir.empty() && ::access((std::filesystem::path(dir) / "gnuplot").c_str(), X_OK) == 0) return true;
  }
  return false;
}

constexpr const char* kColours[] = {"#1f5fa8", "#e0832a", "#3a9d5d", "#8e44ad", "#c0392b", "#7f8c8d", "#16a085",
                                    "#d35400"};

}  // namespace

std::string gnuplot_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "''";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out + "'";
}

std::string gnuplot_data_label(const std::string& text) {
  std::string out = "\"";
  for (char c : text)
    if (c != '"' && c != '\n') out += c;
  return out + "\"";
}

std::string gnuplot_number(double value) { return std::isfinite(value) ? fmt::format("{:.6f}", value) : "NaN"; }

std::optional<std::string> gnuplot_svg(const std::function<std::string(const std::string&)>& script_for) {
  if (!gnuplot_on_path()) return std::nullopt;
  // The folder is named after this call's own stack address, so concurrent charts of one process never share it.
  const auto dir = std::filesystem::temp_directory_path() /
                   fmt::format("pilotbench-chart-{}-{}", ::getpid(), reinterpret_cast<std::uintptr_t>(&script_for));
  create_private_directories(dir);
  const auto svg_path = dir / "chart.svg";
  try {
    {
      Gnuplot gp("gnuplot 2>/dev/null");
      gp << script_for(svg_path.string());
      gp.flush();
    }  // closing the pipe waits for gnuplot to finish
    std::string svg = read_file(svg_path);
    std::filesystem::remove_all(dir);
    const auto start = svg.find("<svg");
    if (start == std::string::npos) return std::nullopt;
    return svg.substr(start);
  } catch (const std::exception&) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return std::nullopt;
  }
}

std::string bar_chart_script(const BarChart& chart, const std::string& svg_path) {
  const bool error_bars = !chart.lower.empty() && !chart.upper.empty();
  std::string script;
  script += fmt::format("set terminal svg size 860,380 dynamic font 'Sans,11' background rgb 'white'\n");
  script += "set output " + gnuplot_quoted(svg_path) + "\n";
  // noenhanced: group names like target_group must not turn "_" into a subscript.
  script += "set termoption noenhanced\nset encoding utf8\nset title " + gnuplot_quoted(chart.title) + "\n";
  script += "set ylabel " + gnuplot_quoted(chart.y_label) + "\n";
  script += "set style data histograms\nset boxwidth 0.9\nset style fill solid 0.85 border -1\n";
  script += error_bars ? "set style histogram errorbars gap 2 lw 1\n" : "set style histogram clustered gap 2\n";
  if (chart.y_from_zero) {
    script += "set yrange [0:*]\n";
  } else {
    // Zero stays on the axis (a bar that starts above zero would exaggerate differences), and room is made below
    // it for negative bars and error bars.
    double lowest = 0.0, highest = 0.0;
    for (const auto* table : {&chart.values, &chart.lower, &chart.upper})
      for (const auto& series : *table)
        for (double v : series)
          if (std::isfinite(v)) {
            lowest = std::min(lowest, v);
            highest = std::max(highest, v);
          }
    const double pad = 0.05 * (highest - lowest);
    script += highest > 0.0 ? fmt::format("set yrange [{}:*]\n", gnuplot_number(lowest < 0.0 ? lowest - pad : 0.0))
                            : fmt::format("set yrange [{}:0]\n", gnuplot_number(lowest - pad));
    script += "set xzeroaxis lt -1\n";
  }
  script += "set grid ytics lc rgb '#dddddd'\nset key outside right top\n";
  script += "set xtics rotate by -25 scale 0\nset datafile missing 'NaN'\n";
  if (chart.decimal_sign != '.') script += "set decimalsign " + gnuplot_quoted(std::string(1, chart.decimal_sign)) + "\n";
  if (chart.reference_line)
    script += fmt::format("set arrow from graph 0, first {0} to graph 1, first {0} nohead dt 2 lw 2 lc rgb '#b00020'\n",
                          gnuplot_number(*chart.reference_line));
  script += "$data << EOD\n";
  for (std::size_t c = 0; c < chart.categories.size(); ++c) {
    script += gnuplot_data_label(chart.categories[c]);
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      script += " " + gnuplot_number(chart.values[s][c]);
      if (error_bars) script += " " + gnuplot_number(chart.lower[s][c]) + " " + gnuplot_number(chart.upper[s][c]);
    }
    script += "\n";
  }
  script += "EOD\nplot ";
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    if (s) script += ", ";
    const std::size_t col = error_bars ? 2 + 3 * s : 2 + s;
    if (error_bars)
      script += fmt::format("$data using {}:{}:{}:xtic(1) title {} lc rgb '{}'", col, col + 1, col + 2,
                            gnuplot_quoted(chart.series[s]), kColours[s % 8]);
    else
      script += fmt::format("$data using {}:xtic(1) title {} lc rgb '{}'", col, gnuplot_quoted(chart.series[s]), kColours[s % 8]);
  }
  script += "\nset output\n";
  return script;
}

std::optional<std::string> render_bar_chart_svg(const BarChart& chart) {
  if (chart.categories.empty() || chart.series.empty()) return std::nullopt;
  return gnuplot_svg([&](const std::string& svg_path) { return bar_chart_script(chart, svg_path); });
}

std::string line_chart_script(const LineChart& chart, const std::string& svg_path) {
  const std::size_t n = chart.x_labels.size();
  std::string script;
  script += "set terminal svg size 860,340 dynamic font 'Sans,11' background rgb 'white'\n";
  script += "set output " + gnuplot_quoted(svg_path) + "\n";
  script += "set termoption noenhanced\nset encoding utf8\nset title " + gnuplot_quoted(chart.title) + "\n";
  script += "set ylabel " + gnuplot_quoted(chart.y_label) + "\n";
  if (chart.decimal_sign != '.') script += "set decimalsign " + gnuplot_quoted(std::string(1, chart.decimal_sign)) + "\n";
  script += "set grid ytics lc rgb '#dddddd'\nset key outside right top\nset datafile missing 'NaN'\n";
  // One unit per measurement point, with half a unit of air on each side so the first and last points are not
  // drawn on the frame.
  script += fmt::format("set xrange [-0.5:{}]\nset xtics (", gnuplot_number(static_cast<double>(n) - 0.5));
  for (std::size_t i = 0; i < n; ++i) script += fmt::format("{}{} {}", i ? ", " : "", gnuplot_quoted(chart.x_labels[i]), i);
  script += ") scale 0\n";
  if (chart.y_from_zero) script += "set yrange [0:*]\n";
  // Headroom above and below, so a target line that is the highest or lowest value is not drawn on the frame.
  script += "set offsets 0, 0, graph 0.08, graph 0.04\n";
  const bool any_ci = chart.ci_style != CiStyle::none &&
                      std::any_of(chart.series.begin(), chart.series.end(), [&](const LineSeries& s) {
                        return s.lower.size() == n && s.upper.size() == n;
                      });
  script += "$data << EOD\n";
  for (std::size_t i = 0; i < n; ++i) {
    script += std::to_string(i);
    for (const auto& s : chart.series) {
      script += " " + gnuplot_number(i < s.values.size() ? s.values[i] : std::numeric_limits<double>::quiet_NaN());
      if (any_ci) {
        const bool has = s.lower.size() == n && s.upper.size() == n;
        script += " " + gnuplot_number(has ? s.lower[i] : std::numeric_limits<double>::quiet_NaN());
        script += " " + gnuplot_number(has ? s.upper[i] : std::numeric_limits<double>::quiet_NaN());
      }
    }
    script += "\n";
  }
  script += "EOD\nplot ";
  std::vector<std::string> plots;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const std::size_t col = any_ci ? 2 + 3 * s : 2 + s;
    const char* colour = kColours[s % std::size(kColours)];
    const bool has_ci = any_ci && chart.series[s].lower.size() == n && chart.series[s].upper.size() == n;
    if (has_ci && chart.ci_style == CiStyle::band)
      plots.push_back(fmt::format("$data using 1:{}:{} with filledcurves fs transparent solid 0.18 noborder lc rgb '{}' "
                                  "notitle",
                                  col + 1, col + 2, colour));
    plots.push_back(fmt::format("$data using 1:{} with linespoints lw 2 pt 7 ps 1.2 lc rgb '{}' title {}", col, colour,
                                gnuplot_quoted(chart.series[s].name)));
    if (has_ci && chart.ci_style == CiStyle::error_bars)
      plots.push_back(fmt::format("$data using 1:{}:{}:{} with yerrorbars lw 1.5 pt 7 ps 1.2 lc rgb '{}' notitle", col,
                                  col + 1, col + 2, colour));
  }
  for (const auto& t : chart.target_lines)
    if (std::isfinite(t.value))
      plots.push_back(fmt::format("{} with lines dt {} lw 1.5 lc rgb '{}' title {}", gnuplot_number(t.value), t.dash_type,
                                  t.colour, gnuplot_quoted(t.label)));
  for (std::size_t i = 0; i < plots.size(); ++i) script += (i ? ", " : "") + plots[i];
  script += "\nset output\n";
  return script;
}

std::optional<std::string> render_line_chart_svg(const LineChart& chart) {
  if (chart.x_labels.empty() || chart.series.empty()) return std::nullopt;
  return gnuplot_svg([&](const std::string& svg_path) { return line_chart_script(chart, svg_path); });
}

}  // namespace pb
