#include "cli/app.hpp"
#include "cli/process/allocator_tuning.hpp"

int main(int argc, char** argv) {
  taskguard::cli::tune_allocator();
  return taskguard::cli::run(argc, argv);
}
