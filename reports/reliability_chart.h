#pragma once
// Simple x–y charts drawn by gnuplot as inline SVG: the reliability diagram of a risk score (observed rate against
// mean score per bin, one line with Wilson error bars per group, the diagonal y = x as perfect calibration) and the
// Qini curve of an uplift ranking (cumulative incremental gain against share targeted, with random targeting as the
// straight reference line).
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reports/decision_results.h"

namespace pb {

struct XyPoint {
  double x = 0.0;
  double y = 0.0;
  double lower = std::numeric_limits<double>::quiet_NaN();  // error bar; NaN = none
  double upper = std::numeric_limits<double>::quiet_NaN();
};

struct XySeries {
  std::string name;
  std::vector<XyPoint> points;
  bool dashed = false;  // reference lines (random targeting)
};

struct XyChart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<XySeries> series;
  bool unit_square = false;           // both axes 0–1 (reliability diagram)
  std::string diagonal_label;         // non-empty: draw y = x with this legend title
  bool zero_line = false;             // draw y = 0 (Qini: no gain)
  char decimal_sign = '.';
};

// The reliability diagram: one series per group (name, bins) in the given order; bins with n = 0 are skipped.
XyChart reliability_diagram(const std::string& title, const std::string& x_label, const std::string& y_label,
                            const std::string& diagonal_label,
                            const std::vector<std::pair<std::string, const std::vector<ReliabilityPoint>*>>& groups);

// The Qini curve with the random-targeting line from (0, 0) to the curve's last point.
XyChart qini_chart(const std::string& title, const std::string& x_label, const std::string& y_label,
                   const std::string& curve_label, const std::string& random_label, const QiniResult& qini);

// The gnuplot script, data inline (exposed for tests).
std::string xy_chart_script(const XyChart& chart, const std::string& svg_path);

// SVG text, or nullopt when no series has a point, gnuplot is not installed, or it fails.
std::optional<std::string> render_xy_chart_svg(const XyChart& chart);

}  // namespace pb
