#include <stdint.h>

static uint32_t channel(uint32_t a, uint32_t b, int shift, int percent) {
	uint32_t x = (a >> shift) & 0xff, y = (b >> shift) & 0xff;
	return ((x * (100 - percent) + y * percent) / 100) << shift;
}

uint32_t blend_colors(uint32_t a, uint32_t b, int percent) {
	return channel(a, b, 16, percent) | channel(a, b, 8, percent) | channel(a, b, 0, percent);
}
