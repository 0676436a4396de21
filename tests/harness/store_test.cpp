#include "harness/store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "core/files.h"

namespace pb {
namespace {

std::filesystem::path temp_db(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("pb-store-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
  return path;
}

RunRecord sample_run() {
  RunRecord run;
  run.scenario_name = "demo";
  run.scenario_file = "/tmp/demo.json";
  run.scenario_json = "{}";
  run.scenario_hash = "abc";
  run.dataset_path = "/tmp/data";
  run.dataset_hash = "def";
  run.code_version = "0.1.0+test";
  run.seed = 42;
  run.components_json = "{}";
  run.items_planned = 4;
  return run;
}

TEST(Store, CreatesPrivateDatabaseInWalMode) {
  const auto path = temp_db("private.db");
  {
    Store store = Store::open(path);
    store.create_run(sample_run());
  }
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(Store, RecordsItemsWithMetricsAndCountsThem) {
  const auto path = temp_db("items.db");
  Store store = Store::open(path);
  const auto id = store.create_run(sample_run());
  store.record_item(id, {"a", "conv-2", "transcription", "ok", "", "{\"segments\":[]}", 12.5,
                         {{"wer", 0.25}, {"wer.ref_words", 8}, {"undefined", std::nan("")}}});
  store.record_item(id, {"a", "conv-1", "transcription", "failed", "timed out after 100 ms", "", 100.0, {}});
  const auto run = store.find_run(id);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->items_done, 2);
  EXPECT_EQ(run->items_failed, 1);
  EXPECT_EQ(run->status, "running");
  EXPECT_EQ(run->seed, 42u);

  const auto items = store.items(id);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].item_id, "conv-1");  // ordered by id
  EXPECT_EQ(items[0].error, "timed out after 100 ms");
  ASSERT_EQ(items[1].metrics.size(), 3u);
  EXPECT_EQ(items[1].metrics[1].name, "wer");
  EXPECT_DOUBLE_EQ(items[1].metrics[1].value, 0.25);
  EXPECT_TRUE(std::isnan(items[1].metrics[0].value));  // "undefined" sorts first; NaN stored as NULL
  EXPECT_EQ(store.finished_items(id, "transcription"),
            (std::set<std::pair<std::string, std::string>>{{"a", "conv-1"}, {"a", "conv-2"}}));
}

TEST(Store, RecordingAnItemTwiceIsRefusedAndKeepsTheFirst) {
  const auto path = temp_db("dup.db");
  Store store = Store::open(path);
  const auto id = store.create_run(sample_run());
  store.record_item(id, {"a", "conv-1", "transcription", "ok", "", "{}", 1.0, {{"wer", 0.1}}});
  EXPECT_THROW(store.record_item(id, {"a", "conv-1", "transcription", "ok", "", "{}", 1.0, {{"wer", 0.9}}}), StoreError);
  const auto items = store.items(id);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_DOUBLE_EQ(items[0].metrics[0].value, 0.1);
}

TEST(Store, StatusAndListing) {
  const auto path = temp_db("list.db");
  Store store = Store::open(path);
  const auto first = store.create_run(sample_run());
  const auto second = store.create_run(sample_run());
  store.set_run_status(first, "finished", true);
  const auto runs = store.list_runs();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].id, second);
  EXPECT_EQ(runs[1].status, "finished");
  EXPECT_FALSE(runs[1].finished_at.empty());
  EXPECT_FALSE(store.find_run(999));
}

TEST(Store, ReopeningKeepsData) {
  const auto path = temp_db("reopen.db");
  std::int64_t id = 0;
  {
    Store store = Store::open(path);
    id = store.create_run(sample_run());
    store.record_item(id, {"a", "x", "transcription", "ok", "", "{}", 1.0, {}});
  }
  Store again = Store::open(path);
  EXPECT_EQ(again.find_run(id)->items_done, 1);
}

TEST(Store, ReadOnlyOpenSeesARunningWritersItemsAndChangesNothing) {
  const auto path = temp_db("readonly.db");
  Store writer = Store::open(path);
  const auto id = writer.create_run(sample_run());
  writer.record_item(id, {"a", "x", "transcription", "ok", "", "{}", 1.0, {}});
  Store reader = Store::open_read_only(path);
  EXPECT_EQ(reader.find_run(id)->items_done, 1);
  EXPECT_THROW(Store::open_read_only(temp_db("missing.db")), InputError);
  EXPECT_FALSE(std::filesystem::exists(temp_db("missing.db")));  // a read never creates a database
}

TEST(Store, NotADatabaseIsAnInputError) {
  const auto path = temp_db("garbage.db");
  write_private_file(path, std::string(4096, 'x'));
  EXPECT_THROW(Store::open(path), InputError);
}

}  // namespace
}  // namespace pb
