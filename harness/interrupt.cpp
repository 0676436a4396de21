#include "harness/interrupt.h"

#include <csignal>
#include <unistd.h>

#include <atomic>

namespace pb {
namespace {
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_interrupt(int signal_number) {
  if (g_interrupted.exchange(true)) {
    // Second signal: the user wants out now. Committed items are safe in the WAL.
    std::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
  }
}
}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() { return g_interrupted.load(); }

}  // namespace pb
