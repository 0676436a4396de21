#pragma once
// Error style (see CONTRIBUTING.md):
//  * A problem with the user's input that stops a command (unreadable dataset, bad scenario, malformed
//    file) is thrown as InputError carrying every Problem found, each with file, line and field.
//  * An expected per-item failure (an adapter that times out, crashes or returns garbage) is a value:
//    Outcome<T>::failure(reason). It is recorded and the run goes on.
//  * Programmer errors are assertions.
#include <stdexcept>
#include <string>
#include <vector>

namespace pb {

// One thing wrong with an input file. line is 1-based; 0 means "the file as a whole".
struct Problem {
  std::string file;
  int line = 0;
  std::string field;    // JSON path or column, e.g. "segments[3].start"; may be empty
  std::string message;  // what was expected, e.g. "expected a number >= 0, got \"abc\""

  // "file:line: field: message" with empty parts left out.
  std::string to_string() const;
};

// Collects problems so a validator can report all of them instead of stopping at the first.
class ProblemList {
 public:
  void add(Problem problem) { problems_.push_back(std::move(problem)); }
  void add(std::string file, int line, std::string field, std::string message) {
    problems_.push_back({std::move(file), line, std::move(field), std::move(message)});
  }
  bool empty() const { return problems_.empty(); }
  std::size_t size() const { return problems_.size(); }
  const std::vector<Problem>& items() const { return problems_; }
  // Throws InputError if any problem was added.
  void throw_if_any() const;

 private:
  std::vector<Problem> problems_;
};

// Thrown when a command cannot go on because of its input. what() lists every problem, one per line.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Problem> problems);
  explicit InputError(Problem problem) : InputError(std::vector<Problem>{std::move(problem)}) {}
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

}  // namespace pb
