module example.com/good_embedded_header_handed_on

go 1.19
