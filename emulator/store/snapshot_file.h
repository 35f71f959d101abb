// Snapshot files on disk: read whole, written atomically.
//
// write_file_atomically() writes a temporary file beside the target (<path>.tmp, mode 0600),
// fsyncs it, renames it over the target and fsyncs the directory. A crash at any moment leaves the
// target holding either its previous or its new content, never a mix; at worst a stale .tmp stays
// behind and is overwritten by the next write.
//
// Thread-safety: no state; two writers of one path at once would share the temporary file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ccemu::store {

// Throws std::system_error naming the step and file that failed.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Makes sure snapshots can be written to `path`: creates its missing parent folders (mode 0700:
// snapshots hold secrets) and checks that the folder takes new files. Throws std::system_error
// naming the folder otherwise.
void prepare_directory(const std::filesystem::path& path);

// The file's content, or nullopt when it does not exist. Throws std::system_error when it exists
// but cannot be read.
std::optional<std::string> read_file_if_present(const std::filesystem::path& path);

}  // namespace ccemu::store
