// FileBytes: a file's bytes, read in one go into memory mapped for them up front.
//
// Why not a std::string: on the paravirtualised VMs ccemu's start-up is measured on, the first
// write to each fresh page costs a page fault of about 15 µs, while mapping the pages populated
// (MAP_POPULATE) costs about 1 µs a page; the registry index (116 KB) is read at every start.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ccemu {

class FileBytes {
 public:
  // The bytes of `file`, or nullopt when it cannot be opened or read.
  static std::optional<FileBytes> read(const std::filesystem::path& file);

  FileBytes(FileBytes&& other) noexcept;
  FileBytes& operator=(FileBytes&& other) noexcept;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes();

  std::string_view view() const { return {data_, size_}; }

 private:
  FileBytes(char* data, size_t size, size_t mapped) : data_(data), size_(size), mapped_(mapped) {}
  void release();

  char* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_ = 0;  // bytes mapped at data_ (0: nothing mapped)
};

}  // namespace ccemu
