#include "reports/reliability_chart.h"

#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "reports/charts.h"
#include "reports/heat_map.h"

namespace pb {
namespace {

constexpr const char* kColours[] = {"#1f5fa8", "#e0832a", "#3a9d5d", "#8e44ad", "#c0392b", "#7f8c8d", "#16a085",
                                    "#d35400"};

bool has_points(const XyChart& chart) {
  for (const auto& s : chart.series)
    if (!s.points.empty()) return true;
  return false;
}

}  // namespace

XyChart reliability_diagram(const std::string& title, const std::string& x_label, const std::string& y_label,
                            const std::string& diagonal_label,
                            const std::vector<std::pair<std::string, const std::vector<ReliabilityPoint>*>>& groups) {
  XyChart chart{title, x_label, y_label, {}, true, diagonal_label, false, '.'};
  for (const auto& [name, bins] : groups) {
    XySeries series{name, {}, false};
    if (bins)
      for (const auto& bin : *bins) {
        if (bin.n <= 0 || !std::isfinite(bin.mean_score) || !std::isfinite(bin.observed_rate)) continue;
        XyPoint p{bin.mean_score, bin.observed_rate};
        if (bin.observed_ci) {
          p.lower = bin.observed_ci->lower;
          p.upper = bin.observed_ci->upper;
        }
        series.points.push_back(p);
      }
    chart.series.push_back(std::move(series));
  }
  return chart;
}

XyChart qini_chart(const std::string& title, const std::string& x_label, const std::string& y_label,
                   const std::string& curve_label, const std::string& random_label, const QiniResult& qini) {
  XyChart chart{title, x_label, y_label, {}, false, "", true, '.'};
  XySeries curve{curve_label, {}, false};
  for (const auto& p : qini.points)
    if (std::isfinite(p.share_targeted) && std::isfinite(p.incremental_gain))
      curve.points.push_back({p.share_targeted, p.incremental_gain});
  if (!curve.points.empty()) {
    // Targeting at random gains in proportion to the share targeted: the chord from the origin to the last point.
    XySeries random{random_label, {{0.0, 0.0}, curve.points.back()}, true};
    chart.series.push_back(std::move(curve));
    chart.series.push_back(std::move(random));
  }
  return chart;
}

std::string xy_chart_script(const XyChart& chart, const std::string& svg_path) {
  std::string script;
  script += fmt::format("set terminal svg size {} dynamic font 'Sans,11' background rgb 'white'\n",
                        chart.unit_square ? "640,480" : "860,380");
  script += "set output " + gnuplot_quoted(svg_path) + "\n";
  script += "set termoption noenhanced\nset encoding utf8\nset title " + gnuplot_quoted(chart.title) + "\n";
  script += "set xlabel " + gnuplot_quoted(chart.x_label) + "\nset ylabel " + gnuplot_quoted(chart.y_label) + "\n";
  if (chart.decimal_sign != '.') script += "set decimalsign " + gnuplot_quoted(std::string(1, chart.decimal_sign)) + "\n";
  script += "set grid xtics ytics lc rgb '#dddddd'\nset key outside right top\nset datafile missing 'NaN'\n";
  script += chart.unit_square ? "set xrange [0:1]\nset yrange [0:1]\nset size ratio 1\n" : "set xrange [0:1]\n";
  std::vector<std::string> plots;
  if (!chart.diagonal_label.empty())
    plots.push_back("x with lines dt 2 lw 1.5 lc rgb '#555555' title " + gnuplot_quoted(chart.diagonal_label));
  if (chart.zero_line) plots.push_back("0 with lines lw 1 lc rgb '#999999' notitle");
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const XySeries& series = chart.series[s];
    if (series.points.empty()) continue;
    const std::string name = fmt::format("s{}", s);
    script += "$" + name + " << EOD\n";
    bool any_bar = false;
    for (const auto& p : series.points) {
      script += fmt::format("{} {} {} {}\n", gnuplot_number(p.x), gnuplot_number(p.y), gnuplot_number(p.lower),
                            gnuplot_number(p.upper));
      any_bar = any_bar || (std::isfinite(p.lower) && std::isfinite(p.upper));
    }
    script += "EOD\n";
    const char* colour = kColours[s % std::size(kColours)];
    plots.push_back(fmt::format("${} using 1:2 with {} lc rgb '{}' title {}", name,
                                series.dashed ? "lines dt 2 lw 1.5" : "linespoints lw 2 pt 7 ps 0.9", colour,
                                gnuplot_quoted(series.name)));
    if (any_bar)
      plots.push_back(fmt::format("${} using 1:2:3:4 with yerrorbars lw 1 pt 7 ps 0.6 lc rgb '{}' notitle", name, colour));
  }
  script += "plot ";
  for (std::size_t i = 0; i < plots.size(); ++i) script += (i ? ", " : "") + plots[i];
  script += "\nset output\n";
  return script;
}

std::optional<std::string> render_xy_chart_svg(const XyChart& chart) {
  if (!has_points(chart)) return std::nullopt;
  return gnuplot_svg([&](const std::string& svg_path) { return xy_chart_script(chart, svg_path); });
}

}  // namespace pb
