static const char *cursor;
static int remaining;

static void remember(const char *at, int n) {
	cursor = at;
	remaining = n;
}

void scan_begin(const char *text, int len, int skip) {
	const char *start = text + skip;
	remember(start, len - skip);
}

int scan_next(void) {
	if (remaining <= 0) return -1;
	remaining--;
	return *cursor++;
}
