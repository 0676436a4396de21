#pragma once
// Small process helpers shared by the adapters that run children (isolation wrapper, command adapter).
#include <sys/types.h>

namespace pb {

// A pidfd for `pid` (Linux ≥ 5.3): readable once the process has exited, so its exit can be poll()ed
// beside pipes. -1 where unavailable; callers then fall back to polling waitpid(WNOHANG).
int open_pidfd(pid_t pid);

}  // namespace pb
