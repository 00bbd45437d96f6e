module example.com/good_crypto_rand_named_rand

go 1.19
