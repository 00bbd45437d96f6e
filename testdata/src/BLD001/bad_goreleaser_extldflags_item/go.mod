module github.com/acme/logshipper

go 1.22
