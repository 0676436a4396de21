#pragma once
// The decision-support report: one self-contained HTML page (inline CSS and SVG charts drawn by gnuplot, no
// scripts, no external resources) for a run that evaluated risk scores, intervention recommendations and segments.
// Danish by default, English on request (like the committee report). Policy value — what following the
// recommendations would achieve — is the headline measure; agreement with the caseworker is shown only as a
// secondary figure. Suppressed groups show "< min" and no numbers; an undefined figure shows "–" with its reason as a
// tooltip. The model holds no case text, so none can be shown.
#include <string>

#include "reports/committee_text.h"
#include "reports/decision_results.h"

namespace pb {

struct DecisionHtmlOptions {
  bool charts = true;  // draw charts with gnuplot when available (off in tests that only check text)
};

std::string render_decision_html(const DecisionResults& results, ReportLanguage language = ReportLanguage::da,
                                 const DecisionHtmlOptions& options = {});

}  // namespace pb
