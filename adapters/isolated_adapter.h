#pragma once
// Runs each transcribe() call of an inner adapter in a forked child process with a deadline, so an adapter
// that crashes, hangs, leaks or corrupts memory fails its item instead of the run.
//
// How: pipe2(O_CLOEXEC) + fork(). The child calls inner->transcribe(), sends the Outcome back over the pipe
// in the lossless wire encoding (adapters/transcript_wire.h — not JSON, because the parent's validator must
// see invalid UTF-8 and non-finite times exactly as produced) and _exit()s. The parent waits on the pipe and
// on the child's exit (pidfd) until the deadline, then SIGKILLs and reaps that specific child.
//
// Failure reasons:
//   "timed out after 30000 ms"                      no result within the timeout (child killed)
//   "adapter crashed (signal 11, SIGSEGV)"           child died from a signal
//   "adapter threw: <what>"                          exception escaped inner->transcribe() in the child
//   "adapter process exited with status N without a result"
//   the inner adapter's own failure reason, unchanged
//
// Caveats of fork() without exec(): the child holds only the calling thread, so an inner adapter that needs a
// lock another thread held at fork time will hang in the child (and time out, not deadlock the run). The
// child's effects on memory are lost: an inner adapter cannot keep state (caches, counters) across calls.
#include <chrono>

#include "adapters/transcription.h"

namespace pb {

class IsolatedTranscriptionAdapter final : public TranscriptionAdapter {
 public:
  // timeout > 0. Owns inner.
  IsolatedTranscriptionAdapter(TranscriptionAdapterPtr inner, std::chrono::milliseconds timeout);
  ComponentId id() const override { return inner_->id(); }
  // Thread-safe as far as the inner adapter's transcribe() may run in parallel processes: each call forks
  // its own child and waits only for that child. Never throws for the inner adapter's misbehaviour.
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override;

 private:
  TranscriptionAdapterPtr inner_;
  std::chrono::milliseconds timeout_;
};

// "SIGSEGV" for 11 and so on; "signal N" for signals without a well-known name.
std::string signal_name(int signal_number);

}  // namespace pb
