module github.com/acme/imgconv

go 1.21
