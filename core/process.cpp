#include "core/process.h"

#include <sys/syscall.h>
#include <unistd.h>

namespace pb {

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

}  // namespace pb
