#pragma once
// The run as JUnit XML, for a vendor's CI (`pilotbench report ID --format junit`): one test suite per solution, one
// test case per target of the target picture (a failure when "not met", skipped when inconclusive, suppressed or
// undefined), one per fairness comparison judged "unfair" or "fair", and one for failed items. CI servers (GitLab,
// Jenkins, GitHub Actions) show these without any plugin. Deterministic: no timestamps or durations.
#include <string>

#include "reports/decision_results.h"
#include "reports/run_results.h"

namespace pb {

std::string render_junit_report(const RunResults& results);

// A decision-support run the same way: per solution, one test case per fairness comparison judged fair or unfair,
// and one for failed items (decision runs have no target picture).
std::string render_decision_junit_report(const DecisionResults& results);

}  // namespace pb
