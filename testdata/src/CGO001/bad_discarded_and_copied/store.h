#include <stddef.h>
char *store_lookup(const char *key);
