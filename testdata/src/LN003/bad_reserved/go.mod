module example.com/bad_reserved

go 1.19
