#include "common/file_bytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace ccemu {

std::optional<FileBytes> FileBytes::read(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat status {};
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
    ::close(fd);
    return std::nullopt;
  }
  // One byte more than the file, so a file that grew since fstat is noticed and read again.
  size_t mapped = static_cast<size_t>(status.st_size) + 1;
  for (;;) {
    void* pages = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (pages == MAP_FAILED) {
      ::close(fd);
      return std::nullopt;
    }
    FileBytes bytes(static_cast<char*>(pages), 0, mapped);
    while (bytes.size_ < mapped) {
      const ssize_t got = ::pread(fd, bytes.data_ + bytes.size_, mapped - bytes.size_,
                                  static_cast<off_t>(bytes.size_));
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        ::close(fd);
        return std::nullopt;
      }
      if (got == 0) break;
      bytes.size_ += static_cast<size_t>(got);
    }
    if (bytes.size_ < mapped) {
      ::close(fd);
      return bytes;
    }
    mapped *= 2;  // the file grew while it was read: read it again into more room
  }
}

FileBytes::FileBytes(FileBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      mapped_(std::exchange(other.mapped_, 0)) {}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    mapped_ = std::exchange(other.mapped_, 0);
  }
  return *this;
}

FileBytes::~FileBytes() { release(); }

void FileBytes::release() {
  if (mapped_ != 0) ::munmap(data_, mapped_);
  data_ = nullptr;
  size_ = mapped_ = 0;
}

}  // namespace ccemu
