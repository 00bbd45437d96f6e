module example.com/bad_internal_test_block_preamble

go 1.19
