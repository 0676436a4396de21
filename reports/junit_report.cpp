#include "reports/junit_report.h"

#include <cmath>

#include <fmt/format.h>

#include "core/cpr.h"
#include "reports/html_report.h"

namespace pb {
namespace {

// HTML escaping is valid XML escaping; XML 1.0 also forbids most control characters, even escaped.
std::string xml_escape(std::string_view text) {
  std::string clean;
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') clean += c;
  return html_escape(clean);
}

std::string attr(const std::string& text) { return xml_escape(mask_cpr(text)); }

std::string number(double v) { return std::isfinite(v) ? fmt::format("{:.4g}", v) : "undefined"; }

struct Case {
  std::string name;
  std::string classname;
  enum class Outcome { passed, failed, skipped } outcome = Outcome::passed;
  std::string message;
};

std::string render_case(const Case& c) {
  std::string xml = fmt::format("    <testcase classname=\"{}\" name=\"{}\"", attr(c.classname), attr(c.name));
  switch (c.outcome) {
    case Case::Outcome::passed: return xml + "/>\n";
    case Case::Outcome::failed:
      return xml + fmt::format(">\n      <failure message=\"{}\"/>\n    </testcase>\n", attr(c.message));
    case Case::Outcome::skipped:
      return xml + fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", attr(c.message));
  }
  return xml + "/>\n";
}

// A fairness comparison judged fair or unfair is a test case (reference, suppressed and inconclusive are not).
void add_fairness_cases(std::vector<Case>& cases, const std::string& solution_id, const std::vector<FairnessCell>& cells,
                        const FairnessSettings& settings) {
  for (const auto& f : cells) {
    if (f.verdict != "fair" && f.verdict != "unfair") continue;
    Case c;
    c.classname = "fairness." + solution_id;
    c.name = fmt::format("{} for {} = {} vs {}", f.metric, f.grouping, f.group, f.reference_group);
    if (f.verdict == "unfair") {
      c.outcome = Case::Outcome::failed;
      c.message = fmt::format("ratio {} (CI {} to {}) outside {} to {}", number(f.ratio),
                              f.ratio_ci ? number(f.ratio_ci->lower) : "-", f.ratio_ci ? number(f.ratio_ci->upper) : "-",
                              number(settings.ratio_lower), number(settings.ratio_upper));
    }
    cases.push_back(std::move(c));
  }
}

Case items_case(const std::string& solution_id, std::int64_t failed, std::int64_t planned) {
  Case items;
  items.classname = "items." + solution_id;
  items.name = "every item processed";
  if (failed > 0) {
    items.outcome = Case::Outcome::failed;
    items.message = fmt::format("{} of {} items failed", failed, planned);
  }
  return items;
}

struct Suites {
  std::string xml;
  int tests = 0, failures = 0, skipped = 0;

  void add(const std::string& name, const std::vector<Case>& cases) {
    int suite_failures = 0, suite_skipped = 0;
    std::string body;
    for (const auto& c : cases) {
      suite_failures += c.outcome == Case::Outcome::failed;
      suite_skipped += c.outcome == Case::Outcome::skipped;
      body += render_case(c);
    }
    xml += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}  </testsuite>\n",
                       attr(name), cases.size(), suite_failures, suite_skipped, body);
    tests += static_cast<int>(cases.size());
    failures += suite_failures;
    skipped += suite_skipped;
  }

  std::string document(const std::string& name) const {
    return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" "
                       "errors=\"0\" skipped=\"{}\">\n{}</testsuites>\n",
                       attr(name), tests, failures, skipped, xml);
  }
};

}  // namespace

std::string render_junit_report(const RunResults& r) {
  Suites suites;
  for (const auto& s : r.solutions) {
    std::vector<Case> cases;
    for (const auto& t : r.targets) {
      if (t.solution_id != s.id) continue;
      Case c;
      c.classname = "target_picture." + s.id;
      c.name = fmt::format("{} {} {} ({} = {})", t.metric, t.comparison, number(t.threshold), t.grouping, t.group);
      const std::string measured =
          t.value ? fmt::format("measured {}{}", number(*t.value),
                                t.ci ? fmt::format(" (CI {} to {})", number(t.ci->lower), number(t.ci->upper)) : "")
                  : std::string("no value");
      if (t.verdict == "not met") {
        c.outcome = Case::Outcome::failed;
        c.message = "target not met: " + measured;
      } else if (t.verdict != "met") {
        c.outcome = Case::Outcome::skipped;
        c.message = t.verdict + ": " + measured;
      }
      cases.push_back(std::move(c));
    }
    add_fairness_cases(cases, s.id, s.fairness, r.fairness);
    cases.push_back(items_case(s.id, s.items_failed, s.items_planned));
    suites.add(s.id, cases);
  }
  return suites.document(r.scenario_name);
}

std::string render_decision_junit_report(const DecisionResults& r) {
  Suites suites;
  for (const auto& s : r.solutions) {
    std::vector<Case> cases;
    add_fairness_cases(cases, s.id, s.fairness, r.fairness);
    cases.push_back(items_case(s.id, s.items_failed, s.items_planned));
    suites.add(s.id, cases);
  }
  return suites.document(r.scenario_name);
}

}  // namespace pb
