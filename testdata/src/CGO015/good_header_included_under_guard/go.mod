module example.com/good_header_included_under_guard

go 1.19
