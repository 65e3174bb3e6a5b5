// Placeholder until the schema loader lands; keeps the module linkable.
#include "stdlib/schema/schema.hpp"
