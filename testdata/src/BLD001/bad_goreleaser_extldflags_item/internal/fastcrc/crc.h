#include <stddef.h>
#include <stdint.h>
uint32_t crc32c(const unsigned char *p, size_t n);
