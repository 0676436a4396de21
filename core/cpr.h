#pragma once
// Danish CPR numbers (DDMMYY-SSSS) must never appear in anything pilotbench writes unless the user asks
// for raw text. Numbers issued since 2007 need not satisfy modulus 11, so the check is on shape and a
// plausible date only, never on the checksum.
#include <string>
#include <string_view>

namespace pb {

// True if the 10 digits (with or without the hyphen) form a CPR-shaped number with a valid day and month.
bool looks_like_cpr(std::string_view digits);

// Replaces every CPR-like number ("120385-1234", "1203851234", "120385 1234") not embedded in a longer
// digit run with "XXXXXX-XXXX".
std::string mask_cpr(std::string_view text);

}  // namespace pb
