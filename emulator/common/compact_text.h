// CompactText: an immutable string in 16 bytes (std::string takes 32): up to 15 bytes are kept
// inline, longer text in one heap block of its own size. For values kept by the hundred thousand
// (a request's identifier, kept 7 days).
//
// Thread-safety: a plain value.
#pragma once

#include <cstdint>
#include <string_view>

namespace ccemu {

class CompactText {
 public:
  CompactText() : CompactText(std::string_view()) {}
  explicit CompactText(std::string_view text);
  CompactText(const CompactText& other) : CompactText(other.view()) {}
  CompactText(CompactText&& other) noexcept;
  CompactText& operator=(CompactText other) noexcept;
  ~CompactText();

  std::string_view view() const;

 private:
  static constexpr size_t kInline = 15;
  static constexpr uint8_t kOnHeap = 0xFF;
  bool on_heap() const { return static_cast<uint8_t>(bytes_[kInline]) == kOnHeap; }

  // Inline: the text, then at bytes_[kInline] its length. On the heap: a pointer and a 32-bit
  // length at the front, kOnHeap at bytes_[kInline].
  alignas(8) char bytes_[16];
};

static_assert(sizeof(CompactText) == 16);

}  // namespace ccemu
