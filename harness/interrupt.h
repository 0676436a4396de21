#pragma once
// Ctrl-C handling. A signal handler can only touch a lock-free flag with static storage, so this is the
// one piece of process-wide state in pilotbench; everything else receives `stop_requested` as a callback.
namespace pb {

// Installs handlers for SIGINT and SIGTERM that set the flag (a second Ctrl-C ends the process at once).
void install_interrupt_handlers();
bool interrupt_requested();

}  // namespace pb
