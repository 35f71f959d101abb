#include "common/compact_text.h"

#include <cstring>
#include <utility>

namespace ccemu {

CompactText::CompactText(std::string_view text) {
  std::memset(bytes_, 0, sizeof bytes_);
  if (text.size() <= kInline) {
    if (!text.empty()) std::memcpy(bytes_, text.data(), text.size());
    bytes_[kInline] = static_cast<char>(text.size());
    return;
  }
  char* heap = new char[text.size()];
  std::memcpy(heap, text.data(), text.size());
  const auto size = static_cast<uint32_t>(text.size());
  std::memcpy(bytes_, &heap, sizeof heap);
  std::memcpy(bytes_ + sizeof heap, &size, sizeof size);
  bytes_[kInline] = static_cast<char>(kOnHeap);
}

CompactText::CompactText(CompactText&& other) noexcept {
  std::memcpy(bytes_, other.bytes_, sizeof bytes_);
  std::memset(other.bytes_, 0, sizeof other.bytes_);
}

CompactText& CompactText::operator=(CompactText other) noexcept {
  std::swap(bytes_, other.bytes_);
  return *this;
}

CompactText::~CompactText() {
  if (!on_heap()) return;
  char* heap;
  std::memcpy(&heap, bytes_, sizeof heap);
  delete[] heap;
}

std::string_view CompactText::view() const {
  if (!on_heap()) return {bytes_, static_cast<uint8_t>(bytes_[kInline])};
  const char* heap;
  uint32_t size;
  std::memcpy(&heap, bytes_, sizeof heap);
  std::memcpy(&size, bytes_ + sizeof heap, sizeof size);
  return {heap, size};
}

}  // namespace ccemu
