#include "harness/cli.h"

int main(int argc, char** argv) { return pb::run_cli(argc, argv); }
