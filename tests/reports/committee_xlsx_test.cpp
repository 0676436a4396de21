#include "reports/committee_xlsx.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "core/files.h"
#include "reports/baseline_json.h"
#include "tests/metrics/python_peer.h"
#include "tests/reports/committee_fixture.h"

namespace pb {
namespace {

using committee_fixture::realistic_report;
using Json = nlohmann::json;

class CommitteeXlsx : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("committee-xlsx-" + std::to_string(::getpid()) + "-" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Every sheet's cells as openpyxl reads them: {"sheets": [...], "<sheet>": {"freeze": "A2", "widths": {...},
  // "rows": [[{"v": value, "f": number format, "t": data type, "c": has a comment}, …], …]}, "created": "…"}.
  static std::optional<Json> read_back(const std::filesystem::path& file) {
    const std::string script = R"py(
import json, sys, zipfile, re
import openpyxl
path = )py" + Json(file.string()).dump() + R"py(
wb = openpyxl.load_workbook(path)
out = {"sheets": wb.sheetnames}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        rows.append([{"v": c.value if not hasattr(c.value, "isoformat") else c.value.isoformat(),
                      "f": c.number_format, "t": c.data_type, "c": c.comment is not None} for c in row])
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    out[ws.title] = {"freeze": ws.freeze_panes, "widths": widths, "rows": rows}
archive = zipfile.ZipFile(path)
core = archive.read("docProps/core.xml").decode()
out["zip_dates"] = sorted(set(str(list(i.date_time)) for i in archive.infolist()))
out["created"] = re.search(r"<dcterms:created[^>]*>([^<]*)<", core).group(1)
print(json.dumps(out))
)py";
    const auto out = testing_peers::run_python(script);
    if (!out) return std::nullopt;
    return Json::parse(*out);
  }

