#include "core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/error.h"

namespace pb {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(Problem{path.string(), 0, "", std::string("cannot open file: ") + std::strerror(errno)});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError(Problem{path.string(), 0, "", "read error"});
  return buffer.str();
}

void create_private_directories(const std::filesystem::path& path) {
  if (path.empty()) return;
  std::filesystem::path current;
  for (const auto& part : path) {
    current /= part;
    if (std::filesystem::exists(current)) continue;
    if (::mkdir(current.c_str(), 0700) != 0 && errno != EEXIST)
      throw std::runtime_error("cannot create directory " + current.string() + ": " + std::strerror(errno));
  }
}

void write_private_file(const std::filesystem::path& path, std::string_view content) {
  if (path.has_parent_path()) create_private_directories(path.parent_path());
  const std::string temp = path.string() + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + temp + ": " + std::strerror(errno));
  ::fchmod(fd, 0600);  // the umask cannot widen 0600, but an existing file's mode is kept by O_CREAT
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string reason = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      throw std::runtime_error("cannot write " + temp + ": " + reason);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + path.string() + ": " + reason);
  }
}

}  // namespace pb
