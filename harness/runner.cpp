#include "harness/runner.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <optional>
#include <mutex>
#include <ostream>
#include <thread>

#include <fmt/format.h>

#include "formats/note_text.h"
#include "formats/transcript_formats.h"
#include "harness/transcription_scoring.h"

namespace pb {
namespace {

struct WorkItem {
  std::size_t solution = 0;
  std::size_t conversation = 0;
  bool transcribe = false;
  bool summarise = false;
  // When only the summary is pending and it drafts from the transcription: the stored transcript (JSON), or the
  // stored failure reason.
  std::optional<std::string> stored_transcript_json;
  std::string stored_transcription_error;
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

double milliseconds_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

ItemRecord transcribe(const SolutionRuntime& solution, const Conversation& conversation, const std::string& dataset_root,
                      const TranscriptionScoring& scoring, std::optional<Transcript>& transcript) {
  ItemRecord record;
  record.solution_id = solution.id;
  record.item_id = conversation.id;
  record.task = kTaskTranscription;
  const auto started = std::chrono::steady_clock::now();
  auto outcome = guarded_call<Transcript>(
      [&] { return solution.transcription->transcribe(TranscriptionRequest{conversation, dataset_root}); });
  record.latency_ms = milliseconds_since(started);
  if (!outcome.ok()) {
    record.status = "failed";
    record.error = outcome.error();
    return record;
  }
  record.status = "ok";
  record.output_json = transcript_to_json(outcome.value());
  record.metrics = score_transcription(conversation, outcome.value(), scoring).values;
  transcript = std::move(outcome).value();
  return record;
}

ItemRecord summarise(const SolutionRuntime& solution, const Conversation& conversation, const std::string& dataset_root,
                     const Transcript& source, const RunnerOptions& options) {
  ItemRecord record;
  record.solution_id = solution.id;
  record.item_id = conversation.id;
  record.task = kTaskSummarisation;
  const auto started = std::chrono::steady_clock::now();
  auto outcome = guarded_call<CaseNote>([&] {
    return solution.summarisation->summarise(
        SummarisationRequest{conversation, source, solution.summary_source, dataset_root});
  });
  record.latency_ms = milliseconds_since(started);
  if (!outcome.ok()) {
    record.status = "failed";
    record.error = outcome.error();
    return record;
  }
  const CaseNote& draft = outcome.value();
  const auto score = score_summary(conversation, transcript_text(conversation.segments), draft, options.summary_scoring);
  record.metrics = score.values;
  nlohmann::ordered_json output;
  output["note"] = nlohmann::ordered_json::parse(note_to_json(draft));
  output["findings"] = score.findings;
  if (options.judge) {
    const Transcript reference{conversation.segments};
    auto verdict = guarded_call<JudgeVerdict>([&] { return options.judge->judge(JudgeRequest{conversation, reference, draft}); });
    record.metrics.push_back({summary_metric::kJudgeFailed, verdict.ok() ? 0.0 : 1.0});
    if (verdict.ok()) {
      add_judge_metrics(verdict.value(), record.metrics);
      output["judge"] = {{"rubric_version", verdict.value().rubric_version}, {"from_cache", verdict.value().from_cache}};
    } else {
      // The draft itself was made and scored; only the optional judgement is missing, so the item stays ok.
      output["judge"] = {{"error", verdict.error()}};
    }
  }
  record.status = "ok";
  record.output_json = output.dump();
  return record;
}

std::vector<ItemRecord> process(const SolutionRuntime& solution, const Conversation& conversation,
                                const std::string& dataset_root, const WorkItem& work, const RunnerOptions& options) {
  std::vector<ItemRecord> records;
  std::optional<Transcript> transcript;
  std::string transcription_error = work.stored_transcription_error;
  if (work.transcribe) {
    records.push_back(transcribe(solution, conversation, dataset_root, options.scoring, transcript));
    if (records.back().status != "ok") transcription_error = records.back().error;
  } else if (work.stored_transcript_json) {
    try {
      transcript = parse_transcript_json(*work.stored_transcript_json, "stored transcript of " + conversation.id);
    } catch (const std::exception& e) {
      transcription_error = e.what();
    }
  }
  if (!work.summarise) return records;
  if (solution.summary_source == kSummarySourceReference) {
    records.push_back(summarise(solution, conversation, dataset_root, Transcript{conversation.segments}, options));
  } else if (transcript) {
    records.push_back(summarise(solution, conversation, dataset_root, *transcript, options));
  } else {
    ItemRecord record;
    record.solution_id = solution.id;
    record.item_id = conversation.id;
    record.task = kTaskSummarisation;
    record.status = "failed";
    record.error = "no transcript to summarise: the transcription of this conversation failed (" +
                   transcription_error.substr(0, transcription_error.find('\n')) + ")";
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

std::size_t tasks_per_conversation(const std::vector<SolutionRuntime>& solutions) {
  std::size_t tasks = 0;
  for (const auto& s : solutions) tasks += s.summarisation ? 2 : 1;
  return tasks;
}

RunnerSummary run_pending_items(Store& store, std::int64_t run_id, const Dataset& dataset,
                                const std::vector<SolutionRuntime>& solutions, const RunnerOptions& options) {
  const auto transcribed = store.finished_items(run_id, kTaskTranscription);
  const auto summarised = store.finished_items(run_id, kTaskSummarisation);
  bool any_resumed_chain = false;
  const auto total_planned = static_cast<std::int64_t>(dataset.conversations.size() * tasks_per_conversation(solutions));
  std::vector<WorkItem> work;
  // Conversation-major order spreads early progress over all solutions.
  for (std::size_t c = 0; c < dataset.conversations.size(); ++c)
    for (std::size_t s = 0; s < solutions.size(); ++s) {
      const std::pair<std::string, std::string> key{solutions[s].id, dataset.conversations[c].id};
      WorkItem w;
      w.solution = s;
      w.conversation = c;
      w.transcribe = !transcribed.count(key);
      w.summarise = solutions[s].summarisation && !summarised.count(key);
      if (!w.transcribe && w.summarise && solutions[s].summary_source == kSummarySourceTranscription)
        any_resumed_chain = true;
      if (w.transcribe || w.summarise) work.push_back(std::move(w));
    }
  if (any_resumed_chain) {
    // A resumed run drafts from the transcripts it stored before the interruption.
    std::map<std::pair<std::string, std::string>, const ItemRecord*> stored;
    const auto items = store.items(run_id);
    for (const auto& item : items)
      if (item.task == kTaskTranscription) stored[{item.solution_id, item.item_id}] = &item;
    for (auto& w : work) {
      if (w.transcribe || !w.summarise) continue;
      const auto it = stored.find({solutions[w.solution].id, dataset.conversations[w.conversation].id});
      if (it == stored.end()) continue;
      if (it->second->status == "ok")
        w.stored_transcript_json = it->second->output_json;
      else
        w.stored_transcription_error = it->second->error;
    }
  }
  std::int64_t pending = 0;
  for (const auto& w : work) pending += (w.transcribe ? 1 : 0) + (w.summarise ? 1 : 0);
  return run_work_loop(
      store, run_id, work.size(), total_planned, total_planned - pending,
      [&](std::size_t index) {
        const auto& w = work[index];
        return process(solutions[w.solution], dataset.conversations[w.conversation], dataset.root, w, options);
      },
      options);
}

RunnerSummary run_work_loop(Store& store, std::int64_t run_id, std::size_t units, std::int64_t total_planned,
                            std::int64_t already_done,
                            const std::function<std::vector<ItemRecord>(std::size_t unit)>& process,
                            const ExecutionOptions& options) {
  RunnerSummary summary;
  std::int64_t already = already_done;
  std::int64_t failed_total = 0;
  Progress progress(options.progress, options.progress_is_terminal, total_planned);
  progress.update(already, 0);

  std::mutex mutex;
  std::condition_variable results_ready;
  std::deque<std::vector<ItemRecord>> results;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stopping{false};
  int active_workers = std::max(1, std::min<int>(options.jobs, static_cast<int>(std::max<std::size_t>(units, 1))));

  auto worker = [&] {
    while (!stopping.load()) {
      const std::size_t index = next.fetch_add(1);
      if (index >= units) break;
      auto records = process(index);
      std::lock_guard lock(mutex);
      results.push_back(std::move(records));
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
        std::vector<ItemRecord> records = std::move(results.front());
        results.pop_front();
        lock.unlock();
        for (const auto& record : records) {
          if (stopping.load() && record.status != "ok") continue;  // possibly caused by the interruption
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
