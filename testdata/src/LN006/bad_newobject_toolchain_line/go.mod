module example.com/bad_newobject_toolchain_line

go 1.22

toolchain go1.23.4
