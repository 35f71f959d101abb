// Journal: the append-only record of changes beside a snapshot file (README "State and snapshots").
//
// Files are <snapshot>.journal.<generation>: a 16-byte header, then records, each
//   u32 length (little-endian) | u32 CRC-32C of the payload | payload
// The payload is the caller's (cloudcontrol/state_change.h); the journal only frames, writes,
// syncs, replays and rotates. A snapshot names the generation that follows it: start-up replays
// that file and any later ones, and a fold (rotate(), then a snapshot written, then
// remove_before()) never leaves a moment where a crash loses a record.
//
// A torn or corrupt tail (a crash mid-write, a record failing its checksum or the caller's decoder)
// is cut at the last good record, with one warning line on stderr.
//
// append() either writes a whole record or leaves the file as it was (a partial write is cut off
// again) and throws. Under SyncMode::kAlways, await() returns once the record is on disk;
// concurrent waiters share one fdatasync (group commit).
//
// Thread-safety: mu_ guards every member below it. append() and rotate() are called by one writer
// at a time (the service, under its mutex); await(), sync() and size() from any thread. The lock
// is never held across fdatasync() of a waiter, so appends go on while one sync runs.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace ccemu::store {

enum class SyncMode {
  kAlways,  // fdatasync before the answer, shared by concurrent writers
  kBatch,   // written before the answer; fdatasync'ed by sync() soon after
  kNone,    // written before the answer; left to the kernel
};

class Journal {
 public:
  Journal(std::filesystem::path snapshot_path, SyncMode mode);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  struct Replayed {
    uint64_t records = 0;
    uint64_t cut_bytes = 0;  // bytes of torn or corrupt tail cut off
  };
  // Replays every record of generation `first` and later, in order, through `replay`, which
  // returns false for a payload it cannot use (that record and the rest of its file are cut).
  // Then opens the last generation (made when none exists) for appending. Throws
  // std::system_error (file cannot be read or written) or std::runtime_error (not a journal).
  Replayed open(uint64_t first, const std::function<bool(std::string_view payload)>& replay);

  // Appends one record; returns its ticket for await(). Throws std::system_error, leaving the
  // file without the record; after an error that could not be cut off, every append throws.
  uint64_t append(std::string_view payload);
  // kAlways: returns once every record up to `ticket` is on disk. Throws std::system_error when
  // the sync fails. Other modes return at once.
  void await(uint64_t ticket);
  // Syncs what was appended and not yet synced (kBatch's timer, a clean shutdown).
  void sync();
  // Starts the next generation's file and returns its number; the previous file is synced first.
  uint64_t rotate();
  // Deletes the files of generations before `generation` (after a snapshot covering them).
  void remove_before(uint64_t generation);
  // Bytes of records in the current generation's file.
  uint64_t size() const;
  // The current generation.
  uint64_t generation() const;
  SyncMode mode() const { return mode_; }

  std::filesystem::path file_of(uint64_t generation) const;

 private:
  struct File;
  void open_for_append(uint64_t generation, bool create);

  const std::filesystem::path snapshot_path_;
  const SyncMode mode_;

  mutable std::mutex mu_;
  std::condition_variable synced_cv_;
  std::shared_ptr<File> file_;  // the current generation's, shared with a sync in progress
  uint64_t generation_ = 0;
  uint64_t oldest_ = 0;     // the oldest generation that may still have a file
  uint64_t file_size_ = 0;  // bytes in file_, header included
  uint64_t written_ = 0;    // bytes appended since open(), across generations: tickets
  uint64_t synced_ = 0;     // tickets known to be on disk
  bool syncing_ = false;    // a waiter is in fdatasync()
  std::string broken_;      // why appends are refused, when they are
};

}  // namespace ccemu::store
