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

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace pb
