#include "cloudcontrol/state_file.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "common/api_error.h"
#include "common/json_limits.h"
#include "store/snapshot_file.h"

namespace ccemu::cloudcontrol {
namespace {

// CCEMU_JOURNAL_FOLD_BYTES, when set to a positive number.
std::optional<uint64_t> fold_bytes_from_environment() {
  const char* text = std::getenv("CCEMU_JOURNAL_FOLD_BYTES");
  if (text == nullptr || *text == '\0') return std::nullopt;
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (*end != '\0' || value == 0) return std::nullopt;
  return value;
}

}  // namespace

StateFile::StateFile(CloudControlService& service, std::filesystem::path path, store::SyncMode sync,
                     bool log_writes)
    : service_(service),
      path_(std::move(path)),
      journal_(path_, sync),
      log_writes_(log_writes),
      fold_bytes_override_(fold_bytes_from_environment()),
      fold_bytes_(fold_bytes_override_.value_or(kMinFoldBytes)) {}

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
  uint64_t generation = 0;
  if (text) {
    std::string error;
    auto dump = parse_bounded_json(*text, error, kStateDumpMaxDepth);
    if (!dump) throw std::runtime_error(where + "not JSON: " + error);
    try {
      generation = service_.restore_snapshot(std::move(*dump));
    } catch (const ApiError& e) {
      throw std::runtime_error(where + e.what());
    }
    if (!fold_bytes_override_) fold_bytes_ = std::max<uint64_t>(fold_bytes_, text->size());
  }
  try {
    const auto replayed = journal_.open(
        generation, [this](std::string_view payload) { return service_.replay(payload); });
    if (log_writes_ && replayed.records > 0) {
      std::fprintf(stderr, "ccemu: journal replayed: records=%llu cut_bytes=%llu\n",
                   static_cast<unsigned long long>(replayed.records),
                   static_cast<unsigned long long>(replayed.cut_bytes));
    }
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot use the journal of state file " + path_.string() + ": " +
                             e.what());
  }
  service_.set_journal(&journal_);
  loaded_ = true;
}

void StateFile::start() {
  writer_ = std::thread([this] { run(); });
}

bool StateFile::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return !last_fold_failed_;
    stopped_ = stopping_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
  return loaded_ ? fold() : true;
}

void StateFile::run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    wake_.wait_for(lock, kBatchInterval, [this] { return stopping_; });
    if (stopping_) return;
    lock.unlock();
    if (journal_.mode() == store::SyncMode::kBatch) {
      try {
        journal_.sync();
      } catch (const std::system_error& e) {
        std::fprintf(stderr, "ccemu: cannot sync the journal: %s\n", e.what());
      }
    }
    if (journal_.size() > fold_bytes_) fold();
    lock.lock();
  }
}

bool StateFile::fold() {
  const auto started = std::chrono::steady_clock::now();
  std::string text;
  size_t size = 0;
  try {
    text = service_.export_snapshot(journal_);
    store::write_file_atomically(path_, text);
    journal_.remove_before(journal_.generation());
    size = text.size();
  } catch (const std::system_error& e) {
    std::fprintf(stderr, "ccemu: cannot write state file (the journal keeps every change): %s\n",
                 e.what());
    std::lock_guard lock(mu_);
    last_fold_failed_ = true;
    return false;
  }
  text = std::string();
  if (!fold_bytes_override_) fold_bytes_ = std::max(fold_bytes_, static_cast<uint64_t>(size));
  {
    std::lock_guard lock(mu_);
    last_fold_failed_ = false;
  }
  if (log_writes_) {
    using std::chrono::duration_cast, std::chrono::microseconds;
    const auto finished = std::chrono::steady_clock::now();
    std::fprintf(stderr, "ccemu: state file written: file=%s bytes=%zu duration_us=%lld\n",
                 path_.c_str(), size,
                 static_cast<long long>(duration_cast<microseconds>(finished - started).count()));
  }
  return true;
}

}  // namespace ccemu::cloudcontrol
