#pragma once
// What a reader threw, as the user sees it, for asserting exact file:line messages.
#include <string>

#include <gtest/gtest.h>

#include "core/error.h"

namespace pb::testing_formats {

template <class F>
std::string error_text(F&& read) {
  try {
    read();
  } catch (const InputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

}  // namespace pb::testing_formats
