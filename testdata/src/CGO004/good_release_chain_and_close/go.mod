module example.com/good_release_chain_and_close

go 1.21
