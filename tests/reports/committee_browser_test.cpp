// The committee report rendered by a real browser: headless Chromium takes a screenshot and dumps the DOM, and
// the test checks that the page is a real rendering with its charts and tables.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "reports/charts.h"
#include "reports/committee_html.h"
#include "tests/metrics/python_peer.h"
#include "tests/reports/committee_fixture.h"

namespace pb {
namespace {

constexpr const char* kChromium = "/usr/bin/chromium";

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

// Single quotes for /bin/sh.
std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Decodes a PNG with Python's zlib and struct (no PIL): size, distinct colours, non-white pixels, and which of
// `wanted` (hex RGB) occur exactly.
constexpr const char* kPngStats = R"py(
import json, struct, zlib
def stats(path, wanted):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, (depth, colour_type, interlace)
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    colours, non_white = set(), 0
    for y in range(height):
        start = y * (stride + 1)
        f = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        if f == 1:
            for i in range(bpp, stride): line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        if line.count(255) == stride:
            continue
        for x in range(0, stride, bpp):
            px = bytes(line[x:x + 3])
            if px != b"\xff\xff\xff":
                non_white += 1
                colours.add(px)
    return {"width": width, "height": height, "colours": len(colours), "non_white": non_white,
            "found": sorted(c.hex() for c in colours if c.hex() in wanted)}
)py";

class CommitteeBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access(kChromium, X_OK) != 0)
      GTEST_SKIP() << kChromium << " is not installed (scripts/install-deps installs chromium) — browser test skipped";
    dir_ = std::filesystem::path(::testing::TempDir()) / ("committee-browser-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    create_private_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Runs headless Chromium on `page` with `args`, stdout to `out`; true when it exited 0 within two minutes.
  bool chromium(const std::filesystem::path& page, const std::string& args, const std::filesystem::path& out) {
    const std::string command = "timeout 120 " + std::string(kChromium) +
                                " --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run"
                                " --window-size=1280,3000 --user-data-dir=" +
                                shell_quote((dir_ / "profile").string()) + " " + args + " " +
                                shell_quote("file://" + page.string()) + " >" + shell_quote(out.string()) +
                                " 2>" + shell_quote((dir_ / "chromium.log").string());
    const int status = std::system(command.c_str());
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }

  std::string log() const {
    std::error_code ignored;
    return std::filesystem::exists(dir_ / "chromium.log", ignored) ? read_file(dir_ / "chromium.log") : std::string();
  }

  std::filesystem::path dir_;
};

TEST_F(CommitteeBrowser, ReportRendersWithChartsAndTables) {
  BarChart probe;
  probe.categories = {"a"};
  add_series(probe, "s", [](const std::string&) { return BarValue{1.0, 0.5, 1.5}; });
  if (!render_bar_chart_svg(probe)) GTEST_SKIP() << "gnuplot is not installed: the report would have no charts";

  const auto page = dir_ / "udvalg.html";
  const std::string html = committee_html(committee_fixture::realistic_report(), ReportLanguage::da);
  write_private_file(page, html);
  const std::size_t svg_in_html = count(html, "<svg");
  ASSERT_EQ(svg_in_html, 6u);  // four KPI progress charts, two bar charts

  // The DOM after parsing: every chart and table survived as elements.
  const auto dom_file = dir_ / "dom.html";
  ASSERT_TRUE(chromium(page, "--dump-dom", dom_file)) << log();
  const std::string dom = read_file(dom_file);
  EXPECT_EQ(count(dom, "<svg"), svg_in_html);
  EXPECT_EQ(count(dom, "<table>"), 7u);  // with the fairness table for time saved
  EXPECT_EQ(count(dom, "<caption>"), 7u);
  EXPECT_EQ(count(dom, "<figure class=\"chart\""), 6u);
  EXPECT_GE(count(dom, "<path"), 20u);  // gnuplot draws lines, bars and error bars as paths
  EXPECT_NE(dom.find("<html lang=\"da\">"), std::string::npos);
  EXPECT_NE(dom.find("Tidsbesparelse pr. målgruppe"), std::string::npos);
  EXPECT_NE(dom.find("✓ opfyldt"), std::string::npos);

  // The screenshot: a real rendering, not a blank page.
  const auto png = dir_ / "udvalg.png";
  const auto screenshot_log = dir_ / "screenshot.out";
  ASSERT_TRUE(chromium(page, "--screenshot=" + shell_quote(png.string()), screenshot_log)) << log();
  ASSERT_TRUE(std::filesystem::exists(png)) << log();
  EXPECT_GT(std::filesystem::file_size(png), 20000u);
  if (!std::filesystem::exists("/usr/bin/python3")) GTEST_SKIP() << "needs /usr/bin/python3 to decode the screenshot";
  // e3f4e8: the "met" verdict background (CSS rendered); 1f5fa8: the first series colour of the gnuplot charts
  // (the page's own CSS does not use it, so it proves the inline SVG was painted).
  const auto out = testing_peers::run_python(std::string(kPngStats) + "print(json.dumps(stats(" +
                                             nlohmann::json(png.string()).dump() +
                                             ", {'e3f4e8', '1f5fa8'})))\n");
  ASSERT_TRUE(out.has_value()) << "/usr/bin/python3 could not decode " << png;
  const auto stats = nlohmann::json::parse(*out);
  EXPECT_EQ(stats["width"], 1280);
  EXPECT_EQ(stats["height"], 3000);
  EXPECT_GT(stats["colours"].get<int>(), 200) << *out;  // text anti-aliasing, verdict colours, chart lines
  EXPECT_GT(stats["non_white"].get<int>(), 1280 * 3000 / 50) << *out;  // more than 2 % of the page is ink
  EXPECT_EQ(stats["found"], nlohmann::json::array({"1f5fa8", "e3f4e8"})) << *out;
}

}  // namespace
}  // namespace pb
