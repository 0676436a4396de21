#pragma once
// Executes the pending items of a run: for every (solution, conversation) pair the transcription item and, when
// the solution drafts notes, the summarisation item, each unless already in the store. A summary drafted from the
// solution's own transcript uses the transcript stored by the same run (also after a resume); if that transcription
// failed, the summary item fails with that reason.
// Items run on `jobs` worker threads; each finished item is committed by the calling thread as soon as
// it arrives, so a killed process loses only items in flight. A failing, throwing, hanging or lying
// adapter fails its item (with the reason stored), never the run.
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "adapters/judge.h"
#include "adapters/summarisation.h"
#include "adapters/transcription.h"
#include "harness/dataset.h"
#include "harness/store.h"
#include "harness/summary_scoring.h"
#include "harness/transcription_scoring.h"

namespace pb {

struct SolutionRuntime {
  std::string id;
  std::string name;
  TranscriptionAdapterPtr transcription;  // already wrapped (isolation, timeout, retry, …)
  SummarisationAdapterPtr summarisation;  // optional
  std::string summary_source = kSummarySourceReference;  // or kSummarySourceTranscription
};

// Task names in the store (items.task).
inline constexpr const char* kTaskTranscription = "transcription";
inline constexpr const char* kTaskSummarisation = "summarisation";

// How items are executed, for every task.
struct ExecutionOptions {
  int jobs = 2;
  // Polled between items; when it returns true no new item starts, items in flight finish, and
  // failures among them are not recorded (they may be the interruption itself) so resume redoes them.
  std::function<bool()> stop_requested = [] { return false; };
  std::ostream* progress = nullptr;  // nullptr: silent
  bool progress_is_terminal = false; // redraw one line instead of printing lines
};

struct RunnerOptions : ExecutionOptions {
  TranscriptionScoring scoring;
  SummaryScoring summary_scoring;
  JudgeAdapter* judge = nullptr;  // optional; must allow concurrent calls
};

struct RunnerSummary {
  std::int64_t recorded = 0;  // items stored by this call
  std::int64_t failed = 0;    // of which failed
  std::int64_t remaining = 0; // items still pending (non-zero only when interrupted)
  bool interrupted = false;
};

// The engine under every task: runs units 0..units−1 with `process` on options.jobs threads (process must be
// thread-safe and must not throw) and commits each unit's records from the calling thread as soon as they arrive.
// total_planned and already_done drive the progress line and RunnerSummary::remaining.
RunnerSummary run_work_loop(Store& store, std::int64_t run_id, std::size_t units, std::int64_t total_planned,
                            std::int64_t already_done,
                            const std::function<std::vector<ItemRecord>(std::size_t unit)>& process,
                            const ExecutionOptions& options);

// Turns an exception escaping an adapter call into a failed Outcome, so a throwing adapter fails its item only.
template <class T, class Call>
Outcome<T> guarded_call(Call&& call) {
  try {
    return call();
  } catch (const std::exception& e) {
    return Outcome<T>::failure(std::string("adapter threw: ") + e.what());
  } catch (...) {
    return Outcome<T>::failure("adapter threw a non-standard exception");
  }
}

// Items per conversation: a transcription for every solution, and a note for those that draft one.
std::size_t tasks_per_conversation(const std::vector<SolutionRuntime>& solutions);

RunnerSummary run_pending_items(Store& store, std::int64_t run_id, const Dataset& dataset,
                                const std::vector<SolutionRuntime>& solutions, const RunnerOptions& options);

}  // namespace pb