  std::filesystem::path dir_;
};

bool openpyxl_available() { return testing_peers::python_has("openpyxl"); }

// A cell holds the same number as the JSON (libxlsxwriter writes 16 significant digits), or is empty where the
// JSON has null.
void expect_same(const Json& cell, const nlohmann::ordered_json& expected, const std::string& where) {
  if (expected.is_null()) {
    EXPECT_TRUE(cell["v"].is_null()) << where << ": expected an empty cell, got " << cell["v"];
    return;
  }
  ASSERT_TRUE(cell["v"].is_number()) << where << ": expected a number, got " << cell["v"];
  EXPECT_EQ(cell["t"], "n") << where;
  const double want = expected.get<double>();
  EXPECT_NEAR(cell["v"].get<double>(), want, 1e-12 * std::max(1.0, std::fabs(want))) << where;
}

void expect_interval(const Json& row, std::size_t col, const nlohmann::ordered_json& ci, const std::string& where) {
  expect_same(row[col], ci.is_null() ? nlohmann::ordered_json(nullptr) : ci[0], where + " lower");
  expect_same(row[col + 1], ci.is_null() ? nlohmann::ordered_json(nullptr) : ci[1], where + " upper");
}

TEST_F(CommitteeXlsx, FileIsPrivateAndDeterministic) {
  const auto r = realistic_report();
  const auto a = dir_ / "a.xlsx", b = dir_ / "sub" / "b.xlsx";
  write_committee_xlsx(r, a);
  write_committee_xlsx(r, b);
  struct stat st {};
  ASSERT_EQ(::stat(a.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(b.parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  const std::string bytes = read_file(a);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  EXPECT_EQ(bytes, read_file(b));
  // Only the two workbooks and the folder remain: no temporary files left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), std::filesystem::directory_iterator()), 2);
  // Overwriting keeps the file private and replaces it.
  write_committee_xlsx(r, a, ReportLanguage::en);
  ASSERT_EQ(::stat(a.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_NE(read_file(a), bytes);
}

TEST_F(CommitteeXlsx, UnwritablePathThrows) {
  write_private_file(dir_ / "plain-file", "x");
  EXPECT_THROW(write_committee_xlsx(realistic_report(), dir_ / "plain-file" / "r.xlsx"), std::runtime_error);
}

TEST_F(CommitteeXlsx, CellsHoldTheSameNumbersAsTheJson) {
  if (!openpyxl_available()) GTEST_SKIP() << "/usr/bin/python3 has no openpyxl (Debian python3-openpyxl) — read-back skipped";
  const auto r = realistic_report();
  const auto file = dir_ / "udvalg.xlsx";
  write_committee_xlsx(r, file, ReportLanguage::da);
  const auto book = read_back(file);
  ASSERT_TRUE(book.has_value()) << "openpyxl could not read " << file;
  const auto expected = baseline_json(r);
  EXPECT_EQ((*book)["sheets"], Json::array({"Oversigt", "KPI", "Tidsbesparelse", "Samtaletyper", "Fairness", "Målepunkter",
                                                   "Metode"}));
  // The creation date is the latest measurement point's recorded_at, and the zip entries carry a fixed date: nothing
  // comes from the clock.
  EXPECT_EQ((*book)["created"], "2026-10-05T09:00:00Z");
  EXPECT_EQ((*book)["zip_dates"], Json::array({"[1980, 1, 1, 0, 0, 0]"}));

  // KPI: one row per KPI × point, in order.
  const auto& kpi_rows = (*book)["KPI"]["rows"];
  EXPECT_EQ((*book)["KPI"]["freeze"], "A2");
  EXPECT_GT((*book)["KPI"]["widths"]["B"].get<double>(), 20.0);
  std::size_t row = 1;
  for (const auto& k : expected["kpis"]) {
    for (const auto& p : k["points"]) {
      ASSERT_LT(row, kpi_rows.size());
      const auto& cells = kpi_rows[row];
      const std::string where = k["id"].get<std::string>() + "@" + p["point"].get<std::string>();
      EXPECT_EQ(cells[0]["v"], k["id"]) << where;
      expect_same(cells[5], p["n"], where + " n");
      expect_same(cells[6], p["value"], where + " value");
      expect_interval(cells, 7, p["ci"], where + " CI");
      expect_same(cells[9], k["target"]["pessimistic"], where + " pessimistic");
      expect_same(cells[10], k["target"]["likely"], where + " likely");
      expect_same(cells[11], k["target"]["optimistic"], where + " optimistic");
      EXPECT_EQ(cells[13]["v"], p["verdict"]) << where;
      if (p["suppressed"].get<bool>()) {
        EXPECT_TRUE(cells[6]["c"].get<bool>()) << where << ": a suppressed value carries a note";
        EXPECT_EQ(cells[16]["v"], "Undertrykt: færre end 10 samtaler") << where;
      }
      if (k["unit"] == "share") {
        EXPECT_EQ(cells[6]["f"], "0.0%") << where;
      }
      ++row;
    }
  }
  EXPECT_EQ(row, kpi_rows.size());
  // Row 0 is the header; row 3 is documentation minutes at the final point.
  EXPECT_EQ(kpi_rows[3][4]["v"], "Slutmåling");
  EXPECT_EQ(kpi_rows[3][12]["v"], "uafklaret");

  // Time saved: one row per group and the total last.
  const auto& saved = (*book)["Tidsbesparelse"]["rows"];
  EXPECT_EQ((*book)["Tidsbesparelse"]["freeze"], "A2");
  ASSERT_EQ(saved.size(), expected["savings"].size() + 2);
  for (std::size_t g = 0; g <= expected["savings"].size(); ++g) {
    const auto& group = g < expected["savings"].size() ? expected["savings"][g] : expected["total"];
    const auto& cells = saved[g + 1];
    const std::string where = group["target_group"].get<std::string>();
    expect_same(cells[1], group["n_baseline"], where + " n baseline");
    expect_same(cells[2], group["n_assisted"], where + " n assisted");
    expect_same(cells[3], group["baseline_minutes"], where + " baseline minutes");
    expect_same(cells[4], group["assisted_minutes"], where + " assisted minutes");
    expect_same(cells[5], group["saving_minutes"], where + " saving");
    expect_interval(cells, 6, group["saving_ci"], where + " saving CI");
    expect_same(cells[8], group["did_saving_minutes"], where + " DiD");
    expect_interval(cells, 9, group["did_ci"], where + " DiD CI");
    expect_same(cells[11], group["adoption"], where + " adoption");
    expect_interval(cells, 12, group["adoption_ci"], where + " adoption CI");
    expect_same(cells[14], group["annual_volume"], where + " volume");
    expect_same(cells[15], group["hours_per_year"], where + " hours");
    expect_interval(cells, 16, group["hours_ci"], where + " hours CI");
    expect_same(cells[18], group["fte"], where + " FTE");
    expect_interval(cells, 19, group["fte_ci"], where + " FTE CI");
    expect_same(cells[21], group["dkk"], where + " DKK");
    expect_interval(cells, 22, group["dkk_ci"], where + " DKK CI");
    EXPECT_EQ(cells[11]["f"], g == 2 ? "General" : "0.0%") << where;
  }
  EXPECT_EQ(saved[3][0]["v"], "ressourceforløb");
  EXPECT_TRUE(saved[3][5]["c"].get<bool>());
  EXPECT_EQ(saved[4][0]["v"], "Alle målgrupper");
  // 9.8 × 0.81 × 19000 / 60 = 2513.7 hours, shown with a thousands format.
  EXPECT_NEAR(saved[1][15]["v"].get<double>(), 2513.7, 1e-9);
  EXPECT_EQ(saved[1][15]["f"], "#,##0");

  // Conversation types: the same columns, no total row, no hours.
  const auto& types = (*book)["Samtaletyper"]["rows"];
  ASSERT_EQ(types.size(), expected["savings_by_meeting_type"].size() + 1);
  for (std::size_t g = 0; g < expected["savings_by_meeting_type"].size(); ++g) {
    const auto& type = expected["savings_by_meeting_type"][g];
    const auto& cells = types[g + 1];
    const std::string where = type["target_group"].get<std::string>();
    EXPECT_EQ(cells[0]["v"], type["target_group"]) << where;
    expect_same(cells[5], type["saving_minutes"], where + " saving");
    expect_interval(cells, 6, type["saving_ci"], where + " saving CI");
    expect_same(cells[11], type["adoption"], where + " adoption");
    expect_same(cells[15], type["hours_per_year"], where + " hours");
  }
  EXPECT_TRUE(types[2][5]["v"].is_null());  // the suppressed type

  // Summary: headline numbers as numbers.
  const auto& summary = (*book)["Oversigt"]["rows"];
  bool found = false;
  for (const auto& cells : summary)
    if (cells[0]["v"] == "Besparelse pr. samtale (min)") {
      found = true;
      expect_same(cells[1], expected["total"]["saving_minutes"], "summary saving");
      expect_interval(cells, 2, expected["total"]["saving_ci"], "summary saving CI");
    }
  EXPECT_TRUE(found);

  // Measurement points: counts as numbers, dates as dates.
  const auto& points = (*book)["Målepunkter"]["rows"];
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[3][0]["v"], "Slutmåling");
  expect_same(points[3][5], expected["measurement_points"][2]["conversations"], "final conversations");
  EXPECT_EQ(points[3][3]["v"], "2026-09-07T00:00:00");
  EXPECT_EQ(points[1][12]["v"], nullptr);  // baseline has no run

  // Method: edit-time constants with their standard errors.
  const auto& method = (*book)["Metode"]["rows"];
  found = false;
  for (const auto& cells : method)
    if (cells[0]["v"] == "b: pr. indsat tegn") {
      found = true;
      expect_same(cells[1], expected["edit_time_model"]["per_inserted_char"]["value"], "b");
      expect_same(cells[4], expected["edit_time_model"]["per_inserted_char"]["se"], "b se");
    }
  EXPECT_TRUE(found);
}

TEST_F(CommitteeXlsx, FairnessSheetHoldsTheSameNumbersAsTheJson) {
  if (!openpyxl_available()) GTEST_SKIP() << "/usr/bin/python3 has no openpyxl (Debian python3-openpyxl) — read-back skipped";
  const auto r = realistic_report();
  const auto file = dir_ / "fairness.xlsx";
  write_committee_xlsx(r, file, ReportLanguage::da);
  const auto book = read_back(file);
  ASSERT_TRUE(book.has_value());
  const auto expected = baseline_json(r)["saving_fairness"];
  const auto& rows = (*book)["Fairness"]["rows"];
  EXPECT_EQ((*book)["Fairness"]["freeze"], "A2");
  ASSERT_GE(rows.size(), 4u);
  for (std::size_t i = 0; i < 2; ++i) {  // the reference and jobparate; the suppressed row is checked below
    const auto& cells = rows[i + 1];
    const auto& cell = expected[i];
    const std::string where = cell["group"].get<std::string>();
    EXPECT_EQ(cells[0]["v"], cell["group"]) << where;
    EXPECT_EQ(cells[1]["v"], "dagpengemodtagere") << where;
    expect_same(cells[2], cell["n"], where + " n");
    expect_same(cells[3], cell["value"], where + " saving");
    expect_interval(cells, 4, cell["value_ci"], where + " saving CI");
    if (i == 1) {
      expect_same(cells[6], cell["difference"], where + " difference");
      expect_interval(cells, 7, cell["difference_ci"], where + " difference CI");
      expect_same(cells[9], cell["ratio"], where + " ratio");
      expect_interval(cells, 10, cell["ratio_ci"], where + " ratio CI");
      expect_same(cells[12], cell["p_value"], where + " p");
      expect_same(cells[13], cell["p_adjusted"], where + " adjusted p");
    }
  }
  EXPECT_EQ(rows[2][14]["v"], "uafklaret");
  const auto& hidden = rows[3];
  EXPECT_EQ(hidden[0]["v"], "ressourceforløb");
  EXPECT_EQ(hidden[14]["v"], "skjult");
  for (std::size_t c = 2; c <= 13; ++c) EXPECT_TRUE(hidden[c]["v"].is_null()) << c;  // no numbers, not even n
}

TEST_F(CommitteeXlsx, EnglishSheetsAndMaskedText) {
  if (!openpyxl_available()) GTEST_SKIP() << "/usr/bin/python3 has no openpyxl (Debian python3-openpyxl) — read-back skipped";
  auto r = realistic_report();
  r.municipality = "Vestby 120385-1234";
  r.savings[0].target_group = "gruppe 0101901234";
  const auto file = dir_ / "committee.xlsx";
  write_committee_xlsx(r, file, ReportLanguage::en);
  const auto book = read_back(file);
  ASSERT_TRUE(book.has_value());
  EXPECT_EQ((*book)["sheets"], Json::array({"Summary", "KPI", "Time saved", "Conversation types", "Fairness",
                                                   "Measurement points", "Method"}));
  EXPECT_EQ((*book)["Time saved"]["rows"][1][0]["v"], "gruppe XXXXXX-XXXX");
  EXPECT_EQ((*book)["Summary"]["rows"][2][1]["v"], "Vestby XXXXXX-XXXX");
  EXPECT_EQ((*book)["KPI"]["rows"][3][12]["v"], "inconclusive");
}

TEST_F(CommitteeXlsx, EmptyReportStillOpens) {
  if (!openpyxl_available()) GTEST_SKIP() << "/usr/bin/python3 has no openpyxl (Debian python3-openpyxl) — read-back skipped";
  const auto file = dir_ / "empty.xlsx";
  write_committee_xlsx(BaselineReport{}, file);
  const auto book = read_back(file);
  ASSERT_TRUE(book.has_value());
  EXPECT_EQ((*book)["KPI"]["rows"].size(), 1u);  // the header only
  EXPECT_EQ((*book)["created"], "2000-01-01T00:00:00Z");
}

}  // namespace
}  // namespace pb
