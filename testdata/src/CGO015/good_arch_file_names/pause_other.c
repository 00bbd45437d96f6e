//go:build !amd64 && !386

void cpu_pause(void) {
}
