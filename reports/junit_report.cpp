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

}  // namespace

std::string render_junit_report(const RunResults& r) {
  std::string suites;
  int total_tests = 0, total_failures = 0, total_skipped = 0;
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
    for (const auto& f : s.fairness) {
      if (f.verdict != "fair" && f.verdict != "unfair") continue;  // reference, suppressed and inconclusive: no test
      Case c;
      c.classname = "fairness." + s.id;
      c.name = fmt::format("{} for {} = {} vs {}", f.metric, f.grouping, f.group, f.reference_group);
      if (f.verdict == "unfair") {
        c.outcome = Case::Outcome::failed;
        c.message = fmt::format("ratio {} (CI {} to {}) outside {} to {}", number(f.ratio),
                                f.ratio_ci ? number(f.ratio_ci->lower) : "-", f.ratio_ci ? number(f.ratio_ci->upper) : "-",
                                number(r.fairness.ratio_lower), number(r.fairness.ratio_upper));
      }
      cases.push_back(std::move(c));
    }
    Case items;
    items.classname = "items." + s.id;
    items.name = "every item processed";
    if (s.items_failed > 0) {
      items.outcome = Case::Outcome::failed;
      items.message = fmt::format("{} of {} items failed", s.items_failed, s.items_planned);
    }
    cases.push_back(std::move(items));

    int failures = 0, skipped = 0;
    std::string body;
    for (const auto& c : cases) {
      failures += c.outcome == Case::Outcome::failed;
      skipped += c.outcome == Case::Outcome::skipped;
      body += render_case(c);
    }
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}  </testsuite>\n",
                          attr(s.id), cases.size(), failures, skipped, body);
    total_tests += static_cast<int>(cases.size());
    total_failures += failures;
    total_skipped += skipped;
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" "
                     "errors=\"0\" skipped=\"{}\">\n{}</testsuites>\n",
                     attr(r.scenario_name), total_tests, total_failures, total_skipped, suites);
}

}  // namespace pb
