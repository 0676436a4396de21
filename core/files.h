#pragma once
// File helpers. Everything pilotbench writes may hold citizens' data, so files are created 0600 and
// directories 0700, whatever the umask.
#include <filesystem>
#include <string>
#include <string_view>

namespace pb {

// Reads a whole file; throws InputError naming the file if it cannot be read.
std::string read_file(const std::filesystem::path& path);

// Writes a file readable by the owner only, atomically (temporary file + rename), creating parent
// directories (0700) as needed. Throws std::runtime_error on failure.
void write_private_file(const std::filesystem::path& path, std::string_view content);

// Creates a directory tree whose new directories are private to the owner.
void create_private_directories(const std::filesystem::path& path);

}  // namespace pb
