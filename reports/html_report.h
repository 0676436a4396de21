#pragma once
// A self-contained HTML page (inline CSS and SVG charts, no scripts, no external resources) that a
// project team or committee can open anywhere. Shows no transcript text; suppressed cells show "< N".
#include <string>

#include "reports/run_results.h"

namespace pb {

struct HtmlOptions {
  bool charts = true;  // draw charts with gnuplot when available
};

std::string render_html_report(const RunResults& results, const HtmlOptions& options = {});

// Whether a metric is a share (0–1) shown as a percentage: error rates, recalls, rates, ROUGE F1, coverage, …;
// otherwise it is a count or score per note shown as a plain number.
bool is_share_metric(const std::string& metric);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace pb
