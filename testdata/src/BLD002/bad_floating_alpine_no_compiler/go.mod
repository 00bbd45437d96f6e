module example.com/fasthash

go 1.19
