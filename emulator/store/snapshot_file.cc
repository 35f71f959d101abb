#include "store/snapshot_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>
#include <vector>

namespace ccemu::store {
namespace {

[[noreturn]] void fail(const std::string& step, const std::filesystem::path& path) {
  throw std::system_error(errno, std::generic_category(), "cannot " + step + " " + path.string());
}

// Closes the descriptor on every path out of a scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, so that a failing close is reported.
  int close() { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  FileDescriptor file(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (file.get() < 0) fail("create", temporary);
  // A .tmp left by an older run keeps its mode through O_TRUNC.
  if (::fchmod(file.get(), 0600) != 0) fail("set the mode of", temporary);
  for (size_t written = 0; written < content.size();) {
    ssize_t n = ::write(file.get(), content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write", temporary);
    written += static_cast<size_t>(n);
  }
  if (::fsync(file.get()) != 0) fail("flush", temporary);
  if (file.close() != 0) fail("close", temporary);
  if (::rename(temporary.c_str(), path.c_str()) != 0)
    fail("rename " + temporary.string() + " to", path);
  const std::filesystem::path parent = path.has_parent_path() ? path.parent_path() : ".";
  FileDescriptor directory(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() < 0 || ::fsync(directory.get()) != 0) fail("flush the directory", parent);
}

void prepare_directory(const std::filesystem::path& path) {
  const std::filesystem::path parent =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::vector<std::filesystem::path> missing;
  for (std::filesystem::path folder = parent; !folder.empty() && !std::filesystem::exists(folder);
       folder = folder.parent_path()) {
    missing.push_back(folder);
    if (folder == folder.parent_path()) break;
  }
  for (auto folder = missing.rbegin(); folder != missing.rend(); ++folder) {
    if (::mkdir(folder->c_str(), 0700) != 0 && errno != EEXIST) fail("create the folder", *folder);
  }
  if (!std::filesystem::is_directory(parent)) {
    errno = ENOTDIR;
    fail("write files in the folder", parent);
  }
  if (::access(parent.c_str(), W_OK | X_OK) != 0) fail("write files in the folder", parent);
}

std::optional<std::string> read_file_if_present(const std::filesystem::path& path) {
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    fail("open", path);
  }
  std::string content;
  char buffer[1 << 16];
  while (true) {
    ssize_t n = ::read(file.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("read", path);
    if (n == 0) return content;
    content.append(buffer, static_cast<size_t>(n));
  }
}

}  // namespace ccemu::store
