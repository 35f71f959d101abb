#include "store/journal.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "common/crc32c.h"

namespace ccemu::store {
namespace {

constexpr std::string_view kHeader = "ccemu-journal 1\n";
constexpr size_t kFrameHead = 8;  // length and checksum

std::system_error failure(int error, const std::string& step, const std::filesystem::path& path) {
  return std::system_error(error, std::generic_category(), "cannot " + step + " " + path.string());
}

uint32_t read_u32(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
}

void put_u32(std::string& out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

void write_all(int fd, std::string_view data, const std::filesystem::path& path) {
  for (size_t done = 0; done < data.size();) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw failure(errno, "write", path);
    done += static_cast<size_t>(n);
  }
}

void sync_directory_of(const std::filesystem::path& path) {
  const std::filesystem::path parent = path.has_parent_path() ? path.parent_path() : ".";
  int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw failure(errno, "open the folder", parent);
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) throw failure(error, "flush the folder", parent);
}

// A journal file mapped read-only, so a replay reads its records in place: no copy of a file that
// may hold a hundred megabytes, and no page faults of a buffer to copy it into.
class MappedFile {
 public:
  // The file at `path`, or nullopt when there is none. Throws std::system_error.
  static std::optional<MappedFile> open(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return std::nullopt;
      throw failure(errno, "open", path);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      const int error = errno;
      ::close(fd);
      throw failure(error, "inspect", path);
    }
    MappedFile file;
    file.size_ = static_cast<size_t>(st.st_size);
    if (file.size_ > 0) {
      void* data = ::mmap(nullptr, file.size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (data == MAP_FAILED) {
        const int error = errno;
        ::close(fd);
        throw failure(error, "map", path);
      }
      file.data_ = static_cast<const char*>(data);
    }
    ::close(fd);
    return file;
  }
  MappedFile(MappedFile&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  MappedFile& operator=(MappedFile&&) = delete;
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  }
  std::string_view content() const { return {data_, size_}; }

 private:
  MappedFile() = default;
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// Replays the records of `content` (a whole journal file) through `replay`; returns the end of
// the last good one (0 when not even the header is whole) and counts them in `kept`.
size_t replay_records(std::string_view content, const std::filesystem::path& path,
                      const std::function<bool(std::string_view)>& replay, uint64_t& kept) {
  if (content.size() < kHeader.size()) return 0;
  if (content.substr(0, kHeader.size()) != kHeader)
    throw std::runtime_error(path.string() + " is not a ccemu journal");
  size_t at = kHeader.size();
  while (content.size() - at >= kFrameHead) {
    const uint32_t length = read_u32(content.data() + at);
    const uint32_t checksum = read_u32(content.data() + at + 4);
    if (content.size() - at - kFrameHead < length) break;
    const std::string_view payload = content.substr(at + kFrameHead, length);
    if (crc32c(payload) != checksum || !replay(payload)) break;
    at += kFrameHead + length;
    ++kept;
  }
  return at;
}

}  // namespace

struct Journal::File {
  int fd = -1;
  std::filesystem::path path;
  ~File() {
    if (fd >= 0) ::close(fd);
  }
};

Journal::Journal(std::filesystem::path snapshot_path, SyncMode mode)
    : snapshot_path_(std::move(snapshot_path)), mode_(mode) {}

Journal::~Journal() = default;

std::filesystem::path Journal::file_of(uint64_t generation) const {
  std::filesystem::path path = snapshot_path_;
  path += ".journal." + std::to_string(generation);
  return path;
}

Journal::Replayed Journal::open(uint64_t first,
                                const std::function<bool(std::string_view)>& replay) {
  Replayed replayed;
  uint64_t generation = first;
  bool found = false;
  for (uint64_t g = first;; ++g) {
    const std::filesystem::path path = file_of(g);
    uint64_t kept = 0;
    size_t good = 0, size = 0;
    {
      std::optional<MappedFile> file = MappedFile::open(path);
      if (!file) break;
      size = file->content().size();
      good = replay_records(file->content(), path, replay, kept);
    }
    found = true;
    generation = g;
    replayed.records += kept;
    if (good < size || good == 0) {
      const uint64_t cut = size - good;
      replayed.cut_bytes += cut;
      if (good == 0) {
        // Not even a whole header: made and torn before its first record.
        int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd < 0) throw failure(errno, "rewrite", path);
        File file{fd, path};
        write_all(fd, kHeader, path);
        if (::fdatasync(fd) != 0) throw failure(errno, "flush", path);
      } else if (::truncate(path.c_str(), static_cast<off_t>(good)) != 0) {
        throw failure(errno, "cut the torn tail of", path);
      }
      if (cut > 0) {
        std::fprintf(stderr,
                     "ccemu: warning: journal %s: cut %llu bytes of torn or corrupt tail at offset "
                     "%zu after %llu records\n",
                     path.c_str(), static_cast<unsigned long long>(cut), good,
                     static_cast<unsigned long long>(kept));
      }
    }
  }
  std::lock_guard lock(mu_);
  // A crash between a snapshot's rename and the removal of the journal it covers leaves that one.
  oldest_ = first > 0 ? first - 1 : 0;
  open_for_append(generation, !found);
  return replayed;
}

