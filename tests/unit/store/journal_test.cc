#include "store/journal.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace ccemu::store {
namespace {

class JournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ccemu-journal-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = dir_ / "state.json";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::string> replay_all(uint64_t first, Journal::Replayed* replayed = nullptr) {
    std::vector<std::string> seen;
    Journal journal(path_, SyncMode::kNone);
    auto result = journal.open(first, [&](std::string_view payload) {
      seen.emplace_back(payload);
      return true;
    });
    if (replayed) *replayed = result;
    return seen;
  }

  std::filesystem::path dir_, path_;
};

TEST_F(JournalTest, RecordsComeBackInOrderAcrossGenerations) {
  {
    Journal journal(path_, SyncMode::kAlways);
    journal.open(0, [](std::string_view) { return true; });
    journal.await(journal.append("one"));
    journal.append("two");
    EXPECT_EQ(journal.rotate(), 1u);
    journal.await(journal.append("three"));
  }
  EXPECT_EQ(replay_all(0), (std::vector<std::string>{"one", "two", "three"}));
  EXPECT_EQ(replay_all(1), (std::vector<std::string>{"three"}));
}

TEST_F(JournalTest, RemoveBeforeDropsCoveredGenerations) {
  Journal journal(path_, SyncMode::kBatch);
  journal.open(0, [](std::string_view) { return true; });
  journal.append("old");
  journal.rotate();
  journal.remove_before(1);
  EXPECT_FALSE(std::filesystem::exists(journal.file_of(0)));
  EXPECT_TRUE(std::filesystem::exists(journal.file_of(1)));
}

TEST_F(JournalTest, ATornTailIsCutAndAppendsFollowTheLastWholeRecord) {
  {
    Journal journal(path_, SyncMode::kNone);
    journal.open(0, [](std::string_view) { return true; });
    journal.append("kept");
    journal.append("torn-record");
  }
  const auto file = path_.string() + ".journal.0";
  const auto size = std::filesystem::file_size(file);
  std::filesystem::resize_file(file, size - 3);
  Journal::Replayed replayed;
  EXPECT_EQ(replay_all(0, &replayed), (std::vector<std::string>{"kept"}));
  EXPECT_EQ(replayed.cut_bytes, 8u + 11u - 3u);
  {
    Journal journal(path_, SyncMode::kNone);
    journal.open(0, [](std::string_view) { return true; });
    journal.append("after");
  }
  EXPECT_EQ(replay_all(0), (std::vector<std::string>{"kept", "after"}));
}

TEST_F(JournalTest, ARecordTheReaderRefusesIsCutWithTheRest) {
  {
    Journal journal(path_, SyncMode::kNone);
    journal.open(0, [](std::string_view) { return true; });
    journal.append("good");
    journal.append("bad");
    journal.append("later");
  }
  std::vector<std::string> seen;
  Journal journal(path_, SyncMode::kNone);
  const auto replayed = journal.open(0, [&](std::string_view payload) {
    if (payload == "bad") return false;
    seen.emplace_back(payload);
    return true;
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"good"}));
  EXPECT_EQ(replayed.records, 1u);
}

TEST_F(JournalTest, AnAppendToARemovedFileIsRefused) {
  Journal journal(path_, SyncMode::kNone);
  journal.open(0, [](std::string_view) { return true; });
  std::filesystem::remove(journal.file_of(0));
  EXPECT_THROW(journal.append("lost"), std::system_error);
}

TEST_F(JournalTest, AFileThatIsNotAJournalStopsStartUp) {
  std::ofstream(path_.string() + ".journal.0") << "something else entirely";
  Journal journal(path_, SyncMode::kNone);
  EXPECT_THROW(journal.open(0, [](std::string_view) { return true; }), std::runtime_error);
}

}  // namespace
}  // namespace ccemu::store
