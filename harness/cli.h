#pragma once
// The `pilotbench` command line. Exit codes (docs/cli.md):
//   0   success
//   1   the run finished but the scenario's target picture was missed (a target "not met")
//   2   usage or input error (bad arguments, dataset, scenario, database); nothing stored is lost
//   3   internal error
//   130 interrupted (Ctrl-C); the run is resumable with `pilotbench run --resume RUN_ID`
namespace pb {

inline constexpr int kExitOk = 0;
inline constexpr int kExitTargetMissed = 1;
inline constexpr int kExitInputError = 2;
inline constexpr int kExitInternalError = 3;
inline constexpr int kExitInterrupted = 130;

int run_cli(int argc, char** argv);

}  // namespace pb
