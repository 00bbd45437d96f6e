module example.com/missinglib

go 1.19
