module example.com/bad_slice_header_multifile

go 1.19
