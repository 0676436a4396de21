#include "reports/heat_map.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "core/files.h"
#include "reports/charts.h"

namespace pb {
namespace {

constexpr const char* kSuppressedGrey = "#bdbdbd";
constexpr const char* kUndefinedGrey = "#e6e6e6";
constexpr const char* kReferenceFill = "#ffffff";

// A column label as a double-quoted gnuplot string broken into lines of about `width` characters at spaces, so
// neighbouring metric names do not run into each other. Backslashes and quotes are escaped.
std::string wrapped_label(const std::string& text, std::size_t width) {
  std::string out = "\"";
  std::size_t line_length = 0;  // in bytes; close enough for a soft limit
  std::stringstream words(text);
  std::string word;
  bool first = true;
  while (words >> word) {
    if (!first) {
      if (line_length + 1 + word.size() > width) {
        out += "\\n";
        line_length = 0;
      } else {
        out += ' ';
        ++line_length;
      }
    }
    for (char c : word) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    line_length += word.size();
    first = false;
  }
  return out + "\"";
}

}  // namespace

double heat_map_colour_limit(const HeatMap& map) {
  double limit = map.min_colour_limit;
  for (const auto& row : map.cells)
    for (const auto& cell : row)
      if (cell.state == HeatCellState::ratio && std::isfinite(cell.ratio) && cell.ratio > 0.0)
        limit = std::max(limit, std::abs(std::log2(cell.ratio)));
  return std::min(limit, 3.0);
}

std::string heat_map_script(const HeatMap& map, const std::string& svg_path) {
  const std::size_t rows = map.rows.size(), columns = map.columns.size();
  const double limit = heat_map_colour_limit(map);
  const int height = 130 + 34 * static_cast<int>(rows);
  const int width = std::max(860, 320 + 140 * static_cast<int>(columns));
  std::string script;
  script += fmt::format("set terminal svg size {},{} dynamic font 'Sans,11' background rgb 'white'\n", width, height);
  script += "set output " + gnuplot_quoted(svg_path) + "\n";
  script += "set termoption noenhanced\nset encoding utf8\nset title " + gnuplot_quoted(map.title) + "\n";
  // Room above the plot for two-line metric labels (x2tics) and the title above them.
  script += "set datafile missing 'NaN'\nunset key\nset border 0\nset tmargin 6\nset title offset 0,1.5\n";
  if (map.decimal_sign != '.') script += "set decimalsign " + gnuplot_quoted(std::string(1, map.decimal_sign)) + "\n";
  // Diverging palette whose white midpoint is log2(ratio) = 0: the colour range is symmetric around 0 and the
  // palette's defined positions are symmetric too, so gnuplot maps 0 to the middle colour.
  script += fmt::format("set cbrange [{}:{}]\n", gnuplot_number(-limit), gnuplot_number(limit));
  script += "set palette defined (-1 '#2166ac', -0.5 '#92c5de', 0 '#f7f7f7', 0.5 '#f4a582', 1 '#b2182b')\n";
  script += "set cblabel " + gnuplot_quoted(map.colour_label) + "\n";
  script += fmt::format("set xrange [-0.5:{}]\nset yrange [-0.5:{}]\n", gnuplot_number(columns - 0.5),
                        gnuplot_number(rows - 0.5));
  script += "set x2tics (";
  for (std::size_t c = 0; c < columns; ++c)
    script += fmt::format("{}{} {}", c ? ", " : "", wrapped_label(map.columns[c], 16), c);
  script += ") scale 0\nunset xtics\nset ytics (";
  // The first row is drawn at the top.
  for (std::size_t r = 0; r < rows; ++r)
    script += fmt::format("{}{} {}", r ? ", " : "", gnuplot_quoted(map.rows[r]), rows - 1 - r);
  script += ") scale 0\n";
  std::string coloured, suppressed, undefined, reference, labels, sublabels;
  for (std::size_t r = 0; r < rows && r < map.cells.size(); ++r)
    for (std::size_t c = 0; c < columns && c < map.cells[r].size(); ++c) {
      const HeatMapCell& cell = map.cells[r][c];
      const std::string xy = fmt::format("{} {}", c, rows - 1 - r);
      switch (cell.state) {
        case HeatCellState::ratio:
          if (std::isfinite(cell.ratio) && cell.ratio > 0.0)
            coloured += xy + " " + gnuplot_number(std::log2(cell.ratio)) + "\n";
          else
            undefined += xy + "\n";
          break;
        case HeatCellState::suppressed: suppressed += xy + "\n"; break;
        case HeatCellState::reference: reference += xy + "\n"; break;
        case HeatCellState::undefined: undefined += xy + "\n"; break;
      }
      const bool two_lines = !cell.subtext.empty();
      if (!cell.text.empty())
        labels += fmt::format("{} {} {}\n", c, gnuplot_number(static_cast<double>(rows - 1 - r) + (two_lines ? 0.13 : 0.0)),
                              gnuplot_data_label(cell.text));
      if (two_lines)
        sublabels += fmt::format("{} {} {}\n", c, gnuplot_number(static_cast<double>(rows - 1 - r) - 0.2),
                                 gnuplot_data_label(cell.subtext));
    }
  std::vector<std::string> plots;
  const auto block = [&](const std::string& name, const std::string& data) {
    script += "$" + name + " << EOD\n" + data + "EOD\n";
  };
  // gnuplot fails on an empty inline block in a plot, so only non-empty blocks are plotted.
  if (!coloured.empty()) {
    block("coloured", coloured);
    plots.push_back("$coloured using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 border lc rgb 'white' fc palette");
  }
  const auto fixed = [&](const std::string& name, const std::string& data, const char* colour) {
    if (data.empty()) return;
    block(name, data);
    plots.push_back(fmt::format("${} using 1:2:(0.5):(0.5) with boxxyerror fs solid 1.0 border lc rgb 'white' "
                                "fc rgb '{}'",
                                name, colour));
  };
  fixed("suppressed", suppressed, kSuppressedGrey);
  fixed("undefined", undefined, kUndefinedGrey);
  fixed("reference", reference, kReferenceFill);
  if (!labels.empty()) {
    block("labels", labels);
    plots.push_back("$labels using 1:2:3 with labels font 'Sans,10' tc rgb '#1d1d1f'");
  }
  if (!sublabels.empty()) {
    block("sublabels", sublabels);
    plots.push_back("$sublabels using 1:2:3 with labels font 'Sans,8' tc rgb '#444444'");
  }
  // A colour box needs a palette plot; without coloured cells draw none.
  if (coloured.empty()) script += "unset colorbox\n";
  script += "plot ";
  for (std::size_t i = 0; i < plots.size(); ++i) script += (i ? ", " : "") + plots[i];
  script += "\nset output\n";
  return script;
}

std::optional<std::string> render_heat_map_svg(const HeatMap& map) {
  if (map.rows.empty() || map.columns.empty()) return std::nullopt;
  return gnuplot_svg([&](const std::string& svg_path) { return heat_map_script(map, svg_path); });
}

}  // namespace pb
