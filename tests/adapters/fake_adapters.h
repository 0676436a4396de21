#pragma once
// Small in-process fakes for wrapper tests.
#include <unistd.h>

#include <atomic>
#include <functional>
#include <memory>

#include "adapters/transcription.h"

namespace pb::test {

// Delegates to a function and counts calls (the counter outlives the adapter, so tests can read it after
// ownership moved into a wrapper).
class FunctionAdapter final : public TranscriptionAdapter {
 public:
  using Function = std::function<Outcome<Transcript>(const TranscriptionRequest&, int call)>;
  FunctionAdapter(Function function, std::shared_ptr<std::atomic<int>> calls, ComponentId id = {"fake", "1"})
      : function_(std::move(function)), calls_(std::move(calls)), id_(std::move(id)) {}
  ComponentId id() const override { return id_; }
  Outcome<Transcript> transcribe(const TranscriptionRequest& request) override {
    const int call = ++*calls_;
    return function_(request, call);
  }

 private:
  Function function_;
  std::shared_ptr<std::atomic<int>> calls_;
  ComponentId id_;
};

inline TranscriptionAdapterPtr make_function_adapter(FunctionAdapter::Function function,
                                                     std::shared_ptr<std::atomic<int>> calls =
                                                         std::make_shared<std::atomic<int>>(0),
                                                     ComponentId id = {"fake", "1"}) {
  return std::make_unique<FunctionAdapter>(std::move(function), std::move(calls), std::move(id));
}

inline Outcome<Transcript> echo(const TranscriptionRequest& request, int) {
  return Outcome<Transcript>::success(Transcript{request.conversation.segments});
}

}  // namespace pb::test
