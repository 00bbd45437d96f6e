module example.com/bad_pipe_initializer_multifile

go 1.19
