#include "cli/app.hpp"

int main(int argc, char** argv) {
  return taskguard::cli::run(argc, argv);
}