void Journal::open_for_append(uint64_t generation, bool create) {
  const std::filesystem::path path = file_of(generation);
  const int flags = O_WRONLY | O_CLOEXEC | (create ? O_CREAT | O_TRUNC : O_APPEND);
  auto file = std::make_shared<File>();
  file->path = path;
  file->fd = ::open(path.c_str(), flags, 0600);
  if (file->fd < 0) throw failure(errno, create ? "create" : "open", path);
  if (create) {
    write_all(file->fd, kHeader, path);
    if (mode_ != SyncMode::kNone && ::fdatasync(file->fd) != 0) throw failure(errno, "flush", path);
    sync_directory_of(path);
  }
  struct stat st {};
  if (::fstat(file->fd, &st) != 0) throw failure(errno, "inspect", path);
  file_size_ = static_cast<uint64_t>(st.st_size);
  if (!create && ::lseek(file->fd, 0, SEEK_END) < 0) throw failure(errno, "seek in", path);
  file_ = std::move(file);
  generation_ = generation;
}

uint64_t Journal::append(std::string_view payload) {
  std::string frame;
  frame.reserve(kFrameHead + payload.size());
  put_u32(frame, static_cast<uint32_t>(payload.size()));
  put_u32(frame, crc32c(payload));
  frame += payload;
  std::lock_guard lock(mu_);
  if (!broken_.empty()) throw std::system_error(EIO, std::generic_category(), broken_);
  const int fd = file_->fd;
  // A removed journal would take records no start-up ever reads.
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw failure(errno, "inspect", file_->path);
  if (st.st_nlink == 0) throw failure(ENOENT, "append to the removed journal", file_->path);
  try {
    write_all(fd, frame, file_->path);
  } catch (const std::system_error&) {
    // Cut what part of the record reached the file, so later records follow a whole one.
    if (::ftruncate(fd, static_cast<off_t>(file_size_)) != 0 ||
        ::lseek(fd, static_cast<off_t>(file_size_), SEEK_SET) < 0) {
      broken_ = "journal " + file_->path.string() + " holds a partial record that cannot be cut";
    }
    throw;
  }
  file_size_ += frame.size();
  written_ += frame.size();
  return written_;
}

void Journal::await(uint64_t ticket) {
  if (mode_ != SyncMode::kAlways) return;
  std::unique_lock lock(mu_);
  while (synced_ < ticket) {
    if (syncing_) {
      synced_cv_.wait(lock);
      continue;
    }
    // This waiter syncs for everyone who appended so far.
    syncing_ = true;
    const uint64_t target = written_;
    std::shared_ptr<File> file = file_;
    lock.unlock();
    const int rc = ::fdatasync(file->fd);
    const int error = errno;
    lock.lock();
    syncing_ = false;
    if (rc == 0 && target > synced_) synced_ = target;
    synced_cv_.notify_all();
    if (rc != 0) throw failure(error, "flush", file->path);
  }
}

void Journal::sync() {
  std::unique_lock lock(mu_);
  if (!file_ || synced_ == written_) return;
  const uint64_t target = written_;
  std::shared_ptr<File> file = file_;
  lock.unlock();
  if (::fdatasync(file->fd) != 0) throw failure(errno, "flush", file->path);
  lock.lock();
  if (target > synced_) synced_ = target;
  synced_cv_.notify_all();
}

uint64_t Journal::rotate() {
  std::lock_guard lock(mu_);
  if (mode_ != SyncMode::kNone && ::fdatasync(file_->fd) != 0)
    throw failure(errno, "flush", file_->path);
  synced_ = written_;
  synced_cv_.notify_all();
  open_for_append(generation_ + 1, true);
  broken_.clear();
  return generation_;
}

void Journal::remove_before(uint64_t generation) {
  std::lock_guard lock(mu_);
  for (; oldest_ < generation; ++oldest_) {
    const std::filesystem::path path = file_of(oldest_);
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
      std::fprintf(stderr, "ccemu: cannot remove %s: %s\n", path.c_str(), std::strerror(errno));
  }
}

uint64_t Journal::size() const {
  std::lock_guard lock(mu_);
  return file_size_ - kHeader.size();
}

}  // namespace ccemu::store

namespace ccemu::store {

uint64_t Journal::generation() const {
  std::lock_guard lock(mu_);
  return generation_;
}

}  // namespace ccemu::store
