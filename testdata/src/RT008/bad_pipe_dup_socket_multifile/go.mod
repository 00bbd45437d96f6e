module example.com/bad_pipe_dup_socket_multifile

go 1.19
