module example.com/bad_rdtsc_preamble

go 1.19
