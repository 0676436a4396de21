#include "harness/runner.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <ostream>
#include <thread>

#include <fmt/format.h>

#include "formats/transcript_formats.h"
#include "harness/transcription_scoring.h"

namespace pb {
namespace {

struct WorkItem {
  std::size_t solution = 0;
  std::size_t conversation = 0;
};

class Progress {
 public:
  Progress(std::ostream* out, bool terminal, std::int64_t total) : out_(out), terminal_(terminal), total_(total) {
    start_ = std::chrono::steady_clock::now();
  }
  void update(std::int64_t done, std::int64_t failed) {
    if (!out_ || total_ == 0) return;
    if (terminal_) {
      constexpr int kWidth = 30;
      const int filled = static_cast<int>(kWidth * done / total_);
      const double elapsed = seconds();
      const double eta = done > 0 ? elapsed * static_cast<double>(total_ - done) / static_cast<double>(done) : 0.0;
      *out_ << fmt::format("\r[{}{}] {}/{} items, {} failed, {:.0f} s left ", std::string(filled, '#'),
                           std::string(kWidth - filled, '.'), done, total_, failed, eta)
            << std::flush;
      if (done == total_) *out_ << '\n';
      return;
    }
    // Plain lines for logs: at every 10 % step.
    const std::int64_t step = done * 10 / total_;
    if (step != last_step_ || done == total_) {
      last_step_ = step;
      *out_ << fmt::format("progress: {}/{} items, {} failed\n", done, total_, failed) << std::flush;
    }
  }
  void finish_line() {
    if (out_ && terminal_) *out_ << '\n' << std::flush;
  }

 private:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  std::ostream* out_;
  bool terminal_;
  std::int64_t total_;
  std::int64_t last_step_ = -1;
  std::chrono::steady_clock::time_point start_;
};

ItemRecord process(const SolutionRuntime& solution, const Conversation& conversation, const std::string& dataset_root,
                   const TranscriptionScoring& scoring) {
  ItemRecord record;
  record.solution_id = solution.id;
  record.item_id = conversation.id;
  record.task = "transcription";
  const auto started = std::chrono::steady_clock::now();
  Outcome<Transcript> outcome = Outcome<Transcript>::failure("not run");
  try {
    outcome = solution.transcription->transcribe(TranscriptionRequest{conversation, dataset_root});
  } catch (const std::exception& e) {
    outcome = Outcome<Transcript>::failure(std::string("adapter threw: ") + e.what());
  } catch (...) {
    outcome = Outcome<Transcript>::failure("adapter threw a non-standard exception");
  }
  record.latency_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (!outcome.ok()) {
    record.status = "failed";
    record.error = outcome.error();
    return record;
  }
  record.status = "ok";
  record.output_json = transcript_to_json(outcome.value());
  record.metrics = score_transcription(conversation, outcome.value(), scoring).values;
  return record;
}

}  // namespace

RunnerSummary run_pending_items(Store& store, std::int64_t run_id, const Dataset& dataset,
                                const std::vector<SolutionRuntime>& solutions, const RunnerOptions& options) {
  const auto done = store.finished_items(run_id, "transcription");
  std::vector<WorkItem> work;
  // Conversation-major order spreads early progress over all solutions.
  for (std::size_t c = 0; c < dataset.conversations.size(); ++c)
    for (std::size_t s = 0; s < solutions.size(); ++s)
      if (!done.count({solutions[s].id, dataset.conversations[c].id})) work.push_back({s, c});

  RunnerSummary summary;
  const std::int64_t total_planned = static_cast<std::int64_t>(dataset.conversations.size() * solutions.size());
  std::int64_t already = total_planned - static_cast<std::int64_t>(work.size());
  std::int64_t failed_total = 0;
  Progress progress(options.progress, options.progress_is_terminal, total_planned);
  progress.update(already, 0);

  std::mutex mutex;
  std::condition_variable results_ready;
  std::deque<ItemRecord> results;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stopping{false};
  int active_workers = std::max(1, std::min<int>(options.jobs, static_cast<int>(std::max<std::size_t>(work.size(), 1))));

  auto worker = [&] {
    while (!stopping.load()) {
      const std::size_t index = next.fetch_add(1);
      if (index >= work.size()) break;
      const auto& w = work[index];
      ItemRecord record =
          process(solutions[w.solution], dataset.conversations[w.conversation], dataset.root, options.scoring);
      std::lock_guard lock(mutex);
      results.push_back(std::move(record));
      results_ready.notify_one();
    }
    std::lock_guard lock(mutex);
    --active_workers;
    results_ready.notify_one();
  };

  std::vector<std::thread> threads;
  const int thread_count = active_workers;
  threads.reserve(static_cast<std::size_t>(thread_count));
  for (int i = 0; i < thread_count; ++i) threads.emplace_back(worker);

  std::exception_ptr store_failure;
  {
    std::unique_lock lock(mutex);
    while (true) {
      results_ready.wait_for(lock, std::chrono::milliseconds(100),
                             [&] { return !results.empty() || active_workers == 0; });
      if (!stopping.load() && options.stop_requested()) stopping.store(true);
      while (!results.empty()) {
        ItemRecord record = std::move(results.front());
        results.pop_front();
        if (stopping.load() && record.status != "ok") continue;  // possibly caused by the interruption
        lock.unlock();
        try {
          if (!store_failure) {
            store.record_item(run_id, record);
            ++summary.recorded;
            if (record.status != "ok") {
              ++summary.failed;
              ++failed_total;
            }
            ++already;
            progress.update(already, failed_total);
          }
        } catch (...) {
          // Keep draining so workers can finish; the error is rethrown after they join.
          store_failure = std::current_exception();
          stopping.store(true);
        }
        lock.lock();
      }
      if (active_workers == 0 && results.empty()) break;
    }
  }
  for (auto& t : threads) t.join();
  if (store_failure) std::rethrow_exception(store_failure);

  summary.remaining = total_planned - already;
  summary.interrupted = summary.remaining > 0;
  if (summary.interrupted) progress.finish_line();
  return summary;
}

}  // namespace pb
