#include "cloudcontrol/state_file.h"

#include <cstdio>
#include <stdexcept>

#include "common/api_error.h"
#include "common/json_limits.h"
#include "store/snapshot_file.h"

namespace ccemu::cloudcontrol {
StateFile::StateFile(CloudControlService& service, std::filesystem::path path, bool log_writes)
    : service_(service), path_(std::move(path)), log_writes_(log_writes) {}

StateFile::~StateFile() { stop(); }

void StateFile::load() {
  const std::string where = "cannot load state file " + path_.string() + ": ";
  try {
    store::prepare_directory(path_);
  } catch (const std::system_error& e) {
    throw std::runtime_error("cannot use state file " + path_.string() + ": " + e.what());
  }
  std::optional<std::string> text;
  try {
    text = store::read_file_if_present(path_);
  } catch (const std::system_error& e) {
    throw std::runtime_error(where + e.code().message());
  }
  if (!text) return;
  std::string error;
  auto dump = parse_bounded_json(*text, error, kStateDumpMaxDepth);
  if (!dump) throw std::runtime_error(where + "not JSON: " + error);
  try {
    service_.import_state(std::move(*dump));
  } catch (const ApiError& e) {
    throw std::runtime_error(where + e.what());
  }
}

void StateFile::start() {
  service_.set_change_listener([this] {
    {
      std::lock_guard lock(mu_);
      ++notified_;
    }
    wake_.notify_one();
  });
  writer_ = std::thread([this] { run(); });
}

bool StateFile::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return !last_save_failed_;
    stopping_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
  bool unsaved;
  {
    std::lock_guard lock(mu_);
    unsaved = saved_ != notified_ || last_save_failed_;
  }
  return unsaved ? save() : true;
}

void StateFile::run() {
  std::unique_lock lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || saved_ != notified_; });
    if (stopping_) return;
    lock.unlock();
    save();
    lock.lock();
    wake_.wait_for(lock, kMinInterval, [this] { return stopping_; });
  }
}

bool StateFile::save() {
  {
    std::lock_guard lock(mu_);
    saved_ = notified_;
  }
  const auto started = std::chrono::steady_clock::now();
  // Every change noted before the line above is in this export; later ones wake the writer again.
  const std::string text = service_.export_state(WriteOnlyValues::kIncluded);
  const auto exported = std::chrono::steady_clock::now();
  try {
    store::write_file_atomically(path_, text);
  } catch (const std::system_error& e) {
    std::fprintf(stderr, "ccemu: cannot write state file: %s\n", e.what());
    std::lock_guard lock(mu_);
    last_save_failed_ = true;
    return false;
  }
  {
    std::lock_guard lock(mu_);
    last_save_failed_ = false;
  }
  if (log_writes_) {
    using std::chrono::duration_cast, std::chrono::microseconds;
    const auto finished = std::chrono::steady_clock::now();
    // duration_us: the whole save; export_us: assembling the text, before it is written.
    std::fprintf(stderr,
                 "ccemu: state file written: file=%s bytes=%zu duration_us=%lld export_us=%lld\n",
                 path_.c_str(), text.size(),
                 static_cast<long long>(duration_cast<microseconds>(finished - started).count()),
                 static_cast<long long>(duration_cast<microseconds>(exported - started).count()));
  }
  return true;
}

}  // namespace ccemu::cloudcontrol
