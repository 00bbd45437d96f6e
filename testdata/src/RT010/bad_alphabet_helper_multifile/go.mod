module example.com/bad_alphabet_helper_multifile

go 1.19
