module example.com/bad_socket_reversed_operands

go 1.19
