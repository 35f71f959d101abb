// StateFile: --state-file PATH (README "State and snapshots"). load() fills the service from the
// file at start; afterwards a writer thread saves the whole state (write-only values included, mode
// 0600, atomically: store/snapshot_file.h) soon after every change, and stop() saves the last
// changes on a clean shutdown.
//
// Thread-safety: mu_ guards notified_, saved_, last_save_failed_ and stopping_. The service's
// change listener takes mu_ while the service holds its own mutex, so the order is service mutex ->
// mu_; the writer never holds mu_ while it calls the service.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <thread>

#include "cloudcontrol/service.h"

namespace ccemu::cloudcontrol {

class StateFile {
 public:
  // Changes are saved at most this often, so a burst costs one write; every change reaches the
  // file within this interval plus the time of one write.
  static constexpr std::chrono::milliseconds kMinInterval{200};

  // `log_writes`: print one line per write on stderr (--log-level debug).
  StateFile(CloudControlService& service, std::filesystem::path path, bool log_writes);
  ~StateFile();

  // Loads the file into the service; a missing file leaves it empty, and missing folders on its
  // path are made. Throws std::runtime_error naming the file when it cannot be read, holds no
  // valid state dump, or could not be written later.
  void load();
  // Registers as the service's change listener and starts the writer.
  // REQUIRES: called once, before the service serves requests.
  void start();
  // Saves changes not yet saved and ends the writer. False when the last save failed, so the
  // file lacks changes. Safe to call more than once.
  bool stop();

 private:
  void run();
  // Writes the service's state to the file. A failure is printed and returned as false; the next
  // change, or stop(), tries again.
  bool save();

  CloudControlService& service_;
  const std::filesystem::path path_;
  const bool log_writes_;

  std::mutex mu_;
  std::condition_variable wake_;   // a change was noted, or stopping_ was set
  uint64_t notified_ = 0;          // Guarded by mu_: changes noted so far.
  uint64_t saved_ = 0;             // Guarded by mu_: changes covered by the last save begun.
  bool last_save_failed_ = false;  // Guarded by mu_.
  bool stopping_ = false;          // Guarded by mu_.
  std::thread writer_;
};

}  // namespace ccemu::cloudcontrol
