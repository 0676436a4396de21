#pragma once
// The interval type every report model uses. Bounds are finite; an undefined interval is an absent optional.

namespace pb {

struct ConfidenceInterval {
  double lower = 0.0;
  double upper = 0.0;
};

}  // namespace pb
