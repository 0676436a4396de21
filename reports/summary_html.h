#pragma once
// The drafted-notes part of the HTML report (referat/journalnotat quality): overview, groups, fact types, per-item
// findings and judge agreement. Separate from html_report.cpp, which covers transcription.
#include <string>

#include "reports/run_results.h"

namespace pb {

// Appends the section when at least one solution drafts notes; `charts` as in HtmlOptions.
void append_summary_section(std::string& html, const RunResults& results, bool charts);

// Method bullets (<li>…</li>) for the summary metrics; empty when no solution drafts notes.
std::string summary_method_items(const RunResults& results);

}  // namespace pb
