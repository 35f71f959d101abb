// StateFile: --state-file PATH (README "State and snapshots"): a snapshot at PATH and a journal
// beside it (store/journal.h).
//
// load() fills the service from the snapshot (version 1 or 2) and replays the journal after it,
// cutting a torn tail. From then on the service appends every change to the journal before it
// answers (--state-sync says when it reaches the disk). A writer thread syncs the journal under
// kBatch and folds it into a new snapshot (written atomically, mode 0600: store/snapshot_file.h)
// when it grows past the snapshot's size; stop() folds once more on a clean shutdown, so a
// stopped ccemu leaves a snapshot and an empty journal.
//
// Thread-safety: mu_ guards stopping_ and last_fold_failed_; folds run on the writer thread, or
// in stop() after it ended. The service calls the journal under its own mutex.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "cloudcontrol/service.h"
#include "store/journal.h"

namespace ccemu::cloudcontrol {

class StateFile {
 public:
  // kBatch syncs the journal this often (README: "synced within 100 ms").
  static constexpr std::chrono::milliseconds kBatchInterval{100};
  // The journal is folded once it holds more than this, or than the last snapshot if larger.
  // CCEMU_JOURNAL_FOLD_BYTES replaces both (benchmarks: a fold per change, or a long replay).
  static constexpr uint64_t kMinFoldBytes = 8u << 20;

  // `log_writes`: print one line per snapshot written on stderr (--log-level debug).
  StateFile(CloudControlService& service, std::filesystem::path path, store::SyncMode sync,
            bool log_writes);
  ~StateFile();

  // Loads the snapshot and replays the journal into the service; missing files leave it empty,
  // and missing folders on the path are made. Then the service journals every change. Throws
  // std::runtime_error naming the file when it cannot be read or written, or holds no valid state.
  void load();
  // Starts the writer. REQUIRES: load() succeeded; called once.
  void start();
  // Ends the writer and folds the journal into the snapshot. False when that fails (the journal
  // still holds every change). Safe to call more than once.
  bool stop();

 private:
  void run();
  // Writes a snapshot of the service's state and drops the journal it covers. A failure is
  // printed and returned as false; the journal keeps every change, so nothing is lost.
  bool fold();

  CloudControlService& service_;
  const std::filesystem::path path_;
  store::Journal journal_;
  const bool log_writes_;
  const std::optional<uint64_t> fold_bytes_override_;  // CCEMU_JOURNAL_FOLD_BYTES
  uint64_t fold_bytes_;                                // writer thread (or load/stop) only
  bool loaded_ = false;                                // load() succeeded: the journal is open

  std::mutex mu_;
  std::condition_variable wake_;   // stopping_ was set
  bool stopping_ = false;          // Guarded by mu_.
  bool stopped_ = false;           // Guarded by mu_.
  bool last_fold_failed_ = false;  // Guarded by mu_.
  std::thread writer_;
};

}  // namespace ccemu::cloudcontrol
