module example.com/bad_gzip_trailer_lost

go 1.19
