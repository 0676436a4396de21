#pragma once
// The run database: embedded SQLite (WAL), one file, private to the user. Every finished item is
// committed as soon as it finishes, so a killed run loses at most the items that were in flight.
// Schema: docs/architecture.md. Not thread-safe: one Store per thread (the runner writes from one thread).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace pb {

// Thrown when the database itself fails (disk full, locked, corrupt). A file that is not a pilotbench
// database is reported as InputError when opened.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RunRecord {
  std::int64_t id = 0;
  std::string scenario_name;
  std::string scenario_file;
  std::string scenario_json;   // the scenario as read
  std::string scenario_hash;
  std::string dataset_path;    // resolved folder
  std::string dataset_hash;
  std::string code_version;
  std::uint64_t seed = 0;
  std::string components_json;  // {"solutions": {id: {"transcription": {name, version}}}, "metrics": {...}}
  std::string started_at;       // ISO-8601 UTC
  std::string finished_at;      // empty while running
  std::string status;           // running, interrupted, finished, failed
  std::int64_t items_planned = 0;
  std::int64_t items_done = 0;    // filled by list_runs/find_run
  std::int64_t items_failed = 0;  // filled by list_runs/find_run
};

struct MetricValue {
  std::string name;
  double value = 0.0;
};

struct ItemRecord {
  std::string solution_id;
  std::string item_id;
  std::string task = "transcription";
  std::string status;  // "ok" or "failed"
  std::string error;   // reason when failed
  std::string output_json;  // what the adapter returned (transcript JSON); empty when failed
  double latency_ms = 0.0;
  std::vector<MetricValue> metrics;
};

class Store {
 public:
  // Opens or creates the database (created 0600), enables WAL and creates the schema.
  static Store open(const std::filesystem::path& path);
  // Opens an existing database for reading only (runs, report): changes nothing, so it never competes
  // with a run that is writing. Throws InputError if the file is missing or not a pilotbench database.
  static Store open_read_only(const std::filesystem::path& path);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  std::int64_t create_run(const RunRecord& run);  // id, items_done, items_failed ignored
  std::optional<RunRecord> find_run(std::int64_t id) const;
  std::vector<RunRecord> list_runs() const;  // newest first
  void set_run_status(std::int64_t id, const std::string& status, bool finished);

  // Stores a finished item and its metrics in one transaction. Recording the same
  // (run, solution, task, item) twice is an error: resume must not duplicate work.
  void record_item(std::int64_t run_id, const ItemRecord& item);
  // (solution_id, item_id) of items already finished (ok or failed) for a task.
  std::set<std::pair<std::string, std::string>> finished_items(std::int64_t run_id, const std::string& task) const;
  // Every item of the run with its metrics, ordered by solution, task, item id.
  std::vector<ItemRecord> items(std::int64_t run_id) const;

  const std::filesystem::path& path() const { return path_; }

 private:
  struct Handle;
  Store(std::filesystem::path path, std::unique_ptr<Handle> handle);
  std::filesystem::path path_;
  std::unique_ptr<Handle> handle_;
};

// Current UTC time as ISO-8601 with seconds ("2026-11-22T14:20:31Z").
std::string utc_now_iso8601();

}  // namespace pb
